// SPDX-License-Identifier: GPL-2.0
/*
 * Generic netlink plumbing for the cnet tools, on top of libmnl.
 *
 * One request is outstanding at a time: genl_talk() sends it and reads
 * replies until the kernel acknowledges it (NLMSG_ERROR with error 0), ends
 * a dump (NLMSG_DONE) or reports an error. Errors carry the kernel's extended
 * ack message when it sent one (NETLINK_EXT_ACK); NETLINK_CAP_ACK keeps the
 * kernel from echoing our request back in error messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "genl.h"

/* State shared by the callbacks of one genl_talk() call. */
struct talk {
	struct genl *g;
	uint16_t type;		/* nlmsg_type we expect data messages to have */
	mnl_cb_t cb;
	void *data;
	int err;		/* negative errno once something went wrong */
};

static struct nlmsghdr *genl_msg_type(struct genl *g, uint16_t type,
				      uint8_t cmd, uint8_t version,
				      uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	/* libmnl leaves attribute padding as it finds it: start clean. */
	memset(g->buf, 0, MNL_SOCKET_BUFFER_SIZE);
	nlh = mnl_nlmsg_put_header(g->buf);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++g->seq;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *genl_msg(struct genl *g, uint8_t cmd, uint16_t flags)
{
	return genl_msg_type(g, g->family, cmd, g->version, flags);
}

/*
 * Copy the NLMSGERR_ATTR_MSG string of an error or done message, whose
 * TLVs start @off bytes into the payload.
 */
static void save_extack(struct genl *g, const struct nlmsghdr *nlh,
			size_t off)
{
	const struct nlattr *attr;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (off >= mnl_nlmsg_get_payload_len(nlh))
		return;

	mnl_attr_for_each(attr, nlh, off) {
		if (mnl_attr_get_type(attr) != NLMSGERR_ATTR_MSG)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			continue;
		snprintf(g->extack, sizeof(g->extack), "%s",
			 mnl_attr_get_str(attr));
	}
}

static int talk_fail(struct talk *t, int err)
{
	t->err = -err;
	errno = err;
	return MNL_CB_ERROR;
}

/* NLMSG_ERROR: an ack (error 0) or a failure. */
static int talk_error_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	size_t off = sizeof(*err);

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(*err))
		return talk_fail(t, EBADMSG);
	if (err->error == 0)
		return MNL_CB_STOP;

	/* Without NLM_F_CAPPED our whole request precedes the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED) &&
	    err->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += err->msg.nlmsg_len - NLMSG_HDRLEN;
	save_extack(t->g, nlh, off);

	return talk_fail(t, err->error < 0 ? -err->error : EPROTO);
}

/* NLMSG_DONE: the end of a dump, with the dump's status in its payload. */
static int talk_done_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	int status;

	if (mnl_nlmsg_get_payload_len(nlh) < sizeof(status))
		return MNL_CB_STOP;
	memcpy(&status, mnl_nlmsg_get_payload(nlh), sizeof(status));
	if (status >= 0)
		return MNL_CB_STOP;

	save_extack(t->g, nlh, sizeof(status));
	return talk_fail(t, -status);
}

/* Data messages: check the genl header, then hand over to the caller. */
static int talk_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct talk *t = data;
	int ret;

	if (nlh->nlmsg_type != t->type)
		return MNL_CB_OK;	/* not ours; ignore */
	if (mnl_nlmsg_get_payload_len(nlh) < GENL_HDRLEN)
		return talk_fail(t, EBADMSG);
	if (!t->cb)
		return MNL_CB_OK;

	errno = 0;
	ret = t->cb(nlh, t->data);
	if (ret == MNL_CB_ERROR && !t->err)
		t->err = errno ? -errno : -EBADMSG;
	return ret;
}

int genl_talk(struct genl *g, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	/* libmnl takes a non-const array */
	static mnl_cb_t ctl[] = {
		[NLMSG_ERROR] = talk_error_cb,
		[NLMSG_DONE] = talk_done_cb,
	};
	struct talk t = {
		.g = g,
		.type = nlh->nlmsg_type,
		.cb = cb,
		.data = data,
	};
	uint32_t seq = nlh->nlmsg_seq;
	int ret = MNL_CB_OK;
	ssize_t n;

	g->extack[0] = '\0';
	if (mnl_socket_sendto(g->nl, nlh, nlh->nlmsg_len) < 0)
		return -errno;

	do {
		n = mnl_socket_recvfrom(g->nl, g->buf, GENL_BUF_SIZE);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		ret = mnl_cb_run2(g->buf, n, seq, g->portid, talk_data_cb, &t,
				  ctl, MNL_ARRAY_SIZE(ctl));
	} while (ret > MNL_CB_STOP);

	if (ret < 0)
		return t.err ? t.err : (errno ? -errno : -EPROTO);
	return 0;
}

