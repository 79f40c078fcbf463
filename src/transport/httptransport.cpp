// SPDX-License-Identifier: BSD-3-Clause
#include "httptransport_p.h"

#include <oauth4qt/version.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QIODevice>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QMetaEnum>
#include <QtCore/QTimerEvent>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QSslError>

#include <cstring>

Q_LOGGING_CATEGORY(lcTransport, "oauth4qt.transport", QtWarningMsg)

namespace OAuth4Qt {

namespace {

constexpr int kMaxNonceOrigins = 64;
constexpr qint64 kMaxReadBuffer = 256 * 1024;

// The body of a request that is not idempotent (every POST: a token request consumes a code or a
// device code, rotates a refresh token...). QNetworkAccessManager silently sends a request again
// when the connection closes before the response begins, up to twice, whatever the method: the
// server may have processed the first one already (an authorization code used twice makes the
// server revoke what it issued; a polled device code is consumed and the repeat gets
// invalid_grant). RFC 9110 9.2.2: a client SHOULD NOT retry a non-idempotent request unless it
// knows the request was not applied. This device can be read once: Qt's attempt to rewind it
// for a re-send fails, Qt reports ContentReSendError, and the caller gets one typed network error
// instead of a duplicate request. Not a QBuffer on purpose: Qt reads a QBuffer's bytes directly.
class OneShotBody final : public QIODevice
{
public:
    explicit OneShotBody(const QByteArray &data) : m_data(data) { open(QIODevice::ReadOnly | QIODevice::Unbuffered); }
    bool isSequential() const override { return false; }
    qint64 size() const override { return m_data.size(); }
    bool seek(qint64 pos) override
    {
        // Rewinding before anything was handed out is harmless; afterwards it would be a re-send.
        if (m_handedOut > 0 && pos < m_handedOut)
            return false;
        if (!QIODevice::seek(pos))
            return false;
        m_offset = pos;
        return true;
    }
    bool reset() override { return seek(0); }

protected:
    qint64 readData(char *out, qint64 max) override
    {
        const qint64 n = qMin<qint64>(max, m_data.size() - m_offset);
        if (n <= 0)
            return m_offset >= m_data.size() ? 0 : -1;
        std::memcpy(out, m_data.constData() + m_offset, size_t(n));
        m_offset += n;
        m_handedOut = qMax(m_handedOut, m_offset);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    const QByteArray m_data;
    qint64 m_offset = 0;
    qint64 m_handedOut = 0;
};

// What the logs may show of a URL: never the query, the fragment or user info.
QString loggableUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int port = url.port(scheme == QLatin1String("https") ? 443 : 80);
    return scheme + QLatin1String("://") + url.host(QUrl::FullyEncoded) + QLatin1Char(':')
        + QString::number(port) + url.path(QUrl::FullyEncoded);
}

QString describe(const HttpRequest &request)
{
    return QString::fromLatin1(request.method) + QLatin1Char(' ') + loggableUrl(request.url);
}

// A header name (a non-empty token without separators or controls) or value (no control
// character other than HTAB: never CR, LF or NUL).
bool isSafeHeaderField(const QByteArray &field, bool value)
{
    if (!value && field.isEmpty())
        return false;
    for (const char ch : field) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == 0x7f || (c < 0x20 && !(value && c == '\t')))
            return false;
        if (!value && (c == ' ' || c == ':' || c >= 0x80))
            return false;
    }
    return true;
}

// QNetworkReply reports HTTP statuses >= 400 as errors too; those are responses for us.
bool isHttpStatusError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ContentReSendError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::OperationNotImplementedError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
        return true;
    default:
        return false;
    }
}

