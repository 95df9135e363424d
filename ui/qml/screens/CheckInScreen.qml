pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Self check-in: find the family by phone, PIN or card (no password), tick today's classes,
// one tap. A USB scanner types the card's code and Enter: that works on every step here.
ScreenBase {
    id: screen

    readonly property string stage: checkin ? checkin.stage : "identify"
    // Seconds until the screen goes back to the start after a check-in (or a block).
    property int secondsLeft: 10
    property string scanBuffer: ""

    // Back to the start: the landing page, or the family's dashboard when they are logged in.
    function finish() {
        if (session && session.loggedIn)
            navigate("dashboard", {});
        else
            openSection("landing");
        checkin.reset();
    }

    objectName: "checkInScreen"
    focus: true
    Component.onCompleted: {
        // A fresh start every time: nothing of an earlier family's check-in is shown again.
        checkin.reset();
        forceActiveFocus();
    }
    StackView.onActivated: forceActiveFocus()
    onStageChanged: {
        secondsLeft = 10;
        forceActiveFocus();
    }

    Keys.onPressed: event => {
        if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
            const code = scanBuffer;
            scanBuffer = "";
            if (code !== "")
                checkin.scanned(code);
            event.accepted = true;
        } else if (event.text !== "" && event.text >= " ") {
            scanBuffer = (scanBuffer + event.text).slice(-64);
            event.accepted = true;
        }
    }

    Timer {
        objectName: "checkInReturnTimer"
        interval: 1000
        repeat: true
        running: (screen.stage === "done" || screen.stage === "blocked")
                 && screen.StackView.status === StackView.Active
        onTriggered: {
            screen.secondsLeft -= 1;
            if (screen.secondsLeft <= 0)
                screen.finish();
        }
    }

    // ----- 1. Who are you? -------------------------------------------------------------------
    RowLayout {
        objectName: "checkInIdentify"
        visible: screen.stage === "identify"
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin * 2

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            spacing: Theme.margin

            ScreenTitle {
                Layout.fillWidth: true
                text: qsTr("Check in for class")
            }
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                Layout.fillWidth: true
                text: qsTr("Find your family with your phone number, your check-in PIN or your family card.")
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontLarge
                color: Theme.textMuted
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.gap
                Repeater {
                    model: [
                        { "key": "phone", "label": qsTr("Phone number") },
                        { "key": "pin", "label": qsTr("Check-in PIN") },
                        { "key": "card", "label": qsTr("Family card") }
                    ]
                    delegate: KioskButton {
                        required property var modelData
                        objectName: "checkInMethod_" + modelData.key
                        Layout.fillWidth: true
                        primaryAction: screen.checkin.method === modelData.key
                        text: modelData.label
                        Accessible.checked: screen.checkin.method === modelData.key
                        onClicked: screen.checkin.setMethod(modelData.key)
                    }
                }
            }
            Rectangle {
                objectName: "checkInEntry"
                visible: screen.checkin.method !== "card"
                Layout.fillWidth: true
                implicitHeight: entryText.implicitHeight + 40
                radius: Theme.radius
                color: Theme.surface
                border.color: screen.checkin.error !== "" ? Theme.danger : Theme.border
                border.width: 3
                Text {
                    id: entryText
                    objectName: "checkInEntryText"
                    anchors.fill: parent
                    anchors.margins: 20
                    verticalAlignment: Text.AlignVCenter
                    font.pixelSize: Theme.fontDisplay
                    color: screen.checkin.entryLength > 0 ? Theme.text : Theme.textMuted
                    text: screen.checkin.entryLength > 0 ? screen.checkin.entryText
                          : screen.checkin.method === "pin" ? qsTr("Your PIN") : qsTr("(555) 555-5555")
                    Accessible.name: screen.checkin.method === "pin"
                                     ? qsTr("PIN, %1 digits typed").arg(screen.checkin.entryLength)
                                     : screen.checkin.entryLength > 0 ? qsTr("Phone number: %1").arg(screen.checkin.entryText)
                                     : qsTr("Phone number, like %1").arg(text)
                }
            }
            Text {
                objectName: "checkInError"
                Layout.fillWidth: true
                visible: text !== ""
                text: screen.checkin.error
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontLarge
                color: Theme.danger
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            Text {
                objectName: "checkInCardHint"
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                Layout.fillWidth: true
                text: screen.checkin.method === "card"
                      ? qsTr("Hold your family card under the scanner.")
                      : qsTr("Have a family card? Scan it at any time.")
                wrapMode: Text.WordWrap
                font.pixelSize: screen.checkin.method === "card" ? Theme.fontHeading : Theme.fontBody
                color: Theme.textMuted
            }
            BusyIndicator {
                running: screen.checkin.busy
                visible: running
            }
        }

        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            visible: screen.checkin.method !== "card"
            spacing: Theme.margin
            NumericKeypad {
                objectName: "checkInKeypad"
                onPressed: key => screen.checkin.press(key)
            }
            KioskButton {
                objectName: "checkInFind"
                Layout.fillWidth: true
                primaryAction: true
                enabled: !screen.checkin.busy && screen.checkin.entryLength > 0
                text: qsTr("Find my family")
                onClicked: screen.checkin.submit()
            }
        }
    }

    // ----- 2. Several families share the phone number ----------------------------------------
    ColumnLayout {
        objectName: "checkInChooseFamily"
        visible: screen.stage === "chooseFamily"
        anchors.centerIn: parent
        width: Math.min(1000, parent.width - 4 * Theme.margin)
        spacing: Theme.margin
        ScreenTitle {
            Layout.fillWidth: true
            text: qsTr("Which family are you?")
        }
        Repeater {
            model: screen.checkin.familyNames
            delegate: KioskButton {
                required property string modelData
                required property int index
                objectName: "checkInFamily" + index
                Layout.fillWidth: true
                implicitHeight: Theme.touchLarge
                text: qsTr("The %1 family").arg(modelData)
                onClicked: screen.checkin.chooseFamily(index)
            }
        }
        KioskButton {
            objectName: "checkInStartOver"
            quiet: true
            text: qsTr("Start over")
            onClicked: screen.checkin.reset()
        }
    }

    // ----- 3. Who's here today? --------------------------------------------------------------
    ColumnLayout {
        objectName: "checkInStudents"
        visible: screen.stage === "students"
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            Layout.fillWidth: true
            // First names and last initials only: others in the lobby can read the screen.
            text: qsTr("Welcome! Who's here today?")
        }
        Text {
            Layout.fillWidth: true
            visible: !screen.checkin.nothingToCheckIn
            text: qsTr("Everyone with a tick is checked in with one tap. Tap a class to change it.")
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Text {
            objectName: "checkInNothing"
            Layout.fillWidth: true
            visible: screen.checkin.nothingToCheckIn
            text: qsTr("There is no class to check in to right now.")
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true
            ColumnLayout {
                width: parent.width
                spacing: Theme.margin
                Repeater {
                    model: screen.checkin.students
                    delegate: ColumnLayout {
                        id: studentBlock
                        required property var modelData
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        Text {
                            text: studentBlock.modelData.name
                            font.pixelSize: Theme.fontHeading
                            font.bold: true
                            color: Theme.text
                        }
                        Text {
                            visible: studentBlock.modelData.classes.length === 0
                            text: qsTr("No classes today.")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }
                        Repeater {
                            model: studentBlock.modelData.classes
                            delegate: AbstractButton {
                                id: row
                                required property var modelData
                                objectName: "checkInClass_" + studentBlock.modelData.studentId + "_" + modelData.classId
                                Layout.fillWidth: true
                                implicitHeight: Math.max(Theme.touchLarge + 16, rowContent.implicitHeight + 32)
                                enabled: modelData.canCheckIn
                                focusPolicy: Qt.NoFocus
                                checkable: false
                                Accessible.role: Accessible.CheckBox
                                Accessible.checked: modelData.selected
                                Accessible.name: modelData.name + ", " + modelData.time + ", " + modelData.statusText
                                onClicked: screen.checkin.toggle(studentBlock.modelData.studentId, modelData.classId)
                                background: Rectangle {
                                    radius: Theme.radius
                                    color: row.modelData.selected ? "#e3f4e8" : Theme.surface
                                    border.color: row.modelData.selected ? Theme.success : Theme.border
                                    border.width: row.modelData.selected ? 4 : 2
                                }
                                contentItem: RowLayout {
                                    id: rowContent
                                    spacing: Theme.margin
                                    Rectangle {
                                        Layout.leftMargin: Theme.gap
                                        implicitWidth: 56
                                        implicitHeight: 56
                                        radius: 10
                                        visible: row.modelData.canCheckIn || row.modelData.status === "checked_in"
                                        color: row.modelData.selected || row.modelData.status === "checked_in" ? Theme.success : Theme.surface
                                        border.color: Theme.success
                                        border.width: 3
                                        Text {
                                            anchors.centerIn: parent
                                            text: "✓"
                                            visible: row.modelData.selected || row.modelData.status === "checked_in"
                                            color: "white"
                                            font.pixelSize: Theme.fontHeading
                                            font.bold: true
                                        }
                                    }
                                    ColumnLayout {
                                        Layout.fillWidth: true
                                        Layout.leftMargin: row.modelData.canCheckIn || row.modelData.status === "checked_in" ? 0 : Theme.gap
                                        spacing: 4
                                        Text {
                                            Layout.fillWidth: true
                                            text: row.modelData.name + "  ·  " + row.modelData.time
                                            wrapMode: Text.WordWrap
                                            font.pixelSize: Theme.fontLarge
                                            font.bold: true
                                            color: row.modelData.canCheckIn || row.modelData.status === "checked_in" ? Theme.text : Theme.textMuted
                                        }
                                        Text {
                                            objectName: "checkInStatus_" + studentBlock.modelData.studentId + "_" + row.modelData.classId
                                            Layout.fillWidth: true
                                            text: row.modelData.statusText
                                            wrapMode: Text.WordWrap
                                            font.pixelSize: Theme.fontBody
                                            color: row.modelData.tardy ? Theme.warning : Theme.textMuted
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Text {
            objectName: "checkInClassError"
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
            Layout.fillWidth: true
            visible: text !== ""
            text: screen.checkin.error
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.danger
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.margin
            KioskButton {
                objectName: "checkInStartOverStudents"
                text: qsTr("Start over")
                onClicked: screen.checkin.reset()
            }
            Item { Layout.fillWidth: true }
            BusyIndicator {
                running: screen.checkin.busy
                visible: running
            }
            KioskButton {
                objectName: "checkInConfirm"
                primaryAction: true
                enabled: !screen.checkin.busy && screen.checkin.selectedCount > 0
                text: screen.checkin.selectedCount > 1
                      ? qsTr("Check In (%1)").arg(screen.checkin.selectedCount)
                      : qsTr("Check In")
                onClicked: screen.checkin.checkIn()
            }
        }
    }

    // ----- 4. Blocked: nothing for bystanders to read ---------------------------------------
    ColumnLayout {
        objectName: "checkInBlocked"
        visible: screen.stage === "blocked"
        anchors.centerIn: parent
        width: Math.min(1100, parent.width - 4 * Theme.margin)
        spacing: Theme.margin
        ScreenTitle {
            objectName: "checkInBlockedMessage"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.fontDisplay
            text: screen.checkin.blockedMessage !== "" ? screen.checkin.blockedMessage : qsTr("Please see the front desk.")
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Our team will help you check in. Back to the start in %1 s.").arg(screen.secondsLeft)
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
        }
        KioskButton {
            objectName: "checkInBlockedDone"
            Layout.alignment: Qt.AlignHCenter
            primaryAction: true
            text: qsTr("OK")
            onClicked: screen.finish()
        }
    }

    // ----- 5. Checked in ---------------------------------------------------------------------
    ColumnLayout {
        objectName: "checkInDone"
        visible: screen.stage === "done"
        anchors.centerIn: parent
        width: Math.min(1200, parent.width - 4 * Theme.margin)
        spacing: Theme.margin
        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            implicitWidth: 140
            implicitHeight: 140
            radius: 70
            color: Theme.success
            Icon {
                anchors.centerIn: parent
                width: 100
                height: 100
                name: "check_in"
            }
        }
        ScreenTitle {
            objectName: "checkInDoneTitle"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            font.pixelSize: Theme.fontDisplay
            text: qsTr("You're checked in!")
        }
        Repeater {
            model: screen.checkin.checkedIn
            delegate: Text {
                required property var modelData
                required property int index
                objectName: "checkedIn" + index
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontLarge
                color: Theme.text
                text: modelData.note !== ""
                      ? qsTr("%1 — %2 (%3)").arg(modelData.name).arg(modelData.className).arg(modelData.note)
                      : qsTr("%1 — %2").arg(modelData.name).arg(modelData.className)
            }
        }
        Text {
            objectName: "checkInCountdown"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Have a great class! Back to the start in %1 s.").arg(screen.secondsLeft)
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        KioskButton {
            objectName: "checkInDoneButton"
            Layout.alignment: Qt.AlignHCenter
            primaryAction: true
            text: qsTr("Done")
            onClicked: screen.finish()
        }
    }
}
