import QtQuick

// English letters (en_US points here through main.fallback).
LatinLayout {
}
