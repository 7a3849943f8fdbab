// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP ping sockets, socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP), as
 * Linux's net/ipv4/ping.c: the user sends ICMP echo requests (header and
 * data); the stack owns the echo identifier (the socket's "port") and
 * fills in the checksum; recvmsg returns the matching echo replies, from
 * the ICMP header on. No privilege is needed.
 */
#include <linux/hash.h>
#include <linux/icmp.h>
#include <linux/in.h>
#include <net/sock.h>

#include "cnet.h"
#include "sock.h"

void cnet_ping_net_init(struct cnet_net *cn)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cn->ping_hash); i++)
		INIT_HLIST_HEAD(&cn->ping_hash[i]);
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
static int ping_assign_ident(struct cnet_net *cn, struct cnet_sock *cs, u16 want)
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

static void ping_unhash(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_sock *cs = cnet_sk(sk);

	spin_lock_bh(&cn->sock_lock);
	if (cs->hashed) {
		hlist_del_rcu(&cs->node);
		cs->hashed = false;
	}
	spin_unlock_bh(&cn->sock_lock);
}

/* The address is checked (af_cnet.c); @uaddr's port is the identifier. */
static int ping_bind(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_sock *cs = cnet_sk(sk);
	int err;

	lock_sock(sk);
	if (cs->saddr || cs->hashed) {
		err = -EINVAL;	/* already bound */
		goto out;
	}
	err = ping_assign_ident(cnet_pernet(sock_net(sk)), cs, ntohs(sa->scn_port));
	if (!err)
		WRITE_ONCE(cs->saddr, sa->scn_addr);
out:
	release_sock(sk);
	return err;
}

static int ping_connect(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_sock *cs = cnet_sk(sk);
	int err;

	lock_sock(sk);
	err = ping_assign_ident(cnet_pernet(sock_net(sk)), cs, 0);
	if (!err) {
		WRITE_ONCE(cs->daddr, sa->scn_addr);
		sk->sk_state = TCP_ESTABLISHED;
	}
	release_sock(sk);
	return err;
}

static int ping_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct cnet_sock *cs = cnet_sk(sk);
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct icmphdr *icmph;
	struct sk_buff *skb;
	__be32 daddr, saddr;
	__be16 ident;
	int err;

	if (len < sizeof(*icmph))
		return -EINVAL;
	err = cnet_dgram_dest(sk, msg, len, &daddr);
	if (err)
		return err;

	lock_sock(sk);
	err = ping_assign_ident(cn, cs, 0);
	saddr = cs->saddr;
	ident = cs->ident;
	release_sock(sk);
	if (err)
		return err;

	skb = cnet_dgram_alloc(sk, msg, len, &err);
	if (!skb)
		return err;
	/* A ping socket sends echo requests and nothing else. */
	icmph = (struct icmphdr *)skb->data;
	if (icmph->type != ICMP_ECHO || icmph->code != 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	icmph->un.echo.id = ident;
	icmph->checksum = 0;
	icmph->checksum = cnet_csum(icmph, len);

	cnet_inc(cn, CNET_STAT_ICMP_TX);
	err = cnet_ip_output(cn, skb, saddr, daddr, IPPROTO_ICMP,
			     READ_ONCE(cs->ttl) ?: CNET_IP_DEFAULT_TTL,
			     sock_flag(sk, SOCK_BROADCAST));
	return err ?: len;
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
		if (ntohs(READ_ONCE(cs->ident)) == ident &&
		    cnet_sock_addr_match(cs, iph->daddr, iph->saddr) &&
		    cnet_sock_deliver(cn, &cs->sk, skb, NULL))
			return true;
	}
	return false;
}

/**
 * cnet_ping_err - report an ICMP error to the ping socket that caused it
 * @cn: the namespace
 * @skb: the error, data at the ICMP header; not consumed
 * @e: the parsed error
 *
 * A quoted echo request is the ping socket's with its identifier (if the
 * addresses fit). Called from the receive path, in an RCU read-side
 * section.
 */
void cnet_ping_err(struct cnet_net *cn, struct sk_buff *skb,
		   const struct cnet_icmp_err *e)
{
	u16 ident = ntohs(e->echo_id);
	struct cnet_sock *cs;

	if (!e->echo)
		return;
	hlist_for_each_entry_rcu(cs, ping_bucket(cn, ident), node) {
		if (READ_ONCE(cs->ident) == e->echo_id &&
		    cnet_sock_addr_match(cs, e->saddr, e->daddr) &&
		    cnet_sock_deliver(cn, &cs->sk, skb, e))
			break;
	}
}

struct proto cnet_ping_prot = {
	.name		= "CNET_PING",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct cnet_sock),
	.bind		= ping_bind,
	.connect	= ping_connect,
	.disconnect	= cnet_dgram_disconnect,
	.unhash		= ping_unhash,
	.sendmsg	= ping_sendmsg,
	.recvmsg	= cnet_dgram_recvmsg,
	.setsockopt	= cnet_ip_setsockopt,
	.getsockopt	= cnet_ip_getsockopt,
};
