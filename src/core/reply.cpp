// SPDX-License-Identifier: BSD-3-Clause
#include "reply_p.h"
#include "client_p.h"

#include <QtCore/QMetaObject>

namespace OAuth4Qt {

void ReplyPrivate::finish(const Error &e)
{
    if (finished)
        return;
    finished = true;
    error = e;
    m_abortHandler = nullptr;
    if (m_call) {
        HttpCall *call = m_call;
        m_call = nullptr;
        call->cancel(); // its callback would only find the reply finished
    }
    Q_EMIT q->finished();
}

void ReplyPrivate::finishLater(const Error &e)
{
    QPointer<Reply> guard(q);
    QMetaObject::invokeMethod(
        q, [guard, e] {
            if (guard)
                ReplyPrivate::get(guard)->finish(e);
        },
        Qt::QueuedConnection);
}

Reply::Reply(QObject *parent) : QObject(parent), d(new ReplyPrivate)
{
    d->q = this;
    if (auto *client = qobject_cast<Client *>(parent))
        ClientPrivate::get(client)->trackReply(this);
}

Reply::~Reply()
{
    // Deleting a reply ends it silently: no finished(), and nothing under way calls back into
    // this half-destroyed object (the HTTP call is cancelled without its callback; anything
    // else that waits for the reply checks isFinished() or a QPointer to it).
    d->finished = true;
    d->m_abortHandler = nullptr;
    if (HttpCall *call = d->m_call) {
        d->m_call = nullptr;
        call->cancel();
    }
}

bool Reply::isFinished() const { return d->finished; }
Error Reply::error() const { return d->error; }

void Reply::abort()
{
    if (d->finished)
        return;
    if (d->m_abortHandler)
        d->m_abortHandler();
    d->finish(Error::cancelled());
}

TokenReply::TokenReply(QObject *parent) : Reply(parent) {}
TokenResponse TokenReply::tokens() const { return m_tokens; }
void TokenReply::setTokens(const TokenResponse &tokens) { m_tokens = tokens; }

DiscoveryReply::DiscoveryReply(QObject *parent) : Reply(parent) {}
ServerMetadata DiscoveryReply::metadata() const { return m_metadata; }
void DiscoveryReply::setMetadata(const ServerMetadata &metadata) { m_metadata = metadata; }

JsonReply::JsonReply(QObject *parent) : Reply(parent) {}
QJsonObject JsonReply::result() const { return m_result; }
void JsonReply::setResult(const QJsonObject &result) { m_result = result; }

} // namespace OAuth4Qt
