// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure TCP code: sequence arithmetic across the 2^32
 * wrap (tcp_seq.h), and tcp_hdr.c: header checks, every malformed option
 * length, option building byte for byte against Linux's layout, build ->
 * parse round trips, whole segments and checksums against vectors computed
 * independently (scapy), ISNs, MSS, window scale, segment acceptability
 * and the receive window's silly-window avoidance.
 */
#include <kunit/test.h>
#include <linux/in.h>
#include <net/checksum.h>

#include "../tcp_hdr.h"
#include "../tcp_seq.h"

#define IP(a, b, c, d)	cpu_to_be32((a) << 24 | (b) << 16 | (c) << 8 | (d))

/* ---- sequence arithmetic (tcp_seq.h) ---------------------------------- */

static void tcp_seq_compare(struct kunit *test)
{
	/* plain order */
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(1, 2));
	KUNIT_EXPECT_FALSE(test, cnet_seq_before(2, 1));
	KUNIT_EXPECT_FALSE(test, cnet_seq_before(7, 7));
	KUNIT_EXPECT_FALSE(test, cnet_seq_after(7, 7));
	KUNIT_EXPECT_TRUE(test, cnet_seq_leq(7, 7));
	KUNIT_EXPECT_TRUE(test, cnet_seq_geq(7, 7));
	/* across 2^32: 0xffffffff comes before 0 */
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(0xffffffff, 0));
	KUNIT_EXPECT_TRUE(test, cnet_seq_after(0, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(0xfffffff0, 0x10));
	KUNIT_EXPECT_FALSE(test, cnet_seq_before(0x10, 0xfffffff0));
	KUNIT_EXPECT_TRUE(test, cnet_seq_leq(0xffffffff, 0));
	KUNIT_EXPECT_FALSE(test, cnet_seq_geq(0xffffffff, 0));
	KUNIT_EXPECT_TRUE(test, cnet_seq_geq(0, 0xffffffff));
	/* up to 2^31 - 1 apart the order holds both ways round */
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(0, 0x7fffffff));
	KUNIT_EXPECT_TRUE(test, cnet_seq_after(0x7fffffff, 0));
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(0x80000000, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(0xc0000000, 0x3fffffff));
	/* 2^31 apart or more the order turns round: 2^31 + 1 ahead is behind */
	KUNIT_EXPECT_TRUE(test, cnet_seq_after(0, 0x80000001));
	KUNIT_EXPECT_TRUE(test, cnet_seq_before(0x80000001, 0));
	/* max/min follow sequence order, not integer order */
	KUNIT_EXPECT_EQ(test, cnet_seq_max(0xffffffff, 1), 1U);
	KUNIT_EXPECT_EQ(test, cnet_seq_min(0xffffffff, 1), 0xffffffffU);
	KUNIT_EXPECT_EQ(test, cnet_seq_max(5, 3), 5U);
	KUNIT_EXPECT_EQ(test, cnet_seq_min(5, 3), 3U);
}

static void tcp_seq_between_wrap(struct kunit *test)
{
	/* inclusive at both ends */
	KUNIT_EXPECT_TRUE(test, cnet_seq_between(10, 10, 20));
	KUNIT_EXPECT_TRUE(test, cnet_seq_between(20, 10, 20));
	KUNIT_EXPECT_FALSE(test, cnet_seq_between(9, 10, 20));
	KUNIT_EXPECT_FALSE(test, cnet_seq_between(21, 10, 20));
	/* a range across 2^32 */
	KUNIT_EXPECT_TRUE(test, cnet_seq_between(0xfffffff0, 0xffffffe0, 0x10));
	KUNIT_EXPECT_TRUE(test, cnet_seq_between(0, 0xffffffe0, 0x10));
	KUNIT_EXPECT_TRUE(test, cnet_seq_between(0x10, 0xffffffe0, 0x10));
	KUNIT_EXPECT_FALSE(test, cnet_seq_between(0x11, 0xffffffe0, 0x10));
	KUNIT_EXPECT_FALSE(test, cnet_seq_between(0xffffffdf, 0xffffffe0, 0x10));
	KUNIT_EXPECT_FALSE(test, cnet_seq_between(0x80000000, 0xffffffe0, 0x10));
	/* a one-number range */
	KUNIT_EXPECT_TRUE(test, cnet_seq_between(0xffffffff, 0xffffffff,
						 0xffffffff));
	KUNIT_EXPECT_FALSE(test, cnet_seq_between(0, 0xffffffff, 0xffffffff));
}

/* ---- header check and build ------------------------------------------- */

static void tcp_hdr_checks(struct kunit *test)
{
	u8 buf[60] = {};
	struct tcphdr *th = (struct tcphdr *)buf;
	unsigned int doff;

	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(NULL, 0), CNET_TCP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(NULL, 60), CNET_TCP_SHORT);
	th->doff = 5;
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 0), CNET_TCP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 19), CNET_TCP_SHORT);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 20), CNET_TCP_OK);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 1500), CNET_TCP_OK);
	for (doff = 0; doff < 5; doff++) {
		th->doff = doff;
		KUNIT_EXPECT_EQ_MSG(test, cnet_tcp_hdr_check(th, 60),
				    CNET_TCP_BAD_DOFF, "doff %u", doff);
	}
	/* options exactly to the end of what was received, and one past */
	th->doff = 6;
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 24), CNET_TCP_OK);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 23), CNET_TCP_BAD_DOFF);
	/* a short segment is short before its data offset is looked at */
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 19), CNET_TCP_SHORT);
	th->doff = 15;
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 60), CNET_TCP_OK);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_check(th, 59), CNET_TCP_BAD_DOFF);
	KUNIT_EXPECT_EQ(test, cnet_tcp_hdr_len(th), 60U);
}

