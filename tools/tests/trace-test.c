// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of cnet-traceroute's socket-free parts (trace.c): the
 * command line and its errors, the probes, matching answers to the probe
 * in flight with hand-built ICMP messages (good ones, others' and
 * truncated ones), and the hop lines, compared with traceroute's format.
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "../trace.h"
#include "check.h"

const struct tool this_tool = { .name = "cnet-traceroute" };

static uint32_t ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

/* Parse a command line given as one string; returns the status. */
static int parse(const char *line, struct trace_opts *o, char *err,
		 size_t errlen)
{
	static char buf[256];
	char *argv[16], *tok, *save = NULL;
	int argc = 0, ret;
	FILE *fp = fmemopen(err, errlen, "w");

	snprintf(buf, sizeof(buf), "cnet-traceroute %s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 15;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	memset(err, 0, errlen);
	ret = trace_parse_args(o, argc, argv, fp);
	fclose(fp);
	return ret;
}

static void test_args(void)
{
	static const struct {
		const char *line;
		const char *err;	/* NULL: accepted */
	} bad[] = {
		{ "", "Usage: cnet-traceroute" },
		{ "example.com", "example.com: not an IPv4 address" },
		{ "10.0.0.256", "10.0.0.256: not an IPv4 address" },
		{ "-q 0 10.0.0.1", "no more than 10 probes per hop" },
		{ "-q 11 10.0.0.1", "no more than 10 probes per hop" },
		{ "-q x 10.0.0.1", "invalid number of probes \"x\"" },
		{ "-m 256 10.0.0.1", "max hops cannot be more than 255" },
		{ "-m 0 10.0.0.1", "first hop out of range" },
		{ "-f 0 10.0.0.1", "first hop out of range" },
		{ "-f 31 10.0.0.1", "first hop out of range" },
		{ "-w -1 10.0.0.1", "bad wait specifications `-1' used" },
		{ "-w 1e3 10.0.0.1", "bad wait specifications `1e3' used" },
		{ "-w 1.2.3 10.0.0.1", "bad wait specifications" },
		{ "-w . 10.0.0.1", "bad wait specifications" },
		{ "-p 65536 10.0.0.1", "invalid port \"65536\"" },
		{ "-Z 10.0.0.1", "invalid option \"-Z\"" },
		{ "10.0.0.1 -q", "option \"-q\" needs an argument" },
		{ "10.0.0.1 65001", "too big packetlen 65001 specified" },
		{ "10.0.0.1 6x", "invalid packet length \"6x\"" },
		{ "10.0.0.1 60 7", "unexpected argument \"7\"" },
	};
	char err[512];
	struct trace_opts o;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = parse(bad[i].line, &o, err, sizeof(err));

		CHECK(ret == EXIT_USAGE && strstr(err, bad[i].err),
		      "\"%s\": status %d, [%s]", bad[i].line, ret, err);
	}

	CHECK(!parse("10.0.2.2", &o, err, sizeof(err)) && !o.icmp &&
	      !o.numeric && o.nqueries == 3 && o.max_ttl == 30 &&
	      o.first_ttl == 1 && o.wait == 5 && o.port == 33434 &&
	      !o.port_set && o.datalen == 32 && o.dst == ip("10.0.2.2"),
	      "defaults");
	CHECK(!parse("-I -n -q 1 -w 0.5 -m 5 -f 2 -p 7 10.0.2.2 100", &o, err,
		     sizeof(err)) &&
	      o.icmp && o.numeric && o.nqueries == 1 && o.wait == 0.5 &&
	      o.max_ttl == 5 && o.first_ttl == 2 && o.port == 7 &&
	      o.port_set && o.datalen == 72, "all options: [%s]", err);
	/* Options after the host, as GNU getopt permutes them. */
	CHECK(!parse("10.0.2.2 -In -w .25", &o, err, sizeof(err)) &&
	      o.icmp && o.numeric && o.wait == 0.25, "options after host");
	/* A huge wait is accepted, as traceroute(8) does, and bounded. */
	CHECK(!parse("-w 999999999999 10.0.2.2", &o, err, sizeof(err)) &&
	      trace_wait_ns(&o) == 86400 * NSEC_PER_SEC &&
	      trace_wait_ns(&o) < INT64_MAX / 2, "huge wait bounded");
	CHECK(!parse("-w 1.5 10.0.2.2", &o, err, sizeof(err)) &&
	      trace_wait_ns(&o) == 1500000000, "wait in ns");
	/* Shorter than the headers: just the headers. */
	CHECK(!parse("10.0.2.2 10", &o, err, sizeof(err)) && o.datalen == 0,
	      "short packetlen");
	CHECK(!parse("-m 255 -f 255 10.0.2.2", &o, err, sizeof(err)),
	      "ttl 255");
}

