// SPDX-License-Identifier: GPL-2.0
/*
 * Offline self-test of cnet-resolve's DNS module (dns.c): text names and
 * their limits, the query bytes, name decompression against every
 * malformed shape (missing terminator, long labels and names, pointer
 * loops, forward and out-of-bounds pointers, truncated pointers), replies
 * checked against the question (ID, QR, opcode, name, type, class), the
 * CNAME chain and its bound, the rcodes, TC, counts larger than the data,
 * RDLENGTH past the end, and resolv.conf. Then a few hundred thousand
 * random mutations of good replies, which must be refused or read within
 * bounds (run it under ASan to see the latter).
 *
 * Exit status 0 when everything passes.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "../dns.h"
#include "../util.h"
#include "check.h"

const struct tool this_tool = { .name = "dns-test" };

/* ---- building messages by hand ------------------------------------------ */

struct msg {
	uint8_t b[4096];
	size_t len;
};

static void m_u8(struct msg *m, unsigned int v)
{
	m->b[m->len++] = v;
}

static void m_u16(struct msg *m, unsigned int v)
{
	m_u8(m, v >> 8);
	m_u8(m, v & 0xff);
}

static void m_u32(struct msg *m, uint32_t v)
{
	m_u16(m, v >> 16);
	m_u16(m, v & 0xffff);
}

static void m_hdr(struct msg *m, unsigned int id, unsigned int flags,
		  unsigned int qd, unsigned int an, unsigned int ns,
		  unsigned int ar)
{
	m->len = 0;
	m_u16(m, id);
	m_u16(m, flags);
	m_u16(m, qd);
	m_u16(m, an);
	m_u16(m, ns);
	m_u16(m, ar);
}

/* Labels of the text @name, without the final zero (end with m_u8(0)). */
static void m_labels(struct msg *m, const char *name)
{
	while (*name) {
		size_t n = strcspn(name, ".");

		m_u8(m, n);
		memcpy(m->b + m->len, name, n);
		m->len += n;
		name += n;
		if (*name)
			name++;
	}
}

static void m_name(struct msg *m, const char *name)
{
	m_labels(m, name);
	m_u8(m, 0);
}

static void m_ptr(struct msg *m, unsigned int off)
{
	m_u16(m, 0xc000 | off);
}

/* Type, class, TTL; the RDLENGTH and RDATA follow. */
static void m_rr_head(struct msg *m, unsigned int type, unsigned int rclass)
{
	m_u16(m, type);
	m_u16(m, rclass);
	m_u32(m, 300);
}

static void m_a(struct msg *m, const char *addr)
{
	struct in_addr in;

	inet_pton(AF_INET, addr, &in);
	m_rr_head(m, DNS_TYPE_A, DNS_CLASS_IN);
	m_u16(m, 4);
	memcpy(m->b + m->len, &in, 4);
	m->len += 4;
}

/* A CNAME's RDATA: @target in full. */
static void m_cname(struct msg *m, const char *target)
{
	size_t at;

	m_rr_head(m, DNS_TYPE_CNAME, DNS_CLASS_IN);
	at = m->len;
	m_u16(m, 0);
	m_name(m, target);
	m->b[at] = (m->len - at - 2) >> 8;
	m->b[at + 1] = (m->len - at - 2) & 0xff;
}

static uint32_t ip(const char *s)
{
	struct in_addr in;

	inet_pton(AF_INET, s, &in);
	return in.s_addr;
}

static const char *text(const uint8_t *wire)
{
	static char buf[DNS_NAME_TEXT];

	return dns_name_to_text(wire, buf);
}

/* ---- text names ----------------------------------------------------------- */

