// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: ICMP (module/icmp_hdr.c), two ways by the input's first
 * byte's low bit.
 *
 * Received (bit clear): the rest is an ICMP message from its header on,
 * as icmp.c hands it to cnet_icmp_err_parse(), in an exact-size buffer.
 * An error it accepts is one of the five error types, quotes a header of
 * version 4 and IHL >= 5 and the 8 bytes after it, all within the
 * message; the fields it returns are those bytes; echo is said only of a
 * quoted first fragment of an ICMP echo request. cnet_icmp_err_errno() of
 * its type and code is 0 or a negative errno.
 *
 * Sent (bit set): the rest is the offending packet, from its IPv4 header
 * on, as icmp.c checks it before answering: cnet_icmp_error_allowed()
 * reads only the transport bytes it is given; a quote of
 * cnet_icmp_quote_len() bytes keeps the error within 576 bytes yet holds
 * the header and 8 bytes when the packet has them; the error built over
 * it by cnet_icmp_err_hdr_build() has a checksum that verifies and parses
 * back (cnet_icmp_err_parse()) to the packet's addresses.
 */
#include "../fuzz.h"

#include "../../module/ip_hdr.c"
#include "../../module/icmp_hdr.c"

static void received(const u8 *data, size_t size)
{
	u8 *msg = fuzz_dup(data, size);
	const struct iphdr *q = (const void *)(msg + sizeof(struct icmphdr));
	struct cnet_icmp_err e;
	bool fatal;
	int err;

	if (cnet_icmp_err_parse(msg, size, &e)) {
		FUZZ_CHECK(cnet_icmp_type_is_error(msg[0]));
		FUZZ_CHECK(size >= sizeof(struct icmphdr) + sizeof(*q));
		FUZZ_CHECK(q->version == 4 && q->ihl >= 5);
		FUZZ_CHECK(e.l4_off == sizeof(struct icmphdr) + q->ihl * 4);
		FUZZ_CHECK(e.l4_off + CNET_ICMP_QUOTE_MIN_DATA <= size);
		FUZZ_CHECK(e.type == msg[0] && e.code == msg[1]);
		FUZZ_CHECK(e.saddr == q->saddr && e.daddr == q->daddr &&
			   e.proto == q->protocol);
		FUZZ_CHECK(!e.echo || (q->protocol == IPPROTO_ICMP &&
				       msg[e.l4_off] == ICMP_ECHO));
		FUZZ_CHECK(e.echo || !e.echo_id);
		err = cnet_icmp_err_errno(e.type, e.code, &fatal);
		FUZZ_CHECK(err <= 0 && err > -4096);
		FUZZ_CHECK(!fatal || err);
	}
	free(msg);
}

static void sent(const u8 *data, size_t size, u8 flags)
{
	u8 *pkt = fuzz_dup(data, size);
	const struct iphdr *iph = (const void *)pkt;
	unsigned int hlen, avail, quote;
	enum cnet_icmp_err_verdict v;
	struct cnet_icmp_err e;
	u8 *err;

	/* icmp.c's own checks before it asks */
	if (size < sizeof(*iph) || iph->version != 4 || iph->ihl < 5)
		goto out;
	hlen = iph->ihl * 4;
	avail = min_t(unsigned int, size, ntohs(iph->tot_len));
	if (hlen > avail)
		goto out;
	v = cnet_icmp_error_allowed(iph, pkt + hlen, avail - hlen,
				    flags & 2, flags & 4);
	FUZZ_CHECK(v <= CNET_ICMP_ERR_BAD_SRC);
	if (v != CNET_ICMP_ERR_OK)
		goto out;
	FUZZ_CHECK(!(flags & 6) && !(iph->frag_off & htons(CNET_IP_OFFSET)));

	quote = cnet_icmp_quote_len(hlen, avail);
	FUZZ_CHECK(quote <= avail);
	FUZZ_CHECK(quote >= min(avail, hlen + CNET_ICMP_QUOTE_MIN_DATA));
	FUZZ_CHECK(sizeof(struct iphdr) + sizeof(struct icmphdr) + quote <=
		   CNET_ICMP_ERR_MAX);
	err = malloc(sizeof(struct icmphdr) + quote);
	if (!err)
		abort();
	memcpy(err + sizeof(struct icmphdr), pkt, quote);
	cnet_icmp_err_hdr_build((struct icmphdr *)err, ICMP_DEST_UNREACH,
				ICMP_PORT_UNREACH, 0, quote);
	FUZZ_CHECK(cnet_csum(err, sizeof(struct icmphdr) + quote) == 0);
	if (quote >= hlen + CNET_ICMP_QUOTE_MIN_DATA) {
		FUZZ_CHECK(cnet_icmp_err_parse(err, sizeof(struct icmphdr) +
					       quote, &e));
		FUZZ_CHECK(e.saddr == iph->saddr && e.daddr == iph->daddr);
	}
	free(err);
out:
	free(pkt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		sent(data + 1, size - 1, data[0]);
	else
		received(data + 1, size - 1);
	return 0;
}
