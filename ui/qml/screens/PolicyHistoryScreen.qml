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
                required property int index
                property bool reading: false
                width: ListView.view.width
                implicitHeight: rowColumn.implicitHeight + 2 * Theme.margin
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                ColumnLayout {
                    id: rowColumn
                    x: Theme.margin
                    y: Theme.margin
                    width: parent.width - 2 * Theme.margin
                    spacing: 6
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.gap
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 6
                            Text {
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                Layout.fillWidth: true
                                text: row.modelData.studentName
                                      ? qsTr("%1 for %2").arg(row.modelData.title).arg(row.modelData.studentName)
                                      : row.modelData.title
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            Text {
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                Layout.fillWidth: true
                                text: qsTr("Accepted %1 by %2").arg(row.modelData.acceptedText).arg(row.modelData.acceptedBy)
                                font.pixelSize: Theme.fontBody
                                color: Theme.textMuted
                                wrapMode: Text.WordWrap
                            }
                        }
                        // The text that was accepted, to read again (the family keeps no copy).
                        KioskButton {
                            objectName: "readPolicy" + row.index
                            visible: row.modelData.body !== ""
                            text: row.reading ? qsTr("Hide") : qsTr("Read")
                            Accessible.name: (row.reading ? qsTr("Hide %1") : qsTr("Read %1")).arg(row.modelData.studentName
                                             ? qsTr("%1 for %2").arg(row.modelData.title).arg(row.modelData.studentName)
                                             : row.modelData.title)
                            onClicked: row.reading = !row.reading
                        }
                    }
                    Text {
                        objectName: "acceptedPolicyText" + row.index
                        visible: row.reading
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.gap
                        text: row.modelData.body
                        textFormat: Text.PlainText
                        wrapMode: Text.WordWrap
                        font.pixelSize: Theme.fontBody
                        lineHeight: 1.3
                        color: Theme.text
                        Accessible.role: Accessible.StaticText
                        Accessible.name: row.modelData.title
                        Accessible.description: text
                    }
                }
            }
        }
    }
}
