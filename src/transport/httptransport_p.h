// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/QByteArray>
#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>
#include <QtNetwork/QSslConfiguration>

#include <functional>
#include <memory>
#include <utility>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkRequest;
QT_END_NAMESPACE

namespace OAuth4Qt {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

//! One HTTP request as the protocol layer builds it. The transport adds User-Agent, Accept
//! (application/json unless set), and the DPoP header when dpopProof is set.
struct OAUTH4QT_TESTS_EXPORT HttpRequest
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    HeaderList headers;   //!< e.g. Content-Type, Authorization
    QByteArray body;

    /*!
        DPoP hook (RFC 9449). When set, the transport calls it before each attempt with the
        current DPoP nonce it holds for the URL's origin (empty when none) and sends the returned
        value as the DPoP header; an error aborts the request with that error. When the server
        answers use_dpop_nonce (400 JSON error, or 401 WWW-Authenticate: DPoP error=...) with a
        DPoP-Nonce header, the transport stores the nonce and retries exactly once with a new proof.
    */
    std::function<QByteArray(const QByteArray &nonce, Error *error)> dpopProof;
    /*!
        When set, called before the use_dpop_nonce retry: its result replaces body (a new client
        assertion: the jti of the first one is spent, and servers refuse a replayed one). An
        error aborts the request with that error.
    */
    std::function<QByteArray(Error *error)> rebuildBody;

    //! Replaces every header \a name (case-insensitive) by one with \a value.
    void setHeader(const QByteArray &name, const QByteArray &value);
    //! The first value of header \a name (case-insensitive), or a null QByteArray.
    QByteArray header(const QByteArray &name) const;
};

//! One HTTP response, complete (the transport never hands over a partial body).
struct OAUTH4QT_TESTS_EXPORT HttpResponse
{
    int status = 0;
    //! Raw headers in order, as QNetworkReply reports them: Qt joins a repeated header into
    //! one value separated by ", " (Set-Cookie by "\n"), so two DPoP-Nonce headers arrive as one
    //! value that is not a valid nonce.
    HeaderList headers;
    QByteArray body;
    QUrl url;   //!< the request URL

    //! The first value of header \a name (case-insensitive), or a null QByteArray.
    QByteArray header(const QByteArray &name) const;
    //! Every value of header \a name (case-insensitive), in order.
    QList<QByteArray> headerValues(const QByteArray &name) const;
    //! The media type of Content-Type, lower-cased, without parameters ("application/json").
    QByteArray mimeType() const;
    //! Retry-After in seconds (see parseRetryAfter()), -1 when absent, repeated or invalid.
    int retryAfterSeconds() const;
};

//! The largest Retry-After the library honours, in seconds (one day); larger values are clamped.
constexpr qint64 MaxRetryAfterSeconds = 24 * 3600;

/*!
    A Retry-After header value (RFC 9110 10.2.3) in seconds from \a now: delta-seconds (any
    number of digits, parsed without overflow) or an IMF-fixdate HTTP-date (in the past: 0).
    The result is clamped into [0, MaxRetryAfterSeconds]; -1 when the value is neither.
*/
OAUTH4QT_TESTS_EXPORT qint64 parseRetryAfter(const QByteArray &value, const QDateTime &now);

//! A parsed WWW-Authenticate challenge (RFC 9110 section 11.6.1).
struct OAUTH4QT_TESTS_EXPORT AuthChallenge
{
    QByteArray scheme;                      //!< as sent; compare case-insensitively
    QHash<QByteArray, QByteArray> params;   //!< auth-param names lower-cased; values unquoted
    QByteArray token68;
};

/*!
    Parses every challenge in the WWW-Authenticate header values \a values. Tolerates what
    RFC 9110 allows (several challenges in one value, quoted strings with escapes) and stops at the
    first malformed part, returning what was parsed before it. Never crashes on hostile input.
*/
OAUTH4QT_TESTS_EXPORT QList<AuthChallenge> parseWwwAuthenticate(const QList<QByteArray> &values);

//! True when \a value is a valid DPoP nonce (NQCHAR: %x21 / %x23-5B / %x5D-7E, non-empty).
OAUTH4QT_TESTS_EXPORT bool isValidDpopNonce(const QByteArray &value);

//! The "origin" key the transport stores DPoP nonces under: scheme://host:port.
OAUTH4QT_TESTS_EXPORT QString originOf(const QUrl &url);

class HttpTransport;

