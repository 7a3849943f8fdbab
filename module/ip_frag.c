// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 reassembly (RFC 791 3.2, RFC 815, RFC 1122 3.3.2): where the
 * fragments of a datagram for this host come together before local
 * delivery. Forwarded packets are never reassembled (RFC 1812 5.2.6);
 * fragmenting what we send belongs to output (ip_output.c).
 *
 * What a fragment does to its datagram is decided by pure code
 * (ip_fragq.h: the fragment tree, overlaps, duplicates, the size limit,
 * completeness, the timeout, the eviction order). Here is the glue:
 *
 * - A queue (struct cnet_ipq) per datagram being reassembled, in the
 *   namespace's rhashtable by (source, destination, protocol, ID). Lookups
 *   are RCU; a queue has a reference count and its own lock, which guards
 *   its fragments, its timer and @dead. Making a queue is the only time a
 *   fragment touches the table's locks; the list of queues in age order
 *   (cnet_reasm.lru) has its own lock, taken to add and remove a queue.
 * - A fragment's place in the tree (struct cnet_frag) lives in its skb's
 *   control buffer; the skb is the only memory a fragment costs. When the
 *   datagram is complete, the first fragment's skb becomes the datagram:
 *   the others are chained on its frag_list, without copying, and its
 *   header is rewritten (total length, no MF, no offset, checksum).
 * - A timer per queue, armed when the queue is made, drops the datagram
 *   after ipfrag_time_ms, with ICMP time exceeded when the first fragment
 *   came.
 * - The memory the queues hold (fragments' truesize, and the queues) is
 *   counted per namespace; past ipfrag_high_thresh the oldest queues are
 *   evicted until it is at or under ipfrag_low_thresh.
 *
 * A queue's references: one while it is in the table, one while its timer
 * is pending, one for each user that found it. Killing a queue (complete,
 * dropped, timed out, evicted) takes it out of the table and the age list
 * and stops its timer, once, under its lock; the last reference frees what
 * fragments it still holds and the queue (after an RCU grace period, for
 * lookups).
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/rhashtable.h>
#include <net/checksum.h>

#include "cnet.h"
#include "ip_fragq.h"

/* What identifies a datagram (RFC 791 3.2); compared as bytes. */
struct cnet_ipq_key {
	__be32	saddr;
	__be32	daddr;
	__be16	id;
	u8	proto;
	u8	zero;
};

/**
 * struct cnet_ipq - a datagram being reassembled
 * @node: in cnet_reasm.ht
 * @key: the datagram
 * @refcnt: see the top of the file
 * @lock: protects @fq (but for its @lru, under cnet_reasm.lru_lock),
 *	@dead and the arming of @timer
 * @dead: killed: no longer in the table nor the age list, nothing may
 *	be added
 * @fq: the fragments and the decisions (pure)
 * @timeout: this queue's timeout, jiffies (the setting when it was made)
 * @timer: the timeout
 * @cn: the namespace
 * @rcu: for freeing after lookups are done
 */
struct cnet_ipq {
	struct rhash_head	node;
	struct cnet_ipq_key	key;
	refcount_t		refcnt;
	spinlock_t		lock;		/* see above */
	bool			dead;
	struct cnet_fragq	fq;
	unsigned long		timeout;
	struct timer_list	timer;
	struct cnet_net		*cn;
	struct rcu_head		rcu;
};

static const struct rhashtable_params cnet_ipq_params = {
	.head_offset		= offsetof(struct cnet_ipq, node),
	.key_offset		= offsetof(struct cnet_ipq, key),
	.key_len		= sizeof(struct cnet_ipq_key),
	.automatic_shrinking	= true,
};

/* A fragment's node is in its skb's control buffer. */
static struct cnet_frag *cnet_frag_of(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct cnet_frag) > sizeof_field(struct sk_buff, cb));
	return (struct cnet_frag *)skb->cb;
}

