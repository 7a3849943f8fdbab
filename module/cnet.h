/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet: an IPv4 stack as a loadable module. Internal declarations shared by
 * the layers:
 *
 *   dev.c      attach to Ethernet devices, rx handler, Ethernet demux and tx
 *   arp.c      ARP (RFC 826) receive and send
 *   neigh.c    the neighbour (ARP) cache: entries, timers, pending queue
 *   ipv4.c     IPv4 input checks, local delivery, output
 *   forward.c  forwarding: gathers the facts, carries out the verdict of
 *              cnet_fwd_decide(), which is pure (forward_verdict.c)
 *   icmp.c     ICMP (RFC 792) input and echo reply
 *   udp.c      UDP (RFC 768) input: validation, port unreachable
 *   socket.c   the AF_CUSTOM family: ICMP ping and raw sockets
 *   netlink.c  the "cnet" generic netlink family
 *   *_hdr.c    pure wire code, one file per protocol, tested by KUnit:
 *              ip_hdr.c (header checks and building, TTL, checksum,
 *              address classes), arp_hdr.c, icmp_hdr.c
 *   ratelimit.c  the token bucket that rate limits ICMP errors (pure)
 *   fib.c      the routing table: longest-prefix match, RCU lookups (fib.h)
 *   main.c     module and per-namespace set-up and tear-down
 */
#ifndef _CNET_H
#define _CNET_H

#include <linux/icmp.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
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

#include "arp_hdr.h"
#include "fib.h"
#include "icmp_hdr.h"
#include "ip_hdr.h"
#include "neigh.h"
#include "ratelimit.h"
#include "stats.h"

/**
 * struct cnet_ifaddr - an IPv4 address on an attached device
 * @list: in cnet_dev.addrs
 * @hnode: in cnet_net.local_hash, by @addr
 * @cd: the device the address is on
 * @addr: the address
 * @mask: netmask derived from @prefixlen
 * @bcast: subnet broadcast (0 for /31 and /32, which have none)
 * @prefixlen: 0..32
 * @rcu: for freeing after readers are done
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
	struct hlist_node	hnode;
	struct cnet_dev		*cd;
	__be32			addr;
	__be32			mask;
	__be32			bcast;
	u8			prefixlen;
	struct rcu_head		rcu;
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
#define CNET_LOCAL_HASH_BITS	8

#define CNET_ICMP_PEER_HASH_BITS	6
#define CNET_ICMP_PEERS_MAX		256

/**
 * struct cnet_icmp_peers - ICMP error rate limiting, one bucket per peer
 * @lock: protects @hash changes, @count and @overflow
 * @hash: struct cnet_icmp_peer by address (RCU readers)
 * @count: entries in @hash, at most CNET_ICMP_PEERS_MAX
 * @overflow: the bucket shared by peers that found the table full
 *
 * Entries are reclaimed when the table is full and a new peer comes: any
 * whose bucket has refilled is no different from a new one and goes.
 */
struct cnet_icmp_peers {
	spinlock_t		lock;	/* see above */
	struct hlist_head	hash[1 << CNET_ICMP_PEER_HASH_BITS];
	unsigned int		count;
	struct cnet_tb		overflow;
};

/**
 * struct cnet_net - per network namespace state
 * @net: the namespace
 * @devs: attached devices (RTNL for writers, RCU for readers)
 * @local_hash: every address of the namespace, by address (RTNL for
 *	writers, RCU for readers): "is this packet for us" in one probe
 * @fib: the routing table (RTNL for writers, RCU for readers)
 * @neigh: the ARP cache
 * @stats: per-CPU counters, see stats.h
 * @sock_lock: protects writers of @ping_hash and @raw_socks
 * @ping_hash: ping sockets by echo identifier (RCU readers)
 * @raw_socks: raw sockets, of any protocol (RCU readers)
 * @ping_next_ident: where the search for a free identifier starts
 * @ip_id: IPv4 identification counter for packets this host originates
 * @forwarding: forward packets between devices (0 or 1, default 0)
 * @icmp_ratelimit_ms: ICMP errors to one peer: one token per this many ms
 * @icmp_burst: ICMP errors to one peer: tokens a peer can save up
 * @icmp_peers: the ICMP error rate limiter's per-peer buckets (icmp.c)
 *
 * The three settings are written under RTNL (netlink CONF_SET) and read
 * locklessly with READ_ONCE().
 */
