import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Components

// A key that screen readers (and the journey tests) find by what it types.
Key {
    Accessible.role: Accessible.Button
    Accessible.name: displayText
    Accessible.onPressAction: clicked()
}
