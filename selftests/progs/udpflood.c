// SPDX-License-Identifier: GPL-2.0
/*
 * udpflood: send small UDP datagrams as fast as the sending stack allows,
 * for a forwarding benchmark (selftests/bench/forward-pps.sh).
 *
 *	udpflood DST_IP PORT SECONDS [PAYLOAD_BYTES]
 *
 * Uses sendmmsg() in batches of 64 on a connected socket of the namespace's
 * own stack; prints the number of datagrams handed to it. ENOBUFS (a full
 * device queue) is counted apart, not fatal: the receiver's counter is what
 * the benchmark reads.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH	64

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sockaddr_in dst = { .sin_family = AF_INET };
	struct mmsghdr msgs[BATCH];
	struct iovec iov[BATCH];
	unsigned long sent = 0, nobufs = 0;
	char payload[1472] = "cnet forwarding benchmark";
	double end;
	size_t len = 18;	/* 14 + 20 + 8 + 18 = 60 bytes: a 64-byte frame */
	int fd, i, n;

	if (argc < 4 || argc > 5 || inet_pton(AF_INET, argv[1], &dst.sin_addr) != 1) {
		fprintf(stderr, "usage: udpflood DST_IP PORT SECONDS [PAYLOAD_BYTES]\n");
		return 2;
	}
	dst.sin_port = htons(atoi(argv[2]));
	if (argc == 5)
		len = strtoul(argv[4], NULL, 0);
	if (len > sizeof(payload)) {
		fprintf(stderr, "udpflood: payload at most %zu bytes\n", sizeof(payload));
		return 2;
	}
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&dst, sizeof(dst))) {
		perror("udpflood: socket/connect");
		return 1;
	}
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		iov[i].iov_base = payload;
		iov[i].iov_len = len;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	end = now_s() + atof(argv[3]);
	while (now_s() < end) {
		n = sendmmsg(fd, msgs, BATCH, 0);
		if (n > 0) {
			sent += n;
		} else if (errno == ENOBUFS || errno == EAGAIN ||
			   errno == ECONNREFUSED) {
			nobufs++;	/* ECONNREFUSED: a port unreachable came back */
		} else {
			perror("udpflood: sendmmsg");
			return 1;
		}
	}
	printf("%lu %lu\n", sent, nobufs);
	return 0;
}
