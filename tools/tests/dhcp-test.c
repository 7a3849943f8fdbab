// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of cnet-dhcp's pure parts (dhcp.c): the messages it
 * builds (RFC 2131 table 5), the replies it parses, well formed and in
 * every malformed shape (options running past the packet, no END, PAD
 * runs, option 52 overloading "file" and "sname", repeated and oversized
 * options, unsafe domain names), and the state machine driven with a fake
 * clock: DISCOVER, OFFER, REQUEST, ACK, duplicate address detection and
 * DECLINE, NAK, lost replies and the backoff schedule, T1, T2, expiry and
 * RELEASE.
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "../dhcp.h"
#include "../util.h"
#include "check.h"

const struct tool this_tool = { .name = "dhcp-selftest" };

#define S(x)	((int64_t)(x) * NSEC_PER_SEC)

static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

static uint32_t ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

/* ---- a reply to parse ------------------------------------------------------ */

struct pkt {
	uint8_t b[1500];
	size_t len;		/* so far */
};

/* The fixed part of a reply (BOOTREPLY, xid, yiaddr, chaddr, cookie). */
static void pkt_reply(struct pkt *p, uint32_t xid, const char *yiaddr)
{
	uint32_t be;

	memset(p, 0, sizeof(*p));
	p->b[0] = BOOTREPLY;
	p->b[1] = 1;
	p->b[2] = 6;
	be = htonl(xid);
	memcpy(p->b + 4, &be, 4);
	be = ip(yiaddr);
	memcpy(p->b + 16, &be, 4);
	memcpy(p->b + 28, mac, 6);
	be = htonl(DHCP_MAGIC);
	memcpy(p->b + DHCP_HDR_LEN, &be, 4);
	p->len = DHCP_OPTS_OFF;
}

static void pkt_bytes(struct pkt *p, const void *v, size_t n)
{
	memcpy(p->b + p->len, v, n);
	p->len += n;
}

static void pkt_opt(struct pkt *p, uint8_t code, const void *v, uint8_t n)
{
	p->b[p->len++] = code;
	p->b[p->len++] = n;
	pkt_bytes(p, v, n);
}

static void pkt_u8(struct pkt *p, uint8_t code, uint8_t v)
{
	pkt_opt(p, code, &v, 1);
}

static void pkt_u32(struct pkt *p, uint8_t code, uint32_t host)
{
	uint32_t be = htonl(host);

	pkt_opt(p, code, &be, 4);
}

static void pkt_addr(struct pkt *p, uint8_t code, const char *a)
{
	uint32_t be = ip(a);

	pkt_opt(p, code, &be, 4);
}

static void pkt_end(struct pkt *p)
{
	p->b[p->len++] = DHO_END;
}

/* A complete OFFER or ACK as dnsmasq sends them. */
static void pkt_full(struct pkt *p, uint8_t type, uint32_t xid,
		     const char *yiaddr)
{
	pkt_reply(p, xid, yiaddr);
	pkt_u8(p, DHO_MESSAGE_TYPE, type);
	pkt_addr(p, DHO_SERVER_ID, "10.0.2.1");
	pkt_u32(p, DHO_LEASE_TIME, 3600);
	pkt_u32(p, DHO_T1, 1800);
	pkt_u32(p, DHO_T2, 3150);
	pkt_addr(p, DHO_SUBNET_MASK, "255.255.255.0");
	pkt_addr(p, DHO_ROUTERS, "10.0.2.1");
	pkt_addr(p, DHO_DNS, "10.0.2.53");
	pkt_opt(p, DHO_DOMAIN_NAME, "test.lan", 8);
	pkt_end(p);
}

/* ---- building -------------------------------------------------------------- */

/* The value of option @code in a built message, its length in *@len. */
static const uint8_t *find_opt(const uint8_t *b, size_t len, uint8_t code,
			       uint8_t *olen)
{
	size_t i = DHCP_OPTS_OFF;

	while (i + 1 < len && b[i] != DHO_END) {
		if (b[i] == DHO_PAD) {
			i++;
			continue;
		}
		if (b[i] == code) {
			*olen = b[i + 1];
			return b + i + 2;
		}
		i += 2 + b[i + 1];
	}
	return NULL;
}

