// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_CUSTOM socket family: ICMP ping sockets and raw sockets.
 *
 *   socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP)   ping socket: the user
 *	sends ICMP echo requests (header + data), the stack owns the echo
 *	identifier (the socket's "port") and fills in the checksum; recvmsg
 *	returns the matching echo replies, from the ICMP header on.
 *   socket(AF_CUSTOM, SOCK_RAW, P)                raw, P in 1..254,
 *	CAP_NET_RAW only: sends the user's message (transport header and
 *	data) as is, under an IPv4 header of protocol P the stack builds;
 *	receives a copy of every local packet of protocol P, from the IPv4
 *	header on (ICMP: once its checksum verified). IPPROTO_RAW and
 *	IP_HDRINCL (the user writing the IPv4 header) are not supported.
 *
 * Addresses are struct sockaddr_cnet (the layout of sockaddr_in). Level
 * SOL_IP options IP_TTL, IP_RECVTTL and IP_RECVERR behave as on Linux:
 * with IP_RECVERR, ICMP errors about what a socket sent wait on its error
 * queue (recvmsg MSG_ERRQUEUE; poll says EPOLLERR).
 *
 * Sockets are found by the receive path under RCU (SOCK_RCU_FREE) and
 * pinned with refcount_inc_not_zero() while a packet is queued to them.
 */
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/hash.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <net/sock.h>

#include "cnet.h"

/**
 * struct cnet_sock - an AF_CUSTOM socket
 * @sk: must be first
 * @node: in the namespace's ping hash or raw list (sock_lock; RCU readers)
 * @hashed: @node is linked
 * @ident: ping: echo identifier, network order
 * @saddr: bound local address, 0 for any
 * @daddr: connected peer, 0 for none
 * @ttl: IP_TTL, 0 for the default
 * @recvttl: IP_RECVTTL
 * @recverr: IP_RECVERR: queue ICMP errors on the error queue
 *
 * @saddr, @daddr and @ident change under lock_sock() and are read by the
 * receive path with READ_ONCE().
 */
struct cnet_sock {
	struct sock		sk;
	struct hlist_node	node;
	bool			hashed;
	__be16			ident;
	__be32			saddr;
	__be32			daddr;
	u8			ttl;
	bool			recvttl;
	bool			recverr;
};

static inline struct cnet_sock *cnet_sk(const struct sock *sk)
{
	return container_of(sk, struct cnet_sock, sk);
}

static struct proto cnet_proto = {
	.name		= "CNET",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct cnet_sock),
};

static bool cnet_sock_is_raw(const struct sock *sk)
{
	return sk->sk_type == SOCK_RAW;
}

void cnet_pernet_sock_init(struct cnet_net *cn)
{
	unsigned int i;

	spin_lock_init(&cn->sock_lock);
	for (i = 0; i < ARRAY_SIZE(cn->ping_hash); i++)
		INIT_HLIST_HEAD(&cn->ping_hash[i]);
	INIT_HLIST_HEAD(&cn->raw_socks);
	cn->ping_next_ident = 1;
}

static struct hlist_head *ping_bucket(struct cnet_net *cn, u16 ident)
{
	return &cn->ping_hash[hash_32(ident, CNET_PING_HASH_BITS)];
}

static bool ping_ident_used(struct cnet_net *cn, u16 ident)
{
	struct cnet_sock *cs;

	hlist_for_each_entry(cs, ping_bucket(cn, ident), node)
		if (ntohs(cs->ident) == ident)
			return true;
	return false;
}

/*
 * Give a ping socket its identifier: @want, or a free one when 0. Each
 * identifier belongs to one socket per namespace. Caller holds lock_sock().
 */
static int ping_hash(struct cnet_net *cn, struct cnet_sock *cs, u16 want)
{
	u16 id = want;
	unsigned int tries;
	int err = 0;

	spin_lock_bh(&cn->sock_lock);
	if (cs->hashed) {
		if (want && want != ntohs(cs->ident))
			err = -EINVAL;
		goto out;
	}
	if (want) {
		if (ping_ident_used(cn, want)) {
			err = -EADDRINUSE;
			goto out;
		}
	} else {
		for (tries = 0; tries < 0xffff; tries++) {
			id = cn->ping_next_ident++;
			if (!id)
				continue;
			if (!ping_ident_used(cn, id))
				break;
		}
		if (tries == 0xffff) {
			err = -EAGAIN;
			goto out;
		}
	}
	WRITE_ONCE(cs->ident, htons(id));
	hlist_add_head_rcu(&cs->node, ping_bucket(cn, id));
	cs->hashed = true;
out:
	spin_unlock_bh(&cn->sock_lock);
	return err;
}

