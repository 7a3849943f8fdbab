// SPDX-License-Identifier: GPL-2.0
/*
 * Pure TCP wire code: header checks, options, building, the checksum with
 * its pseudo-header, initial sequence numbers, MSS, window scale, segment
 * acceptability and the receive window. See tcp_hdr.h.
 */
#include <linux/in.h>
#include <linux/minmax.h>
#include <linux/math.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <net/checksum.h>

#include "tcp_hdr.h"
#include "tcp_seq.h"

/**
 * cnet_tcp_hdr_check - validate a received TCP header (RFC 9293 3.1)
 * @th: the header, or NULL when fewer than 20 bytes could be read
 * @avail: bytes of the segment received, from the header on
 *
 * The data offset counts 32-bit words of header, options included: fewer
 * than 5 cannot hold the fixed header, and a header longer than the
 * segment is a bad segment.
 */
enum cnet_tcp_check cnet_tcp_hdr_check(const struct tcphdr *th,
				       unsigned int avail)
{
	if (!th || avail < sizeof(*th))
		return CNET_TCP_SHORT;
	if (th->doff < 5 || cnet_tcp_hdr_len(th) > avail)
		return CNET_TCP_BAD_DOFF;
	return CNET_TCP_OK;
}

/* One option of @size bytes (kind, length, data at @d) into @o. */
static void cnet_tcp_opt_one(u8 kind, const u8 *d, unsigned int size,
			     bool syn, struct cnet_tcp_opts *o)
{
	unsigned int i, n;

	switch (kind) {
	case CNET_TCPOPT_MSS:
		/* a 0 MSS is ignored, as Linux does: as if none was sent */
		if (syn && size == CNET_TCPOLEN_MSS && get_unaligned_be16(d)) {
			o->mss = get_unaligned_be16(d);
			o->saw_mss = true;
		}
		break;
	case CNET_TCPOPT_WINDOW:
		if (syn && size == CNET_TCPOLEN_WINDOW) {
			/* RFC 7323 2.3: a shift over 14 is used as 14 */
			o->wscale = min_t(u8, *d, CNET_TCP_MAX_WSCALE);
			o->saw_wscale = true;
		}
		break;
	case CNET_TCPOPT_SACK_PERM:
		if (syn && size == CNET_TCPOLEN_SACK_PERM)
			o->sack_ok = true;
		break;
	case CNET_TCPOPT_TIMESTAMP:
		if (size == CNET_TCPOLEN_TIMESTAMP) {
			o->tsval = get_unaligned_be32(d);
			o->tsecr = get_unaligned_be32(d + 4);
			o->saw_ts = true;
		}
		break;
	case CNET_TCPOPT_SACK:
		/* no SACK information on a SYN: nothing was received yet */
		if (syn || size < CNET_TCPOLEN_SACK_BASE +
				  CNET_TCPOLEN_SACK_PERBLOCK ||
		    (size - CNET_TCPOLEN_SACK_BASE) %
		    CNET_TCPOLEN_SACK_PERBLOCK)
			break;
		n = (size - CNET_TCPOLEN_SACK_BASE) / CNET_TCPOLEN_SACK_PERBLOCK;
		n = min_t(unsigned int, n, ARRAY_SIZE(o->sack));
		for (i = 0; i < n; i++, d += CNET_TCPOLEN_SACK_PERBLOCK) {
			o->sack[i].start = get_unaligned_be32(d);
			o->sack[i].end = get_unaligned_be32(d + 4);
		}
		o->nr_sack = n;
		break;
	}
}

/**
 * cnet_tcp_opts_parse - parse the options of a received segment
 * @opt: the options, the bytes after the fixed 20-byte header
 * @len: their length, header length - 20 (at most 40)
 * @syn: the segment carries SYN
 * @o: cleared, then filled with what was found
 *
 * As Linux's tcp_parse_options(): EOL ends the list, NOP is skipped, and
 * an option whose length byte is missing, below 2 or runs past @len ends
 * parsing (what came before is kept). MSS, window scale and
 * SACK-permitted count only on a SYN and with exactly their length; an MSS
 * of 0 counts as none; a window shift over 14 is taken as 14. Timestamps
 * count on any segment with length 10, SACK blocks on a segment other
 * than a SYN with length 2 + 8n; a later copy of an option replaces an
 * earlier one. Whether an option was negotiated (timestamps, SACK after
 * the handshake) is the caller's decision. Unknown kinds are skipped by
 * their length. Every step consumes at least one byte: no loop.
 */
