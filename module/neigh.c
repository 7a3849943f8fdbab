// SPDX-License-Identifier: GPL-2.0
/*
 * The neighbour (ARP) cache. See neigh.h for the state machine.
 *
 * Lifetime: an entry is reachable from its table bucket. It is unlinked
 * under the table lock, marked dead under its own lock (so no packet is
 * queued and no timer armed afterwards), its timer is shut down and it is
 * freed after an RCU grace period. Unlinking happens only in process
 * context (garbage collection, device detach, namespace exit), where
 * timer_shutdown_sync() may wait for a running timer.
 */
#include <linux/etherdevice.h>
#include <linux/jhash.h>
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include "cnet.h"
#include "cnet_trace.h"
#include "netlink.h"

/* Forced GC (the table is full) spares entries changed this recently. */
#define CNET_NEIGH_GC_RECENT	(5 * HZ)
/* ... and looks at no more entries than this per run */
#define CNET_NEIGH_GC_SCAN	64

/* Where the namespace keeps each setting a device may have of its own */
static const size_t neigh_dev_parm_off[CNET_NEIGH_DEV_N] = {
	[CNET_NEIGH_DEV_REACHABLE_MS] = offsetof(struct cnet_neigh_table,
						 reachable_ms),
	[CNET_NEIGH_DEV_RETRANS_MS] = offsetof(struct cnet_neigh_table,
					       retrans_ms),
	[CNET_NEIGH_DEV_GC_MS]	= offsetof(struct cnet_neigh_table, gc_ms),
	[CNET_NEIGH_DEV_DELAY_MS] = offsetof(struct cnet_neigh_table, delay_ms),
	[CNET_NEIGH_DEV_LOCKTIME_MS] = offsetof(struct cnet_neigh_table,
						locktime_ms),
	[CNET_NEIGH_DEV_MAX_PROBES] = offsetof(struct cnet_neigh_table,
					       max_probes),
	[CNET_NEIGH_DEV_UCAST_PROBES] = offsetof(struct cnet_neigh_table,
						 ucast_probes),
	[CNET_NEIGH_DEV_QUEUE_LEN] = offsetof(struct cnet_neigh_table,
					      queue_len),
	[CNET_NEIGH_DEV_QUEUE_BYTES] = offsetof(struct cnet_neigh_table,
						queue_bytes),
};

/* A new device has none of its own: it follows the namespace. */
void cnet_neigh_dev_parms_init(struct cnet_neigh_dev_parms *dp)
{
	int i;

	for (i = 0; i < CNET_NEIGH_DEV_N; i++)
		dp->v[i] = CNET_NEIGH_DEV_INHERIT;
}

/**
 * cnet_neigh_dev_parm - one setting as it applies to a device
 * @tbl: the namespace's table
 * @dp: the device's own settings, or NULL for the namespace's
 * @i: which
 *
 * Each value is read once, with READ_ONCE(): their writers (LINK_SET and
 * CONF_SET under RTNL, the sysctls) take no lock of the data path.
 */
u32 cnet_neigh_dev_parm(const struct cnet_neigh_table *tbl,
			const struct cnet_neigh_dev_parms *dp,
			enum cnet_neigh_dev_parm i)
{
	u32 v = dp ? READ_ONCE(dp->v[i]) : CNET_NEIGH_DEV_INHERIT;

	if (v != CNET_NEIGH_DEV_INHERIT)
		return v;
	return READ_ONCE(*(const u32 *)((const char *)tbl +
					neigh_dev_parm_off[i]));
}

/* Where in struct cnet_neigh_table the namespace keeps setting @i */
size_t cnet_neigh_dev_parm_off(enum cnet_neigh_dev_parm i)
{
	return neigh_dev_parm_off[i];
}

/*
 * The settings for one transition of an entry of device @dp (NULL: the
 * namespace's alone). Their ranges keep every time and count usable as it
 * is (neigh.h).
 */
void cnet_neigh_params_get(const struct cnet_neigh_table *tbl,
			   const struct cnet_neigh_dev_parms *dp,
			   struct cnet_neigh_params *p)
{
#define NEIGH_MS(i) msecs_to_jiffies(cnet_neigh_dev_parm(tbl, dp, i))
	p->reachable = NEIGH_MS(CNET_NEIGH_DEV_REACHABLE_MS);
	p->retrans = NEIGH_MS(CNET_NEIGH_DEV_RETRANS_MS);
	p->gc_stale = NEIGH_MS(CNET_NEIGH_DEV_GC_MS);
	p->delay = NEIGH_MS(CNET_NEIGH_DEV_DELAY_MS);
	p->locktime = NEIGH_MS(CNET_NEIGH_DEV_LOCKTIME_MS);
#undef NEIGH_MS
	p->max_probes = cnet_neigh_dev_parm(tbl, dp, CNET_NEIGH_DEV_MAX_PROBES);
	p->ucast_probes = cnet_neigh_dev_parm(tbl, dp,
					      CNET_NEIGH_DEV_UCAST_PROBES);
	p->gc_recent = CNET_NEIGH_GC_RECENT;
	p->rnd = get_random_u32();
}

/* ---- the state machine: pure functions, see neigh.h ---- */

/* A reachable time in [0.5, 1.5) x the base, picked by @p->rnd. */
unsigned long cnet_neigh_reachable_time(const struct cnet_neigh_params *p)
{
	unsigned long base = max(p->reachable, 1UL);

	return base / 2 + p->rnd % base;
}

