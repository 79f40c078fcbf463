#!/usr/bin/env bash
# The main job: on Debian bookworm as root, installs what is missing, builds oauth4qt-cli,
# starts a local OpenID Connect server (oidc-provider) on a free loopback port, and runs the
# CLI through discovery and a client credentials grant, printing each JSON result.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

bash tools/install-deps.sh

build=build/demo
mkdir -p "$build"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  -DOAUTH4QT_BUILD_QML=OFF -DOAUTH4QT_BUILD_TRANSLATIONS=ON > "$build/configure.log" 2>&1 \
  || { cat "$build/configure.log"; exit 1; }
cmake --build "$build" --target oauth4qt-cli >&2
cli="$root/$build/examples/cli/oauth4qt-cli"

info="$root/$build/peer-info.json"
sh tests/peer/start.sh "$info"
trap 'sh "$root/tests/peer/stop.sh" "$info" >/dev/null 2>&1 || true' EXIT

field() { sh tests/peer/node.sh -e 'const i=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"));
  console.log(process.argv[2].split(".").reduce((o,k)=>o[k],i))' "$info" "$1"; }
issuer=$(field issuer)
client_id=$(field clients.basic.client_id)
client_secret=$(field clients.basic.client_secret)

echo "== local authorization server: $issuer" >&2
echo "== oauth4qt-cli discover" >&2
"$cli" --issuer "$issuer" --allow-insecure-http discover
echo >&2
echo "== oauth4qt-cli client-credentials (client_secret_basic, scope api:read)" >&2
"$cli" --issuer "$issuer" --allow-insecure-http --client-id "$client_id" --client-secret "$client_secret" \
  --scope "api:read" client-credentials
echo >&2
