// SPDX-License-Identifier: GPL-2.0
/*
 * The AF_CUSTOM socket API, call by call, including every error path a
 * program can reach. Run in a namespace where cnet owns a device with
 * LOCAL/24 and a Linux peer answers at PEER:
 *
 *	sock_api LOCAL PEER
 *
 * Prints one "ok"/"not ok" line per check and exits 1 if any failed.
 */
#define _GNU_SOURCE	/* sendmmsg, recvmmsg */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"

/* Linux's "route only, send nothing", not in the libc headers */
#ifndef MSG_PROBE
#define MSG_PROBE	0x10
#endif

static struct sockaddr_cnet addr(const char *ip, uint16_t port)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };

	sa.scn_port = htons(port);
	if (inet_pton(AF_INET, ip, &sa.scn_addr) != 1) {
		fprintf(stderr, "bad address %s\n", ip);
		exit(2);
	}
	return sa;
}

static int ping_sock(void)
{
	int fd = socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP);

	if (fd < 0) {
		perror("socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP)");
		exit(1);
	}
	return fd;
}

static ssize_t send_echo(int fd, const struct sockaddr_cnet *to, size_t len,
			 uint8_t type, uint16_t seq)
{
	char buf[2048] = { 0 };
	struct icmphdr *ih = (struct icmphdr *)buf;

	ih->type = type;
	ih->un.echo.sequence = htons(seq);
	memset(buf + sizeof(*ih), 0xa5, len - sizeof(*ih));
	return sendto(fd, buf, len, 0, (const struct sockaddr *)to,
		      to ? sizeof(*to) : 0);
}

/* Wait up to 2 s for one datagram; returns its length or -1. */
static ssize_t recv_one(int fd, void *buf, size_t len, struct msghdr *mh)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct iovec iov = { .iov_base = buf, .iov_len = len };

	if (poll(&p, 1, 2000) != 1)
		return -1;
	mh->msg_iov = &iov;
	mh->msg_iovlen = 1;
	return recvmsg(fd, mh, 0);
}

/*
 * Raw sockets of any protocol need CAP_NET_RAW: a child that gave up root
 * gets EPERM for raw UDP and raw protocol 253, but may still open a ping
 * socket.
 */
static void raw_unprivileged(void)
{
	int status, fd;
	pid_t pid;

	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(2);
	}
	if (!pid) {
		if (setgid(65534) || setuid(65534))
			_exit(10);
		errno = 0;
		if (socket(AF_CUSTOM, SOCK_RAW, IPPROTO_UDP) >= 0 || errno != EPERM)
			_exit(11);
		errno = 0;
		if (socket(AF_CUSTOM, SOCK_RAW, 253) >= 0 || errno != EPERM)
			_exit(12);
		fd = socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_ICMP);
		_exit(fd < 0 ? 13 : 0);
	}
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0,
	      "without CAP_NET_RAW raw UDP and raw 253 give EPERM, ping works (status %d)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Build echo request @seq of @len bytes in @buf. */
static void echo_req(char *buf, size_t len, uint16_t seq)
{
	struct icmphdr *ih = (struct icmphdr *)buf;

	memset(buf, 0, len);
	ih->type = ICMP_ECHO;
	ih->un.echo.sequence = htons(seq);
}

/* Echo replies arriving on @fd within 1 s, by recvmmsg(MSG_WAITFORONE). */
static int count_replies(int fd, int want)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char bufs[4][128];
	struct mmsghdr mm[4];
	struct iovec iov[4];
	int got = 0, i, r;

	while (got < want && poll(&p, 1, 1000) == 1) {
		memset(mm, 0, sizeof(mm));
		for (i = 0; i < 4; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = sizeof(bufs[i]);
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		r = recvmmsg(fd, mm, 4, MSG_WAITFORONE, NULL);
		if (r < 0)
			return -errno;
		for (i = 0; i < r; i++)
			if (mm[i].msg_len >= 8 &&
			    ((struct icmphdr *)bufs[i])->type == ICMP_ECHOREPLY)
				got++;
	}
	return got;
}

