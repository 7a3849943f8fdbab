// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the ARP cache state machine (neigh.h): every transition,
 * retries, expiry and garbage collection, including across a jiffies wrap;
 * DELAY and PROBE, upper-layer confirmation, PERMANENT entries; a
 * device's own settings over the namespace's.
 */
#include <kunit/test.h>

#include <linux/cnet.h>
#include "../neigh.h"

/* rnd 1500: the reachable time is 1500 + 1500 % 3000 = 3000 */
static const struct cnet_neigh_params params = {
	.reachable	= 3000,
	.retrans	= 100,
	.gc_stale	= 6000,
	.delay		= 500,
	.max_probes	= 3,
	.ucast_probes	= 2,
	.locktime	= 0,	/* no lock time but in the locktime case */
	.gc_recent	= 500,
	.rnd		= 1500,
};

/* Start near the wrap so every comparison must use time_before(). */
#define T0 (ULONG_MAX - 50)

static enum cnet_neigh_action use(struct cnet_neigh_sm *sm, unsigned long now)
{
	unsigned long next;

	return cnet_neigh_sm_use(sm, now, &params, &next);
}

static enum cnet_neigh_action update(struct cnet_neigh_sm *sm,
				     unsigned long now, bool is_reply,
				     bool changed)
{
	return cnet_neigh_sm_update(sm, now, &params, is_reply, changed, false);
}

static void resolve_and_fail(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_INCOMPLETE);

	/* first packet: queue it and send the first request */
	KUNIT_EXPECT_EQ(test, use(&sm, T0), CNET_NA_QUEUE_PROBE);
	KUNIT_EXPECT_EQ(test, sm.probes, 1);
	/* more packets: only queue */
	KUNIT_EXPECT_EQ(test, use(&sm, T0 + 1), CNET_NA_QUEUE);

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
	KUNIT_EXPECT_EQ(test, use(&sm, T0 + 400),
			CNET_NA_QUEUE_PROBE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_INCOMPLETE);
	KUNIT_EXPECT_EQ(test, sm.probes, 1);
}

static void reply_resolves(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	use(&sm, T0);
	/* the reply sends what was queued */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 10, true, true),
			CNET_NA_FLUSH);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 10);
	KUNIT_EXPECT_EQ(test, use(&sm, T0 + 20), CNET_NA_SEND);

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

/* reply, then STALE at T0 + 3000 */
static void make_stale(struct kunit *test, struct cnet_neigh_sm *sm)
{
	unsigned long next;

	cnet_neigh_sm_init(sm, T0);
	update(sm, T0, true, true);
	cnet_neigh_sm_timer(sm, T0 + 3000, &params, &next);
	KUNIT_ASSERT_EQ(test, sm->state, CNET_NEIGH_STALE);
}

static void stale_delay_reply(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	make_stale(test, &sm);
	/* use of a stale entry: send at once, DELAY, timer at the delay */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 3100, &params, &next),
			CNET_NA_SEND);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_DELAY);
	KUNIT_EXPECT_EQ(test, next, T0 + 3600);
	/* more traffic in DELAY: sent, the timer stays */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 3101, &params, &next),
			CNET_NA_SEND);
	KUNIT_EXPECT_EQ(test, next, 0UL);
	/* an ARP reply confirms it at once */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 3102, true, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.probes, 0);
}

static void delay_confirmed(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	make_stale(test, &sm);
	use(&sm, T0 + 3100);
	/* an upper layer confirms within the delay time */
	cnet_neigh_sm_confirm(&sm, T0 + 3300);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_DELAY);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 3600, &params, &next),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, next, T0 + 3300 + 3000);

	/* a confirmation during REACHABLE pushes the expiry back */
	cnet_neigh_sm_confirm(&sm, T0 + 5000);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 6300, &params, &next),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, next, T0 + 8000);
}

