// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the pure ICMP code in icmp_hdr.c: when an error may be
 * sent, its quote and header, parsing a received error, its errno.
 */
#include <kunit/test.h>
#include <linux/in.h>

#include "../icmp_hdr.h"

/* A 20-byte header from 10.0.0.1 to 10.0.0.2 with @proto. */
static struct iphdr verdict_hdr(u8 proto)
{
	struct iphdr iph = {};

	cnet_ip_hdr_build(&iph, htonl(0x0a000001), htonl(0x0a000002), proto,
			  64, 0, 48, 0, 0);
	return iph;
}

static enum cnet_icmp_err_verdict verdict(const struct iphdr *iph, u8 l4type,
					  bool l2_bcast, bool dst_bcast)
{
	u8 l4[8] = { l4type };

	return cnet_icmp_error_allowed(iph, l4, sizeof(l4), l2_bcast, dst_bcast);
}

static void icmp_err_verdicts(struct kunit *test)
{
	static const u8 errors[] = { ICMP_DEST_UNREACH, ICMP_SOURCE_QUENCH,
				     ICMP_REDIRECT, ICMP_TIME_EXCEEDED,
				     ICMP_PARAMETERPROB };
	static const u8 queries[] = { ICMP_ECHO, ICMP_ECHOREPLY, ICMP_TIMESTAMP,
				      ICMP_TIMESTAMPREPLY, ICMP_INFO_REQUEST,
				      ICMP_ADDRESS, ICMP_ADDRESSREPLY };
	static const u32 bad_src[] = { 0, 0x00000001, 0xe0000001,
				       0xf0000001, 0xffffffff };
	struct iphdr udp = verdict_hdr(IPPROTO_UDP);
	struct iphdr icmp = verdict_hdr(IPPROTO_ICMP);
	struct iphdr iph;
	unsigned int i;

	/* allowed */
	KUNIT_EXPECT_EQ(test, verdict(&udp, 0, false, false), CNET_ICMP_ERR_OK);
	for (i = 0; i < ARRAY_SIZE(queries); i++)
		KUNIT_EXPECT_EQ(test, verdict(&icmp, queries[i], false, false),
				CNET_ICMP_ERR_OK);
	iph = udp;
	iph.frag_off = htons(CNET_IP_MF);	/* first fragment */
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false), CNET_ICMP_ERR_OK);
	iph.frag_off = htons(CNET_IP_DF);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false), CNET_ICMP_ERR_OK);

	/* an ICMP error, or an ICMP message too short to tell */
	for (i = 0; i < ARRAY_SIZE(errors); i++)
		KUNIT_EXPECT_EQ(test, verdict(&icmp, errors[i], false, false),
				CNET_ICMP_ERR_IS_ERROR);
	KUNIT_EXPECT_EQ(test, cnet_icmp_error_allowed(&icmp, NULL, 0, false,
						      false),
			CNET_ICMP_ERR_IS_ERROR);
	/* ... but a UDP packet's first byte is no ICMP type */
	KUNIT_EXPECT_EQ(test, verdict(&udp, ICMP_DEST_UNREACH, false, false),
			CNET_ICMP_ERR_OK);

	/* link-layer broadcast */
	KUNIT_EXPECT_EQ(test, verdict(&udp, 0, true, false),
			CNET_ICMP_ERR_L2_BCAST);
	/* subnet and limited broadcast */
	KUNIT_EXPECT_EQ(test, verdict(&udp, 0, false, true),
			CNET_ICMP_ERR_DST_BCAST);
	iph = udp;
	iph.daddr = htonl(INADDR_BROADCAST);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_DST_BCAST);
	/* multicast */
	iph.daddr = htonl(0xe0000001);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_DST_MCAST);
	iph.daddr = htonl(0xefffffff);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_DST_MCAST);
	/* non-first fragments, with MF set or not */
	iph = udp;
	iph.frag_off = htons(CNET_IP_MF | 1);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_FRAGMENT);
	iph.frag_off = htons(CNET_IP_OFFSET);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
			CNET_ICMP_ERR_FRAGMENT);
	/* a non-first fragment of an ICMP message is not parsed as one */
	iph = icmp;
	iph.frag_off = htons(8);
	KUNIT_EXPECT_EQ(test, verdict(&iph, ICMP_ECHO, false, false),
			CNET_ICMP_ERR_FRAGMENT);
	/* sources that are not one host */
	for (i = 0; i < ARRAY_SIZE(bad_src); i++) {
		iph = udp;
		iph.saddr = htonl(bad_src[i]);
		KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false),
				CNET_ICMP_ERR_BAD_SRC);
	}
	/* 127.0.0.0/8 is this host (it only comes by lo): answered */
	iph = udp;
	iph.saddr = htonl(0x7f000001);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false), CNET_ICMP_ERR_OK);
	iph.saddr = htonl(0x7fffffff);
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, false), CNET_ICMP_ERR_OK);
	/* but not when sent to a broadcast */
	KUNIT_EXPECT_EQ(test, verdict(&iph, 0, false, true),
			CNET_ICMP_ERR_DST_BCAST);
}

