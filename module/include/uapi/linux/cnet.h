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
 *
 * Socket types (Documentation/userspace-api.rst says what each does):
 *   socket(AF_CUSTOM, SOCK_DGRAM, 0 or IPPROTO_UDP)  UDP, as AF_INET's;
 *	level SOL_IP options IP_TTL, IP_TOS, IP_RECVTTL, IP_RECVTOS,
 *	IP_PKTINFO, IP_RECVERR (control messages of Linux's numbers),
 *	SOL_UDP UDP_CORK, and the SOL_SOCKET ones (SO_BROADCAST,
 *	SO_BINDTODEVICE, SO_REUSEADDR, SO_REUSEPORT, SO_RCVBUF, SO_SNDBUF,
 *	SO_TIMESTAMP...)
 *   socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP)      ICMP echo (ping)
 *   socket(AF_CUSTOM, SOCK_RAW, 1..254)              raw, CAP_NET_RAW
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

/*
 * The multicast groups `cnet monitor` listens to, one per object. Their
 * messages have the attributes of the dumps (LINK_GET, ADDR_GET,
 * ROUTE_GET, NEIGH_GET) and say what happened by their command:
 *   group "link":  LINK_ATTACH, LINK_DETACH  a device was attached or
 *				detached
 *   group "addr":  ADDR_ADD	an address was added, or its flags changed
 *				(duplicate address detection ended or failed)
 *		    ADDR_DEL	an address was deleted
 *   group "route": ROUTE_ADD, ROUTE_DEL  a route was added or replaced,
 *				or deleted (routes that go with their device
 *				are not announced one by one, as in Linux)
 *   group "neigh": NEIGH_ADD	an ARP entry was made, or changed state or
 *				link-layer address
 *		    NEIGH_DEL	an ARP entry was deleted
 * A listener that falls behind gets ENOBUFS on a read, as with rtnetlink.
 */