void cnet_neigh_sm_init(struct cnet_neigh_sm *sm, unsigned long now)
{
	sm->state = CNET_NEIGH_INCOMPLETE;
	sm->probes = 0;
	sm->confirmed = now;
	sm->updated = now;
	sm->reachable = 0;
}

static void sm_set(struct cnet_neigh_sm *sm, u8 state, unsigned long now)
{
	sm->state = state;
	sm->updated = now;
}

/*
 * Does output send to the cached address in @state, changing nothing? Then
 * it may do so without the entry's lock (cnet_neigh_output()).
 */
bool cnet_neigh_sm_sends(u8 state)
{
	return state == CNET_NEIGH_REACHABLE || state == CNET_NEIGH_DELAY ||
	       state == CNET_NEIGH_PROBE || state == CNET_NEIGH_PERMANENT;
}

/*
 * Output wants to use the entry. *next is set to when the entry's timer
 * must fire, or 0 to leave it as it is.
 */
enum cnet_neigh_action cnet_neigh_sm_use(struct cnet_neigh_sm *sm,
					 unsigned long now,
					 const struct cnet_neigh_params *p,
					 unsigned long *next)
{
	*next = 0;
	if (cnet_neigh_sm_sends(sm->state))
		return CNET_NA_SEND;
	switch (sm->state) {
	case CNET_NEIGH_STALE:
		/*
		 * Use the cached address, and give the upper layers the
		 * delay time to confirm it before we probe (RFC 1122
		 * 2.3.2.1, Linux's DELAY).
		 */
		sm_set(sm, CNET_NEIGH_DELAY, now);
		sm->probes = 0;
		*next = now + p->delay;
		return CNET_NA_SEND;
	case CNET_NEIGH_FAILED:
		/* Try again, as Linux does when a failed entry is used. */
		sm_set(sm, CNET_NEIGH_INCOMPLETE, now);
		sm->probes = 1;
		*next = now + p->retrans;
		return CNET_NA_QUEUE_PROBE;
	case CNET_NEIGH_INCOMPLETE:
	default:
		if (!sm->probes) {
			sm->probes = 1;
			*next = now + p->retrans;
			return CNET_NA_QUEUE_PROBE;
		}
		return CNET_NA_QUEUE;
	}
}

/*
 * The entry's timer fired. *next is set to when it should fire again, or 0
 * for not at all.
 */
enum cnet_neigh_action cnet_neigh_sm_timer(struct cnet_neigh_sm *sm,
					   unsigned long now,
					   const struct cnet_neigh_params *p,
					   unsigned long *next)
{
	*next = 0;
	switch (sm->state) {
	case CNET_NEIGH_INCOMPLETE:
		if (sm->probes >= p->max_probes) {
			sm_set(sm, CNET_NEIGH_FAILED, now);
			return CNET_NA_FAIL;
		}
		sm->probes++;
		*next = now + p->retrans;
		return CNET_NA_PROBE;
	case CNET_NEIGH_REACHABLE:
		if (time_before(now, sm->confirmed + sm->reachable)) {
			*next = sm->confirmed + sm->reachable;
			return CNET_NA_NONE;
		}
		sm_set(sm, CNET_NEIGH_STALE, now);
		sm->probes = 0;
		return CNET_NA_NONE;
	case CNET_NEIGH_DELAY:
		/* confirmed within the delay time: reachable again */
		if (!time_after(now, sm->confirmed + p->delay)) {
			sm_set(sm, CNET_NEIGH_REACHABLE, now);
			sm->reachable = cnet_neigh_reachable_time(p);
			*next = sm->confirmed + sm->reachable;
			return CNET_NA_NONE;
		}
		sm_set(sm, CNET_NEIGH_PROBE, now);
		sm->probes = 1;
		*next = now + p->retrans;
		return CNET_NA_UCAST_PROBE;
	case CNET_NEIGH_PROBE:
		if (sm->probes >= p->ucast_probes) {
			sm_set(sm, CNET_NEIGH_FAILED, now);
			return CNET_NA_FAIL;
		}
		sm->probes++;
		*next = now + p->retrans;
		return CNET_NA_UCAST_PROBE;
	default:
		return CNET_NA_NONE;
	}
}

/*
 * An ARP packet from this neighbour arrived. A reply confirms reachability
 * (RFC 1122 2.3.2.1) when we were waiting for one: we asked (INCOMPLETE,
 * PROBE) or the entry is in use and waits for a confirmation (DELAY). Any
 * other reply is unsolicited and, like a request, only tells the sender's
 * address, which makes the entry STALE when the address is news. For
 * @p->locktime after an entry with an address changed, a message naming
 * another address is ignored (Linux's locktime: the first of several
 * proxies to answer wins, and a flapping pair does not thrash the entry),
 * unless it is a gratuitous ARP (@override). PERMANENT entries do not
 * listen.
 */
enum cnet_neigh_action cnet_neigh_sm_update(struct cnet_neigh_sm *sm,
					    unsigned long now,
					    const struct cnet_neigh_params *p,
					    bool is_reply, bool lladdr_changed,
					    bool override)
{
	u8 old = sm->state;
	bool has_lladdr = old != CNET_NEIGH_INCOMPLETE &&
			  old != CNET_NEIGH_FAILED;
	bool waiting = old == CNET_NEIGH_INCOMPLETE || old == CNET_NEIGH_DELAY ||
		       old == CNET_NEIGH_PROBE;

	if (old == CNET_NEIGH_PERMANENT)
		return CNET_NA_NONE;
	if (has_lladdr && lladdr_changed && !override &&
	    time_before(now, sm->updated + p->locktime))
		return CNET_NA_IGNORE;
	if (is_reply && waiting) {
		sm_set(sm, CNET_NEIGH_REACHABLE, now);
		sm->confirmed = now;
		sm->reachable = cnet_neigh_reachable_time(p);
		sm->probes = 0;
	} else if (!has_lladdr || lladdr_changed) {
		sm_set(sm, CNET_NEIGH_STALE, now);
		sm->probes = 0;
	}
	if (old == CNET_NEIGH_INCOMPLETE)
		return CNET_NA_FLUSH;
	return CNET_NA_NONE;
}

