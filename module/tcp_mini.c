// SPDX-License-Identifier: GPL-2.0
/*
 * The pure decisions of TCP's small sockets (tcp_mini.h): SYN admission,
 * the request's state machine, the SYN-ACK schedule, TIME-WAIT segment
 * processing, the numbers of a reset and the TIME-WAIT wheel's slots. The
 * glue that acts on them is tcp_minisock.c.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/minmax.h>

#include "tcp_mini.h"
#include "tcp_seq.h"

/**
 * cnet_tcp_acceptq_full - is a listener's accept queue full?
 * @acceptq_len: connections made and not yet accepted
 * @backlog: listen()'s backlog (already capped at somaxconn)
 *
 * As Linux's sk_acceptq_is_full(): full only past @backlog, so a backlog
 * of N holds N + 1 connections, and a backlog of 0 one.
 */
bool cnet_tcp_acceptq_full(u32 acceptq_len, u32 backlog)
{
	return acceptq_len > backlog;
}

/**
 * cnet_tcp_syn_admit - does a listener take a new SYN?
 * @synq_len: requests waiting for the handshake's last ACK
 * @acceptq_len: connections made and not yet accepted
 * @backlog: listen()'s backlog
 *
 * As Linux's tcp_conn_request() without SYN cookies: the SYN queue is
 * full past @backlog (inet_csk_reqsk_queue_is_full()), checked first; then
 * a full accept queue drops the SYN too, since the connection could not
 * be queued when it completes.
 */
enum cnet_tcp_syn_verdict cnet_tcp_syn_admit(u32 synq_len, u32 acceptq_len,
					     u32 backlog)
{
	if (synq_len > backlog)
		return CNET_TCP_SYN_SYNQ_FULL;
	if (cnet_tcp_acceptq_full(acceptq_len, backlog))
		return CNET_TCP_SYN_ACCEPTQ_FULL;
	return CNET_TCP_SYN_ADMIT;
}

/**
 * cnet_tcp_syn_admit_cookies - does a listener take a new SYN, with SYN
 *	cookies?
 * @synq_len: requests waiting for the handshake's last ACK
 * @acceptq_len: connections made and not yet accepted
 * @backlog: listen()'s backlog
 * @syncookies: the namespace's tcp_syncookies: 0 never, 1 when the SYN
 *	queue is full, 2 always
 *
 * As Linux's tcp_conn_request(): with cookies on, a full SYN queue (or
 * any SYN, with 2) is answered with a cookie instead of dropped, but a
 * full accept queue still drops it: the connection could not be queued.
 * With 0 it is cnet_tcp_syn_admit().
 */
enum cnet_tcp_syn_verdict cnet_tcp_syn_admit_cookies(u32 synq_len,
						     u32 acceptq_len,
						     u32 backlog,
						     u8 syncookies)
{
	enum cnet_tcp_syn_verdict v = cnet_tcp_syn_admit(synq_len, acceptq_len,
							 backlog);

	if (!syncookies || (syncookies != 2 && v != CNET_TCP_SYN_SYNQ_FULL))
		return v;
	if (cnet_tcp_acceptq_full(acceptq_len, backlog))
		return CNET_TCP_SYN_ACCEPTQ_FULL;
	return CNET_TCP_SYN_COOKIE;
}

/**
 * cnet_tcp_synack_timeout_ms - how long to wait for the handshake's ACK
 * @num_timeout: SYN-ACK timeouts so far
 *
 * 1 s, doubled at each timeout, at most 120 s (Linux's reqsk_timeout()):
 * with 5 retries the SYN-ACK goes at 0, 1, 3, 7, 15 and 31 s and the
 * request is dropped at 63 s.
 */
u32 cnet_tcp_synack_timeout_ms(u32 num_timeout)
{
	if (num_timeout >= 8)	/* 1000 << 7 is past the cap already */
		return CNET_TCP_RTO_MAX_MS;
	return min_t(u32, CNET_TCP_TIMEOUT_INIT_MS << num_timeout,
		     CNET_TCP_RTO_MAX_MS);
}

