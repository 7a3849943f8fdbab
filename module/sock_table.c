// SPDX-License-Identifier: GPL-2.0
/*
 * The socket table (sock_table.h): local ports and the sockets holding
 * them, per protocol and namespace. Bind conflicts follow Linux's UDP
 * (udp_lib_lport_inuse()); ephemeral ports RFC 6056 algorithm 3.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/rhashtable.h>
#include <linux/sched.h>
#include <linux/stddef.h>

#include "sock_table.h"

static const struct rhashtable_params cnet_st_port_params = {
	.head_offset		= offsetof(struct cnet_st_entry, port_node),
	.key_offset		= offsetof(struct cnet_st_entry, key.lport),
	.key_len		= sizeof(__be16),
	.automatic_shrinking	= true,
};

static const struct rhashtable_params cnet_st_addr_params = {
	.head_offset		= offsetof(struct cnet_st_entry, addr_node),
	.key_offset		= offsetof(struct cnet_st_entry, key),
	.key_len		= offsetofend(struct cnet_st_key, lport),
	.automatic_shrinking	= true,
};

static const struct rhashtable_params cnet_st_conn_params = {
	.head_offset		= offsetof(struct cnet_st_entry, conn_node),
	.key_offset		= offsetof(struct cnet_st_entry, key),
	.key_len		= sizeof(struct cnet_st_key),
	.automatic_shrinking	= true,
};

/**
 * cnet_st_conflict - may @a and @b not hold the same port?
 * @a: one socket (its @key.laddr, reuse options and owner)
 * @b: the other
 *
 * Linux's UDP rules: sockets on different specific addresses never
 * conflict (0.0.0.0 overlaps every address), nor do sockets bound to
 * different devices (no device overlaps every device); where both
 * overlap they may share the port when both set SO_REUSEADDR, or both
 * set SO_REUSEPORT and have the same owner. TCP adds, as Linux's
 * inet_bind_conflict(): SO_REUSEADDR does not share a listener's port
 * (so a second bind() is refused, not only its listen()).
 *
 * Return: true when they conflict (bind gives -EADDRINUSE).
 */
bool cnet_st_conflict(const struct cnet_st_entry *a,
		      const struct cnet_st_entry *b)
{
	if (a->key.laddr && b->key.laddr && a->key.laddr != b->key.laddr)
		return false;
	if (a->dev_if && b->dev_if && a->dev_if != b->dev_if)
		return false;
	if (a->reuseaddr && b->reuseaddr && !a->listening && !b->listening)
		return false;
	if (a->reuseport && b->reuseport && uid_eq(a->uid, b->uid))
		return false;
	return true;
}

/**
 * cnet_st_port_pick - the port to try at a search's @attempt
 * @r: the range
 * @offset: where the search starts (RFC 6056: the hash plus the counter)
 * @attempt: 0, 1, ...
 *
 * Attempts 0 to (range size - 1) give every port of @r once, consecutive
 * from @offset's and wrapping at @r->hi.
 */
u16 cnet_st_port_pick(const struct cnet_port_range *r, u32 offset,
		      u32 attempt)
{
	u32 n = (u32)r->hi - r->lo + 1;

	return r->lo + (offset % n + attempt % n) % n;
}

/* What a search finding no free port returns; see enum cnet_st_why. */
int cnet_st_exhausted_errno(enum cnet_st_why why)
{
	switch (why) {
	case CNET_ST_BIND:
		return -EADDRINUSE;
	case CNET_ST_CONNECT:
		return -EADDRNOTAVAIL;
	case CNET_ST_AUTOBIND:
	default:
		return -EAGAIN;
	}
}

/**
 * cnet_st_offset - RFC 6056 algorithm 3's F(): where to start searching
 * @key: the namespace's secret
 * @laddr: local address
 * @raddr: remote address
 * @rport: remote port
 *
 * Connections to different peers start at unrelated ports, so an observer
 * cannot guess one from another; the table's counter, added to it, moves
 * successive connections to the same peer along.
 */
