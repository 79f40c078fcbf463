// SPDX-License-Identifier: BSD-3-Clause
// Section F of the security checklist: JWKS fetching, caching, rotation and key selection.
#include "validation/jwkscache_p.h"

#include <oauth4qt/idtokenvalidator.h>

#include "testhttpserver.h"
#include "transport/httptransport_p.h"

#include "../jwttestutil.h"

#include <QtTest/QtTest>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Test;
using namespace JwtTest;

namespace {
const QString kIssuer = QStringLiteral("https://op.example.test");
const QString kClient = QStringLiteral("client-1");
} // namespace

class tst_JwksCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cachesKeys();
    void unknownKidRefetchesOnce();
    void randomKidsAreRateLimited();
    void noKidSingleKey();
    void weakAndInvalidKeysSkipped();
    void badDocuments_data();
    void badDocuments();
    void transientFailureKeepsKeys_data();
    void transientFailureKeepsKeys();
    void insecureAndRedirectRefused();
    void privateMembersIgnored();
    void concurrentFetchesCollapsed();
    void maxAgeExpires();

private:
    struct Outcome
    {
        int calls = 0;
        QJsonObject claims;
        Error error;
    };
    Outcome validate(const QByteArray &token);
    QByteArray idToken(const JsonWebKey &key, const QString &alg = QStringLiteral("RS256")) const;
    static QJsonObject jwks(const QList<JsonWebKey> &keys);

    JsonWebKey m_rsa1, m_rsa2;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<JwksCache> m_cache;
    qint64 m_now = 1700000000;
};

void tst_JwksCache::initTestCase()
{
    Error e;
    m_rsa1 = JsonWebKey::generate(QStringLiteral("RS256"), &e);
    QVERIFY(!e);
    m_rsa1.setKeyId(QStringLiteral("k1"));
    m_rsa2 = JsonWebKey::generate(QStringLiteral("RS256"), &e);
    QVERIFY(!e);
    m_rsa2.setKeyId(QStringLiteral("k2"));
}

void tst_JwksCache::init()
{
    m_now = 1700000000;
    m_cache.reset();
    m_transport = std::make_unique<HttpTransport>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->isListening());
    m_server->prepare(*m_transport);
    m_cache = std::make_unique<JwksCache>(m_transport.get());
    m_cache->setJwksUri(m_server->url(QStringLiteral("/jwks")));
    m_cache->setClock([this] { return QDateTime::fromSecsSinceEpoch(m_now).toUTC(); });
}

QJsonObject tst_JwksCache::jwks(const QList<JsonWebKey> &keys)
{
    return JsonWebKeySet(keys).toJson(false);
}

QByteArray tst_JwksCache::idToken(const JsonWebKey &key, const QString &alg) const
{
    return sign(alg, {}, obj({ { "iss", kIssuer }, { "aud", kClient }, { "sub", "u" }, { "iat", m_now }, { "exp", m_now + 300 } }), key);
}

tst_JwksCache::Outcome tst_JwksCache::validate(const QByteArray &token)
{
    Outcome outcome;
    IdTokenValidator v;
    v.setIssuer(kIssuer);
    v.setClientId(kClient);
    const qint64 now = m_now;
    v.setClock([now] { return QDateTime::fromSecsSinceEpoch(now).toUTC(); });
    QObject context;
    validateWithJwks(
        m_cache.get(), &context, token,
        [v, token](const JsonWebKeySet &keys, Error *error) {
            IdTokenValidator x = v;
            x.setKeys(keys);
            return x.validate(token, error);
        },
        [&outcome](const QJsonObject &claims, const Error &error) {
            ++outcome.calls;
            outcome.claims = claims;
            outcome.error = error;
        });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(outcome.calls > 0, 10000); }();
    QTest::qWait(20); // a second callback would show here
    return outcome;
}

