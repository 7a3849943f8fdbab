// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of cnet-ping's socket-free parts (ping.c): the command
 * line and its errors and limits, the echo request, which received packets
 * count (hand-built replies, others' packets, truncated and corrupted ones,
 * ICMP errors), the statistics against the formulas iputils uses, and the
 * lines printed, compared with iputils' format.
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "../inet.h"
#include "../ping.h"
#include "check.h"

const struct tool this_tool = { .name = "cnet-ping", .usage = ping_usage };

static uint32_t ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

/* Output captured from a FILE. */
struct capture {
	FILE *fp;
	char *buf;
	size_t len;
};

static FILE *capture_start(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->fp = open_memstream(&c->buf, &c->len);
	return c->fp;
}

/* The text written since capture_start(), to free(). */
static char *capture_end(struct capture *c)
{
	fclose(c->fp);
	return c->buf;
}

/* Parse a command line given as one string; returns the status. */
static int parse(const char *line, struct ping_opts *o, char **err)
{
	static char buf[256];
	char *argv[16], *tok, *save = NULL;
	struct capture c;
	int argc = 0, ret;

	snprintf(buf, sizeof(buf), "cnet-ping %s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 15;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	ret = ping_parse_args(o, argc, argv, capture_start(&c));
	*err = capture_end(&c);
	return ret;
}

/* ---- command line ------------------------------------------------------- */

static void test_args(void)
{
	static const struct {
		const char *line;
		const char *err;	/* the first line of the error */
		bool usage;		/* the usage follows */
	} bad[] = {
		{ "", "cnet-ping: missing destination\n", true },
		{ "foo", "cnet-ping: invalid destination \"foo\" (an IPv4 address, A.B.C.D)\n", false },
		{ "10.0.0.256", "cnet-ping: invalid destination \"10.0.0.256\"", false },
		{ "10.0.0", "cnet-ping: invalid destination \"10.0.0\"", false },
		{ "10.0.0.1 x", "cnet-ping: unexpected argument \"x\"\n", true },
		{ "-Z 10.0.0.1", "cnet-ping: invalid option \"-Z\"\n", true },
		{ "10.0.0.1 -c", "cnet-ping: option \"-c\" needs an argument\n", true },
		{ "-c 0 10.0.0.1", "cnet-ping: invalid count \"0\" (a positive integer)\n", true },
		{ "-c -1 10.0.0.1", "cnet-ping: invalid count \"-1\"", true },
		{ "-c +1 10.0.0.1", "cnet-ping: invalid count \"+1\"", true },
		{ "-c 3x 10.0.0.1", "cnet-ping: invalid count \"3x\"", true },
		{ "-c 0x10 10.0.0.1", "cnet-ping: invalid count \"0x10\"", true },
		{ "-c 9223372036854775808 10.0.0.1", "cnet-ping: invalid count", true },
		{ "-c 99999999999999999999999 10.0.0.1", "cnet-ping: invalid count", true },
		{ "-i x 10.0.0.1", "cnet-ping: invalid interval \"x\" (seconds)\n", true },
		{ "-i -1 10.0.0.1", "cnet-ping: invalid interval \"-1\"", true },
		{ "-i +1 10.0.0.1", "cnet-ping: invalid interval \"+1\"", true },
		{ "-i 1e3 10.0.0.1", "cnet-ping: invalid interval \"1e3\"", true },
		{ "-i nan 10.0.0.1", "cnet-ping: invalid interval \"nan\"", true },
		{ "-i inf 10.0.0.1", "cnet-ping: invalid interval \"inf\"", true },
		{ "-i . 10.0.0.1", "cnet-ping: invalid interval \".\"", true },
		{ "-i 1..2 10.0.0.1", "cnet-ping: invalid interval \"1..2\"", true },
		{ "-i 1.2.3 10.0.0.1", "cnet-ping: invalid interval \"1.2.3\"", true },
		{ "-i 2147484 10.0.0.1", "cnet-ping: invalid interval \"2147484\"", true },
		{ "-W 0 10.0.0.1", "cnet-ping: invalid timeout \"0\" (seconds, at least 0.001)\n", true },
		{ "-W 0.0009 10.0.0.1", "cnet-ping: invalid timeout \"0.0009\"", true },
		{ "-W 2147483.5 10.0.0.1", "cnet-ping: invalid timeout \"2147483.5\"", true },
		{ "-s 65508 10.0.0.1", "cnet-ping: invalid packet size \"65508\" (0-65507)\n", true },
		{ "-s -1 10.0.0.1", "cnet-ping: invalid packet size \"-1\"", true },
		{ "-t 256 10.0.0.1", "cnet-ping: invalid TTL \"256\" (0-255)\n", true },
		{ "-t -1 10.0.0.1", "cnet-ping: invalid TTL \"-1\"", true },
	};
	struct ping_opts o;
	char *err;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = parse(bad[i].line, &o, &err);
		size_t n = strlen(bad[i].err);
		const char *usage = strstr(err, "\nUsage: cnet-ping ");

		CHECK(ret == PING_EXIT_ERROR && !strncmp(err, bad[i].err, n),
		      "\"%s\": status %d, [%s]", bad[i].line, ret, err);
		/* The usage right after the message, or not at all. */
		CHECK(bad[i].usage ? usage && usage == strchr(err, '\n') :
				     !strstr(err, "Usage"),
		      "\"%s\": usage [%s]", bad[i].line, err);
		free(err);
	}

	CHECK(!parse("10.0.0.1", &o, &err) && !*err && o.count == 0 &&
	      o.interval == NSEC_PER_SEC && o.linger == -1 &&
	      o.datalen == 56 && o.ttl == -1 && !o.quiet && !o.raw &&
	      o.timing && o.dst == ip("10.0.0.1") &&
	      !strcmp(o.dst_str, "10.0.0.1"), "defaults [%s]", err);
	free(err);
	CHECK(!parse("-qR -c 3 -i 0.2 -W 1 -s 100 -t 9 10.0.2.2", &o, &err) &&
	      o.quiet && o.raw && o.count == 3 &&
	      o.interval == 200 * NSEC_PER_MSEC && o.linger == NSEC_PER_SEC &&
	      o.datalen == 100 && o.ttl == 9 && o.dst == ip("10.0.2.2"),
	      "all options [%s]", err);
	free(err);
	/* Options after the destination, as GNU getopt permutes them. */
	CHECK(!parse("10.0.2.2 -q -c 1", &o, &err) && o.quiet && o.count == 1,
	      "options after the destination [%s]", err);
	free(err);

	/* The limits, and the decimals the interval and timeout take. */
	CHECK(!parse("-c 9223372036854775807 10.0.0.1", &o, &err) &&
	      o.count == 9223372036854775807L, "count LONG_MAX");
	free(err);
	CHECK(!parse("-i .5 10.0.0.1", &o, &err) &&
	      o.interval == 500 * NSEC_PER_MSEC, "-i .5");
	free(err);
	CHECK(!parse("-i 2. 10.0.0.1", &o, &err) &&
	      o.interval == 2 * NSEC_PER_SEC, "-i 2.");
	free(err);
	/* 0.2 s is not a whole number of ns in binary: rounded, not cut. */
	CHECK(!parse("-i 0.2 10.0.0.1", &o, &err) &&
	      o.interval == 200000000, "-i 0.2: %lld", (long long)o.interval);
	free(err);
	CHECK(!parse("-i 0.000000001 10.0.0.1", &o, &err) && o.interval == 1,
	      "-i 1 ns: %lld", (long long)o.interval);
	free(err);
	/* Allowed here: who may flood is cnet-ping.c's check. */
	CHECK(!parse("-i 0 10.0.0.1", &o, &err) && o.interval == 0, "-i 0");
	free(err);
	CHECK(!parse("-i 2147483 10.0.0.1", &o, &err) &&
	      o.interval == 2147483 * NSEC_PER_SEC, "-i max");
	free(err);
	CHECK(!parse("-W 0.001 10.0.0.1", &o, &err) &&
	      o.linger == NSEC_PER_MSEC, "-W min");
	free(err);
	CHECK(!parse("-s 65507 10.0.0.1", &o, &err) && o.datalen == 65507,
	      "-s max");
	free(err);
	/* The send time needs a struct timeval's 16 bytes. */
	CHECK(!parse("-s 15 10.0.0.1", &o, &err) && !o.timing, "-s 15");
	free(err);
	CHECK(!parse("-s 16 10.0.0.1", &o, &err) && o.timing, "-s 16");
	free(err);
	CHECK(!parse("-s 0 10.0.0.1", &o, &err) && !o.timing &&
	      o.datalen == 0, "-s 0");
	free(err);
	CHECK(!parse("-t 0 10.0.0.1", &o, &err) && o.ttl == 0, "-t 0");
	free(err);
	CHECK(!parse("-t 255 10.0.0.1", &o, &err) && o.ttl == 255, "-t 255");
	free(err);
	/* The last -c wins. */
	CHECK(!parse("-c 5 -c 2 10.0.0.1", &o, &err) && o.count == 2,
	      "-c twice");
	free(err);
}

