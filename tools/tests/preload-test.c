// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of libcnet-preload's decisions (preload/xlate.c):
 * which socket() calls become cnet's, addresses in and out (the family
 * only, never past the length given), which getaddrinfo() calls the
 * library answers, and /etc/hosts lines.
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>

#include <linux/cnet.h>

#include "../preload/xlate.h"
#include "../util.h"
#include "check.h"

const struct tool this_tool = { .name = "preload-test" };

static void test_socket(void)
{
	CHECK(xlate_socket(AF_INET, SOCK_STREAM, 0), "TCP, protocol 0");
	CHECK(xlate_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP), "TCP");
	CHECK(xlate_socket(AF_INET, SOCK_DGRAM, 0), "UDP, protocol 0");
	CHECK(xlate_socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP), "UDP");
	CHECK(xlate_socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
			   0), "TCP with the flags");
	CHECK(xlate_socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP),
	      "UDP with SOCK_CLOEXEC");
	CHECK(!xlate_socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), "TCP type, UDP protocol");
	CHECK(!xlate_socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), "UDP type, TCP protocol");
	CHECK(!xlate_socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP), "SCTP: Linux's");
	CHECK(!xlate_socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP), "ping socket: Linux's");
	CHECK(!xlate_socket(AF_INET, SOCK_RAW, IPPROTO_UDP), "raw: Linux's");
	CHECK(!xlate_socket(AF_INET, SOCK_SEQPACKET, 0), "seqpacket: Linux's");
	CHECK(!xlate_socket(AF_INET6, SOCK_STREAM, 0), "IPv6: Linux's");
	CHECK(!xlate_socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP), "IPv6 UDP: Linux's");
	CHECK(!xlate_socket(AF_UNIX, SOCK_STREAM, 0), "AF_UNIX: Linux's");
	CHECK(!xlate_socket(AF_NETLINK, SOCK_DGRAM, 0), "netlink: Linux's");
	CHECK(!xlate_socket(AF_CUSTOM, SOCK_DGRAM, 0), "AF_CUSTOM: as it is");
}

static void test_addr(void)
{
	struct sockaddr_in in = { .sin_family = AF_INET, .sin_port = htons(80),
				  .sin_addr.s_addr = htonl(0x0a000102) };
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6 };
	struct sockaddr_storage ss;
	struct sockaddr_cnet *cn = (struct sockaddr_cnet *)&ss;
	struct sockaddr sa;
	unsigned char raw[4];

	memset(&ss, 0xaa, sizeof(ss));
	CHECK(xlate_addr_in((struct sockaddr *)&in, sizeof(in), &ss), "AF_INET in");
	CHECK(cn->scn_family == AF_CUSTOM && cn->scn_port == htons(80) &&
	      cn->scn_addr == htonl(0x0a000102), "family changed, the rest kept");
	CHECK(((unsigned char *)&ss)[sizeof(in)] == 0xaa, "nothing past the length");
	CHECK(!xlate_addr_in((struct sockaddr *)&in6, sizeof(in6), &ss), "AF_INET6 not");
	sa.sa_family = AF_UNSPEC;
	CHECK(!xlate_addr_in(&sa, sizeof(sa), &ss), "AF_UNSPEC (disconnect) not");
	CHECK(!xlate_addr_in(NULL, 0, &ss), "no address");
	CHECK(!xlate_addr_in((struct sockaddr *)&in, 1, &ss), "shorter than a family");
	/* short but with the family: the kernel says EINVAL, as Linux */
	CHECK(xlate_addr_in((struct sockaddr *)&in, 4, &ss) &&
	      ss.ss_family == AF_CUSTOM, "a short AF_INET address: passed on");

	memset(&ss, 0, sizeof(ss));
	cn->scn_family = AF_CUSTOM;
	cn->scn_port = htons(53);
	CHECK(xlate_addr_out((struct sockaddr *)&ss, sizeof(*cn)), "AF_CUSTOM out");
	CHECK(ss.ss_family == AF_INET && cn->scn_port == htons(53),
	      "AF_INET, the port kept");
	CHECK(!xlate_addr_out((struct sockaddr *)&ss, sizeof(*cn)), "AF_INET: not again");
	CHECK(!xlate_addr_out((struct sockaddr *)&in6, sizeof(in6)), "AF_INET6 out: as it is");
	CHECK(!xlate_addr_out(NULL, 16), "no buffer");
	raw[0] = AF_CUSTOM;
	raw[1] = 0;
	CHECK(!xlate_addr_out((struct sockaddr *)raw, 1),
	      "a buffer shorter than the family is left alone");
}

static void test_gai(void)
{
	CHECK(xlate_gai_ours("www.example.test", AF_UNSPEC, 0, false), "a name, AF_UNSPEC");
	CHECK(xlate_gai_ours("www", AF_INET, AI_CANONNAME, false), "a name, AF_INET");
	CHECK(!xlate_gai_ours("www", AF_INET6, 0, false), "AF_INET6: glibc's");
	CHECK(!xlate_gai_ours("www", AF_INET, 0, true), "in /etc/hosts: glibc's");
	CHECK(!xlate_gai_ours(NULL, AF_INET, AI_PASSIVE, false), "no name: glibc's");
	CHECK(!xlate_gai_ours("www", AF_INET, AI_NUMERICHOST, false), "AI_NUMERICHOST");
	CHECK(!xlate_gai_ours("10.0.1.2", AF_INET, 0, false), "an IPv4 address");
	CHECK(!xlate_gai_ours("10.1", AF_UNSPEC, 0, false), "inet_aton's shorthand");
	CHECK(!xlate_gai_ours("::1", AF_UNSPEC, 0, false), "an IPv6 address");
	CHECK(!xlate_gai_ours("fe80::1%eth0", AF_UNSPEC, 0, false), "a scoped IPv6 address");
	CHECK(!xlate_gai_ours("www", AF_UNIX, 0, false), "another family");
}

static void test_hosts(void)
{
	const char *hosts =
		"# a comment with www.test in it\n"
		"127.0.0.1\tlocalhost\n"
		"::1     localhost ip6-localhost ip6-loopback\n"
		"10.0.0.5 web.test  Alias # www.test again\r\n"
		"10.0.0.6";

	CHECK(xlate_hosts_has(hosts, "localhost"), "localhost");
	CHECK(xlate_hosts_has(hosts, "ip6-loopback"), "the last name of a line");
	CHECK(xlate_hosts_has(hosts, "WEB.test."), "case and a final dot ignored");
	CHECK(xlate_hosts_has(hosts, "alias"), "an alias");
	CHECK(!xlate_hosts_has(hosts, "www.test"), "comments are not entries");
	CHECK(!xlate_hosts_has(hosts, "10.0.0.5"), "an address is not a name");
	CHECK(!xlate_hosts_has(hosts, "10.0.0.6"), "...nor on a line of its own");
	CHECK(!xlate_hosts_has(hosts, "web"), "a prefix is not the name");
	CHECK(!xlate_hosts_has(hosts, "."), "the root is not a name");
	CHECK(!xlate_hosts_has("", "localhost"), "an empty file");
}

int main(void)
{
	test_socket();
	test_addr();
	test_gai();
	test_hosts();
	return check_summary("preload-test");
}
