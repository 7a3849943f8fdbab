#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test VM runs from a clone anywhere (make check runs this): clone the
# repository (git clone --shared, the working tree's selftests/vm/ copied
# on top) into a new directory under /tmp whose name has spaces, boot the
# VM from there on kernel KDIR, and check that the guest runs the command
# in the repository, mounted at its fixed path and at its host path (a
# tmpfs covers /tmp in the guest), that what it writes reaches the clone on
# the host, and that Kbuild is given a path without spaces for the clone.
# One short VM boot (no module loaded, no kmemleak scans).
#
#   check-anywhere.sh KDIR [PARENT]    (PARENT: where to clone, default /tmp)
#
# Exit status: 0 when every check passed.
set -u

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "usage: $0 KDIR [PARENT]" >&2
	exit 2
fi
kdir=$1
parent=${2:-/tmp}

fails=0
ok() { echo "ok - $*"; }
notok() { echo "not ok - $*"; fails=$((fails + 1)); }

clone=$(mktemp -d "$parent/cnet path test.XXXXXX") || exit 1
trap 'rm -rf "$clone"' EXIT
if ! git clone -q --shared "$repo" "$clone" 2>&1; then
	notok "git clone --shared into \"$clone\""
	exit 1
fi
cp "$here"/*.sh "$here/fstab" "$clone/selftests/vm/"

# Kbuild's M=: a path without spaces that is the clone
m=$("$clone/selftests/vm/kbuild-dir.sh")
if [ "${m//[[:space:]]/}" = "$m" ] && [ "$(cd "$m" && pwd -P)" = "$clone" ]; then
	ok "kbuild-dir.sh: $m is the clone"
else
	notok "kbuild-dir.sh gave \"$m\" for \"$clone\""
fi

# In the guest: run from the fixed mount, the clone at its host path too,
# the same directory, and writable.
cmd="test \"\$PWD\" = /run/cnet-repo && test -f selftests/lib.sh &&"
cmd+=" test -f $(printf %q "$clone")/selftests/lib.sh &&"
cmd+=" test \"\$(stat -c %i .)\" = \"\$(stat -c %i $(printf %q "$clone"))\" &&"
cmd+=" echo guest-ok > .vm/anywhere"
VM_KMEMLEAK=0 VM_QUIET=1 VM_TIMEOUT=${VM_TIMEOUT:-600} \
	VM_APPEND="cnet_bootscan=0 ${VM_APPEND:-}" \
	"$clone/selftests/vm/run.sh" "$kdir" -- "$cmd"
rc=$?
if [ $rc -eq 0 ]; then
	ok "the VM ran the command from \"$clone\""
else
	notok "the VM from \"$clone\" (run.sh exit status $rc)"
	tail -n 20 "$clone/.vm/console.log" 2>/dev/null | sed 's/^/# /'
fi
if [ "$(cat "$clone/.vm/anywhere" 2>/dev/null)" = guest-ok ]; then
	ok "what the guest wrote is in the clone"
else
	notok "what the guest wrote is not in the clone"
fi
[ $fails -eq 0 ]