u32 cnet_st_offset(const siphash_key_t *key, __be32 laddr, __be32 raddr,
		   __be16 rport)
{
	return siphash_3u32((__force u32)laddr, (__force u32)raddr,
			    (__force u32)rport, key);
}

/**
 * cnet_st_dev_score - how well a socket's device fits an arrival device
 * @bound: the device the socket is bound to, 0 for none
 * @dif: the device a packet arrived on
 *
 * As the device term of Linux's compute_score() for UDP.
 *
 * Return: -1 (bound to another device: not a candidate), 0 (bound to
 * none), 1 (bound to @dif: preferred).
 */
int cnet_st_dev_score(int bound, int dif)
{
	if (!bound)
		return 0;
	return bound == dif ? 1 : -1;
}

/**
 * cnet_st_reuseport_pick - which of an SO_REUSEPORT group gets a datagram
 * @hash: the datagram's flow hash
 * @n: members of the group found, > 0
 *
 * As Linux's reuseport_select_sock() without a BPF program: one flow
 * always goes to the same member while the group does not change.
 *
 * Return: an index below @n.
 */
unsigned int cnet_st_reuseport_pick(u32 hash, unsigned int n)
{
	return reciprocal_scale(hash, n);
}

/**
 * cnet_st_bcast_match - does a socket get a copy of a broadcast?
 * @k: its addresses and ports
 * @bound: its device (SO_BINDTODEVICE), 0 for none
 * @laddr: the datagram's destination (a broadcast address)
 * @lport: its destination port
 * @raddr: its source
 * @rport: its source port
 * @dif: the device it arrived on
 *
 * As Linux's __udp_is_mcast_sock(): its port; bound to no address or to
 * the broadcast address itself (not to a unicast address of the subnet);
 * if connected, to this sender; bound to no device or to @dif.
 */
bool cnet_st_bcast_match(const struct cnet_st_key *k, int bound, __be32 laddr,
			 __be16 lport, __be32 raddr, __be16 rport, int dif)
{
	return k->lport == lport &&
	       (!k->laddr || k->laddr == laddr) &&
	       (!k->raddr || k->raddr == raddr) &&
	       (!k->rport || k->rport == rport) &&
	       cnet_st_dev_score(bound, dif) >= 0;
}

int cnet_st_init(struct cnet_sock_table *t, bool exclusive)
{
	int err;

	mutex_init(&t->lock);
	t->next_ephemeral = 0;
	t->count = 0;
	cnet_st_dlist_init(&t->all);
	t->exclusive = exclusive;
	t->unique_conn = false;
	t->held = NULL;
	t->held_tuple = NULL;
	t->held_arg = NULL;
	err = rhltable_init(&t->port, &cnet_st_port_params);
	if (err)
		return err;
	err = rhltable_init(&t->addr, &cnet_st_addr_params);
	if (err)
		goto out_port;
	err = rhltable_init(&t->conn, &cnet_st_conn_params);
	if (err)
		goto out_addr;
	return 0;

out_addr:
	rhltable_destroy(&t->addr);
out_port:
	rhltable_destroy(&t->port);
	return err;
}

/* Every socket has left (each unhashes itself when closed). */
void cnet_st_destroy(struct cnet_sock_table *t)
{
	WARN_ON_ONCE(t->count);
	rhltable_destroy(&t->conn);
	rhltable_destroy(&t->addr);
	rhltable_destroy(&t->port);
	mutex_destroy(&t->lock);
}

/*
 * May @e take @port? Under the table's lock. No socket of the table may
 * conflict with it, nor anything the @held hook knows of.
 */
static bool cnet_st_port_free(struct cnet_sock_table *t,
			      const struct cnet_st_entry *e, __be16 port)
{
	struct cnet_st_entry *o;
	struct rhlist_head *list, *pos;
	bool free = true;

	lockdep_assert_held(&t->lock);
	rcu_read_lock();
	list = rhltable_lookup(&t->port, &port, cnet_st_port_params);
	rhl_for_each_entry_rcu(o, pos, list, port_node) {
		if (o != e && (t->exclusive || cnet_st_conflict(e, o))) {
			free = false;
			break;
		}
	}
	rcu_read_unlock();
	if (free && t->held && t->held(t->held_arg, e, port))
		free = false;
	return free;
}