/* Each CNET_TCPF_ bit is the bit struct tcphdr names, on this machine. */
static void tcp_hdr_flags(struct kunit *test)
{
	static const u8 flags[] = {
		CNET_TCPF_FIN, CNET_TCPF_SYN, CNET_TCPF_RST, CNET_TCPF_PSH,
		CNET_TCPF_ACK, CNET_TCPF_URG, CNET_TCPF_ECE, CNET_TCPF_CWR,
	};
	struct tcphdr th;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		memset(&th, 0xff, sizeof(th));
		cnet_tcp_hdr_build(&th, 0, 0, 0, 0, flags[i], 0, 0);
		KUNIT_EXPECT_EQ(test, cnet_tcp_flags(&th), flags[i]);
		KUNIT_EXPECT_EQ(test, (int)th.fin, !!(flags[i] & CNET_TCPF_FIN));
		KUNIT_EXPECT_EQ(test, (int)th.syn, !!(flags[i] & CNET_TCPF_SYN));
		KUNIT_EXPECT_EQ(test, (int)th.rst, !!(flags[i] & CNET_TCPF_RST));
		KUNIT_EXPECT_EQ(test, (int)th.psh, !!(flags[i] & CNET_TCPF_PSH));
		KUNIT_EXPECT_EQ(test, (int)th.ack, !!(flags[i] & CNET_TCPF_ACK));
		KUNIT_EXPECT_EQ(test, (int)th.urg, !!(flags[i] & CNET_TCPF_URG));
		KUNIT_EXPECT_EQ(test, (int)th.ece, !!(flags[i] & CNET_TCPF_ECE));
		KUNIT_EXPECT_EQ(test, (int)th.cwr, !!(flags[i] & CNET_TCPF_CWR));
		/* the reserved bits are cleared, the data offset is 5 */
		KUNIT_EXPECT_EQ(test, (int)th.res1, 0);
		KUNIT_EXPECT_EQ(test, (int)th.doff, 5);
	}
}

/* ---- options: parsing what is malformed ------------------------------- */

/* Parse @len bytes of @b as a SYN's (@syn) options into @o. */
#define PARSE(b, syn, o)	cnet_tcp_opts_parse(b, sizeof(b), syn, o)

/* Nothing valid was found. */
static void expect_none(struct kunit *test, const struct cnet_tcp_opts *o,
			const char *what)
{
	KUNIT_EXPECT_FALSE_MSG(test, o->saw_mss, "%s", what);
	KUNIT_EXPECT_FALSE_MSG(test, o->saw_wscale, "%s", what);
	KUNIT_EXPECT_FALSE_MSG(test, o->sack_ok, "%s", what);
	KUNIT_EXPECT_FALSE_MSG(test, o->saw_ts, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, o->nr_sack, 0, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, o->mss, 0, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, o->wscale, 0, "%s", what);
}

/* Option lengths 0 and 1 end parsing; what came before is kept. */
static void tcp_opts_silly_lengths(struct kunit *test)
{
	static const u8 zero[] = { 8, 10, 0, 0, 0, 1, 0, 0, 0, 2,
				   2, 0, 5, 0xb4 };
	static const u8 one[] = { 8, 10, 0, 0, 0, 1, 0, 0, 0, 2,
				  3, 1, 7, 1 };
	static const u8 unknown_zero[] = { 30, 0, 2, 4, 5, 0xb4 };
	static const u8 first_one[] = { 2, 1, 2, 4, 5, 0xb4, 1, 1 };
	struct cnet_tcp_opts o;

	PARSE(zero, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_ts);
	KUNIT_EXPECT_EQ(test, o.tsval, 1U);
	KUNIT_EXPECT_EQ(test, o.tsecr, 2U);
	KUNIT_EXPECT_FALSE(test, o.saw_mss);
	PARSE(one, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_ts);
	KUNIT_EXPECT_FALSE(test, o.saw_wscale);
	/* an unknown kind of length 0 stops parsing too: the MSS is lost */
	PARSE(unknown_zero, true, &o);
	expect_none(test, &o, "unknown kind, length 0");
	PARSE(first_one, true, &o);
	expect_none(test, &o, "MSS of length 1 first");
}

/* An option running past the header is not parsed, nor anything after. */
static void tcp_opts_past_end(struct kunit *test)
{
	static const u8 ts_cut[] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const u8 b[] = { 2, 4, 5, 0xb4, 3, 3, 7, 1 };
	struct cnet_tcp_opts o;

	/* the timestamps option says 10 bytes, 9 remain */
	cnet_tcp_opts_parse(ts_cut, sizeof(ts_cut) - 1, false, &o);
	expect_none(test, &o, "timestamps cut short");
	cnet_tcp_opts_parse(ts_cut, sizeof(ts_cut), false, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_ts);
	/* window scale cut after its length byte: the MSS before is kept */
	cnet_tcp_opts_parse(b, 6, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_mss);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	KUNIT_EXPECT_FALSE(test, o.saw_wscale);
	/* only its kind byte is left */
	cnet_tcp_opts_parse(b, 5, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_mss);
	KUNIT_EXPECT_FALSE(test, o.saw_wscale);
	/* MSS of 4 with 3 bytes */
	cnet_tcp_opts_parse(b, 3, true, &o);
	expect_none(test, &o, "MSS cut short");
	cnet_tcp_opts_parse(b, 0, true, &o);
	expect_none(test, &o, "no options");
}

