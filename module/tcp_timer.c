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
	tp->timer_deferred = false;
	sk_stop_timer(sk, &tp->timer);
}

/* The RTO expired (RFC 6298 5.4-5.7): retransmit the head, back off. */
static void tcp_retransmit_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int limit = sk->sk_state == TCP_SYN_SENT ? CNET_TCP_SYN_RETRIES :
						   CNET_TCP_RETRIES2;

	if (tp->snd_una == tp->snd_max)
		return;
	if (tp->rto.backoff >= limit) {
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_TIMEOUT);
		/* an ICMP error seen meanwhile says why (as Linux) */
		cnet_tcp_reset(sk, READ_ONCE(sk->sk_err_soft) ?: ETIMEDOUT);
		return;
	}
	cnet_rto_on_timeout(&tp->rto);
	/* RFC 5681 3.1: the loss window, then everything again (go-back-N) */
	cnet_tcp_cc_on_rto(&tp->cc, tp->snd_max - tp->snd_una, tp->snd_max);
	cnet_tcp_rewind(sk);
	cnet_tcp_push(sk, 1);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS, cnet_tcp_rto(tp));
}

/* Zero window: probe it, backing off as the RTO does. */
static void tcp_probe_timer(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tp->send_head || tp->snd_una != tp->snd_max)
		return;
	cnet_tcp_send_probe(sk);
	tp->probes = min(tp->probes + 1, 10);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_PROBE,
			   usecs_to_jiffies(min_t(u64, (u64)tp->rto.rto_us << tp->probes,
						  CNET_TCP_RTO_MAX_US)));
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

/* Run the events due, arm for the next. Socket locked, not owned. */
static void tcp_timer_expire(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long due = 0;
	int i;

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

/* release_sock(): the timer fired while the user owned the socket. */
void cnet_tcp_release_cb(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tp->timer_deferred)
		return;
	tp->timer_deferred = false;
	tcp_timer_expire(sk);
}

void cnet_tcp_timer_init(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	timer_setup(&tp->timer, tcp_timer_fn, 0);
	cnet_rto_init(&tp->rto);
}
