# bench_sessionsoak: a TokenSession through a simulated week on a TestClock (30 s and 120 s
# access tokens, rotating refresh tokens, an in-process token endpoint): refreshes, wall time
# and the process RSS per simulated day (memory growth over the soak). Prints a table only.
if(TARGET oauth4qt_testsupport)
    add_executable(bench_sessionsoak ${CMAKE_CURRENT_LIST_DIR}/bench_sessionsoak.cpp)
    target_link_libraries(bench_sessionsoak PRIVATE OAuth4Qt::Core Qt6::Network oauth4qt_testsupport)
    target_include_directories(bench_sessionsoak PRIVATE "${PROJECT_SOURCE_DIR}/src")
endif()
