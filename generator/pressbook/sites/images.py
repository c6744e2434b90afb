"""Images copied into a site are re-encoded: pixels only, no EXIF, GPS or XMP data."""
from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from ..validation.images import decode_image


def reencode(path: Path) -> bytes:
    """The image at `path` as a PNG of its pixels alone. Only an image the check accepted comes here:
    decode_image, which the check ran, has made it one that a PNG can hold."""
    image = decode_image(path)
    # A new image made from the raw pixels alone: no info, EXIF, XMP, ICC profile or text chunk can follow.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P" and image.getpalette():
        clean.putpalette(image.getpalette())
    buffer = io.BytesIO()
    clean.save(buffer, format="PNG")
    return buffer.getvalue()


FAVICON_SIDE = 64  # pixels: sharp in a browser's tab and its bookmarks, a few kilobytes


def favicon(path: Path) -> bytes:
    """The logo at `path` as a site's favicon: its pixels fitted into a transparent square (a tab shows
    a square), re-encoded as PNG like every image of a site."""
    image = decode_image(path).convert("RGBA")
    image = Image.frombytes(image.mode, image.size, image.tobytes())  # pixels only, as reencode
    image.thumbnail((FAVICON_SIDE, FAVICON_SIDE), Image.Resampling.LANCZOS)
    square = Image.new("RGBA", (FAVICON_SIDE, FAVICON_SIDE), (0, 0, 0, 0))
    square.paste(image, ((FAVICON_SIDE - image.width) // 2, (FAVICON_SIDE - image.height) // 2))
    buffer = io.BytesIO()
    square.save(buffer, format="PNG")
    return buffer.getvalue()
