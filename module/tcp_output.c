// SPDX-License-Identifier: GPL-2.0
/*
 * TCP output: segments built and sent, the retransmission queue.
 *
 * What the user sends, and our SYN and FIN, wait in sk_write_queue as
 * skbs with their sequence range in skb->cb (struct cnet_tcp_skb_cb);
 * the skbs before @send_head were sent and wait for their ACK, the rest
 * wait for the window, the congestion window or Nagle. sendmsg() copies
 * the user's bytes once, into page fragments of the tail skb, which grows
 * to a size goal of many MSS (tcp_gso.c: up to 64 KiB, what the route's
 * device takes). A queued skb goes out as a clone (or a copy when a
 * former clone is still in flight), the header pushed in front of the
 * data, as one GSO packet (SKB_GSO_TCPV4, CHECKSUM_PARTIAL) when it
 * carries more than one MSS: the device (TSO) or the GSO layer cuts it
 * into segments. The queued skb never has a header.
 *
 * When the windows take only part of an skb, or a retransmission needs
 * only its first MSS, tcp_split() cuts it in two (as Linux's
 * tcp_fragment(), the page fragments shared, no bytes copied). An ACK
 * frees the skbs it covers whole and trims the front of one it covers in
 * part (tcp_trim_head(): page fragments dropped or their offset moved,
 * no byte touched), so that a retransmission carries only what is
 * missing.
 *
 * Pacing (tcp_pacing.h, as Linux's): every data packet moves the
 * departure time @wstamp_ns on by its length at sk_pacing_rate, once the
 * socket's pacing status is other than SK_PACING_NONE; when the stack
 * paces itself (SK_PACING_NEEDED) cnet_tcp_push() sends nothing before
 * that time and arms the pacing hrtimer (tcp_timer.c) for it. The GSO
 * packet is sized to about 1 ms at that rate (cnet_tcp_pacing_tso_segs()),
 * so that a paced flow does not send 64 KB bursts at 10 Mbit/s; on a
 * path of a short RTT the allowance keeps it at 64 KB, as on Linux.
 * Segments are not stamped with their departure time for an EDT qdisc
 * (Linux's skb_set_delivery_time(), SKB_CLOCK_MONOTONIC): a stamped skb
 * looped back or forwarded into cnet's own input would keep a tx time
 * that input takes for a receive time. fq paces by sk_pacing_rate
 * instead, which needs the socket on the skb: sent segments are owned by
 * it (skb_set_owner_w(), as Linux's are by tcp_wfree()).
 *
 * All under the socket's lock (lock_sock(), or bh_lock_sock() when no
 * user owns it).
 */
#include <linux/ip.h>
#include <linux/skbuff_ref.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/sock.h>

#include "cnet.h"
#include "tcp.h"
#include "tcp_gso.h"
#include "tcp_hdr.h"
#include "tcp_mem.h"
#include "tcp_pacing.h"

/*
 * The SACK blocks of an ACK (RFC 2018 4, RFC 2883): a duplicate segment
 * just received first (D-SACK, reported once), then what the
 * out-of-order queue holds, the range of the latest segment first
 * (cnet_tcp_sack_rcv_blocks()). As many as the other options leave room
 * for: the builder keeps the first ones that fit (cnet_tcp_opts_len():
 * 4 alone, 3 beside timestamps), so all four are offered.
 */
static void tcp_sack_opts(struct cnet_tcp_sock *tp, struct cnet_tcp_opts *o)
{
	struct cnet_net *cn = cnet_pernet(sock_net(&tp->cs.sk));

	o->nr_sack = cnet_tcp_sack_rcv_blocks(&tp->ofo, &tp->sack_recent,
					      tp->dsack_pending ? &tp->dsack :
								  NULL,
					      o->sack, ARRAY_SIZE(o->sack));
	if (tp->dsack_pending) {
		tp->dsack_pending = false;
		cnet_inc(cn, CNET_STAT_TCP_DSACK_TX);
	}
	if (o->nr_sack)
		cnet_inc(cn, CNET_STAT_TCP_SACK_TX);
}

/*
 * The options a segment carries: MSS, SACK-permitted and window scale on
 * a SYN; timestamps on a SYN that offers them and on every segment once
 * they are agreed (RFC 7323 3.2), TSecr the peer's TS.Recent (0 on our
 * SYN); SACK blocks on a segment without data (with data they would eat
 * into its MSS).
 */
static void tcp_opts_for(struct cnet_tcp_sock *tp, bool syn, bool data,
			 struct cnet_tcp_opts *o)
{
	memset(o, 0, sizeof(*o));
	if (tp->ts_ok) {
		o->saw_ts = true;
		o->tsval = cnet_tcp_ts_now(tp);
		o->tsecr = tp->ts_recent.val;
	}
	if (!syn) {
		if (tp->sack_ok && !data)
			tcp_sack_opts(tp, o);
		return;
	}
	o->saw_mss = true;
	o->mss = tp->adv_mss;
	o->saw_wscale = true;
	o->wscale = tp->rcv_wscale;
	o->sack_ok = tp->sack_ok;
}

/*
 * May the device sum it (CHECKSUM_PARTIAL)? As UDP: when it offers IPv4
 * checksum offload and the segment leaves by it whole.
 */
static bool tcp_csum_offload(const struct sk_buff *skb,
			     const struct cnet_rt_res *res)
{
	const struct net_device *dev = res->cd->dev;

	return res->type != CNET_RT_LOCAL &&
	       (dev->features & (NETIF_F_IP_CSUM | NETIF_F_HW_CSUM)) &&
	       skb->len + sizeof(struct iphdr) <= READ_ONCE(dev->mtu);
}

/**
 * cnet_tcp_rcv_room - what the receive buffer has room for now
 * @sk: the connection
 * @r: filled in
 *
 * Half the receive buffer is for data not read yet (the rest is for the
 * skbs' overhead): @r->space when empty, @r->free now; @r->left is what
 * is left of the window last said, and @r->mss the silly-window threshold
 * (cnet_tcp_sws_thresh()). What cnet_tcp_select_window() chooses from and
 * tcp_cleanup_rbuf() decides a window update with, reckoned alike.
 */
void cnet_tcp_rcv_room(const struct sock *sk, struct cnet_tcp_rcv_room *r)
{
	const struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 queued = tp->rcv_nxt - tp->copied_seq;

	r->space = READ_ONCE(sk->sk_rcvbuf) / 2;
	r->free = r->space > queued ? r->space - queued : 0;
	r->left = cnet_tcp_rcv_wnd_left(tp);
	r->mss = max(cnet_tcp_sws_thresh(tp->rcv_mss, r->space), 1U);
}

/**
 * cnet_tcp_select_window - the window to advertise now, in bytes
 * @sk: the connection
 *
 * The room cnet_tcp_rcv_room() finds, with receiver-side silly-window
 * avoidance (tcp_hdr.c). Records it: the right edge @rcv_wup + @rcv_wnd.
 */
