pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// What was booked, for whom, when, and where the receipt went.
ScreenBase {
    id: screen

    readonly property var order: cart.lastOrder

    objectName: "orderConfirmedScreen"

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(1300, parent.width - 4 * Theme.margin)
        spacing: Theme.margin

        ScreenTitle {
            objectName: "orderTitle"
            text: qsTr("You're all set!")
        }
        Repeater {
            model: screen.order.lines || []
            delegate: Text {
                required property var modelData
                required property int index
                objectName: "orderLine" + index
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                text: "• " + modelData.title + (modelData.studentName ? " — " + modelData.studentName : "")
                      + ": " + modelData.resultText + (modelData.when ? " · " + modelData.when : "")
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
        }
        Text {
            Layout.fillWidth: true
            visible: (screen.order.receiptEmail || "") !== ""
            text: qsTr("Total %1. A receipt is on its way to %2.").arg(screen.order.totalText).arg(screen.order.receiptEmail)
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }
        KioskButton {
            objectName: "orderDone"
            Layout.alignment: Qt.AlignRight
            primaryAction: true
            text: qsTr("Done")
            onClicked: screen.navigate("dashboard", {})
        }
    }
}
