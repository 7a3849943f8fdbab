// SPDX-License-Identifier: GPL-2.0
/*
 * tcpbench: both ends of the TCP benchmarks (selftests/bench/tcp.sh), the
 * same code on either stack: -f inet is AF_INET (the Linux stack), -f
 * custom (or cnet) is AF_CUSTOM, whose struct sockaddr_cnet has
 * sockaddr_in's layout. cnet -> Linux, Linux -> cnet, cnet <-> cnet and
 * Linux <-> Linux are this program with different families.
 *
 *	tcpbench [OPTIONS] server MODE ADDR PORT
 *	tcpbench [OPTIONS] client MODE ADDR PORT
 *
 * The server binds ADDR:PORT and serves one measurement, then exits; the
 * client retries connect() while the server is not listening yet
 * (ECONNREFUSED), so both can start together. Each prints one line of
 * KEY=VALUE pairs on stdout.
 *
 * MODEs:
 *   stream  the client sends -n BYTES in all (default 1 GiB) over -P
 *           streams (default 1), or for -t SECONDS when given (whichever
 *           ends first), then shuts down its side and waits for the
 *           server's close. The server (the receiver) measures from its
 *           first byte to its last: "bytes=B secs=S gbps=G streams=P
 *           rcvbuf=R", R the largest SO_RCVBUF a stream had at its end
 *           (what autotuning made of it); the client prints "sent=B
 *           secs=S sndbuf=W", W the largest SO_SNDBUF when it was done.
 *   rr      one connection, TCP_NODELAY on both ends: the client writes
 *           64 bytes and waits for the 64 the server echoes, for -t
 *           SECONDS (default 5) after -W SECONDS of warm-up (default
 *           0.5); every round trip goes into a histogram of 0.1 us
 *           buckets: "samples=N p50_us= p90_us= p99_us= mean_us= min_us=
 *           max_us=".
 *   crr     for -t SECONDS: connect, write 64 bytes, read the 64-byte
 *           answer, close (the client closes first and keeps the
 *           TIME-WAIT, as an HTTP/1.0 client): "conns=N secs=S cps=C
 *           errors=E". A last connection tells the server to stop.
 *   idle    -k CONNS (default 1000) established connections that carry
 *           nothing, held by both ends; the client reads /proc/meminfo and
 *           /proc/slabinfo before and after (both ends are in this
 *           kernel): "conns=K used_b= slab_b= avail_b=" per connection
 *           (both ends, file descriptors and all), then "slab:NAME=BYTES"
 *           for the caches that grew most, per connection.
 *   probe   only open a socket: can this stack do TCP at all?
 *
 * OPTIONS:
 *   -f inet|custom  the family (default inet)
 *   -c CPU          run on that CPU only (taskset's work without an exec:
 *                   each costs up to a second in an emulated guest)
 *   -b BYTES        SO_SNDBUF and SO_RCVBUF (the FORCE variants where
 *                   allowed: past net.core.[rw]mem_max; default: the
 *                   stack's own, with its autotuning where it has one)
 *   -T SECONDS      give up after that long (default 300): prints
 *                   "stalled: ..." with the progress so far on stderr and
 *                   exits 3
 *   -w SECONDS      how long the client retries connect() (default 20)
 *   -R BYTES        SO_MAX_PACING_RATE on the client's sockets, in bytes
 *                   per second; the stream client then adds TCP_INFO's
 *                   "pacing_rate=P max_pacing_rate=M" of its first
 *                   stream, read before it shuts down
 *
 * Exit status: 0 done, 1 a failure, 2 usage, 3 stalled (-T), 4 this stack
 * cannot open a TCP socket.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdint.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

#define MSG		64
#define CHUNK		(256 << 10)
#define MAX_STREAMS	64
#define HIST_NS		100			/* bucket width */
#define HIST_BUCKETS	(1000 * 1000)		/* up to 100 ms */
#define EXIT_STALLED	3
#define EXIT_UNAVAILABLE 4

static int family = AF_INET;
static int bufsize;
static double run_secs = -1, warm_secs = 0.5, wait_secs = 20;
static unsigned long long total_bytes = 1ULL << 30;
static int streams = 1, conns = 1000;
static unsigned int max_pacing_rate;

