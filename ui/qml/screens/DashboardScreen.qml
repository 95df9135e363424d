pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
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

            // The tiles share the room; when their words need more (larger text, Spanish, a
            // lowered screen) they keep their size and the page scrolls, with a scroll bar.
            Flickable {
                id: tilesScroll
                objectName: "dashboardTiles"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                contentWidth: width
                contentHeight: tiles.height
                interactive: contentHeight > height + 1
                boundsBehavior: Flickable.StopAtBounds
                Accessible.name: qsTr("What would you like to do?")
                ScrollBar.vertical: ScrollBar {
                    policy: tilesScroll.interactive ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: 16
                }

                GridLayout {
                    id: tiles
                    // Each row's share of the room: the tiles choose picture and size from it.
                    readonly property int rowCount: Math.max(1, Math.ceil(tileRepeater.count / columns))
                    readonly property real rowRoom: (tilesScroll.height - (rowCount - 1) * rowSpacing) / rowCount
                    // Every row as tall as the tile that needs the most, so the rows stay even.
                    readonly property real tallest: {
                        let most = 0;
                        for (let i = 0; i < tileRepeater.count; ++i) {
                            const tile = tileRepeater.itemAt(i) as DashboardTile;
                            if (tile)
                                most = Math.max(most, tile.neededHeight);
                        }
                        return most;
                    }
                    width: tilesScroll.width - (tilesScroll.interactive ? 28 : 0)
                    height: Math.max(tilesScroll.height, implicitHeight)
                    columns: screen.session && screen.session.familyChosen ? 3 : 4
                    rowSpacing: Theme.margin
                    columnSpacing: Theme.margin

                    Repeater {
                        id: tileRepeater
                        model: screen.kiosk ? screen.kiosk.dashboardTiles : []
                        delegate: DashboardTile {
                            required property string modelData
                            objectName: "tile_" + modelData
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            room: tiles.rowRoom
                            Layout.minimumHeight: tiles.tallest
                            Layout.preferredHeight: tiles.tallest
                            Layout.maximumHeight: Math.max(320, tiles.tallest)
                            iconName: modelData
                            text: Labels.title(modelData)
                            subtitle: Labels.subtitle(modelData)
                            onClicked: screen.openSection(modelData)
                        }
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
