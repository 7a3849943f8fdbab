/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP congestion control and loss recovery without SACK: pure functions of
 * (state, ACK) that return what the sender must do. No skb, no socket, no
 * lock, no clock: the caller passes what it saw and acts on the returned
 * CNET_TCP_CC_* bits. KUnit drives them with synthetic ACK streams
 * (tests/tcp_cong_test.c).
 *
 * Two parts, as in Linux (whose tcp_input.c holds loss recovery and whose
 * tcp_cong.c holds the algorithms):
 *
 * - tcp_cong.c: the algorithms, struct cnet_tcp_cong_ops, found by name
 *   (cnet_tcp_cong_find(): "reno", "cubic" in tcp_cubic.c). An algorithm
 *   decides how cwnd grows on new ACKs outside recovery (->cong_avoid) and
 *   what ssthresh becomes on a loss (->ssthresh); slow start and additive
 *   increase are helpers it may call.
 * - tcp_recovery.c: when the ACK stream says a segment was lost and what
 *   to retransmit: duplicate-ACK counting, fast retransmit, fast recovery
 *   with NewReno's partial ACKs, the RTO's loss window and the "recover"
 *   guard. It is the same for every algorithm; SACK-based recovery
 *   (RFC 6675, RACK) will replace it without touching the algorithms.
 *
 * Everything is in bytes (RFC 3465 byte counting); TCP_INFO's snd_cwnd and
 * snd_ssthresh are in segments: cnet_tcp_cc_cwnd_segs() and
 * cnet_tcp_cc_ssthresh_segs(). SMSS is @mss, FlightSize the caller's
 * @flight (bytes sent and not cumulatively acknowledged).
 *
 * Initial window (RFC 6928):
 *   cwnd     = min(10 * SMSS, max(2 * SMSS, 14600))
 *   ssthresh = "infinite" (CNET_TCP_SSTHRESH_INF)
 *
 * Growth on an ACK of N new bytes, outside fast recovery (NewReno):
 *   slow start, cwnd < ssthresh (RFC 3465 2.2, RFC 5681 eq. 2):
 *     cwnd += min(N, L), L = 2 * SMSS, but L = SMSS in the slow start
 *     that follows an RTO (RFC 3465 2.3); cwnd stops at ssthresh and the
 *     rest of N counts for congestion avoidance (as Linux's slow start).
 *   congestion avoidance, cwnd >= ssthresh (RFC 3465 2.1):
 *     bytes_acked += N; while bytes_acked >= cwnd:
 *       bytes_acked -= cwnd, cwnd += SMSS
 *     so about one SMSS per window (RFC 5681 eq. 3 without its rounding).
 *   No growth when the caller says the flight was application limited
 *   (RFC 7661's idea; leave @app_limited false for plain RFC 5681), nor
 *   on the full ACK that ends fast recovery.
 *
 * Loss (RFC 5681 eq. 4, the algorithm's ->ssthresh; NewReno):
 *   ssthresh = max(FlightSize / 2, 2 * SMSS)
 *
 * Fast retransmit and fast recovery (RFC 5681 3.2, RFC 6582 3.2):
 *   duplicate ACKs 1 and 2: cwnd unchanged; limited transmit (RFC 3042)
 *     lets one new SMSS out for each: cnet_tcp_cc_send_window() is
 *     cwnd + dupacks * SMSS, the amount the sender may have in flight.
 *   3rd duplicate ACK, not in recovery, ack >= recover:
 *     ssthresh = ->ssthresh(min(FlightSize, cwnd)) (FlightSize without
 *     what limited transmit sent); cwnd = ssthresh + 3 * SMSS;
 *     recover = snd_nxt; RETRANSMIT_HEAD | ENTER_RECOVERY.
 *   further duplicate ACKs in recovery: cwnd += SMSS (inflation).
 *   partial ACK (ack < recover) acknowledging N bytes:
 *     cwnd = max(cwnd - N, SMSS), + SMSS if N >= SMSS; RETRANSMIT_HEAD
 *     (the first unacknowledged segment, at the new snd_una); stay.
 *   full ACK (ack >= recover):
 *     cwnd = min(ssthresh, max(FlightSize, SMSS) + SMSS) (RFC 6582's
 *     first choice, no burst); EXIT_RECOVERY.
 *   @recover is one past RFC 6582's (snd_nxt, not the highest sequence
 *   number sent), so the RFC's "covers more than recover" and "up to and
 *   including recover" both read ack >= recover.
 *
 * After idle (RFC 2861, RFC 5681 4.1, as Linux): sending again after more
 *   than an RTO without sending, ssthresh = max(ssthresh, 3/4 cwnd) and
 *   cwnd is halved once per k >= 1 with idle > k * RTO, down to
 *   min(IW, cwnd).
 *
 * Retransmission timeout (RFC 5681 3.1, RFC 6582 3.2 step 4):
 *   ssthresh = ->ssthresh(FlightSize), unless this window was reduced
 *   already: the timeout repeats before an ACK reached recover (RFC 5681:
 *   ssthresh is held across repeated timeouts of one segment), or it
 *   comes during fast recovery or an ECE's reduction (as Linux's
 *   tcp_enter_loss()); cwnd = SMSS (the loss window); fast recovery ends;
 *   recover = snd_nxt. Until an ACK reaches recover (Loss): everything
 *   outstanding is presumed lost, as Linux marks it, so each ACK that
 *   moves snd_una returns RETRANSMIT_HEAD for the next hole (the caller
 *   resends its head, as after the expiry itself, rather than going back
 *   N); duplicate ACKs do not start a fast retransmit (the "recover"
 *   guard: they answer retransmissions, they are no new loss); and the
 *   same window is not reduced again.
 *
 * ECN (RFC 3168 6.1.2): an ACK with ECE outside any reduction halves as a
 *   loss does (ssthresh = ->ssthresh(FlightSize), cwnd = min(cwnd,
 *   ssthresh)), without growth on that ACK, and
 *   returns CWR (the caller sets CWR on its next new segment); once per
 *   window: no second reduction until an ACK reaches recover = snd_nxt.
 *   A loss in that window enters fast recovery without reducing again.
 *
 * Use, from the socket (which serialises calls on one state: its lock):
 * - once the handshake is done: cnet_tcp_cc_init_ops(cc, mss, snd_nxt,
 *   ops) with the socket's algorithm (TCP_CONGESTION, or the namespace's
 *   tcp_congestion, CNET_TCP_CONG_DEFAULT unless set);
 * - TCP_CONGESTION on a connection: cnet_tcp_cc_set_ops() (the windows
 *   stay, the new algorithm starts from them, as Linux's
 *   tcp_reinit_congestion_control());
 * - each acceptable ACK: fill struct cnet_tcp_cc_ack, then act on
 *   cnet_tcp_cc_on_ack()'s bits: RETRANSMIT_HEAD resend the head and
 *   restart the timer, ENTER_RECOVERY count a fast retransmit, CWR set
 *   CWR on the next new segment;
 * - sending: keep in flight at most cnet_tcp_cc_send_window() (and the
 *   peer's window); before sending from an empty flight, call
 *   cnet_tcp_cc_after_idle() with the time since the last send;
 * - the retransmission timer: cnet_tcp_cc_on_rto(cc, snd_nxt - snd_una,
 *   snd_nxt), then resend the head (tcp_rto.h backs the timer off);
 * - a new SMSS (path MTU, TCP_MAXSEG): cnet_tcp_cc_set_mss();
 * - TCP_INFO: cnet_tcp_cc_cwnd_segs(), cnet_tcp_cc_ssthresh_segs(),
 *   cnet_tcp_cc_ca_state().
 */
#ifndef _CNET_TCP_CONG_H
#define _CNET_TCP_CONG_H

#include <linux/types.h>

#define CNET_TCP_CA_NAME_MAX	16		/* Linux's TCP_CA_NAME_MAX */
#define CNET_TCP_SSTHRESH_INF	0x7fffffffU	/* bytes; "infinite" */
#define CNET_TCP_CWND_MAX	0x3fffffffU	/* bytes; growth stops there */
#define CNET_TCP_INIT_CWND_BYTES 14600U		/* RFC 6928 */
#define CNET_TCP_CONG_DEFAULT	"cubic"		/* a namespace's, as Linux */

/* What cnet_tcp_cc_on_ack() asks of the caller (bits). */
#define CNET_TCP_CC_RETRANSMIT_HEAD	0x01	/* resend the segment at the new
						 * snd_una (and restart the
						 * retransmission timer): 3rd
						 * duplicate, partial ACK, ACK
						 * below recover after an RTO
						 */
#define CNET_TCP_CC_ENTER_RECOVERY	0x02	/* fast recovery began (count a
						 * fast retransmit)
						 */
