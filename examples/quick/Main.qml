// SPDX-License-Identifier: BSD-3-Clause
import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts
import OAuth4Qt

ApplicationWindow {
    id: window

    // ---- Your OpenID Provider and client: change these two lines -------------------------
    property string issuer: "https://id.example.com"
    property string clientId: "oauth4qt-quick-example"
    // (or run with --issuer URL --client-id ID). Register the client as a native app with the
    // redirect URI http://127.0.0.1/callback (any port) or your private-use scheme (redirectUri
    // below), and the grant types authorization_code, refresh_token and
    // urn:ietf:params:oauth:grant-type:device_code (for "Sign in on another device").
    // ---------------------------------------------------------------------------------------
    property string scope: "openid profile email"
    // A private-use URI scheme for the redirect (mobile: register it with the app, e.g. an
    // Android intent filter or iOS CFBundleURLTypes), e.g. "com.example.app:/callback".
    // Empty: a loopback redirect http://127.0.0.1:<port>/callback (desktop).
    property string redirectUri: ""
    // Keep the session in the system keychain, restored on the next start (when available).
    property bool useKeychain: true
    property bool autoSignIn: false
    // With autoSignIn: sign in with the device flow (a code to enter on another device).
    property bool useDeviceFlow: false
    // Call the API once signed in or restored (for scripts: the screenshot test).
    property bool callApiWhenSignedIn: false

    readonly property bool signedIn: session.active
    readonly property var claims: session.idTokenClaims
    property string lastError: ""
    property string apiResult: ""
    property bool codeCopied: false
    property bool apiBusy: false

    width: 390
    height: 844
    visible: true
    title: qsTr("OAuth4Qt Sign-in")

    Material.theme: Material.Light
    Material.accent: Material.Indigo
    Material.primary: Material.Indigo

    // The provider and the client registration, shared by both sign-in flows and the session.
    // Declared here (not the flows' own) so that its operations (discovery, ...) are callable.
    Client {
        id: oidcClient
        issuer: window.issuer
        clientConfig.clientId: window.clientId
        // Plain http only for a provider on this machine (development).
        allowInsecureHttp: /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:\/]/.test(window.issuer)
    }

    AuthorizationCodeFlow {
        id: flow
        client: oidcClient
        scope: window.scope
        // Ask for the profile claims in the ID Token (OpenID Connect Core 5.5).
        extraParameters: ({ claims: JSON.stringify({ id_token: { name: null, email: null, preferred_username: null } }) })

        onGranted: tokens => {
            window.lastError = ""
            session.setTokens(tokens)
            console.info("oauth4qt-example: signed in")
            if (window.callApiWhenSignedIn)
                window.callApi()
        }
        onFailed: error => {
            window.lastError = error.errorString
            console.info("oauth4qt-example: sign-in failed:", error.codeName)
        }
        onStatusChanged: {
            if (status === AuthorizationCodeFlow.Status.AwaitingUser)
                console.info("oauth4qt-example: waiting for the browser")
        }
        // Loopback (unset) or the private-use scheme of redirectUri.
        redirectHandler: window.redirectUri.length > 0 ? schemeHandler : null
    }

    UriSchemeHandler {
        id: schemeHandler
        redirectUri: window.redirectUri
        registerUrlHandler: window.redirectUri.length > 0
    }

    // Sign-in on a device without a browser (TV, command line): the user enters a code on a
    // phone or computer. Same client as the browser sign-in.
    DeviceAuthorizationFlow {
        id: deviceFlow
        client: oidcClient
        scope: window.scope

        onGranted: tokens => {
            window.lastError = ""
            session.setTokens(tokens)
            console.info("oauth4qt-example: signed in")
            if (window.callApiWhenSignedIn)
                window.callApi()
        }
        onFailed: error => {
            window.lastError = error.errorString
            console.info("oauth4qt-example: sign-in failed:", error.codeName)
        }
        onUserCodeChanged: {
            window.codeCopied = false
            if (userCode.length > 0)
                console.info("oauth4qt-example: device code")
        }
    }

    // The session survives a restart in the keychain (Secret Service, Keychain, Credential
    // Manager); without one only in memory.
    KeychainTokenStore { id: keychain; service: "org.oauth4qt.QuickExample" }
    MemoryTokenStore { id: memoryStore }

    TokenSession {
        id: session
        client: oidcClient
        store: window.useKeychain && keychain.available ? keychain : memoryStore
        onRestored: (found, error) => {
            if (found) {
                console.info("oauth4qt-example: session restored")
                if (window.callApiWhenSignedIn)
                    window.callApi()
            }
            else if (error.isError)
                console.info("oauth4qt-example: no session restored:", error.codeName)
        }
        onSessionEnded: window.apiResult = ""
    }

    function signIn() {
        window.lastError = ""
        flow.start()
    }

    function signInOnAnotherDevice() {
        window.lastError = ""
        deviceFlow.start()
    }

    // Signs out here and, when asked, at the provider (its end-session page in the browser).
    property bool logoutAtProvider: true
    function signOut() {
        if (!window.logoutAtProvider) {
            session.endSession()
            console.info("oauth4qt-example: signed out")
            return
        }
        // The provider's end_session_endpoint comes with its metadata (discovery); the URL
        // carries the ID Token as a hint, so it is read before the session ends.
        oidcClient.discover(reply => {
            const url = reply.error.isError ? "" : String(session.endSessionUrl({}))
            session.endSession()
            console.info("oauth4qt-example: signed out")
            if (url.length > 0)
                Qt.openUrlExternally(url)
        })
    }

    // "The API": the provider's UserInfo endpoint, called through the session (a fresh access
    // token, refreshed when due; Bearer or DPoP as issued).
    function callApi() {
        window.apiBusy = true
        window.apiResult = ""
        oidcClient.discover(discovery => {
            if (discovery.error.isError) {
                window.apiBusy = false
                window.apiResult = discovery.error.errorString
                console.info("oauth4qt-example: API call failed:", discovery.error.codeName)
                return
            }
            session.resourceRequest("GET", oidcClient.metadata.userinfoEndpoint, {}, reply => {
                window.apiBusy = false
                if (reply.error.isError) {
                    window.apiResult = reply.error.errorString
                    console.info("oauth4qt-example: API call failed:", reply.error.codeName)
                } else {
                    window.apiResult = qsTr("HTTP %1: %2").arg(reply.status)
                                           .arg(Object.keys(reply.json || {}).sort().join(", "))
                    console.info("oauth4qt-example: API answered", reply.status)
                }
            })
        })
    }

    function countdown(seconds) {
        const s = Math.max(0, seconds)
        return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0")
    }

    function initials(name) {
        const parts = String(name || "?").trim().split(/\s+/)
        const first = parts[0].charAt(0).toUpperCase()
        return parts.length > 1 ? first + parts[parts.length - 1].charAt(0).toUpperCase() : first
    }

    readonly property string displayName: claims.name || claims.preferred_username || claims.email || claims.sub || ""
    readonly property bool busy: flow.status === AuthorizationCodeFlow.Status.AwaitingBrowser
                                 || flow.status === AuthorizationCodeFlow.Status.Exchanging
    readonly property bool deviceBusy: deviceFlow.status === DeviceAuthorizationFlow.Status.Requesting
                                       || deviceFlow.status === DeviceAuthorizationFlow.Status.AwaitingUser
    readonly property string statusText: {
        if (window.deviceBusy)
            return qsTr("Waiting for the other device…")
        switch (flow.status) {
        case AuthorizationCodeFlow.Status.AwaitingBrowser:
            return qsTr("Continue in your browser…")
        case AuthorizationCodeFlow.Status.Exchanging:
            return qsTr("Completing sign-in…")
        default:
            return window.signedIn ? qsTr("Signed in") : qsTr("Not signed in")
        }
    }

    Component.onCompleted: {
        // The session of the last start, if the keychain holds one.
        session.restore()
        if (window.autoSignIn) {
            if (window.useDeviceFlow)
                window.signInOnAnotherDevice()
            else
                window.signIn()
        }
    }

    // For scripts (the screenshot test): the first frame is on screen.
    property bool reported: false
    onFrameSwapped: {
        if (!reported) {
            reported = true
            console.info("oauth4qt-example: ready")
        }
    }

    header: ToolBar {
        Material.foreground: "white"
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 16
            anchors.rightMargin: 16
            Label {
                text: qsTr("OAuth4Qt")
                font.pixelSize: 20
                font.bold: true
                Layout.fillWidth: true
            }
            Label {
                text: window.statusText
                opacity: 0.85
                font.pixelSize: 13
            }
        }
    }

    // Signed out: welcome and the sign-in button.
    ColumnLayout {
        visible: !window.signedIn && !window.deviceBusy
        anchors.fill: parent
        anchors.margins: 32
        spacing: 20

        Item { Layout.fillHeight: true }

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 112
            Layout.preferredHeight: 112
            radius: 56
            color: Material.color(Material.Indigo, Material.Shade100)
            // A padlock.
            Rectangle {
                x: (parent.width - width) / 2
                y: 24
                width: 36
                height: 44
                radius: 18
                color: "transparent"
                border.width: 7
                border.color: Material.color(Material.Indigo)
            }
            Rectangle {
                x: (parent.width - width) / 2
                y: 48
                width: 54
                height: 40
                radius: 7
                color: Material.color(Material.Indigo)
                Rectangle {
                    anchors.centerIn: parent
                    width: 8
                    height: 14
                    radius: 4
                    color: Material.color(Material.Indigo, Material.Shade100)
                }
            }
        }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Welcome")
            font.pixelSize: 30
            font.bold: true
        }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            color: Material.secondaryTextColor
            text: qsTr("Sign in with your account at %1. Your browser opens to sign in; then you come back here.")
                  .arg(window.issuer.replace(/^https?:\/\//, ""))
        }

        Button {
            Layout.fillWidth: true
            Layout.topMargin: 12
            Layout.preferredHeight: 56
            highlighted: true
            enabled: !window.busy
            text: qsTr("Sign in")
            font.pixelSize: 17
            onClicked: window.signIn()
        }

        Button {
            Layout.fillWidth: true
            flat: true
            enabled: !window.busy
            text: qsTr("Sign in on another device")
            onClicked: window.signInOnAnotherDevice()
        }

        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            visible: window.busy
            spacing: 12
            BusyIndicator { running: window.busy; Layout.preferredWidth: 32; Layout.preferredHeight: 32 }
            Label { text: window.statusText }
            Button {
                flat: true
                text: qsTr("Cancel")
                onClicked: flow.cancel()
            }
        }

        Label {
            Layout.fillWidth: true
            visible: window.lastError.length > 0
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            color: Material.color(Material.Red)
            text: window.lastError
        }

        Item { Layout.fillHeight: true }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: 12
            color: Material.hintTextColor
            text: qsTr("Client: %1").arg(window.clientId)
        }
    }

    // Device flow: the code to enter on another device, with a countdown.
    ColumnLayout {
        visible: !window.signedIn && window.deviceBusy
        anchors.fill: parent
        anchors.margins: 32
        spacing: 16

        Item { Layout.fillHeight: true }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Sign in on another device")
            font.pixelSize: 26
            font.bold: true
        }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            color: Material.secondaryTextColor
            text: deviceFlow.userCode.length > 0
                  ? qsTr("On your phone or computer, open %1 and enter this code:").arg(String(deviceFlow.verificationUri))
                  : qsTr("Requesting a code…")
        }

        // The code: selectable, and copied with the button (for TV and command-line style apps
        // the user reads it off the screen).
        TextField {
            id: codeField
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 280
            visible: deviceFlow.userCode.length > 0
            readOnly: true
            selectByMouse: true
            horizontalAlignment: TextInput.AlignHCenter
            text: deviceFlow.userCode
            font.pixelSize: 34
            font.bold: true
            font.letterSpacing: 4
            font.family: "monospace"
            Accessible.name: qsTr("Code")
        }

        Button {
            Layout.alignment: Qt.AlignHCenter
            visible: deviceFlow.userCode.length > 0
            text: window.codeCopied ? qsTr("Copied") : qsTr("Copy code")
            onClicked: {
                codeField.selectAll()
                codeField.copy()
                codeField.deselect()
                window.codeCopied = true
            }
        }

        ProgressBar {
            Layout.fillWidth: true
            visible: deviceFlow.expiresIn > 0
            from: 0
            to: Math.max(1, deviceFlow.expiresIn)
            value: deviceFlow.remainingTime
        }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: deviceFlow.expiresIn > 0
            font.pixelSize: 13
            color: Material.secondaryTextColor
            text: qsTr("The code expires in %1").arg(window.countdown(deviceFlow.remainingTime))
        }

        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: 8
            Button {
                visible: deviceFlow.userCode.length > 0
                flat: true
                text: qsTr("Open the page here")
                onClicked: Qt.openUrlExternally(String(deviceFlow.verificationUriComplete).length > 0
                                                ? deviceFlow.verificationUriComplete : deviceFlow.verificationUri)
            }
            Button {
                flat: true
                text: qsTr("Cancel")
                onClicked: deviceFlow.cancel()
            }
        }

        Item { Layout.fillHeight: true }
    }

    // Signed in: who, the ID Token's claims, sign out.
    ColumnLayout {
        visible: window.signedIn
        anchors.fill: parent
        anchors.margins: 24
        spacing: 12

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: 16
            Layout.preferredWidth: 96
            Layout.preferredHeight: 96
            radius: 48
            color: Material.accent
            Label {
                anchors.centerIn: parent
                text: window.initials(window.displayName)
                color: "white"
                font.pixelSize: 38
                font.bold: true
            }
        }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: window.displayName
            font.pixelSize: 26
            font.bold: true
            elide: Text.ElideRight
        }

        Label {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: !!window.claims.email
            text: window.claims.email || ""
            color: Material.secondaryTextColor
        }

        Label {
            Layout.topMargin: 12
            text: qsTr("ID Token claims")
            font.pixelSize: 15
            font.bold: true
            color: Material.accent
        }

        ClaimsView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            claims: window.claims
        }

        Label {
            Layout.fillWidth: true
            visible: session.expiresAt && !isNaN(session.expiresAt.getTime())
            wrapMode: Text.WordWrap
            font.pixelSize: 13
            color: Material.secondaryTextColor
            text: visible ? qsTr("Access token valid until %1").arg(session.expiresAt.toLocaleTimeString(Qt.locale(), Locale.ShortFormat)) : ""
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Button {
                enabled: !window.apiBusy
                text: qsTr("Call the API")
                onClicked: window.callApi()
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: 13
                text: window.apiBusy ? qsTr("Calling…") : window.apiResult
            }
        }

        Switch {
            Layout.fillWidth: true
            text: qsTr("Also sign out at the provider")
            checked: window.logoutAtProvider
            onToggled: window.logoutAtProvider = checked
        }

        Button {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            text: qsTr("Sign out")
            font.pixelSize: 17
            onClicked: window.signOut()
        }
    }
}
