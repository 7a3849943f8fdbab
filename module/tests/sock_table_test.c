// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the socket table (sock_table.h): the bind conflict rules
 * case by case, the ephemeral port search over whole ranges (RFC 6056
 * algorithm 3) and what exhaustion returns, the lookup order, and a table
 * of 10 000 sockets that must find each and end empty.
 */
#include <kunit/test.h>

#include <linux/bitmap.h>
#include <linux/rcupdate.h>
#include <linux/vmalloc.h>

#include "../sock_table.h"

#define A1	cpu_to_be32(0x0a000001)		/* 10.0.0.1 */
#define A2	cpu_to_be32(0x0a000002)		/* 10.0.0.2 */
#define PEER	cpu_to_be32(0x0a000063)		/* 10.0.0.99 */

static const struct cnet_port_range linux_range = { 32768, 60999 };

static void st_destroy(void *t)
{
	cnet_st_destroy(t);
}

static struct cnet_sock_table *st_table(struct kunit *test, bool exclusive)
{
	struct cnet_sock_table *t;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_EQ(test, cnet_st_init(t, exclusive), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, st_destroy, t), 0);
	return t;
}

static struct cnet_st_entry *st_entry(struct kunit *test, bool reuseaddr,
				      bool reuseport, u32 uid)
{
	struct cnet_st_entry *e;

	e = kunit_kzalloc(test, sizeof(*e), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, e);
	e->reuseaddr = reuseaddr;
	e->reuseport = reuseport;
	e->uid = KUIDT_INIT(uid);
	return e;
}

static int st_bind(struct cnet_sock_table *t, struct cnet_st_entry *e,
		   __be32 laddr, u16 port)
{
	return cnet_st_bind(t, e, laddr, port, &linux_range, 0, CNET_ST_BIND);
}

struct conflict_case {
	const char	*name;
	__be32		laddr[2];
	bool		reuseaddr[2];
	bool		reuseport[2];
	u32		uid[2];
	bool		conflict;
};

static const struct conflict_case conflict_cases[] = {
	{ "same address",		{ A1, A1 }, {}, {}, {}, true },
	{ "different addresses",	{ A1, A2 }, {}, {}, {}, false },
	{ "any and an address",		{ 0, A1 }, {}, {}, {}, true },
	{ "any and any",		{ 0, 0 }, {}, {}, {}, true },
	{ "both SO_REUSEADDR",		{ A1, A1 }, { 1, 1 }, {}, {}, false },
	{ "any, both SO_REUSEADDR",	{ 0, A1 }, { 1, 1 }, {}, {}, false },
	{ "one SO_REUSEADDR",		{ A1, A1 }, { 1, 0 }, {}, {}, true },
	{ "both SO_REUSEPORT, same uid", { 0, 0 }, {}, { 1, 1 }, { 7, 7 },
	  false },
	{ "both SO_REUSEPORT, other uid", { A1, A1 }, {}, { 1, 1 }, { 7, 8 },
	  true },
	{ "one SO_REUSEPORT",		{ A1, A1 }, {}, { 1, 0 }, { 7, 7 }, true },
	{ "SO_REUSEADDR and SO_REUSEPORT", { A1, A1 }, { 1, 0 }, { 0, 1 },
	  {}, true },
	{ "different addresses, other uid", { A1, A2 }, {}, { 1, 1 },
	  { 7, 8 }, false },
};

/* Devices (SO_BINDTODEVICE): only two different ones keep apart. */
static void conflict_devices(struct kunit *test)
{
	static const struct { int dev[2]; bool conflict; } cases[] = {
		{ { 2, 3 }, false }, { { 2, 2 }, true }, { { 0, 2 }, true },
		{ { 0, 0 }, true },
	};
	struct cnet_st_entry e[2];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(e, 0, sizeof(e));
		e[0].dev_if = cases[i].dev[0];
		e[1].dev_if = cases[i].dev[1];
		KUNIT_EXPECT_EQ_MSG(test, cnet_st_conflict(&e[0], &e[1]),
				    cases[i].conflict, "devices %d and %d",
				    cases[i].dev[0], cases[i].dev[1]);
		KUNIT_EXPECT_EQ_MSG(test, cnet_st_conflict(&e[1], &e[0]),
				    cases[i].conflict, "devices %d and %d",
				    cases[i].dev[1], cases[i].dev[0]);
	}
	KUNIT_EXPECT_EQ(test, cnet_st_dev_score(0, 5), 0);
	KUNIT_EXPECT_EQ(test, cnet_st_dev_score(5, 5), 1);
	KUNIT_EXPECT_EQ(test, cnet_st_dev_score(4, 5), -1);
}

