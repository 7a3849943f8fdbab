// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-resolve: a DNS stub resolver (RFC 1035) over cnet UDP sockets.
 *
 * For each NAME it asks the nameservers, in order, for its A records and
 * prints them as host(1) does, following CNAME chains (at most
 * DNS_MAX_CNAME aliases, over as many queries as it takes). Each query goes
 * out of a new socket, bound to a random port and connected to the server
 * (so the kernel drops datagrams from anyone else), with a random
 * transaction ID: an off-path attacker has to guess both (RFC 5452). A
 * reply counts only if it comes from the server's address and port and
 * answers our question (dns_answer_parse()); anything else is ignored
 * while we keep waiting. Each server gets -t seconds, the list is tried -a
 * times (glibc's resolver does the same, 5 s and 2 by default).
 *
 * What needs no socket, the messages, is in dns.c.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "dns.h"
#include "util.h"

/*
 * The self-test builds a copy on AF_INET (cnet-resolve-inet), whose
 * sockaddr_in has the layout of sockaddr_cnet, to compare with Linux.
 */
#ifndef RESOLVE_FAMILY
#define RESOLVE_FAMILY		AF_CUSTOM
#endif

/* Exit statuses: a script can tell why a name did not resolve. */
#define RES_EXIT_ERROR		1	/* a local error: socket, no servers */
#define RES_EXIT_USAGE		2	/* the command line */
#define RES_EXIT_NXDOMAIN	3	/* the name does not exist */
#define RES_EXIT_NODATA		4	/* it exists, with no A record */
#define RES_EXIT_SERVER		5	/* SERVFAIL, REFUSED, bad replies... */
#define RES_EXIT_TIMEOUT	6	/* no server answered */
#define RES_EXIT_TRUNC		7	/* the answer needs TCP */

_Static_assert(RES_EXIT_USAGE == EXIT_USAGE, "usage errors exit 2");

#define RES_DEF_CONF		"/run/cnet/resolv.conf"
#define RES_SYS_CONF		"/etc/resolv.conf"
#define RES_DEF_TIMEOUT		5
#define RES_DEF_ATTEMPTS	2
#define RES_MAX_ATTEMPTS	10

static void resolve_usage(FILE *fp);

const struct tool this_tool = { .name = "cnet-resolve", .usage = resolve_usage };

struct resolver {
	struct dns_conf conf;
	uint16_t port;			/* the servers' port */
	int64_t timeout;		/* ns per query */
	int attempts;			/* times the server list is tried */
	bool verbose;
};

/* Why the last query of a name failed, for the message. */
struct failure {
	enum {
		F_NONE,
		F_TIMEOUT,		/* no reply in time */
		F_ERRNO,		/* a socket error (port unreachable...) */
		F_RCODE,		/* an error rcode */
		F_MALFORMED,		/* a reply breaking the rules */
	} kind;
	int err;			/* errno, rcode or -DNS_E_* */
	uint32_t server;
};

static void resolve_usage(FILE *fp)
{
	fputs("Usage: cnet-resolve [-v] [-s SERVER]... [-r FILE] [-t TIMEOUT] [-a ATTEMPTS]\n"
	      "                    [-p PORT] NAME...\n"
	      "\n"
	      "Look up the IPv4 addresses (A records) of each NAME with the DNS\n"
	      "servers over cnet, following CNAME chains, and print them as host(1):\n"
	      "  NAME is an alias for OTHER.\n"
	      "  OTHER has address A.B.C.D\n"
	      "NAMEs are absolute: no search list is applied. An IPv4 address is\n"
	      "printed as its own address, without a query.\n"
	      "\n"
	      "  -s SERVER    ask SERVER (IPv4 address); repeat for more, tried in order\n"
	      "  -r FILE      read \"nameserver\" and \"options timeout:N attempts:N\" lines\n"
	      "               from FILE (default " RES_DEF_CONF ", else\n"
	      "               " RES_SYS_CONF "); not read with -s\n"
	      "  -t TIMEOUT   seconds to wait for each server (default 5)\n"
	      "  -a ATTEMPTS  times to try the list of servers (default 2)\n"
	      "  -p PORT      the servers' port (default 53)\n"
	      "  -v           show each query, reply and timeout on standard error\n"
	      "  -h           this help\n"
	      "\n"
	      "Exit status: 0 every NAME resolved; else the first failure's:\n"
	      "  1 local error (socket, no server)   2 usage\n"
	      "  3 no such name (NXDOMAIN)            4 no A record for the name\n"
	      "  5 server error (SERVFAIL, REFUSED, malformed reply, CNAME loop)\n"
	      "  6 no server answered                 7 answer truncated (needs TCP)\n",
	      fp);
}

/* ---- randomness ------------------------------------------------------ */

static uint32_t random32(void)
{
	uint32_t v;

	/* getrandom() of up to 256 bytes is not interrupted once seeded */
	if (getrandom(&v, sizeof(v), 0) != sizeof(v))
		v = (uint32_t)mono_ns() ^ (uint32_t)getpid() << 16;
	return v;
}

/* ---- one query to one server ------------------------------------------- */

static const char *addr_str(uint32_t addr)
{
	static char buf[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = addr };

	return inet_ntop(AF_INET, &in, buf, sizeof(buf));
}

/*
 * A UDP socket bound to a random port (RFC 5452), connected to @server.
 * Returns the socket or -1 with errno set.
 */
static int open_socket(const struct resolver *r, uint32_t server,
		       uint16_t *lport)
{
	struct sockaddr_cnet sa = { .scn_family = RESOLVE_FAMILY };
	socklen_t len = sizeof(sa);
	int fd, i, err;

	fd = socket(RESOLVE_FAMILY, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0)
		return -1;
	/* A few random ports; if all are taken, the kernel's choice. */
	for (i = 0; i < 8; i++) {
		sa.scn_port = htons(1024 + random32() % (65536 - 1024));
		if (!bind(fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		if (errno != EADDRINUSE && errno != EACCES)
			goto fail;
	}
	sa.scn_port = htons(r->port);
	sa.scn_addr = server;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	if (getsockname(fd, (struct sockaddr *)&sa, &len) < 0)
		goto fail;
	*lport = ntohs(sa.scn_port);
	return fd;
fail:
	err = errno;
	close(fd);
	errno = err;
	return -1;
}

/*
 * Ask @server for the A records of @qname. Returns the verdict on its
 * reply, or DNS_V_IGNORE with @f filled when there was none.
 */
static enum dns_verdict ask(const struct resolver *r, uint32_t server,
			    const uint8_t *qname, unsigned int max_cname,
			    struct dns_answer *ans, struct failure *f)
{
	static uint8_t buf[65536];
	uint8_t query[DNS_HDR_LEN + DNS_MAX_NAME + 4];
	char text[DNS_NAME_TEXT];
	enum dns_verdict v = DNS_V_IGNORE;
	int64_t deadline;
	uint16_t id, lport;
	int fd, qlen;

	f->server = server;
	fd = open_socket(r, server, &lport);
	if (fd < 0) {
		if (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT ||
		    errno == ESOCKTNOSUPPORT) {
			tool_error("AF_CUSTOM UDP sockets unavailable: is the cnet module loaded?");
			exit(RES_EXIT_ERROR);
		}
		f->kind = F_ERRNO;
		f->err = errno;
		return v;
	}
	id = random32() & 0xffff;
	qlen = dns_query_build(query, sizeof(query), id, qname, DNS_TYPE_A);
	if (r->verbose)
		fprintf(stderr, ";; %s A? to %s:%u id %#06x from port %u\n",
			dns_name_to_text(qname, text), addr_str(server),
			r->port, id, lport);
	if (send(fd, query, qlen, 0) < 0) {
		f->kind = F_ERRNO;
		f->err = errno;
		goto out;
	}

	deadline = mono_ns() + r->timeout;
	for (;;) {
		struct sockaddr_cnet from;
		socklen_t flen = sizeof(from);
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int64_t left = deadline - mono_ns();
		ssize_t n;
		int ret;

		if (left <= 0) {
			f->kind = F_TIMEOUT;
			break;
		}
		ret = poll(&pfd, 1, (left + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC);
		if (ret < 0 && errno != EINTR) {
			f->kind = F_ERRNO;
			f->err = errno;
			break;
		}
		if (ret <= 0)
			continue;
		n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &flen);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			/* ECONNREFUSED: port unreachable, and the like */
			f->kind = F_ERRNO;
			f->err = errno;
			break;
		}
		/* The connected socket filters; check anyway. */
		if (flen < sizeof(from) || from.scn_family != RESOLVE_FAMILY ||
		    from.scn_addr != server || ntohs(from.scn_port) != r->port)
			continue;
		v = dns_answer_parse(buf, n, query, qlen, max_cname, ans);
		if (r->verbose)
			fprintf(stderr, ";; %zd bytes from %s:%u: %s\n", n,
				addr_str(server), r->port,
				v == DNS_V_IGNORE ? "not our answer, ignored" :
				v == DNS_V_MALFORMED ? dns_strerror(ans->err) :
				dns_rcode_name(ans->rcode));
		if (v == DNS_V_IGNORE)
			continue;
		if (v == DNS_V_RCODE) {
			f->kind = F_RCODE;
			f->err = ans->rcode;
		} else if (v == DNS_V_MALFORMED) {
			f->kind = F_MALFORMED;
			f->err = ans->err;
		}
		break;
	}
out:
	if (r->verbose && f->kind == F_TIMEOUT)
		fprintf(stderr, ";; no reply from %s:%u\n", addr_str(server),
			r->port);
	else if (r->verbose && f->kind == F_ERRNO)
		fprintf(stderr, ";; %s:%u: %s\n", addr_str(server), r->port,
			strerror(f->err));
	close(fd);
	return v;
}

/*
 * Ask the servers in turn, the list -a times, until one gives an answer
 * (addresses, aliases, NXDOMAIN, no data, TC). An error rcode or a
 * malformed reply moves on to the next server, as a timeout does. Returns
 * DNS_V_IGNORE when none answered, @f saying why (an rcode or a malformed
 * reply outranks a timeout).
 */
static enum dns_verdict query(const struct resolver *r, const uint8_t *qname,
			      unsigned int max_cname, struct dns_answer *ans,
			      struct failure *f)
{
	struct failure last;
	enum dns_verdict v;
	unsigned int i;
	int attempt;

	f->kind = F_NONE;
	for (attempt = 0; attempt < r->attempts; attempt++) {
		for (i = 0; i < r->conf.nserver; i++) {
			last.kind = F_NONE;
			v = ask(r, r->conf.server[i], qname, max_cname, ans,
				&last);
			if (v != DNS_V_IGNORE && v != DNS_V_RCODE &&
			    v != DNS_V_MALFORMED) {
				f->server = r->conf.server[i];
				return v;
			}
			if (f->kind == F_NONE ||
			    (f->kind != F_RCODE && f->kind != F_MALFORMED))
				*f = last;
		}
	}
	return DNS_V_IGNORE;
}

/* ---- one name ------------------------------------------------------------ */

static void print_aliases(const uint8_t *owner, const struct dns_answer *ans)
{
	char from[DNS_NAME_TEXT], to[DNS_NAME_TEXT];
	unsigned int i;

	for (i = 0; i < ans->ncname; i++) {
		printf("%s is an alias for %s.\n",
		       dns_name_to_text(i ? ans->cname[i - 1] : owner, from),
		       dns_name_to_text(ans->cname[i], to));
	}
}

static int report_failure(const struct resolver *r, const char *name,
			  const struct failure *f)
{
	switch (f->kind) {
	case F_RCODE:
		tool_error("%s: server failure: %s from %s", name,
			   dns_rcode_name(f->err), addr_str(f->server));
		return RES_EXIT_SERVER;
	case F_MALFORMED:
		tool_error("%s: malformed reply from %s: %s", name,
			   addr_str(f->server), dns_strerror(f->err));
		return RES_EXIT_SERVER;
	case F_ERRNO:
		tool_error("%s: no answer: %s:%u: %s", name,
			   addr_str(f->server), r->port, strerror(f->err));
		return RES_EXIT_TIMEOUT;
	default:
		tool_error("%s: no answer: timed out (%u server%s, %d attempt%s)",
			   name, r->conf.nserver, r->conf.nserver > 1 ? "s" : "",
			   r->attempts, r->attempts > 1 ? "s" : "");
		return RES_EXIT_TIMEOUT;
	}
}

static int resolve(const struct resolver *r, const char *name)
{
	uint8_t cur[DNS_MAX_NAME];
	char text[DNS_NAME_TEXT];
	unsigned int budget = DNS_MAX_CNAME, i;
	struct dns_answer *ans;
	struct in_addr in;
	struct failure f;
	int ret;

	/* An address is its own answer, as getent hosts has it. */
	if (inet_pton(AF_INET, name, &in) == 1) {
		printf("%s has address %s\n", name, addr_str(in.s_addr));
		return 0;
	}
	ret = dns_name_from_text(name, cur);
	if (ret < 0) {
		tool_error("invalid name \"%s\": %s", name, dns_strerror(ret));
		return RES_EXIT_ERROR;
	}
	ans = malloc(sizeof(*ans));
	if (!ans) {
		tool_error("out of memory");
		return RES_EXIT_ERROR;
	}
	for (;;) {
		enum dns_verdict v = query(r, cur, budget, ans, &f);

		if (v != DNS_V_IGNORE)
			print_aliases(cur, ans);
		switch (v) {
		case DNS_V_ANSWER:
			for (i = 0; i < ans->naddr; i++)
				printf("%s has address %s\n",
				       dns_name_to_text(ans->canon, text),
				       addr_str(ans->addr[i]));
			ret = 0;
			break;
		case DNS_V_CNAME:
			/* The server gave the aliases only: ask for the end. */
			budget -= ans->ncname;
			memcpy(cur, ans->canon, dns_name_len(ans->canon));
			continue;
		case DNS_V_NXDOMAIN:
			tool_error("%s: not found (NXDOMAIN)", name);
			ret = RES_EXIT_NXDOMAIN;
			break;
		case DNS_V_NODATA:
			tool_error("%s: has no address (no A record)", name);
			ret = RES_EXIT_NODATA;
			break;
		case DNS_V_TRUNCATED:
			tool_error("%s: answer truncated (TC) by %s: TCP is not available yet",
				   name, addr_str(f.server));
			ret = RES_EXIT_TRUNC;
			break;
		case DNS_V_CNAME_LOOP:
			tool_error("%s: CNAME chain longer than %d", name,
				   DNS_MAX_CNAME);
			ret = RES_EXIT_SERVER;
			break;
		default:
			ret = report_failure(r, name, &f);
			break;
		}
		break;
	}
	free(ans);
	return ret;
}

/* ---- setup ------------------------------------------------------------- */

/* Read a resolv.conf-style file; false if it cannot be read. */
static bool read_conf(const char *path, struct dns_conf *c)
{
	char buf[16384];
	size_t n;
	FILE *fp;

	fp = fopen(path, "re");
	if (!fp)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	dns_conf_parse(buf, c);
	return true;
}

static int parse_args(struct resolver *r, int argc, char **argv,
		      const char **conf_path)
{
	unsigned long long v;
	struct in_addr in;
	int opt;

	r->conf.timeout = -1;
	r->conf.attempts = -1;
	r->port = DNS_PORT;
	opterr = 0;
	while ((opt = getopt(argc, argv, ":s:r:t:a:p:vh")) != -1) {
		switch (opt) {
		case 's':
			if (inet_pton(AF_INET, optarg, &in) != 1)
				return tool_usage_error("invalid server \"%s\" (an IPv4 address, A.B.C.D)",
							optarg);
			if (r->conf.nserver == DNS_MAX_SERVERS)
				return tool_usage_error("at most %d servers",
							DNS_MAX_SERVERS);
			r->conf.server[r->conf.nserver++] = in.s_addr;
			break;
		case 'r':
			*conf_path = optarg;
			break;
		case 't':
			if (!parse_seconds_ns(optarg, 0.001, 3600, &r->timeout))
				return tool_usage_error("invalid timeout \"%s\" (seconds, 0.001-3600)",
							optarg);
			break;
		case 'a':
			if (!parse_decimal(optarg, 1, RES_MAX_ATTEMPTS, &v))
				return tool_usage_error("invalid attempts \"%s\" (1-%d)",
							optarg, RES_MAX_ATTEMPTS);
			r->attempts = v;
			break;
		case 'p':
			if (!parse_decimal(optarg, 1, 65535, &v))
				return tool_usage_error("invalid port \"%s\" (1-65535)",
							optarg);
			r->port = v;
			break;
		case 'v':
			r->verbose = true;
			break;
		case 'h':
			resolve_usage(stdout);
			return -1;
		case ':':
			return tool_usage_error("option \"-%c\" needs an argument",
						optopt);
		default:
			return tool_usage_error("invalid option \"-%c\"",
						optopt);
		}
	}
	if (optind >= argc)
		return tool_usage_error("missing name");
	return 0;
}

int main(int argc, char **argv)
{
	struct resolver r = { 0 };
	const char *conf_path = NULL;
	int i, ret, status = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help")) {
			resolve_usage(stdout);
			return 0;
		}
	ret = parse_args(&r, argc, argv, &conf_path);
	if (ret)
		return ret < 0 ? 0 : ret;

	/* -s replaces the file; -t and -a override its options. */
	if (!r.conf.nserver) {
		if (conf_path) {
			if (!read_conf(conf_path, &r.conf)) {
				tool_error("%s: %s", conf_path, strerror(errno));
				return RES_EXIT_ERROR;
			}
		} else if (read_conf(RES_DEF_CONF, &r.conf)) {
			conf_path = RES_DEF_CONF;
		} else {
			conf_path = RES_SYS_CONF;
			read_conf(conf_path, &r.conf);
		}
		if (!r.conf.nserver) {
			tool_error("no IPv4 nameserver in %s (or give one with -s)",
				   conf_path);
			return RES_EXIT_ERROR;
		}
	}
	if (!r.timeout)
		r.timeout = (r.conf.timeout > 0 ? r.conf.timeout :
			     RES_DEF_TIMEOUT) * NSEC_PER_SEC;
	if (!r.attempts)
		r.attempts = r.conf.attempts > 0 ? r.conf.attempts :
			     RES_DEF_ATTEMPTS;

	for (i = optind; i < argc; i++) {
		ret = resolve(&r, argv[i]);
		if (ret && !status)
			status = ret;
	}
	return status;
}
