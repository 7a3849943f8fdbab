// SPDX-License-Identifier: GPL-2.0
/*
 * TCP congestion control algorithms: the table TCP_CONGESTION looks names
 * up in, the growth helpers they share, and NewReno. Loss recovery, which
 * is the same for every algorithm, is in tcp_recovery.c. See tcp_cong.h
 * for the arithmetic.
 */
#include <linux/array_size.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "tcp_cong.h"

/*
 * The algorithms, the fallback first (what cnet_tcp_cc_init() gives; a
 * socket gets its namespace's tcp_congestion). A new one is one line here.
 */
static const struct cnet_tcp_cong_ops *const cnet_tcp_cong_table[] = {
	&cnet_tcp_reno,
	&cnet_tcp_cubic,
};

/**
 * cnet_tcp_cong_find - an algorithm by name
 * @name: as TCP_CONGESTION passes it ("reno", "cubic")
 *
 * Return: the algorithm, or NULL if there is none by that name.
 */
const struct cnet_tcp_cong_ops *cnet_tcp_cong_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cnet_tcp_cong_table); i++)
		if (!strncmp(name, cnet_tcp_cong_table[i]->name,
			     CNET_TCP_CA_NAME_MAX))
			return cnet_tcp_cong_table[i];
	return NULL;
}

/*
 * Return: the fallback algorithm, NewReno, that cnet_tcp_cc_init() gives
 * (sockets take their namespace's tcp_congestion, "cubic" by default).
 */
const struct cnet_tcp_cong_ops *cnet_tcp_cong_default(void)
{
	return cnet_tcp_cong_table[0];
}

/**
 * cnet_tcp_cc_initial_cwnd - the initial window for an SMSS
 * @mss: the SMSS
 *
 * Return: min(10 * SMSS, max(2 * SMSS, 14600)) bytes (RFC 6928 2).
 */
u32 cnet_tcp_cc_initial_cwnd(u32 mss)
{
	return min_t(u64, 10 * (u64)mss,
		     max_t(u64, 2 * (u64)mss, CNET_TCP_INIT_CWND_BYTES));
}

/**
 * cnet_tcp_cc_init_ops - a new connection's congestion state
 * @cc: the state
 * @mss: the SMSS (at least 1)
 * @snd_nxt: the first sequence number after the SYN
 * @ops: the algorithm
 */
void cnet_tcp_cc_init_ops(struct cnet_tcp_cc *cc, u32 mss, u32 snd_nxt,
			  const struct cnet_tcp_cong_ops *ops)
{
	mss = max(mss, 1U);
	*cc = (struct cnet_tcp_cc){
		.mss		= mss,
		.cwnd		= cnet_tcp_cc_initial_cwnd(mss),
		.ssthresh	= CNET_TCP_SSTHRESH_INF,
		.recover	= snd_nxt,
		.ops		= ops,
	};
	if (ops->init)
		ops->init(cc);
}

/**
 * cnet_tcp_cc_init - a new connection's congestion state, default algorithm
 * @cc: the state
 * @mss: the SMSS
 * @snd_nxt: the first sequence number after the SYN
 */
void cnet_tcp_cc_init(struct cnet_tcp_cc *cc, u32 mss, u32 snd_nxt)
{
	cnet_tcp_cc_init_ops(cc, mss, snd_nxt, cnet_tcp_cong_default());
}

/**
 * cnet_tcp_cc_set_ops - another algorithm for a connection under way
 * @cc: the state
 * @ops: the algorithm
 *
 * cwnd, ssthresh and recovery stay as they are; the new algorithm's own
 * state starts afresh (->init) from them.
 */
void cnet_tcp_cc_set_ops(struct cnet_tcp_cc *cc,
			 const struct cnet_tcp_cong_ops *ops)
{
	if (cc->ops == ops)
		return;
	cc->ops = ops;
	memset(cc->priv, 0, sizeof(cc->priv));
	if (ops->init)
		ops->init(cc);
}

/**
 * cnet_tcp_cc_set_mss - the SMSS changed (path MTU, TCP_MAXSEG)
 * @cc: the state
 * @mss: the new SMSS (at least 1)
 *
 * The windows stay the same number of segments, as Linux's windows, which
 * count segments, do: cwnd and a finite ssthresh are scaled by new/old,
 * rounded down, and cwnd keeps at least one segment. The partial byte
 * count towards the next increase is scaled the same way.
 */
void cnet_tcp_cc_set_mss(struct cnet_tcp_cc *cc, u32 mss)
{
	u32 old = cc->mss;

	mss = max(mss, 1U);
	if (mss == old)
		return;
	cc->cwnd = max_t(u64, div_u64((u64)cc->cwnd * mss, old), mss);
	cc->cwnd = min(cc->cwnd, CNET_TCP_CWND_MAX);
	if (cc->ssthresh != CNET_TCP_SSTHRESH_INF)
		cc->ssthresh = min_t(u64, div_u64((u64)cc->ssthresh * mss, old),
				     CNET_TCP_SSTHRESH_INF - 1);
	cc->ca_acked = min_t(u64, div_u64((u64)cc->ca_acked * mss, old),
			     cc->cwnd);
	cc->mss = mss;
}

/**
 * cnet_tcp_cc_slow_start - slow start with appropriate byte counting
 * @cc: the state
 * @acked: bytes newly acknowledged
 *
 * cwnd += min(@acked, L), L = 2 * SMSS (SMSS after a timeout, RFC 3465
 * 2.3), stopping at ssthresh.
 *
 * Return: the part of @acked left once cwnd reached ssthresh, for
 * congestion avoidance (all of it if cwnd was there already).
 */
