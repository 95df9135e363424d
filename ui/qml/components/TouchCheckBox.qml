import QtQuick
import QtQuick.Controls
import ".."

// A yes/no choice made for a finger: the whole row (at least 64 px tall) toggles it, and a large
// box shows a white tick on the theme colour when it is on.
AbstractButton {
    id: toggle

    checkable: true
    implicitHeight: Math.max(Theme.touchMin, label.implicitHeight + 16)
    implicitWidth: box.width + 16 + label.implicitWidth + 24
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.CheckBox
    Accessible.checkable: true
    Accessible.checked: checked
    Accessible.name: text

    background: Rectangle {
        radius: Theme.radius
        color: toggle.down ? Theme.surfaceAlt : "transparent"
    }
    contentItem: Item {
        Rectangle {
            id: box
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            width: 44
            height: 44
            radius: 8
            color: toggle.checked ? Theme.primary : Theme.surface
            border.width: 3
            border.color: toggle.checked ? Theme.primary : Theme.border
            Icon {
                anchors.centerIn: parent
                width: 32
                height: 32
                name: "checkbox_tick"
                visible: toggle.checked
            }
        }
        Text {
            id: label
            anchors.left: box.right
            anchors.leftMargin: 16
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            text: toggle.text
            font.pixelSize: toggle.font.pixelSize
            color: Theme.text
            wrapMode: Text.WordWrap
        }
    }
}
