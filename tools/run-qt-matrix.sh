#!/usr/bin/env bash
# Builds oauth4qt warning-free (release preset, warnings are errors) and runs its test suites on
# other Debian releases, i.e. other Qt versions: trixie (Qt 6.8 LTS, GCC 14, OpenSSL 3.5) and sid
# (the newest Qt). Each release runs in its own chroot made from a cached `debootstrap --variant=minbase`
# root, on a copy of this repository, with what tools/install-deps.sh installs there. Run as root
# (debootstrap, chroot, mount) on Debian with network access to a Debian mirror and npm.
#
# Usage: tools/run-qt-matrix.sh [options] [RELEASE...]        (default releases: trixie sid)
#   --stages LIST   comma-separated, of: unit peer e2e qml package screenshot keychain docs (default: all,
#                   i.e. the whole CTest suite). unit = every suite without one of the other labels.
#   --unit-only     same as --stages unit (installs neither Chromium nor Xvfb)
#   --worktree      copy the work tree as it is (uncommitted changes and untracked, not ignored, files)
#                   instead of the committed HEAD
#   --keep          keep each release's root after the run (its path is printed)
#   --rebuild-base  make the cached debootstrap roots again
#   -h, --help      this text
# Environment:
#   OAUTH4QT_MATRIX_CACHE    cache dir (default /var/cache/oauth4qt-matrix): per release the packed
#                            base root, downloaded .deb files and a ccache; runs unpack below it
#   OAUTH4QT_MATRIX_MIRROR   Debian mirror (default: this machine's, else http://deb.debian.org/debian)
#   OAUTH4QT_MATRIX_TIMEOUT  limit per release in seconds (default 7200)
#   OAUTH4QT_MATRIX_JOBS     build jobs (default: nproc)
# Prints per release: Qt, OpenSSL and GCC versions, tests passed/failed, times; ends with one line
# "N passed, N failed" over all releases. Exit status 0 only when every release built and passed.
# Each release runs in private mount and PID namespaces: its mounts and processes end with it, even
# when the script is interrupted or killed.
set -uo pipefail

PROG=run-qt-matrix
SELF=$(readlink -f "${BASH_SOURCE[0]}")
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
BASE_PKGS=(ca-certificates git netbase)
ALL_STAGES=(unit peer e2e qml package screenshot keychain docs)

say() { echo "$PROG: $*" >&2; }
die() { echo "$PROG: $*" >&2; exit 2; }

