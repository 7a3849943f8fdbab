// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure parts of route.c: the route cache (a cached
 * route is valid only for the destination and source it was looked up
 * for, at the routing generation it was looked up at; an empty cache is
 * never valid) and what is local (cnet_route_local()).
 */
#include <kunit/test.h>

#include "../cnet.h"

#define D1	htonl(0x0a000001)	/* 10.0.0.1 */
#define D2	htonl(0x0a000002)
#define S1	htonl(0xc0a80001)	/* 192.168.0.1 */

static const struct cnet_rt_res res1 = {
	.nexthop	= htonl(0x0a0000fe),
	.saddr		= htonl(0x0a000063),
	.type		= CNET_RT_UNICAST,
};

/* All zero is empty, even for generation 0 and addresses 0. */
static void cache_empty(struct kunit *test)
{
	struct cnet_route_cache rc = {};

	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 0, 0, 0));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 0, D1, 0));
}

static void cache_generation(struct kunit *test)
{
	struct cnet_route_cache rc = {};

	cnet_route_cache_set(&rc, 5, D1, 0, &res1);
	KUNIT_EXPECT_TRUE(test, cnet_route_cache_valid(&rc, 5, D1, 0));
	/* any other generation: routing changed since */
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 6, D1, 0));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 4, D1, 0));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 5 + (1U << 31),
							D1, 0));

	/* looked up again at the new generation: valid there only */
	cnet_route_cache_set(&rc, 6, D1, 0, &res1);
	KUNIT_EXPECT_TRUE(test, cnet_route_cache_valid(&rc, 6, D1, 0));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 5, D1, 0));
}

/* The generation is compared for equality: its wrap is no different. */
static void cache_generation_wrap(struct kunit *test)
{
	struct cnet_route_cache rc = {};

	cnet_route_cache_set(&rc, U32_MAX, D1, 0, &res1);
	KUNIT_EXPECT_TRUE(test, cnet_route_cache_valid(&rc, U32_MAX, D1, 0));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 0, D1, 0));
}

static void cache_key(struct kunit *test)
{
	struct cnet_route_cache rc = {};

	cnet_route_cache_set(&rc, 7, D1, S1, &res1);
	KUNIT_EXPECT_TRUE(test, cnet_route_cache_valid(&rc, 7, D1, S1));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 7, D2, S1));
	/* a source chosen by the route is not the one insisted on */
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 7, D1, 0));
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 7, D1,
							res1.saddr));
}

static void cache_reset_and_copy(struct kunit *test)
{
	struct cnet_route_cache rc = {};
	struct cnet_rt_res res = res1;

	cnet_route_cache_set(&rc, 1, D1, 0, &res);
	/* the cache holds a copy, not the caller's result */
	res.nexthop = 0;
	KUNIT_EXPECT_EQ(test, ntohl(rc.res.nexthop), ntohl(res1.nexthop));
	KUNIT_EXPECT_EQ(test, ntohl(rc.res.saddr), ntohl(res1.saddr));
	KUNIT_EXPECT_EQ(test, rc.res.type, res1.type);

	cnet_route_cache_reset(&rc);
	KUNIT_EXPECT_FALSE(test, cnet_route_cache_valid(&rc, 1, D1, 0));
}

#define LO	htonl(0x7f000001)	/* 127.0.0.1 */
#define LO2	htonl(0x7f010203)	/* 127.1.2.3 */
#define LO_BC	htonl(0x7fffffff)	/* 127.255.255.255 */

/* All of 127.0.0.0/8 is local, from 127.0.0.1 unless the sender insists. */
static void local_loopback(struct kunit *test)
{
	__be32 src = 0;

	KUNIT_EXPECT_EQ(test, cnet_route_local(LO, 0, false, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(LO));
	src = 0;
	KUNIT_EXPECT_EQ(test, cnet_route_local(LO2, 0, false, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(LO));
	src = 0;
	KUNIT_EXPECT_EQ(test, cnet_route_local(LO_BC, 0, false, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(LO));
	/* a bound source stays, loopback or one of the host's addresses */
	KUNIT_EXPECT_EQ(test, cnet_route_local(LO, LO2, false, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(LO2));
	KUNIT_EXPECT_EQ(test, cnet_route_local(LO2, D1, false, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(D1));
}

/* The host's own addresses are local, from themselves. */
static void local_own_address(struct kunit *test)
{
	__be32 src = 0;

	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, 0, true, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(D1));
	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, D2, true, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(D2));
	/* from loopback to an address of the host: still this host */
	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, LO, true, &src), 1);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(LO));
}

/* Anything else is the table's; a loopback source never leaves. */
static void local_not(struct kunit *test)
{
	__be32 src = S1;

	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, 0, false, &src), 0);
	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, S1, false, &src), 0);
	KUNIT_EXPECT_EQ(test, cnet_route_local(htonl(INADDR_BROADCAST), 0,
					       false, &src), 0);
	/* untouched when not local */
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(S1));
	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, LO, false, &src), -EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_route_local(D1, LO_BC, false, &src),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, cnet_route_local(htonl(INADDR_BROADCAST), LO2,
					       false, &src), -EINVAL);
	KUNIT_EXPECT_EQ(test, ntohl(src), ntohl(S1));
}

static struct kunit_case cnet_route_cases[] = {
	KUNIT_CASE(cache_empty),
	KUNIT_CASE(cache_generation),
	KUNIT_CASE(cache_generation_wrap),
	KUNIT_CASE(cache_key),
	KUNIT_CASE(cache_reset_and_copy),
	KUNIT_CASE(local_loopback),
	KUNIT_CASE(local_own_address),
	KUNIT_CASE(local_not),
	{}
};

static struct kunit_suite cnet_route_suite = {
	.name = "cnet_route",
	.test_cases = cnet_route_cases,
};

kunit_test_suite(cnet_route_suite);
