// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for tcp_fsm.c: each state a connection can be in, driven by
 * each kind of segment (SYN, SYN-ACK, ACK in and out of window, RST exact,
 * in window and out of it, FIN, data in and out of the window), checking
 * the actions and the next state against RFC 9293 3.10.7 and RFC 5961.
 */
#include <kunit/test.h>
#include <net/tcp_states.h>

#include "../tcp_fsm.h"

/* A synchronized connection: 500 bytes in flight, window 1000 at 5000 */
#define ISS	1000u
#define UNA	1001u
#define NXT	1501u
#define RNXT	5000u
#define RWND	1000u

#define S	CNET_TCP_SEG_SYN
#define A	CNET_TCP_SEG_ACK
#define R	CNET_TCP_SEG_RST
#define F	CNET_TCP_SEG_FIN

#define D_DROP	CNET_TCP_DO_DROP
#define D_ACK	CNET_TCP_DO_ACK
#define D_CHAL	CNET_TCP_DO_CHALLENGE
#define D_RST	CNET_TCP_DO_RST
#define D_RESET	CNET_TCP_DO_RESET
#define D_EST	CNET_TCP_DO_ESTABLISH
#define D_SYNACK CNET_TCP_DO_SYNACK
#define D_UPD	CNET_TCP_DO_UPDATE
#define D_DATA	CNET_TCP_DO_DATA
#define D_FIN	CNET_TCP_DO_FIN
#define D_TW	CNET_TCP_DO_TIMEWAIT
#define D_CLOSE	CNET_TCP_DO_CLOSE
#define D_FACK	CNET_TCP_DO_FIN_ACKED

struct fsm_case {
	const char	*name;
	int		state;
	bool		fin_sent;
	struct cnet_tcp_fsm_seg seg;
	u32		todo;
	int		next;
};

