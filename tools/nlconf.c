// SPDX-License-Identifier: GPL-2.0
/* Address and route requests to the cnet family; see nlconf.h. */
#include <errno.h>
#include <string.h>

#include <linux/cnet.h>

#include "nlconf.h"

static void put_dev(struct nlmsghdr *nlh, unsigned int ifindex,
		    const char *ifname)
{
	mnl_attr_put_u32(nlh, CNET_A_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, CNET_A_IFNAME, ifname);
}

struct nlmsghdr *nlconf_addr_msg(struct genl *g, uint8_t cmd,
				 unsigned int ifindex, const char *ifname,
				 uint32_t addr, uint8_t plen, uint32_t flags)
{
	struct nlmsghdr *nlh = genl_msg(g, cmd, NLM_F_ACK);

	put_dev(nlh, ifindex, ifname);
	mnl_attr_put_u32(nlh, CNET_A_ADDR, addr);	/* already be32 */
	mnl_attr_put_u8(nlh, CNET_A_PREFIXLEN, plen);
	if (flags)
		mnl_attr_put_u32(nlh, CNET_A_ADDR_FLAGS, flags);
	return nlh;
}

struct nlmsghdr *nlconf_route_msg(struct genl *g, uint8_t cmd,
				  const struct nlconf_route *r)
{
	struct nlmsghdr *nlh = genl_msg(g, cmd, NLM_F_ACK);

	mnl_attr_put_u32(nlh, CNET_A_ADDR, r->dst);	/* already be32 */
	mnl_attr_put_u8(nlh, CNET_A_PREFIXLEN, r->plen);
	if (r->type)
		mnl_attr_put_u8(nlh, CNET_A_RT_TYPE, r->type);
	if (r->has_gw)
		mnl_attr_put_u32(nlh, CNET_A_GATEWAY, r->gw);
	if (r->ifname)
		put_dev(nlh, r->ifindex, r->ifname);
	if (r->has_metric)
		mnl_attr_put_u32(nlh, CNET_A_METRIC, r->metric);
	if (r->has_prefsrc)
		mnl_attr_put_u32(nlh, CNET_A_PREFSRC, r->prefsrc);
	return nlh;
}

struct addr_find {
	unsigned int ifindex;
	uint32_t addr;
	uint32_t flags;
	bool found;
};

static int addr_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	if (type != CNET_A_IFINDEX && type != CNET_A_ADDR &&
	    type != CNET_A_ADDR_FLAGS)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	tb[type] = attr;
	return MNL_CB_OK;
}

static int addr_find_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1] = { NULL };
	struct addr_find *f = data;

	if (mnl_attr_parse(nlh, GENL_HDRLEN, addr_attr_cb, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_IFINDEX] || !tb[CNET_A_ADDR] ||
	    mnl_attr_get_u32(tb[CNET_A_IFINDEX]) != f->ifindex ||
	    mnl_attr_get_u32(tb[CNET_A_ADDR]) != f->addr)
		return MNL_CB_OK;
	f->found = true;
	f->flags = tb[CNET_A_ADDR_FLAGS] ?
		   mnl_attr_get_u32(tb[CNET_A_ADDR_FLAGS]) : 0;
	return MNL_CB_OK;
}

int nlconf_addr_flags(struct genl *g, unsigned int ifindex, uint32_t addr,
		      uint32_t *flags)
{
	struct addr_find f = { .ifindex = ifindex, .addr = addr };
	int err;

	err = genl_dump(g, CNET_CMD_ADDR_GET, addr_find_cb, &f);
	if (err)
		return err;
	if (!f.found)
		return -ENOENT;
	*flags = f.flags;
	return 0;
}