/*
 * Is the 4-tuple @k a live connection's (other than @self's), or held
 * outside the table from a connect() of @self (@bound: its port came from
 * bind())? Under @lock.
 */
static bool cnet_st_tuple_taken(struct cnet_sock_table *t,
				const struct cnet_st_key *k,
				const struct cnet_st_entry *self, bool bound)
{
	struct cnet_st_entry *o;
	struct rhlist_head *list, *pos;
	bool taken = false;

	lockdep_assert_held(&t->lock);
	rcu_read_lock();
	list = rhltable_lookup(&t->conn, k, cnet_st_conn_params);
	rhl_for_each_entry_rcu(o, pos, list, conn_node) {
		if (o != self && !READ_ONCE(o->closed) &&
		    !memcmp(&o->key, k, sizeof(*k))) {
			taken = true;
			break;
		}
	}
	rcu_read_unlock();
	return taken ||
	       (t->held_tuple && t->held_tuple(t->held_arg, k, bound));
}

/*
 * May connect() take the port of @e->key (its 4-tuple set) for @e? As
 * Linux's __inet_hash_connect(): only if every socket holding the port
 * got it from connect() too (none from bind() or listen()), and the
 * 4-tuple is nobody's: not a connection's, and not a TIME-WAIT entry's
 * unless tcp_tw_reuse lets this connect() take it over (the @held_tuple
 * hook says). The port hook is asked first: the 4-tuple's answer is the
 * last, so a TIME-WAIT entry it gives up is this port's. Under @lock.
 */
static bool cnet_st_conn_port_free(struct cnet_sock_table *t,
				   const struct cnet_st_entry *e)
{
	__be16 port = e->key.lport;
	struct cnet_st_entry *o;
	struct rhlist_head *list, *pos;
	bool free = true;

	lockdep_assert_held(&t->lock);
	rcu_read_lock();
	list = rhltable_lookup(&t->port, &port, cnet_st_port_params);
	rhl_for_each_entry_rcu(o, pos, list, port_node) {
		if (o != e && (t->exclusive || !o->conn_bound)) {
			free = false;
			break;
		}
	}
	rcu_read_unlock();
	if (!free || (t->held && t->held(t->held_arg, e, port)))
		return false;
	return !cnet_st_tuple_taken(t, &e->key, e, false);
}

/* Put @e in the lookup table its key says: conn when connected, else addr. */
static int cnet_st_link(struct cnet_sock_table *t, struct cnet_st_entry *e)
{
	int err;

	if (e->key.raddr) {
		err = rhltable_insert(&t->conn, &e->conn_node,
				      cnet_st_conn_params);
		e->in_conn = !err;
	} else {
		err = rhltable_insert(&t->addr, &e->addr_node,
				      cnet_st_addr_params);
		e->in_addr = !err;
	}
	return err;
}

static void cnet_st_unlink(struct cnet_sock_table *t, struct cnet_st_entry *e)
{
	if (e->in_conn)
		rhltable_remove(&t->conn, &e->conn_node, cnet_st_conn_params);
	if (e->in_addr)
		rhltable_remove(&t->addr, &e->addr_node, cnet_st_addr_params);
	e->in_conn = false;
	e->in_addr = false;
}

static void cnet_st_set_key(struct cnet_st_entry *e,
			    const struct cnet_st_key *k)
{
	WRITE_ONCE(e->key.laddr, k->laddr);
	WRITE_ONCE(e->key.lport, k->lport);
	WRITE_ONCE(e->key.rport, k->rport);
	WRITE_ONCE(e->key.raddr, k->raddr);
}

/*
 * File @e, its key set, by port and by address (cnet_st_link()), and in
 * the dump list. Return: 0, or the error with @e in no table.
 */
