// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 FIB: a multibit trie with 6-bit strides, popcount-compressed
 * nodes and copy-on-write updates under RCU. See fib.h for the layout, the
 * rules and the costs.
 */
#include <kunit/static_stub.h>
#include <kunit/visibility.h>
#include <linux/bitops.h>
#include <linux/overflow.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "fib.h"
#include "ip_hdr.h"

#define FIB_BITS	6
#define FIB_SLOTS	64		/* 1 << FIB_BITS */
#define FIB_LEVELS	6		/* 6 * 6 = 36 key bits */
#define FIB_NO_PREFIX	0xff		/* in fib_node_build()'s best[] */

union cnet_fib_slot {
	struct cnet_fib_node __rcu	*kid;
	struct cnet_route		*rt;
};

/*
 * The fields a lookup reads come first. slot[] holds nkid child pointers,
 * then nleaf leaves, then npfx prefix heads (in the order of their
 * positions). A prefix of relative length l (0..6; 0 only in the root) and
 * value v (its l bits below the node's depth) has position 2^l - 1 + v.
 */
struct cnet_fib_node {
	u64			kidmap;
	u64			leafmap;
	u8			nkid;
	u8			nleaf;
	u8			npfx;
	u64			pfxmap[2];
	struct rcu_head		rcu;
	union cnet_fib_slot	slot[];
};

/* Writers are serialized by the caller (see fib.h), which lockdep cannot
 * see from here.
 */
#define fib_wderef(p)	rcu_dereference_protected(p, true)

/* The lookup key: the address in host order, followed by 4 zero bits. */
static __always_inline u64 fib_key(__be32 addr)
{
	return (u64)ntohl(addr) << 4;
}

static __always_inline unsigned int fib_slot(u64 key, unsigned int depth)
{
	return (key >> (30 - FIB_BITS * depth)) & (FIB_SLOTS - 1);
}

/* Depth of the node that holds the prefixes of length @plen */
static inline unsigned int fib_depth(unsigned int plen)
{
	return plen ? (plen - 1) / FIB_BITS : 0;
}

static inline unsigned int fib_pos(u64 key, unsigned int plen)
{
	unsigned int depth = fib_depth(plen);
	unsigned int l = plen - FIB_BITS * depth;
	unsigned int v = (key >> (36 - FIB_BITS * depth - l)) & ((1U << l) - 1);

	return (1U << l) - 1 + v;
}

/* The first slot a prefix position covers */
static inline unsigned int fib_pos_start(unsigned int pos)
{
	unsigned int l = fls(pos + 1) - 1;

	return (pos + 1 - (1U << l)) << (FIB_BITS - l);
}

/* Number of bits set in @map below @bit */
static __always_inline unsigned int fib_rank(u64 map, unsigned int bit)
{
	return hweight64(map & (BIT_ULL(bit) - 1));
}

static inline bool fib_pfx_test(const u64 *map, unsigned int pos)
{
	return map[pos / 64] & BIT_ULL(pos % 64);
}

static inline unsigned int fib_pfx_rank(const u64 *map, unsigned int pos)
{
	if (pos < 64)
		return fib_rank(map[0], pos);
	return hweight64(map[0]) + fib_rank(map[1], pos - 64);
}

static inline union cnet_fib_slot *fib_leaves(const struct cnet_fib_node *n)
{
	return (union cnet_fib_slot *)n->slot + n->nkid;
}

static inline union cnet_fib_slot *fib_pfx(const struct cnet_fib_node *n)
{
	return (union cnet_fib_slot *)n->slot + n->nkid + n->nleaf;
}

static inline struct cnet_route *fib_pfx_head(const struct cnet_fib_node *n,
					      unsigned int pos)
{
	return fib_pfx(n)[fib_pfx_rank(n->pfxmap, pos)].rt;
}

/*
 * All node and route memory comes from here, so that tests can make it
 * fail (KUnit static stub; nothing when CONFIG_KUNIT is off). Callers pass
 * GFP_KERNEL_ACCOUNT: routes are added by whoever holds CAP_NET_ADMIN in
 * the namespace, an unprivileged user in their own user namespace too, so
 * the memory is charged to their memory cgroup, not to the host.
 */
