// SPDX-License-Identifier: GPL-2.0
/*
 * The sender's SACK scoreboard: SACKed ranges, IsLost, NextSeg, pipe
 * (RFC 6675), block validation and D-SACK (RFC 2883), the undo of a
 * spurious recovery. See tcp_sack.h.
 */
#include <linux/array_size.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "tcp_sack.h"
#include "tcp_seq.h"

void cnet_tcp_sack_init(struct cnet_tcp_sack_sb *sb)
{
	memset(sb, 0, sizeof(*sb));
}

static void sack_drop(struct cnet_tcp_sack_sb *sb, unsigned int i)
{
	sb->sacked -= sb->r[i].end - sb->r[i].start;
	memmove(&sb->r[i], &sb->r[i + 1], (sb->nr - i - 1) * sizeof(sb->r[0]));
	sb->nr--;
}

/**
 * cnet_tcp_sack_clean - the cumulative ACK moved to @snd_una
 * @sb: the scoreboard
 * @snd_una: the new snd_una
 *
 * Ranges below it go, a range it cuts loses its head. A receiver that
 * reneged (SACKed, then dropped the data) shows only in that its blocks
 * stop coming: cnet, like Linux, keeps the ranges until the cumulative
 * ACK passes them or a timeout clears the board.
 */
void cnet_tcp_sack_clean(struct cnet_tcp_sack_sb *sb, u32 snd_una)
{
	while (sb->nr && cnet_seq_leq(sb->r[0].end, snd_una))
		sack_drop(sb, 0);
	if (sb->nr && cnet_seq_before(sb->r[0].start, snd_una)) {
		sb->sacked -= snd_una - sb->r[0].start;
		sb->r[0].start = snd_una;
	}
	if (sb->rxt_set && cnet_seq_before(sb->high_rxt, snd_una))
		sb->high_rxt = snd_una;
	if (sb->rack_set && cnet_seq_leq(sb->rack_lost, snd_una))
		sb->rack_set = false;
}

/* HighRxt, or snd_una before any recovery set it */
static u32 sack_rxt(const struct cnet_tcp_sack_sb *sb, u32 snd_una)
{
	return sb->rxt_set ? cnet_seq_max(sb->high_rxt, snd_una) : snd_una;
}

/* Add [start, end) (valid, above snd_una): merge, keep sorted. */
static void sack_add(struct cnet_tcp_sack_sb *sb, u32 start, u32 end)
{
	unsigned int i, j;

	/* the first range that ends at or after start */
	for (i = 0; i < sb->nr && cnet_seq_before(sb->r[i].end, start); i++)
		;
	/* the ranges from i that start at or before end merge with it */
	for (j = i; j < sb->nr && cnet_seq_leq(sb->r[j].start, end); j++) {
		start = cnet_seq_min(start, sb->r[j].start);
		end = cnet_seq_max(end, sb->r[j].end);
	}
	while (j > i) {
		sack_drop(sb, i);
		j--;
	}
	if (sb->nr == CNET_TCP_SACK_RANGES) {
		/* full: forget the highest (it may be the new one) */
		if (i == sb->nr)
			return;
		sack_drop(sb, sb->nr - 1);
	}
	memmove(&sb->r[i + 1], &sb->r[i], (sb->nr - i) * sizeof(sb->r[0]));
	sb->r[i].start = start;
	sb->r[i].end = end;
	sb->nr++;
	sb->sacked += end - start;
}

/**
 * cnet_tcp_sack_update - take the SACK blocks of one ACK
 * @sb: the scoreboard, cleaned to @snd_una already
 * @blk: the blocks as received
 * @n: how many
 * @snd_una: snd_una after this ACK's cumulative acknowledgment
 * @snd_max: one past the highest byte sent
 * @res: what they did, filled
 *
 * RFC 2883 4: the first block is a D-SACK when it lies below @snd_una or
 * inside the second block; it reports a duplicate and adds nothing.
 * Other blocks outside [@snd_una, @snd_max], empty or reversed ones are
 * bogus: ignored and counted in @res->bad.
 */
void cnet_tcp_sack_update(struct cnet_tcp_sack_sb *sb,
			  const struct cnet_tcp_sack_block *blk,
			  unsigned int n, u32 snd_una, u32 snd_max,
			  struct cnet_tcp_sack_res *res)
{
	u32 before = sb->sacked, s, e;
	unsigned int i;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < n; i++) {
		s = blk[i].start;
		e = blk[i].end;
		if (!cnet_seq_before(s, e) || cnet_seq_after(e, snd_max) ||
		    e - s > snd_max - snd_una + 0x10000U) {
			res->bad++;
			continue;
		}
		if (i == 0 && (cnet_seq_leq(e, snd_una) ||
			       (n > 1 && cnet_seq_geq(s, blk[1].start) &&
				cnet_seq_leq(e, blk[1].end) &&
				cnet_seq_before(blk[1].start, blk[1].end)))) {
			res->dsack = true;
			res->dsack_start = s;
			res->dsack_end = e;
			continue;
		}
		if (cnet_seq_before(s, snd_una)) {
			res->bad++;
			continue;
		}
		sack_add(sb, s, e);
	}
	res->newly = sb->sacked > before ? sb->sacked - before : 0;
}

