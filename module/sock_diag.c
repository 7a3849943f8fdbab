// SPDX-License-Identifier: GPL-2.0
/*
 * SOCK_GET: every socket of the namespace, for `cnet sock show` (as
 * inet_diag for ss(8)): its kind, state, queues, addresses, device, owner,
 * inode, and for TCP what TCP_INFO says.
 *
 * The walk. Each kind of socket has a dump list (struct cnet_st_dlist):
 * UDP and ping sockets in their table's @all while they hold a port,
 * raw sockets in the namespace's @raw_all from creation. A dump is a
 * cursor in that list. For each batch it takes the list's spinlock for
 * as long as it takes to step the cursor over up to CNET_SOCK_BATCH
 * sockets, holding a reference on each and a copy of its addresses, and
 * lets it go; then it writes their messages with no lock held (TCP's
 * cnet_tcp_diag() may take the socket lock, which bind() holds while it
 * takes the table's). A batch that does not fit puts the cursor back
 * before the first socket it could not report. A socket that stays put
 * during the dump is reported exactly once, in O(1) per socket; one that
 * comes or goes meanwhile at most once (one that leaves and comes back,
 * at the end of the list, is a new one).
 */
#include <linux/in.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "cnet.h"
#include "netlink.h"
#include "sock.h"
#include "tcp.h"

/* Sockets a dump takes under a table's lock at a time */
#define CNET_SOCK_BATCH		32

/**
 * struct cnet_sock_src - one kind of socket a dump walks
 * @kind: CNET_SOCK_*
 * @list: offset of its struct cnet_st_dlist in struct cnet_net
 * @tcp_diag: fills the TCP_INFO-like numbers; NULL but for TCP
 * @rec: NULL when the list holds sockets (struct cnet_sock, by
 *	cs->st.dnode); else it holds entries of another kind, and @rec says
 *	under the list's lock what to report of one (TCP's TIME-WAIT
 *	entries: a record, no socket, no reference)
 */
struct cnet_sock_src {
	u8		kind;
	size_t		list;
	void		(*tcp_diag)(struct sock *sk, struct cnet_tcp_diag *d);
	void		(*rec)(const struct cnet_st_dnode *n,
			       struct cnet_sock_rec *r);
};

static const struct cnet_sock_src cnet_sock_srcs[] = {
	/*
	 * TCP first, as in ss(8). Its sockets are struct cnet_sock with their
	 * ports and addresses in cs->st, on tcp_table.all while in the table:
	 * cnet_st_bind() puts them there, cnet_st_conn_add() a listener's
	 * child, cnet_st_unhash() takes either out. TIME-WAIT entries, which
	 * are no sockets, are records on a list of their own.
	 */
	{ CNET_SOCK_TCP, offsetof(struct cnet_net, tcp_table.all), cnet_tcp_diag },
	{ CNET_SOCK_TCP, offsetof(struct cnet_net, tcp_tw_all), NULL,
	  cnet_tcp_tw_rec },
	{ CNET_SOCK_UDP, offsetof(struct cnet_net, udp_table.all), NULL },
	{ CNET_SOCK_RAW, offsetof(struct cnet_net, raw_all), NULL },
	{ CNET_SOCK_PING, offsetof(struct cnet_net, ping_table.all), NULL },
};

/**
 * struct cnet_sock_snap - what a batch took of one entry of a dump list
 * @sk: a socket, with a reference; NULL for a record (cnet_sock_src.rec)
 * @node: its place in the list
 * @gen: @node->gen then
 * @rec: its addresses, ports and state then; a record's timer too
 */
struct cnet_sock_snap {
	struct sock		*sk;
	struct cnet_st_dnode	*node;
	u32			gen;
	struct cnet_sock_rec	rec;
};

/**
 * struct cnet_sock_dump - a dump in progress (cb->args[0])
 * @cn: the namespace
 * @cursor: where it is in the dump list of cnet_sock_srcs[@src]
 * @src: the kind it walks
 * @in_list: @cursor is in that list
 * @kinds: the kinds asked for, bit (1 << CNET_SOCK_*)
 * @states: the states asked for, bit (1 << CNET_SOCK_ST_*)
 * @ifindex: only sockets bound to this device; 0: any
 * @snap: the batch being reported
 */
