// SPDX-License-Identifier: GPL-2.0
/*
 * ARP for IPv4 over Ethernet (RFC 826): answer requests for our addresses,
 * learn from what we receive, send requests and replies. The cache itself
 * is neigh.c. Also IPv4 address conflict detection (RFC 5227) and proxy
 * ARP (RFC 1027, as Linux's proxy_arp).
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/jiffies.h>
#include <linux/random.h>

#include "cnet.h"
#include "netlink.h"

/* RFC 5227 DEFEND_INTERVAL: at most one defence per address this often */
#define CNET_DEFEND_INTERVAL	(10 * HZ)

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
		cnet_inc(cd->cn, CNET_STAT_MEM_DROP_NOMEM);
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

/* ---- duplicate address detection (RFC 5227) ---- */

/* The namespace's dad_interval_ms (RFC 5227 PROBE_MIN), 1 ms at least */
static unsigned long dad_interval(const struct cnet_net *cn)
{
	return msecs_to_jiffies(READ_ONCE(cn->dad_interval_ms));
}

/* RFC 5227 2.3: a request with sender = target = the address. */
static void dad_announce(struct cnet_ifaddr *ifa)
{
	cnet_arp_send(ifa->cd, ARPOP_REQUEST, ifa->addr, ifa->addr, NULL, NULL);
	cnet_inc(ifa->cd->cn, CNET_STAT_ARP_GRATUITOUS_TX);
}

/*
 * Probe, probe, probe, wait, announce: each run sends the next probe and
 * arms the timer for the one after, or, once all are out and nothing
 * conflicted, puts the address in use and announces it (cnet_dad_tick()).
 * Stops when a conflict has turned the address DADFAILED. The address and
 * its device live until cnet_dad_stop() has returned.
 */
static void dad_timer(struct timer_list *t)
{
	struct cnet_ifaddr *ifa = from_timer(ifa, t, dad_timer);
	struct cnet_net *cn = ifa->cd->cn;
	unsigned long iv = dad_interval(cn);
	enum cnet_dad_step step;

	/* a new dad_probes or dad_interval_ms applies from the next step */
	spin_lock_bh(&ifa->dad_lock);
	step = cnet_dad_tick(ifa->flags, ifa->dad_probes,
			     READ_ONCE(cn->dad_probes));
	switch (step) {
	case CNET_DAD_PROBE:
		/* PROBE_MIN..PROBE_MAX */
		ifa->dad_probes++;
		mod_timer(&ifa->dad_timer, jiffies + iv + get_random_u32_below(iv));
		break;
	case CNET_DAD_PROBE_LAST:
		/* ANNOUNCE_WAIT after the last */
		ifa->dad_probes++;
		mod_timer(&ifa->dad_timer, jiffies + 2 * iv);
		break;
	case CNET_DAD_DONE:
		WRITE_ONCE(ifa->flags, cnet_dad_done_flags(ifa->flags));
		break;
	case CNET_DAD_STOP:
		break;
	}
	spin_unlock_bh(&ifa->dad_lock);

	if (step == CNET_DAD_DONE)	/* no longer tentative or optimistic */
		cnet_notify_addr(ifa, CNET_CMD_ADDR_ADD, GFP_ATOMIC);
	if (step == CNET_DAD_PROBE || step == CNET_DAD_PROBE_LAST) {
		/* RFC 5227 2.1.1: sender IP 0, target the address, broadcast */
		cnet_inc(ifa->cd->cn, CNET_STAT_ARP_DAD_PROBE_TX);
		cnet_arp_send(ifa->cd, ARPOP_REQUEST, 0, ifa->addr, NULL, NULL);
	} else if (step == CNET_DAD_DONE) {
		/* in use now: usable, or preferred as a source when optimistic */
		cnet_route_changed(ifa->cd->cn);
		netdev_dbg(ifa->cd->dev, "%pI4: no conflict, in use\n", &ifa->addr);
		dad_announce(ifa);
	}
}