static char *print_header(const char *line)
{
	static char out[256];
	char err[256];
	struct trace_opts o;
	FILE *fp;

	parse(line, &o, err, sizeof(err));
	fp = fmemopen(out, sizeof(out), "w");
	trace_print_header(fp, &o);
	fclose(fp);
	return out;
}

static void test_header(void)
{
	char *h = print_header("10.0.2.2");

	CHECK(!strcmp(h, "traceroute to 10.0.2.2 (10.0.2.2), 30 hops max, 60 byte packets\n"),
	      "header [%s]", h);
	h = print_header("-I -m 5 10.0.2.2 1000");
	CHECK(!strcmp(h, "traceroute to 10.0.2.2 (10.0.2.2), 5 hops max, 1000 byte packets\n"),
	      "header -m 5 [%s]", h);
	h = print_header("10.0.2.2 0");
	CHECK(!strcmp(h, "traceroute to 10.0.2.2 (10.0.2.2), 30 hops max, 28 byte packets\n"),
	      "header 0 [%s]", h);
}

static void test_probes(void)
{
	uint8_t buf[64];
	size_t len;

	len = trace_build_udp(buf, 32, 0x8123, 33434);
	CHECK(len == 40 && buf[0] == 0x81 && buf[1] == 0x23 &&
	      buf[2] == 0x82 && buf[3] == 0x9a && buf[4] == 0 &&
	      buf[5] == 40 && !buf[6] && !buf[7] && buf[8] == 0x40,
	      "udp probe");
	len = trace_build_echo(buf, 32, 0x1234, 7);
	CHECK(len == 40 && buf[0] == 8 && buf[1] == 0 && buf[4] == 0x12 &&
	      buf[5] == 0x34 && buf[6] == 0 && buf[7] == 7,
	      "echo probe header");
	CHECK(inet_cksum(buf, len) == 0, "echo probe checksum");
	len = trace_build_echo(buf, 0, 1, 1);
	CHECK(len == 8 && inet_cksum(buf, len) == 0, "empty echo checksum");
}

/* ---- answers ------------------------------------------------------------ */

static size_t put_ip(uint8_t *p, const char *src, const char *dst,
		     uint8_t proto, size_t total)
{
	uint32_t s = ip(src), d = ip(dst);

	memset(p, 0, 20);
	p[0] = 0x45;
	p[2] = total >> 8;
	p[3] = total & 0xff;
	p[8] = 64;
	p[9] = proto;
	memcpy(p + 12, &s, 4);
	memcpy(p + 16, &d, 4);
	return 20;
}

/* An ICMP error from @from about a probe (8 bytes @l4) to @dst. */
static size_t icmp_error(uint8_t *pkt, const char *from, uint8_t type,
			 uint8_t code, uint8_t proto, const char *dst,
			 const uint8_t *l4)
{
	size_t n = put_ip(pkt, from, "10.0.1.1", 1, 56);

	memset(pkt + n, 0, 8);
	pkt[n] = type;
	pkt[n + 1] = code;
	n += 8;
	n += put_ip(pkt + n, "10.0.1.1", dst, proto, 60);
	memcpy(pkt + n, l4, 8);
	return n + 8;
}

