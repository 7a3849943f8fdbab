/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP (RFC 9293): the socket and the internal API its files share, as
 * include/net/tcp.h for net/ipv4:
 *
 *   tcp_sock.c      socket calls: struct proto, proto_ops (connect, send,
 *		     receive, shutdown, close, poll, options)
 *   tcp_input.c     cnet_tcp_rcv(): checks, demultiplexing, per-state
 *		     processing of a segment (decisions by tcp_fsm.c)
 *   tcp_output.c    building and sending segments, the retransmission
 *		     queue (sk_write_queue)
 *   tcp_timer.c     the one timer of a connection, multiplexed over its
 *		     events (retransmission, delayed ACK, probe, keepalive,
 *		     TIME_WAIT while the socket holds it itself), and the
 *		     pacing hrtimer, the one exception (below)
 *   tcp_fsm.c       pure: what a segment does in each state
 *   tcp_minisock.c  the passive side: listen(), SYN queue, accept queue,
 *		     TIME_WAIT entries, stateless replies
 *
 * Locking, the Linux way: a connection's state is written by process
 * context under lock_sock() and by softirq context under bh_lock_sock()
 * when the socket is not owned by a user; a segment (or a timer event)
 * arriving while a user owns it goes to the backlog (sk_add_backlog()),
 * which release_sock() processes (sk_backlog_rcv). Everything in struct
 * cnet_tcp_sock below is under that lock unless said otherwise.
 *
 * Pacing (tcp_pacing.h), as Linux: the pacing rate (sk_pacing_rate) is
 * kept up to date on every ACK for any qdisc to use, and an fq qdisc on
 * the device paces the flow by it (sch_fq marks the socket
 * SK_PACING_FQ). The stack paces itself only when the socket asks for
 * pacing (SK_PACING_NEEDED: SO_MAX_PACING_RATE set, by the core's
 * sk_setsockopt()) and no fq does it: so, as on Linux, a CUBIC or NewReno
 * flow without SO_MAX_PACING_RATE is not paced unless the device has fq.
 * Internal pacing needs a timer finer than a jiffy (HZ may be 250: 4 ms
 * is 5 MB at 10 Gbit/s), so it has its own hrtimer, @pacing_timer: the
 * one exception to "one timer per connection", as Linux's pacing_timer
 * is beside its jiffies timers. It holds a reference on the socket while
 * queued, defers to release_sock() as the one timer does
 * (@pacing_deferred), and cnet_tcp_timer_stop_all() cancels it.
 */
#ifndef _CNET_TCP_H
#define _CNET_TCP_H

#include <linux/hrtimer.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/workqueue.h>
#include <net/tcp_states.h>

#include "sock.h"
#include "tcp_autotune.h"
#include "tcp_cong.h"
#include "tcp_ecn.h"
#include "tcp_ofo.h"
#include "tcp_rack.h"
#include "tcp_sack.h"
#include "tcp_rto.h"
#include "tcp_seq.h"
#include "tcp_ts.h"
#include "tcp_mtu.h"

/* What cnet sends with when nothing better is known (RFC 9293 3.7.1) */
#define CNET_TCP_DEFAULT_MSS	536
/* The 2 MSL a connection stays in TIME_WAIT (as Linux's TCP_TIMEWAIT_LEN) */
#define CNET_TCP_TIMEWAIT_MS	60000
/*
 * Retransmissions of a SYN, and of data, before giving up (as Linux): the
 * defaults of the namespace's tcp_syn_retries and tcp_retries2
 */
#define CNET_TCP_SYN_RETRIES	6
#define CNET_TCP_RETRIES2	15
/* The largest receive buffer (Linux's tcp_rmem[2] default) */
#define CNET_TCP_RMEM_MAX	(6 * 1024 * 1024)
/* The largest send buffer autotuning makes (Linux's tcp_wmem[2] default) */
#define CNET_TCP_WMEM_MAX	(4 * 1024 * 1024)
/* Room for the IPv4 and link headers in front of a segment */
#define CNET_TCP_MAX_HEADER	(LL_MAX_HEADER + sizeof(struct iphdr) + 60)

