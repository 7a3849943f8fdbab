// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of the cnet tool's pieces that need no cnet module:
 *
 *  - the link/addr/neigh/stats/route/conf printers, fed with hand-built netlink
 *    messages, in text and JSON, compared with the exact expected output;
 *  - the JSON printer's escaping;
 *  - the argument helpers;
 *  - genl.c against the kernel's own "nlctrl" family: a do request with its
 *    ack, a dump, and an error carrying an extended ack message.
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../cnet.h"
#include "check.h"

const struct tool this_tool = { .name = "cnet" };

/* ---- fake messages ----------------------------------------------------- */

static char msgbuf[4][4096];

static struct nlmsghdr *fake_msg(int slot, uint8_t cmd)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(msgbuf[slot]);
	struct genlmsghdr *genl;

	nlh->nlmsg_type = 0x20;
	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = CNET_GENL_VERSION;
	return nlh;
}

static void put_dev(struct nlmsghdr *nlh, uint32_t ifindex, const char *name)
{
	mnl_attr_put_u32(nlh, CNET_A_IFINDEX, ifindex);
	if (name)
		mnl_attr_put_strz(nlh, CNET_A_IFNAME, name);
}

static void put_in_addr(struct nlmsghdr *nlh, uint16_t type, const char *a)
{
	struct in_addr in;

	inet_pton(AF_INET, a, &in);
	mnl_attr_put_u32(nlh, type, in.s_addr);
}

static const uint8_t mac1[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t mac2[6] = { 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff };

/*
 * Run @cb on @n messages as a dump would, in text (@json false) or JSON
 * (@json true, wrapped in an array; or in an object when @object), and
 * return the output (to free). *@ret gets the last callback result.
 */
static unsigned int show_flags;	/* struct cnet_show's flags for run() */

static char *run(mnl_cb_t cb, struct nlmsghdr **msgs, int n, bool json,
		 bool object, unsigned int ifindex, int *ret)
{
	struct json j;
	struct cnet_show s = { .json = json ? &j : NULL, .ifindex = ifindex,
			       .flags = show_flags };
	char *out = NULL;
	size_t len = 0;
	int i, r = MNL_CB_OK;

	s.fp = open_memstream(&out, &len);
	if (json) {
		json_init(&j, s.fp);
		object ? json_open_object(&j) : json_open_array(&j);
	}
	for (i = 0; i < n && r == MNL_CB_OK; i++) {
		errno = 0;
		r = cb(msgs[i], &s);
	}
	if (json)
		object ? json_close_object(&j) : json_close_array(&j);
	fclose(s.fp);
	if (ret)
		*ret = r;
	return out;
}

static void expect(mnl_cb_t cb, struct nlmsghdr **msgs, int n, bool json,
		   bool object, unsigned int ifindex, const char *want,
		   const char *what)
{
	int ret;
	char *got = run(cb, msgs, n, json, object, ifindex, &ret);

	CHECK(ret == MNL_CB_OK, "%s: callback failed (errno %d)", what, errno);
	CHECK(!strcmp(got, want), "%s:\n  got  [%s]\n  want [%s]", what, got,
	      want);
	/* Every JSON document also goes to stdout for an outside validator. */
	if (json)
		fputs(got, stdout);
	free(got);
}

static void expect_error(mnl_cb_t cb, struct nlmsghdr *msg, const char *what)
{
	int ret;
	char *got = run(cb, &msg, 1, false, false, 0, &ret);

	CHECK(ret == MNL_CB_ERROR && errno == EBADMSG,
	      "%s: accepted (ret %d errno %d)", what, ret, errno);
	free(got);
}

static void test_link(void)
{
	struct nlmsghdr *m[2];

	m[0] = fake_msg(0, CNET_CMD_LINK_GET);
	put_dev(m[0], 2, "veth0");
	mnl_attr_put(m[0], CNET_A_LLADDR, sizeof(mac1), mac1);
	mnl_attr_put_u32(m[0], CNET_A_MTU, 1500);

	m[1] = fake_msg(1, CNET_CMD_LINK_GET);
	put_dev(m[1], 7, "eth\"1");
	mnl_attr_put_u32(m[1], 200, 42);	/* from a newer module */

	expect(link_show_cb, m, 2, false, false, 0,
	       "2: veth0 lladdr 02:00:00:00:00:01 mtu 1500\n"
	       "7: eth\"1\n", "link text");
	expect(link_show_cb, m, 2, true, false, 0,
	       "[{\"ifindex\":2,\"ifname\":\"veth0\",\"lladdr\":\"02:00:00:00:00:01\",\"mtu\":1500},"
	       "{\"ifindex\":7,\"ifname\":\"eth\\\"1\"}]\n", "link json");
	expect(link_show_cb, m, 2, false, false, 7, "7: eth\"1\n",
	       "link filter");

	/* proxy_arp: printed when on; in JSON whenever the kernel says. */
	mnl_attr_put_u8(m[0], CNET_A_PROXY_ARP, 1);
	mnl_attr_put_u8(m[1], CNET_A_PROXY_ARP, 0);
	expect(link_show_cb, m, 2, false, false, 0,
	       "2: veth0 lladdr 02:00:00:00:00:01 mtu 1500 proxy_arp on\n"
	       "7: eth\"1\n", "link proxy_arp text");
	expect(link_show_cb, m, 2, true, false, 0,
	       "[{\"ifindex\":2,\"ifname\":\"veth0\",\"lladdr\":\"02:00:00:00:00:01\",\"mtu\":1500,\"proxy_arp\":true},"
	       "{\"ifindex\":7,\"ifname\":\"eth\\\"1\",\"proxy_arp\":false}]\n",
	       "link proxy_arp json");

	/*
	 * The neighbour settings a device has of its own, in conf show's
	 * order whatever the kernel's, by conf show's names.
	 */
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_QUEUE_LEN, 0);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_RETRANS_MS, 100);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_MAX_PROBES, 1);
	expect(link_show_cb, m, 1, false, false, 0,
	       "2: veth0 lladdr 02:00:00:00:00:01 mtu 1500 proxy_arp on"
	       " neigh_retrans_ms 100 neigh_max_probes 1 neigh_queue_len 0\n",
	       "link neigh text");
	expect(link_show_cb, m, 1, true, false, 0,
	       "[{\"ifindex\":2,\"ifname\":\"veth0\",\"lladdr\":\"02:00:00:00:00:01\",\"mtu\":1500,\"proxy_arp\":true,"
	       "\"neigh_retrans_ms\":100,\"neigh_max_probes\":1,\"neigh_queue_len\":0}]\n",
	       "link neigh json");
	expect(link_show_cb, m, 0, true, false, 0, "[]\n", "link empty json");

	m[0] = fake_msg(0, CNET_CMD_LINK_GET);
	mnl_attr_put_u16(m[0], CNET_A_IFINDEX, 2);	/* wrong size */
	expect_error(link_show_cb, m[0], "link u16 ifindex");

	m[0] = fake_msg(0, CNET_CMD_LINK_GET);
	mnl_attr_put_strz(m[0], CNET_A_IFNAME, "veth0");
	expect_error(link_show_cb, m[0], "link without ifindex");

	m[0] = fake_msg(0, CNET_CMD_LINK_GET);
	put_dev(m[0], 2, NULL);
	mnl_attr_put(m[0], CNET_A_IFNAME, 5, "veth0");	/* no NUL */
	expect_error(link_show_cb, m[0], "link unterminated name");
}

