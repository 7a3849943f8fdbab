/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: HZ as the test kernel has it (CONFIG_HZ=250, Debian's default). */
#ifndef _SHIM_LINUX_PARAM_H
#define _SHIM_LINUX_PARAM_H

#define HZ	250

#endif
