// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/dpop.h>
#include <oauth4qt/json.h>
#include <oauth4qt/tokensession.h>

#include "core/client_p.h"
#include "core/protocoltimer_p.h"

#include <QtCore/QJsonDocument>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcSession, "oauth4qt.session", QtWarningMsg)

namespace {
// The refresh policy (docs/token-session.md).
//! Automatic refreshes start at least this long after the previous one started.
constexpr qint64 MinRefreshIntervalMs = 10 * 1000;
//! Back-off after a failed refresh: 10 s, doubled per further failure, at most 10 min...
constexpr qint64 RetryBaseMs = 10 * 1000;
constexpr qint64 RetryMaxMs = 10 * 60 * 1000;
//! ...or longer when the server's Retry-After says so (clamped to a day by the transport).
//! The schedule is looked at again at least this often (a wall clock that jumped forward).
constexpr qint64 MaxWaitMs = 3600 * 1000;
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
    //! The refresh under way (raw: also compared in its destroyed() handler).
    TokenReply *refreshReply = nullptr;
    QList<QPointer<TokenReply>> waiters;
    ProtocolTimer refreshTimer;
    ProtocolTimer expiryTimer;
    QDateTime nextRefreshAt;

    // The schedule, on monotonic time (a wall-clock jump does not move it; see schedule()).
    qint64 receivedMono = 0;         //!< when the current tokens arrived
    qint64 lifetimeMs = -1;          //!< their access token lifetime then; -1: no expiry known
    qint64 lastRefreshStartMono = -1; //!< when the last refresh started; -1: none since setTokens()
    qint64 retryAtMono = -1;         //!< after a failure: when to retry; -1: none
    int failures = 0;                //!< failed refreshes in a row

    QDateTime now() const { return client ? client->currentTime() : QDateTime::currentDateTimeUtc(); }
    qint64 mono() const { return monotonicMs(client); }

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

    void setNextRefreshAt(const QDateTime &at)
    {
        if (nextRefreshAt == at && nextRefreshAt.isValid() == at.isValid())
            return;
        nextRefreshAt = at;
        Q_EMIT q->nextRefreshAtChanged();
    }

    //! The effective lead time for the current tokens: refreshLeadTime, but at most half the
    //! lifetime (a token living shorter than the lead time is refreshed at half-life).
    qint64 effectiveLeadMs() const
    {
        const qint64 lead = qint64(leadTime) * 1000;
        return lifetimeMs >= 0 ? qMin(lead, lifetimeMs / 2) : lead;
    }

    int effectiveLeadSeconds() const { return int((effectiveLeadMs() + 999) / 1000); }

    /*!
        Whether an automatic refresh is scheduled; then \a wait is the milliseconds until it is
        due (<= 0: now). Due: effectiveLeadMs() before expiry, on monotonic time since the
        tokens arrived and on the wall clock, whichever comes first (a wall clock that jumped
        forward, e.g. after a suspend, makes it due; one that jumped back delays nothing); never
        sooner than MinRefreshIntervalMs after the previous refresh started; after a failure,
        at the back-off time instead.
    */
    bool refreshDue(qint64 *wait) const
    {
        if (!autoRefresh || !client || refreshReply || tokens.refreshToken().isEmpty())
            return false;
        const qint64 monoNow = mono();
        if (retryAtMono >= 0) {
            *wait = retryAtMono - monoNow;
            return true;
        }
        const QDateTime expiresAt = tokens.expiresAt();
        if (!expiresAt.isValid() || tokens.accessToken().isEmpty() || lifetimeMs < 0)
            return false;
        const qint64 lead = effectiveLeadMs();
        const qint64 byMono = receivedMono + lifetimeMs - lead - monoNow;
        const qint64 byWall = now().msecsTo(expiresAt) - lead;
        qint64 w = qMin(byMono, byWall);
        if (lastRefreshStartMono >= 0)
            w = qMax(w, lastRefreshStartMono + MinRefreshIntervalMs - monoNow);
        *wait = w;
        return true;
    }

    void schedule()
    {
        refreshTimer.stop();
        expiryTimer.stop();
        const QDateTime expiresAt = tokens.expiresAt();
        if (expiresAt.isValid() && !tokens.accessToken().isEmpty()) {
            const qint64 untilExpiry = now().msecsTo(expiresAt);
            if (untilExpiry > 0)
                expiryTimer.start(qMin(untilExpiry + 1, MaxWaitMs));
        }
        qint64 wait = 0;
        if (!refreshDue(&wait)) {
            setNextRefreshAt(QDateTime());
            return;
        }
        wait = qMax<qint64>(0, wait);
        refreshTimer.start(qMin(wait, MaxWaitMs));
        setNextRefreshAt(now().addMSecs(wait)); // last: a handler may delete the session
    }

