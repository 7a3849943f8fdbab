// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for congestion control and loss recovery (tcp_cong.h): a
 * small sender model feeds synthetic ACK streams, with sequence numbers
 * that cross the 2^32 wrap, and every case checks cwnd, ssthresh and the
 * returned actions to the byte: initial window, slow start per ACK and per
 * window, the byte-counting limit, congestion avoidance, fast retransmit,
 * inflation, NewReno partial and full ACKs, timeouts in and out of
 * recovery, the "recover" guard, ECE, an SMSS change, tiny flights, and
 * the hooks an algorithm plugs into.
 */
#include <kunit/test.h>

#include "../tcp_cong.h"
#include "../tcp_seq.h"

#define MSS	1000U
/* the first byte of data; the first windows cross the wrap */
#define ISS1	0xffffc000U

/* A sender: snd_una and snd_nxt around the congestion state. */
struct sim {
	struct cnet_tcp_cc cc;
	u32 una;
	u32 nxt;
	u64 now;
};

static void sim_init(struct sim *s, const struct cnet_tcp_cong_ops *ops)
{
	s->una = ISS1;
	s->nxt = ISS1;
	s->now = 1000;
	cnet_tcp_cc_init_ops(&s->cc, MSS, ISS1, ops ? ops : &cnet_tcp_reno);
}

static void sim_send(struct sim *s, u32 bytes)
{
	s->nxt += bytes;
}

/* An ACK for everything below @ack (relative to ISS1) */
static u32 sim_ack_flags(struct sim *s, u32 ack, bool dup, bool ece,
			 bool app_limited)
{
	struct cnet_tcp_cc_ack a = {
		.ack		= ISS1 + ack,
		.snd_una	= s->una,
		.snd_nxt	= s->nxt,
		.dup		= dup,
		.ece		= ece,
		.app_limited	= app_limited,
		.now_us		= s->now++,
	};
	u32 act;

	a.flight = s->nxt - (cnet_seq_after(a.ack, s->una) ? a.ack : s->una);
	act = cnet_tcp_cc_on_ack(&s->cc, &a);
	if (cnet_seq_after(a.ack, s->una))
		s->una = a.ack;
	return act;
}

static u32 sim_ack(struct sim *s, u32 ack)
{
	return sim_ack_flags(s, ack, false, false, false);
}

static u32 sim_dup(struct sim *s)
{
	return sim_ack_flags(s, s->una - ISS1, true, false, false);
}

/* acked bytes so far, relative to ISS1 */
static u32 sim_una(const struct sim *s)
{
	return s->una - ISS1;
}

static void sim_rto(struct sim *s)
{
	cnet_tcp_cc_on_rto(&s->cc, s->nxt - s->una, s->nxt);
}

/* RFC 6928: min(10 * SMSS, max(2 * SMSS, 14600)) */
static void initial_window(struct kunit *test)
{
	struct cnet_tcp_cc cc;

	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_initial_cwnd(1460), 14600U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_initial_cwnd(1000), 10000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_initial_cwnd(536), 5360U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_initial_cwnd(4000), 14600U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_initial_cwnd(9000), 18000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_initial_cwnd(65495), 130990U);

	cnet_tcp_cc_init(&cc, 1460, 12345);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14600U);
	KUNIT_EXPECT_EQ(test, cc.mss, 1460U);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, CNET_TCP_SSTHRESH_INF);
	KUNIT_EXPECT_EQ(test, cc.recover, 12345U);
	KUNIT_EXPECT_EQ(test, cc.ca_acked, 0U);
	KUNIT_EXPECT_EQ(test, cc.dupacks, 0);
	KUNIT_EXPECT_FALSE(test, cc.in_recovery);
	KUNIT_EXPECT_PTR_EQ(test, cc.ops, &cnet_tcp_reno);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_cwnd_segs(&cc), 10U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ssthresh_segs(&cc), 0x7fffffffU);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&cc), CNET_TCP_CA_OPEN);

	cnet_tcp_cc_init(&cc, 4000, 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_cwnd_segs(&cc), 3U);

	/* an SMSS of 0 cannot divide by zero later */
	cnet_tcp_cc_init(&cc, 0, 0);
	KUNIT_EXPECT_EQ(test, cc.mss, 1U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10U);
}

