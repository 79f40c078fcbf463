// SPDX-License-Identifier: BSD-3-Clause
// End to end: AuthorizationCodeFlow with the REAL headless Chromium as the system browser against
// the REAL oidc-provider (tests/peer). Chromium follows the provider's redirects through its
// auto-completing login to the flow's loopback listener. Plain, PAR, JAR, JARM, PAR+JAR+JARM,
// 127.0.0.1 and [::1], a denied login, the FAPI 2.0 Security Profile (Client::setProfile)
// against the fixture's FAPI 2.0 clients (DPoP, and mutual TLS through the mtls_endpoint_aliases),
// and the hybrid response type (form_post; the FAPI 1 detached signature with s_hash).
#include "processgroup.h"
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/loopbacklistener.h>
#include <oauth4qt/registrationreply.h>
#include <oauth4qt/reply.h>

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>
#include <QtTest/QtTest>

#include <cerrno>
#include <csignal>
#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace OAuth4Qt;

namespace {

//! One headless Chromium, in its own process group (session), with a fresh profile directory.
class Chromium
{
public:
    ~Chromium() { stop(); }

    bool open(const QUrl &url)
    {
        stop();
        // The profile lives in memory where it can (tmpfs): a fresh Chromium profile is written
        // with fsync, which a busy disk turns into seconds.
        const QFileInfo shm(QStringLiteral("/dev/shm"));
        m_profile = shm.isDir() && shm.isWritable()
            ? std::make_unique<QTemporaryDir>(QStringLiteral("/dev/shm/oauth4qt-e2e-XXXXXX"))
            : std::make_unique<QTemporaryDir>();
        if (!m_profile->isValid())
            return false;
        m_log.clear();
        m_process = std::make_unique<QProcess>();
        m_process->setProgram(program());
        // The same flags as chromium-browser.sh (the CLI end-to-end test's browser).
        m_process->setArguments({ QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                                  QStringLiteral("--disable-dev-shm-usage"), QStringLiteral("--disable-extensions"),
                                  QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
                                  QStringLiteral("--disable-sync"), QStringLiteral("--disable-breakpad"),
                                  QStringLiteral("--no-first-run"), QStringLiteral("--no-default-browser-check"),
                                  QStringLiteral("--password-store=basic"), QStringLiteral("--use-mock-keychain"),
                                  QStringLiteral("--disable-quic"),
                                  QStringLiteral("--user-data-dir=") + m_profile->path(), url.toString(QUrl::FullyEncoded) });
        m_process->setStandardOutputFile(QProcess::nullDevice());
        // Its stderr (mostly D-Bus noise of a headless box) is kept for a failed sign-in's report.
        m_logPath = m_profile->path() + QStringLiteral(".log");
        m_process->setStandardErrorFile(m_logPath);
        m_process->setChildProcessModifier([] { ::setsid(); }); // its own group: killed as a whole
        m_process->start();
        if (!m_process->waitForStarted(10000))
            return false;
        m_group = pid_t(m_process->processId());
        ++m_launches;
        return true;
    }

    //! Kills the whole process group and reaps what this process may reap.
    void stop()
    {
        if (!m_process)
            return;
        if (m_group > 0)
            m_lastGroupGone = OAuth4Qt::Test::killProcessGroup(m_group, m_process.get());
        m_process.reset();
        m_profile.reset();
        if (!m_logPath.isEmpty()) {
            QFile log(m_logPath);
            if (log.open(QIODevice::ReadOnly)) {
                const qint64 size = log.size();
                log.seek(qMax<qint64>(0, size - 4000));
                m_log = QString::fromUtf8(log.readAll());
            }
            log.close();
            QFile::remove(m_logPath);
            m_logPath.clear();
        }
        m_group = 0;
    }

    bool lastGroupGone() const { return m_lastGroupGone; }
    //! The end of the last stopped Chromium's stderr.
    QString logTail() const { return m_log; }
    int launches() const { return m_launches; }

    static QString program()
    {
        const QString fromEnv = qEnvironmentVariable("OAUTH4QT_CHROMIUM");
        return fromEnv.isEmpty() ? QStringLiteral("/usr/bin/chromium") : fromEnv;
    }

private:
    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<QProcess> m_process;
    QString m_logPath;
    QString m_log;
    pid_t m_group = 0;
    bool m_lastGroupGone = false;
    int m_launches = 0;
};

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class tst_E2eAuthorizationCodeFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void signIn_data();
    void signIn();

private:
    ClientConfig registerNative(const QJsonObject &metadata, const JsonWebKey &key = {});

