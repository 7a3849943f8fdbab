// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: the decisions of TCP's small sockets (module/tcp_mini.c):
 * what a segment does to a SYN-queue request and to a TIME-WAIT (or
 * orphaned FIN-WAIT-2) entry, and the numbers of the reset that answers
 * a segment.
 *
 * The input: a request (iss, irs, rcv_wnd: three u32), an entry (rcv_nxt,
 * snd_nxt, ts_recent, rcv_wnd: four u32, and a flags byte: 0x01
 * timestamps in use, 0x02 FIN-WAIT-2), then segments of 17 bytes: a
 * flags byte (SYN 0x01, ACK 0x02, FIN 0x04, RST 0x08, timestamp 0x10,
 * 0x20: SEG.SEQ and SEG.ACK are offsets from the request's IRS and ISS,
 * 0x40: from the entry's RCV.NXT and SND.NXT; else absolute), seq,
 * ack_seq, len and tsval (u32 each).
 *
 * Properties (RFC 9293 3.10.7, RFC 5961, Linux's tcp_check_req() and
 * tcp_timewait_state_process()):
 *   - a RST is never answered with a RST, and a reset is only built for
 *     a segment without RST, with RFC 9293's numbers;
 *   - a request answers a RST by dropping it or dying, never by a reply;
 *     it becomes a connection only from an ACK of its SYN-ACK (SEG.ACK =
 *     ISS + 1) without SYN or RST;
 *   - a TIME-WAIT entry answers a RST only by dropping it or dying (a
 *     FIN-WAIT-2 entry may ACK one out of its window, as Linux does);
 *     only a SYN without ACK makes a new incarnation, with an ISN past
 *     the old SND.NXT; only FIN-WAIT-2 moves to TIME-WAIT, on a FIN.
 */
#include "../fuzz.h"

#include "../../module/tcp_mini.c"

static void check_rst(const struct cnet_tcp_seg *seg)
{
	struct cnet_tcp_rst r;
	bool sent = cnet_tcp_rst_reply(seg, &r);

	FUZZ_CHECK(sent == !seg->rst);
	if (!sent)
		return;
	if (seg->ack) {
		FUZZ_CHECK(!r.ack && r.seq == seg->ack_seq);
	} else {
		FUZZ_CHECK(r.ack && !r.seq);
		FUZZ_CHECK(r.ack_seq == seg->seq + seg->len);
	}
}

static void check_req(const struct cnet_tcp_req_view *req,
		      const struct cnet_tcp_seg *seg)
{
	enum cnet_tcp_req_act act = cnet_tcp_req_decide(req, seg);

	FUZZ_CHECK(act <= CNET_TCP_REQ_CHILD);
	if (seg->rst)
		FUZZ_CHECK(act == CNET_TCP_REQ_DROP ||
			   act == CNET_TCP_REQ_KILL);
	if (act == CNET_TCP_REQ_CHILD)
		FUZZ_CHECK(seg->ack && seg->ack_seq == req->iss + 1 &&
			   !seg->syn && !seg->rst);
	if (act == CNET_TCP_REQ_SYNACK)
		FUZZ_CHECK(seg->syn && !seg->ack && seg->seq == req->irs);
}

static void check_tw(const struct cnet_tcp_tw_view *tw,
		     const struct cnet_tcp_seg *seg)
{
	struct cnet_tcp_tw_verdict v;

	memset(&v, 0xa5, sizeof(v));
	cnet_tcp_tw_decide(tw, seg, &v);
	FUZZ_CHECK(v.act <= CNET_TCP_TW_RESET);
	if (seg->rst)
		FUZZ_CHECK(v.act == CNET_TCP_TW_DROP ||
			   v.act == CNET_TCP_TW_KILL ||
			   (tw->fin_wait2 && v.act == CNET_TCP_TW_ACK));
	if (v.act == CNET_TCP_TW_SYN) {
		FUZZ_CHECK(seg->syn && !seg->ack && !seg->rst);
		FUZZ_CHECK(!tw->fin_wait2);
		FUZZ_CHECK(v.isn && cnet_seq_after(v.isn, tw->snd_nxt));
	}
	if (v.time_wait) {
		FUZZ_CHECK(tw->fin_wait2 && seg->fin);
		FUZZ_CHECK(v.rcv_nxt == seg->seq + seg->len);
	}
	if (v.ts_update)
		FUZZ_CHECK(tw->ts && seg->saw_ts);
	if (v.paws_reject)
		FUZZ_CHECK(tw->ts && seg->saw_ts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_tcp_req_view req;
	struct cnet_tcp_tw_view tw;
	u8 f;

	req.iss = fuzz_u32(&in);
	req.irs = fuzz_u32(&in);
	req.rcv_wnd = fuzz_u32(&in) & 0x3fffffff;
	tw.rcv_nxt = fuzz_u32(&in);
	tw.snd_nxt = fuzz_u32(&in);
	tw.ts_recent = fuzz_u32(&in);
	tw.rcv_wnd = fuzz_u32(&in) & 0x3fffffff;
	f = fuzz_u8(&in);
	tw.ts = f & 0x01;
	tw.fin_wait2 = f & 0x02;
	while (in.left >= 17) {
		struct cnet_tcp_seg seg;
		u8 sf = fuzz_u8(&in);
		u32 seq = fuzz_u32(&in), ack = fuzz_u32(&in);

		if (sf & 0x20) {
			seq = req.irs + (s16)seq;
			ack = req.iss + (s16)ack;
		} else if (sf & 0x40) {
			seq = tw.rcv_nxt + (s16)seq;
			ack = tw.snd_nxt + (s16)ack;
		}
		seg = (struct cnet_tcp_seg){
			.seq	 = seq,
			.ack_seq = ack,
			.len	 = fuzz_u32(&in) & 0xffff,
			.tsval	 = fuzz_u32(&in),
			.syn	 = sf & 0x01,
			.ack	 = sf & 0x02,
			.fin	 = sf & 0x04,
			.rst	 = sf & 0x08,
			.saw_ts	 = sf & 0x10,
		};
		seg.len += seg.syn + seg.fin;
		check_rst(&seg);
		check_req(&req, &seg);
		check_tw(&tw, &seg);
	}
	return 0;
}