static void test_build(void)
{
	uint8_t b[DHCP_BUF_LEN], olen = 0;
	struct dhcp_req r = {
		.type = DHCPDISCOVER,
		.xid = 0x12345678,
		.secs = 3,
		.broadcast = true,
	};
	const uint8_t *v;
	uint32_t a;
	size_t len;

	memcpy(r.chaddr, mac, 6);
	CHECK(dhcp_build(b, sizeof(b) - 1, &r) == 0, "a short buffer is refused");
	len = dhcp_build(b, sizeof(b), &r);
	CHECK(len == DHCP_MIN_LEN, "DISCOVER padded to 300 bytes, got %zu", len);
	CHECK(b[0] == BOOTREQUEST && b[1] == 1 && b[2] == 6 && b[3] == 0,
	      "op, htype, hlen, hops");
	CHECK(b[4] == 0x12 && b[7] == 0x78, "xid in network order");
	CHECK(b[8] == 0 && b[9] == 3, "secs");
	CHECK(b[10] == 0x80 && b[11] == 0, "BROADCAST flag");
	CHECK(!memcmp(b + 28, mac, 6), "chaddr");
	CHECK(b[236] == 99 && b[237] == 130 && b[238] == 83 && b[239] == 99,
	      "magic cookie");
	v = find_opt(b, len, DHO_MESSAGE_TYPE, &olen);
	CHECK(v && olen == 1 && *v == DHCPDISCOVER, "option 53 DISCOVER");
	v = find_opt(b, len, DHO_CLIENT_ID, &olen);
	CHECK(v && olen == 7 && v[0] == 1 && !memcmp(v + 1, mac, 6),
	      "option 61: htype and MAC");
	v = find_opt(b, len, DHO_PARAM_LIST, &olen);
	CHECK(v && olen >= 4 && memchr(v, DHO_ROUTERS, olen) &&
	      memchr(v, DHO_DNS, olen) && memchr(v, DHO_SUBNET_MASK, olen),
	      "option 55 asks for mask, routers, DNS");
	CHECK(!find_opt(b, len, DHO_SERVER_ID, &olen) &&
	      !find_opt(b, len, DHO_REQUESTED_ADDR, &olen),
	      "DISCOVER: no 50, no 54");

	/* REQUEST in SELECTING: 50 and 54, no ciaddr */
	r.type = DHCPREQUEST;
	r.requested = ip("10.0.2.50");
	r.server_id = ip("10.0.2.1");
	len = dhcp_build(b, sizeof(b), &r);
	v = find_opt(b, len, DHO_REQUESTED_ADDR, &olen);
	memcpy(&a, v ? v : (const uint8_t *)"\0\0\0\0", 4);
	CHECK(v && olen == 4 && a == ip("10.0.2.50"), "REQUEST: option 50");
	v = find_opt(b, len, DHO_SERVER_ID, &olen);
	memcpy(&a, v ? v : (const uint8_t *)"\0\0\0\0", 4);
	CHECK(v && olen == 4 && a == ip("10.0.2.1"), "REQUEST: option 54");
	CHECK(!b[12] && !b[13] && !b[14] && !b[15], "REQUEST: ciaddr 0");

	/* RENEWING: ciaddr, no flag, no 50/54 */
	memset(&r, 0, sizeof(r));
	r.type = DHCPREQUEST;
	r.ciaddr = ip("10.0.2.50");
	memcpy(r.chaddr, mac, 6);
	len = dhcp_build(b, sizeof(b), &r);
	memcpy(&a, b + 12, 4);
	CHECK(a == ip("10.0.2.50"), "RENEW: ciaddr");
	CHECK(!b[10] && !b[11], "RENEW: no BROADCAST flag");
	CHECK(!find_opt(b, len, DHO_REQUESTED_ADDR, &olen) &&
	      !find_opt(b, len, DHO_SERVER_ID, &olen), "RENEW: no 50, no 54");

	/* RELEASE: no parameter list */
	r.type = DHCPRELEASE;
	r.server_id = ip("10.0.2.1");
	len = dhcp_build(b, sizeof(b), &r);
	CHECK(!find_opt(b, len, DHO_PARAM_LIST, &olen), "RELEASE: no option 55");
	CHECK(find_opt(b, len, DHO_SERVER_ID, &olen), "RELEASE: option 54");
}

/* ---- parsing --------------------------------------------------------------- */

static void test_parse_good(void)
{
	struct dhcp_msg m;
	struct pkt p;

	pkt_full(&p, DHCPACK, 0xabcdef01, "10.0.2.50");
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK, "a full ACK parses");
	CHECK(m.type == DHCPACK && m.xid == 0xabcdef01, "type and xid");
	CHECK(m.yiaddr == ip("10.0.2.50"), "yiaddr");
	CHECK(!memcmp(m.chaddr, mac, 6), "chaddr");
	CHECK(m.server_id == ip("10.0.2.1"), "server id");
	CHECK(m.has_mask && m.mask == ip("255.255.255.0"), "mask");
	CHECK(m.nrouters == 1 && m.routers[0] == ip("10.0.2.1"), "router");
	CHECK(m.ndns == 1 && m.dns[0] == ip("10.0.2.53"), "dns");
	CHECK(!strcmp(m.domain, "test.lan"), "domain \"%s\"", m.domain);
	CHECK(m.has_lease && m.lease == 3600, "lease");
	CHECK(m.has_t1 && m.t1 == 1800 && m.has_t2 && m.t2 == 3150, "T1, T2");

	/* a NAK with a message, its control bytes made harmless */
	pkt_reply(&p, 7, "0.0.0.0");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPNAK);
	pkt_opt(&p, DHO_MESSAGE, "wrong\nnet", 9);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.type == DHCPNAK,
	      "NAK parses");
	CHECK(!strcmp(m.message, "wrong?net"), "message \"%s\"", m.message);

	/* PAD runs anywhere, and padding after END */
	pkt_reply(&p, 7, "10.0.2.50");
	pkt_bytes(&p, "\0\0\0\0\0", 5);
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPOFFER);
	pkt_bytes(&p, "\0\0", 2);
	pkt_addr(&p, DHO_SERVER_ID, "10.0.2.1");
	pkt_end(&p);
	pkt_bytes(&p, "\0\0\0\xff\x33", 5);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.type == DHCPOFFER &&
	      m.server_id == ip("10.0.2.1"), "PAD runs are skipped");

	/* two instances of a list: concatenated (RFC 3396) */
	pkt_reply(&p, 7, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_addr(&p, DHO_DNS, "10.0.2.53");
	pkt_addr(&p, DHO_DNS, "10.0.2.54");
	/* of a fixed-size option, the first instance */
	pkt_addr(&p, DHO_SERVER_ID, "10.0.2.1");
	pkt_addr(&p, DHO_SERVER_ID, "10.0.2.9");
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK, "repeated options parse");
	CHECK(m.ndns == 2 && m.dns[1] == ip("10.0.2.54"),
	      "repeated option 6 concatenated (%u)", m.ndns);
	CHECK(m.server_id == ip("10.0.2.1"), "repeated option 54: the first");

	/* more DNS servers than we keep; a zero address skipped */
	pkt_reply(&p, 7, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_DNS, "\0\0\0\0\1\1\1\1\2\2\2\2\3\3\3\3\4\4\4\4\5\5\5\5",
		24);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.ndns == DHCP_MAX_DNS &&
	      m.dns[0] == ip("1.1.1.1"), "DNS list bounded, zeros skipped");
}