static void test_text_names(void)
{
	static const struct {
		const char *name;
		int ret;
	} cases[] = {
		{ "a.test", 8 },
		{ "a.test.", 8 },
		{ ".", 1 },
		{ "", -DNS_E_EMPTY },
		{ "a..test", -DNS_E_EMPTY },
		{ ".a", -DNS_E_EMPTY },
		{ "a.test..", -DNS_E_EMPTY },
	};
	uint8_t wire[DNS_MAX_NAME];
	char name[400];
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ret = dns_name_from_text(cases[i].name, wire);
		CHECK(ret == cases[i].ret, "\"%s\": %d, want %d",
		      cases[i].name, ret, cases[i].ret);
	}
	ret = dns_name_from_text("Www.A.test", wire);
	CHECK(ret == 12 && !memcmp(wire, "\3Www\1A\4test", 12),
	      "wire form of Www.A.test");

	/* A 63-byte label fits, 64 does not. */
	memset(name, 'x', 64);
	name[63] = '\0';
	CHECK(dns_name_from_text(name, wire) == 65, "63-byte label");
	name[63] = 'x';
	name[64] = '\0';
	CHECK(dns_name_from_text(name, wire) == -DNS_E_LABEL,
	      "64-byte label refused");

	/* 253 characters of text make 255 bytes of wire: the limit. */
	memset(name, 'a', 253);
	for (i = 63; i < 253; i += 64)
		name[i] = '.';
	name[253] = '\0';
	ret = dns_name_from_text(name, wire);
	CHECK(ret == 255, "253-character name: %d", ret);
	strcat(name, "a");
	CHECK(dns_name_from_text(name, wire) == -DNS_E_NAMELEN,
	      "254-character name refused");
	strcpy(name + 253, ".");
	CHECK(dns_name_from_text(name, wire) == 255,
	      "253 characters and the final dot");
}

static void test_name_compare_print(void)
{
	uint8_t a[DNS_MAX_NAME], b[DNS_MAX_NAME];
	static const uint8_t odd[] = "\4a.b\\\2\x20\xff\0";

	dns_name_from_text("WWW.Example.TEST", a);
	dns_name_from_text("www.example.test", b);
	CHECK(dns_name_equal(a, b), "names equal ignoring case");
	dns_name_from_text("www.example.tesu", b);
	CHECK(!dns_name_equal(a, b), "different names");
	dns_name_from_text("www.example", b);
	CHECK(!dns_name_equal(a, b), "a suffix is not equal");
	/* Length bytes are not letters: "\1a\1a" vs "\1A" + ... */
	dns_name_from_text("ab.c", a);
	dns_name_from_text("a.bc", b);
	CHECK(!dns_name_equal(a, b), "same letters, other labels");

	CHECK(!strcmp(text(a), "ab.c"), "text: %s", text(a));
	b[0] = 0;
	CHECK(!strcmp(text(b), "."), "the root as text");
	CHECK(!strcmp(text(odd), "a\\046b\\092.\\032\\255"),
	      "escaped as dig does: %s", text(odd));
}

/* ---- queries ---------------------------------------------------------------- */

static void test_query(void)
{
	static const uint8_t want[] = {
		0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00,
		0x01, 'a', 0x04, 't', 'e', 's', 't', 0x00,
		0x00, 0x01, 0x00, 0x01,
	};
	uint8_t name[DNS_MAX_NAME], buf[512];
	int len;

	dns_name_from_text("a.test", name);
	len = dns_query_build(buf, sizeof(buf), 0x1234, name, DNS_TYPE_A);
	CHECK(len == sizeof(want) && !memcmp(buf, want, sizeof(want)),
	      "query bytes (length %d)", len);
	CHECK(dns_query_build(buf, sizeof(want) - 1, 0x1234, name,
			      DNS_TYPE_A) == -DNS_E_SPACE,
	      "query refused without room");
}

/* ---- decompression ------------------------------------------------------------ */

/* Read the name at @off of @m; returns the status, the name in @wire. */
static int read_at(const struct msg *m, size_t off, uint8_t *wire,
		   size_t *next)
{
	return dns_name_read(m->b, m->len, off, wire, next);
}

static void test_decompress_good(void)
{
	uint8_t wire[DNS_MAX_NAME];
	struct msg m;
	size_t next;
	int ret;

	/* 12: a.test; 20: www + ptr(12); 26: ptr(20); 28: x + ptr(20) */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_name(&m, "a.test");
	m_labels(&m, "www");
	m_ptr(&m, 12);
	m_ptr(&m, 20);
	m_labels(&m, "x");
	m_ptr(&m, 20);
	ret = read_at(&m, 12, wire, &next);
	CHECK(ret == 8 && next == 20 && !strcmp(text(wire), "a.test"),
	      "plain name: %d %zu", ret, next);
	ret = read_at(&m, 20, wire, &next);
	CHECK(ret == 12 && next == 26 && !strcmp(text(wire), "www.a.test"),
	      "labels then a pointer: %d %zu %s", ret, next, text(wire));
	ret = read_at(&m, 26, wire, &next);
	CHECK(ret == 12 && next == 28 && !strcmp(text(wire), "www.a.test"),
	      "a pointer alone: %d %zu", ret, next);
	ret = read_at(&m, 28, wire, &next);
	CHECK(ret == 14 && next == 32 &&
	      !strcmp(text(wire), "x.www.a.test"),
	      "a pointer to a pointer: %d %zu %s", ret, next, text(wire));
}

