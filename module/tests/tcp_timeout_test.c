// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for tcp_timeout.h with a fake clock (ticks as ms here):
 * keepalive idle/probe/abort and its boundaries (exactly at idle, the
 * last probe, a user timeout shorter than keepalive's), the retransmission
 * model (924.6 s for 15 retries), user timeout and its clamp, orphan
 * retries, zero-window probes (answered ones never end it, unanswered
 * ones and the user timeout do), TCP_DEFER_ACCEPT's conversions and
 * SYN-ACK decisions, and a clock that wraps past 2^32.
 */
#include <kunit/test.h>

#include "../tcp_timeout.h"

#define S(x)	((x) * 1000U)

static const struct cnet_tcp_ka ka_small = {
	.idle = S(1), .intvl = S(1), .probes = 2,
};

static void keepalive_idle(struct kunit *test)
{
	u32 next = 0;

	/* quiet for less than idle: wait the rest */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, 10400, 10000, 0,
						 false, &next),
			CNET_TCP_TO_WAIT);
	KUNIT_EXPECT_EQ(test, next, 600U);
	/* exactly at idle: the first probe, the next in intvl */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, 11000, 10000, 0,
						 false, &next),
			CNET_TCP_TO_PROBE);
	KUNIT_EXPECT_EQ(test, next, S(1));
	/* one tick before: still waiting */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, 10999, 10000, 0,
						 false, &next),
			CNET_TCP_TO_WAIT);
	KUNIT_EXPECT_EQ(test, next, 1U);
	/* data in flight: the retransmission timer watches, not this */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, 99000, 10000, 5,
						 true, &next),
			CNET_TCP_TO_WAIT);
	KUNIT_EXPECT_EQ(test, next, S(1));
}

/* a vanished peer: idle 1, intvl 1, cnt 2 ends at 3 s */
static void keepalive_vanished_peer(struct kunit *test)
{
	u32 now = 0, probes = 0, next;
	enum cnet_tcp_to_act a;

	for (;;) {
		a = cnet_tcp_keepalive(&ka_small, now, 0, probes, false, &next);
		if (a == CNET_TCP_TO_ABORT)
			break;
		if (a == CNET_TCP_TO_PROBE)
			probes++;
		KUNIT_ASSERT_GT(test, next, 0U);
		now += next;
		KUNIT_ASSERT_LT(test, now, S(100));
	}
	KUNIT_EXPECT_EQ(test, probes, 2U);
	KUNIT_EXPECT_EQ(test, now, S(3));
}

/* an answer resets the count (the caller) and the quiet time */
static void keepalive_live_peer(struct kunit *test)
{
	u32 next;

	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, S(2), S(1), 1,
						 false, &next),
			CNET_TCP_TO_PROBE);
	/* answered at 2.1 s: probes_out back to 0, quiet again */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, S(3), 2100, 0,
						 false, &next),
			CNET_TCP_TO_WAIT);
	KUNIT_EXPECT_EQ(test, next, 100U);
	/* never ends while answered: 1000 rounds */
	{
		u32 now = 0, last = 0, i;

		for (i = 0; i < 1000; i++) {
			KUNIT_ASSERT_NE(test,
					cnet_tcp_keepalive(&ka_small, now, last,
							   0, false, &next),
					CNET_TCP_TO_ABORT);
			now += next;
			last = now - 1;	/* answered at once */
		}
	}
}

/* TCP_USER_TIMEOUT shorter than keepalive's probes decides instead */
static void keepalive_user_timeout(struct kunit *test)
{
	struct cnet_tcp_ka ka = {
		.idle = S(10), .intvl = S(10), .probes = 9,
		.user_timeout = S(15),
	};
	u32 next;

	/* at idle: a probe even though the user timeout is near */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka, S(10), 0, 0, false,
						 &next),
			CNET_TCP_TO_PROBE);
	/* past the user timeout but no probe out yet: probe */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka, S(16), 0, 0, false,
						 &next),
			CNET_TCP_TO_PROBE);
	/* exactly at it with one unanswered: the end, before KEEPCNT */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka, S(15), 0, 1, false,
						 &next),
			CNET_TCP_TO_ABORT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka, S(15) - 1, 0, 1, false,
						 &next),
			CNET_TCP_TO_PROBE);
	/* with the user timeout, KEEPCNT does not count */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka, S(12), 0, 50, false,
						 &next),
			CNET_TCP_TO_PROBE);
}

