/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP's memory per namespace, as Linux's tcp_mem (net.ipv4.tcp_mem): the
 * pages every TCP socket of the namespace has charged (its receive queue,
 * out-of-order queue and send queue) against three thresholds, in
 * pages:
 *
 *   low       below it, pressure ends
 *   pressure  above it, pressure begins: buffers shrink (a socket's
 *	       receive buffer, hence the window it offers, is clamped to
 *	       what it holds; its send buffer to half of what it has queued),
 *	       and nothing new is kept out of order
 *   high      above it, a new charge is refused (the segment is
 *	       dropped, the sender waits), except in-order data of a
 *	       connection holding less than a two-segment window, and a
 *	       sender's first segment (as Linux's tcp_rmem[0] guarantee and
 *	       sk_forced_mem_schedule()): data still flows, slowly
 *
 * The decisions are pure (cnet_tcp_mem_defaults(), cnet_tcp_mem_decide()),
 * KUnit-tested (tests/tcp_mem_test.c); tcp_mem.c is the glue: a per-cpu
 * counter of bytes per namespace, charged and uncharged with the
 * sockets' own accounting (sk_rmem_alloc, sk_wmem_queued).
 */
#ifndef _CNET_TCP_MEM_H
#define _CNET_TCP_MEM_H

#include <linux/types.h>

struct cnet_net;
struct sk_buff;
struct sock;

/* Index of the three thresholds, as Linux's tcp_mem[] */
enum {
	CNET_TCP_MEM_LOW,
	CNET_TCP_MEM_PRESSURE,
	CNET_TCP_MEM_HIGH,
	CNET_TCP_MEM_MAX,
};

/**
 * enum cnet_tcp_mem_verdict - what a new charge may do
 * @CNET_TCP_MEM_OK: take it
 * @CNET_TCP_MEM_SQUEEZE: take it, under pressure: shrink the buffers
 * @CNET_TCP_MEM_REFUSE: refuse it (over high, and the socket holds
 *	something already)
 */
enum cnet_tcp_mem_verdict {
	CNET_TCP_MEM_OK,
	CNET_TCP_MEM_SQUEEZE,
	CNET_TCP_MEM_REFUSE,
};

void cnet_tcp_mem_defaults(unsigned long free_pages, u32 mem[CNET_TCP_MEM_MAX]);
enum cnet_tcp_mem_verdict cnet_tcp_mem_decide(const u32 mem[CNET_TCP_MEM_MAX],
					      unsigned long pages,
					      bool *pressure, bool forced);

/* Glue (tcp_mem.c) */
void cnet_tcp_mem_net_init(struct cnet_net *cn);
void cnet_tcp_mem_net_exit(struct cnet_net *cn);
unsigned long cnet_tcp_mem_pages(struct cnet_net *cn);
bool cnet_tcp_rmem_charge(struct sock *sk, struct sk_buff *skb, bool forced);
bool cnet_tcp_rmem_forced(struct sock *sk);
bool cnet_tcp_ofo_allowed(struct sock *sk);
bool cnet_tcp_wmem_schedule(struct sock *sk, int size);
void cnet_tcp_wmem_queued_add(struct sock *sk, int delta);
void cnet_tcp_mem_add(struct sock *sk, int delta);

#endif /* _CNET_TCP_MEM_H */
