/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure functions over header bytes: parse, check and build Ethernet ARP,
 * IPv4 and ICMP headers. Nothing here touches an skb, a device or a lock,
 * so KUnit can test every case directly.
 */
#ifndef _CNET_HDR_H
#define _CNET_HDR_H

#include <linux/icmp.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/types.h>

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

/* Address classes (RFC 1122 3.2.1.3, RFC 5735) */
bool cnet_ip_martian_src(__be32 addr);
bool cnet_ip_is_host(__be32 addr);
int cnet_ifaddr_check(__be32 addr, u8 prefixlen, const char **why);

static inline __be32 cnet_prefix_mask(u8 prefixlen)
{
	return prefixlen ? htonl(~0U << (32 - prefixlen)) : 0;
}

/* ARP for IPv4 over Ethernet (RFC 826) */
#define CNET_ARP_LEN	28

struct cnet_arp_msg {
	u16	op;		/* ARPOP_REQUEST or ARPOP_REPLY, host order */
	u8	sha[ETH_ALEN];
	__be32	sip;
	u8	tha[ETH_ALEN];
	__be32	tip;
};

enum cnet_arp_check {
	CNET_ARP_OK,
	CNET_ARP_SHORT,		/* fewer than 28 bytes */
	CNET_ARP_BAD_HDR,	/* not Ethernet/IPv4, or unknown opcode */
};

enum cnet_arp_check cnet_arp_parse(const void *data, unsigned int len,
				   struct cnet_arp_msg *msg);
void cnet_arp_build(void *data, const struct cnet_arp_msg *msg);

/* Internet checksum (RFC 1071) of a linear buffer, folded and inverted. */
__sum16 cnet_csum(const void *data, unsigned int len);

/* Decrement the TTL, updating the checksum incrementally (RFC 1624). */
void cnet_ip_ttl_dec(struct iphdr *iph);

/*
 * May an ICMP error be sent about a packet (RFC 1122 3.2.2, RFC 1812
 * 4.3.2.7)? One value per reason not to, each counted apart.
 */
enum cnet_icmp_err_verdict {
	CNET_ICMP_ERR_OK,
	CNET_ICMP_ERR_IS_ERROR,		/* the packet is an ICMP error */
	CNET_ICMP_ERR_L2_BCAST,		/* link-layer broadcast/multicast */
	CNET_ICMP_ERR_DST_BCAST,	/* to an IP broadcast address */
	CNET_ICMP_ERR_DST_MCAST,	/* to an IP multicast address */
	CNET_ICMP_ERR_FRAGMENT,		/* not the first fragment */
	CNET_ICMP_ERR_BAD_SRC,		/* source is not a unique host */
};

enum cnet_icmp_err_verdict
cnet_icmp_error_allowed(const struct iphdr *iph, const void *l4,
			unsigned int l4len, bool l2_bcast, bool dst_bcast);
bool cnet_icmp_type_is_error(u8 type);

/* An ICMP error is at most this long with its IPv4 header (RFC 1812 4.3.2.3) */
#define CNET_ICMP_ERR_MAX	576
/* ... and quotes at least the offending header and 8 bytes (RFC 792) */
#define CNET_ICMP_QUOTE_MIN_DATA	8

unsigned int cnet_icmp_quote_len(unsigned int ihl_bytes, unsigned int pkt_len);
void cnet_icmp_err_hdr_build(struct icmphdr *icmph, u8 type, u8 code,
			     __be32 info, unsigned int quote_len);

/* An ICMP error that arrived, as far as the sockets it concerns care. */
struct cnet_icmp_err {
	u8		type;
	u8		code;
	__be32		info;		/* the rest of the ICMP header */
	__be32		saddr;		/* the quoted packet's source ... */
	__be32		daddr;		/* ... and destination */
	u8		proto;		/* ... and protocol */
	u16		l4_off;		/* its transport header's offset */
	bool		echo;		/* it is an ICMP echo request ... */
	__be16		echo_id;	/* ... with this identifier */
};

bool cnet_icmp_err_parse(const void *data, unsigned int len,
			 struct cnet_icmp_err *e);
int cnet_icmp_err_errno(u8 type, u8 code, bool *fatal);

#endif /* _CNET_HDR_H */
