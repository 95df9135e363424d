import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// A form page: its fields scroll, and its action (Log In, Pay, Next, Save) is docked at the bottom
// of the page, so it stays in view above the on-screen keyboard with the field being typed in.
// Enter on the keyboard goes to the next field, and on the last one does the action (`submitted`).
Item {
    id: form

    default property alias content: column.data
    property alias spacing: column.spacing
    // The page's action buttons in the bar at the bottom (empty: no bar), laid out from the
    // right: the first is the primary action, bottom right; the others follow to its left.
    property alias actions: actionRow.data
    // Sentences about the whole form (a login refused, a card declined), docked above the
    // actions so they are read where the finger is.
    property alias notices: noticeColumn.data
    property alias contentY: flick.contentY

    signal submitted()

    function ensureVisible(item) {
        flick.ensureVisible(item);
    }

    // The form's text fields a person can type in now, top to bottom.
    function fields() {
        const found = [];
        const collect = node => {
            for (let i = 0; i < node.children.length; ++i) {
                const child = node.children[i];
                if (!child.visible)
                    continue;
                if (child instanceof TextField) {
                    if (child.enabled)
                        found.push(child);
                } else {
                    collect(child);
                }
            }
        };
        collect(column);
        return found;
    }

    // Enter in `input`: the next text field of the form, or the form's action after the last.
    function advanceFrom(input) {
        const list = fields();
        const at = list.indexOf(input);
        if (at >= 0 && at + 1 < list.length)
            list[at + 1].forceActiveFocus();
        else
            form.submitted();
    }

    // A new page of the same form (the next step): typing goes on in its first field.
    function focusFirstField() {
        const list = fields();
        if (list.length > 0)
            list[0].forceActiveFocus();
    }

    // A screen reader names the page by its heading (the ScreenTitle at its top); screens
    // without one set Accessible.name themselves, and the scrolling area takes that name.
    Accessible.name: {
        for (let i = 0; i < column.children.length; ++i) {
            const heading = column.children[i] as ScreenTitle;
            if (heading)
                return heading.text;
        }
        return "";
    }

    Flickable {
        id: flick

        function ensureVisible(item) {
            if (!item || !flick.contentItem)
                return;
            let inside = item;
            while (inside && inside !== flick.contentItem)
                inside = inside.parent;
            if (!inside)
                return;  // not in this form (the docked action, another page)
            const pos = item.mapToItem(flick.contentItem, 0, 0);
            // Its error sentence comes along: the field's own item holds both.
            let shown = item;
            while (shown.parent && shown.parent !== column && shown.parent.objectName === "")
                shown = shown.parent;
            const height = Math.max(item.height, shown.height);
            // Room around the item when there is some; in a very short view, its top edge.
            const margin = Math.max(0, Math.min(48, (flick.height - height) / 2));
            const maxY = Math.max(0, flick.contentHeight - flick.height);
            let target = flick.contentY;
            if (pos.y - margin < flick.contentY || height + 2 * margin > flick.height)
                target = pos.y - margin;
            else if (pos.y + height + margin > flick.contentY + flick.height)
                target = pos.y + height + margin - flick.height;
            flick.contentY = Math.max(0, Math.min(maxY, target));
        }

        objectName: "formScroll"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: actionBar.visible ? actionBar.top : parent.bottom
        Accessible.name: form.Accessible.name
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

    // The action, docked: above the keyboard when it is up, at the bottom of the page when not.
    Rectangle {
        id: actionBar
        objectName: "formActions"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        visible: actionRow.children.length > 0
        implicitHeight: bar.implicitHeight + 2 * Theme.gap
        color: Theme.background
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: 1
            color: Theme.border
        }
        ColumnLayout {
            id: bar
            anchors.right: parent.right
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: Theme.margin * 1.5
            anchors.rightMargin: Theme.margin * 1.5
            spacing: Theme.gap
            ColumnLayout {
                id: noticeColumn
                Layout.fillWidth: true
                spacing: Theme.gap
                visible: children.length > 0
            }
            RowLayout {
                id: actionRow
                Layout.fillWidth: true
                spacing: Theme.gap
                layoutDirection: Qt.RightToLeft
            }
        }
    }
}
