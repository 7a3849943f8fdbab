// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the sender's SACK scoreboard and RFC 6675 recovery
 * (tcp_sack.h), with synthetic SACK blocks near the 2^32 wrap: merging,
 * cleaning by the cumulative ACK, validation and D-SACK, IsLost, NextSeg,
 * pipe, the undo, recovery entered and left through the ACK stream, and
 * the receiver's blocks (D-SACK first, the latest range next).
 */
#include <kunit/test.h>

#include "../tcp_sack.h"
#include "../tcp_seq.h"

#define UNA	0xfffff000u	/* snd_una: 4096 bytes below the wrap */
#define MSS	1000u
#define S(n)	(UNA + (n) * MSS)	/* segment n's first byte */

static void sb_add(struct cnet_tcp_sack_sb *sb, u32 s, u32 e, u32 una,
		   u32 max, struct cnet_tcp_sack_res *res)
{
	struct cnet_tcp_sack_block b = { s, e };

	cnet_tcp_sack_update(sb, &b, 1, una, max, res);
}

static void merge_and_sort(struct kunit *test)
{
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;

	cnet_tcp_sack_init(&sb);
	sb_add(&sb, S(5), S(6), UNA, S(20), &res);
	KUNIT_EXPECT_EQ(test, res.newly, MSS);
	sb_add(&sb, S(2), S(3), UNA, S(20), &res);
	sb_add(&sb, S(8), S(9), UNA, S(20), &res);
	KUNIT_ASSERT_EQ(test, sb.nr, 3);
	KUNIT_EXPECT_EQ(test, sb.r[0].start, S(2));
	KUNIT_EXPECT_EQ(test, sb.r[2].start, S(8));
	/* touching ranges merge; a block seen again adds nothing */
	sb_add(&sb, S(3), S(5), UNA, S(20), &res);
	KUNIT_EXPECT_EQ(test, res.newly, 2 * MSS);
	KUNIT_ASSERT_EQ(test, sb.nr, 2);
	KUNIT_EXPECT_EQ(test, sb.r[0].start, S(2));
	KUNIT_EXPECT_EQ(test, sb.r[0].end, S(6));
	sb_add(&sb, S(2), S(6), UNA, S(20), &res);
	KUNIT_EXPECT_EQ(test, res.newly, 0);
	KUNIT_EXPECT_EQ(test, sb.sacked, 5 * MSS);
	/* one block over both */
	sb_add(&sb, S(1), S(10), UNA, S(20), &res);
	KUNIT_ASSERT_EQ(test, sb.nr, 1);
	KUNIT_EXPECT_EQ(test, sb.sacked, 9 * MSS);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_is_sacked(&sb, S(1)));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_sacked(&sb, S(10)));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_sacked(&sb, S(0)));
}

static void clean_by_ack(struct kunit *test)
{
	struct cnet_tcp_cc cc = { .cwnd = 20 * MSS, .ssthresh = 30 * MSS };
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;
	u32 s, e;

	cnet_tcp_sack_init(&sb);
	/* before any recovery HighRxt is snd_una, whatever it was */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_out(&sb, UNA, MSS), 0);
	cnet_tcp_sack_start_recovery(&sb, &cc, UNA);
	cnet_tcp_sack_retransmitted(&sb, S(1));
	sb_add(&sb, S(2), S(4), UNA, S(20), &res);
	sb_add(&sb, S(6), S(8), UNA, S(20), &res);
	cnet_tcp_sack_clean(&sb, S(3));
	KUNIT_ASSERT_EQ(test, sb.nr, 2);
	KUNIT_EXPECT_EQ(test, sb.r[0].start, S(3));
	KUNIT_EXPECT_EQ(test, sb.sacked, 3 * MSS);
	cnet_tcp_sack_clean(&sb, S(8));
	KUNIT_EXPECT_EQ(test, sb.nr, 0);
	KUNIT_EXPECT_EQ(test, sb.sacked, 0);
	KUNIT_EXPECT_EQ(test, sb.high_rxt, S(8));	/* lifted to snd_una */
}

static void bogus_blocks(struct kunit *test)
{
	struct cnet_tcp_sack_block b[4] = {
		{ S(3), S(2) },		/* reversed */
		{ S(5), S(21) },	/* past snd_max */
		{ S(4), S(4) },		/* empty */
		{ S(0) - 10, S(1) },	/* across snd_una, not first */
	};
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;

	cnet_tcp_sack_init(&sb);
	cnet_tcp_sack_update(&sb, b, 4, UNA, S(20), &res);
	KUNIT_EXPECT_EQ(test, res.bad, 4);
	KUNIT_EXPECT_FALSE(test, res.dsack);
	KUNIT_EXPECT_EQ(test, sb.nr, 0);
	KUNIT_EXPECT_EQ(test, res.newly, 0);
}

