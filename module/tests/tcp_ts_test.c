// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for TCP timestamps and PAWS (tcp_ts.h): PAWS with its slack,
 * the 24-day idle rule, the zero TS.Recent and the RST exception; the
 * reordered duplicate ACK that PAWS lets through; RFC 7323 4.3's rule for
 * TS.Recent (delayed ACKs, a hole); RTT samples from echoes, across the
 * 2^32 wrap of the clock; the per-connection offset; the MSS the option
 * leaves. Times come from a fake clock.
 */
#include <kunit/test.h>

#include "../tcp_ts.h"

#define DAY_S	(24U * 60 * 60)

/* A segment PAWS's reordered-ACK exception does not apply to (data) */
static const struct cnet_tcp_paws_seg data_seg = {
	.seq = 1000, .len = 100, .ack = 5000, .is_ack = true,
	.rcv_nxt = 1000, .snd_una = 5000, .replay_ms = 200,
};

static void paws_older_newer(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 10000, .stamp_s = 50 };

	/* newer, equal: pass */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 10001, 51, &data_seg));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 10000, 51, &data_seg));
	/* one tick behind: within Linux's TCP_PAWS_WINDOW */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 9999, 51, &data_seg));
	/* two behind, far behind: an old duplicate */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9998, 51, &data_seg));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 1, 51, &data_seg));
	/* with no slack (a request, TIME-WAIT), one behind fails already */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_reject(&r, 9999, 51, false));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_reject(&r, 10000, 51, false));
}

/* Serial arithmetic: "older" is up to 2^31 behind, across the wrap. */
static void paws_wraparound(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 0xfffffff0, .stamp_s = 7 };

	/* the clock wrapped past 0: newer */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 0x10, 8, &data_seg));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 0x7ffffff0, 8,
						       &data_seg));
	/* more than 2^31 ahead is behind */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 0x7ffffff1, 8,
						      &data_seg));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 0xffffff00, 8,
						      &data_seg));

	r.val = 0x10;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 0xfffffff0, 8,
						      &data_seg));
}

/* RFC 7323 5.5: a TS.Recent idle 24 days no longer rejects anything. */
static void paws_idle_24_days(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 500000, .stamp_s = 0xffffff00 };
	u32 now = r.stamp_s + 24 * DAY_S;	/* the seconds clock wraps too */

	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 1, now - 1, &data_seg));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 1, now, &data_seg));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_reject(&r, 1, now + 1, false));
}

/* A TS.Recent of 0 (a SYN with TSval 0) checks nothing. */
static void paws_zero_recent(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 0, .stamp_s = 3 };

	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 0x80000001, 4,
						       &data_seg));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_reject(&r, 0xffffffff, 4, false));
}

/* A RST failing PAWS counts once TS.Recent is a minute old. */
static void paws_rst(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 1000, .stamp_s = 100 };

	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_reject(&r, 10, 159, true));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_reject(&r, 10, 160, true));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_reject(&r, 10, 160, false));
}

/* Linux's tcp_disordered_ack(): a reordered duplicate ACK passes. */
static void paws_disordered_ack(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 10000, .stamp_s = 1 };
	struct cnet_tcp_paws_seg s = {
		.seq = 1000, .len = 0, .ack = 5000, .is_ack = true,
		.rcv_nxt = 1000, .snd_una = 5000, .replay_ms = 200,
	};

	KUNIT_EXPECT_FALSE(test, cnet_tcp_paws_discard(&r, 9800, 2, &s));
	/* further behind than the replay window */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9799, 2, &s));
	/* each condition matters */
	s.win_update = true;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9900, 2, &s));
	s.win_update = false;
	s.ack = 5001;		/* not a duplicate */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9900, 2, &s));
	s.ack = 5000;
	s.seq = 999;		/* not at RCV.NXT */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9900, 2, &s));
	s.seq = 1000;
	s.len = 1;		/* data */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9900, 2, &s));
	s.len = 0;
	s.is_ack = false;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_paws_discard(&r, 9900, 2, &s));
}

/*
 * RFC 7323 4.3: TS.Recent takes the TSval of a segment at or before
 * Last.ACK.sent, never an older one; a delayed ACK then echoes the
 * first segment it covers, and data after a hole changes nothing.
 */
