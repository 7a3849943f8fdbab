/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _CNET_NETLINK_H
#define _CNET_NETLINK_H

#include <net/netlink.h>

struct cnet_net;

extern const struct nla_policy cnet_nl_policy[CNET_A_MAX + 1];

#endif /* _CNET_NETLINK_H */
