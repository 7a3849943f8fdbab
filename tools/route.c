// SPDX-License-Identifier: GPL-2.0
/*
 * cnet route: add, replace, delete and list routes; ask which route a
 * destination takes. The syntax and the output are ip-route(8)'s.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include "cnet.h"
#include "nlconf.h"

static const char *const rt_types[__CNET_RT_MAX] = {
	[CNET_RT_UNICAST]	= "unicast",
	[CNET_RT_BLACKHOLE]	= "blackhole",
	[CNET_RT_UNREACHABLE]	= "unreachable",
	[CNET_RT_PROHIBIT]	= "prohibit",
	[CNET_RT_LOCAL]		= "local",
	[CNET_RT_BROADCAST]	= "broadcast",
};

static const char *const rt_protos[] = {
	[CNET_RT_PROTO_KERNEL]	= "kernel",
	[CNET_RT_PROTO_STATIC]	= "static",
};

static const char *const rt_scopes[] = {
	[CNET_RT_SCOPE_LINK]	= "link",
	[CNET_RT_SCOPE_GLOBAL]	= "global",
};

#define rt_type_name(t)		ENUM_NAME(rt_types, t, "unknown")
#define rt_proto_name(p)	ENUM_NAME(rt_protos, p, "unknown")
#define rt_scope_name(s)	ENUM_NAME(rt_scopes, s, "unknown")

/* The types a route can be given (local and broadcast are GET answers). */
static uint8_t rt_type_parse(const char *word)
{
	uint8_t t;

	for (t = CNET_RT_UNICAST; t <= CNET_RT_PROHIBIT; t++)
		if (!strcmp(word, rt_types[t]))
			return t;
	return CNET_RT_UNSPEC;
}

/* The command line of add, replace and del. */
struct route_req {
	const char *prefix, *via, *dev, *metric, *src;
	uint8_t type;			/* CNET_RT_UNSPEC: not given */
	uint32_t dst, gw, prefsrc, metric_val;
	uint8_t plen;
	unsigned int ifindex;
};

/* Take the value of keyword argv[0]: *@val = argv[1]. */
static int route_value(const char *what, int *argc, char ***argv,
		       const char **val)
{
	const char *kw = (*argv)[0];

	if (*val)
		return tool_usage_error("route %s: \"%s\" given twice", what, kw);
	if (*argc < 2)
		return tool_usage_error("route %s: \"%s\" needs a value", what,
					kw);
	(*argc)--;
	(*argv)++;
	*val = (*argv)[0];
	return 0;
}

static int route_parse(const char *what, bool del, int argc, char **argv,
		       struct route_req *r)
{
	int err = 0;

	memset(r, 0, sizeof(*r));
	for (; argc > 0 && !err; argc--, argv++) {
		const char *arg = *argv;
		uint8_t type = rt_type_parse(arg);

		if (!strcmp(arg, "via")) {
			err = route_value(what, &argc, &argv, &r->via);
		} else if (!strcmp(arg, "dev")) {
			err = route_value(what, &argc, &argv, &r->dev);
		} else if (!strcmp(arg, "metric") ||
			   !strcmp(arg, "preference")) {
			err = route_value(what, &argc, &argv, &r->metric);
		} else if (!strcmp(arg, "src") && !del) {
			err = route_value(what, &argc, &argv, &r->src);
		} else if (!strcmp(arg, "to")) {
			err = route_value(what, &argc, &argv, &r->prefix);
		} else if (!r->prefix && !r->type && type) {
			r->type = type;
		} else if (!r->prefix) {
			r->prefix = arg;
		} else {
			return tool_usage_error("route %s: unexpected argument \"%s\"",
						what, arg);
		}
	}
	if (err)
		return err;
	if (!r->prefix)
		return tool_usage_error("route %s: missing destination (A.B.C.D[/PREFIX] or default)",
					what);

	if (!del) {
		if (!r->type)
			r->type = CNET_RT_UNICAST;
		if (r->type == CNET_RT_UNICAST && !r->via && !r->dev)
			return tool_usage_error("route %s: a route needs \"via GATEWAY\" or \"dev DEV\"",
						what);
		if (r->type != CNET_RT_UNICAST && (r->via || r->dev || r->src))
			return tool_usage_error("route %s: a %s route takes no via, dev or src",
						what, rt_types[r->type]);
	}

	err = parse_route_prefix(r->prefix, &r->dst, &r->plen);
	if (!err && r->via)
		err = parse_in_addr(r->via, &r->gw);
	if (!err && r->src)
		err = parse_in_addr(r->src, &r->prefsrc);
	if (!err && r->metric)
		err = parse_u32("metric", r->metric, &r->metric_val);
	if (!err && r->dev)
		err = parse_dev(r->dev, &r->ifindex);
	return err;
}

/* A failed change, said plainly when the kernel gave no reason. */
static int route_error(struct cnet *c, int err)
{
	const char *msg = c->genl.extack;

	if (err == -EEXIST && !*msg)
		tool_error("route already exists");
	else if ((err == -ESRCH || err == -ENOENT) && !*msg)
		tool_error("no such route");
	else
		return cnet_kernel_error(c, err);
	return EXIT_ERR;
}

