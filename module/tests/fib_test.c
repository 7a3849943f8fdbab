// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the FIB (fib.h): longest-prefix match against a reference
 * on random tables, add/delete/replace rules, device flush, memory coming
 * back, resumable walks, allocation failures, and lookups racing updates.
 *
 * The reference is a plain binary trie (one bit per level) over the same
 * prefixes, itself checked against a linear scan on a sample of lookups.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/prandom.h>
#include <linux/vmalloc.h>

#include "../fib.h"
#include "../ip_hdr.h"

static void fib_destroy_action(void *fib)
{
	cnet_fib_destroy(fib);
}

static void vfree_action(void *p)
{
	vfree(p);
}

static struct cnet_fib *new_fib(struct kunit *test)
{
	struct cnet_fib *fib = kunit_kzalloc(test, sizeof(*fib), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fib);
	KUNIT_ASSERT_EQ(test, cnet_fib_init(fib), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, fib_destroy_action,
							fib), 0);
	return fib;
}

static void *test_vzalloc(struct kunit *test, size_t size)
{
	void *p = vzalloc(size);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, vfree_action, p),
			0);
	return p;
}

static struct cnet_route route(u32 dst, u8 plen, u32 metric, int ifindex)
{
	return (struct cnet_route){
		.dst = htonl(dst),
		.plen = plen,
		.type = CNET_RT_UNICAST,
		.scope = CNET_RT_SCOPE_LINK,
		.metric = metric,
		.ifindex = ifindex,
	};
}

static int add(struct cnet_fib *fib, u32 dst, u8 plen, u32 metric,
	       int ifindex, unsigned int flags)
{
	struct cnet_route cfg = route(dst, plen, metric, ifindex);

	return cnet_fib_add(fib, &cfg, flags, NULL);
}

static int del(struct cnet_fib *fib, u32 dst, u8 plen, u32 metric,
	       int ifindex)
{
	struct cnet_route m = route(dst, plen, metric, ifindex);

	m.type = CNET_RT_UNSPEC;
	return cnet_fib_del(fib, &m, NULL, NULL);
}

/* The ifindex of the route to @addr, -1 for none. */
static int look(const struct cnet_fib *fib, u32 addr)
{
	const struct cnet_route *rt;
	int ret;

	rcu_read_lock();
	rt = cnet_fib_lookup(fib, htonl(addr));
	ret = rt ? rt->ifindex : -1;
	rcu_read_unlock();
	return ret;
}

/* Reference tables --------------------------------------------------- */

#define NR_METRICS	4
static const u32 test_metrics[NR_METRICS] = { 0, 7, 100, 4000 };

struct ref_pfx {
	u32	dst;
	u8	plen;
	u8	touched;	/* metric slots changed during a walk */
	int	ifindex[NR_METRICS];	/* 0: no route with that metric */
};

struct ref_node {
	u32	kid[2];		/* 0: none; node 0 is the root */
	int	pfx;		/* index in ref.pfx, -1: none */
};

struct ref {
	struct ref_pfx	*pfx;
	unsigned int	npfx, maxpfx;
	struct ref_node	*node;
	unsigned int	nnode, maxnode;
	unsigned int	nroutes;
};

static struct ref *ref_new(struct kunit *test, unsigned int maxpfx)
{
	struct ref *ref = kunit_kzalloc(test, sizeof(*ref), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, ref);
	ref->maxpfx = maxpfx;
	ref->maxnode = maxpfx * 32 + 1;
	ref->pfx = test_vzalloc(test, maxpfx * sizeof(*ref->pfx));
	ref->node = test_vzalloc(test, ref->maxnode * sizeof(*ref->node));
	ref->node[0].pfx = -1;
	ref->nnode = 1;
	return ref;
}

/* Index of prefix (@dst, @plen), -1 when missing */
static int ref_find(const struct ref *ref, u32 dst, u8 plen)
{
	unsigned int n = 0, d;

	for (d = 0; d < plen; d++) {
		n = ref->node[n].kid[(dst >> (31 - d)) & 1];
		if (!n)
			return -1;
	}
	return ref->node[n].pfx;
}

/* Index of prefix (@dst, @plen), created when missing; -1 when full. */
static int ref_get(struct ref *ref, u32 dst, u8 plen)
{
	unsigned int n = 0, d, b;

	for (d = 0; d < plen; d++) {
		b = (dst >> (31 - d)) & 1;
		if (!ref->node[n].kid[b]) {
			if (ref->nnode == ref->maxnode)
				return -1;
			ref->node[ref->nnode].pfx = -1;
			ref->node[n].kid[b] = ref->nnode++;
		}
		n = ref->node[n].kid[b];
	}
	if (ref->node[n].pfx < 0) {
		if (ref->npfx == ref->maxpfx)
			return -1;
		ref->pfx[ref->npfx] = (struct ref_pfx){ .dst = dst, .plen = plen };
		ref->node[n].pfx = ref->npfx++;
	}
	return ref->node[n].pfx;
}

/* Metric slot of the best route of a prefix, -1 for none */
static int ref_best(const struct ref_pfx *p)
{
	int j;

	for (j = 0; j < NR_METRICS; j++)
		if (p->ifindex[j])
			return j;
	return -1;
}

