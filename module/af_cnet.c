// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_CUSTOM socket family (as net/ipv4/af_inet.c for AF_INET):
 * socket() picks a socket type by type and protocol (cnet_protosw[]);
 * the proto_ops every type shares check what the user passed and call the
 * type's struct proto for the rest.
 *
 *   socket(AF_CUSTOM, SOCK_DGRAM, 0 or IPPROTO_UDP)  UDP socket (udp.c)
 *   socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP)   ping socket (ping.c)
 *   socket(AF_CUSTOM, SOCK_RAW, P)                raw, P in 1..254,
 *						   CAP_NET_RAW only (raw.c)
 *   socket(AF_CUSTOM, SOCK_STREAM, 0 or IPPROTO_TCP) TCP socket (tcp_sock.c)
 *
 * Addresses are struct sockaddr_cnet (the layout of sockaddr_in). Level
 * SOL_IP options, control messages and the error queue: ip_sockglue.c.
 *
 * Sockets are found by the receive path under RCU (SOCK_RCU_FREE) and
 * pinned with refcount_inc_not_zero() while a packet is queued to them.
 */
#include <linux/in.h>
#include <linux/module.h>
#include <linux/net.h>
#include <linux/random.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <net/sock.h>

#include "cnet.h"
#include "sock.h"
#include "tcp.h"

/**
 * struct cnet_protosw - a socket type socket() can create
 * @type: SOCK_DGRAM, SOCK_RAW...
 * @protocol: the protocol it takes, or 0 for any that @protocol_ok accepts
 * @dflt: protocol 0 means @protocol (as Linux's IPPROTO_IP for UDP)
 * @protocol_ok: with @protocol 0, which protocols the type takes
 * @prot: what the type does
 * @ops: the socket calls, &cnet_dgram_ops if NULL
 * @need_net_raw: only with CAP_NET_RAW (in the namespace's user namespace)
 */
struct cnet_protosw {
	unsigned short	type;
	int		protocol;
	bool		dflt;
	bool		(*protocol_ok)(int protocol);
	struct proto	*prot;
	const struct proto_ops *ops;
	bool		need_net_raw;
};

static const struct cnet_protosw cnet_protosw[] = {
	{
		.type		= SOCK_DGRAM,
		.protocol	= IPPROTO_UDP,
		.dflt		= true,
		.prot		= &cnet_udp_prot,
	},
	{
		.type		= SOCK_DGRAM,
		.protocol	= IPPROTO_ICMP,
		.prot		= &cnet_ping_prot,
	},
	{
		.type		= SOCK_STREAM,
		.protocol	= IPPROTO_TCP,
		.dflt		= true,
		.prot		= &cnet_tcp_prot,
		.ops		= &cnet_stream_ops,
	},
	{
		.type		= SOCK_RAW,
		.protocol_ok	= cnet_raw_protocol_ok,
		.prot		= &cnet_raw_prot,
		.need_net_raw	= true,
	},
};

void cnet_pernet_sock_init(struct cnet_net *cn)
{
	cn->ip_local_port_range = CNET_PORT_RANGE_LO_DEFAULT |
				  CNET_PORT_RANGE_HI_DEFAULT << 16;
	get_random_bytes(&cn->port_key, sizeof(cn->port_key));
	mutex_init(&cn->raw_lock);
	INIT_HLIST_HEAD(&cn->raw_socks);
	cnet_st_dlist_init(&cn->raw_all);
	cnet_ping_net_init(cn);
	cnet_udp_net_init(cn);
	cnet_tcp_net_init(cn);
	cnet_tcp_minisock_net_init(cn);
}

/* No socket is left: each holds a reference on its namespace. */
void cnet_pernet_sock_exit(struct cnet_net *cn)
{
	WARN_ON_ONCE(!hlist_empty(&cn->raw_socks));
	WARN_ON_ONCE(!list_empty(&cn->raw_all.head));
	mutex_destroy(&cn->raw_lock);
	cnet_ping_net_exit(cn);
	cnet_udp_net_exit(cn);
	cnet_tcp_minisock_net_exit(cn);
	cnet_tcp_net_exit(cn);
}

/* Queue @skb to @sk, counting a drop when its receive buffer is full. */
static void cnet_sock_queue(struct cnet_net *cn, struct sock *sk, struct sk_buff *skb)
{
	if (sock_queue_rcv_skb(sk, skb) < 0) {
		cnet_inc(cn, CNET_STAT_SOCK_DROP_RCVBUF);
		kfree_skb(skb);
	}
}