static void dsack(struct kunit *test)
{
	struct cnet_tcp_sack_block below[2] = {
		{ S(0) - 500, S(0) }, { S(4), S(5) },
	};
	struct cnet_tcp_sack_block inside[2] = {
		{ S(6), S(7) }, { S(5), S(9) },
	};
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;

	cnet_tcp_sack_init(&sb);
	cnet_tcp_sack_update(&sb, below, 2, UNA, S(20), &res);
	KUNIT_EXPECT_TRUE(test, res.dsack);
	KUNIT_EXPECT_EQ(test, res.dsack_start, S(0) - 500);
	KUNIT_EXPECT_EQ(test, res.bad, 0);
	KUNIT_EXPECT_EQ(test, sb.sacked, MSS);	/* the second block counts */
	cnet_tcp_sack_update(&sb, inside, 2, UNA, S(20), &res);
	KUNIT_EXPECT_TRUE(test, res.dsack);
	KUNIT_EXPECT_EQ(test, res.dsack_start, S(6));
	KUNIT_EXPECT_EQ(test, sb.nr, 1);
	KUNIT_EXPECT_EQ(test, sb.sacked, 5 * MSS);
	/* the same block first but not inside the second: plain SACK */
	inside[1].start = S(12);
	inside[1].end = S(13);
	cnet_tcp_sack_update(&sb, inside, 2, UNA, S(20), &res);
	KUNIT_EXPECT_FALSE(test, res.dsack);
}

/* RFC 6675 IsLost: three ranges or more than two SMSS SACKed above */
static void is_lost(struct kunit *test)
{
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;

	cnet_tcp_sack_init(&sb);
	sb_add(&sb, S(1), S(3), UNA, S(20), &res);	/* 2 SMSS: not yet */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(0), UNA, MSS));
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_end(&sb, UNA, MSS), UNA);
	sb_add(&sb, S(3), S(3) + 1, UNA, S(20), &res);	/* one byte more */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_is_lost(&sb, S(0), UNA, MSS));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(1), UNA, MSS));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(4), UNA, MSS));

	/* three small discontiguous ranges */
	cnet_tcp_sack_init(&sb);
	sb_add(&sb, S(2), S(2) + 10, UNA, S(20), &res);
	sb_add(&sb, S(4), S(4) + 10, UNA, S(20), &res);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(0), UNA, MSS));
	sb_add(&sb, S(6), S(6) + 10, UNA, S(20), &res);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_is_lost(&sb, S(0), UNA, MSS));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_is_lost(&sb, S(1), UNA, MSS));
	/* only two ranges above the second hole */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(3), UNA, MSS));
}

/* NextSeg walks the lost holes in order, one SMSS at a time */
static void next_seg_and_pipe(struct kunit *test)
{
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;
	struct cnet_tcp_cc cc = { .cwnd = 20 * MSS, .ssthresh = 30 * MSS };
	u32 s, e;

	/* sent 0..19; lost 0-1 and 4; SACKed 2-3, 5-9 */
	cnet_tcp_sack_init(&sb);
	sb_add(&sb, S(2), S(4), UNA, S(20), &res);
	sb_add(&sb, S(5), S(10), UNA, S(20), &res);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_end(&sb, UNA, MSS), S(5));
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_out(&sb, UNA, MSS), 3 * MSS);
	/* 20 sent, 7 SACKed, 3 lost */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_pipe(&sb, UNA, S(20), MSS),
			10 * MSS);
	cnet_tcp_sack_start_recovery(&sb, &cc, UNA);

	KUNIT_ASSERT_TRUE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, s, S(0));
	KUNIT_EXPECT_EQ(test, e, S(1));
	cnet_tcp_sack_retransmitted(&sb, e);
	KUNIT_ASSERT_TRUE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, s, S(1));
	cnet_tcp_sack_retransmitted(&sb, e);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_pipe(&sb, UNA, S(20), MSS),
			12 * MSS);
	/* the hole above the SACKed 2-3, across the 2^32 wrap */
	KUNIT_ASSERT_TRUE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, s, S(4));
	KUNIT_EXPECT_EQ(test, e, S(5));
	KUNIT_EXPECT_LT(test, e, s + 2 * MSS);
	cnet_tcp_sack_retransmitted(&sb, e);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_next_seg(&sb, UNA, MSS, &s, &e));
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_lost_out(&sb, UNA, MSS), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_pipe(&sb, UNA, S(20), MSS),
			13 * MSS);
	/* 10..19 are not lost: nothing above the last range is */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_is_lost(&sb, S(12), UNA, MSS));
}