static void icmp_quote_len(struct kunit *test)
{
	/* 576 - 20 - 8 = 548 at most */
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 1500), 548);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(60, 1500), 548);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 548), 548);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 549), 548);
	/* short packets are quoted whole */
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 28), 28);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(20, 24), 24);
	KUNIT_EXPECT_EQ(test, cnet_icmp_quote_len(60, 100), 100);
}

static void icmp_err_build(struct kunit *test)
{
	u8 buf[8 + 28];
	struct icmphdr *icmph = (struct icmphdr *)buf;
	unsigned int i;

	for (i = 8; i < sizeof(buf); i++)
		buf[i] = i * 7;
	cnet_icmp_err_hdr_build(icmph, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
				htonl(1400), 28);
	KUNIT_EXPECT_EQ(test, buf[0], ICMP_DEST_UNREACH);
	KUNIT_EXPECT_EQ(test, buf[1], ICMP_FRAG_NEEDED);
	/* unused 16 bits, then the next-hop MTU (RFC 1191) */
	KUNIT_EXPECT_EQ(test, (__force u16)icmph->un.frag.__unused, 0);
	KUNIT_EXPECT_EQ(test, ntohs(icmph->un.frag.mtu), 1400);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(buf, sizeof(buf)), 0);
	KUNIT_EXPECT_EQ(test, buf[8], 8 * 7);	/* the quote is untouched */

	cnet_icmp_err_hdr_build(icmph, ICMP_REDIRECT, ICMP_REDIR_HOST,
				htonl(0x0a000001), 28);
	KUNIT_EXPECT_EQ(test, ntohl(icmph->un.gateway), 0x0a000001);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(buf, sizeof(buf)), 0);

	cnet_icmp_err_hdr_build(icmph, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0, 27);
	KUNIT_EXPECT_EQ(test, (__force u32)icmph->un.gateway, 0);
	KUNIT_EXPECT_EQ(test, (__force u16)cnet_csum(buf, 8 + 27), 0);
}

/*
 * An ICMP error (@type, @code) in @buf quoting an IPv4 header with @ihl
 * (options zero) from 10.0.0.1 to 10.0.0.2 of @proto, followed by @l4.
 * Returns the message's length.
 */
static unsigned int build_err(u8 *buf, u8 type, u8 code, u8 ihl, u8 proto,
			      const u8 *l4, unsigned int l4len)
{
	struct iphdr *q = (struct iphdr *)(buf + 8);
	unsigned int len = 8 + ihl * 4 + l4len;

	memset(buf, 0, len);
	cnet_ip_hdr_build(q, htonl(0x0a000001), htonl(0x0a000002), proto, 1,
			  0, ihl * 4 + 64, htons(9), 0);
	q->ihl = ihl;
	memcpy(buf + 8 + ihl * 4, l4, l4len);
	cnet_icmp_err_hdr_build((struct icmphdr *)buf, type, code,
				htonl(1400), len - 8);
	return len;
}

