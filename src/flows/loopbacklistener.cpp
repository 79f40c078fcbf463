// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/loopbacklistener.h>

#include "httprequestparser_p.h"
#include "redirecthandler_p.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtCore/QRegularExpression>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <list>
#include <vector>

namespace OAuth4Qt {

namespace {

constexpr int MinRequestLineLength = 16 * 1024;
constexpr int FlushTimeoutMs = 5000;

bool isValidPath(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/')))
        return false;
    for (const QChar c : path) {
        const ushort u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
            || u == '-' || u == '.' || u == '_' || u == '~' || u == '/';
        if (!ok)
            return false;
    }
    return true;
}

struct Connection
{
    QPointer<QTcpSocket> socket;
    QByteArray buffer;
    qint64 deadline = 0; // on LoopbackListenerPrivate::clock: request not received / response not flushed
    bool responded = false;
    qsizetype bodyLength = -1; // form_post: the Content-Length of the body being received; -1: none
};

// What a 405 answer names in its Allow header.
enum class Allow { None, Get, Post };

} // namespace

class LoopbackListenerPrivate
{
public:
    explicit LoopbackListenerPrivate(LoopbackListener *q) : q(q), sweepTimer(new QTimer(q))
    {
        clock.start();
        sweepTimer->setSingleShot(true);
        QObject::connect(sweepTimer, &QTimer::timeout, q, [this] { sweep(); });
    }

    void onNewConnection();
    void onReadyRead(Connection *connection);
    void handleHead(Connection *connection, const Internal::HttpRequestHead &head, const QByteArray &rest);
    void startBody(Connection *connection, const Internal::HttpRequestHead &head, const QByteArray &rest);
    void deliver(Connection *connection, const QByteArray &encodedParams, bool fromQuery, bool hasQuery);
    void respond(Connection *connection, int status, bool headRequest = false,
                 const QString &message = {}, Allow allow = Allow::None, bool errorCallback = false);
    void dropConnection(Connection *connection);
    void setDeadline(Connection *connection, int msecs);
    void sweep();
    void closeServer();
    void stopListening(Connection *keep);
    Connection *find(QTcpSocket *socket);
    QByteArray response(int status, bool headRequest, const QString &message, Allow allow,
                        bool errorCallback = false) const;

    LoopbackListener *const q;
    QString path = QStringLiteral("/callback");
    int port = 0;
    LoopbackListener::AddressFamily addressFamily = LoopbackListener::AddressFamily::Automatic;
    int headerTimeout = 10000;
    int maxConnections = 32;
    int maxRequestLineLength = 32 * 1024;
    int maxHeaderSize = 32 * 1024;
    QString successMessage;
    QString failureMessage;
    bool formPost = false;