void cnet_tcp_opts_parse(const u8 *opt, unsigned int len, bool syn,
			 struct cnet_tcp_opts *o)
{
	unsigned int size;

	memset(o, 0, sizeof(*o));
	while (len > 0) {
		if (opt[0] == CNET_TCPOPT_EOL)
			return;
		if (opt[0] == CNET_TCPOPT_NOP) {
			opt++;
			len--;
			continue;
		}
		if (len < 2)
			return;
		size = opt[1];
		if (size < 2 || size > len)
			return;
		cnet_tcp_opt_one(opt[0], opt + 2, size, syn, o);
		opt += size;
		len -= size;
	}
}

/* SACK blocks that fit after the other options of a non-SYN segment. */
static unsigned int cnet_tcp_sack_fit(const struct cnet_tcp_opts *o)
{
	unsigned int room = CNET_TCP_MAX_OPTLEN - CNET_TCPOLEN_SACK_BASE - 2;

	if (o->saw_ts)
		room -= CNET_TCPOLEN_TIMESTAMP + 2;
	return min_t(unsigned int, o->nr_sack,
		     min_t(unsigned int, ARRAY_SIZE(o->sack),
			   room / CNET_TCPOLEN_SACK_PERBLOCK));
}

/**
 * cnet_tcp_opts_len - the bytes cnet_tcp_opts_build() writes for @o
 * @o: the options to send
 * @syn: for a SYN or SYN-ACK
 */
unsigned int cnet_tcp_opts_len(const struct cnet_tcp_opts *o, bool syn)
{
	unsigned int len = 0, n;

	if (syn) {
		if (o->saw_mss)
			len += 4;
		if (o->saw_ts)
			len += 12;	/* SACK-permitted rides in its padding */
		else if (o->sack_ok)
			len += 4;
		if (o->saw_wscale)
			len += 4;
		return len;
	}
	if (o->saw_ts)
		len += 12;
	n = cnet_tcp_sack_fit(o);
	if (n)
		len += 4 + n * CNET_TCPOLEN_SACK_PERBLOCK;
	return len;
}

static u8 *cnet_tcp_put4(u8 *p, u8 a, u8 b, u8 c, u8 d)
{
	p[0] = a;
	p[1] = b;
	p[2] = c;
	p[3] = d;
	return p + 4;
}

/**
 * cnet_tcp_opts_build - write the options of a segment to send
 * @opt: where they go, the bytes after the fixed header (40 bytes room)
 * @o: what to send
 * @syn: for a SYN or SYN-ACK
 *
 * On a SYN: MSS (saw_mss), timestamps (saw_ts), SACK-permitted (sack_ok),
 * window scale (saw_wscale). After: timestamps and the first nr_sack SACK
 * blocks that fit (3 with timestamps, else 4; the caller puts the most
 * recent first, RFC 2018 4). Laid out as Linux does, in 32-bit words:
 * MSS; SACK-permitted + timestamps or NOP, NOP + timestamps; NOP, NOP +
 * SACK-permitted when no timestamps; NOP + window scale; NOP, NOP + SACK.
 *
 * Return: the bytes written, a multiple of 4 and at most 40, the same as
 * cnet_tcp_opts_len().
 */
