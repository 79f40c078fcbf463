// SPDX-License-Identifier: BSD-3-Clause
// Client operations of issue 5: DPoP, resource requests, device authorization, CIBA.
#include "client_p.h"

#include "protocol/jsonmembers_p.h"
#include "protocol/tokensyntax_p.h"
#include "session/session_p.h"

#include <QtCore/QLoggingCategory>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcDpop, "oauth4qt.dpop", QtWarningMsg)

namespace {

bool sameEndpoint(const QUrl &a, const QUrl &b)
{
    if (!a.isValid() || !b.isValid())
        return false;
    return a.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment) == b.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
}

} // namespace

// ---- ClientPrivate --------------------------------------------------------------------------

void ClientPrivate::attachDPoP(HttpRequest &request, const QString &accessToken) const
{
    if (dpopKey.isNull())
        return;
    const DPoPKey key = dpopKey;
    const QByteArray method = request.method;
    const QUrl url = request.url;
    const Client::Clock clockCopy = clock;
    // A fresh proof (new jti, iat) for every attempt, with the nonce the transport holds.
    request.dpopProof = [key, method, url, accessToken, clockCopy](const QByteArray &nonce, Error *error) {
        const QDateTime now = clockCopy ? clockCopy().toUTC() : QDateTime::currentDateTimeUtc();
        return key.proof(method, url, nonce, accessToken, now, error);
    };
}

Error ClientPrivate::attachDPoPForEndpoint(HttpRequest &request) const
{
    if (dpopKey.isNull() || request.dpopProof || metadata.isNull())
        return {};
    const ServerMetadata md = requestMetadata();
    const QUrl &url = request.url;
    QString accessToken;
    bool attach = false;
    if (sameEndpoint(url, md.tokenEndpoint())
        || sameEndpoint(url, md.pushedAuthorizationRequestEndpoint())) {
        attach = true;
    } else if (dpopIntrospectionRevocation
               && (sameEndpoint(url, md.introspectionEndpoint())
                   || sameEndpoint(url, md.revocationEndpoint()))) {
        attach = true;
    } else if (sameEndpoint(url, md.userinfoEndpoint())) {
        // The access token travels in "Authorization: DPoP <token>" for a DPoP-bound token.
        QByteArray authorization;
        for (const auto &h : request.headers) {
            if (h.first.compare(QByteArrayLiteral("Authorization"), Qt::CaseInsensitive) == 0)
                authorization = h.second;
        }
        if (authorization.size() > 5 && authorization.left(5).compare(QByteArrayLiteral("DPoP "), Qt::CaseInsensitive) == 0) {
            attach = true;
            accessToken = QString::fromLatin1(authorization.mid(5).trimmed());
        }
    }
    if (!attach)
        return {};
    const QStringList supported = metadata.dpopSigningAlgValuesSupported();
    if (!supported.isEmpty() && !supported.contains(dpopKey.algorithm()))
        return Error(ErrorCode::UnsupportedAlgorithm,
                     QStringLiteral("the server does not accept DPoP proofs signed with %1 (dpop_signing_alg_values_supported)")
                         .arg(dpopKey.algorithm()));
    attachDPoP(request, accessToken);
    return {};
}

// ---- Client ---------------------------------------------------------------------------------

DPoPKey Client::dpopKey() const { return d->dpopKey; }

void Client::setDPoPKey(const DPoPKey &key)
{
    if (d->dpopKey == key)
        return;
    d->dpopKey = key;
    Q_EMIT dpopKeyChanged();
}

bool Client::isDPoPRequired() const { return d->dpopRequired; }

void Client::setDPoPRequired(bool required)
{
    if (d->dpopRequired == required)
        return;
    d->dpopRequired = required;
    Q_EMIT dpopRequiredChanged();
}

bool Client::dpopForIntrospectionAndRevocation() const { return d->dpopIntrospectionRevocation; }

void Client::setDPoPForIntrospectionAndRevocation(bool enabled)
{
    if (d->dpopIntrospectionRevocation == enabled)
        return;
    d->dpopIntrospectionRevocation = enabled;
    Q_EMIT dpopForIntrospectionAndRevocationChanged();
}

QString Client::authorizationDPoPJkt() const { return d->dpopKey.thumbprint(); }

