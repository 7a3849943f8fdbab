// SPDX-License-Identifier: GPL-2.0
/*
 * TCP's out-of-order queue, pure (tcp_ofo.h): the segment tree, delivery
 * in order, pruning, SACK blocks. No skb, no lock: the glue serialises
 * calls on one queue with the socket lock.
 */
#include "tcp_ofo.h"
#include "tcp_seq.h"

static struct cnet_tcp_ofo_seg *ofo_seg(struct rb_node *node)
{
	return rb_entry_safe(node, struct cnet_tcp_ofo_seg, node);
}

static struct cnet_tcp_ofo_seg *ofo_next(const struct cnet_tcp_ofo_seg *s)
{
	return ofo_seg(rb_next(&s->node));
}

static struct cnet_tcp_ofo_seg *ofo_prev(const struct cnet_tcp_ofo_seg *s)
{
	return ofo_seg(rb_prev(&s->node));
}

/* An empty queue. */
void cnet_tcp_ofo_init(struct cnet_tcp_ofo *q)
{
	*q = (struct cnet_tcp_ofo){ .root = RB_ROOT };
}

/* @s is linked into the tree: count it. */
static void ofo_account(struct cnet_tcp_ofo *q,
			const struct cnet_tcp_ofo_seg *s)
{
	q->count++;
	q->truesize += s->truesize;
}

/* Take @s out of the tree and of the counts; the caller sees to q->last. */
static void ofo_unlink(struct cnet_tcp_ofo *q, struct cnet_tcp_ofo_seg *s)
{
	rb_erase(&s->node, &q->root);
	q->count--;
	q->truesize -= s->truesize;
}

/*
 * Where the contiguous data that @s is the last segment of starts:
 * back from @s while the segment before reaches the start found.
 */
static u32 ofo_run_start(const struct cnet_tcp_ofo_seg *s)
{
	u32 start = s->seq;

	for (s = ofo_prev(s); s && cnet_seq_geq(s->end_seq, start);
	     s = ofo_prev(s))
		start = s->seq;
	return start;
}

/*
 * After the one in order: @seg starts after the last segment's start, so
 * no segment held can lie inside it, and only the last can cover it
 * (every other ends before the last does).
 */
static enum cnet_tcp_ofo_res ofo_append(struct cnet_tcp_ofo *q,
					struct cnet_tcp_ofo_seg *seg)
{
	struct cnet_tcp_ofo_seg *last = q->last;

	if (cnet_seq_before(seg->seq, last->end_seq)) {
		q->dup.start = seg->seq;
		q->dup.end = cnet_seq_min(last->end_seq, seg->end_seq);
		if (cnet_seq_leq(seg->end_seq, last->end_seq))
			return CNET_TCP_OFO_COVERED;
	} else if (seg->seq != last->end_seq) {
		q->run_seq = seg->seq;		/* after a hole */
	}
	rb_link_node(&seg->node, &last->node, &last->node.rb_right);
	rb_insert_color(&seg->node, &q->root);
	ofo_account(q, seg);
	q->last = seg;
	return CNET_TCP_OFO_QUEUED;
}

/**
 * cnet_tcp_ofo_insert - queue a segment that came after a hole
 * @q: the queue
 * @seg: the segment, @seq, @end_seq and @truesize filled in; rcv_nxt is
 *	before @seg->seq (the caller delivers what starts at rcv_nxt)
 * @drop: takes each queued segment that @seg covers wholly, already out
 *	of the queue, and frees it
 * @arg: for @drop
 *
 * A segment whose bytes the queue holds already (in one segment or
 * several touching or overlapping ones), or an empty one, is not queued.
 * Else it is, and the segments that lie wholly inside it leave the queue
 * for @drop; one that overlaps it partially stays, and so does @seg: the
 * bytes they share are cut at delivery (cnet_tcp_ofo_pop()'s skip). A
 * queued segment that starts where @seg does and ends before it is
 * replaced in the tree by @seg. @q->dup tells which bytes were already
 * held, for a D-SACK.
 *
 * Return: CNET_TCP_OFO_QUEUED, or CNET_TCP_OFO_COVERED (@seg untouched,
 * not queued: the caller frees it). Cost: after the last segment, no
 * descent (O(1) amortized); else O(log n) and the segments @seg overlaps.
 */
