/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Before 6.2: VISIBLE_IF_KUNIT as <kunit/visibility.h> defines it without
 * CONFIG_KUNIT (see ../../compat.h). cnet's KUnit suites need a kernel
 * that has the header.
 */
#ifndef _CNET_COMPAT_KUNIT_VISIBILITY_H
#define _CNET_COMPAT_KUNIT_VISIBILITY_H
#if IS_ENABLED(CONFIG_KUNIT)
#error "cnet's KUnit suites need <kunit/visibility.h> (Linux 6.2)"
#endif
#define VISIBLE_IF_KUNIT static
#endif
