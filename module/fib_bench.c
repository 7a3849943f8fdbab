// SPDX-License-Identifier: GPL-2.0
/*
 * A benchmark of FIB lookups (not a test), in debugfs:
 *
 *	echo "N_PREFIXES N_LOOKUPS SEED" > /sys/kernel/debug/cnet/fib_bench
 *	cat /sys/kernel/debug/cnet/fib_bench
 *
 * The write builds a private table of N_PREFIXES random unicast routes,
 * times N_LOOKUPS lookups and frees the table; it returns when done. The
 * read shows the last result on one line:
 *
 *	prefixes= lookups= ns_per_lookup= mem_bytes= bytes_per_route=
 *	add_ns_per_route= hits=
 *
 * Prefix lengths follow roughly the shape of the IPv4 default-free zone
 * (BGP table) of the 2020s: most are /24, many /16 to /23, a few shorter,
 * and a handful longer than /24 (see plen_permille[]). Prefixes are placed
 * uniformly in 1.0.0.0 to 223.255.255.255, so they cluster less than real
 * allocations do, which if anything costs more memory. Each lookup address
 * is a random address inside a random prefix of the table, so every lookup
 * finds a route, and in random order, so that caches help no more than on
 * a router. The table has no concurrent user; lookups still run under
 * rcu_read_lock(), in sections of 4096, like a forwarding path would.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/prandom.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "fib.h"
#include "hdr.h"

#define BENCH_MAX_PREFIXES	(4U << 20)
#define BENCH_MAX_ADDRS		SZ_1M		/* then they repeat */
#define BENCH_RCU_CHUNK		4096

/* Share of each prefix length, per mille; they add up to 1000. */
static const u16 plen_permille[33] = {
	[8] = 1, [11] = 1, [13] = 1, [14] = 1, [15] = 1,
	[16] = 14, [17] = 8, [18] = 13, [19] = 26, [20] = 45,
	[21] = 50, [22] = 120, [23] = 100, [24] = 613,
	[25] = 1, [26] = 1, [27] = 1, [28] = 1, [30] = 1, [32] = 1,
};

struct bench_pfx {
	u32	dst;
	u8	plen;
};

static DEFINE_MUTEX(bench_lock);	/* one run at a time; protects result */
static char bench_result[256] = "no run yet\n";
static struct dentry *bench_dir;

static u8 bench_plen(struct rnd_state *rs)
{
	u32 r = prandom_u32_state(rs) % 1000;
	unsigned int l;

	for (l = 0; l < ARRAY_SIZE(plen_permille); l++) {
		if (r < plen_permille[l])
			return l;
		r -= plen_permille[l];
	}
	return 24;
}

static int bench_build(struct cnet_fib *fib, struct bench_pfx *pfx,
		       unsigned int n, struct rnd_state *rs)
{
	unsigned int added = 0, tries;
	int err;

	for (tries = 0; added < n && tries < 4 * n; tries++) {
		u8 plen = bench_plen(rs);
		u32 a = (1 + prandom_u32_state(rs) % 223) << 24 |
			(prandom_u32_state(rs) & 0xffffff);
		struct cnet_route cfg = {
			.dst = htonl(a) & cnet_prefix_mask(plen),
			.plen = plen,
			.type = CNET_RT_UNICAST,
			.scope = CNET_RT_SCOPE_GLOBAL,
			.gw = htonl(0x0a000001 + prandom_u32_state(rs) % 4),
			.ifindex = 1 + prandom_u32_state(rs) % 4,
		};

		err = cnet_fib_add(fib, &cfg, CNET_FIB_F_EXCL, NULL);
		if (err == -EEXIST)
			continue;
		if (err)
			return err;
		pfx[added].dst = ntohl(cfg.dst);
		pfx[added].plen = plen;
		if (!(++added % 256))
			cond_resched();
	}
	return added < n ? -ENOSPC : 0;
}

static int bench_run(unsigned int nprefixes, unsigned int nlookups, u64 seed)
{
	unsigned int naddrs = min(nlookups, BENCH_MAX_ADDRS);
	u64 t0, add_ns, lookup_ns = 0, hits = 0;
	struct bench_pfx *pfx;
	unsigned int i, done;
	struct rnd_state rs;
	struct cnet_fib fib;
	size_t mem;
	__be32 *addrs;
	int err = -ENOMEM;

	prandom_seed_state(&rs, seed);
	cnet_fib_init(&fib);
	pfx = kvmalloc_array(nprefixes, sizeof(*pfx), GFP_KERNEL);
	addrs = kvmalloc_array(naddrs, sizeof(*addrs), GFP_KERNEL);
	if (!pfx || !addrs)
		goto out;

	t0 = ktime_get_ns();
	err = bench_build(&fib, pfx, nprefixes, &rs);
	add_ns = ktime_get_ns() - t0;
	if (err)
		goto out;
	mem = cnet_fib_mem(&fib);

	for (i = 0; i < naddrs; i++) {
		const struct bench_pfx *p = &pfx[prandom_u32_state(&rs) %
						 nprefixes];
		u32 host = (u64)prandom_u32_state(&rs) >> p->plen;

		addrs[i] = htonl(p->dst | host);
	}

	for (done = 0, i = 0; done < nlookups; ) {
		unsigned int chunk = min(nlookups - done, BENCH_RCU_CHUNK);
		unsigned int k;

		rcu_read_lock();
		t0 = ktime_get_ns();
		for (k = 0; k < chunk; k++) {
			const struct cnet_route *rt;

			rt = cnet_fib_lookup(&fib, addrs[i]);
			/* read the route, as a user of the lookup would */
			hits += rt && rt->plen;
			if (++i == naddrs)
				i = 0;
		}
		lookup_ns += ktime_get_ns() - t0;
		rcu_read_unlock();
		done += chunk;
		cond_resched();
	}

	snprintf(bench_result, sizeof(bench_result),
		 "prefixes=%u lookups=%u ns_per_lookup=%llu.%llu mem_bytes=%zu bytes_per_route=%zu add_ns_per_route=%llu hits=%llu\n",
		 fib.nroutes, nlookups, div_u64(lookup_ns, nlookups),
		 div_u64(lookup_ns * 10, nlookups) % 10, mem,
		 mem / fib.nroutes, div_u64(add_ns, fib.nroutes), hits);
	err = 0;
out:
	cnet_fib_destroy(&fib);
	kvfree(addrs);
	kvfree(pfx);
	return err;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	unsigned int nprefixes, nlookups;
	char buf[64];
	u64 seed;
	int err;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%u %u %llu", &nprefixes, &nlookups, &seed) != 3 ||
	    !nprefixes || nprefixes > BENCH_MAX_PREFIXES || !nlookups)
		return -EINVAL;

	mutex_lock(&bench_lock);
	err = bench_run(nprefixes, nlookups, seed);
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