/*
 * An upper layer saw the neighbour alive. Only the time moves: the timer
 * turns DELAY into REACHABLE, or keeps REACHABLE, when it looks at it.
 * Lockless (cnet_neigh_confirm()): written only when it changed.
 */
void cnet_neigh_sm_confirm(struct cnet_neigh_sm *sm, unsigned long now)
{
	if (READ_ONCE(sm->confirmed) != now)
		WRITE_ONCE(sm->confirmed, now);
}

/*
 * The administrator set the address: PERMANENT from now on. Returns
 * CNET_NA_FLUSH when packets were waiting for resolution.
 */
enum cnet_neigh_action cnet_neigh_sm_set_permanent(struct cnet_neigh_sm *sm,
						   unsigned long now)
{
	u8 old = sm->state;

	sm_set(sm, CNET_NEIGH_PERMANENT, now);
	sm->confirmed = now;
	sm->probes = 0;
	return old == CNET_NEIGH_INCOMPLETE ? CNET_NA_FLUSH : CNET_NA_NONE;
}

bool cnet_neigh_sm_collectable(const struct cnet_neigh_sm *sm,
			       unsigned long now,
			       const struct cnet_neigh_params *p)
{
	if (sm->state != CNET_NEIGH_STALE && sm->state != CNET_NEIGH_FAILED)
		return false;
	return !time_before(now, sm->updated + p->gc_stale);
}

/*
 * The table is full: may this entry be evicted to make room (Linux's
 * neigh_forced_gc())? Only one nothing refers to, with no timer and no
 * queue (STALE or FAILED), and, unless it FAILED, unchanged for
 * @p->gc_recent: an entry just learnt or just aged out may be about to be
 * used. In use, STALE becomes DELAY and is kept.
 */
bool cnet_neigh_sm_evictable(const struct cnet_neigh_sm *sm,
			     unsigned long now,
			     const struct cnet_neigh_params *p)
{
	if (sm->state == CNET_NEIGH_FAILED)
		return true;
	return sm->state == CNET_NEIGH_STALE &&
	       !time_before(now, sm->updated + p->gc_recent);
}

/* ---- the table ---- */

static struct hlist_head *neigh_bucket(struct cnet_neigh_table *tbl,
				       const struct cnet_dev *cd, __be32 addr)
{
	u32 h = jhash_2words((__force u32)addr, cd->dev->ifindex, 0);

	return &tbl->buckets[h >> (32 - CNET_NEIGH_HASH_BITS)];
}

/* Caller holds rcu_read_lock() or the table lock. */
static struct cnet_neigh *neigh_lookup(struct cnet_neigh_table *tbl,
				       const struct cnet_dev *cd, __be32 addr)
{
	struct cnet_neigh *n;

	hlist_for_each_entry_rcu(n, neigh_bucket(tbl, cd, addr), node,
				 lockdep_is_held(&tbl->lock))
		if (n->cd == cd && n->addr == addr)
			return n;
	return NULL;
}

static void neigh_send_request(struct cnet_neigh *n, const u8 *dst_mac)
{
	struct cnet_dev *cd = n->cd;
	__be32 sip = cnet_addr_select_src(cd, n->addr);

	/* tha is unknown (zero) in a request; a unicast probe names it */
	cnet_arp_send(cd, ARPOP_REQUEST, sip, n->addr, dst_mac, dst_mac);
}

/* Move @n's held packets to @q. Caller holds @n->lock. */
static void neigh_take_queue(struct cnet_neigh *n, struct sk_buff_head *q)
{
	skb_queue_splice_init(&n->queue, q);
	n->queue_bytes = 0;
}

static void neigh_xmit_queue(struct cnet_neigh *n, struct sk_buff_head *q,
			     const u8 *lladdr)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(q)))
		cnet_eth_xmit(n->cd, skb, lladdr, htons(ETH_P_IP));
}

/* What a dump or the monitor shows of @n. Caller holds n->lock. */
static void neigh_snapshot(const struct cnet_neigh *n,
			   struct cnet_neigh_info *ni)
{
	ni->ifindex = n->cd->dev->ifindex;
	ni->addr = n->addr;
	ni->state = n->sm.state;
	ether_addr_copy(ni->lladdr, n->lladdr);
	ni->age_ms = jiffies_to_msecs(jiffies - n->sm.confirmed);
	ni->qlen = skb_queue_len(&n->queue);
}

/*
 * Tell `cnet monitor` that @n was made, changed state or address (@cmd
 * NEIGH_ADD), or went (NEIGH_DEL). Caller holds n->lock.
 */
static void neigh_notify(const struct cnet_neigh *n, u8 cmd)
{
	struct cnet_neigh_info ni;

	neigh_snapshot(n, &ni);
	trace_cnet_neigh(n->cd->cn, &ni, cmd == CNET_CMD_NEIGH_DEL);
	cnet_notify_neigh(n->cd->cn, &ni, cmd);
}