int genl_dump(struct genl *g, uint8_t cmd, mnl_cb_t cb, void *data)
{
	return genl_talk(g, genl_msg(g, cmd, NLM_F_DUMP), cb, data);
}

/* Reply to CTRL_CMD_GETFAMILY: pick up the family id. */
static int family_attr_cb(const struct nlattr *attr, void *data)
{
	uint16_t *id = data;

	if (mnl_attr_get_type(attr) != CTRL_ATTR_FAMILY_ID)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_U16) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	*id = mnl_attr_get_u16(attr);
	return MNL_CB_OK;
}

static int family_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, family_attr_cb, data);
}

static int genl_resolve(struct genl *g, const char *name)
{
	struct nlmsghdr *nlh;
	uint16_t id = 0;
	int err;

	nlh = genl_msg_type(g, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
			    NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);

	err = genl_talk(g, nlh, family_cb, &id);
	if (err)
		return err;
	if (!id)
		return -EBADMSG;
	g->family = id;
	return 0;
}

/* genl_join()'s search: a group's name, and its id once found */
struct group_find {
	const char *name;
	uint32_t id;
};

static int group_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type == CTRL_ATTR_MCAST_GRP_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		tb[type] = attr;
	else if (type == CTRL_ATTR_MCAST_GRP_ID &&
		 mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

/* Each group of CTRL_ATTR_MCAST_GROUPS: a nest of name and id. */
static int groups_cb(const struct nlattr *nest, void *data)
{
	const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = { 0 };
	struct group_find *f = data;

	if (mnl_attr_parse_nested(nest, group_attr_cb, tb) < 0)
		return MNL_CB_ERROR;
	if (tb[CTRL_ATTR_MCAST_GRP_NAME] && tb[CTRL_ATTR_MCAST_GRP_ID] &&
	    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]), f->name))
		f->id = mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
	return MNL_CB_OK;
}

static int group_find_attr_cb(const struct nlattr *attr, void *data)
{
	if (mnl_attr_get_type(attr) != CTRL_ATTR_MCAST_GROUPS)
		return MNL_CB_OK;
	return mnl_attr_parse_nested(attr, groups_cb, data);
}

static int group_find_cb(const struct nlmsghdr *nlh, void *data)
{
	return mnl_attr_parse(nlh, GENL_HDRLEN, group_find_attr_cb, data);
}

int genl_join(struct genl *g, const char *name, const char *group)
{
	struct group_find f = { .name = group };
	struct nlmsghdr *nlh;
	int err;

	nlh = genl_msg_type(g, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1,
			    NLM_F_ACK);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);
	err = genl_talk(g, nlh, group_find_cb, &f);
	if (err)
		return err;
	if (!f.id)
		return -ENOENT;
	if (mnl_socket_setsockopt(g->nl, NETLINK_ADD_MEMBERSHIP, &f.id,
				  sizeof(f.id)) < 0)
		return -errno;
	return 0;
}

int genl_open(struct genl *g, const char *name, uint8_t version)
{
	int one = 1;
	int err;

	memset(g, 0, sizeof(*g));
	g->version = version;
	g->seq = (uint32_t)time(NULL);

	g->buf = malloc(GENL_BUF_SIZE);
	if (!g->buf)
		return -ENOMEM;

	g->nl = mnl_socket_open(NETLINK_GENERIC);
	if (!g->nl)
		goto fail_errno;
	if (mnl_socket_bind(g->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail_errno;
	g->portid = mnl_socket_get_portid(g->nl);

	/* Both are optional: old kernels just give plainer errors. */
	mnl_socket_setsockopt(g->nl, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(g->nl, NETLINK_CAP_ACK, &one, sizeof(one));

	err = genl_resolve(g, name);
	if (err) {
		genl_close(g);
		return err;
	}
	return 0;

fail_errno:
	err = -errno;
	genl_close(g);
	return err;
}

void genl_close(struct genl *g)
{
	if (g->nl)
		mnl_socket_close(g->nl);
	g->nl = NULL;
	free(g->buf);
	g->buf = NULL;
}
