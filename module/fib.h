/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv4 forwarding information base (FIB): one routing table per network
 * namespace, longest-prefix match over /0 to /32.
 *
 * Structure: a multibit trie with 6-bit strides. An address is read as a
 * 36-bit key (the 32 address bits followed by 4 zero bits), so there are
 * six levels of 6 bits; the last level only ever sees its top 2 bits. A node
 * at depth d has 64 slots, one per value of key bits [6d, 6d + 6), and holds
 * the prefixes whose length is in (6d, 6d + 6] (the root also holds /0): a
 * prefix of length 6d + l covers 2^(6 - l) consecutive slots of its node.
 * A node is one allocation:
 *
 *	kidmap		bit s set: slot s has a child node
 *	leafmap		bit s set: a run of equal leaves starts at slot s
 *	pfxmap		which of the 127 possible prefixes of the node exist
 *	slot[]		child pointers, then leaves, then prefix heads, each
 *			array compressed: entry i of a map is at the number of
 *			bits set below it (popcount)
 *
 * Each slot has a leaf: the best route of the longest prefix *of this node*
 * covering the slot, or NULL. Leaves are not pushed into child nodes, so a
 * prefix lives in exactly one node and an update rebuilds only that node (and
 * its parent when a child is created or removed), whatever the prefix length.
 * A lookup walks down while there is a child for the address (at most 6
 * nodes; 4 for an address under a /24), then takes the leaf of the deepest
 * node, going back up the path only while leaves are NULL. It touches no
 * lock and no atomic, and its cost does not depend on the number of routes.
 *
 * Routes of one prefix form a list sorted by metric; the node points at its
 * head (the best route), which is what leaves point at.
 *
 * Updates are copy-on-write: a changed node is rebuilt aside and published
 * with rcu_assign_pointer() in its parent's child slot (or as the root); the
 * old one is freed with kfree_rcu(). Published nodes never change, except
 * for their child pointers, which are swapped whole. A reader sees either
 * the old or the new node, never a half-built one. When an allocation fails
 * while adding, the table is left as it was. Deleting never grows a node, and
 * a node takes at most 2096 bytes (an order-0 page), so deletions allocate
 * with __GFP_NOFAIL and cannot fail.
 *
 * Memory: an empty table is struct cnet_fib alone, 32 bytes (the root is
 * NULL); one with a default route, a /8 and a /24 takes 704. A route takes
 * 64 bytes (48, rounded up by the slab), a node 56 plus 8 per child, leaf
 * run and prefix, also rounded up. Measured with cnet_fib_mem() on the
 * internet-like random tables of fib_bench.c: 253 bytes per route at 1k
 * prefixes, 160 at 100k, 111 at 1M, route included. Sparse tables cost
 * more as each prefix needs its own chain of nodes; dense ones share them.
 *
 * Locking: writers (add, del, flush_dev, destroy) must be serialized by the
 * caller (RTNL in cnet) and may sleep. Readers (lookup, walk) need only
 * rcu_read_lock(); a route they get stays valid until rcu_read_unlock().
 *
 * Generation: every change that succeeds bumps the table's generation
 * (cnet_fib_genid()) once it is published and before any route it
 * replaced or deleted is freed, so that a route kept beyond a lookup (a
 * cached result, route.c) is used only while the generation it was found
 * at is current, and a reader that still sees that generation inside its
 * RCU read-side section is one the route's grace period waits for.
 */
#ifndef _CNET_FIB_H
#define _CNET_FIB_H

#include <linux/atomic.h>
#include <linux/netlink.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include <linux/cnet.h>

/**
 * struct cnet_route - one route
 * @dst: prefix, network order, host bits zero
 * @plen: prefix length, 0..32
 * @type: enum cnet_rt_type
 * @scope: enum cnet_rt_scope
 * @proto: enum cnet_rt_proto, who made it (shown, not interpreted)
 * @metric: among routes to the same prefix, the lowest wins
 * @gw: next hop, 0 for link scope and non-unicast types
 * @ifindex: outgoing device, 0 for non-unicast types
 * @prefsrc: preferred source address, 0 for none
 * @next: private: the next route of the same prefix, higher metric
 * @rcu: private: for kfree_rcu()
 *
 * A route's identity is (@dst, @plen, @metric): there is at most one route
 * with a given identity. Routes in the table never change; replacing one
 * publishes a new object.
 */
