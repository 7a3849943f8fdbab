// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for SYN cookies (tcp_cookie.c) with a fake clock: a cookie
 * is valid for the same 4-tuple and ISN within its age and not after,
 * not for another 4-tuple, ISN or secret, not when any bit is changed;
 * each MSS rounds down to a table entry and comes back from the cookie;
 * the "recent cookies" window; and when a listener answers with a cookie
 * (tcp_mini.c's cnet_tcp_syn_admit_cookies()).
 */
#include <kunit/test.h>
#include <linux/limits.h>

#include "../tcp_cookie.h"
#include "../tcp_mini.h"

static const siphash_key_t cookie_key[2] = {
	{ { 0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL } },
	{ { 0x1716151413121110ULL, 0x1f1e1d1c1b1a1918ULL } },
};

static const struct cnet_tcp_cookie_tuple cookie_t = {
	.laddr = cpu_to_be32(0x0a000001), .raddr = cpu_to_be32(0x0a000002),
	.lport = cpu_to_be16(80), .rport = cpu_to_be16(40000),
};

/* Made and checked at the same tick, and one tick later: the MSS index back. */
static void cookie_valid_within_age(struct kunit *test)
{
	u32 isn = 0x12345678, count = 1000, c;
	unsigned int i;

	for (i = 0; i < CNET_TCP_COOKIE_NR_MSS; i++) {
		c = cnet_tcp_cookie_make(cookie_key, &cookie_t, isn, count, i);
		KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
							    isn, c, count), i);
		KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
							    isn, c, count + 1), i);
	}
	/* the clock's top bits wrap (count is 8 bits in the cookie) */
	c = cnet_tcp_cookie_make(cookie_key, &cookie_t, isn, 255, 3);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    c, 256), 3);
	c = cnet_tcp_cookie_make(cookie_key, &cookie_t, isn, U32_MAX, 5);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    c, 0), 5);
	/* the peer's ISN across the 2^32 wrap */
	c = cnet_tcp_cookie_make(cookie_key, &cookie_t, U32_MAX, count, 7);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
						    U32_MAX, c, count), 7);
}

/* CNET_TCP_COOKIE_MAX_AGE ticks later it fails, and so from the future. */
static void cookie_invalid_after_age(struct kunit *test)
{
	u32 isn = 42, count = 77, c;

	c = cnet_tcp_cookie_make(cookie_key, &cookie_t, isn, count, 2);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    c, count + CNET_TCP_COOKIE_MAX_AGE),
			-1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    c, count + 100), -1);
	/* made at a tick the clock has not reached yet */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    c, count - 1), -1);
	/* 256 ticks later the top bits match again: H1 of that tick fails */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    c, count + 256), -1);
}

/* Another 4-tuple, ISN or secret: no cookie. */
static void cookie_wrong_tuple(struct kunit *test)
{
	struct cnet_tcp_cookie_tuple t;
	siphash_key_t other[2] = { cookie_key[0], cookie_key[1] };
	u32 isn = 1, count = 5, c;

	c = cnet_tcp_cookie_make(cookie_key, &cookie_t, isn, count, 7);
	t = cookie_t;
	t.raddr = cpu_to_be32(0x0a000003);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &t, isn, c,
						    count), -1);
	t = cookie_t;
	t.laddr = cpu_to_be32(0x0a000009);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &t, isn, c,
						    count), -1);
	t = cookie_t;
	t.rport = cpu_to_be16(40001);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &t, isn, c,
						    count), -1);
	t = cookie_t;
	t.lport = cpu_to_be16(81);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &t, isn, c,
						    count), -1);
	/* the ports swapped */
	t = cookie_t;
	t.lport = cookie_t.rport;
	t.rport = cookie_t.lport;
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &t, isn, c,
						    count), -1);
	/*
	 * The peer's ISN is added to the cookie, not hashed (as Linux's):
	 * one off moves the MSS index as a change of the lowest bits does
	 * (cookie_tampered()); further off, no index.
	 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
						    isn + 1, c, count), 6);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
						    isn + 1000, c, count), -1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
						    isn - 8, c, count), -1);
	other[1].key[0] ^= 1;
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(other, &cookie_t, isn, c,
						    count), -1);
	other[1] = cookie_key[1];
	other[0].key[1] ^= 1ULL << 63;
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(other, &cookie_t, isn, c,
						    count), -1);
}

/*
 * Each bit flipped: the cookie fails, but for the lowest bits, which
 * carry the MSS index added under H1 (as Linux's): changed, they give
 * another index of the same 4-tuple's cookie, or none, never the one
 * made. Forging needs H1: a cookie walked from a known one by more than
 * the table's size fails.
 */
