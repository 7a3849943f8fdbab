/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The socket table: which sockets hold which local ports, for one
 * protocol of one namespace (ping identifiers today; UDP and TCP ports).
 *
 * Three resizable hash tables (rhltable: they grow with their content, so
 * every lookup stays one hash probe with 100 000 sockets):
 *
 *   port  every socket holding a port, by local port: bind conflicts and
 *	   the search for a free port (writers only)
 *   addr  sockets bound but not connected, by (local address, port)
 *   conn  connected sockets, by (local address, local port, remote
 *	   address, remote port)
 *
 * An incoming packet finds its socket (cnet_st_lookup()): the exact
 * 4-tuple in conn, else (its destination address, port) in addr, else
 * (0.0.0.0, port) in addr. A connected entry has a specific local address
 * (connect() picks the source, as Linux's ip4_datagram_connect()).
 *
 * Decisions are pure functions KUnit drives: cnet_st_conflict() (may two
 * sockets share a port?), cnet_st_port_pick() (the n-th port to try) and
 * cnet_st_exhausted_errno() (what an exhausted range returns),
 * cnet_st_dev_score() and cnet_st_reuseport_pick() (which of several
 * candidates gets a datagram), cnet_st_bcast_match() (who gets a copy of a
 * broadcast).
 */
#ifndef _CNET_SOCK_TABLE_H
#define _CNET_SOCK_TABLE_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/uidgid.h>

/**
 * struct cnet_st_key - a socket's addresses and ports, network order
 * @laddr: local address, 0 for any
 * @lport: local port
 * @rport: remote port, 0 until connected
 * @raddr: remote address, 0 until connected
 *
 * (@laddr, @lport) come first: the addr table hashes those 6 bytes, the
 * conn table all 12, the port table @lport alone.
 */
struct cnet_st_key {
	__be32	laddr;
	__be16	lport;
	__be16	rport;
	__be32	raddr;
};

/**
 * struct cnet_st_dnode - a place in a dump list: a socket, or a dump's
 *	cursor between sockets
 * @node: in a struct cnet_st_dlist
 * @cursor: this is a dump's cursor, not a socket
 * @gen: a socket: how many times it joined a list (a socket that left
 *	and came back, at the end, is another place in the list)
 */
struct cnet_st_dnode {
	struct list_head	node;
	bool			cursor;
	u32			gen;
};

/**
 * struct cnet_st_dlist - every socket of one kind, for dumps
 * @lock: protects @head and its nodes' places; taken with bottom halves
 *	off (a TCP connection may join from softirq), for O(1) steps only
 * @head: the sockets in the order they joined, and the cursors of dumps
 *	in progress
 *
 * `cnet sock show` walks it (sock_diag.c). A dump that stops between two
 * netlink messages leaves its cursor in the list after the last socket
 * it took: sockets that leave take nothing with them, new ones come after
 * the cursor, so a socket that stays put is seen exactly once, at a cost
 * of O(1) per socket (a hash table walk would restart, and repeat
 * sockets, whenever the table resizes).
 */
struct cnet_st_dlist {
	spinlock_t		lock;	/* see above */
	struct list_head	head;
};

/**
 * struct cnet_st_entry - a socket's place in a table, embedded in it
 * @port_node: in the port table while @hashed
 * @addr_node: in the addr table while @in_addr
 * @conn_node: in the conn table while @in_conn
 * @key: addresses and ports
 * @reuseaddr: SO_REUSEADDR when it took its port
 * @reuseport: SO_REUSEPORT when it took its port
 * @uid: its owner (SO_REUSEPORT shares a port only within one user)
 * @dev_if: the device it is bound to (SO_BINDTODEVICE), ifindex, 0 for
 *	any: it receives only what arrives there
 * @hashed: holds @key.lport
 * @in_addr: in the addr table
 * @in_conn: in the conn table
 * @listening: TCP: a listener; SO_REUSEADDR does not share its port (as
 *	Linux's inet_bind_conflict())
 * @conn_bound: its port was picked by connect() (cnet_st_bind_connect()):
 *	another connect() may share the port for another 4-tuple, as a
 *	Linux bind bucket that connect() made (fastreuse -1)
 * @closed: TCP: the connection is CLOSED; lookups pass over it until it
 *	leaves the table (cnet_st_close())
 * @dnode: in the table's dump list while @hashed (raw sockets: in the
 *	namespace's raw dump list from creation); see cnet_st_dlist_add()
 *
 * The caller sets @reuseaddr, @reuseport, @uid and @dev_if before
 * binding (@dev_if later with cnet_st_set_dev()); the table's functions
 * set the rest. Everything is written under the table's
 * lock; the receive path reads @key with READ_ONCE() under RCU, and must
 * not touch an entry after its RCU read-side section (the socket's memory
 * is freed after a grace period: SOCK_RCU_FREE). A node is never moved
 * from one table to another: a reader walking a chain stays in its table.
 */
struct cnet_st_entry {
	struct rhlist_head	port_node;
	struct rhlist_head	addr_node;
	struct rhlist_head	conn_node;
	struct cnet_st_key	key;
	bool			reuseaddr;
	bool			reuseport;
	kuid_t			uid;
	int			dev_if;
	bool			hashed;
	bool			in_addr;
	bool			in_conn;
	bool			listening;
	bool			conn_bound;
	bool			closed;
	struct cnet_st_dnode	dnode;
};

/**
 * struct cnet_sock_table - the sockets of one protocol in one namespace
 * @lock: serialises writers (bind, connect, disconnect, unhash): process
 *	context only, so a mutex; readers (the receive path) take no lock,
 *	only rcu_read_lock()
 * @port: every socket holding a port, by port
 * @addr: bound, unconnected sockets, by (local address, port)
 * @conn: connected sockets, by 4-tuple
 * @next_ephemeral: RFC 6056 algorithm 3's counter, advanced by every port
 *	tried (under @lock)
 * @count: sockets holding a port (under @lock)
 * @all: the dump list: every socket holding a port (its own lock)
 * @exclusive: a port belongs to one socket whatever the addresses and
 *	options (ping identifiers)
 * @unique_conn: a 4-tuple belongs to one socket (TCP): connect() to a
 *	taken one fails with -EADDRNOTAVAIL
 * @held: if set, also asked whether a port is free: what holds ports
 *	without being a socket in the table (TCP's TIME-WAIT entries);
 *	called with @held_arg under @lock, may not sleep. For an entry with
 *	@conn_bound (connect()'s search), only what connect() may not share
 *	holds the port: its 4-tuple is asked of @held_tuple
 * @held_tuple: if set, whether something outside the table holds this
 *	exact 4-tuple (a TIME-WAIT entry), for a connect() whose port came
 *	from bind() (@bound) or from its own search; as @held. A TIME-WAIT
 *	entry it lets a connect() have is that connect()'s to take over
 *	(tcp_tw_reuse)
 * @held_arg: for @held and @held_tuple
 */
struct cnet_sock_table {
	struct mutex		lock;	/* see above */
	struct rhltable		port;
	struct rhltable		addr;
	struct rhltable		conn;
	u32			next_ephemeral;
	unsigned int		count;
	struct cnet_st_dlist	all;
	bool			exclusive;
	bool			unique_conn;
	bool			(*held)(void *arg, const struct cnet_st_entry *e,
					__be16 port);
	bool			(*held_tuple)(void *arg,
					      const struct cnet_st_key *k,
					      bool bound);
	void			*held_arg;
};

/**
 * struct cnet_port_range - the ports a search may pick, host order
 * @lo: first
 * @hi: last, >= @lo
 */
struct cnet_port_range {
	u16	lo;
	u16	hi;
};

/**
 * enum cnet_st_why - why a port is searched for; says what exhaustion
 *	returns, as Linux
 * @CNET_ST_BIND: bind() to port 0: -EADDRINUSE (inet_bind())
 * @CNET_ST_AUTOBIND: a datagram socket's implicit bind on sendmsg() or
 *	connect(): -EAGAIN (inet_autobind())
 * @CNET_ST_CONNECT: a stream connect(): -EADDRNOTAVAIL
 *	(__inet_hash_connect())
 */
enum cnet_st_why {
	CNET_ST_BIND,
	CNET_ST_AUTOBIND,
	CNET_ST_CONNECT,
};

/* Pure decisions */
bool cnet_st_conflict(const struct cnet_st_entry *a,
		      const struct cnet_st_entry *b);
u16 cnet_st_port_pick(const struct cnet_port_range *r, u32 offset,
		      u32 attempt);
int cnet_st_exhausted_errno(enum cnet_st_why why);
u32 cnet_st_offset(const siphash_key_t *key, __be32 laddr, __be32 raddr,
		   __be16 rport);
int cnet_st_dev_score(int bound, int dif);
unsigned int cnet_st_reuseport_pick(u32 hash, unsigned int n);
bool cnet_st_bcast_match(const struct cnet_st_key *k, int bound, __be32 laddr,
			 __be16 lport, __be32 raddr, __be16 rport, int dif);

/* Set-up and tear-down */
int cnet_st_init(struct cnet_sock_table *t, bool exclusive);
void cnet_st_destroy(struct cnet_sock_table *t);

/* Writers: process context, may sleep; take the table's lock */
int cnet_st_bind(struct cnet_sock_table *t, struct cnet_st_entry *e,
		 __be32 laddr, u16 port, const struct cnet_port_range *range,
		 u32 offset, enum cnet_st_why why);
int cnet_st_connect(struct cnet_sock_table *t, struct cnet_st_entry *e,
		    __be32 laddr, __be32 raddr, __be16 rport);
int cnet_st_bind_connect(struct cnet_sock_table *t, struct cnet_st_entry *e,
			 __be32 laddr, __be32 raddr, __be16 rport,
			 const struct cnet_port_range *range, u32 offset);
void cnet_st_set_listening(struct cnet_sock_table *t, struct cnet_st_entry *e,
			   bool on);
int cnet_st_disconnect(struct cnet_sock_table *t, struct cnet_st_entry *e,
		       __be32 laddr);
void cnet_st_unhash(struct cnet_sock_table *t, struct cnet_st_entry *e);
void cnet_st_set_dev(struct cnet_sock_table *t, struct cnet_st_entry *e,
		     int ifindex);
int cnet_st_conn_add(struct cnet_sock_table *t, struct cnet_st_entry *e,
		     const struct cnet_st_key *k);
void cnet_st_set_held(struct cnet_sock_table *t,
		      bool (*held)(void *arg, const struct cnet_st_entry *e,
				   __be16 port),
		      bool (*held_tuple)(void *arg,
					 const struct cnet_st_key *k,
					 bool bound),
		      void *arg);

/* Any context: the entry's connection is over (see @closed) */
static inline void cnet_st_close(struct cnet_st_entry *e)
{
	WRITE_ONCE(e->closed, true);
}

/* What cnet_st_walk_port() calls on each socket holding a port */
typedef void (*cnet_st_fn)(struct cnet_st_entry *e, void *arg);

/* Readers: in an RCU read-side section, any context */
struct cnet_st_entry *cnet_st_lookup(struct cnet_sock_table *t, __be32 laddr,
				     __be16 lport, __be32 raddr,
				     __be16 rport, int dif, u32 hash);
void cnet_st_walk_port(struct cnet_sock_table *t, __be16 lport,
		       cnet_st_fn fn, void *arg);
struct cnet_st_entry *cnet_st_lookup_port(struct cnet_sock_table *t,
					  __be16 lport);

/* Dump lists: joining and leaving take the list's lock, any context */
void cnet_st_dlist_init(struct cnet_st_dlist *l);
void cnet_st_dlist_add(struct cnet_st_dlist *l, struct cnet_st_dnode *n);
void cnet_st_dlist_del(struct cnet_st_dlist *l, struct cnet_st_dnode *n);
/* ...a dump's cursor moves under it (spin_lock_bh(&l->lock)) */
struct cnet_st_dnode *cnet_st_cursor_next(struct cnet_st_dlist *l,
					  struct cnet_st_dnode *cur);
bool cnet_st_cursor_rewind(struct cnet_st_dlist *l, struct cnet_st_dnode *cur,
			   struct cnet_st_dnode *n, u32 gen);

#endif /* _CNET_SOCK_TABLE_H */