void tst_JwksCache::cachesKeys()
{
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })));
    for (int i = 0; i < 3; ++i) {
        const Outcome o = validate(idToken(m_rsa1));
        QCOMPARE(o.calls, 1);
        QVERIFY2(!o.error, qPrintable(o.error.errorString()));
        QCOMPARE(o.claims.value(QLatin1String("sub")).toString(), QStringLiteral("u"));
        m_now += 10;
    }
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 1);
    QCOMPARE(m_cache->fetchCount(), 1);
}

// F1 / P3: a new kid -> exactly one refetch, then the token verifies.
void tst_JwksCache::unknownKidRefetchesOnce()
{
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })));
    QVERIFY(!validate(idToken(m_rsa1)).error);
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1, m_rsa2 })));
    m_now += 61;
    const Outcome o = validate(idToken(m_rsa2));
    QVERIFY2(!o.error, qPrintable(o.error.errorString()));
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 2);
    // Still unknown after the refetch -> KeyNotFound, no further request.
    JsonWebKey other = JsonWebKey::generate(QStringLiteral("RS256"));
    other.setKeyId(QStringLiteral("k3"));
    const Outcome o2 = validate(idToken(other));
    QCOMPARE(o2.error.code(), ErrorCode::KeyNotFound);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 2);
}

// F2: random kids never make the client fetch more than once per cooldown.
void tst_JwksCache::randomKidsAreRateLimited()
{
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })));
    QVERIFY(!validate(idToken(m_rsa1)).error);
    JsonWebKey attacker = JsonWebKey::generate(QStringLiteral("RS256"));
    for (int i = 0; i < 10; ++i) {
        attacker.setKeyId(QStringLiteral("random-%1").arg(i));
        QCOMPARE(validate(idToken(attacker)).error.code(), ErrorCode::KeyNotFound);
        m_now += 5; // 50 s in total: still inside the 60 s cooldown
    }
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 1);
    m_now += 15; // now 65 s after the fetch: one refetch allowed
    attacker.setKeyId(QStringLiteral("random-x"));
    QCOMPARE(validate(idToken(attacker)).error.code(), ErrorCode::KeyNotFound);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 2);
    attacker.setKeyId(QStringLiteral("random-y"));
    QCOMPARE(validate(idToken(attacker)).error.code(), ErrorCode::KeyNotFound);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 2);
}

// F3
void tst_JwksCache::noKidSingleKey()
{
    JsonWebKey noKid = m_rsa1;
    noKid.setKeyId(QString());
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ noKid })));
    QVERIFY(!validate(idToken(noKid)).error);
}

// F5: weak RSA and off-curve EC keys are skipped; the good key still works.
void tst_JwksCache::weakAndInvalidKeysSkipped()
{
    QJsonObject good = m_rsa1.publicKey().toJson();
    QJsonObject weak = good;
    weak.insert(QStringLiteral("kid"), QStringLiteral("weak"));
    weak.insert(QStringLiteral("n"), QString::fromLatin1(Base64Url::encode(QByteArray(128, '\xC3')))); // 1024 bits
    const QJsonObject offCurve = obj({ { "kty", "EC" }, { "crv", "P-256" }, { "kid", "bad-ec" },
                                       { "x", QString::fromLatin1(Base64Url::encode(QByteArray(32, '\x01'))) },
                                       { "y", QString::fromLatin1(Base64Url::encode(QByteArray(32, '\x02'))) } });
    m_server->on(QStringLiteral("/jwks"), Response::json(200, QJsonObject{ { QStringLiteral("keys"), A({ weak, offCurve, good }) } }));
    QVERIFY(!validate(idToken(m_rsa1)).error);
    QCOMPARE(m_cache->cachedKeys().size(), 1);
}