unsigned int cnet_tcp_opts_build(u8 *opt, const struct cnet_tcp_opts *o,
				 bool syn)
{
	u8 *p = opt;
	unsigned int i, n;

	if (syn && o->saw_mss) {
		p = cnet_tcp_put4(p, CNET_TCPOPT_MSS, CNET_TCPOLEN_MSS, 0, 0);
		put_unaligned_be16(o->mss, p - 2);
	}
	if (o->saw_ts) {
		if (syn && o->sack_ok)
			p = cnet_tcp_put4(p, CNET_TCPOPT_SACK_PERM,
					  CNET_TCPOLEN_SACK_PERM,
					  CNET_TCPOPT_TIMESTAMP,
					  CNET_TCPOLEN_TIMESTAMP);
		else
			p = cnet_tcp_put4(p, CNET_TCPOPT_NOP, CNET_TCPOPT_NOP,
					  CNET_TCPOPT_TIMESTAMP,
					  CNET_TCPOLEN_TIMESTAMP);
		put_unaligned_be32(o->tsval, p);
		put_unaligned_be32(o->tsecr, p + 4);
		p += 8;
	} else if (syn && o->sack_ok) {
		p = cnet_tcp_put4(p, CNET_TCPOPT_NOP, CNET_TCPOPT_NOP,
				  CNET_TCPOPT_SACK_PERM,
				  CNET_TCPOLEN_SACK_PERM);
	}
	if (syn && o->saw_wscale)
		p = cnet_tcp_put4(p, CNET_TCPOPT_NOP, CNET_TCPOPT_WINDOW,
				  CNET_TCPOLEN_WINDOW,
				  min_t(u8, o->wscale, CNET_TCP_MAX_WSCALE));
	n = syn ? 0 : cnet_tcp_sack_fit(o);
	if (n) {
		p = cnet_tcp_put4(p, CNET_TCPOPT_NOP, CNET_TCPOPT_NOP,
				  CNET_TCPOPT_SACK,
				  CNET_TCPOLEN_SACK_BASE +
				  n * CNET_TCPOLEN_SACK_PERBLOCK);
		for (i = 0; i < n; i++, p += CNET_TCPOLEN_SACK_PERBLOCK) {
			put_unaligned_be32(o->sack[i].start, p);
			put_unaligned_be32(o->sack[i].end, p + 4);
		}
	}
	return p - opt;
}

/**
 * cnet_tcp_hdr_build - write a TCP header, its checksum still 0
 * @th: where it goes; @optlen bytes of options follow it
 * @sport: source port
 * @dport: destination port
 * @seq: sequence number
 * @ack: acknowledgment number (sent as is: 0 unless @flags has ACK)
 * @flags: CNET_TCPF_*
 * @window: the window field, already shifted by our window scale
 * @optlen: bytes of options, a multiple of 4, at most 40
 */
void cnet_tcp_hdr_build(struct tcphdr *th, __be16 sport, __be16 dport,
			u32 seq, u32 ack, u8 flags, u16 window,
			unsigned int optlen)
{
	u8 *b = (u8 *)th;

	th->source = sport;
	th->dest = dport;
	th->seq = htonl(seq);
	th->ack_seq = htonl(ack);
	b[12] = ((sizeof(*th) + optlen) / 4) << 4;	/* reserved bits 0 */
	b[13] = flags;
	th->window = htons(window);
	th->check = 0;
	th->urg_ptr = 0;
}

/*
 * What a device offloading the checksum (CHECKSUM_PARTIAL) needs in the
 * checksum field: the sum of the pseudo-header (source, destination, zero,
 * protocol 6, TCP length), folded, not inverted. It then adds header and
 * data and inverts.
 */
__sum16 cnet_tcp_pseudo_csum(__be32 saddr, __be32 daddr, u32 len)
{
	return ~csum_tcpudp_magic(saddr, daddr, len, IPPROTO_TCP, 0);
}

/**
 * cnet_tcp_csum_ok - does a received segment's checksum verify?
 * @check: its checksum field (TCP has no "no checksum": 0 is checked)
 * @saddr: IPv4 source
 * @daddr: IPv4 destination
 * @len: TCP length, header and data
 * @sum: the unfolded sum of the whole segment, checksum field included
 */
bool cnet_tcp_csum_ok(__sum16 check, __be32 saddr, __be32 daddr, u32 len,
		      __wsum sum)
{
	return !csum_tcpudp_magic(saddr, daddr, len, IPPROTO_TCP, sum);
}

