// SPDX-License-Identifier: BSD-3-Clause
#include "validation/jwkscache_p.h"
#include "jose/jwe_p.h"

#include "protocol/jsonmembers_p.h"
#include "transport/httptransport_p.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QMetaObject>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcJwks, "oauth4qt.jwks", QtWarningMsg)

JwksCache::JwksCache(HttpTransport *transport, QObject *parent) : QObject(parent), m_transport(transport) {}

JwksCache::~JwksCache()
{
    // Silently: no waiter is called back from here.
    m_waiters.clear();
    if (HttpCall *call = m_call) {
        m_call = nullptr;
        call->cancel();
    }
}

QUrl JwksCache::jwksUri() const { return m_uri; }

void JwksCache::setJwksUri(const QUrl &uri)
{
    if (uri == m_uri)
        return;
    m_uri = uri;
    clear();
}

void JwksCache::setClock(const Clock &clock) { m_clock = clock; }
int JwksCache::maxAge() const { return m_maxAge; }
void JwksCache::setMaxAge(int seconds) { m_maxAge = seconds; }
int JwksCache::refetchCooldown() const { return m_cooldown; }
void JwksCache::setRefetchCooldown(int seconds) { m_cooldown = seconds; }
bool JwksCache::hasKeys() const { return m_hasKeys; }
JsonWebKeySet JwksCache::cachedKeys() const { return m_keys; }
QDateTime JwksCache::fetchedAt() const { return m_fetchedAt; }
int JwksCache::fetchCount() const { return m_fetchCount; }

void JwksCache::clear()
{
    m_keys = JsonWebKeySet();
    m_hasKeys = false;
    m_fetchedAt = QDateTime();
}

QDateTime JwksCache::now() const { return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc(); }

void JwksCache::keys(QObject *context, Callback callback)
{
    if (m_hasKeys && !m_call && m_fetchedAt.secsTo(now()) < m_maxAge && m_fetchedAt.secsTo(now()) >= -60) {
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            this, [this, guard, callback] {
                if (guard)
                    callback(m_keys, Error());
            },
            Qt::QueuedConnection);
        return;
    }
    fetch(context, std::move(callback));
}

bool JwksCache::canRefetch() const
{
    if (!m_hasKeys || m_call)
        return true;
    return m_fetchedAt.secsTo(now()) >= m_cooldown || m_fetchedAt.secsTo(now()) < -60;
}

bool JwksCache::refetchForUnknownKey(QObject *context, Callback callback)
{
    if (!canRefetch())
        return false;
    fetch(context, std::move(callback));
    return true;
}

void JwksCache::fetch(QObject *context, Callback callback)
{
    m_waiters.append({ QPointer<QObject>(context), std::move(callback) });
    if (m_call)
        return; // collapsed into the request under way
    auto failLater = [this](const Error &e) {
        QMetaObject::invokeMethod(this, [this, e] { onResponse(HttpResponse(), e); }, Qt::QueuedConnection);
    };
    if (!m_uri.isValid() || m_uri.isEmpty()) {
        failLater(Error(ErrorCode::MissingEndpoint, QStringLiteral("the server metadata has no jwks_uri")));
        return;
    }
    if (Error e = m_transport->checkUrl(m_uri)) {
        failLater(e);
        return;
    }
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = m_uri;
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/jwk-set+json, application/json"));
    ++m_fetchCount;
    qCDebug(lcJwks) << "fetching" << m_uri.toString();
    m_call = m_transport->send(request, [this](const HttpResponse &response, const Error &error) {
        m_call = nullptr;
        onResponse(response, error);
    });
}

static bool isTransient(const HttpResponse &response, const Error &error)
{
    if (error) {
        const ErrorCode c = error.code();
        return c == ErrorCode::NetworkError || c == ErrorCode::Timeout || c == ErrorCode::TlsError
            || c == ErrorCode::RateLimited;
    }
    return response.status == 429 || response.status >= 500;
}

void JwksCache::onResponse(const HttpResponse &response, const Error &transportError)
{
    Error error = transportError;
    bool transient = false;
    if (!error) {
        transient = isTransient(response, error);
        QJsonObject json = processJsonResponse(response, &error);
        if (!error) {
            JsonWebKeySet set = JsonWebKeySet::fromJson(json, &error);
            if (!error) {
                m_keys = set;
                m_hasKeys = true;
                m_fetchedAt = now();
            }
        }
    } else {
        transient = isTransient(response, error);
    }
    if (error && transient && m_hasKeys) {
        qCDebug(lcJwks) << "transient JWKS failure, keeping the cached keys:" << error;
        error = Error();
    }
    if (error)
        qCDebug(lcJwks) << "JWKS fetch failed:" << error;
    const auto waiters = std::exchange(m_waiters, {});
    for (const auto &[context, callback] : waiters) {
        if (context)
            callback(m_keys, error);
    }
}

} // namespace OAuth4Qt

#include <oauth4qt/jws.h>

namespace OAuth4Qt {

void validateWithJwks(JwksCache *cache, QObject *context, const QByteArray &jwt, KeyedValidation validate,
                      ValidationDone done)
{
    Error e;
    if (Jwe::isCompactJwe(jwt)) {
        // Encrypted: the signing alg and kid are inside. Validated without keys first: refused
        // outright (not configured, does not decrypt, HS* inside, ...) unless a key is missing;
        // then with the JWKS like any signed JWT.
        const QJsonObject claims = validate(JsonWebKeySet(), &e);
        if (e.code() != ErrorCode::KeyNotFound && e.code() != ErrorCode::AmbiguousKey) {
            QPointer<QObject> guard(context);
            QMetaObject::invokeMethod(cache, [guard, done, claims, e] { if (guard) done(claims, e); }, Qt::QueuedConnection);
            return;
        }
        e = Error();
    }
    const JwsCompact jws = Jwe::isCompactJwe(jwt) ? JwsCompact() : Jws::parse(jwt, &e);
    if (!e && jws.algorithm().startsWith(QLatin1String("HS"))) {
        const QJsonObject claims = validate(JsonWebKeySet(), &e);
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(cache, [guard, done, claims, e] { if (guard) done(claims, e); }, Qt::QueuedConnection);
        return;
    }
    if (e) {
        // Let the validator report the parse error with its own code.
        const QJsonObject claims = validate(JsonWebKeySet(), &e);
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(cache, [guard, done, claims, e] { if (guard) done(claims, e); }, Qt::QueuedConnection);
        return;
    }
    QPointer<JwksCache> cacheGuard(cache);
    cache->keys(context, [cacheGuard, context, validate, done](const JsonWebKeySet &keys, const Error &fetchError) {
        if (fetchError) {
            done(QJsonObject(), fetchError);
            return;
        }
        Error e;
        const QJsonObject claims = validate(keys, &e);
        if (e.code() != ErrorCode::KeyNotFound || !cacheGuard) {
            done(claims, e);
            return;
        }
        const bool refetching = cacheGuard->refetchForUnknownKey(context, [validate, done](const JsonWebKeySet &keys, const Error &fetchError) {
            if (fetchError) {
                done(QJsonObject(), fetchError);
                return;
            }
            Error e;
            const QJsonObject claims = validate(keys, &e);
            done(claims, e);
        });
        if (!refetching)
            done(claims, e);
    });
}

} // namespace OAuth4Qt
