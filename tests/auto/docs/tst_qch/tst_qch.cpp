// SPDX-License-Identifier: BSD-3-Clause
// The API reference as users get it: the .qch registers in a Qt Help collection (what Qt Creator
// and Qt Assistant do), its keywords lead to the class and guide pages, and every public
// declaration of the headers is documented (QDoc itself only warns about what is documented
// badly, not about what is not documented at all).

#include <QtCore/QDir>
#include <QtCore/QDirIterator>
#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QRegularExpression>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtCore/QXmlStreamReader>
#include <QtHelp/QHelpEngineCore>
#include <QtHelp/QHelpLink>
#include <QtTest/QtTest>

#include <memory>

namespace {

// ---- Public declarations of the headers -------------------------------------------------------
// A small scanner for the style of include/oauth4qt: namespaces, classes/structs with access
// sections, Q_PROPERTY, enums, using-aliases, member functions and data members. Comments,
// string literals, preprocessor lines and function bodies are skipped.

struct Declarations
{
    QHash<QString, int> functions; // fully qualified name -> number of declarations (overloads)
    QSet<QString> classes, properties, enums, typedefs, variables;
};

QString stripComments(const QString &text)
{
    QString out = text;
    out.remove(QRegularExpression(QStringLiteral("/\\*.*?\\*/"),
                                  QRegularExpression::DotMatchesEverythingOption));
    out.remove(QRegularExpression(QStringLiteral("//[^\\n]*")));
    out.replace(QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"")), QStringLiteral("\"\""));
    out.replace(QRegularExpression(QStringLiteral("'(?:[^'\\\\]|\\\\.)*'")), QStringLiteral("' '"));
    out.remove(QRegularExpression(QStringLiteral("^\\s*#[^\\n]*"), QRegularExpression::MultilineOption));
    return out;
}

// Removes leading macro invocations that end without a semicolon (Q_OBJECT, Q_PROPERTY(...), ...)
// from a statement; Q_PROPERTY names go to \a properties.
QString stripMacros(QString statement, QStringList *properties)
{
    static const QRegularExpression bare(QStringLiteral("^\\s*(Q_OBJECT|Q_GADGET|QT_BEGIN_NAMESPACE|QT_END_NAMESPACE)\\b"));
    static const QRegularExpression call(QStringLiteral(
            "^\\s*(Q_PROPERTY|Q_ENUM|Q_ENUM_NS|Q_FLAG|Q_FLAG_NS|Q_CLASSINFO|Q_DECLARE_FLAGS|"
            "Q_DISABLE_COPY|Q_DISABLE_COPY_MOVE|Q_NAMESPACE_EXPORT|Q_NAMESPACE|Q_DECLARE_METATYPE|"
            "Q_DECLARE_SHARED|Q_DECLARE_TYPEINFO)\\s*\\("));
    for (;;) {
        if (const QRegularExpressionMatch m = bare.match(statement); m.hasMatch()) {
            statement.remove(0, m.capturedEnd());
            continue;
        }
        const QRegularExpressionMatch m = call.match(statement);
        if (!m.hasMatch())
            return statement;
        int depth = 0;
        int end = m.capturedEnd() - 1;
        for (; end < statement.size(); ++end) {
            if (statement.at(end) == QLatin1Char('('))
                ++depth;
            else if (statement.at(end) == QLatin1Char(')') && --depth == 0)
                break;
        }
        if (m.captured(1) == QLatin1String("Q_PROPERTY") && properties) {
            const QString body = statement.mid(m.capturedEnd(), end - m.capturedEnd());
            const QRegularExpressionMatch p = QRegularExpression(
                    QStringLiteral("([A-Za-z_][A-Za-z0-9_]*)\\s+READ\\b")).match(body);
            if (p.hasMatch())
                properties->append(p.captured(1));
        }
        statement.remove(0, end + 1);
    }
}

struct Scope
{
    enum Kind { Namespace, Class, Skip } kind;
    QString name;     // qualified name (namespaces and classes)
    QString access;   // classes: public, protected, private
};