    void onRefreshTimer()
    {
        qint64 wait = 0;
        if (refreshDue(&wait) && wait <= 0)
            startRefresh();
        else
            schedule(); // a wait capped at MaxWaitMs, or the clock moved
    }

    void onExpiryTimer()
    {
        QPointer<TokenSession> guard(q);
        updateValid();
        if (guard && q->isValid())
            expiryTimer.start(qMin(now().msecsTo(tokens.expiresAt()) + 1, MaxWaitMs));
    }

    //! Returns false when a signal handler deleted the session.
    bool apply(const TokenResponse &t, bool save)
    {
        tokens = t;
        receivedMono = mono();
        const QDateTime expiresAt = t.expiresAt();
        lifetimeMs = expiresAt.isValid() ? qMax<qint64>(0, now().msecsTo(expiresAt)) : -1;
        if (save)
            saveToStore();
        QPointer<TokenSession> guard(q);
        schedule();
        if (!guard)
            return false;
        Q_EMIT q->tokensChanged();
        if (!guard)
            return false;
        updateValid();
        return !guard.isNull();
    }

    //! Drops the refresh under way without a trace: its result never arrives. Returns false
    //! when a signal handler deleted the session.
    bool cancelRefresh()
    {
        if (!refreshReply)
            return true;
        TokenReply *r = std::exchange(refreshReply, nullptr);
        QObject::disconnect(r, nullptr, q, nullptr);
        r->abort();
        r->deleteLater();
        QPointer<TokenSession> guard(q);
        Q_EMIT q->refreshingChanged();
        return !guard.isNull();
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
        lastRefreshStartMono = mono();
        refreshTimer.stop();
        qCDebug(lcSession) << "refreshing";
        QObject::connect(reply, &Reply::finished, q, [this, reply] { onRefreshFinished(reply); });
        // The reply goes away unfinished (its Client was deleted): the refresh failed.
        QObject::connect(reply, &QObject::destroyed, q, [this, reply] {
            if (refreshReply != reply)
                return;
            refreshReply = nullptr;
            Q_EMIT q->refreshingChanged();
            QPointer<TokenSession> guard(q);
            Q_EMIT q->refreshingChanged();
            if (guard)
                fail(Error(ErrorCode::InvalidConfiguration, QStringLiteral("the client was deleted during the refresh")));
        });
        QPointer<TokenSession> guard(q);
        setNextRefreshAt(QDateTime());
        if (guard)
            Q_EMIT q->refreshingChanged();
    }

    void onRefreshFinished(TokenReply *reply)
    {
        if (reply != refreshReply)
            return;
        QObject::disconnect(reply, nullptr, q, nullptr);
        reply->deleteLater();
        refreshReply = nullptr;
        QPointer<TokenSession> guard(q);
        Q_EMIT q->refreshingChanged();
        if (!guard)
            return;
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
            failures = 0;
            retryAtMono = -1;
            setLastError(Error());
            if (!guard || !apply(fresh, true))
                return;
            Q_EMIT q->refreshed();
            if (guard)
                finishWaiters(fresh, Error());
            return;
        }
        if (e.code() == ErrorCode::OAuthError && e.oauthError() == QLatin1String("invalid_grant")) {
            setLastError(e);
            if (guard)
                end(e);
            return;
        }
        fail(e);
    }

    //! A refresh failed without ending the session: waiters fail, the retry backs off.
    void fail(const Error &e)
    {
        qCDebug(lcSession) << "refresh failed:" << e;
        ++failures;
        // Never at once (no loop): 10 s, 20 s, 40 s ... 10 min, or the server's Retry-After.
        qint64 delay = RetryBaseMs << qMin(failures - 1, 16);
        delay = qMin(delay, RetryMaxMs);
        if (e.retryAfter() >= 0)
            delay = qMax(delay, qint64(e.retryAfter()) * 1000);
        retryAtMono = mono() + delay;
        QPointer<TokenSession> guard(q);
        setLastError(e);
        if (!guard)
            return;
        schedule();
        if (!guard)
            return;
        finishWaiters({}, e);
        if (guard)
            Q_EMIT q->refreshFailed(e);
    }

    void end(const Error &reason)
    {
        if (!cancelRefresh())
            return;
        resetSchedule();
        const bool had = !tokens.isNull();
        tokens = TokenResponse();
        removeFromStore();
        QPointer<TokenSession> guard(q);
        schedule();
        if (!guard)
            return;
        finishWaiters({}, reason ? reason : Error(ErrorCode::InvalidState, QStringLiteral("the session ended")));
        if (!guard)
            return;
        if (had)
            Q_EMIT q->tokensChanged();
        if (!guard)
            return;
        updateValid();
        if (guard)
            Q_EMIT q->sessionEnded(reason);
    }

    void resetSchedule()
    {
        lastRefreshStartMono = -1;
        retryAtMono = -1;
        failures = 0;
    }
};

