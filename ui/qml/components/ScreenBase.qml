import QtQuick
import ".."

// What every screen has: the bridges it binds to and the intents it emits to Main.qml.
Rectangle {
    id: screen

    property var kiosk
    property var newsModel
    property bool navigateConnected: false
    property string title: ""

    signal navigate(string screenName, var params)
    signal back()

    color: Theme.background
}
