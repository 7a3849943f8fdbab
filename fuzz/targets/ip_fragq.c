// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: IPv4 reassembly's decisions (module/ip_fragq.c) driven by a
 * stream of fragments and clock ticks, for a few datagrams at once, as
 * ip_frag.c drives them. The input is a list of 7-byte records:
 *
 *   byte 0      bits 0-1: the datagram (queue) 0-3; bits 2-3: the kind:
 *               0, 1 a fragment; 2 a clock tick; 3 memory pressure
 *   fragment    u16 offset in 8-byte units (13 bits, the rest MF and
 *               DF as on the wire), u16 data length, byte IHL (low 4 bits)
 *   tick        u16 jiffies to advance, the rest unused
 *   pressure    u16 high threshold, u16 low threshold
 *
 * After every step, each queue is checked against the fragments it holds:
 * in order of offset with none overlapping another; the count, the bytes
 * (meat) and the memory are their sums; the last is the highest; the
 * length covers every fragment, and is the last fragment's end once it
 * came; the datagram never passes 65 535 bytes with its header. Each
 * verdict is checked against a plain model (a linear scan of what is
 * held): a duplicate is an exact copy, an overlap a true overlap, and
 * COMPLETE means the fragments cover 0..len with no hole. A queue is
 * dropped after a verdict that drops it, reassembled (walked, cleared)
 * when complete, expired by its timer (ICMP only once the first fragment
 * came), and evicted oldest first under memory pressure.
 */
#include "../fuzz.h"

#include "../../module/ip_fragq.c"

#define NQ		4
#define MAXF		256
#define TIMEOUT		(30 * 250)	/* 30 s at HZ=250, as ip_frag.c */

struct dgram {
	struct cnet_fragq q;
	bool live;
	struct cnet_frag f[MAXF];
	bool used[MAXF];
};

static struct dgram dg[NQ];
static LIST_HEAD(lru);
static unsigned long now;
static long mem;

static struct cnet_frag *frag_alloc(struct dgram *d)
{
	unsigned int i;

	for (i = 0; i < MAXF; i++)
		if (!d->used[i]) {
			d->used[i] = true;
			return &d->f[i];
		}
	return NULL;
}

/* The queue's invariants, from its fragments; returns their bytes. */
static void check_queue(struct dgram *d)
{
	const struct cnet_fragq *q = &d->q;
	const struct cnet_frag *f, *prev = NULL, *highest = NULL;
	u32 meat = 0, mem_sum = 0, n = 0, max_end = 0;

	for (f = cnet_fragq_first(q); f; f = cnet_fragq_next(f)) {
		FUZZ_CHECK(f->end > f->offset);
		FUZZ_CHECK(!prev || prev->end <= f->offset);
		meat += f->end - f->offset;
		mem_sum += f->truesize;
		if (f->end > max_end)
			max_end = f->end;
		if (!highest || f->offset > highest->offset)
			highest = f;
		prev = f;
		n++;
		FUZZ_CHECK(n <= MAXF);
	}
	FUZZ_CHECK(n == q->nfrags && meat == q->meat && mem_sum == q->mem);
	FUZZ_CHECK(q->last == highest);
	FUZZ_CHECK(q->len >= max_end);
	if (q->flags & CNET_FRAGQ_LAST_IN)
		FUZZ_CHECK(q->len == max_end);
	FUZZ_CHECK(q->meat <= q->len);
	FUZZ_CHECK(((q->flags & CNET_FRAGQ_FIRST_IN) ? q->hlen : 20) +
		   q->len <= CNET_IP_MAX_LEN);
	FUZZ_CHECK(!(q->flags & CNET_FRAGQ_FIRST_IN) ||
		   (cnet_fragq_first(q) && !cnet_fragq_first(q)->offset));
}

static void drop(struct dgram *d)
{
	const struct cnet_frag *f;

	for (f = cnet_fragq_first(&d->q); f; f = cnet_fragq_next(f))
		mem -= f->truesize;
	FUZZ_CHECK(mem >= 0);
	cnet_fragq_clear(&d->q);
	FUZZ_CHECK(!cnet_fragq_first(&d->q) && !d->q.mem && !d->q.meat);
	cnet_fragq_lru_del(&d->q);
	memset(d->used, 0, sizeof(d->used));
	d->live = false;
}

/* The fragments cover 0..len, one after the other. */
static void reassemble(struct dgram *d)
{
	const struct cnet_frag *f;
	u32 at = 0;

	for (f = cnet_fragq_first(&d->q); f; f = cnet_fragq_next(f)) {
		FUZZ_CHECK(f->offset == at);
		at = f->end;
	}
	FUZZ_CHECK(at == d->q.len);
	drop(d);
}

