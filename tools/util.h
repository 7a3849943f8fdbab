/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What cnet, cnet-ping and cnet-traceroute all need: exit statuses, error
 * messages and usage errors, strict number and time parsing, clocks.
 */
#ifndef CNET_TOOLS_UTIL_H
#define CNET_TOOLS_UTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define NSEC_PER_USEC		1000LL
#define NSEC_PER_MSEC		1000000LL
#define NSEC_PER_SEC		1000000000LL

/*
 * Exit statuses of cnet and cnet-traceroute; a usage error is 2 in
 * cnet-ping too, which otherwise has iputils' (ping.h).
 */
#define EXIT_ERR		1	/* the operation failed */
#define EXIT_USAGE		2	/* bad command line */

/*
 * The program speaking: every program linking util.o, test programs
 * included, defines this_tool.
 */
struct tool {
	const char *name;		/* messages begin "NAME: " */
	void (*usage)(FILE *fp);	/* after a usage error; or NULL */
};

extern const struct tool this_tool;

/*
 * "NAME: message\n" on stderr, or on @fp; "NAME: WHERE: message\n" after
 * tool_set_where(WHERE) (NULL: no WHERE again).
 */
void tool_set_where(const char *where);
void tool_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void tool_ferror(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A bad command line: the message as tool_error() prints it, then the
 * usage if this_tool has one to print; returns EXIT_USAGE.
 */
int tool_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
int tool_fusage_error(FILE *fp, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * A decimal integer in [@min, @max]: digits only (no sign, no space, no
 * "0x"), nothing after them. False if not; *@v is set only on success.
 */
bool parse_decimal(const char *s, unsigned long long min,
		   unsigned long long max, unsigned long long *v);

/*
 * Seconds as a plain decimal: "5", "0.5", ".5", "2.". Digits and at most
 * one '.', at least one digit: no sign, exponent, "inf" or "nan".
 */
bool parse_seconds(const char *s, double *sec);

/* parse_seconds() in [@min, @max], in nanoseconds, rounded. */
bool parse_seconds_ns(const char *s, double min, double max, int64_t *ns);

/* Clocks, in nanoseconds. */
int64_t timespec_ns(const struct timespec *ts);
int64_t mono_ns(void);		/* CLOCK_MONOTONIC: timeouts, intervals */
int64_t wall_ns(void);		/* CLOCK_REALTIME: as SO_TIMESTAMPNS */

#endif /* CNET_TOOLS_UTIL_H */
