import QtQuick
import ".."

// Says the kiosk is working from what it saved, without alarming a family.
Rectangle {
    objectName: "offlineBadge"
    implicitWidth: row.implicitWidth + 32
    implicitHeight: 48
    radius: 24
    color: Theme.warningSurface
    Accessible.role: Accessible.StaticText
    Accessible.name: label.text

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
            text: qsTr("Offline - browsing only")
            color: Theme.warning
            font.pixelSize: Theme.fontSmall
            font.bold: true
        }
    }
}
