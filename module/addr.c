// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 addresses configured on attached devices: adding and removing
 * them, the namespace's local-address hash ("is this packet for us"),
 * broadcast checks and source address selection.
 *
 * Each address is on two lists: its device's (cnet_dev.addrs, in the order
 * added, for source selection and dumps) and the namespace's local-address
 * hash (cnet_net.local_hash, by address, for input). Both are written
 * under RTNL and read under RCU; an address is freed after a grace period.
 * Duplicate address detection (RFC 5227) runs in arp.c.
 */
#include <linux/jhash.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "cnet.h"
#include "netlink.h"

/*
 * The local-address hash: every address of the namespace, so that input
 * knows "is this for us" in one probe, whatever the number of addresses.
 */
static struct hlist_head *cnet_local_bucket(struct cnet_net *cn, __be32 addr)
{
	return &cn->local_hash[jhash_1word((__force u32)addr, 0) >>
			       (32 - CNET_LOCAL_HASH_BITS)];
}

/*
 * The address @addr of this namespace, usable or not (tentative, DAD
 * failed), or NULL. Caller holds RCU or RTNL.
 */
struct cnet_ifaddr *cnet_local_lookup(struct cnet_net *cn, __be32 addr)
{
	struct cnet_ifaddr *ifa;

	hlist_for_each_entry_rcu(ifa, cnet_local_bucket(cn, addr), hnode,
				 lockdep_rtnl_is_held())
		if (ifa->addr == addr)
			return ifa;
	return NULL;
}

/* The usable address @addr of this namespace, or NULL. RCU or RTNL. */
struct cnet_ifaddr *cnet_local_find(struct cnet_net *cn, __be32 addr)
{
	struct cnet_ifaddr *ifa;

	hlist_for_each_entry_rcu(ifa, cnet_local_bucket(cn, addr), hnode,
				 lockdep_rtnl_is_held())
		if (ifa->addr == addr && cnet_ifaddr_usable(ifa))
			return ifa;
	return NULL;
}

/*
 * Is @addr this host's: one of this namespace's usable addresses, on any
 * device (the weak host model of RFC 1122 3.3.4.2, as Linux), or in
 * 127.0.0.0/8, lo's? Caller holds RCU.
 */
bool cnet_ip_is_local(struct cnet_net *cn, __be32 addr)
{
	return cnet_ip_is_loopback(addr) || cnet_local_find(cn, addr);
}

/* The address @addr of @cd, usable or not, or NULL. RCU or RTNL. */
struct cnet_ifaddr *cnet_addr_lookup(struct cnet_dev *cd, __be32 addr)
{
	struct cnet_ifaddr *ifa;

	list_for_each_entry_rcu(ifa, &cd->addrs, list, lockdep_rtnl_is_held())
		if (ifa->addr == addr)
			return ifa;
	return NULL;
}

static void cnet_addr_unlink(struct cnet_ifaddr *ifa);

int cnet_addr_add(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  u32 ifa_flags, struct netlink_ext_ack *extack)
{
	struct cnet_ifaddr *ifa;
	const char *why;
	u32 flags;
	int err;

	ASSERT_RTNL();
	if (cnet_dad_add_flags(ifa_flags, &flags)) {
		NL_SET_ERR_MSG(extack, "nodad and dad exclude each other");
		return -EINVAL;
	}
	err = cnet_ifaddr_check(addr, prefixlen, &why);
	if (err) {
		/* ip_hdr.c chose the message; NL_SET_ERR_MSG() needs a literal */
		NL_SET_ERR_MSG_FMT(extack, "%s", why);
		return err;
	}
	if (cnet_addr_lookup(cd, addr)) {
		NL_SET_ERR_MSG(extack, "address already assigned to this device");
		return -EEXIST;
	}

	/* charged to the caller's memory cgroup, as routes are (fib.c) */
	ifa = kzalloc(sizeof(*ifa), GFP_KERNEL_ACCOUNT);
	if (!ifa)
		return -ENOMEM;
	ifa->cd = cd;
	ifa->addr = addr;
	ifa->prefixlen = prefixlen;
	ifa->mask = cnet_prefix_mask(prefixlen);
	if (prefixlen <= 30)
		ifa->bcast = addr | ~ifa->mask;
	cnet_dad_init(ifa);
	/* optimistic (usable at once) unless asked for nodad or dad */
	ifa->flags = flags;
	list_add_tail_rcu(&ifa->list, &cd->addrs);
	hlist_add_head_rcu(&ifa->hnode, cnet_local_bucket(cd->cn, addr));
	/* the address, then its subnet's route, as Linux announces them */
	cnet_notify_addr(ifa, CNET_CMD_ADDR_ADD, GFP_KERNEL);
	err = cnet_route_connected_add(cd, ifa);
	if (err) {
		NL_SET_ERR_MSG(extack, "cannot add the subnet's route");
		cnet_addr_unlink(ifa);
		cnet_notify_addr(ifa, CNET_CMD_ADDR_DEL, GFP_KERNEL);
		kfree_rcu(ifa, rcu);
		return err;
	}

	/* Probe for it, then announce it (RFC 5227), in arp.c */
	cnet_dad_start(ifa);
	return 0;
}

