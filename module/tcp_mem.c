// SPDX-License-Identifier: GPL-2.0
/*
 * TCP's memory thresholds per namespace (tcp_mem.h): the pure decisions
 * and their glue.
 */
#include <linux/mm.h>
#include <linux/percpu_counter.h>
#include <net/sock.h>

#include "cnet.h"
#include "tcp.h"
#include "tcp_mem.h"

/**
 * cnet_tcp_mem_defaults - the thresholds for a machine's memory
 * @free_pages: pages free for buffers (nr_free_buffer_pages())
 * @mem: filled with low, pressure and high
 *
 * As Linux's tcp_init_mem(): pressure at 1/16 of the memory (at least
 * 128 pages), low at 3/4 of that, high at twice low.
 */
void cnet_tcp_mem_defaults(unsigned long free_pages, u32 mem[CNET_TCP_MEM_MAX])
{
	unsigned long limit = max(free_pages / 16, 128UL);

	limit = min_t(unsigned long, limit, U32_MAX / 2);
	mem[CNET_TCP_MEM_LOW] = limit / 4 * 3;
	mem[CNET_TCP_MEM_PRESSURE] = limit;
	mem[CNET_TCP_MEM_HIGH] = mem[CNET_TCP_MEM_LOW] * 2;
}

/**
 * cnet_tcp_mem_decide - may a socket charge more, with the namespace at
 *	@pages once it did?
 * @mem: the thresholds
 * @pages: the namespace's pages with the new charge
 * @pressure: the namespace is under pressure; updated (pressure begins
 *	above @mem's pressure threshold, ends at or below low)
 * @forced: the socket holds nothing of this kind yet (its first segment)
 *
 * As Linux's __sk_mem_raise_allocated(), with its forced first charge.
 *
 * Return: the verdict.
 */
enum cnet_tcp_mem_verdict cnet_tcp_mem_decide(const u32 mem[CNET_TCP_MEM_MAX],
					      unsigned long pages,
					      bool *pressure, bool forced)
{
	if (pages <= mem[CNET_TCP_MEM_LOW]) {
		*pressure = false;
		return CNET_TCP_MEM_OK;
	}
	if (pages > mem[CNET_TCP_MEM_PRESSURE])
		*pressure = true;
	if (pages > mem[CNET_TCP_MEM_HIGH] && !forced)
		return CNET_TCP_MEM_REFUSE;
	return *pressure ? CNET_TCP_MEM_SQUEEZE : CNET_TCP_MEM_OK;
}

/* ---- glue ---- */

/* Per-cpu batches: the total is exact when summed, close when read */
#define TCP_MEM_BATCH	(16 * PAGE_SIZE)

void cnet_tcp_mem_net_init(struct cnet_net *cn)
{
	u32 mem[CNET_TCP_MEM_MAX];
	int i;

	cnet_tcp_mem_defaults(nr_free_buffer_pages(), mem);
	for (i = 0; i < CNET_TCP_MEM_MAX; i++)
		cn->tcp_mem[i] = mem[i];
	cn->tcp_mem_pressure = false;
	WARN_ON(percpu_counter_init(&cn->tcp_mem_bytes, 0, GFP_KERNEL));
}

/* Every TCP socket is gone: nothing is charged any more. */
void cnet_tcp_mem_net_exit(struct cnet_net *cn)
{
	WARN_ON_ONCE(percpu_counter_sum(&cn->tcp_mem_bytes));
	percpu_counter_destroy(&cn->tcp_mem_bytes);
}

/**
 * cnet_tcp_mem_pages - the pages TCP's sockets hold now, exactly
 * @cn: the namespace
 */
unsigned long cnet_tcp_mem_pages(struct cnet_net *cn)
{
	s64 b = percpu_counter_sum_positive(&cn->tcp_mem_bytes);

	return DIV_ROUND_UP_ULL(b, PAGE_SIZE);
}

/*
 * The namespace's bytes: the per-cpu counter's quick reading, or its
 * exact sum when the reading is within its error of a threshold (as
 * percpu_counter_compare()): small thresholds are exact, large ones cost
 * no lock while memory is far from them.
 */
static s64 tcp_mem_bytes(struct cnet_net *cn, const u32 mem[CNET_TCP_MEM_MAX])
{
	s64 b = percpu_counter_read(&cn->tcp_mem_bytes);
	s64 err = (s64)TCP_MEM_BATCH * num_online_cpus();
	int i;

	for (i = 0; i < CNET_TCP_MEM_MAX; i++) {
		if (abs(b - (s64)mem[i] * PAGE_SIZE) <= err)
			return percpu_counter_sum_positive(&cn->tcp_mem_bytes);
	}
	return max_t(s64, b, 0);
}

/*
 * The verdict for @size more bytes of @sk, pressure begun or ended on
 * the way (counted when it begins).
 */
static enum cnet_tcp_mem_verdict tcp_mem_decide(struct sock *sk, int size,
						bool forced)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	u32 mem[CNET_TCP_MEM_MAX];
	enum cnet_tcp_mem_verdict v;
	bool was, pressure;
	s64 b;
	int i;

	for (i = 0; i < CNET_TCP_MEM_MAX; i++)
		mem[i] = READ_ONCE(cn->tcp_mem[i]);
	b = tcp_mem_bytes(cn, mem) + size;
	was = READ_ONCE(cn->tcp_mem_pressure);
	pressure = was;
	v = cnet_tcp_mem_decide(mem, DIV_ROUND_UP_ULL(b, PAGE_SIZE), &pressure,
				forced);
	if (pressure != was) {
		WRITE_ONCE(cn->tcp_mem_pressure, pressure);
		if (pressure)
			cnet_inc(cn, CNET_STAT_TCP_MEM_PRESSURES);
	}
	return v;
}

