// SPDX-License-Identifier: GPL-2.0
/*
 * TCP input: cnet_tcp_rcv() checks a segment (length, header, checksum:
 * every field is untrusted), finds its connection by 4-tuple, and runs it
 * through the connection's state (decisions: tcp_fsm.c) under the socket
 * lock, or queues it to the socket's backlog when a user owns it. No
 * connection: a TIME_WAIT entry, then a listener (tcp_minisock.c), else a
 * RST.
 *
 * In-order data goes to sk_receive_queue, data past RCV.NXT to the
 * out-of-order queue (tcp_ofo.c) until the hole before it fills, both
 * charged to the receive buffer; a segment out of order draws a
 * duplicate ACK at once (RFC 5681 4.2).
 */
#include <linux/icmp.h>
#include <linux/ip.h>
#include <linux/tcp.h>
#include <net/sock.h>

#include "cnet.h"
#include "tcp.h"
#include "tcp_fsm.h"
#include "tcp_hdr.h"
#include "tcp_mem.h"
#include "tcp_mini.h"

/* ACK at once for this many segments at the start (quick-ack) */
#define TCP_QUICKACKS		16
/* the delayed-ACK timer (Linux's TCP_DELACK_MIN is 40 ms) */
#define TCP_DELACK_MS		40

/*
 * RFC 5961 10: challenge ACKs are limited per namespace (as Linux's
 * tcp_challenge_ack_limit, 1000 a second), so that they cannot be used
 * to flood, nor their count to probe a connection's window.
 */
#define TCP_CHALLENGE_PER_SEC	1000

static bool tcp_challenge_allowed(struct cnet_net *cn)
{
	bool ok;

	spin_lock_bh(&cn->tcp_challenge_lock);
	ok = cnet_tb_ps_ready(&cn->tcp_challenge, jiffies,
			      TCP_CHALLENGE_PER_SEC, TCP_CHALLENGE_PER_SEC);
	if (ok)
		cnet_tb_take(&cn->tcp_challenge);
	spin_unlock_bh(&cn->tcp_challenge_lock);
	return ok;
}

/* A summary of @skb (data at its TCP header) for the state machine */
static void tcp_seg_of(const struct sk_buff *skb, struct cnet_tcp_fsm_seg *seg)
{
	const struct tcphdr *th = tcp_hdr(skb);
	u8 f = cnet_tcp_flags(th);

	seg->seq = ntohl(th->seq);
	seg->ack = ntohl(th->ack_seq);
	seg->len = skb->len - cnet_tcp_hdr_len(th);
	seg->flags = (f & CNET_TCPF_SYN ? CNET_TCP_SEG_SYN : 0) |
		     (f & CNET_TCPF_ACK ? CNET_TCP_SEG_ACK : 0) |
		     (f & CNET_TCPF_RST ? CNET_TCP_SEG_RST : 0) |
		     (f & CNET_TCPF_FIN ? CNET_TCP_SEG_FIN : 0);
}

/*
 * How many of the peer's segments @skb is: a GRO aggregate (from a veth
 * peer, or a device's GRO) carries several, as one skb of many MSS that
 * goes through the state machine and the queues as one segment.
 */
static u32 tcp_skb_segs(const struct sk_buff *skb)
{
	return skb_is_gso(skb) ? max_t(u32, skb_shinfo(skb)->gso_segs, 1) : 1;
}

/* SYN-SENT got the SYN-ACK (or a SYN): the peer's options and IRS. */
static void tcp_establish(struct sock *sk, const struct sk_buff *skb,
			  const struct cnet_tcp_fsm_seg *seg)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_opts o;

	cnet_tcp_opts_parse((const u8 *)(th + 1),
			    cnet_tcp_hdr_len(th) - sizeof(*th), true, &o);
	tp->irs = seg->seq;
	tp->rcv_nxt = seg->seq + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	/* timestamps if our SYN offered them and the peer's has them */
	tp->ts_ok = tp->ts_ok && o.saw_ts;
	if (tp->ts_ok)
		tp->ts_recent = (struct cnet_tcp_ts_recent){
			.val = o.tsval, .stamp_s = cnet_tcp_ts_now_s(),
		};
	tp->mss = cnet_tcp_ts_mss(cnet_tcp_mss_clamp(tp->adv_mss,
						     o.saw_mss ? o.mss : 0,
						     tp->user_mss), tp->ts_ok);
	tp->rcv_mss = min_t(u16, tp->adv_mss, tp->mss);
	cnet_tcp_mtu_init(sk, o.saw_mss ? o.mss : 0);
	tp->wscale_ok = o.saw_wscale;
	tp->snd_wscale = o.saw_wscale ? o.wscale : 0;
	if (!tp->wscale_ok)
		tp->rcv_wscale = 0;
	/* we offered it (tcp_route_params()); the peer must have too */
	tp->sack_ok = tp->sack_ok && o.sack_ok;
	/* ECN if our SYN asked and the SYN-ACK agrees (tcp_ecn.h) */
	tp->ecn.ok = cnet_tcp_ecn_synack_ok(tp->ecn.ok, cnet_tcp_flags(th));
	if (tp->ecn.ok)
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_ECN_NEGOTIATED);
	cnet_tcp_sack_init(&tp->sack);
	/* the window of a SYN is not scaled */
	tp->snd_wnd = ntohs(th->window);
	tp->max_window = tp->snd_wnd;
	tp->snd_wl1 = seg->seq;
	tp->snd_wl2 = seg->ack;
	tp->quickack = TCP_QUICKACKS;
	cnet_tcp_cc_init_ops(&tp->cc, tp->mss, tp->snd_max, tp->ca_ops);
	cnet_rto_established(&tp->rto, tp->rto.retransmits > 0);
	cnet_tcp_update_pacing_rate(sk);
}

/*
 * The application waits for room in the send buffer: grow it to what
 * the congestion window needs (tcp_autotune.c), as Linux's
 * tcp_new_space(); not past SO_SNDBUF, not under tcp_mem pressure.
 */
static void tcp_sndbuf_expand(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 buf;

	if ((sk->sk_userlocks & SOCK_SNDBUF_LOCK) ||
	    READ_ONCE(cnet_pernet(sock_net(sk))->tcp_mem_pressure))
		return;
	buf = cnet_tcp_sndbuf_want(tp->cc.cwnd, tp->mss,
				   READ_ONCE(sk->sk_sndbuf), CNET_TCP_WMEM_MAX);
	if (buf > READ_ONCE(sk->sk_sndbuf))
		WRITE_ONCE(sk->sk_sndbuf, buf);
}

