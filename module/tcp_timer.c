// SPDX-License-Identifier: GPL-2.0
/*
 * A TCP connection's one timer, multiplexed over its events (enum
 * cnet_tcp_timer_ev): each has a due time in @when (0: off), the timer
 * is armed for the earliest, and costs nothing when none is set. It
 * holds a reference on the socket while pending (sk_reset_timer()).
 *
 * The handler takes bh_lock_sock(); when a user owns the socket the due
 * events are left in @deferred for release_sock() to run (release_cb).
 *
 * Internal pacing (tcp.h, tcp_output.c) has its own hrtimer beside it:
 * a jiffy is too coarse for the gaps between paced packets. Its handler
 * runs in soft interrupt context and sends what the departure time now
 * lets go, or leaves it to release_sock() (@pacing_deferred) as the one
 * timer does; it holds a reference on the socket while queued.
 *
 * When a connection gives up is decided by tcp_timeout.c's pure
 * functions, as Linux decides it: keepalive (SO_KEEPALIVE, TCP_KEEPIDLE,
 * TCP_KEEPINTVL, TCP_KEEPCNT), retransmissions (tcp_retries2's 924.6 s,
 * the SYN retries, an orphan's retries), zero-window probes, all bounded
 * by TCP_USER_TIMEOUT when it is set. Giving up is ETIMEDOUT (or the
 * ICMP error seen meanwhile); keepalive's also sends a RST.
 */
#include <net/sock.h>

#include "cnet.h"
#include "tcp.h"
#include "tcp_hdr.h"
#include "tcp_timeout.h"

/*
 * Arm the timer for the earliest event due, or stop it; the kernel timer
 * is touched only when that deadline moved (@timer_at).
 */
static void tcp_timer_rearm(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long first = 0;
	int i;

	for (i = 0; i < CNET_TCP_EV_MAX; i++)
		if (tp->when[i] && (!first || time_before(tp->when[i], first)))
			first = tp->when[i];
	if (first == tp->timer_at)
		return;
	tp->timer_at = first;
	if (first)
		sk_reset_timer(sk, &tp->timer, first);
	else
		sk_stop_timer(sk, &tp->timer);
}

/**
 * cnet_tcp_timer_set - make event @ev due in @delay jiffies
 * @sk: the connection, locked
 * @ev: the event
 * @delay: from now (at least one jiffy)
 *
 * An ACK moves the retransmission event each time: when it was not the
 * earliest and does not become so, the kernel timer stays as it is.
 */
void cnet_tcp_timer_set(struct sock *sk, enum cnet_tcp_timer_ev ev,
			unsigned long delay)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long old = tp->when[ev], at;

	if (sk->sk_state == TCP_CLOSE)
		return;
	at = (jiffies + max(delay, 1UL)) ?: 1;
	tp->when[ev] = at;
	if (tp->timer_at && old != tp->timer_at &&
	    !time_before(at, tp->timer_at))
		return;		/* the earliest is another event's, still */
	if (!tp->timer_at || time_before(at, tp->timer_at)) {
		tp->timer_at = at;
		sk_reset_timer(sk, &tp->timer, at);
		return;
	}
	tcp_timer_rearm(sk);	/* the earliest moved later */
}

/* Event @ev is off. */
void cnet_tcp_timer_clear(struct sock *sk, enum cnet_tcp_timer_ev ev)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long old = tp->when[ev];

	if (!old)
		return;
	tp->when[ev] = 0;
	if (old == tp->timer_at)
		tcp_timer_rearm(sk);
}

/*
 * Every event off (the connection closed), the pacing timer too: a handler
 * already running drops its own reference, and finds the socket closed.
 */
void cnet_tcp_timer_stop_all(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	memset(tp->when, 0, sizeof(tp->when));
	tp->timer_deferred = false;
	tp->timer_at = 0;
	sk_stop_timer(sk, &tp->timer);
	if (hrtimer_try_to_cancel(&tp->pacing_timer) == 1)
		__sock_put(sk);	/* the caller holds one too */
	tp->pacing_deferred = false;
}

