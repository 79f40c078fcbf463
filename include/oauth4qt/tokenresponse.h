// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

namespace OAuth4Qt {

class TokenResponseData;

/*!
    \class OAuth4Qt::TokenResponse
    A validated token endpoint response (RFC 6749 5.1, RFC 8693 2.2.1, OpenID Connect 3.1.3.3).

    token_type is normalised ("Bearer", "DPoP", "N_A"); expiresAt() is a UTC time computed from
    expires_in when the response was received; idTokenClaims() holds the claims of the validated
    ID Token when one came back. toJson() returns every member as received (including unknown
    ones). The token values are secrets: never log them.
*/
class OAUTH4QT_EXPORT TokenResponse
{
    Q_GADGET
    Q_PROPERTY(bool isNull READ isNull CONSTANT FINAL)
    Q_PROPERTY(QString accessToken READ accessToken CONSTANT FINAL)
    Q_PROPERTY(QString tokenType READ tokenType CONSTANT FINAL)
    Q_PROPERTY(QDateTime expiresAt READ expiresAt CONSTANT FINAL)
    Q_PROPERTY(QString refreshToken READ refreshToken CONSTANT FINAL)
    Q_PROPERTY(QString scope READ scope CONSTANT FINAL)
    Q_PROPERTY(QString idToken READ idToken CONSTANT FINAL)
    Q_PROPERTY(QJsonObject idTokenClaims READ idTokenClaims CONSTANT FINAL)
    Q_PROPERTY(QString issuedTokenType READ issuedTokenType CONSTANT FINAL)
public:
    TokenResponse();
    TokenResponse(const TokenResponse &other);
    TokenResponse(TokenResponse &&other) noexcept;
    TokenResponse &operator=(const TokenResponse &other);
    TokenResponse &operator=(TokenResponse &&other) noexcept;
    ~TokenResponse();

    bool isNull() const;

    QString accessToken() const;
    QString tokenType() const;
    bool isDPoPBound() const { return tokenType() == QLatin1String("DPoP"); }
    //! expires_in as received (seconds), -1 when absent.
    qint64 expiresIn() const;
    //! UTC expiry; invalid when the server did not say.
    QDateTime expiresAt() const;
    //! True when expiresAt() is valid and not later than \a now plus \a leewaySeconds.
    bool isExpired(const QDateTime &now = QDateTime::currentDateTimeUtc(), int leewaySeconds = 0) const;
    QString refreshToken() const;
    //! The granted scope: the response's "scope", or the requested scope when absent (RFC 6749 5.1).
    QString scope() const;
    QString idToken() const;
    QJsonObject idTokenClaims() const;
    QString issuedTokenType() const;
    //! Every member as received.
    QJsonObject toJson() const;

    // Setters, used by the library's response processing and by token storage.
    void setAccessToken(const QString &token);
    void setTokenType(const QString &type);
    void setExpiresIn(qint64 seconds, const QDateTime &receivedAt);
    void setExpiresAt(const QDateTime &expiresAt);
    void setRefreshToken(const QString &token);
    void setScope(const QString &scope);
    void setIdToken(const QString &token);
    void setIdTokenClaims(const QJsonObject &claims);
    void setIssuedTokenType(const QString &type);
    void setJson(const QJsonObject &json);

private:
    QSharedDataPointer<TokenResponseData> d;
};

} // namespace OAuth4Qt

Q_DECLARE_METATYPE(OAuth4Qt::TokenResponse)
