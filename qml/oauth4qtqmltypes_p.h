// SPDX-License-Identifier: BSD-3-Clause
#pragma once

// QML registrations of the core library's types for the OAuth4Qt QML module. The core headers
// carry no QML macros (the library does not depend on QtQml): each type is registered here
// through a foreign wrapper.

#include <oauth4qt/backchannelauthenticationflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/error.h>
#include <oauth4qt/loopbacklistener.h>
#include <oauth4qt/redirecthandler.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokenresponse.h>
#include <oauth4qt/tokensession.h>
#include <oauth4qt/tokenstore.h>
#include <oauth4qt/urischemehandler.h>

#include <QtCore/qjsonobject.h>
#include <QtCore/qobject.h>
#include <QtCore/qvariantmap.h>
#include <QtCore/qpointer.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqml.h>

// The OAuth4Qt namespace's enums as OAuth.ErrorCode.Timeout, OAuth.ErrorCategory.Transport.
// Scoped only: ErrorCode and ErrorCategory share names (NoError, Cancelled).
namespace OAuth4QtQmlNamespace {
Q_NAMESPACE
Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
QML_FOREIGN_NAMESPACE(OAuth4Qt)
QML_NAMED_ELEMENT(OAuth)
} // namespace OAuth4QtQmlNamespace

// --- Value types (Q_GADGETs): readable from QML, e.g. flow.tokens.idTokenClaims.name --------

struct OAuth4QtQmlTokenResponse
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::TokenResponse)
    QML_VALUE_TYPE(tokenResponse)
};

struct OAuth4QtQmlError
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::Error)
    QML_VALUE_TYPE(error)
};

struct OAuth4QtQmlClientConfig
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::ClientConfig)
    QML_VALUE_TYPE(clientConfig)
};

struct OAuth4QtQmlServerMetadata
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::ServerMetadata)
    QML_VALUE_TYPE(serverMetadata)
};

// --- Objects --------------------------------------------------------------------------------

// Client: oauth4qtqmlclient_p.h (its operations for QML). Replies: oauth4qtqmlreplies_p.h.

struct OAuth4QtQmlDeviceAuthorizationFlow
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::DeviceAuthorizationFlow)
    QML_NAMED_ELEMENT(DeviceAuthorizationFlow)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlBackchannelAuthenticationFlow
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::BackchannelAuthenticationFlow)
    QML_NAMED_ELEMENT(BackchannelAuthenticationFlow)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

// The TokenSession operations for QML (an extension: the core class has no QML-specific API):
// session.setTokens(flow.tokens) in onGranted, session.tokens(), and the asynchronous
// freshAccessToken([callback]) and resourceRequest(method, url, [options], [callback]) returning
// replies (oauth4qtqmlreplies_p.h); endSessionUrl({ postLogoutRedirectUri, state, uiLocales })
// with the session's ID Token as id_token_hint (read it before endSession()).
// It also gives idTokenClaims a type that QML tooling knows on every Qt 6 (QJsonObject is not
// described in Qt 6.4's builtin types, so qmllint and Qt Creator could not type
// session.idTokenClaims); at run time both are a JS object.
class OAuth4QtQmlTokenSessionExtension : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QVariantMap idTokenClaims READ idTokenClaims NOTIFY idTokenClaimsChanged FINAL)
public:
    explicit OAuth4QtQmlTokenSessionExtension(QObject *parent)
        : QObject(parent), m_session(qobject_cast<OAuth4Qt::TokenSession *>(parent))
    {
        if (m_session)
            QObject::connect(m_session, &OAuth4Qt::TokenSession::tokensChanged, this,
                             &OAuth4QtQmlTokenSessionExtension::idTokenClaimsChanged);
    }
    QVariantMap idTokenClaims() const
    {
        return m_session ? m_session->idTokenClaims().toVariantMap() : QVariantMap();
    }
Q_SIGNALS:
    void idTokenClaimsChanged();

public:
    Q_INVOKABLE void setTokens(const OAuth4Qt::TokenResponse &tokens);
    Q_INVOKABLE OAuth4Qt::TokenResponse tokens() const;
    Q_INVOKABLE OAuth4Qt::TokenReply *freshAccessToken(const QJSValue &callback = QJSValue());
    Q_INVOKABLE OAuth4Qt::ResourceReply *resourceRequest(const QString &method, const QUrl &url,
                                                         const QJSValue &options = QJSValue(),
                                                         const QJSValue &callback = QJSValue());
    Q_INVOKABLE QUrl endSessionUrl(const QJSValue &options = QJSValue()) const;

private:
    QPointer<OAuth4Qt::TokenSession> m_session;
};

struct OAuth4QtQmlTokenSession
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::TokenSession)
    QML_NAMED_ELEMENT(TokenSession)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    QML_EXTENDED(OAuth4QtQmlTokenSessionExtension)
};

struct OAuth4QtQmlTokenStore
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::TokenStore)
    QML_NAMED_ELEMENT(TokenStore)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    QML_UNCREATABLE("TokenStore is abstract: use MemoryTokenStore or KeychainTokenStore")
};

struct OAuth4QtQmlMemoryTokenStore
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::MemoryTokenStore)
    QML_NAMED_ELEMENT(MemoryTokenStore)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlKeychainTokenStore
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::KeychainTokenStore)
    QML_NAMED_ELEMENT(KeychainTokenStore)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

struct OAuth4QtQmlRedirectHandler
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::RedirectHandler)
    QML_NAMED_ELEMENT(RedirectHandler)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    QML_UNCREATABLE("RedirectHandler is abstract: use LoopbackListener or UriSchemeHandler")
};

struct OAuth4QtQmlLoopbackListener
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::LoopbackListener)
    QML_NAMED_ELEMENT(LoopbackListener)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};

// The core UriSchemeHandler is the base of the QML UriSchemeHandler
// (oauth4qtqmlurischemehandler_p.h), which registers itself with QDesktopServices.
struct OAuth4QtQmlUriSchemeHandlerBase
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::UriSchemeHandler)
    QML_ANONYMOUS
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};
