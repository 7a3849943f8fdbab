/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS messages (RFC 1035) for cnet-resolve, with no sockets: building a
 * query, reading names (with bounded decompression), checking that a reply
 * answers the question, and pulling the CNAME chain and the A records out
 * of it. Also the resolv.conf reader. tests/dns-test.c drives them.
 *
 * Names are kept in wire form (length-prefixed labels, a zero at the end,
 * at most DNS_MAX_NAME bytes) and compared ignoring ASCII case (RFC 4343);
 * they become text only to be printed.
 *
 * Nothing here trusts a reply: every length and count is checked against
 * the message, and a compressed name is followed only backwards (see
 * dns_name_read()), so a hostile message (NAME:WRECK-style pointer loops,
 * forward or out-of-bounds pointers, long labels or names, missing
 * terminators, short records) is refused, never followed.
 */
#ifndef CNET_TOOLS_DNS_H
#define CNET_TOOLS_DNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DNS_PORT		53
#define DNS_HDR_LEN		12
#define DNS_MAX_NAME		255	/* wire form, the final zero included */
#define DNS_MAX_LABEL		63
#define DNS_MAX_UDP		512	/* what a query without EDNS0 gets */
/* Room for a name as text: every byte escaped as \DDD, plus the NUL. */
#define DNS_NAME_TEXT		(DNS_MAX_NAME * 4 + 1)

#define DNS_TYPE_A		1
#define DNS_TYPE_CNAME		5
#define DNS_CLASS_IN		1

/* Header flags (the 16 bits after the ID). */
#define DNS_F_QR		0x8000	/* a response */
#define DNS_F_OPCODE		0x7800	/* 0: a standard query */
#define DNS_F_AA		0x0400
#define DNS_F_TC		0x0200	/* truncated */
#define DNS_F_RD		0x0100	/* recursion desired */
#define DNS_F_RA		0x0080
#define DNS_F_RCODE		0x000f

enum dns_rcode {
	DNS_RCODE_NOERROR	= 0,
	DNS_RCODE_FORMERR	= 1,
	DNS_RCODE_SERVFAIL	= 2,
	DNS_RCODE_NXDOMAIN	= 3,
	DNS_RCODE_NOTIMP	= 4,
	DNS_RCODE_REFUSED	= 5,
};

/* "NXDOMAIN", ..., or "RCODE7" for the others (a static buffer). */
const char *dns_rcode_name(unsigned int rcode);

/* Why a name or a message was refused (negative return values). */
enum dns_err {
	DNS_E_TRUNC = 1,	/* runs past the end (no terminator, short) */
	DNS_E_LABEL,		/* a label over 63 bytes (or of type 01/10) */
	DNS_E_NAMELEN,		/* a name over 255 bytes */
	DNS_E_PTR_OOB,		/* a pointer beyond the message */
	DNS_E_PTR_FWD,		/* a pointer not strictly backwards: loops */
	DNS_E_EMPTY,		/* text: an empty label ("a..b", ".a") */
	DNS_E_SPACE,		/* the output buffer is too small */
	DNS_E_RDATA,		/* RDATA not the length its type has */
};

/* A message for an error above: "pointer loop or forward pointer"... */
const char *dns_strerror(int err);

/*
 * The text @name ("www.example.com", a final dot allowed) in wire form
 * into @wire (DNS_MAX_NAME bytes). Returns the wire length, or -DNS_E_*:
 * an empty label, one over 63 bytes, a name over 255. "." is the root.
 */
int dns_name_from_text(const char *name, uint8_t *wire);

/* The wire length of the (valid) name @wire. */
size_t dns_name_len(const uint8_t *wire);

/* Two wire names equal, ASCII case ignored (RFC 4343). */
bool dns_name_equal(const uint8_t *a, const uint8_t *b);

/*
 * The wire name @wire as text, without the final dot ("." for the root),
 * with '.', '\\' and bytes outside '!'..'~' in a label escaped as \DDD
 * (as dig prints them), into @out (DNS_NAME_TEXT bytes). Returns @out.
 */
char *dns_name_to_text(const uint8_t *wire, char *out);

/*
 * Read the name at offset @off of the message @msg (@len bytes), following
 * compression pointers, into @wire (DNS_MAX_NAME bytes), uncompressed.
 * *@next is set to the offset after the name where it is (after its
 * terminator or its first pointer). Returns the wire length or -DNS_E_*.
 *
 * The bounds: every label and pointer must lie inside the message; a
 * label is at most 63 bytes; the name at most 255; a pointer must point
 * strictly before the start of the run of labels it ends (the name's start
 * for the first one), so each jump goes backwards and no loop is possible.
 * Pointers into the header count as out of bounds.
 */
