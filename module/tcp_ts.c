// SPDX-License-Identifier: GPL-2.0
/*
 * TCP timestamps and PAWS (RFC 7323), pure: see tcp_ts.h.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/minmax.h>

#include "tcp_seq.h"
#include "tcp_ts.h"

/* Microseconds per tick of the timestamp clock (1 ms, Linux's TCP_TS_HZ) */
#define TS_US_PER_TICK	1000U

/**
 * cnet_tcp_ts_off - the offset a connection adds to the timestamp clock
 * @key: the namespace's secret
 * @saddr: local address
 * @daddr: remote address
 * @sport: local port
 * @dport: remote port
 *
 * RFC 7323 5.4 and 7.1: a per-connection random offset keeps an observer
 * from reading the host's uptime off TSval, or from telling whether two
 * connections come from the same host. It is a keyed hash of the 4-tuple
 * (Linux's secure_tcp_ts_off() hashes the address pair): one 4-tuple gets
 * the same offset every time, so the TSval of a new incarnation follows
 * the old one's, which RFC 6191's TIME-WAIT reuse relies on.
 *
 * Return: the offset.
 */
u32 cnet_tcp_ts_off(const siphash_key_t *key, __be32 saddr, __be32 daddr,
		    __be16 sport, __be16 dport)
{
	u32 ports = (u32)ntohs(sport) << 16 | ntohs(dport);

	return (u32)siphash_3u32((__force u32)saddr, (__force u32)daddr,
				 ports, key);
}

/**
 * cnet_tcp_paws_ok - does @tsval pass PAWS against @r?
 * @r: TS.Recent and when it was recorded
 * @tsval: the segment's TSval
 * @now_s: now, in the seconds of @r->stamp_s
 * @window: how far behind TS.Recent @tsval may be and pass
 *
 * As Linux's tcp_paws_check(): it passes when it is not more than
 * @window behind TS.Recent; when TS.Recent is older than 24 days (RFC
 * 7323 5.5: the peer's clock may have wrapped since); and when TS.Recent
 * is 0 (some hosts send 0 in their SYN and real values after).
 *
 * Return: true when the segment passes.
 */
bool cnet_tcp_paws_ok(const struct cnet_tcp_ts_recent *r, u32 tsval,
		      u32 now_s, u32 window)
{
	if ((s32)(r->val - tsval) <= (s32)window)
		return true;
	if (now_s - r->stamp_s >= CNET_TCP_PAWS_IDLE_S)
		return true;
	return !r->val;
}

/**
 * cnet_tcp_paws_reject - is a segment an old duplicate by its timestamp?
 * @r: TS.Recent and when it was recorded
 * @tsval: the segment's TSval
 * @now_s: now, in the seconds of @r->stamp_s
 * @rst: the segment is a RST
 *
 * RFC 7323 5.3 R1 with no slack, as Linux's tcp_paws_reject(): a TSval
 * older than TS.Recent fails, except a RST once TS.Recent is a minute
 * old (the peer rebooted and lost its clock, RFC 7323 5.5 and Linux's
 * TCP_PAWS_MSL). For the passive side's checks (a request, TIME-WAIT).
 *
 * Return: true when the segment is to be rejected.
 */
bool cnet_tcp_paws_reject(const struct cnet_tcp_ts_recent *r, u32 tsval,
			  u32 now_s, bool rst)
{
	if (cnet_tcp_paws_ok(r, tsval, now_s, 0))
		return false;
	return !(rst && now_s - r->stamp_s >= CNET_TCP_PAWS_MSL_S);
}

/*
 * Linux's tcp_disordered_ack(): a pure duplicate ACK at RCV.NXT that
 * updates no window, a little behind TS.Recent, only overtook a newer
 * segment of the peer's: it is not an old duplicate, and dropping it
 * would lose a duplicate ACK that fast retransmit counts on.
 */
static bool cnet_tcp_disordered_ack(const struct cnet_tcp_ts_recent *r,
				    u32 tsval,
				    const struct cnet_tcp_paws_seg *s)
{
	return s->is_ack && !s->len && s->seq == s->rcv_nxt &&
	       s->ack == s->snd_una && !s->win_update &&
	       (s32)(r->val - tsval) <= (s32)s->replay_ms;
}