/**
 * cnet_tcp_sack_lost_end - where the lost holes end
 * @sb: the scoreboard
 * @snd_una: snd_una
 * @mss: SMSS
 *
 * Return: the start of the highest range with DupThresh ranges, or more
 * than (DupThresh - 1) * SMSS bytes, SACKed at or above it (RFC 6675
 * IsLost()), unless @no_dupthresh; or where RACK's marks end, if
 * higher. Every byte not SACKed below it is lost. @snd_una when nothing
 * is.
 */
u32 cnet_tcp_sack_lost_end(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
			   u32 mss)
{
	u32 bytes = 0, end = snd_una;
	int i;

	for (i = sb->nr - 1; i >= 0 && !sb->no_dupthresh; i--) {
		bytes += sb->r[i].end - sb->r[i].start;
		if (sb->nr - i >= CNET_TCP_SACK_DUPTHRESH ||
		    bytes > (CNET_TCP_SACK_DUPTHRESH - 1) * mss) {
			end = sb->r[i].start;
			break;
		}
	}
	if (sb->rack_set && cnet_seq_after(sb->rack_lost, end))
		end = sb->rack_lost;
	return end;
}

/* RACK marked every byte not SACKed below @end lost (they stay lost). */
void cnet_tcp_sack_rack_lost(struct cnet_tcp_sack_sb *sb, u32 end)
{
	if (!sb->rack_set || cnet_seq_after(end, sb->rack_lost))
		sb->rack_lost = end;
	sb->rack_set = true;
}

/* Is @seq SACKed? */
bool cnet_tcp_sack_is_sacked(const struct cnet_tcp_sack_sb *sb, u32 seq)
{
	unsigned int i;

	for (i = 0; i < sb->nr; i++)
		if (cnet_seq_geq(seq, sb->r[i].start) &&
		    cnet_seq_before(seq, sb->r[i].end))
			return true;
	return false;
}

/* RFC 6675 IsLost(@seq): not SACKed and below the lost end. */
bool cnet_tcp_sack_is_lost(const struct cnet_tcp_sack_sb *sb, u32 seq,
			   u32 snd_una, u32 mss)
{
	return cnet_seq_geq(seq, snd_una) &&
	       cnet_seq_before(seq, cnet_tcp_sack_lost_end(sb, snd_una, mss)) &&
	       !cnet_tcp_sack_is_sacked(sb, seq);
}

/*
 * The lost part of hole @i: from @snd_una or the end of range i - 1 to
 * the start of range i, or to @lost for the hole above every range (lost
 * only when RACK marked it), and never past @lost. Return: whether it
 * holds a byte.
 */
static bool sack_hole(const struct cnet_tcp_sack_sb *sb, unsigned int i,
		      u32 snd_una, u32 lost, u32 *hs, u32 *he)
{
	*hs = i ? sb->r[i - 1].end : snd_una;
	*he = i < sb->nr ? cnet_seq_min(sb->r[i].start, lost) : lost;
	return cnet_seq_before(*hs, *he);
}

/**
 * cnet_tcp_sack_next_seg - RFC 6675 NextSeg() rule 1
 * @sb: the scoreboard
 * @snd_una: snd_una
 * @mss: SMSS
 * @start: the range to retransmit, when found
 * @end: one past it (at most @mss after @start)
 *
 * Return: whether a lost byte at or above HighRxt is left.
 */
bool cnet_tcp_sack_next_seg(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
			    u32 mss, u32 *start, u32 *end)
{
	u32 lost = cnet_tcp_sack_lost_end(sb, snd_una, mss), hs, he, s;
	u32 rxt = sack_rxt(sb, snd_una);
	unsigned int i;

	for (i = 0; i <= sb->nr; i++) {
		if (!sack_hole(sb, i, snd_una, lost, &hs, &he))
			continue;
		s = cnet_seq_max(hs, rxt);
		if (cnet_seq_before(s, he)) {
			*start = s;
			*end = he - s > mss ? s + mss : he;
			return true;
		}
	}
	return false;
}

/* Lost bytes not retransmitted yet (TCP_INFO's lost, and the pipe). */
u32 cnet_tcp_sack_lost_out(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
			   u32 mss)
{
	u32 lost = cnet_tcp_sack_lost_end(sb, snd_una, mss), hs, he, s, sum = 0;
	u32 rxt = sack_rxt(sb, snd_una);
	unsigned int i;

	for (i = 0; i <= sb->nr; i++) {
		if (!sack_hole(sb, i, snd_una, lost, &hs, &he))
			continue;
		s = cnet_seq_max(hs, rxt);
		if (cnet_seq_before(s, he))
			sum += he - s;
	}
	return sum;
}

