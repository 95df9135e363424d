pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Home after "Tap to Begin": big tiles for what families come to do.
ScreenBase {
    id: screen

    objectName: "dashboardScreen"
    // Coming Up! is read again each time the family comes back here (another kiosk, the desk
    // or a payment may have changed it).
    StackView.onActivated: {
        if (screen.session && screen.session.familyChosen && !screen.session.policiesPending)
            screen.cart.loadComingUp();
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            text: screen.session && screen.session.familyChosen
                  ? (screen.session.newFamily ? qsTr("Hi %1! Welcome to %2") : qsTr("Hi %1! Welcome back to %2"))
                    .arg(screen.session.guardianFirstName).arg(screen.kiosk.orgName)
                  : screen.kiosk ? qsTr("Welcome to %1").arg(screen.kiosk.orgName) : ""
        }
        // "Tell me when a spot opens": what opened since the family last looked.
        Repeater {
            model: screen.cart && screen.session && screen.session.familyChosen ? screen.cart.alerts : []
            delegate: MessageBanner {
                required property string modelData
                Layout.fillWidth: true
                good: true
                text: modelData
            }
        }
        KioskButton {
            objectName: "dismissAlerts"
            visible: screen.cart && screen.session && screen.session.familyChosen && screen.cart.alerts.length > 0
            text: qsTr("Got it")
            onClicked: screen.cart.dismissAlerts()
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
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: screen.kiosk && screen.kiosk.locationName !== ""
                  ? qsTr("You are at %1. What would you like to do?").arg(screen.kiosk.locationName)
                  : qsTr("What would you like to do?")
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }

        // Landscape: the tiles with Coming Up! beside them; portrait: Coming Up! under them.
        GridLayout {
            id: body
            readonly property bool portrait: screen.height > screen.width
            // Upright with Coming Up! under them, the tiles take the height their words need
            // (no scrolling) and Coming Up! the rest; with larger text the tiles turn wide
            // (picture beside the title) so that Coming Up! keeps room for whole entries.
            readonly property bool stacked: portrait && comingUp.visible
            readonly property bool wideTiles: stacked && Theme.textScale > 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: portrait ? 1 : 2
            rowSpacing: Theme.margin
            columnSpacing: Theme.margin

            // The tiles share the room; when their words need more (larger text, Spanish, a
            // lowered screen) they keep their size and the page scrolls, with a scroll bar.
            // Stacked, they have the height they need; when Coming Up! would lose its first
            // entry they go terse (below), and only when even that is too tall do they scroll.
            Flickable {
                id: tilesScroll
                objectName: "dashboardTiles"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredHeight: body.stacked ? tiles.neededHeight : -1
                Layout.maximumHeight: body.stacked ? tiles.neededHeight : Number.POSITIVE_INFINITY
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

                // Rows as even as the count allows (9 tiles: 5 and 4, or 3, 3 and 3; 7: 4 and 3,
                // or 3, 2 and 2), never one tile alone beside an empty row; each row's tiles
                // share its width.
                Item {
                    id: tiles
                    readonly property int count: tileRepeater.count
                    readonly property real spacing: body.wideTiles ? Theme.gap : Theme.margin
                    // As many tiles to a row as fit at a readable width.
                    readonly property real minTileWidth: Theme.textScale > 1 ? 360 : 260
                    readonly property int mostPerRow: Math.max(1, Math.floor((width + spacing) / (minTileWidth + spacing)))
                    readonly property int rowCount: Math.max(1, Math.ceil(count / mostPerRow))
                    // The first `longRows` rows hold one tile more than the others.
                    readonly property int perRow: Math.floor(count / rowCount)
                    readonly property int longRows: count % rowCount
                    // Each row's share of the room: the tiles choose the picture's size from it.
                    readonly property real rowRoom: (tilesScroll.height - (rowCount - 1) * spacing) / rowCount
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
                    readonly property real rowHeight: body.stacked ? tallest
                                                                   : Math.max(tallest, Math.min(Math.max(320, tallest), rowRoom))
                    // All the rows at the height their words need.
                    readonly property real neededHeight: rowCount * tallest + (rowCount - 1) * spacing
                    // Stacked, when the tiles with their explanations would leave Coming Up! less
                    // than its heading, first entry and "More" (a notice after "Mark absent"),
                    // they go terse rather than scroll.
                    readonly property real fullHeight: {
                        let most = 0;
                        for (let i = 0; i < tileRepeater.count; ++i) {
                            const tile = tileRepeater.itemAt(i) as DashboardTile;
                            if (tile)
                                most = Math.max(most, tile.fullHeight);
                        }
                        return rowCount * most + (rowCount - 1) * spacing;
                    }
                    readonly property bool terse: body.stacked
                                                  && fullHeight > body.height - body.rowSpacing - comingUp.leastHeight + 0.5

                    function rowOf(index) {
                        const inLong = longRows * (perRow + 1);
                        return index < inLong ? Math.floor(index / (perRow + 1))
                                              : longRows + Math.floor((index - inLong) / Math.max(1, perRow));
                    }
                    function firstOf(row) {
                        return row < longRows ? row * (perRow + 1) : longRows * (perRow + 1) + (row - longRows) * perRow;
                    }
                    function countIn(row) {
                        return row < longRows ? perRow + 1 : perRow;
                    }

                    // Room for the scroll bar kept whether or not it shows: the tiles' width decides
                    // their height, which decides whether the page scrolls. Stacked, the tiles
                    // do not scroll (a last resort's scroll bar lies over their right edge).
                    width: tilesScroll.width - (body.stacked ? 0 : 28)
                    height: Math.max(tilesScroll.height, rowCount * rowHeight + (rowCount - 1) * spacing)

                    Repeater {
                        id: tileRepeater
                        model: screen.kiosk ? screen.kiosk.dashboardTiles : []
                        delegate: DashboardTile {
                            id: tile
                            required property string modelData
                            required property int index
                            readonly property int row: tiles.rowOf(index)
                            readonly property int inRow: tiles.countIn(row)
                            objectName: "tile_" + modelData
                            width: (tiles.width - (inRow - 1) * tiles.spacing) / inRow
                            height: tiles.rowHeight
                            x: (index - tiles.firstOf(row)) * (width + tiles.spacing)
                            y: row * (tiles.rowHeight + tiles.spacing)
                            // Stacked, a row has just the room its words need: compact tiles.
                            room: body.stacked ? 0 : tiles.rowRoom
                            wide: body.wideTiles
                            terse: tiles.terse
                            iconName: modelData
                            text: Labels.title(modelData)
                            subtitle: Labels.subtitle(modelData)
                            onClicked: screen.openSection(tile.modelData)
                        }
                    }
                }
            }

            ComingUpPanel {
                id: comingUp
                objectName: "comingUp"
                Layout.preferredWidth: body.portrait ? -1 : 560
                Layout.fillWidth: body.portrait
                Layout.fillHeight: true
                // Under the tiles, never less than its heading, its first entry and "More".
                Layout.minimumHeight: body.portrait ? leastHeight : -1
                visible: screen.session && screen.session.familyChosen
                events: screen.cart ? screen.cart.comingUp : []
                busy: screen.cart ? screen.cart.busy : false
                notice: screen.cart ? screen.cart.notice : ""
                message: screen.cart ? screen.cart.message : ""
                onMarkAbsent: (classId, studentId, iso) => screen.cart.markAbsent(classId, studentId, iso)
                onTakeBack: absenceId => screen.cart.takeBack(absenceId)
            }
        }
    }
}
