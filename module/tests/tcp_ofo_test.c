// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for TCP's out-of-order queue (tcp_ofo.h), with synthetic
 * sequence numbers near the 2^32 wrap: every shape of overlap, copies,
 * delivery in order with the bytes to skip, stale segments, pruning,
 * SACK blocks, purging, and a random run against a byte-map model. After
 * every step a checker walks the tree and asserts the queue's invariants
 * (order, no segment inside another, counts, truesize, last, the tail
 * run), and every segment the queue lets go of is poisoned so that a
 * later read of it shows.
 */
#include <kunit/test.h>
#include <linux/prandom.h>

#include "../tcp_ofo.h"
#include "../tcp_seq.h"

/* Sequence numbers are BASE + offset: offsets past 256 wrap past 2^32. */
#define BASE	0xffffff00u

#define POISON	0x6b6b6b6bu

struct ofo_case {
	struct kunit *test;
	struct cnet_tcp_ofo q;
	struct cnet_tcp_ofo_seg *s;	/* room for the segments */
	bool *dropped;			/* by index in s */
	unsigned int n, used, ndropped;
	u32 dropped_truesize;
};

static void ofo_case_init(struct kunit *test, struct ofo_case *c,
			  unsigned int n)
{
	c->test = test;
	cnet_tcp_ofo_init(&c->q);
	c->s = kunit_kcalloc(test, n, sizeof(*c->s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->s);
	c->dropped = kunit_kcalloc(test, n, sizeof(*c->dropped), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->dropped);
	c->n = n;
	c->used = 0;
	c->ndropped = 0;
	c->dropped_truesize = 0;
}

/* The drop callback: records the segment, then poisons it. */
static void drop_seg(struct cnet_tcp_ofo_seg *s, void *arg)
{
	struct ofo_case *c = arg;
	unsigned int i = s - c->s;

	KUNIT_ASSERT_LT(c->test, i, c->n);
	KUNIT_EXPECT_FALSE_MSG(c->test, c->dropped[i], "segment %u dropped twice", i);
	c->dropped[i] = true;
	c->ndropped++;
	c->dropped_truesize += s->truesize;
	memset(s, 0x6b, sizeof(*s));
}

static u32 off(u32 seq)
{
	return seq - BASE;
}

/* The last start of the run of contiguous data ending with @s, by walking. */
static u32 run_start(const struct cnet_tcp_ofo *q)
{
	const struct cnet_tcp_ofo_seg *s, *run = NULL;
	u32 end = 0;

	for (s = cnet_tcp_ofo_first(q); s; s = cnet_tcp_ofo_next(s)) {
		if (!run || cnet_seq_after(s->seq, end))
			run = s;
		end = s->end_seq;
	}
	return run ? run->seq : 0;
}

/*
 * The invariants, after every step: in order, starts and ends strictly
 * increase (none inside another), no segment is empty or was dropped,
 * and count, truesize, last and the tail run's start agree with the tree.
 */
static void check(struct ofo_case *c)
{
	struct kunit *test = c->test;
	const struct cnet_tcp_ofo_seg *s, *prev = NULL;
	u32 count = 0, truesize = 0;

	for (s = cnet_tcp_ofo_first(&c->q); s; s = cnet_tcp_ofo_next(s)) {
		KUNIT_ASSERT_NE_MSG(test, s->seq, POISON, "a dropped segment in the tree");
		KUNIT_EXPECT_TRUE(test, cnet_seq_before(s->seq, s->end_seq));
		if (prev) {
			KUNIT_EXPECT_TRUE_MSG(test, cnet_seq_before(prev->seq, s->seq),
					      "starts %u, %u", off(prev->seq), off(s->seq));
			KUNIT_EXPECT_TRUE_MSG(test,
					      cnet_seq_before(prev->end_seq, s->end_seq),
					      "ends %u, %u", off(prev->end_seq),
					      off(s->end_seq));
		}
		count++;
		truesize += s->truesize;
		prev = s;
	}
	KUNIT_EXPECT_EQ(test, c->q.count, count);
	KUNIT_EXPECT_EQ(test, c->q.truesize, truesize);
	KUNIT_EXPECT_PTR_EQ(test, c->q.last, prev);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_empty(&c->q), !prev);
	if (prev)
		KUNIT_EXPECT_EQ_MSG(test, off(c->q.run_seq), off(run_start(&c->q)),
				    "tail run");
}

/* Offer offset..offset+len with truesize 100 + len; check; the verdict. */
static enum cnet_tcp_ofo_res add(struct ofo_case *c, u32 offset, u32 len)
{
	struct cnet_tcp_ofo_seg *s;
	enum cnet_tcp_ofo_res res;

