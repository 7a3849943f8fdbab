// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: RACK-TLP's decisions (module/tcp_rack.c) over the SACK
 * scoreboard (module/tcp_sack.c), driven by a stream of events against
 * a sender of numbered segments with transmit times on a fake clock, as
 * tcp_input.c and tcp_output.c drive them.
 *
 * The input: the MSS (u16), snd_una (u32), then events of 9 bytes: an
 * operation byte and two u32 arguments a and b:
 *   0 send      a new segment of 1 + a % (4 * MSS) bytes, now; the clock
 *               moves on by b % 20000 µs
 *   1 sack      the segments from a % n to b % n (n sent and unacked)
 *               are SACKed: the scoreboard takes the block, RACK what it
 *               newly delivered, in ascending order
 *   2 ack       the cumulative ACK moves over a % (n + 1) segments
 *   3 detect    RACK's loss walk (reordering window from b), the marks
 *               into the scoreboard; NextSeg() and what it gives sent
 *               again now (a & 1)
 *   4 reo       a D-SACK (a & 1), a recovery's end (a & 2), and a probe's
 *               episode: sent (a & 4, a retransmission if a & 8), or an
 *               ACK of it (ack = snd_una + b % flight...)
 *   5 clock     the clock moves on by a % 1000000 µs; the PTO for b
 *
 * After every event:
 *   - the scoreboard's invariants (as tcp_sack's target);
 *   - RACK's segment was sent, at or before now; mult in [1, max],
 *     persist at most CNET_TCP_RACK_PERSIST; the window at most SRTT;
 *   - a loss verdict means the deadline passed, a wait one in the future
 *     exactly that far; a segment sent after RACK's is never lost;
 *   - the PTO is at most the RTO left, and more than 0 with it.
 */
#include "../fuzz.h"

#include "../../module/tcp_cong.c"
#include "../../module/tcp_cubic.c"
#include "../../module/tcp_recovery.c"
#include "../../module/tcp_ofo.c"
#include "../../module/tcp_sack.c"
#include "../../module/tcp_rack.c"

#define NSEG	64

struct seg {
	u32	seq;
	u32	end;
	u64	xmit;
	bool	retrans;
};

struct sender {
	struct cnet_tcp_sack_sb sb;
	struct cnet_tcp_rack r;
	struct seg s[NSEG];	/* unacknowledged, in sequence order */
	unsigned int n;
	u32 una;
	u32 max;
	u32 mss;
	u64 now;
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
		sum += sb->r[i].end - sb->r[i].start;
	}
	FUZZ_CHECK(sum == sb->sacked);
	FUZZ_CHECK(cnet_tcp_sack_pipe(sb, s->una, s->max, s->mss) <= flight);
	FUZZ_CHECK(cnet_tcp_sack_lost_out(sb, s->una, s->mss) <=
		   flight - sb->sacked);
	if (cnet_tcp_sack_next_seg(sb, s->una, s->mss, &st, &en)) {
		FUZZ_CHECK(cnet_seq_before(st, en));
		FUZZ_CHECK(en - st <= s->mss);
		FUZZ_CHECK(cnet_seq_leq(en, s->max));
		FUZZ_CHECK(cnet_tcp_sack_is_lost(sb, st, s->una, s->mss));
		FUZZ_CHECK(!cnet_tcp_sack_is_sacked(sb, en - 1));
	}
	FUZZ_CHECK(s->r.xmit_us <= s->now);
	FUZZ_CHECK(s->r.mult >= 1 && s->r.mult <= CNET_TCP_RACK_MULT_MAX);
	FUZZ_CHECK(s->r.persist <= CNET_TCP_RACK_PERSIST);
	FUZZ_CHECK(cnet_tcp_rack_reo_wnd(&s->r, false, 0, 5000) <= 5000);
}

/* RACK hears of what of segments [lo, hi] the scoreboard newly holds. */
static void delivered(struct sender *s, const struct cnet_tcp_sack_sb *old,
		      const struct cnet_tcp_sack_sb *now, unsigned int lo,
		      unsigned int hi)
{
	struct cnet_tcp_rack_seg rs;
	unsigned int i;

	for (i = lo; i <= hi && i < s->n; i++) {
		if (!cnet_tcp_rack_fresh_end(old, now, s->s[i].seq,
					     s->s[i].end, &rs.end_seq))
			continue;
		FUZZ_CHECK(cnet_seq_after(rs.end_seq, s->s[i].seq));
		FUZZ_CHECK(cnet_seq_leq(rs.end_seq, s->s[i].end));
		rs.xmit_us = s->s[i].xmit;
		rs.retrans = s->s[i].retrans;
		cnet_tcp_rack_delivered(&s->r, &rs, s->now);
	}
}

