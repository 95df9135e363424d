import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

// Digits and the punctuation an address, a name or a note needs ("&123" on the letter keyboard).
KeyboardLayout {
    id: layout

    readonly property real functionKeyWeight: 240

    inputMode: InputEngine.InputMode.Latin
    keyWeight: 160

    KeyboardRow {
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
            KioskKey {
                required property string modelData
                text: modelData
            }
        }
    }
    KeyboardRow {
        Repeater {
            model: ["@", "#", "$", "%", "&", "-", "_", "+", "(", ")"]
            KioskKey {
                required property string modelData
                text: modelData
                noModifier: true
            }
        }
    }
    KeyboardRow {
        FillerKey {
            weight: layout.functionKeyWeight
        }
        Repeater {
            model: ["/", "*", "\"", "'", ":", ";", "!", "?"]
            KioskKey {
                required property string modelData
                text: modelData
                noModifier: true
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
            displayText: "ABC"
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Letters")
        }
        KioskKey {
            key: Qt.Key_Comma
            text: ","
            noModifier: true
        }
        SpaceKey {
            weight: 800
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Space")
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
