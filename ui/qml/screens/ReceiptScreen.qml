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

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(1100, parent.width - 4 * Theme.margin)
        spacing: Theme.margin

        ScreenTitle {
            objectName: "receiptTitle"
            text: qsTr("Thank you! Your payment went through.")
        }
        Text {
            objectName: "receiptAmount"
            text: qsTr("Paid %1 with %2").arg(screen.receipt.amountText || "").arg(screen.receipt.method || "")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            visible: (screen.receipt.creditText || "") !== ""
            text: qsTr("Credit used: %1").arg(screen.receipt.creditText || "")
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }
        Text {
            text: qsTr("Receipt %1 was emailed to %2.").arg(screen.receipt.receiptNumber || "").arg(screen.receipt.receiptEmail || "")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        KioskButton {
            objectName: "receiptDone"
            Layout.alignment: Qt.AlignRight
            primaryAction: true
            text: qsTr("Done")
            onClicked: screen.navigate("dashboard", {})
        }
    }
}