ResourceReply *Client::resourceRequest(const QByteArray &method, const QUrl &url, const QString &accessToken,
                                       const QString &tokenType, const QByteArray &body,
                                       const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    auto *reply = new ResourceReply(this);
    ReplyPrivate *rd = ReplyPrivate::get(reply);
    const bool dpop = tokenType.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0;
    Error e;
    if (method.isEmpty() || !url.isValid() || url.isRelative())
        e = Error(ErrorCode::InvalidArgument, QStringLiteral("a resource request needs a method and an absolute URL"));
    else if (Error tokenError = checkAccessTokenForHeader(accessToken))
        e = tokenError;
    else if (!dpop && tokenType.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0)
        e = Error(ErrorCode::UnsupportedTokenType, QStringLiteral("token type \"%1\" cannot be sent").arg(tokenType.left(16)));
    else if (dpop && d->dpopKey.isNull())
        e = Error(ErrorCode::InvalidConfiguration, QStringLiteral("a DPoP-bound token needs the client's DPoP key"));
    if (!e)
        e = d->transport->checkUrl(url);
    if (e) {
        rd->finishLater(e);
        return reply;
    }
    HttpRequest request;
    request.method = method.toUpper();
    request.url = url;
    request.body = body;
    for (const auto &h : headers)
        request.headers.append(h);
    request.setHeader("Authorization", (dpop ? QByteArrayLiteral("DPoP ") : QByteArrayLiteral("Bearer ")) + accessToken.toLatin1());
    if (dpop)
        d->attachDPoP(request, accessToken);
    QPointer<ResourceReply> guard(reply);
    rd->setCall(d->transport->send(request, [guard](const HttpResponse &response, const Error &error) {
        if (!guard || guard->isFinished())
            return;
        ReplyPrivate *rd = ReplyPrivate::get(guard);
        rd->keepFinishedCall();
        if (error) {
            rd->finish(error);
            return;
        }
        guard->setResponse(response.status, response.headers, response.body);
        if (response.status >= 200 && response.status < 300)
            rd->finish();
        else
            rd->finish(errorFromResponse(response));
    }));
    return reply;
}

ResourceReply *Client::resourceRequest(const QByteArray &method, const QUrl &url, const TokenResponse &tokens,
                                       const QByteArray &body, const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    return resourceRequest(method, url, tokens.accessToken(), tokens.tokenType(), body, headers);
}

JsonReply *Client::requestDeviceAuthorization(const QString &scope, const Parameters &extra)
{
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    Parameters parameters;
    if (!scope.isEmpty())
        parameters.append({ QStringLiteral("scope"), scope });
    parameters += extra;
    d->send(
        reply,
        [this, parameters](Error *error) {
            const EndpointContext context = d->endpointContext();
            HttpRequest request = buildAuthenticatedPost(context.metadata.deviceAuthorizationEndpoint(), parameters,
                                                         context, error);
            // RFC 9449: no proof on the device authorization request. An explicit no-op proof
            // is not possible, so keep the hook unset (attachDPoPForEndpoint only matches the
            // token/PAR/UserInfo/introspection/revocation endpoints).
            return request;
        },
        [this, guard](const HttpResponse &response) {
            Error error;
            const QJsonObject result = processDeviceAuthorizationResponse(response, d->transport->allowInsecureHttp(), &error);
            if (!error)
                guard->setResult(result);
            ReplyPrivate::get(guard)->finish(error);
        });
    return reply;
}

JsonReply *Client::requestBackchannelAuthentication(const Parameters &parameters)
{
    auto *reply = new JsonReply(this);
    QPointer<JsonReply> guard(reply);
    int hints = 0;
    for (const auto &p : parameters) {
        if (p.first == QLatin1String("login_hint") || p.first == QLatin1String("id_token_hint")
            || p.first == QLatin1String("login_hint_token"))
            ++hints;
    }
    if (hints != 1) {
        ReplyPrivate::get(reply)->finishLater(Error(ErrorCode::InvalidArgument,
            QStringLiteral("exactly one of login_hint, id_token_hint and login_hint_token is required")));
        return reply;
    }
    d->send(
        reply,
        [this, parameters](Error *error) {
            const EndpointContext context = d->endpointContext();
            return buildAuthenticatedPost(context.metadata.backchannelAuthenticationEndpoint(), parameters, context, error);
        },
        [guard](const HttpResponse &response) {
            Error error;
            const QJsonObject result = processBackchannelAuthenticationResponse(response, &error);
            if (!error)
                guard->setResult(result);
            ReplyPrivate::get(guard)->finish(error);
        });
    return reply;
}

// ---- ResourceReply --------------------------------------------------------------------------

ResourceReply::ResourceReply(QObject *parent) : Reply(parent) {}
int ResourceReply::status() const { return m_status; }
ResourceReply::Headers ResourceReply::headers() const { return m_headers; }
QByteArray ResourceReply::body() const { return m_body; }

QByteArray ResourceReply::header(const QByteArray &name) const
{
    for (const auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

void ResourceReply::setResponse(int status, const Headers &headers, const QByteArray &body)
{
    m_status = status;
    m_headers = headers;
    m_body = body;
}

} // namespace OAuth4Qt
