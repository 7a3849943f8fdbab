// SPDX-License-Identifier: GPL-2.0
/*
 * The passive side of TCP and a connection's afterlife (as Linux's
 * net/ipv4/tcp_minisocks.c with inet_connection_sock.c's listener part):
 * small structures where Linux would not keep a full socket. The
 * decisions are pure (tcp_mini.c); this is the glue.
 *
 * Listeners. listen() puts a socket in LISTEN; it stays in the TCP socket
 * table's addr table, where cnet_tcp_rcv() finds it for a segment that no
 * connection and no TIME-WAIT entry took, and gives it to
 * cnet_tcp_listen_rcv(). A SYN makes a request (struct cnet_tcp_req: the
 * 4-tuple, both ISNs and the options agreed, not a socket) in the
 * listener's SYN queue, if cnet_tcp_syn_admit() lets it in, and is
 * answered with a SYN-ACK; one timer per listener sends the SYN-ACKs again
 * (1 s doubling) and drops the requests that got no ACK after 5; it finds
 * the requests due without looking at the others (tcp_mini.h's
 * struct cnet_synq_timers). The ACK
 * of the SYN-ACK makes the connection (cnet_tcp_clone(),
 * cnet_tcp_conn_open()) and puts it on the accept queue, where accept()
 * takes it. Closing a listener resets the connections nobody accepted and
 * forgets the requests.
 *
 * SYN cookies (tcp_cookie.h). When the SYN queue is full (or for every
 * SYN, per the namespace's tcp_syncookies), the SYN-ACK's ISN is a cookie
 * and no request is kept; an ACK for which the listener has no request,
 * while it sent cookies in the last two minutes, is checked as one, and a
 * valid cookie makes the connection straight into the accept queue. The
 * cookie carries the peer's MSS (rounded down to a table entry); when
 * the SYN offered timestamps, the SYN-ACK's TSval carries its window
 * scale, SACK-permitted and ECN, and the ACK's echo brings them back.
 * Without timestamps the connection goes without them, as Linux's.
 *
 * TIME-WAIT. A connection entering TIME-WAIT (or an orphan's FIN-WAIT-2)
 * leaves a struct cnet_tcp_tw of about 100 bytes in the namespace's
 * table (by 4-tuple for input, by local port for bind conflicts) and the
 * full socket goes. Entries expire on a timer wheel: one timer per
 * namespace ticks through CNET_TW_SLOTS slots while there are entries.
 * While an entry lives, its port stays held: bind() to it is EADDRINUSE
 * unless both sides set SO_REUSEADDR (sock_table.c's rules, through the
 * table's "held" hook). Past tcp_max_tw_buckets entries a connection
 * closes without TIME-WAIT, counted.
 *
 * Stateless replies: the RST for a segment nobody wants (RFC 9293
 * 3.10.7.1; never for a RST; not rate limited, as Linux), the ACKs of
 * TIME-WAIT entries and requests.
 *
 * Timestamps (RFC 7323) are answered on a SYN-ACK when the SYN offers
 * them and the namespace's tcp_timestamps is on; the request keeps the
 * SYN's TSval to echo and passes it to the connection. A TIME-WAIT entry
 * keeps the connection's TS.Recent: its ACKs carry timestamps, PAWS
 * applies to what it receives, and a SYN with a newer timestamp may open
 * the 4-tuple again (RFC 6191). SACK-permitted is answered when the SYN
 * offered it and the namespace's tcp_sack allows it.
 */
#include <linux/ip.h>
#include <linux/jhash.h>
#include <linux/rhashtable.h>
#include <linux/sched/signal.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/sock.h>

#include "cnet.h"
#include "ip_hdr.h"
#include "tcp.h"
#include "tcp_cookie.h"
#include "tcp_hdr.h"
#include "tcp_mini.h"
#include "tcp_timeout.h"

/* ---- segments ---- */

/* The decisions' view of @skb (data at its TCP header, checked). */
static void mini_seg_of(const struct sk_buff *skb, struct cnet_tcp_seg *seg)
{
	const struct tcphdr *th = tcp_hdr(skb);
	u8 f = cnet_tcp_flags(th);

	*seg = (struct cnet_tcp_seg){
		.seq	 = ntohl(th->seq),
		.ack_seq = ntohl(th->ack_seq),
		.len	 = skb->len - cnet_tcp_hdr_len(th) +
			   !!(f & CNET_TCPF_SYN) + !!(f & CNET_TCPF_FIN),
		.syn	 = f & CNET_TCPF_SYN,
		.ack	 = f & CNET_TCPF_ACK,
		.fin	 = f & CNET_TCPF_FIN,
		.rst	 = f & CNET_TCPF_RST,
	};
}

/* The options of @skb's header. */
static void mini_opts_of(const struct sk_buff *skb, struct cnet_tcp_opts *o)
{
	const struct tcphdr *th = tcp_hdr(skb);

	cnet_tcp_opts_parse((const u8 *)(th + 1),
			    cnet_tcp_hdr_len(th) - sizeof(*th),
			    cnet_tcp_flags(th) & CNET_TCPF_SYN, o);
}

/**
 * struct mini_ctl - a segment without data sent on no socket's behalf
 * @saddr: source (ours)
 * @daddr: destination
 * @sport: source port
 * @dport: destination port
 * @seq: sequence number
 * @ack: acknowledgment number (with CNET_TCPF_ACK)
 * @flags: CNET_TCPF_*
 * @window: the window field
 * @opts: options, or NULL
 * @oif: the device to leave by, 0 for the route's
 * @tos: IP_TOS
 * @ttl: IP_TTL, 0 for the default
 */
struct mini_ctl {
	__be32				saddr;
	__be32				daddr;
	__be16				sport;
	__be16				dport;
	u32				seq;
	u32				ack;
	u8				flags;
	u16				window;
	const struct cnet_tcp_opts	*opts;
	int				oif;
	u8				tos;
	u8				ttl;
};

/* Build and send @c; any context. Counted as sent (tcp_tx). */
static void mini_xmit(struct cnet_net *cn, const struct mini_ctl *c)
{
	bool syn = c->flags & CNET_TCPF_SYN;
	unsigned int optlen = c->opts ? cnet_tcp_opts_len(c->opts, syn) : 0;
	unsigned int len = sizeof(struct tcphdr) + optlen;
	struct cnet_flow fl;
	struct sk_buff *skb;
	struct tcphdr *th;

	skb = alloc_skb(LL_MAX_HEADER + sizeof(struct iphdr) + len, GFP_ATOMIC);
	if (!skb) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		return;
	}
	skb_reserve(skb, LL_MAX_HEADER + sizeof(struct iphdr));
	th = skb_put(skb, len);
	skb_reset_transport_header(skb);
	cnet_tcp_hdr_build(th, c->sport, c->dport, c->seq, c->ack, c->flags,
			   c->window, optlen);
	if (optlen)
		cnet_tcp_opts_build((u8 *)(th + 1), c->opts, syn);
	th->check = csum_tcpudp_magic(c->saddr, c->daddr, len, IPPROTO_TCP,
				      csum_partial(th, len, 0));
	fl = (struct cnet_flow){
		.daddr		= c->daddr,
		.saddr		= c->saddr,
		.oif		= c->oif,
		.proto		= IPPROTO_TCP,
		.ttl		= c->ttl,
		.tos		= c->tos,
		.pmtudisc	= IP_PMTUDISC_WANT,
	};
	cnet_inc(cn, CNET_STAT_TCP_TX);
	cnet_ip_output_flow(cn, skb, &fl);
}

/**
 * cnet_tcp_send_reset - answer a segment no socket wants with a RST
 * @cn: the namespace
 * @skb: the segment, data at its TCP header, network header set; not
 *	consumed
 *
 * RFC 9293 3.10.7.1 (cnet_tcp_rst_reply()): never for a RST, nor for
 * what was not sent to one of our addresses. Not rate limited (Linux
 * does not limit them either); counted. Any context.
 */
void cnet_tcp_send_reset(struct cnet_net *cn, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_seg seg;
	struct cnet_tcp_rst r;
	bool local;

	mini_seg_of(skb, &seg);
	if (!cnet_tcp_rst_reply(&seg, &r))
		return;
	rcu_read_lock();
	local = cnet_ip_is_local(cn, iph->daddr);
	rcu_read_unlock();
	if (!local)
		return;
	mini_xmit(cn, &(struct mini_ctl){
		.saddr	= iph->daddr,
		.daddr	= iph->saddr,
		.sport	= th->dest,
		.dport	= th->source,
		.seq	= r.seq,
		.ack	= r.ack_seq,
		.flags	= CNET_TCPF_RST | (r.ack ? CNET_TCPF_ACK : 0),
	});
	cnet_inc(cn, CNET_STAT_TCP_RST_TX);
}

/* ---- TIME-WAIT ---- */

/**
 * struct cnet_tcp_tw - a connection in TIME-WAIT (or an orphan's
 *	FIN-WAIT-2), what is left of it
 * @node: in the table's @ht, by @key
 * @port_node: in the table's @ports, by @key.lport (bind conflicts)
 * @wheel_node: in the slot of its expiry
 * @dnode: in the namespace's tcp_tw_all, for `cnet sock show`
 * @key: local address and port, remote port and address
 * @snd_nxt: past our FIN
 * @rcv_nxt: past the peer's FIN (FIN-WAIT-2: the next byte expected)
 * @rcv_wnd: the window last offered, in bytes
 * @ts_recent: the peer's last timestamp (when @ts)
 * @ts_recent_stamp: when @ts_recent was recorded (cnet_tcp_ts_now_s())
 * @ts_off: the offset of our TSval (when @ts)
 * @last_oow_ack: jiffies of the last ACK to an out-of-window segment
 * @expires: jiffies when it goes
 * @window: the window field its ACKs carry (@rcv_wnd scaled)
 * @tos: the connection's IP_TOS
 * @ttl: its IP_TTL
 * @ts: timestamps were in use
 * @fin_wait2: an orphan's FIN-WAIT-2, not TIME-WAIT yet
 * @dead: removed; a reader that found it under RCU leaves it alone
 * @reuseaddr: the connection's SO_REUSEADDR
 * @reuseport: its SO_REUSEPORT
 * @conn_bound: connect() chose its port (struct cnet_st_entry's
 *	@conn_bound): another connect() may use the port for another 4-tuple
 * @uid: its owner
 * @dev_if: the device it was bound to
 * @rcu: frees it after readers are done
 *
 * Written under the table's @lock; @key, @reuseaddr, @reuseport, @uid and
 * @dev_if never change after it is inserted, and RCU readers of the
 * tables read only those and @dead (READ_ONCE()).
 */
