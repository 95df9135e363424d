import QtQuick
import ".."

// One sentence about what just happened, where the family is looking.
Rectangle {
    id: banner

    property string text: ""
    property bool good: false

    visible: text !== ""
    implicitHeight: label.implicitHeight + 32
    radius: Theme.radius
    color: good ? "#e3f4e8" : "#fdecea"
    border.color: good ? Theme.success : Theme.danger
    border.width: 2
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Text {
        id: label
        anchors.fill: parent
        anchors.margins: 16
        text: banner.text
        wrapMode: Text.WordWrap
        font.pixelSize: Theme.fontBody
        color: banner.good ? Theme.success : Theme.danger
        verticalAlignment: Text.AlignVCenter
    }
}