static void test_header(void)
{
	struct ping_opts o;
	struct capture c;
	char *err, *out;

	parse("10.0.2.2", &o, &err);
	free(err);
	ping_print_header(capture_start(&c), &o);
	out = capture_end(&c);
	CHECK(!strcmp(out, "PING 10.0.2.2 (10.0.2.2) 56(84) bytes of data.\n"),
	      "header [%s]", out);
	free(out);

	parse("-s 0 10.0.2.2", &o, &err);
	free(err);
	ping_print_header(capture_start(&c), &o);
	out = capture_end(&c);
	CHECK(!strcmp(out, "PING 10.0.2.2 (10.0.2.2) 0(28) bytes of data.\n"),
	      "header -s 0 [%s]", out);
	free(out);
}

/* ---- packets ------------------------------------------------------------ */

/* Options as the command line would give them. */
static struct ping_opts opts(const char *line)
{
	struct ping_opts o;
	char *err;

	CHECK(!parse(line, &o, &err), "opts \"%s\": [%s]", line, err);
	free(err);
	return o;
}

/* A wall-clock time with whole microseconds, as a timeval carries it. */
#define T0	(1700000000LL * NSEC_PER_SEC + 123456000LL)

static void test_build(void)
{
	struct ping_opts o = opts("-R 10.0.0.1");
	uint8_t buf[PING_ICMP_HDRLEN + 100];
	struct timeval tv;
	size_t len, i;
	bool pattern;

	len = ping_build_echo(buf, &o, 0x1234, 7, T0);
	memcpy(&tv, buf + PING_ICMP_HDRLEN, sizeof(tv));
	CHECK(len == 64 && buf[0] == 8 && buf[1] == 0 && buf[4] == 0x12 &&
	      buf[5] == 0x34 && buf[6] == 0 && buf[7] == 7,
	      "raw echo header");
	CHECK(inet_cksum(buf, len) == 0, "raw echo checksum");
	CHECK(tv.tv_sec == 1700000000 && tv.tv_usec == 123456,
	      "send time %ld.%06ld", (long)tv.tv_sec, (long)tv.tv_usec);
	for (pattern = true, i = sizeof(tv); i < o.datalen; i++)
		pattern &= buf[PING_ICMP_HDRLEN + i] == i;
	CHECK(pattern, "payload pattern after the send time");

	/* A ping socket fills identifier and checksum itself. */
	o = opts("10.0.0.1");
	len = ping_build_echo(buf, &o, 0x1234, 0xabcd, T0);
	CHECK(len == 64 && buf[0] == 8 && !buf[2] && !buf[3] && !buf[4] &&
	      !buf[5] && buf[6] == 0xab && buf[7] == 0xcd,
	      "ping socket echo header");

	/* Too short for the send time: the pattern from the first byte. */
	o = opts("-R -s 10 10.0.0.1");
	len = ping_build_echo(buf, &o, 1, 1, T0);
	for (pattern = true, i = 0; i < 10; i++)
		pattern &= buf[PING_ICMP_HDRLEN + i] == i;
	CHECK(len == 18 && pattern && inet_cksum(buf, len) == 0,
	      "short payload");
	o = opts("-R -s 0 10.0.0.1");
	len = ping_build_echo(buf, &o, 1, 1, T0);
	CHECK(len == 8 && inet_cksum(buf, len) == 0, "empty payload");

	/* The pattern wraps after 0xff. */
	o = opts("-s 300 10.0.0.1");
	{
		uint8_t big[PING_ICMP_HDRLEN + 300];

		ping_build_echo(big, &o, 1, 1, T0);
		CHECK(big[PING_ICMP_HDRLEN + 255] == 0xff &&
		      big[PING_ICMP_HDRLEN + 256] == 0 &&
		      big[PING_ICMP_HDRLEN + 299] == 43, "pattern wraps");
	}
}

