// SPDX-License-Identifier: GPL-2.0
/*
 * udp_sizes: datagrams of given sizes to a UDP echo server and back, each
 * compared byte for byte with what was sent.
 *
 *	udp_sizes ADDR PORT SIZE...
 *
 * A connected socket(AF_CUSTOM, SOCK_DGRAM, 0) sends one datagram of each
 * SIZE (0 to 65 507 bytes of a pattern that differs by size and offset)
 * and waits up to 10 s for it to come back. Datagrams larger than the
 * path MTU leave in fragments (cnet's output) and come back in fragments
 * (the peer's), reassembled by cnet. Prints a TAP line per size; exits 1
 * if one did not come back intact.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"

#define MAX_PAYLOAD	65507

static unsigned char sent[MAX_PAYLOAD], got[MAX_PAYLOAD + 1];

int main(int argc, char **argv)
{
	struct sockaddr_cnet to = { .scn_family = AF_CUSTOM };
	int fd, i;

	if (argc < 4 || inet_pton(AF_INET, argv[1], &to.scn_addr) != 1) {
		fprintf(stderr, "usage: udp_sizes ADDR PORT SIZE...\n");
		return 2;
	}
	to.scn_port = htons(atoi(argv[2]));
	fd = socket(AF_CUSTOM, SOCK_DGRAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to))) {
		perror("udp_sizes: socket/connect");
		return 1;
	}
	for (i = 3; i < argc; i++) {
		long size = strtol(argv[i], NULL, 10);
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t r = -1;
		long j;

		if (size < 0 || size > MAX_PAYLOAD) {
			fprintf(stderr, "udp_sizes: bad size %s\n", argv[i]);
			return 2;
		}
		for (j = 0; j < size; j++)
			sent[j] = (unsigned char)(j * 7 + size);
		if (send(fd, sent, size, 0) != size) {
			CHECK(0, "%ld bytes: send: %s", size, strerror(errno));
			continue;
		}
		if (poll(&p, 1, 10000) == 1)
			r = recv(fd, got, sizeof(got), 0);
		CHECK(r == size && !memcmp(sent, got, size),
		      "%ld bytes there and back (got %zd%s)", size, r,
		      r == size ? (memcmp(sent, got, size) ? ", different" : "") :
		      r < 0 ? ", none" : "");
	}
	close(fd);
	return failed;
}
