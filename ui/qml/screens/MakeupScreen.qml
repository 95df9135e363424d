pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// "Use a makeup credit": the meetings the credit's student can come to instead, each with a
// free seat on that date; tapping one books it (no payment).
ScreenBase {
    id: screen

    property int creditId: 0
    property string creditTitle: ""
    // The meeting tapped, shown on the success panel once it is booked.
    property var chosen: ({})
    property bool booked: false

    objectName: "makeupScreen"

    Component.onCompleted: cart.loadMakeupOptions(creditId)

    Connections {
        target: screen.cart
        function onMakeupBooked() {
            screen.booked = true;
        }
    }

    SuccessPanel {
        anchors.fill: parent
        visible: screen.booked
        title: qsTr("Makeup class booked.")
        titleObjectName: "makeupBookedTitle"
        doneObjectName: "makeupDone"
        doneText: qsTr("Done")
        onDone: screen.navigate("dashboard", {})

        Text {
            objectName: "makeupBookedDetails"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: (screen.chosen.title || "") + " · " + (screen.chosen.whenText || "") + " · " + (screen.chosen.location || "")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Text {
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            text: screen.creditTitle
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin
        visible: !screen.booked

        ScreenTitle {
            objectName: "makeupTitle"
            Layout.fillWidth: true
            text: qsTr("Use a makeup credit")
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: screen.creditTitle
            font.pixelSize: Theme.fontLarge
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }
        Text {
            Layout.fillWidth: true
            text: qsTr("Choose a class with a free seat:")
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }
        MessageBanner {
            objectName: "makeupMessage"
            Layout.fillWidth: true
            text: screen.cart.message
        }
        BusyIndicator {
            running: screen.cart.busy
            visible: running
        }
        ListView {
            id: list
            objectName: "makeupOptions"
            Accessible.name: qsTr("Choose a class with a free seat:")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.gap
            model: screen.cart.makeupOptions
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {
                policy: list.contentHeight > list.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
                width: 16
            }
            delegate: KioskButton {
                required property var modelData
                required property int index
                objectName: "makeupOption" + index
                width: list.width - 24
                enabled: !screen.cart.busy
                text: modelData.whenText + " — " + modelData.title + "  ·  " + modelData.location + "  ·  " + modelData.seatsText
                Accessible.name: qsTr("Book %1 on %2").arg(modelData.title).arg(modelData.whenText)
                onClicked: {
                    screen.chosen = modelData;
                    screen.cart.bookMakeup(screen.creditId, modelData.classId, modelData.iso);
                }
            }
        }
    }
}
