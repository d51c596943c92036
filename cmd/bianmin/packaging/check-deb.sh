#!/usr/bin/env bash
# check-deb.sh VERSION [DIST]: checks the packages `make package` built, for
# real (`make package-check`; minutes, so not part of make test):
#   - both: dpkg-deb -I/-c, the fields and files every install needs;
#   - arm64: `file` says ARM aarch64, and it runs --help under qemu;
#   - amd64: installed with `apt install ./bianmin_…deb` into a fresh Debian
#     12 made by debootstrap (same mirror as this machine's apt), where
#     bianmin --help runs, the user and /var/lib/bianmin exist, the kiosk
#     unit passes `systemd-analyze verify` and is disabled, enabling it
#     works, and the unit's command under cage (headless) draws the kiosk
#     over the whole screen; then `apt remove` keeps the data file and
#     `apt purge` keeps it too while forgetting the unit's enablement.
# The fresh system is cached as a tarball in CHECK_DIR (default
# /var/tmp/bianmin-check) and unpacked anew for every run.
set -euo pipefail

version=${1:?usage: check-deb.sh VERSION [DIST]}
dist=$(cd "${2:-dist}" && pwd)
check=${CHECK_DIR:-/var/tmp/bianmin-check}
amd=$dist/bianmin_${version}_amd64.deb
arm=$dist/bianmin_${version}_arm64.deb
fails=0
pass() { echo "ok   $*"; }
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
expect() { # expect DESCRIPTION COMMAND...: the command must succeed
	local what=$1; shift
	if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

for deb in "$amd" "$arm"; do
	[ -f "$deb" ] || { echo "check-deb.sh: $deb is missing; run make package" >&2; exit 1; }
done

echo "== the packages"
for deb in "$amd" "$arm"; do
	arch=$(dpkg-deb -f "$deb" Architecture)
	echo "-- $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB, installed $(dpkg-deb -f "$deb" Installed-Size) KiB"
	dpkg-deb -I "$deb" | sed -n '/^ Package:/,$p'
	dpkg-deb -c "$deb" | awk '{print "   ", $1, $2, $3, $NF}'
	expect "$arch: version is $version" test "$(dpkg-deb -f "$deb" Version)" = "$version"
	depends=$(dpkg-deb -f "$deb" Depends)
	for d in libc6 libgl1 libx11-6 libxrandr2 libxcursor1 libxi6 cups-client espeak-ng adduser; do
		expect "$arch: Depends names $d" grep -qE "(^|, )$d( |,|$)" <<<"$depends"
	done
	recommends=$(dpkg-deb -f "$deb" Recommends)
	for r in cage xwayland cups printer-driver-escpr; do
		expect "$arch: Recommends names $r" grep -qE "(^|, )$r( |,|$)" <<<"$recommends"
	done
	files=$(dpkg-deb -c "$deb" | awk '{print $NF}')
	for f in ./usr/bin/bianmin ./usr/share/applications/org.bianmin.kiosk.desktop \
		./usr/share/icons/hicolor/512x512/apps/org.bianmin.kiosk.png ./usr/share/man/man1/bianmin.1.gz \
		./lib/systemd/system/bianmin-kiosk.service ./etc/pam.d/bianmin-kiosk ./etc/default/bianmin \
		./usr/share/doc/bianmin/copyright ./usr/share/doc/bianmin/fonts/LICENSE-Apache-2.0.txt; do
		expect "$arch: ships $f" grep -qxF "$f" <<<"$files"
	done
done

work=$(mktemp -d)
root=$check/root
cleanup() {
	for m in "$root/dev/shm" "$root/dev/pts" "$root/dev" "$root/sys" "$root/proc"; do
		mountpoint -q "$m" 2>/dev/null && umount -l "$m"
	done
	rm -rf "$work"
}
trap cleanup EXIT

echo "== the binaries"
dpkg-deb -x "$arm" "$work/arm"
dpkg-deb -x "$amd" "$work/amd"
farm=$(file -b "$work/arm/usr/bin/bianmin")
echo "arm64: $farm"
echo "amd64: $(file -b "$work/amd/usr/bin/bianmin")"
expect "arm64 binary is ARM aarch64" grep -q "ARM aarch64" <<<"$farm"
expect "amd64 binary is x86-64" grep -q "x86-64" <<<"$(file -b "$work/amd/usr/bin/bianmin")"
# Under qemu with this machine's arm64 libraries (multiarch): the binary
# loads libGL and libX11 and prints its usage (exit 2 for --help).
set +e
out=$(qemu-aarch64-static "$work/arm/usr/bin/bianmin" --help 2>&1)
rc=$?
set -e
echo "$out" | grep -v '^20..' | sed 's/^/    /' | head -4
expect "arm64 bianmin --help runs under qemu-aarch64-static (exit 2, usage)" test "$rc" = 2 -a -n "$(grep 用法 <<<"$out")"
if qemu-aarch64-static "$work/arm/usr/bin/bianmin" --version >"$work/v" 2>&1; then
	sed 's/^/    /' "$work/v"
	expect "arm64 bianmin --version says $version" grep -qF "$version" "$work/v"
fi

echo "== a fresh Debian 12: apt install ./$(basename "$amd")"
mirror=${MIRROR:-$(sed -n 's/^URIs: *\([^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror=${mirror:-$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null)}
mirror=${mirror:-http://deb.debian.org/debian}
mkdir -p "$check"
if [ ! -f "$check/bookworm.tar" ]; then
	echo "debootstrap --variant=minbase bookworm from $mirror (once; cached in $check/bookworm.tar)"
	rm -rf "$check/base"
	debootstrap --variant=minbase bookworm "$check/base" "$mirror" >"$check/debootstrap.log" 2>&1 ||
		{ tail -20 "$check/debootstrap.log"; exit 1; }
	tar -C "$check/base" -cf "$check/bookworm.tar" .
	rm -rf "$check/base"
fi
rm -rf "$root"
mkdir -p "$root"
tar -C "$root" -xf "$check/bookworm.tar"
mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
mount -t tmpfs -o mode=1777 shm "$root/dev/shm" # cage's buffers (shm_open)
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# No service starts in the chroot (cups would, from its postinst).
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
cp "$amd" "$root/tmp/"
inroot() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
log=$check/apt.log
inroot apt-get update -qq >"$log" 2>&1
if inroot apt-get install -y "/tmp/$(basename "$amd")" >>"$log" 2>&1; then
	pass "apt install ./$(basename "$amd") (with its Recommends)"
else
	fail "apt install ./$(basename "$amd")"
	tail -30 "$log"
	exit 1
fi
grep -E '^(The following NEW|[0-9]+ upgraded|Need to get|After this operation)' "$log" | sed 's/^/    /'
grep -E '^bianmin:' "$log" | sed 's/^/    /'
set +e
out=$(inroot bianmin --help 2>&1)
rc=$?
set -e
echo "$out" | grep -v '^20..' | sed 's/^/    /'
expect "bianmin --help runs in the chroot (exit 2, usage)" test "$rc" = 2 -a -n "$(grep 用法 <<<"$out")"
if inroot bianmin --version >"$work/v" 2>&1; then
	sed 's/^/    /' "$work/v"
	expect "bianmin --version says $version" grep -qF "$version" "$work/v"
fi
if grep -q doctor <<<"$out"; then
	echo "bianmin doctor (no screen, no printer here: some checks fail):"
	inroot runuser -u bianmin -- bianmin doctor --data /var/lib/bianmin/bianmin.db 2>&1 | sed 's/^/    /' || true
fi
for so in libGL.so.1 libX11.so.6 libXrandr.so.2 libXcursor.so.1 libXi.so.6 libXinerama.so.1 libXxf86vm.so.1 libX11-xcb.so.1 libXrender.so.1; do
	expect "$so is installed (GLFW links or opens it)" grep -qF "$so " <<<"$(inroot ldconfig -p)"
done
expect "lp and espeak-ng are installed" inroot sh -c 'command -v lp && command -v espeak-ng'
expect "cage and Xwayland are installed (Recommends)" inroot sh -c 'command -v cage && command -v Xwayland'
expect "user bianmin exists, a system user" inroot sh -c 'test "$(id -u bianmin)" -lt 1000'
expect "/var/lib/bianmin is bianmin's, mode 750" test "$(inroot stat -c '%U %a' /var/lib/bianmin)" = "bianmin 750"
expect "man page installed" test -f "$root/usr/share/man/man1/bianmin.1.gz"
if command -v man >/dev/null; then
	expect "man page renders without warnings" test -z "$(MANWIDTH=80 man --warnings -l "$root/usr/share/man/man1/bianmin.1.gz" 2>&1 >/dev/null)"
fi
expect "kiosk unit is shipped disabled" test "$(inroot systemctl is-enabled bianmin-kiosk.service 2>&1)" = disabled
# (--man=no: a minimal Debian has no man; the page is checked below.)
if inroot systemd-analyze verify --man=no /lib/systemd/system/bianmin-kiosk.service >"$work/verify" 2>&1; then
	pass "systemd-analyze verify bianmin-kiosk.service"
else
	fail "systemd-analyze verify bianmin-kiosk.service"
fi
sed 's/^/    /' "$work/verify"
expect "systemctl enable bianmin-kiosk" inroot systemctl enable bianmin-kiosk.service
expect "kiosk unit is enabled" test "$(inroot systemctl is-enabled bianmin-kiosk.service 2>&1)" = enabled
# The data file, made as the kiosk makes it (seeded with the sample catalog).
inroot runuser -u bianmin -- bianmin catalog export /tmp/catalog.json --data /var/lib/bianmin/bianmin.db >/dev/null 2>&1 || true
expect "bianmin (as user bianmin) made /var/lib/bianmin/bianmin.db" test -s "$root/var/lib/bianmin/bianmin.db"

# The session itself, on a screen with no hardware behind it: cage's
# headless output (1280x720, software rendering) as the user bianmin, the
# program started as the unit's ExecStart says, the screen captured with
# grim after 30 s. A kiosk drawn whole leaves few black pixels; one drawn
# at its first size in a corner (Fyne's own full screen under cage) leaves
# most of the screen black.
inroot apt-get install -y --no-install-recommends grim >>"$log" 2>&1
cmd=$(sed -n 's/^ExecStart=.*cage -d -- //p' "$root/lib/systemd/system/bianmin-kiosk.service" |
	sed 's/\$BIANMIN_ARGS/--listen 127.0.0.1:18932/')
echo "cage -d -- $cmd"
inroot install -d -o bianmin -g bianmin -m 0700 /tmp/xdg-bianmin
inroot runuser -u bianmin -- env HOME=/var/lib/bianmin XDG_RUNTIME_DIR=/tmp/xdg-bianmin WLR_BACKENDS=headless \
	WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman timeout 120 \
	cage -d -- sh -c "$cmd & sleep 30; grim -t ppm /tmp/xdg-bianmin/shot.ppm; kill \$!" >"$check/cage.log" 2>&1 || true
shot=$root/tmp/xdg-bianmin/shot.ppm
if [ -s "$shot" ]; then
	total=$(stat -c %s "$shot")
	black=$(($total - $(tr -d '\000' <"$shot" | wc -c)))
	echo "    screen: $(head -c 20 "$shot" | sed -n 2p) pixels, $((100 * black / total))% zero bytes"
	expect "the kiosk session draws the kiosk over the whole screen (under 20% black)" test $((100 * black / total)) -lt 20
	cp "$shot" "$check/kiosk-screen.ppm"
else
	fail "the kiosk session draws the kiosk (no screenshot; see $check/cage.log)"
fi
sum=$(sha256sum "$root/var/lib/bianmin/bianmin.db" | cut -d' ' -f1)

echo "== apt remove bianmin"
inroot apt-get remove -y bianmin >"$check/remove.log" 2>&1 || { fail "apt remove"; tail "$check/remove.log"; }
grep -E '^(Removing|bianmin:)' "$check/remove.log" | sed 's/^/    /'
expect "the binary is gone" test ! -e "$root/usr/bin/bianmin"
expect "the data file survives apt remove, unchanged" test "$(sha256sum "$root/var/lib/bianmin/bianmin.db" | cut -d' ' -f1)" = "$sum"
expect "user bianmin survives apt remove" inroot id bianmin

echo "== apt install again, then apt purge bianmin"
inroot apt-get install -y "/tmp/$(basename "$amd")" >>"$log" 2>&1 || fail "apt install again"
expect "the kiosk is still enabled after remove + install" test "$(inroot systemctl is-enabled bianmin-kiosk.service 2>&1)" = enabled
inroot apt-get purge -y bianmin >"$check/purge.log" 2>&1 || { fail "apt purge"; tail "$check/purge.log"; }
grep -E '^(Removing|Purging|bianmin:)' "$check/purge.log" | sed 's/^/    /'
expect "the data file survives apt purge, unchanged" test "$(sha256sum "$root/var/lib/bianmin/bianmin.db" | cut -d' ' -f1)" = "$sum"
expect "purge removed the kiosk's enablement" test ! -e "$root/etc/systemd/system/multi-user.target.wants/bianmin-kiosk.service"
expect "purge removed /etc/default/bianmin" test ! -e "$root/etc/default/bianmin"

echo "== $fails failed"
[ "$fails" = 0 ]
