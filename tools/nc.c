// SPDX-License-Identifier: GPL-2.0
/* cnet-nc: the command line and address strings (see nc.h). No sockets. */
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

#include "nc.h"

void nc_usage(FILE *fp)
{
	fputs("Usage: cnet-nc [-uvzN] [-s ADDR] [-p PORT] [-w SECS] HOST PORT[-PORT]\n"
	      "       cnet-nc -l [-uvkN] [-w SECS] [-s ADDR] [-p PORT] [HOST] [PORT]\n"
	      "\n"
	      "netcat over cnet: connect to HOST PORT, or with -l wait for a peer on\n"
	      "PORT, then copy standard input to the peer and what the peer sends to\n"
	      "standard output. HOST is an IPv4 address (A.B.C.D): no name lookup.\n"
	      "\n"
	      "  -u        UDP: each read of standard input (at most 65507 bytes) is\n"
	      "            sent as one datagram; each datagram received is written out.\n"
	      "            With -l, the first datagram's sender becomes the peer (the\n"
	      "            socket is connected to it) and replies go back to it.\n"
	      "            Without -u, TCP.\n"
	      "  -l        listen on PORT (-p PORT or the argument), address -s ADDR or\n"
	      "            HOST (default any)\n"
	      "  -k        with -l: keep listening. UDP: take datagrams from any peer,\n"
	      "            send standard input to the last one; TCP: accept again\n"
	      "  -s ADDR   local address to send from or listen on\n"
	      "  -p PORT   local port to send from or listen on\n"
	      "  -w SECS   give up after SECS idle seconds (connecting, waiting for a\n"
	      "            peer, or no traffic either way); with -z, how long to wait\n"
	      "            for a refusal (default 1 for UDP)\n"
	      "  -N        shut down the sending side after end of file on standard input\n"
	      "  -z        only probe: TCP, connect; UDP, send an empty datagram and see\n"
	      "            if a port unreachable comes back (ECONNREFUSED). PORT may be\n"
	      "            a range LOW-HIGH\n"
	      "  -v        say what happens on standard error\n"
	      "  -n, -4    accepted for compatibility (no names, IPv4 only)\n"
	      "  -h        this help\n"
	      "\n"
	      "Exit status: 0 success (for -z: some port is open), 1 failure (refused,\n"
	      "unreachable, timed out waiting for a peer, other errors), 2 usage.\n",
	      fp);
}

char *nc_addrport(char *buf, uint32_t addr, uint16_t port)
{
	struct in_addr in = { .s_addr = addr };

	inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
	sprintf(buf + strlen(buf), ":%u", port);
	return buf;
}

static bool parse_port(const char *s, uint16_t *port)
{
	unsigned long long v;

	if (!parse_decimal(s, 1, 65535, &v))
		return false;
	*port = v;
	return true;
}

/* "PORT" or "LOW-HIGH". */
static bool parse_ports(const char *s, uint16_t *lo, uint16_t *hi)
{
	const char *dash = strchr(s, '-');
	char low[8];

	if (!dash)
		return parse_port(s, lo) && parse_port(s, hi);
	if ((size_t)(dash - s) >= sizeof(low))
		return false;
	memcpy(low, s, dash - s);
	low[dash - s] = '\0';
	return parse_port(low, lo) && parse_port(dash + 1, hi) && *lo <= *hi;
}

static bool parse_addr(const char *s, uint32_t *addr)
{
	struct in_addr in;

	if (inet_pton(AF_INET, s, &in) != 1)
		return false;
	*addr = in.s_addr;
	return true;
}

int nc_parse_args(struct nc_opts *o, int argc, char **argv, FILE *err)
{
	const char *host = NULL, *port = NULL;
	bool have_src = false;
	uint16_t p;
	int opt;

	memset(o, 0, sizeof(*o));
	o->sport = -1;

	optind = 0;		/* glibc: start over (the self-test calls us) */
	opterr = 0;
	while ((opt = getopt(argc, argv, ":ulkNzvs:p:w:n4h")) != -1) {
		switch (opt) {
		case 'u':
			o->udp = true;
			break;
		case 'l':
			o->listen = true;
			break;
		case 'k':
			o->keep = true;
			break;
		case 'N':
			o->shut = true;
			break;
		case 'z':
			o->zero = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'n':
		case '4':
			break;
		case 's':
			if (!parse_addr(optarg, &o->src))
				return tool_fusage_error(err, "invalid source address \"%s\" (an IPv4 address, A.B.C.D)",
							 optarg);
			have_src = true;
			break;
		case 'p':
			if (!parse_port(optarg, &p))
				return tool_fusage_error(err, "invalid port \"%s\" (1-65535)",
							 optarg);
			o->sport = p;
			break;
		case 'w':
			if (!parse_seconds_ns(optarg, 0.001, 86400 * 365,
					      &o->timeout))
				return tool_fusage_error(err, "invalid timeout \"%s\" (seconds, at least 0.001)",
							 optarg);
			break;
		case 'h':
			nc_usage(stdout);
			return -1;
		case ':':
			return tool_fusage_error(err, "option \"-%c\" needs an argument",
						 optopt);
		default:
			return tool_fusage_error(err, "invalid option \"-%c\"",
						 optopt);
		}
	}

	if (o->keep && !o->listen)
		return tool_fusage_error(err, "-k needs -l");
	if (o->zero && o->listen)
		return tool_fusage_error(err, "-z and -l do not go together");

	if (o->listen) {
		/* [HOST] [PORT], or -s and -p */
		if (argc - optind == 2) {
			host = argv[optind];
			port = argv[optind + 1];
		} else if (argc - optind == 1) {
			port = argv[optind];
		} else if (argc - optind > 2) {
			return tool_fusage_error(err, "unexpected argument \"%s\"",
						 argv[optind + 2]);
		}
		if (host && have_src)
			return tool_fusage_error(err, "listen address given twice (-s and \"%s\")",
						 host);
		if (host && !parse_addr(host, &o->src))
			return tool_fusage_error(err, "invalid address \"%s\" (an IPv4 address, A.B.C.D)",
						 host);
		if (port && o->sport >= 0)
			return tool_fusage_error(err, "listen port given twice (-p and \"%s\")",
						 port);
		if (port) {
			if (!parse_port(port, &p))
				return tool_fusage_error(err, "invalid port \"%s\" (1-65535)",
							 port);
			o->sport = p;
		}
		if (o->sport < 0)
			return tool_fusage_error(err, "missing port to listen on");
		return 0;
	}

	if (argc - optind < 1)
		return tool_fusage_error(err, "missing destination");
	if (argc - optind < 2)
		return tool_fusage_error(err, "missing port");
	if (argc - optind > 2)
		return tool_fusage_error(err, "unexpected argument \"%s\"",
					 argv[optind + 2]);
	if (!parse_addr(argv[optind], &o->dst))
		return tool_fusage_error(err, "invalid destination \"%s\" (an IPv4 address, A.B.C.D)",
					 argv[optind]);
	if (!parse_ports(argv[optind + 1], &o->port_lo, &o->port_hi))
		return tool_fusage_error(err, "invalid port \"%s\" (1-65535, or LOW-HIGH with -z)",
					 argv[optind + 1]);
	if (o->port_lo != o->port_hi && !o->zero)
		return tool_fusage_error(err, "a port range needs -z");
	return 0;
}