bool isUseDpopNonce(const HttpResponse &response)
{
    if (response.status == 400) {
        const QJsonDocument doc = QJsonDocument::fromJson(response.body);
        return doc.isObject()
            && doc.object().value(QLatin1String("error")).toString() == QLatin1String("use_dpop_nonce");
    }
    if (response.status == 401) {
        const auto challenges = parseWwwAuthenticate(response.headerValues(QByteArrayLiteral("WWW-Authenticate")));
        for (const AuthChallenge &c : challenges) {
            if (c.scheme.compare(QByteArrayLiteral("DPoP"), Qt::CaseInsensitive) == 0
                && c.params.value(QByteArrayLiteral("error")) == QByteArrayLiteral("use_dpop_nonce"))
                return true;
        }
    }
    return false;
}

// The DPoP-Nonce of a response when there is exactly one valid one; otherwise null.
QByteArray responseNonce(const HttpResponse &response)
{
    const QList<QByteArray> values = response.headerValues(QByteArrayLiteral("DPoP-Nonce"));
    if (values.size() != 1 || !isValidDpopNonce(values.first()))
        return {};
    return values.first();
}

// How deep this thread is inside a signal of a QNetworkReply (an application may delete its
// Client, and with it the transport and its QNetworkAccessManager, from a reply's handler; the
// manager and its replies must then not be deleted synchronously under Qt's feet).
thread_local int insideReplySignal = 0;

struct ReplySignalScope
{
    ReplySignalScope() { ++insideReplySignal; }
    ~ReplySignalScope() { --insideReplySignal; }
    Q_DISABLE_COPY_MOVE(ReplySignalScope)
};

} // namespace

// ---------------------------------------------------------------------------------------------

struct HttpTransport::Private
{
    struct NonceEntry
    {
        QByteArray nonce;
        quint64 lastUse = 0;
    };

    QPointer<QNetworkAccessManager> appManager;
    QNetworkAccessManager *ownManager = nullptr;
    bool allowInsecureHttp = false;
    int requestTimeout = 30000;
    qint64 maxResponseSize = 1024 * 1024;
    QByteArray userAgent = QByteArrayLiteral("oauth4qt/" OAUTH4QT_VERSION_STRING);
    QSslConfiguration sslConfiguration;
    bool sslConfigurationSet = false;
    RequestModifier modifier;
    QHash<QString, NonceEntry> nonces;
    quint64 nonceTick = 0;

    void storeNonce(const QString &origin, const QByteArray &nonce)
    {
        if (origin.isEmpty() || !isValidDpopNonce(nonce))
            return;
        auto it = nonces.find(origin);
        if (it == nonces.end()) {
            if (nonces.size() >= kMaxNonceOrigins) {
                auto oldest = nonces.begin();
                for (auto i = nonces.begin(); i != nonces.end(); ++i) {
                    if (i->lastUse < oldest->lastUse)
                        oldest = i;
                }
                nonces.erase(oldest);
            }
            it = nonces.insert(origin, NonceEntry());
        }
        it->nonce = nonce;
        it->lastUse = ++nonceTick;
    }

    QByteArray nonceFor(const QString &origin)
    {
        auto it = nonces.find(origin);
        if (it == nonces.end())
            return {};
        it->lastUse = ++nonceTick;
        return it->nonce;
    }
};

struct HttpCall::Private
{
    HttpTransport *transport = nullptr;
    HttpRequest request;
    HttpTransport::Callback callback;
    QPointer<QNetworkReply> reply;
    // The finished request's reply: deleted with this call, or it takes this call with it.
    QPointer<QNetworkReply> spentReply;
    int deadlineTimer = 0;
    QElapsedTimer elapsed;
    QByteArray body;
    bool finished = false;
    bool tlsErrorsSeen = false;
    bool insideSend = false;     // send() has not returned yet
    bool metaDataSeen = false;   // of the current attempt's reply
    bool adopted = false;        // the callback gave this finished call to an owner (adoptBy())
    bool finishQueued = false;   // a failure inside send(), reported from the event loop
    int attempts = 0;
    // settings snapshot taken in send()
    int timeout = 30000;
    qint64 maxSize = 0;
};

// ---------------------------------------------------------------------------------------------