TokenSession::TokenSession(QObject *parent) : TokenSession(nullptr, parent) {}

TokenSession::TokenSession(Client *client, QObject *parent) : QObject(parent), d(new TokenSessionPrivate(this))
{
    d->client = client;
    d->refreshTimer.setClient(client);
    d->expiryTimer.setClient(client);
    connect(&d->refreshTimer, &ProtocolTimer::timeout, this, [this] { d->onRefreshTimer(); });
    connect(&d->expiryTimer, &ProtocolTimer::timeout, this, [this] { d->onExpiryTimer(); });
}

TokenSession::~TokenSession()
{
    // Ends silently: the refresh under way is dropped, waiters (children) go with the session.
    if (TokenReply *r = std::exchange(d->refreshReply, nullptr)) {
        QObject::disconnect(r, nullptr, this, nullptr);
        r->abort();
        r->deleteLater();
    }
}

Client *TokenSession::client() const { return d->client; }

void TokenSession::setClient(Client *client)
{
    if (d->client == client)
        return;
    if (!d->cancelRefresh())
        return;
    d->client = client;
    d->refreshTimer.setClient(client);
    d->expiryTimer.setClient(client);
    d->schedule();
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
    // A new session: the refresh under way (of the old tokens) is dropped, never applied.
    QPointer<TokenSession> guard(this);
    if (!d->cancelRefresh())
        return;
    d->resetSchedule();
    d->setLastError(Error());
    if (!guard || !d->apply(tokens, true))
        return;
    if (!d->waiters.isEmpty()) {
        // Callers waiting for a fresh token get one of the new session.
        if (d->accessTokenUsable(d->effectiveLeadSeconds()))
            d->finishWaiters(d->tokens, Error());
        else if (!d->tokens.refreshToken().isEmpty() && d->client)
            d->startRefresh();
        else
            d->finishWaiters({}, Error(ErrorCode::InvalidState, QStringLiteral("no valid access token and no refresh token")));
    }
}

TokenResponse TokenSession::tokens() const { return d->tokens; }
bool TokenSession::isActive() const { return !d->tokens.accessToken().isEmpty() || !d->tokens.refreshToken().isEmpty(); }
bool TokenSession::isValid() const { return d->accessTokenUsable(0); }
QDateTime TokenSession::expiresAt() const { return d->tokens.expiresAt(); }
QString TokenSession::scope() const { return d->tokens.scope(); }
QString TokenSession::tokenType() const { return d->tokens.tokenType(); }
bool TokenSession::hasRefreshToken() const { return !d->tokens.refreshToken().isEmpty(); }
QJsonObject TokenSession::idTokenClaims() const { return d->tokens.idTokenClaims(); }
bool TokenSession::isRefreshing() const { return d->refreshReply != nullptr; }
QDateTime TokenSession::nextRefreshAt() const { return d->nextRefreshAt; }
Error TokenSession::lastError() const { return d->lastError; }
bool TokenSession::autoRefresh() const { return d->autoRefresh; }

void TokenSession::setAutoRefresh(bool enabled)
{
    if (d->autoRefresh == enabled)
        return;
    d->autoRefresh = enabled;
    QPointer<TokenSession> guard(this);
    d->schedule();
    if (guard)
        Q_EMIT autoRefreshChanged();
}

int TokenSession::refreshLeadTime() const { return d->leadTime; }

void TokenSession::setRefreshLeadTime(int seconds)
{
    seconds = qMax(0, seconds);
    if (d->leadTime == seconds)
        return;
    d->leadTime = seconds;
    QPointer<TokenSession> guard(this);
    d->schedule();
    if (guard)
        Q_EMIT refreshLeadTimeChanged();
}

QString TokenSession::accessToken() const { return d->tokens.accessToken(); }

TokenReply *TokenSession::freshAccessToken()
{
    auto *reply = new TokenReply(this);
    if (d->accessTokenUsable(d->effectiveLeadSeconds()) && !d->refreshReply) {
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
        if (q->d->apply(t, false))
            Q_EMIT q->restored(true, Error());
    });
}

} // namespace OAuth4Qt
