/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim: siphash_key_t, siphash_3u32() and siphash_4u32() with the
 * kernel's signatures. NOT SipHash: a plain mixing function, enough for
 * code that only needs a hash of its inputs (the identifier buckets, SYN
 * cookies); nothing fuzzed depends on the hash's strength.
 */
#ifndef _SHIM_LINUX_SIPHASH_H
#define _SHIM_LINUX_SIPHASH_H

#include <linux/types.h>

typedef struct {
	u64 key[2];
} siphash_key_t;

static inline u64 siphash_3u32(u32 a, u32 b, u32 c, const siphash_key_t *k)
{
	u64 h = k->key[0] ^ ((u64)b << 32 | a);

	h = (h ^ (h >> 31)) * 0x9e3779b97f4a7c15ULL;
	h ^= k->key[1] ^ c;
	h = (h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

static inline u64 siphash_4u32(u32 a, u32 b, u32 c, u32 d,
				const siphash_key_t *k)
{
	u64 h = siphash_3u32(a, b, c, k) ^ ((u64)d * 0x94d049bb133111ebULL);

	return h ^ (h >> 31);
}

#endif