HttpCall::HttpCall(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

HttpCall::~HttpCall()
{
    d->finished = true;
    if (d->reply) {
        QNetworkReply *reply = d->reply;
        d->reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
    if (QNetworkReply *spent = d->spentReply.data()) {
        d->spentReply = nullptr;
        // Never under Qt's feet while it emits one of the reply's signals.
        if (insideReplySignal > 0)
            spent->deleteLater();
        else
            delete spent;
    }
}

void HttpCall::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != d->deadlineTimer) {
        QObject::timerEvent(event);
        return;
    }
    finish({}, Error(ErrorCode::Timeout, QStringLiteral("%1 did not complete within %2 ms")
                                             .arg(describe(d->request))
                                             .arg(d->timeout)));
}

bool HttpCall::isFinished() const
{
    return d->finished;
}

void HttpCall::adoptBy(QObject *owner)
{
    if (!d->finished || !owner)
        return;
    d->adopted = true;
    setParent(owner);
}

void HttpCall::abort()
{
    if (d->finished)
        return;
    qCDebug(lcTransport).noquote() << describe(d->request) << "aborted after" << d->elapsed.elapsed() << "ms";
    finish({}, Error::cancelled(QStringLiteral("HTTP request aborted")));
}

void HttpCall::cancel()
{
    if (d->finished)
        return;
    d->callback = nullptr; // the owner is going away: nothing may call back into it
    qCDebug(lcTransport).noquote() << describe(d->request) << "cancelled after" << d->elapsed.elapsed() << "ms";
    finish({}, Error::cancelled(QStringLiteral("HTTP request cancelled")));
}

void HttpCall::releaseReply(ReplyDisposal disposal)
{
    if (!d->reply)
        return;
    QNetworkReply *reply = d->reply;
    d->reply = nullptr;
    reply->disconnect(this);
    if (reply->isRunning())
        reply->abort();
    if (disposal == ReplyDisposal::WithCall && !d->spentReply)
        d->spentReply = reply; // one deferred deletion for both (see finish())
    else
        reply->deleteLater();
}

void HttpCall::finish(const HttpResponse &response, const Error &error)
{
    if (d->finished || d->finishQueued)
        return;
    if (d->insideSend) {
        // A failure before send() returned: the callback still runs from the event loop only.
        d->finishQueued = true;
        QMetaObject::invokeMethod(
            this, [this, response, error] {
                d->finishQueued = false;
                finish(response, error);
            },
            Qt::QueuedConnection);
        return;
    }
    d->finished = true;
    if (d->deadlineTimer) {
        killTimer(d->deadlineTimer);
        d->deadlineTimer = 0;
    }
    releaseReply(ReplyDisposal::WithCall);
    if (error) {
        qCDebug(lcTransport).noquote() << describe(d->request) << "failed:" << error.codeName()
                                       << "after" << d->elapsed.elapsed() << "ms";
    } else {
        qCDebug(lcTransport).noquote() << describe(d->request) << "->" << response.status << "in"
                                       << d->elapsed.elapsed() << "ms";
    }
    // The callback may delete the transport (and with it this call): move what we need out first.
    const HttpTransport::Callback callback = std::move(d->callback);
    d->callback = nullptr;
    QPointer<HttpCall> self(this);
    if (callback)
        callback(response, error);
    if (!self)
        return; // deleted by the callback's owner, with the spent reply (~HttpCall)
    if (d->adopted)
        return; // the owner deletes it (and the spent reply, ~HttpCall)
    if (QNetworkReply *spent = d->spentReply.data()) {
        // One deferred deletion instead of two: this call goes with its reply (a QNetworkReply
        // is never deleted inside its own signal, hence deleteLater).
        d->spentReply = nullptr;
        setParent(spent);
        spent->deleteLater();
    } else {
        deleteLater();
    }
}

void HttpCall::start()
{
    if (d->finished)
        return;
    if (const Error error = d->transport->checkUrl(d->request.url)) {
        finish({}, error);
        return;
    }
    HttpTransport::Private *t = d->transport->d.get();
    startAttempt(t->nonces.isEmpty() ? QByteArray() : t->nonceFor(originOf(d->request.url)));
}

