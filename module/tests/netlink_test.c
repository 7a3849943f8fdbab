// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for netlink input validation (the family's attribute policy,
 * applied strictly as genetlink does) and for the counters' encoding.
 */
#include <kunit/test.h>
#include <linux/ctype.h>
#include <net/netlink.h>

#include "../cnet.h"
#include "../netlink.h"

/* @tb is CNET_A_MAX + 1 pointers, too many for a test's stack frame */
struct nl_case {
	struct sk_buff *skb;
	struct nlattr **tb;
};

static void nl_free_skb(void *skb)
{
	kfree_skb(skb);
}

/* A fresh message buffer and attribute table, freed when the test ends. */
static void nl_init(struct kunit *test, struct nl_case *c)
{
	c->tb = kunit_kcalloc(test, CNET_A_MAX + 1, sizeof(*c->tb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->tb);
	c->skb = alloc_skb(1024, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->skb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, nl_free_skb,
							c->skb), 0);
}

/* Parse the attributes strictly, as genetlink does for this family. */
static int nl_parse(struct nl_case *c)
{
	return nla_parse(c->tb, CNET_A_MAX, (struct nlattr *)c->skb->data,
			 c->skb->len, cnet_nl_policy, NULL);
}

static void policy_accepts_valid(struct kunit *test)
{
	struct nl_case c;

	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_IFINDEX, 2);
	nla_put_string(c.skb, CNET_A_IFNAME, "veth0");
	nla_put_in_addr(c.skb, CNET_A_ADDR, htonl(0x0a000101));
	nla_put_u8(c.skb, CNET_A_PREFIXLEN, 32);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u8(c.tb[CNET_A_PREFIXLEN]), 32);
}

static void policy_prefixlen(struct kunit *test)
{
	struct nl_case c;

	nl_init(test, &c);
	nla_put_u8(c.skb, CNET_A_PREFIXLEN, 33);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -ERANGE);

	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_PREFIXLEN, 24);	/* wrong size */
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -EINVAL);
}

static void policy_ifindex(struct kunit *test)
{
	struct nl_case c;

	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_IFINDEX, 0);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -ERANGE);

	nl_init(test, &c);
	nla_put_u8(c.skb, CNET_A_IFINDEX, 1);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -EINVAL);
}

static void policy_ifname(struct kunit *test)
{
	struct nl_case c;

	nl_init(test, &c);
	nla_put_string(c.skb, CNET_A_IFNAME, "0123456789abcdef");	/* 16 */
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -ERANGE);

	nl_init(test, &c);
	nla_put_string(c.skb, CNET_A_IFNAME, "0123456789abcde");	/* 15 */
	KUNIT_EXPECT_EQ(test, nl_parse(&c), 0);
}

static void policy_addr(struct kunit *test)
{
	struct nl_case c;

	nl_init(test, &c);
	nla_put_u16(c.skb, CNET_A_ADDR, 1);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -EINVAL);

	nl_init(test, &c);
	nla_put_u64_64bit(c.skb, CNET_A_ADDR, 1, CNET_A_PAD);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -EINVAL);
}

static void policy_unknown_attr(struct kunit *test)
{
	struct nl_case c;

	/* strict parsing rejects attribute types the family does not know */
	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_MAX + 1, 1);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -EINVAL);
}

