// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/error.h>
#include <oauth4qt/redirecthandler.h>
#include <oauth4qt/tokenresponse.h>

#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qurl.h>
#include <QtCore/qvariant.h>

#include <functional>
#include <memory>

namespace OAuth4Qt {

class AuthorizationCodeFlowPrivate;
class RedirectHandler;

/*!
    \class OAuth4Qt::AuthorizationCodeFlow
    The app sign-in flow (RFC 6749 4.1, RFC 7636, RFC 8252): authorization code with PKCE (S256,
    always), state (always) and nonce (whenever "openid" is in the scope), through the system
    browser and a redirect handler (a hardened loopback listener by default, or a custom URI
    scheme / claimed https URL on mobile). Optional PAR (RFC 9126), JAR (RFC 9101) and JARM.

    \code
    auto *flow = new OAuth4Qt::AuthorizationCodeFlow(this);
    flow->setIssuer(QUrl(QStringLiteral("https://id.example.com")));
    flow->setClientId(QStringLiteral("desktop-app"));
    flow->setScope(QStringLiteral("openid profile offline_access"));
    connect(flow, &OAuth4Qt::AuthorizationCodeFlow::granted, this, [](const OAuth4Qt::TokenResponse &t) {
        const QString name = t.idTokenClaims().value(QLatin1String("name")).toString();
        qDebug() << "signed in as" << name;
    });
    connect(flow, &OAuth4Qt::AuthorizationCodeFlow::failed, this, [](const OAuth4Qt::Error &e) {
        qWarning() << e.errorString();
    });
    flow->start();
    \endcode

    Each start() ends in exactly one of granted() or failed() (cancel() and the overall timeout
    fail with Cancelled / Timeout; after cancel() the status is Cancelled).

    The browser: the authorization URL is handed to the browser opener. The default opener runs
    the platform's URL opener (xdg-open, open, or the Windows shell) without QtGui; the QML module
    and desktopservices.h install QDesktopServices::openUrl instead (mobile platforms need it).
    An application can set its own opener, or set an opener that returns true and handle
    authorizeWithBrowser() itself. No embedded web view (RFC 8252).
*/
class OAUTH4QT_EXPORT AuthorizationCodeFlow : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::Client *client READ client WRITE setClient NOTIFY clientChanged FINAL)
    // Convenience configuration of the flow's own Client (QML); ignored parts stay on client().
    Q_PROPERTY(QUrl issuer READ issuer WRITE setIssuer NOTIFY issuerChanged FINAL)
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged FINAL)
    Q_PROPERTY(bool allowInsecureHttp READ allowInsecureHttp WRITE setAllowInsecureHttp NOTIFY allowInsecureHttpChanged FINAL)
    // The authorization request.
    Q_PROPERTY(QString scope READ scope WRITE setScope NOTIFY scopeChanged FINAL)
    Q_PROPERTY(QString prompt READ prompt WRITE setPrompt NOTIFY promptChanged FINAL)
    Q_PROPERTY(int maxAge READ maxAge WRITE setMaxAge NOTIFY maxAgeChanged FINAL)
    Q_PROPERTY(QString loginHint READ loginHint WRITE setLoginHint NOTIFY loginHintChanged FINAL)
    Q_PROPERTY(QString uiLocales READ uiLocales WRITE setUiLocales NOTIFY uiLocalesChanged FINAL)
    Q_PROPERTY(QStringList resources READ resources WRITE setResources NOTIFY resourcesChanged FINAL)
    Q_PROPERTY(QVariantMap extraParameters READ extraParameters WRITE setExtraParameters NOTIFY extraParametersChanged FINAL)
    Q_PROPERTY(bool pushedAuthorizationRequest READ pushedAuthorizationRequest WRITE setPushedAuthorizationRequest NOTIFY pushedAuthorizationRequestChanged FINAL)
    Q_PROPERTY(bool signedRequestObject READ signedRequestObject WRITE setSignedRequestObject NOTIFY signedRequestObjectChanged FINAL)
    Q_PROPERTY(bool jarm READ jarm WRITE setJarm NOTIFY jarmChanged FINAL)
    Q_PROPERTY(OAuth4Qt::AuthorizationCodeFlow::ResponseType responseType READ responseType WRITE setResponseType NOTIFY responseTypeChanged FINAL)
    Q_PROPERTY(bool detachedSignature READ detachedSignature WRITE setDetachedSignature NOTIFY detachedSignatureChanged FINAL)
    // The redirect.
    Q_PROPERTY(int redirectPort READ redirectPort WRITE setRedirectPort NOTIFY redirectPortChanged FINAL)
    Q_PROPERTY(QString redirectPath READ redirectPath WRITE setRedirectPath NOTIFY redirectPathChanged FINAL)
    Q_PROPERTY(QUrl redirectUri READ redirectUri NOTIFY redirectUriChanged FINAL)
    // null: the built-in loopback listener (read back once start() created it).
    Q_PROPERTY(OAuth4Qt::RedirectHandler *redirectHandler READ redirectHandler WRITE setRedirectHandler NOTIFY redirectHandlerChanged FINAL)
    // State.
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY timeoutChanged FINAL)
    Q_PROPERTY(OAuth4Qt::AuthorizationCodeFlow::Status status READ status NOTIFY statusChanged FINAL)
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged FINAL)
    Q_PROPERTY(QUrl authorizationUrl READ authorizationUrl NOTIFY authorizationUrlChanged FINAL)
    Q_PROPERTY(OAuth4Qt::TokenResponse tokens READ tokens NOTIFY statusChanged FINAL)
    Q_PROPERTY(OAuth4Qt::Error error READ error NOTIFY statusChanged FINAL)

