/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet-traceroute's pieces that need no socket: the command line, the probe
 * packets, matching an ICMP message to the probe in flight, and printing a
 * hop as traceroute(8) does. tests/trace-test.c drives them offline.
 */
#ifndef CNET_TOOLS_TRACE_H
#define CNET_TOOLS_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "inet.h"
#include "util.h"

#define TRACE_IPHDR_LEN		20
#define TRACE_L4HDR_LEN		8	/* UDP and ICMP echo headers */
#define TRACE_HDR_LEN		(TRACE_IPHDR_LEN + TRACE_L4HDR_LEN)
#define TRACE_DEF_PACKETLEN	60
#define TRACE_MAX_PACKETLEN	65000
#define TRACE_MAX_TTL		255
#define TRACE_MAX_QUERIES	10

struct trace_opts {
	bool icmp;		/* -I: echo requests instead of UDP */
	bool numeric;		/* -n */
	unsigned int nqueries;	/* -q */
	unsigned int max_ttl;	/* -m */
	unsigned int first_ttl;	/* -f */
	double wait;		/* -w, seconds */
	unsigned int port;	/* -p: UDP base port, or first echo seq */
	bool port_set;
	const char *host;	/* as given */
	uint32_t dst;		/* be32 */
	size_t datalen;		/* bytes after the UDP / ICMP header */
};

/*
 * Parse the command line into @o (defaults first). Returns 0, -1 after
 * printing the help for -h, or EXIT_USAGE after printing the error to
 * @err.
 */
int trace_parse_args(struct trace_opts *o, int argc, char **argv,
		     FILE *err);
void trace_usage(FILE *fp);

/*
 * How long to wait for one answer, in nanoseconds: -w, bounded so that a
 * huge WAIT (traceroute(8) accepts any) cannot overflow a deadline.
 */
int64_t trace_wait_ns(const struct trace_opts *o);

/* The first line: "traceroute to H (A), 30 hops max, 60 byte packets". */
void trace_print_header(FILE *fp, const struct trace_opts *o);

/*
 * Build a probe in @buf (TRACE_L4HDR_LEN + datalen bytes): a UDP header
 * with checksum 0, or an ICMP echo request with its checksum. Returns its
 * length.
 */
size_t trace_build_udp(uint8_t *buf, size_t datalen, uint16_t sport,
		       uint16_t dport);
size_t trace_build_echo(uint8_t *buf, size_t datalen, uint16_t id,
			uint16_t seq);

/* The probe in flight, in host byte order except @dst. */
struct trace_probe {
	bool icmp;
	uint32_t dst;		/* be32 */
	uint16_t id;		/* UDP source port, or echo identifier */
	uint16_t key;		/* UDP destination port, or echo sequence */
};

/* What an answer to a probe says. */
struct trace_answer {
	uint32_t from;		/* be32: who answered */
	bool final;		/* the trace ends at this hop */
	char note[16];		/* "!H", "!N", ... or "" */
};

/*
 * Does @pkt (@len bytes from the IPv4 header on, as a raw ICMP socket
 * returns it) answer @p? Returns true and fills @a if it does: a time
 * exceeded or destination unreachable quoting the probe, or (-I) the echo
 * reply. Every length is checked; anything else returns false.
 */
bool trace_match(const struct trace_probe *p, const uint8_t *pkt,
		 size_t len, struct trace_answer *a);

/* One hop's line, printed as its probes finish. */
struct trace_hop {
	bool answered;		/* some probe of this hop was answered */
	uint32_t last;		/* be32: the last address printed */
};

void trace_hop_start(FILE *fp, struct trace_hop *h, unsigned int ttl);
/* A probe: @a NULL when it timed out; @rtt_ms its round trip. */
void trace_hop_probe(FILE *fp, struct trace_hop *h, bool numeric,
		     const struct trace_answer *a, double rtt_ms);
void trace_hop_end(FILE *fp);

#endif /* CNET_TOOLS_TRACE_H */
