/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: libc's string functions, and what the kernel's string.h brings. */
#ifndef _SHIM_LINUX_STRING_H
#define _SHIM_LINUX_STRING_H

#include <string.h>
#include <linux/array_size.h>
#include <linux/compiler.h>
#include <linux/types.h>

#endif
