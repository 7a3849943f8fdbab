// SPDX-License-Identifier: GPL-2.0
/*
 * When a TCP connection gives up: keepalive, retransmission, zero-window
 * probe and user timeout verdicts, TCP_DEFER_ACCEPT's arithmetic. Pure;
 * see tcp_timeout.h.
 */
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/minmax.h>

#include "tcp_timeout.h"

/* @now - @then, 0 if @then is in the future (a stamp from a wrapped past) */
static u32 elapsed(u32 now, u32 then)
{
	s32 d = (s32)(now - then);

	return d > 0 ? d : 0;
}

/**
 * cnet_tcp_keepalive - what the keepalive event does now
 * @ka: the settings
 * @now: the clock
 * @last_rcv: when the peer last sent something acceptable
 * @probes_out: keepalive probes sent since then
 * @busy: data is in flight or waits to be sent (the retransmission and
 *	probe timers watch the connection then)
 * @next: set to the delay until the next keepalive event
 *
 * As Linux's tcp_keepalive_timer().
 *
 * Return: CNET_TCP_TO_WAIT, CNET_TCP_TO_PROBE (the caller counts it in
 * @probes_out) or CNET_TCP_TO_ABORT (a RST, then ETIMEDOUT).
 */
enum cnet_tcp_to_act cnet_tcp_keepalive(const struct cnet_tcp_ka *ka, u32 now,
					u32 last_rcv, u32 probes_out,
					bool busy, u32 *next)
{
	u32 quiet = elapsed(now, last_rcv);

	if (busy) {
		*next = ka->idle;
		return CNET_TCP_TO_WAIT;
	}
	if (quiet < ka->idle) {
		*next = ka->idle - quiet;
		return CNET_TCP_TO_WAIT;
	}
	if (ka->user_timeout ? quiet >= ka->user_timeout && probes_out > 0 :
			       probes_out >= ka->probes) {
		*next = 0;
		return CNET_TCP_TO_ABORT;
	}
	*next = ka->intvl;
	return CNET_TCP_TO_PROBE;
}

/**
 * cnet_tcp_model_timeout - how long @boundary retransmissions take
 * @boundary: retransmissions
 * @rto_base: the first RTO
 * @rto_max: the RTO's ceiling
 *
 * The first RTO doubling at each, up to @rto_max (Linux's
 * tcp_model_timeout()): the sum of @boundary + 1 timeouts.
 */
u32 cnet_tcp_model_timeout(u32 boundary, u32 rto_base, u32 rto_max)
{
	u32 thresh;

	if (!rto_base || rto_max < rto_base)
		return 0;
	thresh = ilog2(rto_max / rto_base);
	if (boundary <= thresh)
		return ((2U << boundary) - 1) * rto_base;
	return ((2U << thresh) - 1) * rto_base + (boundary - thresh) * rto_max;
}

/**
 * cnet_tcp_write_timed_out - has the retransmission timer done enough?
 * @w: what it knows
 * @now: the clock
 *
 * As Linux's tcp_write_timeout() with retransmits_timed_out(): nothing
 * retransmitted yet never times out; then the user timeout if set, else
 * the model's time for @boundary retransmissions, measured from @start.
 * A SYN also stops at @boundary retransmissions, plus @syn_linear: with
 * TCP_SYNCNT 1 a SYN goes at 0, 1 and 2 s and the connect fails at 3 s,
 * as Linux 6.12 (whose first four SYN timeouts are linear).
 *
 * Return: true when the connection ends (ETIMEDOUT).
 */
bool cnet_tcp_write_timed_out(const struct cnet_tcp_wto *w, u32 now)
{
	u32 timeout;

	if (!w->retransmits)
		return false;
	if (w->syn && w->retransmits >= w->boundary + w->syn_linear)
		return true;
	timeout = w->user_timeout ?:
		  cnet_tcp_model_timeout(w->boundary, w->rto_base, w->rto_max);
	return (s32)(now - w->start - timeout) >= 0;
}

