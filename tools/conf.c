// SPDX-License-Identifier: GPL-2.0
/*
 * cnet conf and cnet forwarding: the namespace's settings (forwarding
 * between devices, the ICMP error rate limit, IPv4 reassembly's memory
 * budget and timeout, the ephemeral port range).
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "cnet.h"

/*
 * IPv4 reassembly's settings, then its state (memory and queues), each
 * shown when the kernel sends it: "ipfrag_high_thresh 4194304".
 */
static const struct {
	int attr;
	const char *name;
} conf_ipfrag[] = {
	{ CNET_A_IPFRAG_HIGH_THRESH, "ipfrag_high_thresh" },
	{ CNET_A_IPFRAG_LOW_THRESH, "ipfrag_low_thresh" },
	{ CNET_A_IPFRAG_TIME_MS, "ipfrag_time_ms" },
	{ CNET_A_IPFRAG_MEM, "ipfrag_mem" },
	{ CNET_A_IPFRAG_QUEUES, "ipfrag_queues" },
};

static void conf_show_ipfrag(struct cnet_show *s, const struct nlattr **tb)
{
	const struct nlattr *a;
	uint64_t v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(conf_ipfrag); i++) {
		a = tb[conf_ipfrag[i].attr];
		if (!a)
			continue;
		v = conf_ipfrag[i].attr == CNET_A_IPFRAG_MEM ?
		    mnl_attr_get_u64(a) : mnl_attr_get_u32(a);
		if (s->json)
			json_kv_uint(s->json, conf_ipfrag[i].name, v);
		else
			fprintf(s->fp, "%s %" PRIu64 "\n", conf_ipfrag[i].name, v);
	}
}

/*
 * TCP's TIME-WAIT: the settings, then how many entries there are; TCP's
 * memory thresholds (pages), then the pages it holds
 */
static const struct {
	const char	*name;
	int		attr;
} conf_tcp[] = {
	{ "tcp_tw_timeout_ms",	CNET_A_TCP_TW_TIMEOUT_MS },
	{ "tcp_max_tw_buckets",	CNET_A_TCP_MAX_TW_BUCKETS },
	{ "tcp_tw_count",	CNET_A_TCP_TW_COUNT },
	{ "tcp_mem_low",	CNET_A_TCP_MEM_LOW },
	{ "tcp_mem_pressure",	CNET_A_TCP_MEM_PRESSURE },
	{ "tcp_mem_high",	CNET_A_TCP_MEM_HIGH },
	{ "tcp_mem_pages",	CNET_A_TCP_MEM_PAGES },
	{ "tcp_keepalive_time_s",	CNET_A_TCP_KEEPALIVE_TIME_S },
	{ "tcp_keepalive_intvl_s",	CNET_A_TCP_KEEPALIVE_INTVL_S },
	{ "tcp_keepalive_probes",	CNET_A_TCP_KEEPALIVE_PROBES },
	{ "tcp_timestamps",	CNET_A_TCP_TIMESTAMPS },
	{ "tcp_sack",		CNET_A_TCP_SACK },
};

static void conf_show_tcp(struct cnet_show *s, const struct nlattr **tb)
{
	const struct nlattr *cong = tb[CNET_A_TCP_CONGESTION];
	unsigned int i;
	uint32_t v;

	for (i = 0; i < sizeof(conf_tcp) / sizeof(conf_tcp[0]); i++) {
		if (!tb[conf_tcp[i].attr])
			continue;
		v = mnl_attr_get_u32(tb[conf_tcp[i].attr]);
		if (s->json)
			json_kv_uint(s->json, conf_tcp[i].name, v);
		else
			fprintf(s->fp, "%s %u\n", conf_tcp[i].name, v);
	}
	/* the congestion control new sockets get: "tcp_congestion cubic" */
	if (cong && mnl_attr_validate(cong, MNL_TYPE_NUL_STRING) >= 0) {
		if (s->json)
			json_kv_string(s->json, "tcp_congestion",
				       mnl_attr_get_str(cong));
		else
			fprintf(s->fp, "tcp_congestion %s\n",
				mnl_attr_get_str(cong));
	}
}

