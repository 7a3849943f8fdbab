// SPDX-License-Identifier: GPL-2.0
/*
 * The passive side of cnet's TCP, for selftests/net/tcp/3x-*.sh:
 *
 *   tcp_listen bind ADDR PORT reuse|noreuse
 *	bind() (and listen()) a TCP socket: prints "ok" or the error
 *   tcp_listen connect ADDR PORT SPORT
 *	the other side, for TIME-WAIT: a client bound to SPORT with
 *	SO_REUSEADDR (a port a TIME-WAIT entry holds) connects to ADDR
 *	PORT and closes first (shutdown(), then the peer's end of file):
 *	prints "ok", or the call that failed and its error
 *   tcp_listen serve ADDR PORT BACKLOG COUNT DELAY_MS
 *	listen(BACKLOG), say "listening", wait DELAY_MS (or until a
 *	SIGUSR1) before the first accept(), then for each connection say
 *	"conn" and the options TCP_INFO says it agreed (ts, sack, wscale
 *	SND,RCV, ecn), read a byte (10 s at most; they wait side by
 *	side), answer "y" and close; "gave up N" (connections that sent no byte in time) and
 *	"served N" once COUNT connections are served or given up, or
 *	20 s after the last connection with none open
 *   tcp_listen hold ADDR PORT BACKLOG MS
 *	listen(BACKLOG), say "listening", accept nothing for MS, close
 *   tcp_listen api ADDR PORT
 *	TAP checks of listen() and accept4() (errnos, O_NONBLOCK, poll(),
 *	SOCK_NONBLOCK and SOCK_CLOEXEC, the peer's address); says
 *	"listening" when one connection may come, which it accepts
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>
#include <linux/tcp.h>

#include "check.h"

static struct sockaddr_cnet addr_of(const char *ip, const char *port)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };

	if (inet_pton(AF_INET, ip, &sa.scn_addr) != 1) {
		fprintf(stderr, "bad address %s\n", ip);
		exit(2);
	}
	sa.scn_port = htons(atoi(port));
	return sa;
}

static int tcp_socket(int flags)
{
	int fd = socket(AF_CUSTOM, SOCK_STREAM | flags, 0);

	if (fd < 0) {
		perror("socket");
		exit(2);
	}
	return fd;
}

/* A listening socket on @sa, SO_REUSEADDR set, or exit. */
static int listener(const struct sockaddr_cnet *sa, int backlog, int flags)
{
	int fd = tcp_socket(flags), one = 1;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0 ||
	    listen(fd, backlog) < 0) {
		perror("bind/listen");
		exit(2);
	}
	printf("listening\n");
	fflush(stdout);
	return fd;
}