static void test_rtt(void)
{
	struct ping_opts o = opts("10.0.0.1");
	uint8_t buf[PING_ICMP_HDRLEN + 56];
	size_t len = ping_build_echo(buf, &o, 0, 1, T0);

	CHECK(ping_rtt(&o, buf, len, T0 + 1234567) == 1234,
	      "rtt %lld", ping_rtt(&o, buf, len, T0 + 1234567));
	CHECK(ping_rtt(&o, buf, len, T0 + 999) == 0, "rtt below 1 us");
	/* A clock that stepped back: 0, not negative. */
	CHECK(ping_rtt(&o, buf, len, T0 - NSEC_PER_SEC) == 0, "rtt < 0");
	CHECK(ping_rtt(&o, buf, len, T0 + 3 * NSEC_PER_SEC) == 3000000,
	      "rtt 3 s");
	/* A reply too short to carry the send time. */
	CHECK(ping_rtt(&o, buf, PING_ICMP_HDRLEN + 15, T0) == -1,
	      "rtt, truncated");
	CHECK(ping_rtt(&o, buf, PING_ICMP_HDRLEN + 16, T0 + 1000) == 1,
	      "rtt, just the send time");
	o = opts("-s 15 10.0.0.1");
	CHECK(ping_rtt(&o, buf, len, T0) == -1, "rtt without timing");
}

/* An IPv4 header with @ihl 32-bit words, of a packet @total bytes long. */
static size_t put_ip(uint8_t *p, unsigned int ihl, const char *src,
		     const char *dst, uint8_t ttl, uint8_t proto, size_t total)
{
	uint32_t s = ip(src), d = ip(dst);

	memset(p, 0, ihl * 4);
	p[0] = 0x40 | ihl;
	p[2] = total >> 8;
	p[3] = total & 0xff;
	p[8] = ttl;
	p[9] = proto;
	memcpy(p + 12, &s, 4);
	memcpy(p + 16, &d, 4);
	return ihl * 4;
}

