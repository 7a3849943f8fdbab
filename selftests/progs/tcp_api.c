// SPDX-License-Identifier: GPL-2.0
/*
 * The socket calls of a cnet TCP client, checked one by one against a
 * Linux peer (selftests/net/tcp/50-tcp-api.sh): a non-blocking connect()
 * refused (EINPROGRESS, poll, SO_ERROR; over veth the RST is back before
 * a second connect() could see EALREADY), recv() flags (MSG_DONTWAIT,
 * MSG_PEEK, MSG_WAITALL), poll() events through a half-close, FIONREAD,
 * getsockname()/getpeername(), and close() with SO_LINGER 0 (a RST).
 *
 * Usage: tcp_api PEER ECHO_PORT CLOSED_PORT
 *	ECHO_PORT echoes what it gets and closes after the client's FIN.
 */
#define _GNU_SOURCE		/* POLLRDHUP */
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"

static struct sockaddr_cnet peer_addr(const char *ip, int port)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };

	sa.scn_addr = inet_addr(ip);
	sa.scn_port = htons(port);
	return sa;
}

static short poll_events(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP };

	return poll(&p, 1, ms) < 0 ? -1 : p.revents;
}

static int tcp_socket(void)
{
	return socket(AF_CUSTOM, SOCK_STREAM, 0);
}

int main(int argc, char **argv)
{
	struct sockaddr_cnet sa, me;
	socklen_t len = sizeof(int), slen;
	struct linger lg = { 1, 0 };
	char buf[64];
	int fd, err = 0, i;
	short ev;

	if (argc != 4) {
		fprintf(stderr, "usage: %s PEER ECHO_PORT CLOSED_PORT\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* a refused non-blocking connect */
	fd = tcp_socket();
	CHECK(fd >= 0, "socket(AF_CUSTOM, SOCK_STREAM, 0)");
	fcntl(fd, F_SETFL, O_NONBLOCK);
	sa = peer_addr(argv[1], atoi(argv[3]));
	EXPECT_ERR(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), EINPROGRESS,
		   "non-blocking connect");
	ev = poll_events(fd, 10000);
	CHECK((ev & (POLLOUT | POLLERR | POLLHUP)) == (POLLOUT | POLLERR | POLLHUP),
	      "poll after the RST: POLLOUT|POLLERR|POLLHUP (0x%x)", ev);
	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	CHECK(err == ECONNREFUSED, "SO_ERROR: ECONNREFUSED (%s)", strerror(err));
	slen = sizeof(sa);
	EXPECT_ERR(getpeername(fd, (struct sockaddr *)&sa, &slen), ENOTCONN,
		   "getpeername of a refused socket");
	close(fd);

	/* the echo server */
	fd = tcp_socket();
	sa = peer_addr(argv[1], atoi(argv[2]));
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "blocking connect to the echo server");
	EXPECT_ERR(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), EISCONN,
		   "connect again");
	slen = sizeof(me);
	CHECK(getpeername(fd, (struct sockaddr *)&me, &slen) == 0 &&
	      me.scn_addr == sa.scn_addr && me.scn_port == sa.scn_port,
	      "getpeername: the server");
	slen = sizeof(me);
	CHECK(getsockname(fd, (struct sockaddr *)&me, &slen) == 0 &&
	      me.scn_addr && ntohs(me.scn_port) >= 32768,
	      "getsockname: an address and an ephemeral port (%u)",
	      ntohs(me.scn_port));
	EXPECT_ERR(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "recv(MSG_DONTWAIT) with nothing to read");
	ev = poll_events(fd, 0);
	CHECK(ev == POLLOUT, "poll, connected and idle: POLLOUT (0x%x)", ev);

	CHECK(send(fd, "hello world", 11, 0) == 11, "send 11 bytes");
	memset(buf, 0, sizeof(buf));
	CHECK(recv(fd, buf, 11, MSG_PEEK | MSG_WAITALL) == 11 &&
	      !memcmp(buf, "hello world", 11), "recv(MSG_PEEK|MSG_WAITALL): the echo");
	ev = poll_events(fd, 0);
	CHECK(ev == (POLLIN | POLLOUT), "poll with data: POLLIN|POLLOUT (0x%x)", ev);
	i = 0;
	CHECK(ioctl(fd, FIONREAD, &i) == 0 && i == 11, "FIONREAD: 11 (%d)", i);
	CHECK(recv(fd, buf, 5, 0) == 5 && !memcmp(buf, "hello", 5),
	      "recv 5: \"hello\" (the peek left it)");
	CHECK(recv(fd, buf, 6, MSG_WAITALL) == 6 && !memcmp(buf, " world", 6),
	      "recv(MSG_WAITALL) 6: \" world\"");

	/* half-close: our FIN, the server's answer */
	CHECK(shutdown(fd, SHUT_WR) == 0, "shutdown(SHUT_WR)");
	EXPECT_ERR(send(fd, "x", 1, MSG_NOSIGNAL), EPIPE, "send after SHUT_WR");
	CHECK(recv(fd, buf, sizeof(buf), 0) == 0, "recv: end of file after the server's FIN");
	ev = poll_events(fd, 0);
	CHECK((ev & (POLLIN | POLLRDHUP | POLLHUP)) == (POLLIN | POLLRDHUP | POLLHUP),
	      "poll after both FINs: POLLIN|POLLRDHUP|POLLHUP (0x%x)", ev);
	close(fd);

	/* SO_LINGER 0: close() aborts with a RST */
	fd = tcp_socket();
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "connect to the echo server again");
	CHECK(setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)) == 0,
	      "SO_LINGER {1, 0}");
	CHECK(close(fd) == 0, "close: a RST (the script counts it)");
	return failed;
}
