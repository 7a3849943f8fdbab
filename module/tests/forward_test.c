// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for forwarding's verdict, cnet_fwd_decide() (forward_verdict.c):
 * every branch, the order of the checks, GRO aggregates against the MTU,
 * DF set and clear, when a redirect is sent.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <uapi/linux/icmp.h>

#include <linux/cnet.h>

#include "../forward_verdict.h"

#define A(a, b, c, d)	htonl((u32)(a) << 24 | (b) << 16 | (c) << 8 | (d))

/*
 * A packet from 10.0.1.5 to 10.0.2.7 that is forwarded: TTL 64, DF, 1000
 * bytes, by a unicast route via 10.0.3.1 on an up device of MTU 1500 that
 * is not the one it came in on (whose subnet its source is on, as is the
 * next hop's), without options.
 */
static struct cnet_fwd_facts good(void)
{
	return (struct cnet_fwd_facts){
		.forwarding	= true,
		.l2_host	= true,
		.saddr		= A(10, 0, 1, 5),
		.daddr		= A(10, 0, 2, 7),
		.ttl		= 64,
		.df		= true,
		.len		= 1000,
		.has_route	= true,
		.rt_type	= CNET_RT_UNICAST,
		.rt_gw		= A(10, 0, 3, 1),
		.out_up		= true,
		.mtu		= 1500,
		.src_on_in	= true,
		.nh_on_src_subnet = true,
	};
}

/* The verdict on @f is @action with counter @stat and no ICMP message. */
static void expect_plain(struct kunit *test, const struct cnet_fwd_facts *f,
			 enum cnet_fwd_action action, enum cnet_stat stat)
{
	struct cnet_fwd_verdict v;

	memset(&v, 0xa5, sizeof(v));
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(f, &v), action);
	KUNIT_EXPECT_EQ(test, v.stat, stat);
	KUNIT_EXPECT_EQ(test, v.icmp_type, 0);
	KUNIT_EXPECT_EQ(test, v.icmp_code, 0);
	KUNIT_EXPECT_EQ(test, (__force u32)v.icmp_info, 0);
}

static void expect_drop(struct kunit *test, const struct cnet_fwd_facts *f,
			enum cnet_stat stat)
{
	expect_plain(test, f, CNET_FWD_DROP, stat);
}

/* The verdict on @f is a drop counted in @stat with this ICMP error. */
static void expect_icmp(struct kunit *test, const struct cnet_fwd_facts *f,
			enum cnet_stat stat, u8 type, u8 code, __be32 info)
{
	struct cnet_fwd_verdict v;

	memset(&v, 0xa5, sizeof(v));
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(f, &v), CNET_FWD_DROP_ICMP);
	KUNIT_EXPECT_EQ(test, v.stat, stat);
	KUNIT_EXPECT_EQ(test, v.icmp_type, type);
	KUNIT_EXPECT_EQ(test, v.icmp_code, code);
	KUNIT_EXPECT_EQ(test, (__force u32)v.icmp_info, (__force u32)info);
}

static void expect_net_unreach(struct kunit *test,
			       const struct cnet_fwd_facts *f)
{
	expect_icmp(test, f, CNET_STAT_FWD_DROP_NO_ROUTE, ICMP_DEST_UNREACH,
		    ICMP_NET_UNREACH, 0);
}

/* Forwarded to @nexthop, without a redirect. */
static void expect_forward(struct kunit *test, const struct cnet_fwd_facts *f,
			   __be32 nexthop)
{
	struct cnet_fwd_verdict v;

	memset(&v, 0xa5, sizeof(v));
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(f, &v), CNET_FWD_FORWARD);
	KUNIT_EXPECT_EQ(test, v.stat, CNET_STAT_FWD_TX);
	KUNIT_EXPECT_EQ(test, (__force u32)v.nexthop, (__force u32)nexthop);
	KUNIT_EXPECT_EQ(test, v.icmp_type, 0);
	KUNIT_EXPECT_EQ(test, (__force u32)v.icmp_info, 0);
	KUNIT_EXPECT_EQ(test, v.frag_mtu, 0);
}

/* The verdict on @f is to forward it to @nexthop in fragments of @mtu. */
static void expect_fragment(struct kunit *test, const struct cnet_fwd_facts *f,
			    __be32 nexthop, unsigned int mtu)
{
	struct cnet_fwd_verdict v;

	memset(&v, 0xa5, sizeof(v));
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(f, &v), CNET_FWD_FORWARD);
	KUNIT_EXPECT_EQ(test, v.stat, CNET_STAT_FWD_TX);
	KUNIT_EXPECT_EQ(test, (__force u32)v.nexthop, (__force u32)nexthop);
	KUNIT_EXPECT_EQ(test, v.icmp_type, 0);
	KUNIT_EXPECT_EQ(test, (__force u32)v.icmp_info, 0);
	KUNIT_EXPECT_EQ(test, v.frag_mtu, mtu);
}