static void test_match(void)
{
	struct trace_probe udp = {
		.icmp = false, .dst = ip("10.0.2.2"), .id = 0x8123,
		.key = 33436,
	};
	struct trace_probe echo = {
		.icmp = true, .dst = ip("10.0.2.2"), .id = 0x1234, .key = 3,
	};
	uint8_t probe[48], pkt[128];
	struct trace_answer a;
	size_t n, i;

	/* UDP: time exceeded from a router. */
	trace_build_udp(probe, 32, 0x8123, 33436);
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 17, "10.0.2.2", probe);
	CHECK(trace_match(&udp, pkt, n, &a) && a.from == ip("10.0.1.254") &&
	      !a.final && !a.note[0], "udp time exceeded");
	/* Every truncation of it is refused. */
	for (i = 0; i < n; i++)
		CHECK(!trace_match(&udp, pkt, i, &a), "truncated to %zu", i);
	/* Port unreachable from the destination: final, no note. */
	n = icmp_error(pkt, "10.0.2.2", 3, 3, 17, "10.0.2.2", probe);
	CHECK(trace_match(&udp, pkt, n, &a) && a.final && !a.note[0] &&
	      a.from == ip("10.0.2.2"), "udp port unreachable");
	/* Host unreachable from a router: final, !H. */
	n = icmp_error(pkt, "10.0.1.254", 3, 1, 17, "10.0.2.2", probe);
	CHECK(trace_match(&udp, pkt, n, &a) && a.final &&
	      !strcmp(a.note, "!H"), "udp !H");

	/* Someone else's probe: another port, source port, destination. */
	trace_build_udp(probe, 32, 0x8123, 33435);
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 17, "10.0.2.2", probe);
	CHECK(!trace_match(&udp, pkt, n, &a), "older probe");
	trace_build_udp(probe, 32, 0x8124, 33436);
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 17, "10.0.2.2", probe);
	CHECK(!trace_match(&udp, pkt, n, &a), "other source port");
	trace_build_udp(probe, 32, 0x8123, 33436);
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 17, "10.0.2.3", probe);
	CHECK(!trace_match(&udp, pkt, n, &a), "other destination");
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 6, "10.0.2.2", probe);
	CHECK(!trace_match(&udp, pkt, n, &a), "other protocol");
	/* A quoted header with a bad IHL. */
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 17, "10.0.2.2", probe);
	pkt[28] = 0x44;
	CHECK(!trace_match(&udp, pkt, n, &a), "quoted ihl 4");
	pkt[28] = 0x4f;
	CHECK(!trace_match(&udp, pkt, n, &a), "quoted ihl 15, short");
	/* Not ICMP at all; not IPv4. */
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 17, "10.0.2.2", probe);
	pkt[9] = 17;
	CHECK(!trace_match(&udp, pkt, n, &a), "outer udp");
	pkt[9] = 1;
	pkt[0] = 0x65;
	CHECK(!trace_match(&udp, pkt, n, &a), "outer version 6");

	/* Echo: reply from the destination, by id and sequence. */
	n = put_ip(pkt, "10.0.2.2", "10.0.1.1", 1, 28);
	trace_build_echo(pkt + n, 0, 0x1234, 3);
	pkt[n] = 0;
	CHECK(trace_match(&echo, pkt, n + 8, &a) && a.final &&
	      a.from == ip("10.0.2.2") && !a.note[0], "echo reply");
	CHECK(!trace_match(&udp, pkt, n + 8, &a), "echo reply, udp probe");
	pkt[n + 7] = 4;
	CHECK(!trace_match(&echo, pkt, n + 8, &a), "echo reply, other seq");
	pkt[n + 7] = 3;
	pkt[n + 5] = 0x35;
	CHECK(!trace_match(&echo, pkt, n + 8, &a), "echo reply, other id");
	/* Our own request (seen on loopback) is no answer. */
	trace_build_echo(pkt + n, 0, 0x1234, 3);
	CHECK(!trace_match(&echo, pkt, n + 8, &a), "echo request");

	/* Echo: time exceeded and the unreachable notes. */
	trace_build_echo(probe, 32, 0x1234, 3);
	n = icmp_error(pkt, "10.0.1.254", 11, 0, 1, "10.0.2.2", probe);
	CHECK(trace_match(&echo, pkt, n, &a) && !a.final, "echo ttl");
	CHECK(!trace_match(&udp, pkt, n, &a), "echo ttl, udp probe");
	{
		static const struct {
			uint8_t code;
			const char *note;
		} notes[] = {
			{ 0, "!N" }, { 1, "!H" }, { 2, "!P" }, { 3, "" },
			{ 5, "!S" }, { 6, "!N" }, { 7, "!H" }, { 9, "!X" },
			{ 10, "!X" }, { 13, "!X" }, { 14, "!V" }, { 15, "!C" },
			{ 99, "!<99>" },
		};

		for (i = 0; i < ARRAY_SIZE(notes); i++) {
			n = icmp_error(pkt, "10.0.1.254", 3, notes[i].code, 1,
				       "10.0.2.2", probe);
			CHECK(trace_match(&echo, pkt, n, &a) && a.final &&
			      !strcmp(a.note, notes[i].note),
			      "code %u: [%s]", notes[i].code, a.note);
		}
	}
	n = icmp_error(pkt, "10.0.1.254", 3, 4, 1, "10.0.2.2", probe);
	pkt[26] = 0x05;
	pkt[27] = 0xdc;
	CHECK(trace_match(&echo, pkt, n, &a) && !strcmp(a.note, "!F-1500"),
	      "frag needed [%s]", a.note);
	n = icmp_error(pkt, "10.0.1.254", 11, 1, 1, "10.0.2.2", probe);
	CHECK(trace_match(&echo, pkt, n, &a) && a.final &&
	      !strcmp(a.note, "!<11-1>"), "reassembly [%s]", a.note);
	n = icmp_error(pkt, "10.0.1.254", 5, 0, 1, "10.0.2.2", probe);
	CHECK(!trace_match(&echo, pkt, n, &a), "redirect ignored");
}