struct cnet_route {
	__be32			dst;
	u8			plen;
	u8			type;
	u8			scope;
	u8			proto;
	u32			metric;
	__be32			gw;
	int			ifindex;
	__be32			prefsrc;
	/* private: */
	struct cnet_route __rcu	*next;
	struct rcu_head		rcu;
};

struct cnet_fib_node;

/**
 * struct cnet_fib - a routing table
 * @root: the root node, NULL when the table is empty
 * @nroutes: number of routes
 * @nprefixes: number of distinct (dst, plen)
 * @mem: bytes allocated for nodes and routes (slab sizes)
 * @genid: the generation, see above; its user may bump it for changes
 *	outside the table that invalidate what lookups led to
 *	(cnet_fib_changed())
 *
 * The counters are written by writers only; read them under the writers'
 * lock, or with READ_ONCE() for an approximate value.
 */
struct cnet_fib {
	struct cnet_fib_node __rcu	*root;
	unsigned int			nroutes;
	unsigned int			nprefixes;
	size_t				mem;
	atomic_t			genid;
};

/* cnet_fib_add() flags, like NLM_F_CREATE, NLM_F_EXCL and NLM_F_REPLACE */
#define CNET_FIB_F_CREATE	0x1	/* with REPLACE: create if missing */
#define CNET_FIB_F_EXCL		0x2	/* fail if the route exists */
#define CNET_FIB_F_REPLACE	0x4	/* replace the route with the identity */

/**
 * struct cnet_fib_cursor - where a walk resumes
 * @key: destination of the last route visited, host order
 * @metric: metric of the last route visited
 * @plen: prefix length of the last route visited
 * @started: false before the first route; the cursor is then "before all"
 *
 * Routes are walked in the order of (dst, plen, metric), dst as a host-order
 * number, so the cursor is just the last key visited: 12 bytes, to keep in
 * a netlink dump's callback context between calls.
 */
struct cnet_fib_cursor {
	u32	key;
	u32	metric;
	u8	plen;
	bool	started;
};

int cnet_fib_init(struct cnet_fib *fib);
void cnet_fib_destroy(struct cnet_fib *fib);
int cnet_fib_add(struct cnet_fib *fib, const struct cnet_route *cfg,
		 unsigned int flags, struct netlink_ext_ack *extack);
int cnet_fib_del(struct cnet_fib *fib, const struct cnet_route *match,
		 struct cnet_route *deleted, struct netlink_ext_ack *extack);
unsigned int cnet_fib_flush_dev(struct cnet_fib *fib, int ifindex);
const struct cnet_route *cnet_fib_lookup(const struct cnet_fib *fib,
					 __be32 daddr);
int cnet_fib_walk(const struct cnet_fib *fib, struct cnet_fib_cursor *cur,
		  int (*fn)(const struct cnet_route *rt, void *arg), void *arg);
size_t cnet_fib_mem(const struct cnet_fib *fib);

/*
 * Bump the generation: after the change is visible to readers (the
 * barrier orders it before the increment), before what it replaced is
 * freed. Writer side.
 */
static inline void cnet_fib_changed(struct cnet_fib *fib)
{
	/* the change before the new generation; pairs with cnet_fib_genid() */
	smp_mb__before_atomic();
	atomic_inc(&fib->genid);
}

/*
 * The generation, read before a lookup whose result is kept: a reader that
 * sees a bump also sees the change it follows. Any context.
 */
static inline u32 cnet_fib_genid(const struct cnet_fib *fib)
{
	return (u32)atomic_read_acquire(&fib->genid);
}

static inline void cnet_fib_cursor_init(struct cnet_fib_cursor *cur)
{
	*cur = (struct cnet_fib_cursor){};
}

#if IS_ENABLED(CONFIG_KUNIT)
/* The allocator of nodes and routes, for tests to make it fail. */
void *cnet_fib_alloc(size_t size, gfp_t gfp);
#endif

/* fib_bench.c: the debugfs benchmark, see there */
#if IS_ENABLED(CONFIG_DEBUG_FS)
void cnet_fib_bench_init(void);
void cnet_fib_bench_exit(void);
#else
static inline void cnet_fib_bench_init(void) {}
static inline void cnet_fib_bench_exit(void) {}
#endif

#endif /* _CNET_FIB_H */
