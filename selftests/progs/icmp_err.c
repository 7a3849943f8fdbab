// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP errors reaching the socket that caused them. A raw UDP socket on
 * the cnet host sends datagrams to a closed port of a Linux peer, whose
 * port unreachable must land on the socket's error queue when IP_RECVERR
 * is on (with the sock_extended_err Linux gives, the offender and the
 * original destination), set the socket error of a connected socket
 * without it, and do neither otherwise. Run where cnet owns LOCAL/24 and
 * Linux answers at PEER:
 *
 *	icmp_err LOCAL PEER
 *
 * Prints one "ok"/"not ok" line per check and exits 1 if any failed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/cnet.h>

#include "check.h"
#include <linux/errqueue.h>

static struct sockaddr_cnet addr(const char *ip)
{
	struct sockaddr_cnet sa = { .scn_family = AF_CUSTOM };

	if (inet_pton(AF_INET, ip, &sa.scn_addr) != 1) {
		fprintf(stderr, "bad address %s\n", ip);
		exit(2);
	}
	return sa;
}

static int raw_udp(void)
{
	int fd = socket(AF_CUSTOM, SOCK_RAW, IPPROTO_UDP);

	if (fd < 0) {
		perror("socket(AF_CUSTOM, SOCK_RAW, IPPROTO_UDP)");
		exit(1);
	}
	return fd;
}

/* A UDP datagram from port 40000 to port 9 (discard, closed): header+data */
static const unsigned char dgram[] = {
	0x9c, 0x40, 0x00, 0x09, 0x00, 0x0d, 0x00, 0x00,	/* no checksum */
	'h', 'e', 'l', 'l', 'o',
};

static int send_dgram(int fd, const struct sockaddr_cnet *to)
{
	return sendto(fd, dgram, sizeof(dgram), 0, (const struct sockaddr *)to,
		      to ? sizeof(*to) : 0) == (ssize_t)sizeof(dgram);
}

/* poll for @ms; return revents */
static int wait_events(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, ms) < 0)
		return -1;
	return p.revents;
}

static int so_error(int fd)
{
	socklen_t len = sizeof(int);
	int err = -1;

	getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
	return err;
}

