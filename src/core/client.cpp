// SPDX-License-Identifier: BSD-3-Clause
#include "client_p.h"
#include "core/client_oidc_p.h"

#include <QtCore/QLoggingCategory>
#include <QtNetwork/QSslConfiguration>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcClient, "oauth4qt.client", QtWarningMsg)

ClientPrivate::ClientPrivate(Client *qq) : q(qq), transport(new HttpTransport(qq))
{
    tokenValidator = makeIdTokenValidator(this); // issue 3: ID Tokens are always validated
}

ServerMetadata ClientPrivate::requestMetadata() const
{
    const ClientConfig::AuthMethod method = config.effectiveAuthMethod();
    if (method == ClientConfig::AuthMethod::TlsClientAuth || method == ClientConfig::AuthMethod::SelfSignedTlsClientAuth)
        return metadata.withMutualTlsAliases();
    return metadata;
}

EndpointContext ClientPrivate::endpointContext() const
{
    EndpointContext context;
    context.metadata = requestMetadata();
    context.client = profileClientConfig(profile, config);
    context.now = now();
    return context;
}

void ClientPrivate::startDiscovery()
{
    Error e;
    const HttpRequest request = buildDiscoveryRequest(
        issuer, discoveryMode == Client::DiscoveryMode::OAuth2 ? DiscoveryKind::OAuth2 : DiscoveryKind::OpenIdConnect, &e);
    auto deliver = [this](const Error &error) {
        const auto waiters = std::exchange(discoveryWaiters, {});
        for (const auto &[reply, next] : waiters) {
            if (reply && !reply->isFinished())
                next(error);
        }
    };
    if (!e)
        e = transport->checkUrl(request.url);
    if (e) {
        // Report asynchronously: a reply never finishes inside the call that created it.
        QMetaObject::invokeMethod(q, [deliver, e] { deliver(e); }, Qt::QueuedConnection);
        return;
    }
    const QUrl expectedIssuer = issuer;
    qCDebug(lcClient) << "discovering" << expectedIssuer.toString();
    discoveryCall = transport->send(request, [this, deliver, expectedIssuer](const HttpResponse &response, const Error &transportError) {
        discoveryCall = nullptr;
        Error error = transportError;
        ServerMetadata md;
        if (!error)
            md = processDiscoveryResponse(response, expectedIssuer, transport->allowInsecureHttp(), &error);
        if (!error && expectedIssuer == issuer) {
            metadata = md;
            Q_EMIT q->metadataChanged();
        }
        if (error)
            qCDebug(lcClient) << "discovery failed:" << error;
        deliver(error);
    });
}

void ClientPrivate::withMetadata(Reply *reply, Continuation next)
{
    if (!metadata.isNull()) {
        next(Error());
        return;
    }
    if (!issuer.isValid()) {
        next(Error(ErrorCode::InvalidConfiguration, QStringLiteral("neither an issuer nor metadata is set")));
        return;
    }
    discoveryWaiters.append({ QPointer<Reply>(reply), std::move(next) });
    if (!discoveryCall && discoveryWaiters.size() == 1)
        startDiscovery();
}

void ClientPrivate::send(Reply *reply, RequestBuilder build, ResponseHandler onResponse, ProfileOperation profileOperation)
{
    QPointer<Reply> guard(reply);
    if (Error e = checkProfile(profileOperation)) {
        ReplyPrivate::get(reply)->finishLater(e);
        return;
    }
    withMetadata(reply, [this, guard, build = std::move(build), onResponse = std::move(onResponse)](const Error &metadataError) {
        if (!guard || guard->isFinished())
            return;
        ReplyPrivate *rd = ReplyPrivate::get(guard);
        if (metadataError) {
            rd->finishLater(metadataError);
            return;
        }
        Error e;
        HttpRequest request = build(&e);
        if (!e)
            e = attachDPoPForEndpoint(request);
        // A DPoP nonce retry needs a new client assertion (its jti is single-use).
        const ClientConfig::AuthMethod method = config.effectiveAuthMethod();
        if (!e && request.dpopProof
            && (method == ClientConfig::AuthMethod::PrivateKeyJwt || method == ClientConfig::AuthMethod::ClientSecretJwt)) {
            request.rebuildBody = [build](Error *error) { return build(error).body; };
        }
        if (!e)
            e = transport->checkUrl(request.url);
        if (e) {
            rd->finishLater(e);
            return;
        }
        rd->setCall(transport->send(request, [guard, onResponse](const HttpResponse &response, const Error &error) {
            if (!guard || guard->isFinished())
                return;
            ReplyPrivate *rd = ReplyPrivate::get(guard);
            rd->keepFinishedCall();
            if (error) {
                rd->finish(error);
                return;
            }
            onResponse(response);
        }));
    });
}

