pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// A guardian with several families picks the one to use now (and again from the Menu).
ScreenBase {
    id: screen


    objectName: "chooseFamilyScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(1000, parent.width - 4 * Theme.margin)
        spacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            text: qsTr("Hi %1! Which family account would you like to use?").arg(screen.session.guardianFirstName)
        }
        Repeater {
            model: screen.session.families
            delegate: KioskButton {
                required property var modelData
                required property int index
                objectName: "family" + index
                Layout.fillWidth: true
                implicitHeight: Theme.touchLarge
                enabled: !screen.session.busy
                text: modelData.suspended
                      ? qsTr("%1 — please see the front desk").arg(modelData.name)
                      : modelData.name
                onClicked: screen.session.chooseFamily(modelData.familyId)
            }
        }
        MessageBanner {
            objectName: "chooseFamilyMessage"
            Layout.fillWidth: true
            text: screen.session.message
        }
        BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            running: screen.session.busy
            visible: running
        }
    }
}