	KUNIT_ASSERT_LT(c->test, c->used, c->n);
	s = &c->s[c->used++];
	s->seq = BASE + offset;
	s->end_seq = BASE + offset + len;
	s->truesize = 100 + len;
	res = cnet_tcp_ofo_insert(&c->q, s, drop_seg, c);
	check(c);
	return res;
}

/* The tree holds exactly these offset ranges, in order. */
static void expect_segs(struct ofo_case *c, const u32 (*r)[2], unsigned int n)
{
	const struct cnet_tcp_ofo_seg *s;
	unsigned int i = 0;

	for (s = cnet_tcp_ofo_first(&c->q); s; s = cnet_tcp_ofo_next(s), i++) {
		if (i >= n)
			break;
		KUNIT_EXPECT_EQ_MSG(c->test, off(s->seq), r[i][0], "segment %u", i);
		KUNIT_EXPECT_EQ_MSG(c->test, off(s->end_seq), r[i][1], "segment %u", i);
	}
	KUNIT_EXPECT_EQ(c->test, c->q.count, n);
	KUNIT_EXPECT_EQ(c->test, i, n);
}

#define EXPECT_SEGS(c, ...) do {					\
	static const u32 r_[][2] = { __VA_ARGS__ };			\
	expect_segs(c, r_, ARRAY_SIZE(r_));				\
} while (0)

static void expect_dup(struct ofo_case *c, u32 start, u32 end)
{
	KUNIT_EXPECT_EQ(c->test, off(c->q.dup.start), start);
	KUNIT_EXPECT_EQ(c->test, off(c->q.dup.end), end);
}

static struct cnet_tcp_ofo_seg *pop(struct ofo_case *c, u32 rcv_nxt, u32 *skip)
{
	struct cnet_tcp_ofo_seg *s;

	*skip = POISON;
	s = cnet_tcp_ofo_pop(&c->q, BASE + rcv_nxt, skip, drop_seg, c);
	check(c);
	return s;
}

/* Pop, and expect segment @seq..@end with @skip bytes to skip. */
static void expect_pop(struct ofo_case *c, u32 rcv_nxt, u32 seq, u32 end,
		       u32 skip)
{
	struct cnet_tcp_ofo_seg *s;
	u32 sk;

	s = pop(c, rcv_nxt, &sk);
	KUNIT_ASSERT_NOT_NULL(c->test, s);
	KUNIT_EXPECT_EQ(c->test, off(s->seq), seq);
	KUNIT_EXPECT_EQ(c->test, off(s->end_seq), end);
	KUNIT_EXPECT_EQ(c->test, sk, skip);
}

/* Appending after the last: in order, touching or after a hole. */
static void in_order(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ofo_empty(&c.q));
	KUNIT_EXPECT_EQ(test, add(&c, 10, 10), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[0]);
	expect_dup(&c, 10, 10);
	KUNIT_EXPECT_EQ(test, add(&c, 20, 10), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, add(&c, 30, 10), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[2]);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 10);
	KUNIT_EXPECT_EQ(test, add(&c, 50, 10), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 50);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 440);
	EXPECT_SEGS(&c, { 10, 20 }, { 20, 30 }, { 30, 40 }, { 50, 60 });
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
}

/* Disjoint before and after, and touching on either side: all kept. */
static void disjoint_and_touching(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	KUNIT_EXPECT_EQ(test, add(&c, 100, 100), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 50), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, add(&c, 300, 100), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, add(&c, 50, 50), CNET_TCP_OFO_QUEUED);
	expect_dup(&c, 50, 50);
	KUNIT_EXPECT_EQ(test, add(&c, 200, 50), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, add(&c, 250, 50), CNET_TCP_OFO_QUEUED);
	EXPECT_SEGS(&c, { 0, 50 }, { 50, 100 }, { 100, 200 }, { 200, 250 },
		    { 250, 300 }, { 300, 400 });
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 0);
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 6 * 100 + 400);
}

/*
 * A segment whose bytes are held, in one segment or across several, is
 * not queued and changes nothing; where it is: the last one (appending
 * path) or one before (descent).
 */