/* Longest match through the trie: prefix index, and its best slot in @j */
static int ref_lookup(const struct ref *ref, u32 addr, int *j)
{
	unsigned int n = 0, d;
	int best = -1, k;

	for (d = 0; ; d++) {
		int p = ref->node[n].pfx;

		if (p >= 0) {
			k = ref_best(&ref->pfx[p]);
			if (k >= 0) {
				best = p;
				*j = k;
			}
		}
		if (d == 32)
			break;
		n = ref->node[n].kid[(addr >> (31 - d)) & 1];
		if (!n)
			break;
	}
	return best;
}

/* The same by looking at every prefix */
static int ref_scan(const struct ref *ref, u32 addr)
{
	int best = -1;
	unsigned int i;

	for (i = 0; i < ref->npfx; i++) {
		const struct ref_pfx *p = &ref->pfx[i];

		if ((addr & ntohl(cnet_prefix_mask(p->plen))) != p->dst ||
		    ref_best(p) < 0)
			continue;
		if (best < 0 || p->plen > ref->pfx[best].plen)
			best = i;
	}
	return best;
}

/* 0 when the FIB's answer for @addr is the reference's; under RCU */
static int check_lookup(struct kunit *test, const struct cnet_fib *fib,
			const struct ref *ref, u32 addr, bool scan)
{
	const struct cnet_route *rt;
	const struct ref_pfx *p;
	int j = 0, want, ok;

	want = ref_lookup(ref, addr, &j);
	if (scan && ref_scan(ref, addr) != want) {
		kunit_err(test, "reference disagrees for %pI4h\n", &addr);
		return -1;
	}
	p = want >= 0 ? &ref->pfx[want] : NULL;

	rt = cnet_fib_lookup(fib, htonl(addr));
	if (!p)
		ok = !rt;
	else
		ok = rt && rt->dst == htonl(p->dst) && rt->plen == p->plen &&
		     rt->metric == test_metrics[j] &&
		     rt->ifindex == p->ifindex[j];
	if (!ok)
		kunit_err(test, "lookup %pI4h: got %pI4/%d metric %u, want %pI4h/%d metric %u\n",
			  &addr, rt ? &rt->dst : NULL, rt ? rt->plen : -1,
			  rt ? rt->metric : 0, p ? &p->dst : NULL,
			  p ? p->plen : -1, p ? test_metrics[j] : 0);
	return ok ? 0 : -1;
}

/* Random tables ------------------------------------------------------ */

#define POOL	128

struct gen {
	struct rnd_state	rnd;
	u32			pool[POOL];
};

static void gen_init(struct gen *g, u64 seed)
{
	unsigned int i;
	u32 base = 0;

	prandom_seed_state(&g->rnd, seed);
	/* Clusters of 8 addresses in one /16: prefixes of every length
	 * nest and overlap.
	 */
	for (i = 0; i < POOL; i++) {
		if (!(i % 8))
			base = prandom_u32_state(&g->rnd) & 0xffff0000;
		g->pool[i] = base | (prandom_u32_state(&g->rnd) & 0xffff);
	}
}

static u32 rnd(struct gen *g, u32 n)
{
	return prandom_u32_state(&g->rnd) % n;
}

static u8 gen_plen(struct gen *g)
{
	u32 r = rnd(g, 100);

	if (r < 2)
		return 0;
	if (r < 15)
		return 32;
	if (r < 30)
		return 24;
	if (r < 40)
		return 16 + rnd(g, 8);
	return rnd(g, 33);
}

static u32 gen_addr(struct gen *g)
{
	return rnd(g, 10) < 7 ? g->pool[rnd(g, POOL)] :
			       prandom_u32_state(&g->rnd);
}

/* An address to look up: near the prefixes, on their edges, or anywhere */
static u32 gen_lookup(struct gen *g, const struct ref *ref)
{
	const struct ref_pfx *p = &ref->pfx[rnd(g, ref->npfx)];
	u32 r = rnd(g, 100), a;

	if (r < 40) {
		a = g->pool[rnd(g, POOL)];
		return a ^ (prandom_u32_state(&g->rnd) >> rnd(g, 33 - 1));
	}
	if (r < 55)
		return p->dst;
	if (r < 65)
		return p->dst | ~ntohl(cnet_prefix_mask(p->plen));
	if (r < 70)
		return rnd(g, 2) ? 0 : 0xffffffff;
	return prandom_u32_state(&g->rnd);
}

/*
 * Add routes until the table has @nroutes, with random flags, checking
 * each result against the reference.
 */
static unsigned int fill(struct kunit *test, struct cnet_fib *fib,
			 struct ref *ref, struct gen *g, unsigned int nroutes)
{
	static const unsigned int flags[] = {
		0, 0, 0, 0, 0, 0, CNET_FIB_F_EXCL, CNET_FIB_F_REPLACE,
		CNET_FIB_F_REPLACE | CNET_FIB_F_CREATE,
		CNET_FIB_F_CREATE,
	};
	unsigned int bad = 0, tries;

