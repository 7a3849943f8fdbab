// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure header functions in hdr.c: checksum, IPv4 header
 * validation (one case per malformed field), address classes, ARP parsing
 * and building.
 */
#include <kunit/test.h>
#include <linux/if_arp.h>
#include <linux/random.h>

#include "../hdr.h"

/* RFC 1071 section 3 example: the sum is 0xddf2, the checksum ~0xddf2. */
static void csum_rfc1071_example(struct kunit *test)
{
	static const u8 data[] = { 0x00, 0x01, 0xf2, 0x03,
				   0xf4, 0xf5, 0xf6, 0xf7 };

	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(data, sizeof(data)),
			(__force u16)htons(0x220d));
}

/* A real header (checksum 0xb861) verifies to zero; odd lengths work. */
static void csum_ipv4_header(struct kunit *test)
{
	u8 hdr[] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00,
		     0x40, 0x11, 0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01,
		     0xc0, 0xa8, 0x00, 0xc7 };
	static const u8 odd[] = { 0x01, 0x02, 0x03 };

	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(hdr, sizeof(hdr)), 0);
	hdr[10] = 0;
	hdr[11] = 0;
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(hdr, sizeof(hdr)),
			(__force u16)htons(0xb861));
	/* 0x0102 + 0x0300 = 0x0402, inverted 0xfbfd */
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(odd, sizeof(odd)),
			(__force u16)htons(0xfbfd));
}

/* A valid 20-byte header followed by @payload bytes, in @buf. */
static struct iphdr *good_hdr(u8 *buf, unsigned int payload)
{
	struct iphdr *iph = (struct iphdr *)buf;

	cnet_ip_hdr_build(iph, htonl(0x0a000001), htonl(0x0a000002),
			  IPPROTO_ICMP, 64, sizeof(*iph) + payload, htons(1));
	return iph;
}

static void recsum(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = cnet_csum(iph, iph->ihl * 4);
}

static void ip_check_valid(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 8);

	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 28, 28), CNET_IP_OK);
	/* Ethernet padding after the datagram is fine */
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 46, 46), CNET_IP_OK);
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_fragment(iph));
}

static void ip_check_short(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 0);

	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 19, 19), CNET_IP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 0, 0), CNET_IP_SHORT);
	/* IHL says 24 bytes, the packet has them but only 20 are linear */
	iph->ihl = 6;
	iph->tot_len = htons(24);
	recsum(iph);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 20, 24), CNET_IP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 24, 24), CNET_IP_OK);
}

static void ip_check_version(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 0);

	iph->version = 6;
	recsum(iph);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 20, 20),
			CNET_IP_BAD_VERSION);
}

static void ip_check_ihl(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 0);

	iph->ihl = 4;
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 20, 20), CNET_IP_BAD_IHL);
	iph->ihl = 0;
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 20, 20), CNET_IP_BAD_IHL);
	/* 60-byte header in a 40-byte packet */
	iph->ihl = 15;
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 40, 40), CNET_IP_BAD_IHL);
}

static void ip_check_len(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 8);

	/* total length shorter than the header */
	iph->tot_len = htons(19);
	recsum(iph);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 28, 28), CNET_IP_BAD_LEN);
	/* total length longer than what arrived */
	iph->tot_len = htons(29);
	recsum(iph);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 28, 28), CNET_IP_BAD_LEN);
	iph->tot_len = htons(0xffff);
	recsum(iph);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 28, 28), CNET_IP_BAD_LEN);
}

static void ip_check_csum(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 0);

	iph->check = (__force __sum16)((__force u16)iph->check ^ 1);
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 20, 20),
			CNET_IP_BAD_CSUM);
	iph = good_hdr(buf, 0);
	iph->ttl--;	/* any field changed without updating the sum */
	KUNIT_EXPECT_EQ(test, cnet_ip_hdr_check(iph, 20, 20),
			CNET_IP_BAD_CSUM);
}

