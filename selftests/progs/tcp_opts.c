// SPDX-License-Identifier: GPL-2.0
/*
 * TCP socket options and timers of a cnet socket, against a Linux peer
 * (selftests/net/tcp/60-tcp-keepalive.sh, 61-tcp-sockopts.sh):
 *
 *   tcp_opts options
 *	get/set of TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT,
 *	TCP_USER_TIMEOUT, TCP_SYNCNT, TCP_LINGER2, TCP_DEFER_ACCEPT,
 *	SO_KEEPALIVE, SO_RCVLOWAT: Linux's defaults, ranges and EINVAL
 *   tcp_opts keepalive PEER PORT dead|live
 *	SO_KEEPALIVE with idle 1, intvl 1, cnt 2; after a line on stdin
 *	("go": the script made the peer vanish, or not), a dead peer ends
 *	recv() with ETIMEDOUT within seconds; a live one keeps the
 *	connection (4 s quiet, then an echo)
 *   tcp_opts user_timeout PEER PORT MS
 *	after "go", data sent to a vanished peer ends with ETIMEDOUT about
 *	MS later
 *   tcp_opts retries PEER PORT [EHOSTUNREACH]
 *	as user_timeout, without TCP_USER_TIMEOUT: the namespace's
 *	tcp_retries2 ends the connection, when the script checks (the
 *	time depends on the connection's RTO); with EHOSTUNREACH, that is
 *	its error (ARP failed on the way: the soft error ICMP left)
 *   tcp_opts orphan PEER PORT
 *	after "go", sends 1000 bytes and closes at once: the socket is an
 *	orphan with data and its FIN in flight, and the program ends
 *   tcp_opts zerowin_timeout PEER PORT MS
 *	the peer stops reading; once the window is closed, TCP_USER_TIMEOUT
 *	ends the connection (counted from the first zero-window probe)
 *   tcp_opts defer PORT SECONDS data|nodata
 *	a listener with TCP_DEFER_ACCEPT: with data, accept() returns only
 *	once the data is there; without, after the defer time
 *   tcp_opts rcvlowat PEER PORT
 *	SO_RCVLOWAT against an echo server: poll() and recv() wait for it
 *   tcp_opts unspec PEER PORT
 *	connect(AF_UNSPEC) aborts a connection (a RST), and the socket
 *	connects again
 *   tcp_opts congestion DEFAULT
 *	TCP_CONGESTION: a new socket has DEFAULT (the namespace's
 *	tcp_congestion); "reno" and "cubic" set and read back, an unknown
 *	name is ENOENT and changes nothing, optlen 0 EINVAL; reading cuts
 *	the name to optlen and pads it with NULs to 16 bytes; a connection
 *	accepted over loopback has its listener's algorithm, and switching
 *	one under way keeps it working; after 1.5 s idle a grown window
 *	restarts (RFC 2861)
 *   tcp_opts smallwin
 *	over loopback, a receiver whose SO_RCVBUF (4096: a buffer of 8192,
 *	a window of half of it) keeps its window far below lo's MSS still
 *	gets 128 KiB from a bulk sender, which cuts its segments to half
 *	that window (TCP_INFO's tcpi_snd_mss)
 *
 * Prints "ok N ..." / "not ok N ..." lines; the exit status says whether
 * all passed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static struct sockaddr_cnet addr_of(const char *ip, int port)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };

	sa.scn_addr = ip ? inet_addr(ip) : 0;
	sa.scn_port = htons(port);
	return sa;
}

static int getint(int fd, int level, int name)
{
	socklen_t len = sizeof(int);
	int v = -12345;

	if (getsockopt(fd, level, name, &v, &len) < 0)
		return -12345;
	return v;
}

static int setint(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof(v));
}

static int tcp_connect(const char *ip, int port)
{
	struct sockaddr_cnet sa = addr_of(ip, port);
	int fd = socket(AF_CUSTOM, SOCK_STREAM, 0);

	CHECK(fd >= 0, "socket");
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "connect to %s:%d", ip, port);
	return fd;
}

/* "connected", then wait for the script's line on stdin */
static void wait_go(void)
{
	char line[16];

	printf("connected\n");
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		printf("# stdin closed\n");
}