/**
 * cnet_sock_deliver - hand a socket found under RCU a packet or an error
 * @cn: the namespace
 * @sk: the socket, found in an RCU read-side section
 * @skb: a packet for its receive queue (@e NULL), or the ICMP error @e
 * @e: NULL, or the parsed ICMP error that @skb is
 *
 * Holds @sk meanwhile: a socket whose last reference is gone is being
 * freed (SOCK_RCU_FREE keeps its memory) and gets nothing, so nothing is
 * queued after sk_destruct purged its queues. An error is reported by
 * cnet_ip_icmp_error().
 *
 * Return: false when @sk is going away: nothing was done, @skb is still
 * the caller's. Else true: a packet was consumed (queued, or dropped and
 * counted when the receive buffer is full); an error's @skb never is.
 */
bool cnet_sock_deliver(struct cnet_net *cn, struct sock *sk,
		       struct sk_buff *skb, const struct cnet_icmp_err *e)
{
	if (!refcount_inc_not_zero(&sk->sk_refcnt))
		return false;
	if (e)
		cnet_ip_icmp_error(cn, sk, skb, e);
	else
		cnet_sock_queue(cn, sk, skb);
	sock_put(sk);
	return true;
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
	sk->sk_prot->unhash(sk);
	lock_sock(sk);
	/* what the type still holds, charged to the socket (UDP_CORK) */
	if (sk->sk_prot->destroy)
		sk->sk_prot->destroy(sk);
	sock_orphan(sk);
	sock->sk = NULL;
	release_sock(sk);
	sock_put(sk);
	return 0;
}

/* Validate a user's address: AF_CUSTOM and long enough. */
int cnet_get_addr(const struct sockaddr *uaddr, int len,
		  struct sockaddr_cnet *out)
{
	if (len < (int)sizeof(*out))
		return -EINVAL;
	memcpy(out, uaddr, sizeof(*out));
	if (out->scn_family != AF_CUSTOM)
		return -EAFNOSUPPORT;
	return 0;
}

/*
 * bind(): a local address of the namespace (or any; for UDP, as Linux's
 * inet_bind(), a broadcast address too); the type does the rest.
 */
int cnet_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	struct sock *sk = sock->sk;
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct sockaddr_cnet sa;
	bool local;
	int err;

	err = cnet_get_addr(uaddr, len, &sa);
	if (err)
		return err;
	if (sa.scn_addr) {
		rcu_read_lock();
		local = cnet_ip_is_local(cn, sa.scn_addr) ||
			(sk->sk_protocol == IPPROTO_UDP &&
			 cnet_addr_is_bcast_any(cn, sa.scn_addr));
		rcu_read_unlock();
		if (!local)
			return -EADDRNOTAVAIL;
	}
	return sk->sk_prot->bind(sk, (struct sockaddr *)&sa, sizeof(sa));
}

/**
 * cnet_sock_route - could @sk send to @daddr, and from which source?
 * @sk: the socket (its bound address and device, SO_BROADCAST)
 * @daddr: the peer
 * @saddr: if not NULL, the source the route chose (0 when a socket bound
 *	to a device without an address sends a broadcast)
 *
 * As Linux's ip4_datagram_connect(), a peer there is no route to is
 * ENETUNREACH, a broadcast without SO_BROADCAST EACCES; nothing is sent,
 * so no drop is counted.
 *
 * Return: 0 or the errno connect() gives.
 */
int cnet_sock_route(struct sock *sk, __be32 daddr, __be32 *saddr)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_rt_res res;
	int err;

	rcu_read_lock();
	err = cnet_route_output_dev(cn, daddr, READ_ONCE(cnet_sk(sk)->saddr),
				    READ_ONCE(sk->sk_bound_dev_if), &res);
	if (!err && res.type == CNET_RT_BROADCAST &&
	    !sock_flag(sk, SOCK_BROADCAST))
		err = -EACCES;
	if (!err && saddr)
		*saddr = res.saddr;
	rcu_read_unlock();
	return err;
}

/*
 * connect(): AF_UNSPEC disconnects; else a peer address, not 0.0.0.0,
 * that has a route.
 */
static int cnet_connect(struct socket *sock, struct sockaddr *uaddr, int len,
			int flags)
{
	struct sock *sk = sock->sk;
	struct sockaddr_cnet sa;
	int err;

	if (len >= (int)sizeof(sa.scn_family) &&
	    uaddr->sa_family == AF_UNSPEC)
		return sk->sk_prot->disconnect(sk, flags);
	err = cnet_get_addr(uaddr, len, &sa);
	if (err)
		return err;
	if (!sa.scn_addr)
		return -EINVAL;
	err = cnet_sock_route(sk, sa.scn_addr, NULL);
	if (err)
		return err;
	return sk->sk_prot->connect(sk, (struct sockaddr *)&sa, sizeof(sa));
}