int main(int argc, char **argv)
{
	struct {
		struct sock_extended_err ee;
		struct sockaddr_cnet offender;
	} eh;
	struct sockaddr_cnet peer, to;
	char buf[2048], cbuf[256];
	int fd, val, ev, found;
	struct cmsghdr *cm;
	struct msghdr mh;
	struct iovec iov;
	socklen_t slen;
	ssize_t r;

	if (argc != 3) {
		fprintf(stderr, "usage: %s LOCAL PEER\n", argv[0]);
		return 2;
	}
	peer = addr(argv[2]);
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* without IP_RECVERR, unconnected: nothing at all */
	fd = raw_udp();
	slen = sizeof(val);
	CHECK(getsockopt(fd, IPPROTO_IP, IP_RECVERR, &val, &slen) == 0 &&
	      val == 0, "IP_RECVERR is off by default");
	CHECK(send_dgram(fd, &peer), "send a datagram to a closed port");
	ev = wait_events(fd, 1500);
	CHECK(ev == 0, "no event without IP_RECVERR (revents %#x)", ev);
	errno = 0;
	CHECK(recv(fd, buf, sizeof(buf), MSG_ERRQUEUE | MSG_DONTWAIT) < 0 &&
	      errno == EAGAIN, "nothing on the error queue (%s)",
	      strerror(errno));
	CHECK(so_error(fd) == 0, "no socket error");

	/* with IP_RECVERR */
	CHECK(setsockopt(fd, IPPROTO_IP, IP_RECVERR, &(int){ 1 },
			 sizeof(int)) == 0, "IP_RECVERR on");
	slen = sizeof(val);
	CHECK(getsockopt(fd, IPPROTO_IP, IP_RECVERR, &val, &slen) == 0 &&
	      val == 1, "IP_RECVERR reads back 1");
	CHECK(send_dgram(fd, &peer), "send again");
	ev = wait_events(fd, 5000);
	CHECK(ev > 0 && (ev & POLLERR), "poll says POLLERR (revents %#x)", ev);

	memset(&mh, 0, sizeof(mh));
	memset(&to, 0, sizeof(to));
	iov.iov_base = buf;
	iov.iov_len = sizeof(buf);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	mh.msg_control = cbuf;
	mh.msg_controllen = sizeof(cbuf);
	r = recvmsg(fd, &mh, MSG_ERRQUEUE | MSG_DONTWAIT);
	CHECK(r == (ssize_t)sizeof(dgram) && !memcmp(buf, dgram, sizeof(dgram)),
	      "the data is our datagram, from the UDP header (len %zd)", r);
	CHECK(mh.msg_flags & MSG_ERRQUEUE, "MSG_ERRQUEUE in msg_flags");
	CHECK(mh.msg_namelen == sizeof(to) && to.scn_family == AF_CUSTOM &&
	      to.scn_addr == peer.scn_addr,
	      "msg_name is the original destination");
	found = 0;
	for (cm = CMSG_FIRSTHDR(&mh); cm; cm = CMSG_NXTHDR(&mh, cm)) {
		if (cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_RECVERR &&
		    cm->cmsg_len >= CMSG_LEN(sizeof(eh))) {
			memcpy(&eh, CMSG_DATA(cm), sizeof(eh));
			found = 1;
		}
	}
	CHECK(found, "an IP_RECVERR control message");
	CHECK(found && eh.ee.ee_errno == ECONNREFUSED,
	      "ee_errno ECONNREFUSED (got %s)", strerror(eh.ee.ee_errno));
	CHECK(found && eh.ee.ee_origin == SO_EE_ORIGIN_ICMP,
	      "ee_origin SO_EE_ORIGIN_ICMP (got %u)", eh.ee.ee_origin);
	CHECK(found && eh.ee.ee_type == ICMP_DEST_UNREACH &&
	      eh.ee.ee_code == ICMP_PORT_UNREACH,
	      "type 3 code 3 (got %u/%u)", eh.ee.ee_type, eh.ee.ee_code);
	CHECK(found && eh.offender.scn_family == AF_CUSTOM &&
	      eh.offender.scn_addr == peer.scn_addr,
	      "the offender is the peer");
	errno = 0;
	CHECK(recv(fd, buf, sizeof(buf), MSG_ERRQUEUE | MSG_DONTWAIT) < 0 &&
	      errno == EAGAIN, "then the error queue is empty");
	CHECK(so_error(fd) == 0, "and no socket error remains");
	CHECK(wait_events(fd, 0) == 0, "nor a poll event");

	/* turning IP_RECVERR off drops what waits */
	CHECK(send_dgram(fd, &peer), "send a third time");
	ev = wait_events(fd, 5000);
	CHECK(ev > 0 && (ev & POLLERR), "POLLERR again (revents %#x)", ev);
	CHECK(setsockopt(fd, IPPROTO_IP, IP_RECVERR, &(int){ 0 },
			 sizeof(int)) == 0, "IP_RECVERR off");
	errno = 0;
	CHECK(recv(fd, buf, sizeof(buf), MSG_ERRQUEUE | MSG_DONTWAIT) < 0 &&
	      errno == EAGAIN, "the queued error was dropped");
	so_error(fd);	/* the error set with it */
	close(fd);

	/* connected, without IP_RECVERR: a hard error sets the socket error */
	fd = raw_udp();
	CHECK(connect(fd, (struct sockaddr *)&peer, sizeof(peer)) == 0,
	      "connect a raw UDP socket to the peer");
	CHECK(send_dgram(fd, NULL), "send() connected");
	ev = wait_events(fd, 5000);
	CHECK(ev > 0 && (ev & POLLERR), "POLLERR (revents %#x)", ev);
	errno = 0;
	CHECK(recv(fd, buf, sizeof(buf), MSG_DONTWAIT) < 0 &&
	      errno == ECONNREFUSED, "recv() reports ECONNREFUSED (%s)",
	      strerror(errno));
	errno = 0;
	CHECK(recv(fd, buf, sizeof(buf), MSG_ERRQUEUE | MSG_DONTWAIT) < 0 &&
	      errno == EAGAIN, "nothing was queued");
	close(fd);
	return failed;
}