/*
 * RACK's part of an ACK (tcp_rack.h): the segments whose bytes it SACKed
 * that @old, the scoreboard before it, did not hold were delivered (the
 * cumulatively acknowledged ones went by cnet_tcp_rack_acked() already).
 */
static void tcp_rack_sacked(struct sock *sk, const struct cnet_tcp_sack_sb *old)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_rack_seg seg;
	struct cnet_tcp_skb_cb *cb;
	struct sk_buff *skb;
	u64 now = cnet_tcp_clock_us();

	if (!tp->sack.nr)
		return;
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tp->send_head)
			break;
		cb = CNET_TCP_SKB_CB(skb);
		if (!cnet_seq_before(cb->seq, tp->sack.r[tp->sack.nr - 1].end))
			break;		/* above every range */
		if (!cb->sent_us ||
		    !cnet_tcp_rack_fresh_end(old, &tp->sack, cb->seq,
					     cb->end_seq, &seg.end_seq))
			continue;
		seg.xmit_us = cb->sent_us;
		seg.retrans = cb->retrans;
		if (cnet_tcp_rack_delivered(&tp->rack, &seg, now))
			cnet_inc(cnet_pernet(sock_net(sk)),
				 CNET_STAT_TCP_RACK_REO_SEEN);
	}
}

/**
 * cnet_tcp_rack_acked - a queued segment was cumulatively acknowledged
 * @sk: the connection, with RACK on
 * @cb: the segment
 * @end: one past what of it the ACK covers
 *
 * Called by cnet_tcp_clean_acked() before the scoreboard forgets what
 * the ACK covers: what it held SACKed was delivered before.
 */
void cnet_tcp_rack_acked(struct sock *sk, const struct cnet_tcp_skb_cb *cb,
			 u32 end)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_rack_seg seg;

	if (!cb->sent_us || (cb->flags & CNET_TCPF_SYN) ||
	    !cnet_tcp_rack_fresh_end(&tp->sack, NULL, cb->seq, end,
				     &seg.end_seq))
		return;
	seg.xmit_us = cb->sent_us;
	seg.retrans = cb->retrans;
	if (cnet_tcp_rack_delivered(&tp->rack, &seg, cnet_tcp_clock_us()))
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RACK_REO_SEEN);
}

/* Recovery begins (RFC 6675 with RACK's marks): the scoreboard is told. */
static void tcp_sack_recovery_began(struct sock *sk,
				    const struct cnet_tcp_cc *prior)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	cnet_inc(cn, CNET_STAT_TCP_SACK_RECOVERY);
	cnet_tcp_sack_start_recovery(&tp->sack, prior, tp->snd_una);
	if (tp->rack.tlp_open) {
		/* the probe's answer showed the loss: it repaired the tail */
		tp->rack.tlp_open = false;
		cnet_inc(cn, CNET_STAT_TCP_TLP_RECOVERED);
	}
}

/**
 * cnet_tcp_rack_rxt_check - is a retransmission of this recovery lost?
 * @sk: the connection, with RACK on, in a SACK recovery
 * @skb: a queued segment below HighRxt
 * @reo: cnet_tcp_rack_reo_wnd() now
 * @now: the time in µs
 * @end: one past its highest byte not SACKed, when it is a candidate
 * @wait: with CNET_TCP_RACK_WAIT, how long until it is lost
 *
 * RFC 8985 6.2 step 5 holds for retransmissions as for originals: one is
 * lost when a segment sent after it was delivered a reordering window
 * more than an RTT ago (Linux's tcp_rack_detect_loss() takes them too,
 * its TCPLostRetransmit). The scoreboard marks holes lost once and
 * HighRxt says only how far the recovery resent them, so a lost
 * retransmission is found by asking each segment the recovery sent
 * again, not SACKed since.
 *
 * Return: the verdict; CNET_TCP_RACK_NOT_BEFORE for a segment that was
 * not sent again, or is SACKed.
 */
enum cnet_tcp_rack_verdict cnet_tcp_rack_rxt_check(struct sock *sk,
						   const struct sk_buff *skb,
						   u32 reo, u64 now, u32 *end,
						   u32 *wait)
{
	const struct cnet_tcp_skb_cb *cb = CNET_TCP_SKB_CB(skb);
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_rack_seg seg;
	u32 s = cnet_seq_max(cb->seq, tp->snd_una);

	if (!cb->retrans || !cb->sent_us || !tp->sack.rxt_set ||
	    !cnet_seq_before(s, tp->sack.high_rxt) ||
	    !cnet_tcp_rack_fresh_end(&tp->sack, NULL, s, cb->end_seq,
				     &seg.end_seq))
		return CNET_TCP_RACK_NOT_BEFORE;
	seg.xmit_us = cb->sent_us;
	seg.retrans = true;
	*end = seg.end_seq;
	return cnet_tcp_rack_check(&tp->rack, &seg, reo, now, wait);
}

/**
 * cnet_tcp_rack_reo_now - the reordering window RACK uses now
 * @tp: the connection, with RACK on
 *
 * Return: cnet_tcp_rack_reo_wnd() for its state.
 */
u32 cnet_tcp_rack_reo_now(const struct cnet_tcp_sock *tp)
{
	return cnet_tcp_rack_reo_wnd(&tp->rack, tp->cc.in_recovery,
				     tp->sack.sacked / tp->mss,
				     tp->rto.sampled ? tp->rto.srtt_us : 0);
}

/**
 * cnet_tcp_rack_detect - RACK's loss detection (RFC 8985 6.2 step 5)
 * @sk: the connection, with RACK on
 * @timer: the reorder timer expired (else an ACK is being taken)
 *
 * Each segment sent and not SACKed, not marked lost yet, is checked, up
 * to the first original sent after RACK's segment:
 * every byte not SACKed below the highest lost one is marked lost in
 * the scoreboard (an earlier segment was sent earlier, or was sent again
 * and is below HighRxt); those not lost yet set the reorder timer. In a
 * recovery, what it sent again is checked too
 * (cnet_tcp_rack_rxt_check()): one not lost yet sets the timer, one lost
 * goes again in cnet_tcp_sack_retransmit(). From the timer, a loss found
 * starts the recovery an ACK would have, or sends what it found.
 */
