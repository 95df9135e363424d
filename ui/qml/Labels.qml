pragma Singleton
import QtQuick

// The words for dashboard tiles, toolbar buttons and menu entries, by key (kiosk/dashboard.py).
QtObject {
    // One payment in one sentence: what the card or bank paid and what credit paid
    // ("Paid $45.00 with Visa •••• 4242 + $20.00 credit"); "" for a part that paid nothing.
    function paid(chargedText, creditText, method) {
        if (chargedText && creditText)
            return qsTr("Paid %1 with %2 + %3 credit").arg(chargedText).arg(method).arg(creditText);
        if (chargedText)
            return qsTr("Paid %1 with %2").arg(chargedText).arg(method);
        if (creditText)
            return qsTr("Paid %1 from your credit").arg(creditText);
        return "";
    }

    function title(key) {
        switch (key) {
        case "check_in": return qsTr("Check In");
        case "booking": return qsTr("Booking");
        case "my_account": return qsTr("My Account");
        case "news": return qsTr("News");
        case "pro_shop": return qsTr("ProShop");
        case "create_account": return qsTr("Create Account");
        case "log_in": return qsTr("Log In");
        case "welcome_info": return qsTr("Welcome Info");
        case "find_class": return qsTr("Find the Right Class");
        case "menu": return qsTr("Menu");
        case "more": return qsTr("More");
        case "location": return qsTr("Location");
        case "cart": return qsTr("Cart");
        case "home": return qsTr("Home");
        case "meet_the_staff": return qsTr("Meet the Staff");
        case "policies": return qsTr("Family and Student Policies");
        case "switch_family": return qsTr("Switch Family Accounts");
        case "switch_location": return qsTr("Switch Locations");
        case "log_out": return qsTr("Log Out");
        case "classes": return qsTr("Classes");
        case "camps": return qsTr("Camps");
        case "appointments": return qsTr("Appointments");
        case "parties": return qsTr("Parties");
        case "landing": return qsTr("Back to the start screen");
        case "gift_cards": return qsTr("eGift Cards");
        case "mobile_app": return qsTr("Get our mobile app");
        }
        return key;
    }

    function subtitle(key) {
        switch (key) {
        case "check_in": return qsTr("Here for class? Check in with your phone number");
        case "booking": return qsTr("Classes, camps and more");
        case "my_account": return qsTr("Your family, payments and schedule");
        case "news": return qsTr("What's happening");
        case "pro_shop": return qsTr("Leotards, grips and gear");
        case "create_account": return qsTr("New here? Start in a few minutes");
        case "log_in": return qsTr("For current customers");
        case "welcome_info": return qsTr("About us and how it works");
        case "find_class": return qsTr("Answer a few questions, we'll suggest classes");
        }
        return "";
    }
}
