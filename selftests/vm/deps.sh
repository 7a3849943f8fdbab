#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages a step of the build needs, when missing.
# Usage: deps.sh GROUP...   (groups: kernel vm tools tests lint man ynl
#                            fuzz headers-6.1 deb)
set -euo pipefail

declare -A pkgs=(
	[kernel]="linux-source-6.12 gcc make flex bison bc libelf-dev libssl-dev cpio xz-utils kmod"
	[vm]="qemu-system-x86"
	[tools]="gcc make pkg-config libmnl-dev"
	[tests]="iproute2 iputils-ping tcpdump traceroute python3 util-linux kmod procps socat netcat-openbsd python3-scapy dnsmasq-base curl wget iperf3 nginx-light bind9-dnsutils apache2-utils openssh-client openssh-server ethtool python3-yaml python3-jsonschema libpython3.11-testsuite"
	[lint]="sparse perl"
	[man]="mandoc groff-base"
	# the netlink spec's checks with the kernel's ynl (make -C tools check)
	[ynl]="python3 python3-yaml python3-jsonschema"
	# clang with its libFuzzer and sanitizer runtimes (libclang-rt-dev:
	# the installed clang's version), llvm-symbolizer for readable reports
	[fuzz]="clang libclang-rt-dev llvm make python3"
	# Debian 12's own kernel headers (6.1): make compat-check
	[headers-6.1]="linux-headers-amd64 make gcc"
	# make deb: the packages' build and their lint
	[deb]="debhelper dh-dkms dpkg-dev fakeroot lintian pkg-config libmnl-dev"
)

want=()
for g in "$@"; do
	[ -n "${pkgs[$g]+x}" ] || { echo "deps.sh: unknown group $g" >&2; exit 2; }
	for p in ${pkgs[$g]}; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || want+=("$p")
	done
done
[ ${#want[@]} -eq 0 ] && exit 0

echo "deps: installing ${want[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages: ${want[*]}; run as root or install them" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends "${want[@]}" >/dev/null 2>&1; then
	apt-get update >/dev/null 2>&1 || true
	apt-get install -y --no-install-recommends "${want[@]}" >&2 || {
		echo "deps: could not install: ${want[*]}" >&2
		exit 1
	}
fi
