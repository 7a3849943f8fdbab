// SPDX-License-Identifier: GPL-2.0
/*
 * cnet stats: the stack's counters, in the order the kernel sends them.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "cnet.h"

/*
 * The reply: a CNET_A_STATS nest of CNET_A_STAT nests, each a name and a
 * u64 value. Text: "name value" lines; JSON: members of the object that
 * cnet_show() opened.
 */
int stats_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	const struct nlattr *stb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	const struct nlattr *attr;
	const char *name;
	uint64_t value;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_STATS])
		return MNL_CB_OK;

	mnl_attr_for_each_nested(attr, tb[CNET_A_STATS]) {
		if (mnl_attr_get_type(attr) != CNET_A_STAT)
			continue;
		if (cnet_parse_nested(attr, stb) < 0)
			return MNL_CB_ERROR;
		if (!stb[CNET_A_STAT_NAME] || !stb[CNET_A_STAT_VALUE]) {
			errno = EBADMSG;
			return MNL_CB_ERROR;
		}
		name = mnl_attr_get_str(stb[CNET_A_STAT_NAME]);
		value = mnl_attr_get_u64(stb[CNET_A_STAT_VALUE]);

		if (s->json)
			json_kv_uint(s->json, name, value);
		else
			fprintf(s->fp, "%s %" PRIu64 "\n", name, value);
	}
	return MNL_CB_OK;
}

int do_stats(struct cnet *c, int argc, char **argv)
{
	if (argc > 0 && is_help(argv[0])) {
		cnet_usage(stdout);
		return 0;
	}
	if (argc > 0 && (matches(argv[0], "show", 1) ||
			 matches(argv[0], "list", 1) || !strcmp(argv[0], "ls"))) {
		argc--;
		argv++;
	}
	if (argc > 0)
		return tool_usage_error("stats: unexpected argument \"%s\"",
					argv[0]);
	return cnet_show(c, CNET_CMD_STATS_GET, false, stats_show_cb, 0);
}