void cnet_tcp_rack_detect(struct sock *sk, bool timer)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 reo, wait = 0, longest = 0, lost = 0, n = 0, s, e;
	struct cnet_tcp_rack_seg seg;
	bool rxt_lost = false;
	struct cnet_tcp_skb_cb *cb;
	struct cnet_tcp_cc prior;
	struct sk_buff *skb;
	u64 now = cnet_tcp_clock_us();
	u32 acts;

	if (tp->snd_una == tp->snd_max || tp->cc.in_loss) {
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_RACK);
		return;
	}
	reo = cnet_tcp_rack_reo_now(tp);
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tp->send_head)
			break;
		cb = CNET_TCP_SKB_CB(skb);
		s = cnet_seq_max(cb->seq, tp->snd_una);
		if (!cb->sent_us ||
		    !cnet_tcp_rack_fresh_end(&tp->sack, NULL, s, cb->end_seq,
					     &seg.end_seq))
			continue;	/* all SACKed */
		if (tp->sack.rack_set &&
		    cnet_seq_leq(seg.end_seq, tp->sack.rack_lost)) {
			/* marked lost already: sent again, and lost again? */
			if (!tp->cc.in_recovery)
				continue;
			switch (cnet_tcp_rack_rxt_check(sk, skb, reo, now, &e,
							&wait)) {
			case CNET_TCP_RACK_LOST:
				rxt_lost = true;
				break;
			case CNET_TCP_RACK_WAIT:
				longest = max(longest, wait);
				break;
			default:
				break;
			}
			continue;
		}
		seg.xmit_us = cb->sent_us;
		seg.retrans = cb->retrans;
		switch (cnet_tcp_rack_check(&tp->rack, &seg, reo, now, &wait)) {
		case CNET_TCP_RACK_LOST:
			lost = seg.end_seq;
			n += DIV_ROUND_UP(seg.end_seq - s, tp->mss);
			break;
		case CNET_TCP_RACK_WAIT:
			longest = max(longest, wait);
			break;
		default:
			/*
			 * An original sent after RACK's segment: all above
			 * it were too (originals go in order, and a
			 * retransmission later still).
			 */
			if (!seg.retrans)
				goto walked;
			break;
		}
	}
walked:
	if (longest)
		cnet_tcp_timer_set(sk, CNET_TCP_EV_RACK,
				   usecs_to_jiffies(longest));
	else
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_RACK);
	if (n) {
		cnet_tcp_sack_rack_lost(&tp->sack, lost);
		this_cpu_add(cn->stats->v[CNET_STAT_TCP_RACK_LOST], n);
	}
	if (!timer || (!n && !rxt_lost))
		return;
	cnet_inc(cn, CNET_STAT_TCP_RACK_REO_TIMEOUT);
	if (!tp->cc.in_recovery) {
		struct cnet_tcp_cc_ack a = {
			.ack = tp->snd_una, .snd_una = tp->snd_una,
			.snd_nxt = tp->snd_max,
			.flight = tp->snd_max - tp->snd_una, .now_us = now,
		};

		prior = tp->cc;
		acts = cnet_tcp_cc_on_sack_ack(&tp->cc, &a, true);
		if (!(acts & CNET_TCP_CC_ENTER_RECOVERY))
			return;
		cnet_inc(cn, CNET_STAT_TCP_FAST_RETRANS);
		tcp_sack_recovery_began(sk, &prior);
		cnet_tcp_sack_retransmit(sk, true);
		return;
	}
	cnet_tcp_sack_retransmit(sk, false);
}

/*
 * The ACK @a of a connection with SACK: the scoreboard takes its blocks,
 * RACK (when on) or RFC 6675's DupThresh marks the losses, RFC 6675
 * recovery decides (tcp_recovery.c), and in recovery the lost holes go
 * again. snd_una already moved to the ACK's.
 */
static u32 tcp_sack_ack(struct sock *sk, const struct sk_buff *skb,
			struct cnet_tcp_cc_ack *a)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_sack_res res = {};
	bool rack = cnet_tcp_rack_on(tp);
	struct cnet_tcp_sack_sb old;
	struct cnet_tcp_tlp_ack ta;
	struct cnet_tcp_cc prior;
	struct cnet_tcp_opts o;
	bool lost, tlp_dsack;
	u32 acts;

	cnet_tcp_sack_clean(&tp->sack, tp->snd_una);
	if (rack)
		old = tp->sack;
	if (cnet_tcp_hdr_len(th) > sizeof(*th)) {
		cnet_tcp_opts_parse((const u8 *)(th + 1),
				    cnet_tcp_hdr_len(th) - sizeof(*th), false,
				    &o);
		if (o.nr_sack)
			cnet_tcp_sack_update(&tp->sack, o.sack, o.nr_sack,
					     tp->snd_una, tp->snd_max, &res);
	}
	while (res.bad--)
		cnet_inc(cn, CNET_STAT_TCP_SACK_BAD_BLOCK);
	if (res.dsack)
		cnet_inc(cn, CNET_STAT_TCP_DSACK_RX);
	/*
	 * RFC 6675 2: a duplicate ACK is one that SACKs new data; one that
	 * only reports a segment the network copied (a D-SACK) is none.
	 */
	a->dup = res.newly && a->ack == a->snd_una &&
		 tp->snd_una != tp->snd_max;
	if (rack) {
		if (res.newly)
			tcp_rack_sacked(sk, &old);
		ta = (struct cnet_tcp_tlp_ack){
			.ack = a->ack, .sacked = res.newly,
			.advanced = cnet_seq_after(a->ack, a->snd_una),
			.dsack = res.dsack, .dsack_start = res.dsack_start,
			.dsack_end = res.dsack_end,
		};
		tlp_dsack = cnet_tcp_tlp_dsack(&tp->rack, &ta);
		if (cnet_tcp_tlp_on_ack(&tp->rack, &ta) == CNET_TCP_TLP_LOSS) {
			cnet_tcp_cc_on_tlp_loss(&tp->cc);
			cnet_inc(cn, CNET_STAT_TCP_TLP_RECOVERED);
		}
		if (cnet_tcp_rack_update_reo(&tp->rack,
					     res.dsack && !tlp_dsack, false,
					     tp->snd_una, tp->snd_max))
			cnet_inc(cn, CNET_STAT_TCP_RACK_REO_SEEN);
		/*
		 * RFC 8985 6.2: DupThresh only until reordering is seen;
		 * then duplicate ACKs are no loss signal, RACK's marks are.
		 */
		tp->sack.no_dupthresh = tp->rack.reord;
		if (tp->rack.reord)
			a->dup = false;
		cnet_tcp_rack_detect(sk, false);
		lost = tp->snd_una != tp->snd_max &&
		       cnet_tcp_sack_lost_out(&tp->sack, tp->snd_una, tp->mss);
	} else {
		lost = tp->snd_una != tp->snd_max &&
		       cnet_tcp_sack_is_lost(&tp->sack, tp->snd_una,
					     tp->snd_una, tp->mss);
	}
	prior = tp->cc;
	acts = cnet_tcp_cc_on_sack_ack(&tp->cc, a, lost);
	if (acts & CNET_TCP_CC_ENTER_RECOVERY)
		tcp_sack_recovery_began(sk, &prior);
	if (rack && (acts & CNET_TCP_CC_EXIT_RECOVERY))
		cnet_tcp_rack_update_reo(&tp->rack, false, true, tp->snd_una,
					 tp->snd_max);
	if (cnet_tcp_sack_try_undo(&tp->sack, &tp->cc, &res, tp->mss))
		cnet_inc(cn, CNET_STAT_TCP_DSACK_UNDO);
	if (tp->cc.in_recovery)
		cnet_tcp_sack_retransmit(sk,
					 acts & CNET_TCP_CC_ENTER_RECOVERY);
	return acts;
}

