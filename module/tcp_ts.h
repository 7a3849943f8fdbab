/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP timestamps (RFC 7323 3, 4, 5), the pure decisions: the clock a
 * connection stamps its segments with, the per-connection offset added to
 * it (RFC 7323 5.4, as Linux's secure_tcp_ts_off()), PAWS (protection
 * against wrapped sequence numbers, RFC 7323 5.3 R1 and 5.5), when the
 * peer's TSval becomes TS.Recent (RFC 7323 4.3), and the round-trip time
 * an echoed TSecr measures (RTTM, RFC 7323 4.1).
 *
 * The clock ticks in milliseconds (Linux's TCP_TS_HZ 1000): TSval is
 * (now_ms + offset) mod 2^32, compared in 32-bit serial arithmetic, so it
 * wraps every 49.7 days and "older" means "up to 2^31 ms behind". A
 * TS.Recent left alone 24 days (RFC 7323 5.5) is not trusted any more:
 * the peer's clock may have wrapped past it.
 *
 * Nothing here reads a clock, touches an skb or a socket: the caller
 * passes the times in and KUnit drives each decision with a fake clock
 * (tests/tcp_ts_test.c).
 */
#ifndef _CNET_TCP_TS_H
#define _CNET_TCP_TS_H

#include <linux/siphash.h>
#include <linux/types.h>

/* Bytes a timestamp option takes in every segment (NOP, NOP, TS: 12) */
#define CNET_TCP_TS_OPT_SPACE		12
/* RFC 7323 5.5: a TS.Recent idle this long is invalid (24 days) */
#define CNET_TCP_PAWS_IDLE_S		(24U * 24 * 60 * 60)
/*
 * A timestamp this much behind TS.Recent still passes PAWS (Linux's
 * TCP_PAWS_WINDOW): a peer's segments reordered within one clock tick.
 */
#define CNET_TCP_PAWS_WINDOW		1
/*
 * A RST failing PAWS is taken anyway once TS.Recent is this old (Linux's
 * TCP_PAWS_MSL): the peer may have rebooted and lost its clock.
 */
#define CNET_TCP_PAWS_MSL_S		60

/**
 * struct cnet_tcp_ts_recent - what a connection remembers of the peer's
 *	timestamps
 * @val: TS.Recent, the TSval to echo
 * @stamp_s: when @val was last recorded, in seconds of the caller's clock
 *	(RFC 7323 5.5's idle rule)
 */
struct cnet_tcp_ts_recent {
	u32	val;
	u32	stamp_s;
};

/**
 * struct cnet_tcp_ts_rx - the timestamp option of the segment being
 *	received
 * @tsval: its TSval
 * @tsecr: its TSecr
 * @saw: it carried one
 */
struct cnet_tcp_ts_rx {
	u32	tsval;
	u32	tsecr;
	bool	saw;
};

u32 cnet_tcp_ts_off(const siphash_key_t *key, __be32 saddr, __be32 daddr,
		    __be16 sport, __be16 dport);

/* The TSval of a segment sent at @now_ms by a connection of offset @off */
static inline u32 cnet_tcp_ts_val(u32 now_ms, u32 off)
{
	return now_ms + off;
}

bool cnet_tcp_paws_ok(const struct cnet_tcp_ts_recent *r, u32 tsval,
		      u32 now_s, u32 window);
bool cnet_tcp_paws_reject(const struct cnet_tcp_ts_recent *r, u32 tsval,
			  u32 now_s, bool rst);

/**
 * struct cnet_tcp_paws_seg - what PAWS's exception for a reordered
 *	duplicate ACK needs of a segment and its connection
 * @seq: SEG.SEQ
 * @len: SEG.LEN (data, SYN, FIN)
 * @ack: SEG.ACK
 * @is_ack: the ACK flag is set
 * @win_update: the segment would update the send window (its window
 *	differs, or it is newer by snd_wl1/snd_wl2)
 * @rcv_nxt: RCV.NXT
 * @snd_una: SND.UNA
 * @replay_ms: how far behind TS.Recent such an ACK may be (Linux: the
 *	RTO, in ms)
 */
struct cnet_tcp_paws_seg {
	u32	seq;
	u32	len;
	u32	ack;
	bool	is_ack;
	bool	win_update;
	u32	rcv_nxt;
	u32	snd_una;
	u32	replay_ms;
};

bool cnet_tcp_paws_discard(const struct cnet_tcp_ts_recent *r, u32 tsval,
			   u32 now_s, const struct cnet_tcp_paws_seg *s);
bool cnet_tcp_ts_recent_update(struct cnet_tcp_ts_recent *r, u32 tsval,
			       u32 seq, u32 last_ack_sent, u32 now_s);
bool cnet_tcp_ts_rtt_us(u32 now_tsval, u32 tsecr, u32 *rtt_us);
u16 cnet_tcp_ts_mss(u16 mss, bool ts_ok);

#endif /* _CNET_TCP_TS_H */