void analyzeStatement(const QString &raw, const Scope &scope, Declarations *out)
{
    QStringList properties;
    QString s = stripMacros(raw, &properties).simplified();
    for (const QString &p : std::as_const(properties))
        out->properties.insert(scope.name + QLatin1String("::") + p);
    if (s.isEmpty() || scope.name.isEmpty())
        return;
    if (scope.kind == Scope::Class && scope.access != QLatin1String("public"))
        return;
    static const QRegularExpression skip(QStringLiteral("^(friend|template|static_assert|class|struct|enum)\\b"));
    if (skip.match(s).hasMatch())
        return;
    if (s.contains(QLatin1String("= delete")))
        return;
    if (const QRegularExpressionMatch u = QRegularExpression(
                QStringLiteral("^using\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*=")).match(s); u.hasMatch()) {
        out->typedefs.insert(scope.name + QLatin1String("::") + u.captured(1));
        return;
    }
    if (s.startsWith(QLatin1String("using ")) || s.startsWith(QLatin1String("typedef ")))
        return;
    const int paren = s.indexOf(QLatin1Char('('));
    if (paren < 0) {
        if (scope.kind == Scope::Class) { // a public data member
            const QRegularExpressionMatch v = QRegularExpression(
                    QStringLiteral("([A-Za-z_][A-Za-z0-9_]*)\\s*(\\{.*\\}|=.*)?$")).match(s);
            if (v.hasMatch())
                out->variables.insert(scope.name + QLatin1String("::") + v.captured(1));
        }
        return;
    }
    QString name;
    if (const QRegularExpressionMatch op = QRegularExpression(
                QStringLiteral("\\boperator\\s*(\\(\\)|[^\\s(]+(?:\\s+[A-Za-z_]\\w*)?)\\s*\\(")).match(s); op.hasMatch()) {
        name = QStringLiteral("operator");
        if (op.captured(1).front().isLetter())
            name += QLatin1Char(' ');
        name += op.captured(1).trimmed();
    } else {
        const QRegularExpressionMatch f = QRegularExpression(
                QStringLiteral("(~?[A-Za-z_][A-Za-z0-9_]*)\\s*$")).match(s.left(paren));
        if (!f.hasMatch())
            return;
        name = f.captured(1);
    }
    if (name.startsWith(QLatin1String("Q_")) || name.startsWith(QLatin1String("QML_")))
        return;
    out->functions[scope.name + QLatin1String("::") + name] += 1;
}

void scanHeader(const QString &text, Declarations *out)
{
    const QString src = stripComments(text);
    QList<Scope> stack;
    QString statement;
    static const QRegularExpression accessLabel(QStringLiteral(
            "^\\s*(public|protected|private)\\s*(Q_SLOTS)?\\s*:(?!:)|^\\s*(Q_SIGNALS)\\s*:(?!:)"));
    auto top = [&stack]() -> Scope { return stack.isEmpty() ? Scope{ Scope::Skip, QString(), QString() } : stack.constLast(); };
    int parens = 0; // inside a parameter list (default arguments like "= {}")
    for (int i = 0; i < src.size(); ++i) {
        const QChar c = src.at(i);
        const Scope current = top();
        if (!stack.isEmpty() && current.kind == Scope::Skip) {
            if (c == QLatin1Char('{'))
                stack.append({ Scope::Skip, QString(), QString() });
            else if (c == QLatin1Char('}'))
                stack.removeLast();
            continue;
        }
        if (c == QLatin1Char('('))
            ++parens;
        else if (c == QLatin1Char(')'))
            parens = qMax(0, parens - 1);
        if (parens > 0 || c == QLatin1Char(')')) {
            statement.append(c);
            continue;
        }
        if (c == QLatin1Char(':') && current.kind == Scope::Class) {
            statement.append(c);
            QStringList properties;
            const QString stripped = stripMacros(statement, &properties);
            const QRegularExpressionMatch m = accessLabel.match(stripped);
            if (m.hasMatch() && m.capturedEnd() == stripped.size()) {
                for (const QString &p : std::as_const(properties))
                    out->properties.insert(current.name + QLatin1String("::") + p);
                stack.last().access = m.captured(3).isEmpty() ? m.captured(1) : QStringLiteral("public");
                statement.clear();
            }
            continue;
        }
        if (c == QLatin1Char(';')) {
            if (!stack.isEmpty())
                analyzeStatement(statement, current, out);
            statement.clear();
            continue;
        }
        if (c == QLatin1Char('{')) {
            QStringList properties;
            const QString s = stripMacros(statement, &properties).simplified();
            for (const QString &p : std::as_const(properties))
                out->properties.insert(current.name + QLatin1String("::") + p);
            const QRegularExpressionMatch ns = QRegularExpression(
                    QStringLiteral("^namespace\\s+([A-Za-z_][A-Za-z0-9_]*)$")).match(s);
            const QRegularExpressionMatch cls = QRegularExpression(QStringLiteral(
                    "^(?:template\\s*<[^>]*>\\s*)?(class|struct)\\s+(?:OAUTH4QT_EXPORT\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\b")).match(s);
            const QRegularExpressionMatch en = QRegularExpression(QStringLiteral(
                    "^enum\\s+(?:class\\s+)?([A-Za-z_][A-Za-z0-9_]*)")).match(s);
            const QString prefix = current.name.isEmpty() ? QString() : current.name + QLatin1String("::");
            if (ns.hasMatch() && current.kind != Scope::Class) {
                stack.append({ Scope::Namespace, prefix + ns.captured(1), QString() });
            } else if (cls.hasMatch() && !current.name.isEmpty()
                       && (current.kind == Scope::Namespace || current.access == QLatin1String("public"))) {
                out->classes.insert(prefix + cls.captured(2));
                stack.append({ Scope::Class, prefix + cls.captured(2),
                               cls.captured(1) == QLatin1String("struct") ? QStringLiteral("public") : QStringLiteral("private") });
            } else {
                if (en.hasMatch() && !current.name.isEmpty()
                    && (current.kind == Scope::Namespace || current.access == QLatin1String("public")))
                    out->enums.insert(prefix + en.captured(1));
                else if (!current.name.isEmpty() && !s.startsWith(QLatin1String("enum")))
                    analyzeStatement(statement, current, out); // an inline function, or "T member{...}"
                stack.append({ Scope::Skip, QString(), QString() });
            }
            statement.clear();
            continue;
        }
        if (c == QLatin1Char('}')) {
            if (!stack.isEmpty())
                stack.removeLast();
            statement.clear();
            continue;
        }
        statement.append(c);
    }
}