/* The ACK of @seg (RFC 9293 3.10.7.4 fifth check, ESTABLISHED). */
static void tcp_ack(struct sock *sk, const struct sk_buff *skb,
		    const struct cnet_tcp_fsm_seg *seg)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 wnd = ntohs(tcp_hdr(skb)->window), acts;
	struct cnet_tcp_cc_ack a = {
		.ack = seg->ack, .snd_una = tp->snd_una, .snd_nxt = tp->snd_max,
		.flight = tp->snd_max - seg->ack,
		.now_us = cnet_tcp_clock_us(),
	};

	/* the window of a SYN is not scaled (RFC 7323 2.2) */
	if (!(seg->flags & CNET_TCP_SEG_SYN))
		wnd <<= tp->snd_wscale;
	/* RFC 5681 2: a duplicate ACK */
	a.dup = seg->ack == tp->snd_una && tp->snd_una != tp->snd_max &&
		!seg->len && !(seg->flags & (CNET_TCP_SEG_SYN | CNET_TCP_SEG_FIN)) &&
		wnd == tp->snd_wnd;
	/* the peer saw congestion: congestion control reacts (RFC 3168) */
	a.ece = cnet_tcp_ecn_ece(&tp->ecn, cnet_tcp_flags(tcp_hdr(skb)));
	if (a.ece)
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_ECN_ECE_RX);

	if (cnet_seq_after(seg->ack, tp->snd_una)) {
		tp->bytes_acked += seg->ack - tp->snd_una;
		tp->snd_una = seg->ack;
		a.rtt_us = cnet_tcp_clean_acked(sk, seg->ack);
		/*
		 * No sample by Karn's rule (what it acknowledges was sent
		 * again): the echoed timestamp names the transmission the
		 * peer answered (RTTM, RFC 7323 4.1), as Linux prefers
		 * the ACK's timing when there is one.
		 */
		if (!a.rtt_us && tp->ts_ok && tp->rx_ts.saw)
			cnet_tcp_ts_rtt_us(cnet_tcp_ts_now(tp), tp->rx_ts.tsecr,
					   &a.rtt_us);
		if (a.rtt_us) {
			cnet_rto_sample(&tp->rto, a.rtt_us);
			cnet_tcp_rack_rtt(&tp->rack, a.rtt_us);
		}
		cnet_rto_progress(&tp->rto);	/* the give-up count restarts */
		if (tp->snd_una == tp->snd_max)
			cnet_tcp_timer_clear(sk, CNET_TCP_EV_RETRANS);
		else
			cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS,
					   cnet_tcp_rto(tp));
		if (sk->sk_socket &&
		    test_bit(SOCK_NOSPACE, &sk->sk_socket->flags)) {
			tcp_sndbuf_expand(sk);
			sk->sk_write_space(sk);
		}
	}
	if (sk->sk_state != TCP_SYN_SENT) {
		acts = tp->sack_ok ? tcp_sack_ack(sk, skb, &a) :
				     cnet_tcp_cc_on_ack(&tp->cc, &a);
		if (acts & CNET_TCP_CC_ENTER_RECOVERY)
			cnet_inc(cnet_pernet(sock_net(sk)),
				 CNET_STAT_TCP_FAST_RETRANS);
		if (acts & CNET_TCP_CC_CWR)
			cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_ECN_CWR);
		/* any reduction: CWR on the next new data (RFC 3168 6.1.2) */
		if (acts & (CNET_TCP_CC_CWR | CNET_TCP_CC_ENTER_RECOVERY))
			cnet_tcp_ecn_reduced(&tp->ecn);
		if (acts & CNET_TCP_CC_RETRANSMIT_HEAD) {
			cnet_tcp_retransmit_head(sk);
			cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS,
					   cnet_tcp_rto(tp));
		}
		/* RFC 8985 7.2: new data acknowledged restarts the probe */
		if (cnet_tcp_rack_on(tp) && cnet_seq_after(seg->ack, a.snd_una))
			cnet_tcp_tlp_schedule(sk);
		/* cwnd and the RTT as the congestion control left them */
		cnet_tcp_update_pacing_rate(sk);
	}
	/* RFC 9293 3.10.7.4: the window of the newest segment */
	if (cnet_seq_before(tp->snd_wl1, seg->seq) ||
	    (tp->snd_wl1 == seg->seq && cnet_seq_geq(seg->ack, tp->snd_wl2))) {
		tp->snd_wnd = wnd;
		tp->max_window = max(tp->max_window, wnd);
		tp->snd_wl1 = seg->seq;
		tp->snd_wl2 = seg->ack;
	}
	cnet_tcp_mtu_on_ack(sk);	/* an MTU probe acknowledged or lost */
	/* the peer answers: probes and keepalive start over (tcp_timer.c) */
	tp->probes_out = 0;
	tp->rcv_tstamp = jiffies;
	if (tp->snd_una == tp->snd_max && tp->send_head)
		cnet_tcp_ack_probe(sk);
}

/* The out-of-order queue lets go of a segment: free it (uncharged). */
static void tcp_ofo_drop(struct cnet_tcp_ofo_seg *s, void *arg)
{
	kfree_skb((struct sk_buff *)((char *)s - offsetof(struct sk_buff, cb)));
}

static struct sk_buff *tcp_ofo_skb(struct cnet_tcp_ofo_seg *s)
{
	return (struct sk_buff *)((char *)s - offsetof(struct sk_buff, cb));
}

/* Forget what waits out of order (the connection is over). */
void cnet_tcp_ofo_purge_all(struct sock *sk)
{
	cnet_tcp_ofo_purge(&cnet_tcp_sk(sk)->ofo, tcp_ofo_drop, NULL);
}

/* Is the receive buffer too full to take @truesize more? */
static bool tcp_rmem_full(struct sock *sk, unsigned int truesize)
{
	return atomic_read(&sk->sk_rmem_alloc) + truesize >
	       2 * (unsigned int)READ_ONCE(sk->sk_rcvbuf);
}

/*
 * @skb (data at its payload) goes to the receive queue, its first @off
 * bytes already there.
 */
