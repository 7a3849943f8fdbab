// SPDX-License-Identifier: GPL-2.0
/*
 * TCP sockets, socket(AF_CUSTOM, SOCK_STREAM, 0 or IPPROTO_TCP), with the
 * semantics and errnos of Linux's AF_INET TCP: the socket calls (struct
 * proto_ops cnet_stream_ops and struct proto cnet_tcp_prot), a
 * connection's life from connect() to its destruction.
 *
 * Ports live in the namespace's TCP socket table (sock_table.c), the
 * rules as UDP's; a connection is in its conn table by 4-tuple, a
 * listener (tcp_minisock.c) in its addr table.
 *
 * A connection's life: the socket's first reference (sk_alloc()'s) is
 * the connection's. close() orphans the socket; once the connection is
 * CLOSED and orphaned, cnet_tcp_done() hands it to @destroy_work, which
 * leaves the socket table (whose writers sleep) and drops that
 * reference.
 */
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/random.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <linux/tcp.h>
#include <net/sock.h>

#include "cnet.h"
#include "cnet_trace.h"
#include "tcp.h"
#include "tcp_cookie.h"
#include "tcp_gso.h"
#include "tcp_hdr.h"
#include "tcp_mem.h"
#include "tcp_mini.h"
#include "tcp_timeout.h"

/* The state, for readers without the lock (poll) to load with acquire. */
static void cnet_tcp_state_store(struct sock *sk, int state)
{
	/* pairs with smp_load_acquire() in cnet_stream_poll() */
	smp_store_release(&sk->sk_state, state);
}

/*
 * Room in the send buffer again (an ACK freed some): wake a writer, as
 * net/core's sk_stream_write_space().
 */
static void tcp_write_space(struct sock *sk)
{
	struct socket *sock = sk->sk_socket;
	struct socket_wq *wq;

	if (!sock || !sk_stream_is_writeable(sk))
		return;
	clear_bit(SOCK_NOSPACE, &sock->flags);
	rcu_read_lock();
	wq = rcu_dereference(sk->sk_wq);
	if (skwq_has_sleeper(wq))
		wake_up_interruptible_poll(&wq->wait, EPOLLOUT | EPOLLWRNORM |
					   EPOLLWRBAND);
	if (wq && wq->fasync_list && !(sk->sk_shutdown & SEND_SHUTDOWN))
		sock_wake_async(wq, SOCK_WAKE_SPACE, POLL_OUT);
	rcu_read_unlock();
}

static struct cnet_sock_table *tcp_table(const struct sock *sk)
{
	return &cnet_pernet(sock_net(sk))->tcp_table;
}

void cnet_tcp_net_init(struct cnet_net *cn)
{
	WARN_ON(cnet_st_init(&cn->tcp_table, false));
	cn->tcp_table.unique_conn = true;
	cnet_tcp_mem_net_init(cn);
	get_random_bytes(&cn->tcp_isn_key, sizeof(cn->tcp_isn_key));
	get_random_bytes(&cn->tcp_ts_key, sizeof(cn->tcp_ts_key));
	cn->tcp_timestamps = 1;
	spin_lock_init(&cn->tcp_challenge_lock);
	cn->tcp_keepalive_time_s = CNET_TCP_KEEPALIVE_TIME_S;
	cn->tcp_keepalive_intvl_s = CNET_TCP_KEEPALIVE_INTVL_S;
	cn->tcp_keepalive_probes = CNET_TCP_KEEPALIVE_PROBES;
	cn->tcp_syncookies = CNET_TCP_SYNCOOKIES_OVERFLOW;
	get_random_bytes(cn->tcp_cookie_key, sizeof(cn->tcp_cookie_key));
	cn->tcp_cong = cnet_tcp_cong_find(CNET_TCP_CONG_DEFAULT);
	cn->tcp_sack = 1;
	cn->tcp_recovery = CNET_TCP_RECOVERY_RACK;
	cn->tcp_mtu_probing = CNET_TCP_MTU_PROBING_OFF;
	cn->tcp_base_mss = CNET_TCP_BASE_MSS;
	cn->tcp_ecn = CNET_TCP_ECN_SERVER;
	cn->tcp_syn_retries = CNET_TCP_SYN_RETRIES;
	cn->tcp_synack_retries = CNET_TCP_SYNACK_RETRIES;
	cn->tcp_retries2 = CNET_TCP_RETRIES2;
	cn->tcp_orphan_retries = CNET_TCP_ORPHAN_RETRIES;
	cn->tcp_syn_linear_timeouts = CNET_TCP_SYN_LINEAR_TIMEOUTS;
	cn->tcp_fin_timeout_s = CNET_TCP_FIN_TIMEOUT_S;
	cn->tcp_tw_reuse = CNET_TCP_TW_REUSE_LOOPBACK;
}

void cnet_tcp_net_exit(struct cnet_net *cn)
{
	cnet_tcp_mem_net_exit(cn);
	cnet_st_destroy(&cn->tcp_table);
}

/**
 * cnet_tcp_set_state - a connection's new state
 * @sk: the connection, locked
 * @state: a TCP_* state
 */
void cnet_tcp_set_state(struct sock *sk, int state)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));

	if (state == TCP_ESTABLISHED && sk->sk_state != TCP_ESTABLISHED) {
		cnet_inc(cn, CNET_STAT_TCP_ESTABLISHED);
		cnet_tcp_sk(sk)->rcv_tstamp = jiffies;
	}
	trace_cnet_tcp_state(sock_net(sk), sk->sk_rcv_saddr, sk->sk_num,
			     sk->sk_daddr, sk->sk_dport, sk->sk_state, state);
	cnet_tcp_state_store(sk, state);
	if (state == TCP_ESTABLISHED && sock_flag(sk, SOCK_KEEPOPEN))
		cnet_tcp_keepalive_reset(sk);
	if (state == TCP_ESTABLISHED && !sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		sk_wake_async(sk, SOCK_WAKE_IO, POLL_OUT);
	}
}

/* Leave the socket table. Process context. */
static void tcp_unhash(struct sock *sk)
{
	cnet_st_unhash(tcp_table(sk), &cnet_sk(sk)->st);
}

