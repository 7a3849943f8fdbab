// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-ping: command line, echo requests, received packets, statistics and
 * iputils' output lines (see ping.h). No sockets here.
 */
#include <arpa/inet.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "inet.h"
#include "ping.h"

void ping_usage(FILE *fp)
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

int ping_parse_args(struct ping_opts *o, int argc, char **argv, FILE *err)
{
	unsigned long long v;
	struct in_addr in;
	int64_t ns;
	int opt;

	memset(o, 0, sizeof(*o));
	o->interval = NSEC_PER_SEC;
	o->linger = -1;
	o->datalen = PING_DEF_DATALEN;
	o->ttl = -1;

	optind = 0;		/* glibc: start over (the self-test calls us) */
	opterr = 0;
	while ((opt = getopt(argc, argv, ":c:i:W:s:t:qRh")) != -1) {
		switch (opt) {
		case 'c':
			if (!parse_decimal(optarg, 1, LONG_MAX, &v))
				return tool_fusage_error(err, "invalid count \"%s\" (a positive integer)",
							 optarg);
			o->count = v;
			break;
		case 'i':
			if (!parse_seconds_ns(optarg, 0, PING_MAX_SECONDS, &ns))
				return tool_fusage_error(err, "invalid interval \"%s\" (seconds)",
							 optarg);
			o->interval = ns;
			break;
		case 'W':
			if (!parse_seconds_ns(optarg, 0.001, PING_MAX_SECONDS,
					      &ns))
				return tool_fusage_error(err, "invalid timeout \"%s\" (seconds, at least 0.001)",
							 optarg);
			o->linger = ns;
			break;
		case 's':
			if (!parse_decimal(optarg, 0, PING_MAX_DATALEN, &v))
				return tool_fusage_error(err, "invalid packet size \"%s\" (0-65507)",
							 optarg);
			o->datalen = v;
			break;
		case 't':
			if (!parse_decimal(optarg, 0, 255, &v))
				return tool_fusage_error(err, "invalid TTL \"%s\" (0-255)",
							 optarg);
			o->ttl = v;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'R':
			o->raw = true;
			break;
		case 'h':
			ping_usage(stdout);
			return -1;
		case ':':
			return tool_fusage_error(err, "option \"-%c\" needs an argument",
						 optopt);
		default:
			return tool_fusage_error(err, "invalid option \"-%c\"",
						 optopt);
		}
	}

	if (optind >= argc)
		return tool_fusage_error(err, "missing destination");
	if (optind + 1 < argc)
		return tool_fusage_error(err, "unexpected argument \"%s\"",
					 argv[optind + 1]);

	if (inet_pton(AF_INET, argv[optind], &in) != 1) {
		tool_ferror(err, "invalid destination \"%s\" (an IPv4 address, A.B.C.D)",
			    argv[optind]);
		return PING_EXIT_ERROR;
	}
	o->dst = in.s_addr;
	inet_ntop(AF_INET, &in, o->dst_str, sizeof(o->dst_str));
	/* The send time, as iputils: a struct timeval, if it fits. */
	o->timing = o->datalen >= sizeof(struct timeval);
	return 0;
}

void ping_print_header(FILE *fp, const struct ping_opts *o)
{
	fprintf(fp, "PING %s (%s) %zu(%zu) bytes of data.\n", o->dst_str,
		o->dst_str, o->datalen,
		o->datalen + PING_ICMP_HDRLEN + PING_IPHDR_LEN);
}

/* ---- packets ----------------------------------------------------------- */

size_t ping_build_echo(uint8_t *buf, const struct ping_opts *o, uint16_t id,
		       uint16_t seq, int64_t wall)
{
	struct icmphdr *icmp = (struct icmphdr *)buf;
	uint8_t *data = buf + PING_ICMP_HDRLEN;
	size_t len = PING_ICMP_HDRLEN + o->datalen;
	size_t i;

	icmp->type = ICMP_ECHO;
	icmp->code = 0;
	icmp->checksum = 0;
	icmp->un.echo.id = o->raw ? htons(id) : 0;	/* else the kernel's */
	icmp->un.echo.sequence = htons(seq);
	for (i = 0; i < o->datalen; i++)
		data[i] = i & 0xff;
	if (o->timing) {
		struct timeval tv = {
			.tv_sec = wall / NSEC_PER_SEC,
			.tv_usec = (wall % NSEC_PER_SEC) / NSEC_PER_USEC,
		};

		memcpy(data, &tv, sizeof(tv));
	}
	if (o->raw)
		icmp->checksum = inet_cksum(buf, len);
	return len;
}

enum ping_pkt ping_parse_packet(const struct ping_opts *o, uint16_t id,
				const uint8_t *pkt, size_t len,
				struct ping_rx *rx)
{
	const struct icmphdr *icmp;

