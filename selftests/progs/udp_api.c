// SPDX-License-Identifier: GPL-2.0
/*
 * UDP sockets of AF_CUSTOM, call by call, with Linux's AF_INET semantics
 * and errnos. Run in a namespace where cnet owns DEV with LOCAL/24, next
 * to a Linux peer at PEER running selftests/net/udp/echo.py on port 7
 * (and nothing on port 9):
 *
 *	udp_api api LOCAL PEER DEV      the API, one "ok"/"not ok" per check
 *	udp_api send ADDR PORT TEXT     one datagram, from an ephemeral port
 *	udp_api recv ADDR PORT N SECS   print N datagrams received, one a line
 *	udp_api many N ADDR1 ADDR2 PORT0
 *					bind N sockets, alternately to ADDR1
 *					and ADDR2, ports from PORT0 on; wait
 *					for one datagram on the last (ADDR2,
 *					port PORT0 + (N - 1) / 2), print it
 *	udp_api reuseport N ADDR PORT GO
 *					N SO_REUSEPORT sockets; once the file
 *					GO exists, print how many datagrams
 *					each got
 *	udp_api rcvbuf ADDR PORT GO     a socket with an 8 KiB receive buffer
 *					that reads nothing until the file GO
 *					exists, then prints how many it had
 *					queued
 *	udp_api bcast DEV PORT SECS     bound to 0.0.0.0:PORT and DEV, with
 *					no address: send "discover" to
 *					255.255.255.255:PORT+1, print the
 *					reply and its source
 *
 * api exits 1 if a check failed; the others 1 on a failed call.
 */
#define _GNU_SOURCE	/* sendmmsg, recvmmsg */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/errqueue.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"
#include <linux/sockios.h>

#ifndef UDP_CORK
#define UDP_CORK	1
#endif

#define EXPECT_OK(call, what) do {					\
	errno = 0;							\
	long __r = (call);						\
	CHECK(__r >= 0, "%s (got %ld, %s)", what, __r, strerror(errno));\
} while (0)

static void die(const char *what)
{
	perror(what);
	exit(2);
}

static struct sockaddr_cnet addr(const char *ip, uint16_t port)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };

	sa.scn_port = htons(port);
	if (inet_pton(AF_INET, ip, &sa.scn_addr) != 1) {
		fprintf(stderr, "bad address %s\n", ip);
		exit(2);
	}
	return sa;
}

#define SA(p)	((struct sockaddr *)(p))

static int udp_sock(void)
{
	int fd = socket(AF_CUSTOM, SOCK_DGRAM, 0);

	if (fd < 0)
		die("socket(AF_CUSTOM, SOCK_DGRAM, 0)");
	return fd;
}

static int setint(int fd, int level, int opt, int val)
{
	return setsockopt(fd, level, opt, &val, sizeof(val));
}

static int getint(int fd, int level, int opt)
{
	socklen_t len = sizeof(int);
	int val = -1;

	if (getsockopt(fd, level, opt, &val, &len))
		return -1000 - errno;
	return val;
}

static struct sockaddr_cnet sockname(int fd, int peer)
{
	struct sockaddr_cnet sa = { 0 };
	socklen_t len = sizeof(sa);

	if ((peer ? getpeername : getsockname)(fd, SA(&sa), &len))
		sa.scn_family = 0xffff;
	return sa;
}

static const char *ntoa(__be32 a)
{
	static char buf[4][INET_ADDRSTRLEN];
	static int i;

	i = (i + 1) % 4;
	return inet_ntop(AF_INET, &a, buf[i], sizeof(buf[i]));
}

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One reply to @msg from the echo server, into @buf (NUL ended). */
static ssize_t echo(int fd, const struct sockaddr_cnet *to, const char *msg,
		    char *buf, size_t len)
{
	ssize_t r;

	if (sendto(fd, msg, strlen(msg), 0, SA(to), to ? sizeof(*to) : 0) < 0)
		return -1;
	if (!readable(fd, 10000))
		return -1;
	r = recv(fd, buf, len - 1, 0);
	if (r >= 0)
		buf[r] = 0;
	return r;
}

/* Run @fn in a child that gave up root; its exit status 0 is success. */
static int as_nobody(int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(100);
		_exit(fn(arg));
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int bind_low_port(void *arg)
{
	struct sockaddr_cnet sa = *(struct sockaddr_cnet *)arg;
	int fd = udp_sock();

	sa.scn_port = htons(80);
	errno = 0;
	if (bind(fd, SA(&sa), sizeof(sa)) == 0 || errno != EACCES)
		return 1;
	sa.scn_port = htons(1024);
	return bind(fd, SA(&sa), sizeof(sa)) ? 2 : 0;
}

static int reuseport_other_user(void *arg)
{
	struct sockaddr_cnet sa = *(struct sockaddr_cnet *)arg;
	int fd = udp_sock();

	setint(fd, SOL_SOCKET, SO_REUSEPORT, 1);
	errno = 0;
	return bind(fd, SA(&sa), sizeof(sa)) == 0 || errno != EADDRINUSE;
}

static void api_create(void)
{
	int fd;

	fd = socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_UDP);
	CHECK(fd >= 0, "socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_UDP)");
	close(fd);
	fd = udp_sock();
	CHECK(getint(fd, SOL_SOCKET, SO_PROTOCOL) == IPPROTO_UDP,
	      "protocol 0 is UDP (SO_PROTOCOL %d)",
	      getint(fd, SOL_SOCKET, SO_PROTOCOL));
	CHECK(getint(fd, SOL_SOCKET, SO_TYPE) == SOCK_DGRAM, "SO_TYPE");
	close(fd);
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT,
		   "datagram socket of protocol TCP");
}

