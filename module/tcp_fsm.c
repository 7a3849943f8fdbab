// SPDX-License-Identifier: GPL-2.0
/*
 * TCP's state-transition decisions (RFC 9293 3.10.7.3 SYN-SENT and
 * 3.10.7.4 "Other states"), with RFC 5961: a RST whose sequence number is
 * in the window but not exactly RCV.NXT, and any SYN on a synchronized
 * connection, get a challenge ACK instead of resetting it; an ACK of
 * data never sent, or older than the peer's largest window, is answered
 * with an ACK and dropped. Pure: see tcp_fsm.h.
 */
#include <net/tcp_states.h>

#include "tcp_fsm.h"
#include "tcp_hdr.h"
#include "tcp_seq.h"

/* Synchronized states: RFC 9293 3.10.7.4's first check onwards */
static u32 fsm_sync(int state, const struct cnet_tcp_fsm_seg *seg,
		    const struct cnet_tcp_fsm_vars *v, int *next)
{
	bool syn = seg->flags & CNET_TCP_SEG_SYN, fin = seg->flags & CNET_TCP_SEG_FIN;
	u32 seglen = seg->len + syn + fin;
	bool fin_acked, fin_in_order;
	u32 todo = 0;

	*next = state;

	/*
	 * Simultaneous open: the peer's SYN-ACK crossed ours. It carries the
	 * SYN we have (RCV.NXT - 1) and acknowledges ours: it establishes,
	 * and is acknowledged (as Linux's tcp_validate_incoming() lets it
	 * pass); otherwise it is an old SYN, not acceptable below.
	 */
	if (state == TCP_SYN_RECV && syn && (seg->flags & CNET_TCP_SEG_ACK) &&
	    !(seg->flags & CNET_TCP_SEG_RST) && !fin && !seg->len &&
	    seg->seq + 1 == v->rcv_nxt && seg->ack == v->snd_nxt) {
		*next = TCP_ESTABLISHED;
		return CNET_TCP_DO_UPDATE | CNET_TCP_DO_ACK | CNET_TCP_DO_DROP;
	}

	/* 1. sequence number acceptable? */
	if (!cnet_tcp_seq_acceptable(seg->seq, seglen, v->rcv_nxt, v->rcv_wnd)) {
		if (seg->flags & CNET_TCP_SEG_RST)
			return CNET_TCP_DO_DROP;
		/* TIME-WAIT: a retransmitted FIN restarts 2 MSL */
		if (state == TCP_TIME_WAIT && fin)
			todo |= CNET_TCP_DO_TIMEWAIT;
		return todo | CNET_TCP_DO_ACK | CNET_TCP_DO_DROP;
	}

	/* 2. RST: exactly RCV.NXT resets, elsewhere in window challenges */
	if (seg->flags & CNET_TCP_SEG_RST) {
		if (seg->seq != v->rcv_nxt)
			return CNET_TCP_DO_CHALLENGE | CNET_TCP_DO_DROP;
		*next = TCP_CLOSE;
		switch (state) {
		case TCP_CLOSING:
		case TCP_LAST_ACK:
		case TCP_TIME_WAIT:
			return CNET_TCP_DO_CLOSE | CNET_TCP_DO_DROP;
		default:
			return CNET_TCP_DO_RESET | CNET_TCP_DO_CLOSE |
			       CNET_TCP_DO_DROP;
		}
	}

	/* 4. SYN on a synchronized connection: challenge (RFC 5961 4.2) */
	if (syn)
		return CNET_TCP_DO_CHALLENGE | CNET_TCP_DO_DROP;

	/* 5. no ACK: drop */
	if (!(seg->flags & CNET_TCP_SEG_ACK))
		return CNET_TCP_DO_DROP;

	if (state == TCP_SYN_RECV) {
		if (!cnet_seq_after(seg->ack, v->snd_una) ||
		    cnet_seq_after(seg->ack, v->snd_nxt))
			return CNET_TCP_DO_RST | CNET_TCP_DO_DROP;
		state = TCP_ESTABLISHED;
		*next = state;
	}

	/* RFC 5961 5.2: SND.UNA - MAX.SND.WND <= SEG.ACK <= SND.NXT */
	if (cnet_seq_after(seg->ack, v->snd_nxt) ||
	    cnet_seq_before(seg->ack, v->snd_una - v->max_window))
		return CNET_TCP_DO_ACK | CNET_TCP_DO_DROP;
	todo |= CNET_TCP_DO_UPDATE;

	fin_acked = v->fin_sent && seg->ack == v->snd_nxt;
	if (fin_acked)
		todo |= CNET_TCP_DO_FIN_ACKED;
	switch (state) {
	case TCP_FIN_WAIT1:
		if (fin_acked)
			*next = TCP_FIN_WAIT2;
		break;
	case TCP_CLOSING:
		if (fin_acked) {
			*next = TCP_TIME_WAIT;
			todo |= CNET_TCP_DO_TIMEWAIT;
		}
		return todo | CNET_TCP_DO_DROP;
	case TCP_LAST_ACK:
		if (fin_acked) {
			*next = TCP_CLOSE;
			todo |= CNET_TCP_DO_CLOSE;
		}
		return todo | CNET_TCP_DO_DROP;
	case TCP_TIME_WAIT:
		/* only a retransmitted FIN arrives (and is out of window) */
		return todo | CNET_TCP_DO_DROP;
	}

	/* 7. data: only while the peer may still send */
	if (seg->len && (state == TCP_ESTABLISHED || state == TCP_FIN_WAIT1 ||
			 state == TCP_FIN_WAIT2))
		todo |= CNET_TCP_DO_DATA;

	/* 8. FIN, once everything before it has arrived */
	fin_in_order = cnet_seq_leq(seg->seq, v->rcv_nxt) &&
		       cnet_seq_geq(seg->seq + seg->len, v->rcv_nxt);
	if (!fin || !fin_in_order)
		return todo;
	switch (state) {
	case TCP_ESTABLISHED:
		*next = TCP_CLOSE_WAIT;
		break;
	case TCP_FIN_WAIT1:
		*next = fin_acked ? TCP_TIME_WAIT : TCP_CLOSING;
		if (fin_acked)
			todo |= CNET_TCP_DO_TIMEWAIT;
		break;
	case TCP_FIN_WAIT2:
		*next = TCP_TIME_WAIT;
		todo |= CNET_TCP_DO_TIMEWAIT;
		break;
	default:	/* CLOSE-WAIT: the FIN was taken already */
		return todo | CNET_TCP_DO_ACK;
	}
	return todo | CNET_TCP_DO_FIN | CNET_TCP_DO_ACK;
}

