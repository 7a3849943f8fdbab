/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim: min(), max() and their _t forms. Like the kernel's, min() and
 * max() refuse operands of different types (the comparison of the
 * pointers below warns), so code that builds here builds there.
 */
#ifndef _SHIM_LINUX_MINMAX_H
#define _SHIM_LINUX_MINMAX_H

#include <linux/limits.h>
#include <linux/types.h>

#define __shim_cmp(a, b, op) ({			\
	typeof(a) _a = (a);			\
	typeof(b) _b = (b);			\
	(void)(&_a == &_b);			\
	_a op _b ? _a : _b; })

#define min(a, b)		__shim_cmp(a, b, <)
#define max(a, b)		__shim_cmp(a, b, >)
#define min_t(t, a, b)		__shim_cmp((t)(a), (t)(b), <)
#define max_t(t, a, b)		__shim_cmp((t)(a), (t)(b), >)
#define min3(a, b, c)		min(min(a, b), c)
#define max3(a, b, c)		max(max(a, b), c)
#define umin(a, b)		min_t(unsigned long long, a, b)
#define umax(a, b)		max_t(unsigned long long, a, b)
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define clamp_t(t, v, lo, hi)	min_t(t, max_t(t, v, lo), hi)
#define clamp_val(v, lo, hi)	clamp_t(typeof(v), v, lo, hi)
#define min_not_zero(a, b) ({					\
	typeof(a) _x = (a);					\
	typeof(b) _y = (b);					\
	_x == 0 ? _y : (_y == 0 ? _x : min(_x, _y)); })

#endif