struct cnet_tcp_tw {
	struct rhash_head	node;
	struct rhlist_head	port_node;
	struct hlist_node	wheel_node;
	struct cnet_st_dnode	dnode;
	struct cnet_st_key	key;
	u32			snd_nxt;
	u32			rcv_nxt;
	u32			rcv_wnd;
	u32			ts_recent;
	u32			ts_recent_stamp;
	u32			ts_off;
	u32			last_oow_ack;
	unsigned long		expires;
	u16			window;
	u8			tos;
	u8			ttl;
	bool			ts;
	bool			fin_wait2;
	bool			dead;
	bool			reuseaddr;
	bool			reuseport;
	bool			conn_bound;
	kuid_t			uid;
	int			dev_if;
	struct rcu_head		rcu;
};

/**
 * struct cnet_tcp_tw_table - a namespace's TIME-WAIT entries
 * @cn: the namespace
 * @ht: every entry, by 4-tuple (RCU readers: input)
 * @ports: every entry, by local port (RCU readers: bind)
 * @lock: serialises every change to the tables, the wheel, @next_tick,
 *	@count and the entries (softirq and process context: _bh in
 *	process context)
 * @wheel: the entries by the tick of their expiry, modulo CNET_TW_SLOTS
 * @next_tick: the next tick the timer visits
 * @count: entries (written under @lock, read locklessly with READ_ONCE())
 * @timer: ticks through the wheel while @count > 0; shut down at exit
 */
struct cnet_tcp_tw_table {
	struct cnet_net		*cn;
	struct rhashtable	ht;
	struct rhltable		ports;
	spinlock_t		lock;	/* see above */
	struct hlist_head	wheel[CNET_TW_SLOTS];
	unsigned long		next_tick;
	unsigned int		count;
	struct timer_list	timer;
};

static const struct rhashtable_params tw_params = {
	.head_offset		= offsetof(struct cnet_tcp_tw, node),
	.key_offset		= offsetof(struct cnet_tcp_tw, key),
	.key_len		= sizeof(struct cnet_st_key),
	.automatic_shrinking	= true,
};

static const struct rhashtable_params tw_port_params = {
	.head_offset		= offsetof(struct cnet_tcp_tw, port_node),
	.key_offset		= offsetof(struct cnet_tcp_tw, key.lport),
	.key_len		= sizeof(__be16),
	.automatic_shrinking	= true,
};

/* The wheel's tick, in jiffies */
static unsigned long tw_tick(void)
{
	return msecs_to_jiffies(CNET_TW_TICK_MS) ?: 1;
}

/* Remove @tw from everything and free it after RCU readers. */
static void tw_unlink(struct cnet_tcp_tw_table *t, struct cnet_tcp_tw *tw)
{
	lockdep_assert_held(&t->lock);
	WRITE_ONCE(tw->dead, true);
	rhashtable_remove_fast(&t->ht, &tw->node, tw_params);
	rhltable_remove(&t->ports, &tw->port_node, tw_port_params);
	hlist_del(&tw->wheel_node);
	cnet_st_dlist_del(&t->cn->tcp_tw_all, &tw->dnode);
	WRITE_ONCE(t->count, t->count - 1);
	kfree_rcu(tw, rcu);
}

/* (Re)file @tw to expire @timeo jiffies from now; start the wheel. */
static void tw_schedule(struct cnet_tcp_tw_table *t, struct cnet_tcp_tw *tw,
			unsigned long timeo)
{
	unsigned long tick = tw_tick(), idx;

	lockdep_assert_held(&t->lock);
	tw->expires = jiffies + timeo;
	idx = cnet_tw_tick_of(tw->expires, tick);
	/* never behind the timer: it would wait a whole round */
	if ((long)(idx - t->next_tick) < 0)
		idx = t->next_tick;
	if (!hlist_unhashed(&tw->wheel_node))
		hlist_del(&tw->wheel_node);
	hlist_add_head(&tw->wheel_node, &t->wheel[cnet_tw_slot(idx)]);
	if (!timer_pending(&t->timer))
		mod_timer(&t->timer, (jiffies / tick + 1) * tick);
}

/* The wheel's tick: remove what is due in the slots since the last one. */
static void tw_timer_fn(struct timer_list *tm)
{
	struct cnet_tcp_tw_table *t = from_timer(t, tm, timer);
	unsigned long tick = tw_tick(), now = jiffies, now_idx = now / tick;
	unsigned long n, i, expired = 0;
	struct cnet_tcp_tw *tw;
	struct hlist_node *tmp;

	spin_lock(&t->lock);
	n = cnet_tw_catchup(t->next_tick, now_idx);
	for (i = 0; i < n; i++) {
		hlist_for_each_entry_safe(tw, tmp,
					  &t->wheel[cnet_tw_slot(t->next_tick + i)],
					  wheel_node) {
			if (time_after_eq(now, tw->expires)) {
				tw_unlink(t, tw);
				expired++;
			}
		}
	}
	if (n)
		t->next_tick = now_idx + 1;
	if (t->count)
		mod_timer(&t->timer, (now_idx + 1) * tick);
	spin_unlock(&t->lock);
	while (expired--)
		cnet_inc(t->cn, CNET_STAT_TCP_TW_EXPIRED);
}

/*
 * The socket table's "held" hook: does a TIME-WAIT entry on @port keep
 * @e (binding, its laddr and options set) from it? The rules of
 * sock_table.c's cnet_st_conflict(): only both with SO_REUSEADDR share.
 * connect()'s search (@e->conn_bound) may share a port with the entries
 * of connections whose port connect() chose, for another 4-tuple
 * (tw_tuple_held() says); an entry whose port bind() or listen() took
 * keeps it, as Linux's bind bucket with fastreuse >= 0.
 * Process context, under the socket table's lock.
 */
static bool tw_port_held(void *arg, const struct cnet_st_entry *e,
			 __be16 port)
{
	struct cnet_tcp_tw_table *t = arg;
	struct rhlist_head *list, *pos;
	struct cnet_st_entry o = {};
	struct cnet_tcp_tw *tw;
	bool held = false;

	rcu_read_lock();
	list = rhltable_lookup(&t->ports, &port, tw_port_params);
	rhl_for_each_entry_rcu(tw, pos, list, port_node) {
		if (READ_ONCE(tw->dead))
			continue;
		if (e->conn_bound) {
			if (!tw->conn_bound) {
				held = true;
				break;
			}
			continue;
		}
		o.key.laddr = tw->key.laddr;
		o.reuseaddr = tw->reuseaddr;
		o.reuseport = tw->reuseport;
		o.uid = tw->uid;
		o.dev_if = tw->dev_if;
		if (cnet_st_conflict(e, &o)) {
			held = true;
			break;
		}
	}
	rcu_read_unlock();
	return held;
}

/* Is @tw's 4-tuple on loopback, as Linux's tcp_tw_reuse 2 sees it? */
static bool tw_loopback(const struct cnet_tcp_tw *tw)
{
	return cnet_ip_is_loopback(tw->key.laddr) ||
	       cnet_ip_is_loopback(tw->key.raddr) ||
	       tw->dev_if == LOOPBACK_IFINDEX;
}

/*
 * The socket table's 4-tuple hook: does a TIME-WAIT entry hold @k from a
 * connect() (@bound: whose port bind() chose)? Not when
 * cnet_tcp_tw_reusable() lets the connect() take it over: the entry is
 * then that connect()'s to end (cnet_tcp_tw_take()). Process context,
 * under the socket table's lock.
 */
static bool tw_tuple_held(void *arg, const struct cnet_st_key *k, bool bound)
{
	struct cnet_tcp_tw_table *t = arg;
	struct cnet_tcp_tw *tw;
	bool held = false;

	rcu_read_lock();
	tw = rhashtable_lookup(&t->ht, k, tw_params);
	if (tw) {
		spin_lock_bh(&t->lock);
		held = !tw->dead &&
		       !cnet_tcp_tw_reusable(READ_ONCE(t->cn->tcp_tw_reuse),
					     bound, tw_loopback(tw), tw->ts,
					     tw->ts_recent_stamp,
					     cnet_tcp_ts_now_s());
		spin_unlock_bh(&t->lock);
	}
	rcu_read_unlock();
	return held;
}

/**
 * cnet_tcp_tw_take - a connect() takes a TIME-WAIT entry's 4-tuple over
 * @sk: the connection, locked, filed under its 4-tuple (SYN-SENT to be)
 * @iss: set to the ISS the new incarnation uses when there was an entry
 *
 * The socket table let the connect() have the 4-tuple (tw_tuple_held());
 * an entry still there is ended, counted (tcp_tw_reused), and its
 * sequence space decides the new ISS (cnet_tcp_tw_reuse_iss()). It may
 * have expired meanwhile: then there is nothing to take.
 *
 * Return: true when an entry was taken over.
 */