/* ---- settings ---- */

static u32 tcp_keepalive_time(const struct sock *sk)
{
	return READ_ONCE(cnet_tcp_sk(sk)->keepalive_time) ?:
	       READ_ONCE(cnet_pernet(sock_net(sk))->tcp_keepalive_time_s) * HZ;
}

static u32 tcp_keepalive_intvl(const struct sock *sk)
{
	return READ_ONCE(cnet_tcp_sk(sk)->keepalive_intvl) ?:
	       READ_ONCE(cnet_pernet(sock_net(sk))->tcp_keepalive_intvl_s) * HZ;
}

static u32 tcp_keepalive_probes(const struct sock *sk)
{
	return READ_ONCE(cnet_tcp_sk(sk)->keepalive_probes) ?:
	       READ_ONCE(cnet_pernet(sock_net(sk))->tcp_keepalive_probes);
}

static u32 tcp_user_timeout(const struct sock *sk)
{
	return msecs_to_jiffies(READ_ONCE(cnet_tcp_sk(sk)->user_timeout));
}

/* Are the keepalive probes on for @sk in its state? */
static bool tcp_keepalive_on(const struct sock *sk)
{
	return sock_flag(sk, SOCK_KEEPOPEN) &&
	       !((1 << sk->sk_state) &
		 (TCPF_CLOSE | TCPF_LISTEN | TCPF_SYN_SENT | TCPF_TIME_WAIT));
}

/**
 * cnet_tcp_keepalive_reset - (re)start the keepalive event, if it is on
 * @sk: the connection, locked
 *
 * Due when the quiet time reaches TCP_KEEPIDLE (the connection was just
 * established, SO_KEEPALIVE or TCP_KEEPIDLE were just set).
 */
void cnet_tcp_keepalive_reset(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 idle = tcp_keepalive_time(sk);
	u32 quiet = (u32)jiffies - tp->rcv_tstamp;

	if (!tcp_keepalive_on(sk)) {
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_KEEPALIVE);
		return;
	}
	cnet_tcp_timer_set(sk, CNET_TCP_EV_KEEPALIVE,
			   (s32)quiet >= 0 && quiet < idle ? idle - quiet : 1);
}

/**
 * cnet_tcp_set_keepalive - SO_KEEPALIVE was set (struct proto's keepalive)
 * @sk: the socket, locked
 * @val: on or off
 */
void cnet_tcp_set_keepalive(struct sock *sk, int val)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if ((1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN))
		return;
	if (val && !sock_flag(sk, SOCK_KEEPOPEN)) {
		/* the core sets the flag after this: the whole idle time */
		tp->probes_out = 0;
		cnet_tcp_timer_set(sk, CNET_TCP_EV_KEEPALIVE,
				   tcp_keepalive_time(sk));
	} else if (!val) {
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_KEEPALIVE);
	}
}

/**
 * cnet_tcp_fin_timeout - how long an orphan waits in FIN-WAIT-2
 * @sk: the connection
 *
 * Return: jiffies (TCP_LINGER2's or the namespace's tcp_fin_timeout_s,
 * at least 3.5 RTO), or -1: TCP_LINGER2 is negative, the connection is
 * reset at once.
 */
int cnet_tcp_fin_timeout(const struct sock *sk)
{
	const struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int linger2 = READ_ONCE(tp->linger2);

	if (linger2 < 0)
		return -1;
	if (!linger2)
		linger2 = READ_ONCE(cnet_pernet(sock_net(sk))->tcp_fin_timeout_s) *
			  HZ;
	return cnet_tcp_fin_time(linger2, usecs_to_jiffies(tp->rto.rto_us));
}

/* ---- the events ---- */

/* The connection timed out (as Linux's tcp_write_err()). */
static void tcp_write_err(struct sock *sk)
{
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_TIMEOUT);
	/* an ICMP error seen meanwhile says why (as Linux) */
	cnet_tcp_reset(sk, READ_ONCE(sk->sk_err_soft) ?: ETIMEDOUT);
}