static void ip_fragment(struct kunit *test)
{
	u8 buf[64] = {};
	struct iphdr *iph = good_hdr(buf, 0);

	iph->frag_off = htons(CNET_IP_DF);
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_fragment(iph));
	iph->frag_off = htons(CNET_IP_MF);
	KUNIT_EXPECT_TRUE(test, cnet_ip_is_fragment(iph));
	iph->frag_off = htons(1);	/* last fragment, offset 8 */
	KUNIT_EXPECT_TRUE(test, cnet_ip_is_fragment(iph));
}

static void ip_martian(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, cnet_ip_martian_src(htonl(0xe0000001)));
	KUNIT_EXPECT_TRUE(test, cnet_ip_martian_src(htonl(0xffffffff)));
	KUNIT_EXPECT_TRUE(test, cnet_ip_martian_src(htonl(0xf0000001)));
	KUNIT_EXPECT_TRUE(test, cnet_ip_martian_src(htonl(0x7f000001)));
	KUNIT_EXPECT_FALSE(test, cnet_ip_martian_src(htonl(0x0a000001)));
	KUNIT_EXPECT_FALSE(test, cnet_ip_martian_src(htonl(0xdfffffff)));
	/* 0.0.0.0 is a legal source for a host that has no address yet */
	KUNIT_EXPECT_FALSE(test, cnet_ip_martian_src(0));

	/* one host: neither martian nor in 0.0.0.0/8 */
	KUNIT_EXPECT_TRUE(test, cnet_ip_is_host(htonl(0x0a000001)));
	KUNIT_EXPECT_TRUE(test, cnet_ip_is_host(htonl(0x01000000)));
	KUNIT_EXPECT_TRUE(test, cnet_ip_is_host(htonl(0xdfffffff)));
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_host(0));
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_host(htonl(0x00ffffff)));
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_host(htonl(0x7f000001)));
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_host(htonl(0xe0000001)));
	KUNIT_EXPECT_FALSE(test, cnet_ip_is_host(htonl(0xffffffff)));
}

static void ifaddr_check(struct kunit *test)
{
	const char *why = NULL;

	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a000101), 24, &why), 0);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a000100), 24, &why), 0);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a0001ff), 31, &why), 0);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a0001ff), 32, &why), 0);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a000101), 0, &why), 0);

	why = NULL;
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a0001ff), 24, &why),
			-EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, why);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x0a000101), 33, &why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(0, 24, &why), -EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0x7f000001), 8, &why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0xe0000001), 24, &why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_ifaddr_check(htonl(0xffffffff), 32, &why),
			-EINVAL);
}

static void prefix_mask(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, (__force u32)cnet_prefix_mask(0), 0);
	KUNIT_EXPECT_EQ(test, (__force u32)cnet_prefix_mask(1),
			(__force u32)htonl(0x80000000));
	KUNIT_EXPECT_EQ(test, (__force u32)cnet_prefix_mask(24),
			(__force u32)htonl(0xffffff00));
	KUNIT_EXPECT_EQ(test, (__force u32)cnet_prefix_mask(32),
			(__force u32)htonl(0xffffffff));
}

static const struct cnet_arp_msg sample_msg = {
	.op	= ARPOP_REQUEST,
	.sha	= { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 },
	.sip	= cpu_to_be32(0x0a000101),
	.tha	= { 0 },
	.tip	= cpu_to_be32(0x0a000102),
};

static void arp_roundtrip(struct kunit *test)
{
	struct cnet_arp_msg m;
	u8 buf[CNET_ARP_LEN];

	cnet_arp_build(buf, &sample_msg);
	/* wire format: htype 1, ptype 0x0800, hlen 6, plen 4, op 1 */
	KUNIT_EXPECT_EQ(test, buf[0], 0);
	KUNIT_EXPECT_EQ(test, buf[1], 1);
	KUNIT_EXPECT_EQ(test, buf[2], 0x08);
	KUNIT_EXPECT_EQ(test, buf[3], 0x00);
	KUNIT_EXPECT_EQ(test, buf[4], 6);
	KUNIT_EXPECT_EQ(test, buf[5], 4);
	KUNIT_EXPECT_EQ(test, buf[7], 1);
	KUNIT_EXPECT_EQ(test, buf[27], 0x02);

	KUNIT_ASSERT_EQ(test, cnet_arp_parse(buf, sizeof(buf), &m), CNET_ARP_OK);
	KUNIT_EXPECT_EQ(test, m.op, ARPOP_REQUEST);
	KUNIT_EXPECT_MEMEQ(test, m.sha, sample_msg.sha, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, (__force u32)m.sip, (__force u32)sample_msg.sip);
	KUNIT_EXPECT_EQ(test, (__force u32)m.tip, (__force u32)sample_msg.tip);
}

