#!/bin/sh
# Runs Node 22 from tests/peer/node_modules (npm package `node@22`) with the given arguments,
# installing the locked dependencies first (`npm ci`) when node_modules is missing.
# OAUTH4QT_PEER_NODE=/path/to/node overrides the binary (it must be Node >= 22).
set -eu
PEER_DIR=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
NODE="${OAUTH4QT_PEER_NODE:-$PEER_DIR/node_modules/.bin/node}"

ensure_deps() {
    [ -x "$PEER_DIR/node_modules/.bin/node" ] && [ -d "$PEER_DIR/node_modules/oidc-provider" ] && return 0
    command -v npm >/dev/null 2>&1 || {
        echo "peer: npm not found; install Node.js + npm (Debian: apt-get install -y nodejs npm)" >&2
        exit 1
    }
    # One installer at a time (parallel CTest fixtures); bounded wait.
    lock="$PEER_DIR/.npm-ci.lock"
    i=0
    until mkdir "$lock" 2>/dev/null; do
        i=$((i + 1))
        [ "$i" -gt 300 ] && { echo "peer: timed out waiting for $lock" >&2; exit 1; }
        sleep 1
    done
    trap 'rmdir "$lock" 2>/dev/null || true' EXIT INT TERM
    if ! [ -x "$PEER_DIR/node_modules/.bin/node" ] || ! [ -d "$PEER_DIR/node_modules/oidc-provider" ]; then
        echo "peer: installing locked dependencies (npm ci) in $PEER_DIR" >&2
        (cd "$PEER_DIR" && npm ci --no-audit --no-fund >&2)
    fi
    rmdir "$lock" 2>/dev/null || true
    trap - EXIT INT TERM
}

[ -n "${OAUTH4QT_PEER_NODE:-}" ] || ensure_deps
exec "$NODE" "$@"
