list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/clientconfig.cpp
    ${CMAKE_CURRENT_LIST_DIR}/endpoints.cpp
    ${CMAKE_CURRENT_LIST_DIR}/formencoding.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonmembers.cpp
    ${CMAKE_CURRENT_LIST_DIR}/servermetadata.cpp
    ${CMAKE_CURRENT_LIST_DIR}/tokenresponse.cpp
)
list(APPEND OAUTH4QT_SOURCES ${CMAKE_CURRENT_LIST_DIR}/tokensyntax.cpp)
