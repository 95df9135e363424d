pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import ".."

// The bar on every page after the landing page. Menu at the upper left (where families know it
// from the customer portal), then Back and Home; the organisation's sections; who is logged in
// (and "Offline", "Staff assisting"); language and text size at the right.
// Every item has a slot of its own that keeps its place whether or not its neighbours show, so a
// finger that learned where Home is finds it there on every page. When one row is too narrow
// (portrait, Spanish, larger text) the sections move to a second row under the first.
ToolBar {
    id: bar

    property var kiosk
    property var cart
    property var session
    property var language
    property var display
    property bool canGoBack: false
    // Policies to accept first: nothing to go to but leaving (the portal refuses the rest).
    readonly property bool policiesOnly: session ? session.policiesPending : false
    readonly property int rowHeight: 104
    readonly property int slotSpacing: 8
    // The least room the "who is logged in" slot gets on a single row.
    readonly property int statusMinWidth: Theme.textScale > 1 ? 200 : 220
    // The sections on a row of their own when one row would crowd them.
    readonly property bool twoRows: leftSlots.width + sectionsRow.implicitWidth + statusMinWidth
                                    + rightSlots.width + 4 * slotSpacing + 2 * Theme.gap > width

    signal backRequested()
    signal homeRequested()
    signal itemRequested(string key)

    implicitHeight: twoRows ? 2 * rowHeight : rowHeight
    background: Rectangle {
        color: Theme.primary
    }

    Item {
        id: content
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap

        // ----- upper left: Menu, Back, Home (each in its own slot)
        Row {
            id: leftSlots
            height: bar.rowHeight
            spacing: bar.slotSpacing

            Item {
                width: menuButton.implicitWidth
                height: bar.rowHeight
                ToolbarButton {
                    id: menuButton
                    objectName: "toolbar_menu"
                    anchors.verticalCenter: parent.verticalCenter
                    iconName: "menu"
                    text: Labels.title("menu")
                    visible: !bar.policiesOnly
                    onClicked: bar.itemRequested("menu")
                }
            }
            Item {
                width: backButton.implicitWidth
                height: bar.rowHeight
                ToolbarButton {
                    id: backButton
                    objectName: "toolbarBack"
                    anchors.verticalCenter: parent.verticalCenter
                    iconName: "back"
                    text: qsTr("Back")
                    visible: bar.canGoBack
                    onClicked: bar.backRequested()
                }
            }
            // Home, or (while policies wait) Log Out, in the same place.
            Item {
                width: Math.max(homeButton.implicitWidth, logOutButton.implicitWidth)
                height: bar.rowHeight
                ToolbarButton {
                    id: homeButton
                    objectName: "toolbarHome"
                    anchors.verticalCenter: parent.verticalCenter
                    width: parent.width
                    iconName: "home"
                    text: qsTr("Home")
                    visible: !bar.policiesOnly
                    onClicked: bar.homeRequested()
                }
                ToolbarButton {
                    id: logOutButton
                    objectName: "toolbarLogOut"
                    anchors.verticalCenter: parent.verticalCenter
                    width: parent.width
                    iconName: "log_out"
                    text: qsTr("Log Out")
                    visible: bar.policiesOnly
                    onClicked: bar.itemRequested("log_out")
                }
            }
        }

        // ----- the organisation's sections: beside Home, or centred on a row of their own
        Row {
            id: sectionsRow
            x: bar.twoRows ? Math.max(0, (content.width - implicitWidth) / 2) : leftSlots.width + bar.slotSpacing * 2
            y: bar.twoRows ? bar.rowHeight : 0
            height: bar.rowHeight
            spacing: bar.slotSpacing
            // Laid out (and measured) while policies wait too, so nothing else moves then.
            opacity: bar.policiesOnly ? 0 : 1
            enabled: !bar.policiesOnly

            Repeater {
                model: bar.kiosk ? bar.kiosk.toolbarButtons.filter(key => key !== "menu") : []
                delegate: ToolbarButton {
                    required property string modelData
                    objectName: "toolbar_" + modelData
                    // (Not anchored: a delegate the model drops has no parent as it goes.)
                    y: (bar.rowHeight - height) / 2
                    visible: !bar.policiesOnly
                    iconName: modelData
                    text: modelData === "cart" && bar.cart && bar.cart.count > 0
                          ? qsTr("Cart (%1)").arg(bar.cart.count) : Labels.title(modelData)
                    onClicked: bar.itemRequested(modelData)
                }
            }
        }

        // ----- upper right: who is here (with Offline and Staff assisting), language, text size
        Row {
            id: rightSlots
            anchors.right: parent.right
            height: bar.rowHeight
            spacing: bar.slotSpacing

            ToolbarButton {
                id: languageButton
                objectName: "toolbarLanguage"
                anchors.verticalCenter: parent.verticalCenter
                iconName: "language"
                // The other language, in its own words: "Español" while the kiosk speaks English.
                text: bar.language ? bar.language.otherLanguageName : ""
                Accessible.name: qsTr("%1 — change the language").arg(text)
                onClicked: bar.language.toggle()
            }
            ToolbarButton {
                id: textSizeButton
                objectName: "toolbarTextSize"
                readonly property string larger: qsTr("Larger text")
                readonly property string standard: qsTr("Standard text")
                anchors.verticalCenter: parent.verticalCenter
                // As wide as the longer of its two words, so pressing it moves nothing.
                width: Math.max(implicitWidth, largerWords.advanceWidth + 24, standardWords.advanceWidth + 24)
                iconName: "text_size"
                text: bar.display && bar.display.largeText ? standard : larger
                Accessible.checked: bar.display ? bar.display.largeText : false
                onClicked: bar.display.toggleLargeText()
                TextMetrics {
                    id: largerWords
                    font.pixelSize: Math.min(Theme.fontSmall, 24)
                    font.bold: true
                    text: textSizeButton.larger
                }
                TextMetrics {
                    id: standardWords
                    font.pixelSize: Math.min(Theme.fontSmall, 24)
                    font.bold: true
                    text: textSizeButton.standard
                }
            }
        }

        // Between the sections (or Home, on two rows) and the language: the room that is left.
        Item {
            id: statusSlot
            objectName: "toolbarStatus"
            x: (bar.twoRows ? leftSlots.width : sectionsRow.x + sectionsRow.implicitWidth) + bar.slotSpacing * 2
            width: Math.max(0, rightSlots.x - bar.slotSpacing * 2 - x)
            height: bar.rowHeight

            Column {
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                width: Math.min(parent.width, Math.max(offline.implicitWidth, assistingPill.implicitWidth,
                                                       whoLabel.implicitWidth, whoName.implicitWidth))
                spacing: 4

                OfflineBadge {
                    id: offline
                    anchors.right: parent.right
                    width: Math.min(implicitWidth, parent.width)
                    height: 32
                    visible: bar.kiosk ? !bar.kiosk.online : false
                    compact: true
                }
                Rectangle {
                    id: assistingPill
                    objectName: "staffAssistingBanner"
                    anchors.right: parent.right
                    visible: bar.session ? bar.session.assistedBy !== "" : false
                    implicitWidth: assisting.implicitWidth + 24
                    width: Math.min(implicitWidth, parent.width)
                    height: 32
                    radius: 16
                    color: Theme.secondary
                    Accessible.role: Accessible.StaticText
                    Accessible.name: assisting.text
                    Text {
                        id: assisting
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        anchors.rightMargin: 12
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: Text.AlignHCenter
                        // A long name takes smaller letters rather than being cut.
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 14
                        elide: Text.ElideRight
                        text: bar.session ? qsTr("Staff assisting: %1").arg(bar.session.assistedBy) : ""
                        font.pixelSize: Math.min(Theme.fontSmall, 22)
                        font.bold: true
                        color: Theme.text
                    }
                }
                // Who is logged in, on every page, so nobody uses a family's session by mistake;
                // a long name is shortened (a screen reader hears it whole).
                Column {
                    objectName: "toolbarWho"
                    anchors.right: parent.right
                    width: parent.width
                    // Shown once there is a name to show (not while a guardian chooses a family).
                    visible: (bar.session ? bar.session.loggedIn : false) && whoName.text !== ""
                    spacing: 0
                    Accessible.role: Accessible.StaticText
                    Accessible.name: whoName.text !== "" ? qsTr("Logged in: %1").arg(whoName.text) : ""
                    Text {
                        id: whoLabel
                        width: parent.width
                        horizontalAlignment: Text.AlignRight
                        // Only when "Offline" and "Staff assisting" leave the room.
                        visible: !offline.visible && !assistingPill.visible
                        text: qsTr("Logged in")
                        elide: Text.ElideRight
                        font.pixelSize: Math.min(Theme.fontSmall, 24)
                        color: Theme.textOnPrimary
                        opacity: 0.85
                    }
                    Text {
                        id: whoName
                        width: parent.width
                        horizontalAlignment: Text.AlignRight
                        // A long name takes smaller letters first, and is shortened only after.
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 16
                        elide: Text.ElideRight
                        text: bar.session
                              ? [bar.session.guardianFirstName, bar.session.familyName].filter(x => x).join(" ")
                              : ""
                        font.pixelSize: Math.min(Theme.fontBody, 28)
                        font.bold: true
                        color: Theme.textOnPrimary
                    }
                }
            }
        }
    }
}
