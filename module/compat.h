/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet: the one place where kernel versions differ. cnet is written
 * against the current kernel API (6.12); this header gives older kernels
 * (down to 6.1, Debian 12's) that API, so that no other file tests a
 * kernel version. Each shim names the release that brought the API it
 * stands in for; when the oldest kernel cnet supports reaches it, the
 * shim goes. Only 6.1 and 6.12 are built (make compat-check, make lint):
 * a kernel in between may want a shim moved to the right release.
 *
 * Headers older kernels lack altogether are in compat/, which Kbuild puts
 * on the include path after the kernel's own directories: a kernel that
 * has the header never sees the stand-in. Those stand-ins test no version:
 *   linux/unaligned.h    (6.12; <asm/unaligned.h> before)
 *   net/gso.h            (6.5; the GSO helpers were in netdevice.h)
 *   linux/skbuff_ref.h   (6.11; the fragment references were in skbuff.h)
 *   kunit/visibility.h   (6.2) and kunit/static_stub.h (6.3): what cnet
 *                        uses of them, as they define it without
 *                        CONFIG_KUNIT; cnet's KUnit suites need a kernel
 *                        that has them
 *
 * Differences in behaviour, not only in spelling, on older kernels:
 *   - without SOCK_CUSTOM_SOCKOPT, SOL_SOCKET options never reach the
 *     protocol: SO_REUSEPORT is the core's, which (in 6.1's stable
 *     releases) refuses it on sockets other than AF_INET and AF_INET6.
 *   - before 6.2 struct tcp_info ends before tcpi_rcv_wnd: TCP_INFO
 *     returns the shorter structure, as Linux itself does there.
 */
#ifndef _CNET_COMPAT_H
#define _CNET_COMPAT_H

#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/version.h>
#include <net/genetlink.h>
#include <net/netlink.h>

/* proto_ops.accept() takes a struct proto_accept_arg (6.10). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define PROTO_ACCEPT(fn)		fn
#define DEFINE_PROTO_ACCEPT(fn)						\
	static_assert(__same_type(&(fn),				\
				  ((const struct proto_ops *)NULL)->accept))
#else
struct proto_accept_arg {
	int flags;
	int err;
	int is_empty;
	bool kern;
};

/*
 * The ops table names PROTO_ACCEPT(fn); DEFINE_PROTO_ACCEPT(fn), before
 * the table, defines the adapter from accept(sock, newsock, flags, kern)
 * that it stands for (from 6.10, PROTO_ACCEPT(fn) is fn, and
 * DEFINE_PROTO_ACCEPT(fn) only checks fn's type).
 */
#define PROTO_ACCEPT(fn)		fn##_compat
#define DEFINE_PROTO_ACCEPT(fn)						\
	static int fn##_compat(struct socket *sock,			\
			       struct socket *newsock, int flags,	\
			       bool kern)				\
	{								\
		struct proto_accept_arg arg = {				\
			.flags = flags,					\
			.kern = kern,					\
		};							\
									\
		return fn(sock, newsock, &arg);				\
	}								\
	static_assert(__same_type(&fn##_compat,				\
				  ((const struct proto_ops *)NULL)->accept))
#endif

/*
 * alloc_netdev_dummy() (6.10): before, a dummy device for NAPI was
 * embedded and set up by init_dummy_netdev(), which clears the whole
 * device and so cannot follow alloc_netdev(). This one does what the new
 * one does but leaves the device NETREG_UNINITIALIZED, the state in
 * which the old free_netdev() frees a device (it refuses NETREG_DUMMY).
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 10, 0)
static inline void compat_setup_dummy_netdev(struct net_device *dev)
{
	set_bit(__LINK_STATE_PRESENT, &dev->state);
	set_bit(__LINK_STATE_START, &dev->state);
}

static inline struct net_device *alloc_netdev_dummy(int sizeof_priv)
{
	return alloc_netdev(sizeof_priv, "dummy#", NET_NAME_UNKNOWN,
			    compat_setup_dummy_netdev);
}
#endif

/*
 * SOCK_CUSTOM_SOCKOPT (after 6.1): a socket flag that sends SOL_SOCKET
 * options to the protocol's setsockopt(). Older kernels do not look for
 * it: the bit is one they leave unused, so setting it changes nothing.
 */
#ifndef SOCK_CUSTOM_SOCKOPT
#define SOCK_CUSTOM_SOCKOPT	6
#endif

/*
 * NL_SET_ERR_MSG_FMT() (6.2) formats into the extack's own buffer; older
 * extacks have none, only a pointer to a message that outlives the
 * request. cnet formats nothing but a message of static storage with
 * "%s", which this stand-in points to (it takes no other format).
 */
#ifndef NL_SET_ERR_MSG_FMT
#define NL_SET_ERR_MSG_FMT(extack, fmt, msg) do {			\
	struct netlink_ext_ack *__extack = (extack);			\
									\
	BUILD_BUG_ON(__builtin_strcmp(fmt, "%s"));			\
	if (__extack)							\
		__extack->_msg = (msg);					\
} while (0)
#endif

/*
 * genl_info_dump() (6.6): a dump's request as a struct genl_info. Before,
 * genl_dumpit_info() held the parsed attributes; both have ->attrs,
 * which is all cnet reads of it.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
#define genl_info_dump(cb)	genl_dumpit_info(cb)
#endif

/*
 * A range policy's struct netlink_range_validation is const (6.2); older
 * policies point to a writable one, which they only read.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 2, 0)
#undef NLA_POLICY_FULL_RANGE
#define NLA_POLICY_FULL_RANGE(tp, _range) {				\
	.type = NLA_ENSURE_UINT_OR_BINARY_TYPE(tp),			\
	.validation_type = NLA_VALIDATE_RANGE_PTR,			\
	.range = (struct netlink_range_validation *)(_range),		\
}
#endif

/* struct tcp_info's tcpi_rcv_wnd (6.2): older ones end before it. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define tcp_info_set_rcv_wnd(info, wnd)	((info)->tcpi_rcv_wnd = (wnd))
#else
#define tcp_info_set_rcv_wnd(info, wnd)	((void)(info), (void)(wnd))
#endif

/*
 * A sysctl's handler is given a const struct ctl_table (6.11); before, a
 * writable one. cnet's handlers take a CNET_CTL_TABLE *.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 11, 0)
#define CNET_CTL_TABLE		const struct ctl_table
#else
#define CNET_CTL_TABLE		struct ctl_table
#endif

/*
 * register_net_sysctl_sz() (6.6) is told the table's size; before, the
 * table ended with an empty entry, which cnet's tables keep for them.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 6, 0)
#define register_net_sysctl_sz(net, path, table, size)			\
	((void)(size), register_net_sysctl(net, path, table))
#endif

/* __assign_str() of a trace event takes only the field (6.10). */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 10, 0)
#define cnet_assign_str(field, src)	\
	do { (void)(src); __assign_str(field); } while (0)
#else
#define cnet_assign_str(field, src)	__assign_str(field, src)
#endif

#endif /* _CNET_COMPAT_H */
