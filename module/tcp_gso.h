/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP's large segments, pure: the segment size a peer's window allows,
 * how big a send-queue skb may grow (the size goal), how much of one may
 * leave now (the split point), and how many segments of the MSS an skb
 * is cut into, and where an ACK that covers part of an skb cuts its page
 * fragments. No skb, no socket: the glue in tcp_sock.c (sendmsg) and
 * tcp_output.c (push, retransmission) asks, and KUnit tests them
 * (tests/tcp_gso_test.c).
 *
 * The model is Linux's tcp_xmit_size_goal() and tcp_mss_split_point():
 * a send-queue skb carries many MSS and leaves as one GSO skb, cut into
 * segments of the MSS by the device (TSO) or by the GSO layer; the
 * windows decide how many whole segments of it go now, and the rest
 * stays queued (cut off by tcp_output.c's split, a tcp_fragment()).
 */
#ifndef _CNET_TCP_GSO_H
#define _CNET_TCP_GSO_H

#include <linux/types.h>

/* The largest IPv4 plus TCP header of a segment: 20 + 60 bytes */
#define CNET_TCP_GSO_HDR_MAX	80

u32 cnet_tcp_mss_for_window(u32 mss, u32 max_window);
u32 cnet_tcp_size_goal_of(u32 mss, u32 gso_max_size, u32 gso_max_segs,
			  u32 max_window);
u32 cnet_tcp_send_len(u32 len, u32 mss, u32 room, u32 max_segs);
u32 cnet_tcp_gso_segs(u32 len, u32 mss);
unsigned int cnet_tcp_trim_at(const u32 *size, unsigned int n, u32 len,
			      u32 *cut);

#endif /* _CNET_TCP_GSO_H */
