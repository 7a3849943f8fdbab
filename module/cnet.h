/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet: an IPv4 stack as a loadable module. Internal declarations shared by
 * the layers:
 *
 * Devices and the link layer
 *   dev.c            attach to Ethernet devices, rx handler, Ethernet
 *                    demux and transmit, device events
 *   loopback.c       lo: 127.0.0.0/8 and this host's own addresses,
 *                    delivered through per-CPU queues drained in softirq
 *   addr.c           interface addresses: add and remove, the local-address
 *                    hash, broadcast checks, source address selection
 *   arp.c            ARP (RFC 826) receive and send, address conflicts
 *   neigh.c          the neighbour (ARP) cache: entries, timers, pending
 *                    queue; its state machine is pure (neigh.h)
 * Routing
 *   fib.c            the routing table: longest-prefix match, RCU lookups
 *   route.c          routing decisions, the routing generation, the route
 *                    cache
 * IPv4
 *   ip_input.c       input checks; local delivery by the protocol table
 *                    (struct cnet_ip_protocol), raw copies, ICMP errors
 *                    to the sockets they concern
 *   ip_frag.c        reassembly: queues, timers, memory budget; its
 *                    decisions are pure (ip_fragq.h)
 *   ip_output.c      output of what this host sends, by a struct cnet_flow,
 *                    optionally through a route cache; fragmentation
 *                    (also of what is forwarded); IP identifiers
 *   pmtu.c           path MTUs learned from ICMP (RFC 1191)
 *   forward.c        forwarding: gathers the facts and carries out the
 *                    verdict of cnet_fwd_decide() (forward_verdict.c, pure)
 * Transport
 *   icmp.c           ICMP (RFC 792): echo replies, errors sent (rate
 *                    limited) and received
 *   udp.c            UDP (RFC 768): sockets, input, ICMP errors
 * Sockets
 *   af_cnet.c        the AF_CUSTOM family: socket() by type, shared ops
 *   ip_sockglue.c    SOL_IP options, control messages, the error queue
 *   ping.c           ICMP ping sockets (the echo identifier is their port)
 *   raw.c            raw sockets of one IP protocol
 *   sock_table.c     local ports and the sockets holding them
 *   sock_diag.c      SOCK_GET: every socket, for `cnet sock show`
 * Pure code, tested by KUnit (module/tests/), neither skb nor socket
 *   ip_hdr.c, arp_hdr.c, icmp_hdr.c, udp_hdr.c
 *                    wire formats, one file per protocol: parse, check,
 *                    build
 *   ratelimit.c      the token bucket that rate limits ICMP errors
 *   ip_fragq.c       what a fragment does to its datagram's queue
 *   forward_verdict.c  what forwarding does with a packet
 * The rest
 *   netlink.c        the "cnet" generic netlink family
 *   stats.c          the counters (stats_list.h), read and dumped
 *   main.c           module and per-namespace set-up and tear-down
 *   fib_bench.c      debugfs route-lookup benchmark (make bench)
 */
#ifndef _CNET_H
#define _CNET_H

#include <linux/icmp.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/percpu_counter.h>
#include <linux/rculist.h>
#include <linux/rhashtable-types.h>
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/tracepoint-defs.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/cnet.h>

#include "compat.h"

#include "arp_hdr.h"
#include "dad.h"
#include "fib.h"
#include "icmp_hdr.h"
#include "ip_hdr.h"
#include "neigh.h"
#include "pmtu.h"
#include "ratelimit.h"
#include "sock_table.h"
#include "stats.h"

