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
 * Exit status: 0 if a reply came back, 1 if none did, 2 on error.
 */
#define _GNU_SOURCE		/* ppoll() */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>
#include <linux/errqueue.h>

#include "inet.h"
#include "util.h"

/*
 * The self-test builds a copy on AF_INET, whose ping and raw sockets behave
 * the same way and whose sockaddr_in has the layout of sockaddr_cnet.
 */
#ifndef PING_FAMILY
#define PING_FAMILY		AF_CUSTOM
#endif

#define ICMP_HDRLEN		8
#define IP_MAXHDRLEN		60
#define DEFAULT_DATALEN		56
#define MAX_DATALEN		(65535 - sizeof(struct iphdr) - ICMP_HDRLEN)
#define DEFAULT_LINGER		(10 * NSEC_PER_SEC)
#define MIN_USER_INTERVAL	(200 * NSEC_PER_MSEC)
#define MAX_SECONDS		(INT_MAX / 1000)	/* as iputils */

#define EXIT_NOREPLY		1
#define EXIT_ERROR		2

struct ping {
	/* Options. */
	long count;			/* 0: until interrupted */
	int64_t interval;		/* ns */
	int64_t linger;			/* ns; -1: iputils' rule */
	size_t datalen;
	int ttl;			/* -1: the kernel's default */
	bool quiet;
	bool raw;

	/* Socket and destination. */
	int fd;
	bool recvttl;			/* IP_RECVTTL works */
	bool recverr;			/* IP_RECVERR works (ping sockets) */
	uint16_t ident;			/* raw sockets only */
	struct sockaddr_cnet dst;
	char dst_str[INET_ADDRSTRLEN];
	sigset_t waitmask;		/* signals during ppoll() */

	/* Packets. */
	bool timing;			/* payload holds a timestamp */
	uint8_t *outpack;		/* ICMP header + payload template */
	uint8_t *inpack;
	size_t inlen;
	uint8_t rcvd[65536 / 8];	/* sequence numbers answered */

