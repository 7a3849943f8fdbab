// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 output (RFC 791, RFC 1122 3.2.1) of the packets this host
 * originates: routing (route.c), the header, and the way out: looped to
 * our own input, Ethernet broadcast, or the next hop's ARP entry.
 * Fragmentation (RFC 791 3.2) will live here.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>

#include "cnet.h"

/*
 * Sending to one of our own addresses: hand the packet to our input through
 * the device's backlog (netif_rx), which also keeps echo-reply-to-self from
 * recursing. PACKET_LOOPBACK tells input that our own source is expected.
 */
static int cnet_ip_loop(struct cnet_dev *cd, struct sk_buff *skb)
{
	skb->dev = cd->dev;
	skb->protocol = htons(ETH_P_IP);
	skb->pkt_type = PACKET_LOOPBACK;
	skb_reset_mac_header(skb);
	skb->mac_len = 0;
	return netif_rx(skb) == NET_RX_SUCCESS ? 0 : -ENOBUFS;
}

/**
 * cnet_ip_output - add an IPv4 header and send a packet this host originates
 * @cn: the namespace
 * @skb: data at the transport header; consumed
 * @saddr: source address, or 0 to choose one by the outgoing device
 * @daddr: destination address
 * @proto: transport protocol (IPPROTO_*)
 * @ttl: time to live
 * @allow_bcast: the sender may address a broadcast (SO_BROADCAST)
 *
 * Return: 0, or a negative errno for the sender (the packet is freed).
 */
int cnet_ip_output(struct cnet_net *cn, struct sk_buff *skb, __be32 saddr,
		   __be32 daddr, u8 proto, u8 ttl, bool allow_bcast)
{
	struct cnet_rt_res res;
	int err;

	rcu_read_lock();
	err = cnet_route_output(cn, daddr, saddr, &res);
	if (err) {
		cnet_inc(cn, CNET_STAT_IP_DROP_NO_ROUTE);
		goto drop;
	}
	if (res.type == CNET_RT_BROADCAST && !allow_bcast) {
		err = -EACCES;
		goto drop;
	}
	if (skb->len + sizeof(struct iphdr) > READ_ONCE(res.cd->dev->mtu)) {
		/* Fragmentation is not implemented yet. */
		cnet_inc(cn, CNET_STAT_IP_DROP_TOO_BIG);
		err = -EMSGSIZE;
		goto drop;
	}

	skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	cnet_ip_hdr_build(ip_hdr(skb), res.saddr, daddr, proto, ttl, skb->len,
			  htons((u16)atomic_inc_return(&cn->ip_id)));
	cnet_inc(cn, CNET_STAT_IP_TX);

	switch (res.type) {
	case CNET_RT_LOCAL:
		err = cnet_ip_loop(res.cd, skb);
		break;
	case CNET_RT_BROADCAST:
		cnet_eth_xmit(res.cd, skb, res.cd->dev->broadcast,
			      htons(ETH_P_IP));
		break;
	default:
		err = cnet_neigh_output(res.cd, res.nexthop, skb);
		break;
	}
	rcu_read_unlock();
	return err;

drop:
	rcu_read_unlock();
	kfree_skb(skb);
	return err;
}