/* Turn the echo request at @icmp (@len bytes) into its reply. */
static void to_reply(uint8_t *icmp, size_t len)
{
	uint16_t sum;

	icmp[0] = 0;
	icmp[2] = icmp[3] = 0;
	sum = inet_cksum(icmp, len);
	memcpy(icmp + 2, &sum, 2);
}

static void test_packets(void)
{
	struct ping_opts dgram = opts("10.0.0.1");
	struct ping_opts raw = opts("-R 10.0.0.1");
	uint8_t pkt[128];
	struct ping_rx rx;
	size_t n, len, i;
	bool ignored;

	/* A ping socket: the ICMP message alone, its echo replies only. */
	len = ping_build_echo(pkt, &dgram, 0, 3, T0);
	CHECK(ping_parse_packet(&dgram, 0x1234, pkt, len, &rx) ==
	      PING_PKT_IGNORE, "ping socket: the request");
	to_reply(pkt, len);
	CHECK(ping_parse_packet(&dgram, 0x1234, pkt, len, &rx) ==
	      PING_PKT_REPLY && rx.icmp == pkt && rx.len == len &&
	      rx.ttl == -1 && !rx.csfailed, "ping socket: reply");
	CHECK(ping_parse_packet(&dgram, 0x1234, pkt, 8, &rx) ==
	      PING_PKT_REPLY, "ping socket: header only");
	CHECK(ping_parse_packet(&dgram, 0x1234, pkt, 7, &rx) ==
	      PING_PKT_IGNORE, "ping socket: 7 bytes");
	pkt[0] = 3;
	CHECK(ping_parse_packet(&dgram, 0x1234, pkt, len, &rx) ==
	      PING_PKT_IGNORE, "ping socket: not a reply");

	/* A raw socket: from the IPv4 header; our identifier only. */
	n = put_ip(pkt, 5, "10.0.0.1", "10.0.0.2", 61, 1, 20 + 64);
	len = ping_build_echo(pkt + n, &raw, 0x1234, 3, T0);
	to_reply(pkt + n, len);
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + len, &rx) ==
	      PING_PKT_REPLY && rx.icmp == pkt + 20 && rx.len == len &&
	      rx.ttl == 61 && !rx.csfailed, "raw: reply");
	CHECK(ping_parse_packet(&raw, 0x1235, pkt, n + len, &rx) ==
	      PING_PKT_IGNORE, "raw: another identifier");
	for (ignored = true, i = 0; i < n + 8; i++)
		ignored &= ping_parse_packet(&raw, 0x1234, pkt, i, &rx) ==
			   PING_PKT_IGNORE;
	CHECK(ignored, "raw: every truncation before the echo header");
	/* Truncated after the header: a reply, whose checksum fails. */
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + len - 1, &rx) ==
	      PING_PKT_REPLY && rx.csfailed, "raw: cut payload");
	pkt[n + 30] ^= 0xff;
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + len, &rx) ==
	      PING_PKT_REPLY && rx.csfailed, "raw: corrupted");
	pkt[n + 30] ^= 0xff;
	pkt[0] = 0x44;
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + len, &rx) ==
	      PING_PKT_IGNORE, "raw: ihl 4");
	/* A header longer than the packet, with a reply of ours after it. */
	pkt[0] = 0x4f;
	ping_build_echo(pkt + 60, &raw, 0x1234, 3, T0);
	to_reply(pkt + 60, 8);
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, 59, &rx) ==
	      PING_PKT_IGNORE, "raw: ihl 15, 59 bytes");
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, 68, &rx) ==
	      PING_PKT_REPLY && rx.icmp == pkt + 60 && rx.len == 8,
	      "raw: ihl 15, 68 bytes");

	/* IPv4 options: the ICMP message starts after them. */
	n = put_ip(pkt, 6, "10.0.0.1", "10.0.0.2", 64, 1, 24 + 64);
	len = ping_build_echo(pkt + n, &raw, 0x1234, 4, T0);
	to_reply(pkt + n, len);
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + len, &rx) ==
	      PING_PKT_REPLY && rx.icmp == pkt + 24 && !rx.csfailed,
	      "raw: ihl 6");

	/* ICMP errors, whoever they are about, go to ping_parse_error(). */
	n = put_ip(pkt, 5, "10.0.0.254", "10.0.0.2", 64, 1, 56);
	memset(pkt + n, 0, 8);
	pkt[n] = 3;
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + 8, &rx) ==
	      PING_PKT_ERROR && rx.icmp == pkt + n, "raw: unreachable");
	pkt[n] = 11;
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + 8, &rx) ==
	      PING_PKT_ERROR, "raw: time exceeded");
	pkt[n] = 5;
	CHECK(ping_parse_packet(&raw, 0x1234, pkt, n + 8, &rx) ==
	      PING_PKT_IGNORE, "raw: redirect");
}