/*
 * Resolution failed: drop what was held, telling each sender with ICMP host
 * unreachable (RFC 1812 4.3.3.1; Linux's arp_error_report()), so that a
 * forwarded flow or traceroute sees !H rather than silence. The RFC 1122
 * rules (no error about an error, a fragment, a broadcast...) and the rate
 * limit are cnet_icmp_send_error()'s. Not under the entry's lock: the error
 * goes out through another neighbour entry.
 */
static void neigh_fail_queue(struct cnet_neigh *n, struct sk_buff_head *q)
{
	struct cnet_net *cn = n->cd->cn;
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(q))) {
		cnet_inc(cn, CNET_STAT_NEIGH_DROP_UNRESOLVED);
		cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
				     ICMP_HOST_UNREACH, 0);
		kfree_skb(skb);
	}
}

static void neigh_timer(struct timer_list *t)
{
	struct cnet_neigh *n = from_timer(n, t, timer);
	struct cnet_neigh_params p;
	enum cnet_neigh_action act;
	struct sk_buff_head q;
	unsigned long next;
	u8 mac[ETH_ALEN], was;

	cnet_neigh_params_get(&n->cd->cn->neigh, &n->cd->neigh, &p);
	__skb_queue_head_init(&q);

	spin_lock_bh(&n->lock);
	if (n->dead) {
		spin_unlock_bh(&n->lock);
		return;
	}
	was = n->sm.state;
	write_seqcount_begin(&n->seq);
	act = cnet_neigh_sm_timer(&n->sm, jiffies, &p, &next);
	write_seqcount_end(&n->seq);
	if (n->sm.state != was)
		neigh_notify(n, CNET_CMD_NEIGH_ADD);
	if (next)
		mod_timer(&n->timer, next);
	if (act == CNET_NA_FAIL)
		neigh_take_queue(n, &q);
	ether_addr_copy(mac, n->lladdr);
	spin_unlock_bh(&n->lock);

	rcu_read_lock();	/* the device's address list */
	if (act == CNET_NA_PROBE) {
		neigh_send_request(n, NULL);
	} else if (act == CNET_NA_UCAST_PROBE) {
		cnet_inc(n->cd->cn, CNET_STAT_NEIGH_UCAST_PROBE_TX);
		neigh_send_request(n, mac);
	}
	rcu_read_unlock();
	neigh_fail_queue(n, &q);
}

static struct cnet_neigh *neigh_alloc(struct cnet_dev *cd, __be32 addr,
				      gfp_t gfp)
{
	struct cnet_neigh *n = kzalloc(sizeof(*n), gfp);

	if (!n)
		return NULL;
	n->cd = cd;
	n->addr = addr;
	INIT_LIST_HEAD(&n->gc_node);
	spin_lock_init(&n->lock);
	seqcount_spinlock_init(&n->seq, &n->lock);
	skb_queue_head_init(&n->queue);
	timer_setup(&n->timer, neigh_timer, 0);
	cnet_neigh_sm_init(&n->sm, jiffies);
	return n;
}

static void neigh_free_rcu(struct rcu_head *head)
{
	kfree(container_of(head, struct cnet_neigh, rcu));
}

/* Unlink @n; the caller holds the table lock. Finish with neigh_release(). */
static void neigh_unlink(struct cnet_neigh_table *tbl, struct cnet_neigh *n)
{
	hlist_del_rcu(&n->node);
	if (n->counted) {
		list_del_init(&n->gc_node);
		tbl->count--;
	} else {
		tbl->nstatic--;
	}
	spin_lock(&n->lock);
	write_seqcount_begin(&n->seq);
	n->dead = true;
	write_seqcount_end(&n->seq);
	neigh_notify(n, CNET_CMD_NEIGH_DEL);
	spin_unlock(&n->lock);
}

/* Process context, after neigh_unlink() and outside the table lock. */
static void neigh_release(struct cnet_neigh *n)
{
	timer_shutdown_sync(&n->timer);
	skb_queue_purge(&n->queue);
	call_rcu(&n->rcu, neigh_free_rcu);
}

/*
 * The table is full (Linux's neigh_forced_gc()): evict the entries
 * cnet_neigh_sm_evictable() allows, down to half of @max (Linux's
 * gc_thresh2 to its gc_thresh3), looking at CNET_NEIGH_GC_SCAN entries at
 * most from the head of @tbl->gc_list: oldest first, and those kept go to
 * the tail, so that the next run looks further. Evicted entries are
 * unlinked and wait on @tbl->dead for neigh_release_work() (process
 * context). Returns how many were evicted. Caller holds the table lock.
 */
static unsigned int neigh_forced_gc(struct cnet_net *cn, unsigned int max)
{
	struct cnet_neigh_table *tbl = &cn->neigh;
	unsigned long now = jiffies;
	struct cnet_neigh_params p;
	unsigned int i, evicted = 0;
	struct cnet_neigh *n;
	bool evict;

	/* (what forced GC looks at, gc_recent, is no device's setting) */
	cnet_neigh_params_get(tbl, NULL, &p);
	for (i = 0; i < CNET_NEIGH_GC_SCAN; i++) {
		if (tbl->count <= max / 2 || list_empty(&tbl->gc_list))
			break;
		n = list_first_entry(&tbl->gc_list, struct cnet_neigh, gc_node);
		spin_lock(&n->lock);
		evict = cnet_neigh_sm_evictable(&n->sm, now, &p);
		spin_unlock(&n->lock);
		if (!evict) {
			list_move_tail(&n->gc_node, &tbl->gc_list);
			continue;
		}
		neigh_unlink(tbl, n);
		list_add_tail(&n->gc_node, &tbl->dead);
		cnet_inc(cn, CNET_STAT_NEIGH_GC_FORCED);
		evicted++;
	}
	return evicted;
}

