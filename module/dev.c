// SPDX-License-Identifier: GPL-2.0
/*
 * Attaching to Ethernet devices, the receive handler (Ethernet demux),
 * Ethernet transmit, and following the devices' events. The IPv4
 * addresses configured on devices are in addr.c.
 *
 * A device is attached with netdev_rx_handler_register(): from then on
 * its IPv4 and ARP frames come to cnet_rx_handler() instead of the Linux
 * stack; other protocols pass through untouched, and so do frames of a
 * VLAN (see cnet_rx_handler()). The device's own
 * unregistration (veth deleted, namespace destroyed) detaches it.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_vlan.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "cnet.h"
#include "cnet_trace.h"
#include "netlink.h"

static rx_handler_result_t cnet_rx_handler(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct cnet_dev *cd = rcu_dereference(skb->dev->rx_handler_data);
	struct cnet_net *cn = cd->cn;

	/*
	 * A VLAN tag still on the frame (the core has moved it into the skb)
	 * means no VLAN device on this device took it: it belongs to a VLAN
	 * this host is not on. Pass it on as Linux does without cnet: the
	 * core marks it PACKET_OTHERHOST and no protocol takes it. A priority
	 * tag (VLAN 0, 802.1p) is untagged traffic to 802.1Q, so ours; its
	 * tag is input metadata that a reply or a forwarded packet, made of
	 * this skb, must not carry out again (icmp.c, forward.c clear it).
	 */
	if (skb_vlan_tag_present(skb) && skb_vlan_tag_get_id(skb))
		return RX_HANDLER_PASS;
	if (skb->protocol != htons(ETH_P_IP) &&
	    skb->protocol != htons(ETH_P_ARP))
		return RX_HANDLER_PASS;

	/* A tap (tcpdump) may share the skb; we modify it, so own it. */
	skb = skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		return RX_HANDLER_CONSUMED;
	}
	cnet_inc(cn, CNET_STAT_ETH_RX);

	if (skb->protocol == htons(ETH_P_ARP))
		cnet_arp_rcv(cd, skb);
	else
		cnet_ip_rcv(cd, skb);
	return RX_HANDLER_CONSUMED;
}

/**
 * cnet_eth_xmit - add an Ethernet header and queue @skb on the device
 * @cd: the device to send on
 * @skb: data at the network header; consumed
 * @dst_mac: Ethernet destination
 * @proto: EtherType, network order
 */
void cnet_eth_xmit(struct cnet_dev *cd, struct sk_buff *skb,
		   const u8 *dst_mac, __be16 proto)
{
	struct net_device *dev = cd->dev;
	struct ethhdr *eth;
	int ret;

	trace_cnet_xmit(cd, skb, dst_mac, proto);
	if (!(READ_ONCE(dev->flags) & IFF_UP)) {
		cnet_inc(cd->cn, CNET_STAT_ETH_DROP_TX);
		kfree_skb(skb);
		return;
	}
	if (skb_cow_head(skb, ETH_HLEN + dev->needed_headroom)) {
		cnet_inc(cd->cn, CNET_STAT_MEM_DROP_NOMEM);
		kfree_skb(skb);
		return;
	}
	skb_reset_network_header(skb);
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, dst_mac);
	ether_addr_copy(eth->h_source, dev->dev_addr);
	eth->h_proto = proto;
	skb->dev = dev;
	skb->protocol = proto;

	cnet_inc(cd->cn, CNET_STAT_ETH_TX);
	ret = dev_queue_xmit(skb);
	if (net_xmit_eval(ret))
		cnet_inc(cd->cn, CNET_STAT_ETH_DROP_TX);
}

/* The cnet_dev of an attached device, or NULL. Caller holds RCU. */
struct cnet_dev *cnet_dev_get_rcu(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != cnet_rx_handler)
		return NULL;
	return rcu_dereference(dev->rx_handler_data);
}

/* The cnet_dev of an attached device, or NULL. Caller holds RTNL. */
struct cnet_dev *cnet_dev_get_rtnl(struct net_device *dev)
{
	if (rtnl_dereference(dev->rx_handler) != cnet_rx_handler)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

int cnet_dev_attach(struct cnet_net *cn, struct net_device *dev,
		    struct netlink_ext_ack *extack)
{
	struct cnet_dev *cd;
	int err;

	ASSERT_RTNL();
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN ||
	    (dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG(extack, "not an Ethernet device");
		return -EOPNOTSUPP;
	}
	if (cnet_dev_get_rtnl(dev)) {
		NL_SET_ERR_MSG(extack, "device is already attached");
		return -EEXIST;
	}

