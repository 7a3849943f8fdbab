/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AF_CUSTOM socket layer, shared by its files (as include/net/inet_sock.h
 * and friends for net/ipv4):
 *
 *   af_cnet.c      the family: socket() by type and protocol, the proto_ops
 *		    every type shares, registration
 *   ip_sockglue.c  level SOL_IP options, control messages, ICMP errors on
 *		    the error queue (IP_RECVERR), recvmsg(MSG_ERRQUEUE)
 *   ping.c         ICMP ping sockets (the echo identifier is their port)
 *   raw.c          raw sockets of one IP protocol
 *   udp.c          UDP sockets (with udp_hdr.c, the wire format)
 *   tcp_*.c        TCP sockets (tcp.h)
 *
 * A socket type is a struct proto: af_cnet.c's proto_ops validate what the
 * user passed and call the socket's sk->sk_prot for what differs.
 */
#ifndef _CNET_SOCK_H
#define _CNET_SOCK_H

#include <linux/ip.h>
#include <net/sock.h>

#include "cnet.h"

/**
 * struct cnet_sock - an AF_CUSTOM socket
 * @sk: must be first
 * @raw_node: raw: in the namespace's raw list (raw_lock; RCU readers)
 * @st: its local port (ping: the echo identifier) and addresses in the
 *	type's socket table
 * @saddr: the source address it sends from, 0 for the route's choice:
 *	the bound address (UDP: not a broadcast one, which only filters
 *	what it receives, in @st) or the one connect() chose
 * @daddr: connected peer, 0 for none
 * @dport: UDP: the connected peer's port
 * @ttl: IP_TTL, 0 for the default
 * @tos: IP_TOS, the type of service byte it sends with
 * @recvttl: IP_RECVTTL
 * @recvtos: IP_RECVTOS
 * @pktinfo: IP_PKTINFO: tell recvmsg() the arrival device and addresses
 * @recverr: IP_RECVERR: queue ICMP errors on the error queue
 * @pmtudisc: IP_MTU_DISCOVER, an IP_PMTUDISC_* (IP_PMTUDISC_WANT when
 *	made, as Linux's ip_no_pmtu_disc=0)
 *
 * @saddr, @daddr and @dport change under lock_sock() and are read by the
 * receive path and sendmsg() with READ_ONCE(); @st changes under
 * lock_sock() and its table's lock. The options (@pmtudisc too) are
 * written with WRITE_ONCE() and read with READ_ONCE().
 */
struct cnet_sock {
	struct sock		sk;
	struct hlist_node	raw_node;
	struct cnet_st_entry	st;
	__be32			saddr;
	__be32			daddr;
	__be16			dport;
	u8			ttl;
	u8			tos;
	bool			recvttl;
	bool			recvtos;
	bool			pktinfo;
	bool			recverr;
	u8			pmtudisc;
};

static inline struct cnet_sock *cnet_sk(const struct sock *sk)
{
	return container_of(sk, struct cnet_sock, sk);
}

/*
 * Could @cs exchange packets between its local address @laddr and the peer
 * @raddr? An unbound or unconnected side matches any address.
 */
static inline bool cnet_sock_addr_match(const struct cnet_sock *cs,
					__be32 laddr, __be32 raddr)
{
	__be32 saddr = READ_ONCE(cs->saddr), daddr = READ_ONCE(cs->daddr);

	return (!saddr || saddr == laddr) && (!daddr || daddr == raddr);
}

/*
 * The flow of what @sk sends to @daddr from @saddr (0: the route's
 * choice): its protocol, IP_TTL, IP_TOS, IP_MTU_DISCOVER, the device it is bound to
 * (SO_BINDTODEVICE), and whether SO_BROADCAST allows a broadcast
 * destination.
 */
static inline void cnet_sock_flow(const struct sock *sk, __be32 daddr,
				  __be32 saddr, struct cnet_flow *fl)
{
	*fl = (struct cnet_flow){
		.daddr	= daddr,
		.saddr	= saddr,
		.oif	= READ_ONCE(sk->sk_bound_dev_if),
		.proto	= sk->sk_protocol,
		.ttl	= READ_ONCE(cnet_sk(sk)->ttl),
		.tos	= READ_ONCE(cnet_sk(sk)->tos),
		.pmtudisc = READ_ONCE(cnet_sk(sk)->pmtudisc),
		.flags	= sock_flag(sk, SOCK_BROADCAST) ? CNET_FLOW_BROADCAST : 0,
	};
}

/* The namespace's ephemeral ports, as one consistent pair. */
static inline struct cnet_port_range
cnet_local_port_range(const struct cnet_net *cn)
{
	u32 v = READ_ONCE(cn->ip_local_port_range);

	return (struct cnet_port_range){ .lo = v & 0xffff, .hi = v >> 16 };
}

/**
 * struct cnet_ipcm - what a sendmsg()'s SOL_IP control messages ask for
 * @saddr: IP_PKTINFO's ipi_spec_dst: the source, 0 for the usual
 * @oif: IP_PKTINFO's ipi_ifindex: the device, 0 for the usual
 * @ttl: IP_TTL, 0 for the socket's
 * @tos: IP_TOS, -1 for the socket's
 */
struct cnet_ipcm {
	__be32	saddr;
	int	oif;
	u8	ttl;
	int	tos;
};

/* The pending timer of a TCP socket, as ss(8) and inet_diag number them */
enum cnet_tcp_diag_timer {
	CNET_TCP_TIMER_OFF,
	CNET_TCP_TIMER_ON,		/* retransmission (or SYN-ACK) */
	CNET_TCP_TIMER_KEEPALIVE,
	CNET_TCP_TIMER_TIMEWAIT,
	CNET_TCP_TIMER_PROBE,		/* zero-window probe */
};

