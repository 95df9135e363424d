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

    function check() {
        if (validator)
            liveError = validator(textInput.text);
        else if (rule !== "" && session)
            liveError = session.checkField(rule, textInput.text);
        return liveError === "";
    }

    spacing: 6
    Layout.fillWidth: true

    Text {
        text: field.label
        font.pixelSize: Theme.fontSmall
        font.bold: true
        color: Theme.text
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
        // Qt keeps a hidden-text field's name from screen readers: there the label is the description.
        Accessible.description: field.shownError !== "" ? field.shownError
                                : echoMode === TextInput.Normal ? "" : field.label
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surface
            border.width: textInput.activeFocus ? 3 : 2
            border.color: field.shownError !== "" ? Theme.danger : textInput.activeFocus ? Theme.primary : Theme.border
        }
        onTextEdited: {
            if (field.serverError !== "")
                field.session.setFieldError(field.errorPath, "");
            if (field.liveError !== "")
                field.check();
        }
        onEditingFinished: {
            if (text !== "")
                field.check();
        }
    }
    Text {
        objectName: field.objectName + "Error"
        Layout.fillWidth: true
        visible: field.shownError !== ""
        text: field.shownError
        color: Theme.danger
        font.pixelSize: Theme.fontSmall
        wrapMode: Text.WordWrap
    }
}
