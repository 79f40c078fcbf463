# bench_grant: client CPU time per client_credentials grant (client_secret_basic) with oauth4qt,
# beside a raw QNetworkAccessManager POST + QJsonDocument parse of the same response and beside
# oauth4webapi on Node, against the same local oidc-provider.
add_executable(bench_grant ${CMAKE_CURRENT_LIST_DIR}/bench_grant.cpp)
target_link_libraries(bench_grant PRIVATE OAuth4Qt::Core Qt6::Network)
target_compile_definitions(bench_grant PRIVATE
    OAUTH4QT_NODE_BENCH_DIR="${CMAKE_CURRENT_SOURCE_DIR}/node")
