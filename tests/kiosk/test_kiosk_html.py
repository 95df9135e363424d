"""Organisation HTML is shown, never run: only the allow-listed tags survive."""

from __future__ import annotations

from kiosk.html import sanitize_html


def test_hostile_description_keeps_the_words_and_loses_everything_active():
    hostile = (
        '<p onclick="x()">Flips &ndash; <b>and</b> <i>tricks</i></p>'
        '<img src="http://127.0.0.1:9/x"><script>alert("hi")</script>'
        '<iframe src="http://example.com"></iframe><style>p{}</style>'
        '<a href="http://example.com" onmouseover="y()">our site</a>'
        "&lt;img src=x&gt;<ul><li>Leotard</li></ul><br>"
    )
    clean = sanitize_html(hostile)
    assert clean.startswith("<p>Flips – <b>and</b> <i>tricks</i></p>")
    for gone in (
        "<img",
        "script",
        "alert",
        "iframe",
        "<style",
        "<a ",
        "href",
        "onclick",
        "onmouse",
    ):
        assert gone not in clean.replace("&lt;img", ""), gone
    assert "our site" in clean  # a link's words stay, the link goes
    assert "&lt;img src=x&gt;" in clean  # an escaped tag stays text: decoded once, never run
    assert "<ul><li>Leotard</li></ul>" in clean


def test_plain_and_empty_text():
    assert sanitize_html(None) == "" and sanitize_html("") == ""
    assert sanitize_html("Ages 5 & up") == "Ages 5 &amp; up"
