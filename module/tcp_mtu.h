/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Packetization-layer path MTU discovery (RFC 4821) for TCP, the pure
 * decisions, as Linux's icsk_mtup and tcp_mtu_probing(): black-hole
 * detection, when ICMP fragmentation needed never comes back, and the
 * binary search of probes that finds the path's MTU again.
 *
 * All sizes are MTUs (the IPv4 datagram: the MSS plus 40 bytes of IPv4
 * and TCP headers); the glue (tcp_output.c, tcp_timer.c) converts.
 *
 * The namespace's tcp_mtu_probing says when it runs: 0 never (the
 * default, as Linux), 1 once a black hole is suspected, 2 always. A
 * connection that runs it sends with no more than @search_low, the MTU
 * known (or assumed) to get through, whatever the route says.
 *
 *  - Black hole (cnet_tcp_mtup_on_rto()): the retransmission timer expired
 *    CNET_TCP_MTUP_BLACKHOLE_RTOS times in a row. The first time, the
 *    search starts with @search_low the MTU of tcp_base_mss (1024 + 40);
 *    after, @search_low halves, down to the MTU of CNET_TCP_MTUP_FLOOR_MSS.
 *  - Probing (cnet_tcp_mtup_next_probe()): one segment of the MTU halfway
 *    between @search_low and @search_high; acknowledged
 *    (cnet_tcp_mtup_on_probe_acked()), it is the new @search_low, and the
 *    MSS grows to it; lost (cnet_tcp_mtup_on_probe_lost()), one less is
 *    the new @search_high. The search ends when the two are less than
 *    CNET_TCP_MTUP_THRESHOLD apart, and starts over from the MTU in use
 *    CNET_TCP_MTUP_INTERVAL_S later (Linux's tcp_probe_interval, 600 s):
 *    a path can get larger.
 *
 * Nothing here reads a clock, touches an skb or a socket: KUnit drives
 * it with a fake clock (tests/tcp_mtu_test.c). The state lives in the
 * connection and is changed under its socket lock.
 */
#ifndef _CNET_TCP_MTU_H
#define _CNET_TCP_MTU_H

#include <linux/types.h>

/* IPv4 and TCP headers without options: MTU = MSS + 40 */
#define CNET_TCP_MTUP_HDRS		40
/* tcp_base_mss's default, as Linux's, and its largest (an MTU of 65535) */
#define CNET_TCP_BASE_MSS		1024
#define CNET_TCP_BASE_MSS_MAX		65495
/* the smallest MSS halving goes to (Linux's tcp_mtu_probe_floor) */
#define CNET_TCP_MTUP_FLOOR_MSS		48
/* consecutive timeouts that suggest a black hole (Linux: tcp_retries1 3) */
#define CNET_TCP_MTUP_BLACKHOLE_RTOS	3
/* the search ends when low and high are closer (tcp_probe_threshold) */
#define CNET_TCP_MTUP_THRESHOLD		8
/* the search starts over this often (Linux's tcp_probe_interval) */
#define CNET_TCP_MTUP_INTERVAL_S	600

/* tcp_mtu_probing, as Linux's */
#define CNET_TCP_MTU_PROBING_OFF	0
#define CNET_TCP_MTU_PROBING_BLACKHOLE	1
#define CNET_TCP_MTU_PROBING_ALWAYS	2

/**
 * struct cnet_tcp_mtup - a connection's search for its path's MTU
 * @enabled: probing runs: mode 2, or mode 1 after a black hole
 * @search_low: the largest MTU known (or assumed) to get through
 * @search_high: the largest MTU the path may take: the route's or the
 *	peer's MSS, lowered by each lost probe
 * @probe_size: the MTU of the probe in flight, 0 when none
 * @probe_seq: the probe's first sequence number (with @probe_size)
 * @probe_end: the sequence number after it
 * @probe_ts: jiffies when the search last started
 */
struct cnet_tcp_mtup {
	bool		enabled;
	u16		search_low;
	u16		search_high;
	u16		probe_size;
	u32		probe_seq;
	u32		probe_end;
	unsigned long	probe_ts;
};

/* What a timeout did (cnet_tcp_mtup_on_rto()) */
enum cnet_tcp_mtup_rto {
	CNET_TCP_MTUP_RTO_NONE,		/* nothing: probing off, or too soon */
	CNET_TCP_MTUP_RTO_BLACKHOLE,	/* @search_low lowered */
};

void cnet_tcp_mtup_init(struct cnet_tcp_mtup *m, u8 mode, u32 base_mss,
			u32 max_mtu, unsigned long now);
u32 cnet_tcp_mtup_sync(struct cnet_tcp_mtup *m, u32 path_mtu);
enum cnet_tcp_mtup_rto cnet_tcp_mtup_on_rto(struct cnet_tcp_mtup *m, u8 mode,
					    u32 base_mss, u32 timeouts,
					    unsigned long now);
u32 cnet_tcp_mtup_next_probe(struct cnet_tcp_mtup *m, u32 max_mtu,
			     u32 cur_mtu, unsigned long now);
void cnet_tcp_mtup_probe_sent(struct cnet_tcp_mtup *m, u32 mtu, u32 seq,
			      u32 end);
void cnet_tcp_mtup_on_probe_acked(struct cnet_tcp_mtup *m);
void cnet_tcp_mtup_on_probe_lost(struct cnet_tcp_mtup *m);

#endif /* _CNET_TCP_MTU_H */
