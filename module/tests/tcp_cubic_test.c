// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for CUBIC (RFC 9438) and HyStart++ (RFC 9406), tcp_cubic.c:
 * a sender that sends a window per round and takes its ACKs one SMSS at a
 * time, with a fake clock that moves by RTT / (segments in the round) per
 * ACK and an RTT sample on each. The cases check K and the curve to the
 * byte, beta and fast convergence on a loss, the concave then convex
 * growth around W_max, the Reno-friendly region at a small RTT, and
 * HyStart++'s exit to CSS on an RTT increase, its false exit back to slow
 * start, and its end in congestion avoidance after CSS_ROUNDS.
 */
#include <kunit/test.h>

#include "../tcp_cong.h"
#include "../tcp_seq.h"

#define MSS	1000U
#define ISS1	0xfff00000U	/* the windows cross the wrap */

struct sim {
	struct cnet_tcp_cc cc;
	u32 una;
	u32 nxt;
	u64 now;
};

static void sim_init(struct sim *s)
{
	s->una = ISS1;
	s->nxt = ISS1;
	s->now = 5000000;
	cnet_tcp_cc_init_ops(&s->cc, MSS, ISS1, &cnet_tcp_cubic);
}

static u32 sim_ack_rtt(struct sim *s, u32 ack, bool dup, u32 rtt)
{
	struct cnet_tcp_cc_ack a = {
		.ack		= ack,
		.snd_una	= s->una,
		.snd_nxt	= s->nxt,
		.dup		= dup,
		.now_us		= s->now,
		.rtt_us		= rtt,
	};
	u32 act;

	a.flight = s->nxt - (cnet_seq_after(ack, s->una) ? ack : s->una);
	act = cnet_tcp_cc_on_ack(&s->cc, &a);
	s->una = cnet_seq_max(s->una, ack);
	return act;
}

/*
 * One round: send what the window allows, then ACK it one SMSS at a time
 * over @rtt microseconds, each ACK with an RTT sample of @rtt.
 */
static void sim_round(struct sim *s, u32 rtt)
{
	u32 n, i;

	s->nxt = s->una + cnet_tcp_cc_send_window(&s->cc);
	n = (s->nxt - s->una) / MSS;
	for (i = 0; i < n; i++) {
		s->now += rtt / n;
		sim_ack_rtt(s, s->una + MSS, false, rtt);
	}
}

/*
 * A loss: three duplicates; recovery sends ssthresh more; the full ACK
 * leaves that in flight, so cwnd = ssthresh.
 */
static void sim_loss(struct sim *s)
{
	u32 recover;
	int i;

	s->nxt = s->una + s->cc.cwnd;
	recover = s->nxt;
	for (i = 0; i < 3; i++)
		sim_ack_rtt(s, s->una, true, 0);
	KUNIT_ASSERT_TRUE(current->kunit_test, s->cc.in_recovery);
	s->nxt += s->cc.ssthresh;
	sim_ack_rtt(s, recover, false, 0);
	KUNIT_ASSERT_FALSE(current->kunit_test, s->cc.in_recovery);
	KUNIT_ASSERT_EQ(current->kunit_test, s->cc.cwnd, s->cc.ssthresh);
	s->nxt = s->una;	/* sim_round() sends again */
}

/* Leave slow start with cwnd = ssthresh = @segs SMSS, no loss yet. */
static void sim_ca_at(struct sim *s, u32 segs)
{
	s->cc.cwnd = segs * MSS;
	s->cc.ssthresh = segs * MSS;
}

static void find_cubic(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, cnet_tcp_cong_find("cubic"), &cnet_tcp_cubic);
	KUNIT_EXPECT_PTR_EQ(test, cnet_tcp_cong_find("reno"), &cnet_tcp_reno);
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("cubi"));
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("cubicc"));
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("CUBIC"));
	KUNIT_EXPECT_STREQ(test, cnet_tcp_cubic.name, "cubic");
}

/* K = cbrt((W_max - cwnd_epoch) / C), C = 0.4, in 2^-10 s */
static void k_value(struct kunit *test)
{
	/* 30 SMSS to regain: cbrt(75) = 4.2172 s */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_k(30 * MSS, MSS), 4318U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_k(30 * 1460, 1460), 4318U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_k(0, MSS), 0U);
	/* 100 SMSS: cbrt(250) = 6.2996 s */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_k(146000, 1460), 6450U);
	/* the largest window over the smallest SMSS does not overflow */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_k(CNET_TCP_CWND_MAX, 1), 1423136U);
}

