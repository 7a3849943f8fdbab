// SPDX-License-Identifier: GPL-2.0
/*
 * A benchmark of FIB lookups (not a test), in debugfs:
 *
 *	echo "N_PREFIXES N_LOOKUPS SEED [ROUNDS]" > /sys/kernel/debug/cnet/fib_bench
 *	cat /sys/kernel/debug/cnet/fib_bench
 *
 * The write builds a private table of N_PREFIXES random unicast routes,
 * times N_LOOKUPS lookups ROUNDS times (default 1, at most 16) and frees
 * the table; it returns when done. The read shows the last run's result,
 * a line per round:
 *
 *	prefixes= lookups= ns_per_lookup= mem_bytes= bytes_per_route=
 *	add_ns_per_route= hits= digest=
 *
 * Routes and lookup addresses come from fib_bench_gen.h (internet-like
 * prefix lengths, every lookup a hit, random order), which the Linux side
 * of the comparison, selftests/progs/linux_fib_bench.c, shares: one seed
 * gives both the same table and the same lookups, and the digest says
 * that they did. The table has no concurrent user; lookups still run
 * under rcu_read_lock(), in sections of 4096, like a forwarding path would.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "fib.h"
#include "fib_bench_gen.h"
#include "ip_hdr.h"

#define BENCH_MAX_PREFIXES	(4U << 20)
#define BENCH_MAX_ADDRS		SZ_1M		/* then they repeat */
#define BENCH_RCU_CHUNK		4096
#define BENCH_MAX_ROUNDS	16

static DEFINE_MUTEX(bench_lock);	/* one run at a time; protects result */
static char bench_result[BENCH_MAX_ROUNDS * 200] = "no run yet\n";
static struct dentry *bench_dir;

static int bench_build(struct cnet_fib *fib, struct fib_bench_route *rts,
		       unsigned int n, struct fib_bench_rng *rng)
{
	unsigned int added = 0, tries;
	int err;

	for (tries = 0; added < n && tries < FIB_BENCH_TRIES_PER_PREFIX * n;
	     tries++) {
		struct fib_bench_route *rt = &rts[added];
		struct cnet_route cfg = {
			.type = CNET_RT_UNICAST,
			.scope = CNET_RT_SCOPE_GLOBAL,
		};

		fib_bench_gen_route(rng, rt);
		cfg.dst = htonl(rt->dst);
		cfg.plen = rt->plen;
		cfg.gw = htonl(rt->gw);
		cfg.ifindex = 1 + rt->nexthop;
		err = cnet_fib_add(fib, &cfg, CNET_FIB_F_EXCL, NULL);
		if (err == -EEXIST)
			continue;
		if (err)
			return err;
		if (!(++added % 256))
			cond_resched();
	}
	return added < n ? -ENOSPC : 0;
}

/* Time @nlookups lookups of @addrs (@naddrs of them, repeating). */
static u64 bench_time(const struct cnet_fib *fib, const __be32 *addrs,
		      unsigned int naddrs, unsigned int nlookups, u64 *hits)
{
	unsigned int done, i = 0;
	u64 t0, ns = 0;

	for (done = 0; done < nlookups; ) {
		unsigned int chunk = min(nlookups - done, BENCH_RCU_CHUNK);
		unsigned int k;

		rcu_read_lock();
		t0 = ktime_get_ns();
		for (k = 0; k < chunk; k++) {
			const struct cnet_route *rt;

			rt = cnet_fib_lookup(fib, addrs[i]);
			/* read the route, as a user of the lookup would */
			*hits += rt && rt->plen;
			if (++i == naddrs)
				i = 0;
		}
		ns += ktime_get_ns() - t0;
		rcu_read_unlock();
		done += chunk;
		cond_resched();
	}
	return ns;
}

static int bench_run(unsigned int nprefixes, unsigned int nlookups, u64 seed,
		     unsigned int rounds)
{
	unsigned int naddrs = min(nlookups, BENCH_MAX_ADDRS);
	u64 t0, add_ns, digest = 0;
	struct fib_bench_route *rts;
	struct fib_bench_rng rng;
	unsigned int i, r;
	size_t len = 0;
	struct cnet_fib fib;
	size_t mem;
	__be32 *addrs;
	int err = -ENOMEM;

	fib_bench_seed(&rng, seed);
	cnet_fib_init(&fib);
	rts = kvmalloc_array(nprefixes, sizeof(*rts), GFP_KERNEL);
	addrs = kvmalloc_array(naddrs, sizeof(*addrs), GFP_KERNEL);
	if (!rts || !addrs)
		goto out;

	t0 = ktime_get_ns();
	err = bench_build(&fib, rts, nprefixes, &rng);
	add_ns = ktime_get_ns() - t0;
	if (err)
		goto out;
	mem = cnet_fib_mem(&fib);

	digest = fib_bench_digest_routes(rts, nprefixes);
	for (i = 0; i < naddrs; i++) {
		u32 a = fib_bench_gen_addr(&rng, rts, nprefixes);

		digest = fib_bench_digest(digest, a);
		addrs[i] = htonl(a);
	}

	for (r = 0; r < rounds; r++) {
		u64 hits = 0;
		u64 ns = bench_time(&fib, addrs, naddrs, nlookups, &hits);

		len += scnprintf(bench_result + len, sizeof(bench_result) - len,
				 "prefixes=%u lookups=%u ns_per_lookup=%llu.%llu mem_bytes=%zu bytes_per_route=%zu add_ns_per_route=%llu hits=%llu digest=%016llx\n",
				 fib.nroutes, nlookups, div_u64(ns, nlookups),
				 div_u64(ns * 10, nlookups) % 10, mem,
				 mem / fib.nroutes, div_u64(add_ns, fib.nroutes),
				 hits, digest);
	}
	err = 0;
out:
	cnet_fib_destroy(&fib);
	kvfree(addrs);
	kvfree(rts);
	return err;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	unsigned int nprefixes, nlookups, rounds = 1;
	char buf[64];
	u64 seed;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%u %u %llu %u", &nprefixes, &nlookups, &seed,
		   &rounds) < 3 ||
	    !nprefixes || nprefixes > BENCH_MAX_PREFIXES || !nlookups ||
	    !rounds || rounds > BENCH_MAX_ROUNDS)
		return -EINVAL;

	mutex_lock(&bench_lock);
	err = bench_run(nprefixes, nlookups, seed, rounds);
	if (err)
		snprintf(bench_result, sizeof(bench_result), "error=%d\n", err);
	mutex_unlock(&bench_lock);
	return err ?: len;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&bench_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, bench_result,
				      strlen(bench_result));
	mutex_unlock(&bench_lock);
	return ret;
}

static const struct file_operations bench_fops = {
	.owner	= THIS_MODULE,
	.read	= bench_read,
	.write	= bench_write,
	.llseek	= default_llseek,
};

void cnet_fib_bench_init(void)
{
	bench_dir = debugfs_create_dir("cnet", NULL);
	debugfs_create_file("fib_bench", 0600, bench_dir, NULL, &bench_fops);
}

void cnet_fib_bench_exit(void)
{
	debugfs_remove(bench_dir);
}
