// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/client.h>
#include <oauth4qt/deviceauthorizationflow.h>

#include "core/client_p.h"
#include "pollingflow_p.h"

#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcDevice, "oauth4qt.device", QtWarningMsg)

class DeviceAuthorizationFlowPrivate : public PollingFlowPrivate<DeviceAuthorizationFlow>
{
public:
    explicit DeviceAuthorizationFlowPrivate(DeviceAuthorizationFlow *qq, Client *c)
        : PollingFlowPrivate(qq, c, [this] { return pollRequest(); })
    {
    }

    QString scope;
    Parameters extra;
    DeviceAuthorizationFlow::UrlOpener opener;
    QString userCode;
    QString deviceCode;
    QUrl verificationUri;
    QUrl verificationUriComplete;

    void ended() override { deviceCode.clear(); }

    void onAuthorization(const QJsonObject &r)
    {
        deviceCode = r.value(QLatin1String("device_code")).toString();
        set(userCode, r.value(QLatin1String("user_code")).toString(), &DeviceAuthorizationFlow::userCodeChanged);
        set(verificationUri, QUrl(r.value(QLatin1String("verification_uri")).toString(), QUrl::StrictMode),
            &DeviceAuthorizationFlow::verificationUriChanged);
        set(verificationUriComplete, QUrl(r.value(QLatin1String("verification_uri_complete")).toString(), QUrl::StrictMode),
            &DeviceAuthorizationFlow::verificationUriCompleteChanged);
        awaitUser(r);
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
    : QObject(parent), d(new DeviceAuthorizationFlowPrivate(this, client))
{
}

DeviceAuthorizationFlow::~DeviceAuthorizationFlow() = default;

Client *DeviceAuthorizationFlow::client() const { return d->client; }
void DeviceAuthorizationFlow::setClient(Client *client) { d->setClient(client); }

QString DeviceAuthorizationFlow::scope() const { return d->scope; }
void DeviceAuthorizationFlow::setScope(const QString &scope) { d->set(d->scope, scope, &DeviceAuthorizationFlow::scopeChanged); }
Parameters DeviceAuthorizationFlow::extraParameters() const { return d->extra; }
void DeviceAuthorizationFlow::setExtraParameters(const Parameters &parameters) { d->extra = parameters; }
void DeviceAuthorizationFlow::setUrlOpener(const UrlOpener &opener) { d->opener = opener; }
DeviceAuthorizationFlow::Status DeviceAuthorizationFlow::status() const { return d->status; }
bool DeviceAuthorizationFlow::isRunning() const { return d->isRunning(); }
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
    d->deviceCode.clear();
    d->set(d->userCode, QString(), &DeviceAuthorizationFlow::userCodeChanged);
    d->set(d->verificationUri, QUrl(), &DeviceAuthorizationFlow::verificationUriChanged);
    d->set(d->verificationUriComplete, QUrl(), &DeviceAuthorizationFlow::verificationUriCompleteChanged);
    d->begin([this](Client *client) { return client->requestDeviceAuthorization(d->scope, d->extra); },
             [this](const QJsonObject &r) { d->onAuthorization(r); });
}

void DeviceAuthorizationFlow::cancel() { d->cancel(); }

} // namespace OAuth4Qt