static void test_addr(void)
{
	struct nlmsghdr *m[2];

	m[0] = fake_msg(0, CNET_CMD_ADDR_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.1");
	mnl_attr_put_u8(m[0], CNET_A_PREFIXLEN, 24);
	put_in_addr(m[0], CNET_A_BROADCAST, "10.0.0.255");

	m[1] = fake_msg(1, CNET_CMD_ADDR_GET);
	put_dev(m[1], 3, "veth1");
	put_in_addr(m[1], CNET_A_ADDR, "192.168.1.10");
	mnl_attr_put_u8(m[1], CNET_A_PREFIXLEN, 32);

	expect(addr_show_cb, m, 2, false, false, 0,
	       "veth0 10.0.0.1/24 brd 10.0.0.255\n"
	       "veth1 192.168.1.10/32\n", "addr text");
	expect(addr_show_cb, m, 2, true, false, 0,
	       "[{\"ifindex\":2,\"ifname\":\"veth0\",\"addr\":\"10.0.0.1\",\"prefixlen\":24,\"broadcast\":\"10.0.0.255\"},"
	       "{\"ifindex\":3,\"ifname\":\"veth1\",\"addr\":\"192.168.1.10\",\"prefixlen\":32}]\n",
	       "addr json");
	expect(addr_show_cb, m, 2, false, false, 3, "veth1 192.168.1.10/32\n",
	       "addr filter");
	expect(addr_show_cb, m, 2, true, false, 9, "[]\n", "addr filter none");

	m[0] = fake_msg(0, CNET_CMD_ADDR_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.1");
	expect_error(addr_show_cb, m[0], "addr without prefixlen");

	/* flags, as ip prints them; unknown bits are not shown */
	m[0] = fake_msg(0, CNET_CMD_ADDR_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.2");
	mnl_attr_put_u8(m[0], CNET_A_PREFIXLEN, 24);
	mnl_attr_put_u32(m[0], CNET_A_ADDR_FLAGS, CNET_IFA_F_TENTATIVE);
	m[1] = fake_msg(1, CNET_CMD_ADDR_GET);
	put_dev(m[1], 2, "veth0");
	put_in_addr(m[1], CNET_A_ADDR, "10.0.0.3");
	mnl_attr_put_u8(m[1], CNET_A_PREFIXLEN, 32);
	mnl_attr_put_u32(m[1], CNET_A_ADDR_FLAGS,
			 CNET_IFA_F_DADFAILED | 0x100);
	expect(addr_show_cb, m, 2, false, false, 0,
	       "veth0 10.0.0.2/24 tentative\n"
	       "veth0 10.0.0.3/32 dadfailed\n", "addr flags text");
	expect(addr_show_cb, m, 2, true, false, 0,
	       "[{\"ifindex\":2,\"ifname\":\"veth0\",\"addr\":\"10.0.0.2\",\"prefixlen\":24,\"flags\":[\"tentative\"]},"
	       "{\"ifindex\":2,\"ifname\":\"veth0\",\"addr\":\"10.0.0.3\",\"prefixlen\":32,\"flags\":[\"dadfailed\"]}]\n",
	       "addr flags json");

	/* optimistic detection: both flags, optimistic first as ip has it */
	m[0] = fake_msg(0, CNET_CMD_ADDR_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.4");
	mnl_attr_put_u8(m[0], CNET_A_PREFIXLEN, 24);
	mnl_attr_put_u32(m[0], CNET_A_ADDR_FLAGS,
			 CNET_IFA_F_TENTATIVE | CNET_IFA_F_OPTIMISTIC);
	expect(addr_show_cb, m, 1, false, false, 0,
	       "veth0 10.0.0.4/24 optimistic tentative\n", "addr optimistic text");
	expect(addr_show_cb, m, 1, true, false, 0,
	       "[{\"ifindex\":2,\"ifname\":\"veth0\",\"addr\":\"10.0.0.4\",\"prefixlen\":24,\"flags\":[\"optimistic\",\"tentative\"]}]\n",
	       "addr optimistic json");
}

static void test_neigh(void)
{
	struct nlmsghdr *m[4];

	m[0] = fake_msg(0, CNET_CMD_NEIGH_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.2");
	mnl_attr_put(m[0], CNET_A_LLADDR, sizeof(mac2), mac2);
	mnl_attr_put_u8(m[0], CNET_A_NEIGH_STATE, CNET_NEIGH_REACHABLE);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_AGE_MS, 1234);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_QLEN, 0);

	m[1] = fake_msg(1, CNET_CMD_NEIGH_GET);
	put_dev(m[1], 2, "veth0");
	put_in_addr(m[1], CNET_A_ADDR, "10.0.0.3");
	mnl_attr_put_u8(m[1], CNET_A_NEIGH_STATE, CNET_NEIGH_INCOMPLETE);
	mnl_attr_put_u32(m[1], CNET_A_NEIGH_AGE_MS, 10);
	mnl_attr_put_u32(m[1], CNET_A_NEIGH_QLEN, 3);

	m[2] = fake_msg(2, CNET_CMD_NEIGH_GET);
	put_dev(m[2], 2, "veth0");
	put_in_addr(m[2], CNET_A_ADDR, "10.0.0.4");
	mnl_attr_put(m[2], CNET_A_LLADDR, sizeof(mac2), mac2);
	mnl_attr_put_u8(m[2], CNET_A_NEIGH_STATE, CNET_NEIGH_FAILED);

	m[3] = fake_msg(3, CNET_CMD_NEIGH_GET);
	put_dev(m[3], 2, "veth0");
	put_in_addr(m[3], CNET_A_ADDR, "10.0.0.5");
	mnl_attr_put(m[3], CNET_A_LLADDR, sizeof(mac1), mac1);
	mnl_attr_put_u8(m[3], CNET_A_NEIGH_STATE, CNET_NEIGH_STALE);

	expect(neigh_show_cb, m, 4, false, false, 0,
	       "10.0.0.2 dev veth0 lladdr aa:bb:cc:dd:ee:ff REACHABLE\n"
	       "10.0.0.3 dev veth0 INCOMPLETE\n"
	       "10.0.0.4 dev veth0 FAILED\n"
	       "10.0.0.5 dev veth0 lladdr 02:00:00:00:00:01 STALE\n",
	       "neigh text");
	expect(neigh_show_cb, m, 2, true, false, 0,
	       "[{\"dst\":\"10.0.0.2\",\"dev\":\"veth0\",\"lladdr\":\"aa:bb:cc:dd:ee:ff\",\"state\":\"REACHABLE\",\"age_ms\":1234,\"queue\":0},"
	       "{\"dst\":\"10.0.0.3\",\"dev\":\"veth0\",\"state\":\"INCOMPLETE\",\"age_ms\":10,\"queue\":3}]\n",
	       "neigh json");

	/* Every state by name; the resolved ones with their lladdr. */
	m[0] = fake_msg(0, CNET_CMD_NEIGH_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.6");
	mnl_attr_put(m[0], CNET_A_LLADDR, sizeof(mac1), mac1);
	mnl_attr_put_u8(m[0], CNET_A_NEIGH_STATE, CNET_NEIGH_PERMANENT);
	m[1] = fake_msg(1, CNET_CMD_NEIGH_GET);
	put_dev(m[1], 2, "veth0");
	put_in_addr(m[1], CNET_A_ADDR, "10.0.0.7");
	mnl_attr_put(m[1], CNET_A_LLADDR, sizeof(mac2), mac2);
	mnl_attr_put_u8(m[1], CNET_A_NEIGH_STATE, CNET_NEIGH_DELAY);
	m[2] = fake_msg(2, CNET_CMD_NEIGH_GET);
	put_dev(m[2], 2, "veth0");
	put_in_addr(m[2], CNET_A_ADDR, "10.0.0.8");
	mnl_attr_put(m[2], CNET_A_LLADDR, sizeof(mac2), mac2);
	mnl_attr_put_u8(m[2], CNET_A_NEIGH_STATE, CNET_NEIGH_PROBE);
	expect(neigh_show_cb, m, 3, false, false, 0,
	       "10.0.0.6 dev veth0 lladdr 02:00:00:00:00:01 PERMANENT\n"
	       "10.0.0.7 dev veth0 lladdr aa:bb:cc:dd:ee:ff DELAY\n"
	       "10.0.0.8 dev veth0 lladdr aa:bb:cc:dd:ee:ff PROBE\n",
	       "neigh permanent, delay, probe");
	expect(neigh_show_cb, m, 1, true, false, 0,
	       "[{\"dst\":\"10.0.0.6\",\"dev\":\"veth0\",\"lladdr\":\"02:00:00:00:00:01\",\"state\":\"PERMANENT\"}]\n",
	       "neigh permanent json");

	m[0] = fake_msg(0, CNET_CMD_NEIGH_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.9");
	mnl_attr_put_u8(m[0], CNET_A_NEIGH_STATE, 77);
	expect(neigh_show_cb, m, 1, false, false, 0,
	       "10.0.0.9 dev veth0 UNKNOWN\n", "neigh unknown state");

	m[0] = fake_msg(0, CNET_CMD_NEIGH_GET);
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.9");
	expect_error(neigh_show_cb, m[0], "neigh without state");
}

static void put_stat(struct nlmsghdr *nlh, const char *name, uint64_t v)
{
	struct nlattr *stat = mnl_attr_nest_start(nlh, CNET_A_STAT);

	mnl_attr_put_strz(nlh, CNET_A_STAT_NAME, name);
	mnl_attr_put_u64(nlh, CNET_A_STAT_VALUE, v);
	mnl_attr_nest_end(nlh, stat);
}

static void test_stats(void)
{
	struct nlmsghdr *m[1];
	struct nlattr *nest;

	m[0] = fake_msg(0, CNET_CMD_STATS_GET);
	nest = mnl_attr_nest_start(m[0], CNET_A_STATS);
	put_stat(m[0], "ip_in_receives", 12);
	put_stat(m[0], "arp_requests_sent", 0);
	put_stat(m[0], "big", UINT64_MAX);
	put_stat(m[0], "we\"ird\\name\n", 1);
	mnl_attr_nest_end(m[0], nest);

	expect(stats_show_cb, m, 1, false, false, 0,
	       "ip_in_receives 12\narp_requests_sent 0\n"
	       "big 18446744073709551615\nwe\"ird\\name\n 1\n",
	       "stats text");
	expect(stats_show_cb, m, 1, true, true, 0,
	       "{\"ip_in_receives\":12,\"arp_requests_sent\":0,"
	       "\"big\":18446744073709551615,\"we\\\"ird\\\\name\\n\":1}\n",
	       "stats json");

	m[0] = fake_msg(0, CNET_CMD_STATS_GET);
	expect(stats_show_cb, m, 1, true, true, 0, "{}\n", "stats empty");

	m[0] = fake_msg(0, CNET_CMD_STATS_GET);
	nest = mnl_attr_nest_start(m[0], CNET_A_STATS);
	put_stat(m[0], "ok", 1);
	{
		struct nlattr *stat = mnl_attr_nest_start(m[0], CNET_A_STAT);

		mnl_attr_put_strz(m[0], CNET_A_STAT_NAME, "short");
		mnl_attr_put_u32(m[0], CNET_A_STAT_VALUE, 1);
		mnl_attr_nest_end(m[0], stat);
	}
	mnl_attr_nest_end(m[0], nest);
	expect_error(stats_show_cb, m[0], "stats u32 value");
}

static void put_route(struct nlmsghdr *nlh, const char *dst, uint8_t plen,
		      uint8_t type, uint8_t scope, uint8_t proto)
{
	put_in_addr(nlh, CNET_A_ADDR, dst);
	mnl_attr_put_u8(nlh, CNET_A_PREFIXLEN, plen);
	mnl_attr_put_u8(nlh, CNET_A_RT_TYPE, type);
	mnl_attr_put_u8(nlh, CNET_A_RT_SCOPE, scope);
	mnl_attr_put_u8(nlh, CNET_A_RT_PROTO, proto);
}

static void test_route(void)
{
	struct nlmsghdr *m[4];

	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_route(m[0], "0.0.0.0", 0, CNET_RT_UNICAST, CNET_RT_SCOPE_GLOBAL,
		  CNET_RT_PROTO_STATIC);
	mnl_attr_put_u32(m[0], CNET_A_METRIC, 10);
	put_in_addr(m[0], CNET_A_GATEWAY, "10.0.1.2");
	put_dev(m[0], 2, "veth0");

	m[1] = fake_msg(1, CNET_CMD_ROUTE_GET);
	put_route(m[1], "10.0.1.0", 24, CNET_RT_UNICAST, CNET_RT_SCOPE_LINK,
		  CNET_RT_PROTO_KERNEL);
	mnl_attr_put_u32(m[1], CNET_A_METRIC, 0);
	put_dev(m[1], 2, "veth0");
	put_in_addr(m[1], CNET_A_PREFSRC, "10.0.1.1");

	m[2] = fake_msg(2, CNET_CMD_ROUTE_GET);
	put_route(m[2], "10.9.0.0", 16, CNET_RT_BLACKHOLE,
		  CNET_RT_SCOPE_GLOBAL, CNET_RT_PROTO_STATIC);
	put_in_addr(m[2], CNET_A_GATEWAY, "0.0.0.0");	/* none */

	m[3] = fake_msg(3, CNET_CMD_ROUTE_GET);
	put_route(m[3], "10.8.0.5", 32, CNET_RT_UNREACHABLE,
		  CNET_RT_SCOPE_GLOBAL, CNET_RT_PROTO_STATIC);
	mnl_attr_put_u32(m[3], CNET_A_METRIC, 5);

	expect(route_show_cb, m, 4, false, false, 0,
	       "default via 10.0.1.2 dev veth0 metric 10\n"
	       "10.0.1.0/24 dev veth0 proto kernel scope link src 10.0.1.1\n"
	       "blackhole 10.9.0.0/16\n"
	       "unreachable 10.8.0.5 metric 5\n", "route text");
	expect(route_show_cb, m, 4, true, false, 0,
	       "[{\"type\":\"unicast\",\"dst\":\"default\",\"gateway\":\"10.0.1.2\",\"dev\":\"veth0\",\"protocol\":\"static\",\"scope\":\"global\",\"metric\":10},"
	       "{\"type\":\"unicast\",\"dst\":\"10.0.1.0/24\",\"dev\":\"veth0\",\"protocol\":\"kernel\",\"scope\":\"link\",\"prefsrc\":\"10.0.1.1\",\"metric\":0},"
	       "{\"type\":\"blackhole\",\"dst\":\"10.9.0.0/16\",\"protocol\":\"static\",\"scope\":\"global\",\"metric\":0},"
	       "{\"type\":\"unreachable\",\"dst\":\"10.8.0.5\",\"protocol\":\"static\",\"scope\":\"global\",\"metric\":5}]\n",
	       "route json");
	/* dev filter: routes without a device are someone else's. */
	expect(route_show_cb, m, 4, false, false, 2,
	       "default via 10.0.1.2 dev veth0 metric 10\n"
	       "10.0.1.0/24 dev veth0 proto kernel scope link src 10.0.1.1\n",
	       "route filter");

	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_in_addr(m[0], CNET_A_ADDR, "10.0.0.0");
	mnl_attr_put_u8(m[0], CNET_A_PREFIXLEN, 8);
	expect_error(route_show_cb, m[0], "route without type");

	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_route(m[0], "10.0.0.0", 8, CNET_RT_UNICAST, 0, 0);
	mnl_attr_put_u16(m[0], CNET_A_METRIC, 1);	/* wrong size */
	expect_error(route_show_cb, m[0], "route u16 metric");
}

static void test_route_get(void)
{
	struct nlmsghdr *m[1];

	/* Via a gateway. */
	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_route(m[0], "10.0.2.2", 24, CNET_RT_UNICAST, CNET_RT_SCOPE_GLOBAL,
		  CNET_RT_PROTO_STATIC);
	put_in_addr(m[0], CNET_A_GATEWAY, "10.0.1.254");
	put_in_addr(m[0], CNET_A_NEXTHOP, "10.0.1.254");
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_PREFSRC, "10.0.1.1");
	mnl_attr_put_u32(m[0], CNET_A_METRIC, 0);
	expect(route_get_cb, m, 1, false, false, 0,
	       "10.0.2.2 via 10.0.1.254 dev veth0 src 10.0.1.1\n",
	       "route get via");
	expect(route_get_cb, m, 1, true, true, 0,
	       "{\"type\":\"unicast\",\"dst\":\"10.0.2.2\",\"gateway\":\"10.0.1.254\",\"dev\":\"veth0\",\"protocol\":\"static\",\"scope\":\"global\",\"prefsrc\":\"10.0.1.1\",\"metric\":0}\n",
	       "route get json");

	/* On-link: the next hop is the destination itself. */
	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_route(m[0], "10.0.1.2", 24, CNET_RT_UNICAST, CNET_RT_SCOPE_LINK,
		  CNET_RT_PROTO_KERNEL);
	put_in_addr(m[0], CNET_A_NEXTHOP, "10.0.1.2");
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_PREFSRC, "10.0.1.1");
	expect(route_get_cb, m, 1, false, false, 0,
	       "10.0.1.2 dev veth0 src 10.0.1.1\n", "route get on-link");

	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_route(m[0], "10.0.1.1", 32, CNET_RT_LOCAL, CNET_RT_SCOPE_LINK,
		  CNET_RT_PROTO_KERNEL);
	put_in_addr(m[0], CNET_A_NEXTHOP, "10.0.1.1");
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_PREFSRC, "10.0.1.1");
	expect(route_get_cb, m, 1, false, false, 0,
	       "local 10.0.1.1 dev veth0 src 10.0.1.1\n", "route get local");

	m[0] = fake_msg(0, CNET_CMD_ROUTE_GET);
	put_route(m[0], "10.0.1.255", 32, CNET_RT_BROADCAST,
		  CNET_RT_SCOPE_LINK, CNET_RT_PROTO_KERNEL);
	put_in_addr(m[0], CNET_A_NEXTHOP, "10.0.1.255");
	put_dev(m[0], 2, "veth0");
	put_in_addr(m[0], CNET_A_PREFSRC, "10.0.1.1");
	expect(route_get_cb, m, 1, false, false, 0,
	       "broadcast 10.0.1.255 dev veth0 src 10.0.1.1\n",
	       "route get broadcast");
}

static void test_conf(void)
{
	struct nlmsghdr *m[1];

	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 1);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_RATELIMIT_MS, 1000);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_BURST, 50);
	expect(conf_show_cb, m, 1, false, false, 0,
	       "forwarding on\nicmp_ratelimit 1000\nicmp_burst 50\n",
	       "conf text");
	expect(conf_show_cb, m, 1, true, true, 0,
	       "{\"forwarding\":true,\"icmp_ratelimit\":1000,\"icmp_burst\":50}\n",
	       "conf json");
	expect(forwarding_show_cb, m, 1, false, false, 0, "forwarding on\n",
	       "forwarding text");

	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 0);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_RATELIMIT_MS, 0);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_BURST, 1);
	expect(forwarding_show_cb, m, 1, true, true, 0,
	       "{\"forwarding\":false}\n", "forwarding json");
	expect(conf_show_cb, m, 1, false, false, 0,
	       "forwarding off\nicmp_ratelimit 0\nicmp_burst 1\n",
	       "conf text off");

	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 0);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_RATELIMIT_MS, 1000);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_BURST, 6);
	mnl_attr_put_u32(m[0], CNET_A_IPFRAG_HIGH_THRESH, 4194304);
	mnl_attr_put_u32(m[0], CNET_A_IPFRAG_LOW_THRESH, 3145728);
	mnl_attr_put_u32(m[0], CNET_A_IPFRAG_TIME_MS, 30000);
	mnl_attr_put_u64(m[0], CNET_A_IPFRAG_MEM, 5000000000ULL);
	mnl_attr_put_u32(m[0], CNET_A_IPFRAG_QUEUES, 2);
	expect(conf_show_cb, m, 1, false, false, 0,
	       "forwarding off\nicmp_ratelimit 1000\nicmp_burst 6\n"
	       "ipfrag_high_thresh 4194304\nipfrag_low_thresh 3145728\n"
	       "ipfrag_time_ms 30000\nipfrag_mem 5000000000\nipfrag_queues 2\n",
	       "conf text with reassembly");
	expect(conf_show_cb, m, 1, true, true, 0,
	       "{\"forwarding\":false,\"icmp_ratelimit\":1000,\"icmp_burst\":6,"
	       "\"ipfrag_high_thresh\":4194304,\"ipfrag_low_thresh\":3145728,"
	       "\"ipfrag_time_ms\":30000,\"ipfrag_mem\":5000000000,"
	       "\"ipfrag_queues\":2}\n",
	       "conf json with reassembly");

	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 1);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_RATELIMIT_MS, 1000);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_BURST, 50);
	mnl_attr_put_u32(m[0], CNET_A_TCP_KEEPALIVE_PROBES, 9);
	mnl_attr_put_strz(m[0], CNET_A_TCP_CONGESTION, "cubic");
	expect(conf_show_cb, m, 1, false, false, 0,
	       "forwarding on\nicmp_ratelimit 1000\nicmp_burst 50\n"
	       "tcp_keepalive_probes 9\ntcp_congestion cubic\n",
	       "conf text with tcp_congestion");
	expect(conf_show_cb, m, 1, true, true, 0,
	       "{\"forwarding\":true,\"icmp_ratelimit\":1000,\"icmp_burst\":50,"
	       "\"tcp_keepalive_probes\":9,\"tcp_congestion\":\"cubic\"}\n",
	       "conf json with tcp_congestion");

	/* the retries and timeouts, in conf_ranged's order whatever the message's */
	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 0);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_RATELIMIT_MS, 1000);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_BURST, 50);
	mnl_attr_put_u32(m[0], CNET_A_TCP_FIN_TIMEOUT_S, 60);
	mnl_attr_put_u32(m[0], CNET_A_TCP_SYN_LINEAR_TIMEOUTS, 4);
	mnl_attr_put_u32(m[0], CNET_A_TCP_ORPHAN_RETRIES, 0);
	mnl_attr_put_u32(m[0], CNET_A_TCP_RETRIES2, 15);
	mnl_attr_put_u32(m[0], CNET_A_TCP_SYNACK_RETRIES, 5);
	mnl_attr_put_u32(m[0], CNET_A_TCP_SYN_RETRIES, 6);
	mnl_attr_put_u32(m[0], CNET_A_TCP_ECN, 2);
	expect(conf_show_cb, m, 1, false, false, 0,
	       "forwarding off\nicmp_ratelimit 1000\nicmp_burst 50\n"
	       "tcp_ecn 2\ntcp_syn_retries 6\ntcp_synack_retries 5\n"
	       "tcp_retries2 15\ntcp_orphan_retries 0\n"
	       "tcp_syn_linear_timeouts 4\ntcp_fin_timeout_s 60\n",
	       "conf text with the retries");
	expect(conf_show_cb, m, 1, true, true, 0,
	       "{\"forwarding\":false,\"icmp_ratelimit\":1000,\"icmp_burst\":50,"
	       "\"tcp_ecn\":2,\"tcp_syn_retries\":6,\"tcp_synack_retries\":5,"
	       "\"tcp_retries2\":15,\"tcp_orphan_retries\":0,"
	       "\"tcp_syn_linear_timeouts\":4,\"tcp_fin_timeout_s\":60}\n",
	       "conf json with the retries");

	/* tcp_tw_reuse, ARP's and DAD's, after them, in conf_ranged's order too */
	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 0);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_RATELIMIT_MS, 1000);
	mnl_attr_put_u32(m[0], CNET_A_ICMP_BURST, 50);
	mnl_attr_put_u32(m[0], CNET_A_DAD_INTERVAL_MS, 1000);
	mnl_attr_put_u32(m[0], CNET_A_DAD_PROBES, 3);
	mnl_attr_put_u32(m[0], CNET_A_TCP_TW_REUSE, 2);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_QUEUE_BYTES, 212992);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_MAX_ENTRIES, 1024);
	mnl_attr_put_u32(m[0], CNET_A_NEIGH_RETRANS_MS, 250);
	mnl_attr_put_u32(m[0], CNET_A_TCP_FIN_TIMEOUT_S, 60);
	expect(conf_show_cb, m, 1, false, false, 0,
	       "forwarding off\nicmp_ratelimit 1000\nicmp_burst 50\n"
	       "tcp_fin_timeout_s 60\ntcp_tw_reuse 2\nneigh_retrans_ms 250\n"
	       "neigh_max_entries 1024\nneigh_queue_bytes 212992\n"
	       "dad_probes 3\ndad_interval_ms 1000\n",
	       "conf text with ARP and DAD");
	expect(conf_show_cb, m, 1, true, true, 0,
	       "{\"forwarding\":false,\"icmp_ratelimit\":1000,\"icmp_burst\":50,"
	       "\"tcp_fin_timeout_s\":60,\"tcp_tw_reuse\":2,"
	       "\"neigh_retrans_ms\":250,"
	       "\"neigh_max_entries\":1024,\"neigh_queue_bytes\":212992,"
	       "\"dad_probes\":3,\"dad_interval_ms\":1000}\n",
	       "conf json with ARP and DAD");

	m[0] = fake_msg(0, CNET_CMD_CONF_GET);
	mnl_attr_put_u8(m[0], CNET_A_FORWARDING, 1);
	expect_error(conf_show_cb, m[0], "conf without the rate limit");
}