static void cookie_tampered(struct kunit *test)
{
	u32 isn = 0xdeadbeef, count = 3, c;
	unsigned int bit;
	int d, got;

	c = cnet_tcp_cookie_make(cookie_key, &cookie_t, isn, count, 4);
	for (bit = 0; bit < 32; bit++) {
		got = cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
					    c ^ BIT(bit), count);
		if (bit < 3)
			KUNIT_EXPECT_NE(test, got, 4);
		else
			KUNIT_EXPECT_EQ_MSG(test, got, -1, "bit %u", bit);
	}
	for (d = 8; d <= 64; d++) {
		KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
							    isn, c + d, count), -1);
		KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t,
							    isn, c - d, count), -1);
	}
	/* zero and all ones are no cookies */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    0, count), -1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_check(cookie_key, &cookie_t, isn,
						    U32_MAX, count), -1);
}

/* Every MSS rounds down to an entry; the entries round to themselves. */
static void cookie_mss_table(struct kunit *test)
{
	u16 prev = 0, mss, got;
	unsigned int i;
	u32 m;

	for (i = 0; i < CNET_TCP_COOKIE_NR_MSS; i++) {
		mss = cnet_tcp_cookie_mss(i);
		KUNIT_EXPECT_GT(test, mss, prev);
		KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss_index(mss), i);
		/* no two entries are next to each other */
		KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss_index(mss + 1), i);
		if (i)
			KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss_index(mss - 1),
					i - 1);
		prev = mss;
	}
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss(CNET_TCP_COOKIE_NR_MSS), 0);
	/* no option: 536 (RFC 9293 3.7.1) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss(cnet_tcp_cookie_mss_index(0)),
			536);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss(cnet_tcp_cookie_mss_index(1460)),
			1460);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss(cnet_tcp_cookie_mss_index(1459)),
			1452);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss(cnet_tcp_cookie_mss_index(65495)),
			1460);
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_mss(cnet_tcp_cookie_mss_index(535)),
			48);
	/* never above the peer's, except below the smallest cnet sends with */
	for (m = 1; m <= U16_MAX; m++) {
		got = cnet_tcp_cookie_mss(cnet_tcp_cookie_mss_index(m));
		if (got > m && m >= 48) {
			KUNIT_FAIL(test, "MSS %u rounds up to %u", m, got);
			break;
		}
	}
}

/* Cookies are looked for within the valid time after the last one sent. */
static void cookie_recent(struct kunit *test)
{
	unsigned long hz = 100, valid = 120 * hz;

	KUNIT_EXPECT_FALSE(test, cnet_tcp_cookie_recent(5000, 0, valid, hz));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_cookie_recent(5000, 5000, valid, hz));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_cookie_recent(5000 + valid, 5000,
						       valid, hz));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_cookie_recent(5001 + valid, 5000,
							valid, hz));
	/* a writer racing ahead of our reading of the clock */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_cookie_recent(5000 - hz, 5000, valid,
						       hz));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_cookie_recent(4999 - hz, 5000, valid,
							hz));
	/* across the jiffies wrap */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_cookie_recent(10, ULONG_MAX - 10,
						       valid, hz));
}

