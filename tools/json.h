/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny streaming JSON printer: compact output, commas handled for the
 * caller, strings escaped (invalid UTF-8 becomes U+FFFD). A newline follows
 * the outermost value.
 */
#ifndef CNET_TOOLS_JSON_H
#define CNET_TOOLS_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *fp;
	unsigned int depth;
	bool after_key;			/* a key was printed, value pending */
	bool need_comma[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *fp);

void json_open_array(struct json *j);
void json_close_array(struct json *j);
void json_open_object(struct json *j);
void json_close_object(struct json *j);

void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_uint(struct json *j, uint64_t v);
void json_bool(struct json *j, bool v);

/* "key": value, inside an object. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_uint(struct json *j, const char *key, uint64_t v);
void json_kv_bool(struct json *j, const char *key, bool v);

#endif /* CNET_TOOLS_JSON_H */
