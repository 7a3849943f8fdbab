// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux side of the FIB lookup benchmark (selftests/bench/fib-lookup.sh):
 * the same routes and lookups as cnet's debugfs fib_bench, done by the
 * Linux FIB of the current network namespace.
 *
 *	linux_fib_bench N_PREFIXES N_LOOKUPS SEED [ROUNDS]
 *
 * 1. Generates the table and the address stream with module/fib_bench_gen.h,
 *    exactly as cnet's fib_bench does for the same seed.
 * 2. Loads the routes into the main table over rtnetlink, many requests per
 *    sendmsg() and one acknowledgement per batch, each route pointing at
 *    a nexthop object "via 10.0.0.N dev fbN onlink" (devices fb0..fb3
 *    made by the caller), and checks that the table holds exactly them.
 *    They are deleted the same way at the end.
 * 3. Times Linux's lookups from inside the kernel: a BPF program calls
 *    bpf_fib_lookup() (BPF_FIB_LOOKUP_DIRECT | BPF_FIB_LOOKUP_SKIP_NEIGH:
 *    the main table's fib_table_lookup() and the next hop, no rules, no
 *    neighbour) on the next address of an array map, and BPF_PROG_TEST_RUN
 *    repeats it N_LOOKUPS times. The same program without the helper call
 *    is timed too, and its time (the loop, the map reads) is subtracted.
 *    Every lookup must succeed, as every one finds a route in cnet's.
 *
 * Prints one line per round, in fib_bench's terms:
 *	prefixes= lookups= ns_per_lookup= raw_ns= loop_ns= mem_bytes=
 *	bytes_per_route= add_ns_per_route= hits= digest=
 * mem_bytes is what the routes added to Linux's own count in
 * /proc/net/fib_triestat (leaves, aliases, nodes and pointers at their
 * struct sizes; the main table's trie also holds the local routes). The caller needs
 * net.ipv4.conf.lo.forwarding=1: bpf_fib_lookup() refuses otherwise.
 *
 * This calls Linux's routing code from a test program, to compare with it;
 * the cnet module itself never does.
 */
#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/bpf.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
#include "../../module/fib_bench_gen.h"

#define MAX_ADDRS	(1U << 20)	/* as fib_bench: then they repeat */
#define NL_BATCH	(64 * 1024)

static void die(const char *what)
{
	fprintf(stderr, "linux_fib_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void fail(const char *msg)
{
	fprintf(stderr, "linux_fib_bench: %s\n", msg);
	exit(1);
}

static u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- the table, deduplicated on (dst, plen) as cnet_fib_add() does ---- */

struct seen {
	u64 *slot;	/* key + 1, 0 = empty */
	u64 mask;
};

static int seen_add(struct seen *s, const struct fib_bench_route *rt)
{
	u64 key = ((u64)rt->dst << 8 | rt->plen) + 1;
	u64 i = (key * 0x9e3779b97f4a7c15ULL) >> 20 & s->mask;

	for (;; i = (i + 1) & s->mask) {
		if (s->slot[i] == key)
			return 0;
		if (!s->slot[i]) {
			s->slot[i] = key;
			return 1;
		}
	}
}

static void gen_table(struct fib_bench_rng *rng, struct fib_bench_route *rts,
		      u32 n)
{
	struct seen s;
	u64 size = 1;
	u32 added = 0, tries;

	while (size < 2ULL * n)
		size <<= 1;
	s.mask = size - 1;
	s.slot = calloc(size, sizeof(*s.slot));
	if (!s.slot)
		die("calloc");
	for (tries = 0; added < n && tries < FIB_BENCH_TRIES_PER_PREFIX * n;
	     tries++) {
		fib_bench_gen_route(rng, &rts[added]);
		added += seen_add(&s, &rts[added]);
	}
	free(s.slot);
	if (added < n)
		fail("too many duplicate prefixes for this table size");
}

/* ---- loading it into Linux's main table ---- */

static void nl_attr(struct nlmsghdr *nh, unsigned short type, const void *data,
		    unsigned short len)
{
	struct rtattr *rta = (void *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* Wait for the ack of @seq; any error before it ends the run. */
static void nl_wait_ack(int fd, u32 seq, const char *what)
{
	static char buf[16384];

	for (;;) {
		ssize_t len = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *nh;

		if (len < 0)
			die("netlink recv");
		for (nh = (void *)buf; NLMSG_OK(nh, len);
		     nh = NLMSG_NEXT(nh, len)) {
			struct nlmsgerr *e = NLMSG_DATA(nh);

			if (nh->nlmsg_type != NLMSG_ERROR)
				continue;
			if (e->error) {
				errno = -e->error;
				die(what);
			}
			if (nh->nlmsg_seq == seq)
				return;
		}
	}
}

struct nl {
	int fd;
	u32 seq;
	int oif[FIB_BENCH_NEXTHOPS];
	size_t used;
	char buf[NL_BATCH];
};

static struct nlmsghdr *nl_msg(struct nl *nl, int type, unsigned int flags,
			       const void *hdr, size_t hdrlen)
{
	struct nlmsghdr *nh = (void *)(nl->buf + nl->used);

	memset(nh, 0, NLMSG_LENGTH(hdrlen));
	nh->nlmsg_len = NLMSG_LENGTH(hdrlen);
	nh->nlmsg_type = type;
	nh->nlmsg_flags = NLM_F_REQUEST | flags;
	nh->nlmsg_seq = ++nl->seq;
	memcpy(NLMSG_DATA(nh), hdr, hdrlen);
	return nh;
}

/* Send what is queued, the last request asking for an ack, and wait. */
static void nl_flush(struct nl *nl, struct nlmsghdr *last, const char *what)
{
	last->nlmsg_flags |= NLM_F_ACK;
	if (send(nl->fd, nl->buf, nl->used, 0) != (ssize_t)nl->used)
		die("netlink send");
	nl->used = 0;
	nl_wait_ack(nl->fd, nl->seq, what);
}

/*
 * The routes point at nexthop objects 1.. "via 10.0.0.N dev fbN onlink",
 * as routing daemons (FRR) install them: under emulation that adds them
 * about 1.7 times faster than a gateway and device in each route, and
 * the lookup is the same.
 */
static void nl_open(struct nl *nl)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int k;

	nl->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (nl->fd < 0 || bind(nl->fd, (struct sockaddr *)&sa, sizeof(sa)))
		die("netlink socket");
	for (k = 0; k < FIB_BENCH_NEXTHOPS; k++) {
		struct nhmsg nhm = {
			.nh_family = AF_INET,
			.nh_flags = RTNH_F_ONLINK,
		};
		u32 id = 1 + k, gw = htonl(FIB_BENCH_GW_BASE + k);
		char name[IFNAMSIZ];
		struct nlmsghdr *nh;

		snprintf(name, sizeof(name), "fb%d", k);
		nl->oif[k] = if_nametoindex(name);
		if (!nl->oif[k])
			die(name);
		nh = nl_msg(nl, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL,
			    &nhm, sizeof(nhm));
		nl_attr(nh, NHA_ID, &id, sizeof(id));
		nl_attr(nh, NHA_GATEWAY, &gw, sizeof(gw));
		nl_attr(nh, NHA_OIF, &nl->oif[k], sizeof(int));
		nl->used += NLMSG_ALIGN(nh->nlmsg_len);
		nl_flush(nl, nh, "adding a nexthop");
	}
}

/* RTM_NEWROUTE or RTM_DELROUTE each of the @n routes. */
static void change_routes(struct nl *nl, const struct fib_bench_route *rts,
			  u32 n, int cmd)
{
	u32 i = 0;

	while (i < n) {
		struct nlmsghdr *nh = NULL;

		while (i < n && nl->used + 128 <= sizeof(nl->buf)) {
			const struct fib_bench_route *rt = &rts[i++];
			u32 dst = htonl(rt->dst), id = 1 + rt->nexthop;
			struct rtmsg rtm = {
				.rtm_family = AF_INET,
				.rtm_dst_len = rt->plen,
				.rtm_table = RT_TABLE_MAIN,
				.rtm_protocol = RTPROT_STATIC,
				.rtm_scope = RT_SCOPE_UNIVERSE,
				.rtm_type = RTN_UNICAST,
			};

			nh = nl_msg(nl, cmd, cmd == RTM_NEWROUTE ?
				    NLM_F_CREATE | NLM_F_EXCL : 0,
				    &rtm, sizeof(rtm));
			if (rt->plen)
				nl_attr(nh, RTA_DST, &dst, sizeof(dst));
			nl_attr(nh, RTA_NH_ID, &id, sizeof(id));
			nl->used += NLMSG_ALIGN(nh->nlmsg_len);
		}
		nl_flush(nl, nh, cmd == RTM_NEWROUTE ? "adding a route" :
			 "deleting a route");
	}
}

/* Linux's own count of the main table: prefixes and bytes. */
static void trie_stat(u64 *prefixes, u64 *bytes)
{
	FILE *f = fopen("/proc/net/fib_triestat", "r");
	char line[256];
	int in_main = 0;
	unsigned long v;

	if (!f)
		die("/proc/net/fib_triestat");
	*prefixes = *bytes = 0;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "Main:", 5))
			in_main = 1;
		else if (!strncmp(line, "Local:", 6))
			in_main = 0;
		else if (in_main && sscanf(line, " Prefixes: %lu", &v) == 1)
			*prefixes = v;
		else if (in_main && sscanf(line, "Total size: %lu", &v) == 1)
			*bytes = (u64)v * 1024;
	}
	fclose(f);
}

/* ---- the BPF side: raw instructions, no compiler needed ---- */

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

#define INSN(c, d, s, o, i)	((struct bpf_insn){ .code = (c), \
	.dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i) })