static void tcp_opts_mss(struct kunit *test)
{
	static const u8 ok[] = { 2, 4, 0x05, 0xb4 };
	static const u8 len5[] = { 2, 5, 0x05, 0xb4, 0, 3, 3, 7 };
	static const u8 len3[] = { 2, 3, 0x05, 1, 1, 1, 1, 1 };
	static const u8 zero[] = { 2, 4, 0, 0 };
	static const u8 twice[] = { 2, 4, 0x05, 0xb4, 2, 4, 0x02, 0x18 };
	struct cnet_tcp_opts o;

	PARSE(ok, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_mss);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	/* not on a SYN: ignored */
	PARSE(ok, false, &o);
	expect_none(test, &o, "MSS without SYN");
	/* a wrong length is skipped by that length; what follows counts */
	PARSE(len5, true, &o);
	KUNIT_EXPECT_FALSE(test, o.saw_mss);
	KUNIT_EXPECT_TRUE(test, o.saw_wscale);
	KUNIT_EXPECT_EQ(test, o.wscale, 7);
	PARSE(len3, true, &o);
	expect_none(test, &o, "MSS of length 3");
	/* MSS 0 is as if none (Linux ignores it too) */
	PARSE(zero, true, &o);
	expect_none(test, &o, "MSS 0");
	/* the last copy counts */
	PARSE(twice, true, &o);
	KUNIT_EXPECT_EQ(test, o.mss, 536);
}

static void tcp_opts_wscale(struct kunit *test)
{
	static const u8 vals[] = { 0, 1, 7, 14, 15, 16, 100, 255 };
	static const u8 len4[] = { 3, 4, 7, 0 };
	u8 b[4] = { 1, 3, 3, 0 };
	struct cnet_tcp_opts o;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vals); i++) {
		b[3] = vals[i];
		PARSE(b, true, &o);
		KUNIT_EXPECT_TRUE_MSG(test, o.saw_wscale, "shift %u", vals[i]);
		/* RFC 7323 2.3: more than 14 is used as 14 */
		KUNIT_EXPECT_EQ_MSG(test, o.wscale,
				    min_t(u8, vals[i], 14), "shift %u", vals[i]);
	}
	PARSE(b, false, &o);
	expect_none(test, &o, "window scale without SYN");
	PARSE(len4, true, &o);
	expect_none(test, &o, "window scale of length 4");
}

static void tcp_opts_sack_perm(struct kunit *test)
{
	static const u8 ok[] = { 1, 1, 4, 2 };
	static const u8 data3[] = { 4, 3, 0, 1 };
	static const u8 data4[] = { 4, 4, 0, 0, 2, 4, 5, 0xb4 };
	struct cnet_tcp_opts o;

	PARSE(ok, true, &o);
	KUNIT_EXPECT_TRUE(test, o.sack_ok);
	PARSE(ok, false, &o);
	expect_none(test, &o, "SACK-permitted without SYN");
	/* with data: ignored, skipped by its length */
	PARSE(data3, true, &o);
	expect_none(test, &o, "SACK-permitted of length 3");
	PARSE(data4, true, &o);
	KUNIT_EXPECT_FALSE(test, o.sack_ok);
	KUNIT_EXPECT_TRUE(test, o.saw_mss);
}

static void tcp_opts_timestamps(struct kunit *test)
{
	static const u8 ok[] = { 1, 1, 8, 10, 0xde, 0xad, 0xbe, 0xef,
				 0x80, 0, 0, 1 };
	static const u8 len9[] = { 8, 9, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1 };
	static const u8 len11[] = { 8, 11, 0, 0, 0, 1, 0, 0, 0, 2, 0, 1 };
	struct cnet_tcp_opts o;

	PARSE(ok, false, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_ts);
	KUNIT_EXPECT_EQ(test, o.tsval, 0xdeadbeefU);
	KUNIT_EXPECT_EQ(test, o.tsecr, 0x80000001U);
	PARSE(ok, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_ts);
	PARSE(len9, false, &o);
	expect_none(test, &o, "timestamps of length 9");
	PARSE(len11, false, &o);
	expect_none(test, &o, "timestamps of length 11");
}

static void tcp_opts_sack(struct kunit *test)
{
	static const u8 one[] = { 1, 1, 5, 10, 0, 0, 0, 1, 0, 0, 0, 2 };
	static const u8 four[] = { 1, 1, 5, 34,
				   0, 0, 0, 1, 0, 0, 0, 2,
				   0, 0, 0, 3, 0, 0, 0, 4,
				   0, 0, 0, 5, 0, 0, 0, 6,
				   0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 0x10 };
	static const u8 len3[] = { 5, 3, 0, 1 };
	static const u8 len11[] = { 5, 11, 0, 0, 0, 1, 0, 0, 0, 2, 0, 1 };
	static const u8 len2[] = { 5, 2, 1, 1 };
	struct cnet_tcp_opts o;

	PARSE(one, false, &o);
	KUNIT_EXPECT_EQ(test, o.nr_sack, 1);
	KUNIT_EXPECT_EQ(test, o.sack[0].start, 1U);
	KUNIT_EXPECT_EQ(test, o.sack[0].end, 2U);
	PARSE(four, false, &o);
	KUNIT_EXPECT_EQ(test, o.nr_sack, 4);
	KUNIT_EXPECT_EQ(test, o.sack[2].start, 5U);
	KUNIT_EXPECT_EQ(test, o.sack[3].start, 0xfffffff0U);
	KUNIT_EXPECT_EQ(test, o.sack[3].end, 0x10U);
	/* no SACK information on a SYN */
	PARSE(one, true, &o);
	expect_none(test, &o, "SACK on a SYN");
	PARSE(len3, false, &o);
	expect_none(test, &o, "SACK of length 3");
	PARSE(len11, false, &o);
	expect_none(test, &o, "SACK of length 11");
	PARSE(len2, false, &o);
	expect_none(test, &o, "SACK of no block");
}