static struct sk_buff *cnet_frag_skb(struct cnet_frag *f)
{
	return container_of((void *)f, struct sk_buff, cb);
}

static const u8 cnet_fragq_stat[] = {
	[CNET_FRAGQ_DUPLICATE]	= CNET_STAT_IP_REASM_DUPLICATES,
	[CNET_FRAGQ_OVERLAP]	= CNET_STAT_IP_REASM_OVERLAPS,
	[CNET_FRAGQ_OVERSIZE]	= CNET_STAT_IP_REASM_OVERSIZE,
	[CNET_FRAGQ_INVALID]	= CNET_STAT_IP_REASM_INVALID,
};

/* Free the fragments @q still holds; what they held is no longer charged. */
static void cnet_ipq_free_frags(struct cnet_ipq *q)
{
	struct cnet_frag *f, *n;

	/* children before parents: no node is read after its skb is freed */
	rbtree_postorder_for_each_entry_safe(f, n, &q->fq.root, node)
		kfree_skb(cnet_frag_skb(f));
	atomic_long_sub(q->fq.mem, &q->cn->reasm.mem);
	cnet_fragq_clear(&q->fq);
}

static void cnet_ipq_put(struct cnet_ipq *q)
{
	struct cnet_reasm *r = &q->cn->reasm;

	if (!refcount_dec_and_test(&q->refcnt))
		return;
	cnet_ipq_free_frags(q);
	atomic_long_sub(sizeof(*q), &r->mem);
	kfree_rcu(q, rcu);
}

/*
 * Take @q out of the table and the age list and stop its timer, dropping
 * their references; once. Caller holds @q->lock and a reference of its own,
 * with bottom halves disabled.
 */
static void cnet_ipq_kill(struct cnet_ipq *q)
{
	struct cnet_reasm *r = &q->cn->reasm;

	if (q->dead)
		return;
	q->dead = true;
	if (timer_delete(&q->timer))
		refcount_dec(&q->refcnt);
	rhashtable_remove_fast(&r->ht, &q->node, cnet_ipq_params);
	refcount_dec(&q->refcnt);
	spin_lock(&r->lru_lock);
	cnet_fragq_lru_del(&q->fq);
	spin_unlock(&r->lru_lock);
}

/*
 * The timeout: drop the datagram; ICMP time exceeded quoting the first
 * fragment, if it came (cnet_fragq_expire()). The whole runs in an RCU
 * read-side section, which namespace exit waits for.
 */
static void cnet_ipq_expire(struct timer_list *t)
{
	struct cnet_ipq *q = from_timer(q, t, timer);
	struct cnet_net *cn = q->cn;
	struct sk_buff *head = NULL;
	enum cnet_fragq_expiry e;

	rcu_read_lock();
	spin_lock(&q->lock);
	if (q->dead)
		goto out;
	e = cnet_fragq_expire(&q->fq, jiffies, q->timeout);
	if (e == CNET_FRAGQ_WAIT) {
		/* keeps the timer's reference */
		mod_timer(&q->timer, cnet_fragq_deadline(&q->fq, q->timeout));
		spin_unlock(&q->lock);
		rcu_read_unlock();
		return;
	}
	cnet_ipq_kill(q);
	cnet_inc(cn, CNET_STAT_IP_REASM_TIMEOUTS);
	if (e == CNET_FRAGQ_EXPIRE_ICMP)
		head = cnet_frag_skb(cnet_fragq_first(&q->fq));
out:
	spin_unlock(&q->lock);
	/* dead: nothing changes the fragments, which our reference keeps */
	if (head)
		cnet_icmp_send_error(cn, head, ICMP_TIME_EXCEEDED,
				     ICMP_EXC_FRAGTIME, 0);
	cnet_ipq_put(q);
	rcu_read_unlock();
}