/* The connection is over and orphaned: free what it holds. Process context. */
static void tcp_destroy_work(struct work_struct *work)
{
	struct cnet_tcp_sock *tp = container_of(work, struct cnet_tcp_sock,
						destroy_work);
	struct sock *sk = &tp->cs.sk;

	tcp_unhash(sk);
	lock_sock(sk);
	cnet_tcp_timer_stop_all(sk);
	cnet_tcp_purge_write_queue(sk);
	cnet_tcp_ofo_purge_all(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	release_sock(sk);
	sock_put(sk);	/* the connection's reference */
}

/**
 * cnet_tcp_done - the connection is CLOSED
 * @sk: the connection, locked (any context)
 *
 * Timers stop; a user still holding the socket is woken (its close()
 * destroys it later); an orphan is destroyed.
 */
void cnet_tcp_done(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	cnet_tcp_state_store(sk, TCP_CLOSE);
	/*
	 * Lookups pass over it from now on, as Linux unhashes a socket at
	 * once in tcp_set_state(TCP_CLOSE): a segment for its 4-tuple goes
	 * to the TIME-WAIT entry it may have left, or a listener, or draws
	 * a RST. It leaves the table in process context (destroy_work).
	 */
	cnet_st_close(&tp->cs.st);
	cnet_tcp_timer_stop_all(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	if (!sock_flag(sk, SOCK_DEAD)) {
		sk->sk_state_change(sk);
		return;
	}
	if (!tp->destroying) {
		tp->destroying = true;
		schedule_work(&tp->destroy_work);
	}
}

/**
 * cnet_tcp_reset - the connection ends with an error
 * @sk: the connection, locked
 * @err: ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT...
 */
void cnet_tcp_reset(struct sock *sk, int err)
{
	WRITE_ONCE(sk->sk_err, err);
	cnet_tcp_purge_write_queue(sk);
	if (!sock_flag(sk, SOCK_DEAD))
		sk_error_report(sk);
	cnet_tcp_done(sk);
}

/*
 * Until tcp_minisock.c keeps TIME_WAIT in small entries, the full socket
 * does, for @timeo jiffies.
 */
void cnet_tcp_hold_time_wait(struct sock *sk, int timeo)
{
	cnet_tcp_sk(sk)->tw_held = true;
	cnet_tcp_timer_stop_all(sk);
	cnet_tcp_timer_set(sk, CNET_TCP_EV_TIMEWAIT, timeo);
}

/* ---- setting up ---- */

static int tcp_init_sock(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	cnet_tcp_timer_init(sk);
	cnet_tcp_ofo_init(&tp->ofo);
	INIT_WORK(&tp->destroy_work, tcp_destroy_work);
	tp->mss = CNET_TCP_DEFAULT_MSS;
	tp->adv_mss = CNET_TCP_DEFAULT_MSS;
	tp->rcv_mss = CNET_TCP_DEFAULT_MSS;
	if (!tp->ca_ops)
		tp->ca_ops = READ_ONCE(cnet_pernet(sock_net(sk))->tcp_cong);
	cnet_tcp_cc_init_ops(&tp->cc, tp->mss, 0, tp->ca_ops);
	sk->sk_state = TCP_CLOSE;
	sk->sk_write_space = tcp_write_space;
	sk->sk_backlog_rcv = cnet_tcp_backlog_rcv;	/* release_sock() */
	sock_set_flag(sk, SOCK_USE_WRITE_QUEUE);
	return 0;
}

/* The route's MSS, its device's GSO limits, our window scale. */
static void tcp_route_params(struct sock *sk)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_rt_res res;

	rcu_read_lock();
	tp->gso_max_size = 0;
	tp->gso_max_segs = 1;
	if (!cnet_ip_route_flow(cn, &tp->fl, NULL, &res)) {
		tp->adv_mss = cnet_tcp_mss_for_mtu(cnet_route_path_mtu(cn, &res,
								       tp->fl.daddr));
		/* how large a GSO packet may be (the GSO layer cuts it if
		 * the device cannot: the size still bounds it)
		 */
		tp->gso_max_size = READ_ONCE(res.cd->dev->gso_max_size);
		tp->gso_max_segs = READ_ONCE(res.cd->dev->gso_max_segs);
	}
	rcu_read_unlock();
	if (tp->user_mss)
		tp->adv_mss = min(tp->adv_mss, tp->user_mss);
	tp->rcv_mss = min_t(u16, tp->adv_mss, CNET_TCP_DEFAULT_MSS);
	tp->mss = tp->adv_mss;
	/* room for what autotuning may grow the buffer to (7, as Linux) */
	tp->rcv_wscale = cnet_tcp_wscale_for(cnet_tcp_rcvbuf_max(sk));
	/* offered on our SYN; the SYN-ACK's answer decides */
	tp->sack_ok = READ_ONCE(cn->tcp_sack);
	cnet_tcp_sack_init(&tp->sack);
	tp->rack_on = READ_ONCE(cn->tcp_recovery) & CNET_TCP_RECOVERY_RACK;
	cnet_tcp_rack_init(&tp->rack);
}

/*
 * connect(), the protocol part (as Linux's tcp_v4_connect()): a source
 * address by the route, a port if it has none, into the conn table, a
 * SYN sent. Caller holds lock_sock(), state CLOSE.
 */
static int tcp_connect(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_port_range range = cnet_local_port_range(cn);
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_sock *cs = &tp->cs;
	struct cnet_st_entry *e = &cs->st;
	bool autobound = false;
	__be32 saddr;
	int err;

	err = cnet_sock_route(sk, sa->scn_addr, &saddr);
	if (err)
		return err;
	if (cs->saddr)
		saddr = cs->saddr;
	if (!e->hashed) {
		/* a port and the 4-tuple at once (__inet_hash_connect()) */
		e->reuseaddr = sk->sk_reuse != SK_NO_REUSE;
		e->reuseport = sk->sk_reuseport;
		e->uid = sock_i_uid(sk);
		e->dev_if = READ_ONCE(sk->sk_bound_dev_if);
		err = cnet_st_bind_connect(tcp_table(sk), e, saddr,
					   sa->scn_addr, sa->scn_port, &range,
					   cnet_st_offset(&cn->port_key, saddr,
							  sa->scn_addr,
							  sa->scn_port));
		if (err)
			return err;
		autobound = true;
	} else {
		err = cnet_st_connect(tcp_table(sk), e, saddr, sa->scn_addr,
				      sa->scn_port);
		if (err)
			goto fail;
	}
	WRITE_ONCE(cs->saddr, saddr);
	WRITE_ONCE(cs->daddr, sa->scn_addr);
	WRITE_ONCE(cs->dport, sa->scn_port);
	cnet_sock_flow(sk, sa->scn_addr, saddr, &tp->fl);
	tcp_route_params(sk);

	/* past a TIME-WAIT entry's sequence space when it took one over */
	if (!cnet_tcp_tw_take(sk, &tp->iss))
		tp->iss = cnet_tcp_isn(&cn->tcp_isn_key, saddr, sa->scn_addr,
				       e->key.lport, sa->scn_port,
				       ktime_get_ns());
	/* our SYN offers timestamps; the SYN-ACK says if they are used */
	tp->ts_ok = READ_ONCE(cn->tcp_timestamps);
	tp->ts_off = cnet_tcp_ts_off(&cn->tcp_ts_key, saddr, sa->scn_addr,
				     e->key.lport, sa->scn_port);
	tp->ts_recent = (struct cnet_tcp_ts_recent){};
	tp->rcv_wnd = 0;
	tp->fin_sent = false;
	cnet_rto_init(&tp->rto);
	WRITE_ONCE(sk->sk_err, 0);	/* a former connection's (disconnect) */
	cnet_tcp_set_state(sk, TCP_SYN_SENT);
	err = cnet_tcp_connect_send(sk);
	if (err) {
		cnet_tcp_set_state(sk, TCP_CLOSE);
		goto fail;
	}
	cnet_inc(cn, CNET_STAT_TCP_ACTIVE_OPEN);
	return 0;
fail:
	WRITE_ONCE(cs->daddr, 0);
	WRITE_ONCE(cs->dport, 0);
	if (autobound)
		tcp_unhash(sk);
	return err;
}

/**
 * cnet_tcp_clone - a new connection of a listener (passive open)
 * @listener: the listening socket
 * @gfp: allocation flags
 *
 * It inherits the listener's options (buffers, TCP_NODELAY, TCP_MAXSEG,
 * IP_TOS...); unhashed, CLOSED until cnet_tcp_conn_open().
 *
 * Return: the socket (one reference, the connection's), or NULL.
 */
struct sock *cnet_tcp_clone(const struct sock *listener, gfp_t gfp)
{
	struct sock *sk = sk_clone_lock(listener, gfp);
	struct cnet_tcp_sock *tp, *ltp = cnet_tcp_sk(listener);

	if (!sk)
		return NULL;
	/* sk_clone_lock() returns it locked (unannotated for sparse) */
	__acquire(&sk->sk_lock.slock);
	tp = cnet_tcp_sk(sk);
	/* what is the listener's alone */
	memset(&tp->cs.st, 0, sizeof(tp->cs.st));
	tp->cs.daddr = 0;
	tp->cs.dport = 0;
	memset_startat(tp, 0, iss);
	tp->nodelay = ltp->nodelay;
	tp->user_mss = ltp->user_mss;
	tp->keepalive_time = ltp->keepalive_time;
	tp->keepalive_intvl = ltp->keepalive_intvl;
	tp->keepalive_probes = ltp->keepalive_probes;
	tp->user_timeout = ltp->user_timeout;
	tp->syn_retries = ltp->syn_retries;
	tp->linger2 = ltp->linger2;
	tp->ca_ops = ltp->ca_ops;
	tcp_init_sock(sk);
	sk->sk_destruct = listener->sk_destruct;
	/*
	 * sk_clone_lock() leaves two references (Linux's: the hash's and
	 * the caller's); a cnet connection holds one, its own.
	 */
	__sock_put(sk);
	bh_unlock_sock(sk);
	return sk;
}

/**
 * cnet_tcp_conn_open - a passive open is complete
 * @sk: from cnet_tcp_clone()
 * @p: what the handshake said
 *
 * ESTABLISHED, in the conn table. Any context.
 *
 * Return: 0, or -ENOMEM / -EADDRINUSE (the 4-tuple is taken).
 */
int cnet_tcp_conn_open(struct sock *sk, const struct cnet_tcp_conn_params *p)
{
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_sock *cs = &tp->cs;
	struct cnet_st_key k = {
		.laddr = p->saddr, .lport = p->sport,
		.raddr = p->daddr, .rport = p->dport,
	};
	int err;

	cs->saddr = p->saddr;
	cs->daddr = p->daddr;
	cs->dport = p->dport;
	cs->st.dev_if = p->dev_if;
	cnet_sock_flow(sk, p->daddr, p->saddr, &tp->fl);
	tcp_route_params(sk);
	tp->iss = p->iss;
	tp->snd_una = p->iss + 1;
	tp->snd_nxt = p->iss + 1;
	tp->snd_max = p->iss + 1;
	tp->write_seq = p->iss + 1;
	tp->irs = p->irs;
	tp->rcv_nxt = p->irs + 1;
	tp->copied_seq = tp->rcv_nxt;
	tp->rcv_wup = tp->rcv_nxt;
	tp->wscale_ok = p->wscale_ok;
	tp->snd_wscale = p->wscale_ok ? p->snd_wscale : 0;
	tp->rcv_wscale = p->wscale_ok ? p->rcv_wscale : 0;
	tp->sack_ok = p->sack_ok;
	tp->rack_on = READ_ONCE(cn->tcp_recovery) & CNET_TCP_RECOVERY_RACK;
	cnet_tcp_rack_init(&tp->rack);
	if (p->rtt_us) {
		cnet_rto_sample(&tp->rto, p->rtt_us);
		cnet_tcp_rack_rtt(&tp->rack, p->rtt_us);
	}
	tp->ecn = (struct cnet_tcp_ecn){ .ok = p->ecn_ok };
	if (p->ecn_ok)
		cnet_inc(cnet_pernet(sock_net(sk)), CNET_STAT_TCP_ECN_NEGOTIATED);
	tp->snd_wnd = p->snd_wnd << tp->snd_wscale;
	tp->max_window = tp->snd_wnd;
	tp->snd_wl1 = p->irs + 1;
	tp->snd_wl2 = p->iss + 1;
	tp->ts_ok = p->ts_ok;
	tp->ts_off = p->ts_off;
	tp->ts_recent = (struct cnet_tcp_ts_recent){
		.val = p->ts_recent, .stamp_s = cnet_tcp_ts_now_s(),
	};
	tp->mss = cnet_tcp_ts_mss(cnet_tcp_mss_clamp(tp->adv_mss, p->mss,
						     tp->user_mss), tp->ts_ok);
	tp->rcv_mss = min(tp->adv_mss, tp->mss);
	cnet_tcp_mtu_init(sk, p->mss);
	cnet_tcp_cc_init_ops(&tp->cc, tp->mss, tp->snd_max, tp->ca_ops);
	cnet_tcp_update_pacing_rate(sk);
	/* what was offered in the SYN-ACK: its edge stays */
	tp->rcv_wnd = min_t(u32, cnet_tcp_select_window(sk), U16_MAX);
	err = cnet_st_conn_add(&cn->tcp_table, &cs->st, &k);
	if (err)
		return err;
	cnet_tcp_set_state(sk, TCP_ESTABLISHED);
	cnet_inc(cn, CNET_STAT_TCP_PASSIVE_OPEN);
	return 0;
}

/* ---- the socket calls ---- */

/* bind(): the address was checked (af_cnet.c); ports as UDP's. */
static int tcp_bind(struct sock *sk, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_cnet *sa = (const struct sockaddr_cnet *)uaddr;
	struct cnet_net *cn = cnet_pernet(sock_net(sk));
	struct cnet_port_range range = cnet_local_port_range(cn);
	struct cnet_sock *cs = cnet_sk(sk);
	struct cnet_st_entry *e = &cs->st;
	u16 port = ntohs(sa->scn_port);
	int err;

	if (port && port < PROT_SOCK &&
	    !ns_capable(sock_net(sk)->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;
	lock_sock(sk);
	err = -EINVAL;
	if (sk->sk_state != TCP_CLOSE || e->hashed)
		goto out;
	e->reuseaddr = sk->sk_reuse != SK_NO_REUSE;
	e->reuseport = sk->sk_reuseport;
	e->uid = sock_i_uid(sk);
	e->dev_if = READ_ONCE(sk->sk_bound_dev_if);
	err = cnet_st_bind(tcp_table(sk), e, sa->scn_addr, port, &range,
			   get_random_u32(), CNET_ST_BIND);
	if (err)
		goto out;
	WRITE_ONCE(cs->saddr, sa->scn_addr);
	if (sa->scn_addr)
		sk->sk_userlocks |= SOCK_BINDADDR_LOCK;
	if (port)
		sk->sk_userlocks |= SOCK_BINDPORT_LOCK;
out:
	release_sock(sk);
	return err;
}

/* Wait while the handshake goes on; returns the time left. */
static long tcp_wait_connect(struct sock *sk, long timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);

	add_wait_queue(sk_sleep(sk), &wait);
	sk->sk_write_pending++;
	while ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		release_sock(sk);
		timeo = wait_woken(&wait, TASK_INTERRUPTIBLE, timeo);
		lock_sock(sk);
		if (signal_pending(current) || !timeo)
			break;
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	sk->sk_write_pending--;
	return timeo;
}

/*
 * connect(AF_UNSPEC), as Linux's tcp_disconnect(): the connection is
 * aborted (a RST if it was synchronized, ECONNRESET for SO_ERROR),
 * everything queued goes, and the socket is CLOSED and reusable: it
 * keeps its port only if bind() gave it one. Caller holds lock_sock().
 */
static int tcp_disconnect(struct sock *sk, int flags)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_sock *cs = &tp->cs;
	int old = sk->sk_state;

	if (old == TCP_LISTEN) {
		cnet_tcp_listen_stop(sk);
	} else if (((1 << old) & (TCPF_ESTABLISHED | TCPF_CLOSE_WAIT |
				  TCPF_FIN_WAIT1 | TCPF_FIN_WAIT2 |
				  TCPF_SYN_RECV)) ||
		   (tp->snd_max != tp->write_seq &&
		    ((1 << old) & (TCPF_CLOSING | TCPF_LAST_ACK)))) {
		cnet_tcp_send_active_reset(sk);
		WRITE_ONCE(sk->sk_err, ECONNRESET);
	} else if (old == TCP_SYN_SENT) {
		WRITE_ONCE(sk->sk_err, ECONNRESET);
	}
	cnet_tcp_state_store(sk, TCP_CLOSE);
	cnet_tcp_timer_stop_all(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	WRITE_ONCE(tp->copied_seq, tp->rcv_nxt);
	cnet_tcp_purge_write_queue(sk);
	cnet_tcp_ofo_purge_all(sk);

	/* out of the conn table: bound only, or nothing */
	if (cs->st.hashed) {
		__be32 laddr = sk->sk_userlocks & SOCK_BINDADDR_LOCK ?
			       cs->saddr : 0;

		if (!(sk->sk_userlocks & SOCK_BINDPORT_LOCK) ||
		    cnet_st_disconnect(tcp_table(sk), &cs->st, laddr))
			tcp_unhash(sk);
	}
	if (!(sk->sk_userlocks & SOCK_BINDADDR_LOCK))
		WRITE_ONCE(cs->saddr, 0);
	WRITE_ONCE(cs->daddr, 0);
	WRITE_ONCE(cs->dport, 0);

	tp->fin_sent = false;
	tp->tw_held = false;
	tp->pending_ack = 0;
	tp->quickack = 0;
	tp->probes_out = 0;
	tp->probe_backoff = 0;
	tp->probes_tstamp = 0;
	tp->total_retrans = 0;
	tp->bytes_acked = 0;
	tp->bytes_received = 0;
	tp->segs_in = 0;
	tp->segs_out = 0;
	cnet_rto_init(&tp->rto);
	WRITE_ONCE(sk->sk_shutdown, 0);
	sock_reset_flag(sk, SOCK_DONE);
	sk_error_report(sk);
	return 0;
}

/*
 * connect() of a stream socket, as Linux's __inet_stream_connect():
 * EINPROGRESS for a non-blocking one (poll() says EPOLLOUT when it is
 * done, SO_ERROR how), EALREADY while it goes on, EISCONN after;
 * AF_UNSPEC disconnects (tcp_disconnect()).
 */
static int cnet_stream_connect(struct socket *sock, struct sockaddr *uaddr,
			       int len, int flags)
{
	struct sock *sk = sock->sk;
	struct sockaddr_cnet sa;
	long timeo;
	int err;

	if (len < (int)sizeof(sa.scn_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC) {
		lock_sock(sk);
		err = sk->sk_prot->disconnect(sk, flags);
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
		release_sock(sk);
		return err;
	}
	err = cnet_get_addr(uaddr, len, &sa);
	if (err)
		return err;

	lock_sock(sk);
	switch (sock->state) {
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	default:
		err = -EISCONN;
		if (sk->sk_state != TCP_CLOSE)
			goto out;
		err = sk->sk_prot->connect(sk, (struct sockaddr *)&sa,
					   sizeof(sa));
		if (err)
			goto out;
		sock->state = SS_CONNECTING;
		err = -EINPROGRESS;
		break;
	}

	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
		if (!timeo)
			goto out;
		timeo = tcp_wait_connect(sk, timeo);
		if ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV)) {
			err = timeo ? sock_intr_errno(timeo) : -EINPROGRESS;
			goto out;
		}
	}
	if (sk->sk_state == TCP_CLOSE) {
		err = sock_error(sk) ?: -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		goto out;
	}
	sock->state = SS_CONNECTED;
	err = 0;
out:
	release_sock(sk);
	return err;
}