// ---- What the QDoc index says is documented ---------------------------------------------------

struct Documented
{
    QHash<QString, int> functions;
    QSet<QString> classes, properties, enums, typedefs, variables;
};

Documented readIndex(const QString &path, QString *error)
{
    Documented out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return out;
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        const QString fullName = a.value(QLatin1String("fullname")).toString();
        const bool documented = a.value(QLatin1String("documented")) == QLatin1String("true");
        const auto element = xml.name();
        if (element == QLatin1String("function")) {
            // Accessors and notifiers of a documented property count as documented.
            if (documented || a.hasAttribute(QLatin1String("associated-property")))
                out.functions[fullName] += 1;
        } else if (!documented) {
            continue;
        } else if (element == QLatin1String("class") || element == QLatin1String("struct")
                   || element == QLatin1String("namespace")) {
            out.classes.insert(fullName);
        } else if (element == QLatin1String("property")) {
            out.properties.insert(fullName);
        } else if (element == QLatin1String("enum")) {
            out.enums.insert(fullName);
        } else if (element == QLatin1String("typedef")) {
            out.typedefs.insert(fullName);
        } else if (element == QLatin1String("variable")) {
            out.variables.insert(fullName);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return out;
}

QStringList missing(const QSet<QString> &declared, const QSet<QString> &documented)
{
    QStringList result;
    for (const QString &name : declared) {
        if (!documented.contains(name))
            result.append(name);
    }
    result.sort();
    return result;
}

} // namespace

class tst_Qch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void registersInHelpCollection();
    void findsKeywords_data();
    void findsKeywords();
    void guidePages_data();
    void guidePages();
    void everyPublicDeclarationIsDocumented();
    void noInternalReferences();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QHelpEngineCore> m_engine;
    QString m_namespace;
};

void tst_Qch::initTestCase()
{
    QVERIFY2(QFile::exists(QStringLiteral(OAUTH4QT_TEST_QCH)),
             "the .qch is missing: build the docs target (ctest runs docs_qdoc first)");
    QVERIFY(m_dir.isValid());
    m_namespace = QHelpEngineCore::namespaceName(QStringLiteral(OAUTH4QT_TEST_QCH));
    QVERIFY(m_namespace.startsWith(QLatin1String("org.oauth4qt.")));
}

