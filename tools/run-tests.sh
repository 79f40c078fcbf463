#!/usr/bin/env bash
# Every test: on Debian bookworm as root, installs what is missing, then
#   1. builds everything (library, QML module, examples, tests, benchmarks; warnings are errors)
#      and runs the whole CTest suite: unit suites with in-process hostile servers, the
#      oidc-provider integration suites, the CLI contract, headless-Chromium end-to-end tests,
#      QML tests, example screenshots, the installed-package consumer;
#   2. rebuilds with AddressSanitizer + UndefinedBehaviorSanitizer and runs the suite again;
#   3. builds the libFuzzer targets with clang and runs each briefly from its seed corpus;
#   4. runs the benchmarks and prints their tables;
#   5. builds everything on Debian trixie (Qt 6.8 LTS, GCC 14, OpenSSL 3.5) in a debootstrap chroot
#      and runs the unit suites there (tools/run-qt-matrix.sh --unit-only trixie; skipped with
#      OAUTH4QT_SKIP_QT_MATRIX=1). The whole matrix (trixie and sid, every suite) is
#      tools/run-qt-matrix.sh.
# Ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
fuzz_seconds=${OAUTH4QT_FUZZ_SECONDS:-15}

bash tools/install-deps.sh --test

passed=0; failed=0
ctest_run() { # ctest_run --preset NAME [ctest args]
  local log; log=$(mktemp)
  set +e
  ctest "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  set -e
  local line; line=$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log" | tail -n 1 || true)
  if [ -n "$line" ]; then
    local total failures
    failures=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\2/' <<<"$line")
    passed=$((passed + total - failures)); failed=$((failed + failures))
  elif [ "$rc" -ne 0 ]; then
    failed=$((failed + 1))
  fi
  # What failed, kept for the digest at the end (a CI log shows its tail).
  local dir=build/$2 # always called as ctest_run --preset NAME ...
  sed -n '/The following tests FAILED:/,/Errors while running CTest/p' "$log" \
    | sed -nE 's/^[[:space:]]*[0-9]+ - ([^ ]+) .*/\1/p' | while read -r t; do echo "$dir $t"; done >> "$failures"
  rm -f "$log"
  return 0
}

failures=$(mktemp)
# The output of each failed test and the fixture's view of it, printed last, where a CI log's tail
# shows it.
digest() {
  [ -s "$failures" ] || return 0
  echo
  echo "==== failures digest"
  while read -r dir t; do
    echo "---- $t ($dir): the end of its output"
    awk -v t="$t" '$0 ~ ("Testing: " t "$") {on=1} on {print} on && $0 ~ ("\"" t "\" end time") {on=0}' \
      "$dir/Testing/Temporary/LastTest.log" 2>/dev/null | grep -vE '^(PASS|QDEBUG|QINFO)' | tail -n 60
  done < "$failures"
  for f in build/*/tests/peer/*.log build/*/tests/peer/*/*.log; do
    [ -f "$f" ] || continue
    echo "---- fixture $f: errors and unanswered requests"
    grep -E 'grant\.error (invalid_grant|access_denied|expired_token)|closed before the answer|Error' "$f" | tail -n 15 || true
  done
}
export OAUTH4QT_PEER_TRACE=1

echo "==== 1. build and test (RelWithDebInfo)"
cmake --preset release > /dev/null
cmake --build --preset release -j "$(nproc)"
sync # the build's dirty pages out of the way of the tests' fsyncs
ctest_run --preset release -j 2 --timeout 600

echo "==== 2. AddressSanitizer + UndefinedBehaviorSanitizer"
cmake --preset asan > /dev/null
cmake --build --preset asan -j "$(nproc)"
sync
ctest_run --preset asan -j 2 --timeout 900 -LE screenshot -E package_static # the static package build is not memory-safety work

echo "==== 3. fuzzers (${fuzz_seconds} s each)"
cmake --preset fuzz > /dev/null
fuzzers=$(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
cmake --build --preset fuzz -j "$(nproc)" --target $fuzzers
for f in $fuzzers; do
  corpus_name=${f#fuzz_}
  work=$(mktemp -d)
  [ -d "tests/fuzz/corpus/$corpus_name" ] && cp -r "tests/fuzz/corpus/$corpus_name/." "$work/"
  if "build/fuzz/tests/fuzz/$f" -max_total_time="$fuzz_seconds" -rss_limit_mb=4096 -print_final_stats=0 \
       "$work" > "build/fuzz/$f.log" 2>&1; then
    echo "fuzz $f: OK ($(grep -c '' "build/fuzz/$f.log") log lines)"
    passed=$((passed + 1))
  else
    echo "fuzz $f: FAILED"; tail -n 40 "build/fuzz/$f.log"
    failed=$((failed + 1))
  fi
  rm -rf "$work"
done

echo "==== 4. benchmarks"
if bash tests/benchmarks/run-benchmarks.sh "$root/build/release"; then
  passed=$((passed + 1))
else
  echo "benchmarks: FAILED"; failed=$((failed + 1))
fi

echo "==== 5. Qt 6.8 LTS: Debian trixie, build and unit suites"
if [ "${OAUTH4QT_SKIP_QT_MATRIX:-0}" = 1 ]; then
  echo "skipped (OAUTH4QT_SKIP_QT_MATRIX=1)"
else
  matrix_log=$(mktemp)
  # At most 40 minutes (an estimated 10 to 15 on an idle 2-core machine), so CI stays in its limit.
  OAUTH4QT_MATRIX_TIMEOUT=${OAUTH4QT_MATRIX_TIMEOUT:-2400} \
    bash tools/run-qt-matrix.sh --unit-only trixie 2>&1 | tee "$matrix_log" || true
  matrix_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$matrix_log" | tail -n 1 || true)
  if [ -n "$matrix_line" ]; then
    passed=$((passed + ${matrix_line%% passed*}))
    matrix_failed=${matrix_line#*passed, }; failed=$((failed + ${matrix_failed%% failed}))
  else
    echo "Qt matrix: FAILED"; failed=$((failed + 1))
  fi
  rm -f "$matrix_log"
fi

digest
rm -f "$failures"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