static void test_decompress_bad(void)
{
	uint8_t wire[DNS_MAX_NAME];
	struct msg m;
	size_t next;
	int i, ret;

	/* Missing terminator: the message ends after a label. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_labels(&m, "a.test");
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_TRUNC,
	      "no terminator");
	/* A label longer than what is left. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_u8(&m, 5);
	m_u8(&m, 'a');
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_TRUNC,
	      "label past the end");
	/* Nothing at all. */
	CHECK(read_at(&m, m.len, wire, &next) == -DNS_E_TRUNC,
	      "name at the end");
	/* Length bytes 64 (01xxxxxx) and 128 (10xxxxxx): not labels. */
	for (i = 0; i < 2; i++) {
		m_hdr(&m, 0, 0, 0, 0, 0, 0);
		m_u8(&m, i ? 0x80 : 0x40);
		memset(m.b + m.len, 'x', 0x80);
		m.len += 0x80;
		m_u8(&m, 0);
		ret = read_at(&m, 12, wire, &next);
		CHECK(ret == -DNS_E_LABEL, "length byte %#x: %d",
		      i ? 0x80 : 0x40, ret);
	}
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_u8(&m, 0xbf);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_LABEL,
	      "length byte 0xbf");

	/* 255 bytes fit; four 63-byte labels (257) do not. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	for (i = 0; i < 4; i++) {
		m_u8(&m, i == 3 ? 61 : 63);
		memset(m.b + m.len, 'a' + i, 63);
		m.len += i == 3 ? 61 : 63;
	}
	m_u8(&m, 0);
	CHECK(read_at(&m, 12, wire, &next) == 255, "255-byte name");
	m.len--;
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_TRUNC,
	      "255-byte name without its terminator");
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	for (i = 0; i < 4; i++) {
		m_u8(&m, 63);
		memset(m.b + m.len, 'a' + i, 63);
		m.len += 63;
	}
	m_u8(&m, 0);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_NAMELEN,
	      "256+-byte name");
	/* Over 255 bytes only through pointers: 3 x 63 + ptr to 3 x 63. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	for (i = 0; i < 3; i++) {
		m_u8(&m, 63);
		memset(m.b + m.len, 'a' + i, 63);
		m.len += 63;
	}
	m_u8(&m, 0);
	ret = m.len;
	for (i = 0; i < 3; i++) {
		m_u8(&m, 63);
		memset(m.b + m.len, 'x', 63);
		m.len += 63;
	}
	m_ptr(&m, 12);
	CHECK(read_at(&m, 12, wire, &next) == 193, "193-byte name");
	CHECK(read_at(&m, ret, wire, &next) == -DNS_E_NAMELEN,
	      "over 255 bytes through a pointer");

	/* A pointer to itself. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_ptr(&m, 12);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_FWD,
	      "pointer to itself");
	/* A label, then a pointer back to that label: a loop. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_labels(&m, "a");
	m_ptr(&m, 12);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_FWD,
	      "label + pointer to the label");
	/* Two pointers at each other. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_ptr(&m, 14);
	m_ptr(&m, 12);
	CHECK(read_at(&m, 14, wire, &next) == -DNS_E_PTR_FWD,
	      "two pointers at each other (from the second)");
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_FWD,
	      "two pointers at each other (from the first)");
	/* A longer loop: 12: a ptr(18); 16: b ptr... the jump back lands
	 * before a pointer that points forward again.
	 */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_labels(&m, "a");		/* 12 */
	m_ptr(&m, 20);			/* 14 */
	m_labels(&m, "b");		/* 16 */
	m_ptr(&m, 12);			/* 18 */
	m_labels(&m, "c");		/* 20 */
	m_ptr(&m, 16);			/* 22 */
	CHECK(read_at(&m, 20, wire, &next) == -DNS_E_PTR_FWD,
	      "three-name loop");
	CHECK(read_at(&m, 16, wire, &next) == -DNS_E_PTR_FWD,
	      "three-name loop, from the middle");
	/* A forward pointer to a good name. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_ptr(&m, 14);
	m_name(&m, "a.test");
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_FWD,
	      "forward pointer");
	/* Out of bounds: past the end, far past, into the header. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_ptr(&m, 14);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_OOB,
	      "pointer just past the end");
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_ptr(&m, 0x3fff);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_OOB,
	      "pointer far past the end");
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_labels(&m, "a");
	m_ptr(&m, 4);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_PTR_OOB,
	      "pointer into the header");
	/* A pointer cut after its first byte. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_labels(&m, "a");
	m_u8(&m, 0xc0);
	CHECK(read_at(&m, 12, wire, &next) == -DNS_E_TRUNC,
	      "truncated pointer");
	/* A good pointer to a name whose label runs past the end. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_labels(&m, "a");
	m_u8(&m, 63);
	m_ptr(&m, 12);
	CHECK(read_at(&m, 15, wire, &next) == -DNS_E_TRUNC,
	      "pointer to an unterminated name");
	/* 127 pointers in a row, each one back: allowed, bounded. */
	m_hdr(&m, 0, 0, 0, 0, 0, 0);
	m_u8(&m, 0);
	for (i = 0; i < 127; i++)
		m_ptr(&m, 12 + (i ? 1 + 2 * (i - 1) : 0));
	ret = read_at(&m, m.len - 2, wire, &next);
	CHECK(ret == 1 && next == m.len, "127 pointers back to the root: %d",
	      ret);
}

