pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// The cart: what, for whom, price and fees, the total, and how long the seats are held.
ScreenBase {
    id: screen

    objectName: "cartScreen"
    Component.onCompleted: if (session.familyChosen) cart.refresh()

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            ScreenTitle {
                Layout.fillWidth: true
                text: qsTr("Your Cart")
            }
            Rectangle {
                objectName: "holdCountdown"
                visible: screen.cart.holdCountdown !== ""
                implicitWidth: holdText.implicitWidth + 40
                implicitHeight: 56
                radius: 28
                color: Theme.warningSurface
                Text {
                    id: holdText
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    anchors.centerIn: parent
                    text: qsTr("Seats held for %1").arg(screen.cart.holdCountdown)
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.warning
                }
            }
        }
        OfflineNotice {
            kiosk: screen.kiosk
            Layout.fillWidth: true
        }
        MessageBanner {
            objectName: "cartMessage"
            Layout.fillWidth: true
            text: screen.cart.message
        }
        Text {
            objectName: "cartEmpty"
            visible: screen.cart.count === 0
            text: screen.session.familyChosen
                  ? qsTr("Your cart is empty. Tap Booking to find a class, camp or party.")
                  : qsTr("Log in to see your cart.")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        ListView {
            id: list
            objectName: "cartList"
            Accessible.name: qsTr("Your Cart")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.cart.lines
            delegate: Rectangle {
                id: line
                required property var modelData
                required property int index
                width: list.width
                implicitHeight: 120
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border
                border.width: 2
                RowLayout {
                    anchors.fill: parent
                    anchors.leftMargin: Theme.margin
                    anchors.rightMargin: Theme.gap
                    spacing: Theme.margin
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            text: line.modelData.title + (line.modelData.studentName ? " — " + line.modelData.studentName : "")
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            text: [line.modelData.subtitle, line.modelData.feeText].filter(x => x).join("  ·  ")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textMuted
                        }
                    }
                    Text {
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        text: line.modelData.priceText
                        font.pixelSize: Theme.fontLarge
                        color: Theme.text
                    }
                    KioskButton {
                        objectName: "cartRemove" + line.index
                        quiet: true
                        text: qsTr("Remove")
                        Accessible.name: qsTr("Remove %1 from the cart").arg(line.modelData.title + (line.modelData.studentName ? " — " + line.modelData.studentName : ""))
                        enabled: !screen.cart.busy
                        onClicked: screen.cart.remove(line.modelData.itemId)
                    }
                }
            }
        }
        GridLayout {
            Layout.alignment: Qt.AlignRight
            visible: screen.cart.count > 0
            columns: 2
            columnSpacing: Theme.margin
            Text { Accessible.role: Accessible.StaticText; Accessible.name: text; text: qsTr("Subtotal"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            Text { objectName: "cartSubtotal"; Accessible.role: Accessible.StaticText; Accessible.name: text; text: screen.cart.subtotalText; font.pixelSize: Theme.fontBody; color: Theme.text; Layout.alignment: Qt.AlignRight }
            Text { Accessible.role: Accessible.StaticText; Accessible.name: text; text: qsTr("Fees"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            Text { objectName: "cartFees"; Accessible.role: Accessible.StaticText; Accessible.name: text; text: screen.cart.feesText; font.pixelSize: Theme.fontBody; color: Theme.text; Layout.alignment: Qt.AlignRight }
            Text { Accessible.role: Accessible.StaticText; Accessible.name: text; text: qsTr("Tax"); font.pixelSize: Theme.fontBody; color: Theme.textMuted }
            Text { objectName: "cartTax"; Accessible.role: Accessible.StaticText; Accessible.name: text; text: screen.cart.taxText; font.pixelSize: Theme.fontBody; color: Theme.text; Layout.alignment: Qt.AlignRight }
            Text { Accessible.role: Accessible.StaticText; Accessible.name: text; text: qsTr("Total"); font.pixelSize: Theme.fontLarge; font.bold: true; color: Theme.text }
            Text { objectName: "cartTotal"; Accessible.role: Accessible.StaticText; Accessible.name: text; text: screen.cart.totalText; font.pixelSize: Theme.fontLarge; font.bold: true; color: Theme.text; Layout.alignment: Qt.AlignRight }
        }
        RowLayout {
            Layout.fillWidth: true
            KioskButton {
                objectName: "cartKeepBrowsing"
                text: qsTr("Keep Browsing")
                onClicked: screen.navigate("booking", {})
            }
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.cart.busy
                visible: running
            }
            KioskButton {
                objectName: "cartCheckout"
                primaryAction: true
                visible: screen.cart.count > 0
                enabled: !screen.cart.busy && screen.kiosk.online
                text: screen.cart.totalCents === 0 ? qsTr("Confirm") : qsTr("Check Out")
                onClicked: {
                    if (screen.cart.totalCents === 0)
                        screen.cart.checkoutFree();
                    else
                        screen.navigate("payment", { "purpose": "checkout" });
                }
            }
        }
    }
}
