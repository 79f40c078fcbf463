#!/usr/bin/env bash
# run-benchmarks.sh BUILD_DIR: starts a local oidc-provider, runs every benchmark program of the
# build against it (each compares oauth4qt with the raw Qt/OpenSSL baseline and the Node peer in
# the same run) and prints their tables. Never judges the numbers.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:?usage: run-benchmarks.sh BUILD_DIR}
bench="$build/tests/benchmarks"
info="$build/bench-peer-info.json"
sh "$here/../peer/start.sh" "$info" --quiet
trap 'sh "$here/../peer/stop.sh" "$info" >/dev/null 2>&1 || true' EXIT
status=0
for program in bench_grant bench_memory bench_idtoken bench_jwe bench_mldsa bench_dpop bench_listener bench_sessionsoak; do
  [ -x "$bench/$program" ] || continue
  echo "---- $program"
  case $program in
    bench_grant) "$bench/$program" --info "$info" || status=1 ;;
    bench_sessionsoak|bench_mldsa) "$bench/$program" || status=1 ;;
    *) "$bench/$program" --info "$info" || status=1 ;;
  esac
done
exit $status
