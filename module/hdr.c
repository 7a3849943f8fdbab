// SPDX-License-Identifier: GPL-2.0
/*
 * Pure header parsing and building. See hdr.h.
 */
#include <linux/errno.h>
#include <linux/if_arp.h>
#include <linux/string.h>
#include <net/checksum.h>

#include "hdr.h"

__sum16 cnet_csum(const void *data, unsigned int len)
{
	return csum_fold(csum_partial(data, len, 0));
}

/**
 * cnet_ip_hdr_check - validate a received IPv4 header (RFC 791, RFC 1122 3.2.1)
 * @hdr: start of the header
 * @avail: bytes readable at @hdr (the linear part)
 * @pkt_len: bytes of the packet as received, from @hdr to the frame's end
 *
 * The caller makes the whole header (IHL * 4 bytes) linear when the IHL
 * allows it; a header that is still not all in @avail counts as short.
 */
enum cnet_ip_check cnet_ip_hdr_check(const void *hdr, unsigned int avail,
				     unsigned int pkt_len)
{
	const struct iphdr *iph = hdr;
	unsigned int hlen, tot_len;

	if (avail < sizeof(*iph) || pkt_len < sizeof(*iph))
		return CNET_IP_SHORT;
	if (iph->version != 4)
		return CNET_IP_BAD_VERSION;
	hlen = iph->ihl * 4;
	if (iph->ihl < 5 || hlen > pkt_len)
		return CNET_IP_BAD_IHL;
	if (hlen > avail)
		return CNET_IP_SHORT;
	tot_len = ntohs(iph->tot_len);
	if (tot_len < hlen || tot_len > pkt_len)
		return CNET_IP_BAD_LEN;
	if (cnet_csum(iph, hlen))
		return CNET_IP_BAD_CSUM;
	return CNET_IP_OK;
}

/* A header with MF set or a non-zero offset is part of a fragmented datagram. */
bool cnet_ip_is_fragment(const struct iphdr *iph)
{
	return iph->frag_off & htons(CNET_IP_MF | CNET_IP_OFFSET);
}

/**
 * cnet_ip_hdr_build - write a 20-byte IPv4 header with its checksum
 * @iph: where to write it
 * @saddr: source address
 * @daddr: destination address
 * @proto: the transport protocol (IPPROTO_*)
 * @ttl: time to live
 * @tot_len: header plus payload, in bytes
 * @id: identification, network order
 *
 * Packets this host originates carry DF clear: cnet does not fragment yet,
 * so senders are limited to the path's first-hop MTU instead.
 */
void cnet_ip_hdr_build(struct iphdr *iph, __be32 saddr, __be32 daddr,
		       u8 proto, u8 ttl, u16 tot_len, __be16 id)
{
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = 0;
	iph->tot_len = htons(tot_len);
	iph->id = id;
	iph->frag_off = 0;
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->check = 0;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = cnet_csum(iph, sizeof(*iph));
}

/*
 * Source addresses no host may use (RFC 1122 3.2.1.3, RFC 1812 5.3.7):
 * multicast, limited broadcast, loopback (this host's own, never on a wire)
 * and the reserved class E.
 */
bool cnet_ip_martian_src(__be32 addr)
{
	u32 a = ntohl(addr);

	return (a >> 28) == 0xe ||	/* 224.0.0.0/4 multicast */
	       (a >> 28) == 0xf ||	/* 240.0.0.0/4, incl. broadcast */
	       (a >> 24) == 127;	/* 127.0.0.0/8 loopback */
}

/*
 * May @addr name one host on the network? Not when martian as a source,
 * nor in 0.0.0.0/8 ("this network", RFC 1122 3.2.1.3 (a), (b)). What a
 * router forwards to, a gateway, and the source an ICMP error may be sent
 * to must all be such an address.
 */
bool cnet_ip_is_host(__be32 addr)
{
	return (ntohl(addr) >> 24) != 0 && !cnet_ip_martian_src(addr);
}

