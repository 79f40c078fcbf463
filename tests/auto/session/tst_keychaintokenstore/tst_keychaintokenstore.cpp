// SPDX-License-Identifier: BSD-3-Clause
// KeychainTokenStore against a real Secret Service (run under dbus-run-session + gnome-keyring).
#include <oauth4qt/tokenstore.h>

#include <QtCore/QUuid>
#include <QtTest/QtTest>

using namespace OAuth4Qt;

namespace {

Error saveSync(TokenStore &store, const QString &key, const QByteArray &data)
{
    bool done = false;
    Error result;
    store.save(key, data, [&](const Error &e) { result = e; done = true; });
    if (done)
        return Error(ErrorCode::InvalidState, QStringLiteral("callback ran inside save()"));
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
    return result;
}

QByteArray loadSync(TokenStore &store, const QString &key, Error *error)
{
    bool done = false;
    QByteArray result;
    store.load(key, [&](const QByteArray &data, const Error &e) { result = data; *error = e; done = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
    return result;
}

Error removeSync(TokenStore &store, const QString &key)
{
    bool done = false;
    Error result;
    store.remove(key, [&](const Error &e) { result = e; done = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 30000); }();
    return result;
}

} // namespace

class tst_KeychainTokenStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void memoryRoundTrip();
};

void tst_KeychainTokenStore::roundTrip_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::newRow("json blob") << QByteArrayLiteral("{\"version\":1,\"refresh_token\":\"rt\"}");
    QTest::newRow("binary with NUL") << QByteArray("\x00\x01\xff secret", 10);
    QTest::newRow("64 KiB") << QByteArray(64 * 1024, 'x');
}

void tst_KeychainTokenStore::roundTrip()
{
    QFETCH(QByteArray, data);
    QVERIFY(KeychainTokenStore::isCompiledIn());
    KeychainTokenStore store(QStringLiteral("org.oauth4qt.tests"));
    QVERIFY(store.isAvailable());
    const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
    Error e;
    QCOMPARE(loadSync(store, key, &e), QByteArray()); // nothing stored: empty, no error
    QVERIFY2(!e, qPrintable(e.detail()));
    e = saveSync(store, key, data);
    QVERIFY2(!e, qPrintable(e.detail()));
    QCOMPARE(loadSync(store, key, &e), data);
    QVERIFY2(!e, qPrintable(e.detail()));
    e = saveSync(store, key, QByteArrayLiteral("replaced"));
    QVERIFY(!e);
    QCOMPARE(loadSync(store, key, &e), QByteArrayLiteral("replaced"));
    e = removeSync(store, key);
    QVERIFY2(!e, qPrintable(e.detail()));
    QCOMPARE(loadSync(store, key, &e), QByteArray());
    QVERIFY(!e);
}

void tst_KeychainTokenStore::memoryRoundTrip()
{
    MemoryTokenStore store;
    Error e;
    QVERIFY(!saveSync(store, QStringLiteral("k"), QByteArrayLiteral("v")));
    QCOMPARE(loadSync(store, QStringLiteral("k"), &e), QByteArrayLiteral("v"));
    QVERIFY(!removeSync(store, QStringLiteral("k")));
    QCOMPARE(loadSync(store, QStringLiteral("k"), &e), QByteArray());
    QCOMPARE(store.count(), 0);
}

QTEST_GUILESS_MAIN(tst_KeychainTokenStore)
#include "tst_keychaintokenstore.moc"
