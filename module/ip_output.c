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
 * cnet_ip_route_flow - route a flow this host sends
 * @cn: the namespace
 * @fl: the flow
 * @rc: the flow's route cache (a connection's), or NULL to look up
 * @res: the route
 *
 * Caller holds rcu_read_lock(); @res is valid until it drops it. A
 * transport protocol routes before it builds its header (the source
 * address is in its checksum), then sends with cnet_ip_output_res(); a
 * connection keeps a struct cnet_route_cache to route once.
 *
 * Return: 0, an errno of cnet_route_output() (counted as a drop for lack
 * of a route), or -EACCES for a broadcast without CNET_FLOW_BROADCAST.
 */
int cnet_ip_route_flow(struct cnet_net *cn, const struct cnet_flow *fl,
		       struct cnet_route_cache *rc, struct cnet_rt_res *res)
{
	int err;

	if (rc && !fl->oif)
		err = cnet_route_output_cached(cn, fl->daddr, fl->saddr, rc,
					       res);
	else
		err = cnet_route_output_dev(cn, fl->daddr, fl->saddr, fl->oif,
					    res);
	if (err) {
		cnet_inc(cn, CNET_STAT_IP_DROP_NO_ROUTE);
		return err;
	}
	if (res->type == CNET_RT_BROADCAST && !(fl->flags & CNET_FLOW_BROADCAST))
		return -EACCES;
	return 0;
}

/**
 * cnet_ip_output_res - add an IPv4 header and send along a route
 * @cn: the namespace
 * @skb: data at the transport header; consumed
 * @fl: the flow: destination, protocol, TTL
 * @res: where it goes, from cnet_ip_route_flow() for @fl, in the same
 *	RCU read-side section
 *
 * Caller holds rcu_read_lock().
 *
 * Return: 0, or a negative errno for the sender (the packet is freed).
 */
int cnet_ip_output_res(struct cnet_net *cn, struct sk_buff *skb,
		       const struct cnet_flow *fl, const struct cnet_rt_res *res)
{
	if (skb->len + sizeof(struct iphdr) > READ_ONCE(res->cd->dev->mtu)) {
		/* Fragmentation is not implemented yet. */
		cnet_inc(cn, CNET_STAT_IP_DROP_TOO_BIG);
		kfree_skb(skb);
		return -EMSGSIZE;
	}

	skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	cnet_ip_hdr_build(ip_hdr(skb), res->saddr, fl->daddr, fl->proto,
			  fl->ttl ?: CNET_IP_DEFAULT_TTL, skb->len,
			  htons((u16)atomic_inc_return(&cn->ip_id)));
	cnet_inc(cn, CNET_STAT_IP_TX);

	switch (res->type) {
	case CNET_RT_LOCAL:
		return cnet_ip_loop(res->cd, skb);
	case CNET_RT_BROADCAST:
		cnet_eth_xmit(res->cd, skb, res->cd->dev->broadcast,
			      htons(ETH_P_IP));
		return 0;
	default:
		return cnet_neigh_output(res->cd, res->nexthop, skb);
	}
}

/**
 * cnet_ip_output_flow - route and send a packet this host originates
 * @cn: the namespace
 * @skb: data at the transport header; consumed
 * @fl: the flow
 *
 * For senders that need no route before building their packet (ICMP).
 * Any context that may send; takes the RCU read lock itself.
 *
 * Return: 0, or a negative errno for the sender (the packet is freed).
 */
int cnet_ip_output_flow(struct cnet_net *cn, struct sk_buff *skb,
			const struct cnet_flow *fl)
{
	struct cnet_rt_res res;
	int err;

	rcu_read_lock();
	err = cnet_ip_route_flow(cn, fl, NULL, &res);
	if (err)
		kfree_skb(skb);
	else
		err = cnet_ip_output_res(cn, skb, fl, &res);
	rcu_read_unlock();
	return err;
}
