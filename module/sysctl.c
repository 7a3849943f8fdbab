// SPDX-License-Identifier: GPL-2.0
/*
 * net.cnet.*: a namespace's settings as sysctls, so that
 * `sysctl -w net.cnet.forwarding=1` works as it does for net.ipv4.*.
 * They are the values `cnet conf` reads and writes over netlink
 * (netlink.c), in the same fields of struct cnet_net, with the same
 * ranges (cnet.h's CNET_CONF_*): either interface sees what the other
 * wrote.
 *
 * Each namespace registers its own copy of the table, its .data (and the
 * bounds that are other settings) pointing into its struct cnet_net, as
 * net/ipv4/sysctl_net_ipv4.c does from init_net's. Writers of the pairs
 * (the reassembly thresholds, the port range) take RTNL as netlink's
 * CONF_SET does, so that the pair's order holds whoever writes; readers
 * on the data path use READ_ONCE(), and the sysctl core writes with
 * WRITE_ONCE().
 *
 * Who may write: the root of the namespace's user namespace, as for
 * net.ipv4.* (net_ctl_permissions()), which is who netlink's
 * GENL_UNS_ADMIN_PERM lets write; but ARP's memory limits, in a namespace
 * another user namespace owns, only the root of the initial one
 * (cnet_sysctl_host_limit()).
 *
 * A device cnet is attached to has its own settings under
 * net.cnet.link.DEV.*, as cnet link set DEV writes them (see
 * cnet_sysctl_dev_init()).
 */
#include <linux/capability.h>
#include <linux/rtnetlink.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/user_namespace.h>
#include <net/net_namespace.h>

#include "cnet.h"
#include "netlink.h"
#include "sock.h"
#include "tcp_cong.h"
#include "tcp_mem.h"
#include "tcp_mtu.h"
#include "tcp_timeout.h"

static const unsigned int cnet_ratelimit_max = CNET_CONF_ICMP_RATELIMIT_MS_MAX;
static const unsigned int cnet_burst_min = CNET_CONF_ICMP_BURST_MIN;
static const unsigned int cnet_burst_max = CNET_CONF_ICMP_BURST_MAX;
static const unsigned int cnet_frag_time_min = CNET_CONF_IPFRAG_TIME_MS_MIN;
static const unsigned int cnet_frag_time_max = CNET_CONF_IPFRAG_TIME_MS_MAX;
static const unsigned int cnet_tw_min = CNET_CONF_TCP_TW_TIMEOUT_MS_MIN;
static const unsigned int cnet_tw_max = CNET_CONF_TCP_TW_TIMEOUT_MS_MAX;
static const unsigned int cnet_keepalive_max_s = CNET_TCP_MAX_KEEPIDLE;
static const unsigned int cnet_keepalive_max_probes = CNET_TCP_MAX_KEEPCNT;
static const int cnet_port_min = 1;
static const int cnet_port_max = 65535;
static const unsigned int cnet_base_mss_min = CNET_TCP_MTUP_FLOOR_MSS;
static const unsigned int cnet_base_mss_max = CNET_TCP_BASE_MSS_MAX;
static const unsigned int cnet_max_syncnt = CNET_TCP_MAX_SYNCNT;
static const unsigned int cnet_max_retries = CNET_TCP_MAX_RETRIES;
static const unsigned int cnet_fin_timeout_max_s = CNET_TCP_FIN_TIMEOUT_MAX_S;
static const unsigned int cnet_neigh_ms_max = CNET_CONF_NEIGH_MS_MAX;
static const unsigned int cnet_neigh_retrans_min = CNET_CONF_NEIGH_RETRANS_MS_MIN;
static const unsigned int cnet_neigh_probes_max = CNET_CONF_NEIGH_PROBES_MAX;
static const unsigned int cnet_neigh_max = CNET_CONF_NEIGH_MAX;
static const unsigned int cnet_dad_probes_max = CNET_CONF_DAD_PROBES_MAX;
static const unsigned int cnet_dad_interval_min = CNET_CONF_DAD_INTERVAL_MS_MIN;
static const unsigned int cnet_dad_interval_max = CNET_CONF_DAD_INTERVAL_MS_MAX;