static void test_parse_bad(void)
{
	struct dhcp_msg m;
	struct pkt p;
	uint8_t long_opt[255];

	/* the fixed part */
	pkt_full(&p, DHCPACK, 1, "10.0.2.50");
	CHECK(dhcp_parse(p.b, DHCP_OPTS_OFF - 1, &m) == DHCP_ERR_SHORT,
	      "shorter than header + cookie");
	CHECK(dhcp_parse(p.b, 0, &m) == DHCP_ERR_SHORT, "empty");
	p.b[0] = BOOTREQUEST;
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NOT_REPLY, "a request");
	p.b[0] = BOOTREPLY;
	p.b[2] = 16;
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NOT_REPLY, "hlen 16");
	p.b[2] = 6;
	p.b[DHCP_HDR_LEN + 3] = 0;
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_MAGIC, "bad cookie");

	/* options running past the packet */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	p.b[p.len++] = DHO_DNS;
	p.b[p.len++] = 8;
	pkt_bytes(&p, "\1\1\1\1", 4);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_OVERRUN,
	      "length past the end");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	p.b[p.len++] = DHO_DNS;
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_OVERRUN,
	      "code with no length byte");
	pkt_reply(&p, 1, "10.0.2.50");
	p.b[p.len++] = DHO_MESSAGE_TYPE;
	p.b[p.len++] = 255;
	pkt_bytes(&p, "\5", 1);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_OVERRUN, "length 255");

	/* no END */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_END, "no END");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_bytes(&p, "\0\0\0\0\0\0\0\0", 8);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_END, "PADs only");
	pkt_reply(&p, 1, "10.0.2.50");
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_END, "no options at all");

	/* message type */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_addr(&p, DHO_SERVER_ID, "10.0.2.1");
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_TYPE, "no option 53");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_opt(&p, DHO_MESSAGE_TYPE, "\5\5", 2);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_TYPE, "option 53 of 2 bytes");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, 9);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_TYPE, "type 9");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_opt(&p, DHO_MESSAGE_TYPE, "", 0);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_TYPE, "empty option 53");

	/* values of the wrong size are ignored, not trusted */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_SUBNET_MASK, "\xff\xff\xff", 3);
	pkt_opt(&p, DHO_ROUTERS, "\1\2\3\4\5", 5);
	pkt_opt(&p, DHO_DNS, "", 0);
	pkt_opt(&p, DHO_LEASE_TIME, "\0\0\1", 3);
	pkt_opt(&p, DHO_SERVER_ID, "\1\2\3\4\5\6\7\x8", 8);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK, "odd sizes still parse");
	CHECK(!m.has_mask && !m.nrouters && !m.ndns && !m.has_lease &&
	      !m.server_id, "odd sizes ignored");

	/* domain names a resolv.conf line must not hold */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_DOMAIN_NAME, "lan\nnameserver 6.6.6.6", 22);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && !m.domain[0],
	      "a newline in the domain: dropped");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_DOMAIN_NAME, "a b", 3);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && !m.domain[0],
	      "a space in the domain: dropped");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_DOMAIN_NAME, "lan\0", 4);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && !strcmp(m.domain, "lan"),
	      "a trailing NUL is dropped");
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_DOMAIN_NAME, "l\0an", 4);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && !m.domain[0],
	      "a NUL inside the domain: dropped");

	/* a concatenated option over 255 bytes: unusable */
	memset(long_opt, 1, sizeof(long_opt));
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_opt(&p, DHO_DNS, long_opt, 252);
	pkt_opt(&p, DHO_DNS, long_opt, 8);
	pkt_end(&p);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && !m.ndns,
	      "option 6 concatenated past 255 bytes: ignored");
}

