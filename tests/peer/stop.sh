#!/bin/sh
# stop.sh INFO_FILE — stops the provider started by start.sh with the same INFO_FILE.
# Succeeds when nothing is running.
set -eu
[ $# -ge 1 ] || { echo "usage: $0 INFO_FILE" >&2; exit 2; }
INFO=$1
case "$INFO" in /*) ;; *) INFO="$(pwd)/$INFO" ;; esac
BASE=${INFO%.json}
PIDFILE="$BASE.pid"
if [ ! -s "$PIDFILE" ]; then
    echo "peer: not running ($PIDFILE absent)"
    rm -f "$INFO"
    exit 0
fi
PID=$(cat "$PIDFILE")
# Only signal the process if it is really our provider (pids get reused).
if [ -r "/proc/$PID/cmdline" ] && tr '\0' ' ' <"/proc/$PID/cmdline" | grep -q "provider.mjs --info $INFO"; then
    kill -TERM "$PID" 2>/dev/null || true
    i=0
    # Gone, or a zombie waiting for a reaper that may never come (containers): both count as stopped.
    while kill -0 "$PID" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$PID/status" 2>/dev/null; do
        i=$((i + 1))
        if [ "$i" -gt 40 ]; then
            kill -KILL "$PID" 2>/dev/null || true
            break
        fi
        sleep 0.25
    done
    echo "peer: stopped pid $PID"
else
    echo "peer: pid $PID is not the provider any more; nothing to stop"
fi
rm -f "$INFO" "$PIDFILE"
