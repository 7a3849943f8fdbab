// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of cnet-nc's command line (nc.c): OpenBSD nc's flags,
 * the connect and listen forms, port ranges, and every usage error with
 * its message.
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "../nc.h"
#include "check.h"

const struct tool this_tool = { .name = "cnet-nc", .usage = nc_usage };

static uint32_t ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

/* Parse a command line given as one string; returns the status. */
static int parse(const char *line, struct nc_opts *o, char **err)
{
	static char buf[256];
	char *argv[16], *tok, *save = NULL;
	size_t len = 0;
	FILE *fp;
	int argc = 0, ret;

	snprintf(buf, sizeof(buf), "cnet-nc %s", line);
	for (tok = strtok_r(buf, " ", &save); tok && argc < 15;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	*err = NULL;
	fp = open_memstream(err, &len);
	ret = nc_parse_args(o, argc, argv, fp);
	fclose(fp);
	return ret;
}

static void test_bad(void)
{
	static const struct {
		const char *line;
		const char *err;
	} bad[] = {
		{ "", "cnet-nc: missing destination\n" },
		{ "-u 10.0.0.1", "cnet-nc: missing port\n" },
		{ "-u 10.0.0.1 53 x", "cnet-nc: unexpected argument \"x\"\n" },
		{ "-u foo 53", "cnet-nc: invalid destination \"foo\" (an IPv4 address, A.B.C.D)\n" },
		{ "-u 10.0.0.256 53", "cnet-nc: invalid destination \"10.0.0.256\"" },
		{ "-u 10.0.0.1 0", "cnet-nc: invalid port \"0\" (1-65535, or LOW-HIGH with -z)\n" },
		{ "-u 10.0.0.1 65536", "cnet-nc: invalid port \"65536\"" },
		{ "-u 10.0.0.1 domain", "cnet-nc: invalid port \"domain\"" },
		{ "-u 10.0.0.1 -1", "cnet-nc: invalid option \"-1\"\n" },
		{ "-u 10.0.0.1 53-52 -z", "cnet-nc: invalid port \"53-52\"" },
		{ "-u 10.0.0.1 53-", "cnet-nc: invalid port \"53-\"" },
		{ "-u 10.0.0.1 1234567-2", "cnet-nc: invalid port \"1234567-2\"" },
		{ "-u 10.0.0.1 53-60", "cnet-nc: a port range needs -z\n" },
		{ "-x 10.0.0.1 53", "cnet-nc: invalid option \"-x\"\n" },
		{ "-u 10.0.0.1 53 -w", "cnet-nc: option \"-w\" needs an argument\n" },
		{ "-w 0 10.0.0.1 53", "cnet-nc: invalid timeout \"0\" (seconds, at least 0.001)\n" },
		{ "-w -1 10.0.0.1 53", "cnet-nc: invalid timeout \"-1\"" },
		{ "-w 1e3 10.0.0.1 53", "cnet-nc: invalid timeout \"1e3\"" },
		{ "-p 0 10.0.0.1 53", "cnet-nc: invalid port \"0\" (1-65535)\n" },
		{ "-p x 10.0.0.1 53", "cnet-nc: invalid port \"x\"" },
		{ "-s foo 10.0.0.1 53", "cnet-nc: invalid source address \"foo\"" },
		{ "-k 10.0.0.1 53", "cnet-nc: -k needs -l\n" },
		{ "-lz 53", "cnet-nc: -z and -l do not go together\n" },
		{ "-lu", "cnet-nc: missing port to listen on\n" },
		{ "-lu -p 53 53", "cnet-nc: listen port given twice (-p and \"53\")\n" },
		{ "-lu -s 10.0.0.1 10.0.0.1 53", "cnet-nc: listen address given twice" },
		{ "-lu foo 53", "cnet-nc: invalid address \"foo\"" },
		{ "-lu 10.0.0.1 53 x", "cnet-nc: unexpected argument \"x\"\n" },
		{ "-lu 0", "cnet-nc: invalid port \"0\" (1-65535)\n" },
	};
	struct nc_opts o;
	size_t i;
	char *err;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = parse(bad[i].line, &o, &err);
		const char *usage = strstr(err, "\nUsage: cnet-nc ");

		CHECK(ret == EXIT_USAGE &&
		      !strncmp(err, bad[i].err, strlen(bad[i].err)),
		      "\"%s\": status %d, [%s]", bad[i].line, ret, err);
		/* One line of message, then the usage. */
		CHECK(usage && usage == strchr(err, '\n'),
		      "\"%s\": usage after one line [%s]", bad[i].line, err);
		free(err);
	}
}

static void test_good(void)
{
	struct nc_opts o;
	char *err;

	CHECK(!parse("-u 10.0.0.2 53", &o, &err) && !*err && o.udp &&
	      !o.listen && !o.keep && !o.shut && !o.zero && !o.verbose &&
	      !o.timeout && !o.src && o.sport == -1 &&
	      o.dst == ip("10.0.0.2") && o.port_lo == 53 && o.port_hi == 53,
	      "connect defaults [%s]", err);
	free(err);
	CHECK(!parse("10.0.0.2 80", &o, &err) && !o.udp, "TCP by default");
	free(err);
	CHECK(!parse("-unv4 -N -w 2.5 -s 10.0.0.1 -p 4000 10.0.0.2 53", &o,
		     &err) && o.udp && o.shut && o.verbose &&
	      o.timeout == 2500 * NSEC_PER_MSEC && o.src == ip("10.0.0.1") &&
	      o.sport == 4000, "every connect option [%s]", err);
	free(err);
	CHECK(!parse("-zu 10.0.0.2 20-25", &o, &err) && o.zero &&
	      o.port_lo == 20 && o.port_hi == 25, "a port range with -z");
	free(err);
	CHECK(!parse("-zu 10.0.0.2 7-7", &o, &err) && o.port_lo == 7 &&
	      o.port_hi == 7, "a range of one");
	free(err);
	/* Options after the operands, as GNU getopt permutes them. */
	CHECK(!parse("10.0.0.2 53 -u -w 1", &o, &err) && o.udp &&
	      o.timeout == NSEC_PER_SEC, "options last [%s]", err);
	free(err);

	CHECK(!parse("-lu 5000", &o, &err) && o.listen && o.udp &&
	      o.sport == 5000 && !o.src, "listen PORT [%s]", err);
	free(err);
	CHECK(!parse("-l -u -p 5000", &o, &err) && o.sport == 5000,
	      "listen -p PORT [%s]", err);
	free(err);
	CHECK(!parse("-luk 10.0.0.1 5000", &o, &err) && o.keep &&
	      o.src == ip("10.0.0.1") && o.sport == 5000,
	      "listen HOST PORT -k [%s]", err);
	free(err);
	CHECK(!parse("-lu -s 10.0.0.1 -p 5000 -w 3", &o, &err) &&
	      o.src == ip("10.0.0.1") && o.sport == 5000 &&
	      o.timeout == 3 * NSEC_PER_SEC, "listen -s -p -w [%s]", err);
	free(err);
}

static void test_addrport(void)
{
	char buf[NC_ADDRPORT_LEN];

	CHECK(!strcmp(nc_addrport(buf, ip("10.0.0.2"), 53), "10.0.0.2:53"),
	      "%s", buf);
	CHECK(!strcmp(nc_addrport(buf, ip("255.255.255.255"), 65535),
		      "255.255.255.255:65535"), "%s", buf);
}

int main(void)
{
	test_bad();
	test_good();
	test_addrport();
	return check_summary("nc-test");
}
