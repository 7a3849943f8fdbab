// SPDX-License-Identifier: GPL-2.0
/*
 * The "cnet" generic netlink family: configuration and introspection.
 * Usable in every network namespace; operations that change state need
 * CAP_NET_ADMIN over the namespace's user namespace (GENL_UNS_ADMIN_PERM).
 * Attributes and commands are in include/uapi/linux/cnet.h.
 */
#include <linux/etherdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "cnet.h"
#include "netlink.h"
#include "sock.h"
#include "tcp_cong.h"
#include "tcp_ecn.h"
#include "tcp_mem.h"
#include "tcp_mini.h"
#include "tcp_mtu.h"
#include "tcp_timeout.h"

static const struct netlink_range_validation cnet_nl_ratelimit_range = {
	.max = CNET_CONF_ICMP_RATELIMIT_MS_MAX,
};

static const struct netlink_range_validation cnet_nl_tw_timeout_range = {
	.min = CNET_CONF_TCP_TW_TIMEOUT_MS_MIN,
	.max = CNET_CONF_TCP_TW_TIMEOUT_MS_MAX,
};

/* TCP_KEEPIDLE's and TCP_KEEPINTVL's range, and TCP_KEEPCNT's */
/* tcp_base_mss: a policy's own range is s16, too small for 65495 */
static const struct netlink_range_validation cnet_nl_base_mss_range = {
	.min = CNET_TCP_MTUP_FLOOR_MSS,
	.max = CNET_TCP_BASE_MSS_MAX,
};

static const struct netlink_range_validation cnet_nl_keepalive_s_range = {
	.min = 1,
	.max = CNET_TCP_MAX_KEEPIDLE,
};

static const struct netlink_range_validation cnet_nl_keepalive_probes_range = {
	.min = 1,
	.max = CNET_TCP_MAX_KEEPCNT,
};

/* tcp_timestamps: off or on */
static const struct netlink_range_validation cnet_nl_bool_range = {
	.min = 0,
	.max = 1,
};

static const struct netlink_range_validation cnet_nl_ipfrag_time_range = {
	.min = CNET_CONF_IPFRAG_TIME_MS_MIN,
	.max = CNET_CONF_IPFRAG_TIME_MS_MAX,
};

/* The neighbour and DAD settings' ranges (neigh.h, cnet.h) */
static const struct netlink_range_validation cnet_nl_neigh_ms_range = {
	.min = 1,
	.max = CNET_CONF_NEIGH_MS_MAX,
};

static const struct netlink_range_validation cnet_nl_neigh_ms0_range = {
	.max = CNET_CONF_NEIGH_MS_MAX,
};

static const struct netlink_range_validation cnet_nl_neigh_retrans_range = {
	.min = CNET_CONF_NEIGH_RETRANS_MS_MIN,
	.max = CNET_CONF_NEIGH_MS_MAX,
};

static const struct netlink_range_validation cnet_nl_neigh_entries_range = {
	.min = 1,
	.max = CNET_CONF_NEIGH_MAX,
};

static const struct netlink_range_validation cnet_nl_neigh_queue_range = {
	.max = CNET_CONF_NEIGH_MAX,
};

static const struct netlink_range_validation cnet_nl_dad_interval_range = {
	.min = CNET_CONF_DAD_INTERVAL_MS_MIN,
	.max = CNET_CONF_DAD_INTERVAL_MS_MAX,
};

const struct nla_policy cnet_nl_policy[CNET_A_MAX + 1] = {
	[CNET_A_IFINDEX]	= NLA_POLICY_MIN(NLA_U32, 1),
	[CNET_A_IFNAME]		= { .type = NLA_STRING, .len = IFNAMSIZ - 1 },
	[CNET_A_ADDR]		= { .type = NLA_BE32 },
	[CNET_A_PREFIXLEN]	= NLA_POLICY_MAX(NLA_U8, 32),
	[CNET_A_GATEWAY]	= { .type = NLA_BE32 },
	[CNET_A_METRIC]		= { .type = NLA_U32 },
	[CNET_A_RT_TYPE]	= NLA_POLICY_RANGE(NLA_U8, CNET_RT_UNICAST,
						   CNET_RT_PROHIBIT),
	[CNET_A_PREFSRC]	= { .type = NLA_BE32 },
	[CNET_A_FORWARDING]	= NLA_POLICY_MAX(NLA_U8, 1),
	[CNET_A_ICMP_RATELIMIT_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_ratelimit_range),
	[CNET_A_ICMP_BURST]	= NLA_POLICY_RANGE(NLA_U32,
						   CNET_CONF_ICMP_BURST_MIN,
						   CNET_CONF_ICMP_BURST_MAX),
	[CNET_A_LLADDR]		= NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[CNET_A_NEIGH_ALL]	= { .type = NLA_FLAG },
	[CNET_A_PROXY_ARP]	= NLA_POLICY_MAX(NLA_U8, 1),
	[CNET_A_ADDR_FLAGS]	= NLA_POLICY_MASK(NLA_U32, CNET_IFA_F_NODAD |
						   CNET_IFA_F_DAD),
	[CNET_A_IPFRAG_HIGH_THRESH] = { .type = NLA_U32 },
	[CNET_A_IPFRAG_LOW_THRESH] = { .type = NLA_U32 },
	[CNET_A_IPFRAG_TIME_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_ipfrag_time_range),
	[CNET_A_IPFRAG_MEM]	= { .type = NLA_REJECT },
	[CNET_A_IPFRAG_QUEUES]	= { .type = NLA_REJECT },
	[CNET_A_LOCAL_PORT_LO]	= NLA_POLICY_MIN(NLA_U16, 1),
	[CNET_A_LOCAL_PORT_HI]	= NLA_POLICY_MIN(NLA_U16, 1),
	[CNET_A_SOCK_KINDS]	= NLA_POLICY_MASK(NLA_U32, CNET_SOCK_KINDS_ALL),
	[CNET_A_SOCK_STATES]	= NLA_POLICY_MASK(NLA_U32, CNET_SOCK_STATES_ALL),
	/* what SOCK_GET says of a socket: not for requests */
	[CNET_A_SOCK_KIND ... CNET_A_SOCK_TCP_BYTES_RECEIVED] = {
		.type = NLA_REJECT },
	[CNET_A_TCP_TW_TIMEOUT_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_tw_timeout_range),
	[CNET_A_TCP_MAX_TW_BUCKETS] = { .type = NLA_U32 },
	[CNET_A_TCP_TW_COUNT]	= { .type = NLA_REJECT },
	[CNET_A_TCP_MEM_LOW]	= { .type = NLA_U32 },
	[CNET_A_TCP_MEM_PRESSURE] = { .type = NLA_U32 },
	[CNET_A_TCP_MEM_HIGH]	= { .type = NLA_U32 },
	[CNET_A_TCP_MEM_PAGES]	= { .type = NLA_REJECT },
	[CNET_A_TCP_KEEPALIVE_TIME_S] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_keepalive_s_range),
	[CNET_A_TCP_KEEPALIVE_INTVL_S] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_keepalive_s_range),
	[CNET_A_TCP_KEEPALIVE_PROBES] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_keepalive_probes_range),
	[CNET_A_TCP_SYNCOOKIES]	= NLA_POLICY_MAX(NLA_U8, 2),
	[CNET_A_TCP_CONGESTION]	= { .type = NLA_NUL_STRING,
				    .len = CNET_TCP_CA_NAME_MAX - 1 },
	[CNET_A_SOCK_TCP_CONG]	= { .type = NLA_REJECT },
	[CNET_A_TCP_TIMESTAMPS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_bool_range),
	[CNET_A_TCP_SACK]	= NLA_POLICY_MAX(NLA_U32, 1),
	[CNET_A_TCP_RECOVERY]	= NLA_POLICY_MAX(NLA_U32, 1),
	[CNET_A_TCP_MTU_PROBING] = NLA_POLICY_MAX(NLA_U32, 2),
	[CNET_A_TCP_BASE_MSS]	= NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_base_mss_range),
	[CNET_A_TCP_ECN]	= NLA_POLICY_MAX(NLA_U32, CNET_TCP_ECN_SERVER),
	/* Linux's ranges (tcp_timeout.h) */
	[CNET_A_TCP_SYN_RETRIES] = NLA_POLICY_RANGE(NLA_U32, 1,
						    CNET_TCP_MAX_SYNCNT),
	[CNET_A_TCP_SYNACK_RETRIES] = NLA_POLICY_MAX(NLA_U32,
						     CNET_TCP_MAX_RETRIES),
	[CNET_A_TCP_RETRIES2]	= NLA_POLICY_MAX(NLA_U32, CNET_TCP_MAX_RETRIES),
	[CNET_A_TCP_ORPHAN_RETRIES] = NLA_POLICY_MAX(NLA_U32,
						     CNET_TCP_MAX_RETRIES),
	[CNET_A_TCP_SYN_LINEAR_TIMEOUTS] = NLA_POLICY_MAX(NLA_U32,
							  CNET_TCP_MAX_SYNCNT),
	[CNET_A_TCP_TW_REUSE]	= NLA_POLICY_MAX(NLA_U32,
						 CNET_TCP_TW_REUSE_LOOPBACK),
	/* TCP_LINGER2's range (Linux's sysctl has none) */
	[CNET_A_TCP_FIN_TIMEOUT_S] = NLA_POLICY_RANGE(NLA_U32, 1,
						      CNET_TCP_FIN_TIMEOUT_MAX_S),
	[CNET_A_NEIGH_REACHABLE_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_ms_range),
	[CNET_A_NEIGH_RETRANS_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_retrans_range),
	[CNET_A_NEIGH_GC_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_ms0_range),
	[CNET_A_NEIGH_DELAY_MS]	= NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_ms_range),
	[CNET_A_NEIGH_LOCKTIME_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_ms0_range),
	[CNET_A_NEIGH_MAX_PROBES] = NLA_POLICY_RANGE(NLA_U32, 1,
						CNET_CONF_NEIGH_PROBES_MAX),
	[CNET_A_NEIGH_UCAST_PROBES] = NLA_POLICY_RANGE(NLA_U32, 1,
						CNET_CONF_NEIGH_PROBES_MAX),
	[CNET_A_NEIGH_MAX_ENTRIES] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_entries_range),
	[CNET_A_NEIGH_QUEUE_LEN] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_queue_range),
	[CNET_A_NEIGH_QUEUE_BYTES] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_neigh_queue_range),
	[CNET_A_DAD_PROBES]	= NLA_POLICY_MAX(NLA_U32,
						 CNET_CONF_DAD_PROBES_MAX),
	[CNET_A_DAD_INTERVAL_MS] = NLA_POLICY_FULL_RANGE(NLA_U32,
						&cnet_nl_dad_interval_range),
};

