// SPDX-License-Identifier: BSD-3-Clause
#include "testhttpserver.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QJsonDocument>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace OAuth4Qt::Test {

namespace {

constexpr qsizetype kMaxHead = 64 * 1024;
constexpr qint64 kMaxBody = 16 * 1024 * 1024;
constexpr qint64 kPumpChunk = 64 * 1024;
constexpr qint64 kPumpHighWater = 256 * 1024;

QString decodeComponent(QByteArray part)
{
    part.replace('+', ' ');
    return QUrl::fromPercentEncoding(part);
}

QueryItems decodeForm(const QByteArray &data)
{
    QueryItems items;
    const QList<QByteArray> parts = data.split('&');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            items.append({decodeComponent(part), QString()});
        else
            items.append({decodeComponent(part.left(eq)), decodeComponent(part.mid(eq + 1))});
    }
    return items;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 204: return QByteArrayLiteral("No Content");
    case 301: return QByteArrayLiteral("Moved Permanently");
    case 302: return QByteArrayLiteral("Found");
    case 303: return QByteArrayLiteral("See Other");
    case 307: return QByteArrayLiteral("Temporary Redirect");
    case 308: return QByteArrayLiteral("Permanent Redirect");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 503: return QByteArrayLiteral("Service Unavailable");
    default: return QByteArrayLiteral("Status");
    }
}

quint32 crc32(const QByteArray &data)
{
    static quint32 table[256];
    static bool initialised = false;
    if (!initialised) {
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        initialised = true;
    }
    quint32 crc = 0xFFFFFFFFu;
    for (const char ch : data)
        crc = table[(crc ^ static_cast<quint8>(ch)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void appendLe32(QByteArray &out, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        out.append(char((v >> (8 * i)) & 0xFF));
}

QByteArray gzipBombBytes(qint64 size)
{
    static QHash<qint64, QByteArray> cache;
    auto it = cache.constFind(size);
    if (it != cache.constEnd())
        return *it;
    const QByteArray bytes = gzip(QByteArray(size, '\0'));
    cache.insert(size, bytes);
    return bytes;
}

} // namespace

QByteArray gzip(const QByteArray &data)
{
    // qCompress: 4-byte big-endian length, then a zlib stream (2-byte header, raw deflate,
    // 4-byte Adler-32). gzip wants a 10-byte header, the raw deflate, CRC-32 and ISIZE.
    const QByteArray z = qCompress(data, 9);
    QByteArray out = QByteArray::fromHex("1f8b08000000000002ff");
    out.append(z.constData() + 6, z.size() - 6 - 4);
    appendLe32(out, crc32(data));
    appendLe32(out, quint32(quint64(data.size()) & 0xFFFFFFFFu));
    return out;
}

// ---------------------------------------------------------------------------------------------

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &h : headers) {
        if (h.first == lower)
            return h.second;
    }
    return {};
}

QList<QByteArray> RecordedRequest::headerValues(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (h.first == lower)
            values.append(h.second);
    }
    return values;
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    return !header(name).isNull();
}

QString RecordedRequest::queryValue(const QString &name) const
{
    for (const auto &q : query) {
        if (q.first == name)
            return q.second.isNull() ? QStringLiteral("") : q.second;
    }
    return {};
}

QueryItems RecordedRequest::form() const
{
    return decodeForm(body);
}

QString RecordedRequest::formValue(const QString &name) const
{
    const QueryItems items = form();
    for (const auto &q : items) {
        if (q.first == name)
            return q.second.isNull() ? QStringLiteral("") : q.second;
    }
    return {};
}

