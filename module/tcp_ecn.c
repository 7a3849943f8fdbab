// SPDX-License-Identifier: GPL-2.0
/*
 * ECN for TCP (RFC 3168): pure decisions, see tcp_ecn.h.
 */
#include "tcp_ecn.h"
#include "tcp_hdr.h"

#define ECN_SETUP	(CNET_TCPF_ECE | CNET_TCPF_CWR)

/**
 * cnet_tcp_ecn_syn_flags - the ECN flags of our SYN (connect())
 * @mode: the namespace's tcp_ecn
 *
 * Return: ECE | CWR (an ECN-setup SYN, RFC 3168 6.1.1) with tcp_ecn 1,
 * else 0: mode 2 only accepts, so our SYN stays as without ECN.
 */
u8 cnet_tcp_ecn_syn_flags(u8 mode)
{
	return mode == CNET_TCP_ECN_ON ? ECN_SETUP : 0;
}

/**
 * cnet_tcp_ecn_syn_retrans - our SYN goes again
 * @e: the connection's state (SYN-SENT)
 * @flags: the SYN's TCP flags, ECE and CWR taken off
 *
 * As Linux's tcp_ecn_fallback (on by default): the first SYN was not
 * answered, perhaps because something on the path drops ECN-setup SYNs;
 * the next goes without, and the connection does without ECN.
 */
void cnet_tcp_ecn_syn_retrans(struct cnet_tcp_ecn *e, u8 *flags)
{
	*flags &= ~ECN_SETUP;
	e->ok = false;
}

/**
 * cnet_tcp_ecn_synack_ok - is ECN agreed, seen from SYN-SENT?
 * @asked: our SYN asked for it (and was not sent again without)
 * @flags: the SYN-ACK's TCP flags
 *
 * Return: true if we asked and the SYN-ACK has ECE and not CWR (RFC 3168
 * 6.1.1; a SYN-ACK with both is a peer reflecting the bits, not
 * agreeing). ECE on a SYN-ACK we did not ask for means nothing.
 */
bool cnet_tcp_ecn_synack_ok(bool asked, u8 flags)
{
	return asked && (flags & ECN_SETUP) == CNET_TCPF_ECE;
}

/**
 * cnet_tcp_ecn_syn_accept - does a listener agree to ECN?
 * @mode: the namespace's tcp_ecn
 * @flags: the SYN's TCP flags
 * @ip_ecn: the ECN field of the SYN's IP header
 *
 * Return: true for an ECN-setup SYN (ECE and CWR) with tcp_ecn 1 or 2,
 * whose IP header is Not-ECT: a SYN is never sent ECT (RFC 3168 6.1.1),
 * so an ECT one says the field is rewritten on the path and cannot be
 * trusted (as Linux's tcp_ecn_create_request()).
 */
bool cnet_tcp_ecn_syn_accept(u8 mode, u8 flags, u8 ip_ecn)
{
	return mode != CNET_TCP_ECN_OFF && (flags & ECN_SETUP) == ECN_SETUP &&
	       (ip_ecn & CNET_IP_ECN_MASK) == CNET_IP_ECN_NOT_ECT;
}

/**
 * cnet_tcp_ecn_synack_flags - the ECN flags of a listener's SYN-ACK
 * @ok: cnet_tcp_ecn_syn_accept() agreed
 *
 * Return: ECE alone (an ECN-setup SYN-ACK), or 0.
 */
u8 cnet_tcp_ecn_synack_flags(bool ok)
{
	return ok ? CNET_TCPF_ECE : 0;
}

/**
 * cnet_tcp_ecn_tx - ECN of a segment about to be sent
 * @e: the connection's state
 * @new_data: the segment carries data never sent before (not a
 *	retransmission, not a pure ACK, not a SYN)
 * @flags: its TCP flags so far
 * @ip_ecn: the ECN field its IP header must have
 *
 * Without ECN nothing is added and @ip_ecn is left alone (the socket's
 * IP_TOS decides). With ECN: new data is ECT(0) and takes a pending CWR
 * (which it clears); everything else is Not-ECT; every segment but a SYN
 * or RST carries ECE while CE waits for the peer's CWR.
 *
 * Return: the TCP flags to add (ECE, CWR).
 */
u8 cnet_tcp_ecn_tx(struct cnet_tcp_ecn *e, bool new_data, u8 flags,
		   u8 *ip_ecn)
{
	u8 add = 0;

	if (!e->ok || (flags & (CNET_TCPF_SYN | CNET_TCPF_RST))) {
		if (e->ok)
			*ip_ecn = CNET_IP_ECN_NOT_ECT;
		return 0;
	}
	*ip_ecn = CNET_IP_ECN_NOT_ECT;
	if (new_data) {
		*ip_ecn = CNET_IP_ECN_ECT_0;
		if (e->cwr_pending) {
			e->cwr_pending = false;
			add |= CNET_TCPF_CWR;
		}
	}
	if (e->ece_pending)
		add |= CNET_TCPF_ECE;
	return add;
}

/**
 * cnet_tcp_ecn_rcv - a data segment arrived on the connection
 * @e: the connection's state
 * @ip_ecn: the ECN field of its IP header
 * @flags: its TCP flags
 *
 * CWR ends ECE (RFC 3168 6.1.3) and asks for an ACK at once (the sender
 * may be down to one segment); then CE begins it again. The first CE is
 * acknowledged at once too (Linux's quick ACK on CE).
 *
 * Return: CNET_TCP_ECN_* bits for the caller; 0 without ECN.
 */
u32 cnet_tcp_ecn_rcv(struct cnet_tcp_ecn *e, u8 ip_ecn, u8 flags)
{
	u32 act = 0;

	if (!e->ok)
		return 0;
	if (flags & CNET_TCPF_CWR) {
		e->ece_pending = false;
		act |= CNET_TCP_ECN_ACK_NOW;
	}
	switch (ip_ecn & CNET_IP_ECN_MASK) {
	case CNET_IP_ECN_CE:
		if (!e->ece_pending) {
			e->ece_pending = true;
			act |= CNET_TCP_ECN_ACK_NOW;
		}
		act |= CNET_TCP_ECN_CE;
		e->seen = true;
		break;
	case CNET_IP_ECN_ECT_0:
	case CNET_IP_ECN_ECT_1:
		e->seen = true;
		break;
	default:
		break;
	}
	return act;
}

/**
 * cnet_tcp_ecn_ece - does an ACK echo congestion to us?
 * @e: the connection's state
 * @flags: the ACK's TCP flags
 *
 * Return: true for ECE on a connection with ECN, but not on a SYN (a
 * SYN-ACK's ECE is negotiation, RFC 3168 6.1.1).
 */
bool cnet_tcp_ecn_ece(const struct cnet_tcp_ecn *e, u8 flags)
{
	return e->ok && (flags & (CNET_TCPF_ECE | CNET_TCPF_SYN)) ==
			CNET_TCPF_ECE;
}

/**
 * cnet_tcp_ecn_reduced - congestion control reduced cwnd
 * @e: the connection's state
 *
 * For an ECE, a fast retransmit or a timeout alike (RFC 3168 6.1.2): the
 * next new data segment carries CWR. Nothing without ECN.
 */
void cnet_tcp_ecn_reduced(struct cnet_tcp_ecn *e)
{
	if (e->ok)
		e->cwr_pending = true;
}
