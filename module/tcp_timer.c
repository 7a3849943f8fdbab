// SPDX-License-Identifier: GPL-2.0
/*
 * A TCP connection's one timer, multiplexed over its events (enum
 * cnet_tcp_timer_ev): each has a due time in @when (0: off), the timer
 * is armed for the earliest, and costs nothing when none is set. It
 * holds a reference on the socket while pending (sk_reset_timer()).
 *
 * The handler takes bh_lock_sock(); when a user owns the socket the due
 * events are left in @deferred for release_sock() to run (release_cb).
 */
#include <net/sock.h>

#include "cnet.h"
#include "tcp.h"

/* RFC 6298 2.1 and Linux: 1 s before any sample, at least 200 ms, at most 120 s */
#define TCP_RTO_INIT_US		1000000U
#define TCP_RTO_MIN_US		200000U
#define TCP_RTO_MAX_US		120000000U

/* Arm the timer for the earliest event due, or stop it. */
static void tcp_timer_rearm(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long first = 0;
	int i;

	for (i = 0; i < CNET_TCP_EV_MAX; i++)
		if (tp->when[i] && (!first || time_before(tp->when[i], first)))
			first = tp->when[i];
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
 */
void cnet_tcp_timer_set(struct sock *sk, enum cnet_tcp_timer_ev ev,
			unsigned long delay)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (sk->sk_state == TCP_CLOSE)
		return;
	tp->when[ev] = (jiffies + max(delay, 1UL)) ?: 1;
	tcp_timer_rearm(sk);
}

/* Event @ev is off. */
void cnet_tcp_timer_clear(struct sock *sk, enum cnet_tcp_timer_ev ev)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tp->when[ev])
		return;
	tp->when[ev] = 0;
	tcp_timer_rearm(sk);
}

/* Every event off (the connection closed). */
void cnet_tcp_timer_stop_all(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	memset(tp->when, 0, sizeof(tp->when));
	tp->deferred = 0;
	sk_stop_timer(sk, &tp->timer);
}

/**
 * cnet_tcp_rtt_sample - a round-trip time measured (RFC 6298 2.2-2.3)
 * @sk: the connection
 * @rtt_us: the sample
 */
void cnet_tcp_rtt_sample(struct sock *sk, u64 rtt_us)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 r = clamp_t(u64, rtt_us, 1, TCP_RTO_MAX_US);
	u32 err;

	if (!tp->srtt_us) {
		tp->srtt_us = r;
		tp->rttvar_us = r / 2;
	} else {
		err = r > tp->srtt_us ? r - tp->srtt_us : tp->srtt_us - r;
		tp->rttvar_us = tp->rttvar_us - tp->rttvar_us / 4 + err / 4;
		tp->srtt_us = tp->srtt_us - tp->srtt_us / 8 + r / 8;
	}
	tp->rto_us = clamp_t(u32, tp->srtt_us + max(4 * tp->rttvar_us, 1000U),
			     TCP_RTO_MIN_US, TCP_RTO_MAX_US);
}

/* The RTO expired (RFC 6298 5.4-5.7): retransmit the head, back off. */
static void tcp_retransmit_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int limit = sk->sk_state == TCP_SYN_SENT ? CNET_TCP_SYN_RETRIES :
						   CNET_TCP_RETRIES2;

	if (tp->snd_una == tp->snd_nxt)
		return;
	if (tp->backoff >= limit) {
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_TIMEOUT);
		cnet_tcp_reset(sk, ETIMEDOUT);
		return;
	}
	tp->backoff++;
	tp->rto_us = min(tp->rto_us * 2, TCP_RTO_MAX_US);
	/* RFC 5681 3.1: after a loss by timeout, one segment */
	tp->snd_ssthresh = max(cnet_tcp_packets_out(tp) / 2, 2U);
	tp->snd_cwnd = 1;
	cnet_tcp_retransmit_head(sk);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS, usecs_to_jiffies(tp->rto_us));
}

/* Zero window: probe it, backing off as the RTO does. */
static void tcp_probe_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tp->send_head || tp->snd_una != tp->snd_nxt)
		return;
	cnet_tcp_send_probe(sk);
	tp->probes = min(tp->probes + 1, 10);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_PROBE,
			   usecs_to_jiffies(min_t(u64, (u64)tp->rto_us << tp->probes,
						  TCP_RTO_MAX_US)));
}

/* Run the events in @due. Socket locked, not owned by a user. */
static void tcp_timer_run(struct sock *sk, unsigned long due)
{
	if (due & BIT(CNET_TCP_EV_TIMEWAIT)) {
		cnet_tcp_done(sk);
		return;
	}
	if (due & BIT(CNET_TCP_EV_RETRANS))
		tcp_retransmit_timer(sk);
	if (sk->sk_state == TCP_CLOSE)
		return;
	if (due & BIT(CNET_TCP_EV_DELACK) && cnet_tcp_sk(sk)->pending_ack)
		cnet_tcp_send_ack(sk);
	if (due & BIT(CNET_TCP_EV_PROBE))
		tcp_probe_timer(sk);
}

static void tcp_timer_fn(struct timer_list *t)
{
	struct cnet_tcp_sock *tp = from_timer(tp, t, timer);
	struct sock *sk = &tp->cs.sk;
	unsigned long due = 0;
	int i;

	bh_lock_sock(sk);
	for (i = 0; i < CNET_TCP_EV_MAX; i++) {
		if (tp->when[i] && !time_before(jiffies, tp->when[i])) {
			tp->when[i] = 0;
			due |= BIT(i);
		}
	}
	if (sock_owned_by_user(sk)) {
		/* release_sock() runs them: cnet_tcp_release_cb() */
		tp->deferred |= due;
	} else {
		tcp_timer_run(sk, due);
		if (sk->sk_state != TCP_CLOSE)
			tcp_timer_rearm(sk);
	}
	bh_unlock_sock(sk);
	sock_put(sk);
}

/* release_sock(): events that fired while the user owned the socket. */
void cnet_tcp_release_cb(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long due;

	if (!tp->deferred)
		return;
	due = tp->deferred;
	tp->deferred = 0;
	tcp_timer_run(sk, due);
	if (sk->sk_state != TCP_CLOSE)
		tcp_timer_rearm(sk);
}

void cnet_tcp_timer_init(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	timer_setup(&tp->timer, tcp_timer_fn, 0);
	tp->rto_us = TCP_RTO_INIT_US;
}
