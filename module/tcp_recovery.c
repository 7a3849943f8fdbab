// SPDX-License-Identifier: GPL-2.0
/*
 * TCP loss recovery without SACK: duplicate ACKs, fast retransmit, fast
 * recovery with NewReno's partial ACKs (RFC 5681 3.2, RFC 6582), the
 * retransmission timeout's loss window (RFC 5681 3.1) and ECN's reduction
 * (RFC 3168 6.1.2). The same for every congestion control algorithm: it
 * asks the algorithm for ssthresh on a loss and for growth outside
 * recovery. See tcp_cong.h for the arithmetic.
 */
#include <linux/limits.h>
#include <linux/minmax.h>

#include "tcp_cong.h"
#include "tcp_rack.h"
#include "tcp_sack.h"
#include "tcp_seq.h"

/* Tell the algorithm if the state is no longer @before. */
static void cnet_tcp_cc_state(struct cnet_tcp_cc *cc, u8 before)
{
	u8 now = cnet_tcp_cc_ca_state(cc);

	if (now != before && cc->ops->set_state)
		cc->ops->set_state(cc, now);
}

/* Fast retransmit (RFC 5681 3.2 step 2, RFC 6582 3.2 step 2). */
static u32 cnet_tcp_cc_enter_recovery(struct cnet_tcp_cc *cc,
				      const struct cnet_tcp_cc_ack *a)
{
	/*
	 * An ECE already reduced this window: not twice (RFC 3168 6.1.2).
	 * FlightSize leaves out what limited transmit sent beyond cwnd.
	 */
	if (!cc->in_cwr)
		cc->ssthresh = cc->ops->ssthresh(cc, min(a->flight, cc->cwnd));
	cc->cwnd = min(cc->ssthresh + 3 * (u64)cc->mss, (u64)CNET_TCP_CWND_MAX);
	cc->ca_acked = 0;
	cc->recover = a->snd_nxt;
	cc->in_recovery = true;
	cc->in_cwr = false;
	return CNET_TCP_CC_RETRANSMIT_HEAD | CNET_TCP_CC_ENTER_RECOVERY;
}

static u32 cnet_tcp_cc_dupack(struct cnet_tcp_cc *cc,
			      const struct cnet_tcp_cc_ack *a)
{
	if (cc->dupacks < U8_MAX)
		cc->dupacks++;
	if (cc->in_recovery) {
		/* one more segment left the network (RFC 5681 3.2 step 4) */
		cc->cwnd = min(cc->cwnd + cc->mss, CNET_TCP_CWND_MAX);
		return 0;
	}
	if (cc->dupacks != 3)
		return 0;
	/*
	 * The "recover" guard: after a timeout, duplicate ACKs below recover
	 * answer our own go-back-N retransmissions; they are no new loss.
	 */
	if (cc->in_loss && cnet_seq_before(a->ack, cc->recover))
		return 0;
	cc->in_loss = false;
	return cnet_tcp_cc_enter_recovery(cc, a);
}

/* An ACK of @acked new bytes in fast recovery (RFC 6582 3.2 step 3). */
static u32 cnet_tcp_cc_recovery_ack(struct cnet_tcp_cc *cc,
				    const struct cnet_tcp_cc_ack *a, u32 acked)
{
	if (cnet_seq_before(a->ack, cc->recover)) {
		/*
		 * Partial ACK: deflate by what it acknowledged, add back
		 * the segment that left, resend the next hole; stay.
		 */
		cc->cwnd = max(cc->cwnd > acked ? cc->cwnd - acked : 0,
			       cc->mss);
		if (acked >= cc->mss)
			cc->cwnd = min(cc->cwnd + cc->mss, CNET_TCP_CWND_MAX);
		return CNET_TCP_CC_RETRANSMIT_HEAD;
	}
	/* Full ACK: deflate to what is in flight plus one, at most ssthresh */
	cc->cwnd = min(cc->ssthresh, max(a->flight, cc->mss) + cc->mss);
	cc->in_recovery = false;
	return CNET_TCP_CC_EXIT_RECOVERY;
}

