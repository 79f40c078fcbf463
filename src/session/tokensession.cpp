// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/dpop.h>
#include <oauth4qt/json.h>
#include <oauth4qt/tokensession.h>

#include "core/client_p.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcSession, "oauth4qt.session", QtWarningMsg)

namespace {
constexpr qint64 MaxTimerMs = qint64(24) * 3600 * 1000;
constexpr int TransientRetrySeconds = 30;
} // namespace

class TokenSessionPrivate
{
public:
    explicit TokenSessionPrivate(TokenSession *qq) : q(qq) {}

    TokenSession *q;
    QPointer<Client> client;
    QPointer<TokenStore> store;
    QString storeKey = QStringLiteral("session");
    TokenResponse tokens;
    bool autoRefresh = true;
    int leadTime = 60;
    Error lastError;
    bool lastValid = false;
    QPointer<TokenReply> refreshReply;
    QList<QPointer<TokenReply>> waiters;
    QTimer refreshTimer;
    QTimer expiryTimer;

    QDateTime now() const { return client ? client->currentTime() : QDateTime::currentDateTimeUtc(); }

    bool accessTokenUsable(int leewaySeconds) const
    {
        if (tokens.accessToken().isEmpty())
            return false;
        return !tokens.isExpired(now(), leewaySeconds);
    }

    void setLastError(const Error &e)
    {
        if (lastError == e)
            return;
        lastError = e;
        Q_EMIT q->lastErrorChanged();
    }

    void updateValid()
    {
        const bool v = q->isValid();
        if (v != lastValid) {
            lastValid = v;
            Q_EMIT q->validChanged();
        }
    }

    static int clampMs(qint64 ms) { return int(qBound<qint64>(0, ms, MaxTimerMs)); }

    void schedule()
    {
        refreshTimer.stop();
        expiryTimer.stop();
        const QDateTime expiresAt = tokens.expiresAt();
        if (!expiresAt.isValid() || tokens.accessToken().isEmpty())
            return;
        const qint64 untilExpiry = now().msecsTo(expiresAt);
        if (untilExpiry > 0)
            expiryTimer.start(clampMs(untilExpiry + 1));
        if (autoRefresh && !tokens.refreshToken().isEmpty())
            refreshTimer.start(clampMs(untilExpiry - qint64(leadTime) * 1000));
    }

    void onRefreshTimer()
    {
        if (!accessTokenUsable(leadTime))
            startRefresh();
        else
            schedule(); // a timer capped at 24 h fired early
    }

    void apply(const TokenResponse &t, bool save)
    {
        tokens = t;
        schedule();
        Q_EMIT q->tokensChanged();
        updateValid();
        if (save)
            saveToStore();
    }

