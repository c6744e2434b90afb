def setup(workspace):
    # A second card writes the first card's topics with a capital and a trailing space: the
    # comparison pages would have grouped them apart.
    cards = workspace / "content" / "influencers"
    card = (cards / "lea-exemple.md").read_text(encoding="utf-8")
    assert "topics: [beauté, lifestyle]" in card
    (cards / "zoe-exemple.md").write_text(card.replace("topics: [beauté, lifestyle]",
                                                       'topics: [Beauté, "lifestyle ", voyage]'), encoding="utf-8")