static void options(void)
{
	struct { int name, dflt; const char *what; } d[] = {
		{ TCP_KEEPIDLE, 7200, "TCP_KEEPIDLE" },
		{ TCP_KEEPINTVL, 75, "TCP_KEEPINTVL" },
		{ TCP_KEEPCNT, 9, "TCP_KEEPCNT" },
		{ TCP_USER_TIMEOUT, 0, "TCP_USER_TIMEOUT" },
		{ TCP_SYNCNT, 6, "TCP_SYNCNT" },
		{ TCP_LINGER2, 60, "TCP_LINGER2" },
		{ TCP_DEFER_ACCEPT, 0, "TCP_DEFER_ACCEPT" },
	};
	int fd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	unsigned int i;
	short s = 1;

	CHECK(fd >= 0, "socket");
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		CHECK(getint(fd, IPPROTO_TCP, d[i].name) == d[i].dflt,
		      "%s defaults to %d (%d)", d[i].what, d[i].dflt,
		      getint(fd, IPPROTO_TCP, d[i].name));
	CHECK(getint(fd, SOL_SOCKET, SO_KEEPALIVE) == 0, "SO_KEEPALIVE off");

	/* the ranges: 1..32767 s, 1..127 probes, as Linux */
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 0), EINVAL, "TCP_KEEPIDLE 0");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 32768), EINVAL,
		   "TCP_KEEPIDLE 32768");
	CHECK(setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 32767) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_KEEPIDLE) == 32767, "TCP_KEEPIDLE 32767");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_KEEPINTVL, 0), EINVAL, "TCP_KEEPINTVL 0");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_KEEPINTVL, 32768), EINVAL,
		   "TCP_KEEPINTVL 32768");
	CHECK(setint(fd, IPPROTO_TCP, TCP_KEEPINTVL, 1) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_KEEPINTVL) == 1, "TCP_KEEPINTVL 1");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_KEEPCNT, 0), EINVAL, "TCP_KEEPCNT 0");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_KEEPCNT, 128), EINVAL, "TCP_KEEPCNT 128");
	CHECK(setint(fd, IPPROTO_TCP, TCP_KEEPCNT, 127) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_KEEPCNT) == 127, "TCP_KEEPCNT 127");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, -1), EINVAL,
		   "TCP_USER_TIMEOUT -1");
	CHECK(setint(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, 1500) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_USER_TIMEOUT) == 1500, "TCP_USER_TIMEOUT 1500");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_SYNCNT, 0), EINVAL, "TCP_SYNCNT 0");
	EXPECT_ERR(setint(fd, IPPROTO_TCP, TCP_SYNCNT, 128), EINVAL, "TCP_SYNCNT 128");
	CHECK(setint(fd, IPPROTO_TCP, TCP_SYNCNT, 2) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_SYNCNT) == 2, "TCP_SYNCNT 2");
	/* TCP_LINGER2: negative is -1, at most 120 s */
	CHECK(setint(fd, IPPROTO_TCP, TCP_LINGER2, -5) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_LINGER2) == -1, "TCP_LINGER2 -5 reads -1");
	CHECK(setint(fd, IPPROTO_TCP, TCP_LINGER2, 500) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_LINGER2) == 120, "TCP_LINGER2 500 reads 120");
	CHECK(setint(fd, IPPROTO_TCP, TCP_LINGER2, 0) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_LINGER2) == 60, "TCP_LINGER2 0 reads 60");
	/* TCP_DEFER_ACCEPT: whole SYN-ACK timeouts (1+2+4 s) */
	CHECK(setint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, 5) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT) == 7,
	      "TCP_DEFER_ACCEPT 5 reads 7 (%d)", getint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT));
	CHECK(setint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT, -3) == 0 &&
	      getint(fd, IPPROTO_TCP, TCP_DEFER_ACCEPT) == 0, "TCP_DEFER_ACCEPT -3 reads 0");
	EXPECT_ERR(setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &s, sizeof(s)), EINVAL,
		   "TCP_KEEPCNT with a short optlen");
	CHECK(setint(fd, SOL_SOCKET, SO_KEEPALIVE, 1) == 0 &&
	      getint(fd, SOL_SOCKET, SO_KEEPALIVE) == 1, "SO_KEEPALIVE on");
	CHECK(setint(fd, SOL_SOCKET, SO_RCVLOWAT, 100) == 0 &&
	      getint(fd, SOL_SOCKET, SO_RCVLOWAT) == 100, "SO_RCVLOWAT 100");
	close(fd);
}

