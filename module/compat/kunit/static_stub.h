/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Before 6.3: KUNIT_STATIC_STUB_REDIRECT() as <kunit/static_stub.h>
 * defines it without CONFIG_KUNIT, a no-op (see ../../compat.h). cnet's
 * KUnit suites need a kernel that has the header.
 */
#ifndef _CNET_COMPAT_KUNIT_STATIC_STUB_H
#define _CNET_COMPAT_KUNIT_STATIC_STUB_H
#if IS_ENABLED(CONFIG_KUNIT)
#error "cnet's KUnit suites need <kunit/static_stub.h> (Linux 6.3)"
#endif
#define KUNIT_STATIC_STUB_REDIRECT(real_fn_name, args...) ((void)(real_fn_name))
#endif
