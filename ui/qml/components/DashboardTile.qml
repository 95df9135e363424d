import QtQuick
import QtQuick.Controls
import ".."

// A big square tile: icon on the organisation's colour, a title and one line of explanation.
AbstractButton {
    id: tile

    property string iconName: ""
    property string subtitle: ""
    // The height the dashboard has for a row of tiles (its own height when nobody says).
    property real room: height
    // Larger text (or a lowered screen's shorter tiles) takes the room from the picture:
    // a smaller circle, less space around it. Every tile keeps its picture, so the tiles look
    // the same whether or not a family has logged in.
    readonly property bool compact: Theme.textScale > 1 || room < 260
    // What the picture and the words need, at the tile's width: the dashboard never makes a
    // tile shorter than this (it scrolls instead).
    readonly property real neededHeight: contentItem.implicitHeight + Theme.gap

    implicitWidth: 400
    implicitHeight: 280
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: text
    Accessible.description: subtitle

    background: Rectangle {
        radius: Theme.radius * 1.5
        color: tile.down ? Theme.surfaceAlt : Theme.surface
        border.color: tile.down ? Theme.primary : Theme.border
        border.width: 2
        scale: tile.down ? 0.98 : 1
        Behavior on scale {
            NumberAnimation { duration: 90 }
        }
    }
    contentItem: Column {
        spacing: tile.compact ? 6 : 14
        topPadding: tile.compact ? 14 : 28
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: tile.compact ? 64 : 104
            height: width
            radius: width / 2
            color: Theme.primary
            Icon {
                anchors.centerIn: parent
                width: tile.compact ? 36 : 56
                height: width
                name: tile.iconName
            }
        }
        Text {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: tile.text
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            leftPadding: 16
            rightPadding: 16
            horizontalAlignment: Text.AlignHCenter
            text: tile.subtitle
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }
    }
}