/* When the oldest unacknowledged segment was first sent, in jiffies */
static u32 tcp_head_sent(struct sock *sk)
{
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);
	u64 now_us = cnet_tcp_clock_us(), sent_us;

	sent_us = skb ? CNET_TCP_SKB_CB(skb)->sent_us : 0;
	if (!sent_us || sent_us > now_us)
		return (u32)jiffies ?: 1;
	return ((u32)jiffies - (u32)usecs_to_jiffies(now_us - sent_us)) ?: 1;
}

/* Has the retransmission timer done enough (Linux's tcp_write_timeout())? */
static bool tcp_write_timeout(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	bool syn = (1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV);
	struct cnet_tcp_wto w = {
		.start = tp->retrans_stamp,
		.retransmits = tp->rto.retransmits,
		.boundary = READ_ONCE(cn->tcp_retries2),
		.rto_base = usecs_to_jiffies(CNET_TCP_RTO_MIN_US),
		.rto_max = usecs_to_jiffies(CNET_TCP_RTO_MAX_US),
		.user_timeout = tcp_user_timeout(sk),
		.syn = syn,
	};

	if (syn) {
		w.boundary = READ_ONCE(tp->syn_retries) ?:
			     READ_ONCE(cn->tcp_syn_retries);
		if (sk->sk_state == TCP_SYN_SENT)
			w.syn_linear = READ_ONCE(cn->tcp_syn_linear_timeouts);
		w.rto_base = usecs_to_jiffies(CNET_TCP_RTO_INIT_US);
	} else if (sock_flag(sk, SOCK_DEAD)) {
		w.boundary = cnet_tcp_orphan_retries(READ_ONCE(cn->tcp_orphan_retries),
						     READ_ONCE(sk->sk_err_soft),
						     cnet_rto_timeout_us(&tp->rto) <
						     CNET_TCP_RTO_MAX_US);
	}
	return cnet_tcp_write_timed_out(&w, jiffies);
}

/* The RTO expired (RFC 6298 5.4-5.7): retransmit the head, back off. */
static void tcp_retransmit_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 linear = 0;

	if (tp->snd_una == tp->snd_max)
		return;
	if (!tp->rto.retransmits)
		tp->retrans_stamp = tcp_head_sent(sk);
	if (tcp_write_timeout(sk)) {
		tcp_write_err(sk);
		return;
	}
	/* a probe lost, or a black hole (tcp_output.c, tcp_mtu.h) */
	cnet_tcp_mtu_on_rto(sk, tp->rto.retransmits);
	/* a SYN's first timeouts are linear (Linux's tcp_syn_linear_timeouts) */
	if (sk->sk_state == TCP_SYN_SENT)
		linear = READ_ONCE(cnet_pernet(sock_net(sk))->tcp_syn_linear_timeouts);
	cnet_rto_on_timeout(&tp->rto, linear);
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RTO);
	tp->rack.tlp_open = false;	/* a probe's episode ends with it */
	/* RFC 5681 3.1: the loss window, then everything again (go-back-N) */
	cnet_tcp_cc_on_rto(&tp->cc, tp->snd_max - tp->snd_una, tp->snd_max);
	cnet_tcp_ecn_reduced(&tp->ecn);	/* CWR on the next new data */
	/* everything goes again: the scoreboard starts over (RFC 6675 5.1) */
	cnet_tcp_sack_init(&tp->sack);
	cnet_tcp_rewind(sk);
	cnet_tcp_push(sk, 1);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS,
			   cnet_tcp_clamp_rto(cnet_tcp_rto(tp), jiffies,
					      tp->retrans_stamp,
					      tcp_user_timeout(sk)));
}

/**
 * cnet_tcp_tlp_schedule - (re)arm the tail loss probe (RFC 8985 7.2)
 * @sk: the connection, locked, with RACK on
 *
 * With data in flight, outside any recovery or timeout, no probe's
 * episode open: due a PTO from now, or just before the RTO when that
 * comes first. Else off. A deadline on the connection's one timer like
 * the others.
 */
