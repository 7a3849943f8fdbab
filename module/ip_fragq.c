// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 reassembly's decisions, pure (ip_fragq.h): the fragment tree, the
 * timeout and the eviction order. No skb, no lock: ip_frag.c serialises
 * calls on one queue with its lock, and on the list of queues with the
 * namespace's.
 */
#include "ip_fragq.h"

/**
 * cnet_frag_check - what a fragment is worth on its own
 * @offset: where its data starts in the datagram's data
 * @len: its data's length
 * @more: MF is set: more fragments follow
 * @hlen: its header's length
 *
 * Return: CNET_FRAGQ_INVALID for an empty fragment or one with MF whose
 * length is not a multiple of 8 (RFC 791 3.2: every fragment but the last
 * carries a multiple of 8 bytes; Linux trims such a fragment, cnet drops
 * it); CNET_FRAGQ_OVERSIZE when the datagram it belongs to would pass
 * 65 535 bytes even with the shortest header before it (the ping of
 * death); else CNET_FRAGQ_KEPT: it may be queued.
 */
enum cnet_fragq_verdict cnet_frag_check(u32 offset, u32 len, bool more,
					u16 hlen)
{
	u32 head = offset ? CNET_IP_MIN_HLEN : hlen;

	if (!len || (more && (len & 7)))
		return CNET_FRAGQ_INVALID;
	if (head + offset + len > CNET_IP_MAX_LEN)
		return CNET_FRAGQ_OVERSIZE;
	return CNET_FRAGQ_KEPT;
}

/* A queue for a datagram whose first fragment (in time) came at @now. */
void cnet_fragq_init(struct cnet_fragq *q, unsigned long now)
{
	*q = (struct cnet_fragq){
		.root		= RB_ROOT,
		.created	= now,
	};
	INIT_LIST_HEAD(&q->lru);
}

/*
 * Where @offset..@end goes in the tree: the link to fill and its parent,
 * or the verdict when it cannot go anywhere. The kept fragments do not
 * overlap and are ordered, so at each node an overlapping fragment can
 * only be on the side the new one would go: the descent meets it.
 */
static enum cnet_fragq_verdict cnet_fragq_place(struct cnet_fragq *q,
						u32 offset, u32 end,
						struct rb_node ***linkp,
						struct rb_node **parentp)
{
	struct rb_node **link = &q->root.rb_node, *parent = NULL;
	struct cnet_frag *cur;

	/* in order: after the last one, with no descent */
	if (!q->last || offset >= q->last->end) {
		if (q->last) {
			parent = &q->last->node;
			link = &parent->rb_right;
		}
		*linkp = link;
		*parentp = parent;
		return CNET_FRAGQ_KEPT;
	}
	while (*link) {
		parent = *link;
		cur = rb_entry(parent, struct cnet_frag, node);
		if (offset == cur->offset && end == cur->end)
			return CNET_FRAGQ_DUPLICATE;
		if (end <= cur->offset)
			link = &parent->rb_left;
		else if (offset >= cur->end)
			link = &parent->rb_right;
		else
			return CNET_FRAGQ_OVERLAP;
	}
	*linkp = link;
	*parentp = parent;
	return CNET_FRAGQ_KEPT;
}

/**
 * cnet_fragq_insert - a fragment of @q's datagram came
 * @q: the queue
 * @f: the fragment's node; linked into @q when the verdict is KEPT or
 *	COMPLETE, else untouched
 * @offset: where its data starts in the datagram's data
 * @len: its data's length
 * @more: MF is set
 * @hlen: its header's length (the first fragment's becomes the datagram's)
 * @truesize: the memory it holds
 *
 * The checks, in order: the fragment on its own (cnet_frag_check()); a
 * copy of one kept (DUPLICATE, as RFC 5722 allows) or an overlap with one
 * (OVERLAP); consistency with the end the last fragment set (INVALID, as
 * Linux's "bits beyond end"); the datagram's size with the first
 * fragment's header (OVERSIZE). @q is changed only when the fragment is
 * kept. On any verdict but KEPT, COMPLETE and DUPLICATE, the caller drops
 * the datagram.
 *
 * Return: the verdict. Cost: O(1) for a fragment after the last one,
 * else O(log n) for n fragments held.
 */
