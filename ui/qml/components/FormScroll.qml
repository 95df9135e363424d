import QtQuick
import QtQuick.Controls
import ".."

// A scrolling form page that keeps the field being typed in above the on-screen keyboard.
Flickable {
    id: flick

    default property alias content: column.data
    property alias spacing: column.spacing

    function ensureVisible(item) {
        if (!item || !flick.contentItem)
            return;
        const pos = item.mapToItem(flick.contentItem, 0, 0);
        const margin = 48;
        if (pos.y - margin < flick.contentY)
            flick.contentY = Math.max(0, pos.y - margin);
        else if (pos.y + item.height + margin > flick.contentY + flick.height)
            flick.contentY = Math.min(flick.contentHeight - flick.height, pos.y + item.height + margin - flick.height);
    }

    objectName: "formScroll"
    clip: true
    contentWidth: width
    contentHeight: column.implicitHeight + 2 * Theme.margin
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar {
        policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
        width: 16
    }
    onHeightChanged: ensureVisible(Window.activeFocusItem)

    Connections {
        function onActiveFocusItemChanged() {
            flick.ensureVisible(flick.Window.activeFocusItem);
        }
        target: flick.Window.window
    }

    Column {
        id: column
        x: Theme.margin * 1.5
        y: Theme.margin
        width: flick.width - Theme.margin * 3
        spacing: Theme.gap
    }
}
