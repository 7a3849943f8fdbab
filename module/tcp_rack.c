// SPDX-License-Identifier: GPL-2.0
/*
 * RACK-TLP (RFC 8985): the decisions, pure. See tcp_rack.h.
 */
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "tcp_rack.h"
#include "tcp_seq.h"

void cnet_tcp_rack_init(struct cnet_tcp_rack *r)
{
	memset(r, 0, sizeof(*r));
	r->mult = 1;
}

/* A clean RTT sample (Karn's rule held): min_rtt follows it. */
void cnet_tcp_rack_rtt(struct cnet_tcp_rack *r, u32 rtt_us)
{
	if (rtt_us && (!r->min_rtt_us || rtt_us < r->min_rtt_us))
		r->min_rtt_us = rtt_us;
}

/* RACK_sent_after(): was (t1, s1) sent after (t2, s2)? */
static bool rack_sent_after(u64 t1, u32 s1, u64 t2, u32 s2)
{
	return t1 > t2 || (t1 == t2 && cnet_seq_after(s1, s2));
}

/**
 * cnet_tcp_rack_delivered - a segment was newly delivered
 * @r: the state
 * @seg: the segment (or the part of it this ACK delivered)
 * @now_us: the time
 *
 * RFC 8985 6.2 steps 2 and 3; call in ascending order of end_seq within
 * one ACK. A segment is delivered once: the glue leaves out what was
 * SACKed before (cnet_tcp_rack_fresh_end()).
 *
 * Return: whether this is the first reordering seen.
 */
bool cnet_tcp_rack_delivered(struct cnet_tcp_rack *r,
			     const struct cnet_tcp_rack_seg *seg, u64 now_us)
{
	bool first = false;
	u32 rtt;

	rtt = now_us > seg->xmit_us ? min_t(u64, now_us - seg->xmit_us,
					    U32_MAX) : 1;
	/* step 3: an original delivered below what was delivered before */
	if (!r->fack_set || cnet_seq_after(seg->end_seq, r->fack)) {
		r->fack = seg->end_seq;
		r->fack_set = true;
	} else if (cnet_seq_before(seg->end_seq, r->fack) && !seg->retrans) {
		first = !r->reord;
		r->reord = true;
	}
	/* step 2: a retransmission answered too fast was the original's */
	if (seg->retrans && (!r->min_rtt_us || rtt < r->min_rtt_us))
		return first;
	if (!seg->retrans)
		cnet_tcp_rack_rtt(r, rtt);
	if (!r->xmit_us || rack_sent_after(seg->xmit_us, seg->end_seq,
					   r->xmit_us, r->end_seq)) {
		r->xmit_us = seg->xmit_us;
		r->end_seq = seg->end_seq;
		r->rtt_us = rtt;
	}
	return first;
}

/**
 * cnet_tcp_rack_update_reo - adapt the reordering window (RFC 8985 6.2
 *	step 4), once per ACK
 * @r: the state
 * @dsack: the ACK carried a D-SACK (not one answering a tail loss probe)
 * @exit_recovery: the ACK ended a recovery
 * @snd_una: snd_una after the ACK
 * @snd_nxt: the highest sequence sent
 *
 * One D-SACK per round trip raises the multiplier and makes it persist
 * CNET_TCP_RACK_PERSIST recoveries. A D-SACK is reordering seen too: an
 * original that arrives after the DupThresh fallback resent it is
 * reported only as a D-SACK of the retransmission (Linux's
 * tcp_check_sack_reordering() counts it the same way).
 *
 * Return: whether this is the first reordering seen.
 */
