import QtQuick
import QtQuick.Controls
import ".."

// The one button of the kiosk: big, with a pressed state at once, never hover-only.
Button {
    id: control

    property bool primaryAction: false
    property bool quiet: false

    // Taller when larger text needs it; never below the touch minimum.
    implicitHeight: Math.max(primaryAction ? Theme.touchLarge : Theme.touchMin,
                             contentItem.implicitHeight + 20)
    implicitWidth: Math.max(primaryAction ? 280 : 160,
                            contentItem.implicitWidth + leftPadding + rightPadding)
    leftPadding: 28
    rightPadding: 28
    font.pixelSize: primaryAction ? Theme.fontLarge : Theme.fontBody
    font.bold: primaryAction
    focusPolicy: Qt.NoFocus
    Accessible.role: Accessible.Button
    Accessible.name: text

    contentItem: Text {
        text: control.text
        font: control.font
        color: control.primaryAction ? Theme.textOnPrimary : Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        // Longer words (Spanish, larger text) take a second line rather than losing their end.
        wrapMode: Text.WordWrap
        maximumLineCount: 3
        elide: Text.ElideRight
        opacity: control.enabled ? 1 : 0.5
    }

    background: Rectangle {
        radius: Theme.radius
        color: {
            if (control.primaryAction)
                return control.down ? Qt.darker(Theme.primary, 1.25) : Theme.primary;
            if (control.quiet)
                return control.down ? Theme.surfaceAlt : "transparent";
            return control.down ? Theme.surfaceAlt : Theme.surface;
        }
        border.color: control.primaryAction || control.quiet ? "transparent" : Theme.border
        border.width: 2
        opacity: control.enabled ? 1 : 0.6
    }
}
