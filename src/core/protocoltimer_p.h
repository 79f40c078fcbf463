// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/QDeadlineTimer>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

namespace OAuth4Qt {

class Client;
class TestClock;

/*!
    A single-shot timer for protocol time (refresh schedules, retry back-off, polling intervals,
    expiries): a real QTimer (waits of any length, re-armed in steps of at most a day), or the
    TestClock attached to client() when it is armed. Stopping it or deleting it means timeout()
    is never emitted for that arming.
*/
class OAUTH4QT_TESTS_EXPORT ProtocolTimer : public QObject
{
    Q_OBJECT
public:
    explicit ProtocolTimer(QObject *parent = nullptr);
    ~ProtocolTimer() override;

    //! The client whose TestClock (if any) runs the timer from the next start().
    void setClient(Client *client);
    Client *client() const;

    //! Fires once after \a msecs (negative: 0) of monotonic time; restarts when active.
    void start(qint64 msecs);
    void stop();
    bool isActive() const { return m_active; }
    //! Milliseconds until timeout(); -1 when not active.
    qint64 remainingTime() const;
    //! Whether the timer runs on a TestClock.
    bool isSimulated() const { return !m_testClock.isNull(); }

Q_SIGNALS:
    void timeout();

private:
    friend class TestClock;
    friend class TestClockPrivate;
    void armReal();
    void fire();

    QPointer<Client> m_client;
    QPointer<TestClock> m_testClock;
    bool m_active = false;
    qint64 m_due = 0;        //!< on the test clock: monotonic ms
    quint64 m_sequence = 0;  //!< on the test clock: arming order (ties fire in that order)
    QDeadlineTimer m_deadline;
    QTimer m_timer;
};

//! The TestClock attached to \a client, or nullptr.
OAUTH4QT_TESTS_EXPORT TestClock *testClockOf(const Client *client);
//! Monotonic milliseconds (the TestClock's of \a client, else a process-wide steady clock):
//! for durations only, unaffected by wall-clock changes.
OAUTH4QT_TESTS_EXPORT qint64 monotonicMs(const Client *client);

} // namespace OAuth4Qt