// F6
void tst_JwksCache::badDocuments_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("404") << 404 << QByteArray("application/json") << QByteArray("{}");
    QTest::newRow("not JSON") << 200 << QByteArray("application/json") << QByteArray("<html>");
    QTest::newRow("HTML content type") << 200 << QByteArray("text/html") << QByteArray("{\"keys\":[]}");
    QTest::newRow("keys not an array") << 200 << QByteArray("application/json") << QByteArray("{\"keys\":{}}");
    QTest::newRow("keys missing") << 200 << QByteArray("application/json") << QByteArray("{}");
    QTest::newRow("members not objects") << 200 << QByteArray("application/json") << QByteArray("{\"keys\":[1,\"x\"]}");
    QTest::newRow("top-level array") << 200 << QByteArray("application/json") << QByteArray("[]");
}

void tst_JwksCache::badDocuments()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    m_server->on(QStringLiteral("/jwks"), Response::text(status, body, contentType));
    const Outcome o = validate(idToken(m_rsa1));
    QCOMPARE(o.calls, 1);
    QVERIFY(o.error);
    QVERIFY(o.claims.isEmpty());
    QVERIFY(!m_cache->hasKeys());
}

void tst_JwksCache::transientFailureKeepsKeys_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("500") << 500;
    QTest::newRow("503") << 503;
    QTest::newRow("429") << 429;
    QTest::newRow("connection closed") << 0;
}

void tst_JwksCache::transientFailureKeepsKeys()
{
    QFETCH(int, status);
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })));
    QVERIFY(!validate(idToken(m_rsa1)).error);
    m_server->on(QStringLiteral("/jwks"), status ? Response::text(status, "down") : Response::closeImmediately());
    m_now += 400; // cache expired: a refetch is attempted and fails transiently
    const Outcome o = validate(idToken(m_rsa1));
    QVERIFY2(!o.error, qPrintable(o.error.errorString()));
    QVERIFY(m_server->requestCount(QStringLiteral("/jwks")) >= 2);
    QVERIFY(m_cache->hasKeys());
}

// F7
void tst_JwksCache::insecureAndRedirectRefused()
{
    // Redirect: never followed.
    TestHttpServer other;
    other.on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })));
    m_server->on(QStringLiteral("/jwks"), Response::redirect(302, other.url(QStringLiteral("/jwks"))));
    Outcome o = validate(idToken(m_rsa1));
    QCOMPARE(o.error.code(), ErrorCode::RedirectRefused);
    QCOMPARE(other.requestCount(), 0);
    // http:// without the opt-in.
    m_transport->setAllowInsecureHttp(false);
    m_cache->setJwksUri(m_server->url(QStringLiteral("/jwks2")));
    o = validate(idToken(m_rsa1));
    QCOMPARE(o.error.code(), ErrorCode::InsecureUrl);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks2")), 0);
}

// F8
void tst_JwksCache::privateMembersIgnored()
{
    m_server->on(QStringLiteral("/jwks"), Response::json(200, QJsonObject{ { QStringLiteral("keys"), A({ m_rsa1.toJson(true) }) } }));
    QVERIFY(!validate(idToken(m_rsa1)).error);
    QCOMPARE(m_cache->cachedKeys().size(), 1);
    QVERIFY(!m_cache->cachedKeys().keys().constFirst().hasPrivateKey());
}

void tst_JwksCache::concurrentFetchesCollapsed()
{
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })).delayed(200));
    QObject context;
    int done = 0;
    for (int i = 0; i < 5; ++i) {
        m_cache->keys(&context, [&done](const JsonWebKeySet &keys, const Error &error) {
            QVERIFY(!error);
            QCOMPARE(keys.size(), 1);
            ++done;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, 5, 10000);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 1);
}

void tst_JwksCache::maxAgeExpires()
{
    m_server->on(QStringLiteral("/jwks"), Response::json(200, jwks({ m_rsa1 })));
    QVERIFY(!validate(idToken(m_rsa1)).error);
    m_now += 299;
    QVERIFY(!validate(idToken(m_rsa1)).error);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 1);
    m_now += 2; // 301 s
    QVERIFY(!validate(idToken(m_rsa1)).error);
    QCOMPARE(m_server->requestCount(QStringLiteral("/jwks")), 2);
}

QTEST_GUILESS_MAIN(tst_JwksCache)
#include "tst_jwkscache.moc"
