pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// "Are you a current customer?" Yes: email and password. No: Create Account.
ScreenBase {
    id: screen

    property bool customer: false
    property string email: ""

    objectName: "loginScreen"

    function submit() {
        const emailOk = emailField.check();
        if (!emailOk || passwordField.text === "") {
            if (passwordField.text === "")
                passwordField.liveError = qsTr("Please enter your password.");
            return;
        }
        passwordField.liveError = "";
        session.logIn(emailField.text, passwordField.text);
    }

    Component.onCompleted: session.clearErrors()

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(900, parent.width - 4 * Theme.margin)
        spacing: Theme.margin
        visible: !screen.customer

        ScreenTitle {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Are you a current customer?")
        }
        KioskButton {
            objectName: "loginYes"
            Layout.fillWidth: true
            primaryAction: true
            text: qsTr("Yes, log me in")
            onClicked: {
                screen.customer = true;
                emailField.input.forceActiveFocus();
            }
        }
        KioskButton {
            objectName: "loginNo"
            Layout.fillWidth: true
            implicitHeight: Theme.touchLarge
            text: qsTr("No, create an account")
            onClicked: screen.navigate("createAccount", {})
        }
    }

    FormScroll {
        anchors.fill: parent
        visible: screen.customer
        spacing: Theme.margin
        onSubmitted: screen.submit()
        actions: [
            KioskButton {
                objectName: "loginSubmit"
                primaryAction: true
                enabled: !screen.session.busy && screen.kiosk.online
                text: qsTr("Log In")
                onClicked: screen.submit()
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
                objectName: "loginForgot"
                quiet: true
                text: qsTr("Forgot password?")
                onClicked: screen.navigate("forgotPassword", { "email": emailField.text })
            }
        ]
        // Docked above the keyboard with the button: seen where the finger is, before typing
        // the password and tapping a Log In that cannot work.
        notices: [
            OfflineNotice {
                kiosk: screen.kiosk
                Layout.fillWidth: true
                // The answer to a login tried anyway says the same, in its own words.
                visible: !screen.kiosk.online && screen.session.message === ""
            },
            MessageBanner {
                objectName: "loginMessage"
                Layout.fillWidth: true
                text: screen.session.message
            }
        ]

        ScreenTitle {
            text: qsTr("Log In")
        }
        FormField {
            id: emailField
            objectName: "loginEmail"
            width: parent.width
            label: qsTr("Email")
            rule: "email"
            errorPath: "email"
            session: screen.session
            text: screen.email
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        }
        FormField {
            id: passwordField
            objectName: "loginPassword"
            width: parent.width
            label: qsTr("Password")
            errorPath: "password"
            session: screen.session
            echoMode: showPassword.checked ? TextInput.Normal : TextInput.Password
            inputMethodHints: Qt.ImhHiddenText | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        }
        TouchCheckBox {
            id: showPassword
            objectName: "loginShowPassword"
            text: qsTr("Show password")
            font.pixelSize: Theme.fontBody
        }
    }
}