/**
 * cnet_tcp_clamp_rto - the next RTO, no later than the user timeout
 * @rto: the backed-off RTO
 * @now: the clock
 * @start: as &struct cnet_tcp_wto's (0: nothing retransmitted yet)
 * @user_timeout: 0 for none
 *
 * As Linux's tcp_clamp_rto_to_user_timeout(): the timer fires when the
 * user timeout ends rather than a whole RTO later.
 *
 * Return: the delay, at least 1.
 */
u32 cnet_tcp_clamp_rto(u32 rto, u32 now, u32 start, u32 user_timeout)
{
	s32 remaining;

	if (!user_timeout || !start)
		return max(rto, 1U);
	remaining = (s32)(user_timeout - elapsed(now, start));
	if (remaining <= 0)
		return 1;
	return clamp_t(u32, remaining, 1, max(rto, 1U));
}

/**
 * cnet_tcp_orphan_retries - retransmissions an orphan is allowed
 * @setting: the namespace's (Linux's tcp_orphan_retries; may be 0)
 * @err_soft: an ICMP error said something is wrong
 * @alive: the RTO is still under its ceiling
 *
 * As Linux's tcp_orphan_retries(): an ICMP error and a dead RTO leave
 * none; 0 means 8 while alive (over 100 s from a 200 ms RTO).
 */
u32 cnet_tcp_orphan_retries(u32 setting, bool err_soft, bool alive)
{
	if (err_soft && !alive)
		setting = 0;
	if (!setting && alive)
		setting = 8;
	return setting;
}

/**
 * cnet_tcp_probe0_verdict - what the zero-window probe timer does now
 * @p: what it knows; @p->tstamp is set at the first probe
 * @now: the clock
 *
 * As Linux's tcp_probe_timer(): the user timeout counts from the first
 * probe of this closed window (answers that keep it closed do not stop
 * it); otherwise @max_probes unanswered probes (the orphan retries for
 * an orphan, which also gives up once its backoff reached them with the
 * interval at its ceiling).
 *
 * Return: CNET_TCP_TO_PROBE or CNET_TCP_TO_ABORT.
 */
enum cnet_tcp_to_act cnet_tcp_probe0_verdict(struct cnet_tcp_probe0 *p,
					     u32 now)
{
	u32 max_probes = p->max_probes;

	if (!p->tstamp) {
		p->tstamp = now ?: 1;
	} else if (p->user_timeout &&
		   elapsed(now, p->tstamp) >= p->user_timeout) {
		return CNET_TCP_TO_ABORT;
	}
	if (p->orphan) {
		max_probes = cnet_tcp_orphan_retries(p->orphan_setting,
						     p->err_soft, p->alive);
		if (!p->alive && p->backoff >= max_probes)
			return CNET_TCP_TO_ABORT;
	}
	return p->probes_out >= max_probes ? CNET_TCP_TO_ABORT :
					     CNET_TCP_TO_PROBE;
}

/**
 * cnet_tcp_probe0_when - the interval after a zero-window probe
 * @rto: the RTO (not backed off)
 * @backoff: the probe backoff
 * @rto_min: the RTO's floor
 * @rto_max: its ceiling
 *
 * As Linux's tcp_probe0_when(): max(@rto, @rto_min) doubled @backoff
 * times, at most @rto_max.
 */
u32 cnet_tcp_probe0_when(u32 rto, u32 backoff, u32 rto_min, u32 rto_max)
{
	u32 shift = min_t(u32, backoff, rto_min ? ilog2(rto_max / rto_min) + 1 : 0);
	u64 when = (u64)max(rto, rto_min) << shift;

	return min_t(u64, when, rto_max);
}

/**
 * cnet_tcp_clamp_probe0 - the probe interval, no later than the user timeout
 * @when: cnet_tcp_probe0_when()'s
 * @now: the clock
 * @tstamp: the first probe's time (0: none yet)
 * @user_timeout: 0 for none
 * @min_timeout: the least delay (Linux's TCP_TIMEOUT_MIN)
 */
