import QtQuick

// Qt.ImhDialableCharactersOnly: phone numbers.
PadLayout {
    bottomLeft: "+"
    bottomRight: "-"
    rightKeys: [" ", ""]
}
