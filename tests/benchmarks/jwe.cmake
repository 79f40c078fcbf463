# bench_jwe: JWE decryptions per second per alg/enc pair (Jwe::decrypt, the parser and the
# decryptor), beside raw OpenSSL on the pre-split segments and jose's compactDecrypt on Node.
# Included by tests/benchmarks/CMakeLists.txt.
add_executable(bench_jwe ${CMAKE_CURRENT_LIST_DIR}/bench_jwe.cpp)
target_link_libraries(bench_jwe PRIVATE OAuth4Qt::Core OpenSSL::Crypto)
target_include_directories(bench_jwe PRIVATE "${PROJECT_SOURCE_DIR}/src")
target_compile_definitions(bench_jwe PRIVATE OAUTH4QT_BENCH_NODE_DIR="${CMAKE_CURRENT_LIST_DIR}/node")
