// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 output (RFC 791, RFC 1122 3.2.1) of the packets this host
 * originates: routing (route.c), the MTU they must fit (the path MTU,
 * pmtu.c) and DF by the sender's IP_PMTUDISC_*, the header with an
 * unpredictable identifier, and the way out: looped to our own input,
 * Ethernet broadcast, or the next hop's ARP entry.
 *
 * Fragmentation (RFC 791 3.2, RFC 1122 3.3.2) of what we send and of what
 * we forward lives here too: cnet_ip_fragment() carries out the plan
 * cnet_frag_plan() (ip_hdr.c, pure) makes.
 */
#include <linux/etherdevice.h>
#include <linux/ip.h>
#include <linux/random.h>
#include <linux/tcp.h>
#include <net/gso.h>
#include <net/sock.h>

#include "cnet.h"

int cnet_ip_output_net_init(struct cnet_net *cn)
{
	cn->idents = kvzalloc(sizeof(*cn->idents), GFP_KERNEL);
	if (!cn->idents)
		return -ENOMEM;
	get_random_bytes(&cn->idents->key, sizeof(cn->idents->key));
	get_random_bytes(cn->idents->ids, sizeof(cn->idents->ids));
	cnet_pmtu_init(&cn->pmtu);
	return 0;
}

/* Nothing sends in the namespace any more. */
void cnet_ip_output_net_exit(struct cnet_net *cn)
{
	cnet_pmtu_destroy(&cn->pmtu);
	kvfree(cn->idents);
	cn->idents = NULL;
}

static u32 cnet_ip_rand_below(u32 ceil)
{
	return get_random_u32_below(ceil);
}

/* ---- fragmentation ---- */

/*
 * Fragment @i of @skb's plan @p, a new skb: the header (@hdr, @p's first
 * fragment's, or @rest for the others, holding @p->hlen_rest bytes), then
 * its slice of the data, copied whatever @skb's geometry (linear, page
 * frags, frag list). NULL when out of memory.
 */
static struct sk_buff *cnet_ip_frag_one(struct sk_buff *skb,
					const struct cnet_frag_plan *p,
					unsigned int i, const u8 *rest,
					unsigned int hroom)
{
	const struct iphdr *orig = ip_hdr(skb);
	struct cnet_frag_piece f;
	struct sk_buff *frag;
	struct iphdr *iph;

	cnet_frag_nth(p, i, &f);
	frag = alloc_skb(hroom + f.hlen + f.data_len, GFP_ATOMIC);
	if (!frag)
		return NULL;
	skb_reserve(frag, hroom);
	skb_reset_network_header(frag);
	iph = skb_put(frag, f.hlen);
	if (i) {
		memcpy(iph, orig, sizeof(*iph));
		memcpy(iph + 1, rest, f.hlen - sizeof(*iph));
		iph->ihl = f.hlen / 4;
	} else {
		memcpy(iph, orig, f.hlen);
	}
	if (skb_copy_bits(skb, p->hlen + f.data_off, skb_put(frag, f.data_len),
			  f.data_len)) {
		kfree_skb(frag);
		return NULL;
	}
	iph->tot_len = htons(f.hlen + f.data_len);
	iph->frag_off = htons(f.frag_off);
	iph->check = 0;
	iph->check = cnet_csum(iph, f.hlen);

	/* what Linux's ip_copy_metadata() keeps that cnet uses */
	frag->protocol = skb->protocol;
	frag->priority = skb->priority;
	frag->mark = skb->mark;
	frag->dev = skb->dev;
	if (skb->sk)
		skb_set_owner_w(frag, skb->sk);
	return frag;
}

/*
 * Fragment one packet that is not GSO: its transport checksum is
 * resolved first (the device cannot do it over pieces), then each
 * fragment goes out by @out as it is made. Consumes @skb.
 */