static void arp_malformed(struct kunit *test)
{
	struct cnet_arp_msg m;
	u8 buf[CNET_ARP_LEN];

	cnet_arp_build(buf, &sample_msg);
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, 27, &m), CNET_ARP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, 0, &m), CNET_ARP_SHORT);

	buf[1] = 6;				/* IEEE 802 hardware */
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, sizeof(buf), &m),
			CNET_ARP_BAD_HDR);
	cnet_arp_build(buf, &sample_msg);
	buf[2] = 0x86;				/* IPv6 protocol */
	buf[3] = 0xdd;
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, sizeof(buf), &m),
			CNET_ARP_BAD_HDR);
	cnet_arp_build(buf, &sample_msg);
	buf[4] = 8;				/* hardware length */
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, sizeof(buf), &m),
			CNET_ARP_BAD_HDR);
	cnet_arp_build(buf, &sample_msg);
	buf[5] = 16;				/* protocol length */
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, sizeof(buf), &m),
			CNET_ARP_BAD_HDR);
	cnet_arp_build(buf, &sample_msg);
	buf[7] = 3;				/* RARP request */
	KUNIT_EXPECT_EQ(test, cnet_arp_parse(buf, sizeof(buf), &m),
			CNET_ARP_BAD_HDR);
}

/* A header with random fields (the given TTL) and a full checksum. */
static void random_hdr(struct iphdr *iph, u8 ttl)
{
	get_random_bytes(iph, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = ttl;
	recsum(iph);
}

/* Decrement @iph's TTL both ways and compare the checksums. */
static void expect_ttl_dec(struct kunit *test, struct iphdr *iph)
{
	struct iphdr full = *iph;

	full.ttl--;
	recsum(&full);
	cnet_ip_ttl_dec(iph);
	KUNIT_EXPECT_EQ(test, iph->ttl, full.ttl);
	KUNIT_EXPECT_EQ(test, (__force u16)iph->check, (__force u16)full.check);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(iph, sizeof(*iph)), 0);
}

/* Every TTL, many random headers: incremental equals a recompute. */
static void ttl_dec_random(struct kunit *test)
{
	struct iphdr iph;
	unsigned int ttl, i;

	for (ttl = 1; ttl <= 255; ttl++) {
		for (i = 0; i < 64; i++) {
			random_hdr(&iph, ttl);
			expect_ttl_dec(test, &iph);
		}
	}
}

/*
 * The one's-complement edges, for every TTL: a header whose checksum is
 * 0x0000 before, one whose checksum becomes 0x0000, and one carrying the
 * other representation of zero, 0xffff, which verifies as well. The
 * identification field is chosen to get there: with the checksum C that
 * identification 0 gives, identification C makes the checksum 0.
 */
static void ttl_dec_edges(struct kunit *test)
{
	struct iphdr iph, after;
	unsigned int ttl, i;

	for (ttl = 1; ttl <= 255; ttl++) {
		for (i = 0; i < 8; i++) {
			random_hdr(&iph, ttl);
			iph.id = 0;
			recsum(&iph);
			iph.id = (__force __be16)iph.check;
			recsum(&iph);
			KUNIT_ASSERT_EQ(test, (__force u16)iph.check, 0);
			after = iph;
			expect_ttl_dec(test, &after);

			/* the sum without the checksum is 0xffff */
			iph.check = (__force __sum16)htons(0xffff);
			KUNIT_ASSERT_EQ(test, (__force u16)cnet_csum(&iph, sizeof(iph)), 0);
			expect_ttl_dec(test, &iph);

			random_hdr(&iph, ttl);
			after = iph;
			after.ttl--;
			after.id = 0;
			recsum(&after);
			iph.id = (__force __be16)after.check;
			recsum(&iph);
			expect_ttl_dec(test, &iph);
			KUNIT_EXPECT_EQ(test, (__force u16)iph.check, 0);
		}
	}
}

