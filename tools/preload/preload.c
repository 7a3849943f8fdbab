// SPDX-License-Identifier: GPL-2.0
/*
 * libcnet-preload: unmodified programs on the cnet stack (cnet-run(1)).
 *
 * Loaded with LD_PRELOAD, it stands in front of libc's socket calls (the
 * real ones are found with dlsym(RTLD_NEXT)):
 *
 *   socket()	AF_INET TCP and UDP sockets are made AF_CUSTOM instead
 *		(xlate_socket()); everything else is Linux's, untouched.
 *   bind(), connect(), sendto(), sendmsg(), sendmmsg()
 *		an AF_INET address given for a cnet socket is passed as
 *		AF_CUSTOM (the same layout: only the family changes). Whether
 *		the socket is cnet's is asked of the kernel (SO_DOMAIN), so
 *		no table of descriptors is kept: dup(), fork(), exec() and
 *		descriptors passed over AF_UNIX need no care.
 *   recvfrom(), recvmsg(), recvmmsg(), accept(), accept4(),
 *   getsockname(), getpeername()
 *		an AF_CUSTOM address the kernel returns becomes AF_INET.
 *   getsockopt()	SO_DOMAIN says AF_INET. Every other option, and all of
 *		setsockopt(), go to cnet as they are: its levels are
 *		Linux's numbers (SOL_IP = IPPROTO_IP, SOL_TCP = IPPROTO_TCP,
 *		SOL_UDP = IPPROTO_UDP), and an option cnet lacks fails as
 *		Linux fails an unknown one, with ENOPROTOOPT.
 *   getaddrinfo()	glibc's resolver makes its sockets inside libc, where no
 *		preloaded library can see them, so they would go to Linux:
 *		a name that is not a number and not in /etc/hosts is looked
 *		up here, its A records asked of the resolv.conf servers over
 *		a cnet UDP socket (dns.c, as cnet-resolve(1)).
 *
 * When socket(AF_CUSTOM) fails with EAFNOSUPPORT (no module), the AF_INET
 * socket() fails the same way, with one line on stderr: a program never
 * falls back to Linux's IPv4 without saying so.
 *
 * CNET_DEBUG=1 logs the first translated call of each kind on stderr.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "../dns.h"
#include "xlate.h"

#define EXPORT		__attribute__((visibility("default")))

/* ---- the real functions --------------------------------------------------- */

static void *real_sym(void **slot, const char *name)
{
	void *f = __atomic_load_n(slot, __ATOMIC_RELAXED);

	if (!f) {
		f = dlsym(RTLD_NEXT, name);
		if (!f) {
			fprintf(stderr, "cnet-preload: %s not found: %s\n",
				name, dlerror());
			abort();
		}
		__atomic_store_n(slot, f, __ATOMIC_RELAXED);
	}
	return f;
}

/* REAL(f): libc's f (a benign race: every thread finds the same one) */
#define REAL(f) ({							\
	static void *real_##f;						\
	(__typeof__(&f))real_sym(&real_##f, #f);			\
})

/* ---- messages ------------------------------------------------------------- */

enum call {
	C_SOCKET, C_BIND, C_CONNECT, C_SENDTO, C_SENDMSG, C_SENDMMSG,
	C_RECVFROM, C_RECVMSG, C_RECVMMSG, C_ACCEPT, C_GETSOCKNAME,
	C_GETPEERNAME, C_GETSOCKOPT, C_GETADDRINFO, C_NOMODULE,
};

static int debug = -1;		/* CNET_DEBUG: -1 not read yet */
static unsigned int logged;	/* bit per enum call: said once */

static void say(const char *fmt, va_list ap)
{
	char buf[512];
	int n, err = errno;
	ssize_t w;

	n = snprintf(buf, sizeof(buf), "cnet-preload[%d]: ", getpid());
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	w = write(STDERR_FILENO, buf, n);
	(void)w;	/* nowhere to say it otherwise */
	errno = err;
}

static bool first_time(enum call c)
{
	unsigned int bit = 1u << c;

	return !(__atomic_fetch_or(&logged, bit, __ATOMIC_RELAXED) & bit);
}

