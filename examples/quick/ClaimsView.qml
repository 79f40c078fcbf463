// SPDX-License-Identifier: BSD-3-Clause
import QtQuick
import QtQuick.Controls.Material
import QtQuick.Layouts

// The claims of an ID Token as a list of name / value rows (times shown as dates).
Frame {
    id: root
    property var claims: ({})

    readonly property var timeClaims: ["iat", "exp", "auth_time", "nbf", "updated_at"]

    function format(name, value) {
        if (timeClaims.indexOf(name) >= 0 && typeof value === "number")
            return new Date(value * 1000).toLocaleString(Qt.locale(), Locale.ShortFormat)
        if (typeof value === "object")
            return JSON.stringify(value)
        return String(value)
    }

    padding: 0

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        // One {name, value} row per claim, formatted here (the delegate sees only its row).
        model: Object.keys(root.claims || {}).sort().map(name => ({ name: name, value: root.format(name, root.claims[name]) }))
        ScrollIndicator.vertical: ScrollIndicator {}
        delegate: ItemDelegate {
            id: claimRow
            required property var modelData
            width: ListView.view.width
            height: 44
            contentItem: RowLayout {
                spacing: 12
                Label {
                    text: claimRow.modelData.name
                    font.family: "monospace"
                    font.pixelSize: 13
                    color: Material.accent
                    Layout.preferredWidth: 110
                    elide: Text.ElideRight
                }
                Label {
                    text: claimRow.modelData.value
                    font.pixelSize: 13
                    Layout.fillWidth: true
                    elide: Text.ElideMiddle
                }
            }
        }
    }
}