	/* Statistics; rtts in microseconds. */
	int64_t start;			/* first request, ns */
	int64_t last;			/* last request or reply, ns */
	long ntransmitted, nreceived, nrepeats, nchecksum, nerrors;
	long ntimed;			/* rtt samples */
	long long tmin, tmax, tsum, tsum2;
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void usage(FILE *fp);

/* A usage error prints the usage after the message. */
const struct tool this_tool = { .name = "cnet-ping", .usage = usage };

static void usage(FILE *fp)
{
	fputs("Usage: cnet-ping [-qR] [-c COUNT] [-i INTERVAL] [-W TIMEOUT] [-s SIZE]\n"
	      "                 [-t TTL] DESTINATION\n"
	      "\n"
	      "  DESTINATION   IPv4 address, dotted quad\n"
	      "  -c COUNT      stop after sending COUNT requests\n"
	      "  -i INTERVAL   seconds between requests (default 1; below 0.2 root only)\n"
	      "  -W TIMEOUT    seconds to wait for replies after the last request (default:\n"
	      "                10, or once replies came, 2 x max rtt but at least INTERVAL)\n"
	      "  -s SIZE       payload bytes (default 56)\n"
	      "  -t TTL        IP time to live\n"
	      "  -q            quiet: only the first line and the summary\n"
	      "  -R            use a raw socket instead of an ICMP socket\n"
	      "  -h            this help\n", fp);
}

/* Returns 0, an exit status after an error, or -1 after -h. */
static int parse_args(struct ping *p, int argc, char **argv)
{
	unsigned long long v;
	int64_t ns;
	int opt;

	opterr = 0;
	while ((opt = getopt(argc, argv, ":c:i:W:s:t:qRh")) != -1) {
		switch (opt) {
		case 'c':
			if (!parse_decimal(optarg, 1, LONG_MAX, &v))
				return tool_usage_error("invalid count \"%s\" (a positive integer)",
							optarg);
			p->count = v;
			break;
		case 'i':
			if (!parse_seconds_ns(optarg, 0, MAX_SECONDS, &ns))
				return tool_usage_error("invalid interval \"%s\" (seconds)",
							optarg);
			p->interval = ns;
			break;
		case 'W':
			if (!parse_seconds_ns(optarg, 0.001, MAX_SECONDS, &ns))
				return tool_usage_error("invalid timeout \"%s\" (seconds, at least 0.001)",
							optarg);
			p->linger = ns;
			break;
		case 's':
			if (!parse_decimal(optarg, 0, MAX_DATALEN, &v))
				return tool_usage_error("invalid packet size \"%s\" (0-65507)",
							optarg);
			p->datalen = v;
			break;
		case 't':
			if (!parse_decimal(optarg, 0, 255, &v))
				return tool_usage_error("invalid TTL \"%s\" (0-255)",
							optarg);
			p->ttl = v;
			break;
		case 'q':
			p->quiet = true;
			break;
		case 'R':
			p->raw = true;
			break;
		case 'h':
			usage(stdout);
			return -1;
		case ':':
			return tool_usage_error("option \"-%c\" needs an argument",
						optopt);
		default:
			return tool_usage_error("invalid option \"-%c\"", optopt);
		}
	}

	if (optind >= argc)
		return tool_usage_error("missing destination");
	if (optind + 1 < argc)
		return tool_usage_error("unexpected argument \"%s\"",
					argv[optind + 1]);

	memset(&p->dst, 0, sizeof(p->dst));
	p->dst.scn_family = PING_FAMILY;
	if (inet_pton(AF_INET, argv[optind], &p->dst.scn_addr) != 1) {
		tool_error("invalid destination \"%s\" (an IPv4 address, A.B.C.D)",
			   argv[optind]);
		return EXIT_ERROR;
	}
	inet_ntop(AF_INET, &p->dst.scn_addr, p->dst_str, sizeof(p->dst_str));

	if (p->interval < MIN_USER_INTERVAL && geteuid() != 0) {
		tool_error("cannot flood; minimal interval allowed for user is 200ms");
		return EXIT_ERROR;
	}
	return 0;
}

static int open_socket(struct ping *p)
{
	int one = 1;

	p->fd = socket(PING_FAMILY, p->raw ? SOCK_RAW : SOCK_DGRAM, IPPROTO_ICMP);
	if (p->fd < 0) {
		if (errno == EAFNOSUPPORT)
			tool_error("AF_CUSTOM sockets unavailable: is the cnet module loaded?");
		else if (p->raw && (errno == EPERM || errno == EACCES))
			tool_error("raw socket: %s (need CAP_NET_RAW)",
				   strerror(errno));
		else
			tool_error("socket: %s", strerror(errno));
		return EXIT_ERROR;
	}

	if (p->ttl >= 0 &&
	    setsockopt(p->fd, IPPROTO_IP, IP_TTL, &p->ttl, sizeof(p->ttl)) < 0) {
		tool_error("cannot set TTL to %d: %s", p->ttl, strerror(errno));
		return EXIT_ERROR;
	}

	/* Raw replies carry their IPv4 header, TTL included. */
	if (!p->raw)
		p->recvttl = setsockopt(p->fd, IPPROTO_IP, IP_RECVTTL, &one,
					sizeof(one)) == 0;
	/* Ping sockets get ICMP errors on their error queue; raw see them. */
	if (!p->raw)
		p->recverr = setsockopt(p->fd, IPPROTO_IP, IP_RECVERR, &one,
					sizeof(one)) == 0;
	/* Receive timestamps, for rtt; without them we read the clock. */
	setsockopt(p->fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(one));
	p->ident = getpid() & 0xffff;
	return 0;
}

static int alloc_packets(struct ping *p)
{
	size_t i;

	p->timing = p->datalen >= sizeof(struct timeval);
	p->outpack = malloc(ICMP_HDRLEN + p->datalen);
	p->inlen = IP_MAXHDRLEN + ICMP_HDRLEN + p->datalen + 256;
	p->inpack = malloc(p->inlen);
	if (!p->outpack || !p->inpack) {
		tool_error("out of memory");
		return EXIT_ERROR;
	}
	memset(p->outpack, 0, ICMP_HDRLEN);
	for (i = 0; i < p->datalen; i++)
		p->outpack[ICMP_HDRLEN + i] = i & 0xff;
	return 0;
}

static bool seq_test_and_set(struct ping *p, uint16_t seq)
{
	bool was = p->rcvd[seq / 8] & (1 << (seq % 8));

	p->rcvd[seq / 8] |= 1 << (seq % 8);
	return was;
}

static void seq_clear(struct ping *p, uint16_t seq)
{
	p->rcvd[seq / 8] &= ~(1 << (seq % 8));
}

static void ping_send(struct ping *p, int64_t now)
{
	struct icmphdr *icmp = (struct icmphdr *)p->outpack;
	size_t len = ICMP_HDRLEN + p->datalen;
	uint16_t seq = (uint16_t)(p->ntransmitted + 1);
	ssize_t n;

	icmp->type = ICMP_ECHO;
	icmp->code = 0;
	icmp->checksum = 0;
	icmp->un.echo.id = p->raw ? htons(p->ident) : 0;	/* DGRAM: kernel's */
	icmp->un.echo.sequence = htons(seq);
	seq_clear(p, seq);

	if (p->timing) {
		int64_t wall = wall_ns();
		struct timeval tv = {
			.tv_sec = wall / NSEC_PER_SEC,
			.tv_usec = (wall % NSEC_PER_SEC) / NSEC_PER_USEC,
		};

		memcpy(p->outpack + ICMP_HDRLEN, &tv, sizeof(tv));
	}
	if (p->raw)
		icmp->checksum = inet_cksum(p->outpack, len);

	p->ntransmitted++;
	p->last = now;
	n = sendto(p->fd, p->outpack, len, 0, (struct sockaddr *)&p->dst,
		   sizeof(p->dst));
	if (n < 0) {
		p->nerrors++;
		tool_error("sendto: %s", strerror(errno));
	} else if ((size_t)n != len) {
		tool_error("wrote %s %zu chars, ret=%zd", p->dst_str, len, n);
	}
}

/* iputils' rtt format: 3 significant decimals up to 1 s, fewer above. */
static void print_time(long long us)
{
	if (us >= 100000 - 50)
		printf(" time=%lld ms", (us + 500) / 1000);
	else if (us >= 10000 - 5)
		printf(" time=%lld.%01lld ms", (us + 50) / 1000,
		       ((us + 50) % 1000) / 100);
	else if (us >= 1000)
		printf(" time=%lld.%02lld ms", (us + 5) / 1000,
		       ((us + 5) % 1000) / 10);
	else
		printf(" time=%lld.%03lld ms", us / 1000, us % 1000);
}

/* Compare the echoed payload with what we sent; complain as iputils. */
static void check_data(struct ping *p, const uint8_t *data)
{
	size_t start = p->timing ? sizeof(struct timeval) : 0;
	size_t i;

	for (i = start; i < p->datalen; i++) {
		if (data[i] == p->outpack[ICMP_HDRLEN + i])
			continue;
		printf("\nwrong data byte #%zu should be 0x%x but was 0x%x", i,
		       p->outpack[ICMP_HDRLEN + i], data[i]);
		for (i = start; i < p->datalen; i++) {
			if (i % 32 == start % 32)
				printf("\n#%zu\t", i);
			printf("%x ", data[i]);
		}
		return;
	}
}

/*
 * An echo reply (@icmp, @cc bytes of ICMP) arrived from @from at wall-clock
 * time @rx; @now is the monotonic time it was read.
 */
static void handle_reply(struct ping *p, const uint8_t *icmp, size_t cc,
			 const char *from, int ttl, bool csfailed, int64_t now,
			 int64_t rx)
{
	const struct icmphdr *hdr = (const struct icmphdr *)icmp;
	uint16_t seq = ntohs(hdr->un.echo.sequence);
	long long rtt = -1;
	bool dup;

	p->last = now;
	if (csfailed) {
		p->nchecksum++;
		dup = false;
	} else {
		dup = seq_test_and_set(p, seq);
		if (dup)
			p->nrepeats++;
		else
			p->nreceived++;
	}

	if (p->timing && cc >= ICMP_HDRLEN + sizeof(struct timeval)) {
		struct timeval tv;

		memcpy(&tv, icmp + ICMP_HDRLEN, sizeof(tv));
		rtt = (rx / NSEC_PER_USEC) -
		      ((long long)tv.tv_sec * 1000000 + tv.tv_usec);
		if (rtt < 0)
			rtt = 0;
		if (!csfailed) {
			p->ntimed++;
			p->tsum += rtt;
			p->tsum2 += rtt * rtt;
			if (rtt < p->tmin)
				p->tmin = rtt;
			if (rtt > p->tmax)
				p->tmax = rtt;
		}
	}

	if (p->quiet)
		return;

	printf("%zu bytes from %s: icmp_seq=%u", cc, from, seq);
	if (ttl >= 0)
		printf(" ttl=%d", ttl);
	if (cc < ICMP_HDRLEN + p->datalen) {
		printf(" (truncated)\n");
		return;
	}
	if (rtt >= 0)
		print_time(rtt);
	if (dup)
		printf(" (DUP!)");
	if (csfailed)
		printf(" (BAD CHECKSUM!)");
	check_data(p, icmp + ICMP_HDRLEN);
	putchar('\n');
}

/*
 * Print an ICMP error about our echo request @seq as iputils does,
 * "From GATEWAY icmp_seq=N Destination Host Unreachable". @info is the
 * next-hop MTU for "fragmentation needed".
 */
static void print_icmp_error(struct ping *p, const char *from, uint8_t type,
			     uint8_t code, uint32_t info, uint16_t seq)
{
	static const char *const unreach[] = {
		"Destination Net Unreachable",
		"Destination Host Unreachable",
		"Destination Protocol Unreachable",
		"Destination Port Unreachable",
		"Frag needed and DF set",
		"Source Route Failed",
		"Destination Net Unknown",
		"Destination Host Unknown",
		"Source Host Isolated",
		"Destination Net Prohibited",
		"Destination Host Prohibited",
		"Destination Net Unreachable for Type of Service",
		"Destination Host Unreachable for Type of Service",
		"Packet filtered",
		"Precedence Violation",
		"Precedence Cutoff",
	};

	p->nerrors++;
	if (p->quiet)
		return;
	printf("From %s icmp_seq=%u ", from, seq);
	if (type == ICMP_TIME_EXCEEDED)
		printf(code ? "Frag reassembly time exceeded\n" :
			      "Time to live exceeded\n");
	else if (type == ICMP_PARAMETERPROB)
		printf("Parameter problem: pointer = %u\n", info);
	else if (type != ICMP_DEST_UNREACH)
		printf("Bad ICMP type: %d\n", type);
	else if (code == ICMP_FRAG_NEEDED)
		printf("%s (mtu = %u)\n", unreach[code], info);
	else if (code < ARRAY_SIZE(unreach))
		printf("%s\n", unreach[code]);
	else
		printf("Dest Unreachable, Bad Code: %d\n", code);
}

/*
 * Raw sockets see ICMP errors too: report those about our echo requests.
 */
static void handle_icmp_error(struct ping *p, const uint8_t *icmp, size_t cc,
			      const char *from)
{
	const struct icmphdr *hdr = (const struct icmphdr *)icmp;
	const struct iphdr *ip = (const struct iphdr *)(icmp + ICMP_HDRLEN);
	const struct icmphdr *orig;
	size_t ihl;

	if (cc < ICMP_HDRLEN + sizeof(*ip))
		return;
	ihl = ip->ihl * 4;
	if (ihl < sizeof(*ip) || cc < ICMP_HDRLEN + ihl + ICMP_HDRLEN ||
	    ip->protocol != IPPROTO_ICMP || ip->daddr != p->dst.scn_addr)
		return;
	orig = (const struct icmphdr *)(icmp + ICMP_HDRLEN + ihl);
	if (orig->type != ICMP_ECHO || ntohs(orig->un.echo.id) != p->ident)
		return;
	print_icmp_error(p, from, hdr->type, hdr->code,
			 hdr->type == ICMP_PARAMETERPROB ?
			 ntohl(hdr->un.gateway) >> 24 : ntohs(hdr->un.frag.mtu),
			 ntohs(orig->un.echo.sequence));
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
		uint8_t data[ICMP_HDRLEN];
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
		    (size_t)n < ICMP_HDRLEN)
			continue;
		orig = (const struct icmphdr *)data;
		if (orig->type != ICMP_ECHO)
			continue;
		offender = (const struct sockaddr_cnet *)(ee + 1);
		inet_ntop(AF_INET, &offender->scn_addr, from_str,
			  sizeof(from_str));
		print_icmp_error(p, from_str, ee->ee_type, ee->ee_code,
				 ee->ee_info, ntohs(orig->un.echo.sequence));
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
		const struct icmphdr *icmp;
		struct cmsghdr *cmsg;
		const uint8_t *pkt = p->inpack;
		bool csfailed = false;
		int64_t rx = 0;
		int ttl = -1;
		ssize_t n;
		size_t cc;

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
			p->nerrors++;
			tool_error("recvmsg: %s", strerror(errno));
			return;
		}
		cc = n;

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
				rx = ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
			}
		}
		if (!rx)
			rx = wall_ns();

		if (msg.msg_namelen >= sizeof(from) &&
		    from.scn_family == PING_FAMILY)
			inet_ntop(AF_INET, &from.scn_addr, from_str,
				  sizeof(from_str));
		else
			snprintf(from_str, sizeof(from_str), "%s", p->dst_str);

		if (p->raw) {
			const struct iphdr *ip = (const struct iphdr *)pkt;
			size_t ihl;

			if (cc < sizeof(*ip))
				continue;
			ihl = ip->ihl * 4;
			if (ihl < sizeof(*ip) || cc < ihl)
				continue;
			ttl = ip->ttl;
			pkt += ihl;
			cc -= ihl;
		}
		if (cc < ICMP_HDRLEN)
			continue;
		icmp = (const struct icmphdr *)pkt;

		if (p->raw) {
			if (icmp->type == ICMP_DEST_UNREACH ||
			    icmp->type == ICMP_TIME_EXCEEDED) {
				handle_icmp_error(p, pkt, cc, from_str);
				continue;
			}
			if (icmp->type != ICMP_ECHOREPLY ||
			    ntohs(icmp->un.echo.id) != p->ident)
				continue;
			csfailed = inet_cksum(pkt, cc) != 0;
		} else if (icmp->type != ICMP_ECHOREPLY) {
			continue;
		}

		handle_reply(p, pkt, cc, from_str, ttl, csfailed, mono_ns(), rx);
	}
}

