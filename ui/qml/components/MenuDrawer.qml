pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import ".."

// Menu: the entries a family may need from any screen.
Drawer {
    id: drawer

    property var kiosk
    property var display

    signal itemRequested(string key)

    width: Math.round(520 * Theme.textScale)
    edge: Qt.LeftEdge
    background: Rectangle {
        color: Theme.surface
    }

    // Scrolls (with a scroll bar) when larger text or a lowered screen leaves too little room.
    FormScroll {
        id: menuScroll
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: docked.top
        anchors.topMargin: drawer.display && drawer.display.lowered ? Math.round(drawer.height / 3) : 0
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("Menu")
        }
        Repeater {
            model: drawer.kiosk ? drawer.kiosk.menuEntries : []
            delegate: KioskButton {
                required property string modelData
                objectName: "menu_" + modelData
                width: menuScroll.width - 3 * Theme.margin
                text: Labels.title(modelData)
                onClicked: drawer.itemRequested(modelData)
            }
        }
        Item {
            width: 1
            height: Theme.gap
        }
        // How the screen looks for this visit (back to the usual when the visit ends).
        KioskButton {
            objectName: "menuHighContrast"
            width: menuScroll.width - 3 * Theme.margin
            text: drawer.display && drawer.display.highContrast ? qsTr("Standard colours") : qsTr("High contrast")
            Accessible.checked: drawer.display ? drawer.display.highContrast : false
            onClicked: drawer.display.toggleHighContrast()
        }
    }

    // Docked at the bottom, in reach whatever the entries above need: the lowered screen's
    // own off switch ("Raise the screen") and Close.
    Rectangle {
        id: docked
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        implicitHeight: dockedColumn.implicitHeight + 2 * Theme.gap
        color: Theme.surface
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: 1
            color: Theme.border
        }
        Column {
            id: dockedColumn
            x: Theme.margin * 1.5
            y: Theme.gap
            width: parent.width - 3 * Theme.margin
            spacing: Theme.gap
            KioskButton {
                objectName: "menuLowered"
                width: parent.width
                text: drawer.display && drawer.display.lowered ? qsTr("Raise the screen") : qsTr("Lower the screen")
                Accessible.checked: drawer.display ? drawer.display.lowered : false
                onClicked: drawer.display.toggleLowered()
            }
            KioskButton {
                objectName: "menuClose"
                width: parent.width
                quiet: true
                text: qsTr("Close menu")
                onClicked: drawer.close()
            }
        }
    }
}