void HttpCall::startAttempt(const QByteArray &nonce)
{
    HttpTransport::Private *t = d->transport->d.get();
    ++d->attempts;
    d->body.clear();
    d->tlsErrorsSeen = false;

    QNetworkRequest request(d->request.url);
    bool hasAccept = false;
    bool hasUserAgent = false;
    for (const auto &h : std::as_const(d->request.headers)) {
        // Last line of defence against header injection: no header name or value with CR, LF,
        // NUL or another control character (HTAB aside) is ever written.
        if (!isSafeHeaderField(h.first, false) || !isSafeHeaderField(h.second, true)) {
            finish({}, Error(ErrorCode::InvalidArgument,
                             QStringLiteral("a request header contains a control character; nothing was sent")));
            return;
        }
        if (h.first.compare(QByteArrayLiteral("Accept"), Qt::CaseInsensitive) == 0)
            hasAccept = true;
        else if (h.first.compare(QByteArrayLiteral("User-Agent"), Qt::CaseInsensitive) == 0)
            hasUserAgent = true;
        request.setRawHeader(h.first, h.second);
    }
    if (!hasAccept)
        request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    if (!hasUserAgent && !t->userAgent.isEmpty())
        request.setRawHeader(QByteArrayLiteral("User-Agent"), t->userAgent);

    if (d->request.dpopProof) {
        Error error;
        const QByteArray proof = d->request.dpopProof(nonce, &error);
        if (d->finished)
            return; // the proof function aborted the call
        if (error) {
            finish({}, error);
            return;
        }
        if (proof.isEmpty()) {
            finish({}, Error(ErrorCode::SigningFailed, QStringLiteral("the DPoP proof is empty")));
            return;
        }
        request.setRawHeader(QByteArrayLiteral("DPoP"), proof);
    }
    if (t->sslConfigurationSet)
        request.setSslConfiguration(t->sslConfiguration);

    auto enforce = [](QNetworkRequest &r) {
        r.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        r.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
        r.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
        r.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
        r.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
        r.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    };
    enforce(request);
    if (t->modifier) {
        t->modifier(request);
        if (d->finished)
            return;
        enforce(request);
        if (request.url() != d->request.url) {
            if (const Error error = d->transport->checkUrl(request.url())) {
                finish({}, error);
                return;
            }
        }
    }

    QNetworkAccessManager *manager = d->transport->networkAccessManager();
    QNetworkReply *reply = nullptr;
    const QByteArray &method = d->request.method;
    if (method == "GET")
        reply = manager->get(request);
    else if (method == "POST") {
        auto *body = new OneShotBody(d->request.body);
        reply = manager->post(request, body);
        body->setParent(reply); // alive as long as Qt may read it, freed with the reply
    }
    else if (method == "HEAD")
        reply = manager->head(request);
    else
        reply = manager->sendCustomRequest(request, method, d->request.body);
    d->reply = reply;
    d->metaDataSeen = false;
    qCDebug(lcTransport).noquote() << describe(d->request) << "sent (attempt" << d->attempts << ")";

    connect(reply, &QNetworkReply::metaDataChanged, this, [this] {
        const ReplySignalScope scope;
        onMetaData();
    });
    connect(reply, &QIODevice::readyRead, this, [this] {
        const ReplySignalScope scope;
        readAvailable();
    });
    connect(reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        d->tlsErrorsSeen = true;
        for (const QSslError &e : errors)
            qCDebug(lcTransport).noquote() << describe(d->request) << "TLS error:" << e.errorString();
        // Never ignored.
    });
    connect(reply, &QNetworkReply::finished, this, [this] {
        const ReplySignalScope scope;
        onFinished();
    });
}