    QJsonObject m_info;
    QJsonObject m_nonceInfo; // the fixture that requires DPoP nonces
    QUrl m_issuer;
    JsonWebKey m_clientKey; // the private_key_jwt ES256 key of tests/peer/keys
    ClientConfig m_jarClient;
    ClientConfig m_jarmClient;
    ClientConfig m_jarJarmClient; // signed requests and signed responses
};

void tst_E2eAuthorizationCodeFlow::initTestCase()
{
    // Chromium's helper processes are reparented to us when its main process ends, so we can
    // reap them and prove that nothing is left behind.
    QCOMPARE(::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0);
    QVERIFY2(QFileInfo(Chromium::program()).isExecutable(), qPrintable(Chromium::program()));
    const QString infoFile = qEnvironmentVariable("OAUTH4QT_PEER_INFO_FILE");
    QVERIFY2(!infoFile.isEmpty(), "OAUTH4QT_PEER_INFO_FILE is not set (run through ctest: fixture oidc_provider)");
    m_info = readJson(infoFile);
    QVERIFY2(!m_info.isEmpty(), qPrintable(infoFile));
    m_issuer = QUrl(m_info.value(QLatin1String("issuer")).toString());
    const QString nonceInfoFile = qEnvironmentVariable("OAUTH4QT_PEER_DPOP_INFO_FILE");
    QVERIFY2(!nonceInfoFile.isEmpty(), "OAUTH4QT_PEER_DPOP_INFO_FILE is not set (run through ctest: fixture oidc_provider_dpop)");
    m_nonceInfo = readJson(nonceInfoFile);
    QVERIFY2(!m_nonceInfo.isEmpty(), qPrintable(nonceInfoFile));

    const QJsonArray keys = m_info.value(QLatin1String("clients")).toObject().value(QLatin1String("private_key_jwt"))
                                .toObject().value(QLatin1String("private_keys")).toArray();
    for (const QJsonValue &k : keys) {
        if (k.toObject().value(QLatin1String("alg")).toString() != QLatin1String("ES256"))
            continue;
        QFile pem(k.toObject().value(QLatin1String("pem_file")).toString());
        QVERIFY(pem.open(QIODevice::ReadOnly));
        Error e;
        m_clientKey = JsonWebKey::fromPem(pem.readAll(), &e);
        QVERIFY2(!e, qPrintable(e.errorString()));
        m_clientKey.setKeyId(k.toObject().value(QLatin1String("kid")).toString());
    }
    QVERIFY(!m_clientKey.isNull());

    // The fixture's private_key_jwt and signed clients are web clients with the exact redirect
    // URI http://127.0.0.1/callback (port 80). The same registrations as native clients, whose
    // loopback redirect URIs accept any port (RFC 8252 7.3):
    const QJsonObject clientJwks = readJson(m_info.value(QLatin1String("client_jwks_file")).toString());
    QVERIFY(!clientJwks.isEmpty());
    m_jarClient = registerNative(QJsonObject{ { QStringLiteral("token_endpoint_auth_method"), QStringLiteral("private_key_jwt") },
                                              { QStringLiteral("token_endpoint_auth_signing_alg"), QStringLiteral("ES256") },
                                              { QStringLiteral("request_object_signing_alg"), QStringLiteral("ES256") },
                                              { QStringLiteral("jwks"), clientJwks } },
                                 m_clientKey);
    QVERIFY(!m_jarClient.isNull());
    m_jarmClient = registerNative(QJsonObject{ { QStringLiteral("token_endpoint_auth_method"), QStringLiteral("client_secret_basic") },
                                               { QStringLiteral("authorization_signed_response_alg"), QStringLiteral("ES256") },
                                               { QStringLiteral("id_token_signed_response_alg"), QStringLiteral("ES256") } });
    QVERIFY(!m_jarmClient.isNull());
    QCOMPARE(m_jarmClient.authorizationSignedResponseAlg(), QStringLiteral("ES256"));
    m_jarJarmClient = registerNative(QJsonObject{ { QStringLiteral("token_endpoint_auth_method"), QStringLiteral("private_key_jwt") },
                                                  { QStringLiteral("token_endpoint_auth_signing_alg"), QStringLiteral("ES256") },
                                                  { QStringLiteral("request_object_signing_alg"), QStringLiteral("ES256") },
                                                  { QStringLiteral("authorization_signed_response_alg"), QStringLiteral("ES256") },
                                                  { QStringLiteral("jwks"), clientJwks } },
                                     m_clientKey);
    QVERIFY(!m_jarJarmClient.isNull());
    QCOMPARE(m_jarJarmClient.authorizationSignedResponseAlg(), QStringLiteral("ES256"));
}

