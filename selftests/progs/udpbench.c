// SPDX-License-Identifier: GPL-2.0
/*
 * udpbench: the sender and the receiver of the UDP benchmarks
 * (selftests/bench/udp.sh), the same code on either stack: FAMILY is
 * "inet" (AF_INET, the Linux stack) or "cnet" (AF_CUSTOM, whose
 * struct sockaddr_cnet has sockaddr_in's layout).
 *
 *	udpbench [-c CPU] send FAMILY DST PORT SIZE SECONDS
 *	udpbench [-c CPU] recv FAMILY ADDR PORT SIZE SECONDS [WARMUP [WAIT]]
 *	udpbench probe FAMILY
 *
 * -c CPU: run on that CPU only (taskset's work, without one more exec,
 * which costs up to a second in an emulated guest on a busy host).
 *
 * send: SIZE-byte datagrams on a connected socket, sendmmsg() in batches,
 * for SECONDS (0: until SIGTERM or SIGINT); prints "sent=N bytes=B secs=S
 * errors=E" (errors: ENOBUFS, EAGAIN, ECONNREFUSED, counted and not
 * fatal: the receiver may not be bound yet when the sender starts).
 *
 * recv: binds ADDR:PORT, waits up to WAIT seconds (default 10) for the
 * first datagram, lets WARMUP seconds pass (default 0.5), then counts what
 * recvmmsg() returns in the next SECONDS; prints "received=N bytes=B
 * secs=S total=T short=X", total counting the warm-up too, short the
 * datagrams that were not SIZE bytes long. received=0 when nothing came.
 *
 * probe: can this stack open a UDP socket at all?
 *
 * Exit status: 0 done, 1 a failure, 2 usage, 4 this stack cannot do it yet
 * (no UDP socket, or EMSGSIZE: no fragmentation): the benchmark says "not
 * available" for it instead of failing.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

#define BATCH		32
#define MAX_SIZE	65507
#define BUF_BYTES	(4 << 20)
#define EXIT_UNAVAILABLE 4

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int family_of(const char *name)
{
	if (!strcmp(name, "inet"))
		return AF_INET;
	if (!strcmp(name, "cnet"))
		return AF_CUSTOM;
	return -1;
}

/* An address of either family: sockaddr_cnet has sockaddr_in's layout. */
static int make_addr(int family, const char *ip, const char *port,
		     struct sockaddr_in *sa)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = family;
	sa->sin_port = htons(atoi(port));
	return inet_pton(AF_INET, ip, &sa->sin_addr) == 1 ? 0 : -1;
}

static int open_socket(int family)
{
	int fd = socket(family, SOCK_DGRAM, 0);

	if (fd < 0) {
		fprintf(stderr, "udpbench: socket(%s, SOCK_DGRAM): %s\n",
			family == AF_INET ? "AF_INET" : "AF_CUSTOM",
			strerror(errno));
		exit(errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT ||
		     errno == ESOCKTNOSUPPORT || errno == EINVAL ?
		     EXIT_UNAVAILABLE : 1);
	}
	return fd;
}

/*
 * Large buffers on both stacks alike, so that a burst does not decide the
 * figure: the FORCE variants pass net.core.[rw]mem_max (root only); a
 * stack that has neither keeps its default.
 */
static void set_buf(int fd, int force, int plain)
{
	int v = BUF_BYTES;

	if (setsockopt(fd, SOL_SOCKET, force, &v, sizeof(v)))
		(void)setsockopt(fd, SOL_SOCKET, plain, &v, sizeof(v));
}

static int do_send(int family, char **argv)
{
	static char payload[MAX_SIZE];
	struct mmsghdr msgs[BATCH];
	struct iovec iov;
	struct sockaddr_in dst;
	struct sigaction sa;
	unsigned long sent = 0, errors = 0;
	size_t size = strtoul(argv[2], NULL, 0);
	double start, end, t;
	int fd, i, n;

	if (make_addr(family, argv[0], argv[1], &dst) || !size || size > MAX_SIZE) {
		fprintf(stderr, "udpbench: bad address or size\n");
		return 2;
	}
	fd = open_socket(family);
	set_buf(fd, SO_SNDBUFFORCE, SO_SNDBUF);
	if (connect(fd, (struct sockaddr *)&dst, sizeof(dst))) {
		perror("udpbench: connect");
		return 1;
	}
	memset(payload, 'x', size);
	iov.iov_base = payload;
	iov.iov_len = size;
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	/* Without SA_RESTART: a blocked sendmmsg() returns at the signal. */
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	start = now_s();
	end = atof(argv[3]) > 0 ? start + atof(argv[3]) : 0;
	do {
		n = sendmmsg(fd, msgs, BATCH, 0);
		if (n > 0) {
			sent += n;
		} else if (errno == EINTR) {
			;	/* stop says whether to go on */
		} else if (errno == ENOBUFS || errno == EAGAIN ||
			   errno == ECONNREFUSED) {
			errors++;	/* ECONNREFUSED: a port unreachable */
		} else if (errno == EMSGSIZE) {
			fprintf(stderr, "udpbench: %zu-byte datagrams: %s\n",
				size, strerror(errno));
			return EXIT_UNAVAILABLE;
		} else {
			perror("udpbench: sendmmsg");
			return 1;
		}
		t = now_s();
	} while (!stop && (!end || t < end));
	printf("sent=%lu bytes=%lu secs=%.3f errors=%lu\n", sent, sent * size,
	       t - start, errors);
	return 0;
}

