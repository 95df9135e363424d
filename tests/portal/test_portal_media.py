"""Generated images under /media, served over HTTP."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from tests.portal.helpers import feed

SVG_NS = "{http://www.w3.org/2000/svg}"


def _svg(api, path: str) -> ET.Element:
    response = api.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    return ET.fromstring(response.text)


def test_news_backgrounds_are_full_hd_and_leave_the_words_to_the_kiosk(api):
    news = [c["data"] for c in feed(api)["changes"] if c["entity"] == "news"]
    assert len(news) == 7
    gradients = set()
    for item in news:
        root = _svg(api, item["image"])
        assert (root.get("width"), root.get("height")) == ("1920", "1080")
        # The kiosk lays the headline over the picture; drawn into it as well, it would show twice.
        text = " ".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
        assert item["title"] not in text
        stops = tuple(s.get("stop-color") for s in root.iter(f"{SVG_NS}stop"))
        gradients.add(stops)
    assert len(gradients) == 7  # a distinct colour scheme per item


def test_images_are_deterministic(api):
    first = api.get("/media/news/1.svg")
    second = api.get("/media/news/1.svg")
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    cached = api.get("/media/news/1.svg", headers={"If-None-Match": first.headers["etag"]})
    assert cached.status_code == 304


def test_logo_staff_products_tiles_and_headers(api):
    settings = api.get("/api/v1/demo/kiosk/settings").json()
    _svg(api, settings["branding"]["logo"])
    changes = feed(api)["changes"]
    staff = [c["data"] for c in changes if c["entity"] == "staff"]
    avatar = _svg(api, staff[0]["photo"])
    initials = staff[0]["firstName"][0] + staff[0]["lastName"][0]
    assert initials in "".join(t.text or "" for t in avatar.iter(f"{SVG_NS}text"))
    product = next(c["data"] for c in changes if c["entity"] == "product")
    _svg(api, product["images"][0])
    tile = next(c["data"] for c in changes if c["entity"] == "booking_menu")
    _svg(api, tile["image"])
    location = api.get("/api/open/v1/demo/locations").json()["data"][0]
    _svg(api, location["headerImage"])


@pytest.mark.parametrize(
    "path",
    [
        "/media/news/9999.svg",
        "/media/news/abc.svg",
        "/media/logo/nobody.svg",
        "/media/staff/0.svg",
        "/media/nothing-here.png",
    ],
)
def test_missing_images_are_404_json(api, path):
    response = api.get(path)
    assert response.status_code == 404
    assert re.search(r"\w", response.json()["message"])
