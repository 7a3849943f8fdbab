// SPDX-License-Identifier: GPL-2.0
/*
 * cnet: helpers shared by the objects: argument parsing, error reporting,
 * talking to the "cnet" generic netlink family, formatting.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cnet.h"

/* ---- messages ---------------------------------------------------------- */

int cnet_kernel_error(struct cnet *c, int err)
{
	const char *msg = c->genl_open ? c->genl.extack : "";

	err = -err;
	if (err == EPERM)
		tool_error("operation not permitted (need CAP_NET_ADMIN)");
	else if (err == EBADMSG && !*msg)
		tool_error("malformed reply from the kernel");
	else if (err == EINTR)
		tool_error("dump interrupted by a concurrent change; try again");
	else if (err == EOPNOTSUPP && !*msg)
		tool_error("not supported by the loaded cnet module (older than this tool?)");
	else if (*msg)
		tool_error("%s: %s", strerror(err), msg);
	else
		tool_error("%s", strerror(err));
	return EXIT_ERR;
}

void cnet_usage(FILE *fp)
{
	fputs("Usage: cnet [-j] [-n NETNS] OBJECT [COMMAND [ARGS]]\n"
	      "       cnet [-j] [-n NETNS] [-force] -b FILE\n"
	      "       cnet help\n"
	      "\n"
	      "  cnet link attach DEV\n"
	      "  cnet link detach DEV\n"
	      "  cnet link show [dev DEV]\n"
	      "  cnet link set DEV [proxy_arp on|off] [neigh_reachable_ms MS]\n"
	      "                [neigh_retrans_ms MS] [neigh_gc_ms MS] [neigh_delay_ms MS]\n"
	      "                [neigh_locktime_ms MS] [neigh_max_probes N]\n"
	      "                [neigh_ucast_probes N] [neigh_queue_len N]\n"
	      "                [neigh_queue_bytes BYTES]\n"
	      "  cnet addr add A.B.C.D/PREFIX dev DEV [nodad | dad]\n"
	      "  cnet addr del A.B.C.D/PREFIX dev DEV\n"
	      "  cnet addr show [dev DEV]\n"
	      "  cnet neigh show [dev DEV]\n"
	      "  cnet neigh add A.B.C.D lladdr xx:xx:xx:xx:xx:xx dev DEV\n"
	      "  cnet neigh del A.B.C.D dev DEV\n"
	      "  cnet neigh flush [dev DEV] [all]\n"
	      "  cnet stats [show]\n"
	      "  cnet route show [dev DEV]\n"
	      "  cnet route add|replace ROUTE\n"
	      "  cnet route del [TYPE] PREFIX [via GW] [dev DEV] [metric N]\n"
	      "  cnet route get A.B.C.D\n"
	      "      ROUTE := PREFIX [via GW] [dev DEV] [metric N] [src A.B.C.D]\n"
	      "             | TYPE PREFIX [metric N]\n"
	      "      PREFIX := A.B.C.D[/LEN] | default\n"
	      "      TYPE := blackhole | unreachable | prohibit\n"
	      "  cnet forwarding [on|off]\n"
	      "  cnet sock show [-tuwPalnioej] [state STATE]... [dev DEV]\n"
	      "      as ss(8): -t tcp, -u udp, -w raw, -P ping (default: all),\n"
	      "      -a all states, -l listening/unconnected (default: connected),\n"
	      "      -i TCP info, -o timers, -e uid and inode, -n (always numeric)\n"
	      "      STATE := all | connected | synchronized | bucket | big |\n"
	      "               established | syn-sent | syn-recv | fin-wait-1 |\n"
	      "               fin-wait-2 | time-wait | closed | close-wait |\n"
	      "               last-ack | listening | closing\n"
	      "  cnet monitor [-t] [all | link | address | route | neigh]...\n"
	      "      changes as they happen, until interrupted, as ip monitor\n"
	      "  cnet trace [-c COUNT] [-t SECONDS] [host A.B.C.D] [port P] [EVENT]...\n"
	      "      what the stack of this namespace does, event by event;\n"
	      "      EVENT := rx | route | forward | neigh | xmit | tcp_state | count\n"
	      "  cnet conf show\n"
	      "  cnet conf set [forwarding on|off] [icmp_ratelimit MS] [icmp_burst N]\n"
	      "                [ipfrag_high_thresh BYTES] [ipfrag_low_thresh BYTES]\n"
	      "                [ipfrag_time_ms MS] [ip_local_port_range LO-HI]\n"
	      "                [tcp_tw_timeout_ms MS] [tcp_max_tw_buckets N]\n"
	      "                [tcp_mem_low PAGES] [tcp_mem_pressure PAGES]\n"
	      "                [tcp_mem_high PAGES]\n"
	      "                [tcp_keepalive_time_s S] [tcp_keepalive_intvl_s S]\n"
	      "                [tcp_keepalive_probes N] [tcp_syncookies 0|1|2]\n"
	      "                [tcp_congestion NAME] [tcp_timestamps 0|1]\n"
	      "                [tcp_sack 0|1] [tcp_recovery 0|1]\n"
	      "                [tcp_mtu_probing 0|1|2] [tcp_base_mss BYTES]\n"
	      "                [tcp_ecn 0|1|2] [tcp_syn_retries N]\n"
	      "                [tcp_synack_retries N] [tcp_retries2 N]\n"
	      "                [tcp_orphan_retries N] [tcp_syn_linear_timeouts N]\n"
	      "                [tcp_fin_timeout_s S] [tcp_tw_reuse 0|1|2]\n"
	      "                [neigh_reachable_ms MS]\n"
	      "                [neigh_retrans_ms MS] [neigh_gc_ms MS]\n"
	      "                [neigh_delay_ms MS] [neigh_locktime_ms MS]\n"
	      "                [neigh_max_probes N] [neigh_ucast_probes N]\n"
	      "                [neigh_max_entries N] [neigh_queue_len N]\n"
	      "                [neigh_queue_bytes BYTES] [dad_probes N]\n"
	      "                [dad_interval_ms MS]\n"
	      "\n"
	      "Options:\n"
	      "  -j, --json   print JSON instead of text\n"
	      "  -h, --help   print this help\n"
	      "\n"
	      "Without a command, an object is shown. Objects and commands may be\n"
	      "abbreviated: \"cnet a s\" is \"cnet addr show\".\n", fp);
}

