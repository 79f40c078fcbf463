// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt. Not part of the public API.
#pragma once

#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/loopbacklistener.h>
#include <oauth4qt/reply.h>

#include "flows/authorizationrequest_p.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

namespace OAuth4Qt {

Q_DECLARE_LOGGING_CATEGORY(lcFlow)

//! The platform's URL opener without QtGui: xdg-open (Linux/BSD), open (macOS), the shell's
//! FileProtocolHandler (Windows), started detached. Only http(s) URLs are opened.
OAUTH4QT_TESTS_EXPORT bool openUrlWithPlatformOpener(const QUrl &url);

class AuthorizationCodeFlowPrivate
{
public:
    explicit AuthorizationCodeFlowPrivate(AuthorizationCodeFlow *q);

    Client *client() const;
    void setStatus(AuthorizationCodeFlow::Status s);

    void begin();
    //! The flow's own settings (response type and what it needs): InvalidConfiguration or
    //! ProfileViolation naming the setting, before anything is sent.
    Error checkConfiguration() const;
    void prepare();
    void openBrowser(const Parameters &frontChannel);
    void onCallback(const QList<std::pair<QString, QString>> &params);
    void onHybridCallback(const QString &code, const QString &idToken);
    void exchange(const QString &code, const QJsonObject &earlierIdTokenClaims = {});
    void fail(const Error &error);
    void succeed(const TokenResponse &tokens);
    void tearDown();
    bool isRunning() const
    {
        return status == AuthorizationCodeFlow::Status::Requesting
            || status == AuthorizationCodeFlow::Status::AwaitingUser;
    }

    AuthorizationCodeFlow *q;
    Client *ownClient = nullptr;
    QPointer<Client> externalClient;
    QString knownClientId;

    QString scope;
    QString prompt;
    int maxAge = -1;
    QString loginHint;
    QString uiLocales;
    QStringList resources;
    QVariantMap extraParameters;
    bool par = false;
    bool jar = false;
    bool jarm = false;
    AuthorizationCodeFlow::ResponseType responseType = AuthorizationCodeFlow::ResponseType::Code;
    bool detachedSignature = false;
    int redirectPort = 0;
    QString redirectPath = QStringLiteral("/callback");
    QUrl redirectUri;
    QPointer<RedirectHandler> customHandler;
    LoopbackListener *listener = nullptr;
    int timeout = 300000;
    AuthorizationCodeFlow::BrowserOpener opener;

    AuthorizationCodeFlow::Status status = AuthorizationCodeFlow::Status::Idle;
    QUrl authorizationUrl;
    TokenResponse tokens;
    Error error;

    // The current attempt.
    quint64 attempt = 0;
    QString state;
    QString nonce;
    QString codeVerifier;
    CallbackExpectations expectations;
    QTimer timer;
    QPointer<JsonReply> guard;          //!< lifetime of the attempt (discovery, JWKS waits)
    QPointer<Reply> pending;            //!< PAR or token request under way
    QPointer<RedirectHandler> activeHandler;
    QList<QMetaObject::Connection> handlerConnections;
    RedirectHandler::CallbackFilter savedFilter;
    QString savedExpectedState;
    bool savedFormPost = false; //!< of a LoopbackListener set with setRedirectHandler()
};

} // namespace OAuth4Qt
