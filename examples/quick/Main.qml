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
    // redirect URI http://127.0.0.1/callback (any port).
    // ---------------------------------------------------------------------------------------
    property string scope: "openid profile email"
    property bool autoSignIn: false

    readonly property bool signedIn: session.active
    readonly property var claims: session.idTokenClaims
    property string lastError: ""

    width: 390
    height: 844
    visible: true
    title: qsTr("OAuth4Qt Sign-in")

    Material.theme: Material.Light
    Material.accent: Material.Indigo
    Material.primary: Material.Indigo

    AuthorizationCodeFlow {
        id: flow
        issuer: window.issuer
        clientId: window.clientId
        scope: window.scope
        // Plain http only for a provider on this machine (development).
        allowInsecureHttp: /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:\/]/.test(window.issuer)
        // Ask for the profile claims in the ID Token (OpenID Connect Core 5.5).
        extraParameters: ({ claims: JSON.stringify({ id_token: { name: null, email: null, preferred_username: null } }) })

        onGranted: tokens => {
            window.lastError = ""
            session.setTokens(tokens)
            console.info("oauth4qt-example: signed in")
        }
        onFailed: error => {
            window.lastError = error.errorString
            console.info("oauth4qt-example: sign-in failed:", error.codeName)
        }
    }

    MemoryTokenStore { id: store }

    TokenSession {
        id: session
        client: flow.client
        store: store
    }

    function signIn() {
        window.lastError = ""
        flow.start()
    }

    function signOut() {
        session.endSession()
        console.info("oauth4qt-example: signed out")
    }

    function initials(name) {
        const parts = String(name || "?").trim().split(/\s+/)
        const first = parts[0].charAt(0).toUpperCase()
        return parts.length > 1 ? first + parts[parts.length - 1].charAt(0).toUpperCase() : first
    }

    readonly property string displayName: claims.name || claims.preferred_username || claims.email || claims.sub || ""
    readonly property bool busy: flow.status === AuthorizationCodeFlow.Status.AwaitingBrowser
                                 || flow.status === AuthorizationCodeFlow.Status.Exchanging
    readonly property string statusText: {
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
        if (autoSignIn)
            signIn()
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
        visible: !window.signedIn
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

        Button {
            Layout.fillWidth: true
            Layout.preferredHeight: 56
            text: qsTr("Sign out")
            font.pixelSize: 17
            onClicked: window.signOut()
        }
    }
}
