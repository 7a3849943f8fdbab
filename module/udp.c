// SPDX-License-Identifier: GPL-2.0
/*
 * UDP (RFC 768, RFC 1122 4.1): sockets, socket(AF_CUSTOM, SOCK_DGRAM, 0 or
 * IPPROTO_UDP), with the semantics and errnos of Linux's AF_INET UDP
 * (net/ipv4/udp.c), and input.
 *
 * Ports live in the namespace's socket table (sock_table.c: bind
 * conflicts, RFC 6056 ephemeral ports, lookups without a lock). Input
 * checks the header and the checksum (udp_hdr.c), then gives the datagram
 * to the socket the table finds (exact 4-tuple, bound address and port,
 * port on any address; an SO_REUSEPORT group by flow hash), or to every
 * socket that takes a broadcast; nobody's: ICMP port unreachable (RFC
 * 1122 4.1.3.1; never for a broadcast). Raw sockets of protocol UDP have
 * had their copy before. ICMP errors about what a socket sent come back
 * through cnet_udp_err().
 *
 * Output: one skb per datagram, the user's data copied once into it
 * (page fragments past a page), the checksum always computed (by the
 * device when it offers IPv4 checksum offload: CHECKSUM_PARTIAL), handed
 * to IPv4 output (ip_output.c) along the route of its flow (struct
 * cnet_flow: SO_BINDTODEVICE's device, IP_TOS, IP_TTL, SO_BROADCAST).
 * UDP_CORK and MSG_MORE gather the data of several calls into one
 * datagram.
 *
 * Memory: a datagram being sent is charged to its socket's send buffer
 * (sk_wmem_alloc) until the device or a queue frees it; a queued one to the
 * receiver's receive buffer (sk_rmem_alloc), a full one drops and counts.
 */
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/random.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/sock.h>

#include "cnet.h"
#include "sock.h"
#include "udp_hdr.h"

/**
 * struct cnet_udp_sock - a UDP socket
 * @cs: the AF_CUSTOM socket; must be first
 * @corkflag: UDP_CORK is set
 * @pending: corked data waits in sk_write_queue, for @cork_fl
 * @cork_fl: where it goes (taken when the first part was sent)
 * @cork_dport: to which port
 * @cork_len: how many bytes wait
 *
 * All under lock_sock().
 */
struct cnet_udp_sock {
	struct cnet_sock	cs;
	bool			corkflag;
	bool			pending;
	struct cnet_flow	cork_fl;
	__be16			cork_dport;
	unsigned int		cork_len;
};

static struct cnet_udp_sock *cnet_udp_sk(const struct sock *sk)
{
	return container_of(cnet_sk(sk), struct cnet_udp_sock, cs);
}

static struct cnet_sock_table *udp_table(const struct sock *sk)
{
	return &cnet_pernet(sock_net(sk))->udp_table;
}

/* UDP ports are shared by the rules of sock_table.c: not exclusive. */
void cnet_udp_net_init(struct cnet_net *cn)
{
	WARN_ON(cnet_st_init(&cn->udp_table, false));
}

void cnet_udp_net_exit(struct cnet_net *cn)
{
	cnet_st_destroy(&cn->udp_table);
}

/*
 * The flow hash that picks the member of an SO_REUSEPORT group: keyed
 * with the namespace's port secret, so a sender cannot aim at a member.
 */
static u32 udp_flow_hash(struct cnet_net *cn, __be32 raddr, __be16 rport,
			 __be32 laddr, __be16 lport)
{
	return siphash_3u32((__force u32)raddr, (__force u32)laddr,
			    (__force u32)rport << 16 | (__force u32)lport,
			    &cn->port_key);
}

/* ---- ports ---- */

/*
 * Give @sk a port: @port, or an ephemeral one when 0. Caller holds
 * lock_sock(). The table sees the socket's options as they are now.
 */
static int udp_get_port(struct sock *sk, __be32 laddr, u16 port,
			enum cnet_st_why why)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_port_range range = cnet_local_port_range(cn);
	struct cnet_st_entry *e = &cnet_sk(sk)->st;

	e->reuseaddr = sk->sk_reuse != SK_NO_REUSE;
	e->reuseport = sk->sk_reuseport;
	e->uid = sock_i_uid(sk);
	e->dev_if = READ_ONCE(sk->sk_bound_dev_if);
	return cnet_st_bind(&cn->udp_table, e, laddr, port, &range,
			    get_random_u32(), why);
}

