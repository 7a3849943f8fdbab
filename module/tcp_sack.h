/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The sender's SACK scoreboard (RFC 2018, RFC 6675) and D-SACK (RFC 2883),
 * pure: no skb, no socket, no lock. The glue feeds it the SACK blocks of
 * each ACK and asks it what is lost, what to retransmit next and how much
 * is in the network; KUnit drives it with synthetic blocks
 * (tests/tcp_sack_test.c).
 *
 * The scoreboard keeps what the peer SACKed as sorted, disjoint ranges of
 * sequence space between snd_una and snd_max (not per skb: cnet's queued
 * skbs are many MSS long and cut only when sent again). A range that does
 * not fit (more than CNET_TCP_SACK_RANGES holes) is forgotten from the
 * top: forgetting SACK information is safe, those bytes only count as in
 * flight and may be sent again.
 *
 * RFC 6675 in these terms, DupThresh = 3, SMSS = @mss:
 * - IsLost(seq): three ranges SACKed above seq, or more than 2 * SMSS
 *   bytes. Since ranges are sorted, every hole below the start of the
 *   highest range with that property is lost: cnet_tcp_sack_lost_end().
 * - HighRxt (@high_rxt): one past the highest byte retransmitted in this
 *   recovery; the recovery starts it at snd_una.
 * - NextSeg() rule 1: the first lost byte at or above HighRxt, up to one
 *   SMSS and the end of its hole (cnet_tcp_sack_next_seg()). Rules 2 (new
 *   data) is the caller's ordinary sending; rules 3 and 4 are not used.
 * - SetPipe(): FlightSize less the SACKed bytes, less the lost bytes not
 *   yet retransmitted (cnet_tcp_sack_pipe()).
 *
 * Validation (RFC 2018 and RFC 2883; as Linux's tcp_is_sackblock_valid()):
 * a block must have start before end and lie within [snd_una, snd_max];
 * a first block below snd_una, or inside the second block, is a D-SACK
 * (a duplicate the receiver got); anything else is bogus, ignored and
 * counted.
 *
 * Undo (RFC 2883's use, as Linux's undo_retrans): the recovery counts
 * its retransmissions; a D-SACK for one of them says it was not needed.
 * When every one was reported duplicate the recovery was spurious: cwnd
 * and ssthresh come back to what they were before it.
 *
 * The receiver's side is one function: cnet_tcp_sack_rcv_blocks() lays
 * out the blocks of an ACK from a pending D-SACK and the out-of-order
 * queue (tcp_ofo.h).
 *
 * Locking: none here; the socket lock serialises every call on one
 * scoreboard.
 */
#ifndef _CNET_TCP_SACK_H
#define _CNET_TCP_SACK_H

#include <linux/types.h>

#include "tcp_cong.h"
#include "tcp_hdr.h"
#include "tcp_ofo.h"

#define CNET_TCP_SACK_DUPTHRESH	3	/* RFC 6675 DupThresh */
#define CNET_TCP_SACK_RANGES	16	/* ranges the scoreboard keeps */

/**
 * struct cnet_tcp_sack_sb - the sender's SACK scoreboard
 * @r: the SACKed ranges above snd_una, sorted, disjoint, not touching
 * @nr: ranges in @r
 * @sacked: bytes in @r
 * @high_rxt: RFC 6675 HighRxt, one past the highest byte retransmitted
 *	in the current recovery; snd_una when @rxt_set is false
 * @rxt_set: @high_rxt was set (a recovery began since the board was
 *	cleared)
 * @undo_retrans: retransmissions of this recovery not (yet) reported
 *	duplicate by a D-SACK; meaningful while @undo_ok
 * @undo_ok: the recovery may still be undone
 * @undo_start: snd_una when the recovery began: D-SACKs for data in
 *	[@undo_start, @high_rxt) answer its retransmissions
 * @prior_cwnd: cwnd before the recovery, for the undo
 * @prior_ssthresh: ssthresh before it
 * @rack_lost: with @rack_set, RACK (tcp_rack.h) marked every byte not
 *	SACKed below it lost
 * @rack_set: @rack_lost is set
 * @no_dupthresh: IsLost() leaves DupThresh out, RACK alone marks losses
 *	(RACK is on and saw reordering)
 */
struct cnet_tcp_sack_sb {
	struct cnet_tcp_sack_block r[CNET_TCP_SACK_RANGES];
	u8	nr;
	u32	sacked;
	u32	high_rxt;
	bool	rxt_set;
	u32	undo_retrans;
	bool	undo_ok;
	u32	undo_start;
	u32	prior_cwnd;
	u32	prior_ssthresh;
	u32	rack_lost;
	bool	rack_set;
	bool	no_dupthresh;
};

/**
 * struct cnet_tcp_sack_res - what one ACK's SACK blocks did
 * @newly: bytes SACKed that were not before
 * @bad: blocks ignored as bogus
 * @dsack: a D-SACK block came (first block)
 * @dsack_start: its range, when @dsack
 * @dsack_end: one past it
 */
struct cnet_tcp_sack_res {
	u32	newly;
	u8	bad;
	bool	dsack;
	u32	dsack_start;
	u32	dsack_end;
};

void cnet_tcp_sack_init(struct cnet_tcp_sack_sb *sb);
void cnet_tcp_sack_clean(struct cnet_tcp_sack_sb *sb, u32 snd_una);
void cnet_tcp_sack_update(struct cnet_tcp_sack_sb *sb,
			  const struct cnet_tcp_sack_block *blk,
			  unsigned int n, u32 snd_una, u32 snd_max,
			  struct cnet_tcp_sack_res *res);
u32 cnet_tcp_sack_lost_end(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
			   u32 mss);
void cnet_tcp_sack_rack_lost(struct cnet_tcp_sack_sb *sb, u32 end);
bool cnet_tcp_sack_is_lost(const struct cnet_tcp_sack_sb *sb, u32 seq,
			   u32 snd_una, u32 mss);
bool cnet_tcp_sack_next_seg(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
			    u32 mss, u32 *start, u32 *end);
u32 cnet_tcp_sack_lost_out(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
			   u32 mss);
u32 cnet_tcp_sack_pipe(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
		       u32 snd_max, u32 mss);
bool cnet_tcp_sack_is_sacked(const struct cnet_tcp_sack_sb *sb, u32 seq);
void cnet_tcp_sack_start_recovery(struct cnet_tcp_sack_sb *sb,
				  const struct cnet_tcp_cc *cc, u32 snd_una);
void cnet_tcp_sack_retransmitted(struct cnet_tcp_sack_sb *sb, u32 end);
bool cnet_tcp_sack_try_undo(struct cnet_tcp_sack_sb *sb,
			    struct cnet_tcp_cc *cc,
			    const struct cnet_tcp_sack_res *res, u32 mss);

unsigned int cnet_tcp_sack_rcv_blocks(const struct cnet_tcp_ofo *q,
				      const struct cnet_tcp_sack_hist *hist,
				      const struct cnet_tcp_sack_block *dsack,
				      struct cnet_tcp_sack_block *out,
				      unsigned int max);

/* tcp_recovery.c: RFC 6675 recovery for a connection with SACK */
u32 cnet_tcp_cc_on_sack_ack(struct cnet_tcp_cc *cc,
			    const struct cnet_tcp_cc_ack *a, bool lost);

#endif /* _CNET_TCP_SACK_H */
