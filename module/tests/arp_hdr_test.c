// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure ARP code in arp_hdr.c: building and parsing,
 * each malformed field.
 */
#include <kunit/test.h>
#include <linux/if_arp.h>

#include "../arp_hdr.h"

/* arp_hdr.h's own copies of the wire values agree with the kernel's. */
static_assert(CNET_ARP_HRD_ETHER == ARPHRD_ETHER);
static_assert(CNET_ARP_OP_REQUEST == ARPOP_REQUEST);
static_assert(CNET_ARP_OP_REPLY == ARPOP_REPLY);

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

static struct kunit_case cnet_arp_hdr_cases[] = {
	KUNIT_CASE(arp_roundtrip),
	KUNIT_CASE(arp_malformed),
	{}
};

static struct kunit_suite cnet_arp_hdr_suite = {
	.name = "cnet_arp_hdr",
	.test_cases = cnet_arp_hdr_cases,
};

kunit_test_suite(cnet_arp_hdr_suite);
