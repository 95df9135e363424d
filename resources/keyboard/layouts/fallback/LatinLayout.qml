import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

// The kiosk's letter keyboard: QWERTY, with "@" and ".com" in place of "," when the field asks
// for an email address or a web address (Qt.ImhEmailCharactersOnly / Qt.ImhUrlCharactersOnly).
KeyboardLayout {
    id: layout

    // Letters after "l" on the middle row (a language's own letters, e.g. "ñ").
    property var extraMiddleKeys: []
    readonly property bool forAddress: InputContext.inputMethodHints & (Qt.ImhEmailCharactersOnly | Qt.ImhUrlCharactersOnly)
    readonly property real functionKeyWeight: 240

    inputMode: InputEngine.InputMode.Latin
    keyWeight: 160

    KeyboardRow {
        Repeater {
            model: ["q", "w", "e", "r", "t", "y", "u", "i", "o", "p"]
            KioskKey {
                required property string modelData
                text: modelData
            }
        }
    }
    KeyboardRow {
        FillerKey {
            weight: 80
        }
        Repeater {
            model: ["a", "s", "d", "f", "g", "h", "j", "k", "l"].concat(layout.extraMiddleKeys)
            KioskKey {
                required property string modelData
                text: modelData
            }
        }
        FillerKey {
            weight: 80
        }
    }
    KeyboardRow {
        ShiftKey {
            weight: layout.functionKeyWeight
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Shift")
        }
        Repeater {
            model: ["z", "x", "c", "v", "b", "n", "m"]
            KioskKey {
                required property string modelData
                text: modelData
            }
        }
        BackspaceKey {
            weight: layout.functionKeyWeight
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Backspace")
        }
    }
    KeyboardRow {
        SymbolModeKey {
            weight: layout.functionKeyWeight
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Numbers and symbols")
        }
        KioskKey {
            objectName: "keyAt"
            visible: layout.forAddress
            key: Qt.Key_At
            text: "@"
            noModifier: true
        }
        KioskKey {
            visible: !layout.forAddress
            key: Qt.Key_Comma
            text: ","
            noModifier: true
        }
        SpaceKey {
            // The bottom row as wide as the letter rows (ten keys of 160).
            weight: layout.forAddress ? 560 : 800
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Space")
        }
        KioskKey {
            objectName: "keyDotCom"
            visible: layout.forAddress
            weight: layout.functionKeyWeight
            // Not a single character: no key code, the text is what it types.
            key: Qt.Key_unknown
            text: ".com"
            noModifier: true
        }
        KioskKey {
            key: Qt.Key_Period
            text: "."
            noModifier: true
        }
        EnterKey {
            weight: layout.functionKeyWeight
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Enter")
        }
    }
}
