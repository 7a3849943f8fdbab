/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libcnet-preload's decisions, with no socket: which socket() calls become
 * cnet sockets, how an address changes family on the way in and out, which
 * getaddrinfo() calls the shim answers itself, and what /etc/hosts says.
 * tests/preload-test.c drives them; preload.c is the glue around libc.
 *
 * struct sockaddr_cnet has the layout of struct sockaddr_in: translating
 * an address is rewriting its family, nothing else.
 */
#ifndef CNET_TOOLS_PRELOAD_XLATE_H
#define CNET_TOOLS_PRELOAD_XLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/socket.h>

/*
 * Does socket(@domain, @type, @protocol) become an AF_CUSTOM socket?
 * AF_INET with SOCK_STREAM and protocol 0 or IPPROTO_TCP, or SOCK_DGRAM and
 * 0 or IPPROTO_UDP, SOCK_NONBLOCK and SOCK_CLOEXEC allowed in @type.
 * Everything else (AF_INET6, AF_UNIX, netlink, SOCK_RAW, ping sockets)
 * stays with Linux.
 */
bool xlate_socket(int domain, int type, int protocol);

/*
 * An address the program passes for a cnet socket: if @addr (@len bytes)
 * is AF_INET, copy it to @out (room for a struct sockaddr_storage) as
 * AF_CUSTOM and return true. Anything else (AF_UNSPEC to disconnect, a
 * wrong family Linux would refuse) is passed as it is: false.
 */
bool xlate_addr_in(const struct sockaddr *addr, socklen_t len,
		   struct sockaddr_storage *out);

/*
 * An address the kernel wrote into the program's buffer @addr, of which
 * @len bytes are valid (the kernel truncates to the buffer): AF_CUSTOM
 * becomes AF_INET in place. Returns true if it did.
 */
bool xlate_addr_out(struct sockaddr *addr, socklen_t len);

/*
 * getaddrinfo(@node, ..., @family, @flags): does the shim look @node up
 * in the DNS over cnet (true), or leave it to glibc (false)? glibc keeps
 * no name (a service lookup), numbers (AI_NUMERICHOST, an IPv4 or IPv6
 * address), AF_INET6 and other families, and names /etc/hosts has
 * (@in_hosts: glibc's "files" answers them before any query).
 */
bool xlate_gai_ours(const char *node, int family, int flags, bool in_hosts);

/*
 * Does the hosts file @text (/etc/hosts' format: an address, then names,
 * '#' to the end of the line) have an entry for @name (ASCII case
 * ignored, a final dot too)?
 */
bool xlate_hosts_has(const char *text, const char *name);

#endif /* CNET_TOOLS_PRELOAD_XLATE_H */
