// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure decisions of TCP's small sockets (tcp_mini.c):
 * SYN admission under the backlog, the SYN-ACK schedule, the request's
 * state machine with every segment kind, TIME-WAIT processing (FIN
 * retransmitted, RST, a new SYN by sequence number and by timestamp, PAWS,
 * across the 2^32 wrap), tcp_tw_reuse's rules, an orphan's FIN-WAIT-2,
 * the out-of-window ACK limit, the numbers of a reset, and the TIME-WAIT
 * wheel's slots.
 */
#include <kunit/test.h>
#include <linux/limits.h>

#include "../tcp_mini.h"

/* Backlog N: the SYN queue holds N + 1 and so does the accept queue, as Linux. */
static void syn_admission(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(0, 0, 4), CNET_TCP_SYN_ADMIT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(4, 4, 4), CNET_TCP_SYN_ADMIT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(5, 0, 4),
			CNET_TCP_SYN_SYNQ_FULL);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(0, 5, 4),
			CNET_TCP_SYN_ACCEPTQ_FULL);
	/* both full: the SYN queue is checked first */
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(5, 5, 4),
			CNET_TCP_SYN_SYNQ_FULL);
	/* backlog 0 still takes one connection */
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(0, 0, 0), CNET_TCP_SYN_ADMIT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit(0, 1, 0),
			CNET_TCP_SYN_ACCEPTQ_FULL);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_acceptq_full(4, 4));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_acceptq_full(5, 4));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_acceptq_full(U32_MAX - 1, U32_MAX));
}

/* 1 s doubling, capped at 120 s; 5 retries: SYN-ACKs at 0 1 3 7 15 31, dropped at 63. */
static void synack_schedule(struct kunit *test)
{
	u32 t = 0, n, sent = 1;

	KUNIT_EXPECT_EQ(test, cnet_tcp_synack_timeout_ms(0), 1000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_synack_timeout_ms(1), 2000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_synack_timeout_ms(6), 64000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_synack_timeout_ms(7), 120000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_synack_timeout_ms(31), 120000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_synack_timeout_ms(200), 120000);

	/* the timer's n-th firing: give up, or send again and wait longer */
	for (n = 0;; n++) {
		t += cnet_tcp_synack_timeout_ms(n);
		if (cnet_tcp_synack_give_up(n, CNET_TCP_SYNACK_RETRIES))
			break;
		sent++;
	}
	KUNIT_EXPECT_EQ(test, sent, 1 + CNET_TCP_SYNACK_RETRIES);
	KUNIT_EXPECT_EQ(test, t, 63000);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_synack_give_up(4, 5));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_synack_give_up(5, 5));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_synack_give_up(0, 0));
}

/*
 * A listener's timer driven by struct cnet_synq_timers, in ms: it fires
 * when the earliest request is due and handles only the due ones. Two
 * requests, the second half a second later: each one's SYN-ACKs go again
 * exactly 1 3 7 15 31 s after its SYN, and it goes at 63 s.
 */
#define SYNQ_REQS	2

struct synq_req {
	struct cnet_synq_tnode	tn;
	u32			num_timeout;
	u32			sent[CNET_TCP_SYNACK_RETRIES];
	unsigned long		dropped;
	bool			gone;
};