static void keepalive(const char *ip, int port, int live)
{
	int fd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	struct sockaddr_cnet sa = addr_of(ip, port);
	struct pollfd p;
	char buf[16];
	long t0, dt;
	ssize_t r;

	CHECK(setint(fd, SOL_SOCKET, SO_KEEPALIVE, 1) == 0 &&
	      setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 1) == 0 &&
	      setint(fd, IPPROTO_TCP, TCP_KEEPINTVL, 1) == 0 &&
	      setint(fd, IPPROTO_TCP, TCP_KEEPCNT, 2) == 0,
	      "SO_KEEPALIVE, idle 1, intvl 1, cnt 2");
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "connect");
	wait_go();
	t0 = now_ms();
	if (!live) {
		errno = 0;
		r = recv(fd, buf, sizeof(buf), 0);
		dt = now_ms() - t0;
		CHECK(r < 0 && errno == ETIMEDOUT,
		      "recv: ETIMEDOUT from the dead peer (%zd, %s)", r, strerror(errno));
		/* the last answer at most 1 s before "go": 1..3 s, with slack */
		CHECK(dt >= 900 && dt <= 8000, "after idle + 2 intervals: %ld ms", dt);
		printf("# ETIMEDOUT after %ld ms\n", dt);
		close(fd);
		return;
	}
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK(poll(&p, 1, 4500) == 0, "4.5 s quiet: no event (0x%x)", p.revents);
	CHECK(getint(fd, SOL_SOCKET, SO_ERROR) == 0, "no error");
	CHECK(send(fd, "alive", 5, 0) == 5, "send after the quiet time");
	memset(buf, 0, sizeof(buf));
	CHECK(recv(fd, buf, 5, MSG_WAITALL) == 5 && !memcmp(buf, "alive", 5),
	      "the echo comes back");
	close(fd);
}

/*
 * user_timeout, or retries (@ms < 0): the time is the script's to check.
 * The error is @err: ETIMEDOUT, or the soft error of a retries case.
 */
static void user_timeout(const char *ip, int port, int ms, int err)
{
	int fd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	struct sockaddr_cnet sa = addr_of(ip, port);
	char buf[1000] = { 0 };
	long t0, dt;
	ssize_t r;

	if (ms >= 0)
		CHECK(setint(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, ms) == 0,
		      "TCP_USER_TIMEOUT %d", ms);
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "connect");
	wait_go();
	t0 = now_ms();
	CHECK(send(fd, buf, sizeof(buf), 0) == sizeof(buf), "send 1000 bytes");
	errno = 0;
	r = recv(fd, buf, sizeof(buf), 0);
	dt = now_ms() - t0;
	CHECK(r < 0 && errno == err, "recv: %s (%zd, %s)",
	      strerrorname_np(err), r, strerror(errno));
	if (ms >= 0)
		CHECK(dt >= ms - 100 && dt <= ms + 3000,
		      "after about %d ms: %ld ms", ms, dt);
	printf("# %s after %ld ms\n", strerrorname_np(err), dt);
	close(fd);
}

static void orphan(const char *ip, int port)
{
	int fd = tcp_connect(ip, port);
	char buf[1000] = { 0 };

	wait_go();
	CHECK(send(fd, buf, sizeof(buf), 0) == sizeof(buf), "send 1000 bytes");
	CHECK(close(fd) == 0, "close with the data in flight");
}

