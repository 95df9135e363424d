pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// My Account -> Payments: what is owed (choose charges or all), credit, and past payments.
// Charges read as a table: a tick, what it is, when it is due, and the amount on the right edge,
// each in the same column on every row.
ScreenBase {
    id: screen

    property var chosen: ({})
    readonly property var chosenIds: Object.keys(chosen).filter(k => chosen[k]).map(k => parseInt(k))
    readonly property int chosenCents: payments.charges.filter(c => chosen[c.chargeId]).reduce((sum, c) => sum + c.amountCents, 0)
    // Fixed columns, wide enough for "mié, 13 dic" and "$1,234.00" at 1.5x text.
    readonly property int dueColumnWidth: Math.round(220 * Theme.textScale)
    readonly property int amountColumnWidth: Math.round(170 * Theme.textScale)
    readonly property bool sideBySide: width > height

    objectName: "accountPaymentsScreen"
    Component.onCompleted: payments.load()

    GridLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        columns: screen.sideBySide ? 2 : 1
        columnSpacing: Theme.margin * 2
        rowSpacing: Theme.margin

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            ScreenTitle {
                text: qsTr("Payments")
            }
            Text {
                objectName: "balanceText"
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                text: qsTr("Balance due: %1").arg(screen.payments.balanceText)
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                visible: screen.payments.creditCents > 0
                text: qsTr("Credit on your account: %1").arg(screen.payments.creditText)
                font.pixelSize: Theme.fontBody
                color: Theme.success
            }
            MessageBanner {
                Layout.fillWidth: true
                text: screen.payments.message
            }
            Text {
                objectName: "chargesEmpty"
                visible: screen.payments.charges.length === 0 && !screen.payments.busy
                text: qsTr("You're all paid up. Thank you!")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            // Column headings over the same columns as the rows.
            RowLayout {
                Layout.fillWidth: true
                visible: screen.payments.charges.length > 0
                spacing: Theme.gap
                Item {
                    Layout.leftMargin: Theme.gap
                    Layout.preferredWidth: 44
                }
                Text {
                    Layout.fillWidth: true
                    text: qsTr("Charge")
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: Theme.textMuted
                    elide: Text.ElideRight
                }
                Text {
                    Layout.preferredWidth: screen.dueColumnWidth
                    text: qsTr("Due")
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: Theme.textMuted
                }
                Text {
                    Layout.preferredWidth: screen.amountColumnWidth
                    Layout.rightMargin: Theme.margin
                    horizontalAlignment: Text.AlignRight
                    text: qsTr("Amount")
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    font.pixelSize: Theme.fontSmall
                    font.bold: true
                    color: Theme.textMuted
                }
            }
            ListView {
                id: charges
                objectName: "chargeList"
                Accessible.name: qsTr("Choose charges to pay")
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: Theme.touchLarge * 2
                clip: true
                spacing: 10
                boundsBehavior: Flickable.StopAtBounds
                model: screen.payments.charges
                ScrollBar.vertical: ScrollBar {
                    policy: charges.contentHeight > charges.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                    width: 16
                }
                delegate: AbstractButton {
                    id: row
                    required property var modelData
                    required property int index
                    readonly property bool ticked: screen.chosen[modelData.chargeId] === true
                    objectName: "charge" + index
                    width: charges.width
                    implicitHeight: Math.max(Theme.touchLarge, rowContent.implicitHeight + 24)
                    focusPolicy: Qt.NoFocus
                    Accessible.role: Accessible.CheckBox
                    Accessible.checkable: true
                    Accessible.name: modelData.description + ", " + qsTr("due %1").arg(modelData.dueText) + ", " + modelData.amountText
                    Accessible.checked: ticked
                    onClicked: {
                        const next = Object.assign({}, screen.chosen);
                        next[modelData.chargeId] = !next[modelData.chargeId];
                        screen.chosen = next;
                    }
                    background: Rectangle {
                        radius: Theme.radius
                        color: row.down ? Theme.surfaceAlt : row.ticked ? Theme.surfaceAlt : Theme.surface
                        border.color: row.ticked ? Theme.primary : Theme.border
                        border.width: row.ticked ? 3 : 2
                    }
                    contentItem: RowLayout {
                        id: rowContent
                        spacing: Theme.gap
                        // The same box and tick as every other choice on the kiosk (TouchCheckBox).
                        Rectangle {
                            Layout.leftMargin: Theme.gap
                            Layout.preferredWidth: 44
                            Layout.preferredHeight: 44
                            radius: 8
                            color: row.ticked ? Theme.primary : Theme.surface
                            border.width: 3
                            border.color: row.ticked ? Theme.primary : Theme.border
                            Icon {
                                objectName: "chargeTick" + row.index
                                anchors.centerIn: parent
                                width: 32
                                height: 32
                                name: "checkbox_tick"
                                visible: row.ticked
                            }
                        }
                        Text {
                            objectName: "chargeDescription" + row.index
                            Layout.fillWidth: true
                            text: row.modelData.description
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            color: Theme.text
                        }
                        Text {
                            objectName: "chargeDue" + row.index
                            Layout.preferredWidth: screen.dueColumnWidth
                            text: row.modelData.dueText
                            wrapMode: Text.WordWrap
                            font.pixelSize: Theme.fontBody
                            color: Theme.textMuted
                        }
                        Text {
                            objectName: "chargeAmount" + row.index
                            Layout.preferredWidth: screen.amountColumnWidth
                            Layout.rightMargin: Theme.margin
                            horizontalAlignment: Text.AlignRight
                            text: row.modelData.amountText
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            color: Theme.text
                        }
                    }
                }
            }
            // One primary action, bottom right: everything, or the charges ticked once there
            // are some; no greyed-out button stands in its place.
            RowLayout {
                Layout.fillWidth: true
                visible: screen.payments.charges.length > 0
                spacing: Theme.gap
                Text {
                    objectName: "chooseChargesHint"
                    Layout.fillWidth: true
                    visible: screen.chosenIds.length === 0
                    text: qsTr("To pay only some charges, tap them.")
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                Item {
                    Layout.fillWidth: true
                    visible: screen.chosenIds.length > 0
                }
                KioskButton {
                    objectName: "payAll"
                    primaryAction: screen.chosenIds.length === 0
                    text: qsTr("Pay everything (%1)").arg(screen.payments.balanceText)
                    onClicked: screen.navigate("payment", { "purpose": "charges", "chargeIds": [] })
                }
                KioskButton {
                    objectName: "paySelected"
                    visible: screen.chosenIds.length > 0
                    primaryAction: true
                    text: qsTr("Pay %1").arg(screen.payments.money(screen.chosenCents))
                    onClicked: screen.navigate("payment", { "purpose": "charges", "chargeIds": screen.chosenIds })
                }
            }
        }

        ColumnLayout {
            Layout.preferredWidth: screen.sideBySide ? 620 : -1
            Layout.fillWidth: !screen.sideBySide
            Layout.fillHeight: true
            spacing: Theme.gap
            SectionLabel {
                text: qsTr("Payment history")
            }
            Text {
                objectName: "historyEmpty"
                Layout.fillWidth: true
                visible: history.count === 0
                text: screen.payments.busy ? qsTr("Loading…") : qsTr("No payments yet.")
                Accessible.role: Accessible.StaticText
                Accessible.name: text
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            ListView {
                id: history
                objectName: "paymentHistory"
                Accessible.name: qsTr("Payment history")
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 8
                boundsBehavior: Flickable.StopAtBounds
                model: screen.payments.history
                delegate: Text {
                    required property var modelData
                    required property int index
                    objectName: "historyRow" + index
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    width: ListView.view.width
                    wrapMode: Text.WordWrap
                    text: modelData.dateText + " · " + Labels.paid(modelData.chargedText, modelData.creditText, modelData.method)
                          + (modelData.receiptNumber ? " · " + qsTr("receipt %1").arg(modelData.receiptNumber) : "")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.text
                }
            }
        }
    }
}
