// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-traceroute: command line, probes, reply matching and hop printing
 * (see trace.h). No sockets here.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <string.h>

#include "trace.h"

/* ICMP types and codes, RFC 792 and RFC 1812. */
#define ICMP_T_ECHOREPLY	0
#define ICMP_T_UNREACH		3
#define ICMP_T_ECHO		8
#define ICMP_T_TIMXCEED		11

#define IPPROTO_ICMP_NR		1
#define IPPROTO_UDP_NR		17

void trace_usage(FILE *fp)
{
	fputs("Usage: cnet-traceroute [-In] [-q NQUERIES] [-w WAIT] [-m MAX_TTL] [-f FIRST_TTL]\n"
	      "                       [-p PORT] HOST [PACKETLEN]\n"
	      "\n"
	      "  HOST          IPv4 address, dotted quad (names are not resolved)\n"
	      "  PACKETLEN     full packet length, IPv4 header included (default 60)\n"
	      "  -I            ICMP echo requests instead of UDP datagrams\n"
	      "  -n            print addresses only\n"
	      "  -q NQUERIES   probes per hop (default 3, at most 10)\n"
	      "  -w WAIT       seconds to wait for each answer (default 5; decimals allowed)\n"
	      "  -m MAX_TTL    last hop to probe (default 30, at most 255)\n"
	      "  -f FIRST_TTL  first hop to probe (default 1)\n"
	      "  -p PORT       UDP: first destination port, one more per probe (default\n"
	      "                33434); -I: first echo sequence number (default 1)\n"
	      "  -h            this help\n", fp);
}

/* A day is "forever" for one probe and keeps now + wait far from INT64_MAX. */
#define TRACE_MAX_WAIT_NS	(86400 * NSEC_PER_SEC)

int64_t trace_wait_ns(const struct trace_opts *o)
{
	if (o->wait * NSEC_PER_SEC >= (double)TRACE_MAX_WAIT_NS)
		return TRACE_MAX_WAIT_NS;
	return (int64_t)(o->wait * NSEC_PER_SEC);
}

int trace_parse_args(struct trace_opts *o, int argc, char **argv, FILE *err)
{
	unsigned int packetlen = TRACE_DEF_PACKETLEN;
	unsigned long long v;
	struct in_addr in;
	int opt;

	memset(o, 0, sizeof(*o));
	o->nqueries = 3;
	o->max_ttl = 30;
	o->first_ttl = 1;
	o->wait = 5;
	o->port = 33434;

	optind = 0;		/* glibc: start over (the self-test calls us) */
	opterr = 0;
	while ((opt = getopt(argc, argv, ":Inq:w:m:f:p:h")) != -1) {
		switch (opt) {
		case 'I':
			o->icmp = true;
			break;
		case 'n':
			o->numeric = true;
			break;
		case 'q':
			if (!parse_decimal(optarg, 0, 1000, &v))
				return tool_fusage_error(err, "invalid number of probes \"%s\"",
							 optarg);
			o->nqueries = v;
			break;
		case 'w':
			if (strlen(optarg) > 12 ||
			    !parse_seconds(optarg, &o->wait))
				return tool_fusage_error(err, "bad wait specifications `%s' used",
							 optarg);
			break;
		case 'm':
			if (!parse_decimal(optarg, 0, 100000, &v))
				return tool_fusage_error(err, "invalid max hops \"%s\"",
							 optarg);
			o->max_ttl = v;
			break;
		case 'f':
			if (!parse_decimal(optarg, 0, 100000, &v))
				return tool_fusage_error(err, "invalid first hop \"%s\"",
							 optarg);
			o->first_ttl = v;
			break;
		case 'p':
			if (!parse_decimal(optarg, 0, 65535, &v))
				return tool_fusage_error(err, "invalid port \"%s\" (0-65535)",
							 optarg);
			o->port = v;
			o->port_set = true;
			break;
		case 'h':
			trace_usage(stdout);
			return -1;
		case ':':
			return tool_fusage_error(err, "option \"-%c\" needs an argument",
						 optopt);
		default:
			return tool_fusage_error(err, "invalid option \"-%c\"",
						 optopt);
		}
	}

	if (optind >= argc) {
		trace_usage(err);
		return EXIT_USAGE;
	}
	o->host = argv[optind++];
	if (optind < argc) {
		if (!parse_decimal(argv[optind], 0, 1000000, &v))
			return tool_fusage_error(err, "invalid packet length \"%s\"",
						 argv[optind]);
		packetlen = v;
		optind++;
	}
	if (optind < argc)
		return tool_fusage_error(err, "unexpected argument \"%s\"",
					 argv[optind]);

	if (inet_pton(AF_INET, o->host, &in) != 1)
		return tool_fusage_error(err, "%s: not an IPv4 address (A.B.C.D; names are not resolved)",
					 o->host);
	o->dst = in.s_addr;

	/* traceroute's checks, in its order and words. */
	if (!o->first_ttl || o->first_ttl > o->max_ttl)
		return tool_fusage_error(err, "first hop out of range");
	if (o->max_ttl > TRACE_MAX_TTL)
		return tool_fusage_error(err, "max hops cannot be more than %u",
					 TRACE_MAX_TTL);
	if (!o->nqueries || o->nqueries > TRACE_MAX_QUERIES)
		return tool_fusage_error(err, "no more than %u probes per hop",
					 TRACE_MAX_QUERIES);
	if (packetlen > TRACE_MAX_PACKETLEN)
		return tool_fusage_error(err, "too big packetlen %u specified",
					 packetlen);
	/* Shorter than the headers: the headers alone, as traceroute. */
	o->datalen = packetlen > TRACE_HDR_LEN ? packetlen - TRACE_HDR_LEN : 0;
	return 0;
}

