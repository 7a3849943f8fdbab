#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# debian-kernel.sh HEADERS_DIR: make Debian's own kernel of those headers
# (linux-image-VERSION, as a Debian 12 user runs it) bootable by run.sh,
# and print the directory run.sh takes as its KDIR.
#
# The package is fetched with apt-get download and unpacked, never
# installed: the host's /boot and /lib/modules stay as they are. In the
# directory, cached under /var/cache/cnet/debian-VERSION:
#   arch/x86/boot/bzImage  the package's vmlinuz (run.sh's path)
#   lib/modules/VERSION/   its modules, with depmod's indexes
#   initrd.img             busybox (static) and the modules that mount the
#                          root share: Debian builds 9p and virtio_pci as
#                          modules, where the test kernel has them built
#                          in. Its /init mounts the root as run.sh asks,
#                          binds lib/modules over the guest's /lib/modules
#                          (so that modprobe finds this kernel's) and
#                          goes on to the init= run.sh gave.
#   build                  a link to HEADERS_DIR (build-module.sh KDIR)
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 HEADERS_DIR" >&2; exit 2; }
hdr=$(cd "$1" && pwd)
# /usr/src/linux-headers-6.1.0-57-amd64 -> 6.1.0-57-amd64
ver=${hdr##*/linux-headers-}
[ "$ver" != "$hdr" ] || { echo "debian-kernel: $hdr is not a linux-headers-VERSION directory" >&2; exit 2; }
out=/var/cache/cnet/debian-$ver
if [ -f "$out/initrd.img" ]; then
	echo "$out"
	exit 0
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"	# apt-get download writes as _apt
(cd "$tmp" && apt-get download -q "linux-image-$ver" busybox-static) >&2 ||
	{ echo "debian-kernel: cannot download linux-image-$ver" >&2; exit 1; }
mkdir -p "$tmp/image" "$tmp/bb" "$tmp/initrd/bin" "$tmp/initrd/m"
dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/image"
dpkg-deb -x "$tmp"/busybox-static_*.deb "$tmp/bb"
depmod -b "$tmp/image" "$ver"

# the root share's modules, in load order (modprobe's, dependencies first;
# their paths are in $tmp/image)
mods=()
for m in virtio_pci 9pnet_virtio 9p; do
	while read -r _ path; do
		mods+=("$path")
	done < <(modprobe -d "$tmp/image" -S "$ver" --show-depends "$m" |
		 grep '^insmod ')
done
cp "$tmp/bb/bin/busybox" "$tmp/initrd/bin/"
list=
for path in "${mods[@]}"; do
	name=$(basename "$path")
	case " $list " in *" $name "*) continue ;; esac
	cp "$path" "$tmp/initrd/m/$name"
	list+=${list:+ }$name
done

cat > "$tmp/initrd/init" <<EOF
#!/bin/busybox sh
# cnet's: mount the root share and go on to run.sh's init= (debian-kernel.sh)
/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /dev /newroot
mount -t proc proc /proc
mount -t devtmpfs dev /dev
for m in $list; do insmod /m/\$m || echo "initrd: insmod \$m failed" > /dev/kmsg; done
init=\$(sed -n 's/.* init="\\([^"]*\\)".*/\\1/p' /proc/cmdline)
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose,ro rootfs /newroot ||
	echo "initrd: cannot mount the root share" > /dev/kmsg
mount --bind /newroot$out/lib/modules /newroot/lib/modules
umount /dev /proc
exec switch_root /newroot "\$init"
EOF
chmod +x "$tmp/initrd/init"

mkdir -p "$tmp/out/arch/x86/boot" "$tmp/out/lib"
cp "$tmp/image/boot/vmlinuz-$ver" "$tmp/out/arch/x86/boot/bzImage"
cp "$tmp/image/boot/config-$ver" "$tmp/out/.config"
mv "$tmp/image/lib/modules" "$tmp/out/lib/"
ln -s "$hdr" "$tmp/out/build"
(cd "$tmp/initrd" && find . | cpio -o -H newc --quiet | gzip -1) > "$tmp/out/initrd.img"
rm -rf "$out"
mkdir -p "$(dirname "$out")"
mv "$tmp/out" "$out"
echo "$out"