static void delay_probe_fail(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	make_stale(test, &sm);
	use(&sm, T0 + 3100);
	/* a confirmation older than the delay time does not count */
	cnet_neigh_sm_confirm(&sm, T0 + 3050);
	/* no confirmation: PROBE, first unicast request */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 3600, &params, &next),
			CNET_NA_UCAST_PROBE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_PROBE);
	KUNIT_EXPECT_EQ(test, sm.probes, 1);
	KUNIT_EXPECT_EQ(test, next, T0 + 3700);
	/* traffic still goes out with the cached address */
	KUNIT_EXPECT_EQ(test, use(&sm, T0 + 3650), CNET_NA_SEND);
	/* an upper-layer confirmation does not stop the probing */
	cnet_neigh_sm_confirm(&sm, T0 + 3660);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 3700, &params, &next),
			CNET_NA_UCAST_PROBE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_PROBE);
	KUNIT_EXPECT_EQ(test, sm.probes, 2);
	/* ucast_probes (2) unanswered: FAILED */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 3800, &params, &next),
			CNET_NA_FAIL);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_FAILED);
	KUNIT_EXPECT_EQ(test, next, 0UL);
	/* and a FAILED entry queues again */
	KUNIT_EXPECT_EQ(test, use(&sm, T0 + 3900), CNET_NA_QUEUE_PROBE);
}

static void probe_reply(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	make_stale(test, &sm);
	use(&sm, T0 + 3100);
	cnet_neigh_sm_timer(&sm, T0 + 3600, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_PROBE);
	/* a request with the same address does not confirm */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 3610, false, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_PROBE);
	/* the reply does */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 3620, true, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 3620);
	KUNIT_EXPECT_EQ(test, sm.probes, 0);
}

static void reachable_time_random(struct kunit *test)
{
	struct cnet_neigh_params p = params;

	p.rnd = 0;
	KUNIT_EXPECT_EQ(test, cnet_neigh_reachable_time(&p), 1500UL);
	p.rnd = 2999;
	KUNIT_EXPECT_EQ(test, cnet_neigh_reachable_time(&p), 4499UL);
	p.rnd = 3000;
	KUNIT_EXPECT_EQ(test, cnet_neigh_reachable_time(&p), 1500UL);
	p.rnd = U32_MAX;
	KUNIT_EXPECT_GE(test, cnet_neigh_reachable_time(&p), 1500UL);
	KUNIT_EXPECT_LT(test, cnet_neigh_reachable_time(&p), 4500UL);
}

static void permanent(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	/* an INCOMPLETE entry made permanent sends what it holds */
	cnet_neigh_sm_init(&sm, T0);
	use(&sm, T0);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_set_permanent(&sm, T0 + 1),
			CNET_NA_FLUSH);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_PERMANENT);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_set_permanent(&sm, T0 + 2),
			CNET_NA_NONE);

	/* ARP, timers, use and GC leave it alone */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 3, true, true), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 4, false, true), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_timer(&sm, T0 + 100000, &params,
						  &next), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, next, 0UL);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_use(&sm, T0 + 100000, &params,
						&next), CNET_NA_SEND);
	KUNIT_EXPECT_EQ(test, next, 0UL);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 1000000,
							   &params));
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_PERMANENT);

	/* a STALE entry made permanent: nothing to flush */
	make_stale(test, &sm);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_set_permanent(&sm, T0 + 3001),
			CNET_NA_NONE);
}

static void request_learning(struct kunit *test)
{
	struct cnet_neigh_sm sm;

	/* a request resolves an INCOMPLETE entry, but only to STALE */
	cnet_neigh_sm_init(&sm, T0);
	use(&sm, T0);
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 1, false, true),
			CNET_NA_FLUSH);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);

	/* same address on a REACHABLE entry: nothing changes */
	use(&sm, T0 + 2);
	update(&sm, T0 + 2, true, false);
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 3, false, false),
			CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 2);

	/* a new address makes it STALE until confirmed */
	update(&sm, T0 + 4, false, true);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
}

/*
 * A reply nobody asked for (no request outstanding: the entry is neither
 * INCOMPLETE nor PROBE nor waiting in DELAY) only tells the address, as a
 * request does: STALE at most, never REACHABLE.
 */
