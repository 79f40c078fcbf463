// SPDX-License-Identifier: BSD-3-Clause
// The embedded translations: automatic loading for QLocale() at application start (unless
// OAUTH4QT_NO_TRANSLATIONS=1; CTest runs this program both ways), loadTranslations() for each
// shipped language (including the BrowserOpenFailed message), unloadTranslations() and
// setAutoLoadTranslations(false).
#include <oauth4qt/error.h>
#include <oauth4qt/i18n.h>
#include <oauth4qt/loopbacklistener.h>

#include <QtCore/QCoreApplication>
#include <QtTest/QTest>

using namespace OAuth4Qt;

namespace {
const QString englishTimeout = QStringLiteral("The operation timed out.");
const QString germanTimeout = QStringLiteral("Zeitüberschreitung bei dem Vorgang.");
const QString englishBrowserOpenFailed = QStringLiteral("The web browser could not be opened.");

QString timeoutMessage()
{
    return Error(ErrorCode::Timeout).errorString();
}
} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void autoLoadedForDefaultLocale();
    void languages_data();
    void languages();
    void placeholders_data();
    void placeholders();
    void loopbackListenerContext();
    void unknownLocaleFallsBackToEnglish();
    void unload();
    void turnOffAutoLoad();
};

// main() sets the default locale to German before the application exists, so the startup
// function loads the German translator, unless OAUTH4QT_NO_TRANSLATIONS=1.
void tst_Translations::autoLoadedForDefaultLocale()
{
    QCOMPARE(QLocale().language(), QLocale::German);
    if (qEnvironmentVariableIntValue("OAUTH4QT_NO_TRANSLATIONS") != 0)
        QCOMPARE(timeoutMessage(), englishTimeout);
    else
        QCOMPARE(timeoutMessage(), germanTimeout);
}

void tst_Translations::languages_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("timeout");
    QTest::addColumn<QString>("cancelled");
    QTest::addColumn<QString>("browserOpenFailed");

    QTest::newRow("de") << QLocale(QLocale::German, QLocale::Germany) << germanTimeout
                        << QStringLiteral("Der Vorgang wurde abgebrochen.")
                        << QStringLiteral("Der Webbrowser konnte nicht geöffnet werden.");
    QTest::newRow("de_AT") << QLocale(QLocale::German, QLocale::Austria) << germanTimeout
                           << QStringLiteral("Der Vorgang wurde abgebrochen.")
                           << QStringLiteral("Der Webbrowser konnte nicht geöffnet werden.");
    QTest::newRow("fr") << QLocale(QLocale::French, QLocale::France)
                        << QStringLiteral("Le délai de l’opération a expiré.")
                        << QStringLiteral("L’opération a été annulée.")
                        << QStringLiteral("Impossible d’ouvrir le navigateur web.");
    QTest::newRow("es") << QLocale(QLocale::Spanish, QLocale::Spain)
                        << QStringLiteral("Se agotó el tiempo de espera de la operación.")
                        << QStringLiteral("Se canceló la operación.")
                        << QStringLiteral("No se pudo abrir el navegador web.");
    QTest::newRow("ja") << QLocale(QLocale::Japanese, QLocale::Japan)
                        << QStringLiteral("操作がタイムアウトしました。")
                        << QStringLiteral("操作はキャンセルされました。")
                        << QStringLiteral("Web ブラウザーを開けませんでした。");
    QTest::newRow("zh_CN") << QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China)
                           << QStringLiteral("操作超时。") << QStringLiteral("操作已取消。")
                           << QStringLiteral("无法打开网页浏览器。");
}

void tst_Translations::languages()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, timeout);
    QFETCH(QString, cancelled);
    QFETCH(QString, browserOpenFailed);

    QVERIFY(loadTranslations(locale));
    QCOMPARE(timeoutMessage(), timeout);
    QCOMPARE(Error::cancelled().errorString(), cancelled);
    QCOMPARE(Error(ErrorCode::BrowserOpenFailed).errorString(), browserOpenFailed);
    unloadTranslations();
    QCOMPARE(timeoutMessage(), englishTimeout);
    QCOMPARE(Error(ErrorCode::BrowserOpenFailed).errorString(), englishBrowserOpenFailed);
}

void tst_Translations::placeholders_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("expected");
    // The OAuth error becomes a sentence for the user, without the error code.
    QTest::newRow("en") << QLocale(QLocale::English) << QStringLiteral("The sign-in is no longer valid. Please sign in again.");
    QTest::newRow("de") << QLocale(QLocale::German) << QStringLiteral("Die Anmeldung ist nicht mehr gültig. Bitte melden Sie sich erneut an.");
    QTest::newRow("ja") << QLocale(QLocale::Japanese) << QStringLiteral("サインインが無効になりました。もう一度サインインしてください。");
    QTest::newRow("zh_CN") << QLocale(QLocale::Chinese, QLocale::SimplifiedHanScript, QLocale::China) << QStringLiteral("请重新登录。");
}

void tst_Translations::placeholders()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, expected);
    if (locale.language() == QLocale::English) {
        unloadTranslations();
        QVERIFY(!loadTranslations(locale)); // English is the source language: no translator
    } else {
        QVERIFY(loadTranslations(locale));
    }
    const Error error = Error::oauth(locale.language() == QLocale::Chinese ? QStringLiteral("login_required") : QStringLiteral("invalid_grant"),
                                     QStringLiteral("refresh token expired"), {}, 400)
                            .setDetail(QStringLiteral("while refreshing"));
    QCOMPARE(error.errorString(), expected);
    // The technical context stays English and separate.
    QCOMPARE(error.technicalDetails(), QStringLiteral("oauth_error; server error %1: refresh token expired; HTTP status 400; while refreshing")
                                           .arg(error.oauthError()));
    unloadTranslations();
}

void tst_Translations::loopbackListenerContext()
{
    QVERIFY(loadTranslations(QLocale(QLocale::French)));
    QCOMPARE(LoopbackListener::tr("Not found"), QStringLiteral("Introuvable"));
    unloadTranslations();
    QCOMPARE(LoopbackListener::tr("Not found"), QStringLiteral("Not found"));
}

void tst_Translations::unknownLocaleFallsBackToEnglish()
{
    QVERIFY(loadTranslations(QLocale(QLocale::German)));
    QVERIFY(!loadTranslations(QLocale(QLocale::Swahili)));
    // The failed load also removed the previous library translator.
    QCOMPARE(timeoutMessage(), englishTimeout);
}

void tst_Translations::unload()
{
    QVERIFY(loadTranslations(QLocale(QLocale::Spanish)));
    unloadTranslations();
    unloadTranslations(); // twice is harmless
    QCOMPARE(timeoutMessage(), englishTimeout);
}

void tst_Translations::turnOffAutoLoad()
{
    // Turning it off later removes an automatically loaded translator but not one the
    // application loaded explicitly.
    QVERIFY(autoLoadTranslations());
    QVERIFY(loadTranslations(QLocale(QLocale::German)));
    setAutoLoadTranslations(false);
    QVERIFY(!autoLoadTranslations());
    QCOMPARE(timeoutMessage(), germanTimeout);
    unloadTranslations();
    setAutoLoadTranslations(true);
}

int main(int argc, char **argv)
{
    // Before the application exists: the library's startup function reads QLocale().
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QCoreApplication app(argc, argv);
    tst_Translations tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_translations.moc"