static void synq_schedule_exact(struct kunit *test)
{
	static const u32 want[] = { 1000, 3000, 7000, 15000, 31000 };
	struct synq_req r[SYNQ_REQS] = {};
	struct cnet_synq_timers s;
	struct cnet_synq_tnode *tn;
	unsigned long now = 0, start[SYNQ_REQS] = { 0, 500 };
	unsigned int i, fired = 0, visits;
	struct synq_req *q;

	cnet_synq_init(&s);
	KUNIT_EXPECT_FALSE(test, cnet_synq_next(&s, &now));
	for (i = 0; i < SYNQ_REQS; i++) {
		INIT_LIST_HEAD(&r[i].tn.node);
		cnet_synq_arm(&s, &r[i].tn, 0, start[i],
			      cnet_tcp_synack_timeout_ms(0));
	}
	while (cnet_synq_next(&s, &now)) {
		fired++;
		visits = 0;
		while ((tn = cnet_synq_first_due(&s, now))) {
			q = container_of(tn, struct synq_req, tn);
			visits++;
			if (cnet_tcp_synack_give_up(q->num_timeout,
						    CNET_TCP_SYNACK_RETRIES)) {
				cnet_synq_disarm(tn);
				q->dropped = now;
				q->gone = true;
				continue;
			}
			q->sent[q->num_timeout++] = now;
			cnet_synq_arm(&s, tn, q->num_timeout, now,
				      cnet_tcp_synack_timeout_ms(q->num_timeout));
		}
		/* each firing has exactly the one request due then */
		KUNIT_EXPECT_EQ(test, visits, 1);
	}
	for (i = 0; i < SYNQ_REQS; i++) {
		KUNIT_EXPECT_TRUE(test, r[i].gone);
		KUNIT_EXPECT_EQ(test, r[i].num_timeout, CNET_TCP_SYNACK_RETRIES);
		KUNIT_EXPECT_EQ(test, r[i].dropped, start[i] + 63000);
	}
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_EQ(test, r[0].sent[i], want[i]);
		KUNIT_EXPECT_EQ(test, r[1].sent[i], 500 + want[i]);
	}
	KUNIT_EXPECT_EQ(test, fired, SYNQ_REQS * (CNET_TCP_SYNACK_RETRIES + 1));
}

/*
 * Many requests filed over time, at different levels: a tick hands out
 * exactly the due ones, earliest first, and never one early.
 */
static void synq_due_only(struct kunit *test)
{
	const unsigned int n = 1000;
	struct cnet_synq_tnode *nodes, *tn;
	struct cnet_synq_timers s;
	unsigned long now, last = 0;
	unsigned int i, got = 0;

	nodes = kunit_kcalloc(test, n, sizeof(*nodes), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nodes);
	cnet_synq_init(&s);
	/* node i filed at time i, at level i % 3 (timeouts 1, 2, 4 s) */
	for (i = 0; i < n; i++) {
		INIT_LIST_HEAD(&nodes[i].node);
		cnet_synq_arm(&s, &nodes[i], i % 3, i,
			      cnet_tcp_synack_timeout_ms(i % 3));
	}
	KUNIT_EXPECT_TRUE(test, cnet_synq_next(&s, &now));
	KUNIT_EXPECT_EQ(test, now, 1000);
	/* at 1500: the level-0 nodes filed at 0..500: 167 of them */
	now = 1500;
	while ((tn = cnet_synq_first_due(&s, now))) {
		KUNIT_EXPECT_LE(test, tn->expires, now);
		KUNIT_EXPECT_GE(test, tn->expires, last);
		last = tn->expires;
		cnet_synq_disarm(tn);
		got++;
	}
	KUNIT_EXPECT_EQ(test, got, 167);
	KUNIT_EXPECT_TRUE(test, cnet_synq_next(&s, &now));
	KUNIT_EXPECT_EQ(test, now, 1501);	/* node 501, level 0 */
	for (i = 0; i < n; i++)
		cnet_synq_disarm(&nodes[i]);
	KUNIT_EXPECT_FALSE(test, cnet_synq_next(&s, &now));
}

/*
 * Past the default retries (tcp_synack_retries and TCP_SYNCNT go to 255
 * and 127): a request of 5 timeouts (32 s) filed after one of 7 (120 s)
 * is still due first, at its own time; those of 7 and of 9 timeouts
 * share the last level and wait the same.
 */
