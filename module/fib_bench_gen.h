/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The route tables and lookup addresses of the FIB benchmark, generated
 * the same way on both sides of the comparison: by fib_bench.c for cnet's
 * table, and by selftests/progs/linux_fib_bench.c for Linux's, which
 * includes this file from userspace. Both get the same prefixes and the
 * same address stream from the same seed, and both print a digest of
 * them so that the benchmark script can check that they did.
 *
 * Pure functions only. The includer provides u8, u32 and u64 (the kernel
 * does; userspace typedefs them).
 *
 * Prefix lengths follow roughly the shape of the IPv4 default-free zone
 * (BGP table) of the 2020s: most are /24, many /16 to /23, a few shorter,
 * and a handful longer than /24 (see fib_bench_plen_permille[]). Prefixes
 * are placed uniformly in 1.0.0.0 to 223.255.255.255, so they cluster
 * less than real allocations do, which if anything costs more memory.
 * Each lookup address is a random address inside a random prefix of the
 * table, so every lookup finds a route, and in random order, so that
 * caches help no more than on a router.
 *
 * A caller draws candidate prefixes with fib_bench_gen_route() and skips
 * any (dst, plen) it already has, up to 4 draws per wanted prefix; then
 * draws addresses with fib_bench_gen_addr() over the routes it kept, in
 * the order it kept them.
 */
#ifndef _CNET_FIB_BENCH_GEN_H
#define _CNET_FIB_BENCH_GEN_H

/* Share of each prefix length, per mille; they add up to 1000. */
static const unsigned short fib_bench_plen_permille[33] = {
	[8] = 1, [11] = 1, [13] = 1, [14] = 1, [15] = 1,
	[16] = 14, [17] = 8, [18] = 13, [19] = 26, [20] = 45,
	[21] = 50, [22] = 120, [23] = 100, [24] = 613,
	[25] = 1, [26] = 1, [27] = 1, [28] = 1, [30] = 1, [32] = 1,
};

/* Draws per wanted prefix before the generator gives up on duplicates. */
#define FIB_BENCH_TRIES_PER_PREFIX	4

/* Routes point at one of this many gateways 10.0.0.1.., and as many devices. */
#define FIB_BENCH_NEXTHOPS		4
#define FIB_BENCH_GW_BASE		0x0a000001U	/* 10.0.0.1 */

/* SplitMix64: small, fast, and the same sequence on every platform. */
struct fib_bench_rng {
	u64 s;
};

static inline void fib_bench_seed(struct fib_bench_rng *r, u64 seed)
{
	r->s = seed;
}

static inline u32 fib_bench_rand(struct fib_bench_rng *r)
{
	u64 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (u32)((z ^ (z >> 31)) >> 32);
}

static inline u32 fib_bench_mask(unsigned int plen)
{
	return plen ? ~0U << (32 - plen) : 0;
}

/* A candidate route, host byte order. */
struct fib_bench_route {
	u32 dst;
	u32 gw;
	u8 plen;
	u8 nexthop;	/* 0 .. FIB_BENCH_NEXTHOPS - 1 */
};

static inline unsigned int fib_bench_plen(struct fib_bench_rng *r)
{
	u32 x = fib_bench_rand(r) % 1000;
	unsigned int l;

	for (l = 0; l < 33; l++) {
		if (x < fib_bench_plen_permille[l])
			return l;
		x -= fib_bench_plen_permille[l];
	}
	return 24;
}

static inline void fib_bench_gen_route(struct fib_bench_rng *r,
				       struct fib_bench_route *rt)
{
	unsigned int plen = fib_bench_plen(r);
	u32 a = (1 + fib_bench_rand(r) % 223) << 24 |
		(fib_bench_rand(r) & 0xffffff);

	rt->plen = plen;
	rt->dst = a & fib_bench_mask(plen);
	rt->nexthop = fib_bench_rand(r) % FIB_BENCH_NEXTHOPS;
	rt->gw = FIB_BENCH_GW_BASE + rt->nexthop;
}

/* A random host address inside a random one of the @n routes @rts. */
static inline u32 fib_bench_gen_addr(struct fib_bench_rng *r,
				     const struct fib_bench_route *rts, u32 n)
{
	const struct fib_bench_route *rt = &rts[fib_bench_rand(r) % n];
	u32 host = (u32)((u64)fib_bench_rand(r) >> rt->plen);

	return rt->dst | host;
}

/* Fold one 32-bit value into a running digest (FNV-1a over its bytes). */
static inline u64 fib_bench_digest(u64 h, u32 v)
{
	int i;

	if (!h)
		h = 0xcbf29ce484222325ULL;
	for (i = 0; i < 4; i++, v >>= 8) {
		h ^= v & 0xff;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The digest of a table: each route's dst and plen, in order. */
static inline u64 fib_bench_digest_routes(const struct fib_bench_route *rts,
					  u32 n)
{
	u64 h = 0;
	u32 i;

	for (i = 0; i < n; i++)
		h = fib_bench_digest(fib_bench_digest(h, rts[i].dst),
				     rts[i].plen);
	return h;
}

#endif /* _CNET_FIB_BENCH_GEN_H */