/**
 * struct cnet_tcp_skb_cb - what a queued segment carries in skb->cb
 * @seq: its first sequence number
 * @end_seq: @seq + data + SYN + FIN
 * @flags: CNET_TCPF_* of the header it is sent with (SYN, FIN, PSH)
 * @sent_us: when it was last sent (RTT samples: not for a retransmitted
 *	one, Karn's rule)
 * @retrans: how many times it was retransmitted
 * @off: receive queue: bytes of it already read
 */
struct cnet_tcp_skb_cb {
	u32	seq;
	u32	end_seq;
	u8	flags;
	u8	retrans;
	u32	off;
	u64	sent_us;
};

#define CNET_TCP_SKB_CB(skb)	((struct cnet_tcp_skb_cb *)&((skb)->cb[0]))

/**
 * struct cnet_tcp_ofo_cb - skb->cb of a segment in the out-of-order queue
 * @seg: the queue's node and range (tcp_ofo.h)
 * @fin: the segment carries the peer's FIN, after its data
 */
struct cnet_tcp_ofo_cb {
	struct cnet_tcp_ofo_seg	seg;
	bool			fin;
};

#define CNET_TCP_OFO_CB(skb)	((struct cnet_tcp_ofo_cb *)&((skb)->cb[0]))

/* The events of a connection's one timer (struct cnet_tcp_sock.when[]) */
enum cnet_tcp_timer_ev {
	CNET_TCP_EV_RETRANS,	/* the oldest unacknowledged segment */
	CNET_TCP_EV_DELACK,	/* a delayed ACK is due */
	CNET_TCP_EV_PROBE,	/* zero-window probe */
	CNET_TCP_EV_KEEPALIVE,
	CNET_TCP_EV_TIMEWAIT,	/* TIME_WAIT (or an orphan's FIN_WAIT2) ends */
	CNET_TCP_EV_RACK,	/* RACK's reorder timer (tcp_rack.h) */
	CNET_TCP_EV_TLP,	/* the tail loss probe timeout (tcp_rack.h) */
	CNET_TCP_EV_MAX,
};