/* A 20-byte header from 10.0.0.1 to 10.0.0.2 with @proto. */
static struct iphdr verdict_hdr(u8 proto)
{
	struct iphdr iph = {};

	cnet_ip_hdr_build(&iph, htonl(0x0a000001), htonl(0x0a000002), proto,
			  64, 48, 0);
	return iph;
}

static enum cnet_icmp_err_verdict verdict(const struct iphdr *iph, u8 l4type,
					  bool l2_bcast, bool dst_bcast)
{
	u8 l4[8] = { l4type };

	return cnet_icmp_error_allowed(iph, l4, sizeof(l4), l2_bcast, dst_bcast);
}

static void icmp_err_verdicts(struct kunit *test)
{
	static const u8 errors[] = { ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH,
				     ICMP_REDIRECT, ICMP_TIME_EXCEEDED,
				     ICMP_PARAMETERPROB };
	static const u8 queries[] = { ICMP_ECHO, ICMP_ECHOREPLY, ICMP_TIMESTAMP,
				      ICMP_TIMESTAMPREPLY, ICMP_INFO_REQUEST,
				      ICMP_ADDRESS, ICMP_ADDRESSREPLY };
	static const u32 bad_src[] = { 0, 0x00000001, 0x7f000001, 0xe0000001,
				       0xf0000001, 0xffffffff };
	struct iphdr udp = verdict_hdr(IPPROTO_UDP);
	struct iphdr icmp = verdict_hdr(IPPROTO_ICMP);
	struct iphdr iph;
	unsigned int i;

	/* allowed */
	KUNIT_EXPECT_EQ(test, verdict(&udp, 0, false, false), CNET_ICMP_ERR_OK);
	for (i = 0; i < ARRAY_SIZE(queries); i++)
		KUNIT_EXPECT_EQ(test, verdict(&icmp, queries[i], false, false),
				CNET_ICMP_ERR_OK);
	iph = udp;
	iph.frag_off = htons(CNET_IP_MF);	/* first fragment */
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false), CNET_ICMP_ERR_OK);
	iph.frag_off = htons(CNET_IP_DF);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false), CNET_ICMP_ERR_OK);

	/* an ICMP error, or an ICMP message too short to tell */
	for (i = 0; i < ARRAY_SIZE(errors); i++)
		KUNIT_EXPECT_EQ(test, verdict(&icmp, errors[i], false, false),
				CNET_ICMP_ERR_IS_ERROR);
	KUNIT_EXPECT_EQ(test, cnet_icmp_error_allowed(&icmp, NULL, 0, false,
						      false),
			CNET_ICMP_ERR_IS_ERROR);
	/* ... but a UDP packet's first byte is no ICMP type */
	KUNIT_EXPECT_EQ(test, verdict(&udp, ICMP_DEST_UNREACH, false, false),
			CNET_ICMP_ERR_OK);

	/* link-layer broadcast */
	KUNIT_EXPECT_EQ(test, verdict(&udp, 0, true, false),
			CNET_ICMP_ERR_L2_BCAST);
	/* subnet and limited broadcast */
	KUNIT_EXPECT_EQ(test, verdict(&udp, 0, false, true),
			CNET_ICMP_ERR_DST_BCAST);
	iph = udp;
	iph.daddr = htonl(INADDR_BROADCAST);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_DST_BCAST);
	/* multicast */
	iph.daddr = htonl(0xe0000001);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_DST_MCAST);
	iph.daddr = htonl(0xefffffff);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_DST_MCAST);
	/* non-first fragments, with MF set or not */
	iph = udp;
	iph.frag_off = htons(CNET_IP_MF | 1);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_FRAGMENT);
	iph.frag_off = htons(CNET_IP_OFFSET);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_FRAGMENT);
	/* a non-first fragment of an ICMP message is not parsed as one */
	iph = icmp;
	iph.frag_off = htons(8);
	KUNIT_EXPECT_EQ(test, verdict(&iph, ICMP_ECHO, false, false),
			CNET_ICMP_ERR_FRAGMENT);
	/* sources that are not one host */
	for (i = 0; i < ARRAY_SIZE(bad_src); i++) {
		iph = udp;
		iph.saddr = htonl(bad_src[i]);
		KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
				CNET_ICMP_ERR_BAD_SRC);
	}
}