/*
 * Is a request given up at its @num_timeout-th timeout? After
 * @max_retries SYN-ACKs sent again (Linux's syn_ack_recalc() without
 * TCP_DEFER_ACCEPT).
 */
bool cnet_tcp_synack_give_up(u32 num_timeout, u32 max_retries)
{
	return num_timeout >= max_retries;
}

/**
 * cnet_synq_init - no request waits
 * @s: the timeouts
 */
void cnet_synq_init(struct cnet_synq_timers *s)
{
	unsigned int i;

	/* the last level's timeout is the cap, the one before it is not */
	BUILD_BUG_ON((CNET_TCP_TIMEOUT_INIT_MS << (CNET_SYNQ_LEVELS - 1)) <
		     CNET_TCP_RTO_MAX_MS);
	BUILD_BUG_ON((CNET_TCP_TIMEOUT_INIT_MS << (CNET_SYNQ_LEVELS - 2)) >=
		     CNET_TCP_RTO_MAX_MS);
	for (i = 0; i < CNET_SYNQ_LEVELS; i++)
		INIT_LIST_HEAD(&s->q[i]);
}

/**
 * cnet_synq_arm - file a request to be due @timeout after @now
 * @s: the timeouts
 * @n: the request's node, filed or not (initialised: INIT_LIST_HEAD())
 * @level: its timeouts so far; @timeout must be the same for every
 *	request of a level, and @now never earlier than a previous call's
 * @now: the time now
 * @timeout: how long it waits
 */
void cnet_synq_arm(struct cnet_synq_timers *s, struct cnet_synq_tnode *n,
		   u32 level, unsigned long now, unsigned long timeout)
{
	n->expires = now + timeout;
	list_move_tail(&n->node, &s->q[min_t(u32, level, CNET_SYNQ_LEVELS - 1)]);
}

/**
 * cnet_synq_disarm - the request leaves the timeouts
 * @n: its node, filed (or initialised empty)
 */
void cnet_synq_disarm(struct cnet_synq_tnode *n)
{
	list_del_init(&n->node);
}

/* The head of the level with the earliest expiry, or NULL. */
static struct cnet_synq_tnode *synq_earliest(struct cnet_synq_timers *s)
{
	struct cnet_synq_tnode *n, *best = NULL;
	unsigned int i;

	for (i = 0; i < CNET_SYNQ_LEVELS; i++) {
		n = list_first_entry_or_null(&s->q[i], struct cnet_synq_tnode,
					     node);
		if (n && (!best || time_before(n->expires, best->expires)))
			best = n;
	}
	return best;
}

/**
 * cnet_synq_first_due - the request due earliest, if it is due at @now
 * @s: the timeouts
 * @now: the time now
 *
 * O(CNET_SYNQ_LEVELS), whatever the number of requests. The caller
 * files it again (cnet_synq_arm()) or takes it out before the next call.
 *
 * Return: the node, or NULL when none is due.
 */
struct cnet_synq_tnode *cnet_synq_first_due(struct cnet_synq_timers *s,
					    unsigned long now)
{
	struct cnet_synq_tnode *n = synq_earliest(s);

	return n && time_after_eq(now, n->expires) ? n : NULL;
}

/**
 * cnet_synq_next - when the next request is due
 * @s: the timeouts
 * @when: set to that time when there is one
 *
 * Return: false when no request waits.
 */
bool cnet_synq_next(struct cnet_synq_timers *s, unsigned long *when)
{
	struct cnet_synq_tnode *n = synq_earliest(s);

	if (n)
		*when = n->expires;
	return n;
}

/**
 * cnet_tcp_in_window - is a segment in the receive window?
 * @seq: its first sequence number
 * @end_seq: one past its last (@seq + SEG.LEN)
 * @s_win: the window's left edge (RCV.NXT)
 * @e_win: its right edge (RCV.NXT + RCV.WND)
 *
 * As Linux's tcp_in_window(): it starts at the left edge, or overlaps the
 * window, or is empty at the right edge.
 */