/**
 * struct cnet_tcp_sock - a TCP connection (RFC 9293 3.3.1's variables)
 * @cs: the AF_CUSTOM socket; must be first
 * @iss: initial send sequence number
 * @snd_una: oldest unacknowledged sequence number
 * @snd_nxt: next sequence number to send
 * @write_seq: sequence number after the last byte queued by the user
 * @snd_wnd: the peer's window, in bytes (scaled)
 * @max_window: the largest window the peer offered
 * @snd_wl1: segment sequence number of the last window update
 * @snd_wl2: segment acknowledgment number of the last window update
 * @irs: initial receive sequence number
 * @rcv_nxt: next sequence number expected
 * @rcv_wnd: the window last advertised, in bytes
 * @rcv_wup: @rcv_nxt when @rcv_wnd was advertised (its right edge is
 *	@rcv_wup + @rcv_wnd)
 * @copied_seq: the next sequence number the user reads
 * @rcv_rtt: the receiver's round-trip estimate, for autotuning
 *	(tcp_autotune.c)
 * @rcvq_space: what the user read per round trip, for autotuning
 * @ofo: segments received after a hole (struct cnet_tcp_ofo_cb in their
 *	skb->cb), charged to the receive buffer
 * @mss: the largest segment it sends (the peer's MSS option, the route's)
 * @adv_mss: the MSS it advertised
 * @rcv_mss: the MSS it estimates the peer sends with
 * @snd_wscale: the peer's window scale (shift of the windows it sends)
 * @rcv_wscale: ours (shift of the windows we advertise)
 * @wscale_ok: both sides sent the window scale option
 * @fin_sent: our FIN was sent (it is the end of @snd_nxt then)
 * @tw_held: the full socket holds TIME_WAIT itself (until
 *	cnet_tcp_time_wait() takes it over: see tcp_minisock.c)
 * @nodelay: TCP_NODELAY: no Nagle
 * @cork: TCP_CORK
 * @pending_ack: segments received and not yet acknowledged
 * @quickack: ACK every segment for this many more
 * @send_head: the first segment of sk_write_queue not sent yet, or NULL
 * @timer: the connection's one timer (holds a reference on the socket
 *	while pending, sk_reset_timer())
 * @when: per event, in jiffies, when it is due; 0 when off
 * @timer_deferred: the timer fired while a user owned the socket:
 *	release_sock() runs the events due (sk_prot->release_cb)
 * @rto: the retransmission timeout estimator (tcp_rto.c); its
 *	retransmits counts expiries since the last progress
 * @probes_out: probes (zero-window or keepalive) the peer did not
 *	answer: any acceptable ACK zeroes it (Linux's icsk_probes_out)
 * @probe_backoff: zero-window probe doublings; zero when the window opens
 * @probes_tstamp: jiffies of the first zero-window probe of this closed
 *	window, 0 when none (TCP_USER_TIMEOUT counts from it)
 * @rcv_tstamp: jiffies when the peer last sent an acceptable segment
 *	(keepalive's quiet time counts from it)
 * @retrans_stamp: jiffies when the first segment being retransmitted was
 *	first sent; valid while @rto.retransmits > 0 (the retries and
 *	TCP_USER_TIMEOUT count from it)
 * @timer_at: the deadline @timer is armed for, 0 when it is not
 * @keepalive_time: TCP_KEEPIDLE in jiffies, 0 for the namespace's
 * @keepalive_intvl: TCP_KEEPINTVL in jiffies, 0 for the namespace's
 * @keepalive_probes: TCP_KEEPCNT, 0 for the namespace's
 * @user_timeout: TCP_USER_TIMEOUT in ms, 0 for none
 * @syn_retries: TCP_SYNCNT, 0 for the namespace's tcp_syn_retries (a
 *	listener's bounds its SYN-ACK retransmissions instead of
 *	tcp_synack_retries)
 * @linger2: TCP_LINGER2: an orphan's FIN-WAIT-2 in jiffies, 0 for the
 *	namespace's tcp_fin_timeout_s, negative: a RST at once
 * @defer_accept: a listener's TCP_DEFER_ACCEPT, in SYN-ACK timeouts
 * @ca_ops: the congestion control (TCP_CONGESTION; the namespace's
 *	tcp_congestion when the socket was made; a listener's children
 *	inherit it); written under lock_sock(), read with READ_ONCE()
 * @cc: congestion control and loss recovery (tcp_cong.c, tcp_recovery.c)
 * @lsndtime_us: when data last went out (ktime, microseconds), 0 before
 *	any: a send from an empty flight after more than an RTO restarts the
 *	window (cnet_tcp_cc_after_idle())
 * @snd_max: the highest @snd_nxt so far (a timeout rewinds @snd_nxt to
 *	@snd_una and sends again from there: go-back-N)
 * @user_mss: TCP_MAXSEG, 0 if unset
 * @gso_max_size: the largest GSO packet the route's device takes
 * @gso_max_segs: the most segments it cuts one into
 * @mtu_info: a lowered path MTU an ICMP error reported, for
 *	cnet_tcp_mtu_check() to apply; 0 if none (written without owning
 *	the socket: xchg())
 * @mss_clamp: the largest MSS the peer's SYN and TCP_MAXSEG allow
 *	(Linux's rx_opt.mss_clamp): the MSS grows back to it, when the path
 *	allows, no further
 * @mtup: black-hole detection and MTU probing (tcp_mtu.h)
 * @pmtu: the path MTU the route gave when the MSS was last checked
 *	against it (TCP_INFO's tcpi_pmtu; Linux's icsk_pmtu_cookie)
 * @fl: the flow every segment is sent with
 * @destroying: @destroy_work is scheduled, or close() destroys it
 * @destroy_work: unhashes and frees a connection that ended in softirq
 *	(the socket table's writers are in process context)
 * @total_retrans: segments retransmitted in the connection's life
 * @bytes_acked: bytes of ours the peer acknowledged
 * @bytes_received: bytes of the peer's we acknowledged
 * @segs_in: segments received
 * @segs_out: segments sent
 * @ts_ok: timestamps (RFC 7323): before the handshake, our SYN offers
 *	them (the namespace's tcp_timestamps); after, both sides sent them:
 *	every segment carries one, TSecr @ts_recent
 * @ts_off: added to the clock in our TSval (cnet_tcp_ts_off())
 * @ts_recent: the peer's TSval to echo, and when it was recorded
 * @rx_ts: the timestamp option of the segment being processed (with
 *	@ts_ok only)
 * @last_oow_ack: jiffies of the last duplicate ACK answering a segment
 *	PAWS dropped (rate limited as Linux's tcp_oow_rate_limited())
 * @listen: a listener's SYN queue and accept queue (tcp_minisock.c), NULL
 *	when not listening; set under lock_sock(), read by input under RCU
 * @sack_ok: SACK-permitted was sent and received (RFC 2018); before the
 *	handshake ends, whether we offer it (the namespace's tcp_sack)
 * @sack: the sender's scoreboard of what the peer SACKed (tcp_sack.h)
 * @sack_recent: as a receiver, the first SACK blocks reported, the latest
 *	segment queued out of order first (RFC 2018 4, cnet_tcp_ofo_recent())
 * @dsack: as a receiver, a duplicate segment to report in the next ACK's
 *	first block (RFC 2883), when @dsack_pending
 * @dsack_pending: @dsack is to be sent
 * @rack_on: RACK-TLP decides losses (the namespace's tcp_recovery when
 *	the socket was made; only with @sack_ok)
 * @rack: RACK-TLP's state (tcp_rack.h)
 * @ecn: ECN (RFC 3168, tcp_ecn.h): agreed, ECE and CWR to send
 * @pacing_timer: internal pacing's hrtimer (CLOCK_MONOTONIC, soft
 *	interrupt), armed for @wstamp_ns when the next packet must wait;
 *	holds a reference on the socket while queued
 * @pacing_deferred: @pacing_timer fired while a user owned the socket:
 *	release_sock() sends (sk_prot->release_cb)
 * @wstamp_ns: the departure time: when pacing lets the next packet
 *	leave (ktime_get_ns(); Linux's tcp_wstamp_ns)
 * @data_segs_out: segments with data sent (TCP_INFO's
 *	tcpi_data_segs_out; the first ten are not paced)
 */