bool cnet_tcp_tw_take(struct sock *sk, u32 *iss)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	const struct cnet_st_key *k = &cnet_tcp_sk(sk)->cs.st.key;
	struct cnet_tcp_tw_table *t = cn->tcp_tw;
	struct cnet_tcp_tw *tw;
	bool taken = false;

	/* no entry at all: nothing to look up (most connects) */
	if (!t || !READ_ONCE(t->count))
		return false;
	spin_lock_bh(&t->lock);
	tw = rhashtable_lookup_fast(&t->ht, k, tw_params);
	if (tw && !tw->dead) {
		*iss = cnet_tcp_tw_reuse_iss(tw->snd_nxt);
		tw_unlink(t, tw);
		taken = true;
	}
	spin_unlock_bh(&t->lock);
	if (taken)
		cnet_inc(cn, CNET_STAT_TCP_TW_REUSED);
	return taken;
}

/**
 * cnet_tcp_time_wait - a connection entered TIME-WAIT: keep a small entry
 * @sk: the connection, locked (any context); its caller destroys it
 *	after this
 * @state: TCP_TIME_WAIT, or TCP_FIN_WAIT2 for an orphan waiting for the
 *	peer's FIN
 * @timeo: FIN-WAIT-2: how long it waits, in jiffies (TIME-WAIT lasts the
 *	namespace's tcp_tw_timeout_ms, whatever @timeo says)
 *
 * Past tcp_max_tw_buckets entries, or without memory, there is no entry:
 * the connection just closes (counted), as Linux.
 */
void cnet_tcp_time_wait(struct sock *sk, int state, int timeo)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_tw_table *t = cn->tcp_tw;
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_tw *tw, *old;
	unsigned long timeout;
	u32 win;
	int err;

	if (!t)
		return;
	if (READ_ONCE(t->count) >= READ_ONCE(cn->tcp_max_tw_buckets)) {
		cnet_inc(cn, CNET_STAT_TCP_TW_OVERFLOW);
		return;
	}
	tw = kzalloc(sizeof(*tw), GFP_ATOMIC);
	if (!tw) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		return;
	}
	tw->key = tp->cs.st.key;
	tw->snd_nxt = tp->snd_nxt;
	tw->rcv_nxt = tp->rcv_nxt;
	/* what is left of the window last offered */
	win = tp->rcv_wup + tp->rcv_wnd - tp->rcv_nxt;
	if ((s32)win < 0)
		win = 0;
	tw->rcv_wnd = win;
	tw->window = min_t(u32, win >> tp->rcv_wscale, U16_MAX);
	tw->ts = tp->ts_ok;
	tw->ts_recent = tp->ts_recent.val;
	tw->ts_recent_stamp = tp->ts_recent.stamp_s;
	tw->ts_off = tp->ts_off;
	tw->tos = READ_ONCE(tp->cs.tos);
	tw->ttl = READ_ONCE(tp->cs.ttl);
	tw->fin_wait2 = state == TCP_FIN_WAIT2;
	tw->reuseaddr = sk->sk_reuse != SK_NO_REUSE;
	tw->reuseport = sk->sk_reuseport;
	tw->conn_bound = tp->cs.st.conn_bound;
	tw->uid = sk->sk_uid;
	tw->dev_if = READ_ONCE(sk->sk_bound_dev_if);
	INIT_HLIST_NODE(&tw->wheel_node);
	timeout = state == TCP_TIME_WAIT ?
		  msecs_to_jiffies(READ_ONCE(cn->tcp_tw_timeout_ms)) : timeo;

	spin_lock_bh(&t->lock);
	if (t->count >= READ_ONCE(cn->tcp_max_tw_buckets)) {
		err = -ENOSPC;
		goto fail;
	}
	err = rhashtable_lookup_insert_fast(&t->ht, &tw->node, tw_params);
	if (err == -EEXIST) {
		/* an older incarnation of the 4-tuple: this one replaces it */
		old = rhashtable_lookup_fast(&t->ht, &tw->key, tw_params);
		if (old)
			tw_unlink(t, old);
		err = rhashtable_lookup_insert_fast(&t->ht, &tw->node,
						    tw_params);
	}
	if (err)
		goto fail;
	err = rhltable_insert(&t->ports, &tw->port_node, tw_port_params);
	if (err) {
		rhashtable_remove_fast(&t->ht, &tw->node, tw_params);
		goto fail;
	}
	if (!t->count)	/* the wheel was idle: start from now */
		t->next_tick = jiffies / tw_tick();
	WRITE_ONCE(t->count, t->count + 1);
	tw_schedule(t, tw, timeout);
	cnet_st_dlist_add(&cn->tcp_tw_all, &tw->dnode);
	spin_unlock_bh(&t->lock);
	cnet_inc(cn, CNET_STAT_TCP_TW_CREATED);
	return;
fail:
	spin_unlock_bh(&t->lock);
	kfree(tw);
	cnet_inc(cn, err == -ENOSPC ? CNET_STAT_TCP_TW_OVERFLOW :
				      CNET_STAT_MEM_DROP_NOMEM);
}

/**
 * cnet_tcp_tw_rec - what `cnet sock show` lists of a TIME-WAIT entry
 * @n: its node in the namespace's tcp_tw_all
 * @r: filled with its addresses, state and expiry
 *
 * Called under tcp_tw_all's lock, which tw_unlink() takes before the
 * entry is freed: the entry is alive.
 */
void cnet_tcp_tw_rec(const struct cnet_st_dnode *n, struct cnet_sock_rec *r)
{
	const struct cnet_tcp_tw *tw = container_of(n, struct cnet_tcp_tw,
						    dnode);
	long left = (long)(READ_ONCE(tw->expires) - jiffies);

	*r = (struct cnet_sock_rec){
		.key	= tw->key,
		.state	= READ_ONCE(tw->fin_wait2) ? TCP_FIN_WAIT2 :
						     TCP_TIME_WAIT,
		.timer	= CNET_TCP_TIMER_TIMEWAIT,
		.timer_ms = left > 0 ? jiffies_to_msecs(left) : 0,
	};
}

/* The timestamp option of a segment sent now, echoing @ts_recent */
static void mini_ts_opts(struct cnet_tcp_opts *o, bool ts, u32 ts_off,
			 u32 ts_recent)
{
	memset(o, 0, sizeof(*o));
	o->saw_ts = ts;
	o->tsval = cnet_tcp_ts_val(cnet_tcp_ts_now_ms(), ts_off);
	o->tsecr = ts_recent;
}

/* An ACK from a TIME-WAIT entry (its numbers copied under the lock) */
static void tw_send_ack(struct cnet_net *cn, const struct cnet_tcp_tw *tw)
{
	struct cnet_tcp_opts o;

	mini_ts_opts(&o, tw->ts, tw->ts_off, tw->ts_recent);
	mini_xmit(cn, &(struct mini_ctl){
		.saddr	= tw->key.laddr,
		.daddr	= tw->key.raddr,
		.sport	= tw->key.lport,
		.dport	= tw->key.rport,
		.seq	= tw->snd_nxt,
		.ack	= tw->rcv_nxt,
		.flags	= CNET_TCPF_ACK,
		.window	= tw->window,
		.opts	= tw->ts ? &o : NULL,
		.oif	= tw->dev_if,
		.tos	= tw->tos,
		.ttl	= tw->ttl,
	});
	cnet_inc(cn, CNET_STAT_TCP_TW_ACK_TX);
}

static void listen_syn(struct sock *sk, struct sk_buff *skb, u32 isn);

/*
 * A SYN reuses a TIME-WAIT entry's 4-tuple: the listener on its port, if
 * any, takes the SYN with the ISN the entry chose. In an RCU read-side
 * section. Return: the listener, or NULL.
 */
static struct sock *tw_listener(struct cnet_net *cn, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_st_entry *e;
	struct sock *sk;

	e = cnet_st_lookup(&cn->tcp_table, iph->daddr, th->dest, iph->saddr,
			   th->source, skb->dev ? skb->dev->ifindex : 0, 0);
	if (!e || READ_ONCE(e->key.raddr))
		return NULL;
	sk = &container_of(e, struct cnet_sock, st)->sk;
	return READ_ONCE(sk->sk_state) == TCP_LISTEN ? sk : NULL;
}

/**
 * cnet_tcp_tw_rcv - give a segment to the TIME-WAIT entry of its 4-tuple
 * @cn: the namespace
 * @skb: the segment, data at its TCP header (checked); consumed when
 *	taken
 *
 * The entry does what cnet_tcp_tw_decide() says. In an RCU read-side
 * section (cnet_tcp_rcv()).
 *
 * Return: true when an entry took @skb, false when there is none.
 */