/* ---- JSON -------------------------------------------------------------- */

static void put_sock(struct nlmsghdr *nlh, uint8_t kind, uint8_t state,
		     const char *laddr, int lport, const char *raddr,
		     int rport, uint32_t rq, uint32_t wq)
{
	mnl_attr_put_u8(nlh, CNET_A_SOCK_KIND, kind);
	mnl_attr_put_u8(nlh, CNET_A_SOCK_STATE, state);
	put_in_addr(nlh, CNET_A_SOCK_LADDR, laddr);
	put_in_addr(nlh, CNET_A_SOCK_RADDR, raddr);
	if (lport >= 0)
		mnl_attr_put_u16(nlh, CNET_A_SOCK_LPORT, lport);
	if (rport >= 0)
		mnl_attr_put_u16(nlh, CNET_A_SOCK_RPORT, rport);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_RQUEUE, rq);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_WQUEUE, wq);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_UID, 1000);
	mnl_attr_put_u64(nlh, CNET_A_SOCK_INODE, 4242);
}

static void put_tcp(struct nlmsghdr *nlh, uint8_t timer, uint32_t timer_ms,
		    uint32_t ssthresh)
{
	mnl_attr_put_u8(nlh, CNET_A_SOCK_TCP_TIMER, timer);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_TIMER_MS, timer_ms);
	mnl_attr_put_u8(nlh, CNET_A_SOCK_TCP_RETRANSMITS, 1);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_RTT_US, 1500);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_RTTVAR_US, 750);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_RTO_US, 204000);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_SND_MSS, 1448);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_RCV_MSS, 536);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_SND_CWND, 10);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_SND_SSTHRESH, ssthresh);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_UNACKED, 2);
	mnl_attr_put_u32(nlh, CNET_A_SOCK_TCP_TOTAL_RETRANS, 3);
	mnl_attr_put_u64(nlh, CNET_A_SOCK_TCP_BYTES_ACKED, 5000000000ULL);
	mnl_attr_put_u64(nlh, CNET_A_SOCK_TCP_BYTES_RECEIVED, 77);
}