static void zerowin_timeout(const char *ip, int port, int ms)
{
	int fd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	struct sockaddr_cnet sa = addr_of(ip, port);
	static char buf[65536];
	struct pollfd p;
	long t0, dt, sent = 0;
	ssize_t r;

	CHECK(setint(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, ms) == 0,
	      "TCP_USER_TIMEOUT %d", ms);
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "connect");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	/* fill the peer's buffer and ours: the window closes */
	t0 = now_ms();
	for (;;) {
		r = send(fd, buf, sizeof(buf), 0);
		if (r > 0) {
			sent += r;
			t0 = now_ms();
			continue;
		}
		if (errno != EAGAIN || now_ms() - t0 > 500)
			break;
		usleep(100000);
	}
	printf("# %ld bytes queued before the window closed\n", sent);
	t0 = now_ms();
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	poll(&p, 1, ms + 20000);
	dt = now_ms() - t0;
	CHECK(p.revents & POLLERR, "poll: POLLERR (0x%x)", p.revents);
	CHECK(getint(fd, SOL_SOCKET, SO_ERROR) == ETIMEDOUT, "SO_ERROR: ETIMEDOUT");
	CHECK(dt <= ms + 8000, "within the user timeout and a probe: %ld ms", dt);
	printf("# ETIMEDOUT %ld ms after the window closed\n", dt);
	close(fd);
}

static void defer(int port, int secs, int data)
{
	int lfd = socket(AF_CUSTOM, SOCK_STREAM, 0), fd, inq = -1;
	struct sockaddr_cnet sa = addr_of(NULL, port);
	struct pollfd p;
	char buf[16];
	long t0, dt;
	ssize_t r;

	setint(lfd, SOL_SOCKET, SO_REUSEADDR, 1);
	CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0, "bind :%d", port);
	CHECK(setint(lfd, IPPROTO_TCP, TCP_DEFER_ACCEPT, secs) == 0,
	      "TCP_DEFER_ACCEPT %d", secs);
	CHECK(listen(lfd, 8) == 0, "listen");
	printf("listening\n");
	fflush(stdout);
	/* the peer connects now, and sends 2 s later (or never) */
	p = (struct pollfd){ .fd = lfd, .events = POLLIN };
	t0 = now_ms();
	CHECK(poll(&p, 1, 20000) == 1, "poll: a connection to accept");
	dt = now_ms() - t0;
	printf("# offered %ld ms after listen()\n", dt);
	CHECK(dt >= (data ? 1500 : 800), "not before %s: %ld ms",
	      data ? "the data (2 s)" : "the defer time (1 s)", dt);
	fd = accept(lfd, NULL, NULL);
	CHECK(fd >= 0, "accept");
	CHECK(ioctl(fd, FIONREAD, &inq) == 0 && inq == (data ? 5 : 0),
	      "FIONREAD at accept() says what is queued: %d", inq);
	errno = 0;
	r = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
	if (data)
		CHECK(r == 5 && !memcmp(buf, "hello", 5),
		      "its data is there at once (%zd, %s)", r, strerror(errno));
	else
		CHECK(r < 0 && errno == EAGAIN,
		      "no data, offered when the defer time ended (%zd, %s)", r,
		      strerror(errno));
	close(fd);
	close(lfd);
}

