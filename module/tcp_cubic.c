// SPDX-License-Identifier: GPL-2.0
/*
 * CUBIC congestion control (RFC 9438) with HyStart++ (RFC 9406) for the
 * initial slow start: a struct cnet_tcp_cong_ops found by the name
 * "cubic". Pure: the time and the RTT samples come in struct
 * cnet_tcp_cc_ack (now_us, rtt_us); nothing here reads a clock. Windows
 * are in bytes as everywhere in tcp_cong.h: a window of W segments is
 * W * SMSS bytes.
 *
 * Congestion avoidance (RFC 9438 4.2-4.5). An epoch starts on the first
 * ACK of congestion avoidance after a reduction or after slow start, at
 * time 0 with cwnd_epoch = cwnd:
 *   W_cubic(t) = C * (t - K)^3 + W_max		(segments, t in s)
 *   K = cbrt((W_max - cwnd_epoch) / C)		(0 if cwnd_epoch >= W_max,
 *						 and then W_max = cwnd_epoch)
 *   C = 0.4
 * On each ACK of N bytes, target = W_cubic(t + SRTT) clamped to
 * [cwnd, 1.5 * cwnd], and cwnd grows by (target - cwnd) / cwnd per
 * acknowledged SMSS (byte counted with tcp_cong.c's additive-increase
 * helper): concave below W_max, a plateau around t = K, convex beyond.
 * The Reno-friendly estimate (4.3):
 *   W_est = cwnd_epoch at the epoch's start, then
 *   W_est += alpha * N / cwnd, alpha = 3 (1 - beta) / (1 + beta) = 9/17,
 *	      and alpha = 1 once W_est >= cwnd_prior
 * and when W_cubic(t) < W_est, cwnd = W_est (the flow does at least as
 * well as Reno would at small RTTs or small windows).
 *
 * A reduction (loss, timeout, ECE; 4.6, 4.7):
 *   ssthresh = max(FlightSize * beta, 2 * SMSS), beta = 0.7
 *   cwnd_prior = cwnd
 *   W_max = cwnd * (1 + beta) / 2 if cwnd < W_max (fast convergence: a
 *	     flow that lost before reaching its last W_max gives up room),
 *	     else cwnd
 * and the epoch ends; tcp_recovery.c sets cwnd. Idle time is not part of
 * t: a restart from idle (->tx_start) moves the epoch's start by it.
 *
 * HyStart++ (RFC 9406), in the first slow start only. A round is a
 * window: the next begins with the first ACK beyond the snd_nxt at its
 * start (that ACK's sample is of a segment sent in the new round, as in
 * Linux's HyStart). Per round,
 * the minimum RTT sample and the sample count:
 *   slow start: after N_RTT_SAMPLE (8) samples in a round, with the last
 *     round's minimum known, if
 *	 cur_min >= last_min + clamp(last_min / 8, 4 ms, 16 ms)
 *     the delay is rising: Conservative Slow Start (CSS) begins with
 *     css_baseline = cur_min.
 *   CSS: cwnd grows by min(N, 2 SMSS) / CSS_GROWTH_DIVISOR (4) per ACK;
 *     after 8 samples in a round, cur_min < css_baseline means the rise
 *     was spurious: back to slow start. After CSS_ROUNDS (5) rounds in
 *     CSS, ssthresh = cwnd: congestion avoidance.
 *   A reduction ends HyStart++; later slow starts (after a timeout) are
 *     standard, up to the ssthresh the loss set.
 * Slow start itself is tcp_cong.c's (L = 2 SMSS, RFC 3465), stricter
 * than RFC 9406's L = 8 for an unpaced sender.
 */
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/time64.h>

#include "tcp_cong.h"
#include "tcp_seq.h"

#define CUBIC_BETA_NUM		7	/* beta_cubic = 7/10 */
#define CUBIC_BETA_DEN		10
#define CUBIC_ALPHA_NUM		9	/* 3 (1 - beta) / (1 + beta) = 9/17 */
#define CUBIC_ALPHA_DEN		17
#define CUBIC_TIME_SHIFT	10	/* time in 2^-10 s for the cube */
#define CUBIC_OFFS_MAX		BIT(18)	/* |t - K| cap: 256 s */