static void tcp_queue_rcv(struct sock *sk, struct sk_buff *skb, u32 seq,
			  u32 end_seq, u32 off)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	memset(skb->cb, 0, sizeof(skb->cb));
	CNET_TCP_SKB_CB(skb)->seq = seq;
	CNET_TCP_SKB_CB(skb)->end_seq = end_seq;
	CNET_TCP_SKB_CB(skb)->off = off;
	__skb_queue_tail(&sk->sk_receive_queue, skb);
	tp->bytes_received += end_seq - seq - off;
	tp->rcv_nxt = end_seq;
	cnet_tcp_rcv_rtt_measure(&tp->rcv_rtt, tp->rcv_nxt, tp->rcv_wnd,
				 cnet_tcp_clock_us());
}

/* Report [@start, @end), received twice, in the next ACK (RFC 2883). */
static void tcp_dsack_set(struct cnet_tcp_sock *tp, u32 start, u32 end)
{
	if (!tp->sack_ok)
		return;
	tp->dsack.start = start;
	tp->dsack.end = end;
	tp->dsack_pending = true;
}

/*
 * Keep @skb (data at its payload, [@seq, @end_seq)) out of order.
 * Return: whether it was kept.
 */
static bool tcp_data_ofo(struct sock *sk, struct sk_buff *skb, u32 seq,
			 u32 end_seq, bool fin)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_ofo_cb *cb = CNET_TCP_OFO_CB(skb);
	enum cnet_tcp_ofo_res res;

	BUILD_BUG_ON(sizeof(struct cnet_tcp_ofo_cb) > sizeof(skb->cb));
	/* under tcp_mem pressure the queue does not grow */
	if (!cnet_tcp_ofo_allowed(sk))
		return false;
	if (tcp_rmem_full(sk, skb->truesize)) {
		/* the furthest data goes first (as tcp_prune_ofo_queue()) */
		cnet_tcp_ofo_prune(&tp->ofo, tp->ofo.truesize / 2, tcp_ofo_drop,
				   NULL);
		if (tcp_rmem_full(sk, skb->truesize)) {
			cnet_inc(cn, CNET_STAT_TCP_DROP_RCVBUF);
			return false;
		}
	}
	memset(skb->cb, 0, sizeof(skb->cb));
	cb->seg.seq = seq;
	cb->seg.end_seq = end_seq;
	cb->seg.truesize = skb->truesize;
	cb->fin = fin;
	if (!cnet_tcp_rmem_charge(sk, skb, false))
		return false;
	res = cnet_tcp_ofo_insert(&tp->ofo, &cb->seg, tcp_ofo_drop, NULL);
	/* the next SACK option reports its range first (RFC 2018 4) */
	cnet_tcp_ofo_recent(&tp->ofo, &tp->sack_recent, seq);
	if (res != CNET_TCP_OFO_QUEUED) {
		/* all its bytes were held already: a D-SACK says so */
		if (tp->ofo.dup.start != tp->ofo.dup.end)
			tcp_dsack_set(tp, tp->ofo.dup.start, tp->ofo.dup.end);
		kfree_skb(skb);		/* uncharged by its destructor */
		return true;
	}
	cnet_inc(cn, CNET_STAT_TCP_OFO_QUEUED);
	return true;
}

/*
 * The data of @skb (data at the TCP header, in the window): in order to
 * the receive queue, then whatever of the out-of-order queue now follows;
 * out of order to that queue. Sets *@fin when a FIN that waited out of
 * order is now reached.
 * Return: whether @skb was kept.
 */
static bool tcp_data(struct sock *sk, struct sk_buff *skb,
		     const struct cnet_tcp_fsm_seg *seg, bool *fin)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_ofo_seg *s;
	struct sk_buff *o;
	u32 off, skip, mss;
	bool forced;

	/* the peer's segment size: an aggregate's, or this one's length */
	mss = skb_is_gso(skb) ? skb_shinfo(skb)->gso_size : seg->len;
	__skb_pull(skb, cnet_tcp_hdr_len(tcp_hdr(skb)));
	skb_dst_drop(skb);
	/* an aggregate of two segments or more is acknowledged at once */
	tp->pending_ack = min_t(u32, tp->pending_ack + tcp_skb_segs(skb),
				U8_MAX);
	if (cnet_seq_after(seg->seq, tp->rcv_nxt)) {
		/* after a hole: a duplicate ACK at once says so */
		tp->quickack = TCP_QUICKACKS;
		/*
		 * A FIN takes its sequence number in the queue too (struct
		 * cnet_tcp_ofo_seg's end_seq), so that the SACK block
		 * covers it: a sender (Linux's tcp_match_skb_to_sack())
		 * marks its data+FIN segment SACKed only when the block
		 * reaches its end_seq.
		 */
		return tcp_data_ofo(sk, skb, seg->seq, seg->seq + seg->len +
				    !!(seg->flags & CNET_TCP_SEG_FIN),
				    seg->flags & CNET_TCP_SEG_FIN);
	}
	off = tp->rcv_nxt - seg->seq;
	if (off >= seg->len)
		return false;	/* old data only */
	/*
	 * In order, into an empty receive queue (or within the window
	 * tcp_mem leaves): taken whatever the buffer, as Linux's
	 * tcp_data_queue() forces it, so the connection always moves on;
	 * otherwise within the receive buffer and tcp_mem.
	 */
	forced = skb_queue_empty(&sk->sk_receive_queue) ||
		 cnet_tcp_rmem_forced(sk);
	if (!forced && tcp_rmem_full(sk, skb->truesize)) {
		cnet_inc(cn, CNET_STAT_TCP_DROP_RCVBUF);
		return false;
	}
	if (!cnet_tcp_rmem_charge(sk, skb, forced))
		return false;
	tcp_queue_rcv(sk, skb, seg->seq, seg->seq + seg->len, off);
	tp->rcv_mss = clamp_t(u32, mss, tp->rcv_mss, tp->adv_mss);

	if (cnet_tcp_ofo_empty(&tp->ofo))
		return true;
	/* the hole filled: what waited follows, and ACKs go out at once */
	tp->quickack = TCP_QUICKACKS;
	while ((s = cnet_tcp_ofo_pop(&tp->ofo, tp->rcv_nxt, &skip,
				     tcp_ofo_drop, NULL))) {
		o = tcp_ofo_skb(s);
		*fin = CNET_TCP_OFO_CB(o)->fin;
		/* the data only: the FIN is processed as it came now */
		tcp_queue_rcv(sk, o, s->seq, s->end_seq - *fin, skip);
		if (*fin) {
			cnet_tcp_ofo_purge_all(sk);
			break;
		}
	}
	return true;
}

/*
 * ECN of a data segment (tcp_ecn.h): CE in its IP header has our ACKs
 * carry ECE until the peer's CWR. Return: whether to ACK it at once.
 */
