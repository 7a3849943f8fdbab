/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure functions over IPv4 header bytes (RFC 791): check and build a
 * header, decrement the TTL, the Internet checksum, address classes.
 * Nothing here touches an skb, a device or a lock, so KUnit can test every
 * case directly (tests/ip_hdr_test.c). Each protocol's wire code has a
 * file like this one: arp_hdr, icmp_hdr, and so on.
 *
 * Pure files include no skbuff.h or sock.h (make lint checks): hence the
 * uapi header, as <linux/ip.h> pulls in skbuff.h.
 */
#ifndef _CNET_IP_HDR_H
#define _CNET_IP_HDR_H

#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/siphash.h>
#include <linux/types.h>
#include <asm/byteorder.h>
#include <uapi/linux/ip.h>

/* Flags and offset in iphdr.frag_off (RFC 791 3.1), host order */
#define CNET_IP_DF	0x4000
#define CNET_IP_MF	0x2000
#define CNET_IP_OFFSET	0x1fff

/* TTL of packets this host originates (RFC 1700; Linux's ip_default_ttl) */
#define CNET_IP_DEFAULT_TTL	64

/* Result of checking a received IPv4 header, in the order checks are made. */
enum cnet_ip_check {
	CNET_IP_OK,
	CNET_IP_SHORT,		/* fewer bytes than a minimal header */
	CNET_IP_BAD_VERSION,	/* version != 4 */
	CNET_IP_BAD_IHL,	/* IHL < 5, or header longer than the packet */
	CNET_IP_BAD_LEN,	/* total length < IHL*4 or > bytes received */
	CNET_IP_BAD_CSUM,	/* header checksum does not verify */
};

enum cnet_ip_check cnet_ip_hdr_check(const void *hdr, unsigned int avail,
				     unsigned int pkt_len);
void cnet_ip_hdr_build(struct iphdr *iph, __be32 saddr, __be32 daddr,
		       u8 proto, u8 ttl, u8 tos, u16 tot_len, __be16 id,
		       __be16 frag_off);
bool cnet_ip_is_fragment(const struct iphdr *iph);
int cnet_ip_opts_srr(const u8 *opts, unsigned int len);

/* Decrement the TTL, updating the checksum incrementally (RFC 1624). */
void cnet_ip_ttl_dec(struct iphdr *iph);

/* Address classes (RFC 1122 3.2.1.3, RFC 5735) */
bool cnet_ip_martian_src(__be32 addr);
bool cnet_ip_is_host(__be32 addr);
bool cnet_ip_martian_rx(__be32 saddr, __be32 daddr);
int cnet_ip_dst_check(__be32 daddr);
int cnet_ip_src_check(__be32 saddr, bool ours);
int cnet_ifaddr_check(__be32 addr, u8 prefixlen, const char **why);

/* Is @addr in 127.0.0.0/8, this host's loopback (RFC 1122 3.2.1.3 (g))? */
static inline bool cnet_ip_is_loopback(__be32 addr)
{
	return (ntohl(addr) >> 24) == 127;
}

static inline __be32 cnet_prefix_mask(u8 prefixlen)
{
	return prefixlen ? htonl(~0U << (32 - prefixlen)) : 0;
}

/* ---- output: path MTU discovery, fragmentation, identifiers ---- */

/*
 * How a datagram this host sends goes out, by the sender's IP_PMTUDISC_*
 * (cnet_ip_out_policy()): the MTU it must fit, whether its header says DF.
 */
struct cnet_ip_out {
	unsigned int	mtu;
	bool		df;
	bool		fragment;
};

int cnet_ip_out_policy(u8 pmtudisc, unsigned int len, unsigned int dev_mtu,
		       unsigned int path_mtu, bool locked,
		       struct cnet_ip_out *out);

/*
 * Smallest MTU any IPv4 link has (RFC 791: a 60-byte header and 8 bytes);
 * largest an IPv4 datagram can use.
 */
#define CNET_IP_MIN_MTU		68
#define CNET_IP_MAX_MTU		0xffff

