// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/client.h>
#include <oauth4qt/testclock.h>

#include "core/client_p.h"
#include "core/protocoltimer_p.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QList>
#include <QtCore/QLoggingCategory>
#include <QtCore/QTimeZone>

#include <limits>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcClock, "oauth4qt.clock", QtWarningMsg)

namespace {
// A real QTimer waits at most this long at a time (its interval is an int); longer waits re-arm.
constexpr qint64 MaxRealStepMs = qint64(24) * 3600 * 1000;
// advance() gives up after this many timeouts in one call (a timer re-arming itself at 0 ms).
constexpr int MaxFiresPerAdvance = 10000000;
} // namespace

class TestClockPrivate
{
public:
    qint64 wallMs = 0;  // ms since the epoch
    qint64 mono = 0;    // ms since construction
    quint64 sequence = 0;
    QList<QPointer<ProtocolTimer>> timers;

    void add(ProtocolTimer *t)
    {
        if (!timers.contains(t))
            timers.append(t);
    }
    void remove(ProtocolTimer *t) { timers.removeAll(t); }

    // The earliest armed timer due at or before \a limit (mono ms), or nullptr.
    ProtocolTimer *earliest(qint64 limit)
    {
        timers.removeAll(nullptr);
        ProtocolTimer *best = nullptr;
        for (const QPointer<ProtocolTimer> &t : std::as_const(timers)) {
            if (!t->m_active || t->m_due > limit)
                continue;
            if (!best || t->m_due < best->m_due || (t->m_due == best->m_due && t->m_sequence < best->m_sequence))
                best = t;
        }
        return best;
    }
};

TestClock *testClockOf(const Client *client)
{
    return client ? ClientPrivate::get(client)->testClock.data() : nullptr;
}

qint64 monotonicMs(const Client *client)
{
    if (const TestClock *clock = testClockOf(client))
        return clock->elapsed();
    static const QElapsedTimer steady = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return steady.elapsed();
}

// ------------------------------------------------------------------------------ ProtocolTimer

ProtocolTimer::ProtocolTimer(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_active || m_testClock)
            return;
        if (m_deadline.hasExpired())
            fire();
        else
            armReal(); // a long wait: the next step
    });
}

ProtocolTimer::~ProtocolTimer()
{
    if (m_testClock)
        m_testClock->d->remove(this);
}

void ProtocolTimer::setClient(Client *client) { m_client = client; }
Client *ProtocolTimer::client() const { return m_client; }

void ProtocolTimer::start(qint64 msecs)
{
    stop();
    msecs = qMax<qint64>(0, msecs);
    m_active = true;
    m_testClock = testClockOf(m_client);
    if (m_testClock) {
        TestClockPrivate *cd = m_testClock->d.get();
        m_due = cd->mono + msecs;
        m_sequence = ++cd->sequence;
        cd->add(this);
        return;
    }
    m_deadline = QDeadlineTimer(msecs, Qt::PreciseTimer);
    armReal();
}

void ProtocolTimer::armReal()
{
    const qint64 remaining = qMax<qint64>(0, m_deadline.remainingTime());
    m_timer.start(int(qMin(remaining, MaxRealStepMs)));
}

void ProtocolTimer::stop()
{
    m_active = false;
    m_timer.stop();
    if (m_testClock) {
        m_testClock->d->remove(this);
        m_testClock = nullptr;
    }
}

qint64 ProtocolTimer::remainingTime() const
{
    if (!m_active)
        return -1;
    if (m_testClock)
        return qMax<qint64>(0, m_due - m_testClock->d->mono);
    return qMax<qint64>(0, m_deadline.remainingTime());
}

void ProtocolTimer::fire()
{
    stop();
    Q_EMIT timeout();
}

// ---------------------------------------------------------------------------------- TestClock

TestClock::TestClock(QObject *parent) : TestClock(QDateTime::currentDateTimeUtc(), parent) {}

TestClock::TestClock(const QDateTime &start, QObject *parent) : QObject(parent), d(new TestClockPrivate)
{
    d->wallMs = start.isValid() ? start.toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
}

TestClock::~TestClock()
{
    for (const QPointer<ProtocolTimer> &t : std::as_const(d->timers)) {
        if (t)
            t->m_testClock = nullptr; // never fires
    }
}

void TestClock::attach(Client *client)
{
    if (!client)
        return;
    QPointer<TestClock> self(this);
    client->setClock([self] { return self ? self->now() : QDateTime::currentDateTimeUtc(); });
    ClientPrivate::get(client)->testClock = this;
}

QDateTime TestClock::now() const
{
    return QDateTime::fromMSecsSinceEpoch(d->wallMs, QTimeZone::utc());
}

qint64 TestClock::elapsed() const { return d->mono; }

void TestClock::advance(qint64 msecs)
{
    const qint64 target = d->mono + qMax<qint64>(0, msecs);
    QPointer<TestClock> guard(this);
    int fired = 0;
    while (ProtocolTimer *t = d->earliest(target)) {
        if (++fired > MaxFiresPerAdvance) {
            qCWarning(lcClock) << "TestClock::advance: too many timeouts at one time; stopping";
            break;
        }
        if (t->m_due > d->mono) {
            d->wallMs += t->m_due - d->mono;
            d->mono = t->m_due;
            Q_EMIT timeChanged();
            if (!guard)
                return;
        }
        t->fire();
        if (!guard)
            return;
    }
    if (target > d->mono) {
        d->wallMs += target - d->mono;
        d->mono = target;
        Q_EMIT timeChanged();
    }
}

bool TestClock::advanceToNextTimer()
{
    const qint64 in = nextTimerIn();
    if (in < 0)
        return false;
    advance(in);
    return true;
}

void TestClock::setNow(const QDateTime &time)
{
    if (!time.isValid() || time.toMSecsSinceEpoch() == d->wallMs)
        return;
    d->wallMs = time.toMSecsSinceEpoch();
    Q_EMIT timeChanged();
}

int TestClock::pendingTimers() const
{
    int n = 0;
    for (const QPointer<ProtocolTimer> &t : std::as_const(d->timers))
        n += (t && t->m_active) ? 1 : 0;
    return n;
}

qint64 TestClock::nextTimerIn() const
{
    ProtocolTimer *t = d->earliest(std::numeric_limits<qint64>::max());
    return t ? qMax<qint64>(0, t->m_due - d->mono) : -1;
}

} // namespace OAuth4Qt
