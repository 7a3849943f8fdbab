// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP (RFC 792, RFC 1122 3.2.2): checksum verification (before raw
 * sockets get their copies, ip_input.c), echo replies, delivery to ping
 * sockets, and errors: sending them, rate limited per peer and in all, and handing
 * the ones that arrive to the sockets they concern (cnet_ip_err_deliver()).
 */
#include <linux/hash.h>
#include <linux/icmp.h>
#include <linux/if_vlan.h>
#include <linux/ip.h>
#include <net/checksum.h>

#include "cnet.h"

/*
 * Answer an echo request with the same identifier, sequence and data. The
 * request becomes the reply: its ICMP header is made private and writable
 * (a raw socket may hold a clone), the type changes with an incremental
 * checksum update (RFC 1624; the checksum was verified on input), and
 * what the packet carried from its way in (timestamp, mark, conntrack, and
 * the VLAN tag, which scrubbing keeps) is cleared before it goes out
 * again. Consumes @skb.
 */
static void cnet_icmp_echo_reply(struct cnet_net *cn, struct sk_buff *skb)
{
	struct cnet_flow fl = {
		.daddr	= ip_hdr(skb)->saddr,
		.saddr	= ip_hdr(skb)->daddr,
		.proto	= IPPROTO_ICMP,
	};
	struct icmphdr *icmph;
	__be16 old;

	if (skb_ensure_writable(skb, sizeof(*icmph)) ||
	    skb_cow_head(skb, LL_MAX_HEADER + sizeof(struct iphdr))) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		kfree_skb(skb);
		return;
	}
	icmph = (struct icmphdr *)skb->data;
	old = *(__be16 *)icmph;		/* type and code, one checksum word */
	icmph->type = ICMP_ECHOREPLY;
	icmph->code = 0;
	csum_replace2(&icmph->checksum, old, *(__be16 *)icmph);

	skb_scrub_packet(skb, true);
	__vlan_hwaccel_clear_tag(skb);
	skb->ip_summed = CHECKSUM_NONE;
	cnet_inc(cn, CNET_STAT_ICMP_TX);
	cnet_inc(cn, CNET_STAT_ICMP_ECHO_REPLY_TX);
	cnet_ip_output_flow(cn, skb, &fl);
}

/* ---- sending errors --------------------------------------------------- */

/**
 * struct cnet_icmp_peer - the error rate limit towards one address
 * @node: in cnet_icmp_peers.hash
 * @addr: the peer
 * @lock: protects @tb
 * @tb: its token bucket
 * @rcu: for freeing after readers are done
 */
struct cnet_icmp_peer {
	struct hlist_node	node;
	__be32			addr;
	spinlock_t		lock;	/* see above */
	struct cnet_tb		tb;
	struct rcu_head		rcu;
};

void cnet_icmp_net_init(struct cnet_net *cn)
{
	struct cnet_icmp_peers *p = &cn->icmp_peers;
	unsigned int i;

	spin_lock_init(&p->lock);
	for (i = 0; i < ARRAY_SIZE(p->hash); i++)
		INIT_HLIST_HEAD(&p->hash[i]);
	spin_lock_init(&p->global_lock);
}

/* Free every peer. Nothing can send errors in this namespace any more. */
void cnet_icmp_net_exit(struct cnet_net *cn)
{
	struct cnet_icmp_peers *p = &cn->icmp_peers;
	struct cnet_icmp_peer *peer;
	struct hlist_node *tmp;
	unsigned int i;

	spin_lock_bh(&p->lock);
	for (i = 0; i < ARRAY_SIZE(p->hash); i++) {
		hlist_for_each_entry_safe(peer, tmp, &p->hash[i], node) {
			hlist_del_rcu(&peer->node);
			kfree_rcu(peer, rcu);
		}
	}
	p->count = 0;
	spin_unlock_bh(&p->lock);
}

static struct hlist_head *cnet_icmp_peer_bucket(struct cnet_icmp_peers *p,
						__be32 addr)
{
	return &p->hash[hash_32((__force u32)addr, CNET_ICMP_PEER_HASH_BITS)];
}