static int do_recv(int family, char **argv, int argc)
{
	static struct mmsghdr msgs[BATCH];
	static struct iovec iov[BATCH];
	struct sockaddr_in addr;
	struct timeval tv = { .tv_usec = 100000 };
	size_t size = strtoul(argv[2], NULL, 0);
	double secs = atof(argv[3]);
	double warm = argc > 4 ? atof(argv[4]) : 0.5;
	double wait = argc > 5 ? atof(argv[5]) : 10;
	unsigned long received = 0, bytes = 0, total = 0, shorts = 0;
	double t, first = 0, from = 0, to = 0, deadline;
	char *bufs;
	int fd, i, n;

	if (make_addr(family, argv[0], argv[1], &addr) || !size || size > MAX_SIZE) {
		fprintf(stderr, "udpbench: bad address or size\n");
		return 2;
	}
	bufs = malloc((size_t)BATCH * (size + 1));
	if (!bufs)
		return 1;
	for (i = 0; i < BATCH; i++) {
		/* One byte more than expected: a longer datagram shows. */
		iov[i].iov_base = bufs + (size_t)i * (size + 1);
		iov[i].iov_len = size + 1;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	fd = open_socket(family);
	set_buf(fd, SO_RCVBUFFORCE, SO_RCVBUF);
	/* The timeout only bounds the wait for the first datagram. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    bind(fd, (struct sockaddr *)&addr, sizeof(addr))) {
		perror("udpbench: setsockopt/bind");
		return 1;
	}
	/* Ready: the script starts the sender when it reads this line. */
	fprintf(stderr, "udpbench: listening\n");
	deadline = now_s() + wait;
	for (;;) {
		n = recvmmsg(fd, msgs, BATCH, MSG_WAITFORONE, NULL);
		t = now_s();
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR) {
				perror("udpbench: recvmmsg");
				return 1;
			}
			if (!first && t > deadline)
				break;
			if (first && t >= to)
				break;
			continue;
		}
		if (!first) {
			first = t;
			from = first + warm;
			to = from + secs;
		}
		total += n;
		for (i = 0; i < n; i++)
			if (msgs[i].msg_len != size)
				shorts++;
		if (t >= from && t < to) {
			received += n;
			for (i = 0; i < n; i++)
				bytes += msgs[i].msg_len;
		}
		if (t >= to)
			break;
	}
	printf("received=%lu bytes=%lu secs=%.3f total=%lu short=%lu\n",
	       received, bytes, secs, total, shorts);
	return 0;
}

int main(int argc, char **argv)
{
	int family;

	if (argc > 3 && !strcmp(argv[1], "-c")) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(atoi(argv[2]), &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			perror("udpbench: sched_setaffinity");
			return 1;
		}
		argc -= 2;
		argv += 2;
	}
	family = argc > 2 ? family_of(argv[2]) : -1;
	if (family < 0)
		goto usage;
	if (!strcmp(argv[1], "probe") && argc == 3) {
		close(open_socket(family));
		return 0;
	}
	if (!strcmp(argv[1], "send") && argc == 7)
		return do_send(family, argv + 3);
	if (!strcmp(argv[1], "recv") && argc >= 7 && argc <= 9)
		return do_recv(family, argv + 3, argc - 3);
usage:
	fprintf(stderr,
		"usage: udpbench [-c CPU] send inet|cnet DST PORT SIZE SECONDS\n"
		"       udpbench [-c CPU] recv inet|cnet ADDR PORT SIZE SECONDS [WARMUP [WAIT]]\n"
		"       udpbench probe inet|cnet\n");
	return 2;
}
