/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The path MTU cache (RFC 1191): per namespace, per destination, what
 * ICMP fragmentation needed taught us (pmtu.c). The rules of one entry
 * are pure (cnet_pmtu_update() and friends, ip_hdr.c).
 */
#ifndef _CNET_PMTU_H
#define _CNET_PMTU_H

#include <linux/rcupdate.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "ip_hdr.h"

#define CNET_PMTU_HASH_BITS	8
/*
 * Entries a chain holds before the one that expires first makes room: the
 * cache holds at most CNET_PMTU_DEPTH << CNET_PMTU_HASH_BITS entries
 * (2048), whatever arrives, and a new entry costs O(CNET_PMTU_DEPTH).
 */
#define CNET_PMTU_DEPTH		8

/**
 * struct cnet_pmtu_entry - the path MTU to one destination
 * @node: in its chain of cnet_pmtu_cache.hash
 * @daddr: the destination
 * @st: what was learned; its fields are written under the cache's lock
 *	with WRITE_ONCE() and read under RCU with READ_ONCE()
 * @rcu: for freeing after readers are done
 */
struct cnet_pmtu_entry {
	struct hlist_node	node;
	__be32			daddr;
	struct cnet_pmtu_state	st;
	struct rcu_head		rcu;
};

/**
 * struct cnet_pmtu_cache - a namespace's path MTUs
 * @lock: protects the chains (writers) and @count
 * @key: the secret of the hash, so that nobody can fill one chain on
 *	purpose
 * @count: entries
 * @hash: struct cnet_pmtu_entry by destination (RCU readers)
 *
 * Entries expire lazily: an expired one is ignored by readers and reused
 * or reclaimed by the next learning in its chain; memory stays bounded by
 * CNET_PMTU_DEPTH per chain.
 */
struct cnet_pmtu_cache {
	spinlock_t		lock;	/* see above */
	siphash_key_t		key;
	unsigned int		count;
	struct hlist_head	hash[1 << CNET_PMTU_HASH_BITS];
};

/* What learning did (cnet_pmtu_learn()) */
enum cnet_pmtu_learned {
	CNET_PMTU_IGNORED,	/* the rules said no (higher, or locked) */
	CNET_PMTU_LEARNED,	/* the entry is new or changed */
	CNET_PMTU_EVICTED,	/* learned, and an older entry made room */
	CNET_PMTU_NOMEM,
};

void cnet_pmtu_init(struct cnet_pmtu_cache *c);
void cnet_pmtu_destroy(struct cnet_pmtu_cache *c);
enum cnet_pmtu_learned cnet_pmtu_learn(struct cnet_pmtu_cache *c,
				       __be32 daddr, unsigned int dev_mtu,
				       unsigned int reported,
				       unsigned long now);
unsigned int cnet_pmtu_get(struct cnet_pmtu_cache *c, __be32 daddr,
			   unsigned int dev_mtu, unsigned long now,
			   bool *locked);
void cnet_pmtu_flush(struct cnet_pmtu_cache *c);

#endif /* _CNET_PMTU_H */