/**
 * cnet_ifaddr_check - may @addr/@prefixlen be assigned to an interface?
 * @addr: the address
 * @prefixlen: its prefix length
 * @why: set to a message for the user when the answer is no
 *
 * Return: 0 or -EINVAL.
 */
int cnet_ifaddr_check(__be32 addr, u8 prefixlen, const char **why)
{
	u32 a = ntohl(addr);
	u32 host;

	if (prefixlen > 32) {
		*why = "prefix length must be 0..32";
		return -EINVAL;
	}
	if ((a >> 24) == 0) {
		*why = "0.0.0.0/8 is not a host address";
		return -EINVAL;
	}
	if ((a >> 24) == 127) {
		*why = "127.0.0.0/8 is loopback";
		return -EINVAL;
	}
	if ((a >> 28) >= 0xe) {
		*why = "multicast, reserved and broadcast addresses are not host addresses";
		return -EINVAL;
	}
	/* /31 (RFC 3021) and /32 have no broadcast address */
	if (prefixlen && prefixlen <= 30) {
		host = a & ~ntohl(cnet_prefix_mask(prefixlen));
		if (host == ~ntohl(cnet_prefix_mask(prefixlen))) {
			*why = "address is the subnet broadcast address";
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * cnet_arp_parse - parse an ARP packet for IPv4 over Ethernet
 * @data: the ARP header (the frame after the Ethernet header)
 * @len: bytes available at @data
 * @msg: filled when the result is CNET_ARP_OK
 */
enum cnet_arp_check cnet_arp_parse(const void *data, unsigned int len,
				   struct cnet_arp_msg *msg)
{
	const struct arphdr *ah = data;
	const u8 *p = data + sizeof(*ah);
	u16 op;

	if (len < CNET_ARP_LEN)
		return CNET_ARP_SHORT;
	if (ah->ar_hrd != htons(ARPHRD_ETHER) || ah->ar_pro != htons(ETH_P_IP) ||
	    ah->ar_hln != ETH_ALEN || ah->ar_pln != 4)
		return CNET_ARP_BAD_HDR;
	op = ntohs(ah->ar_op);
	if (op != ARPOP_REQUEST && op != ARPOP_REPLY)
		return CNET_ARP_BAD_HDR;

	msg->op = op;
	memcpy(msg->sha, p, ETH_ALEN);
	memcpy(&msg->sip, p + 6, 4);
	memcpy(msg->tha, p + 10, ETH_ALEN);
	memcpy(&msg->tip, p + 16, 4);
	return CNET_ARP_OK;
}

/* cnet_arp_build - write the 28 bytes of an Ethernet/IPv4 ARP packet */
void cnet_arp_build(void *data, const struct cnet_arp_msg *msg)
{
	struct arphdr *ah = data;
	u8 *p = data + sizeof(*ah);

	ah->ar_hrd = htons(ARPHRD_ETHER);
	ah->ar_pro = htons(ETH_P_IP);
	ah->ar_hln = ETH_ALEN;
	ah->ar_pln = 4;
	ah->ar_op = htons(msg->op);
	memcpy(p, msg->sha, ETH_ALEN);
	memcpy(p + 6, &msg->sip, 4);
	memcpy(p + 10, msg->tha, ETH_ALEN);
	memcpy(p + 16, &msg->tip, 4);
}

/**
 * cnet_ip_ttl_dec - decrement the TTL of a forwarded header
 * @iph: the header, with a valid checksum; the caller checked TTL > 1
 *
 * TTL and protocol share one 16-bit word of the checksum. Only that word
 * changes, so the checksum is updated incrementally: HC' = ~(~HC + ~m + m')
 * (RFC 1624 eqn 3), which never yields the 0xffff a recompute cannot give.
 */
void cnet_ip_ttl_dec(struct iphdr *iph)
{
	__be16 old = htons(iph->ttl << 8 | iph->protocol);

	iph->ttl--;
	csum_replace2(&iph->check, old, htons(iph->ttl << 8 | iph->protocol));
}

/*
 * ICMP types that report an error (RFC 792, RFC 1122 3.2.2): no error is
 * ever sent about one of them. Echo, timestamp, information and address
 * mask messages are queries, about which errors may be sent.
 */
bool cnet_icmp_type_is_error(u8 type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	default:
		return false;
	}
}

/**
 * cnet_icmp_error_allowed - may an ICMP error be sent about this packet?
 * @iph: its IPv4 header
 * @l4: the bytes after the header (read only for ICMP first fragments)
 * @l4len: how many of them there are
 * @l2_bcast: it came as a link-layer broadcast or multicast
 * @dst_bcast: its destination is a (subnet) broadcast address of ours
 *
 * RFC 1122 3.2.2 and RFC 1812 4.3.2.7: never about an ICMP error, a
 * datagram to a broadcast or multicast address or sent as a link-layer
 * broadcast, a non-initial fragment, or one whose source does not name a
 * single host. An ICMP packet whose type cannot be read counts as an error.
 */
enum cnet_icmp_err_verdict
cnet_icmp_error_allowed(const struct iphdr *iph, const void *l4,
			unsigned int l4len, bool l2_bcast, bool dst_bcast)
{
	u32 dst = ntohl(iph->daddr);

	if (!cnet_ip_is_host(iph->saddr))
		return CNET_ICMP_ERR_BAD_SRC;
	if ((dst >> 28) == 0xe)
		return CNET_ICMP_ERR_DST_MCAST;
	if (dst_bcast || dst == INADDR_BROADCAST)
		return CNET_ICMP_ERR_DST_BCAST;
	if (l2_bcast)
		return CNET_ICMP_ERR_L2_BCAST;
	if (iph->frag_off & htons(CNET_IP_OFFSET))
		return CNET_ICMP_ERR_FRAGMENT;
	if (iph->protocol == IPPROTO_ICMP &&
	    (l4len < 1 || cnet_icmp_type_is_error(*(const u8 *)l4)))
		return CNET_ICMP_ERR_IS_ERROR;
	return CNET_ICMP_ERR_OK;
}

/**
 * cnet_icmp_quote_len - how much of an offending packet an error quotes
 * @ihl_bytes: the length of its IPv4 header
 * @pkt_len: its length (from the IPv4 header on) as we have it
 *
 * As much as keeps the error, with its own 20-byte IPv4 header and 8-byte
 * ICMP header, within 576 bytes (RFC 1812 4.3.2.3), and at least the
 * header and 8 bytes of data (RFC 792) when the packet has them.
 */
unsigned int cnet_icmp_quote_len(unsigned int ihl_bytes, unsigned int pkt_len)
{
	unsigned int max = CNET_ICMP_ERR_MAX - sizeof(struct iphdr) -
			   sizeof(struct icmphdr);

	max = max(max, ihl_bytes + CNET_ICMP_QUOTE_MIN_DATA);
	return min(pkt_len, max);
}

/**
 * cnet_icmp_err_hdr_build - fill in an ICMP error header and its checksum
 * @icmph: the header, followed by @quote_len bytes of quote already there
 * @type: ICMP type
 * @code: ICMP code
 * @info: the 4 bytes after type, code and checksum, in network order, as
 *	icmp_send() takes them: 0 (unused), htonl(next-hop MTU) for
 *	fragmentation needed (RFC 1191), the gateway for a redirect,
 *	htonl(pointer << 24) for a parameter problem
 * @quote_len: bytes after the header covered by the checksum
 */
void cnet_icmp_err_hdr_build(struct icmphdr *icmph, u8 type, u8 code,
			     __be32 info, unsigned int quote_len)
{
	icmph->type = type;
	icmph->code = code;
	icmph->checksum = 0;
	icmph->un.gateway = info;
	icmph->checksum = cnet_csum(icmph, sizeof(*icmph) + quote_len);
}

/**
 * cnet_icmp_err_parse - parse an ICMP error and the header it quotes
 * @data: the ICMP message, from its header on
 * @len: bytes at @data
 * @e: filled when the answer is true
 *
 * The quote must hold a plausible IPv4 header (version 4, IHL >= 5) and
 * the 8 bytes after it (RFC 792): that is what tells whose packet it was.
 * Its checksum is not checked: routers quote what they got.
 *
 * Return: whether @data is a dest unreachable, source quench, redirect,
 * time exceeded or parameter problem with a usable quote.
 */
bool cnet_icmp_err_parse(const void *data, unsigned int len,
			 struct cnet_icmp_err *e)
{
	const struct icmphdr *icmph = data;
	const struct icmphdr *qicmp;
	const struct iphdr *qiph;
	unsigned int qhlen;

	if (len < sizeof(*icmph) + sizeof(*qiph) ||
	    !cnet_icmp_type_is_error(icmph->type))
		return false;
	qiph = data + sizeof(*icmph);
	qhlen = qiph->ihl * 4;
	if (qiph->version != 4 || qiph->ihl < 5 ||
	    len < sizeof(*icmph) + qhlen + CNET_ICMP_QUOTE_MIN_DATA)
		return false;

	e->type = icmph->type;
	e->code = icmph->code;
	e->info = icmph->un.gateway;
	e->saddr = qiph->saddr;
	e->daddr = qiph->daddr;
	e->proto = qiph->protocol;
	e->l4_off = sizeof(*icmph) + qhlen;
	qicmp = data + e->l4_off;
	e->echo = qiph->protocol == IPPROTO_ICMP &&
		  !(qiph->frag_off & htons(CNET_IP_OFFSET)) &&
		  qicmp->type == ICMP_ECHO && qicmp->code == 0;
	e->echo_id = e->echo ? qicmp->un.echo.id : 0;
	return true;
}

/*
 * errno for each destination unreachable code (RFC 792, RFC 1122 3.2.2.1,
 * RFC 1812 5.2.7.1), and whether it is a hard error: one that ends a
 * connection's hope (the numbers Linux reports too).
 */
static const struct {
	u8	err;
	bool	fatal;
} cnet_unreach_errno[] = {
	[ICMP_NET_UNREACH]	= { ENETUNREACH, true },
	[ICMP_HOST_UNREACH]	= { EHOSTUNREACH, true },
	[ICMP_PROT_UNREACH]	= { ENOPROTOOPT, true },
	[ICMP_PORT_UNREACH]	= { ECONNREFUSED, true },
	[ICMP_FRAG_NEEDED]	= { EMSGSIZE, false },
	[ICMP_SR_FAILED]	= { EOPNOTSUPP, false },
	[ICMP_NET_UNKNOWN]	= { ENETUNREACH, true },
	[ICMP_HOST_UNKNOWN]	= { EHOSTDOWN, true },
	[ICMP_HOST_ISOLATED]	= { ENONET, true },
	[ICMP_NET_ANO]		= { ENETUNREACH, true },
	[ICMP_HOST_ANO]		= { EHOSTUNREACH, true },
	[ICMP_NET_UNR_TOS]	= { ENETUNREACH, false },
	[ICMP_HOST_UNR_TOS]	= { EHOSTUNREACH, false },
	[ICMP_PKT_FILTERED]	= { EHOSTUNREACH, true },
	[ICMP_PREC_VIOLATION]	= { EHOSTUNREACH, true },
	[ICMP_PREC_CUTOFF]	= { EHOSTUNREACH, true },
};

/**
 * cnet_icmp_err_errno - the errno a socket sees for an ICMP error
 * @type: ICMP type
 * @code: ICMP code
 * @fatal: set to whether it is a hard error
 *
 * Return: a negative errno, or 0 for errors not reported to sockets
 * (source quench, deprecated by RFC 6633; redirects, which are for
 * routing; unknown codes).
 */
int cnet_icmp_err_errno(u8 type, u8 code, bool *fatal)
{
	*fatal = false;
	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code >= ARRAY_SIZE(cnet_unreach_errno))
			return 0;
		*fatal = cnet_unreach_errno[code].fatal;
		return -cnet_unreach_errno[code].err;
	case ICMP_TIME_EXCEEDED:
		return -EHOSTUNREACH;
	case ICMP_PARAMETERPROB:
		*fatal = true;
		return -EPROTO;
	default:
		return 0;
	}
}