u32 cnet_tcp_cc_slow_start(struct cnet_tcp_cc *cc, u32 acked)
{
	u32 limit = cc->in_loss ? cc->mss : 2 * cc->mss;
	u32 inc = min(acked, limit);
	u32 cwnd;

	if (cc->cwnd >= cc->ssthresh)
		return acked;			/* not in slow start */
	cwnd = min3(cc->cwnd + (u64)inc, (u64)cc->ssthresh,
		    (u64)CNET_TCP_CWND_MAX);
	acked -= min(acked, cwnd - cc->cwnd);
	cc->cwnd = cwnd;
	return cc->cwnd >= cc->ssthresh ? acked : 0;
}

/**
 * cnet_tcp_cc_cong_avoid_ai - additive increase by byte counting
 * @cc: the state
 * @w: bytes to acknowledge per SMSS of growth (cwnd for NewReno)
 * @acked: bytes newly acknowledged
 *
 * RFC 3465 2.1: count acknowledged bytes; each time the count reaches @w,
 * take @w off it and add one SMSS to cwnd.
 */
void cnet_tcp_cc_cong_avoid_ai(struct cnet_tcp_cc *cc, u32 w, u32 acked)
{
	u64 count = (u64)cc->ca_acked + acked;
	u64 n;

	w = max(w, cc->mss);
	n = div_u64(count, w);
	count -= n * w;
	cc->cwnd = min_t(u64, cc->cwnd + n * cc->mss, CNET_TCP_CWND_MAX);
	cc->ca_acked = count;
}

/**
 * cnet_tcp_cc_after_idle - new data after an idle period
 * @cc: the state
 * @idle_us: time since the last segment was sent, with nothing in flight
 * @rto_us: the current retransmission timeout
 *
 * A window not used for an RTO no longer says what the path takes (RFC
 * 2861, RFC 5681 4.1); as Linux does by default (tcp_slow_start_after_idle):
 * once idle longer than an RTO, ssthresh keeps 3/4 of cwnd (if more, and
 * unless a reduction is under way), and cwnd is halved once for each
 * k >= 1 with idle > k * RTO, not below the restart window min(IW, cwnd).
 * Idle no longer than an RTO changes nothing here, so the caller calls
 * this before every send from an empty flight: the algorithm's ->tx_start
 * hears of each.
 */
void cnet_tcp_cc_after_idle(struct cnet_tcp_cc *cc, u32 idle_us, u32 rto_us)
{
	u32 restart = min(cnet_tcp_cc_initial_cwnd(cc->mss), cc->cwnd);
	u32 cwnd = cc->cwnd;
	u32 left = idle_us;

	if (cc->ops->tx_start)
		cc->ops->tx_start(cc, idle_us);
	if (idle_us <= rto_us || !rto_us)
		return;
	if (!cc->in_recovery && !cc->in_cwr && !cc->in_loss)
		cc->ssthresh = max(cc->ssthresh, (cwnd >> 1) + (cwnd >> 2));
	while (left > rto_us && cwnd > restart) {
		left -= rto_us;
		cwnd >>= 1;
	}
	cc->cwnd = max(cwnd, restart);
	cc->ca_acked = 0;
}

/* cwnd in segments, as TCP_INFO's tcpi_snd_cwnd */
u32 cnet_tcp_cc_cwnd_segs(const struct cnet_tcp_cc *cc)
{
	return cc->cwnd / cc->mss;
}

/* ssthresh in segments, as TCP_INFO's tcpi_snd_ssthresh (0x7fffffff:
 * infinite, Linux's TCP_INFINITE_SSTHRESH)
 */
u32 cnet_tcp_cc_ssthresh_segs(const struct cnet_tcp_cc *cc)
{
	if (cc->ssthresh == CNET_TCP_SSTHRESH_INF)
		return CNET_TCP_SSTHRESH_INF;
	return cc->ssthresh / cc->mss;
}

/* Return: the state as TCP_INFO's tcpi_ca_state (enum cnet_tcp_ca_state). */
u8 cnet_tcp_cc_ca_state(const struct cnet_tcp_cc *cc)
{
	if (cc->in_loss)
		return CNET_TCP_CA_LOSS;
	if (cc->in_recovery)
		return CNET_TCP_CA_RECOVERY;
	if (cc->in_cwr)
		return CNET_TCP_CA_CWR;
	if (cc->dupacks)
		return CNET_TCP_CA_DISORDER;
	return CNET_TCP_CA_OPEN;
}

/* NewReno (RFC 5681, RFC 6582: recovery is tcp_recovery.c's) */

/* RFC 5681 eq. 4: ssthresh = max(FlightSize / 2, 2 * SMSS) */
static u32 cnet_reno_ssthresh(struct cnet_tcp_cc *cc, u32 flight)
{
	return max(flight / 2, 2 * cc->mss);
}

static void cnet_reno_cong_avoid(struct cnet_tcp_cc *cc, u32 acked,
				 const struct cnet_tcp_cc_ack *a)
{
	if (cc->cwnd < cc->ssthresh)
		acked = cnet_tcp_cc_slow_start(cc, acked);
	if (acked)
		cnet_tcp_cc_cong_avoid_ai(cc, cc->cwnd, acked);
}

const struct cnet_tcp_cong_ops cnet_tcp_reno = {
	.name		= "reno",
	.ssthresh	= cnet_reno_ssthresh,
	.cong_avoid	= cnet_reno_cong_avoid,
};
