pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Appointments: type -> coach -> an open time -> who -> cart.
ScreenBase {
    id: screen

    property int typeId: 0
    property string coach: ""
    property string slotId: ""
    property int studentId: 0
    readonly property var coachSlots: schedule.slots.filter(s => s.staffName === coach)

    objectName: "appointmentsScreen"

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("Appointments")
        }
        SectionLabel {
            text: qsTr("1. What kind of appointment?")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: screen.catalog.appointmentTypes
                delegate: FilterChip {
                    required property var modelData
                    objectName: "apptType" + modelData.typeId
                    text: modelData.name + (modelData.detailText ? "  ·  " + modelData.detailText : "")
                    selected: screen.typeId === modelData.typeId
                    onClicked: {
                        screen.typeId = modelData.typeId;
                        screen.coach = "";
                        screen.slotId = "";
                        screen.schedule.loadAppointmentSlots(modelData.typeId);
                    }
                }
            }
        }
        SectionLabel {
            visible: screen.typeId > 0
            text: qsTr("2. With which coach?")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.typeId > 0
            Repeater {
                model: screen.schedule.staffNames
                delegate: FilterChip {
                    required property string modelData
                    required property int index
                    objectName: "apptCoach" + index
                    text: modelData
                    selected: screen.coach === modelData
                    onClicked: {
                        screen.coach = modelData;
                        screen.slotId = "";
                    }
                }
            }
        }
        BusyIndicator {
            running: screen.schedule.busy
            visible: running
        }
        SectionLabel {
            visible: screen.coach !== ""
            text: qsTr("3. Choose a time")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.coach !== ""
            Repeater {
                model: screen.coachSlots
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "apptSlot" + index
                    text: modelData.dateText + " · " + modelData.timeText
                    selected: screen.slotId === modelData.slotId
                    onClicked: screen.slotId = modelData.slotId
                }
            }
        }
        SectionLabel {
            visible: screen.slotId !== "" && screen.session.familyChosen
            text: qsTr("4. Who is it for?")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.slotId !== "" && screen.session.familyChosen
            Repeater {
                model: screen.session.students
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "apptStudent" + index
                    text: modelData.firstName
                    selected: screen.studentId === modelData.studentId
                    onClicked: screen.studentId = modelData.studentId
                }
            }
        }
        MessageBanner {
            objectName: "apptMessage"
            width: parent.width
            text: screen.schedule.message || screen.cart.message
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            KioskButton {
                objectName: "apptAdd"
                primaryAction: true
                enabled: !screen.cart.busy && screen.slotId !== "" && (!screen.session.familyChosen || screen.studentId > 0)
                text: screen.session.familyChosen ? qsTr("Add to Cart") : qsTr("Log In to Book")
                onClicked: {
                    if (!screen.session.familyChosen)
                        screen.navigate("login", { "then": "appointments", "thenParams": {} });
                    else
                        screen.cart.addAppointment(screen.slotId, screen.studentId);
                }
            }
        }
    }
}