/*
 * sendmsg()/recvmsg() flags as Linux's ping and raw sockets take them:
 * sendmmsg() (the kernel adds MSG_BATCH), MSG_CONFIRM, MSG_MORE (a ping
 * socket sends each message), MSG_PROBE (routes, sends nothing),
 * recvmmsg(); MSG_OOB is EOPNOTSUPP.
 */
static void msg_flags(const struct sockaddr_cnet *peer)
{
	struct sockaddr_cnet to = *peer, bad = addr("192.0.2.1", 0);
	char bufs[3][64], buf[128];
	struct mmsghdr mm[3];
	struct iovec iov[3];
	int fd = ping_sock(), raw, i, r;

	memset(mm, 0, sizeof(mm));
	for (i = 0; i < 3; i++) {
		echo_req(bufs[i], sizeof(bufs[i]), 100 + i);
		iov[i].iov_base = bufs[i];
		iov[i].iov_len = sizeof(bufs[i]);
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
		mm[i].msg_hdr.msg_name = &to;
		mm[i].msg_hdr.msg_namelen = sizeof(to);
	}
	errno = 0;
	r = sendmmsg(fd, mm, 3, 0);
	CHECK(r == 3, "sendmmsg of 3 echo requests sends 3 (got %d, %s)", r,
	      strerror(errno));
	r = count_replies(fd, 3);
	CHECK(r == 3, "recvmmsg gets their 3 replies (got %d)", r);

	echo_req(buf, 64, 110);
	errno = 0;
	r = sendto(fd, buf, 64, MSG_CONFIRM, (struct sockaddr *)&to, sizeof(to));
	CHECK(r == 64, "sendto with MSG_CONFIRM (got %d, %s)", r, strerror(errno));
	CHECK(count_replies(fd, 1) == 1, "its reply arrives");

	errno = 0;
	r = sendto(fd, buf, 64, MSG_MORE, (struct sockaddr *)&to, sizeof(to));
	CHECK(r == 64, "ping sendto with MSG_MORE (got %d, %s)", r,
	      strerror(errno));
	CHECK(count_replies(fd, 1) == 1,
	      "MSG_MORE on a ping socket sends at once, as Linux");

	errno = 0;
	r = sendto(fd, buf, 64, MSG_PROBE, (struct sockaddr *)&to, sizeof(to));
	CHECK(r == 64, "sendto with MSG_PROBE (got %d, %s)", r, strerror(errno));
	CHECK(count_replies(fd, 1) == 0, "MSG_PROBE sends nothing");
	EXPECT_ERR(sendto(fd, buf, 64, MSG_PROBE, (struct sockaddr *)&bad,
			  sizeof(bad)), ENETUNREACH, "MSG_PROBE still routes");

	EXPECT_ERR(sendto(fd, buf, 64, MSG_OOB, (struct sockaddr *)&to,
			  sizeof(to)), EOPNOTSUPP, "sendto with MSG_OOB");

	close(fd);

	/* A raw socket would cork with MSG_MORE (Linux): not done yet. */
	raw = socket(AF_CUSTOM, SOCK_RAW, IPPROTO_ICMP);
	CHECK(raw >= 0, "raw ICMP socket");
	EXPECT_ERR(sendto(raw, buf, 64, MSG_MORE, (struct sockaddr *)&to,
			  sizeof(to)), EOPNOTSUPP,
		   "raw socket refuses MSG_MORE (no corking yet)");
	close(raw);
}

/*
 * recvmsg() flags: Linux's ping and raw sockets refuse MSG_OOB only; the
 * core leaves MSG_CMSG_CLOEXEC (for SCM_RIGHTS) in the flags.
 */
