"""Third-party text is shown as text on every page; agency Markdown renders, without raw HTML or
script links. The hostile strings go through every text field of a small workspace."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import build_on_demo_day

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> {{ 7*7 }} | # x --- [clic](javascript:alert(3))'


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pressbook.starter import write_starter

    root = tmp_path_factory.mktemp("hostile") / "ws"
    write_starter(root)
    content = root / "content"
    h = _yaml_text(HOSTILE)
    card = (content / "influencers" / "lea-exemple.md").read_text(encoding="utf-8")
    card = card.replace("name: Léa Exemple", f"name: {h}").replace("tone: Chaleureux et direct", f"tone: {h}")
    card = card.replace("topics: [beauté, lifestyle]", f"topics: [beauté, {h}]\nbrands: [{h}]\npersonality: {h}\n"
                        f"notes: {h}").replace("location: Nantes", f"location: {h}")
    card = card.replace("summary: Premier appel de présentation.", f"summary: {h}")
    card = card.replace("handle: lea.exemple", f"handle: {h}").replace("reel: 900", f"reel: 900\ncontact:\n"
                        f"  agent: {h}\n  phone: {h}")
    card = card.replace("next_step: Envoyer le brief", f"next_step: {h}")
    card += ("\nRaw HTML <b onclick=alert(4)>gras</b> <script>alert(5)</script>\n\n"
             "[ok](https://example.org) [bad](javascript:alert(6))\n\n"
             "[ref]: javascript:alert(7)\n\n{{ 7*7 }}\n\nUn paragraphe\n{: onclick=\"alert(8)\" }\n\n"
             "[lien](https://example.org){: onmouseover=\"alert(9)\" } et `{: code }`\n")
    (content / "influencers" / "lea-exemple.md").write_text(card, encoding="utf-8")
    client = (content / "clients" / "maison-exemple.yml").read_text(encoding="utf-8")
    client = client.replace("name: Camille Martin", f"name: {h}").replace("role: Responsable marketing", f"role: {h}")
    client += f"notes: {h}\n"
    (content / "clients" / "maison-exemple.yml").write_text(client, encoding="utf-8")
    brief = (content / "campaigns" / "lancement" / "brief.md").read_text(encoding="utf-8")
    brief = brief.replace("title: Lancement de la gamme Exemple", f"title: {h}")
    brief = brief.replace("  - Faire connaître la nouvelle gamme", f"  - {h}\ntarget: {h}\nkey_messages: [{h}]\nnotes: {h}")
    brief = brief.replace("disclosure: Collaboration commerciale avec @maison.exemple", f"disclosure: {h}")
    brief = brief.replace('hashtags: ["#MaisonExemple"]', f"hashtags: [{h}]")
    brief += "\n<iframe src=https://evil.example></iframe>\n"
    # A line of three backticks, never closed: what follows is Markdown to the sites all the same.
    brief += ("\n```\n\n<div style=\"background:url(https://evil.example/bg.png)\">fond</div>\n\n"
              "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n\n"
              "[méthode](javascript:void(0))\n")
    contract = (content / "campaigns" / "lancement" / "contracts" / "lea-exemple.yml").read_text(encoding="utf-8")
    contract = contract.replace("payment_terms: 30 jours fin de mois", f"payment_terms: {h}")
    contract = contract.replace("address: 1 rue de l'Exemple, 75001 Paris", f"address: {h}")
    (content / "campaigns" / "lancement" / "contracts" / "lea-exemple.yml").write_text(contract, encoding="utf-8")
    (content / "campaigns" / "lancement" / "brief.md").write_text(brief, encoding="utf-8")
    posts = (content / "campaigns" / "lancement" / "posts.csv").read_text(encoding="utf-8")
    quoted = HOSTILE.replace('"', '""')
    posts = posts.replace('"Collaboration commerciale avec @maison.exemple\nMa routine',
                          f'"Collaboration commerciale avec @maison.exemple\n{quoted}\n\n# titre\n| a | b |\n---\nMa routine')
    (content / "campaigns" / "lancement" / "posts.csv").write_text(posts, encoding="utf-8")
    build_on_demo_day(root)
    return root / "site" / "internal"


@pytest.fixture(scope="module")
def every_site(hostile_site: Path) -> list[Path]:
    return sorted(p for p in hostile_site.parent.iterdir() if p.is_dir())


def _pages(site: Path) -> list[tuple[str, BeautifulSoup]]:
    return [(p.relative_to(site).as_posix(), BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser"))
            for p in sorted(site.rglob("*.html"))]


def test_no_script_runs_from_content(every_site: list[Path]) -> None:
    assert [p.name for p in every_site] == ["client-maison-exemple", "internal", "public"]
    for name, page in (item for site in every_site for item in _pages(site)):
        for script in page.select("script"):
            if script.get("type") == "application/json":
                assert "</" not in script.get_text() and "<script" not in script.get_text(), name
                continue
            assert "alert" not in script.get_text(), name
            if script.get("src"):
                assert not re.match(r"(https?:)?//", script["src"]), name
        for tag in page.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], (name, tag.name, tag.attrs)
            for attribute in ("href", "src", "action", "formaction"):
                value = str(tag.get(attribute, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:text/html", "vbscript:")), (name, tag)
        assert not page.select("iframe"), name
        assert not page.select("img[src^=http]"), name


def test_hostile_text_is_displayed_literally(hostile_site: Path) -> None:
    client_card = dict(_pages(hostile_site.parent / "client-maison-exemple"))["influencers/lea-exemple.html"]
    assert client_card.select_one("article").get_text(" ").count("<script>alert(1)</script>") >= 3
    card = dict(_pages(hostile_site))["influencers/lea-exemple.html"]
    text = card.select_one("article").get_text(" ")
    assert text.count("<script>alert(1)</script>") >= 5  # name, tone, personality, location, notes, …
    assert "{{ 7*7 }}" in text and "49" not in text
    for path, minimum in (("campaigns/lancement/index.html", 5), ("campaigns/lancement/contracts.html", 2),
                          ("clients/maison-exemple.html", 2), ("journal.html", 2), ("index.html", 1)):
        page_text = dict(_pages(hostile_site))[path].select_one("article").get_text(" ")
        assert page_text.count("<script>alert(1)</script>") >= minimum, path
    title = card.select_one("title").get_text()
    assert title.startswith("<script>alert(1)</script>")
    posts = dict(_pages(hostile_site))["campaigns/lancement/posts.html"]
    caption = posts.select_one("td.pb-caption")
    assert "# titre" in caption.get_text() and "| a | b |" in caption.get_text()
    assert not posts.select("article h1 + h1, td h1, td table, td hr")


def test_agency_markdown_renders_without_html_or_script_links(hostile_site: Path) -> None:
    card = dict(_pages(hostile_site))["influencers/lea-exemple.html"]
    article = card.select_one("article")
    assert article.select_one("a[href='https://example.org']")
    assert not article.select("b[onclick]")
    assert "<b onclick=alert(4)>gras</b>" in article.get_text()
    assert "bad" in article.get_text() and not article.select("a[href^=javascript]")
    # Attribute lists, which MkDocs' Markdown reads, add no attribute: they stay text.
    assert not article.select("[onclick], [onmouseover]")
    assert '{: onclick="alert(8)" }' in article.get_text() and "`{: code }`" not in article.get_text()
    assert article.select_one("code").get_text() == "{: code }"
    brief = dict(_pages(hostile_site))["campaigns/lancement/index.html"]
    assert "<iframe src=https://evil.example></iframe>" in brief.select_one("article").get_text()
    article = brief.select_one("article")
    assert not article.select("div[style], meta, a[href^=javascript]")
    assert '<div style="background:url(https://evil.example/bg.png)">fond</div>' in article.get_text()