#define CNET_GENL_MCGRP_LINK	"link"
#define CNET_GENL_MCGRP_ADDR	"addr"
#define CNET_GENL_MCGRP_ROUTE	"route"
#define CNET_GENL_MCGRP_NEIGH	"neigh"

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
	/*
	 * Routes. A route's identity is (ADDR, PREFIXLEN, METRIC).
	 *   ADD: ADDR, PREFIXLEN; GATEWAY and/or IFINDEX|IFNAME for unicast;
	 *        optional METRIC, RT_TYPE, PREFSRC. EEXIST if the identity
	 *        is taken.
	 *   DEL: ADDR, PREFIXLEN; optional METRIC, GATEWAY, IFINDEX|IFNAME,
	 *        RT_TYPE narrow the match; the lowest-metric match goes
	 *   GET: dump: every route; do with ADDR: the route a packet to ADDR
	 *        takes, with NEXTHOP, the device and the source (PREFSRC),
	 *        and MTU when a path MTU to ADDR was learned (RFC 1191)
	 *   REPLACE (below): as ADD, replacing the route with the identity
	 *        or adding it. (Generic netlink refuses rtnetlink's
	 *        NLM_F_CREATE/EXCL/REPLACE header flags, hence two commands.)
	 */
	CNET_CMD_ROUTE_ADD,
	CNET_CMD_ROUTE_DEL,
	CNET_CMD_ROUTE_GET,
	/*
	 * Namespace settings: FORWARDING, ICMP_RATELIMIT_MS, ICMP_BURST,
	 * IPFRAG_HIGH_THRESH, IPFRAG_LOW_THRESH (at most the high one),
	 * IPFRAG_TIME_MS, LOCAL_PORT_LO with LOCAL_PORT_HI,
	 * TCP_TW_TIMEOUT_MS, TCP_MAX_TW_BUCKETS, TCP_MEM_LOW,
	 * TCP_MEM_PRESSURE, TCP_MEM_HIGH, TCP_KEEPALIVE_TIME_S,
	 * TCP_KEEPALIVE_INTVL_S, TCP_KEEPALIVE_PROBES, TCP_SYNCOOKIES,
	 * TCP_CONGESTION, TCP_TIMESTAMPS, TCP_SACK, TCP_RECOVERY,
	 * TCP_MTU_PROBING, TCP_BASE_MSS, TCP_ECN, TCP_SYN_RETRIES,
	 * TCP_SYNACK_RETRIES, TCP_RETRIES2, TCP_ORPHAN_RETRIES,
	 * TCP_SYN_LINEAR_TIMEOUTS, TCP_FIN_TIMEOUT_S, NEIGH_REACHABLE_MS,
	 * NEIGH_RETRANS_MS, NEIGH_GC_MS, NEIGH_DELAY_MS, NEIGH_LOCKTIME_MS,
	 * NEIGH_MAX_PROBES, NEIGH_UCAST_PROBES, NEIGH_MAX_ENTRIES,
	 * NEIGH_QUEUE_LEN, NEIGH_QUEUE_BYTES, DAD_PROBES, DAD_INTERVAL_MS,
	 * TCP_TW_REUSE.
	 * CONF_GET adds IPFRAG_MEM, IPFRAG_QUEUES, TCP_TW_COUNT and
	 * TCP_MEM_PAGES.
	 */
	CNET_CMD_CONF_GET,	/* do: one message with every setting */
	CNET_CMD_CONF_SET,	/* do: the settings given */
	/*
	 * Static neighbours. ADD: IFINDEX|IFNAME, ADDR, LLADDR; makes or
	 * overwrites a PERMANENT entry. DEL: IFINDEX|IFNAME, ADDR. FLUSH:
	 * optional IFINDEX|IFNAME; removes the dynamic entries (and with
	 * NEIGH_ALL, the permanent ones too).
	 */
	CNET_CMD_NEIGH_ADD,
	CNET_CMD_NEIGH_DEL,
	CNET_CMD_NEIGH_FLUSH,
	/*
	 * do: IFINDEX|IFNAME and the per-device settings given: PROXY_ARP,
	 * and the device's own NEIGH_* settings (all but NEIGH_MAX_ENTRIES,
	 * which is refused), in the ranges of CONF_SET's. A device follows
	 * the namespace's value of a setting until it is set on it;
	 * LINK_GET shows those set.
	 */
	CNET_CMD_LINK_SET,
	CNET_CMD_ROUTE_REPLACE,	/* do: see ROUTE_ADD */
	/*
	 * Sockets (`cnet sock show`). dump: one message per socket of the
	 * namespace with SOCK_KIND, SOCK_STATE, SOCK_RQUEUE, SOCK_WQUEUE,
	 * SOCK_LADDR, SOCK_RADDR, SOCK_UID, SOCK_INODE; SOCK_LPORT and
	 * SOCK_RPORT (UDP, TCP, ping: its identifier), SOCK_PROTOCOL (raw),
	 * IFINDEX and IFNAME when bound to a device (SO_BINDTODEVICE), and for
	 * TCP the SOCK_TCP_* attributes. The request may narrow the dump:
	 * SOCK_KINDS, SOCK_STATES, IFINDEX|IFNAME (bound to that device).
	 */
	CNET_CMD_SOCK_GET,
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
	CNET_A_GATEWAY,		/* be32, a route's next hop */
	CNET_A_METRIC,		/* u32, lower wins among routes to one prefix */
	CNET_A_RT_TYPE,		/* u8, enum cnet_rt_type */
	CNET_A_RT_SCOPE,	/* u8, enum cnet_rt_scope (output only) */
	CNET_A_RT_PROTO,	/* u8, enum cnet_rt_proto (output only) */
	CNET_A_PREFSRC,		/* be32, preferred / chosen source address */
	CNET_A_NEXTHOP,		/* be32, ROUTE_GET: the address ARP resolves */
	CNET_A_FORWARDING,	/* u8, 0 or 1: forward between devices */
	CNET_A_ICMP_RATELIMIT_MS, /* u32, ms per ICMP error token, per peer */
	CNET_A_ICMP_BURST,	/* u32, tokens a peer can save up, >= 1 */
	CNET_A_NEIGH_ALL,	/* flag, NEIGH_FLUSH: permanent entries too */
	CNET_A_PROXY_ARP,	/* u8, 0 or 1: answer ARP for routed addresses */
	CNET_A_ADDR_FLAGS,	/* u32, CNET_IFA_F_* (ADDR_ADD: NODAD or DAD) */
	/* IPv4 reassembly: settings, then what CONF_GET shows of its state */
	CNET_A_IPFRAG_HIGH_THRESH, /* u32, bytes held past which queues go */
	CNET_A_IPFRAG_LOW_THRESH, /* u32, bytes: ...until this is reached */
	CNET_A_IPFRAG_TIME_MS,	/* u32, ms a datagram has to come together */
	CNET_A_IPFRAG_MEM,	/* u64, CONF_GET only: bytes held now */
	CNET_A_IPFRAG_QUEUES,	/* u32, CONF_GET only: datagrams pending */
	/* ephemeral ports: CONF_SET takes both, 1 <= LO <= HI */
	CNET_A_LOCAL_PORT_LO,	/* u16, first port bind(0) and connect() pick */
	CNET_A_LOCAL_PORT_HI,	/* u16, last */
	/* SOCK_GET: requests */
	CNET_A_SOCK_KINDS,	/* u32, bit (1 << CNET_SOCK_*) per kind dumped */
	CNET_A_SOCK_STATES,	/* u32, bit (1 << CNET_SOCK_ST_*) per state */
	/* SOCK_GET: what the dump says of a socket (output only) */
	CNET_A_SOCK_KIND,	/* u8, enum cnet_sock_kind */
	CNET_A_SOCK_STATE,	/* u8, enum cnet_sock_state */
	CNET_A_SOCK_PROTOCOL,	/* u8, raw: its IP protocol */
	CNET_A_SOCK_LADDR,	/* be32, local address, 0 for any */
	CNET_A_SOCK_LPORT,	/* u16, local port (ping: the identifier) */
	CNET_A_SOCK_RADDR,	/* be32, peer address, 0 for none */
	CNET_A_SOCK_RPORT,	/* u16, peer port, 0 for none */
	CNET_A_SOCK_RQUEUE,	/* u32, Recv-Q: bytes (see SOCK_GET) */
	CNET_A_SOCK_WQUEUE,	/* u32, Send-Q: bytes (see SOCK_GET) */
	CNET_A_SOCK_UID,	/* u32, owner, in the requester's user ns */
	CNET_A_SOCK_INODE,	/* u64, inode number of the socket (sockfs) */
	/* ...and of a TCP socket, the numbers TCP_INFO gives */
	CNET_A_SOCK_TCP_TIMER,	/* u8, enum cnet_sock_timer pending */
	CNET_A_SOCK_TCP_TIMER_MS, /* u32, ms until it fires */
	CNET_A_SOCK_TCP_RETRANSMITS, /* u8, of the head segment (backoff) */
	CNET_A_SOCK_TCP_RTT_US,	/* u32, smoothed round-trip time */
	CNET_A_SOCK_TCP_RTTVAR_US, /* u32, its variation */
	CNET_A_SOCK_TCP_RTO_US,	/* u32, retransmission timeout */
	CNET_A_SOCK_TCP_SND_MSS, /* u32, MSS it sends with */
	CNET_A_SOCK_TCP_RCV_MSS, /* u32, MSS it estimates the peer's */
	CNET_A_SOCK_TCP_SND_CWND, /* u32, congestion window, segments */
	CNET_A_SOCK_TCP_SND_SSTHRESH, /* u32, slow-start threshold, segments */
	CNET_A_SOCK_TCP_UNACKED, /* u32, segments in flight */
	CNET_A_SOCK_TCP_TOTAL_RETRANS, /* u32, segments retransmitted */
	CNET_A_SOCK_TCP_BYTES_ACKED, /* u64, ours the peer acknowledged */
	CNET_A_SOCK_TCP_BYTES_RECEIVED, /* u64, the peer's we acknowledged */
	/* TCP's TIME-WAIT: settings, then what CONF_GET shows of its state */
	CNET_A_TCP_TW_TIMEOUT_MS, /* u32, ms a connection stays in TIME-WAIT */
	CNET_A_TCP_MAX_TW_BUCKETS, /* u32, TIME-WAIT entries at most */
	CNET_A_TCP_TW_COUNT,	/* u32, CONF_GET only: TIME-WAIT entries now */
	/* TCP's memory, in pages (Linux's tcp_mem): CONF_SET checks that
	 * LOW <= PRESSURE <= HIGH as they will be
	 */
	CNET_A_TCP_MEM_LOW,	/* u32, pressure ends below it */
	CNET_A_TCP_MEM_PRESSURE, /* u32, pressure begins above it */
	CNET_A_TCP_MEM_HIGH,	/* u32, new charges are refused above it */
	CNET_A_TCP_MEM_PAGES,	/* u32, CONF_GET only: pages TCP holds now */
	/* TCP keepalive defaults (TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT) */
	CNET_A_TCP_KEEPALIVE_TIME_S,	/* u32, 1 to 32767 */
	CNET_A_TCP_KEEPALIVE_INTVL_S,	/* u32, 1 to 32767 */
	CNET_A_TCP_KEEPALIVE_PROBES,	/* u32, 1 to 127 */
	/* SYN cookies, as Linux's tcp_syncookies */
	CNET_A_TCP_SYNCOOKIES,	/* u8: 0 never, 1 on SYN queue overflow, 2 always */
	/* string: new sockets' congestion control ("cubic", "reno");
	 * ENOENT for a name there is no algorithm by
	 */
	CNET_A_TCP_CONGESTION,
	CNET_A_SOCK_TCP_CONG,	/* string, SOCK_GET: its congestion control */
	/* TCP timestamps (RFC 7323) offered and accepted: Linux's tcp_timestamps */
	CNET_A_TCP_TIMESTAMPS,		/* u32, 0 or 1 */
	CNET_A_TCP_SACK,		/* u32, 0 or 1: SACK on new connections */
	/* loss detection bits, as Linux's tcp_recovery: 1 RACK-TLP */
	CNET_A_TCP_RECOVERY,		/* u32, 0 or 1, for new connections */
	/* RFC 4821 black-hole detection and MTU probing, as Linux's */
	CNET_A_TCP_MTU_PROBING,		/* u32: 0 off, 1 after a black hole, 2 always */
	CNET_A_TCP_BASE_MSS,		/* u32, 48 to 65495: where probing starts */
	/* ECN (RFC 3168), as Linux's tcp_ecn */
	CNET_A_TCP_ECN,		/* u32: 0 off, 1 ask and accept, 2 accept */
	/* TCP's retries and timeouts, as Linux's sysctls of the same names */
	CNET_A_TCP_SYN_RETRIES,		/* u32, 1 to 127: unless TCP_SYNCNT */
	CNET_A_TCP_SYNACK_RETRIES,	/* u32, 0 to 255: a listener's */
	CNET_A_TCP_RETRIES2,		/* u32, 0 to 255: of data, and probes */
	CNET_A_TCP_ORPHAN_RETRIES,	/* u32, 0 to 255 (0: 8 while alive) */
	CNET_A_TCP_SYN_LINEAR_TIMEOUTS,	/* u32, 0 to 127: a SYN's not doubled */
	CNET_A_TCP_FIN_TIMEOUT_S,	/* u32, 1 to 120: unless TCP_LINGER2 */
	/* ARP, as Linux's net.ipv4.neigh.default.* (names in parentheses) */
	CNET_A_NEIGH_REACHABLE_MS,	/* u32, 1 to INT_MAX (base_reachable_time_ms) */
	CNET_A_NEIGH_RETRANS_MS,	/* u32, 10 to INT_MAX (retrans_time_ms) */
	CNET_A_NEIGH_GC_MS,		/* u32, 0 to INT_MAX (gc_stale_time) */
	CNET_A_NEIGH_DELAY_MS,		/* u32, 1 to INT_MAX (delay_first_probe_time) */
	CNET_A_NEIGH_LOCKTIME_MS,	/* u32, 0 to INT_MAX (locktime) */
	CNET_A_NEIGH_MAX_PROBES,	/* u32, 1 to 255 (mcast_solicit) */
	CNET_A_NEIGH_UCAST_PROBES,	/* u32, 1 to 255 (ucast_solicit) */
	CNET_A_NEIGH_MAX_ENTRIES,	/* u32, 1 to INT_MAX (gc_thresh3) */
	CNET_A_NEIGH_QUEUE_LEN,		/* u32, 0 to INT_MAX: packets held */
	CNET_A_NEIGH_QUEUE_BYTES,	/* u32, 0 to INT_MAX (unres_qlen_bytes) */
	/* duplicate address detection (RFC 5227) */
	CNET_A_DAD_PROBES,		/* u32, 0 to 255 (PROBE_NUM) */
	CNET_A_DAD_INTERVAL_MS,		/* u32, 1 to 3600000 (PROBE_MIN) */
	/* connect() takes TIME-WAIT 4-tuples over, as Linux's tcp_tw_reuse */
	CNET_A_TCP_TW_REUSE,		/* u32: 0 no, 1 yes, 2 loopback only */
	__CNET_A_MAX,
};