struct cnet_net {
	struct net			*net;
	struct list_head		devs;
	struct hlist_head		local_hash[1 << CNET_LOCAL_HASH_BITS];
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

	struct cnet_icmp_peers		icmp_peers;
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

/* stats.c */
u64 cnet_stat_read(struct cnet_net *cn, enum cnet_stat s);
int cnet_stats_fill(struct sk_buff *skb, struct cnet_net *cn);

/* dev.c */
int cnet_dev_notifier_register(void);
void cnet_dev_notifier_unregister(void);
int cnet_dev_attach(struct cnet_net *cn, struct net_device *dev,
		    struct netlink_ext_ack *extack);
int cnet_dev_detach(struct cnet_net *cn, struct net_device *dev,
		    struct netlink_ext_ack *extack);
void cnet_dev_detach_all(struct cnet_net *cn);
struct cnet_dev *cnet_dev_get_rtnl(struct net_device *dev);
struct cnet_dev *cnet_dev_get_rcu(const struct net_device *dev);
void cnet_eth_xmit(struct cnet_dev *cd, struct sk_buff *skb,
		   const u8 *dst_mac, __be16 proto);
int cnet_addr_add(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  u32 ifa_flags, struct netlink_ext_ack *extack);
int cnet_addr_del(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  struct netlink_ext_ack *extack);
__be32 cnet_dev_src_for(struct cnet_dev *cd, __be32 daddr);
bool cnet_dev_is_bcast(struct cnet_dev *cd, __be32 addr);
struct cnet_ifaddr *cnet_local_lookup(struct cnet_net *cn, __be32 addr);
struct cnet_ifaddr *cnet_local_find(struct cnet_net *cn, __be32 addr);

/* Is the device up? Any context. */
static inline bool cnet_dev_running(const struct cnet_dev *cd)
{
	return READ_ONCE(cd->dev->flags) & IFF_UP;
}

/* route.c */

/**
 * struct cnet_rt_res - where a packet goes: the result of a route lookup
 * @cd: the device it leaves by (or, for LOCAL, the device of the address)
 * @nexthop: the address to resolve with ARP (the destination when on-link)
 * @saddr: the source address to use
 * @type: CNET_RT_UNICAST, CNET_RT_LOCAL or CNET_RT_BROADCAST
 * @rt: the route used, NULL for LOCAL and limited broadcast
 *
 * Valid until the caller's rcu_read_unlock().
 */
struct cnet_rt_res {
	struct cnet_dev		*cd;
	__be32			nexthop;
	__be32			saddr;
	u8			type;
	const struct cnet_route	*rt;
};

struct cnet_dev *cnet_route_dev(struct cnet_net *cn, int ifindex);
int cnet_route_output(struct cnet_net *cn, __be32 daddr, __be32 saddr,
		      struct cnet_rt_res *res);
int cnet_route_connected_add(struct cnet_dev *cd, struct cnet_ifaddr *ifa);
void cnet_route_addr_gone(struct cnet_ifaddr *ifa);
void cnet_route_dev_up(struct cnet_dev *cd);
void cnet_route_dev_down(struct cnet_dev *cd);
int cnet_route_cfg_resolve(struct cnet_net *cn, struct cnet_route *cfg,
			   struct netlink_ext_ack *extack);

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

/* forward.c */
int cnet_ip_forward(struct cnet_dev *in, struct sk_buff *skb);

/* icmp.c */
int cnet_icmp_rcv(struct cnet_dev *cd, struct sk_buff *skb);
void cnet_icmp_send_error(struct cnet_net *cn, struct sk_buff *skb_in,
			  u8 type, u8 code, __be32 info);
void cnet_icmp_net_init(struct cnet_net *cn);
void cnet_icmp_net_exit(struct cnet_net *cn);

/* udp.c */
int cnet_udp_rcv(struct cnet_dev *cd, struct sk_buff *skb);

/* socket.c */
int cnet_socket_register(void);
void cnet_socket_unregister(void);
void cnet_pernet_sock_init(struct cnet_net *cn);
bool cnet_ping_deliver(struct cnet_net *cn, struct sk_buff *skb);
bool cnet_raw_deliver(struct cnet_net *cn, struct sk_buff *skb);
void cnet_sock_err_deliver(struct cnet_net *cn, struct sk_buff *skb,
			   const struct cnet_icmp_err *e);

/* netlink.c */
int cnet_netlink_register(void);
void cnet_netlink_unregister(void);

#endif /* _CNET_H */