enum cnet_tcp_ofo_res
cnet_tcp_ofo_insert(struct cnet_tcp_ofo *q, struct cnet_tcp_ofo_seg *seg,
		    void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		    void *arg)
{
	struct cnet_tcp_ofo_seg *cur, *pred = NULL, *succ = NULL, *n;
	struct rb_node **link = &q->root.rb_node, *parent = NULL;
	u32 seq = seg->seq, end = seg->end_seq, reach;
	bool replace = false;

	q->dup.start = seq;
	q->dup.end = seq;
	if (!cnet_seq_before(seq, end))
		return CNET_TCP_OFO_COVERED;	/* no data, no FIN */

	if (!q->last) {
		rb_link_node(&seg->node, NULL, link);
		rb_insert_color(&seg->node, &q->root);
		ofo_account(q, seg);
		q->last = seg;
		q->run_seq = seq;
		return CNET_TCP_OFO_QUEUED;
	}
	if (cnet_seq_after(seq, q->last->seq))
		return ofo_append(q, seg);

	/*
	 * The descent finds @seg's place, the segment that starts last at
	 * or before it (@pred) and the first that starts after it (@succ).
	 */
	while (*link) {
		parent = *link;
		cur = ofo_seg(parent);
		if (cnet_seq_before(seq, cur->seq)) {
			succ = cur;
			link = &parent->rb_left;
			continue;
		}
		pred = cur;
		if (seq == cur->seq) {
			succ = ofo_next(cur);
			replace = true;
			break;
		}
		link = &parent->rb_right;
	}

	/*
	 * The first stretch of @seg held already: from @pred if it reaches
	 * into @seg, else from the first segment starting inside @seg, on
	 * through the segments that touch or overlap it. @seg is covered
	 * when that stretch is the whole of it.
	 */
	n = pred && cnet_seq_after(pred->end_seq, seq) ? pred : succ;
	if (n && cnet_seq_before(n->seq, end)) {
		q->dup.start = cnet_seq_max(n->seq, seq);
		reach = n->end_seq;
		for (n = ofo_next(n); n && cnet_seq_before(reach, end) &&
		     cnet_seq_leq(n->seq, reach); n = ofo_next(n))
			reach = cnet_seq_max(reach, n->end_seq);
		q->dup.end = cnet_seq_min(reach, end);
		if (q->dup.start == seq && q->dup.end == end)
			return CNET_TCP_OFO_COVERED;
	}

	if (replace) {
		/* @pred starts where @seg does and ends before it */
		rb_replace_node(&pred->node, &seg->node, &q->root);
		q->count--;
		q->truesize -= pred->truesize;
		ofo_account(q, seg);
		drop(pred, arg);
	} else {
		rb_link_node(&seg->node, parent, link);
		rb_insert_color(&seg->node, &q->root);
		ofo_account(q, seg);
	}
	/* those after it that it covers */
	while ((n = ofo_next(seg)) && cnet_seq_leq(n->end_seq, end)) {
		ofo_unlink(q, n);
		drop(n, arg);
	}
	if (!n)
		q->last = seg;
	/* It may join the run that ends with the last segment. */
	if (cnet_seq_before(seq, q->run_seq) && cnet_seq_geq(end, q->run_seq))
		q->run_seq = ofo_run_start(seg);
	return CNET_TCP_OFO_QUEUED;
}

/**
 * cnet_tcp_ofo_pop - the next segment for the receive queue
 * @q: the queue
 * @rcv_nxt: the next byte expected: everything before it was received
 * @skip: set to how many bytes at the returned segment's head are before
 *	@rcv_nxt (received already): the caller cuts them
 * @drop: takes each segment wholly before @rcv_nxt, out of the queue
 * @arg: for @drop
 *
 * Call after rcv_nxt advanced, in a loop: deliver the segment returned
 * (but its first *@skip bytes), advance rcv_nxt to its end_seq, and call
 * again, until NULL. Each byte is handed out once, in order.
 *
 * Return: the first segment, out of the queue, when it starts at or
 * before @rcv_nxt and ends after it; NULL when the queue is empty or its
 * first segment starts after @rcv_nxt (a hole remains; *@skip untouched).
 */
struct cnet_tcp_ofo_seg *
cnet_tcp_ofo_pop(struct cnet_tcp_ofo *q, u32 rcv_nxt, u32 *skip,
		 void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		 void *arg)
{
	struct cnet_tcp_ofo_seg *s, *next;

	while ((s = ofo_seg(rb_first(&q->root)))) {
		if (cnet_seq_after(s->seq, rcv_nxt))
			return NULL;
		next = ofo_next(s);
		ofo_unlink(q, s);
		if (!next)
			q->last = NULL;
		else if (cnet_seq_after(next->seq, q->run_seq))
			q->run_seq = next->seq;	/* @s began the run */
		if (cnet_seq_after(s->end_seq, rcv_nxt)) {
			*skip = rcv_nxt - s->seq;
			return s;
		}
		drop(s, arg);
	}
	return NULL;
}

