pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// "Coming Up!": the family's next events as a simple timeline, cancellations, absences and
// makeups marked; a weekly class can be marked absent (or the absence taken back) here.
Rectangle {
    id: panel

    property var events: []
    property bool busy: false
    property string notice: ""
    property string message: ""

    signal markAbsent(int classId, int studentId, string iso)
    signal takeBack(int absenceId)

    // A wide panel (under the tiles, upright) puts an entry's button beside its words.
    readonly property bool wide: width >= 800
    // The least height that shows the heading, the first entry whole and "More": what the
    // dashboard keeps for Coming Up! when the tiles take the rest.
    readonly property real leastHeight: {
        let least = 2 * Theme.margin + heading.implicitHeight;
        for (const item of [banner, nothing]) {
            if (item.visible)
                least += column.spacing + item.implicitHeight;
        }
        const first = entries.count > 0 ? entries.itemAt(0) : null;
        if (first)
            least += column.spacing + first.height;
        if (panel.events.length > 1)
            least += column.spacing + more.implicitHeight;
        return Math.ceil(least);
    }

    radius: Theme.radius * 1.5
    color: Theme.surface
    border.color: Theme.border
    border.width: 2

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Text {
            id: heading
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: qsTr("Coming Up!")
            font.pixelSize: Theme.fontLarge
            font.bold: true
            color: Theme.text
        }
        MessageBanner {
            id: banner
            objectName: "comingUpNotice"
            Layout.fillWidth: true
            good: panel.message === ""
            text: panel.message !== "" ? panel.message : panel.notice
        }
        Text {
            id: nothing
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            visible: panel.events.length === 0
            wrapMode: Text.WordWrap
            text: qsTr("Nothing scheduled in the next 30 days.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        // The events show as whole entries: the list ends after the last one that fits, and a
        // "More" row under it (a full touch target) turns the page. A finger can still flick.
        Item {
            id: viewport
            Layout.fillWidth: true
            Layout.fillHeight: true

            Flickable {
                id: list

                // From the entry at the top, the height of the entries that fit whole.
                readonly property real wholeHeight: {
                    const room = viewport.height;
                    let bottom = -1;
                    for (let i = 0; i < rows.children.length; ++i) {
                        const entry = rows.children[i];
                        if (!isEntry(entry) || entry.y + entry.height <= contentY + 1)
                            continue;
                        if (entry.y + entry.height - contentY > room + 0.5)
                            break;
                        bottom = entry.y + entry.height;
                    }
                    // Nothing fits whole (one very long entry): all the room, the rest by flicking.
                    return bottom < 0 ? room : Math.min(room, bottom - contentY);
                }
                // The first entry not shown whole below the shown ones, or null.
                readonly property Item nextHidden: {
                    const shownBottom = contentY + height;
                    for (let i = 0; i < rows.children.length; ++i) {
                        const entry = rows.children[i];
                        if (isEntry(entry) && entry.y + entry.height > shownBottom + 1)
                            return entry;
                    }
                    return null;
                }

                function isEntry(item) {
                    return item && item.visible && item.objectName.startsWith("comingUpRow");
                }
                // After a flick, the entry cut at the top shows whole (or the next one, when
                // less than half of it was left).
                function snap() {
                    for (let i = 0; i < rows.children.length; ++i) {
                        const entry = rows.children[i];
                        if (isEntry(entry) && entry.y + entry.height > contentY + 1) {
                            contentY = contentY - entry.y > entry.height / 2 ? entry.y + entry.height + rows.spacing : entry.y;
                            return;
                        }
                    }
                }

                objectName: "comingUpList"
                Accessible.name: qsTr("Coming Up!")
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                height: wholeHeight
                clip: true
                contentWidth: width
                contentHeight: rows.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                onMovementEnded: snap()

                Column {
                    id: rows
                    width: list.width
                    spacing: 10

                    Repeater {
                        id: entries
                        model: panel.events
                        delegate: RowLayout {
                            id: row
                            required property var modelData
                            required property int index
                            objectName: "comingUpRow" + index
                            width: rows.width
                            spacing: Theme.gap
                            Rectangle {
                                Layout.preferredWidth: 14
                                Layout.preferredHeight: 14
                                Layout.alignment: Qt.AlignTop
                                Layout.topMargin: 10
                                radius: 7
                                color: row.modelData.cancelled ? Theme.danger
                                     : row.modelData.status === "absent" ? Theme.textMuted : Theme.primary
                            }
                            GridLayout {
                                Layout.fillWidth: true
                                columns: panel.wide ? 2 : 1
                                columnSpacing: Theme.gap
                                rowSpacing: 2
                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 2
                                    Text {
                                        Accessible.role: Accessible.StaticText
                                        Accessible.name: text
                                        objectName: "comingUpWhen" + row.index
                                        text: row.modelData.dateText + (row.modelData.timeText ? " · " + row.modelData.timeText : "")
                                        font.pixelSize: Theme.fontSmall
                                        font.bold: true
                                        color: Theme.textMuted
                                    }
                                    Text {
                                        objectName: "comingUpTitle" + row.index
                                        Accessible.role: Accessible.StaticText
                                        Accessible.name: text
                                        Layout.fillWidth: true
                                        text: (row.modelData.cancelled ? qsTr("Cancelled: ") : "") + row.modelData.title
                                              + (row.modelData.studentName ? " — " + row.modelData.studentName : "")
                                        font.pixelSize: Theme.fontBody
                                        font.strikeout: row.modelData.cancelled
                                        color: row.modelData.cancelled ? Theme.danger : Theme.text
                                        wrapMode: Text.WordWrap
                                    }
                                    Text {
                                        objectName: "comingUpStatus" + row.index
                                        Accessible.role: Accessible.StaticText
                                        Accessible.name: text
                                        Layout.fillWidth: true
                                        visible: text !== ""
                                        text: row.modelData.statusText || ""
                                        font.pixelSize: Theme.fontSmall
                                        font.bold: true
                                        color: row.modelData.status === "makeup" ? Theme.success : Theme.textMuted
                                        wrapMode: Text.WordWrap
                                    }
                                }
                                KioskButton {
                                    objectName: "markAbsent" + row.index
                                    Layout.alignment: panel.wide ? Qt.AlignRight | Qt.AlignVCenter : Qt.AlignLeft
                                    visible: row.modelData.canMarkAbsent === true
                                    enabled: !panel.busy
                                    text: qsTr("Mark absent")
                                    Accessible.name: qsTr("Mark %1 absent on %2").arg(row.modelData.studentName).arg(row.modelData.dateText)
                                    onClicked: panel.markAbsent(row.modelData.classId, row.modelData.studentId, row.modelData.iso)
                                }
                                KioskButton {
                                    objectName: "takeBack" + row.index
                                    Layout.alignment: panel.wide ? Qt.AlignRight | Qt.AlignVCenter : Qt.AlignLeft
                                    visible: row.modelData.canTakeBack === true
                                    enabled: !panel.busy
                                    text: qsTr("Take back")
                                    Accessible.name: qsTr("Take back %1's absence on %2").arg(row.modelData.studentName).arg(row.modelData.dateText)
                                    onClicked: panel.takeBack(row.modelData.absenceId)
                                }
                            }
                        }
                    }
                }
            }
        }
        KioskButton {
            id: more
            objectName: "comingUpMore"
            Layout.fillWidth: true
            visible: list.nextHidden !== null || list.contentY > 1
            quiet: true
            text: list.nextHidden !== null ? qsTr("More ▾") : qsTr("Back to the first ▴")
            Accessible.name: list.nextHidden !== null ? qsTr("More of Coming Up!") : qsTr("Back to the first of Coming Up!")
            // The next page starts with the first entry that was not shown whole.
            onClicked: list.contentY = list.nextHidden !== null ? list.nextHidden.y : 0
        }
    }
}