/* Once per kind of call, with CNET_DEBUG=1. */
static void __attribute__((format(printf, 2, 3)))
dbg(enum call c, const char *fmt, ...)
{
	va_list ap;

	if (debug < 0) {
		const char *v = getenv("CNET_DEBUG");

		debug = v && *v && strcmp(v, "0");
	}
	if (!debug || !first_time(c))
		return;
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

/* Once per process, always. */
static void __attribute__((format(printf, 2, 3)))
warn_once(enum call c, const char *fmt, ...)
{
	va_list ap;

	if (!first_time(c))
		return;
	va_start(ap, fmt);
	say(fmt, ap);
	va_end(ap);
}

static const char *ntop(const struct sockaddr *sa, char *buf, size_t size)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &in->sin_addr, a, sizeof(a));
	snprintf(buf, size, "%s:%u", a, ntohs(in->sin_port));
	return buf;
}

/* ---- which sockets are cnet's ---------------------------------------------- */

static bool is_cnet(int fd)
{
	int err = errno, domain = 0;
	socklen_t len = sizeof(domain);
	bool ret;

	ret = !REAL(getsockopt)(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) &&
	      domain == AF_CUSTOM;
	errno = err;
	return ret;
}

/* @addr is AF_INET and @fd a cnet socket: *@out is the AF_CUSTOM copy. */
static bool addr_in(int fd, const struct sockaddr *addr, socklen_t len,
		    struct sockaddr_storage *out)
{
	return addr && len >= sizeof(sa_family_t) &&
	       addr->sa_family == AF_INET && is_cnet(fd) &&
	       xlate_addr_in(addr, len, out);
}

/* After a call that wrote an address: @len was the room, *@lenp is now
 * the address's length; the kernel wrote the smaller. */
static bool addr_out(struct sockaddr *addr, socklen_t len, const socklen_t *lenp)
{
	if (!addr || !lenp)
		return false;
	return xlate_addr_out(addr, *lenp < len ? *lenp : len);
}

/* ---- socket() ----------------------------------------------------------------- */

EXPORT int socket(int domain, int type, int protocol)
{
	int fd;

	if (!xlate_socket(domain, type, protocol))
		return REAL(socket)(domain, type, protocol);
	fd = REAL(socket)(AF_CUSTOM, type, protocol);
	if (fd < 0 && errno == EAFNOSUPPORT)
		warn_once(C_NOMODULE, "socket(AF_INET, %s): no AF_CUSTOM sockets: is the cnet module loaded?",
			  (type & 0xf) == SOCK_STREAM ? "SOCK_STREAM" : "SOCK_DGRAM");
	else
		dbg(C_SOCKET, "socket(AF_INET, %s, %d) = %d: an AF_CUSTOM socket",
		    (type & 0xf) == SOCK_STREAM ? "SOCK_STREAM" : "SOCK_DGRAM",
		    protocol, fd);
	return fd;
}

/* ---- addresses in ---------------------------------------------------------------- */

EXPORT int bind(int fd, __CONST_SOCKADDR_ARG addr, socklen_t len)
{
	struct sockaddr_storage ss;
	char b[32];

	if (!addr_in(fd, addr.__sockaddr__, len, &ss))
		return REAL(bind)(fd, addr, len);
	dbg(C_BIND, "bind(%d, %s)", fd, ntop(addr.__sockaddr__, b, sizeof(b)));
	return REAL(bind)(fd, (struct sockaddr *)&ss, len);
}

EXPORT int connect(int fd, __CONST_SOCKADDR_ARG addr, socklen_t len)
{
	struct sockaddr_storage ss;
	char b[32];

	if (!addr_in(fd, addr.__sockaddr__, len, &ss))
		return REAL(connect)(fd, addr, len);
	dbg(C_CONNECT, "connect(%d, %s)", fd,
	    ntop(addr.__sockaddr__, b, sizeof(b)));
	return REAL(connect)(fd, (struct sockaddr *)&ss, len);
}

EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags,
		      __CONST_SOCKADDR_ARG addr, socklen_t len)
{
	struct sockaddr_storage ss;
	char b[32];

	if (!addr_in(fd, addr.__sockaddr__, len, &ss))
		return REAL(sendto)(fd, buf, n, flags, addr, len);
	dbg(C_SENDTO, "sendto(%d, %s)", fd,
	    ntop(addr.__sockaddr__, b, sizeof(b)));
	return REAL(sendto)(fd, buf, n, flags, (struct sockaddr *)&ss, len);
}

EXPORT ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct sockaddr_storage ss;
	struct msghdr m;
	char b[32];

	if (!msg || !addr_in(fd, msg->msg_name, msg->msg_namelen, &ss))
		return REAL(sendmsg)(fd, msg, flags);
	dbg(C_SENDMSG, "sendmsg(%d, %s)", fd, ntop(msg->msg_name, b, sizeof(b)));
	m = *msg;
	m.msg_name = &ss;
	return REAL(sendmsg)(fd, &m, flags);
}

/* Each message's address is translated in a copy of the vector. */
EXPORT int sendmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags)
{
	struct sockaddr_storage *ss;
	struct mmsghdr *copy;
	unsigned int i;
	bool any = false;
	int ret, err;

	for (i = 0; vec && i < vlen && !any; i++)
		any = vec[i].msg_hdr.msg_name &&
		      vec[i].msg_hdr.msg_namelen >= sizeof(sa_family_t) &&
		      ((struct sockaddr *)vec[i].msg_hdr.msg_name)->sa_family == AF_INET;
	if (!any || !is_cnet(fd))
		return REAL(sendmmsg)(fd, vec, vlen, flags);
	if (vlen > 1024)	/* UIO_MAXIOV: the kernel sends that many */
		vlen = 1024;
	copy = malloc(vlen * (sizeof(*copy) + sizeof(*ss)));
	if (!copy) {
		errno = ENOMEM;
		return -1;
	}
	ss = (struct sockaddr_storage *)(copy + vlen);
	for (i = 0; i < vlen; i++) {
		copy[i] = vec[i];
		if (xlate_addr_in(vec[i].msg_hdr.msg_name,
				  vec[i].msg_hdr.msg_namelen, &ss[i]))
			copy[i].msg_hdr.msg_name = &ss[i];
	}
	dbg(C_SENDMMSG, "sendmmsg(%d, %u messages)", fd, vlen);
	ret = REAL(sendmmsg)(fd, copy, vlen, flags);
	err = errno;
	for (i = 0; ret > 0 && i < (unsigned int)ret; i++)
		vec[i].msg_len = copy[i].msg_len;
	free(copy);
	errno = err;
	return ret;
}

/* ---- addresses out ----------------------------------------------------------------- */

EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags,
			__SOCKADDR_ARG addr, socklen_t *lenp)
{
	socklen_t room = lenp ? *lenp : 0;
	ssize_t ret;

	ret = REAL(recvfrom)(fd, buf, n, flags, addr, lenp);
	if (ret >= 0 && addr_out(addr.__sockaddr__, room, lenp))
		dbg(C_RECVFROM, "recvfrom(%d): an AF_CUSTOM address", fd);
	return ret;
}

/* recvfrom() of _FORTIFY_SOURCE: libc calls its own recvfrom, not ours */
ssize_t __recvfrom_chk(int fd, void *buf, size_t n, size_t buflen, int flags,
		       __SOCKADDR_ARG addr, socklen_t *lenp);
EXPORT ssize_t __recvfrom_chk(int fd, void *buf, size_t n, size_t buflen,
			      int flags, __SOCKADDR_ARG addr, socklen_t *lenp)
{
	socklen_t room = lenp ? *lenp : 0;
	ssize_t ret;

	ret = REAL(__recvfrom_chk)(fd, buf, n, buflen, flags, addr, lenp);
	if (ret >= 0 && addr_out(addr.__sockaddr__, room, lenp))
		dbg(C_RECVFROM, "recvfrom(%d): an AF_CUSTOM address", fd);
	return ret;
}

EXPORT ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	socklen_t room = msg ? msg->msg_namelen : 0;
	ssize_t ret;

	ret = REAL(recvmsg)(fd, msg, flags);
	if (ret >= 0 && addr_out(msg->msg_name, room, &msg->msg_namelen))
		dbg(C_RECVMSG, "recvmsg(%d): an AF_CUSTOM address", fd);
	return ret;
}

