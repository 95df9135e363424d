pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// An absence marked from Coming Up!: who misses which class on which date, and whether it
// earned a makeup credit. Done goes back to where it was marked (the dashboard or My Account).
ScreenBase {
    id: screen

    // CartBridge.absenceMarked's words: title, details, creditText, creditEarned.
    property var words: ({})

    objectName: "absenceMarkedScreen"

    SuccessPanel {
        anchors.fill: parent
        title: screen.words.title || ""
        titleObjectName: "absenceMarkedTitle"
        doneObjectName: "absenceDone"
        onDone: screen.back()

        Text {
            objectName: "absenceMarkedDetails"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: screen.words.details || ""
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            objectName: "absenceMarkedCredit"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: screen.words.creditText || ""
            font.pixelSize: Theme.fontBody
            color: screen.words.creditEarned ? Theme.text : Theme.textMuted
        }
    }
}
