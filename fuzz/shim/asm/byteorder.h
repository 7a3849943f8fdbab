/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shim: the uapi <asm/byteorder.h> (which also says how the bitfields of
 * struct iphdr lie) and the kernel's htons() family over it.
 */
#ifndef _SHIM_ASM_BYTEORDER_H
#define _SHIM_ASM_BYTEORDER_H

#include_next <asm/byteorder.h>

#define cpu_to_be16(x)	__cpu_to_be16(x)
#define cpu_to_be32(x)	__cpu_to_be32(x)
#define be16_to_cpu(x)	__be16_to_cpu(x)
#define be32_to_cpu(x)	__be32_to_cpu(x)
#undef htons
#undef ntohs
#undef htonl
#undef ntohl
#define htons(x)	__cpu_to_be16(x)
#define ntohs(x)	__be16_to_cpu(x)
#define htonl(x)	__cpu_to_be32(x)
#define ntohl(x)	__be32_to_cpu(x)

#endif
