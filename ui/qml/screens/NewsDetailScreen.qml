pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// One announcement in full, with its picture.
ScreenBase {
    id: screen

    property var item: ({})

    objectName: "newsDetailScreen"

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Image {
            Layout.fillWidth: true
            Layout.preferredHeight: 360
            source: screen.item.imageUrl || ""
            sourceSize.width: screen.width
            fillMode: Image.PreserveAspectCrop
            clip: true
            asynchronous: true
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin * 1.5
            spacing: Theme.gap

            ScreenTitle {
                objectName: "newsDetailTitle"
                Layout.fillWidth: true
                text: screen.item.title || ""
            }
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: screen.item.dateText || ""
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            ScrollableText {
                objectName: "newsDetailBody"
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: screen.item.body || ""
                title: screen.item.title || ""
            }
        }
    }
}
