list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/httprequestparser.cpp
    ${CMAKE_CURRENT_LIST_DIR}/redirecthandler.cpp
    ${CMAKE_CURRENT_LIST_DIR}/loopbacklistener.cpp
    ${CMAKE_CURRENT_LIST_DIR}/urischemehandler.cpp
)
list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/authorizationrequest.cpp
    ${CMAKE_CURRENT_LIST_DIR}/authorizationcodeflow.cpp
)