    // State of one start()
    bool formPostRun = false; // formPost as it was at start()
    QTcpServer *server = nullptr;
    QByteArray expectedPath;
    QByteArray expectedHost;      // "127.0.0.1:PORT" / "[::1]:PORT"
    QByteArray expectedHostNoPort; // only when the port is 80
    std::list<Connection> connections; // oldest first
    // The refusals (400, 404, ...) are the same bytes every time: built once per start(), as
    // hostile clients may cause many of them.
    QHash<int, QByteArray> refusals;
    quint64 runId = 0; // counts start()s
    // One timer for every connection's deadline (instead of a QTimer per connection), armed for
    // the earliest one.
    QElapsedTimer clock;
    QTimer *const sweepTimer;
    qint64 armedFor = -1; // the deadline the timer is armed for; -1: not armed
};

void LoopbackListenerPrivate::setDeadline(Connection *connection, int msecs)
{
    connection->deadline = clock.elapsed() + msecs;
    if (armedFor < 0 || connection->deadline < armedFor) {
        armedFor = connection->deadline;
        sweepTimer->start(msecs);
    }
}

void LoopbackListenerPrivate::sweep()
{
    armedFor = -1;
    const qint64 now = clock.elapsed();
    std::vector<Connection *> expired; // list nodes: stable while others are erased
    qint64 next = -1;
    for (Connection &c : connections) {
        if (c.deadline <= now) {
            qCDebug(lcListener) << (c.responded ? "response not flushed in time" : "request not received in time")
                                << "; closing the connection";
            expired.push_back(&c);
        } else if (next < 0 || c.deadline < next) {
            next = c.deadline;
        }
    }
    for (Connection *c : expired)
        dropConnection(c);
    // A timer may fire a little early (coarse timers): whatever is not due yet is swept later.
    if (next >= 0 && armedFor < 0) {
        armedFor = next;
        sweepTimer->start(int(qMax<qint64>(0, next - clock.elapsed())));
    }
}

Connection *LoopbackListenerPrivate::find(QTcpSocket *socket)
{
    for (Connection &c : connections) {
        if (c.socket == socket)
            return &c;
    }
    return nullptr;
}

void LoopbackListenerPrivate::dropConnection(Connection *connection)
{
    for (auto it = connections.begin(); it != connections.end(); ++it) {
        if (&*it != connection)
            continue;
        QPointer<QTcpSocket> socket = it->socket;
        connections.erase(it);
        if (socket) {
            socket->disconnect(q);
            socket->abort();
            socket->deleteLater();
        }
        return;
    }
}

void LoopbackListenerPrivate::onNewConnection()
{
    while (server && server->hasPendingConnections()) {
        QTcpSocket *socket = server->nextPendingConnection();
        if (!socket)
            break;
        socket->setParent(q);
        if (!socket->peerAddress().isLoopback()) {
            qCWarning(lcListener) << "refusing a connection from a non-loopback peer";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        // Make room: drop the oldest connection that is still waiting for its request.
        while (int(connections.size()) >= qMax(1, maxConnections)) {
            Connection *victim = nullptr;
            for (Connection &c : connections) {
                if (!c.responded) {
                    victim = &c;
                    break;
                }
            }
            if (!victim)
                victim = &connections.front();
            qCDebug(lcListener) << "connection limit reached; dropping the oldest waiting connection";
            dropConnection(victim);
        }

        connections.push_back(Connection{});
        Connection *connection = &connections.back();
        connection->socket = socket;
        setDeadline(connection, headerTimeout);
        QObject::connect(socket, &QTcpSocket::readyRead, q, [this, socket] {
            if (Connection *c = find(socket))
                onReadyRead(c);
        });
        QObject::connect(socket, &QTcpSocket::disconnected, q, [this, socket] {
            if (Connection *c = find(socket))
                dropConnection(c);
        });
        QObject::connect(socket, &QTcpSocket::errorOccurred, q, [this, socket] {
            // Remote close while a response is flushed is normal; anything else ends the connection.
            if (Connection *c = find(socket); c && !c->responded)
                dropConnection(c);
        });
        if (socket->bytesAvailable() > 0)
            onReadyRead(connection);
    }
}

void LoopbackListenerPrivate::onReadyRead(Connection *connection)
{
    QTcpSocket *socket = connection->socket;
    if (!socket)
        return;
    if (connection->responded) {
        socket->readAll(); // drain (pipelined requests, a body) so that closing sends no RST
        return;
    }
    if (connection->bodyLength >= 0) {
        // form_post: the body, up to its Content-Length (anything after it is discarded).
        connection->buffer.append(socket->read(connection->bodyLength - connection->buffer.size()));
        socket->readAll();
        if (connection->buffer.size() >= connection->bodyLength) {
            const QByteArray body = connection->buffer;
            deliver(connection, body, false, false);
        }
        return;
    }
    Internal::HttpRequestLimits limits;
    limits.maxRequestLineLength = maxRequestLineLength;
    limits.maxHeaderBytes = maxHeaderSize;
    // Never buffer more than a head can be, plus one byte to notice the excess.
    const qsizetype cap = qsizetype(maxRequestLineLength) + 2 + maxHeaderSize + 1;
    const QByteArray chunk = socket->read(qMax<qsizetype>(0, cap - connection->buffer.size()));
    const bool firstChunk = connection->buffer.isEmpty();
    connection->buffer.append(chunk);
    const bool full = connection->buffer.size() >= cap;
    // Anything beyond the cap: a form_post body (read on once the head is complete), or discarded
    // (the head will be refused anyway).
    const QByteArray rest = socket->readAll();

    // Parse at line ends, on the first bytes (refuse non-HTTP at once) and at the cap; that bounds
    // the work a trickling client can cause.
    if (!(firstChunk || full || chunk.contains('\n')))
        return;
    const Internal::HttpRequestHead head = Internal::parseHttpRequestHead(connection->buffer, limits);
    switch (head.status) {
    case Internal::HttpRequestHead::Status::Incomplete:
        if (full) // cannot happen with consistent limits; refuse rather than wait
            respond(connection, 431);
        return;
    case Internal::HttpRequestHead::Status::BadRequest:
        qCDebug(lcListener) << "bad request:" << head.reason;
        respond(connection, 400);
        return;
    case Internal::HttpRequestHead::Status::UriTooLong:
        qCDebug(lcListener) << "request line too long";
        respond(connection, 414);
        return;
    case Internal::HttpRequestHead::Status::HeaderFieldsTooLarge:
        qCDebug(lcListener) << "header section too large";
        respond(connection, 431);
        return;
    case Internal::HttpRequestHead::Status::Complete:
        handleHead(connection, head, rest);
        return;
    }
}

void LoopbackListenerPrivate::handleHead(Connection *connection, const Internal::HttpRequestHead &head,
                                         const QByteArray &rest)
{
    const bool isHead = head.method == "HEAD";

    // DNS rebinding: a page from another origin that resolves to 127.0.0.1 sends its own Host.
    const QList<QByteArray> hosts = head.headerValues(QByteArrayLiteral("host"));
    if (hosts.size() != 1
        || (hosts.first() != expectedHost
            && (expectedHostNoPort.isEmpty() || hosts.first() != expectedHostNoPort))) {
        qCInfo(lcListener) << "refusing a request with a missing or foreign Host header";
        respond(connection, 400, isHead);
        return;
    }

    const Internal::RequestTarget target = Internal::splitRequestTarget(head.target);
    if (!target.valid) {
        respond(connection, 400, isHead);
        return;
    }
    if (!target.originForm || target.path != expectedPath) {
        qCDebug(lcListener) << "not the callback path; 404";
        respond(connection, 404, isHead);
        return;
    }
    if (formPostRun) {
        if (head.method != "POST") {
            qCDebug(lcListener) << "the callback is a form POST (response_mode=form_post); 405";
            respond(connection, 405, isHead, {}, Allow::Post);
            return;
        }
        startBody(connection, head, rest);
        return;
    }
    if (head.method != "GET") {
        qCDebug(lcListener) << "method not allowed on the callback path; 405";
        respond(connection, 405, isHead, {}, Allow::Get);
        return;
    }
    deliver(connection, target.query, true, target.hasQuery);
}

void LoopbackListenerPrivate::startBody(Connection *connection, const Internal::HttpRequestHead &head,
                                        const QByteArray &rest)
{
    // Only a plain form body with a Content-Length (what browsers send for an HTML form): no
    // chunked or other transfer coding, no other media type, no more than a query may be.
    if (!head.headerValues(QByteArrayLiteral("transfer-encoding")).isEmpty()) {
        qCDebug(lcListener) << "form POST with a transfer coding; 400";
        respond(connection, 400);
        return;
    }
    const QList<QByteArray> types = head.headerValues(QByteArrayLiteral("content-type"));
    const QByteArray type = types.size() == 1 ? types.first().split(';').first().trimmed().toLower() : QByteArray();
    if (type != "application/x-www-form-urlencoded") {
        qCDebug(lcListener) << "form POST with another media type; 415";
        respond(connection, 415);
        return;
    }
    const QList<QByteArray> lengths = head.headerValues(QByteArrayLiteral("content-length"));
    if (lengths.isEmpty()) {
        respond(connection, 411);
        return;
    }
    const QByteArray &length = lengths.first();
    bool digits = lengths.size() == 1 && !length.isEmpty() && length.size() <= 18;
    for (const char c : length)
        digits = digits && c >= '0' && c <= '9';
    if (!digits) {
        qCDebug(lcListener) << "form POST with an invalid Content-Length; 400";
        respond(connection, 400);
        return;
    }
    const qsizetype bodyLength = qsizetype(length.toLongLong());
    if (bodyLength > maxRequestLineLength) {
        qCDebug(lcListener) << "form POST body too large; 413";
        respond(connection, 413);
        return;
    }
    QByteArray body = connection->buffer.mid(head.headLength) + rest;
    if (body.size() >= bodyLength) {
        body.truncate(bodyLength);
        deliver(connection, body, false, false);
        return;
    }
    // The rest of the body follows, within the same deadline as the head.
    connection->buffer = body;
    connection->bodyLength = bodyLength;
}

void LoopbackListenerPrivate::deliver(Connection *connection, const QByteArray &encodedParams, bool fromQuery,
                                      bool hasQuery)
{
    QList<std::pair<QString, QString>> params;
    QPointer<LoopbackListener> guard(q);
    QPointer<QTcpSocket> socket = connection->socket;
    const Error error = q->checkCallback(encodedParams, &params);
    if (!guard)
        return;
    // A slot connected to callbackRejected may have closed the listener.
    connection = socket ? find(socket) : nullptr;
    if (!connection)
        return;
    if (error) {
        respond(connection, 400);
        return;
    }
    if (!q->isActive()) {
        respond(connection, 400);
        return;
    }

    bool hasError = false;
    for (const auto &param : params) {
        if (param.first == QLatin1String("error"))
            hasError = true;
    }
    qCInfo(lcListener) << "callback accepted" << (fromQuery ? "" : "(form POST)")
                       << (hasError ? "(it carries an error)" : "");
    respond(connection, 200, false, hasError ? failureMessage : successMessage, Allow::None, hasError);

    QUrl url = q->redirectUri();
    if (hasQuery)
        url.setQuery(QString::fromLatin1(encodedParams), QUrl::StrictMode);
    // No new connection and no second callback from here on: the listening socket closes and the
    // handler goes inactive before the code is handed over. Closing the connections still
    // waiting for their request (up to maxConnections sockets) follows the hand-over, so that
    // it does not delay it; none of them can be served in between (inactive: 400).
    closeServer();
    q->setActive(false);
    const quint64 run = runId;
    if (guard)
        Q_EMIT q->callbackReceived(url, params);
    if (guard && runId == run) // a slot may have started a new run, which dropped them already
        stopListening(socket ? find(socket) : nullptr);
}

void LoopbackListenerPrivate::respond(Connection *connection, int status, bool headRequest,
                                      const QString &message, Allow allow, bool errorCallback)
{
    QTcpSocket *socket = connection->socket;
    if (!socket || connection->responded)
        return;
    connection->responded = true;
    connection->bodyLength = -1;

    QByteArray bytes;
    if (status == 200) {
        bytes = response(status, headRequest, message, allow, errorCallback);
    } else {
        const int key = status * 8 + (headRequest ? 4 : 0) + int(allow);
        auto it = refusals.constFind(key);
        if (it == refusals.constEnd())
            it = refusals.insert(key, response(status, headRequest, QString(), allow));
        bytes = *it;
    }
    connection->buffer.clear();
    connection->buffer.squeeze();
    socket->write(bytes);
    socket->disconnectFromHost(); // after the bytes are written
    setDeadline(connection, FlushTimeoutMs);
}

namespace {

// The page's only style sheet, inline (no external resources); allowed by its hash in the
// Content-Security-Policy, everything else stays default-src 'none'.
const char PageStyle[] =
    ":root{color-scheme:light dark;--bg:#f4f5fa;--card:#fff;--fg:#1f2330;--muted:#5b6170;--accent:#2e7d32}"
    "@media (prefers-color-scheme:dark){:root{--bg:#15171e;--card:#222631;--fg:#eceef4;--muted:#aab0bf;--accent:#81c784}}"
    ".error{--accent:#c62828}"
    "@media (prefers-color-scheme:dark){.error{--accent:#ef9a9a}}"
    "html,body{margin:0;height:100%}"
    "body{display:flex;align-items:center;justify-content:center;background:var(--bg);color:var(--fg);"
    "font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Noto Sans CJK JP\",sans-serif}"
    "main{box-sizing:border-box;max-width:28rem;margin:1.5rem;padding:2rem 2.25rem;background:var(--card);"
    "border-radius:16px;box-shadow:0 2px 12px rgba(0,0,0,.12);border-top:6px solid var(--accent);text-align:center}"
    ".icon{width:3.5rem;height:3.5rem;margin:0 auto 1rem;border-radius:50%;background:var(--accent);color:var(--card);"
    "font-size:2rem;line-height:3.5rem;font-weight:700}"
    "h1{font-size:1.4rem;margin:0 0 .5rem}"
    "p{margin:0;color:var(--muted)}";

QByteArray styleSourceHash()
{
    return "'sha256-"
        + QCryptographicHash::hash(QByteArray(PageStyle), QCryptographicHash::Sha256).toBase64() + '\'';
}

// The language of the texts the page shows: the translation's own language code, so that the
// lang attribute always matches the text (the source texts are English).
QString pageLanguage()
{
    //: The language code (BCP 47) of this translation, e.g. "de" or "zh-CN": the lang attribute
    //: of the page the browser shows after sign-in.
    const QString lang = LoopbackListener::tr("en", "BCP 47 language code of this translation");
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"));
    return valid.match(lang).hasMatch() ? lang : QStringLiteral("en");
}

} // namespace

QByteArray LoopbackListenerPrivate::response(int status, bool headRequest, const QString &message,
                                             Allow allow, bool errorCallback) const
{
    QByteArray reason;
    QString title;
    QString text = message;
    switch (status) {
    case 200:
        reason = QByteArrayLiteral("OK");
        if (errorCallback) {
            // The provider's error and error_description are never shown here: the application
            // reports the failure (and it is not this page's to echo request values).
            title = LoopbackListener::tr("Sign-in not completed");
            if (text.isEmpty())
                text = LoopbackListener::tr("The sign-in was cancelled or refused. You can close this window "
                                            "and return to the application.");
        } else {
            title = LoopbackListener::tr("Authorization response received");
            if (text.isEmpty())
                text = LoopbackListener::tr("You can close this window and return to the application.");
        }
        break;
    case 404:
        reason = QByteArrayLiteral("Not Found");
        title = LoopbackListener::tr("Not found");
        text = LoopbackListener::tr("This address does not accept requests.");
        break;
    case 405:
        reason = QByteArrayLiteral("Method Not Allowed");
        title = LoopbackListener::tr("Method not allowed");
        text = LoopbackListener::tr("This address accepts only the authorization response.");
        break;
    case 413:
        reason = QByteArrayLiteral("Content Too Large");
        title = LoopbackListener::tr("Request too large");
        text = LoopbackListener::tr("The request is too long.");
        break;
    case 414:
        reason = QByteArrayLiteral("URI Too Long");
        title = LoopbackListener::tr("Request too long");
        text = LoopbackListener::tr("The request is too long.");
        break;
    case 431:
        reason = QByteArrayLiteral("Request Header Fields Too Large");
        title = LoopbackListener::tr("Request too large");
        text = LoopbackListener::tr("The request headers are too large.");
        break;
    default:
        switch (status) { // the same page as 400, with the status line that says why
        case 411:
            reason = QByteArrayLiteral("Length Required");
            break;
        case 415:
            reason = QByteArrayLiteral("Unsupported Media Type");
            break;
        default:
            status = 400;
            reason = QByteArrayLiteral("Bad Request");
            break;
        }
        title = LoopbackListener::tr("Invalid request");
        text = LoopbackListener::tr("This request is not a valid authorization response. "
                                    "If you are signing in, return to the application and try again.");
        break;
    }

    const bool success = status == 200 && !errorCallback;
    // Success: a check mark and a polite status; every other page: an exclamation mark and an alert.
    const QByteArray body = QString(QStringLiteral(
                                 "<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
                                 "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                                 "<meta name=\"referrer\" content=\"no-referrer\">"
                                 "<title>%2</title><style>")
                             + QLatin1String(PageStyle)
                             + QStringLiteral("</style></head>\n<body><main class=\"%3\" aria-labelledby=\"title\">"
                                              "<div class=\"icon\" aria-hidden=\"true\">%4</div>"
                                              "<h1 id=\"title\">%2</h1>\n<p role=\"%5\">%6</p></main></body></html>\n"))
                                .arg(pageLanguage().toHtmlEscaped(), title.toHtmlEscaped(),
                                     success ? QStringLiteral("success") : QStringLiteral("error"),
                                     success ? QStringLiteral("&#10003;") : QStringLiteral("!"),
                                     success ? QStringLiteral("status") : QStringLiteral("alert"),
                                     text.toHtmlEscaped())
                                .toUtf8();
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "Content-Length: " + QByteArray::number(body.size()) + "\r\n"
        "Cache-Control: no-store\r\n"
        "Referrer-Policy: no-referrer\r\n"
        "X-Content-Type-Options: nosniff\r\n"
        "Content-Security-Policy: default-src 'none'; style-src " + styleSourceHash() + "\r\n"
        "X-Frame-Options: DENY\r\n";
    if (allow == Allow::Get)
        response += "Allow: GET\r\n";
    else if (allow == Allow::Post)
        response += "Allow: POST\r\n";
    response += "Connection: close\r\n\r\n";
    if (!headRequest)
        response += body;
    return response;
}

void LoopbackListenerPrivate::closeServer()
{
    if (server) {
        server->close();
        server->deleteLater();
        server = nullptr;
    }
}

void LoopbackListenerPrivate::stopListening(Connection *keep)
{
    closeServer();
    // Drop every connection still waiting; responses being flushed finish on their own.
    std::list<Connection *> waiting;
    for (Connection &c : connections) {
        if (&c != keep && !c.responded)
            waiting.push_back(&c);
    }
    for (Connection *c : waiting)
        dropConnection(c);
}

LoopbackListener::LoopbackListener(QObject *parent)
    : RedirectHandler(parent), d(new LoopbackListenerPrivate(this))
{
}

LoopbackListener::~LoopbackListener()
{
    // The listener may be deleted from a slot connected to callbackReceived, i.e. inside a
    // signal of one of its sockets (or of the server): those are never deleted synchronously
    // here. Detached from this object, closed, and deleted from the event loop.
    for (Connection &c : d->connections) {
        if (QTcpSocket *socket = c.socket) {
            socket->disconnect(this);
            socket->setParent(nullptr);
            socket->abort();
            socket->deleteLater();
        }
    }
    d->connections.clear();
    if (d->server) {
        d->server->disconnect(this);
        d->server->setParent(nullptr);
        d->closeServer();
    }
}

QString LoopbackListener::path() const { return d->path; }
void LoopbackListener::setPath(const QString &path)
{
    if (d->path == path)
        return;
    d->path = path;
    Q_EMIT pathChanged(path);
}

int LoopbackListener::port() const { return d->port; }
void LoopbackListener::setPort(int port)
{
    if (d->port == port)
        return;
    d->port = port;
    Q_EMIT portChanged(port);
}

LoopbackListener::AddressFamily LoopbackListener::addressFamily() const { return d->addressFamily; }
void LoopbackListener::setAddressFamily(AddressFamily family)
{
    if (d->addressFamily == family)
        return;
    d->addressFamily = family;
    Q_EMIT addressFamilyChanged(family);
}

int LoopbackListener::headerTimeout() const { return d->headerTimeout; }
void LoopbackListener::setHeaderTimeout(int msecs)
{
    msecs = qMax(1, msecs);
    if (d->headerTimeout == msecs)
        return;
    d->headerTimeout = msecs;
    Q_EMIT headerTimeoutChanged(msecs);
}

int LoopbackListener::maxConnections() const { return d->maxConnections; }
void LoopbackListener::setMaxConnections(int count)
{
    count = qMax(1, count);
    if (d->maxConnections == count)
        return;
    d->maxConnections = count;
    Q_EMIT maxConnectionsChanged(count);
}

int LoopbackListener::maxRequestLineLength() const { return d->maxRequestLineLength; }
void LoopbackListener::setMaxRequestLineLength(int bytes)
{
    bytes = qBound(MinRequestLineLength, bytes, 1024 * 1024);
    if (d->maxRequestLineLength == bytes)
        return;
    d->maxRequestLineLength = bytes;
    Q_EMIT maxRequestLineLengthChanged(bytes);
}

int LoopbackListener::maxHeaderSize() const { return d->maxHeaderSize; }
void LoopbackListener::setMaxHeaderSize(int bytes)
{
    bytes = qBound(1024, bytes, 1024 * 1024);
    if (d->maxHeaderSize == bytes)
        return;
    d->maxHeaderSize = bytes;
    Q_EMIT maxHeaderSizeChanged(bytes);
}

bool LoopbackListener::isFormPost() const { return d->formPost; }
void LoopbackListener::setFormPost(bool formPost)
{
    if (d->formPost == formPost)
        return;
    d->formPost = formPost;
    Q_EMIT formPostChanged(formPost);
}

QString LoopbackListener::successMessage() const { return d->successMessage; }
void LoopbackListener::setSuccessMessage(const QString &message)
{
    if (d->successMessage == message)
        return;
    d->successMessage = message;
    Q_EMIT successMessageChanged(message);
}

QString LoopbackListener::failureMessage() const { return d->failureMessage; }
void LoopbackListener::setFailureMessage(const QString &message)
{
    if (d->failureMessage == message)
        return;
    d->failureMessage = message;
    Q_EMIT failureMessageChanged(message);
}

bool LoopbackListener::start(Error *error)
{
    auto fail = [error](const Error &e) {
        qCWarning(lcListener).noquote() << "cannot start the loopback listener:" << e.detail();
        if (error)
            *error = e;
        return false;
    };
    if (isActive())
        return fail(Error(ErrorCode::InvalidState, QStringLiteral("the listener is already active")));
    if (!isValidPath(d->path))
        return fail(Error(ErrorCode::InvalidArgument,
                          QStringLiteral("the redirect path must start with '/' and contain only "
                                         "unreserved characters and '/'")));
    if (d->port < 0 || d->port > 65535)
        return fail(Error(ErrorCode::InvalidArgument, QStringLiteral("invalid port %1").arg(d->port)));

    ++d->runId;
    d->refusals.clear(); // the language may have changed
    d->formPostRun = d->formPost;
    // Leftovers of a previous run (responses still flushing) are dropped.
    while (!d->connections.empty())
        d->dropConnection(&d->connections.front());

    auto *server = new QTcpServer(this);
    server->setMaxPendingConnections(qMax(1, d->maxConnections));
    QHostAddress bound;
    QString lastError;
    const QList<QHostAddress> candidates =
        d->addressFamily == AddressFamily::IPv4 ? QList<QHostAddress>{ QHostAddress(QHostAddress::LocalHost) }
        : d->addressFamily == AddressFamily::IPv6 ? QList<QHostAddress>{ QHostAddress(QHostAddress::LocalHostIPv6) }
                                                  : QList<QHostAddress>{ QHostAddress(QHostAddress::LocalHost),
                                                                         QHostAddress(QHostAddress::LocalHostIPv6) };
    for (const QHostAddress &address : candidates) {
        if (server->listen(address, quint16(d->port))) {
            bound = address;
            break;
        }
        lastError = server->errorString();
        qCInfo(lcListener).noquote() << "cannot bind" << address.toString() << ':' << lastError;
    }
    if (bound.isNull()) {
        delete server;
        return fail(Error(ErrorCode::NetworkError,
                          QStringLiteral("cannot listen on the loopback interface: %1").arg(lastError)));
    }
    d->server = server;
    QObject::connect(server, &QTcpServer::newConnection, this, [this] { d->onNewConnection(); });

    const quint16 port = server->serverPort();
    const bool v6 = bound.protocol() == QAbstractSocket::IPv6Protocol;
    const QString host = v6 ? QStringLiteral("[::1]") : QStringLiteral("127.0.0.1");
    d->expectedHost = host.toLatin1() + ':' + QByteArray::number(port);
    d->expectedHostNoPort = port == 80 ? host.toLatin1() : QByteArray();
    d->expectedPath = d->path.toLatin1();
    QUrl uri;
    uri.setScheme(QStringLiteral("http"));
    uri.setHost(v6 ? QStringLiteral("::1") : QStringLiteral("127.0.0.1"));
    uri.setPort(port);
    uri.setPath(d->path);
    setEffectiveRedirectUri(uri);
    qCInfo(lcListener).noquote() << "listening on" << uri.toString();
    setActive(true);
    return true;
}

void LoopbackListener::close()
{
    if (!isActive())
        return;
    qCInfo(lcListener) << "closing the loopback listener";
    d->stopListening(nullptr);
    setActive(false);
}

} // namespace OAuth4Qt
