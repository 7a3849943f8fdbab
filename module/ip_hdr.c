// SPDX-License-Identifier: GPL-2.0
/*
 * Pure IPv4 header code: checks, building, the TTL, address classes and
 * the Internet checksum. See ip_hdr.h.
 */
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
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
 * @tos: type of service byte (IP_TOS)
 * @tot_len: header plus payload, in bytes
 * @id: identification, network order
 * @frag_off: flags and fragment offset, network order (DF for a packet
 *	that must not be fragmented; see cnet_ip_out_policy())
 */
void cnet_ip_hdr_build(struct iphdr *iph, __be32 saddr, __be32 daddr,
		       u8 proto, u8 ttl, u8 tos, u16 tot_len, __be16 id,
		       __be16 frag_off)
{
	iph->version = 4;
	iph->ihl = 5;
	iph->tos = tos;
	iph->tot_len = htons(tot_len);
	iph->id = id;
	iph->frag_off = frag_off;
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->check = 0;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = cnet_csum(iph, sizeof(*iph));
}

/* ---- output: path MTU discovery, fragmentation, identifiers ---- */

/**
 * cnet_ip_out_policy - the MTU and the DF flag of a datagram this host sends
 * @pmtudisc: the sender's IP_PMTUDISC_* (a flow's)
 * @len: the datagram's length, header included
 * @dev_mtu: the MTU of the device it leaves by
 * @path_mtu: the path MTU to its destination: the one learned (RFC 1191)
 *	if any, else @dev_mtu
 * @locked: the one learned was reported below CNET_PMTU_MIN
 * @out: the MTU to fit, DF, and whether to fragment here
 *
 * As Linux (ip_sk_use_pmtu(), ip_sk_ignore_df(), __ip_make_skb()):
 *
 *   value       fits            longer than that        DF
 *   DONT        the path MTU    fragmented here         never
 *   WANT        the path MTU    fragmented here         when it fits and
 *                                                       the path MTU is
 *                                                       not locked
 *   DO          the path MTU    -EMSGSIZE               always
 *   PROBE       the device MTU  -EMSGSIZE               always
 *   INTERFACE   the device MTU  -EMSGSIZE               never
 *   OMIT        the device MTU  fragmented here         never
 *
 * Return: 0, or -EMSGSIZE for a datagram that may not be fragmented.
 */
int cnet_ip_out_policy(u8 pmtudisc, unsigned int len, unsigned int dev_mtu,
		       unsigned int path_mtu, bool locked,
		       struct cnet_ip_out *out)
{
	bool may_frag;

	out->mtu = pmtudisc < IP_PMTUDISC_PROBE ? path_mtu : dev_mtu;
	may_frag = pmtudisc < IP_PMTUDISC_DO || pmtudisc == IP_PMTUDISC_OMIT;
	out->fragment = len > out->mtu;
	switch (pmtudisc) {
	case IP_PMTUDISC_DO:
	case IP_PMTUDISC_PROBE:
		out->df = true;
		break;
	case IP_PMTUDISC_WANT:
		out->df = !out->fragment && !locked;
		break;
	default:
		out->df = false;
		break;
	}
	return out->fragment && !may_frag ? -EMSGSIZE : 0;
}

/**
 * cnet_frag_plan - plan the fragments of a datagram (RFC 791 3.2)
 * @p: the plan
 * @mtu: the MTU each fragment must fit
 * @hlen: the datagram's header length, options included
 * @hlen_rest: the header length of the fragments after the first, which
 *	carry only the options whose copied flag is set
 *	(cnet_ip_opts_copied()); @hlen when there are no options
 * @len: the datagram's data bytes, after its header
 * @frag_off: the datagram's own flags and offset field, host order: a
 *	fragment forwarded onto a smaller link is fragmented again, its
 *	pieces at its offset on, the last with its MF
 *
 * Every fragment but the last carries a multiple of 8 data bytes, as
 * many as fit. A datagram that fits is one "fragment", itself.
 *
 * Return: 0, or -EINVAL when a header length is not one, or @mtu cannot
 * carry a header and 8 bytes (RFC 791: 68 always can), or the data would
 * end past the largest offset.
 */