/*
 * The u32 settings that are one field each, no pair, no side effect: the
 * neighbour table's, duplicate address detection's and tcp_tw_reuse.
 * CONF_GET puts them, CONF_SET writes those given (WRITE_ONCE: readers
 * take no lock).
 */
static const struct {
	int	attr;
	size_t	off;	/* in struct cnet_net */
} cnet_nl_conf_u32[] = {
	{ CNET_A_NEIGH_REACHABLE_MS, offsetof(struct cnet_net, neigh.reachable_ms) },
	{ CNET_A_NEIGH_RETRANS_MS, offsetof(struct cnet_net, neigh.retrans_ms) },
	{ CNET_A_NEIGH_GC_MS,	offsetof(struct cnet_net, neigh.gc_ms) },
	{ CNET_A_NEIGH_DELAY_MS, offsetof(struct cnet_net, neigh.delay_ms) },
	{ CNET_A_NEIGH_LOCKTIME_MS, offsetof(struct cnet_net, neigh.locktime_ms) },
	{ CNET_A_NEIGH_MAX_PROBES, offsetof(struct cnet_net, neigh.max_probes) },
	{ CNET_A_NEIGH_UCAST_PROBES, offsetof(struct cnet_net, neigh.ucast_probes) },
	{ CNET_A_NEIGH_MAX_ENTRIES, offsetof(struct cnet_net, neigh.max_entries) },
	{ CNET_A_NEIGH_QUEUE_LEN, offsetof(struct cnet_net, neigh.queue_len) },
	{ CNET_A_NEIGH_QUEUE_BYTES, offsetof(struct cnet_net, neigh.queue_bytes) },
	{ CNET_A_DAD_PROBES,	offsetof(struct cnet_net, dad_probes) },
	{ CNET_A_DAD_INTERVAL_MS, offsetof(struct cnet_net, dad_interval_ms) },
	{ CNET_A_TCP_TW_REUSE,	offsetof(struct cnet_net, tcp_tw_reuse) },
};

static u32 *cnet_nl_conf_field(struct cnet_net *cn, unsigned int i)
{
	return (u32 *)((char *)cn + cnet_nl_conf_u32[i].off);
}

static struct genl_family cnet_family;

/*
 * The device named by IFINDEX and/or IFNAME in this namespace. When both
 * are given they must agree. Caller holds RTNL.
 */
static struct net_device *cnet_nl_dev(struct net *net, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;
	struct net_device *dev = NULL;
	char name[IFNAMSIZ];

	if (tb[CNET_A_IFINDEX]) {
		dev = __dev_get_by_index(net, nla_get_u32(tb[CNET_A_IFINDEX]));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[CNET_A_IFINDEX],
					    "no device with this index");
			return ERR_PTR(-ENODEV);
		}
	}
	if (tb[CNET_A_IFNAME]) {
		nla_strscpy(name, tb[CNET_A_IFNAME], sizeof(name));
		if (dev && strcmp(dev->name, name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[CNET_A_IFNAME],
					    "device name and index disagree");
			return ERR_PTR(-EINVAL);
		}
		if (!dev)
			dev = __dev_get_by_name(net, name);
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[CNET_A_IFNAME],
					    "no device with this name");
			return ERR_PTR(-ENODEV);
		}
	}
	if (!dev) {
		NL_SET_ERR_MSG(info->extack, "a device (index or name) is required");
		return ERR_PTR(-EINVAL);
	}
	return dev;
}

/*
 * Is @dev the namespace's loopback, cnet's lo (loopback.c)? It is always
 * there, with 127.0.0.1/8, and nothing of it can be changed: the request
 * is refused with EOPNOTSUPP, saying so.
 */
static bool cnet_nl_is_lo(struct genl_info *info, struct net_device *dev)
{
	if (dev != cnet_pernet(genl_info_net(info))->lo.dev)
		return false;
	NL_SET_ERR_MSG(info->extack,
		       "lo is cnet's loopback, not an Ethernet device: always there with 127.0.0.1/8, not to be changed");
	return true;
}

/* Attach or detach the device the request names, under RTNL. */
static int cnet_nl_link_change(struct genl_info *info,
			       int (*change)(struct cnet_net *cn,
					     struct net_device *dev,
					     struct netlink_ext_ack *extack))
{
	struct net *net = genl_info_net(info);
	struct net_device *dev;
	int err;

	rtnl_lock();
	dev = cnet_nl_dev(net, info);
	if (IS_ERR(dev))
		err = PTR_ERR(dev);
	else if (cnet_nl_is_lo(info, dev))
		err = -EOPNOTSUPP;
	else
		err = change(cnet_pernet(net), dev, info->extack);
	rtnl_unlock();
	return err;
}

static int cnet_nl_link_attach(struct sk_buff *skb, struct genl_info *info)
{
	return cnet_nl_link_change(info, cnet_dev_attach);
}

static int cnet_nl_link_detach(struct sk_buff *skb, struct genl_info *info)
{
	return cnet_nl_link_change(info, cnet_dev_detach);
}

/* Shared by address add and delete: the device, address and prefix. */
static int cnet_nl_addr_change(struct genl_info *info, bool add)
{
	struct net *net = genl_info_net(info);
	struct net_device *dev;
	struct cnet_dev *cd;
	u32 flags = 0;
	__be32 addr;
	u8 plen;
	int err;

	if (info->attrs[CNET_A_ADDR_FLAGS])
		flags = nla_get_u32(info->attrs[CNET_A_ADDR_FLAGS]);
	if (GENL_REQ_ATTR_CHECK(info, CNET_A_ADDR) ||
	    GENL_REQ_ATTR_CHECK(info, CNET_A_PREFIXLEN))
		return -EINVAL;
	addr = nla_get_in_addr(info->attrs[CNET_A_ADDR]);
	plen = nla_get_u8(info->attrs[CNET_A_PREFIXLEN]);

	rtnl_lock();
	dev = cnet_nl_dev(net, info);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		goto out;
	}
	if (cnet_nl_is_lo(info, dev)) {
		err = -EOPNOTSUPP;
		goto out;
	}
	cd = cnet_dev_get_rtnl(dev);
	if (!cd) {
		NL_SET_ERR_MSG(info->extack, "device is not attached to cnet");
		err = -ENODEV;
		goto out;
	}
	err = add ? cnet_addr_add(cd, addr, plen, flags, info->extack) :
		    cnet_addr_del(cd, addr, plen, info->extack);