/* ---- arguments --------------------------------------------------------- */

/*
 * iproute2-style abbreviations: @arg is a prefix of @word at least @min
 * characters long.
 */
bool matches(const char *arg, const char *word, size_t min)
{
	size_t len = strlen(arg);

	return len >= min && len <= strlen(word) && !strncmp(arg, word, len);
}

bool is_help(const char *arg)
{
	return matches(arg, "help", 1) || !strcmp(arg, "-h") ||
	       !strcmp(arg, "--help");
}

/* Resolve a device name; prints the error. */
int parse_dev(const char *name, unsigned int *ifindex)
{
	unsigned int idx = 0;

	if (*name && strlen(name) < IFNAMSIZ)
		idx = if_nametoindex(name);
	if (!idx) {
		tool_error("unknown device \"%s\"", name);
		return EXIT_ERR;
	}
	*ifindex = idx;
	return 0;
}

/*
 * Parse "A.B.C.D/P": @addr in network byte order, 0 <= P <= 32. Strict: a
 * dotted quad as inet_pton() takes it, decimal digits only for P, nothing
 * trailing. Prints the error.
 */
int parse_prefix(const char *arg, uint32_t *addr, uint8_t *plen)
{
	char buf[INET_ADDRSTRLEN];
	const char *slash = strchr(arg, '/');
	const char *p;
	struct in_addr in;
	unsigned long long len;

	if (!slash) {
		tool_error("invalid address \"%s\" (expected A.B.C.D/PREFIX)",
			   arg);
		return EXIT_ERR;
	}
	if ((size_t)(slash - arg) >= sizeof(buf)) {
		tool_error("invalid address \"%.*s\"", (int)(slash - arg), arg);
		return EXIT_ERR;
	}
	memcpy(buf, arg, slash - arg);
	buf[slash - arg] = '\0';
	if (inet_pton(AF_INET, buf, &in) != 1) {
		tool_error("invalid address \"%s\"", buf);
		return EXIT_ERR;
	}

	p = slash + 1;
	if (strlen(p) > 2 || !parse_decimal(p, 0, 32, &len)) {
		tool_error("invalid prefix length \"%s\" (0-32)", p);
		return EXIT_ERR;
	}

	*addr = in.s_addr;
	*plen = (uint8_t)len;
	return 0;
}