/* Bytes readable now */
static u32 tcp_readable(const struct sock *sk)
{
	const struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);

	return READ_ONCE(tp->rcv_nxt) - READ_ONCE(tp->copied_seq);
}

/*
 * poll(), as Linux's tcp_poll(): EPOLLHUP when both directions are shut
 * or the socket is closed, EPOLLIN|EPOLLRDHUP after the peer's FIN,
 * EPOLLOUT while the send buffer has room, EPOLLERR on an error.
 */
static __poll_t cnet_stream_poll(struct file *file, struct socket *sock,
				 poll_table *wait)
{
	struct sock *sk = sock->sk;
	__poll_t mask = 0;
	u8 shutdown;
	int state;

	sock_poll_wait(file, sock, wait);
	/* pairs with smp_store_release() in cnet_tcp_state_store() */
	state = smp_load_acquire(&sk->sk_state);
	if (state == TCP_LISTEN)
		return cnet_tcp_listen_poll(sk);

	shutdown = READ_ONCE(sk->sk_shutdown);
	if (shutdown == SHUTDOWN_MASK || state == TCP_CLOSE)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;

	if (state != TCP_SYN_SENT && state != TCP_SYN_RECV) {
		if (tcp_readable(sk) >= (u32)sock_rcvlowat(sk, 0, INT_MAX) ||
		    (tcp_readable(sk) && (shutdown & RCV_SHUTDOWN)))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (!(shutdown & SEND_SHUTDOWN)) {
			if (sk_stream_is_writeable(sk)) {
				mask |= EPOLLOUT | EPOLLWRNORM;
			} else {
				sk_set_bit(SOCKWQ_ASYNC_NOSPACE, sk);
				set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
				/* SOCK_NOSPACE before the check: an ACK freeing
				 * room meanwhile sees it and wakes us
				 */
				smp_mb__after_atomic();
				if (sk_stream_is_writeable(sk))
					mask |= EPOLLOUT | EPOLLWRNORM;
			}
		} else {
			mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	/* the error after the state, as tcp_poll() (pairs with the
	 * error report's wake-up)
	 */
	smp_rmb();
	if (READ_ONCE(sk->sk_err) ||
	    !skb_queue_empty_lockless(&sk->sk_error_queue))
		mask |= EPOLLERR;
	return mask;
}

/*
 * Copy @len bytes of @msg to the write queue and send what may go, as
 * Linux's tcp_sendmsg_locked(): the bytes are copied once, into page
 * fragments (sk_page_frag()) of the tail skb while it is not sent and
 * below the size goal (tcp_gso.c: many MSS), else of a new skb; each skb
 * is charged to the send buffer (sk_wmem_queued) by its size.
 */
/*
 * An skb sendmsg queued but could not fill (no memory, a fault) leaves
 * the queue again, as Linux's tcp_remove_empty_skb(): an empty segment
 * must not be sent, nor hold the memory it was charged.
 */
static void tcp_remove_empty(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb = skb_peek_tail(&sk->sk_write_queue);

	if (!skb || skb->len || skb != tp->send_head ||
	    (CNET_TCP_SKB_CB(skb)->flags & (CNET_TCPF_SYN | CNET_TCPF_FIN)))
		return;
	tp->send_head = NULL;
	__skb_unlink(skb, &sk->sk_write_queue);
	cnet_tcp_wmem_queued_add(sk, -skb->truesize);
	kfree_skb(skb);
}

static int tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int flags = msg->msg_flags;
	struct page_frag *pfrag;
	struct sk_buff *skb;
	size_t copied = 0;
	u32 goal, n;
	bool merge;
	long timeo;
	int err = 0, i;

	lock_sock(sk);
	timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	if ((1 << sk->sk_state) & ~(TCPF_ESTABLISHED | TCPF_CLOSE_WAIT)) {
		err = sk_stream_wait_connect(sk, &timeo);
		if (err)
			goto error;
	}
	while (msg_data_left(msg)) {
		err = -EPIPE;
		if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN))
			goto error;
		goal = cnet_tcp_size_goal(sk);
		skb = tp->send_head ? skb_peek_tail(&sk->sk_write_queue) : NULL;
		if (!skb || skb->len >= goal ||
		    (CNET_TCP_SKB_CB(skb)->flags & (CNET_TCPF_SYN | CNET_TCPF_FIN))) {
new_segment:
			/* room in the buffer, and in the namespace's tcp_mem */
			n = min_t(size_t, msg_data_left(msg), goal);
			if (!cnet_tcp_wmem_schedule(sk, SKB_TRUESIZE(CNET_TCP_MAX_HEADER) + n) ||
			    !sk_stream_memory_free(sk))
				goto wait_for_memory;
			/*
			 * No memory: wait for some (a while, as Linux's
			 * sk_stream_wait_memory() does when the buffer has
			 * room) rather than fail a blocking send
			 */
			skb = cnet_tcp_alloc_seg(sk, sk->sk_allocation);
			if (!skb)
				goto wait_for_memory;
			CNET_TCP_SKB_CB(skb)->seq = tp->write_seq;
			CNET_TCP_SKB_CB(skb)->end_seq = tp->write_seq;
			cnet_tcp_queue_tail(sk, skb);
		}
		pfrag = sk_page_frag(sk);
		if (!sk_page_frag_refill(sk, pfrag))
			goto wait_for_memory;
		i = skb_shinfo(skb)->nr_frags;
		merge = skb_can_coalesce(skb, i, pfrag->page, pfrag->offset);
		/* no room for one more fragment: the next skb */
		if (!merge && i >= MAX_SKB_FRAGS)
			goto new_segment;
		n = min_t(size_t, msg_data_left(msg),
			  min_t(u32, goal - skb->len,
				pfrag->size - pfrag->offset));
		/* a new skb was scheduled with its first bytes */
		if (skb->len && !cnet_tcp_wmem_schedule(sk, n))
			goto wait_for_memory;
		/* adds @n to the skb's length and truesize, and to sk_wmem_queued */
		if (skb_copy_to_page_nocache(sk, &msg->msg_iter, skb, pfrag->page,
					     pfrag->offset, n)) {
			err = -EFAULT;
			goto error;
		}
		cnet_tcp_mem_add(sk, n);	/* and to the namespace's */
		if (merge) {
			skb_frag_size_add(&skb_shinfo(skb)->frags[i - 1], n);
		} else {
			skb_fill_page_desc(skb, i, pfrag->page, pfrag->offset, n);
			get_page(pfrag->page);
		}
		pfrag->offset += n;
		CNET_TCP_SKB_CB(skb)->end_seq += n;
		WRITE_ONCE(tp->write_seq, tp->write_seq + n);
		copied += n;
		if (skb->len >= goal)
			cnet_tcp_push(sk, 0);
		continue;

wait_for_memory:
		tcp_remove_empty(sk);
		set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
		cnet_tcp_push(sk, 1);
		err = sk_stream_wait_memory(sk, &timeo);
		if (err)
			goto error;
	}
	cnet_tcp_push(sk, !(flags & MSG_MORE) && !tp->cork);
	release_sock(sk);
	return copied;
