// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/jws.h>
#include "../../../common/base64urlreference.h"

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
    void longInputs();
    void longInputsRejected_data();
    void longInputsRejected();
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

void tst_Base64Url::longInputs()
{
    // Every length up to 300 bytes (every split between 16-character blocks and the tail),
    // random content, and every byte value.
    QRandomGenerator random(20261206);
    for (int length = 0; length <= 300; ++length) {
        QByteArray data(length, Qt::Uninitialized);
        for (char &c : data)
            c = char(random.bounded(256));
        const QByteArray encoded = Base64Url::encode(data);
        bool ok = false;
        QCOMPARE(Base64Url::decode(encoded, &ok), data);
        QVERIFY2(ok, qPrintable(QString::number(length)));
    }
    QByteArray all(256, Qt::Uninitialized);
    for (int i = 0; i < 256; ++i)
        all[i] = char(i);
    bool ok = false;
    QCOMPARE(Base64Url::decode(Base64Url::encode(all), &ok), all);
    QVERIFY(ok);
}

void tst_Base64Url::longInputsRejected_data()
{
    QTest::addColumn<int>("length");
    QTest::addColumn<int>("position");
    // Lengths around the block size; the bad character in the first block, in a middle block,
    // in the last full block, and in the tail.
    for (const int length : { 24, 26, 27, 28, 40, 43, 64, 100, 1306 }) {
        for (const int position : { 0, 7, 15, 16, 23, length / 2, length - 9, length - 5, length - 1 }) {
            if (position >= 0 && position < length)
                QTest::addRow("%d chars, at %d", length, position) << length << position;
        }
    }
}

void tst_Base64Url::longInputsRejected()
{
    QFETCH(int, length);
    QFETCH(int, position);
    QVERIFY(length % 4 != 1);
    // A valid text of that length around the bad character.
    QRandomGenerator random(quint32(length * 1000 + position));
    QByteArray data(length / 4 * 3 + (length % 4 ? length % 4 - 1 : 0), Qt::Uninitialized);
    for (char &c : data)
        c = char(random.bounded(256));
    const QByteArray text = Base64Url::encode(data);
    QCOMPARE(text.size(), qsizetype(length));
    // Every byte value at that position: the decoder agrees with the reference each time.
    for (int value = 0; value < 256; ++value) {
        QByteArray bad = text;
        bad[position] = char(value);
        bool ok = false, refOk = false;
        const QByteArray decoded = Base64Url::decode(bad, &ok);
        const QByteArray expected = OAuth4Qt::Test::referenceBase64UrlDecode(bad, &refOk);
        QCOMPARE(ok, refOk);
        QCOMPARE(decoded, expected);
        if (!refOk)
            QVERIFY(decoded.isEmpty());
    }
}

QTEST_GUILESS_MAIN(tst_Base64Url)
#include "tst_base64url.moc"