bool cnet_tcp_tw_rcv(struct cnet_net *cn, struct sk_buff *skb)
{
	struct cnet_tcp_tw_table *t = cn->tcp_tw;
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_st_key key = {
		.laddr = iph->daddr, .lport = th->dest,
		.rport = th->source, .raddr = iph->saddr,
	};
	struct cnet_tcp_tw_verdict v;
	struct cnet_tcp_tw_view view;
	struct cnet_tcp_seg seg;
	struct cnet_tcp_opts o;
	struct cnet_tcp_tw *tw, snap;
	struct sock *listener;
	bool ack = false;

	if (!t)
		return false;
	tw = rhashtable_lookup(&t->ht, &key, tw_params);
	if (!tw)
		return false;
	mini_seg_of(skb, &seg);
	mini_opts_of(skb, &o);
	seg.saw_ts = o.saw_ts;
	seg.tsval = o.tsval;

	spin_lock_bh(&t->lock);
	if (tw->dead) {
		spin_unlock_bh(&t->lock);
		return false;
	}
	view = (struct cnet_tcp_tw_view){
		.rcv_nxt = tw->rcv_nxt, .snd_nxt = tw->snd_nxt,
		.ts_recent = tw->ts_recent, .rcv_wnd = tw->rcv_wnd,
		.ts = tw->ts, .fin_wait2 = tw->fin_wait2,
	};
	cnet_tcp_tw_decide(&view, &seg, &v);
	if (v.paws_reject)
		cnet_inc(cn, CNET_STAT_TCP_TW_PAWS_REJECT);
	if (v.ts_update) {
		tw->ts_recent = seg.tsval;
		tw->ts_recent_stamp = cnet_tcp_ts_now_s();
	}
	if (v.time_wait) {
		tw->fin_wait2 = false;
		tw->rcv_nxt = v.rcv_nxt;
		tw_schedule(t, tw, msecs_to_jiffies(READ_ONCE(cn->tcp_tw_timeout_ms)));
	} else if (v.restart && !tw->fin_wait2) {
		tw_schedule(t, tw, msecs_to_jiffies(READ_ONCE(cn->tcp_tw_timeout_ms)));
	}
	if (v.act == CNET_TCP_TW_ACK) {
		ack = v.time_wait ||
		      !cnet_tcp_oow_ack_limited(&seg, &tw->last_oow_ack,
						(u32)jiffies,
						msecs_to_jiffies(CNET_TCP_OOW_ACK_MS));
		if (!ack)
			cnet_inc(cn, CNET_STAT_TCP_OOW_ACK_SKIPPED);
	}
	snap = *tw;
	if (v.act == CNET_TCP_TW_KILL || v.act == CNET_TCP_TW_RESET) {
		tw_unlink(t, tw);
		cnet_inc(cn, CNET_STAT_TCP_TW_KILLED);
	}
	spin_unlock_bh(&t->lock);

	switch (v.act) {
	case CNET_TCP_TW_SYN:
		listener = tw_listener(cn, skb);
		if (listener && refcount_inc_not_zero(&listener->sk_refcnt)) {
			spin_lock_bh(&t->lock);
			if (!tw->dead)
				tw_unlink(t, tw);
			spin_unlock_bh(&t->lock);
			cnet_inc(cn, CNET_STAT_TCP_TW_RECYCLED);
			listen_syn(listener, skb, v.isn);
			sock_put(listener);
			return true;
		}
		/* nobody listens: an ACK, as Linux */
		tw_send_ack(cn, &snap);
		break;
	case CNET_TCP_TW_ACK:
		if (ack)
			tw_send_ack(cn, &snap);
		break;
	case CNET_TCP_TW_RESET:
		cnet_tcp_send_reset(cn, skb);
		break;
	default:
		break;
	}
	consume_skb(skb);
	return true;
}

/**
 * cnet_tcp_tw_count - TIME-WAIT (and orphan FIN-WAIT-2) entries now
 * @cn: the namespace
 */
unsigned int cnet_tcp_tw_count(struct cnet_net *cn)
{
	return cn->tcp_tw ? READ_ONCE(cn->tcp_tw->count) : 0;
}

/* ---- listeners ---- */

#define REQ_HASH_BITS	6

/**
 * struct cnet_tcp_req - a connection half open (SYN-RECEIVED), or one
 *	made and waiting for accept()
 * @node: in the listener's SYN queue, by peer
 * @aq_node: in the accept queue (then @child is set)
 * @child: the connection, once made
 * @laddr: our address (the SYN's destination)
 * @raddr: the peer's
 * @lport: our port
 * @rport: the peer's
 * @iss: our ISN
 * @irs: the peer's
 * @rcv_wnd: the window the SYN-ACK offers (unscaled, at most 65535)
 * @tn: when the SYN-ACK is sent again, or the request dropped (jiffies),
 *	in the listener's @tq
 * @last_oow_ack: jiffies of the last ACK to an out-of-window segment
 * @dev_if: a listener bound to a device: the device the SYN came by
 * @mss: the peer's MSS option, 0 if none
 * @adv_mss: ours
 * @snd_wscale: the peer's window scale
 * @rcv_wscale: ours
 * @wscale_ok: both sides sent one
 * @ts_ok: the SYN offered timestamps and we answer them
 * @ts_recent: the SYN's TSval (when @ts_ok)
 * @ts_off: the offset of our TSval (when @ts_ok)
 * @sack_ok: the SYN offered SACK-permitted and we answer with it
 * @ecn_ok: the SYN asked for ECN and we agree (tcp_ecn.h); for a cookie
 *	only with timestamps (it rides in the TSval)
 * @cookie_ts: a cookie's SYN-ACK: its TSval carries the options
 *	(tcp_cookie.h)
 * @synack_us: when the SYN-ACK went, in µs; 0 once it went again (Karn's
 *	rule: the handshake's ACK then gives no RTT sample)
 * @num_timeout: SYN-ACK timeouts so far
 * @acked: the ACK came while the accept queue was full (Linux's "acked")
 */
struct cnet_tcp_req {
	struct hlist_node	node;
	struct list_head	aq_node;
	struct sock		*child;
	__be32			laddr;
	__be32			raddr;
	__be16			lport;
	__be16			rport;
	u32			iss;
	u32			irs;
	u32			rcv_wnd;
	struct cnet_synq_tnode	tn;
	u32			last_oow_ack;
	int			dev_if;
	u16			mss;
	u16			adv_mss;
	u8			snd_wscale;
	u8			rcv_wscale;
	bool			wscale_ok;
	bool			ts_ok;
	u32			ts_recent;
	u32			ts_off;
	bool			sack_ok;
	bool			ecn_ok;
	bool			cookie_ts;
	u64			synack_us;
	u8			num_timeout;
	bool			acked;
};

/**
 * struct cnet_tcp_listen - what a listener has beyond its socket
 * @lock: serialises everything below (softirq: input and @timer;
 *	process context: accept(), close(), with _bh)
 * @reqs: the SYN queue, by peer (jhash of its address and port, and our
 *	address, with @hash_rnd)
 * @qlen: requests in @reqs
 * @acceptq: connections made, oldest first, waiting for accept()
 * @acceptq_len: connections in @acceptq, and those being made (a place
 *	is taken before the connection is made, outside the lock)
 * @ready: connections in @acceptq (the listener's sk_ack_backlog says
 *	it to poll(), accept() and ss(8) without the lock)
 * @tq: the requests of @reqs by when they are due
 * @timer: sends SYN-ACKs again and drops requests, when the earliest of
 *	@tq is due
 * @hash_rnd: the secret of @reqs' hash
 * @last_cookie: jiffies when a SYN cookie was last sent, 0 for never
 *	(written under @lock, read with READ_ONCE() by cnet_tcp_listen_rcv())
 * @synflood_warned: the "possible SYN flooding" line was logged
 * @stopping: the listener is closing: nothing new comes in
 * @sk: the listener
 * @rcu: freed after RCU readers (input finds it through the socket)
 */
struct cnet_tcp_listen {
	spinlock_t		lock;	/* see above */
	struct hlist_head	reqs[1 << REQ_HASH_BITS];
	unsigned int		qlen;
	struct list_head	acceptq;
	unsigned int		acceptq_len;
	unsigned int		ready;
	struct cnet_synq_timers	tq;
	struct timer_list	timer;
	u32			hash_rnd;
	unsigned long		last_cookie;
	bool			synflood_warned;
	bool			stopping;
	struct sock		*sk;
	struct rcu_head		rcu;
};

static struct cnet_tcp_listen *listen_of(const struct sock *sk)
{
	return rcu_dereference_check(cnet_tcp_sk(sk)->listen,
				     lockdep_sock_is_held(sk));
}

static struct hlist_head *req_bucket(struct cnet_tcp_listen *lq,
				     __be32 raddr, __be16 rport, __be32 laddr)
{
	u32 h = jhash_3words((__force u32)raddr, (__force u32)rport,
			     (__force u32)laddr, lq->hash_rnd);

	return &lq->reqs[h & ((1 << REQ_HASH_BITS) - 1)];
}

/* The request of @skb's peer, or NULL. Under @lq->lock. */
static struct cnet_tcp_req *req_find(struct cnet_tcp_listen *lq,
				     const struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_req *req;

	hlist_for_each_entry(req, req_bucket(lq, iph->saddr, th->source,
					     iph->daddr), node) {
		if (req->raddr == iph->saddr && req->rport == th->source &&
		    req->laddr == iph->daddr)
			return req;
	}
	return NULL;
}

/* Take @req out of the SYN queue. Under @lq->lock. */
static void req_unlink(struct cnet_tcp_listen *lq, struct cnet_tcp_req *req)
{
	hlist_del(&req->node);
	cnet_synq_disarm(&req->tn);
	lq->qlen--;
}

/* The SYN-ACK of @req, first or again. */
static void req_send_synack(struct sock *sk, const struct cnet_tcp_req *req)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_opts o;

	mini_ts_opts(&o, req->ts_ok, req->ts_off, req->ts_recent);
	if (req->cookie_ts) {
		struct cnet_tcp_cookie_opts co = {
			.wscale_ok = req->wscale_ok,
			.snd_wscale = req->snd_wscale,
			.sack_ok = req->sack_ok, .ecn_ok = req->ecn_ok,
		};

		o.tsval = cnet_tcp_cookie_ts_encode(o.tsval, &co);
	}
	o.mss = req->adv_mss;
	o.saw_mss = true;
	o.wscale = req->rcv_wscale;
	o.saw_wscale = req->wscale_ok;
	o.sack_ok = req->sack_ok;

	mini_xmit(cn, &(struct mini_ctl){
		.saddr	= req->laddr,
		.daddr	= req->raddr,
		.sport	= req->lport,
		.dport	= req->rport,
		.seq	= req->iss,
		.ack	= req->irs + 1,
		.flags	= CNET_TCPF_SYN | CNET_TCPF_ACK |
			  cnet_tcp_ecn_synack_flags(req->ecn_ok),
		.window	= req->rcv_wnd,
		.opts	= &o,
		.oif	= req->dev_if,
		.tos	= READ_ONCE(cnet_sk(sk)->tos),
		.ttl	= READ_ONCE(cnet_sk(sk)->ttl),
	});
}