out:
	rtnl_unlock();
	return err;
}

static int cnet_nl_addr_add(struct sk_buff *skb, struct genl_info *info)
{
	return cnet_nl_addr_change(info, true);
}

static int cnet_nl_addr_del(struct sk_buff *skb, struct genl_info *info)
{
	return cnet_nl_addr_change(info, false);
}

/*
 * The attached device the request names (IFINDEX|IFNAME), in @cdp.
 * Caller holds RTNL.
 */
static int cnet_nl_attached(struct genl_info *info, struct cnet_dev **cdp)
{
	struct net_device *dev = cnet_nl_dev(genl_info_net(info), info);

	if (IS_ERR(dev))
		return PTR_ERR(dev);
	if (cnet_nl_is_lo(info, dev))
		return -EOPNOTSUPP;
	*cdp = cnet_dev_get_rtnl(dev);
	if (!*cdp) {
		NL_SET_ERR_MSG(info->extack, "device is not attached to cnet");
		return -ENODEV;
	}
	return 0;
}

/* NEIGH_ADD and NEIGH_DEL: the address, checked */
static int cnet_nl_neigh_addr(struct genl_info *info, __be32 *addr)
{
	struct nlattr *a = info->attrs[CNET_A_ADDR];
	u32 h;

	if (GENL_REQ_ATTR_CHECK(info, CNET_A_ADDR))
		return -EINVAL;
	*addr = nla_get_in_addr(a);
	h = ntohl(*addr);
	if (!h || h == 0xffffffff) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "0.0.0.0 and 255.255.255.255 are not neighbour addresses");
		return -EINVAL;
	}
	if ((h >> 28) == 0xe || (h >> 24) == 127) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "multicast and loopback addresses are not neighbour addresses");
		return -EINVAL;
	}
	return 0;
}

static int cnet_nl_neigh_add(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *ll = info->attrs[CNET_A_LLADDR];
	struct cnet_dev *cd;
	__be32 addr;
	int err;

	err = cnet_nl_neigh_addr(info, &addr);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, CNET_A_LLADDR))
		return -EINVAL;
	if (is_zero_ether_addr(nla_data(ll)) ||
	    is_multicast_ether_addr(nla_data(ll))) {
		NL_SET_ERR_MSG_ATTR(info->extack, ll,
				    "link-layer address must be unicast and not zero");
		return -EINVAL;
	}
	rtnl_lock();
	err = cnet_nl_attached(info, &cd);
	if (!err)
		err = cnet_neigh_add_static(cd, addr, nla_data(ll),
					    info->extack);
	rtnl_unlock();
	return err;
}

static int cnet_nl_neigh_del(struct sk_buff *skb, struct genl_info *info)
{
	struct cnet_dev *cd;
	__be32 addr;
	int err;

	err = cnet_nl_neigh_addr(info, &addr);
	if (err)
		return err;
	rtnl_lock();
	err = cnet_nl_attached(info, &cd);
	if (!err) {
		err = cnet_neigh_del(cd, addr);
		if (err)
			NL_SET_ERR_MSG(info->extack,
				       "no neighbour entry for this address on this device");
	}
	rtnl_unlock();
	return err;
}

static int cnet_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct cnet_net *cn = cnet_pernet(genl_info_net(info));
	struct cnet_dev *cd = NULL;
	int err = 0;

	rtnl_lock();
	if (info->attrs[CNET_A_IFINDEX] || info->attrs[CNET_A_IFNAME])
		err = cnet_nl_attached(info, &cd);
	if (!err) {
		if (nla_get_flag(info->attrs[CNET_A_NEIGH_ALL]))
			cnet_neigh_flush_all(cn, cd);
		else
			cnet_neigh_flush_dynamic(cn, cd);
	}
	rtnl_unlock();
	return err;
}

/*
 * The neighbour settings a device may have of its own (neigh.h), by their
 * attribute: the namespace's of the same name (CONF_SET), with its range.
 */
static const int cnet_nl_neigh_dev_attr[CNET_NEIGH_DEV_N] = {
	[CNET_NEIGH_DEV_REACHABLE_MS]	= CNET_A_NEIGH_REACHABLE_MS,
	[CNET_NEIGH_DEV_RETRANS_MS]	= CNET_A_NEIGH_RETRANS_MS,
	[CNET_NEIGH_DEV_GC_MS]		= CNET_A_NEIGH_GC_MS,
	[CNET_NEIGH_DEV_DELAY_MS]	= CNET_A_NEIGH_DELAY_MS,
	[CNET_NEIGH_DEV_LOCKTIME_MS]	= CNET_A_NEIGH_LOCKTIME_MS,
	[CNET_NEIGH_DEV_MAX_PROBES]	= CNET_A_NEIGH_MAX_PROBES,
	[CNET_NEIGH_DEV_UCAST_PROBES]	= CNET_A_NEIGH_UCAST_PROBES,
	[CNET_NEIGH_DEV_QUEUE_LEN]	= CNET_A_NEIGH_QUEUE_LEN,
	[CNET_NEIGH_DEV_QUEUE_BYTES]	= CNET_A_NEIGH_QUEUE_BYTES,
};

/*
 * ARP's memory limits (NEIGH_MAX_ENTRIES, NEIGH_QUEUE_LEN, NEIGH_QUEUE_BYTES),
 * the namespace's (CONF_SET) or a device's (LINK_SET), bound what it takes
 * of the host's memory: in a namespace another user namespace owns, only
 * CAP_NET_ADMIN in the initial one changes them, as their sysctls
 * (cnet_sysctl_host_limit()).
 */
static int cnet_nl_neigh_limits(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr **tb = info->attrs;

	if ((tb[CNET_A_NEIGH_MAX_ENTRIES] || tb[CNET_A_NEIGH_QUEUE_LEN] ||
	     tb[CNET_A_NEIGH_QUEUE_BYTES]) &&
	    genl_info_net(info)->user_ns != &init_user_ns &&
	    !netlink_capable(skb, CAP_NET_ADMIN)) {
		NL_SET_ERR_MSG(info->extack,
			       "ARP's memory limits of a namespace another user namespace owns need CAP_NET_ADMIN in the initial one");
		return -EPERM;
	}
	return 0;
}

/* LINK_SET: PROXY_ARP and the device's own neighbour settings */
static int cnet_nl_link_set(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *proxy = info->attrs[CNET_A_PROXY_ARP];
	struct nlattr *max = info->attrs[CNET_A_NEIGH_MAX_ENTRIES];
	struct cnet_dev *cd;
	bool any = proxy;
	int err, i;

	if (max) {
		NL_SET_ERR_MSG_ATTR(info->extack, max,
				    "the table's size is the namespace's (CONF_SET), not a device's");
		return -EINVAL;
	}
	for (i = 0; i < CNET_NEIGH_DEV_N; i++)
		any |= !!info->attrs[cnet_nl_neigh_dev_attr[i]];
	if (!any) {
		NL_SET_ERR_MSG(info->extack,
			       "nothing to set (PROXY_ARP, NEIGH_*)");
		return -EINVAL;
	}
	err = cnet_nl_neigh_limits(skb, info);
	if (err)
		return err;
	rtnl_lock();
	err = cnet_nl_attached(info, &cd);
	if (!err && proxy)
		WRITE_ONCE(cd->proxy_arp, nla_get_u8(proxy));
	for (i = 0; !err && i < CNET_NEIGH_DEV_N; i++)
		if (info->attrs[cnet_nl_neigh_dev_attr[i]])
			WRITE_ONCE(cd->neigh.v[i],
				   nla_get_u32(info->attrs[cnet_nl_neigh_dev_attr[i]]));
	if (!err)
		cnet_notify_link(cd, CNET_CMD_LINK_SET);
	rtnl_unlock();
	return err;
}

void *cnet_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, &cnet_family, NLM_F_MULTI, cmd);
}

int cnet_nl_put_dev(struct sk_buff *skb, const struct net_device *dev)
{
	if (nla_put_u32(skb, CNET_A_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, CNET_A_IFNAME, dev->name))
		return -EMSGSIZE;
	return 0;
}

/*
 * The attributes of one device, as LINK_GET and the monitor show it. lo has
 * no link-layer address, no proxy ARP and no neighbour settings, and its
 * MTU is cnet's (cnet_dev_mtu()), as Linux shows its lo. Of the neighbour
 * settings, those the device has of its own: the others are the
 * namespace's (CONF_GET).
 */
