// SPDX-License-Identifier: BSD-3-Clause
// Internal API of oauth4qt. Not part of the public API.
#pragma once

#include <oauth4qt/reply.h>

#include "transport/httptransport_p.h"

#include <QtCore/QPointer>

#include <functional>

namespace OAuth4Qt {

class OAUTH4QT_TESTS_EXPORT ReplyPrivate
{
public:
    static ReplyPrivate *get(Reply *reply) { return reply->d.get(); }

    //! Ends the reply with \a error (no error = success): emits finished() once; later calls
    //! are ignored. Safe to call from a transport callback.
    void finish(const Error &error = Error());
    //! finish() on the next event-loop turn (for failures detected inside the creating call).
    void finishLater(const Error &error);
    //! The HTTP call currently under way (aborted with the reply).
    void setCall(HttpCall *call) { m_call = call; }
    //! From the call's callback: the call is done, and the reply keeps it (and its spent
    //! QNetworkReply) until the reply itself is deleted, so that the application's deleteLater()
    //! of the reply frees both, without an event of their own.
    void keepFinishedCall()
    {
        if (HttpCall *call = m_call)
            call->adoptBy(q);
        m_call = nullptr;
    }
    //! Extra clean-up to run on abort (e.g. stop a timer of a multi-step operation).
    void setAbortHandler(std::function<void()> handler) { m_abortHandler = std::move(handler); }

    Reply *q = nullptr;
    bool finished = false;
    Error error;
    QPointer<HttpCall> m_call;
    std::function<void()> m_abortHandler;
};

} // namespace OAuth4Qt
