/* SPDX-License-Identifier: GPL-2.0 */
/*
 * IPv4 reassembly's decisions (RFC 791 3.2, RFC 815, RFC 1122 3.3.2,
 * RFC 5722), pure: what one fragment does to the queue of its datagram,
 * when a queue times out and whether ICMP is owed, which queue goes first
 * when memory runs short. ip_frag.c keeps skbs, locks and timers around
 * them; KUnit drives these with synthetic offsets and a fake clock
 * (tests/ip_fragq_test.c).
 *
 * A queue holds its fragments in a red-black tree keyed by offset. The
 * fragments never overlap (RFC 5722: a fragment that overlaps another
 * makes the whole datagram be dropped, which defeats teardrop-class
 * attacks and makes ambiguous reassembly impossible), so a descent finds
 * any overlap and the fragment's place in one pass: O(log n) per fragment,
 * O(n log n) per datagram of n fragments. Fragments that arrive in order
 * (the common case) are appended after the last in O(1). Whether the
 * datagram is complete is O(1): it is when the first and the last
 * fragment have come and the bytes held add up to the length, which
 * without overlaps means there is no hole (RFC 815's hole list, kept as a
 * byte count).
 *
 * The tree's node lives in the fragment itself (struct cnet_frag, which
 * ip_frag.c keeps in the skb's control buffer): no allocation per
 * fragment beyond the packet.
 */
#ifndef _CNET_IP_FRAGQ_H
#define _CNET_IP_FRAGQ_H

#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/types.h>

/* The largest IPv4 datagram, header included (RFC 791 total length) */
#define CNET_IP_MAX_LEN		65535

/* An IPv4 header without options, the least a first fragment can have */
#define CNET_IP_MIN_HLEN	20

/**
 * struct cnet_frag - one fragment in its queue
 * @node: in cnet_fragq.root, by @offset
 * @offset: where its data starts in the datagram's data (after the header)
 * @end: where its data ends (one past the last byte)
 * @truesize: the memory it holds, charged to the queue while it is kept
 */
struct cnet_frag {
	struct rb_node	node;
	u32		offset;
	u32		end;
	u32		truesize;
};

/* cnet_fragq.flags */
#define CNET_FRAGQ_FIRST_IN	0x1	/* the fragment at offset 0 came */
#define CNET_FRAGQ_LAST_IN	0x2	/* the fragment without MF came */

/**
 * struct cnet_fragq - the fragments of one datagram, and what they say
 * @root: the fragments kept, by offset; none overlaps another
 * @last: the fragment with the highest offset, NULL when none
 * @lru: in the namespace's list of queues, oldest first
 *	(cnet_fragq_lru_add())
 * @created: when the first fragment came (jiffies): the timeout runs
 *	from here, and eviction goes by it
 * @len: the length of the datagram's data: the end of the last fragment
 *	once it came (CNET_FRAGQ_LAST_IN), else the highest end seen
 * @meat: bytes of data held
 * @mem: truesize of the fragments held
 * @nfrags: fragments held
 * @hlen: header length of the first fragment, once it came
 * @flags: CNET_FRAGQ_FIRST_IN, CNET_FRAGQ_LAST_IN
 */
struct cnet_fragq {
	struct rb_root		root;
	struct cnet_frag	*last;
	struct list_head	lru;
	unsigned long		created;
	u32			len;
	u32			meat;
	u32			mem;
	u32			nfrags;
	u16			hlen;
	u8			flags;
};

/**
 * enum cnet_fragq_verdict - what a fragment does (cnet_fragq_insert())
 * @CNET_FRAGQ_KEPT: kept; the datagram is not complete yet
 * @CNET_FRAGQ_COMPLETE: kept, and the datagram is complete
 * @CNET_FRAGQ_DUPLICATE: a copy of one kept (same offset and end): not
 *	kept, the datagram goes on
 * @CNET_FRAGQ_OVERLAP: overlaps one kept: drop the datagram
 * @CNET_FRAGQ_OVERSIZE: the datagram would pass 65 535 bytes: drop it
 * @CNET_FRAGQ_INVALID: empty, a middle fragment not a multiple of 8
 *	bytes, or data after the end the last fragment set (or a second,
 *	other end): drop the datagram
 */
enum cnet_fragq_verdict {
	CNET_FRAGQ_KEPT,
	CNET_FRAGQ_COMPLETE,
	CNET_FRAGQ_DUPLICATE,
	CNET_FRAGQ_OVERLAP,
	CNET_FRAGQ_OVERSIZE,
	CNET_FRAGQ_INVALID,
};

/**
 * enum cnet_fragq_expiry - what a queue's timeout does (cnet_fragq_expire())
 * @CNET_FRAGQ_WAIT: not yet: wait until the deadline
 * @CNET_FRAGQ_EXPIRE: drop the datagram
 * @CNET_FRAGQ_EXPIRE_ICMP: drop it, and send ICMP time exceeded (fragment
 *	reassembly): the first fragment came, as RFC 1122 3.3.2 asks
 */
enum cnet_fragq_expiry {
	CNET_FRAGQ_WAIT,
	CNET_FRAGQ_EXPIRE,
	CNET_FRAGQ_EXPIRE_ICMP,
};

enum cnet_fragq_verdict cnet_frag_check(u32 offset, u32 len, bool more,
					u16 hlen);
void cnet_fragq_init(struct cnet_fragq *q, unsigned long now);
enum cnet_fragq_verdict cnet_fragq_insert(struct cnet_fragq *q,
					  struct cnet_frag *f, u32 offset,
					  u32 len, bool more, u16 hlen,
					  u32 truesize);
void cnet_fragq_clear(struct cnet_fragq *q);
unsigned long cnet_fragq_deadline(const struct cnet_fragq *q,
				  unsigned long timeout);
enum cnet_fragq_expiry cnet_fragq_expire(const struct cnet_fragq *q,
					 unsigned long now,
					 unsigned long timeout);

/*
 * The fragments in order of offset. Not for freeing them: the walk reads
 * nodes already passed (ip_frag.c frees in post-order).
 */
static inline struct cnet_frag *cnet_fragq_first(const struct cnet_fragq *q)
{
	return rb_entry_safe(rb_first(&q->root), struct cnet_frag, node);
}

static inline struct cnet_frag *cnet_fragq_next(const struct cnet_frag *f)
{
	return rb_entry_safe(rb_next(&f->node), struct cnet_frag, node);
}

/*
 * The namespace's queues in the order they were made: when memory passes
 * the high threshold, the oldest go first until it is back under the low
 * one (Linux's ipfrag_high_thresh and ipfrag_low_thresh).
 */
void cnet_fragq_lru_add(struct list_head *lru, struct cnet_fragq *q);
void cnet_fragq_lru_del(struct cnet_fragq *q);
struct cnet_fragq *cnet_fragq_lru_oldest(struct list_head *lru);
bool cnet_reasm_must_evict(long mem, u32 high_thresh);
bool cnet_reasm_evict_more(long mem, u32 low_thresh);

#endif /* _CNET_IP_FRAGQ_H */