u32 cnet_tcp_clamp_probe0(u32 when, u32 now, u32 tstamp, u32 user_timeout,
			  u32 min_timeout)
{
	s32 remaining;

	if (!user_timeout || !tstamp)
		return when;
	remaining = (s32)(user_timeout - elapsed(now, tstamp));
	remaining = max_t(s32, remaining, min_timeout);
	return min_t(u32, remaining, when);
}

/**
 * cnet_tcp_fin_time - how long an orphan waits in FIN-WAIT-2
 * @fin_timeout: TCP_LINGER2's, or the default
 * @rto: the RTO
 *
 * As Linux's tcp_fin_time(): at least 3.5 RTO.
 */
u32 cnet_tcp_fin_time(u32 fin_timeout, u32 rto)
{
	u32 floor = (rto << 2) - (rto >> 1);

	return max(fin_timeout, floor);
}

/**
 * cnet_tcp_secs_to_retrans - TCP_DEFER_ACCEPT's seconds as SYN-ACK timeouts
 * @seconds: what the user set
 * @timeout: the first SYN-ACK timeout, in seconds
 * @rto_max: the longest, in seconds
 *
 * As Linux's secs_to_retrans(): the fewest timeouts (doubling) whose sum
 * reaches @seconds; 0 for 0 or less, at most 255.
 */
u8 cnet_tcp_secs_to_retrans(int seconds, int timeout, int rto_max)
{
	int period = timeout;
	u8 res = 0;

	if (seconds <= 0)
		return 0;
	res = 1;
	while (seconds > period && res < 255) {
		res++;
		timeout <<= 1;
		if (timeout > rto_max)
			timeout = rto_max;
		period += timeout;
	}
	return res;
}

/**
 * cnet_tcp_retrans_to_secs - the seconds @retrans SYN-ACK timeouts take
 * @retrans: timeouts
 * @timeout: the first, in seconds
 * @rto_max: the longest, in seconds
 *
 * What getsockopt(TCP_DEFER_ACCEPT) says (Linux's retrans_to_secs()).
 */
int cnet_tcp_retrans_to_secs(u8 retrans, int timeout, int rto_max)
{
	int period = 0;

	if (!retrans)
		return 0;
	period = timeout;
	while (--retrans) {
		timeout <<= 1;
		if (timeout > rto_max)
			timeout = rto_max;
		period += timeout;
	}
	return period;
}

/**
 * cnet_tcp_synack_recalc - a request's SYN-ACK timer expired
 * @num_timeout: its timeouts so far
 * @max_retries: SYN-ACK retransmissions allowed
 * @defer: the listener's TCP_DEFER_ACCEPT, in timeouts
 * @acked: the peer's ACK came and was dropped (deferred, or the accept
 *	queue was full)
 * @expire: set when the request goes
 * @resend: set when the SYN-ACK goes again
 *
 * As Linux's syn_ack_recalc(): while deferring, an ACKed request is not
 * sent its SYN-ACK again until the last deferred timeout (the peer's
 * answer then makes the connection), nor dropped before the end.
 */
void cnet_tcp_synack_recalc(u32 num_timeout, u32 max_retries, u8 defer,
			    bool acked, bool *expire, bool *resend)
{
	if (!defer) {
		*expire = num_timeout >= max_retries;
		*resend = true;
		return;
	}
	*expire = num_timeout >= max_retries &&
		  (!acked || num_timeout >= defer);
	*resend = !acked || num_timeout + 1 >= defer;
}

/**
 * cnet_tcp_defer_bare_ack - is this ACK of a request held back?
 * @num_timeout: the request's SYN-ACK timeouts so far
 * @defer: the listener's TCP_DEFER_ACCEPT, in timeouts
 * @bare_ack: the segment completing the handshake has no data (nor FIN)
 *
 * As Linux's tcp_check_req(): while deferring, a bare ACK is dropped and
 * only remembered (the request's "acked").
 */
bool cnet_tcp_defer_bare_ack(u32 num_timeout, u8 defer, bool bare_ack)
{
	return bare_ack && num_timeout < defer;
}
