# bench_idtoken: ID Token validations per second with a cached JWKS (RS256, ES256), beside raw
# OpenSSL EVP_DigestVerify of the same token. Included by tests/benchmarks/CMakeLists.txt.
add_executable(bench_idtoken ${CMAKE_CURRENT_LIST_DIR}/bench_idtoken.cpp)
target_link_libraries(bench_idtoken PRIVATE OAuth4Qt::Core OpenSSL::Crypto)
# jose-verify.mjs (the Node peer) runs from the source tree.
target_compile_definitions(bench_idtoken PRIVATE OAUTH4QT_BENCH_NODE_DIR="${CMAKE_CURRENT_LIST_DIR}/node")
