// SPDX-License-Identifier: BSD-3-Clause
#include "authorizationrequest_p.h"

#include "protocol/formencoding_p.h"
#include "protocol/jsonmembers_p.h"
#include "validation/algorithmpolicy_p.h"
#include "validation/oidcendpoints_p.h"

#include <oauth4qt/jws.h>

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QSet>

namespace OAuth4Qt {

namespace {

Error fail(Error *error, Error e)
{
    if (error)
        *error = e;
    return e;
}

void ok(Error *error)
{
    if (error)
        *error = Error();
}

} // namespace

bool stateEquals(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    if (x.size() != y.size())
        return false;
    uchar diff = 0;
    for (qsizetype i = 0; i < x.size(); ++i)
        diff |= uchar(x.at(i)) ^ uchar(y.at(i));
    return diff == 0;
}

namespace {

bool has(const Parameters &params, QLatin1String name)
{
    for (const auto &p : params) {
        if (p.first == name)
            return true;
    }
    return false;
}

QString valueOf(const Parameters &params, QLatin1String name)
{
    for (const auto &p : params) {
        if (p.first == name)
            return p.second;
    }
    return QString();
}

} // namespace

// ---- PKCE ------------------------------------------------------------------------------------

QString pkceCodeVerifier()
{
    return randomToken(32); // 43 characters of the unreserved set (RFC 7636 4.1)
}

QString pkceChallengeS256(const QString &verifier)
{
    return QString::fromLatin1(Base64Url::encode(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
}

// ---- The authorization URL -------------------------------------------------------------------

QUrl buildAuthorizationUrl(const QUrl &endpoint, const Parameters &parameters, bool allowInsecureHttp, Error *error)
{
    if (!endpoint.isValid() || endpoint.isEmpty()) {
        fail(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no authorization_endpoint")));
        return {};
    }
    const QString scheme = endpoint.scheme().toLower();
    if (scheme == QLatin1String("http")) {
        if (!insecureHttpAllowed(endpoint, allowInsecureHttp)) {
            fail(error, Error(ErrorCode::InsecureUrl, allowInsecureHttp
                                  ? QStringLiteral("the authorization endpoint is http:// to a host that is not loopback")
                                  : QStringLiteral("the authorization endpoint is not https")));
            return {};
        }
    } else if (scheme != QLatin1String("https")) {
        fail(error, Error(ErrorCode::UnsupportedUrlScheme,
                          QStringLiteral("the authorization endpoint has the scheme \"%1\"").arg(scheme)));
        return {};
    }
    if (endpoint.host().isEmpty() || endpoint.hasFragment() || !endpoint.userInfo().isEmpty()) {
        fail(error, Error(ErrorCode::InvalidConfiguration,
                          QStringLiteral("the authorization endpoint needs a host and no fragment or user info")));
        return {};
    }
    QUrl url = endpoint;
    QString query = endpoint.query(QUrl::FullyEncoded);
    // Form encoding, with a space as %20 rather than '+': every URL decoder reads it alike.
    const QString ours = queryString(parameters).replace(QLatin1Char('+'), QStringLiteral("%20"));
    if (!query.isEmpty() && !ours.isEmpty())
        query += QLatin1Char('&');
    query += ours;
    url.setQuery(query, QUrl::StrictMode);
    if (!url.isValid()) {
        fail(error, Error(ErrorCode::InvalidArgument, QStringLiteral("the authorization URL is not valid")));
        return {};
    }
    ok(error);
    return url;
}

// ---- JAR -------------------------------------------------------------------------------------

QByteArray buildRequestObject(const Parameters &parameters, const EndpointContext &context, int lifetime, Error *error)
{
    const ClientConfig &client = context.client;
    const JsonWebKey key = client.privateKey();
    if (key.isNull() || !key.hasPrivateKey() || key.keyType() == JsonWebKey::KeyType::Oct) {
        fail(error, Error(ErrorCode::InvalidConfiguration, QStringLiteral("a signed request object needs the client's private key")));
        return {};
    }
    const QString alg = client.signingAlgorithm().isEmpty() ? key.defaultAlgorithm() : client.signingAlgorithm();
    if (alg.isEmpty() || alg == QLatin1String("none") || !Jws::isAsymmetric(alg)) {
        fail(error, Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("request objects are signed with an asymmetric algorithm")));
        return {};
    }
    const QStringList advertised = context.metadata.requestObjectSigningAlgValuesSupported();
    if (!advertised.isEmpty() && !advertised.contains(alg)) {
        fail(error, Error(ErrorCode::AlgorithmNotAllowed,
                          QStringLiteral("the server does not list %1 in request_object_signing_alg_values_supported").arg(alg)));
        return {};
    }

    QJsonObject claims;
    // Repeated names (resource) become arrays; max_age is a number.
    QSet<QString> repeated;
    {
        QSet<QString> seen;
        for (const auto &p : parameters) {
            if (seen.contains(p.first))
                repeated.insert(p.first);
            seen.insert(p.first);
        }
    }
    for (const auto &[name, value] : parameters) {
        if (repeated.contains(name)) {
            QJsonArray array = claims.value(name).toArray();
            array.append(value);
            claims.insert(name, array);
        } else if (name == QLatin1String("max_age")) {
            bool isNumber = false;
            const int n = value.toInt(&isNumber);
            claims.insert(name, isNumber ? QJsonValue(n) : QJsonValue(value));
        } else {
            claims.insert(name, value);
        }
    }
    const qint64 now = context.now.toSecsSinceEpoch();
    claims.insert(QStringLiteral("client_id"), client.clientId());
    claims.insert(QStringLiteral("iss"), client.clientId());
    claims.insert(QStringLiteral("aud"), issuerString(context.metadata));
    claims.insert(QStringLiteral("iat"), now);
    claims.insert(QStringLiteral("nbf"), now);
    claims.insert(QStringLiteral("exp"), now + qMax(1, lifetime));
    claims.insert(QStringLiteral("jti"), randomToken(32));

    QJsonObject header{ { QStringLiteral("typ"), QStringLiteral("oauth-authz-req+jwt") } };
    if (!key.keyId().isEmpty())
        header.insert(QStringLiteral("kid"), key.keyId());
    Error e;
    const QByteArray jwt = Jws::sign(alg, header, QJsonDocument(claims).toJson(QJsonDocument::Compact), key, &e);
    if (e) {
        fail(error, e);
        return {};
    }
    ok(error);
    return jwt;
}

// ---- PAR -------------------------------------------------------------------------------------

HttpRequest buildPushedAuthorizationRequest(const Parameters &parameters, const EndpointContext &context, Error *error)
{
    const QUrl endpoint = context.metadata.pushedAuthorizationRequestEndpoint();
    if (!endpoint.isValid() || endpoint.isEmpty()) {
        fail(error, Error(ErrorCode::MissingEndpoint, QStringLiteral("the server has no pushed_authorization_request_endpoint")));
        return {};
    }
    // buildAuthenticatedPost adds client_id for every method that sends it in the body; for
    // the others (client_secret_basic) RFC 9126 still wants it to identify the request.
    Parameters body;
    for (const auto &p : parameters) {
        if (p.first != QLatin1String("client_id"))
            body.append(p);
    }
    const auto method = context.client.effectiveAuthMethod();
    if (method == ClientConfig::AuthMethod::ClientSecretBasic)
        body.prepend({ QStringLiteral("client_id"), context.client.clientId() });
    return buildAuthenticatedPost(endpoint, body, context, error);
}

QJsonObject processPushedAuthorizationResponse(const HttpResponse &response, Error *error)
{
    Error e;
    const QJsonObject json = processJsonResponse(response, &e, { 201 });
    if (e) {
        fail(error, e);
        return {};
    }
    QString requestUri;
    if ((e = Members::string(json, QLatin1String("request_uri"), &requestUri, Members::Presence::Required))) {
        fail(error, e);
        return {};
    }
    qint64 expiresIn = 0;
    bool present = false;
    if ((e = Members::nonNegativeInteger(json, QLatin1String("expires_in"), &expiresIn, &present,
                                         Members::Presence::Required))) {
        fail(error, e);
        return {};
    }
    if (expiresIn <= 0) {
        fail(error, Error(ErrorCode::InvalidMember, QStringLiteral("expires_in of the pushed authorization request is not positive")));
        return {};
    }
    ok(error);
    return json;
}

// ---- The authorization response ---------------------------------------------------------------

QString checkAuthorizationResponse(const Parameters &params, const CallbackExpectations &expectations, Error *error,
                                   QString *idToken)
{
    if (idToken)
        idToken->clear();
    // B10: a code-flow response carries no tokens and no unrequested JARM response (a hybrid
    // response its ID Token, and nothing else).
    for (const char *name : { "response", "id_token", "access_token" }) {
        if (expectations.hybrid && qstrcmp(name, "id_token") == 0)
            continue;
        if (has(params, QLatin1String(name))) {
            fail(error, Error(ErrorCode::UnexpectedParameter,
                              QStringLiteral("the authorization response contains \"%1\"").arg(QLatin1String(name))));
            return {};
        }
    }
    // B1-B3.
    if (!has(params, QLatin1String("state"))) {
        fail(error, Error(ErrorCode::StateMismatch, QStringLiteral("the authorization response has no state")));
        return {};
    }
    if (expectations.state.isEmpty() || !stateEquals(valueOf(params, QLatin1String("state")), expectations.state)) {
        fail(error, Error(ErrorCode::StateMismatch, QStringLiteral("the state of the authorization response differs")));
        return {};
    }
    // B4/B5 (RFC 9207), before looking at error (B6).
    if (has(params, QLatin1String("iss"))) {
        const QString iss = valueOf(params, QLatin1String("iss"));
        if (iss != expectations.issuer) {
            fail(error, Error(ErrorCode::IssuerMismatch, QStringLiteral("the authorization response's iss \"%1\" is not the issuer \"%2\"")
                                                             .arg(iss.left(200), expectations.issuer)));
            return {};
        }
    } else if (expectations.issRequired && !(expectations.hybrid && has(params, QLatin1String("id_token")))) {
        // A hybrid response carries an ID Token, whose iss identifies the issuer as well (RFC 9207
        // section 2.4; oidc-provider leaves the parameter out then): its verified iss, compared
        // with the issuer before the code is redeemed, stands in for the parameter.
        fail(error, Error(ErrorCode::IssuerMismatch,
                          QStringLiteral("the authorization response has no iss although the server announces it")));
        return {};
    }
    const bool hasCode = has(params, QLatin1String("code"));
    if (has(params, QLatin1String("error"))) {
        // B6/B7: an error wins, even beside a code (RFC 6749 4.1.2.1: the server refused; a code
        // next to it is never redeemed). B14; B13: error_uri is kept as data, never opened.
        const QUrl uri(valueOf(params, QLatin1String("error_uri")), QUrl::StrictMode);
        fail(error, Error::oauth(valueOf(params, QLatin1String("error")), valueOf(params, QLatin1String("error_description")),
                                 uri.isValid() ? uri : QUrl(), 0, ErrorCode::AuthorizationDenied));
        return {};
    }
    const QString code = valueOf(params, QLatin1String("code"));
    if (code.isEmpty()) { // B9
        fail(error, Error(ErrorCode::MissingMember, hasCode ? QStringLiteral("the authorization code is empty")
                                                            : QStringLiteral("the authorization response has neither code nor error")));
        return {};
    }
    if (expectations.hybrid) {
        const QString token = valueOf(params, QLatin1String("id_token"));
        if (token.isEmpty()) {
            fail(error, Error(ErrorCode::MissingMember, QStringLiteral("the hybrid authorization response has no id_token")));
            return {};
        }
        if (idToken)
            *idToken = token;
    }
    ok(error);
    return code;
}

QByteArray jarmResponseJwt(const Parameters &params, Error *error)
{
    if (!has(params, QLatin1String("response"))) {
        fail(error, Error(ErrorCode::MissingMember, QStringLiteral("the JARM authorization response has no response parameter")));
        return {};
    }
    for (const char *name : { "code", "state", "iss", "error", "error_description", "error_uri", "id_token", "access_token" }) {
        if (has(params, QLatin1String(name))) { // H7
            fail(error, Error(ErrorCode::UnexpectedParameter,
                              QStringLiteral("\"%1\" beside the JARM response").arg(QLatin1String(name))));
            return {};
        }
    }
    const QString jwt = valueOf(params, QLatin1String("response"));
    if (jwt.isEmpty()) {
        fail(error, Error(ErrorCode::MissingMember, QStringLiteral("the JARM response is empty")));
        return {};
    }
    ok(error);
    return jwt.toUtf8();
}

QString unverifiedJarmState(const QByteArray &jwt)
{
    const qsizetype first = jwt.indexOf('.');
    const qsizetype second = first < 0 ? -1 : jwt.indexOf('.', first + 1);
    if (second < 0)
        return {};
    bool decoded = false;
    const QByteArray payload = Base64Url::decode(jwt.mid(first + 1, second - first - 1), &decoded);
    if (!decoded)
        return {};
    const QJsonObject claims = QJsonDocument::fromJson(payload).object();
    return claims.value(QLatin1String("state")).toString();
}

JwtValidator jarmValidator(const QString &issuer, const QString &clientId, const QString &alg, const QByteArray &clientSecret,
                           const QStringList &serverAlgorithms)
{
    JwtValidator v;
    v.setAllowedAlgorithms(acceptedSigningAlgorithms(alg, serverAlgorithms, !clientSecret.isEmpty()));
    v.setExpectedIssuer(issuer);
    v.setExpectedAudience(clientId);
    v.setRequireExpiration(true);
    v.setRequiredClaims({ QStringLiteral("iss"), QStringLiteral("aud"), QStringLiteral("exp") });
    v.setSecret(clientSecret); // used only for an accepted HS* algorithm
    return v;
}

QString checkJarmClaims(const QJsonObject &claims, const CallbackExpectations &expectations, Error *error)
{
    Parameters params;
    for (auto it = claims.begin(); it != claims.end(); ++it) {
        const QString name = it.key();
        if (name == QLatin1String("aud") || name == QLatin1String("exp") || name == QLatin1String("iat")
            || name == QLatin1String("nbf"))
            continue; // checked by the JwtValidator
        if (!it->isString()) {
            fail(error, Error(ErrorCode::InvalidMember, QStringLiteral("the JARM claim \"%1\" is not a string").arg(name.left(100))));
            return {};
        }
        params.append({ name, it->toString() });
    }
    CallbackExpectations inner = expectations;
    inner.issRequired = true; // JARM responses always carry iss (H5)
    return checkAuthorizationResponse(params, inner, error);
}

} // namespace OAuth4Qt
