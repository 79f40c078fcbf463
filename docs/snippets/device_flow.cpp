// SPDX-License-Identifier: BSD-3-Clause
// Snippets of the device flow guide. Compiled in every build, never run.
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/tokensession.h>

#include <QtCore/qdebug.h>

void deviceFlow(OAuth4Qt::Client *client, OAuth4Qt::TokenSession *session, QObject *context)
{
//! [device-flow]
auto *flow = new OAuth4Qt::DeviceAuthorizationFlow(client, context);
flow->setScope(QStringLiteral("openid profile offline_access"));

QObject::connect(flow, &OAuth4Qt::DeviceAuthorizationFlow::statusChanged, context, [flow] {
    if (flow->status() != OAuth4Qt::DeviceAuthorizationFlow::Status::AwaitingUser)
        return;
    // Show these to the user (or a QR code of verificationUriComplete()).
    qInfo().noquote() << "Visit" << flow->verificationUri().toString()
                      << "and enter" << flow->userCode();
});
QObject::connect(flow, &OAuth4Qt::DeviceAuthorizationFlow::remainingTimeChanged, context, [flow] {
    qInfo() << "code valid for" << flow->remainingTime() << "s";
});
QObject::connect(flow, &OAuth4Qt::DeviceAuthorizationFlow::granted, context,
                 [session](const OAuth4Qt::TokenResponse &tokens) { session->setTokens(tokens); });
QObject::connect(flow, &OAuth4Qt::DeviceAuthorizationFlow::failed, context,
                 [](const OAuth4Qt::Error &error) {
                     // access_denied, expired_token, Cancelled, ...
                     qWarning() << error.technicalDetails();
                 });
flow->start();
//! [device-flow]
}
