import QtQuick

// Qt.ImhFormattedNumbersOnly: dates (MM/DD/YYYY, MM/YY).
PadLayout {
    bottomLeft: "/"
    bottomRight: "-"
}
