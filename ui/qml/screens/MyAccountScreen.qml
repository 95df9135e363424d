pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// The family's own details: guardians, students, emergency contact, each one editable; the
// schedule (absences can be marked there) and makeup credits.
ScreenBase {
    id: screen

    Component.onCompleted: cart.loadCredits()

    objectName: "myAccountScreen"
    StackView.onActivated: {
        if (screen.session && screen.session.familyChosen && !screen.session.policiesPending)
            screen.cart.loadComingUp();
    }

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

        Card {
            objectName: "makeupCredits"
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                width: parent.width
                text: qsTr("Makeup credits")
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Line {
                visible: screen.cart.makeupCredits.length === 0
                text: qsTr("No makeup credits. Mark a class absent in Coming Up! to earn one.")
                color: Theme.textMuted
            }
            Repeater {
                model: screen.cart.makeupCredits
                delegate: RowLayout {
                    id: creditRow
                    required property var modelData
                    required property int index
                    width: parent ? parent.width : 0
                    ColumnLayout {
                        Layout.fillWidth: true
                        Text {
                            objectName: "creditTitle" + creditRow.index
                            Layout.fillWidth: true
                            text: creditRow.modelData.title
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            objectName: "creditStatus" + creditRow.index
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            Layout.fillWidth: true
                            text: creditRow.modelData.statusText
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                        }
                    }
                    KioskButton {
                        objectName: "useMakeupCredit" + creditRow.index
                        visible: creditRow.modelData.available
                        primaryAction: true
                        text: qsTr("Use a makeup credit")
                        Accessible.name: qsTr("Use the makeup credit from %1").arg(creditRow.modelData.title)
                        onClicked: screen.navigate("makeup", { "creditId": creditRow.modelData.creditId, "creditTitle": creditRow.modelData.title })
                    }
                }
            }
        }

        ComingUpPanel {
            objectName: "accountSchedule"
            width: parent.width
            height: 640
            events: screen.cart.comingUp
            busy: screen.cart.busy
            notice: screen.cart.notice
            message: screen.cart.message
            onMarkAbsent: (classId, studentId, iso) => screen.cart.markAbsent(classId, studentId, iso)
            onTakeBack: absenceId => screen.cart.takeBack(absenceId)
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
                        Accessible.name: qsTr("Edit %1's details").arg(guardianCard.modelData.firstName)
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
                        Accessible.name: qsTr("Edit %1's details").arg(studentRow.modelData.firstName)
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
                    Accessible.name: qsTr("Edit the emergency contact")
                    onClicked: screen.navigate("editDetails", { "mode": "contact", "values": screen.session.emergencyContact })
                }
            }
            Line {
                objectName: "contactText"
                text: screen.session.emergencyContact.name !== ""
                      ? screen.session.emergencyContact.name
                        + (screen.session.emergencyContact.relationship ? " (" + screen.session.emergencyContact.relationship + ")" : "")
                        + " · " + screen.session.emergencyContact.phone
                      : qsTr("No emergency contact yet.")
            }
        }
    }
}