#define MOV64_REG(d, s)		INSN(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define MOV64_IMM(d, i)		INSN(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define ADD64_IMM(d, i)		INSN(BPF_ALU64 | BPF_ADD | BPF_K, d, 0, 0, i)
#define LDX(sz, d, s, o)	INSN(BPF_LDX | (sz) | BPF_MEM, d, s, o, 0)
#define STX(sz, d, s, o)	INSN(BPF_STX | (sz) | BPF_MEM, d, s, o, 0)
#define ST(sz, d, o, i)		INSN(BPF_ST | (sz) | BPF_MEM, d, 0, o, i)
#define JMP_IMM(op, d, i, o)	INSN(BPF_JMP | (op) | BPF_K, d, 0, o, i)
#define CALL(f)			INSN(BPF_JMP | BPF_CALL, 0, 0, 0, f)
#define EXIT()			INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* A map's address into register @d: a two-slot instruction. */
static void ld_map(struct bpf_insn *p, int *n, int d, int fd)
{
	p[(*n)++] = INSN(BPF_LD | BPF_DW | BPF_IMM, d, BPF_PSEUDO_MAP_FD, 0, fd);
	p[(*n)++] = INSN(0, 0, 0, 0, 0);
}

/* The state map's one value. */
struct bench_state {
	u64 next;	/* index of the next address */
	u64 hits;	/* lookups that found a unicast route */
};