static const struct fsm_case fsm_cases[] = {
	/* SYN-SENT: snd_una = ISS, snd_nxt = ISS + 1 */
	{ "syn-sent: SYN-ACK of our SYN establishes", TCP_SYN_SENT, false,
	  { 7000, ISS + 1, 0, S | A }, D_EST | D_UPD | D_ACK | D_DROP,
	  TCP_ESTABLISHED },
	{ "syn-sent: SYN-ACK of another ISS gets a RST", TCP_SYN_SENT, false,
	  { 7000, ISS + 5, 0, S | A }, D_RST | D_DROP, TCP_SYN_SENT },
	{ "syn-sent: ACK of ISS itself gets a RST", TCP_SYN_SENT, false,
	  { 7000, ISS, 0, A }, D_RST | D_DROP, TCP_SYN_SENT },
	{ "syn-sent: RST with an acceptable ACK refuses", TCP_SYN_SENT, false,
	  { 0, ISS + 1, 0, R | A }, D_RESET | D_CLOSE | D_DROP, TCP_CLOSE },
	{ "syn-sent: RST without ACK is ignored", TCP_SYN_SENT, false,
	  { 0, 0, 0, R }, D_DROP, TCP_SYN_SENT },
	{ "syn-sent: RST with a wrong ACK is ignored", TCP_SYN_SENT, false,
	  { 0, ISS + 9, 0, R | A }, D_DROP, TCP_SYN_SENT },
	{ "syn-sent: SYN alone is a simultaneous open", TCP_SYN_SENT, false,
	  { 7000, 0, 0, S }, D_EST | D_SYNACK | D_DROP, TCP_SYN_RECV },
	{ "syn-sent: a bare ACK is dropped", TCP_SYN_SENT, false,
	  { 7000, ISS + 1, 0, A }, D_DROP, TCP_SYN_SENT },
	{ "syn-sent: data without SYN is dropped", TCP_SYN_SENT, false,
	  { 7000, 0, 10, 0 }, D_DROP, TCP_SYN_SENT },

	/* ESTABLISHED */
	{ "established: in-window ACK and data", TCP_ESTABLISHED, false,
	  { RNXT, UNA + 100, 100, A }, D_UPD | D_DATA, TCP_ESTABLISHED },
	{ "established: pure ACK", TCP_ESTABLISHED, false,
	  { RNXT, NXT, 0, A }, D_UPD, TCP_ESTABLISHED },
	{ "established: duplicate ACK still updates", TCP_ESTABLISHED, false,
	  { RNXT, UNA, 0, A }, D_UPD, TCP_ESTABLISHED },
	{ "established: ACK of unsent data: ACK, drop", TCP_ESTABLISHED, false,
	  { RNXT, NXT + 1, 0, A }, D_ACK | D_DROP, TCP_ESTABLISHED },
	{ "established: ACK older than the max window: ACK, drop",
	  TCP_ESTABLISHED, false,
	  { RNXT, UNA - 20000, 0, A }, D_ACK | D_DROP, TCP_ESTABLISHED },
	{ "established: segment left of the window: ACK, drop",
	  TCP_ESTABLISHED, false,
	  { RNXT - 200, UNA, 100, A }, D_ACK | D_DROP, TCP_ESTABLISHED },
	{ "established: segment right of the window: ACK, drop",
	  TCP_ESTABLISHED, false,
	  { RNXT + RWND, UNA, 100, A }, D_ACK | D_DROP, TCP_ESTABLISHED },
	{ "established: out-of-order data in window is data", TCP_ESTABLISHED,
	  false, { RNXT + 100, UNA, 100, A }, D_UPD | D_DATA,
	  TCP_ESTABLISHED },
	{ "established: segment without ACK is dropped", TCP_ESTABLISHED, false,
	  { RNXT, 0, 100, 0 }, D_DROP, TCP_ESTABLISHED },
	{ "established: RST at RCV.NXT resets", TCP_ESTABLISHED, false,
	  { RNXT, 0, 0, R }, D_RESET | D_CLOSE | D_DROP, TCP_CLOSE },
	{ "established: RST in window: challenge ACK", TCP_ESTABLISHED, false,
	  { RNXT + 1, 0, 0, R }, D_CHAL | D_DROP, TCP_ESTABLISHED },
	{ "established: RST out of window is dropped", TCP_ESTABLISHED, false,
	  { RNXT + RWND + 5, 0, 0, R }, D_DROP, TCP_ESTABLISHED },
	{ "established: SYN in window: challenge ACK", TCP_ESTABLISHED, false,
	  { RNXT, 0, 0, S }, D_CHAL | D_DROP, TCP_ESTABLISHED },
	{ "established: SYN-ACK in window: challenge ACK", TCP_ESTABLISHED,
	  false, { RNXT, UNA, 0, S | A }, D_CHAL | D_DROP, TCP_ESTABLISHED },
	{ "established: FIN in order: CLOSE-WAIT", TCP_ESTABLISHED, false,
	  { RNXT, UNA, 0, F | A }, D_UPD | D_FIN | D_ACK, TCP_CLOSE_WAIT },
	{ "established: data and FIN", TCP_ESTABLISHED, false,
	  { RNXT, UNA, 10, F | A }, D_UPD | D_DATA | D_FIN | D_ACK,
	  TCP_CLOSE_WAIT },
	{ "established: FIN out of order waits", TCP_ESTABLISHED, false,
	  { RNXT + 10, UNA, 10, F | A }, D_UPD | D_DATA, TCP_ESTABLISHED },
	{ "established: zero window takes only RCV.NXT", TCP_ESTABLISHED, false,
	  { RNXT, UNA, 0, A }, D_UPD, TCP_ESTABLISHED },

	/* SYN-RECEIVED (simultaneous open) */
	{ "syn-recv: ACK of our SYN establishes", TCP_SYN_RECV, false,
	  { RNXT, UNA, 0, A }, D_UPD, TCP_ESTABLISHED },
	{ "syn-recv: ACK of nothing gets a RST", TCP_SYN_RECV, false,
	  { RNXT, ISS, 0, A }, D_RST | D_DROP, TCP_SYN_RECV },
	{ "syn-recv: RST at RCV.NXT refuses", TCP_SYN_RECV, false,
	  { RNXT, 0, 0, R }, D_RESET | D_CLOSE | D_DROP, TCP_CLOSE },
	{ "syn-recv: ACK with FIN: CLOSE-WAIT", TCP_SYN_RECV, false,
	  { RNXT, UNA, 0, A | F }, D_UPD | D_FIN | D_ACK, TCP_CLOSE_WAIT },
	{ "syn-recv: the peer's SYN-ACK crossing ours establishes",
	  TCP_SYN_RECV, false, { RNXT - 1, ISS + 1, 0, S | A },
	  D_UPD | D_ACK | D_DROP, TCP_ESTABLISHED },
	{ "syn-recv: a SYN-ACK of another ISS is an old SYN: ACK, drop",
	  TCP_SYN_RECV, false, { RNXT - 1, ISS + 5, 0, S | A },
	  D_ACK | D_DROP, TCP_SYN_RECV },
	{ "syn-recv: the peer's SYN again is an old SYN: ACK, drop",
	  TCP_SYN_RECV, false, { RNXT - 1, 0, 0, S }, D_ACK | D_DROP,
	  TCP_SYN_RECV },
	{ "syn-recv: a SYN-ACK with data is no crossing: challenge ACK",
	  TCP_SYN_RECV, false, { RNXT - 1, ISS + 1, 5, S | A },
	  D_CHAL | D_DROP, TCP_SYN_RECV },

	/* FIN-WAIT-1: our FIN is the last of snd_nxt */
	{ "fin-wait-1: ACK of our FIN: FIN-WAIT-2", TCP_FIN_WAIT1, true,
	  { RNXT, NXT, 0, A }, D_UPD | D_FACK, TCP_FIN_WAIT2 },
	{ "fin-wait-1: ACK short of the FIN stays", TCP_FIN_WAIT1, true,
	  { RNXT, NXT - 1, 0, A }, D_UPD, TCP_FIN_WAIT1 },
	{ "fin-wait-1: FIN without our FIN acked: CLOSING", TCP_FIN_WAIT1, true,
	  { RNXT, NXT - 1, 0, A | F }, D_UPD | D_FIN | D_ACK, TCP_CLOSING },
	{ "fin-wait-1: FIN acking our FIN: TIME-WAIT", TCP_FIN_WAIT1, true,
	  { RNXT, NXT, 0, A | F }, D_UPD | D_FACK | D_FIN | D_ACK | D_TW,
	  TCP_TIME_WAIT },
	{ "fin-wait-1: data still taken", TCP_FIN_WAIT1, true,
	  { RNXT, NXT - 1, 10, A }, D_UPD | D_DATA, TCP_FIN_WAIT1 },
	{ "fin-wait-1: RST at RCV.NXT resets", TCP_FIN_WAIT1, true,
	  { RNXT, 0, 0, R }, D_RESET | D_CLOSE | D_DROP, TCP_CLOSE },

	/* FIN-WAIT-2 */
	{ "fin-wait-2: data taken", TCP_FIN_WAIT2, true,
	  { RNXT, NXT, 10, A }, D_UPD | D_FACK | D_DATA, TCP_FIN_WAIT2 },
	{ "fin-wait-2: FIN: TIME-WAIT", TCP_FIN_WAIT2, true,
	  { RNXT, NXT, 0, A | F }, D_UPD | D_FACK | D_FIN | D_ACK | D_TW,
	  TCP_TIME_WAIT },
	{ "fin-wait-2: SYN: challenge ACK", TCP_FIN_WAIT2, true,
	  { RNXT, 0, 0, S }, D_CHAL | D_DROP, TCP_FIN_WAIT2 },

	/* CLOSE-WAIT: the peer's FIN taken (rcv_nxt is past it) */
	{ "close-wait: data is ignored", TCP_CLOSE_WAIT, false,
	  { RNXT, UNA, 10, A }, D_UPD, TCP_CLOSE_WAIT },
	{ "close-wait: retransmitted FIN: ACK", TCP_CLOSE_WAIT, false,
	  { RNXT - 1, UNA, 0, A | F }, D_ACK | D_DROP, TCP_CLOSE_WAIT },
	{ "close-wait: RST at RCV.NXT resets", TCP_CLOSE_WAIT, false,
	  { RNXT, 0, 0, R }, D_RESET | D_CLOSE | D_DROP, TCP_CLOSE },

	/* CLOSING */
	{ "closing: ACK of our FIN: TIME-WAIT", TCP_CLOSING, true,
	  { RNXT, NXT, 0, A }, D_UPD | D_FACK | D_TW | D_DROP, TCP_TIME_WAIT },
	{ "closing: other ACK stays", TCP_CLOSING, true,
	  { RNXT, NXT - 1, 0, A }, D_UPD | D_DROP, TCP_CLOSING },
	{ "closing: RST closes without error", TCP_CLOSING, true,
	  { RNXT, 0, 0, R }, D_CLOSE | D_DROP, TCP_CLOSE },

	/* LAST-ACK */
	{ "last-ack: ACK of our FIN: CLOSED", TCP_LAST_ACK, true,
	  { RNXT, NXT, 0, A }, D_UPD | D_FACK | D_CLOSE | D_DROP, TCP_CLOSE },
	{ "last-ack: other ACK stays", TCP_LAST_ACK, true,
	  { RNXT, NXT - 1, 0, A }, D_UPD | D_DROP, TCP_LAST_ACK },
	{ "last-ack: RST closes without error", TCP_LAST_ACK, true,
	  { RNXT, 0, 0, R }, D_CLOSE | D_DROP, TCP_CLOSE },
	{ "last-ack: RST in window: challenge ACK", TCP_LAST_ACK, true,
	  { RNXT + 3, 0, 0, R }, D_CHAL | D_DROP, TCP_LAST_ACK },

	/* TIME-WAIT */
	{ "time-wait: retransmitted FIN: ACK, restart", TCP_TIME_WAIT, true,
	  { RNXT - 1, NXT, 0, A | F }, D_TW | D_ACK | D_DROP, TCP_TIME_WAIT },
	{ "time-wait: in-window ACK is dropped", TCP_TIME_WAIT, true,
	  { RNXT, NXT, 0, A }, D_UPD | D_FACK | D_DROP, TCP_TIME_WAIT },
	{ "time-wait: SYN: challenge ACK", TCP_TIME_WAIT, true,
	  { RNXT, 0, 0, S }, D_CHAL | D_DROP, TCP_TIME_WAIT },
	{ "time-wait: RST at RCV.NXT closes", TCP_TIME_WAIT, true,
	  { RNXT, 0, 0, R }, D_CLOSE | D_DROP, TCP_CLOSE },
};