static void tcp_opts_eol_nop_unknown(struct kunit *test)
{
	static const u8 eol_junk[] = { 0, 2, 4, 5, 0xb4, 3, 3, 7 };
	static const u8 after_eol[] = { 2, 4, 5, 0xb4, 0, 3, 3, 7 };
	static const u8 unknown[] = { 30, 6, 2, 4, 5, 0xb4,
				      254, 2, 3, 3, 7, 1 };
	static const u8 nops[CNET_TCP_MAX_OPTLEN] = {
		[0 ... CNET_TCP_MAX_OPTLEN - 1] = 1
	};
	static const u8 linux_syn[] = { 2, 4, 5, 0xb4, 4, 2, 8, 10,
					0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0,
					1, 3, 3, 7 };
	struct cnet_tcp_opts o;

	PARSE(eol_junk, true, &o);
	expect_none(test, &o, "junk after EOL");
	PARSE(after_eol, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_mss);
	KUNIT_EXPECT_FALSE(test, o.saw_wscale);
	/* unknown kinds are skipped by their length, the MSS inside not seen */
	PARSE(unknown, true, &o);
	KUNIT_EXPECT_FALSE(test, o.saw_mss);
	KUNIT_EXPECT_TRUE(test, o.saw_wscale);
	KUNIT_EXPECT_EQ(test, o.wscale, 7);
	PARSE(nops, true, &o);
	expect_none(test, &o, "all NOP");
	/* what a Linux SYN carries */
	PARSE(linux_syn, true, &o);
	KUNIT_EXPECT_TRUE(test, o.saw_mss && o.sack_ok && o.saw_ts &&
			  o.saw_wscale);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	KUNIT_EXPECT_EQ(test, o.tsval, 0x12345678U);
	KUNIT_EXPECT_EQ(test, o.tsecr, 0U);
	KUNIT_EXPECT_EQ(test, o.wscale, 7);
}

/* Parsing starts from a clean record. */
static void tcp_opts_parse_clears(struct kunit *test)
{
	struct cnet_tcp_opts o;

	memset(&o, 0xa5, sizeof(o));
	cnet_tcp_opts_parse(NULL, 0, true, &o);
	expect_none(test, &o, "stale record");
	KUNIT_EXPECT_EQ(test, o.tsval, 0U);
}

/* ---- options: building ------------------------------------------------ */

/* Build @o into a poisoned buffer; check the length and what lies past. */
static unsigned int build(struct kunit *test, u8 *buf,
			  const struct cnet_tcp_opts *o, bool syn)
{
	unsigned int len, i;

	memset(buf, 0xee, CNET_TCP_MAX_OPTLEN + 4);
	len = cnet_tcp_opts_build(buf, o, syn);
	KUNIT_EXPECT_EQ(test, len, cnet_tcp_opts_len(o, syn));
	KUNIT_EXPECT_EQ(test, len % 4, 0U);
	KUNIT_EXPECT_LE(test, len, CNET_TCP_MAX_OPTLEN);
	for (i = len; i < CNET_TCP_MAX_OPTLEN + 4; i++)
		KUNIT_EXPECT_EQ_MSG(test, buf[i], 0xee, "byte %u written", i);
	return len;
}

/* The words of a SYN as Linux lays them out, byte for byte. */
static void tcp_opts_build_syn_layout(struct kunit *test)
{
	static const u8 all[] = { 2, 4, 5, 0xb4, 4, 2, 8, 10,
				  0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 };
	static const u8 no_ts[] = { 2, 4, 5, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7 };
	static const u8 no_sack[] = { 2, 4, 0x23, 0x8c, 1, 1, 8, 10,
				      0x80, 0, 0, 0, 0, 0, 0, 9, 1, 3, 3, 14 };
	static const u8 mss_only[] = { 2, 4, 2, 0x18 };
	struct cnet_tcp_opts o = {
		.mss = 1460, .saw_mss = true, .wscale = 7, .saw_wscale = true,
		.sack_ok = true, .saw_ts = true, .tsval = 1,
		/* not sent on a SYN */
		.nr_sack = 1, .sack = { { 1, 2 } },
	};
	u8 buf[CNET_TCP_MAX_OPTLEN + 4];
	unsigned int len;

	len = build(test, buf, &o, true);
	KUNIT_EXPECT_EQ(test, len, sizeof(all));
	KUNIT_EXPECT_MEMEQ(test, buf, all, sizeof(all));

	o.saw_ts = false;
	len = build(test, buf, &o, true);
	KUNIT_EXPECT_EQ(test, len, sizeof(no_ts));
	KUNIT_EXPECT_MEMEQ(test, buf, no_ts, sizeof(no_ts));

	o = (struct cnet_tcp_opts){
		.mss = 9100, .saw_mss = true, .wscale = 14, .saw_wscale = true,
		.saw_ts = true, .tsval = 0x80000000, .tsecr = 9,
	};
	len = build(test, buf, &o, true);
	KUNIT_EXPECT_EQ(test, len, sizeof(no_sack));
	KUNIT_EXPECT_MEMEQ(test, buf, no_sack, sizeof(no_sack));

	o = (struct cnet_tcp_opts){ .mss = 536, .saw_mss = true };
	len = build(test, buf, &o, true);
	KUNIT_EXPECT_EQ(test, len, sizeof(mss_only));
	KUNIT_EXPECT_MEMEQ(test, buf, mss_only, sizeof(mss_only));

	o = (struct cnet_tcp_opts){};
	KUNIT_EXPECT_EQ(test, build(test, buf, &o, true), 0U);
}