public:
    /*!
        The status model shared by every flow (AuthorizationCodeFlow, DeviceAuthorizationFlow,
        BackchannelAuthenticationFlow: same names, same values; see docs/flow-status.md).
        Here: Requesting during discovery, PAR and the code exchange; AwaitingUser while the
        browser is open. AwaitingBrowser and Exchanging are the former names.
    */
    enum class Status {
        Idle,            //!< not started
        Requesting,      //!< a request to the server is under way
        AwaitingUser,    //!< waiting for the user to sign in in the browser
        Granted,         //!< tokens() holds the tokens
        Failed,          //!< error() says why
        Cancelled,       //!< cancel() (or a new start()) ended the attempt
        AwaitingBrowser = AwaitingUser, //!< former name of AwaitingUser
        Exchanging = Requesting,        //!< former name of the code exchange step (Requesting)
    };
    Q_ENUM(Status)

    /*!
        The response_type of the authorization request: Code ("code", the default, and what
        every deployment should use) or CodeIdToken ("code id_token", the hybrid flow of OpenID
        Connect Core 3.3, for the deployments that still require it). With CodeIdToken the
        authorization response carries an ID Token beside the code, sent with
        response_mode=form_post to the loopback listener (a redirect handler other than a
        LoopbackListener cannot receive it: InvalidConfiguration). That ID Token is validated like
        the token endpoint's (signature, iss, aud, exp, iat, nonce, max_age, decryption) before the
        code is redeemed; its c_hash is required and must match the code, its s_hash must match
        the state when present (required with detachedSignature()). The token endpoint's ID Token
        must then have the same iss and sub. CodeIdToken needs "openid" in the scope, and is
        refused with JARM (InvalidConfiguration) and under a security profile (ProfileViolation:
        the FAPI 2.0 Security Profile allows only "code").
    */
    enum class ResponseType {
        Code,        //!< "code"
        CodeIdToken, //!< "code id_token" (hybrid, answered with a form POST)
    };
    Q_ENUM(ResponseType)

    using BrowserOpener = std::function<bool(const QUrl &url)>;

    explicit AuthorizationCodeFlow(QObject *parent = nullptr);
    ~AuthorizationCodeFlow() override;

    //! The Client used for discovery and the token request. By default the flow owns one; set
    //! your own to share configuration (client authentication, NAM, DPoP key, TLS...). The flow
    //! does not take ownership of a Client set here: when it is deleted while the flow runs, the
    //! flow fails with InvalidState (unless the flow is its descendant and goes with it) and
    //! client() is the flow's own Client again (clientChanged()).
    Client *client() const;
    void setClient(Client *client);

    QUrl issuer() const;
    void setIssuer(const QUrl &issuer);
    QString clientId() const;
    void setClientId(const QString &clientId);
    bool allowInsecureHttp() const;
    void setAllowInsecureHttp(bool allow);

    QString scope() const;
    void setScope(const QString &scope);
    QString prompt() const;
    void setPrompt(const QString &prompt);
    int maxAge() const; //!< -1: not sent
    void setMaxAge(int seconds);
    QString loginHint() const;
    void setLoginHint(const QString &hint);
    QString uiLocales() const;
    void setUiLocales(const QString &locales);
    QStringList resources() const; //!< RFC 8707 resource indicators
    void setResources(const QStringList &resources);
    QVariantMap extraParameters() const;
    void setExtraParameters(const QVariantMap &parameters);
    bool pushedAuthorizationRequest() const; //!< PAR; also used when the server requires it
    void setPushedAuthorizationRequest(bool enabled);
    bool signedRequestObject() const; //!< JAR, signed with the client's private key
    void setSignedRequestObject(bool enabled);
    bool jarm() const; //!< response_mode=jwt
    void setJarm(bool enabled);
    ResponseType responseType() const;
    void setResponseType(ResponseType type);
    /*!
        The FAPI 1 detached signature: with ResponseType::CodeIdToken, the ID Token of the
        authorization response is the signature over code and state, so its s_hash is required
        as well as its c_hash. Off by default; no effect with ResponseType::Code.
    */
    bool detachedSignature() const;
    void setDetachedSignature(bool enabled);

    //! Loopback listener port (0 = any free port) and path (default "/callback").
    int redirectPort() const;
    void setRedirectPort(int port);
    QString redirectPath() const;
    void setRedirectPath(const QString &path);
    //! The redirect URI of the current attempt (known once start() bound the listener).
    QUrl redirectUri() const;
    /*!
        Use another redirect handler (e.g. a UriSchemeHandler for a private-use scheme or a
        claimed https URL) instead of the loopback listener; nullptr: the loopback listener
        again. Takes effect at the next start(). The flow does not take ownership; deleting the
        handler while the flow waits for the callback fails the flow with InvalidState. In QML:
        redirectHandler: UriSchemeHandler { redirectUri: "com.example.app:/callback" }.
    */
    void setRedirectHandler(RedirectHandler *handler);
    RedirectHandler *redirectHandler() const;

    //! Overall deadline in milliseconds from start() to granted/failed. Default 300000.
    int timeout() const;
    void setTimeout(int msecs);

    /*!
        The function that opens the authorization URL; it returns false when it could not (the
        flow then fails with BrowserOpenFailed). authorizeWithBrowser() is emitted before it runs.
        Empty (the default): the default opener.
    */
    void setBrowserOpener(const BrowserOpener &opener);
    //! The opener of flows without their own (the QML module installs QDesktopServices::openUrl);
    //! empty (the default): the platform opener (xdg-open, open, the Windows shell).
    static void setDefaultBrowserOpener(const BrowserOpener &opener);

    Status status() const;
    //! Requesting or AwaitingUser: an attempt is under way.
    bool isRunning() const;
    QUrl authorizationUrl() const;
    TokenResponse tokens() const;
    Error error() const;

