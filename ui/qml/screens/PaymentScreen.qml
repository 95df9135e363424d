pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// Pay: the portal's quote (what is due, fees and tax, what credit covers, what the card or bank
// pays) and a card (reader or typed) or a bank account for the rest. Every amount here comes from
// that one quote. A decline says so and keeps everything typed so another way can be tried.
ScreenBase {
    id: screen

    property string purpose: "charges"  // charges | checkout
    property var chargeIds: []
    property string method: "reader"  // reader | keyed | echeck
    readonly property var quote: payments.quote
    readonly property bool ready: quote.ready === true
    // Whether a card or bank account pays the rest is the quote's to say (kiosk.payments).
    readonly property bool needsMethod: ready && quote.creditCoversAll === false

    function fieldValues() {
        if (method === "keyed")
            return { "cardNumber": cardNumber.text, "expiry": expiry.text, "cvv": cvv.text, "zip": zip.text };
        if (method === "echeck")
            return { "routingNumber": routing.text, "accountNumber": account.text, "accountType": savings.checked ? "savings" : "checking", "holderName": holder.text };
        return {};
    }

    function submit(chosenMethod) {
        payments.pay(chosenMethod, fieldValues());
    }

    objectName: "paymentScreen"
    Component.onCompleted: payments.prepare(purpose, chargeIds)
    // A sentence belongs to the attempt it was about: another method is a new attempt.
    onMethodChanged: payments.newAttempt()

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap
        onSubmitted: if (screen.method !== "reader" || !screen.needsMethod) screen.submit(screen.method)
        // The Pay button says what the card or bank will be charged: the quote's own number.
        actions: [
            KioskButton {
                objectName: "paySubmit"
                primaryAction: true
                visible: screen.ready && (!screen.needsMethod || screen.method !== "reader")
                enabled: screen.ready && !screen.payments.busy && screen.kiosk.online
                text: !screen.ready ? "" : screen.needsMethod ? qsTr("Pay %1").arg(screen.quote.payNowText)
                                                             : qsTr("Pay %1 from credit").arg(screen.quote.creditAppliedText)
                onClicked: screen.submit(screen.method)
            },
            KioskButton {
                // The quote did not come (the network): nothing to pay yet, but a way on.
                objectName: "quoteRetry"
                primaryAction: true
                visible: !screen.ready && !screen.payments.busy
                enabled: screen.kiosk.online
                text: qsTr("Try Again")
                Accessible.name: qsTr("Try again to get the amount due")
                onClicked: screen.payments.reloadQuote()
            },
            BusyIndicator {
                running: screen.payments.busy
                visible: running
                Layout.preferredWidth: Theme.touchMin
                Layout.preferredHeight: Theme.touchMin
            },
            // Pay at the bottom right, where every screen keeps its primary action.
            Item {
                Layout.fillWidth: true
            }
        ]
        notices: MessageBanner {
            objectName: "paymentMessage"
            Layout.fillWidth: true
            text: screen.payments.message
        }

        ScreenTitle {
            objectName: "payTitle"
            text: screen.ready ? qsTr("%1 due").arg(screen.quote.dueText) : qsTr("Pay")
        }
        OfflineNotice {
            kiosk: screen.kiosk
            width: parent.width
        }
        // The quote, itemised: each charge or cart line, then fees, tax, credit, and what is
        // paid now, in one column so the numbers visibly add up.
        Rectangle {
            objectName: "quoteBox"
            visible: screen.ready
            width: Math.min(parent.width, 1100)
            implicitHeight: quoteGrid.implicitHeight + 2 * Theme.gap
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.border
            border.width: 2
            GridLayout {
                id: quoteGrid
                anchors.fill: parent
                anchors.margins: Theme.gap
                columns: 2
                columnSpacing: Theme.margin
                rowSpacing: 6
                Repeater {
                    model: screen.ready ? screen.quote.lines : []
                    delegate: Text {
                        required property var modelData
                        required property int index
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        Layout.row: index
                        Layout.column: 0
                        Layout.fillWidth: true
                        text: modelData.description
                        elide: Text.ElideRight
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                    }
                }
                Repeater {
                    model: screen.ready ? screen.quote.lines : []
                    delegate: Text {
                        required property var modelData
                        required property int index
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        Layout.row: index
                        Layout.column: 1
                        Layout.alignment: Qt.AlignRight
                        text: modelData.amountText
                        font.pixelSize: Theme.fontBody
                        color: Theme.text
                    }
                }
                Text {
                    Layout.row: 100
                    Layout.column: 0
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    visible: screen.ready && screen.quote.lines.length > 0 && screen.quote.extraLines.length > 0
                    text: qsTr("Subtotal")
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                Text {
                    objectName: "quoteSubtotal"
                    Layout.row: 100
                    Layout.column: 1
                    Layout.alignment: Qt.AlignRight
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    visible: screen.ready && screen.quote.lines.length > 0 && screen.quote.extraLines.length > 0
                    text: screen.quote.subtotalText || ""
                    font.pixelSize: Theme.fontBody
                    color: Theme.textMuted
                }
                // Fees and tax, each with its own words, under the subtotal.
                Repeater {
                    model: screen.ready ? screen.quote.extraLines : []
                    delegate: Text {
                        required property var modelData
                        required property int index
                        objectName: "quoteExtraLabel" + index
                        Layout.row: 101 + index
                        Layout.column: 0
                        Layout.fillWidth: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        text: modelData.description
                        elide: Text.ElideRight
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                }
                Repeater {
                    model: screen.ready ? screen.quote.extraLines : []
                    delegate: Text {
                        required property var modelData
                        required property int index
                        objectName: "quoteExtra" + index
                        Layout.row: 101 + index
                        Layout.column: 1
                        Layout.alignment: Qt.AlignRight
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                        text: modelData.amountText
                        font.pixelSize: Theme.fontBody
                        color: Theme.textMuted
                    }
                }
                Text {
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    Layout.row: 200
                    Layout.column: 0
                    text: qsTr("Total due")
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    objectName: "quoteDue"
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    Layout.row: 200
                    Layout.column: 1
                    Layout.alignment: Qt.AlignRight
                    text: screen.quote.dueText || ""
                    font.pixelSize: Theme.fontBody
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    Layout.row: 201
                    Layout.column: 0
                    visible: screen.ready && screen.quote.creditAppliedCents > 0
                    text: qsTr("From your credit")
                    font.pixelSize: Theme.fontBody
                    color: Theme.success
                }
                Text {
                    objectName: "quoteCredit"
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    Layout.row: 201
                    Layout.column: 1
                    Layout.alignment: Qt.AlignRight
                    visible: screen.ready && screen.quote.creditAppliedCents > 0
                    text: "−" + (screen.quote.creditAppliedText || "")
                    font.pixelSize: Theme.fontBody
                    color: Theme.success
                }
                Text {
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    Layout.row: 202
                    Layout.column: 0
                    text: qsTr("To pay now")
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                }
                Text {
                    objectName: "quotePayNow"
                    Accessible.role: Accessible.StaticText
                    Accessible.name: text
                    Layout.row: 202
                    Layout.column: 1
                    Layout.alignment: Qt.AlignRight
                    text: screen.quote.payNowText || ""
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    color: Theme.text
                }
            }
        }
        FilterChip {
            objectName: "useCredit"
            visible: screen.ready && screen.quote.creditAvailableCents > 0
            enabled: !screen.payments.busy
            text: qsTr("Use my credit (%1)").arg(screen.quote.creditAvailableText || "")
            selected: screen.payments.useCredit
            onClicked: screen.payments.setUseCredit(!screen.payments.useCredit)
        }
        Text {
            objectName: "restText"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            visible: screen.ready && screen.quote.creditAppliedCents > 0
            text: !screen.needsMethod ? qsTr("Your credit covers it all.")
                                         : qsTr("%1 from credit, %2 to pay now.").arg(screen.quote.creditAppliedText).arg(screen.quote.payNowText)
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }

        Row {
            spacing: Theme.gap
            visible: screen.needsMethod
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
            visible: screen.needsMethod && screen.method === "reader"
            Text {
                Accessible.role: Accessible.StaticText
                Accessible.name: text
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
                        enabled: screen.ready && !screen.payments.busy
                        onClicked: screen.submit("reader:" + modelData[0])
                    }
                }
            }
        }

        Column {
            width: parent.width
            spacing: Theme.gap
            visible: screen.needsMethod && screen.method === "keyed"
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
                    inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhSensitiveData | Qt.ImhNoPredictiveText
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
            visible: screen.needsMethod && screen.method === "echeck"
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
            TouchCheckBox {
                id: savings
                objectName: "echeckSavings"
                text: qsTr("This is a savings account")
                font.pixelSize: Theme.fontBody
            }
        }
    }
}