/**
 * struct cnet_dev - cnet's state for one attached net_device, or for lo
 * @dev: the device; a tracked reference is held while attached (lo: the
 *	namespace's loopback net_device, whose name and index it borrows;
 *	cnet never attaches to it nor sends on it, see loopback.c)
 * @dev_tracker: reference tracker for @dev
 * @cn: the namespace state this device belongs to
 * @list: in cnet_net.devs
 * @addrs: cnet_ifaddr list
 * @dead: set (under the neighbour table lock) when detaching: no new ARP
 *	entry may refer to this device afterwards
 * @proxy_arp: answer ARP requests for addresses routed through another
 *	device (0 or 1); written under RTNL, read with READ_ONCE()
 * @neigh: its own neighbour settings, where it has any (neigh.h)
 * @sysctl: its net.cnet.link.DEV.* table (sysctl.c); NULL for lo, and
 *	after a rename whose new table could not be registered
 * @rcu: for freeing after readers are done
 *
 * Locking: @list and @addrs are changed only under RTNL and read under RCU
 * (the rx handler runs in an RCU read-side section). The structure is
 * reachable from the device as its rx_handler_data.
 *
 * The namespace's lo is a struct cnet_dev too (cnet_net.lo), so that a
 * route can point at it, but it is on no list and has no addresses: its
 * 127.0.0.0/8 is a class of addresses, not a struct cnet_ifaddr. Test for
 * it with cnet_dev_is_lo().
 */
struct cnet_dev {
	struct net_device	*dev;
	netdevice_tracker	dev_tracker;
	struct cnet_net		*cn;
	struct list_head	list;
	struct list_head	addrs;
	bool			dead;
	u8			proxy_arp;
	struct cnet_neigh_dev_parms neigh;
	struct ctl_table_header	*sysctl;
	struct rcu_head		rcu;
};

#define CNET_LOCAL_HASH_BITS	8

/*
 * lo (loopback.c): its MTU, as Linux's lo; packets a CPU's queue holds by
 * default (module parameter lo_queue_len), as Linux's netdev_max_backlog
 */
#define CNET_LO_MTU		65536
#define CNET_LO_QLEN		1000

/**
 * struct cnet_lo_queue - one CPU's queue of packets looped to this host
 * @input: where senders on this CPU queue (its own lock, taken with
 *	bottom halves off); with @process, at most lo_queue_len packets
 * @process: what the poll took from @input and works through; only the
 *	poll touches it (NAPI runs one poll of a queue at a time)
 * @napi: the queue's NAPI instance (on cnet_net.lo_napi_dev), scheduled by
 *	the sender, run in NET_RX softirq
 * @cn: the namespace
 */
struct cnet_lo_queue {
	struct sk_buff_head	input;
	struct sk_buff_head	process;
	struct napi_struct	napi;
	struct cnet_net		*cn;
};

#define CNET_ICMP_PEER_HASH_BITS	6
#define CNET_ICMP_PEERS_MAX		256

/**
 * struct cnet_icmp_peers - ICMP error rate limiting: per peer, and global
 * @lock: protects @hash changes and @count
 * @hash: struct cnet_icmp_peer by address (RCU readers)
 * @count: entries in @hash, at most CNET_ICMP_PEERS_MAX
 * @global_lock: protects @global
 * @global: the namespace's bucket, which every rate-limited error needs a
 *	token of too (as Linux's icmp_msgs_per_sec)
 *
 * Entries are reclaimed when the table is full and a new peer comes: any
 * whose bucket has refilled is no different from a new one and goes; if
 * none has, the fullest goes (icmp.c).
 */
struct cnet_icmp_peers {
	spinlock_t		lock;	/* see above */
	struct hlist_head	hash[1 << CNET_ICMP_PEER_HASH_BITS];
	unsigned int		count;
	spinlock_t		global_lock;	/* see above */
	struct cnet_tb		global;
};

/**
 * struct cnet_reasm - a namespace's IPv4 reassembly (ip_frag.c)
 * @ht: the queues (struct cnet_ipq) by source, destination, protocol and
 *	identification (RFC 791); RCU readers, rhashtable's own locking for
 *	writers. Each queue has its own lock for its fragments: the receive
 *	path takes no namespace-wide lock but to make a queue.
 * @lru_lock: protects @lru; taken inside a queue's lock, never around it
 * @lru: the queues not yet finished, oldest first (eviction order)
 * @mem: memory the queues hold: their fragments' truesize and the queues
 *	themselves (atomic: added to by every fragment, on any CPU)
 * @used: a queue was ever made (namespace exit waits for timers only then)
 * @high_thresh: bytes; past it, the oldest queues are evicted...
 * @low_thresh: ...until @mem is at or under this (bytes, <= @high_thresh)
 * @time_ms: a datagram not complete this long after its first fragment
 *	came is dropped
 *
 * The three settings are written under RTNL (netlink CONF_SET) and read
 * locklessly with READ_ONCE(); a new @time_ms applies to new queues.
 */