/**
 * cnet_tcp_isn - the initial sequence number of a connection (RFC 6528)
 * @key: the namespace's secret
 * @saddr: local address
 * @daddr: remote address
 * @sport: local port
 * @dport: remote port
 * @now_ns: a clock in nanoseconds (the caller's ktime_get_real_ns())
 *
 * ISN = M + F(4-tuple, secret key): F is SipHash over the 4-tuple, so that
 * an off-path attacker cannot guess another connection's numbers, and M a
 * clock so that a new incarnation of a 4-tuple starts past the numbers of
 * the old one. M ticks every 64 ns, as Linux's secure_tcp_seq(), not every
 * 4 us as RFC 793 suggested for 2 Mb/s networks: at today's rates the
 * faster clock keeps a reused 4-tuple ahead of what the previous
 * connection sent, and it still wraps only every 274 s, more than two
 * MSLs.
 */
u32 cnet_tcp_isn(const siphash_key_t *key, __be32 saddr, __be32 daddr,
		 __be16 sport, __be16 dport, u64 now_ns)
{
	u32 ports = (u32)ntohs(sport) << 16 | ntohs(dport);

	return (u32)siphash_3u32((__force u32)saddr, (__force u32)daddr,
				 ports, key) + (u32)(now_ns >> 6);
}

/**
 * cnet_tcp_mss_for_mtu - the MSS a route of @mtu bytes allows
 * @mtu: the route's (or the path's) MTU
 *
 * The MTU less the 20-byte IPv4 and 20-byte TCP headers (RFC 6691: the MSS
 * counts no options), at least CNET_TCP_MIN_MSS (88) as Linux announces: a
 * smaller MTU (IPv4 allows 68) has the IP layer fragment rather than TCP
 * cut its stream into slivers. At most 65495 (an MTU of 65535).
 */
u16 cnet_tcp_mss_for_mtu(u32 mtu)
{
	if (mtu < CNET_TCP_MIN_MSS + 40)
		return CNET_TCP_MIN_MSS;
	return min_t(u32, mtu - 40, 0xffff - 40);
}

/**
 * cnet_tcp_mss_clamp - the MSS to send with
 * @ours: our route's, cnet_tcp_mss_for_mtu()
 * @peer_mss: what the peer's SYN announced, 0 if none (536 then,
 *	RFC 9293 3.7.1)
 * @user_mss: TCP_MAXSEG, 0 if unset
 *
 * The smallest of the three, but at least CNET_TCP_MIN_SND_MSS (48, as
 * Linux's tcp_min_snd_mss). Options are then taken from it per segment
 * (RFC 6691).
 */
u16 cnet_tcp_mss_clamp(u16 ours, u16 peer_mss, u16 user_mss)
{
	u16 mss = min_t(u16, ours, peer_mss ?: CNET_TCP_MSS_DEFAULT);

	if (user_mss)
		mss = min(mss, user_mss);
	return max_t(u16, mss, CNET_TCP_MIN_SND_MSS);
}

/**
 * cnet_tcp_wscale_for - the window shift to announce for a receive space
 * @space: the largest window we may ever offer, in bytes
 *
 * The smallest shift with @space <= 65535 << shift, at most 14 (RFC 7323
 * 2.3): the smallest shift loses the least precision.
 */
u8 cnet_tcp_wscale_for(u32 space)
{
	u8 shift = 0;

	while (shift < CNET_TCP_MAX_WSCALE && space > (0xffffU << shift))
		shift++;
	return shift;
}

/**
 * cnet_tcp_seq_acceptable - is a segment acceptable (RFC 9293 3.10.7.4)?
 * @seq: its sequence number
 * @len: its length in sequence space: data, plus 1 for SYN, plus 1 for FIN
 * @rcv_nxt: RCV.NXT
 * @rcv_wnd: RCV.WND, the window we offer, in bytes (< 2^31)
 *
 * Length 0, window 0: seq = rcv_nxt. Length 0, window > 0: seq in
 * [rcv_nxt, rcv_nxt + wnd). Length > 0, window 0: never. Length > 0,
 * window > 0: its first or its last octet in [rcv_nxt, rcv_nxt + wnd).
 * All in sequence space, across the 2^32 wrap.
 */