/*
 * The queue of @iph's datagram, made if there is none, with a reference
 * for the caller, who must lock it and check it is not dead (killed in
 * the meantime). NULL (counted) when none can be made. Caller holds RCU,
 * in the receive path.
 */
static struct cnet_ipq *cnet_ipq_get(struct cnet_net *cn,
				     const struct iphdr *iph)
{
	struct cnet_reasm *r = &cn->reasm;
	struct cnet_ipq_key key = {
		.saddr	= iph->saddr,
		.daddr	= iph->daddr,
		.id	= iph->id,
		.proto	= iph->protocol,
	};
	struct cnet_ipq *q, *old;

again:
	q = rhashtable_lookup(&r->ht, &key, cnet_ipq_params);
	if (q && refcount_inc_not_zero(&q->refcnt))
		return q;
	/* none, or one going away (then no longer in the table) */

	if (!READ_ONCE(r->high_thresh)) {	/* reassembly is off */
		cnet_inc(cn, CNET_STAT_IP_REASM_DROP_NOMEM);
		return NULL;
	}
	q = kzalloc(sizeof(*q), GFP_ATOMIC);
	if (!q) {
		cnet_inc(cn, CNET_STAT_IP_REASM_DROP_NOMEM);
		return NULL;
	}
	q->key = key;
	/* the table's, the timer's, the caller's */
	refcount_set(&q->refcnt, 3);
	spin_lock_init(&q->lock);
	cnet_fragq_init(&q->fq, jiffies);
	q->timeout = msecs_to_jiffies(READ_ONCE(r->time_ms));
	timer_setup(&q->timer, cnet_ipq_expire, 0);
	q->cn = cn;

	/*
	 * Locked before it can be found: whoever finds it waits until it is
	 * on the age list with its timer running, so that killing it finds
	 * them.
	 */
	spin_lock(&q->lock);
	old = rhashtable_lookup_get_insert_fast(&r->ht, &q->node,
						cnet_ipq_params);
	if (old) {
		spin_unlock(&q->lock);
		kfree(q);
		if (IS_ERR(old)) {
			cnet_inc(cn, CNET_STAT_IP_REASM_DROP_NOMEM);
			return NULL;
		}
		goto again;	/* another CPU made it first */
	}
	if (!READ_ONCE(r->used))
		WRITE_ONCE(r->used, true);
	atomic_long_add(sizeof(*q), &r->mem);
	spin_lock(&r->lru_lock);
	cnet_fragq_lru_add(&r->lru, &q->fq);
	spin_unlock(&r->lru_lock);
	mod_timer(&q->timer, cnet_fragq_deadline(&q->fq, q->timeout));
	spin_unlock(&q->lock);
	return q;
}

/*
 * @q's datagram is complete and @q killed: make it one packet. The first
 * fragment's skb is the datagram; every other fragment, its header pulled,
 * goes on its frag_list in order. Checksums: CHECKSUM_COMPLETE values add
 * up (each fragment's covers its valid IPv4 header, which sums to zero,
 * and data at an even offset); any other mix leaves the transport to
 * check (CHECKSUM_NONE). Caller holds @q->lock.
 *
 * Return: the datagram, data at its IPv4 header; NULL (counted, every
 * fragment freed) when the first fragment cannot be made private.
 */
static struct sk_buff *cnet_ipq_reasm(struct cnet_ipq *q,
				      struct net_device *dev)
{
	struct cnet_net *cn = q->cn;
	struct cnet_frag *f = cnet_fragq_first(&q->fq);
	struct sk_buff *head = cnet_frag_skb(f), *fp, **tail;
	unsigned int len = q->fq.hlen + q->fq.len;
	bool complete;
	struct iphdr *iph;
	__wsum csum;

