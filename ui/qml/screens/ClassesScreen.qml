pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Classes from the cache, instant: filters on the left, the matching classes on the right.
ScreenBase {
    id: screen

    readonly property var dayNames: [qsTr("Sun"), qsTr("Mon"), qsTr("Tue"), qsTr("Wed"), qsTr("Thu"), qsTr("Fri"), qsTr("Sat")]

    // A big school has a hundred coaches: the first few as chips (the search box finds any
    // coach too), the rest on request, so the screen opens without building them all.
    readonly property int coachChipsShown: 12
    property bool showAllCoaches: false
    readonly property var coachChips: {
        const all = catalog ? catalog.instructors : [];
        if (showAllCoaches || all.length <= coachChipsShown)
            return all;
        const few = all.slice(0, coachChipsShown);
        const chosen = catalog.selectedInstructor;
        if (chosen !== "" && few.indexOf(chosen) < 0)
            few.push(chosen);
        return few;
    }

    objectName: "classesScreen"

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin

        // ----- filters
        FormScroll {
            Accessible.name: qsTr("Filters")
            Layout.preferredWidth: 600
            Layout.fillHeight: true
            spacing: 10

            Column {
                width: parent.width
                spacing: 10

                ScreenTitle {
                    text: qsTr("Classes")
                }
                TextField {
                    objectName: "classSearch"
                    width: parent.width
                    implicitHeight: Theme.touchMin
                    font.pixelSize: Theme.fontBody
                    placeholderText: qsTr("Search by name or coach")
                    inputMethodHints: Qt.ImhNoPredictiveText
                    text: screen.catalog.query
                    Accessible.name: qsTr("Search classes")
                    ContextMenu.menu: null
                    onTextEdited: screen.catalog.setQuery(text)
                }

                SectionLabel {
                    text: qsTr("Who is it for?")
                    visible: screen.session.students.length > 0
                }
                Flow {
                    width: parent.width
                    spacing: 8
                    visible: screen.session.students.length > 0
                    Repeater {
                        model: screen.session.students
                        delegate: FilterChip {
                            required property var modelData
                            required property int index
                            objectName: "filterStudent" + index
                            readonly property int months: modelData.age >= 0 ? Math.floor(modelData.age * 12 + 6) : -1
                            text: modelData.firstName
                            selected: screen.catalog.selectedAgeMonths === months
                            onClicked: screen.catalog.setAgeMonths(selected ? -1 : months)
                        }
                    }
                }

                SectionLabel {
                    text: qsTr("Age")
                }
                // Every age from 2 to 16+, in even rows of five.
                Grid {
                    id: ageGrid
                    width: parent.width
                    columns: 5
                    spacing: 8
                    Repeater {
                        model: 15
                        delegate: FilterChip {
                            required property int index
                            readonly property int modelData: index + 2
                            objectName: "filterAge" + modelData
                            width: (ageGrid.width - (ageGrid.columns - 1) * ageGrid.spacing) / ageGrid.columns
                            text: modelData === 16 ? "16+" : String(modelData)
                            selected: screen.catalog.selectedAgeMonths === modelData * 12 + 6
                            onClicked: screen.catalog.setAgeMonths(selected ? -1 : modelData * 12 + 6)
                        }
                    }
                }

                SectionLabel {
                    text: qsTr("Program")
                }
                Flow {
                    width: parent.width
                    spacing: 8
                    Repeater {
                        model: screen.catalog.programs
                        delegate: FilterChip {
                            required property var modelData
                            objectName: "filterProgram" + modelData.programId
                            text: modelData.name
                            selected: screen.catalog.selectedProgram === modelData.programId
                            onClicked: screen.catalog.setProgram(selected ? 0 : modelData.programId)
                        }
                    }
                }

                SectionLabel {
                    text: qsTr("Level")
                    visible: screen.catalog.levels.length > 0
                }
                Flow {
                    width: parent.width
                    spacing: 8
                    visible: screen.catalog.levels.length > 0
                    Repeater {
                        model: screen.catalog.levels
                        delegate: FilterChip {
                            required property var modelData
                            objectName: "filterLevel" + modelData.levelId
                            text: modelData.name
                            swatch: modelData.color
                            selected: screen.catalog.selectedLevel === modelData.levelId
                            onClicked: screen.catalog.setLevel(selected ? 0 : modelData.levelId)
                        }
                    }
                }

                SectionLabel {
                    text: qsTr("Coach")
                    visible: screen.catalog.instructors.length > 0
                }
                Flow {
                    width: parent.width
                    spacing: 8
                    visible: screen.catalog.instructors.length > 0
                    Repeater {
                        model: screen.coachChips
                        delegate: FilterChip {
                            required property string modelData
                            required property int index
                            objectName: "filterCoach" + index
                            text: modelData
                            selected: screen.catalog.selectedInstructor === modelData
                            onClicked: screen.catalog.setInstructor(selected ? "" : modelData)
                        }
                    }
                    FilterChip {
                        objectName: "filterAllCoaches"
                        visible: screen.catalog.instructors.length > screen.coachChipsShown
                        text: screen.showAllCoaches ? qsTr("Fewer coaches")
                                                    : qsTr("All %1 coaches").arg(screen.catalog.instructors.length)
                        onClicked: screen.showAllCoaches = !screen.showAllCoaches
                    }
                }

                SectionLabel {
                    text: qsTr("Day")
                }
                Flow {
                    width: parent.width
                    spacing: 8
                    Repeater {
                        model: 7
                        delegate: FilterChip {
                            required property int index
                            objectName: "filterDay" + (index + 1)
                            text: screen.dayNames[index]
                            selected: screen.catalog.selectedDays.indexOf(index + 1) >= 0
                            onClicked: screen.catalog.toggleDay(index + 1)
                        }
                    }
                }

                SectionLabel {
                    text: qsTr("Time of day")
                }
                Flow {
                    width: parent.width
                    spacing: 8
                    Repeater {
                        model: [["morning", qsTr("Morning")], ["afternoon", qsTr("Afternoon")], ["evening", qsTr("Evening")]]
                        delegate: FilterChip {
                            required property var modelData
                            objectName: "filterTime_" + modelData[0]
                            text: modelData[1]
                            selected: screen.catalog.selectedTimeOfDay === modelData[0]
                            onClicked: screen.catalog.setTimeOfDay(selected ? "" : modelData[0])
                        }
                    }
                }

                FilterChip {
                    objectName: "filterOpenings"
                    text: qsTr("Only classes with openings")
                    selected: screen.catalog.openingsOnly
                    onClicked: screen.catalog.setOpeningsOnly(!selected)
                }
                KioskButton {
                    objectName: "filterClear"
                    quiet: true
                    text: qsTr("Clear all filters")
                    onClicked: screen.catalog.clearFilters()
                }
            }
        }

        // ----- results
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            Text {
                id: classCount
                objectName: "classCount"
                text: classList.count === 1 ? qsTr("1 class") : qsTr("%1 classes").arg(classList.count)
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Text {
                objectName: "classesEmpty"
                Layout.fillWidth: true
                visible: classList.count === 0
                wrapMode: Text.WordWrap
                text: qsTr("No classes match all of these choices. Try fewer days, another time of day, or clear the filters.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            ListView {
                id: classList
                objectName: "classList"
                Accessible.name: classCount.text
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.gap
                model: screen.catalog.classes
                reuseItems: true
                cacheBuffer: 600
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar {
                    policy: classList.contentHeight > classList.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: 16
                }
                delegate: ClassCard {
                    required property int index
                    objectName: "classCard" + index
                    width: classList.width - 28
                    onClicked: screen.navigate("classDetail", { "classId": classId })
                }
            }
        }
    }
}
