pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// The bar on every page after the landing page: Back and Home top left, then the organisation's
// sections, Location and Cart on the right.
ToolBar {
    id: bar

    property var kiosk
    property var cart
    property var session
    property var language
    property var display
    property bool canGoBack: false

    signal backRequested()
    signal homeRequested()
    signal itemRequested(string key)

    implicitHeight: 104
    background: Rectangle {
        color: Theme.primary
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: 8

        ToolbarButton {
            objectName: "toolbarBack"
            iconName: "back"
            text: qsTr("Back")
            visible: bar.canGoBack
            onClicked: bar.backRequested()
        }
        ToolbarButton {
            objectName: "toolbarHome"
            iconName: "home"
            text: qsTr("Home")
            onClicked: bar.homeRequested()
        }
        Item {
            Layout.fillWidth: true
            implicitHeight: 1
        }
        Repeater {
            model: bar.kiosk ? bar.kiosk.toolbarButtons : []
            delegate: ToolbarButton {
                required property string modelData
                objectName: "toolbar_" + modelData
                iconName: modelData
                text: modelData === "cart" && bar.cart && bar.cart.count > 0
                      ? qsTr("Cart (%1)").arg(bar.cart.count) : Labels.title(modelData)
                onClicked: bar.itemRequested(modelData)
            }
        }
        Item {
            Layout.fillWidth: true
            implicitHeight: 1
        }
        Rectangle {
            objectName: "staffAssistingBanner"
            visible: bar.session ? bar.session.assistedBy !== "" : false
            implicitWidth: assisting.implicitWidth + 32
            implicitHeight: 48
            radius: 24
            color: Theme.secondary
            Text {
                id: assisting
                anchors.centerIn: parent
                text: bar.session ? qsTr("Staff assisting: %1").arg(bar.session.assistedBy) : ""
                font.pixelSize: Theme.fontSmall
                font.bold: true
                color: Theme.text
            }
        }
        OfflineBadge {
            visible: bar.kiosk ? !bar.kiosk.online : false
            compact: Theme.textScale > 1
        }
        ToolbarButton {
            objectName: "toolbarLanguage"
            iconName: "language"
            // The other language, in its own words: "Español" while the kiosk speaks English.
            text: bar.language ? bar.language.otherLanguageName : ""
            Accessible.name: qsTr("%1 — change the language").arg(text)
            onClicked: bar.language.toggle()
        }
        ToolbarButton {
            objectName: "toolbarTextSize"
            iconName: "text_size"
            text: bar.display && bar.display.largeText ? qsTr("Usual text") : qsTr("Larger text")
            Accessible.checked: bar.display ? bar.display.largeText : false
            onClicked: bar.display.toggleLargeText()
        }
    }
}
