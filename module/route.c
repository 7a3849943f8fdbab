// SPDX-License-Identifier: GPL-2.0
/*
 * Routing glue: where the routing table (fib.c, a pure data structure) meets
 * devices and addresses.
 *
 *  - Connected routes follow addresses and device state, as in Linux: an
 *    address a.b.c.d/n on a device that is up brings the route of its
 *    subnet (proto kernel, scope link, preferred source the address); a
 *    device going down takes every route through it away, static ones too.
 *  - cnet_route_output() answers "where does a packet to D go, from which
 *    source": local delivery (by lo, loopback.c), broadcast, or a device
 *    and next hop. What is local is cnet_route_local()'s decision, pure:
 *    127.0.0.0/8 and the host's own addresses, as Linux's local table.
 *  - cnet_route_cfg_resolve() checks a route the administrator adds against
 *    the devices and addresses (the table checks its own invariants).
 *  - The routing generation and the route cache: a connection routes once
 *    and reuses the result while nothing it depends on has changed.
 *
 * Locking: the table's writers and the device and address lists are under
 * RTNL; cnet_route_output() is an RCU reader and takes no lock.
 *
 * The routing generation (the table's, fib.h) changes whenever what
 * cnet_route_output() returns may change, after the change is visible:
 *
 *	routes added, replaced, deleted, flushed	fib.c, every writer
 *	an address listed				cnet_dad_start(), arp.c
 *	an address made usable by DAD			dad_timer(), arp.c
 *	an address deleted				cnet_route_addr_gone()
 *	a device up, down				cnet_route_dev_up(), _down()
 *	a device attached, detached			cnet_dev_attach(),
 *							cnet_dev_release(), dev.c
 *
 * A cached result points at a struct cnet_dev and a struct cnet_route,
 * both freed after an RCU grace period. The invariant that makes the cache
 * safe: every free of either is preceded by a bump of the generation, made
 * after the object was unlinked and before call_rcu()/kfree_rcu() (fib.c
 * for routes; cnet_dev_release() for devices, after its addresses are
 * unlisted); and a cached result is used only inside rcu_read_lock(),
 * after comparing its generation with the current one there
 * (cnet_route_output_cached()). A reader whose read-side section began
 * before the free's grace period is waited for; one that began after it
 * sees the bump and looks up again.
 */
#include <linux/rtnetlink.h>

#include "cnet.h"
#include "cnet_trace.h"
#include "netlink.h"

/* The attached device with index @ifindex, or NULL. RCU or RTNL. */
struct cnet_dev *cnet_route_dev(struct cnet_net *cn, int ifindex)
{
	struct net_device *dev = dev_get_by_index_rcu(cn->net, ifindex);

	return dev ? cnet_dev_get_rcu(dev) : NULL;
}

/*
 * Source address selection (RFC 1122 3.3.4.3, as Linux's inet_select_addr):
 * the route's preferred source; else an address of the outgoing device on
 * the next hop's subnet; else the device's first address; else any address
 * of the namespace (a device may have routes and no address of its own).
 */
static __be32 cnet_route_src(struct cnet_net *cn, struct cnet_dev *cd,
			     __be32 nexthop, const struct cnet_route *rt)
{
	struct cnet_ifaddr *ifa;
	struct cnet_dev *other;
	__be32 src;

	if (rt && rt->prefsrc && cnet_local_find(cn, rt->prefsrc))
		return rt->prefsrc;
	src = cnet_addr_select_src(cd, nexthop);
	if (src)
		return src;
	list_for_each_entry_rcu(other, &cn->devs, list)
		list_for_each_entry_rcu(ifa, &other->addrs, list)
			if (cnet_ifaddr_usable(ifa))
				return ifa->addr;
	return 0;
}

/*
 * The limited broadcast has no route of its own. It leaves by the device of
 * the source address when the sender chose one, else by the device of the
 * default route, else by the first device that is up and has an address.
 */