static void cnet_sock_unhash(struct cnet_net *cn, struct cnet_sock *cs)
{
	spin_lock_bh(&cn->sock_lock);
	if (cs->hashed) {
		hlist_del_rcu(&cs->node);
		cs->hashed = false;
	}
	spin_unlock_bh(&cn->sock_lock);
}

/* Queue @skb to @sk, counting a drop when its receive buffer is full. */
static void cnet_sock_queue(struct cnet_net *cn, struct sock *sk,
			    struct sk_buff *skb)
{
	if (sock_queue_rcv_skb(sk, skb) < 0) {
		cnet_inc(cn, CNET_STAT_SOCK_DROP_RCVBUF);
		kfree_skb(skb);
	}
}

static bool cnet_sock_match(const struct cnet_sock *cs,
			    const struct iphdr *iph)
{
	__be32 saddr = READ_ONCE(cs->saddr), daddr = READ_ONCE(cs->daddr);

	return (!saddr || saddr == iph->daddr) &&
	       (!daddr || daddr == iph->saddr);
}

/**
 * cnet_ping_deliver - give an echo reply to the ping socket it answers
 * @cn: the namespace
 * @skb: data at the ICMP header; consumed when true is returned
 *
 * Called from the receive path, in an RCU read-side section.
 */
bool cnet_ping_deliver(struct cnet_net *cn, struct sk_buff *skb)
{
	u16 ident = ntohs(icmp_hdr(skb)->un.echo.id);
	const struct iphdr *iph = ip_hdr(skb);
	struct cnet_sock *cs;

	hlist_for_each_entry_rcu(cs, ping_bucket(cn, ident), node) {
		if (ntohs(READ_ONCE(cs->ident)) != ident ||
		    !cnet_sock_match(cs, iph))
			continue;
		if (!refcount_inc_not_zero(&cs->sk.sk_refcnt))
			continue;
		cnet_sock_queue(cn, &cs->sk, skb);
		sock_put(&cs->sk);
		return true;
	}
	return false;
}

/**
 * cnet_raw_deliver - give raw sockets their copies of a local packet
 * @cn: the namespace
 * @skb: data at the transport header, network header set; not consumed
 *
 * Every raw socket of the packet's protocol whose bound and connected
 * addresses match gets its own clone, from the IPv4 header on (as Linux's
 * raw sockets). Called from the receive path, in an RCU read-side section.
 *
 * Return: whether some socket wanted it (even if its buffer was full).
 */
bool cnet_raw_deliver(struct cnet_net *cn, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct sk_buff *clone;
	struct cnet_sock *cs;
	bool wanted = false;

	hlist_for_each_entry_rcu(cs, &cn->raw_socks, node) {
		if (cs->sk.sk_protocol != iph->protocol ||
		    !cnet_sock_match(cs, iph))
			continue;
		if (!refcount_inc_not_zero(&cs->sk.sk_refcnt))
			continue;
		wanted = true;
		clone = skb_clone(skb, GFP_ATOMIC);
		if (clone) {
			skb_push(clone, skb->data - skb_network_header(skb));
			cnet_inc(cn, CNET_STAT_RAW_RX);
			cnet_sock_queue(cn, &cs->sk, clone);
		} else {
			cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		}
		sock_put(&cs->sk);
	}
	return wanted;
}

/*
 * Report ICMP error @e (in @skb, data at the ICMP header) to @sk, as Linux
 * does: with IP_RECVERR, a clone goes on the error queue, its data the
 * quoted transport header on, and the error is set; without, only a hard
 * error on a connected socket is set. Caller holds a reference on @sk.
 */
