pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// The family's own details: guardians, students, emergency contact; each one editable.
ScreenBase {
    id: screen


    objectName: "myAccountScreen"

    component Card: Rectangle {
        default property alias content: inner.data
        property string heading: ""
        width: parent ? parent.width : 0
        implicitHeight: inner.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.border
        border.width: 2
        Column {
            id: inner
            x: Theme.margin
            y: Theme.margin
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap
        }
    }
    component Line: Text {
        width: parent ? parent.width : 0
        font.pixelSize: Theme.fontBody
        color: Theme.text
        wrapMode: Text.WordWrap
    }

    FormScroll {
        anchors.fill: parent
        spacing: Theme.margin

        ScreenTitle {
            objectName: "myAccountTitle"
            text: qsTr("My Account — %1 family").arg(screen.session.familyName)
        }
        MessageBanner {
            width: parent.width
            text: screen.session.message
        }
        KioskButton {
            objectName: "openPayments"
            primaryAction: screen.session.balanceDueText !== ""
            text: screen.session.balanceDueText !== ""
                  ? qsTr("Payments — %1 due").arg(screen.session.balanceDueText)
                  : qsTr("Payments and receipts")
            onClicked: screen.navigate("accountPayments", {})
        }

        Repeater {
            model: screen.session.guardians
            delegate: Card {
                id: guardianCard
                required property var modelData
                required property int index
                RowLayout {
                    width: parent.width
                    Text {
                        Layout.fillWidth: true
                        text: guardianCard.modelData.firstName + " " + guardianCard.modelData.lastName
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }
                    KioskButton {
                        objectName: "editGuardian" + guardianCard.index
                        text: qsTr("Edit")
                        onClicked: screen.navigate("editDetails", { "mode": "guardian", "values": guardianCard.modelData })
                    }
                }
                Line {
                    text: guardianCard.modelData.email
                }
                Line {
                    text: guardianCard.modelData.phone
                }
                Line {
                    text: [guardianCard.modelData.line1, guardianCard.modelData.line2].filter(x => x).join(", ")
                          + "\n" + guardianCard.modelData.city + ", " + guardianCard.modelData.state + " " + guardianCard.modelData.zip
                }
            }
        }

        Card {
            RowLayout {
                width: parent.width
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Students")
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                }
                KioskButton {
                    objectName: "addStudent"
                    text: qsTr("+ Add a student")
                    onClicked: screen.navigate("editDetails", { "mode": "student", "values": ({ "studentId": -1, "lastName": screen.session.familyName }) })
                }
            }
            Repeater {
                model: screen.session.students
                delegate: RowLayout {
                    id: studentRow
                    required property var modelData
                    required property int index
                    width: parent ? parent.width : 0
                    Text {
                        objectName: "studentName" + studentRow.index
                        Layout.fillWidth: true
                        text: studentRow.modelData.firstName + " " + studentRow.modelData.lastName
                              + (studentRow.modelData.age >= 0 ? "  ·  " + qsTr("age %1").arg(studentRow.modelData.age) : "")
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                    }
                    KioskButton {
                        objectName: "editStudent" + studentRow.index
                        text: qsTr("Edit")
                        onClicked: screen.navigate("editDetails", { "mode": "student", "values": studentRow.modelData })
                    }
                }
            }
        }

        Card {
            RowLayout {
                width: parent.width
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Emergency contact")
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                }
                KioskButton {
                    objectName: "editContact"
                    text: qsTr("Edit")
                    onClicked: screen.navigate("editDetails", { "mode": "contact", "values": screen.session.emergencyContact })
                }
            }
            Line {
                objectName: "contactText"
                text: screen.session.emergencyContact.name !== ""
                      ? screen.session.emergencyContact.name + " (" + screen.session.emergencyContact.relationship + ") · " + screen.session.emergencyContact.phone
                      : qsTr("No emergency contact yet.")
            }
        }
    }
}