/*
 * The options in the TSval: every combination comes back from the echo;
 * the TSval never grows (Linux's cookie_init_timestamp()), and moves by
 * less than 2^6; a shift above 14 is sent as 14.
 */
static void cookie_ts_options(struct kunit *test)
{
	static const u32 tsvals[] = { 0, 1, 0x3f, 0x40, 0x12345678, U32_MAX };
	struct cnet_tcp_cookie_opts o, back;
	unsigned int i, w, bits;
	u32 ts;

	for (i = 0; i < ARRAY_SIZE(tsvals); i++) {
		for (w = 0; w <= 15; w++) {
			for (bits = 0; bits < 4; bits++) {
				o = (struct cnet_tcp_cookie_opts){
					.wscale_ok = w < 15, .snd_wscale = w,
					.sack_ok = bits & 1,
					.ecn_ok = bits & 2,
				};
				if (w == 15)
					o.snd_wscale = 0;
				ts = cnet_tcp_cookie_ts_encode(tsvals[i], &o);
				KUNIT_EXPECT_TRUE(test,
						  tsvals[i] - ts <
						  (1U << CNET_TCP_COOKIE_TS_BITS));
				cnet_tcp_cookie_ts_decode(ts, &back);
				KUNIT_EXPECT_EQ(test, back.wscale_ok,
						o.wscale_ok);
				KUNIT_EXPECT_EQ(test, back.snd_wscale,
						o.snd_wscale);
				KUNIT_EXPECT_EQ(test, back.sack_ok, o.sack_ok);
				KUNIT_EXPECT_EQ(test, back.ecn_ok, o.ecn_ok);
			}
		}
	}
	/* Linux's layout: the shift, then SACK (bit 4) and ECN (bit 5) */
	o = (struct cnet_tcp_cookie_opts){ .wscale_ok = true, .snd_wscale = 7,
					   .sack_ok = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_ts_encode(0x1000, &o), 0x0fd7U);
	o = (struct cnet_tcp_cookie_opts){ .ecn_ok = true };
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_ts_encode(0x103f, &o), 0x102fU);
	o = (struct cnet_tcp_cookie_opts){ .wscale_ok = true, .snd_wscale = 15 };
	KUNIT_EXPECT_EQ(test, cnet_tcp_cookie_ts_encode(0x1000, &o), 0x0fceU);
}

/* 0: as without cookies; 1: a full SYN queue sends one; 2: always. */
static void cookie_admission(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(5, 0, 4, 0),
			CNET_TCP_SYN_SYNQ_FULL);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(0, 0, 4, 0),
			CNET_TCP_SYN_ADMIT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(5, 0, 4, 1),
			CNET_TCP_SYN_COOKIE);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(4, 0, 4, 1),
			CNET_TCP_SYN_ADMIT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(0, 0, 4, 2),
			CNET_TCP_SYN_COOKIE);
	/* a full accept queue drops, cookies or not */
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(5, 5, 4, 1),
			CNET_TCP_SYN_ACCEPTQ_FULL);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(0, 5, 4, 2),
			CNET_TCP_SYN_ACCEPTQ_FULL);
	KUNIT_EXPECT_EQ(test, cnet_tcp_syn_admit_cookies(0, 5, 4, 1),
			CNET_TCP_SYN_ACCEPTQ_FULL);
}

static struct kunit_case cnet_tcp_cookie_cases[] = {
	KUNIT_CASE(cookie_valid_within_age),
	KUNIT_CASE(cookie_invalid_after_age),
	KUNIT_CASE(cookie_wrong_tuple),
	KUNIT_CASE(cookie_tampered),
	KUNIT_CASE(cookie_mss_table),
	KUNIT_CASE(cookie_recent),
	KUNIT_CASE(cookie_ts_options),
	KUNIT_CASE(cookie_admission),
	{}
};

static struct kunit_suite cnet_tcp_cookie_suite = {
	.name = "cnet_tcp_cookie",
	.test_cases = cnet_tcp_cookie_cases,
};

kunit_test_suite(cnet_tcp_cookie_suite);
