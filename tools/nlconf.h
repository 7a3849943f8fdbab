/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Configuration requests to the "cnet" generic netlink family, shared by
 * cnet (addr, route) and cnet-dhcp: build an address or route request,
 * and look up one address's flags (tentative, dadfailed).
 */
#ifndef CNET_TOOLS_NLCONF_H
#define CNET_TOOLS_NLCONF_H

#include <stdbool.h>
#include <stdint.h>

#include "genl.h"

/*
 * CNET_CMD_ADDR_ADD or _DEL of @addr/@plen (network order) on the device
 * @ifindex, also named @ifname; @flags: CNET_IFA_F_NODAD, CNET_IFA_F_DAD or 0. Returns the
 * request, to send with genl_talk().
 */
struct nlmsghdr *nlconf_addr_msg(struct genl *g, uint8_t cmd,
				 unsigned int ifindex, const char *ifname,
				 uint32_t addr, uint8_t plen, uint32_t flags);

/* A route request: what is not "has" or NULL is left out. */
struct nlconf_route {
	uint32_t dst;			/* network order */
	uint8_t plen;
	uint8_t type;			/* CNET_RT_*; UNSPEC: leave out */
	bool has_gw, has_metric, has_prefsrc;
	uint32_t gw;
	unsigned int ifindex;		/* with ifname */
	const char *ifname;
	uint32_t metric;
	uint32_t prefsrc;
};

/* CNET_CMD_ROUTE_ADD, _REPLACE or _DEL of @r. */
struct nlmsghdr *nlconf_route_msg(struct genl *g, uint8_t cmd,
				  const struct nlconf_route *r);

/*
 * The CNET_IFA_F_* flags of @addr on device @ifindex, in *@flags.
 * Returns 0, -ENOENT when the device has no such address, or the
 * negative errno of the dump.
 */
int nlconf_addr_flags(struct genl *g, unsigned int ifindex, uint32_t addr,
		      uint32_t *flags);

#endif /* CNET_TOOLS_NLCONF_H */
