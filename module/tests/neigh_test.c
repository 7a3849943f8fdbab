// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the ARP cache state machine (neigh.h): every transition,
 * retries, expiry and garbage collection, including across a jiffies wrap.
 */
#include <kunit/test.h>

#include <linux/cnet.h>
#include "../neigh.h"

static const struct cnet_neigh_params params = {
	.reachable	= 3000,
	.retrans	= 100,
	.gc_stale	= 6000,
	.max_probes	= 3,
};

/* Start near the wrap so every comparison must use time_before(). */
#define T0 (ULONG_MAX - 50)

static void resolve_and_fail(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_INCOMPLETE);

	/* first packet: queue it and send the first request */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0), CNET_NA_QUEUE_PROBE);
	KUNIT_EXPECT_EQ(test, sm.probes, 1);
	/* more packets: only queue */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 1), CNET_NA_QUEUE);

	/* retries until max_probes, each rearming the timer */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 100, &params, &next),
			CNET_NA_PROBE);
	KUNIT_EXPECT_EQ(test, next, T0 + 200);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 200, &params, &next),
			CNET_NA_PROBE);
	KUNIT_EXPECT_EQ(test, sm.probes, 3);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 300, &params, &next),
			CNET_NA_FAIL);
	KUNIT_EXPECT_EQ(test, next, 0UL);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_FAILED);

	/* a FAILED entry that is used starts over */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 400),
			CNET_NA_QUEUE_PROBE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_INCOMPLETE);
	KUNIT_EXPECT_EQ(test, sm.probes, 1);
}

static void reply_resolves(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	cnet_neigh_sm_use(&sm, T0);
	/* the reply sends what was queued */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 10, true, true),
			CNET_NA_FLUSH);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 10);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 20), CNET_NA_SEND);

	/* timer before the reachable time is over: rearm for its end */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 1000, &params, &next),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, next, T0 + 10 + 3000);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);

	/* afterwards: STALE, no timer */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 3010, &params, &next),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_EQ(test, next, 0UL);
}

static void stale_reconfirm(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	cnet_neigh_sm_update(&sm, T0, true, true);
	cnet_neigh_sm_timer(&sm, T0 + 3000, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_STALE);

	/* first use of a stale entry: send, and check it with one probe */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 3100),
			CNET_NA_SEND_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 3101), CNET_NA_SEND);
	/* the answer confirms it */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 3102, true, false),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.probes, 0);
}

static void request_learning(struct kunit *test)
{
	struct cnet_neigh_sm sm;

	/* a request resolves an INCOMPLETE entry, but only to STALE */
	cnet_neigh_sm_init(&sm, T0);
	cnet_neigh_sm_use(&sm, T0);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 1, false, true),
			CNET_NA_FLUSH);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);

	/* same address on a REACHABLE entry: nothing changes */
	cnet_neigh_sm_update(&sm, T0 + 2, true, false);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 3, false, false),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 2);

	/* a new address makes it STALE until confirmed */
	cnet_neigh_sm_update(&sm, T0 + 4, false, true);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
}

static void gc(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 100000,
							   &params));
	cnet_neigh_sm_update(&sm, T0, true, true);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 100000,
							   &params));
	cnet_neigh_sm_timer(&sm, T0 + 3000, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 8999,
							   &params));
	KUNIT_EXPECT_TRUE(test, cnet_neigh_sm_collectable(&sm, T0 + 9000,
							  &params));
	/* use keeps a stale entry alive */
	cnet_neigh_sm_use(&sm, T0 + 8000);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 9000,
							   &params));

	/* failed entries go too */
	cnet_neigh_sm_init(&sm, T0);
	sm.probes = params.max_probes;
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 1, &params, &next),
			CNET_NA_FAIL);
	KUNIT_EXPECT_TRUE(test, cnet_neigh_sm_collectable(&sm, T0 + 6001,
							  &params));
}

static struct kunit_case cnet_neigh_cases[] = {
	KUNIT_CASE(resolve_and_fail),
	KUNIT_CASE(reply_resolves),
	KUNIT_CASE(stale_reconfirm),
	KUNIT_CASE(request_learning),
	KUNIT_CASE(gc),
	{}
};

static struct kunit_suite cnet_neigh_suite = {
	.name = "cnet_neigh",
	.test_cases = cnet_neigh_cases,
};

kunit_test_suite(cnet_neigh_suite);
