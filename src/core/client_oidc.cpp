// SPDX-License-Identifier: BSD-3-Clause
// The OpenID Connect operations of Client (issue 3): ID Token validation of token responses,
// UserInfo, introspection, revocation, registration, logout URL, protected resource metadata and
// RFC 9068 access token validation.
#include "core/client_oidc_p.h"
#include "jose/jwe_p.h"

#include "protocol/tokensyntax_p.h"
#include "validation/jwkscache_p.h"
#include "validation/oidcendpoints_p.h"

#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>
#include <oauth4qt/registrationreply.h>

#include <QtCore/QLoggingCategory>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcOidc, "oauth4qt.oidc", QtWarningMsg)

// ---- RegistrationReply -----------------------------------------------------------------------

RegistrationReply::RegistrationReply(QObject *parent) : JsonReply(parent) {}
ClientConfig RegistrationReply::clientConfig() const { return m_config; }
void RegistrationReply::setClientConfig(const ClientConfig &config) { m_config = config; }
ClientConfig RegistrationReply::clientConfigFromRegistration(const QJsonObject &registration, Error *error)
{
    return OAuth4Qt::clientConfigFromRegistration(registration, error);
}

// ---- JWKS and the ID Token hook --------------------------------------------------------------

JwksCache *clientJwksCache(ClientPrivate *d)
{
    static const QString name = QStringLiteral("oauth4qt-jwks-cache");
    auto *cache = d->q->findChild<JwksCache *>(name, Qt::FindDirectChildrenOnly);
    if (!cache) {
        cache = new JwksCache(d->transport, d->q);
        cache->setObjectName(name);
        cache->setClock([d] { return d->now(); });
    }
    cache->setJwksUri(d->metadata.jwksUri()); // drops the cache when jwks_uri changed (A13)
    return cache;
}

JwksCache *clientJwksCache(Client *client) { return clientJwksCache(ClientPrivate::get(client)); }

static IdTokenValidator idTokenValidatorFor(ClientPrivate *d, const TokenResponse &tokens,
                                            const TokenExpectations &expectations)
{
    IdTokenValidator v;
    v.setIssuer(issuerString(d->metadata));
    v.setClientId(d->config.clientId());
    v.setClientSecret(d->config.clientSecret());
    QString alg = d->config.idTokenSignedResponseAlg();
    QStringList serverAlgorithms = d->metadata.idTokenSigningAlgValuesSupported();
    restrictAlgorithmsToProfile(d->profile, &alg, &serverAlgorithms);
    v.setAlgorithm(alg);
    v.setServerAlgorithms(serverAlgorithms);
    v.setDecryptionKeys(d->config.decryptionKeys());
    v.setEncryptionAlgorithm(d->config.idTokenEncryptedResponseAlg());
    v.setContentEncryptionAlgorithm(d->config.idTokenEncryptedResponseEnc());
    v.setNonce(expectations.nonce);
    v.setMaxAge(expectations.maxAge);
    v.setAccessToken(tokens.accessToken());
    v.setRefresh(expectations.grantType == GrantType::refreshToken());
    v.setPreviousIssuer(expectations.previousIdTokenIssuer);
    v.setPreviousSubject(expectations.previousIdTokenSubject);
    v.setClockTolerance(d->clockTolerance);
    v.setClock([d] { return d->now(); });
    return v;
}

ClientPrivate::TokenValidator makeIdTokenValidator(ClientPrivate *d)
{
    return [d](Reply *reply, const TokenResponse &tokens, const TokenExpectations &expectations,
               std::function<void(const TokenResponse &, const Error &)> done) {
        const IdTokenValidator validator = idTokenValidatorFor(d, tokens, expectations);
        validateWithJwks(
            clientJwksCache(d), reply, tokens.idToken().toUtf8(),
            [validator, idToken = tokens.idToken().toUtf8()](const JsonWebKeySet &keys, Error *error) {
                IdTokenValidator v = validator;
                v.setKeys(keys);
                return v.validate(idToken, error);
            },
            [tokens, done](const QJsonObject &claims, const Error &error) {
                if (error) {
                    qCDebug(lcOidc) << "ID Token rejected:" << error;
                    done(TokenResponse(), error);
                    return;
                }
                TokenResponse validated = tokens;
                validated.setIdTokenClaims(claims);
                done(validated, Error());
            });
    };
}