/* ---- replies ------------------------------------------------------------------- */

#define ID		0xbeef
#define RESP		(DNS_F_QR | DNS_F_RD | DNS_F_RA)

static uint8_t query[512];
static int qlen;

static void make_query(const char *name)
{
	uint8_t wire[DNS_MAX_NAME];

	dns_name_from_text(name, wire);
	qlen = dns_query_build(query, sizeof(query), ID, wire, DNS_TYPE_A);
}

/* Header and the question of the query ("www.a.test A IN" at 12). */
static void m_reply(struct msg *m, unsigned int flags, unsigned int an,
		    unsigned int ns, unsigned int ar)
{
	m_hdr(m, ID, flags, 1, an, ns, ar);
	memcpy(m->b + m->len, query + DNS_HDR_LEN, qlen - DNS_HDR_LEN);
	m->len += qlen - DNS_HDR_LEN;
}

static enum dns_verdict parse(const struct msg *m, struct dns_answer *a)
{
	return dns_answer_parse(m->b, m->len, query, qlen, DNS_MAX_CNAME, a);
}

static void test_answers(void)
{
	struct dns_answer a;
	enum dns_verdict v;
	struct msg m;
	int i;

	make_query("www.a.test");

	/* One A record, its owner compressed to the question's name. */
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.1");
	v = parse(&m, &a);
	CHECK(v == DNS_V_ANSWER && a.naddr == 1 &&
	      a.addr[0] == ip("10.0.0.1") && !a.ncname &&
	      !strcmp(text(a.canon), "www.a.test"), "one A record: %d", v);

	/* Two, owner in full and in another case (0x20). */
	m_reply(&m, RESP | DNS_F_AA, 2, 0, 0);
	m_name(&m, "WWW.a.Test");
	m_a(&m, "10.0.0.1");
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.2");
	v = parse(&m, &a);
	CHECK(v == DNS_V_ANSWER && a.naddr == 2 &&
	      a.addr[1] == ip("10.0.0.2"), "two A records: %d", v);

	/* The question's name in another case is still our question. */
	m_hdr(&m, ID, RESP, 1, 1, 0, 0);
	m_name(&m, "wWw.A.tEsT");
	m_u16(&m, DNS_TYPE_A);
	m_u16(&m, DNS_CLASS_IN);
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.9");
	CHECK(parse(&m, &a) == DNS_V_ANSWER, "question in another case");

	/* A CNAME chain, compressed: www -> b.a.test -> c.test -> A. */
	m_reply(&m, RESP, 3, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&m, 4);
	m_labels(&m, "b");
	m_ptr(&m, 16);				/* "a.test" in the question */
	m_ptr(&m, m.len - 4);			/* b.a.test */
	m_cname(&m, "c.test");
	m_name(&m, "c.test");
	m_a(&m, "10.0.0.3");
	v = parse(&m, &a);
	CHECK(v == DNS_V_ANSWER && a.ncname == 2 &&
	      !strcmp(text(a.cname[0]), "b.a.test") &&
	      !strcmp(text(a.cname[1]), "c.test") &&
	      !strcmp(text(a.canon), "c.test") && a.naddr == 1 &&
	      a.addr[0] == ip("10.0.0.3"), "CNAME chain: %d %u", v, a.ncname);

	/* The same records in reverse order; an A of the alias ignored. */
	m_reply(&m, RESP, 4, 0, 0);
	m_name(&m, "c.test");
	m_a(&m, "10.0.0.3");
	m_name(&m, "b.a.test");
	m_cname(&m, "c.test");
	m_name(&m, "www.a.test");
	m_a(&m, "10.6.6.6");
	m_ptr(&m, 12);
	m_cname(&m, "b.a.test");
	v = parse(&m, &a);
	CHECK(v == DNS_V_ANSWER && a.ncname == 2 && a.naddr == 1 &&
	      a.addr[0] == ip("10.0.0.3"), "chain out of order: %d", v);

	/* Only aliases: the caller asks again for the end. */
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_cname(&m, "c.test");
	v = parse(&m, &a);
	CHECK(v == DNS_V_CNAME && a.ncname == 1 &&
	      !strcmp(text(a.canon), "c.test"), "CNAME alone: %d", v);
	v = dns_answer_parse(m.b, m.len, query, qlen, 0, &a);
	CHECK(v == DNS_V_CNAME_LOOP, "no alias left to follow: %d", v);

	/* A loop of aliases. */
	m_reply(&m, RESP, 2, 0, 0);
	m_ptr(&m, 12);
	m_cname(&m, "b.test");
	m_name(&m, "b.test");
	m_cname(&m, "www.a.test");
	CHECK(parse(&m, &a) == DNS_V_CNAME_LOOP, "CNAME loop");
	/* Nine aliases in one reply: over the bound. */
	m_reply(&m, RESP, 9, 0, 0);
	m_ptr(&m, 12);
	m_cname(&m, "n1.test");
	for (i = 1; i < 9; i++) {
		char from[16], to[16];

		snprintf(from, sizeof(from), "n%d.test", i);
		snprintf(to, sizeof(to), "n%d.test", i + 1);
		m_name(&m, from);
		m_cname(&m, to);
	}
	CHECK(parse(&m, &a) == DNS_V_CNAME_LOOP, "nine aliases");

	/* No data: the name exists, no A; an A for another name. */
	m_reply(&m, RESP, 0, 0, 0);
	CHECK(parse(&m, &a) == DNS_V_NODATA, "no data");
	m_reply(&m, RESP, 1, 0, 0);
	m_name(&m, "other.test");
	m_a(&m, "10.0.0.1");
	CHECK(parse(&m, &a) == DNS_V_NODATA && !a.naddr,
	      "an A record of another name does not count");
	/* Records of another class or type do not count either. */
	m_reply(&m, RESP, 2, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_A, 3);		/* CHAOS */
	m_u16(&m, 4);
	m_u32(&m, 0x0a000001);
	m_ptr(&m, 12);
	m_rr_head(&m, 16, DNS_CLASS_IN);	/* TXT */
	m_u16(&m, 3);
	m_u8(&m, 2);
	m_u16(&m, 0x6869);
	CHECK(parse(&m, &a) == DNS_V_NODATA, "other class and type");

	/* Over DNS_MAX_ADDRS addresses: the first ones are kept. */
	m_reply(&m, RESP, 40, 0, 0);
	for (i = 0; i < 40; i++) {
		char s[16];

		snprintf(s, sizeof(s), "10.0.1.%d", i);
		m_ptr(&m, 12);
		m_a(&m, s);
	}
	v = parse(&m, &a);
	CHECK(v == DNS_V_ANSWER && a.naddr == DNS_MAX_ADDRS &&
	      a.addr[31] == ip("10.0.1.31"), "40 A records: %d %u", v,
	      a.naddr);

	/* Authority and additional records are walked, not used. */
	m_reply(&m, RESP, 1, 1, 1);
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.1");
	m_ptr(&m, 16);
	m_rr_head(&m, 2, DNS_CLASS_IN);		/* NS */
	m_u16(&m, 5);
	m_labels(&m, "ns");
	m_ptr(&m, 16);
	m_name(&m, "ns.a.test");
	m_a(&m, "10.0.0.53");
	v = parse(&m, &a);
	CHECK(v == DNS_V_ANSWER && a.naddr == 1, "NS and glue: %d", v);
}