static void api_bind(const char *local)
{
	struct sockaddr_cnet sa = addr(local, 0), got, other;
	int fd = udp_sock(), fd2 = udp_sock(), fd3, port;

	other = addr("10.0.1.99", 0);
	EXPECT_ERR(bind(fd, SA(&other), sizeof(other)), EADDRNOTAVAIL,
		   "bind to another host's address");
	EXPECT_ERR(bind(fd, SA(&sa), sizeof(sa) - 1), EINVAL,
		   "bind with a short address");
	other = sa;
	other.scn_family = AF_INET;
	EXPECT_ERR(bind(fd, SA(&other), sizeof(other)), EAFNOSUPPORT,
		   "bind with AF_INET");
	got = sockname(fd, 0);
	CHECK(got.scn_family == AF_CUSTOM && !got.scn_port && !got.scn_addr,
	      "unbound: getsockname 0.0.0.0:0");
	EXPECT_ERR(getpeername(fd, SA(&got), &(socklen_t){ sizeof(got) }),
		   ENOTCONN, "getpeername unconnected");

	EXPECT_OK(bind(fd, SA(&sa), sizeof(sa)), "bind LOCAL:0");
	got = sockname(fd, 0);
	port = ntohs(got.scn_port);
	CHECK(got.scn_addr == sa.scn_addr && port >= 32768 && port <= 60999,
	      "port 0: an ephemeral port (%s:%d)", ntoa(got.scn_addr), port);
	EXPECT_ERR(bind(fd, SA(&sa), sizeof(sa)), EINVAL, "bind twice");

	sa.scn_port = got.scn_port;
	EXPECT_ERR(bind(fd2, SA(&sa), sizeof(sa)), EADDRINUSE,
		   "bind to a port taken");
	other = addr("0.0.0.0", port);
	EXPECT_ERR(bind(fd2, SA(&other), sizeof(other)), EADDRINUSE,
		   "bind 0.0.0.0 to a port taken on LOCAL");
	close(fd);
	EXPECT_OK(bind(fd2, SA(&sa), sizeof(sa)), "the port is free once closed");
	close(fd2);

	/* SO_REUSEADDR on both: shared */
	fd = udp_sock();
	fd2 = udp_sock();
	setint(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	setint(fd2, SOL_SOCKET, SO_REUSEADDR, 1);
	other = addr("0.0.0.0", 5300);
	EXPECT_OK(bind(fd, SA(&other), sizeof(other)), "bind 0.0.0.0:5300");
	other = addr(local, 5300);
	EXPECT_OK(bind(fd2, SA(&other), sizeof(other)),
		  "SO_REUSEADDR on both: LOCAL:5300 too");
	close(fd);
	close(fd2);

	/* SO_REUSEPORT: same owner only */
	fd = udp_sock();
	fd2 = udp_sock();
	setint(fd, SOL_SOCKET, SO_REUSEPORT, 1);
	setint(fd2, SOL_SOCKET, SO_REUSEPORT, 1);
	other = addr("0.0.0.0", 5301);
	EXPECT_OK(bind(fd, SA(&other), sizeof(other)), "SO_REUSEPORT bind");
	EXPECT_OK(bind(fd2, SA(&other), sizeof(other)),
		  "SO_REUSEPORT: the same owner shares");
	CHECK(as_nobody(reuseport_other_user, &other) == 0,
	      "SO_REUSEPORT: another user gets EADDRINUSE");
	close(fd);
	close(fd2);

	/* broadcast addresses */
	fd = udp_sock();
	other = addr("10.0.1.255", 5302);
	EXPECT_OK(bind(fd, SA(&other), sizeof(other)),
		  "bind to the subnet broadcast");
	got = sockname(fd, 0);
	CHECK(got.scn_addr == other.scn_addr, "getsockname shows it (%s)",
	      ntoa(got.scn_addr));
	close(fd);
	fd = udp_sock();
	other = addr("255.255.255.255", 5302);
	EXPECT_OK(bind(fd, SA(&other), sizeof(other)),
		  "bind to the limited broadcast");
	close(fd);

	/* privileged ports */
	CHECK(as_nobody(bind_low_port, &sa) == 0,
	      "without CAP_NET_BIND_SERVICE: port 80 EACCES, 1024 fine");

	/* one port per range exhausted is not tested here: see KUnit */
	fd3 = udp_sock();
	other = addr("0.0.0.0", 0);
	EXPECT_OK(bind(fd3, SA(&other), sizeof(other)), "bind 0.0.0.0:0");
	close(fd3);
}

static void api_connect(const char *local, const char *peer)
{
	struct sockaddr_cnet to = addr(peer, 7), got, unspec = { 0 };
	int fd = udp_sock();
	char buf[256];

	EXPECT_OK(connect(fd, SA(&to), sizeof(to)), "connect PEER:7");
	got = sockname(fd, 0);
	CHECK(got.scn_addr == addr(local, 0).scn_addr && got.scn_port,
	      "connect chose the source: getsockname %s:%d",
	      ntoa(got.scn_addr), ntohs(got.scn_port));
	got = sockname(fd, 1);
	CHECK(got.scn_addr == to.scn_addr && got.scn_port == htons(7),
	      "getpeername PEER:7");
	CHECK(echo(fd, NULL, "connected", buf, sizeof(buf)) == 9 &&
	      !strcmp(buf, "connected"), "send/recv on a connected socket");
	CHECK(echo(fd, &to, "with name", buf, sizeof(buf)) == 9,
	      "sendto a connected socket's peer");

	unspec.scn_family = AF_UNSPEC;
	EXPECT_OK(connect(fd, SA(&unspec), sizeof(unspec)), "connect AF_UNSPEC");
	EXPECT_ERR(getpeername(fd, SA(&got), &(socklen_t){ sizeof(got) }),
		   ENOTCONN, "getpeername after AF_UNSPEC");
	got = sockname(fd, 0);
	CHECK(!got.scn_addr && !got.scn_port,
	      "an implicit source and port go with the peer (%s:%d)",
	      ntoa(got.scn_addr), ntohs(got.scn_port));
	EXPECT_ERR(send(fd, "x", 1, 0), EDESTADDRREQ, "send, not connected");
	close(fd);

	fd = udp_sock();
	to = addr("10.0.1.255", 7);
	EXPECT_ERR(connect(fd, SA(&to), sizeof(to)), EACCES,
		   "connect to a broadcast without SO_BROADCAST");
	to = addr("192.0.2.1", 7);
	EXPECT_ERR(connect(fd, SA(&to), sizeof(to)), ENETUNREACH,
		   "connect without a route");
	close(fd);
}

static void api_send_recv(const char *peer)
{
	struct sockaddr_cnet to = addr(peer, 7), from;
	struct mmsghdr mm[3];
	struct iovec iov[3];
	char buf[2048], big[70000];
	socklen_t flen;
	struct timeval tv = { 0, 200000 };
	int fd = udp_sock(), i, val;
	double t;
	ssize_t r;

	EXPECT_ERR(sendto(fd, "x", 1, 0, NULL, 0), EDESTADDRREQ,
		   "send without an address");
	to.scn_port = 0;
	EXPECT_ERR(sendto(fd, "x", 1, 0, SA(&to), sizeof(to)), EINVAL,
		   "sendto port 0");
	to.scn_port = htons(7);
	EXPECT_ERR(sendto(fd, "x", 1, 0, SA(&to), sizeof(to) - 1), EINVAL,
		   "sendto with a short address");
	memset(big, 'b', sizeof(big));
	EXPECT_ERR(sendto(fd, big, 65508, 0, SA(&to), sizeof(to)), EMSGSIZE,
		   "65508 bytes: more than a datagram holds");
	EXPECT_ERR(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "MSG_DONTWAIT with nothing queued");

	EXPECT_OK(sendto(fd, "hello", 5, MSG_CONFIRM, SA(&to), sizeof(to)),
		  "sendto PEER:7 (MSG_CONFIRM)");
	CHECK(readable(fd, 10000), "the echo arrives (POLLIN)");
	val = -1;
	ioctl(fd, FIONREAD, &val);
	CHECK(val == 5, "FIONREAD: 5 (%d)", val);
	val = -1;
	ioctl(fd, SIOCINQ, &val);
	CHECK(val == 5, "SIOCINQ: 5 (%d)", val);
	r = recv(fd, buf, sizeof(buf), MSG_PEEK);
	CHECK(r == 5, "MSG_PEEK (%zd)", r);
	r = recv(fd, buf, 2, MSG_PEEK | MSG_TRUNC);
	CHECK(r == 5, "MSG_PEEK|MSG_TRUNC into 2 bytes: 5 (%zd)", r);
	flen = sizeof(from);
	memset(&from, 0, sizeof(from));
	r = recvfrom(fd, buf, sizeof(buf), 0, SA(&from), &flen);
	CHECK(r == 5 && !memcmp(buf, "hello", 5) && flen == sizeof(from) &&
	      from.scn_family == AF_CUSTOM && from.scn_addr == to.scn_addr &&
	      from.scn_port == htons(7),
	      "recvfrom: hello from %s:%d", ntoa(from.scn_addr),
	      ntohs(from.scn_port));
	val = -1;
	ioctl(fd, SIOCOUTQ, &val);
	CHECK(val == 0, "SIOCOUTQ: 0 once sent (%d)", val);

	/* MSG_TRUNC: the rest of a datagram is gone */
	{
		struct msghdr mh = { 0 };
		struct iovec v = { buf, 3 };

		sendto(fd, "truncated", 9, 0, SA(&to), sizeof(to));
		readable(fd, 10000);
		mh.msg_iov = &v;
		mh.msg_iovlen = 1;
		r = recvmsg(fd, &mh, 0);
		CHECK(r == 3 && (mh.msg_flags & MSG_TRUNC),
		      "a datagram longer than the buffer: 3 bytes, MSG_TRUNC");
		EXPECT_ERR(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
			   "and nothing of it is left");
		sendto(fd, "truncated", 9, 0, SA(&to), sizeof(to));
		readable(fd, 10000);
		r = recv(fd, buf, 3, MSG_TRUNC);
		CHECK(r == 9, "recv MSG_TRUNC returns the real length (%zd)", r);
	}

	/* a big datagram: the largest that fits the link (no fragments yet) */
	r = sendto(fd, big, 1472, 0, SA(&to), sizeof(to));
	CHECK(r == 1472 && readable(fd, 10000) &&
	      recv(fd, buf, sizeof(buf), 0) == 1472, "1472 bytes both ways");

	/* sendmmsg, recvmmsg */
	for (i = 0; i < 3; i++) {
		iov[i].iov_base = (char *[]){ "one", "two", "three" }[i];
		iov[i].iov_len = strlen(iov[i].iov_base);
		memset(&mm[i], 0, sizeof(mm[i]));
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &to;
		mm[i].msg_hdr.msg_namelen = sizeof(to);
	}
	CHECK(sendmmsg(fd, mm, 3, 0) == 3, "sendmmsg of 3");
	t = now_ms();
	while (now_ms() - t < 10000) {
		val = 0;
		ioctl(fd, SIOCINQ, &val);
		if (readable(fd, 100) && val) {
			usleep(200000);
			break;
		}
	}
	{
		char b[3][64];
		struct iovec v[3];

		for (i = 0; i < 3; i++) {
			v[i].iov_base = b[i];
			v[i].iov_len = sizeof(b[i]);
			memset(&mm[i], 0, sizeof(mm[i]));
			mm[i].msg_hdr.msg_iov = &v[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		r = recvmmsg(fd, mm, 3, MSG_DONTWAIT, NULL);
		CHECK(r == 3 && mm[2].msg_len == 5 && !memcmp(b[2], "three", 5),
		      "recvmmsg gets the 3 (%zd)", r);
	}

	/* timeouts */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	t = now_ms();
	EXPECT_ERR(recv(fd, buf, sizeof(buf), 0), EAGAIN,
		   "SO_RCVTIMEO 200 ms");
	t = now_ms() - t;
	CHECK(t >= 180 && t < 10000, "after about 200 ms (%.0f)", t);

	/* shutdown */
	EXPECT_ERR(shutdown(fd, SHUT_RD), ENOTCONN, "shutdown, unconnected");
	CHECK(recv(fd, buf, sizeof(buf), 0) == 0,
	      "but reads are shut: recv returns 0");
	close(fd);

	fd = udp_sock();
	connect(fd, SA(&to), sizeof(to));
	EXPECT_OK(shutdown(fd, SHUT_WR), "shutdown(SHUT_WR), connected");
	EXPECT_ERR(send(fd, "x", 1, 0), EPIPE, "send after SHUT_WR");
	close(fd);
}

/* Readiness: poll, level- and edge-triggered epoll, errors. */
static void api_poll(const char *peer)
{
	struct sockaddr_cnet to = addr(peer, 7), closed = addr(peer, 9);
	struct pollfd p;
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET }, out[4];
	int fd = udp_sock(), ep;
	char buf[256];

	p = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	CHECK(poll(&p, 1, 0) == 1 && p.revents == POLLOUT,
	      "a new socket: POLLOUT only (%#x)", p.revents);

	ep = epoll_create1(0);
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	CHECK(epoll_wait(ep, out, 4, 0) == 0, "EPOLLET: nothing yet");
	sendto(fd, "e1", 2, 0, SA(&to), sizeof(to));
	CHECK(epoll_wait(ep, out, 4, 10000) == 1 && (out[0].events & EPOLLIN),
	      "EPOLLET: EPOLLIN when a datagram comes");
	CHECK(epoll_wait(ep, out, 4, 200) == 0,
	      "EPOLLET: not again while unread");
	sendto(fd, "e2", 2, 0, SA(&to), sizeof(to));
	CHECK(epoll_wait(ep, out, 4, 10000) == 1,
	      "EPOLLET: again when another comes");
	recv(fd, buf, sizeof(buf), 0);
	recv(fd, buf, sizeof(buf), 0);
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
	CHECK(epoll_wait(ep, out, 4, 0) == 0, "level: nothing left");
	sendto(fd, "e3", 2, 0, SA(&to), sizeof(to));
	CHECK(epoll_wait(ep, out, 4, 10000) == 1 && epoll_wait(ep, out, 4, 0) == 1,
	      "level: EPOLLIN until read");
	recv(fd, buf, sizeof(buf), 0);
	close(ep);
	close(fd);

	/* ECONNREFUSED: Linux answers port 9 with port unreachable */
	fd = udp_sock();
	connect(fd, SA(&closed), sizeof(closed));
	send(fd, "anyone?", 7, 0);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK(poll(&p, 1, 10000) == 1 && (p.revents & POLLERR),
	      "connected, port unreachable: POLLERR (%#x)", p.revents);
	EXPECT_ERR(recv(fd, buf, sizeof(buf), 0), ECONNREFUSED,
		   "recv: ECONNREFUSED");
	EXPECT_ERR(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "reported once");
	send(fd, "anyone?", 7, 0);
	usleep(500000);
	EXPECT_ERR(send(fd, "anyone?", 7, 0), ECONNREFUSED,
		   "or on the next send");
	close(fd);

	/* unconnected: not reported, unless IP_RECVERR */
	fd = udp_sock();
	sendto(fd, "anyone?", 7, 0, SA(&closed), sizeof(closed));
	usleep(500000);
	EXPECT_ERR(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "unconnected: no error");
	close(fd);

	fd = udp_sock();
	setint(fd, SOL_IP, IP_RECVERR, 1);
	sendto(fd, "anyone?", 7, 0, SA(&closed), sizeof(closed));
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	CHECK(poll(&p, 1, 10000) == 1 && (p.revents & POLLERR),
	      "IP_RECVERR: POLLERR");
	{
		char cbuf[256];
		struct iovec v = { buf, sizeof(buf) };
		struct msghdr mh = { .msg_iov = &v, .msg_iovlen = 1,
				     .msg_control = cbuf,
				     .msg_controllen = sizeof(cbuf) };
		struct sock_extended_err *ee = NULL;
		struct cmsghdr *cm;
		ssize_t r = recvmsg(fd, &mh, MSG_ERRQUEUE);

		for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
			if (cm->cmsg_level == SOL_IP &&
			    cm->cmsg_type == IP_RECVERR)
				ee = (struct sock_extended_err *)CMSG_DATA(cm);
		CHECK(r >= 8 && ee && ee->ee_errno == ECONNREFUSED &&
		      ee->ee_origin == SO_EE_ORIGIN_ICMP && ee->ee_type == 3 &&
		      ee->ee_code == 3 &&
		      ((struct sockaddr_cnet *)SO_EE_OFFENDER(ee))->scn_addr ==
		      closed.scn_addr,
		      "the error queue: ECONNREFUSED, ICMP 3/3 from PEER");
	}
	close(fd);

}

/* Send buffer: full is EAGAIN, or a block for SO_SNDTIMEO; then empty. */
static void api_sndbuf(void)
{
	struct sockaddr_cnet nobody = addr("10.0.1.77", 7);
	struct pollfd p;
	struct timeval tv = { 0, 200000 };
	char buf[1400] = { 0 };
	int fd = udp_sock(), i, val = 0;
	double t;

	setint(fd, SOL_SOCKET, SO_SNDBUF, 4096);
	/* held while ARP resolves 10.0.1.77, which nobody answers */
	for (i = 0; i < 100; i++)
		if (sendto(fd, buf, sizeof(buf), MSG_DONTWAIT, SA(&nobody),
			   sizeof(nobody)) < 0)
			break;
	CHECK(i < 100 && errno == EAGAIN,
	      "a full send buffer: EAGAIN (after %d, %s)", i, strerror(errno));
	ioctl(fd, SIOCOUTQ, &val);
	CHECK(val > 0, "SIOCOUTQ shows it (%d)", val);
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	CHECK(poll(&p, 1, 0) == 0, "no POLLOUT meanwhile");
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	t = now_ms();
	EXPECT_ERR(sendto(fd, buf, sizeof(buf), 0, SA(&nobody), sizeof(nobody)),
		   EAGAIN, "blocking send: EAGAIN after SO_SNDTIMEO");
	t = now_ms() - t;
	CHECK(t >= 180, "it blocked about 200 ms (%.0f)", t);
	/* resolution fails, the datagrams are freed */
	CHECK(poll(&p, 1, 60000) == 1 && (p.revents & POLLOUT),
	      "POLLOUT once they are gone");
	val = -1;
	for (i = 0; i < 100 && val; i++) {
		ioctl(fd, SIOCOUTQ, &val);
		usleep(100000);
	}
	CHECK(val == 0, "SIOCOUTQ back to 0");
	close(fd);
}

/* Options and control messages. */
static void api_options(const char *local, const char *peer, const char *dev)
{
	struct sockaddr_cnet to = addr(peer, 7), bc = addr("10.0.1.255", 7);
	char buf[256], cbuf[256];
	struct in_pktinfo *pi = NULL;
	int ttl = -1, tos = -1, fd = udp_sock();
	struct timeval *stamp = NULL;
	struct cmsghdr *cm;
	ssize_t r;

	CHECK(getint(fd, SOL_IP, IP_TTL) == 64, "IP_TTL: 64 by default");
	CHECK(getint(fd, SOL_IP, IP_TOS) == 0, "IP_TOS: 0 by default");
	setint(fd, SOL_IP, IP_TOS, 0x28);
	CHECK(getint(fd, SOL_IP, IP_TOS) == 0x28, "IP_TOS: set");
	setint(fd, SOL_IP, IP_TTL, 33);
	CHECK(echo(fd, &to, "tos?", buf, sizeof(buf)) > 0 &&
	      !strncmp(buf, "tos=40 ", 7) && strstr(buf, " ttl=33"),
	      "the peer sees IP_TOS and IP_TTL (%s)", buf);

	setint(fd, SOL_IP, IP_PKTINFO, 1);
	setint(fd, SOL_IP, IP_RECVTTL, 1);
	setint(fd, SOL_IP, IP_RECVTOS, 1);
	setint(fd, SOL_SOCKET, SO_TIMESTAMP, 1);
	CHECK(getint(fd, SOL_IP, IP_PKTINFO) == 1 &&
	      getint(fd, SOL_IP, IP_RECVTOS) == 1, "the options read back");
	sendto(fd, "cmsg", 4, 0, SA(&to), sizeof(to));
	readable(fd, 10000);
	{
		struct iovec v = { buf, sizeof(buf) };
		struct msghdr mh = { .msg_iov = &v, .msg_iovlen = 1,
				     .msg_control = cbuf,
				     .msg_controllen = sizeof(cbuf) };

		r = recvmsg(fd, &mh, 0);
		for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
			if (cm->cmsg_level == SOL_IP && cm->cmsg_type == IP_PKTINFO)
				pi = (struct in_pktinfo *)CMSG_DATA(cm);
			if (cm->cmsg_level == SOL_IP && cm->cmsg_type == IP_TTL)
				ttl = *(int *)CMSG_DATA(cm);
			if (cm->cmsg_level == SOL_IP && cm->cmsg_type == IP_TOS)
				tos = *(unsigned char *)CMSG_DATA(cm);
			if (cm->cmsg_level == SOL_SOCKET &&
			    cm->cmsg_type == SCM_TIMESTAMP)
				stamp = (struct timeval *)CMSG_DATA(cm);
		}
	}
	CHECK(r == 4 && pi && pi->ipi_ifindex == (int)if_nametoindex(dev) &&
	      pi->ipi_addr.s_addr == addr(local, 0).scn_addr &&
	      pi->ipi_spec_dst.s_addr == addr(local, 0).scn_addr,
	      "IP_PKTINFO: device %d, to %s, spec_dst %s",
	      pi ? pi->ipi_ifindex : -1, pi ? ntoa(pi->ipi_addr.s_addr) : "-",
	      pi ? ntoa(pi->ipi_spec_dst.s_addr) : "-");
	CHECK(ttl == 64, "IP_RECVTTL: 64 (%d)", ttl);
	CHECK(tos == 0, "IP_RECVTOS: 0 (%d)", tos);
	{
		struct timeval now;

		gettimeofday(&now, NULL);
		CHECK(stamp && labs(now.tv_sec - stamp->tv_sec) < 10,
		      "SO_TIMESTAMP: a time of the arrival");
	}
	close(fd);

	/* sendmsg control messages: IP_TTL, IP_TOS, IP_PKTINFO */
	fd = udp_sock();
	{
		union {
			char b[CMSG_SPACE(sizeof(int)) * 2 +
			       CMSG_SPACE(sizeof(struct in_pktinfo))];
			struct cmsghdr align;
		} c;
		struct iovec v = { "tos?", 4 };
		struct msghdr mh = { .msg_name = &to, .msg_namelen = sizeof(to),
				     .msg_iov = &v, .msg_iovlen = 1,
				     .msg_control = c.b,
				     .msg_controllen = sizeof(c.b) };
		struct in_pktinfo spi = { 0 };

		memset(&c, 0, sizeof(c));
		cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_IP;
		cm->cmsg_type = IP_TTL;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		*(int *)CMSG_DATA(cm) = 7;
		cm = CMSG_NXTHDR(&mh, cm);
		cm->cmsg_level = SOL_IP;
		cm->cmsg_type = IP_TOS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		*(int *)CMSG_DATA(cm) = 0x10;
		cm = CMSG_NXTHDR(&mh, cm);
		cm->cmsg_level = SOL_IP;
		cm->cmsg_type = IP_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(spi));
		spi.ipi_spec_dst.s_addr = addr(local, 0).scn_addr;
		memcpy(CMSG_DATA(cm), &spi, sizeof(spi));
		r = sendmsg(fd, &mh, 0);
		CHECK(r == 4 && readable(fd, 10000) &&
		      recv(fd, buf, sizeof(buf) - 1, 0) > 0,
		      "sendmsg with IP_TTL, IP_TOS, IP_PKTINFO");
		buf[sizeof(buf) - 1] = 0;
		CHECK(!strncmp(buf, "tos=16 ", 7) && strstr(buf, " ttl=7"),
		      "the peer sees the TOS and TTL (%s)", buf);
		*(int *)CMSG_DATA(CMSG_FIRSTHDR(&mh)) = 256;
		EXPECT_ERR(sendmsg(fd, &mh, 0), EINVAL, "cmsg IP_TTL 256");
	}
	close(fd);

	/* SO_BROADCAST */
	fd = udp_sock();
	EXPECT_ERR(sendto(fd, "b", 1, 0, SA(&bc), sizeof(bc)), EACCES,
		   "sendto the subnet broadcast without SO_BROADCAST");
	bc = addr("255.255.255.255", 7);
	EXPECT_ERR(sendto(fd, "b", 1, 0, SA(&bc), sizeof(bc)), EACCES,
		   "sendto the limited broadcast without SO_BROADCAST");
	setint(fd, SOL_SOCKET, SO_BROADCAST, 1);
	bc = addr("10.0.1.255", 7);
	CHECK(echo(fd, &bc, "from?", buf, sizeof(buf)) > 0,
	      "with SO_BROADCAST: the peer answers a broadcast (%s)", buf);
	close(fd);

	/* UDP_CORK and MSG_MORE */
	fd = udp_sock();
	setint(fd, SOL_UDP, UDP_CORK, 1);
	CHECK(getint(fd, SOL_UDP, UDP_CORK) == 1, "UDP_CORK set");
	sendto(fd, "ab", 2, 0, SA(&to), sizeof(to));
	sendto(fd, "cd", 2, 0, SA(&to), sizeof(to));
	CHECK(!readable(fd, 300), "corked: nothing sent yet");
	setint(fd, SOL_UDP, UDP_CORK, 0);
	CHECK(readable(fd, 10000) && recv(fd, buf, sizeof(buf), 0) == 4 &&
	      !memcmp(buf, "abcd", 4), "uncorked: one datagram \"abcd\"");
	sendto(fd, "x", 1, MSG_MORE, SA(&to), sizeof(to));
	sendto(fd, "yz", 2, 0, SA(&to), sizeof(to));
	CHECK(readable(fd, 10000) && recv(fd, buf, sizeof(buf), 0) == 3 &&
	      !memcmp(buf, "xyz", 3), "MSG_MORE: one datagram \"xyz\"");
	close(fd);

	/* SO_BINDTODEVICE: a device cnet does not have (the test made vx0) */
	fd = udp_sock();
	CHECK(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "vx0", 4) == 0,
	      "SO_BINDTODEVICE vx0");
	EXPECT_ERR(sendto(fd, "x", 1, 0, SA(&to), sizeof(to)), ENODEV,
		   "sending by a device cnet does not have: ENODEV");
	CHECK(setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev,
			 strlen(dev) + 1) == 0 &&
	      echo(fd, &to, "dev", buf, sizeof(buf)) == 3,
	      "SO_BINDTODEVICE %s: sends and receives", dev);
	close(fd);
}

