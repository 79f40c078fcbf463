#!/usr/bin/env bash
# Installs what oauth4qt needs on Debian bookworm, trixie or sid (run as root; uses apt-get and npm).
#   tools/install-deps.sh          build + demo: Qt 6, OpenSSL 3, CMake, Node.js for the local server
#   tools/install-deps.sh --test   also what the test suite needs: clang (fuzzers), Chromium
#                                  (end-to-end), Xvfb (screenshots), gnome-keyring (keychain tests),
#                                  QDoc and qhelpgenerator (the API reference)
# Packages already installed are not installed again; apt is not touched when nothing is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

packages=(
  ca-certificates git cmake ninja-build g++ pkg-config libssl-dev libgl-dev
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools
  qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtquick qml6-module-qtquick-window qml6-module-qtqml-workerscript
  qml6-module-qtquick-controls qml6-module-qtquick-layouts qml6-module-qtquick-templates
  qtkeychain-qt6-dev
)
if [ $want_tests = 1 ]; then
  packages+=(
    qml6-module-qttest clang @CLANG_RT@ chromium
    xvfb xauth x11-apps netpbm fonts-dejavu-core fonts-ipafont-gothic
    libsecret-1-0 gnome-keyring dbus-daemon dbus-bin
    qt6-documentation-tools
  )
fi
# Node.js: any Node with npm will do to run `npm ci`; the local authorization server itself
# runs on the Node 22 binary that `npm ci` installs (package node@22), since oidc-provider 9
# needs a newer Node than Debian's 18.
if ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

# The libFuzzer runtime is libclang-rt-<N>-dev for the clang <N> that the release's `clang` installs
# (14 on bookworm, 19 on trixie): taken from the installed clang, else from the package lists.
clang_rt() {
  local v=''
  if command -v clang >/dev/null 2>&1; then
    v=$(clang --version | sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' | head -n 1)
  else
    v=$(apt-cache depends clang 2>/dev/null | sed -n 's/^ *Depends: clang-\([0-9][0-9]*\)$/\1/p' | head -n 1)
  fi
  if [ -n "$v" ]; then echo "libclang-rt-$v-dev"; fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=() updated=0
for p in "${packages[@]}"; do
  if [ "$p" = @CLANG_RT@ ]; then
    p=$(clang_rt)
    if [ -z "$p" ]; then   # empty package lists (a fresh machine): read them first
      apt-get update -q; updated=1
      p=$(clang_rt)
      [ -n "$p" ] || { echo "install-deps: no clang package found" >&2; exit 1; }
    fi
  fi
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  [ $updated = 1 ] || apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The local authorization server (oidc-provider) and the Node peers for benchmarks.
if [ ! -x tests/peer/node_modules/.bin/node ] || [ tests/peer/package-lock.json -nt tests/peer/node_modules/.package-lock.json ]; then
  echo "install-deps: npm ci in tests/peer" >&2
  (cd tests/peer && npm ci --no-audit --no-fund --loglevel=error)
fi
