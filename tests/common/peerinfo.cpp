// SPDX-License-Identifier: BSD-3-Clause
#include "peerinfo.h"

#include <oauth4qt/client.h>
#include <oauth4qt/jws.h>

#include <QtCore/QCryptographicHash>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>
#include <QtCore/QUrlQuery>
#include <QtNetwork/QNetworkAccessManager>
#include <QtNetwork/QNetworkCookieJar>
#include <QtNetwork/QNetworkReply>
#include <QtNetwork/QNetworkRequest>
#include <QtTest/QTest>

namespace OAuth4Qt::Test {

namespace {

QString str(const QJsonObject &o, const char *name)
{
    return o.value(QLatin1String(name)).toString();
}

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (char &c : raw)
        c = char(rng->bounded(256));
    return QString::fromLatin1(Base64Url::encode(raw));
}

} // namespace

PeerInfo PeerInfo::load(QString *error, const char *envVar)
{
    PeerInfo info;
    const QString path = qEnvironmentVariable(envVar);
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return info;
    };
    if (path.isEmpty())
        return fail(QStringLiteral("%1 is not set (run through ctest: the suite needs the oidc_provider fixture)")
                        .arg(QLatin1String(envVar)));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject() || !doc.object().value(QLatin1String("issuer")).isString())
        return fail(QStringLiteral("%1 is not a peer info file (%2)").arg(path, parseError.errorString()));
    info.m_json = doc.object();
    if (error)
        error->clear();
    return info;
}

QUrl PeerInfo::issuer() const { return QUrl(issuerString()); }
QString PeerInfo::issuerString() const { return str(m_json, "issuer"); }
QUrl PeerInfo::jwksUri() const { return QUrl(str(m_json, "jwks_uri")); }
QUrl PeerInfo::testUrl(const QString &path) const { return QUrl(str(m_json, "test_base_url") + path); }
QString PeerInfo::resource() const { return str(m_json, "resource"); }
QString PeerInfo::opaqueResource() const { return str(m_json, "opaque_resource"); }
QString PeerInfo::initialAccessToken() const { return str(m_json, "initial_access_token"); }
QString PeerInfo::keysDir() const { return str(m_json, "keys_dir"); }

QJsonObject PeerInfo::client(const QString &role) const
{
    return m_json.value(QLatin1String("clients")).toObject().value(role).toObject();
}

QString PeerInfo::clientId(const QString &role) const { return str(client(role), "client_id"); }
QString PeerInfo::clientSecret(const QString &role) const { return str(client(role), "client_secret"); }

JsonWebKey PeerInfo::privateKey(const QString &alg) const
{
    // PS256 uses the RSA key (registered with alg RS256).
    const QString keyAlg = alg.startsWith(QLatin1String("PS")) ? QStringLiteral("RS256") : alg;
    const QJsonArray keys = client(QStringLiteral("private_key_jwt")).value(QLatin1String("private_keys")).toArray();
    for (const QJsonValue &v : keys) {
        const QJsonObject k = v.toObject();
        if (str(k, "alg") != keyAlg)
            continue;
        QFile pem(str(k, "pem_file"));
        if (!pem.open(QIODevice::ReadOnly))
            return {};
        JsonWebKey key = JsonWebKey::fromPem(pem.readAll());
        key.setKeyId(str(k, "kid"));
        return key;
    }
    return {};
}

ClientConfig PeerInfo::clientConfig(const QString &role, const QString &privateKeyAlg) const
{
    const QJsonObject c = client(role);
    ClientConfig config(str(c, "client_id"), str(c, "client_secret"));
    bool ok = false;
    const ClientConfig::AuthMethod method = ClientConfig::authMethodFromName(str(c, "token_endpoint_auth_method"), &ok);
    if (ok)
        config.setAuthMethod(method);
    if (c.contains(QLatin1String("token_endpoint_auth_signing_alg")))
        config.setSigningAlgorithm(str(c, "token_endpoint_auth_signing_alg"));
    if (c.contains(QLatin1String("id_token_signed_response_alg")))
        config.setIdTokenSignedResponseAlg(str(c, "id_token_signed_response_alg"));
    if (c.contains(QLatin1String("userinfo_signed_response_alg")))
        config.setUserinfoSignedResponseAlg(str(c, "userinfo_signed_response_alg"));
    if (c.contains(QLatin1String("introspection_signed_response_alg")))
        config.setIntrospectionSignedResponseAlg(str(c, "introspection_signed_response_alg"));
    if (c.contains(QLatin1String("authorization_signed_response_alg")))
        config.setAuthorizationSignedResponseAlg(str(c, "authorization_signed_response_alg"));
    if (!privateKeyAlg.isEmpty()) {
        config.setPrivateKey(privateKey(privateKeyAlg));
        config.setSigningAlgorithm(privateKeyAlg);
    }
    return config;
}