/* SIGUSR1 cuts serve's DELAY_MS short: it only has to interrupt. */
static void on_usr1(int sig)
{
	(void)sig;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static int cmd_bind(const struct sockaddr_cnet *sa, int reuse)
{
	int fd = tcp_socket(0);

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
	if (bind(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0 ||
	    listen(fd, 1) < 0)
		printf("%s\n", strerror(errno));
	else
		printf("ok\n");
	close(fd);
	return 0;
}

/* "conn" and the options a connection agreed, as TCP_INFO says */
static void conn_options(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0) {
		perror("TCP_INFO");
		return;
	}
	printf("conn%s%s", ti.tcpi_options & TCPI_OPT_TIMESTAMPS ? " ts" : "",
	       ti.tcpi_options & TCPI_OPT_SACK ? " sack" : "");
	if (ti.tcpi_options & TCPI_OPT_WSCALE)
		printf(" wscale %u,%u", ti.tcpi_snd_wscale,
		       ti.tcpi_rcv_wscale);
	printf("%s\n", ti.tcpi_options & TCPI_OPT_ECN ? " ecn" : "");
	fflush(stdout);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Accept up to @count connections and serve them side by side: a client
 * whose byte comes late (its first one was dropped with the handshake's
 * last ACK, and it waits out a backed-off retransmission timer) holds
 * only itself up. Stops when @count connections are accounted for, or
 * 20 s after the last one with none open.
 */
static int cmd_serve(const struct sockaddr_cnet *sa, int backlog, int count,
		     int delay_ms)
{
	int fd, served = 0, gave_up = 0, open = 0;
	struct pollfd *pfd = calloc(count + 1, sizeof(*pfd));
	long long *until = calloc(count + 1, sizeof(*until)), idle_end;
	int accepted = 0, i, c, timeout;
	char b;

	if (!pfd || !until) {
		perror("calloc");
		return 1;
	}
	signal(SIGUSR1, on_usr1);	/* before "listening" */
	fd = listener(sa, backlog, 0);
	pfd[0] = (struct pollfd){ .fd = fd, .events = POLLIN };
	sleep_ms(delay_ms);
	idle_end = now_ms() + 20000;
	while (served + gave_up < count) {
		long long now = now_ms(), next = open ? LLONG_MAX : idle_end;

		for (i = 1; i <= open; i++)
			if (until[i] < next)
				next = until[i];
		if (!open && now >= idle_end)
			break;
		timeout = next > now ? (int)(next - now) : 0;
		/* the listener only while connections may still come */
		if (poll(pfd + (accepted < count ? 0 : 1),
			 open + (accepted < count), timeout) < 0) {
			perror("poll");
			return 1;
		}
		if (accepted < count && (pfd[0].revents & POLLIN)) {
			c = accept(fd, NULL, NULL);
			if (c < 0) {
				perror("accept");
				return 1;
			}
			conn_options(c);
			accepted++;
			open++;
			pfd[open] = (struct pollfd){ .fd = c, .events = POLLIN };
			now = now_ms();
			until[open] = now + 10000;
			idle_end = now + 20000;
		}
		now = now_ms();
		for (i = 1; i <= open; i++) {
			if (!pfd[i].revents && now < until[i])
				continue;
			if (pfd[i].revents && read(pfd[i].fd, &b, 1) == 1 &&
			    write(pfd[i].fd, "y", 1) == 1)
				served++;
			else
				gave_up++;
			close(pfd[i].fd);
			/* the last one takes its place, checked next */
			pfd[i] = pfd[open];
			until[i] = until[open];
			pfd[open--].revents = 0;
			i--;
		}
	}
	printf("gave up %d\n", gave_up);
	printf("served %d\n", served);
	close(fd);
	free(pfd);
	free(until);
	return 0;
}

static int cmd_hold(const struct sockaddr_cnet *sa, int backlog, int ms)
{
	int fd = listener(sa, backlog, 0);

	sleep_ms(ms);
	close(fd);
	return 0;
}

static int cmd_api(const struct sockaddr_cnet *sa)
{
	struct sockaddr_cnet peer, local = *sa, other;
	socklen_t len = sizeof(peer);
	struct pollfd pfd;
	int fd, fd2, fd3, c, one = 1;

	/* listen() on a socket not bound: an ephemeral port */
	fd = tcp_socket(0);
	CHECK(listen(fd, 4) == 0, "listen() unbound");
	len = sizeof(peer);
	CHECK(getsockname(fd, (struct sockaddr *)&peer, &len) == 0 &&
	      ntohs(peer.scn_port) >= 1024, "it got a port (%u)",
	      ntohs(peer.scn_port));
	CHECK(listen(fd, 8) == 0, "listen() again changes the backlog");
	close(fd);

	/* accept() on a socket that does not listen */
	fd = tcp_socket(0);
	EXPECT_ERR(accept(fd, NULL, NULL), EINVAL, "accept() without listen()");
	close(fd);

	fd = tcp_socket(SOCK_NONBLOCK);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	CHECK(bind(fd, (const struct sockaddr *)&local, sizeof(local)) == 0 &&
	      listen(fd, 2) == 0, "bind() and listen() port %u",
	      ntohs(local.scn_port));
	/*
	 * a second listener on the port, even with SO_REUSEADDR: no, and
	 * already at bind() (Linux's inet_bind_conflict())
	 */
	fd2 = tcp_socket(0);
	setsockopt(fd2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	EXPECT_ERR(bind(fd2, (const struct sockaddr *)&local, sizeof(local)),
		   EADDRINUSE, "SO_REUSEADDR: bind() to a listener's port");
	close(fd2);
	/* both SO_REUSEADDR, bound before either listens: one listener */
	other = local;
	other.scn_port = htons(ntohs(local.scn_port) + 1);
	fd2 = tcp_socket(0);
	fd3 = tcp_socket(0);
	setsockopt(fd2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(fd3, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	CHECK(bind(fd2, (const struct sockaddr *)&other, sizeof(other)) == 0 &&
	      bind(fd3, (const struct sockaddr *)&other, sizeof(other)) == 0,
	      "SO_REUSEADDR: two sockets bound to a port nobody listens on");
	CHECK(listen(fd2, 1) == 0, "the first of them listens");
	EXPECT_ERR(listen(fd3, 1), EADDRINUSE, "the second listen()");
	close(fd3);
	close(fd2);

	EXPECT_ERR(accept(fd, NULL, NULL), EAGAIN,
		   "O_NONBLOCK accept() without a connection");
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK(poll(&pfd, 1, 0) == 0, "poll(): nothing to accept yet");

	printf("listening\n");
	fflush(stdout);
	pfd.revents = 0;
	CHECK(poll(&pfd, 1, 30000) == 1 && (pfd.revents & POLLIN),
	      "poll(): POLLIN once a connection is made");
	len = sizeof(peer);
	c = accept4(fd, (struct sockaddr *)&peer, &len,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
	CHECK(c >= 0, "accept4() (%s)", c < 0 ? strerror(errno) : "ok");
	if (c >= 0) {
		CHECK(fcntl(c, F_GETFL) & O_NONBLOCK, "SOCK_NONBLOCK");
		CHECK(fcntl(c, F_GETFD) & FD_CLOEXEC, "SOCK_CLOEXEC");
		CHECK(len == sizeof(peer) && peer.scn_family == AF_CUSTOM &&
		      peer.scn_port, "the peer's address and port");
		len = sizeof(local);
		CHECK(getsockname(c, (struct sockaddr *)&local, &len) == 0 &&
		      local.scn_port == sa->scn_port &&
		      local.scn_addr == sa->scn_addr,
		      "the connection's own address is the listener's");
		close(c);
	}
	pfd.revents = 0;
	CHECK(poll(&pfd, 1, 0) == 0, "poll(): nothing left to accept");
	EXPECT_ERR(accept(fd, NULL, NULL), EAGAIN, "accept(): queue empty again");
	close(fd);
	return failed;
}

static int cmd_connect(const struct sockaddr_cnet *peer, int sport)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM,
				    .scn_port = htons(sport) };
	int fd = tcp_socket(0), one = 1;
	const char *call = "bind";
	char b;

	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail;
	call = "connect";
	if (connect(fd, (const struct sockaddr *)peer, sizeof(*peer)) < 0)
		goto fail;
	call = "shutdown";
	if (shutdown(fd, SHUT_WR) < 0)
		goto fail;
	call = "read";
	if (read(fd, &b, 1) != 0)
		goto fail;
	printf("ok\n");
	close(fd);
	return 0;
fail:
	printf("%s: %s\n", call, strerror(errno));
	close(fd);
	return 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_cnet sa;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc >= 5 && !strcmp(argv[1], "bind")) {
		sa = addr_of(argv[2], argv[3]);
		return cmd_bind(&sa, !strcmp(argv[4], "reuse"));
	}
	if (argc >= 5 && !strcmp(argv[1], "connect")) {
		sa = addr_of(argv[2], argv[3]);
		return cmd_connect(&sa, atoi(argv[4]));
	}
	if (argc >= 7 && !strcmp(argv[1], "serve")) {
		sa = addr_of(argv[2], argv[3]);
		return cmd_serve(&sa, atoi(argv[4]), atoi(argv[5]),
				 atoi(argv[6]));
	}
	if (argc >= 6 && !strcmp(argv[1], "hold")) {
		sa = addr_of(argv[2], argv[3]);
		return cmd_hold(&sa, atoi(argv[4]), atoi(argv[5]));
	}
	if (argc >= 4 && !strcmp(argv[1], "api")) {
		sa = addr_of(argv[2], argv[3]);
		return cmd_api(&sa);
	}
	fprintf(stderr, "usage: see the top of tcp_listen.c\n");
	return 2;
}