QStringList RecordedRequest::formValues(const QString &name) const
{
    QStringList values;
    const QueryItems items = form();
    for (const auto &q : items) {
        if (q.first == name)
            values.append(q.second);
    }
    return values;
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

// ---------------------------------------------------------------------------------------------

Response &Response::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

Response &Response::delayed(int ms)
{
    delayMs = ms;
    return *this;
}

Response Response::json(int status, const QJsonObject &object, const Headers &extraHeaders)
{
    return json(status, QJsonDocument(object).toJson(QJsonDocument::Compact), extraHeaders);
}

Response Response::json(int status, const QByteArray &raw, const Headers &extraHeaders)
{
    Response r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.headers.append(extraHeaders);
    r.body = raw;
    return r;
}

Response Response::text(int status, const QByteArray &body, const QByteArray &contentType,
                        const Headers &extraHeaders)
{
    Response r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Content-Type"), contentType});
    r.headers.append(extraHeaders);
    r.body = body;
    return r;
}

Response Response::redirect(int status, const QUrl &location)
{
    Response r;
    r.status = status;
    r.headers.append({QByteArrayLiteral("Location"), location.toEncoded()});
    return r;
}

Response Response::neverAnswer()
{
    Response r;
    r.behaviour = Behaviour::NeverAnswer;
    return r;
}

Response Response::closeImmediately()
{
    Response r;
    r.behaviour = Behaviour::CloseImmediately;
    return r;
}

Response Response::trickle(const QByteArray &body, int intervalMs)
{
    Response r = json(200, body);
    r.behaviour = Behaviour::Trickle;
    r.intervalMs = qMax(1, intervalMs);
    return r;
}

Response Response::resetMidBody(const QByteArray &partialBody, qint64 announcedLength)
{
    Response r = json(200, partialBody);
    r.behaviour = Behaviour::ResetMidBody;
    r.contentLength = announcedLength;
    return r;
}

Response Response::hugeContentLength(qint64 length)
{
    Response r;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.behaviour = Behaviour::HugeContentLength;
    r.contentLength = length;
    return r;
}

Response Response::endlessChunked()
{
    Response r;
    r.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    r.behaviour = Behaviour::EndlessChunked;
    return r;
}

Response Response::gzipBomb(qint64 uncompressedBytes)
{
    Response r = json(200, gzipBombBytes(uncompressedBytes));
    r.headers.append({QByteArrayLiteral("Content-Encoding"), QByteArrayLiteral("gzip")});
    return r;
}

Response Response::raw(const QByteArray &bytes)
{
    Response r;
    r.behaviour = Behaviour::Raw;
    r.body = bytes;
    return r;
}

// ---------------------------------------------------------------------------------------------

//! One accepted connection: parses one request, answers it, then closes.
class Connection : public QObject
{
public:
    Connection(TestHttpServer *server, QTcpSocket *socket)
        : QObject(server), m_server(server), m_socket(socket)
    {
        socket->setParent(this);
        connect(socket, &QIODevice::readyRead, this, &Connection::onReadyRead);
        connect(socket, &QAbstractSocket::disconnected, this, &Connection::onDisconnected);
        m_pump.setInterval(2);
        connect(&m_pump, &QTimer::timeout, this, &Connection::pump);
        m_trickle.setInterval(10);
        connect(&m_trickle, &QTimer::timeout, this, &Connection::trickleByte);
        // Data may have arrived (and readyRead been emitted) while the socket was pending.
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
    }

    ~Connection() override
    {
        m_pump.stop();
        m_trickle.stop();
        if (m_socket) {
            m_socket->disconnect(this);
            m_socket->abort();
        }
    }

    void drop()
    {
        m_pump.stop();
        m_trickle.stop();
        if (m_socket)
            m_socket->abort();
        deleteLater();
    }

private:
    void onDisconnected()
    {
        m_pump.stop();
        m_trickle.stop();
        deleteLater();
    }

    void onReadyRead()
    {
        if (!m_socket || (m_state != State::ReadingHead && m_state != State::ReadingBody)) {
            if (m_socket)
                m_socket->readAll(); // ignore anything after the request
            return;
        }
        m_buffer.append(m_socket->readAll());
        if (m_state == State::ReadingHead) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > kMaxHead)
                    fail(413);
                return;
            }
            if (end > kMaxHead) {
                fail(413);
                return;
            }
            if (!parseHead(m_buffer.left(end))) {
                fail(400);
                return;
            }
            m_buffer.remove(0, end + 4);
            m_state = State::ReadingBody;
        }
        if (m_state == State::ReadingBody) {
            if (m_buffer.size() < m_bodyLength)
                return;
            m_request.body = m_buffer.left(m_bodyLength);
            m_buffer.clear();
            m_state = State::Answering;
            dispatch();
        }
    }

    bool parseHead(const QByteArray &head)
    {
        const QList<QByteArray> lines = head.split('\n');
        if (lines.isEmpty())
            return false;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3)
            return false;
        m_request.method = requestLine.at(0);
        m_request.target = requestLine.at(1);
        const qsizetype q = m_request.target.indexOf('?');
        const QByteArray rawPath = q < 0 ? m_request.target : m_request.target.left(q);
        m_request.path = QUrl::fromPercentEncoding(rawPath);
        if (q >= 0)
            m_request.query = decodeForm(m_request.target.mid(q + 1));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return false;
            m_request.headers.append({line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed()});
        }
        if (!m_request.header(QByteArrayLiteral("transfer-encoding")).isNull())
            return false; // chunked request bodies are not supported
        const QByteArray length = m_request.header(QByteArrayLiteral("content-length"));
        if (!length.isNull()) {
            bool ok = false;
            m_bodyLength = length.toLongLong(&ok);
            if (!ok || m_bodyLength < 0)
                return false;
            if (m_bodyLength > kMaxBody) {
                m_bodyLength = 0;
                m_tooLarge = true;
            }
        }
        return true;
    }

    void fail(int status)
    {
        m_state = State::Done;
        Response r = Response::text(status, reasonPhrase(status));
        write(r);
    }

    void dispatch()
    {
        if (auto *ssl = qobject_cast<QSslSocket *>(m_socket.data()))
            m_request.peerCertificate = ssl->peerCertificate();
        if (m_tooLarge) {
            fail(413);
            return;
        }
        Response response = m_server->respond(m_request);
        if (response.delayMs > 0) {
            QTimer::singleShot(response.delayMs, this, [this, response] { answer(response); });
        } else {
            answer(response);
        }
    }

    QByteArray head(const Response &r, const QByteArray &lengthValue, bool chunked) const
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + reasonPhrase(r.status) + "\r\n";
        bool hasLength = false, hasTe = false, hasConnection = false;
        for (const auto &h : r.headers) {
            const QByteArray lower = h.first.toLower();
            hasLength |= lower == "content-length";
            hasTe |= lower == "transfer-encoding";
            hasConnection |= lower == "connection";
            out += h.first + ": " + h.second + "\r\n";
        }
        if (chunked && !hasTe)
            out += "Transfer-Encoding: chunked\r\n";
        else if (!chunked && !hasLength && !hasTe)
            out += "Content-Length: " + lengthValue + "\r\n";
        if (!hasConnection)
            out += "Connection: close\r\n";
        out += "\r\n";
        return out;
    }

    void write(const Response &r)
    {
        if (!m_socket)
            return;
        m_socket->write(head(r, QByteArray::number(r.body.size()), false));
        m_socket->write(r.body);
        m_socket->disconnectFromHost();
    }

    void answer(const Response &r)
    {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        m_response = r;
        switch (r.behaviour) {
        case Response::Behaviour::Normal:
            write(r);
            break;
        case Response::Behaviour::NeverAnswer:
            break;
        case Response::Behaviour::CloseImmediately:
            m_socket->abort();
            break;
        case Response::Behaviour::Raw:
            m_socket->write(r.body);
            m_socket->disconnectFromHost();
            break;
        case Response::Behaviour::Trickle:
            m_socket->write(head(r, QByteArray::number(r.body.size()), false));
            m_sent = 0;
            m_trickle.setInterval(r.intervalMs);
            m_trickle.start();
            break;
        case Response::Behaviour::ResetMidBody:
            m_socket->write(head(r, QByteArray::number(r.contentLength), false));
            m_socket->write(r.body);
            m_socket->flush();
            QTimer::singleShot(50, this, [this] { reset(); });
            break;
        case Response::Behaviour::HugeContentLength:
            m_socket->write(head(r, QByteArray::number(r.contentLength), false));
            m_sent = 0;
            m_pump.start();
            break;
        case Response::Behaviour::EndlessChunked:
            m_socket->write(head(r, QByteArray(), true));
            m_pump.start();
            break;
        }
    }

    void reset()
    {
        if (!m_socket)
            return;
#ifdef Q_OS_UNIX
        // SO_LINGER 0: close() sends a TCP RST instead of a FIN.
        const qintptr fd = m_socket->socketDescriptor();
        if (fd >= 0) {
            struct linger lin;
            lin.l_onoff = 1;
            lin.l_linger = 0;
            ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lin, sizeof(lin));
        }
