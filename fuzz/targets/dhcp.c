// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: a DHCP reply as cnet-dhcp parses it (tools/dhcp.c), the
 * input from the BOOTP header on, in an exact-size buffer.
 *
 * dhcp_parse() reads nothing past the message, nor past an option area
 * (options, and "file" and "sname" when option 52 overloads them); what
 * it accepts has a message type 1-8, at most 4 routers and 4 servers (none
 * 0.0.0.0), a domain of resolv.conf-safe characters only, a printable
 * message; a reply it refuses leaves nothing but zeros. The lease it
 * would give (dhcp_resolv_conf() of it) fits the buffer it is given or
 * says how much it needed, as snprintf.
 */
#include "../fuzz.h"

#include "../../tools/dhcp.c"

static bool safe_domain(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
		      *s == '.'))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct dhcp_msg zero;
	uint8_t *msg = fuzz_dup(data, size);
	struct dhcp_lease l = { 0 };
	enum dhcp_parse_err err;
	struct dhcp_msg m;
	char conf[64], big[2048];
	unsigned int i;
	int n;

	err = dhcp_parse(msg, size, &m);
	FUZZ_CHECK(err <= DHCP_ERR_NO_TYPE);
	FUZZ_CHECK(strcmp(dhcp_parse_strerror(err), "?"));
	if (err) {
		FUZZ_CHECK(!memcmp(&m, &zero, sizeof(m)));
		goto out;
	}
	FUZZ_CHECK(size >= DHCP_OPTS_OFF && msg[0] == BOOTREPLY);
	FUZZ_CHECK(m.type >= DHCPDISCOVER && m.type <= DHCPINFORM);
	FUZZ_CHECK(strcmp(dhcp_type_name(m.type), "?"));
	FUZZ_CHECK(m.nrouters <= DHCP_MAX_ROUTERS && m.ndns <= DHCP_MAX_DNS);
	for (i = 0; i < m.nrouters; i++)
		FUZZ_CHECK(m.routers[i]);
	for (i = 0; i < m.ndns; i++)
		FUZZ_CHECK(m.dns[i]);
	FUZZ_CHECK(strlen(m.domain) <= DHCP_DOMAIN_MAX &&
		   safe_domain(m.domain));
	for (i = 0; m.message[i]; i++)
		FUZZ_CHECK(m.message[i] >= 0x20 && m.message[i] < 0x7f);
	FUZZ_CHECK(!memcmp(m.chaddr, msg + 28, 6) &&
		   !memcmp(&m.yiaddr, msg + 16, 4));

	memcpy(l.dns, m.dns, sizeof(l.dns));
	l.ndns = m.ndns;
	memcpy(l.domain, m.domain, sizeof(l.domain));
	n = dhcp_resolv_conf(&l, big, sizeof(big));
	FUZZ_CHECK(n >= 0 && (size_t)n < sizeof(big) &&
		   strlen(big) == (size_t)n);
	FUZZ_CHECK(dhcp_resolv_conf(&l, conf, sizeof(conf)) == n);
	FUZZ_CHECK(strlen(conf) == (n < (int)sizeof(conf) ? (size_t)n : sizeof(conf) - 1));
out:
	free(msg);
	return 0;
}
