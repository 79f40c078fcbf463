// SPDX-License-Identifier: BSD-3-Clause
// parseWwwAuthenticate (RFC 9110 section 11.6.1) and isValidDpopNonce (RFC 9449 section 8).
#include "transport/httptransport_p.h"

#include <QtTest/QTest>

using namespace OAuth4Qt;

namespace {

// A compact, comparable rendering: scheme[token68]{k=v;k=v} | ...  (params sorted by name)
QString render(const QList<AuthChallenge> &challenges)
{
    QStringList out;
    for (const AuthChallenge &c : challenges) {
        QString s = QString::fromLatin1(c.scheme);
        if (!c.token68.isEmpty())
            s += QLatin1Char('[') + QString::fromLatin1(c.token68) + QLatin1Char(']');
        QList<QByteArray> keys = c.params.keys();
        std::sort(keys.begin(), keys.end());
        QStringList params;
        for (const QByteArray &k : keys)
            params << QString::fromLatin1(k) + QLatin1Char('=') + QString::fromLatin1(c.params.value(k));
        if (!params.isEmpty())
            s += QLatin1Char('{') + params.join(QLatin1Char(';')) + QLatin1Char('}');
        out << s;
    }
    return out.join(QLatin1String(" | "));
}

} // namespace

class tst_WwwAuthenticate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void severalHeaderValues();
    void hostileInputTerminates();
    void dpopNonce_data();
    void dpopNonce();
};

void tst_WwwAuthenticate::parse_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("scheme-only") << QByteArray("Negotiate") << QStringLiteral("Negotiate");
    QTest::newRow("bearer") << QByteArray("Bearer realm=\"example\"") << QStringLiteral("Bearer{realm=example}");
    QTest::newRow("bearer-error")
        << QByteArray("Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"")
        << QStringLiteral("Bearer{error=invalid_token;error_description=The access token expired;realm=example}");
    QTest::newRow("dpop-token-values") << QByteArray("DPoP algs=\"ES256 PS256\", error=use_dpop_nonce")
                                       << QStringLiteral("DPoP{algs=ES256 PS256;error=use_dpop_nonce}");
    QTest::newRow("names-lower-cased-scheme-kept") << QByteArray("dPoP ERROR=\"use_dpop_nonce\"")
                                                   << QStringLiteral("dPoP{error=use_dpop_nonce}");
    QTest::newRow("two-challenges")
        << QByteArray("Bearer realm=\"api\", DPoP algs=\"ES256\", error=\"use_dpop_nonce\"")
        << QStringLiteral("Bearer{realm=api} | DPoP{algs=ES256;error=use_dpop_nonce}");
    QTest::newRow("rfc9110-example")
        << QByteArray("Basic realm=\"simple\", Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\"")
        << QStringLiteral("Basic{realm=simple} | Newauth{realm=apps;title=Login to \"apps\";type=1}");
    QTest::newRow("quoted-comma") << QByteArray("Bearer realm=\"a, b=c\", scope=\"x y\"")
                                  << QStringLiteral("Bearer{realm=a, b=c;scope=x y}");
    QTest::newRow("escapes") << QByteArray("Bearer realm=\"a\\\\b\\c\"") << QStringLiteral("Bearer{realm=a\\bc}");
    QTest::newRow("bws-around-equals") << QByteArray("Bearer realm = \"x\" ,error= y")
                                       << QStringLiteral("Bearer{error=y;realm=x}");
    QTest::newRow("token68") << QByteArray("Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF==")
                             << QStringLiteral("Negotiate[YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEF==]");
    QTest::newRow("token68-then-challenge") << QByteArray("Negotiate abc+/=, Bearer realm=\"x\"")
                                            << QStringLiteral("Negotiate[abc+/=] | Bearer{realm=x}");
    QTest::newRow("empty-list-elements") << QByteArray(" , Basic realm=\"a\" ,, , Bearer")
                                         << QStringLiteral("Basic{realm=a} | Bearer");
    QTest::newRow("empty-quoted") << QByteArray("Bearer error_description=\"\"")
                                  << QStringLiteral("Bearer{error_description=}");
    QTest::newRow("tab-separator") << QByteArray("Bearer\trealm=\"x\"") << QStringLiteral("Bearer{realm=x}");
    QTest::newRow("obs-text-kept") << QByteArray("Bearer realm=\"caf\xc3\xa9\"")
                                   << QStringLiteral("Bearer{realm=caf\u00c3\u00a9}"); // bytes, rendered as Latin-1

    // Malformed: stop at the first malformed part, keeping what was parsed before.
    QTest::newRow("unterminated-quote") << QByteArray("Bearer realm=\"x") << QStringLiteral("Bearer");
    QTest::newRow("unterminated-after-challenge") << QByteArray("Basic realm=\"a\", Bearer realm=\"x")
                                                  << QStringLiteral("Basic{realm=a} | Bearer");
    QTest::newRow("dangling-escape") << QByteArray("Bearer realm=\"x\\") << QStringLiteral("Bearer");
    QTest::newRow("duplicate-param") << QByteArray("Bearer error=\"a\", error=\"use_dpop_nonce\"")
                                     << QStringLiteral("Bearer{error=a}");
    // "realm=" is a valid token68 (1*tchar68 *"="): the grammar makes it one, not a param.
    QTest::newRow("missing-value-is-token68") << QByteArray("Bearer realm=") << QStringLiteral("Bearer[realm=]");
    QTest::newRow("missing-value-then-param") << QByteArray("Bearer realm=, error=x")
                                              << QStringLiteral("Bearer[realm=]");
    QTest::newRow("missing-quoted-value") << QByteArray("Bearer error=\"x\", realm= ") << QStringLiteral("Bearer{error=x}");
    QTest::newRow("leading-equals") << QByteArray("=x") << QString();
    QTest::newRow("quote-as-scheme") << QByteArray("\"Bearer\" realm=x") << QString();
    QTest::newRow("control-char-in-quote") << QByteArray("Bearer realm=\"a\x01b\"") << QStringLiteral("Bearer");
    QTest::newRow("garbage-after-param") << QByteArray("Bearer realm=x y") << QStringLiteral("Bearer{realm=x}");
    QTest::newRow("scheme-with-slash") << QByteArray("Bea/rer realm=x") << QString();
    QTest::newRow("nul-byte") << QByteArray("Bearer realm=\"a\0b\"", 18) << QStringLiteral("Bearer");
}

