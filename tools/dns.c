// SPDX-License-Identifier: GPL-2.0
/*
 * DNS messages for cnet-resolve (see dns.h): names, queries, replies and
 * resolv.conf, with no sockets. Every read is checked against the length
 * of the message it reads.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

const char *dns_rcode_name(unsigned int rcode)
{
	static const char *const names[] = {
		[DNS_RCODE_NOERROR] = "NOERROR",
		[DNS_RCODE_FORMERR] = "FORMERR",
		[DNS_RCODE_SERVFAIL] = "SERVFAIL",
		[DNS_RCODE_NXDOMAIN] = "NXDOMAIN",
		[DNS_RCODE_NOTIMP] = "NOTIMP",
		[DNS_RCODE_REFUSED] = "REFUSED",
	};
	static char buf[16];

	if (rcode < sizeof(names) / sizeof(names[0]))
		return names[rcode];
	snprintf(buf, sizeof(buf), "RCODE%u", rcode);
	return buf;
}

const char *dns_strerror(int err)
{
	switch (err < 0 ? -err : err) {
	case DNS_E_TRUNC:
		return "runs past the end of the message";
	case DNS_E_LABEL:
		return "label over 63 bytes";
	case DNS_E_NAMELEN:
		return "name over 255 bytes";
	case DNS_E_PTR_OOB:
		return "compression pointer out of bounds";
	case DNS_E_PTR_FWD:
		return "compression pointer loop or forward pointer";
	case DNS_E_EMPTY:
		return "empty label";
	case DNS_E_SPACE:
		return "no room";
	case DNS_E_RDATA:
		return "record data of the wrong length";
	}
	return "unknown error";
}

/* ---- names ------------------------------------------------------------ */

int dns_name_from_text(const char *name, uint8_t *wire)
{
	size_t wlen = 0;
	const char *p = name;

	if (!strcmp(name, ".")) {
		wire[0] = 0;
		return 1;
	}
	while (*p) {
		size_t n = strcspn(p, ".");

		if (!n)
			return -DNS_E_EMPTY;
		if (n > DNS_MAX_LABEL)
			return -DNS_E_LABEL;
		if (wlen + 1 + n + 1 > DNS_MAX_NAME)
			return -DNS_E_NAMELEN;
		wire[wlen++] = n;
		memcpy(wire + wlen, p, n);
		wlen += n;
		p += n;
		if (*p == '.')
			p++;
	}
	if (!wlen)
		return -DNS_E_EMPTY;
	wire[wlen++] = 0;
	return wlen;
}

size_t dns_name_len(const uint8_t *wire)
{
	size_t n = 0;

	while (wire[n])
		n += 1 + wire[n];
	return n + 1;
}

bool dns_name_equal(const uint8_t *a, const uint8_t *b)
{
	size_t n = dns_name_len(a), i;

	if (n != dns_name_len(b))
		return false;
	/* Length bytes are at most 63: tolower() leaves them alone. */
	for (i = 0; i < n; i++)
		if (tolower(a[i]) != tolower(b[i]))
			return false;
	return true;
}

char *dns_name_to_text(const uint8_t *wire, char *out)
{
	char *o = out;
	size_t i = 0;

	if (!wire[0])
		return strcpy(out, ".");
	while (wire[i]) {
		uint8_t n = wire[i++];

		if (o != out)
			*o++ = '.';
		for (; n; n--, i++) {
			uint8_t c = wire[i];

			if (c == '.' || c == '\\' || c < '!' || c > '~')
				o += sprintf(o, "\\%03u", c);
			else
				*o++ = c;
		}
	}
	*o = '\0';
	return out;
}

int dns_name_read(const uint8_t *msg, size_t len, size_t off, uint8_t *wire,
		  size_t *next)
{
	size_t pos = off, limit = off, wlen = 0;
	bool jumped = false;

	for (;;) {
		uint8_t c;

		if (pos >= len)
			return -DNS_E_TRUNC;
		c = msg[pos];
		if ((c & 0xc0) == 0xc0) {
			size_t target;

			if (pos + 1 >= len)
				return -DNS_E_TRUNC;
			target = (c & 0x3f) << 8 | msg[pos + 1];
			if (!jumped) {
				*next = pos + 2;
				jumped = true;
			}
			if (target < DNS_HDR_LEN || target >= len)
				return -DNS_E_PTR_OOB;
			/* backwards from where this run began: no loops */
			if (target >= limit)
				return -DNS_E_PTR_FWD;
			pos = limit = target;
			continue;
		}
		if (c & 0xc0)		/* 01 and 10: not labels we know */
			return -DNS_E_LABEL;
		if (!c) {
			wire[wlen++] = 0;
			if (!jumped)
				*next = pos + 1;
			return wlen;
		}
		if (wlen + 1 + c + 1 > DNS_MAX_NAME)
			return -DNS_E_NAMELEN;
		if (pos + 1 + c > len)
			return -DNS_E_TRUNC;
		memcpy(wire + wlen, msg + pos, 1 + c);
		wlen += 1 + c;
		pos += 1 + c;
	}
}

