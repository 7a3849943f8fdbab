// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for IPv4 reassembly's decisions (ip_fragq.h), with
 * synthetic offsets and lengths and a fake clock: fragments in order,
 * reversed, in random order, duplicated; every shape of overlap; a
 * missing piece; invalid and oversize fragments; the timeout across a
 * jiffies wrap; memory held back to zero; the eviction order.
 */
#include <kunit/test.h>
#include <linux/prandom.h>

#include "../ip_fragq.h"

/* Start near the wrap so every comparison must be wrap-safe. */
#define T0 (ULONG_MAX - 50)

#define HLEN 20

struct fq_case {
	struct cnet_fragq q;
	struct cnet_frag *f;	/* room for the fragments */
	unsigned int used;
};

static void fq_init(struct kunit *test, struct fq_case *c, unsigned int n)
{
	cnet_fragq_init(&c->q, T0);
	c->f = kunit_kcalloc(test, n, sizeof(*c->f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->f);
	c->used = 0;
}

/* Offer the fragment offset..offset+len; truesize 100 + len. */
static enum cnet_fragq_verdict add(struct fq_case *c, u32 offset, u32 len,
				   bool more)
{
	return cnet_fragq_insert(&c->q, &c->f[c->used++], offset, len, more,
				 HLEN, 100 + len);
}

/* The kept fragments, in order, are contiguous from 0 to len. */
static void expect_whole(struct kunit *test, const struct cnet_fragq *q,
			 u32 len, unsigned int nfrags)
{
	const struct cnet_frag *f;
	unsigned int n = 0;
	u32 at = 0;

	for (f = cnet_fragq_first(q); f; f = cnet_fragq_next(f)) {
		KUNIT_EXPECT_EQ(test, f->offset, at);
		at = f->end;
		n++;
	}
	KUNIT_EXPECT_EQ(test, at, len);
	KUNIT_EXPECT_EQ(test, n, nfrags);
	KUNIT_EXPECT_EQ(test, q->nfrags, nfrags);
	KUNIT_EXPECT_EQ(test, q->meat, len);
	KUNIT_EXPECT_EQ(test, q->len, len);
}

static void in_order(struct kunit *test)
{
	struct fq_case c;

	fq_init(test, &c, 3);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, c.q.flags, CNET_FRAGQ_FIRST_IN);
	KUNIT_EXPECT_EQ(test, add(&c, 8, 16, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.f[1]);
	KUNIT_EXPECT_EQ(test, add(&c, 24, 5, false), CNET_FRAGQ_COMPLETE);
	KUNIT_EXPECT_EQ(test, c.q.hlen, HLEN);
	expect_whole(test, &c.q, 29, 3);
}

static void reversed(struct kunit *test)
{
	struct fq_case c;
	int i;

	fq_init(test, &c, 10);
	KUNIT_EXPECT_EQ(test, add(&c, 72, 3, false), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, c.q.flags, CNET_FRAGQ_LAST_IN);
	KUNIT_EXPECT_EQ(test, c.q.len, 75);
	for (i = 8; i > 0; i--)
		KUNIT_EXPECT_EQ(test, add(&c, i * 8, 8, true), CNET_FRAGQ_KEPT);
	/* the last one in the datagram stays the last */
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.f[0]);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_COMPLETE);
	expect_whole(test, &c.q, 75, 10);
}

