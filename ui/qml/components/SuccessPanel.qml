import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// A "done" screen, laid out like check-in's: a large green tick in the middle, the headline,
// the details (the children put inside it, each centred), and one big next action below.
Flickable {
    id: panel

    property string title: ""
    property string titleObjectName: "successTitle"
    property string doneText: qsTr("Done")
    property string doneObjectName: "successDone"
    default property alias details: detailColumn.data

    signal done()

    contentWidth: width
    contentHeight: Math.max(height, content.implicitHeight + 2 * Theme.margin)
    clip: true
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {
        policy: panel.contentHeight > panel.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        width: 16
    }

    Item {
        width: panel.width
        height: panel.contentHeight

        ColumnLayout {
            id: content
            objectName: "successPanel"
            anchors.centerIn: parent
            width: Math.min(1200, parent.width - 4 * Theme.margin)
            spacing: Theme.margin

            Rectangle {
                objectName: "successMark"
                Layout.alignment: Qt.AlignHCenter
                implicitWidth: 140
                implicitHeight: 140
                radius: 70
                color: Theme.success
                Accessible.ignored: true
                Icon {
                    anchors.centerIn: parent
                    width: 96
                    height: 96
                    name: "checkbox_tick"
                }
            }
            Text {
                objectName: panel.titleObjectName
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: panel.title
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.fontHeading
                font.bold: true
                color: Theme.text
                Accessible.role: Accessible.Heading
                Accessible.name: text
            }
            ColumnLayout {
                id: detailColumn
                Layout.fillWidth: true
                spacing: Theme.gap
            }
            KioskButton {
                objectName: panel.doneObjectName
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.gap
                Layout.preferredWidth: Math.max(implicitWidth, 400)
                primaryAction: true
                text: panel.doneText
                onClicked: panel.done()
            }
        }
    }
}