static void synq_levels_past_default(struct kunit *test)
{
	struct cnet_synq_tnode a, b, c, *tn;
	struct cnet_synq_timers s;
	unsigned long now;

	cnet_synq_init(&s);
	INIT_LIST_HEAD(&a.node);
	INIT_LIST_HEAD(&b.node);
	INIT_LIST_HEAD(&c.node);
	cnet_synq_arm(&s, &a, 7, 0, cnet_tcp_synack_timeout_ms(7));
	cnet_synq_arm(&s, &b, 5, 10, cnet_tcp_synack_timeout_ms(5));
	cnet_synq_arm(&s, &c, 9, 20, cnet_tcp_synack_timeout_ms(9));
	KUNIT_EXPECT_TRUE(test, cnet_synq_next(&s, &now));
	KUNIT_EXPECT_EQ(test, now, 32010);
	KUNIT_EXPECT_PTR_EQ(test, cnet_synq_first_due(&s, 32010), &b);
	cnet_synq_disarm(&b);
	KUNIT_EXPECT_NULL(test, cnet_synq_first_due(&s, 119999));
	tn = cnet_synq_first_due(&s, 120000);
	KUNIT_EXPECT_PTR_EQ(test, tn, &a);
	cnet_synq_disarm(&a);
	KUNIT_EXPECT_NULL(test, cnet_synq_first_due(&s, 120019));
	KUNIT_EXPECT_PTR_EQ(test, cnet_synq_first_due(&s, 120020), &c);
	cnet_synq_disarm(&c);
	KUNIT_EXPECT_FALSE(test, cnet_synq_next(&s, &now));
}

static void in_window(struct kunit *test)
{
	/* at the left edge, even empty or past the right edge */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(100, 100, 100, 200));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(100, 400, 100, 200));
	/* overlapping */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(50, 101, 100, 200));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(199, 300, 100, 200));
	/* wholly before, wholly after */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_in_window(50, 100, 100, 200));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_in_window(200, 201, 100, 200));
	/* empty at the right edge: in; empty inside: in */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(200, 200, 100, 200));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(150, 150, 100, 200));
	/* zero window: only the left edge */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(100, 100, 100, 100));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_in_window(101, 101, 100, 100));
	/* across the wrap */
	KUNIT_EXPECT_TRUE(test,
			  cnet_tcp_in_window(U32_MAX - 5, 10, U32_MAX - 1, 50));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_in_window(20, 30, U32_MAX - 1, 50));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_in_window(50, 60, U32_MAX - 1, 50 - 1));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_in_window(U32_MAX - 100, U32_MAX - 1,
						    U32_MAX - 1, 50));
}

/* Each segment kind against a request: iss 1000, irs 5000, window 100 */
static void req_segments(struct kunit *test)
{
	const struct cnet_tcp_req_view r = {
		.iss = 1000, .irs = 5000, .rcv_wnd = 100,
	};
	struct cnet_tcp_seg s;

	/* the handshake's ACK, bare or with data */
	s = (struct cnet_tcp_seg){ .seq = 5001, .ack_seq = 1001, .ack = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_CHILD);
	s.len = 50;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_CHILD);
	/* ACK with FIN: a connection that closes at once */
	s.fin = true;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_CHILD);

	/* ACK of something we never sent: reset, the request stays */
	s = (struct cnet_tcp_seg){ .seq = 5001, .ack_seq = 1002, .ack = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_RESET);
	s.ack_seq = 1000;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_RESET);

	/* the first SYN again: the SYN-ACK again */
	s = (struct cnet_tcp_seg){ .seq = 5000, .len = 1, .syn = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_SYNACK);
	/* another SYN in the window: reset and drop */
	s.seq = 5010;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s),
			CNET_TCP_REQ_KILL_RESET);
	/* a SYN out of the window: an ACK */
	s.seq = 9000;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_ACK);

	/* a RST in the window ends it, out of the window is ignored */
	s = (struct cnet_tcp_seg){ .seq = 5001, .rst = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_KILL);
	s.seq = 5050;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_KILL);
	s.seq = 4000;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_DROP);
	s.seq = 5101 + 1;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_DROP);
	/* a RST with the right ACK in the window ends it too */
	s = (struct cnet_tcp_seg){ .seq = 5001, .ack_seq = 1001, .ack = true,
				   .rst = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_KILL);
	/* one with a wrong ACK is dropped: a RST is never answered */
	s.ack_seq = 1002;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_DROP);

	/* data without ACK in the window: nothing yet */
	s = (struct cnet_tcp_seg){ .seq = 5001, .len = 10 };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_DROP);
	/* an ACK out of the window (old data): an ACK back, no child */
	s = (struct cnet_tcp_seg){ .seq = 4000, .len = 10, .ack_seq = 1001,
				   .ack = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_ACK);
}

