// SPDX-License-Identifier: GPL-2.0
/*
 * Black-hole detection and MTU probing for TCP (RFC 4821), the pure
 * decisions: see tcp_mtu.h. As Linux's tcp_mtup_init(), tcp_sync_mss(),
 * tcp_mtu_probing(), tcp_mtu_probe(), tcp_mtu_check_reprobe(),
 * tcp_mtup_probe_success() and tcp_mtup_probe_failed().
 */
#include <linux/jiffies.h>
#include <linux/minmax.h>

#include "tcp_mtu.h"

/**
 * cnet_tcp_mtup_init - a connection's search, when its handshake ends
 * @m: the state
 * @mode: the namespace's tcp_mtu_probing
 * @base_mss: the namespace's tcp_base_mss
 * @max_mtu: the largest MTU the connection may send: its route's path
 *	MTU, no more than the peer's MSS allows
 * @now: jiffies
 */
void cnet_tcp_mtup_init(struct cnet_tcp_mtup *m, u8 mode, u32 base_mss,
			u32 max_mtu, unsigned long now)
{
	*m = (struct cnet_tcp_mtup){
		.enabled = mode >= CNET_TCP_MTU_PROBING_ALWAYS,
		.search_high = max_mtu,
		.search_low = min(base_mss + CNET_TCP_MTUP_HDRS, max_mtu),
		.probe_ts = now,
	};
}

/**
 * cnet_tcp_mtup_sync - the MTU to cut segments for
 * @m: the state
 * @path_mtu: the path MTU the route (and what ICMP taught) allows
 *
 * The path MTU, but no more than @search_low while probing runs; a lower
 * path MTU lowers @search_high too.
 *
 * Return: the MTU.
 */
u32 cnet_tcp_mtup_sync(struct cnet_tcp_mtup *m, u32 path_mtu)
{
	if (m->search_high > path_mtu)
		m->search_high = path_mtu;
	if (m->enabled)
		return min_t(u32, path_mtu, m->search_low);
	return path_mtu;
}

/**
 * cnet_tcp_mtup_on_rto - the retransmission timer expired
 * @m: the state
 * @mode: the namespace's tcp_mtu_probing
 * @base_mss: the namespace's tcp_base_mss
 * @timeouts: expiries in a row before this one, with no progress
 * @now: jiffies
 *
 * After CNET_TCP_MTUP_BLACKHOLE_RTOS of them, a black hole may eat the
 * large segments: probing starts, from @search_low (tcp_base_mss's MTU);
 * if it ran already, @search_low halves (no more than tcp_base_mss, no
 * less than CNET_TCP_MTUP_FLOOR_MSS), as Linux's tcp_mtu_probing().
 *
 * Return: CNET_TCP_MTUP_RTO_BLACKHOLE if the MTU to send with may be lower.
 */
enum cnet_tcp_mtup_rto cnet_tcp_mtup_on_rto(struct cnet_tcp_mtup *m, u8 mode,
					    u32 base_mss, u32 timeouts,
					    unsigned long now)
{
	u32 mss, low;

	if (mode == CNET_TCP_MTU_PROBING_OFF ||
	    timeouts < CNET_TCP_MTUP_BLACKHOLE_RTOS)
		return CNET_TCP_MTUP_RTO_NONE;
	if (!m->enabled) {
		m->enabled = true;
		m->probe_ts = now;
		return CNET_TCP_MTUP_RTO_BLACKHOLE;
	}
	mss = (m->search_low - min_t(u32, m->search_low, CNET_TCP_MTUP_HDRS)) / 2;
	mss = min(mss, base_mss);
	mss = max_t(u32, mss, CNET_TCP_MTUP_FLOOR_MSS);
	low = mss + CNET_TCP_MTUP_HDRS;
	if (low >= m->search_low)
		return CNET_TCP_MTUP_RTO_NONE;
	m->search_low = low;
	return CNET_TCP_MTUP_RTO_BLACKHOLE;
}

/**
 * cnet_tcp_mtup_next_probe - the MTU of the probe to send now
 * @m: the state
 * @max_mtu: the largest MTU the connection may send (as for init)
 * @cur_mtu: the MTU it sends with now
 * @now: jiffies
 *
 * Halfway between @search_low and @search_high, when probing runs and no
 * probe is in flight. When the two are close, the search is over; it
 * starts over, from @cur_mtu up to @max_mtu, CNET_TCP_MTUP_INTERVAL_S
 * after it last started (Linux's tcp_mtu_check_reprobe()).
 *
 * Return: the probe's MTU, 0 for no probe now.
 */
u32 cnet_tcp_mtup_next_probe(struct cnet_tcp_mtup *m, u32 max_mtu,
			     u32 cur_mtu, unsigned long now)
{
	if (!m->enabled || m->probe_size)
		return 0;
	if (m->search_high < m->search_low + CNET_TCP_MTUP_THRESHOLD) {
		if (time_before(now, m->probe_ts +
				CNET_TCP_MTUP_INTERVAL_S * HZ))
			return 0;
		m->search_high = max_mtu;
		m->search_low = min(cur_mtu, max_mtu);
		m->probe_ts = now;
		if (m->search_high < m->search_low + CNET_TCP_MTUP_THRESHOLD)
			return 0;
	}
	return (m->search_low + m->search_high) / 2;
}

/**
 * cnet_tcp_mtup_probe_sent - a probe of @mtu went, [@seq, @end)
 * @m: the state
 * @mtu: its size
 * @seq: its first sequence number
 * @end: the sequence number after it
 */
void cnet_tcp_mtup_probe_sent(struct cnet_tcp_mtup *m, u32 mtu, u32 seq,
			      u32 end)
{
	m->probe_size = mtu;
	m->probe_seq = seq;
	m->probe_end = end;
}

/* The peer acknowledged the whole probe: its MTU gets through. */
void cnet_tcp_mtup_on_probe_acked(struct cnet_tcp_mtup *m)
{
	if (!m->probe_size)
		return;
	m->search_low = m->probe_size;
	if (m->search_high < m->search_low)
		m->search_high = m->search_low;
	m->probe_size = 0;
}

/*
 * The probe was lost (sent again): its MTU does not get through; loss of
 * a probe is not a congestion signal.
 */
void cnet_tcp_mtup_on_probe_lost(struct cnet_tcp_mtup *m)
{
	if (!m->probe_size)
		return;
	m->search_high = max_t(u32, m->probe_size - 1, m->search_low);
	m->probe_size = 0;
}