/* ECE: reduce once per window (RFC 3168 6.1.2). */
static u32 cnet_tcp_cc_ece(struct cnet_tcp_cc *cc,
			   const struct cnet_tcp_cc_ack *a)
{
	if (cc->in_recovery || cc->in_loss || cc->in_cwr)
		return 0;
	cc->ssthresh = cc->ops->ssthresh(cc, a->flight);
	cc->cwnd = max(min(cc->cwnd, cc->ssthresh), cc->mss);
	cc->ca_acked = 0;
	cc->recover = a->snd_nxt;
	cc->in_cwr = true;
	return CNET_TCP_CC_CWR;
}

/**
 * cnet_tcp_cc_on_ack - take one acceptable ACK
 * @cc: the state
 * @a: what the ACK says (see struct cnet_tcp_cc_ack)
 *
 * Counts duplicate ACKs and starts a fast retransmit on the third, runs
 * fast recovery, ends a timeout's or an ECE's reduction once an ACK reaches
 * recover, answers ECE, and grows cwnd through the algorithm outside
 * recovery. After a timeout, each ACK that moves snd_una but not to
 * recover asks for the new head again. An ACK that acknowledges nothing new and is no duplicate (a
 * window update, an old ACK) changes nothing but for its ECE.
 *
 * Return: CNET_TCP_CC_* bits for the caller to act on.
 */
u32 cnet_tcp_cc_on_ack(struct cnet_tcp_cc *cc, const struct cnet_tcp_cc_ack *a)
{
	u8 before = cnet_tcp_cc_ca_state(cc);
	u32 acked = 0;
	u32 act = 0;

	if (cnet_seq_after(a->ack, a->snd_una))
		acked = a->ack - a->snd_una;
	if (!acked) {
		if (a->dup)
			act = cnet_tcp_cc_dupack(cc, a);
		if (a->ece)
			act |= cnet_tcp_cc_ece(cc, a);
		goto out;
	}

	cc->dupacks = 0;
	if (cc->in_recovery) {
		act = cnet_tcp_cc_recovery_ack(cc, a, acked);
		goto out;
	}
	if ((cc->in_loss || cc->in_cwr) &&
	    !cnet_seq_before(a->ack, cc->recover)) {
		/* the window of the reduction is acknowledged */
		cc->in_loss = false;
		cc->in_cwr = false;
	}
	if (a->ece)
		act = cnet_tcp_cc_ece(cc, a);
	/* no growth on the ACK that reduces */
	if (!act && !a->app_limited)
		cc->ops->cong_avoid(cc, acked, a);
	/*
	 * After a timeout all that was outstanding is presumed lost (as
	 * Linux marks it): the next hole goes again at once rather than
	 * at the next expiry.
	 */
	if (cc->in_loss)
		act |= CNET_TCP_CC_RETRANSMIT_HEAD;
out:
	cnet_tcp_cc_state(cc, before);
	return act;
}

/**
 * cnet_tcp_cc_on_sack_ack - take one acceptable ACK, with SACK (RFC 6675)
 * @cc: the state
 * @a: what the ACK says
 * @lost: the scoreboard, updated with this ACK, says the byte at the new
 *	snd_una is lost (IsLost(HighACK + 1), tcp_sack.h)
 *
 * Recovery begins on DupThresh duplicate ACKs or on @lost (RFC 6675 5
 * step 4, 5.1 and its IsLost() trigger), not in the window of a timeout
 * (the "recover" guard): ssthresh as for NewReno, cwnd = ssthresh, no
 * inflation; ENTER_RECOVERY, and the caller sends NextSeg() at once and
 * then as long as its pipe stays below cwnd. Partial ACKs leave cwnd as
 * it is (the pipe shrinks instead); the ACK that reaches recover ends it
 * as a NewReno full ACK does. Outside recovery, as cnet_tcp_cc_on_ack().
 *
 * Return: CNET_TCP_CC_* bits; never RETRANSMIT_HEAD but after a timeout
 * (whose go-back-N is the same with SACK).
 */