static void covered(struct kunit *test)
{
	static const struct {
		u32 offset, len, dup_end;
		const char *what;
	} shapes[] = {
		{ 100, 100, 200, "identical to a middle one" },
		{ 120, 30, 150, "inside a middle one" },
		{ 100, 50, 150, "same start, shorter" },
		{ 150, 50, 200, "same end, later start" },
		{ 300, 100, 400, "identical to the last" },
		{ 320, 30, 350, "inside the last" },
		{ 300, 1, 301, "the last one's first byte" },
		{ 399, 1, 400, "the last one's last byte" },
		{ 0, 50, 50, "identical to the first" },
		{ 190, 30, 220, "across two touching" },
		{ 150, 100, 250, "across two overlapping" },
		{ 235, 80, 315, "overlapping ones into the last" },
		{ 0, 0, 0, "empty" },
	};
	struct ofo_case c;
	unsigned int i;

	ofo_case_init(test, &c, ARRAY_SIZE(shapes) + 8);
	add(&c, 0, 50);
	add(&c, 100, 100);
	add(&c, 200, 40);
	add(&c, 230, 80);
	add(&c, 300, 100);
	KUNIT_ASSERT_EQ(test, c.q.count, 5);
	for (i = 0; i < ARRAY_SIZE(shapes); i++) {
		KUNIT_EXPECT_EQ_MSG(test, add(&c, shapes[i].offset, shapes[i].len),
				    CNET_TCP_OFO_COVERED, "%s", shapes[i].what);
		KUNIT_EXPECT_EQ_MSG(test, off(c.q.dup.start), shapes[i].offset,
				    "%s", shapes[i].what);
		KUNIT_EXPECT_EQ_MSG(test, off(c.q.dup.end), shapes[i].dup_end,
				    "%s", shapes[i].what);
	}
	EXPECT_SEGS(&c, { 0, 50 }, { 100, 200 }, { 200, 240 }, { 230, 310 },
		    { 300, 400 });
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 5 * 100 + 50 + 100 + 40 + 80 + 100);
}

/* A new segment covering queued ones takes their place; they are dropped. */
static void covers_old(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 16);
	add(&c, 100, 100);				/* s0 */
	/* old inside new, new earlier and later */
	KUNIT_EXPECT_EQ(test, add(&c, 50, 200), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_TRUE(test, c.dropped[0]);
	expect_dup(&c, 100, 200);
	EXPECT_SEGS(&c, { 50, 250 });
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[1]);
	/* same start, longer: replaced */
	KUNIT_EXPECT_EQ(test, add(&c, 50, 250), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_TRUE(test, c.dropped[1]);
	expect_dup(&c, 50, 250);
	EXPECT_SEGS(&c, { 50, 300 });
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[2]);
	/* same end, earlier start */
	KUNIT_EXPECT_EQ(test, add(&c, 40, 260), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_TRUE(test, c.dropped[2]);
	EXPECT_SEGS(&c, { 40, 300 });
	KUNIT_EXPECT_EQ(test, c.q.truesize, 100 + 260);
	KUNIT_EXPECT_EQ(test, c.dropped_truesize, 200 + 300 + 350);

	/* same start, longer, for a segment that is not the last */
	add(&c, 400, 10);				/* s4 */
	KUNIT_EXPECT_EQ(test, add(&c, 40, 300), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_TRUE(test, c.dropped[3]);
	EXPECT_SEGS(&c, { 40, 340 }, { 400, 410 });
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[4]);
	KUNIT_EXPECT_EQ(test, c.ndropped, 4);
}

/* One new segment over several, with gaps between them and one after. */
static void covers_several(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	add(&c, 100, 10);
	add(&c, 120, 10);
	add(&c, 140, 10);
	add(&c, 200, 10);
	KUNIT_EXPECT_EQ(test, add(&c, 90, 70), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_TRUE(test, c.dropped[0]);
	KUNIT_EXPECT_TRUE(test, c.dropped[1]);
	KUNIT_EXPECT_TRUE(test, c.dropped[2]);
	KUNIT_EXPECT_FALSE(test, c.dropped[3]);
	expect_dup(&c, 100, 110);	/* the first stretch held */
	EXPECT_SEGS(&c, { 90, 160 }, { 200, 210 });
	KUNIT_EXPECT_EQ(test, c.q.truesize, 170 + 110);

	/* and over all of them, the last included: it becomes the last */
	KUNIT_EXPECT_EQ(test, add(&c, 80, 200), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, c.ndropped, 5);
	EXPECT_SEGS(&c, { 80, 280 });
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[5]);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 300);
}

/*
 * Partial overlaps are kept, the new segment as it is; pop() cuts the
 * bytes already handed out.
 */
