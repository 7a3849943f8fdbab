// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 input (RFC 791, RFC 1122 3.2.1): the checks every packet passes,
 * then forwarding (forward.c) or local delivery to the transport layer.
 */
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <net/checksum.h>

#include "cnet.h"
#include "cnet_trace.h"
#include "tcp_hdr.h"
#include "udp_hdr.h"

/* The pure check of the protocol (tcp_hdr.c, udp_hdr.c) */
static bool cnet_l4_sum_ok(u8 proto, __sum16 check, const struct iphdr *iph,
			   unsigned int len, __wsum sum)
{
	if (proto == IPPROTO_TCP)
		return cnet_tcp_csum_ok(check, iph->saddr, iph->daddr, len, sum);
	return cnet_udp_csum_ok(check, iph->saddr, iph->daddr, len, sum);
}

/**
 * cnet_l4_rcv_csum_ok - does a received TCP segment's or UDP datagram's
 *	checksum verify?
 * @skb: data at the transport header, network header set, trimmed to
 *	@len (a CHECKSUM_COMPLETE sum then covers exactly it)
 * @proto: IPPROTO_TCP or IPPROTO_UDP
 * @check: the header's checksum field
 * @len: the transport length, header and data
 *
 * By what the device says (skb->ip_summed), as Linux's
 * skb_checksum_init() and __skb_checksum_complete():
 * CHECKSUM_UNNECESSARY, the device verified it; CHECKSUM_PARTIAL, it
 * comes from a sender in this host (lo, a veth peer, a GRO aggregate of
 * such) that never summed it, and crossed no wire; CHECKSUM_COMPLETE,
 * the device's sum of the packet (the IPv4 header, which sums to zero,
 * included) is checked against the pseudo-header, and summed again in
 * software when it fails (a device may get it wrong); else summed here.
 * TCP and UDP share it; what differs (UDP's zero checksum) is in their
 * pure checks.
 */
bool cnet_l4_rcv_csum_ok(struct sk_buff *skb, u8 proto, __sum16 check,
			 unsigned int len)
{
	const struct iphdr *iph = ip_hdr(skb);

	switch (skb->ip_summed) {
	case CHECKSUM_UNNECESSARY:
	case CHECKSUM_PARTIAL:
		return true;
	case CHECKSUM_COMPLETE:
		if (len == skb->len &&
		    cnet_l4_sum_ok(proto, check, iph, len, skb->csum))
			return true;
		break;
	}
	return cnet_l4_sum_ok(proto, check, iph, len,
			      skb_checksum(skb, 0, len, 0));
}

static const u8 cnet_ip_check_stat[] = {
	[CNET_IP_SHORT]		= CNET_STAT_IP_DROP_SHORT,
	[CNET_IP_BAD_VERSION]	= CNET_STAT_IP_DROP_VERSION,
	[CNET_IP_BAD_IHL]	= CNET_STAT_IP_DROP_IHL,
	[CNET_IP_BAD_LEN]	= CNET_STAT_IP_DROP_LEN,
	[CNET_IP_BAD_CSUM]	= CNET_STAT_IP_DROP_CSUM,
};

/**
 * struct cnet_ip_protocol - a transport protocol, as local delivery sees it
 * @check: optional: what the protocol's raw sockets must not see (an ICMP
 *	message whose checksum fails) is refused here, before raw delivery.
 *	Counts why and returns false; local delivery then frees the packet.
 *	@skb as for @rcv, not consumed.
 * @rcv: receive a packet for this host: @skb has its data at the transport
 *	header and its network header set; consumed
 * @err: optional: an ICMP error arrived quoting a packet of this protocol;
 *	tell the protocol's own sockets (raw sockets are told by
 *	cnet_ip_err_deliver()). @skb has its data at the ICMP header, the
 *	quote linear up to @e->l4_off + 8; not consumed
 *
 * Raw sockets get their copies in one place, cnet_ip_local_deliver(),
 * after @check and before @rcv: as Linux's raw_local_deliver() for UDP and
 * for protocols without a handler; for ICMP only once its checksum has
 * verified (cnet has always done so; Linux copies before icmp_rcv()).
 * A protocol that needs the same guarantee supplies a @check rather than
 * calling raw delivery itself.
 *
 * All called from the receive path, in an RCU read-side section.
 */
struct cnet_ip_protocol {
	bool	(*check)(struct cnet_net *cn, struct sk_buff *skb);
	int	(*rcv)(struct cnet_dev *cd, struct sk_buff *skb);
	void	(*err)(struct cnet_net *cn, struct sk_buff *skb,
		       const struct cnet_icmp_err *e);
};

/*
 * The transport protocols, by IP protocol number. Protocols without an
 * entry reach only raw sockets.
 *
 * An ICMP error about a packet of protocol P goes to the raw sockets of P
 * (cnet_ip_err_deliver()), then to P's @err: ICMP's finds the ping socket
 * of a quoted echo request; UDP's and TCP's will find their sockets.
 */