static void icmp_err_parse(struct kunit *test)
{
	static const u8 echo[8] = { ICMP_ECHO, 0, 0, 0, 0x12, 0x34, 0, 7 };
	static const u8 reply[8] = { ICMP_ECHOREPLY, 0, 0, 0, 0x12, 0x34 };
	static const u8 udp[8] = { 0x80, 0x00, 0x00, 0x35, 0, 8, 0, 0 };
	struct cnet_icmp_err e;
	unsigned int len;
	u8 buf[128];

	/* a quoted echo request: the ping socket's identifier */
	len = build_err(buf, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 5, IPPROTO_ICMP,
			echo, sizeof(echo));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_EQ(test, e.type, ICMP_TIME_EXCEEDED);
	KUNIT_EXPECT_EQ(test, e.code, ICMP_EXC_TTL);
	KUNIT_EXPECT_EQ(test, e.proto, IPPROTO_ICMP);
	KUNIT_EXPECT_EQ(test, ntohl(e.saddr), 0x0a000001);
	KUNIT_EXPECT_EQ(test, ntohl(e.daddr), 0x0a000002);
	KUNIT_EXPECT_EQ(test, e.l4_off, 28);
	KUNIT_EXPECT_TRUE(test, e.echo);
	KUNIT_EXPECT_EQ(test, ntohs(e.echo_id), 0x1234);

	/* options in the quoted header move the transport header */
	len = build_err(buf, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, 7,
			IPPROTO_ICMP, echo, sizeof(echo));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_EQ(test, e.l4_off, 36);
	KUNIT_EXPECT_TRUE(test, e.echo);
	KUNIT_EXPECT_EQ(test, ntohl(e.info), 1400);

	/* an echo reply, or UDP: no ping socket */
	len = build_err(buf, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 5,
			IPPROTO_ICMP, reply, sizeof(reply));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, e.echo);
	len = build_err(buf, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 5,
			IPPROTO_UDP, udp, sizeof(udp));
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, e.echo);
	KUNIT_EXPECT_EQ(test, e.proto, IPPROTO_UDP);

	/* a non-first fragment's data is no echo header */
	len = build_err(buf, ICMP_TIME_EXCEEDED, 0, 5, IPPROTO_ICMP, echo,
			sizeof(echo));
	((struct iphdr *)(buf + 8))->frag_off = htons(1);
	KUNIT_ASSERT_TRUE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, e.echo);

	/* refused: fewer than 8 bytes after the quoted header, ... */
	len = build_err(buf, ICMP_DEST_UNREACH, 0, 5, IPPROTO_UDP, udp, 7);
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	len = build_err(buf, ICMP_DEST_UNREACH, 0, 6, IPPROTO_UDP, udp, 4);
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, 8 + 19, &e));
	/* ... a quoted IHL below 5 or a version not 4, ... */
	len = build_err(buf, ICMP_DEST_UNREACH, 0, 5, IPPROTO_UDP, udp, 8);
	buf[8] = 0x44;
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	buf[8] = 0x65;
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
	/* ... and messages that are no errors */
	len = build_err(buf, ICMP_ECHOREPLY, 0, 5, IPPROTO_UDP, udp, 8);
	KUNIT_EXPECT_FALSE(test, cnet_icmp_err_parse(buf, len, &e));
}

static void icmp_err_errno(struct kunit *test)
{
	bool fatal;

	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_PORT_UNREACH, &fatal),
			-ECONNREFUSED);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_NET_UNREACH, &fatal),
			-ENETUNREACH);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_PROT_UNREACH, &fatal),
			-ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_FRAG_NEEDED, &fatal),
			-EMSGSIZE);
	KUNIT_EXPECT_FALSE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH,
						  ICMP_PKT_FILTERED, &fatal),
			-EHOSTUNREACH);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_DEST_UNREACH, 16,
						  &fatal), 0);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_TIME_EXCEEDED,
						  ICMP_EXC_TTL, &fatal),
			-EHOSTUNREACH);
	KUNIT_EXPECT_FALSE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_PARAMETERPROB, 0,
						  &fatal), -EPROTO);
	KUNIT_EXPECT_TRUE(test, fatal);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_SOURCE_QUENCH, 0,
						  &fatal), 0);
	KUNIT_EXPECT_EQ(test, cnet_icmp_err_errno(ICMP_REDIRECT, 0, &fatal), 0);
	KUNIT_EXPECT_FALSE(test, fatal);
}

static struct kunit_case cnet_icmp_hdr_cases[] = {
	KUNIT_CASE(icmp_err_verdicts),
	KUNIT_CASE(icmp_quote_len),
	KUNIT_CASE(icmp_err_build),
	KUNIT_CASE(icmp_err_parse),
	KUNIT_CASE(icmp_err_errno),
	{}
};

static struct kunit_suite cnet_icmp_hdr_suite = {
	.name = "cnet_icmp_hdr",
	.test_cases = cnet_icmp_hdr_cases,
};

kunit_test_suite(cnet_icmp_hdr_suite);
