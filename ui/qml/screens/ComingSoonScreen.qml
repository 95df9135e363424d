pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// Sections that arrive in later updates say so plainly and offer the way home.
ScreenBase {
    id: screen

    property string feature: ""
    property string heading: ""

    objectName: "comingSoonScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(1100, parent.width - 4 * Theme.margin)
        spacing: Theme.margin

        ScreenTitle {
            objectName: "comingSoonTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: screen.heading !== "" ? screen.heading : Labels.title(screen.feature)
        }
        Text {
            objectName: "comingSoonText"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            text: qsTr("This part of the kiosk is not available yet. The front desk will be happy to help you with it today.")
        }
        KioskButton {
            objectName: "comingSoonHome"
            Layout.alignment: Qt.AlignHCenter
            primaryAction: true
            text: qsTr("Back to Home")
            onClicked: screen.navigate("dashboard", {})
        }
    }
}
