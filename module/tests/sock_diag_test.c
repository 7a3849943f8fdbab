// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the dump lists `cnet sock show` walks (struct
 * cnet_st_dnode, sock_table.c): a dump that stops and resumes many times
 * while sockets come and go reports each socket that stays put exactly
 * once and never one twice, with other dumps' cursors in the list; a
 * batch that did not fit puts the cursor back; a table's bind and unhash
 * keep its list; and SOCK_GET's attributes in the family's policy.
 */
#include <kunit/test.h>
#include <linux/bitmap.h>
#include <net/netlink.h>

#include "../cnet.h"
#include "../netlink.h"
#include "../sock_table.h"

#define N	200

struct dl_case {
	struct cnet_st_dlist l;
	struct cnet_st_dnode node[N];
	bool listed[N];
	u8 seen[N];
	u8 rejoined[N];
	DECLARE_BITMAP(stays, N);	/* listed at the start and never left */
};

static struct dl_case *dl_init(struct kunit *test, unsigned int n)
{
	struct dl_case *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, c);
	cnet_st_dlist_init(&c->l);
	for (i = 0; i < n; i++) {
		cnet_st_dlist_add(&c->l, &c->node[i]);
		c->listed[i] = true;
		__set_bit(i, c->stays);
	}
	return c;
}

static void dl_del(struct dl_case *c, unsigned int i)
{
	if (!c->listed[i])
		return;
	cnet_st_dlist_del(&c->l, &c->node[i]);
	c->listed[i] = false;
	__clear_bit(i, c->stays);
}

static void dl_add(struct dl_case *c, unsigned int i)
{
	if (c->listed[i])
		return;
	cnet_st_dlist_add(&c->l, &c->node[i]);
	c->listed[i] = true;
	c->rejoined[i]++;
}

/* Take up to @max nodes after @cur; ours (@count) are reported. */
static unsigned int dl_take(struct dl_case *c, struct cnet_st_dnode *cur,
			    unsigned int max, bool count)
{
	struct cnet_st_dnode *n;
	unsigned int i;

	spin_lock_bh(&c->l.lock);
	for (i = 0; i < max; i++) {
		n = cnet_st_cursor_next(&c->l, cur);
		if (!n)
			break;
		if (count)
			c->seen[n - c->node]++;
	}
	spin_unlock_bh(&c->l.lock);
	return i;
}

/* A dump's cursor joins the list first, or leaves it. */
static void dl_cursor(struct dl_case *c, struct cnet_st_dnode *cur, bool in)
{
	spin_lock_bh(&c->l.lock);
	if (in)
		list_add(&cur->node, &c->l.head);
	else
		list_del(&cur->node);
	spin_unlock_bh(&c->l.lock);
}

static struct cnet_st_dnode *dl_next(struct dl_case *c,
				     struct cnet_st_dnode *cur)
{
	struct cnet_st_dnode *n;

	spin_lock_bh(&c->l.lock);
	n = cnet_st_cursor_next(&c->l, cur);
	spin_unlock_bh(&c->l.lock);
	return n;
}

static bool dl_rewind(struct dl_case *c, struct cnet_st_dnode *cur,
		      unsigned int i, u32 gen)
{
	bool ok;

	spin_lock_bh(&c->l.lock);
	ok = cnet_st_cursor_rewind(&c->l, cur, &c->node[i], gen);
	spin_unlock_bh(&c->l.lock);
	return ok;
}

/* Walked in steps of 7 while others come, go and come back. */
static void dlist_churn(struct kunit *test)
{
	struct dl_case *c = dl_init(test, 150);
	struct cnet_st_dnode cur = { .cursor = true }, other = { .cursor = true };
	unsigned int step = 0, i;

	dl_cursor(c, &cur, true);
	dl_cursor(c, &other, true);		/* another dump, before ours */
	dl_take(c, &other, 3, false);
	while (dl_take(c, &cur, 7, true)) {
		step++;
		dl_del(c, (step * 37) % 150);		/* behind or ahead */
		dl_del(c, (step * 11 + 5) % 150);
		dl_add(c, 150 + step % 50);		/* new ones at the end */
		if (step % 3 == 0)
			dl_add(c, (step * 37) % 150);	/* back, at the end */
		if (step % 5 == 0)
			dl_take(c, &other, 2, false);	/* the other dump moves */
		KUNIT_ASSERT_LT(test, step, 1000u);
	}
	for (i = 0; i < N; i++) {
		/* a socket that left and came back is a new one */
		KUNIT_EXPECT_LE_MSG(test, c->seen[i], 1 + c->rejoined[i],
				    "node %u twice", i);
		if (test_bit(i, c->stays))
			KUNIT_EXPECT_EQ_MSG(test, c->seen[i], 1,
					    "node %u stayed put, missed", i);
	}
	dl_cursor(c, &cur, false);
	dl_cursor(c, &other, false);
}

