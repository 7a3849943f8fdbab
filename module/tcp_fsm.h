/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a segment does to a synchronized or connecting TCP connection
 * (RFC 9293 3.10.7.3-4 "SEGMENT ARRIVES", with RFC 5961's challenge
 * ACKs): a pure function of the state, a summary of the segment and the
 * connection's variables. It returns what to do (CNET_TCP_DO_*) and the
 * next state; tcp_input.c does it. LISTEN and CLOSED are the passive
 * side's (tcp_minisock.c). KUnit: tests/tcp_fsm_test.c.
 */
#ifndef _CNET_TCP_FSM_H
#define _CNET_TCP_FSM_H

#include <linux/types.h>

/**
 * struct cnet_tcp_fsm_seg - the segment, as the state machine sees it
 * @seq: SEG.SEQ
 * @ack: SEG.ACK (meaningful with CNET_TCP_SEG_ACK)
 * @len: SEG.LEN: data bytes (SYN and FIN not counted)
 * @flags: CNET_TCP_SEG_*
 */
struct cnet_tcp_fsm_seg {
	u32	seq;
	u32	ack;
	u32	len;
	u8	flags;
};

#define CNET_TCP_SEG_SYN	0x01
#define CNET_TCP_SEG_ACK	0x02
#define CNET_TCP_SEG_RST	0x04
#define CNET_TCP_SEG_FIN	0x08

/**
 * struct cnet_tcp_fsm_vars - the connection's variables it needs
 * @iss: initial send sequence number
 * @snd_una: SND.UNA
 * @snd_nxt: SND.NXT
 * @max_window: the largest window the peer offered (RFC 5961 5.2)
 * @rcv_nxt: RCV.NXT
 * @rcv_wnd: RCV.WND
 * @fin_sent: our FIN was sent: it is the last sequence number before
 *	@snd_nxt
 */
struct cnet_tcp_fsm_vars {
	u32	iss;
	u32	snd_una;
	u32	snd_nxt;
	u32	max_window;
	u32	rcv_nxt;
	u32	rcv_wnd;
	bool	fin_sent;
};

/* What to do, bits of cnet_tcp_fsm()'s result */
#define CNET_TCP_DO_DROP	0x0001	/* nothing more of the segment */
#define CNET_TCP_DO_ACK		0x0002	/* send an ACK (now) */
#define CNET_TCP_DO_CHALLENGE	0x0004	/* RFC 5961 challenge ACK (rate limited) */
#define CNET_TCP_DO_RST		0x0008	/* reply <SEQ=SEG.ACK><CTL=RST> */
#define CNET_TCP_DO_RESET	0x0010	/* the connection is reset: report
					 * ECONNREFUSED (SYN-SENT), ECONNRESET
					 * (synchronized) or nothing (closing)
					 */
#define CNET_TCP_DO_ESTABLISH	0x0020	/* SYN-SENT: RCV.NXT = SEG.SEQ + 1, IRS */
#define CNET_TCP_DO_SYNACK	0x0040	/* simultaneous open: send SYN,ACK */
#define CNET_TCP_DO_UPDATE	0x0080	/* take the ACK: SND.UNA, window */
#define CNET_TCP_DO_DATA	0x0100	/* take the data */
#define CNET_TCP_DO_FIN		0x0200	/* take the FIN: RCV.NXT + 1, ACK it */
#define CNET_TCP_DO_TIMEWAIT	0x0400	/* (re)start the TIME_WAIT timer */
#define CNET_TCP_DO_CLOSE	0x0800	/* the connection is over: CLOSED */
#define CNET_TCP_DO_FIN_ACKED	0x1000	/* our FIN is acknowledged */

u32 cnet_tcp_fsm(int state, const struct cnet_tcp_fsm_seg *seg,
		 const struct cnet_tcp_fsm_vars *v, int *next);

#endif /* _CNET_TCP_FSM_H */
