// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
//
// Pure, allocation-bounded parsing of what a browser sends to the loopback redirect listener
// (RFC 8252 section 7.3): the HTTP/1.x request head and the callback's query string. Kept free
// of sockets so that it can be fuzzed (tests/fuzz/fuzz_loopback_request.cpp).
#pragma once

#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <utility>

namespace OAuth4Qt {
namespace Internal {

struct HttpRequestLimits
{
    //! Longest request line (without CRLF). Requests with a longer line get 414.
    qsizetype maxRequestLineLength = 32 * 1024;
    //! Most bytes of header fields (all lines after the request line, CRLFs included): 431 beyond.
    qsizetype maxHeaderBytes = 32 * 1024;
    //! Most header fields: 431 beyond.
    int maxHeaderCount = 100;
};

struct OAUTH4QT_TESTS_EXPORT HttpRequestHead
{
    enum class Status {
        Incomplete,           //!< valid so far; more bytes needed
        Complete,             //!< a full, syntactically valid head
        BadRequest,           //!< 400: not HTTP/1.x, invalid characters, header without colon, ...
        UriTooLong,           //!< 414: request line longer than the limit
        HeaderFieldsTooLarge, //!< 431: header section larger than the limits
    };

    Status status = Status::Incomplete;
    QByteArray method;   //!< as sent (case-sensitive token)
    QByteArray target;   //!< request-target, raw (not decoded)
    QByteArray version;  //!< "HTTP/1.1" or "HTTP/1.0"
    //! Header fields in order; names lower-cased, values without leading/trailing whitespace.
    QList<std::pair<QByteArray, QByteArray>> headers;
    //! Bytes of the head including the final empty line (Complete only).
    qsizetype headLength = 0;
    //! Static English reason for logs (never request data).
    const char *reason = "";

    //! All values of header \a lowerCaseName.
    QList<QByteArray> headerValues(const QByteArray &lowerCaseName) const;
};

/*!
    Parses the beginning of \a data as an HTTP/1.x request head (RFC 9112), strictly:
    request line "method SP request-target SP HTTP/1.(0|1)" with CRLF line ends; header fields
    "name: value" with a token name and no whitespace before the colon; no obs-fold; no control
    characters (NUL included) anywhere. Bytes after the head (a body, pipelined requests) are not
    looked at. Incomplete input is checked as far as it goes, so non-HTTP bytes (a TLS ClientHello,
    binary garbage) are refused at once.
*/
OAUTH4QT_TESTS_EXPORT HttpRequestHead parseHttpRequestHead(const QByteArray &data,
                                                           const HttpRequestLimits &limits = {});

struct RequestTarget
{
    bool originForm = false; //!< starts with '/' (absolute-form, authority-form and '*' do not)
    bool valid = false;      //!< false when the target contains '#'
    QByteArray path;         //!< raw, not decoded
    QByteArray query;        //!< raw, without '?'
    bool hasQuery = false;
};

OAUTH4QT_TESTS_EXPORT RequestTarget splitRequestTarget(const QByteArray &target);

struct CallbackQuery
{
    enum class Status {
        Ok,
        InvalidEncoding,    //!< bad %XX, invalid UTF-8, empty name, or a character not allowed in a query
        DuplicateParameter, //!< a name appears more than once
    };
    Status status = Status::Ok;
    QList<std::pair<QString, QString>> parameters; //!< decoded, in order (Ok only)
    const char *reason = "";
};

/*!
    Decodes an application/x-www-form-urlencoded query strictly: '+' is a space, '%' must be
    followed by two hex digits, the decoded bytes must be valid UTF-8 (no overlong forms, no
    surrogates; a BOM is kept), every name must be non-empty and appear once. Empty pieces
    ("a=1&&b=2", a trailing '&') are skipped. A piece without '=' is a name with an empty value.
*/
OAUTH4QT_TESTS_EXPORT CallbackQuery parseCallbackQuery(const QByteArray &encodedQuery);

} // namespace Internal
} // namespace OAuth4Qt
