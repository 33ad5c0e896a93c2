#!/usr/bin/env bash
# Installs every Debian/Ubuntu package that building, running and testing Harness Workbench needs.
# Idempotent: packages already present are left alone. Uses sudo when not run as root.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git clang clang-format lld
  # Qt 6 and friends
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-sqlite libqt6sql6-psql libsqlite3-dev libgl-dev libxkbcommon-dev
  qtkeychain-qt6-dev qt6-qpa-plugins
  # graph layout, sandbox (socat bridges a network-on sandbox to the harness's allow-list proxy)
  libgraphviz-dev graphviz bubblewrap socat
  # test infrastructure: keychain in a private D-Bus session (gdbus, dbus-send, secret-tool for the attack
  # cases too), PostgreSQL (openssl makes its TLS certificates), Xvfb, ripgrep for benchmarks
  dbus dbus-x11 gnome-keyring libsecret-tools postgresql openssl sqlite3 xvfb xauth imagemagick ripgrep
  procps psmisc curl libglib2.0-bin
  # a real desktop notification server (under Xvfb) for the notification tests
  dunst
  # the demo project (Python) and its tests
  python3 python3-pytest python3-yaml
  # packaging: the man page, icons, desktop entry and AppStream checks, the clean Debian root test
  help2man groff-base librsvg2-bin desktop-file-utils appstream debootstrap dpkg-dev
)
# Node.js 20+ and npm run the external agents (packaging/install-agents.sh). Debian's nodejs and npm are
# installed only when no `node`/`npm` is on the PATH: a NodeSource nodejs already carries its own npm, and
# Debian's npm package would conflict with it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: every package is already installed."
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
