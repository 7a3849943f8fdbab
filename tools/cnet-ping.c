// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-ping: ping over the cnet stack, with the output of iputils ping.
 *
 * By default it uses an ICMP "ping socket", socket(AF_CUSTOM, SOCK_DGRAM,
 * IPPROTO_ICMP): we write an echo header and payload, the kernel fills in the
 * identifier and checksum and hands back only the echo replies meant for this
 * socket, without their IPv4 header. With -R it uses a raw socket instead:
 * we fill identifier and checksum, and every ICMP packet comes back with its
 * IPv4 header, so we filter on our identifier ourselves.
 *
 * The payload starts with the send time (a struct timeval, as iputils does),
 * the rest is the byte pattern 0x00, 0x01, ... which replies must echo.
 *
 * This file is the socket and the loop; what needs no socket (the command
 * line, the packets, the statistics and the output) is in ping.c.
 *
 * Exit status: 0 if a reply came back, 1 if none did, 2 on error.
 */
#define _GNU_SOURCE		/* ppoll() */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>
#include <linux/errqueue.h>

#include "ping.h"

/*
 * The self-test builds a copy on AF_INET, whose ping and raw sockets behave
 * the same way and whose sockaddr_in has the layout of sockaddr_cnet.
 */
#ifndef PING_FAMILY
#define PING_FAMILY		AF_CUSTOM
#endif

/* A usage error prints the usage after the message. */
const struct tool this_tool = { .name = "cnet-ping", .usage = ping_usage };

struct ping {
	struct ping_opts o;

	/* Socket and destination. */
	int fd;
	bool recvttl;			/* IP_RECVTTL works */
	bool recverr;			/* IP_RECVERR works (ping sockets) */
	uint16_t ident;			/* raw sockets only */
	struct sockaddr_cnet dst;
	sigset_t waitmask;		/* signals during ppoll() */

	/* Packets. */
	uint8_t *outpack;		/* ICMP header + payload */
	uint8_t *inpack;
	size_t inlen;

	int64_t start;			/* first request, ns */
	int64_t last;			/* last request or reply, ns */
	struct ping_stats st;
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static int open_socket(struct ping *p)
{
	int one = 1;

	p->fd = socket(PING_FAMILY, p->o.raw ? SOCK_RAW : SOCK_DGRAM,
		       IPPROTO_ICMP);
	if (p->fd < 0) {
		if (errno == EAFNOSUPPORT)
			tool_error("AF_CUSTOM sockets unavailable: is the cnet module loaded?");
		else if (p->o.raw && (errno == EPERM || errno == EACCES))
			tool_error("raw socket: %s (need CAP_NET_RAW)",
				   strerror(errno));
		else
			tool_error("socket: %s", strerror(errno));
		return PING_EXIT_ERROR;
	}

	if (p->o.ttl >= 0 &&
	    setsockopt(p->fd, IPPROTO_IP, IP_TTL, &p->o.ttl,
		       sizeof(p->o.ttl)) < 0) {
		tool_error("cannot set TTL to %d: %s", p->o.ttl,
			   strerror(errno));
		return PING_EXIT_ERROR;
	}

	/* Raw replies carry their IPv4 header, TTL included. */
	if (!p->o.raw)
		p->recvttl = setsockopt(p->fd, IPPROTO_IP, IP_RECVTTL, &one,
					sizeof(one)) == 0;
	/* Ping sockets get ICMP errors on their error queue; raw see them. */
	if (!p->o.raw)
		p->recverr = setsockopt(p->fd, IPPROTO_IP, IP_RECVERR, &one,
					sizeof(one)) == 0;
	/* Receive timestamps, for rtt; without them we read the clock. */
	setsockopt(p->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
	p->ident = getpid() & 0xffff;
	return 0;
}

static int alloc_packets(struct ping *p)
{
	p->outpack = malloc(PING_ICMP_HDRLEN + p->o.datalen);
	p->inlen = PING_IP_MAXHDRLEN + PING_ICMP_HDRLEN + p->o.datalen + 256;
	p->inpack = malloc(p->inlen);
	if (!p->outpack || !p->inpack) {
		tool_error("out of memory");
		return PING_EXIT_ERROR;
	}
	return 0;
}

static void ping_send(struct ping *p, int64_t now)
{
	uint16_t seq = ping_stats_sent(&p->st);
	size_t len;
	ssize_t n;

	/*
	 * Wall-clock time, as SO_TIMESTAMPNS: rtt runs from the send to the
	 * packet's arrival, not to when we got to read it, as iputils does.
	 */
	len = ping_build_echo(p->outpack, &p->o, p->ident, seq, wall_ns());
	p->last = now;
	n = sendto(p->fd, p->outpack, len, 0, (struct sockaddr *)&p->dst,
		   sizeof(p->dst));
	if (n < 0) {
		p->st.nerrors++;
		tool_error("sendto: %s", strerror(errno));
	} else if ((size_t)n != len) {
		tool_error("wrote %s %zu chars, ret=%zd", p->o.dst_str, len, n);
	}
}

static void report_error(struct ping *p, const char *from,
			 const struct ping_error *e)
{
	p->st.nerrors++;
	if (!p->o.quiet)
		ping_print_error(stdout, from, e);
}

/*
 * An echo reply arrived from @from at wall-clock time @rx; @now is the
 * monotonic time it was read.
 */
static void handle_reply(struct ping *p, const struct ping_rx *rx,
			 const char *from, int64_t now, int64_t rx_ns)
{
	const struct icmphdr *icmp = (const struct icmphdr *)rx->icmp;
	struct ping_reply r = {
		.icmp = rx->icmp,
		.len = rx->len,
		.from = from,
		.ttl = rx->ttl,
		.rtt = ping_rtt(&p->o, rx->icmp, rx->len, rx_ns),
		.csfailed = rx->csfailed,
	};

	p->last = now;
	r.dup = ping_stats_reply(&p->st, ntohs(icmp->un.echo.sequence),
				 r.csfailed, r.rtt);
	if (!p->o.quiet)
		ping_print_reply(stdout, &p->o, &r);
}

/*
 * Read a ping socket's error queue (IP_RECVERR): each entry is an ICMP
 * error about one of our requests, whose header is the data, with a
 * sock_extended_err and the error's sender in an IP_RECVERR cmsg.
 */
static void ping_receive_errors(struct ping *p)
{
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(struct sock_extended_err) +
				     sizeof(struct sockaddr_cnet)) +
			  CMSG_SPACE(sizeof(struct timespec)) + 64];
		uint8_t data[PING_ICMP_HDRLEN];
		struct sockaddr_cnet to;
		struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
		struct msghdr msg = {
			.msg_name = &to,
			.msg_namelen = sizeof(to),
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = cbuf,
			.msg_controllen = sizeof(cbuf),
		};
		const struct sock_extended_err *ee = NULL;
		const struct sockaddr_cnet *offender;
		char from_str[INET_ADDRSTRLEN];
		const struct icmphdr *orig;
		struct ping_error e;
		struct cmsghdr *cmsg;
		ssize_t n;

