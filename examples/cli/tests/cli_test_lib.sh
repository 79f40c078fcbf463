# SPDX-License-Identifier: BSD-3-Clause
# Helpers of the oauth4qt-cli tests against the oidc-provider fixture, sourced by
# cli_contract_test.sh and cli_dpop_nonce_test.sh once they have set CLI and INFO (NODE is node
# unless set), and S (the issuer options) before the first run. cli() also checks that none of
# SECRET_BASIC, SECRET_POST and SECRET_JWT (those set) appears in the output.

NODE=${NODE:-node}
[ -n "$NODE" ] || NODE=node
if ! "$NODE" -e 'process.exit(0)' 2>/dev/null; then
    echo "not ok - node is needed to read JSON (set NODE)"; exit 1
fi
if [ ! -x "$CLI" ]; then echo "not ok - no executable $CLI"; exit 1; fi
if [ ! -r "$INFO" ]; then echo "not ok - no peer info file $INFO (is the oidc-provider fixture running?)"; exit 1; fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cli_contract.XXXXXX") || exit 1
OUT="$WORK/stdout"; ERR="$WORK/stderr"
HANG_PID=
cleanup() {
    [ -n "$HANG_PID" ] && kill "$HANG_PID" 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT

FAILURES=0; COUNT=0
pass() { COUNT=$((COUNT + 1)); echo "ok $COUNT - $1"; }
fail() { COUNT=$((COUNT + 1)); FAILURES=$((FAILURES + 1)); echo "not ok $COUNT - $1"; [ -s "$OUT" ] && sed 's/^/#   stdout: /' "$OUT"; [ -s "$ERR" ] && sed 's/^/#   stderr: /' "$ERR" | head -20; return 0; }

# fresh_output: empties stdout/stderr files before a background run. The redirections of a
# background job happen in the forked child, so without this a wait_for in the parent could still
# read the previous run's output.
fresh_output() { : >"$OUT"; : >"$ERR"; }
# info EXPR: a value of the peer info file (`i` is the parsed object).
info() { "$NODE" -e 'const i = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = ('"$1"'); process.stdout.write(v === undefined || v === null ? "" : String(v));' "$INFO"; }
# out EXPR: a value of the last stdout (`j` is the parsed object).
out() { "$NODE" -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); const v = ('"$1"'); process.stdout.write(v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));' "$OUT" 2>/dev/null; }
# one_object: stdout is exactly one JSON object (and nothing else).
one_object() { "$NODE" -e 'const t = require("fs").readFileSync(process.argv[1], "utf8"); const j = JSON.parse(t); if (typeof j !== "object" || j === null || Array.isArray(j)) process.exit(1);' "$OUT" 2>/dev/null; }

# cli ARGS...: runs the CLI (bounded), sets STATUS; checks the output shape and that no secret leaked.
cli() {
    timeout -k 5 60 "$CLI" "$@" >"$OUT" 2>"$ERR" </dev/null
    STATUS=$?
    if [ "$STATUS" -ge 124 ]; then
        fail "oauth4qt-cli $1: ended by timeout or a signal (status $STATUS)"
    elif ! one_object; then
        fail "oauth4qt-cli $1: stdout is not exactly one JSON object"
    fi
    for s in "${SECRET_BASIC:-}" "${SECRET_POST:-}" "${SECRET_JWT:-}"; do
        if [ -n "$s" ] && grep -qF -- "$s" "$ERR" "$OUT"; then fail "oauth4qt-cli $1: a client secret appears in the output"; fi
    done
}

# expect NAME STATUS [EXPR VALUE]...: exit status and members of stdout.
expect() {
    name=$1; want=$2; shift 2
    if [ "$STATUS" != "$want" ]; then fail "$name: exit status $STATUS, expected $want"; return; fi
    while [ $# -ge 2 ]; do
        got=$(out "$1")
        if [ "$got" != "$2" ]; then fail "$name: $1 is \"$got\", expected \"$2\""; return; fi
        shift 2
    done
    pass "$name"
}
# expect_present NAME STATUS EXPR...: exit status, and each EXPR a non-empty value.
expect_present() {
    name=$1; want=$2; shift 2
    if [ "$STATUS" != "$want" ]; then fail "$name: exit status $STATUS, expected $want"; return; fi
    for e in "$@"; do
        if [ -z "$(out "$e")" ]; then fail "$name: $e is missing"; return; fi
    done
    pass "$name"
}

# post PATH: a POST to the fixture's test-control endpoint PATH (relative to test_base_url).
post() { "$NODE" -e 'const i = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  fetch(i.test_base_url + process.argv[2], { method: "POST", signal: AbortSignal.timeout(20000) })
    .then((r) => process.exit(r.ok ? 0 : 1)).catch(() => process.exit(1));' "$INFO" "$1"; }
# wait_for FILE PATTERN: waits (bounded) until FILE contains PATTERN.
wait_for() { n=0; while ! grep -q "$2" "$1" 2>/dev/null && [ "$n" -lt 600 ]; do sleep 0.1; n=$((n + 1)); done; grep -q "$2" "$1"; }

# ciba_run OUTCOME ARGS...: a CIBA grant (poll mode) for alice approved or denied through the
# fixture; sets STATUS and leaves the output in $OUT.
ciba_run() {
    outcome=$1; shift
    fresh_output
    timeout -k 5 90 "$CLI" ciba $S --login-hint alice "$@" >"$OUT" 2>"$ERR" </dev/null &
    pid=$!
    wait_for "$ERR" "Waiting for the user" || true
    # The request reaches the fixture after discovery; under load that can take a while.
    n=0; until post "/ciba/$outcome?login_hint=alice" || [ "$n" -ge 150 ]; do sleep 0.2; n=$((n + 1)); done
    [ "$n" -lt 150 ] || fail "ciba: the fixture never saw the request to $outcome"
    wait "$pid"; STATUS=$?
    one_object || fail "ciba ($outcome): stdout is not exactly one JSON object"
}
