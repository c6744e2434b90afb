"""pressbook: an influencer-marketing agency's workspace, checked and published as static sites."""

__version__ = "0.1.0"