static void cnet_icmp_peer_del(struct cnet_icmp_peers *p,
			       struct cnet_icmp_peer *peer)
{
	hlist_del_rcu(&peer->node);
	kfree_rcu(peer, rcu);
	p->count--;
}

/*
 * The table is full and a new peer comes: drop the peers whose buckets
 * are full again (forgetting them changes nothing); if none is, drop the
 * fullest, which gives away the least. A flood from spoofed sources then
 * churns through its own entries, each with its own bucket, while a peer
 * being limited keeps its empty bucket and a new peer gets one of its own
 * (not a bucket shared by all that came late, which the flood would keep
 * empty). What the flood costs everyone is the global limit's business.
 * O(CNET_ICMP_PEERS_MAX), only when full. Caller holds the table lock.
 */
static void cnet_icmp_peers_gc(struct cnet_net *cn, unsigned long now,
			       unsigned long rate, u32 burst)
{
	struct cnet_icmp_peers *p = &cn->icmp_peers;
	struct cnet_icmp_peer *peer, *fullest = NULL;
	struct hlist_node *tmp;
	u32 level, most = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(p->hash); i++) {
		hlist_for_each_entry_safe(peer, tmp, &p->hash[i], node) {
			spin_lock(&peer->lock);
			level = cnet_tb_level(&peer->tb, now, rate, burst);
			spin_unlock(&peer->lock);
			if (level >= max(burst, 1U)) {
				cnet_icmp_peer_del(p, peer);
			} else if (!fullest || level > most) {
				fullest = peer;
				most = level;
			}
		}
	}
	if (p->count >= CNET_ICMP_PEERS_MAX && fullest) {
		cnet_icmp_peer_del(p, fullest);
		cnet_inc(cn, CNET_STAT_ICMP_PEERS_FULL);
	}
}

/*
 * May one more rate-limited error go to @addr? Per-peer token buckets
 * (cn->icmp_ratelimit_ms per token, cn->icmp_burst saved). Caller holds RCU.
 */
static bool cnet_icmp_peer_allow(struct cnet_net *cn, __be32 addr)
{
	unsigned long rate = msecs_to_jiffies(READ_ONCE(cn->icmp_ratelimit_ms));
	u32 burst = READ_ONCE(cn->icmp_burst);
	struct cnet_icmp_peers *p = &cn->icmp_peers;
	struct hlist_head *head = cnet_icmp_peer_bucket(p, addr);
	unsigned long now = jiffies;
	struct cnet_icmp_peer *peer;
	bool ok;

	if (!rate)
		return true;
	hlist_for_each_entry_rcu(peer, head, node)
		if (peer->addr == addr)
			goto found;

	spin_lock_bh(&p->lock);
	/* another CPU may have added it meanwhile */
	hlist_for_each_entry(peer, head, node)
		if (peer->addr == addr)
			goto found_locked;
	if (p->count >= CNET_ICMP_PEERS_MAX)
		cnet_icmp_peers_gc(cn, now, rate, burst);
	peer = kzalloc(sizeof(*peer), GFP_ATOMIC);
	if (!peer) {
		/* no error rather than one no bucket limits */
		spin_unlock_bh(&p->lock);
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		return false;
	}
	peer->addr = addr;
	spin_lock_init(&peer->lock);
	hlist_add_head_rcu(&peer->node, head);
	p->count++;
found_locked:
	spin_unlock_bh(&p->lock);
found:
	spin_lock_bh(&peer->lock);
	ok = cnet_tb_allow(&peer->tb, now, rate, burst);
	spin_unlock_bh(&peer->lock);
	return ok;
}

/*
 * The namespace's limit on rate-limited errors, whoever they go to, as
 * Linux's icmp_msgs_per_sec and icmp_msgs_burst (their defaults; not
 * settings yet). A flood from many sources, each within its own peer's
 * limit, is held to this many errors a second in all.
 */
#define CNET_ICMP_MSGS_PER_SEC	1000
#define CNET_ICMP_MSGS_BURST	50

