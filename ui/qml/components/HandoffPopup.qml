pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// Browse mode: what needs the facility's own system (log in, book, pay) continues on the
// family's phone, at the customer portal page this QR code and short address point to.
Popup {
    id: popup

    // {imageUrl, address} from KioskBridge.handoffCode
    property var code: ({})
    property string heading: ""

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(1100, parent ? parent.width - 2 * Theme.margin : 1100)
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
            objectName: "handoffTitle"
            Layout.fillWidth: true
            text: popup.heading
        }
        Text {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: qsTr("Scan the code with your phone's camera to finish in our online portal. You can log in or create your account there.")
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }
        Image {
            objectName: "handoffQr"
            Layout.alignment: Qt.AlignHCenter
            // Shown at its own size: whole pixels per module (kiosk.qr.qr_png).
            source: popup.code.imageUrl || ""
            smooth: false
            Accessible.role: Accessible.Graphic
            Accessible.name: qsTr("QR code for %1").arg(popup.code.address || "")
        }
        Text {
            objectName: "handoffAddress"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WrapAnywhere
            text: popup.code.address || ""
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        KioskButton {
            objectName: "handoffClose"
            Layout.alignment: Qt.AlignRight
            primaryAction: true
            text: qsTr("Close")
            onClicked: popup.close()
        }
    }
}
