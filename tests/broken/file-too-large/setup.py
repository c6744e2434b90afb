def setup(workspace):
    card = workspace / "content" / "influencers" / "lea-exemple.md"
    card.write_text(card.read_text(encoding="utf-8") + "Une très longue ligne de portrait.\n" * 40000, encoding="utf-8")
