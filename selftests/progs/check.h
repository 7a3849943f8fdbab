/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP-style checks for the test programs (one translation unit each):
 * CHECK() prints "ok N what" or "not ok N what" and remembers a failure
 * in @failed, which the program turns into its exit status.
 */
#ifndef CNET_SELFTESTS_CHECK_H
#define CNET_SELFTESTS_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>

static int failed, n;

#define CHECK(cond, ...) do {						\
	n++;								\
	if (cond) {							\
		printf("ok %d ", n);					\
	} else {							\
		printf("not ok %d ", n);				\
		failed = 1;						\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

/* Expect call to fail with errno want. */
#define EXPECT_ERR(call, want, what) do {				\
	errno = 0;							\
	long __r = (call);						\
	CHECK(__r < 0 && errno == (want), "%s: %s (got %ld, %s)",	\
	      what, strerror(want), __r, strerror(errno));		\
} while (0)

#endif /* CNET_SELFTESTS_CHECK_H */
