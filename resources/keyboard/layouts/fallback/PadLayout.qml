import QtQuick
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

// A 4 x 4 pad of big keys in the middle of the keyboard: digits, then the few characters the field
// needs (`bottomLeft`, `bottomRight`, `rightKeys`), backspace, hide and Enter.
KeyboardLayout {
    id: pad

    property string bottomLeft: ""
    property string bottomRight: ""
    // Up to two keys in the right column between backspace and Enter ("" keeps the place empty).
    property var rightKeys: ["", ""]

    inputMethod: PlainInputMethod {}
    inputMode: InputEngine.InputMode.Numeric

    KeyboardColumn {
        Layout.fillWidth: false
        Layout.fillHeight: true
        Layout.alignment: Qt.AlignHCenter
        Layout.preferredWidth: height * 1.4
        KeyboardRow {
            KioskKey { text: "1" }
            KioskKey { text: "2" }
            KioskKey { text: "3" }
            BackspaceKey {
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Backspace")
            }
        }
        KeyboardRow {
            KioskKey { text: "4" }
            KioskKey { text: "5" }
            KioskKey { text: "6" }
            KioskKey {
                visible: pad.rightKeys[0] !== ""
                text: pad.rightKeys[0]
                key: pad.rightKeys[0] === " " ? Qt.Key_Space : (pad.rightKeys[0] !== "" ? pad.rightKeys[0].charCodeAt(0) : Qt.Key_unknown)
                displayText: pad.rightKeys[0] === " " ? qsTr("Space") : pad.rightKeys[0]
            }
            FillerKey { visible: pad.rightKeys[0] === "" }
        }
        KeyboardRow {
            KioskKey { text: "7" }
            KioskKey { text: "8" }
            KioskKey { text: "9" }
            KioskKey {
                visible: pad.rightKeys[1] !== ""
                text: pad.rightKeys[1]
                key: pad.rightKeys[1] !== "" ? pad.rightKeys[1].charCodeAt(0) : Qt.Key_unknown
            }
            HideKeyboardKey {
                visible: pad.rightKeys[1] === ""
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Hide keyboard")
            }
        }
        KeyboardRow {
            KioskKey {
                visible: pad.bottomLeft !== ""
                text: pad.bottomLeft
                key: pad.bottomLeft !== "" ? pad.bottomLeft.charCodeAt(0) : Qt.Key_unknown
            }
            FillerKey { visible: pad.bottomLeft === "" }
            KioskKey { text: "0" }
            KioskKey {
                visible: pad.bottomRight !== ""
                text: pad.bottomRight
                key: pad.bottomRight !== "" ? pad.bottomRight.charCodeAt(0) : Qt.Key_unknown
            }
            FillerKey { visible: pad.bottomRight === "" }
            EnterKey {
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Enter")
            }
        }
    }
}