/* More holes than ranges kept: the highest are forgotten */
static void overflow(struct kunit *test)
{
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_sack_res res;
	unsigned int i;

	cnet_tcp_sack_init(&sb);
	for (i = 0; i < CNET_TCP_SACK_RANGES + 4; i++)
		sb_add(&sb, S(2 * i + 1), S(2 * i + 2), UNA, S(100), &res);
	KUNIT_EXPECT_EQ(test, sb.nr, CNET_TCP_SACK_RANGES);
	KUNIT_EXPECT_EQ(test, sb.sacked, CNET_TCP_SACK_RANGES * MSS);
	/* a lower one still gets in, the highest goes */
	sb_add(&sb, S(0) + 10, S(0) + 20, UNA, S(100), &res);
	KUNIT_EXPECT_EQ(test, sb.nr, CNET_TCP_SACK_RANGES);
	KUNIT_EXPECT_EQ(test, sb.r[0].start, S(0) + 10);
	KUNIT_EXPECT_EQ(test, sb.r[CNET_TCP_SACK_RANGES - 1].start,
			S(2 * (CNET_TCP_SACK_RANGES - 2) + 1));
	for (i = 1; i < sb.nr; i++)
		KUNIT_EXPECT_TRUE(test, cnet_seq_before(sb.r[i - 1].end,
							sb.r[i].start));
}

static void undo_on_dsack(struct kunit *test)
{
	struct cnet_tcp_cc cc = { .cwnd = 20 * MSS, .ssthresh = 30 * MSS };
	struct cnet_tcp_sack_res res = { .dsack = true };
	struct cnet_tcp_sack_sb sb;

	cnet_tcp_sack_init(&sb);
	cnet_tcp_sack_start_recovery(&sb, &cc, UNA);
	cc.ssthresh = 10 * MSS;
	cc.cwnd = 10 * MSS;
	cnet_tcp_sack_retransmitted(&sb, S(1));
	cnet_tcp_sack_retransmitted(&sb, S(2));
	/* a D-SACK outside what was sent again does not count */
	res.dsack_start = S(5);
	res.dsack_end = S(5) + MSS;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_try_undo(&sb, &cc, &res, MSS));
	res.dsack_start = S(0);
	res.dsack_end = S(0) + MSS;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_try_undo(&sb, &cc, &res, MSS));
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * MSS);
	res.dsack_start = S(1);
	res.dsack_end = S(1) + MSS;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_try_undo(&sb, &cc, &res, MSS));
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20 * MSS);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 30 * MSS);
	/* once */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_try_undo(&sb, &cc, &res, MSS));
	/* one D-SACK of two SMSS answers two retransmissions */
	cnet_tcp_sack_start_recovery(&sb, &cc, UNA);
	cc.cwnd = 5 * MSS;
	cnet_tcp_sack_retransmitted(&sb, S(1));
	cnet_tcp_sack_retransmitted(&sb, S(2));
	res.dsack_start = S(0);
	res.dsack_end = S(2);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_sack_try_undo(&sb, &cc, &res, MSS));
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20 * MSS);
	/* no D-SACK, no undo */
	res.dsack = false;
	cnet_tcp_sack_start_recovery(&sb, &cc, UNA);
	cnet_tcp_sack_retransmitted(&sb, S(1));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_sack_try_undo(&sb, &cc, &res, MSS));
}

static void no_drop(struct cnet_tcp_ofo_seg *s, void *arg)
{
	(*(unsigned int *)arg)++;
}

/* Only the latest segment known: the history of one. */
static const struct cnet_tcp_sack_hist *
hist1(struct cnet_tcp_sack_hist *h, u32 seq)
{
	h->seq[0] = seq;
	h->n = 1;
	return h;
}

