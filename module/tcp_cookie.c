// SPDX-License-Identifier: GPL-2.0
/*
 * SYN cookies (tcp_cookie.h): making and checking a cookie, the MSS
 * table, the options in the TSval, the "is a cookie expected now"
 * window. The glue that sends and takes them is tcp_minisock.c.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <asm/byteorder.h>

#include "tcp_cookie.h"
#include "tcp_seq.h"

/* The low bits of a cookie: the MSS index under H1 */
#define COOKIE_DATA_BITS	24
#define COOKIE_DATA_MASK	((1U << COOKIE_DATA_BITS) - 1)
/* The high bits: the clock when it was made */
#define COOKIE_COUNT_MASK	(U32_MAX >> COOKIE_DATA_BITS)

/*
 * The MSS values a cookie can say, smallest first. The peer's MSS rounds
 * down to one of them, so cnet never sends segments larger than the peer
 * asked for; the first entry is the smallest MSS cnet sends with at all
 * (CNET_TCP_MIN_SND_MSS), the rest the common ones: 536 (no option, RFC
 * 9293 3.7.1), 1220 (a 1280-byte path), 1300 and 1380 (tunnels), 1440
 * and 1452 (PPPoE), 1460 (Ethernet). Linux's msstab has four (536, 1300,
 * 1440, 1460) and rounds anything smaller than 536 up to 536; eight cost
 * a forger one bit of the 24. Larger MSS (jumbo frames, loopback) round
 * down to 1460, as on Linux.
 */
static const u16 cookie_msstab[CNET_TCP_COOKIE_NR_MSS] = {
	48, 536, 1220, 1300, 1380, 1440, 1452, 1460,
};

/**
 * cnet_tcp_cookie_mss_index - the table entry a peer's MSS rounds down to
 * @mss: the peer's MSS option, 0 if it sent none (536, RFC 9293 3.7.1)
 *
 * Return: the index of the largest entry not above @mss (0 for anything
 * below the smallest).
 */
unsigned int cnet_tcp_cookie_mss_index(u16 mss)
{
	unsigned int i;

	if (!mss)
		mss = 536;
	for (i = CNET_TCP_COOKIE_NR_MSS - 1; i > 0; i--)
		if (mss >= cookie_msstab[i])
			break;
	return i;
}

/**
 * cnet_tcp_cookie_mss - the MSS of a table index
 * @index: below CNET_TCP_COOKIE_NR_MSS
 *
 * Return: the MSS, or 0 for an index out of the table.
 */
u16 cnet_tcp_cookie_mss(unsigned int index)
{
	return index < CNET_TCP_COOKIE_NR_MSS ? cookie_msstab[index] : 0;
}

static u32 cookie_ports(const struct cnet_tcp_cookie_tuple *t)
{
	return (u32)ntohs(t->lport) << 16 | ntohs(t->rport);
}

/* H0: the 4-tuple under the first secret; hides the clock and the peer's ISN */
static u32 cookie_h0(const siphash_key_t key[2],
		     const struct cnet_tcp_cookie_tuple *t)
{
	return (u32)siphash_3u32((__force u32)t->laddr, (__force u32)t->raddr,
				 cookie_ports(t), &key[0]);
}

/* H1: the 4-tuple and the clock under the second; hides the MSS index */
static u32 cookie_h1(const siphash_key_t key[2],
		     const struct cnet_tcp_cookie_tuple *t, u32 count)
{
	return (u32)siphash_4u32((__force u32)t->laddr, (__force u32)t->raddr,
				 cookie_ports(t), count, &key[1]);
}

/**
 * cnet_tcp_cookie_make - the ISN of a SYN-ACK that keeps no state
 * @key: the namespace's two secrets
 * @t: the SYN's 4-tuple
 * @peer_isn: the SYN's sequence number
 * @count: the cookies' clock now (seconds / CNET_TCP_COOKIE_PERIOD_S)
 * @mss_index: cnet_tcp_cookie_mss_index() of the peer's MSS
 *
 * Return: the cookie.
 */
u32 cnet_tcp_cookie_make(const siphash_key_t key[2],
			 const struct cnet_tcp_cookie_tuple *t, u32 peer_isn,
			 u32 count, unsigned int mss_index)
{
	return cookie_h0(key, t) + peer_isn + (count << COOKIE_DATA_BITS) +
	       ((cookie_h1(key, t, count) + mss_index) & COOKIE_DATA_MASK);
}