/* An ICMP error @type/@code with @word (bytes 4-7) quoting @l4 to @dst. */
static size_t icmp_error(uint8_t *icmp, uint8_t type, uint8_t code,
			 uint32_t word, uint8_t proto, const char *dst,
			 const uint8_t *l4)
{
	size_t n;

	memset(icmp, 0, 8);
	icmp[0] = type;
	icmp[1] = code;
	word = htonl(word);
	memcpy(icmp + 4, &word, 4);
	n = 8 + put_ip(icmp + 8, 5, "10.0.0.2", dst, 1, proto, 84);
	memcpy(icmp + n, l4, 8);
	return n + 8;
}

static void test_errors(void)
{
	struct ping_opts o = opts("-R 10.0.0.1");
	uint8_t req[PING_ICMP_HDRLEN + 56], icmp[64];
	struct ping_error e;
	size_t n, i;
	bool refused;

	ping_build_echo(req, &o, 0x1234, 9, T0);
	n = icmp_error(icmp, 3, 1, 0, 1, "10.0.0.1", req);
	CHECK(ping_parse_error(&o, 0x1234, icmp, n, &e) && e.type == 3 &&
	      e.code == 1 && e.seq == 9, "host unreachable");
	for (refused = true, i = 0; i < n; i++)
		refused &= !ping_parse_error(&o, 0x1234, icmp, i, &e);
	CHECK(refused, "every truncation refused");
	CHECK(!ping_parse_error(&o, 0x1235, icmp, n, &e), "another identifier");
	n = icmp_error(icmp, 3, 1, 0, 1, "10.0.0.3", req);
	CHECK(!ping_parse_error(&o, 0x1234, icmp, n, &e), "another destination");
	n = icmp_error(icmp, 3, 3, 0, 17, "10.0.0.1", req);
	CHECK(!ping_parse_error(&o, 0x1234, icmp, n, &e), "a UDP datagram");
	to_reply(req, sizeof(req));
	n = icmp_error(icmp, 3, 1, 0, 1, "10.0.0.1", req);
	CHECK(!ping_parse_error(&o, 0x1234, icmp, n, &e), "an echo reply");

	/* The MTU of "fragmentation needed", a parameter problem's pointer. */
	ping_build_echo(req, &o, 0x1234, 9, T0);
	n = icmp_error(icmp, 3, 4, 1400, 1, "10.0.0.1", req);
	CHECK(ping_parse_error(&o, 0x1234, icmp, n, &e) && e.info == 1400,
	      "frag needed: mtu %u", e.info);
	n = icmp_error(icmp, 12, 0, 0x14000000, 1, "10.0.0.1", req);
	CHECK(ping_parse_error(&o, 0x1234, icmp, n, &e) && e.info == 20,
	      "parameter problem: pointer %u", e.info);
}

static void test_error_lines(void)
{
	static const struct {
		uint8_t type, code;
		uint32_t info;
		const char *want;
	} cases[] = {
		{ 3, 0, 0, "From 10.0.0.254 icmp_seq=2 Destination Net Unreachable\n" },
		{ 3, 1, 0, "From 10.0.0.254 icmp_seq=2 Destination Host Unreachable\n" },
		{ 3, 3, 0, "From 10.0.0.254 icmp_seq=2 Destination Port Unreachable\n" },
		{ 3, 4, 1400, "From 10.0.0.254 icmp_seq=2 Frag needed and DF set (mtu = 1400)\n" },
		{ 3, 13, 0, "From 10.0.0.254 icmp_seq=2 Packet filtered\n" },
		{ 3, 15, 0, "From 10.0.0.254 icmp_seq=2 Precedence Cutoff\n" },
		{ 3, 16, 0, "From 10.0.0.254 icmp_seq=2 Dest Unreachable, Bad Code: 16\n" },
		{ 11, 0, 0, "From 10.0.0.254 icmp_seq=2 Time to live exceeded\n" },
		{ 11, 1, 0, "From 10.0.0.254 icmp_seq=2 Frag reassembly time exceeded\n" },
		{ 12, 0, 20, "From 10.0.0.254 icmp_seq=2 Parameter problem: pointer = 20\n" },
		{ 4, 0, 0, "From 10.0.0.254 icmp_seq=2 Bad ICMP type: 4\n" },
	};
	struct capture c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct ping_error e = {
			.type = cases[i].type, .code = cases[i].code,
			.info = cases[i].info, .seq = 2,
		};
		char *out;

		ping_print_error(capture_start(&c), "10.0.0.254", &e);
		out = capture_end(&c);
		CHECK(!strcmp(out, cases[i].want), "type %u code %u: [%s]",
		      cases[i].type, cases[i].code, out);
		free(out);
	}
}

/* ---- statistics --------------------------------------------------------- */

/*
 * The standard deviation of @n samples, as iputils defines mdev, in
 * floating point: sqrt(mean(x^2) - mean(x)^2).
 */
