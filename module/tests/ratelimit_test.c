// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for rate limiting's token bucket (ratelimit.c): saving up to
 * the burst, fractions of a token kept, a jiffies wrap, no limit; how
 * full a bucket is; the bucket counted in tokens a second, above HZ.
 */
#include <kunit/test.h>
#include <linux/limits.h>
#include <linux/param.h>

#include "../ratelimit.h"

/* Take tokens until refused; return how many were given. */
static unsigned int tb_drain(struct cnet_tb *tb, unsigned long now,
			     unsigned long rate, u32 burst)
{
	unsigned int n = 0;

	while (n < 1000 && cnet_tb_allow(tb, now, rate, burst))
		n++;
	return n;
}

static void token_bucket(struct kunit *test)
{
	/* start just before a jiffies wrap */
	unsigned long t0 = ULONG_MAX - 250, rate = 100;
	struct cnet_tb tb = {};

	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0, rate, 6), 6);	/* starts full */
	KUNIT_EXPECT_FALSE(test, cnet_tb_allow(&tb, t0 + 99, rate, 6));
	KUNIT_EXPECT_TRUE(test, cnet_tb_allow(&tb, t0 + 100, rate, 6));
	KUNIT_EXPECT_FALSE(test, cnet_tb_allow(&tb, t0 + 150, rate, 6));
	/* the half token of t0+150 is kept: one more at t0+200, across wrap */
	KUNIT_EXPECT_TRUE(test, cnet_tb_allow(&tb, t0 + 200, rate, 6));
	KUNIT_EXPECT_FALSE(test, cnet_tb_allow(&tb, t0 + 299, rate, 6));
	/* 3.5 rates later, after the wrap: three tokens */
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0 + 550, rate, 6), 3);
	/* a long pause: capped at the burst */
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0 + 100000, rate, 6), 6);
	/* a lowered burst caps what is saved */
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0 + 200000, rate, 2), 2);
	/* rate 0: no limit */
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0 + 200000, 0, 2), 1000);
	/* burst 0 acts as 1 */
	tb = (struct cnet_tb){};
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, 5, rate, 0), 1);
}

/* How many tokens a bucket would give, without taking any. */
static void token_level(struct kunit *test)
{
	unsigned long t0 = ULONG_MAX - 50, rate = 100;
	struct cnet_tb tb = {};

	/* unused: full */
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0, rate, 6), 6);
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0, rate, 6), 6);
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0, rate, 6), 0);
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0 + 99, rate, 6), 0);
	/* across the wrap, and it took nothing */
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0 + 250, rate, 6), 2);
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0 + 250, rate, 6), 2);
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0 + 100000, rate, 6), 6);
	/* capped by a lowered burst; no limit is full */
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0 + 100000, rate, 2), 2);
	KUNIT_EXPECT_EQ(test, cnet_tb_level(&tb, t0, 0, 6), 6);
	/* it agrees with what cnet_tb_allow() gives */
	KUNIT_EXPECT_EQ(test, tb_drain(&tb, t0 + 250, rate, 6), 2);
}

/* Take tokens of a per-second bucket until none is ready. */
static unsigned int ps_drain(struct cnet_tb *tb, unsigned long now,
			     u32 per_sec, u32 burst)
{
	unsigned int n = 0;

	while (n < 100000 && cnet_tb_ps_ready(tb, now, per_sec, burst)) {
		cnet_tb_take(tb);
		n++;
	}
	return n;
}

/* Linux's icmp_msgs_per_sec 1000, burst 50: more than a token a jiffy. */
static void token_bucket_per_sec(struct kunit *test)
{
	unsigned long t0 = ULONG_MAX - HZ / 10;
	struct cnet_tb tb = {};

	/* ready does not take: starts full, stays so until taken */
	KUNIT_EXPECT_TRUE(test, cnet_tb_ps_ready(&tb, t0, 1000, 50));
	KUNIT_EXPECT_TRUE(test, cnet_tb_ps_ready(&tb, t0, 1000, 50));
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, t0, 1000, 50), 50);
	KUNIT_EXPECT_FALSE(test, cnet_tb_ps_ready(&tb, t0, 1000, 50));
	/* 20 ms (a whole number of jiffies at HZ 100, 250, 300, 1000): 20 */
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, t0 + HZ / 50, 1000, 50), 20);
	/* across the wrap; capped at the burst */
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, t0 + HZ, 1000, 50), 50);
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, t0 + 1000 * HZ, 1000, 50), 50);
	/* take on an empty bucket takes nothing */
	cnet_tb_take(&tb);
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, t0 + 1000 * HZ + HZ / 50,
				       1000, 50), 20);

	/* 3 a second: the fraction of a token is kept */
	tb = (struct cnet_tb){};
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, 0, 3, 3), 3);
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, HZ / 2, 3, 3), 1);
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, HZ, 3, 3), 2);
	/* a lowered burst caps what is saved; 0 acts as 1 */
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, 100 * HZ, 3, 2), 2);
	KUNIT_EXPECT_EQ(test, ps_drain(&tb, 200 * HZ, 3, 0), 1);
	/* 0 a second: no limit */
	KUNIT_EXPECT_TRUE(test, cnet_tb_ps_ready(&tb, 200 * HZ, 0, 1));
}

static struct kunit_case cnet_ratelimit_cases[] = {
	KUNIT_CASE(token_bucket),
	KUNIT_CASE(token_level),
	KUNIT_CASE(token_bucket_per_sec),
	{}
};

static struct kunit_suite cnet_ratelimit_suite = {
	.name = "cnet_ratelimit",
	.test_cases = cnet_ratelimit_cases,
};

kunit_test_suite(cnet_ratelimit_suite);