static void find_by_name(struct kunit *test)
{
	KUNIT_EXPECT_PTR_EQ(test, cnet_tcp_cong_find("reno"), &cnet_tcp_reno);
	KUNIT_EXPECT_PTR_EQ(test, cnet_tcp_cong_default(), &cnet_tcp_reno);
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("ren"));
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("renoo"));
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("RENO"));
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find(""));
	KUNIT_EXPECT_NULL(test, cnet_tcp_cong_find("nosuchalgorithm"));
	KUNIT_EXPECT_STREQ(test, cnet_tcp_reno.name, "reno");
}

/* RFC 5681 eq. 2 / RFC 3465: one SMSS per ACK of one SMSS */
static void slow_start_per_ack(struct kunit *test)
{
	struct sim s;
	u32 i;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	for (i = 1; i <= 10; i++) {
		KUNIT_EXPECT_EQ(test, sim_ack(&s, i * MSS), 0U);
		KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U + i * MSS);
	}
	/* one window acknowledged: cwnd doubled */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 20000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 0U);

	/* the next window, with delayed ACKs (2 SMSS each): doubles again */
	sim_send(&s, 20000);
	for (i = 1; i <= 10; i++)
		sim_ack(&s, 10000 + i * 2 * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 40000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_cwnd_segs(&s.cc), 40U);

	/* an ACK of less than an SMSS counts its bytes */
	sim_send(&s, 40000);
	sim_ack(&s, 30000 + 300);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 40300U);
}

/* RFC 3465 2.2: L = 2 * SMSS per ACK, however much it acknowledges */
static void abc_limit(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	sim_ack(&s, 10000);			/* one stretch ACK, 10 SMSS */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 12000U);
	sim_send(&s, 12000);
	sim_ack(&s, 10000 + 2500);		/* 2.5 SMSS: 2 */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 14000U);
	sim_ack(&s, 10000 + 4500);		/* exactly 2 SMSS */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 16000U);
}

/* Slow start stops at ssthresh; the rest of the ACK counts for CA. */
static void slow_start_to_ssthresh(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	s.cc.ssthresh = 11000;
	sim_send(&s, 10000);
	sim_ack(&s, 2000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 11000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 1000U);
	sim_ack(&s, 3000);			/* now in CA */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 11000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 2000U);

	/* the helper leaves a window at or past ssthresh alone */
	s.cc.ssthresh = 5000;
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_slow_start(&s.cc, 1500), 1500U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 11000U);
}

/* RFC 3465 2.1: one SMSS per cwnd of acknowledged bytes */
static void congestion_avoidance(struct kunit *test)
{
	struct sim s;
	u32 i;

	sim_init(&s, NULL);
	s.cc.ssthresh = 10000;			/* cwnd == ssthresh: CA */
	sim_send(&s, 10000);
	for (i = 1; i <= 9; i++)
		sim_ack(&s, i * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 9000U);
	sim_ack(&s, 10000);			/* the window's last byte */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 11000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 0U);

	/* the next window is 11 SMSS: 11 ACKs for the next SMSS */
	sim_send(&s, 11000);
	for (i = 1; i <= 10; i++)
		sim_ack(&s, 10000 + i * MSS);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 11000U);
	sim_ack(&s, 21000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 12000U);

	/* a stretch ACK of two windows and a bit: two SMSS, rest kept */
	sim_send(&s, 30000);
	sim_ack(&s, 21000 + 25000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 14000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 1000U);
}

/* An application-limited flight does not grow cwnd. */
static void app_limited(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 2000);
	KUNIT_EXPECT_EQ(test, sim_ack_flags(&s, 2000, false, false, true), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);
	s.cc.ssthresh = 5000;
	sim_send(&s, 20000);
	sim_ack_flags(&s, 22000, false, false, true);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);
	KUNIT_EXPECT_EQ(test, s.cc.ca_acked, 0U);
}

/* Window updates and old ACKs change nothing. */
static void not_new_not_dup(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	sim_ack(&s, 5000);
	KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 1);
	/* a window update (ack == snd_una, not a duplicate) */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 5000), 0U);
	/* an old ACK */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 4000), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 12000U);	/* from the first ACK */
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 1);
	KUNIT_EXPECT_EQ(test, sim_una(&s), 5000U);
}

/*
 * RFC 5681 3.2: the third duplicate ACK retransmits once and halves;
 * further ones inflate; none retransmits again.
 */
