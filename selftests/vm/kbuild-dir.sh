#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path to give Kbuild as M= for the repository: its own, or, when
# that has a space or a colon (Kbuild splits M= on them: "building multiple
# external modules is not supported"), a symbolic link to it whose path has
# none: $CNET_CACHE/links/HASH (default /var/cache/cnet), else
# ${TMPDIR:-/tmp}/cnet-links-UID/HASH, HASH being the repository path's. The
# objects are still written in the repository, through the link.
#
#   kbuild-dir.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/../.." && pwd -P)

case $repo in
*[[:space:]:]*) ;;
*) echo "$repo"; exit 0 ;;
esac

hash=$(printf %s "$repo" | sha256sum | cut -c1-16)
for dir in "${CNET_CACHE:-/var/cache/cnet}/links" \
	   "${TMPDIR:-/tmp}/cnet-links-$(id -u)"; do
	case $dir in *[[:space:]:]*) continue ;; esac
	{ mkdir -p "$dir" && [ -w "$dir" ]; } 2>/dev/null || continue
	# Ours alone: a link another user made could point anywhere.
	[ -O "$dir" ] || continue
	ln -sfn "$repo" "$dir/$hash"
	echo "$dir/$hash"
	exit 0
done
echo "kbuild-dir: no place for a link without spaces to $repo" >&2
exit 1