static void test_sock(void)
{
	struct nlmsghdr *m[4];
	char *argv[8];
	struct sock_opts o;
	char buf[32];

	/* UDP bound and connected, raw, ping; a device and a full queue */
	m[0] = fake_msg(0, CNET_CMD_SOCK_GET);
	put_sock(m[0], CNET_SOCK_UDP, CNET_SOCK_ST_CLOSE, "0.0.0.0", 53,
		 "0.0.0.0", 0, 2304, 0);
	put_dev(m[0], 2, "veth0");
	m[1] = fake_msg(1, CNET_CMD_SOCK_GET);
	put_sock(m[1], CNET_SOCK_UDP, CNET_SOCK_ST_ESTABLISHED, "10.0.1.1",
		 40000, "10.0.1.2", 7, 0, 768);
	m[2] = fake_msg(2, CNET_CMD_SOCK_GET);
	put_sock(m[2], CNET_SOCK_RAW, CNET_SOCK_ST_CLOSE, "0.0.0.0", -1,
		 "0.0.0.0", -1, 0, 0);
	mnl_attr_put_u8(m[2], CNET_A_SOCK_PROTOCOL, 1);
	m[3] = fake_msg(3, CNET_CMD_SOCK_GET);
	put_sock(m[3], CNET_SOCK_PING, CNET_SOCK_ST_ESTABLISHED, "10.0.1.1",
		 1234, "10.0.1.2", 0, 0, 0);
	show_flags = SOCK_SHOW_NETID;
	expect(sock_show_cb, m, 4, false, false, 0,
	       "udp   UNCONN     2304   0      0.0.0.0%veth0:53            0.0.0.0:*\n"
	       "udp   ESTAB      0      768    10.0.1.1:40000              10.0.1.2:7\n"
	       "raw   UNCONN     0      0      0.0.0.0:1                   0.0.0.0:*\n"
	       "ping  ESTAB      0      0      10.0.1.1:1234               10.0.1.2:*\n",
	       "sock text");
	show_flags = SOCK_SHOW_EXT;
	expect(sock_show_cb, m + 1, 1, false, false, 0,
	       "ESTAB      0      768    10.0.1.1:40000              10.0.1.2:7 uid:1000 ino:4242\n",
	       "sock -e");
	expect(sock_show_cb, m, 3, true, false, 0,
	       "[{\"netid\":\"udp\",\"state\":\"UNCONN\",\"recv_q\":2304,\"send_q\":0,\"local_addr\":\"0.0.0.0\",\"local_port\":53,\"peer_addr\":\"0.0.0.0\",\"peer_port\":0,\"dev\":\"veth0\",\"uid\":1000,\"inode\":4242},"
	       "{\"netid\":\"udp\",\"state\":\"ESTAB\",\"recv_q\":0,\"send_q\":768,\"local_addr\":\"10.0.1.1\",\"local_port\":40000,\"peer_addr\":\"10.0.1.2\",\"peer_port\":7,\"uid\":1000,\"inode\":4242},"
	       "{\"netid\":\"raw\",\"state\":\"UNCONN\",\"recv_q\":0,\"send_q\":0,\"local_addr\":\"0.0.0.0\",\"peer_addr\":\"0.0.0.0\",\"protocol\":1,\"uid\":1000,\"inode\":4242}]\n",
	       "sock json");

	/* TCP: every state by ss's name; the timer (-o) and info (-i) */
	m[0] = fake_msg(0, CNET_CMD_SOCK_GET);
	put_sock(m[0], CNET_SOCK_TCP, CNET_SOCK_ST_ESTABLISHED, "10.0.1.1",
		 5000, "10.0.1.2", 40001, 10, 20);
	put_tcp(m[0], CNET_SOCK_TIMER_ON, 200, 7);
	m[1] = fake_msg(1, CNET_CMD_SOCK_GET);
	put_sock(m[1], CNET_SOCK_TCP, CNET_SOCK_ST_TIME_WAIT, "10.0.1.1",
		 5000, "10.0.1.2", 40002, 0, 0);
	put_tcp(m[1], CNET_SOCK_TIMER_TIMEWAIT, 59500, 0x7fffffff);
	m[2] = fake_msg(2, CNET_CMD_SOCK_GET);
	put_sock(m[2], CNET_SOCK_TCP, CNET_SOCK_ST_LISTEN, "0.0.0.0", 5000,
		 "0.0.0.0", 0, 1, 128);
	put_tcp(m[2], CNET_SOCK_TIMER_OFF, 0, 0x7fffffff);
	show_flags = SOCK_SHOW_TIMER | SOCK_SHOW_INFO;
	expect(sock_show_cb, m, 3, false, false, 0,
	       "ESTAB      10     20     10.0.1.1:5000               10.0.1.2:40001 timer:(on,200ms,1)\n"
	       "\t rto:204 rtt:1.5/0.75 mss:1448 rcvmss:536 cwnd:10 ssthresh:7 bytes_acked:5000000000 bytes_received:77 unacked:2 retrans:1/3\n"
	       "TIME-WAIT  0      0      10.0.1.1:5000               10.0.1.2:40002 timer:(timewait,59sec,1)\n"
	       "\t rto:204 rtt:1.5/0.75 mss:1448 rcvmss:536 cwnd:10 bytes_acked:5000000000 bytes_received:77 unacked:2 retrans:1/3\n"
	       "LISTEN     1      128    0.0.0.0:5000                0.0.0.0:*\n"
	       "\t rto:204 rtt:1.5/0.75 mss:1448 rcvmss:536 cwnd:10 bytes_acked:5000000000 bytes_received:77 unacked:2 retrans:1/3\n",
	       "sock tcp -oi");
	show_flags = 0;
	expect(sock_show_cb, m, 1, true, false, 0,
	       "[{\"netid\":\"tcp\",\"state\":\"ESTAB\",\"recv_q\":10,\"send_q\":20,\"local_addr\":\"10.0.1.1\",\"local_port\":5000,\"peer_addr\":\"10.0.1.2\",\"peer_port\":40001,\"uid\":1000,\"inode\":4242,"
	       "\"tcp\":{\"timer\":\"on\",\"timer_ms\":200,\"retransmits\":1,\"rtt_us\":1500,\"rttvar_us\":750,\"rto_us\":204000,\"snd_mss\":1448,\"rcv_mss\":536,\"snd_cwnd\":10,\"snd_ssthresh\":7,\"unacked\":2,\"total_retrans\":3,\"bytes_acked\":5000000000,\"bytes_received\":77}}]\n",
	       "sock tcp json");
	/* the congestion control, first as ss prints it */
	mnl_attr_put_strz(m[0], CNET_A_SOCK_TCP_CONG, "cubic");
	show_flags = SOCK_SHOW_INFO;
	expect(sock_show_cb, m, 1, false, false, 0,
	       "ESTAB      10     20     10.0.1.1:5000               10.0.1.2:40001\n"
	       "\t cubic rto:204 rtt:1.5/0.75 mss:1448 rcvmss:536 cwnd:10 ssthresh:7 bytes_acked:5000000000 bytes_received:77 unacked:2 retrans:1/3\n",
	       "sock tcp -i with its congestion control");
	show_flags = 0;
	expect(sock_show_cb, m, 1, true, false, 0,
	       "[{\"netid\":\"tcp\",\"state\":\"ESTAB\",\"recv_q\":10,\"send_q\":20,\"local_addr\":\"10.0.1.1\",\"local_port\":5000,\"peer_addr\":\"10.0.1.2\",\"peer_port\":40001,\"uid\":1000,\"inode\":4242,"
	       "\"tcp\":{\"timer\":\"on\",\"cong\":\"cubic\",\"timer_ms\":200,\"retransmits\":1,\"rtt_us\":1500,\"rttvar_us\":750,\"rto_us\":204000,\"snd_mss\":1448,\"rcv_mss\":536,\"snd_cwnd\":10,\"snd_ssthresh\":7,\"unacked\":2,\"total_retrans\":3,\"bytes_acked\":5000000000,\"bytes_received\":77}}]\n",
	       "sock tcp json with its congestion control");
	/* a TIME-WAIT entry: its timer and nothing else of TCP's */
	m[0] = fake_msg(0, CNET_CMD_SOCK_GET);
	put_sock(m[0], CNET_SOCK_TCP, CNET_SOCK_ST_TIME_WAIT, "10.0.1.1",
		 5000, "10.0.1.2", 40003, 0, 0);
	mnl_attr_put_u8(m[0], CNET_A_SOCK_TCP_TIMER, CNET_SOCK_TIMER_TIMEWAIT);
	mnl_attr_put_u32(m[0], CNET_A_SOCK_TCP_TIMER_MS, 30000);
	mnl_attr_put_u8(m[0], CNET_A_SOCK_TCP_RETRANSMITS, 0);
	show_flags = SOCK_SHOW_TIMER | SOCK_SHOW_INFO;
	expect(sock_show_cb, m, 1, false, false, 0,
	       "TIME-WAIT  0      0      10.0.1.1:5000               10.0.1.2:40003 timer:(timewait,30sec,0)\n",
	       "sock time-wait -oi");
	show_flags = 0;
	expect(sock_show_cb, m, 1, true, false, 0,
	       "[{\"netid\":\"tcp\",\"state\":\"TIME-WAIT\",\"recv_q\":0,\"send_q\":0,\"local_addr\":\"10.0.1.1\",\"local_port\":5000,\"peer_addr\":\"10.0.1.2\",\"peer_port\":40003,\"uid\":1000,\"inode\":4242,"
	       "\"tcp\":{\"timer\":\"timewait\",\"timer_ms\":30000,\"retransmits\":0}}]\n",
	       "sock time-wait json");
	{
		static const char *const names[] = {
			"", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1",
			"FIN-WAIT-2", "TIME-WAIT", "UNCONN", "CLOSE-WAIT",
			"LAST-ACK", "LISTEN", "CLOSING", "SYN-RECV", "UNKNOWN",
		};
		char *got, want[128];
		uint8_t st;

		for (st = 1; st <= __CNET_SOCK_ST_MAX; st++) {
			m[0] = fake_msg(0, CNET_CMD_SOCK_GET);
			put_sock(m[0], CNET_SOCK_TCP, st, "10.0.1.1", 1,
				 "10.0.1.2", 2, 0, 0);
			got = run(sock_show_cb, m, 1, false, false, 0, NULL);
			snprintf(want, sizeof(want), "%-10s ", names[st]);
			CHECK(!strncmp(got, want, strlen(want)),
			      "sock state %u: [%s]", st, got);
			free(got);
		}
	}
	m[0] = fake_msg(0, CNET_CMD_SOCK_GET);
	mnl_attr_put_u8(m[0], CNET_A_SOCK_KIND, CNET_SOCK_UDP);
	expect_error(sock_show_cb, m[0], "sock without state");

	/* ss's timer format */
	CHECK(!strcmp(sock_format_ms(200, buf), "200ms"), "ms: %s", buf);
	CHECK(!strcmp(sock_format_ms(0, buf), "0ms"), "ms: %s", buf);
	CHECK(!strcmp(sock_format_ms(1500, buf), "1.500ms"), "ms: %s", buf);
	CHECK(!strcmp(sock_format_ms(12000, buf), "12sec"), "ms: %s", buf);
	CHECK(!strcmp(sock_format_ms(12345, buf), "12sec"), "ms: %s", buf);
	CHECK(!strcmp(sock_format_ms(90000, buf), "1min30sec"), "ms: %s", buf);
	CHECK(!strcmp(sock_format_ms(900000, buf), "15min"), "ms: %s", buf);

	/* the command line: ss's defaults, -a, -l, states, kinds */
	CHECK(!sock_parse(0, argv, &o) && o.kinds == 0x1e &&
	      o.states == ((1u << CNET_SOCK_ST_ESTABLISHED) |
			   (1u << CNET_SOCK_ST_SYN_SENT) |
			   (1u << CNET_SOCK_ST_FIN_WAIT1) |
			   (1u << CNET_SOCK_ST_FIN_WAIT2) |
			   (1u << CNET_SOCK_ST_CLOSE_WAIT) |
			   (1u << CNET_SOCK_ST_LAST_ACK) |
			   (1u << CNET_SOCK_ST_CLOSING)) &&
	      (o.flags & SOCK_SHOW_NETID), "sock default: %x %x", o.kinds,
	      o.states);
	argv[0] = "-uan";
	CHECK(!sock_parse(1, argv, &o) && o.kinds == 1u << CNET_SOCK_UDP &&
	      o.states == 0x1ffe && !(o.flags & SOCK_SHOW_NETID),
	      "sock -uan: %x %x", o.kinds, o.states);
	argv[0] = "-a";
	argv[1] = "-lwP";
	CHECK(!sock_parse(2, argv, &o) &&
	      o.kinds == ((1u << CNET_SOCK_RAW) | (1u << CNET_SOCK_PING)) &&
	      o.states == ((1u << CNET_SOCK_ST_LISTEN) |
			   (1u << CNET_SOCK_ST_CLOSE)),
	      "sock -a -lwP: %x %x", o.kinds, o.states);
	argv[0] = "-tioej";
	argv[1] = "state";
	argv[2] = "time-wait";
	argv[3] = "state";
	argv[4] = "LISTENING";
	argv[5] = "dev";
	argv[6] = "lo";
	CHECK(!sock_parse(7, argv, &o) && o.json && o.dev &&
	      !strcmp(o.dev, "lo") &&
	      o.flags == (SOCK_SHOW_INFO | SOCK_SHOW_TIMER | SOCK_SHOW_EXT) &&
	      o.states == ((1u << CNET_SOCK_ST_TIME_WAIT) |
			   (1u << CNET_SOCK_ST_LISTEN)),
	      "sock -tioej state..: %x %x", o.flags, o.states);
	CHECK(sock_state_word("connected") == 0x1b7e &&
	      sock_state_word("bucket") == 0x1048 &&
	      sock_state_word("all") == 0x1ffe && !sock_state_word("est"),
	      "sock state words %x %x", sock_state_word("connected"),
	      sock_state_word("bucket"));
}

