// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz target: the token buckets of module/ratelimit.c, driven by a
 * stream of clock ticks (from a start near the jiffies wrap). The input:
 * a rate (u16 jiffies a token, or tokens a second), a burst (u8), then
 * u16 ticks, each followed by one call.
 *
 * cnet_tb_allow(): never more than burst + (elapsed / rate) tokens given
 * over the whole stream (from its first call); a call at least one rate
 * after the previous one always gets a token; cnet_tb_level() tells
 * beforehand whether a call gets one, and one fewer after it did.
 * cnet_tb_ps_ready()/cnet_tb_take(): never more than burst + (elapsed +
 * calls) * per_sec / HZ tokens (each refill may round its time down by
 * less than a jiffy); a bucket never holds more than its burst.
 */
#include "../fuzz.h"

#include "../../module/ratelimit.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = fuzz_in(data, size);
	bool per_sec = fuzz_u8(&in) & 1;
	u32 rate = fuzz_u16(&in) + 1;
	u32 burst = fuzz_u8(&in) + 1;
	unsigned long start = -5000UL, now = start, prev = start;
	struct cnet_tb tb = { 0 };
	u64 given = 0, calls = 0;

	while (in.left >= 2) {
		u16 delta = fuzz_u16(&in);
		bool ok;

		now += delta;
		calls++;
		if (!per_sec) {
			u32 level = cnet_tb_level(&tb, now, rate, burst);

			FUZZ_CHECK(level <= burst);
			ok = cnet_tb_allow(&tb, now, rate, burst);
			FUZZ_CHECK(ok == (level > 0));
			if (ok)
				FUZZ_CHECK(cnet_tb_level(&tb, now, rate,
							 burst) == level - 1);
			if (calls > 1 && now - prev >= rate)
				FUZZ_CHECK(ok);
			given += ok;
			FUZZ_CHECK(given <= burst + (now - start) / rate);
		} else {
			ok = cnet_tb_ps_ready(&tb, now, rate, burst);
			if (ok) {
				u32 t = tb.tokens;

				cnet_tb_take(&tb);
				FUZZ_CHECK(tb.tokens == t - 1);
			}
			given += ok;
			FUZZ_CHECK(given <= burst + ((u64)(now - start) +
						     calls) * rate / HZ);
		}
		FUZZ_CHECK(tb.tokens <= burst);
		prev = now;
	}
	return 0;
}