u32 cnet_tcp_select_window(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_rcv_room r;
	u32 win;

	cnet_tcp_rcv_room(sk, &r);
	win = cnet_tcp_rcv_window(r.free, r.left, r.mss, tp->rcv_wscale);
	tp->rcv_wnd = win;
	tp->rcv_wup = tp->rcv_nxt;
	return win;
}

/**
 * cnet_tcp_send_mss - the segment size new data goes in
 * @tp: the connection
 *
 * Return: the MSS, less for a peer whose largest window is small
 * (cnet_tcp_mss_for_window()); TCP_INFO's tcpi_snd_mss.
 */
u32 cnet_tcp_send_mss(const struct cnet_tcp_sock *tp)
{
	return cnet_tcp_mss_for_window(tp->mss, tp->max_window);
}

/*
 * The size @skb is cut to: the MSS, but an MTU probe (tcp_mtu.h) goes
 * whole, one segment larger than the MSS in use.
 */
static u32 tcp_seg_mss(const struct cnet_tcp_sock *tp, u32 seq, u32 data)
{
	if (tp->mtup.probe_size && seq == tp->mtup.probe_seq &&
	    seq + data == tp->mtup.probe_end)
		return data;
	return cnet_tcp_send_mss(tp);
}

/*
 * Put the header on @skb (data at the payload, room in front) and send
 * it along the connection's flow. Consumes @skb.
 */
static int tcp_transmit(struct sock *sk, struct sk_buff *skb, u32 seq,
			u8 flags)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	bool syn = flags & CNET_TCPF_SYN;
	struct skb_shared_info *shi = skb_shinfo(skb);
	u32 data = skb->len, segs = 1, mss;
	const struct cnet_flow *fl = &tp->fl;
	struct cnet_flow ecn_fl;
	struct cnet_tcp_opts o;
	struct cnet_rt_res res;
	unsigned int optlen;
	struct tcphdr *th;
	u8 ip_ecn;
	u32 win;
	int err;

	if (sk->sk_state != TCP_SYN_SENT && !(flags & CNET_TCPF_RST))
		flags |= CNET_TCPF_ACK;
	/*
	 * ECN (tcp_ecn.h): a SYN sent again asks no more; ECE and CWR as
	 * the state says; new data (from snd_max on) ECT(0), the rest of
	 * an ECN connection's segments Not-ECT, in this packet's own flow.
	 */
	if (syn && sk->sk_state == TCP_SYN_SENT &&
	    cnet_seq_before(seq, tp->snd_max))
		cnet_tcp_ecn_syn_retrans(&tp->ecn, &flags);
	ip_ecn = fl->tos & CNET_IP_ECN_MASK;
	flags |= cnet_tcp_ecn_tx(&tp->ecn, data && !syn &&
				 !cnet_seq_before(seq, tp->snd_max), flags,
				 &ip_ecn);
	if (tp->ecn.ok) {
		ecn_fl = *fl;
		ecn_fl.tos = cnet_tcp_ecn_tos(fl->tos, ip_ecn);
		fl = &ecn_fl;
	}
	tcp_opts_for(tp, syn, data, &o);
	optlen = cnet_tcp_opts_len(&o, syn);
	th = skb_push(skb, sizeof(*th) + optlen);
	skb_reset_transport_header(skb);
	/*
	 * The window of a SYN is never scaled (RFC 7323 2.2): what it
	 * offers is at most 65535, and that is the right edge to remember.
	 */
	if (syn) {
		win = min_t(u32, cnet_tcp_select_window(sk), U16_MAX);
		tp->rcv_wnd = win;
	} else {
		win = cnet_tcp_select_window(sk) >> tp->rcv_wscale;
	}
	cnet_tcp_hdr_build(th, tp->cs.st.key.lport, tp->cs.dport, seq,
			   flags & CNET_TCPF_ACK ? tp->rcv_nxt : 0, flags,
			   min_t(u32, win, U16_MAX), optlen);
	cnet_tcp_opts_build((u8 *)(th + 1), &o, syn);

	rcu_read_lock();
	err = cnet_ip_route_flow(cn, &tp->fl, NULL, &res);
	if (err) {
		rcu_read_unlock();
		kfree_skb(skb);
		return err;
	}
	/*
	 * More than one MSS: one GSO packet, cut by the device or the GSO
	 * layer (which also sums each segment if the device cannot). The
	 * shared info is the queued skb's too when @skb is a clone: no
	 * other clone of it is in flight then (tcp_transmit_queued()).
	 */
	mss = tcp_seg_mss(tp, seq, data);
	if (data > mss) {
		segs = cnet_tcp_gso_segs(data, mss);
		shi->gso_size = mss;
		shi->gso_segs = segs;
		shi->gso_type = SKB_GSO_TCPV4;
		/* CWR on the first segment only (the GSO layer clears it) */
		if (flags & CNET_TCPF_CWR)
			shi->gso_type |= SKB_GSO_TCP_ECN;
		cnet_inc(cn, CNET_STAT_TCP_TX_GSO);
	} else if (skb_is_gso(skb)) {
		shi->gso_size = 0;
		shi->gso_segs = 0;
		shi->gso_type = 0;
	}
	if (segs > 1 || tcp_csum_offload(skb, &res)) {
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct tcphdr, check);
		th->check = cnet_tcp_pseudo_csum(res.saddr, tp->fl.daddr,
						 skb->len);
	} else {
		skb->ip_summed = CHECKSUM_NONE;
		th->check = 0;
		th->check = csum_tcpudp_magic(res.saddr, tp->fl.daddr, skb->len,
					      IPPROTO_TCP,
					      skb_checksum(skb, 0, skb->len, 0));
	}
	if (flags & CNET_TCPF_ACK) {
		tp->pending_ack = 0;
		cnet_tcp_timer_clear(sk, CNET_TCP_EV_DELACK);
	}
	tp->segs_out += segs;
	if (data)
		tp->data_segs_out += segs;
	/* fq finds the socket, and its pacing rate, on the skb */
	skb_set_owner_w(skb, sk);
	cnet_inc(cn, CNET_STAT_TCP_TX);
	err = cnet_ip_output_res(cn, skb, fl, &res);
	rcu_read_unlock();
	return err;
}

/* The data of a queued segment: its range less a SYN or FIN */
static u32 tcp_skb_data(const struct cnet_tcp_skb_cb *cb)
{
	return cb->end_seq - cb->seq - !!(cb->flags & CNET_TCPF_FIN) -
	       !!(cb->flags & CNET_TCPF_SYN);
}

/*
 * New data is about to leave with nothing in flight: the congestion
 * control hears of it (CUBIC keeps idle time out of its curve), and after
 * more than an RTO without sending the window restarts (RFC 2861, RFC
 * 5681 4.1, Linux's default tcp_slow_start_after_idle): tcp_cong.c. The
 * restart counts as a send, so a window that stays closed does not halve
 * it again at every push.
 */