VISIBLE_IF_KUNIT void *cnet_fib_alloc(size_t size, gfp_t gfp)
{
	KUNIT_STATIC_STUB_REDIRECT(cnet_fib_alloc, size, gfp);
	return kmalloc(size, gfp);
}

static size_t fib_node_bytes(unsigned int nslots)
{
	return kmalloc_size_roundup(struct_size_t(struct cnet_fib_node, slot,
						  nslots));
}

static size_t fib_node_mem(const struct cnet_fib_node *n)
{
	return fib_node_bytes(n->nkid + n->nleaf + n->npfx);
}

static void fib_node_free(struct cnet_fib *fib, struct cnet_fib_node *n)
{
	fib->mem -= fib_node_mem(n);
	kfree_rcu(n, rcu);
}

static void fib_route_free(struct cnet_fib *fib, struct cnet_route *rt)
{
	fib->mem -= kmalloc_size_roundup(sizeof(*rt));
	kfree_rcu(rt, rcu);
}

/*
 * A change to one node: the prefix at @pos gets head @head (NULL: the
 * prefix goes), the child at @slot becomes @kid (NULL: the child goes).
 * A negative @pos or @slot leaves that part alone.
 */
struct fib_edit {
	int			pos;
	struct cnet_route	*head;
	int			slot;
	struct cnet_fib_node	*kid;
};

static void fib_edit_maps(const struct cnet_fib_node *old,
			  const struct fib_edit *e, u64 *kidmap, u64 *pfxmap)
{
	*kidmap = old ? old->kidmap : 0;
	pfxmap[0] = old ? old->pfxmap[0] : 0;
	pfxmap[1] = old ? old->pfxmap[1] : 0;
	if (e->slot >= 0) {
		if (e->kid)
			*kidmap |= BIT_ULL(e->slot);
		else
			*kidmap &= ~BIT_ULL(e->slot);
	}
	if (e->pos >= 0) {
		if (e->head)
			pfxmap[e->pos / 64] |= BIT_ULL(e->pos % 64);
		else
			pfxmap[e->pos / 64] &= ~BIT_ULL(e->pos % 64);
	}
}

/* Position of the longest prefix of the node covering @slot */
static unsigned int fib_best_pos(const u64 *pfxmap, unsigned int slot)
{
	int l;

	for (l = FIB_BITS; l >= 0; l--) {
		unsigned int pos = (1U << l) - 1 + (slot >> (FIB_BITS - l));

		if (fib_pfx_test(pfxmap, pos))
			return pos;
	}
	return FIB_NO_PREFIX;
}

/*
 * A new node: @old (NULL for none) with edit @e applied. Its memory is
 * counted in @fib; it is not published.
 */