static const struct cnet_ip_protocol cnet_ip_protos[] = {
	[IPPROTO_ICMP]	= {
		.check	= cnet_icmp_check,
		.rcv	= cnet_icmp_rcv,
		.err	= cnet_ping_err,
	},
	[IPPROTO_UDP]	= {
		.rcv	= cnet_udp_rcv,
		.err	= cnet_udp_err,
	},
	[IPPROTO_TCP]	= {
		.rcv	= cnet_tcp_rcv,
		.err	= cnet_tcp_err,
	},
};

static const struct cnet_ip_protocol *cnet_ip_proto(u8 proto)
{
	if (proto < ARRAY_SIZE(cnet_ip_protos) && cnet_ip_protos[proto].rcv)
		return &cnet_ip_protos[proto];
	return NULL;
}

/*
 * A packet for this host (data at its checked IPv4 header): reassemble
 * it, give raw sockets their copies, then the protocol its packet; a
 * protocol nobody has gets ICMP protocol unreachable (RFC 1122 3.2.2.1).
 */
static int cnet_ip_local_deliver(struct cnet_dev *cd, struct sk_buff *skb)
{
	const struct cnet_ip_protocol *ipprot;
	struct cnet_net *cn = cd->cn;
	const struct iphdr *iph;
	bool raw;

	if (cnet_ip_is_fragment(ip_hdr(skb))) {
		skb = cnet_ip_defrag(cn, skb);
		if (!skb)
			return NET_RX_SUCCESS;	/* kept, or dropped and counted */
	}
	iph = ip_hdr(skb);
	__skb_pull(skb, iph->ihl * 4);
	skb_reset_transport_header(skb);

	ipprot = cnet_ip_proto(iph->protocol);
	if (ipprot && ipprot->check && !ipprot->check(cn, skb)) {
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	raw = cnet_raw_deliver(cn, skb);
	if (ipprot)
		return ipprot->rcv(cd, skb);
	if (raw) {
		consume_skb(skb);
		return NET_RX_SUCCESS;
	}
	cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	cnet_inc(cn, CNET_STAT_IP_DROP_PROTO);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * cnet_ip_err_deliver - tell the sockets concerned about an ICMP error
 * @cn: the namespace
 * @skb: the error, data at its ICMP header, checksum verified; the quoted
 *	IPv4 header and the 8 bytes after it linear; not consumed
 * @e: the error, parsed (icmp.c)
 *
 * Raw sockets of the quoted protocol are told here, for every protocol;
 * then the protocol's own sockets, through its @err.
 */
void cnet_ip_err_deliver(struct cnet_net *cn, struct sk_buff *skb,
			 const struct cnet_icmp_err *e)
{
	const struct cnet_ip_protocol *ipprot = cnet_ip_proto(e->proto);

	cnet_raw_err(cn, skb, e);
	if (ipprot && ipprot->err)
		ipprot->err(cn, skb, e);
}

/**
 * cnet_ip_rcv - receive an IPv4 packet
 * @cd: the device it arrived on, or the namespace's lo
 * @skb: data at the IPv4 header; consumed
 *
 * Called from the rx handler, or lo's poll (loopback.c), in an RCU
 * read-side section.
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
	trace_cnet_rx(cd, skb);

	/*
	 * What came by lo was routed by this host on its way out: its
	 * addresses are this host's own, 127.0.0.0/8 included, and are not
	 * checked again (Linux keeps the output route of a looped packet and
	 * does not route it in). Its destination must still be ours: an
	 * address deleted while the packet was queued is no longer.
	 */
	if (cnet_dev_is_lo(cd)) {
		if (!cnet_ip_is_local(cn, iph->daddr)) {
			why = CNET_STAT_LO_DROP_NOT_LOCAL;
			goto drop;
		}
		return cnet_ip_local_deliver(cd, skb);
	}

	/*
	 * Impossible sources (RFC 1122 3.2.1.3), as Linux's
	 * ip_route_input_slow(): martians (127.0.0.0/8 among them), 0.0.0.0
	 * but to the limited broadcast, a broadcast address of the receiving
	 * device; and our own address, which only lo carries. Loopback is
	 * no destination on a wire either.
	 */
	if (cnet_ip_martian_rx(iph->saddr, iph->daddr) ||
	    cnet_dev_is_bcast(cd, iph->saddr) ||
	    cnet_ip_is_local(cn, iph->saddr)) {
		why = CNET_STAT_IP_DROP_MARTIAN_SRC;
		goto drop;
	}
	if (cnet_ip_is_loopback(iph->daddr)) {
		why = CNET_STAT_IP_DROP_MARTIAN_DST;
		goto drop;
	}
	if (!cnet_ip_is_local(cn, iph->daddr) &&
	    !cnet_dev_is_bcast(cd, iph->daddr))
		return cnet_ip_forward(cd, skb);
	return cnet_ip_local_deliver(cd, skb);

drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}
