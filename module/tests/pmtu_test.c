// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for path MTU discovery (RFC 1191): the rules of one entry
 * (ip_hdr.c: lower only, the 552 floor and its lock, refresh, expiry, the
 * plateau guess) and the cache (pmtu.c) on a fake clock: learn, look up,
 * expire, stay bounded.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>

#include "../cnet.h"

#define EXPIRY	(CNET_PMTU_EXPIRES_SEC * HZ)
#define T0	1000000UL	/* the fake clock's start, in jiffies */

static void rules_lower_only(struct kunit *test)
{
	struct cnet_pmtu_state s = {};
	bool locked;

	/* nothing learned: the device's */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_effective(&s, 1500, T0, &locked), 1500);
	KUNIT_EXPECT_FALSE(test, locked);
	/* higher than the device's: ignored */
	KUNIT_EXPECT_FALSE(test, cnet_pmtu_update(&s, 1500, 9000, T0, EXPIRY));
	KUNIT_EXPECT_EQ(test, s.mtu, 0);
	/* lower: learned */
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 1500, 1400, T0, EXPIRY));
	KUNIT_EXPECT_EQ(test, cnet_pmtu_effective(&s, 1500, T0, &locked), 1400);
	KUNIT_EXPECT_FALSE(test, locked);
	/* lower again: learned; higher than what was learned: ignored */
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 1500, 1300, T0, EXPIRY));
	KUNIT_EXPECT_FALSE(test, cnet_pmtu_update(&s, 1500, 1400, T0, EXPIRY));
	KUNIT_EXPECT_EQ(test, s.mtu, 1300);
	/* the device's MTU went below it: the device's holds */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_effective(&s, 1200, T0, &locked), 1200);
}

static void rules_expiry(struct kunit *test)
{
	struct cnet_pmtu_state s = {};
	bool locked;

	KUNIT_ASSERT_TRUE(test, cnet_pmtu_update(&s, 1500, 1400, T0, EXPIRY));
	/* ten minutes less a tick: still there */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_effective(&s, 1500, T0 + EXPIRY - 1,
						  &locked), 1400);
	/* ten minutes: gone, the device's MTU again */
	KUNIT_EXPECT_FALSE(test, cnet_pmtu_valid(&s, T0 + EXPIRY));
	KUNIT_EXPECT_EQ(test, cnet_pmtu_effective(&s, 1500, T0 + EXPIRY,
						  &locked), 1500);
	/* so a higher one than the expired entry's is learned */
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 1500, 1450, T0 + EXPIRY,
						 EXPIRY));
	KUNIT_EXPECT_EQ(test, s.mtu, 1450);
	KUNIT_EXPECT_EQ(test, s.expires, T0 + 2 * EXPIRY);
}

static void rules_refresh(struct kunit *test)
{
	struct cnet_pmtu_state s = {};

	KUNIT_ASSERT_TRUE(test, cnet_pmtu_update(&s, 1500, 1400, T0, EXPIRY));
	/* the same MTU in the first half of its life changes nothing */
	KUNIT_EXPECT_FALSE(test, cnet_pmtu_update(&s, 1500, 1400,
						  T0 + EXPIRY / 2 - 1, EXPIRY));
	KUNIT_EXPECT_EQ(test, s.expires, T0 + EXPIRY);
	/* in the second half it extends it */
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 1500, 1400,
						 T0 + EXPIRY / 2, EXPIRY));
	KUNIT_EXPECT_EQ(test, s.expires, T0 + EXPIRY / 2 + EXPIRY);
}

static void rules_floor(struct kunit *test)
{
	struct cnet_pmtu_state s = {};
	bool locked;

	/* below 552 (a forged error's favourite): 552, locked */
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 1500, 68, T0, EXPIRY));
	KUNIT_EXPECT_EQ(test, s.mtu, CNET_PMTU_MIN);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_effective(&s, 1500, T0, &locked), 552);
	KUNIT_EXPECT_TRUE(test, locked);
	/* a locked entry changes no more until it expires */
	KUNIT_EXPECT_FALSE(test, cnet_pmtu_update(&s, 1500, 552, T0, EXPIRY));
	KUNIT_EXPECT_FALSE(test, cnet_pmtu_update(&s, 1500, 100, T0 + 1,
						  EXPIRY));
	KUNIT_EXPECT_EQ(test, s.expires, T0 + EXPIRY);
	/* 552 itself is not below the floor */
	s = (struct cnet_pmtu_state){};
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 1500, 552, T0, EXPIRY));
	KUNIT_EXPECT_FALSE(test, s.locked);
	/* a device below 552 keeps its MTU as the floor */
	s = (struct cnet_pmtu_state){};
	KUNIT_EXPECT_TRUE(test, cnet_pmtu_update(&s, 500, 300, T0, EXPIRY));
	KUNIT_EXPECT_EQ(test, s.mtu, 500);
	KUNIT_EXPECT_TRUE(test, s.locked);
}