static void fast_retransmit(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 10000);			/* segment 1 is lost */
	KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc),
			CNET_TCP_CA_DISORDER);
	KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, CNET_TCP_SSTHRESH_INF);

	KUNIT_EXPECT_EQ(test, sim_dup(&s), CNET_TCP_CC_RETRANSMIT_HEAD |
					   CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);	/* flight / 2 */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 8000U);	/* + 3 SMSS */
	KUNIT_EXPECT_EQ(test, s.cc.recover, ISS1 + 10000);
	KUNIT_EXPECT_TRUE(test, s.cc.in_recovery);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc),
			CNET_TCP_CA_RECOVERY);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ssthresh_segs(&s.cc), 5U);

	KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 9000U);
	KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 5);

	/* the retransmission fills the only hole: a full ACK */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 10000), CNET_TCP_CC_EXIT_RECOVERY);
	/* min(ssthresh, max(FlightSize 0, SMSS) + SMSS) */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);
	KUNIT_EXPECT_FALSE(test, s.cc.in_recovery);
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);

	/* and slow start back to ssthresh */
	sim_send(&s, 2000);
	sim_ack(&s, 11000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 3000U);
}

/* Two duplicate ACKs then new data: reordering, not loss. */
static void two_dupacks_reordering(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	sim_dup(&s);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 3000), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 12000U);
	/* the count starts over */
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_FALSE(test, s.cc.in_recovery);
}

/* The full ACK deflates to FlightSize + SMSS, or to ssthresh. */
static void full_ack_deflation(struct kunit *test)
{
	struct sim s;
	int i;

	/* 3 SMSS of new data sent during recovery: 4000 */
	sim_init(&s, NULL);
	sim_send(&s, 10000);
	for (i = 0; i < 3; i++)
		sim_dup(&s);
	sim_send(&s, 3000);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 10000), CNET_TCP_CC_EXIT_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 4000U);

	/* 8 SMSS in flight: ssthresh, 5000 */
	sim_init(&s, NULL);
	sim_send(&s, 10000);
	for (i = 0; i < 3; i++)
		sim_dup(&s);
	sim_send(&s, 8000);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 10000), CNET_TCP_CC_EXIT_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 5000U);

	/* an ACK past recover is full too */
	sim_init(&s, NULL);
	sim_send(&s, 10000);
	for (i = 0; i < 3; i++)
		sim_dup(&s);
	sim_send(&s, 3000);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 12000), CNET_TCP_CC_EXIT_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);
}

/*
 * RFC 6582: two losses in one window (segments 1 and 5 of 10): one
 * reduction; the partial ACK retransmits the next hole and stays.
 */
static void partial_ack(struct kunit *test)
{
	struct sim s;
	int i;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	/* segments 2-4 and 6-10 arrive: 8 duplicate ACKs */
	for (i = 0; i < 8; i++)
		sim_dup(&s);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 8000U + 5 * MSS);

	/* the retransmitted 1 arrives: ACK up to the hole at 5 */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 4000), CNET_TCP_CC_RETRANSMIT_HEAD);
	/* 13000 - 4000 acknowledged + 1 SMSS */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);
	KUNIT_EXPECT_TRUE(test, s.cc.in_recovery);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 0);

	/* duplicates after it inflate, but never reduce or resend again */
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 14000U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);

	/* the retransmitted 5 arrives: full ACK */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 10000), CNET_TCP_CC_EXIT_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);
}

/* A partial ACK of less than an SMSS adds nothing back; cwnd >= SMSS. */
static void partial_ack_bounds(struct kunit *test)
{
	struct sim s;
	int i;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	for (i = 0; i < 3; i++)
		sim_dup(&s);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 500), CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 7500U);
	/* a partial ACK of more than cwnd: SMSS + SMSS */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 9500), CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);
	KUNIT_EXPECT_TRUE(test, s.cc.in_recovery);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 9999), CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U - 499U);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 10000), CNET_TCP_CC_EXIT_RECOVERY);
}