struct cnet_reasm {
	struct rhashtable	ht;
	spinlock_t		lru_lock;	/* see above */
	struct list_head	lru;
	atomic_long_t		mem;
	bool			used;
	u32			high_thresh;
	u32			low_thresh;
	u32			time_ms;
};

/* Defaults of the settings, as Linux's ipfrag_high_thresh, _low_thresh, _time */
#define CNET_IPFRAG_HIGH_THRESH_DEFAULT	(4 * 1024 * 1024)
#define CNET_IPFRAG_LOW_THRESH_DEFAULT	(3 * 1024 * 1024)
#define CNET_IPFRAG_TIME_MS_DEFAULT	30000

struct cnet_tcp_cong_ops;

/**
 * struct cnet_net - per network namespace state
 * @net: the namespace
 * @devs: attached devices (RTNL for writers, RCU for readers)
 * @lo: the loopback pseudo-device: set up at namespace init, gone at exit,
 *	never on @devs (loopback.c)
 * @lo_napi_dev: a dummy net_device that only carries @lo_queues' NAPI
 *	instances; never registered
 * @lo_queues: per-CPU queues of looped packets
 * @local_hash: every address of the namespace, by address (RTNL for
 *	writers, RCU for readers): "is this packet for us" in one probe
 * @fib: the routing table (RTNL for writers, RCU for readers)
 * @neigh: the ARP cache
 * @stats: per-CPU counters, see stats.h
 * @raw_lock: serialises writers of @raw_socks (process context only)
 * @raw_socks: raw sockets, of any protocol (RCU readers)
 * @raw_all: the same, as a dump list (its own lock)
 * @ping_table: ping sockets by echo identifier, their "port" (its own
 *	lock for writers, RCU readers)
 * @udp_table: UDP sockets by port and addresses (likewise)
 * @tcp_table: TCP sockets: connections by 4-tuple, listeners and bound
 *	sockets by address and port (likewise)
 * @tcp_isn_key: the secret of TCP's initial sequence numbers (RFC 6528)
 * @tcp_ts_key: the secret of TCP's timestamp offsets (RFC 7323 5.4)
 * @tcp_challenge_lock: serialises @tcp_challenge (any context, BH)
 * @tcp_challenge: the namespace's budget of RFC 5961 challenge ACKs
 * @ip_local_port_range: the ephemeral ports (UDP, TCP), first in the low
 *	16 bits, last in the high 16, as Linux's ip_local_port_range; read
 *	with cnet_local_port_range()
 * @port_key: the secret of RFC 6056's port offsets (cnet_st_offset())
 * @idents: the IPv4 identifiers of datagrams this host originates
 *	(ip_output.c; lockless, see struct cnet_ip_idents)
 * @pmtu: path MTUs learned (pmtu.c)
 * @forwarding: forward packets between devices (0 or 1, default 0)
 * @icmp_ratelimit_ms: ICMP errors to one peer: one token per this many ms
 * @icmp_burst: ICMP errors to one peer: tokens a peer can save up
 * @icmp_peers: the ICMP error rate limiter's per-peer buckets (icmp.c)
 * @reasm: IPv4 reassembly: the queues and their settings
 * @tcp_tw: TCP's TIME-WAIT entries (tcp_minisock.c), NULL without memory
 * @tcp_tw_all: the TIME-WAIT entries, for `cnet sock show` (sock_diag.c)
 * @tcp_tw_timeout_ms: how long TCP's TIME-WAIT lasts (2 MSL)
 * @tcp_max_tw_buckets: at most this many TIME-WAIT entries (Linux's
 *	tcp_max_tw_buckets); past it a connection closes without
 *	TIME-WAIT
 * @tcp_mem: TCP's memory thresholds in pages, low, pressure and high
 *	(Linux's tcp_mem; tcp_mem.h); settings like the others
 * @tcp_mem_pressure: TCP is under memory pressure (tcp_mem.c; any
 *	context, READ_ONCE()/WRITE_ONCE())
 * @tcp_mem_bytes: the bytes every TCP socket of the namespace has charged
 *	(receive, out-of-order and send queues), per cpu
 * @tcp_keepalive_time_s: TCP_KEEPIDLE's default (Linux's
 *	tcp_keepalive_time, 7200)
 * @tcp_keepalive_intvl_s: TCP_KEEPINTVL's default (75)
 * @tcp_keepalive_probes: TCP_KEEPCNT's default (9)
 * @tcp_syncookies: SYN cookies (tcp_cookie.h): 0 never, 1 when a
 *	listener's SYN queue is full (default), 2 always
 * @tcp_cookie_key: the two secrets of SYN cookies (tcp_cookie.c)
 * @tcp_cong: new sockets' congestion control (Linux's
 *	tcp_congestion_control, "cubic"); one of tcp_cong.c's static
 *	algorithms, so a reader needs no reference
 * @tcp_timestamps: offer and accept TCP timestamps (RFC 7323), 1 or 0
 *	(Linux's net.ipv4.tcp_timestamps, default 1)
 * @tcp_sack: offer and accept SACK-permitted (RFC 2018) on new
 *	connections (Linux's tcp_sack, 1)
 * @tcp_recovery: loss detection bits (Linux's tcp_recovery): 1, the
 *	default, RACK-TLP with SACK (tcp_rack.h); 0 RFC 6675 DupThresh
 * @tcp_mtu_probing: black-hole detection and MTU probing (tcp_mtu.h):
 *	0 off (default, as Linux), 1 after a black hole, 2 always
 * @tcp_base_mss: the MSS probing starts from (Linux's tcp_base_mss, 1024)
 * @tcp_ecn: ECN (RFC 3168, tcp_ecn.h) on new connections: 0 off, 1 asked
 *	for on connect() and accepted, 2 only accepted (Linux's tcp_ecn, 2)
 * @tcp_syn_retries: SYN retransmissions before connect() fails, unless
 *	TCP_SYNCNT (Linux's tcp_syn_retries, 6)
 * @tcp_synack_retries: SYN-ACK retransmissions before a listener drops a
 *	request, unless its TCP_SYNCNT (Linux's tcp_synack_retries, 5)
 * @tcp_retries2: retransmissions of data (and zero-window probes) before
 *	an established connection times out (Linux's tcp_retries2, 15)
 * @tcp_orphan_retries: an orphan's, 0 for 8 while the RTO is under its
 *	ceiling (Linux's tcp_orphan_retries, 0)
 * @tcp_syn_linear_timeouts: a SYN's first timeouts that do not double,
 *	added to its retries (Linux's tcp_syn_linear_timeouts, 4)
 * @tcp_fin_timeout_s: an orphan's FIN-WAIT-2, unless TCP_LINGER2
 *	(Linux's tcp_fin_timeout, 60 s)
 * @tcp_tw_reuse: may connect()'s own port search take a TIME-WAIT
 *	entry's 4-tuple over (with timestamps): 0 no, 1 yes, 2 on loopback
 *	only (Linux's tcp_tw_reuse, 2; tcp_mini.h)
 * @dad_probes: RFC 5227 probes a new address sends (PROBE_NUM, 3; 0 to
 *	255, the count is 8 bits; 0: none, the address is in use at once)
 * @dad_interval_ms: their spacing, random in [this, 2 x this), and the
 *	first one's delay in [0, this) (PROBE_MIN, 1000 ms)
 * @sysctl: the namespace's net.cnet.* table (sysctl.c)
 *
 * The settings (@ip_local_port_range, @forwarding, @icmp_*, @reasm's,
 * @tcp_tw_timeout_ms, @tcp_max_tw_buckets, @tcp_mem, @tcp_keepalive_*,
 * @tcp_syncookies, @tcp_cong, @tcp_timestamps, @tcp_sack, @tcp_recovery,
 * @tcp_mtu_probing, @tcp_base_mss, @tcp_ecn, @tcp_syn_retries,
 * @tcp_synack_retries, @tcp_retries2, @tcp_orphan_retries,
 * @tcp_syn_linear_timeouts, @tcp_fin_timeout_s, @tcp_tw_reuse, @neigh's,
 * @dad_probes, @dad_interval_ms) are written by netlink's CONF_SET and by
 * net.cnet.* sysctls, pairs under RTNL, and read locklessly with
 * READ_ONCE().
 */