/*
 * TCP_INFO up to tcpi_max_pacing_rate: glibc's struct tcp_info stops at
 * tcpi_total_retrans, the kernel's goes on with the two rates.
 */
struct tcp_info_pacing {
	struct tcp_info	base;
	uint64_t	pacing_rate;
	uint64_t	max_pacing_rate;
};
_Static_assert(sizeof(struct tcp_info) == 104,
	       "tcpi_pacing_rate follows glibc's struct tcp_info");

/* Progress, for the "stalled" line. */
static const char *volatile phase = "starting";
static volatile unsigned long long progress;

static void on_alarm(int sig)
{
	char line[160];
	int n;

	(void)sig;
	n = snprintf(line, sizeof(line), "tcpbench: stalled: %s, %llu done\n",
		     phase, progress);
	if (write(2, line, n) < 0)
		_exit(EXIT_STALLED);
	_exit(EXIT_STALLED);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	fprintf(stderr, "tcpbench: %s (%s): %s\n", what, phase, strerror(errno));
	exit(1);
}

static struct sockaddr_in addr;

static int new_socket(void)
{
	int fd = socket(family, SOCK_STREAM, 0);

	if (fd < 0) {
		fprintf(stderr, "tcpbench: socket(%s, SOCK_STREAM): %s\n",
			family == AF_INET ? "AF_INET" : "AF_CUSTOM",
			strerror(errno));
		exit(errno == EAFNOSUPPORT || errno == EPROTONOSUPPORT ||
		     errno == ESOCKTNOSUPPORT ? EXIT_UNAVAILABLE : 1);
	}
	/* the FORCE variants pass net.core.[rw]mem_max (root only) */
	if (bufsize &&
	    (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bufsize, sizeof(bufsize)) ||
	     setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bufsize, sizeof(bufsize))) &&
	    (setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufsize, sizeof(bufsize)) ||
	     setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof(bufsize))))
		die("SO_SNDBUF/SO_RCVBUF");
	return fd;
}

static void nodelay(int fd)
{
	int one = 1;

	if (setsockopt(fd, SOL_TCP, TCP_NODELAY, &one, sizeof(one)))
		die("TCP_NODELAY");
}

static void nonblock(int fd)
{
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK))
		die("O_NONBLOCK");
}

static int listener(void)
{
	int fd = new_socket(), one = 1;

	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)))
		die("SO_REUSEADDR");
	if (bind(fd, (struct sockaddr *)&addr, sizeof(addr)))
		die("bind");
	if (listen(fd, 4096))
		die("listen");
	return fd;
}

static int accept_one(int lfd)
{
	int fd = accept(lfd, NULL, NULL);

	if (fd < 0)
		die("accept");
	return fd;
}

/*
 * A connection to the server; the first ones of a run retry while the
 * server is not listening yet (patient), the others do not.
 */
static int connect_to(int patient)
{
	double give_up = now_s() + wait_secs;
	int fd, err;

	for (;;) {
		fd = new_socket();
		if (max_pacing_rate &&
		    setsockopt(fd, SOL_SOCKET, SO_MAX_PACING_RATE,
			       &max_pacing_rate, sizeof(max_pacing_rate)))
			die("SO_MAX_PACING_RATE");
		if (!connect(fd, (struct sockaddr *)&addr, sizeof(addr)))
			return fd;
		err = errno;
		close(fd);
		errno = err;
		if (!patient || err != ECONNREFUSED || now_s() > give_up)
			return -1;
		usleep(20000);
	}
}

/* n bytes exactly; 0 at end of file before them */
static int read_full(int fd, char *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;

	while (got < n) {
		r = read(fd, buf + got, n - got);
		if (r == 0)
			return 0;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += r;
	}
	return 1;
}

static int write_full(int fd, const char *buf, size_t n)
{
	size_t put = 0;
	ssize_t r;

	while (put < n) {
		r = write(fd, buf + put, n - put);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		put += r;
	}
	return 0;
}

/* ---- stream ---- */

static char chunk[CHUNK];