static void test_json(void)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "plain", "\"plain\"" },
		{ "q\"b\\s/", "\"q\\\"b\\\\s/\"" },
		{ "\b\f\n\r\t\x01\x1f\x7f", "\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f\"" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
		{ "bad\xff\xc3", "\"bad\\ufffd\\ufffd\"" },
		{ "\xc0\xaf\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\"" },
		{ "", "\"\"" },
	};
	struct json j;
	size_t i, len;
	char *out;
	FILE *fp;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char want[256];

		out = NULL;
		fp = open_memstream(&out, &len);
		json_init(&j, fp);
		json_string(&j, cases[i].in);
		fclose(fp);
		snprintf(want, sizeof(want), "%s\n", cases[i].out);
		CHECK(!strcmp(out, want), "json string %zu: got [%s] want [%s]",
		      i, out, want);
		fputs(out, stdout);
		free(out);
	}

	out = NULL;
	fp = open_memstream(&out, &len);
	json_init(&j, fp);
	json_open_array(&j);
	json_open_object(&j);
	json_kv_uint(&j, "a", 1);
	json_key(&j, "b");
	json_open_array(&j);
	json_uint(&j, 2);
	json_string(&j, "x");
	json_open_object(&j);
	json_close_object(&j);
	json_close_array(&j);
	json_close_object(&j);
	json_open_array(&j);
	json_close_array(&j);
	json_close_array(&j);
	fclose(fp);
	CHECK(!strcmp(out, "[{\"a\":1,\"b\":[2,\"x\",{}]},[]]\n"),
	      "json nesting: [%s]", out);
	fputs(out, stdout);
	free(out);
}

