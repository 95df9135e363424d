pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import ".."
import "../components"

// A camp: all days, or chosen days where the camp allows it; which students -> cart.
ScreenBase {
    id: screen

    property int campId: 0
    readonly property var detail: languageCode !== "" ? catalog.campDetail(campId) : ({})
    readonly property var students: session.familyChosen && languageCode !== "" ? catalog.campEligibility(campId, session.students) : []
    property var chosen: ({})
    property var chosenDays: ({})
    property bool allDays: true
    readonly property var studentIds: Object.keys(chosen).filter(k => chosen[k]).map(k => parseInt(k))
    readonly property var dayList: Object.keys(chosenDays).filter(k => chosenDays[k])

    objectName: "campDetailScreen"

    FormScroll {
        anchors.fill: parent
        spacing: Theme.gap

        ScreenTitle {
            objectName: "campTitle"
            text: screen.detail.name || ""
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: [screen.detail.datesText, screen.detail.timeText].filter(x => x).join("  ·  ")
            font.pixelSize: Theme.fontLarge
            color: Theme.text
        }
        Text {
            Accessible.role: Accessible.StaticText
            Accessible.name: text
            text: [screen.detail.ageText, screen.detail.priceText, screen.detail.openingsText].filter(x => x).join("  ·  ")
            font.pixelSize: Theme.fontBody
            color: Theme.textMuted
        }
        Text {
            objectName: "campDescription"
            width: parent.width
            text: screen.detail.description || ""
            // Sanitized organisation HTML (kiosk.html): styled text, never rich text that could load
            // a remote image.
            textFormat: Text.StyledText
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.fontBody
            color: Theme.text
        }

        SectionLabel {
            // Browse mode: days are chosen where the camp is booked, on the phone.
            visible: screen.detail.allowChooseDays === true && !screen.kiosk.browseMode
            text: qsTr("Which days? (%1 a day)").arg(screen.detail.dayPriceText || "")
        }
        Flow {
            width: parent.width
            spacing: 8
            // Browse mode: days are chosen where the camp is booked, on the phone.
            visible: screen.detail.allowChooseDays === true && !screen.kiosk.browseMode
            FilterChip {
                objectName: "campAllDays"
                text: qsTr("All days")
                selected: screen.allDays
                onClicked: {
                    screen.allDays = true;
                    screen.chosenDays = {};
                }
            }
            Repeater {
                model: screen.detail.days || []
                delegate: FilterChip {
                    required property var modelData
                    required property int index
                    objectName: "campDay" + index
                    text: modelData.text
                    selected: !screen.allDays && screen.chosenDays[modelData.iso] === true
                    onClicked: {
                        const next = Object.assign({}, screen.chosenDays);
                        next[modelData.iso] = !next[modelData.iso];
                        screen.chosenDays = next;
                        screen.allDays = Object.keys(next).filter(k => next[k]).length === 0;
                    }
                }
            }
        }

        SectionLabel {
            text: screen.session.familyChosen ? qsTr("Who is coming?") : ""
            visible: text !== ""
        }
        Repeater {
            model: screen.students
            delegate: FilterChip {
                required property var modelData
                required property int index
                objectName: "campStudent" + index
                enabled: modelData.reason === ""
                text: modelData.reason === "" ? modelData.firstName : modelData.firstName + " — " + modelData.reason
                selected: screen.chosen[modelData.studentId] === true
                onClicked: {
                    const next = Object.assign({}, screen.chosen);
                    next[modelData.studentId] = !next[modelData.studentId];
                    screen.chosen = next;
                }
            }
        }
        MessageBanner {
            objectName: "campMessage"
            width: parent.width
            text: screen.session.familyChosen ? screen.cart.message : ""
        }
        RowLayout {
            width: parent.width
            Item {
                Layout.fillWidth: true
            }
            BusyIndicator {
                running: screen.cart.busy
                visible: running
            }
            KioskButton {
                objectName: "campAdd"
                primaryAction: true
                enabled: !screen.cart.busy && !screen.detail.full && (!screen.session.familyChosen || screen.studentIds.length > 0)
                text: screen.kiosk.browseMode ? qsTr("Book on Your Phone") : !screen.session.familyChosen ? qsTr("Log In to Book") : screen.detail.full ? qsTr("Camp is Full") : qsTr("Add to Cart")
                onClicked: {
                    if (!screen.session.familyChosen) {
                        screen.navigate("login", { "then": "campDetail", "thenParams": { "campId": screen.campId } });
                        return;
                    }
                    screen.cart.addCamp(screen.campId, screen.studentIds, screen.allDays ? [] : screen.dayList);
                }
            }
        }
    }
}