/* The receiver's blocks: D-SACK first, the latest range, then the rest */
static void rcv_blocks(struct kunit *test)
{
	struct cnet_tcp_sack_block out[4], dup = { S(0) - 100, S(0) };
	struct cnet_tcp_sack_hist h;
	struct cnet_tcp_ofo_seg seg[5];
	struct cnet_tcp_ofo q;
	unsigned int drops = 0, n, i;

	cnet_tcp_ofo_init(&q);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_rcv_blocks(&q, hist1(&h, S(2)),
						       NULL, out, 4), 0);
	/* a duplicate alone, the queue empty */
	n = cnet_tcp_sack_rcv_blocks(&q, hist1(&h, S(2)), &dup, out, 4);
	KUNIT_ASSERT_EQ(test, n, 1);
	KUNIT_EXPECT_EQ(test, out[0].start, dup.start);
	/* segments 2, 4, 6, 8, 9 (8-9 touch): ranges 2, 4, 6, 8-10 */
	for (i = 0; i < 5; i++) {
		seg[i].seq = S(i < 4 ? 2 + 2 * i : 9);
		seg[i].end_seq = seg[i].seq + MSS;
		seg[i].truesize = 1;
		KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_insert(&q, &seg[i], no_drop,
							  &drops),
				CNET_TCP_OFO_QUEUED);
	}
	n = cnet_tcp_sack_rcv_blocks(&q, hist1(&h, S(4)), NULL, out, 4);
	KUNIT_ASSERT_EQ(test, n, 4);
	KUNIT_EXPECT_EQ(test, out[0].start, S(4));	/* the latest */
	KUNIT_EXPECT_EQ(test, out[1].start, S(2));
	KUNIT_EXPECT_EQ(test, out[2].start, S(6));
	KUNIT_EXPECT_EQ(test, out[3].start, S(8));
	KUNIT_EXPECT_EQ(test, out[3].end, S(10));
	/* with a D-SACK: it first, three ranges after it */
	n = cnet_tcp_sack_rcv_blocks(&q, hist1(&h, S(9)), &dup, out, 4);
	KUNIT_ASSERT_EQ(test, n, 4);
	KUNIT_EXPECT_EQ(test, out[0].end, S(0));
	KUNIT_EXPECT_EQ(test, out[1].start, S(8));
	KUNIT_EXPECT_EQ(test, out[2].start, S(2));
	KUNIT_EXPECT_EQ(test, out[3].start, S(4));
	/* less room, fewer blocks; none at all */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_rcv_blocks(&q, hist1(&h, S(9)),
						       &dup, out, 2), 2);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sack_rcv_blocks(&q, hist1(&h, S(9)),
						       &dup, out, 0), 0);
	KUNIT_EXPECT_EQ(test, drops, 0);
	cnet_tcp_ofo_purge(&q, no_drop, &drops);
	KUNIT_EXPECT_EQ(test, drops, 5);
}

/*
 * RFC 2018 4: after the latest range, the ranges reported first most
 * recently, not the lowest ones: with more ranges than room, a range
 * above the lowest ones is reported more than once.
 */
static void rcv_blocks_recency(struct kunit *test)
{
	struct cnet_tcp_sack_hist h = { };
	struct cnet_tcp_sack_block out[4];
	struct cnet_tcp_ofo_seg seg[7];
	struct cnet_tcp_ofo q;
	unsigned int drops = 0, i;
	/* ranges at 2, 4, 6, 8 in that order; 9 extends 8; 3 extends 2 */
	static const unsigned int at[] = { 2, 4, 6, 8, 9, 3, 12 };

	cnet_tcp_ofo_init(&q);
	for (i = 0; i < ARRAY_SIZE(at); i++) {
		seg[i].seq = S(at[i]);
		seg[i].end_seq = seg[i].seq + MSS;
		seg[i].truesize = 1;
		cnet_tcp_ofo_insert(&q, &seg[i], no_drop, &drops);
		cnet_tcp_ofo_recent(&q, &h, seg[i].seq);
		if (i == 3) {
			/* 8 latest, then 6 and 4 reported before it: not 2 */
			KUNIT_ASSERT_EQ(test,
					cnet_tcp_sack_rcv_blocks(&q, &h, NULL,
								 out, 3), 3);
			KUNIT_EXPECT_EQ(test, out[0].start, S(8));
			KUNIT_EXPECT_EQ(test, out[1].start, S(6));
			KUNIT_EXPECT_EQ(test, out[2].start, S(4));
		}
		if (i == 4) {
			/* 9 grew the range of 8: the others stay remembered */
			KUNIT_ASSERT_EQ(test,
					cnet_tcp_sack_rcv_blocks(&q, &h, NULL,
								 out, 3), 3);
			KUNIT_EXPECT_EQ(test, out[0].start, S(8));
			KUNIT_EXPECT_EQ(test, out[0].end, S(10));
			KUNIT_EXPECT_EQ(test, out[1].start, S(6));
			KUNIT_EXPECT_EQ(test, out[2].start, S(4));
		}
	}
	/* 3 joined 2 to 4 (2-5), then 12 came: 12, 2-5, 8-10, then 6 */
	KUNIT_ASSERT_EQ(test, cnet_tcp_sack_rcv_blocks(&q, &h, NULL, out, 4),
			4);
	KUNIT_EXPECT_EQ(test, out[0].start, S(12));
	KUNIT_EXPECT_EQ(test, out[1].start, S(2));
	KUNIT_EXPECT_EQ(test, out[1].end, S(5));
	KUNIT_EXPECT_EQ(test, out[2].start, S(8));
	KUNIT_EXPECT_EQ(test, out[3].start, S(6));
	/* no range twice, whatever the history says */
	for (i = 1; i < 4; i++)
		KUNIT_EXPECT_NE(test, out[i].start, out[0].start);
	cnet_tcp_ofo_purge(&q, no_drop, &drops);
}

