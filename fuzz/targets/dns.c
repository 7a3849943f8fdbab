// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: cnet-resolve's reply parser (tools/dns.c); it was
 * tools/tests/dns-fuzz.c. Every input is a reply to the query
 * "www.a.test A" with ID 0xbeef, its first two bytes forced to that ID so
 * that the fuzzer reaches past the header, in an exact-size buffer.
 *
 * dns_answer_parse() reads nothing past the reply and returns results
 * within their limits: at most DNS_MAX_ADDRS addresses and DNS_MAX_CNAME
 * aliases, names of at most 255 bytes. Every offset of the reply is also
 * read as a name and as a record: a name read is well formed (labels of
 * at most 63 bytes, 255 in all, its length what dns_name_len() says), its
 * end within the reply, and prints (dns_name_to_text()) within
 * DNS_NAME_TEXT; a record read has its data within the reply.
 */
#include "../fuzz.h"

#include "../../tools/dns.c"

static void check_name(const uint8_t *wire, int ret)
{
	char text[DNS_NAME_TEXT];
	int i = 0;

	FUZZ_CHECK(ret > 0 && ret <= DNS_MAX_NAME);
	FUZZ_CHECK((size_t)ret == dns_name_len(wire));
	while (wire[i]) {
		FUZZ_CHECK(wire[i] <= DNS_MAX_LABEL);
		i += 1 + wire[i];
	}
	FUZZ_CHECK(i == ret - 1);
	FUZZ_CHECK(strlen(dns_name_to_text(wire, text)) < sizeof(text));
	FUZZ_CHECK(dns_name_equal(wire, wire));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t query[DNS_HDR_LEN + DNS_MAX_NAME + 4];
	static int qlen;
	uint8_t wire[DNS_MAX_NAME], *msg;
	struct dns_answer ans;
	struct dns_rr rr;
	enum dns_verdict v;
	size_t off, next;
	unsigned int i;
	int ret;

	if (!qlen) {
		dns_name_from_text("www.a.test", wire);
		qlen = dns_query_build(query, sizeof(query), 0xbeef, wire,
				       DNS_TYPE_A);
	}
	msg = fuzz_dup(data, size);
	if (size >= 2) {
		msg[0] = 0xbe;
		msg[1] = 0xef;
	}
	v = dns_answer_parse(msg, size, query, qlen, DNS_MAX_CNAME, &ans);
	FUZZ_CHECK(v <= DNS_V_CNAME_LOOP);
	FUZZ_CHECK(ans.naddr <= DNS_MAX_ADDRS && ans.ncname <= DNS_MAX_CNAME);
	FUZZ_CHECK((v == DNS_V_ANSWER) == (ans.naddr > 0));
	FUZZ_CHECK(v != DNS_V_MALFORMED || (ans.err < 0 &&
					    strcmp(dns_strerror(ans.err),
						   "unknown error")));
	if (v == DNS_V_ANSWER || v == DNS_V_CNAME || v == DNS_V_NODATA ||
	    v == DNS_V_NXDOMAIN) {
		check_name(ans.canon, dns_name_len(ans.canon));
		for (i = 0; i < ans.ncname; i++)
			check_name(ans.cname[i], dns_name_len(ans.cname[i]));
	}
	for (off = DNS_HDR_LEN; off < size; off++) {
		ret = dns_name_read(msg, size, off, wire, &next);
		if (ret > 0) {
			check_name(wire, ret);
			FUZZ_CHECK(next > off && next <= size);
		} else {
			FUZZ_CHECK(ret < 0 && ret >= -DNS_E_RDATA);
		}
		if (!dns_rr_read(msg, size, off, &rr, &next))
			FUZZ_CHECK(rr.rdata + rr.rdlen == next &&
				   next <= size && rr.rdata > off);
	}
	free(msg);
	return 0;
}
