// SPDX-License-Identifier: GPL-2.0
/*
 * cnet neigh: list the ARP cache.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "cnet.h"

static const char *const neigh_states[__CNET_NEIGH_MAX] = {
	[CNET_NEIGH_INCOMPLETE]	= "INCOMPLETE",
	[CNET_NEIGH_REACHABLE]	= "REACHABLE",
	[CNET_NEIGH_STALE]	= "STALE",
	[CNET_NEIGH_FAILED]	= "FAILED",
	[CNET_NEIGH_DELAY]	= "DELAY",
	[CNET_NEIGH_PROBE]	= "PROBE",
	[CNET_NEIGH_PERMANENT]	= "PERMANENT",
};

static const char *neigh_state_name(uint8_t state)
{
	if (state < __CNET_NEIGH_MAX && neigh_states[state])
		return neigh_states[state];
	return "UNKNOWN";
}

/*
 * One entry, as iproute2 prints it:
 * "10.0.0.2 dev veth0 lladdr aa:bb:cc:dd:ee:ff REACHABLE"; no lladdr while
 * the entry is unresolved.
 */
int neigh_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	char ifname[IFNAMSIZ];
	char dst[INET_ADDRSTRLEN];
	char lladdr[LLADDR_STR_MAX];
	const char *name, *state_name;
	bool has_lladdr;
	uint8_t state;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_ADDR] || !tb[CNET_A_NEIGH_STATE] ||
	    (!tb[CNET_A_IFINDEX] && !tb[CNET_A_IFNAME])) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (cnet_show_skip(s, tb))
		return MNL_CB_OK;

	name = format_ifname(tb, ifname);
	format_in_addr(tb[CNET_A_ADDR], dst);
	state = mnl_attr_get_u8(tb[CNET_A_NEIGH_STATE]);
	state_name = neigh_state_name(state);
	has_lladdr = tb[CNET_A_LLADDR] && state != CNET_NEIGH_INCOMPLETE &&
		     state != CNET_NEIGH_FAILED;
	if (has_lladdr)
		format_lladdr(tb[CNET_A_LLADDR], lladdr);

	if (s->json) {
		json_open_object(s->json);
		json_kv_string(s->json, "dst", dst);
		json_kv_string(s->json, "dev", name);
		if (has_lladdr)
			json_kv_string(s->json, "lladdr", lladdr);
		json_kv_string(s->json, "state", state_name);
		if (tb[CNET_A_NEIGH_AGE_MS])
			json_kv_uint(s->json, "age_ms",
				     mnl_attr_get_u32(tb[CNET_A_NEIGH_AGE_MS]));
		if (tb[CNET_A_NEIGH_QLEN])
			json_kv_uint(s->json, "queue",
				     mnl_attr_get_u32(tb[CNET_A_NEIGH_QLEN]));
		json_close_object(s->json);
		return MNL_CB_OK;
	}

	fprintf(s->fp, "%s dev %s", dst, name);
	if (has_lladdr)
		fprintf(s->fp, " lladdr %s", lladdr);
	fprintf(s->fp, " %s\n", state_name);
	return MNL_CB_OK;
}

/*
 * Minimal static entry commands (the arp branch's, for its tests):
 *   neigh add A.B.C.D lladdr MAC dev DEV
 *   neigh del A.B.C.D dev DEV
 *   neigh flush [dev DEV] [all]
 */
static int neigh_change(struct cnet *c, uint8_t cmd, const char *what,
			int argc, char **argv)
{
	const char *dev = NULL, *dst = NULL, *ll = NULL;
	unsigned int ifindex = 0, m[6];
	uint8_t mac[6];
	struct nlmsghdr *nlh;
	struct in_addr in;
	bool all = false;
	struct genl *g;
	int err, i;
	char end;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "dev") && argc > 1) {
			dev = *++argv;
			argc--;
		} else if (!strcmp(*argv, "lladdr") && argc > 1 &&
			   cmd == CNET_CMD_NEIGH_ADD) {
			ll = *++argv;
			argc--;
		} else if (!strcmp(*argv, "all") && cmd == CNET_CMD_NEIGH_FLUSH) {
			all = true;
		} else if (!dst && cmd != CNET_CMD_NEIGH_FLUSH) {
			dst = *argv;
		} else {
			return cnet_usage_error("neigh %s: unexpected argument \"%s\"",
						what, *argv);
		}
	}
	if (cmd != CNET_CMD_NEIGH_FLUSH && (!dst || !dev))
		return cnet_usage_error("neigh %s: needs an address and \"dev DEV\"",
					what);
	if (cmd == CNET_CMD_NEIGH_ADD && !ll)
		return cnet_usage_error("neigh add: missing \"lladdr MAC\"");
	if (dst && inet_pton(AF_INET, dst, &in) != 1) {
		cnet_error("invalid address \"%s\"", dst);
		return EXIT_ERR;
	}
	if (ll) {
		if (sscanf(ll, "%x:%x:%x:%x:%x:%x%c", &m[0], &m[1], &m[2],
			   &m[3], &m[4], &m[5], &end) != 6) {
			cnet_error("invalid link-layer address \"%s\"", ll);
			return EXIT_ERR;
		}
		for (i = 0; i < 6; i++) {
			if (m[i] > 0xff) {
				cnet_error("invalid link-layer address \"%s\"", ll);
				return EXIT_ERR;
			}
			mac[i] = m[i];
		}
	}
	if (dev) {
		err = parse_dev(dev, &ifindex);
		if (err)
			return err;
	}

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, cmd, NLM_F_ACK);
	if (dev)
		cnet_request_dev(nlh, ifindex, dev);
	if (dst)
		mnl_attr_put(nlh, CNET_A_ADDR, 4, &in.s_addr);
	if (ll)
		mnl_attr_put(nlh, CNET_A_LLADDR, sizeof(mac), mac);
	if (all)
		mnl_attr_put(nlh, CNET_A_NEIGH_ALL, 0, NULL);
	err = cnet_do(c, nlh);
	return err ? cnet_kernel_error(c, err) : 0;
}

static int neigh_show(struct cnet *c, int argc, char **argv)
{
	unsigned int ifindex;
	int err;

	err = parse_show_args("neigh", argc, argv, &ifindex);
	if (err)
		return err;
	return cnet_show(c, CNET_CMD_NEIGH_GET, true, neigh_show_cb, ifindex);
}

int do_neigh(struct cnet *c, int argc, char **argv)
{
	const char *cmd;

	if (argc < 1)
		return neigh_show(c, 0, NULL);
	cmd = *argv++;
	argc--;

	if (matches(cmd, "show", 1) || matches(cmd, "list", 1) ||
	    !strcmp(cmd, "ls"))
		return neigh_show(c, argc, argv);
	if (!strcmp(cmd, "add"))
		return neigh_change(c, CNET_CMD_NEIGH_ADD, "add", argc, argv);
	if (!strcmp(cmd, "del"))
		return neigh_change(c, CNET_CMD_NEIGH_DEL, "del", argc, argv);
	if (!strcmp(cmd, "flush"))
		return neigh_change(c, CNET_CMD_NEIGH_FLUSH, "flush", argc, argv);
	if (is_help(cmd)) {
		cnet_usage(stdout);
		return 0;
	}
	return cnet_usage_error("neigh: unknown command \"%s\"", cmd);
}