static void partial(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);
	/* partial left: starts before, ends inside */
	KUNIT_EXPECT_EQ(test, add(&c, 50, 100), CNET_TCP_OFO_QUEUED);
	expect_dup(&c, 100, 150);
	/* partial right: starts inside, ends after (the appending path) */
	KUNIT_EXPECT_EQ(test, add(&c, 180, 70), CNET_TCP_OFO_QUEUED);
	expect_dup(&c, 180, 200);
	EXPECT_SEGS(&c, { 50, 150 }, { 100, 200 }, { 180, 250 });
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 50);

	expect_pop(&c, 50, 50, 150, 0);
	expect_pop(&c, 150, 100, 200, 50);
	expect_pop(&c, 200, 180, 250, 20);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ofo_empty(&c.q));
	KUNIT_EXPECT_EQ(test, c.q.truesize, 0);
}

/* A segment bridging two: over a hole, between overlapping neighbours. */
static void bridging(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);
	add(&c, 300, 100);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 300);
	KUNIT_EXPECT_EQ(test, add(&c, 150, 200), CNET_TCP_OFO_QUEUED);
	expect_dup(&c, 150, 200);
	EXPECT_SEGS(&c, { 100, 200 }, { 150, 350 }, { 300, 400 });
	/* the hole is filled: one run from 100 */
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 100);

	/* bridging two with one inside it, that one dropped */
	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);
	add(&c, 250, 10);
	add(&c, 300, 100);
	KUNIT_EXPECT_EQ(test, add(&c, 150, 200), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_TRUE(test, c.dropped[1]);
	EXPECT_SEGS(&c, { 100, 200 }, { 150, 350 }, { 300, 400 });

	/* exactly the hole, touching both */
	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);
	add(&c, 300, 100);
	KUNIT_EXPECT_EQ(test, add(&c, 200, 100), CNET_TCP_OFO_QUEUED);
	expect_dup(&c, 200, 200);
	EXPECT_SEGS(&c, { 100, 200 }, { 200, 300 }, { 300, 400 });
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 100);
}

/* Copies, of every segment, many times: nothing changes. */
static void duplicates(struct kunit *test)
{
	struct ofo_case c;
	unsigned int i;

	ofo_case_init(test, &c, 40);
	add(&c, 0, 10);
	add(&c, 20, 10);
	add(&c, 40, 10);
	for (i = 0; i < 10; i++) {
		KUNIT_EXPECT_EQ(test, add(&c, 0, 10), CNET_TCP_OFO_COVERED);
		KUNIT_EXPECT_EQ(test, add(&c, 20, 10), CNET_TCP_OFO_COVERED);
		KUNIT_EXPECT_EQ(test, add(&c, 40, 10), CNET_TCP_OFO_COVERED);
	}
	EXPECT_SEGS(&c, { 0, 10 }, { 20, 30 }, { 40, 50 });
	KUNIT_EXPECT_EQ(test, c.q.truesize, 330);
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
}

/* pop() with rcv_nxt before, at and inside the first segment. */
static void pop_skip(struct kunit *test)
{
	struct ofo_case c;
	u32 skip;

	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);
	add(&c, 300, 100);
	/* a hole before it: nothing, and the skip left alone */
	KUNIT_EXPECT_NULL(test, pop(&c, 99, &skip));
	KUNIT_EXPECT_EQ(test, skip, POISON);
	KUNIT_EXPECT_EQ(test, c.q.count, 2);
	/* rcv_nxt went into it (an in-order segment overlapped it) */
	expect_pop(&c, 130, 100, 200, 30);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 300);
	KUNIT_EXPECT_NULL(test, pop(&c, 200, &skip));
	expect_pop(&c, 300, 300, 400, 0);
	KUNIT_EXPECT_NULL(test, pop(&c, 400, &skip));
	KUNIT_EXPECT_NULL(test, c.q.last);
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
	/* the emptied queue works again */
	KUNIT_EXPECT_EQ(test, add(&c, 500, 10), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 500);
}

/* Segments across 2^32: queued, merged and popped in order. */
static void pop_wrap(struct kunit *test)
{
	struct cnet_tcp_ofo_range r[4];
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	/* BASE + 256 is 0 */
	KUNIT_EXPECT_EQ(test, add(&c, 300, 20), CNET_TCP_OFO_QUEUED);	/* 44..64 */
	KUNIT_EXPECT_EQ(test, add(&c, 200, 40), CNET_TCP_OFO_QUEUED);	/* -56..-16 */
	KUNIT_EXPECT_EQ(test, add(&c, 240, 60), CNET_TCP_OFO_QUEUED);	/* -16..44 */
	KUNIT_EXPECT_EQ(test, add(&c, 250, 10), CNET_TCP_OFO_COVERED);	/* -6..4 */
	KUNIT_EXPECT_EQ(test, add(&c, 150, 200), CNET_TCP_OFO_QUEUED);	/* all */
	EXPECT_SEGS(&c, { 150, 350 });
	KUNIT_EXPECT_EQ(test, c.ndropped, 3);
	KUNIT_EXPECT_EQ(test, add(&c, 340, 20), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, add(&c, 400, 10), CNET_TCP_OFO_QUEUED);
	KUNIT_EXPECT_EQ(test, c.q.last->seq, 144u);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_blocks(&c.q, 0, r, 4), 2);
	KUNIT_EXPECT_EQ(test, r[0].start, BASE + 150);
	KUNIT_EXPECT_EQ(test, r[0].end, 104u);
	KUNIT_EXPECT_EQ(test, r[1].start, 144u);
	KUNIT_EXPECT_EQ(test, r[1].end, 154u);
	expect_pop(&c, 150, 150, 350, 0);
	expect_pop(&c, 350, 340, 360, 10);
	KUNIT_EXPECT_EQ(test, c.q.count, 1);
}

