// SPDX-License-Identifier: BSD-3-Clause
// TokenSession::resourceRequest(): a protected-resource request with the session's fresh
// access token (freshAccessToken(), then Client::resourceRequest()).

#include <oauth4qt/tokensession.h>

#include "core/reply_p.h"

#include <QtCore/QPointer>

namespace OAuth4Qt {

ResourceReply *TokenSession::resourceRequest(const QByteArray &method, const QUrl &url, const QByteArray &body,
                                             const QList<std::pair<QByteArray, QByteArray>> &headers)
{
    auto *reply = new ResourceReply(this);
    QPointer<ResourceReply> guard(reply);
    // The steps are children of the reply: deleting it ends them silently.
    TokenReply *fresh = freshAccessToken();
    fresh->setParent(reply);
    // Runs only while the reply is running, so while fresh (its child) exists.
    ReplyPrivate::get(reply)->setAbortHandler([fresh, reply] { QObject::disconnect(fresh, nullptr, reply, nullptr); });
    connect(fresh, &Reply::finished, reply, [this, guard, fresh, method, url, body, headers] {
        fresh->deleteLater();
        if (!guard || guard->isFinished())
            return;
        if (fresh->error()) {
            ReplyPrivate::get(guard)->finish(fresh->error());
            return;
        }
        if (!client()) {
            ReplyPrivate::get(guard)->finish(
                Error(ErrorCode::InvalidConfiguration, QStringLiteral("the session has no client")));
            return;
        }
        ResourceReply *request = client()->resourceRequest(method, url, fresh->tokens(), body, headers);
        request->setParent(guard);
        ReplyPrivate::get(guard)->setAbortHandler([request, reply = guard.data()] {
            QObject::disconnect(request, nullptr, reply, nullptr);
            request->abort();
        });
        connect(request, &Reply::finished, guard, [guard, request] {
            request->deleteLater();
            if (!guard || guard->isFinished())
                return;
            guard->setResponse(request->status(), request->headers(), request->body());
            ReplyPrivate::get(guard)->finish(request->error());
        });
    });
    return reply;
}

} // namespace OAuth4Qt
