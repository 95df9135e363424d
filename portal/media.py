"""Generated SVG images: news backgrounds, logos, staff avatars, products, menu tiles, headers.

Everything is a pure function of its arguments, so a path always renders the same picture.
"""

from __future__ import annotations

import hashlib
from xml.sax.saxutils import escape

FONT = "'Inter', 'Helvetica Neue', 'Segoe UI', Arial, sans-serif"

# (gradient start, gradient end, accent, text colour): bold, high-contrast pairs.
NEWS_PALETTES: tuple[tuple[str, str, str, str], ...] = (
    ("#ff512f", "#dd2476", "#ffd166", "#ffffff"),
    ("#1d2b64", "#1cb5e0", "#f8ffae", "#ffffff"),
    ("#0b8a6f", "#38c172", "#fff3b0", "#ffffff"),
    ("#5b1fd1", "#2a0a8c", "#ff9ab3", "#ffffff"),
    ("#f7971e", "#ffd200", "#1d3557", "#14213d"),
    ("#0f2027", "#2c5364", "#00d2ff", "#ffffff"),
    ("#c2185b", "#ff6a00", "#fff3b0", "#ffffff"),
    ("#134e5e", "#71b280", "#ffe66d", "#ffffff"),
)

AVATAR_COLOURS = (
    "#e63946",
    "#1d3557",
    "#2a9d8f",
    "#e76f51",
    "#6a4c93",
    "#1982c4",
    "#8ac926",
    "#ff595e",
    "#3a86ff",
    "#fb5607",
    "#8338ec",
    "#06d6a0",
)


def _digest(*parts: object) -> int:
    text = "|".join(str(p) for p in parts)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap by character count; the last line gets an ellipsis if cut."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            lines[-1] = lines[-1].rstrip(".,;:") + "…"
            return lines
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return lines


def initials(*names: str) -> str:
    letters = [n.strip()[0] for n in names if n and n.strip()]
    return "".join(letters[:2]).upper() or "?"


