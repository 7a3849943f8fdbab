/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The pure decisions of TCP's small sockets (tcp_minisock.c): what a
 * listener does with a SYN (admission under the backlog), with the
 * segments that follow it (the request's state machine), when a SYN-ACK
 * is sent again and when a request is given up, what a TIME-WAIT entry
 * does with a segment (RFC 9293 3.10.7.4 and Linux's
 * tcp_timewait_state_process()), which sequence and acknowledgment numbers
 * a reset carries (RFC 9293 3.10.7.1), and the TIME-WAIT timer wheel's
 * slot arithmetic.
 *
 * Nothing here touches an skb, a socket or a lock: KUnit drives each
 * function with synthetic segments (tests/tcp_minisock_test.c). Sequence
 * comparisons go through tcp_seq.h.
 */
#ifndef _CNET_TCP_MINI_H
#define _CNET_TCP_MINI_H

#include <linux/list.h>
#include <linux/types.h>

/**
 * struct cnet_tcp_seg - what a decision needs of a received segment
 * @seq: SEG.SEQ
 * @ack_seq: SEG.ACK, meaningful when @ack
 * @len: SEG.LEN: bytes of data, plus one for a SYN, plus one for a FIN
 * @tsval: the timestamp option's TSval, when @saw_ts
 * @syn: SYN set
 * @ack: ACK set
 * @fin: FIN set
 * @rst: RST set
 * @saw_ts: it carries a timestamp option
 */
struct cnet_tcp_seg {
	u32	seq;
	u32	ack_seq;
	u32	len;
	u32	tsval;
	bool	syn;
	bool	ack;
	bool	fin;
	bool	rst;
	bool	saw_ts;
};

/* ---- the listener: SYN queue and accept queue ---- */

/*
 * SYN-ACKs sent again before a request is dropped: the default of the
 * namespace's tcp_synack_retries (Linux's)
 */
#define CNET_TCP_SYNACK_RETRIES		5
/* The first SYN-ACK timeout (Linux's TCP_TIMEOUT_INIT) and the cap (TCP_RTO_MAX) */
#define CNET_TCP_TIMEOUT_INIT_MS	1000
#define CNET_TCP_RTO_MAX_MS		120000

/**
 * enum cnet_tcp_syn_verdict - what a listener does with a new SYN
 * @CNET_TCP_SYN_ADMIT: make a request and answer with a SYN-ACK
 * @CNET_TCP_SYN_ACCEPTQ_FULL: drop it: the accept queue is full (Linux's
 *	ListenOverflows and ListenDrops)
 * @CNET_TCP_SYN_SYNQ_FULL: drop it: the SYN queue is full and SYN cookies
 *	are off (Linux's TCPReqQFullDrop and ListenDrops)
 * @CNET_TCP_SYN_COOKIE: answer with a SYN-ACK whose ISN is a cookie and
 *	keep no request (tcp_cookie.h)
 */
enum cnet_tcp_syn_verdict {
	CNET_TCP_SYN_ADMIT,
	CNET_TCP_SYN_ACCEPTQ_FULL,
	CNET_TCP_SYN_SYNQ_FULL,
	CNET_TCP_SYN_COOKIE,
};

enum cnet_tcp_syn_verdict cnet_tcp_syn_admit(u32 synq_len, u32 acceptq_len,
					     u32 backlog);
enum cnet_tcp_syn_verdict cnet_tcp_syn_admit_cookies(u32 synq_len,
						     u32 acceptq_len,
						     u32 backlog,
						     u8 syncookies);
bool cnet_tcp_acceptq_full(u32 acceptq_len, u32 backlog);

u32 cnet_tcp_synack_timeout_ms(u32 num_timeout);
bool cnet_tcp_synack_give_up(u32 num_timeout, u32 max_retries);

/**
 * struct cnet_tcp_req_view - what a decision needs of a request
 * @iss: our initial sequence number, the SYN-ACK's
 * @irs: the peer's, its SYN's
 * @rcv_wnd: the window the SYN-ACK offered, in bytes (unscaled)
 */
struct cnet_tcp_req_view {
	u32	iss;
	u32	irs;
	u32	rcv_wnd;
};

/**
 * enum cnet_tcp_req_act - what a segment for a request does (Linux's
 *	tcp_check_req())
 * @CNET_TCP_REQ_DROP: nothing (no ACK flag: wait for one)
 * @CNET_TCP_REQ_SYNACK: the SYN again: send the SYN-ACK again
 * @CNET_TCP_REQ_ACK: out of the window: send an ACK (the SYN-ACK's
 *	numbers), keep the request
 * @CNET_TCP_REQ_RESET: send a reset, keep the request (an ACK of
 *	something we never sent)
 * @CNET_TCP_REQ_KILL: drop the request (an acceptable RST)
 * @CNET_TCP_REQ_KILL_RESET: send a reset and drop the request (an
 *	in-window SYN that is not the first one again)
 * @CNET_TCP_REQ_CHILD: the handshake's last ACK: make the connection
 */
enum cnet_tcp_req_act {
	CNET_TCP_REQ_DROP,
	CNET_TCP_REQ_SYNACK,
	CNET_TCP_REQ_ACK,
	CNET_TCP_REQ_RESET,
	CNET_TCP_REQ_KILL,
	CNET_TCP_REQ_KILL_RESET,
	CNET_TCP_REQ_CHILD,
};

bool cnet_tcp_in_window(u32 seq, u32 end_seq, u32 s_win, u32 e_win);
enum cnet_tcp_req_act cnet_tcp_req_decide(const struct cnet_tcp_req_view *r,
					  const struct cnet_tcp_seg *seg);

/* ---- the SYN queue's timeouts ---- */

/*
 * When each request's SYN-ACK is due again, kept so that a listener's
 * timer touches only the requests that are due (not the whole SYN
 * queue): one FIFO per timeout count. Every request of level n waits the
 * same time (cnet_tcp_synack_timeout_ms(n)) from when it was filed, and
 * they are filed in time order, so each FIFO is in the order of its
 * expiries: the earliest expiry is one of CNET_SYNQ_LEVELS heads.
 *
 * One level per distinct timeout, not per retry: the timeout doubles from
 * 1 s until level 7, where it reaches the 120 s cap (1 s << 7 is past it)
 * and stays, so the last level holds every request of 7 timeouts or more,
 * all waiting the same 120 s. Each FIFO thus stays in expiry order
 * whatever the retries (tcp_synack_retries up to 255, a listener's
 * TCP_SYNCNT up to 127), now a runtime setting: sized by the retries,
 * the array would have to be as long as the largest allowed, and one
 * sized by a default let a request of 5 timeouts (32 s) wait behind one
 * of 7 (120 s) in the last FIFO. cnet_synq_init() checks the sizing.
 */
#define CNET_SYNQ_LEVELS	8

/**
 * struct cnet_synq_tnode - a request's place in the timeouts
 * @node: in its level's FIFO; empty when not filed
 * @expires: when it is due (jiffies, or any clock of the caller)
 */
struct cnet_synq_tnode {
	struct list_head	node;
	unsigned long		expires;
};

/**
 * struct cnet_synq_timers - a listener's requests by when they are due
 * @q: per level (timeouts so far, the last level for any more: all of
 *	them wait the cap), oldest expiry first
 */
struct cnet_synq_timers {
	struct list_head	q[CNET_SYNQ_LEVELS];
};

void cnet_synq_init(struct cnet_synq_timers *s);
void cnet_synq_arm(struct cnet_synq_timers *s, struct cnet_synq_tnode *n,
		   u32 level, unsigned long now, unsigned long timeout);
void cnet_synq_disarm(struct cnet_synq_tnode *n);
struct cnet_synq_tnode *cnet_synq_first_due(struct cnet_synq_timers *s,
					    unsigned long now);
bool cnet_synq_next(struct cnet_synq_timers *s, unsigned long *when);

/* ---- TIME-WAIT ---- */

/* TIME-WAIT lasts 2 MSL, 60 s as Linux's TCP_TIMEWAIT_LEN */
#define CNET_TCP_TW_TIMEOUT_MS_DEFAULT	60000
/* At most this many entries per namespace (Linux's tcp_max_tw_buckets) */
#define CNET_TCP_MAX_TW_DEFAULT		262144
/* Out-of-window ACKs: at most one each this many ms (tcp_invalid_ratelimit) */
#define CNET_TCP_OOW_ACK_MS		500

/**
 * struct cnet_tcp_tw_view - what a decision needs of a TIME-WAIT entry
 * @rcv_nxt: the next sequence number expected (past the peer's FIN)
 * @snd_nxt: ours (past our FIN)
 * @ts_recent: the peer's last timestamp, when @ts
 * @rcv_wnd: the window last offered, in bytes (FIN-WAIT-2 only)
 * @ts: timestamps were in use on the connection
 * @fin_wait2: the entry stands for an orphaned connection in FIN-WAIT-2
 *	(we sent our FIN and it was acknowledged; the peer's FIN is to
 *	come), not TIME-WAIT
 */
struct cnet_tcp_tw_view {
	u32	rcv_nxt;
	u32	snd_nxt;
	u32	ts_recent;
	u32	rcv_wnd;
	bool	ts;
	bool	fin_wait2;
};

/**
 * enum cnet_tcp_tw_act - what a segment for a TIME-WAIT entry does
 * @CNET_TCP_TW_DROP: nothing is sent
 * @CNET_TCP_TW_ACK: send an ACK (SEQ snd_nxt, ACK rcv_nxt): a
 *	retransmitted FIN, an old duplicate, anything out of the window
 * @CNET_TCP_TW_KILL: remove the entry: an acceptable RST (RFC 1337's
 *	"ignore RSTs in TIME-WAIT" is not applied: Linux's tcp_rfc1337=0)
 * @CNET_TCP_TW_SYN: remove the entry and let a listener take the SYN, a
 *	new incarnation of the connection (RFC 6191): its ISN is the
 *	verdict's @isn
 * @CNET_TCP_TW_RESET: send a reset and remove the entry (FIN-WAIT-2: new
 *	data after the user closed, or a SYN)
 */
enum cnet_tcp_tw_act {
	CNET_TCP_TW_DROP,
	CNET_TCP_TW_ACK,
	CNET_TCP_TW_KILL,
	CNET_TCP_TW_SYN,
	CNET_TCP_TW_RESET,
};

/**
 * struct cnet_tcp_tw_verdict - a TIME-WAIT decision
 * @act: what to do
 * @restart: restart the 2 MSL timer
 * @ts_update: the entry's ts_recent becomes the segment's TSval
 * @paws_reject: the segment's timestamp is older than ts_recent (counted)
 * @time_wait: FIN-WAIT-2 got the peer's FIN: the entry is now TIME-WAIT,
 *	its rcv_nxt past the FIN (@rcv_nxt), for 2 MSL (@restart)
 * @rcv_nxt: with @time_wait, the entry's new rcv_nxt
 * @isn: with CNET_TCP_TW_SYN, the ISN the new connection's SYN-ACK uses
 */
struct cnet_tcp_tw_verdict {
	enum cnet_tcp_tw_act	act;
	bool			restart;
	bool			ts_update;
	bool			paws_reject;
	bool			time_wait;
	u32			rcv_nxt;
	u32			isn;
};

void cnet_tcp_tw_decide(const struct cnet_tcp_tw_view *tw,
			const struct cnet_tcp_seg *seg,
			struct cnet_tcp_tw_verdict *v);
bool cnet_tcp_oow_ack_limited(const struct cnet_tcp_seg *seg, u32 *last,
			      u32 now, u32 interval);

/*
 * tcp_tw_reuse, as Linux's: may connect() take a TIME-WAIT entry's 4-tuple
 * over when its own search chose the port? (A port bind() chose always
 * may, with timestamps.)
 */
#define CNET_TCP_TW_REUSE_OFF		0	/* never */
#define CNET_TCP_TW_REUSE_ON		1	/* with timestamps */
#define CNET_TCP_TW_REUSE_LOOPBACK	2	/* the same, on loopback (default) */

bool cnet_tcp_tw_reusable(u32 reuse, bool bound, bool loopback, bool ts,
			  u32 ts_stamp_s, u32 now_s);
u32 cnet_tcp_tw_reuse_iss(u32 snd_nxt);

/* ---- resets ---- */

/**
 * struct cnet_tcp_rst - the numbers of a reset answering a segment
 * @seq: its SEG.SEQ
 * @ack_seq: its SEG.ACK, when @ack
 * @ack: it carries ACK
 */
struct cnet_tcp_rst {
	u32	seq;
	u32	ack_seq;
	bool	ack;
};

bool cnet_tcp_rst_reply(const struct cnet_tcp_seg *in, struct cnet_tcp_rst *out);

/* ---- the TIME-WAIT timer wheel ---- */

/*
 * Entries wait in one of CNET_TW_SLOTS slots by the tick their expiry
 * falls in; one timer per namespace visits the slots tick after tick and
 * removes the entries that are due. A slot is a tick wide; CNET_TW_SLOTS
 * ticks span a round, longer than the default 60 s, so an entry of the
 * default timeout is visited once.
 */
#define CNET_TW_SLOTS		256
#define CNET_TW_TICK_MS		250

unsigned long cnet_tw_tick_of(unsigned long expires, unsigned long tick);
unsigned int cnet_tw_slot(unsigned long tick_idx);
unsigned long cnet_tw_catchup(unsigned long next_idx, unsigned long now_idx);

#endif /* _CNET_TCP_MINI_H */