/* ---- messages ---------------------------------------------------------- */

static uint16_t get16(const uint8_t *p)
{
	return p[0] << 8 | p[1];
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

int dns_header_read(const uint8_t *msg, size_t len, struct dns_header *h)
{
	if (len < DNS_HDR_LEN)
		return -DNS_E_TRUNC;
	h->id = get16(msg);
	h->flags = get16(msg + 2);
	h->qdcount = get16(msg + 4);
	h->ancount = get16(msg + 6);
	h->nscount = get16(msg + 8);
	h->arcount = get16(msg + 10);
	return 0;
}

int dns_query_build(uint8_t *buf, size_t size, uint16_t id,
		    const uint8_t *name, uint16_t qtype)
{
	size_t nlen = dns_name_len(name);
	size_t len = DNS_HDR_LEN + nlen + 4;

	if (len > size)
		return -DNS_E_SPACE;
	memset(buf, 0, DNS_HDR_LEN);
	put16(buf, id);
	put16(buf + 2, DNS_F_RD);
	put16(buf + 4, 1);			/* QDCOUNT */
	memcpy(buf + DNS_HDR_LEN, name, nlen);
	put16(buf + DNS_HDR_LEN + nlen, qtype);
	put16(buf + DNS_HDR_LEN + nlen + 2, DNS_CLASS_IN);
	return len;
}

int dns_rr_read(const uint8_t *msg, size_t len, size_t off, struct dns_rr *rr,
		size_t *next)
{
	size_t pos;
	int ret;

	ret = dns_name_read(msg, len, off, rr->name, &pos);
	if (ret < 0)
		return ret;
	if (pos + 10 > len)
		return -DNS_E_TRUNC;
	rr->type = get16(msg + pos);
	rr->rclass = get16(msg + pos + 2);
	rr->ttl = get32(msg + pos + 4);
	rr->rdlen = get16(msg + pos + 8);
	rr->rdata = pos + 10;
	if (rr->rdata + rr->rdlen > len)
		return -DNS_E_TRUNC;
	*next = rr->rdata + rr->rdlen;
	return 0;
}

/* The checks a record of a type we read must pass. */
static int rr_check(const uint8_t *msg, size_t len, const struct dns_rr *rr)
{
	uint8_t target[DNS_MAX_NAME];
	size_t end;
	int ret;

	if (rr->rclass != DNS_CLASS_IN)
		return 0;
	switch (rr->type) {
	case DNS_TYPE_A:
		return rr->rdlen == 4 ? 0 : -DNS_E_RDATA;
	case DNS_TYPE_CNAME:
		/* the name must end where the RDATA does */
		ret = dns_name_read(msg, len, rr->rdata, target, &end);
		if (ret < 0)
			return ret;
		return end == rr->rdata + rr->rdlen ? 0 : -DNS_E_RDATA;
	}
	return 0;
}

/*
 * Find the first answer (@count records from @off) of @type, class IN,
 * owned by @owner; 1 if found, in @rr.
 */
static int answer_find(const uint8_t *msg, size_t len, size_t off,
		       unsigned int count, const uint8_t *owner,
		       uint16_t type, struct dns_rr *rr)
{
	unsigned int i;

	for (i = 0; i < count; i++) {
		if (dns_rr_read(msg, len, off, rr, &off) < 0)
			return 0;	/* cannot happen: walked before */
		if (rr->type == type && rr->rclass == DNS_CLASS_IN &&
		    dns_name_equal(rr->name, owner))
			return 1;
	}
	return 0;
}

enum dns_verdict dns_answer_parse(const uint8_t *msg, size_t len,
				  const uint8_t *query, size_t qlen,
				  unsigned int max_cname,
				  struct dns_answer *ans)
{
	uint8_t qname[DNS_MAX_NAME], name[DNS_MAX_NAME];
	const uint8_t *cur = qname;
	struct dns_header h, qh;
	size_t qoff, off, an_off;
	uint16_t qtype, qclass;
	unsigned int i, total;
	struct dns_rr rr;
	int ret;

	memset(ans, 0, sizeof(*ans));
	if (dns_header_read(query, qlen, &qh) < 0 ||
	    dns_name_read(query, qlen, DNS_HDR_LEN, qname, &qoff) < 0 ||
	    qoff + 4 > qlen)
		return DNS_V_IGNORE;		/* not a query of ours */
	qtype = get16(query + qoff);
	qclass = get16(query + qoff + 2);

	/* Is it the answer to our question? If not, it is not for us. */
	if (dns_header_read(msg, len, &h) < 0 || h.id != qh.id ||
	    !(h.flags & DNS_F_QR) || (h.flags & DNS_F_OPCODE))
		return DNS_V_IGNORE;
	ans->rcode = h.flags & DNS_F_RCODE;
	if (!h.qdcount) {
		/* FORMERR, REFUSED... may come without the question */
		if (ans->rcode == DNS_RCODE_NOERROR ||
		    ans->rcode == DNS_RCODE_NXDOMAIN)
			return DNS_V_IGNORE;
		return DNS_V_RCODE;
	}
	if (h.qdcount != 1 ||
	    dns_name_read(msg, len, DNS_HDR_LEN, name, &off) < 0 ||
	    off + 4 > len || !dns_name_equal(name, qname) ||
	    get16(msg + off) != qtype || get16(msg + off + 2) != qclass)
		return DNS_V_IGNORE;
	off += 4;

	if (h.flags & DNS_F_TC)
		return DNS_V_TRUNCATED;

	/* Walk every record: the counts must match the data. */
	an_off = off;
	total = h.ancount + h.nscount + h.arcount;
	for (i = 0; i < total; i++) {
		ret = dns_rr_read(msg, len, off, &rr, &off);
		if (!ret && i < h.ancount)
			ret = rr_check(msg, len, &rr);
		if (ret < 0) {
			ans->err = ret;
			return DNS_V_MALFORMED;
		}
	}

	if (ans->rcode != DNS_RCODE_NOERROR &&
	    ans->rcode != DNS_RCODE_NXDOMAIN)
		return DNS_V_RCODE;

	/* The chain of aliases from the question's name. */
	while (answer_find(msg, len, an_off, h.ancount, cur, DNS_TYPE_CNAME,
			   &rr)) {
		if (ans->ncname >= max_cname || ans->ncname >= DNS_MAX_CNAME)
			return DNS_V_CNAME_LOOP;
		dns_name_read(msg, len, rr.rdata, ans->cname[ans->ncname],
			      &off);
		cur = ans->cname[ans->ncname++];
	}
	memcpy(ans->canon, cur, dns_name_len(cur));
	if (ans->rcode == DNS_RCODE_NXDOMAIN)
		return DNS_V_NXDOMAIN;

	/* Its end's addresses. */
	off = an_off;
	for (i = 0; i < h.ancount; i++) {
		dns_rr_read(msg, len, off, &rr, &off);
		if (rr.type == DNS_TYPE_A && rr.rclass == DNS_CLASS_IN &&
		    dns_name_equal(rr.name, cur) &&
		    ans->naddr < DNS_MAX_ADDRS)
			memcpy(&ans->addr[ans->naddr++], msg + rr.rdata, 4);
	}
	if (ans->naddr)
		return DNS_V_ANSWER;
	return ans->ncname ? DNS_V_CNAME : DNS_V_NODATA;
}

/* ---- resolv.conf ------------------------------------------------------- */

/* "KEY:N" with N in [1, @max]: the value, or -1. */
static int option_value(const char *tok, const char *key, int max)
{
	size_t n = strlen(key);
	char *end;
	long v;

	if (strncmp(tok, key, n) || tok[n] != ':' ||
	    !isdigit((unsigned char)tok[n + 1]))
		return -1;
	v = strtol(tok + n + 1, &end, 10);
	if (*end)
		return -1;
	if (v < 1)
		return -1;
	return v > max ? max : v;	/* glibc caps them too */
}

int dns_conf_parse(const char *text, struct dns_conf *c)
{
	const char *sep = " \t\r";
	char *copy, *line, *save = NULL;
	int added = 0;

	copy = strdup(text);
	if (!copy)
		return 0;
	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tok, *tsave = NULL;
		struct in_addr in;

		line[strcspn(line, "#;")] = '\0';
		tok = strtok_r(line, sep, &tsave);
		if (!tok)
			continue;
		if (!strcmp(tok, "nameserver")) {
			tok = strtok_r(NULL, sep, &tsave);
			if (tok && inet_pton(AF_INET, tok, &in) == 1 &&
			    c->nserver < DNS_MAX_SERVERS) {
				c->server[c->nserver++] = in.s_addr;
				added++;
			}
		} else if (!strcmp(tok, "options")) {
			while ((tok = strtok_r(NULL, sep, &tsave))) {
				int v;

				v = option_value(tok, "timeout", 30);
				if (v > 0)
					c->timeout = v;
				v = option_value(tok, "attempts", 5);
				if (v > 0)
					c->attempts = v;
			}
		}
	}
	free(copy);
	return added;
}
