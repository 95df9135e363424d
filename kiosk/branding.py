"""The organisation's colours, kept readable: WCAG AA (4.5:1) for the white text the kiosk
writes on its primary colour; a colour that fails is darkened until it passes."""

from __future__ import annotations

import re

DEFAULT_PRIMARY = "#1b5e9e"
TEXT_ON_PRIMARY = "#ffffff"
AA_TEXT = 4.5


def _rgb(color: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"#?([0-9a-fA-F]{6})", color.strip())
    if not match:
        return None
    value = match.group(1)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    fg, bg = _rgb(foreground), _rgb(background)
    if fg is None or bg is None:
        return 1.0
    lighter, darker = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_primary(color: str | None) -> str:
    """The organisation's primary colour, darkened just enough for white text to pass AA;
    the kiosk's own blue when the colour cannot be read at all."""
    rgb = _rgb(color or "")
    if rgb is None:
        return DEFAULT_PRIMARY
    r, g, b = rgb
    for _ in range(40):
        candidate = f"#{r:02x}{g:02x}{b:02x}"
        if contrast_ratio(TEXT_ON_PRIMARY, candidate) >= AA_TEXT:
            return candidate
        r, g, b = (int(c * 0.92) for c in (r, g, b))
    return DEFAULT_PRIMARY
