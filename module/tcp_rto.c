// SPDX-License-Identifier: GPL-2.0
/*
 * The TCP retransmission timeout estimator (RFC 6298). See tcp_rto.h for
 * the arithmetic.
 */
#include <linux/limits.h>
#include <linux/minmax.h>

#include "tcp_rto.h"

/* RTO = max(SRTT + 4 * RTTVAR, RTO_MIN), at most RTO_MAX */
static void cnet_rto_set(struct cnet_rto *r)
{
	u64 rto = (u64)r->srtt_us + 4 * (u64)r->rttvar_us;

	r->rto_us = clamp_t(u64, rto, CNET_TCP_RTO_MIN_US, CNET_TCP_RTO_MAX_US);
}

/**
 * cnet_rto_init - a connection's estimator before any sample
 * @r: the estimator
 *
 * RTO = 1 s (RFC 6298 2.1), no backoff.
 */
void cnet_rto_init(struct cnet_rto *r)
{
	*r = (struct cnet_rto){ .rto_us = CNET_TCP_RTO_INIT_US };
}

/**
 * cnet_rto_sample - take one round-trip time measurement
 * @r: the estimator
 * @rtt_us: the measured RTT; the caller follows Karn's rule (no sample
 *	from a retransmitted segment)
 *
 * RFC 6298 2.2 for the first sample, 2.3 for the later ones, then the RTO
 * within [RTO_MIN, RTO_MAX]; the backoff goes back to 0.
 */
void cnet_rto_sample(struct cnet_rto *r, u32 rtt_us)
{
	if (!r->sampled) {
		r->srtt_us = rtt_us;
		r->rttvar_us = rtt_us / 2;
		r->sampled = true;
	} else {
		u32 delta = r->srtt_us > rtt_us ? r->srtt_us - rtt_us :
						  rtt_us - r->srtt_us;

		/* RTTVAR first: it uses the SRTT before this sample */
		r->rttvar_us = (3 * (u64)r->rttvar_us + delta) / 4;
		r->srtt_us = (7 * (u64)r->srtt_us + rtt_us) / 8;
	}
	cnet_rto_set(r);
	r->backoff = 0;
}

/**
 * cnet_rto_timeout_us - the timeout to arm now
 * @r: the estimator
 *
 * Return: @r->rto_us doubled for each expiry since the last sample, at
 * most RTO_MAX.
 */
u32 cnet_rto_timeout_us(const struct cnet_rto *r)
{
	/* rto_us <= RTO_MAX < 2^27: 32 doublings pass RTO_MAX anyway */
	if (r->backoff >= 32)
		return CNET_TCP_RTO_MAX_US;
	return min_t(u64, (u64)r->rto_us << r->backoff, CNET_TCP_RTO_MAX_US);
}

/**
 * cnet_rto_on_timeout - the retransmission timer expired
 * @r: the estimator
 * @linear: how many expiries since the last progress keep the timeout
 *	(the namespace's tcp_syn_linear_timeouts for a SYN, else 0)
 *
 * Back the timer off (RFC 6298 5.5): the next cnet_rto_timeout_us() is
 * twice this one, up to RTO_MAX, once @linear expiries have passed (as
 * Linux's tcp_retransmit_timer()). Both counts saturate.
 */
void cnet_rto_on_timeout(struct cnet_rto *r, u32 linear)
{
	if (r->retransmits < U8_MAX)
		r->retransmits++;
	if (r->retransmits > linear && r->backoff < U8_MAX)
		r->backoff++;
}

/**
 * cnet_rto_progress - an ACK acknowledged new data
 * @r: the estimator
 *
 * The retries start over, and the timeout is the estimate again.
 */
void cnet_rto_progress(struct cnet_rto *r)
{
	r->retransmits = 0;
	r->backoff = 0;
}

/**
 * cnet_rto_established - the handshake completed
 * @r: the estimator
 * @syn_retransmitted: our SYN (or SYN-ACK) was sent more than once
 *
 * RFC 6298 5.7: if the SYN had to be retransmitted and no RTT could be
 * measured (Karn's rule), data transmission starts with a 3 s RTO (Linux's
 * TCP_TIMEOUT_FALLBACK). The SYN's backoff is not carried into the data.
 */
void cnet_rto_established(struct cnet_rto *r, bool syn_retransmitted)
{
	if (syn_retransmitted && !r->sampled)
		r->rto_us = CNET_TCP_RTO_FALLBACK_US;
	cnet_rto_progress(r);
}