/* SYN-SENT (RFC 9293 3.10.7.3) */
static u32 fsm_syn_sent(const struct cnet_tcp_fsm_seg *seg,
			const struct cnet_tcp_fsm_vars *v, int *next)
{
	bool ack = seg->flags & CNET_TCP_SEG_ACK;
	bool ack_ok = false;

	*next = TCP_SYN_SENT;
	if (ack) {
		if (cnet_seq_leq(seg->ack, v->iss) ||
		    cnet_seq_after(seg->ack, v->snd_nxt))
			return seg->flags & CNET_TCP_SEG_RST ? CNET_TCP_DO_DROP :
			       CNET_TCP_DO_RST | CNET_TCP_DO_DROP;
		ack_ok = cnet_seq_after(seg->ack, v->snd_una);
	}
	if (seg->flags & CNET_TCP_SEG_RST) {
		if (!ack_ok)
			return CNET_TCP_DO_DROP;
		*next = TCP_CLOSE;
		return CNET_TCP_DO_RESET | CNET_TCP_DO_CLOSE | CNET_TCP_DO_DROP;
	}
	if (!(seg->flags & CNET_TCP_SEG_SYN))
		return CNET_TCP_DO_DROP;
	if (ack_ok) {
		*next = TCP_ESTABLISHED;
		return CNET_TCP_DO_ESTABLISH | CNET_TCP_DO_UPDATE |
		       CNET_TCP_DO_ACK | CNET_TCP_DO_DROP;
	}
	if (ack)	/* an ACK of nothing new: not for us */
		return CNET_TCP_DO_DROP;
	/* simultaneous open */
	*next = TCP_SYN_RECV;
	return CNET_TCP_DO_ESTABLISH | CNET_TCP_DO_SYNACK | CNET_TCP_DO_DROP;
}

/**
 * cnet_tcp_fsm - what a segment does to a connection
 * @state: its state (TCP_SYN_SENT, TCP_ESTABLISHED... not LISTEN or CLOSE)
 * @seg: the segment
 * @v: the connection's variables
 * @next: the state after it
 *
 * Return: CNET_TCP_DO_* bits. DO_DATA and DO_FIN are in the order the
 * caller carries them out: the ACK first (DO_UPDATE), then the data, then
 * the FIN. A segment that is only partly in the window is acceptable;
 * the caller trims it.
 */
u32 cnet_tcp_fsm(int state, const struct cnet_tcp_fsm_seg *seg,
		 const struct cnet_tcp_fsm_vars *v, int *next)
{
	switch (state) {
	case TCP_SYN_SENT:
		return fsm_syn_sent(seg, v, next);
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
	case TCP_TIME_WAIT:
		return fsm_sync(state, seg, v, next);
	default:
		*next = state;
		return CNET_TCP_DO_DROP;
	}
}