static void tcp_tx_start(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u64 now = cnet_tcp_clock_us();
	u64 idle;

	if (!tp->lsndtime_us || now <= tp->lsndtime_us)
		return;
	idle = now - tp->lsndtime_us;
	cnet_tcp_cc_after_idle(&tp->cc, min_t(u64, idle, U32_MAX),
			       cnet_rto_timeout_us(&tp->rto));
	tp->lsndtime_us = now;
}

/* sk_pacing_rate as tcp_pacing.h takes it */
static u64 tcp_pacing_rate(const struct sock *sk)
{
	return cnet_tcp_rate64(READ_ONCE(sk->sk_pacing_rate));
}

/**
 * cnet_tcp_update_pacing_rate - the congestion window or the RTT moved
 * @sk: the connection, locked
 *
 * sk_pacing_rate from them (cnet_tcp_pacing_rate()), at most
 * SO_MAX_PACING_RATE, whether or not anything paces by it: fq reads it
 * without the socket's lock (WRITE_ONCE()). Where Linux calls its
 * tcp_update_pacing_rate(): on each ACK after the congestion control
 * took it, and when the handshake completes.
 */
void cnet_tcp_update_pacing_rate(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long max = READ_ONCE(sk->sk_max_pacing_rate);
	u64 rate;

	rate = cnet_tcp_pacing_rate(tp->cc.cwnd, tp->cc.ssthresh,
				    tp->snd_max - tp->snd_una,
				    tp->rto.sampled ? tp->rto.srtt_us : 0,
				    cnet_tcp_rate64(max));
	WRITE_ONCE(sk->sk_pacing_rate, min_t(u64, rate, max));
}

/*
 * Does the stack pace @sk itself? Only when it asked for pacing and no
 * fq qdisc took it on (sch_fq stores SK_PACING_FQ with release
 * semantics): Linux's tcp_needs_internal_pacing().
 */
static bool tcp_needs_internal_pacing(const struct sock *sk)
{
	/* pairs with sch_fq's smp_store_release() of SK_PACING_FQ */
	return smp_load_acquire(&sk->sk_pacing_status) == SK_PACING_NEEDED;
}

/*
 * Must the next packet wait for its departure time? Then the pacing
 * timer is armed for it (with a reference on the socket, which the
 * timer's handler drops) and nothing goes now: Linux's
 * tcp_pacing_check().
 */
static bool tcp_pacing_check(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tcp_needs_internal_pacing(sk) ||
	    !cnet_tcp_pacing_wait(tp->wstamp_ns, ktime_get_ns()))
		return false;
	if (!hrtimer_is_queued(&tp->pacing_timer)) {
		sock_hold(sk);
		hrtimer_start(&tp->pacing_timer, ns_to_ktime(tp->wstamp_ns),
			      HRTIMER_MODE_ABS_PINNED_SOFT);
	}
	return true;
}

/* How many segments of @mss one GSO packet carries now (tcp_pacing.h) */
static u32 tcp_tso_segs(struct sock *sk, u32 mss)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	/* RACK's minimum RTT stands in for Linux's windowed tcp_min_rtt() */
	return cnet_tcp_pacing_tso_segs(tcp_pacing_rate(sk),
					READ_ONCE(sk->sk_pacing_shift), mss,
					tp->gso_max_size,
					tp->rack.min_rtt_us ?: U32_MAX,
					tp->gso_max_segs);
}

/* Send a clone of the queued segment @skb. */
static int tcp_transmit_queued(struct sock *sk, struct sk_buff *skb)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb = CNET_TCP_SKB_CB(skb);
	struct sk_buff *c;
	u8 flags = cb->flags;
	u64 prior;
	int err;

	/* a clone still in flight shares the header room: copy then */
	c = skb_cloned(skb) ? pskb_copy(skb, GFP_ATOMIC) :
			      skb_clone(skb, GFP_ATOMIC);
	if (!c) {
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_MEM_DROP_NOMEM);
		return -ENOBUFS;
	}
	if (skb->len && skb_queue_is_last(&sk->sk_write_queue, skb))
		flags |= CNET_TCPF_PSH;
	cb->sent_us = cnet_tcp_clock_us();
	if (tcp_skb_data(cb))
		tp->lsndtime_us = cb->sent_us;
	/* pacing: it leaves now, or at its departure time if that is later */
	prior = tp->wstamp_ns;
	tp->wstamp_ns = cnet_tcp_pacing_start(prior, ktime_get_ns());
	err = tcp_transmit(sk, c, cb->seq, flags);
	if (!net_xmit_eval(err) &&
	    READ_ONCE(sk->sk_pacing_status) != SK_PACING_NONE)
		tp->wstamp_ns = cnet_tcp_pacing_advance(tp->wstamp_ns, prior,
							tcp_skb_data(cb),
							tcp_pacing_rate(sk),
							tp->data_segs_out);
	return err;
}

/* A new, empty segment for the write queue, charged to the socket. */
static struct sk_buff *tcp_alloc_seg(struct sock *sk, unsigned int size,
				     gfp_t gfp)
{
	struct sk_buff *skb;

	skb = alloc_skb(CNET_TCP_MAX_HEADER + size, gfp);
	if (!skb)
		return NULL;
	skb_reserve(skb, CNET_TCP_MAX_HEADER);
	memset(skb->cb, 0, sizeof(skb->cb));
	/* summed when it leaves, not while the user's bytes are copied in */
	skb->ip_summed = CHECKSUM_PARTIAL;
	cnet_tcp_wmem_queued_add(sk, skb->truesize);
	return skb;
}

/**
 * cnet_tcp_alloc_seg - a new, empty segment for the write queue
 * @sk: the connection, locked
 * @gfp: allocation flags
 *
 * Room for the headers, none for data: sendmsg() puts the data in page
 * fragments. Charged to the socket's send buffer (sk_wmem_queued).
 *
 * Return: the skb, or NULL.
 */
struct sk_buff *cnet_tcp_alloc_seg(struct sock *sk, gfp_t gfp)
{
	return tcp_alloc_seg(sk, 0, gfp);
}

/**
 * cnet_tcp_size_goal - how many bytes the tail skb of sendmsg() may carry
 * @sk: the connection, locked
 *
 * Return: a multiple of the MSS, at least one (tcp_gso.c).
 */
u32 cnet_tcp_size_goal(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	return cnet_tcp_size_goal_of(cnet_tcp_send_mss(tp), tp->gso_max_size,
				     tp->gso_max_segs, tp->max_window);
}

/* Unshare @skb's head and fragment array from a clone in flight. */
static int tcp_unclone(struct sk_buff *skb, gfp_t gfp)
{
	unsigned int truesize = skb->truesize;
	int err;

	/* the charge stays what was added (pskb_expand_head() changes it) */
	err = skb_unclone(skb, gfp);
	skb->truesize = truesize;
	return err;
}

/*
 * Cut the queued @skb after its first @len bytes of data, as Linux's
 * tcp_fragment(): the rest, and the FIN and PSH, go to a new skb queued
 * right after it, their page fragments moved, not copied. Return: 0 or
 * -ENOMEM (@skb unchanged).
 */
