// SPDX-License-Identifier: GPL-2.0
/*
 * Sockets for selftests/net/sock/40-sock-show.sh to find in `cnet sock
 * show`. Each mode opens its sockets, prints "ready" and waits to be
 * killed:
 *
 *	sock_show kinds LOCAL PEER DEV
 *		UDP 0.0.0.0:5353 (unconnected); UDP LOCAL:5354 connected to
 *		PEER:7; UDP 127.0.0.1:5355 with three datagrams of 100 bytes
 *		waiting (from UDP 127.0.0.1:5357, connected to it); UDP
 *		0.0.0.0:5356 bound to DEV; a raw ICMP socket; a ping socket
 *		with identifier 4242 connected to PEER
 *	sock_show many N PORT0
 *		N UDP sockets on 127.0.0.1:PORT0.. (RLIMIT_NOFILE raised)
 *	sock_show churn PORT0
 *		until killed: open a UDP socket on 127.0.0.1:PORT0 + i % 1000,
 *		close it, again (sockets that come and go during a dump)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

static void die(const char *what)
{
	fprintf(stderr, "sock_show: %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct sockaddr_cnet sa(const char *ip, int port)
{
	struct sockaddr_cnet a = { .scn_family = AF_CUSTOM };

	a.scn_port = htons(port);
	if (inet_pton(AF_INET, ip, &a.scn_addr) != 1) {
		fprintf(stderr, "sock_show: bad address %s\n", ip);
		exit(2);
	}
	return a;
}

static int sock(int type, int proto)
{
	int fd = socket(AF_CUSTOM, type, proto);

	if (fd < 0)
		die("socket");
	return fd;
}

static int udp_bound(const char *ip, int port)
{
	struct sockaddr_cnet a = sa(ip, port);
	int fd = sock(SOCK_DGRAM, 0);

	if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
		die("bind");
	return fd;
}

static void conn(int fd, const char *ip, int port)
{
	struct sockaddr_cnet a = sa(ip, port);

	if (connect(fd, (struct sockaddr *)&a, sizeof(a)))
		die("connect");
}

/* "ready", then wait to be killed. */
static int ready(void)
{
	printf("ready\n");
	fflush(stdout);
	for (;;)
		pause();
	return 0;
}

static int cmd_kinds(const char *local, const char *peer, const char *dev)
{
	char data[100] = "fill the receive queue";
	int fd, tx, i;

	udp_bound("0.0.0.0", 5353);
	fd = udp_bound(local, 5354);
	conn(fd, peer, 7);
	udp_bound("127.0.0.1", 5355);
	tx = udp_bound("127.0.0.1", 5357);
	conn(tx, "127.0.0.1", 5355);
	for (i = 0; i < 3; i++)
		if (send(tx, data, sizeof(data), 0) != sizeof(data))
			die("send");
	fd = sock(SOCK_DGRAM, 0);
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, strlen(dev)))
		die("SO_BINDTODEVICE");
	{
		struct sockaddr_cnet a = sa("0.0.0.0", 5356);

		if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
			die("bind to the device");
	}
	sock(SOCK_RAW, IPPROTO_ICMP);
	fd = sock(SOCK_DGRAM, IPPROTO_ICMP);
	{
		struct sockaddr_cnet a = sa("0.0.0.0", 4242);

		if (bind(fd, (struct sockaddr *)&a, sizeof(a)))
			die("bind ping");
	}
	conn(fd, peer, 0);
	usleep(200000);		/* the datagrams crossed lo */
	return ready();
}

static int cmd_many(int count, int port0)
{
	struct rlimit rl = { count + 100, count + 100 };
	int i;

	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit");
	for (i = 0; i < count; i++)
		udp_bound("127.0.0.1", port0 + i);
	return ready();
}

static int cmd_churn(int port0)
{
	unsigned int i;

	printf("ready\n");
	fflush(stdout);
	for (i = 0;; i++)
		close(udp_bound("127.0.0.1", port0 + i % 1000));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "kinds"))
		return cmd_kinds(argv[2], argv[3], argv[4]);
	if (argc == 4 && !strcmp(argv[1], "many"))
		return cmd_many(atoi(argv[2]), atoi(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "churn"))
		return cmd_churn(atoi(argv[2]));
	fprintf(stderr, "usage: sock_show kinds LOCAL PEER DEV | many N PORT0 | churn PORT0\n");
	return 2;
}