public Q_SLOTS:
    /*!
        Starts an attempt: discovery when needed, the redirect handler, PAR / JAR when enabled (PAR
        also when the server requires it), then the browser. An attempt still running is ended
        first with failed(Cancelled), so each start() gets exactly one granted() or failed(),
        always from the event loop (never inside start()).
    */
    void start();
    //! Ends a running attempt with failed(Cancelled): closes the redirect handler and aborts
    //! the requests under way. Does nothing when no attempt runs.
    void cancel();

Q_SIGNALS:
    void clientChanged();
    void issuerChanged();
    void clientIdChanged();
    void allowInsecureHttpChanged();
    void scopeChanged();
    void promptChanged();
    void maxAgeChanged();
    void loginHintChanged();
    void uiLocalesChanged();
    void resourcesChanged();
    void extraParametersChanged();
    void pushedAuthorizationRequestChanged();
    void signedRequestObjectChanged();
    void jarmChanged();
    void responseTypeChanged();
    void detachedSignatureChanged();
    void redirectPortChanged();
    void redirectPathChanged();
    void redirectUriChanged();
    void redirectHandlerChanged();
    void timeoutChanged();
    void statusChanged();
    void authorizationUrlChanged();

    //! The URL the browser is sent to (emitted before the opener runs).
    void authorizeWithBrowser(const QUrl &url);
    void granted(const OAuth4Qt::TokenResponse &tokens);
    void failed(const OAuth4Qt::Error &error);

private:
    std::unique_ptr<AuthorizationCodeFlowPrivate> const d;
};

} // namespace OAuth4Qt
