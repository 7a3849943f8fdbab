/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet: an IPv4 stack as a loadable module. Internal declarations shared by
 * the layers:
 *
 *   dev.c      attach to Ethernet devices, rx handler, Ethernet demux and tx
 *   arp.c      ARP (RFC 826) receive and send
 *   neigh.c    the neighbour (ARP) cache: entries, timers, pending queue
 *   ipv4.c     IPv4 input checks, local delivery, output
 *   icmp.c     ICMP (RFC 792) input and echo reply
 *   socket.c   the AF_CUSTOM family: ICMP ping and raw sockets
 *   netlink.c  the "cnet" generic netlink family
 *   hdr.c      pure header parsing and building, tested by KUnit
 *   fib.c      the routing table: longest-prefix match, RCU lookups (fib.h)
 *   main.c     module and per-namespace set-up and tear-down
 */
#ifndef _CNET_H
#define _CNET_H

#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rculist.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/cnet.h>

#include "fib.h"
#include "hdr.h"
#include "neigh.h"
#include "stats.h"

/**
 * struct cnet_ifaddr - an IPv4 address on an attached device
 * @list: in cnet_dev.addrs
 * @addr: the address
 * @mask: netmask derived from @prefixlen
 * @bcast: subnet broadcast (0 for /31 and /32, which have none)
 * @prefixlen: 0..32
 * @rcu: for freeing after readers are done
 * @cd: the device the address is on
 * @flags: CNET_IFA_F_TENTATIVE while duplicate address detection runs,
 *	CNET_IFA_F_DADFAILED when it found the address in use; written under
 *	@dad_lock, read locklessly (READ_ONCE) by cnet_ifaddr_usable()
 * @dad_lock: protects @flags (writers), @dad_probes and @defended
 * @dad_probes: RFC 5227 probes sent so far
 * @defended: jiffies of the last defence (RFC 5227 2.4 (b)), 0 for never
 * @dad_timer: paces probes and the announcement (arp.c); shut down before
 *	the address is freed
 */
struct cnet_ifaddr {
	struct list_head	list;
	__be32			addr;
	__be32			mask;
	__be32			bcast;
	u8			prefixlen;
	struct rcu_head		rcu;
	struct cnet_dev		*cd;
	u32			flags;
	spinlock_t		dad_lock;	/* see above */
	u8			dad_probes;
	unsigned long		defended;
	struct timer_list	dad_timer;
};

/* May the address be used (source, local delivery, ARP answers)? */
static inline bool cnet_ifaddr_usable(const struct cnet_ifaddr *ifa)
{
	return !(READ_ONCE(ifa->flags) &
		 (CNET_IFA_F_TENTATIVE | CNET_IFA_F_DADFAILED));
}

/**
 * struct cnet_dev - cnet's state for one attached net_device
 * @dev: the device; a tracked reference is held while attached
 * @dev_tracker: reference tracker for @dev
 * @cn: the namespace state this device belongs to
 * @list: in cnet_net.devs
 * @addrs: cnet_ifaddr list
 * @dead: set (under the neighbour table lock) when detaching: no new ARP
 *	entry may refer to this device afterwards
 * @proxy_arp: answer ARP requests for addresses routed through another
 *	device (0 or 1); written under RTNL, read with READ_ONCE()
 * @rcu: for freeing after readers are done
 *
 * Locking: @list and @addrs are changed only under RTNL and read under RCU
 * (the rx handler runs in an RCU read-side section). The structure is
 * reachable from the device as its rx_handler_data.
 */
struct cnet_dev {
	struct net_device	*dev;
	netdevice_tracker	dev_tracker;
	struct cnet_net		*cn;
	struct list_head	list;
	struct list_head	addrs;
	bool			dead;
	u8			proxy_arp;
	struct rcu_head		rcu;
};

#define CNET_PING_HASH_BITS	6

/**
 * struct cnet_net - per network namespace state
 * @net: the namespace
 * @devs: attached devices (RTNL for writers, RCU for readers)
 * @fib: the routing table (RTNL for writers, RCU for readers)
 * @neigh: the ARP cache
 * @stats: per-CPU counters, see stats.h
 * @sock_lock: protects writers of @ping_hash and @raw_socks
 * @ping_hash: ping sockets by echo identifier (RCU readers)
 * @raw_socks: raw ICMP sockets (RCU readers)
 * @ping_next_ident: where the search for a free identifier starts
 * @ip_id: IPv4 identification counter for packets this host originates
 * @forwarding: forward packets between devices (0 or 1, default 0)
 * @icmp_ratelimit_ms: ICMP errors to one peer: one token per this many ms
 * @icmp_burst: ICMP errors to one peer: tokens a peer can save up
 *
 * The three settings are written under RTNL (netlink CONF_SET) and read
 * locklessly with READ_ONCE().
 */
