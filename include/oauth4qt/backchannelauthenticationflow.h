// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/error.h>
#include <oauth4qt/tokenresponse.h>

#include <QtCore/qobject.h>

#include <memory>

namespace OAuth4Qt {

class BackchannelAuthenticationFlowPrivate;

/*!
    \class OAuth4Qt::BackchannelAuthenticationFlow
    OpenID Connect Client-Initiated Backchannel Authentication (CIBA): the client asks the
    server to authenticate a user identified by exactly one of loginHint, idTokenHint or
    loginHintToken on their own device (showing bindingMessage), then obtains the tokens.

    Poll mode (default): the flow polls the token endpoint like the device grant:
    never before interval, slow_down adds 5 s for all later polls, authorization_pending keeps
    polling; access_denied, expired_token and any other error stop; the request expires after
    expires_in. Ping mode: the server calls the application's notification endpoint; the
    application checks the bearer token there against clientNotificationToken() and passes the
    auth_req_id in with notify(), which makes the token request.

    Exactly one of granted() and failed() is emitted per start().
*/
class OAUTH4QT_EXPORT BackchannelAuthenticationFlow : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::Client *client READ client WRITE setClient NOTIFY clientChanged FINAL)
    Q_PROPERTY(OAuth4Qt::BackchannelAuthenticationFlow::Mode mode READ mode WRITE setMode NOTIFY modeChanged FINAL)
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY scopeChanged FINAL)
    Q_PROPERTY(QString loginHint READ loginHint WRITE setLoginHint NOTIFY loginHintChanged FINAL)
    Q_PROPERTY(QString idTokenHint READ idTokenHint WRITE setIdTokenHint NOTIFY idTokenHintChanged FINAL)
    Q_PROPERTY(QString loginHintToken READ loginHintToken WRITE setLoginHintToken NOTIFY loginHintTokenChanged FINAL)
    Q_PROPERTY(QString bindingMessage READ bindingMessage WRITE setBindingMessage NOTIFY bindingMessageChanged FINAL)
    Q_PROPERTY(int requestedExpiry READ requestedExpiry WRITE setRequestedExpiry NOTIFY requestedExpiryChanged FINAL)
    Q_PROPERTY(QString clientNotificationToken READ clientNotificationToken WRITE setClientNotificationToken NOTIFY clientNotificationTokenChanged FINAL)
    Q_PROPERTY(OAuth4Qt::BackchannelAuthenticationFlow::Status status READ status NOTIFY statusChanged FINAL)
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString authReqId READ authReqId NOTIFY authReqIdChanged FINAL)
    Q_PROPERTY(int expiresIn READ expiresIn NOTIFY expiresInChanged FINAL)
    Q_PROPERTY(int remainingTime READ remainingTime NOTIFY remainingTimeChanged FINAL)
    Q_PROPERTY(int interval READ interval NOTIFY intervalChanged FINAL)
    Q_PROPERTY(OAuth4Qt::TokenResponse tokens READ tokens NOTIFY statusChanged FINAL)
    Q_PROPERTY(OAuth4Qt::Error error READ error NOTIFY statusChanged FINAL)

public:
    enum class Mode { Poll, Ping };
    Q_ENUM(Mode)
    enum class Status { Idle, Requesting, AwaitingUser, Granted, Failed, Cancelled };
    Q_ENUM(Status)

    explicit BackchannelAuthenticationFlow(QObject *parent = nullptr);
    //! The flow does not own \a client. When the Client is deleted while the flow runs, the flow
    //! fails once with InvalidState and client() becomes null (a flow that is a descendant of the
    //! Client is deleted with it, silently). Deleting the flow ends it silently.
    explicit BackchannelAuthenticationFlow(Client *client, QObject *parent = nullptr);
    ~BackchannelAuthenticationFlow() override;

    Client *client() const;
    void setClient(Client *client);
    Mode mode() const;
    void setMode(Mode mode);
    QString scope() const;
    void setScope(const QString &scope);
    QString loginHint() const;
    void setLoginHint(const QString &hint);
    QString idTokenHint() const;
    void setIdTokenHint(const QString &hint);
    QString loginHintToken() const;
    void setLoginHintToken(const QString &token);
    QString bindingMessage() const;
    void setBindingMessage(const QString &message);
    //! requested_expiry in seconds; 0 (default) leaves it out.
    int requestedExpiry() const;
    void setRequestedExpiry(int seconds);
    //! Ping mode: the bearer token the server sends to the notification endpoint. Generated
    //! (random) by start() when empty.
    QString clientNotificationToken() const;
    void setClientNotificationToken(const QString &token);
    //! More parameters of the backchannel authentication request (acr_values, user_code, ...).
    Parameters extraParameters() const;
    void setExtraParameters(const Parameters &parameters);

    Status status() const;
    bool isRunning() const;
    QString authReqId() const;
    int expiresIn() const;
    int remainingTime() const;
    int interval() const;
    TokenResponse tokens() const;
    Error error() const;

    //! For tests: multiplies every wait (polling, back-off, expiry, countdown) by \a scale.
    void setTimeScale(double scale);

public Q_SLOTS:
    void start();
    void cancel();
    //! Ping mode: the server notified \a authReqId; makes the token request. Other ids are ignored.
    void notify(const QString &authReqId);

Q_SIGNALS:
    void clientChanged();
    void modeChanged();
    void scopeChanged();
    void loginHintChanged();
    void idTokenHintChanged();
    void loginHintTokenChanged();
    void bindingMessageChanged();
    void requestedExpiryChanged();
    void clientNotificationTokenChanged();
    void statusChanged();
    void authReqIdChanged();
    void expiresInChanged();
    void remainingTimeChanged();
    void intervalChanged();
    void granted(const OAuth4Qt::TokenResponse &tokens);
    void failed(const OAuth4Qt::Error &error);

private:
    std::unique_ptr<BackchannelAuthenticationFlowPrivate> const d;
};

} // namespace OAuth4Qt