/* Option 52: "file" and "sname" hold options too. */
static void test_parse_overload(void)
{
	struct dhcp_msg m;
	struct pkt p;
	uint8_t *f;

	/* overload 1: the type and the router are in "file" */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_OVERLOAD, 1);
	pkt_end(&p);
	f = p.b + DHCP_FILE_OFF;
	memcpy(f, "\x35\x01\x05\x03\x04\x0a\x00\x02\x01\xff", 10);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.type == DHCPACK &&
	      m.nrouters == 1 && m.routers[0] == ip("10.0.2.1"),
	      "overload 1: options in file");

	/* overload 2: in sname; file is a file name, not read */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_OVERLOAD, 2);
	pkt_end(&p);
	memcpy(p.b + DHCP_SNAME_OFF, "\x35\x01\x02\xff", 4);
	memcpy(p.b + DHCP_FILE_OFF, "\x35\x01\x05\xff", 4);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.type == DHCPOFFER,
	      "overload 2: options in sname only");

	/* overload 3: both; list options concatenate across areas */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_OVERLOAD, 3);
	pkt_addr(&p, DHO_DNS, "10.0.2.53");
	pkt_end(&p);
	memcpy(p.b + DHCP_FILE_OFF, "\x35\x01\x05\x06\x04\x0a\x00\x02\x36\xff", 10);
	memcpy(p.b + DHCP_SNAME_OFF, "\x06\x04\x0a\x00\x02\x37\xff", 7);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.type == DHCPACK &&
	      m.ndns == 3 && m.dns[2] == ip("10.0.2.55"),
	      "overload 3: both, concatenated in order (%u)", m.ndns);

	/* the overloaded area must end with END */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_u8(&p, DHO_OVERLOAD, 1);
	pkt_end(&p);
	memset(p.b + DHCP_FILE_OFF, 0, DHCP_FILE_LEN);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_NO_END,
	      "overloaded file without END");
	/* an option in it must fit in it, not run into the cookie */
	memcpy(p.b + DHCP_FILE_OFF + DHCP_FILE_LEN - 3, "\x06\x08\x01", 3);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_ERR_OVERRUN,
	      "option overrunning the file field");
	/* option 52 inside an overloaded area is not followed */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_OVERLOAD, 1);
	pkt_end(&p);
	memcpy(p.b + DHCP_FILE_OFF, "\x35\x01\x05\x34\x01\x02\xff", 7);
	memcpy(p.b + DHCP_SNAME_OFF, "garbage without end", 19);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK && m.type == DHCPACK,
	      "option 52 in file: ignored");
	/* overload values other than 1-3: nothing more read */
	pkt_reply(&p, 1, "10.0.2.50");
	pkt_u8(&p, DHO_MESSAGE_TYPE, DHCPACK);
	pkt_u8(&p, DHO_OVERLOAD, 7);
	pkt_end(&p);
	memset(p.b + DHCP_FILE_OFF, 0x63, DHCP_FILE_LEN);
	CHECK(dhcp_parse(p.b, p.len, &m) == DHCP_OK, "overload 7: ignored");
}

/* ---- helpers ---------------------------------------------------------------- */

static void test_helpers(void)
{
	struct dhcp_lease l = { .ndns = 2 };
	char buf[256];

	CHECK(dhcp_mask_to_prefix(ip("255.255.255.0")) == 24, "/24");
	CHECK(dhcp_mask_to_prefix(ip("255.255.255.255")) == 32, "/32");
	CHECK(dhcp_mask_to_prefix(ip("0.0.0.0")) == 0, "/0");
	CHECK(dhcp_mask_to_prefix(ip("255.0.255.0")) == -1, "holes: -1");
	CHECK(dhcp_classful_prefix(ip("10.1.2.3")) == 8 &&
	      dhcp_classful_prefix(ip("172.16.0.1")) == 16 &&
	      dhcp_classful_prefix(ip("192.168.1.1")) == 24, "classful");

	l.dns[0] = ip("10.0.2.53");
	l.dns[1] = ip("10.0.2.54");
	strcpy(l.domain, "test.lan");
	dhcp_resolv_conf(&l, buf, sizeof(buf));
	CHECK(!strcmp(buf, "# written by cnet-dhcp\nsearch test.lan\n"
		      "nameserver 10.0.2.53\nnameserver 10.0.2.54\n"),
	      "resolv.conf: \"%s\"", buf);
	CHECK(dhcp_resolv_conf(&l, buf, 10) > 10 && strlen(buf) == 9,
	      "resolv.conf: truncated safely");
}

/* ---- the state machine ------------------------------------------------------- */

/* A message as the server would send it, for the current exchange. */
static struct dhcp_msg reply(const struct dhcp_sm *sm, uint8_t type,
			     const char *yiaddr)
{
	struct dhcp_msg m;
	struct pkt p;

	pkt_full(&p, type, sm->xid, yiaddr);
	dhcp_parse(p.b, p.len, &m);
	return m;
}