/* A field of struct cnet_net, as the template's .data: offset, not address */
#define CNET_FIELD(f)	((void *)offsetof(struct cnet_net, f))

/*
 * One of the reassembly thresholds: within the bounds the other sets
 * (.extra1/.extra2, fixed up per namespace), under RTNL.
 */
static int cnet_sysctl_frag_thresh(CNET_CTL_TABLE *table, int write,
				   void *buffer, size_t *lenp, loff_t *ppos)
{
	int err;

	if (!write)
		return proc_douintvec_minmax(table, write, buffer, lenp, ppos);
	rtnl_lock();
	err = proc_douintvec_minmax(table, write, buffer, lenp, ppos);
	rtnl_unlock();
	return err;
}

/*
 * ARP's memory limits (neigh_max_entries, neigh_queue_len,
 * neigh_queue_bytes) bound what a namespace may take of the host's
 * memory: in a namespace a user namespace other than the initial one
 * owns, writing them needs CAP_NET_ADMIN in the initial one (Linux does
 * not show its neigh sysctls there at all). cnet_sysctl_net_init() puts
 * this handler on them in such namespaces only.
 */
static int cnet_sysctl_host_limit(CNET_CTL_TABLE *table, int write,
				  void *buffer, size_t *lenp, loff_t *ppos)
{
	if (write && !capable(CAP_NET_ADMIN))
		return -EPERM;
	return proc_douintvec_minmax(table, write, buffer, lenp, ppos);
}

/* Is the template's field at offset @off one of ARP's memory limits? */
static bool cnet_sysctl_is_host_limit(unsigned long off)
{
	return off == offsetof(struct cnet_net, neigh.max_entries) ||
	       off == offsetof(struct cnet_net, neigh.queue_len) ||
	       off == offsetof(struct cnet_net, neigh.queue_bytes);
}

/*
 * ip_local_port_range: "first last", as net.ipv4.ip_local_port_range,
 * each 1..65535 and first <= last (-EINVAL otherwise, as Linux).
 */
static int cnet_sysctl_port_range(CNET_CTL_TABLE *table, int write,
				  void *buffer, size_t *lenp, loff_t *ppos)
{
	struct cnet_net *cn = container_of(table->data, struct cnet_net,
					   ip_local_port_range);
	struct cnet_port_range cur = cnet_local_port_range(cn);
	int range[2] = { cur.lo, cur.hi };
	struct ctl_table tmp = {
		.data	= range,
		.maxlen	= sizeof(range),
		.mode	= table->mode,
		.extra1	= (void *)&cnet_port_min,
		.extra2	= (void *)&cnet_port_max,
	};
	int err;

	err = proc_dointvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (!write || err)
		return err;
	if (range[0] > range[1])
		return -EINVAL;
	rtnl_lock();
	WRITE_ONCE(cn->ip_local_port_range, range[0] | (u32)range[1] << 16);
	rtnl_unlock();
	return 0;
}

/*
 * tcp_mem: "low pressure high" in pages, as net.ipv4.tcp_mem, in that
 * order (low <= pressure <= high, else -EINVAL, as cnet conf refuses it).
 */
