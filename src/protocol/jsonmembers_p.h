// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonObject>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

#include <optional>

namespace OAuth4Qt {

struct HttpResponse;

//! Typed, strict access to JSON members: every check fails with MissingMember or InvalidMember
//! and a detail naming the member (never its value).
namespace Members {

enum class Presence { Required, Optional };
enum class Emptiness { NonEmpty, AllowEmpty };

//! A string member. Required + absent -> MissingMember; non-string or (NonEmpty and "") -> InvalidMember.
OAUTH4QT_TESTS_EXPORT Error string(const QJsonObject &o, QLatin1String name, QString *out,
                                   Presence presence = Presence::Optional,
                                   Emptiness emptiness = Emptiness::NonEmpty);
//! An array of strings.
OAUTH4QT_TESTS_EXPORT Error stringArray(const QJsonObject &o, QLatin1String name, QStringList *out,
                                        Presence presence = Presence::Optional);
OAUTH4QT_TESTS_EXPORT Error boolean(const QJsonObject &o, QLatin1String name, bool *out,
                                    Presence presence = Presence::Optional);
//! 2^53 - 1: the largest integer a JSON number (an IEEE double) carries exactly.
constexpr double MaxSafeInteger = 9007199254740991.0;

/*!
    A JSON number that is a non-negative integer (or, when \a allowNumericString, a string of
    digits). NaN, negative, fractional, above MaxSafeInteger, booleans, objects -> InvalidMember.
    Values beyond \a clampMax are clamped to it. \a present tells whether the member was there.
*/
OAUTH4QT_TESTS_EXPORT Error nonNegativeInteger(const QJsonObject &o, QLatin1String name, qint64 *out,
                                               bool *present, Presence presence = Presence::Optional,
                                               qint64 clampMax = qint64(1) << 52,
                                               bool allowNumericString = false);

/*!
    A lifetime in seconds (expires_in): a JSON number or, when \a allowNumericString, a string
    of digits. Negative, fractional (below the cap), non-numeric and non-finite values ->
    InvalidMember. Any positive finite value above \a cap (whatever its size, 1e300 included) is
    clamped to \a cap: a server's absurd lifetime must not lock users out.
*/
OAUTH4QT_TESTS_EXPORT Error lifetime(const QJsonObject &o, QLatin1String name, qint64 *out, bool *present,
                                     qint64 cap, bool allowNumericString = false);

enum class UrlKind { Endpoint, Issuer };
/*!
    A URL member: absolute, https (http only with \a allowInsecureHttp), a host, no user info, no
    fragment; for Issuer also no query. Other schemes are always refused.
*/
OAUTH4QT_TESTS_EXPORT Error url(const QJsonObject &o, QLatin1String name, QUrl *out,
                                bool allowInsecureHttp, Presence presence = Presence::Optional,
                                UrlKind kind = UrlKind::Endpoint);
//! The URL rules of url() applied to a value (used for verification_uri etc.).
OAUTH4QT_TESTS_EXPORT Error checkUrlString(const QString &value, const QString &what, QUrl *out,
                                           bool allowInsecureHttp, UrlKind kind = UrlKind::Endpoint);

} // namespace Members

/*!
    The common first step of every JSON endpoint's response processing:
    - status == \a expectedStatus (or any 2xx listed in \a okStatuses) with a JSON content type
      and a body that Json::parseObject accepts -> the object;
    - 401 with WWW-Authenticate -> AuthenticationChallenge (scheme, error, error_description);
    - 4xx/5xx with a JSON object carrying a string "error" -> OAuthError (status, description,
      error_uri); with Retry-After on 429/503 -> retryAfter set;
    - 429/503 otherwise -> RateLimited; any other status -> UnexpectedStatus;
    - non-JSON content type -> InvalidContentType; unparsable -> InvalidJson.
*/
OAUTH4QT_TESTS_EXPORT QJsonObject processJsonResponse(const HttpResponse &response, Error *error,
                                                      QList<int> okStatuses = { 200 });

//! Extracts an OAuth error from an error response (JSON body or WWW-Authenticate), or a
//! status error when there is none. Used by processJsonResponse and endpoints with empty bodies.
OAUTH4QT_TESTS_EXPORT Error errorFromResponse(const HttpResponse &response);

//! True for "application/json" and "application/<x>+json".
OAUTH4QT_TESTS_EXPORT bool isJsonMimeType(const QByteArray &mimeType);

} // namespace OAuth4Qt
