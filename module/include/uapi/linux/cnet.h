/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * cnet: an IPv4 stack as a loadable module.
 *
 * The user API shared by the module and its tools: the socket family, the
 * socket address, and the generic netlink family that configures the stack.
 */
#ifndef _UAPI_LINUX_CNET_H
#define _UAPI_LINUX_CNET_H

#include <linux/types.h>

/*
 * The socket family. 19 was AF_ECONET, whose code left the kernel in 3.5;
 * no kernel from 6.1 to 6.12 registers it. The module refuses to load if the
 * slot is taken.
 */
#define AF_CUSTOM	19
#define PF_CUSTOM	AF_CUSTOM

/*
 * Socket address: the layout of struct sockaddr_in with scn_family set to
 * AF_CUSTOM. Port and address are in network byte order. For ICMP ping
 * sockets the port is the echo identifier.
 */
struct sockaddr_cnet {
	__u16	scn_family;	/* AF_CUSTOM */
	__be16	scn_port;
	__be32	scn_addr;
	__u8	scn_zero[8];
};

/* Generic netlink family */
#define CNET_GENL_NAME		"cnet"
#define CNET_GENL_VERSION	1

enum cnet_cmd {
	CNET_CMD_UNSPEC,
	CNET_CMD_LINK_ATTACH,	/* do: IFINDEX or IFNAME */
	CNET_CMD_LINK_DETACH,	/* do: IFINDEX or IFNAME */
	CNET_CMD_LINK_GET,	/* dump: one LINK message per attached device */
	CNET_CMD_ADDR_ADD,	/* do: IFINDEX|IFNAME, ADDR, PREFIXLEN */
	CNET_CMD_ADDR_DEL,	/* do: IFINDEX|IFNAME, ADDR, PREFIXLEN */
	CNET_CMD_ADDR_GET,	/* dump: one message per address */
	CNET_CMD_NEIGH_GET,	/* dump: one message per ARP cache entry */
	CNET_CMD_STATS_GET,	/* do: one message with a STATS nest */
	__CNET_CMD_MAX,
};

#define CNET_CMD_MAX (__CNET_CMD_MAX - 1)

enum cnet_attr {
	CNET_A_UNSPEC,
	CNET_A_IFINDEX,		/* u32 */
	CNET_A_IFNAME,		/* string, < IFNAMSIZ */
	CNET_A_ADDR,		/* be32 IPv4 address (4 bytes, network order) */
	CNET_A_PREFIXLEN,	/* u8, 0..32 */
	CNET_A_LLADDR,		/* binary, 6 bytes */
	CNET_A_MTU,		/* u32 */
	CNET_A_NEIGH_STATE,	/* u8, enum cnet_neigh_state */
	CNET_A_NEIGH_AGE_MS,	/* u32, ms since the entry was last confirmed */
	CNET_A_NEIGH_QLEN,	/* u32, packets waiting for resolution */
	CNET_A_STATS,		/* nest of CNET_A_STAT */
	CNET_A_STAT,		/* nest: STAT_NAME, STAT_VALUE */
	CNET_A_STAT_NAME,	/* string */
	CNET_A_STAT_VALUE,	/* u64 */
	CNET_A_BROADCAST,	/* be32, subnet broadcast of an address */
	CNET_A_PAD,
	__CNET_A_MAX,
};

#define CNET_A_MAX (__CNET_A_MAX - 1)

enum cnet_neigh_state {
	CNET_NEIGH_INCOMPLETE,	/* request sent, no answer yet */
	CNET_NEIGH_REACHABLE,	/* confirmed recently */
	CNET_NEIGH_STALE,	/* usable, but not confirmed recently */
	CNET_NEIGH_FAILED,	/* resolution failed */
	__CNET_NEIGH_MAX,
};

#endif /* _UAPI_LINUX_CNET_H */