/* The implicit bind of sendmsg() and connect(). Under lock_sock(). */
static int udp_autobind(struct sock *sk)
{
	if (cnet_sk(sk)->st.hashed)
		return 0;
	return udp_get_port(sk, 0, 0, CNET_ST_AUTOBIND);
}

static void udp_unhash(struct sock *sk)
{
	cnet_st_unhash(udp_table(sk), &cnet_sk(sk)->st);
}

/* SO_BINDTODEVICE changed the device: lookups follow at once. */
static void udp_rehash(struct sock *sk)
{
	cnet_st_set_dev(udp_table(sk), &cnet_sk(sk)->st,
			READ_ONCE(sk->sk_bound_dev_if));
}

/*
 * bind(): the address was checked (af_cnet.c: local, any or broadcast).
 * As Linux's inet_bind(): ports below 1024 need CAP_NET_BIND_SERVICE
 * (EACCES), a socket binds once (EINVAL), a port taken is EADDRINUSE; a
 * broadcast address filters what it receives but is not its source.
 */
static int udp_bind(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_sock *cs = cnet_sk(sk);
	u16 port = ntohs(sa->scn_port);
	bool bcast;
	int err;

	if (port && port < PROT_SOCK &&
	    !ns_capable(sock_net(sk)->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;
	rcu_read_lock();
	bcast = sa->scn_addr && cnet_addr_is_bcast_any(cn, sa->scn_addr);
	rcu_read_unlock();

	lock_sock(sk);
	if (cs->st.hashed) {
		err = -EINVAL;	/* already bound */
		goto out;
	}
	err = udp_get_port(sk, sa->scn_addr, port, CNET_ST_BIND);
	if (err)
		goto out;
	WRITE_ONCE(cs->saddr, bcast ? 0 : sa->scn_addr);
	if (sa->scn_addr)
		sk->sk_userlocks |= SOCK_BINDADDR_LOCK;
	if (port)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
out:
	release_sock(sk);
	return err;
}

/*
 * connect(): af_cnet.c checked the address and that a route exists. As
 * Linux's ip4_datagram_connect(): a port if it has none, the source the
 * route picks if it has none (getsockname() shows it), then only this
 * peer's datagrams.
 */
static int udp_connect(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_sock *cs = cnet_sk(sk);
	__be32 saddr;
	int err;

	lock_sock(sk);
	err = udp_autobind(sk);
	if (err)
		goto out;
	err = cnet_sock_route(sk, sa->scn_addr, &saddr);
	if (err)
		goto out;
	if (cs->saddr)
		saddr = cs->saddr;
	err = cnet_st_connect(udp_table(sk), &cs->st,
			      cs->st.key.laddr ?: saddr, sa->scn_addr,
			      sa->scn_port);
	if (err)
		goto out;
	WRITE_ONCE(cs->saddr, saddr);
	WRITE_ONCE(cs->daddr, sa->scn_addr);
	WRITE_ONCE(cs->dport, sa->scn_port);
	sk->sk_state = TCP_ESTABLISHED;
out:
	release_sock(sk);
	return err;
}

/*
 * connect(AF_UNSPEC), as Linux's __udp_disconnect(): no peer, no device;
 * the source connect() chose goes unless bind() set it, and a port
 * bind() did not ask for goes too.
 */
static int udp_disconnect(struct sock *sk, int flags)
{
	struct cnet_sock_table *t = udp_table(sk);
	struct cnet_sock *cs = cnet_sk(sk);
	__be32 laddr;

	lock_sock(sk);
	sk->sk_state = TCP_CLOSE;
	WRITE_ONCE(cs->daddr, 0);
	WRITE_ONCE(cs->dport, 0);
	WRITE_ONCE(sk->sk_bound_dev_if, 0);
	cnet_st_set_dev(t, &cs->st, 0);
	laddr = cs->st.key.laddr;
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK)) {
		WRITE_ONCE(cs->saddr, 0);
		laddr = 0;
	}
	if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK))
		cnet_st_unhash(t, &cs->st);
	else if (cs->st.hashed)
		cnet_st_disconnect(t, &cs->st, laddr);
	release_sock(sk);
	return 0;
}

/* ---- output ---- */