static void rcvlowat(const char *ip, int port)
{
	int fd = tcp_connect(ip, port);
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[64];
	long t0, dt;
	pid_t pid;
	ssize_t r;

	CHECK(setint(fd, SOL_SOCKET, SO_RCVLOWAT, 10) == 0, "SO_RCVLOWAT 10");
	CHECK(send(fd, "abcde", 5, 0) == 5, "send 5");
	/* the echo of 5 is not enough */
	CHECK(poll(&p, 1, 1000) == 0, "poll: no POLLIN for 5 bytes (0x%x)", p.revents);
	CHECK(send(fd, "fghij", 5, 0) == 5, "send 5 more");
	CHECK(poll(&p, 1, 5000) == 1 && (p.revents & POLLIN), "poll: POLLIN at 10");
	r = recv(fd, buf, sizeof(buf), 0);
	CHECK(r == 10 && !memcmp(buf, "abcdefghij", 10), "recv: the 10 bytes (%zd)", r);

	/* a blocking recv() waits for the mark */
	CHECK(setint(fd, SOL_SOCKET, SO_RCVLOWAT, 8) == 0, "SO_RCVLOWAT 8");
	CHECK(send(fd, "1234", 4, 0) == 4, "send 4");
	pid = fork();
	if (!pid) {
		usleep(1000000);
		send(fd, "5678", 4, 0);
		_exit(0);
	}
	t0 = now_ms();
	r = recv(fd, buf, sizeof(buf), 0);
	dt = now_ms() - t0;
	waitpid(pid, NULL, 0);
	CHECK(r == 8 && !memcmp(buf, "12345678", 8), "recv: 8 bytes at once (%zd)", r);
	CHECK(dt >= 800, "recv waited for the second half: %ld ms", dt);
	close(fd);
}

static void unspec(const char *ip, int port)
{
	int fd = tcp_connect(ip, port);
	struct sockaddr_cnet sa = addr_of(ip, port), me;
	struct sockaddr un = { .sa_family = AF_UNSPEC };
	socklen_t slen = sizeof(me);
	char buf[8];

	CHECK(send(fd, "one", 3, 0) == 3 && recv(fd, buf, 3, MSG_WAITALL) == 3,
	      "echo on the first connection");
	CHECK(connect(fd, &un, sizeof(un)) == 0, "connect(AF_UNSPEC)");
	EXPECT_ERR(getpeername(fd, (struct sockaddr *)&me, &slen), ENOTCONN,
		   "getpeername after it");
	CHECK(getint(fd, SOL_SOCKET, SO_ERROR) == ECONNRESET, "SO_ERROR: ECONNRESET");
	EXPECT_ERR(send(fd, "x", 1, MSG_NOSIGNAL), EPIPE, "send while disconnected");
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "connect again on the same socket");
	memset(buf, 0, sizeof(buf));
	CHECK(send(fd, "two", 3, 0) == 3 && recv(fd, buf, 3, MSG_WAITALL) == 3 &&
	      !memcmp(buf, "two", 3), "echo on the second connection");
	close(fd);
}

/* TCP_CONGESTION as a string; "" if getsockopt fails */
static const char *cong_of(int fd)
{
	static char name[32];
	socklen_t len = sizeof(name);

	memset(name, 0x55, sizeof(name));
	if (getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &len) < 0 ||
	    len != 16)
		return "";
	return name;
}

static int set_cong(int fd, const char *name, socklen_t len)
{
	return setsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, len);
}

static unsigned int cwnd_of(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len))
		return 0;
	return ti.tcpi_snd_cwnd;
}

/*
 * Restart after idle (RFC 2861, RFC 5681 4.1, as Linux's default
 * tcp_slow_start_after_idle): 4 MiB from @cfd to @afd grow cfd's window;
 * after 1.5 s without sending (several RTOs on loopback) the next send
 * finds it back at the initial window at most.
 */
static void restart_after_idle(int cfd, int afd)
{
	static char buf[1 << 16];
	const size_t total = 4 << 20;
	unsigned int before, after;
	size_t sent = 0, got = 0;
	ssize_t r;

	memset(buf, 'z', sizeof(buf));
	while (got < total) {
		if (sent < total) {
			r = send(cfd, buf, total - sent < sizeof(buf) ?
				 total - sent : sizeof(buf), MSG_DONTWAIT);
			if (r > 0)
				sent += r;
		}
		r = recv(afd, buf, sizeof(buf), sent < total ? MSG_DONTWAIT : 0);
		if (r == 0 || (r < 0 && errno != EAGAIN))
			break;
		if (r > 0)
			got += r;
	}
	CHECK(got == total, "4 MiB over loopback (%zu)", got);
	before = cwnd_of(cfd);
	CHECK(before > 10, "the window grew past the initial one (%u)", before);
	usleep(1500000);
	CHECK(send(cfd, "x", 1, 0) == 1 && recv(afd, buf, 1, 0) == 1,
	      "a byte after 1.5 s idle");
	after = cwnd_of(cfd);
	CHECK(after <= 10 && after < before,
	      "the window restarted after idle (%u -> %u)", before, after);
}

