pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import "components"
import "screens"

// The kiosk window: one StackView, one navigate() path, the toolbar and the on-screen keyboard.
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
    property bool kioskMode: true
    // Only staff "Exit kiosk" sets this; everything else that asks the window to close
    // (Alt+F4, the window manager, a stray shortcut) is refused in kiosk mode.
    property bool exitAllowed: false
    property bool welcomeShownThisVisit: false
    // Where a family was headed when the kiosk asked them to log in first.
    property string afterLogin: "dashboard"
    property var afterLoginParams: ({})
    readonly property string currentScreen: stack.currentItem ? stack.currentItem.objectName : ""
    // A screen past its point of no return (an account just made) has no Back.
    readonly property bool backAllowed: {
        const item = stack.currentItem as ScreenBase;
        return !item || item.backAllowed;
    }
    // True while a screen slides in; taps wait for it to settle.
    readonly property bool navigating: stack.busy
    readonly property bool showToolbar: kiosk.ready && currentScreen !== "" && currentScreen !== "landingScreen"
    // A visit runs from "Tap to Begin" until the family leaves or the kiosk times out.
    // Staff in their panel count too, even on a kiosk that is not ready (no toolbar there).
    readonly property bool visitInProgress: showToolbar || welcomePopup.visible || currentScreen === "staffPanelScreen"
    // Staff can reach their panel on a kiosk that is not ready: it is how they put it right.
    readonly property bool showStack: kiosk.ready || currentScreen === "staffPanelScreen"
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

    // Screens by name; each screen emits navigate(screen, params) and never reaches into another.
    readonly property var screens: ({
        "landing": landingComponent,
        "dashboard": dashboardComponent,
        "news": newsComponent,
        "newsDetail": newsDetailComponent,
        "booking": bookingComponent,
        "comingSoon": comingSoonComponent,
        "login": loginComponent,
        "createAccount": createAccountComponent,
        "forgotPassword": forgotPasswordComponent,
        "chooseFamily": chooseFamilyComponent,
        "policies": policiesComponent,
        "myAccount": myAccountComponent,
        "editDetails": editDetailsComponent,
        "policyHistory": policyHistoryComponent,
        "classes": classesComponent,
        "classDetail": classDetailComponent,
        "camps": campsComponent,
        "campDetail": campDetailComponent,
        "cart": cartComponent,
        "orderConfirmed": orderConfirmedComponent,
        "proShop": proShopComponent,
        "staff": staffComponent,
        "location": locationComponent,
        "findClass": findClassComponent,
        "giftCard": giftCardComponent,
        "more": moreComponent,
        "accountPayments": accountPaymentsComponent,
        "payment": paymentComponent,
        "receipt": receiptComponent,
        "staffPanel": staffPanelComponent,
        "appointments": appointmentsComponent,
        "parties": partiesComponent,
        "checkIn": checkInComponent,
        "makeup": makeupComponent,
        "absenceMarked": absenceMarkedComponent
    })
    // Browse mode: screens that need the facility's own system; a QR code hands them off.
    readonly property var handedOff: ["login", "createAccount", "forgotPassword", "chooseFamily", "policies", "myAccount", "editDetails", "policyHistory", "accountPayments", "payment", "cart", "giftCard", "checkIn", "appointments", "parties"]
    property bool startingOver: false
    // Screens with a family's own details: log in first, then go there.
    readonly property var needsLogin: ["myAccount", "policyHistory", "chooseFamily", "accountPayments", "payment", "cart", "makeup"]

    function handOff(screen, params) {
        const then = params && params.then ? params.then : "";
        const thenParams = params && params.thenParams ? params.thenParams : {};
        let kind = "login";
        let recordId = 0;
        let heading = qsTr("Log in on your phone");
        if (then === "classDetail") {
            kind = "class";
            recordId = thenParams.classId || 0;
            heading = qsTr("Enroll on your phone");
        } else if (then === "campDetail") {
            kind = "camp";
            recordId = thenParams.campId || 0;
            heading = qsTr("Book the camp on your phone");
        } else if (then === "proShop") {
            kind = "shop";
            heading = qsTr("Buy on your phone");
        } else if (screen === "parties") {
            kind = "parties";
            heading = qsTr("Book a party on your phone");
        }
        handoffPopup.heading = heading;
        handoffPopup.code = kiosk.handoffCode(kind, recordId);
        handoffPopup.open();
    }

    function navigate(screen, params) {
        // Back to the start is the end of the visit, whoever asks (a staff member signing out,
        // check-in's "done"): the visit's one owner ends it, then resetToStart comes back here.
        if (screen === "landing" && !startingOver) {
            visit.end("");
            return;
        }
        if (kiosk.browseMode && handedOff.indexOf(screen) >= 0) {
            handOff(screen, params);
            return;
        }
        // Policies first: until they are accepted, the policies (and leaving) are all there is.
        if (session.policiesPending && ["policies", "landing"].indexOf(screen) < 0) {
            screen = "policies";
            params = {};
        }
        if (needsLogin.indexOf(screen) >= 0 && !session.loggedIn) {
            afterLogin = screen;
            afterLoginParams = params || {};
            screen = "login";
            params = {};
        }
        if (screen === "login" && params && params.then) {
            // "Log In to Enroll": come back to the class (or camp, or shop) afterwards.
            afterLogin = params.then;
            afterLoginParams = params.thenParams || {};
            params = {};
        }
        const component = screens[screen];
        if (!component) {
            console.warn("navigate: unknown screen " + screen);
            return;
        }
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
        }, params || {});
        if (screen === "landing") {
            root.welcomeShownThisVisit = false;
            stack.replace(null, component, props, StackView.Immediate);
        } else if (screen === "dashboard") {
            stack.replace(null, component, props);
        } else if (["policies", "chooseFamily", "orderConfirmed", "receipt"].indexOf(screen) >= 0) {
            // Steps of logging in, and confirmations: Back never returns to the password form
            // or to a payment that already went through.
            stack.replace(null, component, props);
        } else {
            stack.push(component, props);
        }
        const item = stack.currentItem as ScreenBase;
        if (item && !item.navigateConnected) {
            item.navigate.connect(root.navigate);
            item.back.connect(root.goBack);
            item.openSection.connect(root.openSection);
            item.navigateConnected = true;
        }
    }

    // The visit ended (VisitBridge.end: log out, idle, "start over", declined policies...): the
    // bridges are wiped already; here the screen goes back to the start, nothing of it left.
    function resetToStart(reason) {
        for (const popup of [welcomePopup, menuDrawer, staffPin, waitlistPopup, mobileAppPopup, handoffPopup, visitEndedPopup])
            popup.close();
        afterLogin = "dashboard";
        afterLoginParams = {};
        startingOver = true;
        navigate("landing");
        startingOver = false;
        stack.forceActiveFocus();  // no field keeps the focus, so the keyboard goes too
        if (reason)
            visitEndedPopup.show(reason);
    }

    function continueAfterLogin() {
        const target = afterLogin;
        const targetParams = afterLoginParams;
        afterLogin = "dashboard";
        afterLoginParams = {};
        navigate("dashboard");
        if (target !== "dashboard")
            navigate(target, targetParams);
    }

    function openSection(key) {
        switch (key) {
        case "news":
            navigate("news");
            break;
        case "booking":
            navigate("booking");
            break;
        case "classes":
            navigate("classes");
            break;
        case "check_in":
            navigate("checkIn");
            break;
        case "cart":
            navigate("cart");
            break;
        case "pro_shop":
            navigate("proShop");
            break;
        case "location":
            navigate("location");
            break;
        case "more":
            navigate("more");
            break;
        case "meet_the_staff":
            navigate("staff");
            break;
        case "switch_location":
            navigate("location");
            break;
        case "find_class":
            navigate("findClass");
            break;
        case "gift_cards":
            navigate("giftCard");
            break;
        case "log_in":
            navigate("login");
            break;
        case "create_account":
            navigate("createAccount");
            break;
        case "my_account":
            navigate("myAccount");
            break;
        case "policies":
            navigate("policyHistory");
            break;
        case "switch_family":
            navigate("chooseFamily");
            break;
        case "log_out":
            visit.end("");
            break;
        case "welcome_info":
            welcomePopup.open();
            break;
        case "mobile_app":
            mobileAppPopup.codes = kiosk.mobileAppCodes();
            mobileAppPopup.open();
            break;
        case "menu":
            menuDrawer.open();
            break;
        case "home":
            navigate("dashboard");
            break;
        case "landing":
            visit.end("");
            break;
        default:
            navigate("comingSoon", { "feature": key });
        }
    }

    function goBack() {
        if (!backAllowed)
            return;
        if (stack.depth > 1)
            stack.pop();
        else
            navigate("dashboard");
    }

    function begin() {
        if (kiosk.showWelcomeInfo && !welcomeShownThisVisit) {
            welcomeShownThisVisit = true;
            welcomePopup.open();
        } else {
            navigate("dashboard");
        }
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
    // The on-screen keyboard speaks the family's language too (ñ and accents in Spanish).
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: root.language.language === "es" ? "es_MX" : "en_US"
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
        function onLoginSucceeded(needsFamilyChoice) {
            if (needsFamilyChoice)
                root.navigate("chooseFamily");
        }
        function onFamilyReady(hasPolicies) {
            if (hasPolicies)
                root.navigate("policies");
            else
                root.continueAfterLogin();
        }
        function onPoliciesAccepted() {
            root.continueAfterLogin();
        }
        function onAccountCreated() {
            // Its screen says "your account is ready" and goes on from there; if the family
            // has left that screen meanwhile, on at once.
            if (root.currentScreen !== "createAccountScreen")
                root.session.continueAfterAccount();
        }
        function onEarlierOutcome(message) {
            visitEndedPopup.show(message);
        }
        function onCapWarning() {
            visitEndedPopup.show(qsTr("Your visit at the kiosk ends in one minute. Please finish up."));
        }
        target: root.session
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
            height: root.contentItem.height - (inputPanel.active ? inputPanel.height : 0)
            visible: root.showStack
        }
    }

    Component {
        id: landingComponent
        LandingScreen {
            onBeginRequested: root.begin()
            onStaffRequested: staffPin.open()
            onCheckInRequested: root.navigate("checkIn", {})
        }
    }
    Component {
        id: staffPanelComponent
        StaffPanelScreen {}
    }
    Component {
        id: appointmentsComponent
        AppointmentsScreen {}
    }
    Component {
        id: partiesComponent
        PartiesScreen {}
    }
    Component {
        id: checkInComponent
        CheckInScreen {}
    }

    StaffPinPopup {
        id: staffPin
        objectName: "staffPinPopup"
        staff: root.staff
    }

    Connections {
        function onSignedIn() {
            root.navigate("staffPanel");
        }
        function onExitRequested() {
            root.exitAllowed = true;
            Qt.quit();
        }
        target: root.staff
    }
    Component {
        id: dashboardComponent
        DashboardScreen {}
    }
    Component {
        id: newsComponent
        NewsScreen {}
    }
    Component {
        id: newsDetailComponent
        NewsDetailScreen {}
    }
    Component {
        id: bookingComponent
        BookingScreen {}
    }
    Component {
        id: comingSoonComponent
        ComingSoonScreen {}
    }
    Component {
        id: loginComponent
        LoginScreen {}
    }
    Component {
        id: createAccountComponent
        CreateAccountScreen {}
    }
    Component {
        id: forgotPasswordComponent
        ForgotPasswordScreen {}
    }
    Component {
        id: chooseFamilyComponent
        ChooseFamilyScreen {}
    }
    Component {
        id: policiesComponent
        PoliciesScreen {}
    }
    Component {
        id: myAccountComponent
        MyAccountScreen {}
    }
    Component {
        id: makeupComponent
        MakeupScreen {}
    }
    Component {
        id: absenceMarkedComponent
        AbsenceMarkedScreen {}
    }
    Component {
        id: editDetailsComponent
        EditDetailsScreen {}
    }
    Component {
        id: policyHistoryComponent
        PolicyHistoryScreen {}
    }
    Component {
        id: classesComponent
        ClassesScreen {}
    }
    Component {
        id: classDetailComponent
        ClassDetailScreen {}
    }
    Component {
        id: campsComponent
        CampsScreen {}
    }
    Component {
        id: campDetailComponent
        CampDetailScreen {}
    }
    Component {
        id: cartComponent
        CartScreen {}
    }
    Component {
        id: orderConfirmedComponent
        OrderConfirmedScreen {}
    }
    Component {
        id: proShopComponent
        ProShopScreen {}
    }
    Component {
        id: staffComponent
        StaffScreen {}
    }
    Component {
        id: locationComponent
        LocationScreen {}
    }
    Component {
        id: findClassComponent
        FindClassScreen {}
    }
    Component {
        id: giftCardComponent
        GiftCardScreen {}
    }
    Component {
        id: moreComponent
        MoreScreen {}
    }
    Component {
        id: accountPaymentsComponent
        AccountPaymentsScreen {}
    }
    Component {
        id: paymentComponent
        PaymentScreen {}
    }
    Component {
        id: receiptComponent
        ReceiptScreen {}
    }

    Connections {
        function onPaid() {
            root.navigate("receipt");
        }
        function onCheckedOut() {
            root.navigate("orderConfirmed");
        }
        target: root.payments
    }

    Connections {
        function onAdded() {
            root.navigate("cart");
        }
        function onCheckedOut() {
            root.navigate("orderConfirmed");
        }
        function onWaitlistOffered(message) {
            waitlistPopup.show(message);
        }
        function onHoldExpired(message) {
            visitEndedPopup.show(message);
        }
        function onAbsenceMarked(words) {
            // Over the screen it was marked on (the dashboard or My Account): Done comes back.
            root.navigate("absenceMarked", {
                "words": words
            });
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

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        z: 99
        y: active ? parent.height - height : parent.height
        width: root.width
        visible: active
    }
}
