// SPDX-License-Identifier: BSD-3-Clause
// Snippet of the mobile sign-in guide (QML only). Loaded by tst_docsnippets.
//! [qml]
import QtQuick
import OAuth4Qt

Item {
    AuthorizationCodeFlow {
        id: signIn
        issuer: "https://id.example.com"
        clientId: "my-mobile-app"
        scope: "openid profile offline_access"
        // The redirect URI registered at the provider, with the app's private-use scheme
        // (declared in Info.plist / AndroidManifest.xml, see below). The QML handler registers
        // itself with QDesktopServices for that scheme.
        redirectHandler: UriSchemeHandler { redirectUri: "com.example.app:/oauth2redirect" }
        onGranted: tokens => session.setTokens(tokens)
        onFailed: error => console.warn(error.errorString, error.technicalDetails)
    }

    TokenSession {
        id: session
        client: signIn.client
        store: KeychainTokenStore { service: "com.example.app" }
    }

    // signIn.start() from a button; signIn.running while the browser is open.
    readonly property bool busy: signIn.running
}
//! [qml]