	for (tries = 0; ref->nroutes < nroutes && tries < 20 * nroutes;
	     tries++) {
		u8 plen = gen_plen(g);
		u32 dst = gen_addr(g) & ntohl(cnet_prefix_mask(plen));
		unsigned int f = flags[rnd(g, ARRAY_SIZE(flags))];
		int j = rnd(g, NR_METRICS), ifindex = 1 + rnd(g, 8);
		int p = ref_get(ref, dst, plen), want, err;
		bool exists;

		KUNIT_ASSERT_GE(test, p, 0);
		exists = ref->pfx[p].ifindex[j];
		if (exists)
			want = (f & CNET_FIB_F_REPLACE) &&
			       !(f & CNET_FIB_F_EXCL) ? 0 : -EEXIST;
		else
			want = (f & CNET_FIB_F_REPLACE) &&
			       !(f & CNET_FIB_F_CREATE) ? -ENOENT : 0;
		err = add(fib, dst, plen, test_metrics[j], ifindex, f);
		if (err != want && bad++ < 5)
			kunit_err(test, "add %pI4h/%u flags %x: %d, want %d\n",
				  &dst, plen, f, err, want);
		if (!err) {
			if (!exists)
				ref->nroutes++;
			ref->pfx[p].ifindex[j] = ifindex;
		}
	}
	return bad;
}

static unsigned int ref_nprefixes(const struct ref *ref)
{
	unsigned int i, n = 0;

	for (i = 0; i < ref->npfx; i++)
		n += ref_best(&ref->pfx[i]) >= 0;
	return n;
}

static unsigned int check_lookups(struct kunit *test,
				  const struct cnet_fib *fib,
				  const struct ref *ref, struct gen *g,
				  unsigned int n)
{
	unsigned int i, k, bad = 0;

	/* RCU sections of 1000 lookups: lockdep makes each one costly */
	for (i = 0; i < n && bad < 5; i += 1000) {
		rcu_read_lock();
		for (k = 0; k < 1000 && i + k < n && bad < 5; k++)
			bad += !!check_lookup(test, fib, ref, gen_lookup(g, ref),
					      !k);
		rcu_read_unlock();
	}
	return bad;
}

/*
 * Delete random routes until @left remain, with matches that name the
 * metric, or not (the lowest goes), and a device, right or wrong.
 */
static unsigned int thin(struct kunit *test, struct cnet_fib *fib,
			 struct ref *ref, struct gen *g, unsigned int left)
{
	unsigned int bad = 0, tries;

	for (tries = 0; ref->nroutes > left && tries < 100 * ref->npfx;
	     tries++) {
		struct ref_pfx *p = &ref->pfx[rnd(g, ref->npfx)];
		int j = rnd(g, NR_METRICS), ifm = 0, k, want = -ESRCH, err;
		bool any = !j;	/* metric 0 matches any */

		if (rnd(g, 4) == 0)
			ifm = 1 + rnd(g, 8);
		for (k = 0; k < NR_METRICS; k++) {
			if (!p->ifindex[k] || (!any && k != j) ||
			    (ifm && p->ifindex[k] != ifm))
				continue;
			want = 0;
			break;
		}
		err = del(fib, p->dst, p->plen, test_metrics[j], ifm);
		if (err != want && bad++ < 5)
			kunit_err(test, "del %pI4h/%u metric %u dev %d: %d, want %d\n",
				  &p->dst, p->plen, test_metrics[j], ifm, err,
				  want);
		if (!err && !want) {
			p->ifindex[k] = 0;
			ref->nroutes--;
		}
	}
	return bad;
}

static void lpm_random(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct ref *ref = ref_new(test, 20000);
	struct gen *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	unsigned int i, n;

	KUNIT_ASSERT_NOT_NULL(test, g);
	gen_init(g, 0x5eed0001);

	KUNIT_EXPECT_EQ(test, fill(test, fib, ref, g, 10000), 0);
	KUNIT_ASSERT_EQ(test, ref->nroutes, 10000);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 10000);
	KUNIT_EXPECT_EQ(test, fib->nprefixes, ref_nprefixes(ref));
	kunit_info(test, "10000 routes, %u prefixes, %zu bytes\n",
		   fib->nprefixes, cnet_fib_mem(fib));

	KUNIT_EXPECT_EQ(test, check_lookups(test, fib, ref, g, 100000), 0);

	/* half of it deleted, then one device flushed */
	KUNIT_EXPECT_EQ(test, thin(test, fib, ref, g, 5000), 0);
	KUNIT_EXPECT_EQ(test, fib->nroutes, ref->nroutes);
	KUNIT_EXPECT_EQ(test, fib->nprefixes, ref_nprefixes(ref));
	KUNIT_EXPECT_EQ(test, check_lookups(test, fib, ref, g, 20000), 0);

	for (i = 0, n = 0; i < ref->npfx; i++) {
		int j;

		for (j = 0; j < NR_METRICS; j++) {
			if (ref->pfx[i].ifindex[j] == 3) {
				ref->pfx[i].ifindex[j] = 0;
				n++;
			}
		}
	}
	ref->nroutes -= n;
	KUNIT_EXPECT_EQ(test, cnet_fib_flush_dev(fib, 3), n);
	KUNIT_EXPECT_EQ(test, fib->nroutes, ref->nroutes);
	KUNIT_EXPECT_EQ(test, check_lookups(test, fib, ref, g, 20000), 0);
}

