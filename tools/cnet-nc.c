// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-nc: netcat over cnet sockets, with OpenBSD nc's flags.
 *
 * UDP (-u) is socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_UDP) used exactly as
 * one would use AF_INET: connect() to the peer, so that send() needs no
 * address, the kernel drops datagrams from anyone else, and an ICMP port
 * unreachable comes back as ECONNREFUSED on the next call. A listener
 * (-l) binds, peeks at the first datagram to learn who sent it, and
 * connects to that peer, as OpenBSD nc does; with -k it stays unconnected
 * and answers whoever spoke last.
 *
 * TCP (the default) is the same program with SOCK_STREAM: listen()/accept()
 * instead of peeking, end of file when the peer closes.
 *
 * What needs no socket (the command line) is in nc.c.
 */
#define _GNU_SOURCE		/* accept4() */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "nc.h"

/* The self-test builds a copy on AF_INET (cnet-nc-inet), to compare. */
#ifndef NC_FAMILY
#define NC_FAMILY		AF_CUSTOM
#endif
/* The default time a UDP probe (-z) waits for a refusal. */
#define NC_PROBE_WAIT		NSEC_PER_SEC

const struct tool this_tool = { .name = "cnet-nc", .usage = nc_usage };

static struct nc_opts o;
static uint8_t buf[65536];

static const char *proto(void)
{
	return o.udp ? "udp" : "tcp";
}