struct cnet_sock_dump {
	struct cnet_net		*cn;
	struct cnet_st_dnode	cursor;
	unsigned int		src;
	bool			in_list;
	u32			kinds;
	u32			states;
	int			ifindex;
	struct cnet_sock_snap	snap[CNET_SOCK_BATCH];
};

static struct cnet_st_dlist *cnet_sock_src_list(const struct cnet_sock_dump *d)
{
	return (struct cnet_st_dlist *)((char *)d->cn +
					cnet_sock_srcs[d->src].list);
}

/*
 * What a socket shows, under its list's lock: its state (TCP's own; a
 * datagram socket CLOSE or ESTABLISHED) and table key. Return: its device.
 */
static int cnet_sock_rec(struct sock *sk, struct cnet_sock_rec *r)
{
	const struct cnet_st_key *k = &cnet_sk(sk)->st.key;

	*r = (struct cnet_sock_rec){
		.key = {
			.laddr = READ_ONCE(k->laddr),
			.lport = READ_ONCE(k->lport),
			.rport = READ_ONCE(k->rport),
			.raddr = READ_ONCE(k->raddr),
		},
		.state = READ_ONCE(sk->sk_state),
	};
	return READ_ONCE(sk->sk_bound_dev_if);
}

/*
 * Up to CNET_SOCK_BATCH sockets after the cursor, under the list's lock.
 * Return: how many; fewer than CNET_SOCK_BATCH at the end of the list.
 */
static unsigned int cnet_sock_take(struct cnet_sock_dump *d,
				   struct cnet_st_dlist *l,
				   struct cnet_sock_snap *snap, bool *end)
{
	const struct cnet_sock_src *src = &cnet_sock_srcs[d->src];
	struct cnet_sock_snap *s;
	struct cnet_st_dnode *n;
	struct sock *sk = NULL;
	unsigned int i = 0;
	int dev_if = 0;

	if (!d->in_list) {
		list_add(&d->cursor.node, &l->head);
		d->in_list = true;
	}
	*end = false;
	while (i < CNET_SOCK_BATCH) {
		n = cnet_st_cursor_next(l, &d->cursor);
		if (!n) {
			*end = true;
			break;
		}
		s = &snap[i];
		if (src->rec) {
			src->rec(n, &s->rec);
		} else {
			sk = &container_of(n, struct cnet_sock, st.dnode)->sk;
			dev_if = cnet_sock_rec(sk, &s->rec);
		}
		if (!(d->states & BIT(s->rec.state)) ||
		    (d->ifindex && dev_if != d->ifindex))
			continue;
		/* on the list, so not yet released: a reference is safe */
		if (sk)
			sock_hold(sk);
		s->sk = sk;
		s->node = n;
		s->gen = n->gen;
		i++;
	}
	return i;
}

static int cnet_sock_put_tcp(struct sk_buff *skb, struct sock *sk,
			     const struct cnet_sock_src *src)
{
	struct cnet_tcp_diag t = {};

	src->tcp_diag(sk, &t);
	if (nla_put_u8(skb, CNET_A_SOCK_TCP_TIMER, t.timer) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_TIMER_MS, t.timer_ms) ||
	    nla_put_u8(skb, CNET_A_SOCK_TCP_RETRANSMITS, t.retransmits) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_RTT_US, t.rtt_us) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_RTTVAR_US, t.rttvar_us) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_RTO_US, t.rto_us) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_SND_MSS, t.snd_mss) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_RCV_MSS, t.rcv_mss) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_SND_CWND, t.snd_cwnd) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_SND_SSTHRESH, t.snd_ssthresh) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_UNACKED, t.unacked) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_TOTAL_RETRANS, t.total_retrans) ||
	    nla_put_u64_64bit(skb, CNET_A_SOCK_TCP_BYTES_ACKED,
			      t.bytes_acked, CNET_A_PAD) ||
	    nla_put_u64_64bit(skb, CNET_A_SOCK_TCP_BYTES_RECEIVED,
			      t.bytes_received, CNET_A_PAD) ||
	    (t.cong && nla_put_string(skb, CNET_A_SOCK_TCP_CONG, t.cong)))
		return -EMSGSIZE;
	return 0;
}

