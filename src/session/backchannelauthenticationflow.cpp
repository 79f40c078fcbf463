// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/backchannelauthenticationflow.h>

#include "core/client_p.h"
#include "tokenpoller_p.h"

#include <QtCore/QPointer>

namespace OAuth4Qt {

class BackchannelAuthenticationFlowPrivate
{
public:
    using F = BackchannelAuthenticationFlow;
    explicit BackchannelAuthenticationFlowPrivate(F *qq) : q(qq) {}

    F *q;
    QPointer<Client> client;
    F::Mode mode = F::Mode::Poll;
    QString scope = QStringLiteral("openid");
    QString loginHint, idTokenHint, loginHintToken, bindingMessage, notificationToken;
    int requestedExpiry = 0;
    Parameters extra;
    F::Status status = F::Status::Idle;
    QString authReqId;
    int expiresIn = 0;
    TokenResponse tokens;
    Error error;
    TokenPoller *poller = nullptr;
    QPointer<JsonReply> authReply;

    template <typename T, typename Signal>
    void set(T &member, const T &value, Signal signal)
    {
        if (member == value)
            return;
        member = value;
        Q_EMIT(q->*signal)();
    }

    void setStatus(F::Status s)
    {
        if (status == s)
            return;
        status = s;
        Q_EMIT q->statusChanged();
    }

    void end(const TokenResponse &t, const Error &e)
    {
        tokens = t;
        error = e;
        if (!e) {
            setStatus(F::Status::Granted);
            Q_EMIT q->granted(t);
        } else {
            setStatus(e.code() == ErrorCode::Cancelled ? F::Status::Cancelled : F::Status::Failed);
            Q_EMIT q->failed(e);
        }
    }

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

    void onAuthenticationReply(JsonReply *reply)
    {
        reply->deleteLater();
        if (reply != authReply)
            return;
        authReply = nullptr;
        if (reply->error()) {
            end({}, reply->error());
            return;
        }
        const QJsonObject r = reply->result();
        set(authReqId, r.value(QLatin1String("auth_req_id")).toString(), &F::authReqIdChanged);
        set(expiresIn, int(qMin<qint64>(r.value(QLatin1String("expires_in")).toInteger(), std::numeric_limits<int>::max())),
            &F::expiresInChanged);
        const int interval = int(qMin<qint64>(r.value(QLatin1String("interval")).toInteger(), 3600));
        poller->start(interval, expiresIn, mode == F::Mode::Poll);
        setStatus(F::Status::AwaitingUser);
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
    : QObject(parent), d(new BackchannelAuthenticationFlowPrivate(this))
{
    d->client = client;
    d->poller = new TokenPoller(this);
    d->poller->setRequestFunction([this] { return d->tokenRequest(); });
    connect(d->poller, &TokenPoller::finished, this, [this](const TokenResponse &t, const Error &e) { d->end(t, e); });
    connect(d->poller, &TokenPoller::intervalChanged, this, &F::intervalChanged);
    connect(d->poller, &TokenPoller::remainingTimeChanged, this, &F::remainingTimeChanged);
}

F::~BackchannelAuthenticationFlow()
{
    d->poller->stop();
    if (d->authReply)
        d->authReply->deleteLater();
}

Client *F::client() const { return d->client; }
void F::setClient(Client *client)
{
    if (d->client == client)
        return;
    d->client = client;
    Q_EMIT clientChanged();
}
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
bool F::isRunning() const { return d->status == Status::Requesting || d->status == Status::AwaitingUser; }
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
    d->tokens = TokenResponse();
    d->error = Error();
    d->set(d->authReqId, QString(), &F::authReqIdChanged);
    d->set(d->expiresIn, 0, &F::expiresInChanged);
    if (d->mode == Mode::Ping && d->notificationToken.isEmpty())
        setClientNotificationToken(randomToken(32));
    d->setStatus(Status::Requesting);
    if (!d->client) {
        QMetaObject::invokeMethod(this, [this] {
            if (d->status == Status::Requesting && !d->authReply)
                d->end({}, Error(ErrorCode::InvalidConfiguration, QStringLiteral("the flow has no client")));
        }, Qt::QueuedConnection);
        return;
    }
    JsonReply *reply = d->client->requestBackchannelAuthentication(d->parameters());
    d->authReply = reply;
    connect(reply, &Reply::finished, this, [this, reply] { d->onAuthenticationReply(reply); });
}

void F::cancel()
{
    if (!isRunning())
        return;
    d->poller->stop();
    if (d->authReply) {
        JsonReply *reply = d->authReply;
        d->authReply = nullptr;
        reply->abort();
        reply->deleteLater();
    }
    d->end({}, Error::cancelled());
}

void F::notify(const QString &authReqId)
{
    if (d->status != Status::AwaitingUser || authReqId.isEmpty() || authReqId != d->authReqId)
        return;
    d->poller->pollNow();
}

} // namespace OAuth4Qt
