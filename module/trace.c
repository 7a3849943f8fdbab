// SPDX-License-Identifier: GPL-2.0
/*
 * cnet's tracepoints (cnet_trace.h) are made here, once, and the one
 * cnet_inc() calls when its event is on.
 */
#define CREATE_TRACE_POINTS
#include "cnet_trace.h"

/* Out of line: cnet_inc() is inline everywhere, its event is not. */
void cnet_trace_count(const struct cnet_net *cn, enum cnet_stat s)
{
	trace_cnet_count(cn, s);
}
