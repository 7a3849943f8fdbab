/* SPDX-License-Identifier: GPL-2.0 */
/* Before <net/gso.h>, the GSO helpers were in netdevice.h: see ../../compat.h. */
#include <linux/netdevice.h>
