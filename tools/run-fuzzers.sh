#!/usr/bin/env bash
# Long fuzzing runs: builds the libFuzzer targets (the "fuzz" preset, clang), runs each target for
# an execution count or a time, prints a table of executions per target, and merges what a run
# found into the committed corpus (tests/fuzz/corpus/<name>; only inputs with new coverage).
#
#   tools/run-fuzzers.sh [--runs N | --seconds S] [--timeout S] [--no-build] [--no-merge] [TARGET...]
#
#   --runs N      executions per target (default 10000000)
#   --seconds S   run each target for S seconds instead
#   --timeout S   an input running longer than S seconds (wall clock) is a finding (default 120:
#                 libFuzzer's alarm counts wall time, and a niced fuzzer on a busy machine can
#                 sit 30 s in one system call; a real hang still shows within the limit)
#   --no-build    use the targets already built in build/fuzz
#   --no-merge    leave tests/fuzz/corpus alone
#   TARGET        fuzz_<name> or <name>; default: every tests/fuzz/fuzz_*.cpp
#
# Targets run one at a time. On a shared machine run it as `nice -n 19 tools/run-fuzzers.sh`.
# A crash, leak or timeout stops that target, is reported in the table with its reproducer
# (build/fuzz/artifacts/), and makes the script exit 1. CI runs every target briefly instead
# (tools/run-tests.sh, stage 3).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

runs=10000000; seconds=""; timeout=120; build=1; merge=1; targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=${2:?--runs needs a number}; seconds=""; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --timeout) timeout=${2:?--timeout needs a number}; shift 2 ;;
    --no-build) build=0; shift ;;
    --no-merge) merge=0; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
    *) t=${1#fuzz_}; targets+=("fuzz_$t"); shift ;;
  esac
done
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
fi
for t in "${targets[@]}"; do
  [ -f "tests/fuzz/$t.cpp" ] || { echo "no fuzz target tests/fuzz/$t.cpp" >&2; exit 2; }
done

bin=build/fuzz/tests/fuzz
if [ "$build" -eq 1 ]; then
  launcher=()
  command -v ccache > /dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake --preset fuzz "${launcher[@]}" > /dev/null
  cmake --build build/fuzz -j "$(nproc)" --target "${targets[@]}"
fi

artifacts="$root/build/fuzz/artifacts"
mkdir -p "$artifacts"
if [ -n "$seconds" ]; then limit=(-max_total_time="$seconds"); what="$seconds s each"
else limit=(-runs="$runs"); what="$runs executions each"; fi
echo "fuzzing ${#targets[@]} target(s), $what"

rows=(); failed=0
for t in "${targets[@]}"; do
  name=${t#fuzz_}
  corpus="tests/fuzz/corpus/$name"
  mkdir -p "$corpus"
  work=$(mktemp -d)
  cp -r "$corpus/." "$work/"
  log="build/fuzz/$t.long.log"
  before=$(ls "$corpus" | wc -l)
  start=$(date +%s)
  set +e
  "$bin/$t" "${limit[@]}" -rss_limit_mb=4096 -timeout="$timeout" -print_final_stats=1 \
    -artifact_prefix="$artifacts/$name-" "$work" > "$log" 2>&1
  rc=$?
  set -e
  elapsed=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
  status=ok
  if [ "$rc" -ne 0 ]; then
    status="FAILED (rc $rc, see $log)"; failed=1
    grep -E '^==[0-9]+==ERROR|^SUMMARY|Test unit written' "$log" | head -n 5 | sed 's/^/    /'
  fi
  added=0
  if [ "$merge" -eq 1 ] && [ "$rc" -eq 0 ]; then
    # Only inputs that add coverage to the committed corpus are copied into it.
    "$bin/$t" -merge=1 -rss_limit_mb=4096 -timeout="$timeout" "$corpus" "$work" > "build/fuzz/$t.merge.log" 2>&1 \
      || { status="merge FAILED (see build/fuzz/$t.merge.log)"; failed=1; }
    added=$(( $(ls "$corpus" | wc -l) - before ))
  fi
  rm -rf "$work"
  rows+=("$(printf '%-26s %14s %9s %10s  %s' "$t" "${execs:-?}" "$elapsed" "$added" "$status")")
  echo "${rows[-1]}"
done

echo
printf '%-26s %14s %9s %10s  %s\n' target executions seconds "new seeds" status
for r in "${rows[@]}"; do echo "$r"; done
printf 'corpus: %s files, %s bytes\n' "$(find tests/fuzz/corpus -type f | wc -l)" \
  "$(find tests/fuzz/corpus -type f -exec cat {} + | wc -c)"
exit "$failed"
