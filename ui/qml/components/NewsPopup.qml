import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// "Learn More": the whole announcement over the landing page.
Popup {
    id: popup

    property var item: ({})

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(1400, parent ? parent.width - 2 * Theme.margin : 1400)
    height: Math.min(900, parent ? parent.height - 2 * Theme.margin : 900)
    modal: true
    padding: 0
    background: Rectangle {
        radius: Theme.radius * 2
        color: Theme.surface
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Image {
            Layout.fillWidth: true
            Layout.preferredHeight: 300
            source: popup.item.imageUrl || ""
            sourceSize.width: 1400
            fillMode: Image.PreserveAspectCrop
            clip: true
            visible: source.toString() !== ""
        }
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
            spacing: Theme.gap

            ScreenTitle {
                objectName: "newsPopupTitle"
                Layout.fillWidth: true
                text: popup.item.title || ""
            }
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: popup.item.dateText || ""
                color: Theme.textMuted
                font.pixelSize: Theme.fontSmall
            }
            ScrollableText {
                Layout.fillWidth: true
                Layout.fillHeight: true
                text: popup.item.body || ""
                title: popup.item.title || ""
            }
            KioskButton {
                objectName: "newsPopupClose"
                Layout.alignment: Qt.AlignRight
                primaryAction: true
                text: qsTr("Close")
                onClicked: popup.close()
            }
        }
    }
}
