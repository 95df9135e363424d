pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// Menu: the entries a family may need from any screen.
Drawer {
    id: drawer

    property var kiosk

    signal itemRequested(string key)

    width: 520
    edge: Qt.LeftEdge
    background: Rectangle {
        color: Theme.surface
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("Menu")
        }
        Repeater {
            model: drawer.kiosk ? drawer.kiosk.menuEntries : []
            delegate: KioskButton {
                required property string modelData
                objectName: "menu_" + modelData
                Layout.fillWidth: true
                text: Labels.title(modelData)
                onClicked: drawer.itemRequested(modelData)
            }
        }
        Item {
            Layout.fillHeight: true
        }
        KioskButton {
            objectName: "menuClose"
            Layout.fillWidth: true
            quiet: true
            text: qsTr("Close menu")
            onClicked: drawer.close()
        }
    }
}
