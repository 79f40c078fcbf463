#!/usr/bin/env bash
# Installs the built tree, moves the installation elsewhere (it must be relocatable), then
# configures, builds and runs a consumer project against it with find_package(OAuth4Qt).
set -euo pipefail
build_dir=$1; source_dir=$2; work=$3
# The build's own compiler and linker flags (a sanitizer build needs them in the consumer too).
cxx_flags=${4:-}; link_flags=${5:-}
rm -rf "$work"; mkdir -p "$work"
cmake --install "$build_dir" --prefix "$work/first-prefix" > "$work/install.log"
mv "$work/first-prefix" "$work/moved-prefix"
cmake -S "$source_dir/consumer" -B "$work/consumer-build" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/moved-prefix" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$cxx_flags" -DCMAKE_EXE_LINKER_FLAGS="$link_flags" > "$work/configure.log"
cmake --build "$work/consumer-build" > "$work/build.log"
LD_LIBRARY_PATH="$work/moved-prefix/lib:$work/moved-prefix/lib/$(gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu):${LD_LIBRARY_PATH:-}" \
  "$work/consumer-build/consumer"
# The installed headers must not include private or generated-elsewhere headers.
if grep -rl '_p\.h' "$work/moved-prefix/include/oauth4qt" ; then
  echo "installed public headers include private headers" >&2; exit 1
fi
echo "package test: OK"