/* A dotted quad, strictly as inet_pton() takes it. Prints the error. */
int parse_in_addr(const char *arg, uint32_t *addr)
{
	struct in_addr in;

	if (inet_pton(AF_INET, arg, &in) != 1) {
		tool_error("invalid address \"%s\"", arg);
		return EXIT_ERR;
	}
	*addr = in.s_addr;
	return 0;
}

/*
 * A route destination: "default" (0.0.0.0/0), "A.B.C.D" (/32) or
 * "A.B.C.D/P", with no bits set beyond the prefix. Prints the error.
 */
int parse_route_prefix(const char *arg, uint32_t *addr, uint8_t *plen)
{
	char want[INET_ADDRSTRLEN];
	struct in_addr net;
	uint32_t mask;
	int err;

	if (!strcmp(arg, "default")) {
		*addr = 0;
		*plen = 0;
		return 0;
	}
	if (!strchr(arg, '/')) {
		*plen = 32;
		return parse_in_addr(arg, addr);
	}
	err = parse_prefix(arg, addr, plen);
	if (err)
		return err;

	mask = *plen ? htonl(~0u << (32 - *plen)) : 0;
	if (*addr & ~mask) {
		net.s_addr = *addr & mask;
		inet_ntop(AF_INET, &net, want, sizeof(want));
		tool_error("%s: host bits set, did you mean %s/%u?", arg, want,
			   *plen);
		return EXIT_ERR;
	}
	return 0;
}

/* A decimal u32, digits only. Prints the error naming @what. */
int parse_u32(const char *what, const char *arg, uint32_t *v)
{
	unsigned long long n;

	if (!parse_decimal(arg, 0, UINT32_MAX, &n)) {
		tool_error("invalid %s \"%s\" (0-%u)", what, arg, UINT32_MAX);
		return EXIT_ERR;
	}
	*v = (uint32_t)n;
	return 0;
}

/* "on" or "off" (also "1" or "0"). Prints the error naming @what. */
int parse_on_off(const char *what, const char *arg, uint8_t *v)
{
	if (!strcmp(arg, "on") || !strcmp(arg, "1")) {
		*v = 1;
		return 0;
	}
	if (!strcmp(arg, "off") || !strcmp(arg, "0")) {
		*v = 0;
		return 0;
	}
	tool_error("invalid %s \"%s\" (on or off)", what, arg);
	return EXIT_ERR;
}

/*
 * An Ethernet address: six groups of one or two hex digits separated by
 * ':'. Prints the error.
 */
int parse_lladdr(const char *arg, uint8_t mac[6])
{
	const char *p = arg;
	int i, n;

	for (i = 0; i < 6; i++) {
		for (n = 0; n < 2 && isxdigit((unsigned char)p[n]); n++)
			;
		if (!n || (i < 5 && p[n] != ':') || (i == 5 && p[n]))
			goto bad;
		mac[i] = (uint8_t)strtoul(p, NULL, 16);
		p += n + 1;
	}
	return 0;
bad:
	tool_error("invalid link-layer address \"%s\" (expected xx:xx:xx:xx:xx:xx)",
		   arg);
	return EXIT_ERR;
}

/*
 * Arguments of "OBJ show": nothing, or "dev DEV". Returns 0, or the exit
 * status after printing the error.
 */
int parse_show_args(const char *obj, int argc, char **argv,
		    unsigned int *ifindex)
{
	const char *dev = NULL;

	*ifindex = 0;
	for (; argc > 0; argc--, argv++) {
		if (strcmp(*argv, "dev"))
			return tool_usage_error("%s show: unexpected argument \"%s\"",
						obj, *argv);
		if (dev)
			return tool_usage_error("%s show: \"dev\" given twice",
						obj);
		if (argc < 2)
			return tool_usage_error("%s show: \"dev\" needs a device name",
						obj);
		argc--;
		dev = *++argv;
	}
	return dev ? parse_dev(dev, ifindex) : 0;
}

/* ---- commands ---------------------------------------------------------- */