void tst_WwwAuthenticate::parse()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    QCOMPARE(render(parseWwwAuthenticate({header})), expected);
}

void tst_WwwAuthenticate::severalHeaderValues()
{
    const QList<AuthChallenge> challenges = parseWwwAuthenticate(
        {QByteArray("Bearer realm=\"api\""), QByteArray("DPoP error=\"use_dpop_nonce\", algs=\"ES256\"")});
    QCOMPARE(challenges.size(), 2);
    QCOMPARE(challenges.at(1).scheme, QByteArrayLiteral("DPoP"));
    QCOMPARE(challenges.at(1).params.value("error"), QByteArrayLiteral("use_dpop_nonce"));
    // A malformed value stops the parse: later values are not looked at.
    QCOMPARE(render(parseWwwAuthenticate({QByteArray("Basic realm=\"x"), QByteArray("Bearer")})), QStringLiteral("Basic"));
}

void tst_WwwAuthenticate::hostileInputTerminates()
{
    // Large and pathological inputs: linear time, no crash.
    const QByteArray manyCommas(200000, ',');
    QVERIFY(parseWwwAuthenticate({manyCommas}).isEmpty());
    QByteArray manyParams("Bearer ");
    for (int i = 0; i < 5000; ++i)
        manyParams += "p" + QByteArray::number(i) + "=\"v\", ";
    const auto parsed = parseWwwAuthenticate({manyParams});
    QCOMPARE(parsed.size(), 1);
    QCOMPARE(parsed.first().params.size(), 5000);
    QByteArray longQuoted("Bearer realm=\"");
    longQuoted += QByteArray(100000, '\\');
    QCOMPARE(parseWwwAuthenticate({longQuoted}).size(), 1);
    QCOMPARE(parseWwwAuthenticate({QByteArray(100000, '=')}).size(), 0);
}

void tst_WwwAuthenticate::dpopNonce_data()
{
    QTest::addColumn<QByteArray>("nonce");
    QTest::addColumn<bool>("valid");
    QTest::newRow("typical") << QByteArray("eyJ7S_zG.eyJH0-Z.HX4w-7v") << true;
    QTest::newRow("all-nqchar-edges") << QByteArray("!#[]~") << true;
    QTest::newRow("comma-allowed") << QByteArray("a,b") << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("space") << QByteArray("a b") << false;
    QTest::newRow("joined-headers") << QByteArray("n-1, n-2") << false;
    QTest::newRow("quote") << QByteArray("a\"b") << false;
    QTest::newRow("backslash") << QByteArray("a\\b") << false;
    QTest::newRow("tab") << QByteArray("a\tb") << false;
    QTest::newRow("del") << QByteArray("a\x7f") << false;
    QTest::newRow("utf8") << QByteArray("n\xc3\xa9") << false;
    QTest::newRow("crlf") << QByteArray("a\r\nX-Evil: 1") << false;
}

void tst_WwwAuthenticate::dpopNonce()
{
    QFETCH(QByteArray, nonce);
    QFETCH(bool, valid);
    QCOMPARE(isValidDpopNonce(nonce), valid);
}

QTEST_GUILESS_MAIN(tst_WwwAuthenticate)
#include "tst_wwwauthenticate.moc"
