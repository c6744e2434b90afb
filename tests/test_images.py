"""Images a key refers to — a client's logo, a showcase's cover — are opened by `pressbook check`: one
that cannot be shown is an error at its key, and `pressbook build` stops before anything is built,
without a traceback. An image the check accepts is published as a PNG of its pixels alone."""
from __future__ import annotations

import io
import os
import random
import struct
import zlib
from pathlib import Path
from posixpath import normpath
from typing import Callable, NamedTuple

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import build_on_demo_day, copy_demo, page
from pressbook.cli import cli
from pressbook.sites.images import reencode

LOGO_FILE = "content/clients/herbier-de-lure.yml"  # the client who agreed to a public case study
LOGO_LINE = "content/clients/herbier-de-lure.yml:4:7: error: logo:"
COVER_FILE = "content/campaigns/printemps-eclat-2026/showcase.md"
COVER_LINE = "content/campaigns/printemps-eclat-2026/showcase.md:9:8: error: cover:"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _encoded(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def _noise() -> Image.Image:
    # Noise, so that the compressed pixels are most of the file and cutting it cuts into them; always
    # the same, so that the damaged file is always damaged the same way.
    return Image.frombytes("RGB", (64, 64), random.Random(0).randbytes(64 * 64 * 3))


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header says it is `width` × `height`: an image that size would take
    gigabytes to decode, and is refused from its header alone."""
    data = _encoded(Image.new("L", (2, 2)), "PNG")
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit grey
    chunk = b"IHDR" + header
    return data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


class Bad(NamedTuple):
    name: str  # the file's name under content/assets/…/
    data: Callable[[], bytes]
    message: str  # what follows the image's path
    hint: str
    limit: int | None = None  # the pixel limit, lowered for the test


_SVG = ('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" '
        'height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>\n')

BAD = {
    "garbage": Bad("picture.png", lambda: bytes(range(256)) * 4, "is not a PNG, JPEG, GIF or WebP image",
                   "export it as a PNG or a JPEG: browsers show no other kind reliably"),
    "bmp": Bad("picture.bmp", lambda: _encoded(Image.new("RGB", (8, 8)), "BMP"),
               "is not a PNG, JPEG, GIF or WebP image",
               "export it as a PNG or a JPEG: browsers show no other kind reliably"),
    "svg": Bad("picture.svg", lambda: _SVG.encode(), "is an SVG drawing, and pressbook does not accept SVG",
               "export it as a PNG: an SVG can carry scripts, and pressbook redraws every image it publishes "
               "from its pixels alone, to leave hidden data (camera, GPS position, author) behind"),
    "truncated-png": Bad("picture.png", lambda: (lambda d: d[:len(d) // 2])(_encoded(_noise(), "PNG")),
                         "is cut short: the file ends before the image does",
                         "copy or download it again, or export it again from the original"),
    "truncated-jpeg": Bad("picture.jpg", lambda: (lambda d: d[:len(d) // 2])(_encoded(_noise(), "JPEG")),
                          "is cut short: the file ends before the image does",
                          "copy or download it again, or export it again from the original"),
    "damaged-png": Bad("picture.png", lambda: (lambda d: d[:100] + b"\x55" * 100 + d[200:])(
                           _encoded(_noise(), "PNG")),
                       "is damaged: its pixels cannot be read", "export it again from the original"),
    "20000x20000": Bad("picture.png", lambda: _png_claiming(20000, 20000),
                       "is 20000 × 20000 pixels, 400 megapixels: more than the 40 megapixels pressbook accepts",
                       "export a smaller copy: 4000 pixels on its longest side is plenty for a web page"),
    "over-the-limit": Bad("picture.png", lambda: _encoded(Image.new("1", (2000, 1001)), "PNG"),
                          "is 2000 × 1001 pixels, 2.1 megapixels: more than the 2 megapixels pressbook accepts",
                          "export a smaller copy: 4000 pixels on its longest side is plenty for a web page",
                          limit=2_000_000),
}


def _refer(root: Path, key: str, name: str, data: bytes) -> str:
    """Puts `data` in content/assets/ and points the logo or the cover of the demo at it."""
    folder, file, old = {"logo": ("logos", LOGO_FILE, "assets/logos/herbier-de-lure.png"),
                         "cover": ("covers", COVER_FILE, "assets/covers/printemps-eclat-2026.png")}[key]
    reference = f"assets/{folder}/{name}"
    (root / "content" / reference).write_bytes(data)
    text = (root / file).read_text(encoding="utf-8")
    assert f"{key}: {old}\n" in text
    (root / file).write_text(text.replace(f"{key}: {old}\n", f"{key}: {reference}\n"), encoding="utf-8")
    return reference


@pytest.mark.parametrize("key", ["logo", "cover"])
@pytest.mark.parametrize("kind", list(BAD))
def test_an_image_that_cannot_be_shown_is_an_error_at_its_key_and_nothing_is_built(
        kind: str, key: str, demo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = BAD[kind]
    if bad.limit is not None:
        monkeypatch.setattr("pressbook.validation.images.MAX_IMAGE_PIXELS", bad.limit)
    reference = _refer(demo, key, bad.name, bad.data())

    checked = CliRunner().invoke(cli, ["check", str(demo), "--lang", "en"])
    assert isinstance(checked.exception, SystemExit) and checked.exit_code == 1, checked.output
    lines = checked.output.splitlines()
    expected = f"{LOGO_LINE if key == 'logo' else COVER_LINE} content/{reference} {bad.message}"
    assert expected in lines, checked.output
    assert lines[lines.index(expected) + 1] == f"    hint: {bad.hint}"

    built = CliRunner().invoke(cli, ["build", str(demo)])
    assert isinstance(built.exception, SystemExit) and built.exit_code == 1, built.output
    # the same report, in the workspace's language (French), then why nothing was built
    assert built.output.startswith(CliRunner().invoke(cli, ["check", str(demo)]).output)
    assert "rien n'a été construit" in built.output
    assert "Traceback" not in built.output
    assert not (demo / "site").exists()


def test_an_image_named_by_two_keys_is_reported_at_each(demo: Path) -> None:
    data = BAD["svg"].data()
    logo = _refer(demo, "logo", "shared.svg", data)
    cover_file = demo / COVER_FILE
    cover_file.write_text(cover_file.read_text(encoding="utf-8").replace(
        "cover: assets/covers/printemps-eclat-2026.png", f"cover: {logo}"), encoding="utf-8")
    output = CliRunner().invoke(cli, ["check", str(demo), "--lang", "en"]).output
    assert f"{LOGO_LINE} content/{logo} {BAD['svg'].message}" in output
    assert f"{COVER_LINE} content/{logo} {BAD['svg'].message}" in output


# --- What the check accepts, the build publishes -------------------------------------------------

RED_IN_CMYK = (0, 255, 255, 0)


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built with a print designer's logo (a CMYK JPEG, with EXIF) and a phone photo as the
    cover (a JPEG 60 × 40 as stored, to be turned upright by its EXIF orientation, with a GPS position)."""
    root = copy_demo(tmp_path_factory.mktemp("images") / "demo")
    logo = Image.new("CMYK", (48, 24), RED_IN_CMYK)
    exif = logo.getexif()
    exif[0x013B] = "Studio Graphique"  # Artist
    _refer(root, "logo", "herbier-de-lure.jpg", _encoded(logo, "JPEG", exif=exif, quality=95))
    cover = Image.new("RGB", (60, 40), (20, 120, 200))
    exif = cover.getexif()
    exif[0x0112] = 6  # Orientation: the camera was turned; the picture is 40 wide and 60 high
    exif[0x8825] = {1: "N", 2: (43.0, 58.0, 12.0)}  # GPSInfo: latitude
    _refer(root, "cover", "printemps-eclat-2026.jpg", _encoded(cover, "JPEG", exif=exif))
    build_on_demo_day(root)
    return root / "site" / "public"


def _shown(site: Path, page_path: str, selector: str) -> Image.Image:
    """The image an <img> of a built page shows, as the browser would fetch it, with its raw bytes."""
    element = page(site, page_path).select_one(selector)
    assert element is not None, selector
    assert element["src"].endswith(".png")  # named for what it holds, whatever the workspace's name
    path = site / normpath(f"{Path(page_path).parent.as_posix()}/{element['src']}")
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


STUDY = "case-studies/printemps-eclat-2026.html"


def test_a_cmyk_jpeg_logo_is_published_as_a_png_without_exif(public_site: Path) -> None:
    logo = _shown(public_site, STUDY, "img.pb-logo")
    assert logo.format == "PNG" and logo.mode == "RGB" and logo.size == (48, 24)
    red, green, blue = logo.getpixel((24, 12))
    assert red > 200 and green < 60 and blue < 60  # still red: the colours are not inverted
    assert not logo.getexif() and not {"exif", "xmp", "icc_profile"} & logo.info.keys()


def test_a_photo_cover_is_published_upright_and_without_its_gps_position(public_site: Path) -> None:
    cover = _shown(public_site, STUDY, "p.pb-cover img")
    assert cover.format == "PNG" and cover.size == (40, 60)
    assert not cover.getexif() and not {"exif", "xmp", "icc_profile"} & cover.info.keys()


def test_a_logo_keeps_its_transparent_background(tmp_path: Path) -> None:
    # A palette PNG and a GIF mark one colour as transparent, in data that re-encoding does not copy.
    # The GIF is animated: its first frame is the one published.
    def logo(mark: int) -> Image.Image:
        image = Image.new("P", (8, 8), 0)
        image.putpalette([255, 255, 255, 200, 0, 0, 0, 0, 255])
        image.paste(mark, (2, 2, 6, 6))
        return image

    logo(1).save(tmp_path / "logo.png", transparency=0)
    logo(1).save(tmp_path / "logo.gif", save_all=True, append_images=[logo(2)], transparency=0, duration=100,
                 loop=0)
    for name in ("logo.png", "logo.gif"):
        published = Image.open(io.BytesIO(reencode(tmp_path / name)))
        assert published.format == "PNG", name
        published = published.convert("RGBA")
        assert published.getpixel((0, 0))[3] == 0, name  # the background, transparent
        assert published.getpixel((3, 3)) == (200, 0, 0, 255), name  # the mark of the first frame, red


def test_images_are_published_under_png_names_that_never_collide() -> None:
    from pressbook.pages.plan import SitePlan
    from pressbook.pages.public_site import _image

    plan = SitePlan("public", "public", "Études de cas", "fr")
    images = {"assets/logos/a.jpg": b"jpeg redrawn", "assets/logos/a.png": b"png redrawn",
              "assets/covers/b.PNG": b"cover"}
    published = [_image(reference, images, plan) for reference in images]
    assert published == ["assets/logos/a.png", "assets/logos/a.png.png", "assets/covers/b.png"]
    assert plan.assets == {"assets/logos/a.png": b"jpeg redrawn", "assets/logos/a.png.png": b"png redrawn",
                           "assets/covers/b.png": b"cover"}
    assert _image("assets/logos/a.jpg", images, plan) == "assets/logos/a.png"  # the same image, again


def test_an_image_is_decoded_again_only_once_changed(tmp_path: Path, monkeypatch) -> None:
    # The preview checks the workspace at every save: its images are not decoded every time.
    from pressbook.validation import images

    decoded: list[Path] = []
    decode = images.decode_image
    monkeypatch.setattr(images, "decode_image", lambda path: decoded.append(path) or decode(path))
    logo = tmp_path / "logo.png"
    logo.write_bytes(_encoded(Image.new("RGB", (4, 4)), "PNG"))
    os.utime(logo, ns=(1_700_000_000_000_000_000,) * 2)
    assert images.image_refusal(logo) is None and images.image_refusal(logo) is None
    assert decoded == [logo]
    logo.write_bytes(b"no longer an image")
    os.utime(logo, ns=(1_700_000_100_000_000_000,) * 2)
    assert "is not a PNG, JPEG, GIF or WebP image" in str(images.image_refusal(logo).message)
    assert decoded == [logo, logo]


def test_a_file_cut_short_is_refused_after_the_pdf_engine_was_imported(tmp_path: Path) -> None:
    # WeasyPrint lets Pillow show truncated images, for the whole process: a build or a preview that
    # made a PDF must still refuse a logo cut short at the next check.
    import weasyprint  # noqa: F401 - as a build that makes PDFs imports it
    from pressbook.validation.images import ImageRefused, decode_image
    cut = tmp_path / "logo.png"
    cut.write_bytes(BAD["truncated-png"].data())
    with pytest.raises(ImageRefused):
        decode_image(cut)
