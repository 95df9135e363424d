pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Edit a guardian, a student (or add one), or the emergency contact; same rules as sign-up.
ScreenBase {
    id: screen

    property string mode: "guardian"  // guardian | student | contact
    property var values: ({})
    readonly property var fields: mode === "guardian"
        ? [["firstName", qsTr("First name")], ["lastName", qsTr("Last name")], ["email", qsTr("Email")],
           ["phone", qsTr("Mobile phone")], ["line1", qsTr("Street address")], ["line2", qsTr("Apartment, suite (optional)")],
           ["city", qsTr("City")], ["state", qsTr("State")], ["zip", qsTr("ZIP code")]]
        : mode === "student"
          ? [["firstName", qsTr("First name")], ["lastName", qsTr("Last name")], ["birthDate", qsTr("Birth date (MM/DD/YYYY)")]]
          : [["name", qsTr("Emergency contact name")], ["phone", qsTr("Emergency contact phone")], ["relationship", qsTr("Relationship (optional)")]]

    function ruleFor(key) {
        if (mode === "contact")
            return key === "name" ? "contactName" : key === "phone" ? "contactPhone" : "";
        return key === "line2" ? "" : key;
    }

    // The on-screen keyboard each field needs: "@" and ".com", a dial pad, digits, "/" for dates.
    function hintsFor(key) {
        if (key === "email")
            return Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText;
        if (key === "phone")
            return Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText;
        if (key === "zip")
            return Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText;
        if (key === "birthDate")
            return Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText;
        return Qt.ImhNoPredictiveText;
    }

    function save() {
        const result = {};
        let ok = true;
        for (let i = 0; i < fieldRepeater.count; i++) {
            const item = fieldRepeater.itemAt(i) as FormField;
            ok = item.check() && ok;
            result[screen.fields[i][0]] = item.text;
        }
        if (!ok)
            return;
        if (mode === "guardian")
            session.saveGuardian(values.guardianId, result);
        else if (mode === "student")
            session.saveStudent(values.studentId === undefined ? -1 : values.studentId, result);
        else
            session.saveEmergencyContact(result);
    }

    objectName: "editDetailsScreen"
    Component.onCompleted: session.clearErrors()

    Connections {
        function onSaved() {
            screen.back();
        }
        target: screen.session
    }

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap

        ScreenTitle {
            text: screen.mode === "guardian" ? qsTr("Your details")
                  : screen.mode === "contact" ? qsTr("Emergency contact")
                  : (screen.values.studentId > 0 ? qsTr("Edit student") : qsTr("Add a student"))
        }
        Repeater {
            id: fieldRepeater
            model: screen.fields
            delegate: FormField {
                required property var modelData
                objectName: "edit_" + modelData[0]
                width: parent ? parent.width : 0
                label: modelData[1]
                rule: screen.ruleFor(modelData[0])
                errorPath: modelData[0]
                session: screen.session
                text: screen.values[modelData[0]] || ""
                inputMethodHints: screen.hintsFor(modelData[0])
            }
        }
        MessageBanner {
            objectName: "editMessage"
            width: parent.width
            text: screen.session.message
        }
        RowLayout {
            width: parent.width
            KioskButton {
                objectName: "editCancel"
                text: qsTr("Cancel")
                onClicked: screen.back()
            }
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.session.busy
                visible: running
            }
            KioskButton {
                objectName: "editSave"
                primaryAction: true
                enabled: !screen.session.busy
                text: qsTr("Save")
                onClicked: screen.save()
            }
        }
    }
}