static int64_t timeout_ms(int64_t ns)
{
	return ns ? (ns + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC : -1;
}

static void sa_set(struct sockaddr_cnet *sa, uint32_t addr, uint16_t port)
{
	memset(sa, 0, sizeof(*sa));
	sa->scn_family = NC_FAMILY;
	sa->scn_addr = addr;
	sa->scn_port = htons(port);
}

/* A socket of the mode's type, bound to -s/-p when given. */
static int open_socket(void)
{
	struct sockaddr_cnet sa;
	char ap[NC_ADDRPORT_LEN];
	int fd, one = 1;

	fd = socket(NC_FAMILY, (o.udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC,
		    o.udp ? IPPROTO_UDP : IPPROTO_TCP);
	if (fd < 0) {
		if (NC_FAMILY != AF_INET &&
		    (errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT ||
		     errno == ESOCKTNOSUPPORT))
			tool_error("AF_CUSTOM %s sockets unavailable: is the cnet module loaded?",
				   o.udp ? "UDP" : "TCP");
		else
			tool_error("socket: %s", strerror(errno));
		return -1;
	}
	if (o.listen)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (o.listen || o.src || o.sport >= 0) {
		sa_set(&sa, o.src, o.sport >= 0 ? o.sport : 0);
		if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
			tool_error("bind %s: %s",
				   nc_addrport(ap, o.src, o.sport >= 0 ? o.sport : 0),
				   strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* write() all of @len bytes; false on error. */
static bool write_all(int fd, const uint8_t *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		p += n;
		len -= n;
	}
	return true;
}

/* ---- the session: standard input to the peer, the peer to stdout ----- */

struct peer {
	uint32_t addr;		/* be32; 0: none yet (-k -u) */
	uint16_t port;
};

static void peer_note(const struct peer *p)
{
	struct in_addr in = { .s_addr = p->addr };

	if (o.verbose)
		fprintf(stderr, "Connection received on %s %u\n",
			inet_ntoa(in), p->port);
}

/*
 * Copy until both inputs are done (TCP: stdin at EOF, the peer closed;
 * UDP never ends by itself), or -w idle seconds pass. On a connected
 * socket @peer is who it is connected to; unconnected (-k -u), @peer is
 * whoever sent the last datagram, where stdin goes. Returns the status.
 */
static int session(int fd, struct peer *peer, bool connected)
{
	struct pollfd pfd[2] = {
		{ .fd = STDIN_FILENO, .events = POLLIN },
		{ .fd = fd, .events = POLLIN },
	};
	char ap[NC_ADDRPORT_LEN];
	struct sockaddr_cnet sa;
	socklen_t salen;
	ssize_t n;
	int ret;

	while (pfd[0].fd >= 0 || pfd[1].fd >= 0) {
		ret = poll(pfd, 2, timeout_ms(o.timeout));
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			tool_error("poll: %s", strerror(errno));
			return NC_EXIT_FAIL;
		}
		if (!ret)		/* -w: idle, we are done */
			return 0;

		if (pfd[0].revents) {
			n = read(STDIN_FILENO, buf,
				 o.udp ? NC_MAX_DGRAM : sizeof(buf));
			if (n < 0 && errno != EINTR && errno != EAGAIN) {
				tool_error("read standard input: %s",
					   strerror(errno));
				return NC_EXIT_FAIL;
			}
			if (!n) {
				pfd[0].fd = -1;
				/* UDP: ENOTCONN when unconnected; no matter */
				if (o.shut)
					shutdown(fd, SHUT_WR);
			} else if (n > 0 && o.udp && !peer->addr) {
				if (o.verbose)
					fprintf(stderr, "cnet-nc: no peer yet: %zd bytes dropped\n",
						n);
			} else if (n > 0 && o.udp) {
				sa_set(&sa, peer->addr, peer->port);
				if (sendto(fd, buf, n, 0,
					   connected ? NULL : (struct sockaddr *)&sa,
					   connected ? 0 : sizeof(sa)) < 0) {
					tool_error("send to %s: %s",
						   nc_addrport(ap, peer->addr, peer->port),
						   strerror(errno));
					return NC_EXIT_FAIL;
				}
			} else if (n > 0 && !write_all(fd, buf, n)) {
				tool_error("send to %s: %s",
					   nc_addrport(ap, peer->addr, peer->port),
					   strerror(errno));
				return NC_EXIT_FAIL;
			}
		}

		if (pfd[1].revents) {
			salen = sizeof(sa);
			n = recvfrom(fd, buf, sizeof(buf), MSG_DONTWAIT,
				     (struct sockaddr *)&sa, &salen);
			if (n < 0) {
				if (errno == EINTR || errno == EAGAIN)
					continue;
				/* ECONNREFUSED: the peer's port is closed */
				tool_error("receive from %s: %s",
					   nc_addrport(ap, peer->addr, peer->port),
					   strerror(errno));
				return NC_EXIT_FAIL;
			}
			if (!n && !o.udp) {		/* the peer closed */
				pfd[1].fd = -1;
				if (pfd[0].fd < 0)
					break;
				continue;
			}
			if (!connected && salen >= sizeof(sa) &&
			    (sa.scn_addr != peer->addr ||
			     ntohs(sa.scn_port) != peer->port)) {
				peer->addr = sa.scn_addr;
				peer->port = ntohs(sa.scn_port);
				peer_note(peer);
			}
			if (!write_all(STDOUT_FILENO, buf, n)) {
				tool_error("write standard output: %s",
					   strerror(errno));
				return NC_EXIT_FAIL;
			}
		}
	}
	return 0;
}

/* ---- listening ---------------------------------------------------------- */

/* Wait for @fd to be readable, for -w at most; false on timeout. */
static bool wait_readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int ret;

	do {
		ret = poll(&pfd, 1, timeout_ms(o.timeout));
	} while (ret < 0 && errno == EINTR);
	return ret > 0;
}

static int listen_udp(int fd)
{
	struct peer peer = { 0 };
	char ap[NC_ADDRPORT_LEN];
	struct sockaddr_cnet sa;
	socklen_t salen = sizeof(sa);
	uint8_t byte;

	if (o.keep)
		return session(fd, &peer, false);

	/* Who sends first becomes the peer; the datagram stays queued. */
	if (!wait_readable(fd)) {
		tool_error("no datagram on %s within -w",
			   nc_addrport(ap, o.src, o.sport));
		return NC_EXIT_FAIL;
	}
	if (recvfrom(fd, &byte, 1, MSG_PEEK, (struct sockaddr *)&sa,
		     &salen) < 0) {
		tool_error("receive on %s: %s",
			   nc_addrport(ap, o.src, o.sport), strerror(errno));
		return NC_EXIT_FAIL;
	}
	peer.addr = sa.scn_addr;
	peer.port = ntohs(sa.scn_port);
	peer_note(&peer);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		tool_error("connect %s: %s",
			   nc_addrport(ap, peer.addr, peer.port), strerror(errno));
		return NC_EXIT_FAIL;
	}
	return session(fd, &peer, true);
}

static int listen_tcp(int fd)
{
	char ap[NC_ADDRPORT_LEN];
	struct sockaddr_cnet sa;
	struct peer peer;
	int conn, ret = 0;
	bool served = false;

	if (listen(fd, o.keep ? 16 : 1) < 0) {
		tool_error("listen on %s: %s",
			   nc_addrport(ap, o.src, o.sport), strerror(errno));
		return NC_EXIT_FAIL;
	}
	do {
		socklen_t salen = sizeof(sa);

		if (!wait_readable(fd)) {
			if (served)	/* -k: idle after sessions, done */
				return ret;
			tool_error("no connection on %s within -w",
				   nc_addrport(ap, o.src, o.sport));
			return NC_EXIT_FAIL;
		}
		conn = accept4(fd, (struct sockaddr *)&sa, &salen,
			       SOCK_CLOEXEC);
		if (conn < 0) {
			tool_error("accept on %s: %s",
				   nc_addrport(ap, o.src, o.sport),
				   strerror(errno));
			return NC_EXIT_FAIL;
		}
		peer.addr = sa.scn_addr;
		peer.port = ntohs(sa.scn_port);
		peer_note(&peer);
		ret = session(conn, &peer, true);
		served = true;
		close(conn);
	} while (o.keep);
	return ret;
}

static int do_listen(void)
{
	struct in_addr in = { .s_addr = o.src };
	int fd, ret;

	fd = open_socket();
	if (fd < 0)
		return NC_EXIT_FAIL;
	if (o.verbose)
		fprintf(stderr, "Listening on %s %d\n", inet_ntoa(in), o.sport);
	ret = o.udp ? listen_udp(fd) : listen_tcp(fd);
	close(fd);
	return ret;
}

/* ---- connecting ---------------------------------------------------------- */

/*
 * connect() with -w as the limit (a TCP handshake; a UDP connect() is
 * immediate). Returns 0 or an errno.
 */
static int connect_timed(int fd, const struct sockaddr_cnet *sa)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	socklen_t len = sizeof(int);
	int flags, err = 0, ret;

	if (o.udp || !o.timeout)
		return connect(fd, (const struct sockaddr *)sa,
			       sizeof(*sa)) < 0 ? errno : 0;
	flags = fcntl(fd, F_GETFL);
	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0) {
		if (errno != EINPROGRESS)
			return errno;
		do {
			ret = poll(&pfd, 1, timeout_ms(o.timeout));
		} while (ret < 0 && errno == EINTR);
		if (!ret)
			return ETIMEDOUT;
		getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	}
	fcntl(fd, F_SETFL, flags);
	return err;
}

