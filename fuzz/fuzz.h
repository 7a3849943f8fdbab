/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every fuzz target shares (see Makefile): reading a fuzz input as a
 * stream of fields, exact-size copies for AddressSanitizer, and checks of
 * properties that abort with a message (libFuzzer then keeps the input).
 *
 * A target is one file, targets/NAME.c: it includes the sources it tests
 * (the pure .c files themselves, so their static functions are reachable
 * too) and defines LLVMFuzzerTestOneInput().
 */
#ifndef CNET_FUZZ_H
#define CNET_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold: abort with where and what, if it does not. */
#define FUZZ_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: property failed: %s\n",		\
			__FILE__, __LINE__, #cond);			\
		abort();						\
	}								\
} while (0)

/* An input read field by field; past its end every field reads as 0. */
struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline struct fuzz_in fuzz_in(const uint8_t *data, size_t size)
{
	return (struct fuzz_in){ data, size };
}

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

/* Big-endian, as the seed generator (seeds.py) writes them. */
static inline uint16_t fuzz_u16(struct fuzz_in *in)
{
	uint16_t hi = fuzz_u8(in);

	return hi << 8 | fuzz_u8(in);
}

static inline uint32_t fuzz_u32(struct fuzz_in *in)
{
	uint32_t hi = fuzz_u16(in);

	return hi << 16 | fuzz_u16(in);
}

/* @n bytes of the input, or fewer when it ends first: how many in *@got. */
static inline const uint8_t *fuzz_bytes(struct fuzz_in *in, size_t n,
					size_t *got)
{
	const uint8_t *p = in->p;

	if (n > in->left)
		n = in->left;
	in->p += n;
	in->left -= n;
	*got = n;
	return p;
}

/*
 * A copy of @size bytes in a buffer of exactly that size, so that a read
 * one byte past the end is an AddressSanitizer report (libFuzzer's own
 * buffer may be followed by readable bytes). Free it with free().
 */
static inline uint8_t *fuzz_dup(const void *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1);

	if (!p)
		abort();
	memcpy(p, data, size);
	return p;
}

#endif