u32 cnet_tcp_cc_on_sack_ack(struct cnet_tcp_cc *cc,
			    const struct cnet_tcp_cc_ack *a, bool lost)
{
	u8 before = cnet_tcp_cc_ca_state(cc);
	u32 act;

	if (cc->in_recovery) {
		if (a->dup && cc->dupacks < U8_MAX)
			cc->dupacks++;
		if (cnet_seq_after(a->ack, a->snd_una)) {
			cc->dupacks = 0;
			if (!cnet_seq_before(a->ack, cc->recover)) {
				cc->cwnd = min(cc->ssthresh,
					       max(a->flight, cc->mss) + cc->mss);
				cc->in_recovery = false;
				cnet_tcp_cc_state(cc, before);
				return CNET_TCP_CC_EXIT_RECOVERY;
			}
		}
		return 0;
	}
	if (a->dup && !cc->in_loss && cc->dupacks < U8_MAX)
		cc->dupacks++;
	if ((lost || (a->dup && cc->dupacks >= CNET_TCP_SACK_DUPTHRESH)) &&
	    !(cc->in_loss && cnet_seq_before(a->ack, cc->recover))) {
		cc->in_loss = false;
		cnet_tcp_cc_enter_recovery(cc, a);
		cc->cwnd = cc->ssthresh;
		cnet_tcp_cc_state(cc, before);
		return CNET_TCP_CC_ENTER_RECOVERY;
	}
	if (a->dup) {
		/* counted above: no NewReno fast retransmit from here */
		act = a->ece ? cnet_tcp_cc_ece(cc, a) : 0;
		cnet_tcp_cc_state(cc, before);
		return act;
	}
	return cnet_tcp_cc_on_ack(cc, a);
}

/**
 * cnet_tcp_cc_on_tlp_loss - a tail loss probe repaired a loss
 * @cc: the state
 *
 * RFC 8985 7.4.2: the loss costs what a recovery would, entered and left
 * at once: ssthresh from cwnd, cwnd down to it. Not in a reduction
 * already (it answers the same window).
 */
void cnet_tcp_cc_on_tlp_loss(struct cnet_tcp_cc *cc)
{
	u8 before = cnet_tcp_cc_ca_state(cc);

	if (cc->in_recovery || cc->in_loss || cc->in_cwr)
		return;
	cc->ssthresh = cc->ops->ssthresh(cc, cc->cwnd);
	cc->cwnd = max(min(cc->cwnd, cc->ssthresh), cc->mss);
	cc->ca_acked = 0;
	cnet_tcp_cc_state(cc, before);
}

/**
 * cnet_tcp_cc_send_window - how much may be in flight now
 * @cc: the state
 *
 * cwnd, plus limited transmit (RFC 3042): on the first and second
 * duplicate ACK outside any reduction, one more SMSS each of new data may
 * go out, so that a small window still gets its three duplicates.
 * cwnd itself is unchanged, and what limited transmit sent is left out of
 * the FlightSize a fast retransmit halves (RFC 5681 3.2 step 2).
 *
 * Return: the bytes that may be outstanding; the caller also honours the
 * peer's window.
 */
u32 cnet_tcp_cc_send_window(const struct cnet_tcp_cc *cc)
{
	if (cc->dupacks && cc->dupacks < 3 && !cc->in_recovery &&
	    !cc->in_loss && !cc->in_cwr)
		return min(cc->cwnd + (u64)cc->dupacks * cc->mss,
			   (u64)CNET_TCP_CWND_MAX);
	return cc->cwnd;
}

/**
 * cnet_tcp_cc_on_rto - the retransmission timer expired
 * @cc: the state
 * @flight: FlightSize when it expired (snd_nxt - snd_una)
 * @snd_nxt: the highest snd_nxt so far (before any go-back-N rewind)
 *
 * RFC 5681 3.1: ssthresh from FlightSize (eq. 4), cwnd = the loss window,
 * one SMSS. Fast recovery ends and recover = @snd_nxt (RFC 6582 3.2 step
 * 4). ssthresh is not reduced again for a window already reduced: a
 * timeout repeated before an ACK reached recover (RFC 5681: ssthresh is
 * held across the backoff), or one during fast recovery or an ECE's
 * reduction (as Linux's tcp_enter_loss()).
 */
void cnet_tcp_cc_on_rto(struct cnet_tcp_cc *cc, u32 flight, u32 snd_nxt)
{
	bool reduced = cc->in_recovery || cc->in_loss || cc->in_cwr;
	u8 before = cnet_tcp_cc_ca_state(cc);

	if (!reduced)
		cc->ssthresh = cc->ops->ssthresh(cc, flight);
	cc->recover = cc->in_loss ? cnet_seq_max(cc->recover, snd_nxt) :
				    snd_nxt;
	cc->cwnd = cc->mss;
	cc->ca_acked = 0;
	cc->dupacks = 0;
	cc->in_recovery = false;
	cc->in_cwr = false;
	cc->in_loss = true;
	cnet_tcp_cc_state(cc, before);
}
