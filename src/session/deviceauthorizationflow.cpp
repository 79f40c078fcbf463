// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/client.h>
#include <oauth4qt/deviceauthorizationflow.h>

#include "core/client_p.h"
#include "tokenpoller_p.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcDevice, "oauth4qt.device", QtWarningMsg)

class DeviceAuthorizationFlowPrivate
{
public:
    DeviceAuthorizationFlow *q;
    QPointer<Client> client;
    QString scope;
    Parameters extra;
    DeviceAuthorizationFlow::UrlOpener opener;
    DeviceAuthorizationFlow::Status status = DeviceAuthorizationFlow::Status::Idle;
    QString userCode;
    QString deviceCode;
    QUrl verificationUri;
    QUrl verificationUriComplete;
    int expiresIn = 0;
    TokenResponse tokens;
    Error error;
    TokenPoller *poller = nullptr;
    QPointer<JsonReply> authorizationReply;

    void setStatus(DeviceAuthorizationFlow::Status s)
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
        deviceCode.clear();
        if (!e) {
            setStatus(DeviceAuthorizationFlow::Status::Granted);
            Q_EMIT q->granted(t);
        } else {
            setStatus(e.code() == ErrorCode::Cancelled ? DeviceAuthorizationFlow::Status::Cancelled
                                                       : DeviceAuthorizationFlow::Status::Failed);
            Q_EMIT q->failed(e);
        }
    }

    template <typename T, typename Signal>
    void set(T &member, const T &value, Signal signal)
    {
        if (member == value)
            return;
        member = value;
        Q_EMIT(q->*signal)();
    }

    void onAuthorization(JsonReply *reply)
    {
        reply->deleteLater();
        if (reply != authorizationReply)
            return;
        authorizationReply = nullptr;
        if (reply->error()) {
            end({}, reply->error());
            return;
        }
        const QJsonObject r = reply->result();
        deviceCode = r.value(QLatin1String("device_code")).toString();
        set(userCode, r.value(QLatin1String("user_code")).toString(), &DeviceAuthorizationFlow::userCodeChanged);
        set(verificationUri, QUrl(r.value(QLatin1String("verification_uri")).toString(), QUrl::StrictMode),
            &DeviceAuthorizationFlow::verificationUriChanged);
        set(verificationUriComplete, QUrl(r.value(QLatin1String("verification_uri_complete")).toString(), QUrl::StrictMode),
            &DeviceAuthorizationFlow::verificationUriCompleteChanged);
        set(expiresIn, int(qMin<qint64>(r.value(QLatin1String("expires_in")).toInteger(), std::numeric_limits<int>::max())),
            &DeviceAuthorizationFlow::expiresInChanged);
        const int interval = int(qMin<qint64>(r.value(QLatin1String("interval")).toInteger(), 3600));
        poller->start(interval, expiresIn);
        setStatus(DeviceAuthorizationFlow::Status::AwaitingUser);
        // J3: only an https URL is ever handed to the opener.
        const QUrl toOpen = verificationUriComplete.isValid() ? verificationUriComplete : verificationUri;
        if (opener && toOpen.scheme() == QLatin1String("https"))
            opener(toOpen);
        else if (opener)
            qCWarning(lcDevice) << "the verification URI is not https: not opening it";
    }

    TokenReply *pollRequest()
    {
        if (!client)
            return nullptr;
        TokenExpectations expectations;
        expectations.requestedScope = scope;
        return ClientPrivate::get(client)->tokenRequest(
            GrantType::deviceCode(), { { QStringLiteral("device_code"), deviceCode } }, expectations);
    }
};

DeviceAuthorizationFlow::DeviceAuthorizationFlow(QObject *parent) : DeviceAuthorizationFlow(nullptr, parent) {}

