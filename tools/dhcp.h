/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet-dhcp's pure parts: DHCP messages (RFC 2131, options of RFC 2132)
 * built and parsed in memory, and the client's state machine as a pure
 * function of (state, event, time), in the manner of the module's
 * cnet_neigh_sm_*(). No socket, no netlink, no clock: cnet-dhcp.c feeds
 * events in and carries the actions out; tests/dhcp-test.c drives both
 * with hand-made packets and a fake clock.
 *
 * Addresses are in network byte order (as they travel), times in
 * nanoseconds of CLOCK_MONOTONIC (or of the test's clock).
 */
#ifndef CNET_TOOLS_DHCP_H
#define CNET_TOOLS_DHCP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_SERVER_PORT	67
#define DHCP_CLIENT_PORT	68

#define DHCP_MAGIC		0x63825363u	/* RFC 2131 3: 99.130.83.99 */
#define DHCP_HDR_LEN		236		/* op .. file */
#define DHCP_OPTS_OFF		(DHCP_HDR_LEN + 4)	/* after the cookie */
#define DHCP_SNAME_OFF		44
#define DHCP_SNAME_LEN		64
#define DHCP_FILE_OFF		108
#define DHCP_FILE_LEN		128
#define DHCP_MIN_LEN		300	/* BOOTP's minimum: RFC 1542 2.1 */
#define DHCP_BUF_LEN		576	/* what we build into: RFC 2131 2 */
#define DHCP_FLAG_BROADCAST	0x8000

#define BOOTREQUEST		1
#define BOOTREPLY		2

/* RFC 2132 9.6 */
enum dhcp_type {
	DHCP_NONE,
	DHCPDISCOVER,
	DHCPOFFER,
	DHCPREQUEST,
	DHCPDECLINE,
	DHCPACK,
	DHCPNAK,
	DHCPRELEASE,
	DHCPINFORM,
};

/* The options we read or write (RFC 2132). */
enum {
	DHO_PAD			= 0,
	DHO_SUBNET_MASK		= 1,
	DHO_ROUTERS		= 3,
	DHO_DNS			= 6,
	DHO_HOST_NAME		= 12,
	DHO_DOMAIN_NAME		= 15,
	DHO_REQUESTED_ADDR	= 50,
	DHO_LEASE_TIME		= 51,
	DHO_OVERLOAD		= 52,
	DHO_MESSAGE_TYPE	= 53,
	DHO_SERVER_ID		= 54,
	DHO_PARAM_LIST		= 55,
	DHO_MESSAGE		= 56,
	DHO_MAX_SIZE		= 57,
	DHO_T1			= 58,
	DHO_T2			= 59,
	DHO_CLIENT_ID		= 61,
	DHO_END			= 255,
};

#define DHCP_MAX_ROUTERS	4
#define DHCP_MAX_DNS		4
#define DHCP_DOMAIN_MAX		255
#define DHCP_INFINITE		0xffffffffu	/* lease time: forever */

/* What a server's message said; the fields we use, validated. */
struct dhcp_msg {
	uint8_t type;			/* enum dhcp_type; DHCP_NONE: absent */
	uint32_t xid;			/* host order */
	uint8_t chaddr[6];
	uint32_t yiaddr;
	uint32_t server_id;		/* 0: absent */
	uint32_t mask;			/* has_mask: option 1 */
	bool has_mask;
	uint32_t routers[DHCP_MAX_ROUTERS];
	unsigned int nrouters;
	uint32_t dns[DHCP_MAX_DNS];
	unsigned int ndns;
	char domain[DHCP_DOMAIN_MAX + 1];	/* "" when absent or unsafe */
	uint32_t lease;			/* seconds; has_lease */
	uint32_t t1, t2;		/* seconds; has_t1, has_t2 */
	bool has_lease, has_t1, has_t2;
	char message[256];		/* option 56, printable only */
};

/* Why a packet was not a DHCP message we can read. */
enum dhcp_parse_err {
	DHCP_OK = 0,
	DHCP_ERR_SHORT,		/* shorter than the header and the cookie */
	DHCP_ERR_NOT_REPLY,	/* op is not BOOTREPLY, or not Ethernet */
	DHCP_ERR_MAGIC,		/* no magic cookie */
	DHCP_ERR_OVERRUN,	/* an option runs past its area */
	DHCP_ERR_NO_END,	/* an option area has no END */
	DHCP_ERR_NO_TYPE,	/* no valid message type (option 53) */
};

/* Parse @len bytes of a BOOTP/DHCP reply into @m; DHCP_OK or why not. */
enum dhcp_parse_err dhcp_parse(const uint8_t *buf, size_t len,
			       struct dhcp_msg *m);
const char *dhcp_parse_strerror(enum dhcp_parse_err err);
const char *dhcp_type_name(unsigned int type);

/* A message to build: which fields RFC 2131's table 5 asks for is the SM's. */
struct dhcp_req {
	uint8_t type;			/* DHCPDISCOVER, ... */
	uint32_t xid;			/* host order */
	uint16_t secs;			/* since the exchange began */
	bool broadcast;			/* the BROADCAST flag */
	uint32_t ciaddr;		/* our address (RENEW, REBIND, RELEASE) */
	uint32_t requested;		/* option 50; 0: none */
	uint32_t server_id;		/* option 54; 0: none */
	uint8_t chaddr[6];
};

/*
 * Build @r into @buf of @size (at least DHCP_BUF_LEN) bytes. Returns the
 * length (at least DHCP_MIN_LEN, padded), 0 if @size is too small.
 */
size_t dhcp_build(uint8_t *buf, size_t size, const struct dhcp_req *r);

/* ---- the client state machine (RFC 2131 4.4, figure 5) ----------------- */

enum dhcp_state {
	DHCP_S_INIT,		/* about to discover */
	DHCP_S_SELECTING,	/* DISCOVER sent, waiting for offers */
	DHCP_S_REQUESTING,	/* REQUEST sent for an offer */
	DHCP_S_CHECKING,	/* ACKed; the address is being probed (DAD) */
	DHCP_S_BOUND,		/* configured, until T1 */
	DHCP_S_RENEWING,	/* T1: REQUEST unicast to the server */
	DHCP_S_REBINDING,	/* T2: REQUEST broadcast to any server */
	DHCP_S_RELEASED,	/* RELEASE sent (or given up): the end */
	__DHCP_S_MAX,
};

const char *dhcp_state_name(enum dhcp_state s);

enum dhcp_event_type {
	DHCP_EV_START,		/* begin (from INIT) */
	DHCP_EV_TIMER,		/* the deadline has come */
	DHCP_EV_RX,		/* a message for us (xid and chaddr match) */
	DHCP_EV_CHECK_OK,	/* the address passed DAD */
	DHCP_EV_CHECK_FAIL,	/* DAD found the address in use */
	DHCP_EV_RELEASE,	/* give the lease back and stop (-x) */
};

/* Timing, in ns; dhcp_sm_init() sets RFC 2131's values. */
struct dhcp_params {
	int64_t backoff_min;	/* first retransmission: 4 s */
	int64_t backoff_max;	/* cap: 64 s */
	int64_t jitter;		/* +/- 1 s */
	int64_t renew_min;	/* RENEWING/REBINDING retransmit: >= 60 s */
	int64_t decline_wait;	/* after DECLINE: 10 s (RFC 2131 3.1.5) */
	int64_t nak_wait;	/* after NAK, before discovering again */
	int64_t check_max;	/* DAD that never ends: give up */
	unsigned int request_tries;	/* REQUESTs in REQUESTING, then INIT */
};

/* What the machine holds. */
struct dhcp_lease {
	uint32_t addr;
	uint8_t prefixlen;
	uint32_t server_id;
	uint32_t router;		/* 0: none */
	uint32_t dns[DHCP_MAX_DNS];
	unsigned int ndns;
	char domain[DHCP_DOMAIN_MAX + 1];
	uint32_t lease;			/* seconds, DHCP_INFINITE: forever */
	int64_t start;			/* when the REQUEST that got it went */
	int64_t t1, t2, expiry;		/* absolute; INT64_MAX: never */
};

struct dhcp_sm {
	enum dhcp_state state;
	struct dhcp_params p;
	uint8_t chaddr[6];
	uint64_t rnd;			/* xorshift state: xids, jitter */
	uint32_t xid;			/* of the current exchange */
	int64_t begun;			/* the exchange's start, for secs */
	int64_t sent;			/* the last REQUEST's time */
	int64_t deadline;		/* INT64_MAX: none */
	unsigned int tries;		/* sends in this state */
	uint32_t offer_addr;		/* REQUESTING: the offer taken */
	uint32_t offer_server;
	bool configured;		/* an address is on the device */
	struct dhcp_lease lease;	/* valid from CHECKING on */
};

/* Actions: what the caller must do, in this order. */
#define DHCP_ACT_DECONFIG	0x01	/* remove address, route, DNS */
#define DHCP_ACT_ADDR_ADD	0x02	/* add lease.addr (DAD starts) */
#define DHCP_ACT_APPLY		0x04	/* route and DNS of the lease */
#define DHCP_ACT_SEND		0x08	/* send out.req */
#define DHCP_ACT_BOUND		0x10	/* a lease was (re)acquired */
#define DHCP_ACT_EXIT		0x20	/* the machine has stopped */

struct dhcp_out {
	unsigned int actions;
	struct dhcp_req req;		/* with DHCP_ACT_SEND */
	uint32_t dst;			/* 0: broadcast; else unicast to it */
};

/* @seed: random, for xids and jitter; the params are RFC 2131's. */
void dhcp_sm_init(struct dhcp_sm *sm, const uint8_t chaddr[6],
		  uint64_t seed);

/*
 * Feed one event at time @now (@msg with DHCP_EV_RX, else NULL): moves
 * the state, fills @out with the actions, and sets sm->deadline, at which
 * the caller feeds DHCP_EV_TIMER.
 */
void dhcp_sm_event(struct dhcp_sm *sm, enum dhcp_event_type ev, int64_t now,
		   const struct dhcp_msg *msg, struct dhcp_out *out);

/* Subnet mask (network order) -> prefix length; -1 if not contiguous. */
int dhcp_mask_to_prefix(uint32_t mask);

/* The classful prefix of @addr, for leases without option 1. */
uint8_t dhcp_classful_prefix(uint32_t addr);

/*
 * The resolv.conf text for @l into @buf of @size: "search DOMAIN" and a
 * "nameserver A.B.C.D" line per server. Returns the length, as snprintf.
 */
int dhcp_resolv_conf(const struct dhcp_lease *l, char *buf, size_t size);

#endif /* CNET_TOOLS_DHCP_H */
