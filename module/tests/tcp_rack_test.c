// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for RACK-TLP (tcp_rack.h), with synthetic segments near the
 * 2^32 wrap and a fake clock: RACK's update and its ambiguous samples,
 * reordering detection, the reordering window (DupThresh fallback,
 * D-SACK multiplier, persistence, SRTT cap), the loss verdict and its
 * timer, what an ACK newly delivered, RACK's marks in the scoreboard, the
 * probe timeout, and a probe's episode.
 */
#include <kunit/test.h>

#include "../tcp_rack.h"
#include "../tcp_seq.h"

#define UNA	0xfffff000u	/* snd_una: 4096 bytes below the wrap */
#define MSS	1000u
#define S(n)	(UNA + (n) * MSS)	/* segment n's first byte */
#define T0	1000000ull		/* the fake clock's start, µs */

static struct cnet_tcp_rack_seg seg_of(u64 t, u32 end, bool retrans)
{
	return (struct cnet_tcp_rack_seg){
		.xmit_us = t, .end_seq = end, .retrans = retrans,
	};
}

static void update_and_rtt(struct kunit *test)
{
	struct cnet_tcp_rack r;
	struct cnet_tcp_rack_seg s;

	cnet_tcp_rack_init(&r);
	KUNIT_EXPECT_EQ(test, r.mult, 1);
	/* segments 0..4 sent at T0 + n * 100, delivered 10 ms later */
	s = seg_of(T0 + 100, S(2), false);	/* segment 1: ends across 0 */
	cnet_tcp_rack_delivered(&r, &s, T0 + 10100);
	KUNIT_EXPECT_EQ(test, r.xmit_us, T0 + 100);
	KUNIT_EXPECT_EQ(test, r.end_seq, S(2));
	KUNIT_EXPECT_EQ(test, r.rtt_us, 10000u);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 10000u);
	/* an older one delivered later does not move RACK back */
	s = seg_of(T0, S(1), false);
	cnet_tcp_rack_delivered(&r, &s, T0 + 20000);
	KUNIT_EXPECT_EQ(test, r.xmit_us, T0 + 100);
	KUNIT_EXPECT_EQ(test, r.rtt_us, 10000u);
	/* same time, higher in sequence: sent after (one GSO burst) */
	s = seg_of(T0 + 100, S(3), false);
	cnet_tcp_rack_delivered(&r, &s, T0 + 9100);
	KUNIT_EXPECT_EQ(test, r.end_seq, S(3));
	KUNIT_EXPECT_EQ(test, r.rtt_us, 9000u);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 9000u);
	/*
	 * A retransmission answered faster than min_rtt: the original's
	 * ACK, ambiguous, skipped; answered slower: taken.
	 */
	s = seg_of(T0 + 50000, S(4), true);
	cnet_tcp_rack_delivered(&r, &s, T0 + 51000);
	KUNIT_EXPECT_EQ(test, r.xmit_us, T0 + 100);
	s = seg_of(T0 + 50000, S(4), true);
	cnet_tcp_rack_delivered(&r, &s, T0 + 60000);
	KUNIT_EXPECT_EQ(test, r.xmit_us, T0 + 50000);
	KUNIT_EXPECT_EQ(test, r.rtt_us, 10000u);
	/* a retransmission's RTT never lowers min_rtt */
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 9000u);
	/* without any min_rtt a retransmission is always ambiguous */
	cnet_tcp_rack_init(&r);
	s = seg_of(T0, S(1), true);
	cnet_tcp_rack_delivered(&r, &s, T0 + 5000);
	KUNIT_EXPECT_EQ(test, r.xmit_us, 0ull);
	/* clean samples from the ACK path lower min_rtt, 0 is none */
	cnet_tcp_rack_rtt(&r, 0);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 0u);
	cnet_tcp_rack_rtt(&r, 7000);
	cnet_tcp_rack_rtt(&r, 8000);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 7000u);
}

static void reordering(struct kunit *test)
{
	struct cnet_tcp_rack r;
	struct cnet_tcp_rack_seg s;

	cnet_tcp_rack_init(&r);
	/* in order: no reordering, fack follows across the wrap */
	s = seg_of(T0, S(1), false);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_delivered(&r, &s, T0 + 1000));
	s = seg_of(T0, S(6), false);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_delivered(&r, &s, T0 + 1000));
	KUNIT_EXPECT_EQ(test, r.fack, S(6));
	KUNIT_EXPECT_FALSE(test, r.reord);
	/* a retransmission filling a hole below fack is no reordering */
	s = seg_of(T0 + 5000, S(3), true);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_delivered(&r, &s, T0 + 9000));
	KUNIT_EXPECT_FALSE(test, r.reord);
	/* an original arriving below fack is */
	s = seg_of(T0, S(2), false);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rack_delivered(&r, &s, T0 + 9000));
	KUNIT_EXPECT_TRUE(test, r.reord);
	/* said once */
	s = seg_of(T0, S(4), false);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_delivered(&r, &s, T0 + 9000));
	KUNIT_EXPECT_TRUE(test, r.reord);
}