/* Linux's numbers: 15 retries from 200 ms take 924.6 s */
static void model_timeout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_model_timeout(15, 200, 120000), 924600U);
	/* before the ceiling: 200 * (2^4 - 1) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_model_timeout(3, 200, 120000), 3000U);
	/* 8 (orphan): 200 * 511 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_model_timeout(8, 200, 120000), 102200U);
	/* SYN: 6 from 1 s = 127 s */
	KUNIT_EXPECT_EQ(test, cnet_tcp_model_timeout(6, 1000, 120000), 127000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_model_timeout(0, 200, 120000), 200U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_model_timeout(3, 0, 120000), 0U);
}

static void write_timeout(struct kunit *test)
{
	struct cnet_tcp_wto w = {
		.start = 5000, .retransmits = 3, .boundary = 15,
		.rto_base = 200, .rto_max = 120000,
	};

	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, 5000 + 924599));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, 5000 + 924600));
	/* nothing retransmitted: never */
	w.retransmits = 0;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, 5000 + S(5000)));
	/* the user timeout replaces the model, shorter or longer */
	w.retransmits = 1;
	w.user_timeout = S(3);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, 5000 + S(3) - 1));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, 5000 + S(3)));
	w.user_timeout = S(2000);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, 5000 + 924600));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, 5000 + S(2000)));
	/* SYN: the count */
	w = (struct cnet_tcp_wto){ .start = 0, .retransmits = 6, .boundary = 6,
				   .rto_base = S(1), .rto_max = 120000,
				   .syn = true };
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, S(10)));
	w.retransmits = 5;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, S(10)));
	/* TCP_SYNCNT 1: one retransmission */
	w.boundary = 1;
	w.retransmits = 1;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, S(3)));
	/*
	 * SYN-SENT's linear timeouts add to the count, not to the time:
	 * TCP_SYNCNT 1 sends at 0, 1 and 2 s and ends at 3 s (the model's
	 * 1 + 2 s); TCP_SYNCNT 6 ends at its 10th retransmission, 131 s.
	 */
	w.syn_linear = 4;
	w.retransmits = 2;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, S(2)));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, S(3) - 1));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, S(3)));
	w.boundary = 6;
	w.retransmits = 9;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, S(67)));
	w.retransmits = 10;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, S(67)));
}

static void clamp_rto(struct kunit *test)
{
	/* no user timeout, or nothing retransmitted: the RTO */
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(800, 100, 0, S(1)), 800U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(800, 100, 50, 0), 800U);
	/* 1 s user timeout, 600 ms gone: 400 left < 800 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(800, 700, 100, S(1)), 400U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(200, 700, 100, S(1)), 200U);
	/* passed: at once */
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(800, 1100, 100, S(1)), 1U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(800, 9100, 100, S(1)), 1U);
}

static void orphan_retries(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_orphan_retries(0, false, true), 8U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_orphan_retries(0, false, false), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_orphan_retries(3, false, true), 3U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_orphan_retries(3, true, false), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_orphan_retries(3, true, true), 3U);
}

