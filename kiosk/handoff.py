"""Browse mode's hand-off: what a family finishes on their phone, at the facility's portal page.

Logging in, booking, paying and checking in need the facility's own system; the kiosk shows a
QR code and a short address for the page of the customer portal where that continues.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

# The customer portal's page for each thing a family can finish there ({account}, {id}).
HANDOFF_PAGES = {
    "class": "{account}/class-details/{id}",
    "camp": "{account}/camp-details/{id}",
    "shop": "{account}/pro-shop",
    "parties": "{account}/parties",
    "login": "{account}/login",
}


def handoff_url(base_url: str, account: str, kind: str, record_id: int = 0) -> str:
    """The customer-portal address for `kind` (unknown kinds and missing ids: the login page)."""
    page = HANDOFF_PAGES.get(kind, HANDOFF_PAGES["login"])
    if "{id}" in page and record_id <= 0:
        page = HANDOFF_PAGES["login"]
    path = page.format(account=quote(account, safe=""), id=int(record_id))
    return f"{base_url.rstrip('/')}/{path}"


def short_address(url: str) -> str:
    """The address as a person would type it: no scheme, no trailing slash."""
    parts = urlsplit(url)
    text = parts.netloc + parts.path
    if parts.query:
        text += "?" + parts.query
    return text.rstrip("/")