static double mdev_of(const long long *x, size_t n)
{
	double sum = 0, sum2 = 0, mean;
	size_t i;

	for (i = 0; i < n; i++) {
		sum += x[i];
		sum2 += (double)x[i] * x[i];
	}
	mean = sum / n;
	return sqrt(sum2 / n - mean * mean);
}

/* Stats of one reply per sample, sequence numbers 1, 2, ... */
static void fill(struct ping_stats *s, const long long *rtt, size_t n)
{
	size_t i;

	ping_stats_init(s);
	for (i = 0; i < n; i++) {
		uint16_t seq = ping_stats_sent(s);

		ping_stats_reply(s, seq, false, rtt[i]);
	}
}

static void test_stats(void)
{
	static const long long three[] = { 1000, 2000, 3000 };
	static const long long same[] = { 450, 450, 450, 450 };
	static const long long big[] = { 1200000000, 1000000000 };
	static const long long odd[] = { 1200000001, 1000000000 };
	static const long long huge[] = { 2000000000, 1000000000, 1500000001 };
	static struct ping_stats s;
	struct ping_rtt_summary r;
	long long x[50];
	unsigned int seed = 1;
	size_t i, k;

	ping_stats_init(&s);
	CHECK(!ping_rtt_summary(&s, &r), "no samples");
	CHECK(ping_stats_sent(&s) == 1 && ping_stats_sent(&s) == 2 &&
	      s.ntransmitted == 2, "sequence numbers from 1");

	/* 1, 2, 3 ms: mdev = sqrt(14/3 - 4) ms = 0.816 ms. */
	fill(&s, three, 3);
	CHECK(ping_rtt_summary(&s, &r) && r.min == 1000 && r.avg == 2000 &&
	      r.max == 3000 && r.mdev == 816,
	      "1,2,3 ms: %lld/%lld/%lld/%lld", r.min, r.avg, r.max, r.mdev);
	CHECK(fabs(r.mdev - mdev_of(three, 3)) < 1, "1,2,3 ms: formula");
	fill(&s, same, 4);
	CHECK(ping_rtt_summary(&s, &r) && r.min == 450 && r.avg == 450 &&
	      r.max == 450 && r.mdev == 0, "equal samples: mdev %lld",
	      r.mdev);
	fill(&s, three + 2, 1);
	CHECK(ping_rtt_summary(&s, &r) && r.min == 3000 && r.avg == 3000 &&
	      r.mdev == 0, "one sample");
	/* Sums past INT_MAX take iputils' other order of operations. */
	fill(&s, big, 2);
	CHECK(ping_rtt_summary(&s, &r) && r.avg == 1100000000 &&
	      r.mdev == 100000000, "big: avg %lld mdev %lld", r.avg, r.mdev);
	/* There the mean is floored first: 100000005, not 100000000.5. */
	fill(&s, odd, 2);
	CHECK(ping_rtt_summary(&s, &r) && r.avg == 1100000000 &&
	      r.mdev == 100000005, "odd: avg %lld mdev %lld", r.avg, r.mdev);
	/* A sum whose square does not fit in 64 bits. */
	fill(&s, huge, 3);
	CHECK(ping_rtt_summary(&s, &r) && r.min == 1000000000 &&
	      r.avg == 1500000000 && r.max == 2000000000 &&
	      r.mdev == 408248291, "huge: avg %lld mdev %lld", r.avg,
	      r.mdev);

	/*
	 * Random samples: iputils' integer arithmetic stays within a
	 * microsecond of the formula (it floors twice).
	 */
	for (k = 0; k < 20; k++) {
		size_t n = 2 + k * 2;
		double want;

		for (i = 0; i < n; i++)
			x[i] = rand_r(&seed) % (k < 10 ? 5000 : 2000000);
		fill(&s, x, n);
		want = mdev_of(x, n);
		CHECK(ping_rtt_summary(&s, &r) && r.mdev < want + 1 &&
		      r.mdev > want - 1.5,
		      "random set %zu: mdev %lld, formula %.3f", k, r.mdev,
		      want);
	}

	/* Duplicates: counted apart, and their rtt too, as iputils. */
	ping_stats_init(&s);
	ping_stats_sent(&s);
	ping_stats_sent(&s);
	CHECK(!ping_stats_reply(&s, 1, false, 100) &&
	      ping_stats_reply(&s, 1, false, 300) &&
	      !ping_stats_reply(&s, 2, false, 200), "dup detection");
	CHECK(s.nreceived == 2 && s.nrepeats == 1 && s.ntimed == 3 &&
	      s.tmax == 300, "dup counts");
	/* A bad checksum counts as corrupted only, and is no duplicate. */
	CHECK(!ping_stats_reply(&s, 2, true, 5000) && s.nchecksum == 1 &&
	      s.nreceived == 2 && s.nrepeats == 1 && s.ntimed == 3 &&
	      s.tmax == 300, "bad checksum");
	/* No send time: counted, no sample. */
	CHECK(!ping_stats_reply(&s, 7, false, -1) && s.nreceived == 3 &&
	      s.ntimed == 3, "no rtt");

	/* After 65536 requests a sequence number is new again. */
	ping_stats_init(&s);
	ping_stats_reply(&s, 5, false, -1);
	s.ntransmitted = 65536 + 4;
	CHECK(ping_stats_sent(&s) == 5 && !ping_stats_reply(&s, 5, false, -1),
	      "sequence wraps");
	s.ntransmitted = 65535;
	CHECK(ping_stats_sent(&s) == 0, "sequence 0 after 65535");
}