static void icmp_quote_len(struct kunit *test)
{
	/* 576 - 20 - 8 = 548 at most */
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 1500), 548);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(60, 1500), 548);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 548), 548);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 549), 548);
	/* short packets are quoted whole */
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 28), 28);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 24), 24);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(60, 100), 100);
}

static void icmp_err_build(struct kunit *test)
{
	u8 buf[8 + 28];
	struct icmphdr *icmph = (struct icmphdr *)buf;
	unsigned int i;

	for (i = 8; i < sizeof(buf); i++)
		buf[i] = i * 7;
	cnet_icmp_err_hdr_build(icmph, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
				htonl(1400), 28);
	KUNIT_EXPECT_EQ(test, buf[0], ICMP_DEST_UNREACH);
	KUNIT_EXPECT_EQ(test, buf[1], ICMP_FRAG_NEEDED);
	/* unused 16 bits, then the next-hop MTU (RFC 1191) */
	KUNIT_EXPECT_EQ(test, (__force u16)icmph->un.frag.__unused, 0);
	KUNIT_EXPECT_EQ(test, ntohs(icmph->un.frag.mtu), 1400);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(buf, sizeof(buf)), 0);
	KUNIT_EXPECT_EQ(test, buf[8], 8 * 7);	/* the quote is untouched */

	cnet_icmp_err_hdr_build(icmph, ICMP_REDIRECT, ICMP_REDIR_HOST,
				htonl(0x0a000001), 28);
	KUNIT_EXPECT_EQ(test, ntohl(icmph->un.gateway), 0x0a000001);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(buf, sizeof(buf)), 0);

	cnet_icmp_err_hdr_build(icmph, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0, 27);
	KUNIT_EXPECT_EQ(test, (__force u32)icmph->un.gateway, 0);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(buf, 8 + 27), 0);
}

/*
 * An ICMP error (@type, @code) in @buf quoting an IPv4 header with @ihl
 * (options zero) from 10.0.0.1 to 10.0.0.2 of @proto, followed by @l4.
 * Returns the message's length.
 */
static unsigned int build_err(u8 *buf, u8 type, u8 code, u8 ihl, u8 proto,
			      const u8 *l4, unsigned int l4len)
{
	struct iphdr *q = (struct iphdr *)(buf + 8);
	unsigned int len = 8 + ihl * 4 + l4len;

	memset(buf, 0, len);
	cnet_ip_hdr_build(q, htonl(0x0a000001), htonl(0x0a000002), proto, 1,
			  ihl * 4 + 64, htons(9));
	q->ihl = ihl;
	memcpy(buf + 8 + ihl * 4, l4, l4len);
	cnet_icmp_err_hdr_build((struct icmphdr *)buf, type, code,
				htonl(1400), len - 8);
	return len;
}