#endif
        m_socket->abort();
    }

    void trickleByte()
    {
        if (!m_socket || m_sent >= m_response.body.size()) {
            m_trickle.stop();
            if (m_socket)
                m_socket->disconnectFromHost();
            return;
        }
        m_socket->write(m_response.body.mid(m_sent, 1));
        ++m_sent;
    }

    void pump()
    {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
            m_pump.stop();
            return;
        }
        static const QByteArray zeros(kPumpChunk, '0');
        while (m_socket->bytesToWrite() < kPumpHighWater) {
            if (m_response.behaviour == Response::Behaviour::EndlessChunked) {
                m_socket->write(QByteArray::number(kPumpChunk, 16) + "\r\n" + zeros + "\r\n");
            } else {
                const qint64 n = qMin(kPumpChunk, m_response.contentLength - m_sent);
                if (n <= 0) {
                    m_pump.stop();
                    m_socket->disconnectFromHost();
                    return;
                }
                m_socket->write(zeros.constData(), n);
                m_sent += n;
            }
        }
    }

    enum class State { ReadingHead, ReadingBody, Answering, Done };
    TestHttpServer *m_server;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    RecordedRequest m_request;
    qint64 m_bodyLength = 0;
    bool m_tooLarge = false;
    State m_state = State::ReadingHead;
    Response m_response;
    qint64 m_sent = 0;
    QTimer m_pump;
    QTimer m_trickle;
};