/* An error pending on the socket that recvmsg() did not report. */
static void collect_error(struct ping *p)
{
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(p->fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || !err)
		return;
	p->nerrors++;
	tool_error("%s", strerror(err));
}

/* How long to wait for replies once the last request is out (iputils). */
static int64_t linger_time(const struct ping *p)
{
	int64_t t;

	if (p->linger >= 0)
		return p->linger;
	if (!p->nreceived)
		return DEFAULT_LINGER;
	t = 2 * p->tmax * NSEC_PER_USEC;
	return t > p->interval ? t : p->interval;
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
			next_send += p->interval;
			if (next_send < now)	/* fell behind: don't burst */
				next_send = now;
			if (p->count && p->ntransmitted >= p->count) {
				sending = false;
				deadline = now + linger_time(p);
			}
		}
		if (p->count && p->nreceived + p->nerrors >= p->count)
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
			return EXIT_ERROR;
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

static long long llsqrt(long long a)
{
	long long prev = LLONG_MAX;
	long long x = a;

	if (x > 0) {
		while (x < prev) {
			prev = x;
			x = (x + (a / x)) / 2;
		}
	}
	return x;
}

static void ping_finish(struct ping *p)
{
	/* As iputils: up to the last packet sent or received. */
	long long elapsed = (p->last - p->start) / NSEC_PER_USEC;

	putchar('\n');
	printf("--- %s ping statistics ---\n", p->dst_str);
	printf("%ld packets transmitted, %ld received", p->ntransmitted,
	       p->nreceived);
	if (p->nrepeats)
		printf(", +%ld duplicates", p->nrepeats);
	if (p->nchecksum)
		printf(", +%ld corrupted", p->nchecksum);
	if (p->nerrors)
		printf(", +%ld errors", p->nerrors);
	if (p->ntransmitted) {
		printf(", %g%% packet loss",
		       (float)((p->ntransmitted - p->nreceived) * 100.0 /
			       p->ntransmitted));
		printf(", time %lldms", (elapsed + 500) / 1000);
	}
	putchar('\n');

	if (p->nreceived && p->ntimed) {
		long long total = p->ntimed;	/* iputils: received + dups */
		long long avg = p->tsum / total;
		long long var, mdev;

		/* iputils' order of operations, for small times. */
		if (p->tsum < INT_MAX)
			var = (p->tsum2 - (p->tsum * p->tsum) / total) / total;
		else
			var = p->tsum2 / total - avg * avg;
		mdev = llsqrt(var);

		printf("rtt min/avg/max/mdev = %lld.%03lld/%lld.%03lld/%lld.%03lld/%lld.%03lld ms\n",
		       p->tmin / 1000, p->tmin % 1000, avg / 1000, avg % 1000,
		       p->tmax / 1000, p->tmax % 1000, mdev / 1000, mdev % 1000);
	}
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
		return EXIT_ERROR;
	}
	p->fd = -1;
	p->interval = NSEC_PER_SEC;
	p->linger = -1;
	p->datalen = DEFAULT_DATALEN;
	p->ttl = -1;
	p->tmin = LLONG_MAX;

	setvbuf(stdout, NULL, _IOLBF, 0);

	ret = parse_args(p, argc, argv);
	if (ret) {
		if (ret < 0)		/* -h */
			ret = 0;
		goto out;
	}
	ret = open_socket(p);
	if (ret)
		goto out;
	ret = alloc_packets(p);
	if (ret)
		goto out;
	if (setup_signals(p) < 0) {
		tool_error("signals: %s", strerror(errno));
		ret = EXIT_ERROR;
		goto out;
	}

	printf("PING %s (%s) %zu(%zu) bytes of data.\n", p->dst_str,
	       p->dst_str, p->datalen,
	       p->datalen + ICMP_HDRLEN + sizeof(struct iphdr));
	ret = ping_loop(p);
	ping_finish(p);
	if (!ret)
		ret = p->nreceived ? 0 : EXIT_NOREPLY;

out:
	if (p->fd >= 0)
		close(p->fd);
	free(p->outpack);
	free(p->inpack);
	free(p);
	return ret;
}