/* ---- hop lines ---------------------------------------------------------- */

static void test_hops(void)
{
	struct trace_answer a1 = { .from = ip("10.0.1.254") };
	struct trace_answer a2 = { .from = ip("10.0.1.253") };
	struct trace_answer h = { .from = ip("10.0.1.254"), .final = true };
	struct trace_hop hop;
	char out[512];
	FILE *fp;

	snprintf(h.note, sizeof(h.note), "!H");
	fp = fmemopen(out, sizeof(out), "w");
	trace_hop_start(fp, &hop, 1);
	trace_hop_probe(fp, &hop, true, &a1, 0.512);
	trace_hop_probe(fp, &hop, true, &a1, 0.3214);
	trace_hop_probe(fp, &hop, true, &a1, 0.2996);
	trace_hop_end(fp);
	trace_hop_start(fp, &hop, 2);
	trace_hop_probe(fp, &hop, true, NULL, 0);
	trace_hop_probe(fp, &hop, true, &a1, 1);
	trace_hop_probe(fp, &hop, true, &a2, 2);
	trace_hop_probe(fp, &hop, true, NULL, 0);
	trace_hop_probe(fp, &hop, true, &a2, 3);
	trace_hop_probe(fp, &hop, true, &a1, 4);
	trace_hop_end(fp);
	trace_hop_start(fp, &hop, 12);
	trace_hop_probe(fp, &hop, true, NULL, 0);
	trace_hop_probe(fp, &hop, true, NULL, 0);
	trace_hop_probe(fp, &hop, true, NULL, 0);
	trace_hop_end(fp);
	trace_hop_start(fp, &hop, 13);
	trace_hop_probe(fp, &hop, false, &h, 3001.5);
	trace_hop_probe(fp, &hop, false, &h, 3000.25);
	trace_hop_end(fp);
	fclose(fp);
	CHECK(!strcmp(out,
		      " 1  10.0.1.254  0.512 ms  0.321 ms  0.300 ms\n"
		      " 2  * 10.0.1.254  1.000 ms 10.0.1.253  2.000 ms *  3.000 ms 10.0.1.254  4.000 ms\n"
		      "12  * * *\n"
		      "13  10.0.1.254 (10.0.1.254)  3001.500 ms !H  3000.250 ms !H\n"),
	      "hops:\n[%s]", out);
}

int main(void)
{
	test_args();
	test_header();
	test_probes();
	test_match();
	test_hops();

	return check_summary("trace-selftest");
}