struct cnet_tcp_sock {
	struct cnet_sock	cs;

	u32			iss;
	u32			snd_una;
	u32			snd_nxt;
	u32			write_seq;
	u32			snd_wnd;
	u32			max_window;
	u32			snd_wl1;
	u32			snd_wl2;

	u32			irs;
	u32			rcv_nxt;
	u32			rcv_wnd;
	u32			rcv_wup;
	u32			copied_seq;
	struct cnet_tcp_rcv_rtt	rcv_rtt;
	struct cnet_tcp_rcv_space rcvq_space;
	struct cnet_tcp_ofo	ofo;

	u16			mss;
	u16			adv_mss;
	u16			rcv_mss;
	u8			snd_wscale;
	u8			rcv_wscale;
	bool			wscale_ok;
	bool			fin_sent;
	bool			tw_held;
	bool			nodelay;
	bool			cork;
	u8			pending_ack;
	u8			quickack;

	struct sk_buff		*send_head;

	struct timer_list	timer;
	unsigned long		when[CNET_TCP_EV_MAX];
	bool			timer_deferred;

	struct cnet_rto		rto;
	u8			probes_out;
	u8			probe_backoff;
	u32			probes_tstamp;
	u32			rcv_tstamp;
	u32			retrans_stamp;
	unsigned long		timer_at;
	struct cnet_tcp_cc	cc;
	u32			snd_max;
	u64			lsndtime_us;
	u16			user_mss;
	u32			keepalive_time;
	u32			keepalive_intvl;
	u8			keepalive_probes;
	u8			syn_retries;
	u8			defer_accept;
	u32			user_timeout;
	int			linger2;
	const struct cnet_tcp_cong_ops *ca_ops;
	u32			gso_max_size;
	u16			gso_max_segs;
	u32			mtu_info;
	u16			mss_clamp;
	struct cnet_tcp_mtup	mtup;
	u32			pmtu;

