list(APPEND OAUTH4QT_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/base64url.cpp
    ${CMAKE_CURRENT_LIST_DIR}/base64url_p.h
    ${CMAKE_CURRENT_LIST_DIR}/json.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jsonwebkey.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jwe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/jwe_p.h
    ${CMAKE_CURRENT_LIST_DIR}/jws.cpp
    ${CMAKE_CURRENT_LIST_DIR}/openssl_p.h
)