static int tcp_split(struct sock *sk, struct sk_buff *skb, u32 len)
{
	struct cnet_tcp_skb_cb *cb = CNET_TCP_SKB_CB(skb), *ncb;
	struct sk_buff *buff;
	u32 nlen = skb->len - len;

	if (WARN_ON_ONCE(!len || len >= skb->len))
		return -EINVAL;
	if (tcp_unclone(skb, GFP_ATOMIC))
		goto nomem;
	buff = tcp_alloc_seg(sk, 0, GFP_ATOMIC);
	if (!buff)
		goto nomem;
	skb_split(skb, buff, len);
	/* the bytes' share of the charge moves with them */
	buff->truesize += nlen;
	skb->truesize -= nlen;

	ncb = CNET_TCP_SKB_CB(buff);
	ncb->seq = cb->seq + len;
	ncb->end_seq = cb->end_seq;
	ncb->flags = cb->flags & (CNET_TCPF_FIN | CNET_TCPF_PSH);
	ncb->retrans = cb->retrans;
	ncb->sent_us = cb->sent_us;
	cb->end_seq = ncb->seq;
	cb->flags &= ~(CNET_TCPF_FIN | CNET_TCPF_PSH);
	__skb_queue_after(&sk->sk_write_queue, skb, buff);
	return 0;
nomem:
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_MEM_DROP_NOMEM);
	return -ENOMEM;
}

/*
 * An ACK covers the first @len bytes of the queued @skb, not all of it:
 * they go, so that a retransmission carries only what is missing, as
 * Linux's tcp_trim_head(). Whole page fragments are dropped, the first
 * kept one starts later; no byte is touched. Out of memory to unshare
 * it, the skb stays whole (the peer trims what it has).
 */
static void tcp_trim_head(struct sock *sk, struct sk_buff *skb, u32 len)
{
	struct skb_shared_info *shi;
	u32 size[MAX_SKB_FRAGS];
	u32 eat, cut, frag_len;
	unsigned int i, k, first;

	if (tcp_unclone(skb, GFP_ATOMIC))
		return;
	shi = skb_shinfo(skb);
	eat = min(len, skb_headlen(skb));
	__skb_pull(skb, eat);
	frag_len = len - eat;
	for (i = 0; i < shi->nr_frags; i++)
		size[i] = skb_frag_size(&shi->frags[i]);
	first = cnet_tcp_trim_at(size, shi->nr_frags, frag_len, &cut);
	for (i = 0; i < first; i++)
		skb_frag_unref(skb, i);
	for (k = 0, i = first; i < shi->nr_frags; i++, k++)
		shi->frags[k] = shi->frags[i];
	shi->nr_frags = k;
	if (k) {
		skb_frag_off_add(&shi->frags[0], cut);
		skb_frag_size_sub(&shi->frags[0], cut);
	}
	skb->data_len -= frag_len;
	skb->len -= frag_len;
	skb->truesize -= len;
	cnet_tcp_wmem_queued_add(sk, -(int)len);
	CNET_TCP_SKB_CB(skb)->seq += len;
}

/* Queue @skb at the tail; it is the next to send if nothing waits. */
void cnet_tcp_queue_tail(struct sock *sk, struct sk_buff *skb)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	__skb_queue_tail(&sk->sk_write_queue, skb);
	if (!tp->send_head)
		tp->send_head = skb;
}

/**
 * cnet_tcp_connect_send - queue and send our SYN (connect())
 * @sk: the connection, SYN-SENT, @iss set
 *
 * Return: 0 or -ENOBUFS.
 */
int cnet_tcp_connect_send(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb;

	skb = tcp_alloc_seg(sk, 0, sk->sk_allocation);
	if (!skb)
		return -ENOBUFS;
	CNET_TCP_SKB_CB(skb)->seq = tp->iss;
	CNET_TCP_SKB_CB(skb)->end_seq = tp->iss + 1;
	/* ECE and CWR with tcp_ecn 1: the SYN-ACK says if ECN is used */
	CNET_TCP_SKB_CB(skb)->flags = CNET_TCPF_SYN |
		cnet_tcp_ecn_syn_flags(READ_ONCE(cnet_pernet(sock_net(sk))->tcp_ecn));
	tp->ecn = (struct cnet_tcp_ecn){
		.ok = CNET_TCP_SKB_CB(skb)->flags & CNET_TCPF_ECE,
	};
	tp->snd_una = tp->iss;
	tp->snd_nxt = tp->iss;
	tp->snd_max = tp->iss;
	tp->write_seq = tp->iss + 1;
	cnet_tcp_queue_tail(sk, skb);
	cnet_tcp_push(sk, 1);
	return 0;
}

/* Bytes the peer's window takes from @seq on */
static u32 tcp_wnd_room(const struct cnet_tcp_sock *tp, u32 seq)
{
	u32 edge = tp->snd_una + tp->snd_wnd;

	return cnet_seq_after(edge, seq) ? edge - seq : 0;
}

/*
 * Bytes the congestion window takes more; one MSS at least when idle. In
 * a SACK recovery what is in flight is RFC 6675's pipe, not FlightSize.
 */
static u32 tcp_cwnd_room(const struct cnet_tcp_sock *tp)
{
	u32 flight = tp->snd_nxt - tp->snd_una;
	u32 cwnd = cnet_tcp_cc_send_window(&tp->cc);

	if (tp->sack_ok && tp->cc.in_recovery) {
		flight = cnet_tcp_sack_pipe(&tp->sack, tp->snd_una,
					    tp->snd_max, tp->mss);
		return cwnd > flight ? cwnd - flight : 0;
	}

	if (flight == 0)
		return max(cwnd, (u32)tp->mss);
	return cwnd > flight ? cwnd - flight : 0;
}

/* The MTU of a segment of @mss bytes of data (with its timestamp option) */
static u32 tcp_mss_to_mtu(const struct cnet_tcp_sock *tp, u32 mss)
{
	return mss + CNET_TCP_MTUP_HDRS + (tp->ts_ok ? CNET_TCP_TS_OPT_SPACE : 0);
}

/* The data a segment of @mtu carries, no more than the peer takes */
static u16 tcp_mtu_to_mss(const struct cnet_tcp_sock *tp, u32 mtu)
{
	u16 mss = max_t(u16, cnet_tcp_mss_for_mtu(mtu), CNET_TCP_MIN_SND_MSS);

	return cnet_tcp_ts_mss(min(mss, tp->mss_clamp), tp->ts_ok);
}

/*
 * Send the next MTU probe from @skb, new data at @snd_max, if one is due
 * (tcp_mtu.h, as Linux's tcp_mtu_probe()): @skb is cut to the probe's
 * size and goes whole (tcp_seg_mss()). Only outside recovery, with the
 * windows open for the probe and for two segments more, and data queued
 * after it, whose ACKs tell the probe's loss by SACK or duplicate ACKs.
 *
 * Return: true if @skb is now the probe, to send.
 */