/* After the handshake: timestamps and the SACK blocks that fit. */
static void tcp_opts_build_established(struct kunit *test)
{
	static const u8 ts_sack[] = { 1, 1, 8, 10, 0, 0, 0, 5, 0, 0, 0, 6,
				      1, 1, 5, 26,
				      0, 0, 0, 10, 0, 0, 0, 20,
				      0, 0, 0, 30, 0, 0, 0, 40,
				      0, 0, 0, 50, 0, 0, 0, 60 };
	struct cnet_tcp_opts o = {
		/* SYN-only options are not sent after */
		.mss = 1460, .saw_mss = true, .wscale = 7, .saw_wscale = true,
		.sack_ok = true,
		.saw_ts = true, .tsval = 5, .tsecr = 6,
		.nr_sack = 4,
		.sack = { { 10, 20 }, { 30, 40 }, { 50, 60 }, { 70, 80 } },
	};
	u8 buf[CNET_TCP_MAX_OPTLEN + 4];
	struct cnet_tcp_opts p;
	unsigned int len;

	/* with timestamps, 3 blocks fit in 40 bytes: the first 3 go */
	len = build(test, buf, &o, false);
	KUNIT_EXPECT_EQ(test, len, sizeof(ts_sack));
	KUNIT_EXPECT_MEMEQ(test, buf, ts_sack, sizeof(ts_sack));
	/* without, 4 */
	o.saw_ts = false;
	len = build(test, buf, &o, false);
	KUNIT_EXPECT_EQ(test, len, 36U);
	cnet_tcp_opts_parse(buf, len, false, &p);
	KUNIT_EXPECT_EQ(test, p.nr_sack, 4);
	KUNIT_EXPECT_EQ(test, p.sack[3].start, 70U);
	KUNIT_EXPECT_EQ(test, p.sack[3].end, 80U);
	KUNIT_EXPECT_FALSE(test, p.saw_ts);
	/* a count past the array is capped at 4 */
	o.nr_sack = 200;
	KUNIT_EXPECT_EQ(test, build(test, buf, &o, false), 36U);
	/* nothing to send */
	o.nr_sack = 0;
	KUNIT_EXPECT_EQ(test, build(test, buf, &o, false), 0U);
}

/* Every combination on a SYN and after: build, parse, the same again. */
static void tcp_opts_round_trip(struct kunit *test)
{
	struct cnet_tcp_opts o, p;
	u8 buf[CNET_TCP_MAX_OPTLEN + 4];
	unsigned int m, len, i;

	for (m = 0; m < 16; m++) {
		o = (struct cnet_tcp_opts){
			.saw_mss = m & 1, .mss = m & 1 ? 1400 + m : 0,
			.saw_wscale = m & 2, .wscale = m & 2 ? m - 1 : 0,
			.sack_ok = m & 4,
			.saw_ts = m & 8, .tsval = m & 8 ? 0xfffffff0 + m : 0,
			.tsecr = m & 8 ? m << 24 : 0,
		};
		len = build(test, buf, &o, true);
		cnet_tcp_opts_parse(buf, len, true, &p);
		KUNIT_EXPECT_MEMEQ_MSG(test, &p, &o, sizeof(o), "SYN mask %u", m);
	}
	for (m = 0; m < 2 * 5; m++) {
		o = (struct cnet_tcp_opts){
			.saw_ts = m & 1, .tsval = m & 1 ? m : 0,
			.tsecr = m & 1 ? ~m : 0,
			.nr_sack = m / 2,
		};
		for (i = 0; i < o.nr_sack; i++)
			o.sack[i] = (struct cnet_tcp_sack_block){
				0xffffff00 + i * 0x100, 0xffffff80 + i * 0x100
			};
		len = build(test, buf, &o, false);
		cnet_tcp_opts_parse(buf, len, false, &p);
		/* the 4th block does not fit with timestamps */
		if (o.saw_ts && o.nr_sack == 4) {
			KUNIT_EXPECT_EQ(test, p.nr_sack, 3);
			o.nr_sack = 3;
			o.sack[3] = (struct cnet_tcp_sack_block){};
		}
		KUNIT_EXPECT_MEMEQ_MSG(test, &p, &o, sizeof(o), "mask %u", m);
	}
}

/* ---- whole segments and checksums ------------------------------------- */

struct tcp_vec {
	const char	*name;
	__be32		saddr, daddr;
	u16		sport, dport;
	u32		seq, ack;
	u8		flags;
	u16		window;
	struct cnet_tcp_opts opts;
	bool		syn;
	const char	*data;
	unsigned int	len;		/* whole segment */
	const u8	*bytes;		/* as scapy builds it */
};

/* The segments and checksums were computed with scapy. */
static const struct tcp_vec tcp_vecs[] = {
	{ "PSH|ACK with timestamps", IP(10, 0, 1, 2), IP(10, 0, 1, 1),
	  40000, 80, 0x01020304, 0x0a0b0c0d, CNET_TCPF_PSH | CNET_TCPF_ACK,
	  502, { .saw_ts = true, .tsval = 0x11223344, .tsecr = 0x55667788 },
	  false, "cnet tcp", 40,
	  (const u8 *)"\x9c\x40\x00\x50\x01\x02\x03\x04\x0a\x0b\x0c\x0d"
	  "\x80\x18\x01\xf6\x49\xea\x00\x00\x01\x01\x08\x0a\x11\x22\x33\x44"
	  "\x55\x66\x77\x88\x63net tcp" },
	{ "FIN|ACK, odd length, sequence about to wrap", IP(192, 168, 0, 1),
	  IP(192, 168, 0, 199), 22, 51000, 0xfffffff0, 0x80000001,
	  CNET_TCPF_FIN | CNET_TCPF_ACK, 65535, {}, false, "hello world", 31,
	  (const u8 *)"\x00\x16\xc7\x38\xff\xff\xff\xf0\x80\x00\x00\x01"
	  "\x50\x11\xff\xff\x54\xa0\x00\x00hello world" },
	{ "SYN as Linux sends it", IP(10, 0, 0, 1), IP(10, 0, 0, 2),
	  12345, 443, 1, 0, CNET_TCPF_SYN, 64240,
	  { .saw_mss = true, .mss = 1460, .sack_ok = true, .saw_ts = true,
	    .tsval = 1, .saw_wscale = true, .wscale = 7 },
	  true, "", 40,
	  (const u8 *)"\x30\x39\x01\xbb\x00\x00\x00\x01\x00\x00\x00\x00"
	  "\xa0\x02\xfa\xf0\x07\x17\x00\x00\x02\x04\x05\xb4\x04\x02\x08\x0a"
	  "\x00\x00\x00\x01\x00\x00\x00\x00\x01\x03\x03\x07" },
};

/*
 * Build the segment of @v into @buf the way the output path will: header,
 * options, data, and the checksum field seeded for offload. Returns the
 * unfolded sum of the segment.
 */
