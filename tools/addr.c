// SPDX-License-Identifier: GPL-2.0
/*
 * cnet addr: add, delete and list the IPv4 addresses of cnet devices.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "cnet.h"
#include "nlconf.h"

/* addr add|del A.B.C.D/P dev DEV [nodad|dad], in any order. */
static int addr_change(struct cnet *c, uint8_t cmd, const char *what,
		       int argc, char **argv)
{
	const char *dev = NULL, *prefix = NULL;
	unsigned int ifindex;
	struct nlmsghdr *nlh;
	struct genl *g;
	uint32_t addr;
	uint32_t flags = 0;
	uint8_t plen;
	int err;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "nodad") && cmd == CNET_CMD_ADDR_ADD) {
			flags |= CNET_IFA_F_NODAD;
		} else if (!strcmp(*argv, "dad") && cmd == CNET_CMD_ADDR_ADD) {
			flags |= CNET_IFA_F_DAD;
		} else if (!strcmp(*argv, "dev")) {
			if (dev)
				return tool_usage_error("addr %s: \"dev\" given twice",
							what);
			if (argc < 2)
				return tool_usage_error("addr %s: \"dev\" needs a device name",
							what);
			argc--;
			dev = *++argv;
		} else if (!prefix) {
			prefix = *argv;
		} else {
			return tool_usage_error("addr %s: unexpected argument \"%s\"",
						what, *argv);
		}
	}
	if (!prefix)
		return tool_usage_error("addr %s: missing address (A.B.C.D/PREFIX)",
					what);
	if (!dev)
		return tool_usage_error("addr %s: missing \"dev DEV\"", what);
	if ((flags & CNET_IFA_F_NODAD) && (flags & CNET_IFA_F_DAD))
		return tool_usage_error("addr %s: \"nodad\" and \"dad\" exclude each other",
					what);

	err = parse_prefix(prefix, &addr, &plen);
	if (!err)
		err = parse_dev(dev, &ifindex);
	if (err)
		return err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = nlconf_addr_msg(g, cmd, ifindex, dev, addr, plen, flags);

	err = cnet_do(c, nlh);
	if (err == -EEXIST && cmd == CNET_CMD_ADDR_ADD) {
		tool_error("address already exists");
		return EXIT_ERR;
	}
	return err ? cnet_kernel_error(c, err) : 0;
}

/* Address flags as ip shows them, in this order. */
static const struct {
	uint32_t flag;
	const char *name;
} addr_flags[] = {
	{ CNET_IFA_F_OPTIMISTIC, "optimistic" },
	{ CNET_IFA_F_TENTATIVE, "tentative" },
	{ CNET_IFA_F_DADFAILED, "dadfailed" },
};

/*
 * One address: "NAME A.B.C.D/P brd X.X.X.X [optimistic] [tentative]
 * [dadfailed]".
 */
int addr_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	char ifname[IFNAMSIZ];
	char addr[INET_ADDRSTRLEN], brd[INET_ADDRSTRLEN];
	const char *name;
	uint32_t flags = 0;
	unsigned int i;
	uint8_t plen;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_ADDR] || !tb[CNET_A_PREFIXLEN] ||
	    (!tb[CNET_A_IFINDEX] && !tb[CNET_A_IFNAME])) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (cnet_show_skip(s, tb))
		return MNL_CB_OK;

	name = format_ifname(tb, ifname);
	format_in_addr(tb[CNET_A_ADDR], addr);
	plen = mnl_attr_get_u8(tb[CNET_A_PREFIXLEN]);
	if (tb[CNET_A_BROADCAST])
		format_in_addr(tb[CNET_A_BROADCAST], brd);
	if (tb[CNET_A_ADDR_FLAGS])
		flags = mnl_attr_get_u32(tb[CNET_A_ADDR_FLAGS]);

	if (s->json) {
		json_open_object(s->json);
		if (tb[CNET_A_IFINDEX])
			json_kv_uint(s->json, "ifindex",
				     mnl_attr_get_u32(tb[CNET_A_IFINDEX]));
		json_kv_string(s->json, "ifname", name);
		json_kv_string(s->json, "addr", addr);
		json_kv_uint(s->json, "prefixlen", plen);
		if (tb[CNET_A_BROADCAST])
			json_kv_string(s->json, "broadcast", brd);
		if (flags) {
			json_key(s->json, "flags");
			json_open_array(s->json);
			for (i = 0; i < ARRAY_SIZE(addr_flags); i++)
				if (flags & addr_flags[i].flag)
					json_string(s->json, addr_flags[i].name);
			json_close_array(s->json);
		}
		json_close_object(s->json);
		return MNL_CB_OK;
	}

	fprintf(s->fp, "%s %s/%u", name, addr, plen);
	if (tb[CNET_A_BROADCAST])
		fprintf(s->fp, " brd %s", brd);
	for (i = 0; i < ARRAY_SIZE(addr_flags); i++)
		if (flags & addr_flags[i].flag)
			fprintf(s->fp, " %s", addr_flags[i].name);
	fputc('\n', s->fp);
	return MNL_CB_OK;
}

static int addr_show(struct cnet *c, int argc, char **argv)
{
	unsigned int ifindex;
	int err;

	err = parse_show_args("addr", argc, argv, &ifindex);
	if (err)
		return err;
	return cnet_show(c, CNET_CMD_ADDR_GET, true, addr_show_cb, ifindex);
}

static int addr_add(struct cnet *c, int argc, char **argv)
{
	return addr_change(c, CNET_CMD_ADDR_ADD, "add", argc, argv);
}

static int addr_del(struct cnet *c, int argc, char **argv)
{
	return addr_change(c, CNET_CMD_ADDR_DEL, "del", argc, argv);
}

static const struct cnet_subcmd addr_cmds[] = {
	{ "add", 1, addr_add },
	{ "delete", 1, addr_del },
	{ "show", 1, addr_show },
	{ "list", 1, addr_show },
	{ "ls", 2, addr_show },
};

int do_addr(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "addr", addr_cmds, ARRAY_SIZE(addr_cmds),
			     argc, argv);
}
