#!/usr/bin/env bash
# Packaging tests (see CMakeLists.txt here). Usage:
#   package_test.sh install <build dir> <source dir> <work dir>
#   package_test.sh static  <build dir> <source dir> <work dir>
# Environment (set by CTest): CMAKE_GENERATOR, CXX, OAUTH4QT_CXX_LAUNCHER, OAUTH4QT_CXX_FLAGS,
# OAUTH4QT_LINKER_FLAGS (a sanitizer build's flags reach the consumers), OAUTH4QT_QTPATHS,
# OAUTH4QT_QMLLINT, OAUTH4QT_PKG_CONFIG.
set -euo pipefail
mode=$1; build_dir=$2; source_dir=$3; work=$4
rm -rf "$work"; mkdir -p "$work"
started=$(date +%s)

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "-- [$(( $(date +%s) - started ))s] $*"; }
# run <log name> <command...>: the command's output goes to $work/<log name>.log, shown on failure.
run() {
  local log="$work/$1.log"; shift
  if ! "$@" > "$log" 2>&1; then
    echo "FAIL: $*" >&2; tail -n 60 "$log" >&2; exit 1
  fi
}
# configure <log name> <source> <build> [cmake args...]: a consumer project as a user builds it.
configure() {
  local name=$1 src=$2 bld=$3; shift 3
  local args=(-S "$src" -B "$bld" -DCMAKE_BUILD_TYPE=Release
              "-DCMAKE_CXX_FLAGS=${OAUTH4QT_CXX_FLAGS:-}" "-DCMAKE_EXE_LINKER_FLAGS=${OAUTH4QT_LINKER_FLAGS:-}")
  [ -n "${CMAKE_GENERATOR:-}" ] && args+=(-G "$CMAKE_GENERATOR")
  [ -n "${CXX:-}" ] && args+=("-DCMAKE_CXX_COMPILER=$CXX")
  [ -n "${OAUTH4QT_CXX_LAUNCHER:-}" ] && args+=("-DCMAKE_CXX_COMPILER_LAUNCHER=$OAUTH4QT_CXX_LAUNCHER")
  run "$name-configure" cmake "${args[@]}" "$@"
}
# Runs a program as a user would: no LD_LIBRARY_PATH, no QML_IMPORT_PATH unless given.
run_clean() { env -u LD_LIBRARY_PATH -u QML_IMPORT_PATH -u QML2_IMPORT_PATH "$@"; }

qt_query() { # qt_query QT_INSTALL_QML
  if [ -n "${OAUTH4QT_QTPATHS:-}" ]; then "$OAUTH4QT_QTPATHS" --query "$1"
  else qmake6 -query "$1"; fi
}