/* RFC 5681 3.1: a timeout from Open; L = SMSS in the slow start after it */
static void rto_open(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	sim_ack(&s, 10000);			/* cwnd 12000 */
	sim_send(&s, 12000);
	sim_rto(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 6000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 1000U);
	KUNIT_EXPECT_EQ(test, s.cc.recover, ISS1 + 22000);
	KUNIT_EXPECT_TRUE(test, s.cc.in_loss);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_LOSS);

	/* the timer backs off and fires again: ssthresh is held */
	sim_rto(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 6000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 1000U);

	/*
	 * Slow start after a timeout: one SMSS per ACK at most; each ACK
	 * below recover resends the next hole.
	 */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 12000), CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 15000), CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 3000U);
	KUNIT_EXPECT_TRUE(test, s.cc.in_loss);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 6000U);
	/* recover reached: back to Open, L = 2 SMSS again, no resend */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 22000), 0U);
	KUNIT_EXPECT_FALSE(test, s.cc.in_loss);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 5000U);
	sim_send(&s, 5000);
	sim_ack(&s, 27000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 6000U);	/* at ssthresh */
}

/* A timeout in fast recovery ends it; the window is not reduced twice. */
static void rto_in_recovery(struct kunit *test)
{
	struct sim s;
	int i;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	for (i = 0; i < 4; i++)
		sim_dup(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);
	sim_send(&s, 1000);			/* new data on the inflation */
	sim_rto(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 5000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 1000U);
	KUNIT_EXPECT_FALSE(test, s.cc.in_recovery);
	KUNIT_EXPECT_TRUE(test, s.cc.in_loss);
	KUNIT_EXPECT_EQ(test, s.cc.recover, ISS1 + 11000);
	KUNIT_EXPECT_EQ(test, s.cc.dupacks, 0);
	/* an ACK in Loss is no partial ACK: it grows cwnd, resends */
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 1000), CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);
	KUNIT_EXPECT_FALSE(test, s.cc.in_recovery);
}

/*
 * RFC 6582 "recover": after a timeout, duplicate ACKs below recover come
 * from the go-back-N retransmissions and start no fast retransmit; past
 * recover, a new loss does.
 */
static void recover_guard(struct kunit *test)
{
	struct sim s;
	int i;

	sim_init(&s, NULL);
	sim_send(&s, 20000);
	sim_rto(&s);				/* ssthresh 10000 */
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 10000U);
	sim_ack(&s, 1000);
	sim_ack(&s, 2000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 3000U);
	/* the receiver had 3-5: our resends of them are duplicates */
	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, sim_dup(&s), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 10000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 3000U);
	KUNIT_EXPECT_FALSE(test, s.cc.in_recovery);

	/*
	 * The window is acknowledged: Open again, and this ACK already
	 * grows by L = 2 SMSS. A new loss is fast-retransmitted.
	 */
	sim_ack(&s, 20000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 5000U);
	sim_send(&s, 4000);
	sim_dup(&s);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, sim_dup(&s), CNET_TCP_CC_RETRANSMIT_HEAD |
					   CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 2000U);	/* 4000 / 2 */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 5000U);
}

/* ssthresh never below 2 SMSS (RFC 5681 eq. 4). */
static void small_flight(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	sim_send(&s, 3500);
	sim_ack(&s, 2000);			/* 1500 left in flight */
	sim_dup(&s);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, sim_dup(&s), CNET_TCP_CC_RETRANSMIT_HEAD |
					   CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 2000U);	/* not 750 */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 5000U);
	KUNIT_EXPECT_EQ(test, sim_ack(&s, 3500), CNET_TCP_CC_EXIT_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 2000U);

	/* a timeout with nothing in flight */
	sim_init(&s, NULL);
	sim_rto(&s);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 2000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 1000U);
}

/* RFC 3168 6.1.2: ECE reduces once per window, without a retransmit. */
static void ece_once_per_window(struct kunit *test)
{
	struct sim s;
	int i;

	sim_init(&s, NULL);
	sim_send(&s, 10000);
	KUNIT_EXPECT_EQ(test, sim_ack_flags(&s, 2000, false, true, false),
			CNET_TCP_CC_CWR);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 4000U);	/* 8000 in flight */
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 4000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_CWR);
	/* more ECE in the same window: nothing */
	KUNIT_EXPECT_EQ(test, sim_ack_flags(&s, 3000, false, true, false), 0U);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 4000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 4000U);	/* CA: +0 for now */

	/* a loss in that window: recovery without a second reduction */
	for (i = 0; i < 3; i++)
		sim_ack_flags(&s, 3000, true, true, false);
	KUNIT_EXPECT_TRUE(test, s.cc.in_recovery);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 4000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 7000U);
	sim_ack(&s, 10000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 1000U + MSS);

	/* the next window's ECE reduces again */
	s.cc.cwnd = 8000;
	sim_send(&s, 8000);
	KUNIT_EXPECT_EQ(test, sim_ack_flags(&s, 11000, false, true, false),
			CNET_TCP_CC_CWR);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 3500U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 3500U);
	/* past recover, CWR ends */
	sim_ack(&s, 18000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s.cc), CNET_TCP_CA_OPEN);
}

