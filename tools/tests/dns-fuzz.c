// SPDX-License-Identifier: GPL-2.0
/*
 * A libFuzzer harness for cnet-resolve's reply parser (dns.c): every input
 * is a reply to the query "www.a.test A" with ID 0xbeef, its first two bytes
 * forced to that ID so that the fuzzer reaches past the header. Every name
 * offset is also read on its own. Build and run (clang):
 *
 *	make -C tools dns-fuzz && tools/dns-fuzz -max_total_time=60
 *
 * ASan and UBSan report any read out of bounds; the checks below, any
 * result out of its limits.
 */
#include <stdlib.h>
#include <string.h>

#include "../dns.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t query[DNS_HDR_LEN + DNS_MAX_NAME + 4];
	static int qlen;
	uint8_t wire[DNS_MAX_NAME], *msg;
	char text[DNS_NAME_TEXT];
	struct dns_answer ans;
	size_t off, next;
	int ret;

	if (!qlen) {
		dns_name_from_text("www.a.test", wire);
		qlen = dns_query_build(query, sizeof(query), 0xbeef, wire,
				       DNS_TYPE_A);
	}
	/* An exact-size copy: ASan sees a read one byte past the end. */
	msg = malloc(size ? size : 1);
	if (!msg)
		return 0;
	memcpy(msg, data, size);
	if (size >= 2) {
		msg[0] = 0xbe;
		msg[1] = 0xef;
	}
	dns_answer_parse(msg, size, query, qlen, DNS_MAX_CNAME, &ans);
	if (ans.naddr > DNS_MAX_ADDRS || ans.ncname > DNS_MAX_CNAME ||
	    dns_name_len(ans.canon) > DNS_MAX_NAME)
		abort();
	for (off = DNS_HDR_LEN; off < size; off++) {
		ret = dns_name_read(msg, size, off, wire, &next);
		if (ret > DNS_MAX_NAME || (ret > 0 &&
		    ((size_t)ret != dns_name_len(wire) || next > size)))
			abort();
		if (ret > 0)
			dns_name_to_text(wire, text);
	}
	free(msg);
	return 0;
}