static int route_change(struct cnet *c, uint8_t cmd, const char *what,
			int argc, char **argv)
{
	bool del = cmd == CNET_CMD_ROUTE_DEL;
	struct nlconf_route nr;
	struct route_req r;
	struct nlmsghdr *nlh;
	struct genl *g;
	int err;

	err = route_parse(what, del, argc, argv, &r);
	if (err)
		return err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nr = (struct nlconf_route) {
		.dst = r.dst,
		.plen = r.plen,
		.type = r.type,
		.has_gw = r.via,
		.gw = r.gw,
		.ifindex = r.ifindex,
		.ifname = r.dev,
		.has_metric = r.metric,
		.metric = r.metric_val,
		.has_prefsrc = r.src,
		.prefsrc = r.prefsrc,
	};
	nlh = nlconf_route_msg(g, cmd, &nr);

	err = cnet_do(c, nlh);
	return err ? route_error(c, err) : 0;
}

static int route_add(struct cnet *c, int argc, char **argv)
{
	return route_change(c, CNET_CMD_ROUTE_ADD, "add", argc, argv);
}

static int route_replace(struct cnet *c, int argc, char **argv)
{
	/* generic netlink refuses rtnetlink's NLM_F_REPLACE: a command */
	return route_change(c, CNET_CMD_ROUTE_REPLACE, "replace", argc, argv);
}

static int route_del(struct cnet *c, int argc, char **argv)
{
	return route_change(c, CNET_CMD_ROUTE_DEL, "del", argc, argv);
}

/* "default", "A.B.C.D" for a host route, else "A.B.C.D/P". */
static const char *format_dst(const struct nlattr **tb, char *buf,
			      size_t size)
{
	char addr[INET_ADDRSTRLEN];
	uint8_t plen = mnl_attr_get_u8(tb[CNET_A_PREFIXLEN]);

	format_in_addr(tb[CNET_A_ADDR], addr);
	if (!plen)
		snprintf(buf, size, "default");
	else if (plen == 32)
		snprintf(buf, size, "%s", addr);
	else
		snprintf(buf, size, "%s/%u", addr, plen);
	return buf;
}

/* What a route message says, ready to print. */
struct route_fmt {
	uint8_t type, scope, proto;
	uint32_t metric;
	const char *dev;		/* NULL: none */
	bool gw, src;
	char dst[INET_ADDRSTRLEN + 4];
	char gwbuf[INET_ADDRSTRLEN];
	char srcbuf[INET_ADDRSTRLEN];
	char ifname[IFNAMSIZ];
};

static int route_fmt(const struct nlattr **tb, struct route_fmt *f)
{
	if (!tb[CNET_A_ADDR] || !tb[CNET_A_PREFIXLEN] || !tb[CNET_A_RT_TYPE]) {
		errno = EBADMSG;
		return -1;
	}
	f->type = mnl_attr_get_u8(tb[CNET_A_RT_TYPE]);
	f->scope = tb[CNET_A_RT_SCOPE] ?
		   mnl_attr_get_u8(tb[CNET_A_RT_SCOPE]) : CNET_RT_SCOPE_GLOBAL;
	f->proto = tb[CNET_A_RT_PROTO] ?
		   mnl_attr_get_u8(tb[CNET_A_RT_PROTO]) : CNET_RT_PROTO_STATIC;
	f->metric = tb[CNET_A_METRIC] ? mnl_attr_get_u32(tb[CNET_A_METRIC]) : 0;
	format_dst(tb, f->dst, sizeof(f->dst));
	f->dev = NULL;
	if (tb[CNET_A_IFINDEX] || tb[CNET_A_IFNAME])
		f->dev = format_ifname(tb, f->ifname);
	f->gw = tb[CNET_A_GATEWAY] && mnl_attr_get_u32(tb[CNET_A_GATEWAY]);
	if (f->gw)
		format_in_addr(tb[CNET_A_GATEWAY], f->gwbuf);
	f->src = tb[CNET_A_PREFSRC] && mnl_attr_get_u32(tb[CNET_A_PREFSRC]);
	if (f->src)
		format_in_addr(tb[CNET_A_PREFSRC], f->srcbuf);
	return 0;
}

/* The JSON members of a route, ip -j's keys; @dst as given. */
static void route_json(struct json *j, const struct route_fmt *f,
		       const char *dst)
{
	json_kv_string(j, "type", rt_type_name(f->type));
	json_kv_string(j, "dst", dst);
	if (f->gw)
		json_kv_string(j, "gateway", f->gwbuf);
	if (f->dev)
		json_kv_string(j, "dev", f->dev);
	json_kv_string(j, "protocol", rt_proto_name(f->proto));
	json_kv_string(j, "scope", rt_scope_name(f->scope));
	if (f->src)
		json_kv_string(j, "prefsrc", f->srcbuf);
	json_kv_uint(j, "metric", f->metric);
}

