// SPDX-License-Identifier: GPL-2.0
/*
 * Receive- and send-buffer autotuning: pure decisions (see tcp_autotune.h).
 */
#include <linux/math64.h>
#include <linux/limits.h>
#include <linux/minmax.h>

#include "tcp_autotune.h"
#include "tcp_seq.h"

/* Linux's TCP_INIT_CWND: the first round trip's mark is this many MSS */
#define CNET_TCP_RCV_SPACE_SEGS	10

/**
 * cnet_tcp_rcv_rtt_measure - a data segment arrived: sample the round trip
 * @e: the estimate
 * @rcv_nxt: RCV.NXT after the segment
 * @rcv_wnd: the window offered now (bytes)
 * @now_us: the clock
 *
 * When RCV.NXT reached the right edge of the window offered when the
 * measure began, the time it took is a sample; the least sample is kept
 * (a window is filled no faster than a round trip: a longer sample is a
 * sender that was slow, not a longer path). A new measure begins with
 * the window offered now.
 */
void cnet_tcp_rcv_rtt_measure(struct cnet_tcp_rcv_rtt *e, u32 rcv_nxt,
			      u32 rcv_wnd, u64 now_us)
{
	if (e->time_us) {
		u64 d;

		if (cnet_seq_before(rcv_nxt, e->seq))
			return;
		d = now_us > e->time_us ? now_us - e->time_us : 1;
		d = min_t(u64, d, U32_MAX);
		if (!e->rtt_us || d < e->rtt_us)
			e->rtt_us = d;
	}
	e->seq = rcv_nxt + rcv_wnd;
	e->time_us = now_us ?: 1;
}

/**
 * cnet_tcp_rcv_space_init - the connection is established: first mark
 * @s: the state
 * @rcv_wnd: the window offered
 * @advmss: the MSS we advertised
 * @copied_seq: the application's next byte
 * @now_us: the clock
 */
void cnet_tcp_rcv_space_init(struct cnet_tcp_rcv_space *s, u32 rcv_wnd,
			     u32 advmss, u32 copied_seq, u64 now_us)
{
	s->space = min(rcv_wnd, CNET_TCP_RCV_SPACE_SEGS * advmss);
	s->space = max(s->space, 2 * advmss);
	s->seq = copied_seq;
	s->time_us = now_us;
}

/**
 * cnet_tcp_rcv_space_adjust - the application read: grow the buffer?
 * @s: the state
 * @copied_seq: the application's next byte, after the read
 * @now_us: the clock
 * @rtt_us: the receiver's round-trip estimate (0: none yet: nothing
 *	happens)
 * @advmss: the MSS we advertised
 * @rcvbuf: the receive buffer now (sk_rcvbuf)
 * @rcvbuf_max: how large it may grow (@rcvbuf or less: it does not)
 *
 * Once a round trip has passed since the mark was set: if the
 * application read more in it than the mark (@s->space), the window
 * must be at least twice that (the data of one round trip in flight
 * while the previous one is read, as Linux's 2 * copied), with 16
 * segments of cushion for losses; and as the rate is still growing by
 * (copied - space) / space per round trip, twice that growth more. The
 * buffer is twice the window (tcp_output.c offers half of it). The mark
 * becomes what was read.
 *
 * Return: the new receive buffer, never less than @rcvbuf.
 */
u32 cnet_tcp_rcv_space_adjust(struct cnet_tcp_rcv_space *s, u32 copied_seq,
			      u64 now_us, u32 rtt_us, u32 advmss, u32 rcvbuf,
			      u32 rcvbuf_max)
{
	u64 win, grow, buf;
	u32 copied;

	if (!rtt_us || now_us < s->time_us || now_us - s->time_us < rtt_us)
		return rcvbuf;
	copied = copied_seq - s->seq;
	if (copied > s->space) {
		win = 2 * (u64)copied + 16 * (u64)advmss;
		grow = div_u64(win * (copied - s->space), max(s->space, 1U));
		win += 2 * grow;
		buf = min_t(u64, 2 * win, rcvbuf_max);
		if (buf > rcvbuf)
			rcvbuf = buf;
		s->space = copied;
	}
	s->seq = copied_seq;
	s->time_us = now_us;
	return rcvbuf;
}

/**
 * cnet_tcp_sndbuf_want - the send buffer a congestion window needs
 * @cwnd: the congestion window, bytes
 * @mss: the send MSS
 * @sndbuf: the send buffer now (sk_sndbuf)
 * @sndbuf_max: how large it may grow
 *
 * Two windows (in flight and queued behind), at least ten segments'
 * worth each (the initial window, as Linux), each byte counted twice for
 * what its skbs cost in memory besides the data (sk_wmem_queued counts
 * truesize).
 *
 * Return: the new send buffer, never less than @sndbuf.
 */
u32 cnet_tcp_sndbuf_want(u32 cwnd, u32 mss, u32 sndbuf, u32 sndbuf_max)
{
	u64 win = max_t(u64, cwnd, (u64)CNET_TCP_RCV_SPACE_SEGS * mss);
	u64 want = min_t(u64, 2 * 2 * win, sndbuf_max);

	return max_t(u64, want, sndbuf);
}