void cnet_tcp_tlp_schedule(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long rto_at = tp->when[CNET_TCP_EV_RETRANS];
	u32 left, pto;

	if (tp->snd_una == tp->snd_max || tp->rack.tlp_open ||
	    tp->cc.in_recovery || tp->cc.in_loss || tp->rto.retransmits ||
	    !rto_at || !time_after(rto_at, jiffies) ||
	    ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))) {
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_TLP);
		return;
	}
	left = jiffies_to_usecs(rto_at - jiffies);
	pto = cnet_tcp_tlp_pto_us(tp->rto.sampled ? tp->rto.srtt_us : 0,
				  cnet_tcp_packets_out(tp), left);
	if (pto < left) {
		cnet_tcp_timer_set(sk, CNET_TCP_EV_TLP, usecs_to_jiffies(pto));
		return;
	}
	/*
	 * PTO = min(PTO, RTO): the probe goes instead of the first
	 * timeout, a jiffy ahead of it (as Linux's tcp_schedule_loss_probe()).
	 */
	if (time_after(rto_at - 1, jiffies))
		cnet_tcp_timer_set(sk, CNET_TCP_EV_TLP, rto_at - 1 - jiffies);
	else
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_TLP);
}

/*
 * The PTO expired (RFC 8985 7.3): one probe, new data if the windows
 * take it, else the highest segment again; the RTO restarts from it.
 */
static void tcp_tlp_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 max = tp->snd_max;
	bool retrans = false;

	if (!cnet_tcp_rack_on(tp) || tp->rack.tlp_open ||
	    tp->snd_una == tp->snd_max || tp->cc.in_recovery ||
	    tp->cc.in_loss)
		return;
	if (tp->send_head) {
		/* one segment of new data even at a full cwnd: only the
		 * peer's window holds a probe back (RFC 8985 7.3)
		 */
		u32 cwnd = tp->cc.cwnd;

		tp->cc.cwnd = max(cwnd, tp->snd_nxt - tp->snd_una + tp->mss);
		cnet_tcp_push(sk, 1);
		tp->cc.cwnd = cwnd;
	}
	if (tp->snd_max == max) {
		if (!cnet_tcp_tlp_retransmit(sk))
			return;
		retrans = true;
	}
	cnet_tcp_tlp_sent(&tp->rack, tp->snd_max, retrans);
	cnet_tcp_timer_clear(sk, CNET_TCP_EV_TLP);
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_TLP_SENT);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS, cnet_tcp_rto(tp));
}

/* The next zero-window probe, backed off, no later than the user timeout */
static unsigned long tcp_probe0_when(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 when;

	when = cnet_tcp_probe0_when(usecs_to_jiffies(tp->rto.rto_us),
				    tp->probe_backoff,
				    usecs_to_jiffies(CNET_TCP_RTO_MIN_US),
				    usecs_to_jiffies(CNET_TCP_RTO_MAX_US));
	return cnet_tcp_clamp_probe0(when, jiffies, tp->probes_tstamp,
				     tcp_user_timeout(sk), 2);
}

/**
 * cnet_tcp_ack_probe - an ACK came while nothing was in flight and data
 *	waits (as Linux's tcp_ack_probe())
 * @sk: the connection, locked
 *
 * A window that now takes the next segment ends the probing; one still
 * closed has the next probe wait its backed-off time from now.
 */
void cnet_tcp_ack_probe(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb = CNET_TCP_SKB_CB(tp->send_head);
	u32 data_end = cb->end_seq - !!(cb->flags & CNET_TCPF_FIN);

	if (!cnet_seq_after(data_end, tp->snd_una + tp->snd_wnd)) {
		tp->probe_backoff = 0;
		tp->probes_tstamp = 0;
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_PROBE);
	} else if (tp->probes_tstamp) {
		cnet_tcp_timer_set(sk, CNET_TCP_EV_PROBE, tcp_probe0_when(sk));
	}
}