static void cnet_sock_icmp_error(struct cnet_net *cn, struct sock *sk,
				 struct sk_buff *skb,
				 const struct cnet_icmp_err *e)
{
	struct sock_exterr_skb *serr;
	struct sk_buff *clone;
	bool fatal;
	int err;

	err = -cnet_icmp_err_errno(e->type, e->code, &fatal);
	if (!err)
		return;
	if (!READ_ONCE(cnet_sk(sk)->recverr)) {
		if (!fatal || READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
			return;
		goto report;
	}

	clone = skb_clone(skb, GFP_ATOMIC);
	if (!clone) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		return;
	}
	serr = SKB_EXT_ERR(clone);
	memset(serr, 0, sizeof(*serr));
	serr->ee.ee_errno = err;
	serr->ee.ee_origin = SO_EE_ORIGIN_ICMP;
	serr->ee.ee_type = e->type;
	serr->ee.ee_code = e->code;
	if (e->type == ICMP_DEST_UNREACH && e->code == ICMP_FRAG_NEEDED)
		serr->ee.ee_info = ntohs(((struct icmphdr *)skb->data)->un.frag.mtu);
	else if (e->type == ICMP_PARAMETERPROB)
		serr->ee.ee_info = ntohl(e->info) >> 24;
	/* where the quoted destination is, from the outer IPv4 header */
	serr->addr_offset = skb->data + sizeof(struct icmphdr) +
			    offsetof(struct iphdr, daddr) -
			    skb_network_header(skb);
	__skb_pull(clone, e->l4_off);
	if (sock_queue_err_skb(sk, clone)) {
		cnet_inc(cn, CNET_STAT_SOCK_DROP_RCVBUF);
		kfree_skb(clone);
		return;
	}
	cnet_inc(cn, CNET_STAT_ICMP_ERR_QUEUED);
report:
	WRITE_ONCE(sk->sk_err, err);
	sk_error_report(sk);
}

/* May @cs have sent the packet @e quotes? */
static bool cnet_sock_err_match(const struct cnet_sock *cs,
				const struct cnet_icmp_err *e)
{
	__be32 saddr = READ_ONCE(cs->saddr), daddr = READ_ONCE(cs->daddr);

	return (!saddr || saddr == e->saddr) && (!daddr || daddr == e->daddr);
}

/**
 * cnet_sock_err_deliver - report an ICMP error to the sockets it concerns
 * @cn: the namespace
 * @skb: the error, data at the ICMP header, parsed into @e (the header
 *	and the quote up to @e->l4_off + 8 linear); not consumed
 * @e: the parsed error
 *
 * A quoted echo request is the ping socket's with its identifier; any
 * quoted protocol P, the raw sockets of protocol P that could have sent
 * it. (Every raw ICMP socket got the error itself already.) Called from
 * the receive path, in an RCU read-side section.
 */
void cnet_sock_err_deliver(struct cnet_net *cn, struct sk_buff *skb,
			   const struct cnet_icmp_err *e)
{
	struct cnet_sock *cs;

	if (e->echo) {
		u16 ident = ntohs(e->echo_id);

		hlist_for_each_entry_rcu(cs, ping_bucket(cn, ident), node) {
			if (READ_ONCE(cs->ident) != e->echo_id ||
			    !cnet_sock_err_match(cs, e))
				continue;
			if (!refcount_inc_not_zero(&cs->sk.sk_refcnt))
				continue;
			cnet_sock_icmp_error(cn, &cs->sk, skb, e);
			sock_put(&cs->sk);
			break;
		}
	}
	hlist_for_each_entry_rcu(cs, &cn->raw_socks, node) {
		if (cs->sk.sk_protocol != e->proto ||
		    !cnet_sock_err_match(cs, e))
			continue;
		if (!refcount_inc_not_zero(&cs->sk.sk_refcnt))
			continue;
		cnet_sock_icmp_error(cn, &cs->sk, skb, e);
		sock_put(&cs->sk);
	}
}

/* Runs when the last reference goes: drop what was queued meanwhile. */
static void cnet_sock_destruct(struct sock *sk)
{
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_error_queue);
}

static int cnet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	cnet_sock_unhash(cnet_pernet(sock_net(sk)), cnet_sk(sk));
	lock_sock(sk);
	sock_orphan(sk);
	sock->sk = NULL;
	release_sock(sk);
	sock_put(sk);
	return 0;
}

/* Validate a user's address: AF_CUSTOM and long enough. */
static int cnet_get_addr(const struct sockaddr *uaddr, int len,
			 struct sockaddr_cnet *out)
{
	if (len < (int)sizeof(*out))
		return -EINVAL;
	memcpy(out, uaddr, sizeof(*out));
	if (out->scn_family != AF_CUSTOM)
		return -EAFNOSUPPORT;
	return 0;
}

