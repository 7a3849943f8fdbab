/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Duplicate address detection's pure part (RFC 5227, with RFC 4429's
 * optimistic rules): what an address's CNET_IFA_F_* flags start as, what
 * they let it do, what the probe timer does next and what an ARP packet
 * claiming the address means. Functions of values, no skb, no device, no
 * lock, so that KUnit tests every case (tests/dad_test.c); arp.c keeps the
 * state under the address's dad_lock and acts on the answers.
 *
 * The states, as flags:
 *   0				in use (detection over, or nodad)
 *   TENTATIVE | OPTIMISTIC	probing, usable meanwhile (the default)
 *   TENTATIVE			probing, not usable until it ends ("dad")
 *   DADFAILED			another host has it: never used again
 */
#ifndef _CNET_DAD_H
#define _CNET_DAD_H

#include <linux/types.h>

/* The probe timer's next step (cnet_dad_tick()). */
enum cnet_dad_step {
	CNET_DAD_STOP,		/* not probing (failed, or over): nothing */
	CNET_DAD_PROBE,		/* send a probe, the next in PROBE_MIN..MAX */
	CNET_DAD_PROBE_LAST,	/* send the last probe, then ANNOUNCE_WAIT */
	CNET_DAD_DONE,		/* no conflict: in use, announce it */
};

/* What an ARP packet from another host about the address means. */
enum cnet_dad_claim {
	CNET_DAD_IGNORE,	/* no claim: handle the packet as usual */
	CNET_DAD_FAIL,		/* detection failed: stop using the address */
	CNET_DAD_CONFLICT,	/* a claim on an address in use: not learnt */
	CNET_DAD_DEFEND,	/* ...and defended with an announcement */
};

int cnet_dad_add_flags(u32 req, u32 *flags);
bool cnet_dad_usable(u32 flags);
bool cnet_dad_preferred(u32 flags);
enum cnet_dad_step cnet_dad_tick(u32 flags, unsigned int sent,
				 unsigned int probes);
u32 cnet_dad_done_flags(u32 flags);
enum cnet_dad_claim cnet_dad_claim(u32 flags, bool probe,
				   unsigned long defended, unsigned long now,
				   unsigned long interval);
u32 cnet_dad_failed_flags(u32 flags);

#endif /* _CNET_DAD_H */
