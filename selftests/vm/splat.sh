# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What a splat looks like in a kernel log: the one definition, sourced by
# vm/run.sh (which scans the whole run's logs and prints the report) and
# by run-tests.sh (which looks at each test's part of the log). Bash only.

# Patterns of kernel log lines that mean something went wrong (extended
# regular expressions, grep -E's and bash's [[ =~ ]] alike).
splat_re='BUG:|WARNING:|Oops|KASAN|possible recursive locking|circular locking'
splat_re+='|lockdep|refcount_t:|unreferenced object|general protection fault'
splat_re+='|UBSAN|soft lockup|self-detected stall|RCU stall|rcu_.*stall'
splat_re+='|ODEBUG|list_add corruption|list_del corruption|Kernel panic'
splat_re+='|kernel BUG|unregister_netdevice: waiting|ref_tracker:'
splat_re+='|blocked for more than|Call Trace:'
# Lines that match but are not splats (boot banners).
ignore_re='RCU lockdep checking is enabled|Lock dependency validator'

# splat_line LINE...: whether some LINE is a splat's, in the shell alone
# (no process: in the emulated VM each costs a tenth of a second or more).
splat_line() {
	local l IFS=$'\n'
	# all lines at once first: most logs have no match at all
	[[ "$*" =~ $splat_re ]] || return 1
	for l in "$@"; do
		[[ $l =~ $splat_re ]] && ! [[ $l =~ $ignore_re ]] && return 0
	done
	return 1
}
