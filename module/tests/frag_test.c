// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for output's pure decisions (ip_hdr.c): the MTU and DF by
 * IP_PMTUDISC_*, the fragment plan (RFC 791 3.2) at its boundaries, the
 * options the fragments after the first carry, and the IPv4 identifiers.
 */
#include <kunit/test.h>
#include <linux/in.h>

#include "../ip_hdr.h"

/* ---- cnet_ip_out_policy() ---- */

static void expect_out(struct kunit *test, u8 pmtudisc, unsigned int len,
		       unsigned int dev_mtu, unsigned int path_mtu,
		       bool locked, int ret, unsigned int mtu, bool df,
		       bool fragment)
{
	struct cnet_ip_out o;

	KUNIT_EXPECT_EQ(test, cnet_ip_out_policy(pmtudisc, len, dev_mtu,
						 path_mtu, locked, &o), ret);
	KUNIT_EXPECT_EQ(test, o.mtu, mtu);
	KUNIT_EXPECT_EQ(test, o.df, df);
	KUNIT_EXPECT_EQ(test, o.fragment, fragment);
}

static void out_policy(struct kunit *test)
{
	/* fits the path MTU (1400 learned, device 1500) */
	expect_out(test, IP_PMTUDISC_DONT, 1400, 1500, 1400, false,
		   0, 1400, false, false);
	expect_out(test, IP_PMTUDISC_WANT, 1400, 1500, 1400, false,
		   0, 1400, true, false);
	expect_out(test, IP_PMTUDISC_DO, 1400, 1500, 1400, false,
		   0, 1400, true, false);
	/* one byte more */
	expect_out(test, IP_PMTUDISC_DONT, 1401, 1500, 1400, false,
		   0, 1400, false, true);
	expect_out(test, IP_PMTUDISC_WANT, 1401, 1500, 1400, false,
		   0, 1400, false, true);
	expect_out(test, IP_PMTUDISC_DO, 1401, 1500, 1400, false,
		   -EMSGSIZE, 1400, true, true);
	/* PROBE ignores the path MTU, DF always, never fragments */
	expect_out(test, IP_PMTUDISC_PROBE, 1401, 1500, 1400, false,
		   0, 1500, true, false);
	expect_out(test, IP_PMTUDISC_PROBE, 1501, 1500, 1400, false,
		   -EMSGSIZE, 1500, true, true);
	/* INTERFACE: the device MTU, no DF, never fragments */
	expect_out(test, IP_PMTUDISC_INTERFACE, 1500, 1500, 1400, false,
		   0, 1500, false, false);
	expect_out(test, IP_PMTUDISC_INTERFACE, 1501, 1500, 1400, false,
		   -EMSGSIZE, 1500, false, true);
	/* OMIT: the device MTU, no DF, fragments */
	expect_out(test, IP_PMTUDISC_OMIT, 1501, 1500, 1400, false,
		   0, 1500, false, true);
	/* a locked path MTU: WANT no longer asks for DF; DO still does */
	expect_out(test, IP_PMTUDISC_WANT, 500, 1500, 552, true,
		   0, 552, false, false);
	expect_out(test, IP_PMTUDISC_DO, 500, 1500, 552, true,
		   0, 552, true, false);
}

/* ---- the fragment plan ---- */

/*
 * Check @p fragment by fragment: the data is covered once, in order;
 * every fragment fits @mtu, all but the last carry a multiple of 8 and
 * MF; offsets are in 8-byte units from @base.
 */
static void expect_plan_sound(struct kunit *test,
			      const struct cnet_frag_plan *p,
			      unsigned int mtu, unsigned int base, bool more)
{
	unsigned int i, next = 0;
	struct cnet_frag_piece f;

	for (i = 0; i < p->count; i++) {
		cnet_frag_nth(p, i, &f);
		KUNIT_EXPECT_EQ(test, f.data_off, next);
		KUNIT_EXPECT_LE(test, f.hlen + f.data_len, mtu);
		KUNIT_EXPECT_GT(test, f.data_len, 0);
		KUNIT_EXPECT_EQ(test, f.hlen, i ? p->hlen_rest : p->hlen);
		KUNIT_EXPECT_EQ(test, (f.frag_off & CNET_IP_OFFSET) * 8,
				base + f.data_off);
		if (i + 1 < p->count) {
			KUNIT_EXPECT_EQ(test, f.data_len % 8, 0);
			KUNIT_EXPECT_TRUE(test, f.frag_off & CNET_IP_MF);
		} else {
			KUNIT_EXPECT_EQ(test, !!(f.frag_off & CNET_IP_MF), more);
		}
		next += f.data_len;
	}
	KUNIT_EXPECT_EQ(test, next, p->len);
}