	/* Its header and shared info are about to change. */
	if (skb_unclone(head, GFP_ATOMIC)) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		cnet_ipq_free_frags(q);
		return NULL;
	}
	atomic_long_sub(q->fq.mem, &cn->reasm.mem);
	complete = head->ip_summed == CHECKSUM_COMPLETE;
	csum = head->csum;
	tail = &skb_shinfo(head)->frag_list;
	for (f = cnet_fragq_next(f); f; f = cnet_fragq_next(f)) {
		fp = cnet_frag_skb(f);
		__skb_pull(fp, ip_hdr(fp)->ihl * 4);
		if (fp->ip_summed == CHECKSUM_COMPLETE)
			csum = csum_add(csum, fp->csum);
		else
			complete = false;
		head->data_len += fp->len;
		head->len += fp->len;
		head->truesize += fp->truesize;
		*tail = fp;
		tail = &fp->next;
	}
	*tail = NULL;
	cnet_fragq_clear(&q->fq);

	if (complete) {
		head->csum = csum;
	} else {
		head->ip_summed = CHECKSUM_NONE;
		head->csum_valid = 0;
	}
	head->dev = dev;
	skb_mark_not_on_list(head);
	iph = ip_hdr(head);
	iph->tot_len = htons(len);
	iph->frag_off = 0;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	WARN_ON_ONCE(head->len != len);
	cnet_inc(cn, CNET_STAT_IP_REASM_REASSEMBLED);
	return head;
}

/*
 * Over the high threshold: evict the oldest queues until memory is at or
 * under the low one. From the receive path (bottom halves disabled).
 */
static void cnet_reasm_evict(struct cnet_net *cn)
{
	struct cnet_reasm *r = &cn->reasm;
	struct cnet_fragq *fq;
	struct cnet_ipq *q;

	if (!cnet_reasm_must_evict(atomic_long_read(&r->mem),
				   READ_ONCE(r->high_thresh)))
		return;
	while (cnet_reasm_evict_more(atomic_long_read(&r->mem),
				     READ_ONCE(r->low_thresh))) {
		q = NULL;
		spin_lock(&r->lru_lock);
		fq = cnet_fragq_lru_oldest(&r->lru);
		/* on the list: in the table, so it has the table's reference */
		if (fq) {
			q = container_of(fq, struct cnet_ipq, fq);
			refcount_inc(&q->refcnt);
		}
		spin_unlock(&r->lru_lock);
		if (!q)
			break;
		spin_lock(&q->lock);
		if (!q->dead) {
			cnet_ipq_kill(q);
			cnet_inc(cn, CNET_STAT_IP_REASM_EVICTED);
		}
		spin_unlock(&q->lock);
		cnet_ipq_put(q);
	}
}

/**
 * cnet_ip_defrag - a fragment for this host arrived
 * @cn: the namespace
 * @skb: the fragment, data at its IPv4 header, checked by input (header
 *	linear, length trimmed to the total length); consumed when NULL is
 *	returned
 *
 * Called from the receive path, in an RCU read-side section.
 *
 * Return: the whole datagram, ready for local delivery (data at its IPv4
 * header), or NULL when @skb was consumed (kept for a datagram not yet
 * complete, or dropped and counted).
 */
