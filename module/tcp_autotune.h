/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Buffer autotuning. The receive buffer, as Linux's "dynamic right-sizing"
 * (tcp_rcv_space_adjust(), after Fisher's DRS): once per round trip, look
 * at how many bytes the application read in it; if that grew, the sender
 * may send faster than the window lets it, so the receive buffer (hence
 * the window offered: half of it, tcp_output.c) grows to about twice
 * what was read in a round trip, more while the rate still grows (slow
 * start), up to CNET_TCP_RMEM_MAX. A buffer never shrinks here (tcp_mem
 * pressure shrinks it, tcp_mem.c), and SO_RCVBUF turns it off.
 *
 * The round trip is the receiver's own estimate (RFC 7323 has timestamps
 * for it; without them, as Linux's tcp_rcv_rtt_measure()): the time from
 * offering a window until data up to its right edge arrived, the least
 * such time seen. A sender that is not limited by the window takes at
 * least that long to fill it, so the estimate errs long, never short.
 *
 * The send buffer, as Linux's tcp_sndbuf_expand(): while the application
 * waits for room in it, it grows to hold two congestion windows (one in
 * flight, one queued behind it), their memory overhead counted, up to
 * CNET_TCP_WMEM_MAX: a sender is limited by the network, not by a buffer
 * sized for a short path. SO_SNDBUF turns it off.
 *
 * Both stop under tcp_mem pressure (the caller checks).
 *
 * Pure functions of the state, sequence numbers and a clock in
 * microseconds the caller passes; KUnit: tests/tcp_autotune_test.c.
 */
#ifndef _CNET_TCP_AUTOTUNE_H
#define _CNET_TCP_AUTOTUNE_H

#include <linux/types.h>

/**
 * struct cnet_tcp_rcv_rtt - the receiver's round-trip estimate
 * @seq: a sample is taken when rcv_nxt reaches it (the right edge of the
 *	window offered when the measure began)
 * @time_us: when the measure began; 0: none yet
 * @rtt_us: the least sample, 0 while there is none
 */
struct cnet_tcp_rcv_rtt {
	u32	seq;
	u64	time_us;
	u32	rtt_us;
};

/**
 * struct cnet_tcp_rcv_space - what the application read per round trip
 * @space: bytes read in the last round trip that grew the buffer (the
 *	mark to beat); starts at the initial window
 * @seq: copied_seq when this round trip began
 * @time_us: when it began
 */
struct cnet_tcp_rcv_space {
	u32	space;
	u32	seq;
	u64	time_us;
};

void cnet_tcp_rcv_rtt_measure(struct cnet_tcp_rcv_rtt *e, u32 rcv_nxt,
			      u32 rcv_wnd, u64 now_us);
void cnet_tcp_rcv_space_init(struct cnet_tcp_rcv_space *s, u32 rcv_wnd,
			     u32 advmss, u32 copied_seq, u64 now_us);
u32 cnet_tcp_rcv_space_adjust(struct cnet_tcp_rcv_space *s, u32 copied_seq,
			      u64 now_us, u32 rtt_us, u32 advmss, u32 rcvbuf,
			      u32 rcvbuf_max);

u32 cnet_tcp_sndbuf_want(u32 cwnd, u32 mss, u32 sndbuf, u32 sndbuf_max);

#endif /* _CNET_TCP_AUTOTUNE_H */
