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


def qr_png(url: str, folder: Path, size: int = 480) -> Path:
    """The QR code for `url` as a PNG of whole pixels per module, close to `size` pixels wide:
    shown unscaled, every module is the same size, which phones read from further away."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"qr-{hashlib.sha256(url.encode()).hexdigest()[:16]}-{size}.png"
    if not path.exists():
        code = segno.make(url, error="m")
        width, _height = code.symbol_size(scale=1, border=2)
        tmp = path.with_suffix(".tmp")
        code.save(str(tmp), kind="png", scale=max(1, size // width), border=2)
        tmp.replace(path)
    return path
