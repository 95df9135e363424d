import QtQuick

// What lies behind the pop-ups (the screens, the toolbar): out of a screen reader's reach while a
// pop-up or drawer is open. A modal pop-up already keeps a tap from reaching what is behind it,
// but Qt leaves all of it in the accessibility tree. An item with no size is invisible to a
// screen reader, and so is everything it holds, while what it holds is still drawn where it is:
// so the holder has no size of its own, and the shield loses its size while a pop-up is open.
// What it holds takes its place and size from outside (not `anchors.fill: parent`).
Item {
    id: holder

    default property alias content: shield.data
    property bool hidden: false
    property real shownWidth: 0
    property real shownHeight: 0

    width: 0
    height: 0

    Item {
        id: shield
        objectName: holder.objectName + "Shield"
        width: holder.hidden ? 0 : holder.shownWidth
        height: holder.hidden ? 0 : holder.shownHeight
        Accessible.role: Accessible.Pane
        Accessible.name: ""
    }
}
