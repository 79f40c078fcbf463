// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the service-to-service guide. Compiled in every build, never run.
#include <oauth4qt/client.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/qdebug.h>
#include <QtCore/qfile.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslkey.h>

void clientCredentials(QObject *context, const QString &secret)
{
//! [client-credentials]
auto *client = new OAuth4Qt::Client(context);
client->setIssuer(QUrl(QStringLiteral("https://id.example.com")));
// A secret: client_secret_basic (ClientConfig::AuthMethod::Automatic picks it).
client->setClientConfig(OAuth4Qt::ClientConfig(QStringLiteral("reporting-service"), secret));

OAuth4Qt::TokenReply *reply = client->requestClientCredentials(QStringLiteral("api:read"));
QObject::connect(reply, &OAuth4Qt::Reply::finished, context, [reply] {
    reply->deleteLater();
    if (const OAuth4Qt::Error error = reply->error()) {
        // error.category(): Usage, Transport, Server, InvalidResponse, Cancelled
        qWarning() << error.technicalDetails();
        return;
    }
    const OAuth4Qt::TokenResponse tokens = reply->tokens();
    qDebug() << "token expires at" << tokens.expiresAt(); // UTC
});
//! [client-credentials]
}

void privateKeyJwt(OAuth4Qt::Client *client)
{
//! [private-key-jwt]
QFile pemFile(QStringLiteral("/etc/reporting-service/client-key.pem"));
if (!pemFile.open(QIODevice::ReadOnly))
    return;
OAuth4Qt::Error error;
const OAuth4Qt::JsonWebKey key = OAuth4Qt::JsonWebKey::fromPem(pemFile.readAll(), &error);
if (error) {
    qWarning() << "cannot use the key:" << error.technicalDetails();
    return;
}
OAuth4Qt::ClientConfig config(QStringLiteral("reporting-service"));
config.setAuthMethod(OAuth4Qt::ClientConfig::AuthMethod::PrivateKeyJwt);
config.setPrivateKey(key);                       // its public part is registered at the server
config.setSigningAlgorithm(QStringLiteral("ES256")); // optional: derived from the key otherwise
client->setClientConfig(config);
// Every request that authenticates the client now carries a fresh client_assertion JWT.
//! [private-key-jwt]
}

void mutualTls(OAuth4Qt::Client *client, const QSslCertificate &certificate, const QSslKey &privateKey)
{
//! [mtls]
QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
tls.setLocalCertificate(certificate);
tls.setPrivateKey(privateKey);
client->setSslConfiguration(tls);

OAuth4Qt::ClientConfig config(QStringLiteral("reporting-service"));
config.setAuthMethod(OAuth4Qt::ClientConfig::AuthMethod::TlsClientAuth); // PKI-bound certificate
// or SelfSignedTlsClientAuth for a certificate registered in the client's JWKS.
client->setClientConfig(config);
// Requests now go to the server's mtls_endpoint_aliases where it lists them (RFC 8705).
//! [mtls]
}