/**
 * cnet_tcp_cookie_check - is an ACK's cookie one we made?
 * @key: the namespace's two secrets
 * @t: the ACK's 4-tuple (as the SYN's: our side first)
 * @peer_isn: the ACK's SEG.SEQ - 1 (the SYN's sequence number)
 * @cookie: the ACK's SEG.ACK - 1 (our SYN-ACK's)
 * @count: the cookies' clock now
 *
 * Undoes cnet_tcp_cookie_make(): the clock in the top bits must be less
 * than CNET_TCP_COOKIE_MAX_AGE ticks old (older, or from the future, it
 * fails), and what is left after H1 of that tick must be an index of the
 * table. Any other 4-tuple, ISN or secret gives random bits, which pass
 * with a probability of CNET_TCP_COOKIE_NR_MSS / 2^24.
 *
 * Return: the MSS index, or -1 when the cookie is not valid.
 */
int cnet_tcp_cookie_check(const siphash_key_t key[2],
			  const struct cnet_tcp_cookie_tuple *t, u32 peer_isn,
			  u32 cookie, u32 count)
{
	u32 rest = cookie - cookie_h0(key, t) - peer_isn;
	u32 age = (count - (rest >> COOKIE_DATA_BITS)) & COOKIE_COUNT_MASK;
	u32 index;

	if (age >= CNET_TCP_COOKIE_MAX_AGE)
		return -1;
	index = (rest - cookie_h1(key, t, count - age)) & COOKIE_DATA_MASK;
	return index < CNET_TCP_COOKIE_NR_MSS ? (int)index : -1;
}

/**
 * cnet_tcp_cookie_ts_encode - the TSval of a cookie's SYN-ACK
 * @tsval: the TSval it would have
 * @o: the options agreed with the SYN
 *
 * Return: @tsval with its low CNET_TCP_COOKIE_TS_BITS the options, at
 * most @tsval (one step of 2^6 back when putting them in raised it).
 */
u32 cnet_tcp_cookie_ts_encode(u32 tsval, const struct cnet_tcp_cookie_opts *o)
{
	u32 opts = o->wscale_ok ? min_t(u32, o->snd_wscale, 14) :
				  CNET_TCP_COOKIE_TS_WSCALE;
	u32 ts;

	if (o->sack_ok)
		opts |= CNET_TCP_COOKIE_TS_SACK;
	if (o->ecn_ok)
		opts |= CNET_TCP_COOKIE_TS_ECN;
	ts = (tsval & ~CNET_TCP_COOKIE_TS_MASK) | opts;
	if (cnet_seq_after(ts, tsval))
		ts -= 1U << CNET_TCP_COOKIE_TS_BITS;
	return ts;
}

/**
 * cnet_tcp_cookie_ts_decode - the options a cookie's ACK echoes
 * @tsecr: the ACK's TSecr (the SYN-ACK's TSval)
 * @o: filled in
 *
 * Every value decodes: a forged TSecr can only choose options, and only
 * with a valid cookie, which the caller checked.
 */
void cnet_tcp_cookie_ts_decode(u32 tsecr, struct cnet_tcp_cookie_opts *o)
{
	u32 w = tsecr & CNET_TCP_COOKIE_TS_WSCALE;

	o->wscale_ok = w != CNET_TCP_COOKIE_TS_WSCALE;
	o->snd_wscale = o->wscale_ok ? w : 0;
	o->sack_ok = tsecr & CNET_TCP_COOKIE_TS_SACK;
	o->ecn_ok = tsecr & CNET_TCP_COOKIE_TS_ECN;
}

/**
 * cnet_tcp_cookie_recent - may an ACK to a listener carry a cookie?
 * @now: the time now (jiffies)
 * @last_cookie: when the listener last sent one (jiffies; 0 for never)
 * @valid: how long a cookie stays valid (jiffies)
 * @slack: how far @last_cookie may be ahead of @now (a racing writer)
 *
 * As Linux's tcp_synq_no_recent_overflow(), negated: only a listener
 * that sent cookies lately checks the ACKs it has no request for; the
 * others answer them with a reset at once, as without cookies.
 */
bool cnet_tcp_cookie_recent(unsigned long now, unsigned long last_cookie,
			    unsigned long valid, unsigned long slack)
{
	if (!last_cookie)
		return false;
	return time_after_eq(now, last_cookie - slack) &&
	       time_before_eq(now, last_cookie + valid);
}
