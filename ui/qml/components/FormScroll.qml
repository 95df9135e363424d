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
        // Room around the item when there is some; in a very short view, its top edge.
        const margin = Math.max(0, Math.min(48, (flick.height - item.height) / 2));
        const maxY = Math.max(0, flick.contentHeight - flick.height);
        let target = flick.contentY;
        if (pos.y - margin < flick.contentY || item.height + 2 * margin > flick.height)
            target = pos.y - margin;
        else if (pos.y + item.height + margin > flick.contentY + flick.height)
            target = pos.y + item.height + margin - flick.height;
        flick.contentY = Math.max(0, Math.min(maxY, target));
    }

    objectName: "formScroll"
    // A screen reader names the page by its heading (the ScreenTitle at its top); screens
    // without one set Accessible.name themselves.
    Accessible.name: {
        for (let i = 0; i < column.children.length; ++i) {
            const heading = column.children[i] as ScreenTitle;
            if (heading)
                return heading.text;
        }
        return "";
    }
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
