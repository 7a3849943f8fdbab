// SPDX-License-Identifier: GPL-2.0
/*
 * cnet: configure the cnet IPv4 stack over generic netlink, in the manner of
 * iproute2's ip(8).
 *
 *	cnet [-j] [-n NETNS] OBJECT ...: in the network namespace NETNS
 *	(a name of ip netns, or a path), as "ip netns exec NETNS cnet"
 *	without a second program to start
 *	cnet [-j] [-n NETNS] [-force] -b FILE: the commands of FILE, one per
 *	line ("-": standard input), as "ip -batch" runs them
 *
 *	cnet [-j] link  { attach DEV | detach DEV | show [dev DEV] |
 *			  set DEV [proxy_arp on|off] [neigh_SETTING N]... }
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
#define _GNU_SOURCE		/* setns(), getline() */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
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

/* The most words a line of a batch file may have. */
#define BATCH_MAX_WORDS	64

/*
 * split_words - cut @line into words, in place: separated by blanks, a
 * word in single or double quotes may hold blanks (no escapes). Returns
 * how many (0: a blank line or a comment, "#..."), or -1 with a message
 * when @line is not well formed.
 */
static int split_words(char *line, char **argv)
{
	char *r = line, *w;
	int n = 0;

	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r')
			r++;
		if (!*r || (n == 0 && *r == '#'))
			return n;
		if (n == BATCH_MAX_WORDS) {
			tool_usage_error("more than %d words", BATCH_MAX_WORDS);
			return -1;
		}
		/* the word is copied down over its quotes */
		argv[n++] = w = r;
		while (*r && *r != ' ' && *r != '\t' && *r != '\n' && *r != '\r') {
			if (*r == '"' || *r == '\'') {
				char q = *r++;

				while (*r && *r != q)
					*w++ = *r++;
				if (!*r) {
					tool_usage_error("unterminated %c quote", q);
					return -1;
				}
				r++;
			} else {
				*w++ = *r++;
			}
		}
		if (*r)
			r++;
		*w = '\0';
	}
}

/*
 * run_batch - -b FILE: each line of FILE ("-": standard input) is a command,
 * the words that would follow "cnet" and its options, run in this process
 * over one netlink socket: in a script, one program to start instead of
 * one per command. Blank lines and comments ("#...") are skipped. The
 * first command that fails stops the batch, unless @force; a message about
 * a command begins with "FILE:LINE:". Returns the first failure's exit
 * status (EXIT_ERR or EXIT_USAGE), or 0.
 */
static int run_batch(struct cnet *c, const char *file, bool force)
{
	char *argv[BATCH_MAX_WORDS], *line = NULL, where[PATH_MAX + 32];
	unsigned int lineno = 0;
	size_t cap = 0;
	int ret = 0;
	FILE *fp;

	fp = strcmp(file, "-") ? fopen(file, "r") : stdin;
	if (!fp) {
		tool_error("%s: %s", file, strerror(errno));
		return EXIT_ERR;
	}
	while (getline(&line, &cap, fp) >= 0) {
		int n, r;

		lineno++;
		snprintf(where, sizeof(where), "%s:%u", file, lineno);
		tool_set_where(where);
		n = split_words(line, argv);
		if (n == 0)
			continue;
		r = n < 0 ? EXIT_USAGE : run_object(c, n, argv);
		/* each command's output whole before the next one's */
		fflush(stdout);
		if (r) {
			if (!ret)
				ret = r;
			if (!force)
				break;
		}
	}
	tool_set_where(NULL);
	if (ferror(fp)) {
		tool_error("%s: %s", file, strerror(errno));
		ret = ret ?: EXIT_ERR;
	}
	free(line);
	if (fp != stdin)
		fclose(fp);
	return ret;
}

int main(int argc, char **argv)
{
	struct cnet c = { 0 };
	const char *batch = NULL;
	bool force = false;
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
		} else if (!strcmp(opt, "-b") || !strcmp(opt, "-batch") ||
			   !strcmp(opt, "--batch")) {
			if (argc < 2)
				return tool_usage_error("%s: missing file", opt);
			batch = argv[1];
			argc--;
			argv++;
		} else if (!strcmp(opt, "-force") || !strcmp(opt, "--force")) {
			force = true;
		} else if (!strcmp(opt, "-h") || !strcmp(opt, "-help") ||
			   !strcmp(opt, "--help")) {
			cnet_usage(stdout);
			return 0;
		} else {
			return tool_usage_error("unknown option \"%s\"", opt);
		}
	}

	if (batch && argc > 0)
		return tool_usage_error("-b FILE: no command after it (\"%s\")",
					argv[0]);
	if (force && !batch)
		return tool_usage_error("-force: only with -b FILE");
	if (!batch && argc < 1) {
		cnet_usage(stderr);
		return EXIT_USAGE;
	}

	ret = batch ? run_batch(&c, batch, force) : run_object(&c, argc, argv);
	cnet_close(&c);

	if (fflush(stdout) || ferror(stdout)) {
		tool_error("write error on standard output");
		ret = EXIT_ERR;
	}
	return ret;
}
