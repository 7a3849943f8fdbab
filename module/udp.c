// SPDX-License-Identifier: GPL-2.0
/*
 * UDP (RFC 768, RFC 1122 4.1) input. There are no UDP sockets yet: a valid
 * datagram for one of our addresses is answered with an ICMP port
 * unreachable (RFC 1122 4.1.3.1), unless it was broadcast. Raw sockets of
 * protocol UDP have had their copy before this runs.
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <net/checksum.h>

#include "cnet.h"

/*
 * Does the checksum verify? 0 means the sender computed none. A packet
 * looped or offloaded by a local sender (CHECKSUM_PARTIAL), or checked by
 * the device, needs no software check.
 */
static bool cnet_udp_csum_ok(struct sk_buff *skb, unsigned int ulen)
{
	const struct iphdr *iph = ip_hdr(skb);

	if (!udp_hdr(skb)->check)
		return true;
	if (skb->ip_summed == CHECKSUM_PARTIAL ||
	    skb->ip_summed == CHECKSUM_UNNECESSARY)
		return true;
	return !csum_tcpudp_magic(iph->saddr, iph->daddr, ulen, IPPROTO_UDP,
				  skb_checksum(skb, 0, ulen, 0));
}

/**
 * cnet_udp_rcv - receive a UDP datagram for this host
 * @cd: the device it arrived on
 * @skb: data at the UDP header, network header set; consumed
 *
 * Called from the receive path, in an RCU read-side section.
 */
int cnet_udp_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	struct cnet_net *cn = cd->cn;
	const struct udphdr *uh;
	enum cnet_stat why;
	unsigned int ulen;

	cnet_inc(cn, CNET_STAT_UDP_RX);
	if (!pskb_may_pull(skb, sizeof(*uh))) {
		why = CNET_STAT_UDP_DROP_SHORT;
		goto drop;
	}
	uh = udp_hdr(skb);
	ulen = ntohs(uh->len);
	if (ulen < sizeof(*uh) || ulen > skb->len) {
		why = CNET_STAT_UDP_DROP_LEN;
		goto drop;
	}
	/* Bytes after the UDP length are not part of the datagram. */
	if (ulen < skb->len && pskb_trim_rcsum(skb, ulen)) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}
	if (!cnet_udp_csum_ok(skb, ulen)) {
		why = CNET_STAT_UDP_DROP_CSUM;
		goto drop;
	}

	/* No socket can want it: port unreachable (not for broadcasts). */
	cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	why = CNET_STAT_UDP_DROP_NO_PORT;
drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}