static void probe0(struct kunit *test)
{
	struct cnet_tcp_probe0 p = { .max_probes = 15 };

	/* the first probe stamps the start */
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 700), CNET_TCP_TO_PROBE);
	KUNIT_EXPECT_EQ(test, p.tstamp, 700U);
	/* answered probes (the caller zeroes probes_out): never ends */
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 700 + S(100000)),
			CNET_TCP_TO_PROBE);
	/* 15 unanswered: the end */
	p.probes_out = 14;
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, S(1)), CNET_TCP_TO_PROBE);
	p.probes_out = 15;
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, S(1)), CNET_TCP_TO_ABORT);
	/* a user timeout: from the first probe, answered or not */
	p = (struct cnet_tcp_probe0){ .max_probes = 15, .user_timeout = S(5),
				      .tstamp = 1000 };
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 1000 + S(5) - 1),
			CNET_TCP_TO_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 1000 + S(5)),
			CNET_TCP_TO_ABORT);
	/* an orphan: 8 while alive; none once dead with an ICMP error */
	p = (struct cnet_tcp_probe0){ .max_probes = 15, .orphan = true,
				      .alive = true, .tstamp = 1,
				      .probes_out = 8 };
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 2), CNET_TCP_TO_ABORT);
	p.probes_out = 7;
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 2), CNET_TCP_TO_PROBE);
	p.alive = false;
	p.orphan_setting = 4;
	p.backoff = 4;
	p.probes_out = 0;
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, 2), CNET_TCP_TO_ABORT);
}

static void probe0_when(struct kunit *test)
{
	/* doubling from the RTO, floor 200 ms, ceiling 120 s */
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_when(300, 0, 200, 120000), 300U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_when(100, 0, 200, 120000), 200U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_when(200, 3, 200, 120000), 1600U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_when(200, 10, 200, 120000),
			120000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_when(200, 255, 200, 120000),
			120000U);
	/* clamped to what is left of the user timeout, at least the floor */
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_probe0(1600, 4000, 1000, S(4), 2),
			1000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_probe0(1600, 5500, 1000, S(4), 2),
			2U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_probe0(1600, 5500, 0, S(4), 2),
			1600U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_probe0(1600, 5500, 1000, 0, 2),
			1600U);
}

/* a clock about to wrap: the same answers across 2^32 */
static void clock_wraps(struct kunit *test)
{
	u32 last = 0xffffff00U, next;
	struct cnet_tcp_wto w = {
		.start = 0xfffffc00U, .retransmits = 2, .boundary = 15,
		.rto_base = 200, .rto_max = 120000, .user_timeout = S(1),
	};
	struct cnet_tcp_probe0 p = { .max_probes = 15, .user_timeout = S(1),
				     .tstamp = 0xfffffe00U };

	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, last + 999, last, 0,
						 false, &next),
			CNET_TCP_TO_WAIT);
	KUNIT_EXPECT_EQ(test, next, 1U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, last + 1000, last,
						 0, false, &next),
			CNET_TCP_TO_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, last + 3000, last,
						 2, false, &next),
			CNET_TCP_TO_ABORT);
	/* a stamp "in the future" counts as just now */
	KUNIT_EXPECT_EQ(test, cnet_tcp_keepalive(&ka_small, last - 5, last, 0,
						 false, &next),
			CNET_TCP_TO_WAIT);
	KUNIT_EXPECT_EQ(test, next, S(1));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_write_timed_out(&w, w.start + 999));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_write_timed_out(&w, w.start + 1000));
	KUNIT_EXPECT_EQ(test, cnet_tcp_clamp_rto(800, w.start + 700, w.start,
						 S(1)), 300U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, p.tstamp + 999),
			CNET_TCP_TO_PROBE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_probe0_verdict(&p, p.tstamp + 1000),
			CNET_TCP_TO_ABORT);
}

static void fin_time(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_fin_time(S(60), 200), S(60));
	/* 3.5 RTO at least */
	KUNIT_EXPECT_EQ(test, cnet_tcp_fin_time(S(1), 1000), 3500U);
}