/* The windows keep their number of segments across an SMSS change. */
static void mss_change(struct kunit *test)
{
	struct cnet_tcp_cc cc;

	cnet_tcp_cc_init(&cc, 1000, 0);
	cc.ssthresh = 5000;
	cc.ca_acked = 500;
	cnet_tcp_cc_set_mss(&cc, 500);
	KUNIT_EXPECT_EQ(test, cc.mss, 500U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 5000U);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 2500U);
	KUNIT_EXPECT_EQ(test, cc.ca_acked, 250U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_cwnd_segs(&cc), 10U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ssthresh_segs(&cc), 5U);

	/* infinite stays infinite */
	cnet_tcp_cc_init(&cc, 1000, 0);
	cnet_tcp_cc_set_mss(&cc, 1460);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14600U);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, CNET_TCP_SSTHRESH_INF);

	/* one segment stays at least one segment */
	cc.cwnd = 1460;
	cnet_tcp_cc_set_mss(&cc, 536);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 536U);
	cc.cwnd = 100;				/* less than one: rounds up */
	cnet_tcp_cc_set_mss(&cc, 1460);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1460U);
	/* the same SMSS: nothing; 0: taken as 1 */
	cnet_tcp_cc_set_mss(&cc, 1460);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1460U);
	cnet_tcp_cc_set_mss(&cc, 0);
	KUNIT_EXPECT_EQ(test, cc.mss, 1U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1U);

	/* growth then uses the new SMSS */
	cnet_tcp_cc_init(&cc, 1000, 0);
	cnet_tcp_cc_set_mss(&cc, 1400);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14000U);
	{
		struct cnet_tcp_cc_ack a = {
			.ack = 5600, .snd_una = 0, .snd_nxt = 14000,
			.flight = 8400,
		};

		cnet_tcp_cc_on_ack(&cc, &a);
	}
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14000U + 2 * 1400U);
}

/* Growth stops at CNET_TCP_CWND_MAX. */
static void cwnd_cap(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	s.cc.cwnd = CNET_TCP_CWND_MAX - 500;
	sim_send(&s, 10000);
	sim_ack(&s, 2000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, CNET_TCP_CWND_MAX);
	sim_ack(&s, 4000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, CNET_TCP_CWND_MAX);
	s.cc.ssthresh = 2000;
	sim_ack(&s, 10000);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, CNET_TCP_CWND_MAX);
}

/* RFC 3042: one new SMSS on each of the first two duplicates */
static void limited_transmit(struct kunit *test)
{
	struct sim s;

	sim_init(&s, NULL);
	s.cc.cwnd = 4000;
	sim_send(&s, 4000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), 4000U);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), 5000U);
	sim_send(&s, 1000);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), 6000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 4000U);
	sim_send(&s, 1000);
	/* 6000 in flight, of which 2000 by limited transmit: halve 4000 */
	KUNIT_EXPECT_EQ(test, sim_dup(&s), CNET_TCP_CC_RETRANSMIT_HEAD |
					   CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 2000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 5000U);
	/* in recovery the inflated cwnd is the window */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), 5000U);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), 6000U);
	sim_ack(&s, 6000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), s.cc.cwnd);

	/* not after a timeout, nor in an ECE's reduction */
	sim_init(&s, NULL);
	sim_send(&s, 10000);
	sim_rto(&s);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), 1000U);
	sim_init(&s, NULL);
	sim_send(&s, 10000);
	sim_ack_flags(&s, 1000, false, true, false);
	sim_dup(&s);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_send_window(&s.cc), s.cc.cwnd);
}

