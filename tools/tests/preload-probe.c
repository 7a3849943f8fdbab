// SPDX-License-Identifier: GPL-2.0
/*
 * The socket calls libcnet-preload stands in front of, made one per
 * argument, each printing one line; tests/check-preload.sh runs it with
 * the library preloaded on a host without the cnet module.
 *
 *   inet-stream, inet-dgram   socket(AF_INET, ...): "ok" or the errno name
 *   inet-raw, inet-ping       socket(AF_INET, SOCK_RAW / ICMP): Linux's
 *   inet6                     socket(AF_INET6, SOCK_DGRAM) bound to ::1:0,
 *                             its family as getsockname() and SO_DOMAIN say
 *   unix                      a socketpair, sendmsg/recvmsg, SO_DOMAIN
 *   netlink                   socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)
 *   direct                    a syscall(SYS_socket) AF_INET socket (out of
 *                             the library's reach: Linux's) through bind,
 *                             getsockname, sendto, recvfrom, connect
 *   gai-numeric               getaddrinfo("127.0.0.1", AI_ADDRCONFIG)
 *   gai-v6                    getaddrinfo("::1", AF_INET6): glibc's
 *
 * PROBE_STATIC builds it without getaddrinfo(), to be linked statically.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <linux/netlink.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *err_name(int e)
{
	switch (e) {
	case EAFNOSUPPORT:	return "EAFNOSUPPORT";
	case EPERM:		return "EPERM";
	case EACCES:		return "EACCES";
	case EPROTONOSUPPORT:	return "EPROTONOSUPPORT";
	case EADDRNOTAVAIL:	return "EADDRNOTAVAIL";
	default:		return strerror(e);
	}
}

static void result(const char *what, int ret)
{
	if (ret < 0)
		printf("%s: %s\n", what, err_name(errno));
	else
		printf("%s: ok\n", what);
}

static int domain_of(int fd)
{
	int d = -1;
	socklen_t len = sizeof(d);

	getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &d, &len);
	return d;
}

static void inet6(void)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6,
				   .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET6, SOCK_DGRAM, 0);

	if (fd < 0) {
		result("inet6", fd);
		return;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0) {
		result("inet6 bind ::1", -1);
	} else {
		printf("inet6: family %d, SO_DOMAIN %d\n", sa.sin6_family,
		       domain_of(fd));
	}
	close(fd);
}

static void unix_pair(void)
{
	struct iovec iov = { .iov_base = "ping", .iov_len = 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	char buf[8] = "";
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0) {
		result("unix", -1);
		return;
	}
	sendmsg(sv[0], &m, 0);
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf) - 1;
	printf("unix: %zd bytes \"%s\", SO_DOMAIN %d\n", recvmsg(sv[1], &m, 0),
	       buf, domain_of(sv[1]));
	close(sv[0]);
	close(sv[1]);
}

static void direct(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET,
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_in from = { 0 };
	socklen_t len = sizeof(sa), flen = sizeof(from);
	char buf[8] = "";
	int fd = syscall(SYS_socket, AF_INET, SOCK_DGRAM, 0);

	if (fd < 0) {
		result("direct", fd);
		return;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) < 0 ||
	    sendto(fd, "hi", 2, 0, (struct sockaddr *)&sa, sizeof(sa)) != 2 ||
	    recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from,
		     &flen) != 2 ||
	    connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		result("direct", -1);
	} else {
		printf("direct: SO_DOMAIN %d, \"%s\" from family %d %s, same port %d\n",
		       domain_of(fd), buf, from.sin_family,
		       inet_ntoa(from.sin_addr), from.sin_port == sa.sin_port);
	}
	close(fd);
}

static void gai(const char *what, const char *node, int family, int flags)
{
#ifdef PROBE_STATIC
	printf("%s: %s not in the static build (%d, %d)\n", what, node, family,
	       flags);
}
#else
	struct addrinfo h = { .ai_family = family, .ai_socktype = SOCK_DGRAM,
			      .ai_flags = flags }, *res;
	char buf[INET6_ADDRSTRLEN];
	int ret = getaddrinfo(node, "53", &h, &res);

	if (ret) {
		printf("%s: %s\n", what, gai_strerror(ret));
		return;
	}
	if (res->ai_family == AF_INET)
		inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr,
			  buf, sizeof(buf));
	else
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr,
			  buf, sizeof(buf));
	printf("%s: family %d %s port %u\n", what, res->ai_family, buf,
	       ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port));
	freeaddrinfo(res);
}
#endif

int main(int argc, char **argv)
{
	int i, fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		fd = -2;
		if (!strcmp(a, "inet-stream"))
			fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		else if (!strcmp(a, "inet-dgram"))
			fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, IPPROTO_UDP);
		else if (!strcmp(a, "inet-raw"))
			fd = socket(AF_INET, SOCK_RAW, IPPROTO_UDP);
		else if (!strcmp(a, "inet-ping"))
			fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
		else if (!strcmp(a, "netlink"))
			fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
		else if (!strcmp(a, "inet6"))
			inet6();
		else if (!strcmp(a, "unix"))
			unix_pair();
		else if (!strcmp(a, "direct"))
			direct();
		else if (!strcmp(a, "gai-numeric"))
			gai(a, "127.0.0.1", AF_INET, AI_ADDRCONFIG);
		else if (!strcmp(a, "gai-v6"))
			gai(a, "::1", AF_INET6, 0);
		else
			printf("%s: unknown probe\n", a);
		if (fd != -2) {
			result(a, fd);
			if (fd >= 0)
				close(fd);
		}
	}
	return 0;
}