/*
 * A batch of 5 of which 2 fit: the cursor goes back before the third; if
 * that one left meanwhile, before the fourth; if it left and came back
 * (at the end), it is not where the cursor goes.
 */
static void dlist_rewind(struct kunit *test)
{
	struct dl_case *c = dl_init(test, 10);
	struct cnet_st_dnode cur = { .cursor = true };
	struct cnet_st_dnode *n;
	u32 gen[10];
	unsigned int i;

	dl_cursor(c, &cur, true);
	for (i = 0; i < 5; i++) {
		n = dl_next(c, &cur);
		KUNIT_ASSERT_PTR_EQ(test, n, &c->node[i]);
		gen[i] = n->gen;
	}
	/* 2 left and 3 came back since: neither is where we stopped */
	dl_del(c, 2);
	dl_del(c, 3);
	dl_add(c, 3);
	KUNIT_EXPECT_FALSE(test, dl_rewind(c, &cur, 2, gen[2]));
	KUNIT_EXPECT_FALSE(test, dl_rewind(c, &cur, 3, gen[3]));
	KUNIT_EXPECT_TRUE(test, dl_rewind(c, &cur, 4, gen[4]));
	/* on from 4: 4..9, then 3 (it came back at the end) */
	for (i = 4; i < 10; i++)
		KUNIT_EXPECT_PTR_EQ(test, dl_next(c, &cur), &c->node[i]);
	KUNIT_EXPECT_PTR_EQ(test, dl_next(c, &cur), &c->node[3]);
	KUNIT_EXPECT_NULL(test, dl_next(c, &cur));
	dl_cursor(c, &cur, false);
}

/* An empty list, and one holding only cursors, has nothing to report. */
static void dlist_empty(struct kunit *test)
{
	struct dl_case *c = dl_init(test, 0);
	struct cnet_st_dnode a = { .cursor = true }, b = { .cursor = true };

	dl_cursor(c, &a, true);
	KUNIT_EXPECT_NULL(test, dl_next(c, &a));
	dl_cursor(c, &b, true);
	KUNIT_EXPECT_NULL(test, dl_next(c, &b));
	KUNIT_EXPECT_NULL(test, dl_next(c, &a));
	dl_cursor(c, &a, false);
	dl_cursor(c, &b, false);
	/* leaving twice, or a node never on it, is nothing */
	cnet_st_dlist_del(&c->l, &c->node[0]);
	cnet_st_dlist_add(&c->l, &c->node[1]);
	cnet_st_dlist_del(&c->l, &c->node[1]);
	cnet_st_dlist_del(&c->l, &c->node[1]);
	KUNIT_EXPECT_TRUE(test, list_empty(&c->l.head));
}

static void st_destroy(void *t)
{
	cnet_st_destroy(t);
}

