// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for duplicate address detection's decisions (dad.h): the
 * flags a new address starts with, what they allow, the probe timer's
 * steps, and what a claim by another host does to each state, including
 * the defence interval across a jiffies wrap.
 */
#include <kunit/test.h>

#include <linux/cnet.h>
#include "../dad.h"

#define T	CNET_IFA_F_TENTATIVE
#define O	CNET_IFA_F_OPTIMISTIC
#define F	CNET_IFA_F_DADFAILED
#define IV	1000	/* DEFEND_INTERVAL, jiffies */

static void add_flags(struct kunit *test)
{
	u32 flags = 0xdead;

	/* by default optimistic: probing, usable meanwhile */
	KUNIT_EXPECT_EQ(test, cnet_dad_add_flags(0, &flags), 0);
	KUNIT_EXPECT_EQ(test, flags, T | O);
	KUNIT_EXPECT_TRUE(test, cnet_dad_usable(flags));
	KUNIT_EXPECT_FALSE(test, cnet_dad_preferred(flags));

	/* dad: probing, not usable */
	KUNIT_EXPECT_EQ(test, cnet_dad_add_flags(CNET_IFA_F_DAD, &flags), 0);
	KUNIT_EXPECT_EQ(test, flags, T);
	KUNIT_EXPECT_FALSE(test, cnet_dad_usable(flags));
	KUNIT_EXPECT_FALSE(test, cnet_dad_preferred(flags));

	/* nodad: in use at once */
	KUNIT_EXPECT_EQ(test, cnet_dad_add_flags(CNET_IFA_F_NODAD, &flags), 0);
	KUNIT_EXPECT_EQ(test, flags, 0);
	KUNIT_EXPECT_TRUE(test, cnet_dad_usable(flags));
	KUNIT_EXPECT_TRUE(test, cnet_dad_preferred(flags));

	/* both: refused, flags untouched */
	flags = 0xdead;
	KUNIT_EXPECT_EQ(test, cnet_dad_add_flags(CNET_IFA_F_NODAD |
						 CNET_IFA_F_DAD, &flags),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, flags, 0xdead);
}

static void usable(struct kunit *test)
{
	/* failed is never usable, whatever else is set */
	KUNIT_EXPECT_FALSE(test, cnet_dad_usable(F));
	KUNIT_EXPECT_FALSE(test, cnet_dad_usable(F | O));
	KUNIT_EXPECT_FALSE(test, cnet_dad_usable(F | T | O));
	KUNIT_EXPECT_FALSE(test, cnet_dad_preferred(F));
	/* optimistic alone (not probing) is harmless but not preferred */
	KUNIT_EXPECT_TRUE(test, cnet_dad_usable(O));
	KUNIT_EXPECT_FALSE(test, cnet_dad_preferred(O));
}

/* Probe, probe, probe, wait, done: as the timer runs, with 3 probes. */
static void ticks(struct kunit *test)
{
	u32 flags = T | O;

	KUNIT_EXPECT_EQ(test, cnet_dad_tick(flags, 0, 3), CNET_DAD_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(flags, 1, 3), CNET_DAD_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(flags, 2, 3), CNET_DAD_PROBE_LAST);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(flags, 3, 3), CNET_DAD_DONE);
	/* dad_probes lowered below what was sent: done */
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(flags, 3, 1), CNET_DAD_DONE);
	/* one probe: it is the last; none: done at once */
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(T, 0, 1), CNET_DAD_PROBE_LAST);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(T, 0, 0), CNET_DAD_DONE);
	/* 255 probes (the most dad_probes takes) */
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(T, 253, 255), CNET_DAD_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(T, 254, 255), CNET_DAD_PROBE_LAST);

	/* done: in use, neither tentative nor optimistic */
	KUNIT_EXPECT_EQ(test, cnet_dad_done_flags(T | O), 0);
	KUNIT_EXPECT_EQ(test, cnet_dad_done_flags(T), 0);
	KUNIT_EXPECT_TRUE(test, cnet_dad_preferred(cnet_dad_done_flags(T | O)));

	/* a failed or settled address: the timer does nothing */
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(F, 1, 3), CNET_DAD_STOP);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(0, 0, 3), CNET_DAD_STOP);
	KUNIT_EXPECT_EQ(test, cnet_dad_tick(O, 0, 3), CNET_DAD_STOP);
}

/* A claim while probing: fails, optimistic or not, and never defends. */
static void claim_probing(struct kunit *test)
{
	u32 states[] = { T | O, T };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(states); i++) {
		/* another host's packet with the address as sender */
		KUNIT_EXPECT_EQ(test, cnet_dad_claim(states[i], false, 0, 5, IV),
				CNET_DAD_FAIL);
		/* another host probing for it at the same time */
		KUNIT_EXPECT_EQ(test, cnet_dad_claim(states[i], true, 0, 5, IV),
				CNET_DAD_FAIL);
		/* failed: no longer probing, nor usable */
		KUNIT_EXPECT_EQ(test, cnet_dad_failed_flags(states[i]), F);
		KUNIT_EXPECT_FALSE(test,
				   cnet_dad_usable(cnet_dad_failed_flags(states[i])));
		KUNIT_EXPECT_EQ(test, cnet_dad_tick(cnet_dad_failed_flags(states[i]),
						    1, 3),
				CNET_DAD_STOP);
	}
}

/* A failed address is not ours: nothing is a claim on it. */
static void claim_failed(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(F, false, 0, 5, IV),
			CNET_DAD_IGNORE);
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(F, true, 0, 5, IV),
			CNET_DAD_IGNORE);
}

/* In use: defend at most once per interval; a probe is no claim. */
static void claim_in_use(struct kunit *test)
{
	unsigned long t0 = ULONG_MAX - 100;	/* the interval spans a wrap */

	KUNIT_EXPECT_EQ(test, cnet_dad_claim(0, true, 0, t0, IV),
			CNET_DAD_IGNORE);
	/* never defended: defend */
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(0, false, 0, t0, IV),
			CNET_DAD_DEFEND);
	/* defended at t0: only a conflict until t0 + IV */
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(0, false, t0, t0 + 1, IV),
			CNET_DAD_CONFLICT);
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(0, false, t0, t0 + IV - 1, IV),
			CNET_DAD_CONFLICT);
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(0, false, t0, t0 + IV, IV),
			CNET_DAD_DEFEND);
	/* nodad's address is in use from the start: the same */
	KUNIT_EXPECT_EQ(test, cnet_dad_claim(0, false, t0, t0 + 2 * IV, IV),
			CNET_DAD_DEFEND);
}

static struct kunit_case cnet_dad_cases[] = {
	KUNIT_CASE(add_flags),
	KUNIT_CASE(usable),
	KUNIT_CASE(ticks),
	KUNIT_CASE(claim_probing),
	KUNIT_CASE(claim_failed),
	KUNIT_CASE(claim_in_use),
	{}
};

static struct kunit_suite cnet_dad_suite = {
	.name = "cnet_dad",
	.test_cases = cnet_dad_cases,
};

kunit_test_suite(cnet_dad_suite);
