// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: TCP's wire code (module/tcp_hdr.c). The input: a flags byte
 * (bit 0: the segment is a SYN), four u32 for the sequence check (seq,
 * len, rcv_nxt, rcv_wnd), then a TCP segment from its header on, in an
 * exact-size buffer.
 *
 *  - cnet_tcp_hdr_check() accepts a data offset of at least 5 whose
 *    header is within the bytes received, and reads no further;
 *  - cnet_tcp_opts_parse() of the options of an accepted header reads
 *    nothing past them; what it returns keeps its limits (a shift <= 14,
 *    at most 4 SACK blocks; MSS, window scale, SACK-permitted on a SYN
 *    only, SACK blocks never on one; an MSS of 0 is none);
 *  - cnet_tcp_opts_build() of them writes what cnet_tcp_opts_len() says,
 *    a multiple of 4 within 40 bytes, and parses back to the same
 *    options (on a SYN all it sends; after, timestamps and the SACK
 *    blocks that fit: 3 with timestamps, else 4);
 *  - cnet_tcp_seq_acceptable() is RFC 793's table of the four cases, on
 *    sequence space across the wrap.
 */
#include "../fuzz.h"

#include "../../module/tcp_hdr.c"

static bool in_window(u32 x, u32 rcv_nxt, u32 wnd)
{
	return x - rcv_nxt < wnd;
}

static void check_seq(u32 seq, u32 len, u32 rcv_nxt, u32 wnd)
{
	bool want;

	wnd &= 0x7fffffff;		/* RCV.WND < 2^31 */
	len &= 0xffff;
	if (!len)
		want = wnd ? in_window(seq, rcv_nxt, wnd) : seq == rcv_nxt;
	else
		want = wnd && (in_window(seq, rcv_nxt, wnd) ||
			       in_window(seq + len - 1, rcv_nxt, wnd));
	FUZZ_CHECK(cnet_tcp_seq_acceptable(seq, len, rcv_nxt, wnd) == want);
}

static void check_opts(const u8 *opt, unsigned int len, bool syn)
{
	struct cnet_tcp_opts o, back;
	unsigned int n, fit;
	u8 *in = fuzz_dup(opt, len), *out;

	memset(&o, 0, sizeof(o));
	cnet_tcp_opts_parse(in, len, syn, &o);
	FUZZ_CHECK(!o.saw_wscale || o.wscale <= 14);
	FUZZ_CHECK(o.nr_sack <= 4);
	FUZZ_CHECK(!o.saw_mss || o.mss);
	if (syn)
		FUZZ_CHECK(!o.nr_sack);
	else
		FUZZ_CHECK(!o.saw_mss && !o.saw_wscale && !o.sack_ok);
	free(in);

	out = malloc(40);
	if (!out)
		abort();
	n = cnet_tcp_opts_build(out, &o, syn);
	FUZZ_CHECK(n == cnet_tcp_opts_len(&o, syn) && n <= 40 && !(n % 4));
	memset(&back, 0, sizeof(back));
	cnet_tcp_opts_parse(out, n, syn, &back);
	FUZZ_CHECK(back.saw_ts == o.saw_ts);
	if (o.saw_ts)
		FUZZ_CHECK(back.tsval == o.tsval && back.tsecr == o.tsecr);
	if (syn) {
		FUZZ_CHECK(back.saw_mss == o.saw_mss && back.mss == o.mss &&
			   back.saw_wscale == o.saw_wscale &&
			   back.wscale == o.wscale && back.sack_ok == o.sack_ok);
	} else {
		fit = min_t(unsigned int, o.nr_sack, o.saw_ts ? 3 : 4);
		FUZZ_CHECK(back.nr_sack == fit);
		FUZZ_CHECK(!memcmp(back.sack, o.sack,
				   fit * sizeof(o.sack[0])));
	}
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	bool syn = fuzz_u8(&in) & 1;
	u32 seq = fuzz_u32(&in), len = fuzz_u32(&in);
	u32 rcv_nxt = fuzz_u32(&in), wnd = fuzz_u32(&in);
	const struct tcphdr *th;
	enum cnet_tcp_check r;
	unsigned int hlen;
	size_t got;
	const u8 *p;
	u8 *seg;

	check_seq(seq, len, rcv_nxt, wnd);
	p = fuzz_bytes(&in, in.left, &got);
	seg = fuzz_dup(p, got);
	th = (const struct tcphdr *)seg;
	r = cnet_tcp_hdr_check(got >= sizeof(*th) ? th : NULL, got);
	FUZZ_CHECK(r <= CNET_TCP_BAD_DOFF);
	FUZZ_CHECK((r == CNET_TCP_SHORT) == (got < sizeof(*th)));
	if (r == CNET_TCP_OK) {
		hlen = cnet_tcp_hdr_len(th);
		FUZZ_CHECK(th->doff >= 5 && hlen <= got);
		check_opts(seg + sizeof(*th), hlen - sizeof(*th), syn);
	}
	free(seg);
	return 0;
}