int cnet_getname(struct socket *sock, struct sockaddr *uaddr, int peer)
{
	struct sock *sk = sock->sk;
	struct cnet_sock *cs = cnet_sk(sk);
	struct sockaddr_cnet *sa = (struct sockaddr_cnet *)uaddr;

	memset(sa, 0, sizeof(*sa));
	sa->scn_family = AF_CUSTOM;
	lock_sock(sk);
	if (peer) {
		/* a stream socket has a peer once connected (inet_getname()) */
		if (!cs->daddr || (sk->sk_type == SOCK_STREAM &&
				   ((1 << sk->sk_state) &
				    (TCPF_CLOSE | TCPF_SYN_SENT)))) {
			release_sock(sk);
			return -ENOTCONN;
		}
		sa->scn_addr = cs->daddr;
		sa->scn_port = cs->dport;
	} else {
		/* a UDP socket bound to a broadcast address sends from another */
		sa->scn_addr = cs->st.key.laddr ?: cs->saddr;
		sa->scn_port = cs->st.key.lport;
	}
	release_sock(sk);
	return sizeof(*sa);
}

/*
 * sendmsg() flags, as Linux's ping and raw sockets take them: MSG_OOB is
 * refused (EOPNOTSUPP, BSD's answer) and what means nothing to a datagram
 * is ignored: MSG_BATCH (sendmmsg() saying more messages follow), MSG_EOR,
 * MSG_NOSIGNAL... MSG_DONTWAIT, MSG_CONFIRM and MSG_PROBE are honoured
 * (cnet_dgram_output()); MSG_MORE is the type's (a ping socket sends each
 * message at once, a raw socket refuses it). Refused too, rather than
 * ignored, until cnet does it: MSG_DONTROUTE (on-link destinations only).
 */
#define CNET_SEND_REFUSED	(MSG_OOB | MSG_DONTROUTE)

int cnet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;

	if (msg->msg_flags & CNET_SEND_REFUSED)
		return -EOPNOTSUPP;
	return sk->sk_prot->sendmsg(sk, msg, len);
}

/**
 * cnet_dgram_dest - check a datagram's length and find where it goes
 * @sk: the sending socket
 * @msg: msg_name, if given, is the destination
 * @len: bytes the user sends (transport header on)
 * @daddr: the destination: msg_name's, else the connected peer
 *
 * Return: 0, -EMSGSIZE (longer than an IPv4 packet holds), -EDESTADDRREQ
 * (no address and not connected) or the address's error.
 */
int cnet_dgram_dest(struct sock *sk, struct msghdr *msg, size_t len,
		    __be32 *daddr)
{
	struct sockaddr_cnet sa;
	int err;

	if (len > 0xffff - sizeof(struct iphdr))
		return -EMSGSIZE;
	if (msg->msg_name) {
		err = cnet_get_addr(msg->msg_name, msg->msg_namelen, &sa);
		if (err)
			return err;
		*daddr = sa.scn_addr;
		return 0;
	}
	*daddr = READ_ONCE(cnet_sk(sk)->daddr);
	return *daddr ? 0 : -EDESTADDRREQ;
}

/**
 * cnet_dgram_alloc - an skb holding a datagram the user sends
 * @sk: the sending socket (its send buffer is charged)
 * @msg: the data
 * @len: its length
 * @err: the error when NULL is returned
 *
 * Room is left in front for the IPv4 and link-layer headers.
 */
struct sk_buff *cnet_dgram_alloc(struct sock *sk, struct msghdr *msg,
				 size_t len, int *err)
{
	struct sk_buff *skb;

	skb = sock_alloc_send_skb(sk, LL_MAX_HEADER + sizeof(struct iphdr) + len,
				  msg->msg_flags & MSG_DONTWAIT, err);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_MAX_HEADER + sizeof(struct iphdr));
	if (memcpy_from_msg(skb_put(skb, len), msg, len)) {
		kfree_skb(skb);
		*err = -EFAULT;
		return NULL;
	}
	return skb;
}

