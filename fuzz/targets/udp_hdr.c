// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: a received UDP datagram (module/udp_hdr.c) inside the IPv4
 * packet that carries it: the input is the packet from its IPv4 header
 * on. As udp.c does, the header is checked against what the IP total
 * length leaves (not the bytes received): cnet_udp_hdr_check() accepts a
 * length of at least 8 and at most that, reads only the 8 bytes of the
 * header (an exact-size buffer), and a datagram whose length field
 * disagrees with IP's is accepted only when shorter (the rest is trimmed).
 *
 * Checksums, over the datagram as accepted: cnet_udp_csum() never gives 0
 * (0 means none); a datagram with it verifies (cnet_udp_csum_ok()), one
 * with a byte changed does not; the offload form (cnet_udp_pseudo_csum(),
 * the device finishing the sum) gives the same checksum; a received
 * checksum of 0 is accepted.
 */
#include "../fuzz.h"

#include "../../module/ip_hdr.c"
#include "../../module/udp_hdr.c"

/* one's complement equality: 0 and 0xffff are the same number */
static bool csum_eq(u16 a, u16 b)
{
	return a == b || ((a == 0 || a == 0xffff) && (b == 0 || b == 0xffff));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct iphdr *iph = (const void *)data;
	unsigned int hlen, tot, avail, len;
	enum cnet_udp_check r;
	struct udphdr *uh;
	__sum16 sum, off;
	u8 *dgram;

	if (size < sizeof(*iph) || iph->ihl < 5 || iph->ihl * 4 > size)
		return 0;
	/* a header built for any length is checked as it says */
	if (size >= 24) {
		struct udphdr b;
		u16 blen = data[20] << 8 | data[21];

		cnet_udp_hdr_build(&b, iph->id, iph->check, blen);
		FUZZ_CHECK(ntohs(b.len) == blen && !b.check &&
			   b.source == iph->id && b.dest == iph->check);
		FUZZ_CHECK(cnet_udp_hdr_check(&b, blen) ==
			   (blen >= sizeof(b) ? CNET_UDP_OK : CNET_UDP_SHORT));
	}
	hlen = iph->ihl * 4;
	tot = min_t(unsigned int, ntohs(iph->tot_len), size);
	if (tot < hlen)
		return 0;
	avail = tot - hlen;

	/* the header alone, as pskb_may_pull() gives it, or NULL */
	uh = avail >= sizeof(*uh) ? (void *)fuzz_dup(data + hlen, sizeof(*uh))
				  : NULL;
	r = cnet_udp_hdr_check(uh, avail);
	FUZZ_CHECK(r <= CNET_UDP_BAD_LEN);
	FUZZ_CHECK((r == CNET_UDP_SHORT) == (avail < sizeof(*uh)));
	if (r != CNET_UDP_OK)
		goto out;
	len = ntohs(uh->len);
	FUZZ_CHECK(len >= sizeof(*uh) && len <= avail);

	dgram = fuzz_dup(data + hlen, len);
	((struct udphdr *)dgram)->check = 0;
	sum = cnet_udp_csum(iph->saddr, iph->daddr, len,
			    csum_partial(dgram, len, 0));
	FUZZ_CHECK(sum != 0);

	/* the device's way: the pseudo-header's sum in the field */
	((struct udphdr *)dgram)->check = cnet_udp_pseudo_csum(iph->saddr,
							       iph->daddr, len);
	off = csum_fold(csum_partial(dgram, len, 0));
	FUZZ_CHECK(csum_eq(off, sum));

	((struct udphdr *)dgram)->check = sum;
	FUZZ_CHECK(cnet_udp_csum_ok(sum, iph->saddr, iph->daddr, len,
				    csum_partial(dgram, len, 0)));
	if (len > sizeof(*uh)) {
		/* one bit flipped in the data: the sum no longer matches */
		dgram[len - 1] ^= 0x01;
		FUZZ_CHECK(!cnet_udp_csum_ok(sum, iph->saddr, iph->daddr, len,
					     csum_partial(dgram, len, 0)));
	}
	FUZZ_CHECK(cnet_udp_csum_ok(0, iph->saddr, iph->daddr, len,
				    csum_partial(dgram, len, 0)));
	free(dgram);
out:
	free(uh);
	return 0;
}