/* Data past this goes into page fragments: one copy, no huge kmalloc. */
#define UDP_LINEAR_MAX	(SKB_MAX_HEAD(LL_MAX_HEADER + sizeof(struct iphdr) + \
				      sizeof(struct udphdr)))

/*
 * An skb for @len bytes of the user's data, charged to @sk's send buffer
 * (blocking, or -EAGAIN with MSG_DONTWAIT, while it is full), with room in
 * front for the UDP, IPv4 and link headers.
 */
static struct sk_buff *udp_alloc(struct sock *sk, struct msghdr *msg,
				 size_t len, int *err)
{
	unsigned int hlen = LL_MAX_HEADER + sizeof(struct iphdr) +
			    sizeof(struct udphdr);
	size_t linear = len <= UDP_LINEAR_MAX ? len : 0;
	struct sk_buff *skb;

	skb = sock_alloc_send_pskb(sk, hlen + linear, len - linear,
				   msg->msg_flags & MSG_DONTWAIT, err,
				   PAGE_ALLOC_COSTLY_ORDER);
	if (!skb)
		return NULL;
	skb_reserve(skb, hlen);
	skb_put(skb, linear);
	skb->data_len = len - linear;
	skb->len += len - linear;
	if (skb_copy_datagram_from_iter(skb, 0, &msg->msg_iter, len)) {
		kfree_skb(skb);
		*err = -EFAULT;
		return NULL;
	}
	return skb;
}

/*
 * May the device compute the checksum (CHECKSUM_PARTIAL)? When it offers
 * IPv4 checksum offload and the datagram leaves whole by it: what IPv4
 * output fragments, or loops back to our own input, is summed here.
 */
static bool udp_csum_offload(const struct sk_buff *skb,
			     const struct cnet_rt_res *res)
{
	const struct net_device *dev = res->cd->dev;

	return res->type != CNET_RT_LOCAL &&
	       (dev->features & (NETIF_F_IP_CSUM | NETIF_F_HW_CSUM)) &&
	       skb->len + sizeof(struct iphdr) <= READ_ONCE(dev->mtu);
}

/*
 * Route @skb (the data) along @fl, put the UDP header with its checksum
 * on and send it. Consumes @skb.
 */
static int udp_send_skb(struct sock *sk, struct sk_buff *skb,
			const struct cnet_flow *fl, __be16 dport, int flags)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_rt_res res;
	struct udphdr *uh;
	int err;

	rcu_read_lock();
	err = cnet_dgram_route(sk, fl, flags, &res);
	if (err || (flags & MSG_PROBE))
		goto drop;

	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	cnet_udp_hdr_build(uh, cnet_sk(sk)->st.key.lport, dport, skb->len);
	if (udp_csum_offload(skb, &res)) {
		/* the device sums from csum_start on and writes it in */
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct udphdr, check);
		uh->check = cnet_udp_pseudo_csum(res.saddr, fl->daddr,
						 skb->len);
	} else {
		uh->check = cnet_udp_csum(res.saddr, fl->daddr, skb->len,
					  skb_checksum(skb, 0, skb->len, 0));
	}
	cnet_inc(cn, CNET_STAT_UDP_TX);
	err = cnet_ip_output_res(cn, skb, fl, &res);
	rcu_read_unlock();
	/*
	 * As Linux: a datagram a full device queue dropped is reported
	 * only to a socket that asked for errors (IP_RECVERR).
	 */
	if (err == -ENOBUFS) {
		cnet_inc(cn, CNET_STAT_UDP_DROP_SNDBUF);
		if (!READ_ONCE(cnet_sk(sk)->recverr))
			err = 0;
	}
	return err;
drop:
	rcu_read_unlock();
	kfree_skb(skb);
	return err;
}

/* Forget corked data. Under lock_sock(). */
static void udp_flush_pending(struct sock *sk)
{
	struct cnet_udp_sock *us = cnet_udp_sk(sk);

	__skb_queue_purge(&sk->sk_write_queue);
	us->pending = false;
	us->cork_len = 0;
}

/*
 * Send the corked data as one datagram: its parts are copied into one
 * skb (corking costs this second copy; a datagram sent at once is copied
 * only once). Under lock_sock().
 */
