// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for TCP's large segments (tcp_gso.h): the size goal of a
 * send-queue skb at its boundaries (an MSS that does not divide it, the
 * device's segment limit, a small peer window, 64 KiB), the split point
 * the windows make, the segment count, and where a partial ACK cuts the
 * page fragments (in the middle of one, on a boundary, all of them).
 */
#include <kunit/test.h>

#include "../tcp_gso.h"

/* 65536 - 1 - 80 = 65455 bytes of payload at most */
static void goal_64k(struct kunit *test)
{
	/* 1448 does not divide 65455: 45 segments, 65160 bytes */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 65535, 0),
			45U * 1448);
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1460, 65536, 65535, 1 << 20),
			44U * 1460);
	/* a device announcing more than IPv4 carries is held to 64 KiB */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1460, 1 << 20, 65535, 0),
			44U * 1460);
	/* an MSS that divides it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(5, 65536, 65535, 0), 65455U);
	/* a goal of exactly k * mss, and one byte short of it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1000, 2081, 65535, 0), 2000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1000, 2080, 65535, 0), 1000U);
}

static void goal_segs_and_window(struct kunit *test)
{
	/* the device cuts at most 4 segments */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 4, 0), 4U * 1448);
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 1, 0), 1448U);
	/* 0 segments is taken as 1 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 0, 0), 1448U);
	/* half the peer's largest window: 20000 / 2 = 10000 -> 6 * 1448 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 65535, 20000),
			6U * 1448);
	/* a window of one segment or less: never below one MSS */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 65535, 1000),
			1448U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 65536, 65535, 2895),
			1448U);
	/* a device with a tiny GSO size, or none: one MSS */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 80, 65535, 0), 1448U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(1448, 0, 65535, 0), 1448U);
	/* a large MSS (lo): one segment */
	KUNIT_EXPECT_EQ(test, cnet_tcp_size_goal_of(65483, 65536, 65535, 0),
			65483U);
}

static void mss_for_window(struct kunit *test)
{
	u32 mss;

	/* no window seen yet, or a large one: the MSS */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 0), 1448U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 65535), 1448U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 2896), 1448U);
	/* a window of less than two segments: half of it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 2895), 1447U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 1000), 500U);
	/* lo's MSS and a 32 KiB window */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(65483, 32768), 16384U);
	/* up to 536, the whole window; never below the least segment */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 536), 536U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 537), 268U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(1448, 10), 48U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_window(20, 10), 20U);
	/* half a window: two segments fit where one MSS did not */
	mss = cnet_tcp_mss_for_window(1448, 1000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, mss, 1000, 64), 1000U);
}

static void send_len(struct kunit *test)
{
	/* all of it fits */
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 10000, 64), 10000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10500, 1000, 20000, 64), 10500U);
	/* whole segments of what the windows take; the tail waits */
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 9999, 64), 9000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10500, 1000, 10499, 64), 10000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 1000, 64), 1000U);
	/* not one segment fits: nothing (no silly window) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 999, 64), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 0, 64), 0U);
	/* a short skb goes whole or not at all */
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(500, 1000, 500, 64), 500U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(500, 1000, 499, 64), 0U);
	/* the device's segment limit (a lowered MSS re-cuts an old skb) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 20000, 3), 3000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(3000, 1000, 20000, 3), 3000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(3001, 1000, 20000, 3), 3000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_send_len(10000, 1000, 20000, 0), 1000U);
}

static void gso_segs(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_gso_segs(0, 1448), 1U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_gso_segs(1, 1448), 1U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_gso_segs(1448, 1448), 1U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_gso_segs(1449, 1448), 2U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_gso_segs(45 * 1448, 1448), 45U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_gso_segs(45 * 1448 + 1, 1448), 46U);
}

static void trim_at(struct kunit *test)
{
	static const u32 size[] = { 4096, 100, 32768 };
	u32 cut = 99;

	/* nothing acknowledged */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 3, 0, &cut), 0U);
	KUNIT_EXPECT_EQ(test, cut, 0U);
	/* in the middle of the first fragment */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 3, 1448, &cut), 0U);
	KUNIT_EXPECT_EQ(test, cut, 1448U);
	/* on a boundary: the first goes whole, the second is untouched */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 3, 4096, &cut), 1U);
	KUNIT_EXPECT_EQ(test, cut, 0U);
	/* in the middle of the last */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 3, 4096 + 100 + 1, &cut),
			2U);
	KUNIT_EXPECT_EQ(test, cut, 1U);
	/* the last byte but one */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 3, 4096 + 100 + 32767,
					       &cut), 2U);
	KUNIT_EXPECT_EQ(test, cut, 32767U);
	/* all of them */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 3, 4096 + 100 + 32768,
					       &cut), 3U);
	KUNIT_EXPECT_EQ(test, cut, 0U);
	/* no fragments at all */
	KUNIT_EXPECT_EQ(test, cnet_tcp_trim_at(size, 0, 0, &cut), 0U);
}

static struct kunit_case cnet_tcp_gso_cases[] = {
	KUNIT_CASE(goal_64k),
	KUNIT_CASE(goal_segs_and_window),
	KUNIT_CASE(mss_for_window),
	KUNIT_CASE(send_len),
	KUNIT_CASE(gso_segs),
	KUNIT_CASE(trim_at),
	{}
};

static struct kunit_suite cnet_tcp_gso_suite = {
	.name = "cnet_tcp_gso",
	.test_cases = cnet_tcp_gso_cases,
};

kunit_test_suite(cnet_tcp_gso_suite);
