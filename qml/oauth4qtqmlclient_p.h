// SPDX-License-Identifier: BSD-3-Clause
#pragma once

// The Client's operations for QML (an extension object: the core Client has no QML-specific
// API). Each asynchronous operation returns a reply (see oauth4qtqmlreplies_p.h) and takes an
// optional callback as its last argument; "options" and "parameters" are JavaScript objects
// ({ resource: "https://api.example.com", audience: "api" }; an array value sends the
// parameter once per element). Tokens arguments take either a string (the token) or a
// tokenResponse (flow.tokens, session.tokens(), reply.tokens).

#include <oauth4qt/client.h>
#include <oauth4qt/registrationreply.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/resourcereply.h>

#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtCore/qurl.h>
#include <QtQml/qjsvalue.h>
#include <QtQml/qqml.h>

namespace OAuth4QtQml {

//! A JavaScript object as request parameters (arrays: one parameter per element; null and
//! undefined members left out).
OAuth4Qt::Parameters toParameters(const QJSValue &object);
//! The resource request options { body, headers, contentType }: \a body and \a headers.
void toRequestBody(const QJSValue &options, QByteArray *body,
                   QList<std::pair<QByteArray, QByteArray>> *headers);

} // namespace OAuth4QtQml

class OAuth4QtQmlClientExtension : public QObject
{
    Q_OBJECT
public:
    explicit OAuth4QtQmlClientExtension(QObject *parent);

    //! Sets the client secret of clientConfig (write-only: a secret never becomes a property).
    Q_INVOKABLE void setClientSecret(const QString &secret);
    /*!
        A new DPoP key (RFC 9449) for \a algorithm ("ES256" by default; see
        DPoPKey::supportedAlgorithms()): client.dpopKey = client.generateDPoPKey(). A null key
        when the algorithm is not supported.
    */
    Q_INVOKABLE OAuth4Qt::DPoPKey generateDPoPKey(const QString &algorithm = QStringLiteral("ES256")) const;

    //! Discovery; the reply's metadata (also the client's metadata afterwards).
    Q_INVOKABLE OAuth4Qt::DiscoveryReply *discover(const QJSValue &callback = QJSValue());
    //! client_credentials grant. \a extra: more parameters (resource, audience, ...).
    Q_INVOKABLE OAuth4Qt::TokenReply *requestClientCredentials(const QString &scope = QString(),
                                                               const QJSValue &extra = QJSValue(),
                                                               const QJSValue &callback = QJSValue());
    /*!
        refresh_token grant. \a tokens: the refresh token, or a tokenResponse (its refresh token;
        when it has an ID Token, the new one must keep its iss and sub).
    */
    Q_INVOKABLE OAuth4Qt::TokenReply *refreshToken(const QJSValue &tokens, const QString &scope = QString(),
                                                   const QJSValue &extra = QJSValue(),
                                                   const QJSValue &callback = QJSValue());
    //! Any grant (token exchange, JWT bearer, extension grants) with \a parameters.
    Q_INVOKABLE OAuth4Qt::TokenReply *requestToken(const QString &grantType, const QJSValue &parameters = QJSValue(),
                                                   const QJSValue &callback = QJSValue());
    /*!
        Token exchange (RFC 8693): \a subjectToken (a string, or a tokenResponse: its access
        token) with subject_token_type access_token unless \a parameters names another.
    */
    Q_INVOKABLE OAuth4Qt::TokenReply *exchangeToken(const QJSValue &subjectToken, const QJSValue &parameters = QJSValue(),
                                                    const QJSValue &callback = QJSValue());
    //! UserInfo; the reply's result holds the claims. With a tokenResponse, its ID Token's sub
    //! must match (unless \a expectedSubject is given).
    Q_INVOKABLE OAuth4Qt::JsonReply *userInfo(const QJSValue &tokens, const QJSValue &expectedSubject = QJSValue(),
                                              const QJSValue &callback = QJSValue());
    //! Token introspection; result.active tells whether the token is active.
    Q_INVOKABLE OAuth4Qt::JsonReply *introspect(const QJSValue &token, const QJSValue &tokenTypeHint = QJSValue(),
                                                const QJSValue &callback = QJSValue());
    //! Token revocation.
    Q_INVOKABLE OAuth4Qt::Reply *revoke(const QJSValue &token, const QJSValue &tokenTypeHint = QJSValue(),
                                        const QJSValue &callback = QJSValue());
    //! Dynamic client registration; the reply's clientConfig is ready to assign to clientConfig.
    Q_INVOKABLE OAuth4Qt::RegistrationReply *registerClient(const QJSValue &clientMetadata,
                                                            const QJSValue &initialAccessToken = QJSValue(),
                                                            const QJSValue &callback = QJSValue());
    /*!
        The RP-initiated logout URL (open it with Qt.openUrlExternally()); an empty URL when the
        metadata has no end_session_endpoint (discover() first). \a options: idTokenHint (a
        string or a tokenResponse), postLogoutRedirectUri, state, uiLocales.
    */
    Q_INVOKABLE QUrl endSessionUrl(const QJSValue &options = QJSValue()) const;
    /*!
        A request to a protected resource with \a tokens (an access token string: Bearer; or a
        tokenResponse: Bearer or DPoP as issued, a DPoP proof is added with the client's key).
        \a options: body (a string, an ArrayBuffer, or an object sent as JSON), headers (an
        object), contentType.
    */
    Q_INVOKABLE OAuth4Qt::ResourceReply *resourceRequest(const QString &method, const QUrl &url,
                                                         const QJSValue &tokens,
                                                         const QJSValue &options = QJSValue(),
                                                         const QJSValue &callback = QJSValue());
    //! Protected resource metadata (RFC 9728) of \a resourceUrl; result holds the document.
    Q_INVOKABLE OAuth4Qt::JsonReply *discoverProtectedResource(const QUrl &resourceUrl,
                                                               const QJSValue &resourceMetadataUrl = QJSValue(),
                                                               const QJSValue &callback = QJSValue());

private:
    QPointer<OAuth4Qt::Client> m_client;
};

// client.dpopKey.algorithm, .thumbprint (the key itself never leaves the object).
struct OAuth4QtQmlDPoPKey
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::DPoPKey)
    QML_VALUE_TYPE(dpopKey)
};

struct OAuth4QtQmlClient
{
    Q_GADGET
    QML_FOREIGN(OAuth4Qt::Client)
    QML_NAMED_ELEMENT(Client)
    QML_EXTENDED(OAuth4QtQmlClientExtension)
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
};
