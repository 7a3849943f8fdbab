// SPDX-License-Identifier: GPL-2.0
/*
 * Rate limiting's pure part: a token bucket. See ratelimit.h.
 */
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/param.h>

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

/**
 * cnet_tb_level - the tokens a bucket would give now, without taking one
 * @tb: the bucket, as cnet_tb_allow() keeps it; not changed
 * @now: the time, in jiffies
 * @rate_jiffies: as cnet_tb_allow()
 * @burst: as cnet_tb_allow()
 *
 * A bucket at @burst is no different from a new one: forgetting it loses
 * nothing, and the fuller a bucket, the less forgetting it gives away.
 */
u32 cnet_tb_level(const struct cnet_tb *tb, unsigned long now,
		  unsigned long rate_jiffies, u32 burst)
{
	unsigned long add;

	burst = max(burst, 1U);
	if (!rate_jiffies || !tb->primed)
		return burst;
	add = (now - tb->last) / rate_jiffies;
	if (tb->tokens >= burst || add >= burst - tb->tokens)
		return burst;
	return tb->tokens + add;
}

/**
 * cnet_tb_ps_ready - refill a bucket counted in tokens a second; any left?
 * @tb: the bucket; a zeroed one starts full
 * @now: the time, in jiffies
 * @per_sec: tokens a second (may be more than HZ); 0 is no limit
 * @burst: at most this many tokens are saved (at least 1)
 *
 * For a limit above one token a jiffy, as Linux's icmp_msgs_per_sec: it
 * takes nothing, so that the caller can first ask another limit and then
 * take its token with cnet_tb_take() only if the message does go (as
 * Linux's icmp_global_allow() and icmp_global_consume()). Fractions of a
 * token are kept, as in cnet_tb_allow().
 *
 * Return: whether a token is there to take.
 */
bool cnet_tb_ps_ready(struct cnet_tb *tb, unsigned long now, u32 per_sec,
		      u32 burst)
{
	unsigned long elapsed;
	u64 add;

	if (!per_sec)
		return true;
	burst = max(burst, 1U);
	if (!tb->primed) {
		tb->primed = true;
		tb->tokens = burst;
		tb->last = now;
	}
	elapsed = now - tb->last;
	/* after @burst seconds it is full at any rate: no overflow below */
	if ((u64)elapsed >= (u64)burst * HZ)
		add = burst;
	else
		add = div_u64((u64)elapsed * per_sec, HZ);
	if (add >= burst - min(tb->tokens, burst)) {
		tb->tokens = burst;
		tb->last = now;
	} else if (add) {
		tb->tokens += add;
		/* the time those tokens took, rounded down: the rest is kept */
		tb->last += div_u64(add * HZ, per_sec);
	}
	return tb->tokens;
}

/* Take one token from a bucket, if it has one. */
void cnet_tb_take(struct cnet_tb *tb)
{
	if (tb->tokens)
		tb->tokens--;
}