/* Edge cases ---------------------------------------------------------- */

static void add_errors(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct netlink_ext_ack extack = {};
	struct cnet_route cfg = route(0x0a000001, 8, 0, 1);

	KUNIT_EXPECT_EQ(test, cnet_fib_add(fib, &cfg, 0, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "prefix has host bits set");
	cfg = route(0, 33, 0, 1);
	KUNIT_EXPECT_EQ(test, cnet_fib_add(fib, &cfg, 0, NULL), -EINVAL);
	cfg = route(0x0a000000, 8, 0, 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_add(fib, &cfg, 0, NULL), -EINVAL);
	cfg.type = CNET_RT_UNSPEC;
	KUNIT_EXPECT_EQ(test, cnet_fib_add(fib, &cfg, 0, NULL), -EINVAL);
	cfg = route(0x0a000000, 8, 0, 1);
	cfg.gw = htonl(0x0a000001);
	KUNIT_EXPECT_EQ(test, cnet_fib_add(fib, &cfg, 0, NULL), -EINVAL);
	cfg = route(0x0a000000, 8, 0, 1);
	cfg.type = CNET_RT_BLACKHOLE;
	KUNIT_EXPECT_EQ(test, cnet_fib_add(fib, &cfg, 0, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_mem(fib), sizeof(*fib));

	KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 1, 0), 0);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 2, 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 2, CNET_FIB_F_EXCL),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 2,
				  CNET_FIB_F_REPLACE | CNET_FIB_F_EXCL),
			-EEXIST);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010203), 1);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0b000000, 8, 0, 2,
				  CNET_FIB_F_REPLACE), -ENOENT);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0b010203), -1);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0b000000, 8, 0, 2,
				  CNET_FIB_F_REPLACE | CNET_FIB_F_CREATE), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0b010203), 2);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 3,
				  CNET_FIB_F_REPLACE), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010203), 3);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 2);
}

static void del_errors(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct netlink_ext_ack extack = {};
	struct cnet_route m = route(0x0a000001, 8, 0, 0), gone;

	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "prefix has host bits set");
	m = route(0, 33, 0, 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a000000, 8, 0, 0), -ESRCH);

	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 10, 1, 0), 0);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a000000, 8, 11, 0), -ESRCH);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a000000, 8, 10, 2), -ESRCH);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a000000, 16, 0, 0), -ESRCH);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a000000, 7, 0, 0), -ESRCH);
	m = route(0x0a000000, 8, 0, 0);
	m.type = CNET_RT_BLACKHOLE;
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), -ESRCH);
	m.type = CNET_RT_UNICAST;
	m.gw = htonl(0x0a000001);
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), -ESRCH);

	m.gw = 0;
	m.proto = CNET_RT_PROTO_KERNEL;
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), -ESRCH);
	m.proto = CNET_RT_PROTO_STATIC;
	m.prefsrc = htonl(0x0a000005);
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), -ESRCH);

	m = route(0x0a000000, 8, 0, 1);
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, &gone, NULL), 0);
	KUNIT_EXPECT_EQ(test, gone.metric, 10);
	KUNIT_EXPECT_EQ(test, gone.ifindex, 1);
	KUNIT_EXPECT_EQ(test, gone.type, CNET_RT_UNICAST);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 0);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a000000, 8, 0, 0), -ESRCH);

	/* A connected route goes only with the address that owns it. */
	m = route(0x0a000000, 8, 0, 1);
	m.proto = CNET_RT_PROTO_KERNEL;
	m.prefsrc = htonl(0x0a000005);
	KUNIT_ASSERT_EQ(test, cnet_fib_add(fib, &m, 0, NULL), 0);
	m.prefsrc = htonl(0x0a000006);
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), -ESRCH);
	m.prefsrc = htonl(0x0a000005);
	KUNIT_EXPECT_EQ(test, cnet_fib_del(fib, &m, NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 0);
}

static void default_and_host(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct cnet_route bh = route(0xc0a80100, 24, 0, 0);

	KUNIT_EXPECT_EQ(test, look(fib, 0), -1);
	KUNIT_EXPECT_EQ(test, look(fib, 0xffffffff), -1);

	KUNIT_ASSERT_EQ(test, add(fib, 0, 0, 0, 1, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0), 1);
	KUNIT_EXPECT_EQ(test, look(fib, 0xffffffff), 1);
	KUNIT_EXPECT_EQ(test, look(fib, 0x7f000001), 1);

	KUNIT_ASSERT_EQ(test, add(fib, 0xc0a80105, 32, 0, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0xffffffff, 32, 0, 3, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0, 32, 0, 4, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0xc0a80106, 31, 0, 5, 0), 0);
	bh.type = CNET_RT_BLACKHOLE;
	KUNIT_ASSERT_EQ(test, cnet_fib_add(fib, &bh, 0, NULL), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80105), 2);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80104), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80106), 5);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80107), 5);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80200), 1);
	KUNIT_EXPECT_EQ(test, look(fib, 0xffffffff), 3);
	KUNIT_EXPECT_EQ(test, look(fib, 0xfffffffe), 1);
	KUNIT_EXPECT_EQ(test, look(fib, 0), 4);
	KUNIT_EXPECT_EQ(test, look(fib, 1), 1);

	/* without the default, only the host routes and the /24 remain */
	KUNIT_EXPECT_EQ(test, del(fib, 0, 0, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 1), -1);
	KUNIT_EXPECT_EQ(test, look(fib, 0), 4);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80105), 2);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a801ff), 0);
	KUNIT_EXPECT_EQ(test, del(fib, 0xc0a80105, 32, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0xc0a80105), 0);
}