	/* charged to the caller's memory cgroup, as routes are (fib.c) */
	cd = kzalloc(sizeof(*cd), GFP_KERNEL_ACCOUNT);
	if (!cd)
		return -ENOMEM;
	cd->dev = dev;
	cd->cn = cn;
	INIT_LIST_HEAD(&cd->addrs);
	cnet_neigh_dev_parms_init(&cd->neigh);
	err = cnet_sysctl_dev_init(cd);
	if (err)
		goto err_sysctl;
	netdev_hold(dev, &cd->dev_tracker, GFP_KERNEL);

	err = netdev_rx_handler_register(dev, cnet_rx_handler, cd);
	if (err) {
		NL_SET_ERR_MSG(extack,
			       "device already has a receive handler (bridge, bond, macvlan...)");
		goto err_handler;
	}
	list_add_tail_rcu(&cd->list, &cn->devs);
	cnet_route_changed(cn);
	cnet_notify_link(cd, CNET_CMD_LINK_ATTACH);
	netdev_info(dev, "attached to cnet\n");
	return 0;

err_handler:
	netdev_put(dev, &cd->dev_tracker);
	cnet_sysctl_dev_exit(cd);
err_sysctl:
	kfree(cd);
	return err;
}

static void cnet_dev_free_rcu(struct rcu_head *head)
{
	struct cnet_dev *cd = container_of(head, struct cnet_dev, rcu);

	netdev_put(cd->dev, &cd->dev_tracker);
	kfree(cd);
}

/*
 * Detach: stop receiving, unlink so no new output finds the device, drop
 * its ARP entries (no new ones can be made once @dead is set), its routes
 * and its addresses, and free it after readers are done. The device
 * reference is dropped last, in the RCU callback, so a reader still
 * transmitting on it keeps it alive.
 */
static void cnet_dev_release(struct cnet_dev *cd)
{
	ASSERT_RTNL();
	cnet_sysctl_dev_exit(cd);	/* first: no setting changes now */
	netdev_rx_handler_unregister(cd->dev);
	list_del_rcu(&cd->list);

	spin_lock_bh(&cd->cn->neigh.lock);
	WRITE_ONCE(cd->dead, true);
	spin_unlock_bh(&cd->cn->neigh.lock);
	cnet_neigh_flush_all(cd->cn, cd);
	cnet_route_dev_down(cd);
	cnet_addr_flush_dev(cd);
	cnet_notify_link(cd, CNET_CMD_LINK_DETACH);
	netdev_info(cd->dev, "detached from cnet\n");
	/* A cached route may point at @cd: invalidate before the free. */
	cnet_route_changed(cd->cn);
	call_rcu(&cd->rcu, cnet_dev_free_rcu);
}

int cnet_dev_detach(struct cnet_net *cn, struct net_device *dev,
		    struct netlink_ext_ack *extack)
{
	struct cnet_dev *cd = cnet_dev_get_rtnl(dev);

	if (!cd || cd->cn != cn) {
		NL_SET_ERR_MSG(extack, "device is not attached");
		return -ENODEV;
	}
	cnet_dev_release(cd);
	return 0;
}

/* Namespace exit: detach every device. */
void cnet_dev_detach_all(struct cnet_net *cn)
{
	struct cnet_dev *cd, *tmp;

	rtnl_lock();
	list_for_each_entry_safe(cd, tmp, &cn->devs, list)
		cnet_dev_release(cd);
	rtnl_unlock();
}

static int cnet_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct cnet_dev *cd = cnet_dev_get_rtnl(dev);

	if (!cd)
		return NOTIFY_DONE;

	switch (event) {
	case NETDEV_UNREGISTER:
		cnet_dev_release(cd);
		break;
	case NETDEV_UP:
		cnet_route_dev_up(cd);
		break;
	case NETDEV_DOWN:
		/* As Linux: routes through a device that is down go away. */
		cnet_route_dev_down(cd);
		cnet_neigh_flush_all(cd->cn, cd);
		break;
	case NETDEV_CHANGEADDR:
		/* Cached neighbours were learnt over the old link. */
		cnet_neigh_flush_all(cd->cn, cd);
		break;
	case NETDEV_CHANGENAME:
		/* net.cnet.link.DEV.* follows the name, as Linux's */
		cnet_sysctl_dev_exit(cd);
		if (cnet_sysctl_dev_init(cd))
			netdev_warn(dev, "no memory for its net.cnet.link sysctls\n");
		cnet_notify_link(cd, CNET_CMD_LINK_SET);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block cnet_netdev_notifier = {
	.notifier_call = cnet_netdev_event,
};

int cnet_dev_notifier_register(void)
{
	return register_netdevice_notifier(&cnet_netdev_notifier);
}

void cnet_dev_notifier_unregister(void)
{
	unregister_netdevice_notifier(&cnet_netdev_notifier);
}
