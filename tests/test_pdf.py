"""The PDF of each client report, as a client receives it: linked from the report, on A4, every KPI the
page shows, charts as vector graphics, fonts embedded, the same bytes for the same input, nothing
fetched from elsewhere, and sites that still build where WeasyPrint cannot run."""
from __future__ import annotations

import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import DEMO_EPOCH, ROOT, copy_demo
from pressbook.build import build
from pressbook.cli import cli
from pressbook.pages.plan import PdfOfPage
from pressbook.sites import pdf as pdf_module
from pressbook.sites.html_reading import parse_page
from pressbook.sites.verify import SiteVerifier

DEMO_PDF = "client-herbier-de-lure/campaigns/printemps-eclat-2026/printemps-eclat-2026-bilan.pdf"


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("CI must read the PDFs: apt-get install -y poppler-utils")
        pytest.skip("poppler-utils is not installed (apt-get install -y poppler-utils)")
    return path


def _run(tool: str, *arguments: str) -> str:
    return subprocess.run([_poppler(tool), *arguments], capture_output=True, text=True, check=True).stdout


def _text(path: Path) -> str:
    return _run("pdftotext", "-layout", str(path), "-")


def _squeezed(text: str) -> str:
    """Text without any kind of space: French numbers are grouped with narrow no-break spaces on the page
    and may come out of a PDF with plain ones."""
    return re.sub(r"\s+", "", text.replace("\u202f", " ").replace("\xa0", " "))


def _report_pages(site: Path) -> list[Path]:
    return sorted(site.glob("campaigns/*/report.html"))


@pytest.fixture(autouse=True, scope="module")
def _engine() -> None:
    if pdf_module.engine_missing():
        if os.environ.get("CI"):
            pytest.fail("CI must make the PDFs: " + pdf_module.HOW_TO_GET)
        pytest.skip(pdf_module.HOW_TO_GET)


def test_every_report_on_a_client_site_links_to_its_pdf(built_demo: Path) -> None:
    reports = 0
    for site in sorted((built_demo / "site").glob("client-*")):
        for page in _report_pages(site):
            tree = parse_page(page.read_text(encoding="utf-8"))
            link = tree.css_first("article .pb-report-pdf a")
            if tree.css_first("article .pb-pending") is not None:  # a report in preparation has no PDF
                assert link is None, page
                continue
            assert link is not None, f"{page} has no link to its PDF"
            target = page.parent / link.attributes["href"]
            assert target.name == f"{page.parent.name}-bilan.pdf"
            assert target.read_bytes().startswith(b"%PDF-")
            reports += 1
    assert reports >= 1  # the demo has a final report on a client's site
    assert not list((built_demo / "site" / "internal").rglob("*.pdf"))  # only a client receives one


def test_the_pdf_holds_every_kpi_value_the_report_shows(built_demo: Path) -> None:
    checked = 0
    for pdf in sorted((built_demo / "site").glob("client-*/campaigns/*/*-bilan.pdf")):
        tree = parse_page((pdf.parent / "report.html").read_text(encoding="utf-8"))
        text = _squeezed(_text(pdf))
        shown = []
        for tile in tree.css("article .pb-tile"):
            for part in tile.css(".pb-tile-label, .pb-tile-value, .pb-tile-target, .pb-tile-attainment, .pb-muted"):
                for abbr in part.css("abbr"):
                    shown.append(abbr.text(strip=True))
                    abbr.decompose()
                shown.append(part.text(strip=True))
        assert len(shown) >= 9 * 4  # the demo's report has nine targets
        missing = [value for value in shown if _squeezed(value) not in text]
        assert missing == [], f"{pdf.name} lacks {missing}"
        checked += 1
    assert checked >= 1


