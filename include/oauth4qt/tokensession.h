// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/error.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/resourcereply.h>
#include <oauth4qt/tokenresponse.h>
#include <oauth4qt/tokenstore.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qobject.h>

#include <memory>

namespace OAuth4Qt {

class TokenSessionPrivate;

/*!
    \class OAuth4Qt::TokenSession
    Holds an application's tokens after sign-in and keeps them fresh.

    - setTokens() after a sign-in flow (or restore() from a TokenStore at start);
    - expiresAt() in UTC; with autoRefresh (default on) the refresh token is used refreshLeadTime
      seconds (default 60) before expiry, or at half the token's lifetime when that is shorter;
      automatic refreshes are at least 10 s apart, a failed one is retried with exponential
      back-off (10 s doubling to 10 min, or the server's Retry-After, at most a day);
      nextRefreshAt() tells when the next one is due (docs/token-session.md);
    - setTokens() and endSession() drop a refresh under way: its result is never applied;
    - the schedule runs on the client's clock; a TestClock attached to the client drives it;
    - freshAccessToken() hands out a TokenReply with a currently valid access token: when a
      refresh is needed, any number of concurrent callers share exactly one refresh request;
    - refresh-token rotation: a new refresh_token replaces the old one, none keeps it; an ID
      Token's iss/sub must stay the same;
    - invalid_grant (or another final refusal of the refresh token) ends the session: tokens
      are dropped, the store entry removed, sessionEnded() emitted; nothing retries in a loop;
    - with a store(), every change is saved (refresh token, access token, DPoP key of the
      client) and endSession() removes it. The blob is a secret; the store keeps it (the OS
      keychain with KeychainTokenStore).

    The access token itself is not a property (it should not end up in bindings or logs): read
    it with accessToken() or, better, freshAccessToken().
*/
class OAUTH4QT_EXPORT TokenSession : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::Client *client READ client WRITE setClient NOTIFY clientChanged FINAL)
    Q_PROPERTY(OAuth4Qt::TokenStore *store READ store WRITE setStore NOTIFY storeChanged FINAL)
    Q_PROPERTY(QString storeKey READ storeKey WRITE setStoreKey NOTIFY storeKeyChanged FINAL)
    Q_PROPERTY(bool active READ isActive NOTIFY tokensChanged FINAL)
    Q_PROPERTY(bool valid READ isValid NOTIFY validChanged FINAL)
    Q_PROPERTY(QDateTime expiresAt READ expiresAt NOTIFY tokensChanged FINAL)
    Q_PROPERTY(QString scope READ scope NOTIFY tokensChanged FINAL)
    Q_PROPERTY(QString tokenType READ tokenType NOTIFY tokensChanged FINAL)
    Q_PROPERTY(bool hasRefreshToken READ hasRefreshToken NOTIFY tokensChanged FINAL)
    // Not FINAL: the QML module overrides it with a QVariantMap twin that QML tooling can type.
    Q_PROPERTY(QJsonObject idTokenClaims READ idTokenClaims NOTIFY tokensChanged)
    Q_PROPERTY(bool refreshing READ isRefreshing NOTIFY refreshingChanged FINAL)
    Q_PROPERTY(QDateTime nextRefreshAt READ nextRefreshAt NOTIFY nextRefreshAtChanged FINAL)
    Q_PROPERTY(bool autoRefresh READ autoRefresh WRITE setAutoRefresh NOTIFY autoRefreshChanged FINAL)
    Q_PROPERTY(int refreshLeadTime READ refreshLeadTime WRITE setRefreshLeadTime NOTIFY refreshLeadTimeChanged FINAL)
    Q_PROPERTY(OAuth4Qt::Error lastError READ lastError NOTIFY lastErrorChanged FINAL)

public:
    explicit TokenSession(QObject *parent = nullptr);
    explicit TokenSession(Client *client, QObject *parent = nullptr);
    ~TokenSession() override;

    Client *client() const;
    void setClient(Client *client);
    TokenStore *store() const;
    void setStore(TokenStore *store);
    //! The entry name in the store. Default "session".
    QString storeKey() const;
    void setStoreKey(const QString &key);

    //! Starts (or replaces) the session with \a tokens from a sign-in; saved to the store. A
    //! refresh under way is dropped (its result never overwrites \a tokens).
    void setTokens(const TokenResponse &tokens);
    TokenResponse tokens() const;

    //! Tokens are held (an access token or a refresh token).
    bool isActive() const;
    //! An access token is held and not expired (per the client's clock).
    bool isValid() const;
    QDateTime expiresAt() const;
    QString scope() const;
    QString tokenType() const;
    bool hasRefreshToken() const;
    QJsonObject idTokenClaims() const;
    bool isRefreshing() const;
    /*!
        When the next automatic refresh is due (UTC, on the client's clock): refreshLeadTime
        before expiry (at most half the lifetime), the back-off time after a failure. Invalid
        when none is scheduled: autoRefresh off, no refresh token or expiry, a refresh under
        way, no session.
    */
    QDateTime nextRefreshAt() const;
    Error lastError() const;

    bool autoRefresh() const;
    void setAutoRefresh(bool enabled);
    //! Seconds before expiry at which the token counts as due for refresh. Default 60. For a
    //! token whose lifetime is shorter than twice this, half its lifetime is used instead.
    int refreshLeadTime() const;
    void setRefreshLeadTime(int seconds);

    //! The current access token (may be expired; prefer freshAccessToken()).
    Q_INVOKABLE QString accessToken() const;

    /*!
        A reply that finishes with tokens whose access token is valid for at least
        refreshLeadTime more seconds (half the lifetime for short-lived tokens): at once (asynchronously) when the current one is, otherwise
        after the refresh it joins or starts. Concurrent callers share one refresh request.
        Fails with InvalidState when there is nothing to refresh with, and with the refresh
        error otherwise. The reply is a child of the session: deleteLater() it.
    */
    TokenReply *freshAccessToken();

    /*!
        A request to a protected resource with a fresh access token (freshAccessToken(), then
        Client::resourceRequest() with the token type as issued: Bearer, or DPoP with a proof of
        the client's key). Fails with the refresh error when no fresh token can be had. The
        reply is a child of the session.
    */
    ResourceReply *resourceRequest(const QByteArray &method, const QUrl &url, const QByteArray &body = {},
                                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});

    //! Loads the session from store(); restored() tells the outcome.
    Q_INVOKABLE void restore();

public Q_SLOTS:
    //! Refreshes now (joins a refresh under way).
    void refresh();
    //! Drops the tokens (and a refresh under way) and removes the stored session;
    //! sessionEnded() with no error.
    void endSession();

Q_SIGNALS:
    void clientChanged();
    void storeChanged();
    void storeKeyChanged();
    //! The tokens changed (sign-in, refresh, restore, end).
    void tokensChanged();
    void validChanged();
    void refreshingChanged();
    void nextRefreshAtChanged();
    void autoRefreshChanged();
    void refreshLeadTimeChanged();
    void lastErrorChanged();
    //! A refresh succeeded.
    void refreshed();
    //! A refresh failed without ending the session (network trouble, ...): tokens are kept.
    void refreshFailed(const OAuth4Qt::Error &error);
    //! The session ended: \a reason is the refresh error (invalid_grant, ...) or no error after endSession().
    void sessionEnded(const OAuth4Qt::Error &reason);
    //! restore() finished: \a found tells whether a session was loaded.
    void restored(bool found, const OAuth4Qt::Error &error);

private:
    friend class TokenSessionPrivate;
    std::unique_ptr<TokenSessionPrivate> const d;
};

} // namespace OAuth4Qt