/* The same handshake with every number near the wrap */
static void req_wrap(struct kunit *test)
{
	const struct cnet_tcp_req_view r = {
		.iss = U32_MAX, .irs = U32_MAX - 1, .rcv_wnd = 100,
	};
	struct cnet_tcp_seg s = {
		.seq = U32_MAX, .ack_seq = 0, .ack = true, .len = 40,
	};

	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_CHILD);
	s.ack_seq = U32_MAX;
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_RESET);
	s = (struct cnet_tcp_seg){ .seq = 50, .rst = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_req_decide(&r, &s), CNET_TCP_REQ_KILL);
}

/* A TIME-WAIT entry: we got the peer's FIN at 8999, sent ours at 1999. */
static const struct cnet_tcp_tw_view tw_plain = {
	.rcv_nxt = 9000, .snd_nxt = 2000,
};

static void tw_fin_retransmitted(struct kunit *test)
{
	struct cnet_tcp_seg s = {
		.seq = 8999, .len = 1, .fin = true, .ack = true, .ack_seq = 2000,
	};
	struct cnet_tcp_tw_verdict v;

	/* our last ACK was lost: ACK again, 2 MSL from now */
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_TRUE(test, v.restart);
	KUNIT_EXPECT_FALSE(test, v.paws_reject);
	/* old data too */
	s = (struct cnet_tcp_seg){ .seq = 8000, .len = 100, .ack = true,
				   .ack_seq = 2000 };
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_TRUE(test, v.restart);
	/* new data (the peer should have none after its FIN): ACK */
	s.seq = 9000;
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
}

static void tw_bare_ack(struct kunit *test)
{
	struct cnet_tcp_seg s = { .seq = 9000, .ack = true, .ack_seq = 2000 };
	struct cnet_tcp_tw_verdict v;

	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
	KUNIT_EXPECT_TRUE(test, v.restart);
	KUNIT_EXPECT_FALSE(test, v.ts_update);	/* no timestamps */
}

static void tw_rst(struct kunit *test)
{
	struct cnet_tcp_seg s = { .seq = 9000, .rst = true };
	struct cnet_tcp_tw_verdict v;

	/* at RCV.NXT: the entry goes (tcp_rfc1337=0) */
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_KILL);
	s.ack = true;
	s.ack_seq = 2000;
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_KILL);
	/* elsewhere: ignored, nothing sent, timer untouched */
	s.seq = 9001;
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
	KUNIT_EXPECT_FALSE(test, v.restart);
	s.seq = 8999;
	cnet_tcp_tw_decide(&tw_plain, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
}

static void tw_new_syn(struct kunit *test)
{
	struct cnet_tcp_seg s = { .seq = 9001, .len = 1, .syn = true };
	struct cnet_tcp_tw_verdict v;
	struct cnet_tcp_tw_view tw = tw_plain;

	/* past RCV.NXT: a new incarnation, ISN past ours */
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_SYN);
	KUNIT_EXPECT_EQ(test, v.isn, 2000 + 65537);
	/* at or before RCV.NXT: maybe an old duplicate: ACK, no restart */
	s.seq = 9000;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_FALSE(test, v.restart);
	s.seq = 100;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_FALSE(test, v.restart);
	/* SYN-ACK or SYN-RST: never a new connection */
	s = (struct cnet_tcp_seg){ .seq = 9001, .len = 1, .syn = true,
				   .ack = true, .ack_seq = 2000 };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_TRUE(test, v.restart);
	s.ack = false;
	s.rst = true;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);

	/* across the wrap; the ISN skips 0 */
	tw.rcv_nxt = U32_MAX - 10;
	tw.snd_nxt = (u32)-65537;
	s = (struct cnet_tcp_seg){ .seq = 5, .len = 1, .syn = true };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_SYN);
	KUNIT_EXPECT_EQ(test, v.isn, 1);
	s.seq = U32_MAX - 20;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
}

