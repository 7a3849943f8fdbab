/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet-ping's pieces that need no socket: the command line, the echo
 * request, what a received packet is, the statistics, and the lines iputils
 * ping prints. tests/ping-test.c drives them offline.
 */
#ifndef CNET_TOOLS_PING_H
#define CNET_TOOLS_PING_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <netinet/in.h>

#include "util.h"

#define PING_IPHDR_LEN		20
#define PING_IP_MAXHDRLEN	60
#define PING_ICMP_HDRLEN	8
#define PING_DEF_DATALEN	56
#define PING_MAX_DATALEN	(65535 - PING_IPHDR_LEN - PING_ICMP_HDRLEN)
#define PING_DEF_LINGER		(10 * NSEC_PER_SEC)
#define PING_MIN_USER_INTERVAL	(200 * NSEC_PER_MSEC)
#define PING_MAX_SECONDS	(INT_MAX / 1000)	/* as iputils */

/* Exit statuses, iputils': not the other tools' EXIT_ERR. */
#define PING_EXIT_NOREPLY	1	/* no reply came back */
#define PING_EXIT_ERROR		2	/* any error, the command line's too */

_Static_assert(PING_EXIT_ERROR == EXIT_USAGE,
	       "a usage error is cnet-ping's error status");

struct ping_opts {
	long count;		/* -c; 0: until interrupted */
	int64_t interval;	/* -i, ns */
	int64_t linger;		/* -W, ns; -1: iputils' rule (ping_linger()) */
	size_t datalen;		/* -s */
	int ttl;		/* -t; -1: the kernel's default */
	bool quiet;		/* -q */
	bool raw;		/* -R */
	bool timing;		/* the payload has room for the send time */
	uint32_t dst;		/* be32 */
	char dst_str[INET_ADDRSTRLEN];
};

/*
 * Parse the command line into @o (defaults first). Returns 0, -1 after
 * printing the help for -h, or PING_EXIT_ERROR after printing the error
 * to @err (with the usage, for a usage error). Who may ask for an interval
 * below PING_MIN_USER_INTERVAL is for the caller to check.
 */
int ping_parse_args(struct ping_opts *o, int argc, char **argv, FILE *err);
void ping_usage(FILE *fp);

/* "PING A (A) 56(84) bytes of data." */
void ping_print_header(FILE *fp, const struct ping_opts *o);

/*
 * Build the echo request @seq in @buf (PING_ICMP_HDRLEN + datalen bytes):
 * the payload is the send time @wall (if o->timing) then the bytes 0x00,
 * 0x01, ... With -R the identifier @id (host order) and the checksum are
 * filled in; a ping socket does both itself. Returns the length.
 */
size_t ping_build_echo(uint8_t *buf, const struct ping_opts *o, uint16_t id,
		       uint16_t seq, int64_t wall);

/* What a packet read from the socket is. */
enum ping_pkt {
	PING_PKT_IGNORE,	/* not for us, or too short */
	PING_PKT_REPLY,		/* an echo reply */
	PING_PKT_ERROR,		/* -R: an ICMP error, see ping_parse_error() */
};

/* The ICMP message in a packet. */
struct ping_rx {
	const uint8_t *icmp;
	size_t len;
	int ttl;		/* -R: the IPv4 header's; else -1 */
	bool csfailed;		/* -R: the checksum is wrong */
};

/*
 * Classify @pkt, @len bytes as the socket returned them: from the IPv4
 * header on for a raw socket (-R, where only echo replies carrying the
 * identifier @id count), the ICMP message alone for a ping socket.
 */
enum ping_pkt ping_parse_packet(const struct ping_opts *o, uint16_t id,
				const uint8_t *pkt, size_t len,
				struct ping_rx *rx);

/* An ICMP error about one of our echo requests. */
struct ping_error {
	uint8_t type;
	uint8_t code;
	uint32_t info;		/* the pointer of a parameter problem, or MTU */
	uint16_t seq;		/* the request's sequence number */
};

/*
 * Does the ICMP error @icmp (@len bytes) quote an echo request of ours
 * (to o->dst, identifier @id)? Fills @e if it does.
 */
bool ping_parse_error(const struct ping_opts *o, uint16_t id,
		      const uint8_t *icmp, size_t len, struct ping_error *e);

/* "From A icmp_seq=N Destination Host Unreachable", as iputils. */
void ping_print_error(FILE *fp, const char *from, const struct ping_error *e);

/* Counters and round trips (microseconds). */
struct ping_stats {
	long ntransmitted;
	long nreceived;
	long nrepeats;		/* duplicates */
	long nchecksum;		/* replies with a bad checksum */
	long nerrors;		/* ICMP and send errors */
	long ntimed;		/* rtt samples: replies and duplicates */
	long long tmin, tmax, tsum, tsum2;
	uint8_t rcvd[65536 / 8];	/* sequence numbers answered */
};

void ping_stats_init(struct ping_stats *s);

/* A request is going out: count it; returns its sequence number. */
uint16_t ping_stats_sent(struct ping_stats *s);

/*
 * The round trip of the reply @icmp (@len bytes) received at wall-clock
 * time @rx_ns, from the send time it echoes; -1 if it carries none.
 */
long long ping_rtt(const struct ping_opts *o, const uint8_t *icmp,
		   size_t len, int64_t rx_ns);

/*
 * Count the reply @seq, and its round trip @rtt unless -1; a reply with a
 * bad checksum counts only as that. Returns true for a duplicate.
 */
bool ping_stats_reply(struct ping_stats *s, uint16_t seq, bool csfailed,
		      long long rtt);

/* rtt min/avg/max/mdev in microseconds, as iputils computes them. */
struct ping_rtt_summary {
	long long min, avg, max, mdev;
};

/* False without samples (nothing received, or no timestamps). */
bool ping_rtt_summary(const struct ping_stats *s, struct ping_rtt_summary *r);

/*
 * How long to wait for replies once the last request is out: -W, or
 * iputils' rule: 10 s without replies, else twice the longest round trip
 * but at least the interval. In ns.
 */
int64_t ping_linger(const struct ping_opts *o, const struct ping_stats *s);

/* A reply, as ping_print_reply() prints it. */
struct ping_reply {
	const uint8_t *icmp;	/* the ICMP message */
	size_t len;
	const char *from;
	int ttl;		/* -1: unknown */
	long long rtt;		/* us; -1: none */
	bool dup;
	bool csfailed;
};

/*
 * "64 bytes from A: icmp_seq=1 ttl=64 time=0.045 ms", with "(DUP!)",
 * "(BAD CHECKSUM!)", "(truncated)" and a payload that differs from what
 * was sent, as iputils prints them.
 */
void ping_print_reply(FILE *fp, const struct ping_opts *o,
		      const struct ping_reply *r);

/*
 * " time=0.045 ms", as iputils rounds it: 3 decimals below 1 ms, 2 below
 * 10 ms, 1 below 100 ms, none above.
 */
void ping_print_time(FILE *fp, long long us);

/*
 * The closing lines: "--- A ping statistics ---", the counts, loss and
 * @elapsed_ns (first request to the last packet), and the rtt line.
 */
void ping_print_summary(FILE *fp, const struct ping_opts *o,
			const struct ping_stats *s, int64_t elapsed_ns);

#endif /* CNET_TOOLS_PING_H */
