/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RACK-TLP (RFC 8985): time-based loss detection and tail loss probes,
 * pure: no skb, no socket, no lock. Functions of the state, an event and
 * the time (microseconds) that return decisions and deadlines; the glue
 * (tcp_input.c, tcp_output.c, tcp_timer.c) walks the retransmission
 * queue, feeds each segment in, and arms the connection's one timer with
 * the deadlines. KUnit drives it with synthetic segments and a fake clock
 * (tests/tcp_rack_test.c).
 *
 * RACK (RFC 8985 6), with SACK only:
 * - each segment newly delivered (cumulatively or selectively
 *   acknowledged) advances RACK.xmit_ts/RACK.end_seq to the most
 *   recently sent one and takes RACK.rtt from it (step 2): a
 *   retransmitted segment whose RTT is below min_rtt is ambiguous (the
 *   original may be what arrived) and skipped;
 * - a segment delivered below RACK.fack that was never retransmitted was
 *   reordered (step 3): reordering_seen;
 * - the reordering window (step 4): 0 before any reordering was seen
 *   when in recovery or DupThresh segments are SACKed (the RFC 6675
 *   fallback's speed), else min_rtt / 4 * reo_wnd_mult, at most SRTT.
 *   A D-SACK (at most one per round trip) raises reo_wnd_mult and sets
 *   reo_wnd_persist to 16; each recovery that ends without one lowers
 *   it, and at 0 the multiplier is 1 again;
 * - a segment not yet delivered and sent before RACK.xmit_ts (in time,
 *   or at the same time lower in sequence) is lost once
 *   xmit_ts + RACK.rtt + reo_wnd <= now; until then it sets the reorder
 *   timer (step 5, cnet_tcp_rack_check()).
 *
 * cnet differs in three small ways, all on the safe side: RACK.rtt is
 * taken only from a segment that advances RACK.xmit_ts (an older one
 * delivered late would only make it larger); min_rtt is the smallest
 * over the connection, not over a window; and a D-SACK that does not
 * answer a tail loss probe also counts as reordering seen (the original
 * of what was sent again arrived after all: Linux raises its reordering
 * degree on the undo that follows).
 *
 * TLP (RFC 8985 7): when data is in flight outside recovery, a probe
 * timeout (cnet_tcp_tlp_pto_us()) shorter than the RTO; when it fires,
 * one probe (new data, else the highest segment again) per episode. The
 * episode ends on the ACK of the probe: with no loss (new data
 * acknowledged, the probe D-SACKed, a pure duplicate ACK) or with one
 * that the probe repaired (the ACK goes past the probe without a D-SACK),
 * which costs a congestion window reduction (RFC 8985 7.4.2).
 *
 * Locking: none here; the socket lock serialises every call on one
 * connection's state.
 */
#ifndef _CNET_TCP_RACK_H
#define _CNET_TCP_RACK_H

#include <linux/types.h>

#include "tcp_sack.h"

#define CNET_TCP_RACK_PERSIST		16	/* recoveries a raised window stays */
#define CNET_TCP_RACK_MULT_MAX		64	/* reo_wnd_mult, capped (SRTT caps it too) */
#define CNET_TCP_TLP_ACK_DELAY_US	200000	/* WCDelAckT, RFC 8985 7.2 */
#define CNET_TCP_TLP_NO_RTT_US		1000000	/* PTO without an SRTT */
#define CNET_TCP_TLP_SLACK_US		2000	/* Linux's TCP_TIMEOUT_MIN */

/* Per-namespace tcp_recovery bits, as Linux's net.ipv4.tcp_recovery */
#define CNET_TCP_RECOVERY_RACK		0x1

/**
 * struct cnet_tcp_rack - a connection's RACK-TLP state
 * @xmit_us: RACK.xmit_ts, when the most recently sent segment that was
 *	delivered was (last) sent; 0 before any
 * @end_seq: RACK.end_seq, one past that segment
 * @rtt_us: RACK.rtt, the RTT of that segment's delivery
 * @min_rtt_us: the smallest RTT seen, 0 before any
 * @fack: RACK.fack, the highest end of a delivered segment
 * @fack_set: @fack was set
 * @reord: RACK.reordering_seen
 * @mult: RACK.reo_wnd_mult, at least 1
 * @persist: RACK.reo_wnd_persist, recoveries left before @mult is 1
 * @dsack_round: RACK.dsack_round: snd_nxt when a D-SACK last raised
 *	@mult; none more until snd_una passes it
 * @dsack_round_set: @dsack_round is set
 * @tlp_end: TLP.end_seq, snd_nxt after the probe of the open episode
 * @tlp_open: an episode is open (a probe went, its ACK did not decide)
 * @tlp_retrans: the probe was a retransmission (TLP.is_retrans)
 */
struct cnet_tcp_rack {
	u64	xmit_us;
	u32	end_seq;
	u32	rtt_us;
	u32	min_rtt_us;
	u32	fack;
	bool	fack_set;
	bool	reord;
	u8	mult;
	u8	persist;
	u32	dsack_round;
	bool	dsack_round_set;
	u32	tlp_end;
	bool	tlp_open;
	bool	tlp_retrans;
};

/**
 * struct cnet_tcp_rack_seg - a segment, as RACK sees it
 * @xmit_us: when it was last sent
 * @end_seq: one past its last byte
 * @retrans: it was sent more than once
 */
struct cnet_tcp_rack_seg {
	u64	xmit_us;
	u32	end_seq;
	bool	retrans;
};

/* What cnet_tcp_rack_check() says of one segment not yet delivered */
enum cnet_tcp_rack_verdict {
	CNET_TCP_RACK_NOT_BEFORE,	/* not sent before RACK.xmit_ts */
	CNET_TCP_RACK_WAIT,		/* sent before: lost in *wait_us */
	CNET_TCP_RACK_LOST,		/* lost */
};

/* What the ACK of a tail loss probe says (cnet_tcp_tlp_on_ack()) */
enum cnet_tcp_tlp_verdict {
	CNET_TCP_TLP_OPEN,	/* no episode, or not decided yet */
	CNET_TCP_TLP_NO_LOSS,	/* the episode ends: nothing was lost */
	CNET_TCP_TLP_LOSS,	/* it ends: the probe repaired a loss */
};

/**
 * struct cnet_tcp_tlp_ack - what one ACK says, for the TLP episode
 * @ack: its acknowledgment number
 * @advanced: it moved snd_una
 * @sacked: it SACKed new data
 * @dsack: it carried a D-SACK block
 * @dsack_start: the block's start, when @dsack
 * @dsack_end: one past its end
 */
struct cnet_tcp_tlp_ack {
	u32	ack;
	bool	advanced;
	bool	sacked;
	bool	dsack;
	u32	dsack_start;
	u32	dsack_end;
};

void cnet_tcp_rack_init(struct cnet_tcp_rack *r);
void cnet_tcp_rack_rtt(struct cnet_tcp_rack *r, u32 rtt_us);
bool cnet_tcp_rack_delivered(struct cnet_tcp_rack *r,
			     const struct cnet_tcp_rack_seg *seg, u64 now_us);
bool cnet_tcp_rack_update_reo(struct cnet_tcp_rack *r, bool dsack,
			      bool exit_recovery, u32 snd_una, u32 snd_nxt);
u32 cnet_tcp_rack_reo_wnd(const struct cnet_tcp_rack *r, bool in_recovery,
			  u32 sacked_segs, u32 srtt_us);
enum cnet_tcp_rack_verdict
cnet_tcp_rack_check(const struct cnet_tcp_rack *r,
		    const struct cnet_tcp_rack_seg *seg, u32 reo_wnd_us,
		    u64 now_us, u32 *wait_us);
bool cnet_tcp_rack_fresh_end(const struct cnet_tcp_sack_sb *old,
			     const struct cnet_tcp_sack_sb *now, u32 s, u32 e,
			     u32 *end);

u32 cnet_tcp_tlp_pto_us(u32 srtt_us, u32 flight_segs, u32 rto_left_us);
void cnet_tcp_tlp_sent(struct cnet_tcp_rack *r, u32 snd_nxt, bool retrans);
enum cnet_tcp_tlp_verdict cnet_tcp_tlp_on_ack(struct cnet_tcp_rack *r,
					      const struct cnet_tcp_tlp_ack *a);
bool cnet_tcp_tlp_dsack(const struct cnet_tcp_rack *r,
			const struct cnet_tcp_tlp_ack *a);

/* tcp_recovery.c: the congestion response to a loss a probe repaired */
void cnet_tcp_cc_on_tlp_loss(struct cnet_tcp_cc *cc);

#endif /* _CNET_TCP_RACK_H */