int cnet_frag_plan(struct cnet_frag_plan *p, unsigned int mtu,
		   unsigned int hlen, unsigned int hlen_rest,
		   unsigned int len, u16 frag_off)
{
	memset(p, 0, sizeof(*p));
	if (hlen < sizeof(struct iphdr) || hlen > 60 || hlen % 4 ||
	    hlen_rest < sizeof(struct iphdr) || hlen_rest > hlen ||
	    hlen_rest % 4 || mtu < hlen + 8)
		return -EINVAL;
	p->offset = (frag_off & CNET_IP_OFFSET) * 8;
	if (p->offset + len > CNET_IP_MAX_MTU)
		return -EINVAL;
	p->hlen = hlen;
	p->hlen_rest = hlen_rest;
	p->len = len;
	p->more = frag_off & CNET_IP_MF;
	if (hlen + len <= mtu) {
		p->first = len;
		p->each = len;
		p->count = 1;
		return 0;
	}
	p->first = (mtu - hlen) & ~7U;
	p->each = (mtu - hlen_rest) & ~7U;
	p->count = 1 + DIV_ROUND_UP(len - p->first, p->each);
	return 0;
}

/**
 * cnet_frag_nth - fragment @i of a plan
 * @p: a plan cnet_frag_plan() made
 * @i: 0 to @p->count - 1
 * @f: where its data is and what its header says
 */
void cnet_frag_nth(const struct cnet_frag_plan *p, unsigned int i,
		   struct cnet_frag_piece *f)
{
	bool last = i + 1 >= p->count;

	if (!i) {
		f->data_off = 0;
		f->hlen = p->hlen;
		f->data_len = min(p->len, p->first);
	} else {
		f->data_off = p->first + (i - 1) * p->each;
		f->hlen = p->hlen_rest;
		f->data_len = min(p->each, p->len - f->data_off);
	}
	f->frag_off = (p->offset + f->data_off) >> 3;
	if (!last || p->more)
		f->frag_off |= CNET_IP_MF;
}

/**
 * cnet_ip_opts_copied - the options the fragments after the first carry
 * @opts: a datagram's options, after the 20-byte header
 * @len: their length, IHL * 4 - 20: a multiple of 4, 0 to 40
 * @out: room for @len bytes: the options whose copied flag (the type's
 *	high bit, RFC 791 3.1) is set, in order, padded with end-of-list to
 *	a multiple of 4
 *
 * No operation and end of list have the flag clear: they go. Reads
 * nothing outside @opts[0..@len), writes nothing outside @out[0..@len).
 *
 * Return: the length written to @out, or -EINVAL for a @len no header has
 * (the padding could then pass it) or malformed options (a length below
 * 2, or one that runs past the header).
 */
int cnet_ip_opts_copied(const u8 *opts, unsigned int len, u8 *out)
{
	unsigned int i = 0, n = 0, olen;

	if (len > 40 || len % 4)
		return -EINVAL;
	while (i < len) {
		if (opts[i] == IPOPT_END)
			break;
		if (opts[i] == IPOPT_NOOP) {
			i++;
			continue;
		}
		if (len - i < 2)
			return -EINVAL;
		olen = opts[i + 1];
		if (olen < 2 || olen > len - i)
			return -EINVAL;
		if (opts[i] & IPOPT_COPY) {
			memcpy(out + n, opts + i, olen);
			n += olen;
		}
		i += olen;
	}
	while (n % 4)
		out[n++] = IPOPT_END;
	return n;
}

/* The counter of @t that (@saddr, @daddr, @proto) uses. */
u32 cnet_ip_ident_bucket(const struct cnet_ip_idents *t, __be32 saddr,
			 __be32 daddr, u8 proto)
{
	return siphash_3u32((__force u32)saddr, (__force u32)daddr, proto,
			    &t->key) & (CNET_IP_IDENTS - 1);
}

/**
 * cnet_ip_ident_next - the identifier of the next datagram to a destination
 * @t: the counters, seeded at random, and their key
 * @saddr: the datagram's source
 * @daddr: its destination
 * @proto: its protocol
 * @segs: how many identifiers it uses (a GSO packet's segments), >= 1
 * @now: jiffies
 * @rand_below: a random number below its argument (get_random_u32_below())
 *
 * As Linux's ip_idents_reserve(): a counter used again at a later tick
 * first moves on by a random amount below the ticks it was idle, so that
 * how far it moved does not tell how much was sent meanwhile. Lockless:
 * concurrent senders each get their own identifiers.
 *
 * Return: the first identifier, host order.
 */
