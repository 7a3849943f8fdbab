// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding's decisions (RFC 1812 5.2.1, 5.3), pure. See
 * forward_verdict.h; forward.c carries them out.
 */
#include <linux/in.h>
#include <linux/string.h>
#include <uapi/linux/icmp.h>

#include <linux/cnet.h>

#include "forward_verdict.h"
#include "ip_hdr.h"

static enum cnet_fwd_action cnet_fwd_drop(struct cnet_fwd_verdict *v,
					  enum cnet_stat why)
{
	v->stat = why;
	return CNET_FWD_DROP;
}

static enum cnet_fwd_action cnet_fwd_icmp(struct cnet_fwd_verdict *v,
					  enum cnet_stat why, u8 type,
					  u8 code, __be32 info)
{
	v->stat = why;
	v->icmp_type = type;
	v->icmp_code = code;
	v->icmp_info = info;
	return CNET_FWD_DROP_ICMP;
}

/**
 * cnet_fwd_decide - what to do with a packet that is not for this host
 * @f: the facts about it, its route and the device that route leaves by
 * @v: filled with the details: the counter, the ICMP message, the next hop
 *
 * The checks, in order; the first that fails decides:
 *
 *   forwarding off                      drop silently (ip_drop_not_ours)
 *   link-layer broadcast (RFC 1812 5.3.4)           drop
 *   a martian destination, or source 0.0.0.0 (RFC 1812 5.3.7, 4.2.3.1)
 *                                       drop
 *   no route                            ICMP net unreachable
 *   unreachable, prohibit route         ICMP host unreachable,
 *                                       administratively prohibited
 *                                       (RFC 1812 5.2.7.1)
 *   blackhole (any other type)          drop silently
 *   the route's device gone or down     ICMP net unreachable
 *   a directed broadcast of an on-link route's subnet   drop (as Linux's
 *                                       bc_forwarding=0)
 *   TTL <= 1                            ICMP time exceeded
 *   longer than the MTU (a GRO aggregate: any of its segments), DF set
 *                                       ICMP fragmentation needed with
 *                                       the MTU (RFC 1191)
 *
 * A packet that passes them all is forwarded, after a host redirect to the
 * next hop when RFC 1812 5.2.7.2 allows one (as Linux): it leaves by the
 * device it came in on, its source is on a subnet of that device, the
 * next hop is on the same subnet as the source, and it carries no source
 * route option. One longer than the MTU with DF clear is fragmented to
 * fit it (RFC 791 3.2, RFC 1812 5.2.6): @v->frag_mtu says so.
 *
 * Return: the action; @v says with what.
 */
enum cnet_fwd_action cnet_fwd_decide(const struct cnet_fwd_facts *f,
				     struct cnet_fwd_verdict *v)
{
	memset(v, 0, sizeof(*v));

	if (!f->forwarding)
		return cnet_fwd_drop(v, CNET_STAT_IP_DROP_NOT_OURS);
	if (!f->l2_host)
		return cnet_fwd_drop(v, CNET_STAT_FWD_DROP_L2BCAST);
	if (!cnet_ip_is_host(f->daddr) || ipv4_is_zeronet(f->saddr))
		return cnet_fwd_drop(v, CNET_STAT_FWD_DROP_MARTIAN);

	if (!f->has_route)
		return cnet_fwd_icmp(v, CNET_STAT_FWD_DROP_NO_ROUTE,
				     ICMP_DEST_UNREACH, ICMP_NET_UNREACH, 0);
	switch (f->rt_type) {
	case CNET_RT_UNICAST:
		break;
	case CNET_RT_UNREACHABLE:
		return cnet_fwd_icmp(v, CNET_STAT_FWD_DROP_UNREACHABLE,
				     ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	case CNET_RT_PROHIBIT:
		return cnet_fwd_icmp(v, CNET_STAT_FWD_DROP_UNREACHABLE,
				     ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	default:
		return cnet_fwd_drop(v, CNET_STAT_FWD_DROP_BLACKHOLE);
	}

	if (!f->out_up)
		return cnet_fwd_icmp(v, CNET_STAT_FWD_DROP_NO_ROUTE,
				     ICMP_DEST_UNREACH, ICMP_NET_UNREACH, 0);
	if (!f->rt_gw && f->out_bcast)
		return cnet_fwd_drop(v, CNET_STAT_FWD_DROP_BCAST);
	if (f->ttl <= 1)
		return cnet_fwd_icmp(v, CNET_STAT_FWD_DROP_TTL,
				     ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
	if (f->len > f->mtu && !f->gso_fits) {
		if (f->df)
			return cnet_fwd_icmp(v, CNET_STAT_FWD_DROP_TOO_BIG,
					     ICMP_DEST_UNREACH,
					     ICMP_FRAG_NEEDED, htonl(f->mtu));
		v->frag_mtu = f->mtu;
	}

	v->nexthop = f->rt_gw ?: f->daddr;
	if (f->out_is_in && f->src_on_in && f->nh_on_src_subnet &&
	    !f->src_route) {
		v->stat = CNET_STAT_FWD_REDIRECT;
		v->icmp_type = ICMP_REDIRECT;
		v->icmp_code = ICMP_REDIR_HOST;
		v->icmp_info = v->nexthop;
		return CNET_FWD_REDIRECT;
	}
	v->stat = CNET_STAT_FWD_TX;
	return CNET_FWD_FORWARD;
}
