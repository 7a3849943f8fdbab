// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for ECN (tcp_ecn.c): negotiation per tcp_ecn mode from
 * both ends, the SYN fallback, ECT(0) on new data only, ECE held from CE
 * until CWR, CWR on the next new data segment after a reduction, and the
 * once-per-window reduction of congestion control (tcp_recovery.c) on a
 * stream of ECE ACKs, for NewReno and CUBIC.
 */
#include <kunit/test.h>

#include "../tcp_cong.h"
#include "../tcp_ecn.h"
#include "../tcp_hdr.h"

#define ECE	CNET_TCPF_ECE
#define CWR	CNET_TCPF_CWR
#define SYN	CNET_TCPF_SYN
#define ACK	CNET_TCPF_ACK

static void ecn_syn_per_mode(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_syn_flags(CNET_TCP_ECN_ON),
			ECE | CWR);
	/* the default only accepts: our SYN must stay as it was */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_syn_flags(CNET_TCP_ECN_SERVER), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_syn_flags(CNET_TCP_ECN_OFF), 0);
}

static void ecn_listener_accepts(struct kunit *test)
{
	u8 n = CNET_IP_ECN_NOT_ECT, all = SYN | ECE | CWR;

	KUNIT_EXPECT_TRUE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_SERVER,
							SYN | ECE | CWR, n));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_ON,
							SYN | ECE | CWR, n));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_OFF,
							 SYN | ECE | CWR, n));
	/* both bits or nothing */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_ON,
							 SYN | ECE, n));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_ON,
							 SYN | CWR, n));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_ON,
							 SYN, n));
	/* an ECT or CE SYN: the field is rewritten on the path */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_ON, all,
							 CNET_IP_ECN_ECT_0));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_syn_accept(CNET_TCP_ECN_ON, all,
							 CNET_IP_ECN_CE));
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_synack_flags(true), ECE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_synack_flags(false), 0);
}

static void ecn_synack_seen_by_client(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, cnet_tcp_ecn_synack_ok(true, SYN | ACK | ECE));
	/* ECE and CWR both: reflected, not agreed */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_synack_ok(true,
							SYN | ACK | ECE | CWR));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_synack_ok(true, SYN | ACK));
	/* we did not ask: ECE ignored */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_synack_ok(false,
							SYN | ACK | ECE));
}

static void ecn_syn_fallback(struct kunit *test)
{
	struct cnet_tcp_ecn e = { .ok = true };
	u8 f = SYN | ECE | CWR;

	cnet_tcp_ecn_syn_retrans(&e, &f);
	KUNIT_EXPECT_EQ(test, f, SYN);
	KUNIT_EXPECT_FALSE(test, e.ok);
	/* and the SYN-ACK to the first SYN no longer agrees */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_synack_ok(e.ok, SYN | ACK | ECE));
}

static void ecn_tx_marking(struct kunit *test)
{
	struct cnet_tcp_ecn e = { .ok = true };
	u8 ip = 0xff;

	/* new data: ECT(0), no flag */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, ACK, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip, CNET_IP_ECN_ECT_0);
	/* a pure ACK, a retransmission: Not-ECT */
	ip = 0xff;
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, false, ACK, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip, CNET_IP_ECN_NOT_ECT);
	/* a SYN or a RST: Not-ECT, never ECE */
	e.ece_pending = true;
	ip = 0xff;
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, SYN | ACK, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip, CNET_IP_ECN_NOT_ECT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, false, CNET_TCPF_RST, &ip),
			0);
	/* ECE on every other segment while pending */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, false, ACK, &ip), ECE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, ACK, &ip), ECE);
	KUNIT_EXPECT_TRUE(test, e.ece_pending);
}

static void ecn_tx_off_leaves_tos(struct kunit *test)
{
	struct cnet_tcp_ecn e = { .ece_pending = true, .cwr_pending = true };
	u8 ip = 0xee;

	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, ACK, &ip), 0);
	KUNIT_EXPECT_EQ(test, ip, 0xee);
	cnet_tcp_ecn_reduced(&e);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_CE, ACK), 0);
	KUNIT_EXPECT_FALSE(test, e.seen);
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_ece(&e, ACK | ECE));
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tos(0xb8 | 3, CNET_IP_ECN_ECT_0),
			0xb8 | CNET_IP_ECN_ECT_0);
}

static void ecn_cwr_once_on_new_data(struct kunit *test)
{
	struct cnet_tcp_ecn e = { .ok = true };
	u8 ip;

	cnet_tcp_ecn_reduced(&e);
	/* not on a pure ACK or a retransmission: it waits */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, false, ACK, &ip), 0);
	KUNIT_EXPECT_TRUE(test, e.cwr_pending);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, ACK, &ip), CWR);
	KUNIT_EXPECT_EQ(test, ip, CNET_IP_ECN_ECT_0);
	/* once */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, ACK, &ip), 0);
}

