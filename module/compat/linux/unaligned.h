/* SPDX-License-Identifier: GPL-2.0 */
/* Before 6.12, <linux/unaligned.h> was <asm/unaligned.h>: see ../../compat.h. */
#include <asm/unaligned.h>
