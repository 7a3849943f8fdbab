// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-traceroute: traceroute(8) over the cnet stack.
 *
 * Probes go out one at a time with TTL 1, 2, ... (-f to -m), -q per hop:
 * UDP datagrams to ports 33434 and up on a raw UDP socket (we write the
 * UDP header, the stack the IPv4 header), or with -I echo requests on the
 * raw ICMP socket. That raw ICMP socket, socket(AF_CUSTOM, SOCK_RAW,
 * IPPROTO_ICMP), receives every ICMP message the host gets, IPv4 header
 * included; trace_match() picks the answer to the probe in flight: a time
 * exceeded or destination unreachable quoting it, or the echo reply. The
 * round trip runs from just before sendto() to the answer's kernel receive
 * timestamp (SO_TIMESTAMPNS).
 *
 * The trace stops after the hop where the destination answered (port
 * unreachable, echo reply) or another final error came (!H, !N, ...), or
 * at the last TTL.
 *
 * Exit status, as traceroute's: 0 when the trace ran, 1 on a socket or
 * send error, 2 on a bad command line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "trace.h"

/* The self-test builds a copy on AF_INET (sockaddr_in's layout is ours). */
#ifndef TRACE_FAMILY
#define TRACE_FAMILY		AF_CUSTOM
#endif

#define RECV_BUF		1500

const struct tool this_tool = { .name = "cnet-traceroute" };

struct tracer {
	struct trace_opts o;
	int icmp_fd;		/* receives every answer; sends with -I */
	int udp_fd;		/* sends the UDP probes */
	uint16_t ident;
	unsigned int sent;	/* probes sent so far */
	uint8_t *out;
	uint8_t in[RECV_BUF];
};

/* An error in the middle of a hop line: end the line first. */
static void hop_error(const char *what, int err)
{
	fputc('\n', stdout);
	fflush(stdout);
	tool_error("%s: %s", what, strerror(err));
}

static int open_raw(int proto, const char *what)
{
	int fd = socket(TRACE_FAMILY, SOCK_RAW, proto);
	int one = 1;

	if (fd >= 0) {
		setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
		return fd;
	}
	if (errno == EAFNOSUPPORT)
		tool_error("AF_CUSTOM sockets unavailable: is the cnet module loaded?");
	else if (errno == EPERM || errno == EACCES)
		tool_error("%s socket: %s (raw sockets need CAP_NET_RAW)",
			   what, strerror(errno));
	else if (proto == IPPROTO_UDP &&
		 (errno == EPROTONOSUPPORT || errno == EINVAL ||
		  errno == ESOCKTNOSUPPORT))
		tool_error("%s socket: %s (this cnet module has no raw UDP sockets; try -I)",
			   what, strerror(errno));
	else
		tool_error("%s socket: %s", what, strerror(errno));
	return -1;
}

/* Send probe number t->sent with @ttl; fills @p. */
static int send_probe(struct tracer *t, unsigned int ttl,
		      struct trace_probe *p, int64_t *tx)
{
	struct sockaddr_cnet dst = {
		.scn_family = TRACE_FAMILY,
		.scn_addr = t->o.dst,
	};
	int fd = t->o.icmp ? t->icmp_fd : t->udp_fd;
	int v = (int)ttl;
	size_t len;

	p->icmp = t->o.icmp;
	p->dst = t->o.dst;
	p->id = t->ident;
	if (t->o.icmp) {
		p->key = (uint16_t)((t->o.port_set ? t->o.port : 1) + t->sent);
		len = trace_build_echo(t->out, t->o.datalen, p->id, p->key);
	} else {
		p->key = (uint16_t)(t->o.port + t->sent);
		len = trace_build_udp(t->out, t->o.datalen, p->id, p->key);
	}
	t->sent++;

	if (setsockopt(fd, IPPROTO_IP, IP_TTL, &v, sizeof(v)) < 0) {
		hop_error("cannot set the TTL", errno);
		return -1;
	}
	*tx = wall_ns();
	if (sendto(fd, t->out, len, 0, (struct sockaddr *)&dst,
		   sizeof(dst)) < 0) {
		hop_error("send", errno);
		return -1;
	}
	return 0;
}

/*
 * Read what is queued on the ICMP socket; true with @a and the receive
 * time @rx once the answer to @p is there.
 */
