#!/usr/bin/env bash
# Checks an hj212gw Debian package as dpkg sees it: control fields, Depends, conffiles, the
# maintainer scripts and the files the board needs.
#   check_deb.sh PACKAGE.deb SOURCE_DIR
#   check_deb.sh --build BUILD_DIR WORK_DIR SOURCE_DIR   (cpack the build tree first)
# Exits 0 when every check passes, 1 listing every failed check otherwise.
set -euo pipefail

if [ "${1:-}" = "--build" ]; then
    build=$2 work=$3 src=$4
    if [ ! -f "$build/CPackConfig.cmake" ]; then
        echo "no $build/CPackConfig.cmake: board/packaging is not part of this build" >&2
        exit 1
    fi
    rm -rf "$work"
    mkdir -p "$work"
    cpack --config "$build/CPackConfig.cmake" -B "$work" > "$work/cpack.log" 2>&1 ||
        { cat "$work/cpack.log" >&2; exit 1; }
    deb=$(ls "$work"/hj212gw_*.deb)
else
    deb=${1:?usage: check_deb.sh PACKAGE.deb SOURCE_DIR}
    src=${2:?usage: check_deb.sh PACKAGE.deb SOURCE_DIR}
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }
check() { # DESCRIPTION COMMAND...
    local what=$1; shift
    if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi
}

field() { dpkg-deb --field "$deb" "$1"; }
contents=$(dpkg-deb --contents "$deb" | awk '{ print $NF }')
echo "package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends | sed 's/^/  /'

check "Package is hj212gw" test "$(field Package)" = hj212gw
arch=$(field Architecture)
case "$arch" in amd64|arm64|armhf) pass "Architecture $arch" ;; *) fail "Architecture '$arch'" ;; esac
check "Version is set" test -n "$(field Version)"

depends=$(field Depends)
for lib in libc6 libstdc++6 libsqlite3-0 libfmt9 libtomlplusplus3 adduser; do
    check "Depends names $lib" grep -q "$lib" <<<"$depends"
done
# spdlog is a dependency only when the binary links the shared library (package builds
# compile it in: HJ212GW_SPDLOG_HEADER_ONLY).
binary_dir=$(mktemp -d)
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$binary_dir" ./usr/bin/hj212gw
if readelf -d "$binary_dir/usr/bin/hj212gw" | grep -q 'libspdlog'; then
    check "Depends names libspdlog1.10 (the binary links it)" grep -q libspdlog1.10 <<<"$depends"
else
    if grep -q libspdlog <<<"$depends"; then fail "Depends has no libspdlog (compiled in)"
    else pass "Depends has no libspdlog (compiled in)"; fi
fi
rm -rf "$binary_dir"
# The notifier speaks sd_notify itself: a libsystemd0 dependency means the link came back.
if grep -q libsystemd0 <<<"$depends"; then fail "Depends has no libsystemd0"; else pass "Depends has no libsystemd0"; fi

# Control members and their modes: scripts executable, conffiles listing the configuration.
ctrl="$work/control"
mkdir -p "$ctrl"
dpkg-deb --control "$deb" "$ctrl"
check "conffiles lists /etc/hj212gw/hj212gw.toml" grep -qx /etc/hj212gw/hj212gw.toml "$ctrl/conffiles"
for script in postinst prerm postrm; do
    check "$script present and executable" test -x "$ctrl/$script"
    check "$script is valid sh" sh -n "$ctrl/$script"
    check "$script stops on errors (set -e)" grep -qx "set -e" "$ctrl/$script"
done
check "postinst creates the system user" grep -q "adduser --quiet --system" "$ctrl/postinst"
check "postinst puts the user in dialout" grep -q "adduser --quiet hj212gw dialout" "$ctrl/postinst"
check "postinst enables the unit" grep -q "deb-systemd-helper enable 'hj212gw.service'" "$ctrl/postinst"
check "prerm stops the unit on remove" grep -q "deb-systemd-invoke stop 'hj212gw.service'" "$ctrl/prerm"
check "postrm purges the unit state" grep -q "deb-systemd-helper purge 'hj212gw.service'" "$ctrl/postrm"

for f in ./usr/bin/hj212gw ./lib/systemd/system/hj212gw.service ./etc/hj212gw/hj212gw.toml \
         ./usr/share/hj212gw/profiles/generic-aarch64.toml \
         ./usr/share/hj212gw/profiles/generic-armhf.toml ./usr/share/hj212gw/profiles/README.md \
         ./usr/share/man/man1/hj212gw.1.gz ./usr/share/doc/hj212gw/copyright \
         ./usr/share/doc/hj212gw/README.md ./usr/share/doc/hj212gw/hj212gw.example.toml; do
    check "contains $f" grep -qx "$f" <<<"$contents"
done

# The files themselves: what is installed is what the tree has.
root="$work/root"
mkdir -p "$root"
dpkg-deb --extract "$deb" "$root"
check "the unit is board/systemd/hj212gw.service" \
    cmp "$root/lib/systemd/system/hj212gw.service" "$src/board/systemd/hj212gw.service"
check "the unit runs /usr/bin/hj212gw with the installed config" \
    grep -qx "ExecStart=/usr/bin/hj212gw run --config /etc/hj212gw/hj212gw.toml" \
    "$root/lib/systemd/system/hj212gw.service"
# The default configuration is the example file (every key at its default) under a header.
example_lines=$(wc -l < "$src/board/hj212gw.example.toml")
check "the default config ends with the example file" \
    cmp <(tail -n "$example_lines" "$root/etc/hj212gw/hj212gw.toml") "$src/board/hj212gw.example.toml"
check "the default config keeps data in /var/lib/hj212gw" \
    grep -qx 'data_dir = "/var/lib/hj212gw"' "$root/etc/hj212gw/hj212gw.toml"
check "the man page decompresses and names every subcommand" \
    bash -c 'page=$(gzip -dc "$1") && for s in decode frame run status report sim console; do
                 grep -q "^\.SS \"\{0,1\}$s" <<<"$page" || exit 1; done' _ \
    "$root/usr/share/man/man1/hj212gw.1.gz"
check "the binary is stripped (no .symtab)" bash -c '! readelf -S "$1" | grep -q "\.symtab"' _ "$root/usr/bin/hj212gw"
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
    check "the packaged binary runs (--version)" "$root/usr/bin/hj212gw" --version
fi

echo "$failures failed check(s)"
[ "$failures" -eq 0 ]
