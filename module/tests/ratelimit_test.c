// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for rate limiting's token bucket (ratelimit.c): saving up to
 * the burst, fractions of a token kept, a jiffies wrap, no limit.
 */
#include <kunit/test.h>
#include <linux/limits.h>

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

static struct kunit_case cnet_ratelimit_cases[] = {
	KUNIT_CASE(token_bucket),
	{}
};

static struct kunit_suite cnet_ratelimit_suite = {
	.name = "cnet_ratelimit",
	.test_cases = cnet_ratelimit_cases,
};

kunit_test_suite(cnet_ratelimit_suite);