struct cnet_net {
	struct net			*net;
	struct list_head		devs;
	struct cnet_dev			lo;
	struct net_device		*lo_napi_dev;
	struct cnet_lo_queue __percpu	*lo_queues;
	struct hlist_head		local_hash[1 << CNET_LOCAL_HASH_BITS];
	struct cnet_fib			fib;
	struct cnet_neigh_table		neigh;
	struct cnet_stats __percpu	*stats;

	struct mutex			raw_lock;	/* see above */
	struct hlist_head		raw_socks;
	struct cnet_st_dlist		raw_all;
	struct cnet_sock_table		ping_table;
	struct cnet_sock_table		udp_table;
	struct cnet_sock_table		tcp_table;
	siphash_key_t			tcp_isn_key;
	siphash_key_t			tcp_ts_key;
	spinlock_t			tcp_challenge_lock;	/* see above */
	struct cnet_tb			tcp_challenge;
	u32				ip_local_port_range;
	siphash_key_t			port_key;
	struct cnet_ip_idents		*idents;
	struct cnet_pmtu_cache		pmtu;

	u8				forwarding;
	u32				icmp_ratelimit_ms;
	u32				icmp_burst;

	struct cnet_icmp_peers		icmp_peers;
	struct cnet_reasm		reasm;

	struct cnet_tcp_tw_table	*tcp_tw;
	struct cnet_st_dlist		tcp_tw_all;
	u32				tcp_tw_timeout_ms;
	u32				tcp_max_tw_buckets;