static int cnet_ip_frag_skb(struct cnet_net *cn, struct sk_buff *skb,
			    unsigned int mtu,
			    int (*out)(struct cnet_dev *cd, __be32 nexthop,
				       struct sk_buff *skb),
			    struct cnet_dev *cd, __be32 nexthop)
{
	unsigned int hroom = LL_RESERVED_SPACE(cd->dev);
	struct cnet_frag_plan p;
	u8 rest[40];
	struct sk_buff *frag;
	unsigned int hlen, i;
	int olen, err;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		goto nomem;
	hlen = ip_hdr(skb)->ihl * 4;
	/* the header, options included, is linear (input, or we built it) */
	olen = cnet_ip_opts_copied((const u8 *)(ip_hdr(skb) + 1),
				   hlen - sizeof(struct iphdr), rest);
	if (olen < 0 ||
	    cnet_frag_plan(&p, mtu, hlen, sizeof(struct iphdr) + olen,
			   skb->len - hlen, ntohs(ip_hdr(skb)->frag_off))) {
		err = -EINVAL;
		goto fail;
	}
	for (i = 0; i < p.count; i++) {
		frag = cnet_ip_frag_one(skb, &p, i, rest, hroom);
		if (!frag)
			goto nomem;
		cnet_inc(cn, CNET_STAT_IP_FRAG_CREATED);
		err = out(cd, nexthop, frag);
		if (err)
			goto fail;
	}
	cnet_inc(cn, CNET_STAT_IP_FRAG_OK);
	consume_skb(skb);
	return 0;

nomem:
	cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
	err = -ENOBUFS;
fail:
	cnet_inc(cn, CNET_STAT_IP_FRAG_FAIL);
	kfree_skb(skb);
	return err;
}

/**
 * cnet_ip_fragment - send a packet too big for the link in fragments
 * @cn: the namespace
 * @skb: data at its IPv4 header (linear, checksum valid); consumed
 * @mtu: the MTU each fragment must fit, at least 68
 * @out: how each piece leaves (cnet_neigh_output(), or a broadcast)
 * @cd: the device it leaves by, for @out
 * @nexthop: the next hop, for @out
 *
 * A GSO packet (a GRO aggregate being forwarded) is segmented, never
 * fragmented as one: its segments go out as they are when they fit,
 * fragmented when they do not (as Linux's ip_finish_output_gso()).
 * Caller holds RCU.
 *
 * Return: 0, or the first error (-ENOBUFS, or @out's); counted.
 */
int cnet_ip_fragment(struct cnet_net *cn, struct sk_buff *skb,
		     unsigned int mtu,
		     int (*out)(struct cnet_dev *cd, __be32 nexthop,
				struct sk_buff *skb),
		     struct cnet_dev *cd, __be32 nexthop)
{
	struct sk_buff *segs, *seg, *next;
	int err = 0, ret;

	if (!skb_is_gso(skb))
		return cnet_ip_frag_skb(cn, skb, mtu, out, cd, nexthop);
	if (skb_gso_validate_network_len(skb, mtu))
		return out(cd, nexthop, skb);

	/* segments start where the mac header is: at the IPv4 header */
	skb_reset_mac_header(skb);
	skb->mac_len = 0;
	segs = skb_gso_segment(skb, 0);
	if (IS_ERR_OR_NULL(segs)) {
		cnet_inc(cn, CNET_STAT_IP_FRAG_FAIL);
		kfree_skb(skb);
		return -ENOBUFS;
	}
	consume_skb(skb);
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		if (seg->len > mtu)
			ret = cnet_ip_frag_skb(cn, seg, mtu, out, cd, nexthop);
		else
			ret = out(cd, nexthop, seg);
		if (ret && !err)
			err = ret;
	}
	return err;
}

/* The way out of a limited or subnet broadcast, as @out of a fragment. */
static int cnet_ip_bcast_out(struct cnet_dev *cd, __be32 nexthop,
			     struct sk_buff *skb)
{
	cnet_eth_xmit(cd, skb, cd->dev->broadcast, htons(ETH_P_IP));
	return 0;
}

