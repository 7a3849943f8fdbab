/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CNET_NETLINK_H
#define _CNET_NETLINK_H

#include <net/genetlink.h>
#include <net/netlink.h>

struct cnet_net;

extern const struct nla_policy cnet_nl_policy[CNET_A_MAX + 1];

struct net_device;
struct netlink_callback;
struct sk_buff;

void *cnet_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		       u8 cmd);
int cnet_nl_put_dev(struct sk_buff *skb, const struct net_device *dev);

/* sock_diag.c: SOCK_GET */
#define CNET_SOCK_KINDS_ALL	GENMASK(__CNET_SOCK_MAX - 1, 1)
#define CNET_SOCK_STATES_ALL	GENMASK(__CNET_SOCK_ST_MAX - 1, 1)
#define CNET_NL_SOCK_N_OPS	1
extern const struct genl_ops cnet_nl_sock_ops[];

#endif /* _CNET_NETLINK_H */
