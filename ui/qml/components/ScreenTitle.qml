import QtQuick
import ".."

Text {
    font.pixelSize: Theme.fontHeading
    font.bold: true
    color: Theme.text
    wrapMode: Text.WordWrap
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
