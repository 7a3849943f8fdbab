// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-dhcp: a DHCP client (RFC 2131) for a device attached to cnet.
 *
 * It talks DHCP on an ordinary UDP socket, socket(AF_CUSTOM, SOCK_DGRAM,
 * IPPROTO_UDP), written exactly as it would be on AF_INET: bound to
 * 0.0.0.0:68 and to the device (SO_BINDTODEVICE), allowed to broadcast
 * (SO_BROADCAST). Until the device has an address, DISCOVER and REQUEST go
 * from 0.0.0.0 to 255.255.255.255:67 with the BROADCAST flag set, so that
 * the server answers by broadcast too.
 *
 * What it leases it configures through cnet's generic netlink family, as
 * "cnet addr add" and "cnet route replace" do (nlconf.c): the address and
 * prefix, the default route via the first router, and a resolv.conf-style
 * file with the DNS servers and the domain. The address is added with
 * duplicate address detection (RFC 5227 probes, module/arp.c): if it
 * fails, the address is declined and the client starts over.
 *
 * The protocol itself is in dhcp.c: messages are built and parsed there,
 * and the client is a state machine fed with events (start, timer,
 * message, DAD outcome, release) that returns what to do and when to wake
 * it next. This file is the socket, the netlink requests, the clock and
 * the log.
 *
 * Exit status: 0 on a clean exit (SIGTERM/SIGINT, or -1 once bound), 1 when
 * no lease came within -t SECS or on error (the leased address cannot be
 * added, say without CAP_NET_ADMIN), 2 on a bad command line.
 */
#define _GNU_SOURCE		/* ppoll() */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "dhcp.h"
#include "util.h"

#ifndef DHCP_FAMILY
#define DHCP_FAMILY		AF_CUSTOM
#endif

#if DHCP_FAMILY == AF_CUSTOM
#include "nlconf.h"
#define DHCP_CAN_CONFIGURE	1
#else
/* The AF_INET test build has no cnet to configure: dry runs only. */
#define DHCP_CAN_CONFIGURE	0
#endif

#define DEFAULT_RESOLV		"/run/cnet/resolv.conf"
#define DEFAULT_ONESHOT_TIMEOUT	60	/* -1 without -t: seconds */
#define CHECK_POLL_NS		(100 * NSEC_PER_MSEC)

static void usage(FILE *fp)
{
	fputs("Usage: cnet-dhcp [-1nvx] [-t SECS] [-r FILE] IFACE\n"
	      "\n"
	      "DHCP client (RFC 2131) on a cnet device: obtains a lease by\n"
	      "broadcast (DISCOVER, OFFER, REQUEST, ACK), checks the address\n"
	      "with duplicate address detection (DECLINE if in use), then\n"
	      "configures the address and prefix, the default route via the\n"
	      "router, and the DNS servers and domain in a resolv.conf-style\n"
	      "file. Renews at T1 (unicast to the server), rebinds at T2\n"
	      "(broadcast); when the lease expires the configuration goes.\n"
	      "Runs in the foreground, logging each state change on stderr.\n"
	      "\n"
	      "Options:\n"
	      "  -1        exit once the first lease is configured (status 0);\n"
	      "            the lease is then not renewed\n"
	      "  -t SECS   give up (status 1) if no lease within SECS\n"
	      "            (default with -1: 60)\n"
	      "  -r FILE   the resolv.conf to write (default " DEFAULT_RESOLV ")\n"
	      "  -x        on exit (SIGTERM, SIGINT), release the lease (RELEASE)\n"
	      "            and remove what was configured; without -x the\n"
	      "            configuration stays, as udhcpc without -R\n"
	      "  -n        dry run: configure nothing, print what would be done\n"
	      "  -v        verbose: log every message sent and received\n"
	      "  -h        this help\n"
	      "\n"
	      "Exit status: 0 clean exit or -1 bound, 1 no lease in time or an\n"
	      "error, 2 bad command line.\n", fp);
}

const struct tool this_tool = { .name = "cnet-dhcp", .usage = usage };

struct client {
	/* command line */
	const char *ifname;
	const char *resolv;
	bool oneshot, dry_run, release, verbose;
	int64_t timeout;		/* ns; 0: none */