static struct cnet_fib_node *fib_node_build(struct cnet_fib *fib,
					    const struct cnet_fib_node *old,
					    const struct fib_edit *e,
					    gfp_t gfp)
{
	union cnet_fib_slot *pfx, *leaves;
	unsigned int nkid, nleaf, npfx, s, w, i;
	u64 kidmap, pfxmap[2], leafmap = 0, m;
	u8 best[FIB_SLOTS];
	struct cnet_fib_node *n;
	size_t size;

	fib_edit_maps(old, e, &kidmap, pfxmap);
	for (s = 0; s < FIB_SLOTS; s++) {
		best[s] = fib_best_pos(pfxmap, s);
		if (!s || best[s] != best[s - 1])
			leafmap |= BIT_ULL(s);
	}
	nkid = hweight64(kidmap);
	nleaf = hweight64(leafmap);
	npfx = hweight64(pfxmap[0]) + hweight64(pfxmap[1]);

	size = struct_size(n, slot, nkid + nleaf + npfx);
	n = cnet_fib_alloc(size, gfp);
	if (!n)
		return NULL;
	fib->mem += kmalloc_size_roundup(size);
	n->kidmap = kidmap;
	n->leafmap = leafmap;
	n->nkid = nkid;
	n->nleaf = nleaf;
	n->npfx = npfx;
	n->pfxmap[0] = pfxmap[0];
	n->pfxmap[1] = pfxmap[1];

	i = 0;
	for (m = kidmap; m; m &= m - 1) {
		struct cnet_fib_node *kid;

		s = __ffs64(m);
		if (s == e->slot)
			kid = e->kid;
		else
			kid = fib_wderef(old->slot[fib_rank(old->kidmap, s)].kid);
		RCU_INIT_POINTER(n->slot[i++].kid, kid);
	}

	pfx = fib_pfx(n);
	i = 0;
	for (w = 0; w < 2; w++) {
		for (m = pfxmap[w]; m; m &= m - 1) {
			unsigned int pos = w * 64 + __ffs64(m);

			if (pos == e->pos)
				pfx[i++].rt = e->head;
			else
				pfx[i++].rt = fib_pfx_head(old, pos);
		}
	}

	leaves = fib_leaves(n);
	i = 0;
	for (m = leafmap; m; m &= m - 1) {
		s = __ffs64(m);
		if (best[s] == FIB_NO_PREFIX)
			leaves[i++].rt = NULL;
		else
			leaves[i++].rt = fib_pfx_head(n, best[s]);
	}
	return n;
}

/* Free nodes that were never published: a chain of single children. */
static void fib_chain_free(struct cnet_fib *fib, struct cnet_fib_node *n)
{
	while (n) {
		struct cnet_fib_node *kid;

		kid = n->nkid ? fib_wderef(n->slot[0].kid) : NULL;
		fib->mem -= fib_node_mem(n);
		kfree(n);
		n = kid;
	}
}

/* The nodes from the root toward one prefix's node, and the prefix's key */
struct fib_path {
	struct cnet_fib_node	*node[FIB_LEVELS];
	u64			key;
};

/*
 * Fill @p with the nodes on the way to depth @target; return how many
 * exist (@target + 1 when the node at @target does).
 */
static unsigned int fib_descend(const struct cnet_fib *fib,
				struct fib_path *p, unsigned int target)
{
	struct cnet_fib_node *n = fib_wderef(fib->root);
	unsigned int depth = 0, s;

	while (n) {
		p->node[depth] = n;
		if (depth == target)
			return depth + 1;
		s = fib_slot(p->key, depth);
		if (!(n->kidmap & BIT_ULL(s)))
			return depth + 1;
		n = fib_wderef(n->slot[fib_rank(n->kidmap, s)].kid);
		depth++;
	}
	return depth;
}

/* Make @n the node at @depth of path @p. */
static void fib_publish(struct cnet_fib *fib, struct fib_path *p,
			unsigned int depth, struct cnet_fib_node *n)
{
	struct cnet_fib_node *parent;
	unsigned int s;

	if (!depth) {
		rcu_assign_pointer(fib->root, n);
		return;
	}
	parent = p->node[depth - 1];
	s = fib_slot(p->key, depth - 1);
	rcu_assign_pointer(parent->slot[fib_rank(parent->kidmap, s)].kid, n);
}

/*
 * Replace the node at @depth of @p by a copy with edit @e. A node left
 * with no prefix and no child is removed from its parent instead, which
 * may empty the parent in turn. On failure (only when growing: shrinking
 * callers pass __GFP_NOFAIL) nothing changed.
 */
static int fib_apply(struct cnet_fib *fib, struct fib_path *p,
		     unsigned int depth, const struct fib_edit *e, gfp_t gfp)
{
	struct cnet_fib_node *old = p->node[depth], *n;
	u64 kidmap, pfxmap[2];
	int err;

	fib_edit_maps(old, e, &kidmap, pfxmap);
	if (!kidmap && !pfxmap[0] && !pfxmap[1]) {
		if (depth) {
			struct fib_edit up = {
				.pos = -1,
				.slot = fib_slot(p->key, depth - 1),
				.kid = NULL,
			};

			err = fib_apply(fib, p, depth - 1, &up, gfp);
			if (err)
				return err;
		} else {
			RCU_INIT_POINTER(fib->root, NULL);
		}
	} else {
		n = fib_node_build(fib, old, e, gfp);
		if (!n)
			return -ENOMEM;
		fib_publish(fib, p, depth, n);
	}
	fib_node_free(fib, old);
	return 0;
}

