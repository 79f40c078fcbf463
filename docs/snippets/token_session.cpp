// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the token session guide. Compiled in every build, never run.
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>

#include <QtCore/qdebug.h>

void sessionWithKeychain(OAuth4Qt::Client *client, QObject *context)
{
//! [setup]
auto *store = new OAuth4Qt::KeychainTokenStore(QStringLiteral("org.example.MyApp"), context);
if (!store->isAvailable())
    qWarning() << "oauth4qt was built without QtKeychain: tokens are not remembered";

auto *session = new OAuth4Qt::TokenSession(client, context);
session->setStore(store);
session->setStoreKey(QStringLiteral("alice@id.example.com")); // one entry per account
//! [setup]

//! [restore]
QObject::connect(session, &OAuth4Qt::TokenSession::restored, context,
                 [](bool found, const OAuth4Qt::Error &error) {
                     if (error)
                         qWarning() << "keychain:" << error.technicalDetails();
                     else if (!found)
                         qInfo() << "not signed in: show the sign-in button";
                 });
session->restore();
//! [restore]

//! [ended]
QObject::connect(session, &OAuth4Qt::TokenSession::sessionEnded, context,
                 [](const OAuth4Qt::Error &reason) {
                     if (reason) // e.g. invalid_grant: the refresh token was revoked
                         qInfo() << "signed out:" << reason.technicalDetails();
                 });
//! [ended]
}

void useToken(OAuth4Qt::TokenSession *session, QObject *context)
{
//! [fresh]
OAuth4Qt::TokenReply *reply = session->freshAccessToken();
QObject::connect(reply, &OAuth4Qt::Reply::finished, context, [reply] {
    reply->deleteLater();
    if (reply->error())
        return;
    const QString accessToken = reply->tokens().accessToken(); // valid for refreshLeadTime more
    Q_UNUSED(accessToken); // ... send the request with it
});
//! [fresh]
}
