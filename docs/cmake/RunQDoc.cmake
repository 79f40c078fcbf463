# Runs QDoc and then qhelpgenerator; fails on any QDoc warning or error.
# Called by the `docs` target (docs/CMakeLists.txt) with -D variables:
#   QDOC, QHELPGENERATOR, QDOCCONF, OUTPUT_DIR, QT_INSTALL_DOCS, VERSION, SOURCE_DIR,
#   INCLUDE_DIRS (|-separated), QT_VERSION, LOG
set(ENV{QT_INSTALL_DOCS} "${QT_INSTALL_DOCS}")
set(ENV{QT_VERSION} "${QT_VERSION}")
set(ENV{QT_VER} "${QT_VERSION}")
string(REPLACE "." "" _qt_tag "${QT_VERSION}")
set(ENV{QT_VERSION_TAG} "${_qt_tag}")
set(ENV{OAUTH4QT_VERSION} "${VERSION}")
string(REPLACE "." "" _tag "${VERSION}")
set(ENV{OAUTH4QT_VERSION_TAG} "${_tag}")
set(ENV{OAUTH4QT_SOURCE} "${SOURCE_DIR}")

file(REMOVE_RECURSE "${OUTPUT_DIR}")
file(MAKE_DIRECTORY "${OUTPUT_DIR}")
set(_includes)
string(REPLACE "|" ";" INCLUDE_DIRS "${INCLUDE_DIRS}")
foreach(dir IN LISTS INCLUDE_DIRS)
    list(APPEND _includes "-I${dir}")
endforeach()
execute_process(
    COMMAND "${QDOC}" "${QDOCCONF}" --outputdir "${OUTPUT_DIR}/html" ${_includes}
    RESULT_VARIABLE _rc
    OUTPUT_VARIABLE _out
    ERROR_VARIABLE _out)
file(WRITE "${LOG}" "${_out}")
# clang's diagnostics about Qt's own headers parsed with Q_QDOC (qt.qdoc.clang: ...) are noise;
# QDoc's own findings are "(qdoc) warning", "(qdoc) error" and "qdoc: error".
string(REGEX MATCHALL "[^\n]*(\\(qdoc\\) (warning|error)|qdoc: (warning|error))[^\n]*" _problems "${_out}")
if(NOT _rc EQUAL 0 OR _problems)
    list(LENGTH _problems _n)
    string(REPLACE ";" "\n" _problems "${_problems}")
    message(FATAL_ERROR "QDoc: ${_n} warning(s)/error(s), exit status ${_rc} (full log: ${LOG}):\n${_problems}")
endif()

# Qt's shared QDoc configuration lists template files for the help project that a distribution's
# package may not ship (Debian trixie's Qt 6.8 has no style/tech_preview.svg): leave out the
# <file> entries QDoc did not produce, so that qhelpgenerator has nothing to warn about.
file(READ "${OUTPUT_DIR}/html/oauth4qt.qhp" _qhp)
string(REGEX MATCHALL "<file>[^<]+</file>" _entries "${_qhp}")
foreach(_entry IN LISTS _entries)
    string(REGEX REPLACE "</?file>" "" _path "${_entry}")
    if(NOT EXISTS "${OUTPUT_DIR}/html/${_path}")
        string(REGEX REPLACE "[ \t]*${_entry}\r?\n" "" _qhp "${_qhp}")
        file(APPEND "${LOG}" "oauth4qt.qhp: ${_path} was not produced (missing from Qt's documentation templates); left out\n")
    endif()
endforeach()
file(WRITE "${OUTPUT_DIR}/html/oauth4qt.qhp" "${_qhp}")

execute_process(
    COMMAND "${QHELPGENERATOR}" "${OUTPUT_DIR}/html/oauth4qt.qhp" -o "${OUTPUT_DIR}/oauth4qt.qch"
    RESULT_VARIABLE _rc
    OUTPUT_VARIABLE _out
    ERROR_VARIABLE _out)
file(APPEND "${LOG}" "${_out}")
if(NOT _rc EQUAL 0 OR _out MATCHES "[Ww]arning|[Ee]rror")
    message(FATAL_ERROR "qhelpgenerator failed (${_rc}):\n${_out}")
endif()