bool cnet_tcp_in_window(u32 seq, u32 end_seq, u32 s_win, u32 e_win)
{
	if (seq == s_win)
		return true;
	if (cnet_seq_after(end_seq, s_win) && cnet_seq_before(seq, e_win))
		return true;
	return seq == e_win && seq == end_seq;
}

/**
 * cnet_tcp_req_decide - what a segment does to a request (SYN-RECEIVED)
 * @r: the request
 * @seg: the segment, for the request's 4-tuple
 *
 * Linux's tcp_check_req() without TCP Fast Open, PAWS and
 * TCP_DEFER_ACCEPT (the caller's: cnet_tcp_defer_bare_ack()), in its
 * order: the first SYN again asks for the
 * SYN-ACK again; an ACK of anything but our SYN gets a reset (RFC 9293
 * 3.10.7.3), unless it is a reset itself (never answered: dropped, as
 * Linux's listener does, the request kept); out of the window, an ACK
 * (none for a RST); in it, a RST ends the request and a SYN ends it with
 * a reset (RFC 9293 3.10.7.4, fourth check); without ACK nothing happens;
 * the ACK of our SYN makes the connection.
 */
enum cnet_tcp_req_act cnet_tcp_req_decide(const struct cnet_tcp_req_view *r,
					  const struct cnet_tcp_seg *seg)
{
	u32 rcv_nxt = r->irs + 1;

	if (seg->syn && !seg->ack && !seg->rst && seg->seq == r->irs)
		return CNET_TCP_REQ_SYNACK;
	if (seg->ack && seg->ack_seq != r->iss + 1)
		return seg->rst ? CNET_TCP_REQ_DROP : CNET_TCP_REQ_RESET;
	if (!cnet_tcp_in_window(seg->seq, seg->seq + seg->len, rcv_nxt,
				rcv_nxt + r->rcv_wnd))
		return seg->rst ? CNET_TCP_REQ_DROP : CNET_TCP_REQ_ACK;
	if (seg->rst)
		return CNET_TCP_REQ_KILL;
	if (seg->syn)
		return CNET_TCP_REQ_KILL_RESET;
	if (!seg->ack)
		return CNET_TCP_REQ_DROP;
	return CNET_TCP_REQ_CHILD;
}

/*
 * PAWS (RFC 7323 5): is the segment's timestamp older than the last one
 * the peer sent? As Linux's tcp_paws_reject() with no slack; a peer whose
 * last timestamp was 0 is not checked.
 */
static bool cnet_tcp_tw_paws_reject(const struct cnet_tcp_tw_view *tw,
				    const struct cnet_tcp_seg *seg)
{
	if (!tw->ts || !seg->saw_ts || !tw->ts_recent)
		return false;
	return (s32)(tw->ts_recent - seg->tsval) > 0;
}

/*
 * An orphaned connection's FIN-WAIT-2, as Linux's
 * tcp_timewait_state_process() repeats tcp_rcv_state_process()'s checks:
 * out of the window (or failing PAWS) an ACK; a RST ends it; a SYN at or
 * past RCV.NXT, or new data (nobody will read it), is answered with a
 * reset; the peer's FIN, and nothing after it, moves the entry to
 * TIME-WAIT and is acknowledged; the rest (duplicate ACKs) is dropped.
 */
static void cnet_tcp_fw2_decide(const struct cnet_tcp_tw_view *tw,
				const struct cnet_tcp_seg *seg,
				struct cnet_tcp_tw_verdict *v)
{
	u32 end_seq = seg->seq + seg->len;

	if (v->paws_reject ||
	    !cnet_tcp_in_window(seg->seq, end_seq, tw->rcv_nxt,
				tw->rcv_nxt + tw->rcv_wnd)) {
		v->act = CNET_TCP_TW_ACK;
		return;
	}
	if (seg->rst) {
		v->act = CNET_TCP_TW_KILL;
		return;
	}
	if (seg->syn && !cnet_seq_before(seg->seq, tw->rcv_nxt)) {
		v->act = CNET_TCP_TW_RESET;
		return;
	}
	if (!seg->ack || !cnet_seq_after(end_seq, tw->rcv_nxt) || !seg->len)
		return;
	if (!seg->fin || end_seq != tw->rcv_nxt + 1) {
		v->act = CNET_TCP_TW_RESET;
		return;
	}
	v->act = CNET_TCP_TW_ACK;
	v->time_wait = true;
	v->rcv_nxt = end_seq;
	v->restart = true;
	v->ts_update = tw->ts && seg->saw_ts;
}

