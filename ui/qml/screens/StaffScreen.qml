pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Meet the Staff: photos and bios.
ScreenBase {
    id: screen

    objectName: "staffScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("Meet the Staff")
        }
        ListView {
            id: list
            objectName: "staffList"
            Accessible.name: qsTr("Meet the Staff")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.catalog.staff
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 16
            }
            delegate: Rectangle {
                id: row
                required property var modelData
                width: list.width - 28
                implicitHeight: Math.max(200, bio.implicitHeight + 90)
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                RowLayout {
                    anchors.fill: parent
                    anchors.margins: Theme.gap
                    spacing: Theme.margin
                    Image {
                        Layout.preferredWidth: 160
                        Layout.preferredHeight: 160
                        Layout.alignment: Qt.AlignTop
                        source: row.modelData.photoUrl
                        sourceSize.width: 160
                        sourceSize.height: 160
                        asynchronous: true
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignTop
                        spacing: 6
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            text: row.modelData.name
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                        }
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            text: row.modelData.title
                            font.pixelSize: Theme.fontBody
                            color: Theme.primary
                        }
                        Text {
                            id: bio
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            Layout.fillWidth: true
                            text: row.modelData.bio
                            textFormat: Text.PlainText
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                        }
                    }
                }
            }
        }
    }
}