static void recv_flags(const struct sockaddr_cnet *peer)
{
	struct pollfd p = { .fd = ping_sock(), .events = POLLIN };
	char buf[128];
	struct iovec v = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr mh = { .msg_iov = &v, .msg_iovlen = 1 };
	int r;

	EXPECT_ERR(recv(p.fd, buf, sizeof(buf), MSG_OOB | MSG_DONTWAIT),
		   EOPNOTSUPP, "recv with MSG_OOB");
	echo_req(buf, 64, 120);
	CHECK(sendto(p.fd, buf, 64, 0, (const struct sockaddr *)peer,
		     sizeof(*peer)) == 64, "send an echo");
	errno = 0;
	r = poll(&p, 1, 2000) == 1 ? recvmsg(p.fd, &mh, MSG_CMSG_CLOEXEC) : -1;
	CHECK(r == 64, "recvmsg with MSG_CMSG_CLOEXEC (got %d, %s)", r,
	      strerror(errno));
	close(p.fd);
}

/*
 * SOL_IP integer options take and give Linux's lengths: a one-byte value,
 * none (0 for a flag, EINVAL for IP_TTL); getsockopt() with room for one
 * byte gets one, with none gets none.
 */
static void opt_lengths(void)
{
	int fd = ping_sock(), val, r;
	unsigned char uc;
	socklen_t slen;

	errno = 0;
	uc = 9;
	r = setsockopt(fd, IPPROTO_IP, IP_TTL, &uc, 1);
	CHECK(r == 0, "IP_TTL set from one byte (%s)", strerror(errno));
	slen = sizeof(val);
	val = 0;
	CHECK(getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &slen) == 0 && val == 9,
	      "IP_TTL reads back 9 (got %d)", val);
	EXPECT_ERR(setsockopt(fd, IPPROTO_IP, IP_TTL, &uc, 0), EINVAL,
		   "IP_TTL of no bytes");
	CHECK(setsockopt(fd, IPPROTO_IP, IP_RECVERR, &(int){ 1 },
			 sizeof(int)) == 0, "IP_RECVERR on");
	errno = 0;
	r = setsockopt(fd, IPPROTO_IP, IP_RECVERR, &uc, 0);
	slen = sizeof(val);
	val = -1;
	CHECK(r == 0 && getsockopt(fd, IPPROTO_IP, IP_RECVERR, &val, &slen) == 0 &&
	      val == 0, "IP_RECVERR of no bytes turns it off (%d, got %d)", r,
	      val);
	slen = 1;
	uc = 0;
	errno = 0;
	r = getsockopt(fd, IPPROTO_IP, IP_TTL, &uc, &slen);
	CHECK(r == 0 && slen == 1 && uc == 9,
	      "IP_TTL into one byte (%d %s, len %u, got %u)", r,
	      strerror(errno), slen, uc);
	slen = 0;
	errno = 0;
	r = getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &slen);
	CHECK(r == 0 && slen == 0, "IP_TTL into no room (%d %s, len %u)", r,
	      strerror(errno), slen);
	EXPECT_ERR(setsockopt(fd, IPPROTO_IP, IP_IPSEC_POLICY, &uc, 1),
		   ENOPROTOOPT, "unknown option of one byte");
	close(fd);
}

/*
 * connect() routes as Linux's ip4_datagram_connect(): an unreachable peer
 * is ENETUNREACH, a broadcast without SO_BROADCAST EACCES.
 */
static void connect_route(void)
{
	struct sockaddr_cnet sa;
	int fd = ping_sock();

	sa = addr("192.0.2.1", 0);
	EXPECT_ERR(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ENETUNREACH,
		   "connect to an unreachable peer");
	sa = addr("10.0.1.255", 0);
	EXPECT_ERR(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), EACCES,
		   "connect to a broadcast without SO_BROADCAST");
	setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &(int){ 1 }, sizeof(int));
	CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0,
	      "connect to a broadcast with SO_BROADCAST");
	close(fd);
}

/*
 * shutdown() as on Linux's datagram sockets: a connected socket shut for
 * reading reads 0 and poll() says so; unconnected it is ENOTCONN (but is
 * done); a bad "how" is EINVAL.
 */
