"""Images a key refers to (a client's logo, a showcase's cover): decoded by the check as the build
will, so that what the check accepts, the build can publish."""
from __future__ import annotations

import functools
import importlib
import math
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..messages import Message, says

if TYPE_CHECKING:
    from PIL import Image, ImageFile


# 40 megapixels: more than any web page shows (8K is 33) and than most cameras take, yet the decoded
# image stays under 160 MB (four bytes a pixel), and its copies while it is re-encoded under half a
# gigabyte. Pillow's own guard, 89 megapixels, only warns; it refuses at 179.
MAX_IMAGE_PIXELS = 40_000_000

# The formats every browser shows (PNG, JPEG, GIF, WebP), each known by the first bytes of its files,
# with Pillow's reader for it. The readers are called directly rather than through Image.open, which
# refuses an image over Pillow's own limit before its size can be told.
_FORMATS: tuple[tuple[Callable[[bytes], bool], str, str], ...] = (
    (lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"), "PngImagePlugin", "PngImageFile"),
    (lambda head: head.startswith(b"\xff\xd8\xff"), "JpegImagePlugin", "JpegImageFile"),
    (lambda head: head.startswith((b"GIF87a", b"GIF89a")), "GifImagePlugin", "GifImageFile"),
    (lambda head: head.startswith(b"RIFF") and head[8:12] == b"WEBP", "WebPImagePlugin", "WebPImageFile"),
)


@functools.cache
def _reader(module: str, name: str) -> type:
    # Imported when an image is met: a check of a workspace without images imports no Pillow.
    return getattr(importlib.import_module(f"PIL.{module}"), name)


_PNG_MODES = {"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}  # the pixel layouts a PNG file can hold


class ImageRefused(Exception):
    """Why an image cannot be shown, as words: `message` follows the image's path."""

    def __init__(self, message: Message, hint: Message) -> None:
        super().__init__(str(message))
        self.message = message
        self.hint = hint


# What image_refusal found, by file and its size and time of change: the preview checks the workspace
# at every save, and decoding a workspace's logos and covers would take most of a regeneration.
_REFUSALS: dict[tuple[str, int, int], ImageRefused | None] = {}


def image_refusal(path: Path) -> ImageRefused | None:
    """Why the image at `path` cannot be shown, or None if it can. An image changed in the last second
    is decoded again next time: a second write within the same tick of its clock could keep its size."""
    status = path.stat()
    key = (str(path), status.st_mtime_ns, status.st_size)
    if key in _REFUSALS:
        return _REFUSALS[key]
    try:
        decode_image(path)
        refusal = None
    except ImageRefused as refused:
        refusal = refused
    if time.time_ns() - status.st_mtime_ns > 1_000_000_000:
        _REFUSALS[key] = refusal
    return refusal


def decode_image(path: Path) -> Image.Image:
    """The first frame of the image at `path`, decoded to its last pixel, turned upright as its EXIF
    orientation says, in a layout a PNG can hold. Its metadata may still be attached: sites/images.py
    drops it. Raises ImageRefused when the image cannot be shown."""
    with path.open("rb") as file:
        head = file.read(4096)  # enough to find <svg after an XML declaration and a comment or two
    reader = next((_reader(module, name) for accepts, module, name in _FORMATS if accepts(head)), None)
    if reader is None:
        if path.suffix.lower() in (".svg", ".svgz") or b"<svg" in head.lower():
            raise ImageRefused(says("image.svg"), says("image.svg.hint"))
        raise ImageRefused(says("image.kind"), says("image.kind.hint"))
    # A damaged file makes Pillow raise OSError mostly, but also SyntaxError, ValueError, EOFError,
    # struct.error…: whatever these calls raise, the file is at fault, so only they are in the `try`.
    try:
        image: ImageFile.ImageFile = reader(path)
    except Exception as error:  # noqa: BLE001 - see above
        raise _damaged(error) from None
    with image:
        width, height = image.size
        if width * height > MAX_IMAGE_PIXELS:
            raise ImageRefused(says("image.too-large", width=width, height=height, size=_amount(width * height),
                                    most=_amount(MAX_IMAGE_PIXELS)), says("image.too-large.hint"))
        # WeasyPrint, once imported (to make PDFs), tells every Pillow reader of the process to show a
        # truncated image as far as it goes: a file cut short must be refused whoever came first.
        from PIL import ImageFile as pillow_files
        pillow_files.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()  # to the last pixel: a file cut short is found here, not halfway through a build
            from PIL import ImageOps
            ImageOps.exif_transpose(image, in_place=True)
        except Exception as error:  # noqa: BLE001 - see above
            raise _damaged(error) from None
    return _storable(image)


def _storable(image: Image.Image) -> Image.Image:
    if image.mode in ("1", "L", "P", "RGB") and image.has_transparency_data:
        # The colour a GIF or a PNG marks as transparent is in its metadata, which is not kept: it
        # becomes an alpha channel, so that a logo keeps its transparent background.
        return image.convert("RGBA")
    if image.mode in _PNG_MODES:
        return image
    # CMYK (JPEGs from print designers) and the like, converted without their ICC colour profile: a
    # profile is metadata, which is not published, so the colours may shift a little. Acceptable for a
    # logo or a cover; whoever minds exports the image in RGB.
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _damaged(error: Exception) -> ImageRefused:
    if "truncated" in str(error).lower():
        return ImageRefused(says("image.truncated"), says("image.truncated.hint"))
    return ImageRefused(says("image.damaged"), says("image.damaged.hint"))


def _amount(pixels: int) -> Message:
    if pixels < 1_000_000:
        return says("image.pixels", n=pixels)
    # Rounded up, so that an image just over the limit does not read as being at it.
    return says("image.megapixels", n=Decimal(f"{math.ceil(pixels / 100_000) / 10:g}"))
