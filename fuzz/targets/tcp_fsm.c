// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: TCP's state-transition decisions (module/tcp_fsm.c),
 * driven by a stream of segments against a connection whose variables
 * move as tcp_input.c moves them. The input: a state byte and the
 * connection's variables (iss, rcv_nxt, max_window, rcv_wnd: four u32),
 * then segments of 13 bytes: flags, then SEG.SEQ and SEG.ACK as
 * offsets from RCV.NXT and SND.UNA (the interesting places are near
 * them; a flag bit makes either absolute), then SEG.LEN and the bytes
 * we send before it (u16 each).
 *
 * For every segment:
 *  - the next state is a TCP state, and CLOSED exactly when DO_CLOSE;
 *  - a RST is never answered, with a RST or an ACK (RFC 9293 3.10.7:
 *    "an incoming segment containing a RST is discarded"), at most
 *    challenged (RFC 5961 3.2);
 *  - data is taken only when the segment has some, a FIN only when it
 *    has one, a connection established only from SYN-SENT by a SYN;
 *  - an ACK is taken only from a segment with ACK, and only for what
 *    was sent: SEG.ACK <= SND.NXT (SYN-SENT: ISS < SEG.ACK);
 *  - on a synchronized connection, a segment outside the receive window
 *    changes nothing: at most an ACK (and TIME-WAIT's restart), the
 *    state kept. One exception, as Linux's tcp_validate_incoming(): in
 *    SYN-RECEIVED, the peer's SYN-ACK of a simultaneous open (its SYN,
 *    RCV.NXT - 1, acknowledging SND.NXT) establishes.
 */
#include "../fuzz.h"

#include "../../module/tcp_hdr.c"
#include "../../module/tcp_fsm.c"

#define SEG_ABS_SEQ	0x10	/* the flags byte: SEG.SEQ is absolute */
#define SEG_ABS_ACK	0x20	/* SEG.ACK is absolute */
#define SEG_FIN_SENT	0x40	/* we send our FIN before this segment */

static bool valid_state(int s)
{
	return s >= TCP_ESTABLISHED && s <= TCP_CLOSING;
}

static void check(int state, const struct cnet_tcp_fsm_seg *seg,
		  const struct cnet_tcp_fsm_vars *v, u32 r, int next)
{
	u32 seglen = seg->len + !!(seg->flags & CNET_TCP_SEG_SYN) +
		     !!(seg->flags & CNET_TCP_SEG_FIN);

	FUZZ_CHECK(valid_state(next));
	FUZZ_CHECK(!(r & CNET_TCP_DO_CLOSE) == (next != TCP_CLOSE));
	if (seg->flags & CNET_TCP_SEG_RST)
		FUZZ_CHECK(!(r & (CNET_TCP_DO_RST | CNET_TCP_DO_ACK |
				  CNET_TCP_DO_SYNACK)));
	if (r & CNET_TCP_DO_DATA)
		FUZZ_CHECK(seg->len);
	if (r & CNET_TCP_DO_FIN)
		FUZZ_CHECK(seg->flags & CNET_TCP_SEG_FIN);
	if (r & CNET_TCP_DO_ESTABLISH)
		FUZZ_CHECK(state == TCP_SYN_SENT &&
			   (seg->flags & CNET_TCP_SEG_SYN));
	if (r & CNET_TCP_DO_UPDATE) {
		FUZZ_CHECK(seg->flags & CNET_TCP_SEG_ACK);
		FUZZ_CHECK(cnet_seq_leq(seg->ack, v->snd_nxt));
		if (state == TCP_SYN_SENT)
			FUZZ_CHECK(cnet_seq_after(seg->ack, v->iss));
	}
	if (state == TCP_SYN_RECV && seg->flags ==
	    (CNET_TCP_SEG_SYN | CNET_TCP_SEG_ACK) && !seg->len &&
	    seg->seq + 1 == v->rcv_nxt && seg->ack == v->snd_nxt) {
		/* the crossing SYN-ACK of a simultaneous open */
		FUZZ_CHECK(next == TCP_ESTABLISHED);
		FUZZ_CHECK(r == (CNET_TCP_DO_UPDATE | CNET_TCP_DO_ACK |
				 CNET_TCP_DO_DROP));
		return;
	}
	if (state != TCP_SYN_SENT &&
	    !cnet_tcp_seq_acceptable(seg->seq, seglen, v->rcv_nxt,
				     v->rcv_wnd)) {
		FUZZ_CHECK(!(r & ~(CNET_TCP_DO_ACK | CNET_TCP_DO_DROP |
				   CNET_TCP_DO_TIMEWAIT)));
		FUZZ_CHECK(next == state);
	}
}

/* What tcp_input.c does with the result, as far as the variables go */
static void apply(struct cnet_tcp_fsm_vars *v,
		  const struct cnet_tcp_fsm_seg *seg, u32 r)
{
	if (r & CNET_TCP_DO_ESTABLISH)
		v->rcv_nxt = seg->seq + 1;
	if ((r & CNET_TCP_DO_UPDATE) && cnet_seq_after(seg->ack, v->snd_una))
		v->snd_una = seg->ack;
	if ((r & CNET_TCP_DO_DATA) && cnet_seq_leq(seg->seq, v->rcv_nxt) &&
	    cnet_seq_after(seg->seq + seg->len, v->rcv_nxt))
		v->rcv_nxt = seg->seq + seg->len;
	if (r & CNET_TCP_DO_FIN)
		v->rcv_nxt++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_tcp_fsm_vars v = {};
	int state, next;

	/* any state but LISTEN and CLOSED, which are the passive side's */
	state = TCP_ESTABLISHED + fuzz_u8(&in) % (TCP_CLOSING - TCP_ESTABLISHED + 1);
	if (state == TCP_CLOSE || state == TCP_LISTEN)
		state = TCP_SYN_SENT;
	v.iss = fuzz_u32(&in);
	v.snd_una = state == TCP_SYN_SENT ? v.iss : v.iss + 1;
	v.snd_nxt = v.iss + 1;
	v.rcv_nxt = fuzz_u32(&in);
	v.max_window = fuzz_u32(&in) & 0x3fffffff;	/* window < 2^30 */
	v.rcv_wnd = fuzz_u32(&in) & 0x3fffffff;
	v.fin_sent = state == TCP_FIN_WAIT1 || state == TCP_FIN_WAIT2 ||
		     state == TCP_CLOSING || state == TCP_LAST_ACK ||
		     state == TCP_TIME_WAIT;
	while (in.left >= 13 && state != TCP_CLOSE) {
		struct cnet_tcp_fsm_seg seg;
		u8 f = fuzz_u8(&in);
		u32 seq = fuzz_u32(&in), ack = fuzz_u32(&in);
		u32 len = fuzz_u16(&in), sent = fuzz_u16(&in);
		u32 r;

		/* our side sends: SND.NXT moves on, maybe with our FIN */
		if (state != TCP_SYN_SENT && !v.fin_sent) {
			v.snd_nxt += sent;
			if (f & SEG_FIN_SENT) {
				v.snd_nxt++;
				v.fin_sent = true;
			}
		}
		seg = (struct cnet_tcp_fsm_seg){
			.seq	= f & SEG_ABS_SEQ ? seq : v.rcv_nxt + (s16)seq,
			.ack	= f & SEG_ABS_ACK ? ack : v.snd_una + (s16)ack,
			.len	= len,
			.flags	= f & 0x0f,
		};
		r = cnet_tcp_fsm(state, &seg, &v, &next);
		check(state, &seg, &v, r, next);
		apply(&v, &seg, r);
		state = next;
	}
	return 0;
}