static int cnet_sysctl_tcp_mem(CNET_CTL_TABLE *table, int write,
			       void *buffer, size_t *lenp, loff_t *ppos)
{
	struct cnet_net *cn = container_of(table->data, struct cnet_net,
					   tcp_mem);
	int mem[CNET_TCP_MEM_MAX];
	struct ctl_table tmp = {
		.data	= mem,
		.maxlen	= sizeof(mem),
		.mode	= table->mode,
		.extra1	= SYSCTL_ZERO,
		.extra2	= SYSCTL_INT_MAX,
	};
	int err, i;

	for (i = 0; i < CNET_TCP_MEM_MAX; i++)
		mem[i] = min_t(u32, READ_ONCE(cn->tcp_mem[i]), INT_MAX);
	err = proc_dointvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (!write || err)
		return err;
	if (mem[CNET_TCP_MEM_LOW] > mem[CNET_TCP_MEM_PRESSURE] ||
	    mem[CNET_TCP_MEM_PRESSURE] > mem[CNET_TCP_MEM_HIGH])
		return -EINVAL;
	rtnl_lock();
	for (i = 0; i < CNET_TCP_MEM_MAX; i++)
		WRITE_ONCE(cn->tcp_mem[i], mem[i]);
	rtnl_unlock();
	return 0;
}

/*
 * tcp_congestion: a name, as net.ipv4.tcp_congestion_control; -ENOENT for
 * one there is no algorithm by. Written under RTNL as netlink's CONF_SET.
 */
static int cnet_sysctl_tcp_cong(CNET_CTL_TABLE *table, int write,
				void *buffer, size_t *lenp, loff_t *ppos)
{
	struct cnet_net *cn = container_of(table->data, struct cnet_net,
					   tcp_cong);
	const struct cnet_tcp_cong_ops *ops;
	char name[CNET_TCP_CA_NAME_MAX] = {};
	struct ctl_table tmp = {
		.data	= name,
		.maxlen	= sizeof(name),
		.mode	= table->mode,
	};
	int err;

	strscpy(name, READ_ONCE(cn->tcp_cong)->name, sizeof(name));
	err = proc_dostring(&tmp, write, buffer, lenp, ppos);
	if (!write || err)
		return err;
	ops = cnet_tcp_cong_find(name);
	if (!ops)
		return -ENOENT;
	rtnl_lock();
	WRITE_ONCE(cn->tcp_cong, ops);
	rtnl_unlock();
	return 0;
}