DeviceAuthorizationFlow::DeviceAuthorizationFlow(Client *client, QObject *parent)
    : QObject(parent), d(new DeviceAuthorizationFlowPrivate{ this, client, {}, {}, {}, Status::Idle, {}, {}, {}, {}, 0, {}, {}, nullptr, {} })
{
    d->poller = new TokenPoller(this);
    d->poller->setRequestFunction([this] { return d->pollRequest(); });
    connect(d->poller, &TokenPoller::finished, this, [this](const TokenResponse &t, const Error &e) { d->end(t, e); });
    connect(d->poller, &TokenPoller::intervalChanged, this, &DeviceAuthorizationFlow::intervalChanged);
    connect(d->poller, &TokenPoller::remainingTimeChanged, this, &DeviceAuthorizationFlow::remainingTimeChanged);
}

DeviceAuthorizationFlow::~DeviceAuthorizationFlow()
{
    d->poller->stop();
    if (d->authorizationReply)
        d->authorizationReply->deleteLater();
}

Client *DeviceAuthorizationFlow::client() const { return d->client; }

void DeviceAuthorizationFlow::setClient(Client *client)
{
    if (d->client == client)
        return;
    d->client = client;
    Q_EMIT clientChanged();
}

QString DeviceAuthorizationFlow::scope() const { return d->scope; }
void DeviceAuthorizationFlow::setScope(const QString &scope) { d->set(d->scope, scope, &DeviceAuthorizationFlow::scopeChanged); }
Parameters DeviceAuthorizationFlow::extraParameters() const { return d->extra; }
void DeviceAuthorizationFlow::setExtraParameters(const Parameters &parameters) { d->extra = parameters; }
void DeviceAuthorizationFlow::setUrlOpener(const UrlOpener &opener) { d->opener = opener; }
DeviceAuthorizationFlow::Status DeviceAuthorizationFlow::status() const { return d->status; }
bool DeviceAuthorizationFlow::isRunning() const { return d->status == Status::Requesting || d->status == Status::AwaitingUser; }
QString DeviceAuthorizationFlow::userCode() const { return d->userCode; }
QUrl DeviceAuthorizationFlow::verificationUri() const { return d->verificationUri; }
QUrl DeviceAuthorizationFlow::verificationUriComplete() const { return d->verificationUriComplete; }
int DeviceAuthorizationFlow::expiresIn() const { return d->expiresIn; }
int DeviceAuthorizationFlow::remainingTime() const { return d->poller->remainingSeconds(); }
int DeviceAuthorizationFlow::interval() const { return d->poller->interval(); }
TokenResponse DeviceAuthorizationFlow::tokens() const { return d->tokens; }
Error DeviceAuthorizationFlow::error() const { return d->error; }
void DeviceAuthorizationFlow::setTimeScale(double scale) { d->poller->setTimeScale(scale); }

void DeviceAuthorizationFlow::start()
{
    if (isRunning())
        return;
    d->tokens = TokenResponse();
    d->error = Error();
    d->deviceCode.clear();
    d->set(d->userCode, QString(), &DeviceAuthorizationFlow::userCodeChanged);
    d->set(d->verificationUri, QUrl(), &DeviceAuthorizationFlow::verificationUriChanged);
    d->set(d->verificationUriComplete, QUrl(), &DeviceAuthorizationFlow::verificationUriCompleteChanged);
    d->set(d->expiresIn, 0, &DeviceAuthorizationFlow::expiresInChanged);
    d->setStatus(Status::Requesting);
    if (!d->client) {
        QMetaObject::invokeMethod(this, [this] {
            if (d->status == Status::Requesting && !d->authorizationReply)
                d->end({}, Error(ErrorCode::InvalidConfiguration, QStringLiteral("the flow has no client")));
        }, Qt::QueuedConnection);
        return;
    }
    JsonReply *reply = d->client->requestDeviceAuthorization(d->scope, d->extra);
    d->authorizationReply = reply;
    connect(reply, &Reply::finished, this, [this, reply] { d->onAuthorization(reply); });
}

void DeviceAuthorizationFlow::cancel()
{
    if (!isRunning())
        return;
    d->poller->stop();
    if (d->authorizationReply) {
        JsonReply *reply = d->authorizationReply;
        d->authorizationReply = nullptr;
        reply->abort();
        reply->deleteLater();
    }
    d->end({}, Error::cancelled());
}

} // namespace OAuth4Qt