static int cnet_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sock *sk = sock->sk;
	struct cnet_sock *cs = cnet_sk(sk);
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct sockaddr_cnet sa;
	bool local;
	int err;

	err = cnet_get_addr(uaddr, len, &sa);
	if (err)
		return err;
	if (sa.scn_addr) {
		rcu_read_lock();
		local = cnet_ip_is_local(cn, sa.scn_addr);
		rcu_read_unlock();
		if (!local)
			return -EADDRNOTAVAIL;
	}

	lock_sock(sk);
	if (cs->saddr || (!cnet_sock_is_raw(sk) && cs->hashed)) {
		err = -EINVAL;	/* already bound */
		goto out;
	}
	if (!cnet_sock_is_raw(sk)) {
		err = ping_hash(cn, cs, ntohs(sa.scn_port));
		if (err)
			goto out;
	}
	WRITE_ONCE(cs->saddr, sa.scn_addr);
out:
	release_sock(sk);
	return err;
}

static int cnet_connect(struct socket *sock, struct sockaddr *uaddr, int len,
			int flags)
{
	struct sock *sk = sock->sk;
	struct cnet_sock *cs = cnet_sk(sk);
	struct sockaddr_cnet sa;
	int err = 0;

	if (len >= (int)sizeof(sa.scn_family) &&
	    uaddr->sa_family == AF_UNSPEC) {
		lock_sock(sk);
		WRITE_ONCE(cs->daddr, 0);
		sk->sk_state = TCP_CLOSE;
		release_sock(sk);
		return 0;
	}
	err = cnet_get_addr(uaddr, len, &sa);
	if (err)
		return err;
	if (!sa.scn_addr)
		return -EINVAL;

	lock_sock(sk);
	if (!cnet_sock_is_raw(sk))
		err = ping_hash(cnet_pernet(sock_net(sk)), cs, 0);
	if (!err) {
		WRITE_ONCE(cs->daddr, sa.scn_addr);
		sk->sk_state = TCP_ESTABLISHED;
	}
	release_sock(sk);
	return err;
}

static int cnet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sock *sk = sock->sk;
	struct cnet_sock *cs = cnet_sk(sk);
	struct sockaddr_cnet *sa = (struct sockaddr_cnet *)uaddr;

	memset(sa, 0, sizeof(*sa));
	sa->scn_family = AF_CUSTOM;
	lock_sock(sk);
	if (peer) {
		if (!cs->daddr) {
			release_sock(sk);
			return -ENOTCONN;
		}
		sa->scn_addr = cs->daddr;
	} else {
		sa->scn_addr = cs->saddr;
		sa->scn_port = cs->ident;
	}
	release_sock(sk);
	return sizeof(*sa);
}

static int cnet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	struct cnet_sock *cs = cnet_sk(sk);
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	bool raw = cnet_sock_is_raw(sk);
	struct sockaddr_cnet sa;
	struct icmphdr *icmph;
	struct sk_buff *skb;
	__be32 daddr, saddr;
	__be16 ident = 0;
	int err;

	if (msg->msg_flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_CMSG_COMPAT))
		return -EOPNOTSUPP;
	if (sk->sk_protocol == IPPROTO_ICMP && len < sizeof(*icmph))
		return -EINVAL;
	if (len > 0xffff - sizeof(struct iphdr))
		return -EMSGSIZE;

	if (msg->msg_name) {
		err = cnet_get_addr(msg->msg_name, msg->msg_namelen, &sa);
		if (err)
			return err;
		daddr = sa.scn_addr;
	} else {
		daddr = READ_ONCE(cs->daddr);
		if (!daddr)
			return -EDESTADDRREQ;
	}

	lock_sock(sk);
	err = raw ? 0 : ping_hash(cn, cs, 0);
	saddr = cs->saddr;
	ident = cs->ident;
	release_sock(sk);
	if (err)
		return err;

	skb = sock_alloc_send_skb(sk, LL_MAX_HEADER + sizeof(struct iphdr) + len,
				  msg->msg_flags & MSG_DONTWAIT, &err);
	if (!skb)
		return err;
	skb_reserve(skb, LL_MAX_HEADER + sizeof(struct iphdr));
	icmph = skb_put(skb, len);
	if (memcpy_from_msg(icmph, msg, len)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	if (!raw) {
		/* A ping socket sends echo requests and nothing else. */
		if (icmph->type != ICMP_ECHO || icmph->code != 0) {
			kfree_skb(skb);
			return -EINVAL;
		}
		icmph->un.echo.id = ident;
		icmph->checksum = 0;
		icmph->checksum = cnet_csum(icmph, len);
	}

	if (sk->sk_protocol == IPPROTO_ICMP)
		cnet_inc(cn, CNET_STAT_ICMP_TX);
	err = cnet_ip_output(cn, skb, saddr, daddr, sk->sk_protocol,
			     READ_ONCE(cs->ttl) ?: CNET_IP_DEFAULT_TTL,
			     sock_flag(sk, SOCK_BROADCAST));
	return err ?: len;
}

