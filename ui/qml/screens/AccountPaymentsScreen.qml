pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// My Account -> Payments: what is owed (choose charges or all), credit, and past payments.
ScreenBase {
    id: screen

    property var chosen: ({})
    readonly property var chosenIds: Object.keys(chosen).filter(k => chosen[k]).map(k => parseInt(k))
    readonly property int chosenCents: payments.charges.filter(c => chosen[c.chargeId]).reduce((sum, c) => sum + c.amountCents, 0)

    objectName: "accountPaymentsScreen"
    Component.onCompleted: payments.load()

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin * 2

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.gap

            ScreenTitle {
                text: qsTr("Payments")
            }
            Text {
                objectName: "balanceText"
                text: qsTr("Balance due: %1").arg(screen.payments.balanceText)
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.text
            }
            Text {
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
                visible: screen.payments.charges.length === 0 && !screen.payments.busy
                text: qsTr("You're all paid up. Thank you!")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            ListView {
                id: charges
                objectName: "chargeList"
                Accessible.name: qsTr("Choose charges to pay")
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 10
                model: screen.payments.charges
                delegate: AbstractButton {
                    id: row
                    required property var modelData
                    required property int index
                    objectName: "charge" + index
                    width: charges.width
                    implicitHeight: 96
                    focusPolicy: Qt.NoFocus
                    Accessible.role: Accessible.CheckBox
                    Accessible.name: modelData.description + " " + modelData.amountText
                    Accessible.checked: screen.chosen[modelData.chargeId] === true
                    onClicked: {
                        const next = Object.assign({}, screen.chosen);
                        next[modelData.chargeId] = !next[modelData.chargeId];
                        screen.chosen = next;
                    }
                    background: Rectangle {
                        radius: Theme.radius
                        color: screen.chosen[row.modelData.chargeId] ? Theme.surfaceAlt : Theme.surface
                        border.color: screen.chosen[row.modelData.chargeId] ? Theme.primary : Theme.border
                        border.width: 2
                    }
                    contentItem: RowLayout {
                        spacing: Theme.gap
                        Rectangle {
                            Layout.leftMargin: Theme.gap
                            Layout.preferredWidth: 36
                            Layout.preferredHeight: 36
                            radius: 8
                            border.color: Theme.primary
                            border.width: 3
                            color: screen.chosen[row.modelData.chargeId] ? Theme.primary : "transparent"
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Text {
                                text: row.modelData.description
                                font.pixelSize: Theme.fontBody
                                color: Theme.text
                            }
                            Text {
                                text: qsTr("Due %1").arg(row.modelData.dueText)
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textMuted
                            }
                        }
                        Text {
                            Layout.rightMargin: Theme.margin
                            text: row.modelData.amountText
                            font.pixelSize: Theme.fontLarge
                            color: Theme.text
                        }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                visible: screen.payments.charges.length > 0
                KioskButton {
                    objectName: "payAll"
                    text: qsTr("Pay everything (%1)").arg(screen.payments.balanceText)
                    onClicked: screen.navigate("payment", { "purpose": "charges", "chargeIds": [], "amountCents": screen.payments.balanceCents })
                }
                Item {
                    Layout.fillWidth: true
                }
                KioskButton {
                    objectName: "paySelected"
                    primaryAction: true
                    enabled: screen.chosenIds.length > 0
                    text: screen.chosenIds.length > 0 ? qsTr("Pay %1").arg(screen.payments.money(screen.chosenCents)) : qsTr("Choose charges to pay")
                    onClicked: screen.navigate("payment", { "purpose": "charges", "chargeIds": screen.chosenIds, "amountCents": screen.chosenCents })
                }
            }
        }

        ColumnLayout {
            Layout.preferredWidth: 620
            Layout.fillHeight: true
            spacing: Theme.gap
            SectionLabel {
                text: qsTr("Payment history")
            }
            ListView {
                objectName: "paymentHistory"
                Accessible.name: qsTr("Payment history")
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 8
                model: screen.payments.history
                delegate: Text {
                    required property var modelData
                    width: ListView.view.width
                    wrapMode: Text.WordWrap
                    text: modelData.dateText + " · " + modelData.amountText + " · " + modelData.method
                          + (modelData.receiptNumber ? " · " + qsTr("receipt %1").arg(modelData.receiptNumber) : "")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.text
                }
            }
        }
    }
}