static int cnet_st_hash(struct cnet_sock_table *t, struct cnet_st_entry *e)
{
	int err;

	err = rhltable_insert(&t->port, &e->port_node, cnet_st_port_params);
	if (err)
		return err;
	err = cnet_st_link(t, e);
	if (err) {
		rhltable_remove(&t->port, &e->port_node, cnet_st_port_params);
		return err;
	}
	e->hashed = true;
	WRITE_ONCE(e->closed, false);
	t->count++;
	cnet_st_dlist_add(&t->all, &e->dnode);
	return 0;
}

/**
 * cnet_st_bind - give a socket a local port
 * @t: the table
 * @e: the socket's entry, not yet holding a port; @reuseaddr, @reuseport
 *	and @uid set
 * @laddr: its local address, 0 for any
 * @port: the port it asks for (host order), or 0 for a free one of @range
 * @range: where a free port is searched for
 * @offset: where the search starts: get_random_u32() without a peer, else
 *	cnet_st_offset() (RFC 6056 algorithm 3); the table's counter is
 *	added
 * @why: what an exhausted range returns
 *
 * Return: 0 (the port in @e->key.lport), -EINVAL (already holds one),
 * -EADDRINUSE (@port taken), cnet_st_exhausted_errno(@why) (no free port),
 * or -ENOMEM.
 */
int cnet_st_bind(struct cnet_sock_table *t, struct cnet_st_entry *e,
		 __be32 laddr, u16 port, const struct cnet_port_range *range,
		 u32 offset, enum cnet_st_why why)
{
	struct cnet_st_key k = { .laddr = laddr };
	u32 n, i, start;
	int err = 0;

	mutex_lock(&t->lock);
	if (e->hashed) {
		err = -EINVAL;
		goto unlock;
	}
	cnet_st_set_key(e, &k);	/* the conflict rules look at laddr */
	e->conn_bound = false;	/* bind()'s rules, whatever it was before */
	if (port) {
		if (!cnet_st_port_free(t, e, htons(port))) {
			err = -EADDRINUSE;
			goto out;
		}
	} else {
		n = (u32)range->hi - range->lo + 1;
		start = offset + t->next_ephemeral;
		for (i = 0; i < n; i++) {
			port = cnet_st_port_pick(range, start, i);
			if (cnet_st_port_free(t, e, htons(port)))
				break;
			cond_resched();
		}
		if (i == n) {
			err = cnet_st_exhausted_errno(why);
			goto out;
		}
		t->next_ephemeral += i + 1;
	}

	k.lport = htons(port);
	cnet_st_set_key(e, &k);
	err = cnet_st_hash(t, e);
out:
	if (err) {	/* as it was: it may try again */
		memset(&k, 0, sizeof(k));
		cnet_st_set_key(e, &k);
	}
unlock:
	mutex_unlock(&t->lock);
	return err;
}

/*
 * File @e, which holds a port, under new addresses. Readers may miss it
 * meanwhile (a datagram arriving then goes to another socket or none, as
 * on Linux while a UDP socket rehashes).
 */
static int cnet_st_rekey(struct cnet_sock_table *t, struct cnet_st_entry *e,
			 __be32 laddr, __be32 raddr, __be16 rport)
{
	struct cnet_st_key k, old;
	int err;

	mutex_lock(&t->lock);
	if (!e->hashed) {
		err = -EINVAL;
		goto out;
	}
	old = e->key;
	k = (struct cnet_st_key){
		.laddr = laddr, .lport = old.lport,
		.rport = rport, .raddr = raddr,
	};
	/* as Linux's check_established() for a socket bound before */
	if (raddr && t->unique_conn &&
	    cnet_st_tuple_taken(t, &k, e, !e->conn_bound)) {
		err = -EADDRNOTAVAIL;
		goto out;
	}
	cnet_st_unlink(t, e);
	WRITE_ONCE(e->closed, false);
	cnet_st_set_key(e, &k);
	err = cnet_st_link(t, e);
	if (err) {
		cnet_st_set_key(e, &old);
		/* it holds its port still; only lookups would miss it */
		WARN_ON_ONCE(cnet_st_link(t, e));
	}
out:
	mutex_unlock(&t->lock);
	return err;
}