def test_the_pdf_has_the_reports_parts_on_at_most_eight_a4_pages(built_demo: Path) -> None:
    pdf = built_demo / "site" / DEMO_PDF
    info = _run("pdfinfo", str(pdf))
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) <= 8
    assert "(A4)" in re.search(r"^Page size:.*$", info, re.M).group(0)
    text = _text(pdf)
    page = parse_page((pdf.parent / "report.html").read_text(encoding="utf-8"))
    # The cover (both logos are images), the blocks' titles, every chart's title, the method in short.
    for heading in page.css("article h1, article h2, article figcaption"):
        assert _squeezed(heading.text(strip=True)) in _squeezed(text)
    assert "Méthode" in text and "L'Herbier de Lure" in text and "Sillage Influence" in text
    images = [row for row in _run("pdfimages", "-list", str(pdf)).splitlines()[2:] if row.split()[2] == "image"]
    assert len(images) == len(page.css("article .pb-cover-logos img")) == 2  # the logos; charts are not pictures
    assert "Portée" in text and "avr." in text  # a chart's legend and axis, as text: vector graphics


def test_the_pdfs_fonts_are_embedded(built_demo: Path) -> None:
    rows = _run("pdffonts", str(built_demo / "site" / DEMO_PDF)).splitlines()[2:]
    assert rows
    # The columns from the right: object ID (two), uni, sub, emb; a font's name may hold spaces.
    assert all(row.split()[-5] == "yes" for row in rows), rows


