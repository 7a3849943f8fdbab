/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: the uapi <linux/in.h> and the kernel's ipv4_is_*() used. */
#ifndef _SHIM_LINUX_IN_H
#define _SHIM_LINUX_IN_H

#include_next <linux/in.h>
#include <asm/byteorder.h>

static inline bool ipv4_is_zeronet(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x00000000);
}

static inline bool ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(INADDR_BROADCAST);
}

#endif