static void metrics(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);

	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 0, 9, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a010000, 16, 10, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a010000, 16, 5, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a010000, 16, 20, 3, 0), 0);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 4);
	KUNIT_EXPECT_EQ(test, fib->nprefixes, 2);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 2);

	/* replacing the best, then one behind it */
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a010000, 16, 5, 4,
				  CNET_FIB_F_REPLACE), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 4);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a010000, 16, 20, 5,
				  CNET_FIB_F_REPLACE), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 4);

	/* deleting the best: the next one wins */
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a010000, 16, 5, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 1);
	/* a new best */
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a010000, 16, 1, 6, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 6);
	/* no metric given: the lowest goes */
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a010000, 16, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 1);
	/* by device: the metric-20 one */
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a010000, 16, 0, 5), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 1);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a010000, 16, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010101), 9);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 1);
	KUNIT_EXPECT_EQ(test, fib->nprefixes, 1);
}

/* Walks --------------------------------------------------------------- */

struct snap {
	u32	key;
	u8	plen;
	u32	metric;
	int	ifindex;
};

struct collect {
	struct snap	*v;
	unsigned int	n, max, budget;
	bool		unordered;
};

static bool snap_before(const struct snap *a, const struct snap *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	if (a->plen != b->plen)
		return a->plen < b->plen;
	return a->metric < b->metric;
}

static int collect_one(const struct cnet_route *rt, void *arg)
{
	struct collect *c = arg;
	struct snap s = {
		.key = ntohl(rt->dst),
		.plen = rt->plen,
		.metric = rt->metric,
		.ifindex = rt->ifindex,
	};

	if (!c->budget)
		return -EMSGSIZE;
	if (c->n == c->max)
		return -ENOSPC;
	if (c->n && !snap_before(&c->v[c->n - 1], &s))
		c->unordered = true;
	c->v[c->n++] = s;
	c->budget--;
	return 0;
}

/* The whole table, in walk order, @budget routes per resumption */
static int snapshot(const struct cnet_fib *fib, struct collect *c,
		    unsigned int budget)
{
	struct cnet_fib_cursor cur;
	int ret;

	cnet_fib_cursor_init(&cur);
	c->n = 0;
	c->unordered = false;
	do {
		c->budget = budget;
		rcu_read_lock();
		ret = cnet_fib_walk(fib, &cur, collect_one, c);
		rcu_read_unlock();
	} while (ret == -EMSGSIZE);
	return ret;
}

static struct collect *collect_new(struct kunit *test, unsigned int max)
{
	struct collect *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->v = test_vzalloc(test, max * sizeof(*c->v));
	c->max = max;
	return c;
}

/* Every route of @ref, once, in the walk of @c */
static unsigned int check_snapshot(struct kunit *test, const struct ref *ref,
				   const struct collect *c)
{
	unsigned int i, bad = 0;

	if (c->unordered) {
		kunit_err(test, "walk out of order\n");
		bad++;
	}
	if (c->n != ref->nroutes) {
		kunit_err(test, "walk: %u routes, want %u\n", c->n, ref->nroutes);
		bad++;
	}
	for (i = 0; i < c->n; i++) {
		const struct snap *s = &c->v[i];
		int p = ref_find(ref, s->key, s->plen), j;

		for (j = 0; j < NR_METRICS; j++)
			if (test_metrics[j] == s->metric)
				break;
		if (p < 0 || j == NR_METRICS ||
		    ref->pfx[p].ifindex[j] != s->ifindex) {
			if (bad++ < 5)
				kunit_err(test, "walk: unexpected %pI4h/%u metric %u\n",
					  &s->key, s->plen, s->metric);
		}
	}
	return bad;
}

static void walk_resume(struct kunit *test)
{
	static const unsigned int budgets[] = { 1, 3, 64, 100000 };
	struct cnet_fib *fib = new_fib(test);
	struct ref *ref = ref_new(test, 4000);
	struct collect *c = collect_new(test, 4000);
	struct gen *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, g);
	gen_init(g, 0x5eed0002);
	KUNIT_ASSERT_EQ(test, snapshot(fib, c, 1), 0);
	KUNIT_EXPECT_EQ(test, c->n, 0);
	KUNIT_ASSERT_EQ(test, fill(test, fib, ref, g, 1000), 0);
	for (i = 0; i < ARRAY_SIZE(budgets); i++) {
		KUNIT_ASSERT_EQ(test, snapshot(fib, c, budgets[i]), 0);
		KUNIT_EXPECT_EQ(test, check_snapshot(test, ref, c), 0);
	}
}