		n = recvmsg(p->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
		if (n < 0)
			return;
		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg;
		     cmsg = CMSG_NXTHDR(&msg, cmsg))
			if (cmsg->cmsg_level == IPPROTO_IP &&
			    cmsg->cmsg_type == IP_RECVERR &&
			    cmsg->cmsg_len >= CMSG_LEN(sizeof(*ee) +
						       sizeof(*offender)))
				ee = (const struct sock_extended_err *)CMSG_DATA(cmsg);
		if (!ee || ee->ee_origin != SO_EE_ORIGIN_ICMP ||
		    (size_t)n < PING_ICMP_HDRLEN)
			continue;
		orig = (const struct icmphdr *)data;
		if (orig->type != ICMP_ECHO)
			continue;
		offender = (const struct sockaddr_cnet *)(ee + 1);
		inet_ntop(AF_INET, &offender->scn_addr, from_str,
			  sizeof(from_str));
		e.type = ee->ee_type;
		e.code = ee->ee_code;
		e.info = ee->ee_info;
		e.seq = ntohs(orig->un.echo.sequence);
		report_error(p, from_str, &e);
	}
}

/* Read everything queued on the socket. */
static void ping_receive(struct ping *p)
{
	for (;;) {
		char cbuf[CMSG_SPACE(sizeof(int)) +
			  CMSG_SPACE(sizeof(struct timespec)) + 64];
		struct sockaddr_cnet from;
		struct iovec iov = {
			.iov_base = p->inpack,
			.iov_len = p->inlen,
		};
		struct msghdr msg = {
			.msg_name = &from,
			.msg_namelen = sizeof(from),
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = cbuf,
			.msg_controllen = sizeof(cbuf),
		};
		char from_str[INET_ADDRSTRLEN];
		struct cmsghdr *cmsg;
		struct ping_error e;
		struct ping_rx rx;
		int64_t rx_ns = 0;
		int ttl = -1;
		ssize_t n;

		n = recvmsg(p->fd, &msg, MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR)
				return;
			/* the error of an error-queue entry: read them */
			if (p->recverr) {
				ping_receive_errors(p);
				continue;
			}
			p->st.nerrors++;
			tool_error("recvmsg: %s", strerror(errno));
			return;
		}

		for (cmsg = CMSG_FIRSTHDR(&msg); cmsg;
		     cmsg = CMSG_NXTHDR(&msg, cmsg)) {
			if (cmsg->cmsg_level == IPPROTO_IP &&
			    cmsg->cmsg_type == IP_TTL &&
			    cmsg->cmsg_len >= CMSG_LEN(sizeof(int)) &&
			    p->recvttl)
				memcpy(&ttl, CMSG_DATA(cmsg), sizeof(int));
			if (cmsg->cmsg_level == SOL_SOCKET &&
			    cmsg->cmsg_type == SCM_TIMESTAMPNS &&
			    cmsg->cmsg_len >= CMSG_LEN(sizeof(struct timespec))) {
				struct timespec ts;

				memcpy(&ts, CMSG_DATA(cmsg), sizeof(ts));
				rx_ns = timespec_ns(&ts);
			}
		}
		if (!rx_ns)
			rx_ns = wall_ns();

		if (msg.msg_namelen >= sizeof(from) &&
		    from.scn_family == PING_FAMILY)
			inet_ntop(AF_INET, &from.scn_addr, from_str,
				  sizeof(from_str));
		else
			snprintf(from_str, sizeof(from_str), "%s",
				 p->o.dst_str);

		switch (ping_parse_packet(&p->o, p->ident, p->inpack, n, &rx)) {
		case PING_PKT_REPLY:
			if (rx.ttl < 0)		/* ping socket: IP_RECVTTL's */
				rx.ttl = ttl;
			handle_reply(p, &rx, from_str, mono_ns(), rx_ns);
			break;
		case PING_PKT_ERROR:
			if (ping_parse_error(&p->o, p->ident, rx.icmp, rx.len,
					     &e))
				report_error(p, from_str, &e);
			break;
		case PING_PKT_IGNORE:
			break;
		}
	}
}