static bool tcp_mtu_probe(struct sock *sk, struct sk_buff *skb, u32 data)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb = CNET_TCP_SKB_CB(skb);
	u32 mtu, mss, need;

	if (!tp->mtup.enabled || tp->mtup.probe_size ||
	    cb->seq != tp->snd_max || tp->cc.in_recovery || tp->cc.in_loss)
		return false;
	mtu = cnet_tcp_mtup_next_probe(&tp->mtup,
				       min_t(u32, tp->pmtu,
					     tp->mss_clamp + CNET_TCP_MTUP_HDRS),
				       tcp_mss_to_mtu(tp, tp->mss), jiffies);
	if (!mtu)
		return false;
	mss = cnet_tcp_ts_mss(cnet_tcp_mss_for_mtu(mtu), tp->ts_ok);
	need = mss + 2 * tp->mss;
	if (mss <= tp->mss || data <= mss || tp->write_seq - cb->seq < need ||
	    tcp_wnd_room(tp, cb->seq) < need || tcp_cwnd_room(tp) < need)
		return false;
	if (tcp_split(sk, skb, mss))
		return false;
	cnet_tcp_mtup_probe_sent(&tp->mtup, mtu, cb->seq, cb->seq + mss);
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_MTU_PROBE_SENT);
	return true;
}

/* @skb, the send head, went: account for it and move the head on. */
static void tcp_head_sent(struct sock *sk, struct sk_buff *skb)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb = CNET_TCP_SKB_CB(skb);

	if (cnet_seq_before(cb->seq, tp->snd_max)) {
		/* sent again after a timeout */
		cb->retrans++;
		tp->total_retrans++;
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RETRANS);
	}
	if (cb->flags & CNET_TCPF_FIN)
		tp->fin_sent = true;
	tp->snd_nxt = cb->end_seq;
	tp->snd_max = cnet_seq_max(tp->snd_max, tp->snd_nxt);
	tp->send_head = skb_queue_is_last(&sk->sk_write_queue, skb) ?
			NULL : skb_queue_next(&sk->sk_write_queue, skb);
}

/* New data is in flight: the timers that watch it. */
static void tcp_flight_timers(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	cnet_tcp_timer_clear(sk, CNET_TCP_EV_PROBE);
	if (!tp->when[CNET_TCP_EV_RETRANS])
		cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS, cnet_tcp_rto(tp));
	if (cnet_tcp_rack_on(tp))
		cnet_tcp_tlp_schedule(sk);
}

/*
 * No memory to send the head now (a clone or a split failed). With
 * nothing in flight no ACK will push it again: the probe timer tries (as
 * Linux's tcp_check_probe_timer()), or data, a FIN or a SYN held back
 * would never go.
 */
static void tcp_nomem_wait(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (tp->snd_una == tp->snd_max && !tp->when[CNET_TCP_EV_PROBE])
		cnet_tcp_timer_set(sk, CNET_TCP_EV_PROBE, cnet_tcp_rto(tp));
}

/**
 * cnet_tcp_push - send what the windows allow
 * @sk: the connection
 * @nonagle: send a short segment even with data in flight (TCP_NODELAY,
 *	the end of a sendmsg() without MSG_MORE...); Nagle otherwise
 *
 * Each skb goes whole when it fits the peer's window and the congestion
 * window, else as many whole segments of it as fit, the rest cut off to
 * wait (tcp_gso.c); a FIN alone goes even at the window's edge. Nagle
 * (RFC 896) holds back a short one, or the short tail of a large one,
 * while data is unacknowledged. Segments are of the MSS, or of half a
 * small window (cnet_tcp_send_mss()). A window that takes no segment, with
 * nothing in flight, starts the probe timer (cnet_tcp_write_wakeup()).
 */
void cnet_tcp_push(struct sock *sk, int nonagle)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb;
	struct sk_buff *skb;
	bool sent = false, nagle;
	u32 data, n, mss, tso_segs;

	cnet_tcp_mtu_check(sk);
	mss = cnet_tcp_send_mss(tp);
	tso_segs = tcp_tso_segs(sk, mss);
	while ((skb = tp->send_head)) {
		cb = CNET_TCP_SKB_CB(skb);
		data = tcp_skb_data(cb);
		if (!(cb->flags & CNET_TCPF_SYN) && tcp_pacing_check(sk))
			break;	/* the pacing timer sends it */
		if (!(cb->flags & CNET_TCPF_SYN) && !data &&
		    tp->snd_nxt - tp->snd_una >
		    cnet_tcp_cc_send_window(&tp->cc))
			break;	/* a FIN alone waits for the congestion window */
		if (!(cb->flags & CNET_TCPF_SYN) && data) {
			if (tp->snd_una == tp->snd_max && cb->seq == tp->snd_max)
				tcp_tx_start(sk);
			if (tcp_mtu_probe(sk, skb, data))
				goto send;
			if (!cnet_tcp_send_len(data, mss,
					       tcp_wnd_room(tp, cb->seq),
					       tp->gso_max_segs)) {
				/* a probe already due keeps its backoff */
				if (tp->snd_una == tp->snd_max &&
				    !tp->when[CNET_TCP_EV_PROBE])
					cnet_tcp_timer_set(sk, CNET_TCP_EV_PROBE,
							   cnet_tcp_rto(tp));
				break;
			}
			n = cnet_tcp_send_len(data, mss,
					      min(tcp_wnd_room(tp, cb->seq),
						  tcp_cwnd_room(tp)),
					      tso_segs);
			if (!n)
				break;
			nagle = !nonagle && !tp->nodelay &&
				!(cb->flags & CNET_TCPF_FIN) &&
				skb_queue_is_last(&sk->sk_write_queue, skb);
			if (n == data && nagle && data < mss &&
			    (tp->cork || tp->snd_nxt != tp->snd_una))
				break;
			/*
			 * Nagle on the short tail of a large skb: its whole
			 * segments go, the tail waits (it will have data in
			 * flight ahead of it), as tcp_mss_split_point().
			 */
			if (n == data && nagle && data > mss && data % mss)
				n = data - data % mss;
			if (n < data && tcp_split(sk, skb, n)) {
				tcp_nomem_wait(sk);
				break;
			}
		}
send:
		if (tcp_transmit_queued(sk, skb)) {
			if (tp->mtup.probe_size && cb->seq == tp->mtup.probe_seq)
				tp->mtup.probe_size = 0;	/* it did not go */
			tcp_nomem_wait(sk);
			break;
		}
		tcp_head_sent(sk, skb);
		sent = true;
	}
	if (sent)
		tcp_flight_timers(sk);
}

/**
 * cnet_tcp_write_wakeup - the probe timer, data waiting and nothing in
 *	flight: send what the peer's window takes of it, else probe
 * @sk: the connection, locked
 *
 * A window that opened less than a segment (cnet_tcp_push() sends whole
 * ones) takes a segment cut to it, of at most an MSS; a zero window, or
 * one the congestion window or the device holds back, gets a zero-window
 * probe: an old sequence number that draws an ACK with the window. As
 * Linux's tcp_write_wakeup(). A SYN or a FIN alone that a failed
 * allocation held back (cnet_tcp_push()) goes as it is.
 *
 * Return: true when data went (the retransmission timer watches it).
 */
