// SPDX-License-Identifier: GPL-2.0
/*
 * Path MTU discovery (RFC 1191): the per-namespace cache of path MTUs
 * learned from ICMP fragmentation needed, and what output and `cnet route
 * get` read from it.
 *
 * A frag needed about a datagram we sent (icmp.c, before the error goes
 * to the sockets) lowers the path MTU to its destination, by the rules of
 * cnet_pmtu_update() (ip_hdr.c, pure: as Linux's __ip_rt_update_pmtu()).
 * Output looks the destination up for every datagram (one hash, one short
 * chain under RCU; nothing when the cache is empty), so a sender uses what
 * was learned from its next datagram on. An entry holds ten minutes (as
 * Linux's ip_rt_mtu_expires), then the device MTU is tried again.
 *
 * Locking: writers take the cache's lock (from softirq: the ICMP input;
 * from process context: namespace exit); readers hold RCU.
 */
#include <linux/slab.h>

#include "cnet.h"

void cnet_pmtu_init(struct cnet_pmtu_cache *c)
{
	unsigned int i;

	spin_lock_init(&c->lock);
	get_random_bytes(&c->key, sizeof(c->key));
	c->count = 0;
	for (i = 0; i < ARRAY_SIZE(c->hash); i++)
		INIT_HLIST_HEAD(&c->hash[i]);
}

/* Forget every entry. */
void cnet_pmtu_flush(struct cnet_pmtu_cache *c)
{
	struct cnet_pmtu_entry *e;
	struct hlist_node *tmp;
	unsigned int i;

	spin_lock_bh(&c->lock);
	for (i = 0; i < ARRAY_SIZE(c->hash); i++) {
		hlist_for_each_entry_safe(e, tmp, &c->hash[i], node) {
			hlist_del_rcu(&e->node);
			kfree_rcu(e, rcu);
		}
	}
	c->count = 0;
	spin_unlock_bh(&c->lock);
}

/* Nothing can learn or look up any more (namespace exit). */
void cnet_pmtu_destroy(struct cnet_pmtu_cache *c)
{
	cnet_pmtu_flush(c);
}

static struct hlist_head *cnet_pmtu_chain(struct cnet_pmtu_cache *c,
					  __be32 daddr)
{
	return &c->hash[siphash_1u32((__force u32)daddr, &c->key) &
			(ARRAY_SIZE(c->hash) - 1)];
}

/**
 * cnet_pmtu_learn - a router reported the MTU of the path to @daddr
 * @c: the cache
 * @daddr: the destination of the datagram it refused
 * @dev_mtu: the MTU of the device our route to @daddr leaves by
 * @reported: the MTU it reported (a guess from cnet_pmtu_plateau() if it
 *	reported none)
 * @now: jiffies (a test's clock)
 *
 * A new destination in a full chain takes the place of the entry that
 * expires first (an expired one, if any). Any context.
 */
enum cnet_pmtu_learned cnet_pmtu_learn(struct cnet_pmtu_cache *c,
				       __be32 daddr, unsigned int dev_mtu,
				       unsigned int reported,
				       unsigned long now)
{
	unsigned long expiry = CNET_PMTU_EXPIRES_SEC * HZ;
	struct hlist_head *head = cnet_pmtu_chain(c, daddr);
	enum cnet_pmtu_learned ret = CNET_PMTU_LEARNED;
	struct cnet_pmtu_entry *e, *oldest = NULL;
	struct cnet_pmtu_state st = {};
	unsigned int depth = 0;

	spin_lock_bh(&c->lock);
	hlist_for_each_entry(e, head, node) {
		if (e->daddr == daddr)
			goto found;
		if (!oldest || time_before(e->st.expires, oldest->st.expires))
			oldest = e;
		depth++;
	}
	if (!cnet_pmtu_update(&st, dev_mtu, reported, now, expiry)) {
		ret = CNET_PMTU_IGNORED;
		goto out;
	}
	if (depth >= CNET_PMTU_DEPTH) {
		hlist_del_rcu(&oldest->node);
		kfree_rcu(oldest, rcu);
		c->count--;
		ret = CNET_PMTU_EVICTED;
	}
	e = kzalloc(sizeof(*e), GFP_ATOMIC);
	if (!e) {
		ret = CNET_PMTU_NOMEM;
		goto out;
	}
	e->daddr = daddr;
	e->st = st;
	hlist_add_head_rcu(&e->node, head);
	c->count++;
	goto out;
found:
	st = e->st;
	if (!cnet_pmtu_update(&st, dev_mtu, reported, now, expiry)) {
		ret = CNET_PMTU_IGNORED;
		goto out;
	}
	WRITE_ONCE(e->st.expires, st.expires);
	WRITE_ONCE(e->st.locked, st.locked);
	WRITE_ONCE(e->st.mtu, st.mtu);
out:
	spin_unlock_bh(&c->lock);
	return ret;
}