/* RFC 2861 as Linux: halve per RTO idle, down to min(IW, cwnd) */
static void restart_after_idle(struct kunit *test)
{
	struct cnet_tcp_cc cc;

	cnet_tcp_cc_init(&cc, MSS, 0);
	cc.cwnd = 40000;
	cc.ca_acked = 700;
	cnet_tcp_cc_after_idle(&cc, 200000, 200000);	/* not longer */
	KUNIT_EXPECT_EQ(test, cc.cwnd, 40000U);
	KUNIT_EXPECT_EQ(test, cc.ca_acked, 700U);
	cnet_tcp_cc_after_idle(&cc, 200001, 200000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20000U);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, CNET_TCP_SSTHRESH_INF);
	KUNIT_EXPECT_EQ(test, cc.ca_acked, 0U);

	cc.cwnd = 40000;
	cc.ssthresh = 20000;
	cnet_tcp_cc_after_idle(&cc, 450000, 200000);	/* 2.25 RTO */
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 30000U);	/* 3/4 of 40000 */
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10000U);		/* halved twice */

	cc.cwnd = 40000;
	cnet_tcp_cc_after_idle(&cc, 400000, 200000);	/* 2 RTO: once */
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20000U);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 30000U);	/* kept: larger */

	cc.cwnd = 40000;
	cnet_tcp_cc_after_idle(&cc, 100000000, 200000);	/* 100 s */
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10000U);		/* IW */

	/* a window below IW is the restart window itself */
	cc.cwnd = 6000;
	cc.ssthresh = 2000;
	cnet_tcp_cc_after_idle(&cc, 100000000, 200000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 6000U);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 4500U);

	/* an odd window: 25000 / 2 */
	cc.cwnd = 25000;
	cnet_tcp_cc_after_idle(&cc, 300000, 200000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 12500U);

	/* during a reduction ssthresh stays; an RTO of 0 does nothing */
	cc.cwnd = 40000;
	cc.ssthresh = 2000;
	cc.in_loss = true;
	cnet_tcp_cc_after_idle(&cc, 300000, 200000);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 2000U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20000U);
	cnet_tcp_cc_after_idle(&cc, 300000, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20000U);
}

/*
 * A whole transfer over a lossy path: a sender that sends what
 * cnet_tcp_cc_send_window() allows, is clocked by the ACKs of a receiver
 * that acknowledges every segment cumulatively, and resends only the
 * head, when told and when the timer fires (the socket's retransmission
 * queue works so; it never goes back N). A deterministic generator drops
 * segments. Every transfer must complete, end in Open, and keep cwnd and
 * ssthresh in their bounds at every ACK.
 */
#define XFER_SEGS	300

struct xfer {
	struct sim s;
	u8 rcvd[XFER_SEGS];
	u32 rcv_nxt;			/* segments, in order */
	u32 acks[4 * XFER_SEGS];	/* ACK numbers on the way back */
	u32 head, tail;
	u32 rnd;
	u32 loss_pct;
	u32 sent, fast_rtx, rtos, bad;
};

static u32 xfer_rand(struct xfer *x)
{
	x->rnd ^= x->rnd << 13;
	x->rnd ^= x->rnd >> 17;
	x->rnd ^= x->rnd << 5;
	return x->rnd;
}

/* segment @seg leaves the sender; maybe it arrives and is ACKed */
static void xfer_transmit(struct xfer *x, u32 seg)
{
	x->sent++;
	if (xfer_rand(x) % 100 < x->loss_pct)
		return;
	x->rcvd[seg] = 1;
	while (x->rcv_nxt < XFER_SEGS && x->rcvd[x->rcv_nxt])
		x->rcv_nxt++;
	if (x->tail < ARRAY_SIZE(x->acks))
		x->acks[x->tail++] = x->rcv_nxt * MSS;
}

static void xfer_send(struct xfer *x)
{
	struct sim *s = &x->s;

	while (sim_una(s) + cnet_tcp_cc_send_window(&s->cc) >=
	       (s->nxt - ISS1) + MSS && s->nxt - ISS1 < XFER_SEGS * MSS) {
		xfer_transmit(x, (s->nxt - ISS1) / MSS);
		s->nxt += MSS;
	}
}

static void xfer_check(struct xfer *x)
{
	const struct cnet_tcp_cc *cc = &x->s.cc;

	if (cc->cwnd < cc->mss || cc->cwnd > CNET_TCP_CWND_MAX ||
	    cc->ssthresh < 2 * cc->mss)
		x->bad++;
}

