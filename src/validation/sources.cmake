list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/idtokenvalidator.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jwkscache.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jwtvalidator.cpp
)
list(APPEND OAUTH4QT_SOURCES ${CMAKE_CURRENT_LIST_DIR}/oidcendpoints.cpp)
list(APPEND OAUTH4QT_SOURCES ${CMAKE_CURRENT_LIST_DIR}/algorithmpolicy.cpp)
