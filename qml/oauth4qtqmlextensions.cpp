// SPDX-License-Identifier: BSD-3-Clause
// The QML-side operations of the OAuth4Qt QML module: reply ownership, the Client and
// TokenSession extensions, the ResourceReply extension.

#include "oauth4qtqmlclient_p.h"
#include "oauth4qtqmlreplies_p.h"
#include "oauth4qtqmltypes_p.h"

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtQml/QJSEngine>
#include <QtQml/QJSValueIterator>
#include <QtQml/QQmlEngine>

using namespace OAuth4Qt;

Q_LOGGING_CATEGORY(lcOAuth4QtQml, "oauth4qt.qml")

namespace OAuth4QtQml {

namespace {

// Keeps a reply created from QML (and its JavaScript wrapper) alive while it runs, then calls
// the callback and hands the reply to the garbage collector.
class ReplyKeeper : public QObject
{
public:
    explicit ReplyKeeper(Reply *reply) : QObject(reply) {}
    QJSValue wrapper;
    QJSValue callback;
};

bool isTokenResponse(const QJSValue &value)
{
    return !value.isString() && value.toVariant().metaType() == QMetaType::fromType<TokenResponse>();
}

TokenResponse tokenResponse(const QJSValue &value)
{
    return value.toVariant().value<TokenResponse>();
}

//! A token argument: a string, or a tokenResponse's access token.
QString accessTokenOf(const QJSValue &value)
{
    if (isTokenResponse(value))
        return tokenResponse(value).accessToken();
    if (value.isUndefined() || value.isNull())
        return {};
    return value.toString();
}

QString optionalString(const QJSValue &value)
{
    return value.isUndefined() || value.isNull() || value.isCallable() ? QString() : value.toString();
}

} // namespace

void adoptReplyObject(QObject *context, Reply *reply, const QJSValue &callback)
{
    if (!reply)
        return;
    // The extension object has no JavaScript wrapper of its own: the engine is the one of the
    // object it extends (the Client or TokenSession).
    QJSEngine *engine = qjsEngine(context);
    if (!engine && context)
        engine = qjsEngine(context->parent());
    if (!engine) {
        qCWarning(lcOAuth4QtQml) << "a reply for QML was created outside of a QML engine";
        return;
    }
    // JavaScript ownership: the collector deletes an object only when it has no parent; the
    // reply keeps its parent (the Client or TokenSession) until it finished.
    QJSEngine::setObjectOwnership(reply, QJSEngine::JavaScriptOwnership);
    auto *keeper = new ReplyKeeper(reply);
    keeper->wrapper = engine->newQObject(reply); // holds the wrapper while the reply runs
    keeper->callback = callback.isCallable() ? callback : QJSValue();
    QObject::connect(reply, &Reply::finished, keeper, [keeper, reply] {
        const QJSValue wrapper = std::exchange(keeper->wrapper, QJSValue());
        QJSValue function = std::exchange(keeper->callback, QJSValue());
        reply->setParent(nullptr); // from now on the garbage collector frees it
        if (function.isCallable()) {
            const QJSValue result = function.call({ wrapper });
            if (result.isError())
                qCWarning(lcOAuth4QtQml).noquote()
                    << "reply callback:" << result.property(QStringLiteral("message")).toString();
        }
        keeper->deleteLater();
    });
}

void splitCallback(QJSValue *options, QJSValue *callback)
{
    if (options->isCallable()) {
        *callback = *options;
        *options = QJSValue();
    }
}

Parameters toParameters(const QJSValue &object)
{
    Parameters parameters;
    if (!object.isObject() || object.isCallable())
        return parameters;
    QJSValueIterator it(object);
    while (it.hasNext()) {
        it.next();
        const QJSValue value = it.value();
        if (value.isUndefined() || value.isNull())
            continue;
        if (value.isArray()) {
            const int length = value.property(QStringLiteral("length")).toInt();
            for (int i = 0; i < length; ++i)
                parameters.append({ it.name(), value.property(quint32(i)).toString() });
        } else {
            parameters.append({ it.name(), value.toString() });
        }
    }
    return parameters;
}

void toRequestBody(const QJSValue &options, QByteArray *body, QList<std::pair<QByteArray, QByteArray>> *headers)
{
    if (!options.isObject() || options.isCallable())
        return;
    QByteArray contentType = options.property(QStringLiteral("contentType")).isString()
        ? options.property(QStringLiteral("contentType")).toString().toUtf8()
        : QByteArray();
    const QJSValue headerObject = options.property(QStringLiteral("headers"));
    if (headerObject.isObject()) {
        QJSValueIterator it(headerObject);
        while (it.hasNext()) {
            it.next();
            if (it.value().isUndefined() || it.value().isNull())
                continue;
            if (it.name().compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0 && contentType.isEmpty())
                contentType = it.value().toString().toUtf8();
            else
                headers->append({ it.name().toUtf8(), it.value().toString().toUtf8() });
        }
    }
    const QJSValue bodyValue = options.property(QStringLiteral("body"));
    if (bodyValue.isString()) {
        *body = bodyValue.toString().toUtf8();
    } else if (bodyValue.isObject()) {
        const QVariant variant = bodyValue.toVariant();
        if (variant.metaType() == QMetaType::fromType<QByteArray>()) {
            *body = variant.toByteArray(); // ArrayBuffer
        } else {
            *body = QJsonDocument::fromVariant(variant).toJson(QJsonDocument::Compact);
            if (contentType.isEmpty())
                contentType = "application/json";
        }
    }
    if (!contentType.isEmpty())
        headers->append({ QByteArrayLiteral("Content-Type"), contentType });
}

} // namespace OAuth4QtQml

