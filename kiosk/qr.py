"""QR codes a phone can scan (the organisation's mobile-app links), as cached SVG files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import segno


def qr_svg(url: str, folder: Path) -> Path:
    """The QR code for `url` as an SVG in `folder` (made once per distinct link)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"qr-{hashlib.sha256(url.encode()).hexdigest()[:16]}.svg"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        segno.make(url, error="m").save(str(tmp), kind="svg", scale=10, border=2)
        tmp.replace(path)
    return path
