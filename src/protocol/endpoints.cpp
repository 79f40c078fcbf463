// SPDX-License-Identifier: BSD-3-Clause
#include "endpoints_p.h"

#include "protocol/tokensyntax_p.h"

#include "formencoding_p.h"
#include "jsonmembers_p.h"

#include <oauth4qt/jws.h>

#include "jose/compactjws_p.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRandomGenerator>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcProtocol, "oauth4qt.protocol", QtWarningMsg)

// ---- Discovery ------------------------------------------------------------------------------

QUrl discoveryUrl(const QUrl &issuer, DiscoveryKind kind, Error *error)
{
    Error e;
    QUrl result;
    if (!issuer.isValid() || issuer.isRelative() || issuer.host().isEmpty()) {
        e = Error(ErrorCode::InvalidArgument, QStringLiteral("the issuer must be an absolute URL"));
    } else if (issuer.hasQuery() || issuer.hasFragment()) {
        e = Error(ErrorCode::InvalidArgument, QStringLiteral("the issuer must not have a query or fragment"));
    } else {
        result = issuer;
        QString path = issuer.path(QUrl::FullyEncoded);
        while (path.endsWith(QLatin1Char('/')))
            path.chop(1);
        if (kind == DiscoveryKind::OpenIdConnect)
            path += QStringLiteral("/.well-known/openid-configuration");
        else
            path = QStringLiteral("/.well-known/oauth-authorization-server") + path;
        result.setPath(path, QUrl::TolerantMode);
    }
    if (error)
        *error = e;
    return result;
}

HttpRequest buildDiscoveryRequest(const QUrl &issuer, DiscoveryKind kind, Error *error)
{
    HttpRequest request;
    request.url = discoveryUrl(issuer, kind, error);
    request.setHeader("Accept", "application/json");
    return request;
}

ServerMetadata processDiscoveryResponse(const HttpResponse &response, const QUrl &expectedIssuer,
                                        bool allowInsecureHttp, Error *error)
{
    Error e;
    const QJsonObject json = processJsonResponse(response, &e);
    if (e) {
        if (error)
            *error = e;
        return {};
    }
    return ServerMetadata::fromJson(json, expectedIssuer, allowInsecureHttp, error);
}

// ---- Client authentication -------------------------------------------------------------------

QString randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(raw.data()),
                                          reinterpret_cast<quint32 *>(raw.data()) + bytes / 4);
    for (int i = bytes - bytes % 4; i < bytes; ++i)
        raw[i] = char(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(Base64Url::encode(raw));
}

