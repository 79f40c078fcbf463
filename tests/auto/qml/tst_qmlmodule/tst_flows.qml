// SPDX-License-Identifier: BSD-3-Clause
// The device authorization flow and CIBA from QML against the local oidc-provider (fixture
// oidc_provider), with the shared status model: Requesting, AwaitingUser, then Granted /
// Failed / Cancelled, and running. The user's approval goes through the fixture's test
// endpoints (POST /__test/device/approve, /__test/ciba/approve).
import QtQuick
import QtTest
import OAuth4Qt

TestCase {
    id: testCase
    name: "Flows"

    readonly property var publicClient: peer.available ? peer.clients["public"] : ({})
    readonly property var basic: peer.available ? peer.clients["basic"] : ({})

    Client {
        id: publicClient
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true // the fixture is plain http on 127.0.0.1
    }
    Client {
        id: confidentialClient
        issuer: peer.available ? peer.issuer : ""
        allowInsecureHttp: true
    }

    property var deviceStatuses: []
    property var cibaStatuses: []

    DeviceAuthorizationFlow {
        id: deviceFlow
        client: publicClient
        scope: "openid profile"
        onStatusChanged: testCase.deviceStatuses.push(status)
    }
    BackchannelAuthenticationFlow {
        id: cibaFlow
        client: confidentialClient
        scope: "openid"
        loginHint: "alice"
        bindingMessage: "QML1"
        onStatusChanged: testCase.cibaStatuses.push(status)
    }

    SignalSpy { id: deviceGranted; target: deviceFlow; signalName: "granted" }
    SignalSpy { id: deviceFailed; target: deviceFlow; signalName: "failed" }
    SignalSpy { id: cibaGranted; target: cibaFlow; signalName: "granted" }
    SignalSpy { id: cibaFailed; target: cibaFlow; signalName: "failed" }

    function initTestCase() {
        verify(peer.available, "no oidc-provider info: OAUTH4QT_PEER_INFO_FILE must name the fixture's info file")
        publicClient.clientConfig.clientId = testCase.publicClient.client_id
        confidentialClient.clientConfig.clientId = testCase.basic.client_id
        confidentialClient.setClientSecret(testCase.basic.client_secret)
    }

    function init() {
        deviceGranted.clear(); deviceFailed.clear(); cibaGranted.clear(); cibaFailed.clear()
        testCase.deviceStatuses = []
        testCase.cibaStatuses = []
    }

    // POST to the fixture's test-control endpoint; returns the HTTP status.
    function testControl(path) {
        let status = -1
        const request = new XMLHttpRequest()
        request.onreadystatechange = () => {
            if (request.readyState === XMLHttpRequest.DONE)
                status = request.status
        }
        request.open("POST", peer.test_base_url + path)
        request.send()
        tryVerify(() => status !== -1, 10000)
        return status
    }

    function test_deviceFlow() {
        deviceFlow.start()
        compare(deviceFlow.running, true)
        tryCompare(deviceFlow, "status", DeviceAuthorizationFlow.Status.AwaitingUser, 30000)
        verify(deviceFlow.userCode.length > 0)
        verify(String(deviceFlow.verificationUri).length > 0)
        verify(deviceFlow.remainingTime > 0)
        compare(testControl("/device/approve?user_code=" + encodeURIComponent(deviceFlow.userCode)), 200)
        tryCompare(deviceGranted, "count", 1, 60000)
        compare(deviceFailed.count, 0)
        compare(deviceFlow.running, false)
        compare(deviceFlow.tokens.idTokenClaims.sub, "alice")
        compare(testCase.deviceStatuses, [DeviceAuthorizationFlow.Status.Requesting,
                                          DeviceAuthorizationFlow.Status.AwaitingUser,
                                          DeviceAuthorizationFlow.Status.Granted])
    }

    function test_deviceFlowDenied() {
        deviceFlow.start()
        tryCompare(deviceFlow, "status", DeviceAuthorizationFlow.Status.AwaitingUser, 30000)
        compare(testControl("/device/deny?user_code=" + encodeURIComponent(deviceFlow.userCode)), 200)
        tryCompare(deviceFailed, "count", 1, 60000)
        compare(deviceFlow.status, DeviceAuthorizationFlow.Status.Failed)
        const error = deviceFailed.signalArguments[0][0]
        compare(error.oauthError, "access_denied")
        compare(error.errorString.indexOf("access_denied"), -1) // the user's sentence
        verify(error.technicalDetails.indexOf("access_denied") >= 0)
    }

    function test_deviceFlowCancelled() {
        deviceFlow.start()
        tryCompare(deviceFlow, "status", DeviceAuthorizationFlow.Status.AwaitingUser, 30000)
        deviceFlow.cancel()
        tryCompare(deviceFailed, "count", 1, 10000)
        compare(deviceFlow.status, DeviceAuthorizationFlow.Status.Cancelled)
        compare(deviceFlow.running, false)
        compare(deviceFailed.signalArguments[0][0].code, OAuth.ErrorCode.Cancelled)
    }

    function test_ciba() {
        verify(peer.ciba_enabled, "the fixture runs without CIBA")
        cibaFlow.start()
        compare(cibaFlow.running, true)
        tryCompare(cibaFlow, "status", BackchannelAuthenticationFlow.Status.AwaitingUser, 30000)
        verify(cibaFlow.authReqId.length > 0)
        compare(testControl("/ciba/approve?auth_req_id=" + encodeURIComponent(cibaFlow.authReqId)), 200)
        tryCompare(cibaGranted, "count", 1, 60000)
        compare(cibaFailed.count, 0)
        compare(cibaFlow.running, false)
        compare(cibaFlow.tokens.idTokenClaims.sub, "alice")
        compare(testCase.cibaStatuses, [BackchannelAuthenticationFlow.Status.Requesting,
                                        BackchannelAuthenticationFlow.Status.AwaitingUser,
                                        BackchannelAuthenticationFlow.Status.Granted])
    }
}