#define CNET_A_MAX (__CNET_A_MAX - 1)

enum cnet_neigh_state {
	CNET_NEIGH_INCOMPLETE,	/* request sent, no answer yet */
	CNET_NEIGH_REACHABLE,	/* confirmed recently */
	CNET_NEIGH_STALE,	/* usable, but not confirmed recently */
	CNET_NEIGH_FAILED,	/* resolution failed */
	CNET_NEIGH_DELAY,	/* used while stale: wait, then probe */
	CNET_NEIGH_PROBE,	/* unicast requests to the cached address */
	CNET_NEIGH_PERMANENT,	/* static, configured by the administrator */
	__CNET_NEIGH_MAX,
};

/* Address flags */
#define CNET_IFA_F_TENTATIVE	0x1	/* duplicate address detection runs */
#define CNET_IFA_F_DADFAILED	0x2	/* another host has the address */
#define CNET_IFA_F_NODAD	0x4	/* ADDR_ADD: skip detection */
#define CNET_IFA_F_OPTIMISTIC	0x8	/* with TENTATIVE: usable meanwhile */
#define CNET_IFA_F_DAD		0x10	/* ADDR_ADD: not usable until it ends */

/* Route types */
enum cnet_rt_type {
	CNET_RT_UNSPEC,		/* invalid in a route; "any" when deleting */
	CNET_RT_UNICAST,	/* forward: to the gateway, or on-link */
	CNET_RT_BLACKHOLE,	/* drop silently */
	CNET_RT_UNREACHABLE,	/* drop, ICMP host unreachable */
	CNET_RT_PROHIBIT,	/* drop, ICMP administratively prohibited */
	CNET_RT_LOCAL,		/* ROUTE_GET only: an address of this host */
	CNET_RT_BROADCAST,	/* ROUTE_GET only: a broadcast address */
	__CNET_RT_MAX,
};