static __wsum tcp_vec_build(struct kunit *test, const struct tcp_vec *v,
			    u8 *buf)
{
	struct tcphdr *th = (struct tcphdr *)buf;
	unsigned int optlen, hlen;

	optlen = cnet_tcp_opts_build(buf + sizeof(*th), &v->opts, v->syn);
	hlen = sizeof(*th) + optlen;
	cnet_tcp_hdr_build(th, htons(v->sport), htons(v->dport), v->seq,
			   v->ack, v->flags, v->window, optlen);
	memcpy(buf + hlen, v->data, v->len - hlen);
	KUNIT_EXPECT_EQ_MSG(test, cnet_tcp_hdr_check(th, v->len), CNET_TCP_OK,
			    "%s", v->name);
	KUNIT_EXPECT_EQ_MSG(test, cnet_tcp_hdr_len(th), hlen, "%s", v->name);
	th->check = cnet_tcp_pseudo_csum(v->saddr, v->daddr, v->len);
	return csum_partial(buf, v->len, 0);
}

static void tcp_segment_vectors(struct kunit *test)
{
	const struct tcp_vec *v;
	struct tcphdr *th;
	u8 buf[64];

	for (v = tcp_vecs; v < tcp_vecs + ARRAY_SIZE(tcp_vecs); v++) {
		th = (struct tcphdr *)buf;
		/* what an offloading device does: fold the sum, invert */
		th->check = csum_fold(tcp_vec_build(test, v, buf));
		KUNIT_EXPECT_MEMEQ_MSG(test, buf, v->bytes, v->len, "%s",
				       v->name);
		KUNIT_EXPECT_TRUE_MSG(test,
				      cnet_tcp_csum_ok(th->check, v->saddr,
						       v->daddr, v->len,
						       csum_partial(buf, v->len, 0)),
				      "%s", v->name);
		/* one bit of the last byte changed: refused */
		buf[v->len - 1] ^= 0x01;
		KUNIT_EXPECT_FALSE_MSG(test,
				       cnet_tcp_csum_ok(th->check, v->saddr,
							v->daddr, v->len,
							csum_partial(buf, v->len, 0)),
				       "%s, damaged", v->name);
		buf[v->len - 1] ^= 0x01;
		/* another source: the pseudo-header catches it */
		KUNIT_EXPECT_FALSE_MSG(test,
				       cnet_tcp_csum_ok(th->check,
							v->saddr ^ htonl(1),
							v->daddr, v->len,
							csum_partial(buf, v->len, 0)),
				       "%s, other source", v->name);
		/* another length: caught too */
		KUNIT_EXPECT_FALSE_MSG(test,
				       cnet_tcp_csum_ok(th->check, v->saddr,
							v->daddr, v->len + 2,
							csum_partial(buf, v->len, 0)),
				       "%s, other length", v->name);
	}
}

/* Unlike UDP, a 0 checksum field is no "no checksum": it is checked. */
static void tcp_csum_zero_checked(struct kunit *test)
{
	const struct tcp_vec *v = &tcp_vecs[0];
	u8 buf[64];

	tcp_vec_build(test, v, buf);
	((struct tcphdr *)buf)->check = 0;
	KUNIT_EXPECT_FALSE(test,
			   cnet_tcp_csum_ok(0, v->saddr, v->daddr, v->len,
					    csum_partial(buf, v->len, 0)));
}

/* ---- ISN, MSS, window scale ------------------------------------------- */

static void tcp_isn(struct kunit *test)
{
	siphash_key_t k1 = { { 1, 2 } }, k2 = { { 1, 3 } };
	__be32 a = IP(10, 0, 0, 1), b = IP(10, 0, 0, 2);
	__be16 p = htons(40000), q = htons(80);
	u64 t = 1000000000000ULL;
	u32 isn = cnet_tcp_isn(&k1, a, b, p, q, t);

	/* the same connection at the same time: the same number */
	KUNIT_EXPECT_EQ(test, cnet_tcp_isn(&k1, a, b, p, q, t), isn);
	/* any element of the 4-tuple or the key changes it */
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k2, a, b, p, q, t), isn);
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k1, b, a, p, q, t), isn);
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k1, a, b, q, p, t), isn);
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k1, a ^ htonl(1), b, p, q, t), isn);
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k1, a, b ^ htonl(1), p, q, t), isn);
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k1, a, b, htons(40001), q, t), isn);
	KUNIT_EXPECT_NE(test, cnet_tcp_isn(&k1, a, b, p, htons(81), t), isn);
	/* the clock: one tick every 64 ns */
	KUNIT_EXPECT_EQ(test, cnet_tcp_isn(&k1, a, b, p, q, t + 63), isn);
	KUNIT_EXPECT_EQ(test, cnet_tcp_isn(&k1, a, b, p, q, t + 64), isn + 1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_isn(&k1, a, b, p, q, t + 1000000000),
			isn + 15625000);
	/* and wraps round after 2^32 ticks (274.9 s) */
	KUNIT_EXPECT_EQ(test, cnet_tcp_isn(&k1, a, b, p, q, t + (64ULL << 32)),
			isn);
}

static void tcp_mss(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(1500), 1460);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(9000), 8960);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(576), 536);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(129), 89);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(128), 88);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(127), 88);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(68), 88);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(0), 88);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(65535), 65495);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_for_mtu(1 << 20), 65495);

	/* no MSS option: 536 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 0, 0), 536);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 1400, 0), 1400);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1400, 1460, 0), 1400);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 8960, 0), 1460);
	/* TCP_MAXSEG lowers it, never raises it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 1460, 1000), 1000);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 1460, 9000), 1460);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 0, 9000), 536);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 0, 100), 100);
	/* a peer (or a user) asking for tiny segments gets 48 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 1, 0), 48);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 47, 0), 48);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 49, 0), 49);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(1460, 1460, 1), 48);
	KUNIT_EXPECT_EQ(test, cnet_tcp_mss_clamp(88, 65535, 0), 88);
}

static void tcp_wscale(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(0), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(1), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(65535), 0);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(65536), 1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(131070), 1);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(131071), 2);
	/* Linux's default largest receive buffer, 6 MiB */
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(6 << 20), 7);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(0xffffU << 13), 13);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for((0xffffU << 13) + 1), 14);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(0xffffU << 14), 14);
	/* 1 GiB is just past 65535 << 14: 14 is the most there is */
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(1U << 30), 14);
	KUNIT_EXPECT_EQ(test, cnet_tcp_wscale_for(U32_MAX), 14);
}

