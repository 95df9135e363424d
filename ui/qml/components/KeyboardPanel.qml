import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// The on-screen keyboard. Main.qml loads it after the first frame (its plugin and layouts are not
// needed to draw the start screen), at the bottom of the area it is given.
InputPanel {
    id: panel

    property real areaWidth: 0
    property real areaHeight: 0
    property string languageCode: "en"

    objectName: "inputPanel"
    y: active ? areaHeight - height : areaHeight
    width: areaWidth
    visible: active

    // The on-screen keyboard speaks the family's language too (ñ and accents in Spanish).
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: panel.languageCode === "es" ? "es_MX" : "en_US"
    }
}