void HttpCall::onMetaData()
{
    if (d->finished || !d->reply || d->metaDataSeen)
        return;
    d->metaDataSeen = true;
    const QVariant length = d->reply->header(QNetworkRequest::ContentLengthHeader);
    bool ok = false;
    const qint64 announced = length.toLongLong(&ok);
    if (ok && announced > d->maxSize) {
        finish({}, Error(ErrorCode::ResponseTooLarge,
                         QStringLiteral("announced Content-Length %1 exceeds the limit of %2 bytes")
                             .arg(announced).arg(d->maxSize))
                       .setHttpStatus(d->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()));
        return;
    }
    // A body of unknown length (chunked, until close) or one Qt decodes (gzip, deflate...) may
    // grow past the limit: Qt then buffers at most a bounded amount ahead of readAvailable(),
    // which stops the call at the limit. A body of an announced length within the limit needs
    // no such bound (HTTP/1.1 framing stops at that length), and none is set: with a bound, Qt
    // signals its HTTP thread on every read.
    const QByteArray coding = d->reply->rawHeader(QByteArrayLiteral("Content-Encoding")).trimmed();
    const bool identity = coding.isEmpty() || coding.compare(QByteArrayLiteral("identity"), Qt::CaseInsensitive) == 0;
    if (!(ok && identity) && d->reply->isRunning())
        d->reply->setReadBufferSize(qMin(kMaxReadBuffer, d->maxSize + 1));
}

void HttpCall::readAvailable()
{
    if (d->finished || !d->reply)
        return;
    for (;;) {
        // What is there, up to one byte past the limit, read straight into the body. (Not
        // read(room): QIODevice::read(qint64) allocates its argument's size first, a megabyte
        // for every response under the default limit.)
        const qint64 available = d->reply->bytesAvailable();
        if (available <= 0)
            break;
        const qint64 room = qMax<qint64>(d->maxSize + 1 - d->body.size(), 1);
        const qint64 want = qMin(available, room);
        const qsizetype before = d->body.size();
        d->body.resize(before + qsizetype(want));
        const qint64 got = d->reply->read(d->body.data() + before, want);
        d->body.resize(before + qsizetype(qMax<qint64>(got, 0)));
        if (got <= 0)
            break;
        if (d->body.size() > d->maxSize) {
            finish({}, Error(ErrorCode::ResponseTooLarge,
                             QStringLiteral("response body exceeds the limit of %1 bytes").arg(d->maxSize))
                           .setHttpStatus(d->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()));
            return;
        }
    }
}