/* Every counter goes out as a (name, value) pair, in order. */
static void stats_encoding(struct kunit *test)
{
	char name[CNET_STAT_NAME_SIZE];
	struct nlattr *stat, **tb;
	struct cnet_net *cn;
	struct sk_buff *skb;
	unsigned int i = 0;
	int rem;

	/* on the heap: the attribute table outgrew a test's stack frame */
	tb = kunit_kcalloc(test, CNET_A_MAX + 1, sizeof(*tb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, tb);
	cn = kunit_kzalloc(test, sizeof(*cn), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cn);
	cn->stats = alloc_percpu(struct cnet_stats);
	KUNIT_ASSERT_TRUE(test, cn->stats);
	cnet_inc(cn, CNET_STAT_IP_DROP_CSUM);
	cnet_inc(cn, CNET_STAT_IP_DROP_CSUM);
	cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);

	/* the reply's size holds every counter (a page did not, once) */
	skb = alloc_skb(cnet_stats_msg_size(), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, cnet_stats_fill(skb, cn), 0);
	KUNIT_EXPECT_LE(test, skb->len, cnet_stats_msg_size());

	stat = (struct nlattr *)skb->data;
	KUNIT_ASSERT_EQ(test, nla_type(stat), CNET_A_STATS);
	nla_for_each_nested(stat, (struct nlattr *)skb->data, rem) {
		KUNIT_ASSERT_EQ(test, nla_parse_nested(tb, CNET_A_MAX, stat,
						       NULL, NULL), 0);
		KUNIT_ASSERT_NOT_NULL(test, tb[CNET_A_STAT_NAME]);
		KUNIT_ASSERT_NOT_NULL(test, tb[CNET_A_STAT_VALUE]);
		KUNIT_ASSERT_LT(test, i, (unsigned int)CNET_STAT_MAX);
		cnet_stat_name(i, name);
		KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[CNET_A_STAT_NAME]),
				   name);
		KUNIT_EXPECT_EQ(test, nla_get_u64(tb[CNET_A_STAT_VALUE]),
				i == CNET_STAT_IP_DROP_CSUM ? 2ULL :
				i == CNET_STAT_MEM_DROP_NOMEM ? 1ULL : 0ULL);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, (unsigned int)CNET_STAT_MAX);

	/* too small a message: an error, not a partial nest */
	kfree_skb(skb);
	skb = alloc_skb(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, cnet_stats_fill(skb, cn), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, skb->len, 0U);
	kfree_skb(skb);
	free_percpu(cn->stats);
}

/*
 * Every counter's name fits, is lower case, is no other counter's, and
 * starts with the layer that counts it.
 */
static void stats_names(struct kunit *test)
{
	static const char * const layers[] = {
		"eth_", "arp_", "neigh_", "ip_", "lo_", "fwd_", "icmp_", "udp_",
		"tcp_", "raw_", "sock_", "mem_",
	};
	char (*names)[CNET_STAT_NAME_SIZE];
	unsigned int i, j, len;
	bool layer;

	names = kunit_kcalloc(test, CNET_STAT_MAX, CNET_STAT_NAME_SIZE,
			      GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, names);
	for (i = 0; i < CNET_STAT_MAX; i++) {
		const char *name = names[i];

		cnet_stat_name(i, names[i]);
		len = strlen(name);
		KUNIT_EXPECT_GT_MSG(test, len, 3U, "counter %u", i);
		/* a name that filled the buffer may have been cut short */
		KUNIT_EXPECT_LT_MSG(test, len, CNET_STAT_NAME_SIZE - 1U,
				    "%s is too long", name);
		for (j = 0; j < len; j++)
			KUNIT_EXPECT_TRUE_MSG(test, islower(name[j]) ||
					      isdigit(name[j]) || name[j] == '_',
					      "%s", name);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_STRNEQ(test, name, names[j]);
		layer = false;
		for (j = 0; j < ARRAY_SIZE(layers); j++)
			layer |= !strncmp(name, layers[j], strlen(layers[j]));
		KUNIT_EXPECT_TRUE_MSG(test, layer, "%s: no known layer", name);
	}
}

/* The ARP work's attributes: LLADDR, NEIGH_ALL, PROXY_ARP, ADDR_FLAGS */
static void policy_arp_attrs(struct kunit *test)
{
	static const u8 mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 1 };
	struct nl_case c;

	nl_init(test, &c);
	nla_put(c.skb, CNET_A_LLADDR, ETH_ALEN, mac);
	nla_put_flag(c.skb, CNET_A_NEIGH_ALL);
	nla_put_u8(c.skb, CNET_A_PROXY_ARP, 1);
	nla_put_u32(c.skb, CNET_A_ADDR_FLAGS, CNET_IFA_F_NODAD);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), 0);

	nl_init(test, &c);
	nla_put(c.skb, CNET_A_LLADDR, 5, mac);		/* not 6 bytes */
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -ERANGE);

	nl_init(test, &c);
	nla_put_u8(c.skb, CNET_A_PROXY_ARP, 2);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -ERANGE);

	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_ADDR_FLAGS, CNET_IFA_F_DAD);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), 0);

	/* only NODAD and DAD may be asked for, not a state */
	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_ADDR_FLAGS, CNET_IFA_F_TENTATIVE);
	KUNIT_EXPECT_NE(test, nl_parse(&c), 0);

	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_ADDR_FLAGS, CNET_IFA_F_OPTIMISTIC);
	KUNIT_EXPECT_NE(test, nl_parse(&c), 0);

	nl_init(test, &c);
	nla_put_u32(c.skb, CNET_A_ADDR_FLAGS,
		    CNET_IFA_F_NODAD | CNET_IFA_F_DADFAILED);
	KUNIT_EXPECT_NE(test, nl_parse(&c), 0);
}

