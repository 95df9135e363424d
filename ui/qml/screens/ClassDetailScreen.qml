pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// One class: what, when, who for, openings; Enroll picks the family's eligible students.
ScreenBase {
    id: screen

    property int classId: 0
    readonly property var detail: languageCode !== "" ? catalog.classDetail(classId) : ({})
    readonly property var students: session.familyChosen && languageCode !== "" ? catalog.classEligibility(classId, session.students) : []
    property var chosen: ({})
    property string startDate: detail.startDates && detail.startDates.length > 0 ? detail.startDates[0].iso : ""
    readonly property int chosenCount: Object.keys(chosen).filter(k => chosen[k]).length

    function toggle(studentId) {
        const next = Object.assign({}, chosen);
        next[studentId] = !next[studentId];
        chosen = next;
    }

    objectName: "classDetailScreen"

    Component.onCompleted: cart.clearNotices()

    FormScroll {
        Accessible.name: screen.detail.name || ""
        anchors.fill: parent
        spacing: Theme.gap

        Row {
            spacing: Theme.gap
            Rectangle {
                width: 20
                height: titleText.height
                radius: 6
                color: screen.detail.levelColor || Theme.border
            }
            ScreenTitle {
                id: titleText
                objectName: "classTitle"
                text: screen.detail.name || ""
            }
        }
        Text {
            objectName: "classSchedule"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: screen.detail.scheduleText || ""
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: [screen.detail.ageText, screen.detail.levelName, screen.detail.instructorText, screen.detail.datesText]
                  .filter(x => x).join("  ·  ")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Row {
            spacing: Theme.margin
            Text {
                objectName: "classOpenings"
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: screen.detail.openingsText || ""
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: screen.detail.full ? Theme.danger : Theme.success
            }
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: screen.detail.tuitionText || ""
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
        }
        // Full: the same class at other times with a free seat, each leading to its own page.
        SectionLabel {
            objectName: "otherTimesTitle"
            visible: screen.detail.full === true
            text: (screen.detail.otherTimes || []).length > 0
                  ? qsTr("This class is full. Other times with open spots:")
                  : qsTr("This class is full, and no other time of it has an open spot right now.")
        }
        Repeater {
            model: screen.detail.full === true ? (screen.detail.otherTimes || []) : []
            delegate: AbstractButton {
                id: otherRow
                required property var modelData
                required property int index
                objectName: "otherTime" + index
                width: parent.width
                implicitHeight: Math.max(Theme.touchLarge, otherContent.implicitHeight + 24)
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.Button
                Accessible.name: modelData.scheduleText + ", " + modelData.openingsText
                onClicked: screen.navigate("classDetail", { "classId": modelData.classId })
                background: Rectangle {
                    radius: Theme.radius
                    color: otherRow.down ? Theme.surfaceAlt : Theme.surface
                    border.color: Theme.border
                    border.width: 2
                }
                contentItem: RowLayout {
                    id: otherContent
                    spacing: Theme.gap
                    Text {
                        Layout.leftMargin: Theme.gap
                        Layout.fillWidth: true
                        text: otherRow.modelData.scheduleText
                              + (otherRow.modelData.instructorText ? "  ·  " + otherRow.modelData.instructorText : "")
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.text
                    }
                    Text {
                        text: otherRow.modelData.openingsText
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.success
                    }
                    Text {
                        Layout.rightMargin: Theme.gap
                        text: "›"
                        font.pixelSize: Theme.fontHeading
                        color: Theme.textMuted
                        Accessible.ignored: true
                    }
                }
            }
        }
        Text {
            objectName: "classDescription"
            width: parent.width
            text: screen.detail.description || ""
            // Sanitized organisation HTML (kiosk.html): styled text, never rich text that could load
            // a remote image.
            textFormat: Text.StyledText
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontBody
            lineHeight: 1.3
            color: Theme.text
        }

        Rectangle {
            width: parent.width
            height: 2
            color: Theme.border
        }
        SectionLabel {
            text: screen.session.familyChosen ? qsTr("Who would you like to enroll?") : ""
            visible: text !== ""
        }
        SectionLabel {
            visible: screen.session.familyChosen && !screen.detail.full
            text: qsTr("Start date")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.session.familyChosen && !screen.detail.full
            Repeater {
                model: screen.detail.startDates || []
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "startDate" + index
                    text: modelData.text
                    selected: screen.startDate === modelData.iso
                    onClicked: screen.startDate = modelData.iso
                }
            }
        }
        Repeater {
            model: screen.students
            delegate: FilterChip {
                required property var modelData
                required property int index
                objectName: "enrollStudent" + index
                enabled: modelData.reason === ""
                text: modelData.reason === "" ? modelData.firstName : modelData.firstName + " — " + modelData.reason
                selected: screen.chosen[modelData.studentId] === true
                onClicked: screen.toggle(modelData.studentId)
            }
        }
        MessageBanner {
            objectName: "enrollMessage"
            width: parent.width
            text: screen.session.familyChosen ? screen.cart.message : ""
        }
        MessageBanner {
            objectName: "watchNotice"
            width: parent.width
            good: true
            text: screen.session.familyChosen && screen.cart.message === "" ? screen.cart.watchNotice : ""
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.cart.busy
                visible: running
            }
            // Beside the waitlist: a mail (and a note at the next login) when a seat opens.
            KioskButton {
                objectName: "watchClass"
                visible: screen.session.familyChosen && screen.detail.full === true
                enabled: !screen.cart.busy && screen.chosenCount === 1
                text: qsTr("Tell me when a spot opens")
                onClicked: {
                    const ids = Object.keys(screen.chosen).filter(k => screen.chosen[k]).map(k => parseInt(k));
                    screen.cart.watchClass(screen.classId, ids[0]);
                }
            }
            KioskButton {
                objectName: "enroll"
                // A full class without a waitlist has nothing to press: its other times (above) are
                // the way on.
                visible: !(screen.session.familyChosen && screen.detail.full === true && !screen.detail.allowWaitlist)
                primaryAction: true
                enabled: !screen.cart.busy && (!screen.session.familyChosen || screen.chosenCount > 0)
                text: screen.kiosk.browseMode
                      ? qsTr("Enroll on Your Phone")
                      : !screen.session.familyChosen
                      ? qsTr("Log In to Enroll")
                      : screen.detail.full
                        ? qsTr("Join the Waitlist")
                        : qsTr("Add to Cart")
                onClicked: {
                    if (!screen.session.familyChosen) {
                        screen.navigate("login", { "then": "classDetail", "thenParams": { "classId": screen.classId } });
                        return;
                    }
                    const ids = Object.keys(screen.chosen).filter(k => screen.chosen[k]).map(k => parseInt(k));
                    screen.cart.addClass(screen.classId, ids, screen.startDate);
                }
            }
        }
    }
}