#define HYSTART_MIN_RTT_THRESH_US	4000U
#define HYSTART_MAX_RTT_THRESH_US	16000U
#define HYSTART_MIN_RTT_DIVISOR		8
#define HYSTART_N_RTT_SAMPLE		8
#define HYSTART_CSS_GROWTH_DIVISOR	4
#define HYSTART_CSS_ROUNDS		5

/* cnet_cubic.flags */
#define CUBIC_EPOCH	0x01	/* an epoch runs since epoch_us */
#define CUBIC_HS_ROUND	0x02	/* a HyStart++ round ends at window_end */
#define CUBIC_HS_CSS	0x04	/* in Conservative Slow Start */
#define CUBIC_HS_DONE	0x08	/* HyStart++ is over for this connection */

/**
 * struct cnet_cubic - CUBIC's state, in struct cnet_tcp_cc's priv
 * @epoch_us: when the current epoch began (the caller's clock)
 * @est_rem: the remainder of W_est's growth, in 1 / (17 * cwnd) bytes
 * @w_max: W_max, bytes: cwnd before the last reduction (fast convergence
 *	applied); 0 before any
 * @origin: the curve's plateau this epoch, bytes (W_max, or cwnd_epoch
 *	when that was above it)
 * @k: K, in 2^-10 s
 * @w_est: the Reno-friendly estimate W_est, bytes
 * @cwnd_prior: cwnd before the last reduction, bytes; 0 before any
 * @srtt_us: a smoothed RTT from the callers' samples (1/8 gain), 0 before
 *	any
 * @window_end: HyStart++: the round ends when an ACK reaches it
 * @last_min: HyStart++: the last round's minimum RTT, U32_MAX if none
 * @cur_min: HyStart++: this round's minimum RTT, U32_MAX if none
 * @css_baseline: HyStart++: the minimum RTT when CSS began
 * @samples: HyStart++: RTT samples this round (saturates)
 * @css_rounds: HyStart++: rounds begun in CSS
 * @flags: CUBIC_*
 */
struct cnet_cubic {
	u64	epoch_us;
	u64	est_rem;
	u32	w_max;
	u32	origin;
	u32	k;
	u32	w_est;
	u32	cwnd_prior;
	u32	srtt_us;
	u32	window_end;
	u32	last_min;
	u32	cur_min;
	u32	css_baseline;
	u16	samples;
	u8	css_rounds;
	u8	flags;
};

static struct cnet_cubic *cubic(struct cnet_tcp_cc *cc)
{
	BUILD_BUG_ON(sizeof(struct cnet_cubic) > sizeof(cc->priv));
	return (struct cnet_cubic *)cc->priv;
}

