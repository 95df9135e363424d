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
    // The catalog source staff are choosing (saved with "Save the catalog source").
    property string chosenSource: staff ? (staff.kioskSettings.source || "portal") : "portal"
    readonly property var tabs: [qsTr("Help a walk-in"), qsTr("Kiosk settings"), qsTr("Sync status"), qsTr("Demo mailbox"), qsTr("Check-ins today"), qsTr("Kiosks")]

    objectName: "staffPanelScreen"

    // Enter or Find: the search runs and the keyboard goes (the field lets go of the focus),
    // so the families found are not under it.
    function search() {
        staff.search(query.text);
        screen.forceActiveFocus();
    }

    Component.onCompleted: staff.refreshStatus()

    // The panel fills the screen; with the keyboard up (Main.qml docks the screen above it) the
    // screen is short, and the panel scrolls instead of squeezing: typing a search puts the
    // search field at the top with the first family found under it, and a field of the
    // new-family form stays in view.
    Flickable {
        id: page

        // What the person needs next in view: the search and the results under it, or the
        // field being typed in.
        function keepInView() {
            const maxY = Math.max(0, page.contentHeight - page.height);
            const item = page.Window.activeFocusItem;
            let target = Math.min(page.contentY, maxY);
            if (item === query) {
                target = searchRow.mapToItem(page.contentItem, 0, 0).y - Theme.gap;
            } else if (item && item.visible) {
                let inside = item.parent;
                while (inside && inside !== page.contentItem)
                    inside = inside.parent;
                if (inside) {
                    const top = item.mapToItem(page.contentItem, 0, 0).y - Theme.gap;
                    const bottom = top + item.height + 2 * Theme.gap;
                    if (top < target)
                        target = top;
                    else if (bottom > target + page.height)
                        target = bottom - page.height;
                }
            }
            page.contentY = Math.max(0, Math.min(maxY, target));
        }

        objectName: "staffPage"
        anchors.fill: parent
        // Only a page that scrolls has anything to hide; one that fits leaves its lists and the
        // settings form to clip (and scroll) their own content.
        clip: interactive
        contentWidth: width
        contentHeight: Math.max(height, panel.implicitHeight + 2 * Theme.margin)
        interactive: contentHeight > height
        boundsBehavior: Flickable.StopAtBounds
        onHeightChanged: keepInView()
        onContentHeightChanged: keepInView()

        Connections {
            function onActiveFocusItemChanged() {
                page.keepInView();
            }
            target: page.Window.window
        }

        ColumnLayout {
            id: panel
            x: Theme.margin
            y: Theme.margin
            width: page.width - 2 * Theme.margin
            height: page.contentHeight - 2 * Theme.margin
            spacing: Theme.gap

            // The name beside the buttons; on a narrow screen (portrait) the buttons go under it.
            GridLayout {
                Layout.fillWidth: true
                columns: screen.width >= 1400 ? 2 : 1
                columnSpacing: Theme.gap
                rowSpacing: Theme.gap
                ScreenTitle {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1  // what the buttons leave; a long name wraps
                    text: qsTr("Staff — %1").arg(screen.staff.staffName)
                }
                RowLayout {
                    Layout.fillWidth: screen.width < 1400
                    spacing: 0
                    // Exit stands well apart from "Sign out" and asks first: a slip of the finger
                    // must not leave the lobby without a kiosk.
                    KioskButton {
                        objectName: "staffExit"
                        text: qsTr("Exit kiosk")
                        onClicked: exitConfirm.show(qsTr("Close the kiosk? The screen stays without the kiosk until someone starts it again."))
                    }
                    // Never narrower than this, however long the name or the words (Spanish,
                    // larger text).
                    Item {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 4 * Theme.margin
                        Layout.minimumWidth: 2 * Theme.margin
                    }
                    KioskButton {
                        objectName: "staffSignOut"
                        text: qsTr("Sign out")
                        onClicked: {
                            screen.staff.signOut();
                            screen.navigate("landing", {});
                        }
                    }
                }
            }
            Text {
                objectName: "staffOfflineNote"
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                Layout.fillWidth: true
                visible: screen.staff.offlineOnly
                text: qsTr("Signed in without the portal: kiosk settings, sync status and exit only.")
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.warning
            }
            // The tabs wrap to a second line when they do not fit (Spanish, larger text).
            Flow {
                Layout.fillWidth: true
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
                            if (index === 5)
                                screen.staff.loadKiosks();
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
                    id: searchRow
                    Layout.fillWidth: true
                    TextField {
                        id: query
                        objectName: "staffSearch"
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1  // what the buttons leave
                        Layout.minimumWidth: 240
                        implicitHeight: Theme.touchMin
                        font.pixelSize: Theme.fontBody
                        placeholderText: qsTr("Last name, phone or email")
                        inputMethodHints: Qt.ImhNoPredictiveText
                        ContextMenu.menu: null
                        Accessible.name: qsTr("Find a family")
                        onAccepted: screen.search()
                    }
                    KioskButton {
                        objectName: "staffSearchGo"
                        primaryAction: true
                        text: qsTr("Find")
                        onClicked: screen.search()
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
                    // A form grid: every column the same fixed width, empty or typed in; four
                    // columns, or two (or one) where the longest label would not fit in a quarter.
                    // (From the page's width: the grid's own follows its cells.)
                    readonly property real room: screen.width - 2 * Theme.margin
                    readonly property real widestLabel: Math.max(...[gFirst, gLast, gEmail, gPhone, sFirst, sBirth].map(f => f.children[0].implicitWidth))
                    readonly property real cellWidth: (room - (columns - 1) * columnSpacing) / columns
                    columns: [4, 2].find(n => (room - (n - 1) * columnSpacing) / n >= widestLabel) || 1
                    columnSpacing: Theme.gap
                    FormField { id: gFirst; objectName: "quickFirstName"; label: qsTr("Guardian first name"); rule: "firstName"; session: screen.session; Layout.preferredWidth: newFamily.cellWidth; Layout.minimumWidth: newFamily.cellWidth; Layout.maximumWidth: newFamily.cellWidth }
                    FormField { id: gLast; objectName: "quickLastName"; label: qsTr("Last name"); rule: "lastName"; session: screen.session; Layout.preferredWidth: newFamily.cellWidth; Layout.minimumWidth: newFamily.cellWidth; Layout.maximumWidth: newFamily.cellWidth }
                    FormField { id: gEmail; objectName: "quickEmail"; label: qsTr("Email"); rule: "email"; inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText; session: screen.session; Layout.preferredWidth: newFamily.cellWidth; Layout.minimumWidth: newFamily.cellWidth; Layout.maximumWidth: newFamily.cellWidth }
                    FormField { id: gPhone; objectName: "quickPhone"; label: qsTr("Mobile phone"); rule: "phone"; inputMethodHints: Qt.ImhDialableCharactersOnly | Qt.ImhNoPredictiveText; session: screen.session; Layout.preferredWidth: newFamily.cellWidth; Layout.minimumWidth: newFamily.cellWidth; Layout.maximumWidth: newFamily.cellWidth }
                    FormField { id: sFirst; objectName: "quickStudentFirst"; label: qsTr("Student first name"); rule: "firstName"; session: screen.session; Layout.preferredWidth: newFamily.cellWidth; Layout.minimumWidth: newFamily.cellWidth; Layout.maximumWidth: newFamily.cellWidth }
                    FormField { id: sBirth; objectName: "quickStudentBirth"; label: qsTr("Birth date (MM/DD/YYYY)"); rule: "birthDate"; inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText; session: screen.session; Layout.preferredWidth: newFamily.cellWidth; Layout.minimumWidth: newFamily.cellWidth; Layout.maximumWidth: newFamily.cellWidth }
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

                    // The first family's row, as tall as it is drawn (its lines wrap with larger text).
                    property real firstRowHeight: Theme.touchLarge + 2 * Theme.gap

                    objectName: "staffMatches"
                    Accessible.name: qsTr("Families found")
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    // Never squeezed below the first family found: with the keyboard up the page
                    // scrolls to show it rather than leave a sliver of it.
                    Layout.minimumHeight: count > 0 ? firstRowHeight : 0
                    clip: true
                    spacing: 10
                    model: screen.staff.matches
                    delegate: Rectangle {
                        id: match
                        required property var modelData
                        required property int index
                        width: matches.width
                        Binding {
                            target: matches
                            property: "firstRowHeight"
                            value: match.height
                            when: match.index === 0
                            restoreMode: Binding.RestoreNone
                        }
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
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
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

                SectionLabel {
                    text: qsTr("Where the catalog comes from")
                }
                Flow {
                    width: parent.width
                    spacing: Theme.gap
                    FilterChip {
                        objectName: "sourcePortal"
                        text: qsTr("Our portal")
                        selected: screen.chosenSource === "portal"
                        onClicked: screen.chosenSource = "portal"
                    }
                    FilterChip {
                        objectName: "sourceIClassPro"
                        text: qsTr("An iClassPro account (browse only)")
                        selected: screen.chosenSource === "iclasspro"
                        onClicked: screen.chosenSource = "iclasspro"
                    }
                }
                FormField {
                    id: customerPortalField
                    objectName: "settingCustomerPortal"
                    width: parent.width
                    visible: screen.chosenSource === "iclasspro"
                    label: qsTr("Customer portal address (the QR codes send families there)")
                    Component.onCompleted: text = screen.staff.kioskSettings.customerPortalUrl || ""
                    liveError: screen.staff.settingsErrors.customer_portal_url || ""
                    inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoPredictiveText
                }
                KioskButton {
                    objectName: "settingSaveSource"
                    text: qsTr("Save the catalog source")
                    enabled: screen.chosenSource !== screen.staff.kioskSettings.source || customerPortalField.text !== screen.staff.kioskSettings.customerPortalUrl
                    onClicked: screen.staff.saveSource(screen.chosenSource, customerPortalField.text)
                }

                SectionLabel {
                    text: qsTr("The kiosk's own announcements (shown with the news)")
                }
                Repeater {
                    model: screen.staff.kioskSettings.slides || []
                    delegate: RowLayout {
                        id: slideRow
                        required property var modelData
                        required property int index
                        width: parent ? parent.width : 0
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            Layout.fillWidth: true
                            text: slideRow.modelData.title
                            elide: Text.ElideRight
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                        }
                        KioskButton {
                            objectName: "slideRemove" + slideRow.index
                            text: qsTr("Remove")
                            Accessible.name: qsTr("Remove the slide %1").arg(slideRow.modelData.title)
                            onClicked: screen.staff.removeSlide(slideRow.index)
                        }
                    }
                }
                FormField {
                    id: slideTitle
                    objectName: "slideTitle"
                    width: parent.width
                    label: qsTr("Announcement title")
                }
                FormField {
                    id: slideText
                    objectName: "slideText"
                    width: parent.width
                    label: qsTr("Announcement text")
                }
                FormField {
                    id: slideImage
                    objectName: "slideImage"
                    width: parent.width
                    label: qsTr("Picture file on this kiosk (optional)")
                    liveError: screen.staff.settingsErrors.slides || ""
                    inputMethodHints: Qt.ImhNoPredictiveText
                }
                KioskButton {
                    objectName: "slideAdd"
                    text: qsTr("Add the announcement")
                    enabled: slideTitle.text.trim() !== ""
                    onClicked: {
                        const before = (screen.staff.kioskSettings.slides || []).length;
                        screen.staff.addSlide(slideTitle.text, slideText.text, slideImage.text);
                        if ((screen.staff.kioskSettings.slides || []).length > before) {
                            slideTitle.text = "";
                            slideText.text = "";
                            slideImage.text = "";
                            screen.forceActiveFocus();  // done typing: the keyboard goes
                        }
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
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
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
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
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
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
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
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
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
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
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
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                        }
                    }
                }
            }
            // ----- enrolled kiosks: pairing codes, rename, revoke; alerts about guessed PINs
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                visible: screen.tab === 5
                spacing: Theme.gap
                Repeater {
                    model: screen.staff.securityAlerts
                    delegate: Text {
                        required property string modelData
                        required property int index
                        objectName: "securityAlert" + index
                        Layout.fillWidth: true
                        wrapMode: Text.WordWrap
                        textFormat: Text.PlainText
                        text: modelData
                        font.pixelSize: Theme.fontBody
                        font.bold: true
                        color: Theme.danger
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.gap
                    KioskButton {
                        objectName: "kioskPairingCode"
                        text: qsTr("Enroll another kiosk")
                        onClicked: screen.staff.newPairingCode()
                    }
                    Text {
                        objectName: "kioskPairingCodeText"
                        Layout.fillWidth: true
                        visible: screen.staff.pairingCode !== ""
                        wrapMode: Text.WordWrap
                        textFormat: Text.PlainText
                        text: qsTr("Pairing code: %1 (enter it on the new kiosk within 15 minutes; it works once)").arg(screen.staff.pairingCode)
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                    }
                }
                ListView {
                    id: kioskList
                    objectName: "kioskList"
                    Accessible.name: qsTr("Kiosks")
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    spacing: Theme.gap
                    model: screen.staff.kiosks
                    delegate: Rectangle {
                        id: kioskRow
                        required property var modelData
                        required property int index
                        width: kioskList.width
                        implicitHeight: Math.max(Theme.touchLarge, kioskLine.implicitHeight + 2 * Theme.gap)
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.border
                        border.width: 2
                        RowLayout {
                            id: kioskLine
                            anchors.fill: parent
                            anchors.margins: Theme.gap
                            spacing: Theme.gap
                            TextField {
                                id: kioskName
                                objectName: "kioskName" + kioskRow.index
                                Layout.fillWidth: true
                                implicitHeight: Theme.touchMin
                                font.pixelSize: Theme.fontBody
                                text: kioskRow.modelData.name
                                enabled: !kioskRow.modelData.revoked
                                inputMethodHints: Qt.ImhNoPredictiveText
                                ContextMenu.menu: null
                                Accessible.name: qsTr("Name of the kiosk %1").arg(kioskRow.modelData.name)
                                onAccepted: screen.staff.renameKiosk(kioskRow.modelData.kioskId, text)
                            }
                            Text {
                                objectName: "kioskState" + kioskRow.index
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                textFormat: Text.PlainText
                                text: kioskRow.modelData.state
                                font.pixelSize: Theme.fontSmall
                                color: kioskRow.modelData.revoked ? Theme.danger : Theme.textMuted
                            }
                            KioskButton {
                                objectName: "kioskRename" + kioskRow.index
                                visible: !kioskRow.modelData.revoked
                                text: qsTr("Rename")
                                Accessible.name: qsTr("Rename the kiosk %1").arg(kioskRow.modelData.name)
                                onClicked: screen.staff.renameKiosk(kioskRow.modelData.kioskId, kioskName.text)
                            }
                            KioskButton {
                                objectName: "kioskRevoke" + kioskRow.index
                                visible: !kioskRow.modelData.revoked && !kioskRow.modelData.thisKiosk
                                text: qsTr("Revoke")
                                Accessible.name: qsTr("Revoke the kiosk %1").arg(kioskRow.modelData.name)
                                onClicked: screen.staff.revokeKiosk(kioskRow.modelData.kioskId)
                            }
                        }
                    }
                }
            }
        }
    }

    ConfirmPopup {
        id: exitConfirm
        objectName: "staffExitConfirm"
        confirmText: qsTr("Yes, exit the kiosk")
        cancelText: qsTr("Cancel")
        onConfirmed: screen.staff.exitKiosk()
    }
}