error:
	tcp_remove_empty(sk);
	if (copied) {
		cnet_tcp_push(sk, 1);
		release_sock(sk);
		return copied;
	}
	err = sk_stream_error(sk, flags, err);
	release_sock(sk);
	return err;
}

/*
 * The largest receive buffer @sk may have: SO_RCVBUF's if set, else what
 * autotuning may grow it to. The window scale is chosen for it (as
 * Linux's tcp_select_initial_window() for tcp_rmem[2]).
 */
u32 cnet_tcp_rcvbuf_max(const struct sock *sk)
{
	if (sk->sk_userlocks & SOCK_RCVBUF_LOCK)
		return READ_ONCE(sk->sk_rcvbuf);
	return max_t(u32, READ_ONCE(sk->sk_rcvbuf), CNET_TCP_RMEM_MAX);
}

/*
 * After reading: once a round trip, receive-buffer autotuning
 * (tcp_autotune.c, as Linux's tcp_rcv_space_adjust()); the window offered
 * follows the buffer. Not past SO_RCVBUF, not under tcp_mem pressure.
 */
static void tcp_rcv_space_adjust(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	u64 now = cnet_tcp_clock_us();
	u32 buf = READ_ONCE(sk->sk_rcvbuf), max = buf;

	if (!tp->rcvq_space.time_us) {
		cnet_tcp_rcv_space_init(&tp->rcvq_space, tp->rcv_wnd,
					tp->adv_mss, tp->copied_seq, now);
		return;
	}
	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    !READ_ONCE(cnet_pernet(sock_net(sk))->tcp_mem_pressure))
		max = CNET_TCP_RMEM_MAX;
	buf = cnet_tcp_rcv_space_adjust(&tp->rcvq_space, tp->copied_seq, now,
					tp->rcv_rtt.rtt_us, tp->adv_mss, buf,
					max);
	if (buf > READ_ONCE(sk->sk_rcvbuf))
		WRITE_ONCE(sk->sk_rcvbuf, buf);
}

