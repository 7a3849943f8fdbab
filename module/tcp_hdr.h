/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure functions over TCP header bytes: check a received header (RFC 9293
 * 3.1), parse and build its options (MSS: RFC 9293 3.7.1 and RFC 6691;
 * window scale and timestamps: RFC 7323; SACK: RFC 2018), build a header,
 * the checksum over the pseudo-header (RFC 9293 3.1), initial sequence
 * numbers (RFC 6528), the MSS and window-scale choices, segment
 * acceptability (RFC 9293 3.10.7.4) and the receiver's silly-window
 * avoidance (RFC 1122 4.2.3.3). Option parsing follows what Linux's
 * tcp_parse_options() accepts and refuses; building lays options out as
 * Linux does, so a capture of cnet looks like one of Linux.
 *
 * Nothing here touches an skb or a socket; KUnit tests every case
 * (tests/tcp_hdr_test.c). Sequence arithmetic is in tcp_seq.h.
 */
#ifndef _CNET_TCP_HDR_H
#define _CNET_TCP_HDR_H

#include <linux/types.h>
#include <linux/minmax.h>
#include <linux/siphash.h>
#include <asm/byteorder.h>
#include <uapi/linux/tcp.h>

/* The flags, byte 13 of the header. */
#define CNET_TCPF_FIN	0x01
#define CNET_TCPF_SYN	0x02
#define CNET_TCPF_RST	0x04
#define CNET_TCPF_PSH	0x08
#define CNET_TCPF_ACK	0x10
#define CNET_TCPF_URG	0x20
#define CNET_TCPF_ECE	0x40
#define CNET_TCPF_CWR	0x80

/* The flags byte of @th. */
static inline u8 cnet_tcp_flags(const struct tcphdr *th)
{
	return ((const u8 *)th)[13];
}

/* The header's length in bytes, options included (data offset * 4). */
static inline unsigned int cnet_tcp_hdr_len(const struct tcphdr *th)
{
	return th->doff * 4;
}

/* Option kinds and lengths (IANA "TCP Option Kind Numbers"). */
#define CNET_TCPOPT_EOL		0
#define CNET_TCPOPT_NOP		1
#define CNET_TCPOPT_MSS		2
#define CNET_TCPOPT_WINDOW	3
#define CNET_TCPOPT_SACK_PERM	4
#define CNET_TCPOPT_SACK	5
#define CNET_TCPOPT_TIMESTAMP	8

#define CNET_TCPOLEN_MSS		4
#define CNET_TCPOLEN_WINDOW		3
#define CNET_TCPOLEN_SACK_PERM		2
#define CNET_TCPOLEN_TIMESTAMP		10
#define CNET_TCPOLEN_SACK_BASE		2
#define CNET_TCPOLEN_SACK_PERBLOCK	8

/* The largest window shift (RFC 7323 2.3): the window stays below 2^30. */
#define CNET_TCP_MAX_WSCALE	14
/* The MSS to assume of a peer that sent no MSS option (RFC 9293 3.7.1). */
#define CNET_TCP_MSS_DEFAULT	536
/* At most 40 bytes of options: data offset 15 is 60 bytes of header. */
#define CNET_TCP_MAX_OPTLEN	40
/*
 * The smallest MSS cnet announces or uses for a route (Linux's
 * TCP_MIN_MSS): (60 + 60 + 8) - (20 + 20), the largest IPv4 and TCP
 * headers and 8 bytes of data in the 128 bytes minus the fixed headers.
 */
#define CNET_TCP_MIN_MSS	88
/*
 * The smallest MSS cnet sends with, whatever the peer announced (Linux's
 * default net.ipv4.tcp_min_snd_mss): a peer announcing a tiny MSS must not
 * make us cut a stream into segments of a few bytes (CVE-2019-11479).
 */
#define CNET_TCP_MIN_SND_MSS	48

/* One SACK block (RFC 2018 3): the range start..end - 1 was received. */
struct cnet_tcp_sack_block {
	u32	start;
	u32	end;
};

/*
 * The options of one segment, as parsed from one received or to build into
 * one sent. Parsing sets a saw_ or _ok flag for each option present and
 * valid; building writes the options whose flag is set (see
 * cnet_tcp_opts_build() for which on a SYN and which after).
 */
struct cnet_tcp_opts {
	u16	mss;		/* MSS option, when saw_mss */
	u8	wscale;		/* window shift, when saw_wscale, <= 14 */
	u8	nr_sack;	/* SACK blocks in sack[] */
	bool	saw_mss;
	bool	saw_wscale;
	bool	sack_ok;	/* SACK-permitted */
	bool	saw_ts;		/* timestamps: tsval, tsecr */
	u32	tsval;
	u32	tsecr;
	struct cnet_tcp_sack_block sack[4];
};

/* Result of checking a received TCP header, in the order checks are made. */
enum cnet_tcp_check {
	CNET_TCP_OK,
	CNET_TCP_SHORT,		/* fewer bytes than a header (20) */
	CNET_TCP_BAD_DOFF,	/* data offset < 5 or past the bytes received */
};

enum cnet_tcp_check cnet_tcp_hdr_check(const struct tcphdr *th,
				       unsigned int avail);
void cnet_tcp_opts_parse(const u8 *opt, unsigned int len, bool syn,
			 struct cnet_tcp_opts *o);
unsigned int cnet_tcp_opts_len(const struct cnet_tcp_opts *o, bool syn);
unsigned int cnet_tcp_opts_build(u8 *opt, const struct cnet_tcp_opts *o,
				 bool syn);
void cnet_tcp_hdr_build(struct tcphdr *th, __be16 sport, __be16 dport,
			u32 seq, u32 ack, u8 flags, u16 window,
			unsigned int optlen);
__sum16 cnet_tcp_pseudo_csum(__be32 saddr, __be32 daddr, u32 len);
bool cnet_tcp_csum_ok(__sum16 check, __be32 saddr, __be32 daddr, u32 len,
		      __wsum sum);
u32 cnet_tcp_isn(const siphash_key_t *key, __be32 saddr, __be32 daddr,
		 __be16 sport, __be16 dport, u64 now_ns);
u16 cnet_tcp_mss_for_mtu(u32 mtu);
u16 cnet_tcp_mss_clamp(u16 ours, u16 peer_mss, u16 user_mss);
u8 cnet_tcp_wscale_for(u32 space);
bool cnet_tcp_seq_acceptable(u32 seq, u32 len, u32 rcv_nxt, u32 rcv_wnd);
u32 cnet_tcp_rcv_window(u32 free_space, u32 cur_right_edge_left, u32 mss,
			u8 wscale);
bool cnet_tcp_rcv_update_due(u32 free_space, u32 cur_right_edge_left,
			     u32 full_space, u32 mss, u8 wscale);

/*
 * The @mss to pass cnet_tcp_rcv_window(): RFC 1122 4.2.3.3's
 * min(Fr * RCV.BUFF, Eff.snd.MSS) with Fr = 1/2. @rcv_mss is the size of
 * the peer's segments, @full_space the window the whole receive buffer
 * would allow when empty. Half the buffer keeps a buffer smaller than an
 * MSS from staying shut for ever.
 */
static inline u32 cnet_tcp_sws_thresh(u32 rcv_mss, u32 full_space)
{
	return min(rcv_mss, full_space / 2);
}

#endif /* _CNET_TCP_HDR_H */