static void fwd_forward(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	expect_forward(test, &f, A(10, 0, 3, 1));
	/* an on-link route: to the destination itself */
	f.rt_gw = 0;
	expect_forward(test, &f, A(10, 0, 2, 7));
	/* TTL 2 leaves with 1 */
	f.ttl = 2;
	expect_forward(test, &f, A(10, 0, 2, 7));
	/* leaving by another device, the source's subnet does not matter */
	f.src_on_in = false;
	expect_forward(test, &f, A(10, 0, 2, 7));
}

static void fwd_off(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	f.forwarding = false;
	expect_drop(test, &f, CNET_STAT_IP_DROP_NOT_OURS);
	/* silently, whatever else is wrong too: no route, TTL 1 */
	f.has_route = false;
	f.ttl = 1;
	expect_drop(test, &f, CNET_STAT_IP_DROP_NOT_OURS);
}

static void fwd_l2bcast(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	f.l2_host = false;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_L2BCAST);
	/* before the route: no ICMP error for a link-layer broadcast */
	f.has_route = false;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_L2BCAST);
}

static void fwd_martian(struct kunit *test)
{
	static const u32 bad_dst[] = { 0, 0x00010203, 0x7f000001, 0xe0000001,
				       0xefffffff, 0xf0000001, 0xffffffff };
	struct cnet_fwd_facts f;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_dst); i++) {
		f = good();
		f.daddr = htonl(bad_dst[i]);
		expect_drop(test, &f, CNET_STAT_FWD_DROP_MARTIAN);
	}
	/* source 0.0.0.0 ("this host", RFC 1122 3.2.1.3 (a)) */
	f = good();
	f.saddr = 0;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_MARTIAN);
	/* before the route: no ICMP error */
	f.has_route = false;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_MARTIAN);
	/*
	 * but only 0.0.0.0 itself: ipv4_is_zeronet() is addr == 0, as
	 * Linux forwards from the rest of 0.0.0.0/8
	 */
	f = good();
	f.saddr = A(0, 1, 2, 3);
	expect_forward(test, &f, A(10, 0, 3, 1));
	/* the edges of the host range are forwarded */
	f = good();
	f.saddr = A(1, 0, 0, 0);
	f.daddr = A(223, 255, 255, 255);
	expect_forward(test, &f, A(10, 0, 3, 1));
}

static void fwd_no_route(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	f.has_route = false;
	expect_net_unreach(test, &f);
	/* TTL 1 and no route: net unreachable, not time exceeded */
	f.ttl = 1;
	expect_net_unreach(test, &f);
	/* nor fragmentation needed */
	f.len = 9000;
	expect_net_unreach(test, &f);
}

static void fwd_route_types(struct kunit *test)
{
	static const u8 silent[] = { CNET_RT_BLACKHOLE, CNET_RT_UNSPEC,
				     CNET_RT_LOCAL, CNET_RT_BROADCAST };
	struct cnet_fwd_facts f = good();
	unsigned int i;

	f.ttl = 1;	/* the route's type decides before the TTL */
	f.rt_type = CNET_RT_UNREACHABLE;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_UNREACHABLE,
		    ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	f.rt_type = CNET_RT_PROHIBIT;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_UNREACHABLE,
		    ICMP_DEST_UNREACH, ICMP_PKT_FILTERED, 0);
	/* blackhole, and any type a route to forward by cannot have */
	for (i = 0; i < ARRAY_SIZE(silent); i++) {
		f.rt_type = silent[i];
		expect_drop(test, &f, CNET_STAT_FWD_DROP_BLACKHOLE);
	}
	/* the device does not matter for a route without one */
	f.out_up = false;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_BLACKHOLE);
}

static void fwd_dev_down(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	f.out_up = false;
	expect_net_unreach(test, &f);
	/* before the TTL and the directed broadcast */
	f.ttl = 1;
	f.rt_gw = 0;
	f.out_bcast = true;
	expect_net_unreach(test, &f);
}

static void fwd_directed_bcast(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	f.rt_gw = 0;
	f.out_bcast = true;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_BCAST);
	/* silently, before the TTL */
	f.ttl = 1;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_BCAST);
	/* via a gateway: the broadcast is the gateway's business */
	f = good();
	f.out_bcast = true;
	expect_forward(test, &f, A(10, 0, 3, 1));
}

