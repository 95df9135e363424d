pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// New family in three short steps: you, your students, emergency contact and password.
// Then the organisation's policies, then the dashboard.
ScreenBase {
    id: screen

    property int step: 0
    // The account is made and the family logged in: the success panel, then Continue.
    property bool created: false
    readonly property var stepTitles: [qsTr("About you"), qsTr("Your students"), qsTr("Emergency contact and password")]

    function guardianValues() {
        return {
            "firstName": firstName.text, "lastName": lastName.text, "email": email.text,
            "phone": phone.text, "line1": line1.text, "line2": line2.text, "city": city.text,
            "state": stateField.text, "zip": zip.text
        };
    }

    function studentValues() {
        const list = [];
        for (let i = 0; i < studentModel.count; i++) {
            const s = studentModel.get(i);
            list.push({ "firstName": s.firstName, "lastName": s.lastName, "birthDate": s.birthDate, "gender": s.gender });
        }
        return list;
    }

    function contactValues() {
        return { "name": contactName.text, "phone": contactPhone.text, "relationship": relationship.text };
    }

    // kiosk.forms decides: this step again (its problems shown), the next one, or sent (-1).
    function next() {
        const to = session.accountNext(step, guardianValues(), studentValues(), contactValues(), password.text);
        if (to < 0 || to === step)
            return;
        // Typing with the keyboard up (Enter on a step's last field): it stays up, in the
        // next step's first field.
        const typing = screen.Window.activeFocusItem instanceof TextField;
        step = to;
        if (typing)
            form.focusFirstField();
    }

    objectName: "createAccountScreen"
    backAllowed: !created
    onStepChanged: {
        form.contentY = 0;
        // Most children share the family name: start each new student with it.
        for (let i = 0; i < studentModel.count; i++) {
            if (studentModel.get(i).lastName === "")
                studentModel.setProperty(i, "lastName", lastName.text);
        }
    }
    Component.onCompleted: session.clearErrors()

    // The portal found something: show the first step that has a problem.
    Connections {
        function onAccountCreated() {
            screen.created = true;
            screen.forceActiveFocus(); // out of the password field: the keyboard goes down
        }
        function onErrorsChanged() {
            if (screen.session.accountStepWithProblem >= 0)
                screen.step = screen.session.accountStepWithProblem;
        }
        target: screen.session
    }

    ListModel {
        id: studentModel
        ListElement {
            firstName: ""
            lastName: ""
            birthDate: ""
            gender: ""
        }
    }

    SuccessPanel {
        anchors.fill: parent
        visible: screen.created
        title: qsTr("Your account is ready")
        titleObjectName: "accountReadyTitle"
        doneObjectName: "accountContinue"
        doneText: screen.session.policiesPending ? qsTr("Continue to our policies") : qsTr("Continue")
        onDone: screen.session.continueAfterAccount()

        Text {
            objectName: "accountReadyDetails"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Welcome, %1! You are logged in.").arg(screen.session.guardianFirstName)
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            objectName: "accountReadyNext"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            visible: screen.session.policiesPending
            text: qsTr("Next, please read and accept our policies.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
    }

    FormScroll {
        id: form
        anchors.fill: parent
        visible: !screen.created
        spacing: Theme.gap
        onSubmitted: screen.next()
        // Next (Create Account on the last step) docked at the bottom right, above the keyboard
        // on every step: the form scrolls under it.
        actions: [
            KioskButton {
                objectName: "createNext"
                primaryAction: true
                enabled: !screen.session.busy && (screen.step < 2 || screen.kiosk.online)
                text: screen.step < 2 ? qsTr("Next") : qsTr("Create Account")
                onClicked: screen.next()
            },
            BusyIndicator {
                running: screen.session.busy
                visible: running
                Layout.preferredWidth: Theme.touchMin
                Layout.preferredHeight: Theme.touchMin
            },
            Item {
                Layout.fillWidth: true
            },
            KioskButton {
                objectName: "createPrevious"
                visible: screen.step > 0
                text: qsTr("Previous step")
                onClicked: screen.step -= 1
            }
        ]
        notices: MessageBanner {
            objectName: "createMessage"
            Layout.fillWidth: true
            text: screen.session.message
        }

        Text {
            objectName: "createStep"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: qsTr("Step %1 of 3").arg(screen.step + 1)
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
        ScreenTitle {
            text: screen.stepTitles[screen.step]
        }
        OfflineNotice {
            kiosk: screen.kiosk
            width: parent.width
        }

        // ----- step 1: the guardian
        Column {
            width: parent.width
            spacing: Theme.gap
            visible: screen.step === 0
            RowLayout {
                width: parent.width
                spacing: Theme.margin
                FormField {
                    id: firstName
                    objectName: "createFirstName"
                    label: qsTr("First name")
                    rule: "firstName"
                    errorPath: "guardian.firstName"
                    session: screen.session
                    Layout.preferredWidth: 1
                }
                FormField {
                    id: lastName
                    objectName: "createLastName"
                    label: qsTr("Last name")
                    rule: "lastName"
                    errorPath: "guardian.lastName"
                    session: screen.session
                    Layout.preferredWidth: 1
                }
            }
            RowLayout {
                width: parent.width
                spacing: Theme.margin
                FormField {
                    id: email
                    objectName: "createEmail"
                    label: qsTr("Email")
                    rule: "email"
                    errorPath: "guardian.email"
                    session: screen.session
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
                }
                FormField {
                    id: phone
                    objectName: "createPhone"
                    label: qsTr("Mobile phone")
                    rule: "phone"
                    errorPath: "guardian.phone"
                    session: screen.session
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhDialableCharactersOnly
                }
            }
            FormField {
                id: line1
                objectName: "createLine1"
                width: parent.width
                label: qsTr("Street address")
                rule: "line1"
                errorPath: "guardian.address.line1"
                session: screen.session
            }
            FormField {
                id: line2
                objectName: "createLine2"
                width: parent.width
                label: qsTr("Apartment, suite (optional)")
                errorPath: "guardian.address.line2"
                session: screen.session
            }
            RowLayout {
                width: parent.width
                spacing: Theme.margin
                FormField {
                    id: city
                    objectName: "createCity"
                    label: qsTr("City")
                    rule: "city"
                    errorPath: "guardian.address.city"
                    session: screen.session
                    Layout.preferredWidth: 3
                }
                FormField {
                    id: stateField
                    objectName: "createState"
                    label: qsTr("State")
                    rule: "state"
                    errorPath: "guardian.address.state"
                    session: screen.session
                    maximumLength: 2
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhUppercaseOnly | Qt.ImhNoPredictiveText
                }
                FormField {
                    id: zip
                    objectName: "createZip"
                    label: qsTr("ZIP code")
                    rule: "zip"
                    errorPath: "guardian.address.zip"
                    session: screen.session
                    maximumLength: 10
                    Layout.preferredWidth: 2
                    inputMethodHints: Qt.ImhDigitsOnly
                }
            }
        }

        // ----- step 2: the students
        Column {
            width: parent.width
            spacing: Theme.margin
            visible: screen.step === 1
            Repeater {
                model: studentModel
                delegate: Rectangle {
                    id: card
                    required property int index
                    required property string firstName
                    required property string lastName
                    required property string birthDate
                    required property string gender

                    width: parent ? parent.width : 0
                    implicitHeight: cardColumn.implicitHeight + 2 * Theme.gap
                    radius: Theme.radius
                    color: Theme.surfaceAlt
                    Column {
                        id: cardColumn
                        x: Theme.gap
                        y: Theme.gap
                        width: parent.width - 2 * Theme.gap
                        spacing: Theme.gap
                        RowLayout {
                            width: parent.width
                            Text {
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                text: qsTr("Student %1").arg(card.index + 1)
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: Theme.text
                                Layout.fillWidth: true
                            }
                            KioskButton {
                                objectName: "removeStudent" + card.index
                                visible: studentModel.count > 1
                                quiet: true
                                text: qsTr("Remove")
                                Accessible.name: qsTr("Remove student %1").arg(card.index + 1)
                                onClicked: studentModel.remove(card.index)
                            }
                        }
                        RowLayout {
                            width: parent.width
                            spacing: Theme.margin
                            FormField {
                                objectName: "studentFirstName" + card.index
                                label: qsTr("First name")
                                rule: "firstName"
                                errorPath: "students." + card.index + ".firstName"
                                session: screen.session
                                text: card.firstName
                                Layout.preferredWidth: 1
                                input.onTextEdited: studentModel.setProperty(card.index, "firstName", text)
                            }
                            FormField {
                                objectName: "studentLastName" + card.index
                                label: qsTr("Last name")
                                rule: "lastName"
                                errorPath: "students." + card.index + ".lastName"
                                session: screen.session
                                text: card.lastName
                                Layout.preferredWidth: 1
                                input.onTextEdited: studentModel.setProperty(card.index, "lastName", text)
                            }
                        }
                        FormField {
                            objectName: "studentBirthDate" + card.index
                            label: qsTr("Birth date (MM/DD/YYYY)")
                            rule: "birthDate"
                            errorPath: "students." + card.index + ".birthDate"
                            session: screen.session
                            text: card.birthDate
                            maximumLength: 10
                            width: Math.min(parent.width, 520)
                            inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                            input.onTextEdited: studentModel.setProperty(card.index, "birthDate", text)
                        }
                        // Large chips, not a drop-down: a list that opens over the form covered Next.
                        Column {
                            objectName: "studentGender" + card.index
                            width: parent.width
                            spacing: 6
                            Text {
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                text: qsTr("Gender (optional)")
                                font.pixelSize: Theme.fontSmall
                                font.bold: true
                                color: Theme.text
                            }
                            Flow {
                                width: parent.width
                                spacing: Theme.gap
                                Accessible.role: Accessible.Grouping
                                Accessible.name: qsTr("Gender")
                                Repeater {
                                    model: [["", qsTr("Prefer not to say")], ["female", qsTr("Female")], ["male", qsTr("Male")]]
                                    delegate: FilterChip {
                                        required property var modelData
                                        objectName: "studentGender" + card.index + "_" + (modelData[0] || "none")
                                        text: modelData[1]
                                        Accessible.name: qsTr("%1, student %2").arg(modelData[1]).arg(card.index + 1)
                                        selected: card.gender === modelData[0]
                                        Accessible.role: Accessible.RadioButton
                                        onClicked: studentModel.setProperty(card.index, "gender", modelData[0])
                                    }
                                }
                            }
                        }
                    }
                }
            }
            KioskButton {
                objectName: "addStudent"
                text: qsTr("+ Add another student")
                onClicked: studentModel.append({ "firstName": "", "lastName": lastName.text, "birthDate": "", "gender": "" })
            }
        }

        // ----- step 3: emergency contact and password
        Column {
            width: parent.width
            spacing: Theme.gap
            visible: screen.step === 2
            RowLayout {
                width: parent.width
                spacing: Theme.margin
                FormField {
                    id: contactName
                    objectName: "createContactName"
                    label: qsTr("Emergency contact name")
                    rule: "contactName"
                    errorPath: "emergencyContact.name"
                    session: screen.session
                    Layout.preferredWidth: 1
                }
                FormField {
                    id: contactPhone
                    objectName: "createContactPhone"
                    label: qsTr("Emergency contact phone")
                    rule: "contactPhone"
                    errorPath: "emergencyContact.phone"
                    session: screen.session
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhDialableCharactersOnly
                }
            }
            FormField {
                id: relationship
                objectName: "createRelationship"
                width: parent.width
                label: qsTr("Relationship (optional)")
                errorPath: "emergencyContact.relationship"
                session: screen.session
            }
            FormField {
                id: password
                objectName: "createPassword"
                width: parent.width
                label: qsTr("Choose a password (at least 8 characters)")
                rule: "password"
                errorPath: "password"
                session: screen.session
                echoMode: TextInput.Password
                inputMethodHints: Qt.ImhHiddenText | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
            }
        }
    }
}