/*
 * Make @head the head of the prefix at @pos, in the node at depth @target
 * of @p, of which only the first @found exist: build the missing ones.
 */
static int fib_set_head(struct cnet_fib *fib, struct fib_path *p,
			unsigned int found, unsigned int target,
			unsigned int pos, struct cnet_route *head, gfp_t gfp)
{
	struct fib_edit e = { .pos = pos, .head = head, .slot = -1 };
	struct cnet_fib_node *chain, *n;
	int depth;

	if (found > target)
		return fib_apply(fib, p, target, &e, gfp);

	/* Bottom up: the prefix's node, then one node per missing level. */
	chain = fib_node_build(fib, NULL, &e, gfp);
	if (!chain)
		return -ENOMEM;
	for (depth = target - 1; depth >= (int)found; depth--) {
		e = (struct fib_edit){
			.pos = -1,
			.slot = fib_slot(p->key, depth),
			.kid = chain,
		};
		n = fib_node_build(fib, NULL, &e, gfp);
		if (!n)
			goto fail;
		chain = n;
	}
	if (!found) {
		rcu_assign_pointer(fib->root, chain);
		return 0;
	}
	e = (struct fib_edit){
		.pos = -1,
		.slot = fib_slot(p->key, found - 1),
		.kid = chain,
	};
	if (!fib_apply(fib, p, found - 1, &e, gfp))
		return 0;
fail:
	fib_chain_free(fib, chain);
	return -ENOMEM;
}

static int fib_check_prefix(__be32 dst, unsigned int plen,
			    struct netlink_ext_ack *extack)
{
	if (plen > 32) {
		NL_SET_ERR_MSG(extack, "prefix length must be 0 to 32");
		return -EINVAL;
	}
	if (dst & ~cnet_prefix_mask(plen)) {
		NL_SET_ERR_MSG(extack, "prefix has host bits set");
		return -EINVAL;
	}
	return 0;
}

static int fib_check_route(const struct cnet_route *cfg,
			   struct netlink_ext_ack *extack)
{
	int err = fib_check_prefix(cfg->dst, cfg->plen, extack);

	if (err)
		return err;
	if (cfg->type == CNET_RT_UNSPEC || cfg->type > CNET_RT_PROHIBIT) {
		NL_SET_ERR_MSG(extack, "unknown route type");
		return -EINVAL;
	}
	if (cfg->scope >= __CNET_RT_SCOPE_MAX) {
		NL_SET_ERR_MSG(extack, "unknown route scope");
		return -EINVAL;
	}
	if (cfg->proto >= __CNET_RT_PROTO_MAX) {
		NL_SET_ERR_MSG(extack, "unknown route protocol");
		return -EINVAL;
	}
	if (cfg->ifindex < 0) {
		NL_SET_ERR_MSG(extack, "bad device index");
		return -EINVAL;
	}
	if (cfg->type == CNET_RT_UNICAST) {
		if (!cfg->ifindex) {
			NL_SET_ERR_MSG(extack, "a unicast route needs a device");
			return -EINVAL;
		}
		if (cfg->gw && cfg->scope == CNET_RT_SCOPE_LINK) {
			NL_SET_ERR_MSG(extack,
				       "a link-scope route has no gateway");
			return -EINVAL;
		}
	} else if (cfg->ifindex || cfg->gw) {
		NL_SET_ERR_MSG(extack,
			       "only unicast routes have a device or gateway");
		return -EINVAL;
	}
	return 0;
}