bool cnet_tcp_rack_update_reo(struct cnet_tcp_rack *r, bool dsack,
			      bool exit_recovery, u32 snd_una, u32 snd_nxt)
{
	bool first = dsack && !r->reord;

	if (r->dsack_round_set && cnet_seq_geq(snd_una, r->dsack_round))
		r->dsack_round_set = false;
	if (dsack)
		r->reord = true;
	if (dsack && !r->dsack_round_set) {
		r->dsack_round = snd_nxt;
		r->dsack_round_set = true;
		r->mult = min(r->mult + 1, CNET_TCP_RACK_MULT_MAX);
		r->persist = CNET_TCP_RACK_PERSIST;
	} else if (exit_recovery && r->persist) {
		if (!--r->persist)
			r->mult = 1;
	}
	return first;
}

/**
 * cnet_tcp_rack_reo_wnd - RACK.reo_wnd now
 * @r: the state
 * @in_recovery: a recovery is under way
 * @sacked_segs: segments the scoreboard holds SACKed
 * @srtt_us: SRTT, 0 before any sample
 *
 * Return: the window in µs: 0 before reordering is seen when DupThresh
 * would already have spoken, else min_rtt / 4 * multiplier, at most SRTT.
 */
u32 cnet_tcp_rack_reo_wnd(const struct cnet_tcp_rack *r, bool in_recovery,
			  u32 sacked_segs, u32 srtt_us)
{
	u64 w;

	if (!r->reord && (in_recovery ||
			  sacked_segs >= CNET_TCP_SACK_DUPTHRESH))
		return 0;
	w = (u64)(r->min_rtt_us / 4) * max_t(u8, r->mult, 1);
	if (srtt_us && w > srtt_us)
		w = srtt_us;
	return min_t(u64, w, U32_MAX);
}

/**
 * cnet_tcp_rack_check - is a segment not yet delivered lost?
 * @r: the state
 * @seg: the segment (its part not SACKed)
 * @reo_wnd_us: cnet_tcp_rack_reo_wnd()
 * @now_us: the time
 * @wait_us: with CNET_TCP_RACK_WAIT, how long until it is
 *
 * RFC 8985 6.2 step 5, for one segment.
 *
 * Return: the verdict.
 */
enum cnet_tcp_rack_verdict
cnet_tcp_rack_check(const struct cnet_tcp_rack *r,
		    const struct cnet_tcp_rack_seg *seg, u32 reo_wnd_us,
		    u64 now_us, u32 *wait_us)
{
	u64 deadline;

	if (!r->xmit_us || !rack_sent_after(r->xmit_us, r->end_seq,
					    seg->xmit_us, seg->end_seq))
		return CNET_TCP_RACK_NOT_BEFORE;
	deadline = seg->xmit_us + r->rtt_us + reo_wnd_us;
	if (deadline <= now_us)
		return CNET_TCP_RACK_LOST;
	*wait_us = min_t(u64, deadline - now_us, U32_MAX);
	return CNET_TCP_RACK_WAIT;
}

/* One past the highest byte of [a, b) not in @old's ranges, if any. */
static bool rack_uncovered(const struct cnet_tcp_sack_sb *old, u32 a, u32 b,
			   u32 *end)
{
	u32 x = b;
	int i;

	for (i = (int)old->nr - 1; i >= 0; i--) {
		if (!cnet_seq_after(x, a))
			return false;
		if (cnet_seq_geq(old->r[i].start, x))
			continue;		/* above x */
		if (cnet_seq_before(old->r[i].end, x))
			break;			/* below: x - 1 is not in it */
		x = old->r[i].start;		/* it covers x - 1 */
	}
	if (!cnet_seq_after(x, a))
		return false;
	*end = x;
	return true;
}

/**
 * cnet_tcp_rack_fresh_end - where the newly delivered part of a segment ends
 * @old: the scoreboard before the ACK
 * @now: the scoreboard after it; NULL: the whole of [@s, @e) was
 *	delivered (cumulatively acknowledged)
 * @s: the segment's start
 * @e: one past its end
 * @end: one past the highest byte delivered now that @old did not hold
 *
 * Return: whether there is such a byte (else the segment was delivered
 * before, or not at all).
 */
