#!/bin/sh
# start.sh INFO_FILE [provider.mjs flags...]
# Starts the oidc-provider fixture in the background (Node 22 from node_modules), waits (at most
# OAUTH4QT_PEER_START_TIMEOUT seconds, default 30) until INFO_FILE exists and the discovery
# document answers. The pid file (INFO_FILE minus .json plus .pid) and log (.log) sit next to it.
# The server exits by itself after OAUTH4QT_PEER_MAX_LIFETIME seconds (default 3600).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 INFO_FILE [provider flags...]" >&2; exit 2; }
PEER_DIR=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
INFO=$1
shift
case "$INFO" in /*) ;; *) INFO="$(pwd)/$INFO" ;; esac
BASE=${INFO%.json}
PIDFILE="$BASE.pid"
LOG="$BASE.log"
TIMEOUT=${OAUTH4QT_PEER_START_TIMEOUT:-30}
mkdir -p "$(dirname -- "$INFO")"

# A fixture left over from an aborted run goes first.
sh "$PEER_DIR/stop.sh" "$INFO" >/dev/null 2>&1 || true
rm -f "$INFO" "$PIDFILE"

# Dependencies before the clock starts (npm ci may take a while on a fresh machine).
sh "$PEER_DIR/node.sh" --version >/dev/null

nohup sh "$PEER_DIR/node.sh" "$PEER_DIR/provider.mjs" --info "$INFO" --pid "$PIDFILE" \
    --max-lifetime "${OAUTH4QT_PEER_MAX_LIFETIME:-3600}" "$@" >"$LOG" 2>&1 </dev/null &
LAUNCHED=$!

fail() {
    echo "peer: $1" >&2
    echo "---- $LOG" >&2
    cat "$LOG" >&2 || true
    kill "$LAUNCHED" 2>/dev/null || true
    rm -f "$INFO" "$PIDFILE"
    exit 1
}

i=0
while :; do
    if [ -s "$INFO" ]; then
        if sh "$PEER_DIR/node.sh" -e '
            const info = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
            fetch(info.discovery_url, { signal: AbortSignal.timeout(2000) })
              .then((r) => r.json()).then((d) => process.exit(d.issuer === info.issuer ? 0 : 1))
              .catch(() => process.exit(1));' "$INFO" 2>/dev/null; then
            break
        fi
    fi
    kill -0 "$LAUNCHED" 2>/dev/null || fail "provider exited during start-up"
    i=$((i + 1))
    [ "$i" -le $((TIMEOUT * 4)) ] || fail "provider not ready after ${TIMEOUT}s"
    sleep 0.25
done
echo "peer: $(sed -n 's/.*"issuer": "\(.*\)".*/\1/p' "$INFO") ready (pid $(cat "$PIDFILE"), info $INFO, log $LOG)"
