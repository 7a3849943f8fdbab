// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for TCP pacing (tcp_pacing.h): the rate from the window and
 * the RTT in slow start and after, capped by SO_MAX_PACING_RATE; before
 * the first RTT sample; the departure time on a fake clock (back-to-back
 * packets, idle time earning at most half a packet back, the first ten
 * segments free, no rate, an unlimited one, a huge packet at 1 B/s near
 * the end of time); the GSO burst at low and high rates and short and
 * long RTTs.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/time64.h>

#include "../tcp_pacing.h"

#define MSS	1448
#define NOCAP	(~0ULL)

static void rate_ss_and_ca(struct kunit *test)
{
	/* 10 segments per 10 ms = 1448000 B/s; 200% in slow start */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0,
						   10000, NOCAP),
			2896000ULL);
	/* cwnd at half of ssthresh: 120% */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 20 * MSS, 0,
						   10000, NOCAP),
			1737600ULL);
	/* just below half: still 200% */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 20 * MSS + 2, 0,
						   10000, NOCAP),
			2896000ULL);
	/* congestion avoidance */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(40 * MSS, 20 * MSS, 0,
						   10000, NOCAP),
			4 * 1737600ULL);
	/* more in flight than the window: the flight counts */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 20 * MSS, 40 * MSS,
						   10000, NOCAP),
			4 * 1737600ULL);
}

static void rate_cap(struct kunit *test)
{
	/* SO_MAX_PACING_RATE holds it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0,
						   10000, 1250000),
			1250000ULL);
	/* a cap above it changes nothing */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0,
						   10000, 1ULL << 40),
			2896000ULL);
	/* a cap of 0 is 0 (Linux: the flow is not paced then) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0,
						   10000, 0), 0ULL);
}

static void rate_edges(struct kunit *test)
{
	/* no RTT yet: no division, as Linux (cwnd * 200% * 80000) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0, 0,
						   NOCAP),
			10ULL * MSS * 200 * 80000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0, 0,
						   1250000), 1250000ULL);
	/* the largest window and ratio do not wrap */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(U32_MAX, U32_MAX, U32_MAX, 0,
						   NOCAP),
			(u64)U32_MAX * 120 * 80000);
	/* a huge RTT: a small rate, not zero for a real window */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(10 * MSS, 0x7fffffff, 0,
						   U32_MAX, NOCAP),
			10ULL * MSS * 200 * 80000 / ((u64)U32_MAX << 3));
	/* an empty window with nothing in flight: 0, not paced */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_rate(0, 0x7fffffff, 0, 100,
						   NOCAP), 0ULL);
}

/* Send @n packets of @len back to back on a fake clock that stands still. */
static u64 send_burst(u64 *wstamp, u64 now, int n, u32 len, u64 rate,
		      u32 *segs)
{
	u64 prior;
	int i;

	for (i = 0; i < n; i++) {
		prior = *wstamp;
		*wstamp = cnet_tcp_pacing_start(*wstamp, now);
		*wstamp = cnet_tcp_pacing_advance(*wstamp, prior, len, rate,
						  *segs);
		*segs += 1;
	}
	return *wstamp;
}

static void departure_spacing(struct kunit *test)
{
	u64 now = 1000 * NSEC_PER_SEC, wstamp = 0;
	u32 segs = 0;

	/* the first ten segments go free */
	send_burst(&wstamp, now, 10, 1250, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_pacing_wait(wstamp, now));
	/* then 1250 bytes at 1.25 MB/s: 1 ms each */
	send_burst(&wstamp, now, 1, 1250, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + NSEC_PER_MSEC);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_pacing_wait(wstamp, now));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_pacing_wait(wstamp,
						     now + NSEC_PER_MSEC - 1));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_pacing_wait(wstamp,
						      now + NSEC_PER_MSEC));
	/* sent before it is due (no check): the time adds up */
	send_burst(&wstamp, now, 4, 1250, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + 5 * NSEC_PER_MSEC);
	/* a 64 KB burst at 1.25 MB/s: 52.4288 ms */
	wstamp = now;
	send_burst(&wstamp, now, 1, 65536, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + 52428800ULL);
}