static int64_t ev(struct dhcp_sm *sm, enum dhcp_event_type e, int64_t now,
		  const struct dhcp_msg *m, struct dhcp_out *out)
{
	dhcp_sm_event(sm, e, now, m, out);
	return sm->deadline - now;
}

/* INIT to BOUND at @t with server 10.0.2.1; returns the time. */
static int64_t to_bound(struct dhcp_sm *sm, int64_t t)
{
	struct dhcp_out out;
	struct dhcp_msg m;

	ev(sm, DHCP_EV_START, t, NULL, &out);
	m = reply(sm, DHCPOFFER, "10.0.2.50");
	ev(sm, DHCP_EV_RX, t + S(1) / 10, &m, &out);
	m = reply(sm, DHCPACK, "10.0.2.50");
	ev(sm, DHCP_EV_RX, t + S(2) / 10, &m, &out);
	ev(sm, DHCP_EV_CHECK_OK, t + S(3), NULL, &out);
	return t + S(3);
}

static void test_sm_acquire(void)
{
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t t = S(1000), d;
	uint32_t xid;

	dhcp_sm_init(&sm, mac, 42);
	d = ev(&sm, DHCP_EV_START, t, NULL, &out);
	CHECK(sm.state == DHCP_S_SELECTING, "START: SELECTING");
	CHECK(out.actions == DHCP_ACT_SEND && out.req.type == DHCPDISCOVER &&
	      !out.dst && out.req.broadcast, "DISCOVER by broadcast, flag set");
	CHECK(!memcmp(out.req.chaddr, mac, 6) && out.req.xid == sm.xid,
	      "chaddr, xid");
	CHECK(d >= S(3) && d <= S(5), "first wait 4 +/- 1 s: %lld",
	      (long long)d);
	xid = sm.xid;

	/* not ours: another xid, another MAC, a non-OFFER */
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	m.xid++;
	ev(&sm, DHCP_EV_RX, t + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_SELECTING && !out.actions, "other xid ignored");
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	m.chaddr[5] ^= 1;
	ev(&sm, DHCP_EV_RX, t + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_SELECTING, "other chaddr ignored");
	m = reply(&sm, DHCPACK, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_SELECTING, "ACK while selecting ignored");
	m = reply(&sm, DHCPOFFER, "127.0.0.1");
	ev(&sm, DHCP_EV_RX, t + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_SELECTING, "OFFER of a loopback address ignored");
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	m.server_id = 0;
	ev(&sm, DHCP_EV_RX, t + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_SELECTING, "OFFER without server id ignored");

	/* the offer */
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t + S(2), &m, &out);
	CHECK(sm.state == DHCP_S_REQUESTING, "OFFER: REQUESTING");
	CHECK(out.actions == DHCP_ACT_SEND && out.req.type == DHCPREQUEST &&
	      !out.dst && out.req.broadcast && out.req.xid == xid &&
	      out.req.requested == ip("10.0.2.50") &&
	      out.req.server_id == ip("10.0.2.1") && !out.req.ciaddr,
	      "REQUEST: broadcast, same xid, options 50 and 54, no ciaddr");
	CHECK(out.req.secs == 2, "secs since the DISCOVER: %u", out.req.secs);
	/* a second offer does not change our mind */
	m = reply(&sm, DHCPOFFER, "10.0.2.99");
	m.server_id = ip("10.0.2.2");
	ev(&sm, DHCP_EV_RX, t + S(2), &m, &out);
	CHECK(sm.state == DHCP_S_REQUESTING && sm.offer_addr == ip("10.0.2.50") &&
	      !out.actions, "later offers ignored");
	/* an ACK from another server is not ours */
	m = reply(&sm, DHCPACK, "10.0.2.99");
	m.server_id = ip("10.0.2.2");
	ev(&sm, DHCP_EV_RX, t + S(2), &m, &out);
	CHECK(sm.state == DHCP_S_REQUESTING, "ACK of another server ignored");
	/* an ACK without a lease time is unusable */
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.has_lease = false;
	ev(&sm, DHCP_EV_RX, t + S(2), &m, &out);
	CHECK(sm.state == DHCP_S_REQUESTING, "ACK without lease time ignored");

	m = reply(&sm, DHCPACK, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t + S(3), &m, &out);
	CHECK(sm.state == DHCP_S_CHECKING && out.actions == DHCP_ACT_ADDR_ADD,
	      "ACK: CHECKING, add the address");
	CHECK(sm.lease.addr == ip("10.0.2.50") && sm.lease.prefixlen == 24 &&
	      sm.lease.router == ip("10.0.2.1") && sm.lease.ndns == 1 &&
	      sm.lease.server_id == ip("10.0.2.1"), "the lease");
	/* timed from the REQUEST (t + 2 s), RFC 2131 4.4.1 */
	CHECK(sm.lease.t1 == t + S(2) + S(1800) &&
	      sm.lease.t2 == t + S(2) + S(3150) &&
	      sm.lease.expiry == t + S(2) + S(3600), "T1, T2, expiry");
	/* nothing but DAD moves it now */
	ev(&sm, DHCP_EV_RX, t + S(3), &m, &out);
	CHECK(sm.state == DHCP_S_CHECKING && !out.actions, "CHECKING ignores messages");

	ev(&sm, DHCP_EV_CHECK_OK, t + S(5), NULL, &out);
	CHECK(sm.state == DHCP_S_BOUND &&
	      out.actions == (DHCP_ACT_APPLY | DHCP_ACT_BOUND),
	      "DAD passed: BOUND, route and DNS applied");
	CHECK(sm.deadline == sm.lease.t1, "wakes at T1");
	ev(&sm, DHCP_EV_CHECK_FAIL, t + S(6), NULL, &out);
	CHECK(sm.state == DHCP_S_BOUND && !out.actions, "late DAD events ignored");

	/* DAD that never ends */
	dhcp_sm_init(&sm, mac, 7);
	ev(&sm, DHCP_EV_START, t, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t, &m, &out);
	m = reply(&sm, DHCPACK, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t, &m, &out);
	ev(&sm, DHCP_EV_TIMER, sm.deadline, NULL, &out);
	CHECK(sm.state == DHCP_S_SELECTING &&
	      out.actions == (DHCP_ACT_DECONFIG | DHCP_ACT_SEND) &&
	      out.req.type == DHCPDISCOVER, "DAD timeout: removed, discover again");
}

