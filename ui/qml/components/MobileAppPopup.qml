pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// Menu -> Get our mobile app: QR codes a phone can scan.
Popup {
    id: popup

    property var codes: []

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: 1100
    modal: true
    padding: Theme.margin * 1.5
    background: Rectangle {
        radius: Theme.radius * 2
        color: Theme.surface
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.margin
        ScreenTitle {
            text: qsTr("Get our mobile app")
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Point your phone's camera at the code for your phone.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            spacing: Theme.margin * 3
            Repeater {
                model: popup.codes
                delegate: ColumnLayout {
                    required property var modelData
                    required property int index
                    spacing: Theme.gap
                    Image {
                        objectName: "qrCode" + parent.index
                        Layout.preferredWidth: 320
                        Layout.preferredHeight: 320
                        source: parent.modelData.imageUrl
                        sourceSize.width: 320
                        sourceSize.height: 320
                        smooth: false
                        Accessible.role: Accessible.Graphic
                        Accessible.name: qsTr("QR code for %1").arg(parent.modelData.store)
                    }
                    Text {
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        Layout.alignment: Qt.AlignHCenter
                        text: parent.modelData.store
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }
                }
            }
        }
        KioskButton {
            objectName: "mobileAppClose"
            Layout.alignment: Qt.AlignRight
            primaryAction: true
            text: qsTr("Close")
            onClicked: popup.close()
        }
    }
}