def quoteattr_text(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _svg(width: int, height: int, body: str, title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{quoteattr_text(title)}">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )


def _text_lines(
    lines: list[str],
    x: int,
    y: int,
    size: int,
    line_height: int,
    fill: str,
    weight: int,
    extra: str = "",
) -> str:
    # One <text> per line: Qt's SVG renderer (SVG Tiny 1.2, what the kiosk uses) ignores tspan dy.
    return "".join(
        f'<text x="{x}" y="{y + i * line_height}" font-family="{FONT}" font-size="{size}" '
        f'font-weight="{weight}" fill="{fill}" {extra}>{escape(line)}</text>'
        for i, line in enumerate(lines)
    )


def news_background(news_id: int, title: str, summary: str, organisation: str) -> str:
    """A 1920x1080 landing-page background: bold gradient, big shapes, the headline."""
    start, end, accent, ink = NEWS_PALETTES[(news_id - 1) % len(NEWS_PALETTES)]
    variant = _digest("news-shape", news_id) % 3
    w, h = 1920, 1080
    shapes = [
        f'<circle cx="{1560 - variant * 60}" cy="{260 + variant * 40}" r="430" '
        f'fill="{accent}" opacity="0.22"/>',
        f'<circle cx="1700" cy="900" r="300" fill="none" stroke="{accent}" '
        f'stroke-width="36" opacity="0.55"/>',
        f'<rect x="1180" y="520" width="420" height="420" rx="72" fill="#ffffff" '
        f'opacity="0.10" transform="rotate({18 + variant * 12} 1390 730)"/>',
        f'<circle cx="{1320 + variant * 80}" cy="180" r="46" fill="{accent}" opacity="0.9"/>',
        '<circle cx="240" cy="1010" r="170" fill="#000000" opacity="0.10"/>',
        '<path d="M0 1080 L0 930 C 420 860 760 1010 1180 940 C 1500 885 1720 990 1920 950 '
        'L1920 1080 Z" fill="#000000" opacity="0.16"/>',
    ]
    dots = "".join(
        f'<circle cx="{1080 + col * 44}" cy="{90 + row * 44}" r="7" fill="{ink}" opacity="0.35"/>'
        for row in range(4)
        for col in range(5)
    )
    # The headline and summary are NOT drawn: the kiosk lays them over the picture itself
    # (readable, translatable, announced to screen readers). The big type here is decoration:
    # the organisation's initials, huge and faint, on the right where no words sit.
    monogram = initials(*organisation.split()[:2]) or "•"
    body = "".join(
        [
            "<defs>"
            f'<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">'
            f'<stop offset="0" stop-color="{start}"/><stop offset="1" stop-color="{end}"/>'
            "</linearGradient>"
            "</defs>",
            f'<rect width="{w}" height="{h}" fill="url(#bg)"/>',
            *shapes,
            dots,
            f'<text x="1880" y="760" text-anchor="end" font-family="{FONT}" font-size="560" '
            f'font-weight="800" fill="{ink}" opacity="0.10">{quoteattr_text(monogram)}</text>',
        ]
    )
    return _svg(w, h, body, title)


def logo(name: str, primary: str, secondary: str) -> str:
    """A round badge with the organisation's initials."""
    words = [w for w in name.split() if w[:1].isalpha()]
    letters = initials(*words[:2]) if words else "?"
    body = (
        f'<circle cx="256" cy="256" r="248" fill="{primary}"/>'
        f'<circle cx="256" cy="256" r="212" fill="none" stroke="{secondary}" stroke-width="16"/>'
        f'<path d="M140 360 C 220 410 320 400 380 340" fill="none" stroke="{secondary}" '
        'stroke-width="20" stroke-linecap="round"/>'
        f'<circle cx="392" cy="322" r="24" fill="{secondary}"/>'
        f'<text x="256" y="290" text-anchor="middle" font-family="{FONT}" font-size="150" '
        f'font-weight="800" fill="#ffffff">{escape(letters)}</text>'
    )
    return _svg(512, 512, body, name)


def avatar(first_name: str, last_name: str, key: object) -> str:
    """A staff photo stand-in: initials on a coloured circle."""
    colour = AVATAR_COLOURS[_digest("avatar", key, first_name, last_name) % len(AVATAR_COLOURS)]
    letters = initials(first_name, last_name)
    body = (
        f'<rect width="400" height="400" fill="#f4f6fa"/>'
        f'<circle cx="200" cy="200" r="190" fill="{colour}"/>'
        '<circle cx="200" cy="200" r="190" fill="url(#shine)"/>'
        '<defs><radialGradient id="shine" cx="0.3" cy="0.25" r="0.8">'
        '<stop offset="0" stop-color="#fff" stop-opacity="0.35"/>'
        '<stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>'
        f'<text x="200" y="248" text-anchor="middle" font-family="{FONT}" font-size="140" '
        f'font-weight="700" fill="#ffffff">{escape(letters)}</text>'
    )
    return _svg(400, 400, body, f"{first_name} {last_name}")


def _product_shape(name: str, colour: str) -> str:
    lowered = name.lower()
    if "bottle" in lowered:
        return (
            f'<rect x="250" y="120" width="100" height="50" rx="12" fill="{colour}" opacity="0.8"/>'
            f'<rect x="210" y="160" width="180" height="270" rx="50" fill="{colour}"/>'
            '<rect x="235" y="230" width="130" height="70" rx="14" fill="#ffffff" opacity="0.5"/>'
        )
    if "gift" in lowered or "card" in lowered:
        return (
            f'<rect x="130" y="160" width="340" height="220" rx="28" fill="{colour}"/>'
            '<rect x="130" y="215" width="340" height="34" fill="#ffffff" opacity="0.55"/>'
            '<circle cx="420" cy="330" r="26" fill="#ffffff" opacity="0.6"/>'
        )
    if "grip" in lowered:
        return (
            f'<rect x="190" y="120" width="90" height="300" rx="40" fill="{colour}"/>'
            f'<rect x="320" y="120" width="90" height="300" rx="40" fill="{colour}" opacity="0.8"/>'
            '<rect x="180" y="360" width="240" height="40" rx="16" fill="#1d3557" opacity="0.7"/>'
        )
    if "leotard" in lowered:
        return (
            f'<path d="M235 110 L365 110 L378 205 Q 405 300 382 335 L335 430 L300 405 L265 430 '
            f'L218 335 Q 195 300 222 205 Z" fill="{colour}"/>'
            '<path d="M262 110 C 275 160 325 160 338 110" fill="#ffffff" opacity="0.55"/>'
            '<path d="M230 250 L370 250" stroke="#ffffff" stroke-width="14" opacity="0.5"/>'
        )
    if "shirt" in lowered or "tee" in lowered or "hoodie" in lowered:
        return (
            f'<path d="M220 120 L380 120 L450 190 L400 240 L380 220 L380 420 L220 420 L220 220 '
            f'L200 240 L150 190 Z" fill="{colour}"/>'
            '<path d="M255 120 C 270 170 330 170 345 120" fill="#ffffff" opacity="0.55"/>'
        )
    if "bag" in lowered:
        return (
            f'<rect x="160" y="200" width="280" height="220" rx="30" fill="{colour}"/>'
            f'<path d="M230 200 C 230 130 370 130 370 200" fill="none" stroke="{colour}" '
            'stroke-width="24"/>'
        )
    return (
        f'<polygon points="300,110 460,200 460,380 300,470 140,380 140,200" fill="{colour}"/>'
        '<circle cx="300" cy="290" r="70" fill="#ffffff" opacity="0.45"/>'
    )


def product_image(product_id: int, name: str) -> str:
    """A simple shape that hints at the product, and its name."""
    colour = AVATAR_COLOURS[_digest("product", product_id, name) % len(AVATAR_COLOURS)]
    lines = _wrap(name, 22, 2)
    body = (
        '<rect width="600" height="600" fill="#f7f4ef"/>'
        f'<circle cx="300" cy="280" r="230" fill="{colour}" opacity="0.12"/>'
        + _product_shape(name, colour)
        + _text_lines(
            lines, 300, 525 - (len(lines) - 1) * 20, 38, 44, "#1d2433", 700, 'text-anchor="middle"'
        )
    )
    return _svg(600, 600, body, name)


def booking_tile(item_id: int, title: str, target: str) -> str:
    """A 800x450 tile for one booking-menu entry."""
    start, end, accent, ink = NEWS_PALETTES[_digest("tile", item_id, target) % len(NEWS_PALETTES)]
    lines = _wrap(title, 16, 2)
    body = (
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">'
        f'<stop offset="0" stop-color="{start}"/><stop offset="1" stop-color="{end}"/>'
        "</linearGradient></defs>"
        '<rect width="800" height="450" fill="url(#g)"/>'
        f'<circle cx="680" cy="90" r="170" fill="{accent}" opacity="0.3"/>'
        f'<circle cx="720" cy="400" r="90" fill="none" stroke="{accent}" stroke-width="18" '
        'opacity="0.6"/>' + _text_lines(lines, 56, 330 - (len(lines) - 1) * 76, 72, 80, ink, 800)
    )
    return _svg(800, 450, body, title)


def location_header(name: str, primary: str, secondary: str) -> str:
    """A 1920x400 banner for a location."""
    body = (
        '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="0">'
        f'<stop offset="0" stop-color="{primary}"/><stop offset="1" stop-color="{secondary}"/>'
        "</linearGradient></defs>"
        '<rect width="1920" height="400" fill="url(#g)"/>'
        '<circle cx="1700" cy="60" r="260" fill="#ffffff" opacity="0.12"/>'
        '<circle cx="1500" cy="380" r="120" fill="#ffffff" opacity="0.10"/>'
        + _text_lines([name], 120, 240, 110, 0, "#ffffff", 800)
    )
    return _svg(1920, 400, body, name)