static struct cnet_dev *cnet_route_bcast_dev(struct cnet_net *cn,
					     __be32 saddr)
{
	const struct cnet_route *rt;
	struct cnet_ifaddr *ifa;
	struct cnet_dev *cd;

	if (saddr) {
		ifa = cnet_local_find(cn, saddr);
		return ifa ? ifa->cd : NULL;
	}
	rt = cnet_fib_lookup(&cn->fib, htonl(INADDR_BROADCAST));
	if (rt && rt->type == CNET_RT_UNICAST) {
		cd = cnet_route_dev(cn, rt->ifindex);
		if (cd)
			return cd;
	}
	list_for_each_entry_rcu(cd, &cn->devs, list)
		if (cnet_dev_running(cd) && !list_empty(&cd->addrs))
			return cd;
	return NULL;
}

/* The address of lo, and the source of what is sent to 127.0.0.0/8 */
#define CNET_LO_ADDR	htonl(INADDR_LOOPBACK)

/**
 * cnet_route_local - is a packet this host sends for this host?
 * @daddr: its destination, not refused by cnet_ip_dst_check()
 * @saddr: the source the sender insists on, checked to be ours, or 0
 * @dst_ours: @daddr is a usable address of the namespace
 * @src: set to the source to send from when the packet is local
 *
 * Pure. As Linux's local routing table: all of 127.0.0.0/8 is local, from
 * 127.0.0.1 (lo's address, the preferred source of Linux's local route
 * for 127.0.0.0/8) unless the sender insists on another; so is each of
 * the host's addresses, from itself. A loopback source never leaves the
 * host: sending from it to anything else is -EINVAL, as Linux's
 * __mkroute_output() (which finds the route first; here no route is
 * looked up for such a packet).
 *
 * Return: 1 when local (*@src set), 0 when the routing table decides,
 * -EINVAL for a loopback source to another host.
 */
int cnet_route_local(__be32 daddr, __be32 saddr, bool dst_ours, __be32 *src)
{
	if (cnet_ip_is_loopback(daddr)) {
		*src = saddr ?: CNET_LO_ADDR;
		return 1;
	}
	if (dst_ours) {
		*src = saddr ?: daddr;
		return 1;
	}
	return cnet_ip_is_loopback(saddr) ? -EINVAL : 0;
}

/* cnet_route_output() without its trace event */
static int __cnet_route_output(struct cnet_net *cn, __be32 daddr,
			       __be32 saddr, struct cnet_rt_res *res)
{
	const struct cnet_route *rt;
	int err;

	*res = (struct cnet_rt_res){ .nexthop = daddr };

	err = cnet_ip_dst_check(daddr);
	if (err)
		return err;
	/*
	 * A source the sender insists on (a bound socket) must be usable
	 * now: an address deleted, or failed by DAD, since the socket was
	 * bound is another host's to use.
	 */
	if (saddr) {
		err = cnet_ip_src_check(saddr, cnet_ip_is_local(cn, saddr));
		if (err)
			return err;
	}

	err = cnet_route_local(daddr, saddr, cnet_ip_is_local(cn, daddr),
			       &res->saddr);
	if (err < 0)
		return err;
	if (err) {
		res->cd = &cn->lo;
		res->type = CNET_RT_LOCAL;
		return 0;
	}

	if (daddr == htonl(INADDR_BROADCAST)) {
		res->cd = cnet_route_bcast_dev(cn, saddr);
		if (!res->cd)
			return -ENETUNREACH;
		res->type = CNET_RT_BROADCAST;
		res->saddr = saddr ?: cnet_route_src(cn, res->cd, daddr, NULL);
		return res->saddr ? 0 : -EADDRNOTAVAIL;
	}

	rt = cnet_fib_lookup(&cn->fib, daddr);
	if (!rt)
		return -ENETUNREACH;
	res->rt = rt;
	switch (rt->type) {
	case CNET_RT_UNICAST:
		break;
	case CNET_RT_UNREACHABLE:
		return -EHOSTUNREACH;
	case CNET_RT_PROHIBIT:
		return -EACCES;
	case CNET_RT_BLACKHOLE:
		return -EINVAL;
	default:
		return -ENETUNREACH;
	}

	res->cd = cnet_route_dev(cn, rt->ifindex);
	if (!res->cd || !cnet_dev_running(res->cd))
		return -ENETUNREACH;
	res->type = CNET_RT_UNICAST;
	if (rt->gw)
		res->nexthop = rt->gw;
	else if (cnet_dev_is_bcast(res->cd, daddr))
		res->type = CNET_RT_BROADCAST;
	res->saddr = saddr ?: cnet_route_src(cn, res->cd, res->nexthop, rt);
	return res->saddr ? 0 : -EADDRNOTAVAIL;
}