static void departure_idle_credit(struct kunit *test)
{
	u64 now = 1000 * NSEC_PER_SEC, wstamp = now;
	u32 segs = 100;

	/* idle for a second: the packet earns half its time back, no more */
	now += NSEC_PER_SEC;
	send_burst(&wstamp, now, 1, 1250, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + NSEC_PER_MSEC / 2);
	/* the next one, back to back: the whole of its time */
	send_burst(&wstamp, now, 1, 1250, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + 3 * NSEC_PER_MSEC / 2);
	/* late by 0.1 ms: that much back */
	now = wstamp + 100 * NSEC_PER_USEC;
	send_burst(&wstamp, now, 1, 1250, 1250000, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + 900 * NSEC_PER_USEC);
	/* a clock behind the departure time: the departure time stays */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_start(wstamp, now), wstamp);
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_start(wstamp, wstamp + 1),
			wstamp + 1);
}

static void departure_edges(struct kunit *test)
{
	u64 now = 1000 * NSEC_PER_SEC, wstamp = now;
	u32 segs = 100;

	/* no rate, or an unlimited one: not paced */
	send_burst(&wstamp, now, 5, 65536, 0, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now);
	send_burst(&wstamp, now, 5, 65536, NOCAP, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now);
	/* an empty packet takes no time */
	send_burst(&wstamp, now, 1, 0, 1, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now);
	/* the largest packet at 1 B/s: 2^32 s, no wrap */
	send_burst(&wstamp, now, 1, U32_MAX, 1, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, now + (u64)U32_MAX * NSEC_PER_SEC);
	/* more of them: it stops at the latest time a timer can hold */
	send_burst(&wstamp, now, 3, U32_MAX, 1, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, CNET_TCP_PACING_NS_MAX);
	send_burst(&wstamp, now, 1, U32_MAX, 1, &segs);
	KUNIT_EXPECT_EQ(test, wstamp, CNET_TCP_PACING_NS_MAX);
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_advance(U64_MAX, 0, 1, 1, 100),
			CNET_TCP_PACING_NS_MAX);
	/* the clock at 0 and a departure time at 0 */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_pacing_wait(0, 0));
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_advance(0, 0, 1250, 1250000, 10),
			(u64)NSEC_PER_MSEC);
}

static void tso_segs(struct kunit *test)
{
	/* 10 Mbit/s, long RTT: 1220 bytes a ms, two segments at least */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(1250000, 10, MSS, 65536,
						       100000, 45), 2U);
	/* 1 Gbit/s, long RTT: ~122 KB a ms, the device's 64 KB: 45 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(125000000, 10, MSS,
						       65536, 100000, 45), 45U);
	/* 100 Mbit/s, long RTT: 122070 >> 10... 12207 bytes = 8 segments */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(12500000, 10, MSS, 65536,
						       100000, 45), 8U);
	/* the device's segment limit holds it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(125000000, 10, MSS,
						       65536, 100000, 16), 16U);
	/* a short RTT (< 512 us) adds the whole 64 KB: full bursts */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(1250000, 10, MSS, 65536,
						       50, 45), 45U);
	/* 1 ms: half of it, 32768 + 1220 bytes = 23 segments */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(1250000, 10, MSS, 65536,
						       1000, 45), 23U);
	/* no RTT sample yet (U32_MAX): no allowance */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(1250000, 10, MSS, 65536,
						       U32_MAX, 45), 2U);
	/* no pacing (~0) or a huge rate with no shift: the device's limits */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(NOCAP, 10, MSS, 65536,
						       U32_MAX, 45), 45U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(NOCAP, 0, MSS, 65536,
						       0, 45), 45U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(NOCAP, 64, MSS, 65536,
						       U32_MAX, 45), 2U);
	/* a device that takes one segment at a time: one */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(NOCAP, 10, MSS, 65536,
						       0, 1), 1U);
	/* rate 0: the minimum */
	KUNIT_EXPECT_EQ(test, cnet_tcp_pacing_tso_segs(0, 10, MSS, 65536,
						       U32_MAX, 45), 2U);
}

static struct kunit_case cnet_tcp_pacing_cases[] = {
	KUNIT_CASE(rate_ss_and_ca),
	KUNIT_CASE(rate_cap),
	KUNIT_CASE(rate_edges),
	KUNIT_CASE(departure_spacing),
	KUNIT_CASE(departure_idle_credit),
	KUNIT_CASE(departure_edges),
	KUNIT_CASE(tso_segs),
	{}
};

static struct kunit_suite cnet_tcp_pacing_suite = {
	.name = "cnet_tcp_pacing",
	.test_cases = cnet_tcp_pacing_cases,
};

kunit_test_suite(cnet_tcp_pacing_suite);
