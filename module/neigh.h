/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The neighbour (ARP) cache.
 *
 * An entry maps (device, IPv4 address) to a link-layer address and walks a
 * small state machine (RFC 1122 2.3.2.1; states as in Linux):
 *
 *   INCOMPLETE --reply--> REACHABLE --reachable time--> STALE
 *        |                    ^                           |
 *        | max probes         +-------- reply ------------+
 *        v
 *     FAILED --output--> INCOMPLETE
 *
 * STALE and FAILED entries are garbage collected once unused for
 * neigh_gc_ms. The transitions are pure functions of (state, event, time)
 * in cnet_neigh_sm_*(), tested by KUnit; neigh.c adds timers, the pending
 * packet queue and the hash table around them.
 */
#ifndef _CNET_NEIGH_H
#define _CNET_NEIGH_H

#include <linux/if_ether.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct cnet_dev;
struct cnet_net;

/* Timing and bounds, in jiffies and counts; from the module parameters. */
struct cnet_neigh_params {
	unsigned long	reachable;	/* REACHABLE lasts this long */
	unsigned long	retrans;	/* between requests while INCOMPLETE */
	unsigned long	gc_stale;	/* unused STALE/FAILED entries go */
	unsigned int	max_probes;	/* requests before FAILED */
};

/* What the glue must do after a transition. */
enum cnet_neigh_action {
	CNET_NA_NONE,
	CNET_NA_SEND,		/* transmit with the cached address */
	CNET_NA_QUEUE,		/* hold the packet until resolved */
	CNET_NA_PROBE,		/* send a broadcast ARP request */
	CNET_NA_SEND_PROBE,	/* transmit, and send a unicast request */
	CNET_NA_QUEUE_PROBE,	/* hold the packet, send a broadcast request */
	CNET_NA_FAIL,		/* resolution failed: drop what is queued */
	CNET_NA_FLUSH,		/* resolved: send what is queued */
};

struct cnet_neigh_sm {
	u8		state;		/* enum cnet_neigh_state */
	u8		probes;		/* requests sent in this round */
	unsigned long	confirmed;	/* jiffies of the last confirmation */
	unsigned long	updated;	/* jiffies of the last state change */
};

void cnet_neigh_sm_init(struct cnet_neigh_sm *sm, unsigned long now);
enum cnet_neigh_action cnet_neigh_sm_use(struct cnet_neigh_sm *sm,
					 unsigned long now);
enum cnet_neigh_action cnet_neigh_sm_timer(struct cnet_neigh_sm *sm,
					   unsigned long now,
					   const struct cnet_neigh_params *p,
					   unsigned long *next);
enum cnet_neigh_action cnet_neigh_sm_update(struct cnet_neigh_sm *sm,
					    unsigned long now, bool is_reply,
					    bool lladdr_changed);
bool cnet_neigh_sm_collectable(const struct cnet_neigh_sm *sm,
			       unsigned long now,
			       const struct cnet_neigh_params *p);

/**
 * struct cnet_neigh - one ARP cache entry
 * @node: in a table bucket (table lock for writers, RCU for readers)
 * @cd: the device; entries are removed before their device is freed
 * @addr: the IPv4 address
 * @lock: protects every field below
 * @sm: state machine
 * @dead: set when unlinked; nothing may be queued or armed afterwards
 * @lladdr: the link-layer address, valid in REACHABLE and STALE
 * @queue: packets waiting for resolution (bounded by neigh_queue_len)
 * @timer: retransmission while INCOMPLETE, ageing while REACHABLE
 * @rcu: for freeing after readers are done
 */
struct cnet_neigh {
	struct hlist_node	node;
	struct cnet_dev		*cd;
	__be32			addr;
	spinlock_t		lock;		/* see above */
	struct cnet_neigh_sm	sm;
	bool			dead;
	u8			lladdr[ETH_ALEN];
	struct sk_buff_head	queue;
	struct timer_list	timer;
	struct rcu_head		rcu;
};

#define CNET_NEIGH_HASH_BITS	9

/**
 * struct cnet_neigh_table - one namespace's ARP cache
 * @lock: protects bucket membership and @count (writers); readers use RCU
 * @count: entries in the table, at most neigh_max_entries
 * @gc_work: removes unused STALE and FAILED entries
 */
struct cnet_neigh_table {
	spinlock_t		lock;		/* see above */
	unsigned int		count;
	struct delayed_work	gc_work;
	struct hlist_head	buckets[1 << CNET_NEIGH_HASH_BITS];
};

/* A consistent copy of an entry, for the netlink dump. */
struct cnet_neigh_info {
	int		ifindex;
	__be32		addr;
	u8		state;
	u8		lladdr[ETH_ALEN];
	u32		age_ms;
	u32		qlen;
};

void cnet_neigh_table_init(struct cnet_neigh_table *tbl);
void cnet_neigh_table_flush(struct cnet_net *cn, struct cnet_dev *cd);
int cnet_neigh_output(struct cnet_dev *cd, __be32 nexthop,
		      struct sk_buff *skb);
void cnet_neigh_learn(struct cnet_dev *cd, __be32 addr, const u8 *lladdr,
		      bool is_reply, bool create);
int cnet_neigh_walk(struct cnet_net *cn, unsigned int *pos,
		    int (*fn)(const struct cnet_neigh_info *ni, void *arg),
		    void *arg);
void cnet_neigh_params_get(struct cnet_neigh_params *p);

#endif /* _CNET_NEIGH_H */
