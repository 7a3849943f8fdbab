// SPDX-License-Identifier: GPL-2.0
/*
 * Rate limiting's pure part: a token bucket. See ratelimit.h.
 */
#include <linux/minmax.h>

#include "ratelimit.h"

/**
 * cnet_tb_allow - take a token from a bucket if there is one
 * @tb: the bucket; a zeroed one starts full
 * @now: the time, in jiffies
 * @rate_jiffies: one token accrues per this many jiffies; 0 is no limit
 * @burst: at most this many tokens are saved (at least 1)
 *
 * Time is compared by unsigned difference, so a jiffies wrap between two
 * calls does not matter. Unused fractions of a token are kept.
 */
bool cnet_tb_allow(struct cnet_tb *tb, unsigned long now,
		   unsigned long rate_jiffies, u32 burst)
{
	unsigned long add;

	if (!rate_jiffies)
		return true;
	burst = max(burst, 1U);
	if (!tb->primed) {
		tb->primed = true;
		tb->tokens = burst;
		tb->last = now;
	}
	add = (now - tb->last) / rate_jiffies;
	if (add >= burst - tb->tokens) {
		tb->tokens = burst;
		tb->last = now;
	} else if (add) {
		tb->tokens += add;
		tb->last += add * rate_jiffies;
	}
	if (tb->tokens > burst)		/* burst was lowered */
		tb->tokens = burst;
	if (!tb->tokens)
		return false;
	tb->tokens--;
	return true;
}