static void unsolicited_reply(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	/* a request for us made the entry STALE */
	cnet_neigh_sm_init(&sm, T0);
	update(&sm, T0 + 1, false, true);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_STALE);
	/* an unsolicited reply, same address: STALE, not confirmed */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 2, true, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0);
	/* a new address: STALE with it */
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 3, true, true), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_EQ(test, sm.updated, T0 + 3);

	/* REACHABLE: an unsolicited reply neither demotes nor refreshes it */
	use(&sm, T0 + 4);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_DELAY);
	update(&sm, T0 + 5, true, false);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 6, true, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 5);

	/* FAILED: a late reply teaches the address, STALE */
	cnet_neigh_sm_init(&sm, T0);
	sm.probes = params.max_probes;
	cnet_neigh_sm_timer(&sm, T0 + 1, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_FAILED);
	KUNIT_EXPECT_EQ(test, update(&sm, T0 + 2, true, true), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
}

/* Linux's locktime: a new address within it is ignored, but for a GARP. */
static void locktime(struct kunit *test)
{
	struct cnet_neigh_params p = params;
	struct cnet_neigh_sm sm;
	unsigned long next;

	p.locktime = 100;
	cnet_neigh_sm_init(&sm, T0);
	use(&sm, T0);
	/* the first reply resolves: there is no address to keep yet */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 10, &p, true,
						   true, false), CNET_NA_FLUSH);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	/* a second proxy's reply within the lock time: ignored */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 50, &p, true,
						   true, false), CNET_NA_IGNORE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, sm.updated, T0 + 10);
	KUNIT_EXPECT_EQ(test, sm.confirmed, T0 + 10);
	/* a request naming another address too */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 109, &p, false,
						   true, false), CNET_NA_IGNORE);
	/* the same address is not refused */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 60, &p, false,
						   false, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	/* a gratuitous ARP overrides the lock time */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 60, &p, false,
						   true, true), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_EQ(test, sm.updated, T0 + 60);
	/* which starts a new lock time; after it, a new address is taken */
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 159, &p, false,
						   true, false), CNET_NA_IGNORE);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 160, &p, false,
						   true, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_EQ(test, sm.updated, T0 + 160);

	/* a FAILED entry has no address to keep */
	cnet_neigh_sm_init(&sm, T0);
	sm.probes = params.max_probes;
	cnet_neigh_sm_timer(&sm, T0 + 1, &p, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_FAILED);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 2, &p, false,
						   true, false), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_STALE);
	/* PERMANENT does not listen at all */
	cnet_neigh_sm_set_permanent(&sm, T0 + 3);
	KUNIT_EXPECT_EQ(test, cnet_neigh_sm_update(&sm, T0 + 4, &p, true,
						   true, true), CNET_NA_NONE);
	KUNIT_EXPECT_EQ(test, sm.state, CNET_NEIGH_PERMANENT);
}

static void gc(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	cnet_neigh_sm_init(&sm, T0);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 100000,
							   &params));
	update(&sm, T0, true, true);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 100000,
							   &params));
	cnet_neigh_sm_timer(&sm, T0 + 3000, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 8999,
							   &params));
	KUNIT_EXPECT_TRUE(test, cnet_neigh_sm_collectable(&sm, T0 + 9000,
							  &params));
	/* use keeps a stale entry alive */
	use(&sm, T0 + 8000);
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

/*
 * The table is full: only entries nothing refers to (no timer, no queue:
 * STALE, FAILED) may be evicted, STALE ones once unchanged for gc_recent.
 */
