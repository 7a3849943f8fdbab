// SPDX-License-Identifier: GPL-2.0
/*
 * cnet link: attach cnet to a network device, detach it, list the devices
 * cnet runs on, change their settings.
 */
#include <errno.h>
#include <string.h>

#include "cnet.h"

/* link attach|detach [dev] DEV */
static int link_change(struct cnet *c, uint8_t cmd, const char *what,
		       int argc, char **argv)
{
	unsigned int ifindex;
	struct nlmsghdr *nlh;
	struct genl *g;
	int err;

	if (argc > 1 && !strcmp(argv[0], "dev")) {
		argc--;
		argv++;
	}
	if (argc < 1)
		return tool_usage_error("link %s: missing device name", what);
	if (argc > 1)
		return tool_usage_error("link %s: unexpected argument \"%s\"",
					what, argv[1]);

	err = parse_dev(argv[0], &ifindex);
	if (err)
		return err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, cmd, NLM_F_ACK);
	cnet_request_dev(nlh, ifindex, argv[0]);

	err = cnet_do(c, nlh);
	return err ? cnet_kernel_error(c, err) : 0;
}

/*
 * One attached device: "IFINDEX: NAME lladdr xx:xx:xx:xx:xx:xx mtu N",
 * " proxy_arp on" when it answers ARP for routed addresses, and the
 * neighbour settings it has of its own, as conf show names them
 * (" neigh_retrans_ms 100").
 */
int link_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	char ifname[IFNAMSIZ];
	char lladdr[LLADDR_STR_MAX];
	unsigned int ifindex;
	const struct conf_setting *cs;
	const char *name;
	bool proxy_arp;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_IFINDEX]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (cnet_show_skip(s, tb))
		return MNL_CB_OK;

	ifindex = mnl_attr_get_u32(tb[CNET_A_IFINDEX]);
	name = format_ifname(tb, ifname);
	if (tb[CNET_A_LLADDR])
		format_lladdr(tb[CNET_A_LLADDR], lladdr);
	proxy_arp = tb[CNET_A_PROXY_ARP] &&
		    mnl_attr_get_u8(tb[CNET_A_PROXY_ARP]);

	if (s->json) {
		json_open_object(s->json);
		json_kv_uint(s->json, "ifindex", ifindex);
		json_kv_string(s->json, "ifname", name);
		if (tb[CNET_A_LLADDR])
			json_kv_string(s->json, "lladdr", lladdr);
		if (tb[CNET_A_MTU])
			json_kv_uint(s->json, "mtu",
				     mnl_attr_get_u32(tb[CNET_A_MTU]));
		if (tb[CNET_A_PROXY_ARP])
			json_kv_bool(s->json, "proxy_arp", proxy_arp);
		for (cs = NULL; (cs = conf_dev_setting_next(cs));)
			if (tb[cs->attr])
				json_kv_uint(s->json, cs->name,
					     mnl_attr_get_u32(tb[cs->attr]));
		json_close_object(s->json);
		return MNL_CB_OK;
	}

	fprintf(s->fp, "%u: %s", ifindex, name);
	if (tb[CNET_A_LLADDR])
		fprintf(s->fp, " lladdr %s", lladdr);
	if (tb[CNET_A_MTU])
		fprintf(s->fp, " mtu %u", mnl_attr_get_u32(tb[CNET_A_MTU]));
	if (proxy_arp)
		fputs(" proxy_arp on", s->fp);
	for (cs = NULL; (cs = conf_dev_setting_next(cs));)
		if (tb[cs->attr])
			fprintf(s->fp, " %s %u", cs->name,
				mnl_attr_get_u32(tb[cs->attr]));
	fputc('\n', s->fp);
	return MNL_CB_OK;
}

/* The neighbour settings a device may have: at most this many */
#define LINK_NEIGH_MAX	16

/* link set [dev] DEV [proxy_arp on|off] [neigh_NAME N]... */
static int link_set(struct cnet *c, int argc, char **argv)
{
	const struct conf_setting *neigh[LINK_NEIGH_MAX], *cs;
	uint32_t neigh_v[LINK_NEIGH_MAX];
	unsigned int i, nneigh = 0;
	const char *dev = NULL;
	unsigned int ifindex;
	struct nlmsghdr *nlh;
	bool has_proxy = false;
	uint8_t proxy = 0;
	struct genl *g;
	int err;

	for (; argc > 0; argc--, argv++) {
		cs = conf_dev_setting(argv[0]);
		if (cs) {
			for (i = 0; i < nneigh; i++)
				if (neigh[i] == cs)
					return tool_usage_error("link set: \"%s\" given twice",
								cs->name);
			if (argc < 2)
				return tool_usage_error("link set: \"%s\" needs a value",
							cs->name);
			if (nneigh == LINK_NEIGH_MAX)
				return tool_usage_error("link set: too many settings");
			if (conf_setting_parse(cs, argv[1], &neigh_v[nneigh]))
				return EXIT_ERR;
			neigh[nneigh++] = cs;
			argc--;
			argv++;
		} else if (!strcmp(argv[0], "neigh_max_entries")) {
			return tool_usage_error("link set: neigh_max_entries is the namespace's (cnet conf set), not a device's");
		} else if (!strcmp(argv[0], "proxy_arp")) {
			if (has_proxy)
				return tool_usage_error("link set: \"proxy_arp\" given twice");
			if (argc < 2)
				return tool_usage_error("link set: \"proxy_arp\" needs on or off");
			if (parse_on_off("proxy_arp", argv[1], &proxy))
				return EXIT_ERR;
			has_proxy = true;
			argc--;
			argv++;
		} else if (!strcmp(argv[0], "dev") && !dev && argc > 1) {
			argc--;
			dev = *++argv;
		} else if (!dev) {
			dev = argv[0];
		} else {
			return tool_usage_error("link set: unexpected argument \"%s\"",
						argv[0]);
		}
	}
	if (!dev)
		return tool_usage_error("link set: missing device name");
	if (!has_proxy && !nneigh)
		return tool_usage_error("link set: nothing to set (proxy_arp on|off, neigh_... N)");
	err = parse_dev(dev, &ifindex);
	if (err)
		return err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, CNET_CMD_LINK_SET, NLM_F_ACK);
	cnet_request_dev(nlh, ifindex, dev);
	if (has_proxy)
		mnl_attr_put_u8(nlh, CNET_A_PROXY_ARP, proxy);
	for (i = 0; i < nneigh; i++)
		mnl_attr_put_u32(nlh, neigh[i]->attr, neigh_v[i]);
	err = cnet_do(c, nlh);
	return err ? cnet_kernel_error(c, err) : 0;
}

static int link_attach(struct cnet *c, int argc, char **argv)
{
	return link_change(c, CNET_CMD_LINK_ATTACH, "attach", argc, argv);
}

static int link_detach(struct cnet *c, int argc, char **argv)
{
	return link_change(c, CNET_CMD_LINK_DETACH, "detach", argc, argv);
}

static int link_show(struct cnet *c, int argc, char **argv)
{
	return cnet_show_dump(c, "link", CNET_CMD_LINK_GET, link_show_cb,
			      argc, argv);
}

static const struct cnet_subcmd link_cmds[] = {
	{ "attach", 1, link_attach },
	{ "detach", 1, link_detach },
	{ "set", 2, link_set },
	{ "show", 1, link_show },
	{ "list", 1, link_show },
	{ "ls", 2, link_show },
};

int do_link(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "link", link_cmds, ARRAY_SIZE(link_cmds),
			     argc, argv);
}
