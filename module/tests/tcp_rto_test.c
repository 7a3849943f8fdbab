// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the RFC 6298 RTO estimator (tcp_rto.h): the RFC's
 * formulas worked by hand for a first and later samples, the 200 ms floor
 * and 120 s ceiling, exponential backoff and its reset by a new sample,
 * and the 3 s fallback after a retransmitted SYN.
 */
#include <kunit/test.h>

#include "../tcp_rto.h"

static void before_any_sample(struct kunit *test)
{
	struct cnet_rto r;

	cnet_rto_init(&r);
	KUNIT_EXPECT_EQ(test, r.rto_us, 1000000U);	/* RFC 6298 2.1 */
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 1000000U);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 0U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 0U);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_FALSE(test, r.sampled);
}

/* RFC 6298 2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4 * RTTVAR) */
static void first_sample(struct kunit *test)
{
	struct cnet_rto r;

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 100000);
	KUNIT_EXPECT_TRUE(test, r.sampled);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 100000U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 50000U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 300000U);	/* 100 + 4 * 50 ms */
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 300000U);

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 500001);			/* odd: R/2 rounds down */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 500001U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 250000U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 1500001U);
}

/* RFC 6298 2.3, RTTVAR from the SRTT before the sample */
static void later_samples(struct kunit *test)
{
	struct cnet_rto r;

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 100000);
	/* |100000 - 200000| = 100000; (3 * 50000 + 100000) / 4 = 62500 */
	cnet_rto_sample(&r, 200000);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 62500U);
	/* (7 * 100000 + 200000) / 8 = 112500 */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 112500U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 112500U + 4 * 62500U);

	/* |112500 - 100000| = 12500; (3 * 62500 + 12500) / 4 = 50000 */
	cnet_rto_sample(&r, 100000);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 50000U);
	/* (7 * 112500 + 100000) / 8 = 110937.5, rounded down */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 110937U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 310937U);

	/* a sample below SRTT: the difference is taken the other way */
	cnet_rto_sample(&r, 10937);		/* 100000 below */
	KUNIT_EXPECT_EQ(test, r.rttvar_us, (3 * 50000U + 100000U) / 4);
	KUNIT_EXPECT_EQ(test, r.srtt_us, (7 * 110937U + 10937U) / 8);
}

/* A steady RTT: RTTVAR decays by 3/4 a sample, RTO goes to the floor. */
static void steady_rtt_floor(struct kunit *test)
{
	struct cnet_rto r;
	int i;

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 80000);
	KUNIT_EXPECT_EQ(test, r.rto_us, 240000U);	/* 80 + 4 * 40 ms */
	cnet_rto_sample(&r, 80000);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 30000U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 200000U);	/* 80 + 120 ms */
	cnet_rto_sample(&r, 80000);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 22500U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 200000U);	/* 170 ms: floored */
	for (i = 0; i < 100; i++)
		cnet_rto_sample(&r, 80000);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 80000U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 0U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 200000U);
}

/* Linux's TCP_RTO_MIN, not the RFC's 1 s, and the 120 s ceiling */
static void floor_and_ceiling(struct kunit *test)
{
	struct cnet_rto r;

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 1000);			/* 1 ms: 3 ms by formula */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 1000U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 200000U);

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 0);
	KUNIT_EXPECT_EQ(test, r.rto_us, 200000U);

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 66667);		/* 199 999 us: floored */
	KUNIT_EXPECT_EQ(test, r.rto_us, 200000U);
	cnet_rto_init(&r);
	cnet_rto_sample(&r, 66668);		/* 200 004 us: kept */
	KUNIT_EXPECT_EQ(test, r.rto_us, 200004U);

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 60000000);		/* 60 s: 180 s by formula */
	KUNIT_EXPECT_EQ(test, r.rto_us, 120000000U);

	/* no overflow: 4 * RTTVAR is past 2^32 */
	cnet_rto_init(&r);
	cnet_rto_sample(&r, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.srtt_us, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.rto_us, 120000000U);
	cnet_rto_sample(&r, 0);
	KUNIT_EXPECT_EQ(test, r.rto_us, 120000000U);
}

/* RFC 6298 5.5: each expiry doubles the timeout, up to 120 s */
static void backoff(struct kunit *test)
{
	static const u32 doubled[] = {
		300000, 600000, 1200000, 2400000, 4800000, 9600000, 19200000,
		38400000, 76800000, 120000000, 120000000,
	};
	struct cnet_rto r;
	unsigned int i;

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 100000);
	for (i = 0; i < ARRAY_SIZE(doubled); i++) {
		KUNIT_EXPECT_EQ(test, r.backoff, i);
		KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), doubled[i]);
		cnet_rto_on_timeout(&r, 0);
	}
	/* the base RTO itself does not move */
	KUNIT_EXPECT_EQ(test, r.rto_us, 300000U);

	/* the count saturates, the timeout stays at the ceiling */
	for (i = 0; i < 300; i++)
		cnet_rto_on_timeout(&r, 0);
	KUNIT_EXPECT_EQ(test, r.backoff, 255);
	KUNIT_EXPECT_EQ(test, r.retransmits, 255);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 120000000U);
	/* progress: both counts start over, the estimate stays */
	cnet_rto_progress(&r);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, r.retransmits, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 300000U);

	/* linear: the first two expiries count but do not double */
	cnet_rto_init(&r);
	cnet_rto_on_timeout(&r, 2);
	cnet_rto_on_timeout(&r, 2);
	KUNIT_EXPECT_EQ(test, r.retransmits, 2);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 1000000U);
	cnet_rto_on_timeout(&r, 2);
	KUNIT_EXPECT_EQ(test, r.backoff, 1);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 2000000U);

	/* before any sample: 1, 2, 4 ... 64 s, then 120 s */
	cnet_rto_init(&r);
	for (i = 0; i < 7; i++)
		cnet_rto_on_timeout(&r, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 120000000U);
	cnet_rto_init(&r);
	for (i = 0; i < 6; i++)
		cnet_rto_on_timeout(&r, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 64000000U);
}

