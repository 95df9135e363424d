import QtQuick
import "../fallback"

// Spanish letters: the English keyboard with "ñ".
LatinLayout {
    extraMiddleKeys: ["ñ"]
}