/**
 * cnet_st_connect - file a socket holding a port under its 4-tuple
 * @t: the table
 * @e: the entry, holding a port (cnet_st_bind())
 * @laddr: its local address now (connect() picks one when it had none)
 * @raddr: the peer, not 0
 * @rport: the peer's port
 *
 * Return: 0, -EINVAL (no port held, or @raddr 0), -EADDRNOTAVAIL (a
 * table of unique 4-tuples has this one already) or -ENOMEM.
 */
int cnet_st_connect(struct cnet_sock_table *t, struct cnet_st_entry *e,
		    __be32 laddr, __be32 raddr, __be16 rport)
{
	if (!raddr)
		return -EINVAL;
	return cnet_st_rekey(t, e, laddr, raddr, rport);
}

/**
 * cnet_st_bind_connect - connect() of a socket holding no port: a port
 *	and the 4-tuple at once (as Linux's __inet_hash_connect())
 * @t: the table
 * @e: the entry, holding no port; @reuseaddr, @reuseport, @uid, @dev_if
 *	set
 * @laddr: its local address, not 0
 * @raddr: the peer, not 0
 * @rport: the peer's port
 * @range: the ephemeral ports
 * @offset: cnet_st_offset() of the 4-tuple (RFC 6056 algorithm 3); the
 *	table's counter is added
 *
 * A port may be shared with other connections whose port connect() chose
 * too, for another 4-tuple (cnet_st_conn_port_free()): a client's
 * TIME-WAIT entries do not use the ephemeral ports up.
 *
 * Return: 0, -EINVAL (already holds a port, or no peer), -EADDRNOTAVAIL
 * (no port of @range fits) or -ENOMEM.
 */
int cnet_st_bind_connect(struct cnet_sock_table *t, struct cnet_st_entry *e,
			 __be32 laddr, __be32 raddr, __be16 rport,
			 const struct cnet_port_range *range, u32 offset)
{
	struct cnet_st_key k = { .laddr = laddr, .rport = rport,
				 .raddr = raddr };
	u32 n, i, start;
	int err;

	if (!raddr)
		return -EINVAL;
	mutex_lock(&t->lock);
	if (e->hashed) {
		err = -EINVAL;
		goto unlock;
	}
	e->conn_bound = true;
	n = (u32)range->hi - range->lo + 1;
	start = offset + t->next_ephemeral;
	for (i = 0; i < n; i++) {
		k.lport = htons(cnet_st_port_pick(range, start, i));
		cnet_st_set_key(e, &k);	/* not in any table yet */
		if (cnet_st_conn_port_free(t, e))
			break;
		cond_resched();
	}
	if (i == n) {
		err = cnet_st_exhausted_errno(CNET_ST_CONNECT);
		goto out;
	}
	t->next_ephemeral += i + 1;
	err = cnet_st_hash(t, e);
out:
	if (err) {
		memset(&k, 0, sizeof(k));
		cnet_st_set_key(e, &k);
		e->conn_bound = false;
	}
unlock:
	mutex_unlock(&t->lock);
	return err;
}

/**
 * cnet_st_set_listening - a TCP socket starts or stops listening
 * @t: the table
 * @e: its entry, holding a port
 * @on: listening from now on
 *
 * Binds see it at once (cnet_st_conflict()). Process context.
 */
void cnet_st_set_listening(struct cnet_sock_table *t, struct cnet_st_entry *e,
			   bool on)
{
	mutex_lock(&t->lock);
	e->listening = on;
	if (on)
		WRITE_ONCE(e->closed, false);
	mutex_unlock(&t->lock);
}

/**
 * cnet_st_disconnect - back to bound only (connect(AF_UNSPEC))
 * @t: the table
 * @e: the entry, holding a port
 * @laddr: its local address now (the bound one, or 0)
 *
 * Return: 0, -EINVAL (no port held) or -ENOMEM.
 */