/*
 * The u32 settings with a range and nothing else to them, shown in this
 * order after tcp_ecn and set with these ranges (the kernel's policy, told
 * here before it refuses): TCP's retries and timeouts, Linux's sysctls of
 * the same names (the FIN-WAIT-2 timeout in seconds), and tcp_tw_reuse; ARP's timers and
 * bounds, Linux's net.ipv4.neigh.default.* under cnet's names; duplicate
 * address detection's (RFC 5227 PROBE_NUM and PROBE_MIN).
 */
#define CONF_RANGED	19
#define INT_MAX_U	2147483647u
static const struct conf_setting conf_ranged[CONF_RANGED] = {
	{ "tcp_syn_retries",	CNET_A_TCP_SYN_RETRIES,		1, 127 },
	{ "tcp_synack_retries",	CNET_A_TCP_SYNACK_RETRIES,	0, 255 },
	{ "tcp_retries2",	CNET_A_TCP_RETRIES2,		0, 255 },
	{ "tcp_orphan_retries",	CNET_A_TCP_ORPHAN_RETRIES,	0, 255 },
	{ "tcp_syn_linear_timeouts", CNET_A_TCP_SYN_LINEAR_TIMEOUTS, 0, 127 },
	{ "tcp_fin_timeout_s",	CNET_A_TCP_FIN_TIMEOUT_S,	1, 120 },
	{ "tcp_tw_reuse",	CNET_A_TCP_TW_REUSE,		0, 2 },
	{ "neigh_reachable_ms",	CNET_A_NEIGH_REACHABLE_MS,	1, INT_MAX_U },
	{ "neigh_retrans_ms",	CNET_A_NEIGH_RETRANS_MS,	10, INT_MAX_U },
	{ "neigh_gc_ms",	CNET_A_NEIGH_GC_MS,		0, INT_MAX_U },
	{ "neigh_delay_ms",	CNET_A_NEIGH_DELAY_MS,		1, INT_MAX_U },
	{ "neigh_locktime_ms",	CNET_A_NEIGH_LOCKTIME_MS,	0, INT_MAX_U },
	{ "neigh_max_probes",	CNET_A_NEIGH_MAX_PROBES,	1, 255 },
	{ "neigh_ucast_probes",	CNET_A_NEIGH_UCAST_PROBES,	1, 255 },
	{ "neigh_max_entries",	CNET_A_NEIGH_MAX_ENTRIES,	1, INT_MAX_U },
	{ "neigh_queue_len",	CNET_A_NEIGH_QUEUE_LEN,		0, INT_MAX_U },
	{ "neigh_queue_bytes",	CNET_A_NEIGH_QUEUE_BYTES,	0, INT_MAX_U },
	{ "dad_probes",		CNET_A_DAD_PROBES,		0, 255 },
	{ "dad_interval_ms",	CNET_A_DAD_INTERVAL_MS,		1, 3600000 },
};

/*
 * A device's own settings (cnet link set DEV NAME N): the neighbour ones,
 * named and bounded as here, but for the table's size.
 */
static bool conf_is_dev(size_t i)
{
	return !strncmp(conf_ranged[i].name, "neigh_", 6) &&
	       conf_ranged[i].attr != CNET_A_NEIGH_MAX_ENTRIES;
}

/* The device setting @name, or NULL when that is none. */
const struct conf_setting *conf_dev_setting(const char *name)
{
	size_t i;

	for (i = 0; i < CONF_RANGED; i++)
		if (conf_is_dev(i) && !strcmp(name, conf_ranged[i].name))
			return &conf_ranged[i];
	return NULL;
}

/* The device setting after @cs (the first for NULL), in conf show's order. */
const struct conf_setting *conf_dev_setting_next(const struct conf_setting *cs)
{
	size_t i = cs ? (size_t)(cs - conf_ranged) + 1 : 0;

	for (; i < CONF_RANGED; i++)
		if (conf_is_dev(i))
			return &conf_ranged[i];
	return NULL;
}

/* @arg as the value of @cs, in its range; prints the error. */
int conf_setting_parse(const struct conf_setting *cs, const char *arg,
		       uint32_t *v)
{
	int err = parse_u32(cs->name, arg, v);

	if (!err && (*v < cs->min || *v > cs->max)) {
		tool_error("invalid %s \"%s\" (%u to %u)", cs->name, arg,
			   cs->min, cs->max);
		err = EXIT_ERR;
	}
	return err;
}