/**
 * cnet_route_output - route a packet this host sends
 * @cn: the namespace
 * @daddr: its destination
 * @saddr: the source the sender insists on (a bound socket), or 0
 * @res: the answer
 *
 * Caller holds rcu_read_lock(); @res is valid until it drops it.
 *
 * A packet for this host (cnet_route_local()) is CNET_RT_LOCAL by the
 * namespace's lo, whichever address it is for.
 *
 * Return: 0, or the errno the sender sees: -ENETUNREACH (no route, or an
 * unusable one), -EHOSTUNREACH (unreachable route), -EACCES (prohibit),
 * -EINVAL (blackhole, as Linux; or a loopback source to another host),
 * -EADDRNOTAVAIL (no source address), or that of cnet_ip_dst_check() for
 * a destination nobody may send to, or of cnet_ip_src_check() for a
 * source that is not (or no longer) ours.
 */
int cnet_route_output(struct cnet_net *cn, __be32 daddr, __be32 saddr,
		      struct cnet_rt_res *res)
{
	int err = __cnet_route_output(cn, daddr, saddr, res);

	trace_cnet_route(cn, daddr, res, err);
	return err;
}

/**
 * cnet_route_output_dev - route a packet a socket bound to a device sends
 * @cn: the namespace
 * @daddr: its destination
 * @saddr: the source the sender insists on, or 0
 * @oif: the device it insists on (SO_BINDTODEVICE, IP_PKTINFO), ifindex;
 *	0 is cnet_route_output()
 * @res: the answer
 *
 * As Linux's output routing with an output interface: a destination of
 * the host stays local; the limited broadcast leaves by @oif, from its
 * address or, on a device without one, from 0.0.0.0 (a DHCP client); a
 * route through @oif is used; without one the destination is taken to be
 * on @oif's link ("the routing tables are wrong", Linux says). cnet's
 * table keeps one route per prefix, so a route through another device is
 * not looked past to a shorter one through @oif as Linux would.
 *
 * Caller holds rcu_read_lock(); @res is valid until it drops it.
 *
 * Return: as cnet_route_output(), and -ENODEV when @oif is not a device
 * cnet has, -ENETUNREACH when it is down.
 */
int cnet_route_output_dev(struct cnet_net *cn, __be32 daddr, __be32 saddr,
			  int oif, struct cnet_rt_res *res)
{
	const struct cnet_route *rt;
	struct cnet_dev *cd;
	int err;

	if (!oif)
		return cnet_route_output(cn, daddr, saddr, res);
	*res = (struct cnet_rt_res){ .nexthop = daddr };
	cd = cnet_route_dev(cn, oif);
	if (!cd)
		return -ENODEV;
	if (!cnet_dev_running(cd))
		return -ENETUNREACH;
	err = cnet_ip_dst_check(daddr);
	if (err)
		return err;
	if (saddr) {
		err = cnet_ip_src_check(saddr, cnet_ip_is_local(cn, saddr));
		if (err)
			return err;
	}
	/* This host's, 127.0.0.0/8 included: lo, whatever @oif says. */
	if (cnet_ip_is_local(cn, daddr))
		return cnet_route_output(cn, daddr, saddr, res);

	res->cd = cd;
	res->type = CNET_RT_UNICAST;
	rt = cnet_fib_lookup(&cn->fib, daddr);
	if (daddr != htonl(INADDR_BROADCAST) && rt &&
	    rt->type == CNET_RT_UNICAST && rt->ifindex == oif) {
		res->rt = rt;
		if (rt->gw)
			res->nexthop = rt->gw;
	} else {
		rt = NULL;
	}
	if (res->nexthop == daddr && cnet_dev_is_bcast(cd, daddr))
		res->type = CNET_RT_BROADCAST;
	/*
	 * The limited broadcast leaves from @oif's own address or from
	 * 0.0.0.0, never from another device's (where Linux would take
	 * one): a DHCP client must send from 0.0.0.0 (RFC 2131 4.1).
	 */
	if (!saddr && daddr == htonl(INADDR_BROADCAST))
		saddr = cnet_addr_select_src(cd, daddr);
	res->saddr = saddr ?: cnet_route_src(cn, cd, res->nexthop, rt);
	if (daddr == htonl(INADDR_BROADCAST))
		res->saddr = saddr;
	/* only a broadcast may leave a device without an address from 0 */
	if (!res->saddr && res->type != CNET_RT_BROADCAST)
		return -EADDRNOTAVAIL;
	return 0;
}