/* Segments wholly before rcv_nxt are dropped on the way. */
static void pop_stale(struct kunit *test)
{
	struct ofo_case c;
	u32 skip;

	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);
	add(&c, 210, 10);
	add(&c, 300, 100);
	KUNIT_EXPECT_NULL(test, pop(&c, 250, &skip));
	KUNIT_EXPECT_TRUE(test, c.dropped[0]);
	KUNIT_EXPECT_TRUE(test, c.dropped[1]);
	KUNIT_EXPECT_EQ(test, c.q.count, 1);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 200);

	/* ending exactly at rcv_nxt is stale too; then one is due */
	add(&c, 500, 10);
	add(&c, 510, 10);
	expect_pop(&c, 510, 510, 520, 0);
	KUNIT_EXPECT_TRUE(test, c.dropped[2]);
	KUNIT_EXPECT_TRUE(test, c.dropped[3]);
	KUNIT_EXPECT_EQ(test, c.ndropped, 4);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ofo_empty(&c.q));
	KUNIT_EXPECT_EQ(test, c.q.truesize, 0);
}

/* Highest sequence first, only as far as needed; the run kept right. */
static void prune(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	add(&c, 100, 100);		/* 200 */
	add(&c, 300, 100);		/* 200 */
	add(&c, 400, 50);		/* 150 */
	add(&c, 450, 50);		/* 150 */
	KUNIT_ASSERT_EQ(test, c.q.truesize, 700);
	/* already there: nothing */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_prune(&c.q, 700, drop_seg, &c), 0);
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
	/* 699: the last one goes, 550 is under */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_prune(&c.q, 699, drop_seg, &c), 150);
	check(&c);
	KUNIT_EXPECT_TRUE(test, c.dropped[3]);
	KUNIT_EXPECT_PTR_EQ(test, c.q.last, &c.s[2]);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 300);
	/* 250: two more, from the top */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_prune(&c.q, 250, drop_seg, &c), 350);
	check(&c);
	KUNIT_EXPECT_TRUE(test, c.dropped[2]);
	KUNIT_EXPECT_TRUE(test, c.dropped[1]);
	KUNIT_EXPECT_FALSE(test, c.dropped[0]);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 100);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 200);
	/* 0: all */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_prune(&c.q, 0, drop_seg, &c), 200);
	check(&c);
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ofo_empty(&c.q));
	KUNIT_EXPECT_EQ(test, c.dropped_truesize, 700);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_prune(&c.q, 0, drop_seg, &c), 0);
}

/* The tail run after pruning into it: a shorter run, or the one before. */
static void prune_run(struct kunit *test)
{
	struct ofo_case c;

	ofo_case_init(test, &c, 8);
	add(&c, 0, 10);
	add(&c, 20, 10);
	add(&c, 25, 10);		/* overlaps */
	add(&c, 35, 10);		/* touches */
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 20);
	cnet_tcp_ofo_prune(&c.q, c.q.truesize - 1, drop_seg, &c);
	check(&c);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 20);
	cnet_tcp_ofo_prune(&c.q, c.q.truesize - 1, drop_seg, &c);
	cnet_tcp_ofo_prune(&c.q, c.q.truesize - 1, drop_seg, &c);
	check(&c);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 0);
	KUNIT_EXPECT_EQ(test, c.q.count, 1);
}

static void expect_range(struct kunit *test, const struct cnet_tcp_ofo_range *r,
			 u32 start, u32 end)
{
	KUNIT_EXPECT_EQ(test, off(r->start), start);
	KUNIT_EXPECT_EQ(test, off(r->end), end);
}