/**
 * struct cnet_tcp_diag - what `cnet sock show -i` shows of a TCP socket
 * (the same numbers TCP_INFO gives)
 * @state: a TCP_* state of include/net/tcp_states.h (TCP_ESTABLISHED...)
 * @timer: the pending timer, an enum cnet_tcp_diag_timer
 * @retransmits: retransmission timeouts since the last progress
 * @probes: probes (zero-window or keepalive) not answered
 * @backoff: doublings of the pending timer (retransmission or
 *	zero-window probe)
 * @timer_ms: when @timer fires, in ms from now
 * @rtt_us: smoothed round-trip time
 * @rttvar_us: its variation
 * @rto_us: the retransmission timeout
 * @snd_mss: the MSS it sends with
 * @rcv_mss: the MSS it estimates the peer sends with
 * @snd_cwnd: the congestion window, in segments
 * @snd_ssthresh: the slow-start threshold, in segments
 * @unacked: segments sent and not yet acknowledged
 * @total_retrans: segments retransmitted over the connection's life
 * @bytes_acked: bytes of ours the peer acknowledged
 * @bytes_received: bytes of the peer's we acknowledged
 * @cong: the name of its congestion control (static; NULL: none)
 */
struct cnet_tcp_diag {
	u8	state;
	u8	timer;
	u8	retransmits;
	u8	probes;
	u8	backoff;
	u32	timer_ms;
	u32	rtt_us;
	u32	rttvar_us;
	u32	rto_us;
	u32	snd_mss;
	u32	rcv_mss;
	u32	snd_cwnd;
	u32	snd_ssthresh;
	u32	unacked;
	u32	total_retrans;
	u64	bytes_acked;
	u64	bytes_received;
	const char *cong;
};

/**
 * struct cnet_sock_rec - what `cnet sock show` reports of an entry of a
 *	dump list that is not a socket (TCP: a TIME-WAIT entry), taken under
 *	the list's lock (sock_diag.c)
 * @key: its addresses and ports
 * @state: a TCP_* state (TCP_TIME_WAIT...)
 * @timer: its pending timer, an enum cnet_tcp_diag_timer
 * @timer_ms: when @timer fires, in ms from now
 */
struct cnet_sock_rec {
	struct cnet_st_key	key;
	u8			state;
	u8			timer;
	u32			timer_ms;
};

/* tcp_minisock.c: a TIME-WAIT entry of the namespace's tcp_tw_all */
void cnet_tcp_tw_rec(const struct cnet_st_dnode *n, struct cnet_sock_rec *r);

/* af_cnet.c: the socket calls every type shares */
int cnet_bind(struct socket *sock, struct sockaddr *uaddr, int len);
int cnet_getname(struct socket *sock, struct sockaddr *uaddr, int peer);
int cnet_sendmsg(struct socket *sock, struct msghdr *msg, size_t len);
int cnet_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		 int flags);
int cnet_setsockopt(struct socket *sock, int level, int optname,
		    sockptr_t optval, unsigned int optlen);
int cnet_get_addr(const struct sockaddr *uaddr, int len,
		  struct sockaddr_cnet *out);
bool cnet_sock_deliver(struct cnet_net *cn, struct sock *sk,
		       struct sk_buff *skb, const struct cnet_icmp_err *e);
int cnet_dgram_dest(struct sock *sk, struct msghdr *msg, size_t len,
		    __be32 *daddr);
struct sk_buff *cnet_dgram_alloc(struct sock *sk, struct msghdr *msg,
				 size_t len, int *err);
int cnet_dgram_route(struct sock *sk, const struct cnet_flow *fl, int flags,
		     struct cnet_rt_res *res);
int cnet_dgram_output(struct sock *sk, struct sk_buff *skb,
		      const struct cnet_flow *fl, int flags);
int cnet_dgram_disconnect(struct sock *sk, int flags);
int cnet_sock_route(struct sock *sk, __be32 daddr, __be32 *saddr);
int cnet_dgram_recv(struct sock *sk, struct msghdr *msg, size_t len,
		    int flags, bool sport);
int cnet_dgram_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len);

/* ip_sockglue.c */
int cnet_ip_setsockopt(struct sock *sk, int level, int optname,
		       sockptr_t optval, unsigned int optlen);
int cnet_ip_getsockopt(struct sock *sk, int level, int optname,
		       char __user *optval, int __user *optlen);
void cnet_ip_cmsg_recv(struct msghdr *msg, struct sock *sk,
		       struct sk_buff *skb);
int cnet_ip_cmsg_send(struct sock *sk, struct msghdr *msg,
		      struct cnet_ipcm *ipc);
void cnet_ip_icmp_error(struct cnet_net *cn, struct sock *sk,
			struct sk_buff *skb, const struct cnet_icmp_err *e);
int cnet_ip_recv_error(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags);

/* ping.c */
extern struct proto cnet_ping_prot;
void cnet_ping_net_init(struct cnet_net *cn);
void cnet_ping_net_exit(struct cnet_net *cn);

/* raw.c */
extern struct proto cnet_raw_prot;
bool cnet_raw_protocol_ok(int protocol);

/* tcp_sock.c */
void cnet_tcp_diag(struct sock *sk, struct cnet_tcp_diag *d);

/* udp.c */
extern struct proto cnet_udp_prot;
void cnet_udp_net_init(struct cnet_net *cn);
void cnet_udp_net_exit(struct cnet_net *cn);

#endif /* _CNET_SOCK_H */
