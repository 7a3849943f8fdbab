/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The self-tests' assertions: CHECK(cond, fmt, ...) counts a check and,
 * when @cond is false, counts a failure and prints "FAIL file:line: " and
 * the message on stderr; the test goes on. check_summary() ends a test.
 */
#ifndef CNET_TOOLS_TESTS_CHECK_H
#define CNET_TOOLS_TESTS_CHECK_H

extern int checks;
extern int failures;

#define CHECK(cond, ...)						\
	do {								\
		checks++;						\
		if (!(cond))						\
			check_failed(__FILE__, __LINE__, __VA_ARGS__);	\
	} while (0)

void check_failed(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * "NAME: N checks, M failures" on stderr; returns the exit status, 0 when
 * nothing failed.
 */
int check_summary(const char *name);

#endif /* CNET_TOOLS_TESTS_CHECK_H */
