// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: the output side of module/ip_hdr.c, on numbers the input
 * gives: fragmentation plans, the DF/MTU policy, path MTU updates.
 *
 *  - cnet_frag_plan() + cnet_frag_nth(): the pieces cover the data exactly
 *    once, in order; each but the last carries a multiple of 8 bytes; each
 *    fits the MTU with its header; offsets fit the 13-bit field (in 8-byte
 *    units, the datagram's own offset added); MF on every piece but the
 *    last, and on the last too when the datagram had it; a plan is refused
 *    (-EINVAL) exactly when its arguments are not a plan's;
 *  - cnet_ip_out_policy(): -EMSGSIZE only for a datagram longer than the
 *    MTU it must fit and a sender that may not fragment; DF never with a
 *    datagram to fragment;
 *  - cnet_pmtu_update() and cnet_pmtu_effective() driven by a stream of
 *    reports and clock ticks: the path MTU never exceeds the device's,
 *    only goes down while it holds, never below CNET_PMTU_MIN unless the
 *    device's MTU is lower, and a locked entry does not change until it
 *    expires;
 *  - the address classes agree with each other: a host address is no
 *    martian source and not in 0.0.0.0/8; a source refused on receipt is
 *    a martian or 0.0.0.0; an interface address accepted names a host,
 *    and is not its subnet's broadcast; prefix masks are contiguous;
 *  - identifiers: the next datagram of a flow, at the same tick, gets the
 *    identifier after the last one's (as many as it used later).
 */
#include "../fuzz.h"

#include "../../module/ip_hdr.c"

static void check_plan(struct fuzz_in *in)
{
	unsigned int mtu = fuzz_u16(in) + 1;	/* 1..65536 */
	unsigned int hlen = (fuzz_u8(in) & 0x3f);
	unsigned int hlen_rest = (fuzz_u8(in) & 0x3f);
	unsigned int len = fuzz_u16(in);
	u16 frag_off = fuzz_u16(in);
	struct cnet_frag_plan p;
	struct cnet_frag_piece f;
	unsigned int i, at = 0, off = (frag_off & CNET_IP_OFFSET) * 8;
	bool valid;
	int err;

	err = cnet_frag_plan(&p, mtu, hlen, hlen_rest, len, frag_off);
	valid = hlen >= 20 && hlen <= 60 && !(hlen % 4) &&
		hlen_rest >= 20 && hlen_rest <= hlen && !(hlen_rest % 4) &&
		mtu >= hlen + 8 && off + len <= CNET_IP_MAX_MTU;
	FUZZ_CHECK(err == (valid ? 0 : -EINVAL));
	if (err)
		return;
	FUZZ_CHECK(p.count >= 1);
	for (i = 0; i < p.count; i++) {
		bool last = i + 1 == p.count;

		cnet_frag_nth(&p, i, &f);
		FUZZ_CHECK(f.data_off == at);
		FUZZ_CHECK(f.hlen == (i ? hlen_rest : hlen));
		FUZZ_CHECK(f.hlen + f.data_len <= mtu);
		FUZZ_CHECK(last || (f.data_len && f.data_len % 8 == 0));
		FUZZ_CHECK((f.frag_off & CNET_IP_OFFSET) * 8 == off + at);
		FUZZ_CHECK(!(f.frag_off & ~(CNET_IP_OFFSET | CNET_IP_MF)));
		FUZZ_CHECK(!!(f.frag_off & CNET_IP_MF) ==
			   (!last || !!(frag_off & CNET_IP_MF)));
		at += f.data_len;
	}
	FUZZ_CHECK(at == len);
}

static void check_policy(struct fuzz_in *in)
{
	u8 pmtudisc = fuzz_u8(in) % 8;
	unsigned int len = fuzz_u16(in);
	unsigned int dev_mtu = fuzz_u16(in);
	unsigned int path_mtu = fuzz_u16(in);
	bool locked = fuzz_u8(in) & 1;
	struct cnet_ip_out o;
	int err;

	err = cnet_ip_out_policy(pmtudisc, len, dev_mtu, path_mtu, locked, &o);
	FUZZ_CHECK(o.mtu == dev_mtu || o.mtu == path_mtu);
	FUZZ_CHECK(o.fragment == (len > o.mtu));
	FUZZ_CHECK(err == 0 || (err == -EMSGSIZE && o.fragment));
	FUZZ_CHECK(!(o.df && o.fragment && !err));
}

static void check_pmtu(struct fuzz_in *in)
{
	struct cnet_pmtu_state s = { 0 };
	unsigned long now = fuzz_u32(in);
	unsigned int dev_mtu = fuzz_u16(in) | 68;
	unsigned long expiry = (fuzz_u16(in) | 1);
	unsigned int steps = fuzz_u8(in), before, after;
	bool locked, changed, was_valid, was_locked;
	struct cnet_pmtu_state old;

	while (steps-- && in->left) {
		unsigned int reported = fuzz_u16(in);

		now += fuzz_u16(in);
		old = s;
		was_valid = cnet_pmtu_valid(&s, now);
		before = cnet_pmtu_effective(&s, dev_mtu, now, &was_locked);
		changed = cnet_pmtu_update(&s, dev_mtu, reported, now, expiry);
		after = cnet_pmtu_effective(&s, dev_mtu, now, &locked);
		FUZZ_CHECK(after <= dev_mtu);
		if (!changed)
			FUZZ_CHECK(!memcmp(&old, &s, sizeof(s)));
		if (was_valid && was_locked)
			FUZZ_CHECK(!changed);
		if (changed) {
			FUZZ_CHECK(after <= before);
			FUZZ_CHECK(after >= CNET_PMTU_MIN || after == before ||
				   s.mtu == reported);
			FUZZ_CHECK(s.locked == (reported < CNET_PMTU_MIN));
		}
	}
	/* the plateau guess is below what it was given, or the minimum */
	before = fuzz_u16(in);
	after = cnet_pmtu_plateau(before);
	FUZZ_CHECK(after < before || after == CNET_IP_MIN_MTU);
}

static void check_addresses(struct fuzz_in *in)
{
	__be32 a = htonl(fuzz_u32(in)), b = htonl(fuzz_u32(in));
	u8 plen = fuzz_u8(in) % 40;
	u32 h = ntohl(a), mask;
	const char *why = NULL;
	int err;

	if (cnet_ip_is_host(a))
		FUZZ_CHECK(!cnet_ip_martian_src(a) && h >> 24 != 0);
	if (cnet_ip_martian_rx(a, b))
		FUZZ_CHECK(cnet_ip_martian_src(a) || !a);
	err = cnet_ip_dst_check(a);
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -ENETUNREACH);
	FUZZ_CHECK((err == -EINVAL) == (h >> 24 == 0));
	err = cnet_ip_src_check(a, plen & 1);
	if (!err)
		FUZZ_CHECK((plen & 1) && (cnet_ip_is_host(a) ||
					  cnet_ip_is_loopback(a)));
	err = cnet_ifaddr_check(a, plen, &why);
	FUZZ_CHECK(err == 0 || (err == -EINVAL && why));
	if (!err) {
		FUZZ_CHECK(plen <= 32 && cnet_ip_is_host(a));
		if (plen && plen <= 30)
			FUZZ_CHECK((h | ntohl(cnet_prefix_mask(plen))) != ~0U);
	}
	if (plen <= 32) {
		mask = ntohl(cnet_prefix_mask(plen));
		FUZZ_CHECK(__builtin_popcount(mask) == plen);
		FUZZ_CHECK(((~mask + 1) & ~mask) == 0);	/* contiguous */
	}
}

static u32 rand_small(u32 ceil)
{
	return ceil / 2;
}

static void check_idents(struct fuzz_in *in)
{
	static struct cnet_ip_idents t;
	__be32 s = htonl(fuzz_u32(in)), d = htonl(fuzz_u32(in));
	u8 proto = fuzz_u8(in);
	u32 now = fuzz_u32(in);
	unsigned int segs = fuzz_u8(in) % 64 + 1;
	u16 first, next;

	memset(&t, 0, sizeof(t));
	t.key.key[0] = fuzz_u32(in);
	first = cnet_ip_ident_next(&t, s, d, proto, segs, now, rand_small);
	next = cnet_ip_ident_next(&t, s, d, proto, 1, now, rand_small);
	FUZZ_CHECK(next == (u16)(first + segs));
	FUZZ_CHECK(cnet_ip_ident_bucket(&t, s, d, proto) < CNET_IP_IDENTS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);

	switch (fuzz_u8(&in) % 5) {
	case 3:
		check_addresses(&in);
		break;
	case 4:
		check_idents(&in);
		break;
	case 0:
		check_plan(&in);
		break;
	case 1:
		check_policy(&in);
		break;
	default:
		check_pmtu(&in);
		break;
	}
	return 0;
}