static void plan_fits(struct kunit *test)
{
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;

	/* exactly the MTU: one piece, itself, no MF */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 1500, 20, 20, 1480, 0), 0);
	KUNIT_EXPECT_EQ(test, p.count, 1);
	cnet_frag_nth(&p, 0, &f);
	KUNIT_EXPECT_EQ(test, f.data_len, 1480);
	KUNIT_EXPECT_EQ(test, f.frag_off, 0);
	/* an odd length that fits stays whole */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 1500, 20, 20, 1001, 0), 0);
	KUNIT_EXPECT_EQ(test, p.count, 1);
	cnet_frag_nth(&p, 0, &f);
	KUNIT_EXPECT_EQ(test, f.data_len, 1001);
}

static void plan_mtu_plus_one(struct kunit *test)
{
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;

	/* MTU + 1: 1480 bytes, then 1 at offset 185 (1480 / 8) */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 1500, 20, 20, 1481, 0), 0);
	KUNIT_EXPECT_EQ(test, p.count, 2);
	cnet_frag_nth(&p, 0, &f);
	KUNIT_EXPECT_EQ(test, f.data_len, 1480);
	KUNIT_EXPECT_EQ(test, f.frag_off, CNET_IP_MF);
	cnet_frag_nth(&p, 1, &f);
	KUNIT_EXPECT_EQ(test, f.data_off, 1480);
	KUNIT_EXPECT_EQ(test, f.data_len, 1);
	KUNIT_EXPECT_EQ(test, f.frag_off, 185);
	expect_plan_sound(test, &p, 1500, 0, false);
}

static void plan_multiple_of_8(struct kunit *test)
{
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;

	/* MTU 1006: 986 bytes of room, 984 used (a multiple of 8) */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 1006, 20, 20, 3000, 0), 0);
	KUNIT_EXPECT_EQ(test, p.first, 984);
	KUNIT_EXPECT_EQ(test, p.count, 4);	/* 984 * 3 + 48 */
	cnet_frag_nth(&p, 3, &f);
	KUNIT_EXPECT_EQ(test, f.data_off, 2952);
	KUNIT_EXPECT_EQ(test, f.data_len, 48);
	KUNIT_EXPECT_EQ(test, f.frag_off, 2952 / 8);
	expect_plan_sound(test, &p, 1006, 0, false);
	/* a 65 507-byte UDP datagram at 1500 and at 576 */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 1500, 20, 20, 65515, 0), 0);
	KUNIT_EXPECT_EQ(test, p.count, 45);
	expect_plan_sound(test, &p, 1500, 0, false);
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 576, 20, 20, 65515, 0), 0);
	KUNIT_EXPECT_EQ(test, p.first, 552);
	KUNIT_EXPECT_EQ(test, p.count, 119);
	expect_plan_sound(test, &p, 576, 0, false);
}

static void plan_mtu_68(struct kunit *test)
{
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;

	/* the smallest MTU: 48 bytes a fragment */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 68, 20, 20, 100, 0), 0);
	KUNIT_EXPECT_EQ(test, p.count, 3);
	cnet_frag_nth(&p, 2, &f);
	KUNIT_EXPECT_EQ(test, f.data_len, 4);
	expect_plan_sound(test, &p, 68, 0, false);
	/* a full 60-byte header still leaves 8 */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 68, 60, 60, 20, 0), 0);
	KUNIT_EXPECT_EQ(test, p.count, 3);
	cnet_frag_nth(&p, 0, &f);
	KUNIT_EXPECT_EQ(test, f.data_len, 8);
	expect_plan_sound(test, &p, 68, 0, false);
	/* below that, no plan */
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 67, 60, 60, 20, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 27, 20, 20, 20, 0), -EINVAL);
}

static void plan_options(struct kunit *test)
{
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;

	/* 40 bytes of options, 8 of them copied: later fragments carry more */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 576, 60, 28, 2000, 0), 0);
	KUNIT_EXPECT_EQ(test, p.first, 512);
	KUNIT_EXPECT_EQ(test, p.each, 544);
	KUNIT_EXPECT_EQ(test, p.count, 4);	/* 512 + 544 * 2 + 400 */
	cnet_frag_nth(&p, 1, &f);
	KUNIT_EXPECT_EQ(test, f.hlen, 28);
	KUNIT_EXPECT_EQ(test, f.data_off, 512);
	expect_plan_sound(test, &p, 576, 0, false);
	/* bad header lengths */
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 576, 22, 20, 2000, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 576, 24, 28, 2000, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 576, 64, 20, 2000, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 576, 16, 16, 2000, 0), -EINVAL);
}

