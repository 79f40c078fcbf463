#!/usr/bin/env bash
# The lifetime tests under valgrind (memcheck): every suite that deletes objects mid-flight, run
# from an existing release build, fails on the first invalid read or write, use of freed or
# uninitialised memory. CI runs the same suites under AddressSanitizer (tools/run-tests.sh stage
# 2); valgrind checks the uninstrumented release library as applications load it. Leaks are left
# to LeakSanitizer (Qt's global caches would need a long suppression list here).
#
#   tools/run-valgrind.sh [BUILD_DIR] [SUITE[:FUNCTION]...]
#
#   BUILD_DIR   a configured and built tree (default build/release)
#   SUITE       a test program name (default: the lifetime suites below); :FUNCTION runs one
#               test function of it
#
# Installs valgrind when it is missing (apt). The exit status is memcheck's verdict; each suite's
# test totals are printed beside it (suites that scale their waits down, like the polling flows,
# can miss a deadline under valgrind's slowdown: that is not a memory error).
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/release
if [ $# -gt 0 ] && [ -d "$1" ]; then build=$1; shift; fi
suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
  suites=(tst_lifetimes tst_tokensession tst_authorizationcodeflow:hybridEndedMidway
          tst_backchannelauthenticationflow tst_deviceauthorizationflow tst_loopbacklistener)
fi
command -v valgrind > /dev/null || { apt-get update -qq && apt-get install -y -qq valgrind > /dev/null; }

status=0
for entry in "${suites[@]}"; do
  suite=${entry%%:*}
  function=""
  [ "$suite" != "$entry" ] && function=${entry#*:}
  program=$(find "$build/tests" -type f -name "$suite" -perm -u+x | head -n 1)
  if [ -z "$program" ]; then
    echo "no test program $suite under $build/tests" >&2
    status=1
    continue
  fi
  log="$build/valgrind-$suite${function:+-$function}.log"
  start=$(date +%s)
  set +e
  QT_QPA_PLATFORM=offscreen valgrind --tool=memcheck --error-exitcode=99 --leak-check=no \
    --track-origins=yes --log-file="$log.vg" "$program" ${function:+"$function"} > "$log" 2>&1
  rc=$?
  set -e
  totals=$(grep -E '^Totals:' "$log" | tail -n 1)
  errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$log.vg" | tail -n 1)
  printf '%-48s %4ss  memcheck errors: %-3s  %s\n' "$entry" "$(( $(date +%s) - start ))" "${errors:-?}" "${totals:-no totals (see $log)}"
  if [ "$rc" -eq 99 ] || [ "${errors:-1}" != 0 ]; then
    status=1
    grep -E '^==[0-9]+== (Invalid|Use of|Conditional|Syscall)' "$log.vg" | head -n 5 | sed 's/^/    /'
  fi
done
exit "$status"
