// SPDX-License-Identifier: GPL-2.0
/*
 * TCP's out-of-order queue, pure (tcp_ofo.h). No skb, no lock: the glue
 * serialises calls on one queue with the socket lock.
 */
#include "tcp_ofo.h"
#include "tcp_seq.h"

void cnet_tcp_ofo_init(struct cnet_tcp_ofo *q)
{
	*q = (struct cnet_tcp_ofo){ .root = RB_ROOT };
}

/* stub: filled in by the next commits */
enum cnet_tcp_ofo_res
cnet_tcp_ofo_insert(struct cnet_tcp_ofo *q, struct cnet_tcp_ofo_seg *seg,
		    void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		    void *arg)
{
	return CNET_TCP_OFO_COVERED;
}

struct cnet_tcp_ofo_seg *
cnet_tcp_ofo_pop(struct cnet_tcp_ofo *q, u32 rcv_nxt, u32 *skip,
		 void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		 void *arg)
{
	return NULL;
}

u32 cnet_tcp_ofo_prune(struct cnet_tcp_ofo *q, u32 target,
		       void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
		       void *arg)
{
	return 0;
}

unsigned int cnet_tcp_ofo_blocks(const struct cnet_tcp_ofo *q, u32 recent,
				 struct cnet_tcp_ofo_range *out,
				 unsigned int max)
{
	return 0;
}

void cnet_tcp_ofo_purge(struct cnet_tcp_ofo *q,
			void (*drop)(struct cnet_tcp_ofo_seg *s, void *arg),
			void *arg)
{
}
