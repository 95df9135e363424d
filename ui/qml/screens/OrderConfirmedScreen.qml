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

    SuccessPanel {
        anchors.fill: parent
        title: qsTr("You're all set!")
        titleObjectName: "orderTitle"
        doneObjectName: "orderDone"
        doneText: qsTr("Done")
        onDone: screen.navigate("dashboard", {})

        Repeater {
            model: screen.order.lines || []
            delegate: Text {
                required property var modelData
                required property int index
                objectName: "orderLine" + index
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                text: modelData.title + (modelData.studentName ? " — " + modelData.studentName : "")
                      + ": " + modelData.resultText + (modelData.when ? " · " + modelData.when : "")
                font.pixelSize: Theme.fontLarge
                color: Theme.text
            }
        }
        Text {
            objectName: "orderPaid"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: (screen.order.chargedText || "") !== "" || (screen.order.creditText || "") !== ""
            text: Labels.paid(screen.order.chargedText || "", screen.order.creditText || "", screen.order.method || "")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            objectName: "orderTotal"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: (screen.order.receiptEmail || "") !== ""
            text: qsTr("Total %1. A receipt is on its way to %2.").arg(screen.order.totalText).arg(screen.order.receiptEmail)
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }
    }
}