/* "NAME VALUE" of a u32 setting, when the kernel sent it */
static void conf_show_u32(struct cnet_show *s, const struct nlattr **tb,
			  int attr, const char *name)
{
	uint32_t v;

	if (!tb[attr])
		return;
	v = mnl_attr_get_u32(tb[attr]);
	if (s->json)
		json_kv_uint(s->json, name, v);
	else
		fprintf(s->fp, "%s %u\n", name, v);
}

/*
 * Text: "forwarding on", "icmp_ratelimit 1000", "icmp_burst 50", the
 * reassembly lines (conf_ipfrag), "ip_local_port_range 32768-60999", the
 * TCP lines (conf_tcp, then "tcp_congestion cubic"), "tcp_syncookies 1",
 * "tcp_recovery 1", "tcp_mtu_probing 0", "tcp_base_mss 1024", "tcp_ecn 2",
 * the ranged settings (conf_ranged: "tcp_syn_retries 6" ...
 * "dad_interval_ms 1000").
 */
int conf_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	uint32_t ms, burst;
	unsigned int i;
	bool fwd;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_FORWARDING] || !tb[CNET_A_ICMP_RATELIMIT_MS] ||
	    !tb[CNET_A_ICMP_BURST]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	fwd = mnl_attr_get_u8(tb[CNET_A_FORWARDING]);
	ms = mnl_attr_get_u32(tb[CNET_A_ICMP_RATELIMIT_MS]);
	burst = mnl_attr_get_u32(tb[CNET_A_ICMP_BURST]);

	if (s->json) {
		json_kv_bool(s->json, "forwarding", fwd);
		json_kv_uint(s->json, "icmp_ratelimit", ms);
		json_kv_uint(s->json, "icmp_burst", burst);
	} else {
		fprintf(s->fp, "forwarding %s\nicmp_ratelimit %u\nicmp_burst %u\n",
			fwd ? "on" : "off", ms, burst);
	}
	conf_show_ipfrag(s, tb);
	if (tb[CNET_A_LOCAL_PORT_LO] && tb[CNET_A_LOCAL_PORT_HI]) {
		uint16_t lo = mnl_attr_get_u16(tb[CNET_A_LOCAL_PORT_LO]);
		uint16_t hi = mnl_attr_get_u16(tb[CNET_A_LOCAL_PORT_HI]);

		if (s->json) {
			json_kv_uint(s->json, "ip_local_port_lo", lo);
			json_kv_uint(s->json, "ip_local_port_hi", hi);
		} else {
			fprintf(s->fp, "ip_local_port_range %u-%u\n", lo, hi);
		}
	}
	conf_show_tcp(s, tb);
	if (tb[CNET_A_TCP_SYNCOOKIES]) {
		uint8_t v = mnl_attr_get_u8(tb[CNET_A_TCP_SYNCOOKIES]);

		if (s->json)
			json_kv_uint(s->json, "tcp_syncookies", v);
		else
			fprintf(s->fp, "tcp_syncookies %u\n", v);
	}
	if (tb[CNET_A_TCP_RECOVERY]) {
		uint32_t v = mnl_attr_get_u32(tb[CNET_A_TCP_RECOVERY]);

		if (s->json)
			json_kv_uint(s->json, "tcp_recovery", v);
		else
			fprintf(s->fp, "tcp_recovery %u\n", v);
	}
	conf_show_u32(s, tb, CNET_A_TCP_MTU_PROBING, "tcp_mtu_probing");
	conf_show_u32(s, tb, CNET_A_TCP_BASE_MSS, "tcp_base_mss");
	if (tb[CNET_A_TCP_ECN]) {
		uint32_t v = mnl_attr_get_u32(tb[CNET_A_TCP_ECN]);

		if (s->json)
			json_kv_uint(s->json, "tcp_ecn", v);
		else
			fprintf(s->fp, "tcp_ecn %u\n", v);
	}
	for (i = 0; i < CONF_RANGED; i++)
		conf_show_u32(s, tb, conf_ranged[i].attr, conf_ranged[i].name);
	return MNL_CB_OK;
}

/* Only the forwarding setting: "forwarding on|off". */
int forwarding_show_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[CNET_A_MAX + 1];
	struct cnet_show *s = data;
	bool fwd;

	if (cnet_parse_attrs(nlh, tb) < 0)
		return MNL_CB_ERROR;
	if (!tb[CNET_A_FORWARDING]) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	fwd = mnl_attr_get_u8(tb[CNET_A_FORWARDING]);
	if (s->json)
		json_kv_bool(s->json, "forwarding", fwd);
	else
		fprintf(s->fp, "forwarding %s\n", fwd ? "on" : "off");
	return MNL_CB_OK;
}

