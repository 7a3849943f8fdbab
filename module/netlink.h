/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CNET_NETLINK_H
#define _CNET_NETLINK_H

#include <net/genetlink.h>
#include <net/netlink.h>

struct cnet_dev;
struct cnet_ifaddr;
struct cnet_neigh_info;
struct cnet_net;
struct cnet_route;

extern const struct nla_policy cnet_nl_policy[CNET_A_MAX + 1];

struct net_device;
struct netlink_callback;
struct sk_buff;

void *cnet_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		       u8 cmd);
int cnet_nl_put_dev(struct sk_buff *skb, const struct net_device *dev);

/* The family's multicast groups, in the order it registers them. */
enum cnet_nl_grp {
	CNET_NL_GRP_LINK,
	CNET_NL_GRP_ADDR,
	CNET_NL_GRP_ROUTE,
	CNET_NL_GRP_NEIGH,
};

void cnet_notify_link(struct cnet_dev *cd, u8 cmd);
void cnet_notify_addr(const struct cnet_ifaddr *ifa, u8 cmd, gfp_t gfp);
void cnet_notify_route(struct cnet_net *cn, const struct cnet_route *rt,
		       u8 cmd);
void cnet_notify_neigh(struct cnet_net *cn, const struct cnet_neigh_info *ni,
		       u8 cmd);

/* sock_diag.c: SOCK_GET */
#define CNET_SOCK_KINDS_ALL	GENMASK(__CNET_SOCK_MAX - 1, 1)
#define CNET_SOCK_STATES_ALL	GENMASK(__CNET_SOCK_ST_MAX - 1, 1)
#define CNET_NL_SOCK_N_OPS	1
extern const struct genl_ops cnet_nl_sock_ops[];

#endif /* _CNET_NETLINK_H */
