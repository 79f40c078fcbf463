// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/error.h>
#include <oauth4qt/tokenresponse.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <functional>
#include <memory>

namespace OAuth4Qt {

class DeviceAuthorizationFlowPrivate;

/*!
    \class OAuth4Qt::DeviceAuthorizationFlow
    The device authorization grant (RFC 8628) for devices without a browser or keyboard: start()
    asks for a user code, the application shows userCode and verificationUri (or a QR code of
    verificationUriComplete), and the flow polls the token endpoint until the user approved,
    denied, the code expired (expiresIn, counting down in remainingTime) or cancel() was called.
    Exactly one of granted() and failed() is emitted per start().

    Polling follows RFC 8628 section 3.5: interval (5 s when the server names
    none), slow_down adds 5 s for all later polls, authorization_pending keeps polling, network
    failures back off and keep polling, Retry-After is respected, any other error stops.

    The verification URI is never opened by the library unless the application sets an opener
    (setUrlOpener()), and then only when it is https.

    \code
    auto *flow = new OAuth4Qt::DeviceAuthorizationFlow(client, this);
    flow->setScope(QStringLiteral("openid offline_access"));
    connect(flow, &DeviceAuthorizationFlow::statusChanged, this, [flow] {
        if (flow->status() == OAuth4Qt::DeviceAuthorizationFlow::Status::AwaitingUser)
            showCode(flow->userCode(), flow->verificationUri());
    });
    connect(flow, &DeviceAuthorizationFlow::granted, this, &App::signedIn);
    connect(flow, &DeviceAuthorizationFlow::failed, this, &App::signInFailed);
    flow->start();
    \endcode
*/
class OAUTH4QT_EXPORT DeviceAuthorizationFlow : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::Client *client READ client WRITE setClient NOTIFY clientChanged FINAL)
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY scopeChanged FINAL)
    Q_PROPERTY(OAuth4Qt::DeviceAuthorizationFlow::Status status READ status NOTIFY statusChanged FINAL)
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged FINAL)
    Q_PROPERTY(QString userCode READ userCode NOTIFY userCodeChanged FINAL)
    Q_PROPERTY(QUrl verificationUri READ verificationUri NOTIFY verificationUriChanged FINAL)
    Q_PROPERTY(QUrl verificationUriComplete READ verificationUriComplete NOTIFY verificationUriCompleteChanged FINAL)
    Q_PROPERTY(int expiresIn READ expiresIn NOTIFY expiresInChanged FINAL)
    Q_PROPERTY(int remainingTime READ remainingTime NOTIFY remainingTimeChanged FINAL)
    Q_PROPERTY(int interval READ interval NOTIFY intervalChanged FINAL)
    Q_PROPERTY(OAuth4Qt::TokenResponse tokens READ tokens NOTIFY statusChanged FINAL)
    Q_PROPERTY(OAuth4Qt::Error error READ error NOTIFY statusChanged FINAL)

public:
    enum class Status {
        Idle,          //!< not started
        Requesting,    //!< asking the device authorization endpoint for a user code
        AwaitingUser,  //!< showing the code; polling the token endpoint
        Granted,       //!< tokens() holds the tokens
        Failed,        //!< error() says why (denied, expired, ...)
        Cancelled,     //!< cancel() was called
    };
    Q_ENUM(Status)

    using UrlOpener = std::function<void(const QUrl &url)>;

    explicit DeviceAuthorizationFlow(QObject *parent = nullptr);
    //! The flow does not own \a client. When the Client is deleted while the flow runs, the flow
    //! fails once with InvalidState and client() becomes null (a flow that is a descendant of the
    //! Client is deleted with it, silently). Deleting the flow ends it silently.
    explicit DeviceAuthorizationFlow(Client *client, QObject *parent = nullptr);
    ~DeviceAuthorizationFlow() override;

    Client *client() const;
    void setClient(Client *client);
    QString scope() const;
    void setScope(const QString &scope);
    //! Extra parameters of the device authorization request (resource, audience, ...).
    Parameters extraParameters() const;
    void setExtraParameters(const Parameters &parameters);
    /*!
        Called once with verificationUriComplete (or verificationUri) when the code arrives, only
        when that URL is https: for example QDesktopServices::openUrl. Unset by default: the
        library never opens a URL by itself.
    */
    void setUrlOpener(const UrlOpener &opener);

    Status status() const;
    bool isRunning() const;
    QString userCode() const;
    QUrl verificationUri() const;
    QUrl verificationUriComplete() const;
    //! expires_in of the device authorization response, seconds.
    int expiresIn() const;
    //! Seconds left before the code expires; changes as it counts down (once a second).
    int remainingTime() const;
    //! The current polling interval in seconds (grows by 5 with each slow_down).
    int interval() const;
    TokenResponse tokens() const;
    Error error() const;

    //! For tests: multiplies every wait (polling, back-off, expiry, countdown) by \a scale.
    void setTimeScale(double scale);

public Q_SLOTS:
    //! Starts (or restarts after it ended). Ignored while running.
    void start();
    //! Stops polling; failed() is emitted with a Cancelled error.
    void cancel();

Q_SIGNALS:
    void clientChanged();
    void scopeChanged();
    void statusChanged();
    void userCodeChanged();
    void verificationUriChanged();
    void verificationUriCompleteChanged();
    void expiresInChanged();
    void remainingTimeChanged();
    void intervalChanged();
    void granted(const OAuth4Qt::TokenResponse &tokens);
    void failed(const OAuth4Qt::Error &error);

private:
    std::unique_ptr<DeviceAuthorizationFlowPrivate> const d;
};

} // namespace OAuth4Qt
