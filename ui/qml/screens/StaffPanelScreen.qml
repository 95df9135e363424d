pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Staff panel: help a walk-in, kiosk settings, sync status, the demo mailbox, exit.
ScreenBase {
    id: screen

    property int tab: staff.offlineOnly ? 1 : 0
    readonly property var tabs: [qsTr("Help a walk-in"), qsTr("Kiosk settings"), qsTr("Sync status"), qsTr("Demo mailbox"), qsTr("Check-ins today")]

    objectName: "staffPanelScreen"
    Component.onCompleted: staff.refreshStatus()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            ScreenTitle {
                Layout.fillWidth: true
                text: qsTr("Staff — %1").arg(screen.staff.staffName)
            }
            KioskButton {
                objectName: "staffSignOut"
                text: qsTr("Sign out")
                onClicked: {
                    screen.staff.signOut();
                    screen.navigate("landing", {});
                }
            }
            KioskButton {
                objectName: "staffExit"
                text: qsTr("Exit kiosk")
                onClicked: screen.staff.exitKiosk()
            }
        }
        Row {
            spacing: Theme.gap
            Repeater {
                model: screen.tabs
                delegate: FilterChip {
                    required property int index
                    required property string modelData
                    objectName: "staffTab" + index
                    text: modelData
                    enabled: !screen.staff.offlineOnly || index === 1 || index === 2
                    selected: screen.tab === index
                    onClicked: {
                        screen.tab = index;
                        if (index === 2)
                            screen.staff.refreshStatus();
                        if (index === 3)
                            screen.staff.loadMailbox();
                        if (index === 4)
                            screen.staff.loadCheckIns();
                    }
                }
            }
        }
        MessageBanner {
            objectName: "staffMessage"
            Layout.fillWidth: true
            good: screen.staff.messageIsGood
            text: screen.staff.message
        }

        // ----- help a walk-in
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.tab === 0
            spacing: Theme.gap
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: query
                    objectName: "staffSearch"
                    Layout.fillWidth: true
                    implicitHeight: Theme.touchMin
                    font.pixelSize: Theme.fontBody
                    placeholderText: qsTr("Last name, phone or email")
                    inputMethodHints: Qt.ImhNoPredictiveText
                    ContextMenu.menu: null
                    Accessible.name: qsTr("Find a family")
                    onAccepted: screen.staff.search(text)
                }
                KioskButton {
                    objectName: "staffSearchGo"
                    primaryAction: true
                    text: qsTr("Find")
                    onClicked: screen.staff.search(query.text)
                }
                KioskButton {
                    objectName: "staffNewFamily"
                    text: qsTr("New family")
                    onClicked: newFamily.visible = !newFamily.visible
                }
            }
            GridLayout {
                id: newFamily
                objectName: "staffNewFamilyForm"
                visible: false
                Layout.fillWidth: true
                columns: 4
                columnSpacing: Theme.gap
                FormField { id: gFirst; objectName: "quickFirstName"; label: qsTr("Guardian first name"); rule: "firstName"; session: screen.session; Layout.fillWidth: true }
                FormField { id: gLast; objectName: "quickLastName"; label: qsTr("Last name"); rule: "lastName"; session: screen.session; Layout.fillWidth: true }
                FormField { id: gEmail; objectName: "quickEmail"; label: qsTr("Email"); rule: "email"; session: screen.session; Layout.fillWidth: true }
                FormField { id: gPhone; objectName: "quickPhone"; label: qsTr("Mobile phone"); rule: "phone"; session: screen.session; Layout.fillWidth: true }
                FormField { id: sFirst; objectName: "quickStudentFirst"; label: qsTr("Student first name"); rule: "firstName"; session: screen.session; Layout.fillWidth: true }
                FormField { id: sBirth; objectName: "quickStudentBirth"; label: qsTr("Birth date (MM/DD/YYYY)"); rule: "birthDate"; session: screen.session; Layout.fillWidth: true }
                Item { Layout.fillWidth: true }
                KioskButton {
                    objectName: "quickCreate"
                    primaryAction: true
                    text: qsTr("Create and open")
                    onClicked: {
                        const ok = [gFirst.check(), gLast.check(), gEmail.check(), gPhone.check(), sFirst.check(), sBirth.check()].every(x => x);
                        if (!ok)
                            return;
                        const parts = sBirth.text.split("/");
                        const iso = parts.length === 3 ? parts[2] + "-" + ("0" + parts[0]).slice(-2) + "-" + ("0" + parts[1]).slice(-2) : sBirth.text;
                        screen.staff.quickCreate({ "firstName": gFirst.text, "lastName": gLast.text, "email": gEmail.text, "phone": gPhone.text },
                                                 { "firstName": sFirst.text, "lastName": gLast.text, "birthDate": iso });
                    }
                }
            }
            ListView {
                id: matches
                objectName: "staffMatches"
                Accessible.name: qsTr("Families found")
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 10
                model: screen.staff.matches
                delegate: Rectangle {
                    id: match
                    required property var modelData
                    required property int index
                    width: matches.width
                    implicitHeight: matchText.implicitHeight + 2 * Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: match.modelData.suspended ? Theme.danger : Theme.border
                    border.width: 2
                    RowLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        ColumnLayout {
                            id: matchText
                            Layout.fillWidth: true
                            spacing: 4
                            Text {
                                text: match.modelData.name + (match.modelData.suspended ? " — " + qsTr("suspended") : "")
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: match.modelData.suspended ? Theme.danger : Theme.text
                            }
                            Text {
                                text: [match.modelData.guardians, match.modelData.students, match.modelData.contact].filter(x => x).join("  ·  ")
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                                elide: Text.ElideRight
                                Layout.fillWidth: true
                            }
                            Text {
                                visible: match.modelData.checkInBlocks !== ""
                                text: qsTr("Can't check in at the kiosk: %1").arg(match.modelData.checkInBlocks)
                                font.pixelSize: Theme.fontSmall
                                color: Theme.danger
                            }
                            Text {
                                visible: match.modelData.balanceText !== "" || match.modelData.policies > 0
                                text: [match.modelData.balanceText ? qsTr("%1 due").arg(match.modelData.balanceText) : "",
                                       match.modelData.policies > 0 ? qsTr("%1 policies to accept").arg(match.modelData.policies) : ""].filter(x => x).join("  ·  ")
                                font.pixelSize: Theme.fontSmall
                                color: Theme.warning
                            }
                        }
                        KioskButton {
                            objectName: "staffAssist" + match.index
                            primaryAction: true
                            text: qsTr("Open account")
                            onClicked: screen.staff.assist(match.modelData.familyId)
                        }
                    }
                }
            }
        }

        // ----- kiosk settings
        FormScroll {
            Accessible.name: qsTr("Kiosk settings")
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.tab === 1
            FormField {
                id: portalUrl
                objectName: "settingPortalUrl"
                width: parent.width
                label: qsTr("Portal address")
                // Filled once: what staff type is theirs until they save or leave.
                Component.onCompleted: text = screen.staff.kioskSettings.portalUrl || ""
                liveError: screen.staff.settingsErrors.portal_url || ""
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoPredictiveText
            }
            FormField {
                id: account
                objectName: "settingAccount"
                width: parent.width
                label: qsTr("Account name")
                // Filled once: what staff type is theirs until they save or leave.
                Component.onCompleted: text = screen.staff.kioskSettings.account || ""
                liveError: screen.staff.settingsErrors.account || ""
            }
            FormField {
                id: locationField
                objectName: "settingLocation"
                width: parent.width
                label: qsTr("Location id (empty: the organisation's default)")
                // Filled once: what staff type is theirs until they save or leave.
                Component.onCompleted: text = screen.staff.kioskSettings.locationId || ""
                liveError: screen.staff.settingsErrors.location_id || ""
                inputMethodHints: Qt.ImhDigitsOnly
            }
            FormField {
                id: idleField
                objectName: "settingIdle"
                width: parent.width
                label: qsTr("Idle time-out in seconds (empty: the organisation's)")
                // Filled once: what staff type is theirs until they save or leave.
                Component.onCompleted: text = screen.staff.kioskSettings.idleTimeout || ""
                liveError: screen.staff.settingsErrors.idle_timeout_s || ""
                inputMethodHints: Qt.ImhDigitsOnly
            }
            Text {
                text: qsTr("Device id: %1").arg(screen.staff.kioskSettings.deviceId || "")
                font.pixelSize: Theme.fontSmall
                color: Theme.textMuted
            }
            RowLayout {
                width: parent.width
                KioskButton {
                    objectName: "settingTest"
                    text: qsTr("Test connection")
                    onClicked: screen.staff.testConnection(portalUrl.text, account.text)
                }
                Item {
                    Layout.fillWidth: true
                }
                KioskButton {
                    objectName: "settingSave"
                    primaryAction: true
                    text: qsTr("Save")
                    onClicked: screen.staff.saveSettings(portalUrl.text, account.text, locationField.text, idleField.text)
                }
            }
        }

        // ----- sync status
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.tab === 2
            spacing: Theme.gap
            Text {
                objectName: "syncStatusText"
                text: qsTr("Last sync: %1 · cursor %2 · %3").arg(screen.staff.syncStatus.lastSync || "").arg(screen.staff.syncStatus.cursor || 0)
                      .arg(screen.kiosk.online ? qsTr("online") : qsTr("offline"))
                font.pixelSize: Theme.fontBody
                color: Theme.text
            }
            Text {
                visible: (screen.staff.syncStatus.lastError || "") !== ""
                text: qsTr("Last error: %1").arg(screen.staff.syncStatus.lastError || "")
                font.pixelSize: Theme.fontBody
                color: Theme.danger
            }
            KioskButton {
                objectName: "staffSyncNow"
                text: qsTr("Sync now")
                onClicked: {
                    screen.kiosk.syncNow();
                    screen.staff.refreshStatus();
                }
            }
            SectionLabel {
                text: qsTr("Payments and checkouts waiting or done (outbox)")
            }
            ListView {
                objectName: "outboxList"
                Accessible.name: qsTr("Payments and checkouts waiting or done (outbox)")
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: screen.staff.outboxItems
                delegate: Text {
                    required property var modelData
                    text: modelData.createdAt + "  " + modelData.kind + "  " + modelData.state + "  ×" + modelData.attempts
                          + (modelData.lastError ? "  (" + modelData.lastError + ")" : "")
                    font.pixelSize: Theme.fontSmall
                    color: modelData.state === "failed" ? Theme.danger : Theme.text
                }
            }
        }

        // ----- demo mailbox
        ListView {
            objectName: "mailboxList"
            Accessible.name: qsTr("Demo mailbox")
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.tab === 3
            clip: true
            spacing: Theme.gap
            model: screen.staff.mailbox
            delegate: Rectangle {
                id: mail
                required property var modelData
                required property int index
                width: ListView.view.width
                implicitHeight: mailText.implicitHeight + 2 * Theme.gap
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                Text {
                    id: mailText
                    objectName: "mail" + mail.index
                    x: Theme.gap
                    y: Theme.gap
                    width: parent.width - 2 * Theme.gap
                    wrapMode: Text.WordWrap
                    text: qsTr("To: %1").arg(mail.modelData.to) + "\n" + mail.modelData.subject + "\n\n" + mail.modelData.body
                    font.pixelSize: Theme.fontSmall
                    color: Theme.text
                }
            }
        }

        // ----- check-ins today: who the kiosk sent to the desk, and each class's roster
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: screen.tab === 4
            spacing: Theme.gap
            SectionLabel {
                visible: screen.staff.checkInAlerts.length > 0
                text: qsTr("Sent to the front desk")
            }
            Repeater {
                model: screen.staff.checkInAlerts
                delegate: Rectangle {
                    id: alert
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.touchLarge, alertRow.implicitHeight + 2 * Theme.gap)
                    radius: Theme.radius
                    color: "#fdecea"
                    border.color: Theme.danger
                    border.width: 2
                    RowLayout {
                        id: alertRow
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        Text {
                            objectName: "checkInAlert" + alert.index
                            Layout.fillWidth: true
                            wrapMode: Text.WordWrap
                            text: qsTr("%1 · %2 family — %3").arg(alert.modelData.at).arg(alert.modelData.familyName).arg(alert.modelData.why)
                            font.pixelSize: Theme.fontBody
                            color: Theme.danger
                        }
                        KioskButton {
                            objectName: "checkInAlertOpen" + alert.index
                            text: qsTr("Open account")
                            onClicked: screen.staff.assist(alert.modelData.familyId)
                        }
                    }
                }
            }
            Text {
                visible: screen.staff.roster.length === 0
                text: qsTr("No classes meet today.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            ListView {
                id: roster
                objectName: "rosterList"
                Accessible.name: qsTr("Check-ins today")
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.gap
                model: screen.staff.roster
                delegate: Rectangle {
                    id: rosterClass
                    required property var modelData
                    required property int index
                    width: roster.width
                    implicitHeight: rosterColumn.implicitHeight + 2 * Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: 2
                    Column {
                        id: rosterColumn
                        x: Theme.gap
                        y: Theme.gap
                        width: parent.width - 2 * Theme.gap
                        spacing: 4
                        Text {
                            objectName: "rosterClass" + rosterClass.index
                            width: parent.width
                            wrapMode: Text.WordWrap
                            text: rosterClass.modelData.time + "  " + rosterClass.modelData.name + "  ·  " + rosterClass.modelData.count
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                        }
                        Text {
                            objectName: "rosterStudents" + rosterClass.index
                            visible: rosterClass.modelData.students.length > 0
                            width: parent.width
                            wrapMode: Text.WordWrap
                            text: rosterClass.modelData.students.map(s => (s.checkedIn ? "✓ " : "○ ") + s.name + (s.note ? " (" + s.note + ")" : "")).join("    ")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                        }
                    }
                }
            }
        }
    }
}