/* W_cubic(t) = C (t - K)^3 + W_max, bytes */
static void curve(struct kunit *test)
{
	u32 k = cnet_tcp_cubic_k(30 * MSS, MSS);

	/* W_cubic(0) = cwnd_epoch (70 SMSS; K's rounding: 9 bytes) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(100000, k, 0, MSS), 70009U);
	/* concave: 1 s in, 2/3 of the way back */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(100000, k, 1000000, MSS),
			86686U);
	/* the plateau at t = K */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(100000, k, 4217000, MSS),
			100000U);
	/* convex: K + 1 s is C = 0.4 SMSS above W_max */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(100000, k, 5217000, MSS),
			100399U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(100000, k, 10000000, MSS),
			177368U);
	/* bounded either way */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(1000, 1U << 20, 0, MSS), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w(100000, 0, U64_MAX, MSS),
			CNET_TCP_CWND_MAX);
}

/* RFC 9438 4.6: ssthresh = 0.7 FlightSize, W_max = cwnd */
static void beta_on_loss(struct kunit *test)
{
	struct sim s;

	sim_init(&s);
	sim_ca_at(&s, 100);
	s.nxt = s.una + 100 * MSS;
	sim_ack_rtt(&s, s.una, true, 0);
	sim_ack_rtt(&s, s.una, true, 0);
	KUNIT_EXPECT_EQ(test, sim_ack_rtt(&s, s.una, true, 0),
			CNET_TCP_CC_RETRANSMIT_HEAD |
			CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 70 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 73 * MSS);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w_max(&s.cc), 100 * MSS);

	/* a timeout: the same beta, cwnd one SMSS */
	sim_init(&s);
	sim_ca_at(&s, 50);
	s.nxt = s.una + 40 * MSS;
	cnet_tcp_cc_on_rto(&s.cc, 40 * MSS, s.nxt);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 28 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, MSS);

	/* never below 2 SMSS */
	sim_init(&s);
	s.nxt = s.una + 2 * MSS;
	cnet_tcp_cc_on_rto(&s.cc, 2 * MSS, s.nxt);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 2 * MSS);
}

/* W_max, read back through the curve's plateau of the next epoch */
static u32 plateau_after(struct sim *s)
{
	sim_round(s, 100000);
	return cnet_tcp_cubic_origin(&s->cc);
}

/*
 * RFC 9438 4.7: a loss below the last W_max leaves W_max at
 * cwnd (1 + beta) / 2; one at or above it, at cwnd.
 */
static void fast_convergence(struct kunit *test)
{
	struct sim s;

	sim_init(&s);
	sim_ca_at(&s, 100);
	sim_loss(&s);				/* W_max = 100 SMSS */
	KUNIT_EXPECT_EQ(test, plateau_after(&s), 100 * MSS);

	s.cc.cwnd = 80 * MSS;			/* below W_max */
	sim_loss(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 56 * MSS);
	KUNIT_EXPECT_EQ(test, plateau_after(&s), 68 * MSS);	/* 80 * 0.85 */

	s.cc.cwnd = 90 * MSS;			/* above W_max */
	sim_loss(&s);
	KUNIT_EXPECT_EQ(test, plateau_after(&s), 90 * MSS);
}

/*
 * After a loss at 100 SMSS with a 100 ms RTT: cwnd climbs fast, slows
 * down near W_max (concave), stays on the plateau around t = K = 4.2 s,
 * then speeds up again (convex) while probing beyond.
 */
static void concave_then_convex(struct kunit *test)
{
	u32 w[80], i, inc_early, inc_plateau, inc_late;
	struct sim s;

	sim_init(&s);
	sim_ca_at(&s, 100);
	sim_loss(&s);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 70 * MSS);
	for (i = 0; i < ARRAY_SIZE(w); i++) {
		sim_round(&s, 100000);
		w[i] = s.cc.cwnd;
	}
	/* t = 1 s: about W_cubic(1.1 s) = 88 SMSS */
	KUNIT_EXPECT_GE(test, w[9], 85 * MSS);
	KUNIT_EXPECT_LE(test, w[9], 90 * MSS);
	/* t = K: within 2 SMSS of W_max */
	KUNIT_EXPECT_GE(test, w[41], 98 * MSS);
	KUNIT_EXPECT_LE(test, w[41], 102 * MSS);
	/* never more than 1.5 cwnd per round, never down */
	for (i = 1; i < ARRAY_SIZE(w); i++) {
		KUNIT_EXPECT_GE(test, w[i], w[i - 1]);
		KUNIT_EXPECT_LE(test, w[i], w[i - 1] + w[i - 1] / 2);
	}
	inc_early = w[5] - w[0];
	inc_plateau = w[45] - w[40];
	inc_late = w[79] - w[74];
	KUNIT_EXPECT_GT(test, inc_early, 3 * inc_plateau);	/* concave */
	KUNIT_EXPECT_GT(test, inc_late, 3 * inc_plateau);	/* convex */
	/* t = 8 s: W_cubic(8.1 s) = 100 + 0.4 * 3.9^3 = 123 SMSS */
	KUNIT_EXPECT_GE(test, w[79], 118 * MSS);
	KUNIT_EXPECT_LE(test, w[79], 126 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 70 * MSS);
}

