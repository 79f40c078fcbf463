// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/json.h>

#include <QtCore/QJsonArray>
#include <QtTest/QtTest>

using namespace OAuth4Qt;

class tst_Json : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void accepts_data();
    void accepts();
    void rejects_data();
    void rejects();
    void everyPositionInLongStrings();
    void depthLimit();
    void detailDoesNotEchoInput();
};

// {"m0":0,"m1":1,...} with \a extra appended as a last member when given.
static QByteArray manyMembers(int count, const QByteArray &extra)
{
    QByteArray json("{");
    for (int i = 0; i < count; ++i)
        json += (i ? "," : "") + QByteArray("\"m") + QByteArray::number(i) + "\":" + QByteArray::number(i);
    if (!extra.isEmpty())
        json += ',' + extra;
    return json + '}';
}

static QByteArray nested(int depth, char open, char close, const QByteArray &inner)
{
    // depth objects/arrays around inner; the outermost is always an object.
    QByteArray out = "{\"a\":";
    for (int i = 1; i < depth; ++i)
        out += open == '{' ? QByteArray("{\"a\":") : QByteArray(1, open);
    out += inner;
    for (int i = 1; i < depth; ++i)
        out += close;
    out += '}';
    return out;
}

void tst_Json::accepts_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QVariant>("value");
    QTest::newRow("empty object") << QByteArray("{}") << QString() << QVariant();
    QTest::newRow("string") << QByteArray(R"({"iss":"https://a.example"})") << QStringLiteral("iss") << QVariant(QStringLiteral("https://a.example"));
    QTest::newRow("whitespace around") << QByteArray(" \t\r\n{ \"a\" : 1 } \n") << QStringLiteral("a") << QVariant(1.0);
    QTest::newRow("escaped name") << QByteArray(R"({"\u0061b":true})") << QStringLiteral("ab") << QVariant(true);
    QTest::newRow("surrogate pair") << QByteArray(R"({"e":"\ud83d\ude00"})") << QStringLiteral("e") << QVariant(QString::fromUtf8("\xF0\x9F\x98\x80"));
    QTest::newRow("UTF-8") << QByteArray("{\"n\":\"J\xc3\xb6rg \xe2\x80\x99\"}") << QStringLiteral("n") << QVariant(QString::fromUtf8("J\xc3\xb6rg \xe2\x80\x99"));
    QTest::newRow("escapes") << QByteArray(R"({"s":"a\"\\\/\b\f\n\r\t"})") << QStringLiteral("s") << QVariant(QStringLiteral("a\"\\/\b\f\n\r\t"));
    QTest::newRow("numbers") << QByteArray(R"({"n":-1.5e+3,"z":0,"f":0.25,"E":1E2})") << QStringLiteral("n") << QVariant(-1500.0);
    QTest::newRow("same name in sibling objects") << QByteArray(R"({"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}]})") << QStringLiteral("a") << QVariant();
    QTest::newRow("same name at different depth") << QByteArray(R"({"x":{"x":{"x":1}}})") << QStringLiteral("x") << QVariant();
    QTest::newRow("null member") << QByteArray(R"({"a":null,"b":[],"c":[1,"2",[3]]})") << QStringLiteral("b") << QVariant();
    QTest::newRow("depth 64") << nested(64, '{', '}', "1") << QStringLiteral("a") << QVariant();
    QTest::newRow("depth 64 arrays") << nested(64, '[', ']', "1") << QStringLiteral("a") << QVariant();
    QTest::newRow("many members") << manyMembers(300, {}) << QStringLiteral("m299") << QVariant(299.0);
}

void tst_Json::accepts()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, member);
    QFETCH(QVariant, value);
    Error error(ErrorCode::InvalidArgument); // must be reset on success
    const QJsonObject object = Json::parseObject(json, &error);
    QVERIFY2(!error, qPrintable(error.detail()));
    if (!member.isEmpty())
        QVERIFY(object.contains(member));
    if (value.isValid())
        QCOMPARE(object.value(member).toVariant(), value);
}

