pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// The staff PIN pad: big digits, dots instead of numbers, one sentence when it fails.
Popup {
    id: popup

    property var staff
    property string pin: ""

    parent: Overlay.overlay
    anchors.centerIn: parent
    // Wider when the keys' words need it (larger text, "Aceptar").
    width: Math.max(560, keys.implicitWidth + 2 * padding)
    modal: true
    closePolicy: Popup.NoAutoClose
    padding: Theme.margin
    onOpened: pin = ""
    background: Rectangle {
        radius: Theme.radius * 2
        color: Theme.surface
    }

    Connections {
        function onSignedIn() {
            popup.pin = "";
            popup.close();
        }
        // A wrong PIN is gone from the pad: the next one starts from nothing.
        function onSignInFailed() {
            popup.pin = "";
        }
        target: popup.staff
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("Staff PIN")
        }
        Text {
            objectName: "staffPinDots"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.alignment: Qt.AlignHCenter
            text: popup.pin.length > 0 ? "●".repeat(popup.pin.length) : " "
            font.pixelSize: Theme.fontHeading
            color: Theme.text
        }
        Text {
            objectName: "staffPinMessage"
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
            Layout.fillWidth: true
            visible: text !== ""
            text: popup.staff ? popup.staff.message : ""
            color: Theme.danger
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.WordWrap
        }
        GridLayout {
            id: keys
            Layout.alignment: Qt.AlignHCenter
            columns: 3
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "ok"]
                delegate: KioskButton {
                    required property string modelData
                    objectName: "pinKey_" + (modelData === "⌫" ? "back" : modelData === "ok" ? "OK" : modelData)
                    implicitWidth: Math.max(140, contentItem.implicitWidth + leftPadding + rightPadding)
                    implicitHeight: 96
                    leftPadding: 16
                    rightPadding: 16
                    primaryAction: modelData === "ok"
                    enabled: !popup.staff.busy && (modelData !== "ok" || popup.pin.length >= 4)
                    text: modelData === "ok" ? qsTr("OK") : modelData
                    font.pixelSize: Theme.fontHeading
                    Accessible.name: modelData === "⌫" ? qsTr("Delete") : modelData === "ok" ? qsTr("Sign in") : modelData
                    onClicked: {
                        if (modelData === "⌫")
                            popup.pin = popup.pin.slice(0, -1);
                        else if (modelData === "ok")
                            popup.staff.signIn(popup.pin);
                        else if (popup.pin.length < 8)
                            popup.pin += modelData;
                    }
                }
            }
        }
        KioskButton {
            objectName: "staffPinCancel"
            Layout.fillWidth: true
            quiet: true
            text: qsTr("Cancel")
            onClicked: {
                popup.pin = "";
                popup.close();
            }
        }
    }
}
