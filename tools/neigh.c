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

static int neigh_show(struct cnet *c, int argc, char **argv)
{
	return cnet_show_dump(c, "neigh", CNET_CMD_NEIGH_GET, neigh_show_cb,
			      argc, argv);
}

static const struct cnet_subcmd neigh_cmds[] = {
	{ "show", 1, neigh_show },
	{ "list", 1, neigh_show },
	{ "ls", 2, neigh_show },
};

int do_neigh(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "neigh", neigh_cmds, ARRAY_SIZE(neigh_cmds),
			     argc, argv);
}