static void xfer_run(struct kunit *test, u32 loss_pct)
{
	struct xfer *x = kunit_kzalloc(test, sizeof(*x), GFP_KERNEL);
	struct sim *s;
	int round;

	KUNIT_ASSERT_NOT_NULL(test, x);
	s = &x->s;
	sim_init(s, NULL);
	x->rnd = 0x2545f491;
	x->loss_pct = loss_pct;
	for (round = 0; round < 5000 && sim_una(s) < XFER_SEGS * MSS;
	     round++) {
		u32 before = sim_una(s);

		xfer_send(x);
		while (x->head < x->tail) {
			struct cnet_tcp_cc_ack a = {
				.ack	 = ISS1 + x->acks[x->head++],
				.snd_una = s->una,
				.snd_nxt = s->nxt,
			};
			u32 act;

			if (cnet_seq_before(a.ack, s->una))
				continue;
			a.dup = a.ack == s->una && s->nxt != s->una;
			a.flight = s->nxt - a.ack;
			act = cnet_tcp_cc_on_ack(&s->cc, &a);
			s->una = a.ack;
			xfer_check(x);
			if (act & CNET_TCP_CC_ENTER_RECOVERY)
				x->fast_rtx++;
			if (act & CNET_TCP_CC_RETRANSMIT_HEAD &&
			    sim_una(s) < XFER_SEGS * MSS)
				xfer_transmit(x, sim_una(s) / MSS);
			xfer_send(x);
		}
		x->head = 0;
		x->tail = 0;
		if (sim_una(s) == before && sim_una(s) < XFER_SEGS * MSS) {
			/* nothing came back: the timer fires */
			sim_rto(s);
			xfer_check(x);
			x->rtos++;
			xfer_transmit(x, sim_una(s) / MSS);
		}
	}
	KUNIT_EXPECT_EQ(test, sim_una(s), XFER_SEGS * MSS);
	KUNIT_EXPECT_EQ(test, x->bad, 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&s->cc), CNET_TCP_CA_OPEN);
	kunit_info(test, "loss %u%%: %u sent, %u fast retransmits, %u timeouts, cwnd %u, ssthresh %u\n",
		   loss_pct, x->sent, x->fast_rtx, x->rtos, s->cc.cwnd,
		   s->cc.ssthresh);
	if (!loss_pct) {
		KUNIT_EXPECT_EQ(test, x->sent, XFER_SEGS);
		KUNIT_EXPECT_EQ(test, x->rtos, 0U);
		/* slow start all the way: IW + one SMSS per segment */
		KUNIT_EXPECT_EQ(test, s->cc.cwnd, 10000U + XFER_SEGS * MSS);
	} else {
		KUNIT_EXPECT_GT(test, x->fast_rtx, 0U);
		KUNIT_EXPECT_GT(test, x->sent, XFER_SEGS);
	}
}

static void lossy_transfer(struct kunit *test)
{
	xfer_run(test, 0);
	xfer_run(test, 2);
	xfer_run(test, 10);
	xfer_run(test, 30);
}

/* An algorithm that records what the core asks of it. */
struct fake_log {
	u8 states[8];
	unsigned int nstates;
	int cong_avoid_calls;
	u32 last_acked;
	int inits;
	u32 idle_us;
};

static struct fake_log fake_log;

static void fake_init(struct cnet_tcp_cc *cc)
{
	fake_log.inits++;
	cc->priv[0] = 42;
}

static u32 fake_ssthresh(struct cnet_tcp_cc *cc, u32 flight)
{
	return 3 * cc->mss;
}

static void fake_cong_avoid(struct cnet_tcp_cc *cc, u32 acked,
			    const struct cnet_tcp_cc_ack *a)
{
	fake_log.cong_avoid_calls++;
	fake_log.last_acked = acked;
}

static void fake_set_state(struct cnet_tcp_cc *cc, u8 ca_state)
{
	if (fake_log.nstates < ARRAY_SIZE(fake_log.states))
		fake_log.states[fake_log.nstates++] = ca_state;
}

static void fake_tx_start(struct cnet_tcp_cc *cc, u32 idle_us)
{
	fake_log.idle_us = idle_us;
}

static const struct cnet_tcp_cong_ops fake_ops = {
	.name		= "fake",
	.init		= fake_init,
	.ssthresh	= fake_ssthresh,
	.cong_avoid	= fake_cong_avoid,
	.set_state	= fake_set_state,
	.tx_start	= fake_tx_start,
};