ClientConfig tst_E2eAuthorizationCodeFlow::registerNative(const QJsonObject &metadata, const JsonWebKey &key)
{
    QJsonObject md = metadata;
    md.insert(QStringLiteral("application_type"), QStringLiteral("native"));
    md.insert(QStringLiteral("redirect_uris"), QJsonArray{ QStringLiteral("http://127.0.0.1/callback"), QStringLiteral("http://[::1]/callback") });
    md.insert(QStringLiteral("grant_types"), QJsonArray{ QStringLiteral("authorization_code") });
    md.insert(QStringLiteral("response_types"), QJsonArray{ QStringLiteral("code") });
    md.insert(QStringLiteral("scope"), QStringLiteral("openid profile email"));
    Client client;
    client.setAllowInsecureHttp(true);
    client.setIssuer(m_issuer);
    RegistrationReply *reply = client.registerClient(md, m_info.value(QLatin1String("initial_access_token")).toString());
    QSignalSpy spy(reply, &Reply::finished);
    if (!spy.wait(20000) || reply->error()) {
        qWarning() << "registration failed" << reply->error();
        return {};
    }
    ClientConfig config = reply->clientConfig();
    if (!key.isNull())
        config.setPrivateKey(key);
    return config;
}

void tst_E2eAuthorizationCodeFlow::signIn_data()
{
    QTest::addColumn<QString>("client"); // public, jar, jarm, jarjarm, fapi2, fapi2_mtls (Profile::Fapi2Security), hybrid
    QTest::addColumn<bool>("par");
    QTest::addColumn<bool>("jar");
    QTest::addColumn<bool>("jarm");
    QTest::addColumn<bool>("ipv6");
    QTest::addColumn<QString>("loginHint");
    QTest::addColumn<bool>("dpop");          // a DPoP key: dpop_jkt, proofs at PAR and token
    QTest::addColumn<bool>("nonceProvider"); // the fixture that requires DPoP nonces
    QTest::addColumn<QString>("prompt");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<QString>("oauthError");
    struct Row
    {
        QString client = QStringLiteral("public");
        bool par = false, jar = false, jarm = false, ipv6 = false;
        QString loginHint;
        bool dpop = false, nonceProvider = false;
        QString prompt;
        ErrorCode expected = ErrorCode::NoError;
        QString oauthError;
    };
    auto row = [](const char *name, const Row &r) {
        QTest::newRow(name) << r.client << r.par << r.jar << r.jarm << r.ipv6 << r.loginHint << r.dpop << r.nonceProvider
                            << r.prompt << r.expected << r.oauthError;
    };
    const QString jar = QStringLiteral("jar"), jarm = QStringLiteral("jarm"), both = QStringLiteral("jarjarm");
    const QString denied = QStringLiteral("access_denied");
    Row r;
    row("plain 127.0.0.1", r);
    r = {}; r.ipv6 = true; row("plain [::1]", r);
    r = {}; r.loginHint = QStringLiteral("bob"); row("bob via login_hint", r);
    r = {}; r.par = true; row("PAR", r);
    r = {}; r.par = r.ipv6 = true; row("PAR [::1]", r);
    r = {}; r.client = jar; r.jar = true; row("JAR private_key_jwt", r);
    r = {}; r.client = jar; r.jar = r.par = true; row("JAR + PAR", r);
    r = {}; r.client = jarm; r.jarm = true; row("JARM ES256", r);
    r = {}; r.client = jarm; r.jarm = r.par = r.ipv6 = true; row("JARM + PAR [::1]", r);
    // P9: all three at once.
    r = {}; r.client = both; r.par = r.jar = r.jarm = true; row("PAR + JAR + JARM", r);
    // P5: dpop_jkt in the authorization URL; a DPoP proof at PAR; nonces required at PAR and token.
    r = {}; r.dpop = true; row("DPoP (dpop_jkt)", r);
    r = {}; r.dpop = r.par = true; row("DPoP + PAR", r);
    r = {}; r.dpop = r.par = r.nonceProvider = true; row("DPoP + PAR, nonces required", r);
    r = {}; r.dpop = r.nonceProvider = true; row("DPoP, nonces required", r);
    // The FAPI 2.0 Security Profile: PAR without asking (the fixture's client requires it), DPoP,
    // private_key_jwt (client assertion aud = issuer), iss required, ES256 ID Token.
    const QString fapi2 = QStringLiteral("fapi2");
    r = {}; r.client = fapi2; r.dpop = true; row("FAPI 2.0, DPoP", r);
    r = {}; r.client = fapi2; r.dpop = r.nonceProvider = true; row("FAPI 2.0, DPoP, nonces required", r);
    r = {}; r.client = fapi2; r.dpop = r.ipv6 = true; r.loginHint = QStringLiteral("bob"); row("FAPI 2.0, DPoP [::1], bob", r);
    r = {}; r.client = fapi2; r.dpop = true; r.loginHint = QStringLiteral("deny"); r.expected = ErrorCode::AuthorizationDenied;
    r.oauthError = denied; row("FAPI 2.0, denied login", r);
    // ... with mutual TLS instead (RFC 8705): self_signed_tls_client_auth, certificate-bound
    // tokens, PAR and token requests at the mtls_endpoint_aliases (https), no DPoP.
    const QString fapi2Mtls = QStringLiteral("fapi2_mtls");
    r = {}; r.client = fapi2Mtls; row("FAPI 2.0, mutual TLS", r);
    r = {}; r.client = fapi2Mtls; r.ipv6 = true; r.loginHint = QStringLiteral("bob"); row("FAPI 2.0, mutual TLS [::1], bob", r);
    // The hybrid response type (OpenID Connect Core 3.3): the provider form-posts code and an
    // EdDSA ID Token to the loopback listener (Chromium runs its auto-submitting form).
    const QString hybrid = QStringLiteral("hybrid");
    r = {}; r.client = hybrid; row("hybrid code id_token", r);
    r = {}; r.client = hybrid; r.par = r.ipv6 = true; row("hybrid code id_token + PAR [::1]", r);
    // FAPI 1 detached signature: the provider (FAPI 1.0 Final profile) adds s_hash; required here.
    r = {}; r.client = QStringLiteral("fapi1_hybrid"); row("hybrid, FAPI 1 detached signature (s_hash required)", r);
    r = {}; r.client = hybrid; r.loginHint = QStringLiteral("deny"); r.expected = ErrorCode::AuthorizationDenied;
    r.oauthError = denied; row("hybrid, denied login (form-posted error)", r);
    r = {}; r.loginHint = QStringLiteral("deny"); r.expected = ErrorCode::AuthorizationDenied; r.oauthError = denied;
    row("denied login", r);
    r.client = jarm; r.jarm = true; row("denied login, JARM (signed error)", r);
    // P10: prompt=none without a session at the provider (a fresh browser profile).
    r = {}; r.prompt = QStringLiteral("none"); r.expected = ErrorCode::AuthorizationDenied;
    r.oauthError = QStringLiteral("login_required"); row("prompt=none without a session", r);
}

