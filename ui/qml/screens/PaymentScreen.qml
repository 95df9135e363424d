pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Pay: credit first if wanted, then a card (reader or typed) or a bank account for the rest.
// A decline says so and keeps everything typed so another way can be tried at once.
ScreenBase {
    id: screen

    property string purpose: "charges"  // charges | checkout
    property var chargeIds: []
    property int amountCents: 0
    property string method: "reader"  // reader | keyed | echeck
    property bool useCredit: payments.creditCents > 0
    readonly property int dueCents: purpose === "checkout" ? cart.totalCents : amountCents
    readonly property int creditCents: useCredit ? Math.min(payments.creditCents, dueCents) : 0
    readonly property int restCents: dueCents - creditCents

    function fieldValues() {
        if (method === "keyed")
            return { "cardNumber": cardNumber.text, "expiry": expiry.text, "cvv": cvv.text, "zip": zip.text };
        if (method === "echeck")
            return { "routingNumber": routing.text, "accountNumber": account.text, "accountType": savings.checked ? "savings" : "checking", "holderName": holder.text };
        return {};
    }

    function submit(chosenMethod) {
        payments.pay(purpose, restCents === 0 ? "credit" : chosenMethod, fieldValues(), chargeIds, useCredit, dueCents);
    }

    objectName: "paymentScreen"
    Component.onCompleted: if (payments.charges.length === 0) payments.load()

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("Pay %1").arg(screen.payments.money(screen.dueCents))
        }
        OfflineNotice {
            kiosk: screen.kiosk
            width: parent.width
        }
        FilterChip {
            objectName: "useCredit"
            visible: screen.payments.creditCents > 0
            text: qsTr("Use my credit (%1)").arg(screen.payments.creditText)
            selected: screen.useCredit
            onClicked: screen.useCredit = !screen.useCredit
        }
        Text {
            objectName: "restText"
            visible: screen.creditCents > 0
            text: screen.restCents === 0 ? qsTr("Your credit covers it all.")
                                         : qsTr("%1 from credit, %2 to pay now.").arg(screen.payments.money(screen.creditCents)).arg(screen.payments.money(screen.restCents))
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }

        Row {
            spacing: Theme.gap
            visible: screen.restCents > 0
            FilterChip {
                objectName: "methodReader"
                text: qsTr("Tap or insert card")
                selected: screen.method === "reader"
                onClicked: screen.method = "reader"
            }
            FilterChip {
                objectName: "methodKeyed"
                text: qsTr("Type card number")
                selected: screen.method === "keyed"
                onClicked: screen.method = "keyed"
            }
            FilterChip {
                objectName: "methodEcheck"
                text: qsTr("Bank account (eCheck)")
                selected: screen.method === "echeck"
                onClicked: screen.method = "echeck"
            }
        }

        // The demo's card reader: test cards instead of a terminal.
        Column {
            width: parent.width
            spacing: Theme.gap
            visible: screen.restCents > 0 && screen.method === "reader"
            Text {
                text: qsTr("Demo card reader: tap a test card.")
                font.pixelSize: Theme.fontBody
                color: Theme.textMuted
            }
            Flow {
                width: parent.width
                spacing: Theme.gap
                Repeater {
                    model: [["approved", qsTr("Test card: approved")], ["declined", qsTr("Test card: declined")],
                            ["insufficient_funds", qsTr("Test card: insufficient funds")], ["reader_error", qsTr("Test card: reader error")]]
                    delegate: KioskButton {
                        required property var modelData
                        objectName: "testCard_" + modelData[0]
                        text: modelData[1]
                        enabled: !screen.payments.busy
                        onClicked: screen.submit("reader:" + modelData[0])
                    }
                }
            }
        }

        Column {
            width: parent.width
            spacing: Theme.gap
            visible: screen.restCents > 0 && screen.method === "keyed"
            FormField {
                id: cardNumber
                errorPath: "cardNumber"
                session: screen.payments
                validator: text => screen.payments.checkField("cardNumber", text, cardNumber.text)
                objectName: "cardNumber"
                width: parent.width
                label: qsTr("Card number")
                maximumLength: 23
                inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
            }
            RowLayout {
                width: parent.width
                spacing: Theme.margin
                FormField {
                id: expiry
                errorPath: "expiry"
                session: screen.payments
                validator: text => screen.payments.checkField("expiry", text, cardNumber.text)
                    objectName: "cardExpiry"
                    label: qsTr("Expiry (MM/YY)")
                    maximumLength: 7
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhPreferNumbers | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                }
                FormField {
                id: cvv
                errorPath: "cvv"
                session: screen.payments
                validator: text => screen.payments.checkField("cvv", text, cardNumber.text)
                    objectName: "cardCvv"
                    label: qsTr("Security code")
                    maximumLength: 4
                    echoMode: TextInput.Password
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                }
                FormField {
                id: zip
                errorPath: "zip"
                session: screen.payments
                validator: text => screen.payments.checkField("zip", text, cardNumber.text)
                    objectName: "cardZip"
                    label: qsTr("Billing ZIP")
                    maximumLength: 5
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhNoPredictiveText
                }
            }
        }

        Column {
            width: parent.width
            spacing: Theme.gap
            visible: screen.restCents > 0 && screen.method === "echeck"
            FormField {
                id: holder
                errorPath: "holderName"
                session: screen.payments
                validator: text => screen.payments.checkField("holderName", text, cardNumber.text)
                objectName: "echeckHolder"
                width: parent.width
                label: qsTr("Name on the account")
            }
            RowLayout {
                width: parent.width
                spacing: Theme.margin
                FormField {
                id: routing
                errorPath: "routingNumber"
                session: screen.payments
                validator: text => screen.payments.checkField("routingNumber", text, cardNumber.text)
                    objectName: "echeckRouting"
                    label: qsTr("Routing number")
                    maximumLength: 9
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                }
                FormField {
                id: account
                errorPath: "accountNumber"
                session: screen.payments
                validator: text => screen.payments.checkField("accountNumber", text, cardNumber.text)
                    objectName: "echeckAccount"
                    label: qsTr("Account number")
                    maximumLength: 17
                    Layout.preferredWidth: 1
                    inputMethodHints: Qt.ImhDigitsOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
                }
            }
            CheckBox {
                id: savings
                objectName: "echeckSavings"
                text: qsTr("This is a savings account")
                font.pixelSize: Theme.fontBody
                implicitHeight: Theme.touchMin
                Accessible.name: text
            }
        }

        MessageBanner {
            objectName: "paymentMessage"
            width: parent.width
            text: screen.payments.message
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.payments.busy
                visible: running
            }
            KioskButton {
                objectName: "paySubmit"
                primaryAction: true
                visible: screen.restCents === 0 || screen.method !== "reader"
                enabled: !screen.payments.busy && screen.kiosk.online
                text: qsTr("Pay %1").arg(screen.payments.money(screen.dueCents))
                onClicked: screen.submit(screen.method)
            }
        }
    }
}
