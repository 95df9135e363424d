pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// Menu -> Family and Student Policies: what was accepted, for whom, when and by whom.
ScreenBase {
    id: screen


    objectName: "policyHistoryScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("Family and Student Policies")
        }
        Text {
            visible: screen.session.acceptedPolicies.length === 0
            text: qsTr("No policies have been accepted yet.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        ListView {
            objectName: "acceptedPolicies"
            Accessible.name: Labels.title("policies")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.session.acceptedPolicies
            delegate: Rectangle {
                id: row
                required property var modelData
                width: ListView.view.width
                implicitHeight: 120
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                Column {
                    anchors.verticalCenter: parent.verticalCenter
                    x: Theme.margin
                    spacing: 6
                    Text {
                        text: row.modelData.studentName
                              ? qsTr("%1 for %2").arg(row.modelData.title).arg(row.modelData.studentName)
                              : row.modelData.title
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        color: Theme.text
                    }
                    Text {
                        text: qsTr("Accepted %1 by %2").arg(row.modelData.acceptedText).arg(row.modelData.acceptedBy)
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                }
            }
        }
    }
}