u16 cnet_ip_ident_next(struct cnet_ip_idents *t, __be32 saddr, __be32 daddr,
		       u8 proto, unsigned int segs, u32 now,
		       u32 (*rand_below)(u32 ceil))
{
	u32 b = cnet_ip_ident_bucket(t, saddr, daddr, proto);
	u32 old = READ_ONCE(t->stamps[b]);
	u32 delta = 0;

	if (old != now && cmpxchg(&t->stamps[b], old, now) == old)
		delta = rand_below(now - old);
	return atomic_add_return(segs + delta, &t->ids[b]) - segs;
}

/* Is a path MTU learned, and not yet forgotten? */
bool cnet_pmtu_valid(const struct cnet_pmtu_state *s, unsigned long now)
{
	return s->mtu && time_before(now, s->expires);
}

/**
 * cnet_pmtu_effective - the MTU of the path to a destination
 * @s: its entry
 * @dev_mtu: the MTU of the device its route leaves by
 * @now: jiffies
 * @locked: set when the path MTU was reported below CNET_PMTU_MIN
 *
 * Return: the path MTU learned while it holds, no more than @dev_mtu;
 * else @dev_mtu.
 */
unsigned int cnet_pmtu_effective(const struct cnet_pmtu_state *s,
				 unsigned int dev_mtu, unsigned long now,
				 bool *locked)
{
	*locked = false;
	if (!cnet_pmtu_valid(s, now))
		return dev_mtu;
	*locked = s->locked;
	return min_t(unsigned int, s->mtu, dev_mtu);
}

/**
 * cnet_pmtu_update - a fragmentation needed reported an MTU (RFC 1191)
 * @s: the destination's entry, all zero for a new one
 * @dev_mtu: the MTU of the device its route leaves by
 * @reported: the next-hop MTU the router reported (see cnet_pmtu_plateau()
 *	for one that reported none)
 * @now: jiffies
 * @expiry: how long a path MTU holds, in jiffies (CNET_PMTU_EXPIRES_SEC)
 *
 * As Linux's __ip_rt_update_pmtu(): the path MTU only goes down (it comes
 * back up when the entry expires); one below CNET_PMTU_MIN (a forged
 * error's way of making us send tiny fragments) is taken as
 * CNET_PMTU_MIN, or the current MTU when that is lower, and locks the
 * entry: DF is no longer asked for, and no report changes it until it
 * expires. The same MTU again extends the entry once half its life is
 * gone.
 *
 * Return: whether @s changed.
 */
bool cnet_pmtu_update(struct cnet_pmtu_state *s, unsigned int dev_mtu,
		      unsigned int reported, unsigned long now,
		      unsigned long expiry)
{
	bool valid = cnet_pmtu_valid(s, now);
	bool lock = false, locked;
	unsigned int old;

	if (valid && s->locked)
		return false;
	old = cnet_pmtu_effective(s, dev_mtu, now, &locked);
	if (old < reported)
		return false;
	if (reported < CNET_PMTU_MIN) {
		lock = true;
		reported = min_t(unsigned int, old, CNET_PMTU_MIN);
	}
	if (valid && s->mtu == reported && !lock &&
	    time_before(now, s->expires - expiry / 2))
		return false;
	s->mtu = reported;
	s->locked = lock;
	s->expires = now + expiry;
	return true;
}

/**
 * cnet_pmtu_plateau - guess the next-hop MTU a router did not report
 * @tot_len: the length of the datagram it refused (its quoted header's)
 *
 * An old router (RFC 792) sends fragmentation needed with the MTU field
 * 0: the next plateau of RFC 1191's table 7-1 below the datagram's length
 * is the guess.
 */
unsigned int cnet_pmtu_plateau(unsigned int tot_len)
{
	static const u16 plateaus[] = {
		32000, 17914, 8166, 4352, 2002, 1492, 1006, 508, 296,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(plateaus); i++)
		if (plateaus[i] < tot_len)
			return plateaus[i];
	return CNET_IP_MIN_MTU;
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
