import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// A question with two answers ("That class is full. Join the waitlist?").
Popup {
    id: popup

    property string text: ""
    property string confirmText: qsTr("Yes")
    property string cancelText: qsTr("No, thanks")

    signal confirmed()

    function show(message) {
        text = message;
        open();
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: 1000
    modal: true
    closePolicy: Popup.NoAutoClose
    padding: Theme.margin * 1.5
    background: Rectangle {
        radius: Theme.radius * 2
        color: Theme.surface
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.margin
        Text {
            objectName: "confirmText"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: popup.text
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        RowLayout {
            Layout.fillWidth: true
            KioskButton {
                objectName: "confirmNo"
                text: popup.cancelText
                onClicked: popup.close()
            }
            Item {
                Layout.fillWidth: true
            }
            KioskButton {
                objectName: "confirmYes"
                primaryAction: true
                text: popup.confirmText
                onClicked: {
                    popup.close();
                    popup.confirmed();
                }
            }
        }
    }
}