	struct cnet_flow	fl;
	bool			destroying;
	struct work_struct	destroy_work;

	u32			total_retrans;
	u64			bytes_acked;
	u64			bytes_received;
	u32			segs_in;
	u32			segs_out;

	bool			ts_ok;
	u32			ts_off;
	struct cnet_tcp_ts_recent ts_recent;
	struct cnet_tcp_ts_rx	rx_ts;
	u32			last_oow_ack;

	struct cnet_tcp_listen __rcu *listen;

	bool			sack_ok;
	bool			dsack_pending;
	struct cnet_tcp_sack_hist	sack_recent;
	struct cnet_tcp_sack_block dsack;
	struct cnet_tcp_sack_sb	sack;
	bool			rack_on;
	struct cnet_tcp_rack	rack;

	struct cnet_tcp_ecn	ecn;

	struct hrtimer		pacing_timer;
	bool			pacing_deferred;
	u64			wstamp_ns;
	u32			data_segs_out;
};

/* Does RACK-TLP decide the losses of @tp (SACK, and tcp_recovery's bit)? */
static inline bool cnet_tcp_rack_on(const struct cnet_tcp_sock *tp)
{
	return tp->sack_ok && tp->rack_on;
}

static inline struct cnet_tcp_sock *cnet_tcp_sk(const struct sock *sk)
{
	return container_of(cnet_sk(sk), struct cnet_tcp_sock, cs);
}

/**
 * struct cnet_tcp_conn_params - what a passive open learned in its
 *	handshake, for cnet_tcp_conn_open()
 * @saddr: our address
 * @daddr: the peer's
 * @sport: our port
 * @dport: the peer's
 * @iss: the sequence number of our SYN-ACK
 * @irs: the sequence number of the peer's SYN
 * @snd_wnd: the window of the segment that completed the handshake,
 *	unscaled as on the wire
 * @mss: the peer's MSS option, 0 if it sent none
 * @snd_wscale: the peer's window scale option
 * @rcv_wscale: the window scale we offered
 * @wscale_ok: both sides sent the window scale option
 * @sack_ok: both sides sent SACK-permitted
 * @dev_if: the device the SYN arrived on (a listener bound to a device
 *	passes it on)
 * @ts_ok: both sides sent the timestamp option
 * @ts_off: the offset of our TSval
 * @ts_recent: with @ts_ok, the TSval of the peer's SYN
 * @ecn_ok: the SYN asked for ECN and the SYN-ACK agreed (RFC 3168)
 * @rtt_us: the SYN-ACK's round trip when it was sent once, else 0: the
 *	connection's first RTT sample (a cookie's has none)
 */
struct cnet_tcp_conn_params {
	__be32	saddr;
	__be32	daddr;
	__be16	sport;
	__be16	dport;
	u32	iss;
	u32	irs;
	u32	snd_wnd;
	u16	mss;
	u8	snd_wscale;
	u8	rcv_wscale;
	bool	wscale_ok;
	bool	sack_ok;
	int	dev_if;
	bool	ts_ok;
	u32	ts_off;
	u32	ts_recent;
	bool	ecn_ok;
	u32	rtt_us;
};

/* Segments sent and not acknowledged, SYN and FIN counted as one */
static inline u32 cnet_tcp_packets_out(const struct cnet_tcp_sock *tp)
{
	return DIV_ROUND_UP(tp->snd_max - tp->snd_una, tp->mss);
}

/* The retransmission timeout to arm now, in jiffies */
static inline unsigned long cnet_tcp_rto(const struct cnet_tcp_sock *tp)
{
	return usecs_to_jiffies(cnet_rto_timeout_us(&tp->rto));
}