/**
 * cnet_tcp_sack_pipe - RFC 6675 SetPipe(): bytes still in the network
 * @sb: the scoreboard
 * @snd_una: snd_una
 * @snd_max: one past the highest byte sent
 * @mss: SMSS
 *
 * Every byte sent and not acknowledged, less what was SACKed, less what
 * is lost and not sent again: a lost byte sent again is in flight once.
 */
u32 cnet_tcp_sack_pipe(const struct cnet_tcp_sack_sb *sb, u32 snd_una,
		       u32 snd_max, u32 mss)
{
	u32 flight = snd_max - snd_una;
	u32 out = sb->sacked + cnet_tcp_sack_lost_out(sb, snd_una, mss);

	return flight > out ? flight - out : 0;
}

/**
 * cnet_tcp_sack_start_recovery - a SACK recovery begins
 * @sb: the scoreboard
 * @cc: the congestion state before the reduction (for the undo)
 * @snd_una: snd_una
 */
void cnet_tcp_sack_start_recovery(struct cnet_tcp_sack_sb *sb,
				  const struct cnet_tcp_cc *cc, u32 snd_una)
{
	sb->high_rxt = snd_una;
	sb->rxt_set = true;
	sb->undo_start = snd_una;
	sb->undo_retrans = 0;
	sb->undo_ok = true;
	sb->prior_cwnd = cc->cwnd;
	sb->prior_ssthresh = cc->ssthresh;
}

/* NextSeg()'s range up to @end went out again. */
void cnet_tcp_sack_retransmitted(struct cnet_tcp_sack_sb *sb, u32 end)
{
	sb->high_rxt = sb->rxt_set ? cnet_seq_max(sb->high_rxt, end) : end;
	sb->rxt_set = true;
	if (sb->undo_ok)
		sb->undo_retrans++;
}

/**
 * cnet_tcp_sack_try_undo - undo a spurious recovery on D-SACKs
 * @sb: the scoreboard
 * @cc: the congestion state
 * @res: this ACK's SACK result
 * @mss: SMSS: a D-SACK block of n SMSS answers n retransmissions (the
 *	peer's GRO may have merged duplicates)
 *
 * A D-SACK inside what this recovery sent again answers its
 * retransmissions there. Once all of them are answered the original segments
 * all arrived: the loss was not one, and cwnd and ssthresh come back
 * (never lower than they are). One undo per recovery.
 *
 * Return: whether it undid now.
 */
bool cnet_tcp_sack_try_undo(struct cnet_tcp_sack_sb *sb,
			    struct cnet_tcp_cc *cc,
			    const struct cnet_tcp_sack_res *res, u32 mss)
{
	u32 n;

	if (!sb->undo_ok || !res->dsack || !sb->undo_retrans)
		return false;
	if (cnet_seq_before(res->dsack_start, sb->undo_start) ||
	    !cnet_seq_before(res->dsack_start, sb->high_rxt))
		return false;
	n = DIV_ROUND_UP(res->dsack_end - res->dsack_start, max(mss, 1U));
	sb->undo_retrans -= min(n, sb->undo_retrans);
	if (sb->undo_retrans)
		return false;
	sb->undo_ok = false;
	cc->cwnd = max(cc->cwnd, sb->prior_cwnd);
	cc->ssthresh = max(cc->ssthresh, sb->prior_ssthresh);
	return true;
}

/**
 * cnet_tcp_sack_rcv_blocks - the SACK blocks of an ACK we send
 * @q: the out-of-order queue
 * @hist: the first blocks reported, the latest segment queued out of
 *	order first (cnet_tcp_ofo_recent())
 * @dsack: a duplicate segment to report, or NULL
 * @out: where the blocks go
 * @max: room in @out
 *
 * RFC 2883 4: a D-SACK block first; then the queue's ranges, the one
 * holding the latest segment first, then the others reported most
 * recently, then the others from the lowest up (RFC 2018 4,
 * cnet_tcp_ofo_blocks_hist()). The option builder keeps the first ones that
 * fit beside the other options, so the order is the priority.
 *
 * Return: the blocks written, at most @max.
 */
unsigned int cnet_tcp_sack_rcv_blocks(const struct cnet_tcp_ofo *q,
				      const struct cnet_tcp_sack_hist *hist,
				      const struct cnet_tcp_sack_block *dsack,
				      struct cnet_tcp_sack_block *out,
				      unsigned int max)
{
	struct cnet_tcp_ofo_range r[4];
	unsigned int i, n = 0, k;

	if (!max)
		return 0;
	if (dsack)
		out[n++] = *dsack;
	k = min_t(unsigned int, ARRAY_SIZE(r), max - n);
	k = cnet_tcp_ofo_blocks_hist(q, hist, r, k);
	for (i = 0; i < k; i++, n++) {
		out[n].start = r[i].start;
		out[n].end = r[i].end;
	}
	return n;
}
