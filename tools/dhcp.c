// SPDX-License-Identifier: GPL-2.0
/*
 * cnet-dhcp's pure parts: DHCP messages and the client state machine; see
 * dhcp.h.
 *
 * Parsing trusts nothing of the packet: every option's length is checked
 * against the end of the area it is in (the options field, and the "file"
 * and "sname" fields when option 52 overloads them), an area without END
 * is refused, and an option that appears more than once is concatenated
 * (RFC 3396) up to 255 bytes. Values are then checked one by one: a value
 * of the wrong length, or a domain name with characters a resolv.conf line
 * must not hold, is ignored as if absent; of a fixed-size option (a mask,
 * an address, a time) the first instance counts.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "dhcp.h"

#define NS_PER_S	1000000000LL

/* ---- parsing ------------------------------------------------------------- */

/* The options we keep, concatenated per code (RFC 3396). */
static const uint8_t kept_codes[] = {
	DHO_SUBNET_MASK, DHO_ROUTERS, DHO_DNS, DHO_DOMAIN_NAME,
	DHO_LEASE_TIME, DHO_OVERLOAD, DHO_MESSAGE_TYPE, DHO_SERVER_ID,
	DHO_MESSAGE, DHO_T1, DHO_T2,
};

#define NKEPT	sizeof(kept_codes)

struct opts {
	uint8_t data[NKEPT][255];
	uint16_t len[NKEPT];		/* 256 and up: too long, unusable */
	uint8_t first_len[NKEPT];	/* of the first instance */
	bool seen[NKEPT];
};

static int kept_slot(uint8_t code)
{
	unsigned int i;

	for (i = 0; i < NKEPT; i++)
		if (kept_codes[i] == code)
			return i;
	return -1;
}

static void opt_add(struct opts *o, uint8_t code, const uint8_t *v,
		    uint8_t len)
{
	int s = kept_slot(code);

	if (s < 0)
		return;
	if (!o->seen[s])
		o->first_len[s] = len;
	o->seen[s] = true;
	if (o->len[s] + len > sizeof(o->data[s])) {
		o->len[s] = sizeof(o->data[s]) + 1;	/* poisoned */
		return;
	}
	memcpy(o->data[s] + o->len[s], v, len);
	o->len[s] += len;
}

/*
 * Walk one option area of @len bytes: PAD runs are skipped, END ends it,
 * every other option must fit with its length byte. Option 52 counts only
 * in the options field itself (@main).
 */
static enum dhcp_parse_err opts_walk(const uint8_t *p, size_t len,
				     struct opts *o, bool main)
{
	size_t i = 0;

	while (i < len) {
		uint8_t code = p[i], olen;

		if (code == DHO_PAD) {
			i++;
			continue;
		}
		if (code == DHO_END)
			return DHCP_OK;
		if (i + 1 >= len)
			return DHCP_ERR_OVERRUN;
		olen = p[i + 1];
		if (i + 2 + olen > len)
			return DHCP_ERR_OVERRUN;
		if (code != DHO_OVERLOAD || main)
			opt_add(o, code, p + i + 2, olen);
		i += 2 + olen;
	}
	return DHCP_ERR_NO_END;
}

/*
 * A fixed-size option's value: its first instance, if it is exactly @len
 * bytes long, else NULL. (Concatenating a fixed-size option makes no
 * sense; some servers repeat one, dnsmasq its server identifier when
 * it is configured by hand.)
 */
static const uint8_t *opt_get(const struct opts *o, uint8_t code, size_t len)
{
	int s = kept_slot(code);

	if (s < 0 || !o->seen[s] || o->first_len[s] != len)
		return NULL;
	return o->data[s];
}

