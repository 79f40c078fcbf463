// SPDX-License-Identifier: BSD-3-Clause
// Internal API of oauth4qt (exported for its tests only). Not part of the public API.
#pragma once

#include <oauth4qt/client.h>

#include "core/profile_p.h"
#include "core/reply_p.h"
#include "protocol/endpoints_p.h"
#include "transport/httptransport_p.h"

#include <QtCore/QPointer>

#include <functional>

namespace OAuth4Qt {

class TestClock;

class OAUTH4QT_TESTS_EXPORT ClientPrivate
{
public:
    static ClientPrivate *get(Client *client) { return client->d.get(); }
    static const ClientPrivate *get(const Client *client) { return client->d.get(); }

    using Continuation = std::function<void(const Error &error)>;
    using ResponseHandler = std::function<void(const HttpResponse &response)>;
    using RequestBuilder = std::function<HttpRequest(Error *error)>;
    //! Post-processing of a token response that may need I/O (ID Token validation): calls
    //! \a done exactly once with the (possibly enriched) tokens or an error.
    using TokenValidator = std::function<void(Reply *reply, const TokenResponse &tokens,
                                              const TokenExpectations &expectations,
                                              std::function<void(const TokenResponse &, const Error &)> done)>;

    explicit ClientPrivate(Client *q);

    //! Runs \a next once metadata is available (discovering it first when only the issuer is
    //! known; concurrent callers share one discovery). \a next is not run when \a reply finished
    //! (aborted) meanwhile.
    void withMetadata(Reply *reply, Continuation next);
    //! Checks the profile's configuration (before anything is sent, discovery included), then
    //! builds a request with \a build once the metadata is there, sends it for \a reply, and
    //! hands the response to \a onResponse. Build errors and transport errors finish the reply.
    void send(Reply *reply, RequestBuilder build, ResponseHandler onResponse,
              ProfileOperation profileOperation = ProfileOperation::Any);
    //! A token request with section C processing, then tokenValidator (if any).
    TokenReply *tokenRequest(const QString &grantType, const Parameters &parameters,
                             TokenExpectations expectations);

    //! The authorization_code grant (Client::exchangeAuthorizationCode). \a earlierIdTokenClaims:
    //! the validated claims of the ID Token of a hybrid authorization response, whose iss and sub
    //! the token endpoint's ID Token must repeat (OpenID Connect Core 3.3.3.6); empty otherwise.
    TokenReply *exchangeCode(const QString &code, const QUrl &redirectUri, const QString &codeVerifier,
                             const QString &scope, const QString &nonce, int maxAge, const Parameters &extra,
                             const QJsonObject &earlierIdTokenClaims = {});

    //! The metadata requests use: with mTLS client authentication, the mtls_endpoint_aliases.
    ServerMetadata requestMetadata() const;
    EndpointContext endpointContext() const;
    QDateTime now() const { return clock ? clock().toUTC() : QDateTime::currentDateTimeUtc(); }

    Client *q;
    HttpTransport *transport = nullptr;
    QUrl issuer;
    Client::DiscoveryMode discoveryMode = Client::DiscoveryMode::OpenIdConnect;
    ServerMetadata metadata;
    ClientConfig config;
    int clockTolerance = 30;
    Client::Clock clock;
    //! Runs the protocol timers of everything built on this client (TestClock::attach()).
    QPointer<TestClock> testClock;
    TokenValidator tokenValidator;

    // --- DPoP (issue 5; implemented in client_dpop.cpp) ---
    DPoPKey dpopKey;
    bool dpopRequired = false;
    bool dpopIntrospectionRevocation = true;
    //! Sets request.dpopProof (a fresh proof per attempt, with the transport's nonce; ath of
    //! \a accessToken when not empty).
    void attachDPoP(HttpRequest &request, const QString &accessToken = {}) const;
    //! With a key, and no proof set yet: attaches a proof when \a request goes to the token, PAR,
    //! UserInfo (ath from "Authorization: DPoP ..."), introspection or revocation endpoint.
    //! Fails (UnsupportedAlgorithm) when the server's dpop_signing_alg_values_supported does
    //! not list the key's algorithm.
    Error attachDPoPForEndpoint(HttpRequest &request) const;

    // --- Security profile (profile.cpp) ---
    Client::Profile profile = Client::Profile::None;
    //! The configuration checks of the profile for \a operation (no error without a profile).
    Error checkProfile(ProfileOperation operation) const;

    //! Every reply this Client created (see Client::~Client()); pruned as they finish or go.
    QList<QPointer<Reply>> replies;
    void trackReply(Reply *reply);

    // Shared discovery.
    QPointer<HttpCall> discoveryCall;
    QList<std::pair<QPointer<Reply>, Continuation>> discoveryWaiters;
    void startDiscovery();
};

} // namespace OAuth4Qt
