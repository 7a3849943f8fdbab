// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP ping sockets, socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP), as
 * Linux's net/ipv4/ping.c: the user sends ICMP echo requests (header and
 * data); the stack owns the echo identifier (the socket's "port") and
 * fills in the checksum; recvmsg returns the matching echo replies, from
 * the ICMP header on. No privilege is needed.
 */
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/random.h>
#include <net/sock.h>

#include "cnet.h"
#include "sock.h"

/* Identifiers are 16 bits; 0 asks for any. */
static const struct cnet_port_range ping_ident_range = { 1, 65535 };

/*
 * Identifiers belong to one ping socket per namespace, whatever the
 * addresses and SO_REUSEADDR: an exclusive table. Its initialisation
 * fails only on invalid parameters, and these are fixed.
 */
void cnet_ping_net_init(struct cnet_net *cn)
{
	WARN_ON(cnet_st_init(&cn->ping_table, true));
}

void cnet_ping_net_exit(struct cnet_net *cn)
{
	cnet_st_destroy(&cn->ping_table);
}

/*
 * Give a ping socket its identifier: @want, or a free one when 0, searched
 * from a random start (RFC 6056); one already given stays. Caller holds
 * lock_sock(), as every writer of @cs->st.
 *
 * Return: 0, -EINVAL (it has another), -EADDRINUSE (@want is taken) or
 * -EAGAIN (every identifier is taken).
 */
static int ping_assign_ident(struct cnet_sock *cs, __be32 laddr, u16 want)
{
	struct cnet_net *cn = cnet_pernet(sock_net(&cs->sk));

	if (cs->st.hashed)
		return want && want != ntohs(cs->st.key.lport) ? -EINVAL : 0;
	return cnet_st_bind(&cn->ping_table, &cs->st, laddr, want,
			    &ping_ident_range, get_random_u32(),
			    CNET_ST_AUTOBIND);
}

static void ping_unhash(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));

	cnet_st_unhash(&cn->ping_table, &cnet_sk(sk)->st);
}

/*
 * The ping socket owning @ident, if it could exchange packets between
 * @laddr and @raddr. In an RCU read-side section.
 */
static struct cnet_sock *ping_lookup(struct cnet_net *cn, __be16 ident,
				     __be32 laddr, __be32 raddr)
{
	struct cnet_st_entry *e = cnet_st_lookup_port(&cn->ping_table, ident);
	struct cnet_sock *cs;

	if (!e)
		return NULL;
	cs = container_of(e, struct cnet_sock, st);
	return cnet_sock_addr_match(cs, laddr, raddr) ? cs : NULL;
}

/* The address is checked (af_cnet.c); @uaddr's port is the identifier. */
static int ping_bind(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_sock *cs = cnet_sk(sk);
	int err;

	lock_sock(sk);
	if (cs->saddr || cs->st.hashed) {
		err = -EINVAL;	/* already bound */
		goto out;
	}
	err = ping_assign_ident(cs, sa->scn_addr, ntohs(sa->scn_port));
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
	err = ping_assign_ident(cs, cs->saddr, 0);
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
	struct cnet_flow fl;
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
	err = ping_assign_ident(cs, cs->saddr, 0);
	saddr = cs->saddr;
	ident = cs->st.key.lport;
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

	if (!(msg->msg_flags & MSG_PROBE))
		cnet_inc(cn, CNET_STAT_ICMP_TX);
	cnet_sock_flow(sk, daddr, saddr, &fl);
	err = cnet_dgram_output(sk, skb, &fl, msg->msg_flags);
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
	const struct iphdr *iph = ip_hdr(skb);
	struct cnet_sock *cs;

	cs = ping_lookup(cn, icmp_hdr(skb)->un.echo.id, iph->daddr, iph->saddr);
	return cs && cnet_sock_deliver(cn, &cs->sk, skb, NULL);
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
	struct cnet_sock *cs;

	if (!e->echo)
		return;
	cs = ping_lookup(cn, e->echo_id, e->saddr, e->daddr);
	if (cs)
		cnet_sock_deliver(cn, &cs->sk, skb, e);
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