/* A list of addresses: a non-empty multiple of 4 bytes; zeros skipped. */
static unsigned int opt_addrs(const struct opts *o, uint8_t code,
			      uint32_t *out, unsigned int max)
{
	int s = kept_slot(code);
	unsigned int n = 0, i;

	if (!o->seen[s] || !o->len[s] || o->len[s] % 4 ||
	    o->len[s] > sizeof(o->data[s]))
		return 0;
	for (i = 0; i + 4 <= o->len[s] && n < max; i += 4) {
		memcpy(&out[n], o->data[s] + i, 4);
		if (out[n])
			n++;
	}
	return n;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

/*
 * A domain name safe for a resolv.conf line: letters, digits, '-', '_'
 * and '.', trailing NULs (some servers send one) dropped. Else "".
 */
static void opt_domain(const struct opts *o, char *out)
{
	int s = kept_slot(DHO_DOMAIN_NAME);
	size_t len = o->len[s], i;

	out[0] = '\0';
	if (!o->seen[s] || len > sizeof(o->data[s]))
		return;
	while (len && !o->data[s][len - 1])
		len--;
	if (!len)
		return;
	for (i = 0; i < len; i++) {
		uint8_t c = o->data[s][i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return;
	}
	memcpy(out, o->data[s], len);
	out[len] = '\0';
}

/* Option 56, for the log: printable ASCII, the rest as '?'. */
static void opt_message(const struct opts *o, char *out, size_t size)
{
	int s = kept_slot(DHO_MESSAGE);
	size_t len = o->len[s], i;

	out[0] = '\0';
	if (!o->seen[s] || len > sizeof(o->data[s]))
		return;
	if (len > size - 1)
		len = size - 1;
	for (i = 0; i < len; i++) {
		uint8_t c = o->data[s][i];

		out[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	out[len] = '\0';
}

enum dhcp_parse_err dhcp_parse(const uint8_t *buf, size_t len,
			       struct dhcp_msg *m)
{
	static struct opts o;	/* 3 KiB: not on the stack; one thread */
	const uint8_t *v;
	enum dhcp_parse_err err;
	uint8_t overload = 0;

	memset(m, 0, sizeof(*m));
	memset(&o, 0, sizeof(o));
	if (len < DHCP_OPTS_OFF)
		return DHCP_ERR_SHORT;
	if (buf[0] != BOOTREPLY || buf[1] != 1 || buf[2] != 6)
		return DHCP_ERR_NOT_REPLY;
	if (get_be32(buf + DHCP_HDR_LEN) != DHCP_MAGIC)
		return DHCP_ERR_MAGIC;

	err = opts_walk(buf + DHCP_OPTS_OFF, len - DHCP_OPTS_OFF, &o, true);
	if (err)
		return err;
	v = opt_get(&o, DHO_OVERLOAD, 1);
	if (v)
		overload = *v;
	/* RFC 2131 4.1: "file" first, then "sname" */
	if (overload == 1 || overload == 3) {
		err = opts_walk(buf + DHCP_FILE_OFF, DHCP_FILE_LEN, &o, false);
		if (err)
			return err;
	}
	if (overload == 2 || overload == 3) {
		err = opts_walk(buf + DHCP_SNAME_OFF, DHCP_SNAME_LEN, &o,
				false);
		if (err)
			return err;
	}

	v = opt_get(&o, DHO_MESSAGE_TYPE, 1);
	if (!v || *v < DHCPDISCOVER || *v > DHCPINFORM)
		return DHCP_ERR_NO_TYPE;
	m->type = *v;
	m->xid = get_be32(buf + 4);
	memcpy(&m->yiaddr, buf + 16, 4);
	memcpy(m->chaddr, buf + 28, 6);

	v = opt_get(&o, DHO_SERVER_ID, 4);
	if (v)
		memcpy(&m->server_id, v, 4);
	v = opt_get(&o, DHO_SUBNET_MASK, 4);
	if (v) {
		memcpy(&m->mask, v, 4);
		m->has_mask = true;
	}
	m->nrouters = opt_addrs(&o, DHO_ROUTERS, m->routers, DHCP_MAX_ROUTERS);
	m->ndns = opt_addrs(&o, DHO_DNS, m->dns, DHCP_MAX_DNS);
	opt_domain(&o, m->domain);
	opt_message(&o, m->message, sizeof(m->message));
	v = opt_get(&o, DHO_LEASE_TIME, 4);
	if (v) {
		m->lease = get_be32(v);
		m->has_lease = true;
	}
	v = opt_get(&o, DHO_T1, 4);
	if (v) {
		m->t1 = get_be32(v);
		m->has_t1 = true;
	}
	v = opt_get(&o, DHO_T2, 4);
	if (v) {
		m->t2 = get_be32(v);
		m->has_t2 = true;
	}
	return DHCP_OK;
}

const char *dhcp_parse_strerror(enum dhcp_parse_err err)
{
	static const char *const msg[] = {
		[DHCP_OK]		= "ok",
		[DHCP_ERR_SHORT]	= "too short",
		[DHCP_ERR_NOT_REPLY]	= "not a BOOTP reply on Ethernet",
		[DHCP_ERR_MAGIC]	= "no DHCP magic cookie",
		[DHCP_ERR_OVERRUN]	= "an option runs past the packet",
		[DHCP_ERR_NO_END]	= "options without END",
		[DHCP_ERR_NO_TYPE]	= "no DHCP message type",
	};

	return (unsigned int)err < sizeof(msg) / sizeof(msg[0]) ?
	       msg[err] : "?";
}

const char *dhcp_type_name(unsigned int type)
{
	static const char *const names[] = {
		[DHCPDISCOVER]	= "DISCOVER",
		[DHCPOFFER]	= "OFFER",
		[DHCPREQUEST]	= "REQUEST",
		[DHCPDECLINE]	= "DECLINE",
		[DHCPACK]	= "ACK",
		[DHCPNAK]	= "NAK",
		[DHCPRELEASE]	= "RELEASE",
		[DHCPINFORM]	= "INFORM",
	};

	return type < sizeof(names) / sizeof(names[0]) && names[type] ?
	       names[type] : "?";
}

/* ---- building ------------------------------------------------------------ */

static uint8_t *put_opt(uint8_t *p, uint8_t code, const void *v, uint8_t len)
{
	*p++ = code;
	*p++ = len;
	memcpy(p, v, len);
	return p + len;
}

size_t dhcp_build(uint8_t *buf, size_t size, const struct dhcp_req *r)
{
	/* RFC 2132 9.8: what we ask the server for */
	static const uint8_t params[] = {
		DHO_SUBNET_MASK, DHO_ROUTERS, DHO_DNS, DHO_DOMAIN_NAME,
		DHO_LEASE_TIME, DHO_SERVER_ID, DHO_T1, DHO_T2,
	};
	uint8_t cid[7], *p;
	uint32_t be;
	uint16_t be16;
	size_t len;

	if (size < DHCP_BUF_LEN)
		return 0;
	memset(buf, 0, DHCP_BUF_LEN);
	buf[0] = BOOTREQUEST;
	buf[1] = 1;			/* htype: Ethernet */
	buf[2] = 6;			/* hlen */
	be = htonl(r->xid);
	memcpy(buf + 4, &be, 4);
	be16 = htons(r->secs);
	memcpy(buf + 8, &be16, 2);
	be16 = htons(r->broadcast ? DHCP_FLAG_BROADCAST : 0);
	memcpy(buf + 10, &be16, 2);
	memcpy(buf + 12, &r->ciaddr, 4);
	memcpy(buf + 28, r->chaddr, 6);
	be = htonl(DHCP_MAGIC);
	memcpy(buf + DHCP_HDR_LEN, &be, 4);

	p = buf + DHCP_OPTS_OFF;
	p = put_opt(p, DHO_MESSAGE_TYPE, &r->type, 1);
	cid[0] = 1;			/* RFC 2132 9.14: htype, then chaddr */
	memcpy(cid + 1, r->chaddr, 6);
	p = put_opt(p, DHO_CLIENT_ID, cid, sizeof(cid));
	if (r->requested)
		p = put_opt(p, DHO_REQUESTED_ADDR, &r->requested, 4);
	if (r->server_id)
		p = put_opt(p, DHO_SERVER_ID, &r->server_id, 4);
	if (r->type == DHCPDISCOVER || r->type == DHCPREQUEST) {
		be16 = htons(DHCP_BUF_LEN);
		p = put_opt(p, DHO_MAX_SIZE, &be16, 2);
		p = put_opt(p, DHO_PARAM_LIST, params, sizeof(params));
	}
	*p++ = DHO_END;
	len = p - buf;
	return len < DHCP_MIN_LEN ? DHCP_MIN_LEN : len;
}

/* ---- helpers ------------------------------------------------------------- */

int dhcp_mask_to_prefix(uint32_t mask)
{
	uint32_t m = ntohl(mask);
	int n = 0;

	while (m & 0x80000000u) {
		m <<= 1;
		n++;
	}
	return m ? -1 : n;
}

uint8_t dhcp_classful_prefix(uint32_t addr)
{
	uint8_t a = ntohl(addr) >> 24;

	return a < 128 ? 8 : a < 192 ? 16 : 24;
}

int dhcp_resolv_conf(const struct dhcp_lease *l, char *buf, size_t size)
{
	char a[INET_ADDRSTRLEN];
	unsigned int i;
	int n, total;

	total = snprintf(buf, size, "# written by cnet-dhcp\n");
	if (l->domain[0]) {
		n = snprintf(buf + total, (size_t)total < size ? size - total : 0,
			     "search %s\n", l->domain);
		total += n;
	}
	for (i = 0; i < l->ndns; i++) {
		inet_ntop(AF_INET, &l->dns[i], a, sizeof(a));
		n = snprintf(buf + total, (size_t)total < size ? size - total : 0,
			     "nameserver %s\n", a);
		total += n;
	}
	return total;
}

/* ---- the state machine --------------------------------------------------- */

const char *dhcp_state_name(enum dhcp_state s)
{
	static const char *const names[__DHCP_S_MAX] = {
		[DHCP_S_INIT]		= "INIT",
		[DHCP_S_SELECTING]	= "SELECTING",
		[DHCP_S_REQUESTING]	= "REQUESTING",
		[DHCP_S_CHECKING]	= "CHECKING",
		[DHCP_S_BOUND]		= "BOUND",
		[DHCP_S_RENEWING]	= "RENEWING",
		[DHCP_S_REBINDING]	= "REBINDING",
		[DHCP_S_RELEASED]	= "RELEASED",
	};

	return (unsigned int)s < __DHCP_S_MAX ? names[s] : "?";
}

void dhcp_sm_init(struct dhcp_sm *sm, const uint8_t chaddr[6], uint64_t seed)
{
	memset(sm, 0, sizeof(*sm));
	sm->state = DHCP_S_INIT;
	memcpy(sm->chaddr, chaddr, 6);
	sm->rnd = seed ? seed : 0x9e3779b97f4a7c15ull;
	sm->deadline = INT64_MAX;
	sm->p.backoff_min = 4 * NS_PER_S;
	sm->p.backoff_max = 64 * NS_PER_S;
	sm->p.jitter = NS_PER_S;
	sm->p.renew_min = 60 * NS_PER_S;
	sm->p.decline_wait = 10 * NS_PER_S;
	sm->p.nak_wait = 3 * NS_PER_S;
	sm->p.check_max = 30 * NS_PER_S;
	sm->p.request_tries = 4;
}

/* xorshift64*: plenty for xids and jitter, and repeatable in tests. */
static uint64_t sm_random(struct dhcp_sm *sm)
{
	sm->rnd ^= sm->rnd >> 12;
	sm->rnd ^= sm->rnd << 25;
	sm->rnd ^= sm->rnd >> 27;
	return sm->rnd * 0x2545f4914f6cdd1dull;
}

/* RFC 2131 4.1: 4, 8, 16... s up to 64 s, each +/- 1 s. */
static int64_t sm_backoff(struct dhcp_sm *sm, unsigned int tries)
{
	int64_t d = sm->p.backoff_min;
	int64_t j = sm->p.jitter;

	while (tries-- && d < sm->p.backoff_max)
		d *= 2;
	if (d > sm->p.backoff_max)
		d = sm->p.backoff_max;
	if (j > 0)
		d += (int64_t)(sm_random(sm) % (uint64_t)(2 * j + 1)) - j;
	return d;
}

/*
 * RFC 2131 4.4.5: in RENEWING and REBINDING, wait half the time left
 * until @limit (T2, or the expiry), but at least renew_min, never past it.
 */
static int64_t sm_renew_deadline(const struct dhcp_sm *sm, int64_t now,
				 int64_t limit)
{
	int64_t wait = (limit - now) / 2;

	if (wait < sm->p.renew_min)
		wait = sm->p.renew_min;
	return now + wait < limit ? now + wait : limit;
}

static uint16_t sm_secs(const struct dhcp_sm *sm, int64_t now)
{
	int64_t s = (now - sm->begun) / NS_PER_S;

	return s < 0 ? 0 : s > 0xffff ? 0xffff : (uint16_t)s;
}

/* Fill out->req for a message of @type, sent to @dst (0: broadcast). */
static void sm_send(struct dhcp_sm *sm, struct dhcp_out *out, uint8_t type,
		    int64_t now, uint32_t dst)
{
	struct dhcp_req *r = &out->req;

	memset(r, 0, sizeof(*r));
	r->type = type;
	r->xid = sm->xid;
	r->secs = sm_secs(sm, now);
	memcpy(r->chaddr, sm->chaddr, 6);
	switch (sm->state) {
	case DHCP_S_REQUESTING:		/* RFC 2131 table 5: SELECTING */
		r->requested = sm->offer_addr;
		r->server_id = sm->offer_server;
		break;
	case DHCP_S_RENEWING:
	case DHCP_S_REBINDING:
		r->ciaddr = sm->lease.addr;
		break;
	default:
		break;
	}
	if (type == DHCPDECLINE) {
		r->requested = sm->lease.addr;
		r->server_id = sm->lease.server_id;
	} else if (type == DHCPRELEASE) {
		r->ciaddr = sm->lease.addr;
		r->server_id = sm->lease.server_id;
	}
	/* answer by broadcast: we cannot receive unicast to no address */
	r->broadcast = !r->ciaddr && type != DHCPDECLINE;
	if (type == DHCPREQUEST)
		sm->sent = now;
	out->actions |= DHCP_ACT_SEND;
	out->dst = dst;
}

static void sm_discover(struct dhcp_sm *sm, int64_t now, struct dhcp_out *out)
{
	sm->state = DHCP_S_SELECTING;
	sm->xid = (uint32_t)sm_random(sm);
	sm->begun = now;
	sm->tries = 0;
	sm_send(sm, out, DHCPDISCOVER, now, 0);
	sm->deadline = now + sm_backoff(sm, sm->tries++);
}

/* Go back to INIT (NAK, expiry, conflict), to discover at @when. */
static void sm_restart(struct dhcp_sm *sm, int64_t now, int64_t when,
		       struct dhcp_out *out)
{
	if (sm->configured)
		out->actions |= DHCP_ACT_DECONFIG;
	sm->configured = false;
	if (when <= now) {
		sm_discover(sm, now, out);
		return;
	}
	sm->state = DHCP_S_INIT;
	sm->deadline = when;
}

/* The first RENEWING or REBINDING REQUEST: a new exchange. */
static void sm_extend(struct dhcp_sm *sm, enum dhcp_state state, int64_t now,
		      struct dhcp_out *out)
{
	bool renew = state == DHCP_S_RENEWING;

	sm->state = state;
	sm->xid = (uint32_t)sm_random(sm);
	sm->begun = now;
	sm->tries = 1;
	sm_send(sm, out, DHCPREQUEST, now, renew ? sm->lease.server_id : 0);
	sm->deadline = sm_renew_deadline(sm, now, renew ? sm->lease.t2 :
					 sm->lease.expiry);
}

static void sm_timer(struct dhcp_sm *sm, int64_t now, struct dhcp_out *out)
{
	switch (sm->state) {
	case DHCP_S_INIT:
		sm_discover(sm, now, out);
		break;
	case DHCP_S_SELECTING:
		sm_send(sm, out, DHCPDISCOVER, now, 0);
		sm->deadline = now + sm_backoff(sm, sm->tries++);
		break;
	case DHCP_S_REQUESTING:
		if (sm->tries >= sm->p.request_tries) {
			sm_discover(sm, now, out);
			break;
		}
		sm_send(sm, out, DHCPREQUEST, now, 0);
		sm->deadline = now + sm_backoff(sm, sm->tries++);
		break;
	case DHCP_S_CHECKING:		/* DAD never ended: start over */
		sm_restart(sm, now, now, out);
		break;
	case DHCP_S_BOUND:
	case DHCP_S_RENEWING:
	case DHCP_S_REBINDING:
		if (now >= sm->lease.expiry) {	/* RFC 2131 4.4.5 */
			sm_restart(sm, now, now, out);
		} else if (now >= sm->lease.t2) {
			if (sm->state != DHCP_S_REBINDING) {
				sm_extend(sm, DHCP_S_REBINDING, now, out);
				break;
			}
			sm->tries++;
			sm_send(sm, out, DHCPREQUEST, now, 0);
			sm->deadline = sm_renew_deadline(sm, now,
							 sm->lease.expiry);
		} else if (now >= sm->lease.t1) {
			if (sm->state != DHCP_S_RENEWING) {
				sm_extend(sm, DHCP_S_RENEWING, now, out);
				break;
			}
			sm->tries++;
			sm_send(sm, out, DHCPREQUEST, now, sm->lease.server_id);
			sm->deadline = sm_renew_deadline(sm, now, sm->lease.t2);
		} else {			/* early: wait on */
			sm->deadline = sm->state == DHCP_S_BOUND ? sm->lease.t1 :
				       sm->deadline;
		}
		break;
	default:
		sm->deadline = INT64_MAX;
		break;
	}
}

/* Is @a an address a host may be given (not 0, loopback, class D/E)? */
static bool host_addr(uint32_t a)
{
	uint32_t h = ntohl(a);

	return h && (h >> 24) != 127 && (h >> 24) != 0 && h < 0xe0000000u;
}

static int64_t at(int64_t start, uint32_t secs)
{
	return start + (int64_t)secs * NS_PER_S;
}

/* An ACK's lease, timed from the REQUEST that got it; false if unusable. */
static bool sm_take_lease(struct dhcp_sm *sm, const struct dhcp_msg *m,
			  struct dhcp_lease *l)
{
	uint32_t t1, t2;
	int plen = -1;

	if (!host_addr(m->yiaddr) || !m->has_lease || !m->lease)
		return false;
	memset(l, 0, sizeof(*l));
	l->addr = m->yiaddr;
	if (m->has_mask)
		plen = dhcp_mask_to_prefix(m->mask);
	l->prefixlen = plen > 0 ? plen : dhcp_classful_prefix(m->yiaddr);
	l->server_id = m->server_id ? m->server_id : sm->lease.server_id;
	if (!l->server_id)
		l->server_id = sm->offer_server;
	l->router = m->nrouters ? m->routers[0] : 0;
	memcpy(l->dns, m->dns, sizeof(l->dns));
	l->ndns = m->ndns;
	memcpy(l->domain, m->domain, sizeof(l->domain));
	l->lease = m->lease;
	l->start = sm->sent;
	if (m->lease == DHCP_INFINITE) {
		l->t1 = l->t2 = l->expiry = INT64_MAX;
		return true;
	}
	/* RFC 2131 4.4.5: defaults 0.5 and 0.875; T1 <= T2 <= lease */
	t2 = m->has_t2 && m->t2 <= m->lease ? m->t2 :
	     (uint32_t)((uint64_t)m->lease * 7 / 8);
	t1 = m->has_t1 && m->t1 <= t2 ? m->t1 : m->lease / 2;
	if (t1 > t2)
		t1 = t2;
	l->t1 = at(l->start, t1);
	l->t2 = at(l->start, t2);
	l->expiry = at(l->start, m->lease);
	return true;
}

static void sm_rx(struct dhcp_sm *sm, int64_t now, const struct dhcp_msg *m,
		  struct dhcp_out *out)
{
	struct dhcp_lease l;

	if (m->xid != sm->xid || memcmp(m->chaddr, sm->chaddr, 6))
		return;

	switch (sm->state) {
	case DHCP_S_SELECTING:
		/* the first usable offer wins */
		if (m->type != DHCPOFFER || !host_addr(m->yiaddr) ||
		    !m->server_id)
			return;
		sm->offer_addr = m->yiaddr;
		sm->offer_server = m->server_id;
		sm->state = DHCP_S_REQUESTING;
		sm->tries = 0;
		sm_send(sm, out, DHCPREQUEST, now, 0);
		sm->deadline = now + sm_backoff(sm, sm->tries++);
		return;
	case DHCP_S_REQUESTING:
	case DHCP_S_RENEWING:
	case DHCP_S_REBINDING:
		break;
	default:
		return;
	}

	/* in REQUESTING and RENEWING, only the chosen server speaks */
	if (sm->state != DHCP_S_REBINDING && m->server_id &&
	    m->server_id != (sm->state == DHCP_S_REQUESTING ?
			     sm->offer_server : sm->lease.server_id))
		return;
	if (m->type == DHCPNAK) {
		sm_restart(sm, now, now + sm->p.nak_wait, out);
		return;
	}
	if (m->type != DHCPACK || !sm_take_lease(sm, m, &l))
		return;

	if (sm->state != DHCP_S_REQUESTING && l.addr == sm->lease.addr &&
	    l.prefixlen == sm->lease.prefixlen) {
		/* renewed: same address, maybe new route or servers */
		sm->lease = l;
		sm->state = DHCP_S_BOUND;
		sm->deadline = l.t1;
		out->actions |= DHCP_ACT_APPLY | DHCP_ACT_BOUND;
		return;
	}
	if (sm->configured)		/* a new address: the old one goes */
		out->actions |= DHCP_ACT_DECONFIG;
	sm->lease = l;
	sm->state = DHCP_S_CHECKING;
	sm->configured = true;
	sm->deadline = now + sm->p.check_max;
	out->actions |= DHCP_ACT_ADDR_ADD;
}

void dhcp_sm_event(struct dhcp_sm *sm, enum dhcp_event_type ev, int64_t now,
		   const struct dhcp_msg *msg, struct dhcp_out *out)
{
	memset(out, 0, sizeof(*out));
	if (sm->state == DHCP_S_RELEASED)
		return;

	switch (ev) {
	case DHCP_EV_START:
		sm_discover(sm, now, out);
		break;
	case DHCP_EV_TIMER:
		sm_timer(sm, now, out);
		break;
	case DHCP_EV_RX:
		if (msg)
			sm_rx(sm, now, msg, out);
		break;
	case DHCP_EV_CHECK_OK:
		if (sm->state != DHCP_S_CHECKING)
			break;
		sm->state = DHCP_S_BOUND;
		sm->deadline = sm->lease.t1;
		out->actions |= DHCP_ACT_APPLY | DHCP_ACT_BOUND;
		break;
	case DHCP_EV_CHECK_FAIL:
		if (sm->state != DHCP_S_CHECKING)
			break;
		/* RFC 2131 3.1.5: DECLINE, wait 10 s, start over */
		sm_send(sm, out, DHCPDECLINE, now, 0);
		sm_restart(sm, now, now + sm->p.decline_wait, out);
		break;
	case DHCP_EV_RELEASE:
		if (sm->configured) {
			sm->xid = (uint32_t)sm_random(sm);
			if (sm->state == DHCP_S_CHECKING)
				sm_send(sm, out, DHCPRELEASE, now, 0);
			else
				sm_send(sm, out, DHCPRELEASE, now,
					sm->lease.server_id);
			out->actions |= DHCP_ACT_DECONFIG;
		}
		sm->configured = false;
		sm->state = DHCP_S_RELEASED;
		sm->deadline = INT64_MAX;
		out->actions |= DHCP_ACT_EXIT;
		break;
	}
}