/**
 * cnet_dgram_route - route a datagram a socket's user sends
 * @sk: the sending socket
 * @fl: its flow
 * @flags: the user's msg_flags: MSG_CONFIRM says the user saw the next hop
 *	alive (its neighbour entry is confirmed, as Linux's
 *	dst_confirm_neigh())
 * @res: the route
 *
 * Caller holds rcu_read_lock(); @res is valid until it drops it. A
 * MSG_PROBE sender stops here: routed, nothing sent.
 *
 * Return: 0, or a negative errno for the sender.
 */
int cnet_dgram_route(struct sock *sk, const struct cnet_flow *fl, int flags,
		     struct cnet_rt_res *res)
{
	int err;

	err = cnet_ip_route_flow(cnet_pernet(sock_net(sk)), fl, NULL, res);
	if (!err && (flags & MSG_CONFIRM) && res->type == CNET_RT_UNICAST)
		cnet_neigh_confirm(res->cd, res->nexthop);
	return err;
}

/**
 * cnet_dgram_output - route and send a datagram a socket's user sent
 * @sk: the sending socket
 * @skb: data at the transport header; consumed
 * @fl: its flow
 * @flags: the user's msg_flags (cnet_dgram_route()); MSG_PROBE routes and
 *	sends nothing
 *
 * Return: 0, or a negative errno for the sender.
 */
int cnet_dgram_output(struct sock *sk, struct sk_buff *skb,
		      const struct cnet_flow *fl, int flags)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_rt_res res;
	int err;

	rcu_read_lock();
	err = cnet_dgram_route(sk, fl, flags, &res);
	if (err || (flags & MSG_PROBE))
		goto drop;
	err = cnet_ip_output_res(cn, skb, fl, &res);
	rcu_read_unlock();
	return err;
drop:
	rcu_read_unlock();
	kfree_skb(skb);
	return err;
}

/* connect(AF_UNSPEC), for every datagram type: forget the peer. */
int cnet_dgram_disconnect(struct sock *sk, int flags)
{
	lock_sock(sk);
	WRITE_ONCE(cnet_sk(sk)->daddr, 0);
	sk->sk_state = TCP_CLOSE;
	release_sock(sk);
	return 0;
}

/*
 * recvmsg(): as Linux's ping and raw sockets, MSG_OOB is refused and flags
 * without a meaning here are ignored (MSG_CMSG_CLOEXEC: for SCM_RIGHTS,
 * MSG_WAITALL, MSG_NOSIGNAL...). MSG_ERRQUEUE is the same for every type
 * (ip_sockglue.c); it refuses MSG_PEEK, which it does not do.
 */
int cnet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		 int flags)
{
	struct sock *sk = sock->sk;
	int addr_len = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (flags & MSG_ERRQUEUE) {
		if (flags & MSG_PEEK)
			return -EOPNOTSUPP;
		return cnet_ip_recv_error(sk, msg, len, flags);
	}
	return sk->sk_prot->recvmsg(sk, msg, len, flags, &addr_len);
}

/**
 * cnet_dgram_recv - the oldest datagram, as every datagram socket reads it
 * @sk: the socket
 * @msg: where it goes; msg_name gets the sender, cmsgs as SOL_IP asks
 * @len: room in @msg
 * @flags: MSG_*
 * @sport: the transport header starts with the sender's port (UDP), which
 *	msg_name gets too; ping and raw sockets say port 0, as Linux
 *
 * Return: bytes copied (the datagram's length with MSG_TRUNC), or -errno.
 */
int cnet_dgram_recv(struct sock *sk, struct msghdr *msg, size_t len,
		    int flags, bool sport)
{
	struct sk_buff *skb;
	size_t copied;
	int err;

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
		if (sport)
			sa->scn_port = *(__be16 *)skb_transport_header(skb);
		msg->msg_namelen = sizeof(*sa);
	}
	cnet_ip_cmsg_recv(msg, sk, skb);
	err = (flags & MSG_TRUNC) ? skb->len : copied;
out:
	skb_free_datagram(sk, skb);
	return err;
}

/* recvmsg() of ping and raw sockets: the sender's address, no port */
int cnet_dgram_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len)
{
	return cnet_dgram_recv(sk, msg, len, flags, false);
}

/*
 * shutdown(), as Linux's inet_shutdown() for a datagram socket: it marks
 * the directions shut and wakes sleepers (a recv() shut for reading
 * returns 0 once the queue is empty; poll() says EPOLLRDHUP/EPOLLHUP),
 * and says ENOTCONN, after doing so, when the socket is not connected.
 */
static int cnet_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	how++;	/* SHUT_RD, SHUT_WR, SHUT_RDWR to RCV_SHUTDOWN and SEND_SHUTDOWN */
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;
	lock_sock(sk);
	if (sk->sk_state != TCP_ESTABLISHED)
		err = -ENOTCONN;
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
	sk->sk_state_change(sk);
	release_sock(sk);
	return err;
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