/* The receive memory a connection always has: a window of two segments */
static int tcp_mem_rcv_floor(struct sock *sk)
{
	return max_t(int, 4 * cnet_tcp_sk(sk)->adv_mss, SOCK_MIN_RCVBUF);
}

/**
 * cnet_tcp_rmem_forced - must @sk take in-order data whatever tcp_mem says?
 * @sk: the connection, locked
 *
 * While it holds less than the two-segment window it keeps under
 * pressure (as Linux guarantees tcp_rmem[0]): the data still flows.
 */
bool cnet_tcp_rmem_forced(struct sock *sk)
{
	return atomic_read(&sk->sk_rmem_alloc) < tcp_mem_rcv_floor(sk);
}

/*
 * Under pressure the receive buffer shrinks to what it holds, but not
 * below a window of two segments (as Linux's tcp_clamp_window() clamps
 * rcv_ssthresh to 2 * advmss); the window offered follows. It stays so
 * (as after SO_RCVBUF): cnet does not grow buffers by itself.
 */
static void tcp_mem_squeeze_rcv(struct sock *sk)
{
	int held = max(atomic_read(&sk->sk_rmem_alloc), tcp_mem_rcv_floor(sk));

	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK) && READ_ONCE(sk->sk_rcvbuf) > held)
		WRITE_ONCE(sk->sk_rcvbuf, held);
}

/* A received segment's bytes leave the namespace's count with the socket's. */
static void tcp_mem_rfree(struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(skb->sk));

	percpu_counter_add_batch(&cn->tcp_mem_bytes, -(s64)skb->truesize,
				 TCP_MEM_BATCH);
	sock_rfree(skb);
}

/**
 * cnet_tcp_rmem_charge - charge a received segment to @sk and the namespace
 * @sk: the connection, locked
 * @skb: the segment, not owned yet
 * @forced: take it whatever the thresholds (in order, and the receive
 *	queue is empty: the connection makes progress)
 *
 * Return: true when @skb is @sk's now (skb_set_owner_r()); false when
 * the namespace is over tcp_mem's high threshold (counted; the caller
 * drops it).
 */
bool cnet_tcp_rmem_charge(struct sock *sk, struct sk_buff *skb, bool forced)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));

	switch (tcp_mem_decide(sk, skb->truesize, forced)) {
	case CNET_TCP_MEM_REFUSE:
		cnet_inc(cn, CNET_STAT_TCP_MEM_DROP);
		return false;
	case CNET_TCP_MEM_SQUEEZE:
		tcp_mem_squeeze_rcv(sk);
		break;
	default:
		break;
	}
	skb_set_owner_r(skb, sk);
	skb->destructor = tcp_mem_rfree;
	percpu_counter_add_batch(&cn->tcp_mem_bytes, skb->truesize,
				 TCP_MEM_BATCH);
	return true;
}

/**
 * cnet_tcp_ofo_allowed - may @sk keep one more segment out of order?
 * @sk: the connection, locked
 *
 * Not under pressure (counted): the queue of what is in order comes
 * first, as Linux prunes the out-of-order queue then.
 */
bool cnet_tcp_ofo_allowed(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));

	if (!READ_ONCE(cn->tcp_mem_pressure))
		return true;
	cnet_inc(cn, CNET_STAT_TCP_MEM_OFO_DROP);
	return false;
}

/**
 * cnet_tcp_wmem_schedule - may @sk queue @size more bytes to send?
 * @sk: the connection, locked
 * @size: the bytes (truesize) it would charge
 *
 * Under pressure its send buffer shrinks to half of what it has queued
 * (Linux's sk_stream_moderate_sndbuf()), and it waits when what it
 * queued fills that; over high it may not queue more unless it has
 * nothing queued. Either way the caller waits for room as for a full
 * send buffer (counted).
 */
bool cnet_tcp_wmem_schedule(struct sock *sk, int size)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	int queued = READ_ONCE(sk->sk_wmem_queued);
	enum cnet_tcp_mem_verdict v;

	v = tcp_mem_decide(sk, size, !queued);
	if (v == CNET_TCP_MEM_OK)
		return true;
	if (!(sk->sk_userlocks & SOCK_SNDBUF_LOCK))
		WRITE_ONCE(sk->sk_sndbuf, max_t(int, queued / 2, SOCK_MIN_SNDBUF));
	if (v == CNET_TCP_MEM_SQUEEZE && sk_stream_memory_free(sk))
		return true;
	cnet_inc(cn, CNET_STAT_TCP_MEM_SND_WAIT);
	return false;
}

/**
 * cnet_tcp_wmem_queued_add - @sk's send queue grew (or shrank) by @delta
 * @sk: the connection, locked
 * @delta: bytes (truesize)
 *
 * sk_wmem_queued_add() and the namespace's count together.
 */
void cnet_tcp_wmem_queued_add(struct sock *sk, int delta)
{
	sk_wmem_queued_add(sk, delta);
	cnet_tcp_mem_add(sk, delta);
}

/**
 * cnet_tcp_mem_add - the namespace's count alone grows by @delta
 * @sk: the connection, locked
 * @delta: bytes (truesize)
 *
 * For the bytes a core helper already added to sk_wmem_queued
 * (skb_copy_to_page_nocache()).
 */
void cnet_tcp_mem_add(struct sock *sk, int delta)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));

	percpu_counter_add_batch(&cn->tcp_mem_bytes, delta, TCP_MEM_BATCH);
}