static void reo_wnd(struct kunit *test)
{
	struct cnet_tcp_rack r;
	int i;

	cnet_tcp_rack_init(&r);
	r.min_rtt_us = 20000;
	/* before reordering: DupThresh's speed in recovery or at 3 SACKed */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, true, 0, 30000), 0u);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, false, 3, 30000), 0u);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, false, 2, 30000),
			5000u);
	r.reord = true;
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, true, 9, 30000),
			5000u);
	/* a D-SACK raises the multiplier, once per round trip */
	cnet_tcp_rack_update_reo(&r, true, false, S(0), S(10));
	KUNIT_EXPECT_EQ(test, r.mult, 2);
	KUNIT_EXPECT_EQ(test, r.persist, CNET_TCP_RACK_PERSIST);
	cnet_tcp_rack_update_reo(&r, true, false, S(5), S(12));
	KUNIT_EXPECT_EQ(test, r.mult, 2);
	cnet_tcp_rack_update_reo(&r, true, false, S(10), S(20));
	KUNIT_EXPECT_EQ(test, r.mult, 3);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, false, 0, 30000),
			15000u);
	/* capped by SRTT */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, false, 0, 12000),
			12000u);
	/* it persists 16 recoveries without a D-SACK, then is 1 again */
	for (i = 0; i < CNET_TCP_RACK_PERSIST - 1; i++)
		cnet_tcp_rack_update_reo(&r, false, true, S(30), S(40));
	KUNIT_EXPECT_EQ(test, r.mult, 3);
	cnet_tcp_rack_update_reo(&r, false, true, S(30), S(40));
	KUNIT_EXPECT_EQ(test, r.mult, 1);
	/* an ACK that ends no recovery changes nothing */
	r.mult = 4;
	r.persist = 1;
	cnet_tcp_rack_update_reo(&r, false, false, S(30), S(40));
	KUNIT_EXPECT_EQ(test, r.mult, 4);
	/* a D-SACK is reordering seen, and says so the first time only */
	cnet_tcp_rack_init(&r);
	KUNIT_EXPECT_FALSE(test,
			   cnet_tcp_rack_update_reo(&r, false, true, S(0),
						    S(10)));
	KUNIT_EXPECT_FALSE(test, r.reord);
	KUNIT_EXPECT_TRUE(test,
			  cnet_tcp_rack_update_reo(&r, true, false, S(0),
						   S(10)));
	KUNIT_EXPECT_TRUE(test, r.reord);
	KUNIT_EXPECT_FALSE(test,
			   cnet_tcp_rack_update_reo(&r, true, false, S(10),
						    S(20)));
	/* no min_rtt yet: no window */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_reo_wnd(&r, false, 0, 0), 0u);
}

static void loss_check(struct kunit *test)
{
	struct cnet_tcp_rack r;
	struct cnet_tcp_rack_seg s;
	u32 wait = 0;

	cnet_tcp_rack_init(&r);
	s = seg_of(T0, S(1), false);
	/* nothing delivered yet: nothing is sent before */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 0, T0 + 99999,
						  &wait),
			CNET_TCP_RACK_NOT_BEFORE);
	/* segment 3 (sent at T0 + 300) delivered at T0 + 10300 */
	s = seg_of(T0 + 300, S(4), false);
	cnet_tcp_rack_delivered(&r, &s, T0 + 10300);
	/* segment 0 (T0): lost at T0 + 10000 + reo_wnd 2500 */
	s = seg_of(T0, S(1), false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 2500, T0 + 10300,
						  &wait),
			CNET_TCP_RACK_WAIT);
	KUNIT_EXPECT_EQ(test, wait, 2200u);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 2500, T0 + 12499,
						  &wait),
			CNET_TCP_RACK_WAIT);
	KUNIT_EXPECT_EQ(test, wait, 1u);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 2500, T0 + 12500,
						  &wait),
			CNET_TCP_RACK_LOST);
	/* with no window, lost at once */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 0, T0 + 10300,
						  &wait),
			CNET_TCP_RACK_LOST);
	/* sent after RACK's segment (later, or as late and higher): not */
	s = seg_of(T0 + 400, S(5), false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 0, T0 + 99999,
						  &wait),
			CNET_TCP_RACK_NOT_BEFORE);
	s = seg_of(T0 + 300, S(5), false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 0, T0 + 99999,
						  &wait),
			CNET_TCP_RACK_NOT_BEFORE);
	/* as late and lower (the same burst, a hole in it): before */
	s = seg_of(T0 + 300, S(3), false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 0, T0 + 10300,
						  &wait),
			CNET_TCP_RACK_LOST);
	/* a retransmission sent after RACK's segment waits its own RTT */
	s = seg_of(T0 + 20000, S(1), true);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rack_check(&r, &s, 0, T0 + 25000,
						  &wait),
			CNET_TCP_RACK_NOT_BEFORE);
}