/* Every case both ways round: the rules are symmetric. */
static void conflict_rules(struct kunit *test)
{
	const struct conflict_case *c;
	struct cnet_st_entry e[2];
	unsigned int i;

	for (c = conflict_cases; c < conflict_cases + ARRAY_SIZE(conflict_cases);
	     c++) {
		memset(e, 0, sizeof(e));
		for (i = 0; i < 2; i++) {
			e[i].key.laddr = c->laddr[i];
			e[i].reuseaddr = c->reuseaddr[i];
			e[i].reuseport = c->reuseport[i];
			e[i].uid = KUIDT_INIT(c->uid[i]);
		}
		KUNIT_EXPECT_EQ_MSG(test, cnet_st_conflict(&e[0], &e[1]),
				    c->conflict, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, cnet_st_conflict(&e[1], &e[0]),
				    c->conflict, "%s (reversed)", c->name);
	}
}

/* The rules as bind() applies them, and an exclusive table's. */
static void bind_conflicts(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_sock_table *x = st_table(test, true);
	struct cnet_st_entry *any = st_entry(test, false, false, 0);
	struct cnet_st_entry *a1 = st_entry(test, false, false, 0);
	struct cnet_st_entry *a2 = st_entry(test, false, false, 0);
	struct cnet_st_entry *r1 = st_entry(test, true, false, 0);
	struct cnet_st_entry *r2 = st_entry(test, true, false, 0);

	KUNIT_EXPECT_EQ(test, st_bind(t, a1, A1, 53), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(a1->key.lport), 53);
	KUNIT_EXPECT_EQ(test, st_bind(t, a2, A2, 53), 0);
	KUNIT_EXPECT_EQ(test, st_bind(t, any, 0, 53), -EADDRINUSE);
	/* a failed bind leaves the entry as it was: it may try again */
	KUNIT_EXPECT_FALSE(test, any->hashed);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(any->key.lport), 0);
	KUNIT_EXPECT_EQ(test, st_bind(t, any, 0, 54), 0);
	/* one port per socket */
	KUNIT_EXPECT_EQ(test, st_bind(t, any, 0, 55), -EINVAL);
	/* SO_REUSEADDR on both shares even with a wildcard */
	KUNIT_EXPECT_EQ(test, st_bind(t, r1, 0, 54), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, st_bind(t, r1, 0, 56), 0);
	KUNIT_EXPECT_EQ(test, st_bind(t, r2, A1, 56), 0);
	KUNIT_EXPECT_EQ(test, t->count, 5);

	/* a port given back is free again, and the entry forgets it */
	cnet_st_unhash(t, a1);
	cnet_st_unhash(t, a2);
	KUNIT_EXPECT_FALSE(test, a1->hashed);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(a1->key.lport), 0);
	KUNIT_EXPECT_TRUE(test, !a2->key.laddr);
	KUNIT_EXPECT_EQ(test, st_bind(t, a1, 0, 53), 0);
	cnet_st_unhash(t, a1);
	cnet_st_unhash(t, a1);	/* twice is harmless */
	cnet_st_unhash(t, any);
	cnet_st_unhash(t, r1);
	cnet_st_unhash(t, r2);
	KUNIT_EXPECT_EQ(test, t->count, 0);

	/* exclusive: one holder, whatever the addresses and options */
	KUNIT_EXPECT_EQ(test, st_bind(x, r1, A1, 7), 0);
	KUNIT_EXPECT_EQ(test, st_bind(x, r2, A2, 7), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, st_bind(x, a2, A2, 8), 0);
	cnet_st_unhash(x, r1);
	KUNIT_EXPECT_EQ(test, st_bind(x, r2, A2, 7), 0);
	cnet_st_unhash(x, r2);
	cnet_st_unhash(x, a2);
	KUNIT_EXPECT_EQ(test, x->count, 0);
}

/* A "held" hook: port 80 is held on A1 by something that set SO_REUSEADDR */
static bool held_80(void *arg, const struct cnet_st_entry *e, __be16 port)
{
	struct cnet_st_entry o = { .key.laddr = A1, .reuseaddr = true };

	(*(unsigned int *)arg)++;
	return port == htons(80) && cnet_st_conflict(e, &o);
}

