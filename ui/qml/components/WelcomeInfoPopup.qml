import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// The organisation's welcome text, shown once per visit after "Tap to Begin".
Popup {
    id: popup

    property string title: ""
    property string body: ""

    signal accepted()

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(1200, parent ? parent.width - 2 * Theme.margin : 1200)
    height: Math.min(820, parent ? parent.height - 2 * Theme.margin : 820)
    modal: true
    closePolicy: Popup.NoAutoClose
    padding: Theme.margin
    background: Rectangle {
        radius: Theme.radius * 2
        color: Theme.surface
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap * 2

        ScreenTitle {
            Layout.fillWidth: true
            text: popup.title
        }
        ScrollableText {
            Layout.fillWidth: true
            Layout.fillHeight: true
            text: popup.body
            title: popup.title
        }
        KioskButton {
            objectName: "welcomeContinue"
            Layout.alignment: Qt.AlignRight
            primaryAction: true
            text: qsTr("Continue")
            onClicked: {
                popup.close();
                popup.accepted();
            }
        }
    }
}