static int cnet_nl_fill_link(struct sk_buff *skb, struct cnet_dev *cd)
{
	bool lo = cnet_dev_is_lo(cd);
	u32 v;
	int i;

	if (cnet_nl_put_dev(skb, cd->dev) ||
	    (!lo && nla_put(skb, CNET_A_LLADDR, ETH_ALEN, cd->dev->dev_addr)) ||
	    nla_put_u32(skb, CNET_A_MTU, cnet_dev_mtu(cd)) ||
	    (!lo &&
	     nla_put_u8(skb, CNET_A_PROXY_ARP, READ_ONCE(cd->proxy_arp))))
		return -EMSGSIZE;
	for (i = 0; !lo && i < CNET_NEIGH_DEV_N; i++) {
		v = READ_ONCE(cd->neigh.v[i]);
		if (v != CNET_NEIGH_DEV_INHERIT &&
		    nla_put_u32(skb, cnet_nl_neigh_dev_attr[i], v))
			return -EMSGSIZE;
	}
	return 0;
}

/* One device of a LINK_GET dump. */
static int cnet_nl_link_one(struct sk_buff *skb, struct netlink_callback *cb,
			    struct cnet_dev *cd)
{
	void *hdr;

	hdr = cnet_nl_dump_put(skb, cb, CNET_CMD_LINK_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cnet_nl_fill_link(skb, cd)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: devices already dumped, lo first (as Linux lists it) */
static int cnet_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(skb->sk));
	long idx = 1, start = cb->args[0];
	struct cnet_dev *cd;

	rcu_read_lock();
	if (!start) {
		if (cnet_nl_link_one(skb, cb, &cn->lo))
			goto full;
		cb->args[0] = 1;
	}
	list_for_each_entry_rcu(cd, &cn->devs, list) {
		if (idx++ < start)
			continue;
		if (cnet_nl_link_one(skb, cb, cd))
			goto full;
		cb->args[0] = idx;
	}
full:
	rcu_read_unlock();
	return skb->len;
}

/* The attributes of one address; @bcast and @flags 0 when none. */
static int cnet_nl_fill_addr(struct sk_buff *skb, const struct net_device *dev,
			     __be32 addr, u8 prefixlen, __be32 bcast,
			     u32 flags)
{
	if (cnet_nl_put_dev(skb, dev) ||
	    nla_put_in_addr(skb, CNET_A_ADDR, addr) ||
	    nla_put_u8(skb, CNET_A_PREFIXLEN, prefixlen) ||
	    (bcast && nla_put_in_addr(skb, CNET_A_BROADCAST, bcast)) ||
	    (flags && nla_put_u32(skb, CNET_A_ADDR_FLAGS, flags)))
		return -EMSGSIZE;
	return 0;
}

/* One address of an ADDR_GET dump. */
static int cnet_nl_addr_one(struct sk_buff *skb, struct netlink_callback *cb,
			    const struct net_device *dev, __be32 addr,
			    u8 prefixlen, __be32 bcast, u32 flags)
{
	void *hdr;

	hdr = cnet_nl_dump_put(skb, cb, CNET_CMD_ADDR_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cnet_nl_fill_addr(skb, dev, addr, prefixlen, bcast, flags)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/*
 * cb->args[0]: devices fully dumped, lo first with its one address,
 * 127.0.0.1/8; cb->args[1]: addresses of the next
 */
static int cnet_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cnet_net *cn = cnet_pernet(sock_net(skb->sk));
	long didx = 1, aidx;
	struct cnet_ifaddr *ifa;
	struct cnet_dev *cd;

	rcu_read_lock();
	if (!cb->args[0]) {
		if (cnet_nl_addr_one(skb, cb, cn->lo.dev,
				     htonl(INADDR_LOOPBACK), 8, 0, 0))
			goto full;
		cb->args[0] = 1;
	}
	list_for_each_entry_rcu(cd, &cn->devs, list) {
		if (didx++ < cb->args[0])
			continue;
		aidx = 0;
		list_for_each_entry_rcu(ifa, &cd->addrs, list) {
			if (aidx++ < cb->args[1])
				continue;
			if (cnet_nl_addr_one(skb, cb, cd->dev, ifa->addr,
					     ifa->prefixlen, ifa->bcast,
					     READ_ONCE(ifa->flags)))
				goto full;
			cb->args[1] = aidx;
		}
		cb->args[0] = didx;
		cb->args[1] = 0;
	}
full:
	rcu_read_unlock();
	return skb->len;
}

/* What a dump's per-object callback needs to fill the message. */
struct cnet_nl_dump_arg {
	struct sk_buff *skb;
	struct netlink_callback *cb;
	struct net *net;
};

/* The attributes of one ARP entry. RCU (for the device). */
static int cnet_nl_fill_neigh(struct sk_buff *skb, struct net *net,
			      const struct cnet_neigh_info *ni)
{
	struct net_device *dev = dev_get_by_index_rcu(net, ni->ifindex);

	if ((dev && cnet_nl_put_dev(skb, dev)) ||
	    nla_put_in_addr(skb, CNET_A_ADDR, ni->addr) ||
	    nla_put_u8(skb, CNET_A_NEIGH_STATE, ni->state) ||
	    nla_put_u32(skb, CNET_A_NEIGH_AGE_MS, ni->age_ms) ||
	    nla_put_u32(skb, CNET_A_NEIGH_QLEN, ni->qlen) ||
	    (ni->state != CNET_NEIGH_INCOMPLETE &&
	     ni->state != CNET_NEIGH_FAILED &&
	     nla_put(skb, CNET_A_LLADDR, ETH_ALEN, ni->lladdr)))
		return -EMSGSIZE;
	return 0;
}

static int cnet_nl_neigh_one(const struct cnet_neigh_info *ni, void *arg)
{
	struct cnet_nl_dump_arg *a = arg;
	struct sk_buff *skb = a->skb;
	void *hdr;

	hdr = cnet_nl_dump_put(skb, a->cb, CNET_CMD_NEIGH_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cnet_nl_fill_neigh(skb, a->net, ni)) {
		genlmsg_cancel(skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

/* cb->args[0]: cnet_neigh_walk() cursor */
static int cnet_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct net *net = sock_net(skb->sk);
	struct cnet_nl_dump_arg a = { .skb = skb, .cb = cb, .net = net };
	unsigned int pos = cb->args[0];

	rcu_read_lock();
	cnet_neigh_walk(cnet_pernet(net), &pos, cnet_nl_neigh_one, &a);
	rcu_read_unlock();
	cb->args[0] = pos;
	return skb->len;
}

/* ---- routes ---- */

/*
 * A route from a ROUTE_ADD or ROUTE_DEL request. For a deletion, absent
 * fields match anything. Caller holds RTNL (for the device lookup).
 */
static int cnet_nl_route_cfg(struct genl_info *info, struct cnet_route *cfg,
			     bool del)
{
	struct nlattr **tb = info->attrs;
	struct net_device *dev;

	if (GENL_REQ_ATTR_CHECK(info, CNET_A_ADDR) ||
	    GENL_REQ_ATTR_CHECK(info, CNET_A_PREFIXLEN))
		return -EINVAL;
	*cfg = (struct cnet_route){
		.dst = nla_get_in_addr(tb[CNET_A_ADDR]),
		.plen = nla_get_u8(tb[CNET_A_PREFIXLEN]),
		.type = del ? CNET_RT_UNSPEC : CNET_RT_UNICAST,
		.proto = CNET_RT_PROTO_STATIC,
	};
	if (tb[CNET_A_RT_TYPE])
		cfg->type = nla_get_u8(tb[CNET_A_RT_TYPE]);
	if (tb[CNET_A_METRIC])
		cfg->metric = nla_get_u32(tb[CNET_A_METRIC]);
	if (tb[CNET_A_GATEWAY])
		cfg->gw = nla_get_in_addr(tb[CNET_A_GATEWAY]);
	if (tb[CNET_A_PREFSRC]) {
		if (del) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[CNET_A_PREFSRC],
					    "a route is not deleted by source");
			return -EINVAL;
		}
		cfg->prefsrc = nla_get_in_addr(tb[CNET_A_PREFSRC]);
	}
	if (tb[CNET_A_IFINDEX] || tb[CNET_A_IFNAME]) {
		dev = cnet_nl_dev(genl_info_net(info), info);
		if (IS_ERR(dev))
			return PTR_ERR(dev);
		cfg->ifindex = dev->ifindex;
	}
	return 0;
}

static int cnet_nl_route_change(struct genl_info *info, unsigned int flags)
{
	struct cnet_net *cn = cnet_pernet(genl_info_net(info));
	struct cnet_route cfg;
	int err;

	rtnl_lock();
	err = cnet_nl_route_cfg(info, &cfg, false);
	if (!err)
		err = cnet_route_cfg_resolve(cn, &cfg, info->extack);
	if (!err)
		err = cnet_fib_add(&cn->fib, &cfg, flags, info->extack);
	if (!err)
		cnet_notify_route(cn, &cfg, CNET_CMD_ROUTE_ADD);
	rtnl_unlock();
	return err;
}

static int cnet_nl_route_add(struct sk_buff *skb, struct genl_info *info)
{
	return cnet_nl_route_change(info, CNET_FIB_F_CREATE | CNET_FIB_F_EXCL);
}

static int cnet_nl_route_replace(struct sk_buff *skb, struct genl_info *info)
{
	return cnet_nl_route_change(info,
				    CNET_FIB_F_CREATE | CNET_FIB_F_REPLACE);
}

static int cnet_nl_route_del(struct sk_buff *skb, struct genl_info *info)
{
	struct cnet_net *cn = cnet_pernet(genl_info_net(info));
	struct cnet_route cfg, gone;
	int err;

	rtnl_lock();
	err = cnet_nl_route_cfg(info, &cfg, true);
	if (!err)
		err = cnet_fib_del(&cn->fib, &cfg, &gone, info->extack);
	if (!err)
		cnet_notify_route(cn, &gone, CNET_CMD_ROUTE_DEL);
	rtnl_unlock();
	return err;
}

/* The attributes of @rt; the device by index, and name if it exists. RCU. */
static int cnet_nl_put_route(struct sk_buff *skb, struct net *net,
			     const struct cnet_route *rt)
{
	struct net_device *dev;

	if (nla_put_in_addr(skb, CNET_A_ADDR, rt->dst) ||
	    nla_put_u8(skb, CNET_A_PREFIXLEN, rt->plen) ||
	    nla_put_u8(skb, CNET_A_RT_TYPE, rt->type) ||
	    nla_put_u8(skb, CNET_A_RT_SCOPE, rt->scope) ||
	    nla_put_u8(skb, CNET_A_RT_PROTO, rt->proto) ||
	    nla_put_u32(skb, CNET_A_METRIC, rt->metric) ||
	    (rt->gw && nla_put_in_addr(skb, CNET_A_GATEWAY, rt->gw)) ||
	    (rt->prefsrc && nla_put_in_addr(skb, CNET_A_PREFSRC, rt->prefsrc)))
		return -EMSGSIZE;
	if (!rt->ifindex)
		return 0;
	dev = dev_get_by_index_rcu(net, rt->ifindex);
	if (dev)
		return cnet_nl_put_dev(skb, dev);
	return nla_put_u32(skb, CNET_A_IFINDEX, rt->ifindex);
}

/* ROUTE_GET's answer: the route (if any) and how it resolved. RCU. */
static int cnet_nl_put_route_res(struct sk_buff *skb, __be32 daddr,
				 const struct cnet_rt_res *res)
{
	const struct cnet_route *rt = res->rt;

	/* Local and limited broadcast have no route: as if a /32. */
	if (nla_put_in_addr(skb, CNET_A_ADDR, daddr) ||
	    nla_put_u8(skb, CNET_A_PREFIXLEN, rt ? rt->plen : 32) ||
	    nla_put_u8(skb, CNET_A_RT_TYPE, res->type) ||
	    nla_put_in_addr(skb, CNET_A_NEXTHOP, res->nexthop) ||
	    nla_put_in_addr(skb, CNET_A_PREFSRC, res->saddr) ||
	    cnet_nl_put_dev(skb, res->cd->dev))
		return -EMSGSIZE;
	if (rt && (nla_put_u8(skb, CNET_A_RT_SCOPE, rt->scope) ||
		   nla_put_u8(skb, CNET_A_RT_PROTO, rt->proto) ||
		   nla_put_u32(skb, CNET_A_METRIC, rt->metric) ||
		   (rt->gw && nla_put_in_addr(skb, CNET_A_GATEWAY, rt->gw))))
		return -EMSGSIZE;
	return 0;
}

static int cnet_nl_route_one(const struct cnet_route *rt, void *arg)
{
	struct cnet_nl_dump_arg *a = arg;
	void *hdr;

	hdr = cnet_nl_dump_put(a->skb, a->cb, CNET_CMD_ROUTE_GET);
	if (!hdr)
		return -EMSGSIZE;
	if (cnet_nl_put_route(a->skb, a->net, rt)) {
		genlmsg_cancel(a->skb, hdr);
		return -EMSGSIZE;
	}
	genlmsg_end(a->skb, hdr);
	return 0;
}

/* cb->ctx: the walk's cursor (zeroed by netlink: "before the first") */
static int cnet_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct cnet_fib_cursor *cur = (struct cnet_fib_cursor *)cb->ctx;
	struct net *net = sock_net(skb->sk);
	struct cnet_nl_dump_arg a = { .skb = skb, .cb = cb, .net = net };

	BUILD_BUG_ON(sizeof(*cur) > sizeof(cb->ctx));
	rcu_read_lock();
	cnet_fib_walk(&cnet_pernet(net)->fib, cur, cnet_nl_route_one, &a);
	rcu_read_unlock();
	return skb->len;
}

