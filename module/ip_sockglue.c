// SPDX-License-Identifier: GPL-2.0
/*
 * What every AF_CUSTOM socket type shares at the IP level, as Linux's
 * net/ipv4/ip_sockglue.c: level SOL_IP options (IP_TTL, IP_TOS,
 * IP_RECVTTL, IP_RECVTOS, IP_PKTINFO, IP_RECVERR,
 * IP_MTU_DISCOVER, IP_MTU), the control messages
 * they ask for and those sendmsg() takes, and the error queue:
 * with IP_RECVERR, ICMP errors about what a socket sent wait on its error
 * queue (recvmsg MSG_ERRQUEUE; poll says EPOLLERR).
 */
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <linux/in.h>
#include <net/sock.h>

#include "cnet.h"
#include "sock.h"

/*
 * Every option here is an int, taken as Linux's do_ip_setsockopt() takes
 * it: an int, or one unsigned byte when shorter, and no bytes at all mean
 * 0 (but for IP_TTL).
 */
int cnet_ip_setsockopt(struct sock *sk, int level, int optname,
		       sockptr_t optval, unsigned int optlen)
{
	struct cnet_sock *cs = cnet_sk(sk);
	int val = 0;
	u8 byte;

	if (level != SOL_IP)
		return -ENOPROTOOPT;
	/* an unknown option is that, whatever its length */
	switch (optname) {
	case IP_TTL:
	case IP_TOS:
	case IP_RECVTTL:
	case IP_RECVTOS:
	case IP_PKTINFO:
	case IP_RECVERR:
	case IP_MTU_DISCOVER:
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (optlen >= sizeof(int)) {
		if (copy_from_sockptr(&val, optval, sizeof(val)))
			return -EFAULT;
	} else if (optlen) {
		if (copy_from_sockptr(&byte, optval, sizeof(byte)))
			return -EFAULT;
		val = byte;
	}

	switch (optname) {
	case IP_TTL:
		if (!optlen)
			return -EINVAL;
		if (val == -1)
			val = 0;	/* back to the default */
		else if (val < 1 || val > 255)
			return -EINVAL;
		WRITE_ONCE(cs->ttl, val);
		return 0;
	case IP_TOS:	/* the whole byte, ECN bits too, as Linux's UDP */
		WRITE_ONCE(cs->tos, val);
		return 0;
	case IP_RECVTTL:
		WRITE_ONCE(cs->recvttl, !!val);
		return 0;
	case IP_RECVTOS:
		WRITE_ONCE(cs->recvtos, !!val);
		return 0;
	case IP_PKTINFO:
		WRITE_ONCE(cs->pktinfo, !!val);
		return 0;
	case IP_RECVERR:
		WRITE_ONCE(cs->recverr, !!val);
		if (!val)	/* as Linux: turning it off drops what waits */
			skb_queue_purge(&sk->sk_error_queue);
		return 0;
	case IP_MTU_DISCOVER:
		if (val < IP_PMTUDISC_DONT || val > IP_PMTUDISC_OMIT)
			return -EINVAL;
		WRITE_ONCE(cs->pmtudisc, val);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/*
 * IP_MTU: the path MTU to a connected socket's peer (the one learned,
 * else the device's), as Linux's; -ENOTCONN when not connected or there
 * is no route.
 */
static int cnet_ip_mtu_get(struct sock *sk, int *val)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_sock *cs = cnet_sk(sk);
	__be32 daddr = READ_ONCE(cs->daddr);
	struct cnet_rt_res res;

	if (!daddr || READ_ONCE(sk->sk_state) != TCP_ESTABLISHED)
		return -ENOTCONN;
	rcu_read_lock();
	if (cnet_route_output(cn, daddr, READ_ONCE(cs->saddr), &res)) {
		rcu_read_unlock();
		return -ENOTCONN;
	}
	*val = cnet_route_path_mtu(cn, &res, daddr);
	rcu_read_unlock();
	return 0;
}

/*
 * As Linux's do_ip_getsockopt(): an int, or one byte when the user has
 * room for less (and the value fits), nothing when it has none.
 */
int cnet_ip_getsockopt(struct sock *sk, int level, int optname,
		       char __user *optval, int __user *optlen)
{
	struct cnet_sock *cs = cnet_sk(sk);
	int val, len;
	u8 byte;

	if (level != SOL_IP)
		return -ENOPROTOOPT;
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;

	switch (optname) {
	case IP_TTL:
		val = READ_ONCE(cs->ttl) ?: CNET_IP_DEFAULT_TTL;
		break;
	case IP_TOS:
		val = READ_ONCE(cs->tos);
		break;
	case IP_RECVTTL:
		val = READ_ONCE(cs->recvttl);
		break;
	case IP_RECVTOS:
		val = READ_ONCE(cs->recvtos);
		break;
	case IP_PKTINFO:
		val = READ_ONCE(cs->pktinfo);
		break;
	case IP_RECVERR:
		val = READ_ONCE(cs->recverr);
		break;
	case IP_MTU_DISCOVER:
		val = READ_ONCE(cs->pmtudisc);
		break;
	case IP_MTU: {
		int err = cnet_ip_mtu_get(sk, &val);

		if (err)
			return err;
		break;
	}
	default:
		return -ENOPROTOOPT;
	}
	if (len > 0 && len < (int)sizeof(int) && val >= 0 && val <= 255) {
		byte = val;
		len = sizeof(byte);
		if (put_user(len, optlen) || copy_to_user(optval, &byte, len))
			return -EFAULT;
		return 0;
	}
	len = min_t(int, len, sizeof(int));
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

/*
 * IP_PKTINFO's ipi_spec_dst: the local address a reply would come from,
 * the destination when it is ours, else (a broadcast) the arrival
 * device's address, as Linux's fib_compute_spec_dst().
 */
static __be32 cnet_ip_spec_dst(struct sock *sk, struct sk_buff *skb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	const struct iphdr *iph = ip_hdr(skb);
	struct net_device *dev;
	struct cnet_dev *cd;
	__be32 addr = 0;

	rcu_read_lock();
	if (cnet_ip_is_local(cn, iph->daddr)) {
		addr = iph->daddr;
	} else {
		dev = dev_get_by_index_rcu(sock_net(sk), skb->skb_iif);
		cd = dev ? cnet_dev_get_rcu(dev) : NULL;
		if (cd)
			addr = cnet_addr_select_src(cd, iph->saddr);
	}
	rcu_read_unlock();
	return addr;
}

/*
 * The control messages SOL_IP options ask for, about received @skb, in
 * Linux's order: IP_PKTINFO, IP_TTL (IP_RECVTTL), IP_TOS (IP_RECVTOS).
 */
void cnet_ip_cmsg_recv(struct msghdr *msg, struct sock *sk,
		       struct sk_buff *skb)
{
	struct cnet_sock *cs = cnet_sk(sk);

	if (READ_ONCE(cs->pktinfo)) {
		struct in_pktinfo info = {
			.ipi_ifindex	= skb->skb_iif,
			.ipi_spec_dst.s_addr = cnet_ip_spec_dst(sk, skb),
			.ipi_addr.s_addr = ip_hdr(skb)->daddr,
		};

		put_cmsg(msg, SOL_IP, IP_PKTINFO, sizeof(info), &info);
	}
	if (READ_ONCE(cs->recvttl)) {
		int ttl = ip_hdr(skb)->ttl;

		put_cmsg(msg, SOL_IP, IP_TTL, sizeof(ttl), &ttl);
	}
	if (READ_ONCE(cs->recvtos)) {
		u8 tos = ip_hdr(skb)->tos;

		put_cmsg(msg, SOL_IP, IP_TOS, sizeof(tos), &tos);
	}
}

/**
 * cnet_ip_cmsg_send - the SOL_IP control messages of a sendmsg()
 * @sk: the socket
 * @msg: the message
 * @ipc: what they ask for; the caller initialises it (tos -1)
 *
 * As Linux's ip_cmsg_send(): IP_PKTINFO (ipi_spec_dst the source,
 * ipi_ifindex the device), IP_TTL (an int, 1..255), IP_TOS (an int or a
 * byte); other levels and types are ignored.
 *
 * Return: 0, or -EINVAL for a malformed one.
 */
int cnet_ip_cmsg_send(struct sock *sk, struct msghdr *msg,
		      struct cnet_ipcm *ipc)
{
	struct in_pktinfo *info;
	struct cmsghdr *cmsg;
	int val;

	for_each_cmsghdr(cmsg, msg) {
		if (!CMSG_OK(msg, cmsg))
			return -EINVAL;
		if (cmsg->cmsg_level != SOL_IP)
			continue;
		switch (cmsg->cmsg_type) {
		case IP_PKTINFO:
			if (cmsg->cmsg_len != CMSG_LEN(sizeof(*info)))
				return -EINVAL;
			info = (struct in_pktinfo *)CMSG_DATA(cmsg);
			if (info->ipi_ifindex)
				ipc->oif = info->ipi_ifindex;
			ipc->saddr = info->ipi_spec_dst.s_addr;
			break;
		case IP_TTL:
			if (cmsg->cmsg_len != CMSG_LEN(sizeof(int)))
				return -EINVAL;
			val = *(int *)CMSG_DATA(cmsg);
			if (val < 1 || val > 255)
				return -EINVAL;
			ipc->ttl = val;
			break;
		case IP_TOS:
			if (cmsg->cmsg_len == CMSG_LEN(sizeof(int)))
				val = *(int *)CMSG_DATA(cmsg);
			else if (cmsg->cmsg_len == CMSG_LEN(sizeof(u8)))
				val = *(u8 *)CMSG_DATA(cmsg);
			else
				return -EINVAL;
			if (val < 0 || val > 255)
				return -EINVAL;
			ipc->tos = val;
			break;
		default:
			return -EINVAL;
		}
	}
	return 0;
}

/**
 * cnet_ip_icmp_error - report an ICMP error to a socket
 * @cn: the namespace
 * @sk: the socket; the caller holds a reference
 * @skb: the error, data at the ICMP header; not consumed
 * @e: the parsed error
 *
 * As Linux's ip_icmp_error(): with IP_RECVERR, a clone goes on the error
 * queue, its data the quoted transport header on, and the error is set;
 * without, only a hard error on a connected socket is set.
 */
void cnet_ip_icmp_error(struct cnet_net *cn, struct sock *sk,
			struct sk_buff *skb, const struct cnet_icmp_err *e)
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

/**
 * cnet_ip_recv_error - recvmsg(MSG_ERRQUEUE): the oldest queued ICMP error
 * @sk: the socket
 * @msg: data: the original packet from its transport header on (as far as
 *	quoted); msg_name: its destination; cmsg SOL_IP/IP_RECVERR: the
 *	sock_extended_err followed by the offender (the error's sender) as
 *	a struct sockaddr_cnet
 * @len: room in @msg
 * @flags: MSG_*
 *
 * Return: bytes copied (all with MSG_TRUNC), -EAGAIN when none waits.
 */
int cnet_ip_recv_error(struct sock *sk, struct msghdr *msg, size_t len,
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
