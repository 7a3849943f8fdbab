/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet: the configuration tool for the cnet IPv4 stack.
 * Declarations shared by its objects (link, addr, neigh, stats).
 */
#ifndef CNET_TOOLS_CNET_H
#define CNET_TOOLS_CNET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <net/if.h>
#include <linux/cnet.h>

#include "genl.h"
#include "json.h"
#include "util.h"

/* Enough for "xx:" per byte of any link-layer address we print. */
#define LLADDR_STR_MAX	(32 * 3)

/* One invocation of the tool. */
struct cnet {
	bool json;		/* -j */
	bool genl_open;		/* genl is valid */
	struct genl genl;
};

/* What a "show" callback prints to, and which device it keeps. */
struct cnet_show {
	FILE *fp;
	struct json *json;	/* NULL: text output */
	unsigned int ifindex;	/* only this device; 0: all */
	unsigned int flags;	/* the object's display options */
};

/* sock show: what it shows (struct cnet_show's flags) */
#define SOCK_SHOW_NETID		0x1	/* the Netid column */
#define SOCK_SHOW_INFO		0x2	/* -i: TCP's numbers */
#define SOCK_SHOW_TIMER		0x4	/* -o: TCP's timer */
#define SOCK_SHOW_EXT		0x8	/* -e: uid and inode */

/* sock show's command line */
struct sock_opts {
	uint32_t kinds;		/* bit (1 << CNET_SOCK_*) */
	uint32_t states;	/* bit (1 << CNET_SOCK_ST_*) */
	unsigned int flags;	/* SOCK_SHOW_* */
	const char *dev;	/* dev DEV, or NULL */
	bool all, listening, json;
};

/*
 * A command of an object: @name may be abbreviated down to @min characters;
 * in a table, the first entry that matches wins, so order the entries as
 * the abbreviations should resolve. @run gets the arguments after the
 * command word.
 */
struct cnet_subcmd {
	const char *name;
	size_t min;
	int (*run)(struct cnet *c, int argc, char **argv);
};

/*
 * Run the command of @obj named by argv[0] from @cmds; with no arguments,
 * the entry named "show". "help" prints the usage. Returns the exit status.
 */
int cnet_dispatch(struct cnet *c, const char *obj,
		  const struct cnet_subcmd *cmds, size_t ncmds,
		  int argc, char **argv);

/* "OBJ show [dev DEV]": dump @cmd and print each message with @cb. */
int cnet_show_dump(struct cnet *c, const char *obj, uint8_t cmd,
		   mnl_cb_t cb, int argc, char **argv);

/* Objects: each parses its own arguments (after the object word). */
int do_link(struct cnet *c, int argc, char **argv);
int do_addr(struct cnet *c, int argc, char **argv);
int do_neigh(struct cnet *c, int argc, char **argv);
int do_stats(struct cnet *c, int argc, char **argv);
int do_route(struct cnet *c, int argc, char **argv);
int do_forwarding(struct cnet *c, int argc, char **argv);
int do_conf(struct cnet *c, int argc, char **argv);
int do_sock(struct cnet *c, int argc, char **argv);
int do_monitor(struct cnet *c, int argc, char **argv);
int do_trace(struct cnet *c, int argc, char **argv);

/* Their per-message printers, also driven by the self-test. */
int link_show_cb(const struct nlmsghdr *nlh, void *data);
int addr_show_cb(const struct nlmsghdr *nlh, void *data);
int neigh_show_cb(const struct nlmsghdr *nlh, void *data);
int stats_show_cb(const struct nlmsghdr *nlh, void *data);
int route_show_cb(const struct nlmsghdr *nlh, void *data);
int route_get_cb(const struct nlmsghdr *nlh, void *data);
int conf_show_cb(const struct nlmsghdr *nlh, void *data);
int forwarding_show_cb(const struct nlmsghdr *nlh, void *data);
int sock_show_cb(const struct nlmsghdr *nlh, void *data);
void sock_show_header(FILE *fp, unsigned int flags);
int sock_parse(int argc, char **argv, struct sock_opts *o);
uint32_t sock_state_word(const char *word);
const char *sock_format_ms(uint32_t ms, char *buf);

/* The help text. */
void cnet_usage(FILE *fp);

/*
 * Report the failure @err (negative errno) of a request to the kernel,
 * with the kernel's extended ack message if any; returns EXIT_ERR.
 */
int cnet_kernel_error(struct cnet *c, int err);

/* Argument helpers. */
bool matches(const char *arg, const char *word, size_t min);
bool is_help(const char *arg);
int parse_dev(const char *name, unsigned int *ifindex);
int parse_prefix(const char *arg, uint32_t *addr, uint8_t *plen);
int parse_in_addr(const char *arg, uint32_t *addr);
int parse_route_prefix(const char *arg, uint32_t *addr, uint8_t *plen);
int parse_u32(const char *what, const char *arg, uint32_t *v);
int parse_on_off(const char *what, const char *arg, uint8_t *v);
int parse_lladdr(const char *arg, uint8_t mac[6]);
int parse_show_args(const char *obj, int argc, char **argv,
		    unsigned int *ifindex);

/* Netlink helpers. */
struct genl *cnet_genl(struct cnet *c);
void cnet_close(struct cnet *c);
int cnet_parse_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb);
int cnet_parse_nested(const struct nlattr *nest, const struct nlattr **tb);
int cnet_show(struct cnet *c, uint8_t cmd, bool dump, mnl_cb_t cb,
	      unsigned int ifindex);
int cnet_show_msg(struct cnet *c, struct nlmsghdr *nlh, bool dump,
		  mnl_cb_t cb, unsigned int ifindex);
int cnet_show_msg_flags(struct cnet *c, struct nlmsghdr *nlh, bool dump,
			mnl_cb_t cb, unsigned int ifindex, unsigned int flags);
int cnet_do(struct cnet *c, struct nlmsghdr *nlh);
bool cnet_show_skip(const struct cnet_show *s, const struct nlattr **tb);
void cnet_request_dev(struct nlmsghdr *nlh, unsigned int ifindex,
		      const char *ifname);

/* A u32 setting with a range, as cnet conf set and cnet link set take it. */
struct conf_setting {
	const char	*name;
	int		attr;
	uint32_t	min, max;
};

const struct conf_setting *conf_dev_setting(const char *name);
const struct conf_setting *conf_dev_setting_next(const struct conf_setting *cs);
int conf_setting_parse(const struct conf_setting *cs, const char *arg,
		       uint32_t *v);

/* Formatting helpers. */
const char *format_ifname(const struct nlattr **tb, char *buf);
const char *format_lladdr(const struct nlattr *attr, char *buf);
const char *format_in_addr(const struct nlattr *attr, char *buf);
const char *format_enum(const char *const *names, size_t n, unsigned int v,
			const char *unknown);

/* The name of @v in the array @names, indexed by value, or @unknown. */
#define ENUM_NAME(names, v, unknown) \
	format_enum(names, ARRAY_SIZE(names), v, unknown)

#endif /* CNET_TOOLS_CNET_H */