//! A request under way. Owned by the transport (a child of it) while it runs; after the
//! callback ran it is deleted from the event loop (together with its QNetworkReply), unless the
//! callback gave it to an owner (adoptBy()).
//! Destroying it, or the transport, ends the request without callback.
class OAUTH4QT_TESTS_EXPORT HttpCall : public QObject
{
    Q_OBJECT
public:
    ~HttpCall() override;
    //! Ends the request: the callback runs once, synchronously inside abort(), with
    //! Error::cancelled() (nothing happens when the call already finished).
    void abort();
    //! Ends the request without running the callback (for an owner that goes away: its
    //! callback must not touch it). Safe to call at any time; nothing happens once finished.
    void cancel();
    bool isFinished() const;
    /*!
        Only from inside the callback: \a owner takes this finished call (and its spent
        QNetworkReply) and deletes it with itself, instead of the call deleting itself from the
        event loop. Nothing happens when the call is still running.
    */
    void adoptBy(QObject *owner);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    friend class HttpTransport;
    enum class ReplyDisposal { WithCall, Later };
    explicit HttpCall(QObject *parent);
    void start();
    void startAttempt(const QByteArray &nonce);
    void onMetaData();
    void readAvailable();
    void onFinished();
    void releaseReply(ReplyDisposal disposal);
    void finish(const HttpResponse &response, const Error &error);
    struct Private;
    std::unique_ptr<Private> d;
};

/*!
    True when \a url's host is a loopback host: an IPv4 address in 127.0.0.0/8, the IPv6
    address ::1, or the name "localhost" (case-insensitive; nothing else, not even a name that
    resolves to loopback).
*/
OAUTH4QT_TESTS_EXPORT bool isLoopbackUrl(const QUrl &url);
/*!
    The one rule for http:// (used by the transport, by metadata validation and by every URL
    check of the library): https is always acceptable; http only when \a allowInsecureHttp is
    set and the host is a loopback host (isLoopbackUrl()).
*/
OAUTH4QT_TESTS_EXPORT bool insecureHttpAllowed(const QUrl &url, bool allowInsecureHttp);

/*!
    The one HTTP pipeline every request of the library goes through:
    - https only; http only with allowInsecureHttp and a loopback host (127.0.0.0/8, ::1,
      localhost), checked before any connection; any other scheme is refused (Usage errors);
    - redirects are never followed (ManualRedirectPolicy): 3xx fails with RedirectRefused;
    - an absolute deadline per request (requestTimeout, default 30 s) besides inactivity;
    - a response size cap (maxResponseSize, default 1 MiB) enforced while reading, including
      a Content-Length announced above it, and a decompression bomb: Qt's transparent gzip/deflate
      decoding is kept (QNAM sets Accept-Encoding itself unless the request sets it) and the cap
      counts decoded bytes; the reply's read buffer is bounded so Qt never buffers far ahead;
    - no cookies in or out, no HTTP cache, a User-Agent;
    - TLS errors are never ignored; the application's QSslConfiguration (for mTLS) is applied;
    - the application's request modifier runs last, on every request (it may add headers or
      change the TLS configuration; the redirect/cookie/cache attributes are enforced again after
      it, and a URL it changes must still pass the scheme rules);
    - DPoP proof and exactly one retry on use_dpop_nonce (see HttpRequest::dpopProof);
      DPoP-Nonce headers on any response are stored per origin (bounded cache).
    Transport problems (network, TLS, timeout, redirect, size) become Errors; any HTTP status
    other than 3xx is handed to the caller as a response, since its meaning is the endpoint's
    (429/503 included: see HttpResponse::retryAfterSeconds()). With an error the response is empty.
    Logs to "oauth4qt.transport": method, scheme://host:port/path (never the query, headers or
    bodies), status and elapsed time.
*/
class OAUTH4QT_TESTS_EXPORT HttpTransport : public QObject
{
    Q_OBJECT
    friend class HttpCall;
public:
    using Callback = std::function<void(const HttpResponse &response, const Error &error)>;
    using RequestModifier = std::function<void(QNetworkRequest &request)>;

    explicit HttpTransport(QObject *parent = nullptr);
    ~HttpTransport() override;

    //! The application's manager; nullptr means an internal one (created on first use).
    void setNetworkAccessManager(QNetworkAccessManager *manager);
    QNetworkAccessManager *networkAccessManager() const;

    void setAllowInsecureHttp(bool allow);
    bool allowInsecureHttp() const;

    void setRequestTimeout(int msecs);   //!< absolute deadline per request; default 30000
    int requestTimeout() const;

    void setMaxResponseSize(qint64 bytes); //!< default 1 MiB
    qint64 maxResponseSize() const;

    void setUserAgent(const QByteArray &userAgent);
    QByteArray userAgent() const;

    void setSslConfiguration(const QSslConfiguration &configuration);
    QSslConfiguration sslConfiguration() const;

    void setRequestModifier(const RequestModifier &modifier);

    //! Checks \a url against the scheme rules (https; http only when allowed and to a loopback
    //! host, see insecureHttpAllowed()). Usage errors.
    Error checkUrl(const QUrl &url) const;

    /*!
        Sends \a request. \a callback runs exactly once, always asynchronously (never inside
        send()), with the complete response or an error. The returned call can be aborted; it
        is deleted after the callback ran, so hold it in a QPointer.
    */
    HttpCall *send(const HttpRequest &request, Callback callback);

    QByteArray dpopNonce(const QUrl &url) const;
    void setDpopNonce(const QUrl &url, const QByteArray &nonce);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace OAuth4Qt