static bool tcp_ecn_data(struct sock *sk, const struct sk_buff *skb)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 act = cnet_tcp_ecn_rcv(&tp->ecn, ip_hdr(skb)->tos,
				   cnet_tcp_flags(tcp_hdr(skb)));

	if (act & CNET_TCP_ECN_CE)
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_ECN_CE_RX);
	return act & CNET_TCP_ECN_ACK_NOW;
}

/* Acknowledge received data now, or within the delayed-ACK time. */
static void tcp_ack_data(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tp->pending_ack)
		return;
	if (tp->quickack || tp->pending_ack >= 2) {
		if (tp->quickack)
			tp->quickack--;
		cnet_tcp_send_ack(sk);
		return;
	}
	if (!tp->when[CNET_TCP_EV_DELACK])
		cnet_tcp_timer_set(sk, CNET_TCP_EV_DELACK,
				   msecs_to_jiffies(TCP_DELACK_MS));
}

/**
 * cnet_tcp_enter_time_wait - the connection reached TIME-WAIT (or, an
 *	orphan, FIN-WAIT-2): tcp_minisock.c takes it over
 * @sk: the connection, locked
 * @state: TCP_TIME_WAIT or TCP_FIN_WAIT2
 */
void cnet_tcp_enter_time_wait(struct sock *sk, int state)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int timeo = msecs_to_jiffies(CNET_TCP_TIMEWAIT_MS);

	if (state == TCP_FIN_WAIT2) {
		/* TCP_LINGER2: how long; negative, not at all (as Linux) */
		timeo = cnet_tcp_fin_timeout(sk);
		if (timeo < 0) {
			cnet_tcp_done(sk);
			return;
		}
	}
	cnet_tcp_set_state(sk, state);
	cnet_tcp_time_wait(sk, state, timeo);
	if (!tp->tw_held)
		cnet_tcp_done(sk);
}

/*
 * The timestamp option of @skb into @tp->rx_ts, for a connection that
 * offered or uses timestamps.
 */
static void tcp_rx_ts_of(struct cnet_tcp_sock *tp, const struct sk_buff *skb)
{
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_opts o;

	tp->rx_ts.saw = false;
	if (!tp->ts_ok ||
	    cnet_tcp_hdr_len(th) < sizeof(*th) + CNET_TCPOLEN_TIMESTAMP)
		return;
	cnet_tcp_opts_parse((const u8 *)(th + 1),
			    cnet_tcp_hdr_len(th) - sizeof(*th),
			    cnet_tcp_flags(th) & CNET_TCPF_SYN, &o);
	tp->rx_ts = (struct cnet_tcp_ts_rx){
		.tsval = o.tsval, .tsecr = o.tsecr, .saw = o.saw_ts,
	};
}

/*
 * PAWS (RFC 7323 5.3 R1), before anything else of a synchronized
 * connection: a segment whose TSval is older than TS.Recent is an old
 * duplicate. It is dropped, counted, and answered with a duplicate ACK
 * (rate limited when it has no data, as Linux). A RST is not checked (its
 * sequence number decides), nor a SYN (the state machine answers it
 * with a challenge ACK whatever its timestamp).
 * Return: whether @skb is dropped.
 */
static bool tcp_paws_drop(struct sock *sk, const struct sk_buff *skb,
			  const struct cnet_tcp_fsm_seg *seg)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 wnd = (u32)ntohs(tcp_hdr(skb)->window) << tp->snd_wscale;
	struct cnet_tcp_paws_seg ps = {
		.seq = seg->seq, .ack = seg->ack,
		.len = seg->len + !!(seg->flags & CNET_TCP_SEG_FIN),
		.is_ack = seg->flags & CNET_TCP_SEG_ACK,
		.win_update = cnet_seq_after(seg->seq, tp->snd_wl1) ||
			      (seg->seq == tp->snd_wl1 && wnd > tp->snd_wnd),
		.rcv_nxt = tp->rcv_nxt, .snd_una = tp->snd_una,
		.replay_ms = tp->rto.rto_us / USEC_PER_MSEC,
	};
	struct cnet_tcp_seg ms = { .len = ps.len };

	if (!tp->rx_ts.saw ||
	    (seg->flags & (CNET_TCP_SEG_RST | CNET_TCP_SEG_SYN)) ||
	    !cnet_tcp_paws_discard(&tp->ts_recent, tp->rx_ts.tsval,
				   cnet_tcp_ts_now_s(), &ps))
		return false;
	cnet_inc(cn, CNET_STAT_TCP_PAWS_DROP);
	if (cnet_tcp_oow_ack_limited(&ms, &tp->last_oow_ack, (u32)jiffies,
				     msecs_to_jiffies(CNET_TCP_OOW_ACK_MS)))
		cnet_inc(cn, CNET_STAT_TCP_OOW_ACK_SKIPPED);
	else
		cnet_tcp_send_ack(sk);
	return true;
}

/* The TIME-WAIT entry of @skb's 4-tuple takes it (consumed), if any. */
static bool tcp_tw_take(struct cnet_net *cn, struct sk_buff *skb)
{
	bool taken;

	rcu_read_lock();
	taken = cnet_tcp_tw_rcv(cn, skb);
	rcu_read_unlock();
	return taken;
}

/*
 * Run @skb (data at its TCP header, checked) through the connection.
 * Socket locked, not owned by a user (or its backlog being processed).
 * Consumes @skb.
 */