void tst_Qch::registersInHelpCollection()
{
    m_engine = std::make_unique<QHelpEngineCore>(m_dir.filePath(QStringLiteral("collection.qhc")));
    m_engine->setReadOnly(false);
    QVERIFY2(m_engine->setupData(), qPrintable(m_engine->error()));
    QVERIFY2(m_engine->registerDocumentation(QStringLiteral(OAUTH4QT_TEST_QCH)), qPrintable(m_engine->error()));
    QCOMPARE(m_engine->registeredDocumentations(), QStringList{ m_namespace });
}

void tst_Qch::findsKeywords_data()
{
    QTest::addColumn<QString>("identifier");
    QTest::addColumn<QString>("page");
    QTest::addColumn<QString>("title");
    QTest::newRow("Client") << "OAuth4Qt::Client" << "oauth4qt-client.html" << "Client Class";
    QTest::newRow("AuthorizationCodeFlow") << "OAuth4Qt::AuthorizationCodeFlow"
                                           << "oauth4qt-authorizationcodeflow.html" << "AuthorizationCodeFlow Class";
    QTest::newRow("TokenSession::freshAccessToken") << "TokenSession::freshAccessToken"
                                                    << "oauth4qt-tokensession.html" << "TokenSession Class";
    QTest::newRow("Error") << "OAuth4Qt::Error" << "oauth4qt-error.html" << "Error Class";
}

void tst_Qch::findsKeywords()
{
    QFETCH(QString, identifier);
    QFETCH(QString, page);
    QFETCH(QString, title);
    QVERIFY(m_engine);
    const QList<QHelpLink> links = m_engine->documentsForIdentifier(identifier);
    QCOMPARE(links.size(), 1);
    const QUrl url = links.constFirst().url;
    QCOMPARE(url.scheme(), QStringLiteral("qthelp"));
    QCOMPARE(url.host(), m_namespace);
    QCOMPARE(url.fileName(), page);
    const QByteArray html = m_engine->fileData(url.adjusted(QUrl::RemoveFragment));
    QVERIFY(html.contains(title.toUtf8()));
}

void tst_Qch::guidePages_data()
{
    QTest::addColumn<QString>("keyword");
    QTest::addColumn<QString>("page");
    QTest::newRow("desktop") << "Desktop Sign-in" << "oauth4qt-desktop-sign-in.html";
    QTest::newRow("mobile") << "Mobile Sign-in with QML" << "oauth4qt-mobile-sign-in.html";
    QTest::newRow("device") << "Device Authorization Flow" << "oauth4qt-device-flow.html";
    QTest::newRow("service") << "Service-to-Service Authentication" << "oauth4qt-service-to-service.html";
    QTest::newRow("dpop") << "DPoP" << "oauth4qt-dpop.html";
    QTest::newRow("session") << "Token Session and Keychain Storage" << "oauth4qt-token-session.html";
    QTest::newRow("loopback") << "Securing the Loopback Redirect" << "oauth4qt-loopback-redirect.html";
    QTest::newRow("qtnetworkauth") << "Coming from QtNetworkAuth" << "oauth4qt-coming-from-qtnetworkauth.html";
}

void tst_Qch::guidePages()
{
    QFETCH(QString, keyword);
    QFETCH(QString, page);
    QVERIFY(m_engine);
    const QList<QHelpLink> links = m_engine->documentsForKeyword(keyword);
    QCOMPARE(links.size(), 1);
    QCOMPARE(links.constFirst().url.fileName(), page);
    const QByteArray html = m_engine->fileData(links.constFirst().url);
    QVERIFY(html.contains(keyword.toUtf8()));
    // The snippets were found (QDoc leaves a note in the page when one is missing).
    QVERIFY(!html.contains("Cannot find file to quote from"));
}