/* With timestamps: RFC 6191 reuse by timestamp, PAWS */
static void tw_timestamps(struct kunit *test)
{
	const struct cnet_tcp_tw_view tw = {
		.rcv_nxt = 9000, .snd_nxt = 2000, .ts_recent = 500, .ts = true,
	};
	struct cnet_tcp_seg s = {
		.seq = 100, .len = 1, .syn = true, .saw_ts = true, .tsval = 501,
	};
	struct cnet_tcp_tw_verdict v;

	/* a smaller sequence number but a newer timestamp: new incarnation */
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_SYN);
	/* the same timestamp: an ACK */
	s.tsval = 500;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_FALSE(test, v.paws_reject);
	/* an older timestamp fails PAWS even with a larger seq: ACK, restart */
	s.seq = 9500;
	s.tsval = 499;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_TRUE(test, v.paws_reject);
	KUNIT_EXPECT_TRUE(test, v.restart);
	/* a RST with an old timestamp at RCV.NXT: ignored */
	s = (struct cnet_tcp_seg){ .seq = 9000, .rst = true, .saw_ts = true,
				   .tsval = 400 };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
	s.tsval = 500;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_KILL);
	/* a bare ACK updates ts_recent; timestamps across their wrap */
	s = (struct cnet_tcp_seg){ .seq = 9000, .ack = true, .ack_seq = 2000,
				   .saw_ts = true, .tsval = 3 };
	{
		struct cnet_tcp_tw_view w = tw;

		w.ts_recent = U32_MAX - 2;
		cnet_tcp_tw_decide(&w, &s, &v);
		KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
		KUNIT_EXPECT_TRUE(test, v.ts_update);
		KUNIT_EXPECT_FALSE(test, v.paws_reject);
	}
	/* a segment without timestamp on a connection that had them: no PAWS */
	s = (struct cnet_tcp_seg){ .seq = 100, .len = 1, .syn = true };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
}

/* An orphan in FIN-WAIT-2: rcv_nxt 9000, window 1000 */
static void fw2_segments(struct kunit *test)
{
	const struct cnet_tcp_tw_view tw = {
		.rcv_nxt = 9000, .snd_nxt = 2000, .rcv_wnd = 1000,
		.fin_wait2 = true,
	};
	struct cnet_tcp_seg s = {
		.seq = 9000, .len = 1, .fin = true, .ack = true, .ack_seq = 2000,
	};
	struct cnet_tcp_tw_verdict v;

	/* the peer's FIN: TIME-WAIT from now, and an ACK */
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_TRUE(test, v.time_wait);
	KUNIT_EXPECT_EQ(test, v.rcv_nxt, 9001);
	KUNIT_EXPECT_TRUE(test, v.restart);
	/* data with or without FIN: nobody reads it: reset */
	s.len = 11;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_RESET);
	KUNIT_EXPECT_FALSE(test, v.time_wait);
	s.fin = false;
	s.len = 10;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_RESET);
	/* a duplicate ACK: nothing */
	s.len = 0;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
	KUNIT_EXPECT_FALSE(test, v.restart);
	/* out of the window: an ACK, still FIN-WAIT-2 */
	s.seq = 20000;
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_ACK);
	KUNIT_EXPECT_FALSE(test, v.time_wait);
	/* a RST in the window ends it; a SYN at RCV.NXT: reset */
	s = (struct cnet_tcp_seg){ .seq = 9500, .rst = true };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_KILL);
	s = (struct cnet_tcp_seg){ .seq = 9000, .len = 1, .syn = true };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_RESET);
	/* data without ACK: dropped */
	s = (struct cnet_tcp_seg){ .seq = 9000, .len = 5 };
	cnet_tcp_tw_decide(&tw, &s, &v);
	KUNIT_EXPECT_EQ(test, v.act, CNET_TCP_TW_DROP);
}

static void oow_ack_limit(struct kunit *test)
{
	struct cnet_tcp_seg bare = { .seq = 1, .ack = true };
	struct cnet_tcp_seg data = { .seq = 1, .len = 10, .ack = true };
	struct cnet_tcp_seg syn = { .seq = 1, .len = 1, .syn = true };
	u32 last = 0;

	KUNIT_EXPECT_FALSE(test, cnet_tcp_oow_ack_limited(&bare, &last, 1000, 125));
	KUNIT_EXPECT_EQ(test, last, 1000);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_oow_ack_limited(&bare, &last, 1100, 125));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_oow_ack_limited(&syn, &last, 1124, 125));
	/* data (a retransmitted FIN) is always answered, and is no ACK counted */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_oow_ack_limited(&data, &last, 1110, 125));
	KUNIT_EXPECT_EQ(test, last, 1000);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_oow_ack_limited(&bare, &last, 1125, 125));
	KUNIT_EXPECT_EQ(test, last, 1125);
	/* across the jiffies wrap; a clock behind "last" is not limited */
	last = U32_MAX - 10;
	KUNIT_EXPECT_TRUE(test, cnet_tcp_oow_ack_limited(&bare, &last, 50, 125));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_oow_ack_limited(&bare, &last, 200, 125));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_oow_ack_limited(&bare, &last, 100, 125));
	/* now == 0 is stored as 1: 0 means never */
	last = 0;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_oow_ack_limited(&bare, &last, 0, 125));
	KUNIT_EXPECT_EQ(test, last, 1);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_oow_ack_limited(&bare, &last, 5, 125));
}