static void test_linger(void)
{
	static struct ping_stats s;
	struct ping_opts o = opts("10.0.0.1");

	ping_stats_init(&s);
	CHECK(ping_linger(&o, &s) == 10 * NSEC_PER_SEC, "no replies: 10 s");
	ping_stats_reply(&s, 1, false, 300000);
	CHECK(ping_linger(&o, &s) == NSEC_PER_SEC, "2 x 300 ms < interval");
	ping_stats_reply(&s, 2, false, 800000);
	CHECK(ping_linger(&o, &s) == 1600 * NSEC_PER_MSEC, "2 x 800 ms");
	o = opts("-W 0.5 10.0.0.1");
	CHECK(ping_linger(&o, &s) == 500 * NSEC_PER_MSEC, "-W 0.5");
	ping_stats_init(&s);
	CHECK(ping_linger(&o, &s) == 500 * NSEC_PER_MSEC, "-W, no replies");
}

/* ---- output ------------------------------------------------------------- */

static void test_time(void)
{
	static const struct {
		long long us;
		const char *want;
	} cases[] = {
		{ 0, " time=0.000 ms" },
		{ 45, " time=0.045 ms" },
		{ 999, " time=0.999 ms" },
		{ 1000, " time=1.00 ms" },
		{ 1234, " time=1.23 ms" },
		{ 1235, " time=1.24 ms" },
		{ 9994, " time=9.99 ms" },
		{ 9995, " time=10.0 ms" },
		{ 12345, " time=12.3 ms" },
		{ 99949, " time=99.9 ms" },
		{ 99950, " time=100 ms" },
		{ 123456, " time=123 ms" },
		{ 2500000, " time=2500 ms" },
	};
	struct capture c;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		char *out;

		ping_print_time(capture_start(&c), cases[i].us);
		out = capture_end(&c);
		CHECK(!strcmp(out, cases[i].want), "%lld us: [%s]",
		      cases[i].us, out);
		free(out);
	}
}

/* The line ping_print_reply() prints for @r, to free(). */
static char *reply_line(const struct ping_opts *o, const struct ping_reply *r)
{
	struct capture c;

	ping_print_reply(capture_start(&c), o, r);
	return capture_end(&c);
}

static void test_replies(void)
{
	struct ping_opts o = opts("10.0.0.1");
	uint8_t pkt[PING_ICMP_HDRLEN + 56];
	size_t len = ping_build_echo(pkt, &o, 0, 3, T0);
	struct ping_reply r = {
		.icmp = pkt, .len = len, .from = "10.0.0.1", .ttl = 64,
		.rtt = 45,
	};
	char *out;

	to_reply(pkt, len);
	out = reply_line(&o, &r);
	CHECK(!strcmp(out, "64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.045 ms\n"),
	      "reply [%s]", out);
	free(out);

	r.ttl = -1;
	r.rtt = -1;
	r.dup = true;
	r.csfailed = true;
	out = reply_line(&o, &r);
	CHECK(!strcmp(out, "64 bytes from 10.0.0.1: icmp_seq=3 (DUP!) (BAD CHECKSUM!)\n"),
	      "dup, bad checksum, no ttl or time [%s]", out);
	free(out);

	/* Shorter than what was sent: nothing after the ttl. */
	r.ttl = 64;
	r.rtt = 45;
	r.dup = false;
	r.csfailed = false;
	r.len = len - 1;
	out = reply_line(&o, &r);
	CHECK(!strcmp(out, "63 bytes from 10.0.0.1: icmp_seq=3 ttl=64 (truncated)\n"),
	      "truncated [%s]", out);
	free(out);

	/* Payload byte #20 changed: iputils' report, 32 bytes a line. */
	r.len = len;
	pkt[PING_ICMP_HDRLEN + 20] = 0xeb;
	out = reply_line(&o, &r);
	CHECK(!strcmp(out, "64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.045 ms\n"
			   "wrong data byte #20 should be 0x14 but was 0xeb\n"
			   "#16\t10 11 12 13 eb 15 16 17 18 19 1a 1b 1c 1d 1e 1f "
			   "20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f \n"
			   "#48\t30 31 32 33 34 35 36 37 \n"),
	      "wrong data [%s]", out);
	free(out);
	/* The send time itself is not compared. */
	pkt[PING_ICMP_HDRLEN + 20] = 0x14;
	pkt[PING_ICMP_HDRLEN + 3] ^= 0xff;
	out = reply_line(&o, &r);
	CHECK(!strchr(out, '#'), "send time not compared [%s]", out);
	free(out);

	/* Without a send time the check starts at byte 0. */
	o = opts("-s 8 10.0.0.1");
	len = ping_build_echo(pkt, &o, 0, 1, T0);
	to_reply(pkt, len);
	pkt[PING_ICMP_HDRLEN] = 0x80;
	r.len = len;
	r.rtt = -1;
	out = reply_line(&o, &r);
	CHECK(!strcmp(out, "16 bytes from 10.0.0.1: icmp_seq=1 ttl=64\n"
			   "wrong data byte #0 should be 0x0 but was 0x80\n"
			   "#0\t80 1 2 3 4 5 6 7 \n"),
	      "wrong data, no timing [%s]", out);
	free(out);
}

