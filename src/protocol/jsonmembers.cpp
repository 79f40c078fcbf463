// SPDX-License-Identifier: BSD-3-Clause
#include "jsonmembers_p.h"

#include "transport/httptransport_p.h"

#include <oauth4qt/json.h>

#include <cmath>

namespace OAuth4Qt {
namespace Members {

namespace {
Error missing(QLatin1String name)
{
    return Error(ErrorCode::MissingMember, QStringLiteral("\"%1\" is missing").arg(name));
}
Error invalid(QLatin1String name, const QString &why)
{
    return Error(ErrorCode::InvalidMember, QStringLiteral("\"%1\" %2").arg(name, why));
}
} // namespace

Error string(const QJsonObject &o, QLatin1String name, QString *out, Presence presence, Emptiness emptiness)
{
    const auto it = o.constFind(name);
    if (it == o.constEnd())
        return presence == Presence::Required ? missing(name) : Error();
    if (!it->isString())
        return invalid(name, QStringLiteral("must be a string"));
    const QString v = it->toString();
    if (v.isEmpty() && emptiness == Emptiness::NonEmpty)
        return invalid(name, QStringLiteral("must not be empty"));
    if (out)
        *out = v;
    return {};
}

Error stringArray(const QJsonObject &o, QLatin1String name, QStringList *out, Presence presence)
{
    const auto it = o.constFind(name);
    if (it == o.constEnd())
        return presence == Presence::Required ? missing(name) : Error();
    if (!it->isArray())
        return invalid(name, QStringLiteral("must be an array of strings"));
    QStringList result;
    const QJsonArray array = it->toArray();
    for (const QJsonValue &v : array) {
        if (!v.isString())
            return invalid(name, QStringLiteral("must be an array of strings"));
        result.append(v.toString());
    }
    if (out)
        *out = result;
    return {};
}

Error boolean(const QJsonObject &o, QLatin1String name, bool *out, Presence presence)
{
    const auto it = o.constFind(name);
    if (it == o.constEnd())
        return presence == Presence::Required ? missing(name) : Error();
    if (!it->isBool())
        return invalid(name, QStringLiteral("must be a boolean"));
    if (out)
        *out = it->toBool();
    return {};
}

Error nonNegativeInteger(const QJsonObject &o, QLatin1String name, qint64 *out, bool *present,
                         Presence presence, qint64 clampMax, bool allowNumericString)
{
    if (present)
        *present = false;
    const auto it = o.constFind(name);
    if (it == o.constEnd())
        return presence == Presence::Required ? missing(name) : Error();
    double value = 0;
    if (it->isDouble()) {
        value = it->toDouble();
    } else if (allowNumericString && it->isString()) {
        const QString s = it->toString();
        if (s.isEmpty() || s.size() > 20)
            return invalid(name, QStringLiteral("must be a non-negative integer"));
        for (QChar c : s) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return invalid(name, QStringLiteral("must be a non-negative integer"));
        }
        value = s.toDouble();
    } else {
        return invalid(name, QStringLiteral("must be a number"));
    }
    if (!std::isfinite(value) || value < 0 || std::floor(value) != value)
        return invalid(name, QStringLiteral("must be a non-negative integer"));
    // K7: above 2^53 - 1 a JSON number is no longer an exact integer (the parser has already
    // rounded it): refused rather than silently taken as another value.
    if (value > MaxSafeInteger)
        return invalid(name, QStringLiteral("is larger than 2^53 - 1"));
    if (out)
        *out = value > double(clampMax) ? clampMax : qint64(value);
    if (present)
        *present = true;
    return {};
}

Error lifetime(const QJsonObject &o, QLatin1String name, qint64 *out, bool *present, qint64 cap,
               bool allowNumericString)
{
    if (present)
        *present = false;
    const auto it = o.constFind(name);
    if (it == o.constEnd())
        return {};
    double value = 0;
    if (it->isDouble()) {
        value = it->toDouble();
    } else if (allowNumericString && it->isString()) {
        const QString s = it->toString();
        // Digits only; a long run of digits is a huge but finite number (clamped below), and
        // more than 309 digits overflows a double (refused as not finite).
        if (s.isEmpty() || s.size() > 400)
            return invalid(name, QStringLiteral("must be a non-negative integer"));
        for (QChar c : s) {
            if (c < QLatin1Char('0') || c > QLatin1Char('9'))
                return invalid(name, QStringLiteral("must be a non-negative integer"));
        }
        value = s.toDouble();
    } else {
        return invalid(name, QStringLiteral("must be a number"));
    }
    if (!std::isfinite(value) || value < 0)
        return invalid(name, QStringLiteral("must be a finite non-negative number"));
    if (value > double(cap)) {
        value = double(cap);
    } else if (std::floor(value) != value) {
        return invalid(name, QStringLiteral("must be a non-negative integer"));
    }
    if (out)
        *out = qint64(value);
    if (present)
        *present = true;
    return {};
}

Error checkUrlString(const QString &value, const QString &what, QUrl *out, bool allowInsecureHttp,
                     UrlKind kind)
{
    const QUrl u = QUrl::fromEncoded(value.toUtf8(), QUrl::StrictMode);
    if (value.isEmpty() || !u.isValid() || u.isRelative() || u.host().isEmpty())
        return Error(ErrorCode::InvalidMember, QStringLiteral("%1 is not an absolute URL").arg(what));
    const QString scheme = u.scheme();
    if (scheme == QLatin1String("http")) {
        if (!allowInsecureHttp)
            return Error(ErrorCode::InvalidMember, QStringLiteral("%1 uses http:// but only https:// is allowed").arg(what));
        if (!insecureHttpAllowed(u, allowInsecureHttp))
            return Error(ErrorCode::InvalidMember,
                         QStringLiteral("%1 uses http:// with a host that is not loopback (only https:// is allowed)").arg(what));
    } else if (scheme != QLatin1String("https")) {
        return Error(ErrorCode::InvalidMember, QStringLiteral("%1 has the unsupported scheme %2:").arg(what, scheme.left(16)));
    }
    if (u.hasFragment())
        return Error(ErrorCode::InvalidMember, QStringLiteral("%1 must not have a fragment").arg(what));
    if (!u.userInfo().isEmpty())
        return Error(ErrorCode::InvalidMember, QStringLiteral("%1 must not carry user info").arg(what));
    if (kind == UrlKind::Issuer && u.hasQuery())
        return Error(ErrorCode::InvalidMember, QStringLiteral("%1 must not have a query").arg(what));
    if (out)
        *out = u;
    return {};
}

Error url(const QJsonObject &o, QLatin1String name, QUrl *out, bool allowInsecureHttp, Presence presence,
          UrlKind kind)
{
    QString s;
    if (Error e = string(o, name, &s, presence))
        return e;
    if (s.isNull())
        return {};
    return checkUrlString(s, QStringLiteral("\"%1\"").arg(name), out, allowInsecureHttp, kind);
}

} // namespace Members

