// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny streaming JSON printer (see json.h).
 */
#include <inttypes.h>
#include <stddef.h>

#include "json.h"

void json_init(struct json *j, FILE *fp)
{
	j->fp = fp;
	j->depth = 0;
	j->after_key = false;
	j->need_comma[0] = false;
}

/* Called before any value or key: print the separator it needs. */
static void json_sep(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->need_comma[j->depth])
		fputc(',', j->fp);
	j->need_comma[j->depth] = true;
}

/* After a complete value: end the line if it was the outermost one. */
static void json_done(struct json *j)
{
	if (j->depth == 0) {
		fputc('\n', j->fp);
		j->need_comma[0] = false;
	}
}

static void json_open(struct json *j, char c)
{
	json_sep(j);
	fputc(c, j->fp);
	/* Deeper levels are flattened rather than overflowing. */
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void json_close(struct json *j, char c)
{
	fputc(c, j->fp);
	if (j->depth > 0)
		j->depth--;
	json_done(j);
}

void json_open_array(struct json *j)
{
	json_open(j, '[');
}

void json_close_array(struct json *j)
{
	json_close(j, ']');
}

void json_open_object(struct json *j)
{
	json_open(j, '{');
}

void json_close_object(struct json *j)
{
	json_close(j, '}');
}

/*
 * Length of the valid UTF-8 sequence at @s, or 0 if there is none (bad
 * lead byte, truncated, overlong, surrogate or beyond U+10FFFF).
 */
static size_t utf8_len(const unsigned char *s)
{
	uint32_t cp;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}

	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

static void json_quote(struct json *j, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;

	fputc('"', j->fp);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", j->fp);
			break;
		case '\\':
			fputs("\\\\", j->fp);
			break;
		case '\b':
			fputs("\\b", j->fp);
			break;
		case '\f':
			fputs("\\f", j->fp);
			break;
		case '\n':
			fputs("\\n", j->fp);
			break;
		case '\r':
			fputs("\\r", j->fp);
			break;
		case '\t':
			fputs("\\t", j->fp);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(j->fp, "\\u%04x", *s);
				break;
			}
			len = utf8_len(s);
			if (!len) {
				fputs("\\ufffd", j->fp);
				break;
			}
			fwrite(s, 1, len, j->fp);
			s += len;
			continue;
		}
		s++;
	}
	fputc('"', j->fp);
}

void json_key(struct json *j, const char *key)
{
	json_sep(j);
	json_quote(j, key);
	fputc(':', j->fp);
	j->after_key = true;
}

void json_string(struct json *j, const char *s)
{
	json_sep(j);
	json_quote(j, s);
	json_done(j);
}

void json_uint(struct json *j, uint64_t v)
{
	json_sep(j);
	fprintf(j->fp, "%" PRIu64, v);
	json_done(j);
}

void json_bool(struct json *j, bool v)
{
	json_sep(j);
	fputs(v ? "true" : "false", j->fp);
	json_done(j);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_uint(struct json *j, const char *key, uint64_t v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}