#define CNET_TCP_CC_EXIT_RECOVERY	0x04	/* fast recovery ended */
#define CNET_TCP_CC_CWR			0x08	/* ECE answered: set CWR on the
						 * next new segment
						 */

/* The congestion-control state, as Linux's enum tcp_ca_state numbers it
 * (TCP_INFO's tcpi_ca_state), from cnet_tcp_cc_ca_state().
 */
enum cnet_tcp_ca_state {
	CNET_TCP_CA_OPEN	= 0,
	CNET_TCP_CA_DISORDER	= 1,	/* duplicate ACKs seen, no loss yet */
	CNET_TCP_CA_CWR		= 2,	/* reduced for ECE */
	CNET_TCP_CA_RECOVERY	= 3,	/* fast recovery */
	CNET_TCP_CA_LOSS	= 4,	/* after a retransmission timeout */
};

struct cnet_tcp_cong_ops;

/**
 * struct cnet_tcp_cc - one connection's congestion state (bytes)
 * @cwnd: congestion window (inflated by duplicate ACKs in fast recovery)
 * @ssthresh: slow start threshold; CNET_TCP_SSTHRESH_INF until a loss
 * @mss: the sender's SMSS
 * @ca_acked: bytes acknowledged towards the next congestion-avoidance
 *	increase (RFC 3465's bytes_acked)
 * @recover: snd_nxt when the last reduction began (RFC 6582 "recover",
 *	plus one); meaningful while @in_recovery, @in_loss or @in_cwr
 * @dupacks: duplicate ACKs in a row since snd_una last moved (saturates)
 * @in_recovery: in fast recovery, until an ACK reaches @recover
 * @in_loss: after a retransmission timeout, until an ACK reaches @recover
 * @in_cwr: reduced for ECE, until an ACK reaches @recover
 * @ops: the algorithm
 * @priv: the algorithm's own state (->init() sets it up)
 */