static struct cnet_route *fib_route_new(struct cnet_fib *fib,
					const struct cnet_route *cfg)
{
	struct cnet_route *rt = cnet_fib_alloc(sizeof(*rt), GFP_KERNEL_ACCOUNT);

	if (!rt)
		return NULL;
	fib->mem += kmalloc_size_roundup(sizeof(*rt));
	rt->dst = cfg->dst;
	rt->plen = cfg->plen;
	rt->type = cfg->type;
	rt->scope = cfg->scope;
	rt->proto = cfg->proto;
	rt->metric = cfg->metric;
	rt->gw = cfg->gw;
	rt->ifindex = cfg->ifindex;
	rt->prefsrc = cfg->prefsrc;
	RCU_INIT_POINTER(rt->next, NULL);
	return rt;
}

/**
 * cnet_fib_init - set up an empty table
 * @fib: the table
 *
 * An empty table allocates nothing. Return: 0.
 */
int cnet_fib_init(struct cnet_fib *fib)
{
	RCU_INIT_POINTER(fib->root, NULL);
	fib->nroutes = 0;
	fib->nprefixes = 0;
	fib->mem = 0;
	atomic_set(&fib->genid, 0);
	return 0;
}

static void fib_free_tree(struct cnet_fib *fib, struct cnet_fib_node *n)
{
	union cnet_fib_slot *pfx = fib_pfx(n);
	unsigned int i;

	for (i = 0; i < n->nkid; i++)
		fib_free_tree(fib, fib_wderef(n->slot[i].kid));
	for (i = 0; i < n->npfx; i++) {
		struct cnet_route *rt = pfx[i].rt, *next;

		for (; rt; rt = next) {
			next = fib_wderef(rt->next);
			fib_route_free(fib, rt);
		}
	}
	fib_node_free(fib, n);
	cond_resched();
}

/**
 * cnet_fib_destroy - empty a table and release its memory
 * @fib: the table
 *
 * Writer side; may sleep. Readers may still be walking the table: every
 * node and route goes through kfree_rcu(), and none of them refers to @fib,
 * which may be freed as soon as this returns. The memory itself is freed
 * after a grace period by the RCU core, which runs no code of this module;
 * module exit still calls rcu_barrier(), as for any RCU-freed module data.
 */
void cnet_fib_destroy(struct cnet_fib *fib)
{
	struct cnet_fib_node *root = fib_wderef(fib->root);

	RCU_INIT_POINTER(fib->root, NULL);
	cnet_fib_changed(fib);
	if (root)
		fib_free_tree(fib, root);
	WARN_ON_ONCE(fib->mem);
	fib->nroutes = 0;
	fib->nprefixes = 0;
}

/**
 * cnet_fib_add - add or replace a route
 * @fib: the table
 * @cfg: the route; only its public fields are read, and copied
 * @flags: CNET_FIB_F_*
 * @extack: for error messages, may be NULL
 *
 * With a route of the same identity (dst, plen, metric) in the table:
 * -EEXIST, unless REPLACE is set and EXCL is not, in which case the route
 * is replaced. Without one: the route is added, unless REPLACE is set and
 * CREATE is not (-ENOENT). So plain add (0) and EXCL both create, failing
 * if the route exists.
 *
 * Writer side (serialized by the caller); may sleep.
 *
 * Return: 0, -EINVAL for a malformed route, -EEXIST, -ENOENT, or -ENOMEM
 * (the table is then unchanged).
 */