/**
 * cnet_tcp_ofo_prune - free memory: drop from the highest sequence down
 * @q: the queue
 * @target: the truesize to get down to
 * @drop: takes each segment dropped, out of the queue
 * @arg: for @drop
 *
 * Linux's tcp_prune_ofo_queue() order: the data furthest from rcv_nxt
 * goes first. The caller picks @target (Linux goes down by an eighth of
 * the receive buffer at a time, until the socket is under its limits).
 * What SACK reported of the dropped data is reneged (RFC 2018 8): the
 * sender keeps it until it is acknowledged cumulatively.
 *
 * Return: the truesize freed.
 */
u32 cnet_tcp_ofo_prune(struct cnet_tcp_ofo *q, u32 target,
		       void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		       void *arg)
{
	struct cnet_tcp_ofo_seg *s;
	u32 freed = 0;

	while (q->truesize > target && (s = q->last)) {
		q->last = ofo_prev(s);
		ofo_unlink(q, s);
		freed += s->truesize;
		drop(s, arg);
	}
	/* the run ending with the new last is what remains of the old one */
	if (freed && q->last && cnet_seq_before(q->last->seq, q->run_seq))
		q->run_seq = ofo_run_start(q->last);
	return freed;
}

/**
 * cnet_tcp_ofo_grow_last - the last segment took a new one's data
 * @q: the queue, not empty
 * @end_seq: the last segment's new end, after its old one
 * @truesize: the memory it took with it
 *
 * For the glue's coalescing (Linux's tcp_ooo_try_coalesce()): a segment
 * that starts where the last one ends (which carries no FIN) can have
 * its data added to the last one's skb rather than be queued, which
 * saves an skb per segment of an in-order arrival behind a hole. The
 * glue then frees the new skb (no D-SACK is owed: nothing was
 * duplicated) and says here what the last segment became.
 */
void cnet_tcp_ofo_grow_last(struct cnet_tcp_ofo *q, u32 end_seq, u32 truesize)
{
	q->last->end_seq = end_seq;
	q->last->truesize += truesize;
	q->truesize += truesize;
}

/* The segment that starts last at or before @seq, NULL when none does. */
static struct cnet_tcp_ofo_seg *ofo_floor(const struct cnet_tcp_ofo *q,
					  u32 seq)
{
	struct rb_node *node = q->root.rb_node;
	struct cnet_tcp_ofo_seg *best = NULL, *s;

	while (node) {
		s = ofo_seg(node);
		if (cnet_seq_before(seq, s->seq)) {
			node = node->rb_left;
		} else {
			best = s;
			node = node->rb_right;
		}
	}
	return best;
}

/*
 * The contiguous data that @s starts (not the tail run): @s and the
 * segments after it that touch or overlap what came before. *@s is left
 * at the first segment after that range.
 */
static struct cnet_tcp_ofo_range ofo_range_from(struct cnet_tcp_ofo_seg **s)
{
	struct cnet_tcp_ofo_range r = { (*s)->seq, (*s)->end_seq };
	struct cnet_tcp_ofo_seg *n;

	for (n = ofo_next(*s); n && cnet_seq_leq(n->seq, r.end);
	     n = ofo_next(n))
		r.end = cnet_seq_max(r.end, n->end_seq);
	*s = n;
	return r;
}

/*
 * The range of contiguous data holding @seq, in *@r: false if none does.
 * O(1) in the tail run, else O(log n) and the segments of the range.
 */
static bool ofo_range_of(const struct cnet_tcp_ofo *q, u32 seq,
			 struct cnet_tcp_ofo_range *r)
{
	struct cnet_tcp_ofo_seg *s;

	if (!q->last)
		return false;
	if (cnet_seq_geq(seq, q->run_seq) &&
	    cnet_seq_before(seq, q->last->end_seq)) {
		r->start = q->run_seq;
		r->end = q->last->end_seq;
		return true;
	}
	s = ofo_floor(q, seq);
	if (!s || !cnet_seq_before(seq, s->end_seq))
		return false;
	/* back to where its range starts */
	while (ofo_prev(s) && cnet_seq_geq(ofo_prev(s)->end_seq, s->seq))
		s = ofo_prev(s);
	*r = ofo_range_from(&s);
	return true;
}

