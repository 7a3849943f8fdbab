// SPDX-License-Identifier: GPL-2.0
/*
 * Pure IPv4 header code: checks, building, the TTL, address classes and
 * the Internet checksum. See ip_hdr.h.
 */
#include <linux/errno.h>
#include <linux/in.h>
#include <net/checksum.h>

#include "ip_hdr.h"

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
 * cnet_ip_martian_rx - is the source of a received packet impossible?
 * @saddr: its source address
 * @daddr: its destination address
 *
 * The address-only part of input's check, as Linux's ip_route_input_slow():
 * a martian source (cnet_ip_martian_src()), or 0.0.0.0 to anything but the
 * limited broadcast. A host that does not know its address yet sends from
 * 0.0.0.0 to 255.255.255.255 (RFC 1122 3.2.1.3 (a); a DHCP client, RFC
 * 2131 4.1); it has no business sending from it to anyone in particular.
 * The rest of 0.0.0.0/8 is let in, as Linux does (but this host does not
 * answer it: cnet_ip_dst_check()). The caller adds what needs the
 * namespace: our own addresses, the receiving device's subnet broadcasts.
 */
bool cnet_ip_martian_rx(__be32 saddr, __be32 daddr)
{
	if (cnet_ip_martian_src(saddr))
		return true;
	return !saddr && daddr != htonl(INADDR_BROADCAST);
}

/**
 * cnet_ip_dst_check - may this host send to @daddr?
 * @daddr: the destination of a packet this host originates
 *
 * Destinations no route may send to, whatever the table says:
 *
 *   0.0.0.0/8     -EINVAL: "this network" is never a destination (RFC 1122
 *                 3.2.1.3 (a), (b)); Linux's __mkroute_output() refuses
 *                 0.0.0.0/8 so. (Linux sends to 0.0.0.0 itself as to
 *                 127.0.0.1, rewriting the destination; cnet does not.)
 *   224.0.0.0/4   -ENETUNREACH: cnet has no multicast yet; Linux says so
 *                 when no route covers the group.
 *
 * 127.0.0.0/8 is this host's, by lo (route.c); the limited broadcast and
 * the reserved 240.0.0.0/4 are the routing code's business too. Return: 0
 * or the negative errno for the sender.
 */
int cnet_ip_dst_check(__be32 daddr)
{
	u32 a = ntohl(daddr);

	if ((a >> 24) == 0)
		return -EINVAL;
	if ((a >> 28) == 0xe)
		return -ENETUNREACH;
	return 0;
}

/**
 * cnet_ip_src_check - may a sender insist on @saddr as its source?
 * @saddr: the source a bound socket gives, not 0
 * @ours: @saddr is a usable address of the namespace (not deleted, not
 *	tentative, not failed by duplicate address detection)
 *
 * As Linux's ip_route_output_key_hash_rcu(): an address no host may have
 * is -EINVAL; one that is not (or no longer) ours is -ENETUNREACH, so that
 * a socket bound to a deleted address does not send with it. 127.0.0.0/8
 * is this host's own (lo): a source, though only towards this host
 * (cnet_route_local()).
 *
 * Return: 0 or the negative errno for the sender.
 */
int cnet_ip_src_check(__be32 saddr, bool ours)
{
	if (!cnet_ip_is_host(saddr) && !cnet_ip_is_loopback(saddr))
		return -EINVAL;
	return ours ? 0 : -ENETUNREACH;
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
 * cnet_ip_opts_srr - does an options field carry a source route?
 * @opts: the options, after the 20-byte header
 * @len: their length, IHL * 4 - 20 (0 to 40)
 *
 * Walks the options (RFC 791 3.1): end of list (type 0) ends the walk, no
 * operation (1) is one byte, any other option is type, length (counting
 * both, at least 2) and data. Reads nothing outside @opts[0..@len).
 *
 * Return: 1 if a loose (131) or strict (137) source route is there, 0 if
 * not, -EINVAL if the options are malformed (a length below 2, or one
 * that runs past the header) before either is found.
 */
int cnet_ip_opts_srr(const u8 *opts, unsigned int len)
{
	unsigned int i = 0, olen;

	while (i < len) {
		if (opts[i] == IPOPT_END)
			return 0;
		if (opts[i] == IPOPT_NOOP) {
			i++;
			continue;
		}
		if (len - i < 2)
			return -EINVAL;
		olen = opts[i + 1];
		if (olen < 2 || olen > len - i)
			return -EINVAL;
		if (opts[i] == IPOPT_LSRR || opts[i] == IPOPT_SSRR)
			return 1;
		i += olen;
	}
	return 0;
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