/*
 * May one more rate-limited error go to @addr? A token of the global
 * bucket must be there, then the peer's bucket must give one; the global
 * token is taken only then, so that errors the peer's limit holds back do
 * not use up everyone's (as Linux's icmp_global_allow() and
 * icmp_global_consume()). Two CPUs may both see the last global token:
 * one error too many, as in Linux. Each refusal is counted by its reason.
 */
static bool cnet_icmp_ratelimit_allow(struct cnet_net *cn, __be32 addr)
{
	struct cnet_icmp_peers *p = &cn->icmp_peers;
	unsigned long now = jiffies;
	bool ok;

	spin_lock_bh(&p->global_lock);
	ok = cnet_tb_ps_ready(&p->global, now, CNET_ICMP_MSGS_PER_SEC,
			      CNET_ICMP_MSGS_BURST);
	spin_unlock_bh(&p->global_lock);
	if (!ok) {
		cnet_inc(cn, CNET_STAT_ICMP_NOSEND_GLOBAL_LIMIT);
		return false;
	}
	if (!cnet_icmp_peer_allow(cn, addr)) {
		cnet_inc(cn, CNET_STAT_ICMP_NOSEND_RATELIMIT);
		return false;
	}
	spin_lock_bh(&p->global_lock);
	cnet_tb_take(&p->global);
	spin_unlock_bh(&p->global_lock);
	return true;
}

/*
 * The types Linux's default icmp_ratemask limits, but not frag needed; and
 * redirects, which Linux limits with its own backoff (ip_rt_send_redirect):
 * here they share the peer's bucket, so a host that keeps using the wrong
 * router is not answered with a redirect per packet.
 */
static bool cnet_icmp_rate_limited(u8 type, u8 code)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
		return code != ICMP_FRAG_NEEDED;
	case ICMP_REDIRECT:
	case ICMP_SOURCE_QUENCH:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	default:
		return false;
	}
}

static const u8 cnet_icmp_verdict_stat[] = {
	[CNET_ICMP_ERR_IS_ERROR]	= CNET_STAT_ICMP_NOSEND_IS_ERROR,
	[CNET_ICMP_ERR_L2_BCAST]	= CNET_STAT_ICMP_NOSEND_L2_BCAST,
	[CNET_ICMP_ERR_DST_BCAST]	= CNET_STAT_ICMP_NOSEND_DST_BCAST,
	[CNET_ICMP_ERR_DST_MCAST]	= CNET_STAT_ICMP_NOSEND_DST_MCAST,
	[CNET_ICMP_ERR_FRAGMENT]	= CNET_STAT_ICMP_NOSEND_FRAGMENT,
	[CNET_ICMP_ERR_BAD_SRC]		= CNET_STAT_ICMP_NOSEND_BAD_SRC,
};

static void cnet_icmp_count_tx(struct cnet_net *cn, u8 type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
		cnet_inc(cn, CNET_STAT_ICMP_DEST_UNREACH_TX);
		break;
	case ICMP_SOURCE_QUENCH:
		cnet_inc(cn, CNET_STAT_ICMP_SOURCE_QUENCH_TX);
		break;
	case ICMP_REDIRECT:
		cnet_inc(cn, CNET_STAT_ICMP_REDIRECT_TX);
		break;
	case ICMP_TIME_EXCEEDED:
		cnet_inc(cn, CNET_STAT_ICMP_TIME_EXCEEDED_TX);
		break;
	case ICMP_PARAMETERPROB:
		cnet_inc(cn, CNET_STAT_ICMP_PARAMPROB_TX);
		break;
	}
}

/**
 * cnet_icmp_send_error - send an ICMP error about a packet
 * @cn: the namespace
 * @skb_in: the offending packet, its network header at the IPv4 header
 *	(whose first 20 bytes are linear, as after input checks); not changed
 * @type: ICMP type (an error type)
 * @code: ICMP code
 * @info: the rest of the ICMP header, network order, as icmp_send() takes
 *	it: htonl(mtu) for fragmentation needed, the gateway for a redirect,
 *	htonl(pointer << 24) for a parameter problem, else 0
 *
 * Nothing is sent about packets RFC 1122 3.2.2 rules out, nor beyond the
 * per-peer and global rate limits (which errors to this host itself, by
 * lo, are not subject to); each such case is counted. The error quotes the
 * offending header and as much of its data as fits in 576 bytes. Callable
 * from any context that may send (softirq included).
 */
