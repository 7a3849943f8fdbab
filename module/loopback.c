// SPDX-License-Identifier: GPL-2.0
/*
 * lo: what this host sends to itself. 127.0.0.0/8 and the host's own
 * addresses are local in every namespace (route.c); output hands such a
 * packet to cnet_lo_xmit(), which queues it, and input takes it up again
 * in softirq as if it had arrived on a device called lo. No device sends
 * or receives it.
 *
 * As Linux's loopback device and its per-CPU backlog (loopback_xmit(),
 * enqueue_to_backlog(), process_backlog()):
 *
 *  - Each namespace has one queue per CPU (struct cnet_lo_queue). The
 *    sender queues on its own CPU, under that queue's lock with bottom
 *    halves off, and schedules the queue's NAPI instance; the queue is
 *    bounded (module parameter lo_queue_len, default CNET_LO_QLEN):
 *    beyond, the packet is dropped and counted (lo_drop_queue_full), and
 *    the sender is not told, as on Linux.
 *  - The NAPI poll runs in NET_RX softirq, never on the sender's call
 *    chain under its locks: a sender in process context sees it run at
 *    the latest when it turns bottom halves back on (inside
 *    cnet_lo_xmit()), a sender in softirq (an echo reply) or holding a
 *    _bh lock after it is done. A sender holding its socket's lock
 *    (lock_sock(), owned) may see the receive path run for that very
 *    socket then, in softirq: as on Linux, the receive path must check
 *    sock_owned_by_user() under bh_lock_sock() and defer to the socket's
 *    backlog (TCP).
 *  - The poll takes the whole input queue under its lock at once and
 *    works through it without the lock, at most a NAPI budget per run.
 *  - A GSO packet (TCP's segment of many MSS, should a route to this
 *    host have given it a size goal beyond its MSS) goes through whole,
 *    as Linux's loopback passes it (NETIF_F_GSO_SOFTWARE): it crosses
 *    no wire, and TCP input takes it as one segment, as it takes a GRO
 *    aggregate. Its checksum may be CHECKSUM_PARTIAL, which input
 *    accepts from a sender in this host (cnet_l4_rcv_csum_ok()).
 *
 * No global lock: queues are per namespace and per CPU. The NAPI instances
 * live on a dummy net_device of the namespace (alloc_netdev_dummy(), never
 * registered). lo itself (cnet_net.lo) borrows the namespace's loopback
 * net_device for its name and index (1), so that IP_PKTINFO and `cnet link
 * show` say "lo" as Linux would; cnet attaches no handler to that device
 * and never transmits on it, so Linux's own stack keeps its loopback.
 *
 * Lifetime: set up at namespace init (every namespace, module load
 * included) and torn down at namespace exit (module unload included),
 * after everything that could send to it has stopped (main.c): the
 * polls are disabled, waiting for one that runs, then what is left in
 * the queues is freed.
 */
#include <linux/moduleparam.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>

#include "cnet.h"

static unsigned int lo_queue_len = CNET_LO_QLEN;
module_param(lo_queue_len, uint, 0644);
MODULE_PARM_DESC(lo_queue_len, "packets one CPU's lo queue holds, per namespace (as Linux's netdev_max_backlog)");

/*
 * Give what the senders queued to IPv4 input, as received on lo. Runs in
 * NET_RX softirq.
 */
static int cnet_lo_poll(struct napi_struct *napi, int budget)
{
	struct cnet_lo_queue *q = container_of(napi, struct cnet_lo_queue,
					       napi);
	struct cnet_net *cn = q->cn;
	struct sk_buff *skb;
	int done = 0;

	while (done < budget) {
		skb = __skb_dequeue(&q->process);
		if (!skb) {
			spin_lock(&q->input.lock);
			skb_queue_splice_tail_init(&q->input, &q->process);
			spin_unlock(&q->input.lock);
			if (skb_queue_empty(&q->process))
				break;
			continue;
		}
		cnet_inc(cn, CNET_STAT_LO_RX);
		/*
		 * Stamped on receipt when some socket wants receive times,
		 * as Linux's receive path does (net_timestamp_check()).
		 */
		skb_clear_delivery_time(skb);
		if (static_branch_unlikely(&netstamp_needed_key) &&
		    !skb->tstamp)
			skb->tstamp = ktime_get_real();
		rcu_read_lock();
		cnet_ip_rcv(&cn->lo, skb);
		rcu_read_unlock();
		done++;
	}
	/* A packet queued meanwhile has marked the NAPI missed: polled again. */
	if (done < budget)
		napi_complete_done(napi, done);
	return done;
}

