// SPDX-License-Identifier: GPL-2.0
/*
 * cnet monitor [-t] [all | OBJECT...]: print each change of the stack's
 * configuration as the module announces it on its multicast groups (one
 * per object), until interrupted, as ip monitor does. OBJECT is link,
 * address, route or neigh; -t puts the time of day first. A change prints as the object's "show" line, after
 * "[OBJECT]" and, for what went, "Deleted ":
 *
 *	[address] eth0 192.0.2.1/24 brd 192.0.2.255 optimistic
 *	[route] 192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.1
 *	[neigh] 192.0.2.2 dev eth0 INCOMPLETE
 *	[neigh] 192.0.2.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE
 *	[address] Deleted eth0 192.0.2.1/24 brd 192.0.2.255
 *
 * With -j, one JSON object per change and per line (-t adds "time_us",
 * microseconds since the epoch):
 *	{"object":"neigh","event":"new","data":{...as neigh show -j...}}
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cnet.h"

enum mon_obj { MON_LINK, MON_ADDR, MON_ROUTE, MON_NEIGH, MON_N };

static const struct {
	const char *name;	/* as typed, and as printed */
	size_t min;		/* shortest abbreviation */
	const char *group;	/* the module's multicast group */
} mon_objs[MON_N] = {
	[MON_LINK]	= { "link", 1, CNET_GENL_MCGRP_LINK },
	[MON_ADDR]	= { "address", 1, CNET_GENL_MCGRP_ADDR },
	[MON_ROUTE]	= { "route", 1, CNET_GENL_MCGRP_ROUTE },
	[MON_NEIGH]	= { "neigh", 1, CNET_GENL_MCGRP_NEIGH },
};

/* What each command of the group means. */
static const struct {
	uint8_t cmd;
	enum mon_obj obj;
	bool deleted;
	mnl_cb_t show;
} mon_events[] = {
	{ CNET_CMD_LINK_ATTACH,	MON_LINK,  false, link_show_cb },
	{ CNET_CMD_LINK_DETACH,	MON_LINK,  true,  link_show_cb },
	{ CNET_CMD_LINK_SET,	MON_LINK,  false, link_show_cb },	/* or renamed */
	{ CNET_CMD_ADDR_ADD,	MON_ADDR,  false, addr_show_cb },
	{ CNET_CMD_ADDR_DEL,	MON_ADDR,  true,  addr_show_cb },
	{ CNET_CMD_ROUTE_ADD,	MON_ROUTE, false, route_show_cb },
	{ CNET_CMD_ROUTE_DEL,	MON_ROUTE, true,  route_show_cb },
	{ CNET_CMD_NEIGH_ADD,	MON_NEIGH, false, neigh_show_cb },
	{ CNET_CMD_NEIGH_DEL,	MON_NEIGH, true,  neigh_show_cb },
};

struct monitor {
	bool json;
	bool stamp;		/* -t: the time of each change first */
	unsigned int objs;	/* bit (1 << MON_*) */
};

/* -t: "HH:MM:SS.uuuuuu " (local time), or a "time" key in JSON. */
static void monitor_stamp(const struct monitor *m, struct json *j)
{
	char buf[32];
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
	if (m->json) {
		json_kv_uint(j, "time_us", (uint64_t)ts.tv_sec * 1000000 +
					   ts.tv_nsec / 1000);
		return;
	}
	printf("%s.%06ld ", buf, ts.tv_nsec / 1000);
}

/* One message of the group: print it if its object was asked for. */
static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct monitor *m = data;
	struct cnet_show s = { .fp = stdout };
	struct json j;
	size_t i;
	int ret;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	for (i = 0; i < ARRAY_SIZE(mon_events); i++)
		if (mon_events[i].cmd == genl->cmd)
			break;
	/* a newer module's event: not ours to print */
	if (i == ARRAY_SIZE(mon_events) ||
	    !(m->objs & (1u << mon_events[i].obj)))
		return MNL_CB_OK;

	if (m->json) {
		json_init(&j, stdout);
		json_open_object(&j);
		if (m->stamp)
			monitor_stamp(m, &j);
		json_kv_string(&j, "object", mon_objs[mon_events[i].obj].name);
		json_kv_string(&j, "event",
			       mon_events[i].deleted ? "deleted" : "new");
		json_key(&j, "data");
		s.json = &j;
	} else {
		if (m->stamp)
			monitor_stamp(m, NULL);
		printf("[%s] %s", mon_objs[mon_events[i].obj].name,
		       mon_events[i].deleted ? "Deleted " : "");
	}
	ret = mon_events[i].show(nlh, &s);
	if (m->json)
		json_close_object(&j);
	/* one change, one line, at once: the reader may be a pipe */
	fflush(stdout);
	return ret;
}

static int monitor_parse(int argc, char **argv, struct monitor *m)
{
	size_t i;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "-t")) {
			m->stamp = true;
			continue;
		}
		if (matches(argv[0], "all", 2)) {
			m->objs = (1u << MON_N) - 1;
			continue;
		}
		for (i = 0; i < MON_N; i++)
			if (matches(argv[0], mon_objs[i].name, mon_objs[i].min))
				break;
		/* "neighbour" and "neighbor" too, as the neigh object */
		if (i == MON_N && (matches(argv[0], "neighbour", 1) ||
				   matches(argv[0], "neighbor", 1)))
			i = MON_NEIGH;
		if (i == MON_N)
			return tool_usage_error("monitor: unknown object \"%s\" (link, address, route, neigh or all)",
						argv[0]);
		m->objs |= 1u << i;
	}
	if (!m->objs)
		m->objs = (1u << MON_N) - 1;
	return 0;
}

int do_monitor(struct cnet *c, int argc, char **argv)
{
	struct monitor m = { .json = c->json };
	struct genl *g;
	size_t i;
	ssize_t n;
	int err;

	if (argc > 0 && is_help(argv[0])) {
		cnet_usage(stdout);
		return 0;
	}
	err = monitor_parse(argc, argv, &m);
	if (err)
		return err;
	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	for (i = 0; i < MON_N; i++) {
		if (!(m.objs & (1u << i)))
			continue;
		err = genl_join(g, CNET_GENL_NAME, mon_objs[i].group);
		if (err == -ENOENT) {
			tool_error("monitor: this cnet module announces no changes (no \"%s\" group)",
				   mon_objs[i].group);
			return EXIT_ERR;
		}
		if (err) {
			tool_error("monitor: cannot join the \"%s\" group: %s",
				   mon_objs[i].group, strerror(-err));
			return EXIT_ERR;
		}
	}

	for (;;) {
		n = mnl_socket_recvfrom(g->nl, g->buf, GENL_BUF_SIZE);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			/* the kernel dropped changes for us: say so, go on */
			tool_error("monitor: changes were lost (the reader was too slow, or memory short)");
			continue;
		}
		if (n < 0) {
			tool_error("monitor: %s", strerror(errno));
			return EXIT_ERR;
		}
		/* seq 0 and portid 0: messages of the group, not replies */
		if (mnl_cb_run(g->buf, n, 0, 0, monitor_cb, &m) < 0) {
			tool_error("monitor: bad message from the kernel: %s",
				   strerror(errno));
			return EXIT_ERR;
		}
	}
}
