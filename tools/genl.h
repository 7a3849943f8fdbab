/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal generic netlink plumbing on top of libmnl: open a socket, resolve
 * a family by name, send one request and collect its replies, reporting the
 * kernel's extended ack message on error.
 */
#ifndef CNET_TOOLS_GENL_H
#define CNET_TOOLS_GENL_H

#include <stdint.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

/* Receive buffer: large enough for any dump skb the kernel builds. */
#define GENL_BUF_SIZE		65536
#define GENL_EXTACK_MAX		256

struct genl {
	struct mnl_socket *nl;
	uint32_t portid;
	uint32_t seq;			/* sequence number of the last request */
	uint16_t family;		/* resolved family id */
	uint8_t version;		/* version we speak */
	char *buf;			/* request and receive buffer */
	char extack[GENL_EXTACK_MAX];	/* kernel message of the last error */
};

/*
 * Open a generic netlink socket and resolve @name. Returns 0, or a negative
 * errno: -ENOENT when the family is not registered.
 */
int genl_open(struct genl *g, const char *name, uint8_t version);
void genl_close(struct genl *g);

/*
 * Start a request for @cmd in g->buf. @flags are added to NLM_F_REQUEST
 * (NLM_F_ACK for a "do", NLM_F_DUMP for a dump). Attributes may then be
 * appended with mnl_attr_put_*().
 */
struct nlmsghdr *genl_msg(struct genl *g, uint8_t cmd, uint16_t flags);

/*
 * Send @nlh (built by genl_msg) and run @cb on every data message of the
 * reply until the ack or NLMSG_DONE. Returns 0 or a negative errno; on a
 * kernel error g->extack holds its extended ack message ("" if none).
 */
int genl_talk(struct genl *g, struct nlmsghdr *nlh, mnl_cb_t cb, void *data);

/*
 * Join the multicast group @group of family @name: its messages then come
 * with the replies (read them with mnl_socket_recvfrom()). Returns 0, or a
 * negative errno: -ENOENT when the family has no such group (an older
 * module).
 */
int genl_join(struct genl *g, const char *name, const char *group);

/* Shorthand: a dump request with no attributes. */
int genl_dump(struct genl *g, uint8_t cmd, mnl_cb_t cb, void *data);

#endif /* CNET_TOOLS_GENL_H */