/*
 * Recv-Q and Send-Q as ss(8) shows them: a listener's accept queue and
 * backlog; a TCP connection's bytes not read yet (RCV.NXT - the next
 * byte the user reads) and bytes not acknowledged yet (what the user
 * wrote - SND.UNA), as Linux's tcp_diag_get_info(); a datagram socket's
 * memory charged to its receive and send buffers (what Linux's udp_diag
 * reports).
 */
static void cnet_sock_queues(struct sock *sk, u8 state, u32 *rq, u32 *wq)
{
	const struct cnet_tcp_sock *tp;

	if (state == TCP_LISTEN) {
		*rq = READ_ONCE(sk->sk_ack_backlog);
		*wq = READ_ONCE(sk->sk_max_ack_backlog);
	} else if (sk->sk_type == SOCK_STREAM) {
		tp = cnet_tcp_sk(sk);
		*rq = max_t(s32, READ_ONCE(tp->rcv_nxt) -
				 READ_ONCE(tp->copied_seq), 0);
		*wq = READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_una);
	} else {
		*rq = sk_rmem_alloc_get(sk);
		*wq = sk_wmem_alloc_get(sk);
	}
}

/*
 * A record (a TCP TIME-WAIT entry) as ss shows one: no queues, no owner,
 * no inode, its timer.
 */
static int cnet_sock_fill_rec(struct sk_buff *skb,
			      const struct cnet_sock_src *src,
			      const struct cnet_sock_rec *r)
{
	if (nla_put_u8(skb, CNET_A_SOCK_KIND, src->kind) ||
	    nla_put_u8(skb, CNET_A_SOCK_STATE, r->state) ||
	    nla_put_in_addr(skb, CNET_A_SOCK_LADDR, r->key.laddr) ||
	    nla_put_in_addr(skb, CNET_A_SOCK_RADDR, r->key.raddr) ||
	    nla_put_u16(skb, CNET_A_SOCK_LPORT, ntohs(r->key.lport)) ||
	    nla_put_u16(skb, CNET_A_SOCK_RPORT, ntohs(r->key.rport)) ||
	    nla_put_u32(skb, CNET_A_SOCK_RQUEUE, 0) ||
	    nla_put_u32(skb, CNET_A_SOCK_WQUEUE, 0) ||
	    nla_put_u32(skb, CNET_A_SOCK_UID, 0) ||
	    nla_put_u64_64bit(skb, CNET_A_SOCK_INODE, 0, CNET_A_PAD) ||
	    nla_put_u8(skb, CNET_A_SOCK_TCP_TIMER, r->timer) ||
	    nla_put_u32(skb, CNET_A_SOCK_TCP_TIMER_MS, r->timer_ms) ||
	    nla_put_u8(skb, CNET_A_SOCK_TCP_RETRANSMITS, 0))
		return -EMSGSIZE;
	return 0;
}

