/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cnet-nc's pieces that need no socket: the command line (OpenBSD nc's
 * flags) and how addresses are written in its messages. tests/nc-test.c
 * drives them offline.
 */
#ifndef CNET_TOOLS_NC_H
#define CNET_TOOLS_NC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <netinet/in.h>

#include "util.h"

/* The largest UDP payload over IPv4: 65535 - 20 (IP) - 8 (UDP). */
#define NC_MAX_DGRAM		65507

/* Exit statuses, OpenBSD nc's: 0 success, 1 failure, 2 usage. */
#define NC_EXIT_FAIL		EXIT_ERR

struct nc_opts {
	bool udp;		/* -u; else TCP */
	bool listen;		/* -l */
	bool keep;		/* -k: listen for more peers */
	bool shut;		/* -N: shutdown(SHUT_WR) after EOF on stdin */
	bool zero;		/* -z: only probe */
	bool verbose;		/* -v */
	int64_t timeout;	/* -w, ns; 0: none */
	uint32_t src;		/* -s, or listen's HOST, be32; INADDR_ANY */
	int sport;		/* -p, or listen's PORT; -1: none */
	uint32_t dst;		/* be32; connecting only */
	uint16_t port_lo;	/* the destination ports, host order */
	uint16_t port_hi;	/* (a range with -z) */
};

/*
 * Parse the command line into @o. Returns 0, -1 after printing the help
 * for -h, or EXIT_USAGE after printing the error to @err (with the usage).
 *   connect: cnet-nc [-uvzN] [-s ADDR] [-p PORT] [-w SECS] HOST PORT[-PORT]
 *   listen:  cnet-nc -l [-uvkN] [-w SECS] [-s ADDR] [-p PORT] [HOST] [PORT]
 */
int nc_parse_args(struct nc_opts *o, int argc, char **argv, FILE *err);
void nc_usage(FILE *fp);

/* "A.B.C.D:PORT" of @addr (be32) and @port (host order) in @buf. */
#define NC_ADDRPORT_LEN		(INET_ADDRSTRLEN + 6)
char *nc_addrport(char *buf, uint32_t addr, uint16_t port);

#endif /* CNET_TOOLS_NC_H */
