// SPDX-License-Identifier: GPL-2.0
/*
 * cnet neigh: list the ARP cache; add and delete static (PERMANENT)
 * entries; flush it.
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
	state_name = ENUM_NAME(neigh_states, state, "UNKNOWN");
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

/* The arguments of neigh add|del|flush. */
struct neigh_req {
	const char *addr, *lladdr, *dev;
	bool all;
};

static int neigh_value(const char *what, int *argc, char ***argv,
		       const char **val)
{
	const char *kw = (*argv)[0];

	if (*val)
		return tool_usage_error("neigh %s: \"%s\" given twice", what,
					kw);
	if (*argc < 2)
		return tool_usage_error("neigh %s: \"%s\" needs a value", what,
					kw);
	(*argc)--;
	(*argv)++;
	*val = (*argv)[0];
	return 0;
}

/* Keywords "lladdr" (add), "all" (flush), "dev"; an address (add, del). */
static int neigh_parse(const char *what, uint8_t cmd, int argc, char **argv,
		       struct neigh_req *r)
{
	int err = 0;

	memset(r, 0, sizeof(*r));
	for (; argc > 0 && !err; argc--, argv++) {
		const char *arg = *argv;

		if (!strcmp(arg, "dev")) {
			err = neigh_value(what, &argc, &argv, &r->dev);
		} else if (cmd == CNET_CMD_NEIGH_ADD &&
			   (!strcmp(arg, "lladdr") || !strcmp(arg, "nud"))) {
			if (!strcmp(arg, "nud")) {
				/* ip neigh's "nud permanent": the only kind */
				if (argc < 2 || strcmp(argv[1], "permanent"))
					return tool_usage_error("neigh add: only \"nud permanent\" entries can be added");
				argc--;
				argv++;
				continue;
			}
			err = neigh_value(what, &argc, &argv, &r->lladdr);
		} else if (cmd == CNET_CMD_NEIGH_FLUSH && !strcmp(arg, "all")) {
			r->all = true;
		} else if (cmd != CNET_CMD_NEIGH_FLUSH && !r->addr) {
			r->addr = arg;
		} else {
			return tool_usage_error("neigh %s: unexpected argument \"%s\"",
						what, arg);
		}
	}
	if (err)
		return err;
	if (cmd == CNET_CMD_NEIGH_FLUSH)
		return 0;
	if (!r->addr)
		return tool_usage_error("neigh %s: missing address (A.B.C.D)",
					what);
	if (cmd == CNET_CMD_NEIGH_ADD && !r->lladdr)
		return tool_usage_error("neigh add: missing \"lladdr xx:xx:xx:xx:xx:xx\"");
	if (!r->dev)
		return tool_usage_error("neigh %s: missing \"dev DEV\"", what);
	return 0;
}

static int neigh_change(struct cnet *c, uint8_t cmd, const char *what,
			int argc, char **argv)
{
	unsigned int ifindex = 0;
	uint8_t mac[6];
	struct neigh_req r;
	struct nlmsghdr *nlh;
	struct genl *g;
	uint32_t addr = 0;
	int err;

	err = neigh_parse(what, cmd, argc, argv, &r);
	if (!err && r.addr)
		err = parse_in_addr(r.addr, &addr);
	if (!err && r.lladdr)
		err = parse_lladdr(r.lladdr, mac);
	if (!err && r.dev)
		err = parse_dev(r.dev, &ifindex);
	if (err)
		return err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, cmd, NLM_F_ACK);
	if (r.dev)
		cnet_request_dev(nlh, ifindex, r.dev);
	if (r.addr)
		mnl_attr_put_u32(nlh, CNET_A_ADDR, addr);	/* be32 */
	if (r.lladdr)
		mnl_attr_put(nlh, CNET_A_LLADDR, sizeof(mac), mac);
	if (r.all)
		mnl_attr_put(nlh, CNET_A_NEIGH_ALL, 0, NULL);

	err = cnet_do(c, nlh);
	if ((err == -ENOENT || err == -ESRCH) && cmd == CNET_CMD_NEIGH_DEL &&
	    !c->genl.extack[0]) {
		tool_error("no such neighbour entry");
		return EXIT_ERR;
	}
	return err ? cnet_kernel_error(c, err) : 0;
}

static int neigh_add(struct cnet *c, int argc, char **argv)
{
	return neigh_change(c, CNET_CMD_NEIGH_ADD, "add", argc, argv);
}

static int neigh_del(struct cnet *c, int argc, char **argv)
{
	return neigh_change(c, CNET_CMD_NEIGH_DEL, "del", argc, argv);
}

static int neigh_flush(struct cnet *c, int argc, char **argv)
{
	return neigh_change(c, CNET_CMD_NEIGH_FLUSH, "flush", argc, argv);
}

static int neigh_show(struct cnet *c, int argc, char **argv)
{
	return cnet_show_dump(c, "neigh", CNET_CMD_NEIGH_GET, neigh_show_cb,
			      argc, argv);
}

static const struct cnet_subcmd neigh_cmds[] = {
	{ "add", 1, neigh_add },
	{ "delete", 1, neigh_del },
	{ "flush", 1, neigh_flush },
	{ "show", 1, neigh_show },
	{ "list", 1, neigh_show },
	{ "ls", 2, neigh_show },
};

int do_neigh(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "neigh", neigh_cmds, ARRAY_SIZE(neigh_cmds),
			     argc, argv);
}
