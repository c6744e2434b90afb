"""The visibility guarantees at size M: a synthetic workspace of 1,000 influencers and 100 campaigns
(benchmarks/generate.py), with two planted clients whose every private field holds a canary.

A sample of the sites is built, to keep the suite short: the two planted clients' sites, one
generated client's site and the public site (the internal site, ten times larger, holds everything
by design). Each is scanned for every canary that must not be on it, in every encoding a value
could take."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from conftest import DEMO_EPOCH, ROOT
from pressbook.build import build
from test_leaks import CLIENT, INTERNAL, _found, _plant, canary

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import SIZES, generate  # noqa: E402

SAMPLE = ("client-client-alpha", "client-client-beta", "client-client-0000", "public")


@pytest.fixture(scope="module")
def m_sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = generate(tmp_path_factory.mktemp("scale") / "workspace", *SIZES["M"])
    for number, owner in enumerate(("alpha", "beta")):
        _plant(root, owner, f"client-{owner}", f"creatrice-{owner}", f"campagne-{owner}", f"{7391 + number}.13",
               "Client Alpha, Client Beta, Maison Tierce")
    os.environ["SOURCE_DATE_EPOCH"] = DEMO_EPOCH
    try:
        for name in SAMPLE:
            result = build(root, name)
            assert result.ok, [(site.name, site.log[:2000]) for site in result.sites] or result.problems[:5]
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root / "site"


def test_each_planted_client_site_holds_its_own_client_fields_only(m_sites: Path) -> None:
    for owner, other in (("alpha", "beta"), ("beta", "alpha")):
        site = m_sites / f"client-client-{owner}"
        own = [canary(owner, field) for field in CLIENT]
        assert _found(site, own) == set(own)
        forbidden = [canary(owner, f) for f in INTERNAL] + [canary(other, f) for f in INTERNAL + CLIENT]
        assert _found(site, forbidden + [f"Client {other.title()}", f"Créatrice {other.title()}"]) == set()
        # Nothing of the thousand generated influencers or hundred campaigns strays onto it either.
        assert _found(site, ["Créateur 0", "Campagne 0", "Client 00"]) == set()


def test_a_generated_client_site_and_the_public_site_hold_no_canary(m_sites: Path) -> None:
    tokens = [canary(owner, field) for owner in ("alpha", "beta") for field in INTERNAL + CLIENT]
    for name in ("client-client-0000", "public"):
        assert (m_sites / name / "index.html").is_file()
        assert _found(m_sites / name, tokens + ["Client Alpha", "Client Beta", "Créatrice Alpha"]) == set(), name
    # The generated client's own campaigns are there, and no other client's.
    assert list((m_sites / "client-client-0000" / "campaigns").glob("campagne-0000*"))
    assert not list((m_sites / "client-client-0000" / "campaigns").glob("campagne-0001*"))