int cnet_fib_add(struct cnet_fib *fib, const struct cnet_route *cfg,
		 unsigned int flags, struct netlink_ext_ack *extack)
{
	struct cnet_route *head = NULL, *prev = NULL, *cur, *rt;
	unsigned int target, found, pos;
	struct fib_path p;
	bool exists;
	int err;

	err = fib_check_route(cfg, extack);
	if (err)
		return err;

	p.key = fib_key(cfg->dst);
	target = fib_depth(cfg->plen);
	pos = fib_pos(p.key, cfg->plen);
	found = fib_descend(fib, &p, target);
	if (found > target && fib_pfx_test(p.node[target]->pfxmap, pos))
		head = fib_pfx_head(p.node[target], pos);

	for (cur = head; cur && cur->metric < cfg->metric;
	     cur = fib_wderef(cur->next))
		prev = cur;
	exists = cur && cur->metric == cfg->metric;
	if (exists && ((flags & CNET_FIB_F_EXCL) ||
		       !(flags & CNET_FIB_F_REPLACE))) {
		NL_SET_ERR_MSG(extack, "route exists");
		return -EEXIST;
	}
	if (!exists && (flags & CNET_FIB_F_REPLACE) &&
	    !(flags & CNET_FIB_F_CREATE)) {
		NL_SET_ERR_MSG(extack, "no such route to replace");
		return -ENOENT;
	}

	rt = fib_route_new(fib, cfg);
	if (!rt)
		return -ENOMEM;
	RCU_INIT_POINTER(rt->next, exists ? fib_wderef(cur->next) : cur);
	if (prev) {
		/* Not the best of its prefix: the nodes do not change. */
		rcu_assign_pointer(prev->next, rt);
	} else {
		err = fib_set_head(fib, &p, found, target, pos, rt,
				   GFP_KERNEL_ACCOUNT);
		if (err) {
			fib->mem -= kmalloc_size_roundup(sizeof(*rt));
			kfree(rt);
			return err;
		}
	}

	cnet_fib_changed(fib);
	if (exists) {
		fib_route_free(fib, cur);
	} else {
		fib->nroutes++;
		if (!head)
			fib->nprefixes++;
	}
	return 0;
}

static bool fib_match(const struct cnet_route *rt,
		      const struct cnet_route *m, bool any_metric)
{
	return (rt->metric == m->metric || (any_metric && !m->metric)) &&
	       (!m->gw || rt->gw == m->gw) &&
	       (!m->ifindex || rt->ifindex == m->ifindex) &&
	       (!m->type || rt->type == m->type) &&
	       (!m->proto || rt->proto == m->proto) &&
	       (!m->prefsrc || rt->prefsrc == m->prefsrc);
}

static int fib_del(struct cnet_fib *fib, const struct cnet_route *match,
		   bool any_metric, struct cnet_route *deleted,
		   struct netlink_ext_ack *extack)
{
	struct cnet_route *head = NULL, *prev = NULL, *rt, *next;
	unsigned int target, found, pos;
	struct fib_path p;
	int err;

	err = fib_check_prefix(match->dst, match->plen, extack);
	if (err)
		return err;

	p.key = fib_key(match->dst);
	target = fib_depth(match->plen);
	pos = fib_pos(p.key, match->plen);
	found = fib_descend(fib, &p, target);
	if (found > target && fib_pfx_test(p.node[target]->pfxmap, pos))
		head = fib_pfx_head(p.node[target], pos);

	for (rt = head; rt && !fib_match(rt, match, any_metric);
	     rt = fib_wderef(rt->next))
		prev = rt;
	if (!rt) {
		NL_SET_ERR_MSG(extack, "no such route");
		return -ESRCH;
	}

	next = fib_wderef(rt->next);
	if (prev)
		rcu_assign_pointer(prev->next, next);
	else
		fib_set_head(fib, &p, found, target, pos, next,
			     GFP_KERNEL_ACCOUNT | __GFP_NOFAIL);

	if (deleted) {
		*deleted = (struct cnet_route){
			.dst = rt->dst,
			.plen = rt->plen,
			.type = rt->type,
			.scope = rt->scope,
			.proto = rt->proto,
			.metric = rt->metric,
			.gw = rt->gw,
			.ifindex = rt->ifindex,
			.prefsrc = rt->prefsrc,
		};
	}
	cnet_fib_changed(fib);
	fib_route_free(fib, rt);
	fib->nroutes--;
	if (!prev && !next)
		fib->nprefixes--;
	return 0;
}

/**
 * cnet_fib_del - delete one route
 * @fib: the table
 * @match: @dst and @plen select the prefix; among its routes, the first
 *	(lowest metric) that matches every non-zero field of @metric, @gw,
 *	@ifindex, @type, @proto and @prefsrc is deleted (so a @proto of
 *	CNET_RT_PROTO_STATIC, which is 0, matches any)
 * @deleted: if not NULL, receives a copy of the deleted route's public
 *	fields (for a notification)
 * @extack: for error messages, may be NULL
 *
 * Writer side (serialized by the caller); may sleep. Never fails for lack
 * of memory.
 *
 * Return: 0, -EINVAL for a malformed prefix, or -ESRCH if no route matched.
 */
