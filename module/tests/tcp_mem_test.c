// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for tcp_mem.h's decisions: the defaults Linux computes from
 * the memory size, and what a charge may do at each level, pressure
 * beginning above the pressure threshold and ending only below low
 * (hysteresis), the forced first charge over high.
 */
#include <kunit/test.h>

#include "../tcp_mem.h"

static void tcp_mem_defaults(struct kunit *test)
{
	u32 mem[CNET_TCP_MEM_MAX];

	/* 1 GiB of 4 KiB pages: 262144 / 16 = 16384 */
	cnet_tcp_mem_defaults(262144, mem);
	KUNIT_EXPECT_EQ(test, mem[CNET_TCP_MEM_LOW], 12288);
	KUNIT_EXPECT_EQ(test, mem[CNET_TCP_MEM_PRESSURE], 16384);
	KUNIT_EXPECT_EQ(test, mem[CNET_TCP_MEM_HIGH], 24576);
	/* a tiny machine: at least 128 pages */
	cnet_tcp_mem_defaults(100, mem);
	KUNIT_EXPECT_EQ(test, mem[CNET_TCP_MEM_LOW], 96);
	KUNIT_EXPECT_EQ(test, mem[CNET_TCP_MEM_PRESSURE], 128);
	KUNIT_EXPECT_EQ(test, mem[CNET_TCP_MEM_HIGH], 192);
	/* ordered, always */
	cnet_tcp_mem_defaults(~0UL, mem);
	KUNIT_EXPECT_LE(test, mem[CNET_TCP_MEM_LOW], mem[CNET_TCP_MEM_PRESSURE]);
	KUNIT_EXPECT_LE(test, mem[CNET_TCP_MEM_PRESSURE], mem[CNET_TCP_MEM_HIGH]);
}

struct mem_step {
	unsigned long	pages;
	bool		forced;
	int		verdict;
	bool		pressure;	/* after it */
};

/* low 10, pressure 20, high 30: up through the levels and back down */
static void tcp_mem_levels(struct kunit *test)
{
	static const u32 mem[CNET_TCP_MEM_MAX] = { 10, 20, 30 };
	static const struct mem_step steps[] = {
		{ 5,  false, CNET_TCP_MEM_OK,      false },
		{ 15, false, CNET_TCP_MEM_OK,      false },	/* between: no pressure yet */
		{ 20, false, CNET_TCP_MEM_OK,      false },
		{ 21, false, CNET_TCP_MEM_SQUEEZE, true },	/* pressure begins */
		{ 30, false, CNET_TCP_MEM_SQUEEZE, true },
		{ 31, false, CNET_TCP_MEM_REFUSE,  true },	/* over high */
		{ 31, true,  CNET_TCP_MEM_SQUEEZE, true },	/* a first charge still goes */
		{ 15, false, CNET_TCP_MEM_SQUEEZE, true },	/* stays until low */
		{ 11, false, CNET_TCP_MEM_SQUEEZE, true },
		{ 10, false, CNET_TCP_MEM_OK,      false },	/* pressure ends */
		{ 15, false, CNET_TCP_MEM_OK,      false },
		{ 40, false, CNET_TCP_MEM_REFUSE,  true },	/* straight over high */
		{ 0,  false, CNET_TCP_MEM_OK,      false },
	};
	bool pressure = false;
	unsigned int i;
	int v;

	for (i = 0; i < ARRAY_SIZE(steps); i++) {
		v = cnet_tcp_mem_decide(mem, steps[i].pages, &pressure,
					steps[i].forced);
		KUNIT_EXPECT_EQ_MSG(test, v, steps[i].verdict,
				    "step %u: %lu pages", i, steps[i].pages);
		KUNIT_EXPECT_EQ_MSG(test, pressure, steps[i].pressure,
				    "step %u: pressure", i);
	}
}

/* All three 0: everything over high but a socket's first charge */
static void tcp_mem_zero(struct kunit *test)
{
	static const u32 mem[CNET_TCP_MEM_MAX] = { 0, 0, 0 };
	bool pressure = false;

	KUNIT_EXPECT_EQ(test, (int)cnet_tcp_mem_decide(mem, 0, &pressure, false),
			CNET_TCP_MEM_OK);
	KUNIT_EXPECT_EQ(test, (int)cnet_tcp_mem_decide(mem, 1, &pressure, false),
			CNET_TCP_MEM_REFUSE);
	KUNIT_EXPECT_TRUE(test, pressure);
	KUNIT_EXPECT_EQ(test, (int)cnet_tcp_mem_decide(mem, 1, &pressure, true),
			CNET_TCP_MEM_SQUEEZE);
}

static struct kunit_case cnet_tcp_mem_cases[] = {
	KUNIT_CASE(tcp_mem_defaults),
	KUNIT_CASE(tcp_mem_levels),
	KUNIT_CASE(tcp_mem_zero),
	{}
};

static struct kunit_suite cnet_tcp_mem_suite = {
	.name = "cnet_tcp_mem",
	.test_cases = cnet_tcp_mem_cases,
};

kunit_test_suite(cnet_tcp_mem_suite);
