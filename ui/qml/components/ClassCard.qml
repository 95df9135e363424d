import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// One class in a list: level colour, name, days and times, ages, instructor, openings, tuition.
AbstractButton {
    id: card

    // The roles of the class list models (ui/bridges/catalog_bridge.py ClassListModel).
    required property int classId
    required property string name
    required property string scheduleText
    required property string ageText
    required property string levelName
    required property string levelColor
    required property string instructorText
    required property string openingsText
    required property bool full
    required property string tuitionText

    // Grows when the words need more lines (larger text, long names, several coaches).
    implicitHeight: Math.max(150, contentItem.implicitHeight + 24)
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: name + ", " + scheduleText + ", " + openingsText

    background: Rectangle {
        radius: Theme.radius
        color: card.down ? Theme.surfaceAlt : Theme.surface
        border.color: Theme.border
        border.width: 2
        Rectangle {
            width: 14
            height: parent.height
            radius: Theme.radius
            color: card.levelColor
        }
    }
    contentItem: RowLayout {
        spacing: Theme.margin
        ColumnLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 30
            spacing: 6
            Text {
                Layout.fillWidth: true
                text: card.name
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
                wrapMode: Text.Wrap
            }
            Text {
                Layout.fillWidth: true
                text: card.scheduleText
                font.pixelSize: Theme.fontBody
                color: Theme.text
                wrapMode: Text.Wrap
            }
            Text {
                Layout.fillWidth: true
                text: [card.ageText, card.levelName, card.instructorText].filter(x => x !== "").join("  ·  ")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
        }
        ColumnLayout {
            Layout.rightMargin: Theme.margin
            spacing: 8
            Rectangle {
                Layout.alignment: Qt.AlignRight
                implicitWidth: openings.implicitWidth + 32
                implicitHeight: 44
                radius: 22
                color: card.full ? "#fdecea" : "#e3f4e8"
                Text {
                    id: openings
                    anchors.centerIn: parent
                    text: card.openingsText
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: card.full ? Theme.danger : Theme.success
                }
            }
            Text {
                Layout.alignment: Qt.AlignRight
                visible: card.tuitionText !== ""
                text: card.tuitionText
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
        }
    }
}
