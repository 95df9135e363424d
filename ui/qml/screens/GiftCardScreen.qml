pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// More -> eGift Cards: an amount, who it is for, their email, a note -> cart.
ScreenBase {
    id: screen

    property int amountCents: 5000

    objectName: "giftCardScreen"

    Connections {
        function onAdded() {
            screen.navigate("cart", {});
        }
        target: screen.cart
    }

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap

        ScreenTitle {
            text: qsTr("eGift Card")
        }
        SectionLabel {
            text: qsTr("Amount")
        }
        Flow {
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: [2500, 5000, 7500, 10000, 15000]
                delegate: FilterChip {
                    required property int modelData
                    objectName: "giftAmount" + modelData
                    text: "$" + (modelData / 100)
                    selected: screen.amountCents === modelData
                    onClicked: screen.amountCents = modelData
                }
            }
        }
        FormField {
            id: recipientName
            objectName: "giftName"
            width: parent.width
            label: qsTr("Recipient's name")
            rule: "firstName"
            session: screen.session
        }
        FormField {
            id: recipientEmail
            objectName: "giftEmail"
            width: parent.width
            label: qsTr("Recipient's email")
            rule: "email"
            session: screen.session
            inputMethodHints: Qt.ImhEmailCharactersOnly | Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
        }
        FormField {
            id: note
            objectName: "giftNote"
            width: parent.width
            label: qsTr("A short note (optional)")
            maximumLength: 200
            session: screen.session
        }
        MessageBanner {
            width: parent.width
            text: screen.cart.message
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            KioskButton {
                objectName: "giftAdd"
                primaryAction: true
                enabled: !screen.cart.busy
                text: screen.session.familyChosen ? qsTr("Add to Cart") : qsTr("Log In to Buy")
                onClicked: {
                    if (!screen.session.familyChosen) {
                        screen.navigate("login", { "then": "giftCard", "thenParams": {} });
                        return;
                    }
                    const ok = [recipientName.check(), recipientEmail.check()].every(x => x);
                    if (ok)
                        screen.cart.addGiftCard(screen.amountCents, recipientEmail.text, recipientName.text, note.text);
                }
            }
        }
    }
}