	rx->ttl = -1;
	rx->csfailed = false;
	if (o->raw) {
		const struct iphdr *ip = (const struct iphdr *)pkt;
		size_t ihl;

		if (len < sizeof(*ip))
			return PING_PKT_IGNORE;
		ihl = ip->ihl * 4;
		if (ihl < sizeof(*ip) || len < ihl)
			return PING_PKT_IGNORE;
		rx->ttl = ip->ttl;
		pkt += ihl;
		len -= ihl;
	}
	if (len < PING_ICMP_HDRLEN)
		return PING_PKT_IGNORE;
	rx->icmp = pkt;
	rx->len = len;
	icmp = (const struct icmphdr *)pkt;

	if (!o->raw)
		return icmp->type == ICMP_ECHOREPLY ? PING_PKT_REPLY :
						      PING_PKT_IGNORE;
	/* A raw socket sees every ICMP message the host gets. */
	if (icmp->type == ICMP_DEST_UNREACH || icmp->type == ICMP_TIME_EXCEEDED)
		return PING_PKT_ERROR;
	if (icmp->type != ICMP_ECHOREPLY || ntohs(icmp->un.echo.id) != id)
		return PING_PKT_IGNORE;
	rx->csfailed = inet_cksum(pkt, len) != 0;
	return PING_PKT_REPLY;
}

bool ping_parse_error(const struct ping_opts *o, uint16_t id,
		      const uint8_t *icmp, size_t len, struct ping_error *e)
{
	const struct icmphdr *hdr = (const struct icmphdr *)icmp;
	const uint8_t *quoted = icmp + PING_ICMP_HDRLEN;
	const struct iphdr *ip = (const struct iphdr *)quoted;
	const struct icmphdr *orig;
	size_t ihl;

	if (len < PING_ICMP_HDRLEN + sizeof(*ip))
		return false;
	ihl = ip->ihl * 4;
	if (ihl < sizeof(*ip) ||
	    len < PING_ICMP_HDRLEN + ihl + PING_ICMP_HDRLEN ||
	    ip->protocol != IPPROTO_ICMP || ip->daddr != o->dst)
		return false;
	orig = (const struct icmphdr *)(quoted + ihl);
	if (orig->type != ICMP_ECHO || ntohs(orig->un.echo.id) != id)
		return false;
	e->type = hdr->type;
	e->code = hdr->code;
	e->info = hdr->type == ICMP_PARAMETERPROB ?
		  ntohl(hdr->un.gateway) >> 24 : ntohs(hdr->un.frag.mtu);
	e->seq = ntohs(orig->un.echo.sequence);
	return true;
}

void ping_print_error(FILE *fp, const char *from, const struct ping_error *e)
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

	fprintf(fp, "From %s icmp_seq=%u ", from, e->seq);
	if (e->type == ICMP_TIME_EXCEEDED)
		fprintf(fp, e->code ? "Frag reassembly time exceeded\n" :
				      "Time to live exceeded\n");
	else if (e->type == ICMP_PARAMETERPROB)
		fprintf(fp, "Parameter problem: pointer = %u\n", e->info);
	else if (e->type != ICMP_DEST_UNREACH)
		fprintf(fp, "Bad ICMP type: %d\n", e->type);
	else if (e->code == ICMP_FRAG_NEEDED)
		fprintf(fp, "%s (mtu = %u)\n", unreach[e->code], e->info);
	else if (e->code < ARRAY_SIZE(unreach))
		fprintf(fp, "%s\n", unreach[e->code]);
	else
		fprintf(fp, "Dest Unreachable, Bad Code: %d\n", e->code);
}

/* ---- statistics -------------------------------------------------------- */

void ping_stats_init(struct ping_stats *s)
{
	memset(s, 0, sizeof(*s));
	s->tmin = LLONG_MAX;
}

static bool seq_test_and_set(struct ping_stats *s, uint16_t seq)
{
	bool was = s->rcvd[seq / 8] & (1 << (seq % 8));

	s->rcvd[seq / 8] |= 1 << (seq % 8);
	return was;
}

static void seq_clear(struct ping_stats *s, uint16_t seq)
{
	s->rcvd[seq / 8] &= ~(1 << (seq % 8));
}

uint16_t ping_stats_sent(struct ping_stats *s)
{
	uint16_t seq = (uint16_t)(s->ntransmitted + 1);

	/* A sequence number comes round again after 65536 requests. */
	seq_clear(s, seq);
	s->ntransmitted++;
	return seq;
}

long long ping_rtt(const struct ping_opts *o, const uint8_t *icmp,
		   size_t len, int64_t rx_ns)
{
	struct timeval tv;
	long long rtt;

	if (!o->timing || len < PING_ICMP_HDRLEN + sizeof(tv))
		return -1;
	memcpy(&tv, icmp + PING_ICMP_HDRLEN, sizeof(tv));
	rtt = (rx_ns / NSEC_PER_USEC) -
	      ((long long)tv.tv_sec * 1000000 + tv.tv_usec);
	return rtt < 0 ? 0 : rtt;
}

bool ping_stats_reply(struct ping_stats *s, uint16_t seq, bool csfailed,
		      long long rtt)
{
	bool dup = false;

	if (csfailed) {
		s->nchecksum++;
		return false;
	}
	dup = seq_test_and_set(s, seq);
	if (dup)
		s->nrepeats++;
	else
		s->nreceived++;
	if (rtt >= 0) {
		s->ntimed++;
		s->tsum += rtt;
		s->tsum2 += rtt * rtt;
		if (rtt < s->tmin)
			s->tmin = rtt;
		if (rtt > s->tmax)
			s->tmax = rtt;
	}
	return dup;
}