/*
 * One route, as ip route prints it:
 *   "default via 10.0.1.2 dev veth0 metric 10"
 *   "10.0.1.0/24 dev veth0 proto kernel scope link src 10.0.1.1"
 *   "unreachable 10.8.0.0/16 metric 5"
 */
int route_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	struct route_fmt f;

	if (cnet_parse_attrs(nlh, tb) < 0 || route_fmt(tb, &f) < 0)
		return MNL_CB_ERROR;
	if (cnet_show_skip(s, tb))
		return MNL_CB_OK;

	if (s->json) {
		json_open_object(s->json);
		route_json(s->json, &f, f.dst);
		json_close_object(s->json);
		return MNL_CB_OK;
	}

	if (f.type != CNET_RT_UNICAST)
		fprintf(s->fp, "%s ", rt_type_name(f.type));
	fputs(f.dst, s->fp);
	if (f.gw)
		fprintf(s->fp, " via %s", f.gwbuf);
	if (f.dev)
		fprintf(s->fp, " dev %s", f.dev);
	if (f.proto == CNET_RT_PROTO_KERNEL)
		fputs(" proto kernel", s->fp);
	if (f.scope == CNET_RT_SCOPE_LINK)
		fputs(" scope link", s->fp);
	if (f.src)
		fprintf(s->fp, " src %s", f.srcbuf);
	if (f.metric)
		fprintf(s->fp, " metric %u", f.metric);
	fputc('\n', s->fp);
	return MNL_CB_OK;
}

/*
 * The answer to "route get ADDR":
 *   "10.0.2.2 via 10.0.1.2 dev veth0 src 10.0.1.1"
 *   "10.0.1.2 dev veth0 src 10.0.1.1"		(on-link: NEXTHOP == ADDR)
 *   "local 10.0.1.1 dev veth0 src 10.0.1.1"
 *   "10.0.2.2 via 10.0.1.2 dev veth0 src 10.0.1.1 mtu 1400" (a path MTU
 *   learned from ICMP, RFC 1191)
 * In JSON, the members of the object cnet_show() opened; "dst" is ADDR.
 */
int route_get_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	char addr[INET_ADDRSTRLEN];
	struct route_fmt f;

	if (cnet_parse_attrs(nlh, tb) < 0 || route_fmt(tb, &f) < 0)
		return MNL_CB_ERROR;
	format_in_addr(tb[CNET_A_ADDR], addr);

	/* The next hop is what matters here: a gateway unless on-link. */
	f.gw = tb[CNET_A_NEXTHOP] &&
	       mnl_attr_get_u32(tb[CNET_A_NEXTHOP]) !=
	       mnl_attr_get_u32(tb[CNET_A_ADDR]);
	if (f.gw)
		format_in_addr(tb[CNET_A_NEXTHOP], f.gwbuf);

	if (s->json) {
		route_json(s->json, &f, addr);
		if (tb[CNET_A_MTU])
			json_kv_uint(s->json, "mtu",
				     mnl_attr_get_u32(tb[CNET_A_MTU]));
		return MNL_CB_OK;
	}

	if (f.type != CNET_RT_UNICAST)
		fprintf(s->fp, "%s ", rt_type_name(f.type));
	fputs(addr, s->fp);
	if (f.gw)
		fprintf(s->fp, " via %s", f.gwbuf);
	if (f.dev)
		fprintf(s->fp, " dev %s", f.dev);
	if (f.src)
		fprintf(s->fp, " src %s", f.srcbuf);
	if (tb[CNET_A_MTU])
		fprintf(s->fp, " mtu %u", mnl_attr_get_u32(tb[CNET_A_MTU]));
	fputc('\n', s->fp);
	return MNL_CB_OK;
}

static int route_show(struct cnet *c, int argc, char **argv)
{
	return cnet_show_dump(c, "route", CNET_CMD_ROUTE_GET, route_show_cb,
			      argc, argv);
}

static int route_get(struct cnet *c, int argc, char **argv)
{
	struct nlmsghdr *nlh;
	struct genl *g;
	uint32_t addr;
	int err;

	if (argc > 0 && !strcmp(argv[0], "to")) {
		argc--;
		argv++;
	}
	if (argc < 1)
		return tool_usage_error("route get: missing address");
	if (argc > 1)
		return tool_usage_error("route get: unexpected argument \"%s\"",
					argv[1]);
	err = parse_in_addr(argv[0], &addr);
	if (err)
		return err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, CNET_CMD_ROUTE_GET, NLM_F_ACK);
	mnl_attr_put_u32(nlh, CNET_A_ADDR, addr);
	return cnet_show_msg(c, nlh, false, route_get_cb, 0);
}

static const struct cnet_subcmd route_cmds[] = {
	{ "add", 1, route_add },
	{ "delete", 1, route_del },
	{ "replace", 1, route_replace },
	{ "get", 1, route_get },
	{ "show", 1, route_show },
	{ "list", 1, route_show },
	{ "ls", 2, route_show },
};

int do_route(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "route", route_cmds, ARRAY_SIZE(route_cmds),
			     argc, argv);
}