/* The settings a CONF_SET carries; has_* say which were given. */
struct conf_req {
	bool has_fwd, has_ms, has_burst, has_high, has_low, has_time, has_ports;
	bool has_tw_timeout, has_max_tw, has_mem[3];
	bool has_ka_time, has_ka_intvl, has_ka_probes, has_syncookies;
	bool has_cong, has_ts, has_sack, has_recovery, has_mtu_probing;
	bool has_base_mss, has_ecn, has_ranged[CONF_RANGED];
	const char *cong;
	uint8_t fwd, syncookies;
	uint32_t ms, burst, high, low, time, tw_timeout, max_tw, mem[3];
	uint32_t ka_time, ka_intvl, ka_probes, ts, sack, recovery;
	uint32_t mtu_probing, base_mss, ecn, ranged[CONF_RANGED];
	uint16_t port_lo, port_hi;
};

static int conf_send(struct cnet *c, const struct conf_req *r)
{
	struct nlmsghdr *nlh;
	unsigned int i;
	struct genl *g;
	int err;

	g = cnet_genl(c);
	if (!g)
		return EXIT_ERR;
	nlh = genl_msg(g, CNET_CMD_CONF_SET, NLM_F_ACK);
	if (r->has_fwd)
		mnl_attr_put_u8(nlh, CNET_A_FORWARDING, r->fwd);
	if (r->has_ms)
		mnl_attr_put_u32(nlh, CNET_A_ICMP_RATELIMIT_MS, r->ms);
	if (r->has_burst)
		mnl_attr_put_u32(nlh, CNET_A_ICMP_BURST, r->burst);
	if (r->has_high)
		mnl_attr_put_u32(nlh, CNET_A_IPFRAG_HIGH_THRESH, r->high);
	if (r->has_low)
		mnl_attr_put_u32(nlh, CNET_A_IPFRAG_LOW_THRESH, r->low);
	if (r->has_time)
		mnl_attr_put_u32(nlh, CNET_A_IPFRAG_TIME_MS, r->time);
	if (r->has_ports) {
		mnl_attr_put_u16(nlh, CNET_A_LOCAL_PORT_LO, r->port_lo);
		mnl_attr_put_u16(nlh, CNET_A_LOCAL_PORT_HI, r->port_hi);
	}
	if (r->has_tw_timeout)
		mnl_attr_put_u32(nlh, CNET_A_TCP_TW_TIMEOUT_MS, r->tw_timeout);
	if (r->has_max_tw)
		mnl_attr_put_u32(nlh, CNET_A_TCP_MAX_TW_BUCKETS, r->max_tw);
	if (r->has_mem[0])
		mnl_attr_put_u32(nlh, CNET_A_TCP_MEM_LOW, r->mem[0]);
	if (r->has_mem[1])
		mnl_attr_put_u32(nlh, CNET_A_TCP_MEM_PRESSURE, r->mem[1]);
	if (r->has_mem[2])
		mnl_attr_put_u32(nlh, CNET_A_TCP_MEM_HIGH, r->mem[2]);
	if (r->has_ka_time)
		mnl_attr_put_u32(nlh, CNET_A_TCP_KEEPALIVE_TIME_S, r->ka_time);
	if (r->has_ka_intvl)
		mnl_attr_put_u32(nlh, CNET_A_TCP_KEEPALIVE_INTVL_S, r->ka_intvl);
	if (r->has_ka_probes)
		mnl_attr_put_u32(nlh, CNET_A_TCP_KEEPALIVE_PROBES, r->ka_probes);
	if (r->has_syncookies)
		mnl_attr_put_u8(nlh, CNET_A_TCP_SYNCOOKIES, r->syncookies);
	if (r->has_cong)
		mnl_attr_put_strz(nlh, CNET_A_TCP_CONGESTION, r->cong);
	if (r->has_ts)
		mnl_attr_put_u32(nlh, CNET_A_TCP_TIMESTAMPS, r->ts);
	if (r->has_sack)
		mnl_attr_put_u32(nlh, CNET_A_TCP_SACK, r->sack);
	if (r->has_recovery)
		mnl_attr_put_u32(nlh, CNET_A_TCP_RECOVERY, r->recovery);
	if (r->has_mtu_probing)
		mnl_attr_put_u32(nlh, CNET_A_TCP_MTU_PROBING, r->mtu_probing);
	if (r->has_base_mss)
		mnl_attr_put_u32(nlh, CNET_A_TCP_BASE_MSS, r->base_mss);
	if (r->has_ecn)
		mnl_attr_put_u32(nlh, CNET_A_TCP_ECN, r->ecn);
	for (i = 0; i < CONF_RANGED; i++)
		if (r->has_ranged[i])
			mnl_attr_put_u32(nlh, conf_ranged[i].attr, r->ranged[i]);
	err = cnet_do(c, nlh);
	return err ? cnet_kernel_error(c, err) : 0;
}

