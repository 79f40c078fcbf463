list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/httptransport_p.h
    ${CMAKE_CURRENT_LIST_DIR}/httptransport.cpp
    ${CMAKE_CURRENT_LIST_DIR}/wwwauthenticate.cpp
)