/* Tell the user why cnet_route_output() said @err. */
static void cnet_nl_route_err(struct netlink_ext_ack *extack, int err)
{
	switch (err) {
	case -EHOSTUNREACH:
		NL_SET_ERR_MSG(extack,
			       "destination is behind an unreachable route");
		break;
	case -EACCES:
		NL_SET_ERR_MSG(extack, "destination is behind a prohibit route");
		break;
	case -EINVAL:
		NL_SET_ERR_MSG(extack, "destination is behind a blackhole route");
		break;
	case -EADDRNOTAVAIL:
		NL_SET_ERR_MSG(extack, "no source address to send from");
		break;
	default:
		NL_SET_ERR_MSG(extack, "no route to the destination");
		break;
	}
}

/* ROUTE_GET: MTU, the path MTU to @daddr when one was learned (pmtu.c). */
static int cnet_nl_put_pmtu(struct sk_buff *msg, struct cnet_net *cn,
			    __be32 daddr, const struct cnet_rt_res *res)
{
	unsigned int mtu;
	bool locked;

	if (res->type == CNET_RT_LOCAL)
		return 0;
	mtu = cnet_pmtu_get(&cn->pmtu, daddr, READ_ONCE(res->cd->dev->mtu),
			    jiffies, &locked);
	return mtu ? nla_put_u32(msg, CNET_A_MTU, mtu) : 0;
}

/* ROUTE_GET with ADDR: the route a packet to ADDR takes, resolved. */
static int cnet_nl_route_get(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct cnet_rt_res res;
	struct sk_buff *msg;
	__be32 daddr;
	void *hdr;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, CNET_A_ADDR))
		return -EINVAL;
	daddr = nla_get_in_addr(info->attrs[CNET_A_ADDR]);
	msg = genlmsg_new(GENLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &cnet_family, 0, CNET_CMD_ROUTE_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto free;
	}

	/* What output refuses before any route is asked (ip_hdr.c) */
	err = cnet_ip_dst_check(daddr);
	if (err) {
		NL_SET_ERR_MSG(info->extack,
			       "not a destination to send to (0.0.0.0/8 or multicast)");
		goto free;
	}
	rcu_read_lock();
	err = cnet_route_output(cnet_pernet(net), daddr, 0, &res);
	if (err) {
		rcu_read_unlock();
		cnet_nl_route_err(info->extack, err);
		goto free;
	}
	if (cnet_nl_put_route_res(msg, daddr, &res) ||
	    cnet_nl_put_pmtu(msg, cnet_pernet(net), daddr, &res))
		err = -EMSGSIZE;
	rcu_read_unlock();
	if (err)
		goto free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
free:
	nlmsg_free(msg);
	return err;
}

/* ---- namespace settings ---- */

