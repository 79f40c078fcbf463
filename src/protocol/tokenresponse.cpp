// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/tokenresponse.h>
#include "protocol/sharedempty_p.h"

namespace OAuth4Qt {

class TokenResponseData : public QSharedData
{
public:
    QString accessToken;
    QString tokenType;
    qint64 expiresIn = -1;
    QDateTime expiresAt;
    QString refreshToken;
    QString scope;
    QString idToken;
    QJsonObject idTokenClaims;
    QString issuedTokenType;
    QJsonObject json;
};

TokenResponse::TokenResponse() : d(sharedEmptyData<TokenResponseData>()) {}
TokenResponse::TokenResponse(const TokenResponse &other) = default;
TokenResponse::TokenResponse(TokenResponse &&other) noexcept = default;
TokenResponse &TokenResponse::operator=(const TokenResponse &other) = default;
TokenResponse &TokenResponse::operator=(TokenResponse &&other) noexcept = default;
TokenResponse::~TokenResponse() = default;

bool TokenResponse::isNull() const { return d->accessToken.isEmpty(); }
QString TokenResponse::accessToken() const { return d->accessToken; }
QString TokenResponse::tokenType() const { return d->tokenType; }
qint64 TokenResponse::expiresIn() const { return d->expiresIn; }
QDateTime TokenResponse::expiresAt() const { return d->expiresAt; }

bool TokenResponse::isExpired(const QDateTime &now, int leewaySeconds) const
{
    return d->expiresAt.isValid() && d->expiresAt <= now.addSecs(leewaySeconds);
}

QString TokenResponse::refreshToken() const { return d->refreshToken; }
QString TokenResponse::scope() const { return d->scope; }
QString TokenResponse::idToken() const { return d->idToken; }
QJsonObject TokenResponse::idTokenClaims() const { return d->idTokenClaims; }
QString TokenResponse::issuedTokenType() const { return d->issuedTokenType; }
QJsonObject TokenResponse::toJson() const { return d->json; }

void TokenResponse::setAccessToken(const QString &token) { d->accessToken = token; }
void TokenResponse::setTokenType(const QString &type) { d->tokenType = type; }

void TokenResponse::setExpiresIn(qint64 seconds, const QDateTime &receivedAt)
{
    d->expiresIn = seconds;
    d->expiresAt = seconds < 0 ? QDateTime() : receivedAt.toUTC().addSecs(seconds);
}

void TokenResponse::setExpiresAt(const QDateTime &expiresAt) { d->expiresAt = expiresAt.toUTC(); }
void TokenResponse::setRefreshToken(const QString &token) { d->refreshToken = token; }
void TokenResponse::setScope(const QString &scope) { d->scope = scope; }
void TokenResponse::setIdToken(const QString &token) { d->idToken = token; }
void TokenResponse::setIdTokenClaims(const QJsonObject &claims) { d->idTokenClaims = claims; }
void TokenResponse::setIssuedTokenType(const QString &type) { d->issuedTokenType = type; }
void TokenResponse::setJson(const QJsonObject &json) { d->json = json; }

} // namespace OAuth4Qt
