pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import "components"
import "screens"

// The kiosk window: one StackView, one navigate() path, the toolbar and the on-screen keyboard.
// Where each screen lives and who may go there is kiosk/navigation.py's route table.
ApplicationWindow {
    id: root

    required property var kiosk
    required property var newsModel
    required property var catalog
    required property var schedule
    required property var cart
    required property var payments
    required property var staff
    required property var session
    required property var idle
    required property var language
    required property var display
    required property var checkin
    required property var visit
    required property var router
    property bool kioskMode: true
    // The on-screen keyboard is up (it loads after the first frame: until then, never).
    // (KeyboardPanel is visible exactly while it is active.)
    readonly property bool keyboardShown: (keyboard.item as Item)?.visible ?? false
    // Screens compiled ahead after the first frame (kept so the engine keeps them).
    property list<Component> preloaded
    // Only staff "Exit kiosk" sets this; everything else that asks the window to close
    // (Alt+F4, the window manager, a stray shortcut) is refused in kiosk mode.
    property bool exitAllowed: false
    readonly property string currentScreen: stack.currentItem ? stack.currentItem.objectName : ""
    // The route table's rules for the screen on top (toolbar, reachable when not ready).
    readonly property var currentRoute: router.routeOf(currentScreen)
    // A screen past its point of no return (an account just made) has no Back.
    readonly property bool backAllowed: {
        const item = stack.currentItem as ScreenBase;
        return !item || item.backAllowed;
    }
    // True while a screen slides in; taps wait for it to settle.
    readonly property bool navigating: stack.busy
    readonly property bool showToolbar: kiosk.ready && currentRoute.toolbar
    // A visit runs from "Tap to Begin" until the family leaves or the kiosk times out.
    // Staff in their panel count too, even on a kiosk that is not ready (no toolbar there).
    readonly property bool visitInProgress: showToolbar || welcomePopup.visible || currentRoute.withoutCatalog
    // Staff can reach their panel on a kiosk that is not ready: it is how they put it right.
    readonly property bool showStack: kiosk.ready || currentRoute.withoutCatalog
    // A pop-up or drawer is open (or still sliding away): what is behind it is out of a screen
    // reader's reach, as it is out of a finger's (every pop-up here is modal).
    readonly property bool popupOpen: {
        const layer = Overlay.overlay;
        if (!layer)
            return false;
        for (let i = 0; i < layer.children.length; ++i) {
            if (layer.children[i].visible)
                return true;
        }
        return false;
    }

    // The route table (kiosk/navigation.py) decides where a visit goes; this window carries out
    // its steps: a screen (loaded from its QML file when first needed), a pop-up, a hand-off
    // QR code in browse mode, or the end of the visit.
    function perform(step) {
        switch (step.action) {
        case "show":
            show(step);
            break;
        case "handOff":
            handOff(step.kind, step.recordId);
            break;
        case "popup":
            openPopup(step.popup);
            break;
        case "endVisit":
            // The visit's one owner ends it; resetToStart then brings the start screen back.
            visit.end("");
            break;
        default:
            console.warn("navigate: unknown screen " + step.screen);
        }
    }

    function navigate(screen, params) {
        perform(router.go(screen, params || {}));
    }

    function openSection(key) {
        perform(router.section(key));
    }

    function show(step) {
        const url = Qt.resolvedUrl("screens/" + step.view + ".qml");
        const props = Object.assign({
            "kiosk": root.kiosk,
            "newsModel": root.newsModel,
            "catalog": root.catalog,
            "schedule": root.schedule,
            "language": root.language,
            "display": root.display,
            "cart": root.cart,
            "payments": root.payments,
            "staff": root.staff,
            "session": root.session,
            "checkin": root.checkin
        }, step.params);
        if (step.stack === "start")
            stack.replace(null, url, props, StackView.Immediate);
        else if (step.stack === "reset")
            stack.replace(null, url, props);
        else
            stack.push(url, props);
        const item = stack.currentItem as ScreenBase;
        if (item && !item.navigateConnected) {
            item.navigate.connect(root.navigate);
            item.back.connect(root.goBack);
            item.openSection.connect(root.openSection);
            item.navigateConnected = true;
        }
    }

    function handOff(kind, recordId) {
        const headings = {
            "login": qsTr("Log in on your phone"),
            "class": qsTr("Enroll on your phone"),
            "camp": qsTr("Book the camp on your phone"),
            "shop": qsTr("Buy on your phone"),
            "parties": qsTr("Book a party on your phone")
        };
        handoffPopup.heading = headings[kind];
        handoffPopup.code = kiosk.handoffCode(kind, recordId);
        handoffPopup.open();
    }

    function openPopup(name) {
        switch (name) {
        case "welcome":
            welcomePopup.open();
            break;
        case "mobileApp":
            mobileAppPopup.codes = kiosk.mobileAppCodes();
            mobileAppPopup.open();
            break;
        case "menu":
            menuDrawer.open();
            break;
        case "staffPin":
            staffPin.open();
            break;
        }
    }

    // The visit ended (VisitBridge.end: log out, idle, "start over", declined policies...): the
    // bridges are wiped already; here the screen goes back to the start, nothing of it left.
    function resetToStart(reason) {
        for (const popup of [welcomePopup, menuDrawer, staffPin, waitlistPopup, mobileAppPopup, handoffPopup, visitEndedPopup])
            popup.close();
        perform(router.start());
        stack.forceActiveFocus();  // no field keeps the focus, so the keyboard goes too
        if (reason)
            visitEndedPopup.show(reason);
    }

    function goBack() {
        if (!backAllowed)
            return;
        if (stack.depth > 1)
            stack.pop();
        else
            navigate("dashboard");
    }

    width: 1920
    height: 1080
    visible: true
    title: kiosk.orgName !== "" ? kiosk.orgName : qsTr("Customer Portal")
    color: Theme.background
    flags: kioskMode ? (Qt.Window | Qt.FramelessWindowHint) : Qt.Window
    onClosing: close => close.accepted = !kioskMode || exitAllowed

    Binding {
        target: Theme
        property: "primary"
        // High contrast: white on black instead of the organisation's colour.
        value: root.display.highContrast ? "#000000" : root.kiosk.primaryColor
    }
    Binding {
        target: Theme
        property: "highContrast"
        value: root.display.highContrast
    }
    Binding {
        target: Theme
        property: "secondary"
        value: root.kiosk.secondaryColor
    }
    Binding {
        target: Theme
        property: "textScale"
        value: root.display.textScale
    }

    // Start on the landing page once the catalog is there; until then, the start-up screen.
    Connections {
        function onStateChanged() {
            if (root.kiosk.ready && stack.depth === 0)
                root.navigate("landing");
        }
        target: root.kiosk
    }
    Component.onCompleted: {
        if (kiosk.ready)
            navigate("landing");
    }
    onVisitInProgressChanged: idle.setArmed(visitInProgress)

    Connections {
        function onEnded(reason) {
            root.resetToStart(reason);
        }
        target: root.visit
    }

    Connections {
        function onEarlierOutcome(message) {
            visitEndedPopup.show(message);
        }
        function onCapWarning() {
            visitEndedPopup.show(qsTr("Your visit at the kiosk ends in one minute. Please finish up."));
        }
        target: root.session
    }

    // What follows an outcome (logged in, paid, added to the cart, staff signed in...).
    Connections {
        function onStepsRequested(steps) {
            for (const step of steps)
                root.perform(step);
        }
        target: root.router
    }
    Binding {
        target: root.router
        property: "currentScreen"
        value: root.currentScreen
    }

    // "Lower the screen": a calm band on top, so the toolbar and every screen move into the
    // bottom two-thirds, within reach from a wheelchair or for a child.
    menuBar: Rectangle {
        objectName: "loweredBand"
        visible: root.display.lowered
        implicitHeight: visible ? Math.round(root.height / 3) : 0
        color: Theme.primary
        Accessible.role: Accessible.StaticText
        Accessible.name: bandLabel.text
        Accessible.ignored: root.popupOpen
        Text {
            id: bandLabel
            anchors.centerIn: parent
            text: root.kiosk.orgName
            color: Theme.textOnPrimary
            font.pixelSize: Theme.fontHeading
            font.bold: true
        }
    }

    header: Item {
        id: toolbarArea
        visible: root.showToolbar
        implicitHeight: toolbar.implicitHeight
        BehindPopups {
            objectName: "behindToolbar"
            hidden: root.popupOpen
            shownWidth: toolbarArea.width
            shownHeight: toolbarArea.height
            AppToolbar {
                id: toolbar
                objectName: "toolbar"
                width: toolbarArea.width
                height: toolbarArea.height
                visible: root.showToolbar
                kiosk: root.kiosk
                cart: root.cart
                session: root.session
                language: root.language
                display: root.display
                canGoBack: stack.depth > 1 && root.backAllowed
                onBackRequested: root.goBack()
                onHomeRequested: root.navigate("dashboard")
                onItemRequested: key => root.openSection(key)
            }
        }
    }

    BehindPopups {
        objectName: "behindScreens"
        hidden: root.popupOpen
        shownWidth: root.contentItem.width
        shownHeight: root.contentItem.height
        StartupScreen {
            width: root.contentItem.width
            height: root.contentItem.height
            visible: !root.showStack
            kiosk: root.kiosk
            onStaffRequested: staffPin.open()
        }

        StackView {
            id: stack
            objectName: "stack"
            width: root.contentItem.width
            height: root.contentItem.height - (root.keyboardShown ? keyboard.height : 0)
            visible: root.showStack
        }
    }

    StaffPinPopup {
        id: staffPin
        objectName: "staffPinPopup"
        staff: root.staff
    }

    Connections {
        function onExitRequested() {
            root.exitAllowed = true;
            Qt.quit();
        }
        target: root.staff
    }

    Connections {
        function onWaitlistOffered(message) {
            waitlistPopup.show(message);
        }
        function onHoldExpired(message) {
            visitEndedPopup.show(message);
        }
        target: root.cart
    }

    ConfirmPopup {
        id: waitlistPopup
        objectName: "waitlistPopup"
        confirmText: qsTr("Join the Waitlist")
        onConfirmed: root.cart.joinWaitlist()
    }

    MobileAppPopup {
        id: mobileAppPopup
        objectName: "mobileAppPopup"
    }

    HandoffPopup {
        id: handoffPopup
        objectName: "handoffPopup"
    }

    NoticePopup {
        id: visitEndedPopup
        objectName: "noticePopup"
    }

    WelcomeInfoPopup {
        id: welcomePopup
        objectName: "welcomePopup"
        title: root.kiosk.welcomeTitle
        body: root.kiosk.welcomeBody
        onAccepted: root.navigate("dashboard")
    }

    MenuDrawer {
        id: menuDrawer
        objectName: "menuDrawer"
        height: root.height
        kiosk: root.kiosk
        display: root.display
        onItemRequested: key => {
            menuDrawer.close();
            root.openSection(key);
        }
    }

    IdleOverlay {
        objectName: "idleOverlay"
        idle: root.idle
    }

    // After the first frame: the on-screen keyboard, and every screen's QML compiled ahead in the
    // background, so the start screen draws from what it needs and the first tap finds them ready.
    // One screen per tick, so no frame waits for more than one.
    onFrameSwapped: {
        if (keyboard.active)
            return;
        keyboard.active = true;
        preloading.start();
    }

    Timer {
        id: preloading

        property var views: []

        interval: 50
        repeat: true
        onTriggered: {
            if (views.length === 0)
                views = root.router.views();
            const view = views.shift();
            root.preloaded.push(Qt.createComponent(Qt.resolvedUrl("screens/" + view + ".qml"), Component.Asynchronous));
            if (views.length === 0)
                stop();
        }
    }

    Loader {
        id: keyboard
        objectName: "keyboardLoader"
        z: 99
        active: false
        asynchronous: true
        source: "components/KeyboardPanel.qml"
    }
    Binding {
        target: keyboard.item
        property: "areaWidth"
        value: root.width
        when: keyboard.status === Loader.Ready
    }
    Binding {
        target: keyboard.item
        property: "areaHeight"
        value: root.contentItem.height
        when: keyboard.status === Loader.Ready
    }
    Binding {
        target: keyboard.item
        property: "languageCode"
        value: root.language.language
        when: keyboard.status === Loader.Ready
    }
}