	unsigned int ifindex;
	uint8_t mac[6];
	int fd;
	sigset_t waitmask;
#if DHCP_CAN_CONFIGURE
	struct genl genl;
	bool genl_open;
#endif
	struct dhcp_sm sm;

	/* what is configured now, to undo */
	bool have_addr, have_route, have_resolv;
	uint32_t addr, router;
	uint8_t prefixlen;
	int64_t next_check;		/* CHECKING: next look at the flags */
	bool failed;			/* cannot configure: exit */
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * SIGCONT only wakes ppoll() up. Its timeout is relative: one interrupted
 * by SIGSTOP starts again, after SIGCONT, with what was left of it, so
 * every deadline would move back by the time the process was stopped.
 */
static void on_cont(int sig)
{
	(void)sig;
}

static const char *ip_str(uint32_t a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

/* "cnet-dhcp: IFACE: message" */
static void logf_(struct client *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void logf_(struct client *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: %s: ", this_tool.name, c->ifname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int parse_args(struct client *c, int argc, char **argv)
{
	double secs;
	int opt;

	c->resolv = DEFAULT_RESOLV;
	opterr = 0;
	while ((opt = getopt(argc, argv, "1nvxt:r:h")) != -1) {
		switch (opt) {
		case '1':
			c->oneshot = true;
			break;
		case 'n':
			c->dry_run = true;
			break;
		case 'v':
			c->verbose = true;
			break;
		case 'x':
			c->release = true;
			break;
		case 't':
			if (!parse_seconds(optarg, &secs) || secs < 1 ||
			    secs > 86400)
				return tool_usage_error("invalid timeout \"%s\" (1-86400 seconds)",
							optarg);
			c->timeout = (int64_t)(secs * NSEC_PER_SEC);
			break;
		case 'r':
			if (!*optarg)
				return tool_usage_error("-r needs a file name");
			c->resolv = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		default:
			if (optopt == 't' || optopt == 'r')
				return tool_usage_error("option -%c needs a value",
							optopt);
			return tool_usage_error("unknown option -%c", optopt);
		}
	}
	if (optind >= argc)
		return tool_usage_error("missing interface");
	if (optind + 1 < argc)
		return tool_usage_error("unexpected argument \"%s\"",
					argv[optind + 1]);
	c->ifname = argv[optind];
	if (c->oneshot && !c->timeout)
		c->timeout = DEFAULT_ONESHOT_TIMEOUT * NSEC_PER_SEC;
	if (!DHCP_CAN_CONFIGURE)
		c->dry_run = true;
	return 0;
}

/* The device's MAC, from sysfs (no ioctl on an AF_CUSTOM socket needed). */
static int read_mac(struct client *c)
{
	char path[64 + IFNAMSIZ], line[64];
	unsigned int b[6];
	FILE *fp;
	int i, n;

	snprintf(path, sizeof(path), "/sys/class/net/%s/address", c->ifname);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	n = fgets(line, sizeof(line), fp) ?
	    sscanf(line, "%x:%x:%x:%x:%x:%x", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5]) : 0;
	fclose(fp);
	if (n != 6)
		return -1;
	for (i = 0; i < 6; i++)
		c->mac[i] = (uint8_t)b[i];
	return 0;
}

static int open_socket(struct client *c)
{
	struct sockaddr_cnet sa = {
		.scn_family = DHCP_FAMILY,
		.scn_port = htons(DHCP_CLIENT_PORT),
	};
	int one = 1;

	c->fd = socket(DHCP_FAMILY, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       IPPROTO_UDP);
	if (c->fd < 0) {
		if (errno == EAFNOSUPPORT)
			tool_error("AF_CUSTOM sockets unavailable: is the cnet module loaded?");
		else
			tool_error("socket: %s", strerror(errno));
		return -1;
	}
	if (setsockopt(c->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    setsockopt(c->fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0) {
		tool_error("setsockopt: %s", strerror(errno));
		return -1;
	}
	if (setsockopt(c->fd, SOL_SOCKET, SO_BINDTODEVICE, c->ifname,
		       strlen(c->ifname)) < 0) {
		tool_error("SO_BINDTODEVICE %s: %s", c->ifname, strerror(errno));
		return -1;
	}
	if (bind(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		tool_error("bind 0.0.0.0:%d: %s", DHCP_CLIENT_PORT,
			   strerror(errno));
		return -1;
	}
	return 0;
}

/* ---- configuration ------------------------------------------------------- */

#if DHCP_CAN_CONFIGURE
/* A netlink request; logs its failure. */
static int nl_do(struct client *c, struct nlmsghdr *nlh, const char *what)
{
	int err = genl_talk(&c->genl, nlh, NULL, NULL);

	if (err && c->genl.extack[0])
		logf_(c, "%s: %s: %s", what, strerror(-err), c->genl.extack);
	else if (err)
		logf_(c, "%s: %s", what, strerror(-err));
	return err;
}
#endif

static int addr_add(struct client *c, uint32_t addr, uint8_t plen)
{
	char a[INET_ADDRSTRLEN];

	ip_str(addr, a);
	if (c->dry_run) {
		printf("would: addr add %s/%u dev %s\n", a, plen, c->ifname);
	} else {
#if DHCP_CAN_CONFIGURE
		int err;

		/* not used before detection found no other host (RFC 2131) */
		err = nl_do(c, nlconf_addr_msg(&c->genl, CNET_CMD_ADDR_ADD,
					       c->ifindex, c->ifname, addr,
					       plen, CNET_IFA_F_DAD),
			    "addr add");
		if (err && err != -EEXIST)
			return -1;
#endif
	}
	c->have_addr = true;
	c->addr = addr;
	c->prefixlen = plen;
	return 0;
}

static void route_del(struct client *c)
{
	char g[INET_ADDRSTRLEN];

	if (!c->have_route)
		return;
	c->have_route = false;
	ip_str(c->router, g);
	if (c->dry_run) {
		printf("would: route del default via %s dev %s\n", g, c->ifname);
		return;
	}
#if DHCP_CAN_CONFIGURE
	{
		struct nlconf_route r = {
			.has_gw = true,
			.gw = c->router,
			.ifindex = c->ifindex,
			.ifname = c->ifname,
		};

		nl_do(c, nlconf_route_msg(&c->genl, CNET_CMD_ROUTE_DEL, &r),
		      "route del default");
	}
#endif
}

static void route_set(struct client *c, uint32_t router)
{
	char g[INET_ADDRSTRLEN];

	if (c->have_route && c->router == router)
		return;
	route_del(c);
	if (!router)
		return;
	ip_str(router, g);
	if (c->dry_run) {
		printf("would: route replace default via %s dev %s\n", g,
		       c->ifname);
	} else {
#if DHCP_CAN_CONFIGURE
		struct nlconf_route r = {
			.has_gw = true,
			.gw = router,
			.ifindex = c->ifindex,
			.ifname = c->ifname,
		};

		if (nl_do(c, nlconf_route_msg(&c->genl, CNET_CMD_ROUTE_REPLACE,
					      &r), "route replace default"))
			return;
#endif
	}
	c->have_route = true;
	c->router = router;
}

/* mkdir -p of @file's directory. */
static int make_dirs(const char *file)
{
	char path[PATH_MAX], *p;

	if (snprintf(path, sizeof(path), "%s", file) >= (int)sizeof(path))
		return -1;
	for (p = path + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return 0;
}

/* Write the file whole: a temporary beside it, renamed over it. */
static void resolv_write(struct client *c, const struct dhcp_lease *l)
{
	char text[1024], tmp[PATH_MAX];
	int len = dhcp_resolv_conf(l, text, sizeof(text));
	FILE *fp;

	if (len < 0 || (size_t)len >= sizeof(text))
		len = strlen(text);
	if (c->dry_run) {
		char *line, *save = NULL;

		printf("would: write %s:", c->resolv);
		for (line = strtok_r(text, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			if (line[0] != '#')
				printf(" %s;", line);
		printf("\n");
		return;
	}
	if (make_dirs(c->resolv) < 0 ||
	    snprintf(tmp, sizeof(tmp), "%s.tmp", c->resolv) >= (int)sizeof(tmp)) {
		logf_(c, "%s: %s", c->resolv, strerror(errno));
		return;
	}
	fp = fopen(tmp, "w");
	if (!fp || fwrite(text, 1, len, fp) != (size_t)len || fclose(fp)) {
		logf_(c, "%s: %s", tmp, strerror(errno));
		return;
	}
	if (rename(tmp, c->resolv) < 0) {
		logf_(c, "%s: %s", c->resolv, strerror(errno));
		unlink(tmp);
		return;
	}
	c->have_resolv = true;
}

/* Remove whatever we configured: route, file, address. */
static void deconfigure(struct client *c)
{
	char a[INET_ADDRSTRLEN];

	route_del(c);
	if (c->have_resolv) {
		unlink(c->resolv);
		c->have_resolv = false;
	}
	if (!c->have_addr)
		return;
	c->have_addr = false;
	ip_str(c->addr, a);
	if (c->dry_run) {
		printf("would: addr del %s/%u dev %s\n", a, c->prefixlen,
		       c->ifname);
		return;
	}
#if DHCP_CAN_CONFIGURE
	nl_do(c, nlconf_addr_msg(&c->genl, CNET_CMD_ADDR_DEL, c->ifindex,
				 c->ifname, c->addr, c->prefixlen, 0),
	      "addr del");
#endif
}

/*
 * CHECKING: has DAD ended? A dry run cannot tell and trusts the address.
 * Returns DHCP_EV_CHECK_OK/_FAIL, or -1 while it is still tentative.
 */
static int check_addr(struct client *c)
{
	if (c->dry_run)
		return DHCP_EV_CHECK_OK;
#if DHCP_CAN_CONFIGURE
	{
		uint32_t flags;
		int err;

		err = nlconf_addr_flags(&c->genl, c->ifindex, c->addr, &flags);
		if (err == -ENOENT)	/* someone removed it */
			return DHCP_EV_CHECK_FAIL;
		if (err)
			return -1;
		if (flags & CNET_IFA_F_DADFAILED)
			return DHCP_EV_CHECK_FAIL;
		if (!(flags & CNET_IFA_F_TENTATIVE))
			return DHCP_EV_CHECK_OK;
	}
#endif
	return -1;
}

/* ---- messages ------------------------------------------------------------ */

static void send_msg(struct client *c, const struct dhcp_out *out)
{
	struct sockaddr_cnet to = {
		.scn_family = DHCP_FAMILY,
		.scn_port = htons(DHCP_SERVER_PORT),
		.scn_addr = out->dst ? out->dst : htonl(INADDR_BROADCAST),
	};
	uint8_t buf[DHCP_BUF_LEN];
	char a[INET_ADDRSTRLEN];
	size_t len;

	len = dhcp_build(buf, sizeof(buf), &out->req);
	if (c->verbose)
		logf_(c, "send %s to %s xid 0x%08x", dhcp_type_name(out->req.type),
		      ip_str(to.scn_addr, a), out->req.xid);
	if (sendto(c->fd, buf, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
		logf_(c, "send %s to %s: %s", dhcp_type_name(out->req.type),
		      ip_str(to.scn_addr, a), strerror(errno));
}

/* Log the state reached after an event from @old. */
static void log_state(struct client *c, enum dhcp_state old,
		      const struct dhcp_out *out)
{
	const struct dhcp_sm *sm = &c->sm;
	const struct dhcp_lease *l = &sm->lease;
	char a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];

	if (out->actions & DHCP_ACT_BOUND) {
		ip_str(l->addr, a);
		if (l->router)
			ip_str(l->router, g);
		if (l->lease == DHCP_INFINITE)
			logf_(c, "BOUND %s/%u%s%s lease infinite", a, l->prefixlen,
			      l->router ? " via " : "", l->router ? g : "");
		else
			logf_(c, "BOUND %s/%u%s%s lease %us", a, l->prefixlen,
			      l->router ? " via " : "", l->router ? g : "",
			      l->lease);
		return;
	}
	if (sm->state == old)
		return;
	switch (sm->state) {
	case DHCP_S_REQUESTING:
		logf_(c, "REQUESTING %s from %s", ip_str(sm->offer_addr, a),
		      ip_str(sm->offer_server, g));
		break;
	case DHCP_S_CHECKING:
		logf_(c, "CHECKING %s (duplicate address detection)",
		      ip_str(l->addr, a));
		break;
	default:
		logf_(c, "%s", dhcp_state_name(sm->state));
		break;
	}
}

/* Carry out what the state machine asked for. */
static void run_actions(struct client *c, enum dhcp_state old,
			const struct dhcp_out *out)
{
	bool release = out->actions & DHCP_ACT_SEND &&
		       out->req.type == DHCPRELEASE;
	const struct dhcp_lease *l = &c->sm.lease;

	/* a RELEASE leaves from the address it gives back */
	if (release)
		send_msg(c, out);
	if (out->actions & DHCP_ACT_DECONFIG)
		deconfigure(c);
	if (out->actions & DHCP_ACT_ADDR_ADD) {
		/* not the address's fault (no permission...): give up */
		if (addr_add(c, l->addr, l->prefixlen) < 0) {
			c->failed = true;
			return;
		}
		c->next_check = mono_ns();
	}
	if (out->actions & DHCP_ACT_APPLY) {
		route_set(c, l->router);
		resolv_write(c, l);
	}
	if (out->actions & DHCP_ACT_SEND && !release)
		send_msg(c, out);
	log_state(c, old, out);
}

static void feed(struct client *c, enum dhcp_event_type ev,
		 const struct dhcp_msg *m)
{
	enum dhcp_state old = c->sm.state;
	struct dhcp_out out;

	dhcp_sm_event(&c->sm, ev, mono_ns(), m, &out);
	if (ev == DHCP_EV_CHECK_FAIL) {
		char a[INET_ADDRSTRLEN];

		logf_(c, "%s is in use: DECLINE", ip_str(c->sm.lease.addr, a));
	}
	run_actions(c, old, &out);
}

static void receive(struct client *c)
{
	uint8_t buf[2048];

	for (;;) {
		struct sockaddr_cnet from;
		socklen_t flen = sizeof(from);
		char a[INET_ADDRSTRLEN], s[INET_ADDRSTRLEN], y[INET_ADDRSTRLEN];
		enum dhcp_parse_err err;
		struct dhcp_msg m;
		ssize_t n;

		n = recvfrom(c->fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &flen);
		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR)
				logf_(c, "recvfrom: %s", strerror(errno));
			return;
		}
		err = dhcp_parse(buf, n, &m);
		if (err) {
			if (c->verbose)
				logf_(c, "ignored %zd bytes from %s: %s", n,
				      ip_str(from.scn_addr, a),
				      dhcp_parse_strerror(err));
			continue;
		}
		if (c->verbose)
			logf_(c, "got %s from %s (server %s) xid 0x%08x yiaddr %s",
			      dhcp_type_name(m.type), ip_str(from.scn_addr, a),
			      ip_str(m.server_id, s), m.xid,
			      ip_str(m.yiaddr, y));
		if (m.type == DHCPNAK && m.xid == c->sm.xid)
			logf_(c, "NAK from %s%s%s", ip_str(m.server_id, s),
			      m.message[0] ? ": " : "", m.message);
		feed(c, DHCP_EV_RX, &m);
		if (c->failed)
			return;
	}
}

/* ---- main loop ----------------------------------------------------------- */

static int64_t min64(int64_t a, int64_t b)
{
	return a < b ? a : b;
}

static int run(struct client *c)
{
	struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
	int64_t start = mono_ns(), now, wake;
	bool bound_once = false;
	struct timespec ts;

	feed(c, DHCP_EV_START, NULL);
	for (;;) {
		if (stop) {
			if (c->release) {
				feed(c, DHCP_EV_RELEASE, NULL);
				logf_(c, "released");
			} else {
				logf_(c, "exiting; the configuration stays");
			}
			return 0;
		}
		if (c->failed) {
			deconfigure(c);
			return EXIT_ERR;
		}
		now = mono_ns();
		if (c->sm.state == DHCP_S_BOUND)
			bound_once = true;
		if (bound_once && c->oneshot)
			return 0;
		if (c->timeout && !bound_once && now - start >= c->timeout) {
			logf_(c, "no lease after %lld s", (long long)(c->timeout / NSEC_PER_SEC));
			deconfigure(c);
			return EXIT_ERR;
		}
		if (c->sm.state == DHCP_S_CHECKING && now >= c->next_check) {
			int ev = check_addr(c);

			c->next_check = now + CHECK_POLL_NS;
			if (ev >= 0) {
				feed(c, ev, NULL);
				continue;
			}
		}
		if (now >= c->sm.deadline) {
			feed(c, DHCP_EV_TIMER, NULL);
			continue;
		}

		wake = c->sm.deadline;
		if (c->sm.state == DHCP_S_CHECKING)
			wake = min64(wake, c->next_check);
		if (c->timeout && !bound_once)
			wake = min64(wake, start + c->timeout);
		wake -= now;
		if (wake < 0)
			wake = 0;
		if (wake > 3600 * NSEC_PER_SEC)
			wake = 3600 * NSEC_PER_SEC;
		ts.tv_sec = wake / NSEC_PER_SEC;
		ts.tv_nsec = wake % NSEC_PER_SEC;
		if (ppoll(&pfd, 1, &ts, &c->waitmask) < 0) {
			if (errno == EINTR)
				continue;
			tool_error("poll: %s", strerror(errno));
			return EXIT_ERR;
		}
		if (pfd.revents)
			receive(c);
	}
}

/*
 * SIGINT, SIGTERM and SIGCONT are blocked but in ppoll(), so that one that
 * comes while the loop works is seen there, never lost in between.
 */
static int setup_signals(struct client *c)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct sigaction cont = { .sa_handler = on_cont,
				  .sa_flags = SA_RESTART };
	sigset_t block;

	sigemptyset(&sa.sa_mask);
	sigemptyset(&cont.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0 ||
	    sigaction(SIGTERM, &sa, NULL) < 0 ||
	    sigaction(SIGCONT, &cont, NULL) < 0)
		return -1;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGCONT);
	if (sigprocmask(SIG_BLOCK, &block, &c->waitmask) < 0)
		return -1;
	sigdelset(&c->waitmask, SIGINT);
	sigdelset(&c->waitmask, SIGTERM);
	sigdelset(&c->waitmask, SIGCONT);
	return 0;
}

int main(int argc, char **argv)
{
	struct client c = { .fd = -1 };
	uint64_t seed = 0;
	int ret;

	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	ret = parse_args(&c, argc, argv);
	if (ret)
		return ret < 0 ? 0 : ret;

	c.ifindex = if_nametoindex(c.ifname);
	if (!c.ifindex || read_mac(&c) < 0) {
		tool_error("unknown device \"%s\"", c.ifname);
		return EXIT_ERR;
	}
#if DHCP_CAN_CONFIGURE
	if (!c.dry_run) {
		ret = genl_open(&c.genl, CNET_GENL_NAME, CNET_GENL_VERSION);
		if (ret == -ENOENT) {
			tool_error("the cnet module is not loaded (no generic netlink family \"%s\")",
				   CNET_GENL_NAME);
			return EXIT_ERR;
		}
		if (ret) {
			tool_error("cannot talk to the kernel: %s",
				   strerror(-ret));
			return EXIT_ERR;
		}
		c.genl_open = true;
	}
#endif
	ret = EXIT_ERR;
	if (open_socket(&c) < 0)
		goto out;
	if (setup_signals(&c) < 0) {
		tool_error("signals: %s", strerror(errno));
		goto out;
	}
	/* not blocking on a young entropy pool (an early boot, a VM) */
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != sizeof(seed))
		seed = (uint64_t)wall_ns() ^ getpid();
	dhcp_sm_init(&c.sm, c.mac, seed);
	ret = run(&c);
out:
	if (c.fd >= 0)
		close(c.fd);
#if DHCP_CAN_CONFIGURE
	if (c.genl_open)
		genl_close(&c.genl);
#endif
	return ret;
}
