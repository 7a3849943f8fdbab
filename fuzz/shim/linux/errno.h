/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: the uapi errno values are all the pure files use. */
#include_next <linux/errno.h>
