#!/bin/sh
# run.sh SCRIPT.mjs [options]: runs a Node peer benchmark with Node 22 from tests/peer/node_modules
# (installing it with `npm ci` on first use).
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 SCRIPT.mjs [options]" >&2; exit 2; }
script=$1
shift
case "$script" in /*) ;; *) script="$HERE/$script" ;; esac
exec sh "$HERE/../../peer/node.sh" "$script" "$@"
