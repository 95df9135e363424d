import QtQuick
import ".."

Text {
    font.pixelSize: Theme.fontSmall
    font.bold: true
    color: Theme.textMuted
    topPadding: 8
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
