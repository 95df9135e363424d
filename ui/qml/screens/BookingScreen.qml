pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// The location's booking menu: classes, each camp type, appointments and parties when enabled.
ScreenBase {
    id: screen

    objectName: "bookingScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("Booking")
        }
        Text {
            visible: screen.kiosk && screen.kiosk.bookingMenu.length === 0
            text: qsTr("Nothing is open for booking at this location right now.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 3
            rowSpacing: Theme.margin
            columnSpacing: Theme.margin
            Repeater {
                model: screen.kiosk ? screen.kiosk.bookingMenu : []
                delegate: DashboardTile {
                    required property var modelData
                    required property int index
                    objectName: "booking_" + modelData.target + (modelData.typeId >= 0 ? "_" + modelData.typeId : "")
                    Layout.fillWidth: true
                    implicitHeight: 300
                    iconName: "booking"
                    text: modelData.title
                    subtitle: modelData.subTitle
                    onClicked: {
                        if (modelData.target === "classes")
                            screen.navigate("classes", {});
                        else if (modelData.target === "camps")
                            screen.navigate("camps", { "typeId": modelData.typeId, "heading": modelData.title });
                        else if (modelData.target === "appointments")
                            screen.navigate("appointments", {});
                        else if (modelData.target === "parties")
                            screen.navigate("parties", {});
                        else
                            screen.navigate("comingSoon", { "feature": modelData.target, "heading": modelData.title });
                    }
                }
            }
        }
        Item {
            Layout.fillHeight: true
        }
    }
}
