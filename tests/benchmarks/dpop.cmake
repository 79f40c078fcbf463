# bench_dpop: DPoP proofs (ES256) per second with DPoPKey::proof beside a raw OpenSSL
# EVP_DigestSign of the same signing input, and ES256 private_key_jwt client assertions
# (buildClientAssertion) beside the same raw baseline. Prints a table; no asserts.
add_executable(bench_dpop ${CMAKE_CURRENT_LIST_DIR}/bench_dpop.cpp)
target_link_libraries(bench_dpop PRIVATE OAuth4Qt::Core Qt6::Network OpenSSL::Crypto)
target_include_directories(bench_dpop PRIVATE "${PROJECT_SOURCE_DIR}/src")