/**
 * cnet_pmtu_get - the path MTU learned for @daddr
 * @c: the cache
 * @daddr: the destination
 * @dev_mtu: the MTU of the device the route to @daddr leaves by
 * @now: jiffies
 * @locked: set when it was reported below CNET_PMTU_MIN (no DF)
 *
 * Caller holds RCU.
 *
 * Return: the path MTU (no more than @dev_mtu), 0 when none holds.
 */
unsigned int cnet_pmtu_get(struct cnet_pmtu_cache *c, __be32 daddr,
			   unsigned int dev_mtu, unsigned long now,
			   bool *locked)
{
	struct cnet_pmtu_entry *e;
	struct cnet_pmtu_state st;

	*locked = false;
	if (!READ_ONCE(c->count))
		return 0;
	hlist_for_each_entry_rcu(e, cnet_pmtu_chain(c, daddr), node) {
		if (e->daddr != daddr)
			continue;
		st.mtu = READ_ONCE(e->st.mtu);
		st.locked = READ_ONCE(e->st.locked);
		st.expires = READ_ONCE(e->st.expires);
		if (!cnet_pmtu_valid(&st, now))
			return 0;
		return cnet_pmtu_effective(&st, dev_mtu, now, locked);
	}
	return 0;
}

/**
 * cnet_route_mtu - the MTU a datagram to @daddr must fit, by its route
 * @cn: the namespace
 * @res: the route to @daddr
 * @daddr: the destination
 * @path_mtu: set to the path MTU: the one learned, else the device's
 * @locked: set when the one learned was reported below CNET_PMTU_MIN
 *
 * Local delivery never meets a device's MTU: it has the largest a
 * datagram can use (Linux's lo has 65536). Caller holds RCU.
 *
 * Return: the device MTU.
 */
unsigned int cnet_route_mtu(struct cnet_net *cn, const struct cnet_rt_res *res,
			    __be32 daddr, unsigned int *path_mtu,
			    bool *locked)
{
	unsigned int dev_mtu, mtu;

	*locked = false;
	if (res->type == CNET_RT_LOCAL) {
		*path_mtu = CNET_IP_MAX_MTU;
		return CNET_IP_MAX_MTU;
	}
	dev_mtu = READ_ONCE(res->cd->dev->mtu);
	mtu = cnet_pmtu_get(&cn->pmtu, daddr, dev_mtu, jiffies, locked);
	*path_mtu = mtu ?: dev_mtu;
	return dev_mtu;
}

/**
 * cnet_route_path_mtu - the path MTU to @daddr by its route
 * @cn: the namespace
 * @res: the route to @daddr
 * @daddr: the destination
 *
 * What a segment that may not be fragmented must fit (TCP, IP_MTU): the
 * MTU learned, else the device's (cnet_route_mtu()). Caller holds RCU.
 */
unsigned int cnet_route_path_mtu(struct cnet_net *cn,
				 const struct cnet_rt_res *res, __be32 daddr)
{
	unsigned int path_mtu;
	bool locked;

	cnet_route_mtu(cn, res, daddr, &path_mtu, &locked);
	return path_mtu;
}

/**
 * cnet_pmtu_frag_needed - learn from a fragmentation needed we received
 * @cn: the namespace
 * @icmph: the ICMP header; the quoted IPv4 header follows, linear
 * @e: the error, parsed
 *
 * Only about a datagram we sent (its quoted source is ours), to a
 * destination we route to by a device. Called from ICMP input before the
 * error goes to the sockets, so they see the new MTU at once (IP_MTU).
 */
void cnet_pmtu_frag_needed(struct cnet_net *cn, const struct icmphdr *icmph,
			   const struct cnet_icmp_err *e)
{
	const struct iphdr *qiph = (const struct iphdr *)(icmph + 1);
	unsigned int mtu = ntohs(icmph->un.frag.mtu);
	struct cnet_rt_res res;

	rcu_read_lock();
	if (!cnet_ip_is_local(cn, e->saddr) ||
	    cnet_route_output(cn, e->daddr, 0, &res) ||
	    res.type == CNET_RT_LOCAL) {
		cnet_inc(cn, CNET_STAT_IP_PMTU_IGNORED);
		goto out;
	}
	/* RFC 1191 5: a router that does not say gets a guess */
	if (mtu < CNET_IP_MIN_MTU)
		mtu = cnet_pmtu_plateau(ntohs(qiph->tot_len));
	switch (cnet_pmtu_learn(&cn->pmtu, e->daddr, READ_ONCE(res.cd->dev->mtu),
				mtu, jiffies)) {
	case CNET_PMTU_IGNORED:
		cnet_inc(cn, CNET_STAT_IP_PMTU_IGNORED);
		break;
	case CNET_PMTU_EVICTED:
		cnet_inc(cn, CNET_STAT_IP_PMTU_EVICTED);
		fallthrough;
	case CNET_PMTU_LEARNED:
		cnet_inc(cn, CNET_STAT_IP_PMTU_LEARNED);
		break;
	case CNET_PMTU_NOMEM:
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		break;
	}
out:
	rcu_read_unlock();
}