/* What the model says of offset..end against what is held. */
static int model_place(const struct dgram *d, u32 offset, u32 end)
{
	const struct cnet_frag *f;

	for (f = cnet_fragq_first(&d->q); f; f = cnet_fragq_next(f)) {
		if (f->offset == offset && f->end == end)
			return CNET_FRAGQ_DUPLICATE;
		if (offset < f->end && f->offset < end)
			return CNET_FRAGQ_OVERLAP;
	}
	return CNET_FRAGQ_KEPT;
}

static void fragment(struct dgram *d, u16 off_field, u16 len, u8 ihl)
{
	u32 offset = (off_field & 0x1fff) * 8;
	bool more = off_field & 0x2000;
	u16 hlen = (5 + (ihl & 0xf) % 11) * 4;
	struct cnet_fragq before;
	enum cnet_fragq_verdict v, own, place;
	struct cnet_frag *f;
	u32 truesize = 256 + len;

	if (!d->live) {
		cnet_fragq_init(&d->q, now);
		cnet_fragq_lru_add(&lru, &d->q);
		d->live = true;
	}
	f = frag_alloc(d);
	if (!f)
		return;		/* ip_frag.c bounds a queue by memory */
	before = d->q;
	own = cnet_frag_check(offset, len, more, hlen);
	place = model_place(d, offset, offset + len);
	v = cnet_fragq_insert(&d->q, f, offset, len, more, hlen, truesize);
	FUZZ_CHECK(v <= CNET_FRAGQ_INVALID);
	if (own != CNET_FRAGQ_KEPT)
		FUZZ_CHECK(v == own);
	else if (place != CNET_FRAGQ_KEPT)
		FUZZ_CHECK(v == place);
	else
		FUZZ_CHECK(v != CNET_FRAGQ_DUPLICATE &&
			   v != CNET_FRAGQ_OVERLAP);

	if (v != CNET_FRAGQ_KEPT && v != CNET_FRAGQ_COMPLETE) {
		/* not kept: the queue is as it was */
		FUZZ_CHECK(!memcmp(&before, &d->q, sizeof(before)));
		d->used[f - d->f] = false;
		check_queue(d);
		if (v != CNET_FRAGQ_DUPLICATE)
			drop(d);
		return;
	}
	mem += truesize;
	check_queue(d);
	FUZZ_CHECK((v == CNET_FRAGQ_COMPLETE) ==
		   ((d->q.flags & CNET_FRAGQ_FIRST_IN) &&
		    (d->q.flags & CNET_FRAGQ_LAST_IN) &&
		    d->q.meat == d->q.len));
	if (v == CNET_FRAGQ_COMPLETE)
		reassemble(d);
}

static void tick(u16 delta)
{
	unsigned int i;

	now += delta;
	for (i = 0; i < NQ; i++) {
		struct dgram *d = &dg[i];
		enum cnet_fragq_expiry e;

		if (!d->live)
			continue;
		e = cnet_fragq_expire(&d->q, now, TIMEOUT);
		FUZZ_CHECK((e == CNET_FRAGQ_WAIT) ==
			   (now - d->q.created < TIMEOUT));
		if (e == CNET_FRAGQ_WAIT)
			continue;
		FUZZ_CHECK((e == CNET_FRAGQ_EXPIRE_ICMP) ==
			   !!(d->q.flags & CNET_FRAGQ_FIRST_IN));
		drop(d);
	}
}

static void pressure(u16 high, u16 low)
{
	struct cnet_fragq *q, *prev = NULL;

	if (!cnet_reasm_must_evict(mem, high))
		return;
	FUZZ_CHECK(mem > high);
	while (cnet_reasm_evict_more(mem, low)) {
		q = cnet_fragq_lru_oldest(&lru);
		if (!q)
			break;
		/* oldest first */
		FUZZ_CHECK(!prev || (long)(q->created - prev->created) >= 0);
		prev = q;
		drop(container_of(q, struct dgram, q));
	}
	FUZZ_CHECK(mem <= low || list_empty(&lru));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	unsigned int i;

	INIT_LIST_HEAD(&lru);
	memset(dg, 0, sizeof(dg));
	mem = 0;
	/* near the wrap, so that every comparison must be wrap-safe */
	now = -3000UL;
	while (in.left >= 7) {
		u8 op = fuzz_u8(&in);
		u16 a = fuzz_u16(&in), b = fuzz_u16(&in);
		u8 c = fuzz_u8(&in);

		fuzz_u8(&in);
		switch ((op >> 2) & 3) {
		case 0:
		case 1:
			fragment(&dg[op & 3], a, b, c);
			break;
		case 2:
			tick(a);
			break;
		default:
			pressure(a, b);
			break;
		}
	}
	for (i = 0; i < NQ; i++)
		if (dg[i].live)
			drop(&dg[i]);
	FUZZ_CHECK(mem == 0);
	return 0;
}
