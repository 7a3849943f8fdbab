/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Rate limiting's pure part: a token bucket, a function of (bucket, time)
 * that KUnit tests directly (tests/ratelimit_test.c). Who keeps buckets,
 * and under which lock, is the user's business: ICMP errors keep one per
 * peer and one for the namespace (icmp.c).
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
u32 cnet_tb_level(const struct cnet_tb *tb, unsigned long now,
		  unsigned long rate_jiffies, u32 burst);

/* The same bucket, its rate in tokens a second; taken from apart. */
bool cnet_tb_ps_ready(struct cnet_tb *tb, unsigned long now, u32 per_sec,
		      u32 burst);
void cnet_tb_take(struct cnet_tb *tb);

#endif /* _CNET_RATELIMIT_H */