/* ---- the routing generation and the route cache ---- */

/**
 * cnet_route_changed - what cnet_route_output() returns may have changed
 * @cn: the namespace
 *
 * Bumps the routing generation, so that cached routes are looked up again.
 * Call after the change is visible to readers, and before freeing anything
 * a cached route may point at (see the top of this file). Any context
 * (the DAD timer calls it).
 */
void cnet_route_changed(struct cnet_net *cn)
{
	cnet_fib_changed(&cn->fib);
}

/**
 * cnet_route_cache_valid - may the cached route be used?
 * @rc: the cache
 * @genid: the routing generation now
 * @daddr: the destination about to be sent to
 * @saddr: the source the sender insists on, or 0
 *
 * Pure: only if it holds a route looked up for this destination and source
 * at this very generation.
 */
bool cnet_route_cache_valid(const struct cnet_route_cache *rc, u32 genid,
			    __be32 daddr, __be32 saddr)
{
	return rc->valid && rc->genid == genid && rc->daddr == daddr &&
	       rc->saddr == saddr;
}

/**
 * cnet_route_cache_set - keep a route just looked up
 * @rc: the cache
 * @genid: the generation read before the lookup
 * @daddr: the destination it was looked up for
 * @saddr: the source asked for, or 0
 * @res: the route; copied
 *
 * Pure.
 */
void cnet_route_cache_set(struct cnet_route_cache *rc, u32 genid,
			  __be32 daddr, __be32 saddr,
			  const struct cnet_rt_res *res)
{
	rc->res = *res;
	rc->genid = genid;
	rc->daddr = daddr;
	rc->saddr = saddr;
	rc->valid = true;
}

/**
 * cnet_route_output_cached - cnet_route_output(), through a route cache
 * @cn: the namespace
 * @daddr: the destination
 * @saddr: the source the sender insists on, or 0
 * @rc: the cache; its user serialises access to it (the socket lock)
 * @res: the answer
 *
 * The cached route when still valid, else a new lookup, kept when it
 * succeeds. Caller holds rcu_read_lock(); @res is valid until it drops
 * it, and the cached pointers are only ever used that way.
 *
 * Return: as cnet_route_output().
 */
int cnet_route_output_cached(struct cnet_net *cn, __be32 daddr, __be32 saddr,
			     struct cnet_route_cache *rc,
			     struct cnet_rt_res *res)
{
	/* before the lookup: a change it misses bumps past this */
	u32 genid = cnet_fib_genid(&cn->fib);
	int err;

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(), "route cache used without RCU");
	if (cnet_route_cache_valid(rc, genid, daddr, saddr)) {
		*res = rc->res;
		return 0;
	}
	err = cnet_route_output(cn, daddr, saddr, res);
	if (err)
		cnet_route_cache_reset(rc);
	else
		cnet_route_cache_set(rc, genid, daddr, saddr, res);
	return err;
}

/* ---- connected routes (RTNL) ---- */

static void cnet_route_connected_cfg(const struct cnet_dev *cd,
				     const struct cnet_ifaddr *ifa,
				     struct cnet_route *cfg)
{
	*cfg = (struct cnet_route){
		.dst = ifa->addr & ifa->mask,
		.plen = ifa->prefixlen,
		.type = CNET_RT_UNICAST,
		.scope = CNET_RT_SCOPE_LINK,
		.proto = CNET_RT_PROTO_KERNEL,
		.ifindex = cd->dev->ifindex,
		.prefsrc = ifa->addr,
	};
}

