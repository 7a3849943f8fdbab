// SPDX-License-Identifier: GPL-2.0
/*
 * Send echo requests from one AF_CUSTOM socket and print what sendto()
 * said, one line per send: "ok", or the errno's name (ENETUNREACH, ...).
 *
 *	send_echo [-r] [-b SRC] DST [CMD]...
 *
 * -r uses a raw ICMP socket instead of a ping socket; -b binds it to SRC
 * first. One echo goes to DST, then, for each CMD, the shell command CMD
 * runs and one more echo goes, from the same socket: so a test can change
 * the host's addresses under a bound socket. Exits 2 on a usage or setup
 * error, else 0.
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

static const struct {
	int		err;
	const char	*name;
} names[] = {
	{ EINVAL, "EINVAL" },
	{ ENETUNREACH, "ENETUNREACH" },
	{ EHOSTUNREACH, "EHOSTUNREACH" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" },
	{ EACCES, "EACCES" },
	{ EPERM, "EPERM" },
	{ EMSGSIZE, "EMSGSIZE" },
	{ ENOBUFS, "ENOBUFS" },
};

static void print_result(ssize_t r, int err)
{
	unsigned int i;

	if (r >= 0) {
		printf("ok\n");
	} else {
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (names[i].err == err)
				break;
		if (i < sizeof(names) / sizeof(names[0]))
			printf("%s\n", names[i].name);
		else
			printf("errno %d\n", err);
	}
	fflush(stdout);
}

static int parse(const char *ip, struct sockaddr_cnet *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->scn_family = AF_CUSTOM;
	if (inet_pton(AF_INET, ip, &sa->scn_addr) != 1) {
		fprintf(stderr, "bad address %s\n", ip);
		return -1;
	}
	return 0;
}

static uint16_t csum(const unsigned char *b, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += b[i] << 8 | b[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

static void send_one(int fd, const struct sockaddr_cnet *dst, uint16_t seq)
{
	unsigned char buf[64] = { 0 };
	struct icmphdr *ih = (struct icmphdr *)buf;
	ssize_t r;

	ih->type = ICMP_ECHO;
	ih->un.echo.id = htons(0x5e5e);
	ih->un.echo.sequence = htons(seq);
	memset(buf + sizeof(*ih), 0xa5, sizeof(buf) - sizeof(*ih));
	/* a raw socket sends the checksum it is given */
	ih->checksum = htons(csum(buf, sizeof(buf)));
	r = sendto(fd, buf, sizeof(buf), 0, (const struct sockaddr *)dst,
		   sizeof(*dst));
	print_result(r, errno);
}

int main(int argc, char **argv)
{
	struct sockaddr_cnet src, dst;
	const char *bind_to = NULL;
	int raw = 0, opt, fd, i;

	while ((opt = getopt(argc, argv, "rb:")) != -1) {
		switch (opt) {
		case 'r':
			raw = 1;
			break;
		case 'b':
			bind_to = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind >= argc)
		goto usage;
	if (parse(argv[optind], &dst))
		return 2;

	fd = socket(AF_CUSTOM, raw ? SOCK_RAW : SOCK_DGRAM, IPPROTO_ICMP);
	if (fd < 0) {
		perror("socket");
		return 2;
	}
	if (bind_to) {
		if (parse(bind_to, &src))
			return 2;
		if (bind(fd, (struct sockaddr *)&src, sizeof(src))) {
			perror("bind");
			return 2;
		}
	}
	send_one(fd, &dst, 1);
	for (i = optind + 1; i < argc; i++) {
		if (system(argv[i]) != 0) {
			fprintf(stderr, "command failed: %s\n", argv[i]);
			return 2;
		}
		send_one(fd, &dst, i - optind + 1);
	}
	close(fd);
	return 0;
usage:
	fprintf(stderr, "usage: %s [-r] [-b SRC] DST [CMD]...\n", argv[0]);
	return 2;
}
