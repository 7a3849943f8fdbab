// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: the sender's SACK scoreboard (module/tcp_sack.c) and the
 * RFC 6675 recovery of module/tcp_recovery.c, driven by a stream of
 * events against a connection whose snd_una and snd_max move as
 * tcp_input.c and tcp_output.c move them.
 *
 * The input: the MSS (u16), snd_una (u32), then events of 9 bytes: an
 * operation byte and two u32 arguments a and b:
 *   0 send      snd_max moves on by a % 65536 bytes
 *   1 sack      one block [una + a % (flight + 1), una + b % (flight + 1)),
 *               or, with a's top bit set, the raw block [a, b): anything
 *               a peer may send (bogus, D-SACK, across the wrap)
 *   2 ack       the cumulative ACK moves on by a % (flight + 1), then the
 *               ACK goes through the SACK recovery (b & 1: a duplicate)
 *   3 nextseg   NextSeg(), and what it gives is sent again
 *   4 rto       the board starts over, and recovery with it
 *
 * After every event:
 *   - the ranges are sorted, disjoint, not touching, within
 *     [snd_una, snd_max], at most CNET_TCP_SACK_RANGES, their sum @sacked;
 *   - pipe and the lost bytes not sent again fit in what is in flight;
 *   - NextSeg()'s range is at most one MSS, lost, not SACKed, at or
 *     above HighRxt and below snd_max;
 *   - cwnd and ssthresh stay within their bounds.
 */
#include "../fuzz.h"

#include "../../module/tcp_cong.c"
#include "../../module/tcp_cubic.c"
#include "../../module/tcp_recovery.c"
#include "../../module/tcp_ofo.c"
#include "../../module/tcp_sack.c"

struct sender {
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_cc cc;
	u32 una;
	u32 max;
	u32 mss;
};

static void check(const struct sender *s)
{
	const struct cnet_tcp_sack_sb *sb = &s->sb;
	u32 flight = s->max - s->una, sum = 0, st, en;
	unsigned int i;

	FUZZ_CHECK(sb->nr <= CNET_TCP_SACK_RANGES);
	for (i = 0; i < sb->nr; i++) {
		FUZZ_CHECK(cnet_seq_before(sb->r[i].start, sb->r[i].end));
		FUZZ_CHECK(cnet_seq_geq(sb->r[i].start, s->una));
		FUZZ_CHECK(cnet_seq_leq(sb->r[i].end, s->max));
		if (i)
			FUZZ_CHECK(cnet_seq_before(sb->r[i - 1].end,
						   sb->r[i].start));
		sum += sb->r[i].end - sb->r[i].start;
	}
	FUZZ_CHECK(sum == sb->sacked);
	FUZZ_CHECK(sb->sacked <= flight);
	FUZZ_CHECK(cnet_tcp_sack_pipe(sb, s->una, s->max, s->mss) <= flight);
	FUZZ_CHECK(cnet_tcp_sack_lost_out(sb, s->una, s->mss) <=
		   flight - sb->sacked);
	if (cnet_tcp_sack_next_seg(sb, s->una, s->mss, &st, &en)) {
		FUZZ_CHECK(cnet_seq_before(st, en));
		FUZZ_CHECK(en - st <= s->mss);
		FUZZ_CHECK(cnet_seq_before(en - 1, s->max) || en == s->max);
		FUZZ_CHECK(cnet_seq_geq(st, sack_rxt(sb, s->una)));
		FUZZ_CHECK(cnet_tcp_sack_is_lost(sb, st, s->una, s->mss));
		FUZZ_CHECK(!cnet_tcp_sack_is_sacked(sb, en - 1));
	}
	FUZZ_CHECK(s->cc.cwnd >= s->cc.mss && s->cc.cwnd <= CNET_TCP_CWND_MAX);
	FUZZ_CHECK(s->cc.ssthresh >= 2 * s->cc.mss);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_tcp_sack_block b;
	struct cnet_tcp_sack_res res;
	struct cnet_tcp_cc_ack a;
	struct sender s = { 0 };
	u32 x, y, flight, st, en;
	bool lost;
	u8 op;

	s.mss = 48 + fuzz_u16(&in) % 9000;
	s.una = fuzz_u32(&in);
	s.max = s.una;
	cnet_tcp_sack_init(&s.sb);
	cnet_tcp_cc_init_ops(&s.cc, s.mss, s.una, &cnet_tcp_reno);
	while (in.left) {
		op = fuzz_u8(&in);
		x = fuzz_u32(&in);
		y = fuzz_u32(&in);
		flight = s.max - s.una;
		switch (op % 5) {
		case 0:
			if (flight < 0x10000000)
				s.max += x % 65536;
			break;
		case 1:
			if (x & 0x80000000) {
				b.start = x;
				b.end = y;
			} else {
				b.start = s.una + x % (flight + 1);
				b.end = s.una + y % (flight + 1);
			}
			cnet_tcp_sack_update(&s.sb, &b, 1, s.una, s.max, &res);
			FUZZ_CHECK(res.newly <= s.sb.sacked);
			cnet_tcp_sack_try_undo(&s.sb, &s.cc, &res, s.mss);
			break;
		case 2:
			a = (struct cnet_tcp_cc_ack){
				.ack = s.una + x % (flight + 1),
				.snd_una = s.una, .snd_nxt = s.max,
			};
			a.flight = s.max - a.ack;
			a.dup = a.ack == s.una && flight && (y & 1);
			s.una = a.ack;
			cnet_tcp_sack_clean(&s.sb, s.una);
			lost = s.una != s.max &&
			       cnet_tcp_sack_is_lost(&s.sb, s.una, s.una, s.mss);
			if (cnet_tcp_cc_on_sack_ack(&s.cc, &a, lost) &
			    CNET_TCP_CC_ENTER_RECOVERY) {
				FUZZ_CHECK(s.cc.in_recovery);
				cnet_tcp_sack_start_recovery(&s.sb, &s.cc, s.una);
			}
			break;
		case 3:
			if (cnet_tcp_sack_next_seg(&s.sb, s.una, s.mss, &st, &en))
				cnet_tcp_sack_retransmitted(&s.sb, en);
			break;
		case 4:
			cnet_tcp_cc_on_rto(&s.cc, flight, s.max);
			cnet_tcp_sack_init(&s.sb);
			break;
		}
		check(&s);
	}
	return 0;
}
