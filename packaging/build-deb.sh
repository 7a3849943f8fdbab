#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: the Debian packages cnet-dkms (the module's sources, built by
# DKMS for each kernel) and cnet-tools (the tools and the man pages), with
# debhelper and dh-dkms, then lintian on them.
#
#   packaging/build-deb.sh [OUTDIR]     (default: build/ in the clone)
#
# The packages' version is the VERSION file's, and when the clone is a git
# checkout that is not at the tag vVERSION, +gitDATE.COUNT.HASH after it
# (the commit's date and the number of commits since the tag, or since the
# first commit without one: a later commit sorts later). The sources are
# staged in OUTDIR/cnet-VERSION/ (the files git knows, or every file when
# this is no git checkout) with packaging/debian/ as debian/, and
# dpkg-buildpackage builds them there; the .deb files land in OUTDIR.
# Lintian must report no error and no warning (overrides, each with its
# reason, are in packaging/debian/*.lintian-overrides).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
out=$(realpath -m "${1:-$repo/build}")
cd "$repo"

base=$(cat VERSION)
conf=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' dkms.conf)
if [ "$conf" != "$base" ]; then
	echo "deb: dkms.conf's PACKAGE_VERSION ($conf) is not VERSION's ($base)" >&2
	exit 1
fi
version=$base
git=0
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
	git=1
	# commits since the tag vVERSION, or since the first commit
	count=$(git rev-list --count "v$base..HEAD" 2> /dev/null ||
		git rev-list --count HEAD)
	if [ "$count" -gt 0 ]; then
		version+="+git$(git log -1 --format=%cd --date=format:%Y%m%d)"
		version+=".$count.$(git rev-parse --short=7 HEAD)"
	fi
fi
# The one who builds them, as dch would name them, else the last commit's
# author, else a placeholder (.invalid: no such address; lintian refuses
# root@).
maint="${DEBFULLNAME:-} <${DEBEMAIL:-}>"
if [ -z "${DEBFULLNAME:-}" ] || [ -z "${DEBEMAIL:-}" ]; then
	maint=$([ $git = 1 ] && git log -1 --format='%an <%ae>' || true)
fi
maint=${maint:-cnet developers <cnet@users.noreply.invalid>}

stage=$out/cnet-$version
rm -rf "$stage"
mkdir -p "$stage"
if [ $git = 1 ]; then
	# tracked files and new ones not ignored, as they are in the tree
	git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			[ -f "$f" ] && printf '%s\0' "$f"
		done | xargs -0 cp --parents -t "$stage"
else
	# without what a build left
	tar -C "$repo" --exclude=./build --exclude=./.vm --exclude=./.git \
		--exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='.*.cmd' --exclude=modules.order \
		--exclude=Module.symvers -cf - . | tar -C "$stage" -xf -
fi
rm -rf "$stage/debian"
cp -r packaging/debian "$stage/debian"
sed -i "s|@MAINTAINER@|$maint|" "$stage/debian/control"
# dh_dkms -V sets the version where dkms.conf says #MODULE_VERSION#.
sed 's/^PACKAGE_VERSION=.*/PACKAGE_VERSION="#MODULE_VERSION#"/' dkms.conf \
	> "$stage/debian/cnet-dkms.dkms"
{
	echo "cnet ($version) unstable; urgency=medium"
	echo
	if [ $git = 1 ]; then
		echo "  * Built from commit $(git rev-parse --short=12 HEAD)."
	else
		echo "  * Built from a source tree."
	fi
	echo
	echo " -- $maint  $(date -R)"
} > "$stage/debian/changelog"

echo "deb: building cnet $version in $stage" >&2
(cd "$stage" && dpkg-buildpackage -b -us -uc) > "$out/cnet_$version.build.log" 2>&1 || {
	tail -n 30 "$out/cnet_$version.build.log" >&2
	echo "deb: dpkg-buildpackage failed (log: $out/cnet_$version.build.log)" >&2
	exit 1
}
arch=$(dpkg --print-architecture)
debs=("$out/cnet-dkms_${version}_all.deb" "$out/cnet-tools_${version}_$arch.deb")
ls -l "${debs[@]}" >&2

echo "deb: lintian" >&2
lint=$(lintian --fail-on error,warning --info "$out/cnet_${version}_$arch.changes" 2>&1) || {
	echo "$lint" >&2
	echo "deb: lintian reports errors or warnings" >&2
	exit 1
}
# (lintian run as root says it is not recommended: the builds are root's)
lint=$(grep -v '^running with root privileges' <<< "$lint" || true)
[ -z "$lint" ] || echo "$lint" >&2
printf '%s\n' "${debs[@]}"