bool cnet_tcp_write_wakeup(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb = tp->send_head;
	struct cnet_tcp_skb_cb *cb;
	u32 data, n;

	if (!skb)
		goto probe;
	cb = CNET_TCP_SKB_CB(skb);
	data = tcp_skb_data(cb);
	if (data) {
		n = min3(data, tcp_wnd_room(tp, cb->seq),
			 cnet_tcp_send_mss(tp));
		if (!n || (cb->flags & CNET_TCPF_SYN))
			goto probe;
		if (n < data && tcp_split(sk, skb, n))
			goto probe;
	}
	if (tcp_transmit_queued(sk, skb)) {
		if (data)
			goto probe;
		return false;	/* still no memory: the timer tries again */
	}
	tcp_head_sent(sk, skb);
	tcp_flight_timers(sk);
	return true;
probe:
	cnet_tcp_send_probe(sk);
	return false;
}

/* The path MTU the route to the peer gives now (and what ICMP taught) */
static u32 tcp_path_mtu(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_rt_res res;
	u32 mtu = 0;

	rcu_read_lock();
	if (!cnet_ip_route_flow(cn, &tp->fl, NULL, &res))
		mtu = cnet_route_path_mtu(cn, &res, tp->fl.daddr);
	rcu_read_unlock();
	return mtu;
}

/**
 * cnet_tcp_mtu_check - follow the path MTU, down and up again
 * @sk: the connection, locked
 *
 * cnet_tcp_err() leaves the path's new MTU in @mtu_info (it may not own
 * the socket). A smaller MSS follows (as Linux's tcp_sync_mss()); what
 * is in flight was cut for the old one and a router dropped it: it is
 * all sent again, re-cut to the new MSS, without a congestion signal
 * (as Linux's tcp_simple_retransmit()).
 *
 * While the MSS is below what the peer takes, or probing runs, each push
 * asks the route again: when the path MTU learned has expired (pmtu.c,
 * ten minutes) the MSS grows back, up to the peer's MSS, unless a probe
 * is in flight; probing (tcp_mtu.h) bounds it by the MTU known to work.
 */
void cnet_tcp_mtu_check(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 info = xchg(&tp->mtu_info, 0), path;
	u16 mss;

	if (sk->sk_state == TCP_SYN_SENT || !tp->mss_clamp)
		return;
	if (!info && !tp->mtup.enabled &&
	    tp->mss >= cnet_tcp_ts_mss(tp->mss_clamp, tp->ts_ok))
		return;
	path = tcp_path_mtu(sk);
	if (!path)
		return;
	if (info)
		path = min(path, info);
	WRITE_ONCE(tp->pmtu, path);
	mss = tcp_mtu_to_mss(tp, cnet_tcp_mtup_sync(&tp->mtup, path));
	if (mss == tp->mss)
		return;
	if (mss > tp->mss) {
		if (tp->mtup.probe_size)
			return;
		WRITE_ONCE(tp->mss, mss);
		cnet_tcp_cc_set_mss(&tp->cc, mss);
		cnet_inc(cn, CNET_STAT_TCP_PMTU_MSS_RAISED);
		return;
	}
	WRITE_ONCE(tp->mss, mss);
	cnet_tcp_cc_set_mss(&tp->cc, mss);
	if (info)
		cnet_inc(cn, CNET_STAT_TCP_PMTU_MSS);
	if (tp->snd_una != tp->snd_max)
		cnet_tcp_rewind(sk);
}

/**
 * cnet_tcp_mtu_init - the path MTU state of a connection just established
 * @sk: the connection, its @mss set from the handshake
 * @peer_mss: the peer's MSS option, 0 if it sent none
 */
void cnet_tcp_mtu_init(struct sock *sk, u16 peer_mss)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 path;
	u16 mss;

	tp->mss_clamp = cnet_tcp_mss_clamp(U16_MAX - CNET_TCP_MTUP_HDRS,
					   peer_mss, tp->user_mss);
	path = tcp_path_mtu(sk) ?: tcp_mss_to_mtu(tp, tp->mss);
	WRITE_ONCE(tp->pmtu, path);
	cnet_tcp_mtup_init(&tp->mtup, READ_ONCE(cn->tcp_mtu_probing),
			   READ_ONCE(cn->tcp_base_mss),
			   min_t(u32, path,
				 tp->mss_clamp + CNET_TCP_MTUP_HDRS), jiffies);
	/*
	 * The MSS fits the path MTU as it is now (one may have been learned
	 * during the handshake); with tcp_mtu_probing 2, tcp_base_mss's too
	 */
	mss = tcp_mtu_to_mss(tp, cnet_tcp_mtup_sync(&tp->mtup, path));
	WRITE_ONCE(tp->mss, min(tp->mss, mss));
}

/**
 * cnet_tcp_mtu_on_rto - the retransmission timer expired
 * @sk: the connection
 * @timeouts: expiries before this one without progress
 *
 * A probe in flight was lost. Repeated expiries may be a black hole that
 * eats the large segments (ICMP filtered): with tcp_mtu_probing, the MSS
 * falls to tcp_base_mss, then halves (tcp_mtu.h); the rewind that follows
 * sends everything again cut to it (cnet_tcp_mtu_check()).
 */
void cnet_tcp_mtu_on_rto(struct sock *sk, u32 timeouts)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (tp->mtup.probe_size) {
		cnet_tcp_mtup_on_probe_lost(&tp->mtup);
		cnet_inc(cn, CNET_STAT_TCP_MTU_PROBE_FAIL);
	}
	if (!tp->mss_clamp ||
	    (1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV))
		return;
	if (cnet_tcp_mtup_on_rto(&tp->mtup, READ_ONCE(cn->tcp_mtu_probing),
				 READ_ONCE(cn->tcp_base_mss), timeouts,
				 jiffies) == CNET_TCP_MTUP_RTO_BLACKHOLE)
		cnet_inc(cn, CNET_STAT_TCP_MTU_BLACKHOLE);
}

/**
 * cnet_tcp_mtu_on_ack - an ACK was processed: what became of the probe
 * @sk: the connection
 *
 * All of it acknowledged: its MTU gets through, the MSS grows to it at
 * the next push. In a recovery with the probe the first hole: it was
 * lost, and is sent again cut to the MSS in use (as Linux's
 * tcp_mtup_probe_failed()).
 */
void cnet_tcp_mtu_on_ack(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	if (!tp->mtup.probe_size)
		return;
	if (!cnet_seq_before(tp->snd_una, tp->mtup.probe_end)) {
		cnet_tcp_mtup_on_probe_acked(&tp->mtup);
		cnet_inc(cn, CNET_STAT_TCP_MTU_PROBE_OK);
	} else if ((tp->cc.in_recovery || tp->cc.in_loss) &&
		   !cnet_seq_before(tp->snd_una, tp->mtup.probe_seq)) {
		cnet_tcp_mtup_on_probe_lost(&tp->mtup);
		cnet_inc(cn, CNET_STAT_TCP_MTU_PROBE_FAIL);
	}
}

