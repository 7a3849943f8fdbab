// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: cnet-dhcp's client state machine (tools/dhcp.c) driven by
 * a stream of events at times the input gives: the start, timers (at the
 * deadline the machine asked for, or at any time), replies (offers, ACKs,
 * NAKs with fields from the input, for our exchange or not), the address
 * check's result, the release. Time only goes forward, in steps of up to
 * 49 days, and stays below 2^61 ns (73 years of CLOCK_MONOTONIC, which
 * counts from boot): a lease of 2^32 - 2 s from then still fits an
 * int64_t.
 *
 * After each event: the state is a state; RELEASED is the end (no action
 * after it); only RELEASE exits; a timer leaves a deadline in the future;
 * a lease held (CHECKING to REBINDING) has a host address, a prefix of 1
 * to 32, T1 <= T2 <= expiry, and was started no later than now; the
 * address is removed only if it was configured, added only on the way
 * into CHECKING; each message to send is of our exchange and, built by
 * dhcp_build(), parses back (as if it were a reply) to its type, xid,
 * hardware address and server identifier.
 */
#include "../fuzz.h"

#include "../../tools/dhcp.c"

#define MS	1000000LL
#define TIME_MAX	(1LL << 61)

static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 0x01 };

static void check_send(const struct dhcp_sm *sm, const struct dhcp_out *out)
{
	const struct dhcp_req *r = &out->req;
	uint8_t buf[DHCP_BUF_LEN];
	struct dhcp_msg m;
	size_t len;

	FUZZ_CHECK(r->type == DHCPDISCOVER || r->type == DHCPREQUEST ||
		   r->type == DHCPDECLINE || r->type == DHCPRELEASE);
	FUZZ_CHECK(r->xid == sm->xid && !memcmp(r->chaddr, mac, 6));
	len = dhcp_build(buf, sizeof(buf), r);
	FUZZ_CHECK(len >= DHCP_MIN_LEN && len <= DHCP_BUF_LEN);
	FUZZ_CHECK(buf[0] == BOOTREQUEST);
	buf[0] = BOOTREPLY;
	FUZZ_CHECK(dhcp_parse(buf, len, &m) == DHCP_OK);
	FUZZ_CHECK(m.type == r->type && m.xid == r->xid &&
		   !memcmp(m.chaddr, mac, 6) && m.server_id == r->server_id);
}

static void rx_msg(struct fuzz_in *in, const struct dhcp_sm *sm,
		   struct dhcp_msg *m)
{
	uint8_t how = fuzz_u8(in);
	unsigned int i;

	memset(m, 0, sizeof(*m));
	m->type = fuzz_u8(in) % 9;
	m->xid = how & 1 ? fuzz_u32(in) : sm->xid;
	memcpy(m->chaddr, mac, 6);
	if (how & 2)
		m->chaddr[5] ^= 1;
	m->yiaddr = htonl(fuzz_u32(in));
	switch ((how >> 2) & 3) {
	case 0:
		m->server_id = 0;
		break;
	case 1:
		m->server_id = sm->offer_server;
		break;
	case 2:
		m->server_id = sm->lease.server_id;
		break;
	default:
		m->server_id = htonl(fuzz_u32(in));
		break;
	}
	m->has_mask = how & 0x10;
	if (m->has_mask)
		m->mask = htonl(fuzz_u32(in));
	m->has_lease = how & 0x20;
	if (m->has_lease)
		m->lease = fuzz_u32(in);
	m->has_t1 = how & 0x40;
	if (m->has_t1)
		m->t1 = fuzz_u32(in);
	m->has_t2 = how & 0x80;
	if (m->has_t2)
		m->t2 = fuzz_u32(in);
	m->nrouters = fuzz_u8(in) % (DHCP_MAX_ROUTERS + 1);
	for (i = 0; i < m->nrouters; i++)
		m->routers[i] = htonl(0x0a000001 + i);
	m->ndns = m->nrouters;
	memcpy(m->dns, m->routers, sizeof(m->dns));
}

static bool holds_lease(enum dhcp_state s)
{
	return s == DHCP_S_CHECKING || s == DHCP_S_BOUND ||
	       s == DHCP_S_RENEWING || s == DHCP_S_REBINDING;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct dhcp_sm sm;
	struct dhcp_out out;
	struct dhcp_msg m;
	int64_t now = fuzz_u32(&in) * MS;

	dhcp_sm_init(&sm, mac, fuzz_u32(&in));
	while (in.left) {
		uint8_t op = fuzz_u8(&in);
		enum dhcp_event_type ev;
		enum dhcp_state before = sm.state;
		bool configured = sm.configured;

		switch (op % 7) {
		case 0:
			ev = DHCP_EV_START;
			break;
		case 1:		/* the timer, when it was asked for */
			ev = DHCP_EV_TIMER;
			if (sm.deadline != INT64_MAX && sm.deadline > now)
				now = sm.deadline;
			break;
		case 2:		/* the timer, at any time */
			ev = DHCP_EV_TIMER;
			now += fuzz_u32(&in) * MS;
			break;
		case 3:
			ev = DHCP_EV_RX;
			now += fuzz_u16(&in) * MS;
			rx_msg(&in, &sm, &m);
			break;
		case 4:
			ev = DHCP_EV_CHECK_OK;
			break;
		case 5:
			ev = DHCP_EV_CHECK_FAIL;
			break;
		default:
			/* rarely: most inputs should live on */
			ev = op == 6 ? DHCP_EV_RELEASE : DHCP_EV_CHECK_OK;
			break;
		}
		if (now >= TIME_MAX)
			break;
		dhcp_sm_event(&sm, ev, now, ev == DHCP_EV_RX ? &m : NULL, &out);

		FUZZ_CHECK(sm.state < __DHCP_S_MAX);
		FUZZ_CHECK(strcmp(dhcp_state_name(sm.state), "?"));
		if (before == DHCP_S_RELEASED) {
			FUZZ_CHECK(sm.state == DHCP_S_RELEASED && !out.actions);
			continue;
		}
		FUZZ_CHECK(!(out.actions & DHCP_ACT_EXIT) ==
			   (ev != DHCP_EV_RELEASE));
		FUZZ_CHECK((sm.state == DHCP_S_RELEASED) ==
			   (ev == DHCP_EV_RELEASE));
		if (ev == DHCP_EV_TIMER)
			FUZZ_CHECK(sm.deadline > now);
		if (out.actions & DHCP_ACT_DECONFIG)
			FUZZ_CHECK(configured);
		if (out.actions & DHCP_ACT_ADDR_ADD)
			FUZZ_CHECK(sm.state == DHCP_S_CHECKING);
		if (out.actions & DHCP_ACT_BOUND)
			FUZZ_CHECK(sm.state == DHCP_S_BOUND);
		if (out.actions & DHCP_ACT_SEND)
			check_send(&sm, &out);
		if (holds_lease(sm.state)) {
			const struct dhcp_lease *l = &sm.lease;
			uint32_t h = ntohl(l->addr);

			FUZZ_CHECK(sm.configured);
			FUZZ_CHECK(h && h >> 24 != 127 && h < 0xe0000000u);
			FUZZ_CHECK(l->prefixlen >= 1 && l->prefixlen <= 32);
			FUZZ_CHECK(l->t1 <= l->t2 && l->t2 <= l->expiry);
			FUZZ_CHECK(l->start <= now);
			FUZZ_CHECK(l->lease);
		}
	}
	return 0;
}
