// SPDX-License-Identifier: GPL-2.0
/*
 * cnet trace [-c COUNT] [-t SECONDS] [host H] [port P] [EVENT...]: what
 * the stack of this
 * network namespace does, event by event, from the module's tracepoints
 * (module/cnet_trace.h): packets received, routes looked up, packets
 * forwarded, ARP entries changing, frames sent, TCP states, and each
 * counter that moves. EVENT is rx, route, forward, neigh, xmit, tcp_state
 * or count (default: all). host H keeps the events that name the IPv4
 * address H, port P those that name the TCP or UDP port P (received
 * packets and TCP states); counters name neither. Stops after COUNT
 * events, after SECONDS, or at Ctrl-C. One line per event, with the time since the first:
 *
 *	0.000000 rx        dev=r0 10.0.1.2 > 10.0.2.2 proto=1 len=84 ttl=64
 *	0.000031 forward   10.0.1.2 > 10.0.2.2 from r0 to r1 ...
 *
 * It reads tracefs through a trace instance of its own (instances/cnet-PID,
 * removed at the end), so it disturbs no other tracer, and keeps to its
 * namespace with a filter on the events' netns field. It needs root, and
 * mounts tracefs on /sys/kernel/tracing if it is not mounted.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cnet.h"

static const char *const trace_events[] = {
	"rx", "route", "forward", "neigh", "xmit", "tcp_state", "count",
};

static const char *const tracefs_roots[] = {
	"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
};

struct tracer {
	char dir[128];		/* our instance */
	unsigned int events;	/* bit i: trace_events[i] */
	unsigned long count;	/* -c, 0: no limit */
	unsigned int seconds;	/* -t, 0: no limit */
	const char *host;	/* host H: only events naming H */
	char port[8];		/* port P: only events naming ":P" */
	bool made;		/* dir exists: remove it at the end */
};

static volatile sig_atomic_t trace_stop;

static void trace_on_signal(int sig)
{
	(void)sig;
	trace_stop = 1;
}

/* Write @val to the file @name of our instance; 0 or -errno. */
static int tracer_write(const struct tracer *t, const char *name,
			const char *val)
{
	char path[256];
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}

static void tracer_cleanup(struct tracer *t)
{
	if (!t->made)
		return;
	/* an instance with events on cannot be removed */
	tracer_write(t, "events/cnet/enable", "0");
	if (rmdir(t->dir))
		tool_error("trace: cannot remove %s: %s", t->dir,
			   strerror(errno));
	t->made = false;
}

/* Where tracefs is mounted, with instances: NULL if nowhere. */
static const char *tracefs_find(void)
{
	char path[128];
	struct stat st;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tracefs_roots); i++) {
		snprintf(path, sizeof(path), "%s/instances", tracefs_roots[i]);
		if (!stat(path, &st) && S_ISDIR(st.st_mode))
			return tracefs_roots[i];
	}
	return NULL;
}

/* Make our instance, with the chosen events on, for this namespace only. */
static int tracer_setup(struct tracer *t)
{
	char buf[64], path[256];
	struct stat st;
	const char *root = NULL;
	size_t i;
	int err;

	root = tracefs_find();
	/* as trace-cmd does: mount it where it belongs, if it is not */
	if (!root && !mount("nodev", tracefs_roots[0], "tracefs", 0, NULL))
		root = tracefs_find();
	if (!root) {
		tool_error("trace: tracefs is not mounted, and cannot be (mount -t tracefs nodev %s: %s)",
			   tracefs_roots[0], strerror(errno));
		return EXIT_ERR;
	}
	snprintf(path, sizeof(path), "%s/events/cnet", root);
	if (stat(path, &st)) {
		tool_error("trace: the cnet module is not loaded (no %s)", path);
		return EXIT_ERR;
	}
	if (stat("/proc/self/ns/net", &st)) {
		tool_error("trace: cannot find this network namespace: %s",
			   strerror(errno));
		return EXIT_ERR;
	}

	snprintf(t->dir, sizeof(t->dir), "%s/instances/cnet-%ld", root,
		 (long)getpid());
	if (mkdir(t->dir, 0700)) {
		tool_error("trace: cannot make the trace instance %s: %s",
			   t->dir, strerror(errno));
		return EXIT_ERR;
	}
	t->made = true;

	/* keep to this namespace: the subsystem's filter, on every event */
	snprintf(buf, sizeof(buf), "netns == %llu",
		 (unsigned long long)st.st_ino);
	err = tracer_write(t, "events/cnet/filter", buf);
	for (i = 0; !err && i < ARRAY_SIZE(trace_events); i++) {
		if (!(t->events & (1u << i)))
			continue;
		snprintf(path, sizeof(path), "events/cnet/cnet_%s/enable",
			 trace_events[i]);
		err = tracer_write(t, path, "1");
	}
	if (err) {
		tool_error("trace: cannot turn the events on: %s",
			   strerror(-err));
		return EXIT_ERR;
	}
	return 0;
}

/* Does @text hold @word, not as a part of a longer number or address? */
static bool trace_names(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(text, word); p; p = strstr(p + 1, word)) {
		bool before = p == text || (!isdigit((unsigned char)p[-1]) &&
					   p[-1] != '.');
		bool after = !isdigit((unsigned char)p[n]) && p[n] != '.';

		if (before && after)
			return true;
	}
	return false;
}

