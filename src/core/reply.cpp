// SPDX-License-Identifier: BSD-3-Clause
#include "reply_p.h"

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
        if (!call->isFinished())
            call->abort();
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
}

Reply::~Reply()
{
    if (d->m_call && !d->m_call->isFinished())
        d->m_call->abort();
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
