import QtQuick
import ".."

// Says the kiosk is working from what it saved, without alarming a family.
Rectangle {
    id: badge

    // One word where room is short (the toolbar in larger text); screen readers hear it all.
    property bool compact: false

    objectName: "offlineBadge"
    implicitWidth: row.implicitWidth + 32
    implicitHeight: Math.max(48, label.implicitHeight + 12)
    radius: 24
    color: Theme.warningSurface
    Accessible.role: Accessible.StaticText
    Accessible.name: qsTr("Offline - browsing only")

    Row {
        id: row
        anchors.centerIn: parent
        spacing: 8
        Rectangle {
            anchors.verticalCenter: parent.verticalCenter
            width: 14
            height: 14
            radius: 7
            color: Theme.warning
        }
        Text {
            id: label
            text: badge.compact ? qsTr("Offline") : qsTr("Offline - browsing only")
            color: Theme.warning
            font.pixelSize: badge.compact ? Math.min(Theme.fontSmall, 24) : Theme.fontSmall
            font.bold: true
        }
    }
}