	u32				tcp_mem[3];
	bool				tcp_mem_pressure;
	struct percpu_counter		tcp_mem_bytes;
	u32				tcp_keepalive_time_s;
	u32				tcp_keepalive_intvl_s;
	u32				tcp_keepalive_probes;
	u8				tcp_syncookies;
	siphash_key_t			tcp_cookie_key[2];
	const struct cnet_tcp_cong_ops	*tcp_cong;
	u32				tcp_timestamps;
	u32				tcp_sack;
	u32				tcp_recovery;
	u32				tcp_mtu_probing;
	u32				tcp_base_mss;
	u32				tcp_ecn;
	u32				tcp_syn_retries;
	u32				tcp_synack_retries;
	u32				tcp_retries2;
	u32				tcp_orphan_retries;
	u32				tcp_syn_linear_timeouts;
	u32				tcp_fin_timeout_s;
	u32				tcp_tw_reuse;

	u32				dad_probes;
	u32				dad_interval_ms;

	struct ctl_table_header		*sysctl;
};

/* Linux's default ip_local_port_range */
#define CNET_PORT_RANGE_LO_DEFAULT	32768
#define CNET_PORT_RANGE_HI_DEFAULT	60999

/* Defaults of the settings, as Linux's icmp_ratelimit and burst factor */
#define CNET_ICMP_RATELIMIT_MS_DEFAULT	1000
#define CNET_ICMP_BURST_DEFAULT		6

/*
 * The ranges of the settings, shared by netlink's policy (netlink.c) and
 * the net.cnet.* sysctls (sysctl.c)
 */
#define CNET_CONF_ICMP_RATELIMIT_MS_MAX	(3600 * 1000)	/* an hour */
#define CNET_CONF_ICMP_BURST_MIN	1
#define CNET_CONF_ICMP_BURST_MAX	10000
#define CNET_CONF_IPFRAG_TIME_MS_MIN	1
#define CNET_CONF_IPFRAG_TIME_MS_MAX	(3600 * 1000)	/* an hour */
/* at least 4 ticks of the TIME-WAIT wheel (250 ms), at most 10 minutes */
#define CNET_CONF_TCP_TW_TIMEOUT_MS_MIN	1000
#define CNET_CONF_TCP_TW_TIMEOUT_MS_MAX	(600 * 1000)
/* the neighbour settings' are in neigh.h; DAD's: */
#define CNET_CONF_DAD_PROBES_MAX	255
#define CNET_CONF_DAD_INTERVAL_MS_MIN	1
#define CNET_CONF_DAD_INTERVAL_MS_MAX	(3600 * 1000)	/* an hour */

