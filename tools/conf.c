// SPDX-License-Identifier: GPL-2.0
/*
 * cnet conf and cnet forwarding: the namespace's settings (forwarding
 * between devices, the ICMP error rate limit).
 */
#include <errno.h>
#include <string.h>

#include "cnet.h"

/* Text: "forwarding on", "icmp_ratelimit 1000", "icmp_burst 50". */
int conf_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	uint32_t ms, burst;
	bool fwd;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_FORWARDING] || !tb[CNET_A_ICMP_RATELIMIT_MS] ||
	    !tb[CNET_A_ICMP_BURST]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	fwd = mnl_attr_get_u8(tb[CNET_A_FORWARDING]);
	ms = mnl_attr_get_u32(tb[CNET_A_ICMP_RATELIMIT_MS]);
	burst = mnl_attr_get_u32(tb[CNET_A_ICMP_BURST]);

	if (s->json) {
		json_kv_bool(s->json, "forwarding", fwd);
		json_kv_uint(s->json, "icmp_ratelimit", ms);
		json_kv_uint(s->json, "icmp_burst", burst);
		return MNL_CB_OK;
	}
	fprintf(s->fp, "forwarding %s\nicmp_ratelimit %u\nicmp_burst %u\n",
		fwd ? "on" : "off", ms, burst);
	return MNL_CB_OK;
}

/* Only the forwarding setting: "forwarding on|off". */
int forwarding_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	bool fwd;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_FORWARDING]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	fwd = mnl_attr_get_u8(tb[CNET_A_FORWARDING]);
	if (s->json)
		json_kv_bool(s->json, "forwarding", fwd);
	else
		fprintf(s->fp, "forwarding %s\n", fwd ? "on" : "off");
	return MNL_CB_OK;
}

/* The settings a CONF_SET carries; has_* say which were given. */
struct conf_req {
	bool has_fwd, has_ms, has_burst;
	uint8_t fwd;
	uint32_t ms, burst;
};

static int conf_send(struct cnet *c, const struct conf_req *r)
{
	struct nlmsghdr *nlh;
	struct genl *g;
	int err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, CNET_CMD_CONF_SET, NLM_F_ACK);
	if (r->has_fwd)
		mnl_attr_put_u8(nlh, CNET_A_FORWARDING, r->fwd);
	if (r->has_ms)
		mnl_attr_put_u32(nlh, CNET_A_ICMP_RATELIMIT_MS, r->ms);
	if (r->has_burst)
		mnl_attr_put_u32(nlh, CNET_A_ICMP_BURST, r->burst);
	err = cnet_do(c, nlh);
	return err ? cnet_kernel_error(c, err) : 0;
}

/* conf set [forwarding on|off] [icmp_ratelimit MS] [icmp_burst N] */
static int conf_set(struct cnet *c, int argc, char **argv)
{
	struct conf_req r = { 0 };
	int err = 0;

	if (argc < 1)
		return tool_usage_error("conf set: nothing to set (forwarding, icmp_ratelimit, icmp_burst)");
	for (; argc > 0 && !err; argc -= 2, argv += 2) {
		const char *name = argv[0];
		bool *has;

		if (!strcmp(name, "forwarding"))
			has = &r.has_fwd;
		else if (!strcmp(name, "icmp_ratelimit"))
			has = &r.has_ms;
		else if (!strcmp(name, "icmp_burst"))
			has = &r.has_burst;
		else
			return tool_usage_error("conf set: unknown setting \"%s\"",
						name);
		if (*has)
			return tool_usage_error("conf set: \"%s\" given twice",
						name);
		if (argc < 2)
			return tool_usage_error("conf set: \"%s\" needs a value",
						name);
		*has = true;
		if (has == &r.has_fwd) {
			err = parse_on_off("forwarding", argv[1], &r.fwd);
		} else if (has == &r.has_ms) {
			err = parse_u32("icmp_ratelimit", argv[1], &r.ms);
		} else {
			err = parse_u32("icmp_burst", argv[1], &r.burst);
			if (!err && !r.burst) {
				tool_error("invalid icmp_burst \"0\" (at least 1)");
				err = EXIT_ERR;
			}
		}
	}
	return err ? err : conf_send(c, &r);
}

static int conf_show(struct cnet *c, int argc, char **argv)
{
	if (argc > 0)
		return tool_usage_error("conf show: unexpected argument \"%s\"",
					argv[0]);
	return cnet_show(c, CNET_CMD_CONF_GET, false, conf_show_cb, 0);
}

static const struct cnet_subcmd conf_cmds[] = {
	{ "show", 1, conf_show },
	{ "list", 1, conf_show },
	{ "ls", 2, conf_show },
	{ "set", 2, conf_set },
};

int do_conf(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "conf", conf_cmds, ARRAY_SIZE(conf_cmds),
			     argc, argv);
}

/* forwarding [on|off] */
int do_forwarding(struct cnet *c, int argc, char **argv)
{
	struct conf_req r = { .has_fwd = true };

	if (argc < 1)
		return cnet_show(c, CNET_CMD_CONF_GET, false,
				 forwarding_show_cb, 0);
	if (is_help(argv[0])) {
		cnet_usage(stdout);
		return 0;
	}
	if (argc > 1)
		return tool_usage_error("forwarding: unexpected argument \"%s\"",
					argv[1]);
	if (parse_on_off("forwarding", argv[0], &r.fwd))
		return EXIT_ERR;
	return conf_send(c, &r);
}