/**
 * cnet_tcp_rewind - send everything unacknowledged again (after a timeout)
 * @sk: the connection
 *
 * Go-back-N: the next segment to send is the oldest unacknowledged one;
 * cnet_tcp_push() sends them again as the congestion window allows.
 */
void cnet_tcp_rewind(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);

	if (!skb)
		return;
	tp->send_head = skb;
	tp->snd_nxt = CNET_TCP_SKB_CB(skb)->seq;
}

/**
 * cnet_tcp_retransmit_head - send the oldest unacknowledged segment again
 * @sk: the connection
 *
 * Only its first MSS: a larger skb is cut there first. After a timeout
 * (go-back-N), a head sent again since the rewind is not sent a third
 * time: cnet_tcp_push() goes on from @snd_nxt, and everything before it
 * went out after the rewind.
 */
void cnet_tcp_retransmit_head(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb = skb_peek(&sk->sk_write_queue);
	struct cnet_tcp_skb_cb *cb;
	u32 data;

	if (!skb || skb == tp->send_head)
		return;
	cb = CNET_TCP_SKB_CB(skb);
	if (tp->cc.in_loss && cnet_seq_before(cb->seq, tp->snd_nxt) &&
	    !(cb->flags & CNET_TCPF_SYN))
		return;
	data = tcp_skb_data(cb);
	if (!(cb->flags & CNET_TCPF_SYN) && data > tp->mss &&
	    tcp_split(sk, skb, tp->mss))
		return;
	if (tcp_transmit_queued(sk, skb))
		return;
	cb->retrans++;
	tp->total_retrans++;
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RETRANS);
}

/*
 * Send [@s, *@e) of what was sent already again, cut out of its queued
 * skb (at most one MSS, NextSeg()'s range); *@e becomes the end of what
 * went, when the skb ended before; @sack: for SACK recovery (counted so).
 * Return: 0, also when there is nothing to send there; -ENOMEM when it
 * could not go.
 */
static int tcp_retransmit_range(struct sock *sk, u32 s, u32 *e, bool sack)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb, *found = NULL;
	struct cnet_tcp_skb_cb *cb;
	u32 off;

	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tp->send_head)
			break;		/* not sent yet */
		if (cnet_seq_after(CNET_TCP_SKB_CB(skb)->end_seq, s)) {
			found = skb;
			break;
		}
	}
	if (!found)
		return 0;
	skb = found;
	cb = CNET_TCP_SKB_CB(skb);
	if (cb->flags & CNET_TCPF_SYN)
		return 0;
	off = cnet_seq_after(s, cb->seq) ? s - cb->seq : 0;
	if (off >= skb->len)
		return 0;	/* only its FIN is left there */
	if (off) {
		if (tcp_split(sk, skb, off))
			return -ENOMEM;
		skb = skb_queue_next(&sk->sk_write_queue, skb);
		cb = CNET_TCP_SKB_CB(skb);
	}
	if (skb->len > *e - cb->seq && tcp_split(sk, skb, *e - cb->seq))
		return -ENOMEM;
	if (tcp_transmit_queued(sk, skb))
		return -ENOMEM;
	if (cnet_seq_before(cb->seq + skb->len, *e))
		*e = cb->seq + skb->len;
	cb->retrans++;
	tp->total_retrans++;
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RETRANS);
	if (sack)
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_SACK_RETRANS);
	if (cb->seq == tp->snd_una)
		cnet_tcp_timer_set(sk, CNET_TCP_EV_RETRANS, cnet_tcp_rto(tp));
	return 0;
}

/*
 * Must a retransmission wait for its departure time (tcp_pacing_check())?
 * Counted: it goes when the pacing timer fires.
 */
static bool tcp_pacing_retrans_wait(struct sock *sk)
{
	if (!tcp_pacing_check(sk))
		return false;
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_PACING_RETRANS_WAIT);
	return true;
}

/*
 * RACK found retransmissions of this recovery lost (cnet_tcp_rack_rxt_check()):
 * each goes once more, lowest first, before any new hole, while the pipe
 * has room. The pipe still counts a lost one as in flight, so sending it
 * again leaves the real pipe as estimated: room is pipe <= cwnd. Its send
 * time is new then, and the next ACK does not find it lost again.
 */
static void tcp_rack_resend_lost(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u64 now = cnet_tcp_clock_us();
	u32 reo = cnet_tcp_rack_reo_now(tp), s, e, wait;
	struct sk_buff *skb;

	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tp->send_head ||
		    !cnet_seq_before(CNET_TCP_SKB_CB(skb)->seq,
				     tp->sack.high_rxt))
			break;
		if (cnet_tcp_rack_rxt_check(sk, skb, reo, now, &e, &wait) !=
		    CNET_TCP_RACK_LOST)
			continue;
		if (cnet_tcp_sack_pipe(&tp->sack, tp->snd_una, tp->snd_max,
				       tp->mss) > tp->cc.cwnd ||
		    tcp_pacing_retrans_wait(sk))
			break;
		s = cnet_seq_max(CNET_TCP_SKB_CB(skb)->seq, tp->snd_una);
		if (tcp_retransmit_range(sk, s, &e, true))
			break;
		cnet_tcp_sack_retransmitted(&tp->sack, e);
		cnet_inc(cnet_pernet(sock_net(sk)),
			 CNET_STAT_TCP_LOST_RETRANSMIT);
	}
}

/**
 * cnet_tcp_sack_retransmit - send the lost holes again (RFC 6675 5 step 5)
 * @sk: the connection, in a SACK recovery
 * @first: recovery just began: the first hole goes whatever the pipe
 *
 * With RACK, retransmissions found lost go first (tcp_rack_resend_lost()).
 * Then NextSeg() after NextSeg() while cwnd - pipe is at least one SMSS; the
 * caller's cnet_tcp_push() then sends new data in what room is left.
 * Paced internally, each waits for its departure time (the pacing timer
 * goes on with them: tcp_timer.c), as Linux's tcp_xmit_retransmit_queue();
 * only the first of a recovery goes at once, as it goes whatever the pipe,
 * and moves the departure time on like any packet.
 * A recovery that DupThresh duplicate ACKs began without a hole IsLost()
 * marks (their blocks were too small) sends the first unacknowledged
 * segment, as RFC 6675 5 step 4.2 does (NextSeg() rule 3).
 */