/* The summary of @s after @elapsed_ns, to free(). */
static char *summary(const struct ping_stats *s, int64_t elapsed_ns)
{
	struct ping_opts o = opts("10.0.0.1");
	struct capture c;

	ping_print_summary(capture_start(&c), &o, s, elapsed_ns);
	return capture_end(&c);
}

static void test_summary(void)
{
	static const long long three[] = { 1000, 2000, 3000 };
	static const struct {
		long tx, rx;
		const char *loss;
	} losses[] = {
		{ 1, 0, ", 100% packet loss," },
		{ 3, 1, ", 66.6667% packet loss," },
		{ 3, 2, ", 33.3333% packet loss," },
		{ 7, 6, ", 14.2857% packet loss," },
		{ 1000, 999, ", 0.1% packet loss," },
		{ 100000, 99999, ", 0.001% packet loss," },
		{ 5, 4, ", 20% packet loss," },
		{ 4, 4, ", 0% packet loss," },
	};
	static struct ping_stats s;
	char *out;
	size_t i;

	fill(&s, three, 3);
	out = summary(&s, 2001500 * NSEC_PER_USEC);
	CHECK(!strcmp(out, "\n--- 10.0.0.1 ping statistics ---\n"
			   "3 packets transmitted, 3 received, 0% packet loss, time 2002ms\n"
			   "rtt min/avg/max/mdev = 1.000/2.000/3.000/0.816 ms\n"),
	      "summary [%s]", out);
	free(out);

	for (i = 0; i < ARRAY_SIZE(losses); i++) {
		ping_stats_init(&s);
		s.ntransmitted = losses[i].tx;
		s.nreceived = losses[i].rx;
		out = summary(&s, 0);
		CHECK(strstr(out, losses[i].loss) && !strstr(out, "rtt"),
		      "%ld/%ld: [%s]", losses[i].tx, losses[i].rx, out);
		free(out);
	}

	/* Elapsed time: whole ms, rounded half up. */
	out = summary(&s, 1499 * NSEC_PER_USEC);
	CHECK(strstr(out, ", time 1ms\n") != NULL, "1.499 ms [%s]", out);
	free(out);
	out = summary(&s, 1500 * NSEC_PER_USEC);
	CHECK(strstr(out, ", time 2ms\n") != NULL, "1.5 ms [%s]", out);
	free(out);

	/* Duplicates, corrupted and errors, in iputils' order. */
	ping_stats_init(&s);
	s.ntransmitted = 5;
	s.nreceived = 3;
	s.nrepeats = 2;
	s.nchecksum = 1;
	s.nerrors = 1;
	out = summary(&s, 4 * NSEC_PER_SEC);
	CHECK(!strcmp(out, "\n--- 10.0.0.1 ping statistics ---\n"
			   "5 packets transmitted, 3 received, +2 duplicates, +1 corrupted, +1 errors, 40% packet loss, time 4000ms\n"),
	      "all counters [%s]", out);
	free(out);

	/* Interrupted before the first request: no loss, no time. */
	ping_stats_init(&s);
	out = summary(&s, 0);
	CHECK(!strcmp(out, "\n--- 10.0.0.1 ping statistics ---\n"
			   "0 packets transmitted, 0 received\n"),
	      "nothing sent [%s]", out);
	free(out);

	/* Big times: ms with three decimals, no rounding. */
	ping_stats_init(&s);
	ping_stats_reply(&s, ping_stats_sent(&s), false, 1234567);
	out = summary(&s, 0);
	CHECK(strstr(out, "rtt min/avg/max/mdev = 1234.567/1234.567/1234.567/0.000 ms\n") != NULL,
	      "1234.567 ms [%s]", out);
	free(out);
}

int main(void)
{
	test_args();
	test_header();
	test_build();
	test_rtt();
	test_packets();
	test_errors();
	test_error_lines();
	test_stats();
	test_linger();
	test_time();
	test_replies();
	test_summary();

	return check_summary("ping-selftest");
}
