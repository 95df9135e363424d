import QtQuick
import QtQuick.Controls
import ".."

// Long text that scrolls kinetically and shows a scroll bar when there is more below.
Flickable {
    id: flick

    property alias text: content.text
    // What a screen reader calls it (the policy's or announcement's title).
    property string title: ""

    Accessible.role: Accessible.StaticText
    Accessible.name: title
    Accessible.description: text
    clip: true
    contentWidth: width
    contentHeight: content.implicitHeight
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {
        policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        width: 16
    }

    Text {
        id: content
        width: flick.width - 32
        // Organisation text (news, policies, welcome) is plain: shown as typed, never as markup.
        textFormat: Text.PlainText
        wrapMode: Text.WordWrap
        font.pixelSize: Theme.fontBody
        lineHeight: 1.3
        color: Theme.text
    }
}
