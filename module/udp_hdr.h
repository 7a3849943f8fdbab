/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure functions over UDP header bytes (RFC 768): check a received
 * header, build one, and the checksum over the pseudo-header (RFC 768,
 * RFC 1122 4.1.3.4). Nothing here touches an skb or a socket; KUnit tests
 * every case (tests/udp_hdr_test.c).
 */
#ifndef _CNET_UDP_HDR_H
#define _CNET_UDP_HDR_H

#include <linux/types.h>
#include <asm/byteorder.h>
#include <uapi/linux/udp.h>

/*
 * The largest payload of one UDP datagram over IPv4: 65535 minus a
 * 20-byte IPv4 header and the 8-byte UDP header (Linux's limit too).
 */
#define CNET_UDP_MAX_PAYLOAD	(0xffff - 20 - 8)

/* Result of checking a received UDP header, in the order checks are made. */
enum cnet_udp_check {
	CNET_UDP_OK,
	CNET_UDP_SHORT,		/* fewer bytes than a header */
	CNET_UDP_BAD_LEN,	/* length field < 8 or > the bytes received */
};

enum cnet_udp_check cnet_udp_hdr_check(const struct udphdr *uh,
				       unsigned int avail);
void cnet_udp_hdr_build(struct udphdr *uh, __be16 sport, __be16 dport,
			u16 len);
__sum16 cnet_udp_csum(__be32 saddr, __be32 daddr, u16 len, __wsum sum);
__sum16 cnet_udp_pseudo_csum(__be32 saddr, __be32 daddr, u16 len);
bool cnet_udp_csum_ok(__sum16 check, __be32 saddr, __be32 daddr, u16 len,
		      __wsum sum);

#endif /* _CNET_UDP_HDR_H */