bool isJsonMimeType(const QByteArray &mimeType)
{
    return mimeType == "application/json"
        || (mimeType.startsWith("application/") && mimeType.endsWith("+json"));
}

Error errorFromResponse(const HttpResponse &response)
{
    const int status = response.status;
    // A WWW-Authenticate challenge on 401 (RFC 6750 section 3, RFC 9449 section 7.1).
    if (status == 401) {
        const QList<QByteArray> values = response.headerValues("www-authenticate");
        if (!values.isEmpty()) {
            const QList<AuthChallenge> challenges = parseWwwAuthenticate(values);
            AuthChallenge chosen;
            for (const AuthChallenge &c : challenges) {
                if (c.params.contains("error")) {
                    chosen = c;
                    break;
                }
                if (chosen.scheme.isEmpty())
                    chosen = c;
            }
            QString oauthError = QString::fromUtf8(chosen.params.value("error"));
            QString description = QString::fromUtf8(chosen.params.value("error_description"));
            QUrl uri = QUrl(QString::fromUtf8(chosen.params.value("error_uri")));
            // An error body may say more than the challenge (e.g. invalid_client).
            if (oauthError.isEmpty() && isJsonMimeType(response.mimeType())) {
                const QJsonObject body = Json::parseObject(response.body);
                if (body.value(QLatin1String("error")).isString()) {
                    oauthError = body.value(QLatin1String("error")).toString();
                    description = body.value(QLatin1String("error_description")).toString();
                }
            }
            Error e = Error::oauth(oauthError, description, uri, status, ErrorCode::AuthenticationChallenge);
            e.setChallengeScheme(QString::fromLatin1(chosen.scheme));
            return e;
        }
    }
    const int retryAfter = response.retryAfterSeconds();
    if (status >= 400 && isJsonMimeType(response.mimeType())) {
        Error parseError;
        const QJsonObject body = Json::parseObject(response.body, &parseError);
        if (!parseError && body.value(QLatin1String("error")).isString()
            && !body.value(QLatin1String("error")).toString().isEmpty()) {
            const QJsonValue desc = body.value(QLatin1String("error_description"));
            const QJsonValue uri = body.value(QLatin1String("error_uri"));
            Error e = Error::oauth(body.value(QLatin1String("error")).toString(),
                                   desc.isString() ? desc.toString() : QString(),
                                   uri.isString() ? QUrl(uri.toString()) : QUrl(), status);
            e.setRetryAfter(retryAfter);
            return e;
        }
    }
    if (status == 429 || status == 503) {
        Error e(ErrorCode::RateLimited);
        e.setHttpStatus(status);
        e.setRetryAfter(retryAfter);
        return e;
    }
    Error e(ErrorCode::UnexpectedStatus);
    e.setHttpStatus(status);
    return e;
}

QJsonObject processJsonResponse(const HttpResponse &response, Error *error, QList<int> okStatuses)
{
    Error e;
    QJsonObject result;
    if (!okStatuses.contains(response.status)) {
        e = errorFromResponse(response);
    } else if (!isJsonMimeType(response.mimeType())) {
        e = Error(ErrorCode::InvalidContentType,
                  QStringLiteral("expected application/json, got \"%1\"")
                      .arg(QString::fromLatin1(response.mimeType().left(64))));
        e.setHttpStatus(response.status);
    } else {
        result = Json::parseObject(response.body, &e);
        if (e)
            e.setHttpStatus(response.status);
    }
    if (error)
        *error = e;
    return e ? QJsonObject() : result;
}

} // namespace OAuth4Qt
