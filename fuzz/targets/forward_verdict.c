// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: forwarding's decision (module/forward_verdict.c) on facts
 * the input gives. Checked against the order of checks in
 * forward_verdict.c's table: a packet is forwarded (or redirected) only
 * when forwarding is on, it came to our link-layer address, its
 * destination names a host and its source is not 0.0.0.0/8, a unicast
 * route with its device up leads on, it is no directed broadcast, its TTL
 * is above 1 and it fits the MTU or may be fragmented; then to the
 * gateway or the destination, fragmented exactly when too long; a
 * redirect only when RFC 1812 5.2.7.2 allows one. A drop with ICMP names
 * an error type; every verdict names a counter.
 */
#include "../fuzz.h"

#include "../../module/ip_hdr.c"
#include "../../module/forward_verdict.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_fwd_facts f;
	struct cnet_fwd_verdict v;
	enum cnet_fwd_action a;
	u32 bits = fuzz_u16(&in);
	bool fits, pass;

	f = (struct cnet_fwd_facts){
		.forwarding = bits & 0x1,
		.l2_host = bits & 0x2,
		.df = bits & 0x4,
		.gso_fits = bits & 0x8,
		.has_route = bits & 0x10,
		.out_up = bits & 0x20,
		.out_bcast = bits & 0x40,
		.out_is_in = bits & 0x80,
		.src_on_in = bits & 0x100,
		.nh_on_src_subnet = bits & 0x200,
		.src_route = bits & 0x400,
	};
	f.saddr = htonl(fuzz_u32(&in));
	f.daddr = htonl(fuzz_u32(&in));
	f.rt_gw = (bits & 0x800) ? htonl(fuzz_u32(&in)) : 0;
	f.ttl = fuzz_u8(&in);
	f.rt_type = fuzz_u8(&in) % (__CNET_RT_MAX + 1);
	f.len = fuzz_u16(&in);
	f.mtu = fuzz_u16(&in);

	memset(&v, 0xa5, sizeof(v));
	a = cnet_fwd_decide(&f, &v);
	FUZZ_CHECK(a <= CNET_FWD_DROP_ICMP);
	FUZZ_CHECK(v.stat < CNET_STAT_MAX);

	fits = f.len <= f.mtu || f.gso_fits;
	pass = f.forwarding && f.l2_host && cnet_ip_is_host(f.daddr) &&
	       !ipv4_is_zeronet(f.saddr) && f.has_route &&
	       f.rt_type == CNET_RT_UNICAST && f.out_up &&
	       !(!f.rt_gw && f.out_bcast) && f.ttl > 1 && (fits || !f.df);
	FUZZ_CHECK(pass == (a == CNET_FWD_FORWARD || a == CNET_FWD_REDIRECT));
	if (pass) {
		FUZZ_CHECK(v.nexthop == (f.rt_gw ? f.rt_gw : f.daddr));
		FUZZ_CHECK(v.frag_mtu == (fits ? 0 : f.mtu));
		FUZZ_CHECK((a == CNET_FWD_REDIRECT) ==
			   (f.out_is_in && f.src_on_in &&
			    f.nh_on_src_subnet && !f.src_route));
		if (a == CNET_FWD_REDIRECT)
			FUZZ_CHECK(v.icmp_type == ICMP_REDIRECT &&
				   v.icmp_info == v.nexthop &&
				   v.stat == CNET_STAT_FWD_REDIRECT);
		else
			FUZZ_CHECK(v.stat == CNET_STAT_FWD_TX);
	}
	if (a == CNET_FWD_DROP_ICMP) {
		FUZZ_CHECK(v.icmp_type == ICMP_DEST_UNREACH ||
			   v.icmp_type == ICMP_TIME_EXCEEDED);
		/* an error is owed only once the route was looked at */
		FUZZ_CHECK(f.forwarding && f.l2_host);
		if (v.icmp_code == ICMP_FRAG_NEEDED &&
		    v.icmp_type == ICMP_DEST_UNREACH)
			FUZZ_CHECK(f.df && !fits &&
				   v.icmp_info == htonl(f.mtu));
	}
	if (a == CNET_FWD_DROP)
		FUZZ_CHECK(!v.icmp_type && !v.nexthop);
	return 0;
}
