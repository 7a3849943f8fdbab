// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding (RFC 1812 5.2.1, 5.3): a packet that arrives for another host
 * leaves by the route to its destination with its TTL one lower, or is
 * dropped with the ICMP error that says why.
 *
 * Off by default in each namespace, as in Linux (`cnet forwarding on`).
 * With forwarding off, a packet for another host is dropped silently.
 *
 * Runs in the rx handler's RCU read-side section and takes no lock: one
 * routing table lookup, one device lookup, the ARP cache.
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <net/gso.h>

#include "cnet.h"

/*
 * RFC 1812 5.2.7.2: a packet that leaves by the interface it came in on,
 * from a host on that interface's subnet, deserves a redirect to the next
 * hop it should have used directly (as Linux: host redirect).
 */
static bool cnet_fwd_want_redirect(struct cnet_dev *in,
				   const struct cnet_dev *out, __be32 saddr)
{
	struct cnet_ifaddr *ifa;

	if (in != out)
		return false;
	list_for_each_entry_rcu(ifa, &in->addrs, list)
		if (!((saddr ^ ifa->addr) & ifa->mask))
			return true;
	return false;
}

/**
 * cnet_ip_forward - forward a packet that is not for this host
 * @in: the device it arrived on
 * @skb: data at its IPv4 header, which input has checked; consumed
 *
 * Return: NET_RX_SUCCESS if it was sent on, NET_RX_DROP if not.
 */
int cnet_ip_forward(struct cnet_dev *in, struct sk_buff *skb)
{
	struct cnet_net *cn = in->cn;
	const struct cnet_route *rt;
	struct iphdr *iph = ip_hdr(skb);
	struct cnet_dev *out;
	enum cnet_stat why;
	__be32 nexthop;
	unsigned int mtu;

	if (!READ_ONCE(cn->forwarding)) {
		why = CNET_STAT_IP_DROP_NOT_OURS;
		goto drop;
	}
	/* RFC 1812 5.3.4: not what came as a link-layer broadcast. */
	if (skb->pkt_type != PACKET_HOST) {
		why = CNET_STAT_FWD_DROP_L2BCAST;
		goto drop;
	}
	/* RFC 1812 5.3.7, 4.2.3.1: neither end may be a martian. */
	if (!cnet_ip_is_host(iph->daddr) || ipv4_is_zeronet(iph->saddr)) {
		why = CNET_STAT_FWD_DROP_MARTIAN;
		goto drop;
	}

	rt = cnet_fib_lookup(&cn->fib, iph->daddr);
	if (!rt) {
		cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
				     ICMP_NET_UNREACH, 0);
		why = CNET_STAT_FWD_DROP_NO_ROUTE;
		goto drop;
	}
	switch (rt->type) {
	case CNET_RT_UNICAST:
		break;
	case CNET_RT_UNREACHABLE:
		cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
				     ICMP_HOST_UNREACH, 0);
		why = CNET_STAT_FWD_DROP_UNREACHABLE;
		goto drop;
	case CNET_RT_PROHIBIT:
		/* RFC 1812 5.2.7.1: communication administratively prohibited */
		cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
				     ICMP_PKT_FILTERED, 0);
		why = CNET_STAT_FWD_DROP_UNREACHABLE;
		goto drop;
	default:
		why = CNET_STAT_FWD_DROP_BLACKHOLE;
		goto drop;
	}

	out = cnet_route_dev(cn, rt->ifindex);
	if (!out || !cnet_dev_running(out)) {
		cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
				     ICMP_NET_UNREACH, 0);
		why = CNET_STAT_FWD_DROP_NO_ROUTE;
		goto drop;
	}
	nexthop = rt->gw ?: iph->daddr;
	/* A directed broadcast is not forwarded (Linux's bc_forwarding=0). */
	if (!rt->gw && cnet_dev_is_bcast(out, iph->daddr)) {
		why = CNET_STAT_FWD_DROP_BCAST;
		goto drop;
	}
	if (iph->ttl <= 1) {
		cnet_icmp_send_error(cn, skb, ICMP_TIME_EXCEEDED,
				     ICMP_EXC_TTL, 0);
		why = CNET_STAT_FWD_DROP_TTL;
		goto drop;
	}
	mtu = READ_ONCE(out->dev->mtu);
	/* A GRO aggregate fits if each of its segments does. */
	if (skb->len > mtu &&
	    !(skb_is_gso(skb) && skb_gso_validate_network_len(skb, mtu))) {
		if (iph->frag_off & htons(CNET_IP_DF)) {
			cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
					     ICMP_FRAG_NEEDED, htonl(mtu));
			why = CNET_STAT_FWD_DROP_TOO_BIG;
		} else {
			/* Fragmentation is not implemented yet. */
			why = CNET_STAT_FWD_DROP_FRAG;
		}
		goto drop;
	}
	if (cnet_fwd_want_redirect(in, out, iph->saddr)) {
		cnet_icmp_send_error(cn, skb, ICMP_REDIRECT, ICMP_REDIR_HOST,
				     nexthop);
		cnet_inc(cn, CNET_STAT_FWD_REDIRECT);
	}

	/* We change the header: it must be ours, with room for Ethernet. */
	if (skb_cow(skb, LL_RESERVED_SPACE(out->dev))) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}
	iph = ip_hdr(skb);
	cnet_ip_ttl_dec(iph);	/* RFC 1624 incremental checksum update */
	/* A checksum over the received bytes no longer holds. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	skb_clear_tstamp(skb);

	cnet_inc(cn, CNET_STAT_FWD_TX);
	return cnet_neigh_output(out, nexthop, skb) ? NET_RX_DROP :
						       NET_RX_SUCCESS;

drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}