/* A fragment fragmented again (forwarding): its offset on, its MF kept. */
static void plan_refragment(struct kunit *test)
{
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;

	/* a middle fragment: offset 1480 (185 units), MF */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 576, 20, 20, 1480,
					     CNET_IP_MF | 185), 0);
	KUNIT_EXPECT_EQ(test, p.count, 3);
	cnet_frag_nth(&p, 0, &f);
	KUNIT_EXPECT_EQ(test, f.frag_off, CNET_IP_MF | 185);
	cnet_frag_nth(&p, 2, &f);
	KUNIT_EXPECT_EQ(test, f.frag_off, CNET_IP_MF | (185 + 2 * 552 / 8));
	expect_plan_sound(test, &p, 576, 1480, true);
	/* the last fragment: the last piece has no MF */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 576, 20, 20, 1000, 185), 0);
	expect_plan_sound(test, &p, 576, 1480, false);
	/* DF in the field is not the plan's business */
	KUNIT_ASSERT_EQ(test, cnet_frag_plan(&p, 576, 20, 20, 1000,
					     CNET_IP_DF | 185), 0);
	cnet_frag_nth(&p, 0, &f);
	KUNIT_EXPECT_EQ(test, f.frag_off, CNET_IP_MF | 185);
	/* data ending past the largest offset */
	KUNIT_EXPECT_EQ(test, cnet_frag_plan(&p, 576, 20, 20, 1000, 8100),
			-EINVAL);
}

static void opts_copied(struct kunit *test)
{
	/* NOP, record route (7, not copied), LSRR (131, copied), EOL */
	static const u8 opts[] = {
		IPOPT_NOOP,
		IPOPT_RR, 7, 4, 0, 0, 0, 0,
		IPOPT_LSRR, 7, 4, 10, 0, 0, 1,
		IPOPT_END, 0, 0, 0, 0,
	};
	/* security (130, copied) and timestamp (68, not copied) */
	static const u8 opts2[] = {
		IPOPT_TIMESTAMP, 4, 5, 0,
		IPOPT_SEC, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9, IPOPT_END,
	};
	static const u8 bad[] = { IPOPT_LSRR, 1, 0, 0 };
	static const u8 runs_past[] = { IPOPT_SEC, 9, 0, 0 };
	/* router alert (148, copied), 3 bytes long */
	static const u8 ra3[] = { IPOPT_RA, 3, 0, 0 };
	u8 out[44];

	memset(out, 0xee, sizeof(out));
	KUNIT_ASSERT_EQ(test, cnet_ip_opts_copied(opts, sizeof(opts), out), 8);
	KUNIT_EXPECT_EQ(test, out[0], IPOPT_LSRR);
	KUNIT_EXPECT_EQ(test, out[1], 7);
	KUNIT_EXPECT_EQ(test, out[6], 1);
	KUNIT_EXPECT_EQ(test, out[7], IPOPT_END);	/* padding */

	memset(out, 0xee, sizeof(out));
	KUNIT_ASSERT_EQ(test, cnet_ip_opts_copied(opts2, sizeof(opts2), out),
			12);
	KUNIT_EXPECT_EQ(test, out[0], IPOPT_SEC);
	KUNIT_EXPECT_EQ(test, out[10], 9);
	KUNIT_EXPECT_EQ(test, out[11], IPOPT_END);

	/* no options, or none copied: a bare 20-byte header follows */
	KUNIT_EXPECT_EQ(test, cnet_ip_opts_copied(opts, 0, out), 0);
	KUNIT_EXPECT_EQ(test, cnet_ip_opts_copied(opts2, 4, out), 0);
	KUNIT_EXPECT_EQ(test, cnet_ip_opts_copied(bad, sizeof(bad), out),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_ip_opts_copied(runs_past, sizeof(runs_past),
						  out), -EINVAL);

	/*
	 * A length no header has (fuzz/targets/ip_hdr.c found it): the 3
	 * bytes of a copied option were padded to 4, one past the room
	 * @out was promised. Refused, nothing written.
	 */
	memset(out, 0xee, sizeof(out));
	KUNIT_EXPECT_EQ(test, cnet_ip_opts_copied(ra3, 3, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, out[3], 0xee);
	KUNIT_EXPECT_EQ(test, cnet_ip_opts_copied(ra3, 44, out), -EINVAL);
	KUNIT_EXPECT_EQ(test, out[0], 0xee);
}

/* ---- identifiers ---- */

static u32 rand_none(u32 ceil)
{
	return 0;
}

static u32 rand_most(u32 ceil)
{
	return ceil - 1;
}

#define A(a, b, c, d)	htonl((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/* A destination from 10.0.0.1 whose counter is not @other's. */
static __be32 other_bucket(const struct cnet_ip_idents *t, u32 other)
{
	u32 i;

	for (i = 2; i < 1000; i++)
		if (cnet_ip_ident_bucket(t, A(10, 0, 0, 1), A(10, 1, i >> 8, i),
					 IPPROTO_UDP) != other)
			return A(10, 1, i >> 8, i);
	return 0;
}

static void ident_per_destination(struct kunit *test)
{
	struct cnet_ip_idents *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	__be32 src = A(10, 0, 0, 1), d1 = A(10, 1, 0, 1), d2;
	u32 b1, b2;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->key = (siphash_key_t){ { 1, 2 } };
	b1 = cnet_ip_ident_bucket(t, src, d1, IPPROTO_UDP);
	d2 = other_bucket(t, b1);
	KUNIT_ASSERT_NE(test, (__force u32)d2, 0);
	b2 = cnet_ip_ident_bucket(t, src, d2, IPPROTO_UDP);
	atomic_set(&t->ids[b1], 1000);
	atomic_set(&t->ids[b2], 40000);

	/* one destination counts up; another has its own counter */
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d1, IPPROTO_UDP, 1, 0,
						 rand_none), 1000);
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d2, IPPROTO_UDP, 1, 0,
						 rand_none), 40000);
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d1, IPPROTO_UDP, 1, 0,
						 rand_none), 1001);
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d2, IPPROTO_UDP, 1, 0,
						 rand_none), 40001);
	/* a GSO packet reserves one per segment */
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d1, IPPROTO_UDP, 5, 0,
						 rand_none), 1002);
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d1, IPPROTO_UDP, 1, 0,
						 rand_none), 1007);
	/* the 16 bits wrap */
	atomic_set(&t->ids[b2], 0xffff);
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d2, IPPROTO_UDP, 1, 0,
						 rand_none), 0xffff);
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, d2, IPPROTO_UDP, 1, 0,
						 rand_none), 0);
}

