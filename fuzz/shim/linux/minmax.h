/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim: min(), max() and their _t forms. Like the kernel's, min() and
 * max() refuse operands of different types (the comparison of the
 * pointers below warns), so code that builds here builds there.
 */
#ifndef _SHIM_LINUX_MINMAX_H
#define _SHIM_LINUX_MINMAX_H

#define __shim_cmp(a, b, op) ({			\
	typeof(a) _a = (a);			\
	typeof(b) _b = (b);			\
	(void)(&_a == &_b);			\
	_a op _b ? _a : _b; })

#define min(a, b)		__shim_cmp(a, b, <)
#define max(a, b)		__shim_cmp(a, b, >)
#define min_t(t, a, b)		__shim_cmp((t)(a), (t)(b), <)
#define max_t(t, a, b)		__shim_cmp((t)(a), (t)(b), >)
#define clamp(v, lo, hi)	min(max(v, lo), hi)

#endif