static void icmp_err_parse(struct kunit *test)
{
	static const u8 echo[8] = { ICMP_ECHO, 0, 0, 0, 0x12, 0x34, 0, 7 };
	static const u8 reply[8] = { ICMP_ECHOREPLY, 0, 0, 0, 0x12, 0x34 };
	static const u8 udp[8] = { 0x80, 0x00, 0x00, 0x35, 0, 8, 0, 0 };
	struct cnet_icmp_err e;
	unsigned int len;
	u8 buf[128];

	/* a quoted echo request: the ping socket's identifier */
	len = build_err(buf, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 5, IPPROTO_ICMP,
			echo, sizeof(echo));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_EQ(test, e.type, ICMP_TIME_EXCEEDED);
	KUNIT_EXPECT_EQ(test, e.code, ICMP_EXC_TTL);
	KUNIT_EXPECT_EQ(test, e.proto, IPPROTO_ICMP);
	KUNIT_EXPECT_EQ(test, ntohl(e.saddr), 0x0a000001);
	KUNIT_EXPECT_EQ(test, ntohl(e.daddr), 0x0a000002);
	KUNIT_EXPECT_EQ(test, e.l4_off, 28);
	KUNIT_EXPECT_TRUE(test, e.echo);
	KUNIT_EXPECT_EQ(test, ntohs(e.echo_id), 0x1234);

	/* options in the quoted header move the transport header */
	len = build_err(buf, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 7,
			IPPROTO_ICMP, echo, sizeof(echo));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_EQ(test, e.l4_off, 36);
	KUNIT_EXPECT_TRUE(test, e.echo);
	KUNIT_EXPECT_EQ(test, ntohl(e.info), 1400);

	/* an echo reply, or UDP: no ping socket */
	len = build_err(buf, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 5,
			IPPROTO_ICMP, reply, sizeof(reply));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, e.echo);
	len = build_err(buf, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 5,
			IPPROTO_UDP, udp, sizeof(udp));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, e.echo);
	KUNIT_EXPECT_EQ(test, e.proto, IPPROTO_UDP);

	/* a non-first fragment's data is no echo header */
	len = build_err(buf, ICMP_TIME_EXCEEDED, 0, 5, IPPROTO_ICMP, echo,
			sizeof(echo));
	((struct iphdr *)(buf + 8))->frag_off = htons(1);
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, e.echo);

	/* refused: fewer than 8 bytes after the quoted header, ... */
	len = build_err(buf, ICMP_DEST_UNREACH, 0, 5, IPPROTO_UDP, udp, 7);
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	len = build_err(buf, ICMP_DEST_UNREACH, 0, 6, IPPROTO_UDP, udp, 4);
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, 8 + 19, &e));
	/* ... a quoted IHL below 5 or a version not 4, ... */
	len = build_err(buf, ICMP_DEST_UNREACH, 0, 5, IPPROTO_UDP, udp, 8);
	buf[8] = 0x44;
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	buf[8] = 0x65;
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	/* ... and messages that are no errors */
	len = build_err(buf, ICMP_ECHOREPLY, 0, 5, IPPROTO_UDP, udp, 8);
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
}

static void icmp_err_errno(struct kunit *test)
{
	bool fatal;

	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_PORT_UNREACH, &fatal),
			-ECONNREFUSED);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_NET_UNREACH, &fatal),
			-ENETUNREACH);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_PROT_UNREACH, &fatal),
			-ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_FRAG_NEEDED, &fatal),
			-EMSGSIZE);
	KUNIT_EXPECT_FALSE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_PKT_FILTERED, &fatal),
			-EHOSTUNREACH);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH, 16,
						  &fatal), 0);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_TIME_EXCEEDED,
						  ICMP_EXC_TTL, &fatal),
			-EHOSTUNREACH);
	KUNIT_EXPECT_FALSE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_PARAMETERPROB, 0,
						  &fatal), -EPROTO);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_SOURCE_QUENCH, 0,
						  &fatal), 0);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_REDIRECT, 0, &fatal), 0);
	KUNIT_EXPECT_FALSE(test, fatal);
}

static struct kunit_case cnet_hdr_cases[] = {
	KUNIT_CASE(csum_rfc1071_example),
	KUNIT_CASE(csum_ipv4_header),
	KUNIT_CASE(ip_check_valid),
	KUNIT_CASE(ip_check_short),
	KUNIT_CASE(ip_check_version),
	KUNIT_CASE(ip_check_ihl),
	KUNIT_CASE(ip_check_len),
	KUNIT_CASE(ip_check_csum),
	KUNIT_CASE(ip_fragment),
	KUNIT_CASE(ip_martian),
	KUNIT_CASE(ifaddr_check),
	KUNIT_CASE(prefix_mask),
	KUNIT_CASE(arp_roundtrip),
	KUNIT_CASE(arp_malformed),
	KUNIT_CASE(ttl_dec_random),
	KUNIT_CASE(ttl_dec_edges),
	KUNIT_CASE(icmp_err_verdicts),
	KUNIT_CASE(icmp_quote_len),
	KUNIT_CASE(icmp_err_build),
	KUNIT_CASE(icmp_err_parse),
	KUNIT_CASE(icmp_err_errno),
	{}
};

static struct kunit_suite cnet_hdr_suite = {
	.name = "cnet_hdr",
	.test_cases = cnet_hdr_cases,
};

kunit_test_suite(cnet_hdr_suite);
