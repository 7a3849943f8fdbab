// SPDX-License-Identifier: GPL-2.0
/*
 * Pure ARP code: parse and build ARP for IPv4 over Ethernet. See
 * arp_hdr.h.
 */
#include <linux/build_bug.h>
#include <linux/string.h>
#include <asm/byteorder.h>

#include "arp_hdr.h"

/*
 * The packet on the wire: struct arphdr (<uapi/linux/if_arp.h>, not
 * included, see arp_hdr.h) and the Ethernet/IPv4 addresses after it. The
 * IPv4 addresses are not 4-byte aligned, hence bytes.
 */
struct cnet_arp_wire {
	__be16	hrd;
	__be16	pro;
	u8	hln;
	u8	pln;
	__be16	op;
	u8	sha[ETH_ALEN];
	u8	sip[4];
	u8	tha[ETH_ALEN];
	u8	tip[4];
};

static_assert(sizeof(struct cnet_arp_wire) == CNET_ARP_LEN);

/**
 * cnet_arp_parse - parse an ARP packet for IPv4 over Ethernet
 * @data: the ARP header (the frame after the Ethernet header)
 * @len: bytes available at @data
 * @msg: filled when the result is CNET_ARP_OK
 */
enum cnet_arp_check cnet_arp_parse(const void *data, unsigned int len,
				   struct cnet_arp_msg *msg)
{
	const struct cnet_arp_wire *w = data;
	u16 op;

	if (len < CNET_ARP_LEN)
		return CNET_ARP_SHORT;
	if (w->hrd != htons(CNET_ARP_HRD_ETHER) || w->pro != htons(ETH_P_IP) ||
	    w->hln != ETH_ALEN || w->pln != 4)
		return CNET_ARP_BAD_HDR;
	op = ntohs(w->op);
	if (op != CNET_ARP_OP_REQUEST && op != CNET_ARP_OP_REPLY)
		return CNET_ARP_BAD_HDR;

	msg->op = op;
	memcpy(msg->sha, w->sha, ETH_ALEN);
	memcpy(&msg->sip, w->sip, 4);
	memcpy(msg->tha, w->tha, ETH_ALEN);
	memcpy(&msg->tip, w->tip, 4);
	return CNET_ARP_OK;
}

/* cnet_arp_build - write the 28 bytes of an Ethernet/IPv4 ARP packet */
void cnet_arp_build(void *data, const struct cnet_arp_msg *msg)
{
	struct cnet_arp_wire *w = data;

	w->hrd = htons(CNET_ARP_HRD_ETHER);
	w->pro = htons(ETH_P_IP);
	w->hln = ETH_ALEN;
	w->pln = 4;
	w->op = htons(msg->op);
	memcpy(w->sha, msg->sha, ETH_ALEN);
	memcpy(w->sip, &msg->sip, 4);
	memcpy(w->tha, msg->tha, ETH_ALEN);
	memcpy(w->tip, &msg->tip, 4);
}
