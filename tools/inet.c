// SPDX-License-Identifier: GPL-2.0
/* The Internet checksum (RFC 1071); see inet.h. */
#include <arpa/inet.h>

#include "inet.h"

uint16_t inet_cksum(const uint8_t *buf, size_t len)
{
	uint32_t sum = 0;

	for (; len > 1; len -= 2, buf += 2)
		sum += (buf[0] << 8) | buf[1];
	if (len)
		sum += buf[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}