/* RFC 9293 3.10.7.1 */
static void rst_numbers(struct kunit *test)
{
	struct cnet_tcp_seg s = { .seq = 100, .len = 1, .syn = true };
	struct cnet_tcp_rst r;

	/* a SYN to a closed port: <SEQ=0><ACK=SEG.SEQ+1><RST,ACK> */
	KUNIT_ASSERT_TRUE(test, cnet_tcp_rst_reply(&s, &r));
	KUNIT_EXPECT_EQ(test, r.seq, 0);
	KUNIT_EXPECT_EQ(test, r.ack_seq, 101);
	KUNIT_EXPECT_TRUE(test, r.ack);
	/* data with FIN and no ACK, across the wrap */
	s = (struct cnet_tcp_seg){ .seq = U32_MAX - 4, .len = 11, .fin = true };
	KUNIT_ASSERT_TRUE(test, cnet_tcp_rst_reply(&s, &r));
	KUNIT_EXPECT_EQ(test, r.ack_seq, 6);
	KUNIT_EXPECT_TRUE(test, r.ack);
	/* with ACK: <SEQ=SEG.ACK><RST>, no ACK */
	s = (struct cnet_tcp_seg){ .seq = 7, .len = 30, .ack = true,
				   .ack_seq = 0xdeadbeef };
	KUNIT_ASSERT_TRUE(test, cnet_tcp_rst_reply(&s, &r));
	KUNIT_EXPECT_EQ(test, r.seq, 0xdeadbeef);
	KUNIT_EXPECT_FALSE(test, r.ack);
	KUNIT_EXPECT_EQ(test, r.ack_seq, 0);
	/* never for a RST, with or without ACK */
	s.rst = true;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rst_reply(&s, &r));
	s.ack = false;
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rst_reply(&s, &r));
}

static void wheel_slots(struct kunit *test)
{
	unsigned long tick = 25;

	/* rounded up: never early */
	KUNIT_EXPECT_EQ(test, cnet_tw_tick_of(100, tick), 4);
	KUNIT_EXPECT_EQ(test, cnet_tw_tick_of(101, tick), 5);
	KUNIT_EXPECT_EQ(test, cnet_tw_tick_of(124, tick), 5);
	KUNIT_EXPECT_EQ(test, cnet_tw_tick_of(0, tick), 0);
	KUNIT_EXPECT_EQ(test, cnet_tw_tick_of(ULONG_MAX, 1), ULONG_MAX);
	KUNIT_EXPECT_EQ(test, cnet_tw_slot(0), 0);
	KUNIT_EXPECT_EQ(test, cnet_tw_slot(CNET_TW_SLOTS - 1), CNET_TW_SLOTS - 1);
	KUNIT_EXPECT_EQ(test, cnet_tw_slot(CNET_TW_SLOTS), 0);
	KUNIT_EXPECT_EQ(test, cnet_tw_slot(3 * CNET_TW_SLOTS + 7), 7);
	/* a round is longer than the default TIME-WAIT */
	KUNIT_EXPECT_GT(test, CNET_TW_SLOTS * CNET_TW_TICK_MS,
			CNET_TCP_TW_TIMEOUT_MS_DEFAULT);

	/* on time: one slot; late: each missed one; very late: one round */
	KUNIT_EXPECT_EQ(test, cnet_tw_catchup(10, 10), 1);
	KUNIT_EXPECT_EQ(test, cnet_tw_catchup(10, 13), 4);
	KUNIT_EXPECT_EQ(test, cnet_tw_catchup(10, 10 + 5 * CNET_TW_SLOTS),
			CNET_TW_SLOTS);
	/* early: none */
	KUNIT_EXPECT_EQ(test, cnet_tw_catchup(10, 9), 0);
	/* across the wrap of the tick counter */
	KUNIT_EXPECT_EQ(test, cnet_tw_catchup(ULONG_MAX - 1, 1), 4);
	KUNIT_EXPECT_EQ(test, cnet_tw_catchup(1, ULONG_MAX), 0);
}