/*
 * Find or create the entry for (cd, addr). Called in an RCU read-side
 * section; the entry returned stays valid until it ends.
 */
static struct cnet_neigh *neigh_find_or_create(struct cnet_dev *cd,
					       __be32 addr)
{
	struct cnet_neigh_table *tbl = &cd->cn->neigh;
	unsigned int max = READ_ONCE(tbl->max_entries);
	struct cnet_neigh *n, *old;
	bool full;

	n = neigh_lookup(tbl, cd, addr);
	if (n)
		return n;
	/* PERMANENT entries are not counted: see neigh.h */
	if (READ_ONCE(tbl->count) >= max) {
		spin_lock_bh(&tbl->lock);
		if (neigh_forced_gc(cd->cn, max))
			queue_work(system_power_efficient_wq,
				   &tbl->release_work);
		full = tbl->count >= max;
		spin_unlock_bh(&tbl->lock);
		if (full) {
			cnet_inc(cd->cn, CNET_STAT_NEIGH_DROP_TABLE_FULL);
			return NULL;
		}
	}
	n = neigh_alloc(cd, addr, GFP_ATOMIC);
	if (!n) {
		cnet_inc(cd->cn, CNET_STAT_MEM_DROP_NOMEM);
		return NULL;
	}

	spin_lock_bh(&tbl->lock);
	old = neigh_lookup(tbl, cd, addr);
	if (old || READ_ONCE(cd->dead)) {
		spin_unlock_bh(&tbl->lock);
		kfree(n);
		return old;
	}
	n->counted = true;
	hlist_add_head_rcu(&n->node, neigh_bucket(tbl, cd, addr));
	list_add_tail(&n->gc_node, &tbl->gc_list);
	tbl->count++;
	spin_lock(&n->lock);
	neigh_notify(n, CNET_CMD_NEIGH_ADD);
	spin_unlock(&n->lock);
	spin_unlock_bh(&tbl->lock);

	if (!delayed_work_pending(&tbl->gc_work))
		queue_delayed_work(system_power_efficient_wq, &tbl->gc_work,
				   msecs_to_jiffies(1000));
	return n;
}

/*
 * If @n is in a state where output just sends to the cached address (and
 * changes nothing), copy that address to @lladdr and return true. A
 * consistent snapshot of state and address without the entry's lock, as
 * Linux reads a neighbour's hardware header under a seqlock. RCU.
 */
static bool neigh_read_sending(struct cnet_neigh *n, u8 *lladdr)
{
	unsigned int seq;
	bool sends;

	do {
		seq = read_seqcount_begin(&n->seq);
		sends = !n->dead && cnet_neigh_sm_sends(n->sm.state);
		if (sends)
			ether_addr_copy(lladdr, n->lladdr);
	} while (read_seqcount_retry(&n->seq, seq));
	return sends;
}

/**
 * cnet_neigh_output - send an IPv4 packet to a next hop on @cd
 * @cd: the outgoing device
 * @nexthop: the neighbour to resolve and send to
 * @skb: the packet, data at the IPv4 header; consumed
 *
 * Must be called within rcu_read_lock().
 */
int cnet_neigh_output(struct cnet_dev *cd, __be32 nexthop, struct sk_buff *skb)
{
	struct cnet_neigh_table *tbl = &cd->cn->neigh;
	unsigned int qlen, qbytes;
	struct cnet_neigh_params p;
	struct cnet_neigh *n;
	enum cnet_neigh_action act;
	u8 lladdr[ETH_ALEN], was;
	struct sk_buff_head drop;
	struct sk_buff *old;
	unsigned long next;

	n = neigh_find_or_create(cd, nexthop);
	if (!n) {
		kfree_skb(skb);
		return -ENOBUFS;
	}
	/* The common case, a resolved neighbour: no lock, no write. */
	if (neigh_read_sending(n, lladdr)) {
		cnet_eth_xmit(cd, skb, lladdr, htons(ETH_P_IP));
		return 0;
	}
	cnet_neigh_params_get(tbl, &cd->neigh, &p);
	qlen = cnet_neigh_dev_parm(tbl, &cd->neigh, CNET_NEIGH_DEV_QUEUE_LEN);
	qbytes = cnet_neigh_dev_parm(tbl, &cd->neigh, CNET_NEIGH_DEV_QUEUE_BYTES);
	__skb_queue_head_init(&drop);

	spin_lock_bh(&n->lock);
	if (n->dead) {
		/* unlinked while we looked: device going away, or evicted */
		spin_unlock_bh(&n->lock);
		kfree_skb(skb);
		return -ENODEV;
	}
	was = n->sm.state;
	write_seqcount_begin(&n->seq);
	act = cnet_neigh_sm_use(&n->sm, jiffies, &p, &next);
	write_seqcount_end(&n->seq);
	if (n->sm.state != was)
		neigh_notify(n, CNET_CMD_NEIGH_ADD);
	if (next)
		mod_timer(&n->timer, next);
	if (act == CNET_NA_SEND) {
		ether_addr_copy(lladdr, n->lladdr);
	} else {
		/*
		 * Bounded in packets and in bytes: a GRO skb can pin much
		 * more memory than its place in the count says (truesize).
		 * The oldest go first, as in Linux.
		 */
		while (!skb_queue_empty(&n->queue) &&
		       (skb_queue_len(&n->queue) >= qlen ||
			n->queue_bytes + skb->truesize > qbytes)) {
			old = __skb_dequeue(&n->queue);
			n->queue_bytes -= old->truesize;
			__skb_queue_tail(&drop, old);
		}
		__skb_queue_tail(&n->queue, skb);
		n->queue_bytes += skb->truesize;
		skb = NULL;
	}
	spin_unlock_bh(&n->lock);

	while ((old = __skb_dequeue(&drop))) {
		cnet_inc(cd->cn, CNET_STAT_NEIGH_DROP_QUEUE_FULL);
		kfree_skb(old);
	}
	if (skb)
		cnet_eth_xmit(cd, skb, lladdr, htons(ETH_P_IP));
	if (act == CNET_NA_QUEUE_PROBE)
		neigh_send_request(n, NULL);
	return 0;
}

