/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure functions over ARP packets for IPv4 over Ethernet (RFC 826): parse
 * and build. Nothing here touches an skb, a device or a lock, so KUnit can
 * test every case directly (tests/arp_hdr_test.c).
 */
#ifndef _CNET_ARP_HDR_H
#define _CNET_ARP_HDR_H

#include <linux/types.h>
#include <uapi/linux/if_ether.h>

/* The length of an ARP packet for IPv4 over Ethernet */
#define CNET_ARP_LEN	28

/*
 * The wire values used here (RFC 826, IANA). <linux/if_arp.h> has them as
 * ARPHRD_ETHER, ARPOP_REQUEST and ARPOP_REPLY, but pulls in netdevice.h and
 * skbuff.h, which pure files do not include (make lint checks); the KUnit
 * suite checks that the two agree.
 */
#define CNET_ARP_HRD_ETHER	1
#define CNET_ARP_OP_REQUEST	1
#define CNET_ARP_OP_REPLY	2

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

#endif /* _CNET_ARP_HDR_H */
