// SPDX-License-Identifier: BSD-3-Clause
// Snippet of the desktop sign-in guide (QML). Loaded by tst_docsnippets.
//! [qml]
import QtQuick
import OAuth4Qt

Item {
    AuthorizationCodeFlow {
        id: signIn
        issuer: "https://id.example.com"
        clientId: "my-desktop-app"
        scope: "openid profile offline_access"
        onGranted: tokens => session.setTokens(tokens)
        onFailed: error => console.warn(error.codeName, error.errorString)
    }

    TokenSession {
        id: session
        client: signIn.client
    }

    // signIn.start() from a button; signIn.running while an attempt is under way, and
    // signIn.status tells what it is doing:
    readonly property bool busy: signIn.running
    readonly property bool inBrowser: signIn.status === AuthorizationCodeFlow.Status.AwaitingUser
    readonly property string userName: session.idTokenClaims.name || ""
}
//! [qml]