EXPORT int recvmmsg(int fd, struct mmsghdr *vec, unsigned int vlen, int flags,
		    struct timespec *timeout)
{
	socklen_t small[64], *room = small;
	unsigned int i;
	int ret, err;

	if (!vec)
		return REAL(recvmmsg)(fd, vec, vlen, flags, timeout);
	if (vlen > 1024)	/* UIO_MAXIOV: the kernel fills that many */
		vlen = 1024;
	if (vlen > sizeof(small) / sizeof(small[0])) {
		room = malloc(vlen * sizeof(*room));
		if (!room) {
			errno = ENOMEM;
			return -1;
		}
	}
	for (i = 0; i < vlen; i++)
		room[i] = vec[i].msg_hdr.msg_namelen;
	ret = REAL(recvmmsg)(fd, vec, vlen, flags, timeout);
	err = errno;
	for (i = 0; ret > 0 && i < (unsigned int)ret; i++)
		if (addr_out(vec[i].msg_hdr.msg_name, room[i],
			     &vec[i].msg_hdr.msg_namelen))
			dbg(C_RECVMMSG, "recvmmsg(%d): AF_CUSTOM addresses", fd);
	if (room != small)
		free(room);
	errno = err;
	return ret;
}

EXPORT int accept4(int fd, __SOCKADDR_ARG addr, socklen_t *lenp, int flags)
{
	socklen_t room = lenp ? *lenp : 0;
	int ret;

	ret = REAL(accept4)(fd, addr, lenp, flags);
	if (ret >= 0 && addr_out(addr.__sockaddr__, room, lenp))
		dbg(C_ACCEPT, "accept(%d) = %d: an AF_CUSTOM peer", fd, ret);
	return ret;
}

EXPORT int accept(int fd, __SOCKADDR_ARG addr, socklen_t *lenp)
{
	socklen_t room = lenp ? *lenp : 0;
	int ret;

	ret = REAL(accept)(fd, addr, lenp);
	if (ret >= 0 && addr_out(addr.__sockaddr__, room, lenp))
		dbg(C_ACCEPT, "accept(%d) = %d: an AF_CUSTOM peer", fd, ret);
	return ret;
}

EXPORT int getsockname(int fd, __SOCKADDR_ARG addr, socklen_t *lenp)
{
	socklen_t room = lenp ? *lenp : 0;
	int ret;

	ret = REAL(getsockname)(fd, addr, lenp);
	if (!ret && addr_out(addr.__sockaddr__, room, lenp))
		dbg(C_GETSOCKNAME, "getsockname(%d): an AF_CUSTOM address", fd);
	return ret;
}

EXPORT int getpeername(int fd, __SOCKADDR_ARG addr, socklen_t *lenp)
{
	socklen_t room = lenp ? *lenp : 0;
	int ret;

	ret = REAL(getpeername)(fd, addr, lenp);
	if (!ret && addr_out(addr.__sockaddr__, room, lenp))
		dbg(C_GETPEERNAME, "getpeername(%d): an AF_CUSTOM address", fd);
	return ret;
}

/* SO_DOMAIN: a program that asks learns the family it asked for. */
EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *lenp)
{
	int ret = REAL(getsockopt)(fd, level, name, val, lenp);

	if (!ret && level == SOL_SOCKET && name == SO_DOMAIN && val && lenp &&
	    *lenp >= sizeof(int) && *(int *)val == AF_CUSTOM) {
		*(int *)val = AF_INET;
		dbg(C_GETSOCKOPT, "getsockopt(%d, SO_DOMAIN): AF_INET", fd);
	}
	return ret;
}

/* ---- getaddrinfo(): names over cnet ----------------------------------------------- */

#define RES_CNET_CONF		"/run/cnet/resolv.conf"	/* cnet-dhcp(8)'s */
#define RES_SYS_CONF		"/etc/resolv.conf"
#define RES_HOSTS		"/etc/hosts"
#define RES_DEF_TIMEOUT		5	/* seconds, glibc's RES_TIMEOUT */
#define RES_DEF_ATTEMPTS	2	/* glibc's RES_DFLRETRY */

