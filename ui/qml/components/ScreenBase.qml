import QtQuick
import ".."

// What every screen has: the bridges it binds to and the intents it emits to Main.qml.
Rectangle {
    id: screen

    property var kiosk
    property var newsModel
    property var session
    property var catalog
    property var schedule
    property var language
    // Bindings that call a bridge slot for words made in Python (days, openings, ages) read
    // this, so they are evaluated again when the family switches language.
    readonly property string languageCode: language ? language.language : ""
    property var display
    property var cart
    property var payments
    property var staff
    property var checkin
    property bool navigateConnected: false
    property string title: ""
    // False once going back makes no sense (the account is made): Main.qml hides Back.
    property bool backAllowed: true

    signal navigate(string screenName, var params)
    signal back()
    // A dashboard tile, toolbar button or menu entry by key; Main.qml decides where it goes.
    signal openSection(string key)

    color: Theme.background
}