static void ident_idle_jump(struct kunit *test)
{
	struct cnet_ip_idents *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	__be32 src = A(10, 0, 0, 1), dst = A(10, 1, 0, 1);
	u32 b;

	KUNIT_ASSERT_NOT_NULL(test, t);
	b = cnet_ip_ident_bucket(t, src, dst, IPPROTO_ICMP);
	atomic_set(&t->ids[b], 100);
	t->stamps[b] = 50;
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, dst, IPPROTO_ICMP, 1,
						 50, rand_most), 100);
	/* idle for 30 ticks: moves on by a random amount below 30 */
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, dst, IPPROTO_ICMP, 1,
						 80, rand_most), 101 + 29);
	KUNIT_EXPECT_EQ(test, t->stamps[b], 80);
	/* the same tick: no jump */
	KUNIT_EXPECT_EQ(test, cnet_ip_ident_next(t, src, dst, IPPROTO_ICMP, 1,
						 80, rand_most), 131);
}

/* The keyed hash: the protocol matters, and another key spreads otherwise. */
static void ident_keyed(struct kunit *test)
{
	struct cnet_ip_idents *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	u32 a[64], same = 0, i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->key = (siphash_key_t){ { 1, 2 } };
	for (i = 0; i < ARRAY_SIZE(a); i++)
		a[i] = cnet_ip_ident_bucket(t, A(10, 0, 0, 1), A(10, 2, 0, i),
					    IPPROTO_UDP);
	t->key = (siphash_key_t){ { 3, 4 } };
	for (i = 0; i < ARRAY_SIZE(a); i++)
		same += a[i] == cnet_ip_ident_bucket(t, A(10, 0, 0, 1),
						     A(10, 2, 0, i),
						     IPPROTO_UDP);
	/* 64 chances of 1 in 2048 each */
	KUNIT_EXPECT_LT(test, same, 4);
	/* consecutive destinations do not get consecutive counters */
	same = 0;
	for (i = 1; i < ARRAY_SIZE(a); i++)
		same += a[i] == a[i - 1] + 1;
	KUNIT_EXPECT_LT(test, same, 4);
}

static struct kunit_case cnet_frag_cases[] = {
	KUNIT_CASE(out_policy),
	KUNIT_CASE(plan_fits),
	KUNIT_CASE(plan_mtu_plus_one),
	KUNIT_CASE(plan_multiple_of_8),
	KUNIT_CASE(plan_mtu_68),
	KUNIT_CASE(plan_options),
	KUNIT_CASE(plan_refragment),
	KUNIT_CASE(opts_copied),
	KUNIT_CASE(ident_per_destination),
	KUNIT_CASE(ident_idle_jump),
	KUNIT_CASE(ident_keyed),
	{}
};

static struct kunit_suite cnet_frag_suite = {
	.name = "cnet_frag",
	.test_cases = cnet_frag_cases,
};

kunit_test_suite(cnet_frag_suite);