/**
 * cnet_route_connected_add - add the route of an address's subnet
 * @cd: the device
 * @ifa: the address, not yet in the lists
 *
 * Nothing to do for a /32 (no subnet) or while the device is down (the
 * route comes with NETDEV_UP). A tentative address (duplicate address
 * detection running) has its subnet's route at once, as Linux gives an
 * IPv6 prefix its route: the subnet is on the link whatever DAD finds;
 * only the address itself is not used as a source until it is usable.
 * If the subnet already has a route (another address in it, on this or
 * another device), that one stays: the first address of a subnet owns its
 * route, as Linux's primary address does.
 *
 * Return: 0 or -ENOMEM.
 */
int cnet_route_connected_add(struct cnet_dev *cd, struct cnet_ifaddr *ifa)
{
	struct cnet_route cfg;
	int err;

	ASSERT_RTNL();
	if (ifa->prefixlen == 32 || !cnet_dev_running(cd))
		return 0;
	cnet_route_connected_cfg(cd, ifa, &cfg);
	err = cnet_fib_add(&cd->cn->fib, &cfg,
			   CNET_FIB_F_CREATE | CNET_FIB_F_EXCL, NULL);
	if (!err)
		cnet_notify_route(cd->cn, &cfg, CNET_CMD_ROUTE_ADD);
	return err == -EEXIST ? 0 : err;
}

/*
 * The subnet of @gone lost its route (its address went, or its device went
 * down or away): another address of the same subnet, on a device that is
 * up and is not @skip, takes the route over, as Linux promotes a secondary
 * address. The first such address in list order wins; the others find the
 * route there (cnet_route_connected_add() ignores -EEXIST). Linear in the
 * namespace's addresses, not in its routes.
 */
static void cnet_route_takeover(struct cnet_net *cn,
				const struct cnet_ifaddr *gone,
				const struct cnet_dev *skip)
{
	struct cnet_ifaddr *ifa;
	struct cnet_dev *cd;

	if (gone->prefixlen == 32)
		return;
	list_for_each_entry(cd, &cn->devs, list) {
		if (cd == skip)
			continue;
		list_for_each_entry(ifa, &cd->addrs, list) {
			if (ifa == gone || ifa->prefixlen != gone->prefixlen ||
			    (ifa->addr ^ gone->addr) & gone->mask)
				continue;
			if (cnet_route_connected_add(cd, ifa))
				net_warn_ratelimited("cnet: no memory for the route of %pI4/%u\n",
						     &ifa->addr, ifa->prefixlen);
		}
	}
}

/**
 * cnet_route_addr_gone - an address was deleted
 * @ifa: the address, already out of its device's list and the local hash
 *
 * Its subnet's route goes if this address owned it (a route owned by
 * another address of the subnet, or one the administrator put in its
 * place, stays), and then passes to another address of the subnet.
 * Routing changes in any case (cnet_route_changed()).
 */
void cnet_route_addr_gone(struct cnet_ifaddr *ifa)
{
	struct cnet_net *cn = ifa->cd->cn;
	struct cnet_route match, gone;

	ASSERT_RTNL();
	if (ifa->prefixlen != 32) {
		cnet_route_connected_cfg(ifa->cd, ifa, &match);
		/* not its route: the table does not change */
		if (!cnet_fib_del(&cn->fib, &match, &gone, NULL)) {
			cnet_notify_route(cn, &gone, CNET_CMD_ROUTE_DEL);
			cnet_route_takeover(cn, ifa, NULL);
		}
	}
	/* It is no longer local, nor a source, whatever the table did. */
	cnet_route_changed(cn);
}

/* NETDEV_UP: the connected routes of the device's addresses come back. */
void cnet_route_dev_up(struct cnet_dev *cd)
{
	struct cnet_ifaddr *ifa;

	ASSERT_RTNL();
	list_for_each_entry(ifa, &cd->addrs, list)
		if (cnet_route_connected_add(cd, ifa))
			net_warn_ratelimited("cnet: no memory for the route of %pI4/%u\n",
					     &ifa->addr, ifa->prefixlen);
	/* the device counts again for the limited broadcast */
	cnet_route_changed(cd->cn);
}

