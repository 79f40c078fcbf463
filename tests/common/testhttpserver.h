// SPDX-License-Identifier: BSD-3-Clause
// Test support: an in-process, deliberately misbehaving HTTP/1.1 server on loopback.
#pragma once

#include "transport/httptransport_p.h"

#include <QtCore/QJsonObject>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>

#include <functional>
#include <memory>
#include <utility>

QT_BEGIN_NAMESPACE
class QTcpServer;
QT_END_NAMESPACE

namespace OAuth4Qt::Test {

using Headers = QList<std::pair<QByteArray, QByteArray>>;
using QueryItems = QList<std::pair<QString, QString>>;

//! One request as the server received it.
struct RecordedRequest
{
    QByteArray method;   //!< "GET", "POST", ...
    QByteArray target;   //!< raw request-target, e.g. "/token?x=1"
    QString path;        //!< percent-decoded path, e.g. "/token"
    QueryItems query;    //!< decoded query items in order ('+' decodes to a space)
    Headers headers;     //!< in order, names lower-cased, repeats kept
    QByteArray body;
    //! Tls mode: the client's certificate (null when it sent none).
    QSslCertificate peerCertificate;

    //! First value of header \a name (case-insensitive), a null QByteArray when absent.
    QByteArray header(const QByteArray &name) const;
    QList<QByteArray> headerValues(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    //! First value of query item \a name, a null QString when absent.
    QString queryValue(const QString &name) const;
    //! The body decoded as application/x-www-form-urlencoded, in order.
    QueryItems form() const;
    //! First value of form field \a name, a null QString when absent.
    QString formValue(const QString &name) const;
    //! Every value of form field \a name.
    QStringList formValues(const QString &name) const;
    //! The body parsed as a JSON object (empty when it is not one).
    QJsonObject json() const;
};

//! What the server does with a request. Build one with the static helpers.
struct Response
{
    enum class Behaviour {
        Normal,            //!< status line, headers (+ Content-Length, Connection: close), body
        NeverAnswer,       //!< reads the request, never writes anything, keeps the socket open
        CloseImmediately,  //!< closes the connection without a byte
        Trickle,           //!< headers, then the body one byte every intervalMs
        ResetMidBody,      //!< announces contentLength, sends body (shorter), then resets the connection
        HugeContentLength, //!< announces contentLength and streams zeros as fast as the client reads
        EndlessChunked,    //!< Transfer-Encoding: chunked, zeros forever while the client reads
        Raw,               //!< body written verbatim (status/headers ignored), then closed
    };

    int status = 200;
    Headers headers;           //!< sent in order; repeat a name to send it several times
    QByteArray body;
    Behaviour behaviour = Behaviour::Normal;
    int delayMs = 0;           //!< wait this long before answering (any behaviour)
    int intervalMs = 0;        //!< Trickle: pause between bytes
    qint64 contentLength = -1; //!< ResetMidBody / HugeContentLength: announced length

    //! Appends a header (repeatable). Content-Length / Transfer-Encoding / Connection given here
    //! replace the ones the server would add.
    Response &withHeader(const QByteArray &name, const QByteArray &value);
    //! Answers after \a ms milliseconds.
    Response &delayed(int ms);

