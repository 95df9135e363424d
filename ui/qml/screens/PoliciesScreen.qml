pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Each outstanding family and student policy, read to the end, then accepted (or declined,
// which logs out).
ScreenBase {
    id: screen

    property int current: 0
    readonly property var policies: session.outstandingPolicies
    readonly property var policy: current < policies.length ? policies[current] : ({})
    readonly property bool last: current >= policies.length - 1
    // Set once the family has seen the end of the current policy (a short one at a glance).
    property bool readToEnd: false

    objectName: "policiesScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.gap

        Text {
            objectName: "policyProgress"
            text: qsTr("Policy %1 of %2").arg(screen.current + 1).arg(screen.policies.length)
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        ScreenTitle {
            objectName: "policyTitle"
            Layout.fillWidth: true
            text: screen.policy.studentName
                  ? qsTr("%1 for %2").arg(screen.policy.title).arg(screen.policy.studentName)
                  : (screen.policy.title || "")
        }
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            border.width: 2
            ScrollableText {
                id: body
                objectName: "policyBody"
                anchors.fill: parent
                anchors.margins: Theme.margin
                text: screen.policy.body || ""
                title: screen.policy.title || ""
                function noteIfRead() {
                    if (text !== "" && height > 0 && (atYEnd || contentHeight <= height))
                        screen.readToEnd = true;
                }
                onAtYEndChanged: noteIfRead()
                onContentHeightChanged: noteIfRead()
                onHeightChanged: noteIfRead()
            }
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            opacity: screen.readToEnd ? 0 : 1
            text: qsTr("Please scroll to the end to read the whole policy.")
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
        }
        MessageBanner {
            Layout.fillWidth: true
            text: screen.session.message
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            KioskButton {
                objectName: "policyDecline"
                text: qsTr("Decline")
                onClicked: screen.session.declinePolicies()
            }
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.session.busy
                visible: running
            }
            KioskButton {
                objectName: "policyAccept"
                primaryAction: true
                // Read to the end first (a short policy that fits is read at a glance).
                enabled: !screen.session.busy && screen.readToEnd
                text: screen.last ? qsTr("I Accept") : qsTr("I Accept — Next")
                onClicked: {
                    if (screen.last) {
                        screen.session.acceptAllPolicies();
                    } else {
                        screen.readToEnd = false;
                        screen.current += 1;
                        body.contentY = 0;
                        // The next text may be as long as this one (a photo release per
                        // child), so no size change will say whether it fits: ask now.
                        body.noteIfRead();
                    }
                }
            }
        }
    }
}
