// SPDX-License-Identifier: GPL-2.0
/*
 * The passive side of TCP: listen(), the SYN queue, the accept queue and
 * accept(), TIME_WAIT entries and the stateless replies (tcp.h lists the
 * hooks). This file belongs to the passive side's own work; until it
 * lands these are placeholders that keep the active side working:
 * listen() and accept() are refused, nothing is sent for a segment no
 * connection wants, and a connection in TIME_WAIT keeps its full socket
 * for the 60 s itself (cnet_tcp_hold_time_wait()).
 */
#include <net/sock.h>

#include "cnet.h"
#include "tcp.h"

bool cnet_tcp_tw_rcv(struct cnet_net *cn, struct sk_buff *skb)
{
	return false;
}

/* Consumes @skb. */
void cnet_tcp_listen_rcv(struct sock *listener, struct sk_buff *skb)
{
	kfree_skb(skb);
}

/* Does not consume @skb. */
void cnet_tcp_send_reset(struct cnet_net *cn, struct sk_buff *skb)
{
}

void cnet_tcp_time_wait(struct sock *sk, int state, int timeo)
{
	cnet_tcp_hold_time_wait(sk, timeo);
}

int cnet_tcp_listen(struct socket *sock, int backlog)
{
	return -EOPNOTSUPP;
}

int cnet_tcp_accept(struct socket *sock, struct socket *newsock,
		    struct proto_accept_arg *arg)
{
	return -EOPNOTSUPP;
}

void cnet_tcp_listen_stop(struct sock *sk)
{
}

__poll_t cnet_tcp_listen_poll(struct sock *sk)
{
	return 0;
}