/* SACK blocks: merged where contiguous, the recent one first, at most max. */
static void blocks(struct kunit *test)
{
	struct cnet_tcp_ofo_range r[4];
	struct ofo_case c;

	ofo_case_init(test, &c, 12);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE, r, 4), 0);
	add(&c, 100, 10);
	add(&c, 110, 10);		/* touching: one range */
	add(&c, 200, 10);
	add(&c, 205, 10);		/* overlapping: one range */
	add(&c, 300, 10);
	add(&c, 400, 10);
	add(&c, 500, 10);
	add(&c, 510, 10);

	/* recent in the tail run */
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 515, r, 4), 4);
	expect_range(test, &r[0], 500, 520);
	expect_range(test, &r[1], 100, 120);
	expect_range(test, &r[2], 200, 215);
	expect_range(test, &r[3], 300, 310);
	/* recent in the middle of a merged range, at its last byte */
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 214, r, 3), 3);
	expect_range(test, &r[0], 200, 215);
	expect_range(test, &r[1], 100, 120);
	expect_range(test, &r[2], 300, 310);
	/* recent in the first range, in its second segment */
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 110, r, 4), 4);
	expect_range(test, &r[0], 100, 120);
	expect_range(test, &r[1], 200, 215);
	expect_range(test, &r[2], 300, 310);
	expect_range(test, &r[3], 400, 410);
	/* recent in no range (a hole, an end): lowest first */
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 120, r, 2), 2);
	expect_range(test, &r[0], 100, 120);
	expect_range(test, &r[1], 200, 215);
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 50, r, 1), 1);
	expect_range(test, &r[0], 100, 120);
	/* room for one: the recent one */
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 400, r, 1), 1);
	expect_range(test, &r[0], 400, 410);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 400, r, 0), 0);
	/* fewer ranges than room */
	cnet_tcp_ofo_prune(&c.q, 500, drop_seg, &c);
	check(&c);
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 205, r, 4), 2);
	expect_range(test, &r[0], 200, 215);
	expect_range(test, &r[1], 100, 120);
}

/* Coalescing into the last segment: its end and the memory follow. */
static void grow_last(struct kunit *test)
{
	struct cnet_tcp_ofo_range r[2];
	struct ofo_case c;

	ofo_case_init(test, &c, 4);
	add(&c, 100, 10);
	add(&c, 200, 10);
	cnet_tcp_ofo_grow_last(&c.q, BASE + 230, 150);
	check(&c);
	EXPECT_SEGS(&c, { 100, 110 }, { 200, 230 });
	KUNIT_EXPECT_EQ(test, c.q.truesize, 110 + 260);
	KUNIT_EXPECT_EQ(test, c.q.last->truesize, 260);
	KUNIT_EXPECT_EQ(test, off(c.q.run_seq), 200);
	KUNIT_ASSERT_EQ(test, cnet_tcp_ofo_blocks(&c.q, BASE + 225, r, 2), 2);
	expect_range(test, &r[0], 200, 230);
	/* what it took is covered now, and pruning frees all of it */
	KUNIT_EXPECT_EQ(test, add(&c, 210, 20), CNET_TCP_OFO_COVERED);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ofo_prune(&c.q, 110, drop_seg, &c), 260);
	check(&c);
}

/* Purge hands every segment to drop once, and leaves an empty queue. */
static void purge(struct kunit *test)
{
	struct ofo_case c;
	unsigned int i;

	ofo_case_init(test, &c, 40);
	for (i = 0; i < 30; i++)
		add(&c, (i * 7) % 30 * 10, 5);	/* disjoint, in no order */
	KUNIT_EXPECT_EQ(test, c.ndropped, 0);
	cnet_tcp_ofo_purge(&c.q, drop_seg, &c);
	check(&c);
	KUNIT_EXPECT_EQ(test, c.ndropped, 30);
	KUNIT_EXPECT_EQ(test, c.dropped_truesize, 30 * 105);
	KUNIT_EXPECT_EQ(test, c.q.count, 0);
	KUNIT_EXPECT_EQ(test, c.q.truesize, 0);
	KUNIT_EXPECT_NULL(test, c.q.last);
	/* an empty queue purges to nothing */
	cnet_tcp_ofo_purge(&c.q, drop_seg, &c);
	KUNIT_EXPECT_EQ(test, c.ndropped, 30);
	KUNIT_EXPECT_EQ(test, add(&c, 0, 5), CNET_TCP_OFO_QUEUED);
}

/*
 * A random run against a byte map, across the wrap: segments of random
 * place and length inside a window after rcv_nxt, in-order arrivals that
 * advance rcv_nxt and then pop until a hole, the odd prune. After each
 * step the queue holds exactly the bytes the map says were received past
 * rcv_nxt, delivery hands out each byte once and in order, and the SACK
 * blocks are the map's ranges.
 */
#define WIN	1024
#define SPAN	(64 * WIN)