static void sb_with(struct cnet_tcp_sack_sb *sb, const u32 *se, int n,
		    u32 una, u32 max)
{
	struct cnet_tcp_sack_res res;
	struct cnet_tcp_sack_block b;
	int i;

	for (i = 0; i < n; i++) {
		b = (struct cnet_tcp_sack_block){ se[2 * i], se[2 * i + 1] };
		cnet_tcp_sack_update(sb, &b, 1, una, max, &res);
	}
}

static void fresh_end(struct kunit *test)
{
	struct cnet_tcp_sack_sb old, now;
	const u32 o[] = { S(2), S(4) };
	const u32 n[] = { S(2), S(4), S(6), S(8) };
	u32 end = 0;

	cnet_tcp_sack_init(&old);
	cnet_tcp_sack_init(&now);
	sb_with(&old, o, 1, UNA, S(10));
	sb_with(&now, n, 2, UNA, S(10));
	/* a segment over both ranges: its fresh part is [6, 8) */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rack_fresh_end(&old, &now, S(0),
							S(10), &end));
	KUNIT_EXPECT_EQ(test, end, S(8));
	/* one inside the old range: delivered before */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_fresh_end(&old, &now, S(2),
							 S(4), &end));
	/* one in a hole: not delivered */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_fresh_end(&old, &now, S(4),
							 S(6), &end));
	/* cumulatively acknowledged: all but what was SACKed */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rack_fresh_end(&old, NULL, S(0),
							S(4), &end));
	KUNIT_EXPECT_EQ(test, end, S(2));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rack_fresh_end(&old, NULL, S(3),
							S(5), &end));
	KUNIT_EXPECT_EQ(test, end, S(5));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_fresh_end(&old, NULL, S(2),
							 S(4), &end));
	/* the part not SACKed of a segment (the loss walk's use) */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rack_fresh_end(&now, NULL, S(0),
							S(8), &end));
	KUNIT_EXPECT_EQ(test, end, S(6));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rack_fresh_end(&now, NULL, S(6),
							 S(8), &end));
}

static void scoreboard_marks(struct kunit *test)
{
	struct cnet_tcp_sack_sb sb;
	const u32 r[] = { S(3), S(4), S(6), S(7) };
	u32 s, e;

	cnet_tcp_sack_init(&sb);
	sb_with(&sb, r, 2, UNA, S(10));
	/* two ranges of one SMSS: DupThresh marks nothing */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_end(&sb, UNA, MSS), UNA);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	/* RACK marks up to the middle of the second hole */
	cnet_tcp_sack_rack_lost(&sb, S(5));
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_end(&sb, UNA, MSS), S(5));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_is_lost(&sb, S(4), UNA, MSS));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(5), UNA, MSS));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(3), UNA, MSS));
	/* lost and not sent again: [0, 3) and [4, 5) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_out(&sb, UNA, MSS), 4 * MSS);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_pipe(&sb, UNA, S(10), MSS),
			4 * MSS);
	/* marks never move back */
	cnet_tcp_sack_rack_lost(&sb, S(2));
	KUNIT_EXPECT_EQ(test, sb.rack_lost, S(5));
	/* above every range (a tail behind a probe): NextSeg reaches it */
	cnet_tcp_sack_start_recovery(&sb, &(struct cnet_tcp_cc){}, UNA);
	cnet_tcp_sack_retransmitted(&sb, S(3));
	KUNIT_ASSERT_TRUE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, s, S(4));
	KUNIT_EXPECT_EQ(test, e, S(5));
	cnet_tcp_sack_rack_lost(&sb, S(9));
	cnet_tcp_sack_retransmitted(&sb, S(6));
	KUNIT_ASSERT_TRUE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, s, S(7));
	KUNIT_EXPECT_EQ(test, e, S(8));
	/* the cumulative ACK passing the marks drops them */
	cnet_tcp_sack_clean(&sb, S(9));
	KUNIT_EXPECT_FALSE(test, sb.rack_set);
	/* RACK alone: DupThresh's marks are left out */
	cnet_tcp_sack_init(&sb);
	{
		const u32 three[] = { S(2), S(3), S(4), S(5), S(6), S(7) };

		sb_with(&sb, three, 3, UNA, S(10));
	}
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_end(&sb, UNA, MSS), S(2));
	sb.no_dupthresh = true;
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_end(&sb, UNA, MSS), UNA);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_out(&sb, UNA, MSS), 0u);
}