/* Probing ends: the next closed window starts it afresh. */
static void tcp_probe_reset(struct cnet_tcp_sock *tp)
{
	tp->probes_out = 0;
	tp->probe_backoff = 0;
	tp->probes_tstamp = 0;
}

/*
 * A window that takes no segment: probe it, backing off (as Linux's
 * tcp_probe_timer() and tcp_send_probe0()); a window that opened a
 * little gets data instead, and the retransmission timer takes over.
 */
static void tcp_probe_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_probe0 p = {
		.tstamp = tp->probes_tstamp,
		.probes_out = tp->probes_out,
		.backoff = tp->probe_backoff,
		.max_probes = READ_ONCE(cn->tcp_retries2),
		.user_timeout = tcp_user_timeout(sk),
		.orphan = sock_flag(sk, SOCK_DEAD),
		.orphan_setting = READ_ONCE(cn->tcp_orphan_retries),
		.err_soft = READ_ONCE(sk->sk_err_soft),
		.alive = cnet_tcp_probe0_when(usecs_to_jiffies(tp->rto.rto_us),
					      tp->probe_backoff,
					      usecs_to_jiffies(CNET_TCP_RTO_MIN_US),
					      U32_MAX) <
			 usecs_to_jiffies(CNET_TCP_RTO_MAX_US),
	};

	if (!tp->send_head || tp->snd_una != tp->snd_max) {
		tcp_probe_reset(tp);
		return;
	}
	if (cnet_tcp_probe0_verdict(&p, jiffies) == CNET_TCP_TO_ABORT) {
		tcp_write_err(sk);
		return;
	}
	tp->probes_tstamp = p.tstamp;
	if (cnet_tcp_write_wakeup(sk)) {
		tcp_probe_reset(tp);
		return;
	}
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_WIN_PROBE);
	tp->probes_out = min(tp->probes_out + 1, 255);
	if (tp->probe_backoff < p.max_probes)
		tp->probe_backoff++;
	cnet_tcp_timer_set(sk, CNET_TCP_EV_PROBE, tcp_probe0_when(sk));
}

/* Keepalive (as Linux's tcp_keepalive_timer()). */
static void tcp_keepalive_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_ka ka = {
		.idle = tcp_keepalive_time(sk),
		.intvl = tcp_keepalive_intvl(sk),
		.probes = tcp_keepalive_probes(sk),
		.user_timeout = tcp_user_timeout(sk),
	};
	bool busy = tp->snd_una != tp->snd_max ||
		    !skb_queue_empty(&sk->sk_write_queue);
	u32 next;

	if (!tcp_keepalive_on(sk))
		return;
	switch (cnet_tcp_keepalive(&ka, jiffies, tp->rcv_tstamp,
				   tp->probes_out, busy, &next)) {
	case CNET_TCP_TO_ABORT:
		cnet_tcp_send_active_reset(sk);
		tcp_write_err(sk);
		return;
	case CNET_TCP_TO_PROBE:
		cnet_tcp_send_probe(sk);
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_KEEPALIVE);
		tp->probes_out = min(tp->probes_out + 1, 255);
		break;
	default:
		break;
	}
	cnet_tcp_timer_set(sk, CNET_TCP_EV_KEEPALIVE, next);
}

/* Run the events in @due. Socket locked, not owned by a user. */
static void tcp_timer_run(struct sock *sk, unsigned long due)
{
	if (due & BIT(CNET_TCP_EV_TIMEWAIT)) {
		cnet_tcp_done(sk);
		return;
	}
	/*
	 * RACK's reorder timer and the probe (tcp_rack.h) before the RTO:
	 * when it is due too (the timer ran late), what they send restarts
	 * it, and it expires only if they sent nothing.
	 */
	if (due & BIT(CNET_TCP_EV_RACK) && cnet_tcp_rack_on(cnet_tcp_sk(sk)))
		cnet_tcp_rack_detect(sk, true);
	if (due & BIT(CNET_TCP_EV_TLP))
		tcp_tlp_timer(sk);
	if (due & BIT(CNET_TCP_EV_RETRANS) &&
	    !cnet_tcp_sk(sk)->when[CNET_TCP_EV_RETRANS])
		tcp_retransmit_timer(sk);
	if (sk->sk_state == TCP_CLOSE)
		return;
	if (due & BIT(CNET_TCP_EV_DELACK) && cnet_tcp_sk(sk)->pending_ack)
		cnet_tcp_send_ack(sk);
	if (due & BIT(CNET_TCP_EV_PROBE))
		tcp_probe_timer(sk);
	if (sk->sk_state == TCP_CLOSE)
		return;
	if (due & BIT(CNET_TCP_EV_KEEPALIVE))
		tcp_keepalive_timer(sk);
}