bool cnet_tcp_seq_acceptable(u32 seq, u32 len, u32 rcv_nxt, u32 rcv_wnd)
{
	u32 last = rcv_nxt + rcv_wnd - 1;	/* the window's last octet */

	if (!rcv_wnd)
		return !len && seq == rcv_nxt;
	if (cnet_seq_between(seq, rcv_nxt, last))
		return true;
	return len && cnet_seq_between(seq + len - 1, rcv_nxt, last);
}

/**
 * cnet_tcp_rcv_window - the window to offer (RFC 1122 4.2.3.3)
 * @free_space: the bytes the receive buffer can take from RCV.NXT on
 *	(RFC 1122's RCV.BUFF - RCV.USER), already limited by any window
 *	clamp
 * @cur_right_edge_left: what is left of the window offered last: the right
 *	edge offered (RCV.NXT + RCV.WND when it was sent) minus RCV.NXT now,
 *	0 once RCV.NXT has reached it
 * @mss: the silly-window threshold, cnet_tcp_sws_thresh(): the peer's
 *	segment size limited to half the full receive space (RFC 1122's
 *	min(Fr * RCV.BUFF, Eff.snd.MSS), Fr = 1/2). A bare MSS larger than
 *	the whole buffer would keep the window shut for ever.
 * @wscale: our receive window shift (what we announced on the SYN)
 *
 * Receiver-side silly-window avoidance: the right edge moves only when it
 * can move by at least @mss; otherwise what was offered stays offered,
 * never shrunk (RFC 9293 3.8.6.2.2) though the buffer has filled. The
 * header carries the window >> @wscale, so the result is a multiple of
 * 1 << @wscale, rounded up as Linux's __tcp_select_window() does so that
 * the scaling never turns an open window into 0: it may then exceed
 * @free_space by less than 1 << @wscale. At most 65535 << @wscale.
 *
 * Return: the window in bytes from RCV.NXT on; the header gets it >> @wscale.
 */
u32 cnet_tcp_rcv_window(u32 free_space, u32 cur_right_edge_left, u32 mss,
			u8 wscale)
{
	u32 max_win, keep, win;

	wscale = min_t(u8, wscale, CNET_TCP_MAX_WSCALE);
	max_win = 0xffffU << wscale;
	/* max_win is on the scale: rounding up after min() stays below it */
	keep = round_up(min(cur_right_edge_left, max_win), 1U << wscale);
	if (free_space <= cur_right_edge_left ||
	    free_space - cur_right_edge_left < mss)
		return keep;
	win = round_up(min(free_space, max_win), 1U << wscale);
	return max(win, keep);
}

/**
 * cnet_tcp_rcv_update_due - does what a reader freed call for a window update?
 * @free_space: as cnet_tcp_rcv_window(), after the read
 * @cur_right_edge_left: as cnet_tcp_rcv_window()
 * @full_space: the window the whole receive buffer allows when empty
 * @mss: as cnet_tcp_rcv_window()
 * @wscale: as cnet_tcp_rcv_window()
 *
 * As Linux's tcp_cleanup_rbuf() with __tcp_select_window(): when what is
 * left of the window offered is at most half of @full_space, at least
 * half of the buffer is free, and the window that could be offered now
 * is at least twice what is left (and larger: the edge moves). A sender
 * whose segments no longer fit what is left then hears of the room as
 * soon as the reader makes it, not at its next zero-window probe.
 *
 * Return: true when an ACK should go now.
 */
bool cnet_tcp_rcv_update_due(u32 free_space, u32 cur_right_edge_left,
			     u32 full_space, u32 mss, u8 wscale)
{
	u32 left = cur_right_edge_left, win;

	if (left > full_space / 2 || free_space < full_space / 2)
		return false;
	win = cnet_tcp_rcv_window(free_space, left, mss, wscale);
	/* left <= full_space / 2: twice it does not wrap */
	return win > left && win >= 2 * left;
}
