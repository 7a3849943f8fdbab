// SPDX-License-Identifier: GPL-2.0
/*
 * cnet: an IPv4 stack as a loadable module. Module and per-namespace
 * set-up and tear-down; see cnet.h for the map of the layers.
 */
#include <linux/module.h>
#include <linux/net.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>

#include "cnet.h"
#include "fib.h"

unsigned int cnet_net_id __read_mostly;

static int __net_init cnet_net_init(struct net *net)
{
	struct cnet_net *cn = cnet_pernet(net);
	int err;

	cn->net = net;
	INIT_LIST_HEAD(&cn->devs);
	cnet_fib_init(&cn->fib);
	cn->icmp_ratelimit_ms = CNET_ICMP_RATELIMIT_MS_DEFAULT;
	cn->icmp_burst = CNET_ICMP_BURST_DEFAULT;
	cn->dad_probes = CNET_DAD_PROBES_DEFAULT;
	cn->dad_interval_ms = CNET_DAD_INTERVAL_MS_DEFAULT;
	cnet_neigh_table_init(&cn->neigh);
	cnet_pernet_sock_init(cn);
	cnet_icmp_net_init(cn);
	err = cnet_reasm_net_init(cn);
	if (err)
		goto err_reasm;
	err = -ENOMEM;
	cn->stats = alloc_percpu(struct cnet_stats);
	if (!cn->stats)
		goto err_stats;
	if (cnet_ip_output_net_init(cn))
		goto err_output;
	if (cnet_lo_init(cn))
		goto err_lo;
	/* last: the settings are at their defaults, everything is there */
	if (cnet_sysctl_net_init(cn))
		goto err_sysctl;
	return 0;

err_sysctl:
	cnet_lo_exit(cn);
err_lo:
	cnet_ip_output_net_exit(cn);
err_output:
	free_percpu(cn->stats);
err_stats:
	cnet_reasm_net_exit(cn);
err_reasm:
	cnet_pernet_sock_exit(cn);
	return err;
}

/*
 * Runs before the namespace's devices are unregistered (our device ops were
 * registered after the core's), so detach them here. No socket can remain:
 * each holds a reference to its namespace. lo goes once nothing else can
 * send to it: after the devices (their receive paths), the ARP cache and
 * the reassembly queues (their timers send ICMP errors, to this host too),
 * before the counters.
 */
static void __net_exit cnet_net_exit(struct net *net)
{
	struct cnet_net *cn = cnet_pernet(net);

	cnet_sysctl_net_exit(cn);	/* first: nobody writes a setting now */
	cnet_dev_detach_all(cn);
	rtnl_lock();
	cnet_fib_destroy(&cn->fib);
	rtnl_unlock();
	cnet_neigh_table_exit(cn);
	WARN_ON_ONCE(cn->neigh.count);
	cnet_reasm_net_exit(cn);	/* its timers send ICMP errors */
	cnet_lo_exit(cn);
	cnet_pernet_sock_exit(cn);
	cnet_icmp_net_exit(cn);
	cnet_ip_output_net_exit(cn);
	free_percpu(cn->stats);
}

static struct pernet_operations cnet_net_ops = {
	.init	= cnet_net_init,
	.exit	= cnet_net_exit,
	.id	= &cnet_net_id,
	.size	= sizeof(struct cnet_net),
};

static int __init cnet_init(void)
{
	int err;

	err = register_pernet_device(&cnet_net_ops);
	if (err)
		goto out;
	err = cnet_dev_notifier_register();
	if (err)
		goto out_pernet;
	err = cnet_netlink_register();
	if (err)
		goto out_notifier;
	err = cnet_socket_register();
	if (err)
		goto out_netlink;
	cnet_fib_bench_init();
	pr_info("IPv4 stack loaded, address family %d\n", AF_CUSTOM);
	return 0;

out_netlink:
	cnet_netlink_unregister();
out_notifier:
	cnet_dev_notifier_unregister();
out_pernet:
	unregister_pernet_device(&cnet_net_ops);
	rcu_barrier();
out:
	pr_err("failed to load: %d\n", err);
	return err;
}

static void __exit cnet_exit(void)
{
	cnet_fib_bench_exit();
	cnet_socket_unregister();
	cnet_netlink_unregister();
	cnet_dev_notifier_unregister();
	unregister_pernet_device(&cnet_net_ops);
	/* wait for call_rcu()/kfree_rcu() callbacks that run our code */
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(cnet_init);
module_exit(cnet_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("cnet: an IPv4 stack (ARP, routing, forwarding, ICMP, ping and raw sockets)");
MODULE_ALIAS_NETPROTO(PF_CUSTOM);
MODULE_ALIAS_GENL_FAMILY(CNET_GENL_NAME);