/* 200 fragments of 8 bytes, then a short last one, in a shuffled order. */
static void random_order(struct kunit *test)
{
	const unsigned int n = 201;
	struct rnd_state rnd;
	unsigned int *order, i, j, tmp;
	struct fq_case c;

	prandom_seed_state(&rnd, 42);
	order = kunit_kcalloc(test, n, sizeof(*order), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, order);
	for (i = 0; i < n; i++)
		order[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = prandom_u32_state(&rnd) % (i + 1);
		tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	fq_init(test, &c, n);
	for (i = 0; i < n; i++) {
		bool last = order[i] == n - 1;

		KUNIT_ASSERT_EQ(test, add(&c, order[i] * 8, last ? 4 : 8, !last),
				i == n - 1 ? CNET_FRAGQ_COMPLETE : CNET_FRAGQ_KEPT);
	}
	expect_whole(test, &c.q, (n - 1) * 8 + 4, n);
}

/* Copies of fragments are refused and change nothing; the rest goes on. */
static void duplicated(struct kunit *test)
{
	struct fq_case c;
	u32 mem;

	fq_init(test, &c, 8);
	KUNIT_EXPECT_EQ(test, add(&c, 8, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, add(&c, 16, 4, false), CNET_FRAGQ_KEPT);
	mem = c.q.mem;
	KUNIT_EXPECT_EQ(test, add(&c, 8, 8, true), CNET_FRAGQ_DUPLICATE);
	KUNIT_EXPECT_EQ(test, add(&c, 16, 4, false), CNET_FRAGQ_DUPLICATE);
	KUNIT_EXPECT_EQ(test, c.q.mem, mem);
	KUNIT_EXPECT_EQ(test, c.q.nfrags, 2);
	KUNIT_EXPECT_EQ(test, c.q.meat, 12);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_COMPLETE);
	/* even after completion a copy is a copy */
	KUNIT_EXPECT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_DUPLICATE);
	expect_whole(test, &c.q, 20, 3);
}

/*
 * Around a kept fragment 16..40 (and its neighbours 0..8 and 48..56, to
 * make the descent go both ways), every shape of overlap is refused and
 * changes nothing; touching is not overlapping.
 */
