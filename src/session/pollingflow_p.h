// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt. Not part of the public API.
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/error.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/tokenresponse.h>

#include "tokenpoller_p.h"

#include <QtCore/QJsonObject>
#include <QtCore/QPointer>

#include <functional>
#include <limits>

namespace OAuth4Qt {

/*!
    What the device authorization flow and the CIBA flow share: one initial request (the device
    authorization or backchannel authentication request), then a TokenPoller until the user
    acts. \a Flow is the public QObject; it has the enum class Status (Idle, Requesting,
    AwaitingUser, Granted, Failed, Cancelled) and the signals statusChanged, clientChanged,
    expiresInChanged, intervalChanged, remainingTimeChanged, granted and failed.

    Each run ends exactly once, in end(): granted() or failed() (Cancelled on cancel()).
*/
template <typename Flow>
class PollingFlowPrivate
{
public:
    using Status = typename Flow::Status;
    using TokenRequest = std::function<TokenReply *()>;

    PollingFlowPrivate(Flow *qq, Client *c, TokenRequest tokenRequest) : q(qq), client(c), poller(new TokenPoller(qq))
    {
        poller->setRequestFunction(std::move(tokenRequest));
        QObject::connect(poller, &TokenPoller::finished, q, [this](const TokenResponse &t, const Error &e) { end(t, e); });
        QObject::connect(poller, &TokenPoller::intervalChanged, q, &Flow::intervalChanged);
        QObject::connect(poller, &TokenPoller::remainingTimeChanged, q, &Flow::remainingTimeChanged);
        watchClient();
    }
    virtual ~PollingFlowPrivate()
    {
        // No signal from a destructor: the poller's last remainingTimeChanged stays internal.
        QObject::disconnect(poller, nullptr, q, nullptr);
        QObject::disconnect(clientWatch);
        poller->stop();
        if (initialReply)
            initialReply->deleteLater();
    }
    Q_DISABLE_COPY_MOVE(PollingFlowPrivate)

    Flow *q;
    QPointer<Client> client;
    Status status = Status::Idle;
    int expiresIn = 0;
    TokenResponse tokens;
    Error error;
    TokenPoller *poller;
    QPointer<JsonReply> initialReply;
    QMetaObject::Connection clientWatch;

    template <typename T, typename Signal>
    void set(T &member, const T &value, Signal signal)
    {
        if (member == value)
            return;
        member = value;
        Q_EMIT(q->*signal)();
    }

    void setClient(Client *c)
    {
        if (client == c)
            return;
        client = c;
        watchClient();
        Q_EMIT q->clientChanged();
    }

    /*!
        The flow does not own its Client. When the Client is deleted while a run is under way
        (its replies go with it), the run ends at once with InvalidState instead of waiting for
        answers that never come; client() is then null.
    */
    void watchClient()
    {
        QObject::disconnect(clientWatch);
        if (!client)
            return;
        clientWatch = QObject::connect(client, &QObject::destroyed, q, [this](QObject *gone) {
            clientWatch = {};
            for (QObject *p = q->parent(); p; p = p->parent()) {
                if (p == gone)
                    return; // deleted with its Client, silently
            }
            if (isRunning()) {
                poller->stop();
                if (initialReply) {
                    JsonReply *reply = initialReply;
                    initialReply = nullptr;
                    QObject::disconnect(reply, nullptr, q, nullptr);
                    reply->deleteLater();
                }
                end({}, Error(ErrorCode::InvalidState, QStringLiteral("the Client was deleted while the flow was running")));
            }
            Q_EMIT q->clientChanged();
        });
    }

    void setStatus(Status s)
    {
        if (status == s)
            return;
        status = s;
        Q_EMIT q->statusChanged();
    }

    bool isRunning() const { return status == Status::Requesting || status == Status::AwaitingUser; }

    //! The one end of a run.
    void end(const TokenResponse &t, const Error &e)
    {
        tokens = t;
        error = e;
        ended();
        if (!e) {
            setStatus(Status::Granted);
            Q_EMIT q->granted(t);
        } else {
            setStatus(e.code() == ErrorCode::Cancelled ? Status::Cancelled : Status::Failed);
            Q_EMIT q->failed(e);
        }
    }

    //! Called by end() before the signals: forget what must not outlive the run.
    virtual void ended() {}

    /*!
        Starts a run: clears the last result, then sends the initial request that \a send makes
        and hands its JSON result to \a onResult (a failure ends the run). Without a client the
        run fails, asynchronously like any other failure.
    */
    void begin(const std::function<JsonReply *(Client *)> &send, std::function<void(const QJsonObject &)> onResult)
    {
        tokens = TokenResponse();
        error = Error();
        set(expiresIn, 0, &Flow::expiresInChanged);
        setStatus(Status::Requesting);
        if (!client) {
            QMetaObject::invokeMethod(q, [this] {
                if (status == Status::Requesting && !initialReply)
                    end({}, Error(ErrorCode::InvalidConfiguration, QStringLiteral("the flow has no client")));
            }, Qt::QueuedConnection);
            return;
        }
        JsonReply *reply = send(client);
        initialReply = reply;
        QObject::connect(reply, &Reply::finished, q, [this, reply, onResult = std::move(onResult)] {
            reply->deleteLater();
            if (reply != initialReply)
                return;
            initialReply = nullptr;
            if (reply->error())
                end({}, reply->error());
            else
                onResult(reply->result());
        });
    }

    /*!
        Takes expires_in and interval of the initial response \a r (both already type-checked by
        the protocol layer), starts polling (the first poll after the interval when \a autoPoll)
        and awaits the user.
    */
    void awaitUser(const QJsonObject &r, bool autoPoll = true)
    {
        set(expiresIn, int(qMin<qint64>(r.value(QLatin1String("expires_in")).toInteger(), std::numeric_limits<int>::max())),
            &Flow::expiresInChanged);
        const int interval = int(qMin<qint64>(r.value(QLatin1String("interval")).toInteger(), 3600));
        poller->setClient(client); // its clock (a TestClock) runs the polling
        poller->start(interval, expiresIn, autoPoll);
        setStatus(Status::AwaitingUser);
    }

    void cancel()
    {
        if (!isRunning())
            return;
        poller->stop();
        if (initialReply) {
            JsonReply *reply = initialReply;
            initialReply = nullptr;
            reply->abort();
            reply->deleteLater();
        }
        end({}, Error::cancelled());
    }
};

} // namespace OAuth4Qt
