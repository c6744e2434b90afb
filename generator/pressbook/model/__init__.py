"""The domain: every entity of the workspace format, each field's type and visibility, declared once."""
from .campaign import (METRIC_NAMES, Brief, Contract, Deliverable, KpiTargets, Mention, MetricsSnapshot,
                       Party, Post, Quote, Report, RosterEntry, Showcase, UsageRights)
from .people import Client, Consent, Contact, Demographics, Influencer, Interaction, NetworkAccount
from .settings import Settings
from .amounts import Money
from .types import VISIBILITIES, Record, Visibility, visibility_of
from .workspace import Campaign, ClientFile, InfluencerCard, Text, Workspace

# The file models, by the name of the file they describe; the JSON Schemas and the key reference
# are generated from this table.
FILE_MODELS: dict[str, type[Record]] = {
    "workspace.yml": Settings,
    "clients/<client>.yml": Client,
    "influencers/<influencer>.md": Influencer,
    "campaigns/<campaign>/brief.md": Brief,
    "campaigns/<campaign>/contracts/<influencer>.yml": Contract,
    "campaigns/<campaign>/posts.csv": Post,
    "campaigns/<campaign>/metrics.csv": MetricsSnapshot,
    "campaigns/<campaign>/mentions.csv": Mention,
    "campaigns/<campaign>/report.md": Report,
    "campaigns/<campaign>/showcase.md": Showcase,
}

__all__ = [
    "FILE_MODELS", "METRIC_NAMES", "VISIBILITIES", "Brief", "Campaign", "Client", "ClientFile", "Consent",
    "Contact", "Contract", "Deliverable", "Demographics", "Influencer", "InfluencerCard", "Interaction",
    "KpiTargets", "Mention", "MetricsSnapshot", "Money", "NetworkAccount", "Party", "Post", "Quote",
    "Record", "Report", "RosterEntry", "Settings", "Showcase", "Text", "UsageRights", "Visibility",
    "Workspace", "visibility_of",
]