int cnet_fib_del(struct cnet_fib *fib, const struct cnet_route *match,
		 struct cnet_route *deleted, struct netlink_ext_ack *extack)
{
	return fib_del(fib, match, true, deleted, extack);
}

struct fib_flush {
	int		ifindex;
	unsigned int	budget;
	__be32		dst;
	u8		plen;
	u32		metric;
};

static int fib_flush_pick(const struct cnet_route *rt, void *arg)
{
	struct fib_flush *f = arg;

	if (rt->ifindex == f->ifindex) {
		f->dst = rt->dst;
		f->plen = rt->plen;
		f->metric = rt->metric;
		return 1;
	}
	/* Let the writer reschedule now and then on huge tables. */
	if (!--f->budget)
		return -EAGAIN;
	return 0;
}

/**
 * cnet_fib_flush_dev - delete every route through a device
 * @fib: the table
 * @ifindex: the device (> 0)
 *
 * Writer side (serialized by the caller); may sleep; cannot fail.
 *
 * Return: the number of routes deleted.
 */
unsigned int cnet_fib_flush_dev(struct cnet_fib *fib, int ifindex)
{
	struct fib_flush f = { .ifindex = ifindex };
	struct cnet_fib_cursor cur;
	unsigned int n = 0;
	int ret;

	if (ifindex <= 0)
		return 0;
	cnet_fib_cursor_init(&cur);
	for (;;) {
		f.budget = 4096;
		rcu_read_lock();
		ret = cnet_fib_walk(fib, &cur, fib_flush_pick, &f);
		rcu_read_unlock();
		if (!ret)
			break;
		if (ret > 0) {
			struct cnet_route m = {
				.dst = f.dst,
				.plen = f.plen,
				.metric = f.metric,
				.ifindex = f.ifindex,
			};

			if (!WARN_ON_ONCE(fib_del(fib, &m, false, NULL, NULL)))
				n++;
		}
		cond_resched();
	}
	return n;
}

/**
 * cnet_fib_lookup - the route to an address
 * @fib: the table
 * @daddr: destination
 *
 * The best route: longest prefix, then lowest metric. Call under
 * rcu_read_lock(); the route is valid until rcu_read_unlock().
 *
 * Return: the route, or NULL when none matches.
 */
const struct cnet_route *cnet_fib_lookup(const struct cnet_fib *fib,
					 __be32 daddr)
{
	const struct cnet_fib_node *path[FIB_LEVELS];
	const struct cnet_fib_node *n = rcu_dereference(fib->root);
	u64 key = fib_key(daddr);
	const struct cnet_route *rt;
	unsigned int depth = 0, s;

	if (unlikely(!n))
		return NULL;
	/* Down while there is a child: at most 5 steps, no slot at the last
	 * level has one. The RCU read lock was checked (by lockdep) on the
	 * root; the children are read the same way without checking again.
	 */
	for (;;) {
		s = fib_slot(key, depth);
		if (!(n->kidmap & BIT_ULL(s)))
			break;
		path[depth++] = n;
		n = rcu_dereference_raw(n->slot[fib_rank(n->kidmap, s)].kid);
	}
	/* The deepest leaf wins; a NULL one defers to the node above. Slot 0
	 * always starts a run, so the leaf index is at least 0.
	 */
	for (;;) {
		u64 mask = (2ULL << s) - 1;	/* slots 0..s */

		rt = n->slot[n->nkid + hweight64(n->leafmap & mask) - 1].rt;
		if (rt || !depth)
			return rt;
		n = path[--depth];
		s = fib_slot(key, depth);
	}
}

struct fib_walker {
	struct cnet_fib_cursor	*cur;
	int			(*fn)(const struct cnet_route *rt, void *arg);
	void			*arg;
};

