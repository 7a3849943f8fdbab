// SPDX-License-Identifier: GPL-2.0
/*
 * The namespace's counters (stats.h): their names, reading them, and
 * putting them in a netlink message for `cnet stats`.
 */
#include <linux/ctype.h>
#include <linux/stringify.h>
#include <net/netlink.h>

#include "cnet.h"

static const char * const cnet_stat_ids[CNET_STAT_MAX] = {
#define CNET_STAT(id)	__stringify(id),
#include "stats_list.h"
#undef CNET_STAT
};

/**
 * cnet_stat_name - the name of a counter, as `cnet stats` shows it
 * @s: the counter
 * @buf: CNET_STAT_NAME_SIZE bytes for the name: its constant in lower case
 */
void cnet_stat_name(enum cnet_stat s, char *buf)
{
	const char *id = cnet_stat_ids[s];
	unsigned int i;

	for (i = 0; id[i] && i < CNET_STAT_NAME_SIZE - 1; i++)
		buf[i] = tolower(id[i]);
	buf[i] = '\0';
}

/* The sum over all CPUs. Counters only grow; a read may race an increment. */
u64 cnet_stat_read(struct cnet_net *cn, enum cnet_stat s)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu_ptr(cn->stats, cpu)->v[s]);
	return sum;
}

/**
 * cnet_stats_msg_size - room cnet_stats_fill() needs, at most
 *
 * Every counter with the longest name: a reply sized by this holds them
 * all, however many stats_list.h lists (a page no longer does).
 */
size_t cnet_stats_msg_size(void)
{
	return nla_total_size(0) +
	       CNET_STAT_MAX * (nla_total_size(0) +
				nla_total_size(CNET_STAT_NAME_SIZE) +
				nla_total_size_64bit(sizeof(u64)));
}

/**
 * cnet_stats_fill - put every counter of @cn into @skb as a STATS nest
 * @skb: the netlink message being built
 * @cn: the namespace
 *
 * Return: 0, or -EMSGSIZE (nothing added) when @skb has no room.
 */
int cnet_stats_fill(struct sk_buff *skb, struct cnet_net *cn)
{
	char name[CNET_STAT_NAME_SIZE];
	struct nlattr *stats, *stat;
	unsigned int i;

	stats = nla_nest_start(skb, CNET_A_STATS);
	if (!stats)
		return -EMSGSIZE;
	for (i = 0; i < CNET_STAT_MAX; i++) {
		cnet_stat_name(i, name);
		stat = nla_nest_start(skb, CNET_A_STAT);
		if (!stat || nla_put_string(skb, CNET_A_STAT_NAME, name) ||
		    nla_put_u64_64bit(skb, CNET_A_STAT_VALUE,
				      cnet_stat_read(cn, i), CNET_A_PAD))
			goto cancel;
		nla_nest_end(skb, stat);
	}
	nla_nest_end(skb, stats);
	return 0;
cancel:
	nla_nest_cancel(skb, stats);
	return -EMSGSIZE;
}
