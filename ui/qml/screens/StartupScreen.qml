pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// Before the first catalog arrives: a busy screen, or one clear sentence for staff.
Rectangle {
    id: screen

    property var kiosk

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
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            text: screen.kiosk ? screen.kiosk.problem : ""
        }
    }
}