void tst_Json::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace") << QByteArray("  ");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("array") << QByteArray("[]");
    QTest::newRow("array of object") << QByteArray(R"([{"a":1}])");
    QTest::newRow("string") << QByteArray(R"("x")");
    QTest::newRow("number") << QByteArray("1");
    QTest::newRow("truncated") << QByteArray("{");
    QTest::newRow("truncated member") << QByteArray(R"({"a":)");
    QTest::newRow("truncated string") << QByteArray(R"({"a":"b)");
    QTest::newRow("trailing garbage") << QByteArray("{}x");
    QTest::newRow("two objects") << QByteArray("{} {}");
    QTest::newRow("trailing NUL") << QByteArray("{}\0", 3);
    QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF{}");
    QTest::newRow("duplicate") << QByteArray(R"({"a":1,"a":2})");
    QTest::newRow("duplicate same value") << QByteArray(R"({"sub":"x","sub":"x"})");
    QTest::newRow("duplicate nested") << QByteArray(R"({"a":{"b":1,"b":2}})");
    QTest::newRow("duplicate in array") << QByteArray(R"({"a":[1,{"k":1,"k":2}]})");
    QTest::newRow("duplicate among many members") << manyMembers(300, R"("m3":0)");
    QTest::newRow("duplicate just past the small-object scan") << manyMembers(17, R"("m0":0)");
    QTest::newRow("duplicate via escape among many") << manyMembers(100, R"("m42":0)");
    QTest::newRow("escaped duplicate of an escaped name") << QByteArray(R"({"a":1,"b":2,"a":3})");
    QTest::newRow("duplicate via escape") << QByteArray(R"({"aud":1,"\u0061ud":2})");
    QTest::newRow("duplicate via escaped slash") << QByteArray(R"({"a/b":1,"a\/b":2})");
    QTest::newRow("invalid UTF-8") << QByteArray("{\"a\":\"\xC3\x28\"}");
    QTest::newRow("invalid UTF-8 name") << QByteArray("{\"\xFF\":1}");
    QTest::newRow("overlong UTF-8") << QByteArray("{\"a\":\"\xC0\xAF\"}");
    QTest::newRow("UTF-8 surrogate") << QByteArray("{\"a\":\"\xED\xA0\x80\"}");
    QTest::newRow("truncated UTF-8") << QByteArray("{\"a\":\"\xE2\x80\"}");
    QTest::newRow("lone high surrogate escape") << QByteArray(R"({"a":"\uD800"})");
    QTest::newRow("lone low surrogate escape") << QByteArray(R"({"a":"\uDC00x"})");
    QTest::newRow("control character") << QByteArray("{\"a\":\"x\ny\"}");
    QTest::newRow("invalid escape") << QByteArray(R"({"a":"\x41"})");
    QTest::newRow("short unicode escape") << QByteArray(R"({"a":"\u41"})");
    QTest::newRow("single quotes") << QByteArray("{'a':1}");
    QTest::newRow("unquoted name") << QByteArray("{a:1}");
    QTest::newRow("comment") << QByteArray("{/*x*/\"a\":1}");
    QTest::newRow("line comment") << QByteArray("{\"a\":1}//x");
    QTest::newRow("NaN") << QByteArray(R"({"a":NaN})");
    QTest::newRow("Infinity") << QByteArray(R"({"a":Infinity})");
    QTest::newRow("leading zero") << QByteArray(R"({"a":01})");
    QTest::newRow("plus sign") << QByteArray(R"({"a":+1})");
    QTest::newRow("bare dot") << QByteArray(R"({"a":1.})");
    QTest::newRow("hex") << QByteArray(R"({"a":0x10})");
    QTest::newRow("out of range") << QByteArray(R"({"a":1e400})");
    QTest::newRow("trailing comma object") << QByteArray(R"({"a":1,})");
    QTest::newRow("trailing comma array") << QByteArray(R"({"a":[1,]})");
    QTest::newRow("missing comma") << QByteArray(R"({"a":1 "b":2})");
    QTest::newRow("bad literal") << QByteArray(R"({"a":tru})");
    QTest::newRow("uppercase literal") << QByteArray(R"({"a":True})");
    QTest::newRow("depth 65") << nested(65, '{', '}', "1");
    QTest::newRow("depth 65 arrays") << nested(65, '[', ']', "1");
    QTest::newRow("very deep") << nested(100000, '[', ']', "1");
}

void tst_Json::rejects()
{
    QFETCH(QByteArray, json);
    Error error;
    const QJsonObject object = Json::parseObject(json, &error);
    QVERIFY(object.isEmpty());
    QCOMPARE(error.code(), ErrorCode::InvalidJson);
    QVERIFY(!error.detail().isEmpty());
}