/* The receiver: every stream until its end of file, poll() over them. */
/* The larger of @cur and @fd's buffer @opt (SO_RCVBUF or SO_SNDBUF) */
static int max_buf(int fd, int opt, int cur)
{
	socklen_t len = sizeof(int);
	int v;

	if (getsockopt(fd, SOL_SOCKET, opt, &v, &len))
		die("getsockopt SO_RCVBUF/SO_SNDBUF");
	return v > cur ? v : cur;
}

static int stream_server(void)
{
	struct pollfd p[MAX_STREAMS + 1];
	unsigned long long bytes = 0;
	double first = 0, last = 0;
	int lfd = listener(), nopen = 0, accepted = 0, i, rcvbuf = 0;
	ssize_t r;

	phase = "stream: receiving";
	p[0].fd = lfd;
	p[0].events = POLLIN;
	while (accepted < streams || nopen > 0) {
		if (poll(p, accepted + 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (accepted < streams && (p[0].revents & POLLIN)) {
			p[accepted + 1].fd = accept_one(lfd);
			p[accepted + 1].events = POLLIN;
			p[accepted + 1].revents = 0;
			accepted++;
			nopen++;
			if (accepted == streams)
				p[0].events = 0;
		}
		for (i = 1; i <= accepted; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			r = read(p[i].fd, chunk, CHUNK);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				die("read");
			if (r == 0) {
				rcvbuf = max_buf(p[i].fd, SO_RCVBUF, rcvbuf);
				close(p[i].fd);
				p[i].fd = -1;
				nopen--;
				continue;
			}
			if (!bytes)
				first = now_s();
			bytes += r;
			progress = bytes;
			last = now_s();
		}
	}
	printf("bytes=%llu secs=%.3f gbps=%.4f streams=%d rcvbuf=%d\n", bytes,
	       last - first, last > first ? bytes * 8 / (last - first) / 1e9 : 0,
	       streams, rcvbuf);
	return 0;
}

/*
 * The sender: -P streams, non-blocking, poll() for room in each; the
 * bytes split evenly. Then shutdown(SHUT_WR) and wait for the server's
 * close: everything has arrived.
 */
static int stream_client(void)
{
	struct pollfd p[MAX_STREAMS];
	unsigned long long left[MAX_STREAMS], sent = 0;
	double start, end = 0;
	int i, active = streams, sndbuf = 0;
	char pacing[96] = "";
	ssize_t r;

	memset(chunk, 'x', sizeof(chunk));
	phase = "stream: connecting";
	for (i = 0; i < streams; i++) {
		p[i].fd = connect_to(i == 0);
		if (p[i].fd < 0)
			die("connect");
		nonblock(p[i].fd);
		p[i].events = POLLOUT;
		left[i] = total_bytes / streams + (i == 0 ? total_bytes % streams : 0);
	}
	phase = "stream: sending";
	start = now_s();
	if (run_secs > 0)
		end = start + run_secs;
	while (active > 0) {
		if (poll(p, streams, 200) < 0 && errno != EINTR)
			die("poll");
		for (i = 0; i < streams; i++) {
			if (!(p[i].events & POLLOUT) || !p[i].revents)
				continue;
			r = write(p[i].fd, chunk, left[i] < CHUNK ? left[i] : CHUNK);
			if (r < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (r < 0)
				die("write");
			left[i] -= r;
			sent += r;
			progress = sent;
			if (!left[i]) {
				p[i].events = 0;
				active--;
			}
		}
		if (end && now_s() >= end) {
			for (i = 0; i < streams; i++)
				p[i].events = 0;
			active = 0;
		}
	}
	phase = "stream: waiting for the receiver's close";
	if (max_pacing_rate) {
		struct tcp_info_pacing ti;
		socklen_t len = sizeof(ti);

		memset(&ti, 0, sizeof(ti));
		if (getsockopt(p[0].fd, SOL_TCP, TCP_INFO, &ti, &len))
			die("TCP_INFO");
		if (len < sizeof(ti)) {
			fprintf(stderr, "tcpbench: TCP_INFO: %u bytes, no pacing rates\n",
				(unsigned int)len);
			exit(1);
		}
		snprintf(pacing, sizeof(pacing), " pacing_rate=%llu max_pacing_rate=%llu",
			 (unsigned long long)ti.pacing_rate,
			 (unsigned long long)ti.max_pacing_rate);
	}
	for (i = 0; i < streams; i++) {
		sndbuf = max_buf(p[i].fd, SO_SNDBUF, sndbuf);
		if (shutdown(p[i].fd, SHUT_WR))
			die("shutdown");
		p[i].events = POLLIN;
	}
	for (active = streams; active > 0;) {
		if (poll(p, streams, -1) < 0 && errno != EINTR)
			die("poll");
		for (i = 0; i < streams; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			r = read(p[i].fd, chunk, CHUNK);
			if (r < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (r < 0)
				die("read");
			if (r == 0) {
				close(p[i].fd);
				p[i].fd = -1;
				active--;
			}
		}
	}
	printf("sent=%llu secs=%.3f sndbuf=%d%s\n", sent, now_s() - start, sndbuf,
	       pacing);
	return 0;
}

/* ---- rr ---- */

static int rr_server(void)
{
	char buf[MSG];
	int lfd = listener(), fd, r;

	phase = "rr: accepting";
	fd = accept_one(lfd);
	nodelay(fd);
	phase = "rr: echoing";
	while ((r = read_full(fd, buf, MSG)) > 0) {
		if (write_full(fd, buf, MSG))
			die("write");
		progress++;
	}
	if (r < 0)
		die("read");
	close(fd);
	close(lfd);
	return 0;
}

static unsigned int hist[HIST_BUCKETS + 1];

/* the smallest value with at least pct % of the samples at or below it */
static double percentile(unsigned long n, double pct)
{
	unsigned long want = (unsigned long)(n * pct / 100.0 + 0.999999), seen = 0;
	int i;

	if (!want)
		want = 1;
	for (i = 0; i <= HIST_BUCKETS; i++) {
		seen += hist[i];
		if (seen >= want)
			return (i + 0.5) * HIST_NS / 1000.0;
	}
	return 0;
}

static int rr_client(void)
{
	char buf[MSG];
	unsigned long n = 0;
	double t0, t1, from, to, sum = 0, lo = 1e9, hi = 0, us;
	long b;
	int fd;

	memset(buf, 'r', sizeof(buf));
	phase = "rr: connecting";
	fd = connect_to(1);
	if (fd < 0)
		die("connect");
	nodelay(fd);
	phase = "rr: ping-pong";
	from = now_s() + warm_secs;
	to = from + (run_secs > 0 ? run_secs : 5);
	for (t1 = now_s(); t1 < to;) {
		t0 = now_s();
		if (write_full(fd, buf, MSG))
			die("write");
		if (read_full(fd, buf, MSG) <= 0)
			die("read");
		t1 = now_s();
		progress++;
		if (t0 < from)
			continue;
		us = (t1 - t0) * 1e6;
		b = (long)(us * 1000 / HIST_NS);
		hist[b < HIST_BUCKETS ? b : HIST_BUCKETS]++;
		n++;
		sum += us;
		if (us < lo)
			lo = us;
		if (us > hi)
			hi = us;
	}
	close(fd);
	if (!n) {
		fprintf(stderr, "tcpbench: rr: no round trip measured\n");
		return 1;
	}
	printf("samples=%lu p50_us=%.1f p90_us=%.1f p99_us=%.1f", n,
	       percentile(n, 50), percentile(n, 90), percentile(n, 99));
	printf(" mean_us=%.1f min_us=%.1f max_us=%.1f\n", sum / n, lo, hi);
	return 0;
}

/* ---- crr ---- */

/* One connection at a time: the request, the answer, the client's close. */
static int crr_server(void)
{
	char buf[MSG];
	int lfd = listener(), fd, r;

	phase = "crr: serving";
	for (;;) {
		fd = accept_one(lfd);
		r = read_full(fd, buf, MSG);
		if (r < 0)
			die("read");
		if (r == 0) {		/* a client that gave up */
			close(fd);
			continue;
		}
		if (buf[0] == 'Q') {
			close(fd);
			break;
		}
		if (write_full(fd, buf, MSG))
			die("write");
		(void)read_full(fd, buf, 1);	/* its close (or reset) */
		close(fd);
		progress++;
	}
	close(lfd);
	return 0;
}

static int crr_client(void)
{
	char buf[MSG];
	unsigned long n = 0, errors = 0;
	double start, end, t;
	int fd, first_errno = 0;

	memset(buf, 'c', sizeof(buf));
	phase = "crr: connecting";
	start = now_s();
	end = start + (run_secs > 0 ? run_secs : 5);
	do {
		fd = connect_to(n == 0 && errors == 0);
		if (fd < 0) {
			if (!first_errno)
				first_errno = errno;
			if (n == 0 || ++errors > 100)
				die("connect");
			continue;
		}
		nodelay(fd);
		if (write_full(fd, buf, MSG) || read_full(fd, buf, MSG) <= 0)
			die("request/response");
		close(fd);
		n++;
		progress = n;
		t = now_s();
	} while (t < end);
	/* the last one stops the server */
	fd = connect_to(0);
	buf[0] = 'Q';
	if (fd < 0 || write_full(fd, buf, MSG))
		die("stopping the server");
	close(fd);
	printf("conns=%lu secs=%.3f cps=%.1f errors=%lu%s%s\n", n, t - start,
	       n / (t - start), errors, first_errno ? " first_error=" : "",
	       first_errno ? strerrorname_np(first_errno) : "");
	return 0;
}

/* ---- idle ---- */

static void raise_nofile(int n)
{
	struct rlimit r = { .rlim_cur = n, .rlim_max = n };

	if (setrlimit(RLIMIT_NOFILE, &r))
		die("setrlimit(RLIMIT_NOFILE)");
}

/* The first connection is the control: the byte on it says all are in. */
static int idle_server(void)
{
	int lfd, *fds = calloc(conns + 1, sizeof(int)), i;
	char c;

	if (!fds)
		die("calloc");
	raise_nofile(conns + 64);
	lfd = listener();
	phase = "idle: accepting";
	for (i = 0; i <= conns; i++) {
		fds[i] = accept_one(lfd);
		progress = i;
	}
	phase = "idle: holding";
	if (write_full(fds[0], "k", 1))
		die("write");
	if (read_full(fds[0], &c, 1) < 0)	/* the client's close */
		die("read");
	for (i = 0; i <= conns; i++)
		close(fds[i]);
	close(lfd);
	return 0;
}

struct mem {
	long long used, slab, avail;	/* bytes */
	int ncache;
	char name[512][64];
	long long bytes[512];
};

static void mem_read(struct mem *m)
{
	char line[512], name[64];
	long long v, total = 0, free_ = 0, active, num, size;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		die("/proc/meminfo");
	memset(m, 0, sizeof(*m));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63[^:]: %lld", name, &v) != 2)
			continue;
		if (!strcmp(name, "MemTotal"))
			total = v * 1024;
		else if (!strcmp(name, "MemFree"))
			free_ = v * 1024;
		else if (!strcmp(name, "MemAvailable"))
			m->avail = v * 1024;
		else if (!strcmp(name, "Slab"))
			m->slab = v * 1024;
	}
	fclose(f);
	m->used = total - free_;
	f = fopen("/proc/slabinfo", "r");	/* root only: none without */
	if (!f)
		return;
	while (fgets(line, sizeof(line), f) && m->ncache < 512) {
		if (sscanf(line, "%63s %lld %lld %lld", name, &active, &num,
			   &size) != 4 || name[0] == '#')
			continue;
		snprintf(m->name[m->ncache], sizeof(m->name[0]), "%s", name);
		m->bytes[m->ncache++] = active * size;
	}
	fclose(f);
}

static int idle_client(void)
{
	struct mem *before = malloc(sizeof(*before));
	struct mem *after = malloc(sizeof(*after));
	int *fds = calloc(conns + 1, sizeof(int)), i, j, shown;
	long long d[512], best;
	char c;

	if (!before || !after || !fds)
		die("malloc");
	raise_nofile(conns + 64);
	phase = "idle: control connection";
	fds[0] = connect_to(1);
	if (fds[0] < 0)
		die("connect");
	usleep(200000);
	mem_read(before);
	phase = "idle: connecting";
	for (i = 1; i <= conns; i++) {
		fds[i] = connect_to(0);
		if (fds[i] < 0)
			die("connect");
		progress = i;
	}
	phase = "idle: waiting for the server's accepts";
	if (read_full(fds[0], &c, 1) <= 0)
		die("read");
	usleep(500000);		/* the last ACKs */
	mem_read(after);
	printf("conns=%d used_b=%lld slab_b=%lld avail_b=%lld\n", conns,
	       (after->used - before->used) / conns,
	       (after->slab - before->slab) / conns,
	       (before->avail - after->avail) / conns);
	/* the caches that grew most, per connection (both ends) */
	for (i = 0; i < after->ncache; i++) {
		d[i] = after->bytes[i];
		for (j = 0; j < before->ncache; j++)
			if (!strcmp(before->name[j], after->name[i]))
				d[i] -= before->bytes[j];
	}
	for (shown = 0; shown < 8; shown++) {
		best = -1;
		for (i = 0; i < after->ncache; i++)
			if (d[i] > conns * 16 && (best < 0 || d[i] > d[best]))
				best = i;
		if (best < 0)
			break;
		printf("%sslab:%s=%lld", shown ? " " : "", after->name[best],
		       d[best] / conns);
		d[best] = 0;
	}
	if (shown)
		printf("\n");
	for (i = 0; i <= conns; i++)
		close(fds[i]);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: tcpbench [-f inet|custom] [-c CPU] [-b BYTES] [-T SECS] [-w SECS]\n"
		"                [-R BYTES_PER_SEC]\n"
		"                [-n BYTES] [-P STREAMS] [-t SECS] [-W SECS] [-k CONNS]\n"
		"                server|client stream|rr|crr|idle|probe ADDR PORT\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	int opt, server, cpu = -1, deadline = 300;
	const char *mode;

	while ((opt = getopt(argc, argv, "f:c:b:T:w:n:P:t:W:k:R:")) != -1) {
		switch (opt) {
		case 'f':
			if (!strcmp(optarg, "inet"))
				family = AF_INET;
			else if (!strcmp(optarg, "custom") || !strcmp(optarg, "cnet"))
				family = AF_CUSTOM;
			else
				usage();
			break;
		case 'c':
			cpu = atoi(optarg);
			break;
		case 'b':
			bufsize = atoi(optarg);
			break;
		case 'T':
			deadline = atoi(optarg);
			break;
		case 'w':
			wait_secs = atof(optarg);
			break;
		case 'n':
			total_bytes = strtoull(optarg, NULL, 0);
			break;
		case 'P':
			streams = atoi(optarg);
			break;
		case 't':
			run_secs = atof(optarg);
			break;
		case 'W':
			warm_secs = atof(optarg);
			break;
		case 'k':
			conns = atoi(optarg);
			break;
		case 'R': {
			char *end;
			unsigned long v;

			errno = 0;
			v = strtoul(optarg, &end, 0);
			if (errno || *end || !v || v >= 0xffffffffUL) {
				fprintf(stderr, "tcpbench: -R %s: a rate in bytes per second, 1 to 4294967294\n",
					optarg);
				exit(2);
			}
			max_pacing_rate = v;
			break;
		}
		default:
			usage();
		}
	}
	if (argc - optind != 4 || streams < 1 || streams > MAX_STREAMS ||
	    conns < 1 || !total_bytes)
		usage();
	server = !strcmp(argv[optind], "server");
	if (!server && strcmp(argv[optind], "client"))
		usage();
	mode = argv[optind + 1];
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = family;
	addr.sin_port = htons(atoi(argv[optind + 3]));
	if (inet_pton(AF_INET, argv[optind + 2], &addr.sin_addr) != 1)
		usage();
	if (cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			die("sched_setaffinity");
	}
	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGALRM, &sa, NULL);
	alarm(deadline);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(mode, "probe")) {	/* can this stack open one at all? */
		close(new_socket());
		return 0;
	}
	if (!strcmp(mode, "stream"))
		return server ? stream_server() : stream_client();
	if (!strcmp(mode, "rr"))
		return server ? rr_server() : rr_client();
	if (!strcmp(mode, "crr"))
		return server ? crr_server() : crr_client();
	if (!strcmp(mode, "idle"))
		return server ? idle_server() : idle_client();
	usage();
	return 2;
}
