// SPDX-License-Identifier: GPL-2.0
/*
 * Many TCP connections at once, on cnet (AF_CUSTOM) or Linux (AF_INET),
 * for selftests/net/tcp/70-tcp-many.sh and the soaks:
 *
 *   tcp_many server cnet|inet ADDR PORT N SECONDS
 *	listen, say "listening", accept N connections ("accepted N"), echo
 *	each byte received, close each connection at its end of file
 *	("closed N"), then exit 0; exit 1 on an error or after SECONDS
 *   tcp_many client cnet|inet ADDR PORT N SECONDS [PARALLEL]
 *	connect N connections, at most PARALLEL (default 256) handshakes
 *	at a time, and say "established N"; on SIGUSR1 send a byte on
 *	each and read its echo ("echoed N"), close them all ("closed N")
 *	and exit 0; exit 1 on an error (a connection refused, reset or
 *	closed early) or after SECONDS
 *
 * The client waits for SIGUSR1 between "established" and the echo, so that
 * the test can count the connections (cnet sock show) while they all live.
 * The soft limit of open files is raised to what N needs.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

enum conn_state { CONNECTING, ESTABLISHED, ECHOING, DONE };

static int family;
static struct sockaddr_storage peer;
static socklen_t peer_len;
static time_t deadline;

static void die(const char *what)
{
	fprintf(stderr, "tcp_many: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void set_addr(const char *fam, const char *ip, const char *port)
{
	struct sockaddr_cnet *scn = (struct sockaddr_cnet *)&peer;
	struct sockaddr_in *sin = (struct sockaddr_in *)&peer;
	struct in_addr a;

	if (inet_pton(AF_INET, ip, &a) != 1) {
		fprintf(stderr, "tcp_many: bad address %s\n", ip);
		exit(2);
	}
	memset(&peer, 0, sizeof(peer));
	if (!strcmp(fam, "cnet")) {
		family = AF_CUSTOM;
		scn->scn_family = AF_CUSTOM;
		scn->scn_addr = a.s_addr;
		scn->scn_port = htons(atoi(port));
		peer_len = sizeof(*scn);
	} else if (!strcmp(fam, "inet")) {
		family = AF_INET;
		sin->sin_family = AF_INET;
		sin->sin_addr = a;
		sin->sin_port = htons(atoi(port));
		peer_len = sizeof(*sin);
	} else {
		fprintf(stderr, "tcp_many: family cnet or inet, not %s\n", fam);
		exit(2);
	}
}

static void raise_nofile(int n)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		die("getrlimit");
	if (rl.rlim_cur >= (rlim_t)n + 64)
		return;
	rl.rlim_cur = n + 64;
	if (rl.rlim_max < rl.rlim_cur)
		rl.rlim_max = rl.rlim_cur;
	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit RLIMIT_NOFILE");
}

static void say(const char *what, int n)
{
	printf("%s %d\n", what, n);
	fflush(stdout);
}

/* Wait for events until the deadline; exits when it has passed. */
static int wait_events(int ep, struct epoll_event *ev, int max)
{
	int k;

	for (;;) {
		if (time(NULL) > deadline) {
			fprintf(stderr, "tcp_many: timed out\n");
			exit(1);
		}
		k = epoll_wait(ep, ev, max, 500);
		if (k > 0)
			return k;
		if (k < 0 && errno != EINTR)
			die("epoll_wait");
	}
}

static int server(int n)
{
	struct epoll_event ev, evs[256];
	int lfd, ep, one = 1, accepted = 0, closed = 0, i, k, fd;
	char c;

	lfd = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
	if (lfd < 0)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (struct sockaddr *)&peer, peer_len) || listen(lfd, 4096))
		die("bind/listen");
	ep = epoll_create1(0);
	if (ep < 0)
		die("epoll_create1");
	ev.events = EPOLLIN;
	ev.data.fd = lfd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &ev))
		die("epoll_ctl");
	say("listening", 0);
	while (closed < n) {
		k = wait_events(ep, evs, 256);
		for (i = 0; i < k; i++) {
			fd = evs[i].data.fd;
			if (fd == lfd) {
				while (accepted < n) {
					int c_fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK);

					if (c_fd < 0) {
						if (errno == EAGAIN || errno == EINTR)
							break;
						die("accept4");
					}
					ev.events = EPOLLIN;
					ev.data.fd = c_fd;
					if (epoll_ctl(ep, EPOLL_CTL_ADD, c_fd, &ev))
						die("epoll_ctl");
					if (++accepted == n) {
						say("accepted", n);
						epoll_ctl(ep, EPOLL_CTL_DEL, lfd, NULL);
						close(lfd);
					}
				}
				continue;
			}
			switch (read(fd, &c, 1)) {
			case 1:
				if (write(fd, &c, 1) != 1)
					die("write");
				break;
			case 0:
				close(fd);
				closed++;
				break;
			default:
				if (errno != EAGAIN && errno != EINTR)
					die("read");
			}
		}
	}
	say("closed", closed);
	return 0;
}