QByteArray buildClientAssertion(const EndpointContext &context, Error *error)
{
    const ClientConfig &client = context.client;
    const bool secretJwt = client.effectiveAuthMethod() == ClientConfig::AuthMethod::ClientSecretJwt;
    JsonWebKey key;
    QString alg = client.signingAlgorithm();
    if (secretJwt) {
        if (client.clientSecret().isEmpty()) {
            if (error)
                *error = Error(ErrorCode::InvalidConfiguration, QStringLiteral("client_secret_jwt needs a client secret"));
            return {};
        }
        key = JsonWebKey::fromSecret(client.clientSecret().toUtf8());
        if (alg.isEmpty())
            alg = QStringLiteral("HS256");
    } else {
        key = client.privateKey();
        if (key.isNull() || !key.hasPrivateKey() || key.keyType() == JsonWebKey::KeyType::Oct) {
            if (error)
                *error = Error(ErrorCode::InvalidConfiguration, QStringLiteral("private_key_jwt needs an asymmetric private key"));
            return {};
        }
        if (alg.isEmpty())
            alg = key.defaultAlgorithm();
    }
    if (!Jws::supportedAlgorithms().contains(alg)) {
        if (error)
            *error = Error(ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported algorithm"));
        return {};
    }
    // Header and claims written directly as compact JSON (no QJsonObject/QJsonDocument round).
    QByteArray header = QByteArrayLiteral("{\"alg\":");
    Internal::appendJsonString(header, alg);
    if (!secretJwt && !key.keyId().isEmpty()) {
        header += ",\"kid\":";
        Internal::appendJsonString(header, key.keyId());
    }
    header += '}';
    QByteArray headerPrefix;
    Internal::appendBase64Url(headerPrefix, header);
    headerPrefix += '.';

    const qint64 now = context.now.toSecsSinceEpoch();
    const QByteArray clientId = [&] {
        QByteArray json;
        Internal::appendJsonString(json, client.clientId());
        return json;
    }();
    QByteArray claims;
    claims.reserve(2 * clientId.size() + 160);
    claims += "{\"iss\":" + clientId + ",\"sub\":" + clientId + ",\"aud\":";
    Internal::appendJsonString(claims, context.metadata.issuer().toString(QUrl::FullyEncoded));
    claims += ",\"jti\":\"";
    Internal::appendRandomBase64Url(claims, 32); // unique per assertion
    claims += "\",\"iat\":" + QByteArray::number(now) + ",\"exp\":" + QByteArray::number(now + 60) + '}';
    return Internal::signCompact(headerPrefix, claims, alg, key, error);
}

HttpRequest buildAuthenticatedPost(const QUrl &endpoint, Parameters parameters,
                                   const EndpointContext &context, Error *error)
{
    HttpRequest request;
    request.method = QByteArrayLiteral("POST");
    request.url = endpoint;
    auto fail = [&](Error e) {
        if (error)
            *error = std::move(e);
        return request;
    };
    if (!endpoint.isValid())
        return fail(Error(ErrorCode::MissingEndpoint));
    const ClientConfig &client = context.client;
    if (client.clientId().isEmpty())
        return fail(Error(ErrorCode::InvalidConfiguration, QStringLiteral("no client_id is set")));

    using M = ClientConfig::AuthMethod;
    switch (client.effectiveAuthMethod()) {
    case M::ClientSecretBasic: {
        if (client.clientSecret().isEmpty())
            return fail(Error(ErrorCode::InvalidConfiguration, QStringLiteral("client_secret_basic needs a client secret")));
        // RFC 6749 section 2.3.1 and Appendix B: form-encode both before Base64.
        const QByteArray credentials = formEncodeStrict(client.clientId()) + ':' + formEncodeStrict(client.clientSecret());
        request.setHeader("Authorization", "Basic " + credentials.toBase64());
        break;
    }
    case M::ClientSecretPost:
        if (client.clientSecret().isEmpty())
            return fail(Error(ErrorCode::InvalidConfiguration, QStringLiteral("client_secret_post needs a client secret")));
        parameters.append({ QStringLiteral("client_id"), client.clientId() });
        parameters.append({ QStringLiteral("client_secret"), client.clientSecret() });
        break;
    case M::ClientSecretJwt:
    case M::PrivateKeyJwt: {
        Error e;
        const QByteArray assertion = buildClientAssertion(context, &e);
        if (e)
            return fail(e);
        parameters.append({ QStringLiteral("client_id"), client.clientId() });
        parameters.append({ QStringLiteral("client_assertion_type"),
                            QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer") });
        parameters.append({ QStringLiteral("client_assertion"), QString::fromLatin1(assertion) });
        break;
    }
    case M::None:
    case M::TlsClientAuth:
    case M::SelfSignedTlsClientAuth:
    case M::Automatic:
        parameters.append({ QStringLiteral("client_id"), client.clientId() });
        break;
    }
    request.setHeader("Content-Type", "application/x-www-form-urlencoded");
    request.setHeader("Accept", "application/json");
    request.body = formEncode(parameters);
    if (error)
        *error = Error();
    return request;
}

// ---- Token endpoint --------------------------------------------------------------------------

bool scopeContains(const QString &scope, const QString &value)
{
    const auto parts = QStringView(scope).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QStringView part : parts) {
        if (part == value)
            return true;
    }
    return false;
}

HttpRequest buildTokenRequest(const QString &grantType, const Parameters &parameters,
                              const EndpointContext &context, Error *error)
{
    if (grantType.isEmpty()) {
        if (error)
            *error = Error(ErrorCode::InvalidArgument, QStringLiteral("grant_type must not be empty"));
        return {};
    }
    Parameters all;
    all.append({ QStringLiteral("grant_type"), grantType });
    for (const auto &p : parameters) {
        if (p.first == QLatin1String("grant_type") || p.first == QLatin1String("client_assertion")
            || p.first == QLatin1String("client_assertion_type")) {
            if (error)
                *error = Error(ErrorCode::InvalidArgument,
                               QStringLiteral("the parameter %1 is set by the library").arg(p.first));
            return {};
        }
        all.append(p);
    }
    return buildAuthenticatedPost(context.metadata.tokenEndpoint(), all, context, error);
}

TokenResponse processTokenResponse(const HttpResponse &response, const TokenExpectations &expectations,
                                   Error *error)
{
    auto fail = [error](Error e) {
        if (error)
            *error = std::move(e);
        return TokenResponse();
    };
    Error e;
    const QJsonObject json = processJsonResponse(response, &e);
    if (e)
        return fail(e);

    TokenResponse tokens;
    QString value;
    using namespace Members;
    // C5
    if ((e = string(json, QLatin1String("access_token"), &value, Presence::Required)))
        return fail(e);
    tokens.setAccessToken(value);
    // C6
    if ((e = string(json, QLatin1String("token_type"), &value, Presence::Required)))
        return fail(e);
    const bool tokenExchange = expectations.grantType == GrantType::tokenExchange();
    if (value.compare(QLatin1String("bearer"), Qt::CaseInsensitive) == 0) {
        tokens.setTokenType(QStringLiteral("Bearer"));
    } else if (value.compare(QLatin1String("dpop"), Qt::CaseInsensitive) == 0) {
        tokens.setTokenType(QStringLiteral("DPoP"));
    } else if (tokenExchange && value.compare(QLatin1String("n_a"), Qt::CaseInsensitive) == 0) {
        tokens.setTokenType(QStringLiteral("N_A"));
    } else {
        // Echoed only when it has the token syntax (never a CR/LF into a log line).
        return fail(Error(ErrorCode::UnsupportedTokenType,
                          isB64Token(value) ? QStringLiteral("token_type \"%1\" is not supported").arg(value.left(32))
                                            : QStringLiteral("token_type is not supported (and not a token)")));
    }
    // Token syntax: an access token that goes into an Authorization header (Bearer, DPoP) is a
    // b64token (RFC 6750 2.1); other access tokens and refresh tokens are VSCHAR (RFC 6749
    // Appendix A). A CR/LF or any other character outside the grammar is refused here, so it
    // can never reach a header.
    if (tokens.tokenType() == QLatin1String("N_A") ? !isVsCharString(tokens.accessToken())
                                                   : !isB64Token(tokens.accessToken()))
        return fail(Error(ErrorCode::InvalidMember,
                          QStringLiteral("\"access_token\" has characters outside its syntax (RFC 6750 b64token / RFC 6749 VSCHAR)")));
    // G8
    if (tokens.tokenType() == QLatin1String("DPoP") && !expectations.dpopProofSent)
        return fail(Error(ErrorCode::DPoPBindingMismatch,
                          QStringLiteral("a DPoP-bound token came back for a request without a DPoP proof")));
    if (tokens.tokenType() == QLatin1String("Bearer") && expectations.dpopProofSent && expectations.dpopRequired)
        return fail(Error(ErrorCode::DPoPBindingMismatch,
                          QStringLiteral("a Bearer token came back although DPoP binding is required")));
    // C7
    qint64 expiresIn = -1;
    bool present = false;
    if ((e = lifetime(json, QLatin1String("expires_in"), &expiresIn, &present, qint64(10) * 365 * 24 * 3600, true)))
        return fail(e);
    if (present)
        tokens.setExpiresIn(expiresIn, expectations.receivedAt);
    // C8
    QString scope = expectations.requestedScope;
    if ((e = string(json, QLatin1String("scope"), &scope, Presence::Optional, Emptiness::AllowEmpty)))
        return fail(e);
    tokens.setScope(scope);
    // C9
    value.clear();
    if ((e = string(json, QLatin1String("refresh_token"), &value)))
        return fail(e);
    if (!value.isNull() && !isVsCharString(value))
        return fail(Error(ErrorCode::InvalidMember,
                          QStringLiteral("\"refresh_token\" has characters outside its syntax (RFC 6749 VSCHAR)")));
    tokens.setRefreshToken(value);
    // C10 (validation itself happens in the validation layer)
    value.clear();
    if ((e = string(json, QLatin1String("id_token"), &value,
                    expectations.idTokenRequired ? Presence::Required : Presence::Optional)))
        return fail(e);
    tokens.setIdToken(value);
    // C14
    value.clear();
    if ((e = string(json, QLatin1String("issued_token_type"), &value,
                    tokenExchange ? Presence::Required : Presence::Optional)))
        return fail(e);
    tokens.setIssuedTokenType(value);

    tokens.setJson(json);
    if (error)
        *error = Error();
    return tokens;
}

} // namespace OAuth4Qt