void HttpCall::onFinished()
{
    if (d->finished || !d->reply)
        return;
    onMetaData();
    readAvailable();
    if (d->finished)
        return;
    QNetworkReply *reply = d->reply;
    const QNetworkReply::NetworkError networkError = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Only for an error or a log line: never built on the success path.
    const auto what = [this]() -> QString { return describe(d->request); };

    if (networkError == QNetworkReply::ContentReSendError && (status == 307 || status == 308)) {
        // Qt rewinds the body of a POST on 307/308 whatever the redirect policy, and the one-shot
        // body refuses: the answer was a redirect, and it is refused as every redirect is.
        finish({}, Error(ErrorCode::RedirectRefused,
                         QStringLiteral("%1 answered %2; redirects are never followed").arg(what()).arg(status))
                       .setHttpStatus(status));
        return;
    }
    if (networkError != QNetworkReply::NoError && !(status >= 400 && isHttpStatusError(networkError))) {
        const char *name = QMetaEnum::fromType<QNetworkReply::NetworkError>().valueToKey(networkError);
        const QString detail = QLatin1String(name ? name : "UnknownError") + QLatin1String(" for ") + what();
        if (d->tlsErrorsSeen || networkError == QNetworkReply::SslHandshakeFailedError) {
            finish({}, Error(ErrorCode::TlsError, detail));
        } else if (networkError == QNetworkReply::UnknownContentError
                   && !reply->rawHeader(QByteArrayLiteral("Content-Encoding")).trimmed().isEmpty()
                   && reply->rawHeader(QByteArrayLiteral("Content-Encoding")).trimmed().toLower() != "identity") {
            // Qt refused to decode a compressed body: its decompression-bomb guard (Qt 6.4
            // stops past 10 MiB at a high ratio, before our cap could see the bytes) or a
            // corrupt coding. Either way the body is not handed over.
            finish({}, Error(ErrorCode::ResponseTooLarge,
                             QStringLiteral("compressed response body refused by the decoder "
                                            "(decompression bomb or corrupt coding) for ") + what())
                           .setHttpStatus(status));
        } else if (networkError == QNetworkReply::TimeoutError) {
            finish({}, Error(ErrorCode::Timeout, detail));
        } else if (networkError == QNetworkReply::ContentReSendError) {
            finish({}, Error(ErrorCode::NetworkError,
                             QStringLiteral("the connection closed before the server answered %1; the request "
                                            "was not sent again, since the server may have processed it")
                                 .arg(what())));
        } else {
            finish({}, Error(ErrorCode::NetworkError, detail));
        }
        return;
    }
    if (status <= 0) {
        finish({}, Error(ErrorCode::NetworkError, QStringLiteral("no HTTP status for ") + what()));
        return;
    }

    HttpResponse response;
    response.status = status;
    response.url = d->request.url;
    const auto pairs = reply->rawHeaderPairs();
    response.headers.reserve(pairs.size());
    for (const auto &p : pairs)
        response.headers.append({p.first, p.second});
    response.body = d->body;

    // A body shorter than the announced length is never handed over (belt and braces: Qt
    // reports a closed connection as an error already).
    if (response.header(QByteArrayLiteral("Content-Encoding")).isEmpty() && d->request.method != "HEAD"
        && status != 204 && status != 304) {
        bool ok = false;
        const qint64 announced = response.header(QByteArrayLiteral("Content-Length")).trimmed().toLongLong(&ok);
        if (ok && announced != response.body.size()) {
            finish({}, Error(ErrorCode::NetworkError, QStringLiteral("truncated response body for ") + what()));
            return;
        }
    }

    // DPoP-Nonce from any response is kept for the origin.
    const QByteArray nonce = responseNonce(response);
    if (!nonce.isEmpty())
        d->transport->d->storeNonce(originOf(d->request.url), nonce);

    if (status >= 300 && status < 400) {
        finish({}, Error(ErrorCode::RedirectRefused,
                         QStringLiteral("%1 answered %2; redirects are never followed").arg(what()).arg(status))
                       .setHttpStatus(status));
        return;
    }

    if (d->request.dpopProof && d->attempts == 1 && !nonce.isEmpty() && isUseDpopNonce(response)) {
        qCDebug(lcTransport).noquote() << what() << "->" << status << "use_dpop_nonce: retrying once with the new nonce";
        releaseReply(ReplyDisposal::Later);
        if (d->request.rebuildBody) {
            Error error;
            QByteArray body = d->request.rebuildBody(&error);
            if (d->finished)
                return;
            if (error) {
                finish({}, error);
                return;
            }
            d->request.body = std::move(body);
        }
        startAttempt(nonce);
        return;
    }

    finish(response, Error());
}

// ---------------------------------------------------------------------------------------------

HttpTransport::HttpTransport(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
}

HttpTransport::~HttpTransport()
{
    // End the calls under way first (no callback), while d is still alive.
    const auto calls = findChildren<HttpCall *>(QString(), Qt::FindDirectChildrenOnly);
    for (HttpCall *call : calls)
        delete call;
    if (QNetworkAccessManager *manager = std::exchange(d->ownManager, nullptr)) {
        if (insideReplySignal > 0) {
            // Deleted from a handler of one of the manager's replies: Qt must finish emitting first.
            manager->setParent(nullptr);
            manager->deleteLater();
        } else {
            delete manager;
        }
    }
}

void HttpTransport::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    d->appManager = manager;
}