/* Route scopes */
enum cnet_rt_scope {
	CNET_RT_SCOPE_GLOBAL,	/* via a gateway (or a non-unicast route) */
	CNET_RT_SCOPE_LINK,	/* destination on the link: a connected route */
	__CNET_RT_SCOPE_MAX,
};

/* Who made a route */
enum cnet_rt_proto {
	CNET_RT_PROTO_STATIC,	/* the administrator */
	CNET_RT_PROTO_KERNEL,	/* the stack: the subnet of an address */
	__CNET_RT_PROTO_MAX,
};

/* SOCK_GET: what a socket is (SOCK_KIND; bit n of SOCK_KINDS) */
enum cnet_sock_kind {
	CNET_SOCK_UNSPEC,
	CNET_SOCK_TCP,		/* SOCK_STREAM */
	CNET_SOCK_UDP,		/* SOCK_DGRAM, IPPROTO_UDP */
	CNET_SOCK_RAW,		/* SOCK_RAW */
	CNET_SOCK_PING,		/* SOCK_DGRAM, IPPROTO_ICMP */
	__CNET_SOCK_MAX,
};

/*
 * SOCK_GET: a socket's state (SOCK_STATE; bit n of SOCK_STATES), the
 * numbers of Linux's TCP_* states (include/net/tcp_states.h) that ss(8)
 * shows. A datagram socket is CLOSE ("UNCONN") or ESTABLISHED (connected).
 */
