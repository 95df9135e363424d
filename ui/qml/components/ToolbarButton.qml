import QtQuick
import QtQuick.Controls
import ".."

// An icon over a label, white on the organisation's colour; 96 px tall, at least 120 px wide.
AbstractButton {
    id: control

    property string iconName: ""

    // Larger text: the labels grow a little (the icons say the rest) and the buttons pack
    // closer, so every section, language and text size still fit on one bar.
    implicitWidth: Math.max(Theme.textScale > 1 ? 104 : 120, label.implicitWidth + (Theme.textScale > 1 ? 16 : 24))
    implicitHeight: 96
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: text

    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Qt.rgba(1, 1, 1, 0.25) : "transparent"
    }
    contentItem: Item {
        Icon {
            id: glyph
            anchors.horizontalCenter: parent.horizontalCenter
            y: 10
            width: 40
            height: 40
            name: control.iconName
        }
        Text {
            id: label
            anchors.horizontalCenter: parent.horizontalCenter
            anchors.top: glyph.bottom
            anchors.topMargin: 6
            text: control.text
            color: Theme.textOnPrimary
            font.pixelSize: Math.min(Theme.fontSmall, 24)
            font.bold: true
        }
    }
}
