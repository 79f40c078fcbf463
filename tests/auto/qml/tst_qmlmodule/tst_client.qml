// SPDX-License-Identifier: BSD-3-Clause
// Every Client operation from QML against the local oidc-provider (fixture oidc_provider):
// discovery, client credentials, token exchange, introspection, revocation, registration,
// end-session URL; replies read through finished, through callbacks, and freed by the garbage
// collector.
import QtQuick
import QtTest
import OAuth4Qt

TestCase {
    id: testCase
    name: "ClientOperations"

    readonly property var basic: peer.available ? peer.clients["basic"] : ({})

    Client {
        id: client
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true // the fixture is plain http on 127.0.0.1
    }

    // A client only for the failure cases (never configured with credentials).
    Client {
        id: unknownClient
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true
    }

    function initTestCase() {
        verify(peer.available, "no oidc-provider info: OAUTH4QT_PEER_INFO_FILE must name the fixture's info file")
        client.clientConfig.clientId = testCase.basic.client_id
        client.setClientSecret(testCase.basic.client_secret)
        unknownClient.clientConfig.clientId = "no-such-client"
        unknownClient.setClientSecret("wrong")
    }

    // Waits for a reply's finished() through a Connections-free handler and returns it.
    function waitFor(reply) {
        verify(reply !== null && reply !== undefined, "no reply")
        tryCompare(reply, "isFinished", true, 30000)
        return reply
    }

    function test_0_discoverWithCallback() {
        let called = null
        const reply = client.discover(r => { called = r })
        verify(reply)
        compare(reply.isFinished, false)
        tryVerify(() => called !== null, 30000)
        compare(called, reply)
        compare(reply.error.isError, false, reply.error.errorString)
        compare(String(reply.metadata.issuer), peer.issuer)
        compare(String(reply.metadata.tokenEndpoint), peer.issuer + "/token")
        compare(String(client.metadata.issuer), peer.issuer)
    }

    function test_finishedSignal() {
        const reply = client.requestClientCredentials("api:read")
        let signalled = 0
        reply.finished.connect(() => { ++signalled })
        tryCompare(reply, "isFinished", true, 30000)
        compare(signalled, 1)
        compare(reply.error.isError, false, reply.error.errorString)
        verify(reply.tokens.accessToken.length > 0)
        compare(reply.tokens.tokenType, "Bearer")
        compare(reply.tokens.scope, "api:read")
    }

    function test_clientCredentialsWithExtraAndCallback() {
        let tokens = null
        const reply = client.requestClientCredentials("api:read", { resource: peer.opaque_resource },
                                                      r => { tokens = r.tokens })
        tryVerify(() => tokens !== null, 30000)
        compare(reply.error.isError, false, reply.error.errorString)
        verify(tokens.accessToken.length > 0)
    }

    function test_tokenExchangeIntrospectionRevocation() {
        // Opaque tokens (the provider introspects only those).
        const cc = waitFor(client.requestClientCredentials("api:read", { resource: peer.opaque_resource }))
        compare(cc.error.isError, false, cc.error.errorString)

        // Token exchange (RFC 8693) with the client-credentials token as the subject token.
        const exchanged = waitFor(client.exchangeToken(cc.tokens, { scope: "api:read", resource: peer.opaque_resource }))
        compare(exchanged.error.isError, false, exchanged.error.errorString)
        verify(exchanged.tokens.accessToken.length > 0)
        verify(exchanged.tokens.accessToken !== cc.tokens.accessToken)
        compare(exchanged.tokens.issuedTokenType, "urn:ietf:params:oauth:token-type:access_token")

        // The generic grant: the same exchange spelled out.
        const generic = waitFor(client.requestToken("urn:ietf:params:oauth:grant-type:token-exchange", {
            subject_token: cc.tokens.accessToken,
            subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
            scope: "api:read"
        }))
        compare(generic.error.isError, false, generic.error.errorString)
        verify(generic.tokens.accessToken.length > 0)

        // Introspection of a string token and of a tokenResponse.
        const active = waitFor(client.introspect(exchanged.tokens.accessToken, "access_token"))
        compare(active.error.isError, false, active.error.errorString)
        compare(active.result.active, true)
        compare(active.result.client_id, testCase.basic.client_id)

        // Revocation, then the token is inactive.
        let revoked = null
        client.revoke(exchanged.tokens, "access_token", r => { revoked = r })
        tryVerify(() => revoked !== null, 30000)
        compare(revoked.error.isError, false, revoked.error.errorString)
        const inactive = waitFor(client.introspect(exchanged.tokens))
        compare(inactive.result.active, false)
    }

    function test_protectedResourceMetadata() {
        // The callback in place of the optional metadata URL: a resource on another host over
        // http is refused before any request.
        let answered = null
        client.discoverProtectedResource("http://api.example.test/v1", r => { answered = r })
        tryVerify(() => answered !== null, 30000)
        compare(answered.error.code, OAuth.ErrorCode.InsecureUrl)
        // The metadata URL given, with a callback: the fixture serves no resource metadata (404).
        let missing = null
        client.discoverProtectedResource(peer.issuer + "/api", peer.issuer + "/no-such-metadata", r => { missing = r })
        tryVerify(() => missing !== null, 30000)
        compare(missing.error.code, OAuth.ErrorCode.UnexpectedStatus)
        compare(missing.error.httpStatus, 404)
    }

    function test_serverError() {
        const reply = waitFor(unknownClient.requestClientCredentials("api:read"))
        compare(reply.error.isError, true)
        compare(reply.error.category, OAuth.ErrorCategory.Server)
        compare(reply.error.oauthError, "invalid_client")
        verify(reply.tokens.isNull)
        // A sentence for the user, without the technical detail (that is in detail/oauthError).
        verify(reply.error.errorString.length > 0)
        verify(reply.error.errorString.indexOf("invalid_client") < 0, reply.error.errorString)
        verify(reply.error.errorString.indexOf("[") < 0, reply.error.errorString)
    }

    function test_abort() {
        const reply = client.requestClientCredentials("api:read")
        reply.abort()
        compare(reply.isFinished, true)
        compare(reply.error.code, OAuth.ErrorCode.Cancelled)
    }

    function test_registration() {
        let registered = null
        client.registerClient({
            client_name: "qml-registered",
            redirect_uris: ["http://127.0.0.1/callback"],
            grant_types: ["client_credentials"],
            response_types: [],
            token_endpoint_auth_method: "client_secret_post"
        }, peer.initial_access_token, r => { registered = r })
        tryVerify(() => registered !== null, 30000)
        compare(registered.error.isError, false, registered.error.errorString)
        verify(registered.result.client_id.length > 0)
        compare(registered.clientConfig.clientId, registered.result.client_id)
        compare(registered.clientConfig.authMethod, 3) // ClientSecretPost

        // The registration's config makes a working client.
        const other = Qt.createQmlObject("import OAuth4Qt; Client { allowInsecureHttp: true }", testCase)
        other.issuer = peer.issuer
        other.clientConfig = registered.clientConfig
        const cc = waitFor(other.requestClientCredentials())
        compare(cc.error.isError, false, cc.error.errorString)
        verify(cc.tokens.accessToken.length > 0)
        other.destroy()
    }

    function test_endSessionUrl() {
        const url = String(client.endSessionUrl({ idTokenHint: "a.b.c",
                                                  postLogoutRedirectUri: "http://127.0.0.1/logged-out",
                                                  state: "s1" }))
        verify(url.startsWith(peer.issuer + "/session/end?"), url)
        verify(url.indexOf("id_token_hint=a.b.c") > 0, url)
        verify(url.indexOf("post_logout_redirect_uri=http") > 0, url)
        verify(url.indexOf("state=s1") > 0, url)
        verify(url.indexOf("client_id=" + testCase.basic.client_id) > 0, url)
        // Without metadata there is none.
        const bare = Qt.createQmlObject("import OAuth4Qt; Client {}", testCase)
        compare(String(bare.endSessionUrl({})), "")
        bare.destroy()
    }

    function test_dpopKey() {
        const key = client.generateDPoPKey("ES256")
        compare(key.isNull, false)
        compare(key.algorithm, "ES256")
        verify(key.thumbprint.length > 0)
        compare(client.generateDPoPKey("none").isNull, true)
    }

    // A reply nobody references still delivers its callback (it is kept while running), and
    // is freed by the garbage collector afterwards.
    function test_replyOwnership() {
        let delivered = false
        const destroyedBefore = tracker.destroyedCount
        client.requestClientCredentials("api:read", r => {
            delivered = !r.error.isError
            tracker.watch(r)
        })
        gc()
        tryVerify(() => delivered, 30000)
        tryVerify(() => { gc(); return tracker.destroyedCount > destroyedBefore }, 10000,
                  "the finished reply was not freed")
    }
}
