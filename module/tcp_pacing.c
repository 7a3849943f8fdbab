// SPDX-License-Identifier: GPL-2.0
/*
 * TCP pacing, pure (tcp_pacing.h): the pacing rate, the departure time of
 * the next packet, the size of a GSO burst.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/time64.h>

#include "tcp_pacing.h"

/**
 * cnet_tcp_pacing_rate - the rate to pace at
 * @cwnd: the congestion window, in bytes
 * @ssthresh: the slow start threshold, in bytes
 * @flight: the bytes in flight (a window that shrank below them does
 *	not slow the flow below what it has out, as Linux's
 *	max(cwnd, packets_out))
 * @srtt_us: the smoothed RTT, 0 before the first sample
 * @max_rate: SO_MAX_PACING_RATE (sk_max_pacing_rate), ~0 for none
 *
 * max(@cwnd, @flight) per @srtt_us, times CNET_TCP_PACING_SS_RATIO percent
 * while @cwnd is below half of @ssthresh (slow start, far from its end),
 * CNET_TCP_PACING_CA_RATIO percent after. Before the first RTT sample the
 * division is skipped, as Linux skips it: the rate is huge, so only
 * @max_rate holds it.
 *
 * Linux divides by its srtt_us, which is eight times the smoothed RTT,
 * and multiplies by eight to make up for it: the same here, so that a
 * zero RTT gives Linux's figure (the rate of an RTT of 1/8 us).
 *
 * Return: bytes per second, at most @max_rate.
 */
u64 cnet_tcp_pacing_rate(u32 cwnd, u32 ssthresh, u32 flight, u32 srtt_us,
			 u64 max_rate)
{
	u32 ratio = cwnd < ssthresh / 2 ? CNET_TCP_PACING_SS_RATIO :
					  CNET_TCP_PACING_CA_RATIO;
	/* < 2^32 * 200 * 80000 < 2^56: no overflow */
	u64 rate = (u64)max(cwnd, flight) * ratio * ((USEC_PER_SEC / 100) << 3);

	if (srtt_us)
		rate = div64_u64(rate, (u64)srtt_us << 3);
	return min(rate, max_rate);
}

/**
 * cnet_tcp_pacing_start - the departure time of a packet sent now
 * @wstamp_ns: the connection's departure time (when the previous one's
 *	pacing lets the next leave)
 * @now_ns: the clock
 *
 * Return: the later of the two (Linux's max(tcp_wstamp_ns,
 * tcp_clock_cache) before each transmission).
 */
u64 cnet_tcp_pacing_start(u64 wstamp_ns, u64 now_ns)
{
	return max(wstamp_ns, now_ns);
}

/**
 * cnet_tcp_pacing_advance - the departure time after a packet left
 * @wstamp_ns: the departure time it left at (cnet_tcp_pacing_start())
 * @prior_ns: the departure time before cnet_tcp_pacing_start() moved it
 *	to now: the difference is how long the flow was idle
 * @len: the packet's data, in bytes
 * @rate: the pacing rate, bytes per second; 0 or ~0: not paced
 * @data_segs_out: data segments sent so far, this packet's included
 *	(Linux's data_segs_out when it paces a packet)
 *
 * @len at @rate later, less the idle time but by no more than half
 * (Linux's allowance for OS jitter: a flow that was late catches up a
 * little, it does not burst). Packets do not move it until
 * CNET_TCP_PACING_FREE_SEGS data segments have gone. Never past CNET_TCP_PACING_NS_MAX (a rate of
 * a few bytes per second and large packets could wrap it).
 *
 * Return: the new departure time.
 */
u64 cnet_tcp_pacing_advance(u64 wstamp_ns, u64 prior_ns, u32 len, u64 rate,
			    u32 data_segs_out)
{
	u64 len_ns, credit;

	if (!rate || rate == ~0ULL || data_segs_out < CNET_TCP_PACING_FREE_SEGS)
		return wstamp_ns;
	/* < 2^32 * 10^9 < 2^62: no overflow */
	len_ns = div64_u64((u64)len * NSEC_PER_SEC, rate);
	credit = wstamp_ns > prior_ns ? wstamp_ns - prior_ns : 0;
	len_ns -= min(len_ns / 2, credit);
	if (wstamp_ns >= CNET_TCP_PACING_NS_MAX ||
	    len_ns > CNET_TCP_PACING_NS_MAX - wstamp_ns)
		return CNET_TCP_PACING_NS_MAX;
	return wstamp_ns + len_ns;
}

/**
 * cnet_tcp_pacing_wait - must the next packet wait?
 * @wstamp_ns: the departure time
 * @now_ns: the clock
 *
 * Return: true while the departure time is in the future (Linux's
 * tcp_pacing_check(): the pacing timer is armed for it).
 */
bool cnet_tcp_pacing_wait(u64 wstamp_ns, u64 now_ns)
{
	return wstamp_ns > now_ns;
}

/**
 * cnet_tcp_pacing_tso_segs - how many segments one GSO packet carries
 * @rate: the pacing rate (sk_pacing_rate), bytes per second; ~0: none
 * @shift: sk_pacing_shift (10: about 1 ms of data)
 * @mss: the MSS, > 0
 * @gso_max_size: the largest GSO packet the device takes
 * @min_rtt_us: the smallest RTT seen, U32_MAX before any
 * @max_segs: the most segments the device cuts one into
 *
 * As Linux's tcp_tso_autosize() and tcp_tso_segs(): @rate >> @shift
 * bytes, plus @gso_max_size halved for every 2^CNET_TCP_TSO_RTT_LOG us of
 * @min_rtt_us (a short path, where bursts do little harm, keeps large
 * packets), no more than @gso_max_size, in whole segments, at least
 * CNET_TCP_MIN_TSO_SEGS, and at most @max_segs.
 *
 * Return: the segments, >= 1.
 */
u32 cnet_tcp_pacing_tso_segs(u64 rate, u32 shift, u32 mss, u32 gso_max_size,
			     u32 min_rtt_us, u32 max_segs)
{
	u64 bytes = shift < 64 ? rate >> shift : 0;
	u32 r = min_rtt_us >> CNET_TCP_TSO_RTT_LOG;
	u32 segs;

	/* capped first, so that the sum cannot wrap (rate ~0, shift 0) */
	bytes = min_t(u64, bytes, gso_max_size);
	if (r < 32)
		bytes += gso_max_size >> r;
	bytes = min_t(u64, bytes, gso_max_size);
	segs = max_t(u32, div_u64(bytes, max(mss, 1U)), CNET_TCP_MIN_TSO_SEGS);
	return max(min(segs, max_segs), 1U);
}