# Every reference type of the module names its base type (a derived type without "prototype"
# is unknown to qmllint and Qt Creator as a QObject, let alone as its base).
check_qmltypes() {
  awk '
    /^    Component \{/ { in_c = 1; name = ""; ref = 0; proto = 0; next }
    in_c && /^        name:/ { name = $2 }
    in_c && /accessSemantics: "reference"/ { ref = 1 }
    in_c && /^        prototype:/ { proto = 1 }
    in_c && /^    \}/ { if (ref && !proto) { print "no prototype: " name; bad = 1 } in_c = 0 }
    END { exit bad }' "$1" || fail "$1 has types without their base type"
  local derived base
  for pair in MemoryTokenStore:TokenStore KeychainTokenStore:TokenStore \
              LoopbackListener:RedirectHandler UriSchemeHandler:RedirectHandler; do
    derived=${pair%%:*}; base=${pair#*:}
    grep -A3 "name: \"OAuth4Qt::$derived\"" "$1" | grep -q "prototype: \"OAuth4Qt::$base\"" \
      || fail "$derived does not name its base type $base in $1"
  done
}

case "$mode" in
install)
  # 1. Install with prefix /usr into a staging directory.
  step "install into DESTDIR=$work/stage with prefix /usr"
  DESTDIR="$work/stage" run install cmake --install "$build_dir" --prefix /usr
  stage="$work/stage/usr"

  # 2. The QML module is in Qt's QML import directory for the prefix.
  qt_prefix=$(qt_query QT_INSTALL_PREFIX); qt_qml=$(qt_query QT_INSTALL_QML)
  case "$qt_qml" in "$qt_prefix"/*) ;; *) fail "QT_INSTALL_QML $qt_qml is not under $qt_prefix" ;; esac
  qml_rel=${qt_qml#"$qt_prefix"/}
  module="$stage/$qml_rel/OAuth4Qt"
  step "QML module in Qt's QML import directory: /usr/$qml_rel/OAuth4Qt"
  [ -f "$module/qmldir" ] || fail "no qmldir in $module (installed: $(cd "$stage" && find . -name qmldir))"
  [ -f "$module/oauth4qtqml.qmltypes" ] || fail "no oauth4qtqml.qmltypes in $module"
  plugin=$(find "$module" -maxdepth 1 -name 'liboauth4qtqml*.so' | head -n 1)
  [ -n "$plugin" ] || fail "no plugin in $module"
  check_qmltypes "$module/oauth4qtqml.qmltypes"
  # The plugin finds liboauth4qt through its relative RUNPATH.
  ldd "$plugin" | grep 'liboauth4qt\.so' | grep -q "$work/stage/" \
    || fail "the QML plugin does not find the staged liboauth4qt: $(ldd "$plugin" | grep oauth4qt)"

  # 3. Installed programs start; the examples are not installed by default.
  step "installed programs: RUNPATH relative to the prefix"
  cli="$stage/bin/oauth4qt-cli"
  if [ -x "$cli" ]; then
    readelf -d "$cli" | grep -E 'R(UN)?PATH' | grep -q '\$ORIGIN/' || fail "oauth4qt-cli has no \$ORIGIN RUNPATH"
    run cli-version run_clean "$cli" --version
    grep -q '"version"' "$work/cli-version.log" || fail "oauth4qt-cli --version printed no version"
  fi
  for example in oauth4qt-desktop-example oauth4qt-quick-example; do
    [ ! -e "$stage/bin/$example" ] || fail "$example is installed by default"
  done
  if grep -rl '_p\.h' "$stage/include/oauth4qt"; then
    fail "installed public headers include private headers"
  fi
  pc=$(find "$stage" -name oauth4qt.pc | head -n 1)
  [ -n "$pc" ] || fail "no oauth4qt.pc installed"

  # 4. The installation is relocatable: the consumers use it from another directory.
  mv "$stage" "$work/prefix"; prefix="$work/prefix"; rm -rf "$work/stage"
  qml_dir="$prefix/$qml_rel"

  step "Widgets consumer (find_package(OAuth4Qt))"
  configure consumer "$source_dir/tests/package/consumer" "$work/consumer" "-DCMAKE_PREFIX_PATH=$prefix"
  run consumer-build cmake --build "$work/consumer"
  run consumer-run run_clean "$work/consumer/consumer"
  cat "$work/consumer-run.log"

  step "QML consumer (find_package(OAuth4Qt COMPONENTS Qml), QML_IMPORT_PATH=$qml_dir)"
  configure qmlconsumer "$source_dir/tests/package/qmlconsumer" "$work/qmlconsumer" "-DCMAKE_PREFIX_PATH=$prefix"
  run qmlconsumer-build cmake --build "$work/qmlconsumer"
  run qmlconsumer-run run_clean QML_IMPORT_PATH="$qml_dir" "$work/qmlconsumer/qmlconsumer"
  cat "$work/qmlconsumer-run.log"

  # 5. Each example on its own, as Qt Creator opens it.
  for example in cli desktop quick; do
    step "examples/$example standalone"
    configure "example-$example" "$source_dir/examples/$example" "$work/example-$example" \
      "-DCMAKE_PREFIX_PATH=$prefix" "-DCMAKE_INSTALL_PREFIX=$work/example-prefix"
    run "example-$example-build" cmake --build "$work/example-$example"
  done
  # The standalone CLI, installed into its own prefix, starts (oauth4qt is in another prefix).
  run example-cli-install cmake --install "$work/example-cli"
  run example-cli-run run_clean "$work/example-prefix/bin/oauth4qt-cli" --version
  # Qt Creator's code model finds the module through the QML_IMPORT_PATH cache entry.
  grep -q "^QML_IMPORT_PATH:.*$qml_dir" "$work/example-quick/CMakeCache.txt" \
    || fail "examples/quick standalone does not set QML_IMPORT_PATH to $qml_dir"

  # 6. qmllint on examples/quick against the installed module: no warning.
  if [ -n "${OAUTH4QT_QMLLINT:-}" ]; then
    step "qmllint examples/quick"
    set +e
    (cd "$source_dir/examples/quick" && "$OAUTH4QT_QMLLINT" -I "$qml_dir" Main.qml ClaimsView.qml) > "$work/qmllint.log" 2>&1
    rc=$?
    set -e
    if [ $rc -ne 0 ] || grep -q 'Warning' "$work/qmllint.log"; then
      cat "$work/qmllint.log" >&2; fail "qmllint reports warnings on examples/quick"
    fi
  else
    fail "qmllint not found (Qt6::qmllint)"
  fi

  # 7. pkg-config: the Widgets consumer built without CMake.
  if [ -n "${OAUTH4QT_PKG_CONFIG:-}" ]; then
    step "pkg-config build"
    pcdir=$(dirname "$(find "$prefix" -name oauth4qt.pc | head -n 1)")
    flags=$(PKG_CONFIG_PATH="$pcdir" "$OAUTH4QT_PKG_CONFIG" --cflags --libs oauth4qt Qt6Widgets)
    libdir=$(PKG_CONFIG_PATH="$pcdir" "$OAUTH4QT_PKG_CONFIG" --variable=libdir oauth4qt)
    # shellcheck disable=SC2086
    run pkgconfig-build "${CXX:-c++}" -std=c++17 -fPIC ${OAUTH4QT_CXX_FLAGS:-} ${OAUTH4QT_LINKER_FLAGS:-} \
      -o "$work/pkgconfig-consumer" "$source_dir/tests/package/consumer/main.cpp" $flags "-Wl,-rpath,$libdir"
    run pkgconfig-run run_clean "$work/pkgconfig-consumer"
  else
    fail "pkg-config not found"
  fi
  ;;

static)
  # 1. FetchContent, static: the library, the static QML plugin and the QML consumer only.
  step "FetchContent consumer, BUILD_SHARED_LIBS=OFF (builds oauth4qt)"
  configure fetchcontent "$source_dir/tests/package/fetchcontent" "$work/fetchcontent" \
    "-DOAUTH4QT_SOURCE_DIR=$source_dir" -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTING=ON \
    "-DCMAKE_INSTALL_PREFIX=$work/prefix" -DCMAKE_BUILD_TYPE=  # unoptimized: compiles fastest
  run fetchcontent-build cmake --build "$work/fetchcontent"
  step "QML consumer with the static plugin (Q_IMPORT_QML_PLUGIN)"
  consumer="$work/fetchcontent/qmlconsumer/qmlconsumer"
  ! ldd "$consumer" | grep -q 'liboauth4qt' || fail "the consumer is not linked statically"
  run fetchcontent-run run_clean "$consumer"
  grep -q 'static plugin' "$work/fetchcontent-run.log" || fail "the consumer did not use the static plugin"
  cat "$work/fetchcontent-run.log"

  # 2. The static package installed, consumed with find_package(OAuth4Qt COMPONENTS Qml).
  step "install the static package"
  run install cmake --install "$work/fetchcontent"
  [ -n "$(find "$work/prefix" -name liboauth4qt.a)" ] || fail "no liboauth4qt.a installed"
  [ -n "$(find "$work/prefix" -path '*/OAuth4Qt/liboauth4qtqml.a')" ] || fail "no static QML plugin installed"
  step "QML consumer against the installed static package"
  configure qmlconsumer "$source_dir/tests/package/qmlconsumer" "$work/qmlconsumer" "-DCMAKE_PREFIX_PATH=$work/prefix"
  run qmlconsumer-build cmake --build "$work/qmlconsumer"
  run qmlconsumer-run run_clean "$work/qmlconsumer/qmlconsumer"
  grep -q 'static plugin' "$work/qmlconsumer-run.log" || fail "the installed static plugin was not used"
  cat "$work/qmlconsumer-run.log"
  ;;
*)
  fail "unknown mode $mode"
  ;;
esac
step "package test ($mode): OK"
