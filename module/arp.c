// SPDX-License-Identifier: GPL-2.0
/*
 * ARP for IPv4 over Ethernet (RFC 826): answer requests for our addresses,
 * learn from what we receive, send requests and replies. The cache itself
 * is neigh.c.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>

#include "cnet.h"

/**
 * cnet_arp_send - build and transmit one ARP packet
 * @cd: the device to send on
 * @op: ARPOP_REQUEST or ARPOP_REPLY
 * @sip: sender IPv4 address
 * @tip: target IPv4 address
 * @tha: target hardware address, or NULL for zero (a request)
 * @dst_mac: Ethernet destination, or NULL for broadcast
 *
 * Callable from any context.
 */
int cnet_arp_send(struct cnet_dev *cd, u16 op, __be32 sip, __be32 tip,
		  const u8 *tha, const u8 *dst_mac)
{
	struct net_device *dev = cd->dev;
	struct cnet_arp_msg msg = {
		.op = op,
		.sip = sip,
		.tip = tip,
	};
	struct sk_buff *skb;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + CNET_ARP_LEN +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb) {
		cnet_inc(cd->cn, CNET_STAT_NOMEM);
		return -ENOMEM;
	}
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	ether_addr_copy(msg.sha, dev->dev_addr);
	if (tha)
		ether_addr_copy(msg.tha, tha);
	cnet_arp_build(skb_put(skb, CNET_ARP_LEN), &msg);

	cnet_inc(cd->cn, CNET_STAT_ARP_TX);
	cnet_eth_xmit(cd, skb, dst_mac ? dst_mac : dev->broadcast,
		      htons(ETH_P_ARP));
	return 0;
}

/**
 * cnet_arp_rcv - handle a received ARP packet
 * @cd: the device it arrived on
 * @skb: data at the ARP header; consumed
 *
 * Called from the rx handler, in an RCU read-side section.
 */
int cnet_arp_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	struct cnet_net *cn = cd->cn;
	struct cnet_arp_msg m;
	bool for_us;

	cnet_inc(cn, CNET_STAT_ARP_RX);
	if (!pskb_may_pull(skb, CNET_ARP_LEN)) {
		cnet_inc(cn, CNET_STAT_ARP_DROP_SHORT);
		goto drop;
	}
	switch (cnet_arp_parse(skb->data, skb_headlen(skb), &m)) {
	case CNET_ARP_OK:
		break;
	case CNET_ARP_SHORT:
		cnet_inc(cn, CNET_STAT_ARP_DROP_SHORT);
		goto drop;
	default:
		cnet_inc(cn, CNET_STAT_ARP_DROP_BAD_HDR);
		goto drop;
	}

	/*
	 * A sender claiming a multicast MAC, a martian IP or one of our own
	 * addresses (a conflict, or our own announcement looped back) must
	 * not be learnt.
	 */
	if (!is_valid_ether_addr(m.sha) || cnet_ip_martian_src(m.sip) ||
	    cnet_ip_is_local(cn, m.sip)) {
		cnet_inc(cn, CNET_STAT_ARP_DROP_BAD_SENDER);
		goto drop;
	}

	for_us = cnet_ip_is_local(cn, m.tip);
	if (m.op == ARPOP_REQUEST) {
		cnet_inc(cn, CNET_STAT_ARP_RX_REQUEST);
		/*
		 * RFC 826 merge: update an entry we have; make one when the
		 * request is for us, since the sender is about to talk to us.
		 * A probe (sender 0.0.0.0, RFC 5227) teaches nothing.
		 */
		if (m.sip)
			cnet_neigh_learn(cd, m.sip, m.sha, false, for_us);
		if (!for_us) {
			cnet_inc(cn, CNET_STAT_ARP_DROP_NOT_OURS);
			goto drop;
		}
		cnet_arp_send(cd, ARPOP_REPLY, m.tip, m.sip, m.sha, m.sha);
	} else {
		cnet_inc(cn, CNET_STAT_ARP_RX_REPLY);
		if (m.sip)
			cnet_neigh_learn(cd, m.sip, m.sha, true, false);
	}
	consume_skb(skb);
	return 0;
drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}