int cnet_dispatch(struct cnet *c, const char *obj,
		  const struct cnet_subcmd *cmds, size_t ncmds,
		  int argc, char **argv)
{
	const char *cmd;
	size_t i;

	if (argc < 1) {
		for (i = 0; i < ncmds; i++)
			if (!strcmp(cmds[i].name, "show"))
				return cmds[i].run(c, 0, NULL);
		return tool_usage_error("%s: missing command", obj);
	}
	cmd = argv[0];
	for (i = 0; i < ncmds; i++)
		if (matches(cmd, cmds[i].name, cmds[i].min))
			return cmds[i].run(c, argc - 1, argv + 1);
	if (is_help(cmd)) {
		cnet_usage(stdout);
		return 0;
	}
	return tool_usage_error("%s: unknown command \"%s\"", obj, cmd);
}

int cnet_show_dump(struct cnet *c, const char *obj, uint8_t cmd,
		   mnl_cb_t cb, int argc, char **argv)
{
	unsigned int ifindex;
	int err;

	err = parse_show_args(obj, argc, argv, &ifindex);
	if (err)
		return err;
	return cnet_show(c, cmd, true, cb, ifindex);
}

/* ---- netlink ----------------------------------------------------------- */

/* Open the netlink socket on first use; NULL after printing the error. */
struct genl *cnet_genl(struct cnet *c)
{
	int err;

	if (c->genl_open)
		return &c->genl;

	err = genl_open(&c->genl, CNET_GENL_NAME, CNET_GENL_VERSION);
	if (err == -ENOENT) {
		tool_error("the cnet module is not loaded (no generic netlink family \"%s\")",
			   CNET_GENL_NAME);
		return NULL;
	}
	if (err) {
		tool_error("cannot talk to the kernel: %s", strerror(-err));
		return NULL;
	}
	c->genl_open = true;
	return &c->genl;
}

void cnet_close(struct cnet *c)
{
	if (c->genl_open)
		genl_close(&c->genl);
	c->genl_open = false;
}

/* How each attribute the kernel sends must look. */
static const enum mnl_attr_data_type cnet_policy[CNET_A_MAX + 1] = {
	[CNET_A_IFINDEX]	= MNL_TYPE_U32,
	[CNET_A_IFNAME]		= MNL_TYPE_NUL_STRING,
	[CNET_A_ADDR]		= MNL_TYPE_U32,
	[CNET_A_PREFIXLEN]	= MNL_TYPE_U8,
	[CNET_A_LLADDR]		= MNL_TYPE_BINARY,
	[CNET_A_MTU]		= MNL_TYPE_U32,
	[CNET_A_NEIGH_STATE]	= MNL_TYPE_U8,
	[CNET_A_NEIGH_AGE_MS]	= MNL_TYPE_U32,
	[CNET_A_NEIGH_QLEN]	= MNL_TYPE_U32,
	[CNET_A_STATS]		= MNL_TYPE_NESTED,
	[CNET_A_STAT]		= MNL_TYPE_NESTED,
	[CNET_A_STAT_NAME]	= MNL_TYPE_NUL_STRING,
	[CNET_A_STAT_VALUE]	= MNL_TYPE_U64,
	[CNET_A_BROADCAST]	= MNL_TYPE_U32,
	[CNET_A_PAD]		= MNL_TYPE_UNSPEC,
	[CNET_A_GATEWAY]	= MNL_TYPE_U32,
	[CNET_A_METRIC]		= MNL_TYPE_U32,
	[CNET_A_RT_TYPE]	= MNL_TYPE_U8,
	[CNET_A_RT_SCOPE]	= MNL_TYPE_U8,
	[CNET_A_RT_PROTO]	= MNL_TYPE_U8,
	[CNET_A_PREFSRC]	= MNL_TYPE_U32,
	[CNET_A_NEXTHOP]	= MNL_TYPE_U32,
	[CNET_A_FORWARDING]	= MNL_TYPE_U8,
	[CNET_A_ICMP_RATELIMIT_MS] = MNL_TYPE_U32,
	[CNET_A_ICMP_BURST]	= MNL_TYPE_U32,
	[CNET_A_NEIGH_ALL]	= MNL_TYPE_FLAG,
	[CNET_A_PROXY_ARP]	= MNL_TYPE_U8,
	[CNET_A_ADDR_FLAGS]	= MNL_TYPE_U32,
	[CNET_A_IPFRAG_HIGH_THRESH] = MNL_TYPE_U32,
	[CNET_A_IPFRAG_LOW_THRESH] = MNL_TYPE_U32,
	[CNET_A_IPFRAG_TIME_MS]	= MNL_TYPE_U32,
	[CNET_A_IPFRAG_MEM]	= MNL_TYPE_U64,
	[CNET_A_IPFRAG_QUEUES]	= MNL_TYPE_U32,
	[CNET_A_LOCAL_PORT_LO]	= MNL_TYPE_U16,
	[CNET_A_LOCAL_PORT_HI]	= MNL_TYPE_U16,
	[CNET_A_SOCK_KINDS]	= MNL_TYPE_U32,
	[CNET_A_SOCK_STATES]	= MNL_TYPE_U32,
	[CNET_A_SOCK_KIND]	= MNL_TYPE_U8,
	[CNET_A_SOCK_STATE]	= MNL_TYPE_U8,
	[CNET_A_SOCK_PROTOCOL]	= MNL_TYPE_U8,
	[CNET_A_SOCK_LADDR]	= MNL_TYPE_U32,
	[CNET_A_SOCK_LPORT]	= MNL_TYPE_U16,
	[CNET_A_SOCK_RADDR]	= MNL_TYPE_U32,
	[CNET_A_SOCK_RPORT]	= MNL_TYPE_U16,
	[CNET_A_SOCK_RQUEUE]	= MNL_TYPE_U32,
	[CNET_A_SOCK_WQUEUE]	= MNL_TYPE_U32,
	[CNET_A_SOCK_UID]	= MNL_TYPE_U32,
	[CNET_A_SOCK_INODE]	= MNL_TYPE_U64,
	[CNET_A_SOCK_TCP_TIMER]	= MNL_TYPE_U8,
	[CNET_A_SOCK_TCP_TIMER_MS] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_RETRANSMITS] = MNL_TYPE_U8,
	[CNET_A_SOCK_TCP_RTT_US] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_RTTVAR_US] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_RTO_US] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_SND_MSS] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_RCV_MSS] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_SND_CWND] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_SND_SSTHRESH] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_UNACKED] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_TOTAL_RETRANS] = MNL_TYPE_U32,
	[CNET_A_SOCK_TCP_BYTES_ACKED] = MNL_TYPE_U64,
	[CNET_A_SOCK_TCP_BYTES_RECEIVED] = MNL_TYPE_U64,
};

