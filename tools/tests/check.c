// SPDX-License-Identifier: GPL-2.0
/* The self-tests' assertions; see check.h. */
#include <stdarg.h>
#include <stdio.h>

#include "check.h"

int checks;
int failures;

void check_failed(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	failures++;
	fprintf(stderr, "FAIL %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int check_summary(const char *name)
{
	fprintf(stderr, "%s: %d checks, %d failures\n", name, checks,
		failures);
	return failures ? 1 : 0;
}
