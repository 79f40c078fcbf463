# bench_mldsa: ML-DSA-44/65/87 JWS signatures and verifications per second with oauth4qt beside
# raw OpenSSL (EVP_DigestSign/EVP_DigestVerify, one shot) with the same key. Where the OpenSSL in
# use has no ML-DSA (before 3.5) it prints so and succeeds. Included by tests/benchmarks/CMakeLists.txt.
add_executable(bench_mldsa ${CMAKE_CURRENT_LIST_DIR}/bench_mldsa.cpp)
target_link_libraries(bench_mldsa PRIVATE OAuth4Qt::Core OpenSSL::Crypto)