/**
 * cnet_route_dev_down - a device went down, or is being detached
 * @cd: the device
 *
 * As in Linux, every route through the device goes, static ones too (a
 * walk of the whole table, as Linux's fib_flush). The subnets of its
 * addresses pass to addresses of other devices that are up, if any.
 * Routing changes even if no route went (the limited broadcast).
 */
void cnet_route_dev_down(struct cnet_dev *cd)
{
	struct cnet_ifaddr *ifa;

	ASSERT_RTNL();
	cnet_fib_flush_dev(&cd->cn->fib, cd->dev->ifindex);
	list_for_each_entry(ifa, &cd->addrs, list)
		cnet_route_takeover(cd->cn, ifa, cd);
	cnet_route_changed(cd->cn);
}

/* ---- routes the administrator adds ---- */

static int __cnet_route_cfg_resolve(struct cnet_net *cn,
				    struct cnet_route *cfg,
				    struct netlink_ext_ack *extack)
{
	const struct cnet_route *via;
	struct cnet_dev *cd = NULL;
	int ifindex;

	/* A tentative address will do: it is ours once probed. */
	if (cfg->prefsrc && !cnet_local_lookup(cn, cfg->prefsrc)) {
		NL_SET_ERR_MSG(extack,
			       "preferred source is not an address of this host");
		return -EINVAL;
	}
	if (cfg->type != CNET_RT_UNICAST)
		return 0;	/* the table refuses a gateway or a device */

	if (cfg->ifindex && cfg->ifindex == cn->lo.dev->ifindex) {
		NL_SET_ERR_MSG(extack,
			       "no routes through lo: 127.0.0.0/8 and this host's addresses are local already");
		return -EOPNOTSUPP;
	}
	if (cfg->ifindex) {
		cd = cnet_route_dev(cn, cfg->ifindex);
		if (!cd) {
			NL_SET_ERR_MSG(extack, "device is not attached to cnet");
			return -ENODEV;
		}
		if (!cnet_dev_running(cd)) {
			NL_SET_ERR_MSG(extack, "device is down");
			return -ENETDOWN;
		}
	}
	if (!cfg->gw) {
		if (!cd) {
			NL_SET_ERR_MSG(extack,
				       "a route needs a gateway or a device");
			return -EINVAL;
		}
		cfg->scope = CNET_RT_SCOPE_LINK;
		return 0;
	}

	if (!cnet_ip_is_host(cfg->gw) || cnet_local_find(cn, cfg->gw)) {
		NL_SET_ERR_MSG(extack,
			       "gateway must be another host's unicast address");
		return -EINVAL;
	}
	/* The gateway must be on-link: reached by a route without one. */
	via = cnet_fib_lookup(&cn->fib, cfg->gw);
	if (!via || via->type != CNET_RT_UNICAST || via->gw) {
		NL_SET_ERR_MSG(extack, "gateway is not on a connected subnet");
		return -ENETUNREACH;
	}
	ifindex = via->ifindex;
	if (cd && cd->dev->ifindex != ifindex) {
		NL_SET_ERR_MSG(extack,
			       "gateway is not on a connected subnet of this device");
		return -ENETUNREACH;
	}
	if (!cd && !cnet_route_dev(cn, ifindex)) {
		NL_SET_ERR_MSG(extack, "gateway's device is not attached");
		return -ENODEV;
	}
	cfg->ifindex = ifindex;
	cfg->scope = CNET_RT_SCOPE_GLOBAL;
	return 0;
}

/**
 * cnet_route_cfg_resolve - check a new route against devices and addresses
 * @cn: the namespace
 * @cfg: the route; for unicast, @ifindex is filled in from the gateway's
 *	subnet when not given, and @scope set (link without a gateway)
 * @extack: for the reason of a refusal
 *
 * Caller holds RTNL.
 *
 * Return: 0, -ENODEV (device not attached), -ENETDOWN (device down),
 * -ENETUNREACH (gateway not on a connected subnet), or -EINVAL.
 */
int cnet_route_cfg_resolve(struct cnet_net *cn, struct cnet_route *cfg,
			   struct netlink_ext_ack *extack)
{
	int err;

	ASSERT_RTNL();
	rcu_read_lock();
	err = __cnet_route_cfg_resolve(cn, cfg, extack);
	rcu_read_unlock();
	return err;
}