/* Lost replies: RFC 2131 4.1's 4, 8, 16, 32, 64, 64 s, each +/- 1 s. */
static void test_sm_backoff(void)
{
	static const int want[] = { 4, 8, 16, 32, 64, 64, 64 };
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t t = 0, d, lo = S(100), hi = 0;
	unsigned int i, run;
	uint32_t xid;

	for (run = 0; run < 50; run++) {
		dhcp_sm_init(&sm, mac, run + 1);
		d = ev(&sm, DHCP_EV_START, t, NULL, &out);
		xid = sm.xid;
		for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			CHECK(d >= S(want[i] - 1) && d <= S(want[i] + 1),
			      "wait %u: %d +/- 1 s, got %lld ns", i, want[i],
			      (long long)d);
			if (i == 0 && d < lo)
				lo = d;
			if (i == 0 && d > hi)
				hi = d;
			t += d;
			d = ev(&sm, DHCP_EV_TIMER, t, NULL, &out);
			CHECK(out.actions == DHCP_ACT_SEND &&
			      out.req.type == DHCPDISCOVER && sm.xid == xid,
			      "DISCOVER sent again, same xid");
		}
	}
	CHECK(hi - lo > S(1), "the jitter varies (%lld..%lld)", (long long)lo,
	      (long long)hi);

	/* REQUESTING: request_tries REQUESTs, then discover again */
	dhcp_sm_init(&sm, mac, 3);
	ev(&sm, DHCP_EV_START, t, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	d = ev(&sm, DHCP_EV_RX, t, &m, &out);
	for (i = 1; i < sm.p.request_tries; i++) {
		CHECK(d >= S((4 << (i - 1)) - 1) && d <= S((4 << (i - 1)) + 1),
		      "REQUEST retry %u wait %lld", i, (long long)d);
		t += d;
		d = ev(&sm, DHCP_EV_TIMER, t, NULL, &out);
		CHECK(sm.state == DHCP_S_REQUESTING && out.req.type == DHCPREQUEST &&
		      out.req.requested == ip("10.0.2.50"), "REQUEST again");
	}
	t += d;
	ev(&sm, DHCP_EV_TIMER, t, NULL, &out);
	CHECK(sm.state == DHCP_S_SELECTING && out.req.type == DHCPDISCOVER,
	      "no ACK after %u REQUESTs: back to DISCOVER", sm.p.request_tries);
}

static void test_sm_nak(void)
{
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t t = S(50);

	/* NAK while requesting: INIT, discover after nak_wait */
	dhcp_sm_init(&sm, mac, 9);
	ev(&sm, DHCP_EV_START, t, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t, &m, &out);
	m = reply(&sm, DHCPNAK, "0.0.0.0");
	m.server_id = ip("10.0.2.7");
	ev(&sm, DHCP_EV_RX, t, &m, &out);
	CHECK(sm.state == DHCP_S_REQUESTING, "NAK of another server ignored");
	m = reply(&sm, DHCPNAK, "0.0.0.0");
	ev(&sm, DHCP_EV_RX, t + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_INIT && !out.actions, "NAK: INIT, nothing to undo");
	CHECK(sm.deadline == t + S(1) + sm.p.nak_wait, "restart after nak_wait");
	ev(&sm, DHCP_EV_TIMER, sm.deadline, NULL, &out);
	CHECK(sm.state == DHCP_S_SELECTING && out.req.type == DHCPDISCOVER,
	      "then DISCOVER");

	/* NAK while renewing: the configuration goes */
	dhcp_sm_init(&sm, mac, 10);
	t = to_bound(&sm, t);
	ev(&sm, DHCP_EV_TIMER, sm.lease.t1, NULL, &out);
	m = reply(&sm, DHCPNAK, "0.0.0.0");
	ev(&sm, DHCP_EV_RX, sm.lease.t1 + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_INIT && out.actions == DHCP_ACT_DECONFIG,
	      "NAK when renewing: deconfigure, INIT");
}