/* An error pending on the socket that recvmsg() did not report. */
static void collect_error(struct ping *p)
{
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || !err)
		return;
	p->st.nerrors++;
	tool_error("%s", strerror(err));
}

static int ping_loop(struct ping *p)
{
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	int64_t now, next_send, deadline = 0, wait;
	bool sending = true;
	struct timespec ts;

	p->start = mono_ns();
	next_send = p->start;
	while (!interrupted) {
		now = mono_ns();
		if (sending && now >= next_send) {
			ping_send(p, now);
			next_send += p->o.interval;
			if (next_send < now)	/* fell behind: don't burst */
				next_send = now;
			if (p->o.count && p->st.ntransmitted >= p->o.count) {
				sending = false;
				deadline = now + ping_linger(&p->o, &p->st);
			}
		}
		if (p->o.count && p->st.nreceived + p->st.nerrors >= p->o.count)
			break;
		if (!sending && now >= deadline)
			break;

		wait = (sending ? next_send : deadline) - now;
		if (wait < 0)
			wait = 0;
		ts.tv_sec = wait / NSEC_PER_SEC;
		ts.tv_nsec = wait % NSEC_PER_SEC;

		/* SIGINT is blocked except while we sleep here. */
		if (ppoll(&pfd, 1, &ts, &p->waitmask) < 0) {
			if (errno == EINTR)
				continue;
			tool_error("poll: %s", strerror(errno));
			return PING_EXIT_ERROR;
		}
		if (pfd.revents & POLLERR && p->recverr)
			ping_receive_errors(p);
		if (pfd.revents)
			ping_receive(p);
		if (pfd.revents & POLLERR && !p->recverr)
			collect_error(p);
	}
	return 0;
}

static int setup_signals(struct ping *p)
{
	struct sigaction sa = { .sa_handler = on_sigint };
	sigset_t block;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) < 0)
		return -1;
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	if (sigprocmask(SIG_BLOCK, &block, &p->waitmask) < 0)
		return -1;
	sigdelset(&p->waitmask, SIGINT);
	return 0;
}

int main(int argc, char **argv)
{
	struct ping *p;
	int ret;

	/* Big (the sequence bitmap): keep it off the stack. */
	p = calloc(1, sizeof(*p));
	if (!p) {
		tool_error("out of memory");
		return PING_EXIT_ERROR;
	}
	p->fd = -1;
	ping_stats_init(&p->st);

	setvbuf(stdout, NULL, _IOLBF, 0);

	ret = ping_parse_args(&p->o, argc, argv, stderr);
	if (ret) {
		if (ret < 0)		/* -h */
			ret = 0;
		goto out;
	}
	if (p->o.interval < PING_MIN_USER_INTERVAL && geteuid() != 0) {
		tool_error("cannot flood; minimal interval allowed for user is 200ms");
		ret = PING_EXIT_ERROR;
		goto out;
	}
	p->dst.scn_family = PING_FAMILY;
	p->dst.scn_addr = p->o.dst;

	ret = open_socket(p);
	if (ret)
		goto out;
	ret = alloc_packets(p);
	if (ret)
		goto out;
	if (setup_signals(p) < 0) {
		tool_error("signals: %s", strerror(errno));
		ret = PING_EXIT_ERROR;
		goto out;
	}

	ping_print_header(stdout, &p->o);
	ret = ping_loop(p);
	/* As iputils: the time up to the last packet sent or received. */
	ping_print_summary(stdout, &p->o, &p->st, p->last - p->start);
	if (!ret)
		ret = p->st.nreceived ? 0 : PING_EXIT_NOREPLY;

out:
	if (p->fd >= 0)
		close(p->fd);
	free(p->outpack);
	free(p->inpack);
	free(p);
	return ret;
}
