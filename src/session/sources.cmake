# Issue 5: DPoP keys, device authorization and CIBA flows, token session, token storage.
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/dpop.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pollingresponses.cpp
    ${CMAKE_CURRENT_LIST_DIR}/session_p.h
)
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/tokenpoller.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tokenpoller_p.h
    ${CMAKE_CURRENT_LIST_DIR}/pollingflow_p.h
    ${CMAKE_CURRENT_LIST_DIR}/deviceauthorizationflow.cpp
)
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/tokenstore.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tokensession.cpp
)
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/backchannelauthenticationflow.cpp
)
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/tokensession_resource.cpp
)
