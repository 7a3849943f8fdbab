// SPDX-License-Identifier: GPL-2.0
/*
 * Pure UDP header code: checks, building, the checksum with its
 * pseudo-header. See udp_hdr.h.
 */
#include <linux/in.h>
#include <net/checksum.h>

#include "udp_hdr.h"

/**
 * cnet_udp_hdr_check - validate a received UDP header (RFC 768)
 * @uh: the header, or NULL when fewer than 8 bytes could be read
 * @avail: bytes of the datagram received, from the header on
 *
 * Bytes beyond the length field are not the datagram's (the caller trims
 * them); fewer than it says is a bad datagram.
 */
enum cnet_udp_check cnet_udp_hdr_check(const struct udphdr *uh,
				       unsigned int avail)
{
	unsigned int len;

	if (!uh || avail < sizeof(*uh))
		return CNET_UDP_SHORT;
	len = ntohs(uh->len);
	if (len < sizeof(*uh) || len > avail)
		return CNET_UDP_BAD_LEN;
	return CNET_UDP_OK;
}

/* A header for @len bytes (header included), its checksum still 0. */
void cnet_udp_hdr_build(struct udphdr *uh, __be16 sport, __be16 dport,
			u16 len)
{
	uh->source = sport;
	uh->dest = dport;
	uh->len = htons(len);
	uh->check = 0;
}

/**
 * cnet_udp_csum - the checksum to send
 * @saddr: IPv4 source
 * @daddr: IPv4 destination
 * @len: UDP length (header and data)
 * @sum: the unfolded sum of the header (checksum field 0) and data
 *
 * Over the pseudo-header (source, destination, zero, protocol 17, UDP
 * length) and @sum. A computed 0 is sent as 0xffff: 0 means "no
 * checksum" (RFC 768).
 */
__sum16 cnet_udp_csum(__be32 saddr, __be32 daddr, u16 len, __wsum sum)
{
	return csum_tcpudp_magic(saddr, daddr, len, IPPROTO_UDP, sum) ?:
	       CSUM_MANGLED_0;
}

/*
 * What a device offloading the checksum (CHECKSUM_PARTIAL) needs in the
 * checksum field: the pseudo-header's sum, folded, not inverted. It then
 * adds header and data and inverts.
 */
__sum16 cnet_udp_pseudo_csum(__be32 saddr, __be32 daddr, u16 len)
{
	return ~csum_tcpudp_magic(saddr, daddr, len, IPPROTO_UDP, 0);
}

/**
 * cnet_udp_csum_ok - does a received datagram's checksum verify?
 * @check: its checksum field; 0: the sender computed none (accepted, as
 *	RFC 1122 4.1.3.4 and Linux do)
 * @saddr: IPv4 source
 * @daddr: IPv4 destination
 * @len: UDP length
 * @sum: the unfolded sum of the whole datagram, header with its checksum
 *	included
 */
bool cnet_udp_csum_ok(__sum16 check, __be32 saddr, __be32 daddr, u16 len,
		      __wsum sum)
{
	if (!check)
		return true;
	return !csum_tcpudp_magic(saddr, daddr, len, IPPROTO_UDP, sum);
}