struct model {
	u8 got[SPAN + 2 * WIN];	/* by offset: received, not yet delivered */
	u32 rcv_nxt;		/* offset */
	u8 held[WIN];		/* the queue's bytes, from rcv_nxt */
	struct cnet_tcp_ofo_range want[WIN];
	u32 queued, popped;	/* truesize in, and out to the receive queue */
};

/* The ranges of the map past rcv_nxt, lowest first. */
static unsigned int model_ranges(struct model *m)
{
	u32 i = m->rcv_nxt, end = m->rcv_nxt + WIN;
	unsigned int n = 0;

	while (i < end) {
		if (!m->got[i]) {
			i++;
			continue;
		}
		m->want[n].start = BASE + i;
		while (i < end && m->got[i])
			i++;
		m->want[n++].end = BASE + i;
	}
	return n;
}

static void model_check(struct ofo_case *c, struct model *m, u32 recent)
{
	struct kunit *test = c->test;
	struct cnet_tcp_ofo_range got[4];
	const struct cnet_tcp_ofo_seg *s;
	unsigned int n, nw, i, j, k;

	check(c);
	memset(m->held, 0, sizeof(m->held));
	for (s = cnet_tcp_ofo_first(&c->q); s; s = cnet_tcp_ofo_next(s)) {
		KUNIT_ASSERT_TRUE(test, cnet_seq_after(s->seq, BASE + m->rcv_nxt));
		KUNIT_ASSERT_LE(test, off(s->end_seq), m->rcv_nxt + WIN);
		for (i = off(s->seq); i != off(s->end_seq); i++)
			m->held[i - m->rcv_nxt] = 1;
	}
	KUNIT_ASSERT_EQ(test, memcmp(m->held, &m->got[m->rcv_nxt], WIN), 0);

	nw = model_ranges(m);
	n = cnet_tcp_ofo_blocks(&c->q, BASE + recent, got, ARRAY_SIZE(got));
	KUNIT_ASSERT_EQ(test, n, min_t(unsigned int, nw, ARRAY_SIZE(got)));
	/* the one holding recent first, then the rest lowest first */
	k = nw;
	for (i = 0; i < nw; i++) {
		if (cnet_seq_geq(BASE + recent, m->want[i].start) &&
		    cnet_seq_before(BASE + recent, m->want[i].end))
			k = i;
	}
	j = 0;
	if (k < nw) {
		KUNIT_ASSERT_EQ(test, got[0].start, m->want[k].start);
		KUNIT_ASSERT_EQ(test, got[0].end, m->want[k].end);
		j = 1;
	}
	for (i = 0; i < nw && j < n; i++) {
		if (i == k)
			continue;
		KUNIT_ASSERT_EQ(test, got[j].start, m->want[i].start);
		KUNIT_ASSERT_EQ(test, got[j].end, m->want[i].end);
		j++;
	}
}

/* An out-of-order segment: somewhere in the window, or near the last. */
static void random_ofo(struct ofo_case *c, struct model *m,
		       struct rnd_state *rnd, bool near_last, u32 *recent)
{
	struct kunit *test = c->test;
	struct cnet_tcp_ofo_seg *s;
	u32 at, len, i;

	len = 1 + prandom_u32_state(rnd) % 150;
	at = m->rcv_nxt + 1 + prandom_u32_state(rnd) % (WIN - 1);
	if (near_last && c->q.last)
		at = off(c->q.last->end_seq) - 20 + prandom_u32_state(rnd) % 40;
	if (!cnet_seq_after(BASE + at, BASE + m->rcv_nxt))
		at = m->rcv_nxt + 1;
	if (at + len > m->rcv_nxt + WIN)
		at = m->rcv_nxt + WIN - len;

	s = &c->s[c->used++];
	s->seq = BASE + at;
	s->end_seq = BASE + at + len;
	s->truesize = 200 + len;
	if (cnet_tcp_ofo_insert(&c->q, s, drop_seg, c) == CNET_TCP_OFO_COVERED) {
		for (i = at; i < at + len; i++)
			KUNIT_ASSERT_TRUE(test, m->got[i]);
	} else {
		m->queued += s->truesize;
	}
	for (i = at; i < at + len; i++)
		m->got[i] = 1;
	*recent = at + prandom_u32_state(rnd) % len;
}

/* In order: rcv_nxt advances by 1..200, then what is due is delivered. */
static void random_in_order(struct ofo_case *c, struct model *m,
			    struct rnd_state *rnd)
{
	struct kunit *test = c->test;
	struct cnet_tcp_ofo_seg *s;
	u32 len, i, skip;