static void test_rcodes(void)
{
	struct dns_answer a;
	enum dns_verdict v;
	struct msg m;

	make_query("www.a.test");

	m_reply(&m, RESP | DNS_RCODE_NXDOMAIN, 0, 1, 0);
	m_name(&m, "test");
	m_rr_head(&m, 6, DNS_CLASS_IN);		/* SOA, opaque here */
	m_u16(&m, 2);
	m_u16(&m, 0);
	v = parse(&m, &a);
	CHECK(v == DNS_V_NXDOMAIN && a.rcode == DNS_RCODE_NXDOMAIN,
	      "NXDOMAIN: %d", v);
	/* NXDOMAIN at the end of a chain: the aliases are kept. */
	m_reply(&m, RESP | DNS_RCODE_NXDOMAIN, 1, 0, 0);
	m_ptr(&m, 12);
	m_cname(&m, "gone.test");
	v = parse(&m, &a);
	CHECK(v == DNS_V_NXDOMAIN && a.ncname == 1 &&
	      !strcmp(text(a.canon), "gone.test"), "NXDOMAIN via a CNAME");

	m_reply(&m, RESP | DNS_RCODE_SERVFAIL, 0, 0, 0);
	v = parse(&m, &a);
	CHECK(v == DNS_V_RCODE && a.rcode == DNS_RCODE_SERVFAIL,
	      "SERVFAIL: %d", v);
	m_reply(&m, RESP | DNS_RCODE_REFUSED, 0, 0, 0);
	v = parse(&m, &a);
	CHECK(v == DNS_V_RCODE && a.rcode == DNS_RCODE_REFUSED,
	      "REFUSED: %d", v);
	/* Errors may come without the question; answers may not. */
	m_hdr(&m, ID, RESP | DNS_RCODE_FORMERR, 0, 0, 0, 0);
	v = parse(&m, &a);
	CHECK(v == DNS_V_RCODE && a.rcode == DNS_RCODE_FORMERR,
	      "FORMERR without a question: %d", v);
	m_hdr(&m, ID, RESP, 0, 0, 0, 0);
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "NOERROR without a question");
	m_hdr(&m, ID, RESP | DNS_RCODE_NXDOMAIN, 0, 0, 0, 0);
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "NXDOMAIN without a question");

	CHECK(!strcmp(dns_rcode_name(3), "NXDOMAIN") &&
	      !strcmp(dns_rcode_name(2), "SERVFAIL") &&
	      !strcmp(dns_rcode_name(9), "RCODE9"), "rcode names");

	/* Truncated: TCP would be needed, whatever follows. */
	m_reply(&m, RESP | DNS_F_TC, 5, 0, 0);
	CHECK(parse(&m, &a) == DNS_V_TRUNCATED, "TC");
}