/**
 * cnet_tcp_tw_decide - what a segment does to a TIME-WAIT entry
 * @tw: the entry
 * @seg: the segment, for the entry's 4-tuple
 * @v: the verdict
 *
 * RFC 9293 3.10.7.4 as Linux's tcp_timewait_state_process() does it:
 *
 * - In window (at RCV.NXT, no data) a RST removes the entry (Linux's
 *   tcp_rfc1337=0; RFC 1337 would ignore it) and a bare ACK only restarts
 *   the 2 MSL timer.
 * - A SYN without ACK whose sequence number is past RCV.NXT, or whose
 *   timestamp is newer than the last one (RFC 6191), starts a new
 *   incarnation: the entry goes and a listener takes the SYN, with an
 *   ISN past anything the old one sent (SND.NXT + 65537, as Linux).
 * - Anything else but a RST is answered with an ACK (a retransmitted FIN
 *   is one: the peer lost our ACK), and the timer restarts when it
 *   carried ACK or failed PAWS (an ACK-less SYN may be an old duplicate
 *   or a new one with a smaller ISN: no restart).
 * - A RST out of the window, or failing PAWS, is dropped.
 *
 * An entry standing for FIN-WAIT-2 follows cnet_tcp_fw2_decide().
 */
void cnet_tcp_tw_decide(const struct cnet_tcp_tw_view *tw,
			const struct cnet_tcp_seg *seg,
			struct cnet_tcp_tw_verdict *v)
{
	bool paws_reject = cnet_tcp_tw_paws_reject(tw, seg);

	*v = (struct cnet_tcp_tw_verdict){ .act = CNET_TCP_TW_DROP };
	v->paws_reject = paws_reject;

	if (tw->fin_wait2) {
		cnet_tcp_fw2_decide(tw, seg, v);
		return;
	}

	if (!paws_reject && seg->seq == tw->rcv_nxt &&
	    (!seg->len || seg->rst)) {
		if (seg->rst) {
			v->act = CNET_TCP_TW_KILL;
			return;
		}
		v->restart = true;
		v->ts_update = tw->ts && seg->saw_ts;
		return;
	}

	if (seg->syn && !seg->rst && !seg->ack && !paws_reject &&
	    (cnet_seq_after(seg->seq, tw->rcv_nxt) ||
	     (tw->ts && seg->saw_ts &&
	      (s32)(tw->ts_recent - seg->tsval) < 0))) {
		v->act = CNET_TCP_TW_SYN;
		v->isn = tw->snd_nxt + 65535 + 2;
		if (!v->isn)
			v->isn++;
		return;
	}

	if (!seg->rst) {
		v->act = CNET_TCP_TW_ACK;
		v->restart = paws_reject || seg->ack;
	}
}

/**
 * cnet_tcp_tw_reusable - may a connect() take a TIME-WAIT entry's 4-tuple?
 * @reuse: the namespace's tcp_tw_reuse (CNET_TCP_TW_REUSE_*)
 * @bound: the connecting socket's port came from bind(), not from
 *	connect()'s own search
 * @loopback: the 4-tuple is on loopback (an address in 127/8, or bound
 *	to the loopback device)
 * @ts: the entry's connection used timestamps
 * @ts_stamp_s: when the entry last recorded the peer's TSval (seconds)
 * @now_s: now, in the same seconds
 *
 * As Linux's tcp_twsk_unique(). Only with timestamps: PAWS then keeps
 * the old incarnation's segments out of the new one, and the new ISN
 * (cnet_tcp_tw_reuse_iss()) is past its sequence space. A socket whose
 * port bind() chose may take the entry at once; connect()'s search may,
 * with tcp_tw_reuse 1, or 2 on loopback, once the peer's last timestamp
 * is from an earlier second than now.
 *
 * Return: true when it may.
 */
