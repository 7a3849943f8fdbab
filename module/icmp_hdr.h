/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure functions over ICMP messages (RFC 792): whether an error may be
 * sent about a packet, how much of it to quote, the error's header; a
 * received error's parse and the errno it means to a socket. Nothing here
 * touches an skb, a device or a lock, so KUnit can test every case
 * directly (tests/icmp_hdr_test.c).
 *
 * The uapi header, as <linux/icmp.h> pulls in skbuff.h (see ip_hdr.h).
 */
#ifndef _CNET_ICMP_HDR_H
#define _CNET_ICMP_HDR_H

#include <linux/types.h>
#include <uapi/linux/icmp.h>

#include "ip_hdr.h"

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

#endif /* _CNET_ICMP_HDR_H */