enum cnet_sock_state {
	CNET_SOCK_ST_UNSPEC,
	CNET_SOCK_ST_ESTABLISHED,
	CNET_SOCK_ST_SYN_SENT,
	CNET_SOCK_ST_SYN_RECV,
	CNET_SOCK_ST_FIN_WAIT1,
	CNET_SOCK_ST_FIN_WAIT2,
	CNET_SOCK_ST_TIME_WAIT,
	CNET_SOCK_ST_CLOSE,
	CNET_SOCK_ST_CLOSE_WAIT,
	CNET_SOCK_ST_LAST_ACK,
	CNET_SOCK_ST_LISTEN,
	CNET_SOCK_ST_CLOSING,
	CNET_SOCK_ST_NEW_SYN_RECV,
	__CNET_SOCK_ST_MAX,
};

/* SOCK_GET: a TCP socket's pending timer (SOCK_TCP_TIMER), as ss(8) */
enum cnet_sock_timer {
	CNET_SOCK_TIMER_OFF,
	CNET_SOCK_TIMER_ON,		/* retransmission (or SYN-ACK) */
	CNET_SOCK_TIMER_KEEPALIVE,
	CNET_SOCK_TIMER_TIMEWAIT,
	CNET_SOCK_TIMER_PROBE,		/* zero-window probe */
	__CNET_SOCK_TIMER_MAX,
};

#endif /* _UAPI_LINUX_CNET_H */
