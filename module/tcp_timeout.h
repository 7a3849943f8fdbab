/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When a TCP connection gives up, and how long it waits before asking
 * again, as Linux decides it (net/ipv4/tcp_timer.c): pure functions of a
 * clock and a few numbers, no socket, no lock. tcp_timer.c is the glue;
 * tests/tcp_timeout_test.c drives them with a fake clock.
 *
 * Times are u32 ticks (jiffies in the glue; any unit, the same for all
 * arguments), compared by wrap-safe signed differences: a clock that
 * wraps past 2^32 changes nothing.
 *
 * Keepalive (RFC 1122 4.2.3.6, SO_KEEPALIVE): once nothing was received
 * for @idle and nothing is in flight or waits to be sent, a probe (a
 * segment the peer must answer: an old sequence number, no data) every
 * @intvl; after @probes unanswered ones the connection ends (ETIMEDOUT,
 * with a RST). With a user timeout, it ends instead once nothing was
 * received for that long and at least one probe went unanswered.
 *
 * Retransmission: the connection ends when the time since the original
 * transmission of the first segment sent again reaches what @boundary
 * retransmissions backed off from RTO_MIN would take (Linux's
 * tcp_model_timeout(): 924.6 s for tcp_retries2's 15), or the user
 * timeout when there is one. A SYN also ends after @boundary
 * retransmissions (TCP_SYNCNT).
 *
 * Zero-window probes: never end a connection whose peer answers them
 * (RFC 1122 4.2.2.17), but end it after @max_probes unanswered ones, or
 * once the window stayed closed for the user timeout since the first
 * probe. An orphan (closed by its user) gives up sooner: the orphan
 * retries (Linux's tcp_orphan_retries, 0 meaning 8).
 *
 * TCP_DEFER_ACCEPT: seconds become SYN-ACK retransmissions as Linux
 * counts them (1 s doubling, at most 120 s each); while the request has
 * had fewer timeouts than that, a bare ACK does not make the connection,
 * and the SYN-ACK is not sent again until the last of them.
 */
#ifndef _CNET_TCP_TIMEOUT_H
#define _CNET_TCP_TIMEOUT_H

#include <linux/types.h>

/* Socket option bounds, as Linux's (include/net/tcp.h) */
#define CNET_TCP_MAX_KEEPIDLE		32767	/* s */
#define CNET_TCP_MAX_KEEPINTVL		32767	/* s */
#define CNET_TCP_MAX_KEEPCNT		127
#define CNET_TCP_MAX_SYNCNT		127
#define CNET_TCP_FIN_TIMEOUT_MAX_S	120	/* TCP_LINGER2, tcp_fin_timeout_s at most */
/* Per-namespace defaults, as Linux's sysctls */
#define CNET_TCP_KEEPALIVE_TIME_S	7200
#define CNET_TCP_KEEPALIVE_INTVL_S	75
#define CNET_TCP_KEEPALIVE_PROBES	9
#define CNET_TCP_ORPHAN_RETRIES		0	/* 0: 8 while alive */
#define CNET_TCP_FIN_TIMEOUT_S		60	/* an orphan's FIN-WAIT-2 */
/*
 * The namespace's retry counts (tcp_synack_retries, tcp_retries2,
 * tcp_orphan_retries) at most: Linux's, whose are u8. The retransmission
 * counts they bound saturate at 255 too (cnet_rto_on_timeout()).
 */
#define CNET_TCP_MAX_RETRIES		255

/* What a timer event does now */
enum cnet_tcp_to_act {
	CNET_TCP_TO_WAIT,	/* nothing: ask again in *@next */
	CNET_TCP_TO_PROBE,	/* send a probe, ask again in *@next */
	CNET_TCP_TO_ABORT,	/* the connection ends: ETIMEDOUT */
};

/**
 * struct cnet_tcp_ka - a connection's keepalive settings, in ticks
 * @idle: TCP_KEEPIDLE: quiet time before the first probe
 * @intvl: TCP_KEEPINTVL: between probes
 * @probes: TCP_KEEPCNT: unanswered probes before giving up
 * @user_timeout: TCP_USER_TIMEOUT, 0 for none
 */
struct cnet_tcp_ka {
	u32	idle;
	u32	intvl;
	u32	probes;
	u32	user_timeout;
};

enum cnet_tcp_to_act cnet_tcp_keepalive(const struct cnet_tcp_ka *ka, u32 now,
					u32 last_rcv, u32 probes_out,
					bool busy, u32 *next);

/**
 * struct cnet_tcp_wto - what the retransmission timer knows at an expiry
 * @start: when the first segment being retransmitted was first sent
 * @retransmits: retransmissions so far (this expiry's not counted)
 * @boundary: retransmissions allowed (tcp_retries2, the orphan retries,
 *	the SYN retries)
 * @rto_base: the first RTO of the model (RTO_MIN; a SYN's initial RTO)
 * @rto_max: the RTO's ceiling
 * @user_timeout: TCP_USER_TIMEOUT in ticks, 0 for none
 * @syn: SYN-SENT or SYN-RECEIVED: @boundary counts retransmissions
 * @syn_linear: the linear timeouts a SYN-SENT adds to that count (the
 *	time allowed stays the model's for @boundary)
 */
struct cnet_tcp_wto {
	u32	start;
	u32	retransmits;
	u32	boundary;
	u32	rto_base;
	u32	rto_max;
	u32	user_timeout;
	bool	syn;
	u32	syn_linear;
};

u32 cnet_tcp_model_timeout(u32 boundary, u32 rto_base, u32 rto_max);
bool cnet_tcp_write_timed_out(const struct cnet_tcp_wto *w, u32 now);
u32 cnet_tcp_clamp_rto(u32 rto, u32 now, u32 start, u32 user_timeout);
u32 cnet_tcp_orphan_retries(u32 setting, bool err_soft, bool alive);

/**
 * struct cnet_tcp_probe0 - what the zero-window probe timer knows
 * @tstamp: when the first probe of this closed window went, 0 before
 * @probes_out: probes the peer did not answer
 * @backoff: the probe backoff (doublings)
 * @max_probes: tcp_retries2
 * @user_timeout: TCP_USER_TIMEOUT in ticks, 0 for none
 * @orphan: the user closed the socket
 * @orphan_setting: the namespace's orphan retries (0: 8 while alive)
 * @err_soft: an ICMP error was seen
 * @alive: the backed-off probe interval is under RTO_MAX
 */
struct cnet_tcp_probe0 {
	u32	tstamp;
	u32	probes_out;
	u32	backoff;
	u32	max_probes;
	u32	user_timeout;
	bool	orphan;
	u32	orphan_setting;
	bool	err_soft;
	bool	alive;
};

enum cnet_tcp_to_act cnet_tcp_probe0_verdict(struct cnet_tcp_probe0 *p,
					     u32 now);
u32 cnet_tcp_probe0_when(u32 rto, u32 backoff, u32 rto_min, u32 rto_max);
u32 cnet_tcp_clamp_probe0(u32 when, u32 now, u32 tstamp, u32 user_timeout,
			  u32 min_timeout);

u32 cnet_tcp_fin_time(u32 fin_timeout, u32 rto);

u8 cnet_tcp_secs_to_retrans(int seconds, int timeout, int rto_max);
int cnet_tcp_retrans_to_secs(u8 retrans, int timeout, int rto_max);
void cnet_tcp_synack_recalc(u32 num_timeout, u32 max_retries, u8 defer,
			    bool acked, bool *expire, bool *resend);
bool cnet_tcp_defer_bare_ack(u32 num_timeout, u8 defer, bool bare_ack);

#endif /* _CNET_TCP_TIMEOUT_H */
