/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The neighbour (ARP) cache.
 *
 * An entry maps (device, IPv4 address) to a link-layer address and walks a
 * small state machine (RFC 1122 2.3.2.1; states as in Linux):
 *
 *   INCOMPLETE --reply--> REACHABLE --reachable time--> STALE
 *     |   ^                 ^    ^                        |
 *     |   |        reply or |    | confirmed within       | output (sent
 *     |   |         reply   |    | the delay time         | with the cached
 *     |   |                 |    |                        v  address)
 *     |   |               PROBE <-- delay time, --------- DELAY
 *     |   |                 |       unconfirmed
 *     |   |output           | neigh_ucast_probes unicast requests
 *     v   |                 v    unanswered
 *     FAILED <--------------+
 *     (after neigh_max_probes broadcast requests while INCOMPLETE)
 *
 * Packets go out with the cached address in STALE, DELAY and PROBE; only
 * INCOMPLETE queues them. The reachable time is drawn at each confirmation
 * in [0.5, 1.5) x neigh_reachable_ms, as Linux does. A confirmation is an
 * ARP reply we were waiting for (INCOMPLETE, DELAY, PROBE; an unsolicited
 * one only makes the entry STALE with its address), or an upper layer's
 * word (cnet_neigh_confirm(), e.g. TCP seeing new data acknowledged): the
 * latter only moves @confirmed forward and the timer acts on it in
 * REACHABLE and DELAY.
 *
 * For neigh_locktime_ms after an entry's address or state changed, ARP
 * naming another address is ignored but for a gratuitous ARP (Linux's
 * locktime).
 *
 * PERMANENT entries are made by the administrator (NEIGH_ADD): ARP input,
 * timers and garbage collection never change them, and they do not count
 * against neigh_max_entries: they have their own cap, of the same size.
 * They go with NEIGH_DEL, NEIGH_FLUSH with NEIGH_ALL, and when their device
 * goes down, is detached or unregistered (as Linux's arp_ifdown()).
 *
 * STALE and FAILED entries are garbage collected once unused for
 * neigh_gc_ms. When the table is full, those unchanged for 5 s (FAILED
 * ones at once) are evicted to make room (cnet_neigh_sm_evictable(), as
 * Linux's forced GC). The transitions are pure functions of (state, event, time)
 * in cnet_neigh_sm_*(), tested by KUnit; neigh.c adds timers, the pending
 * packet queue and the hash table around them.
 *
 * The neigh_* names above are the namespace's settings (`cnet conf`, the
 * net.cnet.* sysctls), kept in struct cnet_neigh_table.
 */
#ifndef _CNET_NEIGH_H
#define _CNET_NEIGH_H

#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>

struct cnet_dev;
struct cnet_net;

/*
 * Timing and bounds, in jiffies and counts: a copy of the settings of an
 * entry's device (struct cnet_neigh_dev_parms) or else its namespace's
 * (struct cnet_neigh_table), taken for one transition.
 */
struct cnet_neigh_params {
	unsigned long	reachable;	/* base REACHABLE time */
	unsigned long	retrans;	/* between requests (INCOMPLETE, PROBE) */
	unsigned long	gc_stale;	/* unused STALE/FAILED entries go */
	unsigned long	delay;		/* DELAY lasts this long */
	unsigned int	max_probes;	/* broadcast requests before FAILED */
	unsigned int	ucast_probes;	/* unicast requests in PROBE */
	unsigned long	locktime;	/* an address stays this long */
	unsigned long	gc_recent;	/* forced GC spares newer entries */
	u32		rnd;		/* random: picks the reachable time */
};

/* What the glue must do after a transition. */
enum cnet_neigh_action {
	CNET_NA_NONE,
	CNET_NA_SEND,		/* transmit with the cached address */
	CNET_NA_QUEUE,		/* hold the packet until resolved */
	CNET_NA_PROBE,		/* send a broadcast ARP request */
	CNET_NA_UCAST_PROBE,	/* send a unicast request to the cached address */
	CNET_NA_QUEUE_PROBE,	/* hold the packet, send a broadcast request */
	CNET_NA_FAIL,		/* failed: drop the queue, ICMP unreachable */
	CNET_NA_FLUSH,		/* resolved: send what is queued */
	CNET_NA_IGNORE,		/* ARP input ignored: keep the address */
};

struct cnet_neigh_sm {
	u8		state;		/* enum cnet_neigh_state */
	u8		probes;		/* requests sent in this round */
	unsigned long	confirmed;	/* jiffies of the last confirmation */
	unsigned long	updated;	/* jiffies of the last state change */
	unsigned long	reachable;	/* this round's reachable time */
};

unsigned long cnet_neigh_reachable_time(const struct cnet_neigh_params *p);
void cnet_neigh_sm_init(struct cnet_neigh_sm *sm, unsigned long now);
enum cnet_neigh_action cnet_neigh_sm_use(struct cnet_neigh_sm *sm,
					 unsigned long now,
					 const struct cnet_neigh_params *p,
					 unsigned long *next);
enum cnet_neigh_action cnet_neigh_sm_timer(struct cnet_neigh_sm *sm,
					   unsigned long now,
					   const struct cnet_neigh_params *p,
					   unsigned long *next);
enum cnet_neigh_action cnet_neigh_sm_update(struct cnet_neigh_sm *sm,
					    unsigned long now,
					    const struct cnet_neigh_params *p,
					    bool is_reply, bool lladdr_changed,
					    bool override);
void cnet_neigh_sm_confirm(struct cnet_neigh_sm *sm, unsigned long now);
enum cnet_neigh_action cnet_neigh_sm_set_permanent(struct cnet_neigh_sm *sm,
						   unsigned long now);
bool cnet_neigh_sm_sends(u8 state);
bool cnet_neigh_sm_collectable(const struct cnet_neigh_sm *sm,
			       unsigned long now,
			       const struct cnet_neigh_params *p);
bool cnet_neigh_sm_evictable(const struct cnet_neigh_sm *sm,
			     unsigned long now,
			     const struct cnet_neigh_params *p);

/**
 * struct cnet_neigh - one ARP cache entry
 * @node: in a table bucket (table lock for writers, RCU for readers)
 * @cd: the device; entries are removed before their device is freed
 * @addr: the IPv4 address
 * @counted: counts in the table's @count (dynamic entries); changed under
 *	the table lock only
 * @gc_node: a dynamic entry's place in the table's @gc_list, then, once
 *	evicted, in its @dead list (table lock)
 * @lock: protects every field below, but for @sm.confirmed, which
 *	cnet_neigh_confirm() also writes locklessly (WRITE_ONCE: a newer
 *	jiffies value); everything else reads it under @lock
 * @seq: writers of @sm.state, @lladdr and @dead bump it inside @lock, so
 *	that output can read the state and address of an entry that sends
 *	without taking @lock (cnet_neigh_output())
 * @sm: state machine
 * @dead: set when unlinked; nothing may be queued or armed afterwards
 * @lladdr: the link-layer address, valid in every state but INCOMPLETE
 *	and FAILED
 * @queue: packets waiting for resolution (bounded by neigh_queue_len
 *	and neigh_queue_bytes)
 * @queue_bytes: the truesize of what @queue holds
 * @timer: retransmission while INCOMPLETE, ageing while REACHABLE
 * @rcu: for freeing after readers are done
 */
struct cnet_neigh {
	struct hlist_node	node;
	struct cnet_dev		*cd;
	__be32			addr;
	bool			counted;
	struct list_head	gc_node;
	spinlock_t		lock;		/* see above */
	seqcount_spinlock_t	seq;		/* see above */
	struct cnet_neigh_sm	sm;
	bool			dead;
	u8			lladdr[ETH_ALEN];
	struct sk_buff_head	queue;
	unsigned int		queue_bytes;
	struct timer_list	timer;
	struct rcu_head		rcu;
};

#define CNET_NEIGH_HASH_BITS	9

/**
 * struct cnet_neigh_table - one namespace's ARP cache
 * @lock: protects bucket membership, @count, @nstatic, @gc_list and @dead
 *	(writers); readers use RCU
 * @count: dynamic entries in the table, at most @max_entries
 *	(PERMANENT ones are not counted)
 * @nstatic: PERMANENT entries, at most @max_entries too
 * @gc_list: the dynamic entries, oldest first; forced GC moves those it
 *	keeps to the tail
 * @dead: entries forced GC evicted, for @release_work to release
 * @release_work: releases @dead in process context
 * @gc_work: removes unused STALE and FAILED entries
 * @reachable_ms: an entry stays REACHABLE [0.5, 1.5) x this long after a
 *	confirmation (Linux's base_reachable_time_ms, 30000)
 * @retrans_ms: between requests while INCOMPLETE and in PROBE (Linux's
 *	retrans_time_ms, 1000)
 * @gc_ms: unused STALE and FAILED entries go after this long (Linux's
 *	gc_stale_time, 60 s)
 * @delay_ms: a STALE entry used waits this long in DELAY for a
 *	confirmation before it probes (Linux's delay_first_probe_time, 5 s)
 * @locktime_ms: an entry's address is not replaced this long after it
 *	changed, but by a gratuitous ARP (Linux's locktime, 1 s)
 * @max_probes: broadcast requests while INCOMPLETE before FAILED (Linux's
 *	mcast_solicit, 3); at most 255, the count is 8 bits
 * @ucast_probes: unicast requests in PROBE before FAILED (Linux's
 *	ucast_solicit, 3), at most 255 likewise
 * @max_entries: dynamic entries at most, and static ones at most (Linux's
 *	gc_thresh3, 1024)
 * @queue_len: packets an INCOMPLETE entry holds (16)
 * @queue_bytes: their truesize at most (Linux's unres_qlen_bytes, 212992)
 *
 * The settings, from @reachable_ms on, are written by netlink's CONF_SET
 * and the net.cnet.* sysctls and read locklessly with READ_ONCE(), each
 * on its own: a new value applies to the next transition, timer or
 * packet; a reachable time already drawn, or a timer already armed, stays.
 */
struct cnet_neigh_table {
	spinlock_t		lock;		/* see above */
	unsigned int		count;
	unsigned int		nstatic;
	struct list_head	gc_list;
	struct list_head	dead;
	struct work_struct	release_work;
	struct delayed_work	gc_work;
	struct hlist_head	buckets[1 << CNET_NEIGH_HASH_BITS];
	u32			reachable_ms;
	u32			retrans_ms;
	u32			gc_ms;
	u32			delay_ms;
	u32			locktime_ms;
	u32			max_probes;
	u32			ucast_probes;
	u32			max_entries;
	u32			queue_len;
	u32			queue_bytes;
};

/* The settings' defaults: Linux's for ARP (net.ipv4.neigh.default.*) */
#define CNET_NEIGH_REACHABLE_MS_DEFAULT	30000
#define CNET_NEIGH_RETRANS_MS_DEFAULT	1000
#define CNET_NEIGH_GC_MS_DEFAULT	60000
#define CNET_NEIGH_DELAY_MS_DEFAULT	5000
#define CNET_NEIGH_LOCKTIME_MS_DEFAULT	1000
#define CNET_NEIGH_MAX_PROBES_DEFAULT	3
#define CNET_NEIGH_UCAST_PROBES_DEFAULT	3
#define CNET_NEIGH_MAX_ENTRIES_DEFAULT	1024
#define CNET_NEIGH_QUEUE_LEN_DEFAULT	16
#define CNET_NEIGH_QUEUE_BYTES_DEFAULT	212992	/* SK_WMEM_MAX */

/*
 * Their ranges, shared by netlink's policy and the sysctls: Linux's
 * (times up to INT_MAX ms), but a time that would make a timer spin or an
 * entry never reachable is refused rather than clamped: retransmissions at
 * least 10 ms apart (Linux's timer floor, HZ/100), a reachable and a delay
 * time of at least 1 ms, at least one request; the request counts are kept
 * in 8 bits, so at most 255 (a wrapping count would never end).
 */
#define CNET_CONF_NEIGH_MS_MAX		INT_MAX
#define CNET_CONF_NEIGH_RETRANS_MS_MIN	10
#define CNET_CONF_NEIGH_PROBES_MAX	255
#define CNET_CONF_NEIGH_MAX		INT_MAX	/* entries, queue, bytes */

/*
 * The settings a device may have of its own, as Linux's
 * net.ipv4.neigh.DEV.* (all but the table's size, neigh_max_entries), by
 * index in struct cnet_neigh_dev_parms.
 */
enum cnet_neigh_dev_parm {
	CNET_NEIGH_DEV_REACHABLE_MS,
	CNET_NEIGH_DEV_RETRANS_MS,
	CNET_NEIGH_DEV_GC_MS,
	CNET_NEIGH_DEV_DELAY_MS,
	CNET_NEIGH_DEV_LOCKTIME_MS,
	CNET_NEIGH_DEV_MAX_PROBES,
	CNET_NEIGH_DEV_UCAST_PROBES,
	CNET_NEIGH_DEV_QUEUE_LEN,
	CNET_NEIGH_DEV_QUEUE_BYTES,
	CNET_NEIGH_DEV_N
};

/* Not set on the device: the namespace's value applies, whatever it is. */
#define CNET_NEIGH_DEV_INHERIT	U32_MAX

/**
 * struct cnet_neigh_dev_parms - a device's own neighbour settings
 * @v: by enum cnet_neigh_dev_parm, the device's value (in the range of
 *	the namespace's setting of the same name), or CNET_NEIGH_DEV_INHERIT
 *
 * As in Linux, a device's setting follows the namespace's until it is set
 * on the device, and from then on keeps its own value. Each is written
 * under RTNL (LINK_SET) and read with READ_ONCE() under no lock: one word,
 * either the old value or the new one. A write through the device's
 * sysctl (net.cnet.link.DEV.*) is LINK_SET's, under RTNL too.
 */
struct cnet_neigh_dev_parms {
	u32	v[CNET_NEIGH_DEV_N];
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
void cnet_neigh_table_exit(struct cnet_net *cn);
int cnet_neigh_output(struct cnet_dev *cd, __be32 nexthop,
		      struct sk_buff *skb);
void cnet_neigh_learn(struct cnet_dev *cd, __be32 addr, const u8 *lladdr,
		      bool is_reply, bool create, bool override);
int cnet_neigh_walk(struct cnet_net *cn, unsigned int *pos,
		    int (*fn)(const struct cnet_neigh_info *ni, void *arg),
		    void *arg);
void cnet_neigh_params_get(const struct cnet_neigh_table *tbl,
			   const struct cnet_neigh_dev_parms *dp,
			   struct cnet_neigh_params *p);
void cnet_neigh_dev_parms_init(struct cnet_neigh_dev_parms *dp);
u32 cnet_neigh_dev_parm(const struct cnet_neigh_table *tbl,
			const struct cnet_neigh_dev_parms *dp,
			enum cnet_neigh_dev_parm i);
size_t cnet_neigh_dev_parm_off(enum cnet_neigh_dev_parm i);
void cnet_neigh_confirm(struct cnet_dev *cd, __be32 addr);
int cnet_neigh_add_static(struct cnet_dev *cd, __be32 addr, const u8 *lladdr,
			  struct netlink_ext_ack *extack);
int cnet_neigh_del(struct cnet_dev *cd, __be32 addr);
void cnet_neigh_flush_all(struct cnet_net *cn, struct cnet_dev *cd);
void cnet_neigh_flush_dynamic(struct cnet_net *cn, struct cnet_dev *cd);

#endif /* _CNET_NEIGH_H */