int cnet_st_disconnect(struct cnet_sock_table *t, struct cnet_st_entry *e,
		       __be32 laddr)
{
	return cnet_st_rekey(t, e, laddr, 0, 0);
}

/*
 * Give the port back; nothing if @e holds none. The entry is as before
 * cnet_st_bind(): no addresses, no port (getsockname() shows that). An
 * entry only in the conn table (cnet_st_conn_add()) leaves it.
 */
void cnet_st_unhash(struct cnet_sock_table *t, struct cnet_st_entry *e)
{
	struct cnet_st_key none = {};

	mutex_lock(&t->lock);
	if (e->hashed) {
		cnet_st_unlink(t, e);
		rhltable_remove(&t->port, &e->port_node, cnet_st_port_params);
		cnet_st_set_key(e, &none);
		e->hashed = false;
		e->conn_bound = false;
		e->listening = false;
		t->count--;
		cnet_st_dlist_del(&t->all, &e->dnode);
	} else if (e->in_conn) {
		cnet_st_unlink(t, e);
		cnet_st_set_key(e, &none);
		cnet_st_dlist_del(&t->all, &e->dnode);
	}
	mutex_unlock(&t->lock);
}

/**
 * cnet_st_conn_add - file a connection a listener made under its 4-tuple
 * @t: the table
 * @e: its entry, in no table (it holds no port: its listener's port is
 *	the one it uses, as a Linux child shares its listener's bind bucket)
 * @k: its addresses and ports
 *
 * Any context (the passive open completes in softirq): it takes only the
 * conn table's own locks, not @t's lock; cnet_st_unhash() takes it out.
 *
 * Return: 0 or -ENOMEM.
 */
int cnet_st_conn_add(struct cnet_sock_table *t, struct cnet_st_entry *e,
		     const struct cnet_st_key *k)
{
	int err;

	cnet_st_set_key(e, k);
	err = rhltable_insert(&t->conn, &e->conn_node, cnet_st_conn_params);
	e->in_conn = !err;
	if (!err)
		cnet_st_dlist_add(&t->all, &e->dnode);
	return err;
}

/* The entry of a list node of the conn table, or of the addr table. */
static struct cnet_st_entry *cnet_st_node_entry(struct rhlist_head *pos,
						bool conn)
{
	return conn ? container_of(pos, struct cnet_st_entry, conn_node) :
		      container_of(pos, struct cnet_st_entry, addr_node);
}

/*
 * The candidate of one lookup step: of the entries of @list (a chain of
 * the conn table when @conn, else of the addr table) whose key is @k (a
 * node re-filed meanwhile may lead into another key: checked), the ones
 * with the best device score; if the first of those is in an SO_REUSEPORT
 * group, the group's member @hash picks. Two passes over a short chain;
 * if it changes in between, the first best one is taken. Under RCU.
 */
static struct cnet_st_entry *cnet_st_select(struct rhlist_head *list,
					    bool conn,
					    const struct cnet_st_key *k,
					    int dif, u32 hash)
{
	struct cnet_st_entry *e, *best = NULL;
	struct rhlist_head *pos;
	unsigned int n = 0, i;
	int score, best_score = -1;

	rhl_for_each_rcu(pos, list) {
		e = cnet_st_node_entry(pos, conn);
		if (READ_ONCE(e->closed) ||
		    READ_ONCE(e->key.laddr) != k->laddr ||
		    READ_ONCE(e->key.lport) != k->lport ||
		    READ_ONCE(e->key.raddr) != k->raddr ||
		    READ_ONCE(e->key.rport) != k->rport)
			continue;
		score = cnet_st_dev_score(READ_ONCE(e->dev_if), dif);
		if (score > best_score) {
			best = e;
			best_score = score;
			n = 0;
		}
		if (score == best_score && READ_ONCE(e->reuseport))
			n++;
	}
	if (!best || n < 2 || !READ_ONCE(best->reuseport))
		return best;

	i = cnet_st_reuseport_pick(hash, n);
	rhl_for_each_rcu(pos, list) {
		e = cnet_st_node_entry(pos, conn);
		if (READ_ONCE(e->closed) ||
		    READ_ONCE(e->key.laddr) != k->laddr ||
		    READ_ONCE(e->key.lport) != k->lport ||
		    READ_ONCE(e->key.raddr) != k->raddr ||
		    READ_ONCE(e->key.rport) != k->rport ||
		    !READ_ONCE(e->reuseport) ||
		    cnet_st_dev_score(READ_ONCE(e->dev_if), dif) != best_score)
			continue;
		if (!i--)
			return e;
	}
	return best;
}