#define PARAMS_OFF	(-72)	/* struct bpf_fib_lookup on the stack */
#define KEY_OFF		(-4)
#define PARAM(f)	(PARAMS_OFF + (int)offsetof(struct bpf_fib_lookup, f))

/*
 * r6 = ctx; r7 = &state; r8 = address.
 * state.next wraps at @naddrs; a failed lookup jumps over hits++.
 */
static int load_prog(int state_fd, int addrs_fd, u32 naddrs, int do_lookup)
{
	struct bpf_insn p[64];
	int n = 0, out_jumps[4], nj = 0, i;
	char log[4096] = "";
	union bpf_attr attr;
	int fd;

	p[n++] = MOV64_REG(BPF_REG_6, BPF_REG_1);
	p[n++] = ST(BPF_W, BPF_REG_10, KEY_OFF, 0);
	p[n++] = MOV64_REG(BPF_REG_2, BPF_REG_10);
	p[n++] = ADD64_IMM(BPF_REG_2, KEY_OFF);
	ld_map(p, &n, BPF_REG_1, state_fd);
	p[n++] = CALL(BPF_FUNC_map_lookup_elem);
	out_jumps[nj++] = n;
	p[n++] = JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0);
	p[n++] = MOV64_REG(BPF_REG_7, BPF_REG_0);
	p[n++] = LDX(BPF_DW, BPF_REG_1, BPF_REG_7, 0);
	p[n++] = MOV64_REG(BPF_REG_2, BPF_REG_1);
	p[n++] = ADD64_IMM(BPF_REG_2, 1);
	p[n++] = JMP_IMM(BPF_JLT, BPF_REG_2, naddrs, 1);
	p[n++] = MOV64_IMM(BPF_REG_2, 0);
	p[n++] = STX(BPF_DW, BPF_REG_7, BPF_REG_2, 0);
	p[n++] = STX(BPF_W, BPF_REG_10, BPF_REG_1, KEY_OFF);
	p[n++] = MOV64_REG(BPF_REG_2, BPF_REG_10);
	p[n++] = ADD64_IMM(BPF_REG_2, KEY_OFF);
	ld_map(p, &n, BPF_REG_1, addrs_fd);
	p[n++] = CALL(BPF_FUNC_map_lookup_elem);
	out_jumps[nj++] = n;
	p[n++] = JMP_IMM(BPF_JEQ, BPF_REG_0, 0, 0);
	p[n++] = LDX(BPF_W, BPF_REG_8, BPF_REG_0, 0);
	for (i = 0; i < (int)sizeof(struct bpf_fib_lookup); i += 8)
		p[n++] = ST(BPF_DW, BPF_REG_10, PARAMS_OFF + i, 0);
	p[n++] = ST(BPF_B, BPF_REG_10, PARAM(family), AF_INET);
	p[n++] = ST(BPF_W, BPF_REG_10, PARAM(ifindex), 1 /* lo */);
	p[n++] = STX(BPF_W, BPF_REG_10, BPF_REG_8, PARAM(ipv4_dst));
	p[n++] = MOV64_REG(BPF_REG_1, BPF_REG_6);
	p[n++] = MOV64_REG(BPF_REG_2, BPF_REG_10);
	p[n++] = ADD64_IMM(BPF_REG_2, PARAMS_OFF);
	p[n++] = MOV64_IMM(BPF_REG_3, sizeof(struct bpf_fib_lookup));
	p[n++] = MOV64_IMM(BPF_REG_4, BPF_FIB_LOOKUP_DIRECT |
			   BPF_FIB_LOOKUP_SKIP_NEIGH);
	if (do_lookup)
		p[n++] = CALL(BPF_FUNC_fib_lookup);
	else
		p[n++] = MOV64_IMM(BPF_REG_0, BPF_FIB_LKUP_RET_SUCCESS);
	out_jumps[nj++] = n;
	p[n++] = JMP_IMM(BPF_JNE, BPF_REG_0, 0, 0);
	p[n++] = LDX(BPF_DW, BPF_REG_1, BPF_REG_7, 8);
	p[n++] = ADD64_IMM(BPF_REG_1, 1);
	p[n++] = STX(BPF_DW, BPF_REG_7, BPF_REG_1, 8);
	/* out: */
	for (i = 0; i < nj; i++)
		p[out_jumps[i]].off = n - out_jumps[i] - 1;
	p[n++] = MOV64_IMM(BPF_REG_0, 0);	/* TC_ACT_OK */
	p[n++] = EXIT();

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_SCHED_CLS;
	attr.insns = (uintptr_t)p;
	attr.insn_cnt = n;
	attr.license = (uintptr_t)"GPL";
	attr.log_buf = (uintptr_t)log;
	attr.log_size = sizeof(log);
	attr.log_level = 1;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd < 0) {
		fprintf(stderr, "%s", log);
		die("loading the BPF program");
	}
	return fd;
}

