// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/clientconfig.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/resourcereply.h>
#include <oauth4qt/error.h>
#include <oauth4qt/registrationreply.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/servermetadata.h>
#include <oauth4qt/tokenresponse.h>

#include <QtCore/qdatetime.h>
#include <QtCore/qobject.h>
#include <QtCore/qurl.h>

#include <functional>
#include <memory>

QT_BEGIN_NAMESPACE
class QNetworkAccessManager;
class QNetworkRequest;
class QSslConfiguration;
QT_END_NAMESPACE

namespace OAuth4Qt {

class ClientPrivate;

/*!
    \class OAuth4Qt::Client
    The hub of oauth4qt: one authorization server (issuer and its metadata) and one client
    registration, with the HTTP pipeline every request goes through. Each operation returns a
    Reply that finishes exactly once.

    \code
    auto *client = new OAuth4Qt::Client(this);
    client->setIssuer(QUrl(QStringLiteral("https://id.example.com")));
    client->setClientConfig(OAuth4Qt::ClientConfig(QStringLiteral("my-service"), secret));
    auto *reply = client->requestClientCredentials(QStringLiteral("api:read"));
    connect(reply, &OAuth4Qt::Reply::finished, this, [reply] {
        reply->deleteLater();
        if (reply->error())
            qWarning() << reply->error().errorString();
        else
            useToken(reply->tokens().accessToken());
    });
    \endcode

    Operations that need the metadata discover it first when only the issuer is set (concurrent
    operations share one discovery request).
*/
class OAUTH4QT_EXPORT Client : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QUrl issuer READ issuer WRITE setIssuer NOTIFY issuerChanged FINAL)
    Q_PROPERTY(OAuth4Qt::Client::DiscoveryMode discoveryMode READ discoveryMode WRITE setDiscoveryMode NOTIFY discoveryModeChanged FINAL)
    Q_PROPERTY(OAuth4Qt::ServerMetadata metadata READ metadata WRITE setMetadata NOTIFY metadataChanged FINAL)
    Q_PROPERTY(OAuth4Qt::ClientConfig clientConfig READ clientConfig WRITE setClientConfig NOTIFY clientConfigChanged FINAL)
    Q_PROPERTY(bool allowInsecureHttp READ allowInsecureHttp WRITE setAllowInsecureHttp NOTIFY allowInsecureHttpChanged FINAL)
    Q_PROPERTY(int requestTimeout READ requestTimeout WRITE setRequestTimeout NOTIFY requestTimeoutChanged FINAL)
    Q_PROPERTY(qint64 maxResponseSize READ maxResponseSize WRITE setMaxResponseSize NOTIFY maxResponseSizeChanged FINAL)
    Q_PROPERTY(int clockTolerance READ clockTolerance WRITE setClockTolerance NOTIFY clockToleranceChanged FINAL)
    Q_PROPERTY(QByteArray userAgent READ userAgent WRITE setUserAgent NOTIFY userAgentChanged FINAL)

