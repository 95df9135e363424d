"""Tests of the kiosk core (kiosk/): settings, client, cache, sync."""