TokenReply *ClientPrivate::tokenRequest(const QString &grantType, const Parameters &parameters,
                                        TokenExpectations expectations)
{
    auto *reply = new TokenReply(q);
    expectations.grantType = grantType;
    expectations.dpopProofSent = !dpopKey.isNull();
    // A profile's sender-constrained tokens: with a DPoP key, a Bearer token is refused.
    expectations.dpopRequired = dpopRequired || (profile != Client::Profile::None && !dpopKey.isNull());
    QPointer<TokenReply> guard(reply);
    send(
        reply,
        [this, grantType, parameters](Error *error) {
            return buildTokenRequest(grantType, parameters, endpointContext(), error);
        },
        [this, guard, expectations](const HttpResponse &response) mutable {
            expectations.receivedAt = now();
            Error error;
            const TokenResponse tokens = processTokenResponse(response, expectations, &error);
            ReplyPrivate *rd = ReplyPrivate::get(guard);
            if (error) {
                qCDebug(lcClient) << "token request failed:" << error;
                rd->finish(error);
                return;
            }
            if (tokenValidator && !tokens.idToken().isEmpty()) {
                tokenValidator(guard, tokens, expectations, [guard](const TokenResponse &validated, const Error &e) {
                    if (!guard || guard->isFinished())
                        return;
                    if (!e)
                        guard->setTokens(validated);
                    ReplyPrivate::get(guard)->finish(e);
                });
                return;
            }
            guard->setTokens(tokens);
            rd->finish();
        },
        ProfileOperation::TokenIssuance);
    return reply;
}

// ---- Client ---------------------------------------------------------------------------------

void ClientPrivate::trackReply(Reply *reply)
{
    if (replies.size() >= 64 && (replies.size() & (replies.size() - 1)) == 0) {
        replies.removeIf([](const QPointer<Reply> &r) { return !r || r->isFinished(); });
    }
    replies.append(QPointer<Reply>(reply));
}

Client::Client(QObject *parent) : QObject(parent), d(new ClientPrivate(this)) {}

Client::~Client()
{
    // The replies are children: they go with the Client, silently, like any deleted reply.
    // A reply the application moved to another parent outlives it: when still running, it
    // ends once, from the event loop, with InvalidState (nothing can answer it any more).
    const auto replies = std::exchange(d->replies, {});
    for (const QPointer<Reply> &reply : replies) {
        if (!reply || reply->parent() == this || reply->isFinished())
            continue;
        ReplyPrivate *rd = ReplyPrivate::get(reply);
        rd->m_abortHandler = nullptr;
        if (HttpCall *call = rd->m_call) {
            rd->m_call = nullptr;
            call->cancel();
        }
        rd->finishLater(Error(ErrorCode::InvalidState, QStringLiteral("the Client was deleted before the reply finished")));
    }
}

Error ClientPrivate::checkProfile(ProfileOperation operation) const
{
    if (profile == Client::Profile::None)
        return Error();
    ProfileInputs inputs;
    inputs.profile = profile;
    inputs.config = config;
    if (!dpopKey.isNull())
        inputs.dpopAlgorithm = dpopKey.algorithm();
    inputs.clientCertificate = !transport->sslConfiguration().localCertificate().isNull();
    return checkProfileConfiguration(inputs, operation);
}

Client::Profile Client::profile() const { return d->profile; }

Error Client::profileViolation() const { return d->checkProfile(ProfileOperation::TokenIssuance); }

void Client::setProfile(Profile profile)
{
    if (d->profile == profile)
        return;
    d->profile = profile;
    Q_EMIT profileChanged();
}

QUrl Client::issuer() const { return d->issuer; }

void Client::setIssuer(const QUrl &issuer)
{
    if (d->issuer == issuer)
        return;
    d->issuer = issuer;
    Q_EMIT issuerChanged();
    if (!d->metadata.isNull() && d->metadata.issuer() != issuer) {
        d->metadata = ServerMetadata();
        Q_EMIT metadataChanged();
    }
}

Client::DiscoveryMode Client::discoveryMode() const { return d->discoveryMode; }

void Client::setDiscoveryMode(DiscoveryMode mode)
{
    if (d->discoveryMode == mode)
        return;
    d->discoveryMode = mode;
    Q_EMIT discoveryModeChanged();
}

ServerMetadata Client::metadata() const { return d->metadata; }

void Client::setMetadata(const ServerMetadata &metadata)
{
    d->metadata = metadata;
    if (!metadata.isNull() && d->issuer != metadata.issuer()) {
        d->issuer = metadata.issuer();
        Q_EMIT issuerChanged();
    }
    Q_EMIT metadataChanged();
}

ClientConfig Client::clientConfig() const { return d->config; }

void Client::setClientConfig(const ClientConfig &config)
{
    d->config = config;
    Q_EMIT clientConfigChanged();
}

bool Client::allowInsecureHttp() const { return d->transport->allowInsecureHttp(); }

void Client::setAllowInsecureHttp(bool allow)
{
    if (d->transport->allowInsecureHttp() == allow)
        return;
    d->transport->setAllowInsecureHttp(allow);
    Q_EMIT allowInsecureHttpChanged();
}

int Client::requestTimeout() const { return d->transport->requestTimeout(); }

void Client::setRequestTimeout(int msecs)
{
    if (d->transport->requestTimeout() == msecs)
        return;
    d->transport->setRequestTimeout(msecs);
    Q_EMIT requestTimeoutChanged();
}