/* A bound, unconnected socket on (@laddr, @lport), or NULL. Under RCU. */
static struct cnet_st_entry *cnet_st_lookup_addr(struct cnet_sock_table *t,
						 __be32 laddr, __be16 lport,
						 int dif, u32 hash)
{
	struct cnet_st_key k = { .laddr = laddr, .lport = lport };

	return cnet_st_select(rhltable_lookup(&t->addr, &k, cnet_st_addr_params),
			      false, &k, dif, hash);
}

/**
 * cnet_st_lookup - the socket an incoming packet is for
 * @t: the table
 * @laddr: the packet's destination address (ours)
 * @lport: its destination port
 * @raddr: its source address
 * @rport: its source port
 * @dif: the device it arrived on (ifindex)
 * @hash: its flow hash, which picks the member of an SO_REUSEPORT group
 *
 * The socket connected to exactly this 4-tuple, else one bound to
 * (@laddr, @lport), else one bound to (0.0.0.0, @lport); at each step
 * only sockets bound to no device or to @dif, those bound to @dif first
 * (cnet_st_select()). With several equal candidates (SO_REUSEADDR) one of
 * them is returned. In an RCU read-side section; the entry is valid until
 * it ends.
 *
 * Return: the entry, or NULL.
 */
struct cnet_st_entry *cnet_st_lookup(struct cnet_sock_table *t, __be32 laddr,
				     __be16 lport, __be32 raddr,
				     __be16 rport, int dif, u32 hash)
{
	struct cnet_st_key k = {
		.laddr = laddr, .lport = lport, .rport = rport, .raddr = raddr,
	};
	struct cnet_st_entry *e;

	e = cnet_st_select(rhltable_lookup(&t->conn, &k, cnet_st_conn_params),
			   true, &k, dif, hash);
	if (!e && laddr)
		e = cnet_st_lookup_addr(t, laddr, lport, dif, hash);
	return e ?: cnet_st_lookup_addr(t, 0, lport, dif, hash);
}

/**
 * cnet_st_walk_port - call @fn on every socket holding @lport
 * @t: the table
 * @lport: the port
 * @fn: called with each entry (whatever its addresses: it checks them,
 *	e.g. with cnet_st_bcast_match()) and @arg
 * @arg: for @fn
 *
 * In an RCU read-side section; @fn must not sleep.
 */
void cnet_st_walk_port(struct cnet_sock_table *t, __be16 lport,
		       cnet_st_fn fn, void *arg)
{
	struct cnet_st_entry *e;
	struct rhlist_head *list, *pos;

	list = rhltable_lookup(&t->port, &lport, cnet_st_port_params);
	rhl_for_each_entry_rcu(e, pos, list, port_node) {
		if (READ_ONCE(e->key.lport) == lport)
			fn(e, arg);
	}
}

/**
 * cnet_st_set_dev - the socket was bound to a device (SO_BINDTODEVICE)
 * @t: the table
 * @e: its entry, holding a port or not
 * @ifindex: the device, 0 for none
 *
 * Lookups see it at once; as on Linux, the bind conflicts are not checked
 * again.
 */
void cnet_st_set_dev(struct cnet_sock_table *t, struct cnet_st_entry *e,
		     int ifindex)
{
	mutex_lock(&t->lock);
	WRITE_ONCE(e->dev_if, ifindex);
	mutex_unlock(&t->lock);
}

