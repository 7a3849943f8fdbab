// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for buffer autotuning (tcp_autotune.h): the
 * receiver's round-trip estimate from windows filled (the least sample,
 * across sequence wraparound), and the buffer growing only when the
 * application read more in a round trip than before, to about four times
 * what it read, more while the rate grows, never past the cap, never
 * shrinking, nothing before a round trip has passed or without an
 * estimate; the send buffer holding four windows' bytes, capped,
 * never shrinking.
 */
#include <kunit/test.h>

#include "../tcp_autotune.h"

static void rtt_from_windows(struct kunit *test)
{
	struct cnet_tcp_rcv_rtt e = {};

	/* the first segment starts a measure: no sample */
	cnet_tcp_rcv_rtt_measure(&e, 1000, 10000, 5000);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 0U);
	KUNIT_EXPECT_EQ(test, e.seq, 11000U);
	/* short of the edge: nothing */
	cnet_tcp_rcv_rtt_measure(&e, 10999, 10000, 9000);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 0U);
	KUNIT_EXPECT_EQ(test, e.seq, 11000U);
	/* the edge reached after 7 ms: a sample, a new measure */
	cnet_tcp_rcv_rtt_measure(&e, 11000, 10000, 12000);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 7000U);
	KUNIT_EXPECT_EQ(test, e.seq, 21000U);
	/* a slower window does not lengthen it */
	cnet_tcp_rcv_rtt_measure(&e, 30000, 10000, 40000);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 7000U);
	/* a faster one shortens it */
	cnet_tcp_rcv_rtt_measure(&e, 40000, 10000, 45000);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 5000U);
	/* a sample in the same microsecond counts as 1 us */
	cnet_tcp_rcv_rtt_measure(&e, 50000, 10000, 45000);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 1U);
}

static void rtt_wraps(struct kunit *test)
{
	struct cnet_tcp_rcv_rtt e = {};

	cnet_tcp_rcv_rtt_measure(&e, 0xfffff000U, 0x2000, 100);
	KUNIT_EXPECT_EQ(test, e.seq, 0x1000U);
	/* past the wrap, before the edge */
	cnet_tcp_rcv_rtt_measure(&e, 0x800, 0x2000, 200);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 0U);
	cnet_tcp_rcv_rtt_measure(&e, 0x1000, 0x2000, 300);
	KUNIT_EXPECT_EQ(test, e.rtt_us, 200U);
}

static void space_init(struct kunit *test)
{
	struct cnet_tcp_rcv_space s;

	/* ten segments, or the window if smaller, at least two segments */
	cnet_tcp_rcv_space_init(&s, 65535, 1460, 7, 100);
	KUNIT_EXPECT_EQ(test, s.space, 14600U);
	KUNIT_EXPECT_EQ(test, s.seq, 7U);
	cnet_tcp_rcv_space_init(&s, 5000, 1460, 7, 100);
	KUNIT_EXPECT_EQ(test, s.space, 5000U);
	cnet_tcp_rcv_space_init(&s, 1000, 1460, 7, 100);
	KUNIT_EXPECT_EQ(test, s.space, 2920U);
}

static void grows_with_reading(struct kunit *test)
{
	struct cnet_tcp_rcv_space s;
	u32 buf;

	cnet_tcp_rcv_space_init(&s, 65535, 1000, 0, 0);
	KUNIT_ASSERT_EQ(test, s.space, 10000U);
	/* no estimate yet: nothing */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_space_adjust(&s, 50000, 20000, 0,
							1000, 200000, 6000000),
			200000U);
	/* less than a round trip: nothing, the mark stays */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_space_adjust(&s, 50000, 9999, 10000,
							1000, 200000, 6000000),
			200000U);
	KUNIT_EXPECT_EQ(test, s.seq, 0U);
	/*
	 * 50000 read in a round trip, twice the mark... window 2 * 50000 +
	 * 16 * 1000 = 116000, growth 116000 * 40000 / 10000 = 464000, twice
	 * that more: 1044000; the buffer twice the window: 2088000.
	 */
	buf = cnet_tcp_rcv_space_adjust(&s, 50000, 10000, 10000, 1000, 200000,
					6000000);
	KUNIT_EXPECT_EQ(test, buf, 2088000U);
	KUNIT_EXPECT_EQ(test, s.space, 50000U);
	KUNIT_EXPECT_EQ(test, s.seq, 50000U);
	KUNIT_EXPECT_EQ(test, s.time_us, 10000ULL);
	/* the same amount again: no growth, no growth of the rate */
	buf = cnet_tcp_rcv_space_adjust(&s, 100000, 20000, 10000, 1000, buf,
					6000000);
	KUNIT_EXPECT_EQ(test, buf, 2088000U);
	KUNIT_EXPECT_EQ(test, s.space, 50000U);
	/* less: never shrinks, the mark stays */
	buf = cnet_tcp_rcv_space_adjust(&s, 110000, 30000, 10000, 1000, buf,
					6000000);
	KUNIT_EXPECT_EQ(test, buf, 2088000U);
	KUNIT_EXPECT_EQ(test, s.space, 50000U);
	KUNIT_EXPECT_EQ(test, s.seq, 110000U);
}

static void capped(struct kunit *test)
{
	struct cnet_tcp_rcv_space s;

	cnet_tcp_rcv_space_init(&s, 65535, 1000, 0, 0);
	/* to the cap, not past it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_space_adjust(&s, 4000000, 10000,
							10000, 1000, 200000,
							6291456),
			6291456U);
	/* a locked buffer (cap = the buffer) stays, the mark moves */
	cnet_tcp_rcv_space_init(&s, 65535, 1000, 0, 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_space_adjust(&s, 4000000, 10000,
							10000, 1000, 200000,
							200000),
			200000U);
	KUNIT_EXPECT_EQ(test, s.space, 4000000U);
	/* sequence numbers wrap */
	cnet_tcp_rcv_space_init(&s, 65535, 1000, 0xffffff00U, 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_space_adjust(&s, 20000 - 0x100, 10000,
							10000, 1000, 200000,
							6291456),
			2 * (2 * 20000U + 16000 + 2 * (56000U * 10000 / 10000)));
	/* a clock that went back: nothing */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_space_adjust(&s, 90000, 5000, 1000,
							1000, 200000, 6291456),
			200000U);
}

static void sndbuf(struct kunit *test)
{
	/* four times the window */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sndbuf_want(100000, 1000, 16384, 4194304),
			400000U);
	/* at least ten segments' window */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sndbuf_want(2000, 1000, 16384, 4194304),
			40000U);
	/* never past the cap */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sndbuf_want(3000000, 1448, 16384, 4194304),
			4194304U);
	/* never shrinks */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sndbuf_want(2000, 1000, 212992, 4194304),
			212992U);
	/* a window that does not fit 32 bits four times over */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sndbuf_want(U32_MAX, 1448, 0, U32_MAX),
			U32_MAX);
}

static struct kunit_case cnet_tcp_autotune_cases[] = {
	KUNIT_CASE(rtt_from_windows),
	KUNIT_CASE(rtt_wraps),
	KUNIT_CASE(space_init),
	KUNIT_CASE(grows_with_reading),
	KUNIT_CASE(capped),
	KUNIT_CASE(sndbuf),
	{}
};

static struct kunit_suite cnet_tcp_autotune_suite = {
	.name = "cnet_tcp_autotune",
	.test_cases = cnet_tcp_autotune_cases,
};

kunit_test_suite(cnet_tcp_autotune_suite);
