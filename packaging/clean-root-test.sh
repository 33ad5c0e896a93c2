#!/usr/bin/env bash
# Installs the .deb on a clean Debian 12 root and uses it as a newcomer would: a minimal bookworm made by
# debootstrap from the apt source this machine uses, the package installed by apt without its
# Recommends, both --version commands, `harness demo` (first without python3: it must say what is
# missing; then with python3-pytest: it must end in review or merged), an offscreen screenshot of the
# demo window, and `harness demo` in a plain chroot, where the sandbox cannot start and must say so.
# Needs root (debootstrap), bubblewrap and the network to the Debian archive. See docs/install.md.
#
# usage: clean-root-test.sh [--deb FILE | --build-dir DIR] [--out DIR] [--keep]
#   --deb FILE       the package to test (default: made with cpack in the build folder)
#   --build-dir DIR  the configured and built folder to package (default: build/release)
#   --out DIR        where the log, the screenshots and the package go (default: <build-dir>/clean-root)
#   --keep           keep the root afterwards (its path is printed)
set -euo pipefail
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deb="" build_dir="$source_dir/build/release" out="" keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --deb) deb=$(realpath "$2"); shift 2 ;;
    --build-dir) build_dir=$(realpath "$2"); shift 2 ;;
    --out) out=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "clean-root-test: unknown argument $1 (see the usage at the top of $0)" >&2; exit 2 ;;
  esac
done
out=${out:-$build_dir/clean-root}
mkdir -p "$out"
out=$(realpath "$out")

fail() { echo "clean-root-test: FAILED: $*" >&2; exit 1; }
started=$(date +%s)
step() { echo "clean-root-test: [$(($(date +%s) - started)) s] $*"; }

[ "$(id -u)" -eq 0 ] || fail "debootstrap needs root; run as root (CI does) or run the other tests with ctest -LE cleanroot"
for tool in debootstrap bwrap apt-cache chroot; do
  command -v "$tool" >/dev/null || fail "$tool is missing; run packaging/install-deps.sh"
done

