// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 reassembly (RFC 791 3.2): where the fragments of a datagram for
 * this host come together before local delivery. Reassembly itself, with
 * the hole-descriptor algorithm of RFC 815 and a timer per datagram, is to
 * land here; until then every fragment is counted and dropped. Forwarded
 * packets are never reassembled (RFC 1812 5.2.6); fragmenting what we send
 * belongs to output (ip_output.c).
 */
#include <linux/ip.h>

#include "cnet.h"

/**
 * cnet_ip_defrag - a fragment for this host arrived
 * @cn: the namespace
 * @skb: the fragment, data at its IPv4 header, checked by input; consumed
 *	when NULL is returned
 *
 * Called from the receive path, in an RCU read-side section.
 *
 * Return: the whole datagram, ready for local delivery, or NULL when
 * @skb was consumed (kept for a datagram not yet complete, or dropped and
 * counted). Today always NULL: reassembly is not implemented.
 */
struct sk_buff *cnet_ip_defrag(struct cnet_net *cn, struct sk_buff *skb)
{
	cnet_inc(cn, CNET_STAT_IP_DROP_FRAG);
	kfree_skb(skb);
	return NULL;
}