/**
 * cnet_neigh_learn - an ARP packet told us @addr is at @lladdr
 * @cd: the device it arrived on
 * @addr: the sender's IPv4 address
 * @lladdr: the sender's Ethernet address
 * @is_reply: it was a reply (confirms reachability if we were waiting)
 * @create: make an entry if there is none (a request addressed to us)
 * @override: a gratuitous ARP: replaces the address even within the lock
 *	time
 *
 * Must be called within rcu_read_lock().
 */
void cnet_neigh_learn(struct cnet_dev *cd, __be32 addr, const u8 *lladdr,
		      bool is_reply, bool create, bool override)
{
	struct cnet_neigh_params p;
	enum cnet_neigh_action act;
	struct cnet_neigh *n;
	struct sk_buff_head q;
	bool changed;
	u8 mac[ETH_ALEN], old;

	n = create ? neigh_find_or_create(cd, addr) :
		     neigh_lookup(&cd->cn->neigh, cd, addr);
	if (!n)
		return;

	cnet_neigh_params_get(&cd->cn->neigh, &cd->neigh, &p);
	__skb_queue_head_init(&q);

	spin_lock_bh(&n->lock);
	if (n->dead) {
		spin_unlock_bh(&n->lock);
		return;
	}
	old = n->sm.state;
	if (old == CNET_NEIGH_PERMANENT) {
		/* the administrator's word stands (also against spoofing) */
		spin_unlock_bh(&n->lock);
		return;
	}
	changed = !ether_addr_equal(n->lladdr, lladdr);
	write_seqcount_begin(&n->seq);
	act = cnet_neigh_sm_update(&n->sm, jiffies, &p, is_reply, changed,
				   override);
	if (act != CNET_NA_IGNORE)
		ether_addr_copy(n->lladdr, lladdr);
	write_seqcount_end(&n->seq);
	if (act != CNET_NA_IGNORE && (n->sm.state != old || changed))
		neigh_notify(n, CNET_CMD_NEIGH_ADD);
	if (act == CNET_NA_IGNORE) {
		/* within the lock time: the address stays, and the state */
		spin_unlock_bh(&n->lock);
		return;
	}
	ether_addr_copy(mac, lladdr);
	if (n->sm.state == CNET_NEIGH_REACHABLE)
		mod_timer(&n->timer, n->sm.confirmed + n->sm.reachable);
	else if (n->sm.state != old)
		timer_delete(&n->timer);	/* STALE has no timer */
	if (act == CNET_NA_FLUSH)
		neigh_take_queue(n, &q);
	spin_unlock_bh(&n->lock);

	neigh_xmit_queue(n, &q, mac);
}

/*
 * Unlink the entries @match selects and release them. Entries are unlinked
 * in batches under the table lock and released with it dropped, because
 * timer_shutdown_sync() waits for a running timer.
 */
static void neigh_remove_if(struct cnet_net *cn,
			    bool (*match)(struct cnet_neigh *n, void *arg),
			    void *arg)
{
	struct cnet_neigh_table *tbl = &cn->neigh;
	struct cnet_neigh *batch[16];
	struct hlist_node *tmp;
	struct cnet_neigh *n;
	unsigned int i, k, cnt;

	for (i = 0; i < ARRAY_SIZE(tbl->buckets); i++) {
again:
		cnt = 0;
		spin_lock_bh(&tbl->lock);
		hlist_for_each_entry_safe(n, tmp, &tbl->buckets[i], node) {
			if (!match(n, arg))
				continue;
			neigh_unlink(tbl, n);
			batch[cnt++] = n;
			if (cnt == ARRAY_SIZE(batch))
				break;
		}
		spin_unlock_bh(&tbl->lock);
		for (k = 0; k < cnt; k++)
			neigh_release(batch[k]);
		if (cnt == ARRAY_SIZE(batch))
			goto again;
	}
}

static bool neigh_match_dev(struct cnet_neigh *n, void *arg)
{
	return !arg || n->cd == arg;
}

/* Dynamic entries of a device (or of all, arg NULL). */
static bool neigh_match_dynamic(struct cnet_neigh *n, void *arg)
{
	bool perm;

	if (!neigh_match_dev(n, arg))
		return false;
	spin_lock(&n->lock);
	perm = n->sm.state == CNET_NEIGH_PERMANENT;
	spin_unlock(&n->lock);
	return !perm;
}

/**
 * cnet_neigh_flush_all - remove every entry of @cd, PERMANENT ones too
 * @cn: the namespace
 * @cd: the device, or NULL for every device
 *
 * For a device that is detached, goes down or changes its MAC address,
 * and for NEIGH_FLUSH with NEIGH_ALL. Caller holds RTNL.
 */
