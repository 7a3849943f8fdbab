/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim: the Internet checksum (RFC 1071) helpers of <net/checksum.h>,
 * written plainly. A __wsum is a 32-bit partial one's complement sum of
 * 16-bit words in memory order; csum_fold() folds it to 16 bits and
 * inverts. The values may differ from the kernel's arch code in how a
 * partial sum is represented, never once folded.
 */
#ifndef _SHIM_NET_CHECKSUM_H
#define _SHIM_NET_CHECKSUM_H

#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>

#define CSUM_MANGLED_0	((__sum16)0xffff)

static inline u32 __shim_csum_fold32(u64 s)
{
	while (s >> 32)
		s = (s & 0xffffffff) + (s >> 32);
	return s;
}

static inline __wsum csum_partial(const void *buf, int len, __wsum sum)
{
	const u8 *p = buf;
	u64 s = sum;
	u16 w;

	for (; len > 1; len -= 2, p += 2) {
		memcpy(&w, p, 2);
		s += w;
	}
	if (len > 0) {
		u8 last[2] = { *p, 0 };

		memcpy(&w, last, 2);
		s += w;
	}
	return __shim_csum_fold32(s);
}

static inline __wsum csum_add(__wsum a, __wsum b)
{
	return __shim_csum_fold32((u64)a + b);
}

static inline __sum16 csum_fold(__wsum sum)
{
	u32 s = sum;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return (__sum16)~s;
}

static inline __wsum csum_unfold(__sum16 n)
{
	return (__wsum)n;
}

/* RFC 1624 eqn 3: HC' = ~(~HC + ~m + m') */
static inline void csum_replace2(__sum16 *sum, __be16 old, __be16 new)
{
	u32 s = (u16)~*sum + (u16)~old + (u16)new;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	*sum = (__sum16)~s;
}

/* The pseudo-header's words (RFC 768, RFC 793) added to @sum. */
static inline __wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	u64 s = (u64)sum + saddr + daddr;

	s += htons((u16)proto);
	s += htons((u16)len);
	return __shim_csum_fold32(s);
}

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

#endif