/*
 * conf set [forwarding on|off] [icmp_ratelimit MS] [icmp_burst N]
 *	    [ipfrag_high_thresh BYTES] [ipfrag_low_thresh BYTES]
 *	    [ipfrag_time_ms MS] [ip_local_port_range LO-HI]
 *	    [tcp_tw_timeout_ms MS] [tcp_max_tw_buckets N]
 *	    [tcp_mem_low PAGES] [tcp_mem_pressure PAGES] [tcp_mem_high PAGES]
 *	    [tcp_keepalive_time_s S] [tcp_keepalive_intvl_s S]
 *	    [tcp_keepalive_probes N] [tcp_syncookies 0|1|2]
 *	    [tcp_congestion NAME] [tcp_timestamps 0|1] [tcp_sack 0|1]
 *	    [tcp_recovery 0|1] [tcp_mtu_probing 0|1|2] [tcp_base_mss BYTES]
 *	    [tcp_ecn 0|1|2] [tcp_syn_retries N] [tcp_synack_retries N]
 *	    [tcp_retries2 N] [tcp_orphan_retries N]
 *	    [tcp_syn_linear_timeouts N] [tcp_fin_timeout_s S] [tcp_tw_reuse 0|1|2]
 *	    [neigh_reachable_ms MS] [neigh_retrans_ms MS] [neigh_gc_ms MS]
 *	    [neigh_delay_ms MS] [neigh_locktime_ms MS] [neigh_max_probes N]
 *	    [neigh_ucast_probes N] [neigh_max_entries N] [neigh_queue_len N]
 *	    [neigh_queue_bytes BYTES] [dad_probes N] [dad_interval_ms MS]
 */