using namespace OAuth4QtQml;

// --- Client ---------------------------------------------------------------------------------

OAuth4QtQmlClientExtension::OAuth4QtQmlClientExtension(QObject *parent)
    : QObject(parent), m_client(qobject_cast<Client *>(parent))
{
}

void OAuth4QtQmlClientExtension::setClientSecret(const QString &secret)
{
    if (!m_client)
        return;
    ClientConfig config = m_client->clientConfig();
    config.setClientSecret(secret);
    m_client->setClientConfig(config);
}

DPoPKey OAuth4QtQmlClientExtension::generateDPoPKey(const QString &algorithm) const
{
    Error error;
    const DPoPKey key = DPoPKey::generate(algorithm, &error);
    if (error)
        qCWarning(lcOAuth4QtQml) << "generateDPoPKey:" << error;
    return key;
}

DiscoveryReply *OAuth4QtQmlClientExtension::discover(const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptReply(this, m_client->discover(), callback);
}

TokenReply *OAuth4QtQmlClientExtension::requestClientCredentials(const QString &scope, const QJSValue &extra,
                                                                 const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, extra, callback, [&](const QJSValue &options) {
        return m_client->requestClientCredentials(scope, toParameters(options));
    });
}

TokenReply *OAuth4QtQmlClientExtension::refreshToken(const QJSValue &tokens, const QString &scope,
                                                     const QJSValue &extra, const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, extra, callback, [&](const QJSValue &options) {
        const Parameters parameters = toParameters(options);
        if (!isTokenResponse(tokens))
            return m_client->refreshToken(optionalString(tokens), scope, parameters);
        const TokenResponse response = tokenResponse(tokens);
        if (!response.idTokenClaims().isEmpty())
            return m_client->refreshOpenIdTokens(response.refreshToken(), response.idTokenClaims(), scope, parameters);
        return m_client->refreshToken(response.refreshToken(), scope, parameters);
    });
}

TokenReply *OAuth4QtQmlClientExtension::requestToken(const QString &grantType, const QJSValue &parameters,
                                                     const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, parameters, callback, [&](const QJSValue &options) {
        return m_client->requestToken(grantType, toParameters(options));
    });
}

TokenReply *OAuth4QtQmlClientExtension::exchangeToken(const QJSValue &subjectToken, const QJSValue &parameters,
                                                      const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, parameters, callback, [&](const QJSValue &options) {
        Parameters list{ { QStringLiteral("subject_token"), accessTokenOf(subjectToken) } };
        const Parameters extra = toParameters(options);
        const bool hasType = std::any_of(extra.cbegin(), extra.cend(), [](const auto &p) {
            return p.first == QLatin1String("subject_token_type");
        });
        if (!hasType)
            list.append({ QStringLiteral("subject_token_type"),
                          QStringLiteral("urn:ietf:params:oauth:token-type:access_token") });
        list += extra;
        return m_client->requestToken(QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange"), list);
    });
}

JsonReply *OAuth4QtQmlClientExtension::userInfo(const QJSValue &tokens, const QJSValue &expectedSubject,
                                                const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, expectedSubject, callback, [&](const QJSValue &subject) {
        QString expected = optionalString(subject);
        if (!isTokenResponse(tokens))
            return m_client->userInfo(accessTokenOf(tokens), expected);
        // A token response keeps its token type: a DPoP-bound token goes with a DPoP proof.
        const TokenResponse response = tokenResponse(tokens);
        if (expected.isEmpty())
            expected = response.idTokenClaims().value(QLatin1String("sub")).toString();
        return m_client->userInfo(response, expected);
    });
}