    //! application/json response with \a object (or \a raw bytes verbatim) as body.
    static Response json(int status, const QJsonObject &object, const Headers &extraHeaders = {});
    static Response json(int status, const QByteArray &raw, const Headers &extraHeaders = {});
    //! A text/plain (or \a contentType) response.
    static Response text(int status, const QByteArray &body, const QByteArray &contentType = QByteArrayLiteral("text/plain"),
                         const Headers &extraHeaders = {});
    //! A redirect with a Location header.
    static Response redirect(int status, const QUrl &location);
    static Response neverAnswer();
    static Response closeImmediately();
    //! 200 application/json with \a body sent one byte every \a intervalMs.
    static Response trickle(const QByteArray &body, int intervalMs);
    //! 200 application/json announcing \a announcedLength, sending \a partialBody, then a TCP reset.
    static Response resetMidBody(const QByteArray &partialBody, qint64 announcedLength);
    //! 200 announcing \a length bytes (default 10 GiB), streaming zeros while the client reads.
    static Response hugeContentLength(qint64 length = qint64(10) * 1024 * 1024 * 1024);
    //! 200 with an endless chunked body.
    static Response endlessChunked();
    //! 200 application/json, Content-Encoding: gzip, body = gzip of \a uncompressedBytes zeros.
    static Response gzipBomb(qint64 uncompressedBytes = qint64(64) * 1024 * 1024);
    //! \a bytes written verbatim, then the connection is closed.
    static Response raw(const QByteArray &bytes);
};

using Handler = std::function<Response(const RecordedRequest &request)>;

//! gzip (RFC 1952) of \a data; cached for repeated calls with the same input size of zeros.
QByteArray gzip(const QByteArray &data);

/*!
    An HTTP/1.1 server on 127.0.0.1 (or \a address), port chosen by the system, listening as soon
    as it is constructed. One request per connection (it always answers "Connection: close").
    Plain HTTP or TLS with the committed self-signed test certificate (CN/SAN 127.0.0.1, ::1,
    localhost). Requests are recorded; each is answered by the handler registered for its path
    (exact match, without query), else by the default handler (404 {"error":"not_found"}).
    Everything (sockets, timers) stops when the server is destroyed. Bounded: request heads above
    64 KiB or bodies above 16 MiB get a 413.
    Note: QNetworkAccessManager itself may re-send a request once when a connection closes
    before any response byte (closeImmediately), so count requests with that in mind.
*/
class TestHttpServer : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Plain, Tls };

    explicit TestHttpServer(Mode mode = Mode::Plain, QObject *parent = nullptr);
    TestHttpServer(Mode mode, const QHostAddress &address, QObject *parent = nullptr);
    ~TestHttpServer() override;

    bool isListening() const;
    Mode mode() const;
    quint16 port() const;
    //! "http://127.0.0.1:<port>" + \a path ("https" in Tls mode; "[::1]" for IPv6). \a path may
    //! carry a query ("/authorize?x=1").
    QUrl url(const QString &path = QString()) const;

    //! Answers requests for \a path (e.g. "/token") with \a handler; replaces an earlier one.
    void on(const QString &path, const Handler &handler);
    //! Answers requests for \a path always with \a response.
    void on(const QString &path, const Response &response);
    void setDefaultHandler(const Handler &handler);

    QList<RecordedRequest> requests() const;
    QList<RecordedRequest> requests(const QString &path) const;
    //! The last request received (default-constructed when none).
    RecordedRequest lastRequest() const;
    //! Requests received for \a path, or in total when \a path is empty.
    int requestCount(const QString &path = QString()) const;
    void clearRequests();
    //! TCP connections accepted (TLS: after a successful handshake) since construction.
    int connectionCount() const;
    //! Drops every open connection.
    void closeAllConnections();

    /*!
        Tls mode (RFC 8705 tests): from now on the handshake requires a client certificate that
        chains to one of \a trusted; a client without one fails the handshake. Requests record
        it in RecordedRequest::peerCertificate.
    */
    void requireClientCertificate(const QList<QSslCertificate> &trusted);

    //! The committed test certificate and key (tests/common/data/testserver.{crt,key}).
    static QSslCertificate certificate();
    static QSslKey privateKey();
    //! The committed self-signed client certificate and EC key (tests/common/data/testclient.{crt,key}).
    static QSslCertificate clientCertificate();
    static QSslKey clientPrivateKey();
    //! The default client TLS configuration with the test certificate as the only CA.
    static QSslConfiguration trustingSslConfiguration();
    //! Makes \a transport able to talk to this server: allowInsecureHttp for Plain, the trusting
    //! TLS configuration for Tls.
    void prepare(HttpTransport &transport) const;

Q_SIGNALS:
    void requestReceived(const QString &path);

private:
    friend class Connection;
    Response respond(const RecordedRequest &request);
    struct Private;
    std::unique_ptr<Private> d;
};

//! What sendAndWait() observed.
struct CallResult
{
    int callbacks = 0;   //!< how many times the callback ran before sendAndWait returned
    HttpResponse response;
    Error error;
    qint64 elapsedMs = 0;
};

//! Sends \a request through \a transport and spins the event loop until the callback ran or
//! \a timeoutMs passed (then callbacks is 0).
CallResult sendAndWait(HttpTransport &transport, const HttpRequest &request, int timeoutMs = 15000);

} // namespace OAuth4Qt::Test