static int cnet_nl_conf_get(struct sk_buff *skb, struct genl_info *info)
{
	struct cnet_net *cn = cnet_pernet(genl_info_net(info));
	struct cnet_port_range ports = cnet_local_port_range(cn);
	struct sk_buff *msg;
	unsigned int i;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &cnet_family, 0, CNET_CMD_CONF_GET);
	if (!hdr ||
	    nla_put_u8(msg, CNET_A_FORWARDING, READ_ONCE(cn->forwarding)) ||
	    nla_put_u32(msg, CNET_A_ICMP_RATELIMIT_MS,
			READ_ONCE(cn->icmp_ratelimit_ms)) ||
	    nla_put_u32(msg, CNET_A_ICMP_BURST, READ_ONCE(cn->icmp_burst)) ||
	    nla_put_u32(msg, CNET_A_IPFRAG_HIGH_THRESH,
			READ_ONCE(cn->reasm.high_thresh)) ||
	    nla_put_u32(msg, CNET_A_IPFRAG_LOW_THRESH,
			READ_ONCE(cn->reasm.low_thresh)) ||
	    nla_put_u32(msg, CNET_A_IPFRAG_TIME_MS,
			READ_ONCE(cn->reasm.time_ms)) ||
	    nla_put_u64_64bit(msg, CNET_A_IPFRAG_MEM,
			      max(atomic_long_read(&cn->reasm.mem), 0L),
			      CNET_A_PAD) ||
	    nla_put_u32(msg, CNET_A_IPFRAG_QUEUES, cnet_reasm_queues(cn)) ||
	    nla_put_u16(msg, CNET_A_LOCAL_PORT_LO, ports.lo) ||
	    nla_put_u16(msg, CNET_A_LOCAL_PORT_HI, ports.hi) ||
	    nla_put_u32(msg, CNET_A_TCP_TW_TIMEOUT_MS,
			READ_ONCE(cn->tcp_tw_timeout_ms)) ||
	    nla_put_u32(msg, CNET_A_TCP_MAX_TW_BUCKETS,
			READ_ONCE(cn->tcp_max_tw_buckets)) ||
	    nla_put_u32(msg, CNET_A_TCP_TW_COUNT, cnet_tcp_tw_count(cn)) ||
	    nla_put_u32(msg, CNET_A_TCP_MEM_LOW,
			READ_ONCE(cn->tcp_mem[CNET_TCP_MEM_LOW])) ||
	    nla_put_u32(msg, CNET_A_TCP_MEM_PRESSURE,
			READ_ONCE(cn->tcp_mem[CNET_TCP_MEM_PRESSURE])) ||
	    nla_put_u32(msg, CNET_A_TCP_MEM_HIGH,
			READ_ONCE(cn->tcp_mem[CNET_TCP_MEM_HIGH])) ||
	    nla_put_u32(msg, CNET_A_TCP_MEM_PAGES,
			min_t(unsigned long, cnet_tcp_mem_pages(cn), U32_MAX)) ||
	    nla_put_u32(msg, CNET_A_TCP_KEEPALIVE_TIME_S,
			READ_ONCE(cn->tcp_keepalive_time_s)) ||
	    nla_put_u32(msg, CNET_A_TCP_KEEPALIVE_INTVL_S,
			READ_ONCE(cn->tcp_keepalive_intvl_s)) ||
	    nla_put_u32(msg, CNET_A_TCP_KEEPALIVE_PROBES,
			READ_ONCE(cn->tcp_keepalive_probes)) ||
	    nla_put_u8(msg, CNET_A_TCP_SYNCOOKIES,
		       READ_ONCE(cn->tcp_syncookies)) ||
	    nla_put_string(msg, CNET_A_TCP_CONGESTION,
			   READ_ONCE(cn->tcp_cong)->name) ||
	    nla_put_u32(msg, CNET_A_TCP_TIMESTAMPS,
			READ_ONCE(cn->tcp_timestamps)) ||
	    nla_put_u32(msg, CNET_A_TCP_SACK, READ_ONCE(cn->tcp_sack)) ||
	    nla_put_u32(msg, CNET_A_TCP_RECOVERY,
			READ_ONCE(cn->tcp_recovery)) ||
	    nla_put_u32(msg, CNET_A_TCP_MTU_PROBING,
			READ_ONCE(cn->tcp_mtu_probing)) ||
	    nla_put_u32(msg, CNET_A_TCP_BASE_MSS,
			READ_ONCE(cn->tcp_base_mss)) ||
	    nla_put_u32(msg, CNET_A_TCP_ECN, READ_ONCE(cn->tcp_ecn)) ||
	    nla_put_u32(msg, CNET_A_TCP_SYN_RETRIES,
			READ_ONCE(cn->tcp_syn_retries)) ||
	    nla_put_u32(msg, CNET_A_TCP_SYNACK_RETRIES,
			READ_ONCE(cn->tcp_synack_retries)) ||
	    nla_put_u32(msg, CNET_A_TCP_RETRIES2,
			READ_ONCE(cn->tcp_retries2)) ||
	    nla_put_u32(msg, CNET_A_TCP_ORPHAN_RETRIES,
			READ_ONCE(cn->tcp_orphan_retries)) ||
	    nla_put_u32(msg, CNET_A_TCP_SYN_LINEAR_TIMEOUTS,
			READ_ONCE(cn->tcp_syn_linear_timeouts)) ||
	    nla_put_u32(msg, CNET_A_TCP_FIN_TIMEOUT_S,
			READ_ONCE(cn->tcp_fin_timeout_s)))
		goto nospace;
	for (i = 0; i < ARRAY_SIZE(cnet_nl_conf_u32); i++)
		if (nla_put_u32(msg, cnet_nl_conf_u32[i].attr,
				READ_ONCE(*cnet_nl_conf_field(cn, i))))
			goto nospace;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

