"""The kiosk's Qt Quick user interface: bridges (view-models) over kiosk/, and QML views."""
