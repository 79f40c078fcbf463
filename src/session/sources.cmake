# Issue 5: DPoP keys, device authorization and CIBA flows, token session, token storage.
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/dpop.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pollingresponses.cpp
    ${CMAKE_CURRENT_LIST_DIR}/session_p.h
)
