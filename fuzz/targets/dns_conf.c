// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: resolv.conf as cnet-resolve reads it (dns_conf_parse() of
 * tools/dns.c), the input as text (up to its first NUL). At most
 * DNS_MAX_SERVERS servers, each added one counted; timeout and attempts
 * unset (-1) or within 1..30 and 1..5, as glibc caps them.
 */
#include "../fuzz.h"

#include "../../tools/dns.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct dns_conf c = { .timeout = -1, .attempts = -1 };
	int added;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	added = dns_conf_parse(text, &c);
	FUZZ_CHECK(added >= 0 && (unsigned int)added == c.nserver);
	FUZZ_CHECK(c.nserver <= DNS_MAX_SERVERS);
	FUZZ_CHECK(c.timeout == -1 || (c.timeout >= 1 && c.timeout <= 30));
	FUZZ_CHECK(c.attempts == -1 || (c.attempts >= 1 && c.attempts <= 5));
	/* a second pass appends, up to the same limit */
	added = dns_conf_parse(text, &c);
	FUZZ_CHECK(c.nserver <= DNS_MAX_SERVERS);
	free(text);
	return 0;
}
