pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// "Coming Up!": the family's next events as a simple timeline, cancellations marked.
Rectangle {
    id: panel

    property var events: []

    radius: Theme.radius * 1.5
    color: Theme.surface
    border.color: Theme.border
    border.width: 2

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Text {
            text: qsTr("Coming Up!")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        Text {
            Layout.fillWidth: true
            visible: panel.events.length === 0
            wrapMode: Text.WordWrap
            text: qsTr("Nothing scheduled in the next 30 days.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        ListView {
            id: list
            objectName: "comingUpList"
            Accessible.name: qsTr("Coming Up!")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 10
            model: panel.events
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 12
            }
            delegate: RowLayout {
                id: row
                required property var modelData
                required property int index
                width: list.width - 16
                spacing: Theme.gap
                Rectangle {
                    Layout.preferredWidth: 14
                    Layout.preferredHeight: 14
                    Layout.alignment: Qt.AlignTop
                    Layout.topMargin: 10
                    radius: 7
                    color: row.modelData.cancelled ? Theme.danger : Theme.primary
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Text {
                        objectName: "comingUpWhen" + row.index
                        text: row.modelData.dateText + (row.modelData.timeText ? " · " + row.modelData.timeText : "")
                        font.pixelSize: Theme.fontSmall
                        font.bold: true
                        color: Theme.textMuted
                    }
                    Text {
                        objectName: "comingUpTitle" + row.index
                        Layout.fillWidth: true
                        text: (row.modelData.cancelled ? qsTr("Cancelled: ") : "") + row.modelData.title
                              + (row.modelData.studentName ? " — " + row.modelData.studentName : "")
                        font.pixelSize: Theme.fontBody
                        font.strikeout: row.modelData.cancelled
                        color: row.modelData.cancelled ? Theme.danger : Theme.text
                        wrapMode: Text.WordWrap
                    }
                }
            }
        }
    }
}