/* Linux's secs_to_retrans()/retrans_to_secs() from 1 s up to 120 s */
static void defer_accept_conversion(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(0, 1, 120), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(-5, 1, 120), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(1, 1, 120), 1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(2, 1, 120), 2);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(3, 1, 120), 2);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(5, 1, 120), 3);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(7, 1, 120), 3);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(8, 1, 120), 4);
	KUNIT_EXPECT_EQ(test, cnet_tcp_secs_to_retrans(INT_MAX, 1, 120), 255);
	KUNIT_EXPECT_EQ(test, cnet_tcp_retrans_to_secs(0, 1, 120), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_retrans_to_secs(1, 1, 120), 1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_retrans_to_secs(3, 1, 120), 7);
	/* 1 + 2 + ... + 64 = 127, then 120 twice */
	KUNIT_EXPECT_EQ(test, cnet_tcp_retrans_to_secs(9, 1, 120), 367);
	/* what the user reads back rounds up to whole timeouts */
	KUNIT_EXPECT_EQ(test, cnet_tcp_retrans_to_secs(cnet_tcp_secs_to_retrans(5, 1, 120),
						       1, 120), 7);
}

static void defer_accept_synack(struct kunit *test)
{
	bool expire, resend;

	/* no deferring: resend each time, expire at the limit */
	cnet_tcp_synack_recalc(0, 5, 0, true, &expire, &resend);
	KUNIT_EXPECT_FALSE(test, expire);
	KUNIT_EXPECT_TRUE(test, resend);
	cnet_tcp_synack_recalc(5, 5, 0, true, &expire, &resend);
	KUNIT_EXPECT_TRUE(test, expire);
	/* deferring 3, acked: quiet, then the SYN-ACK at the last one */
	cnet_tcp_synack_recalc(0, 5, 3, true, &expire, &resend);
	KUNIT_EXPECT_FALSE(test, expire);
	KUNIT_EXPECT_FALSE(test, resend);
	cnet_tcp_synack_recalc(1, 5, 3, true, &expire, &resend);
	KUNIT_EXPECT_FALSE(test, resend);
	cnet_tcp_synack_recalc(2, 5, 3, true, &expire, &resend);
	KUNIT_EXPECT_TRUE(test, resend);
	KUNIT_EXPECT_FALSE(test, expire);
	/* not acked: as without deferring */
	cnet_tcp_synack_recalc(0, 5, 3, false, &expire, &resend);
	KUNIT_EXPECT_TRUE(test, resend);
	cnet_tcp_synack_recalc(5, 5, 3, false, &expire, &resend);
	KUNIT_EXPECT_TRUE(test, expire);
	/* acked, deferring longer than the retries: kept until the end */
	cnet_tcp_synack_recalc(5, 5, 8, true, &expire, &resend);
	KUNIT_EXPECT_FALSE(test, expire);
	cnet_tcp_synack_recalc(8, 5, 8, true, &expire, &resend);
	KUNIT_EXPECT_TRUE(test, expire);
	/* a bare ACK is held while deferring; data is not */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_defer_bare_ack(0, 1, true));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_defer_bare_ack(1, 1, true));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_defer_bare_ack(0, 1, false));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_defer_bare_ack(0, 0, true));
}

static struct kunit_case cnet_tcp_timeout_cases[] = {
	KUNIT_CASE(keepalive_idle),
	KUNIT_CASE(keepalive_vanished_peer),
	KUNIT_CASE(keepalive_live_peer),
	KUNIT_CASE(keepalive_user_timeout),
	KUNIT_CASE(model_timeout),
	KUNIT_CASE(write_timeout),
	KUNIT_CASE(clamp_rto),
	KUNIT_CASE(orphan_retries),
	KUNIT_CASE(probe0),
	KUNIT_CASE(probe0_when),
	KUNIT_CASE(clock_wraps),
	KUNIT_CASE(fin_time),
	KUNIT_CASE(defer_accept_conversion),
	KUNIT_CASE(defer_accept_synack),
	{}
};

static struct kunit_suite cnet_tcp_timeout_suite = {
	.name = "cnet_tcp_timeout",
	.test_cases = cnet_tcp_timeout_cases,
};

kunit_test_suite(cnet_tcp_timeout_suite);