/* What holds ports outside the table (TCP's TIME-WAIT) keeps binds off. */
static void held_hook(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *a = st_entry(test, false, false, 0);
	struct cnet_st_entry *r = st_entry(test, true, false, 0);
	struct cnet_st_entry *eph = st_entry(test, false, false, 0);
	const struct cnet_port_range two = { 80, 81 };
	unsigned int calls = 0;

	cnet_st_set_held(t, held_80, NULL, &calls);
	/* a port search passes over it */
	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, eph, 0, 0, &two, 0, CNET_ST_BIND),
			0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(eph->key.lport), 81);
	KUNIT_EXPECT_EQ(test, st_bind(t, a, 0, 80), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, st_bind(t, a, A1, 80), -EADDRINUSE);
	KUNIT_EXPECT_GT(test, calls, 0);
	/* another address, or SO_REUSEADDR on both: free */
	KUNIT_EXPECT_EQ(test, st_bind(t, a, A2, 80), 0);
	cnet_st_unhash(t, a);
	KUNIT_EXPECT_EQ(test, st_bind(t, r, 0, 80), 0);
	cnet_st_unhash(t, r);
	cnet_st_unhash(t, eph);
	/* without the hook, nothing is held */
	cnet_st_set_held(t, NULL, NULL, NULL);
	KUNIT_EXPECT_EQ(test, st_bind(t, a, A1, 80), 0);
	cnet_st_unhash(t, a);
}

/*
 * Attempts 0 to n - 1 from @offset give each port of @r once, consecutive
 * and wrapping at the top; attempt n is attempt 0 again.
 */
static void pick_whole_range(struct kunit *test, const struct cnet_port_range *r,
			     u32 offset, unsigned long *seen)
{
	u32 n = (u32)r->hi - r->lo + 1, a;
	u16 p, prev = 0;

	bitmap_zero(seen, 65536);
	for (a = 0; a < n; a++) {
		p = cnet_st_port_pick(r, offset, a);
		if (p < r->lo || p > r->hi || test_bit(p, seen) ||
		    (a && p != (prev == r->hi ? r->lo : prev + 1))) {
			KUNIT_FAIL(test, "range %u-%u offset %u: attempt %u gave %u",
				   r->lo, r->hi, offset, a, p);
			return;
		}
		__set_bit(p, seen);
		prev = p;
	}
	KUNIT_EXPECT_EQ(test, bitmap_weight(seen, 65536), n);
	KUNIT_EXPECT_EQ(test, cnet_st_port_pick(r, offset, n),
			cnet_st_port_pick(r, offset, 0));
}

static void port_pick_covers_range(struct kunit *test)
{
	static const struct cnet_port_range ranges[] = {
		{ 32768, 60999 }, { 1, 65535 }, { 0, 65535 }, { 1000, 1000 },
		{ 65534, 65535 },
	};
	static const u32 offsets[] = { 0, 1, 28231, 0x7fffffff, U32_MAX };
	unsigned long *seen;
	unsigned int i, j;

	seen = kunit_kzalloc(test, BITS_TO_LONGS(65536) * sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, seen);
	for (i = 0; i < ARRAY_SIZE(ranges); i++)
		for (j = 0; j < ARRAY_SIZE(offsets); j++)
			pick_whole_range(test, &ranges[i], offsets[j], seen);
	/* the offset decides where the search starts */
	KUNIT_EXPECT_EQ(test, cnet_st_port_pick(&linux_range, 0, 0), 32768);
	KUNIT_EXPECT_EQ(test, cnet_st_port_pick(&linux_range, 28231, 0), 60999);
	KUNIT_EXPECT_EQ(test, cnet_st_port_pick(&linux_range, 28232, 0), 32768);
}

/* No free port: each caller gets Linux's errno; a freed port is found. */
static void port_exhaustion(struct kunit *test)
{
	static const struct cnet_port_range small = { 1000, 1007 };
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *e[8], *more = st_entry(test, false, false, 0);
	unsigned long seen = 0;
	unsigned int i;
	u16 port;

	KUNIT_EXPECT_EQ(test, cnet_st_exhausted_errno(CNET_ST_BIND), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, cnet_st_exhausted_errno(CNET_ST_AUTOBIND), -EAGAIN);
	KUNIT_EXPECT_EQ(test, cnet_st_exhausted_errno(CNET_ST_CONNECT),
			-EADDRNOTAVAIL);

	for (i = 0; i < ARRAY_SIZE(e); i++) {
		e[i] = st_entry(test, false, false, 0);
		KUNIT_ASSERT_EQ(test, cnet_st_bind(t, e[i], 0, 0, &small, 5,
						   CNET_ST_BIND), 0);
		port = be16_to_cpu(e[i]->key.lport);
		KUNIT_EXPECT_TRUE(test, port >= 1000 && port <= 1007);
		seen |= BIT(port - 1000);
	}
	KUNIT_EXPECT_EQ(test, seen, 0xffUL);

	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, more, 0, 0, &small, 0,
					   CNET_ST_BIND), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, more, 0, 0, &small, 0,
					   CNET_ST_AUTOBIND), -EAGAIN);
	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, more, 0, 0, &small, 0,
					   CNET_ST_CONNECT), -EADDRNOTAVAIL);
	/* an address overlaps the wildcard holders of every port */
	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, more, A1, 0, &small, 0,
					   CNET_ST_BIND), -EADDRINUSE);
	/* an explicit port outside the range still binds */
	KUNIT_EXPECT_EQ(test, st_bind(t, more, 0, 2000), 0);
	cnet_st_unhash(t, more);

	port = be16_to_cpu(e[3]->key.lport);
	cnet_st_unhash(t, e[3]);
	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, more, 0, 0, &small, 1234,
					   CNET_ST_AUTOBIND), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(more->key.lport), port);

	cnet_st_unhash(t, more);
	for (i = 0; i < ARRAY_SIZE(e); i++)
		cnet_st_unhash(t, e[i]);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

