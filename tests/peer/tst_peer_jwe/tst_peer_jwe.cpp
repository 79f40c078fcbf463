// SPDX-License-Identifier: BSD-3-Clause
// JWE interop with `jose` (panva/jose) on Node: jose encrypts for every alg/enc pair and every
// key type (RSA, P-256, P-384, P-521, X25519, AES key wrap, dir) and the library decrypts; the
// library encrypts the same pairs (its test-only Jwe::encrypt) and jose decrypts.
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>

#include "jose/jwe_p.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtTest/QtTest>

using namespace OAuth4Qt;

class tst_PeerJwe : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void joseToLibrary_data();
    void joseToLibrary();
    void libraryToJose_data();
    void libraryToJose();

private:
    QMap<QString, JsonWebKey> m_keys;
    QJsonArray m_theirs;
    QJsonArray m_decrypted;
    QList<QJsonObject> m_ours;
    const QByteArray m_plaintext = QByteArrayLiteral("{\"sub\":\"alice\",\"name\":\"Ren\xc3\xa9\"}");
};

void tst_PeerJwe::initTestCase()
{
    struct Gen
    {
        const char *name;
        const char *alg;
    };
    for (const Gen &g : { Gen{ "rsa", "RS256" }, Gen{ "p256", "ES256" }, Gen{ "p384", "ES384" }, Gen{ "p521", "ES512" } }) {
        const JsonWebKey k = JsonWebKey::generate(QLatin1String(g.alg));
        QVERIFY(!k.isNull());
        m_keys.insert(QLatin1String(g.name), k);
    }
    const JsonWebKey x25519 = JsonWebKey::fromJson(
        Json::parseObject(R"({"kty":"OKP","crv":"X25519","x":"ck8-hcNM6ZpjGaCEWjyHPJEz2Ny3EGGkv2sLlqtdfho","d":"GL17fTi2Z60B3fvrKJdkEU6U5NJ3vaUFxUOHGQoeEWg"})"),
        JsonWebKey::PrivatePart::KeepPrivate);
    QVERIFY(!x25519.isNull());
    m_keys.insert(QStringLiteral("x25519"), x25519);
    for (int bytes : { 16, 24, 32, 48, 64 }) {
        QByteArray secret(bytes, Qt::Uninitialized);
        for (int i = 0; i < bytes; ++i)
            secret[i] = char(QRandomGenerator::global()->bounded(256));
        m_keys.insert(QStringLiteral("oct%1").arg(bytes * 8), JsonWebKey::fromSecret(secret));
    }

    // The library's JWEs for jose: every alg/enc pair with every key that fits.
    QJsonObject keys;
    for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it)
        keys.insert(it.key(), it.value().toJson(true));
    QJsonArray ours;
    for (const QString &alg : Jwe::supportedAlgorithms()) {
        for (const QString &enc : Jwe::supportedEncryptions()) {
            for (auto it = m_keys.cbegin(); it != m_keys.cend(); ++it) {
                const JsonWebKey &k = it.value();
                const JsonWebKey recipient = k.keyType() == JsonWebKey::KeyType::Oct ? k : k.publicKey();
                const QByteArray jwe = Jwe::encrypt(m_plaintext, recipient, alg, enc);
                if (jwe.isEmpty())
                    continue; // the key does not fit this alg/enc
                const QJsonObject o{ { QStringLiteral("alg"), alg }, { QStringLiteral("enc"), enc },
                                     { QStringLiteral("key"), it.key() }, { QStringLiteral("jwe"), QString::fromLatin1(jwe) } };
                ours.append(o);
                m_ours.append(o);
            }
        }
    }
    QVERIFY(ours.size() >= 60);

    QProcess node;
    node.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    node.start(QStringLiteral(OAUTH4QT_SH), { QStringLiteral(OAUTH4QT_PEER_DIR "/node.sh"), QStringLiteral(OAUTH4QT_PEER_DIR "/jwe-roundtrip.mjs") });
    QVERIFY2(node.waitForStarted(30000), "cannot start sh node.sh");
    node.write(QJsonDocument(QJsonObject{ { QStringLiteral("keys"), keys },
                                          { QStringLiteral("plaintext"), QString::fromUtf8(m_plaintext) },
                                          { QStringLiteral("ours"), ours } }).toJson(QJsonDocument::Compact));
    node.closeWriteChannel();
    QVERIFY2(node.waitForFinished(280000), "jwe-roundtrip.mjs did not finish");
    QCOMPARE(node.exitStatus(), QProcess::NormalExit);
    QCOMPARE(node.exitCode(), 0);
    Error error;
    const QJsonObject out = Json::parseObject(node.readAllStandardOutput(), &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    m_theirs = out.value(QLatin1String("theirs")).toArray();
    m_decrypted = out.value(QLatin1String("decrypted")).toArray();
    QCOMPARE(m_decrypted.size(), ours.size());
    QCOMPARE(m_theirs.size(), ours.size()); // jose and the library agree on which keys fit
}

void tst_PeerJwe::joseToLibrary_data()
{
    QTest::addColumn<QString>("alg");
    QTest::addColumn<QString>("enc");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QByteArray>("jwe");
    for (const QJsonValue &v : std::as_const(m_theirs)) {
        const QJsonObject o = v.toObject();
        const QString alg = o.value(QLatin1String("alg")).toString(), enc = o.value(QLatin1String("enc")).toString();
        const QString key = o.value(QLatin1String("key")).toString();
        QTest::addRow("%s %s %s", qPrintable(alg), qPrintable(enc), qPrintable(key))
                << alg << enc << key << o.value(QLatin1String("jwe")).toString().toLatin1();
    }
}

void tst_PeerJwe::joseToLibrary()
{
    QFETCH(QString, alg);
    QFETCH(QString, enc);
    QFETCH(QString, key);
    QFETCH(QByteArray, jwe);
    // All keys at once: the one that fits is found.
    Error error;
    QJsonObject header;
    const QByteArray out = Jwe::decrypt(jwe, Jwe::optionsFor(m_keys.values(), alg, enc, {}), &header, &error);
    QVERIFY2(!error, qPrintable(error.technicalDetails()));
    QCOMPARE(out, m_plaintext);
    QCOMPARE(header.value(QLatin1String("cty")).toString(), QStringLiteral("JWT"));
    // The right key alone, too.
    QCOMPARE(Jwe::decrypt(jwe, Jwe::optionsFor({ m_keys.value(key) }, alg, enc, {}), nullptr, &error), m_plaintext);
}

void tst_PeerJwe::libraryToJose_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < m_ours.size(); ++i) {
        const QJsonObject &o = m_ours.at(i);
        QTest::addRow("%s %s %s", qPrintable(o.value(QLatin1String("alg")).toString()),
                      qPrintable(o.value(QLatin1String("enc")).toString()), qPrintable(o.value(QLatin1String("key")).toString()))
                << int(i);
    }
}

void tst_PeerJwe::libraryToJose()
{
    QFETCH(int, index);
    const QJsonObject result = m_decrypted.at(index).toObject();
    QCOMPARE(result.value(QLatin1String("index")).toInt(), index);
    QVERIFY2(result.value(QLatin1String("ok")).toBool(), qPrintable(result.value(QLatin1String("error")).toString()));
    QCOMPARE(result.value(QLatin1String("plaintext")).toString().toUtf8(), m_plaintext);
}

QTEST_GUILESS_MAIN(tst_PeerJwe)
#include "tst_peer_jwe.moc"
