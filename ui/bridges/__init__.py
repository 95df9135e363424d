"""QObject view-models that QML binds to; they call kiosk/ and never hold business rules."""
