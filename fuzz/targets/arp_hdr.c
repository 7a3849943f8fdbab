// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: an ARP packet (module/arp_hdr.c), the input from the ARP
 * header on. cnet_arp_parse() reads nothing past the input (an exact-size
 * buffer); what it accepts is Ethernet/IPv4 with a known opcode, and
 * cnet_arp_build() of the parsed message gives back the packet's first 28
 * bytes, which parse to the same message.
 */
#include "../fuzz.h"

#include "../../module/arp_hdr.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cnet_arp_msg m, again;
	u8 *pkt = fuzz_dup(data, size);
	u8 built[CNET_ARP_LEN];
	enum cnet_arp_check r;

	memset(&m, 0, sizeof(m));	/* padding, for the memcmp() below */
	memset(&again, 0, sizeof(again));
	r = cnet_arp_parse(pkt, size, &m);
	FUZZ_CHECK(r <= CNET_ARP_BAD_HDR);
	FUZZ_CHECK((r == CNET_ARP_SHORT) == (size < CNET_ARP_LEN));
	if (r == CNET_ARP_OK) {
		FUZZ_CHECK(m.op == CNET_ARP_OP_REQUEST ||
			   m.op == CNET_ARP_OP_REPLY);
		cnet_arp_build(built, &m);
		FUZZ_CHECK(!memcmp(built, pkt, CNET_ARP_LEN));
		FUZZ_CHECK(cnet_arp_parse(built, sizeof(built), &again) ==
			   CNET_ARP_OK);
		FUZZ_CHECK(!memcmp(&m, &again, sizeof(m)));
	}
	free(pkt);
	return 0;
}