static int api(const char *local, const char *peer, const char *dev)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	api_create();
	api_bind(local);
	api_connect(local, peer);
	api_send_recv(peer);
	api_poll(peer);
	api_options(local, peer, dev);
	api_sndbuf();
	return failed;
}

static int cmd_send(const char *ip, int port, const char *text)
{
	struct sockaddr_cnet to = addr(ip, port);
	int fd = udp_sock();

	setint(fd, SOL_SOCKET, SO_BROADCAST, 1);
	if (sendto(fd, text, strlen(text), 0, SA(&to), sizeof(to)) < 0)
		die("sendto");
	return 0;
}

static int cmd_recv(const char *ip, int port, int count, int secs)
{
	struct sockaddr_cnet sa = addr(ip, port), from;
	char buf[65536];
	socklen_t flen;
	ssize_t r;
	int fd = udp_sock();

	setint(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	if (bind(fd, SA(&sa), sizeof(sa)))
		die("bind");
	printf("listening\n");
	fflush(stdout);
	while (count--) {
		if (!readable(fd, secs * 1000)) {
			printf("timeout\n");
			return 1;
		}
		flen = sizeof(from);
		r = recvfrom(fd, buf, sizeof(buf), 0, SA(&from), &flen);
		if (r < 0)
			die("recvfrom");
		printf("%zd bytes from %s:%d: %.*s\n", r, ntoa(from.scn_addr),
		       ntohs(from.scn_port), (int)(r > 64 ? 64 : r), buf);
		fflush(stdout);
	}
	return 0;
}

static int cmd_many(int count, const char *ip1, const char *ip2, int port0)
{
	struct rlimit rl = { count + 64, count + 64 };
	struct sockaddr_cnet sa, a1 = addr(ip1, 0), a2 = addr(ip2, 0);
	char buf[256];
	int i, fd = -1;
	double t = now_ms();
	ssize_t r;

	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit");
	for (i = 0; i < count; i++) {
		fd = udp_sock();
		sa = i & 1 ? a2 : a1;
		sa.scn_port = htons(port0 + i / 2);
		if (bind(fd, SA(&sa), sizeof(sa))) {
			fprintf(stderr, "bind %s:%d: %s\n", ntoa(sa.scn_addr),
				port0 + i / 2, strerror(errno));
			return 1;
		}
	}
	printf("bound %d in %.1f s\n", count, (now_ms() - t) / 1e3);
	fflush(stdout);
	if (!readable(fd, 120000)) {
		printf("timeout\n");
		return 1;
	}
	r = recv(fd, buf, sizeof(buf) - 1, 0);
	buf[r < 0 ? 0 : r] = 0;
	printf("last got: %s\n", buf);
	return 0;
}

/* Wait (up to 5 minutes) for the file @go: the test says "go". */
static void wait_go(const char *go)
{
	int i;

	for (i = 0; i < 3000 && access(go, F_OK); i++)
		usleep(100000);
}

static int cmd_reuseport(int count, const char *ip, int port,
			 const char *go)
{
	struct sockaddr_cnet sa = addr(ip, port);
	int fd[64], got[64] = { 0 }, i;
	char buf[2048];

	if (count > 64)
		return 2;
	for (i = 0; i < count; i++) {
		fd[i] = udp_sock();
		setint(fd[i], SOL_SOCKET, SO_REUSEPORT, 1);
		if (bind(fd[i], SA(&sa), sizeof(sa)))
			die("bind");
	}
	printf("listening\n");
	fflush(stdout);
	wait_go(go);
	for (i = 0; i < count; i++)
		while (recv(fd[i], buf, sizeof(buf), MSG_DONTWAIT) >= 0)
			got[i]++;
	for (i = 0; i < count; i++)
		printf("%d%s", got[i], i + 1 < count ? " " : "\n");
	return 0;
}

static int cmd_rcvbuf(const char *ip, int port, const char *go)
{
	struct sockaddr_cnet sa = addr(ip, port);
	char buf[2048];
	int fd = udp_sock(), got = 0;

	setint(fd, SOL_SOCKET, SO_RCVBUF, 4096);
	if (bind(fd, SA(&sa), sizeof(sa)))
		die("bind");
	printf("listening rcvbuf %d\n", getint(fd, SOL_SOCKET, SO_RCVBUF));
	fflush(stdout);
	wait_go(go);
	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT) >= 0)
		got++;
	printf("queued %d\n", got);
	return 0;
}