/* An ACK of @req's numbers (a segment out of its window) */
static void req_send_ack(struct sock *sk, const struct cnet_tcp_req *req)
{
	struct cnet_tcp_opts o;

	mini_ts_opts(&o, req->ts_ok, req->ts_off, req->ts_recent);
	mini_xmit(cnet_pernet(sock_net(sk)), &(struct mini_ctl){
		.saddr	= req->laddr,
		.daddr	= req->raddr,
		.sport	= req->lport,
		.dport	= req->rport,
		.seq	= req->iss + 1,
		.ack	= req->irs + 1,
		.flags	= CNET_TCPF_ACK,
		.window	= req->rcv_wnd >> req->rcv_wscale,
		.opts	= req->ts_ok ? &o : NULL,
		.oif	= req->dev_if,
		.tos	= READ_ONCE(cnet_sk(sk)->tos),
		.ttl	= READ_ONCE(cnet_sk(sk)->ttl),
	});
}

/*
 * The window shift a request announces (RFC 7323 2.2): the one the
 * listener's largest receive buffer needs, none unless the peer's SYN
 * offered the option (@wscale_ok).
 */
static u8 req_rcv_wscale(const struct sock *sk, bool wscale_ok)
{
	return wscale_ok ? cnet_tcp_wscale_for(cnet_tcp_rcvbuf_max(sk)) : 0;
}

/*
 * The MSS we announce to @raddr: the route's MTU (and what the path MTU
 * cache knows), TCP_MAXSEG's if smaller.
 */
static u16 req_adv_mss(struct sock *sk, __be32 raddr, __be32 laddr)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	u16 mss = CNET_TCP_DEFAULT_MSS, user = READ_ONCE(cnet_tcp_sk(sk)->user_mss);
	struct cnet_rt_res res;

	rcu_read_lock();
	if (!cnet_route_output(cn, raddr, laddr, &res))
		mss = cnet_tcp_mss_for_mtu(cnet_route_path_mtu(cn, &res, raddr));
	rcu_read_unlock();
	return user ? min(mss, user) : mss;
}

/*
 * What every request of @sk's starts with, whether from a SYN or from a
 * cookie's ACK (@skb): the window its SYN-ACK offers (not scaled, RFC
 * 7323 2.2), the device when the listener is bound to one, no list yet.
 */
static void req_init_local(struct sock *sk, struct cnet_tcp_req *req,
			   const struct sk_buff *skb)
{
	req->rcv_wnd = min_t(u32, READ_ONCE(sk->sk_rcvbuf) / 2, U16_MAX);
	if (READ_ONCE(sk->sk_bound_dev_if) && skb->dev)
		req->dev_if = skb->dev->ifindex;
	INIT_LIST_HEAD(&req->aq_node);
	INIT_LIST_HEAD(&req->tn.node);
}

/*
 * The connections waiting in the accept queue changed: what poll(),
 * accept() and ss(8) (a listener's Recv-Q) read. Under @lq->lock.
 */
static void listen_ready(struct cnet_tcp_listen *lq, int delta)
{
	lq->ready += delta;
	WRITE_ONCE(lq->sk->sk_ack_backlog, lq->ready);
}

/* The cookies' clock: one tick a minute (tcp_cookie.h) */
static u32 cookie_clock(void)
{
	return (u32)div_u64(get_jiffies_64(), CNET_TCP_COOKIE_PERIOD_S * HZ);
}

/* @req's 4-tuple, as a cookie is bound to it */
static void cookie_tuple(const struct cnet_tcp_req *req,
			 struct cnet_tcp_cookie_tuple *t)
{
	*t = (struct cnet_tcp_cookie_tuple){
		.laddr = req->laddr, .raddr = req->raddr,
		.lport = req->lport, .rport = req->rport,
	};
}

/* Linux's "Possible SYN flooding on port ..." line, once per listener */
static void listen_synflood_warn(struct sock *sk, bool cookies)
{
	const struct cnet_st_entry *e = &cnet_sk(sk)->st;

	net_info_ratelimited("Possible SYN flooding on port %pI4:%u. %s.\n",
			     &e->key.laddr, ntohs(e->key.lport),
			     cookies ? "Sending cookies" : "Dropping request");
}

/*
 * Answer the SYN @syn was made from with a SYN-ACK whose ISN is a cookie;
 * @syn is not kept (the caller frees it). The SYN-ACK is built from a
 * zeroed request with only what a cookie stands for (the 4-tuple, the
 * ISNs, our MSS and window) and, when the SYN offered timestamps, what
 * the TSval carries (window scaling, SACK-permitted, ECN): any other
 * option a request learns to offer stays off, since the connection made
 * from the cookie cannot know of it.
 */
static void listen_send_cookie(struct sock *sk, const struct cnet_tcp_req *syn)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_req c = {
		.laddr = syn->laddr, .raddr = syn->raddr,
		.lport = syn->lport, .rport = syn->rport,
		.irs = syn->irs, .rcv_wnd = syn->rcv_wnd,
		.adv_mss = syn->adv_mss, .dev_if = syn->dev_if,
	};
	struct cnet_tcp_cookie_tuple t;

	if (syn->ts_ok) {
		c.ts_ok = true;
		c.ts_recent = syn->ts_recent;
		c.ts_off = syn->ts_off;
		c.cookie_ts = true;
		c.wscale_ok = syn->wscale_ok;
		c.snd_wscale = syn->snd_wscale;
		c.rcv_wscale = syn->rcv_wscale;
		c.sack_ok = syn->sack_ok;
		c.ecn_ok = syn->ecn_ok;
	}

	cookie_tuple(&c, &t);
	c.iss = cnet_tcp_cookie_make(cn->tcp_cookie_key, &t, c.irs,
				     cookie_clock(),
				     cnet_tcp_cookie_mss_index(syn->mss));
	req_send_synack(sk, &c);
	cnet_inc(cn, CNET_STAT_TCP_SYNACK_TX);
	cnet_inc(cn, CNET_STAT_TCP_SYNCOOKIES_SENT);
}

/*
 * A SYN for the listener @sk (held by the caller; no request of its
 * peer): a request if the queues have room, and its SYN-ACK. @isn: the
 * ISN a TIME-WAIT entry chose, or 0 for a fresh one (RFC 6528). Consumes
 * @skb.
 */
static void listen_syn(struct sock *sk, struct sk_buff *skb, u32 isn)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_listen *lq;
	struct cnet_tcp_req *req, snap;
	struct cnet_tcp_opts o;
	enum cnet_tcp_syn_verdict verdict;
	bool warn = false;
	u8 cookies;

	lq = rcu_dereference(cnet_tcp_sk(sk)->listen);
	if (!lq)
		goto drop;
	mini_opts_of(skb, &o);
	req = kzalloc(sizeof(*req), GFP_ATOMIC);
	if (!req) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		goto drop;
	}
	req->laddr = iph->daddr;
	req->raddr = iph->saddr;
	req->lport = th->dest;
	req->rport = th->source;
	req->irs = ntohl(th->seq);
	req->iss = isn ?: cnet_tcp_isn(&cn->tcp_isn_key, iph->daddr, iph->saddr,
				       th->dest, th->source, ktime_get_ns());
	req->mss = o.saw_mss ? o.mss : 0;
	req->adv_mss = req_adv_mss(sk, iph->saddr, iph->daddr);
	req->wscale_ok = o.saw_wscale;
	req->snd_wscale = o.saw_wscale ? o.wscale : 0;
	/* timestamps when the SYN offers them and the namespace wants them */
	req->ts_ok = o.saw_ts && READ_ONCE(cn->tcp_timestamps);
	if (req->ts_ok) {
		req->ts_recent = o.tsval;
		req->ts_off = cnet_tcp_ts_off(&cn->tcp_ts_key, iph->daddr,
					      iph->saddr, th->dest, th->source);
	}
	req->sack_ok = o.sack_ok && READ_ONCE(cn->tcp_sack);
	req->ecn_ok = cnet_tcp_ecn_syn_accept(READ_ONCE(cn->tcp_ecn),
					      cnet_tcp_flags(th), iph->tos);
	req->rcv_wscale = req_rcv_wscale(sk, o.saw_wscale);
	req_init_local(sk, req, skb);

	spin_lock_bh(&lq->lock);
	if (lq->stopping) {
		spin_unlock_bh(&lq->lock);
		kfree(req);
		goto drop;
	}
	/* a TIME-WAIT entry's new incarnation: no cookie (as Linux) */
	cookies = isn ? 0 : READ_ONCE(cn->tcp_syncookies);
	verdict = cnet_tcp_syn_admit_cookies(lq->qlen, lq->acceptq_len,
					     READ_ONCE(sk->sk_max_ack_backlog),
					     cookies);
	/* the SYN queue overflowed: said once per listener (not with 2) */
	if ((verdict == CNET_TCP_SYN_SYNQ_FULL ||
	     verdict == CNET_TCP_SYN_COOKIE) && cookies != 2 &&
	    !lq->synflood_warned) {
		lq->synflood_warned = true;
		warn = true;
	}
	if (verdict == CNET_TCP_SYN_COOKIE) {
		WRITE_ONCE(lq->last_cookie, jiffies ?: 1);
		spin_unlock_bh(&lq->lock);
		if (warn)
			listen_synflood_warn(sk, true);
		listen_send_cookie(sk, req);
		kfree(req);
		goto drop;
	}
	if (verdict != CNET_TCP_SYN_ADMIT) {
		spin_unlock_bh(&lq->lock);
		if (warn)
			listen_synflood_warn(sk, false);
		kfree(req);
		cnet_inc(cn, verdict == CNET_TCP_SYN_SYNQ_FULL ?
			     CNET_STAT_TCP_DROP_SYNQ_FULL :
			     CNET_STAT_TCP_LISTEN_OVERFLOWS);
		cnet_inc(cn, CNET_STAT_TCP_LISTEN_DROPS);
		goto drop;
	}
	cnet_synq_arm(&lq->tq, &req->tn, 0, jiffies,
		      msecs_to_jiffies(cnet_tcp_synack_timeout_ms(0)));
	hlist_add_head(&req->node, req_bucket(lq, req->raddr, req->rport,
					      req->laddr));
	lq->qlen++;
	timer_reduce(&lq->timer, req->tn.expires);
	req->synack_us = cnet_tcp_clock_us();
	snap = *req;
	spin_unlock_bh(&lq->lock);

	req_send_synack(sk, &snap);
	cnet_inc(cn, CNET_STAT_TCP_SYNACK_TX);
