// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: a received IPv4 header (module/ip_hdr.c). The input is a
 * packet from its IPv4 header on, preceded by two bytes (big-endian): the
 * high bit set asks for the header's checksum to be made right first (so
 * that the fuzzer reaches past it), the next two are a cut (below), the
 * low 13 say how many of its bytes are linear (the rest is "in
 * fragments", readable only through pkt_len). Checked:
 *
 *  - cnet_ip_hdr_check() accepts only a header that is what it claims:
 *    version 4, 5 <= IHL, IHL * 4 <= what is linear, IHL * 4 <= total
 *    length <= the packet, checksum 0 over IHL * 4 bytes; it never reads
 *    past @avail (the linear part is an exact-size buffer for ASan);
 *  - the options of an accepted header: cnet_ip_opts_srr() and
 *    cnet_ip_opts_copied() read nothing past them; copying keeps only
 *    options with the copied flag, well formed, padded to a multiple of 4
 *    and no longer than the options; a source route is found in the copy
 *    when it is in the original (the copied flag of LSRR/SSRR is set);
 *    given the options cut short by 0-3 bytes, copying writes no more
 *    than the room it is promised (@len bytes);
 *  - cnet_ip_ttl_dec() on an accepted header with TTL > 1 keeps its
 *    checksum valid (RFC 1624);
 *  - cnet_ip_hdr_build() of the header's fields gives a header the check
 *    accepts, with the same fields.
 */
#include "../fuzz.h"

#include "../../module/ip_hdr.c"

/* Walk well-formed options; the number of copied-flag violations. */
static int opts_not_copied(const u8 *o, unsigned int len)
{
	unsigned int i = 0;
	int bad = 0;

	while (i < len && o[i] != IPOPT_END) {
		if (o[i] == IPOPT_NOOP) {
			i++;
			continue;
		}
		FUZZ_CHECK(len - i >= 2 && o[i + 1] >= 2 &&
			   o[i + 1] <= len - i);
		if (!(o[i] & IPOPT_COPY))
			bad++;
		i += o[i + 1];
	}
	/* only padding after the end of the list */
	for (; i < len; i++)
		FUZZ_CHECK(o[i] == IPOPT_END);
	return bad;
}

static void check_options(const u8 *opts, unsigned int olen,
			  unsigned int cut)
{
	u8 *in = fuzz_dup(opts, olen);
	u8 out[40], *room;
	int srr, n;

	srr = cnet_ip_opts_srr(in, olen);
	FUZZ_CHECK(srr == 0 || srr == 1 || srr == -EINVAL);
	memset(out, 0xa5, sizeof(out));
	n = cnet_ip_opts_copied(in, olen, out);
	FUZZ_CHECK(n == -EINVAL || (n >= 0 && (unsigned int)n <= olen &&
				    n % 4 == 0));
	if (n >= 0) {
		/* what ip_output.c builds the later fragments' headers from */
		FUZZ_CHECK(opts_not_copied(out, n) == 0);
		/* well formed: the walk for a source route ends cleanly */
		FUZZ_CHECK(srr != -EINVAL);
		FUZZ_CHECK(cnet_ip_opts_srr(out, n) == srr);
	}
	/* any length: @out has room for @len bytes, no more */
	if (cut <= olen) {
		room = malloc(olen - cut ? olen - cut : 1);
		if (!room)
			abort();
		n = cnet_ip_opts_copied(in, olen - cut, room);
		FUZZ_CHECK(n == -EINVAL || (n >= 0 &&
					    (unsigned int)n <= olen - cut));
		free(room);
	}
	free(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct iphdr *iph;
	unsigned int avail, hlen, tot, cut;
	struct iphdr built;
	u8 *pkt;
	enum cnet_ip_check r;
	bool fix;

	if (size < 2)
		return 0;
	fix = data[0] & 0x80;
	cut = (data[0] >> 5) & 3;
	avail = (data[0] & 0x1f) << 8 | data[1];
	data += 2;
	size -= 2;
	if (avail > size)
		avail = size;
	/* the linear part, alone in its buffer: ASan sees any read past it */
	pkt = fuzz_dup(data, avail);
	iph = (const struct iphdr *)pkt;
	if (fix && avail >= sizeof(*iph) && iph->ihl * 4 <= avail) {
		((struct iphdr *)pkt)->check = 0;
		((struct iphdr *)pkt)->check = cnet_csum(pkt, iph->ihl * 4);
	}
	r = cnet_ip_hdr_check(pkt, avail, size);
	if (r != CNET_IP_OK)
		goto out;

	hlen = iph->ihl * 4;
	tot = ntohs(iph->tot_len);
	FUZZ_CHECK(avail >= sizeof(*iph) && iph->version == 4 &&
		   iph->ihl >= 5 && hlen <= avail && hlen <= tot &&
		   tot <= size);
	FUZZ_CHECK(cnet_csum(pkt, hlen) == 0);
	check_options(pkt + sizeof(*iph), hlen - sizeof(*iph), cut);

	if (iph->ttl > 1) {
		u8 *copy = fuzz_dup(pkt, hlen);

		cnet_ip_ttl_dec((struct iphdr *)copy);
		FUZZ_CHECK(((struct iphdr *)copy)->ttl == iph->ttl - 1);
		FUZZ_CHECK(cnet_csum(copy, hlen) == 0);
		FUZZ_CHECK(cnet_ip_hdr_check(copy, hlen, tot) == CNET_IP_OK);
		free(copy);
	}

	cnet_ip_hdr_build(&built, iph->saddr, iph->daddr, iph->protocol,
			  iph->ttl, iph->tos, tot, iph->id, iph->frag_off);
	FUZZ_CHECK(cnet_ip_hdr_check(&built, sizeof(built),
				     tot >= sizeof(built) ? tot : 20) ==
		   CNET_IP_OK || tot < sizeof(built));
	FUZZ_CHECK(built.saddr == iph->saddr && built.daddr == iph->daddr &&
		   built.protocol == iph->protocol && built.ttl == iph->ttl &&
		   built.tos == iph->tos && built.tot_len == iph->tot_len &&
		   built.id == iph->id && built.frag_off == iph->frag_off);
	FUZZ_CHECK(cnet_ip_is_fragment(&built) == cnet_ip_is_fragment(iph));
out:
	free(pkt);
	return 0;
}