enum cnet_fragq_verdict cnet_fragq_insert(struct cnet_fragq *q,
					  struct cnet_frag *f, u32 offset,
					  u32 len, bool more, u16 hlen,
					  u32 truesize)
{
	u32 end = offset + len, new_len = q->len;
	enum cnet_fragq_verdict v;
	struct rb_node **link, *parent;
	u32 head;

	v = cnet_frag_check(offset, len, more, hlen);
	if (v != CNET_FRAGQ_KEPT)
		return v;
	v = cnet_fragq_place(q, offset, end, &link, &parent);
	if (v != CNET_FRAGQ_KEPT)
		return v;

	if (!more) {
		/* data already past this end, or another end before */
		if (end < q->len ||
		    ((q->flags & CNET_FRAGQ_LAST_IN) && end != q->len))
			return CNET_FRAGQ_INVALID;
		new_len = end;
	} else if (end > q->len) {
		if (q->flags & CNET_FRAGQ_LAST_IN)
			return CNET_FRAGQ_INVALID;
		new_len = end;
	}
	head = !offset ? hlen :
	       (q->flags & CNET_FRAGQ_FIRST_IN) ? q->hlen : CNET_IP_MIN_HLEN;
	if (head + new_len > CNET_IP_MAX_LEN)
		return CNET_FRAGQ_OVERSIZE;

	f->offset = offset;
	f->end = end;
	f->truesize = truesize;
	rb_link_node(&f->node, parent, link);
	rb_insert_color(&f->node, &q->root);
	if (!q->last || offset > q->last->offset)
		q->last = f;
	q->len = new_len;
	q->meat += len;
	q->mem += truesize;
	q->nfrags++;
	if (!offset) {
		q->flags |= CNET_FRAGQ_FIRST_IN;
		q->hlen = hlen;
	}
	if (!more)
		q->flags |= CNET_FRAGQ_LAST_IN;

	if (q->flags == (CNET_FRAGQ_FIRST_IN | CNET_FRAGQ_LAST_IN) &&
	    q->meat == q->len)
		return CNET_FRAGQ_COMPLETE;
	return CNET_FRAGQ_KEPT;
}

/*
 * Forget every fragment: the caller has taken them (reassembled, or freed
 * them walking cnet_fragq_first()/cnet_fragq_next()). What they held is
 * no longer the queue's: @q->mem is back to zero.
 */
void cnet_fragq_clear(struct cnet_fragq *q)
{
	q->root = RB_ROOT;
	q->last = NULL;
	q->meat = 0;
	q->mem = 0;
	q->nfrags = 0;
}

/* When @q times out, @timeout jiffies after it was made. */
unsigned long cnet_fragq_deadline(const struct cnet_fragq *q,
				  unsigned long timeout)
{
	return q->created + timeout;
}

/**
 * cnet_fragq_expire - @q's timer fired at @now
 * @q: the queue
 * @now: jiffies
 * @timeout: the queue's timeout, jiffies
 *
 * Return: WAIT before the deadline (a timer never fires early, but the
 * answer must not depend on it); else EXPIRE, or EXPIRE_ICMP when the
 * first fragment came: only it lets the error quote the datagram's
 * header and transport ports (RFC 1122 3.3.2).
 */
enum cnet_fragq_expiry cnet_fragq_expire(const struct cnet_fragq *q,
					 unsigned long now,
					 unsigned long timeout)
{
	if ((long)(now - cnet_fragq_deadline(q, timeout)) < 0)
		return CNET_FRAGQ_WAIT;
	if (q->flags & CNET_FRAGQ_FIRST_IN)
		return CNET_FRAGQ_EXPIRE_ICMP;
	return CNET_FRAGQ_EXPIRE;
}

/* A new queue is the youngest. */
void cnet_fragq_lru_add(struct list_head *lru, struct cnet_fragq *q)
{
	list_add_tail(&q->lru, lru);
}

/* @q leaves the list (once: a second call does nothing). */
void cnet_fragq_lru_del(struct cnet_fragq *q)
{
	list_del_init(&q->lru);
}

/* The queue to evict first: the oldest, or NULL when there is none. */
struct cnet_fragq *cnet_fragq_lru_oldest(struct list_head *lru)
{
	return list_first_entry_or_null(lru, struct cnet_fragq, lru);
}

/* Must queues be evicted? When the memory held passes the high threshold. */
bool cnet_reasm_must_evict(long mem, u32 high_thresh)
{
	return mem > (long)high_thresh;
}

/* Once evicting, go on until the memory held is at or under the low one. */
bool cnet_reasm_evict_more(long mem, u32 low_thresh)
{
	return mem > (long)low_thresh;
}