static void test_sm_renew(void)
{
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t t, t1, t2, exp;
	uint32_t xid;

	dhcp_sm_init(&sm, mac, 11);
	to_bound(&sm, S(10));
	t1 = sm.lease.t1;
	t2 = sm.lease.t2;
	exp = sm.lease.expiry;
	xid = sm.xid;

	ev(&sm, DHCP_EV_TIMER, t1 - S(1), NULL, &out);
	CHECK(sm.state == DHCP_S_BOUND && !out.actions && sm.deadline == t1,
	      "an early wake-up changes nothing");
	ev(&sm, DHCP_EV_TIMER, t1, NULL, &out);
	CHECK(sm.state == DHCP_S_RENEWING, "T1: RENEWING");
	CHECK(out.actions == DHCP_ACT_SEND && out.req.type == DHCPREQUEST &&
	      out.dst == ip("10.0.2.1") && out.req.ciaddr == ip("10.0.2.50") &&
	      !out.req.broadcast && !out.req.requested && !out.req.server_id,
	      "REQUEST unicast to the server, ciaddr, no 50/54, no flag");
	CHECK(sm.xid != xid, "a new xid");
	/* half the time to T2 (675 s), at least 60 s */
	CHECK(sm.deadline == t1 + (t2 - t1) / 2, "retransmit at half-way to T2");
	t = sm.deadline;
	ev(&sm, DHCP_EV_TIMER, t, NULL, &out);
	CHECK(sm.state == DHCP_S_RENEWING && out.dst == ip("10.0.2.1"),
	      "renew retransmitted, unicast");
	while (sm.deadline < t2) {
		CHECK(sm.deadline - t >= sm.p.renew_min || sm.deadline == t2,
		      "retransmissions at least 60 s apart");
		t = sm.deadline;
		ev(&sm, DHCP_EV_TIMER, t, NULL, &out);
	}
	CHECK(sm.deadline == t2, "the last renewal wait ends at T2");
	ev(&sm, DHCP_EV_TIMER, t2, NULL, &out);
	CHECK(sm.state == DHCP_S_REBINDING, "T2: REBINDING");
	CHECK(out.actions == DHCP_ACT_SEND && out.req.type == DHCPREQUEST &&
	      !out.dst && out.req.ciaddr == ip("10.0.2.50") && !out.req.broadcast,
	      "REQUEST broadcast, ciaddr");
	/* any server may answer now */
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.server_id = ip("10.0.2.2");
	ev(&sm, DHCP_EV_RX, t2 + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_BOUND &&
	      out.actions == (DHCP_ACT_APPLY | DHCP_ACT_BOUND),
	      "rebound by another server: BOUND, reapplied");
	CHECK(sm.lease.server_id == ip("10.0.2.2"), "the new server is kept");
	CHECK(sm.lease.expiry == t2 + S(3600), "expiry from the rebinding REQUEST");
	(void)exp;

	/* renewed by the server */
	dhcp_sm_init(&sm, mac, 12);
	to_bound(&sm, S(10));
	t1 = sm.lease.t1;
	ev(&sm, DHCP_EV_TIMER, t1, NULL, &out);
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.routers[0] = ip("10.0.2.254");
	ev(&sm, DHCP_EV_RX, t1 + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_BOUND && out.actions == (DHCP_ACT_APPLY | DHCP_ACT_BOUND) &&
	      sm.lease.router == ip("10.0.2.254"), "renewed: new router applied");
	CHECK(sm.lease.t1 == t1 + S(1800) && sm.deadline == sm.lease.t1,
	      "next T1 from the renewal");

	/* renewed with another address: re-checked */
	ev(&sm, DHCP_EV_TIMER, sm.lease.t1, NULL, &out);
	m = reply(&sm, DHCPACK, "10.0.2.51");
	ev(&sm, DHCP_EV_RX, sm.lease.t1 + S(1), &m, &out);
	CHECK(sm.state == DHCP_S_CHECKING &&
	      out.actions == (DHCP_ACT_DECONFIG | DHCP_ACT_ADDR_ADD) &&
	      sm.lease.addr == ip("10.0.2.51"), "a new address: old out, new checked");

	/* nobody answers: expiry removes everything and starts over */
	dhcp_sm_init(&sm, mac, 13);
	to_bound(&sm, S(10));
	exp = sm.lease.expiry;
	t = sm.lease.t1;
	for (;;) {
		CHECK(t <= exp, "no wake-up past the expiry");
		ev(&sm, DHCP_EV_TIMER, t, NULL, &out);
		if (sm.state == DHCP_S_SELECTING || t > exp)
			break;
		t = sm.deadline;
	}
	CHECK(t == exp, "woken at the expiry");
	CHECK(out.actions == (DHCP_ACT_DECONFIG | DHCP_ACT_SEND) &&
	      out.req.type == DHCPDISCOVER && !out.req.ciaddr,
	      "expired: deconfigure, DISCOVER");
}