void cnet_icmp_send_error(struct cnet_net *cn, struct sk_buff *skb_in,
			  u8 type, u8 code, __be32 info)
{
	int noff = skb_network_offset(skb_in);
	u8 head[60 + CNET_ICMP_QUOTE_MIN_DATA];
	enum cnet_icmp_err_verdict v;
	unsigned int hlen, avail, qlen;
	struct cnet_flow fl;
	const struct iphdr *iph;
	struct icmphdr *icmph;
	struct sk_buff *nskb;
	__be32 saddr = 0;
	int nlen;

	/* bytes from the offending IPv4 header to the end of the packet */
	nlen = (int)skb_in->len - noff;
	if (nlen < (int)sizeof(*iph))
		return;
	avail = min_t(unsigned int, nlen, sizeof(head));
	if (skb_copy_bits(skb_in, noff, head, avail))
		return;
	iph = (const struct iphdr *)head;
	hlen = iph->ihl * 4;
	if (iph->version != 4 || hlen < sizeof(*iph) || hlen > avail)
		return;
	/* as much as we have of the datagram, not the link's padding */
	avail = min_t(unsigned int, nlen, ntohs(iph->tot_len));
	if (avail < hlen)
		return;

	rcu_read_lock();
	v = cnet_icmp_error_allowed(iph, head + hlen,
				    min_t(unsigned int, avail, sizeof(head)) - hlen,
				    skb_in->pkt_type == PACKET_BROADCAST ||
				    skb_in->pkt_type == PACKET_MULTICAST,
				    cnet_addr_is_bcast_any(cn, iph->daddr));
	if (v != CNET_ICMP_ERR_OK) {
		cnet_inc(cn, cnet_icmp_verdict_stat[v]);
		goto out;
	}
	/* No limit on errors to this host, as Linux's for those by lo */
	if (cnet_icmp_rate_limited(type, code) &&
	    !cnet_ip_is_local(cn, iph->saddr) &&
	    !cnet_icmp_ratelimit_allow(cn, iph->saddr))
		goto out;
	/* Answer from the address the packet was sent to, if it is ours. */
	if (cnet_ip_is_local(cn, iph->daddr))
		saddr = iph->daddr;

	qlen = cnet_icmp_quote_len(hlen, avail);
	nskb = alloc_skb(LL_MAX_HEADER + sizeof(struct iphdr) +
			 sizeof(*icmph) + qlen, GFP_ATOMIC);
	if (!nskb) {
		cnet_inc(cn, CNET_STAT_MEM_DROP_NOMEM);
		goto out;
	}
	skb_reserve(nskb, LL_MAX_HEADER + sizeof(struct iphdr));
	icmph = skb_put(nskb, sizeof(*icmph) + qlen);
	if (skb_copy_bits(skb_in, noff, icmph + 1, qlen)) {
		kfree_skb(nskb);
		goto out;
	}
	cnet_icmp_err_hdr_build(icmph, type, code, info, qlen);

	cnet_inc(cn, CNET_STAT_ICMP_TX);
	cnet_icmp_count_tx(cn, type);
	fl = (struct cnet_flow){
		.daddr	= iph->saddr,
		.saddr	= saddr,
		.proto	= IPPROTO_ICMP,
	};
	cnet_ip_output_flow(cn, nskb, &fl);
out:
	rcu_read_unlock();
}

/*
 * An ICMP error arrived (data at its ICMP header, checksum verified): make
 * the quoted IPv4 header and the 8 bytes after it linear, check them,
 * learn the path MTU from a fragmentation needed (pmtu.c), and tell the
 * sockets whose packet it was.
 */
