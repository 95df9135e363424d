pragma Singleton
import QtQuick

// Colours, type sizes and touch sizes for a 1080p touchscreen; branding colours come from
// the organisation (KioskBridge) and are applied by Main.qml.
QtObject {
    id: theme

    // Organisation branding (accents only; text on it is white or dark by contrast).
    property color primary: "#1b5e9e"
    property color secondary: "#f2a900"

    // High contrast (DisplayBridge, from the Menu): black on white, black borders, darker
    // signal colours; Main.qml also darkens the organisation's colour.
    property bool highContrast: false

    readonly property color background: highContrast ? "#ffffff" : "#f4f6f9"
    readonly property color surface: "#ffffff"
    readonly property color surfaceAlt: highContrast ? "#d9d9d9" : "#e9eef5"
    readonly property color text: highContrast ? "#000000" : "#1a1f29"
    readonly property color textMuted: highContrast ? "#000000" : "#4a5568"
    readonly property color textOnPrimary: "#ffffff"
    readonly property color border: highContrast ? "#000000" : "#c9d2de"
    readonly property color danger: highContrast ? "#8c1a13" : "#b3261e"
    readonly property color warning: highContrast ? "#5c3c00" : "#8a5a00"
    readonly property color warningSurface: "#fff4d6"
    readonly property color success: highContrast ? "#0f4d23" : "#1e7a3a"

    // Touch: nothing a finger needs is smaller than 64 px at 1080p; 16 px between targets.
    readonly property int touchMin: 64
    readonly property int touchLarge: 88
    readonly property int gap: 16
    readonly property int margin: 32
    readonly property int radius: 14

    // Type: body 22 px+, headings 36 px+; "A A" (DisplayBridge) makes every size 1.5 times larger.
    property real textScale: 1.0
    readonly property int fontSmall: Math.round(20 * textScale)
    readonly property int fontBody: Math.round(24 * textScale)
    readonly property int fontLarge: Math.round(30 * textScale)
    readonly property int fontHeading: Math.round(40 * textScale)
    readonly property int fontDisplay: Math.round(64 * textScale)

    readonly property int motionShort: 180
    readonly property int motionMedium: 300
}
