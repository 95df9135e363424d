"""Organisation HTML (class and camp descriptions) reduced to an allow-list before it leaves us.

Staff type descriptions in a rich-text editor; kiosks show them. What we send is bold, italics,
underline, paragraphs, line breaks and lists, without attributes: scripts and styles go with their
content, and nothing can point at a remote resource. Entities are decoded once, by the parser, so
`&lt;img src=x&gt;` stays the visible text "<img src=x>" and never becomes a tag.
(The kiosk keeps its own copy in kiosk/html.py: the two deployables share a contract, not code.)
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({"b", "strong", "i", "em", "u", "p", "br", "ul", "ol", "li"})


def sanitize_html(text: str | None) -> str:
    """`text` reduced to ALLOWED_TAGS without attributes."""
    if not text:
        return ""
    return nh3.clean(
        text,
        tags=set(ALLOWED_TAGS),
        attributes={},
        clean_content_tags={"script", "style"},
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    ).strip()
