/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rate limiting's pure part: a token bucket, a function of (bucket, time)
 * that KUnit tests directly (tests/ratelimit_test.c). Who keeps buckets,
 * and under which lock, is the user's business: ICMP errors keep one per
 * peer (icmp.c).
 */
#ifndef _CNET_RATELIMIT_H
#define _CNET_RATELIMIT_H

#include <linux/types.h>

/*
 * A token bucket: one token per @rate_jiffies, at most @burst saved. The
 * caller serialises calls for one bucket.
 */
struct cnet_tb {
	unsigned long	last;	/* jiffies when tokens were last added */
	u32		tokens;
	bool		primed;	/* false: not used yet, starts full */
};

bool cnet_tb_allow(struct cnet_tb *tb, unsigned long now,
		   unsigned long rate_jiffies, u32 burst);

#endif /* _CNET_RATELIMIT_H */