static int cnet_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	uint16_t type = mnl_attr_get_type(attr);

	/* Attributes from a newer module are skipped, not fatal. */
	if (mnl_attr_type_valid(attr, CNET_A_MAX) < 0)
		return MNL_CB_OK;
	if (mnl_attr_validate(attr, cnet_policy[type]) < 0 ||
	    (type == CNET_A_LLADDR &&
	     mnl_attr_get_payload_len(attr) > LLADDR_STR_MAX / 3)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	tb[type] = attr;
	return MNL_CB_OK;
}

/* Fill @tb[CNET_A_MAX + 1] from a cnet message; -1 with errno set. */
int cnet_parse_attrs(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	memset(tb, 0, sizeof(*tb) * (CNET_A_MAX + 1));
	if (mnl_attr_parse(nlh, GENL_HDRLEN, cnet_attr_cb, tb) < 0)
		return -1;
	return 0;
}

int cnet_parse_nested(const struct nlattr *nest, const struct nlattr **tb)
{
	memset(tb, 0, sizeof(*tb) * (CNET_A_MAX + 1));
	if (mnl_attr_parse_nested(nest, cnet_attr_cb, tb) < 0)
		return -1;
	return 0;
}

/*
 * Send @cmd and print the reply with @cb: as a dump (text lines, or a JSON
 * array of objects) or as a do request (text lines, or one JSON object whose
 * members @cb prints). @ifindex, if not 0, keeps only that device's entries.
 */
int cnet_show(struct cnet *c, uint8_t cmd, bool dump, mnl_cb_t cb,
	      unsigned int ifindex)
{
	struct genl *g = cnet_genl(c);

	if (!g)
		return EXIT_ERR;
	return cnet_show_msg(c, genl_msg(g, cmd, dump ? NLM_F_DUMP : NLM_F_ACK),
			     dump, cb, ifindex);
}

/*
 * cnet_show() for a request @nlh the caller built (genl_msg() with
 * NLM_F_DUMP or NLM_F_ACK as @dump says, then its attributes).
 */