drop:
	consume_skb(skb);
}

/* Reset and let go of a connection nobody accepted. Process context. */
static void listen_child_forget(struct sock *child)
{
	lock_sock_nested(child, SINGLE_DEPTH_NESTING);
	if (child->sk_state != TCP_CLOSE)
		cnet_tcp_send_active_reset(child);
	cnet_tcp_purge_write_queue(child);
	sock_orphan(child);
	cnet_tcp_done(child);
	release_sock(child);
}

/*
 * The same from softirq: the listener closed while the connection was
 * being made. It was never seen by anyone: nobody owns it.
 */
static void listen_child_forget_bh(struct sock *child)
{
	bh_lock_sock(child);
	cnet_tcp_send_active_reset(child);
	cnet_tcp_purge_write_queue(child);
	sock_orphan(child);
	cnet_tcp_done(child);
	bh_unlock_sock(child);
}

/*
 * The handshake's ACK for @req, whose place in the accept queue is taken
 * and which has left the SYN queue: make the connection, let it have
 * the segment (data may ride on the ACK), queue it for accept(). Consumes
 * @skb.
 */
static void listen_make_child(struct sock *sk, struct cnet_tcp_listen *lq,
			      struct cnet_tcp_req *req, struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_conn_params p = {
		.saddr = req->laddr, .daddr = req->raddr,
		.sport = req->lport, .dport = req->rport,
		.iss = req->iss, .irs = req->irs,
		.snd_wnd = ntohs(tcp_hdr(skb)->window),
		.mss = req->mss, .snd_wscale = req->snd_wscale,
		.rcv_wscale = req->rcv_wscale, .wscale_ok = req->wscale_ok,
		.dev_if = req->dev_if, .ts_ok = req->ts_ok,
		.ts_off = req->ts_off, .ts_recent = req->ts_recent,
		.sack_ok = req->sack_ok, .ecn_ok = req->ecn_ok,
	};
	u64 now = cnet_tcp_clock_us();
	struct sock *child;

	/* the SYN-ACK's round trip, as Linux's tcp_synack_rtt_meas() */
	if (req->synack_us && !req->num_timeout && now > req->synack_us)
		p.rtt_us = min_t(u64, now - req->synack_us, U32_MAX);

	child = cnet_tcp_clone(sk, GFP_ATOMIC);
	if (!child) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		goto fail;
	}
	if (cnet_tcp_conn_open(child, &p)) {
		cnet_inc(cn, CNET_STAT_TCP_LISTEN_DROPS);
		bh_lock_sock(child);
		sock_orphan(child);
		cnet_tcp_done(child);
		bh_unlock_sock(child);
		goto fail;
	}
	/* the ACK's data or FIN, if any, as the connection's first segment */
	bh_lock_sock(child);
	cnet_tcp_backlog_rcv(child, skb);
	bh_unlock_sock(child);
	skb = NULL;

	spin_lock_bh(&lq->lock);
	if (lq->stopping) {
		lq->acceptq_len--;
		spin_unlock_bh(&lq->lock);
		kfree(req);
		listen_child_forget_bh(child);
		return;
	}
	req->child = child;
	list_add_tail(&req->aq_node, &lq->acceptq);
	listen_ready(lq, 1);
	spin_unlock_bh(&lq->lock);
	sk->sk_data_ready(sk);
	return;
fail:
	spin_lock_bh(&lq->lock);
	lq->acceptq_len--;
	spin_unlock_bh(&lq->lock);
	kfree(req);
	kfree_skb(skb);
}

/*
 * A segment of a peer with a request (SYN-RECEIVED): what
 * cnet_tcp_req_decide() says, the ACK rate limit and the accept queue
 * applied. Under @lq->lock. A request ended (KILL...) or becoming a
 * connection (CHILD: its place in the accept queue taken) has left the
 * SYN queue; what is to be sent uses @snap, a copy.
 */
static enum cnet_tcp_req_act listen_req_rcv(struct sock *sk,
					    struct cnet_tcp_listen *lq,
					    struct cnet_tcp_req *req,
					    struct sk_buff *skb,
					    struct cnet_tcp_req *snap)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_req_view view = {
		.iss = req->iss, .irs = req->irs, .rcv_wnd = req->rcv_wnd,
	};
	u32 oow_ms = msecs_to_jiffies(CNET_TCP_OOW_ACK_MS);
	enum cnet_tcp_req_act act;
	struct cnet_tcp_seg seg;

	mini_seg_of(skb, &seg);
	act = cnet_tcp_req_decide(&view, &seg);
	/*
	 * A segment at or before what the SYN-ACK acknowledges (the SYN
	 * again, the handshake's ACK) has the TSval to echo, as Linux's
	 * tcp_check_req() keeps it (RFC 7323 4.3).
	 */
	if (req->ts_ok && (act == CNET_TCP_REQ_SYNACK ||
			   act == CNET_TCP_REQ_CHILD) &&
	    !cnet_seq_after(seg.seq, req->irs + 1)) {
		struct cnet_tcp_opts o;

		mini_opts_of(skb, &o);
		if (o.saw_ts)
			req->ts_recent = o.tsval;
	}
	switch (act) {
	case CNET_TCP_REQ_SYNACK:
	case CNET_TCP_REQ_ACK:
		if (cnet_tcp_oow_ack_limited(&seg, &req->last_oow_ack,
					     (u32)jiffies, oow_ms)) {
			cnet_inc(cn, CNET_STAT_TCP_OOW_ACK_SKIPPED);
			act = CNET_TCP_REQ_DROP;
		} else if (act == CNET_TCP_REQ_SYNACK) {
			req->synack_us = 0;	/* sent twice: Karn's rule */
		}
		break;
	case CNET_TCP_REQ_KILL:
	case CNET_TCP_REQ_KILL_RESET:
		req_unlink(lq, req);
		break;
	case CNET_TCP_REQ_CHILD:
		/* TCP_DEFER_ACCEPT: a bare ACK waits for data (tcp_timeout.c) */
		if (cnet_tcp_defer_bare_ack(req->num_timeout,
					    READ_ONCE(cnet_tcp_sk(sk)->defer_accept),
					    !seg.len && !seg.fin)) {
			req->acked = true;
			cnet_inc(cn, CNET_STAT_TCP_DEFER_ACCEPT_DROP);
			act = CNET_TCP_REQ_DROP;
			break;
		}
		if (cnet_tcp_acceptq_full(lq->acceptq_len,
					  READ_ONCE(sk->sk_max_ack_backlog))) {
			/*
			 * As Linux's tcp_abort_on_overflow=0: the request
			 * stays, and the peer sends its ACK again when the
			 * SYN-ACK comes again.
			 */
			req->acked = true;
			cnet_inc(cn, CNET_STAT_TCP_LISTEN_OVERFLOWS);
			cnet_inc(cn, CNET_STAT_TCP_LISTEN_DROPS);
			act = CNET_TCP_REQ_DROP;
			break;
		}
		req_unlink(lq, req);
		lq->acceptq_len++;
		break;
	default:
		break;
	}
	*snap = *req;
	return act;
}

/*
 * The options of a connection made from a cookie: those the ACK's TSecr
 * echoes (tcp_cookie.h) when it has a timestamp and the namespace still
 * takes timestamps; each as far as the namespace still allows it. None
 * without.
 */
static void listen_cookie_opts(struct sock *sk, struct cnet_tcp_req *req,
			       const struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_cookie_opts co;
	struct cnet_tcp_opts o;

	mini_opts_of(skb, &o);
	if (!o.saw_ts || !READ_ONCE(cn->tcp_timestamps))
		return;
	cnet_tcp_cookie_ts_decode(o.tsecr, &co);
	req->ts_ok = true;
	req->ts_recent = o.tsval;
	req->ts_off = cnet_tcp_ts_off(&cn->tcp_ts_key, req->laddr, req->raddr,
				      req->lport, req->rport);
	req->wscale_ok = co.wscale_ok;
	req->snd_wscale = co.snd_wscale;
	req->rcv_wscale = req_rcv_wscale(sk, co.wscale_ok);
	req->sack_ok = co.sack_ok && READ_ONCE(cn->tcp_sack);
	req->ecn_ok = co.ecn_ok && READ_ONCE(cn->tcp_ecn);
}