struct sk_buff *cnet_ip_defrag(struct cnet_net *cn, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct net_device *dev = skb->dev;
	u16 hlen = iph->ihl * 4;
	u32 offset = (ntohs(iph->frag_off) & CNET_IP_OFFSET) << 3;
	u32 len = ntohs(iph->tot_len) - hlen;
	bool more = iph->frag_off & htons(CNET_IP_MF);
	struct sk_buff *whole = NULL;
	enum cnet_fragq_verdict v;
	unsigned int truesize;
	struct cnet_ipq *q;

	cnet_inc(cn, CNET_STAT_IP_REASM_RX);
	/* Garbage on its own makes no queue. */
	v = cnet_frag_check(offset, len, more, hlen);
	if (v != CNET_FRAGQ_KEPT) {
		cnet_inc(cn, cnet_fragq_stat[v]);
		goto drop;
	}
	/* A fragment is chained as one piece: no frag_list of its own. */
	if (skb_has_frag_list(skb) && __skb_linearize(skb)) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		goto drop;
	}
	iph = ip_hdr(skb);

	for (;;) {
		q = cnet_ipq_get(cn, iph);
		if (!q)
			goto drop;
		spin_lock(&q->lock);
		if (!q->dead)
			break;
		/* finished while we looked it up: the next one is new */
		spin_unlock(&q->lock);
		cnet_ipq_put(q);
	}

	truesize = skb->truesize;
	v = cnet_fragq_insert(&q->fq, cnet_frag_of(skb), offset, len, more,
			      hlen, truesize);
	switch (v) {
	case CNET_FRAGQ_KEPT:
	case CNET_FRAGQ_COMPLETE:
		atomic_long_add(truesize, &cn->reasm.mem);
		/*
		 * A queued skb outlives its device's rx path, and must not
		 * keep a sender's socket (a veth peer's, a looped one's)
		 * charged: on a frag_list, its destructor would run late.
		 */
		skb->dev = NULL;
		skb_orphan(skb);
		skb = NULL;
		if (v == CNET_FRAGQ_COMPLETE) {
			cnet_ipq_kill(q);
			whole = cnet_ipq_reasm(q, dev);
		}
		break;
	case CNET_FRAGQ_DUPLICATE:
		cnet_inc(cn, CNET_STAT_IP_REASM_DUPLICATES);
		break;
	default:
		/* RFC 5722: the whole datagram goes */
		cnet_inc(cn, cnet_fragq_stat[v]);
		cnet_ipq_kill(q);
		break;
	}
	spin_unlock(&q->lock);
	cnet_ipq_put(q);
	cnet_reasm_evict(cn);
drop:
	kfree_skb(skb);
	return whole;
}

/* How many datagrams are being reassembled (CONF_GET shows it). */
unsigned int cnet_reasm_queues(struct cnet_net *cn)
{
	return atomic_read(&cn->reasm.ht.nelems);
}

int cnet_reasm_net_init(struct cnet_net *cn)
{
	struct cnet_reasm *r = &cn->reasm;

	spin_lock_init(&r->lru_lock);
	INIT_LIST_HEAD(&r->lru);
	atomic_long_set(&r->mem, 0);
	r->high_thresh = CNET_IPFRAG_HIGH_THRESH_DEFAULT;
	r->low_thresh = CNET_IPFRAG_LOW_THRESH_DEFAULT;
	r->time_ms = CNET_IPFRAG_TIME_MS_DEFAULT;
	return rhashtable_init(&r->ht, &cnet_ipq_params);
}

/*
 * Free every queue. Nothing receives any more (devices are detached), but
 * timers may run: each queue's is stopped, and a timer that had already
 * killed its queue (so not on the list) finishes inside an RCU read-side
 * section, which we wait for.
 */
void cnet_reasm_net_exit(struct cnet_net *cn)
{
	struct cnet_reasm *r = &cn->reasm;
	struct cnet_fragq *fq;
	struct cnet_ipq *q;

	for (;;) {
		q = NULL;
		spin_lock_bh(&r->lru_lock);
		fq = cnet_fragq_lru_oldest(&r->lru);
		if (fq) {
			q = container_of(fq, struct cnet_ipq, fq);
			refcount_inc(&q->refcnt);
		}
		spin_unlock_bh(&r->lru_lock);
		if (!q)
			break;
		spin_lock_bh(&q->lock);
		cnet_ipq_kill(q);
		spin_unlock_bh(&q->lock);
		timer_shutdown_sync(&q->timer);
		cnet_ipq_put(q);
	}
	if (READ_ONCE(r->used))
		synchronize_rcu();
	WARN_ON_ONCE(atomic_long_read(&r->mem));
	rhashtable_destroy(&r->ht);
}