void cnet_neigh_flush_all(struct cnet_net *cn, struct cnet_dev *cd)
{
	neigh_remove_if(cn, neigh_match_dev, cd);
}

/**
 * cnet_neigh_flush_dynamic - remove the entries of @cd but PERMANENT ones
 * @cn: the namespace
 * @cd: the device, or NULL for every device
 *
 * NEIGH_FLUSH without NEIGH_ALL, as "ip neigh flush". Process context.
 */
void cnet_neigh_flush_dynamic(struct cnet_net *cn, struct cnet_dev *cd)
{
	neigh_remove_if(cn, neigh_match_dynamic, cd);
}

/**
 * cnet_neigh_add_static - make (or overwrite) a PERMANENT entry
 * @cd: the device; attached (caller holds RTNL)
 * @addr: the IPv4 address
 * @lladdr: its Ethernet address, validated by the caller
 *
 * @extack: for the error message
 *
 * A dynamic entry becomes permanent and counts as static instead of
 * dynamic; the packets it was holding are sent. Static entries are capped
 * at neigh_max_entries per namespace too (counted apart: the cache full of
 * dynamic entries does not refuse the administrator's). The entry is
 * charged to the caller's memory cgroup.
 *
 * Return: 0, -ENOMEM, or -ENOBUFS when there are too many static entries
 * (what a full Linux neighbour table answers).
 */
int cnet_neigh_add_static(struct cnet_dev *cd, __be32 addr, const u8 *lladdr,
			  struct netlink_ext_ack *extack)
{
	struct cnet_neigh_table *tbl = &cd->cn->neigh;
	struct cnet_neigh *n, *fresh;
	enum cnet_neigh_action act;
	struct sk_buff_head q;

	ASSERT_RTNL();
	__skb_queue_head_init(&q);
	fresh = neigh_alloc(cd, addr, GFP_KERNEL_ACCOUNT);
	if (!fresh)
		return -ENOMEM;

	spin_lock_bh(&tbl->lock);
	n = neigh_lookup(tbl, cd, addr);
	if ((!n || n->counted) &&
	    tbl->nstatic >= READ_ONCE(tbl->max_entries)) {
		spin_unlock_bh(&tbl->lock);
		kfree(fresh);
		NL_SET_ERR_MSG(extack,
			       "too many static neighbour entries (neigh_max_entries)");
		return -ENOBUFS;
	}
	if (!n) {
		n = fresh;
		fresh = NULL;
		hlist_add_head_rcu(&n->node, neigh_bucket(tbl, cd, addr));
		tbl->nstatic++;
	} else if (n->counted) {
		n->counted = false;
		list_del_init(&n->gc_node);
		tbl->count--;
		tbl->nstatic++;
	}
	spin_lock(&n->lock);
	write_seqcount_begin(&n->seq);
	act = cnet_neigh_sm_set_permanent(&n->sm, jiffies);
	ether_addr_copy(n->lladdr, lladdr);
	write_seqcount_end(&n->seq);
	neigh_notify(n, CNET_CMD_NEIGH_ADD);
	/* a running handler waits for the lock, then sees PERMANENT */
	timer_delete(&n->timer);
	if (act == CNET_NA_FLUSH)
		neigh_take_queue(n, &q);
	spin_unlock(&n->lock);
	spin_unlock_bh(&tbl->lock);

	kfree(fresh);
	/* @n stays: only RTNL holders remove PERMANENT entries */
	neigh_xmit_queue(n, &q, lladdr);
	return 0;
}

/**
 * cnet_neigh_del - NEIGH_DEL: remove the entry for (@cd, @addr)
 * @cd: the device (caller holds RTNL)
 * @addr: the IPv4 address
 *
 * Return: 0 or -ENOENT.
 */
int cnet_neigh_del(struct cnet_dev *cd, __be32 addr)
{
	struct cnet_neigh_table *tbl = &cd->cn->neigh;
	struct cnet_neigh *n;

	spin_lock_bh(&tbl->lock);
	n = neigh_lookup(tbl, cd, addr);
	if (n)
		neigh_unlink(tbl, n);
	spin_unlock_bh(&tbl->lock);
	if (!n)
		return -ENOENT;
	neigh_release(n);
	return 0;
}

/**
 * cnet_neigh_confirm - an upper layer saw @addr alive (forward progress)
 * @cd: the device the neighbour is on
 * @addr: the neighbour's IPv4 address
 *
 * Lockless: like Linux's neigh_confirm(), it only writes the time, and
 * only when it changed, so a busy flow does not bounce the cache line.
 * Must be called within rcu_read_lock(); any context.
 */
void cnet_neigh_confirm(struct cnet_dev *cd, __be32 addr)
{
	struct cnet_neigh *n = neigh_lookup(&cd->cn->neigh, cd, addr);

	if (n)
		cnet_neigh_sm_confirm(&n->sm, jiffies);
}

struct gc_arg {
	const struct cnet_neigh_table *tbl;
	struct cnet_neigh_params p;
	unsigned long now;
	unsigned long min_gc_stale;	/* the shortest one met */
};