static int cmd_bcast(const char *dev, int port, int secs)
{
	struct sockaddr_cnet sa = addr("0.0.0.0", port), from;
	struct sockaddr_cnet to = addr("255.255.255.255", port + 1);
	socklen_t flen = sizeof(from);
	char buf[512];
	ssize_t r;
	int fd = udp_sock();

	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, strlen(dev) + 1))
		die("SO_BINDTODEVICE");
	setint(fd, SOL_SOCKET, SO_BROADCAST, 1);
	setint(fd, SOL_SOCKET, SO_REUSEADDR, 1);
	if (bind(fd, SA(&sa), sizeof(sa)))
		die("bind");
	if (sendto(fd, "discover", 8, 0, SA(&to), sizeof(to)) < 0)
		die("sendto");
	if (!readable(fd, secs * 1000)) {
		printf("timeout\n");
		return 1;
	}
	r = recvfrom(fd, buf, sizeof(buf) - 1, 0, SA(&from), &flen);
	if (r < 0)
		die("recvfrom");
	buf[r] = 0;
	printf("reply \"%s\" from %s:%d\n", buf, ntoa(from.scn_addr),
	       ntohs(from.scn_port));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "api"))
		return api(argv[2], argv[3], argv[4]);
	if (argc == 5 && !strcmp(argv[1], "send"))
		return cmd_send(argv[2], atoi(argv[3]), argv[4]);
	if (argc == 6 && !strcmp(argv[1], "recv"))
		return cmd_recv(argv[2], atoi(argv[3]), atoi(argv[4]),
				atoi(argv[5]));
	if (argc == 6 && !strcmp(argv[1], "many"))
		return cmd_many(atoi(argv[2]), argv[3], argv[4], atoi(argv[5]));
	if (argc == 6 && !strcmp(argv[1], "reuseport"))
		return cmd_reuseport(atoi(argv[2]), argv[3], atoi(argv[4]),
				     argv[5]);
	if (argc == 5 && !strcmp(argv[1], "rcvbuf"))
		return cmd_rcvbuf(argv[2], atoi(argv[3]), argv[4]);
	if (argc == 5 && !strcmp(argv[1], "bcast"))
		return cmd_bcast(argv[2], atoi(argv[3]), atoi(argv[4]));
	fprintf(stderr, "usage: see the top of %s.c\n", argv[0]);
	return 2;
}
