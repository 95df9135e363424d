import QtQuick
import QtQuick.Controls
import ".."

// A tappable filter choice: on or off at a glance (filled when on), 64 px tall.
AbstractButton {
    id: chip

    property bool selected: false
    property color swatch: "transparent"

    implicitHeight: Theme.touchMin
    opacity: enabled ? 1 : 0.45
    implicitWidth: Math.max(Theme.touchMin, label.implicitWidth + (swatch.a > 0 ? 56 : 36))
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.CheckBox
    Accessible.checked: selected
    Accessible.name: text

    background: Rectangle {
        radius: height / 2
        color: chip.selected ? Theme.primary : (chip.down ? Theme.surfaceAlt : Theme.surface)
        border.color: chip.selected ? Theme.primary : Theme.border
        border.width: 2
    }
    contentItem: Row {
        spacing: 10
        leftPadding: chip.swatch.a > 0 ? 14 : 18
        Rectangle {
            visible: chip.swatch.a > 0
            anchors.verticalCenter: parent.verticalCenter
            width: 20
            height: 20
            radius: 10
            color: chip.swatch
            border.color: "white"
            border.width: 2
        }
        Text {
            id: label
            anchors.verticalCenter: parent.verticalCenter
            text: chip.text
            font.pixelSize: Theme.fontSmall
            font.bold: chip.selected
            color: chip.selected ? Theme.textOnPrimary : Theme.text
        }
    }
}