/*
 * An ACK (no SYN, no RST) for which the listener @sk has no request: the
 * last of a handshake whose SYN-ACK carried a cookie? Looked at only with
 * cookies on and sent in the last CNET_TCP_COOKIE_MAX_AGE periods (as
 * Linux's tcp_synq_no_recent_overflow()). A valid cookie makes the
 * connection, with the MSS it carries and the options its TSecr echoes
 * (listen_cookie_opts()), straight into the accept queue; a full accept
 * queue drops the ACK (the peer sends it again, or its data, and the
 * cookie is checked again), as Linux. In an RCU read-side section.
 *
 * Return: true when it took @skb; false when the caller answers it (a
 * reset, as for any ACK to a listener).
 */
static bool listen_cookie_ack(struct sock *sk, struct cnet_tcp_listen *lq,
			      struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = tcp_hdr(skb);
	struct cnet_tcp_cookie_tuple t = {
		.laddr = iph->daddr, .raddr = iph->saddr,
		.lport = th->dest, .rport = th->source,
	};
	u32 irs = ntohl(th->seq) - 1, iss = ntohl(th->ack_seq) - 1;
	struct cnet_tcp_req *req;
	int index;

	if (!READ_ONCE(cn->tcp_syncookies) ||
	    !cnet_tcp_cookie_recent(jiffies, READ_ONCE(lq->last_cookie),
				    CNET_TCP_COOKIE_MAX_AGE *
				    CNET_TCP_COOKIE_PERIOD_S * HZ, HZ))
		return false;
	/* checked before anything is allocated: forged ACKs cost little */
	index = cnet_tcp_cookie_check(cn->tcp_cookie_key, &t, irs, iss,
				      cookie_clock());
	if (index < 0) {
		cnet_inc(cn, CNET_STAT_TCP_SYNCOOKIES_FAILED);
		return false;
	}
	cnet_inc(cn, CNET_STAT_TCP_SYNCOOKIES_RECV);
	req = kzalloc(sizeof(*req), GFP_ATOMIC);
	if (!req) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		consume_skb(skb);
		return true;
	}
	req->laddr = t.laddr;
	req->raddr = t.raddr;
	req->lport = t.lport;
	req->rport = t.rport;
	req->irs = irs;
	req->iss = iss;
	req->mss = cnet_tcp_cookie_mss(index);
	req->adv_mss = req_adv_mss(sk, iph->saddr, iph->daddr);
	listen_cookie_opts(sk, req, skb);
	req_init_local(sk, req, skb);

	spin_lock_bh(&lq->lock);
	if (lq->stopping ||
	    cnet_tcp_acceptq_full(lq->acceptq_len,
				  READ_ONCE(sk->sk_max_ack_backlog))) {
		if (!lq->stopping) {
			cnet_inc(cn, CNET_STAT_TCP_LISTEN_OVERFLOWS);
			cnet_inc(cn, CNET_STAT_TCP_LISTEN_DROPS);
		}
		spin_unlock_bh(&lq->lock);
		kfree(req);
		consume_skb(skb);
		return true;
	}
	lq->acceptq_len++;
	spin_unlock_bh(&lq->lock);
	listen_make_child(sk, lq, req, skb);
	return true;
}

/**
 * cnet_tcp_listen_rcv - a segment for a listener
 * @sk: the listener, found under RCU (held meanwhile: a listener being
 *	freed gets nothing)
 * @skb: the segment, data at its TCP header (checked); consumed
 *
 * The segment of a peer with a request goes to it; else, as RFC 9293
 * 3.10.7.2 says of LISTEN: a RST is dropped, an ACK draws a RST, a SYN
 * may make a request. In an RCU read-side section (cnet_tcp_rcv()).
 */
void cnet_tcp_listen_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	u8 f = cnet_tcp_flags(tcp_hdr(skb));
	struct cnet_tcp_listen *lq;
	enum cnet_tcp_req_act act;
	struct cnet_tcp_req *req, snap;

	if (!refcount_inc_not_zero(&sk->sk_refcnt)) {	/* being freed */
		cnet_tcp_send_reset(cn, skb);
		consume_skb(skb);
		return;
	}
	lq = rcu_dereference(cnet_tcp_sk(sk)->listen);
	if (!lq) {	/* closing */
		cnet_tcp_send_reset(cn, skb);
		goto drop;
	}
	spin_lock_bh(&lq->lock);
	req = lq->stopping ? NULL : req_find(lq, skb);
	if (req)
		act = listen_req_rcv(sk, lq, req, skb, &snap);
	spin_unlock_bh(&lq->lock);
	if (req) {
		switch (act) {
		case CNET_TCP_REQ_CHILD:
			listen_make_child(sk, lq, req, skb);
			goto out;
		case CNET_TCP_REQ_SYNACK:
			req_send_synack(sk, &snap);
			cnet_inc(cn, CNET_STAT_TCP_SYNACK_TX);
			break;
		case CNET_TCP_REQ_ACK:
			req_send_ack(sk, &snap);
			break;
		case CNET_TCP_REQ_RESET:
			cnet_tcp_send_reset(cn, skb);
			break;
		case CNET_TCP_REQ_KILL_RESET:
			cnet_tcp_send_reset(cn, skb);
			fallthrough;
		case CNET_TCP_REQ_KILL:
			kfree(req);
			cnet_inc(cn, CNET_STAT_TCP_REQ_RESET);
			break;
		default:
			break;
		}
		goto drop;
	}

	if (f & CNET_TCPF_RST)
		goto drop;
	if (f & CNET_TCPF_ACK) {
		if (!(f & CNET_TCPF_SYN) && listen_cookie_ack(sk, lq, skb))
			goto out;
		cnet_tcp_send_reset(cn, skb);
		goto drop;
	}
	if (f & CNET_TCPF_SYN) {
		listen_syn(sk, skb, 0);
		goto out;
	}
drop:
	consume_skb(skb);
out:
	sock_put(sk);
}

/*
 * The listener's timer: SYN-ACKs whose time came go again, requests past
 * their retries go (cnet_tcp_synack_recalc(): TCP_SYNCNT, and
 * TCP_DEFER_ACCEPT's quiet time); then it waits for the next one due. It
 * visits only the requests due (and the heads of @lq->tq), not the SYN
 * queue.
 */
static void listen_timer_fn(struct timer_list *tm)
{
	struct cnet_tcp_listen *lq = from_timer(lq, tm, timer);
	struct sock *sk = lq->sk;
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	u32 retries = READ_ONCE(cnet_tcp_sk(sk)->syn_retries) ?:
		      READ_ONCE(cn->tcp_synack_retries);
	u8 defer = READ_ONCE(cnet_tcp_sk(sk)->defer_accept);
	struct cnet_synq_tnode *tn;
	struct cnet_tcp_req *req;
	unsigned long now, next;
	bool expire, resend;
	u32 timeo;

	spin_lock(&lq->lock);
	if (lq->stopping)
		goto out;
	/* under the lock: the requests are filed in time order */
	now = jiffies;
	while ((tn = cnet_synq_first_due(&lq->tq, now))) {
		req = container_of(tn, struct cnet_tcp_req, tn);
		/* TCP_SYNCNT and TCP_DEFER_ACCEPT (tcp_timeout.c) */
		cnet_tcp_synack_recalc(req->num_timeout, retries, defer,
				       req->acked, &expire, &resend);
		if (expire) {
			req_unlink(lq, req);
			kfree(req);
			cnet_inc(cn, CNET_STAT_TCP_REQ_TIMEOUT);
			continue;
		}
		req->num_timeout++;
		timeo = cnet_tcp_synack_timeout_ms(req->num_timeout);
		cnet_synq_arm(&lq->tq, tn, req->num_timeout, now,
			      msecs_to_jiffies(timeo));
		if (!resend)
			continue;
		/* output is asynchronous: no input comes back here */
		req_send_synack(sk, req);
		cnet_inc(cn, CNET_STAT_TCP_SYNACK_RETRANS);
	}
	if (cnet_synq_next(&lq->tq, &next))
		mod_timer(&lq->timer, next);
out:
	spin_unlock(&lq->lock);
}

/*
 * May @sk listen on its port? Not where another listener already does on
 * an overlapping address and device, unless both set SO_REUSEPORT with
 * the same owner (SO_REUSEADDR does not let two listeners share, as
 * Linux). Under the socket table's lock.
 */
struct listen_clash {
	struct sock	*sk;
	bool		clash;
};

static void listen_clash_one(struct cnet_st_entry *e, void *arg)
{
	struct listen_clash *c = arg;
	struct cnet_st_entry *me = &cnet_sk(c->sk)->st;
	struct sock *o = &container_of(e, struct cnet_sock, st)->sk;
	struct cnet_st_entry a = {}, b = {};

	if (e == me || READ_ONCE(o->sk_state) != TCP_LISTEN)
		return;
	/* the address, device and SO_REUSEPORT rules, SO_REUSEADDR aside */
	a.key.laddr = me->key.laddr;
	a.dev_if = me->dev_if;
	a.reuseport = me->reuseport;
	a.uid = me->uid;
	b.key.laddr = READ_ONCE(e->key.laddr);
	b.dev_if = READ_ONCE(e->dev_if);
	b.reuseport = READ_ONCE(e->reuseport);
	b.uid = e->uid;
	if (cnet_st_conflict(&a, &b))
		c->clash = true;
}