public:
    enum class DiscoveryMode {
        OpenIdConnect, //!< {issuer}/.well-known/openid-configuration
        OAuth2,        //!< RFC 8414: /.well-known/oauth-authorization-server{issuer path}
    };
    Q_ENUM(DiscoveryMode)

    using RequestModifier = std::function<void(QNetworkRequest &request)>;
    using Clock = std::function<QDateTime()>;

    explicit Client(QObject *parent = nullptr);
    ~Client() override;

    QUrl issuer() const;
    void setIssuer(const QUrl &issuer);
    DiscoveryMode discoveryMode() const;
    void setDiscoveryMode(DiscoveryMode mode);

    //! The validated metadata; set it directly for static configuration without discovery
    //! (validate a JSON document with ServerMetadata::fromJson() first).
    ServerMetadata metadata() const;
    void setMetadata(const ServerMetadata &metadata);

    ClientConfig clientConfig() const;
    void setClientConfig(const ClientConfig &config);

    //! Permit http:// endpoints on loopback hosts only (127.0.0.0/8, ::1, localhost), for local
    //! development: the issuer, every discovered endpoint and every request; http:// to any
    //! other host is refused before any connection. Default false.
    bool allowInsecureHttp() const;
    void setAllowInsecureHttp(bool allow);
    //! Absolute deadline per HTTP request in milliseconds (whole request and response). Default 30000.
    int requestTimeout() const;
    void setRequestTimeout(int msecs);
    //! Response body cap in bytes. Default 1 MiB.
    qint64 maxResponseSize() const;
    void setMaxResponseSize(qint64 bytes);
    //! Allowed clock skew in seconds for JWT time claims. Default 30.
    int clockTolerance() const;
    void setClockTolerance(int seconds);
    QByteArray userAgent() const;
    void setUserAgent(const QByteArray &userAgent);

    //! The application's QNetworkAccessManager (proxy, TLS settings...); nullptr: an internal one.
    //! The library never changes the manager's own settings; it sets what it needs per request.
    QNetworkAccessManager *networkAccessManager() const;
    void setNetworkAccessManager(QNetworkAccessManager *manager);
    //! TLS configuration for every request: client certificate for tls_client_auth / mTLS,
    //! custom CA. TLS errors are never ignored.
    void setSslConfiguration(const QSslConfiguration &configuration);
    //! Runs last on every outgoing request (extra headers, ...).
    void setRequestModifier(const RequestModifier &modifier);
    //! The clock used for JWT time checks and expiry (default: the system clock, UTC). The
    //! timers of sessions and flows keep running on real time; TestClock::attach() replaces
    //! both the clock and those timers (for tests).
    void setClock(const Clock &clock);
    QDateTime currentTime() const;

    //! Fetches and validates the metadata of issuer() and makes it metadata().
    DiscoveryReply *discover();

    //! client_credentials grant (RFC 6749 4.4).
    TokenReply *requestClientCredentials(const QString &scope = {}, const Parameters &extra = {});
    //! refresh_token grant (RFC 6749 6). An empty \a scope keeps the original scope.
    TokenReply *refreshToken(const QString &refreshToken, const QString &scope = {},
                             const Parameters &extra = {});
    /*!
        authorization_code grant (RFC 6749 4.1.3 with PKCE, RFC 7636). The authorization flows
        call this; applications rarely do. \a nonce and \a maxAge are the ones of the
        authorization request (for ID Token validation); an ID Token is required when \a scope
        contains "openid".
    */
    TokenReply *exchangeAuthorizationCode(const QString &code, const QUrl &redirectUri,
                                          const QString &codeVerifier, const QString &scope = {},
                                          const QString &nonce = {}, int maxAge = -1,
                                          const Parameters &extra = {});
    /*!
        Any grant at the token endpoint: token exchange (RFC 8693), JWT bearer (RFC 7523),
        SAML 2.0 bearer (RFC 7522), an extension grant. \a parameters are sent as given
        (scope, resource, subject_token, assertion, ...).
    */
    TokenReply *requestToken(const QString &grantType, const Parameters &parameters = {});

    // --- OpenID Connect ---
    /*!
        refresh_token grant for a session with an ID Token: like refreshToken(), and an ID Token
        in the response must keep the iss and sub of \a previousIdTokenClaims (the original
        ID Token's claims, TokenResponse::idTokenClaims()), OpenID Connect Core 12.2.
    */
    TokenReply *refreshOpenIdTokens(const QString &refreshToken, const QJsonObject &previousIdTokenClaims,
                                    const QString &scope = {}, const Parameters &extra = {});
    /*!
        UserInfo request (OpenID Connect Core 5.3): GET with the access token in the
        Authorization header only. JSON, or a signed JWT when the client registered
        userinfo_signed_response_alg (the other kind is refused; the signature, alg, and iss/aud
        when present are verified). result() holds the claims; \a expectedSubject (the ID Token's
        sub) must equal their sub. A 401 challenge fails with AuthenticationChallenge.
    */
    JsonReply *userInfo(const QString &accessToken, const QString &expectedSubject = {});
    /*!
        UserInfo with the access token and token type of \a tokens. A DPoP-bound token
        (token_type DPoP) is always sent as "Authorization: DPoP <token>" with a DPoP proof
        carrying ath, and retried exactly once on use_dpop_nonce; never as Bearer. A DPoP token
        without dpopKey() fails with InvalidConfiguration (a usage error) before any request.
        A Bearer token is sent as by userInfo(const QString &, const QString &).
    */
    JsonReply *userInfo(const TokenResponse &tokens, const QString &expectedSubject = {});
    /*!
        Token introspection (RFC 7662): result() is the response with "active" a boolean; an
        inactive token gives exactly {"active": false}. With introspectionSignedResponseAlg
        registered, asks for and verifies a JWT response (RFC 9701) and returns its
        token_introspection object.
    */
    JsonReply *introspect(const QString &token, const QString &tokenTypeHint = {});
    /*!
        Token revocation (RFC 7009): succeeds on 200 (whatever the body) and 204. A 400
        unsupported_token_type fails with OAuthError "unsupported_token_type"; a 503 with
        Retry-After carries Error::retryAfter().
    */
    Reply *revoke(const QString &token, const QString &tokenTypeHint = {});
    //! Dynamic client registration (RFC 7591) at registration_endpoint, with an optional initial
    //! access token; the reply gives a ready ClientConfig.
    RegistrationReply *registerClient(const QJsonObject &clientMetadata, const QString &initialAccessToken = {});
    /*!
        RP-initiated logout: the end_session_endpoint URL with id_token_hint, client_id,
        post_logout_redirect_uri, state and ui_locales (empty ones left out). Needs the metadata
        (discover() first); an invalid URL and \a error otherwise.
    */
    QUrl endSessionUrl(const QString &idTokenHint = {}, const QUrl &postLogoutRedirectUri = {},
                       const QString &state = {}, const QString &uiLocales = {}, Error *error = nullptr) const;
    /*!
        Protected resource metadata (RFC 9728) of \a resourceUrl: fetched from
        /.well-known/oauth-protected-resource inserted after the host, or from
        \a resourceMetadataUrl when given (the resource_metadata parameter of a challenge);
        the document's "resource" must equal \a resourceUrl. Needs no authorization server.
    */
    JsonReply *discoverProtectedResource(const QUrl &resourceUrl, const QUrl &resourceMetadataUrl = {});
    //! The same, with the metadata URL taken from the resource_metadata parameter of the
    //! WWW-Authenticate header values \a wwwAuthenticate of a 401 from \a resourceUrl.
    JsonReply *discoverProtectedResourceFromChallenge(const QUrl &resourceUrl, const QList<QByteArray> &wwwAuthenticate);
    /*!
        For resource servers: validates an RFC 9068 JWT access token issued by issuer():
        typ at+jwt, signature with the issuer's JWKS (cached, shared with ID Token validation),
        iss, aud containing \a audience, exp, iat, sub, client_id, jti. \a algorithms defaults
        to every asymmetric algorithm (the key type must fit). result() holds the claims.
    */
    JsonReply *validateAccessToken(const QString &accessToken, const QString &audience,
                                   const QStringList &algorithms = {});
    // --- end OpenID Connect ---

    // --- Authorization requests ---
    /*!
        Pushed authorization request (RFC 9126): POSTs \a parameters (the whole authorization
        request, or client_id + request for a signed request object) with the client's
        authentication to pushed_authorization_request_endpoint (MissingEndpoint when the server
        has none). Only 201 is accepted; request_uri must be a non-empty string and
        expires_in a positive integer. A 400 fails with OAuthError, 429/503 with RateLimited,
        anything else with UnexpectedStatus. result() holds the response: the front channel
        then carries only client_id and request_uri. AuthorizationCodeFlow calls this.
    */
    JsonReply *pushAuthorizationRequest(const Parameters &parameters);
    // --- end Authorization requests ---

    // --- DPoP, device, CIBA ---
    Q_PROPERTY(OAuth4Qt::DPoPKey dpopKey READ dpopKey WRITE setDPoPKey NOTIFY dpopKeyChanged FINAL)
    Q_PROPERTY(bool dpopRequired READ isDPoPRequired WRITE setDPoPRequired NOTIFY dpopRequiredChanged FINAL)
    Q_PROPERTY(bool dpopForIntrospectionAndRevocation READ dpopForIntrospectionAndRevocation WRITE setDPoPForIntrospectionAndRevocation NOTIFY dpopForIntrospectionAndRevocationChanged FINAL)