struct cnet_tcp_cc {
	u32	cwnd;
	u32	ssthresh;
	u32	mss;
	u32	ca_acked;
	u32	recover;
	u8	dupacks;
	bool	in_recovery;
	bool	in_loss;
	bool	in_cwr;
	const struct cnet_tcp_cong_ops *ops;
	u64	priv[8];
};

/**
 * struct cnet_tcp_cc_ack - what the caller saw in one acceptable ACK
 * @ack: its acknowledgment number
 * @snd_una: snd_una before this ACK (new bytes = ack - snd_una)
 * @snd_nxt: the highest snd_nxt so far (one past the last byte sent)
 * @flight: FlightSize once this ACK is taken: bytes sent and not yet
 *	cumulatively acknowledged (snd_nxt - ack without SACK)
 * @dup: a duplicate ACK as RFC 5681 2 defines it (ack == snd_una,
 *	outstanding data, no data, no SYN/FIN, window unchanged), decided by
 *	the caller
 * @ece: the ACK has ECE set (and ECN was negotiated)
 * @app_limited: the sender had less than cwnd in flight for lack of data
 *	when the acknowledged data was sent: no growth
 * @now_us: the time, for algorithms that need it (CUBIC); NewReno ignores
 * @rtt_us: an RTT sample taken from this ACK (Karn's rule), 0 if none;
 *	NewReno ignores it
 */