/* Defaults of the DAD settings: RFC 5227's PROBE_NUM and PROBE_MIN */
#define CNET_DAD_PROBES_DEFAULT		3
#define CNET_DAD_INTERVAL_MS_DEFAULT	1000

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
 * from any context. Readers sum over all CPUs. Each increment is also the
 * cnet_count trace event (cnet_trace.h), when that is on: a patched-out
 * jump otherwise.
 */
DECLARE_TRACEPOINT(cnet_count);
void cnet_trace_count(const struct cnet_net *cn, enum cnet_stat s);

static inline void cnet_inc(struct cnet_net *cn, enum cnet_stat s)
{
	this_cpu_inc(cn->stats->v[s]);
	if (tracepoint_enabled(cnet_count))
		cnet_trace_count(cn, s);
}

/* stats.c */
u64 cnet_stat_read(struct cnet_net *cn, enum cnet_stat s);
size_t cnet_stats_msg_size(void);
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

/* loopback.c */
int cnet_lo_init(struct cnet_net *cn);
void cnet_lo_exit(struct cnet_net *cn);
int cnet_lo_xmit(struct cnet_dev *lo, struct sk_buff *skb);

/* Is @cd its namespace's lo? Any context. */
static inline bool cnet_dev_is_lo(const struct cnet_dev *cd)
{
	return cd == &cd->cn->lo;
}

/*
 * Is the device up? lo always is: it is cnet's, whatever the state of the
 * Linux device it borrows its name from. Any context.
 */
static inline bool cnet_dev_running(const struct cnet_dev *cd)
{
	return cnet_dev_is_lo(cd) || (READ_ONCE(cd->dev->flags) & IFF_UP);
}

/*
 * The MTU output sends with on @cd: lo's is CNET_LO_MTU, whatever Linux's
 * lo is set to, so that local delivery never needs fragmenting. Any
 * context.
 */
static inline unsigned int cnet_dev_mtu(const struct cnet_dev *cd)
{
	return cnet_dev_is_lo(cd) ? CNET_LO_MTU : READ_ONCE(cd->dev->mtu);
}

/* addr.c */

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
 * @flags: CNET_IFA_F_TENTATIVE while duplicate address detection runs
 *	(with CNET_IFA_F_OPTIMISTIC when the address is used meanwhile),
 *	CNET_IFA_F_DADFAILED when it found the address in use (dad.h); written
 *	under @dad_lock, read locklessly (READ_ONCE) by cnet_ifaddr_usable()
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
	return cnet_dad_usable(READ_ONCE(ifa->flags));
}

int cnet_addr_add(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  u32 ifa_flags, struct netlink_ext_ack *extack);
int cnet_addr_del(struct cnet_dev *cd, __be32 addr, u8 prefixlen,
		  struct netlink_ext_ack *extack);
void cnet_addr_flush_dev(struct cnet_dev *cd);
struct cnet_ifaddr *cnet_addr_lookup(struct cnet_dev *cd, __be32 addr);
struct cnet_ifaddr *cnet_local_lookup(struct cnet_net *cn, __be32 addr);
struct cnet_ifaddr *cnet_local_find(struct cnet_net *cn, __be32 addr);
bool cnet_ip_is_local(struct cnet_net *cn, __be32 addr);
bool cnet_dev_is_bcast(struct cnet_dev *cd, __be32 addr);
bool cnet_addr_is_bcast_any(struct cnet_net *cn, __be32 addr);
bool cnet_addr_same_subnet(struct cnet_dev *cd, __be32 a, __be32 b);

