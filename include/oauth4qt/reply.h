// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokenresponse.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qobject.h>

#include <memory>

namespace OAuth4Qt {

class ReplyPrivate;

/*!
    \class OAuth4Qt::Reply
    One asynchronous operation of a Client (a job, like QNetworkReply or a QtKeychain job).

    A reply emits finished() exactly once, always asynchronously (never inside the call that
    created it), on success and on failure alike; error() then tells which. abort() ends it at
    once with a Cancelled error (finished() is emitted from abort()). The reply is a child of
    the Client that created it: delete it (deleteLater()) once you have read it. A finished
    reply holds the spent objects of its HTTP exchange (a few KiB) until it is deleted.

    Deleting a reply ends it silently at any stage (before its request left, in flight, while
    a signature is being checked, inside its own finished() handler): no finished(), and no
    callback of the library touches it afterwards. Deleting the Client deletes its replies the
    same way. A reply moved to another parent with setParent() outlives its Client: when still
    running then, it finishes once, from the event loop, with InvalidState.
*/
class OAUTH4QT_EXPORT Reply : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    // Named isFinished, not finished: in QML a property would hide the finished() signal.
    Q_PROPERTY(bool isFinished READ isFinished NOTIFY finished FINAL)
    Q_PROPERTY(OAuth4Qt::Error error READ error NOTIFY finished FINAL)
public:
    ~Reply() override;

    bool isFinished() const;
    //! No error (converts to false) while running and after success.
    Error error() const;

public Q_SLOTS:
    void abort();

Q_SIGNALS:
    void finished();

protected:
    explicit Reply(QObject *parent);

private:
    friend class ReplyPrivate;
    std::unique_ptr<ReplyPrivate> const d;
};

//! A token endpoint operation: tokens() after a successful finish.
class OAUTH4QT_EXPORT TokenReply : public OAuth4Qt::Reply
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::TokenResponse tokens READ tokens NOTIFY finished FINAL)
public:
    explicit TokenReply(QObject *parent = nullptr);
    TokenResponse tokens() const;
    void setTokens(const TokenResponse &tokens); //!< used by the library

private:
    TokenResponse m_tokens;
};

//! Discovery: the validated metadata after a successful finish.
class OAUTH4QT_EXPORT DiscoveryReply : public OAuth4Qt::Reply
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::ServerMetadata metadata READ metadata NOTIFY finished FINAL)
public:
    explicit DiscoveryReply(QObject *parent = nullptr);
    ServerMetadata metadata() const;
    void setMetadata(const ServerMetadata &metadata); //!< used by the library

private:
    ServerMetadata m_metadata;
};

//! Operations whose result is a JSON object (UserInfo claims, introspection, registration,
//! device / backchannel authorization responses, PAR); result() after a successful finish.
class OAUTH4QT_EXPORT JsonReply : public OAuth4Qt::Reply
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QJsonObject result READ result NOTIFY finished FINAL)
public:
    explicit JsonReply(QObject *parent = nullptr);
    QJsonObject result() const;
    void setResult(const QJsonObject &result); //!< used by the library

private:
    QJsonObject m_result;
};

} // namespace OAuth4Qt