static void fsm_case_desc(const struct fsm_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fsm, fsm_cases, fsm_case_desc);

static void tcp_fsm_table(struct kunit *test)
{
	const struct fsm_case *c = test->param_value;
	struct cnet_tcp_fsm_vars v = {
		.iss = ISS, .snd_una = UNA, .snd_nxt = NXT, .max_window = 10000,
		.rcv_nxt = RNXT, .rcv_wnd = RWND, .fin_sent = c->fin_sent,
	};
	int next = -1;
	u32 todo;

	/* our SYN is the one segment in flight */
	if (c->state == TCP_SYN_SENT || c->state == TCP_SYN_RECV) {
		v.snd_una = ISS;
		v.snd_nxt = ISS + 1;
	}
	todo = cnet_tcp_fsm(c->state, &c->seg, &v, &next);
	KUNIT_EXPECT_EQ_MSG(test, todo, c->todo, "%s: actions", c->name);
	KUNIT_EXPECT_EQ_MSG(test, next, c->next, "%s: next state", c->name);
}

/* A zero window takes only a segment of length 0 at RCV.NXT. */
static void tcp_fsm_zero_window(struct kunit *test)
{
	struct cnet_tcp_fsm_vars v = {
		.iss = ISS, .snd_una = UNA, .snd_nxt = NXT, .max_window = 10000,
		.rcv_nxt = RNXT, .rcv_wnd = 0,
	};
	struct cnet_tcp_fsm_seg probe = { RNXT, UNA, 1, A };
	struct cnet_tcp_fsm_seg ack = { RNXT, NXT, 0, A };
	int next;

	KUNIT_EXPECT_EQ(test, cnet_tcp_fsm(TCP_ESTABLISHED, &probe, &v, &next),
			(u32)(D_ACK | D_DROP));
	KUNIT_EXPECT_EQ(test, cnet_tcp_fsm(TCP_ESTABLISHED, &ack, &v, &next),
			(u32)D_UPD);
}