static int fib_walk_prefix(struct fib_walker *w, const struct cnet_route *rt)
{
	struct cnet_fib_cursor *c = w->cur;
	u32 key = ntohl(rt->dst);
	int err;

	if (c->started && key == c->key && rt->plen == c->plen) {
		while (rt && rt->metric <= c->metric)
			rt = rcu_dereference(rt->next);
	} else if (c->started && (key < c->key ||
				  (key == c->key && rt->plen < c->plen))) {
		return 0;
	}
	for (; rt; rt = rcu_dereference(rt->next)) {
		err = w->fn(rt, w->arg);
		if (err)
			return err;
		c->key = key;
		c->plen = rt->plen;
		c->metric = rt->metric;
		c->started = true;
	}
	return 0;
}

/*
 * In (dst, plen) order: for each slot, the node's prefixes that start
 * there, shortest first, then the child's subtree, whose prefixes are all
 * longer and not before the slot's start.
 */
static int fib_walk_node(struct fib_walker *w, const struct cnet_fib_node *n,
			 unsigned int depth, u64 base)
{
	unsigned int shift = 30 - FIB_BITS * depth;
	const struct cnet_fib_cursor *c = w->cur;
	u64 starts = n->kidmap, m;
	unsigned int s, l, pos, i;
	int err;

	for (i = 0; i < 2; i++)
		for (m = n->pfxmap[i]; m; m &= m - 1)
			starts |= BIT_ULL(fib_pos_start(i * 64 + __ffs64(m)));

	for (m = starts; m; m &= m - 1) {
		u64 lo;

		s = __ffs64(m);
		lo = base | (u64)s << shift;
		/* all of the slot is before the cursor */
		if (c->started && ((lo | ((1ULL << shift) - 1)) >> 4) < c->key)
			continue;
		for (l = 0; l <= FIB_BITS; l++) {
			if (s & ((1U << (FIB_BITS - l)) - 1))
				continue;
			pos = (1U << l) - 1 + (s >> (FIB_BITS - l));
			if (!fib_pfx_test(n->pfxmap, pos))
				continue;
			err = fib_walk_prefix(w, fib_pfx_head(n, pos));
			if (err)
				return err;
		}
		if (n->kidmap & BIT_ULL(s)) {
			const struct cnet_fib_node *kid;

			kid = rcu_dereference(n->slot[fib_rank(n->kidmap, s)].kid);
			err = fib_walk_node(w, kid, depth + 1, lo);
			if (err)
				return err;
		}
	}
	return 0;
}

/**
 * cnet_fib_walk - visit routes in order, resumably
 * @fib: the table
 * @cur: where to start: after the route it names, or at the beginning for
 *	a cursor fresh from cnet_fib_cursor_init(); it is advanced past each
 *	route for which @fn returns 0
 * @fn: called for each route; a non-zero return stops the walk, and that
 *	route is not counted as visited (a resumed walk starts with it)
 * @arg: passed to @fn
 *
 * Routes are visited in (dst, plen, metric) order. Call under
 * rcu_read_lock(); the lock may be dropped between calls: a resumed walk
 * visits each route that stayed in the table exactly once over all calls;
 * a route added or deleted meanwhile is visited at most once.
 *
 * Return: 0 when all routes were visited, else what @fn returned.
 */
int cnet_fib_walk(const struct cnet_fib *fib, struct cnet_fib_cursor *cur,
		  int (*fn)(const struct cnet_route *rt, void *arg), void *arg)
{
	const struct cnet_fib_node *root = rcu_dereference(fib->root);
	struct fib_walker w = { .cur = cur, .fn = fn, .arg = arg };

	return root ? fib_walk_node(&w, root, 0, 0) : 0;
}

/**
 * cnet_fib_mem - memory used by a table
 * @fib: the table
 *
 * Return: bytes of struct cnet_fib plus its nodes and routes, counted as
 * the slab sizes the allocations took.
 */
size_t cnet_fib_mem(const struct cnet_fib *fib)
{
	return sizeof(*fib) + READ_ONCE(fib->mem);
}
