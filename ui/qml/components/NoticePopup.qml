import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// One sentence the family should read before going on (logged out, time almost up).
Popup {
    id: popup

    property string text: ""

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
            objectName: "noticeText"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: popup.text
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        KioskButton {
            objectName: "noticeOk"
            Layout.alignment: Qt.AlignRight
            primaryAction: true
            text: qsTr("OK")
            onClicked: popup.close()
        }
    }
}
