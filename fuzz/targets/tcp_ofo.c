// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: TCP's out-of-order queue (module/tcp_ofo.c) driven by a
 * stream of arrivals, from a rcv_nxt just below the 2^32 wrap. The input
 * is a list of 5-byte records: an op byte, then two u16 (a, b):
 *
 *   0, 1  a segment after rcv_nxt: at rcv_nxt + 1 + a % 8192, of
 *         1 + b % 1500 bytes (a FIN counted in when b's high bit is set)
 *   2     the hole filled: a segment at rcv_nxt of 1 + a % 1500 bytes,
 *         rcv_nxt moves past it, then pop() until NULL, as the receive
 *         path does
 *   3     prune to a truesize of a
 *   4     SACK blocks with the segment received last
 *   5     purge (a FIN delivered, a reset)
 *
 * Checked after every step against the segments held (a linear scan):
 * in sequence order both starts and ends strictly increase; count,
 * truesize and last are theirs; run_seq starts the contiguous data that
 * ends with the last. An insert is COVERED exactly when the queue (or
 * rcv_nxt) already had all its bytes, and @dup lies within the segment.
 * pop() hands out, in order, a segment that starts at or before rcv_nxt
 * and ends after it, with skip = rcv_nxt - its start; when it returns
 * NULL, no segment held starts at or before rcv_nxt. Each SACK block is
 * held data, blocks are disjoint and the first holds the recent segment
 * when it is held. Prune goes down to its target, highest first. Every
 * segment the queue lets go of goes through @drop exactly once.
 */
#include "../fuzz.h"

#include "../../module/tcp_ofo.c"

#define NSEG	512

static struct cnet_tcp_ofo_seg seg[NSEG];
static bool queued[NSEG];
static unsigned int drops;

static void drop(struct cnet_tcp_ofo_seg *s, void *arg)
{
	unsigned int i = s - seg;

	FUZZ_CHECK(i < NSEG && queued[i]);
	queued[i] = false;
	drops++;
}

static struct cnet_tcp_ofo_seg *seg_alloc(void)
{
	unsigned int i;

	for (i = 0; i < NSEG; i++)
		if (!queued[i])
			return &seg[i];
	return NULL;
}

static void check_queue(const struct cnet_tcp_ofo *q)
{
	const struct cnet_tcp_ofo_seg *s, *prev = NULL, *hi = NULL;
	u32 truesize = 0, count = 0, run;
	unsigned int i, nq = 0;
	bool moved = true;

	for (s = cnet_tcp_ofo_first(q); s; s = cnet_tcp_ofo_next(s)) {
		FUZZ_CHECK(queued[s - seg]);
		FUZZ_CHECK(cnet_seq_before(s->seq, s->end_seq));
		if (prev)
			FUZZ_CHECK(cnet_seq_before(prev->seq, s->seq) &&
				   cnet_seq_before(prev->end_seq, s->end_seq));
		truesize += s->truesize;
		count++;
		hi = s;
		prev = s;
	}
	for (i = 0; i < NSEG; i++)
		nq += queued[i];
	FUZZ_CHECK(count == q->count && count == nq);
	FUZZ_CHECK(truesize == q->truesize);
	FUZZ_CHECK(q->last == hi);
	if (!hi)
		return;
	/* run_seq: walk back from the last while the data touches */
	run = hi->seq;
	while (moved) {
		moved = false;
		for (s = cnet_tcp_ofo_first(q); s; s = cnet_tcp_ofo_next(s))
			if (cnet_seq_before(s->seq, run) &&
			    cnet_seq_geq(s->end_seq, run)) {
				run = s->seq;
				moved = true;
			}
	}
	FUZZ_CHECK(q->run_seq == run);
}

/* Is every byte of [from, to) held, or before rcv_nxt? */
static bool all_held(const struct cnet_tcp_ofo *q, u32 rcv_nxt, u32 from,
		     u32 to)
{
	const struct cnet_tcp_ofo_seg *s;
	u32 at = cnet_seq_max(from, rcv_nxt);

	for (s = cnet_tcp_ofo_first(q); s; s = cnet_tcp_ofo_next(s))
		if (cnet_seq_leq(s->seq, at) && cnet_seq_after(s->end_seq, at))
			at = s->end_seq;
	return cnet_seq_geq(at, to);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_tcp_ofo q;
	struct cnet_tcp_ofo_seg *s;
	struct cnet_tcp_ofo_range blk[4];
	u32 rcv_nxt = 0xfffff000, recent = rcv_nxt, skip, before;
	unsigned int i, j, n, held;

	memset(queued, 0, sizeof(queued));
	drops = 0;
	cnet_tcp_ofo_init(&q);
	while (in.left >= 5) {
		u8 op = fuzz_u8(&in) % 6;
		u16 a = fuzz_u16(&in), b = fuzz_u16(&in);

		switch (op) {
		case 0:
		case 1:
			s = seg_alloc();
			if (!s)
				break;
			s->seq = rcv_nxt + 1 + a % 8192;
			s->end_seq = s->seq + 1 + (b & 0x7fff) % 1500 +
				     !!(b & 0x8000);
			s->truesize = 512 + (b & 0x7fff) % 1500;
			held = all_held(&q, rcv_nxt, s->seq, s->end_seq);
			before = drops;
			if (cnet_tcp_ofo_insert(&q, s, drop, NULL) ==
			    CNET_TCP_OFO_COVERED) {
				FUZZ_CHECK(held && drops == before);
			} else {
				FUZZ_CHECK(!held);
				queued[s - seg] = true;
			}
			FUZZ_CHECK(cnet_seq_leq(q.dup.start, q.dup.end));
			if (q.dup.start != q.dup.end)
				FUZZ_CHECK(cnet_seq_geq(q.dup.start, s->seq) &&
					   cnet_seq_leq(q.dup.end, s->end_seq));
			recent = s->seq;
			break;
		case 2:
			rcv_nxt += 1 + a % 1500;
			while ((s = cnet_tcp_ofo_pop(&q, rcv_nxt, &skip, drop,
						     NULL))) {
				FUZZ_CHECK(queued[s - seg]);
				queued[s - seg] = false;
				FUZZ_CHECK(cnet_seq_leq(s->seq, rcv_nxt) &&
					   cnet_seq_after(s->end_seq, rcv_nxt));
				FUZZ_CHECK(skip == rcv_nxt - s->seq);
				rcv_nxt = s->end_seq;
			}
			s = cnet_tcp_ofo_first(&q);
			FUZZ_CHECK(!s || cnet_seq_after(s->seq, rcv_nxt));
			break;
		case 3:
			cnet_tcp_ofo_prune(&q, a, drop, NULL);
			FUZZ_CHECK(q.truesize <= a || !q.count);
			break;
		case 4:
			n = cnet_tcp_ofo_blocks(&q, recent, blk, 1 + b % 4);
			FUZZ_CHECK(n <= 1 + b % 4u);
			for (i = 0; i < n; i++) {
				FUZZ_CHECK(cnet_seq_before(blk[i].start,
							   blk[i].end));
				FUZZ_CHECK(all_held(&q, blk[i].start,
						    blk[i].start, blk[i].end));
				for (j = 0; j < i; j++)
					FUZZ_CHECK(cnet_seq_geq(blk[i].start,
								blk[j].end) ||
						   cnet_seq_leq(blk[i].end,
								blk[j].start));
			}
			if (n && all_held(&q, recent, recent, recent + 1) &&
			    cnet_seq_after(recent, rcv_nxt) &&
			    cnet_seq_before(recent, rcv_nxt + 0x10000))
				FUZZ_CHECK(cnet_seq_leq(blk[0].start, recent) &&
					   cnet_seq_after(blk[0].end, recent));
			break;
		default:
			cnet_tcp_ofo_purge(&q, drop, NULL);
			FUZZ_CHECK(cnet_tcp_ofo_empty(&q) && !q.truesize);
			break;
		}
		check_queue(&q);
	}
	cnet_tcp_ofo_purge(&q, drop, NULL);
	for (i = 0; i < NSEG; i++)
		FUZZ_CHECK(!queued[i]);
	return 0;
}