static void overlaps(struct kunit *test)
{
	static const struct {
		u32 offset, len;
		const char *what;
	} shapes[] = {
		{ 24, 24, "starts inside" },
		{ 8, 16, "ends inside" },
		{ 8, 40, "covers it" },
		{ 24, 8, "inside it" },
		{ 16, 8, "same start, shorter" },
		{ 16, 32, "same start, longer" },
		{ 8, 32, "same end, earlier start" },
		{ 24, 16, "same end, later start" },
		{ 0, 56, "covers all three" },
		{ 0, 16, "on the first and into the gap" },
	};
	struct fq_case c;
	unsigned int i;
	u32 mem;

	fq_init(test, &c, ARRAY_SIZE(shapes) + 8);
	KUNIT_ASSERT_EQ(test, add(&c, 16, 24, true), CNET_FRAGQ_KEPT);
	KUNIT_ASSERT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_ASSERT_EQ(test, add(&c, 48, 8, true), CNET_FRAGQ_KEPT);
	mem = c.q.mem;
	for (i = 0; i < ARRAY_SIZE(shapes); i++) {
		KUNIT_EXPECT_EQ_MSG(test, add(&c, shapes[i].offset, shapes[i].len, true),
				    CNET_FRAGQ_OVERLAP, "%s", shapes[i].what);
	}
	KUNIT_EXPECT_EQ(test, c.q.mem, mem);
	KUNIT_EXPECT_EQ(test, c.q.nfrags, 3);
	KUNIT_EXPECT_EQ(test, c.q.meat, 40);
	/* touching on both sides is fine */
	KUNIT_EXPECT_EQ(test, add(&c, 8, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, add(&c, 40, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, c.q.nfrags, 5);
	KUNIT_EXPECT_EQ(test, c.q.meat, 56);
}

/* The last fragment overlapped, from before and from its own start. */
static void overlaps_last(struct kunit *test)
{
	struct fq_case c;

	fq_init(test, &c, 6);
	KUNIT_ASSERT_EQ(test, add(&c, 0, 16, true), CNET_FRAGQ_KEPT);
	KUNIT_ASSERT_EQ(test, add(&c, 24, 10, false), CNET_FRAGQ_KEPT);
	/* a middle fragment running into it */
	KUNIT_EXPECT_EQ(test, add(&c, 16, 16, true), CNET_FRAGQ_OVERLAP);
	/* a last fragment starting inside it, same end */
	KUNIT_EXPECT_EQ(test, add(&c, 32, 2, false), CNET_FRAGQ_OVERLAP);
	/* same start, other end (teardrop's shape) */
	KUNIT_EXPECT_EQ(test, add(&c, 24, 4, false), CNET_FRAGQ_OVERLAP);
	KUNIT_EXPECT_EQ(test, add(&c, 16, 8, true), CNET_FRAGQ_COMPLETE);
	expect_whole(test, &c.q, 34, 3);
}

/* A hole: never complete, however many times the rest comes. */
static void missing(struct kunit *test)
{
	struct fq_case c;

	fq_init(test, &c, 6);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, add(&c, 16, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, add(&c, 24, 1, false), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, add(&c, 16, 8, true), CNET_FRAGQ_DUPLICATE);
	KUNIT_EXPECT_EQ(test, c.q.meat, 17);
	KUNIT_EXPECT_EQ(test, c.q.len, 25);
	KUNIT_EXPECT_EQ(test, c.q.flags,
			CNET_FRAGQ_FIRST_IN | CNET_FRAGQ_LAST_IN);
	/* the hole filled */
	KUNIT_EXPECT_EQ(test, add(&c, 8, 8, true), CNET_FRAGQ_COMPLETE);
}

/* Fragments that are wrong on their own or against the last one's end */
static void invalid(struct kunit *test)
{
	struct fq_case c;

	KUNIT_EXPECT_EQ(test, cnet_frag_check(0, 0, true, HLEN), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(8, 0, false, HLEN), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(0, 12, true, HLEN), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(8, 1, true, HLEN), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(8, 1, false, HLEN), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(0, 8, true, HLEN), CNET_FRAGQ_KEPT);

	fq_init(test, &c, 8);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 0, true), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, c.q.nfrags, 0);
	KUNIT_ASSERT_EQ(test, add(&c, 0, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_ASSERT_EQ(test, add(&c, 16, 8, false), CNET_FRAGQ_KEPT);
	/* a second last fragment with another end, before or after */
	KUNIT_EXPECT_EQ(test, add(&c, 32, 8, false), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, add(&c, 8, 4, false), CNET_FRAGQ_INVALID);
	/* data after the end */
	KUNIT_EXPECT_EQ(test, add(&c, 24, 8, true), CNET_FRAGQ_INVALID);
	KUNIT_EXPECT_EQ(test, c.q.len, 24);
	KUNIT_EXPECT_EQ(test, c.q.nfrags, 2);

	/* a last fragment that ends before data already held */
	fq_init(test, &c, 2);
	KUNIT_ASSERT_EQ(test, add(&c, 32, 8, true), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, add(&c, 8, 8, false), CNET_FRAGQ_INVALID);
}

/* 65 535 bytes with the header, not one more: the ping of death. */
static void oversize(struct kunit *test)
{
	struct fq_case c;

	KUNIT_EXPECT_EQ(test, cnet_frag_check(65512, 3, false, HLEN),
			CNET_FRAGQ_KEPT);	/* 20 + 65515 */
	KUNIT_EXPECT_EQ(test, cnet_frag_check(65512, 4, false, HLEN),
			CNET_FRAGQ_OVERSIZE);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(65528, 8, false, HLEN),
			CNET_FRAGQ_OVERSIZE);
	KUNIT_EXPECT_EQ(test, cnet_frag_check(0, 65496, true, 40),
			CNET_FRAGQ_OVERSIZE);	/* 40 + 65496 */

	/* fits with 20 bytes of header, not with the first's 60 */
	fq_init(test, &c, 4);
	KUNIT_EXPECT_EQ(test, add(&c, 65472, 40, false), CNET_FRAGQ_KEPT);
	KUNIT_EXPECT_EQ(test, cnet_fragq_insert(&c.q, &c.f[c.used++], 0, 8,
						true, 60, 108),
			CNET_FRAGQ_OVERSIZE);
	KUNIT_EXPECT_EQ(test, c.q.flags, CNET_FRAGQ_LAST_IN);
	/* the first fragment with a short header fits */
	KUNIT_EXPECT_EQ(test, cnet_fragq_insert(&c.q, &c.f[c.used++], 0, 8,
						true, 20, 108),
			CNET_FRAGQ_KEPT);
	/* and then nothing may push the end further out */
	KUNIT_EXPECT_EQ(test, c.q.len, 65512);
}

/* The timeout runs from the first fragment, across a jiffies wrap. */
static void timeout(struct kunit *test)
{
	struct fq_case c;

	fq_init(test, &c, 2);
	KUNIT_EXPECT_EQ(test, cnet_fragq_deadline(&c.q, 100), T0 + 100);
	KUNIT_EXPECT_EQ(test, cnet_fragq_expire(&c.q, T0, 100), CNET_FRAGQ_WAIT);
	KUNIT_EXPECT_EQ(test, cnet_fragq_expire(&c.q, T0 + 99, 100),
			CNET_FRAGQ_WAIT);
	/* nothing came but a middle fragment: drop, no ICMP */
	add(&c, 8, 8, true);
	KUNIT_EXPECT_EQ(test, cnet_fragq_expire(&c.q, T0 + 100, 100),
			CNET_FRAGQ_EXPIRE);
	/* the first came: ICMP time exceeded */
	add(&c, 0, 8, true);
	KUNIT_EXPECT_EQ(test, cnet_fragq_expire(&c.q, T0 + 100, 100),
			CNET_FRAGQ_EXPIRE_ICMP);
	KUNIT_EXPECT_EQ(test, cnet_fragq_expire(&c.q, T0 + 5000, 100),
			CNET_FRAGQ_EXPIRE_ICMP);
}

/* Memory held: what was kept, nothing for what was refused; 0 at the end. */
static void memory(struct kunit *test)
{
	struct fq_case c;

	fq_init(test, &c, 8);
	KUNIT_EXPECT_EQ(test, c.q.mem, 0);
	add(&c, 0, 16, true);				/* 116 */
	add(&c, 32, 8, false);				/* 108 */
	KUNIT_EXPECT_EQ(test, c.q.mem, 224);
	add(&c, 0, 16, true);				/* duplicate */
	add(&c, 8, 16, true);				/* overlap */
	add(&c, 40, 8, true);				/* past the end */
	KUNIT_EXPECT_EQ(test, c.q.mem, 224);
	add(&c, 16, 16, true);				/* 116: complete */
	KUNIT_EXPECT_EQ(test, c.q.mem, 340);
	cnet_fragq_clear(&c.q);
	KUNIT_EXPECT_EQ(test, c.q.mem, 0);
	KUNIT_EXPECT_EQ(test, c.q.nfrags, 0);
	KUNIT_EXPECT_NULL(test, cnet_fragq_first(&c.q));
}

/*
 * Queues made one after the other, 1000 bytes each; high threshold 3500,
 * low 2500: the oldest go first until 2500 is reached, the youngest stay.
 */
static void eviction_order(struct kunit *test)
{
	struct cnet_fragq q[5], *victim;
	unsigned int i, evicted = 0;
	LIST_HEAD(lru);
	long mem = 0;

	for (i = 0; i < ARRAY_SIZE(q); i++) {
		cnet_fragq_init(&q[i], T0 + i);
		q[i].mem = 1000;
		cnet_fragq_lru_add(&lru, &q[i]);
		mem += 1000;
	}
	KUNIT_EXPECT_FALSE(test, cnet_reasm_must_evict(3500, 3500));
	KUNIT_ASSERT_TRUE(test, cnet_reasm_must_evict(mem, 3500));
	while (cnet_reasm_evict_more(mem, 2500)) {
		victim = cnet_fragq_lru_oldest(&lru);
		KUNIT_ASSERT_NOT_NULL(test, victim);
		KUNIT_EXPECT_PTR_EQ(test, victim, &q[evicted]);
		cnet_fragq_lru_del(victim);
		cnet_fragq_lru_del(victim);	/* twice is harmless */
		mem -= victim->mem;
		evicted++;
	}
	KUNIT_EXPECT_EQ(test, evicted, 3);
	KUNIT_EXPECT_EQ(test, mem, 2000);
	KUNIT_EXPECT_PTR_EQ(test, cnet_fragq_lru_oldest(&lru), &q[3]);
	cnet_fragq_lru_del(&q[3]);
	cnet_fragq_lru_del(&q[4]);
	KUNIT_EXPECT_NULL(test, cnet_fragq_lru_oldest(&lru));
}

static struct kunit_case cnet_ip_fragq_cases[] = {
	KUNIT_CASE(in_order),
	KUNIT_CASE(reversed),
	KUNIT_CASE(random_order),
	KUNIT_CASE(duplicated),
	KUNIT_CASE(overlaps),
	KUNIT_CASE(overlaps_last),
	KUNIT_CASE(missing),
	KUNIT_CASE(invalid),
	KUNIT_CASE(oversize),
	KUNIT_CASE(timeout),
	KUNIT_CASE(memory),
	KUNIT_CASE(eviction_order),
	{}
};

static struct kunit_suite cnet_ip_fragq_suite = {
	.name = "cnet_ip_fragq",
	.test_cases = cnet_ip_fragq_cases,
};

kunit_test_suite(cnet_ip_fragq_suite);
