// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure UDP header code in udp_hdr.c: checksum vectors
 * over the pseudo-header (computed independently), the 0 -> 0xffff rule,
 * a zero checksum accepted, a damaged datagram refused, the offload seed,
 * and header validation case by case.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <net/checksum.h>

#include "../udp_hdr.h"

#define IP(a, b, c, d)	cpu_to_be32((a) << 24 | (b) << 16 | (c) << 8 | (d))

struct udp_vec {
	const char	*name;
	__be32		saddr, daddr;
	u16		sport, dport;
	const u8	*data;
	unsigned int	len;
	u16		check;	/* as sent, host order */
};

static const struct udp_vec udp_vecs[] = {
	{ "10.0.1.2:40000 -> 10.0.1.1:33434 \"cnet\"", IP(10, 0, 1, 2),
	  IP(10, 0, 1, 1), 40000, 33434, (const u8 *)"cnet", 4, 0x0216 },
	{ "192.168.0.1:53 -> 192.168.0.199:1234, odd length",
	  IP(192, 168, 0, 1), IP(192, 168, 0, 199), 53, 1234,
	  (const u8 *)"hello world", 11, 0xe6d9 },
	/* these two data bytes make the sum 0xffff: 0 is sent as 0xffff */
	{ "computed 0 goes out as 0xffff", IP(10, 0, 0, 1), IP(10, 0, 0, 2),
	  1000, 2000, (const u8 *)"\xe0\x1f", 2, 0xffff },
};

/* Header and data in @buf; the unfolded sum with the checksum field as is. */
static __wsum udp_vec_build(const struct udp_vec *v, u8 *buf)
{
	cnet_udp_hdr_build((struct udphdr *)buf, htons(v->sport),
			   htons(v->dport), sizeof(struct udphdr) + v->len);
	memcpy(buf + sizeof(struct udphdr), v->data, v->len);
	return csum_partial(buf, sizeof(struct udphdr) + v->len, 0);
}

static void udp_csum_vectors(struct kunit *test)
{
	const struct udp_vec *v;
	struct udphdr *uh;
	u8 buf[64];
	u16 len;

	for (v = udp_vecs; v < udp_vecs + ARRAY_SIZE(udp_vecs); v++) {
		uh = (struct udphdr *)buf;
		len = sizeof(*uh) + v->len;
		uh->check = cnet_udp_csum(v->saddr, v->daddr, len,
					  udp_vec_build(v, buf));
		KUNIT_EXPECT_EQ_MSG(test, ntohs((__force __be16)uh->check),
				    v->check, "%s", v->name);
		KUNIT_EXPECT_EQ_MSG(test, ntohs(uh->len), len, "%s", v->name);
		/* it verifies as received */
		KUNIT_EXPECT_TRUE_MSG(test,
				      cnet_udp_csum_ok(uh->check,
						       v->saddr, v->daddr, len,
						       csum_partial(buf, len, 0)),
				      "%s", v->name);
		/* one bit of data changed: refused */
		buf[len - 1] ^= 0x10;
		KUNIT_EXPECT_FALSE_MSG(test,
				       cnet_udp_csum_ok(uh->check,
							v->saddr, v->daddr, len,
							csum_partial(buf, len, 0)),
				       "%s, damaged", v->name);
		/* another destination: the pseudo-header catches it */
		buf[len - 1] ^= 0x10;
		KUNIT_EXPECT_FALSE_MSG(test,
				       cnet_udp_csum_ok(uh->check,
							v->saddr, v->daddr ^ htonl(1),
							len, csum_partial(buf, len, 0)),
				       "%s, other destination", v->name);
	}
}

/* 0 means the sender computed none: accepted whatever the data. */
static void udp_csum_zero_accepted(struct kunit *test)
{
	u8 buf[64];
	__wsum sum = udp_vec_build(&udp_vecs[0], buf);

	KUNIT_EXPECT_TRUE(test, cnet_udp_csum_ok(0, IP(1, 2, 3, 4),
						 IP(5, 6, 7, 8), 12, sum));
}

/*
 * The seed an offloading device starts from: it sums header and data
 * onto it and inverts, which must give the software checksum.
 */
static void udp_csum_offload_seed(struct kunit *test)
{
	const struct udp_vec *v = &udp_vecs[1];
	struct udphdr *uh;
	u8 buf[64];
	u16 len = sizeof(*uh) + v->len;

	uh = (struct udphdr *)buf;
	udp_vec_build(v, buf);
	uh->check = cnet_udp_pseudo_csum(v->saddr, v->daddr, len);
	KUNIT_EXPECT_EQ(test,
			ntohs((__force __be16)csum_fold(csum_partial(buf, len, 0))),
			v->check);
}

static void udp_hdr_checks(struct kunit *test)
{
	struct udphdr uh = { .len = htons(8) };

	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(NULL, 0), CNET_UDP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 7), CNET_UDP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 8), CNET_UDP_OK);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 100), CNET_UDP_OK);
	uh.len = htons(7);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 100), CNET_UDP_BAD_LEN);
	uh.len = htons(0);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 100), CNET_UDP_BAD_LEN);
	uh.len = htons(101);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 100), CNET_UDP_BAD_LEN);
	uh.len = htons(0xffff);
	KUNIT_EXPECT_EQ(test, cnet_udp_hdr_check(&uh, 0xffff), CNET_UDP_OK);
	KUNIT_EXPECT_EQ(test, CNET_UDP_MAX_PAYLOAD, 65507);
}

static struct kunit_case cnet_udp_hdr_cases[] = {
	KUNIT_CASE(udp_csum_vectors),
	KUNIT_CASE(udp_csum_zero_accepted),
	KUNIT_CASE(udp_csum_offload_seed),
	KUNIT_CASE(udp_hdr_checks),
	{}
};

static struct kunit_suite cnet_udp_hdr_suite = {
	.name = "cnet_udp_hdr",
	.test_cases = cnet_udp_hdr_cases,
};

kunit_test_suite(cnet_udp_hdr_suite);
