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
            text: screen.detail.scheduleText || ""
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            text: [screen.detail.ageText, screen.detail.levelName, screen.detail.instructorText, screen.detail.datesText]
                  .filter(x => x).join("  ·  ")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Row {
            spacing: Theme.margin
            Text {
                objectName: "classOpenings"
                text: screen.detail.openingsText || ""
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: screen.detail.full ? Theme.danger : Theme.success
            }
            Text {
                text: screen.detail.tuitionText || ""
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
        }
        Text {
            width: parent.width
            text: screen.detail.description || ""
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
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.cart.busy
                visible: running
            }
            KioskButton {
                objectName: "enroll"
                primaryAction: true
                enabled: !screen.cart.busy && (!screen.session.familyChosen || screen.chosenCount > 0)
                text: !screen.session.familyChosen
                      ? qsTr("Log In to Enroll")
                      : screen.detail.full
                        ? (screen.detail.allowWaitlist ? qsTr("Join the Waitlist") : qsTr("Class is Full"))
                        : qsTr("Add to Cart")
                onClicked: {
                    if (!screen.session.familyChosen) {
                        screen.navigate("login", { "then": "classDetail", "thenParams": { "classId": screen.classId } });
                        return;
                    }
                    const ids = Object.keys(screen.chosen).filter(k => screen.chosen[k]).map(k => parseInt(k));
                    screen.cart.addClass(screen.classId, ids, screen.detail.full === true, screen.startDate);
                }
            }
        }
    }
}