/* The template: .data are offsets into struct cnet_net (CNET_FIELD) */
static const struct ctl_table cnet_sysctl_template[] = {
	{
		.procname	= "forwarding",
		.data		= CNET_FIELD(forwarding),
		.maxlen		= sizeof(u8),
		.mode		= 0644,
		.proc_handler	= proc_dou8vec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		.procname	= "icmp_ratelimit_ms",
		.data		= CNET_FIELD(icmp_ratelimit_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra2		= (void *)&cnet_ratelimit_max,
	},
	{
		.procname	= "icmp_burst",
		.data		= CNET_FIELD(icmp_burst),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= (void *)&cnet_burst_min,
		.extra2		= (void *)&cnet_burst_max,
	},
	{
		/* at least low_thresh: .extra1 is fixed up per namespace */
		.procname	= "ipfrag_high_thresh",
		.data		= CNET_FIELD(reasm.high_thresh),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= cnet_sysctl_frag_thresh,
		.extra1		= CNET_FIELD(reasm.low_thresh),
	},
	{
		/* at most high_thresh: .extra2 is fixed up per namespace */
		.procname	= "ipfrag_low_thresh",
		.data		= CNET_FIELD(reasm.low_thresh),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= cnet_sysctl_frag_thresh,
		.extra2		= CNET_FIELD(reasm.high_thresh),
	},
	{
		.procname	= "ipfrag_time_ms",
		.data		= CNET_FIELD(reasm.time_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= (void *)&cnet_frag_time_min,
		.extra2		= (void *)&cnet_frag_time_max,
	},
	{
		.procname	= "ip_local_port_range",
		.data		= CNET_FIELD(ip_local_port_range),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= cnet_sysctl_port_range,
	},
	{
		.procname	= "tcp_tw_timeout_ms",
		.data		= CNET_FIELD(tcp_tw_timeout_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= (void *)&cnet_tw_min,
		.extra2		= (void *)&cnet_tw_max,
	},
	{
		.procname	= "tcp_max_tw_buckets",
		.data		= CNET_FIELD(tcp_max_tw_buckets),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
	},
	{
		.procname	= "tcp_mem",
		.data		= CNET_FIELD(tcp_mem),
		.maxlen		= sizeof(u32) * CNET_TCP_MEM_MAX,
		.mode		= 0644,
		.proc_handler	= cnet_sysctl_tcp_mem,
	},
	{
		/* TCP_KEEPIDLE's and TCP_KEEPINTVL's range, TCP_KEEPCNT's */
		.procname	= "tcp_keepalive_time_s",
		.data		= CNET_FIELD(tcp_keepalive_time_s),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_keepalive_max_s,
	},
	{
		.procname	= "tcp_keepalive_intvl_s",
		.data		= CNET_FIELD(tcp_keepalive_intvl_s),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_keepalive_max_s,
	},
	{
		.procname	= "tcp_keepalive_probes",
		.data		= CNET_FIELD(tcp_keepalive_probes),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_keepalive_max_probes,
	},
	{
		.procname	= "tcp_syncookies",
		.data		= CNET_FIELD(tcp_syncookies),
		.maxlen		= sizeof(u8),
		.mode		= 0644,
		.proc_handler	= proc_dou8vec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_TWO,
	},
	{
		.procname	= "tcp_congestion",
		.data		= CNET_FIELD(tcp_cong),
		.maxlen		= CNET_TCP_CA_NAME_MAX,
		.mode		= 0644,
		.proc_handler	= cnet_sysctl_tcp_cong,
	},
	{
		/* timestamps offered and accepted: 0 or 1 */
		.procname	= "tcp_timestamps",
		.data		= CNET_FIELD(tcp_timestamps),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		/* SACK-permitted on new connections (Linux's tcp_sack) */
		.procname	= "tcp_sack",
		.data		= CNET_FIELD(tcp_sack),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		/* loss detection: 1 RACK-TLP (Linux's tcp_recovery), 0 DupThresh */
		.procname	= "tcp_recovery",
		.data		= CNET_FIELD(tcp_recovery),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_ONE,
	},
	{
		/* RFC 4821 (tcp_mtu.h): 0 off, 1 after a black hole, 2 always */
		.procname	= "tcp_mtu_probing",
		.data		= CNET_FIELD(tcp_mtu_probing),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_TWO,
	},
	{
		/* the MSS probing starts from */
		.procname	= "tcp_base_mss",
		.data		= CNET_FIELD(tcp_base_mss),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= (void *)&cnet_base_mss_min,
		.extra2		= (void *)&cnet_base_mss_max,
	},
	{
		/* ECN: 0 off, 1 ask and accept, 2 accept (Linux's tcp_ecn) */
		.procname	= "tcp_ecn",
		.data		= CNET_FIELD(tcp_ecn),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_TWO,
	},
	{
		/* TCP's retries and timeouts: Linux's ranges (tcp_timeout.h) */
		.procname	= "tcp_syn_retries",
		.data		= CNET_FIELD(tcp_syn_retries),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_max_syncnt,
	},
	{
		.procname	= "tcp_synack_retries",
		.data		= CNET_FIELD(tcp_synack_retries),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_max_retries,
	},
	{
		.procname	= "tcp_retries2",
		.data		= CNET_FIELD(tcp_retries2),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_max_retries,
	},
	{
		.procname	= "tcp_orphan_retries",
		.data		= CNET_FIELD(tcp_orphan_retries),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_max_retries,
	},
	{
		.procname	= "tcp_syn_linear_timeouts",
		.data		= CNET_FIELD(tcp_syn_linear_timeouts),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_max_syncnt,
	},
	{
		/* TCP_LINGER2's range */
		.procname	= "tcp_fin_timeout_s",
		.data		= CNET_FIELD(tcp_fin_timeout_s),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_fin_timeout_max_s,
	},
	{
		/* 0 no, 1 yes, 2 on loopback only (Linux's tcp_tw_reuse) */
		.procname	= "tcp_tw_reuse",
		.data		= CNET_FIELD(tcp_tw_reuse),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= SYSCTL_TWO,
	},
	{
		/* ARP: Linux's neigh.default.* ranges (neigh.h) */
		.procname	= "neigh_reachable_ms",
		.data		= CNET_FIELD(neigh.reachable_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_neigh_ms_max,
	},
	{
		.procname	= "neigh_retrans_ms",
		.data		= CNET_FIELD(neigh.retrans_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= (void *)&cnet_neigh_retrans_min,
		.extra2		= (void *)&cnet_neigh_ms_max,
	},
	{
		.procname	= "neigh_gc_ms",
		.data		= CNET_FIELD(neigh.gc_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_neigh_ms_max,
	},
	{
		.procname	= "neigh_delay_ms",
		.data		= CNET_FIELD(neigh.delay_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_neigh_ms_max,
	},
	{
		.procname	= "neigh_locktime_ms",
		.data		= CNET_FIELD(neigh.locktime_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_neigh_ms_max,
	},
	{
		.procname	= "neigh_max_probes",
		.data		= CNET_FIELD(neigh.max_probes),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_neigh_probes_max,
	},
	{
		.procname	= "neigh_ucast_probes",
		.data		= CNET_FIELD(neigh.ucast_probes),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_neigh_probes_max,
	},
	{
		.procname	= "neigh_max_entries",
		.data		= CNET_FIELD(neigh.max_entries),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ONE,
		.extra2		= (void *)&cnet_neigh_max,
	},
	{
		.procname	= "neigh_queue_len",
		.data		= CNET_FIELD(neigh.queue_len),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_neigh_max,
	},
	{
		.procname	= "neigh_queue_bytes",
		.data		= CNET_FIELD(neigh.queue_bytes),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_neigh_max,
	},
	{
		/* RFC 5227 PROBE_NUM and PROBE_MIN */
		.procname	= "dad_probes",
		.data		= CNET_FIELD(dad_probes),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= SYSCTL_ZERO,
		.extra2		= (void *)&cnet_dad_probes_max,
	},
	{
		.procname	= "dad_interval_ms",
		.data		= CNET_FIELD(dad_interval_ms),
		.maxlen		= sizeof(u32),
		.mode		= 0644,
		.proc_handler	= proc_douintvec_minmax,
		.extra1		= (void *)&cnet_dad_interval_min,
		.extra2		= (void *)&cnet_dad_interval_max,
	},
	{ }	/* the end, for kernels before 6.6 (compat.h); not counted */
};

/* A template pointer that is an offset, made an address in @cn */
static void *cnet_sysctl_fixup(struct cnet_net *cn, void *off)
{
	return (char *)cn + (unsigned long)off;
}

/**
 * cnet_sysctl_net_init - register the namespace's net.cnet.* table
 * @cn: the namespace, its settings already at their defaults
 *
 * Return: 0, or -ENOMEM.
 */
int cnet_sysctl_net_init(struct cnet_net *cn)
{
	size_t n = ARRAY_SIZE(cnet_sysctl_template) - 1;
	struct ctl_table *table;
	size_t i;

	table = kmemdup(cnet_sysctl_template, sizeof(cnet_sysctl_template),
			GFP_KERNEL_ACCOUNT);
	if (!table)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		if (cn->net->user_ns != &init_user_ns &&
		    cnet_sysctl_is_host_limit((unsigned long)table[i].data))
			table[i].proc_handler = cnet_sysctl_host_limit;
		table[i].data = cnet_sysctl_fixup(cn, table[i].data);
		/* the thresholds' bounds are each other */
		if (table[i].proc_handler == &cnet_sysctl_frag_thresh) {
			if (table[i].extra1)
				table[i].extra1 = cnet_sysctl_fixup(cn, table[i].extra1);
			if (table[i].extra2)
				table[i].extra2 = cnet_sysctl_fixup(cn, table[i].extra2);
		}
	}
	cn->sysctl = register_net_sysctl_sz(cn->net, "net/cnet", table, n);
	if (!cn->sysctl) {
		kfree(table);
		return -ENOMEM;
	}
	return 0;
}

/**
 * cnet_sysctl_net_exit - unregister it (before the settings go)
 * @cn: the namespace
 */
void cnet_sysctl_net_exit(struct cnet_net *cn)
{
	const struct ctl_table *table = cn->sysctl->ctl_table_arg;

	unregister_net_sysctl_table(cn->sysctl);
	kfree(table);
}

/*
 * A device's own settings, net.cnet.link.DEV.*: what cnet link set DEV
 * writes (LINK_SET), as Linux's net.ipv4.conf.DEV.proxy_arp and
 * net.ipv4.neigh.DEV.*. They are proxy_arp and ARP's settings but the
 * table's size, each named and bounded as the namespace's setting of the
 * same name: its entry in the template, found by the field it points at.
 * One the device has not set reads as the namespace's, which it follows;
 * written, it is the device's own from then on, as in Linux.
 *
 * A write is LINK_SET's: under RTNL, and the monitor is told. RTNL is only
 * tried, and the write restarted if it is taken: a detach holds it while
 * it unregisters the table, which waits for the handlers running (Linux's
 * devinet_sysctl_forward() does the same).
 */

/* Take RTNL for a write: 0, or restart the system call. */
static int cnet_sysctl_dev_lock(void)
{
	return rtnl_trylock() ? 0 : restart_syscall();
}

/* The write is done: tell the monitor, let RTNL go. */
static void cnet_sysctl_dev_unlock(struct cnet_dev *cd, int err)
{
	if (!err)
		cnet_notify_link(cd, CNET_CMD_LINK_SET);
	rtnl_unlock();
}

/* proxy_arp: 0 or 1; .extra1 is the device */
static int cnet_sysctl_dev_proxy_arp(CNET_CTL_TABLE *table, int write,
				     void *buffer, size_t *lenp, loff_t *ppos)
{
	struct cnet_dev *cd = table->extra1;
	u8 v = READ_ONCE(cd->proxy_arp);
	struct ctl_table tmp = {
		.data	= &v,
		.maxlen	= sizeof(v),
		.mode	= table->mode,
		.extra1	= SYSCTL_ZERO,
		.extra2	= SYSCTL_ONE,
	};
	int err;

	if (!write)
		return proc_dou8vec_minmax(&tmp, write, buffer, lenp, ppos);
	err = cnet_sysctl_dev_lock();
	if (err)
		return err;
	err = proc_dou8vec_minmax(&tmp, write, buffer, lenp, ppos);
	if (!err)
		WRITE_ONCE(cd->proxy_arp, v);
	cnet_sysctl_dev_unlock(cd, err);
	return err;
}

/*
 * One of the device's ARP settings: .data its word in cd->neigh.v,
 * .extra1 the device, .extra2 the namespace's entry in the template, whose
 * bounds it has. Its memory limits, as the namespace's, only CAP_NET_ADMIN
 * in the initial user namespace changes in a namespace another one owns.
 */
static int cnet_sysctl_dev_neigh(CNET_CTL_TABLE *table, int write,
				 void *buffer, size_t *lenp, loff_t *ppos)
{
	struct cnet_dev *cd = table->extra1;
	const struct ctl_table *ns = table->extra2;
	unsigned int i = (u32 *)table->data - cd->neigh.v;
	u32 v = cnet_neigh_dev_parm(&cd->cn->neigh, &cd->neigh, i);
	struct ctl_table tmp = {
		.data	= &v,
		.maxlen	= sizeof(v),
		.mode	= table->mode,
		.extra1	= ns->extra1,
		.extra2	= ns->extra2,
	};
	int err;

	if (!write)
		return proc_douintvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (cd->cn->net->user_ns != &init_user_ns &&
	    cnet_sysctl_is_host_limit((unsigned long)ns->data) &&
	    !capable(CAP_NET_ADMIN))
		return -EPERM;
	err = cnet_sysctl_dev_lock();
	if (err)
		return err;
	err = proc_douintvec_minmax(&tmp, write, buffer, lenp, ppos);
	if (!err)
		WRITE_ONCE(cd->neigh.v[i], v);
	cnet_sysctl_dev_unlock(cd, err);
	return err;
}

/* The template's entry of the namespace's ARP setting @i (neigh.h) */
static const struct ctl_table *cnet_sysctl_neigh_entry(enum cnet_neigh_dev_parm i)
{
	unsigned long off = offsetof(struct cnet_net, neigh) +
			    cnet_neigh_dev_parm_off(i);
	size_t k;

	for (k = 0; k < ARRAY_SIZE(cnet_sysctl_template) - 1; k++)
		if ((unsigned long)cnet_sysctl_template[k].data == off)
			return &cnet_sysctl_template[k];
	return NULL;
}

/**
 * cnet_sysctl_dev_init - register a device's net.cnet.link.DEV.* table
 * @cd: the device, being attached or renamed; its settings initialised
 *
 * Caller holds RTNL.
 *
 * Return: 0, or -ENOMEM.
 */
int cnet_sysctl_dev_init(struct cnet_dev *cd)
{
	char path[sizeof("net/cnet/link/") + IFNAMSIZ];
	const struct ctl_table *ns;
	struct ctl_table *t;
	size_t n = 0;
	int i;

	ASSERT_RTNL();
	/* proxy_arp, the ARP settings, the end (kernels before 6.6) */
	t = kcalloc(1 + CNET_NEIGH_DEV_N + 1, sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
		return -ENOMEM;
	t[n++] = (struct ctl_table) {
		.procname	= "proxy_arp",
		.data		= &cd->proxy_arp,
		.maxlen		= sizeof(u8),
		.mode		= 0644,
		.proc_handler	= cnet_sysctl_dev_proxy_arp,
		.extra1		= cd,
	};
	for (i = 0; i < CNET_NEIGH_DEV_N; i++) {
		ns = cnet_sysctl_neigh_entry(i);
		if (WARN_ON_ONCE(!ns))	/* neigh.h and the template agree */
			continue;
		t[n++] = (struct ctl_table) {
			.procname	= ns->procname,
			.data		= &cd->neigh.v[i],
			.maxlen		= sizeof(u32),
			.mode		= 0644,
			.proc_handler	= cnet_sysctl_dev_neigh,
			.extra1		= cd,
			.extra2		= (void *)ns,
		};
	}
	snprintf(path, sizeof(path), "net/cnet/link/%s", cd->dev->name);
	cd->sysctl = register_net_sysctl_sz(cd->cn->net, path, t, n);
	if (!cd->sysctl) {
		kfree(t);
		return -ENOMEM;
	}
	return 0;
}

/**
 * cnet_sysctl_dev_exit - unregister it, if it is registered
 * @cd: the device, being detached or renamed
 *
 * Waits for the handlers running; none runs after it. Caller holds RTNL.
 */
void cnet_sysctl_dev_exit(struct cnet_dev *cd)
{
	const struct ctl_table *t;

	ASSERT_RTNL();
	if (!cd->sysctl)
		return;
	t = cd->sysctl->ctl_table_arg;
	unregister_net_sysctl_table(cd->sysctl);
	cd->sysctl = NULL;
	kfree(t);
}