/*
 * What CUBIC will rely on: ->init once, ->ssthresh for the reduction,
 * ->cong_avoid for each new ACK outside recovery only, ->set_state on each
 * change of state and only then, ->tx_start on each restart from idle.
 */
static void algorithm_hooks(struct kunit *test)
{
	struct sim s;
	int i;

	memset(&fake_log, 0, sizeof(fake_log));
	sim_init(&s, &fake_ops);
	KUNIT_EXPECT_EQ(test, fake_log.inits, 1);
	KUNIT_EXPECT_EQ(test, s.cc.priv[0], 42ULL);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);	/* set before ->init */

	sim_send(&s, 10000);
	sim_ack(&s, 1500);
	KUNIT_EXPECT_EQ(test, fake_log.cong_avoid_calls, 1);
	KUNIT_EXPECT_EQ(test, fake_log.last_acked, 1500U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 10000U);	/* the core adds nothing */

	for (i = 0; i < 4; i++)
		sim_dup(&s);				/* Disorder, Recovery */
	KUNIT_EXPECT_EQ(test, s.cc.ssthresh, 3000U);
	KUNIT_EXPECT_EQ(test, s.cc.cwnd, 7000U);
	sim_ack(&s, 5000);				/* partial */
	KUNIT_EXPECT_EQ(test, fake_log.cong_avoid_calls, 1);
	sim_ack(&s, 10000);				/* full: Open */
	KUNIT_EXPECT_EQ(test, fake_log.cong_avoid_calls, 1);
	sim_send(&s, 1000);
	sim_ack(&s, 11000);
	KUNIT_EXPECT_EQ(test, fake_log.cong_avoid_calls, 2);
	sim_send(&s, 1000);
	sim_rto(&s);					/* Loss */
	sim_rto(&s);					/* no change */
	sim_ack(&s, 12000);				/* Open */

	/* ->tx_start hears of every restart, even a short idle */
	cnet_tcp_cc_after_idle(&s.cc, 5000, 200000);
	KUNIT_EXPECT_EQ(test, fake_log.idle_us, 5000U);

	KUNIT_ASSERT_EQ(test, fake_log.nstates, 5U);
	KUNIT_EXPECT_EQ(test, fake_log.states[0], CNET_TCP_CA_DISORDER);
	KUNIT_EXPECT_EQ(test, fake_log.states[1], CNET_TCP_CA_RECOVERY);
	KUNIT_EXPECT_EQ(test, fake_log.states[2], CNET_TCP_CA_OPEN);
	KUNIT_EXPECT_EQ(test, fake_log.states[3], CNET_TCP_CA_LOSS);
	KUNIT_EXPECT_EQ(test, fake_log.states[4], CNET_TCP_CA_OPEN);
}

static struct kunit_case cnet_tcp_cong_cases[] = {
	KUNIT_CASE(initial_window),
	KUNIT_CASE(find_by_name),
	KUNIT_CASE(slow_start_per_ack),
	KUNIT_CASE(abc_limit),
	KUNIT_CASE(slow_start_to_ssthresh),
	KUNIT_CASE(congestion_avoidance),
	KUNIT_CASE(app_limited),
	KUNIT_CASE(not_new_not_dup),
	KUNIT_CASE(fast_retransmit),
	KUNIT_CASE(two_dupacks_reordering),
	KUNIT_CASE(full_ack_deflation),
	KUNIT_CASE(partial_ack),
	KUNIT_CASE(partial_ack_bounds),
	KUNIT_CASE(rto_open),
	KUNIT_CASE(rto_in_recovery),
	KUNIT_CASE(recover_guard),
	KUNIT_CASE(small_flight),
	KUNIT_CASE(ece_once_per_window),
	KUNIT_CASE(mss_change),
	KUNIT_CASE(cwnd_cap),
	KUNIT_CASE(limited_transmit),
	KUNIT_CASE(restart_after_idle),
	KUNIT_CASE(lossy_transfer),
	KUNIT_CASE(algorithm_hooks),
	{}
};

static struct kunit_suite cnet_tcp_cong_suite = {
	.name = "cnet_tcp_cong",
	.test_cases = cnet_tcp_cong_cases,
};

kunit_test_suite(cnet_tcp_cong_suite);
