#!/usr/bin/env bash
# build-deb.sh ARCH VERSION OUTDIR: builds the bianmin binary for ARCH
# (amd64, or arm64 cross-compiled with cgo) and packs it with dpkg-deb into
# OUTDIR/bianmin_VERSION_ARCH.deb. `make package` runs it for both
# architectures after installing the compilers and libraries (see Makefile).
#
# Depends is what dpkg-shlibdeps finds the binary linked against, plus the
# X libraries GLFW opens with dlopen (not visible to dpkg-shlibdeps) and the
# programs the kiosk runs (lp/lpstat, espeak-ng). deb-systemd-invoke, used
# by the maintainer scripts, is in init-system-helpers, which is essential.
set -euo pipefail

arch=${1:?usage: build-deb.sh amd64|arm64 VERSION OUTDIR}
version=${2:?version}
out=${3:?outdir}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
go=${GO:-go}

case "$arch" in
amd64) triplet=x86_64-linux-gnu; cc=${CC_amd64:-x86_64-linux-gnu-gcc} ;;
arm64) triplet=aarch64-linux-gnu; cc=${CC_arm64:-aarch64-linux-gnu-gcc} ;;
*) echo "build-deb.sh: unknown architecture $arch (amd64 or arm64)" >&2; exit 2 ;;
esac
# On an amd64 machine the native compiler is also called gcc.
if ! command -v "$cc" >/dev/null && [ "$arch" = "$(dpkg --print-architecture)" ]; then cc=gcc; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pkg=$work/pkg
mkdir -p "$pkg/DEBIAN" "$pkg/usr/bin" "$out"

echo "== bianmin $version $arch: go build (CC=$cc)"
# -buildmode=pie: a position-independent executable, as Debian builds its
# own (the kernel places it at a random address). -tags release: Fyne's release mode (no FyneApp.toml looked for at run
# time; gui.go sets the metadata itself). -s -w: no symbol tables (a third
# of the size); panics still print their stack. -buildvcs=auto (over a
# GOFLAGS=-buildvcs=false): the git revision goes into the binary when
# built from a checkout, for `bianmin --version`.
(cd "$root" && CC=$cc CGO_ENABLED=1 GOOS=linux GOARCH=$arch \
	PKG_CONFIG_LIBDIR=/usr/lib/$triplet/pkgconfig:/usr/share/pkgconfig \
	"$go" build -buildvcs="${BUILDVCS:-auto}" -buildmode=pie -trimpath -tags release -ldflags '-s -w' \
	-o "$pkg/usr/bin/bianmin" ./cmd/bianmin)

# The files around the binary.
install -D -m 0644 "$here/bianmin.desktop" "$pkg/usr/share/applications/org.bianmin.kiosk.desktop"
install -D -m 0644 "$root/assets/icon.png" "$pkg/usr/share/icons/hicolor/512x512/apps/org.bianmin.kiosk.png"
install -D -m 0644 "$here/bianmin-kiosk.service" "$pkg/lib/systemd/system/bianmin-kiosk.service"
install -D -m 0644 "$here/pam-bianmin-kiosk" "$pkg/etc/pam.d/bianmin-kiosk"
install -D -m 0644 "$here/default-bianmin" "$pkg/etc/default/bianmin"
install -D -m 0644 "$here/bianmin.1" "$pkg/usr/share/man/man1/bianmin.1"
gzip -9n "$pkg/usr/share/man/man1/bianmin.1"
# A native package's changelog: one entry for this version, dated by the
# last commit (or now, outside a checkout).
when=$(cd "$root" && git log -1 --format=%cD 2>/dev/null || date -R)
mkdir -p "$pkg/usr/share/doc/bianmin"
printf 'bianmin (%s) stable; urgency=medium\n\n  * Version %s (FyneApp.toml).\n\n -- Bianmin maintainers <bianmin@localhost>  %s\n' \
	"$version" "$version" "$when" | gzip -9n >"$pkg/usr/share/doc/bianmin/changelog.gz"
doc=$pkg/usr/share/doc/bianmin
install -D -m 0644 "$here/copyright" "$doc/copyright"
install -D -m 0644 "$root/fonts/LICENSE-Apache-2.0.txt" "$doc/fonts/LICENSE-Apache-2.0.txt"
install -D -m 0644 "$root/fonts/COPYRIGHT.debian" "$doc/fonts/COPYRIGHT.debian"
install -D -m 0644 "$root/fonts/README.md" "$doc/fonts/README.md"
for f in postinst prerm postrm; do install -m 0755 "$here/$f" "$pkg/DEBIAN/$f"; done
printf '%s\n' /etc/pam.d/bianmin-kiosk /etc/default/bianmin >"$pkg/DEBIAN/conffiles"

# Libraries the binary is linked against, as dpkg-shlibdeps reads them
# (it wants a debian/control to stand in; the package's own is written
# below). The arm64 ones are found through multiarch (libgl1:arm64 …).
mkdir -p "$work/src/debian"
printf 'Source: bianmin\n\nPackage: bianmin\nArchitecture: any\n' >"$work/src/debian/control"
shlibs=$(cd "$work/src" && dpkg-shlibdeps -O --ignore-missing-info "$pkg/usr/bin/bianmin" 2>/dev/null |
	sed -n 's/^shlibs:Depends=//p')
if [ -z "$shlibs" ]; then
	echo "build-deb.sh: dpkg-shlibdeps found no libraries for the $arch binary (are the $arch libraries installed?)" >&2
	exit 1
fi
# GLFW (Fyne's desktop driver) opens these with dlopen at start.
dlopened="libxrandr2, libxcursor1, libxi6, libxinerama1, libxxf86vm1, libx11-xcb1, libxrender1"
depends="$shlibs, $dlopened, cups-client, espeak-ng, espeak-ng-data, adduser"

size=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
cat >"$pkg/DEBIAN/control" <<CONTROL
Package: bianmin
Version: $version
Architecture: $arch
Maintainer: Bianmin maintainers <bianmin@localhost>
Installed-Size: $size
Depends: $depends
Recommends: cage, xwayland, libpam-systemd, cups, printer-driver-escpr
Suggests: printer-driver-all, postgresql-client
Section: misc
Priority: optional
Description: touchscreen kiosk and staff desk for community service rooms
 便民服务自助终端: residents of a village or community read the service
 guides and public disclosures, register a request, take a receipt with a
 QR code and follow its progress; staff handle the requests in staff mode
 on the same screen. Works offline from one SQLite file.
 .
 The kiosk session (cage, full screen, as the unprivileged user bianmin,
 data in /var/lib/bianmin) is shipped disabled; turn it on with
 "systemctl enable --now bianmin-kiosk".
CONTROL

dpkg-deb --root-owner-group -Zxz --build "$pkg" "$out/bianmin_${version}_${arch}.deb" >/dev/null
echo "== $out/bianmin_${version}_${arch}.deb ($(du -k "$out/bianmin_${version}_${arch}.deb" | cut -f1) KiB)"
