// SPDX-License-Identifier: BSD-3-Clause
// Snippet of the mobile sign-in guide (QML). Loaded by tst_docsnippets.
//! [qml]
import QtQuick
import OAuth4Qt

Item {
    // The AuthorizationCodeFlow configured in C++ with its UriSchemeHandler.
    required property var flow

    Connections {
        target: flow
        function onGranted(tokens) { session.setTokens(tokens) }
        function onFailed(error) { console.warn(error.errorString) }
    }

    TokenSession {
        id: session
        client: flow.client
        store: KeychainTokenStore { service: "com.example.app" }
    }
    // A button calls flow.start().
}
//! [qml]