/*
 * RFC 6056 algorithm 3: the search starts at F(addresses) plus a counter
 * that every port tried advances, so successive sockets for one peer get
 * successive ports, and F depends on the peer and the secret.
 */
static void rfc6056_offset_and_counter(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *e1 = st_entry(test, false, false, 0);
	struct cnet_st_entry *e2 = st_entry(test, false, false, 0);
	struct cnet_st_entry *e3 = st_entry(test, false, false, 0);
	siphash_key_t k1 = { { 1, 2 } }, k2 = { { 3, 4 } };
	u32 off = cnet_st_offset(&k1, A1, PEER, htons(80));

	KUNIT_EXPECT_EQ(test, off, cnet_st_offset(&k1, A1, PEER, htons(80)));
	KUNIT_EXPECT_NE(test, off, cnet_st_offset(&k1, A1, PEER, htons(81)));
	KUNIT_EXPECT_NE(test, off, cnet_st_offset(&k1, A1, A2, htons(80)));
	KUNIT_EXPECT_NE(test, off, cnet_st_offset(&k1, A2, PEER, htons(80)));
	KUNIT_EXPECT_NE(test, off, cnet_st_offset(&k2, A1, PEER, htons(80)));

	KUNIT_ASSERT_EQ(test, cnet_st_bind(t, e1, A1, 0, &linux_range, off,
					   CNET_ST_CONNECT), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(e1->key.lport),
			cnet_st_port_pick(&linux_range, off, 0));
	KUNIT_ASSERT_EQ(test, cnet_st_bind(t, e2, A1, 0, &linux_range, off,
					   CNET_ST_CONNECT), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(e2->key.lport),
			cnet_st_port_pick(&linux_range, off, 1));
	/* a port in use is skipped, and counts */
	KUNIT_ASSERT_EQ(test, st_bind(t, e3, 0,
				      cnet_st_port_pick(&linux_range, off, 3)), 0);
	cnet_st_unhash(t, e2);
	KUNIT_ASSERT_EQ(test, cnet_st_bind(t, e2, A1, 0, &linux_range, off,
					   CNET_ST_CONNECT), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(e2->key.lport),
			cnet_st_port_pick(&linux_range, off, 2));
	cnet_st_unhash(t, e2);
	KUNIT_ASSERT_EQ(test, cnet_st_bind(t, e2, A1, 0, &linux_range, off,
					   CNET_ST_CONNECT), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(e2->key.lport),
			cnet_st_port_pick(&linux_range, off, 4));
	KUNIT_EXPECT_EQ(test, t->next_ephemeral, 5);

	cnet_st_unhash(t, e1);
	cnet_st_unhash(t, e2);
	cnet_st_unhash(t, e3);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

static struct cnet_st_entry *lookup(struct cnet_sock_table *t, __be32 laddr,
				    u16 lport, __be32 raddr, u16 rport)
{
	struct cnet_st_entry *e;

	rcu_read_lock();
	e = cnet_st_lookup(t, laddr, htons(lport), raddr, htons(rport), 0, 0);
	rcu_read_unlock();
	return e;
}

static struct cnet_st_entry *lookup_dev(struct cnet_sock_table *t,
					__be32 laddr, u16 lport, int dif,
					u32 hash)
{
	struct cnet_st_entry *e;

	rcu_read_lock();
	e = cnet_st_lookup(t, laddr, htons(lport), PEER, htons(5000), dif,
			   hash);
	rcu_read_unlock();
	return e;
}

/* The exact 4-tuple, then the bound address and port, then the port. */
static void lookup_order(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *any = st_entry(test, true, false, 0);
	struct cnet_st_entry *bound = st_entry(test, true, false, 0);
	struct cnet_st_entry *conn = st_entry(test, true, false, 0);

	KUNIT_EXPECT_NULL(test, lookup(t, A1, 80, PEER, 5000));
	KUNIT_ASSERT_EQ(test, st_bind(t, any, 0, 80), 0);
	KUNIT_ASSERT_EQ(test, st_bind(t, bound, A1, 80), 0);
	KUNIT_ASSERT_EQ(test, st_bind(t, conn, 0, 80), 0);
	KUNIT_ASSERT_EQ(test, cnet_st_connect(t, conn, A1, PEER, htons(5000)), 0);
	KUNIT_EXPECT_TRUE(test, conn->key.laddr == A1);

	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), conn);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5001), bound);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, A2, 5000), bound);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A2, 80, PEER, 5000), any);
	KUNIT_EXPECT_NULL(test, lookup(t, A1, 81, PEER, 5000));
	rcu_read_lock();
	KUNIT_EXPECT_NOT_NULL(test, cnet_st_lookup_port(t, htons(80)));
	KUNIT_EXPECT_NULL(test, cnet_st_lookup_port(t, htons(81)));
	rcu_read_unlock();

	/* connect needs a port held and a peer */
	KUNIT_EXPECT_EQ(test, cnet_st_connect(t, conn, A1, 0, htons(1)), -EINVAL);

	/* disconnected: bound again, at the address it keeps */
	KUNIT_ASSERT_EQ(test, cnet_st_disconnect(t, conn, 0), 0);
	KUNIT_EXPECT_TRUE(test, !conn->key.raddr);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), bound);
	/* reconnected elsewhere: only that peer's packets */
	KUNIT_ASSERT_EQ(test, cnet_st_connect(t, conn, A1, A2, htons(7)), 0);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, A2, 7), conn);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), bound);

	cnet_st_unhash(t, bound);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), any);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, A2, 7), conn);
	cnet_st_unhash(t, any);
	KUNIT_EXPECT_NULL(test, lookup(t, A1, 80, PEER, 5000));
	cnet_st_unhash(t, conn);
	KUNIT_EXPECT_NULL(test, lookup(t, A1, 80, A2, 7));
	KUNIT_EXPECT_EQ(test, cnet_st_connect(t, conn, A1, A2, htons(7)), -EINVAL);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