static void forced_gc(struct kunit *test)
{
	struct cnet_neigh_sm sm;
	unsigned long next;

	/* INCOMPLETE holds packets and a timer */
	cnet_neigh_sm_init(&sm, T0);
	use(&sm, T0);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_evictable(&sm, T0 + 100000,
							 &params));
	/* REACHABLE has a timer */
	update(&sm, T0, true, true);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_REACHABLE);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_evictable(&sm, T0 + 100000,
							 &params));
	/* STALE: after gc_recent, well before gc_stale */
	cnet_neigh_sm_timer(&sm, T0 + 3000, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_STALE);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_evictable(&sm, T0 + 3499,
							 &params));
	KUNIT_EXPECT_TRUE(test, cnet_neigh_sm_evictable(&sm, T0 + 3500,
							&params));
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_collectable(&sm, T0 + 3500,
							   &params));
	/* used: DELAY, then PROBE, kept */
	use(&sm, T0 + 3600);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_evictable(&sm, T0 + 100000,
							 &params));
	cnet_neigh_sm_timer(&sm, T0 + 4100, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_PROBE);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_evictable(&sm, T0 + 100000,
							 &params));

	/* FAILED: at once */
	cnet_neigh_sm_init(&sm, T0);
	sm.probes = params.max_probes;
	cnet_neigh_sm_timer(&sm, T0 + 1, &params, &next);
	KUNIT_ASSERT_EQ(test, sm.state, CNET_NEIGH_FAILED);
	KUNIT_EXPECT_TRUE(test, cnet_neigh_sm_evictable(&sm, T0 + 1, &params));

	/* PERMANENT: never */
	cnet_neigh_sm_set_permanent(&sm, T0 + 2);
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_evictable(&sm, T0 + 1000000,
							 &params));
}

/*
 * Output reads the entry without its lock exactly in the states where
 * using it sends and changes nothing; in every other state it must go
 * through cnet_neigh_sm_use() under the lock.
 */
static void sends_without_lock(struct kunit *test)
{
	unsigned int state, sending = 0;

	for (state = 0; state < __CNET_NEIGH_MAX; state++) {
		struct cnet_neigh_sm sm, before;
		enum cnet_neigh_action act;
		unsigned long next;

		cnet_neigh_sm_init(&sm, T0);
		sm.state = state;
		sm.probes = 1;
		before = sm;
		act = cnet_neigh_sm_use(&sm, T0 + 10, &params, &next);
		KUNIT_EXPECT_EQ_MSG(test, cnet_neigh_sm_sends(state),
				    act == CNET_NA_SEND && !next &&
				    sm.state == before.state &&
				    sm.probes == before.probes &&
				    sm.updated == before.updated &&
				    sm.confirmed == before.confirmed &&
				    sm.reachable == before.reachable,
				    "state %u", state);
		sending += cnet_neigh_sm_sends(state);
	}
	KUNIT_EXPECT_EQ(test, sending, 4);	/* REACHABLE DELAY PROBE PERM */
	KUNIT_EXPECT_FALSE(test, cnet_neigh_sm_sends(__CNET_NEIGH_MAX));
}

/*
 * A device's own settings: each follows the namespace's until set on the
 * device, whatever the namespace's becomes; set, it is the device's,
 * whatever the namespace's is, even a value the namespace could not have
 * as a default (0, the other end of a range).
 */