/* Before anything else touches @ifa's detection state. */
void cnet_dad_init(struct cnet_ifaddr *ifa)
{
	spin_lock_init(&ifa->dad_lock);
	timer_setup(&ifa->dad_timer, dad_timer, 0);
}

/**
 * cnet_dad_start - check a new address, or just announce it
 * @ifa: the address, just listed on its device, with its first flags
 *	(cnet_dad_add_flags()): TENTATIVE, OPTIMISTIC too by default, or none
 *	for nodad
 *
 * Caller holds RTNL. The first probe goes after PROBE_WAIT, random in
 * [0, dad_interval_ms). An optimistic address is not announced before its
 * probes are over (RFC 5227 2.3; RFC 4429: it must not override others).
 */
void cnet_dad_start(struct cnet_ifaddr *ifa)
{
	/* Listed: routing sees it (usable at once unless "dad"). */
	cnet_route_changed(ifa->cd->cn);
	if (!(ifa->flags & CNET_IFA_F_TENTATIVE)) {
		dad_announce(ifa);
		return;
	}
	mod_timer(&ifa->dad_timer,
		  jiffies + get_random_u32_below(dad_interval(ifa->cd->cn)));
}

/*
 * @ifa is unlisted (address deleted, device detached, namespace going):
 * stop its timer for good. Process context; after this nothing arms it.
 */
void cnet_dad_stop(struct cnet_ifaddr *ifa)
{
	timer_shutdown_sync(&ifa->dad_timer);
}

/*
 * RFC 5227 2.1.1 and 2.4: does this ARP packet from another host claim one
 * of @cd's addresses? cnet_dad_claim() decides: while the address probes
 * (optimistic or not), any packet with it as sender, or a probe for it,
 * means someone has it: detection failed, and the address is not used
 * again. Once it is in use, a packet with it as sender is a conflict,
 * which we defend with an announcement at most every DEFEND_INTERVAL.
 *
 * Return: true when the packet was such a claim (not to be learnt from).
 * A probe for an address in use is not: it is answered as a request.
 */
static bool arp_conflict(struct cnet_dev *cd, const struct cnet_arp_msg *m)
{
	bool probe = !m->sip, was_usable = false;
	__be32 addr = probe ? m->tip : m->sip;
	enum cnet_dad_claim claim;
	struct cnet_ifaddr *ifa;

	if ((probe && m->op != ARPOP_REQUEST) || !addr ||
	    ether_addr_equal(m->sha, cd->dev->dev_addr))
		return false;
	ifa = cnet_addr_lookup(cd, addr);
	if (!ifa)
		return false;

	spin_lock_bh(&ifa->dad_lock);
	claim = cnet_dad_claim(ifa->flags, probe, ifa->defended, jiffies,
			       CNET_DEFEND_INTERVAL);
	if (claim == CNET_DAD_FAIL) {
		was_usable = cnet_dad_usable(ifa->flags);
		WRITE_ONCE(ifa->flags, cnet_dad_failed_flags(ifa->flags));
	} else if (claim == CNET_DAD_DEFEND) {
		ifa->defended = jiffies ?: 1;
	}
	spin_unlock_bh(&ifa->dad_lock);

	switch (claim) {
	case CNET_DAD_IGNORE:
		return false;
	case CNET_DAD_FAIL:
		cnet_inc(cd->cn, CNET_STAT_ARP_DAD_FAILED);
		/* an optimistic address was a source: routes choose again */
		if (was_usable)
			cnet_route_changed(cd->cn);
		cnet_notify_addr(ifa, CNET_CMD_ADDR_ADD, GFP_ATOMIC);
		pr_info_ratelimited("%s: %pI4 is in use by %pM: duplicate address detection failed\n",
				    cd->dev->name, &addr, m->sha);
		return true;
	case CNET_DAD_DEFEND:
		netdev_warn(cd->dev, "%pI4 is claimed by %pM: defending it\n",
			    &addr, m->sha);
		cnet_inc(cd->cn, CNET_STAT_ARP_DEFEND_TX);
		dad_announce(ifa);
		fallthrough;
	case CNET_DAD_CONFLICT:
		cnet_inc(cd->cn, CNET_STAT_ARP_CONFLICT);
		return true;
	}
	return true;
}