/* Is @addr on one of @cd's subnets? Caller holds RCU. */
static inline bool cnet_addr_on_subnet(struct cnet_dev *cd, __be32 addr)
{
	return cnet_addr_same_subnet(cd, addr, addr);
}

__be32 cnet_addr_select_src(struct cnet_dev *cd, __be32 daddr);

/* route.c */

/**
 * struct cnet_rt_res - where a packet goes: the result of a route lookup
 * @cd: the device it leaves by (for LOCAL, the namespace's lo)
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

/**
 * struct cnet_route_cache - a route looked up once and reused
 * @res: the route; its pointers are valid only inside the rcu_read_lock()
 *	section of a cnet_route_output_cached() that returned it
 * @daddr: the destination it was looked up for
 * @saddr: the source that was asked for, 0 for the route's choice
 * @genid: the routing generation it was looked up at
 * @valid: @res holds a route
 *
 * For a connection (a connected UDP socket, TCP) to route once and reuse
 * the result until routing changes: a result is valid while the routing
 * generation it was found at is the current one (route.c explains what
 * bumps it and why that keeps the cached pointers safe). An all-zero cache
 * is empty. The user serialises access to one cache (its socket lock).
 */
struct cnet_route_cache {
	struct cnet_rt_res	res;
	__be32			daddr;
	__be32			saddr;
	u32			genid;
	bool			valid;
};

static inline void cnet_route_cache_reset(struct cnet_route_cache *rc)
{
	rc->valid = false;
}

struct cnet_dev *cnet_route_dev(struct cnet_net *cn, int ifindex);
int cnet_route_output(struct cnet_net *cn, __be32 daddr, __be32 saddr,
		      struct cnet_rt_res *res);
int cnet_route_local(__be32 daddr, __be32 saddr, bool dst_ours, __be32 *src);
int cnet_route_output_dev(struct cnet_net *cn, __be32 daddr, __be32 saddr,
			  int oif, struct cnet_rt_res *res);
void cnet_route_changed(struct cnet_net *cn);
bool cnet_route_cache_valid(const struct cnet_route_cache *rc, u32 genid,
			    __be32 daddr, __be32 saddr);
void cnet_route_cache_set(struct cnet_route_cache *rc, u32 genid,
			  __be32 daddr, __be32 saddr,
			  const struct cnet_rt_res *res);