/* The whole of a small file, NUL-terminated, in @buf; false if unread. */
static bool read_file(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "re");
	size_t n;

	if (!fp)
		return false;
	n = fread(buf, 1, size - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return true;
}

static bool in_hosts(const char *name)
{
	static char text[65536];	/* only to keep it off small stacks */
	static int busy;
	char *buf = text;
	bool ret;

	/* another thread has the buffer: take one of our own */
	if (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQUIRE)) {
		buf = malloc(sizeof(text));
		if (!buf)
			return false;
	}
	ret = read_file(RES_HOSTS, buf, sizeof(text)) &&
	      xlate_hosts_has(buf, name);
	if (buf == text)
		__atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
	else
		free(buf);
	return ret;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Ask @server (be32) for @qname's A records from a cnet UDP socket
 * connected to it, within @timeout_ms. Returns the verdict on its reply,
 * DNS_V_IGNORE for none (*@err: the socket's errno, 0 for a timeout).
 */
static enum dns_verdict dns_ask(uint32_t server, int timeout_ms,
				const uint8_t *qname, unsigned int budget,
				struct dns_answer *ans, int *err)
{
	struct sockaddr_cnet sa = {
		.scn_family = AF_CUSTOM, .scn_port = htons(DNS_PORT),
		.scn_addr = server,
	};
	uint8_t query[DNS_HDR_LEN + DNS_MAX_NAME + 4], buf[4096];
	enum dns_verdict v = DNS_V_IGNORE;
	int64_t deadline = now_ms() + timeout_ms;
	int fd, qlen, ret;
	uint16_t id;
	ssize_t n;

	*err = 0;
	fd = REAL(socket)(AF_CUSTOM, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	if (fd < 0) {
		*err = errno;
		return v;
	}
	if (getrandom(&id, sizeof(id), 0) != sizeof(id))
		id = (uint16_t)(now_ms() ^ getpid());
	qlen = dns_query_build(query, sizeof(query), id, qname, DNS_TYPE_A);
	if (REAL(connect)(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    send(fd, query, qlen, 0) < 0) {
		*err = errno;
		goto out;
	}
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int64_t left = deadline - now_ms();

		if (left <= 0)
			break;
		ret = poll(&pfd, 1, left);
		if (ret <= 0)
			continue;	/* EINTR, or the time is up */
		/* connected: the kernel takes only the server's datagrams */
		n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			*err = errno;	/* ECONNREFUSED: nothing on port 53 */
			break;
		}
		v = dns_answer_parse(buf, n, query, qlen, budget, ans);
		if (v != DNS_V_IGNORE)
			break;
	}
out:
	close(fd);
	return v;
}

/*
 * @name's IPv4 addresses in *@ans from the servers of resolv.conf, tried
 * in turn, the list @attempts times, CNAME chains followed. Returns 0 or
 * an EAI_* error, as glibc's getaddrinfo() gives it.
 */
static int dns_lookup(const char *name, struct dns_answer *ans)
{
	static const uint32_t loopback = 0x0100007f;	/* 127.0.0.1, be32 */
	unsigned int budget = DNS_MAX_CNAME, i;
	struct dns_conf conf = { 0 };
	uint8_t cur[DNS_MAX_NAME];
	int attempt, attempts, timeout, err = 0, ret = EAI_AGAIN;
	enum dns_verdict v;
	char text[16384];

	if (read_file(RES_CNET_CONF, text, sizeof(text)) ||
	    read_file(RES_SYS_CONF, text, sizeof(text)))
		dns_conf_parse(text, &conf);
	if (!conf.nserver)		/* glibc's default: the local host */
		conf.server[conf.nserver++] = loopback;
	timeout = (conf.timeout > 0 ? conf.timeout : RES_DEF_TIMEOUT) * 1000;
	attempts = conf.attempts > 0 ? conf.attempts : RES_DEF_ATTEMPTS;
	if (dns_name_from_text(name, cur) < 0)
		return EAI_NONAME;
again:
	for (attempt = 0; attempt < attempts; attempt++) {
		for (i = 0; i < conf.nserver; i++) {
			v = dns_ask(conf.server[i], timeout, cur, budget, ans,
				    &err);
			switch (v) {
			case DNS_V_ANSWER:
				return 0;
			case DNS_V_CNAME:	/* aliases only: ask for the end */
				budget -= ans->ncname;
				memcpy(cur, ans->canon, dns_name_len(ans->canon));
				goto again;
			case DNS_V_NXDOMAIN:
				return EAI_NONAME;
			case DNS_V_NODATA:
				return EAI_NODATA;
			case DNS_V_TRUNCATED:	/* TCP is not tried */
			case DNS_V_CNAME_LOOP:
				return EAI_FAIL;
			default:		/* no answer, SERVFAIL...: next */
				if (err == EAFNOSUPPORT)
					goto nomodule;
				break;
			}
		}
	}
	return ret;
nomodule:
	warn_once(C_NOMODULE, "getaddrinfo(\"%s\"): no AF_CUSTOM sockets: is the cnet module loaded?",
		  name);
	return EAI_AGAIN;
}

/*
 * The answer as getaddrinfo()'s list: glibc's own for each address
 * (AI_NUMERICHOST: no lookup), so freeaddrinfo() frees it as usual.
 */
static int dns_result(const struct dns_answer *ans, const char *service,
		      const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo h = *hints, *head = NULL, **tail = &head, *ai;
	char a[INET_ADDRSTRLEN], canon[DNS_NAME_TEXT];
	unsigned int i;
	int ret;

	h.ai_family = AF_INET;
	h.ai_flags = (hints->ai_flags & (AI_PASSIVE | AI_NUMERICSERV |
					 AI_CANONNAME)) | AI_NUMERICHOST;
	for (i = 0; i < ans->naddr; i++) {
		inet_ntop(AF_INET, &ans->addr[i], a, sizeof(a));
		ret = REAL(getaddrinfo)(a, service, &h, &ai);
		if (ret) {
			if (head)
				freeaddrinfo(head);
			return ret;
		}
		*tail = ai;
		while (*tail)
			tail = &(*tail)->ai_next;
		h.ai_flags &= ~AI_CANONNAME;	/* on the first only */
	}
	if (head && (hints->ai_flags & AI_CANONNAME)) {
		free(head->ai_canonname);
		head->ai_canonname = strdup(dns_name_to_text(ans->canon, canon));
	}
	*res = head;
	return head ? 0 : EAI_NODATA;
}

/*
 * glibc's getaddrinfo() for what xlate_gai_ours() leaves to it (numbers,
 * /etc/hosts, IPv6), without AI_ADDRCONFIG for IPv4: glibc would ask
 * Linux which addresses it has, and cnet's are not among them.
 */
EXPORT int getaddrinfo(const char *node, const char *service,
		       const struct addrinfo *hints, struct addrinfo **res)
{
	struct addrinfo h = { .ai_family = AF_UNSPEC, .ai_flags = AI_V4MAPPED };
	struct dns_answer *ans;
	char a[INET_ADDRSTRLEN];
	int ret;

	if (hints)
		h = *hints;
	if (h.ai_family == AF_UNSPEC || h.ai_family == AF_INET)
		h.ai_flags &= ~AI_ADDRCONFIG;
	if (!xlate_gai_ours(node, h.ai_family, h.ai_flags, false) ||
	    in_hosts(node))
		return REAL(getaddrinfo)(node, service, &h, res);

	ans = malloc(sizeof(*ans));
	if (!ans)
		return EAI_MEMORY;
	ret = dns_lookup(node, ans);
	if (!ret)
		ret = dns_result(ans, service, &h, res);
	if (!ret)
		dbg(C_GETADDRINFO, "getaddrinfo(\"%s\"): %s%s, from the DNS over cnet",
		    node, inet_ntop(AF_INET, &ans->addr[0], a, sizeof(a)),
		    ans->naddr > 1 ? "..." : "");
	else
		dbg(C_GETADDRINFO, "getaddrinfo(\"%s\"): %s, from the DNS over cnet",
		    node, gai_strerror(ret));
	free(ans);
	return ret;
}
