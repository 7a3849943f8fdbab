// SPDX-License-Identifier: GPL-2.0
/*
 * Duplicate address detection's pure part. See dad.h, and the architecture
 * document's "Address conflict detection" for why an optimistic address
 * does what it does.
 */
#include <linux/errno.h>
#include <linux/jiffies.h>

#include <linux/cnet.h>
#include "dad.h"

/* Detection runs (with or without use meanwhile) */
#define CNET_DAD_PROBING	(CNET_IFA_F_TENTATIVE | CNET_IFA_F_OPTIMISTIC)

/**
 * cnet_dad_add_flags - the flags a new address starts with
 * @req: what ADDR_ADD asked for: 0, CNET_IFA_F_NODAD or CNET_IFA_F_DAD
 * @flags: set to the address's flags
 *
 * By default detection is optimistic (RFC 4429's idea for IPv4): the
 * address is usable while it probes. NODAD skips detection, DAD waits for
 * it (the address is not used until the probes are over).
 *
 * Return: 0, or -EINVAL when both NODAD and DAD are asked for.
 */
int cnet_dad_add_flags(u32 req, u32 *flags)
{
	switch (req & (CNET_IFA_F_NODAD | CNET_IFA_F_DAD)) {
	case 0:
		*flags = CNET_DAD_PROBING;
		return 0;
	case CNET_IFA_F_NODAD:
		*flags = 0;
		return 0;
	case CNET_IFA_F_DAD:
		*flags = CNET_IFA_F_TENTATIVE;
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * May an address with @flags be used: local for input, answered in ARP, a
 * source? Not once it failed; not while it probes, unless optimistic.
 */
bool cnet_dad_usable(u32 flags)
{
	if (flags & CNET_IFA_F_DADFAILED)
		return false;
	return !(flags & CNET_IFA_F_TENTATIVE) ||
	       (flags & CNET_IFA_F_OPTIMISTIC);
}

/*
 * Usable and not optimistic: source selection prefers such an address to
 * an optimistic one (RFC 4429 treats an optimistic address as deprecated:
 * a source only when nothing better is there).
 */
bool cnet_dad_preferred(u32 flags)
{
	return !(flags & (CNET_DAD_PROBING | CNET_IFA_F_DADFAILED));
}

/**
 * cnet_dad_tick - what the probe timer does next
 * @flags: the address's flags
 * @sent: probes sent so far
 * @probes: probes to send in all (dad_probes)
 *
 * RFC 5227 2.1.1: PROBE_NUM probes PROBE_MIN..PROBE_MAX apart, then
 * ANNOUNCE_WAIT; with no conflict the address is then in use. The caller
 * counts a probe in @sent when it sends one.
 */
enum cnet_dad_step cnet_dad_tick(u32 flags, unsigned int sent,
				 unsigned int probes)
{
	if (!(flags & CNET_IFA_F_TENTATIVE) || (flags & CNET_IFA_F_DADFAILED))
		return CNET_DAD_STOP;
	if (sent >= probes)
		return CNET_DAD_DONE;
	return sent + 1 < probes ? CNET_DAD_PROBE : CNET_DAD_PROBE_LAST;
}

/* The flags of an address whose probes found no conflict: in use. */
u32 cnet_dad_done_flags(u32 flags)
{
	return flags & ~CNET_DAD_PROBING;
}

/**
 * cnet_dad_claim - what an ARP packet claiming an address means
 * @flags: the address's flags
 * @probe: the packet is a probe for it (a request from sender 0.0.0.0);
 *	else it has the address as its sender IP (from another MAC)
 * @defended: jiffies of the address's last defence, 0 for never
 * @now: jiffies now
 * @interval: DEFEND_INTERVAL, in jiffies
 *
 * RFC 5227 2.1.1: while the address probes, either packet means another
 * host has it, or wants it as well: detection failed. That holds for an
 * optimistic address too, which never defends (RFC 4429: an optimistic
 * address must not override another's): it gives the address up.
 * 2.4 (b): an address in use that hears its address as a sender defends
 * it, at most once per @interval; a probe for it is answered as a request.
 * A failed address is not ours: nothing about it is a claim.
 */
enum cnet_dad_claim cnet_dad_claim(u32 flags, bool probe,
				   unsigned long defended, unsigned long now,
				   unsigned long interval)
{
	if (flags & CNET_IFA_F_DADFAILED)
		return CNET_DAD_IGNORE;
	if (flags & CNET_IFA_F_TENTATIVE)
		return CNET_DAD_FAIL;
	if (probe)
		return CNET_DAD_IGNORE;
	if (!defended || time_after_eq(now, defended + interval))
		return CNET_DAD_DEFEND;
	return CNET_DAD_CONFLICT;
}

/* The flags of an address another host has: failed, no longer probing. */
u32 cnet_dad_failed_flags(u32 flags)
{
	return (flags & ~CNET_DAD_PROBING) | CNET_IFA_F_DADFAILED;
}