/**
 * cnet_tcp_ofo_recent - remember a segment queued out of order
 * @q: the queue, the segment in it
 * @h: the first blocks of the SACK options sent, latest first
 * @seq: the segment's first sequence number
 *
 * RFC 2018 4: the first SACK block reports the latest segment's range;
 * the others repeat the most recently reported first blocks. @seq goes
 * first in @h, unless it extends the range @h's first one is in (data
 * arriving in a row): then it takes its place, so that the older ranges
 * stay remembered.
 */
void cnet_tcp_ofo_recent(const struct cnet_tcp_ofo *q,
			 struct cnet_tcp_sack_hist *h, u32 seq)
{
	struct cnet_tcp_ofo_range r;

	if (h->n && ofo_range_of(q, seq, &r) &&
	    cnet_seq_geq(h->seq[0], r.start) &&
	    cnet_seq_before(h->seq[0], r.end)) {
		h->seq[0] = seq;
		return;
	}
	memmove(&h->seq[1], &h->seq[0],
		(ARRAY_SIZE(h->seq) - 1) * sizeof(h->seq[0]));
	h->seq[0] = seq;
	h->n = min_t(unsigned int, h->n + 1, ARRAY_SIZE(h->seq));
}

/**
 * cnet_tcp_ofo_blocks_hist - the data held, as SACK blocks
 * @q: the queue
 * @h: the first blocks reported so far, latest first
 *	(cnet_tcp_ofo_recent())
 * @out: where to write the blocks
 * @max: room in @out (the blocks the TCP options have room for)
 *
 * The segments held, merged where they touch or overlap, as disjoint
 * ranges (RFC 2018 4): first the one holding @h's latest (the most
 * recently received segment), then those holding the other first blocks
 * reported, latest first ("repeating the most recently reported SACK
 * blocks"), then any others from the lowest sequence up (the holes
 * nearest rcv_nxt are the ones the sender should fill first). A
 * remembered block whose data was delivered, or that another one already
 * covers, is passed over.
 *
 * Return: the number of ranges written, at most @max. Cost: O(1) for a
 * block in the run of data ending with the last segment, else O(log n)
 * and the segments of the ranges written.
 */
unsigned int cnet_tcp_ofo_blocks_hist(const struct cnet_tcp_ofo *q,
				      const struct cnet_tcp_sack_hist *h,
				      struct cnet_tcp_ofo_range *out,
				      unsigned int max)
{
	struct cnet_tcp_ofo_range r, tail;
	struct cnet_tcp_ofo_seg *s;
	unsigned int n = 0, i, j, k;

	if (!max || !q->last)
		return 0;
	tail.start = q->run_seq;
	tail.end = q->last->end_seq;

	for (i = 0; i < h->n && n < max; i++) {
		if (!ofo_range_of(q, h->seq[i], &r))
			continue;
		for (j = 0; j < n && out[j].start != r.start; j++)
			;
		if (j == n)
			out[n++] = r;
	}
	k = n;		/* the remembered ones, not to be written twice */
	for (s = ofo_seg(rb_first(&q->root)); s && n < max;) {
		if (cnet_seq_geq(s->seq, tail.start)) {
			r = tail;
			s = NULL;
		} else {
			r = ofo_range_from(&s);
		}
		for (j = 0; j < k && out[j].start != r.start; j++)
			;
		if (j == k)
			out[n++] = r;
	}
	return n;
}

/**
 * cnet_tcp_ofo_blocks - the data held, as SACK blocks, one segment known
 * @q: the queue
 * @recent: a sequence number of the segment received last
 * @out: where to write the blocks
 * @max: room in @out
 *
 * cnet_tcp_ofo_blocks_hist() with only the latest segment remembered: its
 * range first, the others from the lowest up. Nothing is first when no
 * range holds @recent.
 *
 * Return: the number of ranges written, at most @max.
 */
unsigned int cnet_tcp_ofo_blocks(const struct cnet_tcp_ofo *q, u32 recent,
				 struct cnet_tcp_ofo_range *out,
				 unsigned int max)
{
	struct cnet_tcp_sack_hist h = { .seq = { recent }, .n = 1 };

	return cnet_tcp_ofo_blocks_hist(q, &h, out, max);
}

/**
 * cnet_tcp_ofo_purge - empty the queue
 * @q: the queue
 * @drop: takes every segment held; the queue is already empty when it
 *	runs
 * @arg: for @drop
 */
void cnet_tcp_ofo_purge(struct cnet_tcp_ofo *q,
			void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
			void *arg)
{
	struct rb_root root = q->root;
	struct cnet_tcp_ofo_seg *s, *n;

	cnet_tcp_ofo_init(q);
	rbtree_postorder_for_each_entry_safe(s, n, &root, node)
		drop(s, arg);
}