static void shutdown_dgram(const struct sockaddr_cnet *peer)
{
	struct pollfd p = { .fd = ping_sock(), .events = POLLIN | POLLRDHUP };
	char buf[64];
	int r;

	EXPECT_ERR(shutdown(p.fd, 3), EINVAL, "shutdown(3)");
	EXPECT_ERR(shutdown(p.fd, SHUT_RD), ENOTCONN, "shutdown unconnected");
	close(p.fd);
	p.fd = ping_sock();
	CHECK(connect(p.fd, (const struct sockaddr *)peer, sizeof(*peer)) == 0,
	      "connect to the peer");
	errno = 0;
	r = shutdown(p.fd, SHUT_RD);
	CHECK(r == 0, "shutdown(SHUT_RD) connected (%s)", strerror(errno));
	CHECK(poll(&p, 1, 0) == 1 && (p.revents & POLLRDHUP),
	      "poll says POLLRDHUP (revents %#x)", p.revents);
	/* without the wake-up it would block: give up after a second */
	setsockopt(p.fd, SOL_SOCKET, SO_RCVTIMEO,
		   &(struct timeval){ .tv_sec = 1 }, sizeof(struct timeval));
	r = recv(p.fd, buf, sizeof(buf), 0);
	CHECK(r == 0, "recv after SHUT_RD returns 0 (got %d)", r);
	close(p.fd);
}

