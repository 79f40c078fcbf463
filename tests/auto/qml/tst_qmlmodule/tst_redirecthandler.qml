// SPDX-License-Identifier: BSD-3-Clause
// AuthorizationCodeFlow.redirectHandler from QML against the local oidc-provider (fixture
// oidc_provider): the loopback listener (default), a private-use URI scheme and a claimed https
// link through UriSchemeHandler. The system handing the redirect URL to the application is
// simulated the way Android and iOS do it: "browser" (tst_qmlmodule.cpp) passes the redirect to
// QDesktopServices::openUrl(), where UriSchemeHandler registered its URL handler. The client
// with these redirect URIs is registered dynamically (RFC 7591) from QML.
import QtQuick
import QtTest
import OAuth4Qt

TestCase {
    id: testCase
    name: "RedirectHandler"

    readonly property string schemeUri: "com.example.app:/callback"
    readonly property string claimedUri: "https://app.example.test/oauth/callback"

    Client {
        id: client
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true // the fixture is plain http on 127.0.0.1
    }

    AuthorizationCodeFlow {
        id: flow
        client: client
        scope: "openid profile"
        timeout: 60000
    }

    UriSchemeHandler { id: schemeHandler; redirectUri: testCase.schemeUri }
    UriSchemeHandler { id: claimedHandler; redirectUri: testCase.claimedUri }
    LoopbackListener { id: loopback }

    SignalSpy { id: grantedSpy; target: flow; signalName: "granted" }
    SignalSpy { id: failedSpy; target: flow; signalName: "failed" }
    SignalSpy { id: rejectedSpy; target: claimedHandler; signalName: "callbackRejected" }

    function initTestCase() {
        verify(peer.available, "no oidc-provider info: OAUTH4QT_PEER_INFO_FILE must name the fixture's info file")
        // A native client with the three kinds of redirect URI.
        const reply = client.registerClient({
            client_name: "qml-redirects",
            application_type: "native",
            token_endpoint_auth_method: "none",
            redirect_uris: ["http://127.0.0.1/callback", testCase.schemeUri, testCase.claimedUri],
            grant_types: ["authorization_code"],
            response_types: ["code"]
        }, peer.initial_access_token)
        tryCompare(reply, "isFinished", true, 30000)
        compare(reply.error.isError, false, reply.error.technicalDetails)
        client.clientConfig = reply.clientConfig
    }

    function init() {
        grantedSpy.clear()
        failedSpy.clear()
        rejectedSpy.clear()
        browser.enabled = true
        browser.clearCookies()
    }

    function signIn() {
        flow.start()
        tryCompare(grantedSpy, "count", 1, 60000)
        compare(failedSpy.count, 0)
        const tokens = grantedSpy.signalArguments[0][0]
        compare(tokens.idTokenClaims.sub, "alice")
        compare(tokens.idTokenClaims.aud, client.clientConfig.clientId)
        return tokens
    }

    function test_registration() {
        compare(schemeHandler.urlHandlerRegistered, true)
        compare(claimedHandler.urlHandlerRegistered, true)
        compare(schemeHandler.active, false)
    }

    function test_loopbackByDefault() {
        flow.redirectHandler = null
        signIn()
        verify(String(flow.redirectUri).startsWith("http://127.0.0.1:"), String(flow.redirectUri))
        verify(flow.redirectHandler !== null) // the built-in listener
    }

    function test_loopbackListener() {
        flow.redirectHandler = loopback
        compare(flow.redirectHandler, loopback)
        signIn()
        verify(String(flow.redirectUri).startsWith("http://127.0.0.1:"), String(flow.redirectUri))
        flow.redirectHandler = null
    }

    function test_privateUseScheme() {
        flow.redirectHandler = schemeHandler
        signIn()
        compare(String(flow.redirectUri), testCase.schemeUri)
        verify(String(browser.handedOff).startsWith(testCase.schemeUri + "?"), String(browser.handedOff))
        compare(schemeHandler.active, false)
        flow.redirectHandler = null
    }

    function test_claimedHttpsLink() {
        flow.redirectHandler = claimedHandler
        signIn()
        compare(String(flow.redirectUri), testCase.claimedUri)
        verify(String(browser.handedOff).startsWith(testCase.claimedUri + "?"), String(browser.handedOff))
        flow.redirectHandler = null
    }

    function test_otherUrlsOfTheSchemeAreNotTaken() {
        flow.redirectHandler = claimedHandler
        browser.enabled = false // the user has not signed in yet
        flow.start()
        tryCompare(flow, "status", AuthorizationCodeFlow.Status.AwaitingUser, 30000)
        compare(claimedHandler.active, true)
        // Another https URL the application opens goes on to the system, not to the flow.
        Qt.openUrlExternally("https://elsewhere.example.test/page")
        compare(rejectedSpy.count, 0)
        compare(claimedHandler.active, true)
        // A callback for the redirect URI with a wrong state is refused; the flow keeps waiting.
        Qt.openUrlExternally(testCase.claimedUri + "?code=x&state=forged")
        compare(rejectedSpy.count, 1)
        compare(rejectedSpy.signalArguments[0][0].code, OAuth.ErrorCode.StateMismatch)
        compare(flow.running, true)
        flow.cancel()
        compare(flow.status, AuthorizationCodeFlow.Status.Cancelled)
        compare(claimedHandler.active, false)
        flow.redirectHandler = null
    }

    function test_unregistered() {
        const handler = Qt.createQmlObject("import OAuth4Qt; UriSchemeHandler { redirectUri: 'org.example.other:/cb'; registerUrlHandler: false }", testCase)
        compare(handler.urlHandlerRegistered, false)
        handler.registerUrlHandler = true
        compare(handler.urlHandlerRegistered, true)
        handler.destroy()
    }
}