/*
 * After reading: a window update when the window we could offer is at
 * least twice what is left of the one we said (as Linux's
 * tcp_cleanup_rbuf(): cnet_tcp_rcv_update_due()), so that a sender
 * stopped by a full buffer, or by a window its segments no longer fit,
 * goes on.
 */
static void tcp_cleanup_rbuf(struct sock *sk)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_rcv_room r;

	if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_CLOSE)
		return;
	tcp_rcv_space_adjust(sk);
	cnet_tcp_rcv_room(sk, &r);
	if (tp->pending_ack ||
	    cnet_tcp_rcv_update_due(r.free, r.left, r.space, r.mss,
				    tp->rcv_wscale))
		cnet_tcp_send_ack(sk);
}

static int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len,
		       int flags, int *addr_len)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct sk_buff *skb, *tmp, *last;
	size_t copied = 0;
	u32 peeked = 0, skip, off, avail, n;
	long timeo;
	int target, err = 0;

	lock_sock(sk);
	if (sk->sk_state == TCP_LISTEN) {
		err = -ENOTCONN;
		goto out;
	}
	timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	target = sock_rcvlowat(sk, flags & MSG_WAITALL, len);

	while (copied < len) {
		skip = peeked;
		skb_queue_walk_safe(&sk->sk_receive_queue, skb, tmp) {
			off = CNET_TCP_SKB_CB(skb)->off;
			avail = skb->len - off;
			if (flags & MSG_PEEK) {
				if (skip >= avail) {
					skip -= avail;
					continue;
				}
				off += skip;
				avail -= skip;
				skip = 0;
			}
			n = min_t(size_t, avail, len - copied);
			if (skb_copy_datagram_msg(skb, off, msg, n)) {
				err = -EFAULT;
				goto out;
			}
			copied += n;
			if (flags & MSG_PEEK) {
				peeked += n;
			} else {
				CNET_TCP_SKB_CB(skb)->off += n;
				WRITE_ONCE(tp->copied_seq, tp->copied_seq + n);
				if (CNET_TCP_SKB_CB(skb)->off >= skb->len) {
					__skb_unlink(skb, &sk->sk_receive_queue);
					consume_skb(skb);
				}
			}
			if (copied >= len)
				break;
		}
		if (copied >= target)
			break;
		if (copied) {
			if (sk->sk_err || sk->sk_state == TCP_CLOSE ||
			    (sk->sk_shutdown & RCV_SHUTDOWN) || !timeo ||
			    signal_pending(current))
				break;
		} else {
			/* as Linux: a connection that ended in error says
			 * so, though it is shut down too (cnet_tcp_done())
			 */
			if (sock_flag(sk, SOCK_DONE))
				break;
			if (sk->sk_err) {
				err = sock_error(sk);
				break;
			}
			if (sk->sk_shutdown & RCV_SHUTDOWN)
				break;
			if (sk->sk_state == TCP_CLOSE) {
				err = -ENOTCONN;
				break;
			}
			if (!timeo) {
				err = -EAGAIN;
				break;
			}
			if (signal_pending(current)) {
				err = sock_intr_errno(timeo);
				break;
			}
		}
		if (!(flags & MSG_PEEK))
			tcp_cleanup_rbuf(sk);
		last = skb_peek_tail(&sk->sk_receive_queue);
		sk_wait_data(sk, &timeo, last);
	}
	if (!(flags & MSG_PEEK))
		tcp_cleanup_rbuf(sk);