/*
 * Sending to this host (127.0.0.0/8 or one of its addresses; @cd is lo):
 * queued for input in softirq, no device touched, which also keeps
 * echo-reply-to-self from recursing (loopback.c).
 */
static int cnet_ip_loop(struct cnet_dev *cd, struct sk_buff *skb)
{
	return cnet_lo_xmit(cd, skb);
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

/*
 * The length that must fit the MTU: the datagram's, or for a GSO packet
 * (TCP's, of many MSS) that of each segment it is cut into, which
 * skb_gso_validate_network_len() checks again once the header is on.
 * @skb has its data at the transport header.
 */
static unsigned int cnet_ip_out_len(const struct sk_buff *skb)
{
	if (!skb_is_gso(skb) || !skb_is_gso_tcp(skb))
		return skb->len + sizeof(struct iphdr);
	return sizeof(struct iphdr) + tcp_hdrlen(skb) +
	       skb_shinfo(skb)->gso_size;
}

/**
 * cnet_ip_output_res - add an IPv4 header and send along a route
 * @cn: the namespace
 * @skb: data at the transport header; consumed
 * @fl: the flow: destination, protocol, TTL, TOS, IP_PMTUDISC_*
 * @res: where it goes, from cnet_ip_route_flow() for @fl, in the same
 *	RCU read-side section
 *
 * A datagram longer than the MTU it must fit (the path MTU learned, else
 * the device's; cnet_ip_out_policy() says which and whether DF is set)
 * is fragmented, unless its sender said it may not be. A GSO packet
 * (TCP's large segments) is larger than the MTU: each of its segments
 * must fit it; the device (TSO) or the GSO layer (dev_queue_xmit()) cuts
 * it. Local delivery has no MTU: lo takes a GSO packet whole (TCP input
 * takes it as the one segment of many MSS that it is). Caller holds
 * rcu_read_lock().
 *
 * Return: 0, or a negative errno for the sender (the packet is freed):
 * -EMSGSIZE for a datagram too long that may not be fragmented.
 */
int cnet_ip_output_res(struct cnet_net *cn, struct sk_buff *skb,
		       const struct cnet_flow *fl, const struct cnet_rt_res *res)
{
	unsigned int len = cnet_ip_out_len(skb);
	unsigned int dev_mtu, path_mtu, segs = 1;
	struct cnet_ip_out o;
	bool locked;
	u16 id;

	dev_mtu = cnet_route_mtu(cn, res, fl->daddr, &path_mtu, &locked);
	if (cnet_ip_out_policy(fl->pmtudisc, len, dev_mtu, path_mtu, locked,
			       &o)) {
		cnet_inc(cn, CNET_STAT_IP_DROP_TOO_BIG);
		kfree_skb(skb);
		return -EMSGSIZE;
	}
	if (skb_is_gso(skb))
		segs = skb_shinfo(skb)->gso_segs ?: 1;

	skb_push(skb, sizeof(struct iphdr));
	skb_reset_network_header(skb);
	id = cnet_ip_ident_next(cn->idents, res->saddr, fl->daddr, fl->proto,
				segs, jiffies, cnet_ip_rand_below);
	cnet_ip_hdr_build(ip_hdr(skb), res->saddr, fl->daddr, fl->proto,
			  fl->ttl ?: CNET_IP_DEFAULT_TTL, fl->tos, skb->len,
			  htons(id), o.df ? htons(CNET_IP_DF) : 0);
	cnet_inc(cn, CNET_STAT_IP_TX);

	switch (res->type) {
	case CNET_RT_LOCAL:
		return cnet_ip_loop(res->cd, skb);
	case CNET_RT_BROADCAST:
		if (o.fragment)
			return cnet_ip_fragment(cn, skb, o.mtu,
						cnet_ip_bcast_out, res->cd, 0);
		return cnet_ip_bcast_out(res->cd, 0, skb);
	default:
		if (o.fragment)
			return cnet_ip_fragment(cn, skb, o.mtu,
						cnet_neigh_output, res->cd,
						res->nexthop);
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
