def setup(workspace):
    # A card named index.md took the place of the influencers' list page on the internal site, and the
    # build said nothing.
    cards = workspace / "content" / "influencers"
    (cards / "index.md").write_text((cards / "lea-exemple.md").read_text(encoding="utf-8"), encoding="utf-8")
