/* SPDX-License-Identifier: GPL-2.0 */
/* Before 6.11, the skb fragment references were in skbuff.h: see ../../compat.h. */
#include <linux/skbuff.h>
