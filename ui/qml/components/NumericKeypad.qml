pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."

// Big digits for a phone number or a PIN: a thumb-sized key for a parent with a child on one arm.
GridLayout {
    id: pad

    // The key pressed: "0".."9", "back" or "clear".
    signal pressed(string key)

    columns: 3
    rowSpacing: Theme.gap
    columnSpacing: Theme.gap

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        delegate: KioskButton {
            required property string modelData
            objectName: "key_" + modelData
            Layout.preferredWidth: Math.max(150, contentItem.implicitWidth + leftPadding + rightPadding)
            Layout.preferredHeight: 104
            font.pixelSize: modelData.length === 1 ? Theme.fontHeading : Theme.fontBody
            font.bold: modelData.length === 1
            text: modelData === "back" ? "⌫" : modelData === "clear" ? qsTr("Clear") : modelData
            Accessible.name: modelData === "back" ? qsTr("Delete the last digit") : text
            onClicked: pad.pressed(modelData)
        }
    }
}
