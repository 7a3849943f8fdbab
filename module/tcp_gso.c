// SPDX-License-Identifier: GPL-2.0
/*
 * TCP's large segments, pure (tcp_gso.h): the size goal of a send-queue
 * skb and the split point of one the windows do not take whole.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>

#include "tcp_gso.h"
#include "tcp_hdr.h"

/**
 * cnet_tcp_mss_for_window - the segment size to send with
 * @mss: the MSS the path and the peer allow, > 0
 * @max_window: the largest window the peer offered, 0 if none yet
 *
 * A peer whose window is small gets segments of half of it (all of it
 * when it is no more than the default 536), so that it takes two, and
 * a window smaller than one MSS does not stop the sender: sender-side
 * silly-window avoidance (cnet_tcp_send_len()) sends only whole
 * segments. As Linux's tcp_bound_to_half_wnd(), which tcp_sync_mss()
 * applies each time the peer's largest window grows.
 *
 * Return: @mss, or less for a small window (never below
 * CNET_TCP_MIN_SND_MSS).
 */
u32 cnet_tcp_mss_for_window(u32 mss, u32 max_window)
{
	u32 cutoff = max_window > 536 ? max_window / 2 : max_window;

	if (cutoff && mss > cutoff)
		return min(mss, max_t(u32, cutoff, CNET_TCP_MIN_SND_MSS));
	return mss;
}

/**
 * cnet_tcp_size_goal_of - how many bytes a send-queue skb may carry
 * @mss: the MSS it is sent with, > 0
 * @gso_max_size: the largest GSO packet the route's device takes, the
 *	IPv4 header included (at most 65536: IPv4's total length is 16 bits)
 * @gso_max_segs: the most segments the device cuts one into, >= 1
 * @max_window: the largest window the peer offered, 0 if none yet
 *
 * As Linux's tcp_xmit_size_goal(): what fits @gso_max_size with the
 * largest headers, at most half the peer's largest window (so that a
 * window holds two; the whole window when it is a segment or less, as
 * tcp_bound_to_half_wnd()), at most @gso_max_segs segments, rounded down
 * to whole segments; never less than one MSS.
 *
 * Return: the goal in bytes, a multiple of @mss.
 */
u32 cnet_tcp_size_goal_of(u32 mss, u32 gso_max_size, u32 gso_max_segs,
			  u32 max_window)
{
	u32 goal;

	gso_max_size = min(gso_max_size, 65536U);
	goal = gso_max_size > CNET_TCP_GSO_HDR_MAX ?
	       gso_max_size - 1 - CNET_TCP_GSO_HDR_MAX : 0;
	if (max_window)
		goal = min(goal, max_window > mss ? max_window / 2 : max_window);
	goal = min_t(u64, goal, (u64)max(gso_max_segs, 1U) * mss);
	if (goal <= mss)
		return mss;
	return goal - goal % mss;
}

/**
 * cnet_tcp_send_len - how much of a queued skb to send now
 * @len: its data, in bytes (> 0)
 * @mss: the MSS, > 0
 * @room: what the windows take now (the peer's and the congestion
 *	window's, the smaller), in bytes
 * @max_segs: the most segments one GSO packet may carry, >= 1
 *
 * All of it when it fits @room and @max_segs; else as many whole
 * segments as fit (the rest waits, cut off: Linux's tcp_mss_split_point());
 * nothing when not even one segment fits (sender-side silly-window
 * avoidance, RFC 1122 4.2.3.4: a short segment goes only whole).
 *
 * Return: the bytes to send, 0 for none; @len, or a multiple of @mss
 * below @len.
 */
u32 cnet_tcp_send_len(u32 len, u32 mss, u32 room, u32 max_segs)
{
	u64 cap = min_t(u64, room, (u64)max(max_segs, 1U) * mss);

	if (len <= cap)
		return len;
	if (cap < mss)
		return 0;
	return cap - cap % mss;
}

/**
 * cnet_tcp_gso_segs - how many segments of @mss @len bytes make
 * @len: the data
 * @mss: the MSS, > 0
 *
 * Return: at least 1 (an empty segment is one).
 */
u32 cnet_tcp_gso_segs(u32 len, u32 mss)
{
	return len > mss ? DIV_ROUND_UP(len, mss) : 1;
}

/**
 * cnet_tcp_trim_at - where trimming the first @len bytes of fragments stops
 * @size: the fragments' sizes, in order
 * @n: how many
 * @len: the bytes acknowledged, at most their sum
 * @cut: set to the bytes to cut off the front of the fragment returned
 *
 * The fragments before the one returned go whole (an ACK frees them
 * without touching their bytes, as Linux's __pskb_trim_head()); the one
 * returned loses *@cut bytes from its front.
 *
 * Return: the index of the first fragment that stays, @n if none does.
 */
unsigned int cnet_tcp_trim_at(const u32 *size, unsigned int n, u32 len,
			      u32 *cut)
{
	unsigned int i;

	for (i = 0; i < n && len >= size[i]; i++)
		len -= size[i];
	*cut = i < n ? len : 0;
	return i;
}