/* What is left of the window we offered, from RCV.NXT on */
static inline u32 cnet_tcp_rcv_wnd_left(const struct cnet_tcp_sock *tp)
{
	u32 edge = tp->rcv_wup + tp->rcv_wnd;

	return cnet_seq_after(edge, tp->rcv_nxt) ? edge - tp->rcv_nxt : 0;
}

/*
 * The clock of send times and RTT samples (skb cb sent_us, RACK, the
 * SYN-ACK's round trip): microseconds, monotonic (Linux's tcp_clock_us())
 */
static inline u64 cnet_tcp_clock_us(void)
{
	return div_u64(ktime_get_ns(), NSEC_PER_USEC);
}

/* The timestamp clock (tcp_ts.h): milliseconds, wrapping at 2^32 */
static inline u32 cnet_tcp_ts_now_ms(void)
{
	return (u32)div_u64(ktime_get_ns(), NSEC_PER_MSEC);
}

/* The TSval a segment of @tp sent now carries */
static inline u32 cnet_tcp_ts_now(const struct cnet_tcp_sock *tp)
{
	return cnet_tcp_ts_val(cnet_tcp_ts_now_ms(), tp->ts_off);
}

/* The seconds TS.Recent's age is counted in (RFC 7323 5.5) */
static inline u32 cnet_tcp_ts_now_s(void)
{
	return (u32)ktime_get_seconds();
}

/* tcp_sock.c */
extern struct proto cnet_tcp_prot;
extern const struct proto_ops cnet_stream_ops;
void cnet_tcp_net_init(struct cnet_net *cn);
void cnet_tcp_net_exit(struct cnet_net *cn);
struct sock *cnet_tcp_clone(const struct sock *listener, gfp_t gfp);
int cnet_tcp_conn_open(struct sock *sk, const struct cnet_tcp_conn_params *p);
void cnet_tcp_set_state(struct sock *sk, int state);
void cnet_tcp_done(struct sock *sk);
void cnet_tcp_reset(struct sock *sk, int err);
void cnet_tcp_hold_time_wait(struct sock *sk, int timeo);

/* tcp_input.c */
int cnet_tcp_backlog_rcv(struct sock *sk, struct sk_buff *skb);
void cnet_tcp_rack_detect(struct sock *sk, bool timer);
u32 cnet_tcp_rack_reo_now(const struct cnet_tcp_sock *tp);
enum cnet_tcp_rack_verdict cnet_tcp_rack_rxt_check(struct sock *sk,
						   const struct sk_buff *skb,
						   u32 reo, u64 now, u32 *end,
						   u32 *wait);
void cnet_tcp_rack_acked(struct sock *sk, const struct cnet_tcp_skb_cb *cb,
			 u32 end);
void cnet_tcp_enter_time_wait(struct sock *sk, int state);
void cnet_tcp_ofo_purge_all(struct sock *sk);

/* tcp_output.c */
int cnet_tcp_connect_send(struct sock *sk);
void cnet_tcp_push(struct sock *sk, int nonagle);
void cnet_tcp_queue_tail(struct sock *sk, struct sk_buff *skb);
void cnet_tcp_send_ack(struct sock *sk);
void cnet_tcp_send_probe(struct sock *sk);
bool cnet_tcp_write_wakeup(struct sock *sk);
void cnet_tcp_send_fin(struct sock *sk);
void cnet_tcp_send_active_reset(struct sock *sk);
u32 cnet_tcp_clean_acked(struct sock *sk, u32 ack);
void cnet_tcp_rewind(struct sock *sk);
void cnet_tcp_retransmit_head(struct sock *sk);
void cnet_tcp_sack_retransmit(struct sock *sk, bool first);
bool cnet_tcp_tlp_retransmit(struct sock *sk);
/*
 * A socket's pacing rate (sk_pacing_rate, sk_max_pacing_rate: an unsigned
 * long, ~0UL for none) as a u64, ~0ULL for none on every arch: as
 * tcp_pacing.h takes it, and TCP_INFO gives it (as Linux's tcp_get_info()).
 */