/*
 * TCP's rule on top of UDP's (Linux's inet_bind_conflict()): SO_REUSEADDR
 * on both does not share a listener's port, so a second bind() is
 * refused there, not only its listen(); SO_REUSEPORT still does.
 */
static void conflict_listener(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *l = st_entry(test, true, false, 0);
	struct cnet_st_entry *r = st_entry(test, true, false, 0);
	struct cnet_st_entry *p1 = st_entry(test, false, true, 7);
	struct cnet_st_entry *p2 = st_entry(test, false, true, 7);
	struct cnet_st_entry a = { .reuseaddr = true }, b = a;

	KUNIT_EXPECT_FALSE(test, cnet_st_conflict(&a, &b));
	b.listening = true;
	KUNIT_EXPECT_TRUE(test, cnet_st_conflict(&a, &b));
	KUNIT_EXPECT_TRUE(test, cnet_st_conflict(&b, &a));
	b.key.laddr = A2;
	a.key.laddr = A1;
	KUNIT_EXPECT_FALSE(test, cnet_st_conflict(&a, &b));

	KUNIT_ASSERT_EQ(test, st_bind(t, l, 0, 80), 0);
	cnet_st_set_listening(t, l, true);
	KUNIT_EXPECT_EQ(test, st_bind(t, r, 0, 80), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, st_bind(t, r, A1, 80), -EADDRINUSE);
	/* no longer listening: both SO_REUSEADDR share again */
	cnet_st_set_listening(t, l, false);
	KUNIT_EXPECT_EQ(test, st_bind(t, r, A1, 80), 0);
	cnet_st_unhash(t, r);
	cnet_st_unhash(t, l);

	KUNIT_ASSERT_EQ(test, st_bind(t, p1, 0, 81), 0);
	cnet_st_set_listening(t, p1, true);
	KUNIT_EXPECT_EQ(test, st_bind(t, p2, 0, 81), 0);
	cnet_st_unhash(t, p2);
	cnet_st_unhash(t, p1);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

/*
 * A connection that is CLOSED (cnet_st_close()) but not yet out of the
 * table: lookups pass over it, to the listener behind it, at once.
 */
static void lookup_skips_closed(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *lst = st_entry(test, true, false, 0);
	struct cnet_st_entry *conn = st_entry(test, true, false, 0);

	KUNIT_ASSERT_EQ(test, st_bind(t, lst, 0, 80), 0);
	KUNIT_ASSERT_EQ(test, st_bind(t, conn, 0, 80), 0);
	KUNIT_ASSERT_EQ(test, cnet_st_connect(t, conn, A1, PEER, htons(5000)), 0);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), conn);
	cnet_st_close(conn);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), lst);
	/* connected again (a connect() after a failed one): found again */
	KUNIT_ASSERT_EQ(test, cnet_st_connect(t, conn, A1, PEER, htons(5000)), 0);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 5000), conn);
	cnet_st_unhash(t, conn);
	cnet_st_unhash(t, lst);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