static int cnet_sock_fill(struct sk_buff *skb, struct netlink_callback *cb,
			  const struct cnet_sock_src *src,
			  const struct cnet_sock_snap *s)
{
	struct user_namespace *ns = sk_user_ns(NETLINK_CB(cb->skb).sk);
	const struct cnet_st_key *key = &s->rec.key;
	u8 state = s->rec.state;
	struct net_device *dev;
	struct cnet_sock *cs;
	struct sock *sk;
	__be32 laddr, raddr;
	u32 rq, wq;
	void *hdr;
	int ifindex;

	hdr = cnet_nl_dump_put(skb, cb, CNET_CMD_SOCK_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (!s->sk) {
		if (cnet_sock_fill_rec(skb, src, &s->rec))
			goto cancel;
		genlmsg_end(skb, hdr);
		return 0;
	}
	sk = s->sk;
	cs = cnet_sk(sk);
	ifindex = READ_ONCE(sk->sk_bound_dev_if);
	/* ports and table addresses as the batch saw them; raw: the socket's */
	laddr = key->laddr ?: READ_ONCE(cs->saddr);
	raddr = key->raddr ?: READ_ONCE(cs->daddr);
	cnet_sock_queues(sk, state, &rq, &wq);

	if (nla_put_u8(skb, CNET_A_SOCK_KIND, src->kind) ||
	    nla_put_u8(skb, CNET_A_SOCK_STATE, state) ||
	    nla_put_in_addr(skb, CNET_A_SOCK_LADDR, laddr) ||
	    nla_put_in_addr(skb, CNET_A_SOCK_RADDR, raddr) ||
	    nla_put_u32(skb, CNET_A_SOCK_RQUEUE, rq) ||
	    nla_put_u32(skb, CNET_A_SOCK_WQUEUE, wq) ||
	    nla_put_u32(skb, CNET_A_SOCK_UID,
			from_kuid_munged(ns, sock_i_uid(sk))) ||
	    nla_put_u64_64bit(skb, CNET_A_SOCK_INODE, sock_i_ino(sk),
			      CNET_A_PAD))
		goto cancel;
	if (src->kind == CNET_SOCK_RAW) {
		if (nla_put_u8(skb, CNET_A_SOCK_PROTOCOL, sk->sk_protocol))
			goto cancel;
	} else if (nla_put_u16(skb, CNET_A_SOCK_LPORT, ntohs(key->lport)) ||
		   nla_put_u16(skb, CNET_A_SOCK_RPORT,
			       ntohs(key->rport ?: READ_ONCE(cs->dport)))) {
		goto cancel;
	}
	if (ifindex) {
		rcu_read_lock();
		dev = dev_get_by_index_rcu(sock_net(sk), ifindex);
		if (dev ? cnet_nl_put_dev(skb, dev) :
			  nla_put_u32(skb, CNET_A_IFINDEX, ifindex)) {
			rcu_read_unlock();
			goto cancel;
		}
		rcu_read_unlock();
	}
	if (src->tcp_diag && cnet_sock_put_tcp(skb, sk, src))
		goto cancel;
	genlmsg_end(skb, hdr);
	return 0;
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Report a batch; the references go. Return: true if all fit, else false
 * with the cursor put back before the first socket not reported.
 */
static bool cnet_sock_report(struct sk_buff *skb, struct netlink_callback *cb,
			     struct cnet_sock_dump *d, struct cnet_st_dlist *l,
			     struct cnet_sock_snap *snap, unsigned int n)
{
	const struct cnet_sock_src *src = &cnet_sock_srcs[d->src];
	unsigned int i, j;

	for (i = 0; i < n; i++)
		if (cnet_sock_fill(skb, cb, src, &snap[i]))
			break;
	if (i < n) {
		spin_lock_bh(&l->lock);
		for (j = i; j < n; j++)
			if (cnet_st_cursor_rewind(l, &d->cursor, snap[j].node,
						  snap[j].gen))
				break;
		spin_unlock_bh(&l->lock);
	}
	for (j = 0; j < n; j++)
		if (snap[j].sk)
			sock_put(snap[j].sk);
	return i == n;
}

static int cnet_nl_sock_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cnet_sock_dump *d = (struct cnet_sock_dump *)cb->args[0];
	struct cnet_sock_snap *snap = d->snap;
	struct cnet_st_dlist *l;
	unsigned int n;
	bool end;

	for (; d->src < ARRAY_SIZE(cnet_sock_srcs); d->src++) {
		if (!(d->kinds & BIT(cnet_sock_srcs[d->src].kind)))
			continue;
		l = cnet_sock_src_list(d);
		do {
			spin_lock_bh(&l->lock);
			n = cnet_sock_take(d, l, snap, &end);
			spin_unlock_bh(&l->lock);
			if (!cnet_sock_report(skb, cb, d, l, snap, n))
				return skb->len;
			cond_resched();
		} while (!end);
		spin_lock_bh(&l->lock);
		list_del(&d->cursor.node);
		d->in_list = false;
		spin_unlock_bh(&l->lock);
	}
	return skb->len;
}

/* The request's filters, checked (the policy checked their form). */
static int cnet_nl_sock_start(struct netlink_callback *cb)
{
	struct nlattr **tb = genl_info_dump(cb)->attrs;
	struct net *net = sock_net(cb->skb->sk);
	struct cnet_sock_dump *d;
	struct net_device *dev;
	char name[IFNAMSIZ];
	int ifindex = 0;

	if (tb[CNET_A_SOCK_KINDS] && !nla_get_u32(tb[CNET_A_SOCK_KINDS])) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[CNET_A_SOCK_KINDS],
				    "no kind of socket asked for");
		return -EINVAL;
	}
	if (tb[CNET_A_SOCK_STATES] && !nla_get_u32(tb[CNET_A_SOCK_STATES])) {
		NL_SET_ERR_MSG_ATTR(cb->extack, tb[CNET_A_SOCK_STATES],
				    "no socket state asked for");
		return -EINVAL;
	}
	if (tb[CNET_A_IFINDEX] || tb[CNET_A_IFNAME]) {
		rcu_read_lock();
		if (tb[CNET_A_IFINDEX]) {
			ifindex = nla_get_u32(tb[CNET_A_IFINDEX]);
			dev = dev_get_by_index_rcu(net, ifindex);
		} else {
			nla_strscpy(name, tb[CNET_A_IFNAME], sizeof(name));
			dev = dev_get_by_name_rcu(net, name);
		}
		if (dev && tb[CNET_A_IFINDEX] && tb[CNET_A_IFNAME] &&
		    nla_strcmp(tb[CNET_A_IFNAME], dev->name)) {
			rcu_read_unlock();
			NL_SET_ERR_MSG_ATTR(cb->extack, tb[CNET_A_IFNAME],
					    "device name and index disagree");
			return -EINVAL;
		}
		ifindex = dev ? dev->ifindex : 0;
		rcu_read_unlock();
		if (!ifindex) {
			NL_SET_ERR_MSG(cb->extack, "no such device");
			return -ENODEV;
		}
	}

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	d->cn = cnet_pernet(net);
	d->cursor.cursor = true;
	d->kinds = tb[CNET_A_SOCK_KINDS] ? nla_get_u32(tb[CNET_A_SOCK_KINDS]) :
					   CNET_SOCK_KINDS_ALL;
	d->states = tb[CNET_A_SOCK_STATES] ?
		    nla_get_u32(tb[CNET_A_SOCK_STATES]) : CNET_SOCK_STATES_ALL;
	d->ifindex = ifindex;
	cb->args[0] = (long)d;
	return 0;
}