static void fwd_ttl(struct kunit *test)
{
	struct cnet_fwd_facts f = good();
	unsigned int ttl;

	for (ttl = 0; ttl <= 1; ttl++) {
		f.ttl = ttl;
		expect_icmp(test, &f, CNET_STAT_FWD_DROP_TTL,
			    ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
	}
	/* before the MTU: time exceeded, not fragmentation needed */
	f.len = 9000;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TTL, ICMP_TIME_EXCEEDED,
		    ICMP_EXC_TTL, 0);
	/* and not redirected */
	f.len = 1000;
	f.out_is_in = true;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TTL, ICMP_TIME_EXCEEDED,
		    ICMP_EXC_TTL, 0);
	f.ttl = 255;
	f.out_is_in = false;
	expect_forward(test, &f, A(10, 0, 3, 1));
}

static void fwd_mtu(struct kunit *test)
{
	struct cnet_fwd_facts f = good();
	struct cnet_fwd_verdict v;

	/* exactly the MTU fits */
	f.len = 1500;
	expect_forward(test, &f, A(10, 0, 3, 1));
	/* one more: DF set, fragmentation needed with the next-hop MTU */
	f.len = 1501;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TOO_BIG, ICMP_DEST_UNREACH,
		    ICMP_FRAG_NEEDED, htonl(1500));
	f.mtu = 1280;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TOO_BIG, ICMP_DEST_UNREACH,
		    ICMP_FRAG_NEEDED, htonl(1280));
	/* DF clear: forwarded in fragments of the next-hop MTU */
	f.df = false;
	expect_fragment(test, &f, A(10, 0, 3, 1), 1280);
	/* the smallest MTU there is */
	f.mtu = 68;
	expect_fragment(test, &f, A(10, 0, 3, 1), 68);
	/* one that fits is not fragmented, DF or not */
	f.len = 68;
	expect_forward(test, &f, A(10, 0, 3, 1));
	f.len = 69;
	f.mtu = 1280;
	expect_forward(test, &f, A(10, 0, 3, 1));
	/* too big with DF clear and back out the way it came: as Linux, a
	 * redirect, and the packet goes on in fragments
	 */
	f.len = 1501;
	f.out_is_in = true;
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(&f, &v), CNET_FWD_REDIRECT);
	KUNIT_EXPECT_EQ(test, v.frag_mtu, 1280);
	/* DF set and back out the way it came: frag needed, no redirect */
	f.df = true;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TOO_BIG, ICMP_DEST_UNREACH,
		    ICMP_FRAG_NEEDED, htonl(1280));
}

static void fwd_gro(struct kunit *test)
{
	struct cnet_fwd_facts f = good();

	/* a GRO aggregate longer than the MTU whose segments fit */
	f.len = 64000;
	f.gso_fits = true;
	expect_forward(test, &f, A(10, 0, 3, 1));
	f.df = false;
	expect_forward(test, &f, A(10, 0, 3, 1));
	/* segments that do not fit, DF clear: segmented, then fragmented */
	f.gso_fits = false;
	expect_fragment(test, &f, A(10, 0, 3, 1), 1500);
	f.df = true;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TOO_BIG, ICMP_DEST_UNREACH,
		    ICMP_FRAG_NEEDED, htonl(1500));
}

static void fwd_redirect(struct kunit *test)
{
	struct cnet_fwd_facts f = good();
	struct cnet_fwd_verdict v;

	/* back out the device it came in on, from a host of its subnet */
	f.out_is_in = true;
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(&f, &v), CNET_FWD_REDIRECT);
	KUNIT_EXPECT_EQ(test, v.stat, CNET_STAT_FWD_REDIRECT);
	KUNIT_EXPECT_EQ(test, v.icmp_type, ICMP_REDIRECT);
	KUNIT_EXPECT_EQ(test, v.icmp_code, ICMP_REDIR_HOST);
	/* to the next hop it should have used: the gateway ... */
	KUNIT_EXPECT_EQ(test, ntohl(v.icmp_info), 0x0a000301);
	KUNIT_EXPECT_EQ(test, ntohl(v.nexthop), 0x0a000301);
	/* ... or the destination itself */
	f.rt_gw = 0;
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(&f, &v), CNET_FWD_REDIRECT);
	KUNIT_EXPECT_EQ(test, ntohl(v.icmp_info), 0x0a000207);
	KUNIT_EXPECT_EQ(test, ntohl(v.nexthop), 0x0a000207);

	/* a source not on the subnet: no redirect (RFC 1812 5.2.7.2) */
	f.src_on_in = false;
	expect_forward(test, &f, A(10, 0, 2, 7));
	/* another device: none either */
	f = good();
	f.out_is_in = false;
	f.src_on_in = true;
	expect_forward(test, &f, A(10, 0, 3, 1));
}