/* Run the events due, arm for the next. Socket locked, not owned. */
static void tcp_timer_expire(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long due = 0;
	int i;

	tp->timer_at = 0;	/* it fired; rearmed below */
	for (i = 0; i < CNET_TCP_EV_MAX; i++) {
		if (tp->when[i] && !time_before(jiffies, tp->when[i])) {
			tp->when[i] = 0;
			due |= BIT(i);
		}
	}
	tcp_timer_run(sk, due);
	if (sk->sk_state != TCP_CLOSE)
		tcp_timer_rearm(sk);
}

static void tcp_timer_fn(struct timer_list *t)
{
	struct cnet_tcp_sock *tp = from_timer(tp, t, timer);
	struct sock *sk = &tp->cs.sk;

	bh_lock_sock(sk);
	if (sock_owned_by_user(sk)) {
		/* release_sock() runs them: cnet_tcp_release_cb() */
		tp->timer_deferred = true;
	} else {
		tcp_timer_expire(sk);
	}
	bh_unlock_sock(sk);
	sock_put(sk);
}

/*
 * The departure time came: send what the windows allow, in the states
 * that send data, a SACK recovery's retransmissions first (as Linux's
 * tcp_tsq_write()). Socket locked, not owned.
 */
static void tcp_pacing_write(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!((1 << sk->sk_state) &
	      (TCPF_ESTABLISHED | TCPF_FIN_WAIT1 | TCPF_CLOSING |
	       TCPF_CLOSE_WAIT | TCPF_LAST_ACK)))
		return;
	if (tp->sack_ok && tp->cc.in_recovery)
		cnet_tcp_sack_retransmit(sk, false);
	cnet_tcp_push(sk, 0);
}

/* The pacing hrtimer (soft interrupt): as Linux's tcp_pace_kick(). */
static enum hrtimer_restart tcp_pacing_timer_fn(struct hrtimer *t)
{
	struct cnet_tcp_sock *tp = container_of(t, struct cnet_tcp_sock,
						pacing_timer);
	struct sock *sk = &tp->cs.sk;

	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_PACING_TIMER);
	bh_lock_sock(sk);
	if (sock_owned_by_user(sk))
		tp->pacing_deferred = true;	/* cnet_tcp_release_cb() */
	else
		tcp_pacing_write(sk);
	bh_unlock_sock(sk);
	sock_put(sk);	/* tcp_pacing_check()'s */
	return HRTIMER_NORESTART;
}

/*
 * release_sock(): a timer fired while the user owned the socket. What
 * pacing held back goes first (as Linux's tcp_release_cb() writes before
 * it runs the deferred timers).
 */
void cnet_tcp_release_cb(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (tp->pacing_deferred) {
		tp->pacing_deferred = false;
		tcp_pacing_write(sk);
	}
	if (!tp->timer_deferred)
		return;
	tp->timer_deferred = false;
	tcp_timer_expire(sk);
}

void cnet_tcp_timer_init(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	timer_setup(&tp->timer, tcp_timer_fn, 0);
	hrtimer_init(&tp->pacing_timer, CLOCK_MONOTONIC,
		     HRTIMER_MODE_ABS_PINNED_SOFT);
	tp->pacing_timer.function = tcp_pacing_timer_fn;
	cnet_rto_init(&tp->rto);
}