/*
 * The ARP and DAD settings: each end of each range is taken, one past it
 * is -ERANGE (what CONF_SET answers then)
 */
static void policy_neigh_conf(struct kunit *test)
{
	static const struct { u16 type; u32 v; int err; } cases[] = {
		{ CNET_A_NEIGH_REACHABLE_MS, 1, 0 },
		{ CNET_A_NEIGH_REACHABLE_MS, 0, -ERANGE },
		{ CNET_A_NEIGH_REACHABLE_MS, INT_MAX, 0 },
		{ CNET_A_NEIGH_REACHABLE_MS, (u32)INT_MAX + 1, -ERANGE },
		{ CNET_A_NEIGH_RETRANS_MS, 10, 0 },
		{ CNET_A_NEIGH_RETRANS_MS, 9, -ERANGE },
		{ CNET_A_NEIGH_GC_MS, 0, 0 },
		{ CNET_A_NEIGH_GC_MS, U32_MAX, -ERANGE },
		{ CNET_A_NEIGH_DELAY_MS, 0, -ERANGE },
		{ CNET_A_NEIGH_LOCKTIME_MS, 0, 0 },
		{ CNET_A_NEIGH_MAX_PROBES, 255, 0 },
		{ CNET_A_NEIGH_MAX_PROBES, 256, -ERANGE },
		{ CNET_A_NEIGH_MAX_PROBES, 0, -ERANGE },
		{ CNET_A_NEIGH_UCAST_PROBES, 256, -ERANGE },
		{ CNET_A_NEIGH_MAX_ENTRIES, 0, -ERANGE },
		{ CNET_A_NEIGH_MAX_ENTRIES, INT_MAX, 0 },
		{ CNET_A_NEIGH_QUEUE_LEN, 0, 0 },
		{ CNET_A_NEIGH_QUEUE_BYTES, (u32)INT_MAX + 1, -ERANGE },
		{ CNET_A_DAD_PROBES, 0, 0 },
		{ CNET_A_DAD_PROBES, 256, -ERANGE },
		{ CNET_A_DAD_INTERVAL_MS, 0, -ERANGE },
		{ CNET_A_DAD_INTERVAL_MS, 3600000, 0 },
		{ CNET_A_DAD_INTERVAL_MS, 3600001, -ERANGE },
	};
	struct nl_case c;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		nl_init(test, &c);
		nla_put_u32(c.skb, cases[i].type, cases[i].v);
		KUNIT_EXPECT_EQ_MSG(test, nl_parse(&c), cases[i].err,
				    "case %u", i);
	}
	/* u32, not anything shorter */
	nl_init(test, &c);
	nla_put_u8(c.skb, CNET_A_DAD_PROBES, 3);
	KUNIT_EXPECT_EQ(test, nl_parse(&c), -EINVAL);
}

static struct kunit_case cnet_netlink_cases[] = {
	KUNIT_CASE(stats_names),
	KUNIT_CASE(policy_accepts_valid),
	KUNIT_CASE(policy_prefixlen),
	KUNIT_CASE(policy_ifindex),
	KUNIT_CASE(policy_ifname),
	KUNIT_CASE(policy_addr),
	KUNIT_CASE(policy_unknown_attr),
	KUNIT_CASE(policy_arp_attrs),
	KUNIT_CASE(policy_neigh_conf),
	KUNIT_CASE(stats_encoding),
	{}
};

static struct kunit_suite cnet_netlink_suite = {
	.name = "cnet_netlink",
	.test_cases = cnet_netlink_cases,
};

kunit_test_suite(cnet_netlink_suite);
