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
		       u8 proto, u8 ttl, u16 tot_len, __be16 id);
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

/*
 * Internet checksum (RFC 1071) of a linear buffer, folded and inverted:
 * IPv4's header checksum, and ICMP's, UDP's and TCP's over their data.
 */
__sum16 cnet_csum(const void *data, unsigned int len);

#endif /* _CNET_IP_HDR_H */