static void tcp_process(struct sock *sk, struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int state = sk->sk_state, next;
	struct cnet_tcp_fsm_vars v;
	struct cnet_tcp_fsm_seg seg;
	bool queued = false;
	u32 todo;

	tcp_seg_of(skb, &seg);
	/* a GRO aggregate is one segment here, its segments counted */
	tp->segs_in += tcp_skb_segs(skb);
	if (state == TCP_CLOSE) {
		/*
		 * It closed while the segment waited for its lock, or in its
		 * backlog behind the ACK that ended it (close() held the
		 * socket): the TIME-WAIT or FIN-WAIT-2 entry it left takes
		 * the segment, as if it had come a moment later, so the
		 * peer's FIN right behind that ACK is not lost (Linux keeps
		 * the full socket a while for it, in tcp_rcv_state_process()).
		 * Without an entry, dropped, not reset, as Linux does, lest a
		 * RST end the peer. So is a SYN: a listener it may reach is
		 * not locked under this socket; the peer sends it again.
		 */
		if (!(seg.flags & CNET_TCP_SEG_SYN) && tcp_tw_take(cn, skb))
			return;
		cnet_inc(cn, CNET_STAT_TCP_DROP_CLOSED);
		goto drop;
	}
	if (state == TCP_LISTEN) {
		cnet_tcp_send_reset(cn, skb);
		goto drop;
	}
	tcp_rx_ts_of(tp, skb);
	if (tp->ts_ok && state != TCP_SYN_SENT && tcp_paws_drop(sk, skb, &seg))
		goto drop;
	v = (struct cnet_tcp_fsm_vars){
		.iss = tp->iss, .snd_una = tp->snd_una, .snd_nxt = tp->snd_max,
		.max_window = tp->max_window, .rcv_nxt = tp->rcv_nxt,
		.rcv_wnd = cnet_tcp_rcv_wnd_left(tp), .fin_sent = tp->fin_sent,
	};
	todo = cnet_tcp_fsm(state, &seg, &v, &next);
	/* data we had already, wholly or at its head: D-SACK it (RFC 2883) */
	if (seg.len && state != TCP_SYN_SENT &&
	    !(seg.flags & (CNET_TCP_SEG_SYN | CNET_TCP_SEG_RST)) &&
	    cnet_seq_before(seg.seq, tp->rcv_nxt))
		tcp_dsack_set(tp, seg.seq,
			      cnet_seq_min(seg.seq + seg.len, tp->rcv_nxt));

	if (todo & CNET_TCP_DO_RST)
		cnet_tcp_send_reset(cn, skb);
	if (todo & CNET_TCP_DO_CHALLENGE) {
		if (tcp_challenge_allowed(cn)) {
			cnet_inc(cn, CNET_STAT_TCP_CHALLENGE_ACK_TX);
			cnet_tcp_send_ack(sk);
		} else {
			cnet_inc(cn, CNET_STAT_TCP_CHALLENGE_LIMITED);
		}
	}
	if (todo & CNET_TCP_DO_CLOSE) {
		if (todo & CNET_TCP_DO_RESET) {
			cnet_inc(cn, CNET_STAT_TCP_RST_RX);
			cnet_tcp_reset(sk, state == TCP_SYN_SENT ? ECONNREFUSED :
					   state == TCP_CLOSE_WAIT ? EPIPE :
					   ECONNRESET);
		} else {
			cnet_tcp_done(sk);
		}
		goto drop;
	}
	if (todo & CNET_TCP_DO_ESTABLISH)
		tcp_establish(sk, skb, &seg);
	/* an acceptable segment: RFC 7323 4.3 says if TS.Recent takes it */
	if ((todo & (CNET_TCP_DO_UPDATE | CNET_TCP_DO_DATA)) && tp->ts_ok &&
	    tp->rx_ts.saw && !(todo & CNET_TCP_DO_ESTABLISH))
		cnet_tcp_ts_recent_update(&tp->ts_recent, tp->rx_ts.tsval,
					  seg.seq, tp->rcv_wup,
					  cnet_tcp_ts_now_s());
	if (todo & CNET_TCP_DO_UPDATE)
		tcp_ack(sk, skb, &seg);
	if (todo & CNET_TCP_DO_SYNACK) {
		/* SYN-RECEIVED first: our SYN goes again with the ACK */
		cnet_tcp_set_state(sk, next);
		cnet_tcp_retransmit_head(sk);
	}
	if (todo & CNET_TCP_DO_DATA) {
		bool fin = false;

		if (seg.len && tcp_ecn_data(sk, skb))
			todo |= CNET_TCP_DO_ACK;
		queued = tcp_data(sk, skb, &seg, &fin);
		if (!queued || tp->quickack == TCP_QUICKACKS)
			todo |= CNET_TCP_DO_ACK;
		if (queued)
			sk->sk_data_ready(sk);
		if (fin) {
			/* the FIN that waited: as if it came now, in order */
			struct cnet_tcp_fsm_seg f = {
				.seq = tp->rcv_nxt, .ack = tp->snd_una,
				.flags = CNET_TCP_SEG_ACK | CNET_TCP_SEG_FIN,
			};

			v.rcv_nxt = tp->rcv_nxt;
			v.rcv_wnd = max(cnet_tcp_rcv_wnd_left(tp), 1U);
			v.snd_una = tp->snd_una;
			todo |= cnet_tcp_fsm(next, &f, &v, &next) &
				(CNET_TCP_DO_FIN | CNET_TCP_DO_ACK |
				 CNET_TCP_DO_TIMEWAIT);
		}
	}
	if (next != state && next != TCP_TIME_WAIT)
		cnet_tcp_set_state(sk, next);
	if (todo & CNET_TCP_DO_FIN) {
		/* the FIN takes a sequence number but is nothing to read */
		tp->rcv_nxt++;
		WRITE_ONCE(tp->copied_seq, tp->copied_seq + 1);
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
		sock_set_flag(sk, SOCK_DONE);
		if (!sock_flag(sk, SOCK_DEAD)) {
			sk->sk_state_change(sk);
			sk_wake_async(sk, SOCK_WAKE_WAITD, POLL_HUP);
		}
	}
	if (todo & CNET_TCP_DO_ACK)
		cnet_tcp_send_ack(sk);
	else
		tcp_ack_data(sk);

	if (next == TCP_TIME_WAIT && state != TCP_TIME_WAIT) {
		cnet_tcp_enter_time_wait(sk, TCP_TIME_WAIT);
	} else if (todo & CNET_TCP_DO_TIMEWAIT) {
		cnet_tcp_timer_set(sk, CNET_TCP_EV_TIMEWAIT,
				   msecs_to_jiffies(CNET_TCP_TIMEWAIT_MS));
	} else if (next == TCP_FIN_WAIT2 && state != next &&
		   sock_flag(sk, SOCK_DEAD)) {
		/* an orphan waits for the peer's FIN no longer than this */
		cnet_tcp_enter_time_wait(sk, TCP_FIN_WAIT2);
	} else if (sk->sk_state != TCP_CLOSE) {
		cnet_tcp_push(sk, 0);
	}
drop:
	if (!queued)
		kfree_skb(skb);
}

/* release_sock(): a segment that waited in the backlog */
int cnet_tcp_backlog_rcv(struct sock *sk, struct sk_buff *skb)
{
	tcp_process(sk, skb);
	return 0;
}

static const u8 tcp_check_stat[] = {
	[CNET_TCP_SHORT]	= CNET_STAT_TCP_DROP_SHORT,
	[CNET_TCP_BAD_DOFF]	= CNET_STAT_TCP_DROP_DOFF,
};