# The package: given, or made from the build folder.
if [ -z "$deb" ]; then
  [ -f "$build_dir/CPackConfig.cmake" ] || fail "no CPackConfig.cmake in $build_dir: configure and build it first"
  step "making the .deb with cpack in $build_dir"
  rm -f "$out"/*.deb
  (cd "$build_dir" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1) || { cat "$out/cpack.log"; fail "cpack"; }
  rm -rf "$out/_CPack_Packages" # the staging tree: the package holds it all
  deb=$(ls "$out"/*.deb | head -n 1)
fi
[ -f "$deb" ] || fail "no package at $deb"
echo "clean-root-test: package $(basename "$deb")"
dpkg-deb --field "$deb" Depends Recommends | sed 's/^/  /'

# The apt source this machine uses for bookworm (and its security updates), as apt itself reports it.
mirror=$(apt-cache policy | awk '$3 ~ /^bookworm\/main$/ && /Packages/ {print $2; exit}')
security=$(apt-cache policy | awk '$3 ~ /^bookworm-security\/main$/ && /Packages/ {print $2; exit}')
[ -n "$mirror" ] || fail "apt has no bookworm/main source on this machine (apt-cache policy); run apt-get update"
echo "clean-root-test: apt source $mirror${security:+ (security: $security)}"

root=$(mktemp -d /var/tmp/harness-clean-root.XXXXXX)
cleanup() {
  if [ "$keep" -eq 1 ]; then echo "clean-root-test: the root is kept in $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT

step "debootstrap --variant=minbase bookworm from $mirror"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$out/debootstrap.log" 2>&1 ||
  { tail -n 30 "$out/debootstrap.log"; fail "debootstrap"; }
{
  echo "deb $mirror bookworm main"
  echo "deb $mirror bookworm-updates main"
  [ -z "$security" ] || echo "deb $security bookworm-security main"
} >"$root/etc/apt/sources.list"
# The host's proxy and archive-date settings, so apt in the root reaches the same archive the same way.
apt-config dump | grep -E '^Acquire::(https?::Proxy|Check-Valid-Until|Check-Date) ' \
  >"$root/etc/apt/apt.conf.d/99host" || true
cp "$deb" "$root/var/cache/harness-workbench.deb"

# A command in the root as its root user, with /dev, /proc and a fresh /tmp (bubblewrap, so the
# harness's own sandbox can nest inside).
# A package built with the asan preset carries the sanitizers: the root then gets the repository's
# LeakSanitizer suppressions (third-party leaks in Graphviz) as the test session's own commands do.
sanitizer_args=()
if [ -n "${LSAN_OPTIONS:-}" ]; then
  sanitizer_args=(--ro-bind "$source_dir/tests/lsan-suppressions.txt" /tmp/lsan-suppressions.txt
    --setenv LSAN_OPTIONS "suppressions=/tmp/lsan-suppressions.txt:print_suppressions=0")
fi
in_root() {
  bwrap --bind "$root" / --dev /dev --proc /proc --tmpfs /tmp --ro-bind /etc/resolv.conf /etc/resolv.conf \
    --clearenv --setenv HOME /root --setenv PATH /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --setenv USER root --setenv LOGNAME root --setenv LANG C.UTF-8 --setenv TERM dumb \
    --setenv DEBIAN_FRONTEND noninteractive "${sanitizer_args[@]}" "$@"
}

step "apt-get install the package without its Recommends"
in_root apt-get update >"$out/apt.log" 2>&1 || { tail -n 20 "$out/apt.log"; fail "apt-get update in the root"; }
in_root apt-get install -y --no-install-recommends /var/cache/harness-workbench.deb >>"$out/apt.log" 2>&1 ||
  { tail -n 30 "$out/apt.log"; fail "apt-get install of the package"; }

step "both executables print their version"
in_root harness --version | tee "$out/harness-version.txt"
grep -q "commit:" "$out/harness-version.txt" || fail "harness --version names no commit"
in_root harness-workbench --version | tee "$out/workbench-version.txt"
grep -q "^Commit: " "$out/workbench-version.txt" || fail "harness-workbench --version names no commit"

step "what the package installs besides the executables"
for f in /usr/share/applications/harness-workbench.desktop /usr/share/metainfo/io.github.harness_workbench.metainfo.xml \
  /usr/share/icons/hicolor/48x48/apps/harness-workbench.png /usr/share/icons/hicolor/scalable/apps/harness-workbench.svg \
  /usr/share/man/man1/harness.1 /usr/share/bash-completion/completions/harness /usr/share/doc/harness-workbench/copyright \
  /usr/bin/harness-sandbox-exec /usr/bin/harness-engine /usr/bin/harness-check; do
  [ -f "$root$f" ] || fail "the package does not install $f"
done
in_root bash -c 'source /usr/share/bash-completion/completions/harness && COMP_WORDS=(harness de) COMP_CWORD=1 && _harness && [ "${COMPREPLY[*]}" = demo ]' ||
  fail "the installed bash completion does not complete \"harness de\""

step "harness demo without python3: it must say what is missing"
set +e
in_root harness demo >"$out/demo-missing.txt" 2>&1
code=$?
set -e
cat "$out/demo-missing.txt"
[ "$code" -eq 5 ] || fail "harness demo without python3 exited $code, not 5 (a required tool is missing)"
grep -q "python3" "$out/demo-missing.txt" || fail "harness demo without python3 does not name python3"
# /tmp is a fresh tmpfs per command: the screenshots go to the root's /root.
in_root bash -c 'QT_QPA_PLATFORM=offscreen harness-workbench --demo --screenshot /root/demo-missing.png' \
  >"$out/screenshot-missing.txt" 2>&1 || { cat "$out/screenshot-missing.txt"; fail "screenshot without python3"; }
cp "$root/root/demo-missing.png" "$out/"

step "apt-get install python3-pytest (a Recommends) and run the demo"
in_root apt-get install -y --no-install-recommends python3 python3-pytest >>"$out/apt.log" 2>&1 ||
  { tail -n 30 "$out/apt.log"; fail "apt-get install python3-pytest"; }
set +e
in_root harness demo >"$out/demo.txt" 2>&1
code=$?
set -e
cat "$out/demo.txt"
case $code in
  0) grep -q "merged" "$out/demo.txt" || fail "harness demo exited 0 but did not say merged" ;;
  6) grep -q "review" "$out/demo.txt" || fail "harness demo exited 6 but is not in review" ;;
  *) fail "harness demo exited $code: it must end in review (6) or merged (0)" ;;
esac
in_root bash -c 'QT_QPA_PLATFORM=offscreen harness-workbench --demo --screenshot /root/demo.png' \
  >"$out/screenshot.txt" 2>&1 || { cat "$out/screenshot.txt"; fail "screenshot of the demo window"; }
cat "$out/screenshot.txt"
cp "$root/root/demo.png" "$out/"

step "harness demo in a plain chroot, where bubblewrap cannot start: it must refuse and say why"
set +e
chroot "$root" /usr/bin/env -i HOME=/root USER=root PATH=/usr/bin:/bin LANG=C.UTF-8 harness demo >"$out/demo-chroot.txt" 2>&1
code=$?
set -e
cat "$out/demo-chroot.txt"
[ "$code" -eq 5 ] || fail "harness demo in a plain chroot exited $code, not 5"
grep -qi "sandbox cannot start" "$out/demo-chroot.txt" || fail "harness demo in a plain chroot does not say the sandbox cannot start"

step "passed; screenshots and logs in $out"