/**
 * struct cnet_frag_plan - how a datagram is cut into fragments (RFC 791 3.2)
 * @hlen: the first fragment's header length (all the options)
 * @hlen_rest: the other fragments' header length (copied options only)
 * @first: data bytes in the first fragment, a multiple of 8
 * @each: data bytes in each later fragment but the last, a multiple of 8
 * @len: data bytes of the datagram, after its header
 * @count: fragments
 * @offset: the datagram's own fragment offset in bytes (a fragment being
 *	fragmented again, on forwarding), 0 for a whole datagram
 * @more: the datagram's own MF: then its last fragment has MF too
 */
struct cnet_frag_plan {
	unsigned int	hlen;
	unsigned int	hlen_rest;
	unsigned int	first;
	unsigned int	each;
	unsigned int	len;
	unsigned int	count;
	unsigned int	offset;
	bool		more;
};

/**
 * struct cnet_frag_piece - one fragment of a struct cnet_frag_plan
 * @data_off: where its data starts in the datagram's data (after the
 *	header)
 * @data_len: how many bytes of data it carries
 * @hlen: its header length
 * @frag_off: its header's flags and offset field, host order (MF and the
 *	offset in 8-byte units; DF is the caller's)
 */
struct cnet_frag_piece {
	unsigned int	data_off;
	unsigned int	data_len;
	unsigned int	hlen;
	u16		frag_off;
};

int cnet_frag_plan(struct cnet_frag_plan *p, unsigned int mtu,
		   unsigned int hlen, unsigned int hlen_rest,
		   unsigned int len, u16 frag_off);
void cnet_frag_nth(const struct cnet_frag_plan *p, unsigned int i,
		   struct cnet_frag_piece *f);
int cnet_ip_opts_copied(const u8 *opts, unsigned int len, u8 *out);

/*
 * IPv4 identifiers (RFC 6864, RFC 7739 5.1, as Linux's ip_idents): a
 * keyed hash of (source, destination, protocol) picks one of
 * CNET_IP_IDENTS counters, each seeded at random; a counter idle for a
 * while jumps ahead by a random amount below the time it was idle. One
 * destination sees its identifiers go up; nobody can tell from them what
 * another destination was sent, nor predict them. @stamps: the jiffies
 * each counter was last used at.
 */
#define CNET_IP_IDENTS_BITS	11
#define CNET_IP_IDENTS		BIT(CNET_IP_IDENTS_BITS)

struct cnet_ip_idents {
	siphash_key_t	key;
	atomic_t	ids[CNET_IP_IDENTS];
	u32		stamps[CNET_IP_IDENTS];
};

u32 cnet_ip_ident_bucket(const struct cnet_ip_idents *t, __be32 saddr,
			 __be32 daddr, u8 proto);
u16 cnet_ip_ident_next(struct cnet_ip_idents *t, __be32 saddr, __be32 daddr,
		       u8 proto, unsigned int segs, u32 now,
		       u32 (*rand_below)(u32 ceil));

/*
 * Path MTU discovery (RFC 1191), the rules of one destination's entry, as
 * Linux's __ip_rt_update_pmtu() and ip_rt_min_pmtu / ip_rt_mtu_expires.
 * @mtu: the path MTU learned, 0 for none; @locked: it was reported below
 * CNET_PMTU_MIN, which was used instead, and packets no longer ask for DF
 * (IP_PMTUDISC_WANT); @expires: jiffies when it is forgotten.
 */
#define CNET_PMTU_MIN		552
#define CNET_PMTU_EXPIRES_SEC	600

struct cnet_pmtu_state {
	u32		mtu;
	bool		locked;
	unsigned long	expires;
};

bool cnet_pmtu_valid(const struct cnet_pmtu_state *s, unsigned long now);
unsigned int cnet_pmtu_effective(const struct cnet_pmtu_state *s,
				 unsigned int dev_mtu, unsigned long now,
				 bool *locked);
bool cnet_pmtu_update(struct cnet_pmtu_state *s, unsigned int dev_mtu,
		      unsigned int reported, unsigned long now,
		      unsigned long expiry);
unsigned int cnet_pmtu_plateau(unsigned int tot_len);

/*
 * Internet checksum (RFC 1071) of a linear buffer, folded and inverted:
 * IPv4's header checksum, and ICMP's, UDP's and TCP's over their data.
 */
__sum16 cnet_csum(const void *data, unsigned int len);

#endif /* _CNET_IP_HDR_H */
