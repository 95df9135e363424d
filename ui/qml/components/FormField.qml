import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."

// A labelled text field with its problem in one sentence right under it. Checks as you type
// once the field has something to say, and when you leave it.
ColumnLayout {
    id: field

    property string label: ""
    property alias text: textInput.text
    property alias echoMode: textInput.echoMode
    property alias inputMethodHints: textInput.inputMethodHints
    property alias placeholderText: textInput.placeholderText
    property alias maximumLength: textInput.maximumLength
    property alias input: textInput
    // The rule to check it by (kiosk.accounts.check_field) and where the portal's answer goes.
    property string rule: ""
    property string errorPath: ""
    // Where the portal's answers per field come from (SessionBridge or PaymentBridge).
    property var session
    // Optional: a function (text) -> sentence, instead of the session's rule.
    property var validator: null
    property string liveError: ""
    readonly property string serverError: session && errorPath !== "" && session.fieldErrors[errorPath] !== undefined
                                          ? session.fieldErrors[errorPath] : ""
    readonly property string shownError: liveError !== "" ? liveError : serverError

    // Enter on the keyboard: the form's next field, or its action after the last one.
    function advance() {
        for (let item = field.parent; item; item = item.parent) {
            const form = item as FormScroll;
            if (form) {
                form.advanceFrom(textInput);
                return;
            }
        }
    }

    function check() {
        if (validator)
            liveError = validator(textInput.text);
        else if (rule !== "" && session)
            liveError = session.checkField(rule, textInput.text);
        return liveError === "";
    }

    spacing: 6
    Layout.fillWidth: true
    // Side by side in a row, fields line up at the top while one shows a sentence under it.
    Layout.alignment: Qt.AlignTop

    Text {
        id: labelText
        objectName: field.objectName + "Label"
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        text: field.label
        font.pixelSize: Theme.fontSmall
        font.bold: true
        color: Theme.text
        // Tapping the label is tapping its field: with the keyboard up, the label may be all that
        // shows of a field under it; the form then scrolls the field above the keyboard.
        TapHandler {
            onTapped: textInput.forceActiveFocus(Qt.MouseFocusReason)
        }
    }
    TextField {
        id: textInput
        objectName: field.objectName + "Input"
        Layout.fillWidth: true
        implicitHeight: Theme.touchMin + 8
        font.pixelSize: Theme.fontBody
        leftPadding: 18
        color: Theme.text
        inputMethodHints: Qt.ImhNoPredictiveText
        // Nothing from a previous family's clipboard or a remembered entry: no context menu
        // (cut, copy, paste), no selection handles.
        selectByMouse: false
        ContextMenu.menu: null
        Accessible.name: field.label
        // Qt keeps a hidden-text field's name (a password, a security code) from screen readers:
        // the label it is labelled by names it, and the description says it once more.
        Accessible.labelledBy: labelText
        Accessible.description: field.shownError !== "" ? field.shownError
                                : echoMode === TextInput.Normal ? "" : field.label
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surface
            border.width: textInput.activeFocus ? 3 : 2
            border.color: field.shownError !== "" ? Theme.danger : textInput.activeFocus ? Theme.primary : Theme.border
        }
        // A field showing a sentence checks again as you type, whichever check wrote it (a
        // wizard step's check writes the session's errors).
        onTextEdited: {
            const showing = field.shownError !== "";
            if (field.serverError !== "")
                field.session.setFieldError(field.errorPath, "");
            if (showing)
                field.check();
        }
        onEditingFinished: {
            if (text !== "")
                field.check();
        }
        onAccepted: field.advance()
    }
    Text {
        objectName: field.objectName + "Error"
        Accessible.role: Accessible.StaticText
        Accessible.name: text
        Layout.fillWidth: true
        visible: field.shownError !== ""
        text: field.shownError
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
    }
}