/* A table's dump list holds exactly the sockets holding a port. */
static void dlist_table(struct kunit *test)
{
	static const struct cnet_port_range r = { 1000, 1009 };
	struct cnet_sock_table *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct cnet_st_entry *e = kunit_kcalloc(test, 3, sizeof(*e), GFP_KERNEL);
	struct cnet_st_dnode cur = { .cursor = true };

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_ASSERT_EQ(test, cnet_st_init(t, false), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, st_destroy, t), 0);
	KUNIT_ASSERT_EQ(test, cnet_st_bind(t, &e[0], 0, 1000, &r, 0,
					   CNET_ST_BIND), 0);
	KUNIT_ASSERT_EQ(test, cnet_st_bind(t, &e[1], 0, 1001, &r, 0,
					   CNET_ST_BIND), 0);
	/* a failed bind does not join */
	KUNIT_EXPECT_EQ(test, cnet_st_bind(t, &e[2], 0, 1000, &r, 0,
					   CNET_ST_BIND), -EADDRINUSE);
	spin_lock_bh(&t->all.lock);
	list_add(&cur.node, &t->all.head);
	KUNIT_EXPECT_PTR_EQ(test, cnet_st_cursor_next(&t->all, &cur),
			    &e[0].dnode);
	spin_unlock_bh(&t->all.lock);
	cnet_st_unhash(t, &e[0]);
	KUNIT_EXPECT_EQ(test, cnet_st_connect(t, &e[1], htonl(0x7f000001),
					      htonl(0x7f000002), htons(7)), 0);
	spin_lock_bh(&t->all.lock);
	KUNIT_EXPECT_PTR_EQ(test, cnet_st_cursor_next(&t->all, &cur),
			    &e[1].dnode);
	KUNIT_EXPECT_NULL(test, cnet_st_cursor_next(&t->all, &cur));
	list_del(&cur.node);
	spin_unlock_bh(&t->all.lock);
	cnet_st_unhash(t, &e[1]);
	KUNIT_EXPECT_TRUE(test, list_empty(&t->all.head));
}

static int sd_parse(struct sk_buff *skb, struct nlattr **tb)
{
	return nla_parse(tb, CNET_A_MAX, (struct nlattr *)skb->data, skb->len,
			 cnet_nl_policy, NULL);
}

/* SOCK_GET's filters are masks of known bits; its outputs are no input. */
static void sock_get_policy(struct kunit *test)
{
	/* CNET_A_MAX pointers: too many for the stack frame */
	struct nlattr **tb = kunit_kcalloc(test, CNET_A_MAX + 1, sizeof(*tb),
					   GFP_KERNEL);
	struct sk_buff *skb;
	static const struct { u16 type; u32 v; int err; } cases[] = {
		{ CNET_A_SOCK_KINDS, BIT(CNET_SOCK_UDP) | BIT(CNET_SOCK_TCP), 0 },
		{ CNET_A_SOCK_KINDS, CNET_SOCK_KINDS_ALL, 0 },
		{ CNET_A_SOCK_KINDS, BIT(0), -EINVAL },
		{ CNET_A_SOCK_KINDS, BIT(__CNET_SOCK_MAX), -EINVAL },
		{ CNET_A_SOCK_STATES, BIT(CNET_SOCK_ST_LISTEN), 0 },
		{ CNET_A_SOCK_STATES, CNET_SOCK_STATES_ALL, 0 },
		{ CNET_A_SOCK_STATES, BIT(__CNET_SOCK_ST_MAX), -EINVAL },
		{ CNET_A_SOCK_RQUEUE, 0, -EINVAL },
		{ CNET_A_SOCK_TCP_BYTES_RECEIVED, 0, -EINVAL },
	};
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, tb);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		skb = alloc_skb(256, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		nla_put_u32(skb, cases[i].type, cases[i].v);
		KUNIT_EXPECT_EQ_MSG(test, sd_parse(skb, tb), cases[i].err,
				    "case %u", i);
		kfree_skb(skb);
	}
	/* the filters are u32, not anything shorter */
	skb = alloc_skb(256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	nla_put_u8(skb, CNET_A_SOCK_KINDS, 2);
	KUNIT_EXPECT_EQ(test, sd_parse(skb, tb), -EINVAL);
	kfree_skb(skb);
}

static struct kunit_case cnet_sock_diag_cases[] = {
	KUNIT_CASE(dlist_churn),
	KUNIT_CASE(dlist_rewind),
	KUNIT_CASE(dlist_empty),
	KUNIT_CASE(dlist_table),
	KUNIT_CASE(sock_get_policy),
	{}
};

static struct kunit_suite cnet_sock_diag_suite = {
	.name = "cnet_sock_diag",
	.test_cases = cnet_sock_diag_cases,
};

kunit_test_suite(cnet_sock_diag_suite);