JsonReply *OAuth4QtQmlClientExtension::introspect(const QJSValue &token, const QJSValue &tokenTypeHint,
                                                  const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, tokenTypeHint, callback, [&](const QJSValue &hint) {
        return m_client->introspect(accessTokenOf(token), optionalString(hint));
    });
}

Reply *OAuth4QtQmlClientExtension::revoke(const QJSValue &token, const QJSValue &tokenTypeHint,
                                          const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, tokenTypeHint, callback, [&](const QJSValue &hint) {
        return m_client->revoke(accessTokenOf(token), optionalString(hint));
    });
}

RegistrationReply *OAuth4QtQmlClientExtension::registerClient(const QJSValue &clientMetadata,
                                                              const QJSValue &initialAccessToken,
                                                              const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, initialAccessToken, callback, [&](const QJSValue &token) {
        const QJsonObject metadata = QJsonObject::fromVariantMap(clientMetadata.toVariant().toMap());
        return m_client->registerClient(metadata, optionalString(token));
    });
}

QUrl OAuth4QtQmlClientExtension::endSessionUrl(const QJSValue &options) const
{
    if (!m_client)
        return {};
    const QJSValue hint = options.property(QStringLiteral("idTokenHint"));
    const QString idTokenHint = isTokenResponse(hint) ? tokenResponse(hint).idToken() : optionalString(hint);
    return m_client->endSessionUrl(idTokenHint,
                                   QUrl(optionalString(options.property(QStringLiteral("postLogoutRedirectUri")))),
                                   optionalString(options.property(QStringLiteral("state"))),
                                   optionalString(options.property(QStringLiteral("uiLocales"))));
}

ResourceReply *OAuth4QtQmlClientExtension::resourceRequest(const QString &method, const QUrl &url,
                                                           const QJSValue &tokens, const QJSValue &options,
                                                           const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, options, callback, [&](const QJSValue &requestOptions) {
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        toRequestBody(requestOptions, &body, &headers);
        if (isTokenResponse(tokens))
            return m_client->resourceRequest(method.toUtf8(), url, tokenResponse(tokens), body, headers);
        const QJSValue type = requestOptions.isObject() ? requestOptions.property(QStringLiteral("tokenType")) : QJSValue();
        return m_client->resourceRequest(method.toUtf8(), url, accessTokenOf(tokens),
                                         type.isString() ? type.toString() : QStringLiteral("Bearer"), body, headers);
    });
}

JsonReply *OAuth4QtQmlClientExtension::discoverProtectedResource(const QUrl &resourceUrl,
                                                                 const QJSValue &resourceMetadataUrl,
                                                                 const QJSValue &callback)
{
    if (!m_client)
        return nullptr;
    return adoptWithOptional(this, resourceMetadataUrl, callback, [&](const QJSValue &metadataUrl) {
        return m_client->discoverProtectedResource(resourceUrl, QUrl(optionalString(metadataUrl)));
    });
}

// --- TokenSession ---------------------------------------------------------------------------

void OAuth4QtQmlTokenSessionExtension::setTokens(const TokenResponse &tokens)
{
    if (m_session)
        m_session->setTokens(tokens);
}

TokenResponse OAuth4QtQmlTokenSessionExtension::tokens() const
{
    return m_session ? m_session->tokens() : TokenResponse();
}

TokenReply *OAuth4QtQmlTokenSessionExtension::freshAccessToken(const QJSValue &callback)
{
    if (!m_session)
        return nullptr;
    return adoptReply(this, m_session->freshAccessToken(), callback);
}

ResourceReply *OAuth4QtQmlTokenSessionExtension::resourceRequest(const QString &method, const QUrl &url,
                                                                 const QJSValue &options, const QJSValue &callback)
{
    if (!m_session)
        return nullptr;
    return adoptWithOptional(this, options, callback, [&](const QJSValue &requestOptions) {
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        toRequestBody(requestOptions, &body, &headers);
        return m_session->resourceRequest(method.toUtf8(), url, body, headers);
    });
}

QUrl OAuth4QtQmlTokenSessionExtension::endSessionUrl(const QJSValue &options) const
{
    if (!m_session || !m_session->client())
        return {};
    return m_session->client()->endSessionUrl(
        m_session->tokens().idToken(),
        QUrl(optionalString(options.property(QStringLiteral("postLogoutRedirectUri")))),
        optionalString(options.property(QStringLiteral("state"))),
        optionalString(options.property(QStringLiteral("uiLocales"))));
}