void validateAuthorizationIdToken(ClientPrivate *d, QObject *context, const QByteArray &idToken, const QString &nonce,
                                  int maxAge, const QString &code, const QString &state, bool requireStateHash,
                                  std::function<void(const QJsonObject &, const Error &)> done)
{
    TokenExpectations expectations;
    expectations.nonce = nonce;
    expectations.maxAge = maxAge;
    IdTokenValidator validator = idTokenValidatorFor(d, TokenResponse(), expectations);
    validator.setAuthorizationCode(code);
    validator.setState(state);
    validateWithJwks(
        clientJwksCache(d), context, idToken,
        [validator, idToken](const JsonWebKeySet &keys, Error *error) {
            IdTokenValidator v = validator;
            v.setKeys(keys);
            return v.validate(idToken, error);
        },
        [requireStateHash, done = std::move(done)](const QJsonObject &claims, const Error &error) {
            if (error) {
                qCDebug(lcOidc) << "ID Token of the authorization response rejected:" << error;
                done(QJsonObject(), error);
                return;
            }
            // The values were compared by the validator when present; here: present at all.
            if (!claims.contains(QLatin1String("c_hash"))) {
                done(QJsonObject(), Error(ErrorCode::MissingMember,
                                          QStringLiteral("the ID Token of the hybrid authorization response has no c_hash")));
                return;
            }
            if (requireStateHash && !claims.contains(QLatin1String("s_hash"))) {
                done(QJsonObject(), Error(ErrorCode::MissingMember,
                                          QStringLiteral("the ID Token used as detached signature has no s_hash")));
                return;
            }
            done(claims, Error());
        });
}

namespace {

template <typename R>
R *failedReply(Client *q, const Error &error)
{
    auto *reply = new R(q);
    ReplyPrivate::get(reply)->finishLater(error);
    return reply;
}

void finishJson(JsonReply *reply, const QJsonObject &result, const Error &error)
{
    if (!reply || reply->isFinished())
        return;
    if (!error)
        reply->setResult(result);
    ReplyPrivate::get(reply)->finish(error);
}

// Validates \a jwt with \a validator against the client's JWKS, on the client's clock and
// tolerance; then \a done (once, unless \a context is gone).
void validateWithClientKeys(ClientPrivate *dd, QObject *context, const QByteArray &jwt, const JwtValidator &validator,
                            ValidationDone done)
{
    validateWithJwks(
        clientJwksCache(dd), context, jwt,
        [validator, jwt, dd](const JsonWebKeySet &keys, Error *error) {
            JwtValidator v = validator;
            v.setKeys(keys);
            v.setClockTolerance(dd->clockTolerance);
            v.setClock([dd] { return dd->now(); });
            return v.validate(jwt, error);
        },
        std::move(done));
}

} // namespace

// ---- Client operations ----------------------------------------------------------------------

TokenReply *Client::refreshOpenIdTokens(const QString &refreshToken, const QJsonObject &previousIdTokenClaims,
                                        const QString &scope, const Parameters &extra)
{
    if (refreshToken.isEmpty())
        return failedReply<TokenReply>(this, Error(ErrorCode::InvalidArgument, QStringLiteral("the refresh token is empty")));
    Parameters parameters{ { QStringLiteral("refresh_token"), refreshToken } };
    if (!scope.isEmpty())
        parameters.append({ QStringLiteral("scope"), scope });
    parameters += extra;
    TokenExpectations expectations;
    expectations.requestedScope = scope;
    expectations.previousIdTokenIssuer = previousIdTokenClaims.value(QLatin1String("iss")).toString();
    expectations.previousIdTokenSubject = previousIdTokenClaims.value(QLatin1String("sub")).toString();
    return d->tokenRequest(GrantType::refreshToken(), parameters, expectations);
}

JsonReply *Client::userInfo(const QString &accessToken, const QString &expectedSubject)
{
    TokenResponse tokens;
    tokens.setAccessToken(accessToken);
    tokens.setTokenType(QStringLiteral("Bearer"));
    return userInfo(tokens, expectedSubject);
}