/* Into LISTEN: a port if it has none, a free listening place, the queues. */
static int listen_start(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_port_range range = cnet_local_port_range(cn);
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_st_entry *e = &tp->cs.st;
	struct cnet_sock_table *t = &cn->tcp_table;
	struct listen_clash c = { .sk = sk };
	struct cnet_tcp_listen *lq;
	unsigned int i;
	int err;

	lq = kzalloc(sizeof(*lq), GFP_KERNEL);
	if (!lq)
		return -ENOMEM;
	spin_lock_init(&lq->lock);
	for (i = 0; i < ARRAY_SIZE(lq->reqs); i++)
		INIT_HLIST_HEAD(&lq->reqs[i]);
	INIT_LIST_HEAD(&lq->acceptq);
	cnet_synq_init(&lq->tq);
	timer_setup(&lq->timer, listen_timer_fn, 0);
	lq->hash_rnd = get_random_u32();
	lq->sk = sk;

	if (!e->hashed) {	/* as Linux: an ephemeral port */
		e->reuseaddr = sk->sk_reuse != SK_NO_REUSE;
		e->reuseport = sk->sk_reuseport;
		e->uid = sock_i_uid(sk);
		e->dev_if = READ_ONCE(sk->sk_bound_dev_if);
		err = cnet_st_bind(t, e, 0, 0, &range, get_random_u32(),
				   CNET_ST_BIND);
		if (err)
			goto fail;
	}
	mutex_lock(&t->lock);
	rcu_read_lock();
	cnet_st_walk_port(t, e->key.lport, listen_clash_one, &c);
	rcu_read_unlock();
	if (c.clash) {
		mutex_unlock(&t->lock);
		err = -EADDRINUSE;
		goto fail;
	}
	rcu_assign_pointer(tp->listen, lq);
	cnet_tcp_set_state(sk, TCP_LISTEN);
	/* bind()s see it: SO_REUSEADDR does not share its port */
	e->listening = true;
	WRITE_ONCE(e->closed, false);
	mutex_unlock(&t->lock);
	return 0;
fail:
	kfree(lq);
	return err;
}

/**
 * cnet_tcp_listen - listen(): the proto_ops entry
 * @sock: the socket
 * @backlog: the backlog (the core capped it at somaxconn)
 *
 * As Linux's inet_listen(): a stream socket not connected, CLOSE or
 * already LISTEN (then only the backlog changes), else -EINVAL.
 *
 * Return: 0 or -errno.
 */
int cnet_tcp_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	int err = -EINVAL;
	u8 old;

	lock_sock(sk);
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		goto out;
	old = sk->sk_state;
	if (!((1 << old) & (TCPF_CLOSE | TCPF_LISTEN)))
		goto out;
	WRITE_ONCE(sk->sk_max_ack_backlog, backlog);
	err = 0;
	if (old != TCP_LISTEN)
		err = listen_start(sk);
out:
	release_sock(sk);
	return err;
}

/**
 * cnet_tcp_listen_stop - the listener closes (close(), shutdown(SHUT_RD))
 * @sk: the listener, under lock_sock(), process context
 *
 * The requests go, the connections nobody accepted are reset (as
 * Linux's inet_csk_listen_stop()). The socket keeps its port; the caller
 * changes its state.
 */
void cnet_tcp_listen_stop(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_listen *lq = listen_of(sk);
	struct cnet_tcp_req *req, *rtmp;
	struct hlist_node *tmp;
	unsigned int i;
	LIST_HEAD(children);

	if (!lq)
		return;
	spin_lock_bh(&lq->lock);
	lq->stopping = true;
	for (i = 0; i < ARRAY_SIZE(lq->reqs); i++) {
		hlist_for_each_entry_safe(req, tmp, &lq->reqs[i], node) {
			req_unlink(lq, req);
			kfree(req);
		}
	}
	list_splice_init(&lq->acceptq, &children);
	spin_unlock_bh(&lq->lock);
	timer_shutdown_sync(&lq->timer);

	list_for_each_entry_safe(req, rtmp, &children, aq_node) {
		listen_child_forget(req->child);
		kfree(req);
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_LISTEN_CLOSE_RESET);
	}
	WRITE_ONCE(sk->sk_ack_backlog, 0);
	RCU_INIT_POINTER(tp->listen, NULL);
	kfree_rcu(lq, rcu);
	cnet_st_set_listening(&cnet_pernet(sock_net(sk))->tcp_table,
			      &tp->cs.st, false);
}

/* The oldest connection made, or NULL. */
static struct sock *listen_dequeue(struct sock *sk)
{
	struct cnet_tcp_listen *lq = listen_of(sk);
	struct cnet_tcp_req *req;
	struct sock *child = NULL;

	if (!lq)
		return NULL;
	spin_lock_bh(&lq->lock);
	req = list_first_entry_or_null(&lq->acceptq, struct cnet_tcp_req,
				       aq_node);
	if (req) {
		list_del(&req->aq_node);
		lq->acceptq_len--;
		listen_ready(lq, -1);
		child = req->child;
	}
	spin_unlock_bh(&lq->lock);
	kfree(req);
	return child;
}

/*
 * Wait for a connection, as Linux's inet_csk_wait_for_connect(). Under
 * lock_sock(), dropped while asleep. Return: 0 (one may be there), or
 * -EAGAIN, -EINVAL (no longer listening), -ERESTARTSYS / -EINTR.
 */
static int listen_wait(struct sock *sk, long *timeo)
{
	DEFINE_WAIT(wait);
	int err;

	for (;;) {
		prepare_to_wait_exclusive(sk_sleep(sk), &wait,
					  TASK_INTERRUPTIBLE);
		release_sock(sk);
		if (!READ_ONCE(sk->sk_ack_backlog))
			*timeo = schedule_timeout(*timeo);
		sched_annotate_sleep();
		lock_sock(sk);
		err = 0;
		if (READ_ONCE(sk->sk_ack_backlog))
			break;
		err = -EINVAL;
		if (sk->sk_state != TCP_LISTEN)
			break;
		err = sock_intr_errno(*timeo);
		if (signal_pending(current))
			break;
		err = -EAGAIN;
		if (!*timeo)
			break;
	}
	finish_wait(sk_sleep(sk), &wait);
	return err;
}

/**
 * cnet_tcp_accept - accept()/accept4(): the proto_ops entry
 * @sock: the listening socket
 * @newsock: the socket the connection goes to (the core made it, and
 *	does SOCK_NONBLOCK and SOCK_CLOEXEC)
 * @arg: @arg->flags: O_NONBLOCK of the listener's file
 *
 * As Linux's inet_accept(): -EINVAL when not listening, -EAGAIN without
 * a connection and O_NONBLOCK (or after SO_RCVTIMEO); else it waits.
 *
 * Return: 0 or -errno.
 */
int cnet_tcp_accept(struct socket *sock, struct socket *newsock,
		    struct proto_accept_arg *arg)
{
	struct sock *sk = sock->sk, *child = NULL;
	long timeo;
	int err;

	lock_sock(sk);
	err = -EINVAL;
	if (sk->sk_state != TCP_LISTEN)
		goto out;
	timeo = sock_rcvtimeo(sk, arg->flags & O_NONBLOCK);
	for (;;) {
		child = listen_dequeue(sk);
		if (child)
			break;
		err = -EAGAIN;
		if (!timeo)
			goto out;
		err = listen_wait(sk, &timeo);
		if (err)
			goto out;
	}
	err = 0;
out:
	release_sock(sk);
	if (!child)
		return err;
	lock_sock(child);
	sock_graft(child, newsock);
	newsock->state = SS_CONNECTED;
	release_sock(child);
	return 0;
}

/**
 * cnet_tcp_listen_poll - poll() of a listener
 * @sk: the listener
 *
 * EPOLLIN when a connection waits to be accepted, as Linux's
 * inet_csk_listen_poll().
 */
__poll_t cnet_tcp_listen_poll(struct sock *sk)
{
	return READ_ONCE(sk->sk_ack_backlog) ? EPOLLIN | EPOLLRDNORM : 0;
}

/* ---- the namespace ---- */

/**
 * cnet_tcp_minisock_net_init - a namespace's TIME-WAIT table and settings
 * @cn: the namespace; its TCP socket table is set up already
 *
 * Without memory, the namespace has no TIME-WAIT entries (connections
 * close without), and says so.
 */
void cnet_tcp_minisock_net_init(struct cnet_net *cn)
{
	struct cnet_tcp_tw_table *t;
	unsigned int i;

	cn->tcp_tw_timeout_ms = CNET_TCP_TW_TIMEOUT_MS_DEFAULT;
	cnet_st_dlist_init(&cn->tcp_tw_all);
	cn->tcp_max_tw_buckets = CNET_TCP_MAX_TW_DEFAULT;
	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		goto fail;
	if (rhashtable_init(&t->ht, &tw_params))
		goto fail_free;
	if (rhltable_init(&t->ports, &tw_port_params))
		goto fail_ht;
	t->cn = cn;
	spin_lock_init(&t->lock);
	for (i = 0; i < CNET_TW_SLOTS; i++)
		INIT_HLIST_HEAD(&t->wheel[i]);
	timer_setup(&t->timer, tw_timer_fn, 0);
	cn->tcp_tw = t;
	cnet_st_set_held(&cn->tcp_table, tw_port_held, tw_tuple_held, t);
	return;

fail_ht:
	rhashtable_destroy(&t->ht);
fail_free:
	kfree(t);
fail:
	pr_warn("no memory for TIME-WAIT entries: connections close without\n");
}

/* The namespace goes: every entry with it. No socket is left. */
void cnet_tcp_minisock_net_exit(struct cnet_net *cn)
{
	struct cnet_tcp_tw_table *t = cn->tcp_tw;
	struct cnet_tcp_tw *tw;
	struct hlist_node *tmp;
	unsigned int i;

	if (!t)
		return;
	cnet_st_set_held(&cn->tcp_table, NULL, NULL, NULL);
	timer_shutdown_sync(&t->timer);
	spin_lock_bh(&t->lock);
	for (i = 0; i < CNET_TW_SLOTS; i++)
		hlist_for_each_entry_safe(tw, tmp, &t->wheel[i], wheel_node)
			tw_unlink(t, tw);
	spin_unlock_bh(&t->lock);
	cn->tcp_tw = NULL;
	rhltable_destroy(&t->ports);
	rhashtable_destroy(&t->ht);
	kfree(t);
}