/* An event on a connection that waits for nothing: an error or a hang-up. */
static void idle_event(int idx, unsigned int events)
{
	if (events & (EPOLLERR | EPOLLHUP)) {
		fprintf(stderr, "tcp_many: connection %d: error or hang-up (%#x)\n",
			idx, events);
		exit(1);
	}
}

static int client(int n, int parallel)
{
	struct epoll_event ev, evs[256];
	int *fds, started = 0, inflight = 0, established = 0, echoed = 0;
	int ep, i, k, idx, err, sig;
	enum conn_state *st;
	socklen_t len;
	sigset_t usr1;
	char c;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	fds = calloc(n, sizeof(*fds));
	st = calloc(n, sizeof(*st));
	ep = epoll_create1(0);
	if (!fds || !st || ep < 0)
		die("setup");

	while (established < n) {
		while (started < n && inflight < parallel) {
			int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);

			if (fd < 0)
				die("socket");
			if (connect(fd, (struct sockaddr *)&peer, peer_len) &&
			    errno != EINPROGRESS)
				die("connect");
			fds[started] = fd;
			st[started] = CONNECTING;
			ev.events = EPOLLOUT;
			ev.data.u32 = started;
			if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev))
				die("epoll_ctl");
			started++;
			inflight++;
		}
		k = wait_events(ep, evs, 256);
		for (i = 0; i < k; i++) {
			idx = evs[i].data.u32;
			if (st[idx] != CONNECTING) {
				idle_event(idx, evs[i].events);
				continue;
			}
			len = sizeof(err);
			if (getsockopt(fds[idx], SOL_SOCKET, SO_ERROR, &err, &len))
				die("getsockopt SO_ERROR");
			if (err) {
				errno = err;
				die("connect (SO_ERROR)");
			}
			st[idx] = ESTABLISHED;
			ev.events = 0;
			ev.data.u32 = idx;
			epoll_ctl(ep, EPOLL_CTL_MOD, fds[idx], &ev);
			inflight--;
			established++;
		}
	}
	say("established", established);

	for (;;) {
		struct timespec ts = { 1, 0 };

		sig = sigtimedwait(&usr1, NULL, &ts);
		if (sig == SIGUSR1)
			break;
		if (time(NULL) > deadline) {
			fprintf(stderr, "tcp_many: no SIGUSR1 in time\n");
			return 1;
		}
	}

	c = 'x';
	for (idx = 0; idx < n; idx++) {
		if (write(fds[idx], &c, 1) != 1)
			die("write");
		st[idx] = ECHOING;
		ev.events = EPOLLIN;
		ev.data.u32 = idx;
		if (epoll_ctl(ep, EPOLL_CTL_MOD, fds[idx], &ev))
			die("epoll_ctl");
	}
	while (echoed < n) {
		k = wait_events(ep, evs, 256);
		for (i = 0; i < k; i++) {
			idx = evs[i].data.u32;
			if (st[idx] != ECHOING) {
				idle_event(idx, evs[i].events);
				continue;
			}
			switch (read(fds[idx], &c, 1)) {
			case 1:
				if (c != 'x') {
					fprintf(stderr, "tcp_many: echo %d wrong\n", idx);
					return 1;
				}
				st[idx] = DONE;
				ev.events = 0;
				ev.data.u32 = idx;
				epoll_ctl(ep, EPOLL_CTL_MOD, fds[idx], &ev);
				echoed++;
				break;
			case 0:
				fprintf(stderr, "tcp_many: connection %d closed early\n", idx);
				return 1;
			default:
				if (errno != EAGAIN && errno != EINTR)
					die("read");
			}
		}
	}
	say("echoed", echoed);
	for (idx = 0; idx < n; idx++)
		close(fds[idx]);
	say("closed", n);
	return 0;
}

int main(int argc, char **argv)
{
	int n;

	if (argc < 7) {
		fprintf(stderr,
			"usage: tcp_many server|client cnet|inet ADDR PORT N SECONDS [PARALLEL]\n");
		return 2;
	}
	set_addr(argv[2], argv[3], argv[4]);
	n = atoi(argv[5]);
	deadline = time(NULL) + atoi(argv[6]);
	if (n <= 0)
		return 2;
	raise_nofile(n);
	if (!strcmp(argv[1], "server"))
		return server(n);
	if (!strcmp(argv[1], "client"))
		return client(n, argc > 7 ? atoi(argv[7]) : 256);
	fprintf(stderr, "tcp_many: server or client, not %s\n", argv[1]);
	return 2;
}