	len = 1 + prandom_u32_state(rnd) % 200;
	for (i = m->rcv_nxt; i < m->rcv_nxt + len; i++)
		m->got[i] = 0;
	m->rcv_nxt += len;
	while ((s = cnet_tcp_ofo_pop(&c->q, BASE + m->rcv_nxt, &skip,
				     drop_seg, c))) {
		/* the next byte, and only new ones */
		KUNIT_ASSERT_EQ(test, s->seq + skip, BASE + m->rcv_nxt);
		KUNIT_ASSERT_TRUE(test, cnet_seq_after(s->end_seq,
						       BASE + m->rcv_nxt));
		for (i = m->rcv_nxt; i != off(s->end_seq); i++) {
			KUNIT_ASSERT_TRUE(test, m->got[i]);
			m->got[i] = 0;
		}
		m->rcv_nxt = off(s->end_seq);
		m->popped += s->truesize;
	}
}

/* Memory pressure: down to half; what is left is some of what was. */
static void random_prune(struct ofo_case *c, struct model *m)
{
	struct kunit *test = c->test;
	const struct cnet_tcp_ofo_seg *s;
	u32 before = c->q.truesize, freed, i;

	freed = cnet_tcp_ofo_prune(&c->q, before / 2, drop_seg, c);
	KUNIT_ASSERT_EQ(test, before - freed, c->q.truesize);
	KUNIT_ASSERT_LE(test, c->q.truesize, before / 2);
	for (s = cnet_tcp_ofo_first(&c->q); s; s = cnet_tcp_ofo_next(s))
		for (i = off(s->seq); i != off(s->end_seq); i++)
			KUNIT_ASSERT_TRUE(test, m->got[i]);
	memset(&m->got[m->rcv_nxt], 0, WIN);
	for (s = cnet_tcp_ofo_first(&c->q); s; s = cnet_tcp_ofo_next(s))
		for (i = off(s->seq); i != off(s->end_seq); i++)
			m->got[i] = 1;
}

#ifndef RANDOM_SEEDS
#define RANDOM_SEEDS	4
#endif

static void random_model(struct kunit *test)
{
	const unsigned int nsegs = 1000;
	struct rnd_state rnd;
	unsigned int step, seed;
	struct ofo_case c;
	struct model *m;
	u32 recent = 0;

	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	for (seed = 1; seed <= RANDOM_SEEDS; seed++) {
		prandom_seed_state(&rnd, seed);
		memset(m, 0, sizeof(*m));
		ofo_case_init(test, &c, nsegs);
		for (step = 0; c.used < nsegs && m->rcv_nxt < SPAN; step++) {
			u32 r = prandom_u32_state(&rnd) % 100;

			if (r < 85) {
				random_ofo(&c, m, &rnd, r < 30, &recent);
			} else if (r < 98) {
				random_in_order(&c, m, &rnd);
				recent = m->rcv_nxt;
			} else {
				random_prune(&c, m);
			}
			model_check(&c, m, recent);
		}
		/* went past the wrap */
		KUNIT_EXPECT_GT(test, m->rcv_nxt, 1024u);
		kunit_info(test, "seed %u: %u steps, %u segments, %u dropped, rcv_nxt %u\n",
			   seed, step, c.used, c.ndropped, m->rcv_nxt);
		cnet_tcp_ofo_purge(&c.q, drop_seg, &c);
		check(&c);
		/* every segment queued came out once: delivered or dropped */
		KUNIT_EXPECT_EQ(test, m->queued, m->popped + c.dropped_truesize);
		kunit_kfree(test, c.s);
		kunit_kfree(test, c.dropped);
	}
}

static struct kunit_case cnet_tcp_ofo_cases[] = {
	KUNIT_CASE(in_order),
	KUNIT_CASE(disjoint_and_touching),
	KUNIT_CASE(covered),
	KUNIT_CASE(covers_old),
	KUNIT_CASE(covers_several),
	KUNIT_CASE(partial),
	KUNIT_CASE(bridging),
	KUNIT_CASE(duplicates),
	KUNIT_CASE(pop_skip),
	KUNIT_CASE(pop_wrap),
	KUNIT_CASE(pop_stale),
	KUNIT_CASE(prune),
	KUNIT_CASE(prune_run),
	KUNIT_CASE(blocks),
	KUNIT_CASE(grow_last),
	KUNIT_CASE(purge),
	KUNIT_CASE(random_model),
	{}
};

static struct kunit_suite cnet_tcp_ofo_suite = {
	.name = "cnet_tcp_ofo",
	.test_cases = cnet_tcp_ofo_cases,
};

kunit_test_suite(cnet_tcp_ofo_suite);