/* The end of the dump, or the requester closed its socket mid-way. */
static int cnet_nl_sock_done(struct netlink_callback *cb)
{
	struct cnet_sock_dump *d = (struct cnet_sock_dump *)cb->args[0];
	struct cnet_st_dlist *l;

	if (!d)
		return 0;
	if (d->in_list) {
		l = cnet_sock_src_list(d);
		spin_lock_bh(&l->lock);
		list_del(&d->cursor.node);
		spin_unlock_bh(&l->lock);
	}
	kfree(d);
	return 0;
}

const struct genl_ops cnet_nl_sock_ops[CNET_NL_SOCK_N_OPS] = {
	{
		.cmd	= CNET_CMD_SOCK_GET,
		.start	= cnet_nl_sock_start,
		.dumpit	= cnet_nl_sock_dump,
		.done	= cnet_nl_sock_done,
	},
};

/* The uapi numbers are Linux's, which struct sock and TCP use. */
static_assert((int)CNET_SOCK_ST_ESTABLISHED == (int)TCP_ESTABLISHED);
static_assert((int)CNET_SOCK_ST_TIME_WAIT == (int)TCP_TIME_WAIT);
static_assert((int)CNET_SOCK_ST_CLOSE == (int)TCP_CLOSE);
static_assert((int)CNET_SOCK_ST_LISTEN == (int)TCP_LISTEN);
static_assert((int)CNET_SOCK_ST_NEW_SYN_RECV == (int)TCP_NEW_SYN_RECV);
static_assert((int)CNET_SOCK_TIMER_ON == (int)CNET_TCP_TIMER_ON);
static_assert((int)CNET_SOCK_TIMER_PROBE == (int)CNET_TCP_TIMER_PROBE);
static_assert(ARRAY_SIZE(cnet_nl_sock_ops) == CNET_NL_SOCK_N_OPS);