void tst_E2eAuthorizationCodeFlow::signIn()
{
    QFETCH(QString, client);
    QFETCH(bool, par);
    QFETCH(bool, jar);
    QFETCH(bool, jarm);
    QFETCH(bool, ipv6);
    QFETCH(QString, loginHint);
    QFETCH(bool, dpop);
    QFETCH(bool, nonceProvider);
    QFETCH(QString, prompt);
    QFETCH(ErrorCode, expected);
    QFETCH(QString, oauthError);

    const QJsonObject &info = nonceProvider ? m_nonceInfo : m_info;
    QCOMPARE(info.value(QLatin1String("dpop_nonce_required")).toBool(), nonceProvider);
    const QUrl issuer(info.value(QLatin1String("issuer")).toString());
    AuthorizationCodeFlow flow;
    flow.setIssuer(issuer);
    flow.setAllowInsecureHttp(true);
    if (client == QLatin1String("jar"))
        flow.client()->setClientConfig(m_jarClient);
    else if (client == QLatin1String("jarm"))
        flow.client()->setClientConfig(m_jarmClient);
    else if (client == QLatin1String("jarjarm"))
        flow.client()->setClientConfig(m_jarJarmClient);
    else if (client == QLatin1String("fapi2")) {
        const QJsonObject registered = info.value(QLatin1String("clients")).toObject().value(QLatin1String("fapi2")).toObject();
        QCOMPARE(registered.value(QLatin1String("fapi_profile")).toString(), QStringLiteral("2.0"));
        ClientConfig config(registered.value(QLatin1String("client_id")).toString());
        config.setAuthMethod(ClientConfig::AuthMethod::PrivateKeyJwt);
        config.setPrivateKey(m_clientKey);
        flow.client()->setClientConfig(config);
        flow.client()->setProfile(Client::Profile::Fapi2Security);
    } else if (client == QLatin1String("fapi2_mtls")) {
        const QJsonObject registered = info.value(QLatin1String("clients")).toObject().value(QLatin1String("fapi2_mtls")).toObject();
        QCOMPARE(registered.value(QLatin1String("fapi_profile")).toString(), QStringLiteral("2.0"));
        ClientConfig config(registered.value(QLatin1String("client_id")).toString());
        config.setAuthMethod(ClientConfig::AuthMethod::SelfSignedTlsClientAuth);
        flow.client()->setClientConfig(config);
        auto readFile = [](const QString &name) {
            QFile file(name);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(QSslCertificate::fromData(readFile(info.value(QLatin1String("mtls_ca_file")).toString())));
        const QList<QSslCertificate> certificate = QSslCertificate::fromData(readFile(registered.value(QLatin1String("certificate_file")).toString()));
        QCOMPARE(certificate.size(), 1);
        ssl.setLocalCertificate(certificate.first());
        const QSslKey privateKey(readFile(registered.value(QLatin1String("private_key_file")).toString()), QSsl::Ec); // P-256
        QVERIFY(!privateKey.isNull());
        ssl.setPrivateKey(privateKey);
        flow.client()->setSslConfiguration(ssl);
        flow.client()->setProfile(Client::Profile::Fapi2Security);
    } else if (client == QLatin1String("hybrid") || client == QLatin1String("fapi1_hybrid")) {
        const QJsonObject registered = info.value(QLatin1String("clients")).toObject().value(client).toObject();
        flow.client()->setClientConfig(ClientConfig(registered.value(QLatin1String("client_id")).toString(),
                                                    registered.value(QLatin1String("client_secret")).toString()));
        flow.setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
        flow.setDetachedSignature(client == QLatin1String("fapi1_hybrid"));
    } else
        flow.setClientId(info.value(QLatin1String("clients")).toObject().value(QLatin1String("public")).toObject()
                             .value(QLatin1String("client_id")).toString());
    DPoPKey key;
    if (dpop) {
        key = DPoPKey::generate();
        QVERIFY(!key.isNull());
        flow.client()->setDPoPKey(key);
        if (client != QLatin1String("fapi2"))
            flow.client()->setDPoPRequired(true); // a Bearer token would fail the row
    }
    flow.setPrompt(prompt);
    flow.setScope(QStringLiteral("openid profile"));
    flow.setPushedAuthorizationRequest(par);
    flow.setSignedRequestObject(jar);
    flow.setJarm(jarm);
    flow.setLoginHint(loginHint);
    // A sign-in takes a second or two here; the deadline is for slow, shared CI machines.
    flow.setTimeout(180000);
    LoopbackListener v6;
    if (ipv6) {
        v6.setAddressFamily(LoopbackListener::AddressFamily::IPv6);
        flow.setRedirectHandler(&v6);
    }
    Chromium chromium;
    flow.setBrowserOpener([&chromium](const QUrl &url) { return chromium.open(url); });
    QSignalSpy granted(&flow, &AuthorizationCodeFlow::granted);
    QSignalSpy failed(&flow, &AuthorizationCodeFlow::failed);
    QElapsedTimer elapsed;
    elapsed.start();
    flow.start();
    QTRY_VERIFY_WITH_TIMEOUT(granted.count() + failed.count() >= 1, 200000);
    chromium.stop();
    qInfo("sign-in ended after %lld ms", qlonglong(elapsed.elapsed()));
    if (granted.count() != (expected == ErrorCode::NoError ? 1 : 0))
        qInfo("Chromium's stderr (end):\n%s", qPrintable(chromium.logTail()));
    QVERIFY2(chromium.lastGroupGone(), "a Chromium process outlived the test");
    QCOMPARE(chromium.launches(), 1);
    QTest::qWait(100);
    QCOMPARE(granted.count() + failed.count(), 1);

    if (ipv6)
        QCOMPARE(flow.redirectUri().host(), QStringLiteral("::1"));
    else
        QCOMPARE(flow.redirectUri().host(), QStringLiteral("127.0.0.1"));
    const QUrlQuery front(flow.authorizationUrl());
    const bool profile = client.startsWith(QLatin1String("fapi2"));
    if (par || profile) { // the profile always pushes
        QVERIFY(!flow.pushedAuthorizationRequest() || par);
        QVERIFY(front.hasQueryItem(QStringLiteral("request_uri")));
        QCOMPARE(front.queryItems().size(), 2);
    } else if (jar) {
        QVERIFY(front.hasQueryItem(QStringLiteral("request")));
        QCOMPARE(front.queryItems().size(), 2);
    } else if (client.endsWith(QLatin1String("hybrid"))) {
        QCOMPARE(front.queryItemValue(QStringLiteral("response_type"), QUrl::FullyDecoded), QStringLiteral("code id_token"));
        QCOMPARE(front.queryItemValue(QStringLiteral("response_mode")), QStringLiteral("form_post"));
    } else {
        QCOMPARE(front.queryItemValue(QStringLiteral("response_mode")), jarm ? QStringLiteral("jwt") : QString());
        QCOMPARE(front.queryItemValue(QStringLiteral("dpop_jkt")), dpop ? key.thumbprint() : QString());
        QCOMPARE(front.queryItemValue(QStringLiteral("prompt")), prompt);
    }

    if (expected == ErrorCode::NoError) {
        if (failed.count())
            qWarning() << failed.first().first().value<Error>();
        QCOMPARE(granted.count(), 1);
        QCOMPARE(flow.status(), AuthorizationCodeFlow::Status::Granted);
        const TokenResponse tokens = flow.tokens();
        QVERIFY(!tokens.accessToken().isEmpty());
        const QJsonObject claims = tokens.idTokenClaims();
        QCOMPARE(claims.value(QLatin1String("sub")).toString(), loginHint.isEmpty() ? QStringLiteral("alice") : loginHint);
        QCOMPARE(claims.value(QLatin1String("iss")).toString(), issuer.toString());
        QCOMPARE(claims.value(QLatin1String("aud")).toString(), flow.clientId());
        QVERIFY(!claims.value(QLatin1String("nonce")).toString().isEmpty());
        QCOMPARE(tokens.tokenType().toLower(), dpop ? QStringLiteral("dpop") : QStringLiteral("bearer"));
        if (client == QLatin1String("fapi2_mtls")) {
            // The access token is bound to the certificate: UserInfo through the alias, with the
            // certificate, accepts it.
            JsonReply *userInfo = flow.client()->userInfo(tokens);
            QSignalSpy done(userInfo, &Reply::finished);
            QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 30000);
            QVERIFY2(!userInfo->error(), qPrintable(userInfo->error().technicalDetails()));
            QCOMPARE(userInfo->result().value(QLatin1String("sub")).toString(), claims.value(QLatin1String("sub")).toString());
        }
        if (client == QLatin1String("hybrid")) // the fixture's hybrid client: EdDSA (c_hash with SHA-512)
            QVERIFY(QByteArray::fromBase64(tokens.idToken().section(QLatin1Char('.'), 0, 0).toLatin1(),
                                           QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)
                        .contains("\"EdDSA\""));
        if (profile) {
            QVERIFY(!flow.client()->isDPoPRequired()); // the profile refuses Bearer by itself
            QCOMPARE(QString::fromLatin1(QByteArray::fromBase64(tokens.idToken().section(QLatin1Char('.'), 0, 0).toLatin1(),
                                                                 QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
                         .contains(QLatin1String("\"ES256\"")),
                     true);
        }
    } else {
        QCOMPARE(failed.count(), 1);
        const Error e = failed.first().first().value<Error>();
        QCOMPARE(e.code(), expected);
        QCOMPARE(e.oauthError(), oauthError);
        QCOMPARE(flow.status(), AuthorizationCodeFlow::Status::Failed);
    }
}

QTEST_GUILESS_MAIN(tst_E2eAuthorizationCodeFlow)
#include "tst_e2e_authorizationcodeflow.moc"
