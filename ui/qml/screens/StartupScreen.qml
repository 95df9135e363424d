pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Before the first catalog arrives: a busy screen, or one clear sentence for staff.
Rectangle {
    id: screen

    property var kiosk

    signal staffRequested()

    objectName: "startupScreen"
    color: Theme.background

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(1200, parent.width - 4 * Theme.margin)
        spacing: Theme.margin

        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 120
            Layout.preferredHeight: 120
            running: screen.visible && screen.kiosk && screen.kiosk.starting
            visible: running
        }
        Text {
            objectName: "startupMessage"
            Accessible.role: Accessible.Heading
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontHeading
            color: Theme.text
            text: !screen.kiosk ? "" : screen.kiosk.starting
                  ? qsTr("Getting the kiosk ready…")
                  : qsTr("The kiosk is not ready yet")
        }
        Text {
            objectName: "startupProblem"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            text: screen.kiosk ? screen.kiosk.problem : ""
        }
        // The sentence above asks staff to check the settings: this is the way to them.
        KioskButton {
            objectName: "startupStaff"
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: Theme.margin
            visible: screen.kiosk ? !screen.kiosk.starting || screen.kiosk.problem !== "" : false
            text: qsTr("Staff: kiosk settings")
            onClicked: screen.staffRequested()
        }
    }
}