/**
 * cnet_st_set_held - say what else holds ports (see struct cnet_sock_table)
 * @t: the table
 * @held: the port hook, NULL for none
 * @held_tuple: the 4-tuple hook, NULL for none
 * @arg: for both
 *
 * Process context; binds see the change at once.
 */
void cnet_st_set_held(struct cnet_sock_table *t,
		      bool (*held)(void *arg, const struct cnet_st_entry *e,
				   __be16 port),
		      bool (*held_tuple)(void *arg,
					 const struct cnet_st_key *k,
					 bool bound),
		      void *arg)
{
	mutex_lock(&t->lock);
	t->held = held;
	t->held_tuple = held_tuple;
	t->held_arg = arg;
	mutex_unlock(&t->lock);
}

/**
 * cnet_st_lookup_port - a socket holding @lport, whatever its addresses
 * @t: the table
 * @lport: the port
 *
 * In an exclusive table, the one socket holding it. In an RCU read-side
 * section; the entry is valid until it ends.
 *
 * Return: the entry, or NULL.
 */
struct cnet_st_entry *cnet_st_lookup_port(struct cnet_sock_table *t,
					  __be16 lport)
{
	struct cnet_st_entry *e;
	struct rhlist_head *list, *pos;

	list = rhltable_lookup(&t->port, &lport, cnet_st_port_params);
	rhl_for_each_entry_rcu(e, pos, list, port_node) {
		if (READ_ONCE(e->key.lport) == lport)
			return e;
	}
	return NULL;
}

/* ---- dump lists ---- */

void cnet_st_dlist_init(struct cnet_st_dlist *l)
{
	spin_lock_init(&l->lock);
	INIT_LIST_HEAD(&l->head);
}

/*
 * @n joins @l, after everything (and every cursor) in it. Every path
 * that makes a socket visible in a table calls it (cnet_st_bind() does),
 * and the one that takes it out cnet_st_dlist_del().
 */
void cnet_st_dlist_add(struct cnet_st_dlist *l, struct cnet_st_dnode *n)
{
	spin_lock_bh(&l->lock);
	n->cursor = false;
	n->gen++;
	list_add_tail(&n->node, &l->head);
	spin_unlock_bh(&l->lock);
}

/* @n leaves @l; nothing if it is on no list (or never was: zeroed). */
void cnet_st_dlist_del(struct cnet_st_dlist *l, struct cnet_st_dnode *n)
{
	spin_lock_bh(&l->lock);
	if (n->node.next && !list_empty(&n->node))
		list_del_init(&n->node);
	spin_unlock_bh(&l->lock);
}

/**
 * cnet_st_cursor_next - the socket after a dump's cursor
 * @l: the dump list, its lock held
 * @cur: the dump's cursor, in the list
 *
 * Steps over other dumps' cursors; moves @cur past the socket returned.
 *
 * Return: the socket's node, or NULL at the end of the list (@cur stays
 * last).
 */
struct cnet_st_dnode *cnet_st_cursor_next(struct cnet_st_dlist *l,
					  struct cnet_st_dnode *cur)
{
	struct cnet_st_dnode *n = cur;

	lockdep_assert_held(&l->lock);
	list_for_each_entry_continue(n, &l->head, node) {
		if (n->cursor)
			continue;
		list_move(&cur->node, &n->node);
		return n;
	}
	return NULL;
}

/**
 * cnet_st_cursor_rewind - put a dump's cursor back before a socket
 * @l: the dump list, its lock held
 * @cur: the dump's cursor, in the list
 * @n: a socket the cursor went past but the dump could not report
 * @gen: @n->gen when the cursor went past it
 *
 * Return: false if @n has left that place in the list (the dump has
 * nothing to report of it there: the caller tries the next socket it could
 * not report, if any; the cursor has not moved).
 */
bool cnet_st_cursor_rewind(struct cnet_st_dlist *l, struct cnet_st_dnode *cur,
			   struct cnet_st_dnode *n, u32 gen)
{
	lockdep_assert_held(&l->lock);
	if (list_empty(&n->node) || n->gen != gen)
		return false;
	list_move_tail(&cur->node, &n->node);
	return true;
}
