"""What brands a site: the agency's logo (workspace.yml `logo`) and, on a client's site, the client's,
in the header and on the report's cover; a favicon made from the agency's logo. The colours are the
palette of the workspace's mkdocs.yml, which every site INHERITs (the CSS uses Material's variables)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Mapping

from ..model import Workspace
from .plan import SitePlan

FAVICON = "assets/favicon.png"


def publish_image(plan: SitePlan, reference: str, data: bytes) -> str:
    """Where the site publishes the image `reference` names: every image is redrawn as a PNG
    (sites/images.py), and its name says so (`logo.jpg` becomes `logo.png`, or `logo.jpg.png` beside
    another image already published as `logo.png`)."""
    published = str(PurePosixPath(reference).with_suffix(".png"))
    if plan.assets.get(published, data) != data:
        published = f"{reference}.png"
    plan.assets[published] = data
    return published


@dataclass(frozen=True)
class Brand:
    """The images a site's view names for its branding, re-encoded (sites/images.py), by their path under
    content/; `favicon`, made from the agency's logo."""

    images: Mapping[str, bytes] = field(default_factory=dict)
    favicon: bytes | None = None


def brand_site(plan: SitePlan, view: Workspace, brand: Brand, client_id: str | None = None) -> None:
    """Publish the logos of `view` into `plan` (the agency's, and `client_id`'s on its site) and say where,
    for the header (sites/config.py) and the pages (`plan.logos`: agency, client)."""
    settings = view.settings
    if settings.logo and settings.logo in brand.images:
        plan.logos["agency"] = publish_image(plan, settings.logo, brand.images[settings.logo])
        plan.logo_names["agency"] = settings.agency
    if client_id is not None:
        client = view.clients[client_id].client
        if client.logo and client.logo in brand.images:
            plan.logos["client"] = publish_image(plan, client.logo, brand.images[client.logo])
            plan.logo_names["client"] = client.name
    if brand.favicon is not None:
        plan.assets[FAVICON] = brand.favicon
        plan.favicon = FAVICON
