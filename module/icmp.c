// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP (RFC 792, RFC 1122 3.2.2): checksum verification, echo replies, and
 * delivery to ping and raw sockets.
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <net/checksum.h>

#include "cnet.h"

#define CNET_DEFAULT_TTL	64

/* Answer an echo request with the same identifier, sequence and data. */
static void cnet_icmp_echo_reply(struct cnet_net *cn, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int len = skb->len;
	struct icmphdr *icmph;
	struct sk_buff *nskb;

	nskb = alloc_skb(LL_MAX_HEADER + sizeof(struct iphdr) + len,
			 GFP_ATOMIC);
	if (!nskb) {
		cnet_inc(cn, CNET_STAT_NOMEM);
		return;
	}
	skb_reserve(nskb, LL_MAX_HEADER + sizeof(struct iphdr));
	icmph = skb_put(nskb, len);
	if (skb_copy_bits(skb, 0, icmph, len)) {
		kfree_skb(nskb);
		return;
	}
	icmph->type = ICMP_ECHOREPLY;
	icmph->code = 0;
	icmph->checksum = 0;
	icmph->checksum = cnet_csum(icmph, len);

	cnet_inc(cn, CNET_STAT_ICMP_TX);
	cnet_inc(cn, CNET_STAT_ICMP_ECHO_REPLY_TX);
	cnet_ip_output(cn, nskb, iph->daddr, iph->saddr, IPPROTO_ICMP,
		       CNET_DEFAULT_TTL, false);
}

/**
 * cnet_icmp_rcv - receive an ICMP message
 * @cd: the device it arrived on
 * @skb: data at the ICMP header, network header set; consumed
 */
int cnet_icmp_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	struct cnet_net *cn = cd->cn;
	const struct icmphdr *icmph;

	cnet_inc(cn, CNET_STAT_ICMP_RX);
	if (!pskb_may_pull(skb, sizeof(*icmph))) {
		cnet_inc(cn, CNET_STAT_ICMP_DROP_SHORT);
		goto drop;
	}
	/* The checksum covers the whole message, with no pseudo-header. */
	if (csum_fold(skb_checksum(skb, 0, skb->len, 0))) {
		cnet_inc(cn, CNET_STAT_ICMP_DROP_CSUM);
		goto drop;
	}
	icmph = icmp_hdr(skb);

	cnet_raw_deliver(cn, skb);

	switch (icmph->type) {
	case ICMP_ECHO:
		cnet_inc(cn, CNET_STAT_ICMP_ECHO_REQ_RX);
		/* Like Linux's icmp_echo_ignore_broadcasts=1 (RFC 1122 3.2.2.6) */
		if (!cnet_ip_is_local(cn, ip_hdr(skb)->daddr)) {
			cnet_inc(cn, CNET_STAT_ICMP_DROP_BCAST_ECHO);
			goto drop;
		}
		cnet_icmp_echo_reply(cn, skb);
		break;
	case ICMP_ECHOREPLY:
		cnet_inc(cn, CNET_STAT_ICMP_ECHO_REPLY_RX);
		if (cnet_ping_deliver(cn, skb))
			return 0;
		cnet_inc(cn, CNET_STAT_ICMP_DROP_NO_SOCKET);
		goto drop;
	default:
		break;
	}
	consume_skb(skb);
	return 0;
drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}