/* TIME-WAIT entries of connect()'s ports (A1, 40000) to PEER:82 only */
static bool tw_port_none(void *arg, const struct cnet_st_entry *e, __be16 port)
{
	/* a TIME-WAIT entry of a bind()-ed socket holds 40001 */
	return port == htons(40001);
}

/* ... and says in @arg (if set) what it was last asked: bound or not */
static bool tw_tuple_82(void *arg, const struct cnet_st_key *k, bool bound)
{
	int *asked = arg;

	if (asked)
		*asked = bound;
	return k->laddr == A1 && k->lport == htons(40000) &&
	       k->raddr == PEER && k->rport == htons(82);
}

/*
 * connect() (RFC 6056 with Linux's __inet_hash_connect() rule): a port
 * connect() chose serves other connections for other 4-tuples, never a
 * port bind() took, never a 4-tuple in use or in TIME-WAIT.
 */
static void connect_shares_port(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	const struct cnet_port_range one = { 40000, 40000 };
	const struct cnet_port_range two = { 40000, 40001 };
	struct cnet_st_entry *c[5], *b = st_entry(test, true, false, 0);
	struct cnet_st_entry *b2 = st_entry(test, true, false, 0);
	unsigned int i;
	int asked = -1;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		c[i] = st_entry(test, true, false, 0);
	t->unique_conn = true;
	cnet_st_set_held(t, tw_port_none, tw_tuple_82, &asked);

	KUNIT_ASSERT_EQ(test, cnet_st_bind_connect(t, c[0], A1, PEER, htons(80),
						   &one, 0), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(c[0]->key.lport), 40000);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 40000, PEER, 80), c[0]);
	/* the same port for another peer port */
	KUNIT_ASSERT_EQ(test, cnet_st_bind_connect(t, c[1], A1, PEER, htons(81),
						   &one, 0), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(c[1]->key.lport), 40000);
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 40000, PEER, 81), c[1]);
	/* never a 4-tuple in use, nor one a TIME-WAIT entry holds */
	KUNIT_EXPECT_EQ(test, cnet_st_bind_connect(t, c[2], A1, PEER, htons(80),
						   &one, 0), -EADDRNOTAVAIL);
	KUNIT_EXPECT_FALSE(test, c[2]->hashed);
	KUNIT_EXPECT_EQ(test, cnet_st_bind_connect(t, c[2], A1, PEER, htons(82),
						   &one, 0), -EADDRNOTAVAIL);
	/* asked for connect()'s own port (tcp_tw_reuse's case) */
	KUNIT_EXPECT_EQ(test, asked, 0);
	/* the TIME-WAIT entry's port was bind()'s: 40001 is not shared */
	KUNIT_EXPECT_EQ(test, cnet_st_bind_connect(t, c[2], A1, PEER, htons(82),
						   &two, 1), -EADDRNOTAVAIL);
	/* a port bind() took is never connect()'s to share */
	cnet_st_set_held(t, NULL, tw_tuple_82, &asked);
	KUNIT_ASSERT_EQ(test, st_bind(t, b, 0, 40001), 0);
	KUNIT_EXPECT_EQ(test, cnet_st_bind_connect(t, c[2], A2, PEER, htons(82),
						   &two, 1), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(c[2]->key.lport), 40000);
	KUNIT_ASSERT_EQ(test, cnet_st_bind_connect(t, c[3], A1, PEER, htons(7),
						   &two, 1), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(c[3]->key.lport), 40000);
	/* a closed connection's 4-tuple is free at once */
	cnet_st_close(c[0]);
	KUNIT_EXPECT_EQ(test, cnet_st_bind_connect(t, c[4], A1, PEER, htons(80),
						   &one, 0), 0);
	/* a socket bound before may not connect to a 4-tuple in use */
	KUNIT_ASSERT_EQ(test, st_bind(t, b2, 0, 40000), 0);
	KUNIT_EXPECT_EQ(test, cnet_st_connect(t, b2, A1, PEER, htons(81)),
			-EADDRNOTAVAIL);
	/* nor to one a TIME-WAIT entry holds from a port bind() chose */
	asked = -1;
	KUNIT_EXPECT_EQ(test, cnet_st_connect(t, b2, A1, PEER, htons(82)),
			-EADDRNOTAVAIL);
	KUNIT_EXPECT_EQ(test, asked, 1);
	KUNIT_EXPECT_EQ(test, cnet_st_connect(t, b2, A1, PEER, htons(83)), 0);
	cnet_st_unhash(t, b2);
	for (i = 0; i < ARRAY_SIZE(c); i++)
		cnet_st_unhash(t, c[i]);
	cnet_st_unhash(t, b);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