out:
	release_sock(sk);
	return copied ?: err;
}

/* Our FIN goes after the data: ESTABLISHED or CLOSE-WAIT only. */
static void tcp_close_send(struct sock *sk)
{
	switch (sk->sk_state) {
	case TCP_ESTABLISHED:
	case TCP_SYN_RECV:
		cnet_tcp_set_state(sk, TCP_FIN_WAIT1);
		cnet_tcp_send_fin(sk);
		break;
	case TCP_CLOSE_WAIT:
		cnet_tcp_set_state(sk, TCP_LAST_ACK);
		cnet_tcp_send_fin(sk);
		break;
	}
}

/* shutdown(), as Linux's inet_shutdown() with tcp_shutdown() */
static int cnet_stream_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	how++;
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;
	lock_sock(sk);
	if (sock->state == SS_CONNECTING &&
	    ((1 << sk->sk_state) & (TCPF_SYN_SENT | TCPF_SYN_RECV | TCPF_CLOSE)))
		sock->state = SS_DISCONNECTING;
	else if (sock->state == SS_CONNECTING)
		sock->state = SS_CONNECTED;

	switch (sk->sk_state) {
	case TCP_CLOSE:
		err = -ENOTCONN;
		fallthrough;
	default:
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
		if (how & SEND_SHUTDOWN)
			tcp_close_send(sk);
		break;
	case TCP_LISTEN:
		if (!(how & RCV_SHUTDOWN))
			break;
		fallthrough;
	case TCP_SYN_SENT:
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
		if (sk->sk_state == TCP_LISTEN)
			cnet_tcp_listen_stop(sk);
		else
			cnet_tcp_purge_write_queue(sk);
		cnet_tcp_done(sk);
		break;
	}
	sk->sk_state_change(sk);
	release_sock(sk);
	return err;
}

/*
 * close(): unread data or SO_LINGER with a zero time abort with a RST
 * (RFC 2525 2.17, as Linux); otherwise our FIN follows the data, and the
 * orphan finishes the exchange on its own.
 */
static int cnet_stream_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct cnet_tcp_sock *tp;
	bool unread, destroy;

	if (!sk)
		return 0;
	tp = cnet_tcp_sk(sk);
	lock_sock(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	unread = !skb_queue_empty(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_receive_queue);

	switch (sk->sk_state) {
	case TCP_CLOSE:
		break;
	case TCP_LISTEN:
		cnet_tcp_listen_stop(sk);
		cnet_tcp_state_store(sk, TCP_CLOSE);
		break;
	case TCP_SYN_SENT:
		cnet_tcp_done(sk);
		break;
	default:
		if (unread || (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime)) {
			if (sk->sk_state != TCP_TIME_WAIT)
				cnet_tcp_send_active_reset(sk);
			cnet_tcp_purge_write_queue(sk);
			cnet_tcp_done(sk);
		} else {
			tcp_close_send(sk);
		}
		break;
	}
	sock_orphan(sk);
	/* an orphan waits for the peer's FIN only so long (TCP_LINGER2) */
	if (sk->sk_state == TCP_FIN_WAIT2) {
		if (cnet_tcp_fin_timeout(sk) < 0) {
			cnet_tcp_send_active_reset(sk);
			cnet_tcp_done(sk);
		} else {
			cnet_tcp_enter_time_wait(sk, TCP_FIN_WAIT2);
		}
	}
	sock->sk = NULL;
	/* the connection lives on unless it is over */
	destroy = sk->sk_state == TCP_CLOSE && !tp->destroying;
	if (destroy)
		tp->destroying = true;
	release_sock(sk);
	if (destroy) {
		tcp_unhash(sk);
		lock_sock(sk);
		cnet_tcp_timer_stop_all(sk);
		cnet_tcp_purge_write_queue(sk);
		cnet_tcp_ofo_purge_all(sk);
		release_sock(sk);
		sock_put(sk);
	}
	return 0;
}

/*
 * SO_RCVLOWAT, as Linux's tcp_set_rcvlowat(): recv() waits for that
 * many bytes and poll() says EPOLLIN from there, so the receive buffer
 * grows to let the window hold them (unless SO_RCVBUF fixed it; then
 * the mark is at most half of it).
 */
static int cnet_stream_set_rcvlowat(struct sock *sk, int val)
{
	int cap = sk->sk_userlocks & SOCK_RCVBUF_LOCK ?
		  READ_ONCE(sk->sk_rcvbuf) >> 1 : CNET_TCP_RMEM_MAX >> 1;

	val = min(val, cap);
	WRITE_ONCE(sk->sk_rcvlowat, val ?: 1);
	if (sk->sk_state != TCP_LISTEN && tcp_readable(sk) >= (u32)(val ?: 1))
		sk->sk_data_ready(sk);
	/* the window is half the buffer (cnet_tcp_select_window()) */
	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    2 * val > READ_ONCE(sk->sk_rcvbuf))
		WRITE_ONCE(sk->sk_rcvbuf, 2 * val);
	return 0;
}

static int cnet_stream_ioctl(struct socket *sock, unsigned int cmd,
			     unsigned long arg)
{
	struct sock *sk = sock->sk;
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int amount;

	switch (cmd) {
	case SIOCINQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		lock_sock(sk);
		amount = tp->rcv_nxt - tp->copied_seq;
		release_sock(sk);
		break;
	case SIOCOUTQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		amount = READ_ONCE(tp->write_seq) - READ_ONCE(tp->snd_una);
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return put_user(max(amount, 0), (int __user *)arg);
}

/*
 * TCP_CONGESTION: an algorithm by name (at most CNET_TCP_CA_NAME_MAX - 1
 * characters are read), -ENOENT if there is none, as Linux. A connection
 * under way keeps its windows and goes on with the new algorithm.
 */
static int tcp_set_congestion(struct sock *sk, sockptr_t optval,
			      unsigned int optlen)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	const struct cnet_tcp_cong_ops *ops;
	char name[CNET_TCP_CA_NAME_MAX];
	long len;

	if (optlen < 1)
		return -EINVAL;
	len = strncpy_from_sockptr(name, optval,
				   min_t(long, CNET_TCP_CA_NAME_MAX - 1, optlen));
	if (len < 0)
		return -EFAULT;
	name[len] = '\0';
	ops = cnet_tcp_cong_find(name);
	if (!ops)
		return -ENOENT;
	lock_sock(sk);
	WRITE_ONCE(tp->ca_ops, ops);
	cnet_tcp_cc_set_ops(&tp->cc, ops);
	release_sock(sk);
	return 0;
}