static int map_create(u32 value_size, u32 entries)
{
	union bpf_attr attr;
	int fd;

	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = sizeof(u32);
	attr.value_size = value_size;
	attr.max_entries = entries;
	fd = sys_bpf(BPF_MAP_CREATE, &attr);
	if (fd < 0)
		die("creating a BPF map");
	return fd;
}

static void map_fill(int fd, const u32 *values, u32 n)
{
	const u32 chunk = 1U << 16;
	union bpf_attr attr;
	u32 *keys, i;

	keys = malloc(chunk * sizeof(*keys));
	if (!keys)
		die("malloc");
	for (i = 0; i < n; i += chunk) {
		u32 cnt = n - i < chunk ? n - i : chunk, k;

		for (k = 0; k < cnt; k++)
			keys[k] = i + k;
		memset(&attr, 0, sizeof(attr));
		attr.batch.map_fd = fd;
		attr.batch.keys = (uintptr_t)keys;
		attr.batch.values = (uintptr_t)(values + i);
		attr.batch.count = cnt;
		if (sys_bpf(BPF_MAP_UPDATE_BATCH, &attr) || attr.batch.count != cnt)
			die("filling the address map");
	}
	free(keys);
}

/* BPF_MAP_UPDATE_ELEM or BPF_MAP_LOOKUP_ELEM the state map's one value. */
static void state_op(int cmd, int fd, struct bench_state *st)
{
	union bpf_attr attr;
	u32 key = 0;

	memset(&attr, 0, sizeof(attr));
	attr.map_fd = fd;
	attr.key = (uintptr_t)&key;
	attr.value = (uintptr_t)st;
	if (sys_bpf(cmd, &attr))
		die("accessing the state map");
}

