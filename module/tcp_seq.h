/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP sequence-number arithmetic (RFC 9293 3.4, RFC 1982): sequence
 * numbers are 32-bit and wrap, so "a comes before b" is the sign of the
 * 32-bit difference, valid while the two are less than 2^31 apart (a TCP
 * window never spans more). Every comparison of sequence or
 * acknowledgment numbers in cnet goes through these; KUnit tests them
 * across the wrap (tests/tcp_hdr_test.c).
 */
#ifndef _CNET_TCP_SEQ_H
#define _CNET_TCP_SEQ_H

#include <linux/types.h>

/* a < b in sequence space */
static inline bool cnet_seq_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

/* a > b in sequence space */
static inline bool cnet_seq_after(u32 a, u32 b)
{
	return cnet_seq_before(b, a);
}

/* a <= b in sequence space */
static inline bool cnet_seq_leq(u32 a, u32 b)
{
	return !cnet_seq_after(a, b);
}

/* a >= b in sequence space */
static inline bool cnet_seq_geq(u32 a, u32 b)
{
	return !cnet_seq_before(a, b);
}

/* lo <= seq <= hi in sequence space (hi - lo < 2^31) */
static inline bool cnet_seq_between(u32 seq, u32 lo, u32 hi)
{
	return hi - lo >= seq - lo;
}

/* the later of a and b */
static inline u32 cnet_seq_max(u32 a, u32 b)
{
	return cnet_seq_after(a, b) ? a : b;
}

/* the earlier of a and b */
static inline u32 cnet_seq_min(u32 a, u32 b)
{
	return cnet_seq_before(a, b) ? a : b;
}

#endif /* _CNET_TCP_SEQ_H */