static int cnet_nl_conf_set(struct sk_buff *skb, struct genl_info *info)
{
	struct cnet_net *cn = cnet_pernet(genl_info_net(info));
	struct cnet_reasm *r = &cn->reasm;
	const struct cnet_tcp_cong_ops *cong = NULL;
	struct nlattr **tb = info->attrs;
	u32 high, low, mem[CNET_TCP_MEM_MAX];
	bool any_u32 = false;
	int i, err;

	for (i = 0; i < ARRAY_SIZE(cnet_nl_conf_u32); i++)
		any_u32 |= !!tb[cnet_nl_conf_u32[i].attr];
	if (!any_u32 &&
	    !tb[CNET_A_FORWARDING] && !tb[CNET_A_ICMP_RATELIMIT_MS] &&
	    !tb[CNET_A_ICMP_BURST] && !tb[CNET_A_IPFRAG_HIGH_THRESH] &&
	    !tb[CNET_A_IPFRAG_LOW_THRESH] && !tb[CNET_A_IPFRAG_TIME_MS] &&
	    !tb[CNET_A_LOCAL_PORT_LO] && !tb[CNET_A_LOCAL_PORT_HI] &&
	    !tb[CNET_A_TCP_TW_TIMEOUT_MS] && !tb[CNET_A_TCP_MAX_TW_BUCKETS] &&
	    !tb[CNET_A_TCP_MEM_LOW] && !tb[CNET_A_TCP_MEM_PRESSURE] &&
	    !tb[CNET_A_TCP_MEM_HIGH] &&
	    !tb[CNET_A_TCP_KEEPALIVE_TIME_S] &&
	    !tb[CNET_A_TCP_KEEPALIVE_INTVL_S] &&
	    !tb[CNET_A_TCP_KEEPALIVE_PROBES] &&
	    !tb[CNET_A_TCP_SYNCOOKIES] && !tb[CNET_A_TCP_CONGESTION] &&
	    !tb[CNET_A_TCP_TIMESTAMPS] && !tb[CNET_A_TCP_SACK] &&
	    !tb[CNET_A_TCP_RECOVERY] && !tb[CNET_A_TCP_MTU_PROBING] &&
	    !tb[CNET_A_TCP_BASE_MSS] && !tb[CNET_A_TCP_ECN] &&
	    !tb[CNET_A_TCP_SYN_RETRIES] && !tb[CNET_A_TCP_SYNACK_RETRIES] &&
	    !tb[CNET_A_TCP_RETRIES2] && !tb[CNET_A_TCP_ORPHAN_RETRIES] &&
	    !tb[CNET_A_TCP_SYN_LINEAR_TIMEOUTS] &&
	    !tb[CNET_A_TCP_FIN_TIMEOUT_S]) {
		NL_SET_ERR_MSG(info->extack, "no setting given");
		return -EINVAL;
	}
	err = cnet_nl_neigh_limits(skb, info);
	if (err)
		return err;
	if (tb[CNET_A_TCP_CONGESTION]) {
		cong = cnet_tcp_cong_find(nla_data(tb[CNET_A_TCP_CONGESTION]));
		if (!cong) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    tb[CNET_A_TCP_CONGESTION],
					    "no congestion control by that name");
			return -ENOENT;
		}
	}
	/* the ephemeral range comes whole, as the ip_local_port_range sysctl */
	if (!tb[CNET_A_LOCAL_PORT_LO] != !tb[CNET_A_LOCAL_PORT_HI]) {
		NL_SET_ERR_MSG(info->extack,
			       "the local port range needs both of its ends");
		return -EINVAL;
	}
	if (tb[CNET_A_LOCAL_PORT_LO] &&
	    nla_get_u16(tb[CNET_A_LOCAL_PORT_LO]) >
	    nla_get_u16(tb[CNET_A_LOCAL_PORT_HI])) {
		NL_SET_ERR_MSG(info->extack,
			       "the local port range's first port is above its last");
		return -EINVAL;
	}
	rtnl_lock();
	/* the pair as it will be, checked before anything changes */
	high = tb[CNET_A_IPFRAG_HIGH_THRESH] ?
	       nla_get_u32(tb[CNET_A_IPFRAG_HIGH_THRESH]) : r->high_thresh;
	low = tb[CNET_A_IPFRAG_LOW_THRESH] ?
	      nla_get_u32(tb[CNET_A_IPFRAG_LOW_THRESH]) : r->low_thresh;
	if (low > high) {
		rtnl_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "ipfrag_low_thresh must not exceed ipfrag_high_thresh");
		return -EINVAL;
	}
	/* tcp_mem as it will be, ordered (the attributes in tcp_mem's order) */
	BUILD_BUG_ON(CNET_A_TCP_MEM_HIGH - CNET_A_TCP_MEM_LOW !=
		     CNET_TCP_MEM_HIGH - CNET_TCP_MEM_LOW);
	for (i = 0; i < CNET_TCP_MEM_MAX; i++)
		mem[i] = tb[CNET_A_TCP_MEM_LOW + i] ?
			 nla_get_u32(tb[CNET_A_TCP_MEM_LOW + i]) : cn->tcp_mem[i];
	if (mem[CNET_TCP_MEM_LOW] > mem[CNET_TCP_MEM_PRESSURE] ||
	    mem[CNET_TCP_MEM_PRESSURE] > mem[CNET_TCP_MEM_HIGH]) {
		rtnl_unlock();
		NL_SET_ERR_MSG(info->extack,
			       "tcp_mem must be ordered: low <= pressure <= high");
		return -EINVAL;
	}
	for (i = 0; i < CNET_TCP_MEM_MAX; i++)
		WRITE_ONCE(cn->tcp_mem[i], mem[i]);
	WRITE_ONCE(r->high_thresh, high);
	WRITE_ONCE(r->low_thresh, low);
	if (tb[CNET_A_IPFRAG_TIME_MS])
		WRITE_ONCE(r->time_ms, nla_get_u32(tb[CNET_A_IPFRAG_TIME_MS]));
	if (tb[CNET_A_FORWARDING])
		WRITE_ONCE(cn->forwarding, nla_get_u8(tb[CNET_A_FORWARDING]));
	if (tb[CNET_A_ICMP_RATELIMIT_MS])
		WRITE_ONCE(cn->icmp_ratelimit_ms,
			   nla_get_u32(tb[CNET_A_ICMP_RATELIMIT_MS]));
	if (tb[CNET_A_ICMP_BURST])
		WRITE_ONCE(cn->icmp_burst, nla_get_u32(tb[CNET_A_ICMP_BURST]));
	if (tb[CNET_A_LOCAL_PORT_LO])
		WRITE_ONCE(cn->ip_local_port_range,
			   nla_get_u16(tb[CNET_A_LOCAL_PORT_LO]) |
			   (u32)nla_get_u16(tb[CNET_A_LOCAL_PORT_HI]) << 16);
	/* entries already there keep their time; the cap is for new ones */
	if (tb[CNET_A_TCP_TW_TIMEOUT_MS])
		WRITE_ONCE(cn->tcp_tw_timeout_ms,
			   nla_get_u32(tb[CNET_A_TCP_TW_TIMEOUT_MS]));
	if (tb[CNET_A_TCP_MAX_TW_BUCKETS])
		WRITE_ONCE(cn->tcp_max_tw_buckets,
			   nla_get_u32(tb[CNET_A_TCP_MAX_TW_BUCKETS]));
	/* defaults for the sockets without their own; read at each use */
	if (tb[CNET_A_TCP_KEEPALIVE_TIME_S])
		WRITE_ONCE(cn->tcp_keepalive_time_s,
			   nla_get_u32(tb[CNET_A_TCP_KEEPALIVE_TIME_S]));
	if (tb[CNET_A_TCP_KEEPALIVE_INTVL_S])
		WRITE_ONCE(cn->tcp_keepalive_intvl_s,
			   nla_get_u32(tb[CNET_A_TCP_KEEPALIVE_INTVL_S]));
	if (tb[CNET_A_TCP_KEEPALIVE_PROBES])
		WRITE_ONCE(cn->tcp_keepalive_probes,
			   nla_get_u32(tb[CNET_A_TCP_KEEPALIVE_PROBES]));
	if (tb[CNET_A_TCP_SYNCOOKIES])
		WRITE_ONCE(cn->tcp_syncookies,
			   nla_get_u8(tb[CNET_A_TCP_SYNCOOKIES]));
	/* for sockets made from now on; the others keep theirs */
	if (cong)
		WRITE_ONCE(cn->tcp_cong, cong);
	/* for the handshakes to come; connections keep what they agreed */
	if (tb[CNET_A_TCP_TIMESTAMPS])
		WRITE_ONCE(cn->tcp_timestamps,
			   nla_get_u32(tb[CNET_A_TCP_TIMESTAMPS]));
	/* for connections opened from now on */
	if (tb[CNET_A_TCP_SACK])
		WRITE_ONCE(cn->tcp_sack, nla_get_u32(tb[CNET_A_TCP_SACK]));
	/* for sockets made from now on */
	if (tb[CNET_A_TCP_RECOVERY])
		WRITE_ONCE(cn->tcp_recovery,
			   nla_get_u32(tb[CNET_A_TCP_RECOVERY]));
	/* for connections established from now on (tcp_mtu.h) */
	if (tb[CNET_A_TCP_MTU_PROBING])
		WRITE_ONCE(cn->tcp_mtu_probing,
			   nla_get_u32(tb[CNET_A_TCP_MTU_PROBING]));
	if (tb[CNET_A_TCP_BASE_MSS])
		WRITE_ONCE(cn->tcp_base_mss,
			   nla_get_u32(tb[CNET_A_TCP_BASE_MSS]));
	/* for connections opened from now on */
	if (tb[CNET_A_TCP_ECN])
		WRITE_ONCE(cn->tcp_ecn, nla_get_u32(tb[CNET_A_TCP_ECN]));
	/* read at each timeout: connections already retrying see them too */
	if (tb[CNET_A_TCP_SYN_RETRIES])
		WRITE_ONCE(cn->tcp_syn_retries,
			   nla_get_u32(tb[CNET_A_TCP_SYN_RETRIES]));
	if (tb[CNET_A_TCP_SYNACK_RETRIES])
		WRITE_ONCE(cn->tcp_synack_retries,
			   nla_get_u32(tb[CNET_A_TCP_SYNACK_RETRIES]));
	if (tb[CNET_A_TCP_RETRIES2])
		WRITE_ONCE(cn->tcp_retries2,
			   nla_get_u32(tb[CNET_A_TCP_RETRIES2]));
	if (tb[CNET_A_TCP_ORPHAN_RETRIES])
		WRITE_ONCE(cn->tcp_orphan_retries,
			   nla_get_u32(tb[CNET_A_TCP_ORPHAN_RETRIES]));
	if (tb[CNET_A_TCP_SYN_LINEAR_TIMEOUTS])
		WRITE_ONCE(cn->tcp_syn_linear_timeouts,
			   nla_get_u32(tb[CNET_A_TCP_SYN_LINEAR_TIMEOUTS]));
	/* for the orphans to come; FIN-WAIT-2 ones keep their time */
	if (tb[CNET_A_TCP_FIN_TIMEOUT_S])
		WRITE_ONCE(cn->tcp_fin_timeout_s,
			   nla_get_u32(tb[CNET_A_TCP_FIN_TIMEOUT_S]));
	/*
	 * ARP and DAD: read at each transition, timer or packet, so they
	 * apply from the next one; a reachable time already drawn stays
	 */
	for (i = 0; i < ARRAY_SIZE(cnet_nl_conf_u32); i++)
		if (tb[cnet_nl_conf_u32[i].attr])
			WRITE_ONCE(*cnet_nl_conf_field(cn, i),
				   nla_get_u32(tb[cnet_nl_conf_u32[i].attr]));
	rtnl_unlock();
	return 0;
}

