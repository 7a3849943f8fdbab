// SPDX-License-Identifier: GPL-2.0
/*
 * cnet link: attach cnet to a network device, detach it, list the devices
 * cnet runs on.
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
		return cnet_usage_error("link %s: missing device name", what);
	if (argc > 1)
		return cnet_usage_error("link %s: unexpected argument \"%s\"",
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

/* One attached device: "IFINDEX: NAME lladdr xx:xx:xx:xx:xx:xx mtu N". */
int link_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	char ifname[IFNAMSIZ];
	char lladdr[LLADDR_STR_MAX];
	unsigned int ifindex;
	const char *name;

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

	if (s->json) {
		json_open_object(s->json);
		json_kv_uint(s->json, "ifindex", ifindex);
		json_kv_string(s->json, "ifname", name);
		if (tb[CNET_A_LLADDR])
			json_kv_string(s->json, "lladdr", lladdr);
		if (tb[CNET_A_MTU])
			json_kv_uint(s->json, "mtu",
				     mnl_attr_get_u32(tb[CNET_A_MTU]));
		json_close_object(s->json);
		return MNL_CB_OK;
	}

	fprintf(s->fp, "%u: %s", ifindex, name);
	if (tb[CNET_A_LLADDR])
		fprintf(s->fp, " lladdr %s", lladdr);
	if (tb[CNET_A_MTU])
		fprintf(s->fp, " mtu %u", mnl_attr_get_u32(tb[CNET_A_MTU]));
	fputc('\n', s->fp);
	return MNL_CB_OK;
}

/* Minimal (the arp branch's, for its tests): link set DEV proxy_arp on|off */
static int link_set(struct cnet *c, int argc, char **argv)
{
	unsigned int ifindex;
	struct nlmsghdr *nlh;
	struct genl *g;
	int err;

	if (argc != 3 || strcmp(argv[1], "proxy_arp") ||
	    (strcmp(argv[2], "on") && strcmp(argv[2], "off")))
		return cnet_usage_error("link set: expected DEV proxy_arp on|off");
	err = parse_dev(argv[0], &ifindex);
	if (err)
		return err;
	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, CNET_CMD_LINK_SET, NLM_F_ACK);
	cnet_request_dev(nlh, ifindex, argv[0]);
	mnl_attr_put_u8(nlh, CNET_A_PROXY_ARP, !strcmp(argv[2], "on"));
	err = cnet_do(c, nlh);
	return err ? cnet_kernel_error(c, err) : 0;
}

static int link_show(struct cnet *c, int argc, char **argv)
{
	unsigned int ifindex;
	int err;

	err = parse_show_args("link", argc, argv, &ifindex);
	if (err)
		return err;
	return cnet_show(c, CNET_CMD_LINK_GET, true, link_show_cb, ifindex);
}

int do_link(struct cnet *c, int argc, char **argv)
{
	const char *cmd;

	if (argc < 1)
		return link_show(c, 0, NULL);
	cmd = *argv++;
	argc--;

	if (matches(cmd, "attach", 1))
		return link_change(c, CNET_CMD_LINK_ATTACH, "attach", argc, argv);
	if (matches(cmd, "detach", 1))
		return link_change(c, CNET_CMD_LINK_DETACH, "detach", argc, argv);
	if (matches(cmd, "show", 1) || matches(cmd, "list", 1) ||
	    !strcmp(cmd, "ls"))
		return link_show(c, argc, argv);
	if (!strcmp(cmd, "set"))
		return link_set(c, argc, argv);
	if (is_help(cmd)) {
		cnet_usage(stdout);
		return 0;
	}
	return cnet_usage_error("link: unknown command \"%s\"", cmd);
}