static void recent_update_rule(struct kunit *test)
{
	struct cnet_tcp_ts_recent r = { .val = 100, .stamp_s = 10 };

	/* in order at Last.ACK.sent: recorded, with the time */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ts_recent_update(&r, 105, 1000, 1000, 11));
	KUNIT_EXPECT_EQ(test, r.val, 105U);
	KUNIT_EXPECT_EQ(test, r.stamp_s, 11U);
	/*
	 * delayed ACK: the second segment of two (seq 1100) arrives while
	 * Last.ACK.sent is still 1000: TS.Recent stays the first one's
	 */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_recent_update(&r, 106, 1100, 1000, 11));
	KUNIT_EXPECT_EQ(test, r.val, 105U);
	/* after a hole (seq past Last.ACK.sent): not recorded */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_recent_update(&r, 200, 5000, 1200, 12));
	KUNIT_EXPECT_EQ(test, r.val, 105U);
	/* the retransmission filling the hole: recorded */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ts_recent_update(&r, 201, 1200, 1200, 12));
	KUNIT_EXPECT_EQ(test, r.val, 201U);
	/* an older TSval (a one-tick-behind one PAWS let through): not */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_recent_update(&r, 200, 1300, 1300, 13));
	KUNIT_EXPECT_EQ(test, r.val, 201U);
	KUNIT_EXPECT_EQ(test, r.stamp_s, 12U);
	/* sequence numbers across 2^32 */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ts_recent_update(&r, 202, 0xfffffff0, 0x10, 13));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_recent_update(&r, 203, 0x20, 0xfffffff0, 13));
	/* stale for 24 days: any TSval is taken again */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ts_recent_update(&r, 7, 0x10, 0x10,
							  13 + 24 * DAY_S));
	KUNIT_EXPECT_EQ(test, r.val, 7U);
}

/* RTTM (RFC 7323 4.1) on a fake clock, across the wrap of TSval. */
static void rtt_from_echo(struct kunit *test)
{
	u32 off = 0xfffff000, sent_ms = 0x500, rtt = 0;
	u32 tsval = cnet_tcp_ts_val(sent_ms, off);

	/* 37 ms later the ACK echoes it; TSval wrapped meanwhile */
	KUNIT_ASSERT_TRUE(test, cnet_tcp_ts_rtt_us(cnet_tcp_ts_val(sent_ms + 0x1000 + 37,
								   off), tsval, &rtt));
	KUNIT_EXPECT_EQ(test, rtt, (0x1000U + 37) * 1000);
	/* same tick: one tick */
	KUNIT_ASSERT_TRUE(test, cnet_tcp_ts_rtt_us(tsval, tsval, &rtt));
	KUNIT_EXPECT_EQ(test, rtt, 1000U);
	/* wrap itself: 0xfffffffe -> 3 is 5 ms */
	KUNIT_ASSERT_TRUE(test, cnet_tcp_ts_rtt_us(3, 0xfffffffe, &rtt));
	KUNIT_EXPECT_EQ(test, rtt, 5000U);
	/* an echo of 0, or from the future: no sample, untouched */
	rtt = 42;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_rtt_us(1000, 0, &rtt));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_rtt_us(1000, 1001, &rtt));
	/* 24.8 days and more: not a round trip */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ts_rtt_us(1000 + 2147483, 1000, &rtt));
	KUNIT_EXPECT_EQ(test, rtt, 42U);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ts_rtt_us(1000 + 2147482, 1000, &rtt));
}

/* The offset: keyed, per 4-tuple, stable. */
static void offset(struct kunit *test)
{
	siphash_key_t k1 = { { 1, 2 } }, k2 = { { 3, 4 } };
	__be32 a = cpu_to_be32(0x0a000001), b = cpu_to_be32(0x0a000002);
	__be16 p = cpu_to_be16(40000), q = cpu_to_be16(80);
	u32 o = cnet_tcp_ts_off(&k1, a, b, p, q);

	KUNIT_EXPECT_EQ(test, o, cnet_tcp_ts_off(&k1, a, b, p, q));
	KUNIT_EXPECT_NE(test, o, cnet_tcp_ts_off(&k2, a, b, p, q));
	KUNIT_EXPECT_NE(test, o, cnet_tcp_ts_off(&k1, a, b,
						 cpu_to_be16(40001), q));
	KUNIT_EXPECT_NE(test, o, cnet_tcp_ts_off(&k1, b, a, q, p));
	KUNIT_EXPECT_EQ(test, cnet_tcp_ts_val(10, o), o + 10);
}

static void mss(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_ts_mss(1460, true), 1448);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ts_mss(1460, false), 1460);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ts_mss(48, true), 36);
}

static struct kunit_case cnet_tcp_ts_cases[] = {
	KUNIT_CASE(paws_older_newer),
	KUNIT_CASE(paws_wraparound),
	KUNIT_CASE(paws_idle_24_days),
	KUNIT_CASE(paws_zero_recent),
	KUNIT_CASE(paws_rst),
	KUNIT_CASE(paws_disordered_ack),
	KUNIT_CASE(recent_update_rule),
	KUNIT_CASE(rtt_from_echo),
	KUNIT_CASE(offset),
	KUNIT_CASE(mss),
	{}
};

static struct kunit_suite cnet_tcp_ts_suite = {
	.name = "cnet_tcp_ts",
	.test_cases = cnet_tcp_ts_cases,
};

kunit_test_suite(cnet_tcp_ts_suite);
