// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for TCP's black-hole detection and MTU probing (tcp_mtu.c)
 * with a fake clock: off by default and with mode 0 whatever times out;
 * mode 1 starts at the fourth timeout in a row, from tcp_base_mss, then
 * halves down to the floor; mode 2 from the start; the binary search of
 * probes converges on a 1280-byte path; a lower path MTU bounds both the
 * MTU in use and the search, a higher one (what ICMP taught expired)
 * raises the MTU in use again; the search starts over after the interval.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>

#include "../tcp_mtu.h"

#define T0	1000UL

static void mtup_off_never_lowers(struct kunit *test)
{
	struct cnet_tcp_mtup m;
	u32 i;

	cnet_tcp_mtup_init(&m, CNET_TCP_MTU_PROBING_OFF, CNET_TCP_BASE_MSS,
			   1500, T0);
	KUNIT_EXPECT_FALSE(test, m.enabled);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1500U);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_on_rto(&m, 0,
							   CNET_TCP_BASE_MSS,
							   i, T0),
				CNET_TCP_MTUP_RTO_NONE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1500U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_next_probe(&m, 1500, 1500, T0), 0U);
}

static void mtup_blackhole_then_halves(struct kunit *test)
{
	struct cnet_tcp_mtup m;

	cnet_tcp_mtup_init(&m, CNET_TCP_MTU_PROBING_BLACKHOLE,
			   CNET_TCP_BASE_MSS, 1500, T0);
	KUNIT_EXPECT_FALSE(test, m.enabled);
	KUNIT_EXPECT_EQ(test, m.search_low, 1064);
	/* one or two timeouts: congestion, maybe; not yet a black hole */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_on_rto(&m, 1, 1024, 1, T0),
			CNET_TCP_MTUP_RTO_NONE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_on_rto(&m, 1, 1024, 2, T0),
			CNET_TCP_MTUP_RTO_NONE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1500U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_on_rto(&m, 1, 1024, 3, T0),
			CNET_TCP_MTUP_RTO_BLACKHOLE);
	KUNIT_EXPECT_TRUE(test, m.enabled);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1064U);
	/* again: half of 1024, then half of that... down to the floor */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_on_rto(&m, 1, 1024, 4, T0),
			CNET_TCP_MTUP_RTO_BLACKHOLE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 512U + 40);
	while (cnet_tcp_mtup_on_rto(&m, 1, 1024, 5, T0) ==
	       CNET_TCP_MTUP_RTO_BLACKHOLE)
		KUNIT_ASSERT_GE(test, m.search_low, CNET_TCP_MTUP_FLOOR_MSS + 40);
	KUNIT_EXPECT_EQ(test, m.search_low, CNET_TCP_MTUP_FLOOR_MSS + 40);
	/* a path MTU lower than search_low still wins */
	cnet_tcp_mtup_init(&m, 1, 1024, 1500, T0);
	cnet_tcp_mtup_on_rto(&m, 1, 1024, 3, T0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 576), 576U);
	KUNIT_EXPECT_EQ(test, m.search_high, 576);
}

/* A path of 1280 bytes: the search ends within 8 bytes below it. */
static void mtup_search_converges(struct kunit *test)
{
	struct cnet_tcp_mtup m;
	unsigned int probes = 0, lost = 0;
	u32 p;

	cnet_tcp_mtup_init(&m, CNET_TCP_MTU_PROBING_ALWAYS, CNET_TCP_BASE_MSS,
			   1500, T0);
	KUNIT_EXPECT_TRUE(test, m.enabled);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1064U);
	while ((p = cnet_tcp_mtup_next_probe(&m, 1500, 1064, T0))) {
		KUNIT_ASSERT_GT(test, p, (u32)m.search_low);
		KUNIT_ASSERT_LE(test, p, (u32)m.search_high);
		cnet_tcp_mtup_probe_sent(&m, p, 1000, 1000 + p - 40);
		/* one in flight at a time */
		KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_next_probe(&m, 1500, 1064,
							       T0), 0U);
		if (p <= 1280) {
			cnet_tcp_mtup_on_probe_acked(&m);
		} else {
			cnet_tcp_mtup_on_probe_lost(&m);
			lost++;
		}
		KUNIT_ASSERT_LT(test, ++probes, 20U);
	}
	KUNIT_EXPECT_GE(test, lost, 1U);
	KUNIT_EXPECT_LE(test, m.search_low, 1280);
	KUNIT_EXPECT_GT(test, m.search_low, 1280 - CNET_TCP_MTUP_THRESHOLD);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), (u32)m.search_low);
	/* acked or lost with no probe: nothing */
	p = m.search_low;
	cnet_tcp_mtup_on_probe_acked(&m);
	cnet_tcp_mtup_on_probe_lost(&m);
	KUNIT_EXPECT_EQ(test, (u32)m.search_low, p);
}

/* Ten minutes after the search began it starts over: a path can grow. */
static void mtup_reprobe_after_interval(struct kunit *test)
{
	unsigned long later = T0 + CNET_TCP_MTUP_INTERVAL_S * HZ;
	struct cnet_tcp_mtup m;

	cnet_tcp_mtup_init(&m, 2, 1024, 1500, T0);
	m.search_low = 1276;
	m.search_high = 1280;
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_next_probe(&m, 1500, 1276,
						       later - 1), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_next_probe(&m, 1500, 1276, later),
			(1276U + 1500) / 2);
	KUNIT_EXPECT_EQ(test, m.search_high, 1500);
	KUNIT_EXPECT_EQ(test, m.probe_ts, later);
	/* the route is no larger than what is in use: nothing to search */
	cnet_tcp_mtup_init(&m, 2, 1024, 1064, T0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_next_probe(&m, 1064, 1064, later),
			0U);
}

/*
 * The MTU to cut for follows the path down and, once what ICMP taught
 * expires, up again; while probing, no higher than search_low.
 */
static void mtup_sync_follows_path(struct kunit *test)
{
	struct cnet_tcp_mtup m;

	cnet_tcp_mtup_init(&m, 1, 1024, 1500, T0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1000), 1000U);
	KUNIT_EXPECT_EQ(test, m.search_high, 1000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1500U);
	cnet_tcp_mtup_init(&m, 2, 1024, 1500, T0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1064U);
	m.search_low = 1400;
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1280), 1280U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mtup_sync(&m, 1500), 1400U);
}

static struct kunit_case cnet_tcp_mtu_cases[] = {
	KUNIT_CASE(mtup_off_never_lowers),
	KUNIT_CASE(mtup_sync_follows_path),
	KUNIT_CASE(mtup_blackhole_then_halves),
	KUNIT_CASE(mtup_search_converges),
	KUNIT_CASE(mtup_reprobe_after_interval),
	{}
};

static struct kunit_suite cnet_tcp_mtu_suite = {
	.name = "cnet_tcp_mtu",
	.test_cases = cnet_tcp_mtu_cases,
};

kunit_test_suite(cnet_tcp_mtu_suite);