/* Does the event (the text after its name) pass host H and port P? */
static bool trace_wanted(const struct tracer *t, const char *rest)
{
	if (t->host && !trace_names(rest, t->host))
		return false;
	if (t->port[0]) {
		size_t n = strlen(t->port);
		const char *p = strstr(rest, t->port);

		while (p && isdigit((unsigned char)p[n]))
			p = strstr(p + 1, t->port);
		if (!p)
			return false;
	}
	return true;
}

/*
 * One line of trace_pipe, "  TASK-PID  [CPU] FLAGS  SECS.USECS: cnet_EV:
 * netns=N REST", printed as "TIME EV REST", TIME since @t0 (set by the
 * first). Lines of other shapes are printed as they are.
 */
static bool trace_print(const struct tracer *t, const char *line, double *t0)
{
	const char *ev, *rest, *p;
	double ts;
	char *end;
	int evlen;

	ev = strstr(line, ": cnet_");
	if (!ev)
		goto raw;
	/* the time ends where the event begins, after its last space */
	for (p = ev; p > line && p[-1] != ' '; p--)
		;
	ts = strtod(p, &end);
	if (end != ev)
		goto raw;
	ev += strlen(": cnet_");
	rest = strchr(ev, ':');
	if (!rest)
		goto raw;
	evlen = rest - ev;
	rest++;
	while (*rest == ' ')
		rest++;
	if (!strncmp(rest, "netns=", 6)) {
		rest = strchr(rest, ' ');
		rest = rest ? rest + 1 : "";
	}
	if (!trace_wanted(t, rest))
		return false;
	if (*t0 < 0)
		*t0 = ts;
	printf("%10.6f %-9.*s %s\n", ts - *t0, evlen, ev, rest);
	return true;
raw:
	if (t->host || t->port[0])
		return false;
	puts(line);
	return true;
}

static int trace_run(struct tracer *t)
{
	char path[256], buf[8192], *line, *nl;
	struct pollfd pfd = { .events = POLLIN };
	unsigned long seen = 0;
	time_t end = t->seconds ? time(NULL) + t->seconds : 0;
	size_t have = 0;
	double t0 = -1;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/trace_pipe", t->dir);
	pfd.fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (pfd.fd < 0) {
		tool_error("trace: cannot open %s: %s", path, strerror(errno));
		return EXIT_ERR;
	}
	while (!trace_stop && (!end || time(NULL) < end) &&
	       (!t->count || seen < t->count)) {
		if (poll(&pfd, 1, 200) <= 0)
			continue;
		n = read(pfd.fd, buf + have, sizeof(buf) - 1 - have);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			break;
		have += n;
		buf[have] = '\0';
		line = buf;
		while ((nl = strchr(line, '\n')) &&
		       (!t->count || seen < t->count)) {
			*nl = '\0';
			if (trace_print(t, line, &t0))
				seen++;
			line = nl + 1;
		}
		fflush(stdout);
		have -= line - buf;
		memmove(buf, line, have);
		/* a line longer than the buffer: print what there is */
		if (have == sizeof(buf) - 1) {
			buf[have] = '\0';
			puts(buf);
			have = 0;
		}
	}
	close(pfd.fd);
	return 0;
}

static int trace_parse(int argc, char **argv, struct tracer *t)
{
	uint32_t v;
	size_t i;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "host") || !strcmp(argv[0], "port")) {
			if (argc < 2)
				return tool_usage_error("trace: %s needs a value",
							argv[0]);
			if (argv[0][0] == 'h') {
				if (parse_in_addr(argv[1], &v))
					return EXIT_USAGE;
				t->host = argv[1];
			} else {
				if (parse_u32("port", argv[1], &v) ||
				    !v || v > 65535)
					return tool_usage_error("trace: invalid port \"%s\" (1-65535)",
								argv[1]);
				snprintf(t->port, sizeof(t->port), ":%u", v);
			}
			argc--;
			argv++;
			continue;
		}
		if (!strcmp(argv[0], "-c") || !strcmp(argv[0], "-t")) {
			if (argc < 2)
				return tool_usage_error("trace: %s needs a number",
							argv[0]);
			if (parse_u32(argv[0][1] == 'c' ? "count" : "seconds",
				      argv[1], &v))
				return EXIT_USAGE;
			if (argv[0][1] == 'c')
				t->count = v;
			else
				t->seconds = v;
			argc--;
			argv++;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(trace_events); i++)
			if (!strcmp(argv[0], trace_events[i]))
				break;
		if (i == ARRAY_SIZE(trace_events))
			return tool_usage_error("trace: unknown event \"%s\" (rx, route, forward, neigh, xmit, tcp_state or count)",
						argv[0]);
		t->events |= 1u << i;
	}
	if (!t->events)
		t->events = (1u << ARRAY_SIZE(trace_events)) - 1;
	return 0;
}

int do_trace(struct cnet *c, int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = trace_on_signal };
	struct tracer t = { 0 };
	int ret;

	(void)c;
	if (argc > 0 && is_help(argv[0])) {
		cnet_usage(stdout);
		return 0;
	}
	ret = trace_parse(argc, argv, &t);
	if (ret)
		return ret;
	/* no SA_RESTART: poll() returns, and the loop sees trace_stop */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	ret = tracer_setup(&t);
	if (!ret)
		ret = trace_run(&t);
	tracer_cleanup(&t);
	return ret;
}
