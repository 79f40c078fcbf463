// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qobject.h>

#include <memory>

namespace OAuth4Qt {

class Client;
class TestClockPrivate;

/*!
    \class OAuth4Qt::TestClock
    A simulated clock for tests: it replaces a Client's time and drives every protocol timer of
    the objects built on that client (TokenSession refresh scheduling, retry and back-off; the
    polling of DeviceAuthorizationFlow and BackchannelAuthenticationFlow), so that a week of a
    session runs in seconds.

    It keeps two times, like an operating system:
    - the wall clock, now(): what Client::currentTime() returns (token expiry, JWT checks);
    - a monotonic clock that the timers run on.

    advance() moves both forward and fires each timer that falls due on the way, in due order,
    with now() set to its due time. setNow() moves only the wall clock (a user changing the
    system time, an NTP step, a resume from suspend): no timer fires because of it, as with
    real timers; the objects notice the new time the next time they look at the clock.

    Timers fire synchronously inside advance(); network replies still need the event loop, so
    tests alternate advancing and waiting for the work under way to finish.

    Per-request network deadlines (Client::requestTimeout()) and the sign-in timeouts of the
    authorization code flow stay on real time: they measure the network and the user.

    \code
    OAuth4Qt::TestClock clock(QDateTime::currentDateTimeUtc());
    clock.attach(client);          // before the session or flow arms its timers
    session.setTokens(tokens);     // expires_in 3600
    clock.advance(3600 * 1000);    // the refresh falls due and starts
    \endcode

    Not for production use: nothing advances it but the caller.
*/
class OAUTH4QT_EXPORT TestClock : public QObject
{
    Q_OBJECT
public:
    //! Starts at the current UTC time.
    explicit TestClock(QObject *parent = nullptr);
    explicit TestClock(const QDateTime &start, QObject *parent = nullptr);
    //! Timers still armed on the clock never fire.
    ~TestClock() override;

    /*!
        Makes \a client use this clock: Client::setClock() with now(), and every timer armed
        from then on by an object that works through \a client runs on this clock. Timers
        already running stay on real time until they are armed again.
    */
    void attach(Client *client);

    //! The simulated wall-clock time, UTC.
    QDateTime now() const;
    //! Milliseconds the monotonic clock has advanced since construction.
    qint64 elapsed() const;

    //! Moves wall and monotonic time forward by \a msecs (negative: 0), firing due timers in order.
    void advance(qint64 msecs);
    //! Advances to the earliest armed timer and fires it (and any due at the same time).
    //! Returns false (and does nothing) when no timer is armed.
    bool advanceToNextTimer();
    //! Sets the wall clock to \a time (forwards or backwards); timers are not affected.
    void setNow(const QDateTime &time);

    //! Timers armed on this clock.
    int pendingTimers() const;
    //! Milliseconds of monotonic time until the earliest armed timer; -1 when none.
    qint64 nextTimerIn() const;

Q_SIGNALS:
    //! now() changed (advance() or setNow()).
    void timeChanged();

private:
    friend class TestClockPrivate;
    friend class ProtocolTimer;
    std::unique_ptr<TestClockPrivate> const d;
};

} // namespace OAuth4Qt
