import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// "Are you still there?" with a countdown; no answer ends the visit.
Popup {
    id: overlay

    property var idle

    parent: Overlay.overlay
    anchors.centerIn: parent
    // As tall as its words and button need (larger text, Spanish): "I'm still here" must stay
    // inside the pop-up, where a tap reaches it.
    width: Math.min(parent ? parent.width - 2 * Theme.margin : 900, Math.round(900 * Theme.textScale))
    modal: true
    closePolicy: Popup.NoAutoClose
    visible: idle ? idle.warning : false
    padding: Theme.margin
    background: Rectangle {
        radius: Theme.radius * 2
        color: Theme.surface
    }

    ColumnLayout {
        width: parent.width
        spacing: Theme.margin

        ScreenTitle {
            objectName: "idleTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Are you still there?")
        }
        Text {
            objectName: "idleCountdown"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            text: qsTr("For your privacy, we will start over when the countdown ends.")
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: qsTr("%1 seconds left").arg(text)
            Layout.alignment: Qt.AlignHCenter
            text: overlay.idle ? overlay.idle.secondsLeft : ""
            font.pixelSize: 96
            font.bold: true
            color: Theme.primary
        }
        KioskButton {
            objectName: "idleStillHere"
            Layout.alignment: Qt.AlignHCenter
            primaryAction: true
            text: qsTr("I'm still here")
            onClicked: overlay.idle.stillHere()
        }
    }
}