void trace_print_header(FILE *fp, const struct trace_opts *o)
{
	char addr[INET_ADDRSTRLEN];
	struct in_addr in = { .s_addr = o->dst };

	inet_ntop(AF_INET, &in, addr, sizeof(addr));
	fprintf(fp, "traceroute to %s (%s), %u hops max, %zu byte packets\n",
		o->host, addr, o->max_ttl, TRACE_HDR_LEN + o->datalen);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

static uint16_t get16(const uint8_t *p)
{
	return (p[0] << 8) | p[1];
}

/* The payload: 0x40, 0x41, ... as traceroute fills it. */
static void fill_payload(uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = 0x40 + (i & 0x3f);
}

size_t trace_build_udp(uint8_t *buf, size_t datalen, uint16_t sport,
		       uint16_t dport)
{
	size_t len = TRACE_L4HDR_LEN + datalen;

	put16(buf, sport);
	put16(buf + 2, dport);
	put16(buf + 4, (uint16_t)len);
	put16(buf + 6, 0);		/* no checksum: allowed in IPv4 */
	fill_payload(buf + TRACE_L4HDR_LEN, datalen);
	return len;
}

size_t trace_build_echo(uint8_t *buf, size_t datalen, uint16_t id,
			uint16_t seq)
{
	size_t len = TRACE_L4HDR_LEN + datalen;
	uint16_t sum;

	buf[0] = ICMP_T_ECHO;
	buf[1] = 0;
	put16(buf + 2, 0);
	put16(buf + 4, id);
	put16(buf + 6, seq);
	fill_payload(buf + TRACE_L4HDR_LEN, datalen);
	sum = inet_cksum(buf, len);
	memcpy(buf + 2, &sum, 2);	/* already in network order */
	return len;
}

/* An IPv4 header at @p within @len bytes: its length, or 0 if bad. */
static size_t ip_hdr_len(const uint8_t *p, size_t len)
{
	size_t ihl;

	if (len < TRACE_IPHDR_LEN || (p[0] >> 4) != 4)
		return 0;
	ihl = (p[0] & 0xf) * 4;
	if (ihl < TRACE_IPHDR_LEN || ihl > len)
		return 0;
	return ihl;
}

/* The note traceroute prints for a destination unreachable code. */
static void unreach_note(uint8_t code, uint16_t mtu, char *note, size_t size)
{
	switch (code) {
	case 0:		/* net */
	case 6:		/* net unknown */
	case 8:		/* source host isolated */
	case 11:	/* net for TOS */
		snprintf(note, size, "!N");
		break;
	case 1:		/* host */
	case 7:		/* host unknown */
	case 12:	/* host for TOS */
		snprintf(note, size, "!H");
		break;
	case 9:		/* net administratively prohibited */
	case 10:	/* host administratively prohibited */
	case 13:	/* communication administratively prohibited */
		snprintf(note, size, "!X");
		break;
	case 2:
		snprintf(note, size, "!P");
		break;
	case 3:		/* port: the destination answered */
		note[0] = '\0';
		break;
	case 4:
		snprintf(note, size, "!F-%u", mtu);
		break;
	case 5:
		snprintf(note, size, "!S");
		break;
	case 14:
		snprintf(note, size, "!V");
		break;
	case 15:
		snprintf(note, size, "!C");
		break;
	default:
		snprintf(note, size, "!<%u>", code);
		break;
	}
}

bool trace_match(const struct trace_probe *p, const uint8_t *pkt,
		 size_t len, struct trace_answer *a)
{
	const uint8_t *icmp, *in, *l4;
	size_t ihl, iihl, ilen;
	uint8_t type, code;

	ihl = ip_hdr_len(pkt, len);
	if (!ihl || pkt[9] != IPPROTO_ICMP_NR)
		return false;
	icmp = pkt + ihl;
	ilen = len - ihl;
	if (ilen < TRACE_L4HDR_LEN)
		return false;
	type = icmp[0];
	code = icmp[1];

	memset(a, 0, sizeof(*a));
	memcpy(&a->from, pkt + 12, 4);

	if (type == ICMP_T_ECHOREPLY) {
		if (!p->icmp || get16(icmp + 4) != p->id ||
		    get16(icmp + 6) != p->key)
			return false;
		a->final = true;
		return true;
	}
	if (type != ICMP_T_TIMXCEED && type != ICMP_T_UNREACH)
		return false;

	/* The quoted datagram: its IPv4 header and 8 bytes of its payload. */
	in = icmp + TRACE_L4HDR_LEN;
	iihl = ip_hdr_len(in, ilen - TRACE_L4HDR_LEN);
	if (!iihl || ilen < TRACE_L4HDR_LEN + iihl + TRACE_L4HDR_LEN)
		return false;
	if (memcmp(in + 16, &p->dst, 4))
		return false;
	l4 = in + iihl;
	if (p->icmp) {
		if (in[9] != IPPROTO_ICMP_NR || l4[0] != ICMP_T_ECHO ||
		    get16(l4 + 4) != p->id || get16(l4 + 6) != p->key)
			return false;
	} else {
		if (in[9] != IPPROTO_UDP_NR || get16(l4) != p->id ||
		    get16(l4 + 2) != p->key)
			return false;
	}

	if (type == ICMP_T_TIMXCEED) {
		if (code == 0)		/* TTL exceeded in transit */
			return true;
		snprintf(a->note, sizeof(a->note), "!<%u-%u>", type, code);
	} else {
		unreach_note(code, get16(icmp + 6), a->note, sizeof(a->note));
	}
	a->final = true;
	return true;
}

void trace_hop_start(FILE *fp, struct trace_hop *h, unsigned int ttl)
{
	h->answered = false;
	h->last = 0;
	fprintf(fp, "%2u ", ttl);
}

void trace_hop_probe(FILE *fp, struct trace_hop *h, bool numeric,
		     const struct trace_answer *a, double rtt_ms)
{
	char addr[INET_ADDRSTRLEN];
	struct in_addr in;

	if (!a) {
		fputs(" *", fp);
		return;
	}
	/* The address, unless the last answer of this hop came from it. */
	if (!h->answered || h->last != a->from) {
		in.s_addr = a->from;
		inet_ntop(AF_INET, &in, addr, sizeof(addr));
		if (numeric)
			fprintf(fp, " %s", addr);
		else	/* no name lookups: traceroute's look for a nameless host */
			fprintf(fp, " %s (%s)", addr, addr);
	}
	h->answered = true;
	h->last = a->from;
	fprintf(fp, "  %.3f ms", rtt_ms);
	if (a->note[0])
		fprintf(fp, " %s", a->note);
}

void trace_hop_end(FILE *fp)
{
	fputc('\n', fp);
}