static int cnet_icmp_err_rcv(struct cnet_net *cn, struct sk_buff *skb)
{
	unsigned int need = sizeof(struct icmphdr) + sizeof(struct iphdr);
	struct cnet_icmp_err e;

	cnet_inc(cn, CNET_STAT_ICMP_ERR_RX);
	/* An error sent to a broadcast address is bogus (Linux drops it). */
	if (!cnet_ip_is_local(cn, ip_hdr(skb)->daddr)) {
		cnet_inc(cn, CNET_STAT_ICMP_DROP_ERR_BCAST);
		kfree_skb(skb);
		return NET_RX_DROP;
	}
	if (!pskb_may_pull(skb, need))
		goto bad;
	need += ((struct iphdr *)(skb->data + sizeof(struct icmphdr)))->ihl * 4 -
		sizeof(struct iphdr) + CNET_ICMP_QUOTE_MIN_DATA;
	if (need > skb->len || !pskb_may_pull(skb, need))
		goto bad;
	if (!cnet_icmp_err_parse(skb->data, skb_headlen(skb), &e))
		goto bad;
	/*
	 * The path MTU first: a socket told of the error can ask for it. A
	 * TCP connection learns it itself, once the quoted sequence number
	 * shows the error is about what it sent (RFC 5927, cnet_tcp_err()).
	 */
	if (e.type == ICMP_DEST_UNREACH && e.code == ICMP_FRAG_NEEDED &&
	    e.proto != IPPROTO_TCP)
		cnet_pmtu_frag_needed(cn, (struct icmphdr *)skb->data, &e);
	cnet_ip_err_deliver(cn, skb, &e);
	consume_skb(skb);
	return 0;
bad:
	cnet_inc(cn, CNET_STAT_ICMP_DROP_ERR_BAD_QUOTE);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * cnet_icmp_check - is this a whole ICMP message with a valid checksum?
 * @cn: the namespace
 * @skb: data at the ICMP header, network header set; not consumed
 *
 * Local delivery asks before raw sockets get their copies, so that they
 * see only valid messages (ip_input.c); on false, it frees the packet.
 *
 * Return: true if it is, else false with the reason counted.
 */
bool cnet_icmp_check(struct cnet_net *cn, struct sk_buff *skb)
{
	cnet_inc(cn, CNET_STAT_ICMP_RX);
	if (!pskb_may_pull(skb, sizeof(struct icmphdr))) {
		cnet_inc(cn, CNET_STAT_ICMP_DROP_SHORT);
		return false;
	}
	/* The checksum covers the whole message, with no pseudo-header. */
	if (csum_fold(skb_checksum(skb, 0, skb->len, 0))) {
		cnet_inc(cn, CNET_STAT_ICMP_DROP_CSUM);
		return false;
	}
	return true;
}

/**
 * cnet_icmp_rcv - receive an ICMP message
 * @cd: the device it arrived on
 * @skb: data at the ICMP header, network header set, accepted by
 *	cnet_icmp_check(); consumed
 */
int cnet_icmp_rcv(struct cnet_dev *cd, struct sk_buff *skb)
{
	const struct icmphdr *icmph = icmp_hdr(skb);
	struct cnet_net *cn = cd->cn;

	switch (icmph->type) {
	case ICMP_ECHO:
		cnet_inc(cn, CNET_STAT_ICMP_ECHO_REQ_RX);
		/* Like Linux's icmp_echo_ignore_broadcasts=1 (RFC 1122 3.2.2.6) */
		if (!cnet_ip_is_local(cn, ip_hdr(skb)->daddr)) {
			cnet_inc(cn, CNET_STAT_ICMP_DROP_BCAST_ECHO);
			goto drop;
		}
		cnet_icmp_echo_reply(cn, skb);
		return 0;
	case ICMP_ECHOREPLY:
		cnet_inc(cn, CNET_STAT_ICMP_ECHO_REPLY_RX);
		if (cnet_ping_deliver(cn, skb))
			return 0;
		cnet_inc(cn, CNET_STAT_ICMP_DROP_NO_SOCKET);
		goto drop;
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return cnet_icmp_err_rcv(cn, skb);
	default:
		break;
	}
	consume_skb(skb);
	return 0;
drop:
	kfree_skb(skb);
	return NET_RX_DROP;
}