bool cnet_tcp_tw_reusable(u32 reuse, bool bound, bool loopback, bool ts,
			  u32 ts_stamp_s, u32 now_s)
{
	if (!ts)
		return false;
	if (bound)
		return true;
	if (reuse == CNET_TCP_TW_REUSE_OFF ||
	    (reuse == CNET_TCP_TW_REUSE_LOOPBACK && !loopback))
		return false;
	return (s32)(now_s - ts_stamp_s) > 0;
}

/**
 * cnet_tcp_tw_reuse_iss - the ISS of a connection that took over a
 *	TIME-WAIT entry
 * @snd_nxt: the entry's (past its FIN)
 *
 * Past anything the old incarnation sent, and past its last window, as
 * Linux (snd_nxt + 65535 + 2; never 0).
 *
 * Return: the ISS.
 */
u32 cnet_tcp_tw_reuse_iss(u32 snd_nxt)
{
	u32 iss = snd_nxt + 65535 + 2;

	return iss ?: 1;
}

/**
 * cnet_tcp_oow_ack_limited - is an ACK answering an out-of-window segment
 *	rate limited?
 * @seg: the segment
 * @last: when the last such ACK went (jiffies, 0 for never); updated
 * @now: jiffies
 * @interval: at most one ACK each this many jiffies
 *
 * As Linux's tcp_oow_rate_limited(): two hosts that each find the other's
 * segments out of the window would ACK each other forever; data (or a FIN)
 * without SYN is no part of such a loop and is always answered.
 *
 * Return: true when no ACK may be sent.
 */
bool cnet_tcp_oow_ack_limited(const struct cnet_tcp_seg *seg, u32 *last,
			      u32 now, u32 interval)
{
	s32 elapsed;

	if (seg->len && !seg->syn)
		return false;
	if (*last) {
		elapsed = (s32)(now - *last);
		if (elapsed >= 0 && (u32)elapsed < interval)
			return true;
	}
	*last = now ?: 1;
	return false;
}

/**
 * cnet_tcp_rst_reply - the numbers of a reset answering a segment
 * @in: the segment no connection wants
 * @out: the reset's numbers
 *
 * RFC 9293 3.10.7.1: a segment with ACK gets <SEQ=SEG.ACK><CTL=RST>;
 * one without, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. A RST is never
 * answered.
 *
 * Return: false when nothing is to be sent.
 */
bool cnet_tcp_rst_reply(const struct cnet_tcp_seg *in, struct cnet_tcp_rst *out)
{
	if (in->rst)
		return false;
	if (in->ack) {
		*out = (struct cnet_tcp_rst){ .seq = in->ack_seq };
		return true;
	}
	*out = (struct cnet_tcp_rst){
		.ack_seq = in->seq + in->len,
		.ack	 = true,
	};
	return true;
}

/*
 * The wheel's tick an expiry falls in: rounded up, so an entry is never
 * removed before its time. @tick is the tick's length in jiffies, > 0.
 */
unsigned long cnet_tw_tick_of(unsigned long expires, unsigned long tick)
{
	return expires / tick + !!(expires % tick);
}

/* The slot of the tick @tick_idx. */
unsigned int cnet_tw_slot(unsigned long tick_idx)
{
	return tick_idx % CNET_TW_SLOTS;
}

/*
 * How many slots the timer visits when it runs at tick @now_idx and the
 * next tick it has not visited is @next_idx: every tick missed (a timer
 * runs late), at most one round (each slot once), none when it runs
 * early.
 */
unsigned long cnet_tw_catchup(unsigned long next_idx, unsigned long now_idx)
{
	if ((long)(now_idx - next_idx) < 0)
		return 0;
	return min_t(unsigned long, now_idx - next_idx + 1, CNET_TW_SLOTS);
}