static int cnet_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	struct cnet_net *cn = cnet_pernet(genl_info_net(info));
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(cnet_stats_msg_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &cnet_family, 0, CNET_CMD_STATS_GET);
	if (!hdr) {
		err = -EMSGSIZE;
		goto free;
	}
	err = cnet_stats_fill(msg, cn);
	if (err)
		goto free;
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
free:
	nlmsg_free(msg);
	return err;
}

static const struct genl_small_ops cnet_nl_ops[] = {
	{
		.cmd	= CNET_CMD_LINK_ATTACH,
		.doit	= cnet_nl_link_attach,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_LINK_DETACH,
		.doit	= cnet_nl_link_detach,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_LINK_GET,
		.dumpit	= cnet_nl_link_dump,
	},
	{
		.cmd	= CNET_CMD_ADDR_ADD,
		.doit	= cnet_nl_addr_add,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_ADDR_DEL,
		.doit	= cnet_nl_addr_del,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_ADDR_GET,
		.dumpit	= cnet_nl_addr_dump,
	},
	{
		.cmd	= CNET_CMD_NEIGH_GET,
		.dumpit	= cnet_nl_neigh_dump,
	},
	{
		.cmd	= CNET_CMD_STATS_GET,
		.doit	= cnet_nl_stats_get,
	},
	{
		.cmd	= CNET_CMD_ROUTE_ADD,
		.doit	= cnet_nl_route_add,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_ROUTE_REPLACE,
		.doit	= cnet_nl_route_replace,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_ROUTE_DEL,
		.doit	= cnet_nl_route_del,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_ROUTE_GET,
		.doit	= cnet_nl_route_get,
		.dumpit	= cnet_nl_route_dump,
	},
	{
		.cmd	= CNET_CMD_CONF_GET,
		.doit	= cnet_nl_conf_get,
	},
	{
		.cmd	= CNET_CMD_CONF_SET,
		.doit	= cnet_nl_conf_set,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_NEIGH_ADD,
		.doit	= cnet_nl_neigh_add,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_NEIGH_DEL,
		.doit	= cnet_nl_neigh_del,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_NEIGH_FLUSH,
		.doit	= cnet_nl_neigh_flush,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd	= CNET_CMD_LINK_SET,
		.doit	= cnet_nl_link_set,
		.flags	= GENL_UNS_ADMIN_PERM,
	},
};

/* ---- notifications: what `cnet monitor` listens to, a group per object ---- */

static const struct genl_multicast_group cnet_nl_mcgrps[] = {
	[CNET_NL_GRP_LINK]	= { .name = CNET_GENL_MCGRP_LINK },
	[CNET_NL_GRP_ADDR]	= { .name = CNET_GENL_MCGRP_ADDR },
	[CNET_NL_GRP_ROUTE]	= { .name = CNET_GENL_MCGRP_ROUTE },
	[CNET_NL_GRP_NEIGH]	= { .name = CNET_GENL_MCGRP_NEIGH },
};

/*
 * A message @cmd for the group @grp of @net, or NULL when nobody listens
 * (the common case: one test of a bit) or memory is short; then listeners
 * get ENOBUFS on their next read, so that they know they missed something,
 * as with rtnetlink.
 */
static struct sk_buff *cnet_nl_event_new(struct net *net,
					 enum cnet_nl_grp grp, u8 cmd,
					 gfp_t gfp, void **hdr)
{
	struct sk_buff *skb;

	if (!genl_has_listeners(&cnet_family, net, grp))
		return NULL;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (skb) {
		*hdr = genlmsg_put(skb, 0, 0, &cnet_family, 0, cmd);
		if (*hdr)
			return skb;
		nlmsg_free(skb);
	}
	netlink_set_err(net->genl_sock, 0, cnet_family.mcgrp_offset + grp,
			-ENOBUFS);
	return NULL;
}

/* Send what cnet_nl_event_new() began, or drop it if @err. */
static void cnet_nl_event_send(struct net *net, enum cnet_nl_grp grp,
			       struct sk_buff *skb, void *hdr, int err,
			       gfp_t gfp)
{
	if (err) {
		/* NLMSG_GOODSIZE holds any one object: cannot happen */
		WARN_ON_ONCE(1);
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&cnet_family, net, skb, 0, grp, gfp);
}

/**
 * cnet_notify_link - tell the monitor of a device
 * @cd: the device
 * @cmd: CNET_CMD_LINK_ATTACH, CNET_CMD_LINK_DETACH, or CNET_CMD_LINK_SET
 *	(its settings or its name changed)
 *
 * Caller holds RTNL.
 */
void cnet_notify_link(struct cnet_dev *cd, u8 cmd)
{
	struct net *net = cd->cn->net;
	struct sk_buff *skb;
	void *hdr;

	skb = cnet_nl_event_new(net, CNET_NL_GRP_LINK, cmd, GFP_KERNEL, &hdr);
	if (skb)
		cnet_nl_event_send(net, CNET_NL_GRP_LINK, skb, hdr,
				   cnet_nl_fill_link(skb, cd), GFP_KERNEL);
}

/**
 * cnet_notify_addr - tell the monitor of an address
 * @ifa: the address
 * @cmd: CNET_CMD_ADDR_ADD (added, or its flags changed) or CNET_CMD_ADDR_DEL
 * @gfp: GFP_ATOMIC from DAD's timer and ARP input, else GFP_KERNEL
 */
void cnet_notify_addr(const struct cnet_ifaddr *ifa, u8 cmd, gfp_t gfp)
{
	struct net *net = ifa->cd->cn->net;
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = cnet_nl_event_new(net, CNET_NL_GRP_ADDR, cmd, gfp, &hdr);
	if (!skb)
		return;
	err = cnet_nl_fill_addr(skb, ifa->cd->dev, ifa->addr, ifa->prefixlen,
				ifa->bcast, READ_ONCE(ifa->flags));
	cnet_nl_event_send(net, CNET_NL_GRP_ADDR, skb, hdr, err, gfp);
}

/**
 * cnet_notify_route - tell the monitor a route was added or deleted
 * @cn: the namespace
 * @rt: the route's public fields
 * @cmd: CNET_CMD_ROUTE_ADD (added or replaced) or CNET_CMD_ROUTE_DEL
 *
 * Caller holds RTNL. As Linux's IPv4, routes that go with their device
 * (down or detached) are not announced one by one.
 */
void cnet_notify_route(struct cnet_net *cn, const struct cnet_route *rt,
		       u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = cnet_nl_event_new(cn->net, CNET_NL_GRP_ROUTE, cmd, GFP_KERNEL,
				&hdr);
	if (!skb)
		return;
	rcu_read_lock();
	err = cnet_nl_put_route(skb, cn->net, rt);
	rcu_read_unlock();
	cnet_nl_event_send(cn->net, CNET_NL_GRP_ROUTE, skb, hdr, err,
			   GFP_KERNEL);
}

/**
 * cnet_notify_neigh - tell the monitor an ARP entry changed
 * @cn: the namespace
 * @ni: a snapshot of the entry
 * @cmd: CNET_CMD_NEIGH_ADD (new state or address) or CNET_CMD_NEIGH_DEL
 *
 * Any context: the entry's lock may be held.
 */
void cnet_notify_neigh(struct cnet_net *cn, const struct cnet_neigh_info *ni,
		       u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;
	int err;

	skb = cnet_nl_event_new(cn->net, CNET_NL_GRP_NEIGH, cmd, GFP_ATOMIC,
				&hdr);
	if (!skb)
		return;
	rcu_read_lock();
	err = cnet_nl_fill_neigh(skb, cn->net, ni);
	rcu_read_unlock();
	cnet_nl_event_send(cn->net, CNET_NL_GRP_NEIGH, skb, hdr, err,
			   GFP_ATOMIC);
}

static struct genl_family cnet_family __ro_after_init = {
	.name		= CNET_GENL_NAME,
	.version	= CNET_GENL_VERSION,
	.maxattr	= CNET_A_MAX,
	.policy		= cnet_nl_policy,
	.netnsok	= true,
	.module		= THIS_MODULE,
	.small_ops	= cnet_nl_ops,
	.n_small_ops	= ARRAY_SIZE(cnet_nl_ops),
	.ops		= cnet_nl_sock_ops,	/* dumps with start and done */
	.n_ops		= CNET_NL_SOCK_N_OPS,
	.mcgrps		= cnet_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(cnet_nl_mcgrps),
};

int cnet_netlink_register(void)
{
	return genl_register_family(&cnet_family);
}

void cnet_netlink_unregister(void)
{
	genl_unregister_family(&cnet_family);
}
