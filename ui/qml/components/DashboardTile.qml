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
    // A wide tile (the dashboard upright with larger text) has its picture beside its title, not
    // above it: the same picture and words in a shorter tile, so the tiles need no scrolling
    // and Coming Up! keeps its room under them.
    property bool wide: false
    // A terse tile shows its picture and title without the line of explanation (a screen
    // reader still says it): the dashboard's last resort before its tiles would scroll.
    property bool terse: false
    // Larger text (or a lowered screen's shorter tiles) takes the room from the picture:
    // a smaller circle, less space around it. Every tile keeps its picture, so the tiles look
    // the same whether or not a family has logged in.
    readonly property bool compact: wide || Theme.textScale > 1 || room < 260
    // What the picture and the words need, at the tile's width: the dashboard never makes a
    // tile shorter than this (it scrolls instead).
    readonly property real neededHeight: aroundWords + wordsHeight
    // What it needs with its explanation, terse or not.
    readonly property real fullHeight: aroundWords + head.height + content.spacing + explanation.height
    // The picture, the title and the explanation, without the space around them.
    readonly property real wordsHeight: head.height + (terse ? 0 : content.spacing + explanation.height)
    readonly property real aroundWords: wide ? 2 * Theme.gap : content.padTop + Theme.gap

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
        id: content
        readonly property real padTop: tile.compact ? 14 : 28
        spacing: tile.compact ? 6 : 14
        // A wide tile (in a row with a taller one) has its words in the middle.
        topPadding: tile.wide ? Math.max(Theme.gap, Math.floor((tile.availableHeight - tile.wordsHeight) / 2)) : padTop
        // The picture and the title: one above the other, or (wide) side by side, centred.
        Item {
            id: head
            readonly property real besideGap: 12
            // A wide tile's title wraps only when its words need more than the tile's width.
            readonly property real titleRoom: width - 24 - circle.width - besideGap
            width: content.width
            height: tile.wide ? Math.max(circle.height, title.height) : circle.height + content.spacing + title.height

            Rectangle {
                id: circle
                x: tile.wide ? (head.width - width - head.besideGap - title.width) / 2 : (head.width - width) / 2
                y: tile.wide ? (head.height - height) / 2 : 0
                width: tile.wide ? 56 : tile.compact ? 64 : 104
                height: width
                radius: width / 2
                color: Theme.primary
                Icon {
                    anchors.centerIn: parent
                    width: tile.wide ? 32 : tile.compact ? 36 : 56
                    height: width
                    name: tile.iconName
                }
            }
            TextMetrics {
                id: titleMetrics
                font: title.font
                text: title.text
            }
            Text {
                id: title
                x: tile.wide ? circle.x + circle.width + head.besideGap : 0
                y: tile.wide ? (head.height - height) / 2 : circle.height + content.spacing
                width: tile.wide ? Math.min(Math.ceil(titleMetrics.advanceWidth) + 2, head.titleRoom) : head.width
                horizontalAlignment: tile.wide ? Text.AlignLeft : Text.AlignHCenter
                text: tile.text
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
        }
        Text {
            id: explanation
            visible: !tile.terse
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
