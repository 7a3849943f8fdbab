/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP pacing, pure: the rate a connection paces at, when its next packet
 * may leave, and how large a GSO burst is at that rate. No skb, no
 * socket: tcp_output.c and tcp_input.c apply them (sk_pacing_rate, the
 * departure time, the pacing hrtimer), KUnit tests them with a fake clock
 * (tests/tcp_pacing_test.c).
 *
 * The model is Linux's, to the letter:
 *  - the rate (tcp_update_pacing_rate()): what the congestion window
 *    sends per smoothed RTT, times 200% in slow start while cwnd is
 *    below half of ssthresh (tcp_pacing_ss_ratio), 120% after
 *    (tcp_pacing_ca_ratio), at most SO_MAX_PACING_RATE;
 *  - the departure time (tcp_update_skb_after_send()): a packet of len
 *    bytes moves it len / rate later, from the later of now and the
 *    previous departure time; time the flow spent idle earns at most half
 *    of that packet's time back (Linux's allowance for OS jitter), the
 *    first 10 data segments are not paced (as sch_fq does not pace them);
 *  - the burst (tcp_tso_autosize()): about 1 ms of data at the rate
 *    (rate >> sk_pacing_shift, 10), plus an allowance that halves with
 *    every 512 us of minimum RTT (tcp_tso_rtt_log 9), at most the GSO
 *    limits, at least 2 segments (tcp_min_tso_segs).
 *
 * Rates are in bytes per second as sk_pacing_rate: 0 or ~0 mean not
 * paced. Times are nanoseconds of the monotonic clock (ktime_get_ns()).
 */
#ifndef _CNET_TCP_PACING_H
#define _CNET_TCP_PACING_H

#include <linux/types.h>

/* Linux's tcp_pacing_ss_ratio and tcp_pacing_ca_ratio defaults, percent */
#define CNET_TCP_PACING_SS_RATIO	200
#define CNET_TCP_PACING_CA_RATIO	120
/* Linux's tcp_min_tso_segs and tcp_tso_rtt_log defaults */
#define CNET_TCP_MIN_TSO_SEGS		2
#define CNET_TCP_TSO_RTT_LOG		9
/* Data segments sent before pacing starts (as sch_fq's initial quantum) */
#define CNET_TCP_PACING_FREE_SEGS	10
/* The latest departure time: what an hrtimer (a ktime_t) can hold */
#define CNET_TCP_PACING_NS_MAX		((u64)S64_MAX)

u64 cnet_tcp_pacing_rate(u32 cwnd, u32 ssthresh, u32 flight, u32 srtt_us,
			 u64 max_rate);
u64 cnet_tcp_pacing_start(u64 wstamp_ns, u64 now_ns);
u64 cnet_tcp_pacing_advance(u64 wstamp_ns, u64 prior_ns, u32 len, u64 rate,
			    u32 data_segs_out);
bool cnet_tcp_pacing_wait(u64 wstamp_ns, u64 now_ns);
u32 cnet_tcp_pacing_tso_segs(u64 rate, u32 shift, u32 mss, u32 gso_max_size,
			     u32 min_rtt_us, u32 max_segs);

#endif /* _CNET_TCP_PACING_H */