/* ---- arguments --------------------------------------------------------- */

static void test_args(void)
{
	static const struct {
		const char *arg;
		const char *addr;
		int plen;		/* -1: rejected */
	} cases[] = {
		{ "10.0.0.1/24", "10.0.0.1", 24 },
		{ "0.0.0.0/0", "0.0.0.0", 0 },
		{ "255.255.255.255/32", "255.255.255.255", 32 },
		{ "10.0.0.1/33", NULL, -1 },
		{ "10.0.0.1/-1", NULL, -1 },
		{ "10.0.0.1/+8", NULL, -1 },
		{ "10.0.0.1/ 8", NULL, -1 },
		{ "10.0.0.1/8 ", NULL, -1 },
		{ "10.0.0.1/", NULL, -1 },
		{ "10.0.0.1/008", NULL, -1 },
		{ "10.0.0.1/0x8", NULL, -1 },
		{ "10.0.0.1", NULL, -1 },
		{ "10.0.0/24", NULL, -1 },
		{ "10.0.0.256/24", NULL, -1 },
		{ "10.0.0.1.1/24", NULL, -1 },
		{ "010.0.0.1/24", NULL, -1 },
		{ " 10.0.0.1/24", NULL, -1 },
		{ "/24", NULL, -1 },
		{ "10.0.0.1/24/1", NULL, -1 },
		{ "1234567890123456789/8", NULL, -1 },
		{ "", NULL, -1 },
	};
	static const struct {
		const char *arg;
		const char *addr;
		int plen;		/* -1: rejected */
	} rcases[] = {
		{ "default", "0.0.0.0", 0 },
		{ "0.0.0.0/0", "0.0.0.0", 0 },
		{ "10.0.1.7", "10.0.1.7", 32 },
		{ "10.0.1.0/24", "10.0.1.0", 24 },
		{ "10.128.0.0/9", "10.128.0.0", 9 },
		{ "10.0.1.1/24", NULL, -1 },	/* host bits */
		{ "11.0.0.0/7", NULL, -1 },
		{ "1.0.0.0/0", NULL, -1 },
		{ "10.0.1/24", NULL, -1 },
		{ "defaults", NULL, -1 },
		{ "10.0.1.0/33", NULL, -1 },
	};
	static const struct {
		const char *arg;
		bool ok;
		uint8_t mac[6];
	} macs[] = {
		{ "02:00:00:00:00:01", true, { 2, 0, 0, 0, 0, 1 } },
		{ "AA:bb:c:d:E:0f", true, { 0xaa, 0xbb, 0xc, 0xd, 0xe, 0xf } },
		{ "02:00:00:00:00", false, { 0 } },
		{ "02:00:00:00:00:01:02", false, { 0 } },
		{ "02:00:00:00:00:001", false, { 0 } },
		{ "02-00-00-00-00-01", false, { 0 } },
		{ "02:00::00:00:01", false, { 0 } },
		{ "0x:00:00:00:00:01", false, { 0 } },
		{ "02:00:00:00:00:01:", false, { 0 } },
		{ "", false, { 0 } },
	};
	int saved = dup(2), devnull = open("/dev/null", O_WRONLY);
	uint32_t u;
	uint8_t b;
	unsigned int ifindex;
	uint32_t addr;
	uint8_t plen;
	size_t i;

	/* The helpers print their errors; keep the test output readable. */
	dup2(devnull, 2);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int err = parse_prefix(cases[i].arg, &addr, &plen);
		struct in_addr in;

		if (cases[i].plen < 0) {
			CHECK(err == EXIT_ERR, "prefix \"%s\" accepted",
			      cases[i].arg);
			continue;
		}
		inet_pton(AF_INET, cases[i].addr, &in);
		CHECK(!err && addr == in.s_addr && plen == cases[i].plen,
		      "prefix \"%s\" misparsed", cases[i].arg);
	}

	for (i = 0; i < ARRAY_SIZE(rcases); i++) {
		int err = parse_route_prefix(rcases[i].arg, &addr, &plen);
		struct in_addr in;

		if (rcases[i].plen < 0) {
			CHECK(err == EXIT_ERR, "route prefix \"%s\" accepted",
			      rcases[i].arg);
			continue;
		}
		inet_pton(AF_INET, rcases[i].addr, &in);
		CHECK(!err && addr == in.s_addr && plen == rcases[i].plen,
		      "route prefix \"%s\" misparsed", rcases[i].arg);
	}
	for (i = 0; i < ARRAY_SIZE(macs); i++) {
		uint8_t mac[6] = { 0 };
		int err = parse_lladdr(macs[i].arg, mac);

		CHECK(macs[i].ok ? !err && !memcmp(mac, macs[i].mac, 6) :
				   err == EXIT_ERR,
		      "lladdr \"%s\"", macs[i].arg);
	}
	CHECK(parse_u32("n", "4294967295", &u) == 0 && u == UINT32_MAX,
	      "u32 max");
	CHECK(parse_u32("n", "4294967296", &u) == EXIT_ERR &&
	      parse_u32("n", "-1", &u) == EXIT_ERR &&
	      parse_u32("n", "", &u) == EXIT_ERR &&
	      parse_u32("n", "1x", &u) == EXIT_ERR, "u32 rejects");
	CHECK(parse_on_off("x", "on", &b) == 0 && b == 1 &&
	      parse_on_off("x", "0", &b) == 0 && b == 0 &&
	      parse_on_off("x", "yes", &b) == EXIT_ERR, "on/off");

	CHECK(parse_dev("lo", &ifindex) == 0 && ifindex == if_nametoindex("lo"),
	      "dev lo");
	CHECK(parse_dev("no-such-dev0", &ifindex) == EXIT_ERR, "dev unknown");
	CHECK(parse_dev("", &ifindex) == EXIT_ERR, "dev empty");
	CHECK(parse_dev("a-name-longer-than-ifnamsiz", &ifindex) == EXIT_ERR,
	      "dev long");
	dup2(saved, 2);
	close(saved);
	close(devnull);

	CHECK(matches("a", "address", 1) && matches("addr", "address", 1) &&
	      matches("address", "address", 1), "matches prefix");
	CHECK(!matches("", "address", 1) && !matches("addresss", "address", 1) &&
	      !matches("ad", "add", 3) && !matches("x", "address", 1),
	      "matches rejects");
}

