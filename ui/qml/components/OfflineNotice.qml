import QtQuick

// On screens that need the portal: one plain sentence while it cannot be reached.
MessageBanner {
    property var kiosk

    objectName: "offlineNotice"
    visible: kiosk ? !kiosk.online : false
    text: qsTr("We can't reach our system right now, so logging in, booking and paying are paused. You can still browse classes, camps and news.")
}