/*
 * RFC 1812 5.2.7.2: no redirect unless the source and the next hop share a
 * subnet, nor for a source-routed packet; it is forwarded all the same.
 */
static void fwd_redirect_rfc1812(struct kunit *test)
{
	struct cnet_fwd_facts f = good();
	struct cnet_fwd_verdict v;

	f.out_is_in = true;
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(&f, &v), CNET_FWD_REDIRECT);
	/* the gateway is on another subnet of the device than the source */
	f.nh_on_src_subnet = false;
	expect_forward(test, &f, A(10, 0, 3, 1));
	/* the same for an on-link destination */
	f.rt_gw = 0;
	expect_forward(test, &f, A(10, 0, 2, 7));
	/* a loose or strict source route (or options past telling) */
	f = good();
	f.out_is_in = true;
	f.src_route = true;
	expect_forward(test, &f, A(10, 0, 3, 1));
	f.rt_gw = 0;
	expect_forward(test, &f, A(10, 0, 2, 7));
	/* neither fact matters when it leaves by another device */
	f = good();
	f.nh_on_src_subnet = false;
	f.src_route = true;
	expect_forward(test, &f, A(10, 0, 3, 1));
	/* and neither comes before the checks that drop */
	f.out_is_in = true;
	f.ttl = 1;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TTL, ICMP_TIME_EXCEEDED,
		    ICMP_EXC_TTL, 0);
}

/*
 * The order of the checks: start from facts that fail every one, then
 * mend them one at a time; each step's verdict is the next check's.
 */
static void fwd_order(struct kunit *test)
{
	struct cnet_fwd_facts f = {
		.forwarding	= false,
		.l2_host	= false,
		.saddr		= A(10, 0, 1, 5),
		.daddr		= A(224, 0, 0, 1),
		.ttl		= 1,
		.df		= true,
		.len		= 1501,
		.has_route	= false,
		.rt_type	= CNET_RT_UNREACHABLE,
		.rt_gw		= 0,
		.out_up		= false,
		.out_bcast	= true,
		.mtu		= 1500,
		.out_is_in	= true,
		.src_on_in	= true,
		.nh_on_src_subnet = true,
	};
	struct cnet_fwd_verdict v;

	expect_drop(test, &f, CNET_STAT_IP_DROP_NOT_OURS);
	f.forwarding = true;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_L2BCAST);
	f.l2_host = true;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_MARTIAN);
	f.daddr = A(10, 0, 2, 255);
	expect_net_unreach(test, &f);
	f.has_route = true;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_UNREACHABLE,
		    ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
	f.rt_type = CNET_RT_UNICAST;
	expect_net_unreach(test, &f);
	f.out_up = true;
	expect_drop(test, &f, CNET_STAT_FWD_DROP_BCAST);
	f.out_bcast = false;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TTL, ICMP_TIME_EXCEEDED,
		    ICMP_EXC_TTL, 0);
	f.ttl = 64;
	expect_icmp(test, &f, CNET_STAT_FWD_DROP_TOO_BIG, ICMP_DEST_UNREACH,
		    ICMP_FRAG_NEEDED, htonl(1500));
	f.len = 1500;
	KUNIT_EXPECT_EQ(test, cnet_fwd_decide(&f, &v), CNET_FWD_REDIRECT);
	f.src_on_in = false;
	expect_forward(test, &f, A(10, 0, 2, 255));
}

static struct kunit_case cnet_forward_cases[] = {
	KUNIT_CASE(fwd_forward),
	KUNIT_CASE(fwd_off),
	KUNIT_CASE(fwd_l2bcast),
	KUNIT_CASE(fwd_martian),
	KUNIT_CASE(fwd_no_route),
	KUNIT_CASE(fwd_route_types),
	KUNIT_CASE(fwd_dev_down),
	KUNIT_CASE(fwd_directed_bcast),
	KUNIT_CASE(fwd_ttl),
	KUNIT_CASE(fwd_mtu),
	KUNIT_CASE(fwd_gro),
	KUNIT_CASE(fwd_redirect),
	KUNIT_CASE(fwd_redirect_rfc1812),
	KUNIT_CASE(fwd_order),
	{}
};

static struct kunit_suite cnet_forward_suite = {
	.name = "cnet_forward",
	.test_cases = cnet_forward_cases,
};

kunit_test_suite(cnet_forward_suite);
