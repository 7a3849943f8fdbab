// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: SYN cookies (module/tcp_cookie.c) and when a listener
 * sends one (module/tcp_mini.c's cnet_tcp_syn_admit_cookies()).
 *
 * The input: two secrets (four u64 as eight u32), a 4-tuple (laddr,
 * raddr: u32; lport, rport: u16), then records of 16 bytes: the peer's
 * ISN, the clock when the cookie is made, the MSS (u16), a clock step
 * (u8) to when it is checked, a byte of which bit to flip (0xff: none)
 * and four bytes for the admission: SYN queue, accept queue, backlog
 * (a u8 each) and tcp_syncookies (mod 3).
 *
 * Properties:
 *   - a cookie checked with what made it, less than
 *     CNET_TCP_COOKIE_MAX_AGE ticks later, gives back the MSS index;
 *     later (up to 255 ticks) or from the future, it fails;
 *   - the MSS it gives back is never above the peer's (but for the
 *     smallest entry, below which cnet does not go) and rounds down to
 *     the largest entry not above it;
 *   - a flipped bit never gives back the same index (only the lowest
 *     three bits can give another);
 *   - a listener answers with a cookie only with cookies on, and only
 *     when its accept queue has room; with 1, only when the SYN queue is
 *     full; with 0 as without cookies.
 */
#include "../fuzz.h"

#include "../../module/tcp_cookie.c"
#include "../../module/tcp_mini.c"

static void check_admit(u32 synq, u32 acceptq, u32 backlog, u8 cookies)
{
	enum cnet_tcp_syn_verdict v, plain;

	v = cnet_tcp_syn_admit_cookies(synq, acceptq, backlog, cookies);
	plain = cnet_tcp_syn_admit(synq, acceptq, backlog);
	if (!cookies)
		FUZZ_CHECK(v == plain);
	if (v == CNET_TCP_SYN_COOKIE) {
		FUZZ_CHECK(cookies);
		FUZZ_CHECK(!cnet_tcp_acceptq_full(acceptq, backlog));
		FUZZ_CHECK(cookies == 2 || plain == CNET_TCP_SYN_SYNQ_FULL);
	}
	if (cookies)
		FUZZ_CHECK(v != CNET_TCP_SYN_SYNQ_FULL);
	if (cookies == 1 && plain != CNET_TCP_SYN_SYNQ_FULL)
		FUZZ_CHECK(v == plain);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	struct cnet_tcp_cookie_tuple t;
	siphash_key_t key[2];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		key[i].key[0] = (u64)fuzz_u32(&in) << 32 | fuzz_u32(&in);
		key[i].key[1] = (u64)fuzz_u32(&in) << 32 | fuzz_u32(&in);
	}
	t.laddr = (__force __be32)fuzz_u32(&in);
	t.raddr = (__force __be32)fuzz_u32(&in);
	t.lport = (__force __be16)fuzz_u16(&in);
	t.rport = (__force __be16)fuzz_u16(&in);
	while (in.left >= 16) {
		u32 isn = fuzz_u32(&in), count = fuzz_u32(&in);
		u16 mss = fuzz_u16(&in), got;
		u8 step = fuzz_u8(&in), flip = fuzz_u8(&in);
		u8 synq = fuzz_u8(&in), acceptq = fuzz_u8(&in);
		u8 backlog = fuzz_u8(&in), cookies = fuzz_u8(&in) % 3;
		unsigned int idx = cnet_tcp_cookie_mss_index(mss);
		u32 c = cnet_tcp_cookie_make(key, &t, isn, count, idx);
		int r;

		FUZZ_CHECK(idx < CNET_TCP_COOKIE_NR_MSS);
		got = cnet_tcp_cookie_mss(idx);
		FUZZ_CHECK(got <= (mss ?: 536) || idx == 0);
		if (idx + 1 < CNET_TCP_COOKIE_NR_MSS)
			FUZZ_CHECK(cnet_tcp_cookie_mss(idx + 1) > (mss ?: 536));

		r = cnet_tcp_cookie_check(key, &t, isn, c, count + step);
		if (step < CNET_TCP_COOKIE_MAX_AGE)
			FUZZ_CHECK(r == (int)idx);
		else
			FUZZ_CHECK(r == -1);
		/* made at a tick still to come */
		FUZZ_CHECK(cnet_tcp_cookie_check(key, &t, isn, c, count - 1) == -1);
		if (flip < 32) {
			r = cnet_tcp_cookie_check(key, &t, isn, c ^ (1U << flip),
						  count);
			FUZZ_CHECK(r != (int)idx);
		}
		check_admit(synq, acceptq, backlog, cookies);
	}
	return 0;
}