static bool neigh_match_gc(struct cnet_neigh *n, void *arg)
{
	struct gc_arg *ga = arg;
	struct cnet_neigh_params p = ga->p;
	bool ret;

	/* the entry's device's gc_stale (Linux's per-device gc_stale_time) */
	p.gc_stale = msecs_to_jiffies(cnet_neigh_dev_parm(ga->tbl, &n->cd->neigh,
							  CNET_NEIGH_DEV_GC_MS));
	ga->min_gc_stale = min(ga->min_gc_stale, p.gc_stale);
	spin_lock(&n->lock);
	ret = cnet_neigh_sm_collectable(&n->sm, ga->now, &p);
	spin_unlock(&n->lock);
	return ret;
}

static void neigh_gc_work(struct work_struct *work)
{
	struct cnet_neigh_table *tbl = container_of(to_delayed_work(work),
						    struct cnet_neigh_table,
						    gc_work);
	struct cnet_net *cn = container_of(tbl, struct cnet_net, neigh);
	struct gc_arg ga;
	unsigned long period;

	ga.tbl = tbl;
	cnet_neigh_params_get(tbl, NULL, &ga.p);
	ga.now = jiffies;
	ga.min_gc_stale = ga.p.gc_stale;
	neigh_remove_if(cn, neigh_match_gc, &ga);

	/*
	 * Run while there is anything to age, often enough for the timers:
	 * the namespace's, and those of the devices whose entries it met.
	 */
	period = clamp(ga.min_gc_stale / 4, msecs_to_jiffies(50), 5UL * HZ);
	if (READ_ONCE(tbl->count))
		queue_delayed_work(system_power_efficient_wq, &tbl->gc_work,
				   period);
}

/* Release the entries forced GC evicted (timer_shutdown_sync() may sleep). */
static void neigh_release_dead(struct cnet_neigh_table *tbl)
{
	struct cnet_neigh *n, *tmp;
	LIST_HEAD(dead);

	spin_lock_bh(&tbl->lock);
	list_splice_init(&tbl->dead, &dead);
	spin_unlock_bh(&tbl->lock);
	list_for_each_entry_safe(n, tmp, &dead, gc_node)
		neigh_release(n);
}

static void neigh_release_work(struct work_struct *work)
{
	neigh_release_dead(container_of(work, struct cnet_neigh_table,
					release_work));
}

void cnet_neigh_table_init(struct cnet_neigh_table *tbl)
{
	unsigned int i;

	tbl->reachable_ms = CNET_NEIGH_REACHABLE_MS_DEFAULT;
	tbl->retrans_ms = CNET_NEIGH_RETRANS_MS_DEFAULT;
	tbl->gc_ms = CNET_NEIGH_GC_MS_DEFAULT;
	tbl->delay_ms = CNET_NEIGH_DELAY_MS_DEFAULT;
	tbl->locktime_ms = CNET_NEIGH_LOCKTIME_MS_DEFAULT;
	tbl->max_probes = CNET_NEIGH_MAX_PROBES_DEFAULT;
	tbl->ucast_probes = CNET_NEIGH_UCAST_PROBES_DEFAULT;
	tbl->max_entries = CNET_NEIGH_MAX_ENTRIES_DEFAULT;
	tbl->queue_len = CNET_NEIGH_QUEUE_LEN_DEFAULT;
	tbl->queue_bytes = CNET_NEIGH_QUEUE_BYTES_DEFAULT;

	spin_lock_init(&tbl->lock);
	tbl->count = 0;
	tbl->nstatic = 0;
	INIT_LIST_HEAD(&tbl->gc_list);
	INIT_LIST_HEAD(&tbl->dead);
	INIT_WORK(&tbl->release_work, neigh_release_work);
	INIT_DELAYED_WORK(&tbl->gc_work, neigh_gc_work);
	for (i = 0; i < ARRAY_SIZE(tbl->buckets); i++)
		INIT_HLIST_HEAD(&tbl->buckets[i]);
}

/* Namespace exit, devices detached: stop the GC, remove every entry. */
void cnet_neigh_table_exit(struct cnet_net *cn)
{
	cancel_delayed_work_sync(&cn->neigh.gc_work);
	cancel_work_sync(&cn->neigh.release_work);
	neigh_remove_if(cn, neigh_match_dev, NULL);
	neigh_release_dead(&cn->neigh);
}

/**
 * cnet_neigh_walk - call @fn with a snapshot of each entry, from *@pos on
 * @cn: the namespace
 * @pos: cursor, 0 to start; updated
 * @fn: called for each entry, in an RCU read-side section
 * @arg: passed to @fn
 *
 * *@pos is a cursor (bucket << 16 | index in bucket) so a netlink dump can
 * resume. Stops and returns @fn's value when it is non-zero.
 */
int cnet_neigh_walk(struct cnet_net *cn, unsigned int *pos,
		    int (*fn)(const struct cnet_neigh_info *ni, void *arg),
		    void *arg)
{
	struct cnet_neigh_table *tbl = &cn->neigh;
	unsigned int b = *pos >> 16, skip = *pos & 0xffff, idx;
	struct cnet_neigh_info ni;
	struct cnet_neigh *n;
	int err = 0;

	rcu_read_lock();
	for (; b < ARRAY_SIZE(tbl->buckets); b++, skip = 0) {
		idx = 0;
		hlist_for_each_entry_rcu(n, &tbl->buckets[b], node) {
			if (idx++ < skip)
				continue;
			spin_lock_bh(&n->lock);
			neigh_snapshot(n, &ni);
			spin_unlock_bh(&n->lock);
			err = fn(&ni, arg);
			if (err) {
				*pos = b << 16 | (idx - 1);
				goto out;
			}
		}
	}
	*pos = b << 16;
out:
	rcu_read_unlock();
	return err;
}