static int udp_push_pending(struct sock *sk)
{
	struct cnet_udp_sock *us = cnet_udp_sk(sk);
	unsigned int hlen = LL_MAX_HEADER + sizeof(struct iphdr) +
			    sizeof(struct udphdr);
	struct sk_buff *skb, *part;
	int err;

	if (!us->pending)
		return 0;
	skb = alloc_skb(hlen + us->cork_len, sk->sk_allocation);
	if (!skb) {
		udp_flush_pending(sk);
		return -ENOBUFS;
	}
	skb_reserve(skb, hlen);
	skb_queue_walk(&sk->sk_write_queue, part)
		WARN_ON_ONCE(skb_copy_bits(part, 0, skb_put(skb, part->len),
					   part->len));
	/* charged before the parts are freed: the buffer never looks empty */
	skb_set_owner_w(skb, sk);
	udp_flush_pending(sk);
	err = udp_send_skb(sk, skb, &us->cork_fl, us->cork_dport, 0);
	return err;
}

/* Add @len bytes of @msg to the corked data. Under lock_sock(). */
static int udp_append_pending(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct cnet_udp_sock *us = cnet_udp_sk(sk);
	struct sk_buff *skb;
	int err;

	if (us->cork_len + len > CNET_UDP_MAX_PAYLOAD) {
		udp_flush_pending(sk);	/* as Linux: the whole datagram goes */
		return -EMSGSIZE;
	}
	skb = udp_alloc(sk, msg, len, &err);
	if (!skb) {
		udp_flush_pending(sk);
		return err;
	}
	__skb_queue_tail(&sk->sk_write_queue, skb);
	us->cork_len += len;
	return 0;
}

/*
 * Where a sendmsg() goes: msg_name (AF_CUSTOM, or AF_UNSPEC as Linux
 * takes for AF_INET; port 0 is EINVAL), else the connected peer.
 */
static int udp_dest(struct sock *sk, struct msghdr *msg, __be32 *daddr,
		    __be16 *dport)
{
	DECLARE_SOCKADDR(struct sockaddr_cnet *, sa, msg->msg_name);
	struct cnet_sock *cs = cnet_sk(sk);

	if (sa) {
		if (msg->msg_namelen < (int)sizeof(*sa))
			return -EINVAL;
		if (sa->scn_family != AF_CUSTOM && sa->scn_family != AF_UNSPEC)
			return -EAFNOSUPPORT;
		if (!sa->scn_port)
			return -EINVAL;
		*daddr = sa->scn_addr;
		*dport = sa->scn_port;
		return 0;
	}
	if (READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -EDESTADDRREQ;
	*daddr = READ_ONCE(cs->daddr);
	*dport = READ_ONCE(cs->dport);
	return 0;
}

static int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct cnet_udp_sock *us = cnet_udp_sk(sk);
	struct cnet_sock *cs = &us->cs;
	struct cnet_ipcm ipc = { .tos = -1 };
	bool corkreq = READ_ONCE(us->corkflag) || (msg->msg_flags & MSG_MORE);
	struct cnet_flow fl;
	struct sk_buff *skb;
	__be32 daddr, saddr;
	__be16 dport;
	int err;

	if (len > CNET_UDP_MAX_PAYLOAD)
		return -EMSGSIZE;

	/* Corked data waits: this joins it, wherever msg_name points. */
	lock_sock(sk);
	if (us->pending) {
		err = udp_append_pending(sk, msg, len);
		if (!err && !corkreq)
			err = udp_push_pending(sk);
		release_sock(sk);
		return err ?: len;
	}
	release_sock(sk);

	err = udp_dest(sk, msg, &daddr, &dport);
	if (err)
		return err;
	if (msg->msg_controllen) {
		err = cnet_ip_cmsg_send(sk, msg, &ipc);
		if (err)
			return err;
	}

	lock_sock(sk);
	err = udp_autobind(sk);
	saddr = cs->saddr;
	release_sock(sk);
	if (err)
		return err;

	cnet_sock_flow(sk, daddr, ipc.saddr ?: saddr, &fl);
	if (ipc.oif)
		fl.oif = ipc.oif;
	if (ipc.ttl)
		fl.ttl = ipc.ttl;
	if (ipc.tos >= 0)
		fl.tos = ipc.tos;

	if (corkreq) {
		lock_sock(sk);
		if (!us->pending) {
			us->pending = true;
			us->cork_fl = fl;
			us->cork_dport = dport;
			us->cork_len = 0;
		}
		err = udp_append_pending(sk, msg, len);
		release_sock(sk);
		return err ?: len;
	}

	skb = udp_alloc(sk, msg, len, &err);
	if (!skb)
		return err;
	err = udp_send_skb(sk, skb, &fl, dport, msg->msg_flags);
	return err ?: len;
}

