pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// Find the Right Class: who, what, when, where -> classes with openings, best first. Never an
// empty page without a way to widen the search.
ScreenBase {
    id: screen

    property int step: 0
    property int ageMonths: -1
    property int programId: 0
    property var days: []
    property string timeOfDay: ""
    readonly property var dayNames: [qsTr("Sun"), qsTr("Mon"), qsTr("Tue"), qsTr("Wed"), qsTr("Thu"), qsTr("Fri"), qsTr("Sat")]
    readonly property var stepTitles: [qsTr("Who is the class for?"), qsTr("What would they like to do?"), qsTr("When works for you?"), qsTr("Where?"), qsTr("Classes for you")]

    function search() {
        catalog.findRightClass(ageMonths, programId, days, timeOfDay);
        step = 4;
    }

    function widen(hint) {
        if (hint === "time")
            timeOfDay = "";
        else if (hint === "days")
            days = [];
        else if (hint === "program")
            programId = 0;
        else if (hint === "location") {
            step = 3;
            return;
        }
        search();
    }

    objectName: "findClassScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: screen.step < 4 ? qsTr("Step %1 of 4").arg(screen.step + 1) : ""
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
        ScreenTitle {
            objectName: "findTitle"
            text: screen.stepTitles[screen.step]
        }

        // 1: who
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 0
            Repeater {
                model: screen.session.students
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "findStudent" + index
                    text: modelData.firstName
                    onClicked: {
                        screen.ageMonths = Math.floor(modelData.age * 12 + 6);
                        screen.step = 1;
                    }
                }
            }
        }
        SectionLabel {
            visible: screen.step === 0
            text: screen.session.students.length > 0 ? qsTr("…or choose an age") : qsTr("Choose the child's age")
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 0
            Repeater {
                model: 17
                delegate: FilterChip {
                    required property int index
                    objectName: "findAge" + (index + 1)
                    text: index === 0 ? qsTr("Under 2") : String(index + 1)
                    onClicked: {
                        screen.ageMonths = (index + 1) * 12 + (index === 0 ? 0 : 6);
                        screen.step = 1;
                    }
                }
            }
        }

        // 2: what
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 1
            FilterChip {
                objectName: "findProgramAny"
                text: qsTr("Show me everything")
                onClicked: {
                    screen.programId = 0;
                    screen.step = 2;
                }
            }
            Repeater {
                model: screen.catalog.programs
                delegate: FilterChip {
                    required property var modelData
                    objectName: "findProgram" + modelData.programId
                    text: modelData.name
                    onClicked: {
                        screen.programId = modelData.programId;
                        screen.step = 2;
                    }
                }
            }
        }

        // 3: when
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 2
            Repeater {
                model: 7
                delegate: FilterChip {
                    required property int index
                    objectName: "findDay" + (index + 1)
                    text: screen.dayNames[index]
                    selected: screen.days.indexOf(index + 1) >= 0
                    onClicked: {
                        const next = screen.days.slice();
                        const at = next.indexOf(index + 1);
                        if (at >= 0)
                            next.splice(at, 1);
                        else
                            next.push(index + 1);
                        screen.days = next;
                    }
                }
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 2
            Repeater {
                model: [["", qsTr("Any time")], ["morning", qsTr("Morning")], ["afternoon", qsTr("Afternoon")], ["evening", qsTr("Evening")]]
                delegate: FilterChip {
                    required property var modelData
                    objectName: "findTime_" + (modelData[0] || "any")
                    text: modelData[1]
                    selected: screen.timeOfDay === modelData[0]
                    onClicked: screen.timeOfDay = modelData[0]
                }
            }
        }

        // 4: where
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 3
            Repeater {
                model: screen.catalog.locations
                delegate: FilterChip {
                    required property var modelData
                    objectName: "findLocation" + modelData.locationId
                    text: modelData.name
                    selected: modelData.name === screen.kiosk.locationName
                    onClicked: screen.kiosk.switchLocation(modelData.locationId)
                }
            }
        }

        // results
        Text {
            objectName: "findNoMatch"
            Layout.fillWidth: true
            visible: screen.step === 4 && results.count === 0
            wrapMode: Text.WordWrap
            text: qsTr("No class with openings fits all of that. Widen your search:")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.gap
            visible: screen.step === 4 && results.count === 0
            Repeater {
                model: screen.catalog.widenHints
                delegate: KioskButton {
                    required property string modelData
                    objectName: "widen_" + modelData
                    text: modelData === "time" ? qsTr("Any time of day")
                          : modelData === "days" ? qsTr("Any day of the week")
                          : modelData === "program" ? qsTr("Any kind of class")
                          : qsTr("Try another location")
                    onClicked: screen.widen(modelData)
                }
            }
        }
        ListView {
            id: results
            objectName: "findResults"
            Accessible.name: qsTr("Classes for you")
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.step === 4
            clip: true
            spacing: Theme.gap
            model: screen.catalog.recommended
            delegate: ClassCard {
                required property int index
                objectName: "findResult" + index
                width: results.width - 28
                onClicked: screen.navigate("classDetail", { "classId": classId })
            }
        }
        Item {
            Layout.fillHeight: true
            visible: screen.step < 4
        }
        RowLayout {
            Layout.fillWidth: true
            KioskButton {
                objectName: "findBack"
                visible: screen.step > 0
                text: qsTr("Previous step")
                onClicked: screen.step -= 1
            }
            Item {
                Layout.fillWidth: true
            }
            KioskButton {
                objectName: "findNext"
                primaryAction: true
                visible: screen.step === 2 || screen.step === 3
                text: screen.step === 3 ? qsTr("Show Classes") : qsTr("Next")
                onClicked: screen.step === 3 ? screen.search() : screen.step += 1
            }
        }
    }
}