/* "LO-HI", 1 <= LO <= HI <= 65535, as the ip_local_port_range sysctl */
static int parse_port_range(const char *s, uint16_t *lo, uint16_t *hi)
{
	unsigned int a, b;
	int end = 0;

	if (sscanf(s, "%5u-%5u%n", &a, &b, &end) != 2 || s[end] ||
	    strspn(s, "0123456789-") != strlen(s) || !a || a > b ||
	    b > 65535) {
		tool_error("invalid ip_local_port_range \"%s\" (LO-HI, 1 <= LO <= HI <= 65535)",
			   s);
		return EXIT_ERR;
	}
	*lo = a;
	*hi = b;
	return 0;
}
static int conf_set(struct cnet *c, int argc, char **argv)
{
	struct conf_req r = { 0 };
	int err = 0;

	if (argc < 1)
		return tool_usage_error("conf set: nothing to set (forwarding, icmp_ratelimit, icmp_burst, ipfrag_high_thresh, ipfrag_low_thresh, ipfrag_time_ms, ip_local_port_range, tcp_tw_timeout_ms, tcp_max_tw_buckets, tcp_mem_low, tcp_mem_pressure, tcp_mem_high, tcp_keepalive_time_s, tcp_keepalive_intvl_s, tcp_keepalive_probes, tcp_syncookies, tcp_congestion, tcp_timestamps, tcp_sack, tcp_recovery, tcp_mtu_probing, tcp_base_mss, tcp_ecn, tcp_syn_retries, tcp_synack_retries, tcp_retries2, tcp_orphan_retries, tcp_syn_linear_timeouts, tcp_fin_timeout_s, tcp_tw_reuse, neigh_reachable_ms, neigh_retrans_ms, neigh_gc_ms, neigh_delay_ms, neigh_locktime_ms, neigh_max_probes, neigh_ucast_probes, neigh_max_entries, neigh_queue_len, neigh_queue_bytes, dad_probes, dad_interval_ms)");
	for (; argc > 0 && !err; argc -= 2, argv += 2) {
		const char *name = argv[0];
		unsigned int i;
		bool *has;

		for (i = 0; i < CONF_RANGED; i++)
			if (!strcmp(name, conf_ranged[i].name))
				break;
		if (i < CONF_RANGED)
			has = &r.has_ranged[i];
		else if (!strcmp(name, "forwarding"))
			has = &r.has_fwd;
		else if (!strcmp(name, "icmp_ratelimit"))
			has = &r.has_ms;
		else if (!strcmp(name, "icmp_burst"))
			has = &r.has_burst;
		else if (!strcmp(name, "ipfrag_high_thresh"))
			has = &r.has_high;
		else if (!strcmp(name, "ipfrag_low_thresh"))
			has = &r.has_low;
		else if (!strcmp(name, "ipfrag_time_ms"))
			has = &r.has_time;
		else if (!strcmp(name, "ip_local_port_range"))
			has = &r.has_ports;
		else if (!strcmp(name, "tcp_tw_timeout_ms"))
			has = &r.has_tw_timeout;
		else if (!strcmp(name, "tcp_max_tw_buckets"))
			has = &r.has_max_tw;
		else if (!strcmp(name, "tcp_mem_low"))
			has = &r.has_mem[0];
		else if (!strcmp(name, "tcp_mem_pressure"))
			has = &r.has_mem[1];
		else if (!strcmp(name, "tcp_mem_high"))
			has = &r.has_mem[2];
		else if (!strcmp(name, "tcp_keepalive_time_s"))
			has = &r.has_ka_time;
		else if (!strcmp(name, "tcp_keepalive_intvl_s"))
			has = &r.has_ka_intvl;
		else if (!strcmp(name, "tcp_keepalive_probes"))
			has = &r.has_ka_probes;
		else if (!strcmp(name, "tcp_syncookies"))
			has = &r.has_syncookies;
		else if (!strcmp(name, "tcp_congestion"))
			has = &r.has_cong;
		else if (!strcmp(name, "tcp_timestamps"))
			has = &r.has_ts;
		else if (!strcmp(name, "tcp_sack"))
			has = &r.has_sack;
		else if (!strcmp(name, "tcp_recovery"))
			has = &r.has_recovery;
		else if (!strcmp(name, "tcp_mtu_probing"))
			has = &r.has_mtu_probing;
		else if (!strcmp(name, "tcp_base_mss"))
			has = &r.has_base_mss;
		else if (!strcmp(name, "tcp_ecn"))
			has = &r.has_ecn;
		else
			return tool_usage_error("conf set: unknown setting \"%s\"",
						name);
		if (*has)
			return tool_usage_error("conf set: \"%s\" given twice",
						name);
		if (argc < 2)
			return tool_usage_error("conf set: \"%s\" needs a value",
						name);
		*has = true;
		if (has == &r.has_fwd) {
			err = parse_on_off("forwarding", argv[1], &r.fwd);
		} else if (has == &r.has_ms) {
			err = parse_u32("icmp_ratelimit", argv[1], &r.ms);
		} else if (has == &r.has_high) {
			err = parse_u32(name, argv[1], &r.high);
		} else if (has == &r.has_low) {
			err = parse_u32(name, argv[1], &r.low);
		} else if (has == &r.has_ports) {
			err = parse_port_range(argv[1], &r.port_lo, &r.port_hi);
		} else if (has == &r.has_tw_timeout) {
			err = parse_u32(name, argv[1], &r.tw_timeout);
		} else if (has == &r.has_max_tw) {
			err = parse_u32(name, argv[1], &r.max_tw);
		} else if (has >= &r.has_mem[0] && has <= &r.has_mem[2]) {
			err = parse_u32(name, argv[1], &r.mem[has - r.has_mem]);
		} else if (has == &r.has_ka_time) {
			err = parse_u32(name, argv[1], &r.ka_time);
		} else if (has == &r.has_ka_intvl) {
			err = parse_u32(name, argv[1], &r.ka_intvl);
		} else if (has == &r.has_ka_probes) {
			err = parse_u32(name, argv[1], &r.ka_probes);
		} else if (has == &r.has_syncookies) {
			uint32_t v;

			err = parse_u32(name, argv[1], &v);
			if (!err && v > 2) {
				tool_error("invalid tcp_syncookies \"%s\" (0, 1 or 2)",
					   argv[1]);
				err = EXIT_ERR;
			}
			r.syncookies = v;
		} else if (has == &r.has_cong) {
			/* the kernel knows the names (ENOENT otherwise) */
			r.cong = argv[1];
			if (!*r.cong || strlen(r.cong) >= 16) {
				tool_error("invalid tcp_congestion \"%s\" (a name of 1 to 15 characters)",
					   r.cong);
				err = EXIT_ERR;
			}
		} else if (has == &r.has_ts) {
			err = parse_u32(name, argv[1], &r.ts);
		} else if (has == &r.has_sack) {
			err = parse_u32(name, argv[1], &r.sack);
			if (!err && r.sack > 1) {
				tool_error("invalid tcp_sack \"%s\" (0 or 1)",
					   argv[1]);
				err = EXIT_ERR;
			}
		} else if (has == &r.has_recovery) {
			err = parse_u32(name, argv[1], &r.recovery);
			if (!err && r.recovery > 1) {
				tool_error("invalid tcp_recovery \"%s\" (0 or 1)",
					   argv[1]);
				err = EXIT_ERR;
			}
		} else if (has == &r.has_mtu_probing) {
			err = parse_u32(name, argv[1], &r.mtu_probing);
			if (!err && r.mtu_probing > 2) {
				tool_error("invalid tcp_mtu_probing \"%s\" (0, 1 or 2)",
					   argv[1]);
				err = EXIT_ERR;
			}
		} else if (has == &r.has_base_mss) {
			err = parse_u32(name, argv[1], &r.base_mss);
			if (!err && (r.base_mss < 48 || r.base_mss > 65495)) {
				tool_error("invalid tcp_base_mss \"%s\" (48 to 65495)",
					   argv[1]);
				err = EXIT_ERR;
			}
		} else if (i < CONF_RANGED) {
			err = conf_setting_parse(&conf_ranged[i], argv[1],
						 &r.ranged[i]);
		} else if (has == &r.has_ecn) {
			err = parse_u32(name, argv[1], &r.ecn);
			if (!err && r.ecn > 2) {
				tool_error("invalid tcp_ecn \"%s\" (0, 1 or 2)",
					   argv[1]);
				err = EXIT_ERR;
			}
		} else if (has == &r.has_time) {
			err = parse_u32(name, argv[1], &r.time);
			if (!err && !r.time) {
				tool_error("invalid ipfrag_time_ms \"0\" (at least 1)");
				err = EXIT_ERR;
			}
		} else {
			err = parse_u32("icmp_burst", argv[1], &r.burst);
			if (!err && !r.burst) {
				tool_error("invalid icmp_burst \"0\" (at least 1)");
				err = EXIT_ERR;
			}
		}
	}
	return err ? err : conf_send(c, &r);
}