/*
 * -z -u: send an empty datagram on the connected socket and wait (-w, or
 * NC_PROBE_WAIT) for the port unreachable that a closed port answers,
 * which the socket reports as ECONNREFUSED. A reply, or silence, means
 * open (or filtered: UDP cannot tell). Returns 0 or an errno.
 */
static int probe_udp(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int64_t wait = o.timeout ? o.timeout : NC_PROBE_WAIT;
	int ret;

	if (send(fd, "", 0, 0) < 0)
		return errno;
	do {
		ret = poll(&pfd, 1, timeout_ms(wait));
	} while (ret < 0 && errno == EINTR);
	if (ret <= 0)
		return 0;
	if (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 && errno != EAGAIN)
		return errno;
	return 0;
}

static int do_connect(void)
{
	char ap[NC_ADDRPORT_LEN];
	struct sockaddr_cnet sa;
	struct peer peer = { .addr = o.dst };
	bool open = false;
	unsigned int port;
	int fd, err, ret = NC_EXIT_FAIL;

	for (port = o.port_lo; port <= o.port_hi; port++) {
		fd = open_socket();
		if (fd < 0)
			return NC_EXIT_FAIL;
		sa_set(&sa, o.dst, port);
		err = connect_timed(fd, &sa);
		if (!err && o.zero && o.udp)
			err = probe_udp(fd);
		if (err) {
			/* -z is quiet unless -v: the status says it */
			if (!o.zero || o.verbose)
				tool_error("connect %s (%s): %s",
					   nc_addrport(ap, o.dst, port), proto(),
					   strerror(err));
			close(fd);
			continue;
		}
		open = true;
		if (o.verbose) {
			struct servent *se = getservbyport(htons(port), proto());
			struct in_addr in = { .s_addr = o.dst };

			fprintf(stderr, "Connection to %s %u port [%s/%s] succeeded!\n",
				inet_ntoa(in), port, proto(),
				se ? se->s_name : "*");
		}
		if (!o.zero) {
			peer.port = port;
			ret = session(fd, &peer, true);
		}
		close(fd);
		if (!o.zero)
			return ret;
	}
	return open ? 0 : NC_EXIT_FAIL;
}

int main(int argc, char **argv)
{
	int i, ret;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help")) {
			nc_usage(stdout);
			return 0;
		}
	ret = nc_parse_args(&o, argc, argv, stderr);
	if (ret)
		return ret < 0 ? 0 : ret;
	/* A peer gone away is an EPIPE from write(), not a signal. */
	signal(SIGPIPE, SIG_IGN);
	return o.listen ? do_listen() : do_connect();
}