static bool read_answers(struct tracer *t, const struct trace_probe *p,
			 struct trace_answer *a, int64_t *rx)
{
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(struct timespec)) + 64];
		struct iovec iov = { .iov_base = t->in, .iov_len = RECV_BUF };
		struct msghdr msg = {
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = cbuf,
			.msg_controllen = sizeof(cbuf),
		};
		struct cmsghdr *cmsg;
		ssize_t n;

		n = recvmsg(t->icmp_fd, &msg, MSG_DONTWAIT);
		if (n < 0)
			return false;	/* EAGAIN, or an error: a "*" */
		if (!trace_match(p, t->in, (size_t)n, a))
			continue;
		*rx = 0;
		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg;
		     cmsg = CMSG_NXTHDR(&msg, cmsg)) {
			struct timespec ts;

			if (cmsg->cmsg_level != SOL_SOCKET ||
			    cmsg->cmsg_type != SCM_TIMESTAMPNS ||
			    cmsg->cmsg_len < CMSG_LEN(sizeof(ts)))
				continue;
			memcpy(&ts, CMSG_DATA(cmsg), sizeof(ts));
			*rx = timespec_ns(&ts);
		}
		if (!*rx)
			*rx = wall_ns();
		return true;
	}
}

/* One probe: send, wait for its answer. 1 answered, 0 not, -1 error. */
static int probe(struct tracer *t, unsigned int ttl, struct trace_answer *a,
		 double *rtt_ms)
{
	struct pollfd pfd = { .fd = t->icmp_fd, .events = POLLIN };
	struct trace_probe p;
	int64_t tx, rx, deadline, left;

	if (send_probe(t, ttl, &p, &tx) < 0)
		return -1;
	deadline = mono_ns() + trace_wait_ns(&t->o);
	for (;;) {
		if (read_answers(t, &p, a, &rx)) {
			*rtt_ms = rx > tx ? (rx - tx) / 1e6 : 0;
			return 1;
		}
		left = deadline - mono_ns();
		if (left <= 0)
			return 0;
		if (poll(&pfd, 1, (int)((left + 999999) / 1000000)) < 0 &&
		    errno != EINTR) {
			hop_error("poll", errno);
			return -1;
		}
	}
}

static int trace(struct tracer *t)
{
	struct trace_answer a;
	struct trace_hop hop;
	unsigned int ttl, q;
	bool final = false;
	double rtt = 0;
	int r;

	trace_print_header(stdout, &t->o);
	for (ttl = t->o.first_ttl; ttl <= t->o.max_ttl && !final; ttl++) {
		trace_hop_start(stdout, &hop, ttl);
		for (q = 0; q < t->o.nqueries; q++) {
			fflush(stdout);
			r = probe(t, ttl, &a, &rtt);
			if (r < 0)	/* the line is ended */
				return EXIT_ERR;
			trace_hop_probe(stdout, &hop, t->o.numeric,
					r ? &a : NULL, rtt);
			if (r && a.final)
				final = true;
		}
		trace_hop_end(stdout);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct tracer *t;
	int ret;

	t = calloc(1, sizeof(*t));
	if (!t) {
		tool_error("out of memory");
		return EXIT_ERR;
	}
	t->icmp_fd = -1;
	t->udp_fd = -1;

	ret = trace_parse_args(&t->o, argc, argv, stderr);
	if (ret) {
		if (ret < 0)		/* -h */
			ret = 0;
		goto out;
	}

	ret = EXIT_ERR;
	t->out = malloc(TRACE_L4HDR_LEN + t->o.datalen);
	if (!t->out) {
		tool_error("out of memory");
		goto out;
	}
	t->icmp_fd = open_raw(IPPROTO_ICMP, "raw ICMP");
	if (t->icmp_fd < 0)
		goto out;
	if (!t->o.icmp) {
		t->udp_fd = open_raw(IPPROTO_UDP, "raw UDP");
		if (t->udp_fd < 0)
			goto out;
	}
	/* Echo identifier / UDP source port: ours, as traceroute's. */
	t->ident = (getpid() & 0xffff) | (t->o.icmp ? 0 : 0x8000);

	ret = trace(t);
out:
	fflush(stdout);
	if (t->icmp_fd >= 0)
		close(t->icmp_fd);
	if (t->udp_fd >= 0)
		close(t->udp_fd);
	free(t->out);
	free(t);
	return ret;
}
