// SPDX-License-Identifier: BSD-3-Clause
// The OAuth4Qt QML module's registrations, without network.
import QtQuick
import QtTest
import OAuth4Qt

TestCase {
    id: testCase
    name: "OAuth4QtTypes"

    Client {
        id: client
        issuer: "https://id.example.test"
        allowInsecureHttp: false
    }

    DeviceAuthorizationFlow {
        id: deviceFlow
        client: client
        scope: "openid"
    }

    BackchannelAuthenticationFlow {
        id: cibaFlow
        client: client
        loginHint: "alice"
    }

    MemoryTokenStore { id: store }

    TokenSession {
        id: session
        client: client
        store: store
        storeKey: "qml-test"
    }

    LoopbackListener { id: listener }

    function test_client() {
        compare(client.issuer, "https://id.example.test")
        compare(client.discoveryMode, Client.DiscoveryMode.OpenIdConnect)
        client.discoveryMode = Client.DiscoveryMode.OAuth2
        compare(client.discoveryMode, Client.DiscoveryMode.OAuth2)
        client.discoveryMode = Client.DiscoveryMode.OpenIdConnect
        verify(client.requestTimeout > 0)
    }

    function test_clientProfile() {
        compare(client.profile, Client.Profile.None)
        let changes = 0
        const count = function() { changes += 1 }
        client.profileChanged.connect(count)
        client.profile = Client.Profile.Fapi2Security
        compare(client.profile, Client.Profile.Fapi2Security)
        compare(changes, 1)
        client.profile = Client.Profile.None
        compare(changes, 2)
        client.profileChanged.disconnect(count)
        compare(OAuth.ErrorCode.ProfileViolation > OAuth.ErrorCode.BrowserOpenFailed, true)
    }

    function test_clientConfigValueType() {
        compare(client.clientConfig.clientId, "")
        client.clientConfig.clientId = "qml-client"
        compare(client.clientConfig.clientId, "qml-client")
        client.clientConfig.authMethod = 1 // ClientConfig::AuthMethod::None
        compare(client.clientConfig.authMethod, 1)
    }

    function test_errorAndTokensValueTypes() {
        // Gadget properties of the flows are readable value types.
        compare(deviceFlow.error.isError, false)
        compare(deviceFlow.error.codeName, "no_error")
        compare(deviceFlow.error.category, OAuth.ErrorCategory.NoError)
        compare(deviceFlow.tokens.isNull, true)
        compare(deviceFlow.tokens.accessToken, "")
        compare(session.lastError.isError, false)
        compare(session.tokens().isNull, true)
    }

    function test_enums() {
        compare(OAuth.ErrorCode.Timeout, 102)
        compare(OAuth.ErrorCode.InvalidState, 8)
        compare(OAuth.ErrorCode.AuthorizationDenied, 202)
        compare(OAuth.ErrorCode.Cancelled, 400)
        compare(OAuth.ErrorCategory.InvalidResponse, 4)
        compare(OAuth.ErrorCategory.Cancelled, 5)
        compare(DeviceAuthorizationFlow.Status.Idle, 0)
        compare(deviceFlow.status, DeviceAuthorizationFlow.Status.Idle)
        compare(cibaFlow.mode, BackchannelAuthenticationFlow.Mode.Poll)
        compare(Client.DiscoveryMode.OAuth2, 1)
    }

    AuthorizationCodeFlow { id: codeFlow }

    // One status model for every flow: same names, same values, a running property.
    function test_statusModel() {
        const names = ["Idle", "Requesting", "AwaitingUser", "Granted", "Failed", "Cancelled"]
        for (let i = 0; i < names.length; ++i) {
            compare(AuthorizationCodeFlow.Status[names[i]], i, names[i])
            compare(DeviceAuthorizationFlow.Status[names[i]], i, names[i])
            compare(BackchannelAuthenticationFlow.Status[names[i]], i, names[i])
        }
        // The former names of the code flow.
        compare(AuthorizationCodeFlow.Status.AwaitingBrowser, AuthorizationCodeFlow.Status.AwaitingUser)
        compare(AuthorizationCodeFlow.Status.Exchanging, AuthorizationCodeFlow.Status.Requesting)
        for (const flow of [codeFlow, deviceFlow, cibaFlow]) {
            compare(flow.status, 0)
            compare(flow.running, false)
        }
    }

    Client { id: bareClient } // no issuer

    function test_errorTexts() {
        compare(deviceFlow.error.technicalDetails, "")
        // An operation failing before any request: a sentence, the technical detail kept apart.
        const reply = bareClient.discover()
        tryCompare(reply, "isFinished", true)
        verify(reply.error.isError)
        verify(reply.error.errorString.length > 0)
        verify(reply.error.errorString.indexOf("[") < 0, reply.error.errorString)
        verify(reply.error.technicalDetails.startsWith(reply.error.codeName + "; "), reply.error.technicalDetails)
        verify(reply.error.technicalDetails.indexOf(reply.error.detail) > 0)
    }

    function test_objectProperties() {
        compare(deviceFlow.client, client)
        compare(session.client, client)
        compare(session.store, store)
        compare(session.active, false)
        compare(cibaFlow.loginHint, "alice")
        verify(listener !== null)
    }

    function test_abstractTypesAreNotCreatable() {
        for (const type of ["TokenStore", "RedirectHandler"]) {
            let error = ""
            try {
                Qt.createQmlObject("import OAuth4Qt; " + type + " {}", testCase)
            } catch (e) {
                error = e.qmlErrors[0].message
            }
            verify(error.indexOf(type + " is abstract") >= 0, error)
        }
    }
}
