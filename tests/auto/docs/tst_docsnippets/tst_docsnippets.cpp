// SPDX-License-Identifier: BSD-3-Clause
// Every QML snippet of the guides loads with the OAuth4Qt module of this build and instantiates
// without a warning (nothing is started: no network, no browser).

#include <oauth4qt/authorizationcodeflow.h>

#include <QtCore/QDir>
#include <QtCore/QRegularExpression>
#include <QtGui/QGuiApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>
#include <QtTest/QtTest>

#include <memory>

class tst_DocSnippets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void instantiates_data();
    void instantiates();
};

void tst_DocSnippets::instantiates_data()
{
    QTest::addColumn<QString>("file");
    const QDir dir(QStringLiteral(OAUTH4QT_TEST_SNIPPETS));
    const QStringList files = dir.entryList({ QStringLiteral("*.qml") }, QDir::Files, QDir::Name);
    QVERIFY(files.contains(QStringLiteral("desktop_qml.qml")));
    QVERIFY(files.contains(QStringLiteral("mobile_sign_in.qml")));
    for (const QString &file : files)
        QTest::newRow(qPrintable(file)) << dir.filePath(file);
}

void tst_DocSnippets::instantiates()
{
    QFETCH(QString, file);
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral(OAUTH4QT_TEST_QML_IMPORT));
    QQmlComponent component(&engine, QUrl::fromLocalFile(file));
    QVERIFY2(component.isReady(), qPrintable(component.errorString()));

    // The mobile snippet gets its AuthorizationCodeFlow from C++, as in the guide.
    OAuth4Qt::AuthorizationCodeFlow flow;
    const QVariantMap initial{ { QStringLiteral("flow"), QVariant::fromValue<QObject *>(&flow) } };
    const bool needsFlow = file.endsWith(QLatin1String("mobile_sign_in.qml"));
    std::unique_ptr<QObject> object(needsFlow ? component.createWithInitialProperties(initial)
                                              : component.create());
    QVERIFY2(object, qPrintable(component.errorString()));
}

QTEST_MAIN(tst_DocSnippets)

#include "tst_docsnippets.moc"