AuthorizationResult authorizeOverHttp(Client *client, const Parameters &parameters, int timeoutMs)
{
    AuthorizationResult result;
    const QUrl endpoint = client->metadata().authorizationEndpoint();
    if (!endpoint.isValid()) {
        result.error = QStringLiteral("no authorization_endpoint: discover first");
        return result;
    }
    result.redirectUri = QUrl(QStringLiteral("http://127.0.0.1/callback"));
    for (const auto &[name, value] : parameters) {
        if (name == QLatin1String("redirect_uri"))
            result.redirectUri = QUrl(value);
        else if (name == QLatin1String("scope"))
            result.scope = value;
    }
    result.codeVerifier = randomToken(32);
    result.expectedState = randomToken(16);
    result.nonce = randomToken(16);
    const QString challenge = QString::fromLatin1(
        Base64Url::encode(QCryptographicHash::hash(result.codeVerifier.toLatin1(), QCryptographicHash::Sha256)));

    Parameters items{ { QStringLiteral("response_type"), QStringLiteral("code") },
                      { QStringLiteral("client_id"), client->clientConfig().clientId() },
                      { QStringLiteral("redirect_uri"), result.redirectUri.toString(QUrl::FullyEncoded) },
                      { QStringLiteral("code_challenge"), challenge },
                      { QStringLiteral("code_challenge_method"), QStringLiteral("S256") },
                      { QStringLiteral("state"), result.expectedState },
                      { QStringLiteral("nonce"), result.nonce } };
    for (const auto &item : parameters) {
        if (item.first != QLatin1String("redirect_uri"))
            items.append(item);
    }
    // Every character outside the unreserved set percent-encoded (also '+', '&', '=').
    QByteArray queryString;
    for (const auto &[name, value] : std::as_const(items)) {
        if (!queryString.isEmpty())
            queryString += '&';
        queryString += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    QUrl url = endpoint;
    url.setQuery(QString::fromLatin1(queryString), QUrl::StrictMode);

    QNetworkAccessManager nam;
    nam.setCookieJar(new QNetworkCookieJar(&nam));
    QElapsedTimer timer;
    timer.start();
    const QString callbackPrefix = result.redirectUri.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    for (int hop = 0; hop < 20; ++hop) {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = nam.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        const qint64 left = qMax<qint64>(1, timeoutMs - timer.elapsed());
        QTimer::singleShot(int(left), &loop, &QEventLoop::quit);
        loop.exec();
        if (!reply->isFinished()) {
            reply->abort();
            reply->deleteLater();
            result.error = QStringLiteral("authorization flow timed out at hop %1").arg(hop);
            return result;
        }
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray location = reply->rawHeader("Location");
        const QByteArray body = reply->readAll();
        reply->deleteLater();
        if (status < 300 || status > 399 || location.isEmpty()) {
            result.error = QStringLiteral("hop %1 (%2): HTTP %3 without a redirect: %4")
                               .arg(hop).arg(url.path()).arg(status).arg(QString::fromUtf8(body.left(300)));
            return result;
        }
        const QUrl next = url.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
        if (next.toString(QUrl::RemoveQuery | QUrl::RemoveFragment) == callbackPrefix) {
            result.callback = next;
            const QUrlQuery q(next);
            result.code = q.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
            result.state = q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
            result.iss = q.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded);
            result.oauthError = q.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded);
            return result;
        }
        url = next;
    }
    result.error = QStringLiteral("too many redirects");
    return result;
}

int testControl(const QJsonObject &info, const QString &pathAndQuery)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(info.value(QLatin1String("test_base_url")).toString() + pathAndQuery));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QByteArray());
    QElapsedTimer t;
    t.start();
    while (!reply->isFinished() && t.elapsed() < 10000)
        QTest::qWait(10);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    delete reply;
    return status;
}

} // namespace OAuth4Qt::Test