/* Return: floor(cbrt(@x)). */
static u32 cubic_cbrt(u64 x)
{
	u32 lo = 0, hi = 1U << 22;	/* (2^22)^3 > 2^64 */

	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if ((u64)mid * mid * mid <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/**
 * cnet_tcp_cubic_k - K for a window to regain
 * @diff: W_max - cwnd_epoch, bytes
 * @mss: the SMSS
 *
 * Return: K = cbrt(diff / SMSS / C) seconds, in 2^-10 s.
 */
u32 cnet_tcp_cubic_k(u32 diff, u32 mss)
{
	/* (diff / mss) / 0.4 * 2^30 = diff * 5 * 2^29 / mss */
	return cubic_cbrt(div_u64((u64)diff * 5 << 29, max(mss, 1U)));
}

/**
 * cnet_tcp_cubic_w - W_cubic(t) in bytes
 * @origin: W_max of the curve, bytes
 * @k: K, in 2^-10 s
 * @t_us: time since the epoch began, microseconds
 * @mss: the SMSS
 *
 * Return: origin + C * (t - K)^3 SMSS, within [0, CNET_TCP_CWND_MAX];
 * |t - K| counts at most 256 s, beyond any window a u32 holds.
 */
u32 cnet_tcp_cubic_w(u32 origin, u32 k, u64 t_us, u32 mss)
{
	u64 t = div_u64(min_t(u64, t_us, U32_MAX) << CUBIC_TIME_SHIFT,
			USEC_PER_SEC);
	u64 offs = t >= k ? t - k : k - t;
	u64 delta;

	offs = min_t(u64, offs, CUBIC_OFFS_MAX);
	/* C * offs^3 in 2^-30 s^3 -> SMSS in 2^-10 -> bytes */
	delta = div_u64(offs * offs * offs * 2, 5) >> 20;
	delta = (delta * mss) >> CUBIC_TIME_SHIFT;
	if (t < k)
		return origin > delta ? origin - delta : 0;
	return min_t(u64, origin + delta, CNET_TCP_CWND_MAX);
}

/* W_max, bytes: cwnd before the last reduction (fast convergence applied) */
u32 cnet_tcp_cubic_w_max(struct cnet_tcp_cc *cc)
{
	return cubic(cc)->w_max;
}

/* The plateau of the current epoch's curve, bytes */
u32 cnet_tcp_cubic_origin(struct cnet_tcp_cc *cc)
{
	return cubic(cc)->origin;
}

static void cubic_init(struct cnet_tcp_cc *cc)
{
	struct cnet_cubic *ca = cubic(cc);

	*ca = (struct cnet_cubic){
		.last_min	= U32_MAX,
		.cur_min	= U32_MAX,
		.css_baseline	= U32_MAX,
	};
}

/* RFC 9438 4.6, 4.7: beta, fast convergence, the epoch ends. */
static u32 cubic_ssthresh(struct cnet_tcp_cc *cc, u32 flight)
{
	struct cnet_cubic *ca = cubic(cc);

	ca->cwnd_prior = cc->cwnd;
	if (cc->cwnd < ca->w_max)
		ca->w_max = div_u64((u64)cc->cwnd *
				    (CUBIC_BETA_DEN + CUBIC_BETA_NUM),
				    2 * CUBIC_BETA_DEN);
	else
		ca->w_max = cc->cwnd;
	ca->flags &= ~(CUBIC_EPOCH | CUBIC_HS_CSS);
	ca->flags |= CUBIC_HS_DONE;
	return max_t(u64, div_u64((u64)flight * CUBIC_BETA_NUM,
				  CUBIC_BETA_DEN), 2 * cc->mss);
}

/*
 * HyStart++ on one ACK in slow start (RFC 9406 4.2, 4.3): rounds, their
 * minimum RTT, the delay-increase test, CSS and its false exit.
 */
static void hystart_update(struct cnet_tcp_cc *cc,
			   const struct cnet_tcp_cc_ack *a)
{
	struct cnet_cubic *ca = cubic(cc);

	if (!(ca->flags & CUBIC_HS_ROUND) ||
	    cnet_seq_after(a->ack, ca->window_end)) {
		/* a new round */
		if ((ca->flags & (CUBIC_HS_ROUND | CUBIC_HS_CSS)) ==
		    (CUBIC_HS_ROUND | CUBIC_HS_CSS) &&
		    ++ca->css_rounds >= HYSTART_CSS_ROUNDS) {
			/* CSS lasted its rounds: congestion avoidance */
			cc->ssthresh = cc->cwnd;
			ca->flags &= ~CUBIC_HS_CSS;
			ca->flags |= CUBIC_HS_DONE;
			return;
		}
		ca->window_end = a->snd_nxt;
		ca->last_min = ca->cur_min;
		ca->cur_min = U32_MAX;
		ca->samples = 0;
		ca->flags |= CUBIC_HS_ROUND;
	}
	if (!a->rtt_us)
		return;
	ca->cur_min = min(ca->cur_min, a->rtt_us);
	if (ca->samples < U16_MAX)
		ca->samples++;
	if (ca->samples < HYSTART_N_RTT_SAMPLE)
		return;
	if (ca->flags & CUBIC_HS_CSS) {
		if (ca->cur_min < ca->css_baseline) {
			/* the RTT went back down: a spurious exit */
			ca->css_baseline = U32_MAX;
			ca->flags &= ~CUBIC_HS_CSS;
		}
		return;
	}
	if (ca->last_min != U32_MAX &&
	    ca->cur_min >= (u64)ca->last_min +
			   clamp(ca->last_min / HYSTART_MIN_RTT_DIVISOR,
				 HYSTART_MIN_RTT_THRESH_US,
				 HYSTART_MAX_RTT_THRESH_US)) {
		ca->css_baseline = ca->cur_min;
		ca->css_rounds = 0;
		ca->flags |= CUBIC_HS_CSS;
	}
}

/* Start an epoch at @now_us with cwnd_epoch = cwnd (RFC 9438 4.2, 4.3). */
static void cubic_epoch(struct cnet_tcp_cc *cc, u64 now_us)
{
	struct cnet_cubic *ca = cubic(cc);

	ca->epoch_us = now_us;
	if (cc->cwnd < ca->w_max) {
		ca->k = cnet_tcp_cubic_k(ca->w_max - cc->cwnd, cc->mss);
		ca->origin = ca->w_max;
	} else {
		ca->k = 0;
		ca->origin = cc->cwnd;
	}
	ca->w_est = cc->cwnd;
	ca->est_rem = 0;
	cc->ca_acked = 0;
	ca->flags |= CUBIC_EPOCH;
}

/* Congestion avoidance on an ACK of @acked bytes (RFC 9438 4.2-4.5). */
static void cubic_avoid(struct cnet_tcp_cc *cc, u32 acked, u64 now_us)
{
	struct cnet_cubic *ca = cubic(cc);
	u64 t, target, d, rem;

	if (!(ca->flags & CUBIC_EPOCH))
		cubic_epoch(cc, now_us);
	t = now_us > ca->epoch_us ? now_us - ca->epoch_us : 0;

	/* W_est, Reno's window had it run since the epoch began */
	d = (u64)cc->cwnd * CUBIC_ALPHA_DEN;
	ca->est_rem += (u64)acked * cc->mss *
		       (ca->w_est >= ca->cwnd_prior ? CUBIC_ALPHA_DEN :
						      CUBIC_ALPHA_NUM);
	ca->w_est = min_t(u64, ca->w_est + div64_u64_rem(ca->est_rem, d, &rem),
			  CNET_TCP_CWND_MAX);
	ca->est_rem = rem;
	if (cnet_tcp_cubic_w(ca->origin, ca->k, t, cc->mss) < ca->w_est) {
		/* Reno-friendly region */
		cc->cwnd = max(cc->cwnd, ca->w_est);
		return;
	}

	target = cnet_tcp_cubic_w(ca->origin, ca->k, t + ca->srtt_us, cc->mss);
	target = min(target, cc->cwnd + (u64)cc->cwnd / 2);
	if (target <= cc->cwnd)
		return;
	/* (target - cwnd) / cwnd per SMSS acknowledged */
	cnet_tcp_cc_cong_avoid_ai(cc, div64_u64((u64)cc->cwnd * cc->mss,
						target - cc->cwnd), acked);
}

static void cubic_cong_avoid(struct cnet_tcp_cc *cc, u32 acked,
			     const struct cnet_tcp_cc_ack *a)
{
	struct cnet_cubic *ca = cubic(cc);

	if (a->rtt_us)
		ca->srtt_us = ca->srtt_us ?
			(u32)div_u64(7 * (u64)ca->srtt_us + a->rtt_us, 8) :
			a->rtt_us;
	if (cc->cwnd < cc->ssthresh) {
		if (!(ca->flags & CUBIC_HS_DONE))
			hystart_update(cc, a);
		if (ca->flags & CUBIC_HS_CSS) {
			cc->cwnd = min_t(u64, cc->cwnd +
					 min(acked, 2 * cc->mss) /
					 HYSTART_CSS_GROWTH_DIVISOR,
					 CNET_TCP_CWND_MAX);
			return;
		}
		acked = cnet_tcp_cc_slow_start(cc, acked);
		if (!acked)
			return;
	}
	cubic_avoid(cc, acked, a->now_us);
}

/* A timeout: the epoch starts again once congestion avoidance does. */
static void cubic_set_state(struct cnet_tcp_cc *cc, u8 ca_state)
{
	if (ca_state == CNET_TCP_CA_LOSS)
		cubic(cc)->flags &= ~CUBIC_EPOCH;
}

/* Idle time is no part of t (RFC 9438 5.8): the epoch moves by it. */
static void cubic_tx_start(struct cnet_tcp_cc *cc, u32 idle_us)
{
	struct cnet_cubic *ca = cubic(cc);

	if (ca->flags & CUBIC_EPOCH)
		ca->epoch_us += idle_us;
}

const struct cnet_tcp_cong_ops cnet_tcp_cubic = {
	.name		= "cubic",
	.init		= cubic_init,
	.ssthresh	= cubic_ssthresh,
	.cong_avoid	= cubic_cong_avoid,
	.set_state	= cubic_set_state,
	.tx_start	= cubic_tx_start,
};