int main(int argc, char **argv)
{
	struct sockaddr_cnet local, peer, from, bad;
	char buf[2048], cbuf[256];
	struct msghdr mh;
	struct cmsghdr *cm;
	socklen_t slen;
	int fd, fd2, val, ttl;
	ssize_t r;

	if (argc != 3) {
		fprintf(stderr, "usage: %s LOCAL PEER\n", argv[0]);
		return 2;
	}
	local = addr(argv[1], 0);
	peer = addr(argv[2], 0);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* creation */
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT,
		   "datagram socket of protocol TCP");
	/* the type exists (TCP), not with that protocol: as AF_INET */
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_STREAM, IPPROTO_ICMP),
		   EPROTONOSUPPORT, "stream ICMP socket");
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_SEQPACKET, 0), ESOCKTNOSUPPORT,
		   "seqpacket socket");
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_RAW, 0), EPROTONOSUPPORT,
		   "raw socket of protocol 0");
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_RAW, IPPROTO_RAW), EPROTONOSUPPORT,
		   "raw socket of protocol 255 (IP_HDRINCL is not supported)");
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_RAW, 256), EPROTONOSUPPORT,
		   "raw socket of protocol 256");
	EXPECT_ERR(socket(AF_CUSTOM, SOCK_RAW, -1), EPROTONOSUPPORT,
		   "raw socket of protocol -1");
	for (val = 1; val < IPPROTO_RAW; val++) {
		fd = socket(AF_CUSTOM, SOCK_RAW, val);
		if (fd < 0)
			break;
		close(fd);
	}
	CHECK(val == IPPROTO_RAW, "raw sockets of protocols 1..254 (failed at %d: %s)",
	      val, strerror(errno));
	raw_unprivileged();
	fd = ping_sock();

	/* addresses */
	bad = peer;
	bad.scn_family = AF_INET;
	EXPECT_ERR(send_echo(fd, &bad, 64, ICMP_ECHO, 1), EAFNOSUPPORT,
		   "sendto with AF_INET address");
	EXPECT_ERR(sendto(fd, buf, 64, 0, (struct sockaddr *)&peer, 8), EINVAL,
		   "sendto with short address");
	EXPECT_ERR(send_echo(fd, NULL, 64, ICMP_ECHO, 1), EDESTADDRREQ,
		   "send without destination");
	EXPECT_ERR(send_echo(fd, &peer, 64, ICMP_TIMESTAMP, 1), EINVAL,
		   "ping socket sends echo requests only");
	EXPECT_ERR(sendto(fd, buf, 4, 0, (struct sockaddr *)&peer,
			  sizeof(peer)), EINVAL, "shorter than an ICMP header");
	bad = addr("192.0.2.1", 0);
	EXPECT_ERR(send_echo(fd, &bad, 64, ICMP_ECHO, 1), ENETUNREACH,
		   "no connected subnet");
	CHECK(setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER,
			 &(int){ IP_PMTUDISC_DO }, sizeof(int)) == 0,
	      "IP_MTU_DISCOVER IP_PMTUDISC_DO");
	EXPECT_ERR(send_echo(fd, &peer, 1500, ICMP_ECHO, 1), EMSGSIZE,
		   "larger than the MTU with IP_PMTUDISC_DO");
	CHECK(setsockopt(fd, IPPROTO_IP, IP_MTU_DISCOVER,
			 &(int){ IP_PMTUDISC_WANT }, sizeof(int)) == 0 &&
	      send_echo(fd, &peer, 1500, ICMP_ECHO, 1) >= 0,
	      "larger than the MTU by default: sent, in fragments");
	/* the peer fragments its reply as well: reassembled, then read */
	memset(&mh, 0, sizeof(mh));
	r = recv_one(fd, buf, sizeof(buf), &mh);
	CHECK(r == 1500 && ((struct icmphdr *)buf)->type == ICMP_ECHOREPLY &&
	      ntohs(((struct icmphdr *)buf)->un.echo.sequence) == 1,
	      "its reply, 1500 bytes in fragments, reassembled (got %zd)", r);
	bad = addr("10.0.1.255", 0);
	EXPECT_ERR(send_echo(fd, &bad, 64, ICMP_ECHO, 1), EACCES,
		   "broadcast without SO_BROADCAST");

	/* options */
	EXPECT_ERR(setsockopt(fd, IPPROTO_IP, IP_TTL, &(int){ 256 },
			      sizeof(int)), EINVAL, "IP_TTL 256");
	EXPECT_ERR(setsockopt(fd, IPPROTO_IP, IP_TTL, &(int){ 0 },
			      sizeof(int)), EINVAL, "IP_TTL 0");
	EXPECT_ERR(setsockopt(fd, IPPROTO_IP, IP_IPSEC_POLICY, &(int){ 0 },
			      sizeof(int)), ENOPROTOOPT, "unknown option");
	CHECK(setsockopt(fd, IPPROTO_IP, IP_TTL, &(int){ 7 }, sizeof(int)) == 0,
	      "IP_TTL 7");
	slen = sizeof(val);
	CHECK(getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &slen) == 0 && val == 7,
	      "IP_TTL reads back 7 (got %d)", val);
	CHECK(setsockopt(fd, IPPROTO_IP, IP_TTL, &(int){ -1 }, sizeof(int)) == 0,
	      "IP_TTL -1 restores the default");
	slen = sizeof(val);
	CHECK(getsockopt(fd, IPPROTO_IP, IP_TTL, &val, &slen) == 0 && val == 64,
	      "default TTL is 64 (got %d)", val);
	CHECK(setsockopt(fd, IPPROTO_IP, IP_RECVTTL, &(int){ 1 },
			 sizeof(int)) == 0, "IP_RECVTTL on");

	/* an echo round trip with the stack's identifier and the peer's TTL */
	CHECK(send_echo(fd, &peer, 64, ICMP_ECHO, 42) == 64, "send echo");
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	r = recv_one(fd, buf, sizeof(buf), &mh);
	CHECK(r == 64, "reply of 64 bytes (got %zd)", r);
	CHECK(r >= 8 && ((struct icmphdr *)buf)->type == ICMP_ECHOREPLY &&
	      ntohs(((struct icmphdr *)buf)->un.echo.sequence) == 42,
	      "it is the echo reply to sequence 42");
	CHECK(mh.msg_namelen == sizeof(from) && from.scn_family == AF_CUSTOM &&
	      from.scn_addr == peer.scn_addr, "source address is the peer");
	ttl = -1;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm))
		if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_TTL)
			memcpy(&ttl, CMSG_DATA(cm), sizeof(ttl));
	CHECK(ttl == 64, "IP_TTL control message says 64 (got %d)", ttl);
	slen = sizeof(from);
	CHECK(getsockname(fd, (struct sockaddr *)&from, &slen) == 0 &&
	      from.scn_port != 0, "the socket has an identifier (%u)",
	      ntohs(from.scn_port));

	/* identifiers belong to one socket */
	fd2 = ping_sock();
	bad = addr("0.0.0.0", ntohs(from.scn_port));
	EXPECT_ERR(bind(fd2, (struct sockaddr *)&bad, sizeof(bad)), EADDRINUSE,
		   "bind to an identifier in use");
	bad = addr("10.0.1.99", 0);
	EXPECT_ERR(bind(fd2, (struct sockaddr *)&bad, sizeof(bad)),
		   EADDRNOTAVAIL, "bind to an address we do not have");
	local.scn_port = htons(4242);
	CHECK(bind(fd2, (struct sockaddr *)&local, sizeof(local)) == 0,
	      "bind to the local address, identifier 4242");
	EXPECT_ERR(bind(fd2, (struct sockaddr *)&local, sizeof(local)), EINVAL,
		   "bind twice");

	/* connect, then send() and getpeername() */
	EXPECT_ERR(getpeername(fd2, (struct sockaddr *)&from, &slen), ENOTCONN,
		   "getpeername before connect");
	CHECK(connect(fd2, (struct sockaddr *)&peer, sizeof(peer)) == 0,
	      "connect to the peer");
	CHECK(send_echo(fd2, NULL, 32, ICMP_ECHO, 7) == 32, "send() connected");
	memset(&mh, 0, sizeof(mh));
	r = recv_one(fd2, buf, sizeof(buf), &mh);
	CHECK(r == 32 && ntohs(((struct icmphdr *)buf)->un.echo.id) == 4242,
	      "reply carries identifier 4242 (len %zd)", r);

	/* MSG_TRUNC, FIONREAD, MSG_DONTWAIT */
	CHECK(send_echo(fd2, NULL, 100, ICMP_ECHO, 8) == 100, "send 100 bytes");
	{
		struct pollfd p = { .fd = fd2, .events = POLLIN };

		CHECK(poll(&p, 1, 2000) == 1 && (p.revents & POLLIN),
		      "poll says readable");
	}
	CHECK(ioctl(fd2, FIONREAD, &val) == 0 && val == 100,
	      "FIONREAD is 100 (got %d)", val);
	r = recv(fd2, buf, 10, MSG_TRUNC);
	CHECK(r == 100, "MSG_TRUNC returns the real length (got %zd)", r);
	EXPECT_ERR(recv(fd2, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN,
		   "empty queue with MSG_DONTWAIT");
	EXPECT_ERR(recv(fd2, buf, sizeof(buf), MSG_ERRQUEUE), EAGAIN,
		   "the error queue is empty");
	EXPECT_ERR(recv(fd2, buf, sizeof(buf), MSG_ERRQUEUE | MSG_PEEK),
		   EOPNOTSUPP, "MSG_PEEK on the error queue");

	/* talking to ourselves goes through our own input */
	local.scn_port = 0;
	CHECK(send_echo(fd, &local, 64, ICMP_ECHO, 9) == 64,
	      "echo to our own address");
	memset(&mh, 0, sizeof(mh));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	r = recv_one(fd, buf, sizeof(buf), &mh);
	CHECK(r == 64 && from.scn_addr == local.scn_addr,
	      "our own reply comes back (len %zd)", r);

	close(fd2);
	close(fd);

	msg_flags(&peer);
	recv_flags(&peer);
	opt_lengths();
	connect_route();
	shutdown_dgram(&peer);
	return failed;
}
