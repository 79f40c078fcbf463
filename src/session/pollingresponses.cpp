// SPDX-License-Identifier: BSD-3-Clause
#include "session_p.h"

#include "protocol/jsonmembers_p.h"

namespace OAuth4Qt {

using namespace Members;

namespace {

QJsonObject fail(Error *error, const Error &e)
{
    if (error)
        *error = e;
    return {};
}

// expires_in and interval: positive JSON integers (interval: no numeric string either).
Error positiveInteger(const QJsonObject &o, QLatin1String name, qint64 *out, bool *present,
                      Presence presence, bool allowNumericString)
{
    if (Error e = nonNegativeInteger(o, name, out, present, presence, qint64(1) << 31, allowNumericString))
        return e;
    if (*present && *out <= 0)
        return Error(ErrorCode::InvalidMember, QStringLiteral("\"%1\" must be a positive integer").arg(name));
    return {};
}

// expires_in (required) and interval (optional, the default when absent) of a device
// authorization or backchannel authentication response, written back as JSON integers.
Error normalizeExpiryAndInterval(QJsonObject &json)
{
    qint64 value = 0;
    bool present = false;
    if (Error e = positiveInteger(json, QLatin1String("expires_in"), &value, &present, Presence::Required, true))
        return e;
    json.insert(QStringLiteral("expires_in"), value);
    if (Error e = positiveInteger(json, QLatin1String("interval"), &value, &present, Presence::Optional, false))
        return e;
    json.insert(QStringLiteral("interval"), present ? value : qint64(DefaultPollingInterval));
    return {};
}

} // namespace

QJsonObject processDeviceAuthorizationResponse(const HttpResponse &response, bool allowInsecureHttp, Error *error)
{
    Error e;
    QJsonObject json = processJsonResponse(response, &e);
    if (e)
        return fail(error, e);
    QString s;
    if ((e = string(json, QLatin1String("device_code"), &s, Presence::Required)))
        return fail(error, e);
    if ((e = string(json, QLatin1String("user_code"), &s, Presence::Required)))
        return fail(error, e);
    if ((e = string(json, QLatin1String("verification_uri"), &s, Presence::Required)))
        return fail(error, e);
    QUrl url;
    if ((e = checkUrlString(s, QStringLiteral("verification_uri"), &url, allowInsecureHttp)))
        return fail(error, e);
    if ((e = string(json, QLatin1String("verification_uri_complete"), &s, Presence::Optional)))
        return fail(error, e);
    if (json.contains(QLatin1String("verification_uri_complete"))
        && (e = checkUrlString(s, QStringLiteral("verification_uri_complete"), &url, allowInsecureHttp)))
        return fail(error, e);
    if ((e = normalizeExpiryAndInterval(json)))
        return fail(error, e);
    if (error)
        *error = Error();
    return json;
}

QJsonObject processBackchannelAuthenticationResponse(const HttpResponse &response, Error *error)
{
    Error e;
    QJsonObject json = processJsonResponse(response, &e);
    if (e)
        return fail(error, e);
    QString s;
    if ((e = string(json, QLatin1String("auth_req_id"), &s, Presence::Required)))
        return fail(error, e);
    if ((e = normalizeExpiryAndInterval(json)))
        return fail(error, e);
    if (error)
        *error = Error();
    return json;
}

qint64 nextPollDelay(const Error &error, int *intervalSeconds, int *networkBackoffSeconds)
{
    qint64 seconds = -1;
    const QString oauth = error.oauthError();
    if (error.code() == ErrorCode::OAuthError && oauth == QLatin1String("authorization_pending")) {
        *networkBackoffSeconds = 0;
        seconds = *intervalSeconds;
    } else if (error.code() == ErrorCode::OAuthError && oauth == QLatin1String("slow_down")) {
        *networkBackoffSeconds = 0;
        *intervalSeconds += SlowDownIncrement;
        seconds = *intervalSeconds;
    } else if (error.category() == ErrorCategory::Transport
               || (error.code() == ErrorCode::UnexpectedStatus && error.httpStatus() >= 500)) {
        // Network trouble: back off (RFC 8628 3.5 "SHOULD use an exponential backoff").
        *networkBackoffSeconds = qMin(qMax(*networkBackoffSeconds * 2, *intervalSeconds), 60);
        seconds = *intervalSeconds + *networkBackoffSeconds;
    } else {
        return -1;
    }
    if (error.retryAfter() > seconds)
        seconds = error.retryAfter();
    return seconds * 1000;
}

} // namespace OAuth4Qt
