// SPDX-License-Identifier: BSD-3-Clause
// Complete sign-ins through the QML module against the local oidc-provider (fixture
// oidc_provider). "browser" (tst_qmlmodule.cpp) is the system browser: the flow hands it the
// authorization URL through the plugin's default opener, QDesktopServices::openUrl; it follows
// the provider's redirects (the login completes on its own) back to the flow's loopback
// listener.
import QtQuick
import QtTest
import OAuth4Qt

TestCase {
    id: testCase
    name: "AuthorizationCodeFlow"

    readonly property var publicClient: peer.available ? peer.clients["public"] : ({})

    AuthorizationCodeFlow {
        id: flow
        issuer: peer.available ? peer.issuer : ""
        clientId: testCase.publicClient.client_id || ""
        allowInsecureHttp: true // the fixture is plain http on 127.0.0.1
        scope: "openid profile"
        timeout: 60000
    }

    // The hybrid response type from QML: checked before any request.
    AuthorizationCodeFlow {
        id: hybridFlow
        issuer: peer.available ? peer.issuer : ""
        clientId: "oauth4qt-hybrid"
        allowInsecureHttp: true
        responseType: AuthorizationCodeFlow.ResponseType.CodeIdToken
        detachedSignature: true
        scope: "profile" // no openid: refused
    }
    SignalSpy { id: hybridFailedSpy; target: hybridFlow; signalName: "failed" }

    SignalSpy { id: grantedSpy; target: flow; signalName: "granted" }
    SignalSpy { id: failedSpy; target: flow; signalName: "failed" }
    SignalSpy { id: browserSpy; target: browser; signalName: "finished" }

    MemoryTokenStore { id: store }
    TokenSession { id: session; client: flow.client; store: store; autoRefresh: false }

    function initTestCase() {
        verify(peer.available, "no oidc-provider info: OAUTH4QT_PEER_INFO_FILE must name the fixture's info file")
    }

    function init() {
        grantedSpy.clear()
        failedSpy.clear()
        browserSpy.clear()
        browser.enabled = true
        browser.clearCookies() // each test signs in from a fresh browser profile
        flow.loginHint = ""
        flow.extraParameters = ({})
    }

    function test_0_configuration() {
        compare(flow.status, AuthorizationCodeFlow.Status.Idle)
        compare(flow.tokens.isNull, true)
        compare(flow.error.isError, false)
        compare(flow.clientId, "oauth4qt-native")
        compare(flow.client.issuer, flow.issuer)
        compare(flow.redirectPath, "/callback")
    }

    function test_hybridConfiguration() {
        compare(flow.responseType, AuthorizationCodeFlow.ResponseType.Code) // the default
        compare(flow.detachedSignature, false)
        compare(hybridFlow.responseType, AuthorizationCodeFlow.ResponseType.CodeIdToken)
        compare(hybridFlow.detachedSignature, true)
        const opened = browser.openCount
        hybridFlow.start()
        tryCompare(hybridFailedSpy, "count", 1, 10000)
        const error = hybridFailedSpy.signalArguments[0][0]
        compare(error.code, OAuth.ErrorCode.InvalidConfiguration)
        verify(error.technicalDetails.indexOf("code id_token") >= 0, error.technicalDetails)
        compare(browser.openCount, opened) // nothing was opened
    }

    function test_signIn() {
        const opened = browser.openCount
        flow.start()
        compare(flow.status, AuthorizationCodeFlow.Status.Requesting)
        compare(flow.running, true)
        tryCompare(grantedSpy, "count", 1, 60000)
        compare(failedSpy.count, 0)
        compare(flow.status, AuthorizationCodeFlow.Status.Granted)
        compare(flow.running, false)

        // The browser got the authorization URL through QDesktopServices (the plugin's opener).
        compare(browser.openCount, opened + 1)
        compare(browser.lastOpenedUrl, flow.authorizationUrl)
        verify(String(flow.authorizationUrl).startsWith(peer.issuer + "/"), String(flow.authorizationUrl))
        verify(String(flow.redirectUri).startsWith("http://127.0.0.1:"), String(flow.redirectUri))
        // ... and ended on the loopback listener's page.
        tryCompare(browserSpy, "count", 1, 10000)
        compare(browserSpy.signalArguments[0][1], 200)
        verify(String(browserSpy.signalArguments[0][0]).startsWith(String(flow.redirectUri) + "?"))

        // The tokens: granted(tokens) and the tokens property, as tokenResponse value types.
        const tokens = grantedSpy.signalArguments[0][0]
        verify(tokens.accessToken.length > 0)
        compare(tokens.tokenType, "Bearer")
        verify(tokens.idToken.split(".").length === 3)
        compare(tokens.idTokenClaims.sub, peer.accounts.alice.sub)
        compare(tokens.idTokenClaims.iss, peer.issuer)
        compare(tokens.idTokenClaims.aud, "oauth4qt-native")
        compare(flow.tokens.accessToken, tokens.accessToken)
        compare(flow.tokens.idTokenClaims.sub, "alice")
        compare(flow.error.isError, false)

        // Handing them to a TokenSession (QML extension setTokens()).
        session.setTokens(tokens)
        compare(session.active, true)
        compare(session.valid, true)
        compare(session.idTokenClaims.sub, "alice")
        session.endSession()
        compare(session.active, false)
    }

    function test_signInAsBobWithClaims() {
        flow.loginHint = "bob"
        // Ask for profile claims in the ID Token (OpenID Connect Core 5.5).
        flow.extraParameters = ({ claims: JSON.stringify({ id_token: { name: null } }) })
        flow.start()
        tryCompare(grantedSpy, "count", 1, 60000)
        const claims = grantedSpy.signalArguments[0][0].idTokenClaims
        compare(claims.sub, peer.accounts.bob.sub)
        compare(claims.name, peer.accounts.bob.name)
    }

    function test_denied() {
        flow.loginHint = peer.deny_login_hint
        flow.start()
        tryCompare(failedSpy, "count", 1, 60000)
        compare(grantedSpy.count, 0)
        const error = failedSpy.signalArguments[0][0]
        compare(error.isError, true)
        compare(error.code, OAuth.ErrorCode.AuthorizationDenied)
        compare(error.codeName, "authorization_denied")
        compare(error.category, OAuth.ErrorCategory.Server)
        compare(error.oauthError, "access_denied")
        verify(error.errorString.length > 0)
        compare(flow.status, AuthorizationCodeFlow.Status.Failed)
        compare(flow.error.code, OAuth.ErrorCode.AuthorizationDenied)
        compare(flow.tokens.isNull, true)
    }

    function test_cancel() {
        browser.enabled = false // the user never signs in
        const opened = browser.openCount
        flow.start()
        tryCompare(browser, "openCount", opened + 1, 30000)
        compare(flow.status, AuthorizationCodeFlow.Status.AwaitingUser)
        compare(flow.running, true)
        flow.cancel()
        tryCompare(failedSpy, "count", 1, 10000)
        compare(failedSpy.signalArguments[0][0].code, OAuth.ErrorCode.Cancelled)
        compare(failedSpy.signalArguments[0][0].category, OAuth.ErrorCategory.Cancelled)
        compare(grantedSpy.count, 0)
        compare(flow.status, AuthorizationCodeFlow.Status.Cancelled)
        compare(flow.running, false)
    }
}
