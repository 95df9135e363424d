pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// Home after "Click to Begin": big tiles for what families come to do.
ScreenBase {
    id: screen

    objectName: "dashboardScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            text: screen.session && screen.session.familyChosen
                  ? qsTr("Hi %1! Welcome back to %2").arg(screen.session.guardianFirstName).arg(screen.kiosk.orgName)
                  : screen.kiosk ? qsTr("Welcome to %1").arg(screen.kiosk.orgName) : ""
        }
        KioskButton {
            objectName: "balanceNotice"
            Layout.fillWidth: true
            primaryAction: true
            visible: screen.session && screen.session.balanceDueText !== ""
            text: screen.session ? qsTr("You have %1 due — tap to pay").arg(screen.session.balanceDueText) : ""
            onClicked: screen.navigate("accountPayments", {})
        }
        Text {
            Layout.fillWidth: true
            text: screen.kiosk && screen.kiosk.locationName !== ""
                  ? qsTr("You are at %1. What would you like to do?").arg(screen.kiosk.locationName)
                  : qsTr("What would you like to do?")
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.margin

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: screen.session && screen.session.familyChosen ? 3 : 4
            rowSpacing: Theme.margin
            columnSpacing: Theme.margin

            Repeater {
                model: screen.kiosk ? screen.kiosk.dashboardTiles : []
                delegate: DashboardTile {
                    required property string modelData
                    objectName: "tile_" + modelData
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.maximumHeight: 320
                    iconName: modelData
                    text: Labels.title(modelData)
                    subtitle: Labels.subtitle(modelData)
                    onClicked: screen.openSection(modelData)
                }
            }
        }

        ComingUpPanel {
            objectName: "comingUp"
            Layout.preferredWidth: 560
            Layout.fillHeight: true
            visible: screen.session && screen.session.familyChosen
            events: screen.cart ? screen.cart.comingUp : []
        }
        }
    }
}