void cnet_tcp_sack_retransmit(struct sock *sk, bool first)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u32 s, e, pipe;

	if (!first && cnet_tcp_rack_on(tp) && tp->sack.rxt_set)
		tcp_rack_resend_lost(sk);
	if (first && !cnet_tcp_sack_next_seg(&tp->sack, tp->snd_una, tp->mss,
					     &s, &e) &&
	    !cnet_tcp_sack_is_sacked(&tp->sack, tp->snd_una)) {
		e = tp->snd_una + tp->mss;
		if (tp->sack.nr && cnet_seq_before(tp->sack.r[0].start, e))
			e = tp->sack.r[0].start;
		if (!tcp_retransmit_range(sk, tp->snd_una, &e, true))
			cnet_tcp_sack_retransmitted(&tp->sack, e);
		return;
	}
	while (cnet_tcp_sack_next_seg(&tp->sack, tp->snd_una, tp->mss, &s,
				      &e)) {
		pipe = cnet_tcp_sack_pipe(&tp->sack, tp->snd_una, tp->snd_max,
					  tp->mss);
		if (!first && (pipe + tp->mss > tp->cc.cwnd ||
			       tcp_pacing_retrans_wait(sk)))
			break;
		first = false;
		if (tcp_retransmit_range(sk, s, &e, true))
			break;
		cnet_tcp_sack_retransmitted(&tp->sack, e);
	}
}

/**
 * cnet_tcp_tlp_retransmit - a tail loss probe: the highest segment again
 * @sk: the connection, with data in flight
 *
 * RFC 8985 7.3: its last SMSS of data (with its FIN, if it has one), or
 * the FIN alone.
 *
 * Return: whether it went.
 */
bool cnet_tcp_tlp_retransmit(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb;
	u32 data, s, e, before = tp->total_retrans;
	struct sk_buff *skb;

	if (tp->send_head)
		skb = skb_queue_is_first(&sk->sk_write_queue, tp->send_head) ?
		      NULL : skb_queue_prev(&sk->sk_write_queue, tp->send_head);
	else
		skb = skb_peek_tail(&sk->sk_write_queue);
	if (!skb)
		return false;
	cb = CNET_TCP_SKB_CB(skb);
	if (cb->flags & CNET_TCPF_SYN)
		return false;
	data = tcp_skb_data(cb);
	if (!data) {
		if (tcp_transmit_queued(sk, skb))
			return false;
		cb->retrans++;
		tp->total_retrans++;
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RETRANS);
		return true;
	}
	s = cb->seq + data - min_t(u32, data, tp->mss);
	e = cb->seq + data;
	return !tcp_retransmit_range(sk, s, &e, false) &&
	       tp->total_retrans != before;
}

/**
 * cnet_tcp_clean_acked - free what @ack covers
 * @sk: the connection
 * @ack: the new SND.UNA
 *
 * A segment acknowledged in full goes; one acknowledged in part loses
 * the bytes acknowledged (tcp_trim_head()). An RTT sample is taken from
 * the newest segment freed that was sent once (Karn's rule). After a
 * rewind the ACK may cover segments not sent again yet: they go too,
 * and sending resumes after them.
 *
 * Return: the RTT sample in µs, 0 for none.
 */
u32 cnet_tcp_clean_acked(struct sock *sk, u32 ack)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_skb_cb *cb;
	struct sk_buff *skb;
	u64 sample = 0, now;

	while ((skb = skb_peek(&sk->sk_write_queue))) {
		cb = CNET_TCP_SKB_CB(skb);
		if (cnet_seq_after(cb->end_seq, ack))
			break;
		if (!cb->retrans && cb->sent_us)
			sample = cb->sent_us;
		if (cnet_tcp_rack_on(tp))
			cnet_tcp_rack_acked(sk, cb, cb->end_seq);
		if (skb == tp->send_head)
			tp->send_head = skb_queue_is_last(&sk->sk_write_queue, skb) ?
					NULL : skb_queue_next(&sk->sk_write_queue, skb);
		__skb_unlink(skb, &sk->sk_write_queue);
		cnet_tcp_wmem_queued_add(sk, -skb->truesize);
		consume_skb(skb);
	}
	if (skb && cnet_seq_after(ack, cb->seq) &&
	    !(cb->flags & CNET_TCPF_SYN)) {
		if (cnet_tcp_rack_on(tp))
			cnet_tcp_rack_acked(sk, cb, ack);
		tcp_trim_head(sk, skb, ack - cb->seq);
	}
	if (cnet_seq_after(ack, tp->snd_nxt))
		tp->snd_nxt = ack;
	if (!sample)
		return 0;
	now = cnet_tcp_clock_us();
	return clamp_t(u64, now - sample, 1, CNET_TCP_RTO_MAX_US);
}

/* Forget everything queued (the connection is over). */
void cnet_tcp_purge_write_queue(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&sk->sk_write_queue))) {
		cnet_tcp_wmem_queued_add(sk, -skb->truesize);
		kfree_skb(skb);
	}
	cnet_tcp_sk(sk)->send_head = NULL;
}

/* An ACK-only (or RST) segment at @seq. */
static void tcp_send_ctl(struct sock *sk, u32 seq, u8 flags)
{
	struct sk_buff *skb;

	skb = alloc_skb(CNET_TCP_MAX_HEADER, GFP_ATOMIC);
	if (!skb) {
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_MEM_DROP_NOMEM);
		return;
	}
	skb_reserve(skb, CNET_TCP_MAX_HEADER);
	tcp_transmit(sk, skb, seq, flags);
}

/* Acknowledge now: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
void cnet_tcp_send_ack(struct sock *sk)
{
	tcp_send_ctl(sk, cnet_tcp_sk(sk)->snd_max, CNET_TCPF_ACK);
}

/* A zero-window probe: an old sequence number draws an ACK with the window. */
void cnet_tcp_send_probe(struct sock *sk)
{
	tcp_send_ctl(sk, cnet_tcp_sk(sk)->snd_una - 1, CNET_TCPF_ACK);
}

/* Abort: <SEQ=SND.NXT><CTL=RST,ACK> (close with unread data, linger 0) */
void cnet_tcp_send_active_reset(struct sock *sk)
{
	tcp_send_ctl(sk, cnet_tcp_sk(sk)->snd_max,
		     CNET_TCPF_RST | CNET_TCPF_ACK);
	cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_RST_TX);
}

/**
 * cnet_tcp_send_fin - queue our FIN after the data and send what may go
 * @sk: the connection
 *
 * It rides on the last segment not sent yet, or goes alone.
 */
void cnet_tcp_send_fin(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb = tp->send_head ? skb_peek_tail(&sk->sk_write_queue) :
					      NULL;

	if (!skb) {
		skb = tcp_alloc_seg(sk, 0, GFP_ATOMIC | __GFP_NOFAIL);
		CNET_TCP_SKB_CB(skb)->seq = tp->write_seq;
		CNET_TCP_SKB_CB(skb)->end_seq = tp->write_seq;
		cnet_tcp_queue_tail(sk, skb);
	}
	CNET_TCP_SKB_CB(skb)->flags |= CNET_TCPF_FIN;
	CNET_TCP_SKB_CB(skb)->end_seq++;
	tp->write_seq++;
	cnet_tcp_push(sk, 1);
}