static void test_not_ours(void)
{
	struct dns_answer a;
	struct msg m;

	make_query("www.a.test");

	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.1");
	CHECK(parse(&m, &a) == DNS_V_ANSWER, "the good reply");

	m.b[1] ^= 1;
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "another ID");
	m.b[1] ^= 1;
	m.b[2] &= ~(DNS_F_QR >> 8);
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "QR clear (a query)");
	m.b[2] |= DNS_F_QR >> 8;
	m.b[2] |= 0x08;				/* opcode 1, IQUERY */
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "another opcode");
	m.b[2] &= ~0x08;
	m.b[13] = 'x';				/* "xww" */
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "another name");
	m.b[13] = 'w';
	m.b[25] = DNS_TYPE_CNAME;		/* QTYPE low byte */
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "another type");
	m.b[25] = DNS_TYPE_A;
	m.b[27] = 3;				/* QCLASS CHAOS */
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "another class");
	m.b[27] = DNS_CLASS_IN;
	m.b[5] = 2;				/* QDCOUNT 2 */
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "two questions");
	m.b[5] = 1;
	CHECK(parse(&m, &a) == DNS_V_ANSWER, "the good reply again");

	CHECK(dns_answer_parse(m.b, 11, query, qlen, 8, &a) == DNS_V_IGNORE,
	      "shorter than a header");
	CHECK(dns_answer_parse(m.b, 20, query, qlen, 8, &a) == DNS_V_IGNORE,
	      "the question cut");
	/* A compression pointer in the question is read with the bounds. */
	m_hdr(&m, ID, RESP, 1, 0, 0, 0);
	m_ptr(&m, 12);
	m_u16(&m, DNS_TYPE_A);
	m_u16(&m, DNS_CLASS_IN);
	CHECK(parse(&m, &a) == DNS_V_IGNORE, "question pointing at itself");
}