/**
 * cnet_lo_xmit - send a packet to this host
 * @lo: the namespace's lo (the route's device)
 * @skb: data at its IPv4 header, complete; consumed
 *
 * Any context that may send (process or softirq; not hard interrupt).
 * The sender's send buffer is released here (as Linux's loopback_xmit()):
 * the packet now belongs to the receiving side.
 *
 * Return: 0, also when the queue was full and the packet dropped (counted
 * in lo_drop_queue_full; Linux's loopback does not tell the sender either).
 */
int cnet_lo_xmit(struct cnet_dev *lo, struct sk_buff *skb)
{
	struct cnet_net *cn = lo->cn;
	struct cnet_lo_queue *q;
	unsigned int qlen;

	skb_orphan(skb);
	/* what the sender set is no receive time (the poll stamps it) */
	skb_clear_tstamp(skb);
	skb->dev = lo->dev;
	skb->skb_iif = lo->dev->ifindex;
	skb->protocol = htons(ETH_P_IP);
	skb->pkt_type = PACKET_HOST;
	skb_reset_mac_header(skb);
	skb->mac_len = 0;

	local_bh_disable();
	q = this_cpu_ptr(cn->lo_queues);
	spin_lock(&q->input.lock);
	qlen = skb_queue_len(&q->input) + skb_queue_len_lockless(&q->process);
	if (qlen >= READ_ONCE(lo_queue_len)) {
		spin_unlock(&q->input.lock);
		cnet_inc(cn, CNET_STAT_LO_DROP_QUEUE_FULL);
		kfree_skb(skb);
	} else {
		__skb_queue_tail(&q->input, skb);
		spin_unlock(&q->input.lock);
		cnet_inc(cn, CNET_STAT_LO_TX);
		napi_schedule(&q->napi);
	}
	local_bh_enable();
	return 0;
}

/**
 * cnet_lo_init - set up the namespace's lo
 * @cn: the namespace, its loopback net_device registered already (the
 *	core's pernet device operations run before ours)
 *
 * Return: 0 or -ENOMEM.
 */
int cnet_lo_init(struct cnet_net *cn)
{
	struct cnet_lo_queue *q;
	int cpu;

	cn->lo_napi_dev = alloc_netdev_dummy(0);
	if (!cn->lo_napi_dev)
		return -ENOMEM;
	cn->lo_queues = alloc_percpu(struct cnet_lo_queue);
	if (!cn->lo_queues) {
		free_netdev(cn->lo_napi_dev);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu) {
		q = per_cpu_ptr(cn->lo_queues, cpu);
		skb_queue_head_init(&q->input);
		__skb_queue_head_init(&q->process);
		q->cn = cn;
		netif_napi_add(cn->lo_napi_dev, &q->napi, cnet_lo_poll);
		napi_enable(&q->napi);
	}

	cn->lo.cn = cn;
	cn->lo.dev = cn->net->loopback_dev;
	INIT_LIST_HEAD(&cn->lo.list);
	INIT_LIST_HEAD(&cn->lo.addrs);
	cnet_neigh_dev_parms_init(&cn->lo.neigh);	/* (lo has no ARP) */
	netdev_hold(cn->lo.dev, &cn->lo.dev_tracker, GFP_KERNEL);
	return 0;
}

/**
 * cnet_lo_exit - tear the namespace's lo down
 * @cn: the namespace; nothing may send to lo any more (no socket is left,
 *	no device attached, no timer armed) but lo's own poll
 *
 * Every poll is disabled first (napi_disable() waits for one that runs;
 * what a last poll sends to lo, an echo reply, stays queued), then what
 * the queues hold is freed, then the NAPI instances and their device go.
 */
void cnet_lo_exit(struct cnet_net *cn)
{
	struct cnet_lo_queue *q;
	int cpu;

	for_each_possible_cpu(cpu)
		napi_disable(&per_cpu_ptr(cn->lo_queues, cpu)->napi);
	for_each_possible_cpu(cpu) {
		q = per_cpu_ptr(cn->lo_queues, cpu);
		skb_queue_purge(&q->input);
		__skb_queue_purge(&q->process);
		__netif_napi_del(&q->napi);
	}
	/* __netif_napi_del() unlisted them under RCU: wait once for all */
	synchronize_net();
	free_netdev(cn->lo_napi_dev);
	free_percpu(cn->lo_queues);
	netdev_put(cn->lo.dev, &cn->lo.dev_tracker);
}