/*
 * Unlink @ifa from both lists and stop its DAD timer; the caller frees it
 * with kfree_rcu(). Its routes are the caller's business. Caller holds RTNL.
 */
static void cnet_addr_unlink(struct cnet_ifaddr *ifa)
{
	hlist_del_rcu(&ifa->hnode);
	list_del_rcu(&ifa->list);
	cnet_dad_stop(ifa);
}

int cnet_addr_del(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  struct netlink_ext_ack *extack)
{
	struct cnet_ifaddr *ifa;

	ASSERT_RTNL();
	ifa = cnet_addr_lookup(cd, addr);
	if (!ifa || ifa->prefixlen != prefixlen) {
		NL_SET_ERR_MSG(extack, "no such address on this device");
		return -EADDRNOTAVAIL;
	}
	cnet_addr_unlink(ifa);
	cnet_route_addr_gone(ifa);
	cnet_notify_addr(ifa, CNET_CMD_ADDR_DEL, GFP_KERNEL);
	kfree_rcu(ifa, rcu);
	return 0;
}

/*
 * Detach: remove every address of @cd. The device's routes are gone
 * already (cnet_route_dev_down()). Caller holds RTNL.
 */
void cnet_addr_flush_dev(struct cnet_dev *cd)
{
	struct cnet_ifaddr *ifa, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(ifa, tmp, &cd->addrs, list) {
		cnet_addr_unlink(ifa);
		cnet_notify_addr(ifa, CNET_CMD_ADDR_DEL, GFP_KERNEL);
		kfree_rcu(ifa, rcu);
	}
}

/*
 * The address of @cd to send from when talking to @daddr: the first usable
 * one on @daddr's subnet, else the first usable one, else 0; among those,
 * one in use before one still probing optimistically (RFC 4429).
 * Caller holds RCU.
 */
__be32 cnet_addr_select_src(struct cnet_dev *cd, __be32 daddr)
{
	struct cnet_ifaddr *ifa;
	__be32 best = 0;
	int rank, best_rank = -1;
	u32 flags;

	list_for_each_entry_rcu(ifa, &cd->addrs, list) {
		flags = READ_ONCE(ifa->flags);
		if (!cnet_dad_usable(flags))
			continue;
		/* on the subnet first, then in use rather than optimistic */
		rank = (!((daddr ^ ifa->addr) & ifa->mask) ? 2 : 0) +
		       cnet_dad_preferred(flags);
		if (rank > best_rank) {
			best = ifa->addr;
			best_rank = rank;
		}
	}
	return best;
}

/*
 * Are @a and @b both on one subnet of @cd (Linux's inet_addr_onlink())?
 * Caller holds RCU.
 */
bool cnet_addr_same_subnet(struct cnet_dev *cd, __be32 a, __be32 b)
{
	struct cnet_ifaddr *ifa;

	list_for_each_entry_rcu(ifa, &cd->addrs, list)
		if (!((a ^ ifa->addr) & ifa->mask) &&
		    !((b ^ ifa->addr) & ifa->mask))
			return true;
	return false;
}

/* Is @addr the limited broadcast or a subnet broadcast of @cd? RCU. */
bool cnet_dev_is_bcast(struct cnet_dev *cd, __be32 addr)
{
	struct cnet_ifaddr *ifa;

	if (addr == htonl(INADDR_BROADCAST))
		return true;
	list_for_each_entry_rcu(ifa, &cd->addrs, list)
		if (ifa->bcast && ifa->bcast == addr)
			return true;
	return false;
}

/*
 * Is @addr the limited broadcast or a subnet broadcast of any attached
 * device? Caller holds RCU.
 */
bool cnet_addr_is_bcast_any(struct cnet_net *cn, __be32 addr)
{
	struct cnet_dev *cd;

	list_for_each_entry_rcu(cd, &cn->devs, list)
		if (cnet_dev_is_bcast(cd, addr))
			return true;
	return false;
}