/* ---- acceptability (RFC 9293 3.10.7.4) -------------------------------- */

struct acc_case {
	u32	seq, len, rcv_nxt, rcv_wnd;
	bool	ok;
	const char *what;
};

static const struct acc_case acc_cases[] = {
	/* length 0, window 0: only seq = RCV.NXT */
	{ 1000, 0, 1000, 0, true, "empty, zero window, at RCV.NXT" },
	{ 1001, 0, 1000, 0, false, "empty, zero window, past RCV.NXT" },
	{ 999, 0, 1000, 0, false, "empty, zero window, before RCV.NXT" },
	/* length 0, window > 0: seq in [RCV.NXT, RCV.NXT + WND) */
	{ 1000, 0, 1000, 100, true, "empty, at left edge" },
	{ 1099, 0, 1000, 100, true, "empty, at last octet" },
	{ 1100, 0, 1000, 100, false, "empty, at right edge" },
	{ 999, 0, 1000, 100, false, "empty, before" },
	/* length > 0, window 0: never, not even at RCV.NXT */
	{ 1000, 1, 1000, 0, false, "zero window probe" },
	{ 1000, 1460, 1000, 0, false, "data, zero window" },
	{ 999, 2, 1000, 0, false, "data over RCV.NXT, zero window" },
	/* length > 0, window > 0: first or last octet inside */
	{ 1000, 100, 1000, 100, true, "data filling the window" },
	{ 900, 101, 1000, 100, true, "old data whose last octet is new" },
	{ 900, 100, 1000, 100, false, "old data, last octet RCV.NXT - 1" },
	{ 1099, 50, 1000, 100, true, "first octet the window's last" },
	{ 1100, 1, 1000, 100, false, "first octet at the right edge" },
	{ 1, 1, 1000, 100, false, "far behind" },
	/*
	 * Neither end inside: refused, as the RFC's four cases say. A
	 * sender keeping to the window never sends past the right edge,
	 * and cnet never moves it left.
	 */
	{ 900, 300, 1000, 100, false, "covering the whole window" },
	/* SYN or FIN counted in the length */
	{ 1000, 1, 1000, 1, true, "FIN alone in a one-octet window" },
	/* across 2^32 */
	{ 0xfffffff0, 0, 0xfffffff0, 0x20, true, "empty at RCV.NXT, wrap" },
	{ 0x8, 0, 0xfffffff0, 0x20, true, "empty past 2^32, inside" },
	{ 0x10, 0, 0xfffffff0, 0x20, false, "empty past 2^32, right edge" },
	{ 0xffffffe0, 0x20, 0xfffffff0, 0x20, true, "last octet new, wrap" },
	{ 0xffffffe0, 0x10, 0xfffffff0, 0x20, false, "all old, wrap" },
	{ 0xf, 0x100, 0xfffffff0, 0x20, true, "first octet last, wrap" },
	{ 0xfffffffe, 4, 0, 100, true, "data spanning 2^32 into RCV.NXT" },
	{ 0, 0, 0, 0, true, "empty, zero window, RCV.NXT 0" },
	{ 0xffffffff, 0, 0, 0, false, "empty, zero window, 2^32 - 1" },
};

static void tcp_seq_acceptable(struct kunit *test)
{
	const struct acc_case *c;

	for (c = acc_cases; c < acc_cases + ARRAY_SIZE(acc_cases); c++)
		KUNIT_EXPECT_EQ_MSG(test,
				    cnet_tcp_seq_acceptable(c->seq, c->len,
							    c->rcv_nxt,
							    c->rcv_wnd),
				    c->ok, "%s", c->what);
}

/* ---- receive window (RFC 1122 4.2.3.3) -------------------------------- */

static void tcp_rcv_window_sws(struct kunit *test)
{
	/* window 0, less than an MSS free: stays shut */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(1000, 0, 1460, 0), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(1459, 0, 1460, 0), 0U);
	/* an MSS free: opens, fully */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(1460, 0, 1460, 0), 1460U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(30000, 0, 1460, 0), 30000U);
	/* the right edge moves by an MSS or not at all */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(6000, 5000, 1460, 0), 5000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(6459, 5000, 1460, 0), 5000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(6460, 5000, 1460, 0), 6460U);
	/* a buffer smaller than an MSS: half of it is the threshold */
	KUNIT_EXPECT_EQ(test, cnet_tcp_sws_thresh(1460, 1000), 500U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_sws_thresh(1460, 65535), 1460U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(499, 0,
						  cnet_tcp_sws_thresh(1460, 1000),
						  0), 0U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(600, 0,
						  cnet_tcp_sws_thresh(1460, 1000),
						  0), 600U);
	/* the whole buffer free opens it, however large the MSS */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(1000, 0,
						  cnet_tcp_sws_thresh(1460, 1000),
						  0), 1000U);
	/* no threshold: any growth */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(5001, 5000, 0, 0), 5001U);
	/* no more than the field holds */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(1 << 20, 0, 1460, 0),
			65535U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(U32_MAX, 0, 1460, 14),
			0xffffU << 14);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(1 << 20, 0, 1460, 7),
			1U << 20);
}