/*
 * Devices at lookup: a socket bound to the arrival device beats one bound
 * to none; one bound to another device is no candidate.
 */
static void lookup_devices(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *any = st_entry(test, false, false, 0);
	struct cnet_st_entry *d2 = st_entry(test, false, false, 0);
	struct cnet_st_entry *d3 = st_entry(test, false, false, 0);

	d2->dev_if = 2;
	d3->dev_if = 3;
	KUNIT_ASSERT_EQ(test, st_bind(t, d2, 0, 67), 0);
	KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 67, 2, 0), d2);
	KUNIT_EXPECT_NULL(test, lookup_dev(t, A1, 67, 3, 0));
	KUNIT_ASSERT_EQ(test, st_bind(t, d3, 0, 67), 0);
	KUNIT_ASSERT_EQ(test, st_bind(t, any, 0, 67), -EADDRINUSE);
	KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 67, 3, 0), d3);
	KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 67, 2, 0), d2);
	cnet_st_unhash(t, d3);
	KUNIT_EXPECT_NULL(test, lookup_dev(t, A1, 67, 3, 0));

	/* SO_REUSEADDR: a wildcard next to a device-bound socket */
	d2->reuseaddr = true;
	any->reuseaddr = true;
	cnet_st_unhash(t, d2);
	KUNIT_ASSERT_EQ(test, st_bind(t, d2, 0, 67), 0);
	KUNIT_ASSERT_EQ(test, st_bind(t, any, 0, 67), 0);
	KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 67, 2, 0), d2);
	KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 67, 3, 0), any);
	/* bound to a device later: seen at once */
	cnet_st_set_dev(t, any, 3);
	KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 67, 3, 0), any);
	KUNIT_EXPECT_NULL(test, lookup_dev(t, A1, 67, 4, 0));
	cnet_st_unhash(t, any);
	cnet_st_unhash(t, d2);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

#define GROUP	4

/*
 * An SO_REUSEPORT group: each flow hash goes to one member, always the
 * same; hashes spread over every member; a member gone, the others share.
 */
static void reuseport_group(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *g[GROUP], *other, *e;
	unsigned int i, j, hits[GROUP] = {};
	u32 h;

	for (i = 0; i < GROUP; i++) {
		g[i] = st_entry(test, false, true, 7);
		KUNIT_ASSERT_EQ(test, st_bind(t, g[i], A1, 5353), 0);
	}
	other = st_entry(test, false, true, 8);
	KUNIT_EXPECT_EQ(test, st_bind(t, other, A1, 5353), -EADDRINUSE);

	for (h = 0; h < 4096; h++) {
		u32 hash = h * 0x9e3779b9;

		e = lookup_dev(t, A1, 5353, 1, hash);
		for (j = 0; j < GROUP && g[j] != e; j++)
			;
		if (j == GROUP) {
			KUNIT_FAIL(test, "hash %08x: no member", hash);
			return;
		}
		hits[j]++;
		KUNIT_EXPECT_PTR_EQ(test, lookup_dev(t, A1, 5353, 1, hash), e);
	}
	for (j = 0; j < GROUP; j++)
		KUNIT_EXPECT_GT_MSG(test, hits[j], 4096 / GROUP / 2,
				    "member %u got %u of 4096", j, hits[j]);

	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, cnet_st_reuseport_pick(U32_MAX, i + 1), i);
	KUNIT_EXPECT_EQ(test, cnet_st_reuseport_pick(0, 4), 0);

	cnet_st_unhash(t, g[0]);
	for (h = 0; h < 256; h++)
		KUNIT_EXPECT_PTR_NE(test, lookup_dev(t, A1, 5353, 1, h << 24),
				    g[0]);
	for (i = 1; i < GROUP; i++)
		cnet_st_unhash(t, g[i]);
	KUNIT_EXPECT_EQ(test, t->count, 0);
}

/* Who gets a copy of a broadcast (as Linux's __udp_is_mcast_sock()). */
static void bcast_match(struct kunit *test)
{
	__be32 bc = cpu_to_be32(0x0a0000ff);	/* 10.0.0.255 */
	__be16 p = htons(67), sp = htons(68);
	struct cnet_st_key any = { .lport = p }, uni = { A1, p },
		bound = { bc, p }, conn = { A1, p, sp, PEER },
		other = { .lport = htons(68) };

	KUNIT_EXPECT_TRUE(test, cnet_st_bcast_match(&any, 0, bc, p, PEER, sp, 2));
	KUNIT_EXPECT_TRUE(test, cnet_st_bcast_match(&bound, 0, bc, p, PEER, sp, 2));
	KUNIT_EXPECT_FALSE(test, cnet_st_bcast_match(&uni, 0, bc, p, PEER, sp, 2));
	KUNIT_EXPECT_FALSE(test, cnet_st_bcast_match(&conn, 0, bc, p, PEER, sp, 2));
	KUNIT_EXPECT_FALSE(test, cnet_st_bcast_match(&other, 0, bc, p, PEER, sp, 2));
	KUNIT_EXPECT_TRUE(test, cnet_st_bcast_match(&any, 2, bc, p, PEER, sp, 2));
	KUNIT_EXPECT_FALSE(test, cnet_st_bcast_match(&any, 3, bc, p, PEER, sp, 2));
}