bool cnet_tcp_rack_fresh_end(const struct cnet_tcp_sack_sb *old,
			     const struct cnet_tcp_sack_sb *now, u32 s, u32 e,
			     u32 *end)
{
	u32 a, b;
	int i;

	if (!now)
		return rack_uncovered(old, s, e, end);
	for (i = (int)now->nr - 1; i >= 0; i--) {
		a = cnet_seq_max(s, now->r[i].start);
		b = cnet_seq_min(e, now->r[i].end);
		if (cnet_seq_before(a, b) && rack_uncovered(old, a, b, end))
			return true;
	}
	return false;
}

/**
 * cnet_tcp_tlp_pto_us - the probe timeout (RFC 8985 7.2)
 * @srtt_us: SRTT, 0 before any sample
 * @flight_segs: segments in flight
 * @rto_left_us: until the retransmission timer expires
 *
 * 2 * SRTT, plus the worst delayed ACK when one segment is in flight
 * (else a little slack for the timer, as Linux); 1 s without an SRTT;
 * never after the RTO.
 *
 * Return: µs; when it equals @rto_left_us the RTO speaks first.
 */
u32 cnet_tcp_tlp_pto_us(u32 srtt_us, u32 flight_segs, u32 rto_left_us)
{
	u64 pto;

	if (!srtt_us)
		pto = CNET_TCP_TLP_NO_RTT_US;
	else
		pto = 2 * (u64)srtt_us + (flight_segs == 1 ?
					  CNET_TCP_TLP_ACK_DELAY_US :
					  CNET_TCP_TLP_SLACK_US);
	return min_t(u64, pto, rto_left_us);
}

/**
 * cnet_tcp_tlp_sent - a probe went: an episode opens
 * @r: the state
 * @snd_nxt: the highest sequence sent, after the probe (TLP.end_seq)
 * @retrans: the probe was a retransmission
 */
void cnet_tcp_tlp_sent(struct cnet_tcp_rack *r, u32 snd_nxt, bool retrans)
{
	r->tlp_open = true;
	r->tlp_end = snd_nxt;
	r->tlp_retrans = retrans;
}

/* Does the ACK's D-SACK report the probe of the open episode? */
bool cnet_tcp_tlp_dsack(const struct cnet_tcp_rack *r,
			const struct cnet_tcp_tlp_ack *a)
{
	return r->tlp_open && r->tlp_retrans && a->dsack &&
	       cnet_seq_before(a->dsack_start, r->tlp_end) &&
	       cnet_seq_geq(a->dsack_end, r->tlp_end);
}

/**
 * cnet_tcp_tlp_on_ack - the open episode and one ACK (RFC 8985 7.4.2)
 * @r: the state
 * @a: the ACK
 *
 * Undecided below TLP.end_seq, and at it while a retransmitted probe may
 * still be D-SACKed (the ACK of the original and the probe's look the
 * same): the RFC's "ACK.ack > TLP.end_seq" is the evidence of a loss.
 *
 * Return: the verdict; the episode is closed for the two that decide.
 */
enum cnet_tcp_tlp_verdict cnet_tcp_tlp_on_ack(struct cnet_tcp_rack *r,
					      const struct cnet_tcp_tlp_ack *a)
{
	enum cnet_tcp_tlp_verdict v = CNET_TCP_TLP_OPEN;

	if (!r->tlp_open || cnet_seq_before(a->ack, r->tlp_end))
		return v;
	if (!r->tlp_retrans || cnet_tcp_tlp_dsack(r, a))
		v = CNET_TCP_TLP_NO_LOSS;	/* new data, or both arrived */
	else if (cnet_seq_after(a->ack, r->tlp_end))
		v = CNET_TCP_TLP_LOSS;		/* the probe filled a hole */
	else if (!a->advanced && !a->sacked)
		v = CNET_TCP_TLP_NO_LOSS;	/* a pure duplicate: both */
	if (v != CNET_TCP_TLP_OPEN)
		r->tlp_open = false;
	return v;
}