# ---------------------------------------------------------------------------------------------------
# Inside the chroot: install, configure, build, test. Runs as /matrix/inner.sh with /src the sources.
if [ "${1:-}" = __chroot ]; then
  stages=$2 jobs=$3
  result=/matrix/result
  : > "$result"
  t=$SECONDS
  step() { echo; echo "==== $PROG: $*"; }
  record() { echo "$1=$2" >> "$result"; }
  # CPU seconds (user + system) of the children this shell has waited for: what a build costs on
  # an otherwise idle machine (wall time / jobs), whatever else the machine runs meanwhile.
  cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%d", ($16 + $17) / hz }' "/proc/$$/stat"; }
  step "installing dependencies"
  # The unit suites need what a build needs; every other stage what the test suite needs.
  deps_args=(--test)
  [ "$stages" = unit ] && deps_args=()
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -q && apt-get install -y -q --no-install-recommends ccache; } || exit 10
  bash tools/install-deps.sh "${deps_args[@]}" || exit 10
  record deps_seconds $((SECONDS - t))
  record qt "$(dpkg-query -W -f '${Version}' qt6-base-dev 2>/dev/null | sed 's/[+-].*//')"
  record openssl "$(dpkg-query -W -f '${Version}' libssl-dev 2>/dev/null | sed 's/-.*//')"
  record gcc "$(g++ -dumpfullversion 2>/dev/null)"
  record cmake "$(cmake --version | sed -n '1s/.* //p')"

  step "configure and build (release preset, warnings are errors)"
  t=$SECONDS c=$(cpu)
  export CCACHE_DIR=/matrix/ccache CCACHE_MAXSIZE=3G CCACHE_BASEDIR=/src
  cmake --preset release -DCMAKE_CXX_COMPILER_LAUNCHER=ccache || { record build failed; exit 11; }
  if ! cmake --build --preset release -j "$jobs"; then
    record build_seconds $((SECONDS - t)); record build failed; exit 11
  fi
  record build_seconds $((SECONDS - t)); record build_cpu $(($(cpu) - c)); record build ok
  sync

  step "tests: $stages"
  t=$SECONDS c=$(cpu)
  filter=()
  if [ "$stages" != all ]; then
    others=() wanted=()
    for s in ${stages//,/ }; do [ "$s" = unit ] || wanted+=("$s"); done
    for s in peer e2e qml package screenshot keychain docs; do
      case ",$stages," in *",$s,"*) ;; *) others+=("$s") ;; esac
    done
    if [[ ",$stages," == *",unit,"* ]]; then
      [ ${#others[@]} -gt 0 ] && filter=(-LE "^($(IFS='|'; echo "${others[*]}"))\$")
    else
      filter=(-L "^($(IFS='|'; echo "${wanted[*]}"))\$")
    fi
  fi
  ctest --preset release -j 2 --timeout 600 "${filter[@]}" 2>&1 | tee /matrix/ctest.log
  line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' /matrix/ctest.log | tail -n 1)
  if [ -n "$line" ]; then
    failed=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
    record passed $((total - failed)); record failed "$failed"
  elif grep -q 'No tests were found' /matrix/ctest.log; then
    record passed 0; record failed 0
  else
    record passed 0; record failed 1
  fi
  sed -n '/The following tests FAILED:/,/^Errors while running/p' /matrix/ctest.log | grep -E '^\s+[0-9]+ - ' \
    | sed -E 's/^\s+[0-9]+ - ([^ ]+).*/\1/' | tr '\n' ' ' | sed 's/^/failures=/;s/ $//' >> "$result"
  echo >> "$result"
  record test_seconds $((SECONDS - t)); record test_cpu $(($(cpu) - c))
  exit 0
fi

# ---------------------------------------------------------------------------------------------------
# In private mount + PID namespaces (PID 1 here): mount, run the chroot command, unmount. Whatever is
# still running when this ends is killed by the kernel with the namespace.
if [ "${1:-}" = __ns ]; then
  d=$2 cache=$3 limit=$4; shift 4
  mounted=()
  cleanup_ns() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
      umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || say "could not unmount ${mounted[i]}"
    done
  }
  trap cleanup_ns EXIT
  trap 'exit 143' TERM HUP INT
  mnt() { if mount "$@"; then mounted+=("${!#}"); else say "mount $* failed"; exit 3; fi; }
  mnt --bind /proc "$d/proc"
  mnt --bind /sys "$d/sys"
  mnt --bind /dev "$d/dev"
  mnt --bind /dev/pts "$d/dev/pts"
  mnt -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$d/dev/shm"
  mnt -t tmpfs -o mode=1777,nosuid,nodev,size=50% tmpfs "$d/tmp"
  mkdir -p "$d/matrix/ccache" "$d/var/cache/apt/archives" "$cache/ccache" "$cache/apt-archives/partial"
  mnt --bind "$cache/ccache" "$d/matrix/ccache"
  mnt --bind "$cache/apt-archives" "$d/var/cache/apt/archives"
  envv=(HOME=/root USER=root LOGNAME=root SHELL=/bin/bash LANG=C.UTF-8 PATH="$CHROOT_PATH")
  for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY NODE_EXTRA_CA_CERTS; do
    [ -n "${!v:-}" ] && envv+=("$v=${!v}")
  done
  # In the background, so that a signal is handled at once (the trap ends it with the namespace).
  timeout -k 15 "$limit" env -i "${envv[@]}" /usr/sbin/chroot "$d" /bin/bash -c 'cd /src && exec bash /matrix/inner.sh "$@"' inner "$@" </dev/null &
  wait $!
  exit $?
fi

# ---------------------------------------------------------------------------------------------------
usage() { sed -n '2,/^set -uo/p' "$SELF" | sed -e '$d' -e 's/^# \{0,1\}//'; exit "${1:-2}"; }

stages=all worktree=0 keep=0 rebuild=0 releases=()
while [ $# -gt 0 ]; do
  case $1 in
    --stages) [ $# -ge 2 ] || usage; stages=$2; shift 2 ;;
    --stages=*) stages=${1#--stages=}; shift ;;
    --unit-only) stages=unit; shift ;;
    --worktree) worktree=1; shift ;;
    --keep) keep=1; shift ;;
    --rebuild-base) rebuild=1; shift ;;
    -h|--help) usage 0 ;;
    -*) say "unknown option $1"; usage ;;
    *) releases+=("$1"); shift ;;
  esac