static void pto(struct kunit *test)
{
	/* no SRTT: 1 s, below the RTO */
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_pto_us(0, 5, 3000000),
			CNET_TCP_TLP_NO_RTT_US);
	/* 2 SRTT and a little slack */
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_pto_us(10000, 5, 300000),
			20000u + CNET_TCP_TLP_SLACK_US);
	/* one segment in flight: the worst delayed ACK too */
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_pto_us(10000, 1, 3000000),
			20000u + CNET_TCP_TLP_ACK_DELAY_US);
	/* never after the RTO */
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_pto_us(10000, 1, 210000), 210000u);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_pto_us(0xffffffffu, 5, 400000),
			400000u);
}

static struct cnet_tcp_tlp_ack tlp_ack(u32 ack, bool adv, bool sacked)
{
	return (struct cnet_tcp_tlp_ack){
		.ack = ack, .advanced = adv, .sacked = sacked,
	};
}

static void tlp_episode(struct kunit *test)
{
	struct cnet_tcp_rack r;
	struct cnet_tcp_tlp_ack a;

	cnet_tcp_rack_init(&r);
	a = tlp_ack(S(9), true, false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a), CNET_TCP_TLP_OPEN);
	/* a probe of new data: its ACK ends the episode, no loss */
	cnet_tcp_tlp_sent(&r, S(10), false);
	KUNIT_EXPECT_TRUE(test, r.tlp_open);
	a = tlp_ack(S(9), true, false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a), CNET_TCP_TLP_OPEN);
	a = tlp_ack(S(10), true, false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a),
			CNET_TCP_TLP_NO_LOSS);
	KUNIT_EXPECT_FALSE(test, r.tlp_open);

	/* the highest segment again, then the original's ACK and the
	 * probe's D-SACK: both arrived, no loss
	 */
	cnet_tcp_tlp_sent(&r, S(10), true);
	a = tlp_ack(S(10), true, false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a), CNET_TCP_TLP_OPEN);
	a = tlp_ack(S(10), false, false);
	a.dsack = true;
	a.dsack_start = S(9);
	a.dsack_end = S(10);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_tlp_dsack(&r, &a));
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a),
			CNET_TCP_TLP_NO_LOSS);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_tlp_dsack(&r, &a));

	/* a D-SACK of something else does not end it */
	cnet_tcp_tlp_sent(&r, S(10), true);
	a = tlp_ack(S(10), true, false);
	a.dsack = true;
	a.dsack_start = S(2);
	a.dsack_end = S(3);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_tlp_dsack(&r, &a));
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a), CNET_TCP_TLP_OPEN);
	/* an ACK past the probe without its D-SACK: it repaired a loss */
	a = tlp_ack(S(12), true, false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a), CNET_TCP_TLP_LOSS);
	KUNIT_EXPECT_FALSE(test, r.tlp_open);

	/* a pure duplicate at the probe's end: both arrived */
	cnet_tcp_tlp_sent(&r, S(10), true);
	a = tlp_ack(S(10), false, true);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a), CNET_TCP_TLP_OPEN);
	a = tlp_ack(S(10), false, false);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tlp_on_ack(&r, &a),
			CNET_TCP_TLP_NO_LOSS);
}

static void tlp_cwnd(struct kunit *test)
{
	struct cnet_tcp_cc cc;

	cnet_tcp_cc_init_ops(&cc, MSS, UNA, &cnet_tcp_reno);
	cc.cwnd = 20 * MSS;
	cnet_tcp_cc_on_tlp_loss(&cc);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 10 * MSS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * MSS);
	KUNIT_EXPECT_FALSE(test, cc.in_recovery);
	/* not twice for a window in a reduction already */
	cc.in_recovery = true;
	cnet_tcp_cc_on_tlp_loss(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * MSS);
}

static struct kunit_case cnet_tcp_rack_cases[] = {
	KUNIT_CASE(update_and_rtt),
	KUNIT_CASE(reordering),
	KUNIT_CASE(reo_wnd),
	KUNIT_CASE(loss_check),
	KUNIT_CASE(fresh_end),
	KUNIT_CASE(scoreboard_marks),
	KUNIT_CASE(pto),
	KUNIT_CASE(tlp_episode),
	KUNIT_CASE(tlp_cwnd),
	{}
};

static struct kunit_suite cnet_tcp_rack_suite = {
	.name = "cnet_tcp_rack",
	.test_cases = cnet_tcp_rack_cases,
};

kunit_test_suite(cnet_tcp_rack_suite);