// Strings are scanned 16 bytes at a time where the CPU allows: each special byte (quote,
// backslash, control character, UTF-8 lead byte, invalid byte) at every position of a string
// longer than a few blocks, in a value and in a member name (whose escapes are decoded for the
// duplicate check), is seen exactly as the byte-at-a-time grammar sees it.
void tst_Json::everyPositionInLongStrings()
{
    struct Insert
    {
        QByteArray bytes;   // what goes into the JSON string
        QString value;      // its value when valid
        bool valid;
    };
    const QList<Insert> inserts = {
        { "\\\"", QStringLiteral("\""), true },
        { "\\\\", QStringLiteral("\\"), true },
        { "\\u0041", QStringLiteral("A"), true },
        { "\\ud83d\\ude00", QString::fromUtf8("\xF0\x9F\x98\x80"), true },
        { "\xC3\xA9", QString::fromUtf8("\xC3\xA9"), true },
        { "\xE2\x82\xAC", QString::fromUtf8("\xE2\x82\xAC"), true },
        { "\x7F", QStringLiteral("\x7F"), true },
        { QByteArray("\x00", 1), {}, false },
        { "\x1F", {}, false },
        { "\n", {}, false },
        { "\xFF", {}, false },
        { "\xC3", {}, false },
        { "\x80", {}, false },
        { "\\x", {}, false },
        { "\"", {}, false }, // ends the string early: what follows is not JSON
    };
    for (int length : { 0, 1, 15, 16, 17, 31, 32, 33, 47, 70 }) {
        for (int at = 0; at <= length; ++at) {
            for (const Insert &insert : inserts) {
                const QByteArray plain(length, 'x');
                const QByteArray string = plain.left(at) + insert.bytes + plain.mid(at);
                const QString value = QString::fromLatin1(plain.left(at)) + insert.value + QString::fromLatin1(plain.mid(at));
                const QString where = QStringLiteral("length %1 at %2 insert %3").arg(length).arg(at).arg(QString::fromLatin1(insert.bytes.toHex()));
                {
                    Error error;
                    const QJsonObject o = Json::parseObject("{\"v\":\"" + string + "\"}", &error);
                    QVERIFY2(bool(error) == !insert.valid, qPrintable(where));
                    if (insert.valid)
                        QVERIFY2(o.value(QLatin1String("v")).toString() == value, qPrintable(where));
                }
                if (insert.valid && !value.contains(u'"') && !value.contains(u'\\')) {
                    // As a member name next to the same name written without escapes: a duplicate.
                    const QByteArray unescaped = value.toUtf8();
                    Error error;
                    Json::parseObject("{\"" + unescaped + "\":1,\"" + string + "\":2}", &error);
                    QVERIFY2(error.code() == ErrorCode::InvalidJson, qPrintable(where));
                    Error ok;
                    Json::parseObject("{\"" + unescaped + "y\":1,\"" + string + "\":2}", &ok);
                    QVERIFY2(!ok, qPrintable(where));
                }
            }
        }
    }
}

void tst_Json::depthLimit()
{
    // Unbalanced input must not recurse without bound either.
    const QByteArray open = "{\"a\":" + QByteArray(1000000, '[');
    Error error;
    QVERIFY(Json::parseObject(open, &error).isEmpty());
    QCOMPARE(error.code(), ErrorCode::InvalidJson);
}

void tst_Json::detailDoesNotEchoInput()
{
    const QByteArray secret = "s3cr3t-t0ken-value";
    for (const QByteArray &json : { QByteArray("{\"access_token\":\"" + secret + "\",\"access_token\":1}"),
                                    QByteArray("{\"access_token\":\"" + secret + "\"} " + secret),
                                    QByteArray("{\"access_token\":" + secret + "}") }) {
        Error error;
        Json::parseObject(json, &error);
        QCOMPARE(error.code(), ErrorCode::InvalidJson);
        QVERIFY(!error.detail().contains(QString::fromLatin1(secret)));
        QVERIFY(!error.errorString().contains(QString::fromLatin1(secret)));
    }
}

QTEST_GUILESS_MAIN(tst_Json)
#include "tst_json.moc"
