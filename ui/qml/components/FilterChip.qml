import QtQuick
import QtQuick.Controls
import ".."

// A tappable filter choice: on or off at a glance (filled when on), 64 px tall.
AbstractButton {
    id: chip

    property bool selected: false
    property color swatch: "transparent"

    implicitHeight: Theme.touchMin
    // As wide as its bold (selected) words always, so choosing a chip never reflows its row.
    implicitWidth: Math.max(Theme.touchMin, boldWords.advanceWidth + (swatch.a > 0 ? 56 : 36))
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.CheckBox
    Accessible.checked: selected
    Accessible.name: text

    TextMetrics {
        id: boldWords
        font.pixelSize: Theme.fontSmall
        font.bold: true
        text: chip.text
    }

    // Not available: no fill, a muted (still readable) word, no border. Not see-through, which
    // left the words too faint to read, in high contrast too.
    background: Rectangle {
        radius: height / 2
        color: !chip.enabled ? Theme.surfaceAlt
             : chip.selected ? Theme.primary : (chip.down ? Theme.surfaceAlt : Theme.surface)
        border.color: !chip.enabled ? Theme.surfaceAlt : chip.selected ? Theme.primary : Theme.border
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
            color: !chip.enabled ? Theme.textMuted : chip.selected ? Theme.textOnPrimary : Theme.text
        }
    }
}