/*
 * tcp_tw_reuse (Linux's tcp_twsk_unique()): never without timestamps; a
 * port bind() chose at once; connect()'s own port with 1, or 2 on
 * loopback, once the peer's last TSval is from an earlier second (the
 * seconds wrap).
 */
static void tw_reuse_rules(struct kunit *test)
{
	static const struct {
		u32	reuse;
		bool	bound, loopback, ts;
		u32	stamp, now;
		bool	ok;
	} c[] = {
		/* no timestamps: never, bound or not */
		{ CNET_TCP_TW_REUSE_ON, true, true, false, 10, 20, false },
		{ CNET_TCP_TW_REUSE_ON, false, true, false, 10, 20, false },
		/* bind()'s port: at once, whatever tcp_tw_reuse */
		{ CNET_TCP_TW_REUSE_OFF, true, false, true, 10, 10, true },
		/* connect()'s port: off never */
		{ CNET_TCP_TW_REUSE_OFF, false, true, true, 10, 20, false },
		/* on: from the next second on */
		{ CNET_TCP_TW_REUSE_ON, false, false, true, 10, 10, false },
		{ CNET_TCP_TW_REUSE_ON, false, false, true, 10, 11, true },
		{ CNET_TCP_TW_REUSE_ON, false, false, true, U32_MAX, 0, true },
		/* a stamp "from the future" (not a second old) */
		{ CNET_TCP_TW_REUSE_ON, false, false, true, 11, 10, false },
		/* loopback only */
		{ CNET_TCP_TW_REUSE_LOOPBACK, false, false, true, 10, 20, false },
		{ CNET_TCP_TW_REUSE_LOOPBACK, false, true, true, 10, 20, true },
		{ CNET_TCP_TW_REUSE_LOOPBACK, false, true, true, 10, 10, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    cnet_tcp_tw_reusable(c[i].reuse, c[i].bound,
							 c[i].loopback, c[i].ts,
							 c[i].stamp, c[i].now),
				    c[i].ok, "case %u", i);
}

/* The new incarnation's ISS: 65537 past the old snd_nxt, never 0. */
static void tw_reuse_iss(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_tw_reuse_iss(1000), 1000 + 65537);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tw_reuse_iss(U32_MAX - 10), 65526);
	KUNIT_EXPECT_EQ(test, cnet_tcp_tw_reuse_iss(U32_MAX - 65536), 1);
}

static struct kunit_case cnet_tcp_minisock_cases[] = {
	KUNIT_CASE(syn_admission),
	KUNIT_CASE(synack_schedule),
	KUNIT_CASE(synq_schedule_exact),
	KUNIT_CASE(synq_due_only),
	KUNIT_CASE(synq_levels_past_default),
	KUNIT_CASE(in_window),
	KUNIT_CASE(req_segments),
	KUNIT_CASE(req_wrap),
	KUNIT_CASE(tw_fin_retransmitted),
	KUNIT_CASE(tw_bare_ack),
	KUNIT_CASE(tw_rst),
	KUNIT_CASE(tw_new_syn),
	KUNIT_CASE(tw_timestamps),
	KUNIT_CASE(tw_reuse_rules),
	KUNIT_CASE(tw_reuse_iss),
	KUNIT_CASE(fw2_segments),
	KUNIT_CASE(oow_ack_limit),
	KUNIT_CASE(rst_numbers),
	KUNIT_CASE(wheel_slots),
	{}
};

static struct kunit_suite cnet_tcp_minisock_suite = {
	.name = "cnet_tcp_minisock",
	.test_cases = cnet_tcp_minisock_cases,
};

kunit_test_suite(cnet_tcp_minisock_suite);
