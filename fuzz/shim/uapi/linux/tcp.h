/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: the system's copy of the uapi header. */
#include <linux/tcp.h>
