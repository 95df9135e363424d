pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import ".."
import "../components"

// ProShop: pictures, prices (sale prices shown against the old one), stock, add to cart.
ScreenBase {
    id: screen

    objectName: "proShopScreen"

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin * 1.5
        spacing: Theme.margin

        ScreenTitle {
            text: qsTr("ProShop")
        }
        MessageBanner {
            Layout.fillWidth: true
            text: screen.cart.message
        }
        GridView {
            id: grid
            objectName: "productGrid"
            Accessible.name: qsTr("ProShop")
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            cellWidth: Math.floor(width / 4)
            // Room for the picture, a two-line name, the price, the stock and a two-line button
            // at any text size.
            cellHeight: Math.max(470, 200 + 3 * Theme.gap + 5 * 6 + 20
                                 + Math.ceil(1.4 * (4 * Theme.fontBody + Theme.fontLarge + Theme.fontSmall)))
            model: screen.catalog.products
            boundsBehavior: Flickable.StopAtBounds
            delegate: Item {
                id: cell
                required property var modelData
                required property int index
                width: grid.cellWidth
                height: grid.cellHeight
                Rectangle {
                    anchors.fill: parent
                    anchors.margins: Theme.gap / 2
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: 2
                    ColumnLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: 6
                        Image {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 200
                            source: cell.modelData.imageUrl
                            sourceSize.height: 200
                            fillMode: Image.PreserveAspectFit
                            asynchronous: true
                        }
                        Text {
                            Layout.fillWidth: true
                            text: cell.modelData.name
                            font.pixelSize: Theme.fontBody
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                        }
                        Row {
                            spacing: 10
                            Text {
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                text: cell.modelData.priceText
                                font.pixelSize: Theme.fontLarge
                                font.bold: true
                                color: cell.modelData.wasText ? Theme.danger : Theme.text
                            }
                            Text {
                                Accessible.role: Accessible.StaticText
                                Accessible.name: text
                                anchors.baseline: parent.children[0].baseline
                                visible: cell.modelData.wasText !== ""
                                text: cell.modelData.wasText
                                font.pixelSize: Theme.fontSmall
                                font.strikeout: true
                                color: Theme.textMuted
                            }
                        }
                        Text {
                            Accessible.role: Accessible.StaticText
                            Accessible.name: text
                            text: !cell.modelData.inStock ? qsTr("Out of stock") : cell.modelData.stockText
                            font.pixelSize: Theme.fontSmall
                            color: cell.modelData.inStock ? Theme.warning : Theme.danger
                        }
                        Item {
                            Layout.fillHeight: true
                        }
                        KioskButton {
                            objectName: "productAdd" + cell.index
                            Layout.fillWidth: true
                            enabled: cell.modelData.inStock && !screen.cart.busy
                            text: screen.kiosk.browseMode ? qsTr("Buy on Your Phone") : screen.session.familyChosen ? qsTr("Add to Cart") : qsTr("Log In to Buy")
                            // Twelve "Add to Cart" buttons read alike: a screen reader hears which.
                            Accessible.name: text + " — " + cell.modelData.name
                            onClicked: {
                                if (!screen.session.familyChosen)
                                    screen.navigate("login", { "then": "proShop", "thenParams": {} });
                                else
                                    screen.cart.addProduct(cell.modelData.productId, 1);
                            }
                        }
                    }
                }
            }
        }
    }
}