qint64 Client::maxResponseSize() const { return d->transport->maxResponseSize(); }

void Client::setMaxResponseSize(qint64 bytes)
{
    if (d->transport->maxResponseSize() == bytes)
        return;
    d->transport->setMaxResponseSize(bytes);
    Q_EMIT maxResponseSizeChanged();
}

int Client::clockTolerance() const { return d->clockTolerance; }

void Client::setClockTolerance(int seconds)
{
    if (d->clockTolerance == seconds)
        return;
    d->clockTolerance = seconds;
    Q_EMIT clockToleranceChanged();
}

QByteArray Client::userAgent() const { return d->transport->userAgent(); }

void Client::setUserAgent(const QByteArray &userAgent)
{
    if (d->transport->userAgent() == userAgent)
        return;
    d->transport->setUserAgent(userAgent);
    Q_EMIT userAgentChanged();
}

QNetworkAccessManager *Client::networkAccessManager() const { return d->transport->networkAccessManager(); }
void Client::setNetworkAccessManager(QNetworkAccessManager *manager) { d->transport->setNetworkAccessManager(manager); }
void Client::setSslConfiguration(const QSslConfiguration &configuration) { d->transport->setSslConfiguration(configuration); }
void Client::setRequestModifier(const RequestModifier &modifier) { d->transport->setRequestModifier(modifier); }
void Client::setClock(const Clock &clock) { d->clock = clock; }
QDateTime Client::currentTime() const { return d->now(); }

DiscoveryReply *Client::discover()
{
    auto *reply = new DiscoveryReply(this);
    QPointer<DiscoveryReply> guard(reply);
    // Always fetch anew, even when metadata is already known.
    d->metadata = ServerMetadata();
    d->withMetadata(reply, [this, guard](const Error &error) {
        if (!guard || guard->isFinished())
            return;
        if (!error)
            guard->setMetadata(d->metadata);
        ReplyPrivate::get(guard)->finishLater(error);
    });
    return reply;
}

TokenReply *Client::requestClientCredentials(const QString &scope, const Parameters &extra)
{
    Parameters parameters;
    if (!scope.isEmpty())
        parameters.append({ QStringLiteral("scope"), scope });
    parameters += extra;
    TokenExpectations expectations;
    expectations.requestedScope = scope;
    return d->tokenRequest(GrantType::clientCredentials(), parameters, expectations);
}

TokenReply *Client::refreshToken(const QString &refreshToken, const QString &scope, const Parameters &extra)
{
    Parameters parameters{ { QStringLiteral("refresh_token"), refreshToken } };
    if (!scope.isEmpty())
        parameters.append({ QStringLiteral("scope"), scope });
    parameters += extra;
    TokenExpectations expectations;
    expectations.requestedScope = scope;
    if (refreshToken.isEmpty()) {
        auto *reply = new TokenReply(this);
        ReplyPrivate::get(reply)->finishLater(Error(ErrorCode::InvalidArgument, QStringLiteral("the refresh token is empty")));
        return reply;
    }
    return d->tokenRequest(GrantType::refreshToken(), parameters, expectations);
}

TokenReply *Client::exchangeAuthorizationCode(const QString &code, const QUrl &redirectUri,
                                              const QString &codeVerifier, const QString &scope,
                                              const QString &nonce, int maxAge, const Parameters &extra)
{
    return d->exchangeCode(code, redirectUri, codeVerifier, scope, nonce, maxAge, extra);
}

TokenReply *ClientPrivate::exchangeCode(const QString &code, const QUrl &redirectUri, const QString &codeVerifier,
                                        const QString &scope, const QString &nonce, int maxAge,
                                        const Parameters &extra, const QJsonObject &earlierIdTokenClaims)
{
    Parameters parameters{
        { QStringLiteral("code"), code },
        { QStringLiteral("redirect_uri"), redirectUri.toString(QUrl::FullyEncoded) },
    };
    if (!codeVerifier.isEmpty())
        parameters.append({ QStringLiteral("code_verifier"), codeVerifier });
    parameters += extra;
    TokenExpectations expectations;
    expectations.requestedScope = scope;
    expectations.idTokenRequired = scopeContains(scope, QStringLiteral("openid"));
    expectations.nonce = nonce;
    expectations.maxAge = maxAge;
    expectations.previousIdTokenIssuer = earlierIdTokenClaims.value(QLatin1String("iss")).toString();
    expectations.previousIdTokenSubject = earlierIdTokenClaims.value(QLatin1String("sub")).toString();
    if (code.isEmpty()) {
        auto *reply = new TokenReply(q);
        ReplyPrivate::get(reply)->finishLater(Error(ErrorCode::InvalidArgument, QStringLiteral("the authorization code is empty")));
        return reply;
    }
    return tokenRequest(GrantType::authorizationCode(), parameters, expectations);
}

TokenReply *Client::requestToken(const QString &grantType, const Parameters &parameters)
{
    TokenExpectations expectations;
    for (const auto &p : parameters) {
        if (p.first == QLatin1String("scope"))
            expectations.requestedScope = p.second;
    }
    return d->tokenRequest(grantType, parameters, expectations);
}

} // namespace OAuth4Qt
