pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// What was paid, how, the receipt number, and where the receipt went.
ScreenBase {
    id: screen

    readonly property var receipt: payments.receipt

    objectName: "receiptScreen"

    SuccessPanel {
        anchors.fill: parent
        title: qsTr("Thank you! Your payment went through.")
        titleObjectName: "receiptTitle"
        doneObjectName: "receiptDone"
        doneText: qsTr("Done")
        onDone: screen.navigate("dashboard", {})

        Text {
            objectName: "receiptAmount"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: Labels.paid(screen.receipt.chargedText || "", screen.receipt.creditText || "", screen.receipt.method || "")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            objectName: "receiptTotal"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: (screen.receipt.creditText || "") !== "" && (screen.receipt.chargedText || "") !== ""
            text: qsTr("Total %1").arg(screen.receipt.amountText || "")
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }
        Text {
            objectName: "receiptEmailed"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: qsTr("Receipt %1 was emailed to %2.").arg(screen.receipt.receiptNumber || "").arg(screen.receipt.receiptEmail || "")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
    }
}