/* Run cnet_kernel_error() and return what it printed (to free). */
static char *kernel_error(int err, const char *extack)
{
	struct cnet c = { .genl_open = true };
	FILE *tmp = tmpfile();
	int saved = dup(2);
	char *out = calloc(1, 512);

	snprintf(c.genl.extack, sizeof(c.genl.extack), "%s", extack);
	fflush(stderr);
	dup2(fileno(tmp), 2);
	CHECK(cnet_kernel_error(&c, err) == EXIT_ERR, "kernel error status");
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	if (!fgets(out, 512, tmp))
		out[0] = '\0';
	fclose(tmp);
	return out;
}

static void test_errors(void)
{
	static const struct {
		int err;
		const char *extack, *want;
	} cases[] = {
		{ -EPERM, "", "cnet: operation not permitted (need CAP_NET_ADMIN)\n" },
		{ -EINVAL, "prefix too long", "cnet: Invalid argument: prefix too long\n" },
		{ -ENODEV, "", "cnet: No such device\n" },
		{ -EBADMSG, "", "cnet: malformed reply from the kernel\n" },
		{ -EOPNOTSUPP, "", "cnet: not supported by the loaded cnet module (older than this tool?)\n" },
		{ -EOPNOTSUPP, "not Ethernet", "cnet: Operation not supported: not Ethernet\n" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *got = kernel_error(cases[i].err, cases[i].extack);

		CHECK(!strcmp(got, cases[i].want), "error %d: got [%s]",
		      cases[i].err, got);
		free(got);
	}
}

/* ---- genl against the kernel's nlctrl family --------------------------- */

struct dump_count {
	int messages;
	bool saw_nlctrl;
};

static int count_attr_cb(const struct nlattr *attr, void *data)
{
	struct dump_count *d = data;

	if (mnl_attr_get_type(attr) == CTRL_ATTR_FAMILY_NAME &&
	    !strcmp(mnl_attr_get_str(attr), "nlctrl"))
		d->saw_nlctrl = true;
	return MNL_CB_OK;
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_count *d = data;

	d->messages++;
	return mnl_attr_parse(nlh, GENL_HDRLEN, count_attr_cb, d);
}

static void test_genl(void)
{
	struct dump_count d = { 0 };
	struct nlmsghdr *nlh;
	struct genl g;
	int err;

	err = genl_open(&g, "nlctrl", 2);
	CHECK(!err, "genl_open(nlctrl): %s", strerror(-err));
	if (err)
		return;
	CHECK(g.family == GENL_ID_CTRL, "nlctrl id %u", g.family);

	/* A do request: the reply, then the ack. */
	nlh = genl_msg(&g, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	err = genl_talk(&g, nlh, count_cb, &d);
	CHECK(!err && d.messages == 1 && d.saw_nlctrl,
	      "do: err %d, %d messages", err, d.messages);

	/* A dump, possibly over several recv()s. */
	memset(&d, 0, sizeof(d));
	err = genl_dump(&g, CTRL_CMD_GETFAMILY, count_cb, &d);
	CHECK(!err && d.messages >= 1 && d.saw_nlctrl,
	      "dump: err %d, %d messages", err, d.messages);

	/*
	 * An error with an extended ack: GETPOLICY validates strictly, and
	 * FAMILY_ID must be a u16.
	 */
	nlh = genl_msg(&g, CTRL_CMD_GETPOLICY, NLM_F_DUMP);
	mnl_attr_put_u32(nlh, CTRL_ATTR_FAMILY_ID, GENL_ID_CTRL);
	err = genl_talk(&g, nlh, count_cb, &d);
	CHECK(err == -EINVAL || err == -ERANGE, "bad attribute: err %d", err);
	CHECK(g.extack[0], "bad attribute: no extack message");
	fprintf(stderr, "  (kernel extack: \"%s\")\n", g.extack);

	/* The socket is still usable after an error. */
	memset(&d, 0, sizeof(d));
	nlh = genl_msg(&g, CTRL_CMD_GETFAMILY, NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	err = genl_talk(&g, nlh, count_cb, &d);
	CHECK(!err && d.messages == 1, "do after error: err %d", err);
	genl_close(&g);

	err = genl_open(&g, "cnetnosuchfam", 1);
	CHECK(err == -ENOENT, "missing family: err %d", err);
}

/* A printer for nlctrl's family messages, in cnet_show()'s style. */
static int family_show_attr_cb(const struct nlattr *attr, void *data)
{
	struct cnet_show *s = data;

	if (mnl_attr_get_type(attr) != CTRL_ATTR_FAMILY_NAME)
		return MNL_CB_OK;
	if (s->json) {
		json_open_object(s->json);
		json_kv_string(s->json, "name", mnl_attr_get_str(attr));
		json_close_object(s->json);
	} else {
		fprintf(s->fp, "%s\n", mnl_attr_get_str(attr));
	}
	return MNL_CB_OK;
}

static int family_show_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, family_show_attr_cb, data);
}

/* Run cnet_show() on nlctrl, returning its stdout and stderr. */
static int show(bool json, bool dump, char **out, char **err)
{
	struct cnet c = { .json = json };
	FILE *o = tmpfile(), *e = tmpfile();
	int so = dup(1), se = dup(2);
	size_t len;
	int ret;

	if (genl_open(&c.genl, "nlctrl", 2))
		return -1;
	c.genl_open = true;

	fflush(stdout);
	fflush(stderr);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	ret = cnet_show(&c, CTRL_CMD_GETFAMILY, dump, family_show_cb, 0);
	fflush(stdout);
	fflush(stderr);
	dup2(so, 1);
	dup2(se, 2);
	close(so);
	close(se);
	cnet_close(&c);

	*out = calloc(1, 65536);
	*err = calloc(1, 4096);
	rewind(o);
	rewind(e);
	len = fread(*out, 1, 65535, o);
	(*out)[len] = '\0';
	len = fread(*err, 1, 4095, e);
	(*err)[len] = '\0';
	fclose(o);
	fclose(e);
	return ret;
}

static void test_show(void)
{
	char *out, *err;
	int ret;

	ret = show(false, true, &out, &err);
	CHECK(ret == 0 && strstr(out, "nlctrl\n") && !*err,
	      "show text: %d [%s]", ret, err);
	free(out);
	free(err);

	ret = show(true, true, &out, &err);
	CHECK(ret == 0 && !strncmp(out, "[{\"name\":", 9) &&
	      strstr(out, "{\"name\":\"nlctrl\"}") &&
	      !strcmp(out + strlen(out) - 3, "}]\n") && !*err,
	      "show json: %d [%s] [%s]", ret, out, err);
	fputs(out, stdout);
	free(out);
	free(err);

	/* A failing do request (no family named): no JSON, one error line. */
	ret = show(true, false, &out, &err);
	CHECK(ret == EXIT_ERR && !*out && !strncmp(err, "cnet: ", 6) &&
	      strchr(err, '\n') == err + strlen(err) - 1,
	      "show error: %d [%s] [%s]", ret, out, err);
	fprintf(stderr, "  (error line: %s", err);
	free(out);
	free(err);
}

int main(void)
{
	test_link();
	test_addr();
	test_neigh();
	test_stats();
	test_route();
	test_route_get();
	test_conf();
	test_sock();
	test_json();
	test_args();
	test_errors();
	test_genl();
	test_show();

	return check_summary("selftest");
}
