pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Email -> a 6-digit code by email -> code and a new password -> logged in.
ScreenBase {
    id: screen

    property string email: ""
    property bool codeSent: false
    property string sentMessage: ""

    objectName: "forgotPasswordScreen"

    Component.onCompleted: session.clearErrors()

    Connections {
        function onCodeSent(text) {
            screen.sentMessage = text;
            screen.codeSent = true;
            codeField.input.forceActiveFocus();
        }
        target: screen.session
    }

    FormScroll {
        anchors.fill: parent
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("Forgot Password")
        }
        OfflineNotice {
            kiosk: screen.kiosk
            width: parent.width
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            width: parent.width
            visible: !screen.codeSent
            text: qsTr("Enter the email you use with us. We will email you a 6-digit code to set a new password.")
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        FormField {
            id: emailField
            objectName: "forgotEmail"
            width: parent.width
            label: qsTr("Email")
            rule: "email"
            errorPath: "email"
            session: screen.session
            text: screen.email
            input.readOnly: screen.codeSent
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        }
        MessageBanner {
            objectName: "forgotSent"
            width: parent.width
            good: true
            text: screen.codeSent ? screen.sentMessage : ""
        }
        FormField {
            id: codeField
            objectName: "forgotCode"
            width: parent.width
            visible: screen.codeSent
            label: qsTr("6-digit code")
            rule: "code"
            errorPath: "code"
            session: screen.session
            maximumLength: 6
            inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData
        }
        FormField {
            id: passwordField
            objectName: "forgotNewPassword"
            width: parent.width
            visible: screen.codeSent
            label: qsTr("New password (at least 8 characters)")
            rule: "password"
            errorPath: "newPassword"
            session: screen.session
            echoMode: TextInput.Password
            inputMethodHints: Qt.ImhHiddenText | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhSensitiveData
        }
        MessageBanner {
            objectName: "forgotMessage"
            width: parent.width
            text: screen.session.message
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.session.busy
                visible: running
            }
            KioskButton {
                objectName: "forgotSubmit"
                primaryAction: true
                enabled: !screen.session.busy && screen.kiosk.online
                text: screen.codeSent ? qsTr("Save and Log In") : qsTr("Send Code")
                onClicked: {
                    if (!screen.codeSent) {
                        if (emailField.check())
                            screen.session.forgotPassword(emailField.text);
                    } else {
                        const ok = [codeField.check(), passwordField.check()].every(x => x);
                        if (ok)
                            screen.session.resetPassword(emailField.text, codeField.text, passwordField.text);
                    }
                }
            }
        }
    }
}
