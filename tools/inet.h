/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Internet checksum (RFC 1071), shared by cnet-ping and
 * cnet-traceroute, which build their own ICMP and UDP headers.
 */
#ifndef CNET_TOOLS_INET_H
#define CNET_TOOLS_INET_H

#include <stddef.h>
#include <stdint.h>

/* One's complement of the one's complement sum of @buf, network order. */
uint16_t inet_cksum(const uint8_t *buf, size_t len);

#endif /* CNET_TOOLS_INET_H */
