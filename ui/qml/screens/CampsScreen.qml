pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// The camps of one camp type, soonest first.
ScreenBase {
    id: screen

    property int typeId: 0
    property string heading: ""
    readonly property var camps: languageCode !== "" ? catalog.camps(typeId) : []

    objectName: "campsScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: screen.heading !== "" ? screen.heading : qsTr("Camps")
        }
        Text {
            visible: screen.camps.length === 0
            text: qsTr("No camps are open for booking right now. Please check back soon.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        ListView {
            id: list
            objectName: "campList"
            Accessible.name: qsTr("Camps")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.camps
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 16
            }
            delegate: AbstractButton {
                id: row
                required property var modelData
                required property int index
                objectName: "campCard" + index
                width: list.width - 28
                // Grows with larger text and longer words instead of running out of the card.
                implicitHeight: Math.max(150, contentItem.implicitHeight + 2 * Theme.gap)
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.Button
                Accessible.name: modelData.name
                onClicked: screen.navigate("campDetail", { "campId": row.modelData.campId })
                background: Rectangle {
                    radius: Theme.radius
                    color: row.down ? Theme.surfaceAlt : Theme.surface
                    border.color: Theme.border
                    border.width: 2
                }
                contentItem: RowLayout {
                    spacing: Theme.margin
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.margin
                        spacing: 6
                        Text {
                            Layout.fillWidth: true
                            text: row.modelData.name
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Layout.fillWidth: true
                            text: [row.modelData.datesText, row.modelData.timeText].filter(x => x).join("  ·  ")
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            Layout.fillWidth: true
                            text: [row.modelData.ageText, row.modelData.priceText].filter(x => x).join("  ·  ")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                        }
                    }
                    Text {
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        Layout.rightMargin: Theme.margin
                        text: row.modelData.openingsText
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: row.modelData.full ? Theme.danger : Theme.success
                    }
                }
            }
        }
    }
}