/*
 * Options: SOL_SOCKET ones are the kernel's (sock_setsockopt()) but for
 * SO_REUSEPORT, which the kernel keeps to AF_INET and AF_INET6: cnet's
 * socket table honours it (same owner only, as Linux); the others go to
 * the type (sock_common_setsockopt()). Sockets say so with
 * SOCK_CUSTOM_SOCKOPT (cnet_create()).
 */
int cnet_setsockopt(struct socket *sock, int level, int optname,
		    sockptr_t optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	int val;

	if (level != SOL_SOCKET)
		return sock_common_setsockopt(sock, level, optname, optval,
					      optlen);
	if (optname != SO_REUSEPORT)
		return sock_setsockopt(sock, level, optname, optval, optlen);
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	lock_sock(sk);
	sk->sk_reuseport = !!val;
	release_sock(sk);
	return 0;
}

/* UDP, ping and raw sockets: datagrams; what differs is in their struct proto. */
static const struct proto_ops cnet_dgram_ops = {
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
	.shutdown	= cnet_shutdown,
	.setsockopt	= cnet_setsockopt,
	.getsockopt	= sock_common_getsockopt,
	.sendmsg	= cnet_sendmsg,
	.recvmsg	= cnet_recvmsg,
	.mmap		= sock_no_mmap,
};

/*
 * The type socket() asked for: -ESOCKTNOSUPPORT when no type matches,
 * -EPROTONOSUPPORT when the type exists but not with @protocol.
 */
static const struct cnet_protosw *cnet_protosw_find(int type, int protocol,
						    int *err)
{
	const struct cnet_protosw *sw;

	*err = -ESOCKTNOSUPPORT;
	for (sw = cnet_protosw; sw < cnet_protosw + ARRAY_SIZE(cnet_protosw);
	     sw++) {
		if (sw->type != type)
			continue;
		*err = -EPROTONOSUPPORT;
		if (sw->protocol ?
		    sw->protocol == protocol || (sw->dflt && !protocol) :
		    sw->protocol_ok(protocol))
			return sw;
	}
	return NULL;
}

static int cnet_create(struct net *net, struct socket *sock, int protocol,
		       int kern)
{
	const struct cnet_protosw *sw;
	struct sock *sk;
	int err;

	sw = cnet_protosw_find(sock->type, protocol, &err);
	if (!sw)
		return err;
	if (sw->need_net_raw && !kern && !ns_capable(net->user_ns, CAP_NET_RAW))
		return -EPERM;

	sk = sk_alloc(net, PF_CUSTOM, GFP_KERNEL, sw->prot, kern);
	if (!sk)
		return -ENOBUFS;
	sock->ops = sw->ops ?: &cnet_dgram_ops;
	/* SOL_SOCKET options come to cnet_setsockopt() */
	set_bit(SOCK_CUSTOM_SOCKOPT, &sock->flags);
	sock_init_data(sock, sk);
	sk->sk_protocol = sw->protocol ?: protocol;
	sk->sk_destruct = cnet_sock_destruct;
	sock_set_flag(sk, SOCK_RCU_FREE);
	cnet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;	/* as Linux's default */

	if (sk->sk_prot->init) {
		err = sk->sk_prot->init(sk);
		if (err) {
			sk_common_release(sk);
			return err;
		}
	}
	return 0;
}

static const struct net_proto_family cnet_family_ops = {
	.family	= PF_CUSTOM,
	.create	= cnet_create,
	.owner	= THIS_MODULE,
};

static void cnet_protos_unregister(unsigned int n)
{
	while (n--)
		proto_unregister(cnet_protosw[n].prot);
}

int cnet_socket_register(void)
{
	unsigned int i;
	int err;

	for (i = 0; i < ARRAY_SIZE(cnet_protosw); i++) {
		err = proto_register(cnet_protosw[i].prot, 1);
		if (err) {
			cnet_protos_unregister(i);
			return err;
		}
	}
	err = sock_register(&cnet_family_ops);
	if (err) {
		if (err == -EEXIST)
			pr_err("address family %d is already registered by another module; cnet cannot use it\n",
			       AF_CUSTOM);
		cnet_protos_unregister(ARRAY_SIZE(cnet_protosw));
	}
	return err;
}

void cnet_socket_unregister(void)
{
	sock_unregister(PF_CUSTOM);
	cnet_protos_unregister(ARRAY_SIZE(cnet_protosw));
}
