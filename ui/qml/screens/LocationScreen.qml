pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// Location Details (address, phone, hours) and, for several locations, Switch Location.
ScreenBase {
    id: screen

    readonly property var loc: catalog.location

    objectName: "locationScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            objectName: "locationTitle"
            text: screen.loc.name || ""
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: screen.loc.address || ""
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: [screen.loc.phone, screen.loc.email].filter(x => x).join("  ·  ")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        SectionLabel {
            text: qsTr("Hours")
        }
        Repeater {
            model: screen.loc.hours || []
            delegate: Text {
                required property var modelData
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: modelData.days + ":  " + modelData.text
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
        }
        SectionLabel {
            visible: screen.catalog.locations.length > 1
            text: qsTr("Switch location")
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.catalog.locations.length > 1
            Repeater {
                model: screen.catalog.locations
                delegate: FilterChip {
                    required property var modelData
                    objectName: "location" + modelData.locationId
                    text: modelData.name
                    selected: modelData.name === screen.loc.name
                    onClicked: screen.kiosk.switchLocation(modelData.locationId)
                }
            }
        }
        Item {
            Layout.fillHeight: true
        }
    }
}
