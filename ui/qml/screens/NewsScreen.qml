pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Every announcement, newest first; tap one to read it.
ScreenBase {
    id: screen

    objectName: "newsScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("News")
        }
        Text {
            visible: list.count === 0
            text: qsTr("There is no news right now. Please check back soon.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        ListView {
            id: list
            objectName: "newsList"
            Accessible.name: qsTr("News")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.newsModel
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 16
            }
            delegate: AbstractButton {
                id: row
                required property int index
                required property string title
                required property string summary
                required property string imageUrl
                required property string dateText
                objectName: "newsItem" + index
                width: list.width - 32
                // Grows when larger text needs more room than the picture.
                height: Math.max(200, contentItem.implicitHeight + 20)
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.Button
                Accessible.name: title
                onClicked: screen.navigate("newsDetail", { "item": screen.newsModel.get(index) })
                background: Rectangle {
                    radius: Theme.radius
                    color: row.down ? Theme.surfaceAlt : Theme.surface
                    border.color: Theme.border
                    border.width: 2
                }
                contentItem: RowLayout {
                    spacing: Theme.margin
                    Image {
                        Layout.preferredWidth: 320
                        Layout.preferredHeight: 180
                        Layout.leftMargin: 10
                        source: row.imageUrl
                        sourceSize.width: 320
                        sourceSize.height: 180
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                        clip: true
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 8
                        Text {
                            Layout.fillWidth: true
                            text: row.title
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        Text {
                            Layout.fillWidth: true
                            text: row.summary
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                        }
                        Text {
                            text: row.dateText
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                        }
                    }
                }
            }
        }
    }
}