/* ---- input ---- */

/*
 * Queue @skb (data at the UDP header) to @sk, found under RCU; false when
 * @sk is going away (@skb is still the caller's). A full receive buffer
 * drops and counts.
 */
static bool udp_queue(struct cnet_net *cn, struct sock *sk,
		      struct sk_buff *skb)
{
	if (!refcount_inc_not_zero(&sk->sk_refcnt))
		return false;
	__skb_pull(skb, sizeof(struct udphdr));
	if (sock_queue_rcv_skb(sk, skb) < 0) {
		cnet_inc(cn, CNET_STAT_UDP_DROP_RCVBUF);
		kfree_skb(skb);
	} else {
		cnet_inc(cn, CNET_STAT_UDP_DELIVERED);
	}
	sock_put(sk);
	return true;
}

struct udp_bcast {
	struct cnet_net		*cn;
	struct sk_buff		*skb;
	__be32			daddr, saddr;
	__be16			dport, sport;
	int			dif;
	bool			wanted;
};

static void udp_bcast_one(struct cnet_st_entry *e, void *arg)
{
	struct udp_bcast *b = arg;
	struct cnet_sock *cs = container_of(e, struct cnet_sock, st);
	struct cnet_st_key k = {
		.laddr = READ_ONCE(e->key.laddr),
		.lport = READ_ONCE(e->key.lport),
		.rport = READ_ONCE(e->key.rport),
		.raddr = READ_ONCE(e->key.raddr),
	};
	struct sk_buff *clone;

	if (!cnet_st_bcast_match(&k, READ_ONCE(e->dev_if), b->daddr, b->dport,
				 b->saddr, b->sport, b->dif))
		return;
	b->wanted = true;
	clone = skb_clone(b->skb, GFP_ATOMIC);
	if (!clone) {
		cnet_inc(b->cn, CNET_STAT_MEM_DROP_NOMEM);
		return;
	}
	if (!udp_queue(b->cn, &cs->sk, clone))
		kfree_skb(clone);	/* the socket is closing */
}

/*
 * A broadcast: a copy to every socket that takes it (as Linux's
 * __udp4_lib_mcast_deliver()). Return: whether one did.
 */
static bool udp_bcast_deliver(struct cnet_dev *cd, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct udphdr *uh = udp_hdr(skb);
	struct udp_bcast b = {
		.cn = cd->cn, .skb = skb,
		.daddr = iph->daddr, .saddr = iph->saddr,
		.dport = uh->dest, .sport = uh->source,
		.dif = cd->dev->ifindex,
	};

	cnet_st_walk_port(&cd->cn->udp_table, uh->dest, udp_bcast_one, &b);
	return b.wanted;
}

static const u8 udp_check_stat[] = {
	[CNET_UDP_SHORT]	= CNET_STAT_UDP_DROP_SHORT,
	[CNET_UDP_BAD_LEN]	= CNET_STAT_UDP_DROP_LEN,
};

/**
 * cnet_udp_rcv - receive a UDP datagram for this host
 * @cd: the device it arrived on
 * @skb: data at the UDP header, network header set; consumed
 *
 * Called from the receive path, in an RCU read-side section; takes no
 * lock.
 */