/*
 * recvmsg(MSG_ERRQUEUE): the oldest queued ICMP error. Data: the original
 * packet from its transport header on (as far as quoted); msg_name: its
 * destination; cmsg SOL_IP/IP_RECVERR: the sock_extended_err followed by
 * the offender (the error's sender) as a struct sockaddr_cnet.
 */
static int cnet_recv_error(struct sock *sk, struct msghdr *msg, size_t len,
			   int flags)
{
	struct {
		struct sock_extended_err	ee;
		struct sockaddr_cnet		offender;
	} errhdr;
	struct sock_exterr_skb *serr;
	struct sk_buff *skb;
	size_t copied;
	int err;

	skb = sock_dequeue_err_skb(sk);
	if (!skb)
		return -EAGAIN;
	copied = skb->len;
	if (copied > len) {
		msg->msg_flags |= MSG_TRUNC;
		copied = len;
	}
	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	if (err)
		goto out;
	sock_recv_timestamp(msg, sk, skb);

	serr = SKB_EXT_ERR(skb);
	if (msg->msg_name) {
		DECLARE_SOCKADDR(struct sockaddr_cnet *, sa, msg->msg_name);

		memset(sa, 0, sizeof(*sa));
		sa->scn_family = AF_CUSTOM;
		memcpy(&sa->scn_addr, skb_network_header(skb) + serr->addr_offset,
		       sizeof(sa->scn_addr));
		msg->msg_namelen = sizeof(*sa);
	}
	memset(&errhdr, 0, sizeof(errhdr));
	errhdr.ee = serr->ee;
	errhdr.offender.scn_family = AF_CUSTOM;
	errhdr.offender.scn_addr = ip_hdr(skb)->saddr;
	put_cmsg(msg, SOL_IP, IP_RECVERR, sizeof(errhdr), &errhdr);
	msg->msg_flags |= MSG_ERRQUEUE;
	err = (flags & MSG_TRUNC) ? skb->len : copied;
out:
	kfree_skb(skb);
	return err;
}

static int cnet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
			int flags)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & MSG_ERRQUEUE) {
		if (flags & ~(MSG_ERRQUEUE | MSG_DONTWAIT | MSG_TRUNC |
			      MSG_CMSG_COMPAT))
			return -EOPNOTSUPP;
		return cnet_recv_error(sk, msg, len, flags);
	}
	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC | MSG_CMSG_COMPAT |
		      MSG_WAITALL))
		return -EOPNOTSUPP;

	skb = skb_recv_datagram(sk, flags, &err);
	if (!skb)
		return err;

	copied = skb->len;
	if (copied > len) {
		copied = len;
		msg->msg_flags |= MSG_TRUNC;
	}
	err = skb_copy_datagram_msg(skb, 0, msg, copied);
	if (err)
		goto out;

	sock_recv_timestamp(msg, sk, skb);
	if (msg->msg_name) {
		DECLARE_SOCKADDR(struct sockaddr_cnet *, sa, msg->msg_name);

		memset(sa, 0, sizeof(*sa));
		sa->scn_family = AF_CUSTOM;
		sa->scn_addr = ip_hdr(skb)->saddr;
		msg->msg_namelen = sizeof(*sa);
	}
	if (READ_ONCE(cnet_sk(sk)->recvttl)) {
		int ttl = ip_hdr(skb)->ttl;

		put_cmsg(msg, SOL_IP, IP_TTL, sizeof(ttl), &ttl);
	}
	err = (flags & MSG_TRUNC) ? skb->len : copied;
out:
	skb_free_datagram(sk, skb);
	return err;
}

