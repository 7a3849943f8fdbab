// SPDX-License-Identifier: GPL-2.0
/*
 * libcnet-preload's decisions (xlate.h): no socket, no libc state.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>

#include <linux/cnet.h>

#include "xlate.h"

_Static_assert(sizeof(struct sockaddr_cnet) == sizeof(struct sockaddr_in),
	       "sockaddr_cnet has sockaddr_in's layout");

bool xlate_socket(int domain, int type, int protocol)
{
	if (domain != AF_INET)
		return false;
	switch (type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) {
	case SOCK_STREAM:
		return protocol == 0 || protocol == IPPROTO_TCP;
	case SOCK_DGRAM:
		return protocol == 0 || protocol == IPPROTO_UDP;
	default:
		return false;
	}
}

bool xlate_addr_in(const struct sockaddr *addr, socklen_t len,
		   struct sockaddr_storage *out)
{
	if (!addr || len < sizeof(sa_family_t) || addr->sa_family != AF_INET)
		return false;
	if (len > sizeof(*out))
		len = sizeof(*out);
	memcpy(out, addr, len);
	out->ss_family = AF_CUSTOM;
	return true;
}

bool xlate_addr_out(struct sockaddr *addr, socklen_t len)
{
	if (!addr || len < sizeof(sa_family_t) || addr->sa_family != AF_CUSTOM)
		return false;
	addr->sa_family = AF_INET;
	return true;
}

bool xlate_gai_ours(const char *node, int family, int flags, bool in_hosts)
{
	struct in6_addr a6;
	struct in_addr a4;

	if (!node || (flags & AI_NUMERICHOST) || in_hosts)
		return false;
	if (family != AF_UNSPEC && family != AF_INET)
		return false;
	/* inet_aton(), as getaddrinfo(): "10.1" and "0x0a000001" are numbers */
	if (inet_aton(node, &a4) || inet_pton(AF_INET6, node, &a6) == 1)
		return false;
	/* "fe80::1%eth0": a scoped IPv6 address */
	return !strchr(node, ':');
}

/* @word (@len bytes) is @name, case and a final dot of either ignored. */
static bool name_equal(const char *word, size_t len, const char *name)
{
	size_t nlen = strlen(name);

	if (len && word[len - 1] == '.')
		len--;
	if (nlen && name[nlen - 1] == '.')
		nlen--;
	return len && len == nlen && !strncasecmp(word, name, len);
}

bool xlate_hosts_has(const char *text, const char *name)
{
	const char *p = text, *eol, *w;
	bool first;

	while (*p) {
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		first = true;
		while (p < eol && *p != '#') {
			if (*p == ' ' || *p == '\t' || *p == '\r') {
				p++;
				continue;
			}
			for (w = p; p < eol && *p != ' ' && *p != '\t' &&
			     *p != '\r' && *p != '#'; p++)
				;
			/* the first word is the address */
			if (!first && name_equal(w, p - w, name))
				return true;
			first = false;
		}
		p = *eol ? eol + 1 : eol;
	}
	return false;
}