/*
 * Proxy ARP (as Linux's arp_process()): answer for @tip with our MAC when
 * the device has proxy_arp on, we forward, and the route to @tip leaves by
 * another device. Linux's random proxy delay (proxy_delay) is left out: we
 * answer at once. Caller holds RCU.
 */
static bool arp_proxy(struct cnet_dev *cd, __be32 tip)
{
	const struct cnet_route *rt;

	if (!READ_ONCE(cd->proxy_arp) || !READ_ONCE(cd->cn->forwarding))
		return false;
	rt = cnet_fib_lookup(&cd->cn->fib, tip);
	return rt && rt->type == CNET_RT_UNICAST &&
	       rt->ifindex != cd->dev->ifindex;
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
	bool for_us, proxy, garp;

	cnet_inc(cn, CNET_STAT_ARP_RX);
	/*
	 * Sent to another MAC, seen only because the device is promiscuous
	 * (tcpdump): not for us to answer or learn from (as Linux's arp_rcv()).
	 */
	if (skb->pkt_type == PACKET_OTHERHOST) {
		cnet_inc(cn, CNET_STAT_ARP_DROP_OTHERHOST);
		goto drop;
	}
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

	if (!is_valid_ether_addr(m.sha) || cnet_ip_martian_src(m.sip)) {
		cnet_inc(cn, CNET_STAT_ARP_DROP_BAD_SENDER);
		goto drop;
	}
	/* Another host claiming an address of this device (RFC 5227). */
	if (arp_conflict(cd, &m))
		goto drop;
	/*
	 * A sender claiming one of our own addresses (on another device, or
	 * our own announcement looped back) must not be learnt.
	 */
	if (cnet_ip_is_local(cn, m.sip)) {
		cnet_inc(cn, CNET_STAT_ARP_DROP_BAD_SENDER);
		goto drop;
	}

	/*
	 * tentative and failed addresses are not ours yet (not local);
	 * 127.0.0.0/8 is lo's, never answered for on a link (as Linux's
	 * arp_process())
	 */
	for_us = cnet_local_find(cn, m.tip);
	/* a gratuitous ARP announces a new address: it overrides the lock time */
	garp = m.sip == m.tip;
	if (m.op == ARPOP_REQUEST) {
		cnet_inc(cn, CNET_STAT_ARP_REQUEST_RX);
		proxy = !for_us && m.sip && !cnet_ip_is_loopback(m.tip) &&
			arp_proxy(cd, m.tip);
		/*
		 * RFC 826 merge: update an entry we have; make one when the
		 * request is for us (or one we proxy) from a sender on the
		 * link's subnets, since it is about to talk to us. A probe
		 * (sender 0.0.0.0, RFC 5227) teaches nothing.
		 */
		if (m.sip)
			cnet_neigh_learn(cd, m.sip, m.sha, false,
					 (for_us || proxy) &&
					 cnet_addr_on_subnet(cd, m.sip), garp);
		if (proxy) {
			cnet_inc(cn, CNET_STAT_ARP_PROXY_REPLY_TX);
		} else if (!for_us) {
			cnet_inc(cn, CNET_STAT_ARP_DROP_NOT_OURS);
			goto drop;
		}
		cnet_arp_send(cd, ARPOP_REPLY, m.tip, m.sip, m.sha, m.sha);
	} else {
		cnet_inc(cn, CNET_STAT_ARP_REPLY_RX);
		if (m.sip)
			cnet_neigh_learn(cd, m.sip, m.sha, true, false, garp);
	}
	consume_skb(skb);
	return 0;
drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}