static void detect(struct sender *s, u32 reo, bool resend)
{
	struct cnet_tcp_rack_seg rs;
	u32 wait, lost = 0, st, en;
	bool any = false;
	unsigned int i;

	for (i = 0; i < s->n; i++) {
		if (!cnet_tcp_rack_fresh_end(&s->sb, NULL, s->s[i].seq,
					     s->s[i].end, &rs.end_seq))
			continue;
		rs.xmit_us = s->s[i].xmit;
		rs.retrans = s->s[i].retrans;
		wait = 0;
		switch (cnet_tcp_rack_check(&s->r, &rs, reo, s->now, &wait)) {
		case CNET_TCP_RACK_LOST:
			FUZZ_CHECK(rs.xmit_us + s->r.rtt_us + reo <= s->now);
			FUZZ_CHECK(rs.xmit_us <= s->r.xmit_us);
			lost = rs.end_seq;
			any = true;
			break;
		case CNET_TCP_RACK_WAIT:
			FUZZ_CHECK(wait > 0);
			FUZZ_CHECK(rs.xmit_us + s->r.rtt_us + reo ==
				   s->now + wait || wait == U32_MAX);
			break;
		default:
			FUZZ_CHECK(!s->r.xmit_us || rs.xmit_us >= s->r.xmit_us);
			break;
		}
	}
	if (any)
		cnet_tcp_sack_rack_lost(&s->sb, lost);
	if (!resend || !cnet_tcp_sack_next_seg(&s->sb, s->una, s->mss, &st,
					       &en))
		return;
	if (!s->sb.rxt_set)
		cnet_tcp_sack_start_recovery(&s->sb,
					     &(struct cnet_tcp_cc){ .cwnd = 1 },
					     s->una);
	cnet_tcp_sack_retransmitted(&s->sb, en);
	for (i = 0; i < s->n; i++)
		if (cnet_seq_before(s->s[i].seq, en) &&
		    cnet_seq_after(s->s[i].end, st)) {
			s->s[i].xmit = s->now;
			s->s[i].retrans = true;
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_tcp_sack_sb old;
	struct cnet_tcp_sack_block b;
	struct cnet_tcp_sack_res res;
	struct cnet_tcp_tlp_ack ta;
	static struct sender s;
	unsigned int i, lo, hi;
	u32 x, y, len, pto;
	u8 op;

	memset(&s, 0, sizeof(s));
	s.mss = 48 + fuzz_u16(&in) % 9000;
	s.una = fuzz_u32(&in);
	s.max = s.una;
	s.now = 1000000;
	cnet_tcp_sack_init(&s.sb);
	cnet_tcp_rack_init(&s.r);
	while (in.left) {
		op = fuzz_u8(&in);
		x = fuzz_u32(&in);
		y = fuzz_u32(&in);
		switch (op % 6) {
		case 0:
			if (s.n == NSEG)
				break;
			len = 1 + x % (4 * s.mss);
			s.s[s.n++] = (struct seg){
				.seq = s.max, .end = s.max + len, .xmit = s.now,
			};
			s.max += len;
			s.now += y % 20000;
			break;
		case 1:
			if (!s.n)
				break;
			lo = x % s.n;
			hi = y % s.n;
			if (lo > hi)
				break;
			b.start = s.s[lo].seq;
			b.end = s.s[hi].end;
			old = s.sb;
			cnet_tcp_sack_update(&s.sb, &b, 1, s.una, s.max, &res);
			delivered(&s, &old, &s.sb, lo, hi);
			break;
		case 2:
			hi = x % (s.n + 1);
			if (!hi)
				break;
			for (i = 0; i < hi; i++) {
				struct cnet_tcp_rack_seg rs;

				if (!cnet_tcp_rack_fresh_end(&s.sb, NULL,
							     s.s[i].seq,
							     s.s[i].end,
							     &rs.end_seq))
					continue;
				rs.xmit_us = s.s[i].xmit;
				rs.retrans = s.s[i].retrans;
				cnet_tcp_rack_delivered(&s.r, &rs, s.now);
			}
			s.una = s.s[hi - 1].end;
			memmove(s.s, s.s + hi, (s.n - hi) * sizeof(s.s[0]));
			s.n -= hi;
			cnet_tcp_sack_clean(&s.sb, s.una);
			break;
		case 3:
			s.sb.no_dupthresh = s.r.reord;
			detect(&s, y % 100000, x & 1);
			break;
		case 4:
			cnet_tcp_rack_update_reo(&s.r, x & 1, x & 2, s.una, s.max);
			if (x & 4) {
				cnet_tcp_tlp_sent(&s.r, s.max, x & 8);
				break;
			}
			ta = (struct cnet_tcp_tlp_ack){
				.ack = s.una, .advanced = x & 16,
				.sacked = x & 32, .dsack = x & 64,
				.dsack_start = s.una - y % 3000,
				.dsack_end = s.una + y % 3000,
			};
			if (cnet_tcp_tlp_on_ack(&s.r, &ta) != CNET_TCP_TLP_OPEN)
				FUZZ_CHECK(!s.r.tlp_open);
			break;
		case 5:
			s.now += x % 1000000;
			pto = cnet_tcp_tlp_pto_us(y % 3000000, x % 4, y % 500000);
			FUZZ_CHECK(pto <= y % 500000);
			FUZZ_CHECK(pto || !(y % 500000));
			break;
		}
		check(&s);
	}
	return 0;
}