static int cnet_setsockopt(struct socket *sock, int level, int optname,
			   sockptr_t optval, unsigned int optlen)
{
	struct cnet_sock *cs = cnet_sk(sock->sk);
	int val;

	if (level != SOL_IP)
		return -ENOPROTOOPT;
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;

	switch (optname) {
	case IP_TTL:
		if (val == -1)
			val = 0;	/* back to the default */
		else if (val < 1 || val > 255)
			return -EINVAL;
		WRITE_ONCE(cs->ttl, val);
		return 0;
	case IP_RECVTTL:
		WRITE_ONCE(cs->recvttl, !!val);
		return 0;
	case IP_RECVERR:
		WRITE_ONCE(cs->recverr, !!val);
		if (!val)	/* as Linux: turning it off drops what waits */
			skb_queue_purge(&sock->sk->sk_error_queue);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static int cnet_getsockopt(struct socket *sock, int level, int optname,
			   char __user *optval, int __user *optlen)
{
	struct cnet_sock *cs = cnet_sk(sock->sk);
	int val, len;

	if (level != SOL_IP)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < (int)sizeof(int))
		return -EINVAL;

	switch (optname) {
	case IP_TTL:
		val = READ_ONCE(cs->ttl) ?: CNET_IP_DEFAULT_TTL;
		break;
	case IP_RECVTTL:
		val = READ_ONCE(cs->recvttl);
		break;
	case IP_RECVERR:
		val = READ_ONCE(cs->recverr);
		break;
	default:
		return -ENOPROTOOPT;
	}
	len = sizeof(int);
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static int cnet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int amount = 0;

	switch (cmd) {
	case SIOCOUTQ:
		amount = sk_wmem_alloc_get(sk);
		break;
	case SIOCINQ:
		spin_lock_bh(&sk->sk_receive_queue.lock);
		skb = skb_peek(&sk->sk_receive_queue);
		if (skb)
			amount = skb->len;
		spin_unlock_bh(&sk->sk_receive_queue.lock);
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return put_user(amount, (int __user *)arg);
}

/* Ping and raw sockets differ only in what sendmsg and the receive path do. */
static const struct proto_ops cnet_icmp_ops = {
	.family		= PF_CUSTOM,
	.owner		= THIS_MODULE,
	.release	= cnet_release,
	.bind		= cnet_bind,
	.connect	= cnet_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= sock_no_accept,
	.getname	= cnet_getname,
	.poll		= datagram_poll,
	.ioctl		= cnet_ioctl,
	.listen		= sock_no_listen,
	.shutdown	= sock_no_shutdown,
	.setsockopt	= cnet_setsockopt,
	.getsockopt	= cnet_getsockopt,
	.sendmsg	= cnet_sendmsg,
	.recvmsg	= cnet_recvmsg,
	.mmap		= sock_no_mmap,
};

static int cnet_create(struct net *net, struct socket *sock, int protocol,
		       int kern)
{
	struct cnet_net *cn = cnet_pernet(net);
	struct sock *sk;

	switch (sock->type) {
	case SOCK_DGRAM:
		if (protocol != IPPROTO_ICMP)
			return -EPROTONOSUPPORT;
		break;
	case SOCK_RAW:
		/* 0 is no protocol; IPPROTO_RAW (IP_HDRINCL) is not done */
		if (protocol <= 0 || protocol >= IPPROTO_RAW)
			return -EPROTONOSUPPORT;
		if (!kern && !ns_capable(net->user_ns, CAP_NET_RAW))
			return -EPERM;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}

	sk = sk_alloc(net, PF_CUSTOM, GFP_KERNEL, &cnet_proto, kern);
	if (!sk)
		return -ENOBUFS;
	sock->ops = &cnet_icmp_ops;
	sock_init_data(sock, sk);
	sk->sk_protocol = protocol;
	sk->sk_destruct = cnet_sock_destruct;
	sock_set_flag(sk, SOCK_RCU_FREE);

	if (sock->type == SOCK_RAW) {
		spin_lock_bh(&cn->sock_lock);
		hlist_add_head_rcu(&cnet_sk(sk)->node, &cn->raw_socks);
		cnet_sk(sk)->hashed = true;
		spin_unlock_bh(&cn->sock_lock);
	}
	return 0;
}

static const struct net_proto_family cnet_family_ops = {
	.family	= PF_CUSTOM,
	.create	= cnet_create,
	.owner	= THIS_MODULE,
};

int cnet_socket_register(void)
{
	int err;

	err = proto_register(&cnet_proto, 1);
	if (err)
		return err;
	err = sock_register(&cnet_family_ops);
	if (err) {
		if (err == -EEXIST)
			pr_err("address family %d is already registered by another module; cnet cannot use it\n",
			       AF_CUSTOM);
		proto_unregister(&cnet_proto);
	}
	return err;
}

void cnet_socket_unregister(void)
{
	sock_unregister(PF_CUSTOM);
	proto_unregister(&cnet_proto);
}
