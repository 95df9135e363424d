import QtQuick

// Qt.ImhDigitsOnly: PINs, card, security code, ZIP, bank numbers.
PadLayout {
}