/* SOL_TCP options */
static int tcp_setsockopt(struct sock *sk, int level, int optname,
			  sockptr_t optval, unsigned int optlen)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int val, err = 0;

	if (level != SOL_TCP)
		return cnet_ip_setsockopt(sk, level, optname, optval, optlen);
	if (optname == TCP_CONGESTION)
		return tcp_set_congestion(sk, optval, optlen);
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	lock_sock(sk);
	switch (optname) {
	case TCP_KEEPIDLE:
		if (val < 1 || val > CNET_TCP_MAX_KEEPIDLE) {
			err = -EINVAL;
			break;
		}
		WRITE_ONCE(tp->keepalive_time, val * HZ);
		if (sock_flag(sk, SOCK_KEEPOPEN))
			cnet_tcp_keepalive_reset(sk);
		break;
	case TCP_KEEPINTVL:
		if (val < 1 || val > CNET_TCP_MAX_KEEPINTVL)
			err = -EINVAL;
		else
			WRITE_ONCE(tp->keepalive_intvl, val * HZ);
		break;
	case TCP_KEEPCNT:
		if (val < 1 || val > CNET_TCP_MAX_KEEPCNT)
			err = -EINVAL;
		else
			WRITE_ONCE(tp->keepalive_probes, val);
		break;
	case TCP_USER_TIMEOUT:
		if (val < 0)
			err = -EINVAL;
		else
			WRITE_ONCE(tp->user_timeout, val);
		break;
	case TCP_SYNCNT:
		if (val < 1 || val > CNET_TCP_MAX_SYNCNT)
			err = -EINVAL;
		else
			WRITE_ONCE(tp->syn_retries, val);
		break;
	case TCP_LINGER2:
		WRITE_ONCE(tp->linger2, val < 0 ? -1 :
			   min(val, CNET_TCP_FIN_TIMEOUT_MAX_S) * HZ);
		break;
	case TCP_DEFER_ACCEPT:
		/* seconds as SYN-ACK timeouts (1 s doubling), as Linux */
		WRITE_ONCE(tp->defer_accept,
			   cnet_tcp_secs_to_retrans(val, 1,
						    CNET_TCP_RTO_MAX_US / USEC_PER_SEC));
		break;
	case TCP_NODELAY:
		tp->nodelay = !!val;
		if (val)
			cnet_tcp_push(sk, 1);
		break;
	case TCP_CORK:
		tp->cork = !!val;
		if (!val)
			cnet_tcp_push(sk, 1);
		break;
	case TCP_MAXSEG:
		if (val && (val < CNET_TCP_MIN_SND_MSS || val > 65535))
			err = -EINVAL;
		else
			tp->user_mss = val;
		break;
	case TCP_QUICKACK:
		if (val)
			tp->quickack = 16;
		break;
	default:
		err = -ENOPROTOOPT;
	}
	release_sock(sk);
	return err;
}

/*
 * TCP_INFO's SACK counts, in segments as Linux's: SACKed, lost (not yet
 * sent again) and retransmitted in the current recovery. Under the
 * socket lock.
 */
static void tcp_info_sack(const struct cnet_tcp_sock *tp,
			  struct tcp_info *info)
{
	const struct cnet_tcp_sack_sb *sb = &tp->sack;
	u32 mss = max_t(u32, tp->mss, 1), lost;

	info->tcpi_options |= TCPI_OPT_SACK;
	info->tcpi_sacked = DIV_ROUND_UP(sb->sacked, mss);
	if (tp->cc.in_recovery) {
		lost = cnet_tcp_sack_lost_out(sb, tp->snd_una, mss);
		info->tcpi_lost = DIV_ROUND_UP(lost, mss);
		info->tcpi_retrans = sb->undo_ok ? sb->undo_retrans : 0;
	}
}

/* TCP_INFO: the uapi struct tcp_info, from the numbers cnet_tcp_diag() gives */
static int tcp_get_info(struct sock *sk, char __user *optval,
			int __user *optlen, int len)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	struct cnet_tcp_diag d;
	struct tcp_info info;

	cnet_tcp_diag(sk, &d);
	memset(&info, 0, sizeof(info));
	info.tcpi_state = d.state;
	info.tcpi_retransmits = d.retransmits;
	info.tcpi_probes = d.probes;
	info.tcpi_backoff = d.backoff;
	if (tp->wscale_ok) {
		info.tcpi_options |= TCPI_OPT_WSCALE;
		info.tcpi_snd_wscale = tp->snd_wscale;
		info.tcpi_rcv_wscale = tp->rcv_wscale;
	}
	if (tp->ts_ok && sk->sk_state != TCP_SYN_SENT)
		info.tcpi_options |= TCPI_OPT_TIMESTAMPS;
	lock_sock(sk);
	if (tp->sack_ok && sk->sk_state != TCP_LISTEN &&
	    sk->sk_state != TCP_SYN_SENT && sk->sk_state != TCP_CLOSE)
		tcp_info_sack(tp, &info);
	/* ECN agreed, and ECT or CE received, as Linux says them */
	if (tp->ecn.ok && sk->sk_state != TCP_SYN_SENT)
		info.tcpi_options |= TCPI_OPT_ECN;
	if (tp->ecn.seen)
		info.tcpi_options |= TCPI_OPT_ECN_SEEN;
	release_sock(sk);
	info.tcpi_rto = d.rto_us;
	info.tcpi_ato = 40000;
	info.tcpi_snd_mss = d.snd_mss;
	info.tcpi_rcv_mss = d.rcv_mss;
	info.tcpi_unacked = d.unacked;
	info.tcpi_rtt = d.rtt_us;
	info.tcpi_rttvar = d.rttvar_us;
	info.tcpi_snd_ssthresh = d.snd_ssthresh;
	info.tcpi_snd_cwnd = d.snd_cwnd;
	info.tcpi_advmss = tp->adv_mss;
	info.tcpi_pmtu = READ_ONCE(tp->pmtu);
	info.tcpi_total_retrans = d.total_retrans;
	info.tcpi_bytes_acked = d.bytes_acked;
	info.tcpi_bytes_received = d.bytes_received;
	info.tcpi_segs_in = READ_ONCE(tp->segs_in);
	info.tcpi_segs_out = READ_ONCE(tp->segs_out);
	info.tcpi_snd_wnd = READ_ONCE(tp->snd_wnd);
	info.tcpi_rcv_rtt = READ_ONCE(tp->rcv_rtt.rtt_us);
	info.tcpi_rcv_space = READ_ONCE(tp->rcvq_space.space);
	info.tcpi_data_segs_out = READ_ONCE(tp->data_segs_out);
	info.tcpi_pacing_rate = cnet_tcp_rate64(READ_ONCE(sk->sk_pacing_rate));
	info.tcpi_max_pacing_rate =
		cnet_tcp_rate64(READ_ONCE(sk->sk_max_pacing_rate));
	tcp_info_set_rcv_wnd(&info, READ_ONCE(tp->rcv_wnd));
	len = min_t(int, len, sizeof(info));
	if (put_user(len, optlen) || copy_to_user(optval, &info, len))
		return -EFAULT;
	return 0;
}

