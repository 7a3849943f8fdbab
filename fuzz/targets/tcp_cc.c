// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: a sender's congestion control and loss recovery
 * (module/tcp_cong.c, tcp_cubic.c, tcp_recovery.c) and its RTO estimator
 * (module/tcp_rto.c), driven by a stream of events against a connection
 * whose sequence numbers move as tcp_input.c and tcp_output.c move them.
 *
 * The input: the MSS (u16), snd_una (u32; its lowest bit chooses the
 * algorithm: 0 NewReno, 1 CUBIC), then events of 6 bytes: an operation
 * byte, a flags byte and a u32 argument; a clock moves on by
 * (arg >> 12) us at each ACK and by the idle time at each restart, and
 * the last RTT sample rides on the next ACK that acknowledges data:
 *   0 send      snd_nxt moves on by arg % 65536 bytes (at most what the
 *               send window allows, as tcp_output.c sends)
 *   1 ack       an ACK of arg % (snd_nxt - snd_una + 1) new bytes; flags:
 *               0x01 dup (only taken as one with nothing new acked and
 *               data outstanding, as the caller decides), 0x02 ECE,
 *               0x04 application limited
 *   2 rto       the retransmission timer expires
 *   3 idle      sending again after arg us of idle (empty flight only)
 *   4 mss       a new SMSS: 48 + arg % 65488 (a path MTU change)
 *   5 rtt       an RTT sample of arg us (Karn's rule is the caller's)
 *
 * After every event:
 *   - cwnd within [SMSS, CWND_MAX]; ssthresh at least 2 SMSS;
 *   - at most one reduction at a time: fast recovery excludes the
 *     timeout's loss state and the ECE reduction;
 *   - the CA state is one of Linux's five; the send window is at least
 *     cwnd;
 *   - ENTER_RECOVERY comes with RETRANSMIT_HEAD and leaves the state in
 *     recovery, EXIT_RECOVERY leaves it out of it;
 *   - the RTO within [RTO_MIN, RTO_MAX], and so is the backed-off timeout;
 *     SRTT between the smallest and the largest sample, RTTVAR at most
 *     the largest.
 */
#include "../fuzz.h"

#include "../../module/tcp_cong.c"
#include "../../module/tcp_cubic.c"
#include "../../module/tcp_recovery.c"
#include "../../module/tcp_rto.c"

struct sender {
	struct cnet_tcp_cc cc;
	struct cnet_rto rto;
	u32 snd_una;
	u32 snd_nxt;
	u32 rtt_min;
	u32 rtt_max;
	u64 now_us;
	u32 rtt_us;
};

static void check(const struct sender *s)
{
	const struct cnet_tcp_cc *cc = &s->cc;
	const struct cnet_rto *r = &s->rto;
	u32 t = cnet_rto_timeout_us(r);

	FUZZ_CHECK(cc->cwnd >= cc->mss && cc->cwnd <= CNET_TCP_CWND_MAX);
	FUZZ_CHECK(cc->ssthresh >= 2 * cc->mss);
	FUZZ_CHECK(!(cc->in_recovery && (cc->in_loss || cc->in_cwr)));
	FUZZ_CHECK(cnet_tcp_cc_ca_state(cc) <= CNET_TCP_CA_LOSS);
	FUZZ_CHECK(cnet_tcp_cc_send_window(cc) >= cc->cwnd);
	FUZZ_CHECK(cnet_tcp_cc_cwnd_segs(cc) >= 1);

	FUZZ_CHECK(r->rto_us >= CNET_TCP_RTO_MIN_US &&
		   r->rto_us <= CNET_TCP_RTO_MAX_US);
	FUZZ_CHECK(t >= CNET_TCP_RTO_MIN_US && t <= CNET_TCP_RTO_MAX_US);
	FUZZ_CHECK(t >= r->rto_us);
	if (r->sampled) {
		FUZZ_CHECK(r->srtt_us >= s->rtt_min && r->srtt_us <= s->rtt_max);
		FUZZ_CHECK(r->rttvar_us <= s->rtt_max);
	}
}

static void ack(struct sender *s, u8 flags, u32 arg)
{
	u32 flight = s->snd_nxt - s->snd_una;
	u32 acked = arg % (flight + 1);
	u64 now_us = s->now_us += arg >> 12;
	struct cnet_tcp_cc_ack a = {
		.ack		= s->snd_una + acked,
		.snd_una	= s->snd_una,
		.snd_nxt	= s->snd_nxt,
		.flight		= flight - acked,
		.dup		= (flags & 0x01) && !acked && flight,
		.ece		= flags & 0x02,
		.app_limited	= flags & 0x04,
		.now_us		= now_us,
		.rtt_us		= acked ? s->rtt_us : 0,
	};
	u32 act = cnet_tcp_cc_on_ack(&s->cc, &a);

	if (act & CNET_TCP_CC_ENTER_RECOVERY) {
		FUZZ_CHECK(act & CNET_TCP_CC_RETRANSMIT_HEAD);
		FUZZ_CHECK(s->cc.in_recovery);
	}
	if (act & CNET_TCP_CC_EXIT_RECOVERY)
		FUZZ_CHECK(!s->cc.in_recovery);
	/* a reduction needs a loss or an ECE to begin */
	if (!a.dup && !a.ece)
		FUZZ_CHECK(!(act & (CNET_TCP_CC_ENTER_RECOVERY |
				    CNET_TCP_CC_CWR)));
	s->snd_una = a.ack;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct sender s = {};
	u32 mss = 48 + fuzz_u16(&in) % (65536 - 48);

	s.snd_una = fuzz_u32(&in);
	s.snd_nxt = s.snd_una;
	s.rtt_min = U32_MAX;
	cnet_tcp_cc_init_ops(&s.cc, mss, s.snd_nxt,
			     s.snd_una & 1 ? &cnet_tcp_cubic : &cnet_tcp_reno);
	cnet_rto_init(&s.rto);
	check(&s);
	while (in.left >= 6) {
		u8 op = fuzz_u8(&in), flags = fuzz_u8(&in);
		u32 arg = fuzz_u32(&in);
		u32 flight = s.snd_nxt - s.snd_una;
		u32 room = cnet_tcp_cc_send_window(&s.cc);

		switch (op % 6) {
		case 0:
			room = room > flight ? room - flight : 0;
			s.snd_nxt += min(arg % 65536, room);
			break;
		case 1:
			ack(&s, flags, arg);
			break;
		case 2:
			cnet_tcp_cc_on_rto(&s.cc, flight, s.snd_nxt);
			/* a SYN's first timeouts are linear */
			cnet_rto_on_timeout(&s.rto, flags & 1 ?
					    CNET_TCP_SYN_LINEAR_TIMEOUTS : 0);
			FUZZ_CHECK(s.cc.cwnd == s.cc.mss && s.cc.in_loss);
			FUZZ_CHECK(s.rto.backoff <= s.rto.retransmits);
			break;
		case 3:
			if (!flight) {
				cnet_tcp_cc_after_idle(&s.cc, arg,
						       cnet_rto_timeout_us(&s.rto));
				s.now_us += arg;
			}
			break;
		case 4:
			cnet_tcp_cc_set_mss(&s.cc, 48 + arg % (65536 - 48));
			break;
		case 5:
			cnet_rto_sample(&s.rto, arg);
			s.rtt_us = arg;
			s.rtt_min = min(s.rtt_min, arg);
			s.rtt_max = max(s.rtt_max, arg);
			FUZZ_CHECK(!s.rto.backoff);
			break;
		}
		check(&s);
	}
	return 0;
}