public:
    /*!
        The DPoP key (RFC 9449); a null key (the default) means no DPoP. With a key, requests to
        the token, PAR and UserInfo endpoints (and introspection/revocation, see
        dpopForIntrospectionAndRevocation) carry a DPoP proof, the transport answers a
        use_dpop_nonce error with exactly one retry, and resourceRequest() sends DPoP proofs
        with ath for DPoP-bound tokens. The device authorization and backchannel authentication
        requests never carry a proof. authorizationDPoPJkt() is the dpop_jkt of authorization
        requests.
    */
    DPoPKey dpopKey() const;
    void setDPoPKey(const DPoPKey &key);
    //! With a DPoP key: refuse a token response whose token_type is Bearer. Default false.
    bool isDPoPRequired() const;
    void setDPoPRequired(bool required);
    //! With a DPoP key: also send proofs to the introspection and revocation endpoints. Default true.
    bool dpopForIntrospectionAndRevocation() const;
    void setDPoPForIntrospectionAndRevocation(bool enabled);
    //! The dpop_jkt authorization request parameter (the key's thumbprint), empty without a key.
    QString authorizationDPoPJkt() const;

    /*!
        Sends the application's own request to a protected resource with \a accessToken:
        "Authorization: DPoP <token>" plus a DPoP proof with ath when \a tokenType is DPoP
        (case-insensitive; needs dpopKey()), "Authorization: Bearer <token>" otherwise. A 401
        WWW-Authenticate: DPoP error="use_dpop_nonce" with a DPoP-Nonce is retried exactly once
        with the nonce. Any method; \a body is sent as is with \a headers (e.g. Content-Type).
        The request goes through the same pipeline (https only, no redirects, deadline, size cap).
    */
    ResourceReply *resourceRequest(const QByteArray &method, const QUrl &url, const QString &accessToken,
                                   const QString &tokenType = QStringLiteral("Bearer"),
                                   const QByteArray &body = {},
                                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});
    //! resourceRequest() with the access token and token type of \a tokens.
    ResourceReply *resourceRequest(const QByteArray &method, const QUrl &url, const TokenResponse &tokens,
                                   const QByteArray &body = {},
                                   const QList<std::pair<QByteArray, QByteArray>> &headers = {});

    /*!
        The device authorization request (RFC 8628 3.1), validated: result() holds
        device_code, user_code, verification_uri, verification_uri_complete (when sent),
        expires_in and interval (5 when absent). Never carries a DPoP proof.
        DeviceAuthorizationFlow drives the whole grant.
    */
    JsonReply *requestDeviceAuthorization(const QString &scope = {}, const Parameters &extra = {});
    /*!
        The CIBA backchannel authentication request (OpenID CIBA 7.1) with \a parameters
        (scope, login_hint / id_token_hint / login_hint_token, binding_message, requested_expiry,
        client_notification_token, ...), validated: result() holds auth_req_id, expires_in
        and interval (when sent). BackchannelAuthenticationFlow drives the whole grant.
    */
    JsonReply *requestBackchannelAuthentication(const Parameters &parameters);