/**
 * cnet_tcp_paws_discard - does PAWS drop a segment of a connection?
 * @r: the connection's TS.Recent
 * @tsval: the segment's TSval
 * @now_s: now, in the seconds of @r->stamp_s
 * @s: the segment, for the reordered-ACK exception
 *
 * RFC 7323 5.3 R1 as Linux's tcp_paws_discard(): the TSval is more than
 * CNET_TCP_PAWS_WINDOW behind TS.Recent (and TS.Recent is valid), and
 * the segment is not a duplicate ACK that was merely reordered. The
 * caller drops it and sends an ACK; a RST is not checked (RFC 7323 5.3:
 * a RST is accepted on its sequence number alone).
 *
 * Return: true when the segment is to be dropped.
 */
bool cnet_tcp_paws_discard(const struct cnet_tcp_ts_recent *r, u32 tsval,
			   u32 now_s, const struct cnet_tcp_paws_seg *s)
{
	return !cnet_tcp_paws_ok(r, tsval, now_s, CNET_TCP_PAWS_WINDOW) &&
	       !cnet_tcp_disordered_ack(r, tsval, s);
}

/**
 * cnet_tcp_ts_recent_update - record a TSval as TS.Recent if RFC 7323 4.3
 *	says so
 * @r: TS.Recent, updated
 * @tsval: the TSval of a segment that passed PAWS and the window check
 * @seq: its SEG.SEQ
 * @last_ack_sent: the ACK number we last sent (Last.ACK.sent)
 * @now_s: now, in seconds
 *
 * Only a segment that starts at or before Last.ACK.sent (it covers the
 * point our last ACK acknowledged, so its TSval is what the peer's RTT
 * measurement expects back: RFC 7323 4.3 (2)), and whose TSval is not
 * older than TS.Recent (or TS.Recent is stale, 5.5), is recorded; a
 * delayed ACK then echoes the oldest segment it acknowledges, and a
 * segment after a hole does not advance TS.Recent.
 *
 * Return: whether @r changed.
 */
bool cnet_tcp_ts_recent_update(struct cnet_tcp_ts_recent *r, u32 tsval,
			       u32 seq, u32 last_ack_sent, u32 now_s)
{
	if (cnet_seq_after(seq, last_ack_sent))
		return false;
	if (!cnet_tcp_paws_ok(r, tsval, now_s, 0))
		return false;
	r->val = tsval;
	r->stamp_s = now_s;
	return true;
}

/**
 * cnet_tcp_ts_rtt_us - the round-trip time an echoed timestamp measures
 * @now_tsval: the TSval a segment sent now would carry
 * @tsecr: the TSecr of an ACK that acknowledged new data (RFC 7323 4.1's
 *	RTTM rule: only those)
 * @rtt_us: set to the sample, in microseconds
 *
 * The echo names the transmission the peer answered, a retransmission
 * as well as an original: unlike a sample timed from a retransmitted
 * segment, it is not ambiguous (Karn's rule is about the sequence
 * numbers). As Linux's tcp_rtt_tsopt_us(): an echo of 0 (the peer has no
 * TS.Recent yet) and an echo from the future, or from 24 days ago and
 * more, give none; under a clock tick it counts one tick (1 ms).
 *
 * Return: whether there is a sample.
 */
bool cnet_tcp_ts_rtt_us(u32 now_tsval, u32 tsecr, u32 *rtt_us)
{
	u32 delta = now_tsval - tsecr;

	if (!tsecr || delta >= INT_MAX / TS_US_PER_TICK)
		return false;
	*rtt_us = max(delta, 1U) * TS_US_PER_TICK;
	return true;
}

/**
 * cnet_tcp_ts_mss - the data a segment carries, timestamps counted
 * @mss: the MSS agreed (the peer's, the route's, TCP_MAXSEG's), > 12
 * @ts_ok: timestamps were negotiated
 *
 * The MSS counts no options (RFC 6691); a timestamp option in every
 * segment takes 12 bytes of it, as Linux's mss_cache does.
 *
 * Return: the bytes of data per full segment.
 */
u16 cnet_tcp_ts_mss(u16 mss, bool ts_ok)
{
	return ts_ok ? mss - CNET_TCP_TS_OPT_SPACE : mss;
}