/*
 * RFC 9438 4.3: at a 1 ms RTT the curve barely moves in 20 rounds
 * (20 ms): the Reno-friendly estimate leads, 9/17 SMSS per round up to
 * cwnd_prior, then 1 SMSS per round. At 100 ms the same 20 rounds are 2 s
 * along the curve, far above Reno.
 */
static void reno_friendly(struct kunit *test)
{
	struct sim s;
	u32 i;

	sim_init(&s);
	sim_ca_at(&s, 20);
	sim_loss(&s);				/* 14 SMSS, W_max 20 */
	for (i = 0; i < 10; i++)
		sim_round(&s, 1000);
	/* 14 + 10 * 9/17 = 19.3 (W_cubic(10 ms) = 14.0) */
	KUNIT_EXPECT_GE(test, s.cc.cwnd, 19 * MSS);
	KUNIT_EXPECT_LE(test, s.cc.cwnd, 20 * MSS);
	for (i = 0; i < 10; i++)
		sim_round(&s, 1000);
	/* 20 after 1.3 more rounds, then alpha = 1: 28.7 */
	KUNIT_EXPECT_GE(test, s.cc.cwnd, 28 * MSS);
	KUNIT_EXPECT_LE(test, s.cc.cwnd, 30 * MSS);

	/* 1000 SMSS, lost: 700; K = cbrt(750) = 9.1 s */
	sim_init(&s);
	sim_ca_at(&s, 1000);
	sim_loss(&s);
	for (i = 0; i < 20; i++)
		sim_round(&s, 1000);
	/* Reno: 700 + 20 * 9/17 = 710.6; W_cubic(20 ms) = 701.5 */
	KUNIT_EXPECT_GE(test, s.cc.cwnd, 710 * MSS);
	KUNIT_EXPECT_LE(test, s.cc.cwnd, 712 * MSS);

	sim_init(&s);
	sim_ca_at(&s, 1000);
	sim_loss(&s);
	for (i = 0; i < 20; i++)
		sim_round(&s, 100000);
	/* W_cubic(2.1 s) = 1000 - 0.4 * 7^3 = 863 */
	KUNIT_EXPECT_GE(test, s.cc.cwnd, 850 * MSS);
	KUNIT_EXPECT_LE(test, s.cc.cwnd, 870 * MSS);
}

/* Idle time is no part of t: the epoch moves by it. */
static void idle_moves_epoch(struct kunit *test)
{
	struct sim s;
	u32 before;

	sim_init(&s);
	sim_ca_at(&s, 100);
	sim_loss(&s);
	sim_round(&s, 100000);
	before = s.cc.cwnd;
	cnet_tcp_cc_after_idle(&s.cc, 10000000, 0);
	s.now += 10000000;
	sim_round(&s, 100000);
	/* as one more round, not 10 s further along the curve */
	KUNIT_EXPECT_LE(test, s.cc.cwnd, before + 3 * MSS);
}

/* Slow start at 10 ms for @n rounds */
static void ss_rounds(struct sim *s, u32 n, u32 rtt)
{
	while (n--)
		sim_round(s, rtt);
}

/*
 * RFC 9406: the RTT rises by more than clamp(10 ms / 8, 4, 16) = 4 ms:
 * CSS, a quarter of slow start's growth; after 5 rounds of CSS,
 * congestion avoidance with ssthresh = cwnd.
 */