Q_SIGNALS:
    void dpopKeyChanged();
    void dpopRequiredChanged();
    void dpopForIntrospectionAndRevocationChanged();
public:
    // --- end of DPoP, device, CIBA ---

    // --- Security profile ---
    Q_PROPERTY(OAuth4Qt::Client::Profile profile READ profile WRITE setProfile NOTIFY profileChanged FINAL)
public:
    //! A security profile the client follows (see profile()).
    enum class Profile {
        None,          //!< no profile: the library's own defaults (the default)
        Fapi2Security, //!< the FAPI 2.0 Security Profile
    };
    Q_ENUM(Profile)

    /*!
        The security profile every operation follows. With Profile::Fapi2Security: client
        authentication private_key_jwt (PS256 for an RSA key, ES256, EdDSA) or mutual TLS;
        sender-constrained tokens (a DPoP key or a TLS client certificate) for every token
        request and sign-in; PS256, ES256 and EdDSA only, for what the client signs and for the
        ID Tokens and JARM responses it accepts; AuthorizationCodeFlow always pushes its request
        (PAR), requires iss in the authorization response (RFC 9207) and refuses hybrid
        responses; a DPoP-bound request refuses a Bearer token. A configuration the profile
        forbids fails with ProfileViolation (a usage error naming the setting) before any
        request, discovery included. Default Profile::None.
    */
    Profile profile() const;
    void setProfile(Profile profile);
    //! The ProfileViolation a sign-in or token request would fail with under profile() (what
    //! can be checked without the server's metadata); no error when the configuration conforms.
    Error profileViolation() const;
Q_SIGNALS:
    void profileChanged();
public:
    // --- end of Security profile ---

Q_SIGNALS:
    void issuerChanged();
    void discoveryModeChanged();
    void metadataChanged();
    void clientConfigChanged();
    void allowInsecureHttpChanged();
    void requestTimeoutChanged();
    void maxResponseSizeChanged();
    void clockToleranceChanged();
    void userAgentChanged();

private:
    friend class ClientPrivate;
    std::unique_ptr<ClientPrivate> const d;
};

} // namespace OAuth4Qt