/* Sequence numbers across the 2^32 wrap behave as anywhere else. */
static void tcp_fsm_wrap(struct kunit *test)
{
	struct cnet_tcp_fsm_vars v = {
		.iss = 0xfffffff0, .snd_una = 0xfffffff1, .snd_nxt = 0x10,
		.max_window = 10000, .rcv_nxt = 0xffffff00, .rcv_wnd = 0x1000,
	};
	struct cnet_tcp_fsm_seg data = { 0xffffff00, 0x5, 0x200, A };
	struct cnet_tcp_fsm_seg past = { 0xffffff00, 0x11, 0, A };
	int next;

	KUNIT_EXPECT_EQ(test, cnet_tcp_fsm(TCP_ESTABLISHED, &data, &v, &next),
			(u32)(D_UPD | D_DATA));
	KUNIT_EXPECT_EQ(test, cnet_tcp_fsm(TCP_ESTABLISHED, &past, &v, &next),
			(u32)(D_ACK | D_DROP));
}

/* LISTEN and CLOSED are not this machine's: nothing happens. */
static void tcp_fsm_not_ours(struct kunit *test)
{
	struct cnet_tcp_fsm_vars v = { .rcv_nxt = RNXT, .rcv_wnd = RWND };
	struct cnet_tcp_fsm_seg syn = { 1, 0, 0, S };
	int next;

	KUNIT_EXPECT_EQ(test, cnet_tcp_fsm(TCP_LISTEN, &syn, &v, &next),
			(u32)D_DROP);
	KUNIT_EXPECT_EQ(test, next, TCP_LISTEN);
	KUNIT_EXPECT_EQ(test, cnet_tcp_fsm(TCP_CLOSE, &syn, &v, &next),
			(u32)D_DROP);
	KUNIT_EXPECT_EQ(test, next, TCP_CLOSE);
}

static struct kunit_case cnet_tcp_fsm_cases[] = {
	KUNIT_CASE_PARAM(tcp_fsm_table, fsm_gen_params),
	KUNIT_CASE(tcp_fsm_zero_window),
	KUNIT_CASE(tcp_fsm_wrap),
	KUNIT_CASE(tcp_fsm_not_ours),
	{}
};

static struct kunit_suite cnet_tcp_fsm_suite = {
	.name = "cnet_tcp_fsm",
	.test_cases = cnet_tcp_fsm_cases,
};

kunit_test_suite(cnet_tcp_fsm_suite);