struct cnet_net {
	struct net			*net;
	struct list_head		devs;
	struct cnet_fib			fib;
	struct cnet_neigh_table		neigh;
	struct cnet_stats __percpu	*stats;

	spinlock_t			sock_lock;	/* see above */
	struct hlist_head		ping_hash[1 << CNET_PING_HASH_BITS];
	struct hlist_head		raw_socks;
	u16				ping_next_ident;
	atomic_t			ip_id;

	u8				forwarding;
	u32				icmp_ratelimit_ms;
	u32				icmp_burst;
};

/* Defaults of the settings, as Linux's icmp_ratelimit and burst factor */
#define CNET_ICMP_RATELIMIT_MS_DEFAULT	1000
#define CNET_ICMP_BURST_DEFAULT		6

struct cnet_stats {
	u64 v[CNET_STAT_MAX];
};

extern unsigned int cnet_net_id;

static inline struct cnet_net *cnet_pernet(const struct net *net)
{
	return net_generic(net, cnet_net_id);
}

/*
 * Counters are per-CPU and only ever incremented; this_cpu_inc() is safe
 * from any context. Readers sum over all CPUs.
 */
static inline void cnet_inc(struct cnet_net *cn, enum cnet_stat s)
{
	this_cpu_inc(cn->stats->v[s]);
}

u64 cnet_stat_read(struct cnet_net *cn, enum cnet_stat s);

/* dev.c */
int cnet_dev_notifier_register(void);
void cnet_dev_notifier_unregister(void);
int cnet_dev_attach(struct cnet_net *cn, struct net_device *dev,
		    struct netlink_ext_ack *extack);
int cnet_dev_detach(struct cnet_net *cn, struct net_device *dev,
		    struct netlink_ext_ack *extack);
void cnet_dev_detach_all(struct cnet_net *cn);
struct cnet_dev *cnet_dev_get_rtnl(struct net_device *dev);
void cnet_eth_xmit(struct cnet_dev *cd, struct sk_buff *skb,
		   const u8 *dst_mac, __be16 proto);
int cnet_addr_add(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  u32 ifa_flags, struct netlink_ext_ack *extack);
int cnet_addr_del(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  struct netlink_ext_ack *extack);
__be32 cnet_dev_src_for(struct cnet_dev *cd, __be32 daddr);
struct cnet_dev *cnet_dev_for_dst(struct cnet_net *cn, __be32 daddr,
				  __be32 *saddr);
bool cnet_dev_is_bcast(struct cnet_dev *cd, __be32 addr);

/* arp.c */
int cnet_arp_rcv(struct cnet_dev *cd, struct sk_buff *skb);
int cnet_arp_send(struct cnet_dev *cd, u16 op, __be32 sip, __be32 tip,
		  const u8 *tha, const u8 *dst_mac);
void cnet_dad_init(struct cnet_ifaddr *ifa);
void cnet_dad_start(struct cnet_ifaddr *ifa, bool nodad);
void cnet_dad_stop(struct cnet_ifaddr *ifa);

/* ipv4.c */
bool cnet_ip_is_local(struct cnet_net *cn, __be32 addr);
int cnet_ip_rcv(struct cnet_dev *cd, struct sk_buff *skb);
int cnet_ip_output(struct cnet_net *cn, struct sk_buff *skb, __be32 saddr,
		   __be32 daddr, u8 proto, u8 ttl, bool allow_bcast);

/* icmp.c */
int cnet_icmp_rcv(struct cnet_dev *cd, struct sk_buff *skb);

/* socket.c */
int cnet_socket_register(void);
void cnet_socket_unregister(void);
void cnet_pernet_sock_init(struct cnet_net *cn);
bool cnet_ping_deliver(struct cnet_net *cn, struct sk_buff *skb);
void cnet_raw_deliver(struct cnet_net *cn, struct sk_buff *skb);

/* netlink.c */
int cnet_netlink_register(void);
void cnet_netlink_unregister(void);

#endif /* _CNET_H */
