"""Organisation HTML (class and camp descriptions) made safe to show: an allow-list of tags.

Facility staff write descriptions in a rich-text editor, and a kiosk may read them straight from
a third-party catalog (an iClassPro account). Whatever arrives, what is shown is bold, italics,
underline, paragraphs, line breaks and lists: every other tag and every attribute is dropped,
scripts and styles with their content, and nothing can point at a remote resource. Entities are
decoded once, by the parser: `&lt;img src=x&gt;` stays the visible text "<img src=x>".
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = frozenset({"b", "strong", "i", "em", "u", "p", "br", "ul", "ol", "li"})


def sanitize_html(text: str | None) -> str:
    """`text` reduced to ALLOWED_TAGS without attributes (safe for Qt's StyledText)."""
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