/*
 * Routes added and deleted between resumptions: the ones that stayed are
 * all visited, once, in order; the others at most once.
 */
static void walk_changing(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct ref *ref = ref_new(test, 4000);
	struct collect *c = collect_new(test, 4000);
	struct gen *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	struct cnet_fib_cursor cur;
	unsigned int stable = 0, seen = 0, i, round = 0;
	int ret, j;

	KUNIT_ASSERT_NOT_NULL(test, g);
	gen_init(g, 0x5eed0003);
	KUNIT_ASSERT_EQ(test, fill(test, fib, ref, g, 1000), 0);

	cnet_fib_cursor_init(&cur);
	do {
		struct ref_pfx *p;
		u8 plen;
		u32 dst;

		c->budget = 5;
		rcu_read_lock();
		ret = cnet_fib_walk(fib, &cur, collect_one, c);
		rcu_read_unlock();

		/* delete one route, add another */
		p = &ref->pfx[rnd(g, ref->npfx)];
		j = ref_best(p);
		if (j >= 0 && !del(fib, p->dst, p->plen, test_metrics[j], 0)) {
			p->ifindex[j] = 0;
			p->touched |= BIT(j);
			ref->nroutes--;
		}
		plen = gen_plen(g);
		dst = gen_addr(g) & ntohl(cnet_prefix_mask(plen));
		j = rnd(g, NR_METRICS);
		if (!add(fib, dst, plen, test_metrics[j], 1, 0)) {
			p = &ref->pfx[ref_get(ref, dst, plen)];
			p->ifindex[j] = 1;
			p->touched |= BIT(j);
			ref->nroutes++;
		}
		round++;
	} while (ret == -EMSGSIZE);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_FALSE(test, c->unordered);

	/* count the untouched routes, and those of them the walk saw */
	for (i = 0; i < ref->npfx; i++)
		for (j = 0; j < NR_METRICS; j++)
			stable += ref->pfx[i].ifindex[j] &&
				  !(ref->pfx[i].touched & BIT(j));
	for (i = 0; i < c->n; i++) {
		const struct snap *s = &c->v[i];
		int p = ref_find(ref, s->key, s->plen);

		for (j = 0; j < NR_METRICS; j++)
			if (test_metrics[j] == s->metric)
				break;
		KUNIT_ASSERT_GE(test, p, 0);
		KUNIT_ASSERT_LT(test, j, NR_METRICS);
		seen += ref->pfx[p].ifindex[j] && !(ref->pfx[p].touched & BIT(j));
	}
	kunit_info(test, "%u resumptions, %u stable routes\n", round, stable);
	KUNIT_EXPECT_EQ(test, seen, stable);
	KUNIT_EXPECT_GT(test, stable, 500);
}

/* Devices, memory ------------------------------------------------------ */

static void flush_dev(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct collect *c = collect_new(test, 16);
	struct cnet_route bh = route(0x0a000000, 24, 0, 0);
	unsigned int i;

	bh.type = CNET_RT_BLACKHOLE;
	KUNIT_ASSERT_EQ(test, add(fib, 0, 0, 0, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0, 0, 10, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 5, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 6, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 7, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000001, 32, 0, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000002, 32, 0, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000100, 24, 0, 22, 0), 0);
	KUNIT_ASSERT_EQ(test, cnet_fib_add(fib, &bh, 0, NULL), 0);

	KUNIT_EXPECT_EQ(test, cnet_fib_flush_dev(fib, 0), 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_flush_dev(fib, 2), 4);
	KUNIT_EXPECT_EQ(test, cnet_fib_flush_dev(fib, 2), 0);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 5);
	KUNIT_ASSERT_EQ(test, snapshot(fib, c, 2), 0);
	KUNIT_EXPECT_EQ(test, c->n, 5);
	for (i = 0; i < c->n; i++)
		KUNIT_EXPECT_NE(test, c->v[i].ifindex, 2);
	KUNIT_EXPECT_EQ(test, look(fib, 0x08080808), 1);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a000001), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a000002), 1);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a000003), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a000101), 22);
}