/* Give @skb to the full socket @sk found under RCU; false if it is gone. */
static bool tcp_deliver(struct cnet_net *cn, struct sock *sk,
			struct sk_buff *skb)
{
	if (!refcount_inc_not_zero(&sk->sk_refcnt))
		return false;
	bh_lock_sock_nested(sk);
	if (!sock_owned_by_user(sk)) {
		tcp_process(sk, skb);
	} else if (sk_add_backlog(sk, skb, READ_ONCE(sk->sk_rcvbuf) +
				  READ_ONCE(sk->sk_sndbuf))) {
		cnet_inc(cn, CNET_STAT_TCP_DROP_BACKLOG);
		kfree_skb(skb);
	}
	bh_unlock_sock(sk);
	sock_put(sk);
	return true;
}

/**
 * cnet_tcp_rcv - receive a TCP segment for this host
 * @cd: the device it arrived on
 * @skb: data at the TCP header, network header set; consumed
 *
 * Called from the receive path, in an RCU read-side section.
 */
int cnet_tcp_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	struct cnet_net *cn = cd->cn;
	const struct iphdr *iph;
	const struct tcphdr *th;
	struct cnet_st_entry *e;
	enum cnet_tcp_check res;
	enum cnet_stat why;
	struct sock *sk;

	cnet_inc(cn, CNET_STAT_TCP_RX);
	if (skb_is_gso(skb))
		cnet_inc(cn, CNET_STAT_TCP_RX_GRO);
	res = cnet_tcp_hdr_check(pskb_may_pull(skb, sizeof(*th)) ?
				 tcp_hdr(skb) : NULL, skb->len);
	if (res != CNET_TCP_OK) {
		why = tcp_check_stat[res];
		goto drop;
	}
	if (!pskb_may_pull(skb, cnet_tcp_hdr_len(tcp_hdr(skb)))) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}
	if (!cnet_l4_rcv_csum_ok(skb, IPPROTO_TCP, tcp_hdr(skb)->check,
				 skb->len)) {
		why = CNET_STAT_TCP_DROP_CSUM;
		goto drop;
	}
	iph = ip_hdr(skb);
	th = tcp_hdr(skb);
	/* TCP is unicast only (RFC 1122 4.2.3.10) */
	if (cnet_dev_is_bcast(cd, iph->daddr)) {
		why = CNET_STAT_TCP_DROP_NOT_UNICAST;
		goto drop;
	}

	e = cnet_st_lookup(&cn->tcp_table, iph->daddr, th->dest, iph->saddr,
			   th->source, cd->dev->ifindex, 0);
	if (e && READ_ONCE(e->key.raddr)) {
		sk = &container_of(e, struct cnet_sock, st)->sk;
		if (tcp_deliver(cn, sk, skb))
			return NET_RX_SUCCESS;
	}
	if (cnet_tcp_tw_rcv(cn, skb))
		return NET_RX_SUCCESS;
	if (e && !READ_ONCE(e->key.raddr)) {
		sk = &container_of(e, struct cnet_sock, st)->sk;
		if (READ_ONCE(sk->sk_state) == TCP_LISTEN) {
			cnet_tcp_listen_rcv(sk, skb);
			return NET_RX_SUCCESS;
		}
	}
	cnet_tcp_send_reset(cn, skb);
	why = CNET_STAT_TCP_DROP_NO_SOCKET;
drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/*
 * A fragmentation needed lowered the path MTU (pmtu.c learned it before
 * the error came here): the connection's MSS follows now, or when the
 * user who owns the socket sends or releases it (cnet_tcp_mtu_check()
 * runs before each push). Socket spinlocked, RCU held.
 */
static void tcp_mtu_reduced(struct cnet_net *cn, struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_rt_res res;

	if (cnet_ip_route_flow(cn, &tp->fl, NULL, &res))
		return;
	xchg(&tp->mtu_info, cnet_route_path_mtu(cn, &res, tp->fl.daddr));
	if (!sock_owned_by_user(sk))
		cnet_tcp_push(sk, 1);
}

/**
 * cnet_tcp_err - an ICMP error about a segment a connection sent
 * @cn: the namespace
 * @skb: the error, data at the ICMP header, the quote linear up to the
 *	TCP header's first 8 bytes (ports and sequence number); not consumed
 * @e: the parsed error
 *
 * As Linux's tcp_v4_err(): a hard error (unreachable...) about our SYN
 * ends the connect() with its errno (EHOSTUNREACH, ENETUNREACH,
 * ECONNREFUSED...); about data in flight it is only remembered
 * (sk_err_soft), and becomes the error of a connection that later times
 * out. A quoted sequence number outside what is in flight is ignored (a
 * forged error). Called from the receive path, in an RCU read-side
 * section.
 */
void cnet_tcp_err(struct cnet_net *cn, struct sk_buff *skb,
		  const struct cnet_icmp_err *e)
{
	const struct tcphdr *th = (const struct tcphdr *)(skb->data + e->l4_off);
	struct cnet_tcp_sock *tp;
	struct cnet_st_entry *st;
	struct sock *sk;
	bool fatal;
	int err;
	u32 seq;

	err = -cnet_icmp_err_errno(e->type, e->code, &fatal);
	if (err <= 0)
		return;
	st = cnet_st_lookup(&cn->tcp_table, e->saddr, th->source, e->daddr,
			    th->dest, skb->dev ? skb->dev->ifindex : 0, 0);
	if (!st || !READ_ONCE(st->key.raddr))
		return;
	sk = &container_of(st, struct cnet_sock, st)->sk;
	if (!refcount_inc_not_zero(&sk->sk_refcnt))
		return;
	tp = cnet_tcp_sk(sk);
	seq = ntohl(th->seq);
	bh_lock_sock(sk);
	if (sk->sk_state == TCP_CLOSE || sk->sk_state == TCP_LISTEN)
		goto out;
	/* RFC 5927 5.2: not about what is in flight, a blind attack */
	if (!cnet_seq_between(seq, tp->snd_una, tp->snd_max)) {
		cnet_inc(cn, CNET_STAT_TCP_ICMP_OUT_OF_WINDOW);
		goto out;
	}
	cnet_inc(cn, CNET_STAT_TCP_ICMP_ERR_RX);
	if (e->type == ICMP_DEST_UNREACH && e->code == ICMP_FRAG_NEEDED) {
		/*
		 * No error: the path MTU is learned now, validated (icmp.c
		 * left it to us), and the MSS follows the path (as
		 * tcp_v4_mtu_reduced())
		 */
		cnet_pmtu_frag_needed(cn, (const struct icmphdr *)skb->data, e);
		tcp_mtu_reduced(cn, sk);
		goto out;
	}
	if (sk->sk_state == TCP_SYN_SENT && fatal && !sock_owned_by_user(sk)) {
		cnet_tcp_reset(sk, err);
		goto out;
	}
	WRITE_ONCE(sk->sk_err_soft, err);
out:
	bh_unlock_sock(sk);
	sock_put(sk);
}
