// SPDX-License-Identifier: GPL-2.0
/*
 * IP_MTU_DISCOVER and IP_MTU on an AF_CUSTOM ping socket, as on AF_INET.
 *
 *	pmtu DST MTU [udp PORT]
 *
 * With "udp PORT" the socket is a UDP one connected to DST:PORT, and the
 * datagrams are UDP ones of the same sizes in all.
 *
 * Checks the option's default (IP_PMTUDISC_WANT) and its range, IP_MTU's
 * ENOTCONN before connect(), then, connected to DST with IP_PMTUDISC_DO:
 * IP_MTU is MTU (the path MTU cnet knows to DST), an echo request one
 * byte over it fails with EMSGSIZE, one that fits is sent. With
 * IP_PMTUDISC_DONT the long one is sent (in fragments). Prints one
 * "ok"/"not ok" line per check and exits 1 if any failed, 2 on a usage or
 * setup error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"

static int udp;	/* a UDP socket rather than a ping socket */

/*
 * Send an echo request (a UDP datagram) of @len bytes in all, IPv4 header
 * included.
 */
static int send_echo(int fd, size_t len)
{
	static unsigned char buf[65536];
	struct icmphdr *icmph = (struct icmphdr *)buf;

	memset(buf, 0xab, sizeof(buf));
	if (udp)
		return send(fd, buf, len - 28, 0) < 0 ? -errno : 0;
	memset(icmph, 0, sizeof(*icmph));
	icmph->type = ICMP_ECHO;
	icmph->un.echo.sequence = htons(1);
	return send(fd, buf, len - 20, 0) < 0 ? -errno : 0;
}

static int opt_get(int fd, int name, int *val)
{
	socklen_t len = sizeof(*val);

	return getsockopt(fd, SOL_IP, name, val, &len) < 0 ? -errno : 0;
}

static int opt_set(int fd, int name, int val)
{
	return setsockopt(fd, SOL_IP, name, &val, sizeof(val)) < 0 ? -errno : 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };
	int fd, val = -1, mtu, err;

	udp = argc == 5 && !strcmp(argv[3], "udp");
	if ((argc != 3 && !udp) ||
	    inet_pton(AF_INET, argv[1], &sa.scn_addr) != 1) {
		fprintf(stderr, "usage: pmtu DST MTU [udp PORT]\n");
		return 2;
	}
	mtu = atoi(argv[2]);
	if (udp)
		sa.scn_port = htons(atoi(argv[4]));
	fd = socket(AF_CUSTOM, SOCK_DGRAM, udp ? IPPROTO_UDP : IPPROTO_ICMP);
	if (fd < 0) {
		perror("socket");
		return 2;
	}

	err = opt_get(fd, IP_MTU_DISCOVER, &val);
	CHECK(!err && val == IP_PMTUDISC_WANT,
	      "IP_MTU_DISCOVER is IP_PMTUDISC_WANT by default (%d, %d)", err, val);
	CHECK(opt_set(fd, IP_MTU_DISCOVER, IP_PMTUDISC_OMIT + 1) == -EINVAL,
	      "IP_MTU_DISCOVER %d: EINVAL", IP_PMTUDISC_OMIT + 1);
	CHECK(opt_set(fd, IP_MTU_DISCOVER, -1) == -EINVAL,
	      "IP_MTU_DISCOVER -1: EINVAL");
	CHECK(!opt_set(fd, IP_MTU_DISCOVER, IP_PMTUDISC_OMIT) &&
	      !opt_get(fd, IP_MTU_DISCOVER, &val) && val == IP_PMTUDISC_OMIT,
	      "IP_MTU_DISCOVER IP_PMTUDISC_OMIT set and read back");
	err = opt_get(fd, IP_MTU, &val);
	CHECK(err == -ENOTCONN, "IP_MTU before connect: ENOTCONN (%d)", err);

	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror("connect");
		return 2;
	}
	CHECK(!opt_set(fd, IP_MTU_DISCOVER, IP_PMTUDISC_DO),
	      "IP_MTU_DISCOVER IP_PMTUDISC_DO");
	err = opt_get(fd, IP_MTU, &val);
	CHECK(!err && val == mtu, "IP_MTU to %s is %d (%d, %d)", argv[1], mtu,
	      err, val);
	err = send_echo(fd, mtu + 1);
	CHECK(err == -EMSGSIZE, "DO: %d bytes: EMSGSIZE (%d)", mtu + 1, err);
	err = send_echo(fd, mtu);
	CHECK(!err, "DO: %d bytes: sent (%d)", mtu, err);
	CHECK(!opt_set(fd, IP_MTU_DISCOVER, IP_PMTUDISC_DONT),
	      "IP_MTU_DISCOVER IP_PMTUDISC_DONT");
	err = send_echo(fd, mtu + 1);
	CHECK(!err, "DONT: %d bytes: sent in fragments (%d)", mtu + 1, err);
	close(fd);
	return failed;
}