static struct cnet_tcp_cc_ack ack_of(u32 ack, u32 una, u32 nxt, bool dup)
{
	return (struct cnet_tcp_cc_ack){
		.ack = ack, .snd_una = una, .snd_nxt = nxt,
		.flight = nxt - ack, .dup = dup,
	};
}

/* RFC 6675 recovery through the ACK stream */
static void sack_recovery(struct kunit *test)
{
	struct cnet_tcp_cc cc;
	struct cnet_tcp_cc_ack a;
	u32 act;

	cnet_tcp_cc_init_ops(&cc, MSS, UNA, &cnet_tcp_reno);
	cc.cwnd = 20 * MSS;
	/* IsLost alone enters, on the first duplicate */
	a = ack_of(UNA, UNA, S(20), true);
	act = cnet_tcp_cc_on_sack_ack(&cc, &a, true);
	KUNIT_EXPECT_EQ(test, act, CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_TRUE(test, cc.in_recovery);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 10 * MSS);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * MSS);	/* no inflation */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&cc), CNET_TCP_CA_RECOVERY);
	/* duplicates and partial ACKs leave cwnd alone */
	act = cnet_tcp_cc_on_sack_ack(&cc, &a, true);
	KUNIT_EXPECT_EQ(test, act, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * MSS);
	a = ack_of(S(5), UNA, S(20), false);
	act = cnet_tcp_cc_on_sack_ack(&cc, &a, true);
	KUNIT_EXPECT_EQ(test, act, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * MSS);
	/* recover reached: out */
	a = ack_of(S(20), S(5), S(25), false);
	act = cnet_tcp_cc_on_sack_ack(&cc, &a, false);
	KUNIT_EXPECT_EQ(test, act, CNET_TCP_CC_EXIT_RECOVERY);
	KUNIT_EXPECT_FALSE(test, cc.in_recovery);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 6 * MSS);	/* flight 5 + 1 */

	/* without IsLost, DupThresh duplicates enter */
	cnet_tcp_cc_init_ops(&cc, MSS, UNA, &cnet_tcp_reno);
	a = ack_of(UNA, UNA, S(10), true);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_on_sack_ack(&cc, &a, false), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_on_sack_ack(&cc, &a, false), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_on_sack_ack(&cc, &a, false),
			CNET_TCP_CC_ENTER_RECOVERY);

	/* the "recover" guard after a timeout */
	cnet_tcp_cc_init_ops(&cc, MSS, UNA, &cnet_tcp_reno);
	cnet_tcp_cc_on_rto(&cc, 10 * MSS, S(10));
	a = ack_of(S(1), UNA, S(10), false);
	act = cnet_tcp_cc_on_sack_ack(&cc, &a, true);
	KUNIT_EXPECT_FALSE(test, act & CNET_TCP_CC_ENTER_RECOVERY);
	KUNIT_EXPECT_TRUE(test, act & CNET_TCP_CC_RETRANSMIT_HEAD);
	KUNIT_EXPECT_TRUE(test, cc.in_loss);
}

static struct kunit_case cnet_tcp_sack_cases[] = {
	KUNIT_CASE(merge_and_sort),
	KUNIT_CASE(clean_by_ack),
	KUNIT_CASE(bogus_blocks),
	KUNIT_CASE(dsack),
	KUNIT_CASE(is_lost),
	KUNIT_CASE(next_seg_and_pipe),
	KUNIT_CASE(overflow),
	KUNIT_CASE(undo_on_dsack),
	KUNIT_CASE(rcv_blocks),
	KUNIT_CASE(rcv_blocks_recency),
	KUNIT_CASE(sack_recovery),
	{}
};

static struct kunit_suite cnet_tcp_sack_suite = {
	.name = "cnet_tcp_sack",
	.test_cases = cnet_tcp_sack_cases,
};

kunit_test_suite(cnet_tcp_sack_suite);