// ---------------------------------------------------------------------------------------------

struct TestHttpServer::Private
{
    Mode mode = Mode::Plain;
    QHostAddress address;
    QTcpServer *server = nullptr;
    QHash<QString, Handler> handlers;
    Handler defaultHandler;
    QList<RecordedRequest> requests;
    QList<QPointer<Connection>> connections;
    int connectionCount = 0;
};

TestHttpServer::TestHttpServer(Mode mode, QObject *parent)
    : TestHttpServer(mode, QHostAddress(QHostAddress::LocalHost), parent)
{
}

TestHttpServer::TestHttpServer(Mode mode, const QHostAddress &address, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->mode = mode;
    d->address = address;
    if (mode == Mode::Tls) {
        auto *ssl = new QSslServer(this);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate());
        config.setPrivateKey(privateKey());
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(config);
        ssl->setHandshakeTimeout(5000);
        d->server = ssl;
    } else {
        d->server = new QTcpServer(this);
    }
    // QSslServer queues a socket only after its handshake: it then emits
    // pendingConnectionAvailable (newConnection already fired when the TCP connection came in).
    auto accept = [this] {
        while (QTcpSocket *socket = d->server->nextPendingConnection()) {
            ++d->connectionCount;
            d->connections.append(new Connection(this, socket));
        }
        d->connections.removeAll(QPointer<Connection>());
    };
    connect(d->server, &QTcpServer::newConnection, this, accept);
    connect(d->server, &QTcpServer::pendingConnectionAvailable, this, accept);
    if (!d->server->listen(address, 0))
        qWarning("TestHttpServer: cannot listen: %s", qPrintable(d->server->errorString()));
}

TestHttpServer::~TestHttpServer()
{
    d->server->close();
    for (const QPointer<Connection> &c : std::as_const(d->connections))
        delete c.data();
    d->connections.clear();
}

bool TestHttpServer::isListening() const
{
    return d->server->isListening();
}

TestHttpServer::Mode TestHttpServer::mode() const
{
    return d->mode;
}

quint16 TestHttpServer::port() const
{
    return d->server->serverPort();
}

QUrl TestHttpServer::url(const QString &path) const
{
    const QString scheme = d->mode == Mode::Tls ? QStringLiteral("https") : QStringLiteral("http");
    QString host = d->address.toString();
    if (d->address.protocol() == QAbstractSocket::IPv6Protocol)
        host = QLatin1Char('[') + host + QLatin1Char(']');
    QString p = path;
    if (!p.isEmpty() && !p.startsWith(QLatin1Char('/')))
        p.prepend(QLatin1Char('/'));
    return QUrl(scheme + QLatin1String("://") + host + QLatin1Char(':') + QString::number(port()) + p);
}