static void tcp_rcv_update_due(struct kunit *test)
{
	/*
	 * Over lo: a 212 KiB buffer (106240 of window), a sender whose
	 * segments are half its largest window seen (60000) sent one into
	 * the window; 46240 are left, which its next segment does not fit.
	 * The reader emptied the buffer: the window doubles, say it now
	 * (Linux does; waiting for two more segments of room left the
	 * sender to its zero-window probes).
	 */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rcv_update_due(106240, 46240, 106240,
							53120, 7));
	/* the buffer emptied, the window used up: say it */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rcv_update_due(106240, 0, 106240,
							53120, 7));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rcv_update_due(65536, 0, 65536, 1460,
							0));
	/* more than half the window still left: no update */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rcv_update_due(65536, 40000, 65536,
							 1460, 0));
	/* less than half the buffer free (Linux's __tcp_select_window()) */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rcv_update_due(30000, 0, 65536,
							 1460, 0));
	/* free, but the window would not double */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rcv_update_due(40000, 30000, 65536,
							 1460, 0));
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rcv_update_due(60000, 30000, 65536,
							1460, 0));
	/* an edge that silly-window avoidance keeps still: no update */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rcv_update_due(33000, 32000, 65536,
							 1460, 0));
	/* a nothing buffer, nothing to say */
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rcv_update_due(0, 0, 0, 1, 0));
	/* the largest values: no wrap, and the field's largest window */
	KUNIT_EXPECT_TRUE(test, cnet_tcp_rcv_update_due(U32_MAX, 0, U32_MAX,
							1460, 14));
	KUNIT_EXPECT_FALSE(test, cnet_tcp_rcv_update_due(U32_MAX, U32_MAX / 2,
							 U32_MAX, 1460, 14));
}

static void tcp_rcv_window_never_shrinks(struct kunit *test)
{
	/* the buffer filled up: what was offered stays offered */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(0, 5000, 1460, 0), 5000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(100, 5000, 1460, 0), 5000U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(5000, 5000, 1460, 0), 5000U);
	/* rounded up to the scale, so that the field still covers it */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(0, 5000, 1460, 7), 5120U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(0, 5120, 1460, 7), 5120U);
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(0, 1, 1460, 14), 16384U);
}

static void tcp_rcv_window_scale(struct kunit *test)
{
	/* a multiple of the scale, rounded up: less than one unit over */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(100000, 0, 1460, 7),
			100096U);
	/* a shift larger than an MSS: an open window is never scaled to 0 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(5000, 0, 1460, 14), 16384U);
	/* a shift over 14 is used as 14 */
	KUNIT_EXPECT_EQ(test, cnet_tcp_rcv_window(5000, 0, 1460, 20), 16384U);
}

/* Over a run of inputs: never below what is left, on the scale, capped. */
static void tcp_rcv_window_properties(struct kunit *test)
{
	u32 x = 12345, free, cur, mss, win, unit;
	unsigned int i;
	u8 ws;

	for (i = 0; i < 2000; i++) {
		x = x * 1103515245 + 12345;	/* any sequence will do */
		ws = (x >> 8) % 15;
		unit = 1U << ws;
		free = (x >> 3) % (0xffffU << ws);
		x = x * 1103515245 + 12345;
		cur = (x >> 5) % (0xffffU << ws);
		mss = 88 + (x >> 20) % 9000;
		win = cnet_tcp_rcv_window(free, cur, mss, ws);
		KUNIT_ASSERT_GE_MSG(test, win, cur, "%u %u %u %u",
				    free, cur, mss, ws);
		KUNIT_ASSERT_EQ_MSG(test, win % unit, 0U, "%u %u %u %u",
				    free, cur, mss, ws);
		KUNIT_ASSERT_LE(test, win, 0xffffU << ws);
		/* it moved: by an MSS at least, and onto the free space */
		if (win > round_up(cur, unit)) {
			KUNIT_ASSERT_GE(test, free - cur, mss);
			KUNIT_ASSERT_GE(test, win, free);
			KUNIT_ASSERT_LT(test, win - free, unit);
		} else {
			KUNIT_ASSERT_EQ(test, win, round_up(cur, unit));
		}
	}
}

static struct kunit_case cnet_tcp_hdr_cases[] = {
	KUNIT_CASE(tcp_seq_compare),
	KUNIT_CASE(tcp_seq_between_wrap),
	KUNIT_CASE(tcp_hdr_checks),
	KUNIT_CASE(tcp_hdr_flags),
	KUNIT_CASE(tcp_opts_silly_lengths),
	KUNIT_CASE(tcp_opts_past_end),
	KUNIT_CASE(tcp_opts_mss),
	KUNIT_CASE(tcp_opts_wscale),
	KUNIT_CASE(tcp_opts_sack_perm),
	KUNIT_CASE(tcp_opts_timestamps),
	KUNIT_CASE(tcp_opts_sack),
	KUNIT_CASE(tcp_opts_eol_nop_unknown),
	KUNIT_CASE(tcp_opts_parse_clears),
	KUNIT_CASE(tcp_opts_build_syn_layout),
	KUNIT_CASE(tcp_opts_build_established),
	KUNIT_CASE(tcp_opts_round_trip),
	KUNIT_CASE(tcp_segment_vectors),
	KUNIT_CASE(tcp_csum_zero_checked),
	KUNIT_CASE(tcp_isn),
	KUNIT_CASE(tcp_mss),
	KUNIT_CASE(tcp_wscale),
	KUNIT_CASE(tcp_seq_acceptable),
	KUNIT_CASE(tcp_rcv_window_sws),
	KUNIT_CASE(tcp_rcv_window_never_shrinks),
	KUNIT_CASE(tcp_rcv_update_due),
	KUNIT_CASE(tcp_rcv_window_scale),
	KUNIT_CASE(tcp_rcv_window_properties),
	{}
};

static struct kunit_suite cnet_tcp_hdr_suite = {
	.name = "cnet_tcp_hdr",
	.test_cases = cnet_tcp_hdr_cases,
};

kunit_test_suite(cnet_tcp_hdr_suite);