struct cnet_tcp_cc_ack {
	u32	ack;
	u32	snd_una;
	u32	snd_nxt;
	u32	flight;
	bool	dup;
	bool	ece;
	bool	app_limited;
	u64	now_us;
	u32	rtt_us;
};

/**
 * struct cnet_tcp_cong_ops - a congestion control algorithm
 * @name: as TCP_CONGESTION names it ("reno", "cubic")
 * @init: optional; set up @priv (cwnd and ssthresh are already set)
 * @ssthresh: the new ssthresh after a loss or ECE, from FlightSize
 * @cong_avoid: grow cwnd for @acked new bytes, outside fast recovery
 *	(cnet_tcp_cc_slow_start() and cnet_tcp_cc_cong_avoid_ai() help)
 * @set_state: optional; told the new state (enum cnet_tcp_ca_state) each
 *	time it changes and only then, e.g. to restart an epoch on a timeout
 * @tx_start: optional; data goes out again from an empty flight after
 *	@idle_us without sending (cnet_tcp_cc_after_idle(), before it
 *	touches cwnd), e.g. to move CUBIC's epoch by the idle time
 */
struct cnet_tcp_cong_ops {
	const char *name;
	void (*init)(struct cnet_tcp_cc *cc);
	u32 (*ssthresh)(struct cnet_tcp_cc *cc, u32 flight);
	void (*cong_avoid)(struct cnet_tcp_cc *cc, u32 acked,
			   const struct cnet_tcp_cc_ack *a);
	void (*set_state)(struct cnet_tcp_cc *cc, u8 ca_state);
	void (*tx_start)(struct cnet_tcp_cc *cc, u32 idle_us);
};

extern const struct cnet_tcp_cong_ops cnet_tcp_reno;
extern const struct cnet_tcp_cong_ops cnet_tcp_cubic;

/* tcp_cong.c: the algorithms */
const struct cnet_tcp_cong_ops *cnet_tcp_cong_find(const char *name);
const struct cnet_tcp_cong_ops *cnet_tcp_cong_default(void);
void cnet_tcp_cc_init(struct cnet_tcp_cc *cc, u32 mss, u32 snd_nxt);
void cnet_tcp_cc_init_ops(struct cnet_tcp_cc *cc, u32 mss, u32 snd_nxt,
			  const struct cnet_tcp_cong_ops *ops);
void cnet_tcp_cc_set_ops(struct cnet_tcp_cc *cc,
			 const struct cnet_tcp_cong_ops *ops);
void cnet_tcp_cc_set_mss(struct cnet_tcp_cc *cc, u32 mss);
u32 cnet_tcp_cc_initial_cwnd(u32 mss);
u32 cnet_tcp_cc_slow_start(struct cnet_tcp_cc *cc, u32 acked);
void cnet_tcp_cc_cong_avoid_ai(struct cnet_tcp_cc *cc, u32 w, u32 acked);
u32 cnet_tcp_cc_cwnd_segs(const struct cnet_tcp_cc *cc);
u32 cnet_tcp_cc_ssthresh_segs(const struct cnet_tcp_cc *cc);
void cnet_tcp_cc_after_idle(struct cnet_tcp_cc *cc, u32 idle_us, u32 rto_us);
u8 cnet_tcp_cc_ca_state(const struct cnet_tcp_cc *cc);

/* tcp_cubic.c: CUBIC's curve, for tests */
u32 cnet_tcp_cubic_k(u32 diff, u32 mss);
u32 cnet_tcp_cubic_w(u32 origin, u32 k, u64 t_us, u32 mss);
u32 cnet_tcp_cubic_w_max(struct cnet_tcp_cc *cc);
u32 cnet_tcp_cubic_origin(struct cnet_tcp_cc *cc);

/* tcp_recovery.c: loss recovery */
u32 cnet_tcp_cc_on_ack(struct cnet_tcp_cc *cc, const struct cnet_tcp_cc_ack *a);
void cnet_tcp_cc_on_rto(struct cnet_tcp_cc *cc, u32 flight, u32 snd_nxt);
u32 cnet_tcp_cc_send_window(const struct cnet_tcp_cc *cc);

#endif /* _CNET_TCP_CONG_H */
