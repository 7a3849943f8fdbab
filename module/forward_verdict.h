/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Forwarding's decisions as one pure function: from the facts about a
 * packet, its route and the device the route leaves by, what to do with
 * it. forward.c gathers the facts and carries the verdict out; KUnit tests
 * every branch and the order of the checks (tests/forward_test.c).
 */
#ifndef _CNET_FORWARD_VERDICT_H
#define _CNET_FORWARD_VERDICT_H

#include <linux/types.h>

#include "stats.h"

/**
 * struct cnet_fwd_facts - what forwarding decides from
 * @forwarding: the namespace forwards (`cnet forwarding on`)
 * @l2_host: the frame came to our link-layer address (PACKET_HOST), not
 *	as a link-layer broadcast or multicast
 * @saddr: the packet's source address
 * @daddr: its destination address
 * @ttl: its time to live
 * @df: its "don't fragment" flag is set
 * @len: its length from the IPv4 header on
 * @gso_fits: it is a GRO aggregate whose every segment fits @mtu
 * @has_route: a route to @daddr was found
 * @rt_type: that route's type (CNET_RT_*)
 * @rt_gw: its gateway, 0 when @daddr is on-link
 * @out_up: a unicast route's device exists and is up
 * @out_bcast: @daddr is a broadcast address of that device
 * @mtu: that device's MTU
 * @out_is_in: that device is the one the packet came in on
 * @src_on_in: @saddr is on a subnet of the device it came in on
 * @nh_on_src_subnet: the next hop (@rt_gw, else @daddr) is on the same
 *	subnet of that device as @saddr
 * @src_route: the packet carries a source route option (LSRR or SSRR),
 *	or options too malformed to tell
 *
 * The route's and the device's facts mean something only when there is
 * such a route and device; the decision reads them only then.
 */
struct cnet_fwd_facts {
	bool		forwarding;
	bool		l2_host;
	__be32		saddr;
	__be32		daddr;
	u8		ttl;
	bool		df;
	unsigned int	len;
	bool		gso_fits;
	bool		has_route;
	u8		rt_type;
	__be32		rt_gw;
	bool		out_up;
	bool		out_bcast;
	unsigned int	mtu;
	bool		out_is_in;
	bool		src_on_in;
	bool		nh_on_src_subnet;
	bool		src_route;
};

/* What to do with a packet that is not for this host */
enum cnet_fwd_action {
	CNET_FWD_FORWARD,	/* send it on to the next hop */
	CNET_FWD_REDIRECT,	/* the same, after an ICMP redirect */
	CNET_FWD_DROP,		/* drop it silently */
	CNET_FWD_DROP_ICMP,	/* drop it with an ICMP error */
};

/**
 * struct cnet_fwd_verdict - the details of a cnet_fwd_action
 * @stat: the counter: the reason for a drop, CNET_STAT_FWD_REDIRECT for a
 *	redirect, CNET_STAT_FWD_TX for a plain forward (counted once the
 *	packet has gone)
 * @icmp_type: the ICMP error's or the redirect's type ...
 * @icmp_code: ... code ...
 * @icmp_info: ... and the 4 bytes after its checksum, as
 *	cnet_icmp_send_error() takes them
 * @nexthop: where a forwarded packet goes: the gateway, or the destination
 * @frag_mtu: a forwarded packet longer than the next link's MTU, with DF
 *	clear, is fragmented to fit this MTU; 0 when it fits as it is
 */
struct cnet_fwd_verdict {
	enum cnet_stat	stat;
	u8		icmp_type;
	u8		icmp_code;
	__be32		icmp_info;
	__be32		nexthop;
	unsigned int	frag_mtu;
};

enum cnet_fwd_action cnet_fwd_decide(const struct cnet_fwd_facts *f,
				     struct cnet_fwd_verdict *v);

#endif /* _CNET_FORWARD_VERDICT_H */
