/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The TCP retransmission timeout (RFC 6298), a pure estimator: the caller
 * measures round-trip times and passes them in; nothing here reads a clock
 * or arms a timer. KUnit tests it with the RFC's values
 * (tests/tcp_rto_test.c).
 *
 * All times are in microseconds, unscaled (srtt_us is what TCP_INFO's
 * tcpi_rtt reports, rttvar_us its tcpi_rttvar). With alpha = 1/8 and
 * beta = 1/4 (RFC 6298 2.2, 2.3):
 *
 *   first sample R:   SRTT   = R
 *                     RTTVAR = R / 2
 *   later sample R:   RTTVAR = (1 - beta) * RTTVAR + beta * |SRTT - R|
 *                            = (3 * RTTVAR + |SRTT - R|) / 4
 *                     SRTT   = (1 - alpha) * SRTT + alpha * R
 *                            = (7 * SRTT + R) / 8
 *                     (RTTVAR first, with the SRTT before this sample)
 *   then:             RTO    = max(SRTT + 4 * RTTVAR, RTO_MIN)
 *
 * The divisions round down. The RFC's clock granularity G drops out:
 * microsecond samples make it 1 us, lost under the 200 ms floor. The
 * floor is Linux's TCP_RTO_MIN (200 ms), not the RFC's 1 s (2.4), and the
 * ceiling is Linux's TCP_RTO_MAX (120 s); before the first sample the RTO
 * is 1 s (2.1).
 *
 * Each expiry doubles the timeout (5.5): cnet_rto_timeout_us() is
 * rto_us << backoff, capped at RTO_MAX. A new sample sets backoff back to
 * 0 (Linux resets it only on a valid RTT measurement, which the caller
 * takes per Karn's rule: never from a segment that was retransmitted).
 * A SYN is the exception: its first tcp_syn_linear_timeouts expiries
 * keep the timeout (Linux's tcp_syn_linear_timeouts, since 6.5), so
 * retransmits counts the expiries and backoff only the doublings.
 *
 * The caller serialises calls on one estimator (the socket lock).
 */
#ifndef _CNET_TCP_RTO_H
#define _CNET_TCP_RTO_H

#include <linux/types.h>

#define CNET_TCP_RTO_MIN_US	200000U		/* Linux's TCP_RTO_MIN */
#define CNET_TCP_RTO_MAX_US	120000000U	/* Linux's TCP_RTO_MAX */
#define CNET_TCP_RTO_INIT_US	1000000U	/* RFC 6298 2.1 */
/* RFC 6298 5.7: the RTO when the SYN was retransmitted and nothing sampled */
#define CNET_TCP_RTO_FALLBACK_US 3000000U
/*
 * SYN-SENT expiries that keep the timeout: the default of the namespace's
 * tcp_syn_linear_timeouts (Linux's)
 */
#define CNET_TCP_SYN_LINEAR_TIMEOUTS 4U

/**
 * struct cnet_rto - one connection's RTO estimator
 * @srtt_us: smoothed round-trip time (0 until @sampled)
 * @rttvar_us: round-trip time variation (0 until @sampled)
 * @rto_us: the timeout before backoff, within [RTO_MIN, RTO_MAX]
 * @backoff: doublings since the last sample (timeout = @rto_us <<
 *	@backoff; TCP_INFO's tcpi_backoff)
 * @retransmits: expiries since the last progress (the retries count
 *	them; TCP_INFO's tcpi_retransmits)
 * @sampled: at least one sample was taken
 */
struct cnet_rto {
	u32	srtt_us;
	u32	rttvar_us;
	u32	rto_us;
	u8	backoff;
	u8	retransmits;
	bool	sampled;
};

void cnet_rto_init(struct cnet_rto *r);
void cnet_rto_sample(struct cnet_rto *r, u32 rtt_us);
u32 cnet_rto_timeout_us(const struct cnet_rto *r);
void cnet_rto_on_timeout(struct cnet_rto *r, u32 linear);
void cnet_rto_progress(struct cnet_rto *r);
void cnet_rto_established(struct cnet_rto *r, bool syn_retransmitted);

#endif /* _CNET_TCP_RTO_H */
