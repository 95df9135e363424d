import QtQuick

// A white line icon from resources/icons, drawn on a coloured surface.
Image {
    property string name: ""

    source: name !== "" ? Qt.resolvedUrl("../../../resources/icons/" + name + ".svg") : ""
    sourceSize.width: width
    sourceSize.height: height
    fillMode: Image.PreserveAspectFit
    smooth: true
}
