// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the loopback redirect guide. Compiled in every build, never run.
#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/loopbacklistener.h>

#include <QtCore/qdebug.h>

void configureLoopback(OAuth4Qt::AuthorizationCodeFlow *flow)
{
//! [flow]
// The defaults: http://127.0.0.1:<ephemeral port>/callback, registered at the provider as
// http://127.0.0.1/callback (RFC 8252 section 7.3 lets the port vary).
flow->setRedirectPath(QStringLiteral("/oauth2/callback"));
flow->setRedirectPort(0);   // keep 0 unless the provider cannot accept any port
flow->setTimeout(5 * 60 * 1000);
//! [flow]
}

void ownListener(OAuth4Qt::AuthorizationCodeFlow *flow, QObject *parent)
{
//! [listener]
auto *listener = new OAuth4Qt::LoopbackListener(parent);
listener->setPath(QStringLiteral("/callback"));
listener->setAddressFamily(OAuth4Qt::LoopbackListener::AddressFamily::IPv4);
listener->setSuccessMessage(QObject::tr("Signed in. You can close this tab."));
QObject::connect(listener, &OAuth4Qt::RedirectHandler::callbackRejected, parent,
                 [](const OAuth4Qt::Error &error) {
                     // a forged or replayed callback; the listener keeps waiting
                     qWarning() << "refused callback:" << error.codeName();
                 });
flow->setRedirectHandler(listener);
//! [listener]
}
