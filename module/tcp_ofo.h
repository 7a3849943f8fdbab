/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP's receive-side out-of-order queue (RFC 9293 3.10.7.4, RFC 2018),
 * pure: segments that came after a hole wait here, by sequence number,
 * until the hole is filled; what is held is also what SACK reports. The
 * glue keeps skbs, the socket lock and the memory charge around it; KUnit
 * drives it with synthetic sequence numbers (tests/tcp_ofo_test.c).
 *
 * A queue holds its segments in a red-black tree keyed by starting
 * sequence number; the tree's node lives in the segment itself (struct
 * cnet_tcp_ofo_seg, which the glue keeps in the skb's control buffer, as
 * ip_fragq.h does for fragments): no allocation per segment. Every
 * comparison goes through tcp_seq.h, so the queue works across the 2^32
 * wrap: the segments held are all within one receive window (< 2^31) of
 * rcv_nxt, which the caller ensures.
 *
 * Overlaps. Unlike IPv4 fragments, TCP segments may overlap legitimately
 * (a retransmission cut at other boundaries, a GRO aggregate against the
 * segments it was made of), and the data of an overlap is the same bytes.
 * Linux's tcp_data_queue_ofo() drops a new segment that lies within one
 * queued segment, replaces a queued one that starts where the new one
 * does and ends before it, drops the queued segments a new one covers
 * after it, and keeps a partially overlapping new segment as it is: the
 * overlap is cut when it reaches the receive queue (tcp_ofo_queue() and
 * the skip of tcp_recvmsg()). cnet does the same, with one difference:
 * a new segment is refused when the queued data covers it, even if no
 * single segment does (Linux would keep such a segment that bridges two
 * touching ones; it brings nothing, and holding it costs memory). Keeping
 * partial overlaps, rather than trimming the new segment, keeps the
 * queue away from the skb: trimming would mean pulling data off the
 * skb's head in the middle of a tree walk, for bytes that are cut anyway,
 * and more cheaply, when the segment is delivered.
 *
 * So the tree holds no segment wholly inside another: in sequence order
 * both the starts and the ends of the segments held strictly increase,
 * and a segment's bytes that a previous one also has are at its head.
 * cnet_tcp_ofo_pop() hands the segments out in that order, each with the
 * count of bytes at its head that rcv_nxt has already passed: every byte
 * goes to the receive queue once and in order.
 *
 * Costs, for n segments held: a segment that comes after the last one
 * (in-order arrival behind a hole, the common case) is appended without a
 * descent, in O(1) amortized; any other insert is O(log n) plus the
 * segments it overlaps. pop() is O(log n). The queue also keeps where
 * the run of contiguous data that ends with the last segment starts, so
 * the SACK block of an in-order arrival behind a hole is found in O(1)
 * (cnet_tcp_ofo_blocks()).
 *
 * Memory: the caller charges each segment's truesize to the socket; the
 * queue keeps their sum (struct cnet_tcp_ofo.truesize), and
 * cnet_tcp_ofo_prune() drops from the highest sequence down to a target
 * when the socket is over its receive buffer, the way Linux's
 * tcp_prune_ofo_queue() does: the data furthest from rcv_nxt is the last
 * the application would get and the cheapest for the sender to send again.
 *
 * Callbacks: a segment the queue lets go of (covered by a new one, stale
 * before rcv_nxt, pruned, purged) goes to the caller's @drop, which frees
 * it. When @drop runs, the segment is out of the tree and out of the
 * queue's counts; @drop must not call back into the queue.
 *
 * The receive path's use of it: a segment in the window that starts
 * after rcv_nxt gets seq, end_seq and truesize in its segment, is
 * charged to the socket and goes to cnet_tcp_ofo_insert() (COVERED: free
 * it, @dup is the D-SACK block). A segment that starts at or before
 * rcv_nxt goes to the receive queue and advances rcv_nxt; then
 * cnet_tcp_ofo_pop() in a loop moves what became in order to the
 * receive queue, each with its skip, until it returns NULL (or a FIN
 * was delivered). cnet_tcp_ofo_recent() remembers the segment just
 * queued with the first blocks reported before, and the SACK blocks of
 * the ACK that follows are cnet_tcp_ofo_blocks_hist() of that history.
 * A FIN received
 * in order, a reset and the socket's end purge the queue (as Linux's
 * tcp_fin() does: nothing after a FIN is data).
 *
 * Locking: none here. The glue serialises every call on one queue with
 * the socket lock (the owner of the socket's receive path).
 */
#ifndef _CNET_TCP_OFO_H
#define _CNET_TCP_OFO_H

#include <linux/rbtree.h>
#include <linux/types.h>

/**
 * struct cnet_tcp_ofo_seg - one segment in the out-of-order queue
 * @node: in cnet_tcp_ofo.root, by @seq
 * @seq: the sequence number of its first byte
 * @end_seq: one past its last: @seq + data length, + 1 for a FIN
 * @truesize: the memory it holds, counted in cnet_tcp_ofo.truesize while
 *	it is queued
 *
 * Lives in the skb's control buffer; the caller fills @seq, @end_seq and
 * @truesize before cnet_tcp_ofo_insert().
 */
struct cnet_tcp_ofo_seg {
	struct rb_node	node;
	u32		seq;
	u32		end_seq;
	u32		truesize;
};

/**
 * struct cnet_tcp_ofo_range - a range of sequence space, [start, end)
 * @start: its first sequence number
 * @end: one past its last
 */
struct cnet_tcp_ofo_range {
	u32	start;
	u32	end;
};

/**
 * struct cnet_tcp_sack_hist - the first SACK blocks a receiver reported
 * @seq: a sequence number in each, latest first
 * @n: how many of @seq are set
 *
 * As many as an ACK has blocks (4): the ranges holding them come first in
 * the next SACK option, in this order (RFC 2018 4).
 */
struct cnet_tcp_sack_hist {
	u32	seq[4];
	u8	n;
};

/**
 * struct cnet_tcp_ofo - the out-of-order queue of one connection
 * @root: the segments, by @seq; in order, both seq and end_seq strictly
 *	increase (no segment lies wholly inside another)
 * @last: the segment with the highest seq, NULL when empty
 * @truesize: the sum of the segments' truesize
 * @count: segments held
 * @run_seq: where the contiguous data ending at @last's end_seq starts
 *	(meaningful while @last is set)
 * @dup: after cnet_tcp_ofo_insert(), the first stretch of the new
 *	segment's bytes that the queue held already (start == end when
 *	none): the block a D-SACK reports (RFC 2883)
 */
struct cnet_tcp_ofo {
	struct rb_root			root;
	struct cnet_tcp_ofo_seg		*last;
	u32				truesize;
	u32				count;
	u32				run_seq;
	struct cnet_tcp_ofo_range	dup;
};

/**
 * enum cnet_tcp_ofo_res - what cnet_tcp_ofo_insert() did with a segment
 * @CNET_TCP_OFO_QUEUED: queued; the queue holds it until pop, prune or
 *	purge hands it back
 * @CNET_TCP_OFO_COVERED: not queued: the data queued already has all its
 *	bytes (or it has none); the caller frees it (and owes a D-SACK)
 */
enum cnet_tcp_ofo_res {
	CNET_TCP_OFO_QUEUED,
	CNET_TCP_OFO_COVERED,
};

void cnet_tcp_ofo_init(struct cnet_tcp_ofo *q);
enum cnet_tcp_ofo_res
cnet_tcp_ofo_insert(struct cnet_tcp_ofo *q, struct cnet_tcp_ofo_seg *seg,
		    void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		    void *arg);
struct cnet_tcp_ofo_seg *
cnet_tcp_ofo_pop(struct cnet_tcp_ofo *q, u32 rcv_nxt, u32 *skip,
		 void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		 void *arg);
u32 cnet_tcp_ofo_prune(struct cnet_tcp_ofo *q, u32 target,
		       void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		       void *arg);
void cnet_tcp_ofo_grow_last(struct cnet_tcp_ofo *q, u32 end_seq, u32 truesize);
unsigned int cnet_tcp_ofo_blocks(const struct cnet_tcp_ofo *q, u32 recent,
				 struct cnet_tcp_ofo_range *out,
				 unsigned int max);
unsigned int cnet_tcp_ofo_blocks_hist(const struct cnet_tcp_ofo *q,
				      const struct cnet_tcp_sack_hist *h,
				      struct cnet_tcp_ofo_range *out,
				      unsigned int max);
void cnet_tcp_ofo_recent(const struct cnet_tcp_ofo *q,
			 struct cnet_tcp_sack_hist *h, u32 seq);
void cnet_tcp_ofo_purge(struct cnet_tcp_ofo *q,
			void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
			void *arg);

/* Nothing queued. */
static inline bool cnet_tcp_ofo_empty(const struct cnet_tcp_ofo *q)
{
	return RB_EMPTY_ROOT(&q->root);
}

/*
 * The segments in sequence order, for reading only (not for freeing: the
 * walk reads nodes already passed).
 */
static inline struct cnet_tcp_ofo_seg *
cnet_tcp_ofo_first(const struct cnet_tcp_ofo *q)
{
	return rb_entry_safe(rb_first(&q->root), struct cnet_tcp_ofo_seg, node);
}

static inline struct cnet_tcp_ofo_seg *
cnet_tcp_ofo_next(const struct cnet_tcp_ofo_seg *s)
{
	return rb_entry_safe(rb_next(&s->node), struct cnet_tcp_ofo_seg, node);
}

#endif /* _CNET_TCP_OFO_H */
