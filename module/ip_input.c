// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 input (RFC 791, RFC 1122 3.2.1): the checks every packet passes,
 * then forwarding (forward.c) or local delivery to the transport layer.
 */
#include <linux/icmp.h>
#include <linux/ip.h>

#include "cnet.h"

static const u8 cnet_ip_check_stat[] = {
	[CNET_IP_SHORT]		= CNET_STAT_IP_DROP_SHORT,
	[CNET_IP_BAD_VERSION]	= CNET_STAT_IP_DROP_VERSION,
	[CNET_IP_BAD_IHL]	= CNET_STAT_IP_DROP_IHL,
	[CNET_IP_BAD_LEN]	= CNET_STAT_IP_DROP_LEN,
	[CNET_IP_BAD_CSUM]	= CNET_STAT_IP_DROP_CSUM,
};

/**
 * cnet_ip_rcv - receive an IPv4 packet
 * @cd: the device it arrived on
 * @skb: data at the IPv4 header; consumed
 *
 * Called from the rx handler, in an RCU read-side section.
 */
int cnet_ip_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	struct cnet_net *cn = cd->cn;
	enum cnet_ip_check res;
	const struct iphdr *iph;
	enum cnet_stat why;
	unsigned int hlen;

	cnet_inc(cn, CNET_STAT_IP_RX);
	if (skb->pkt_type == PACKET_OTHERHOST) {
		why = CNET_STAT_IP_DROP_OTHERHOST;
		goto drop;
	}
	if (!pskb_may_pull(skb, sizeof(*iph))) {
		why = CNET_STAT_IP_DROP_SHORT;
		goto drop;
	}
	skb_reset_network_header(skb);
	/* Make the whole header linear when its length is plausible. */
	hlen = ip_hdr(skb)->ihl * 4;
	if (hlen > sizeof(*iph) && hlen <= skb->len &&
	    !pskb_may_pull(skb, hlen)) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}

	res = cnet_ip_hdr_check(skb->data, skb_headlen(skb), skb->len);
	if (res != CNET_IP_OK) {
		why = cnet_ip_check_stat[res];
		goto drop;
	}
	iph = ip_hdr(skb);
	/* Ethernet may pad short frames: trim to the datagram. */
	if (pskb_trim_rcsum(skb, ntohs(iph->tot_len))) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}
	iph = ip_hdr(skb);

	/* Our own address as a source is only legal for what we looped. */
	if (cnet_ip_martian_src(iph->saddr) ||
	    (skb->pkt_type != PACKET_LOOPBACK &&
	     cnet_ip_is_local(cn, iph->saddr))) {
		why = CNET_STAT_IP_DROP_MARTIAN_SRC;
		goto drop;
	}
	if (!cnet_ip_is_local(cn, iph->daddr) &&
	    !cnet_dev_is_bcast(cd, iph->daddr))
		return cnet_ip_forward(cd, skb);
	if (cnet_ip_is_fragment(iph)) {
		skb = cnet_ip_defrag(cn, skb);
		if (!skb)
			return NET_RX_SUCCESS;	/* kept, or dropped and counted */
		iph = ip_hdr(skb);
	}

	__skb_pull(skb, iph->ihl * 4);
	skb_reset_transport_header(skb);
	switch (iph->protocol) {
	case IPPROTO_ICMP:
		return cnet_icmp_rcv(cd, skb);	/* raw delivery after checks */
	case IPPROTO_UDP:
		cnet_raw_deliver(cn, skb);
		return cnet_udp_rcv(cd, skb);
	default:
		if (cnet_raw_deliver(cn, skb)) {
			consume_skb(skb);
			return NET_RX_SUCCESS;
		}
		cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH,
				     ICMP_PROT_UNREACH, 0);
		why = CNET_STAT_IP_DROP_PROTO;
		goto drop;
	}

drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}