#define MANY		10000
#define MANY_SHARED	1000	/* of which connected, sharing port 80 */

static void st_vfree(void *p)
{
	vfree(p);
}

static __be32 many_peer(unsigned int i)
{
	return cpu_to_be32(0x0b000000 + i);	/* 11.0.x.y */
}

/*
 * 10 000 sockets: 9 000 bound to ports of their own (one in three to
 * 10.0.0.1, the others to any address), 1 000 sharing port 80 connected
 * to peers of their own; each is found, and an empty table is left.
 */
static void many_sockets(struct kunit *test)
{
	struct cnet_sock_table *t = st_table(test, false);
	struct cnet_st_entry *e, *lst;
	unsigned int i, wrong = 0;

	e = vzalloc(MANY * sizeof(*e));
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, st_vfree, e), 0);
	lst = st_entry(test, true, false, 0);

	KUNIT_ASSERT_EQ(test, st_bind(t, lst, 0, 80), 0);
	for (i = 0; i < MANY - MANY_SHARED; i++)
		KUNIT_ASSERT_EQ(test, st_bind(t, &e[i], i % 3 ? 0 : A1,
					      10000 + i), 0);
	for (; i < MANY; i++) {
		e[i].reuseaddr = true;
		KUNIT_ASSERT_EQ(test, st_bind(t, &e[i], A1, 80), 0);
		KUNIT_ASSERT_EQ(test, cnet_st_connect(t, &e[i], A1,
						      many_peer(i), htons(i)), 0);
	}
	KUNIT_EXPECT_EQ(test, t->count, MANY + 1);

	for (i = 0; i < MANY - MANY_SHARED; i++)
		wrong += lookup(t, A1, 10000 + i, PEER, 1) != &e[i];
	for (; i < MANY; i++)
		wrong += lookup(t, A1, 80, many_peer(i), i) != &e[i];
	KUNIT_EXPECT_EQ(test, wrong, 0);
	/* an unknown peer on port 80 gets the wildcard socket */
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A1, 80, PEER, 1), lst);
	/* a port bound to 10.0.0.1 is not bound to 10.0.0.2 */
	KUNIT_EXPECT_NULL(test, lookup(t, A2, 10000, PEER, 1));
	KUNIT_EXPECT_PTR_EQ(test, lookup(t, A2, 10001, PEER, 1), &e[1]);

	for (i = 0; i < MANY; i++)
		cnet_st_unhash(t, &e[i]);
	cnet_st_unhash(t, lst);
	KUNIT_EXPECT_EQ(test, t->count, 0);
	for (i = 0; i < MANY; i += 97)
		KUNIT_EXPECT_NULL(test, lookup(t, A1, 10000 + i, PEER, 1));
	KUNIT_EXPECT_NULL(test, lookup(t, A1, 80, many_peer(MANY - 1),
				       MANY - 1));
	rcu_read_lock();
	KUNIT_EXPECT_NULL(test, cnet_st_lookup_port(t, htons(80)));
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, atomic_read(&t->port.ht.nelems), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->addr.ht.nelems), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->conn.ht.nelems), 0);
}

static struct kunit_case cnet_sock_table_cases[] = {
	KUNIT_CASE(conflict_rules),
	KUNIT_CASE(conflict_devices),
	KUNIT_CASE(bind_conflicts),
	KUNIT_CASE(held_hook),
	KUNIT_CASE(port_pick_covers_range),
	KUNIT_CASE(port_exhaustion),
	KUNIT_CASE(rfc6056_offset_and_counter),
	KUNIT_CASE(lookup_order),
	KUNIT_CASE(conflict_listener),
	KUNIT_CASE(lookup_skips_closed),
	KUNIT_CASE(connect_shares_port),
	KUNIT_CASE(lookup_devices),
	KUNIT_CASE(reuseport_group),
	KUNIT_CASE(bcast_match),
	KUNIT_CASE(many_sockets),
	{}
};

static struct kunit_suite cnet_sock_table_suite = {
	.name = "cnet_sock_table",
	.test_cases = cnet_sock_table_cases,
};

kunit_test_suite(cnet_sock_table_suite);
