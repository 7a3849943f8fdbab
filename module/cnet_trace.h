/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet's tracepoints: what the stack does with a packet, step by step, for
 * `cnet trace`, perf and bpftrace (events/cnet/ in tracefs). Each event
 * carries the network namespace's inode number (as `ls -L /proc/PID/ns/net`
 * or `lsns` show it) so that a reader can keep to one namespace with a
 * filter ("netns == N"), which is what `cnet trace` does.
 *
 *	cnet_rx		an IPv4 packet passed input's checks (ip_input.c)
 *	cnet_route	an output route lookup and its answer (route.c)
 *	cnet_forward	a packet forwarded, after its TTL went down (forward.c)
 *	cnet_neigh	an ARP entry made, changed or deleted (neigh.c)
 *	cnet_xmit	a frame handed to a device (dev.c)
 *	cnet_tcp_state	a TCP connection changed state (tcp_sock.c)
 *	cnet_count	a counter of `cnet stats` went up: what happened, and
 *			every drop by its reason (cnet.h's cnet_inc())
 *
 * Disabled, a tracepoint is a patched-out jump: nothing on the data path.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM cnet

#if !defined(_CNET_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _CNET_TRACE_H

#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/tracepoint.h>
#include <net/tcp_states.h>
#include <net/net_namespace.h>

#include "cnet.h"
#include "ip_hdr.h"

#ifndef CNET_TRACE_HELPERS
#define CNET_TRACE_HELPERS
/* "A.B.C.D:PORT", or "A.B.C.D" without a port */
#define CNET_TRACE_ADDR_SIZE	sizeof("255.255.255.255:65535")

static inline void cnet_trace_addr(char *buf, const __be32 *addr, u16 port)
{
	if (port)
		snprintf(buf, CNET_TRACE_ADDR_SIZE, "%pI4:%u", addr, port);
	else
		snprintf(buf, CNET_TRACE_ADDR_SIZE, "%pI4", addr);
}
#endif

/* Names for perf and bpftrace, which read the format files. */
#define CNET_TCP_STATE_NAMES					\
	{ TCP_ESTABLISHED, "ESTABLISHED" },			\
	{ TCP_SYN_SENT, "SYN_SENT" },				\
	{ TCP_SYN_RECV, "SYN_RECV" },				\
	{ TCP_FIN_WAIT1, "FIN_WAIT1" },				\
	{ TCP_FIN_WAIT2, "FIN_WAIT2" },				\
	{ TCP_TIME_WAIT, "TIME_WAIT" },				\
	{ TCP_CLOSE, "CLOSE" },					\
	{ TCP_CLOSE_WAIT, "CLOSE_WAIT" },			\
	{ TCP_LAST_ACK, "LAST_ACK" },				\
	{ TCP_LISTEN, "LISTEN" },				\
	{ TCP_CLOSING, "CLOSING" },				\
	{ TCP_NEW_SYN_RECV, "NEW_SYN_RECV" }

TRACE_DEFINE_ENUM(TCP_ESTABLISHED);
TRACE_DEFINE_ENUM(TCP_SYN_SENT);
TRACE_DEFINE_ENUM(TCP_SYN_RECV);
TRACE_DEFINE_ENUM(TCP_FIN_WAIT1);
TRACE_DEFINE_ENUM(TCP_FIN_WAIT2);
TRACE_DEFINE_ENUM(TCP_TIME_WAIT);
TRACE_DEFINE_ENUM(TCP_CLOSE);
TRACE_DEFINE_ENUM(TCP_CLOSE_WAIT);
TRACE_DEFINE_ENUM(TCP_LAST_ACK);
TRACE_DEFINE_ENUM(TCP_LISTEN);
TRACE_DEFINE_ENUM(TCP_CLOSING);
TRACE_DEFINE_ENUM(TCP_NEW_SYN_RECV);
TRACE_DEFINE_ENUM(CNET_NEIGH_INCOMPLETE);
TRACE_DEFINE_ENUM(CNET_NEIGH_REACHABLE);
TRACE_DEFINE_ENUM(CNET_NEIGH_STALE);
TRACE_DEFINE_ENUM(CNET_NEIGH_DELAY);
TRACE_DEFINE_ENUM(CNET_NEIGH_PROBE);
TRACE_DEFINE_ENUM(CNET_NEIGH_FAILED);
TRACE_DEFINE_ENUM(CNET_NEIGH_PERMANENT);

TRACE_EVENT(cnet_rx,
	TP_PROTO(const struct cnet_dev *cd, const struct sk_buff *skb),
	TP_ARGS(cd, skb),
	TP_STRUCT__entry(
		__field(u32, netns)
		__string(dev, cd->dev->name)
		__array(u8, saddr, 4)
		__array(u8, daddr, 4)
		__field(u16, sport)
		__field(u16, dport)
		__field(u16, len)
		__field(u8, proto)
		__field(u8, ttl)
		__array(char, from, CNET_TRACE_ADDR_SIZE)
		__array(char, to, CNET_TRACE_ADDR_SIZE)
	),
	TP_fast_assign(
		const struct iphdr *iph = ip_hdr(skb);
		unsigned int hl = iph->ihl * 4;
		const __be16 *ports = (const __be16 *)((const u8 *)iph + hl);

		__entry->netns = cd->cn->net->ns.inum;
		cnet_assign_str(dev, cd->dev->name);
		memcpy(__entry->saddr, &iph->saddr, 4);
		memcpy(__entry->daddr, &iph->daddr, 4);
		__entry->len = ntohs(iph->tot_len);
		__entry->proto = iph->protocol;
		__entry->ttl = iph->ttl;
		/* TCP's and UDP's ports: in the linear part of a first fragment */
		__entry->sport = 0;
		__entry->dport = 0;
		if ((iph->protocol == IPPROTO_TCP ||
		     iph->protocol == IPPROTO_UDP) &&
		    !(iph->frag_off & htons(CNET_IP_OFFSET)) &&
		    skb_network_offset(skb) + hl + 4 <= skb_headlen(skb)) {
			__entry->sport = ntohs(ports[0]);
			__entry->dport = ntohs(ports[1]);
		}
		cnet_trace_addr(__entry->from, &iph->saddr, __entry->sport);
		cnet_trace_addr(__entry->to, &iph->daddr, __entry->dport);
	),
	TP_printk("netns=%u dev=%s %s > %s proto=%u len=%u ttl=%u",
		  __entry->netns, __get_str(dev), __entry->from, __entry->to,
		  __entry->proto, __entry->len, __entry->ttl)
);

TRACE_EVENT(cnet_route,
	TP_PROTO(const struct cnet_net *cn, __be32 daddr,
		 const struct cnet_rt_res *res, int err),
	TP_ARGS(cn, daddr, res, err),
	TP_STRUCT__entry(
		__field(u32, netns)
		__array(u8, daddr, 4)
		__array(u8, nexthop, 4)
		__array(u8, saddr, 4)
		__field(int, err)
		__field(u8, plen)
		__field(u8, type)
		__string(dev, res->cd && !err ? res->cd->dev->name : "-")
	),
	TP_fast_assign(
		__entry->netns = cn->net->ns.inum;
		memcpy(__entry->daddr, &daddr, 4);
		memcpy(__entry->nexthop, &res->nexthop, 4);
		memcpy(__entry->saddr, &res->saddr, 4);
		__entry->err = err;
		__entry->plen = res->rt ? res->rt->plen : 32;
		__entry->type = res->type;
		cnet_assign_str(dev, res->cd && !err ? res->cd->dev->name : "-");
	),
	TP_printk("netns=%u to %pI4 via route /%u type=%u dev=%s nexthop=%pI4 src=%pI4 err=%d",
		  __entry->netns, __entry->daddr, __entry->plen,
		  __entry->type, __get_str(dev), __entry->nexthop,
		  __entry->saddr, __entry->err)
);

TRACE_EVENT(cnet_forward,
	TP_PROTO(const struct cnet_dev *in, const struct cnet_dev *out,
		 const struct iphdr *iph, __be32 nexthop),
	TP_ARGS(in, out, iph, nexthop),
	TP_STRUCT__entry(
		__field(u32, netns)
		__string(in, in->dev->name)
		__string(out, out->dev->name)
		__array(u8, saddr, 4)
		__array(u8, daddr, 4)
		__array(u8, nexthop, 4)
		__field(u8, ttl)
	),
	TP_fast_assign(
		__entry->netns = in->cn->net->ns.inum;
		cnet_assign_str(in, in->dev->name);
		cnet_assign_str(out, out->dev->name);
		memcpy(__entry->saddr, &iph->saddr, 4);
		memcpy(__entry->daddr, &iph->daddr, 4);
		memcpy(__entry->nexthop, &nexthop, 4);
		__entry->ttl = iph->ttl;
	),
	TP_printk("netns=%u %pI4 > %pI4 from %s to %s nexthop=%pI4 ttl=%u",
		  __entry->netns, __entry->saddr, __entry->daddr,
		  __get_str(in), __get_str(out), __entry->nexthop,
		  __entry->ttl)
);

TRACE_EVENT(cnet_neigh,
	TP_PROTO(const struct cnet_net *cn, const struct cnet_neigh_info *ni,
		 bool deleted),
	TP_ARGS(cn, ni, deleted),
	TP_STRUCT__entry(
		__field(u32, netns)
		__field(int, ifindex)
		__array(u8, addr, 4)
		__array(u8, lladdr, ETH_ALEN)
		__field(u8, state)
		__field(bool, deleted)
	),
	TP_fast_assign(
		__entry->netns = cn->net->ns.inum;
		__entry->ifindex = ni->ifindex;
		memcpy(__entry->addr, &ni->addr, 4);
		memcpy(__entry->lladdr, ni->lladdr, ETH_ALEN);
		__entry->state = ni->state;
		__entry->deleted = deleted;
	),
	TP_printk("netns=%u ifindex=%d %pI4 lladdr=%pM state=%s%s",
		  __entry->netns, __entry->ifindex, __entry->addr,
		  __entry->lladdr,
		  __print_symbolic(__entry->state,
				   { CNET_NEIGH_INCOMPLETE, "INCOMPLETE" },
				   { CNET_NEIGH_REACHABLE, "REACHABLE" },
				   { CNET_NEIGH_STALE, "STALE" },
				   { CNET_NEIGH_DELAY, "DELAY" },
				   { CNET_NEIGH_PROBE, "PROBE" },
				   { CNET_NEIGH_FAILED, "FAILED" },
				   { CNET_NEIGH_PERMANENT, "PERMANENT" }),
		  __entry->deleted ? " deleted" : "")
);

TRACE_EVENT(cnet_xmit,
	TP_PROTO(const struct cnet_dev *cd, const struct sk_buff *skb,
		 const u8 *dst_mac, __be16 proto),
	TP_ARGS(cd, skb, dst_mac, proto),
	TP_STRUCT__entry(
		__field(u32, netns)
		__string(dev, cd->dev->name)
		__array(u8, dst, ETH_ALEN)
		__array(u8, saddr, 4)
		__array(u8, daddr, 4)
		__field(u16, proto)
		__field(u32, len)
	),
	TP_fast_assign(
		/* data at the network header: IPv4's or ARP's addresses */
		unsigned int off = proto == htons(ETH_P_IP) ? 12 :
				   proto == htons(ETH_P_ARP) ? 14 : 0;
		unsigned int gap = proto == htons(ETH_P_IP) ? 4 : 10;

		__entry->netns = cd->cn->net->ns.inum;
		cnet_assign_str(dev, cd->dev->name);
		memcpy(__entry->dst, dst_mac, ETH_ALEN);
		__entry->proto = ntohs(proto);
		__entry->len = skb->len;
		memset(__entry->saddr, 0, 4);
		memset(__entry->daddr, 0, 4);
		if (off && off + gap + 4 <= skb_headlen(skb)) {
			memcpy(__entry->saddr, skb->data + off, 4);
			memcpy(__entry->daddr, skb->data + off + gap, 4);
		}
	),
	TP_printk("netns=%u dev=%s to %pM ethertype=0x%04x len=%u %pI4 > %pI4",
		  __entry->netns, __get_str(dev), __entry->dst,
		  __entry->proto, __entry->len, __entry->saddr,
		  __entry->daddr)
);

TRACE_EVENT(cnet_tcp_state,
	/* plain values: net/sock.h would clash with neigh.c's names */
	TP_PROTO(const struct net *net, __be32 saddr, u16 sport, __be32 daddr,
		 __be16 dport, int old, int state),
	TP_ARGS(net, saddr, sport, daddr, dport, old, state),
	TP_STRUCT__entry(
		__field(u32, netns)
		__array(u8, saddr, 4)
		__array(u8, daddr, 4)
		__field(u16, sport)
		__field(u16, dport)
		__field(u8, old)
		__field(u8, state)
	),
	TP_fast_assign(
		__entry->netns = net->ns.inum;
		memcpy(__entry->saddr, &saddr, 4);
		memcpy(__entry->daddr, &daddr, 4);
		__entry->sport = sport;
		__entry->dport = ntohs(dport);
		__entry->old = old;
		__entry->state = state;
	),
	TP_printk("netns=%u %pI4:%u > %pI4:%u %s -> %s",
		  __entry->netns, __entry->saddr, __entry->sport,
		  __entry->daddr, __entry->dport,
		  __print_symbolic(__entry->old, CNET_TCP_STATE_NAMES),
		  __print_symbolic(__entry->state, CNET_TCP_STATE_NAMES))
);

TRACE_EVENT(cnet_count,
	TP_PROTO(const struct cnet_net *cn, enum cnet_stat s),
	TP_ARGS(cn, s),
	TP_STRUCT__entry(
		__field(u32, netns)
		__array(char, name, CNET_STAT_NAME_SIZE)
	),
	TP_fast_assign(
		__entry->netns = cn->net->ns.inum;
		cnet_stat_name(s, __entry->name);
	),
	TP_printk("netns=%u %s", __entry->netns, __entry->name)
);

#endif /* _CNET_TRACE_H */

/* This part must be outside the include guard. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE cnet_trace
#include <trace/define_trace.h>