/* TCP_CONGESTION: the name, NUL-padded to CNET_TCP_CA_NAME_MAX, cut to len */
static int tcp_get_congestion(struct sock *sk, char __user *optval,
			      int __user *optlen, int len)
{
	char name[CNET_TCP_CA_NAME_MAX] = {};

	strscpy(name, READ_ONCE(cnet_tcp_sk(sk)->ca_ops)->name, sizeof(name));
	len = min_t(int, len, sizeof(name));
	if (put_user(len, optlen) || copy_to_user(optval, name, len))
		return -EFAULT;
	return 0;
}

static int tcp_getsockopt(struct sock *sk, int level, int optname,
			  char __user *optval, int __user *optlen)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	int val, len;

	if (level != SOL_TCP)
		return cnet_ip_getsockopt(sk, level, optname, optval, optlen);
	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case TCP_INFO:
		return tcp_get_info(sk, optval, optlen, len);
	case TCP_CONGESTION:
		return tcp_get_congestion(sk, optval, optlen, len);
	case TCP_NODELAY:
		val = READ_ONCE(tp->nodelay);
		break;
	case TCP_CORK:
		val = READ_ONCE(tp->cork);
		break;
	case TCP_MAXSEG:
		val = (1 << sk->sk_state) & (TCPF_CLOSE | TCPF_LISTEN) ?
		      (tp->user_mss ?: CNET_TCP_DEFAULT_MSS) : READ_ONCE(tp->mss);
		break;
	case TCP_KEEPIDLE:
		val = (READ_ONCE(tp->keepalive_time) ?:
		       READ_ONCE(cnet_pernet(sock_net(sk))->tcp_keepalive_time_s) * HZ) / HZ;
		break;
	case TCP_KEEPINTVL:
		val = (READ_ONCE(tp->keepalive_intvl) ?:
		       READ_ONCE(cnet_pernet(sock_net(sk))->tcp_keepalive_intvl_s) * HZ) / HZ;
		break;
	case TCP_KEEPCNT:
		val = READ_ONCE(tp->keepalive_probes) ?:
		      READ_ONCE(cnet_pernet(sock_net(sk))->tcp_keepalive_probes);
		break;
	case TCP_USER_TIMEOUT:
		val = READ_ONCE(tp->user_timeout);
		break;
	case TCP_SYNCNT:
		val = READ_ONCE(tp->syn_retries) ?:
		      READ_ONCE(cnet_pernet(sock_net(sk))->tcp_syn_retries);
		break;
	case TCP_LINGER2:
		/* 0 set: the namespace's tcp_fin_timeout_s, as Linux */
		val = READ_ONCE(tp->linger2);
		if (val > 0)
			val /= HZ;
		else if (!val)
			val = READ_ONCE(cnet_pernet(sock_net(sk))->tcp_fin_timeout_s);
		break;
	case TCP_DEFER_ACCEPT:
		val = cnet_tcp_retrans_to_secs(READ_ONCE(tp->defer_accept), 1,
					       CNET_TCP_RTO_MAX_US / USEC_PER_SEC);
		break;
	default:
		return -ENOPROTOOPT;
	}
	len = min_t(int, len, sizeof(int));
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

static void tcp_unhash_prot(struct sock *sk)
{
}

struct proto cnet_tcp_prot = {
	.name		= "CNET_TCP",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct cnet_tcp_sock),
	.init		= tcp_init_sock,
	.bind		= tcp_bind,
	.connect	= tcp_connect,
	.unhash		= tcp_unhash_prot,
	.sendmsg	= tcp_sendmsg,
	.recvmsg	= tcp_recvmsg,
	.setsockopt	= tcp_setsockopt,
	.getsockopt	= tcp_getsockopt,
	.backlog_rcv	= cnet_tcp_backlog_rcv,
	.release_cb	= cnet_tcp_release_cb,
	.keepalive	= cnet_tcp_set_keepalive,
	.disconnect	= tcp_disconnect,
};

DEFINE_PROTO_ACCEPT(cnet_tcp_accept);

/*
 * Stream sockets: the datagram types' bind, getname, options; their own
 * connect, poll, shutdown, close; listen and accept from tcp_minisock.c.
 */
const struct proto_ops cnet_stream_ops = {
	.family		= PF_CUSTOM,
	.owner		= THIS_MODULE,
	.release	= cnet_stream_release,
	.bind		= cnet_bind,
	.connect	= cnet_stream_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= PROTO_ACCEPT(cnet_tcp_accept),
	.getname	= cnet_getname,
	.poll		= cnet_stream_poll,
	.ioctl		= cnet_stream_ioctl,
	.listen		= cnet_tcp_listen,
	.shutdown	= cnet_stream_shutdown,
	.setsockopt	= cnet_setsockopt,
	.getsockopt	= sock_common_getsockopt,
	.sendmsg	= cnet_sendmsg,
	.recvmsg	= cnet_recvmsg,
	.mmap		= sock_no_mmap,
	.set_rcvlowat	= cnet_stream_set_rcvlowat,
};

/**
 * cnet_tcp_diag - what `cnet sock show -i` and TCP_INFO show
 * @sk: a TCP socket
 * @d: filled in
 */
void cnet_tcp_diag(struct sock *sk, struct cnet_tcp_diag *d)
{
	struct cnet_tcp_sock *tp = cnet_tcp_sk(sk);
	unsigned long now = jiffies, when = 0;
	int i, ev = -1;

	memset(d, 0, sizeof(*d));
	lock_sock(sk);
	d->state = sk->sk_state;
	for (i = 0; i < CNET_TCP_EV_MAX; i++) {
		if (tp->when[i] && (ev < 0 || time_before(tp->when[i], when))) {
			ev = i;
			when = tp->when[i];
		}
	}
	switch (ev) {
	case CNET_TCP_EV_RETRANS:
		d->timer = CNET_TCP_TIMER_ON;
		break;
	case CNET_TCP_EV_PROBE:
		d->timer = CNET_TCP_TIMER_PROBE;
		break;
	case CNET_TCP_EV_KEEPALIVE:
		d->timer = CNET_TCP_TIMER_KEEPALIVE;
		break;
	case CNET_TCP_EV_TIMEWAIT:
		d->timer = CNET_TCP_TIMER_TIMEWAIT;
		break;
	default:
		d->timer = CNET_TCP_TIMER_OFF;
		break;
	}
	if (ev >= 0 && time_after(when, now))
		d->timer_ms = jiffies_to_msecs(when - now);
	d->retransmits = tp->rto.retransmits;
	d->probes = tp->probes_out;
	/* one of the two runs at a time (Linux shares icsk_backoff) */
	d->backoff = tp->probe_backoff ?: tp->rto.backoff;
	d->rtt_us = tp->rto.srtt_us;
	d->rttvar_us = tp->rto.rttvar_us;
	d->rto_us = cnet_rto_timeout_us(&tp->rto);
	/* what segments go with (Linux's mss_cache) */
	d->snd_mss = cnet_tcp_send_mss(tp);
	d->rcv_mss = tp->rcv_mss;
	d->snd_cwnd = cnet_tcp_cc_cwnd_segs(&tp->cc);
	d->cong = tp->ca_ops->name;
	d->snd_ssthresh = cnet_tcp_cc_ssthresh_segs(&tp->cc);
	d->unacked = sk->sk_state == TCP_LISTEN ? 0 : cnet_tcp_packets_out(tp);
	d->total_retrans = tp->total_retrans;
	d->bytes_acked = tp->bytes_acked;
	d->bytes_received = tp->bytes_received;
	release_sock(sk);
}
