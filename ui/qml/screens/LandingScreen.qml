pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// The invitation: announcements crossfade full screen, "Learn More" and "Tap to Begin".
ScreenBase {
    id: screen

    property int current: 0
    property int previous: -1
    readonly property int count: newsModel ? newsModel.count : 0
    readonly property var currentItem: count > 0 ? newsModel.get(Math.min(current, count - 1)) : ({})

    // From under the name and the buttons at the top down to the announcement's dots.
    readonly property real headlineRoom: dots.y - 2 * Theme.margin
                                         - Math.max(brand.y + brand.height, settings.y + settings.height)

    // A narrow screen (portrait, or "Tap to Begin" wider than half of it): the announcement's
    // words across the whole width above the buttons, not squeezed beside them.
    readonly property bool stacked: width < height || beginButton.width > width / 2

    function show(index) {
        if (count === 0)
            return;
        previous = current;
        current = (index + count) % count;
        advanceTimer.restart();
    }

    objectName: "landingScreen"
    color: Theme.primary

    Repeater {
        model: screen.newsModel
        delegate: Image {
            required property int index
            required property string imageUrl
            // Tests and benchmarks wait for the picture itself, not just its slot.
            readonly property bool loaded: status === Image.Ready
            objectName: "landingImage" + index
            anchors.fill: parent
            // Only the slide on screen and the one fading out hold a decoded picture.
            source: index === screen.current || index === screen.previous ? imageUrl : ""
            sourceSize.width: screen.width
            sourceSize.height: screen.height
            fillMode: Image.PreserveAspectCrop
            asynchronous: true
            opacity: index === screen.current ? 1 : 0
            Behavior on opacity {
                NumberAnimation {
                    duration: Theme.motionMedium * 2
                    easing.type: Easing.InOutQuad
                }
            }
        }
    }

    // A dark band at the bottom keeps the white words readable on any picture.
    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        height: parent.height * 0.5
        gradient: Gradient {
            GradientStop { position: 0.0; color: "transparent" }
            GradientStop { position: 1.0; color: Qt.rgba(0, 0, 0, 0.78) }
        }
    }
    // High contrast: the whole picture darker, so every white word on it reads clearly.
    Rectangle {
        anchors.fill: parent
        visible: Theme.highContrast
        color: Qt.rgba(0, 0, 0, 0.6)
    }

    // Swipe left or right to move through the announcements.
    MouseArea {
        property real pressX: 0
        anchors.fill: parent
        onPressed: mouse => pressX = mouse.x
        onReleased: mouse => {
            const dx = mouse.x - pressX;
            if (dx < -120)
                screen.show(screen.current + 1);
            else if (dx > 120)
                screen.show(screen.current - 1);
        }
    }

    Row {
        id: brand
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Image {
            width: 96
            height: 96
            source: screen.kiosk ? screen.kiosk.logoUrl : ""
            sourceSize.width: 96
            sourceSize.height: 96
            visible: source.toString() !== ""
        }
        Text {
            objectName: "landingOrgName"
            Accessible.role: Accessible.Heading
            Accessible.name: text
            anchors.verticalCenter: parent.verticalCenter
            // Leaves room for the Offline badge, language and text size on the right; a long
            // name (or larger text) wraps instead of running under them.
            width: Math.min(implicitWidth, settings.underName ? screen.width - 96 - Theme.gap - 2 * Theme.margin
                                                              : screen.width - settings.width - 96 - Theme.gap - 3 * Theme.margin)
            wrapMode: Text.WordWrap
            text: screen.kiosk ? screen.kiosk.orgName : ""
            color: "white"
            font.pixelSize: Theme.fontHeading
            font.bold: true
            style: Text.Raised
            styleColor: Qt.rgba(0, 0, 0, 0.4)
        }
    }

    // Staff only: a deliberate 3-second press on the logo opens the PIN pad. Nothing shows it,
    // and a family's quick tap does nothing.
    MouseArea {
        objectName: "staffGesture"
        anchors.fill: brand
        pressAndHoldInterval: 3000
        onPressAndHold: screen.openSection("staff_sign_in")
    }

    // Top right: language, text size, high contrast and reach (also in the Menu during a
    // visit), before "Tap to Begin". Two even rows of pills of one width; on a narrow screen
    // (portrait, larger text) they move under the name instead of squeezing it.
    Column {
        id: settings
        readonly property bool underName: screen.width - width - 96 - Theme.gap - 3 * Theme.margin < 360
        anchors.right: parent.right
        anchors.top: underName ? brand.bottom : parent.top
        anchors.rightMargin: Theme.margin
        anchors.topMargin: underName ? Theme.gap : Theme.margin
        spacing: Theme.gap

        Grid {
            id: pills
            // Every pill as wide as the widest, so the rows line up at both edges.
            readonly property real pillWidth: Math.max(languagePill.implicitWidth, textSizePill.implicitWidth,
                                                       contrastPill.implicitWidth, loweredPill.implicitWidth)
            columns: 2
            spacing: Theme.gap
            PillButton {
                id: languagePill
                objectName: "landingLanguage"
                width: pills.pillWidth
                iconName: "language"
                // The other language, in its own words: "Español" while the kiosk speaks English.
                text: screen.language ? screen.language.otherLanguageName : ""
                Accessible.name: qsTr("%1 — change the language").arg(text)
                onClicked: screen.language.toggle()
            }
            PillButton {
                id: textSizePill
                objectName: "landingTextSize"
                width: pills.pillWidth
                iconName: "text_size"
                text: screen.display && screen.display.largeText ? qsTr("Standard text") : qsTr("Larger text")
                Accessible.checked: screen.display ? screen.display.largeText : false
                onClicked: screen.display.toggleLargeText()
            }
            PillButton {
                id: contrastPill
                objectName: "landingHighContrast"
                width: pills.pillWidth
                iconName: "contrast"
                text: screen.display && screen.display.highContrast ? qsTr("Standard colours") : qsTr("High contrast")
                Accessible.checked: screen.display ? screen.display.highContrast : false
                onClicked: screen.display.toggleHighContrast()
            }
            PillButton {
                id: loweredPill
                objectName: "landingLowered"
                width: pills.pillWidth
                iconName: screen.display && screen.display.lowered ? "raise_screen" : "lower_screen"
                text: screen.display && screen.display.lowered ? qsTr("Raise the screen") : qsTr("Lower the screen")
                Accessible.checked: screen.display ? screen.display.lowered : false
                onClicked: screen.display.toggleLowered()
            }
        }
        // Under the pills, so it never pushes them out of line.
        OfflineBadge {
            anchors.right: parent.right
            visible: screen.kiosk ? !screen.kiosk.online : false
        }
    }

    ColumnLayout {
        id: textColumn
        anchors.left: parent.left
        anchors.right: screen.stacked ? parent.right : beginButton.left
        anchors.bottom: dots.top
        anchors.leftMargin: Theme.margin * 2
        anchors.rightMargin: Theme.margin * 2
        anchors.bottomMargin: Theme.margin
        spacing: Theme.gap

        Text {
            objectName: "landingHeadline"
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            // A lowered screen (with larger text) leaves less room under the buttons at the
            // top: the headline's letters shrink to fit there instead of running under them.
            Layout.maximumHeight: Math.max(Theme.fontLarge * 1.4,
                                           screen.headlineRoom - summary.height - learnMore.height - 2 * textColumn.spacing)
            fontSizeMode: Text.VerticalFit
            minimumPixelSize: Theme.fontLarge
            verticalAlignment: Text.AlignBottom
            text: screen.currentItem.title || ""
            color: "white"
            font.pixelSize: Theme.fontDisplay
            font.bold: true
            wrapMode: Text.WordWrap
            // Three lines: room for a long title in larger text; the column grows upwards.
            maximumLineCount: 3
            elide: Text.ElideRight
        }
        Text {
            id: summary
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            Layout.fillWidth: true
            text: screen.currentItem.summary || ""
            color: "white"
            font.pixelSize: Theme.fontLarge
            wrapMode: Text.WordWrap
            maximumLineCount: 3
            elide: Text.ElideRight
        }
        KioskButton {
            id: learnMore
            objectName: "learnMore"
            visible: screen.count > 0
            text: qsTr("Learn More")
            onClicked: newsPopup.open()
        }
    }

    KioskButton {
        id: beginButton
        objectName: "clickToBegin"
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin * 2
        implicitHeight: Math.max(120, contentItem.implicitHeight + 32)
        // Wide enough for the words in any language and text size.
        implicitWidth: Math.max(420, contentItem.implicitWidth + leftPadding + rightPadding)
        primaryAction: true
        font.pixelSize: Theme.fontHeading
        text: qsTr("Tap to Begin")
        onClicked: screen.openSection("begin")
    }

    // Families arriving for class check in without "Tap to Begin" first.
    KioskButton {
        id: checkInButton
        objectName: "landingCheckIn"
        visible: screen.kiosk ? screen.kiosk.checkInEnabled : false
        anchors.right: parent.right
        anchors.bottom: beginButton.top
        anchors.margins: Theme.margin * 2
        anchors.bottomMargin: Theme.gap
        implicitHeight: Math.max(Theme.touchLarge, contentItem.implicitHeight + 24)
        implicitWidth: beginButton.width
        font.pixelSize: Theme.fontLarge
        font.bold: true
        text: qsTr("Check In for Class")
        onClicked: screen.navigate("checkIn", {})
    }

    Row {
        id: dots
        // Under the words, so a wide "Tap to Begin" (Spanish, larger text) never covers them;
        // stacked, above the buttons.
        anchors.horizontalCenter: textColumn.horizontalCenter
        anchors.bottom: screen.stacked ? (checkInButton.visible ? checkInButton.top : beginButton.top) : parent.bottom
        anchors.bottomMargin: screen.stacked ? Theme.gap : Theme.margin
        spacing: 4
        Repeater {
            model: screen.count
            delegate: AbstractButton {
                id: dot
                required property int index
                objectName: "dot" + index
                width: 64
                height: 64
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Announcement %1 of %2").arg(index + 1).arg(screen.count)
                onClicked: screen.show(index)
                contentItem: Item {}
                background: Rectangle {
                    anchors.centerIn: parent
                    width: 20
                    height: 20
                    radius: 10
                    color: dot.index === screen.current ? "white" : Qt.rgba(1, 1, 1, 0.45)
                }
            }
        }
    }

    Timer {
        id: advanceTimer
        interval: 7000
        repeat: true
        running: screen.count > 1 && !newsPopup.visible && screen.StackView.status === StackView.Active
        onTriggered: screen.show(screen.current + 1)
    }

    NewsPopup {
        id: newsPopup
        objectName: "newsPopup"
        item: screen.currentItem
    }
}