/* A sample after backoff resets it, and the estimate goes on from the
 * previous one (the expiries do not touch SRTT and RTTVAR).
 */
static void sample_resets_backoff(struct kunit *test)
{
	struct cnet_rto r;

	cnet_rto_init(&r);
	cnet_rto_sample(&r, 100000);
	cnet_rto_on_timeout(&r, 0);
	cnet_rto_on_timeout(&r, 0);
	cnet_rto_on_timeout(&r, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 2400000U);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 100000U);

	cnet_rto_sample(&r, 200000);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 112500U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 62500U);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 362500U);
}

/* RFC 6298 5.7: a retransmitted SYN and no sample: data starts at 3 s */
static void syn_fallback(struct kunit *test)
{
	struct cnet_rto r;

	cnet_rto_init(&r);
	cnet_rto_on_timeout(&r, 0);		/* the SYN was resent */
	cnet_rto_established(&r, true);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 3000000U);
	/* the first sample replaces it */
	cnet_rto_sample(&r, 100000);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 300000U);

	/* the SYN was not resent: 1 s */
	cnet_rto_init(&r);
	cnet_rto_established(&r, false);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 1000000U);

	/* resent but sampled (e.g. from the reply to the first SYN) */
	cnet_rto_init(&r);
	cnet_rto_sample(&r, 100000);
	cnet_rto_on_timeout(&r, 0);
	cnet_rto_established(&r, true);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 300000U);
}

/*
 * A fake clock drives a connection attempt that is never answered, then
 * one that is: the timer fires at 1, 2, 3, 4 and 5 s, then at 7, 11, 19,
 * 35 and 67 s (Linux 6.12's SYN schedule: four linear timeouts, then
 * doubling); the ACK of a retransmitted segment gives no sample (Karn), a
 * fresh segment's does and ends the backoff.
 */
static void fake_clock_schedule(struct kunit *test)
{
	static const u64 fires_at[] = {
		1000000, 2000000, 3000000, 4000000, 5000000,
		7000000, 11000000, 19000000, 35000000, 67000000,
	};
	struct cnet_rto r;
	u64 now = 0, sent;
	unsigned int i;

	cnet_rto_init(&r);
	for (i = 0; i < ARRAY_SIZE(fires_at); i++) {
		now += cnet_rto_timeout_us(&r);		/* the timer fires */
		KUNIT_EXPECT_EQ(test, now, fires_at[i]);
		cnet_rto_on_timeout(&r, CNET_TCP_SYN_LINEAR_TIMEOUTS);
	}
	KUNIT_EXPECT_EQ(test, r.retransmits, 10);
	KUNIT_EXPECT_EQ(test, r.backoff, 6);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 64000000U);

	/* the 10th retransmission is answered 80 ms later: Karn, no sample */
	now += 80000;
	cnet_rto_established(&r, true);
	KUNIT_EXPECT_EQ(test, r.retransmits, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 3000000U);

	/* new data, answered after 120 ms: the first sample */
	sent = now;
	now += 120000;
	cnet_rto_sample(&r, now - sent);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 120000U);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 360000U);

	/* lost: fires at +360 ms, +720 ms; the resend's ACK: no sample */
	sent = now;
	now += cnet_rto_timeout_us(&r);
	cnet_rto_on_timeout(&r, 0);
	now += cnet_rto_timeout_us(&r);
	cnet_rto_on_timeout(&r, 0);
	KUNIT_EXPECT_EQ(test, now - sent, 360000ULL + 720000ULL);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 1440000U);
	/* the next fresh segment's sample ends the backoff */
	cnet_rto_sample(&r, 120000);
	KUNIT_EXPECT_EQ(test, r.backoff, 0);
	KUNIT_EXPECT_EQ(test, cnet_rto_timeout_us(&r), 120000U + 4 * 45000U);
}

static struct kunit_case cnet_tcp_rto_cases[] = {
	KUNIT_CASE(before_any_sample),
	KUNIT_CASE(first_sample),
	KUNIT_CASE(later_samples),
	KUNIT_CASE(steady_rtt_floor),
	KUNIT_CASE(floor_and_ceiling),
	KUNIT_CASE(backoff),
	KUNIT_CASE(sample_resets_backoff),
	KUNIT_CASE(syn_fallback),
	KUNIT_CASE(fake_clock_schedule),
	{}
};

static struct kunit_suite cnet_tcp_rto_suite = {
	.name = "cnet_tcp_rto",
	.test_cases = cnet_tcp_rto_cases,
};

kunit_test_suite(cnet_tcp_rto_suite);