static void rules_plateau(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(1500), 1492);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(1492), 1006);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(65535), 32000);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(4000), 2002);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(600), 508);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(296), 68);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_plateau(20), 68);
}

#define A(a, b, c, d)	htonl((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))

static struct cnet_pmtu_cache *cache_new(struct kunit *test)
{
	struct cnet_pmtu_cache *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	cnet_pmtu_init(c);
	return c;
}

static unsigned int get(struct cnet_pmtu_cache *c, __be32 daddr,
			unsigned long now, bool *locked)
{
	unsigned int mtu;

	rcu_read_lock();
	mtu = cnet_pmtu_get(c, daddr, 1500, now, locked);
	rcu_read_unlock();
	return mtu;
}

static void cache_learn(struct kunit *test)
{
	struct cnet_pmtu_cache *c = cache_new(test);
	bool locked;

	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0, &locked), 0);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 2), 1500, 1000,
					      T0), CNET_PMTU_LEARNED);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0, &locked), 1000);
	KUNIT_EXPECT_FALSE(test, locked);
	/* per destination */
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 3), T0, &locked), 0);
	/* lower only */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 2), 1500, 1200,
					      T0 + 1), CNET_PMTU_IGNORED);
	KUNIT_EXPECT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 2), 1500, 800,
					      T0 + 2), CNET_PMTU_LEARNED);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0 + 2, &locked), 800);
	KUNIT_EXPECT_EQ(test, c->count, 1);
	/* a report higher than the device's makes no entry */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 4), 1500, 1600,
					      T0), CNET_PMTU_IGNORED);
	KUNIT_EXPECT_EQ(test, c->count, 1);
	/* locked below the floor */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 5), 1500, 100,
					      T0), CNET_PMTU_LEARNED);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 5), T0, &locked), 552);
	KUNIT_EXPECT_TRUE(test, locked);
	cnet_pmtu_destroy(c);
	KUNIT_EXPECT_EQ(test, c->count, 0);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0 + 2, &locked), 0);
}

static void cache_expiry(struct kunit *test)
{
	struct cnet_pmtu_cache *c = cache_new(test);
	bool locked;

	KUNIT_ASSERT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 2), 1500, 1000,
					      T0), CNET_PMTU_LEARNED);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0 + EXPIRY - 1, &locked),
			1000);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0 + EXPIRY, &locked), 0);
	/* the expired entry is reused, higher this time */
	KUNIT_EXPECT_EQ(test, cnet_pmtu_learn(c, A(10, 0, 2, 2), 1500, 1400,
					      T0 + EXPIRY), CNET_PMTU_LEARNED);
	KUNIT_EXPECT_EQ(test, get(c, A(10, 0, 2, 2), T0 + EXPIRY, &locked),
			1400);
	KUNIT_EXPECT_EQ(test, c->count, 1);
	cnet_pmtu_destroy(c);
}

/* However many destinations come, the cache holds a bounded number. */
static void cache_bounded(struct kunit *test)
{
	unsigned int max = CNET_PMTU_DEPTH << CNET_PMTU_HASH_BITS, i, evicted = 0;
	struct cnet_pmtu_cache *c = cache_new(test);
	enum cnet_pmtu_learned r;
	bool locked;

	for (i = 0; i < 3 * max; i++) {
		r = cnet_pmtu_learn(c, A(10, 8, i >> 8, i), 1500, 1000, T0 + i);
		KUNIT_ASSERT_NE(test, r, CNET_PMTU_NOMEM);
		KUNIT_ASSERT_NE(test, r, CNET_PMTU_IGNORED);
		evicted += r == CNET_PMTU_EVICTED;
	}
	KUNIT_EXPECT_LE(test, c->count, max);
	KUNIT_EXPECT_EQ(test, c->count + evicted, 3 * max);
	/* the last one learned is there: what goes is the oldest */
	i = 3 * max - 1;
	KUNIT_EXPECT_EQ(test, get(c, A(10, 8, i >> 8, i), T0 + i, &locked),
			1000);
	/* and the very first is long gone */
	KUNIT_EXPECT_EQ(test, get(c, A(10, 8, 0, 0), T0 + i, &locked), 0);
	cnet_pmtu_destroy(c);
}

static struct kunit_case cnet_pmtu_cases[] = {
	KUNIT_CASE(rules_lower_only),
	KUNIT_CASE(rules_expiry),
	KUNIT_CASE(rules_refresh),
	KUNIT_CASE(rules_floor),
	KUNIT_CASE(rules_plateau),
	KUNIT_CASE(cache_learn),
	KUNIT_CASE(cache_expiry),
	KUNIT_CASE(cache_bounded),
	{}
};

static struct kunit_suite cnet_pmtu_suite = {
	.name = "cnet_pmtu",
	.test_cases = cnet_pmtu_cases,
};

kunit_test_suite(cnet_pmtu_suite);
