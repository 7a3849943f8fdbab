/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-network-namespace counters: every packet in and out, every drop by
 * reason. They are listed once, in stats_list.h, which makes the enum here
 * and the names netlink and `cnet stats` show (stats.c). A counter's name
 * is its constant without CNET_STAT_, in lower case, and follows one
 * scheme, grouped by layer:
 *
 *   LAYER_rx, LAYER_tx            packets a layer received and sent
 *   LAYER_KIND_rx, LAYER_KIND_tx  one kind of message received or sent
 *   LAYER_drop_REASON             packets dropped, by reason
 *   icmp_nosend_REASON            ICMP errors not sent, by reason
 *   LAYER_EVENT                   something else worth counting
 */
#ifndef _CNET_STATS_H
#define _CNET_STATS_H

#include <linux/types.h>

enum cnet_stat {
#define CNET_STAT(id)	CNET_STAT_##id,
#include "stats_list.h"
#undef CNET_STAT
	CNET_STAT_MAX
};

/* Room for the longest name and its NUL; a KUnit test checks they fit. */
#define CNET_STAT_NAME_SIZE	32

void cnet_stat_name(enum cnet_stat s, char *buf);

#endif /* _CNET_STATS_H */
