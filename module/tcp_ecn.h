/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Explicit Congestion Notification for TCP (RFC 3168), with Linux's
 * tcp_ecn semantics. Pure functions of (state, what a segment says) that
 * return flags or actions: no skb, no socket, no lock. KUnit drives them
 * (tests/tcp_ecn_test.c); the glue is in tcp_input.c, tcp_output.c and
 * tcp_minisock.c.
 *
 * Negotiation (RFC 3168 6.1.1), per the namespace's tcp_ecn:
 *   0  off: never asks, never accepts;
 *   1  our SYN asks (ECE and CWR set: an "ECN-setup SYN"), and an
 *      ECN-setup SYN from a peer is accepted;
 *   2  (the default, as Linux) accepts an ECN-setup SYN, never asks.
 * A listener accepts a SYN with both ECE and CWR whose IP header is not
 * ECT (Linux: an ECT SYN is taken as a sign of a middlebox that rewrites
 * the field) and answers with ECE, not CWR, on its SYN-ACK. The SYN-ACK
 * of a SYN cookie never does: a cnet cookie has no timestamp to carry
 * the bit in (tcp_cookie.h), so a connection made from a cookie has no
 * ECN. Our SYN that asked sees ECN agreed only if the SYN-ACK has ECE
 * and not CWR; an ECE on a SYN-ACK we did not ask for is ignored. A SYN
 * sent again goes without ECE and CWR, and the connection without ECN
 * (Linux's tcp_ecn_fallback: the peer or a middlebox may drop them).
 *
 * On a connection with ECN:
 * - sender: new data goes with ECT(0) in the IP header; pure ACKs,
 *   retransmissions (RFC 3168 6.1.5), window probes of old data, SYNs and
 *   RSTs go Not-ECT. An ACK with ECE (not a SYN) is handed to congestion
 *   control (struct cnet_tcp_cc_ack's @ece): tcp_recovery.c reduces cwnd
 *   once per window (its @in_cwr and @recover are the window end) and
 *   says CNET_TCP_CC_CWR; a fast retransmit or a timeout reduces it too.
 *   After any reduction the next new data segment carries CWR (6.1.2).
 * - receiver: a data segment with CE in its IP header sets ECE on every
 *   ACK we send until a segment with CWR arrives (6.1.3); CWR is taken
 *   before CE, so a segment with both keeps ECE on. The first CE (and a
 *   data segment with CWR) is acknowledged at once, as Linux's quick ACK.
 *   Any ECT or CE seen sets @seen (TCP_INFO's TCPI_OPT_ECN_SEEN, as
 *   Linux's TCP_ECN_SEEN).
 *
 * Use, under the socket lock:
 * - connect(): cnet_tcp_ecn_syn_flags(mode) onto the SYN, @ok = asked;
 *   the SYN-ACK: cnet_tcp_ecn_synack_ok(); a SYN sent again:
 *   cnet_tcp_ecn_syn_retrans();
 * - a listener: cnet_tcp_ecn_syn_accept(), then
 *   cnet_tcp_ecn_synack_flags() onto the SYN-ACK;
 * - each segment sent: cnet_tcp_ecn_tx() (TCP flags to add, the IP ECN
 *   codepoint to put under the TOS byte's ECN field);
 * - each segment received: cnet_tcp_ecn_rcv() for a data segment (CE,
 *   CWR), cnet_tcp_ecn_ece() for the ACK's ECE; cnet_tcp_ecn_reduced()
 *   when congestion control reduced cwnd.
 */
#ifndef _CNET_TCP_ECN_H
#define _CNET_TCP_ECN_H

#include <linux/types.h>

/* The namespace's tcp_ecn, as Linux's net.ipv4.tcp_ecn */
#define CNET_TCP_ECN_OFF	0	/* neither asks nor accepts */
#define CNET_TCP_ECN_ON		1	/* asks on connect(), accepts */
#define CNET_TCP_ECN_SERVER	2	/* accepts only (the default) */

/* The ECN field of the IP header (RFC 3168 5), the TOS byte's low bits */
#define CNET_IP_ECN_MASK	0x03
#define CNET_IP_ECN_NOT_ECT	0x00
#define CNET_IP_ECN_ECT_1	0x01
#define CNET_IP_ECN_ECT_0	0x02
#define CNET_IP_ECN_CE		0x03

/* What cnet_tcp_ecn_rcv() asks of the caller */
#define CNET_TCP_ECN_ACK_NOW	0x01	/* acknowledge this segment at once */
#define CNET_TCP_ECN_CE		0x02	/* it had CE (count it) */

/**
 * struct cnet_tcp_ecn - one connection's ECN state
 * @ok: ECN agreed (in SYN-SENT: our SYN asked for it)
 * @ece_pending: CE was received: ECE on our ACKs until CWR comes (Linux's
 *	TCP_ECN_DEMAND_CWR)
 * @cwr_pending: cwnd was reduced: CWR on the next new data segment
 *	(Linux's TCP_ECN_QUEUE_CWR)
 * @seen: a segment with ECT or CE was received (Linux's TCP_ECN_SEEN)
 */
struct cnet_tcp_ecn {
	bool	ok;
	bool	ece_pending;
	bool	cwr_pending;
	bool	seen;
};

u8 cnet_tcp_ecn_syn_flags(u8 mode);
void cnet_tcp_ecn_syn_retrans(struct cnet_tcp_ecn *e, u8 *flags);
bool cnet_tcp_ecn_synack_ok(bool asked, u8 flags);
bool cnet_tcp_ecn_syn_accept(u8 mode, u8 flags, u8 ip_ecn);
u8 cnet_tcp_ecn_synack_flags(bool ok);
u8 cnet_tcp_ecn_tx(struct cnet_tcp_ecn *e, bool new_data, u8 flags,
		   u8 *ip_ecn);
u32 cnet_tcp_ecn_rcv(struct cnet_tcp_ecn *e, u8 ip_ecn, u8 flags);
bool cnet_tcp_ecn_ece(const struct cnet_tcp_ecn *e, u8 flags);
void cnet_tcp_ecn_reduced(struct cnet_tcp_ecn *e);

/* The TOS byte @tos with its ECN field set to @ip_ecn */
static inline u8 cnet_tcp_ecn_tos(u8 tos, u8 ip_ecn)
{
	return (tos & ~CNET_IP_ECN_MASK) | (ip_ecn & CNET_IP_ECN_MASK);
}

#endif /* _CNET_TCP_ECN_H */
