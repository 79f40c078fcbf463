# bench_memory: private memory of an idle Qt application after discovery and one
# client_credentials grant over https, with oauth4qt and with a raw QNetworkAccessManager. Each
# variant is its own small program (bench_memory_oauth4qt links the library, bench_memory_raw only
# Qt), started as a fresh process by bench_memory, which serves https (the in-process test server
# with the committed test certificate) and prints the difference. Included by
# tests/benchmarks/CMakeLists.txt.
add_executable(bench_memory_raw ${CMAKE_CURRENT_LIST_DIR}/bench_memory_client.cpp)
target_link_libraries(bench_memory_raw PRIVATE Qt6::Network)
add_executable(bench_memory_oauth4qt ${CMAKE_CURRENT_LIST_DIR}/bench_memory_client.cpp)
target_link_libraries(bench_memory_oauth4qt PRIVATE OAuth4Qt::Core Qt6::Network)
target_compile_definitions(bench_memory_oauth4qt PRIVATE OAUTH4QT_BENCH_MEMORY_LIBRARY)
if(TARGET oauth4qt_testsupport)
    add_executable(bench_memory ${CMAKE_CURRENT_LIST_DIR}/bench_memory.cpp)
    target_link_libraries(bench_memory PRIVATE oauth4qt_testsupport Qt6::Network)
    add_dependencies(bench_memory bench_memory_raw bench_memory_oauth4qt)
    target_compile_definitions(bench_memory PRIVATE
        OAUTH4QT_TEST_CA_FILE="${PROJECT_SOURCE_DIR}/tests/common/data/testserver.crt")
endif()
