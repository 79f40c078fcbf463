// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/jws.h>

#include <QtTest/QtTest>

using namespace OAuth4Qt;

class tst_Base64Url : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void rejects_data();
    void rejects();
};

void tst_Base64Url::roundTrip_data()
{
    QTest::addColumn<QByteArray>("decoded");
    QTest::addColumn<QByteArray>("encoded");
    // RFC 4648 section 10 vectors, without padding.
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("f") << QByteArray("f") << QByteArray("Zg");
    QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8");
    QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
    QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg");
    QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE");
    QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
    // The two characters that differ from standard base64.
    QTest::newRow("url alphabet") << QByteArray("\xfb\xff\xbf", 3) << QByteArray("-_-_");
    QTest::newRow("zero bytes") << QByteArray(4, '\0') << QByteArray("AAAAAA");
}

void tst_Base64Url::roundTrip()
{
    QFETCH(QByteArray, decoded);
    QFETCH(QByteArray, encoded);
    QCOMPARE(Base64Url::encode(decoded), encoded);
    bool ok = false;
    QCOMPARE(Base64Url::decode(encoded, &ok), decoded);
    QVERIFY(ok);
}

void tst_Base64Url::rejects_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("padding 2") << QByteArray("Zg==");
    QTest::newRow("padding 1") << QByteArray("Zm8=");
    QTest::newRow("padding only") << QByteArray("=");
    QTest::newRow("full padding block") << QByteArray("Zm9v====");
    QTest::newRow("space") << QByteArray("Zm9v YmFy");
    QTest::newRow("leading space") << QByteArray(" Zm9v");
    QTest::newRow("trailing newline") << QByteArray("Zm9v\n");
    QTest::newRow("inner newline") << QByteArray("Zm9v\nYmFy");
    QTest::newRow("tab") << QByteArray("Zm9v\tYmFy");
    QTest::newRow("CR") << QByteArray("Zm9v\r");
    QTest::newRow("plus") << QByteArray("+_-_");
    QTest::newRow("slash") << QByteArray("-/-_");
    QTest::newRow("dot") << QByteArray("Zm9v.YmFy");
    QTest::newRow("NUL") << QByteArray("Zm9v\0YmFy", 9);
    QTest::newRow("non-ASCII") << QByteArray("Zm9v\xc3\xa9");
    QTest::newRow("one char") << QByteArray("Z");
    QTest::newRow("five chars") << QByteArray("Zm9vY");
    QTest::newRow("non-zero trailing bits (2)") << QByteArray("Zh");
    QTest::newRow("non-zero trailing bits (3)") << QByteArray("Zm9");
    QTest::newRow("percent-encoded") << QByteArray("Zm9v%3D");
}

void tst_Base64Url::rejects()
{
    QFETCH(QByteArray, text);
    bool ok = true;
    QVERIFY(Base64Url::decode(text, &ok).isEmpty());
    QVERIFY(!ok);
}

QTEST_GUILESS_MAIN(tst_Base64Url)
#include "tst_base64url.moc"