static void dev_params(struct kunit *test)
{
	struct cnet_neigh_table *tbl;
	struct cnet_neigh_dev_parms dp;
	struct cnet_neigh_params p;
	int i;

	tbl = kunit_kzalloc(test, sizeof(*tbl), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tbl);
	tbl->reachable_ms = 30000;
	tbl->retrans_ms = 1000;
	tbl->gc_ms = 60000;
	tbl->delay_ms = 5000;
	tbl->locktime_ms = 1000;
	tbl->max_probes = 3;
	tbl->ucast_probes = 3;
	tbl->queue_len = 16;
	tbl->queue_bytes = 212992;
	cnet_neigh_dev_parms_init(&dp);
	for (i = 0; i < CNET_NEIGH_DEV_N; i++)
		KUNIT_EXPECT_EQ(test, dp.v[i], CNET_NEIGH_DEV_INHERIT);

	/* nothing of its own: the namespace's, and NULL says the same */
	cnet_neigh_params_get(tbl, &dp, &p);
	KUNIT_EXPECT_EQ(test, p.reachable, msecs_to_jiffies(30000));
	KUNIT_EXPECT_EQ(test, p.retrans, msecs_to_jiffies(1000));
	KUNIT_EXPECT_EQ(test, p.gc_stale, msecs_to_jiffies(60000));
	KUNIT_EXPECT_EQ(test, p.delay, msecs_to_jiffies(5000));
	KUNIT_EXPECT_EQ(test, p.locktime, msecs_to_jiffies(1000));
	KUNIT_EXPECT_EQ(test, p.max_probes, 3U);
	KUNIT_EXPECT_EQ(test, p.ucast_probes, 3U);
	KUNIT_EXPECT_EQ(test, cnet_neigh_dev_parm(tbl, &dp,
						  CNET_NEIGH_DEV_QUEUE_LEN), 16U);
	KUNIT_EXPECT_EQ(test, cnet_neigh_dev_parm(tbl, NULL,
						  CNET_NEIGH_DEV_QUEUE_BYTES),
			212992U);

	/* the device's own, each setting alone */
	dp.v[CNET_NEIGH_DEV_RETRANS_MS] = 100;
	dp.v[CNET_NEIGH_DEV_MAX_PROBES] = 1;
	dp.v[CNET_NEIGH_DEV_LOCKTIME_MS] = 0;
	dp.v[CNET_NEIGH_DEV_QUEUE_LEN] = 0;
	cnet_neigh_params_get(tbl, &dp, &p);
	KUNIT_EXPECT_EQ(test, p.retrans, msecs_to_jiffies(100));
	KUNIT_EXPECT_EQ(test, p.max_probes, 1U);
	KUNIT_EXPECT_EQ(test, p.locktime, 0UL);
	KUNIT_EXPECT_EQ(test, cnet_neigh_dev_parm(tbl, &dp,
						  CNET_NEIGH_DEV_QUEUE_LEN), 0U);
	KUNIT_EXPECT_EQ(test, p.reachable, msecs_to_jiffies(30000));
	KUNIT_EXPECT_EQ(test, p.ucast_probes, 3U);

	/* the namespace changes: the device keeps its own, follows the rest */
	tbl->retrans_ms = 2000;
	tbl->max_probes = 5;
	tbl->ucast_probes = 7;
	tbl->delay_ms = 1;
	cnet_neigh_params_get(tbl, &dp, &p);
	KUNIT_EXPECT_EQ(test, p.retrans, msecs_to_jiffies(100));
	KUNIT_EXPECT_EQ(test, p.max_probes, 1U);
	KUNIT_EXPECT_EQ(test, p.ucast_probes, 7U);
	KUNIT_EXPECT_EQ(test, p.delay, msecs_to_jiffies(1));
	/* ...and the namespace's own copy is the namespace's */
	cnet_neigh_params_get(tbl, NULL, &p);
	KUNIT_EXPECT_EQ(test, p.retrans, msecs_to_jiffies(2000));
	KUNIT_EXPECT_EQ(test, p.max_probes, 5U);
}

static struct kunit_case cnet_neigh_cases[] = {
	KUNIT_CASE(resolve_and_fail),
	KUNIT_CASE(reply_resolves),
	KUNIT_CASE(stale_delay_reply),
	KUNIT_CASE(delay_confirmed),
	KUNIT_CASE(delay_probe_fail),
	KUNIT_CASE(probe_reply),
	KUNIT_CASE(reachable_time_random),
	KUNIT_CASE(permanent),
	KUNIT_CASE(request_learning),
	KUNIT_CASE(unsolicited_reply),
	KUNIT_CASE(locktime),
	KUNIT_CASE(gc),
	KUNIT_CASE(forced_gc),
	KUNIT_CASE(sends_without_lock),
	KUNIT_CASE(dev_params),
	{}
};

static struct kunit_suite cnet_neigh_suite = {
	.name = "cnet_neigh",
	.test_cases = cnet_neigh_cases,
};

kunit_test_suite(cnet_neigh_suite);
