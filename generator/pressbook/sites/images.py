"""Images copied into a site are re-encoded: pixels only, no EXIF, GPS or XMP data."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image


def reencode(path: Path) -> bytes:
    with Image.open(path) as image:
        image.load()
        # A new image made from the raw pixels alone: no info, EXIF, XMP or text chunk can follow.
        clean = Image.frombytes(image.mode, image.size, image.tobytes())
        if image.mode == "P" and image.getpalette():
            clean.putpalette(image.getpalette())
    buffer = io.BytesIO()
    clean.save(buffer, format="PNG")
    return buffer.getvalue()
