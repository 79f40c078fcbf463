// SPDX-License-Identifier: BSD-3-Clause
#pragma once

// QML side of the asynchronous operations: the reply types (read-only, created by Client and
// TokenSession methods) and the ownership rule for replies handed to QML.
//
//   const reply = client.requestClientCredentials("api:read")
//   reply.finished.connect(() => console.log(reply.error.isError ? reply.error.errorString
//                                                                 : reply.tokens.scope))
//   // or, with a callback (called with the reply once it finished):
//   client.discover(reply => console.log(reply.metadata.issuer))
//
// A reply created from QML stays alive while it runs (even with no JavaScript reference to it),
// then belongs to the JavaScript engine: the garbage collector frees it once no JavaScript
// reference remains. The application never calls deleteLater() on it. Destroying the Client
// (or TokenSession) ends replies still running silently.
//
// The operations are those of a Client or TokenSession declared in QML (the module's extension
// objects apply to objects QML created): declare a Client and assign it to a flow's client
// rather than calling operations on a flow's own Client.

#include <oauth4qt/registrationreply.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/resourcereply.h>

#include <QtCore/qjsonvalue.h>
#include <QtCore/qobject.h>
#include <QtCore/qvariant.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqml.h>

namespace OAuth4QtQml {

/*!
    Hands \a reply to the QML engine of \a context: keeps it (and its JavaScript wrapper) alive
    until finished(), then calls \a callback (when callable) with the reply and gives it to the
    JavaScript garbage collector. Returns \a reply.
*/
template <typename R>
R *adoptReply(QObject *context, R *reply, const QJSValue &callback);
void adoptReplyObject(QObject *context, OAuth4Qt::Reply *reply, const QJSValue &callback);

template <typename R>
R *adoptReply(QObject *context, R *reply, const QJSValue &callback)
{
    adoptReplyObject(context, reply, callback);
    return reply;
}

//! Splits the optional trailing arguments of an operation: a callable \a options is the
//! callback (and the options are empty).
void splitCallback(QJSValue *options, QJSValue *callback);

/*!
    The shape of every operation whose optional argument \a optional may be left out with the
    callback in its place: splits the two (splitCallback()), passes the optional argument to
    \a make, and adopts the reply \a make returns with the callback (adoptReply()).
*/
template <typename Make>
auto adoptWithOptional(QObject *context, const QJSValue &optional, const QJSValue &callback, Make &&make)
{
    QJSValue value = optional, function = callback;
    splitCallback(&value, &function);
    return adoptReply(context, make(value), function);
}

} // namespace OAuth4QtQml

struct OAuth4QtQmlReply
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::Reply)
    QML_NAMED_ELEMENT(Reply)
    QML_UNCREATABLE("Replies are returned by Client and TokenSession operations")
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlTokenReply
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::TokenReply)
    QML_NAMED_ELEMENT(TokenReply)
    QML_UNCREATABLE("Replies are returned by Client and TokenSession operations")
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlDiscoveryReply
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::DiscoveryReply)
    QML_NAMED_ELEMENT(DiscoveryReply)
    QML_UNCREATABLE("Replies are returned by Client and TokenSession operations")
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlJsonReply
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::JsonReply)
    QML_NAMED_ELEMENT(JsonReply)
    QML_UNCREATABLE("Replies are returned by Client and TokenSession operations")
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlRegistrationReply
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::RegistrationReply)
    QML_NAMED_ELEMENT(RegistrationReply)
    QML_UNCREATABLE("Replies are returned by Client and TokenSession operations")
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlResourceReply
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::ResourceReply)
    QML_NAMED_ELEMENT(ResourceReply)
    QML_UNCREATABLE("Replies are returned by Client and TokenSession operations")
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};