void TestHttpServer::on(const QString &path, const Handler &handler)
{
    d->handlers.insert(path, handler);
}

void TestHttpServer::on(const QString &path, const Response &response)
{
    d->handlers.insert(path, [response](const RecordedRequest &) { return response; });
}

void TestHttpServer::setDefaultHandler(const Handler &handler)
{
    d->defaultHandler = handler;
}

QList<RecordedRequest> TestHttpServer::requests() const
{
    return d->requests;
}

QList<RecordedRequest> TestHttpServer::requests(const QString &path) const
{
    QList<RecordedRequest> result;
    for (const RecordedRequest &r : std::as_const(d->requests)) {
        if (r.path == path)
            result.append(r);
    }
    return result;
}

RecordedRequest TestHttpServer::lastRequest() const
{
    return d->requests.isEmpty() ? RecordedRequest() : d->requests.last();
}

int TestHttpServer::requestCount(const QString &path) const
{
    if (path.isEmpty())
        return int(d->requests.size());
    return int(requests(path).size());
}

void TestHttpServer::clearRequests()
{
    d->requests.clear();
}

int TestHttpServer::connectionCount() const
{
    return d->connectionCount;
}

void TestHttpServer::closeAllConnections()
{
    const auto connections = d->connections;
    d->connections.clear();
    for (const QPointer<Connection> &c : connections) {
        if (c)
            c->drop();
    }
}

Response TestHttpServer::respond(const RecordedRequest &request)
{
    d->requests.append(request);
    Q_EMIT requestReceived(request.path);
    const auto it = d->handlers.constFind(request.path);
    if (it != d->handlers.constEnd() && *it)
        return (*it)(request);
    if (d->defaultHandler)
        return d->defaultHandler(request);
    return Response::json(404, QByteArrayLiteral("{\"error\":\"not_found\"}"));
}

static QByteArray readDataFile(const char *name)
{
    QFile file(QLatin1String(OAUTH4QT_TEST_COMMON_DATA_DIR "/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("TestHttpServer: cannot read %s", qPrintable(file.fileName()));
        return {};
    }
    return file.readAll();
}

QSslCertificate TestHttpServer::certificate()
{
    static const QSslCertificate cert(readDataFile("testserver.crt"), QSsl::Pem);
    return cert;
}

QSslKey TestHttpServer::privateKey()
{
    static const QSslKey key(readDataFile("testserver.key"), QSsl::Rsa, QSsl::Pem);
    return key;
}

QSslCertificate TestHttpServer::clientCertificate()
{
    static const QSslCertificate cert(readDataFile("testclient.crt"), QSsl::Pem);
    return cert;
}

QSslKey TestHttpServer::clientPrivateKey()
{
    static const QSslKey key(readDataFile("testclient.key"), QSsl::Ec, QSsl::Pem);
    return key;
}

void TestHttpServer::requireClientCertificate(const QList<QSslCertificate> &trusted)
{
    auto *ssl = qobject_cast<QSslServer *>(d->server);
    if (!ssl) {
        qWarning("TestHttpServer: requireClientCertificate needs Mode::Tls");
        return;
    }
    QSslConfiguration config = ssl->sslConfiguration();
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    config.setCaCertificates(trusted);
    ssl->setSslConfiguration(config);
}

QSslConfiguration TestHttpServer::trustingSslConfiguration()
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates({certificate()});
    return config;
}

void TestHttpServer::prepare(HttpTransport &transport) const
{
    if (d->mode == Mode::Tls)
        transport.setSslConfiguration(trustingSslConfiguration());
    else
        transport.setAllowInsecureHttp(true);
}

// ---------------------------------------------------------------------------------------------

CallResult sendAndWait(HttpTransport &transport, const HttpRequest &request, int timeoutMs)
{
    auto result = std::make_shared<CallResult>();
    QElapsedTimer timer;
    timer.start();
    transport.send(request, [result, timer](const HttpResponse &response, const Error &error) {
        ++result->callbacks;
        result->response = response;
        result->error = error;
        result->elapsedMs = timer.elapsed();
    });
    const bool done = QTest::qWaitFor([result] { return result->callbacks > 0; }, timeoutMs);
    Q_UNUSED(done);
    return *result;
}

} // namespace OAuth4Qt::Test