static void test_malformed(void)
{
	struct dns_answer a;
	enum dns_verdict v;
	struct msg m;
	size_t at;

	make_query("www.a.test");

	/* Counts larger than the data, in each section. */
	m_reply(&m, RESP, 2, 0, 0);
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.1");
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_TRUNC,
	      "ANCOUNT over the data: %d", v);
	m.b[7] = 1;
	m.b[9] = 1;
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "NSCOUNT over the data");
	m.b[9] = 0;
	m.b[11] = 1;
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "ARCOUNT over the data");
	m.b[11] = 0;
	m.b[6] = 0xff;				/* ANCOUNT 65281 */
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "ANCOUNT 65281");

	/* RDLENGTH past the end; a record cut inside its fixed part. */
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_a(&m, "10.0.0.1");
	m.b[m.len - 5] = 5;
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_TRUNC,
	      "RDLENGTH past the end: %d", v);
	m.len -= 8;
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "record cut in TTL");
	/* An A record whose RDATA is not 4 bytes. */
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_A, DNS_CLASS_IN);
	m_u16(&m, 5);
	m_u32(&m, 0x0a000001);
	m_u8(&m, 0);
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_RDATA,
	      "5-byte A: %d", v);

	/* Owner names that break the rules. */
	m_reply(&m, RESP, 1, 0, 0);
	at = m.len;
	m_ptr(&m, at);				/* itself */
	m_a(&m, "10.0.0.1");
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_PTR_FWD,
	      "owner pointing at itself: %d", v);
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, m.len + 2);			/* forward */
	m_a(&m, "10.0.0.1");
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "owner pointing forward");
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 0x3000);
	m_a(&m, "10.0.0.1");
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_PTR_OOB,
	      "owner pointing out of the message: %d", v);
	m_reply(&m, RESP, 1, 0, 0);
	m_u8(&m, 0x41);
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "owner label 65");

	/* CNAME RDATA: a loop, a name longer or shorter than RDLENGTH. */
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&m, 4);
	m_labels(&m, "b");
	m_ptr(&m, m.len - 2);			/* at the label: a loop */
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_PTR_FWD,
	      "CNAME pointing into itself: %d", v);
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&m, 3);				/* the name is 4 */
	m_labels(&m, "b");
	m_ptr(&m, 12);
	v = parse(&m, &a);
	CHECK(v == DNS_V_MALFORMED && a.err == -DNS_E_RDATA,
	      "CNAME longer than its RDATA: %d", v);
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&m, 6);				/* the name is 4 */
	m_labels(&m, "b");
	m_ptr(&m, 12);
	m_u16(&m, 0);
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "CNAME shorter than RDATA");
	m_reply(&m, RESP, 1, 0, 0);
	m_ptr(&m, 12);
	m_rr_head(&m, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&m, 2);
	m_labels(&m, "b");			/* no terminator: the end */
	CHECK(parse(&m, &a) == DNS_V_MALFORMED, "CNAME unterminated");
}

/* ---- random mutations ----------------------------------------------------------- */

static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 17;
	rnd_state ^= rnd_state << 5;
	return rnd_state;
}

