// SPDX-License-Identifier: GPL-2.0
/*
 * cnet: configure the cnet IPv4 stack over generic netlink, in the manner of
 * iproute2's ip(8).
 *
 *	cnet [-j] [-n NETNS] OBJECT ...: in the network namespace NETNS
 *	(a name of ip netns, or a path), as "ip netns exec NETNS cnet"
 *	without a second program to start
 *
 *	cnet [-j] link  { attach DEV | detach DEV | show [dev DEV] |
 *			  set DEV proxy_arp on|off }
 *	cnet [-j] addr  { add A.B.C.D/P dev DEV | del A.B.C.D/P dev DEV |
 *			  show [dev DEV] }
 *	cnet [-j] neigh { show [dev DEV] | add A.B.C.D lladdr MAC dev DEV |
 *			  del A.B.C.D dev DEV | flush [dev DEV] [all] }
 *	cnet [-j] stats [show]
 *	cnet [-j] route { add|replace|del ROUTE | show [dev DEV] | get ADDR }
 *	cnet [-j] forwarding [on|off]
 *	cnet [-j] conf  { show | set SETTING VALUE... }
 *	cnet [-j] sock  show [-tuwPalnioej] [state STATE]... [dev DEV]
 *	cnet [-j] monitor [-t] [all | link | address | route | neigh]...
 *	cnet trace [-c COUNT] [-t SECONDS] [host A.B.C.D] [port P] [EVENT]...
 *
 * Exit status: 0 on success, 1 when the operation fails, 2 on a bad
 * command line.
 */
#define _GNU_SOURCE		/* setns() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "cnet.h"

const struct tool this_tool = { .name = "cnet" };

static const struct object {
	const char *name;
	int (*run)(struct cnet *c, int argc, char **argv);
} objects[] = {
	{ "link",	do_link },
	{ "address",	do_addr },
	{ "neighbour",	do_neigh },
	{ "neighbor",	do_neigh },
	{ "stats",	do_stats },
	{ "statistics",	do_stats },
	{ "route",	do_route },
	{ "forwarding",	do_forwarding },
	{ "conf",	do_conf },
	{ "configuration", do_conf },
	{ "sock",	do_sock },
	{ "socket",	do_sock },
	{ "monitor",	do_monitor },
	{ "trace",	do_trace },
};

static int run_object(struct cnet *c, int argc, char **argv)
{
	const char *obj = argv[0];
	size_t i;

	if (is_help(obj)) {
		cnet_usage(stdout);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(objects); i++)
		if (matches(obj, objects[i].name, 1))
			return objects[i].run(c, argc - 1, argv + 1);
	return tool_usage_error("unknown object \"%s\"", obj);
}

/*
 * -n NETNS: into the network namespace NETNS, a name as ip netns names them
 * (/run/netns/NETNS) or a path with a slash; before any socket is opened.
 */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, err = 0;

	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
		err = errno;
	if (fd >= 0)
		close(fd);
	if (err) {
		tool_error("network namespace \"%s\": %s", name, strerror(err));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct cnet c = { 0 };
	int ret;

	argc--;
	argv++;

	/* Options come before the object. */
	for (; argc > 0 && argv[0][0] == '-'; argc--, argv++) {
		const char *opt = argv[0];

		if (!strcmp(opt, "--")) {
			argc--;
			argv++;
			break;
		}
		if (!strcmp(opt, "-j") || !strcmp(opt, "-json") ||
		    !strcmp(opt, "--json")) {
			c.json = true;
		} else if (!strcmp(opt, "-n") || !strcmp(opt, "-netns") ||
			   !strcmp(opt, "--netns")) {
			if (argc < 2)
				return tool_usage_error("%s: missing namespace", opt);
			if (enter_netns(argv[1]) < 0)
				return EXIT_ERR;
			argc--;
			argv++;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "-help") ||
			   !strcmp(opt, "--help")) {
			cnet_usage(stdout);
			return 0;
		} else {
			return tool_usage_error("unknown option \"%s\"", opt);
		}
	}

	if (argc < 1) {
		cnet_usage(stderr);
		return EXIT_USAGE;
	}

	ret = run_object(&c, argc, argv);
	cnet_close(&c);

	if (fflush(stdout) || ferror(stdout)) {
		tool_error("write error on standard output");
		ret = EXIT_ERR;
	}
	return ret;
}
