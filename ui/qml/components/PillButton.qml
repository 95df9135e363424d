import QtQuick
import QtQuick.Controls
import ".."

// A white icon and label on a dark see-through pill, for settings over the landing pictures
// (language, text size); 64 px tall like every touch target.
AbstractButton {
    id: control

    property string iconName: ""

    implicitHeight: Math.max(Theme.touchMin, label.implicitHeight + 16)
    implicitWidth: row.implicitWidth + 40
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: text

    background: Rectangle {
        radius: height / 2
        // Solid, so nothing of the picture behind (a shape, a face) shows through the words;
        // high contrast: black with a white edge.
        color: Theme.highContrast ? (control.down ? "#333333" : "#000000")
                                  : (control.down ? "#0d1117" : "#263040")
        border.color: Theme.highContrast ? "white" : Qt.rgba(1, 1, 1, 0.7)
        border.width: 2
    }
    contentItem: Item {
        Row {
            id: row
            anchors.centerIn: parent
            spacing: 10
            Icon {
                anchors.verticalCenter: parent.verticalCenter
                width: 36
                height: 36
                name: control.iconName
                visible: control.iconName !== ""
            }
            Text {
                id: label
                anchors.verticalCenter: parent.verticalCenter
                text: control.text
                color: "white"
                font.pixelSize: Theme.fontBody
                font.bold: true
            }
        }
    }
}
