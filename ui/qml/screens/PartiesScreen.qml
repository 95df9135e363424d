pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Parties: a package, an available day and time, the birthday child -> cart.
ScreenBase {
    id: screen

    property int packageId: 0
    property string day: ""
    property string time: ""
    property int studentId: 0
    readonly property var dayTimes: {
        const found = schedule.partyDays.filter(d => d.iso === day);
        return found.length > 0 ? found[0].times : [];
    }

    objectName: "partiesScreen"
    Component.onCompleted: schedule.loadPartyDays()

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("Parties")
        }
        SectionLabel {
            text: qsTr("1. Choose a party")
        }
        Repeater {
            model: screen.catalog.partyPackages
            delegate: FilterChip {
                required property var modelData
                objectName: "partyPackage" + modelData.packageId
                text: modelData.name + (modelData.detailText ? "  ·  " + modelData.detailText : "")
                selected: screen.packageId === modelData.packageId
                onClicked: screen.packageId = modelData.packageId
            }
        }
        SectionLabel {
            visible: screen.packageId > 0
            text: qsTr("2. Choose a day")
        }
        BusyIndicator {
            running: screen.schedule.busy
            visible: running
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.packageId > 0
            Repeater {
                model: screen.schedule.partyDays
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "partyDay" + index
                    text: modelData.dateText
                    selected: screen.day === modelData.iso
                    onClicked: {
                        screen.day = modelData.iso;
                        screen.time = "";
                    }
                }
            }
        }
        SectionLabel {
            visible: screen.day !== ""
            text: qsTr("3. Choose a time")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.day !== ""
            Repeater {
                model: screen.dayTimes
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "partyTime" + index
                    text: modelData.text
                    selected: screen.time === modelData.value
                    onClicked: screen.time = modelData.value
                }
            }
        }
        SectionLabel {
            visible: screen.time !== "" && screen.session.familyChosen
            text: qsTr("4. Whose party is it?")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            visible: screen.time !== "" && screen.session.familyChosen
            Repeater {
                model: screen.session.students
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "partyStudent" + index
                    text: modelData.firstName
                    selected: screen.studentId === modelData.studentId
                    onClicked: screen.studentId = modelData.studentId
                }
            }
        }
        MessageBanner {
            objectName: "partyMessage"
            width: parent.width
            text: screen.schedule.message || screen.cart.message
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            KioskButton {
                objectName: "partyAdd"
                primaryAction: true
                enabled: !screen.cart.busy && screen.time !== "" && (!screen.session.familyChosen || screen.studentId > 0)
                text: screen.session.familyChosen ? qsTr("Add to Cart") : qsTr("Log In to Book")
                onClicked: {
                    if (!screen.session.familyChosen)
                        screen.navigate("login", { "then": "parties", "thenParams": {} });
                    else
                        screen.cart.addParty(screen.packageId, screen.day, screen.time, screen.studentId);
                }
            }
        }
    }
}
