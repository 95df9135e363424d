pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// More: the smaller corners of the portal.
ScreenBase {
    id: screen

    objectName: "moreScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("More")
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 3
            rowSpacing: Theme.margin
            columnSpacing: Theme.margin
            Repeater {
                model: screen.kiosk.moreEntries
                delegate: DashboardTile {
                    required property string modelData
                    objectName: "more_" + modelData
                    Layout.fillWidth: true
                    implicitHeight: 260
                    iconName: modelData === "gift_cards" ? "pro_shop" : modelData === "meet_the_staff" ? "my_account" : modelData
                    text: Labels.title(modelData)
                    onClicked: screen.openSection(modelData)
                }
            }
        }
        Item {
            Layout.fillHeight: true
        }
    }
}