def test_the_pdf_says_who_made_it_and_when_the_build_did(built_demo: Path) -> None:
    info = _run("pdfinfo", "-isodates", str(built_demo / "site" / DEMO_PDF))
    moment = datetime.fromtimestamp(int(DEMO_EPOCH), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    assert re.search(rf"^CreationDate:\s+{moment}", info, re.M), info
    assert re.search(r"^Author:\s+Sillage Influence$", info, re.M)
    assert re.search(r"^Title:\s+Éclat de printemps", info, re.M)


def test_the_same_workspace_gives_the_same_pdf_whatever_the_zone_and_hash_seed(tmp_path: Path) -> None:
    made = []
    for number, (zone, seed) in enumerate((("UTC", "1"), ("Pacific/Auckland", "4242"))):
        root = copy_demo(tmp_path / f"demo{number}")
        environment = {**os.environ, "TZ": zone, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": DEMO_EPOCH}
        subprocess.run([sys.executable, "-m", "pressbook", "build", str(root), "--site", "client-herbier-de-lure"],
                       env=environment, check=True, capture_output=True)
        made.append((root / "site" / DEMO_PDF).read_bytes())
    assert made[0] == made[1]


def _one_report_site(site: Path, article: str) -> PdfOfPage:
    (site / "campaigns" / "c").mkdir(parents=True)
    (site / "campaigns" / "c" / "report.html").write_text(
        f'<!DOCTYPE html><html lang="fr"><head><title>t</title></head><body><article>{article}</article>'
        "</body></html>", encoding="utf-8")
    return PdfOfPage("campaigns/c/report.html", "campaigns/c/c-bilan.pdf", "Un bilan", "Une agence")


class _Counting(http.server.BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        _Counting.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *arguments) -> None:
        pass


def test_nothing_outside_the_site_is_fetched_while_a_pdf_is_made(tmp_path: Path) -> None:
    server = http.server.HTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = tmp_path / "secret.png"
    shutil.copy(ROOT / "content" / "assets" / "logos" / "herbier-de-lure.png", outside)
    address = f"http://127.0.0.1:{server.server_port}"
    try:
        site = tmp_path / "site"
        pdf = _one_report_site(site, f'<p>Voir <a href="{address}/page">la revue</a>.</p>'
                                     f'<img src="{address}/image.png" alt="x"><img src="../../../secret.png" alt="y">'
                                     f'<p style="background: url({address}/style.png)">z</p>')
        made = pdf_module.make_pdfs(site, [pdf], datetime(2026, 1, 1, tzinfo=timezone.utc), tmp_path, "client")
    finally:
        server.shutdown()
    assert _Counting.asked == []
    assert (site / pdf.file).read_bytes().startswith(b"%PDF-")
    refused = " ".join(map(str, made.problems))
    assert f"{address}/image.png" in refused and "secret.png" in refused  # and the build refuses the site
    assert "la revue" in _text(site / pdf.file)  # the link is in the text, never followed


def test_a_pdf_is_made_again_only_when_what_it_shows_changes(tmp_path: Path) -> None:
    site, moment = tmp_path / "site", datetime(2026, 1, 1, tzinfo=timezone.utc)
    pdf = _one_report_site(site, "<h2>Analyse</h2><p>Première version.</p>")
    assert len(pdf_module.make_pdfs(site, [pdf], moment, tmp_path, "client").made) == 1
    first = (site / pdf.file).read_bytes()
    (site / pdf.file).unlink()  # as in a new build of the site
    again = pdf_module.make_pdfs(site, [pdf], moment, tmp_path, "client")
    assert (again.made, again.reused) == ([], 1) and (site / pdf.file).read_bytes() == first
    page = site / pdf.page
    page.write_text(page.read_text(encoding="utf-8").replace("Première", "Seconde"), encoding="utf-8")
    changed = pdf_module.make_pdfs(site, [pdf], moment, tmp_path, "client")
    assert len(changed.made) == 1 and "Seconde version" in _text(site / pdf.file)
    # Only the PDF of the page as it is now stays kept: the first version's would never be read again.
    assert [kept.read_bytes() for kept in (tmp_path / ".cache" / "pressbook" / "kept" / "pdf" / "client").iterdir()] \
        == [(site / pdf.file).read_bytes()]


def test_a_report_edited_reaches_its_pdf_at_the_next_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    root = copy_demo(tmp_path / "demo")
    assert build(root, "client-herbier-de-lure").ok
    report = root / "content" / "campaigns" / "printemps-eclat-2026" / "report.md"
    report.write_text(report.read_text(encoding="utf-8").replace("## Conclusion\n", "## Conclusion\n\nUne phrase "
                                                                  "ajoutée au bilan.\n", 1), encoding="utf-8")
    assert build(root, "client-herbier-de-lure").ok
    assert "Une phrase ajoutée au bilan." in _text(root / "site" / DEMO_PDF)


def test_a_pdfs_name_from_the_workspaces_labels_stays_beside_its_report(tmp_path: Path, monkeypatch) -> None:
    # The word in a PDF's name is a label a workspace may change: written with spaces, accents and a
    # path, it still names one file beside the report page.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    root = copy_demo(tmp_path / "demo")
    (root / "themes").mkdir()
    (root / "themes" / "labels.yml").write_text('fr:\n  report_pdf_file: "../../Bilan de l\'été"\n', encoding="utf-8")
    assert build(root, "client-herbier-de-lure").ok
    site = root / "site" / "client-herbier-de-lure"
    assert [p.relative_to(site).as_posix() for p in site.rglob("*.pdf")] == [
        "campaigns/printemps-eclat-2026/printemps-eclat-2026-bilan-de-l-ete.pdf"]


def test_the_verification_reads_the_names_in_a_pdfs_document_and_refuses_a_stray_pdf(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!DOCTYPE html><html><body><article>x</article></body></html>")
    (site / "stray.pdf").write_bytes(b"%PDF-1.7\n")
    (site / "made.pdf").write_bytes(b"%PDF-1.7\n")
    verifier = SiteVerifier(site, ("Maison Rivale",), None, frozenset({"made.pdf"}))
    assert verifier.check_documents({"made.pdf": "<p>Un bilan.</p>"}) == []
    assert [problem.text("fr") for problem in verifier.check_documents({"made.pdf": "<p>Avec Maison Rivale.</p>"})] \
        == ["made.pdf\u00a0: nomme «\u202fMaison Rivale\u202f», qui n'a pas sa place sur ce site"]
    assert [str(p) for p in verifier.finish() if ".pdf" in str(p)] == [
        "stray.pdf: a PDF pressbook did not make has no place in a published site"]


def test_without_weasyprint_the_sites_build_and_one_line_says_how_to_get_the_pdfs(tmp_path: Path,
                                                                                   monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEMO_EPOCH)
    monkeypatch.setattr(pdf_module, "engine_missing", lambda: pdf_module.HOW_TO_GET)
    root = copy_demo(tmp_path / "demo")
    result = CliRunner().invoke(cli, ["build", str(root), "--site", "client-herbier-de-lure"])
    assert result.exit_code == 0, result.output
    assert result.output.count(pdf_module.HOW_TO_GET) == 1
    site = root / "site" / "client-herbier-de-lure"
    assert not list(site.rglob("*.pdf"))
    assert "pb-report-pdf" not in (site / "campaigns" / "printemps-eclat-2026" / "report.html").read_text()
