// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/backchannelauthenticationflow.h>

#include "core/client_p.h"
#include "pollingflow_p.h"

#include <QtCore/QPointer>

namespace OAuth4Qt {

class BackchannelAuthenticationFlowPrivate : public PollingFlowPrivate<BackchannelAuthenticationFlow>
{
public:
    using F = BackchannelAuthenticationFlow;
    explicit BackchannelAuthenticationFlowPrivate(F *qq, Client *c)
        : PollingFlowPrivate(qq, c, [this] { return tokenRequest(); })
    {
    }

    F::Mode mode = F::Mode::Poll;
    QString scope = QStringLiteral("openid");
    QString loginHint, idTokenHint, loginHintToken, bindingMessage, notificationToken;
    int requestedExpiry = 0;
    Parameters extra;
    QString authReqId;

    Parameters parameters() const
    {
        Parameters p;
        if (!scope.isEmpty())
            p.append({ QStringLiteral("scope"), scope });
        if (!loginHint.isEmpty())
            p.append({ QStringLiteral("login_hint"), loginHint });
        if (!idTokenHint.isEmpty())
            p.append({ QStringLiteral("id_token_hint"), idTokenHint });
        if (!loginHintToken.isEmpty())
            p.append({ QStringLiteral("login_hint_token"), loginHintToken });
        if (!bindingMessage.isEmpty())
            p.append({ QStringLiteral("binding_message"), bindingMessage });
        if (requestedExpiry > 0)
            p.append({ QStringLiteral("requested_expiry"), QString::number(requestedExpiry) });
        if (mode == F::Mode::Ping)
            p.append({ QStringLiteral("client_notification_token"), notificationToken });
        p += extra;
        return p;
    }

    void onAuthentication(const QJsonObject &r)
    {
        set(authReqId, r.value(QLatin1String("auth_req_id")).toString(), &F::authReqIdChanged);
        awaitUser(r, mode == F::Mode::Poll);
    }

    TokenReply *tokenRequest()
    {
        if (!client)
            return nullptr;
        TokenExpectations expectations;
        expectations.requestedScope = scope;
        expectations.idTokenRequired = scopeContains(scope, QStringLiteral("openid"));
        return ClientPrivate::get(client)->tokenRequest(
            GrantType::ciba(), { { QStringLiteral("auth_req_id"), authReqId } }, expectations);
    }
};

using F = BackchannelAuthenticationFlow;

F::BackchannelAuthenticationFlow(QObject *parent) : BackchannelAuthenticationFlow(nullptr, parent) {}

F::BackchannelAuthenticationFlow(Client *client, QObject *parent)
    : QObject(parent), d(new BackchannelAuthenticationFlowPrivate(this, client))
{
}

F::~BackchannelAuthenticationFlow() = default;

Client *F::client() const { return d->client; }
void F::setClient(Client *client) { d->setClient(client); }
F::Mode F::mode() const { return d->mode; }
void F::setMode(Mode mode) { d->set(d->mode, mode, &F::modeChanged); }
QString F::scope() const { return d->scope; }
void F::setScope(const QString &scope) { d->set(d->scope, scope, &F::scopeChanged); }
QString F::loginHint() const { return d->loginHint; }
void F::setLoginHint(const QString &hint) { d->set(d->loginHint, hint, &F::loginHintChanged); }
QString F::idTokenHint() const { return d->idTokenHint; }
void F::setIdTokenHint(const QString &hint) { d->set(d->idTokenHint, hint, &F::idTokenHintChanged); }
QString F::loginHintToken() const { return d->loginHintToken; }
void F::setLoginHintToken(const QString &token) { d->set(d->loginHintToken, token, &F::loginHintTokenChanged); }
QString F::bindingMessage() const { return d->bindingMessage; }
void F::setBindingMessage(const QString &message) { d->set(d->bindingMessage, message, &F::bindingMessageChanged); }
int F::requestedExpiry() const { return d->requestedExpiry; }
void F::setRequestedExpiry(int seconds) { d->set(d->requestedExpiry, qMax(0, seconds), &F::requestedExpiryChanged); }
QString F::clientNotificationToken() const { return d->notificationToken; }
void F::setClientNotificationToken(const QString &token) { d->set(d->notificationToken, token, &F::clientNotificationTokenChanged); }
Parameters F::extraParameters() const { return d->extra; }
void F::setExtraParameters(const Parameters &parameters) { d->extra = parameters; }
F::Status F::status() const { return d->status; }
bool F::isRunning() const { return d->isRunning(); }
QString F::authReqId() const { return d->authReqId; }
int F::expiresIn() const { return d->expiresIn; }
int F::remainingTime() const { return d->poller->remainingSeconds(); }
int F::interval() const { return d->poller->interval(); }
TokenResponse F::tokens() const { return d->tokens; }
Error F::error() const { return d->error; }
void F::setTimeScale(double scale) { d->poller->setTimeScale(scale); }

void F::start()
{
    if (isRunning())
        return;
    d->set(d->authReqId, QString(), &F::authReqIdChanged);
    if (d->mode == Mode::Ping && d->notificationToken.isEmpty())
        setClientNotificationToken(randomToken(32));
    d->begin([this](Client *client) { return client->requestBackchannelAuthentication(d->parameters()); },
             [this](const QJsonObject &r) { d->onAuthentication(r); });
}

void F::cancel() { d->cancel(); }

void F::notify(const QString &authReqId)
{
    if (d->status != Status::AwaitingUser || authReqId.isEmpty() || authReqId != d->authReqId)
        return;
    d->poller->pollNow();
}

} // namespace OAuth4Qt