/* The integer square root, by Newton's method, as iputils'. */
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

bool ping_rtt_summary(const struct ping_stats *s, struct ping_rtt_summary *r)
{
	long long total = s->ntimed;	/* iputils: received + dups */
	long long var;

	if (!s->nreceived || !s->ntimed)
		return false;
	r->min = s->tmin;
	r->max = s->tmax;
	r->avg = s->tsum / total;
	/* iputils' order of operations, for small times. */
	if (s->tsum < INT_MAX)
		var = (s->tsum2 - (s->tsum * s->tsum) / total) / total;
	else
		var = s->tsum2 / total - r->avg * r->avg;
	r->mdev = llsqrt(var);
	return true;
}

int64_t ping_linger(const struct ping_opts *o, const struct ping_stats *s)
{
	int64_t t;

	if (o->linger >= 0)
		return o->linger;
	if (!s->nreceived)
		return PING_DEF_LINGER;
	t = 2 * s->tmax * NSEC_PER_USEC;
	return t > o->interval ? t : o->interval;
}

/* ---- output ------------------------------------------------------------ */

void ping_print_time(FILE *fp, long long us)
{
	if (us >= 100000 - 50)
		fprintf(fp, " time=%lld ms", (us + 500) / 1000);
	else if (us >= 10000 - 5)
		fprintf(fp, " time=%lld.%01lld ms", (us + 50) / 1000,
			((us + 50) % 1000) / 100);
	else if (us >= 1000)
		fprintf(fp, " time=%lld.%02lld ms", (us + 5) / 1000,
			((us + 5) % 1000) / 10);
	else
		fprintf(fp, " time=%lld.%03lld ms", us / 1000, us % 1000);
}

/*
 * Compare the echoed payload @data with what we sent (the send time
 * aside); complain as iputils.
 */
static void check_data(FILE *fp, const struct ping_opts *o,
		       const uint8_t *data)
{
	size_t start = o->timing ? sizeof(struct timeval) : 0;
	size_t i;

	for (i = start; i < o->datalen; i++) {
		if (data[i] == (i & 0xff))
			continue;
		fprintf(fp, "\nwrong data byte #%zu should be 0x%zx but was 0x%x",
			i, i & 0xff, data[i]);
		for (i = start; i < o->datalen; i++) {
			if (i % 32 == start % 32)
				fprintf(fp, "\n#%zu\t", i);
			fprintf(fp, "%x ", data[i]);
		}
		return;
	}
}

void ping_print_reply(FILE *fp, const struct ping_opts *o,
		      const struct ping_reply *r)
{
	const struct icmphdr *icmp = (const struct icmphdr *)r->icmp;

	fprintf(fp, "%zu bytes from %s: icmp_seq=%u", r->len, r->from,
		ntohs(icmp->un.echo.sequence));
	if (r->ttl >= 0)
		fprintf(fp, " ttl=%d", r->ttl);
	if (r->len < PING_ICMP_HDRLEN + o->datalen) {
		fprintf(fp, " (truncated)\n");
		return;
	}
	if (r->rtt >= 0)
		ping_print_time(fp, r->rtt);
	if (r->dup)
		fprintf(fp, " (DUP!)");
	if (r->csfailed)
		fprintf(fp, " (BAD CHECKSUM!)");
	check_data(fp, o, r->icmp + PING_ICMP_HDRLEN);
	fputc('\n', fp);
}

void ping_print_summary(FILE *fp, const struct ping_opts *o,
			const struct ping_stats *s, int64_t elapsed_ns)
{
	long long elapsed = elapsed_ns / NSEC_PER_USEC;
	struct ping_rtt_summary r;

	fputc('\n', fp);
	fprintf(fp, "--- %s ping statistics ---\n", o->dst_str);
	fprintf(fp, "%ld packets transmitted, %ld received", s->ntransmitted,
		s->nreceived);
	if (s->nrepeats)
		fprintf(fp, ", +%ld duplicates", s->nrepeats);
	if (s->nchecksum)
		fprintf(fp, ", +%ld corrupted", s->nchecksum);
	if (s->nerrors)
		fprintf(fp, ", +%ld errors", s->nerrors);
	if (s->ntransmitted) {
		fprintf(fp, ", %g%% packet loss",
			(float)((s->ntransmitted - s->nreceived) * 100.0 /
				s->ntransmitted));
		fprintf(fp, ", time %lldms", (elapsed + 500) / 1000);
	}
	fputc('\n', fp);

	if (ping_rtt_summary(s, &r))
		fprintf(fp, "rtt min/avg/max/mdev = %lld.%03lld/%lld.%03lld/%lld.%03lld/%lld.%03lld ms\n",
			r.min / 1000, r.min % 1000, r.avg / 1000, r.avg % 1000,
			r.max / 1000, r.max % 1000, r.mdev / 1000,
			r.mdev % 1000);
}