JsonReply *Client::userInfo(const TokenResponse &tokens, const QString &expectedSubject)
{
    const QString accessToken = tokens.accessToken();
    const QString tokenType = tokens.tokenType();
    const bool dpop = tokenType.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0;
    if (Error e = checkAccessTokenForHeader(accessToken))
        return failedReply<JsonReply>(this, e);
    if (!dpop && !tokenType.isEmpty() && tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        return failedReply<JsonReply>(this, Error(ErrorCode::UnsupportedTokenType,
                                                  QStringLiteral("token type \"%1\" cannot be sent to UserInfo").arg(tokenType.left(16))));
    // A DPoP-bound token is never downgraded to Bearer.
    if (dpop && d->dpopKey.isNull())
        return failedReply<JsonReply>(this, Error(ErrorCode::InvalidConfiguration,
                                                  QStringLiteral("a DPoP-bound token needs the client's DPoP key")));
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    ClientPrivate *dd = d.get();
    dd->send(
        reply,
        [dd, accessToken, dpop](Error *error) {
            HttpRequest request = buildUserInfoRequest(dd->requestMetadata().userinfoEndpoint(), accessToken, error);
            if (dpop && !(error && *error)) {
                request.setHeader(QByteArrayLiteral("Authorization"), QByteArrayLiteral("DPoP ") + accessToken.toLatin1());
                // The proof with ath (and the server's dpop_signing_alg_values_supported check).
                Error e = dd->attachDPoPForEndpoint(request);
                if (!e && !request.dpopProof)
                    dd->attachDPoP(request, accessToken);
                if (e && error)
                    *error = e;
            }
            return request;
        },
        [dd, guard, expectedSubject](const HttpResponse &response) {
            const QString signedAlg = dd->config.userinfoSignedResponseAlg();
            const QString encryptedAlg = dd->config.userinfoEncryptedResponseAlg();
            Error e;
            const bool decryptable = Jwe::canDecrypt(dd->config.decryptionKeys(), encryptedAlg);
            const UserInfoBody body = processUserInfoResponse(response, signedAlg, &e, !encryptedAlg.isEmpty(), decryptable);
            if (e || body.jwt.isEmpty()) {
                if (!e)
                    e = checkUserInfoClaims(body.claims, expectedSubject);
                finishJson(guard, body.claims, e);
                return;
            }
            JwtValidator validator = userInfoJwtValidator(signedAlg, dd->config.clientSecret().toUtf8(),
                                                          dd->metadata.userinfoSigningAlgValuesSupported());
            validator.setDecryptionKeys(dd->config.decryptionKeys());
            validator.setEncryptionAlgorithm(encryptedAlg);
            validator.setContentEncryptionAlgorithm(dd->config.userinfoEncryptedResponseEnc());
            // Registered encrypted but not signed: the JWE holds the claims as JSON.
            validator.setRequireNestedSignature(!signedAlg.isEmpty());
            const QString issuer = issuerString(dd->metadata);
            const QString clientId = dd->config.clientId();
            validateWithClientKeys(
                dd, guard, body.jwt, validator,
                [guard, expectedSubject, issuer, clientId](const QJsonObject &claims, const Error &error) {
                    Error e = error;
                    if (!e)
                        e = checkUserInfoClaims(claims, expectedSubject, issuer, clientId);
                    finishJson(guard, claims, e);
                });
        });
    return reply;
}

JsonReply *Client::introspect(const QString &token, const QString &tokenTypeHint)
{
    if (token.isEmpty())
        return failedReply<JsonReply>(this, Error(ErrorCode::InvalidArgument, QStringLiteral("the token is empty")));
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    ClientPrivate *dd = d.get();
    const QString alg = dd->config.introspectionSignedResponseAlg();
    const bool jwt = !alg.isEmpty() || !dd->config.introspectionEncryptedResponseAlg().isEmpty();
    dd->send(
        reply,
        [dd, token, tokenTypeHint, jwt](Error *error) {
            return buildIntrospectionRequest(token, tokenTypeHint, jwt, dd->endpointContext(), error);
        },
        [dd, guard, jwt, alg](const HttpResponse &response) {
            Error e;
            const IntrospectionBody body = processIntrospectionResponse(response, jwt, &e);
            if (e || !jwt) {
                finishJson(guard, body.result, e);
                return;
            }
            JwtValidator validator = introspectionJwtValidator(issuerString(dd->metadata), dd->config.clientId(),
                                                               alg, dd->config.clientSecret().toUtf8(),
                                                               dd->metadata.introspectionSigningAlgValuesSupported());
            validator.setDecryptionKeys(dd->config.decryptionKeys());
            validator.setEncryptionAlgorithm(dd->config.introspectionEncryptedResponseAlg());
            validator.setContentEncryptionAlgorithm(dd->config.introspectionEncryptedResponseEnc());
            validateWithClientKeys(
                dd, guard, body.jwt, validator,
                [guard](const QJsonObject &claims, const Error &error) {
                    Error e = error;
                    QJsonObject result;
                    if (!e)
                        result = introspectionFromJwtClaims(claims, &e);
                    finishJson(guard, result, e);
                });
        });
    return reply;
}

Reply *Client::revoke(const QString &token, const QString &tokenTypeHint)
{
    if (token.isEmpty())
        return failedReply<JsonReply>(this, Error(ErrorCode::InvalidArgument, QStringLiteral("the token is empty")));
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    ClientPrivate *dd = d.get();
    dd->send(
        reply,
        [dd, token, tokenTypeHint](Error *error) {
            return buildRevocationRequest(token, tokenTypeHint, dd->endpointContext(), error);
        },
        [guard](const HttpResponse &response) {
            finishJson(guard, QJsonObject(), processRevocationResponse(response));
        });
    return reply;
}

RegistrationReply *Client::registerClient(const QJsonObject &clientMetadata, const QString &initialAccessToken)
{
    auto *reply = new RegistrationReply(this);
    QPointer<RegistrationReply> guard(reply);
    ClientPrivate *dd = d.get();
    dd->send(
        reply,
        [dd, clientMetadata, initialAccessToken](Error *error) {
            return buildRegistrationRequest(dd->metadata.registrationEndpoint(), clientMetadata, initialAccessToken, error);
        },
        [guard](const HttpResponse &response) {
            ClientConfig config;
            Error e;
            const QJsonObject json = processRegistrationResponse(response, &config, &e);
            if (!e)
                guard->setClientConfig(config);
            finishJson(guard, json, e);
        });
    return reply;
}

QUrl Client::endSessionUrl(const QString &idTokenHint, const QUrl &postLogoutRedirectUri, const QString &state,
                           const QString &uiLocales, Error *error) const
{
    if (d->metadata.isNull()) {
        if (error)
            *error = Error(ErrorCode::InvalidState, QStringLiteral("no metadata: call discover() first"));
        return QUrl();
    }
    Error e;
    const QUrl url = buildEndSessionUrl(d->metadata.endSessionEndpoint(), d->config.clientId(), idTokenHint,
                                        postLogoutRedirectUri, state, uiLocales, &e);
    if (!e)
        e = d->transport->checkUrl(url);
    if (error)
        *error = e;
    return e ? QUrl() : url;
}

JsonReply *Client::discoverProtectedResource(const QUrl &resourceUrl, const QUrl &resourceMetadataUrl)
{
    Error e;
    QUrl url = resourceMetadataUrl;
    if (url.isEmpty())
        url = protectedResourceMetadataUrl(resourceUrl, &e);
    if (!e)
        e = d->transport->checkUrl(url);
    if (!e)
        e = d->transport->checkUrl(resourceUrl);
    if (e)
        return failedReply<JsonReply>(this, e);
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    HttpRequest request;
    request.method = QByteArrayLiteral("GET");
    request.url = url;
    request.setHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    const bool insecure = d->transport->allowInsecureHttp();
    ReplyPrivate::get(reply)->setCall(d->transport->send(request, [guard, resourceUrl, insecure](const HttpResponse &response, const Error &error) {
        if (!guard || guard->isFinished())
            return;
        ReplyPrivate::get(guard)->keepFinishedCall();
        Error e = error;
        QJsonObject json;
        if (!e)
            json = processProtectedResourceMetadata(response, resourceUrl, insecure, &e);
        finishJson(guard, json, e);
    }));
    return reply;
}

JsonReply *Client::discoverProtectedResourceFromChallenge(const QUrl &resourceUrl, const QList<QByteArray> &wwwAuthenticate)
{
    Error e;
    const QUrl url = resourceMetadataUrlFromChallenge(wwwAuthenticate, d->transport->allowInsecureHttp(), &e);
    if (e)
        return failedReply<JsonReply>(this, e);
    return discoverProtectedResource(resourceUrl, url);
}

JsonReply *Client::validateAccessToken(const QString &accessToken, const QString &audience, const QStringList &algorithms)
{
    if (accessToken.isEmpty())
        return failedReply<JsonReply>(this, Error(ErrorCode::InvalidArgument, QStringLiteral("the access token is empty")));
    if (audience.isEmpty())
        return failedReply<JsonReply>(this, Error(ErrorCode::InvalidArgument, QStringLiteral("the expected audience is empty")));
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    ClientPrivate *dd = d.get();
    const QByteArray jwt = accessToken.toUtf8();
    dd->withMetadata(reply, [dd, guard, jwt, audience, algorithms](const Error &metadataError) {
        if (!guard || guard->isFinished())
            return;
        if (metadataError) {
            ReplyPrivate::get(guard)->finishLater(metadataError);
            return;
        }
        const JwtValidator validator = accessTokenJwtValidator(issuerString(dd->metadata), audience, algorithms);
        validateWithClientKeys(dd, guard, jwt, validator,
                               [guard](const QJsonObject &claims, const Error &error) { finishJson(guard, claims, error); });
    });
    return reply;
}

} // namespace OAuth4Qt
