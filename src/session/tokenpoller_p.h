// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/tokenresponse.h>

#include "core/protocoltimer_p.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <functional>

namespace OAuth4Qt {

/*!
    The polling engine of the device authorization grant and CIBA (sections J2/J4): token
    requests at the interval, slow_down adds 5 s for all later polls, authorization_pending keeps
    polling, network trouble backs off, Retry-After is respected, any other answer ends it, and so
    does the expiry. finished() is emitted exactly once per start() (stop() ends it silently).

    timeScale multiplies every wait (intervals, back-off, expiry, countdown tick): 1 in
    production, small in tests. The reported values (interval, remaining time, pollScheduled)
    stay nominal seconds. Every wait is a ProtocolTimer: with a TestClock attached to the
    client set with setClient(), the clock drives the polling.
*/
class OAUTH4QT_TESTS_EXPORT TokenPoller : public QObject
{
    Q_OBJECT
public:
    using RequestFunction = std::function<TokenReply *()>;

    explicit TokenPoller(QObject *parent = nullptr);
    ~TokenPoller() override;

    void setRequestFunction(RequestFunction request) { m_request = std::move(request); }
    void setTimeScale(double scale) { m_scale = scale > 0 ? scale : 1.0; }
    //! The client whose clock runs the timers (from the next start()).
    void setClient(Client *client);
    double timeScale() const { return m_scale; }

    //! Starts: expiry after \a expiresInSeconds; with \a autoPoll the first poll after the interval.
    void start(int intervalSeconds, qint64 expiresInSeconds, bool autoPoll = true);
    //! A token request now (CIBA ping notification); ignored while one is under way.
    void pollNow();
    //! Ends without finished(): aborts a request under way, stops the timers.
    void stop();

    bool isActive() const { return m_active; }
    int interval() const { return m_interval; }
    //! Nominal seconds until expiry (rounded up), 0 when not active.
    int remainingSeconds() const;

Q_SIGNALS:
    void finished(const OAuth4Qt::TokenResponse &tokens, const OAuth4Qt::Error &error);
    void intervalChanged();
    void remainingTimeChanged();
    //! A poll is scheduled \a nominalDelayMs (unscaled) from now (for tests and diagnostics).
    void pollScheduled(qint64 nominalDelayMs);
    void pollStarted();

private:
    void schedule(qint64 nominalDelayMs);
    void onReplyFinished(TokenReply *reply);
    void finish(const TokenResponse &tokens, const Error &error);
    void tick();

    RequestFunction m_request;
    double m_scale = 1.0;
    bool m_active = false;
    bool m_autoPoll = true;
    int m_interval = 5;
    int m_backoff = 0;
    int m_lastRemaining = 0;
    qint64 m_expiresInMs = 0;
    qint64 m_tickMs = 1000;
    ProtocolTimer m_pollTimer;
    ProtocolTimer m_expiryTimer;
    ProtocolTimer m_tickTimer;
    QPointer<TokenReply> m_reply;
};

} // namespace OAuth4Qt