static void test_mutations(void)
{
	struct msg seed, m;
	struct dns_answer a;
	unsigned int i, j, k, bad = 0, seen[DNS_V_CNAME_LOOP + 1] = { 0 };

	make_query("www.a.test");
	m_reply(&seed, RESP, 4, 1, 0);
	m_ptr(&seed, 12);
	m_cname(&seed, "b.a.test");
	m_name(&seed, "b.a.test");
	m_rr_head(&seed, DNS_TYPE_CNAME, DNS_CLASS_IN);
	m_u16(&seed, 4);
	m_labels(&seed, "c");
	m_ptr(&seed, 16);
	k = seed.len;
	m_name(&seed, "c.a.test");
	m_a(&seed, "10.0.0.1");
	m_ptr(&seed, k);
	m_a(&seed, "10.0.0.2");
	m_ptr(&seed, 16);
	m_rr_head(&seed, 2, DNS_CLASS_IN);
	m_u16(&seed, 2);
	m_ptr(&seed, 12);
	CHECK(parse(&seed, &a) == DNS_V_ANSWER && a.ncname == 2 &&
	      a.naddr == 2, "the mutation seed is good");

	for (i = 0; i < 300000; i++) {
		enum dns_verdict v;

		m = seed;
		k = 1 + rnd() % 4;
		for (j = 0; j < k && m.len > DNS_HDR_LEN; j++) {
			size_t at = DNS_HDR_LEN + rnd() % (m.len - DNS_HDR_LEN);

			switch (rnd() % 4) {
			case 0:
				m.b[at] = rnd();
				break;
			case 1:
				m.b[at] = 0xc0 | (rnd() & 1);
				break;
			case 2:
				m.len = at;
				break;
			default:
				m.b[at] ^= 1 << (rnd() % 8);
			}
		}
		v = parse(&m, &a);
		seen[v]++;
		if (a.naddr > DNS_MAX_ADDRS || a.ncname > DNS_MAX_CNAME ||
		    dns_name_len(a.canon) > DNS_MAX_NAME)
			bad++;
	}
	CHECK(!bad, "%u mutations read out of bounds", bad);
	CHECK(seen[DNS_V_MALFORMED] && seen[DNS_V_ANSWER] &&
	      seen[DNS_V_IGNORE], "mutations: %u malformed, %u answers, %u ignored",
	      seen[DNS_V_MALFORMED], seen[DNS_V_ANSWER], seen[DNS_V_IGNORE]);
}

/* ---- resolv.conf ------------------------------------------------------------ */

static void test_conf(void)
{
	struct dns_conf c = { .timeout = -1, .attempts = -1 };
	int n;

	n = dns_conf_parse("# written by cnet-dhcp\n"
			   "search example.test\n"
			   "nameserver 10.0.0.53\n"
			   "nameserver\t10.0.0.54 # second\n"
			   "nameserver fe80::1\n"
			   "; nameserver 10.9.9.9\n"
			   "nameserver 10.0.0.256\n"
			   "options ndots:2 timeout:3 attempts:9\r\n"
			   "nameserver 10.0.0.55", &c);
	CHECK(n == 3 && c.nserver == 3 && c.server[0] == ip("10.0.0.53") &&
	      c.server[1] == ip("10.0.0.54") && c.server[2] == ip("10.0.0.55"),
	      "three IPv4 servers: %d", n);
	CHECK(c.timeout == 3 && c.attempts == 5, "options: %d %d", c.timeout,
	      c.attempts);

	c.nserver = 0;
	c.timeout = -1;
	n = dns_conf_parse("options timeout:0 timeout:x attempts:\n"
			   "nameservers 10.0.0.1\n", &c);
	CHECK(!n && c.timeout == -1 && c.attempts == 5,
	      "bad options and keywords ignored");
	n = dns_conf_parse("nameserver 10.0.0.1\nnameserver 10.0.0.2\n"
			   "nameserver 10.0.0.3\nnameserver 10.0.0.4\n"
			   "nameserver 10.0.0.5\nnameserver 10.0.0.6\n"
			   "nameserver 10.0.0.7\nnameserver 10.0.0.8\n"
			   "nameserver 10.0.0.9\n", &c);
	CHECK(n == DNS_MAX_SERVERS && c.nserver == DNS_MAX_SERVERS,
	      "at most %d servers: %d", DNS_MAX_SERVERS, n);
	CHECK(!dns_conf_parse("", &c), "empty file");
}

int main(void)
{
	test_text_names();
	test_name_compare_print();
	test_query();
	test_decompress_good();
	test_decompress_bad();
	test_answers();
	test_rcodes();
	test_not_ours();
	test_malformed();
	test_mutations();
	test_conf();
	return check_summary("dns-test");
}