static void congestion(const char *dflt)
{
	int fd = socket(AF_CUSTOM, SOCK_STREAM, 0), lfd, cfd, afd, i;
	struct sockaddr_cnet sa = addr_of("127.0.0.1", 0);
	socklen_t len = sizeof(sa);
	char name[32];
	const char *c;

	CHECK(fd >= 0, "socket");
	CHECK(!strcmp(cong_of(fd), dflt), "a new socket has %s (%s)", dflt,
	      cong_of(fd));
	CHECK(set_cong(fd, "reno", 4) == 0 && !strcmp(cong_of(fd), "reno"),
	      "TCP_CONGESTION reno");
	CHECK(set_cong(fd, "cubic", 6) == 0 && !strcmp(cong_of(fd), "cubic"),
	      "TCP_CONGESTION cubic");
	EXPECT_ERR(set_cong(fd, "nosuch", 6), ENOENT, "an unknown name");
	EXPECT_ERR(set_cong(fd, "cubi", 4), ENOENT, "a prefix of a name");
	CHECK(!strcmp(cong_of(fd), "cubic"), "ENOENT changed nothing (%s)",
	      cong_of(fd));
	EXPECT_ERR(set_cong(fd, "reno", 0), EINVAL, "optlen 0");
	/* optlen bytes are read, with or without a NUL */
	CHECK(set_cong(fd, "renoXX", 4) == 0 && !strcmp(cong_of(fd), "reno"),
	      "the first optlen bytes name it");
	/* the name cut to optlen, NUL-padded to 16, as Linux */
	memset(name, 'x', sizeof(name));
	len = 3;
	CHECK(getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &len) == 0 &&
	      len == 3 && !memcmp(name, "renx", 4), "optlen 3: \"ren\" (%u)",
	      len);
	memset(name, 'x', sizeof(name));
	len = sizeof(name);
	CHECK(getsockopt(fd, IPPROTO_TCP, TCP_CONGESTION, name, &len) == 0 &&
	      len == 16 && name[16] == 'x', "optlen 32: 16 bytes (%u)", len);
	for (i = 4, c = ""; i < 16; i++)
		if (name[i])
			c = "not ";
	CHECK(!*c, "NUL-padded");
	close(fd);

	/* an accepted connection has its listener's algorithm */
	lfd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	len = sizeof(sa);
	CHECK(set_cong(lfd, "reno", 4) == 0, "listener: reno");
	CHECK(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	      listen(lfd, 1) == 0 &&
	      getsockname(lfd, (struct sockaddr *)&sa, &len) == 0,
	      "listen on 127.0.0.1");
	cfd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	CHECK(connect(cfd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "connect over loopback");
	afd = accept(lfd, NULL, NULL);
	CHECK(afd >= 0, "accept");
	CHECK(!strcmp(cong_of(afd), "reno"), "accepted: reno (%s)",
	      cong_of(afd));
	CHECK(!strcmp(cong_of(cfd), dflt), "client: %s (%s)", dflt,
	      cong_of(cfd));
	/* switching under way: data still flows */
	CHECK(send(cfd, "one", 3, 0) == 3 &&
	      recv(afd, name, 3, MSG_WAITALL) == 3, "data before the switch");
	CHECK(set_cong(cfd, "reno", 4) == 0 && set_cong(afd, "cubic", 5) == 0,
	      "switched on both ends");
	CHECK(send(cfd, "two", 3, 0) == 3 && send(afd, "three", 5, 0) == 5 &&
	      recv(afd, name, 3, MSG_WAITALL) == 3 &&
	      recv(cfd, name, 5, MSG_WAITALL) == 5 && !memcmp(name, "three", 5),
	      "data after it");
	CHECK(!strcmp(cong_of(cfd), "reno") && !strcmp(cong_of(afd), "cubic"),
	      "each reads its new one");
	restart_after_idle(cfd, afd);
	close(cfd);
	close(afd);
	close(lfd);
}

