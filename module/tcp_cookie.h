/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SYN cookies (RFC 4987 3.6): when a listener's SYN queue is full (or
 * always, per the namespace's tcp_syncookies), the SYN-ACK's ISN is a
 * cookie and no request is kept; the ACK that completes the handshake
 * carries the cookie back (SEG.ACK - 1) and is enough to make the
 * connection.
 *
 * A cookie is, for the 4-tuple and the peer's ISN:
 *
 *	H0(4-tuple) + ISN_peer + (count << 24)
 *		+ ((H1(4-tuple, count) + mss_index) mod 2^24)
 *
 * where H0 and H1 are SipHash under two secrets of the namespace and
 * count is a coarse clock (one tick a minute, as Linux's
 * tcp_cookie_time()). The top 8 bits say when it was made, the low 24
 * bits carry the MSS as an index into a small table, hidden under H1: a
 * forged cookie passes with a probability of about table size / 2^24.
 * A cookie is valid for CNET_TCP_COOKIE_MAX_AGE ticks: between one and
 * two minutes.
 *
 * What the ISN has no room for rides in the SYN-ACK's TSval when the SYN
 * offered timestamps (as Linux's cookie_init_timestamp()): its low 6 bits
 * are the peer's window scale (15: none), SACK-permitted and ECN, and
 * the peer echoes them in its ACK's TSecr. The TSval is lowered by up to
 * 63 ticks for that, never raised, so the connection's later TSvals
 * still grow. Without timestamps a connection made from a cookie goes
 * without window scaling, SACK and ECN, as Linux's does.
 *
 * Nothing here touches an skb, a socket, a lock or a clock: KUnit drives
 * each function with a fake clock (tests/tcp_cookie_test.c).
 */
#ifndef _CNET_TCP_COOKIE_H
#define _CNET_TCP_COOKIE_H

#include <linux/siphash.h>
#include <linux/types.h>

/* One tick of the cookies' clock, in seconds (Linux's TCP_SYNCOOKIE_PERIOD) */
#define CNET_TCP_COOKIE_PERIOD_S	60
/* A cookie is valid while the clock moved less than this (MAX_SYNCOOKIE_AGE) */
#define CNET_TCP_COOKIE_MAX_AGE		2
/* How many MSS values a cookie can say (the table's size) */
#define CNET_TCP_COOKIE_NR_MSS		8

/* The options in a cookie's TSval (Linux's TS_OPT_*, TSBITS) */
#define CNET_TCP_COOKIE_TS_BITS		6
#define CNET_TCP_COOKIE_TS_MASK		((1U << CNET_TCP_COOKIE_TS_BITS) - 1)
#define CNET_TCP_COOKIE_TS_WSCALE	0x0f	/* the peer's shift; 15: none */
#define CNET_TCP_COOKIE_TS_SACK		0x10
#define CNET_TCP_COOKIE_TS_ECN		0x20

/* Per-namespace tcp_syncookies, as Linux's net.ipv4.tcp_syncookies */
#define CNET_TCP_SYNCOOKIES_OFF		0	/* never: a full queue drops */
#define CNET_TCP_SYNCOOKIES_OVERFLOW	1	/* when the SYN queue is full */
#define CNET_TCP_SYNCOOKIES_ALWAYS	2	/* for every SYN */

/**
 * struct cnet_tcp_cookie_tuple - what a cookie is bound to
 * @laddr: our address (the SYN's destination)
 * @raddr: the peer's
 * @lport: our port
 * @rport: the peer's
 */
struct cnet_tcp_cookie_tuple {
	__be32	laddr;
	__be32	raddr;
	__be16	lport;
	__be16	rport;
};

/**
 * struct cnet_tcp_cookie_opts - the options a cookie's TSval carries
 * @wscale_ok: the SYN had a window scale option
 * @snd_wscale: its shift (0 to 14)
 * @sack_ok: SACK-permitted was agreed
 * @ecn_ok: ECN was agreed
 */
struct cnet_tcp_cookie_opts {
	bool	wscale_ok;
	u8	snd_wscale;
	bool	sack_ok;
	bool	ecn_ok;
};

unsigned int cnet_tcp_cookie_mss_index(u16 mss);
u16 cnet_tcp_cookie_mss(unsigned int index);
u32 cnet_tcp_cookie_make(const siphash_key_t key[2],
			 const struct cnet_tcp_cookie_tuple *t, u32 peer_isn,
			 u32 count, unsigned int mss_index);
int cnet_tcp_cookie_check(const siphash_key_t key[2],
			  const struct cnet_tcp_cookie_tuple *t, u32 peer_isn,
			  u32 cookie, u32 count);
u32 cnet_tcp_cookie_ts_encode(u32 tsval,
			      const struct cnet_tcp_cookie_opts *o);
void cnet_tcp_cookie_ts_decode(u32 tsecr, struct cnet_tcp_cookie_opts *o);
bool cnet_tcp_cookie_recent(unsigned long now, unsigned long last_cookie,
			    unsigned long valid, unsigned long slack);

#endif /* _CNET_TCP_COOKIE_H */
