// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by cnet, cnet-ping and cnet-traceroute; see util.h. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ---- messages ---------------------------------------------------------- */

/* Where the command being run came from (cnet -b: "FILE:LINE"), or NULL. */
static const char *tool_where;

void tool_set_where(const char *where)
{
	tool_where = where;
}

static void tool_verror(FILE *fp, const char *fmt, va_list ap)
{
	fprintf(fp, "%s: ", this_tool.name);
	if (tool_where)
		fprintf(fp, "%s: ", tool_where);
	vfprintf(fp, fmt, ap);
	fputc('\n', fp);
}

void tool_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tool_verror(stderr, fmt, ap);
	va_end(ap);
}

void tool_ferror(FILE *fp, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tool_verror(fp, fmt, ap);
	va_end(ap);
}

static int tool_vusage_error(FILE *fp, const char *fmt, va_list ap)
{
	tool_verror(fp, fmt, ap);
	if (this_tool.usage)
		this_tool.usage(fp);
	return EXIT_USAGE;
}

int tool_usage_error(const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = tool_vusage_error(stderr, fmt, ap);
	va_end(ap);
	return ret;
}

int tool_fusage_error(FILE *fp, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = tool_vusage_error(fp, fmt, ap);
	va_end(ap);
	return ret;
}

/* ---- parsing ----------------------------------------------------------- */

bool parse_decimal(const char *s, unsigned long long min,
		   unsigned long long max, unsigned long long *v)
{
	unsigned long long n;
	char *end;

	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || *end || n < min || n > max)
		return false;
	*v = n;
	return true;
}

bool parse_seconds(const char *s, double *sec)
{
	size_t len = strlen(s);
	char *end;
	double v;

	if (!len || strspn(s, "0123456789.") != len || !strcmp(s, ".") ||
	    strchr(s, '.') != strrchr(s, '.'))
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end)
		return false;
	*sec = v;
	return true;
}

bool parse_seconds_ns(const char *s, double min, double max, int64_t *ns)
{
	double v;

	if (!parse_seconds(s, &v) || v < min || v > max)
		return false;
	*ns = (int64_t)(v * NSEC_PER_SEC + 0.5);
	return true;
}

/* ---- clocks ------------------------------------------------------------ */

int64_t timespec_ns(const struct timespec *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

int64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return timespec_ns(&ts);
}

int64_t wall_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return timespec_ns(&ts);
}