static inline u64 cnet_tcp_rate64(unsigned long rate)
{
	return rate == ~0UL ? ~0ULL : rate;
}

/* cnet_tcp_rcv_room(): the receive buffer's room, for the window */
struct cnet_tcp_rcv_room {
	u32 space;	/* for data, when the buffer is empty */
	u32 free;	/* for data, now */
	u32 left;	/* of the window last advertised */
	u32 mss;	/* the silly-window threshold, at least 1 */
};

void cnet_tcp_rcv_room(const struct sock *sk, struct cnet_tcp_rcv_room *r);
u32 cnet_tcp_select_window(struct sock *sk);
u32 cnet_tcp_rcvbuf_max(const struct sock *sk);
void cnet_tcp_purge_write_queue(struct sock *sk);
struct sk_buff *cnet_tcp_alloc_seg(struct sock *sk, gfp_t gfp);
u32 cnet_tcp_size_goal(struct sock *sk);
u32 cnet_tcp_send_mss(const struct cnet_tcp_sock *tp);
void cnet_tcp_mtu_check(struct sock *sk);
void cnet_tcp_mtu_init(struct sock *sk, u16 peer_mss);
void cnet_tcp_mtu_on_rto(struct sock *sk, u32 timeouts);
void cnet_tcp_mtu_on_ack(struct sock *sk);
void cnet_tcp_update_pacing_rate(struct sock *sk);

/* tcp_timer.c */
void cnet_tcp_timer_init(struct sock *sk);
void cnet_tcp_timer_set(struct sock *sk, enum cnet_tcp_timer_ev ev,
			unsigned long delay);
void cnet_tcp_timer_clear(struct sock *sk, enum cnet_tcp_timer_ev ev);
void cnet_tcp_timer_stop_all(struct sock *sk);
void cnet_tcp_release_cb(struct sock *sk);
void cnet_tcp_keepalive_reset(struct sock *sk);
void cnet_tcp_ack_probe(struct sock *sk);
void cnet_tcp_set_keepalive(struct sock *sk, int val);
int cnet_tcp_fin_timeout(const struct sock *sk);
void cnet_tcp_tlp_schedule(struct sock *sk);

/*
 * tcp_minisock.c, the passive side (its own slice). cnet_tcp_rcv() calls,
 * in an RCU read-side section, after the 4-tuple lookup found no
 * connection: cnet_tcp_tw_rcv() (true: a TIME_WAIT entry took @skb), then
 * for a listener cnet_tcp_listen_rcv(), else cnet_tcp_send_reset() (the
 * stateless RST of RFC 9293 3.10.7.1; @skb is not consumed by it).
 * cnet_tcp_time_wait() takes over a connection that reached TIME_WAIT
 * (or an orphan's FIN_WAIT2, for @timeo jiffies); the caller then
 * destroys the full socket. A connect() that the socket table let have a
 * TIME_WAIT entry's 4-tuple (tcp_tw_reuse) ends the entry with
 * cnet_tcp_tw_take(). The socket calls listen() and accept() are there
 * too.
 */
bool cnet_tcp_tw_rcv(struct cnet_net *cn, struct sk_buff *skb);
void cnet_tcp_listen_rcv(struct sock *listener, struct sk_buff *skb);
void cnet_tcp_send_reset(struct cnet_net *cn, struct sk_buff *skb);
void cnet_tcp_time_wait(struct sock *sk, int state, int timeo);
bool cnet_tcp_tw_take(struct sock *sk, u32 *iss);
int cnet_tcp_listen(struct socket *sock, int backlog);
int cnet_tcp_accept(struct socket *sock, struct socket *newsock,
		    struct proto_accept_arg *arg);
void cnet_tcp_listen_stop(struct sock *sk);
void cnet_tcp_minisock_net_init(struct cnet_net *cn);
void cnet_tcp_minisock_net_exit(struct cnet_net *cn);
__poll_t cnet_tcp_listen_poll(struct sock *sk);

#endif /* _CNET_TCP_H */
