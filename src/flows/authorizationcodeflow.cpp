// SPDX-License-Identifier: BSD-3-Clause
#include "authorizationcodeflow_p.h"

#include "core/client_oidc_p.h"
#include "core/client_p.h"
#include "validation/jwkscache_p.h"
#include "validation/oidcendpoints_p.h"

#include <QtCore/QProcess>

#include <utility>

namespace OAuth4Qt {

// Never logs a code, state, verifier, nonce, token or URL query.
Q_LOGGING_CATEGORY(lcFlow, "oauth4qt.flow", QtWarningMsg)

namespace {

AuthorizationCodeFlow::BrowserOpener &defaultOpener()
{
    static AuthorizationCodeFlow::BrowserOpener opener;
    return opener;
}

} // namespace

bool openUrlWithPlatformOpener(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http")))
        return false;
    const QString target = url.toString(QUrl::FullyEncoded);
#if defined(Q_OS_WIN)
    return QProcess::startDetached(QStringLiteral("rundll32"),
                                   { QStringLiteral("url.dll,FileProtocolHandler"), target });
#elif defined(Q_OS_MACOS)
    return QProcess::startDetached(QStringLiteral("open"), { target });
#elif defined(Q_OS_UNIX) && !defined(Q_OS_ANDROID) && !defined(Q_OS_IOS)
    return QProcess::startDetached(QStringLiteral("xdg-open"), { target });
#else
    Q_UNUSED(target)
    return false; // mobile platforms: install QDesktopServices::openUrl (desktopservices.h)
#endif
}

// ---- AuthorizationCodeFlowPrivate ----------------------------------------------------------------

AuthorizationCodeFlowPrivate::AuthorizationCodeFlowPrivate(AuthorizationCodeFlow *qq) : q(qq)
{
    timer.setSingleShot(true);
}

Client *AuthorizationCodeFlowPrivate::client() const
{
    if (externalClient)
        return externalClient;
    return ownClient;
}

void AuthorizationCodeFlowPrivate::setStatus(AuthorizationCodeFlow::Status s)
{
    if (status == s)
        return;
    status = s;
    Q_EMIT q->statusChanged();
}

void AuthorizationCodeFlowPrivate::begin()
{
    const quint64 current = ++attempt;
    tokens = TokenResponse();
    error = Error();
    state = randomToken(32);
    codeVerifier = pkceCodeVerifier();
    nonce = scopeContains(scope, QStringLiteral("openid")) ? randomToken(32) : QString();
    if (authorizationUrl.isValid()) {
        authorizationUrl = QUrl();
        Q_EMIT q->authorizationUrlChanged();
    }
    setStatus(AuthorizationCodeFlow::Status::Requesting);
    if (current != attempt)
        return; // restarted or cancelled from a statusChanged slot
    if (timeout > 0)
        timer.start(timeout);

    Client *c = client();
    guard = new JsonReply(c);
    qCDebug(lcFlow) << "starting an authorization code flow with" << c->issuer().toString();
    // The profile's and the flow's configuration checks come before anything is sent, discovery
    // included.
    Error configurationError = checkConfiguration();
    if (!configurationError)
        configurationError = ClientPrivate::get(c)->checkProfile(ProfileOperation::Authorization);
    if (configurationError) {
        QMetaObject::invokeMethod(
            q,
            [this, current, configurationError] {
                if (current == attempt && isRunning())
                    fail(configurationError);
            },
            Qt::QueuedConnection);
        return;
    }
    ClientPrivate::get(c)->withMetadata(guard, [this, current](const Error &metadataError) {
        // Never inside start(): granted()/failed() always come from the event loop.
        QMetaObject::invokeMethod(
            q,
            [this, current, metadataError] {
                if (current != attempt || !isRunning())
                    return;
                if (metadataError) {
                    fail(metadataError);
                    return;
                }
                prepare();
            },
            Qt::QueuedConnection);
    });
}

Error AuthorizationCodeFlowPrivate::checkConfiguration() const
{
    if (responseType == AuthorizationCodeFlow::ResponseType::Code)
        return Error();
    if (client()->profile() != Client::Profile::None)
        return Error(ErrorCode::ProfileViolation,
                     QStringLiteral("FAPI 2.0: only the response type \"code\" is allowed (AuthorizationCodeFlow::responseType)"));
    if (!scopeContains(scope, QStringLiteral("openid")))
        return Error(ErrorCode::InvalidConfiguration,
                     QStringLiteral("the response type \"code id_token\" needs \"openid\" in the scope (AuthorizationCodeFlow::scope)"));
    if (jarm)
        return Error(ErrorCode::InvalidConfiguration,
                     QStringLiteral("the response type \"code id_token\" cannot be combined with JARM (AuthorizationCodeFlow::jarm)"));
    if (customHandler && !qobject_cast<LoopbackListener *>(customHandler.data()))
        return Error(ErrorCode::InvalidConfiguration,
                     QStringLiteral("the response type \"code id_token\" is received as a form POST, which only a LoopbackListener "
                                    "can receive (AuthorizationCodeFlow::redirectHandler)"));
    return Error();
}

void AuthorizationCodeFlowPrivate::prepare()
{
    const quint64 current = attempt;
    Client *c = client();
    const ServerMetadata md = c->metadata();
    const ClientConfig config = c->clientConfig();
    if (config.clientId().isEmpty()) {
        fail(Error(ErrorCode::InvalidConfiguration, QStringLiteral("no client_id is set")));
        return;
    }
    // A6: the endpoint is checked before anything is bound or sent.
    Error e;
    buildAuthorizationUrl(md.authorizationEndpoint(), {}, c->allowInsecureHttp(), &e);
    if (e) {
        fail(e);
        return;
    }
    const Client::Profile profile = c->profile();
    if ((e = checkProfileMetadata(profile, md, ProfileOperation::Authorization))) {
        fail(e);
        return;
    }
    const bool usePar = par || md.requirePushedAuthorizationRequests() || profile != Client::Profile::None;
    if (usePar && md.pushedAuthorizationRequestEndpoint().isEmpty()) { // A8
        fail(Error(ErrorCode::MissingEndpoint, QStringLiteral("pushed authorization requests need pushed_authorization_request_endpoint")));
        return;
    }

    // The redirect handler: bound only now (L2).
    RedirectHandler *handler = customHandler;
    if (!handler) {
        if (!listener)
            listener = new LoopbackListener(q);
        listener->setPort(redirectPort);
        listener->setPath(redirectPath);
        listener->setTimeout(0); // the flow's own timer governs
        handler = listener;
    }
    const bool hybrid = responseType == AuthorizationCodeFlow::ResponseType::CodeIdToken;
    auto *loopback = qobject_cast<LoopbackListener *>(handler);
    if (hybrid && !loopback) { // the handler was replaced since start()
        fail(checkConfiguration());
        return;
    }
    activeHandler = handler;
    savedFilter = handler->callbackFilter();
    savedExpectedState = handler->expectedState();
    if (loopback) {
        savedFormPost = loopback->isFormPost();
        loopback->setFormPost(hybrid); // response_mode=form_post
    }
    expectations = CallbackExpectations();
    expectations.hybrid = hybrid;
    expectations.state = state;
    expectations.issuer = issuerString(md);
    // RFC 9207: under a profile iss is required even when the metadata does not announce it.
    expectations.issRequired = md.authorizationResponseIssParameterSupported() || profile != Client::Profile::None;
    expectations.jarm = jarm;
    if (jarm) {
        // H6: the state is inside the JWT; a callback for another attempt is refused (and the
        // handler keeps waiting) before anything is consumed. The JWT is verified afterwards.
        handler->setExpectedState(QString());
        const QString expected = state;
        handler->setCallbackFilter([expected](const QList<std::pair<QString, QString>> &params) -> Error {
            QString response;
            QString outerState;
            for (const auto &p : params) {
                if (p.first == QLatin1String("response"))
                    response = p.second;
                else if (p.first == QLatin1String("state"))
                    outerState = p.second;
            }
            // An encrypted response (H8) cannot be read here: it is consumed and reported.
            if (response.count(QLatin1Char('.')) == 4)
                return Error();
            const QString inner = response.isEmpty() ? outerState : unverifiedJarmState(response.toUtf8());
            if (inner.isEmpty() || !stateEquals(inner, expected))
                return Error(ErrorCode::StateMismatch, QStringLiteral("the state of the JARM response differs"));
            return Error();
        });
    } else {
        handler->setExpectedState(state);
        handler->setCallbackFilter({});
    }
    handlerConnections.append(QObject::connect(
        handler, &RedirectHandler::callbackReceived, q,
        [this, current](const QUrl &, const QList<std::pair<QString, QString>> &params) {
            if (current == attempt && status == AuthorizationCodeFlow::Status::AwaitingUser)
                onCallback(params);
        }));
    handlerConnections.append(QObject::connect(handler, &RedirectHandler::timedOut, q, [this, current] {
        if (current == attempt && isRunning())
            fail(Error(ErrorCode::Timeout, QStringLiteral("the redirect handler timed out")));
    }));
    // The flow does not own a handler set with setRedirectHandler(): deleted while the flow
    // waits, it fails the flow at once instead of leaving it to its timeout.
    handlerConnections.append(QObject::connect(handler, &QObject::destroyed, q, [this, current] {
        if (current == attempt && isRunning())
            fail(Error(ErrorCode::InvalidState, QStringLiteral("the redirect handler was deleted while the flow was running")));
    }));
    handlerConnections.append(QObject::connect(handler, &RedirectHandler::callbackRejected, q,
                                               [](const Error &rejected) {
                                                   qCDebug(lcFlow) << "callback refused; still waiting:" << rejected.codeName();
                                               }));
    if (!handler->start(&e)) {
        fail(e ? e : Error(ErrorCode::InvalidState, QStringLiteral("the redirect handler could not start")));
        return;
    }
    if (current != attempt)
        return;
    const QUrl uri = handler->redirectUri();
    if (redirectUri != uri) {
        redirectUri = uri;
        Q_EMIT q->redirectUriChanged();
    }

    Parameters params{
        { QStringLiteral("response_type"), hybrid ? QStringLiteral("code id_token") : QStringLiteral("code") },
        { QStringLiteral("client_id"), config.clientId() },
        { QStringLiteral("redirect_uri"), redirectUri.toString(QUrl::FullyEncoded) },
    };
    if (!scope.isEmpty())
        params.append({ QStringLiteral("scope"), scope });
    params.append({ QStringLiteral("state"), state });
    if (!nonce.isEmpty())
        params.append({ QStringLiteral("nonce"), nonce });
    // PKCE S256 always, whatever code_challenge_methods_supported says (A10).
    params.append({ QStringLiteral("code_challenge"), pkceChallengeS256(codeVerifier) });
    params.append({ QStringLiteral("code_challenge_method"), QStringLiteral("S256") });
    if (jarm)
        params.append({ QStringLiteral("response_mode"), QStringLiteral("jwt") });
    else if (hybrid) // the default, fragment, never reaches a loopback listener
        params.append({ QStringLiteral("response_mode"), QStringLiteral("form_post") });
    if (!prompt.isEmpty())
        params.append({ QStringLiteral("prompt"), prompt });
    if (maxAge >= 0)
        params.append({ QStringLiteral("max_age"), QString::number(maxAge) });
    if (!loginHint.isEmpty())
        params.append({ QStringLiteral("login_hint"), loginHint });
    if (!uiLocales.isEmpty())
        params.append({ QStringLiteral("ui_locales"), uiLocales });
    for (const QString &resource : std::as_const(resources))
        params.append({ QStringLiteral("resource"), resource });
    const QString jkt = c->authorizationDPoPJkt(); // RFC 9449 section 10
    if (!jkt.isEmpty())
        params.append({ QStringLiteral("dpop_jkt"), jkt });
    for (auto it = extraParameters.cbegin(); it != extraParameters.cend(); ++it) {
        if (it.value().canConvert<QStringList>() && it.value().typeId() != QMetaType::QString) {
            const QStringList values = it.value().toStringList();
            for (const QString &v : values)
                params.append({ it.key(), v });
        } else {
            params.append({ it.key(), it.value().toString() });
        }
    }

    Parameters request = params;
    if (jar) {
        EndpointContext context = ClientPrivate::get(c)->endpointContext();
        const QByteArray jwt = buildRequestObject(params, context, 300, &e);
        if (e) {
            fail(e);
            return;
        }
        request = { { QStringLiteral("client_id"), config.clientId() }, { QStringLiteral("request"), QString::fromLatin1(jwt) } };
    }
    if (!usePar) {
        openBrowser(request);
        return;
    }
    JsonReply *reply = c->pushAuthorizationRequest(request);
    pending = reply;
    QObject::connect(reply, &Reply::finished, q, [this, reply, current, clientId = config.clientId()] {
        reply->deleteLater();
        if (current != attempt || !isRunning())
            return;
        pending = nullptr;
        if (reply->error()) {
            fail(reply->error());
            return;
        }
        // H2: only client_id and request_uri on the front channel (percent-encoded).
        openBrowser({ { QStringLiteral("client_id"), clientId },
                      { QStringLiteral("request_uri"), reply->result().value(QLatin1String("request_uri")).toString() } });
    });
}

void AuthorizationCodeFlowPrivate::openBrowser(const Parameters &frontChannel)
{
    const quint64 current = attempt;
    Client *c = client();
    Error e;
    const QUrl url = buildAuthorizationUrl(c->metadata().authorizationEndpoint(), frontChannel, c->allowInsecureHttp(), &e);
    if (e) {
        fail(e);
        return;
    }
    authorizationUrl = url;
    Q_EMIT q->authorizationUrlChanged();
    if (current != attempt)
        return;
    setStatus(AuthorizationCodeFlow::Status::AwaitingUser);
    if (current != attempt)
        return;
    Q_EMIT q->authorizeWithBrowser(url);
    if (current != attempt || !isRunning())
        return;
    AuthorizationCodeFlow::BrowserOpener open = opener ? opener : defaultOpener();
    if (!open)
        open = openUrlWithPlatformOpener;
    qCDebug(lcFlow) << "opening the browser";
    if (!open(url) && current == attempt && isRunning())
        fail(Error(ErrorCode::BrowserOpenFailed, QStringLiteral("the browser opener could not open the authorization URL")));
}

void AuthorizationCodeFlowPrivate::onCallback(const QList<std::pair<QString, QString>> &params)
{
    const quint64 current = attempt;
    qCDebug(lcFlow) << "authorization response received";
    if (!expectations.jarm) {
        Error e;
        QString idToken;
        const QString code = checkAuthorizationResponse(params, expectations, &e, &idToken);
        if (e)
            fail(e);
        else if (expectations.hybrid)
            onHybridCallback(code, idToken);
        else
            exchange(code);
        return;
    }
    Error e;
    const QByteArray jwt = jarmResponseJwt(params, &e);
    if (e) {
        fail(e);
        return;
    }
    Client *c = client();
    ClientPrivate *cd = ClientPrivate::get(c);
    const ClientConfig config = c->clientConfig();
    QString jarmAlg = config.authorizationSignedResponseAlg();
    QStringList jarmServerAlgorithms = c->metadata().authorizationSigningAlgValuesSupported();
    restrictAlgorithmsToProfile(c->profile(), &jarmAlg, &jarmServerAlgorithms);
    JwtValidator validator = jarmValidator(expectations.issuer, config.clientId(), jarmAlg,
                                           config.clientSecret().toUtf8(), jarmServerAlgorithms);
    // Encrypted JARM (JWE, signed then encrypted) when the client registered it.
    validator.setDecryptionKeys(config.decryptionKeys());
    validator.setEncryptionAlgorithm(config.authorizationEncryptedResponseAlg());
    validator.setContentEncryptionAlgorithm(config.authorizationEncryptedResponseEnc());
    // The flow itself is the context: a JWKS lookup pending or queued when the flow is deleted
    // never calls back (the attempt's guard reply may outlive the flow until deleteLater runs).
    validateWithJwks(
        clientJwksCache(cd), q, jwt,
        [validator, jwt, cd](const JsonWebKeySet &keys, Error *error) {
            JwtValidator v = validator;
            v.setKeys(keys);
            v.setClockTolerance(cd->clockTolerance);
            v.setClock([cd] { return cd->now(); });
            return v.validate(jwt, error);
        },
        [this, current](const QJsonObject &claims, const Error &error) {
            if (current != attempt || !isRunning())
                return;
            if (error) {
                fail(error);
                return;
            }
            Error e;
            const QString code = checkJarmClaims(claims, expectations, &e);
            if (e)
                fail(e);
            else
                exchange(code);
        });
}

void AuthorizationCodeFlowPrivate::onHybridCallback(const QString &code, const QString &idToken)
{
    const quint64 current = attempt;
    // OpenID Connect Core 3.3.2.12: the ID Token is validated (c_hash included) before the code
    // is redeemed. The flow is the context: no callback after it is deleted.
    validateAuthorizationIdToken(ClientPrivate::get(client()), q, idToken.toUtf8(), nonce, maxAge, code, state,
                                 detachedSignature,
                                 [this, current, code](const QJsonObject &claims, const Error &error) {
                                     if (current != attempt || !isRunning())
                                         return;
                                     if (error)
                                         fail(error);
                                     else
                                         exchange(code, claims);
                                 });
}

void AuthorizationCodeFlowPrivate::exchange(const QString &code, const QJsonObject &earlierIdTokenClaims)
{
    const quint64 current = attempt;
    setStatus(AuthorizationCodeFlow::Status::Exchanging);
    if (current != attempt)
        return;
    Parameters extra;
    for (const QString &resource : std::as_const(resources))
        extra.append({ QStringLiteral("resource"), resource });
    TokenReply *reply = ClientPrivate::get(client())->exchangeCode(code, redirectUri, codeVerifier, scope, nonce, maxAge,
                                                                   extra, earlierIdTokenClaims);
    pending = reply;
    QObject::connect(reply, &Reply::finished, q, [this, reply, current] {
        reply->deleteLater();
        if (current != attempt || !isRunning())
            return;
        pending = nullptr;
        if (reply->error())
            fail(reply->error());
        else
            succeed(reply->tokens());
    });
}

void AuthorizationCodeFlowPrivate::tearDown()
{
    timer.stop();
    if (activeHandler) {
        RedirectHandler *handler = activeHandler;
        activeHandler = nullptr;
        for (const auto &connection : std::as_const(handlerConnections))
            QObject::disconnect(connection);
        handler->close();
        handler->setCallbackFilter(savedFilter);
        handler->setExpectedState(savedExpectedState);
        if (auto *loopback = qobject_cast<LoopbackListener *>(handler))
            loopback->setFormPost(savedFormPost);
    }
    handlerConnections.clear();
    savedFilter = {};
    if (Reply *reply = pending) {
        pending = nullptr;
        QObject::disconnect(reply, nullptr, q, nullptr);
        reply->abort();
        reply->deleteLater();
    }
    if (JsonReply *g = guard) {
        guard = nullptr;
        g->abort();
        g->deleteLater();
    }
    state.clear();
    nonce.clear();
    codeVerifier.clear();
    expectations = CallbackExpectations();
}

void AuthorizationCodeFlowPrivate::fail(const Error &e)
{
    if (!isRunning())
        return;
    ++attempt; // anything still under way for this attempt is ignored from now on
    tearDown();
    qCDebug(lcFlow) << "authorization code flow failed:" << e.codeName() << e.oauthError();
    error = e;
    tokens = TokenResponse();
    status = e.code() == ErrorCode::Cancelled ? AuthorizationCodeFlow::Status::Cancelled
                                              : AuthorizationCodeFlow::Status::Failed;
    Q_EMIT q->statusChanged();
    Q_EMIT q->failed(e);
}

void AuthorizationCodeFlowPrivate::succeed(const TokenResponse &t)
{
    if (!isRunning())
        return;
    ++attempt;
    tearDown();
    qCDebug(lcFlow) << "authorization code flow granted";
    error = Error();
    tokens = t;
    status = AuthorizationCodeFlow::Status::Granted;
    Q_EMIT q->statusChanged();
    Q_EMIT q->granted(t);
}

// ---- AuthorizationCodeFlow ---------------------------------------------------------------------

AuthorizationCodeFlow::AuthorizationCodeFlow(QObject *parent)
    : QObject(parent), d(new AuthorizationCodeFlowPrivate(this))
{
    d->ownClient = new Client(this);
    connect(d->ownClient, &Client::issuerChanged, this, [this] {
        if (!d->externalClient)
            Q_EMIT issuerChanged();
    });
    connect(d->ownClient, &Client::allowInsecureHttpChanged, this, [this] {
        if (!d->externalClient)
            Q_EMIT allowInsecureHttpChanged();
    });
    connect(&d->timer, &QTimer::timeout, this, [this] {
        d->fail(Error(ErrorCode::Timeout, QStringLiteral("the sign-in was not completed within %1 ms").arg(d->timeout)));
    });
}

AuthorizationCodeFlow::~AuthorizationCodeFlow()
{
    // No signal from a destructor: end quietly.
    if (d->isRunning()) {
        ++d->attempt;
        d->tearDown();
    }
}

Client *AuthorizationCodeFlow::client() const { return d->client(); }

void AuthorizationCodeFlow::setClient(Client *client)
{
    if (client == d->externalClient || (!client && !d->externalClient))
        return;
    const QUrl oldIssuer = issuer();
    const QString oldClientId = clientId();
    const bool oldInsecure = allowInsecureHttp();
    if (d->externalClient)
        disconnect(d->externalClient, nullptr, this, nullptr);
    d->externalClient = client == d->ownClient ? nullptr : client;
    if (d->externalClient) {
        // A flow does not own a Client set here: when it is deleted while the flow runs, the
        // flow fails (InvalidState) rather than wait forever for replies that went with it.
        connect(d->externalClient, &QObject::destroyed, this, [this](QObject *gone) {
            for (QObject *p = parent(); p; p = p->parent()) {
                if (p == gone)
                    return; // deleted with its Client, silently
            }
            d->fail(Error(ErrorCode::InvalidState, QStringLiteral("the Client was deleted while the flow was running")));
            Q_EMIT clientChanged(); // client() is the flow's own Client again
        });
        connect(d->externalClient, &Client::issuerChanged, this, &AuthorizationCodeFlow::issuerChanged);
        connect(d->externalClient, &Client::allowInsecureHttpChanged, this, &AuthorizationCodeFlow::allowInsecureHttpChanged);
        connect(d->externalClient, &Client::clientConfigChanged, this, [this] {
            if (d->knownClientId != clientId()) {
                d->knownClientId = clientId();
                Q_EMIT clientIdChanged();
            }
        });
    }
    d->knownClientId = clientId();
    Q_EMIT clientChanged();
    if (issuer() != oldIssuer)
        Q_EMIT issuerChanged();
    if (clientId() != oldClientId)
        Q_EMIT clientIdChanged();
    if (allowInsecureHttp() != oldInsecure)
        Q_EMIT allowInsecureHttpChanged();
}

QUrl AuthorizationCodeFlow::issuer() const { return client()->issuer(); }
void AuthorizationCodeFlow::setIssuer(const QUrl &issuer) { client()->setIssuer(issuer); }

QString AuthorizationCodeFlow::clientId() const { return client()->clientConfig().clientId(); }

void AuthorizationCodeFlow::setClientId(const QString &clientId)
{
    ClientConfig config = client()->clientConfig();
    if (config.clientId() == clientId)
        return;
    config.setClientId(clientId);
    client()->setClientConfig(config);
    if (!d->externalClient) {
        d->knownClientId = clientId;
        Q_EMIT clientIdChanged();
    }
}

bool AuthorizationCodeFlow::allowInsecureHttp() const { return client()->allowInsecureHttp(); }
void AuthorizationCodeFlow::setAllowInsecureHttp(bool allow) { client()->setAllowInsecureHttp(allow); }

#define OAUTH4QT_FLOW_SETTER(Type, name, setter, signal) \
    void AuthorizationCodeFlow::setter(Type value)        \
    {                                                     \
        if (d->name == value)                             \
            return;                                       \
        d->name = value;                                  \
        Q_EMIT signal();                                  \
    }

QString AuthorizationCodeFlow::scope() const { return d->scope; }
OAUTH4QT_FLOW_SETTER(const QString &, scope, setScope, scopeChanged)
QString AuthorizationCodeFlow::prompt() const { return d->prompt; }
OAUTH4QT_FLOW_SETTER(const QString &, prompt, setPrompt, promptChanged)
int AuthorizationCodeFlow::maxAge() const { return d->maxAge; }
OAUTH4QT_FLOW_SETTER(int, maxAge, setMaxAge, maxAgeChanged)
QString AuthorizationCodeFlow::loginHint() const { return d->loginHint; }
OAUTH4QT_FLOW_SETTER(const QString &, loginHint, setLoginHint, loginHintChanged)
QString AuthorizationCodeFlow::uiLocales() const { return d->uiLocales; }
OAUTH4QT_FLOW_SETTER(const QString &, uiLocales, setUiLocales, uiLocalesChanged)
QStringList AuthorizationCodeFlow::resources() const { return d->resources; }
OAUTH4QT_FLOW_SETTER(const QStringList &, resources, setResources, resourcesChanged)
QVariantMap AuthorizationCodeFlow::extraParameters() const { return d->extraParameters; }
OAUTH4QT_FLOW_SETTER(const QVariantMap &, extraParameters, setExtraParameters, extraParametersChanged)
bool AuthorizationCodeFlow::pushedAuthorizationRequest() const { return d->par; }
OAUTH4QT_FLOW_SETTER(bool, par, setPushedAuthorizationRequest, pushedAuthorizationRequestChanged)
bool AuthorizationCodeFlow::signedRequestObject() const { return d->jar; }
OAUTH4QT_FLOW_SETTER(bool, jar, setSignedRequestObject, signedRequestObjectChanged)
bool AuthorizationCodeFlow::jarm() const { return d->jarm; }
OAUTH4QT_FLOW_SETTER(bool, jarm, setJarm, jarmChanged)
AuthorizationCodeFlow::ResponseType AuthorizationCodeFlow::responseType() const { return d->responseType; }
OAUTH4QT_FLOW_SETTER(ResponseType, responseType, setResponseType, responseTypeChanged)
bool AuthorizationCodeFlow::detachedSignature() const { return d->detachedSignature; }
OAUTH4QT_FLOW_SETTER(bool, detachedSignature, setDetachedSignature, detachedSignatureChanged)
int AuthorizationCodeFlow::redirectPort() const { return d->redirectPort; }
OAUTH4QT_FLOW_SETTER(int, redirectPort, setRedirectPort, redirectPortChanged)
QString AuthorizationCodeFlow::redirectPath() const { return d->redirectPath; }
OAUTH4QT_FLOW_SETTER(const QString &, redirectPath, setRedirectPath, redirectPathChanged)
int AuthorizationCodeFlow::timeout() const { return d->timeout; }
OAUTH4QT_FLOW_SETTER(int, timeout, setTimeout, timeoutChanged)

#undef OAUTH4QT_FLOW_SETTER

QUrl AuthorizationCodeFlow::redirectUri() const { return d->redirectUri; }

void AuthorizationCodeFlow::setRedirectHandler(RedirectHandler *handler)
{
    if (d->customHandler == handler)
        return;
    d->customHandler = handler;
    Q_EMIT redirectHandlerChanged();
}

RedirectHandler *AuthorizationCodeFlow::redirectHandler() const
{
    if (d->customHandler)
        return d->customHandler;
    return d->listener;
}

void AuthorizationCodeFlow::setBrowserOpener(const BrowserOpener &opener) { d->opener = opener; }

void AuthorizationCodeFlow::setDefaultBrowserOpener(const BrowserOpener &opener) { defaultOpener() = opener; }

AuthorizationCodeFlow::Status AuthorizationCodeFlow::status() const { return d->status; }
bool AuthorizationCodeFlow::isRunning() const { return d->isRunning(); }
QUrl AuthorizationCodeFlow::authorizationUrl() const { return d->authorizationUrl; }
TokenResponse AuthorizationCodeFlow::tokens() const { return d->tokens; }
Error AuthorizationCodeFlow::error() const { return d->error; }

void AuthorizationCodeFlow::start()
{
    if (d->isRunning())
        d->fail(Error::cancelled(QStringLiteral("restarted")));
    d->begin();
}

void AuthorizationCodeFlow::cancel()
{
    d->fail(Error::cancelled(QStringLiteral("the sign-in was cancelled")));
}

} // namespace OAuth4Qt
