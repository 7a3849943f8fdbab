// SPDX-License-Identifier: GPL-2.0
/*
 * Raw sockets, socket(AF_CUSTOM, SOCK_RAW, P) with P in 1..254, as Linux's
 * net/ipv4/raw.c, CAP_NET_RAW only: they send the user's message
 * (transport header and data) as is, under an IPv4 header of protocol P
 * the stack builds, and receive a copy of every local packet of protocol
 * P, from the IPv4 header on (ICMP: once its checksum verified).
 * IPPROTO_RAW and IP_HDRINCL (the user writing the IPv4 header) are not
 * supported.
 */
#include <linux/icmp.h>
#include <linux/in.h>
#include <net/sock.h>

#include "cnet.h"
#include "sock.h"

/* 0 is no protocol; IPPROTO_RAW (IP_HDRINCL) is not done. */
bool cnet_raw_protocol_ok(int protocol)
{
	return protocol > 0 && protocol < IPPROTO_RAW;
}

/* Every raw socket is on the namespace's list from its creation. */
static int raw_init(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_sock *cs = cnet_sk(sk);

	mutex_lock(&cn->raw_lock);
	hlist_add_head_rcu(&cs->raw_node, &cn->raw_socks);
	cnet_st_dlist_add(&cn->raw_all, &cs->st.dnode);
	mutex_unlock(&cn->raw_lock);
	return 0;
}

static void raw_unhash(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_sock *cs = cnet_sk(sk);

	mutex_lock(&cn->raw_lock);
	if (!hlist_unhashed(&cs->raw_node)) {
		hlist_del_init_rcu(&cs->raw_node);
		cnet_st_dlist_del(&cn->raw_all, &cs->st.dnode);
	}
	mutex_unlock(&cn->raw_lock);
}

/* The address is checked (af_cnet.c); a raw socket has no port. */
static int raw_bind(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_sock *cs = cnet_sk(sk);
	int err = 0;

	lock_sock(sk);
	if (cs->saddr)
		err = -EINVAL;	/* already bound */
	else
		WRITE_ONCE(cs->saddr, sa->scn_addr);
	release_sock(sk);
	return err;
}

static int raw_connect(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;

	lock_sock(sk);
	WRITE_ONCE(cnet_sk(sk)->daddr, sa->scn_addr);
	sk->sk_state = TCP_ESTABLISHED;
	release_sock(sk);
	return 0;
}

static int raw_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct cnet_sock *cs = cnet_sk(sk);
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_flow fl;
	struct sk_buff *skb;
	__be32 daddr, saddr;
	int err;

	/* Linux's raw sockets cork MSG_MORE data; not done yet. */
	if (msg->msg_flags & MSG_MORE)
		return -EOPNOTSUPP;
	if (sk->sk_protocol == IPPROTO_ICMP && len < sizeof(struct icmphdr))
		return -EINVAL;
	err = cnet_dgram_dest(sk, msg, len, &daddr);
	if (err)
		return err;
	saddr = READ_ONCE(cs->saddr);

	skb = cnet_dgram_alloc(sk, msg, len, &err);
	if (!skb)
		return err;
	if (sk->sk_protocol == IPPROTO_ICMP && !(msg->msg_flags & MSG_PROBE))
		cnet_inc(cn, CNET_STAT_ICMP_TX);
	cnet_sock_flow(sk, daddr, saddr, &fl);
	err = cnet_dgram_output(sk, skb, &fl, msg->msg_flags);
	return err ?: len;
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

	hlist_for_each_entry_rcu(cs, &cn->raw_socks, raw_node) {
		if (cs->sk.sk_protocol != iph->protocol ||
		    !cnet_sock_addr_match(cs, iph->daddr, iph->saddr))
			continue;
		clone = skb_clone(skb, GFP_ATOMIC);
		if (!clone) {
			cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
			wanted = true;
			continue;
		}
		skb_push(clone, skb->data - skb_network_header(skb));
		if (!cnet_sock_deliver(cn, &cs->sk, clone, NULL)) {
			kfree_skb(clone);	/* the socket is closing */
			continue;
		}
		cnet_inc(cn, CNET_STAT_RAW_RX);
		wanted = true;
	}
	return wanted;
}

/**
 * cnet_raw_err - report an ICMP error to the raw sockets it concerns
 * @cn: the namespace
 * @skb: the error, data at the ICMP header; not consumed
 * @e: the parsed error
 *
 * The raw sockets of the quoted protocol that could have sent the quoted
 * packet. Called from the receive path, in an RCU read-side section.
 */
void cnet_raw_err(struct cnet_net *cn, struct sk_buff *skb,
		  const struct cnet_icmp_err *e)
{
	struct cnet_sock *cs;

	hlist_for_each_entry_rcu(cs, &cn->raw_socks, raw_node) {
		if (cs->sk.sk_protocol == e->proto &&
		    cnet_sock_addr_match(cs, e->saddr, e->daddr))
			cnet_sock_deliver(cn, &cs->sk, skb, e);
	}
}

struct proto cnet_raw_prot = {
	.name		= "CNET_RAW",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct cnet_sock),
	.init		= raw_init,
	.bind		= raw_bind,
	.connect	= raw_connect,
	.disconnect	= cnet_dgram_disconnect,
	.unhash		= raw_unhash,
	.sendmsg	= raw_sendmsg,
	.recvmsg	= cnet_dgram_recvmsg,
	.setsockopt	= cnet_ip_setsockopt,
	.getsockopt	= cnet_ip_getsockopt,
};
