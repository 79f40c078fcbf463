// SPDX-License-Identifier: BSD-3-Clause
// TokenSession and the user-bound operations from QML against the local oidc-provider (fixture
// oidc_provider): sign-in (the browser is "browser", tst_qmlmodule.cpp), the session's tokens
// and expiry, freshAccessToken, refresh, UserInfo, a resource request with the session's fresh
// token (Bearer and DPoP), the end-session URL, restore from the store, sign-out.
import QtQuick
import QtTest
import OAuth4Qt

TestCase {
    id: testCase
    name: "TokenSession"

    readonly property var publicClient: peer.available ? peer.clients["public"] : ({})

    Client {
        id: client
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true // the fixture is plain http on 127.0.0.1
    }
    AuthorizationCodeFlow {
        id: flow
        client: client
        scope: "openid profile offline_access"
        prompt: "consent" // the provider issues a refresh token for offline_access only then
        timeout: 60000
    }

    // DPoP: a client with a key (token type DPoP, proofs on every request).
    Client {
        id: dpopClient
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true
    }
    AuthorizationCodeFlow {
        id: dpopFlow
        client: dpopClient
        scope: "openid profile offline_access"
        prompt: "consent" // the provider issues a refresh token for offline_access only then
        timeout: 60000
    }

    MemoryTokenStore { id: store }
    TokenSession { id: session; client: client; store: store; storeKey: "qml-session"; autoRefresh: false }
    TokenSession { id: restoredSession; client: client; store: store; storeKey: "qml-session"; autoRefresh: false }
    TokenSession { id: dpopSession; client: dpopClient; autoRefresh: false }
    TokenSession { id: emptySession; client: client; autoRefresh: false }

    SignalSpy { id: restoredSpy; target: restoredSession; signalName: "restored" }
    SignalSpy { id: endedSpy; target: session; signalName: "sessionEnded" }

    function initTestCase() {
        verify(peer.available, "no oidc-provider info: OAUTH4QT_PEER_INFO_FILE must name the fixture's info file")
        client.clientConfig.clientId = testCase.publicClient.client_id
        dpopClient.clientConfig.clientId = testCase.publicClient.client_id
        dpopClient.dpopKey = dpopClient.generateDPoPKey("ES256")
        compare(dpopClient.dpopKey.isNull, false)
    }

    function init() {
        browser.enabled = true
        browser.clearCookies()
    }

    SignalSpy { id: grantedSpy; signalName: "granted" }

    function signIn(f) {
        grantedSpy.target = f
        grantedSpy.clear()
        f.start()
        tryCompare(grantedSpy, "count", 1, 60000)
        return grantedSpy.signalArguments[0][0]
    }

    function waitFor(reply) {
        verify(reply !== null && reply !== undefined, "no reply")
        tryCompare(reply, "isFinished", true, 30000)
        return reply
    }

    function test_session() {
        const tokens = signIn(flow)
        verify(tokens.refreshToken.length > 0, "no refresh token")

        // The session's tokens and expiry.
        session.setTokens(tokens)
        compare(session.active, true)
        compare(session.valid, true)
        compare(session.hasRefreshToken, true)
        compare(session.tokenType, "Bearer")
        compare(session.idTokenClaims.sub, "alice")
        verify(session.expiresAt > new Date(), String(session.expiresAt))
        compare(session.tokens().accessToken, tokens.accessToken)

        // freshAccessToken with a callback: the current token is fresh enough.
        let fresh = null
        const reply = session.freshAccessToken(r => { fresh = r })
        verify(reply)
        tryVerify(() => fresh !== null, 30000)
        compare(fresh.error.isError, false, fresh.error.errorString)
        compare(fresh.tokens.accessToken, tokens.accessToken)

        // ... and, with a refresh under way, the refreshed token (the caller joins the refresh).
        session.refresh()
        compare(session.refreshing, true)
        const refreshed = waitFor(session.freshAccessToken())
        compare(refreshed.error.isError, false, refreshed.error.technicalDetails)
        verify(refreshed.tokens.accessToken !== tokens.accessToken)
        compare(session.tokens().accessToken, refreshed.tokens.accessToken)

        // UserInfo with the session's tokens (sub checked against the ID Token).
        const userInfo = waitFor(client.userInfo(session.tokens()))
        compare(userInfo.error.isError, false, userInfo.error.technicalDetails)
        compare(userInfo.result.sub, "alice")

        // A resource request with the session's fresh token: the UserInfo endpoint as the API.
        let resource = null
        session.resourceRequest("GET", client.metadata.userinfoEndpoint, r => { resource = r })
        tryVerify(() => resource !== null, 30000)
        compare(resource.error.isError, false, resource.error.technicalDetails)
        compare(resource.status, 200)
        compare(resource.json.sub, "alice")
        verify(resource.text.indexOf("alice") > 0)
        verify(resource.headerValue("content-type").indexOf("application/json") === 0)
        // POST with a JSON body and headers reaches the server (which refuses the method here).
        const post = waitFor(session.resourceRequest("POST", client.metadata.userinfoEndpoint,
                                                     { body: { hello: "world" }, headers: { "X-Test": "1" } }))
        verify(post.status > 0)

        // Restore at start-up: another session on the same store.
        restoredSpy.clear()
        restoredSession.restore()
        tryCompare(restoredSpy, "count", 1, 10000)
        compare(restoredSpy.signalArguments[0][0], true)
        compare(restoredSession.active, true)
        compare(restoredSession.idTokenClaims.sub, "alice")
        compare(restoredSession.tokens().accessToken, session.tokens().accessToken)

        // Sign-out: the provider's end-session URL (read before ending), then endSession.
        const url = String(session.endSessionUrl({ postLogoutRedirectUri: "http://127.0.0.1/logged-out", state: "bye" }))
        verify(url.startsWith(String(client.metadata.endSessionEndpoint) + "?"), url)
        verify(url.indexOf("id_token_hint=" + session.tokens().idToken) > 0, url)
        verify(url.indexOf("state=bye") > 0, url)
        endedSpy.clear()
        session.endSession()
        compare(endedSpy.count, 1)
        compare(endedSpy.signalArguments[0][0].isError, false)
        compare(session.active, false)
        compare(String(session.endSessionUrl({})).indexOf("id_token_hint"), -1)
        // Nothing to restore any more.
        restoredSpy.clear()
        restoredSession.restore()
        tryCompare(restoredSpy, "count", 1, 10000)
        compare(restoredSpy.signalArguments[0][0], false)
    }

    function test_refreshWithClient() {
        const tokens = signIn(flow)
        // refreshToken with a tokenResponse: the refresh token, with the ID Token's iss/sub kept.
        const reply = waitFor(client.refreshToken(tokens))
        compare(reply.error.isError, false, reply.error.technicalDetails)
        verify(reply.tokens.accessToken.length > 0)
        verify(reply.tokens.accessToken !== tokens.accessToken)
        // A string argument (the refresh token) and a scope.
        const rotated = waitFor(client.refreshToken(reply.tokens.refreshToken, "openid"))
        compare(rotated.error.isError, false, rotated.error.technicalDetails)
        verify(rotated.tokens.accessToken.length > 0)
        // Rotation: the first refresh token is spent.
        const again = waitFor(client.refreshToken(tokens.refreshToken))
        compare(again.error.isError, true)
        compare(again.error.oauthError, "invalid_grant")
        compare(again.error.errorString.indexOf("invalid_grant"), -1)
    }

    function test_freshAccessTokenWithoutTokens() {
        const reply = waitFor(emptySession.freshAccessToken())
        compare(reply.error.code, OAuth.ErrorCode.InvalidState)
        const resource = waitFor(emptySession.resourceRequest("GET", "https://api.example.test/"))
        compare(resource.error.code, OAuth.ErrorCode.InvalidState)
        compare(resource.status, 0)
    }

    function test_abortResourceRequest() {
        let called = null
        const resource = emptySession.resourceRequest("GET", "https://api.example.test/", r => { called = r })
        compare(resource.isFinished, false)
        resource.abort()
        compare(resource.isFinished, true)
        compare(resource.error.code, OAuth.ErrorCode.Cancelled)
        compare(called, resource) // the callback runs once, from abort()
        called = null
        wait(50) // the fresh-token step, still finishing, does not finish the reply again
        compare(called, null)
        compare(resource.error.code, OAuth.ErrorCode.Cancelled)
    }

    function test_dpop() {
        const tokens = signIn(dpopFlow)
        compare(tokens.tokenType, "DPoP")
        const userinfo = dpopClient.metadata.userinfoEndpoint

        // Client.resourceRequest with the DPoP-bound tokens: DPoP proof with ath.
        const direct = waitFor(dpopClient.resourceRequest("GET", userinfo, tokens))
        compare(direct.error.isError, false, direct.error.technicalDetails)
        compare(direct.status, 200)
        compare(direct.json.sub, "alice", direct.text)
        // The bare token as Bearer is refused: it is bound to the key.
        const bearer = waitFor(dpopClient.resourceRequest("GET", userinfo, tokens.accessToken))
        compare(bearer.error.isError, true)
        compare(bearer.status, 401)

        // Client.userInfo with the token response: DPoP scheme and a proof, never Bearer.
        const info = waitFor(dpopClient.userInfo(tokens))
        compare(info.error.isError, false, info.error.technicalDetails)
        compare(info.result.sub, "alice")

        // Through the session (fresh token, DPoP as issued) and UserInfo.
        dpopSession.setTokens(tokens)
        compare(dpopSession.tokenType, "DPoP")
        const viaSession = waitFor(dpopSession.resourceRequest("GET", userinfo))
        compare(viaSession.error.isError, false, viaSession.error.technicalDetails)
        compare(viaSession.json.sub, "alice")
        dpopSession.endSession()
    }
}