static int conf_show(struct cnet *c, int argc, char **argv)
{
	if (argc > 0)
		return tool_usage_error("conf show: unexpected argument \"%s\"",
					argv[0]);
	return cnet_show(c, CNET_CMD_CONF_GET, false, conf_show_cb, 0);
}

static const struct cnet_subcmd conf_cmds[] = {
	{ "show", 1, conf_show },
	{ "list", 1, conf_show },
	{ "ls", 2, conf_show },
	{ "set", 2, conf_set },
};

int do_conf(struct cnet *c, int argc, char **argv)
{
	return cnet_dispatch(c, "conf", conf_cmds, ARRAY_SIZE(conf_cmds),
			     argc, argv);
}

/* forwarding [on|off] */
int do_forwarding(struct cnet *c, int argc, char **argv)
{
	struct conf_req r = { .has_fwd = true };

	if (argc < 1)
		return cnet_show(c, CNET_CMD_CONF_GET, false,
				 forwarding_show_cb, 0);
	if (is_help(argv[0])) {
		cnet_usage(stdout);
		return 0;
	}
	if (argc > 1)
		return tool_usage_error("forwarding: unexpected argument \"%s\"",
					argv[1]);
	if (parse_on_off("forwarding", argv[0], &r.fwd))
		return EXIT_ERR;
	return conf_send(c, &r);
}