static void mem_returns(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct ref *ref = ref_new(test, 2000);
	struct gen *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	size_t empty = cnet_fib_mem(fib), full;
	unsigned int i;
	int j;

	KUNIT_ASSERT_NOT_NULL(test, g);
	KUNIT_EXPECT_LE(test, empty, 64);
	gen_init(g, 0x5eed0004);

	/* a namespace with a few routes stays small */
	KUNIT_ASSERT_EQ(test, add(fib, 0, 0, 0, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0xc0a80100, 24, 0, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x7f000000, 8, 0, 1, 0), 0);
	kunit_info(test, "empty: %zu bytes, 3 routes: %zu bytes\n", empty,
		   cnet_fib_mem(fib));
	KUNIT_EXPECT_LE(test, cnet_fib_mem(fib), 1024);
	KUNIT_EXPECT_EQ(test, del(fib, 0, 0, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, del(fib, 0xc0a80100, 24, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, del(fib, 0x7f000000, 8, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_mem(fib), empty);

	KUNIT_ASSERT_EQ(test, fill(test, fib, ref, g, 500), 0);
	full = cnet_fib_mem(fib);
	kunit_info(test, "500 routes: %zu bytes\n", full);
	KUNIT_EXPECT_GT(test, full, empty);
	for (i = 0; i < ref->npfx; i++) {
		for (j = 0; j < NR_METRICS; j++) {
			if (!ref->pfx[i].ifindex[j])
				continue;
			KUNIT_EXPECT_EQ(test, del(fib, ref->pfx[i].dst,
						  ref->pfx[i].plen,
						  test_metrics[j], 0), 0);
		}
	}
	KUNIT_EXPECT_EQ(test, fib->nroutes, 0);
	KUNIT_EXPECT_EQ(test, fib->nprefixes, 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_mem(fib), empty);
	KUNIT_EXPECT_EQ(test, look(fib, 0), -1);
}

/* Allocation failures --------------------------------------------------- */

/* Fails the allocation test->priv counts down to (when it reaches 0). */
static void *failing_alloc(size_t size, gfp_t gfp)
{
	struct kunit *test = kunit_get_current_test();
	int *left = test->priv;

	if (!(gfp & __GFP_NOFAIL) && (*left)-- == 0)
		return NULL;
	return kmalloc(size, gfp);
}

/* Count the allocations not charged to a memory cgroup (test->priv). */
static void *counting_alloc(size_t size, gfp_t gfp)
{
	struct kunit *test = kunit_get_current_test();
	int *unaccounted = test->priv;

	if (!(gfp & __GFP_ACCOUNT))
		(*unaccounted)++;
	return kmalloc(size, gfp);
}

/* The table is @c's snapshot, and its size @mem */
static unsigned int unchanged(struct kunit *test, struct cnet_fib *fib,
			      const struct collect *c, size_t mem)
{
	struct collect *now = collect_new(test, c->max);
	unsigned int bad = 0;

	KUNIT_ASSERT_EQ(test, snapshot(fib, now, 1000), 0);
	bad += cnet_fib_mem(fib) != mem;
	bad += now->n != c->n;
	if (!bad)
		bad += !!memcmp(now->v, c->v, c->n * sizeof(*c->v));
	bad += look(fib, 0x0a010203) != 2 || look(fib, 0x0a020304) != 1 ||
	       look(fib, 0x0b000000) != 3;
	return bad;
}

static void alloc_failure(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct collect *c = collect_new(test, 16);
	int left, n, err = -ENOMEM;
	size_t mem;

	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 0, 1, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a010000, 16, 0, 2, 0), 0);
	KUNIT_ASSERT_EQ(test, add(fib, 0, 0, 0, 3, 0), 0);
	KUNIT_ASSERT_EQ(test, snapshot(fib, c, 1000), 0);
	mem = cnet_fib_mem(fib);

	test->priv = &left;
	kunit_activate_static_stub(test, cnet_fib_alloc, failing_alloc);

	/* a /32 below the /16 needs a route and 4 nodes; fail each in turn */
	for (n = 0; n < 10 && err; n++) {
		left = n;
		err = add(fib, 0x0a010203, 32, 0, 4, 0);
		if (err) {
			KUNIT_EXPECT_EQ(test, err, -ENOMEM);
			KUNIT_EXPECT_EQ(test, unchanged(test, fib, c, mem), 0);
		}
	}
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_GE(test, n, 3);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010203), 4);

	/* replacing a best route: a route and a node */
	KUNIT_ASSERT_EQ(test, del(fib, 0x0a010203, 32, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, cnet_fib_mem(fib), mem);
	for (n = 0; n < 2; n++) {
		left = n;
		KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 5,
					  CNET_FIB_F_REPLACE), -ENOMEM);
		KUNIT_EXPECT_EQ(test, unchanged(test, fib, c, mem), 0);
	}

	/* deleting never fails */
	left = 0;
	KUNIT_EXPECT_EQ(test, del(fib, 0x0a010000, 16, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, look(fib, 0x0a010203), 1);
	kunit_deactivate_static_stub(test, cnet_fib_alloc);
}

/*
 * Every route and node is charged to the memory cgroup of whoever adds it:
 * a user with CAP_NET_ADMIN in their own namespace may not fill the host.
 */
static void alloc_accounted(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	int unaccounted = 0;
	u32 i;

	test->priv = &unaccounted;
	kunit_activate_static_stub(test, cnet_fib_alloc, counting_alloc);
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000 | i << 8, 24, 0, 1, 0),
				0);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 24, 0, 2,
				  CNET_FIB_F_REPLACE), 0);
	for (i = 0; i < 64; i++)
		KUNIT_ASSERT_EQ(test, del(fib, 0x0a000000 | i << 8, 24, 0, 0), 0);
	kunit_deactivate_static_stub(test, cnet_fib_alloc);
	KUNIT_EXPECT_EQ(test, unaccounted, 0);
}

/*
 * Every change bumps the generation (route caches depend on it); what
 * fails or finds nothing to do does not.
 */
