// SPDX-License-Identifier: BSD-3-Clause
#include "tokenpoller_p.h"

#include "session_p.h"

#include <QtCore/QLoggingCategory>

#include <cmath>

namespace OAuth4Qt {

Q_LOGGING_CATEGORY(lcPoll, "oauth4qt.poll", QtWarningMsg)

TokenPoller::TokenPoller(QObject *parent) : QObject(parent)
{
    connect(&m_pollTimer, &ProtocolTimer::timeout, this, &TokenPoller::pollNow);
    connect(&m_expiryTimer, &ProtocolTimer::timeout, this, [this] {
        finish({}, Error(ErrorCode::Timeout, QStringLiteral("the request expired before the user approved it (expires_in)")));
    });
    connect(&m_tickTimer, &ProtocolTimer::timeout, this, [this] {
        m_tickTimer.start(m_tickMs);
        tick();
    });
}

void TokenPoller::setClient(Client *client)
{
    m_pollTimer.setClient(client);
    m_expiryTimer.setClient(client);
    m_tickTimer.setClient(client);
}

TokenPoller::~TokenPoller()
{
    stop();
}

void TokenPoller::start(int intervalSeconds, qint64 expiresInSeconds, bool autoPoll)
{
    stop();
    m_active = true;
    m_autoPoll = autoPoll;
    m_backoff = 0;
    if (m_interval != intervalSeconds) {
        m_interval = intervalSeconds;
        Q_EMIT intervalChanged();
    }
    m_expiresInMs = expiresInSeconds * 1000;
    const qint64 scaled = qMax<qint64>(1, qint64(std::ceil(double(m_expiresInMs) * m_scale)));
    m_expiryTimer.start(scaled);
    m_tickMs = qMax(1, int(1000 * m_scale));
    m_tickTimer.start(m_tickMs);
    m_lastRemaining = remainingSeconds();
    Q_EMIT remainingTimeChanged();
    if (m_autoPoll)
        schedule(qint64(m_interval) * 1000);
}

int TokenPoller::remainingSeconds() const
{
    if (!m_active)
        return 0;
    const double nominalMs = double(qMax<qint64>(0, m_expiryTimer.remainingTime())) / m_scale;
    return int(std::ceil(nominalMs / 1000.0));
}

void TokenPoller::tick()
{
    const int r = remainingSeconds();
    if (r != m_lastRemaining) {
        m_lastRemaining = r;
        Q_EMIT remainingTimeChanged();
    }
}

void TokenPoller::schedule(qint64 nominalDelayMs)
{
    Q_EMIT pollScheduled(nominalDelayMs);
    const qint64 scaled = qint64(std::ceil(double(nominalDelayMs) * m_scale));
    m_pollTimer.start(scaled);
}

void TokenPoller::pollNow()
{
    if (!m_active || m_reply || !m_request)
        return;
    m_pollTimer.stop();
    TokenReply *reply = m_request();
    if (!reply)
        return;
    m_reply = reply;
    Q_EMIT pollStarted();
    connect(reply, &Reply::finished, this, [this, reply] { onReplyFinished(reply); });
}

void TokenPoller::onReplyFinished(TokenReply *reply)
{
    reply->deleteLater();
    if (m_reply != reply)
        return;
    m_reply = nullptr;
    if (!m_active)
        return;
    const Error error = reply->error();
    if (!error) {
        finish(reply->tokens(), Error());
        return;
    }
    const int before = m_interval;
    const qint64 delay = nextPollDelay(error, &m_interval, &m_backoff);
    if (m_interval != before)
        Q_EMIT intervalChanged();
    if (delay < 0) {
        finish({}, error);
        return;
    }
    qCDebug(lcPoll) << "still waiting:" << error.codeName() << error.oauthError() << "next poll in" << delay << "ms";
    if (m_autoPoll)
        schedule(delay);
}

void TokenPoller::finish(const TokenResponse &tokens, const Error &error)
{
    if (!m_active)
        return;
    stop();
    Q_EMIT finished(tokens, error);
}

void TokenPoller::stop()
{
    const bool wasActive = m_active;
    m_active = false;
    m_pollTimer.stop();
    m_expiryTimer.stop();
    m_tickTimer.stop();
    if (m_reply) {
        TokenReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort();
        reply->deleteLater();
    }
    if (wasActive && m_lastRemaining != 0) {
        m_lastRemaining = 0;
        Q_EMIT remainingTimeChanged();
    }
}

} // namespace OAuth4Qt