int cnet_udp_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	struct cnet_net *cn = cd->cn;
	const struct iphdr *iph;
	const struct udphdr *uh;
	struct cnet_st_entry *e;
	enum cnet_udp_check res;
	enum cnet_stat why;
	unsigned int ulen;

	cnet_inc(cn, CNET_STAT_UDP_RX);
	res = cnet_udp_hdr_check(pskb_may_pull(skb, sizeof(*uh)) ?
				 udp_hdr(skb) : NULL, skb->len);
	if (res != CNET_UDP_OK) {
		why = udp_check_stat[res];
		goto drop;
	}
	ulen = ntohs(udp_hdr(skb)->len);
	/* Bytes after the UDP length are not part of the datagram. */
	if (ulen < skb->len && pskb_trim_rcsum(skb, ulen)) {
		why = CNET_STAT_MEM_DROP_NOMEM;
		goto drop;
	}
	if (!cnet_l4_rcv_csum_ok(skb, IPPROTO_UDP, udp_hdr(skb)->check,
				 ulen)) {
		why = CNET_STAT_UDP_DROP_CSUM;
		goto drop;
	}

	iph = ip_hdr(skb);
	uh = udp_hdr(skb);
	if (cnet_dev_is_bcast(cd, iph->daddr)) {
		if (udp_bcast_deliver(cd, skb)) {
			consume_skb(skb);
			return NET_RX_SUCCESS;
		}
	} else {
		e = cnet_st_lookup(&cn->udp_table, iph->daddr, uh->dest,
				   iph->saddr, uh->source, cd->dev->ifindex,
				   udp_flow_hash(cn, iph->saddr, uh->source,
						 iph->daddr, uh->dest));
		if (e && udp_queue(cn, &container_of(e, struct cnet_sock, st)->sk,
				   skb))
			return NET_RX_SUCCESS;
	}

	/* No socket wants it: port unreachable (not for broadcasts). */
	cnet_icmp_send_error(cn, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
	why = CNET_STAT_UDP_DROP_NO_PORT;
drop:
	cnet_inc(cn, why);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * cnet_udp_err - report an ICMP error to the UDP socket that caused it
 * @cn: the namespace
 * @skb: the error, data at the ICMP header, the quote linear up to the
 *	UDP header's end; not consumed
 * @e: the parsed error
 *
 * The socket is looked up as the quoted datagram's reply would be (as
 * Linux's __udp4_lib_err()); cnet_ip_icmp_error() sets its error (a
 * connected socket's next call fails with it) and, with IP_RECVERR,
 * queues the error. Called from the receive path, in an RCU read-side
 * section.
 */
void cnet_udp_err(struct cnet_net *cn, struct sk_buff *skb,
		  const struct cnet_icmp_err *e)
{
	const struct udphdr *uh = (const struct udphdr *)(skb->data +
							  e->l4_off);
	struct cnet_st_entry *st;

	st = cnet_st_lookup(&cn->udp_table, e->saddr, uh->source, e->daddr,
			    uh->dest, skb->dev ? skb->dev->ifindex : 0,
			    udp_flow_hash(cn, e->daddr, uh->dest, e->saddr,
					  uh->source));
	if (!st)
		return;
	if (cnet_sock_deliver(cn, &container_of(st, struct cnet_sock, st)->sk,
			      skb, e))
		cnet_inc(cn, CNET_STAT_UDP_ICMP_ERR_RX);
}

/* ---- recvmsg ---- */

static int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len)
{
	return cnet_dgram_recv(sk, msg, len, flags, true);
}

/* ---- options ---- */

/* SOL_UDP: UDP_CORK (an int; turning it off sends what waits). */
static int udp_setsockopt(struct sock *sk, int level, int optname,
			  sockptr_t optval, unsigned int optlen)
{
	struct cnet_udp_sock *us = cnet_udp_sk(sk);
	int val, err = 0;

	if (level != SOL_UDP)
		return cnet_ip_setsockopt(sk, level, optname, optval, optlen);
	if (optname != UDP_CORK)
		return -ENOPROTOOPT;
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	lock_sock(sk);
	WRITE_ONCE(us->corkflag, !!val);
	if (!val)
		err = udp_push_pending(sk);
	release_sock(sk);
	return err;
}

static int udp_getsockopt(struct sock *sk, int level, int optname,
			  char __user *optval, int __user *optlen)
{
	int val, len;

	if (level != SOL_UDP)
		return cnet_ip_getsockopt(sk, level, optname, optval, optlen);
	if (optname != UDP_CORK)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = min_t(int, len, sizeof(int));
	val = READ_ONCE(cnet_udp_sk(sk)->corkflag);
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

/* close(): corked data is dropped, as Linux's udp_destroy_sock(). */
static void udp_destroy(struct sock *sk)
{
	udp_flush_pending(sk);
}

struct proto cnet_udp_prot = {
	.name		= "CNET_UDP",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct cnet_udp_sock),
	.bind		= udp_bind,
	.connect	= udp_connect,
	.disconnect	= udp_disconnect,
	.unhash		= udp_unhash,
	.rehash		= udp_rehash,
	.destroy	= udp_destroy,
	.sendmsg	= udp_sendmsg,
	.recvmsg	= udp_recvmsg,
	.setsockopt	= udp_setsockopt,
	.getsockopt	= udp_getsockopt,
};
