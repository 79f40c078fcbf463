// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/QDateTime>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QUrl>

#include <functional>

namespace OAuth4Qt {

class HttpTransport;
class HttpCall;
struct HttpResponse;

/*!
    The JWKS of one issuer (section F of the security checklist), fetched from jwks_uri through
    the transport (https only unless allowInsecureHttp, redirects refused) and cached:
    - keys() hands out the cached set while it is younger than maxAge() (300 s), else fetches;
    - refetchForUnknownKey(): after a kid that no cached key has, exactly one refetch, and only
      when the cache is at least refetchCooldown() (60 s) old; otherwise it does nothing and
      returns false (a stream of tokens with random kids cannot make the client hammer the server);
    - concurrent requests for keys share one HTTP request;
    - a transient failure (network error, timeout, 429, 5xx) keeps the cached keys, which are
      then handed out as they are; other failures (non-200, not JSON, "keys" not an array of
      objects) are errors;
    - documents are imported with JsonWebKeySet::fromJson (public parts only, unusable keys such
      as weak RSA or off-curve EC points skipped);
    - setting another jwks_uri drops the cache.
*/
class OAUTH4QT_TESTS_EXPORT JwksCache : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const JsonWebKeySet &keys, const Error &error)>;
    using Clock = std::function<QDateTime()>;

    explicit JwksCache(HttpTransport *transport, QObject *parent = nullptr);
    ~JwksCache() override;

    QUrl jwksUri() const;
    void setJwksUri(const QUrl &uri);
    void setClock(const Clock &clock);
    int maxAge() const;
    void setMaxAge(int seconds);
    int refetchCooldown() const;
    void setRefetchCooldown(int seconds);

    bool hasKeys() const;
    JsonWebKeySet cachedKeys() const;
    QDateTime fetchedAt() const;
    //! HTTP requests sent so far (for tests and statistics).
    int fetchCount() const;
    void clear();

    //! Calls \a callback (always asynchronously; never after \a context died)
    //! with the keys.
    void keys(QObject *context, Callback callback);
    //! True when a refetch for an unknown kid is allowed now (cache at least cooldown old, or empty).
    bool canRefetch() const;
    //! Refetches when canRefetch(); returns false and does nothing otherwise.
    bool refetchForUnknownKey(QObject *context, Callback callback);

private:
    void fetch(QObject *context, Callback callback);
    void onResponse(const HttpResponse &response, const Error &error);
    QDateTime now() const;

    HttpTransport *m_transport;
    QUrl m_uri;
    Clock m_clock;
    int m_maxAge = 300;
    int m_cooldown = 60;
    JsonWebKeySet m_keys;
    bool m_hasKeys = false;
    QDateTime m_fetchedAt;
    int m_fetchCount = 0;
    QPointer<HttpCall> m_call;
    QList<std::pair<QPointer<QObject>, Callback>> m_waiters;
};

} // namespace OAuth4Qt

namespace OAuth4Qt {

/*!
    Runs \a validate with the keys of \a cache and hands the outcome to \a done (once, unless
    \a context died). An HS* JWT is validated at once without keys. When \a validate fails with
    KeyNotFound and the cache allows a refetch (cooldown), the JWKS is fetched once more and
    \a validate runs again with the new keys (key rotation, F1); otherwise KeyNotFound stands.
*/
using KeyedValidation = std::function<QJsonObject(const JsonWebKeySet &keys, Error *error)>;
using ValidationDone = std::function<void(const QJsonObject &claims, const Error &error)>;
OAUTH4QT_TESTS_EXPORT void validateWithJwks(JwksCache *cache, QObject *context, const QByteArray &jwt,
                                            KeyedValidation validate, ValidationDone done);

} // namespace OAuth4Qt