/* Average ns per run of @prog over @repeat runs; the hits it counted. */
static u32 time_prog(int prog, int state_fd, u32 repeat, u64 *hits)
{
	struct bench_state st = { 0, 0 };
	unsigned char pkt[64] = { [12] = 0x08, [13] = 0x00 };	/* IPv4 */
	union bpf_attr attr;

	state_op(BPF_MAP_UPDATE_ELEM, state_fd, &st);
	memset(&attr, 0, sizeof(attr));
	attr.test.prog_fd = prog;
	attr.test.data_in = (uintptr_t)pkt;
	attr.test.data_size_in = sizeof(pkt);
	attr.test.repeat = repeat;
	if (sys_bpf(BPF_PROG_TEST_RUN, &attr))
		die("BPF_PROG_TEST_RUN");
	state_op(BPF_MAP_LOOKUP_ELEM, state_fd, &st);
	*hits = st.hits;
	return attr.test.duration;
}

int main(int argc, char **argv)
{
	u32 nprefixes, nlookups, naddrs, rounds = 1, r, i;
	u64 seed, t0, add_ns, digest = 0, prefixes, bytes, prefixes0, bytes0;
	struct fib_bench_route *rts;
	static struct nl nl;
	struct fib_bench_rng rng;
	int state_fd, addrs_fd, prog, loop;
	u32 *addrs;

	if (argc < 4 || argc > 5) {
		fprintf(stderr,
			"usage: linux_fib_bench N_PREFIXES N_LOOKUPS SEED [ROUNDS]\n");
		return 2;
	}
	nprefixes = strtoul(argv[1], NULL, 0);
	nlookups = strtoul(argv[2], NULL, 0);
	seed = strtoull(argv[3], NULL, 0);
	if (argc == 5)
		rounds = strtoul(argv[4], NULL, 0);
	if (!nprefixes || nprefixes > (4U << 20) || !nlookups || !rounds)
		fail("N_PREFIXES must be 1..4194304, N_LOOKUPS and ROUNDS >= 1");
	naddrs = nlookups < MAX_ADDRS ? nlookups : MAX_ADDRS;

	rts = malloc((size_t)nprefixes * sizeof(*rts));
	addrs = malloc((size_t)naddrs * sizeof(*addrs));
	if (!rts || !addrs)
		die("malloc");
	fib_bench_seed(&rng, seed);
	gen_table(&rng, rts, nprefixes);
	digest = fib_bench_digest_routes(rts, nprefixes);
	for (i = 0; i < naddrs; i++) {
		u32 a = fib_bench_gen_addr(&rng, rts, nprefixes);

		digest = fib_bench_digest(digest, a);
		addrs[i] = htonl(a);
	}

	nl_open(&nl);
	/* The local routes share the main table's trie: count them out. */
	trie_stat(&prefixes0, &bytes0);
	t0 = now_ns();
	change_routes(&nl, rts, nprefixes, RTM_NEWROUTE);
	add_ns = now_ns() - t0;
	trie_stat(&prefixes, &bytes);
	if (prefixes - prefixes0 != nprefixes) {
		fprintf(stderr,
			"linux_fib_bench: the table gained %" PRIu64 " prefixes, not %u\n",
			prefixes - prefixes0, nprefixes);
		return 1;
	}
	bytes -= bytes0;

	state_fd = map_create(sizeof(struct bench_state), 1);
	addrs_fd = map_create(sizeof(u32), naddrs);
	map_fill(addrs_fd, addrs, naddrs);
	prog = load_prog(state_fd, addrs_fd, naddrs, 1);
	loop = load_prog(state_fd, addrs_fd, naddrs, 0);

	for (r = 0; r < rounds; r++) {
		u64 hits, loop_hits;
		u32 loop_ns = time_prog(loop, state_fd, nlookups, &loop_hits);
		u32 raw_ns = time_prog(prog, state_fd, nlookups, &hits);

		if (loop_hits != nlookups)
			fail("the timing loop missed addresses");
		printf("prefixes=%u lookups=%u ns_per_lookup=%u raw_ns=%u loop_ns=%u mem_bytes=%" PRIu64
		       " bytes_per_route=%" PRIu64 " add_ns_per_route=%" PRIu64
		       " hits=%" PRIu64 " digest=%016" PRIx64 "\n",
		       nprefixes, nlookups, raw_ns > loop_ns ? raw_ns - loop_ns : 0,
		       raw_ns, loop_ns, bytes, bytes / nprefixes,
		       add_ns / nprefixes, hits, digest);
		fflush(stdout);
	}
	/*
	 * Delete them in batches too: a namespace that goes away with a
	 * large table frees it in one go, which under emulation holds a CPU
	 * long enough for the soft-lockup detector.
	 */
	t0 = now_ns();
	change_routes(&nl, rts, nprefixes, RTM_DELROUTE);
	printf("deleted=%u del_ns_per_route=%" PRIu64 "\n", nprefixes,
	       (now_ns() - t0) / nprefixes);
	free(addrs);
	free(rts);
	return 0;
}
