// SPDX-License-Identifier: GPL-2.0
/*
 * Pure ICMP code: whether an error may be sent, building one, parsing a
 * received one and the errno it means to a socket. See icmp_hdr.h.
 */
#include <linux/array_size.h>
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/minmax.h>

#include "icmp_hdr.h"

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
 * single host (127.0.0.0/8 does: this one, by lo). An ICMP packet whose
 * type cannot be read counts as an error.
 */
enum cnet_icmp_err_verdict
cnet_icmp_error_allowed(const struct iphdr *iph, const void *l4,
			unsigned int l4len, bool l2_bcast, bool dst_bcast)
{
	u32 dst = ntohl(iph->daddr);

	/* 127.0.0.0/8 is this host, which only lo carries: answered */
	if (!cnet_ip_is_host(iph->saddr) && !cnet_ip_is_loopback(iph->saddr))
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