    QByteArray blob() const
    {
        QJsonObject o{ { QStringLiteral("version"), 1 } };
        auto put = [&o](const char *name, const QString &value) {
            if (!value.isEmpty())
                o.insert(QLatin1String(name), value);
        };
        put("access_token", tokens.accessToken());
        put("token_type", tokens.tokenType());
        put("refresh_token", tokens.refreshToken());
        put("scope", tokens.scope());
        put("id_token", tokens.idToken());
        if (tokens.expiresAt().isValid())
            o.insert(QStringLiteral("expires_at"), tokens.expiresAt().toSecsSinceEpoch());
        if (!tokens.idTokenClaims().isEmpty())
            o.insert(QStringLiteral("id_token_claims"), tokens.idTokenClaims());
        if (client && !client->dpopKey().isNull())
            o.insert(QStringLiteral("dpop_jwk"), client->dpopKey().toJson());
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

    void saveToStore()
    {
        if (!store)
            return;
        QPointer<TokenSession> guard(q);
        store->save(storeKey, blob(), [guard](const Error &e) {
            if (guard && e) {
                qCWarning(lcSession) << "saving the session failed:" << e;
                guard->d->setLastError(e);
            }
        });
    }

    void removeFromStore()
    {
        if (!store)
            return;
        QPointer<TokenSession> guard(q);
        store->remove(storeKey, [guard](const Error &e) {
            if (guard && e)
                guard->d->setLastError(e);
        });
    }

    void finishWaiters(const TokenResponse &t, const Error &e)
    {
        const auto list = std::exchange(waiters, {});
        for (const QPointer<TokenReply> &w : list) {
            if (!w || w->isFinished())
                continue;
            if (!e)
                w->setTokens(t);
            ReplyPrivate::get(w)->finish(e);
        }
    }

    void setRefreshing(bool on)
    {
        Q_EMIT q->refreshingChanged();
        Q_UNUSED(on);
    }

    void startRefresh()
    {
        if (refreshReply)
            return;
        Error e;
        if (!client)
            e = Error(ErrorCode::InvalidConfiguration, QStringLiteral("the session has no client"));
        else if (tokens.refreshToken().isEmpty())
            e = Error(ErrorCode::InvalidState, QStringLiteral("no refresh token"));
        if (e) {
            setLastError(e);
            finishWaiters({}, e);
            return;
        }
        TokenExpectations expectations;
        expectations.requestedScope = tokens.scope();
        expectations.previousIdTokenIssuer = tokens.idTokenClaims().value(QLatin1String("iss")).toString();
        expectations.previousIdTokenSubject = tokens.idTokenClaims().value(QLatin1String("sub")).toString();
        TokenReply *reply = ClientPrivate::get(client)->tokenRequest(
            GrantType::refreshToken(), { { QStringLiteral("refresh_token"), tokens.refreshToken() } }, expectations);
        refreshReply = reply;
        qCDebug(lcSession) << "refreshing";
        QObject::connect(reply, &Reply::finished, q, [this, reply] { onRefreshFinished(reply); });
        setRefreshing(true);
    }

    void onRefreshFinished(TokenReply *reply)
    {
        reply->deleteLater();
        if (reply != refreshReply)
            return;
        refreshReply = nullptr;
        setRefreshing(false);
        Error e = reply->error();
        TokenResponse fresh = reply->tokens();
        if (!e) {
            // C13: the ID Token's iss/sub must not change on refresh.
            const QJsonObject before = tokens.idTokenClaims();
            const QJsonObject after = fresh.idTokenClaims();
            if (!before.isEmpty() && !after.isEmpty()) {
                if (before.value(QLatin1String("iss")) != after.value(QLatin1String("iss")))
                    e = Error(ErrorCode::IssuerMismatch, QStringLiteral("the refreshed ID Token has another issuer"));
                else if (before.value(QLatin1String("sub")) != after.value(QLatin1String("sub")))
                    e = Error(ErrorCode::SubjectMismatch, QStringLiteral("the refreshed ID Token has another subject"));
                if (e) {
                    end(e);
                    return;
                }
            }
            // Rotation: a new refresh token replaces the old one; none keeps it.
            if (fresh.refreshToken().isEmpty())
                fresh.setRefreshToken(tokens.refreshToken());
            if (fresh.idToken().isEmpty() && !tokens.idToken().isEmpty()) {
                fresh.setIdToken(tokens.idToken());
                fresh.setIdTokenClaims(tokens.idTokenClaims());
            }
            setLastError(Error());
            apply(fresh, true);
            Q_EMIT q->refreshed();
            finishWaiters(fresh, Error());
            return;
        }
        setLastError(e);
        if (e.code() == ErrorCode::Cancelled) {
            finishWaiters({}, e);
            return;
        }
        if (e.code() == ErrorCode::OAuthError && e.oauthError() == QLatin1String("invalid_grant")) {
            end(e);
            return;
        }
        qCDebug(lcSession) << "refresh failed:" << e;
        finishWaiters({}, e);
        Q_EMIT q->refreshFailed(e);
        // Retry transient failures later (never immediately: no loop).
        if (autoRefresh && e.category() == ErrorCategory::Transport)
            refreshTimer.start(qMax(TransientRetrySeconds, e.retryAfter()) * 1000);
    }

    void end(const Error &reason)
    {
        refreshTimer.stop();
        expiryTimer.stop();
        if (refreshReply) {
            TokenReply *r = refreshReply;
            refreshReply = nullptr;
            r->abort();
            r->deleteLater();
            setRefreshing(false);
        }
        const bool had = !tokens.isNull();
        tokens = TokenResponse();
        removeFromStore();
        finishWaiters({}, reason ? reason : Error(ErrorCode::InvalidState, QStringLiteral("the session ended")));
        if (had)
            Q_EMIT q->tokensChanged();
        updateValid();
        Q_EMIT q->sessionEnded(reason);
    }
};

TokenSession::TokenSession(QObject *parent) : TokenSession(nullptr, parent) {}

TokenSession::TokenSession(Client *client, QObject *parent) : QObject(parent), d(new TokenSessionPrivate(this))
{
    d->client = client;
    d->refreshTimer.setSingleShot(true);
    d->expiryTimer.setSingleShot(true);
    connect(&d->refreshTimer, &QTimer::timeout, this, [this] { d->onRefreshTimer(); });
    connect(&d->expiryTimer, &QTimer::timeout, this, [this] { d->updateValid(); });
}

TokenSession::~TokenSession()
{
    if (d->refreshReply)
        d->refreshReply->deleteLater();
}

Client *TokenSession::client() const { return d->client; }

void TokenSession::setClient(Client *client)
{
    if (d->client == client)
        return;
    d->client = client;
    Q_EMIT clientChanged();
}

TokenStore *TokenSession::store() const { return d->store; }

void TokenSession::setStore(TokenStore *store)
{
    if (d->store == store)
        return;
    d->store = store;
    Q_EMIT storeChanged();
}

QString TokenSession::storeKey() const { return d->storeKey; }

void TokenSession::setStoreKey(const QString &key)
{
    if (d->storeKey == key)
        return;
    d->storeKey = key;
    Q_EMIT storeKeyChanged();
}

void TokenSession::setTokens(const TokenResponse &tokens)
{
    d->setLastError(Error());
    d->apply(tokens, true);
}

TokenResponse TokenSession::tokens() const { return d->tokens; }
bool TokenSession::isActive() const { return !d->tokens.accessToken().isEmpty() || !d->tokens.refreshToken().isEmpty(); }
bool TokenSession::isValid() const { return d->accessTokenUsable(0); }
QDateTime TokenSession::expiresAt() const { return d->tokens.expiresAt(); }
QString TokenSession::scope() const { return d->tokens.scope(); }
QString TokenSession::tokenType() const { return d->tokens.tokenType(); }
bool TokenSession::hasRefreshToken() const { return !d->tokens.refreshToken().isEmpty(); }
QJsonObject TokenSession::idTokenClaims() const { return d->tokens.idTokenClaims(); }
bool TokenSession::isRefreshing() const { return !d->refreshReply.isNull(); }
Error TokenSession::lastError() const { return d->lastError; }
bool TokenSession::autoRefresh() const { return d->autoRefresh; }

void TokenSession::setAutoRefresh(bool enabled)
{
    if (d->autoRefresh == enabled)
        return;
    d->autoRefresh = enabled;
    d->schedule();
    Q_EMIT autoRefreshChanged();
}

int TokenSession::refreshLeadTime() const { return d->leadTime; }

void TokenSession::setRefreshLeadTime(int seconds)
{
    seconds = qMax(0, seconds);
    if (d->leadTime == seconds)
        return;
    d->leadTime = seconds;
    d->schedule();
    Q_EMIT refreshLeadTimeChanged();
}

QString TokenSession::accessToken() const { return d->tokens.accessToken(); }

TokenReply *TokenSession::freshAccessToken()
{
    auto *reply = new TokenReply(this);
    if (d->accessTokenUsable(d->leadTime) && !d->refreshReply) {
        reply->setTokens(d->tokens);
        ReplyPrivate::get(reply)->finishLater(Error());
        return reply;
    }
    if (!d->refreshReply && (d->tokens.refreshToken().isEmpty() || !d->client)) {
        ReplyPrivate::get(reply)->finishLater(
            d->client ? Error(ErrorCode::InvalidState, QStringLiteral("no valid access token and no refresh token"))
                      : Error(ErrorCode::InvalidConfiguration, QStringLiteral("the session has no client")));
        return reply;
    }
    d->waiters.append(reply);
    d->startRefresh();
    return reply;
}

void TokenSession::refresh()
{
    d->startRefresh();
}

void TokenSession::endSession()
{
    d->end(Error());
}

void TokenSession::restore()
{
    if (!d->store) {
        QMetaObject::invokeMethod(this, [this] {
            Q_EMIT restored(false, Error(ErrorCode::InvalidConfiguration, QStringLiteral("the session has no store")));
        }, Qt::QueuedConnection);
        return;
    }
    QPointer<TokenSession> guard(this);
    d->store->load(d->storeKey, [guard](const QByteArray &data, const Error &error) {
        if (!guard)
            return;
        TokenSession *q = guard;
        if (error) {
            q->d->setLastError(error);
            Q_EMIT q->restored(false, error);
            return;
        }
        if (data.isEmpty()) {
            Q_EMIT q->restored(false, Error());
            return;
        }
        Error e;
        const QJsonObject o = Json::parseObject(data, &e);
        if (!e && o.value(QLatin1String("version")).toInt() != 1)
            e = Error(ErrorCode::InvalidMember, QStringLiteral("unknown stored session version"));
        if (e) {
            q->d->setLastError(e);
            Q_EMIT q->restored(false, e);
            return;
        }
        TokenResponse t;
        t.setAccessToken(o.value(QLatin1String("access_token")).toString());
        t.setTokenType(o.value(QLatin1String("token_type")).toString());
        t.setRefreshToken(o.value(QLatin1String("refresh_token")).toString());
        t.setScope(o.value(QLatin1String("scope")).toString());
        t.setIdToken(o.value(QLatin1String("id_token")).toString());
        t.setIdTokenClaims(o.value(QLatin1String("id_token_claims")).toObject());
        if (o.contains(QLatin1String("expires_at")))
            t.setExpiresAt(QDateTime::fromSecsSinceEpoch(o.value(QLatin1String("expires_at")).toInteger()).toUTC());
        if (o.contains(QLatin1String("dpop_jwk")) && q->d->client) {
            const DPoPKey key = DPoPKey::fromJson(o.value(QLatin1String("dpop_jwk")).toObject(), &e);
            if (e) {
                q->d->setLastError(e);
                Q_EMIT q->restored(false, e);
                return;
            }
            q->d->client->setDPoPKey(key);
        }
        q->d->setLastError(Error());
        q->d->apply(t, false);
        Q_EMIT q->restored(true, Error());
    });
}

} // namespace OAuth4Qt