/* The server's T1/T2 sanity: defaults, bad orders, an infinite lease. */
static void test_sm_times(void)
{
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t s;

	dhcp_sm_init(&sm, mac, 14);
	ev(&sm, DHCP_EV_START, 0, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	s = sm.sent;
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.has_t1 = m.has_t2 = false;
	m.lease = 800;
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	CHECK(sm.lease.t1 == s + S(400) && sm.lease.t2 == s + S(700),
	      "defaults: 0.5 and 0.875 of the lease");

	dhcp_sm_init(&sm, mac, 15);
	ev(&sm, DHCP_EV_START, 0, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.lease = 100;
	m.t1 = 90;
	m.t2 = 200;
	m.has_mask = false;
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	CHECK(sm.lease.t2 == sm.sent + S(87) && sm.lease.t1 == sm.sent + S(50),
	      "T2 past the lease: default; T1 past T2: default");
	CHECK(sm.lease.prefixlen == 8, "no mask: classful /8 for 10/8");

	dhcp_sm_init(&sm, mac, 16);
	ev(&sm, DHCP_EV_START, 0, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.lease = DHCP_INFINITE;
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	ev(&sm, DHCP_EV_CHECK_OK, 0, NULL, &out);
	CHECK(sm.state == DHCP_S_BOUND && sm.deadline == INT64_MAX,
	      "infinite lease: no renewal");

	dhcp_sm_init(&sm, mac, 17);
	ev(&sm, DHCP_EV_START, 0, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	m = reply(&sm, DHCPACK, "10.0.2.50");
	m.lease = 0;
	ev(&sm, DHCP_EV_RX, 0, &m, &out);
	CHECK(sm.state == DHCP_S_REQUESTING, "a lease of 0 s is refused");
}

static void test_sm_decline(void)
{
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t t = S(100);

	dhcp_sm_init(&sm, mac, 20);
	ev(&sm, DHCP_EV_START, t, NULL, &out);
	m = reply(&sm, DHCPOFFER, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t, &m, &out);
	m = reply(&sm, DHCPACK, "10.0.2.50");
	ev(&sm, DHCP_EV_RX, t, &m, &out);
	CHECK(sm.state == DHCP_S_CHECKING, "checking");
	ev(&sm, DHCP_EV_CHECK_FAIL, t + S(2), NULL, &out);
	CHECK(out.actions == (DHCP_ACT_SEND | DHCP_ACT_DECONFIG),
	      "conflict: DECLINE and remove the address");
	CHECK(out.req.type == DHCPDECLINE && !out.dst && !out.req.ciaddr &&
	      out.req.requested == ip("10.0.2.50") &&
	      out.req.server_id == ip("10.0.2.1"),
	      "DECLINE: broadcast, ciaddr 0, options 50 and 54");
	CHECK(sm.state == DHCP_S_INIT && sm.deadline == t + S(2) + S(10),
	      "INIT, discover again after 10 s (RFC 2131 3.1.5)");
	ev(&sm, DHCP_EV_TIMER, sm.deadline, NULL, &out);
	CHECK(sm.state == DHCP_S_SELECTING && out.req.type == DHCPDISCOVER &&
	      !(out.actions & DHCP_ACT_DECONFIG), "then DISCOVER, nothing to undo");
}

static void test_sm_release(void)
{
	struct dhcp_sm sm;
	struct dhcp_out out;

	dhcp_sm_init(&sm, mac, 30);
	to_bound(&sm, S(10));
	ev(&sm, DHCP_EV_RELEASE, S(20), NULL, &out);
	CHECK(sm.state == DHCP_S_RELEASED, "RELEASED");
	CHECK(out.actions == (DHCP_ACT_SEND | DHCP_ACT_DECONFIG | DHCP_ACT_EXIT),
	      "RELEASE sent, deconfigured, exit");
	CHECK(out.req.type == DHCPRELEASE && out.dst == ip("10.0.2.1") &&
	      out.req.ciaddr == ip("10.0.2.50") &&
	      out.req.server_id == ip("10.0.2.1") && !out.req.requested,
	      "RELEASE: unicast to the server, ciaddr, option 54");
	ev(&sm, DHCP_EV_TIMER, S(30), NULL, &out);
	CHECK(!out.actions && sm.deadline == INT64_MAX, "nothing after RELEASED");

	/* before any lease: nothing to give back */
	dhcp_sm_init(&sm, mac, 31);
	ev(&sm, DHCP_EV_START, 0, NULL, &out);
	ev(&sm, DHCP_EV_RELEASE, S(1), NULL, &out);
	CHECK(out.actions == DHCP_ACT_EXIT, "release while selecting: just exit");
}

int main(void)
{
	test_build();
	test_parse_good();
	test_parse_bad();
	test_parse_overload();
	test_helpers();
	test_sm_acquire();
	test_sm_backoff();
	test_sm_nak();
	test_sm_renew();
	test_sm_times();
	test_sm_decline();
	test_sm_release();
	return check_summary("dhcp-selftest");
}