static void genid(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	int left = 0;
	u32 g;

	g = cnet_fib_genid(fib);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 0, 1, 0), 0);
	KUNIT_EXPECT_NE(test, cnet_fib_genid(fib), g);

	/* not the best of its prefix: still a change */
	g = cnet_fib_genid(fib);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 10, 2, 0), 0);
	KUNIT_EXPECT_NE(test, cnet_fib_genid(fib), g);

	g = cnet_fib_genid(fib);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a000000, 8, 0, 1, 0), -EEXIST);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0b000000, 8, 0, 1, CNET_FIB_F_REPLACE),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, del(fib, 0x0c000000, 8, 0, 0), -ESRCH);
	KUNIT_EXPECT_EQ(test, cnet_fib_flush_dev(fib, 9), 0);
	KUNIT_EXPECT_EQ(test, cnet_fib_genid(fib), g);

	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 0, 3, CNET_FIB_F_REPLACE),
			0);
	KUNIT_EXPECT_NE(test, cnet_fib_genid(fib), g);

	g = cnet_fib_genid(fib);
	KUNIT_ASSERT_EQ(test, del(fib, 0x0a000000, 8, 0, 0), 0);
	KUNIT_EXPECT_NE(test, cnet_fib_genid(fib), g);

	g = cnet_fib_genid(fib);
	KUNIT_EXPECT_EQ(test, cnet_fib_flush_dev(fib, 2), 1);
	KUNIT_EXPECT_NE(test, cnet_fib_genid(fib), g);

	/* an add that runs out of memory leaves the table as it was */
	g = cnet_fib_genid(fib);
	test->priv = &left;
	kunit_activate_static_stub(test, cnet_fib_alloc, failing_alloc);
	KUNIT_EXPECT_EQ(test, add(fib, 0x0a010203, 32, 0, 4, 0), -ENOMEM);
	kunit_deactivate_static_stub(test, cnet_fib_alloc);
	KUNIT_EXPECT_EQ(test, cnet_fib_genid(fib), g);

	cnet_fib_destroy(fib);
	KUNIT_EXPECT_NE(test, cnet_fib_genid(fib), g);
}

/* Lookups racing updates ----------------------------------------------- */

struct race {
	struct cnet_fib		*fib;
	unsigned long		lookups;
	unsigned long		bad;
};

/*
 * Addresses under 10/8, whose route stays, must always find a route that
 * covers them, whatever the writer is doing below it.
 */
static int race_reader(void *arg)
{
	struct race *r = arg;
	struct rnd_state rs;
	unsigned int i;

	prandom_seed_state(&rs, 0x5eed0005);
	while (!kthread_should_stop()) {
		for (i = 0; i < 256; i++) {
			u32 a = 0x0a000000 | (prandom_u32_state(&rs) & 0xffffff);
			const struct cnet_route *rt;

			rcu_read_lock();
			rt = cnet_fib_lookup(r->fib, htonl(a));
			if (!rt || rt->plen < 8 ||
			    (htonl(a) & cnet_prefix_mask(rt->plen)) != rt->dst)
				r->bad++;
			rcu_read_unlock();
		}
		r->lookups += i;
		cond_resched();
	}
	return 0;
}

static void lookup_race(struct kunit *test)
{
	struct cnet_fib *fib = new_fib(test);
	struct race *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct task_struct *t;
	struct rnd_state rs;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	r->fib = fib;
	prandom_seed_state(&rs, 0x5eed0006);
	KUNIT_ASSERT_EQ(test, add(fib, 0x0a000000, 8, 0, 1, 0), 0);

	t = kthread_run(race_reader, r, "cnet_fib_race");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 1000; i++) {
		u8 plen = 9 + prandom_u32_state(&rs) % 24;
		u32 dst = (0x0a000000 | (prandom_u32_state(&rs) & 0xffffff)) &
			  ntohl(cnet_prefix_mask(plen));
		u32 metric = prandom_u32_state(&rs) % 3;

		if (add(fib, dst, plen, metric, 2, 0))
			del(fib, dst, plen, metric, 0);
		/* the /8's own metric changes too */
		if (!(i % 64))
			add(fib, 0x0a000000, 8, 0, 3 + i % 5,
			    CNET_FIB_F_REPLACE);
		if (!(i % 32))
			cond_resched();
	}
	cnet_fib_flush_dev(fib, 2);
	kthread_stop(t);
	kunit_info(test, "%lu lookups during 1000 updates\n", r->lookups);
	KUNIT_EXPECT_EQ(test, r->bad, 0);
	KUNIT_EXPECT_EQ(test, fib->nroutes, 1);
}

static struct kunit_case cnet_fib_cases[] = {
	KUNIT_CASE(add_errors),
	KUNIT_CASE(del_errors),
	KUNIT_CASE(default_and_host),
	KUNIT_CASE(metrics),
	KUNIT_CASE(flush_dev),
	KUNIT_CASE(mem_returns),
	KUNIT_CASE(alloc_failure),
	KUNIT_CASE(alloc_accounted),
	KUNIT_CASE(genid),
	KUNIT_CASE(walk_resume),
	KUNIT_CASE(walk_changing),
	KUNIT_CASE(lpm_random),
	KUNIT_CASE(lookup_race),
	{}
};

static struct kunit_suite cnet_fib_suite = {
	.name = "cnet_fib",
	.test_cases = cnet_fib_cases,
};

kunit_test_suite(cnet_fib_suite);