static void hystart_exit(struct kunit *test)
{
	u32 cwnd, i;
	struct sim s;

	sim_init(&s);
	ss_rounds(&s, 3, 10000);		/* 10 -> 80 SMSS */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 80 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);

	/* 3.9 ms more is not enough */
	sim_round(&s, 13900);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 160 * MSS);

	/* 4 ms more than the last round's minimum: after 8 samples, CSS */
	cwnd = s.cc.cwnd;
	sim_round(&s, 17900);
	/* 7 ACKs of slow start, then the 8th sample and 152 more at 1/4 */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, cwnd + 7 * MSS + 153 * MSS / 4);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);

	for (i = 0; i < 4; i++) {
		cwnd = s.cc.cwnd;
		sim_round(&s, 17900);
		KUNIT_EXPECT_EQ(test, s.cc.cwnd, cwnd + (cwnd / MSS) * MSS / 4);
		KUNIT_EXPECT_EQ(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);
	}
	/* 5 rounds of CSS are over (the first one partly): avoidance */
	sim_round(&s, 17900);
	KUNIT_EXPECT_NE(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);
	KUNIT_EXPECT_GE(test, s.cc.cwnd, s.cc.ssthresh);
	KUNIT_EXPECT_LE(test, s.cc.cwnd, s.cc.ssthresh + 2 * MSS);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);

	/* a steady RTT: slow start never ends by itself */
	sim_init(&s);
	ss_rounds(&s, 8, 10000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2560 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);
}

/* In CSS, an RTT back below the baseline: a false exit, slow start again. */
static void hystart_false_exit(struct kunit *test)
{
	struct sim s;
	u32 cwnd;

	sim_init(&s);
	ss_rounds(&s, 4, 10000);
	sim_round(&s, 20000);			/* CSS */
	cwnd = s.cc.cwnd;
	sim_round(&s, 20000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, cwnd + (cwnd / MSS) * MSS / 4);

	/* the RTT falls back: after 8 samples, slow start */
	cwnd = s.cc.cwnd;
	sim_round(&s, 10000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd,
			cwnd + 7 * MSS / 4 + (cwnd / MSS - 7) * MSS);
	cwnd = s.cc.cwnd;
	sim_round(&s, 10000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, cwnd + (cwnd / MSS) * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);
}

/* A loss ends HyStart++: the next slow start is standard. */
static void hystart_off_after_loss(struct kunit *test)
{
	struct sim s;

	sim_init(&s);
	ss_rounds(&s, 2, 10000);		/* 40 SMSS */
	sim_loss(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 28 * MSS);
	s.nxt = s.una + MSS;
	cnet_tcp_cc_on_rto(&s.cc, MSS, s.nxt);
	sim_ack_rtt(&s, s.nxt, false, 10000);
	s.cc.ssthresh = 1000 * MSS;
	ss_rounds(&s, 2, 10000);
	ss_rounds(&s, 3, 30000);		/* no CSS */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 64 * MSS);
}

/* TCP_CONGESTION under way: the windows stay, the algorithm starts afresh. */
static void switch_algorithm(struct kunit *test)
{
	struct sim s;

	sim_init(&s);
	sim_ca_at(&s, 100);
	sim_loss(&s);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w_max(&s.cc), 100 * MSS);
	cnet_tcp_cc_set_ops(&s.cc, &cnet_tcp_reno);
	KUNIT_EXPECT_PTR_EQ(test, s.cc.ops, &cnet_tcp_reno);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 70 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 70 * MSS);
	sim_round(&s, 100000);			/* Reno: one SMSS */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 71 * MSS);

	cnet_tcp_cc_set_ops(&s.cc, &cnet_tcp_cubic);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 71 * MSS);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_w_max(&s.cc), 0U);
	/* the same algorithm again changes nothing */
	sim_round(&s, 100000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_origin(&s.cc), 71 * MSS);
	cnet_tcp_cc_set_ops(&s.cc, &cnet_tcp_cubic);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cubic_origin(&s.cc), 71 * MSS);
}

static struct kunit_case cnet_tcp_cubic_cases[] = {
	KUNIT_CASE(find_cubic),
	KUNIT_CASE(k_value),
	KUNIT_CASE(curve),
	KUNIT_CASE(beta_on_loss),
	KUNIT_CASE(fast_convergence),
	KUNIT_CASE(concave_then_convex),
	KUNIT_CASE(reno_friendly),
	KUNIT_CASE(idle_moves_epoch),
	KUNIT_CASE(hystart_exit),
	KUNIT_CASE(hystart_false_exit),
	KUNIT_CASE(hystart_off_after_loss),
	KUNIT_CASE(switch_algorithm),
	{}
};

static struct kunit_suite cnet_tcp_cubic_suite = {
	.name = "cnet_tcp_cubic",
	.test_cases = cnet_tcp_cubic_cases,
};

kunit_test_suite(cnet_tcp_cubic_suite);