int cnet_show_msg(struct cnet *c, struct nlmsghdr *nlh, bool dump,
		  mnl_cb_t cb, unsigned int ifindex)
{
	return cnet_show_msg_flags(c, nlh, dump, cb, ifindex, 0);
}

/* cnet_show_msg() with the object's display options @flags for @cb. */
int cnet_show_msg_flags(struct cnet *c, struct nlmsghdr *nlh, bool dump,
			mnl_cb_t cb, unsigned int ifindex, unsigned int flags)
{
	struct genl *g = &c->genl;
	struct json json;
	struct cnet_show s = {
		.fp = stdout,
		.json = c->json ? &json : NULL,
		.ifindex = ifindex,
		.flags = flags,
	};
	char *out = NULL;
	size_t len = 0;
	int err;

	if (!c->json) {
		err = genl_talk(g, nlh, cb, &s);
		return err ? cnet_kernel_error(c, err) : 0;
	}

	/*
	 * JSON goes to a memory buffer first so that a failing request prints
	 * no half-written document.
	 */
	s.fp = open_memstream(&out, &len);
	if (!s.fp) {
		tool_error("%s", strerror(errno));
		return EXIT_ERR;
	}
	json_init(&json, s.fp);
	if (dump)
		json_open_array(&json);
	else
		json_open_object(&json);
	err = genl_talk(g, nlh, cb, &s);
	if (dump)
		json_close_array(&json);
	else
		json_close_object(&json);
	fclose(s.fp);
	if (!err)
		fwrite(out, 1, len, stdout);
	free(out);

	return err ? cnet_kernel_error(c, err) : 0;
}

/* Send a "do" request built by the caller and wait for its ack. */
int cnet_do(struct cnet *c, struct nlmsghdr *nlh)
{
	return genl_talk(&c->genl, nlh, NULL, NULL);
}

/* A "show" filter: does this message belong to another device? */
bool cnet_show_skip(const struct cnet_show *s, const struct nlattr **tb)
{
	if (!s->ifindex)
		return false;
	if (tb[CNET_A_IFINDEX])
		return mnl_attr_get_u32(tb[CNET_A_IFINDEX]) != s->ifindex;
	if (tb[CNET_A_IFNAME])
		return if_nametoindex(mnl_attr_get_str(tb[CNET_A_IFNAME])) !=
		       s->ifindex;
	return true;
}

/* Name a device in a request: by index, and by name for good measure. */
void cnet_request_dev(struct nlmsghdr *nlh, unsigned int ifindex,
		      const char *ifname)
{
	mnl_attr_put_u32(nlh, CNET_A_IFINDEX, ifindex);
	mnl_attr_put_strz(nlh, CNET_A_IFNAME, ifname);
}

/* ---- formatting -------------------------------------------------------- */

/* The device name of a message; @buf has IFNAMSIZ bytes. */
const char *format_ifname(const struct nlattr **tb, char *buf)
{
	unsigned int idx;

	if (tb[CNET_A_IFNAME])
		return mnl_attr_get_str(tb[CNET_A_IFNAME]);
	if (!tb[CNET_A_IFINDEX])
		return "?";
	idx = mnl_attr_get_u32(tb[CNET_A_IFINDEX]);
	if (!if_indextoname(idx, buf))
		snprintf(buf, IFNAMSIZ, "if%u", idx);
	return buf;
}

/* "aa:bb:..." of a binary attribute; @buf has LLADDR_STR_MAX bytes. */
const char *format_lladdr(const struct nlattr *attr, char *buf)
{
	const uint8_t *a = mnl_attr_get_payload(attr);
	uint16_t len = mnl_attr_get_payload_len(attr);
	char *p = buf;
	uint16_t i;

	*p = '\0';
	for (i = 0; i < len && i < LLADDR_STR_MAX / 3; i++)
		p += sprintf(p, "%s%02x", i ? ":" : "", a[i]);
	return buf;
}

/* Dotted quad of a be32 attribute; @buf has INET_ADDRSTRLEN bytes. */
const char *format_in_addr(const struct nlattr *attr, char *buf)
{
	struct in_addr in = { .s_addr = mnl_attr_get_u32(attr) };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

/* @names[@v] when @v is in the @n-entry table and has a name, else @unknown. */
const char *format_enum(const char *const *names, size_t n, unsigned int v,
			const char *unknown)
{
	return v < n && names[v] ? names[v] : unknown;
}
