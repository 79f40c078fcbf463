# bench_listener: time from a client's callback request to LoopbackListener::callbackReceived,
# on an idle listener and under hostile background load (silent sockets + garbage connections).
# Included by tests/benchmarks/CMakeLists.txt.
add_executable(bench_listener ${CMAKE_CURRENT_LIST_DIR}/bench_listener.cpp)
target_link_libraries(bench_listener PRIVATE OAuth4Qt::Core Qt6::Network)