static void smallwin(void)
{
	struct sockaddr_cnet sa = addr_of("127.0.0.1", 0);
	static char buf[128 * 1024];
	socklen_t len = sizeof(sa);
	struct tcp_info ti;
	int lfd, cfd, afd, st;
	size_t got = 0;
	ssize_t r;
	pid_t pid;

	lfd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	CHECK(lfd >= 0 && setint(lfd, SOL_SOCKET, SO_RCVBUF, 4096) == 0 &&
	      bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
	      listen(lfd, 1) == 0 &&
	      getsockname(lfd, (struct sockaddr *)&sa, &len) == 0,
	      "a listener with SO_RCVBUF 4096 on 127.0.0.1");
	cfd = socket(AF_CUSTOM, SOCK_STREAM, 0);
	CHECK(cfd >= 0 && connect(cfd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "connect over loopback");
	afd = accept(lfd, NULL, NULL);
	CHECK(afd >= 0, "accept");
	/* the sender in a child; a stalled transfer ends both by SIGALRM */
	alarm(30);
	pid = fork();
	if (pid == 0) {
		memset(buf, 'w', sizeof(buf));
		_exit(send(cfd, buf, sizeof(buf), 0) == sizeof(buf) ? 0 : 1);
	}
	CHECK(pid > 0, "fork");
	while (got < sizeof(buf) &&
	       (r = recv(afd, buf, sizeof(buf) - got, 0)) > 0)
		got += r;
	CHECK(got == sizeof(buf), "the receiver got all %zu bytes (%zu)",
	      sizeof(buf), got);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	      !WEXITSTATUS(st), "the sender's send() took them all");
	alarm(0);
	len = sizeof(ti);
	CHECK(getsockopt(cfd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
	      ti.tcpi_snd_mss > 0 && ti.tcpi_snd_mss <= 2048,
	      "the sender's segments: half the 4096-byte window at most (%u)",
	      ti.tcpi_snd_mss);
	close(cfd);
	close(afd);
	close(lfd);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "options"))
		options();
	else if (argc == 5 && !strcmp(argv[1], "keepalive"))
		keepalive(argv[2], atoi(argv[3]), !strcmp(argv[4], "live"));
	else if (argc == 5 && !strcmp(argv[1], "user_timeout"))
		user_timeout(argv[2], atoi(argv[3]), atoi(argv[4]), ETIMEDOUT);
	else if (argc == 4 && !strcmp(argv[1], "retries"))
		user_timeout(argv[2], atoi(argv[3]), -1, ETIMEDOUT);
	else if (argc == 5 && !strcmp(argv[1], "retries") &&
		 !strcmp(argv[4], "EHOSTUNREACH"))
		user_timeout(argv[2], atoi(argv[3]), -1, EHOSTUNREACH);
	else if (argc == 4 && !strcmp(argv[1], "orphan"))
		orphan(argv[2], atoi(argv[3]));
	else if (argc == 5 && !strcmp(argv[1], "zerowin_timeout"))
		zerowin_timeout(argv[2], atoi(argv[3]), atoi(argv[4]));
	else if (argc == 5 && !strcmp(argv[1], "defer"))
		defer(atoi(argv[2]), atoi(argv[3]), !strcmp(argv[4], "data"));
	else if (argc == 4 && !strcmp(argv[1], "rcvlowat"))
		rcvlowat(argv[2], atoi(argv[3]));
	else if (argc == 4 && !strcmp(argv[1], "unspec"))
		unspec(argv[2], atoi(argv[3]));
	else if (argc == 3 && !strcmp(argv[1], "congestion"))
		congestion(argv[2]);
	else if (argc == 2 && !strcmp(argv[1], "smallwin"))
		smallwin();
	else {
		fprintf(stderr, "usage: see the top of %s.c\n", argv[0]);
		return 2;
	}
	return failed;
}