int cnet_route_output_cached(struct cnet_net *cn, __be32 daddr, __be32 saddr,
			     struct cnet_route_cache *rc,
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
void cnet_dad_start(struct cnet_ifaddr *ifa);
void cnet_dad_stop(struct cnet_ifaddr *ifa);

/* ip_input.c */
int cnet_ip_rcv(struct cnet_dev *cd, struct sk_buff *skb);
bool cnet_l4_rcv_csum_ok(struct sk_buff *skb, u8 proto, __sum16 check,
			 unsigned int len);
void cnet_ip_err_deliver(struct cnet_net *cn, struct sk_buff *skb,
			 const struct cnet_icmp_err *e);

/* ip_frag.c */
struct sk_buff *cnet_ip_defrag(struct cnet_net *cn, struct sk_buff *skb);
int cnet_reasm_net_init(struct cnet_net *cn);
void cnet_reasm_net_exit(struct cnet_net *cn);
unsigned int cnet_reasm_queues(struct cnet_net *cn);

/* ip_output.c */

/* struct cnet_flow.flags */
#define CNET_FLOW_BROADCAST	0x1	/* may address a broadcast (SO_BROADCAST) */

/**
 * struct cnet_flow - what a packet this host sends is, for IPv4 output
 * @daddr: destination
 * @saddr: the source the sender insists on (a bound socket), or 0 for the
 *	route's choice
 * @oif: the device the sender insists on (SO_BINDTODEVICE), ifindex, or 0
 * @proto: transport protocol (IPPROTO_*)
 * @ttl: time to live, 0 for CNET_IP_DEFAULT_TTL
 * @tos: type of service byte of the header (IP_TOS)
 * @pmtudisc: IP_PMTUDISC_* (IP_MTU_DISCOVER): whether the packet is sent
 *	with DF and may be fragmented
 * @flags: CNET_FLOW_*
 *
 * A connection describes its flow once and routes it with it.
 */
struct cnet_flow {
	__be32	daddr;
	__be32	saddr;
	int	oif;
	u8	proto;
	u8	ttl;
	u8	tos;
	u8	pmtudisc;
	u32	flags;
};

int cnet_ip_route_flow(struct cnet_net *cn, const struct cnet_flow *fl,
		       struct cnet_route_cache *rc, struct cnet_rt_res *res);
int cnet_ip_output_res(struct cnet_net *cn, struct sk_buff *skb,
		       const struct cnet_flow *fl, const struct cnet_rt_res *res);
int cnet_ip_output_flow(struct cnet_net *cn, struct sk_buff *skb,
			const struct cnet_flow *fl);
int cnet_ip_fragment(struct cnet_net *cn, struct sk_buff *skb,
		     unsigned int mtu,
		     int (*out)(struct cnet_dev *cd, __be32 nexthop,
				struct sk_buff *skb),
		     struct cnet_dev *cd, __be32 nexthop);
int cnet_ip_output_net_init(struct cnet_net *cn);
void cnet_ip_output_net_exit(struct cnet_net *cn);

/* pmtu.c */
unsigned int cnet_route_mtu(struct cnet_net *cn, const struct cnet_rt_res *res,
			    __be32 daddr, unsigned int *path_mtu,
			    bool *locked);
unsigned int cnet_route_path_mtu(struct cnet_net *cn,
				 const struct cnet_rt_res *res, __be32 daddr);
void cnet_pmtu_frag_needed(struct cnet_net *cn, const struct icmphdr *icmph,
			   const struct cnet_icmp_err *e);

/* forward.c */
int cnet_ip_forward(struct cnet_dev *in, struct sk_buff *skb);

/* icmp.c */
bool cnet_icmp_check(struct cnet_net *cn, struct sk_buff *skb);
int cnet_icmp_rcv(struct cnet_dev *cd, struct sk_buff *skb);
void cnet_icmp_send_error(struct cnet_net *cn, struct sk_buff *skb_in,
			  u8 type, u8 code, __be32 info);
void cnet_icmp_net_init(struct cnet_net *cn);
void cnet_icmp_net_exit(struct cnet_net *cn);

/* udp.c */
int cnet_udp_rcv(struct cnet_dev *cd, struct sk_buff *skb);
void cnet_udp_err(struct cnet_net *cn, struct sk_buff *skb,
		  const struct cnet_icmp_err *e);

/* tcp_input.c */
int cnet_tcp_rcv(struct cnet_dev *cd, struct sk_buff *skb);
void cnet_tcp_err(struct cnet_net *cn, struct sk_buff *skb,
		  const struct cnet_icmp_err *e);

/* tcp_minisock.c */
unsigned int cnet_tcp_tw_count(struct cnet_net *cn);

/* af_cnet.c, ping.c, raw.c, ip_sockglue.c: the socket layer (sock.h) */
int cnet_socket_register(void);
void cnet_socket_unregister(void);
void cnet_pernet_sock_init(struct cnet_net *cn);
void cnet_pernet_sock_exit(struct cnet_net *cn);
bool cnet_ping_deliver(struct cnet_net *cn, struct sk_buff *skb);
bool cnet_raw_deliver(struct cnet_net *cn, struct sk_buff *skb);
void cnet_ping_err(struct cnet_net *cn, struct sk_buff *skb,
		   const struct cnet_icmp_err *e);
void cnet_raw_err(struct cnet_net *cn, struct sk_buff *skb,
		  const struct cnet_icmp_err *e);

/* netlink.c */
int cnet_netlink_register(void);
void cnet_netlink_unregister(void);

/* sysctl.c: the settings as net.cnet.* sysctls */
int cnet_sysctl_net_init(struct cnet_net *cn);
void cnet_sysctl_net_exit(struct cnet_net *cn);
int cnet_sysctl_dev_init(struct cnet_dev *cd);
void cnet_sysctl_dev_exit(struct cnet_dev *cd);

#endif /* _CNET_H */