done
[ ${#releases[@]} -gt 0 ] || releases=(trixie sid)
if [ "$stages" != all ]; then
  for s in ${stages//,/ }; do
    [[ " ${ALL_STAGES[*]} " == *" $s "* ]] || die "unknown stage '$s' (stages: ${ALL_STAGES[*]})"
  done
  stages=$(tr ' ' ',' <<<"${stages//,/ }" | sed 's/^,*//;s/,*$//;s/,,*/,/g')
fi
[ "$(id -u)" = 0 ] || die "must run as root (debootstrap, chroot, mount)"
repo=$(cd "$(dirname "$SELF")/.." && pwd)
cache_root=${OAUTH4QT_MATRIX_CACHE:-/var/cache/oauth4qt-matrix}
limit=${OAUTH4QT_MATRIX_TIMEOUT:-7200}
jobs=${OAUTH4QT_MATRIX_JOBS:-$(nproc)}

need=()
for tool in unshare chroot mount timeout tar flock git zstd debootstrap; do
  command -v "$tool" >/dev/null || need+=("$tool")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing debootstrap zstd on this machine"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap zstd; } >&2 \
    || die "could not install debootstrap and zstd"
fi

# This machine's Debian mirror (first deb entry that is not a security mirror), else deb.debian.org.
mirror() {
  [ -n "${OAUTH4QT_MATRIX_MIRROR:-}" ] && { echo "$OAUTH4QT_MATRIX_MIRROR"; return; }
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | sed 's/#.*//' \
        | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' | grep -v security | head -n 1)
  [ -n "$m" ] || m=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
        | awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' | grep -v security | head -n 1)
  echo "${m:-http://deb.debian.org/debian}"
}

# The cached base root of a release: debootstrap minbase + ca-certificates git netbase, packed.
ensure_base() {
  local rel=$1 cache=$2 mirror b t0=$SECONDS
  mkdir -p "$cache" || die "cannot create $cache"
  exec 9>"$cache/.lock"
  flock 9
  if [ "$rebuild" = 1 ] || [ ! -s "$cache/base.tar.zst" ]; then
    mirror=$(mirror)
    b=$(mktemp -d "$cache/base-build.XXXXXX") || die "cannot create a dir under $cache"
    say "$rel: debootstrap --variant=minbase $rel from $mirror (log: $cache/base-build.log)"
    if ! unshare --mount --propagation private -- debootstrap --variant=minbase \
        --include="$(IFS=,; echo "${BASE_PKGS[*]}")" "$rel" "$b" "$mirror" > "$cache/base-build.log" 2>&1; then
      tail -n 20 "$cache/base-build.log" >&2
      rm -rf --one-file-system "$b"
      flock -u 9; exec 9>&-
      return 1
    fi
    chmod 755 "$b"
    printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' > "$b/etc/hosts"
    # No package may start a daemon inside the chroot.
    printf '#!/bin/sh\nexit 101\n' > "$b/usr/sbin/policy-rc.d"; chmod 755 "$b/usr/sbin/policy-rc.d"
    rm -f "$b/etc/resolv.conf" "$b/etc/apt/sources.list"
    rm -rf "$b"/var/lib/apt/lists/* "$b"/var/cache/apt/archives/*.deb
    mkdir -p "$b/etc/apt/sources.list.d"
    local suites="$rel $rel-updates"
    [ "$rel" = sid ] || [ "$rel" = unstable ] && suites=$rel
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      "$mirror" "$suites" > "$b/etc/apt/sources.list.d/debian.sources"
    tar --numeric-owner -C "$b" -cf - . | zstd -q -T0 -6 -o "$cache/base.tar.zst.new" || { rm -rf --one-file-system "$b"; return 1; }
    mv "$cache/base.tar.zst.new" "$cache/base.tar.zst"
    rm -rf --one-file-system "$b"
    echo "$((SECONDS - t0))" > "$cache/base.seconds"
    say "$rel: base root ready in $((SECONDS - t0)) s"
  fi
  flock -u 9; exec 9>&-
}

# Copies the sources (committed HEAD, or the work tree) to $1.
copy_sources() {
  local dst=$1
  mkdir -p "$dst"
  if [ "$worktree" = 1 ]; then
    (cd "$repo" && git ls-files -z --cached --others --exclude-standard \
       | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
       | tar --null -T - -cf -) | tar -C "$dst" -xf -
  else
    git -C "$repo" archive --format=tar HEAD | tar -C "$dst" -xf -
  fi
}

# Ends, by PID, any process whose root is $1 (the namespace normally took them all with it).
sweep() {
  local d=$1 p pids=()
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$d" ] && pids+=("${p#/proc/}")
  done
  [ ${#pids[@]} -eq 0 ] || kill -s KILL "${pids[@]}" 2>/dev/null
}
mounts_under() { awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo; }

current=''
cleanup() {
  [ -n "$current" ] || return 0
  sweep "$current"
  if [ -n "$(mounts_under "$current")" ]; then
    say "mounts remain under $current, not deleting it"
  elif [ "$keep" = 1 ]; then
    say "kept the root: $current"
  else
    rm -rf --one-file-system "$current"
  fi
  current=''
}
trap cleanup EXIT
# A signal ends the current release: TERM to the namespace's PID 1 (it unmounts; the kernel ends every
# process of the namespace with it), then the cleanup above.
NSPID=''
on_signal() {
  local c
  if [ -n "$NSPID" ]; then
    for c in $(cat "/proc/$NSPID/task/$NSPID/children" 2>/dev/null); do kill -s TERM "$c" 2>/dev/null; done
    wait "$NSPID" 2>/dev/null
  fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM
trap 'on_signal 129' HUP

summary=() total_passed=0 total_failed=0 t_all=$SECONDS
head=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')
for rel in "${releases[@]}"; do
  t_rel=$SECONDS
  cache=$cache_root/$rel
  echo "######## $PROG: $rel (stages: $stages; sources: $([ "$worktree" = 1 ] && echo "work tree" || echo "HEAD $head"))"
  t=$SECONDS
  if ! ensure_base "$rel" "$cache"; then
    summary+=("$rel: debootstrap failed (see $cache/base-build.log)"); total_failed=$((total_failed + 1)); continue
  fi
  mkdir -p "$cache/runs"
  current=$(mktemp -d "$cache/runs/root.XXXXXX") || die "cannot create a run dir"
  chmod 755 "$current"
  zstd -q -dc "$cache/base.tar.zst" | tar --numeric-owner -C "$current" -xpf - || die "unpacking the base failed"
  rm -f "$current/etc/resolv.conf"; cp -L /etc/resolv.conf "$current/etc/resolv.conf" 2>/dev/null
  net=$(apt-config dump 2>/dev/null | grep -E '^Acquire::((https?|ftp)::Proxy|Check-Valid-Until|Check-Date)' || true)
  [ -n "$net" ] && echo "$net" > "$current/etc/apt/apt.conf.d/99host-network"
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then   # a TLS-intercepting proxy's CA
    cp -L /usr/local/share/ca-certificates/*.crt "$current/usr/local/share/ca-certificates/"
    chroot "$current" /usr/sbin/update-ca-certificates >/dev/null 2>&1
    export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
  fi
  copy_sources "$current/src"
  mkdir -p "$current/matrix"
  cp "$SELF" "$current/matrix/inner.sh"
  root_seconds=$((SECONDS - t))

  unshare --mount --propagation private --pid --fork --mount-proc --kill-child=KILL -- \
    "$SELF" __ns "$current" "$cache" "$limit" __chroot "$stages" "$jobs" &
  NSPID=$!
  wait "$NSPID"; rc=$?
  NSPID=''
  declare -A r=()
  while IFS='=' read -r k v; do [ -n "$k" ] && r[$k]=$v; done < "$current/matrix/result" 2>/dev/null
  secs=$((SECONDS - t_rel))
  status="passed ${r[passed]:-0}, failed ${r[failed]:-?}"
  case $rc in
    0) ;;
    10) status="installing dependencies FAILED" ;;
    11) status="build FAILED" ;;
    124|137) status="TIMED OUT after ${limit}s ($status)" ;;
    *) status="ended with status $rc ($status)" ;;
  esac
  if [ "$rc" = 0 ]; then
    total_passed=$((total_passed + ${r[passed]:-0})); total_failed=$((total_failed + ${r[failed]:-0}))
  else
    total_failed=$((total_failed + 1))
  fi
  line="$rel: Qt ${r[qt]:-?}, OpenSSL ${r[openssl]:-?}, GCC ${r[gcc]:-?}, CMake ${r[cmake]:-?}: $status"
  line+=" | ${secs} s (root ${root_seconds} s, deps ${r[deps_seconds]:-?} s, build ${r[build_seconds]:-?} s / ${r[build_cpu]:-?} s CPU, tests ${r[test_seconds]:-?} s / ${r[test_cpu]:-?} s CPU)"
  [ -n "${r[failures]:-}" ] && line+=" | failed: ${r[failures]}"
  summary+=("$line")
  unset r
  cleanup
done

echo
echo "######## $PROG summary (stages: $stages, $((SECONDS - t_all)) s)"
printf '%s\n' "${summary[@]}"
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
