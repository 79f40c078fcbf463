// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the DPoP guide. Compiled in every build, never run.
#include <oauth4qt/client.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/resourcereply.h>
#include <oauth4qt/tokensession.h>

#include <QtCore/qdebug.h>

void enableDPoP(OAuth4Qt::Client *client)
{
//! [key]
OAuth4Qt::Error error;
const OAuth4Qt::DPoPKey key = OAuth4Qt::DPoPKey::generate(QStringLiteral("ES256"), &error);
if (error) {
    qWarning() << error.technicalDetails();
    return;
}
client->setDPoPKey(key);          // token, PAR and UserInfo requests now carry DPoP proofs
client->setDPoPRequired(true);    // refuse a Bearer token where a DPoP-bound one was expected
//! [key]
}

void callApi(OAuth4Qt::Client *client, const OAuth4Qt::TokenResponse &tokens, QObject *context)
{
//! [resource]
// Authorization: DPoP <token> plus a proof with ath; a use_dpop_nonce challenge is retried once.
OAuth4Qt::ResourceReply *reply = client->resourceRequest(
        "GET", QUrl(QStringLiteral("https://api.example.com/v1/reports")), tokens);
QObject::connect(reply, &OAuth4Qt::Reply::finished, context, [reply] {
    reply->deleteLater();
    if (reply->error())
        qWarning() << reply->error().technicalDetails();
    else
        qDebug() << reply->status() << reply->body().size() << "bytes";
});
//! [resource]
}

void persistKey(const OAuth4Qt::DPoPKey &key)
{
//! [persist]
// A TokenSession with a store saves the client's DPoP key with the tokens. Without one:
const QJsonObject privateJwk = key.toJson();             // a secret: keep it in a keychain
OAuth4Qt::Error error;
const OAuth4Qt::DPoPKey restored = OAuth4Qt::DPoPKey::fromJson(privateJwk, &error);
//! [persist]
Q_UNUSED(restored);
}