QNetworkAccessManager *HttpTransport::networkAccessManager() const
{
    if (d->appManager)
        return d->appManager;
    if (!d->ownManager) {
        d->ownManager = new QNetworkAccessManager(const_cast<HttpTransport *>(this));
        d->ownManager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    return d->ownManager;
}

void HttpTransport::setAllowInsecureHttp(bool allow)
{
    d->allowInsecureHttp = allow;
}

bool HttpTransport::allowInsecureHttp() const
{
    return d->allowInsecureHttp;
}

void HttpTransport::setRequestTimeout(int msecs)
{
    d->requestTimeout = msecs > 0 ? msecs : 30000;
}

int HttpTransport::requestTimeout() const
{
    return d->requestTimeout;
}

void HttpTransport::setMaxResponseSize(qint64 bytes)
{
    d->maxResponseSize = bytes > 0 ? bytes : 1024 * 1024;
}

qint64 HttpTransport::maxResponseSize() const
{
    return d->maxResponseSize;
}

void HttpTransport::setUserAgent(const QByteArray &userAgent)
{
    d->userAgent = userAgent;
}

QByteArray HttpTransport::userAgent() const
{
    return d->userAgent;
}

void HttpTransport::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->sslConfiguration = configuration;
    d->sslConfigurationSet = !configuration.isNull();
}

QSslConfiguration HttpTransport::sslConfiguration() const
{
    return d->sslConfiguration;
}

void HttpTransport::setRequestModifier(const RequestModifier &modifier)
{
    d->modifier = modifier;
}

bool isLoopbackUrl(const QUrl &url)
{
    const QString host = url.host();
    if (host.isEmpty())
        return false;
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    // Only literal addresses: QHostAddress parses IPv4 and IPv6 (QUrl has removed the brackets).
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    return address.isLoopback();
}

bool insecureHttpAllowed(const QUrl &url, bool allowInsecureHttp)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return true;
    return scheme == QLatin1String("http") && allowInsecureHttp && isLoopbackUrl(url);
}

Error HttpTransport::checkUrl(const QUrl &url) const
{
    if (!url.isValid() || url.isRelative())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the URL is not a valid absolute URL"));
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https")) {
        // fall through
    } else if (scheme == QLatin1String("http")) {
        if (!d->allowInsecureHttp)
            return Error(ErrorCode::InsecureUrl,
                         QStringLiteral("http:// URL refused (%1); use https").arg(loggableUrl(url)));
        if (!insecureHttpAllowed(url, true))
            return Error(ErrorCode::InsecureUrl,
                         QStringLiteral("http:// URL refused (%1): allowInsecureHttp permits loopback hosts only; use https")
                             .arg(loggableUrl(url)));
    } else {
        return Error(ErrorCode::UnsupportedUrlScheme,
                     QStringLiteral("URL scheme \"%1\" is not supported; use https").arg(scheme.left(32)));
    }
    if (url.host().isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the URL has no host"));
    return Error();
}

HttpCall *HttpTransport::send(const HttpRequest &request, Callback callback)
{
    auto *call = new HttpCall(this);
    call->d->transport = this;
    call->d->request = request;
    call->d->request.method = request.method.toUpper();
    call->d->callback = std::move(callback);
    call->d->timeout = d->requestTimeout;
    call->d->maxSize = d->maxResponseSize;
    call->d->elapsed.start();
    call->d->deadlineTimer = call->startTimer(d->requestTimeout);
    if (d->modifier) {
        // The application's request modifier never runs inside send(): the caller has not even
        // got the call yet, and the modifier is free to do what it likes.
        QMetaObject::invokeMethod(call, [call] { call->start(); }, Qt::QueuedConnection);
        return call;
    }
    // Started at once (Qt itself starts the network operation from the event loop); a failure
    // found before send() returns is still reported from the event loop (finish()).
    call->d->insideSend = true;
    call->start();
    call->d->insideSend = false;
    return call;
}

QByteArray HttpTransport::dpopNonce(const QUrl &url) const
{
    const auto it = d->nonces.constFind(originOf(url));
    return it == d->nonces.constEnd() ? QByteArray() : it->nonce;
}

void HttpTransport::setDpopNonce(const QUrl &url, const QByteArray &nonce)
{
    d->storeNonce(originOf(url), nonce);
}

} // namespace OAuth4Qt