static void ecn_receiver_ce_until_cwr(struct kunit *test)
{
	struct cnet_tcp_ecn e = { .ok = true };
	u8 ip;

	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_ECT_0, ACK), 0);
	KUNIT_EXPECT_TRUE(test, e.seen);
	KUNIT_EXPECT_FALSE(test, e.ece_pending);
	/* the first CE: ECE, and an ACK at once */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_CE, ACK),
			CNET_TCP_ECN_ACK_NOW | CNET_TCP_ECN_CE);
	/* further CE: counted, no extra immediate ACK */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_CE, ACK),
			CNET_TCP_ECN_CE);
	/* ECT segments without CWR keep ECE on */
	cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_ECT_0, ACK);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, false, ACK, &ip), ECE);
	/* CWR ends it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_ECT_0,
					       ACK | CWR),
			CNET_TCP_ECN_ACK_NOW);
	KUNIT_EXPECT_FALSE(test, e.ece_pending);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, false, ACK, &ip), 0);
	/* CWR and CE in one segment: CWR first, so ECE goes on again */
	cnet_tcp_ecn_rcv(&e, CNET_IP_ECN_CE, ACK | CWR);
	KUNIT_EXPECT_TRUE(test, e.ece_pending);
}

static void ecn_ece_on_acks(struct kunit *test)
{
	struct cnet_tcp_ecn e = { .ok = true };

	KUNIT_EXPECT_TRUE(test, cnet_tcp_ecn_ece(&e, ACK | ECE));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_ece(&e, ACK));
	/* a SYN-ACK's ECE is negotiation */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_ecn_ece(&e, SYN | ACK | ECE));
}

/*
 * The sender's reaction through congestion control: a window of ACKs all
 * with ECE reduces cwnd once, says CWR once; the next window's ECE
 * reduces again. Same for each algorithm.
 */
static void ecn_reduce_once_per_window(struct kunit *test,
				       const struct cnet_tcp_cong_ops *ops)
{
	const u32 mss = 1000, iss = 5000;
	struct cnet_tcp_ecn e = { .ok = true };
	struct cnet_tcp_cc cc;
	u32 una = iss, nxt = iss + 40 * mss, act, cwnd, reductions = 0, i;
	u8 ip;

	cnet_tcp_cc_init_ops(&cc, mss, una, ops);
	cc.cwnd = 40 * mss;
	cwnd = cc.cwnd;
	/* every ACK of the window but the last, which ends it */
	for (i = 0; i < 39; i++) {
		struct cnet_tcp_cc_ack a = {
			.ack = una + mss, .snd_una = una, .snd_nxt = nxt,
			.flight = nxt - (una + mss),
			.ece = cnet_tcp_ecn_ece(&e, ACK | ECE),
			.now_us = 1000000 + i * 1000, .rtt_us = 10000,
		};

		act = cnet_tcp_cc_on_ack(&cc, &a);
		if (act & CNET_TCP_CC_CWR) {
			reductions++;
			cnet_tcp_ecn_reduced(&e);
		}
		una += mss;
	}
	KUNIT_EXPECT_EQ(test, reductions, 1U);
	KUNIT_EXPECT_LT(test, cc.cwnd, cwnd);
	KUNIT_EXPECT_EQ(test, cnet_tcp_ecn_tx(&e, true, ACK, &ip), CWR);
	/* the window is acknowledged: a new ECE reduces again */
	nxt = una + 10 * mss;
	{
		struct cnet_tcp_cc_ack a = {
			.ack = una + mss, .snd_una = una, .snd_nxt = nxt,
			.flight = nxt - (una + mss), .ece = true,
			.now_us = 2000000, .rtt_us = 10000,
		};

		cwnd = cc.cwnd;
		act = cnet_tcp_cc_on_ack(&cc, &a);
	}
	KUNIT_EXPECT_TRUE(test, act & CNET_TCP_CC_CWR);
	KUNIT_EXPECT_LT(test, cc.cwnd, cwnd);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cc_ca_state(&cc), CNET_TCP_CA_CWR);
}

static void ecn_reduce_reno(struct kunit *test)
{
	ecn_reduce_once_per_window(test, &cnet_tcp_reno);
}

static void ecn_reduce_cubic(struct kunit *test)
{
	ecn_reduce_once_per_window(test, &cnet_tcp_cubic);
}

static struct kunit_case cnet_tcp_ecn_cases[] = {
	KUNIT_CASE(ecn_syn_per_mode),
	KUNIT_CASE(ecn_listener_accepts),
	KUNIT_CASE(ecn_synack_seen_by_client),
	KUNIT_CASE(ecn_syn_fallback),
	KUNIT_CASE(ecn_tx_marking),
	KUNIT_CASE(ecn_tx_off_leaves_tos),
	KUNIT_CASE(ecn_cwr_once_on_new_data),
	KUNIT_CASE(ecn_receiver_ce_until_cwr),
	KUNIT_CASE(ecn_ece_on_acks),
	KUNIT_CASE(ecn_reduce_reno),
	KUNIT_CASE(ecn_reduce_cubic),
	{}
};

static struct kunit_suite cnet_tcp_ecn_suite = {
	.name = "cnet_tcp_ecn",
	.test_cases = cnet_tcp_ecn_cases,
};

kunit_test_suite(cnet_tcp_ecn_suite);
