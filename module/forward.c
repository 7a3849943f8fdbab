// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding (RFC 1812 5.2.1, 5.3): a packet that arrives for another host
 * leaves by the route to its destination with its TTL one lower, or is
 * dropped with the ICMP error that says why.
 *
 * Off by default in each namespace, as in Linux (`cnet forwarding on`).
 * With forwarding off, a packet for another host is dropped silently.
 *
 * What to do is decided by one pure function, cnet_fwd_decide()
 * (forward_verdict.c); this file gathers the facts it decides from and
 * carries its verdict out: the ICMP error, the counter, the TTL, the send,
 * in fragments (ip_output.c) when the packet is longer than the next
 * link's MTU and DF is clear.
 *
 * Runs in the rx handler's RCU read-side section and takes no lock: one
 * routing table lookup, one device lookup, the ARP cache.
 */
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <net/gso.h>

#include "cnet.h"
#include "cnet_trace.h"
#include "forward_verdict.h"

/*
 * The facts about @skb, which came in on @in, and its route, for
 * cnet_fwd_decide(). Only those it can read: with forwarding off none but
 * that (no route lookup for a packet that is dropped anyway), and the
 * redirect's (two walks of @in's addresses, an options walk) only when
 * the route leaves by @in, as a redirect needs. The rest stay false.
 * Sets *@outp to the device the route leaves by, NULL when none.
 */
static void cnet_fwd_facts(struct cnet_dev *in, struct sk_buff *skb,
			   struct cnet_fwd_facts *f, struct cnet_dev **outp)
{
	struct cnet_net *cn = in->cn;
	const struct iphdr *iph = ip_hdr(skb);
	const struct cnet_route *rt;
	struct cnet_dev *out = NULL;

	*f = (struct cnet_fwd_facts){
		.forwarding	= READ_ONCE(cn->forwarding),
		.l2_host	= skb->pkt_type == PACKET_HOST,
		.saddr		= iph->saddr,
		.daddr		= iph->daddr,
		.ttl		= iph->ttl,
		.df		= iph->frag_off & htons(CNET_IP_DF),
		.len		= skb->len,
	};

	*outp = NULL;
	if (!f->forwarding)
		return;
	rt = cnet_fib_lookup(&cn->fib, iph->daddr);
	if (rt) {
		f->has_route = true;
		f->rt_type = rt->type;
		f->rt_gw = rt->gw;
		if (rt->type == CNET_RT_UNICAST)
			out = cnet_route_dev(cn, rt->ifindex);
	}
	if (out) {
		f->out_up = cnet_dev_running(out);
		f->out_bcast = cnet_dev_is_bcast(out, iph->daddr);
		f->mtu = READ_ONCE(out->dev->mtu);
		/* A GRO aggregate fits if each of its segments does. */
		f->gso_fits = skb_is_gso(skb) &&
			      skb_gso_validate_network_len(skb, f->mtu);
		f->out_is_in = out == in;
	}
	*outp = out;
	if (!f->out_is_in)
		return;
	f->src_on_in = cnet_addr_on_subnet(in, iph->saddr);
	f->nh_on_src_subnet = cnet_addr_same_subnet(in, iph->saddr,
						    f->rt_gw ?: iph->daddr);
	/* input made the whole header linear */
	f->src_route = cnet_ip_opts_srr((const u8 *)(iph + 1),
					iph->ihl * 4 - sizeof(*iph)) != 0;
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
	struct cnet_fwd_verdict v;
	struct cnet_fwd_facts f;
	struct cnet_dev *out;
	enum cnet_stat why;

	cnet_fwd_facts(in, skb, &f, &out);
	switch (cnet_fwd_decide(&f, &v)) {
	case CNET_FWD_DROP_ICMP:
		cnet_icmp_send_error(cn, skb, v.icmp_type, v.icmp_code,
				     v.icmp_info);
		fallthrough;
	case CNET_FWD_DROP:
		why = v.stat;
		goto drop;
	case CNET_FWD_REDIRECT:
		cnet_icmp_send_error(cn, skb, v.icmp_type, v.icmp_code,
				     v.icmp_info);
		cnet_inc(cn, v.stat);
		break;
	case CNET_FWD_FORWARD:
		break;
	}

	/*
	 * Forwarded: @out is the route's device, up. We change the header:
	 * it must be ours, with room for Ethernet.
	 */
	if (skb_cow(skb, LL_RESERVED_SPACE(out->dev))) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}
	cnet_ip_ttl_dec(ip_hdr(skb));	/* RFC 1624 incremental update */
	trace_cnet_forward(in, out, ip_hdr(skb), v.nexthop);
	/* A checksum over the received bytes no longer holds. */
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	skb_clear_tstamp(skb);
	/* A priority tag it came with (dev.c) would go out with it. */
	__vlan_hwaccel_clear_tag(skb);

	cnet_inc(cn, CNET_STAT_FWD_TX);
	if (v.frag_mtu)
		return cnet_ip_fragment(cn, skb, v.frag_mtu, cnet_neigh_output,
					out, v.nexthop) ? NET_RX_DROP :
							  NET_RX_SUCCESS;
	return cnet_neigh_output(out, v.nexthop, skb) ? NET_RX_DROP :
							 NET_RX_SUCCESS;

drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}