int dns_name_read(const uint8_t *msg, size_t len, size_t off, uint8_t *wire,
		  size_t *next);

struct dns_header {
	uint16_t id;
	uint16_t flags;
	uint16_t qdcount, ancount, nscount, arcount;
};

/* The header of @msg; -DNS_E_TRUNC if @len is below DNS_HDR_LEN. */
int dns_header_read(const uint8_t *msg, size_t len, struct dns_header *h);

/*
 * Build a standard query (RD set) for @name (wire form), of @qtype class
 * IN, with the transaction ID @id, into @buf (@size bytes). Returns its
 * length, or -DNS_E_SPACE.
 */
int dns_query_build(uint8_t *buf, size_t size, uint16_t id,
		    const uint8_t *name, uint16_t qtype);

/* A resource record as dns_rr_read() finds it. */
struct dns_rr {
	uint8_t name[DNS_MAX_NAME];
	uint16_t type;
	uint16_t rclass;
	uint32_t ttl;
	uint16_t rdlen;
	size_t rdata;		/* offset of the RDATA in the message */
};

/*
 * The resource record at @off; *@next is the offset after it. Returns 0
 * or -DNS_E_*: its RDATA must end inside the message.
 */
int dns_rr_read(const uint8_t *msg, size_t len, size_t off, struct dns_rr *rr,
		size_t *next);

/* What a message read from the server's socket is. */
enum dns_verdict {
	DNS_V_IGNORE,		/* not the answer to our query: keep waiting */
	DNS_V_ANSWER,		/* addresses for the name (maybe via CNAMEs) */
	DNS_V_CNAME,		/* only a CNAME chain: ask for its end */
	DNS_V_NODATA,		/* the name exists, without A records */
	DNS_V_NXDOMAIN,		/* the name does not exist */
	DNS_V_RCODE,		/* another error (rcode): SERVFAIL, REFUSED... */
	DNS_V_TRUNCATED,	/* TC set: the answer needs TCP */
	DNS_V_MALFORMED,	/* our answer, but it breaks the rules */
	DNS_V_CNAME_LOOP,	/* a CNAME chain over DNS_MAX_CNAME */
};

#define DNS_MAX_CNAME		8	/* aliases followed, over all queries */
#define DNS_MAX_ADDRS		32	/* A records kept */

struct dns_answer {
	unsigned int rcode;
	int err;			/* DNS_V_MALFORMED: the -DNS_E_* */
	/* The aliases in order: qname is an alias for cname[0], ... */
	uint8_t cname[DNS_MAX_CNAME][DNS_MAX_NAME];
	unsigned int ncname;
	uint8_t canon[DNS_MAX_NAME];	/* the end of the chain */
	uint32_t addr[DNS_MAX_ADDRS];	/* be32 */
	unsigned int naddr;
};

/*
 * Check the reply @msg (@len bytes) against the query @query (@qlen bytes,
 * as dns_query_build() made it) and read it into @ans. A reply is ours
 * when its ID, QR, opcode and question (name, type, class) are the
 * query's (a reply without a question is accepted only as an error);
 * anything else is DNS_V_IGNORE. @max_cname is how many more aliases may
 * be followed. Every section is walked, so a count larger than the data
 * or a record running past the end makes the reply DNS_V_MALFORMED.
 */
enum dns_verdict dns_answer_parse(const uint8_t *msg, size_t len,
				  const uint8_t *query, size_t qlen,
				  unsigned int max_cname,
				  struct dns_answer *ans);

/* ---- resolv.conf ---------------------------------------------------- */

#define DNS_MAX_SERVERS		8

struct dns_conf {
	uint32_t server[DNS_MAX_SERVERS];	/* be32 */
	unsigned int nserver;
	int timeout;		/* seconds, "options timeout:N"; -1 if none */
	int attempts;		/* "options attempts:N"; -1 if none */
};

/*
 * Read resolv.conf text @text into @c (appending servers, at most
 * DNS_MAX_SERVERS): "nameserver A.B.C.D" lines (IPv6 servers skipped),
 * "options timeout:N attempts:N"; '#' and ';' start comments; other
 * keywords (search, domain...) ignored. Returns how many servers it added.
 */
int dns_conf_parse(const char *text, struct dns_conf *c);

#endif /* CNET_TOOLS_DNS_H */