void tst_Qch::everyPublicDeclarationIsDocumented()
{
    Declarations declared;
    const QDir headers(QStringLiteral(OAUTH4QT_TEST_PUBLIC_HEADERS));
    const QStringList files = headers.entryList({ QStringLiteral("*.h") }, QDir::Files);
    QVERIFY(files.size() > 10);
    for (const QString &name : files) {
        QFile file(headers.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        scanHeader(QString::fromUtf8(file.readAll()), &declared);
    }
    if (qEnvironmentVariableIsSet("TST_QCH_DUMP")) {
        for (auto it = declared.functions.cbegin(); it != declared.functions.cend(); ++it)
            qInfo().noquote() << "function" << it.key() << it.value();
        for (const QString &c : std::as_const(declared.classes))
            qInfo().noquote() << "class" << c;
        for (const QString &c : std::as_const(declared.properties))
            qInfo().noquote() << "property" << c;
    }
    // The scanner saw the declarations (guards against a scanner that silently finds nothing).
    QVERIFY(declared.classes.contains(QStringLiteral("OAuth4Qt::Client")));
    QVERIFY(declared.functions.value(QStringLiteral("OAuth4Qt::Client::requestClientCredentials")) == 1);
    QVERIFY(declared.properties.contains(QStringLiteral("OAuth4Qt::TokenSession::autoRefresh")));
    QVERIFY(declared.enums.contains(QStringLiteral("OAuth4Qt::ErrorCode")));
    QVERIFY(declared.functions.size() > 200);

    QString error;
    const Documented documented = readIndex(QStringLiteral(OAUTH4QT_TEST_DOCS_INDEX), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    QStringList problems;
    for (const QString &name : missing(declared.classes, documented.classes))
        problems << QStringLiteral("class/namespace %1").arg(name);
    for (const QString &name : missing(declared.properties, documented.properties))
        problems << QStringLiteral("property %1").arg(name);
    for (const QString &name : missing(declared.enums, documented.enums))
        problems << QStringLiteral("enum %1").arg(name);
    for (const QString &name : missing(declared.typedefs, documented.typedefs))
        problems << QStringLiteral("typedef %1").arg(name);
    for (const QString &name : missing(declared.variables, documented.variables))
        problems << QStringLiteral("variable %1").arg(name);
    for (auto it = declared.functions.cbegin(); it != declared.functions.cend(); ++it) {
        const int have = documented.functions.value(it.key());
        if (have < it.value())
            problems << QStringLiteral("function %1: %2 declaration(s), %3 documented")
                                .arg(it.key()).arg(it.value()).arg(have);
    }
    problems.sort();
    if (!problems.isEmpty())
        qWarning().noquote() << "Undocumented (add a /*! \\fn / \\property / ... */ block under docs/src/reference):\n "
                             << problems.join(QLatin1String("\n  "));
    QCOMPARE(problems.size(), 0);
}

// What users read (public headers, the reference and guides, docs/*.md) names no internal
// bookkeeping: issue numbers or ids of the project's security checklist ("(G8)", "section J4").
// docs/security-checklist-coverage.md is the developer document built on those ids.
void tst_Qch::noInternalReferences()
{
    const QRegularExpression internal(QStringLiteral(
            "\\bissue\\s+#?\\d+|\\(([A-M]\\d{1,2})(,\\s*[A-M]\\d{1,2})*\\)|\\bsection [A-M]\\d*\\b(?![.\\d])"
            "|security checklist|checklist (line|id|item)"),
            QRegularExpression::CaseInsensitiveOption);
    QStringList files;
    const QDir headers(QStringLiteral(OAUTH4QT_TEST_PUBLIC_HEADERS));
    for (const QString &name : headers.entryList({ QStringLiteral("*.h") }, QDir::Files))
        files << headers.filePath(name);
    const QDir docs(QStringLiteral(OAUTH4QT_TEST_DOCS_SOURCE));
    for (const QString &name : docs.entryList({ QStringLiteral("*.md") }, QDir::Files)) {
        if (name != QLatin1String("security-checklist-coverage.md"))
            files << docs.filePath(name);
    }
    for (const QString &sub : { QStringLiteral("src"), QStringLiteral("snippets") }) {
        QDirIterator it(docs.filePath(sub), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    QVERIFY(files.size() > 30);
    QStringList found;
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QRegularExpressionMatch m = internal.match(lines.at(i));
            if (m.hasMatch())
                found << QStringLiteral("%1:%2: %3").arg(path).arg(i + 1).arg(m.captured(0));
        }
    }
    if (!found.isEmpty())
        qWarning().noquote() << "Internal references in user-facing text:\n " << found.join(QLatin1String("\n  "));
    QCOMPARE(found.size(), 0);
}

QTEST_GUILESS_MAIN(tst_Qch)

#include "tst_qch.moc"
